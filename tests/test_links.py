"""Tests for smlearn.models.links: PageRank against networkx and by hand, the web, and links that earn visits."""

import inspect

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sparse
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn.models import links, traffic
from smlearn.models.links import PARAMS, pagerank, pagerank_matrix, simulate_links, web_graph


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
    matrix, _ = links.adjacency(web_graph(60, 2, seed=9))
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
    (lambda: pagerank_matrix(links.adjacency(web_graph(50, 2, seed=1))[0], max_iter=2), RuntimeError,
     "did not converge"),
    (lambda: web_graph(0, 2), ValueError, "n_pages must be a whole number >= 1"),
    (lambda: web_graph(10, 2.5), TypeError, "links_per_page must be a whole number"),
    (lambda: links.to_networkx("web"), TypeError, "LinkWeb"),
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


def test_signature_defaults_match_params():
    sig = inspect.signature(simulate_links)
    names = [n for n in sig.parameters if n != "seed"]
    assert names == list(PARAMS)
    for name in names:
        assert sig.parameters[name].kind is inspect.Parameter.KEYWORD_ONLY
        assert sig.parameters[name].default == PARAMS[name].default


def test_the_funnel_rates_are_lesson_02s():
    for name in ("lead_rate_pull", "close_rate_pull"):
        assert PARAMS[name] is traffic.PARAMS[name]


@pytest.mark.parametrize("name", list(PARAMS))
def test_simulate_links_refuses_out_of_range_values(name):
    p = PARAMS[name]
    with pytest.raises(ValueError, match=f"{name} must be between"):
        simulate_links(**{name: p.max + p.step})


def test_weekly_layout_and_funnel():
    result = simulate_links(periods=20, seed=3)
    weekly = result.weekly
    assert list(weekly.columns) == ["period", "your_pages", "links_in", "pagerank", "visits", "leads", "customers",
                                    "cum_visits", "cum_customers", "top_page_pagerank"]
    assert weekly["period"].tolist() == list(range(1, 21))
    assert weekly["your_pages"].tolist() == [1 + t for t in range(1, 21)]   # home page + one piece a week
    np.testing.assert_allclose(weekly["visits"], 2000 * weekly["pagerank"])
    np.testing.assert_allclose(weekly["customers"], weekly["visits"] * 0.04 * 0.2)


def test_the_final_ranks_are_networkxs_pagerank_of_the_final_web():
    result = simulate_links(seed=4)
    graph = links.to_networkx(result)
    theirs = networkx_rank(graph)
    ours = result.pages.set_index("page")["pagerank"]
    assert max(abs(ours[n] - theirs[n]) for n in theirs) < 1e-4   # the simulation stops at an L1 change of 1e-5
    you = [n for n, owner in graph.nodes(data="owner") if owner == "you"]
    assert result.weekly["pagerank"].iloc[-1] == pytest.approx(sum(theirs[n] for n in you), abs=1e-4)


@settings(max_examples=10, deadline=None)
@given(posts=st.sampled_from([0.0, 0.5, 1.0, 2.5]), quality=st.floats(0, 1), new_links=st.integers(0, 60),
       friends=st.integers(0, 30), seed=st.integers(0, 10**6))
def test_link_invariants(posts, quality, new_links, friends, seed):
    result = simulate_links(periods=20, posts_per_period=posts, content_quality=quality,
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
        runs = [simulate_links(seed=s, **params).weekly.iloc[-1] for s in range(3)]
        return np.mean([r["links_in"] for r in runs]), np.mean([r["visits"] for r in runs])

    weak, strong = end(content_quality=0.1), end(content_quality=0.9)
    assert strong[0] > 2 * weak[0] and strong[1] > weak[1]


def test_content_compounds_while_friend_links_fade():
    friends_only = simulate_links(friend_links=20, posts_per_period=0.0, seed=1).weekly["visits"]
    content = simulate_links(seed=1).weekly["visits"]
    assert friends_only.iloc[0] > content.iloc[0]              # networking gives the faster start
    assert friends_only.iloc[-1] < friends_only.iloc[0]         # but the web grows past it
    assert content.iloc[-1] > 5 * content.iloc[0]               # content keeps earning


# ---- Where the visits come from: the model's limits, measured -----------------------------------------

def test_a_lone_home_page_nobody_links_to_gets_only_random_jumps_as_the_formula_says():
    result = links.simulate_links(posts_per_period=0.0, new_links_per_period=0, periods=4, seed=3)
    parts = links.visit_sources(result)
    pages = result.pages
    n, d = len(pages), result.params["damping"]
    # No link points at the home page, so its rank is (1 - d)/N plus d/N of the dead ends' rank.
    rank = links.pagerank(links.to_networkx(result))
    dead_ends = [page for page in rank.index if links.to_networkx(result).out_degree(page) == 0]
    expected = 2000 * ((1 - d) / n + d * rank[dead_ends].sum() / n)
    assert parts["random jumps"] == pytest.approx(expected, rel=1e-6)
    assert parts["your own links"] == pytest.approx(0, abs=1e-9) and parts["other sites' links"] == pytest.approx(0, abs=1e-6)
    assert parts["total"] == pytest.approx(result.weekly["visits"].iloc[-1], rel=1e-3)


def test_rank_without_own_links_is_networkx_pagerank_of_the_web_minus_links_within_the_site():
    import networkx as nx

    result = links.simulate_links(periods=8, seed=2)
    graph = links.to_networkx(result)
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
