"""Tests for smlearn.models.links: PageRank against networkx and by hand, the web, and links that earn visits."""


import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sparse
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn.models import links, networks, traffic
from smlearn.models.links import PARAMS, pagerank, pagerank_matrix, simulate, web_graph


def final_web(result):
    """A simulation's final web as a networkx.DiGraph, each page with its owner, to check it against networkx."""
    graph = nx.DiGraph()
    pages = result.pages
    graph.add_nodes_from((int(page), {"owner": owner}) for page, owner in zip(pages["page"], pages["owner"]))
    graph.add_edges_from(zip(result.sources.tolist(), result.targets.tolist()))
    return graph


def networkx_rank(graph, **options):
    return nx.pagerank(graph, tol=1e-14, max_iter=10_000, **options)


def assert_same_as_networkx(graph, **options):
    ours = pagerank(graph, tol=1e-13, **options)
    theirs = networkx_rank(graph, **options)
    assert set(ours.index) == set(theirs)
    assert max(abs(ours[node] - theirs[node]) for node in theirs) < 1e-8
    assert ours.sum() == pytest.approx(1.0, abs=1e-12)


# ---- PageRank ----------------------------------------------------------------------------------


def test_two_pages_by_hand():
    # a -> b, and b has no links (dangling). With d = 0.85 and equal jumps:
    #   r_a = 0.15/2 + 0.85 * r_b/2,  r_b = 0.15/2 + 0.85 * (r_a + r_b/2),  r_a + r_b = 1
    # so r_a = 0.075 + 0.425 (1 - r_a), r_a = 0.5 / 1.425.
    rank = pagerank(nx.DiGraph([("a", "b")]), tol=1e-14)
    assert rank["a"] == pytest.approx(0.5 / 1.425, abs=1e-12)
    assert rank["b"] == pytest.approx(1 - 0.5 / 1.425, abs=1e-12)


def test_a_ring_shares_rank_equally_and_an_orphan_gets_only_jumps():
    ring = nx.DiGraph([(0, 1), (1, 2), (2, 3), (3, 0)])
    np.testing.assert_allclose(pagerank(ring).to_numpy(), 0.25, atol=1e-12)
    ring.add_edge(4, 0)                                       # page 4: nobody links to it
    assert pagerank(ring, damping=0.6, tol=1e-14)[4] == pytest.approx((1 - 0.6) / 5, abs=1e-12)


@pytest.mark.parametrize("graph", [
    web_graph(300, 3, seed=1),
    web_graph(50, 1, seed=2),
    nx.gnp_random_graph(80, 0.05, seed=3, directed=True),      # with dangling and isolated pages
    nx.karate_club_graph(),                                    # undirected and weighted
    nx.DiGraph([(0, 0), (0, 1), (1, 2)]),                      # a self-loop and a dangling page
    nx.MultiDiGraph([(0, 1), (0, 1), (0, 2), (2, 0), (1, 2)]), # a double link
], ids=["price-300", "price-tree", "gnp", "karate-weighted", "self-loop", "multi"])
def test_pagerank_equals_networkx_to_1e8(graph):
    assert_same_as_networkx(graph)


@pytest.mark.parametrize("damping", [0.05, 0.5, 0.85, 0.99])
def test_pagerank_equals_networkx_at_any_damping(damping):
    ours = pagerank(web_graph(120, 2, seed=5), damping=damping, tol=1e-13)
    theirs = networkx_rank(web_graph(120, 2, seed=5), alpha=damping)
    assert max(abs(ours[n] - theirs[n]) for n in theirs) < 1e-8


def test_weights_count_and_can_be_ignored():
    graph = nx.DiGraph()
    graph.add_edge("a", "b", weight=3.0)
    graph.add_edge("a", "c", weight=1.0)
    graph.add_edge("c", "a", weight=1.0)
    assert_same_as_networkx(graph)
    plain = pagerank(graph, weight=None, tol=1e-13)
    assert max(abs(plain[n] - v) for n, v in networkx_rank(graph, weight=None).items()) < 1e-8


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 40), p=st.floats(0, 0.3), seed=st.integers(0, 10**6), damping=st.floats(0.05, 0.95))
def test_pagerank_property_sums_to_one_and_matches_networkx(n, p, seed, damping):
    graph = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    ours = pagerank(graph, damping=damping, tol=1e-13)
    assert (ours > 0).all()
    assert ours.sum() == pytest.approx(1.0, abs=1e-12)
    assert ours.min() >= (1 - damping) / n - 1e-12             # every page gets at least its random jumps
    theirs = networkx_rank(graph, alpha=damping)
    assert max(abs(ours[k] - theirs[k]) for k in theirs) < 1e-8


def test_pagerank_matrix_starts_where_it_is_told_and_reaches_the_same_answer():
    _, matrix = networks.adjacency(web_graph(60, 2, seed=9), weight="weight")
    cold = pagerank_matrix(matrix, tol=1e-13)
    warm = pagerank_matrix(matrix, tol=1e-13, start=np.arange(1, 61))
    np.testing.assert_allclose(cold, warm, atol=1e-10)


@pytest.mark.parametrize("damping", [0, 1, 1.5, -0.2, float("nan"), True, "0.85"])
def test_damping_outside_zero_one_is_refused(damping):
    with pytest.raises(ValueError, match="damping must be a number strictly between 0 and 1"):
        pagerank(nx.DiGraph([(0, 1)]), damping=damping)
    with pytest.raises(ValueError, match="damping must be a number strictly between 0 and 1"):
        pagerank_matrix(sparse.csr_array(np.ones((2, 2))), damping=damping)


@pytest.mark.parametrize("call, error, message", [
    (lambda: pagerank(nx.DiGraph()), ValueError, "graph has no pages"),
    (lambda: pagerank({"a": ["b"]}), TypeError, "graph must be a networkx graph"),
    (lambda: pagerank(nx.DiGraph([(0, 1, {"weight": -1})])), ValueError, "weights"),
    (lambda: pagerank(nx.DiGraph([(0, 1, {"weight": float("nan")})])), ValueError, "weights"),
    (lambda: pagerank_matrix(np.ones((2, 2))), TypeError, "square scipy.sparse"),
    (lambda: pagerank_matrix(sparse.csr_array(np.ones((2, 3)))), TypeError, "square scipy.sparse"),
    (lambda: pagerank_matrix(sparse.csr_array((0, 0))), ValueError, "no pages"),
    (lambda: pagerank_matrix(sparse.csr_array(-np.ones((2, 2)))), ValueError, "weights >= 0"),
    (lambda: pagerank_matrix(sparse.csr_array(np.ones((2, 2))), start=[1, 2, 3]), ValueError, "start must be 2"),
    (lambda: pagerank_matrix(networks.adjacency(web_graph(50, 2, seed=1))[1], max_iter=2), RuntimeError,
     "did not converge"),
    (lambda: web_graph(0, 2), ValueError, "n_pages must be a whole number >= 1"),
    (lambda: web_graph(10, 2.5), TypeError, "links_per_page must be a whole number"),
])
def test_bad_input_gets_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


# ---- The generated web -------------------------------------------------------------------------


@pytest.mark.parametrize("n, m", [(1, 3), (5, 3), (200, 2), (300, 4)])
def test_price_web_has_the_right_links(n, m):
    web = web_graph(n, m, seed=n)
    assert web.number_of_nodes() == n
    assert web.number_of_edges() == sum(min(k, m) for k in range(n))
    assert nx.number_of_selfloops(web) == 0
    assert all(u > v for u, v in web.edges())                  # pages only link to earlier pages
    assert all(d == min(k, m) for k, d in web.out_degree())


def test_price_web_is_reproducible_and_heavy_tailed():
    a, b = web_graph(2000, 3, seed=11), web_graph(2000, 3, seed=11)
    assert list(a.edges()) == list(b.edges())
    indegree = np.array([d for _, d in a.in_degree()])
    assert indegree.max() > 15 * indegree.mean()               # a few pages hold many links
    assert np.median(indegree) <= 1                           # most pages hold few


# ---- Content that earns links -----------------------------------------------------------------


def test_the_funnel_rates_are_lesson_02s():
    for name in ("lead_rate_pull", "close_rate_pull"):
        assert PARAMS[name] is traffic.PARAMS[name]


def test_weekly_layout_and_funnel():
    result = simulate(periods=20, posts_per_period=1.0, seed=3)
    weekly, params = result.weekly, result.params
    assert list(weekly.columns) == ["period", "your_pages", "links_in", "pagerank", "visits", "leads", "customers",
                                    "cum_visits", "cum_customers", "top_page_pagerank"]
    assert weekly["period"].tolist() == list(range(1, 21))
    assert weekly["your_pages"].tolist() == [1 + t for t in range(1, 21)]   # home page + one piece a week
    np.testing.assert_allclose(weekly["visits"], params["searches_per_period"] * weekly["pagerank"])
    np.testing.assert_allclose(weekly["customers"],
                               weekly["visits"] * params["lead_rate_pull"] * params["close_rate_pull"])


def test_the_final_ranks_are_networkxs_pagerank_of_the_final_web():
    result = simulate(seed=4)
    graph = final_web(result)
    theirs = networkx_rank(graph)
    ours = result.pages.set_index("page")["pagerank"]
    assert max(abs(ours[n] - theirs[n]) for n in theirs) < 1e-4   # the simulation stops at an L1 change of 1e-5
    you = [n for n, owner in graph.nodes(data="owner") if owner == "you"]
    assert result.weekly["pagerank"].iloc[-1] == pytest.approx(sum(theirs[n] for n in you), abs=1e-4)


@settings(max_examples=10, deadline=None)
@given(posts=st.sampled_from([0.0, 0.5, 1.0, 2.5]), quality=st.floats(0, 1), new_links=st.integers(0, 60),
       friends=st.integers(0, 30), seed=st.integers(0, 10**6))
def test_link_invariants(posts, quality, new_links, friends, seed):
    result = simulate(periods=20, posts_per_period=posts, content_quality=quality,
                            new_links_per_period=new_links, friend_links=friends, seed=seed)
    weekly = result.weekly
    assert (np.diff(weekly["links_in"]) >= 0).all()            # links are never taken away
    assert (np.diff(weekly["your_pages"]) >= 0).all()
    assert (np.diff(weekly["cum_customers"]) >= 0).all()
    assert weekly["links_in"].iloc[0] >= friends
    assert ((weekly["pagerank"] > 0) & (weekly["pagerank"] < 1)).all()
    assert result.pages["pagerank"].sum() == pytest.approx(1.0, abs=1e-9)
    pairs = set(zip(result.sources.tolist(), result.targets.tolist()))
    assert len(pairs) == len(result.sources)                   # no link twice
    assert all(i != j for i, j in pairs)


def test_better_content_earns_more_links_and_more_visits():
    def end(**params):
        runs = [simulate(seed=s, **params).weekly.iloc[-1] for s in range(3)]
        return np.mean([r["links_in"] for r in runs]), np.mean([r["visits"] for r in runs])

    weak, strong = end(content_quality=0.1), end(content_quality=0.9)
    assert strong[0] > 2 * weak[0] and strong[1] > weak[1]


def test_content_compounds_while_friend_links_fade():
    friends_only = simulate(friend_links=20, posts_per_period=0.0, seed=1).weekly["visits"]
    content = simulate(friend_links=0, seed=1).weekly["visits"]     # content alone
    assert friends_only.iloc[0] > content.iloc[0]              # networking gives the faster start
    assert friends_only.iloc[-1] < friends_only.iloc[0]         # but the web grows past it
    assert content.iloc[-1] > 5 * content.iloc[0]               # content keeps earning


# ---- Where the visits come from: the model's limits, measured -----------------------------------------

def test_a_lone_home_page_nobody_links_to_gets_only_random_jumps_as_the_formula_says():
    result = links.simulate(posts_per_period=0.0, new_links_per_period=0, friend_links=0, periods=4, seed=3)
    parts = links.visit_sources(result)
    pages = result.pages
    n, d = len(pages), result.params["damping"]
    # No link points at the home page, so its rank is (1 - d)/N plus d/N of the dead ends' rank.
    web = final_web(result)
    rank = links.pagerank(web)
    dead_ends = [page for page in rank.index if web.out_degree(page) == 0]
    expected = result.params["searches_per_period"] * ((1 - d) / n + d * rank[dead_ends].sum() / n)
    assert parts["random jumps"] == pytest.approx(expected, rel=1e-6)
    assert parts["your own links"] == pytest.approx(0, abs=1e-9) and parts["other sites' links"] == pytest.approx(0, abs=1e-6)
    assert parts["total"] == pytest.approx(result.weekly["visits"].iloc[-1], rel=1e-3)


def test_rank_without_own_links_is_networkx_pagerank_of_the_web_minus_links_within_the_site():
    import networkx as nx

    result = links.simulate(periods=8, seed=2)
    graph = final_web(result)
    owner = nx.get_node_attributes(graph, "owner")
    graph.remove_edges_from([(i, j) for i, j in list(graph.edges()) if owner[i] == owner[j] == "you"])
    theirs = nx.pagerank(graph, tol=1e-12, max_iter=1000)
    table = links.rank_without_own_links(result).set_index("page")
    for page, value in theirs.items():
        assert table.loc[page, "pagerank_without_own"] == pytest.approx(value, abs=1e-8)
    assert table["position"].min() == 1 and sorted(table["position_without_own"])[0] == 1
    parts = links.visit_sources(result)
    assert parts[["random jumps", "your own links", "other sites' links"]].sum() == pytest.approx(parts["total"])
    assert parts["total"] == pytest.approx(result.weekly["visits"].iloc[-1], rel=1e-3)
    with pytest.raises(TypeError, match="LinkWeb"):
        links.visit_sources("not a result")


# ---- Personalization, dangling pages and bounded iterations (issue 12) -------------------------------
# The webs below are the ones networkx's own pagerank tests use (networkx/algorithms/link_analysis/
# tests/test_pagerank.py), written out again here; the expected numbers come from the published
# example or from a formula, and networkx.pagerank is checked alongside.


def langville_meyer_web():
    """Six pages from Langville and Meyer's survey of web ranking; page 2 has no links (dangling)."""
    return nx.DiGraph([(1, 2), (1, 3), (3, 1), (3, 2), (3, 5), (4, 5), (4, 6), (5, 4), (5, 6), (6, 4)])


def assert_close_to_networkx(ours, graph, **options):
    theirs = nx.pagerank(graph, tol=1e-15, max_iter=10_000, **options)
    assert set(ours.index) == set(theirs)
    for node, value in theirs.items():
        assert ours[node] == pytest.approx(value, rel=1e-7, abs=1e-12)


def test_the_published_six_page_example_at_damping_0_9():
    # Published to 8 decimals, so each should agree to within half a unit in the 8th place.
    published = {1: 0.03721197, 2: 0.05395735, 3: 0.04150565, 4: 0.37508082, 5: 0.20599833, 6: 0.28624589}
    rank = pagerank(langville_meyer_web(), damping=0.9, tol=1e-14)
    for page, value in published.items():
        assert rank[page] == pytest.approx(value, abs=5e-9)
    assert_close_to_networkx(rank, langville_meyer_web(), alpha=0.9)


def test_dangling_weights_send_the_surfer_from_dead_ends_where_they_say():
    dangling = {1: 2, 2: 3, 3: 0, 4: 0, 5: 0, 6: 0}                 # from page 2: to 1 or 2, in 2:3
    published = {1: 0.10844518, 2: 0.18618601, 3: 0.0710892, 4: 0.2683668, 5: 0.15919783, 6: 0.20671497}
    rank = pagerank(langville_meyer_web(), dangling=dangling, tol=1e-14)
    for page, value in published.items():
        assert rank[page] == pytest.approx(value, abs=5e-9)
    assert_close_to_networkx(rank, langville_meyer_web(), dangling=dangling)


def complete_four_by_formula(jump_to, d=0.85):
    # In the complete graph on 4 pages, page j receives a third of every other page's rank,
    # (1 - r_j)/3, so r_j = (1 - d) p_j + d (1 - r_j)/3, i.e. r_j = ((1 - d) p_j + d/3) / (1 + d/3).
    total = sum(jump_to.get(j, 0) for j in range(4))
    return {j: ((1 - d) * jump_to.get(j, 0) / total + d / 3) / (1 + d / 3) for j in range(4)}


@pytest.mark.parametrize("jump_to", [
    {0: 1, 1: 1, 2: 4, 3: 4},
    {0: 0, 1: 0, 2: 0, 3: 1},           # one page gets every jump
    {3: 1},                             # pages left out weigh 0, as in networkx
    {0: 0.5, 1: 2.5, 2: 0, 3: 7},
], ids=["1-1-4-4", "one-nonzero", "incomplete", "mixed"])
def test_personalization_on_the_complete_graph_matches_the_formula_and_networkx(jump_to):
    graph = nx.complete_graph(4)
    rank = pagerank(graph, personalization=jump_to, tol=1e-14)
    for page, value in complete_four_by_formula(jump_to).items():
        assert rank[page] == pytest.approx(value, rel=1e-10)
    assert_close_to_networkx(rank, graph, personalization=jump_to)


def test_equal_personalization_and_dangling_give_the_default_ranks():
    web = web_graph(80, 2, seed=4)
    equal = dict.fromkeys(web.nodes, 2.5)
    plain = pagerank(web, tol=1e-14)
    np.testing.assert_allclose(pagerank(web, personalization=equal, dangling=equal, tol=1e-14), plain,
                               rtol=1e-10)


@pytest.mark.parametrize("options", [
    {"personalization": {1: 1, 4: 2}},
    {"dangling": {6: 1}},
    {"personalization": {1: 1, 4: 2}, "dangling": {6: 1, 2: 1}},
    {"personalization": {5: 1}, "dangling": {1: 3}, "alpha": 0.6},
], ids=["personalization", "dangling", "both", "both-at-0.6"])
def test_personalization_and_dangling_together_match_networkx(options):
    options = dict(options)
    damping = options.pop("alpha", 0.85)
    rank = pagerank(langville_meyer_web(), damping=damping, tol=1e-14, **options)
    assert rank.sum() == pytest.approx(1.0, abs=1e-12)
    assert_close_to_networkx(rank, langville_meyer_web(), alpha=damping, **options)


def test_the_multigraph_example_counts_parallel_links_as_networkx_does():
    graph = nx.MultiGraph([(1, 2), (1, 2), (1, 2), (2, 3), (2, 3), ("3", 3), ("3", 3)])
    rank = pagerank(graph, tol=1e-14)
    assert_close_to_networkx(rank, graph)
    assert rank["3"] == pytest.approx(0.16046911740146227, abs=1e-6)   # networkx's value, at its tol 1e-6


@st.composite
def small_webs_with_weights(draw):
    """A random small digraph (some pages without links) with optional jump and dead-end weights."""
    n = draw(st.integers(1, 12))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n))
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(pairs)
    weight = st.one_of(st.just(0.0), st.floats(0.01, 10))

    def weights():
        chosen = draw(st.dictionaries(st.integers(0, n - 1), weight, max_size=n))
        if sum(chosen.values()) == 0:
            chosen[draw(st.integers(0, n - 1))] = 1.0       # all zero is refused; tested below
        return chosen

    personalization = weights() if draw(st.booleans()) else None
    dangling = weights() if draw(st.booleans()) else None
    damping = draw(st.floats(0.05, 0.95))
    return graph, personalization, dangling, damping


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(case=small_webs_with_weights())
def test_random_small_webs_with_dead_ends_match_networkx(case):
    graph, personalization, dangling, damping = case
    rank = pagerank(graph, damping=damping, tol=1e-14, personalization=personalization, dangling=dangling)
    assert rank.sum() == pytest.approx(1.0, abs=1e-12)
    assert (rank >= 0).all()
    # networkx stops when the total change is below N * tol; 1e-15 sits at the floor of float noise and
    # sometimes never comes (hypothesis found a four-page web), so the reference runs to 1e-12.
    theirs = nx.pagerank(graph, alpha=damping, tol=1e-12, max_iter=10_000, personalization=personalization,
                         dangling=dangling)
    for node, value in theirs.items():   # abs 1e-9: networkx's own answer is only that close at its tol
        assert rank[node] == pytest.approx(value, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("tol", [0, -1, float("nan"), float("inf"), -float("inf"), True, "1e-10", None])
def test_tol_must_be_finite_and_positive(tol):
    # tol=0, -1 or nan could never be met (the run would use every step); tol=inf stops at once, unconverged.
    with pytest.raises(ValueError, match=r"tol must be a finite number > 0 \(1e-10 is usual\); got"):
        pagerank(nx.DiGraph([(0, 1)]), tol=tol)
    with pytest.raises(ValueError, match=r"tol must be a finite number > 0"):
        pagerank_matrix(sparse.csr_array(np.ones((2, 2))), tol=tol)


@pytest.mark.parametrize("max_iter, error", [
    (0, ValueError), (-5, ValueError), (links.MAX_ITER + 1, ValueError), (10**9, ValueError),
    (2.5, TypeError), (100.0, TypeError), (True, TypeError), ("100", TypeError), (None, TypeError),
])
def test_max_iter_must_be_a_whole_number_up_to_the_cap(max_iter, error):
    with pytest.raises(error, match=r"max_iter must be a whole number from 1 to 10,000; got"):
        pagerank(nx.DiGraph([(0, 1)]), max_iter=max_iter)
    with pytest.raises(error, match=r"max_iter must be a whole number from 1 to 10,000"):
        pagerank_matrix(sparse.csr_array(np.ones((2, 2))), max_iter=max_iter)


def test_the_cap_is_enough_for_a_damping_near_one():
    # The error shrinks by about `damping` per step: at 0.99 a tol of 1e-12 needs some 2,700 steps,
    # well inside the cap, and the answer is still networkx's.
    web = web_graph(60, 2, seed=3)
    rank = pagerank(web, damping=0.99, tol=1e-12, max_iter=links.MAX_ITER)
    assert_close_to_networkx(rank, web, alpha=0.99)


def test_a_run_that_does_not_converge_says_how_far_it_got():
    with pytest.raises(RuntimeError, match=r"did not converge: after max_iter=3 steps the shares still changed by "
                                           r"\S+ in total, not below tol=1e-10; raise max_iter \(at most 10,000\)"):
        pagerank(web_graph(50, 2, seed=1), max_iter=3)


def test_a_web_too_big_for_a_lesson_is_refused_before_any_work():
    n = 300_000                                     # a ring of 300,000 pages: 300,000 links
    ring = sparse.csr_array((np.ones(n), (np.arange(n), (np.arange(n) + 1) % n)), shape=(n, n))
    with pytest.raises(ValueError, match=r"too big to rank in a lesson: 300,000 links and 300,000 pages times "
                                         r"max_iter=10,000 steps .* lower max_iter to 3,333"):
        pagerank_matrix(ring, max_iter=10_000)
    np.testing.assert_allclose(pagerank_matrix(ring, max_iter=3_333), 1 / n)   # within the budget it runs


@pytest.mark.parametrize("name", ["personalization", "dangling"])
@pytest.mark.parametrize("weights, error, message", [
    ([1, 1], TypeError, "must be a dict page -> weight, or None; got list"),
    ({"z": 1}, ValueError, "names a page that is not in the graph: 'z'"),
    ({"a": -1}, ValueError, "weights must be finite numbers >= 0; got -1 for page 'a'"),
    ({"a": float("nan")}, ValueError, "weights must be finite numbers >= 0; got nan"),
    ({"a": float("inf")}, ValueError, "weights must be finite numbers >= 0; got inf"),
    ({"a": "1"}, ValueError, "weights must be finite numbers >= 0; got '1'"),
    ({"a": True}, ValueError, "weights must be finite numbers >= 0; got True"),
    ({"a": 0, "b": 0}, ValueError, "must give some page a weight > 0; got all zeros"),
    ({}, ValueError, "must give some page a weight > 0; got all zeros"),
])
def test_bad_personalization_or_dangling_is_refused_by_name(name, weights, error, message):
    with pytest.raises(error, match=f"^{name} " + message.replace("(", r"\(").replace(")", r"\)")):
        pagerank(nx.DiGraph([("a", "b")]), **{name: weights})


@pytest.mark.parametrize("name", ["personalization", "dangling"])
@pytest.mark.parametrize("weights, message", [
    ([1, 1, 1], "must be 2 finite numbers >= 0, one per page; got shape"),
    ([1, -1], "must be 2 finite numbers >= 0"),
    ([1, float("nan")], "must be 2 finite numbers >= 0"),
    ([0, 0], "must give some page a weight > 0"),
])
def test_pagerank_matrix_refuses_bad_weight_vectors_by_name(name, weights, message):
    with pytest.raises(ValueError, match=f"^{name} {message}"):
        pagerank_matrix(sparse.csr_array(np.ones((2, 2))), **{name: weights})
