"""PageRank on a real network: does rank by links agree with counting links, and with followers?

Lesson 06 ranks pages by PageRank: a link is a vote, weighted by the rank of whoever
casts it. On a real network of people (who retweets, mentions or replies to whom among
UK MPs, ``uk_mps_interactions``) the same sum can be done, and set beside two plainer
measures: how many colleagues link to someone, and how many members of the public
follow them.

- :func:`rank_table`: one row per person, with PageRank, links received, followers and
  each one's position (1 = the top).
- :func:`rank_correlation`: Spearman's rank correlation between two columns of a table
  (1 = the same order, 0 = no relation, -1 = the reverse order).
- :func:`rank_agreement`: the rank correlation of every pair of measures at once.
- :func:`rank_correlation_interval`: a 95 % interval for a rank correlation, to tell a
  difference from noise.

Examples
--------
>>> import networkx as nx
>>> web = nx.DiGraph([("club", "shop"), ("club", "guide"), ("guide", "shop"), ("news", "shop"), ("shop", "guide")])
>>> table = rank_table(web)
>>> table["position_pagerank"].to_dict()
{'shop': 1, 'guide': 2, 'club': 3, 'news': 3}
>>> table["links_in"].to_dict()
{'shop': 3, 'guide': 2, 'club': 0, 'news': 0}
"""

from __future__ import annotations

from smlearn.realdata._checks import _check_columns

__all__ = ["rank_table", "rank_correlation", "rank_agreement", "rank_correlation_interval", "rank_sources"]


def _followers_by_person(G, followers):
    """Followers for every node of G: from ``followers`` (dict or Series) or the node attribute."""
    import pandas as pd

    if followers is None:
        found = {}
        for person, attributes in G.nodes(data=True):
            if "followers" not in attributes:
                return None          # not every person has a follower count: leave the column out
            found[person] = attributes["followers"]
        followers = found
    if not isinstance(followers, (dict, pd.Series)):
        raise TypeError(f"followers must be None, a dict or a pandas Series (person -> followers); "
                        f"got {type(followers).__name__}")
    followers = pd.Series(followers, dtype="object")
    missing = []
    for person in G.nodes():
        if person not in followers.index:
            missing.append(person)
    if missing:
        raise ValueError(f"followers has no count for {len(missing)} person(s), e.g. {missing[:3]}")
    counts = pd.to_numeric(followers.reindex(list(G.nodes())), errors="coerce")
    if counts.isna().any() or (counts < 0).any():
        raise ValueError("followers must hold a number >= 0 for every person")
    if (counts % 1 == 0).all():       # whole counts read best without ".0"
        return counts.astype("int64")
    return counts.astype(float)


def rank_table(G, followers=None, *, damping=0.85, weight="weight"):
    """Rank everyone in a directed network by PageRank, by links received and by followers.

    Parameters
    ----------
    G : networkx.DiGraph
        Who links to whom (a tie from A to B: A retweets, mentions or links to B).
    followers : dict or pandas.Series, optional
        Followers of each person (person -> count >= 0). When not given, the node
        attribute ``followers`` is used if every person has it; otherwise the table has
        no followers column.
    damping : float, default 0.85
        The random surfer's damping, strictly between 0 and 1 (see
        :func:`smlearn.models.links.pagerank`).
    weight : str or None, default "weight"
        The tie attribute holding how many times A linked to B; None counts every tie once.

    Returns
    -------
    pandas.DataFrame
        Indexed by person, sorted by PageRank (highest first): ``name`` and ``party`` when
        the nodes have them, ``pagerank`` (sums to 1), ``links_in`` (how many people link
        to this one: ties, not their weights), ``followers`` (when known), and for each
        measure ``position_...`` (1 = the highest; equal values share the better position).

    Raises
    ------
    TypeError
        If ``G`` is not a directed graph, or ``followers`` is not a dict or Series.
    ValueError
        If ``G`` has no ties, or ``followers`` misses someone or holds a negative count.
    """
    import networkx as nx
    import pandas as pd

    from smlearn.models.links import pagerank

    if not isinstance(G, nx.DiGraph):
        raise TypeError(f"G must be a directed networkx graph (a DiGraph); got {type(G).__name__}")
    if G.number_of_edges() == 0:
        raise ValueError("G has no ties: PageRank by links needs at least one")
    counts = _followers_by_person(G, followers)
    rank = pagerank(G, damping=damping, weight=weight)
    table = pd.DataFrame(index=pd.Index(list(G.nodes()), name="person"))
    for attribute in ("name", "party"):
        values = nx.get_node_attributes(G, attribute)
        if len(values) == G.number_of_nodes():
            table[attribute] = pd.Series(values).astype(str).str.strip()
    table["pagerank"] = rank
    received = {}
    for person, amount in G.in_degree():        # how many people link to each one
        received[person] = amount
    table["links_in"] = pd.Series(received)
    measures = ["pagerank", "links_in"]
    if counts is not None:
        table["followers"] = counts
        measures.append("followers")
    for measure in measures:
        table[f"position_{measure}"] = table[measure].rank(ascending=False, method="min").astype(int)
    return table.sort_values(["pagerank", "links_in"], ascending=False, kind="stable")


def rank_correlation(table, first, second):
    """Spearman's rank correlation between two columns of ``table`` (from -1 to 1).

    Each column is replaced by its ranks (ties share the average rank), then the usual
    correlation of the two rank lists is taken: 1 when the two orders are the same, -1 when
    one is the other reversed, near 0 when the order of one says nothing of the other.

    Parameters
    ----------
    table : pandas.DataFrame
        For example from :func:`rank_table` (or some of its rows, e.g. one party).
    first, second : str
        Two numeric columns, e.g. ``"pagerank"`` and ``"followers"``.

    Raises
    ------
    ValueError
        If a column is missing, the table has fewer than 3 rows, or a column has one value only.

    Examples
    --------
    >>> import pandas as pd
    >>> round(rank_correlation(pd.DataFrame({"a": [1, 2, 3, 4], "b": [20, 10, 40, 30]}), "a", "b"), 3)
    0.6
    """
    _check_columns(table, [], "table")
    for name, column in (("first", first), ("second", second)):
        if not isinstance(column, str):
            raise TypeError(f"{name} must be a column name, e.g. 'pagerank'; got {column!r}")
        if column not in table.columns:
            raise ValueError(f"{name} must be a column of table; {column!r} is not one of {list(table.columns)}")
    if len(table) < 3:
        raise ValueError(f"table must have at least 3 rows to rank; got {len(table)}")
    for column in (first, second):
        if table[column].nunique() < 2:
            raise ValueError(f"column {column!r} has a single value: there is no order to compare")
    return float(table[first].corr(table[second], method="spearman"))


def rank_agreement(table, measures=None):
    """The rank correlation (Spearman) of every pair of measures in ``table``: a square table.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`rank_table`.
    measures : list of str, optional
        The columns to compare; ``pagerank``, ``links_in`` and ``followers`` (those present)
        when not given.
    """
    _check_columns(table, [], "table")
    if len(table) == 0:
        raise ValueError("table has no rows: nothing to rank")
    if measures is None:
        measures = []
        for column in ("pagerank", "links_in", "followers"):
            if column in table.columns:
                measures.append(column)
    if isinstance(measures, str) or not isinstance(measures, (list, tuple)) or len(measures) < 2:
        raise ValueError(f"measures must be a list of at least two column names; got {measures!r}")
    for column in measures:
        if not isinstance(column, str) or column not in table.columns:
            raise ValueError(f"measures must name columns of table; {column!r} is not one of {list(table.columns)}")
    import pandas as pd

    result = pd.DataFrame(index=list(measures), columns=list(measures), dtype=float)
    for a in measures:
        for b in measures:
            result.loc[a, b] = rank_correlation(table, a, b)
    return result


def rank_correlation_interval(table, first, second, *, level=0.95):
    """A confidence interval for Spearman's rank correlation of two columns: (low, high).

    Fisher's z: ``z = atanh(rho)`` is close to normal. For Spearman's correlation its
    standard error is ``sqrt((1 + rho**2 / 2) / (n - 3))`` (Bonett and Wright 2000,
    *Psychometrika* 65, 23-28), a little wider than Pearson's ``1 / sqrt(n - 3)``. The
    interval is ``tanh(z -+ q * se)``, with ``q`` the normal quantile for ``level``.

    Treat it as a yardstick: the people in ``table`` are not a random sample of anything,
    so it says how much a correlation moves with who happens to be in the table.

    Parameters
    ----------
    table : pandas.DataFrame
        At least 4 rows (``n - 3`` must be positive).
    first, second : str
        Two numeric columns.
    level : float, default 0.95
        Strictly between 0 and 1.

    Raises
    ------
    ValueError
        As :func:`rank_correlation`; also if ``table`` has fewer than 4 rows or ``level``
        is not strictly between 0 and 1.

    Examples
    --------
    >>> import pandas as pd
    >>> low, high = rank_correlation_interval(pd.DataFrame({"a": range(20), "b": [0, 2, 1, 4, 3, 5, 7, 6, 9, 8] * 2}), "a", "b")
    >>> round(low, 2), round(high, 2)
    (0.01, 0.77)
    """
    import math

    from scipy.stats import norm

    if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0 < level < 1:
        raise ValueError(f"level must be a number strictly between 0 and 1, e.g. 0.95; got {level!r}")
    rho = rank_correlation(table, first, second)         # checks the table and the columns
    n = len(table)
    if n < 4:
        raise ValueError(f"table must have at least 4 rows for an interval; got {n}")
    if abs(rho) >= 1:                                   # a perfect order: z is infinite
        return (rho, rho)
    z = math.atanh(rho)
    se = math.sqrt((1 + rho * rho / 2) / (n - 3))
    q = float(norm.ppf(0.5 + level / 2))
    return (math.tanh(z - q * se), math.tanh(z + q * se))


def rank_sources(G, person, *, damping=0.85, weight="weight"):
    """Where one person's PageRank comes from: the share brought by each person who links to them.

    A linker ``u`` hands on ``damping * rank[u] * w(u, person) / w(u)`` (``w(u)``: all of
    ``u``'s links, weighted): a vote weighted by the voter's own rank and split over the
    voter's links. Divided by ``person``'s PageRank, that is the share of it ``u`` brings.
    The rest comes from the random jumps and from people who link to nobody.

    Parameters
    ----------
    G : networkx.DiGraph
    person : a node of G
    damping : float, default 0.85
    weight : str or None, default "weight"

    Returns
    -------
    pandas.Series
        Indexed by linker, largest share first, named "share"; the shares add up to less than 1.

    Raises
    ------
    TypeError
        If ``G`` is not a directed graph.
    ValueError
        If ``G`` has no ties, or ``person`` is not in it.

    Examples
    --------
    >>> import networkx as nx
    >>> web = nx.DiGraph([("club", "shop"), ("club", "guide"), ("guide", "shop"), ("news", "shop"), ("shop", "guide")])
    >>> rank_sources(web, "guide").round(3).to_dict()
    {'shop': 0.882, 'club': 0.035}
    """
    import networkx as nx
    import pandas as pd

    from smlearn.models.links import pagerank

    if not isinstance(G, nx.DiGraph):
        raise TypeError(f"G must be a directed networkx graph (a DiGraph); got {type(G).__name__}")
    if G.number_of_edges() == 0:
        raise ValueError("G has no ties: PageRank by links needs at least one")
    if isinstance(person, bool):      # True == 1 in Python: refuse it rather than read it as person 1
        raise TypeError(f"person must be a node of G, not a truth value; got {person!r}")
    try:
        known = person in G
    except TypeError:
        known = False
    if not known:
        raise ValueError(f"person {person!r} is not in G")
    rank = pagerank(G, damping=damping, weight=weight)
    shares = {}
    for linker in G.predecessors(person):
        given = 1.0 if weight is None else G[linker][person].get(weight, 1.0)
        out = G.out_degree(linker, weight=weight)
        shares[linker] = damping * float(rank[linker]) * given / out / float(rank[person])
    result = pd.Series(shares, dtype=float, name="share")
    return result.sort_values(ascending=False, kind="stable")
