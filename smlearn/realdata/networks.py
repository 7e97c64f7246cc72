"""Real follow and interaction networks and follower counts: how two-way, how unequal.

- **Follow and interaction networks** (``us_senate_follows``, ``uk_mps_interactions``):
  :func:`reciprocity` (how many ties are returned), :func:`same_group_share` and
  :func:`in_degree_summary` (how unequal the incoming ties are).
- **Follower counts** (``uk_mps``): :func:`mp_followers` and :func:`inequality_summary`.
- **Side by side**: :func:`compare_directed` puts networks and audiences in one table
  (reciprocity and how unequal the incoming ties are), so real and generated networks
  can be read together.
"""

from __future__ import annotations

from smlearn.realdata._checks import _check_columns

def senate_network():
    """Who follows whom among 91 US senators on Twitter: a directed graph (party, state on each)."""
    from smlearn.data import load_network

    return load_network("us_senate_follows")


def mp_interaction_network():
    """Who retweeted, mentioned or replied to whom among 585 UK MPs (2022): directed, weighted.

    Each MP carries ``party``, ``constituency``, ``name`` and ``followers``; each tie a
    ``weight`` (how many interactions).
    """
    from smlearn.data import load_network

    return load_network("uk_mps_interactions")


def _check_directed(G):
    import networkx as nx

    if not isinstance(G, nx.DiGraph):
        raise TypeError(f"G must be a directed networkx graph (a DiGraph); got {type(G).__name__}")
    if G.number_of_edges() == 0:
        raise ValueError("G has no ties: reciprocity and in-degrees need at least one")


def reciprocity(G):
    """Return the share of one-way ties whose reverse tie is there too (0 to 1).

    A follow from A to B is *returned* when B also follows A. In a network of
    friendships every tie is returned (1.0); in a follower network most are not.
    Ties from someone to themselves are left out.

    Parameters
    ----------
    G : networkx.DiGraph

    Raises
    ------
    TypeError
        If ``G`` is not a directed graph.
    ValueError
        If ``G`` has no ties.
    """
    import networkx as nx

    _check_directed(G)
    if nx.number_of_selfloops(G):        # a tie to oneself is not a follow returned
        G = G.copy()
        G.remove_edges_from(list(nx.selfloop_edges(G)))
    if G.number_of_edges() == 0:
        raise ValueError("G has only self-ties: reciprocity needs a tie between two people")
    return float(nx.reciprocity(G))


def same_group_share(G, attribute):
    """Return the share of ties that join two people of the same group (e.g. the same party).

    Compare it with the share expected if ties ignored groups: with two equal groups,
    about a half.

    Parameters
    ----------
    G : networkx.DiGraph
    attribute : str
        A node attribute every person has, e.g. ``"party"``.

    Raises
    ------
    ValueError
        If someone at the end of a tie lacks ``attribute``.
    """
    _check_directed(G)
    if not isinstance(attribute, str):
        raise TypeError(f"attribute must be the name of a node attribute, e.g. 'party'; got {attribute!r}")
    same = 0
    ties = 0
    for u, v in G.edges():
        if u == v:
            continue
        for person in (u, v):
            if attribute not in G.nodes[person]:
                raise ValueError(f"attribute {attribute!r} is missing for {person!r}; the node has {sorted(G.nodes[person])}")
        ties += 1
        if G.nodes[u][attribute] == G.nodes[v][attribute]:
            same += 1
    if ties == 0:
        raise ValueError("G has only self-ties: nothing to compare")
    return same / ties


def inequality_summary(values):
    """Return how unequal ``values`` are: count, median, max, Gini, top 1 % and top 10 % shares.

    Parameters
    ----------
    values : list of numbers >= 0
        Followers per account, views per question, in-degrees...

    Returns
    -------
    pandas.Series
        ``count``, ``median``, ``max``, ``gini`` (0 = everyone equal, near 1 = one has
        all), ``top1_share`` and ``top10_share`` (the share of the total held by the
        top 1 % and 10 %, at least one value each).

    Raises
    ------
    ValueError
        If ``values`` is empty, has a missing, negative or non-numeric value.
    """
    import numpy as np
    import pandas as pd

    from smlearn.models.inequality import gini, top_share

    try:
        x = np.asarray(pd.Series(values, dtype="float64"), dtype=float)
    except (TypeError, ValueError) as error:
        raise ValueError(f"values must be numbers; {error}") from None
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"values must be a non-empty list of numbers; got {x.size} values")
    if np.isnan(x).any():
        raise ValueError("values has a missing value; drop it first")
    return pd.Series({
        "count": int(x.size),
        "median": float(np.median(x)),
        "max": float(x.max()),
        "gini": gini(x),
        "top1_share": top_share(x, 0.01),
        "top10_share": top_share(x, 0.10),
    })


def in_degree_summary(G, *, weight=None):
    """Return how unequal the incoming ties of ``G`` are (see :func:`inequality_summary`).

    Parameters
    ----------
    G : networkx.DiGraph
    weight : str or None
        None counts ties (followers in the network); ``"weight"`` adds up the ties'
        weights instead (interactions received).
    """
    _check_directed(G)
    if weight is not None and not isinstance(weight, str):
        raise TypeError(f"weight must be None or the name of a tie attribute; got {weight!r}")
    received = []
    for person, amount in G.in_degree(weight=weight):
        received.append(amount)
    return inequality_summary(received)


def mp_followers(people=None):
    """Return each UK MP's Twitter followers (May 2022) as a Series indexed by screen name.

    Parameters
    ----------
    people : pandas.DataFrame, optional
        The ``uk_mps`` table; loaded when not given.
    """
    if people is None:
        from smlearn.data import load

        people = load("uk_mps")
    _check_columns(people, ["screen_name", "followers_count"], "people")
    followers = people.set_index("screen_name")["followers_count"].astype("int64")
    followers.name = "followers"
    return followers


def compare_directed(graphs, audiences=None):
    """Return one row per network or audience: reciprocity and how unequal the incoming ties are.

    Parameters
    ----------
    graphs : dict of str -> networkx.DiGraph
        Named directed networks (an undirected one can be passed as ``G.to_directed()``:
        every tie then runs both ways). Ties to oneself are left out of reciprocity.
    audiences : dict of str -> list of numbers, optional
        Named follower counts with no network behind them (who follows is not recorded):
        their reciprocity is missing (NaN), not 0.

    Returns
    -------
    pandas.DataFrame
        Columns ``people``, ``reciprocity``, ``median`` and ``max`` incoming ties,
        ``gini``, ``top1_share`` and ``top10_share`` (see :func:`inequality_summary`).

    Raises
    ------
    TypeError
        If ``graphs`` or ``audiences`` is not a dict, or a network is not directed.
    ValueError
        If ``graphs`` and ``audiences`` are both empty, or a network has no ties.

    Examples
    --------
    >>> import networkx as nx
    >>> pair = nx.DiGraph([("a", "b"), ("b", "a"), ("c", "a")])
    >>> compare_directed({"pair": pair}, {"fans": [0, 0, 10]})[["people", "reciprocity", "max"]]
          people  reciprocity   max
    pair     3.0     0.666667   2.0
    fans     3.0          NaN  10.0
    """
    import pandas as pd

    if not isinstance(graphs, dict):
        raise TypeError(f"graphs must be a dict {{name: directed graph}}; got {type(graphs).__name__}")
    if audiences is None:
        audiences = {}
    if not isinstance(audiences, dict):
        raise TypeError(f"audiences must be None or a dict {{name: follower counts}}; got {type(audiences).__name__}")
    if not graphs and not audiences:
        raise ValueError("graphs and audiences are both empty: give at least one network or audience")
    rows = {}
    for name, G in graphs.items():
        summary = in_degree_summary(G)
        rows[name] = {"people": float(G.number_of_nodes()), "reciprocity": reciprocity(G)}
        for column in ("median", "max", "gini", "top1_share", "top10_share"):
            rows[name][column] = float(summary[column])
    for name, values in audiences.items():
        summary = inequality_summary(values)
        rows[name] = {"people": float(summary["count"]), "reciprocity": float("nan")}
        for column in ("median", "max", "gini", "top1_share", "top10_share"):
            rows[name][column] = float(summary[column])
    return pd.DataFrame(rows).T
