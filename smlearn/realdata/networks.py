"""Real follow and interaction networks and follower counts: how two-way, how unequal.

- **Follow and interaction networks** (``us_senate_follows``, ``uk_mps_interactions``):
  :func:`reciprocity` (how many ties are returned), :func:`same_group_share` and
  :func:`in_degree_summary` (how unequal the incoming ties are).
- **Follower counts** (``uk_mps``): :func:`mp_followers` and :func:`inequality_summary`.
- **Side by side**: :func:`compare_directed` puts networks and audiences in one table
  (density, reciprocity and how far it beats chance, :func:`reciprocity_beyond_chance`,
  and how unequal the incoming ties are), so real and generated networks can be read
  together; :func:`readable` shows such a table with thousands separators.
"""

from __future__ import annotations

from smlearn.realdata._checks import _check_columns

__all__ = ["senate_network", "mp_interaction_network", "reciprocity", "reciprocity_beyond_chance",
           "same_group_share", "inequality_summary", "in_degree_summary", "mp_followers", "compare_directed",
           "readable"]

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


def reciprocity_beyond_chance(G):
    """Return how far reciprocity rises above what random follows would give (Garlaschelli and Loffredo).

    In a dense network many follows are returned by chance alone: if a share d of all
    possible follows exist (the density), a random follow is returned with chance about d.
    Garlaschelli and Loffredo (2004) measure reciprocity against that baseline::

        rho = (reciprocity - density) / (1 - density)

    1 means every follow is returned, 0 no more than chance, below 0 fewer than chance.
    The density counts ordered pairs of different people, n (n - 1) of them; ties to
    oneself are left out of both numbers.

    Parameters
    ----------
    G : networkx.DiGraph

    Returns
    -------
    float
        NaN when every possible follow is there (density 1): nothing is left to compare.

    Raises
    ------
    TypeError
        If ``G`` is not a directed graph.
    ValueError
        If ``G`` has no ties between two people.

    Examples
    --------
    >>> import networkx as nx
    >>> trio = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c")])   # 2 of 3 follows returned, 3 of 6 possible
    >>> round(reciprocity_beyond_chance(trio), 3)                   # (2/3 - 1/2) / (1 - 1/2)
    0.333
    """
    import networkx as nx

    r = reciprocity(G)                     # checks G and leaves out ties to oneself
    people = G.number_of_nodes()
    ties = G.number_of_edges() - nx.number_of_selfloops(G)
    density = ties / (people * (people - 1))
    if density >= 1:
        return float("nan")
    return (r - density) / (1 - density)


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
        Columns ``people``; ``density`` (the share of possible follows that exist, so the
        share of follows random following would return), ``reciprocity`` and
        ``beyond_chance`` (:func:`reciprocity_beyond_chance`); ``median`` and ``max``
        incoming ties, ``gini``, ``top1_share`` and ``top10_share`` (see
        :func:`inequality_summary`). Audiences have no density or reciprocity (NaN).

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
    >>> compare_directed({"pair": pair}, {"fans": [0, 0, 10]})[["people", "density", "reciprocity", "max"]]
          people  density  reciprocity  max
    pair       3      0.5     0.666667    2
    fans       3      NaN          NaN   10
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
    import networkx as nx

    rows = {}
    for name, G in graphs.items():
        summary = in_degree_summary(G)
        people = G.number_of_nodes()
        ties = G.number_of_edges() - nx.number_of_selfloops(G)
        rows[name] = {"people": people, "density": ties / (people * (people - 1)),
                      "reciprocity": reciprocity(G), "beyond_chance": reciprocity_beyond_chance(G)}
        for column in ("median", "max", "gini", "top1_share", "top10_share"):
            rows[name][column] = float(summary[column])
    for name, values in audiences.items():
        summary = inequality_summary(values)
        rows[name] = {"people": int(summary["count"]), "density": float("nan"), "reciprocity": float("nan"),
                      "beyond_chance": float("nan")}
        for column in ("median", "max", "gini", "top1_share", "top10_share"):
            rows[name][column] = float(summary[column])
    table = pd.DataFrame.from_dict(rows, orient="index")
    # Counts of people and the largest count are whole numbers: keep them so (no "6.40e+01").
    table["people"] = table["people"].astype("int64")
    table["max"] = table["max"].round().astype("int64")
    return table


def readable(table, decimals=2):
    """Return ``table`` ready to read: whole numbers with thousands separators, others rounded.

    A column whose values are all whole numbers shows as ``4,461,698``; any other
    number column shows ``decimals`` places; a missing value shows as a blank.

    Parameters
    ----------
    table : pandas.DataFrame
    decimals : int
        Places for the columns that are not whole numbers (0 to 6).

    Returns
    -------
    pandas.io.formats.style.Styler
        The same numbers, only displayed differently (``.data`` gives the table back).

    Raises
    ------
    TypeError
        If ``table`` is not a DataFrame.
    ValueError
        If ``decimals`` is not a whole number from 0 to 6.
    """
    import numpy as np
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame; got {type(table).__name__}")
    if isinstance(decimals, bool) or not isinstance(decimals, (int, np.integer)) or not 0 <= decimals <= 6:
        raise ValueError(f"decimals must be a whole number from 0 to 6; got {decimals!r}")
    formats = {}
    for column in table.columns:
        values = table[column]
        if not pd.api.types.is_numeric_dtype(values):
            continue
        present = values.dropna()
        if len(present) and bool((present == present.round()).all()):
            formats[column] = "{:,.0f}"
        else:
            formats[column] = "{:,.%df}" % decimals
    # A fixed id, made from the table's labels, so the same table gives the same HTML every run.
    import hashlib

    labels = repr((list(table.columns), list(table.index))).encode("utf-8")
    return table.style.format(formats, na_rep="").set_uuid(hashlib.sha1(labels).hexdigest()[:8])
