r"""Website links, PageRank and the search visits they bring.

The claim
---------
Source B puts it in one line: **social networking makes human links; social media gets
website links.** A website link is a vote that a search engine can count. Lesson 02
assumed that a piece of content is "found, indexed and linked" over a few weeks and then
brings search visits (the pull channel of :mod:`smlearn.models.traffic`). This module
opens that box: pages link to pages, a search engine ranks pages by those links
(PageRank), and higher rank brings more visits, which bring more links.

PageRank
--------
Imagine a surfer who clicks a random link on the current page with probability
``damping`` (0.85, as in the original paper) and otherwise jumps to a page chosen at
random; on a page without links (a *dangling* page) the surfer always jumps. PageRank is
the share of time the surfer spends on each page in the long run:

.. math::

    r_j = \frac{1 - d}{N} + d \left( \sum_{i \to j} \frac{w_{ij}}{w_i}\, r_i
          + \frac{1}{N} \sum_{i \text{ dangling}} r_i \right)

where :math:`w_{ij}` is the weight of the link from ``i`` to ``j`` (1 for a plain link)
and :math:`w_i` the total weight of ``i``'s links. :func:`pagerank_matrix` finds ``r`` by
power iteration on a scipy.sparse matrix: start from equal shares and apply the formula
until the shares change by less than ``tol`` in total. The shares always sum to 1.

The web
-------
:func:`web_graph` grows a web by Price's model of cumulative advantage (1976): pages
arrive one at a time and each links to ``links_per_page`` earlier pages, chosen with
probability proportional to (links already received + 1). A few early pages collect many
links, as on the real web. It is a generated web, not a crawl.

Content that earns links
------------------------
:func:`simulate` adds your website to that web: a home page and the pieces you
publish (``posts_per_period`` a week, of quality ``content_quality``). Each piece links
to your home page, your home page links to each piece, and each piece links to
``links_per_page`` other pages it found and liked (chosen by the rule in step 1). Every
week:

1. the rest of the web makes ``new_links_per_period`` new links. Each comes from a page
   chosen at random and points to page ``j`` with probability proportional to

   .. math::  q_j \left(\frac{1}{N} + r_j\right)

   (authors find pages partly by chance, partly through search, which follows rank
   ``r_j``; they link to the ones that are good, quality ``q_j``);
2. PageRank is computed again;
3. a search engine sends ``searches_per_period`` visits to the web, to each page in
   proportion to its rank (the random surfer again);
4. your visits go down lesson 02's pull funnel: leads = visits x ``lead_rate_pull``,
   customers = leads x ``close_rate_pull`` (same defaults as :mod:`smlearn.models.traffic`).

Networking can help too: in week 1, ``friend_links`` pages of people you know link to
your home page (human links turned into website links, once).

Every default is ILLUSTRATIVE. The other pages' qualities are drawn from a uniform
distribution on [0, 1].

The frame
---------
In the course's frame (:mod:`smlearn.frame`) this is ``find-broadcast``: pages earn
website links and search visits from people who find them. Human links (introductions,
referrals) belong to ``ties-two-way`` and are not modelled here.

References
----------
.. [1] S. Brin and L. Page, "The anatomy of a large-scale hypertextual Web search
   engine", Computer Networks and ISDN Systems 30(1-7), 107-117 (1998).
.. [2] D. de S. Price, "A general theory of bibliometric and other cumulative advantage
   processes", J. Am. Soc. Inf. Sci. 27(5), 292-306 (1976).
.. [3] A. A. Hagberg, D. A. Schult and P. J. Swart, "Exploring network structure,
   dynamics, and function using NetworkX", Proc. SciPy 2008, 11-15 (networkx's
   ``pagerank``, against which the tests check this one).

Examples
--------
>>> from smlearn.models import links
>>> web = links.web_graph(6, 2, seed=1)
>>> rank = links.pagerank(web)
>>> round(float(rank.sum()), 12)
1.0
>>> int(rank.idxmax())        # the first page collects the most links, and the most rank
0
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smlearn.models import networks   # adjacency: the link matrix of a web
from smlearn.models.traffic import PARAMS as _TRAFFIC
from smlearn.params import FrozenParams, Param, check_items, check_number, check_params, check_seed, check_text, defaults_from
from smlearn.profile import apply_profile

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["simulate", "PARAMS", "MAX_ITER", "MAX_WORK", "web_graph", "pagerank", "pagerank_matrix", "LinkWeb",
           "rank_without_own_links", "visit_sources"]

_PARAM_LIST = [
    Param("periods", 52, 4, 156, 1, "Horizon", "weeks",
          "How many weeks to simulate."),
    Param("n_pages", 150, 20, 500, 10, "Other pages", "pages",
          "How many pages of other websites the web has at the start."),
    Param("links_per_page", 3, 1, 10, 1, "Links per page", "links",
          "How many earlier pages each page of the starting web links to."),
    Param("posts_per_period", 1.0, 0.0, 5.0, 0.5, "Publishing rate", "pieces/week",
          "Pieces of content you publish per week."),
    Param("content_quality", 0.5, 0.0, 1.0, 0.05, "Content quality", "0 to 1",
          "How likely an author who finds your pages is to link to them (the other pages range from 0 to 1)."),
    Param("new_links_per_period", 30, 0, 200, 5, "New links on the web", "links/week",
          "How many new links the rest of the web makes each week."),
    Param("friend_links", 0, 0, 50, 1, "Links from people you know", "links",
          "How many pages of your contacts link to your home page in week 1 (networking)."),
    Param("damping", 0.85, 0.05, 0.95, 0.05, "Damping", "probability",
          "Chance that the random surfer follows a link rather than jumping to a random page."),
    Param("searches_per_period", 2000, 0, 20000, 100, "Search visits to the web", "visits/week",
          "Visits a search engine sends to the whole web each week, shared out by PageRank."),
    _TRAFFIC["lead_rate_pull"],
    _TRAFFIC["close_rate_pull"],
]
PARAMS: dict[str, Param] = apply_profile("links", {p.name: p for p in _PARAM_LIST})

YOU = "you"
WEB = "web"


# ---- A web of pages -------------------------------------------------------------------------

def _whole(name, value, low):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number >= {low}; got {value!r}")
    if value < low:
        raise ValueError(f"{name} must be a whole number >= {low}; got {value!r}")
    return int(value)


def web_graph(n_pages, links_per_page, *, seed=None):
    """Grow a web of ``n_pages`` pages by Price's model of cumulative advantage.

    Page ``k`` (k = 1, 2, ...) links to ``min(k, links_per_page)`` different earlier pages,
    each chosen with probability proportional to its links received so far plus one.
    Page 0 links nowhere: a dangling page.

    Parameters
    ----------
    n_pages : int >= 1
    links_per_page : int >= 1
    seed : None, int >= 0 or numpy.random.Generator

    Returns
    -------
    networkx.DiGraph
        Nodes 0..n_pages-1; an edge i -> j is a link on page i to page j.

    Raises
    ------
    TypeError, ValueError
        If ``n_pages`` or ``links_per_page`` is not a whole number >= 1, or the seed is invalid.

    Examples
    --------
    >>> web = web_graph(100, 3, seed=2)
    >>> web.number_of_nodes(), web.number_of_edges()       # 3 links from every page but the first three
    (100, 294)
    >>> max(d for _, d in web.in_degree()) > 20           # a few pages collect many links
    True
    """
    import networkx as nx

    n = _whole("n_pages", n_pages, 1)
    m = _whole("links_per_page", links_per_page, 1)
    check_number("n_pages", n, 1, 100_000, integer=True)           # a bigger web would not finish in a lesson
    check_number("links_per_page", m, 1, 1000, integer=True)
    rng = check_seed(seed)
    sources, targets = _price_edges(n, m, rng)
    web = nx.DiGraph()
    web.add_nodes_from(range(n))
    web.add_edges_from(zip(sources.tolist(), targets.tolist()))
    return web


def _price_edges(n, m, rng):
    """The links of Price's model as two arrays (sources, targets)."""
    # An "urn" holds each page once, plus once more per link it has received; drawing
    # uniformly from it picks a page with probability proportional to (links received + 1).
    urn = np.empty(n + n * m, dtype=np.int64)
    size = 0
    sources, targets = [], []
    for k in range(n):
        if k > 0:
            want = min(k, m)
            chosen = set()
            while len(chosen) < want:   # distinct targets: draw again on a repeat
                chosen.update(urn[rng.integers(0, size, size=want - len(chosen))].tolist())
            chosen = sorted(chosen)
            sources.extend([k] * want)
            targets.extend(chosen)
            urn[size:size + want] = chosen
            size += want
        urn[size] = k
        size += 1
    return np.asarray(sources, dtype=np.int64), np.asarray(targets, dtype=np.int64)


# ---- PageRank -------------------------------------------------------------------------------

def _check_damping(damping):
    if isinstance(damping, bool) or not isinstance(damping, numbers.Real) or not 0 < damping < 1:
        raise ValueError(f"damping must be a number strictly between 0 and 1 (0.85 is usual); got {damping!r}")
    return float(damping)


# Power iteration has a bounded cost. Each step is one pass over every link; the error shrinks by
# a factor of about ``damping`` per step, so even at damping 0.99 a tolerance of 1e-14 needs about
# 3,300 steps: 10,000 steps is more than any run that can converge needs, and a larger
# ``max_iter`` (10**9, say) would only let a run that cannot converge hang for hours.
MAX_ITER = 10_000
# A step costs about 8 nanoseconds per link and per page (measured with scipy.sparse on a
# 1,000,000-page, 5,000,000-link web: 40 ms a step). 2e9 link-steps is about 20 seconds, the
# longest a lesson cell should ever wait; bigger (web, max_iter) pairs are refused up front.
MAX_WORK = 2_000_000_000


def _check_tol(tol):
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not np.isfinite(tol) or tol <= 0:
        raise ValueError(f"tol must be a finite number > 0 (1e-10 is usual); got {tol!r}")
    return float(tol)


def _check_max_iter(max_iter):
    if isinstance(max_iter, bool) or not isinstance(max_iter, numbers.Integral):
        raise TypeError(f"max_iter must be a whole number from 1 to {MAX_ITER:,}; got {max_iter!r}")
    if not 1 <= max_iter <= MAX_ITER:
        raise ValueError(f"max_iter must be a whole number from 1 to {MAX_ITER:,}; got {max_iter!r}")
    return int(max_iter)


def _check_weights(name, values, n):
    """An optional vector of N weights >= 0 (personalization or dangling), scaled to sum to 1."""
    if values is None:
        return None
    w = np.asarray(values, dtype=float)
    if w.shape != (n,) or not np.isfinite(w).all() or (w < 0).any():
        raise ValueError(f"{name} must be {n} finite numbers >= 0, one per page; got shape {w.shape}")
    if w.sum() <= 0:
        raise ValueError(f"{name} must give some page a weight > 0; got all zeros")
    return w / w.sum()


def _weights_by_node(name, weights, nodes):
    """A dict node -> weight (as networkx takes it) as a vector in node order; missing nodes weigh 0."""
    if weights is None:
        return None
    if not isinstance(weights, dict):
        raise TypeError(f"{name} must be a dict page -> weight, or None; got {type(weights).__name__}")
    position = {}
    for i, node in enumerate(nodes):
        position[node] = i
    vector = np.zeros(len(nodes))
    for node, weight in weights.items():
        if node not in position:
            raise ValueError(f"{name} names a page that is not in the graph: {node!r}")
        if isinstance(weight, bool) or not isinstance(weight, numbers.Real) or not np.isfinite(weight) or weight < 0:
            raise ValueError(f"{name} weights must be finite numbers >= 0; got {weight!r} for page {node!r}")
        vector[position[node]] = weight
    if vector.sum() <= 0:
        raise ValueError(f"{name} must give some page a weight > 0; got all zeros")
    return vector


def _check_web(graph):
    """Raise a clear error unless ``graph`` is a networkx graph with at least one page."""
    import networkx as nx

    if not isinstance(graph, nx.Graph):
        raise TypeError(f"graph must be a networkx graph; got {type(graph).__name__}")
    if graph.number_of_nodes() == 0:
        raise ValueError("graph has no pages (nodes); PageRank needs at least one")


@defaults_from(PARAMS)
def pagerank_matrix(matrix, *, damping, tol=1e-10, max_iter=1000, start=None, personalization=None,
                    dangling=None):
    """PageRank of the pages of a link matrix, by power iteration on scipy.sparse.

    Parameters
    ----------
    matrix : scipy.sparse array or matrix, shape (N, N)
        ``matrix[i, j]`` = weight of the link from page i to page j (>= 0).
    damping : float, default 0.85
        Probability of following a link; strictly between 0 and 1.
    tol : float, default 1e-10
        Stop when the shares change by less than this in total (L1 norm); finite and > 0.
    max_iter : int, default 1000
        At most this many steps, from 1 to :data:`MAX_ITER` (10,000).
    start : array of N numbers >= 0, optional
        Where to start (e.g. last week's ranks); equal shares if not given.
    personalization : array of N numbers >= 0, optional
        Where the random jumps land, in proportion to these weights; equal shares if not
        given (networkx's ``personalization``).
    dangling : array of N numbers >= 0, optional
        Where the surfer goes from a page without links, in proportion to these weights;
        the same as the random jumps if not given (networkx's ``dangling``).

    Returns
    -------
    numpy.ndarray
        N shares that sum to 1.

    Raises
    ------
    TypeError
        If ``matrix`` is not a square sparse matrix or ``max_iter`` is not a whole number.
    ValueError
        If ``damping`` is not strictly between 0 and 1, ``tol`` is not finite and > 0,
        ``max_iter`` is outside 1 to 10,000, the matrix is empty or has negative or NaN
        weights, ``start``, ``personalization`` or ``dangling`` does not fit, or the web is
        too big to rank within :data:`MAX_WORK` link-steps at this ``max_iter``.
    RuntimeError
        If the iteration has not converged after ``max_iter`` steps.

    Examples
    --------
    Pages 0 -> 1 -> 2 -> 0 form a ring and page 3 links into it. Nobody links to page 3,
    so it only gets the random jumps, (1 - 0.85) / 4 = 0.0375:

    >>> import scipy.sparse as sparse
    >>> ring = sparse.csr_array(([1.0, 1.0, 1.0, 1.0], ([0, 1, 2, 3], [1, 2, 0, 0])), shape=(4, 4))
    >>> pagerank_matrix(ring).round(4).tolist()
    [0.3326, 0.3202, 0.3097, 0.0375]
    """
    if start is not None:
        check_items("start", start, what="numbers, one per page", allow_empty=True)
    if personalization is not None:
        check_items("personalization", personalization, what="numbers, one per page", allow_empty=True)
    if dangling is not None:
        check_items("dangling", dangling, what="numbers, one per page", allow_empty=True)
    import scipy.sparse as sparse

    if not sparse.issparse(matrix) or matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise TypeError(f"matrix must be a square scipy.sparse array; got {type(matrix).__name__}")
    d = _check_damping(damping)
    tol = _check_tol(tol)
    max_iter = _check_max_iter(max_iter)
    n = matrix.shape[0]
    if n == 0:
        raise ValueError("matrix has no pages; PageRank needs at least one")
    work = (matrix.nnz + n) * max_iter
    if work > MAX_WORK:
        raise ValueError(f"this web is too big to rank in a lesson: {matrix.nnz:,} links and {n:,} pages times "
                         f"max_iter={max_iter:,} steps is {work:.1e} link-steps, more than MAX_WORK={MAX_WORK:.0e} "
                         f"(about 20 seconds); lower max_iter to {MAX_WORK // (matrix.nnz + n):,} or rank a smaller web")
    A = sparse.csr_array(matrix, dtype=float)
    if np.isnan(A.data).any() or (A.data < 0).any():
        raise ValueError("matrix must hold link weights >= 0 (no NaN)")
    jump_to = _check_weights("personalization", personalization, n)
    dead_end_to = _check_weights("dangling", dangling, n)
    if dead_end_to is None:
        dead_end_to = jump_to          # networkx's rule: dead ends send the surfer where jumps do
    out = np.asarray(A.sum(axis=1)).ravel()                 # total weight of each page's links
    is_dangling = out == 0
    # T[j, i] = share of page i's links that go to page j: one sparse product per step.
    T = (sparse.diags_array(np.where(is_dangling, 0.0, 1.0 / np.where(is_dangling, 1.0, out))) @ A).T.tocsr()
    x = np.full(n, 1.0 / n) if start is None else _start(start, n)
    # The random jumps: (1 - d)/N to every page, or (1 - d) shared out by the personalization.
    jumps = (1 - d) / n if jump_to is None else (1 - d) * jump_to
    change = np.inf
    for _ in range(max_iter):
        stuck = x[is_dangling].sum()                        # rank sitting on pages without links
        spread = stuck / n if dead_end_to is None else stuck * dead_end_to
        new = d * (T @ x + spread) + jumps
        new /= new.sum()   # guards rounding; the formula keeps the sum at 1
        change = np.abs(new - x).sum()
        if change < tol:
            return new
        x = new
    raise RuntimeError(f"PageRank did not converge: after max_iter={max_iter} steps the shares still changed by "
                       f"{change:.1e} in total, not below tol={tol}; raise max_iter (at most {MAX_ITER:,}) or tol")


def _start(start, n):
    x = np.asarray(start, dtype=float)
    if x.shape != (n,) or np.isnan(x).any() or (x < 0).any() or x.sum() <= 0:
        raise ValueError(f"start must be {n} numbers >= 0 with a positive sum; got shape {x.shape}")
    return x / x.sum()


@defaults_from(PARAMS)
def pagerank(graph, *, damping, tol=1e-10, max_iter=1000, weight="weight", personalization=None,
             dangling=None):
    """PageRank of every page of a networkx graph (same answer as ``networkx.pagerank``).

    Parameters
    ----------
    graph : networkx.DiGraph (or Graph: an undirected edge is a link each way)
    damping : float, default 0.85
        Strictly between 0 and 1 (networkx calls it ``alpha``).
    tol, max_iter
        As for :func:`pagerank_matrix`: tol finite and > 0, max_iter from 1 to 10,000.
    weight : str or None, default "weight"
        The edge attribute holding link weights.
    personalization : dict page -> weight >= 0, optional
        Where the random jumps land, in proportion to the weights (pages left out get 0);
        equal shares if not given. As networkx's ``personalization``.
    dangling : dict page -> weight >= 0, optional
        Where the surfer goes from a page without links (pages left out get 0); where the
        random jumps go if not given. As networkx's ``dangling``.

    Returns
    -------
    pandas.Series
        Indexed by node, named "pagerank"; sums to 1.

    Raises
    ------
    TypeError, ValueError, RuntimeError
        As for :func:`smlearn.models.networks.adjacency` and :func:`pagerank_matrix`; also if ``personalization`` or
        ``dangling`` is not a dict, names a page the graph does not have, holds a weight
        that is negative or not finite, or gives every page 0.

    Examples
    --------
    >>> import networkx as nx
    >>> web = nx.DiGraph([("blog", "shop"), ("news", "shop"), ("shop", "blog")])
    >>> pagerank(web).round(3).to_dict()
    {'blog': 0.464, 'shop': 0.486, 'news': 0.05}

    With every random jump landing on the news page, the news page gets all of the
    jumps, (1 - 0.85) = 0.15, and passes most of it on to the shop:

    >>> pagerank(web, personalization={"news": 1}).round(3).to_dict()
    {'blog': 0.391, 'shop': 0.459, 'news': 0.15}
    """
    if weight is not None:
        check_text("weight", weight)
    _check_damping(damping)
    _check_tol(tol)
    _check_max_iter(max_iter)
    _check_web(graph)
    nodes, matrix = networks.adjacency(graph, weight=weight)
    jump_to = _weights_by_node("personalization", personalization, nodes)
    dead_end_to = _weights_by_node("dangling", dangling, nodes)
    return pd.Series(pagerank_matrix(matrix, damping=damping, tol=tol, max_iter=max_iter,
                                     personalization=jump_to, dangling=dead_end_to),
                     index=pd.Index(nodes, name="page"), name="pagerank")


# ---- Content that earns links ---------------------------------------------------------------

@dataclass(frozen=True)
class LinkWeb:
    """The result of :func:`simulate`.

    Attributes
    ----------
    weekly : pandas.DataFrame
        One row per week: period, your_pages, links_in (links from other sites to yours),
        pagerank (your site's total share), visits, leads, customers, cum_visits,
        cum_customers, and top_page_pagerank (the highest-ranked other page's share).
    pages : pandas.DataFrame
        One row per page at the end: page, owner ("you" or "web"), quality, links_in,
        pagerank, visits (in the last week).
    sources, targets : numpy.ndarray
        The links at the end, page ``sources[k]`` -> page ``targets[k]``.
    params : FrozenParams
        The checked parameters (read-only).
    """

    weekly: pd.DataFrame
    pages: pd.DataFrame
    sources: np.ndarray
    targets: np.ndarray
    params: FrozenParams


@defaults_from(PARAMS)
def simulate(*, periods, n_pages, links_per_page, posts_per_period, content_quality, new_links_per_period,
             friend_links, damping, searches_per_period, lead_rate_pull, close_rate_pull, seed=None) -> LinkWeb:
    """Simulate your website earning links, PageRank and search visits week by week.

    Every parameter is keyword-only; its default, range and step are in :data:`PARAMS` (the defaults
    are illustrative, and a class profile may change them).

    Parameters
    ----------
    periods : int, weeks
        How many weeks to simulate.
    n_pages : int, pages
        How many pages of other websites the web has at the start.
    links_per_page : int, links
        How many earlier pages each page of the starting web links to.
    posts_per_period : float, pieces/week
        Pieces of content you publish per week.
    content_quality : float, 0 to 1
        How likely an author who finds your pages is to link to them (the other pages range from 0
        to 1).
    new_links_per_period : int, links/week
        How many new links the rest of the web makes each week.
    friend_links : int, links
        How many pages of your contacts link to your home page in week 1 (networking).
    damping : float, probability
        Chance that the random surfer follows a link rather than jumping to a random page.
    searches_per_period : int, visits/week
        Visits a search engine sends to the whole web each week, shared out by PageRank.
    lead_rate_pull : float, per visit
        Share of visitors from search who become leads.
    close_rate_pull : float, per lead
        Share of leads from search who become customers.
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the one generator used for every draw (the starting web, qualities, links).

    Returns
    -------
    LinkWeb

    Raises
    ------
    TypeError, ValueError
        If a parameter is unknown, of the wrong type or outside its range, or the seed is invalid.

    Notes
    -----
    Each week's PageRank starts from last week's and stops when the shares change by less
    than 1e-5 in total: plenty for visits (at most a few hundredths of a visit off) and
    fast enough for a slider. :func:`pagerank` gives the exact ranks of the final web: a
    ``networkx.DiGraph`` of the pages ``result.pages["page"]`` and the links
    ``zip(result.sources, result.targets)``.

    Examples
    --------
    >>> web = simulate(seed=1)
    >>> week = web.weekly.set_index("period")
    >>> week.loc[[1, 26, 52], ["your_pages", "links_in", "visits"]].round()
            your_pages  links_in  visits
    period
    1                2         1    18.0
    26              27        48   139.0
    52              53       145   307.0

    Twenty links from people you know give a head start, but without content the site
    falls back as the rest of the web grows:

    >>> friends = simulate(friend_links=20, posts_per_period=0.0, seed=1).weekly
    >>> friends["visits"].iloc[[0, -1]].round().tolist()       # weeks 1 and 52
    [35.0, 23.0]
    """
    p = check_params(PARAMS, {"periods": periods, "n_pages": n_pages, "links_per_page": links_per_page,
                              "posts_per_period": posts_per_period, "content_quality": content_quality,
                              "new_links_per_period": new_links_per_period, "friend_links": friend_links,
                              "damping": damping, "searches_per_period": searches_per_period,
                              "lead_rate_pull": lead_rate_pull, "close_rate_pull": close_rate_pull})
    rng = check_seed(seed)

    # ---- The starting web, then your home page (page n_web) ------------------------------------
    n_web = p["n_pages"]
    published = np.floor(np.arange(p["periods"] + 1) * p["posts_per_period"] + 1e-9).astype(int)
    pieces = np.diff(published)                               # pieces published in each week
    n_max = n_web + 1 + int(pieces.sum())
    web_sources, web_targets = _price_edges(n_web, p["links_per_page"], rng)
    quality = np.concatenate([rng.random(n_web), np.full(n_max - n_web, p["content_quality"])])
    is_yours = np.arange(n_max) >= n_web
    home = n_web

    # The links so far, in two growing arrays; `linked` stops a page linking twice to the same page.
    capacity = (len(web_sources) + p["friend_links"] + p["periods"] * p["new_links_per_period"]
                + int(pieces.sum()) * (2 + p["links_per_page"]))
    src, dst = np.empty(capacity, dtype=np.int64), np.empty(capacity, dtype=np.int64)
    count = len(web_sources)
    src[:count], dst[:count] = web_sources, web_targets
    linked = set(zip(web_sources.tolist(), web_targets.tolist()))

    def add_links(new_sources, new_targets):
        nonlocal count
        for i, j in zip(new_sources, new_targets):
            if i != j and (i, j) not in linked:
                linked.add((i, j))
                src[count], dst[count] = i, j
                count += 1

    def appeal(n, rank):
        """How likely an author is to link to each page: found (by chance or by rank) x liked."""
        last = np.zeros(n) if rank is None else np.concatenate([rank, np.zeros(n - len(rank))])
        weight = quality[:n] * (1.0 / n + last)               # new pages have no rank yet
        return weight / weight.sum() if weight.sum() > 0 else np.full(n, 1.0 / n)

    n = n_web + 1                                            # pages that exist so far
    rank = None
    rows = []
    for week in range(p["periods"]):
        # 1. You publish. A piece links to your home page (which links back to it) and, like
        #    any page, to a few pages it found and liked: so some of your rank flows out.
        for _ in range(pieces[week]):
            cited = rng.choice(n, size=min(p["links_per_page"], n), replace=False, p=appeal(n, rank))
            add_links([n, home] + [n] * len(cited), [home, n] + cited.tolist())
            n += 1
        # 2. Networking: in week 1, people you know link to your home page.
        if week == 0 and p["friend_links"]:
            friends = rng.choice(n_web, size=min(p["friend_links"], n_web), replace=False)
            add_links(friends.tolist(), [home] * len(friends))
        # 3. The rest of the web links to what it finds and likes.
        if p["new_links_per_period"]:
            add_links(rng.integers(0, n_web, size=p["new_links_per_period"]).tolist(),
                      rng.choice(n, size=p["new_links_per_period"], p=appeal(n, rank)).tolist())
        # 4. The search engine ranks every page, starting from last week's ranks.
        start = np.full(n, 1.0 / n) if rank is None else np.concatenate([rank, np.full(n - len(rank), 1.0 / n)])
        rank = _power_iteration(src[:count], dst[:count], n, p["damping"], start / start.sum(), tol=1e-5)
        # Your pages are pages n_web (home) onwards: links from other sites to yours cross that line.
        external = np.count_nonzero((src[:count] < n_web) & (dst[:count] >= n_web))
        rows.append((week + 1, n - n_web, int(external), float(rank[n_web:].sum()), float(rank[:n_web].max())))

    # (one table built from whole columns: pandas adds a column at a time ten times slower)
    period, your_pages, links_in, pagerank, top = (np.array(column) for column in zip(*rows))
    # 5. Search visits in proportion to rank, then lesson 02's pull funnel.
    visits = p["searches_per_period"] * pagerank
    leads = visits * p["lead_rate_pull"]
    customers = leads * p["close_rate_pull"]
    weekly = pd.DataFrame({"period": period, "your_pages": your_pages, "links_in": links_in, "pagerank": pagerank,
                           "visits": visits, "leads": leads, "customers": customers, "cum_visits": visits.cumsum(),
                           "cum_customers": customers.cumsum(), "top_page_pagerank": top})

    src, dst = src[:count].copy(), dst[:count].copy()
    inside = is_yours[src] & is_yours[dst]                   # your own pages linking to each other
    pages = pd.DataFrame({"page": np.arange(n), "owner": np.where(is_yours[:n], YOU, WEB).astype(object),
                          "quality": quality[:n], "links_in": np.bincount(dst[~inside], minlength=n),
                          "pagerank": rank, "visits": p["searches_per_period"] * rank})
    return LinkWeb(weekly=weekly, pages=pages, sources=src, targets=dst, params=FrozenParams(p))



def _power_iteration(sources, targets, n, damping, x, *, tol, max_iter=1000):
    """PageRank of plain (weight 1) links, with no input checks: the simulation's hot loop.

    The same formula as :func:`pagerank_matrix`, with the matrix product written out for
    a small web that changes every week: each page splits its rank over its links, and
    ``np.bincount`` adds up what arrives at each page through its links.
    """
    out = np.bincount(sources, minlength=n).astype(float)    # links on each page
    dangling = (out == 0).astype(float)                       # 1 for a page without links
    per_link = np.divide(1.0, out, out=np.zeros(n), where=out > 0)[sources]
    for _ in range(max_iter):
        arriving = np.bincount(targets, weights=x[sources] * per_link, minlength=n)
        new = damping * (arriving + (x @ dangling) / n) + (1 - damping) / n
        if np.abs(new - x).sum() < tol:
            return new / new.sum()
        x = new
    raise RuntimeError(f"PageRank did not converge to tol={tol} within max_iter={max_iter} steps")


def rank_without_own_links(result):
    """PageRank of the final web with the links between your own pages left out.

    The model counts a link from one of your pages to another like any other link, so
    your home page, which every piece links to, collects rank from your own pieces. Search
    engines discount links within one site. This function shows what your pages would be
    worth without them: the same final web, minus every link from your page to your page,
    ranked again exactly (:func:`pagerank_matrix`).

    Parameters
    ----------
    result : LinkWeb

    Returns
    -------
    pandas.DataFrame
        One row per page: page, owner, pagerank and position (1 = highest), each for the
        web with and without your own links (columns ``pagerank``, ``position``,
        ``pagerank_without_own``, ``position_without_own``).

    Raises
    ------
    TypeError
        If ``result`` is not a LinkWeb.

    Examples
    --------
    >>> table = rank_without_own_links(simulate(seed=1))
    >>> home = table[table["owner"] == "you"].iloc[0]
    >>> int(home["position"]), int(home["position_without_own"])     # 6th of 203, then 72nd
    (6, 72)
    """
    import scipy.sparse as sparse

    if not isinstance(result, LinkWeb):
        raise TypeError(f"result must be a LinkWeb from simulate(); got {type(result).__name__}")
    n = len(result.pages)
    yours = (result.pages["owner"] == YOU).to_numpy()
    damping = result.params["damping"]
    own = yours[result.sources] & yours[result.targets]          # a link from your page to your page
    table = result.pages[["page", "owner"]].copy()
    for suffix, keep in (("", np.ones(len(own), dtype=bool)), ("_without_own", ~own)):
        matrix = sparse.csr_array((np.ones(int(keep.sum())), (result.sources[keep], result.targets[keep])),
                                  shape=(n, n))
        rank = pagerank_matrix(matrix, damping=damping)
        table["pagerank" + suffix] = rank
        table["position" + suffix] = pd.Series(rank).rank(ascending=False, method="min").astype(int).to_numpy()
    return table


def visit_sources(result):
    """Split your search visits in the last week into where the model's random surfer came from.

    Visits are ``searches_per_period`` x PageRank, and PageRank has three parts for your pages:

    - **random jumps**: every page gets ``(1 - damping) / N`` of the surfer's time from the
      random jumps, plus an equal share of what dead-end pages pass on, whatever the page
      says and whoever links to it (a search engine would send no one to a page that
      matches no search);
    - **your own links**: what the links between your own pages add (see
      :func:`rank_without_own_links`);
    - **other sites' links**: the rest, earned from links by other sites.

    Parameters
    ----------
    result : LinkWeb

    Returns
    -------
    pandas.Series
        Visits a week, indexed "random jumps", "your own links", "other sites' links" and
        "total" (the last equals the last week's visits, up to the simulation's rounding).

    Raises
    ------
    TypeError
        If ``result`` is not a LinkWeb.

    Examples
    --------
    >>> visit_sources(simulate(seed=1)).round().tolist()
    [80.0, 106.0, 121.0, 307.0]
    """
    table = rank_without_own_links(result)
    yours = (table["owner"] == YOU).to_numpy()
    n = len(table)
    d = result.params["damping"]
    searches = result.params["searches_per_period"]
    # The random-jump share of each page in the web without your own links: the (1 - d)/N
    # jumps plus an equal share of the rank that dead-end pages (no links out) hand on.
    own = yours[result.sources] & yours[result.targets]
    has_links = np.zeros(n, dtype=bool)
    has_links[result.sources[~own]] = True
    without_own = table["pagerank_without_own"].to_numpy()
    jump_share = (1 - d) / n + d * without_own[~has_links].sum() / n
    random_jumps = searches * jump_share * yours.sum()
    # What other sites' links earn; rounding in the iteration can leave a hair below zero when they earn nothing.
    earned = max(searches * without_own[yours].sum() - random_jumps, 0.0)
    own_links = searches * (table["pagerank"].to_numpy()[yours].sum() - without_own[yours].sum())
    return pd.Series({"random jumps": random_jumps, "your own links": own_links, "other sites' links": earned,
                      "total": random_jumps + own_links + earned}, name="visits")

