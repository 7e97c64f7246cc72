r"""Who is connected: friendship networks, follower networks, and how to measure them.

The claim
---------
The source articles say that **social networking** is two-way: ties between people who
know each other, usually people who share friends. **Social media** is one-to-many: an
account broadcasts to followers who need not know it, or each other. This module turns
both pictures into networks you can generate, compare and measure.

The two generators
------------------
*Friendship network* (Watts and Strogatz's small world [1]_). Put ``n`` people on a
circle and tie each to the ``mean_degree / 2`` nearest people on either side: friends of
friends are friends (high clustering), but news crosses the circle slowly. Then move
the far end of each tie, with probability ``rewire``, to a random person: a few such
shortcuts make the world small. Ties are undirected: if Ana knows Ben, Ben knows Ana.

*Follower network* (preferential attachment [2]_ [3]_). People join one at a time and
each newcomer follows ``m = mean_degree / 2`` accounts already there, picked with
probability proportional to

.. math::

    \text{followers}_v + m ,

so accounts that are already popular gain followers fastest ("the rich get richer").
A followed account follows back with probability ``follow_back``. An edge ``u -> v``
means *u follows v*: ``v``'s in-degree counts its followers, and ``v``'s posts reach
``u``. The in-degree has a heavy tail, :math:`P(k) \sim k^{-3}`.

Both have the same number of people and (counting a tie either way) the same mean
number of ties per person, so their differences come from structure alone.

The measures
------------
:func:`measures` returns one row per network: reciprocity (the share of ties that go
both ways), clustering (the average chance that two of your contacts know each other,
and transitivity, the share of closed triangles), the mean shortest path (hops between
two people), degree statistics, the Gini coefficient of followers (0 = equal, 1 = one
account has them all), the share of all followers held by the top 1 % of accounts, and
the sizes of the components. A follower network is measured as directed: its clustering
counts triangles whichever way their follows run, and its paths follow the arrows.
:mod:`smlearn.models.degree_tails` fits a power law to the tail of the followers and
says whether one fits at all.

Every default in :data:`PARAMS` is ILLUSTRATIVE: chosen so that the two networks can be
compared on a laptop, not measured on a real platform.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the friendship network models
``ties-two-way``: ties that run both ways between people who share friends. The follower
network models ``find-broadcast``: one-way follows of accounts that people found.

References
----------
.. [1] Watts, D. J. and Strogatz, S. H. (1998). Collective dynamics of 'small-world'
   networks. Nature 393, 440-442.
.. [2] Barabási, A.-L. and Albert, R. (1999). Emergence of scaling in random networks.
   Science 286, 509-512.
.. [3] Price, D. de S. (1976). A general theory of bibliometric and other cumulative
   advantage processes. J. Am. Soc. Inf. Sci. 27, 292-306.

Examples
--------
>>> from smlearn.models import networks
>>> friends = networks.friendship_network(seed=1)
>>> fans = networks.follower_network(seed=1)
>>> table = networks.compare({"friendship": friends, "follower": fans}, seed=1)
>>> table[["reciprocity", "clustering", "top1_share"]].round(2)
            reciprocity  clustering  top1_share
network
friendship          1.0        0.45        0.01
follower            0.1        0.02        0.17
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smlearn.models.inequality import gini, top_share   # part of this module's measures (and its __all__)
from smlearn.params import (FrozenParams, Param, check_items, check_number, check_params, check_seed,
                            check_text, defaults_from)
from smlearn.profile import apply_profile

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("ties-two-way", "find-broadcast")

__all__ = ["simulate", 
    "PARAMS", "KINDS", "MAX_TIES", "MAX_PEOPLE", "friendship_network", "follower_network", "random_network", "lattice_network", "make_network",
    "shuffle_keeping_degrees", "adjacency", "measures", "compare", "gini", "top_share",
    "PATH_SEED",
    "degrees", "project_bipartite", "NetworkPair",
    "SMALL_WORLD_PS", "small_world_curve",
]

# One record per parameter (default, range, step, label, unit, meaning). ILLUSTRATIVE defaults.
_PARAM_LIST = [
    Param("n", 1000, 50, 100_000, 50, "People", "people",
          "How many people (nodes) the network has."),
    Param("mean_degree", 6, 2, 20, 2, "Ties per person", "ties/person",
          "The mean number of people each person is tied to, counting a tie either way."),
    Param("rewire", 0.1, 0.0, 1.0, 0.01, "Shortcuts", "share of ties",
          "Friendship network: the share of ties moved to a random person (0 = a pure circle of neighbours)."),
    Param("follow_back", 0.05, 0.0, 1.0, 0.01, "Follow-back chance", "probability",
          "Follower network: the chance that a followed account follows its new follower back."),
]
PARAMS: dict[str, Param] = apply_profile("networks", {p.name: p for p in _PARAM_LIST})

KINDS = ("friendship", "follower")

# The biggest network the generators build: as many ties as the largest friendship network
# the sliders allow (100,000 people x 20 ties / 2). A networkx graph this size takes a few
# seconds and about a gigabyte; more would not finish in a lesson.
MAX_TIES = 1_000_000
MAX_PEOPLE = 1_000_000


# ---- Checks shared by every function --------------------------------------------------

def _check_graph(G, name="G", *, undirected=False):
    """Raise a clear error unless ``G`` is a non-empty networkx graph (undirected if asked)."""
    import networkx as nx

    if not isinstance(G, nx.Graph):
        raise TypeError(f"{name} must be a networkx graph; got {type(G).__name__}")
    if G.number_of_nodes() == 0:
        raise ValueError(f"{name} is an empty graph (0 nodes); it needs at least one person")
    if undirected and G.is_directed():
        raise ValueError(f"{name} must be an undirected graph (ties both ways); got a directed "
                         f"{type(G).__name__}. Use G.to_undirected() if you mean to ignore direction")


# ---- Generators ---------------------------------------------------------------------------

@defaults_from(PARAMS)
def friendship_network(n, mean_degree, rewire, *, seed=None):
    """Return a friendship network: a ring of neighbours with a few random shortcuts.

    Parameters
    ----------
    n : int
        People (nodes 0 .. n-1).
    mean_degree : int
        Ties per person, even: each person starts tied to ``mean_degree / 2``
        neighbours on each side.
    rewire : float
        Probability that a tie's far end is moved to a random person (Watts-Strogatz ``p``).
    seed : None, int or numpy.random.Generator
        Seed of the one generator used for every draw.

    Returns
    -------
    networkx.Graph
        Undirected; ``G.graph["kind"] == "friendship"``.

    Raises
    ------
    TypeError
        If a parameter is not a number of the right kind, or ``seed`` is invalid.
    ValueError
        If a parameter is outside its range (see :data:`PARAMS`).

    Examples
    --------
    With no shortcuts each person has exactly ``mean_degree`` friends, and friends of
    friends are friends: 3(k-2)/(4(k-1)) = 0.6 of the possible triangles are closed.

    >>> G = friendship_network(100, 6, 0.0, seed=1)
    >>> sorted(set(d for _, d in G.degree()))
    [6]
    >>> round(float(measures(G)["clustering"]), 2)
    0.6
    """
    p = check_params(PARAMS, {"n": n, "mean_degree": mean_degree, "rewire": rewire})
    rng = check_seed(seed)
    import networkx as nx

    G = nx.watts_strogatz_graph(p["n"], p["mean_degree"], p["rewire"], seed=rng)
    G.graph.update(kind="friendship", params=FrozenParams(p))
    return G


@defaults_from(PARAMS)
def follower_network(n, mean_degree, follow_back, *, seed=None):
    """Return a follower network grown by preferential attachment; an edge u -> v means u follows v.

    Each newcomer follows ``m = mean_degree / 2`` distinct accounts, each picked with
    probability proportional to (its followers + m); then each followed account
    follows back with probability ``follow_back``.

    Parameters
    ----------
    n : int
        People (nodes 0 .. n-1, in the order they joined).
    mean_degree : int
        Ties per person counting either way (each newcomer follows ``mean_degree / 2``).
    follow_back : float
        The chance that a followed account follows back.
    seed : None, int or numpy.random.Generator
        Seed of the one generator used for every draw.

    Returns
    -------
    networkx.DiGraph
        ``G.graph["kind"] == "follower"``.

    Raises
    ------
    TypeError
        If a parameter is not a number of the right kind, or ``seed`` is invalid.
    ValueError
        If a parameter is outside its range (see :data:`PARAMS`).

    Examples
    --------
    The first accounts collect most followers; most accounts have only a few:

    >>> G = follower_network(2000, 6, 0.0, seed=2)
    >>> followers = np.array([d for _, d in G.in_degree()])
    >>> int(np.median(followers)), int(followers.max()) > 50
    (1, True)
    >>> G.number_of_edges() == 3 * (2000 - 3)     # m = 3 follows per newcomer
    True
    """
    p = check_params(PARAMS, {"n": n, "mean_degree": mean_degree, "follow_back": follow_back})
    rng = check_seed(seed)
    import networkx as nx

    n, m = p["n"], p["mean_degree"] // 2
    # A "ballot box": every account appears once per follower plus m times, so a draw
    # from the box picks an account with probability proportional to followers + m.
    box = np.empty(2 * m * n, dtype=np.int64)
    box[: m * m] = np.repeat(np.arange(m), m)   # the m founders, m tickets each
    size = m * m
    sources, targets = [], []
    for newcomer in range(m, n):   # people join one at a time: each step depends on the last
        chosen = set()
        while len(chosen) < m:     # m distinct accounts
            chosen.add(int(box[rng.integers(size)]))
        chosen = sorted(chosen)
        sources.extend([newcomer] * m)
        targets.extend(chosen)
        box[size: size + m] = chosen            # one more ticket per new follower
        box[size + m: size + 2 * m] = newcomer  # and m for the newcomer itself
        size += 2 * m
    sources, targets = np.array(sources), np.array(targets)
    back = rng.random(len(sources)) < p["follow_back"]
    G = nx.DiGraph(kind="follower", params=FrozenParams(p))
    G.add_nodes_from(range(n))
    G.add_edges_from(zip(sources.tolist(), targets.tolist()))
    G.add_edges_from(zip(targets[back].tolist(), sources[back].tolist()))
    return G


@defaults_from(PARAMS)
def random_network(n, mean_degree, *, seed=None):
    """Return an Erdős–Rényi random graph: every pair is tied with probability mean_degree / (n - 1).

    Used as the "no structure at all" baseline, as in Watts (2002). ``mean_degree``
    may be any number here (Poisson degrees), not only an even whole number.

    A network is held in memory as Python objects, so its size is capped: at most
    :data:`MAX_PEOPLE` people and about :data:`MAX_TIES` ties (``n * mean_degree / 2``
    expected), the size of the largest friendship network the sliders allow. Beyond that
    a lesson cell would run for minutes or run out of memory, so it is refused.

    Raises
    ------
    TypeError
        If ``n`` is not a whole number or ``mean_degree`` not a number.
    ValueError
        If ``n`` is not between 2 and :data:`MAX_PEOPLE`, ``mean_degree`` is not between
        0 and n - 1, or the network would have more than :data:`MAX_TIES` ties.

    Examples
    --------
    >>> G = random_network(2000, 4.0, seed=3)
    >>> round(2 * G.number_of_edges() / G.number_of_nodes(), 1)
    4.0
    """
    size = Param("n", 1000, 2, MAX_PEOPLE, 1, "People", "people").check(n)
    z = Param("mean_degree", 6.0, 0.0, float(size - 1), 0.01, "Ties per person", "ties/person").check(mean_degree)
    if size * z / 2 > MAX_TIES:
        raise ValueError(f"n * mean_degree / 2 (the expected number of ties) must be at most {MAX_TIES:,}, so that "
                         f"the network fits in a lesson; got n={size:,} and mean_degree={z:g}, about "
                         f"{size * z / 2:,.0f} ties. Use fewer people or fewer ties per person")
    rng = check_seed(seed)
    import networkx as nx

    G = nx.fast_gnp_random_graph(size, z / (size - 1), seed=rng)
    G.graph.update(kind="random", params=FrozenParams({"n": size, "mean_degree": z}))
    return G


def lattice_network(rows=8, columns=16):
    """Return a clustered lattice: people on a grid, each tied to their 6 nearest neighbours.

    The grid is triangular (each row shifted by half a place, as in a honeycomb's
    centres) and wraps round at its edges, like a map on a doughnut, so nobody sits on
    an edge: everyone has exactly 6 ties, and two of anyone's contacts are often tied to
    each other too (clustering 0.4). The default 8 x 16 = 128 people with 6 ties each
    is the size and degree of one of Centola's (2010) experimental networks; Centola's
    own lattices were not necessarily this one. Shuffle its ties with
    :func:`shuffle_keeping_degrees` for the random network with the same degrees.

    Person ``r * columns + c`` sits in row ``r``, column ``c``; their neighbours are left
    and right in the row, and two in the row above and two in the row below.

    Raises
    ------
    TypeError
        If ``rows`` or ``columns`` is not a whole number.
    ValueError
        If ``rows`` or ``columns`` is outside 3 .. 1000 (fewer than 3 would tie a person
        to the same neighbour twice).

    Examples
    --------
    >>> G = lattice_network(8, 16)
    >>> G.number_of_nodes(), sorted(set(d for _, d in G.degree()))
    (128, [6])
    >>> round(float(measures(G)["clustering"]), 2)
    0.4
    """
    r = Param("rows", 8, 3, 1000, 1, "Rows", "people").check(rows)
    c = Param("columns", 16, 3, 1000, 1, "Columns", "people").check(columns)
    import networkx as nx

    G = nx.Graph()
    G.add_nodes_from(range(r * c))
    for row in range(r):
        for col in range(c):
            me = row * c + col
            # right, below, and below-left: with the ties made by the others this gives
            # left and right, two above and two below (wrapping round at the edges)
            for down, across in ((0, 1), (1, 0), (1, -1)):
                G.add_edge(me, ((row + down) % r) * c + (col + across) % c)
    G.graph.update(kind="lattice", params=FrozenParams({"rows": r, "columns": c}))
    return G


@defaults_from(PARAMS)
def make_network(kind, *, n, mean_degree, rewire, follow_back, seed=None):
    """Return ``friendship_network`` or ``follower_network`` by name (what an explorer's drop-down picks).

    Raises
    ------
    ValueError
        If ``kind`` is not one of :data:`KINDS`, or a parameter is out of range.

    Examples
    --------
    >>> make_network("follower", n=100, seed=1).is_directed()
    True
    """
    check_text("kind", kind)
    check_number("rewire", rewire, 0, 1)
    check_number("follow_back", follow_back, 0, 1)
    if kind == "friendship":
        return friendship_network(n, mean_degree, rewire, seed=seed)
    if kind == "follower":
        return follower_network(n, mean_degree, follow_back, seed=seed)
    raise ValueError(f"kind must be one of {', '.join(map(repr, KINDS))}; got {kind!r}")


def shuffle_keeping_degrees(G, *, swaps_per_tie=10, seed=None):
    """Return a copy of ``G`` with its ties shuffled at random but everyone's degree kept.

    Repeatedly picks two ties a-b and c-d and swaps them to a-d and c-b (a "double edge
    swap", Maslov and Sneppen 2002), skipping swaps that would make a self-tie or a
    duplicate. Structure such as clustering disappears; the degree of every person
    stays. This is the "random" network of Centola (2010).

    Parameters
    ----------
    G : networkx.Graph
        An undirected graph with at least two ties.
    swaps_per_tie : int
        How many swaps to attempt per tie (10 randomises thoroughly).
    seed : None, int or numpy.random.Generator

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph or ``swaps_per_tie`` not a whole number.
    ValueError
        If ``G`` is empty, directed, has fewer than two ties, or ``swaps_per_tie`` < 1.

    Examples
    --------
    >>> ring = friendship_network(200, 6, 0.0, seed=1)
    >>> mixed = shuffle_keeping_degrees(ring, seed=1)
    >>> dict(mixed.degree()) == dict(ring.degree())
    True
    >>> bool(measures(mixed)["clustering"] < 0.1)
    True
    """
    _check_graph(G, undirected=True)
    swaps = Param("swaps_per_tie", 10, 1, 1000, 1, "Swaps per tie", "swaps").check(swaps_per_tie)
    if G.number_of_edges() < 2:
        raise ValueError(f"G must have at least two ties to shuffle; got {G.number_of_edges()}")
    rng = check_seed(seed)
    import networkx as nx

    H = G.copy()
    nswap = swaps * H.number_of_edges()
    nx.double_edge_swap(H, nswap=nswap, max_tries=100 * nswap, seed=rng)
    # No longer a friendship network: its ties are random, only the degrees were kept.
    H.graph.update(kind="random", params=FrozenParams({"shuffled_from": G.graph.get("kind"), "swaps_per_tie": swaps}))
    return H


# ---- Measures -------------------------------------------------------------------------

def adjacency(G, *, weight=None, ties=False):
    """Return ``(nodes, A)``: the node list and the adjacency as a scipy CSR array (``A[i, j]`` for i -> j).

    One function for every model that turns a network into a matrix: the measures here and
    the spreading engine read who is tied to whom (``ties=True``), PageRank
    (:mod:`smlearn.models.links`) reads how much each link weighs.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        An undirected tie counts both ways (a self-loop once).
    weight : str or None, default None
        The edge attribute holding a link's weight (1 where an edge has none); None makes
        every edge weigh 1 (networkx's convention). Parallel edges of a multigraph add up.
    ties : bool, default False
        True gives the ties alone: ``A[i, j] = 1`` if i is tied to j, whatever the weights or
        the parallel edges, and nobody is their own contact (self-loops left out); integers.
        False gives the weights as floats, self-loops included.

    Returns
    -------
    nodes : list
        The node of each row and column, in the order of ``list(G)``.
    A : scipy.sparse.csr_array, shape (N, N)

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph or ``ties`` is not True or False.
    ValueError
        If ``G`` has no nodes or a weight is negative or NaN.

    Examples
    --------
    >>> import networkx as nx
    >>> nodes, A = adjacency(nx.path_graph(3), ties=True)
    >>> A.toarray().tolist()
    [[0, 1, 0], [1, 0, 1], [0, 1, 0]]
    >>> nodes, A = adjacency(nx.DiGraph([("a", "b", {"weight": 2.0}), ("b", "c")]), weight="weight")
    >>> nodes, A.toarray().tolist()
    (['a', 'b', 'c'], [[0.0, 2.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]])
    """
    import scipy.sparse as sparse

    _check_graph(G)
    if weight is not None:
        check_text("weight", weight)
    if not isinstance(ties, bool):
        raise TypeError(f"ties must be True or False; got {ties!r}")
    nodes = list(G)
    n = len(nodes)
    if ties:
        index = {v: i for i, v in enumerate(nodes)}
        pairs = np.array([(index[u], index[v]) for u, v in G.edges() if u != v], dtype=np.int64).reshape(-1, 2)
        rows, cols = pairs[:, 0], pairs[:, 1]
        if not G.is_directed():
            rows, cols = np.concatenate([rows, cols]), np.concatenate([cols, rows])
        A = sparse.csr_array((np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(n, n))
        A.sum_duplicates()
        A.data[:] = 1                  # a tie is there or not: parallel edges are one tie
        return nodes, A
    if G.is_multigraph():   # parallel links: one entry each; the sparse matrix adds them up
        index = {node: i for i, node in enumerate(nodes)}
        edges = G.edges(data=weight, default=1) if weight is not None else ((u, v, 1) for u, v in G.edges())
        rows, cols, data = (np.asarray(column, dtype=t) for column, t in
                            zip(zip(*[(index[u], index[v], w) for u, v, w in edges]) if G.number_of_edges()
                                else ([], [], []), (np.int64, np.int64, float)))
    else:
        # Read the adjacency dict directly (row i holds node i's links) and look the linked nodes
        # up all at once: a loop in C rather than Python, which matters on a 100,000-page web.
        from itertools import chain
        from operator import methodcaller

        neighbours = [links for _, links in G.adjacency()]       # one dict per node, in node order
        counts = np.fromiter(map(len, neighbours), dtype=np.int64, count=n)
        rows = np.repeat(np.arange(n), counts)
        linked = chain.from_iterable(neighbours)
        if nodes == list(range(n)):                              # nodes 0..N-1: a label is its index
            cols = np.fromiter(linked, dtype=np.int64, count=int(counts.sum()))
        else:
            cols = pd.Index(nodes).get_indexer(list(linked))
        if weight is None:
            data = np.ones(len(cols))
        else:
            attrs = chain.from_iterable(links.values() for links in neighbours)
            data = np.fromiter(map(methodcaller("get", weight, 1), attrs), dtype=float, count=len(cols))
        if G.is_directed():   # rows arrive grouped by node: build the CSR arrays directly, no sorting
            indptr = np.concatenate([[0], np.cumsum(counts)])
            if np.isnan(data).any() or (data < 0).any():
                raise ValueError(f"link weights ({weight!r}) must be numbers >= 0")
            return nodes, sparse.csr_array((data, cols, indptr), shape=(n, n))
    if np.isnan(data).any() or (data < 0).any():
        raise ValueError(f"link weights ({weight!r}) must be numbers >= 0")
    if not G.is_directed():   # an undirected edge is a link each way (self-loops once)
        loop = rows == cols
        rows, cols, data = (np.concatenate([rows, cols[~loop]]), np.concatenate([cols, rows[~loop]]),
                            np.concatenate([data, data[~loop]]))
    return nodes, sparse.csr_array((data, (rows, cols)), shape=(n, n))


def _clustering(A, k):
    """Local clustering of each node and the transitivity, from a symmetric 0/1 CSR array."""
    closed = np.asarray((A @ A).multiply(A).sum(axis=1)).ravel()    # 2 x triangles through each node
    pairs = k * (k - 1.0)                                           # 2 x pairs of contacts
    local = np.divide(closed, pairs, out=np.zeros_like(pairs), where=pairs > 0)
    transitivity = closed.sum() / pairs.sum() if pairs.sum() > 0 else 0.0
    return local, float(transitivity)


def _directed_clustering(M):
    """Directed clustering of each node and its global version, from a 0/1 CSR array (Fagiolo 2007).

    Every triangle through a person counts, whichever way its three ties run: with
    S = M + M^T, person i sits on (S^3)_ii / 2 directed triangles, out of at most
    d(d - 1) - 2 b, where d is i's ties in and out and b its returned ties (a tie
    returned is one contact, not two). This is networkx's ``clustering`` of a DiGraph;
    with every tie returned it equals the undirected clustering. The global version
    (``transitivity``) is all those triangles over all those possible ones.
    """
    S = M + M.T
    closed = np.asarray((S @ S).multiply(S).sum(axis=1)).ravel() / 2.0      # (S^3)_ii / 2
    total = np.asarray(S.sum(axis=1)).ravel().astype(float)                 # ties in + out
    returned = np.asarray(M.multiply(M.T).sum(axis=1)).ravel()              # ties that go both ways
    possible = total * (total - 1.0) - 2.0 * returned
    local = np.divide(closed, possible, out=np.zeros_like(closed), where=possible > 0)
    transitivity = closed.sum() / possible.sum() if possible.sum() > 0 else 0.0
    return local, float(transitivity)


_ONES = np.array([bin(byte).count("1") for byte in range(256)])   # how many 1 bits each byte value has


def _mean_path(M, sample, rng, directed=False):
    """Mean hops in the largest component, from up to ``sample`` starting people; and the share reached.

    Returns ``(mean, reached)``. In a directed graph a path follows the arrows and the
    mean is over the ordered pairs (start, end) where the end can be reached; ``reached``
    is the share of ordered pairs that can (1 in an undirected graph). The largest
    component ignores direction (the largest weakly connected one).

    A breadth-first search from every starting person at once. ``reached[v]`` is a row of
    bits, one per starting person: bit j is 1 once person v is known to be within reach
    of starting person j. Each round, v is reached by whoever reached, in the round
    before, someone with a tie to v (an OR over v's row of ``M`` transposed); the bits that
    turn on in round d are pairs d hops apart. Packing 64 starting people into each machine
    word makes this many times faster than one search per person (the idea of
    multi-source BFS; Then et al. 2014, PVLDB 8(4), 449-460), with the same answer.
    """
    from scipy.sparse.csgraph import connected_components

    _, labels = connected_components(M, directed=False)     # direction ignored: weak components
    largest = np.flatnonzero(labels == np.bincount(labels).argmax())
    if largest.size < 2:
        return float("nan"), float("nan")
    sources = largest if largest.size <= sample else rng.choice(largest, size=sample, replace=False)
    into = M.T.tocsr() if directed else M                   # row v lists the people with a tie to v
    words = -(-sources.size // 64)                                  # 64 starting people per word
    start = np.zeros((M.shape[0], 64 * words), dtype=bool)
    start[sources, np.arange(sources.size)] = True
    reached = np.packbits(start, axis=1).view(np.uint64)            # one row of words per person
    frontier = reached
    has_contacts = np.flatnonzero(np.diff(into.indptr))
    total = pairs = hops = 0
    while True:
        hops += 1
        near = np.zeros_like(reached)           # OR of the frontier rows of each person's contacts
        near[has_contacts] = np.bitwise_or.reduceat(frontier[into.indices], into.indptr[has_contacts], axis=0)
        frontier = near & ~reached              # reached for the first time: exactly `hops` away
        found = int(_ONES[frontier.view(np.uint8)].sum())
        if not found:                           # no one new: every reachable person is reached
            if pairs == 0:
                return float("nan"), 0.0
            return total / pairs, pairs / (sources.size * (largest.size - 1.0))
        reached = reached | frontier
        total += hops * found
        pairs += found


# Paths are sampled from this seed when none is given, so measures(G) gives the same numbers every time.
PATH_SEED = 0


def measures(G, *, sample=500, seed=None):
    """Measure one network; return the measures as one row (a pandas Series).

    Directed networks are measured as directed: a follow counts in the direction it runs.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    sample : int
        The mean shortest path is averaged over paths starting at this many people
        (all of them in a network this small or smaller, so it is exact); breadth-first
        search from each is fast, and 500 starting points pin the mean down to about 1 %.
    seed : None, int or numpy.random.Generator
        Picks the sampled starting people. None uses the fixed seed :data:`PATH_SEED`,
        so two calls on the same network give the same numbers.

    Returns
    -------
    pandas.Series
        people, ties (edges; one-way ties in a directed graph), mean_degree (ties per
        person, counting a tie either way), reciprocity (share of ties returned; 1 for an
        undirected graph), clustering (average local clustering), transitivity (the share
        of possible triangles that are closed), mean_path (hops, in the largest
        component), reachable (the share of ordered pairs in that component joined by a
        path), max_degree, max_followers (the largest in-degree; the largest degree if
        undirected), gini_followers, top1_share (share of all followers held by the top
        1 %), components (ignoring direction) and largest_component (its share of people).

        In a directed graph, clustering counts every triangle whichever way its ties
        run (Fagiolo 2007; networkx's directed ``clustering``), and a path follows the
        arrows: mean_path is the mean over the ordered pairs (u, v) where v can be
        reached from u, and ``reachable`` says how many those are. With u -> v meaning
        "u follows v", a path from u to v is also how far v's posts travel to reach u.

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph.
    ValueError
        If ``G`` is empty or ``sample < 1``.

    Examples
    --------
    >>> import networkx as nx
    >>> row = measures(nx.karate_club_graph())
    >>> row[["people", "ties", "reciprocity", "transitivity", "mean_path"]].round(3).to_dict()
    {'people': 34.0, 'ties': 78.0, 'reciprocity': 1.0, 'transitivity': 0.256, 'mean_path': 2.408}

    In a chain of follows a -> b -> c, a path runs only with the arrows: 3 of the 6
    ordered pairs are joined, at 1, 1 and 2 hops.

    >>> row = measures(nx.DiGraph([("a", "b"), ("b", "c")]))
    >>> round(float(row["mean_path"]), 3), float(row["reachable"])
    (1.333, 0.5)
    """
    _check_graph(G)
    sample = Param("sample", 500, 1, 10_000_000, 1, "Sampled people", "people").check(sample)
    rng = check_seed(PATH_SEED if seed is None else seed)
    from scipy.sparse.csgraph import connected_components

    nodes, M = adjacency(G, ties=True)
    n = len(nodes)
    directed = G.is_directed()
    if directed:
        followers = np.asarray(M.sum(axis=0)).ravel()           # in-degree: column sums
        mutual = M.multiply(M.T).sum()                          # ties returned (each counted once per direction)
        reciprocity = float(mutual / M.sum()) if M.sum() else 0.0
        A = ((M + M.T) > 0).astype(np.int64)                    # who is tied to whom, either way
        local, transitivity = _directed_clustering(M)
    else:
        A = M
        reciprocity = 1.0
    k = np.asarray(A.sum(axis=1)).ravel().astype(float)
    if not directed:
        followers = k
        local, transitivity = _clustering(A, k)
    mean_path, reachable = _mean_path(M, sample, rng, directed=directed)
    count, labels = connected_components(A, directed=False)
    return pd.Series({
        "people": float(n),
        "ties": float(M.sum() if directed else M.sum() / 2),
        "mean_degree": float(k.mean()),
        "reciprocity": reciprocity,
        "clustering": float(local.mean()),
        "transitivity": transitivity,
        "mean_path": mean_path,
        "reachable": reachable,
        "max_degree": float(k.max()),
        "max_followers": float(followers.max()),
        "gini_followers": gini(followers),
        "top1_share": top_share(followers, 0.01),
        "components": float(count),
        "largest_component": float(np.bincount(labels).max() / n),
    }, name=G.graph.get("name", G.graph.get("kind")))


# Rewiring probabilities for the small-world curve: 13 steps, three to each power of ten
# from 1 in 10,000 to 1 (0.01 and 0.1 among them), as in Watts and Strogatz's figure 2.
SMALL_WORLD_PS = tuple(float(p) for p in np.round(np.logspace(-4, 0, 13), 6))


@defaults_from(PARAMS)
def small_world_curve(n, k=10, ps=SMALL_WORLD_PS, *, repeats=2, sample=100, seed=0):
    """Clustering and path length against the share of ties moved (Watts and Strogatz 1998, fig. 2).

    For each rewiring probability ``p`` in ``ps``, build ``repeats`` friendship networks
    (:func:`friendship_network`: ``n`` people on a circle, ``k`` ties each, a share ``p``
    of them moved to random people), measure their average clustering C and mean path L
    (:func:`measures`), and average them. Both are divided by their values on the circle
    with no shortcuts, C(0) and L(0), as in the paper's figure.

    Theory to check it against: the circle's clustering is C(0) = 3(k-2) / (4(k-1))
    (0.667 for k = 10), its mean path about n / (2k) (50 hops for 1,000 people, 10
    ties); when every tie is random (p = 1) clustering falls to about k / n, the density.
    In between lies the *small-world window*: at p = 0.01 the path has fallen below half
    of L(0) while clustering keeps more than 80 % of C(0).

    Parameters
    ----------
    n : int
        People.
    k : int
        Ties per person (even, 2 to 20).
    ps : list of float
        Rewiring probabilities, each 0 to 1; 0 is added when missing (the baseline).
    repeats : int
        Networks averaged per ``p`` (1 to 100).
    sample : int
        People whose paths are measured in each network (see :func:`measures`).
    seed : None, int or numpy.random.Generator
        Seed of the one generator used for every network.

    Returns
    -------
    pandas.DataFrame
        One row per ``p`` (index ``p``, rising): ``clustering``, ``mean_path``,
        ``clustering_ratio`` = C(p)/C(0) and ``path_ratio`` = L(p)/L(0). ``attrs`` holds
        ``n`` and ``k``.

    Raises
    ------
    TypeError, ValueError
        If a parameter is not a number in its range (naming it), or ``ps`` is empty.

    Examples
    --------
    >>> table = small_world_curve(n=200, k=6, ps=[0.0, 0.05, 1.0], repeats=1)
    >>> round(float(table.loc[0.0, "clustering"]), 3)     # 3 * 4 / (4 * 5)
    0.6
    >>> bool(table.loc[0.05, "path_ratio"] < 0.6 < table.loc[0.05, "clustering_ratio"])
    True
    """
    n = check_number("n", n, PARAMS["n"].min, PARAMS["n"].max, integer=True)
    k = check_number("k", k, PARAMS["mean_degree"].min, PARAMS["mean_degree"].max, integer=True)
    if k % 2:
        raise ValueError(f"k must be even (k / 2 neighbours on each side of the circle); got {k}")
    check_items("ps", ps, what="rewiring probabilities from 0 to 1")
    chosen = []
    for p in ps:
        chosen.append(check_number("ps", p, 0, 1))
    if not chosen:
        raise ValueError("ps must hold at least one rewiring probability from 0 to 1")
    repeats = Param("repeats", 2, 1, 100, 1, "Networks per p", "networks").check(repeats)
    sample = Param("sample", 100, 1, 10_000_000, 1, "Sampled people", "people").check(sample)
    rng = check_seed(seed)
    rows = {}
    for p in sorted(set([0.0] + chosen)):
        clustering = []
        path = []
        for _ in range(repeats):
            G = friendship_network(n, k, p, seed=rng)
            row = measures(G, sample=sample, seed=rng)
            clustering.append(row["clustering"])
            path.append(row["mean_path"])
        rows[p] = {"clustering": float(np.mean(clustering)), "mean_path": float(np.mean(path))}
    table = pd.DataFrame(rows).T.rename_axis("p")
    table["clustering_ratio"] = table["clustering"] / table.loc[0.0, "clustering"]
    table["path_ratio"] = table["mean_path"] / table.loc[0.0, "mean_path"]
    table.attrs.update(n=int(n), k=int(k))
    return table


def compare(graphs, *, sample=500, seed=None):
    """Measure several networks; return one row per network, side by side.

    Parameters
    ----------
    graphs : dict of str -> networkx graph

    Raises
    ------
    TypeError
        If ``graphs`` is not a non-empty dict of graphs.

    Examples
    --------
    >>> import networkx as nx
    >>> compare({"karate": nx.karate_club_graph(), "florentine": nx.florentine_families_graph()})["people"].tolist()
    [34.0, 15.0]
    """
    if not isinstance(graphs, dict) or not graphs:
        raise TypeError(f"graphs must be a non-empty dict {{name: graph}}; got {type(graphs).__name__}")
    rng = check_seed(PATH_SEED if seed is None else seed)    # reproducible by default, as measures()
    rows = {name: measures(G, sample=sample, seed=rng) for name, G in graphs.items()}
    return pd.DataFrame(rows).T.rename_axis("network")   # a named index: a table's corner says what its rows are


def degrees(G):
    """Return how many ties each person has, as an array in the order of ``list(G)``.

    In a directed (follower) network this is each account's followers: its in-degree.
    Use it for averages such as ``k.mean()`` and ``(k**2).mean()``.

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph.
    ValueError
        If ``G`` has no nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> degrees(nx.star_graph(3)).tolist()          # the centre has 3 ties, each leaf 1
    [3, 1, 1, 1]
    >>> degrees(nx.DiGraph([("ana", "star"), ("ben", "star")])).tolist()   # followers
    [0, 2, 0]
    """
    _check_graph(G)
    k = np.zeros(G.number_of_nodes(), dtype=np.int64)
    ties = G.in_degree() if G.is_directed() else G.degree()
    for i, person in enumerate(G):
        k[i] = ties[person]
    return k


def project_bipartite(G, *, side="top"):
    """Return the one-mode projection of a two-mode graph: two people are tied if they share an event.

    The tie's ``weight`` counts the events they share (networkx's weighted projection).

    Parameters
    ----------
    G : networkx.Graph
        A bipartite graph whose ``G.graph`` holds the two node lists under "top" and "bottom"
        (as ``smlearn.data.load("davis")`` returns).
    side : "top" or "bottom"

    Raises
    ------
    ValueError
        If ``G`` lacks the node lists or ``side`` is not "top" or "bottom".

    Examples
    --------
    >>> import networkx as nx
    >>> women = project_bipartite(nx.davis_southern_women_graph())
    >>> women.number_of_nodes(), women.number_of_edges()
    (18, 139)
    """
    check_text("side", side)
    _check_graph(G, undirected=True)
    if side not in ("top", "bottom"):
        raise ValueError(f"side must be 'top' or 'bottom'; got {side!r}")
    if side not in G.graph:
        raise ValueError('G must be a bipartite graph with its node lists in G.graph["top"] and G.graph["bottom"]')
    import networkx as nx
    from networkx.algorithms import bipartite

    projected = bipartite.weighted_projected_graph(G, G.graph[side])
    # networkx finds each person's new ties through a set, whose order changes from one Python to the
    # next with text names; the ties go in in the order of the people, so every run draws the same picture.
    place = {v: i for i, v in enumerate(G.graph[side])}
    H = nx.Graph()
    H.graph.update(projected.graph)          # the graph's attributes, as networkx copies them
    H.graph["name"] = f"{G.graph.get('name', 'bipartite')}, {side} projection"
    H.add_nodes_from(projected.nodes(data=True))
    H.add_edges_from(sorted(((u, v, d) if place[u] < place[v] else (v, u, d) for u, v, d in projected.edges(data=True)),
                            key=lambda edge: (place[edge[0]], place[edge[1]])))
    return H


@dataclass(frozen=True, eq=False)
class NetworkPair:
    """A friendship network and a follower network of the same size and mean degree, measured.

    Attributes
    ----------
    friendship : networkx.Graph
    follower : networkx.DiGraph
    table : pandas.DataFrame
        :func:`compare` of the two: one row each, indexed "friendship", "follower" (the index is named "network").
    params : FrozenParams
        The parameters they were made with (read-only).
    """

    friendship: object
    follower: object
    table: pd.DataFrame
    params: FrozenParams


@defaults_from(PARAMS)
def simulate(*, n, mean_degree, rewire, follow_back, sample=200, seed=None) -> NetworkPair:
    """The model's entry point: a friendship and a follower network alike in size and mean degree, both measured.

    One generator, seeded once, makes both networks and picks the sampled paths.

    Parameters
    ----------
    n : int
        People in each network (default from PARAMS: 1,000).
    mean_degree : int
        Ties per person, counting either way (even; default 6).
    rewire : float
        The friendship network's share of ties moved to a random person: its shortcuts (default 0.1).
    follow_back : float
        The follower network's chance that a followed account follows back (default 0.05).
    sample : int, default 200
        Starting people whose shortest paths are measured (see :func:`measures`).
    seed : None, int or numpy.random.Generator
        Seed of the one generator used for every draw.

    Returns
    -------
    NetworkPair
        Both graphs, the table of their measures (a row per network) and the parameters.

    Raises
    ------
    TypeError, ValueError
        As :func:`friendship_network` and :func:`follower_network`.

    Examples
    --------
    >>> pair = simulate(n=300, mean_degree=6, seed=1)
    >>> pair.table.loc[:, ["people", "mean_degree", "reciprocity"]].round(2)
                people  mean_degree  reciprocity
    network
    friendship   300.0         6.00         1.00
    follower     300.0         5.94         0.11
    """
    rng = check_seed(seed)
    friends = friendship_network(n, mean_degree, rewire, seed=rng)
    fans = follower_network(n, mean_degree, follow_back, seed=rng)
    table = compare({"friendship": friends, "follower": fans}, sample=sample, seed=rng)
    params = FrozenParams({"n": n, "mean_degree": mean_degree, "rewire": rewire, "follow_back": follow_back})
    return NetworkPair(friends, fans, table, params)
