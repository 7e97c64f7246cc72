"""Lesson 06's real data and its drawing: PageRank on the UK MPs' network, the four-page web.

Checked against things known without the code under test: counts by hand on tiny graphs,
the textbook formula for Spearman's correlation, networkx's own PageRank, scipy's spearmanr,
and the identity that a page's PageRank is the sum of what its linkers, the random jumps and
the dangling pages bring it.
"""

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import spearmanr

from smlearn import realdata
from smlearn.models import links
from smlearn.plots.links import describe_small_web, draw_small_web, small_web_finding
from smlearn.questions import links as quiz
from smlearn.realdata.links import rank_agreement, rank_correlation, rank_correlation_interval, rank_sources, rank_table

TINY = [("club", "shop"), ("club", "guide"), ("guide", "shop"), ("news", "shop"), ("shop", "guide")]


@pytest.fixture(scope="module")
def mps():
    return realdata.mp_interaction_network()


# ---- rank_table ------------------------------------------------------------------------------

def test_rank_table_counts_links_by_hand_on_the_four_page_web():
    table = rank_table(nx.DiGraph(TINY))
    assert table["links_in"].to_dict() == {"shop": 3, "guide": 2, "club": 0, "news": 0}
    assert list(table.index[:2]) == ["shop", "guide"]                       # sorted by PageRank
    assert table["position_pagerank"].to_dict() == {"shop": 1, "guide": 2, "club": 3, "news": 3}
    assert table["position_links_in"].to_dict() == {"shop": 1, "guide": 2, "club": 3, "news": 3}
    assert table["pagerank"].sum() == pytest.approx(1.0)
    assert "followers" not in table                                           # no counts known


def test_rank_table_takes_followers_from_the_nodes_or_from_a_table():
    G = nx.DiGraph([("a", "b"), ("c", "b"), ("b", "a")])
    nx.set_node_attributes(G, {"a": 10, "b": 5, "c": 7}, "followers")
    from_nodes = rank_table(G)
    assert from_nodes["followers"].to_dict() == {"b": 5, "a": 10, "c": 7}
    assert from_nodes["position_followers"].to_dict() == {"a": 1, "c": 2, "b": 3}
    given_table = rank_table(G, pd.Series({"a": 1, "b": 2, "c": 3}))
    assert given_table["followers"].to_dict() == {"b": 2, "a": 1, "c": 3}
    with pytest.raises(ValueError, match="followers"):
        rank_table(G, {"a": 1, "b": 2})                                   # c is missing
    with pytest.raises(ValueError, match="followers"):
        rank_table(G, {"a": 1, "b": -2, "c": 3})
    with pytest.raises(TypeError, match="followers"):
        rank_table(G, [1, 2, 3])
    with pytest.raises(TypeError, match="G"):
        rank_table(nx.Graph([("a", "b")]))
    with pytest.raises(ValueError, match="G"):
        rank_table(nx.DiGraph())


def test_the_courses_pagerank_agrees_with_networkx_on_the_real_network(mps):
    ours = links.pagerank(mps)
    theirs = pd.Series(nx.pagerank(mps, alpha=0.85, weight="weight", tol=1e-13, max_iter=10_000))
    assert (ours - theirs.reindex(ours.index)).abs().max() < 1e-8
    unweighted = pd.Series(nx.pagerank(mps, weight=None, tol=1e-13, max_iter=10_000))
    assert (links.pagerank(mps, weight=None) - unweighted.reindex(ours.index)).abs().max() < 1e-8


def test_the_real_table_matches_the_data_set(mps):
    table = rank_table(mps)
    followers = realdata.mp_followers()
    assert len(table) == 585 == len(followers)
    assert (table["followers"] == followers.reindex(table.index)).all()
    assert table["links_in"].sum() == mps.number_of_edges()
    assert table.index[0] == "BorisJohnson"                      # the prime minister of May 2022


# ---- rank_correlation and rank_agreement ------------------------------------------------------

def test_rank_correlation_matches_the_textbook_formula_by_hand():
    # ranks (1, 2, 3, 4) against (2, 1, 4, 3): d^2 adds up to 4, so rho = 1 - 6 * 4 / (4 * 15) = 0.6
    table = pd.DataFrame({"a": [1, 2, 3, 4], "b": [20, 10, 40, 30]})
    assert rank_correlation(table, "a", "b") == pytest.approx(0.6)
    table["c"] = [4, 3, 2, 1]
    assert rank_correlation(table, "a", "c") == pytest.approx(-1.0)
    table["d"] = [1, 10, 100, 1000]            # a different scale, the same order
    assert rank_correlation(table, "a", "d") == pytest.approx(1.0)


def test_rank_correlation_on_the_real_data_agrees_with_scipy(mps):
    table = rank_table(mps)
    for first, second in (("pagerank", "links_in"), ("pagerank", "followers")):
        assert rank_correlation(table, first, second) == pytest.approx(spearmanr(table[first], table[second]).statistic)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.floats(0.1, 1e6)), min_size=3, max_size=30))
def test_rank_correlation_is_bounded_symmetric_and_blind_to_monotone_rescaling(pairs):
    table = pd.DataFrame(pairs, columns=["x", "y"])
    if table["x"].nunique() < 2 or table["y"].nunique() < 2:
        return
    rho = rank_correlation(table, "x", "y")
    assert -1 - 1e-9 <= rho <= 1 + 1e-9
    assert rho == pytest.approx(rank_correlation(table, "y", "x"))
    table["log_x"] = np.log1p(table["x"].astype(float))     # distinct whole numbers stay distinct
    assert rank_correlation(table, "log_x", "y") == pytest.approx(rho)


def test_rank_correlation_refuses_what_it_cannot_rank():
    table = pd.DataFrame({"a": [1, 2, 3], "b": [5, 5, 5]})
    with pytest.raises(ValueError, match="first"):
        rank_correlation(table, "nope", "a")
    with pytest.raises(ValueError, match="'b'"):
        rank_correlation(table, "a", "b")
    with pytest.raises(ValueError, match="table"):
        rank_correlation(table.head(2), "a", "a")


def test_rank_agreement_is_a_symmetric_square_with_ones_on_the_diagonal(mps):
    square = rank_agreement(rank_table(mps))
    assert list(square.index) == list(square.columns) == ["pagerank", "links_in", "followers"]
    assert np.allclose(np.diag(square), 1.0) and np.allclose(square, square.T)
    with pytest.raises(ValueError, match="measures"):
        rank_agreement(rank_table(mps), ["pagerank"])


# ---- rank_correlation_interval ------------------------------------------------------------------

@pytest.mark.slow
def test_rank_correlation_interval_covers_the_true_spearman_about_95_times_in_100():
    # Bivariate normal with Pearson r = 0.6: the population Spearman is (6 / pi) asin(r / 2) (Pearson 1907).
    rng = np.random.default_rng(6)
    true_rho = 6 / math.pi * math.asin(0.6 / 2)
    covered = 0
    for _ in range(400):
        x, y = rng.multivariate_normal([0, 0], [[1, 0.6], [0.6, 1]], size=40).T
        low, high = rank_correlation_interval(pd.DataFrame({"x": x, "y": y}), "x", "y")
        covered += low <= true_rho <= high
    assert 0.92 <= covered / 400 <= 0.98          # 95 %, give or take three binomial standard errors


def test_rank_correlation_interval_by_hand_and_its_shape():
    # 20 rows with rho = 0.474 (see the docstring): z = atanh(0.474) = 0.515, se = sqrt(1.112 / 17) = 0.256
    table = pd.DataFrame({"a": range(20), "b": [0, 2, 1, 4, 3, 5, 7, 6, 9, 8] * 2})
    low, high = rank_correlation_interval(table, "a", "b")
    assert (round(low, 2), round(high, 2)) == (0.01, 0.77)
    assert low < rank_correlation(table, "a", "b") < high
    wide = rank_correlation_interval(table, "a", "b", level=0.99)
    assert wide[0] < low and wide[1] > high
    assert rank_correlation_interval(pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 4, 6, 8]}), "a", "b") == (1.0, 1.0)
    for level in (0, 1, 1.5, True, "0.95"):
        with pytest.raises(ValueError, match="level"):
            rank_correlation_interval(table, "a", "b", level=level)
    with pytest.raises(ValueError, match="table"):
        rank_correlation_interval(table.head(3), "a", "b")


def test_conservatives_agree_about_as_much_as_the_whole_house(mps):
    table = rank_table(mps)
    whole = rank_correlation(table, "pagerank", "followers")
    low, high = rank_correlation_interval(table[table["party"] == "Conservative"], "pagerank", "followers")
    assert low < whole < high                           # the lesson's "about as much", not "even less"
    words = quiz.party_rank_agreement.explanation
    assert f"{low:.2f} to {high:.2f}" in words and f"({whole:.2f})" in words


def test_the_lessons_outside_check_links_received_match_followers_as_well_as_pagerank(mps):
    table = rank_table(mps)
    assert rank_correlation(table, "links_in", "followers") >= rank_correlation(table, "pagerank", "followers")
    party = table["party"]
    linkers = list(mps.predecessors("BorisJohnson"))
    others = 0
    for linker in linkers:
        others += party[linker] != party["BorisJohnson"]
    assert (len(linkers), others) == (544, 244)          # the lesson's "not always approval"


# ---- rank_sources ------------------------------------------------------------------------------

def test_rank_sources_by_hand_on_the_four_page_web():
    G = nx.DiGraph(TINY)
    rank = links.pagerank(G)
    shares = rank_sources(G, "guide")
    # The shop links only to the guide: it hands on 0.85 of its rank. The club splits 0.85 of its rank in two.
    assert shares["shop"] == pytest.approx(0.85 * rank["shop"] / rank["guide"])
    assert shares["club"] == pytest.approx(0.85 * rank["club"] / 2 / rank["guide"])
    with pytest.raises(ValueError, match="person"):
        rank_sources(G, "nowhere")
    with pytest.raises(TypeError, match="person"):
        rank_sources(G, True)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), min_size=1, max_size=25),
       st.floats(0.05, 0.95))
def test_rank_sources_plus_jumps_and_dead_ends_make_the_whole_rank(edges, damping):
    G = nx.DiGraph()
    G.add_nodes_from(range(8))
    G.add_edges_from((u, v) for u, v in edges if u != v)
    if G.number_of_edges() == 0:
        return
    rank = links.pagerank(G, damping=damping, weight=None, tol=1e-13)
    dangling = sum(rank[n] for n in G if G.out_degree(n) == 0)
    for person in G:
        shares = rank_sources(G, person, damping=damping, weight=None)
        assert ((shares >= 0) & (shares <= 1 + 1e-9)).all()
        jumps = ((1 - damping) / 8 + damping * dangling / 8) / rank[person]
        assert shares.sum() + jumps == pytest.approx(1.0, abs=1e-6)


def test_the_lessons_example_keir_starmer_brings_rachel_reeves_most_of_her_linked_rank(mps):
    shares = rank_sources(mps, "RachelReevesMP")
    assert shares.index[0] == "Keir_Starmer" and shares.iloc[0] == pytest.approx(0.29, abs=0.005)


# ---- The exercise -----------------------------------------------------------------------------

def test_the_party_exercise_takes_spearman_among_one_partys_mps_by_scipy(mps):
    table = rank_table(mps)

    def by_scipy(ranks, party):
        rows = ranks[ranks["party"] == party]
        return spearmanr(rows["pagerank"], rows["followers"]).statistic

    rows = table[table["party"] == "Conservative"]
    assert quiz.party_agreement(table, "Conservative") == pytest.approx(by_scipy(table, "Conservative"))
    assert round(quiz.party_agreement(table, "Conservative"), 3) == 0.501
    assert quiz.party_rank_agreement.check(by_scipy).correct
    assert len(rows) == 308


@pytest.mark.parametrize("slip, says", [
    (lambda t, party: spearmanr(t["pagerank"], t["followers"]).statistic, "case 1 of"),          # every MP
    (lambda t, party: float(np.corrcoef(t.loc[t["party"] == party, "pagerank"],
                                        t.loc[t["party"] == party, "followers"])[0, 1]), "huge account"),   # Pearson
    (lambda t, party: spearmanr(t.loc[t["party"] == party, "pagerank"],
                                t.loc[t["party"] == party, "links_in"]).statistic, "links_in"),   # the wrong column
])
def test_the_party_exercise_refuses_the_usual_slips_and_says_which_case(slip, says):
    feedback = quiz.party_rank_agreement.check(slip)
    assert not feedback.correct and says in feedback.message


# ---- The four-page web drawn -----------------------------------------------------------------

def test_draw_small_web_draws_an_arrow_per_link_and_labels_every_page():
    from matplotlib.patches import FancyArrowPatch

    G = nx.DiGraph(TINY)
    fig = draw_small_web(G)
    ax = fig.axes[0]
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == G.number_of_edges()
    texts = [t.get_text() for t in ax.texts]
    for page, value in links.pagerank(G).items():
        assert any(text.startswith(page) and f"PR {value:.4g}" in text for text in texts)
    assert ax.get_title() == small_web_finding(G)
    assert "guide, with 2, ranks almost as high" in ax.get_title()        # the finding, not a label


def test_describe_small_web_names_every_link_and_rank():
    G = nx.DiGraph(TINY)
    words = describe_small_web(G)
    assert words.startswith("Drawing of a web of 4 pages and 5 links")
    assert "club links to shop and guide" in words and "news links to shop" in words
    assert "club 0 in, PageRank 0.0375" in words


def test_draw_small_web_refuses_webs_it_cannot_draw_readably():
    with pytest.raises(ValueError, match="graph"):
        draw_small_web(nx.DiGraph([(i, i + 1) for i in range(20)]))
    with pytest.raises(ValueError, match="rank"):
        draw_small_web(nx.DiGraph(TINY), pd.Series({"shop": 1.0}))
    with pytest.raises(ValueError, match="positions"):
        draw_small_web(nx.DiGraph(TINY), positions={"shop": (0, 0)})
    assert math.isclose(float(links.pagerank(nx.DiGraph(TINY)).sum()), 1.0)
