"""Lesson 03's real data and classic figures: checked against theory, hand counts and the data."""

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn.exercises import key_of
from smlearn import realdata
from smlearn.models import degree_tails, networks
from smlearn.plots import networks as figures
from smlearn.questions import who_is_connected as quiz


# ---- Watts and Strogatz's curve against theory ---------------------------------------------------

@pytest.fixture(scope="module")
def curve():
    return networks.small_world_curve(n=1000, k=10, ps=[0.01, 1.0], repeats=2, seed=0)


@pytest.mark.slow
def test_the_circle_has_the_ring_lattice_clustering_and_path(curve):
    k, n = 10, 1000
    assert curve.loc[0.0, "clustering"] == pytest.approx(3 * (k - 2) / (4 * (k - 1)))
    assert curve.loc[0.0, "mean_path"] == pytest.approx(n / (2 * k), rel=0.03)


def test_all_random_ties_cluster_about_as_much_as_the_density(curve):
    assert curve.loc[1.0, "clustering"] == pytest.approx(10 / 1000, abs=0.005)


def test_the_small_world_window_exists_at_one_percent(curve):
    assert curve.loc[0.01, "path_ratio"] < 0.5
    assert curve.loc[0.01, "clustering_ratio"] > 0.8


def test_small_world_curve_refuses_bad_settings():
    with pytest.raises(ValueError, match="ps"):
        networks.small_world_curve(ps=[0.1, 2.0])
    with pytest.raises(ValueError, match="repeats"):
        networks.small_world_curve(repeats=0)
    with pytest.raises(ValueError, match="k must be even"):
        networks.small_world_curve(k=7)


@settings(max_examples=8, deadline=None)
@given(st.lists(st.floats(0.001, 1.0), min_size=1, max_size=3), st.integers(0, 50))
def test_ratios_are_shares_of_the_circle_and_the_baseline_is_one(ps, seed):
    table = networks.small_world_curve(n=100, k=4, ps=ps, repeats=1, sample=20, seed=seed)
    assert table.index.is_monotonic_increasing and table.index[0] == 0.0
    assert table.loc[0.0, "clustering_ratio"] == 1.0 and table.loc[0.0, "path_ratio"] == 1.0
    assert (table["clustering_ratio"] <= 1.0 + 1e-9).all() and (table["path_ratio"] > 0).all()


def test_small_world_figure_has_a_log_axis_a_finding_and_a_description(curve):
    fig = figures.plot_small_world(curve)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and "log scale" in ax.get_xlabel() and ax.get_ylabel()
    assert "Small world" in ax.get_title()
    words = figures.describe_small_world(curve)
    assert "log axis" in words and "p = 0.01" in words


# ---- Real directed networks: hand counts and the data ----------------------------------------------

def test_compare_directed_on_a_table_counted_by_hand():
    G = nx.DiGraph([("a", "b"), ("b", "a"), ("c", "a"), ("c", "b")])   # 2 of 4 follows returned
    table = realdata.compare_directed({"tiny": G}, {"fans": [0, 0, 0, 10]})
    assert table.loc["tiny", "reciprocity"] == pytest.approx(0.5)
    assert table.loc["tiny", "max"] == 2          # a and b are each followed twice
    assert math.isnan(table.loc["fans", "reciprocity"])
    assert table.loc["fans", "top10_share"] == 1.0    # the one account with followers holds them all


def test_compare_directed_refuses_what_it_cannot_measure():
    with pytest.raises(TypeError, match="graphs"):
        realdata.compare_directed([nx.DiGraph([(1, 2)])])
    with pytest.raises(TypeError, match="directed"):
        realdata.compare_directed({"undirected": nx.Graph([(1, 2)])})
    with pytest.raises(ValueError, match="both empty"):
        realdata.compare_directed({}, {})


def test_a_friendship_network_passed_as_directed_returns_every_tie():
    friends = networks.friendship_network(200, 6, 0.1, seed=1)
    assert realdata.compare_directed({"f": friends.to_directed()}).loc["f", "reciprocity"] == 1.0


@pytest.mark.slow
def test_the_real_networks_sit_between_the_two_models():
    senate = realdata.senate_network()
    mps = realdata.mp_interaction_network()
    assert 0.5 < realdata.reciprocity(senate) < 0.6          # far from 1, far from the follower model's 0.08
    assert realdata.reciprocity(mps) < realdata.reciprocity(senate)
    audience = realdata.inequality_summary(realdata.mp_followers())
    assert audience["gini"] > 0.7 > realdata.in_degree_summary(senate)["gini"]


def democrats_reciprocity():
    """The course's measure on the follows among the Democrats only (what the coding exercise's case is)."""
    senate = realdata.senate_network()
    return realdata.reciprocity(senate.subgraph([s for s, p in senate.nodes(data="party") if p == "D"]))


def test_the_democrats_reciprocity_matches_a_count_by_hand():
    senate = realdata.senate_network()
    democrats = [s for s, p in senate.nodes(data="party") if p == "D"]
    ties = [(u, v) for u, v in senate.edges() if u in democrats and v in democrats and u != v]
    returned = sum(1 for u, v in ties if senate.has_edge(v, u))
    assert democrats_reciprocity() == pytest.approx(returned / len(ties))


def test_the_coding_exercise_agrees_with_networkx_and_the_courses_measure():
    question = quiz.returned_follows
    namespace = {}
    exec(key_of(question).solution_code, namespace)
    assert question.check(namespace["share_returned"]).correct
    # The Democrats' case is the course's own measure of the same follows.
    assert quiz.reciprocity_of(quiz.DEMOCRAT_FOLLOWS) == pytest.approx(democrats_reciprocity())
    question.reset()


def test_the_coding_exercise_names_the_usual_mistakes():
    question = quiz.returned_follows

    def pairs(follows):      # counts pairs, not follows
        both = {frozenset((a, b)) for a, b in follows if (b, a) in follows}
        return len(both) / len({frozenset(pair) for pair in follows})

    wrong = question.check(pairs)
    assert not wrong.correct and "Cy" in wrong.message and "0.667" in wrong.message
    stops = question.check(lambda follows: follows[99])
    assert not stops.correct and "IndexError" in stops.message and "Traceback" not in stops.message
    question.reset()


# ---- The follower tail ------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_tail_figure_is_log_log_and_states_the_check_in_words():
    rng = np.random.default_rng(3)
    counts = np.floor(10 * (1 - rng.random(2000)) ** (-1 / 1.5)).astype(int)   # a power law, exponent 2.5
    fit = degree_tails.power_law_fit(counts, resamples=20, seed=0)
    fig = figures.plot_follower_tail(counts, fit=fit, who="accounts")
    ax = fig.axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    words = figures.describe_follower_tail(counts, fit=fit)
    assert "not ruled out" in words and "does not prove" in words


def test_fit_words_say_ruled_out_below_a_tenth():
    fit = degree_tails.PowerLawFit(2.0, 10, 100, 0.2, 0.03, 100)
    assert "ruled out" in figures.fit_words(fit) and "not ruled out" not in figures.fit_words(fit)


def test_the_karate_description_names_both_clubs_and_their_markers():
    import smlearn

    karate = smlearn.data.load("karate")
    words = figures.describe_real_networks({"karate": karate}, networks.compare({"karate": karate}),
                                           colour_by={"karate": "club"})
    assert "Mr. Hi (vermillion circles, 17 people)" in words and "Officer (blue squares, 17 people)" in words
    fig = figures.plot_real_networks({"karate": karate}, colour_by={"karate": "club"})
    markers = set()
    for collection in fig.axes[0].collections[1:]:
        markers.add(collection.get_paths()[0].vertices.tobytes())
    assert len(markers) == 2       # two different marker shapes, not colour alone


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), min_size=1, max_size=60),
       st.lists(st.integers(0, 10_000), min_size=1, max_size=40))
def test_compare_directed_gives_shares_between_0_and_1(ties, counts):
    G = nx.DiGraph(ties)
    if all(u == v for u, v in ties):
        return                                   # only self-ties: refused, tested above
    row = realdata.compare_directed({"g": G}).loc["g"]
    assert 0.0 <= row["reciprocity"] <= 1.0
    assert 0.0 <= row["gini"] <= 1.0
    assert 0.0 < row["top1_share"] <= row["top10_share"] <= 1.0 + 1e-12
    if sum(counts) > 0:
        audience = realdata.compare_directed({}, {"a": counts}).loc["a"]
        assert audience["top1_share"] <= audience["top10_share"] <= 1.0 + 1e-12
        assert math.isnan(audience["reciprocity"])


# ---- Reciprocity against the density (Garlaschelli and Loffredo 2004) -----------------------------

def test_reciprocity_beyond_chance_on_a_trio_counted_by_hand():
    trio = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c"), ("c", "c")])   # the self-tie is left out
    # 2 of 3 follows returned; 3 of the 3 x 2 = 6 possible follows exist
    assert realdata.reciprocity_beyond_chance(trio) == pytest.approx((2 / 3 - 1 / 2) / (1 - 1 / 2))
    everyone = nx.complete_graph(4, create_using=nx.DiGraph)              # density 1: nothing to compare
    assert math.isnan(realdata.reciprocity_beyond_chance(everyone))
    with pytest.raises(TypeError, match="directed"):
        realdata.reciprocity_beyond_chance(nx.Graph([(1, 2)]))


def test_random_follows_are_returned_about_as_often_as_the_density():
    # Each follow drawn independently with chance 0.3: reciprocity ~ 0.3, so beyond chance ~ 0.
    G = nx.gnp_random_graph(300, 0.3, seed=4, directed=True)
    assert realdata.reciprocity(G) == pytest.approx(0.3, abs=0.01)
    assert realdata.reciprocity_beyond_chance(G) == pytest.approx(0.0, abs=0.015)


@pytest.mark.slow
def test_the_senators_excess_is_mostly_density():
    senate = realdata.senate_network()
    assert realdata.reciprocity_beyond_chance(senate) == pytest.approx(0.18, abs=0.005)
    assert realdata.reciprocity_beyond_chance(realdata.mp_interaction_network()) == pytest.approx(0.22, abs=0.005)
    democrats = senate.subgraph([s for s, p in senate.nodes(data="party") if p == "D"])
    assert nx.density(democrats) == pytest.approx(0.61, abs=0.005)
    assert realdata.reciprocity_beyond_chance(democrats) == pytest.approx(0.10, abs=0.005)
    republicans = senate.subgraph([s for s, p in senate.nodes(data="party") if p == "R"])
    assert abs(realdata.reciprocity_beyond_chance(republicans)) < 0.005
    # The exercise's explanation states these figures: keep it true.
    words = quiz.returned_follows.explanation
    assert "61 %" in words and "0.10" in words and "0.68 at a density of 0.68" in words


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), min_size=1, max_size=50))
def test_beyond_chance_is_at_most_1_and_1_only_when_every_follow_is_returned(ties):
    G = nx.DiGraph(ties)
    if all(u == v for u, v in ties):
        return
    rho = realdata.reciprocity_beyond_chance(G)
    if math.isnan(rho):
        assert realdata.compare_directed({"g": G}).loc["g", "density"] == 1.0
        return
    assert rho <= 1.0 + 1e-12
    assert (abs(rho - 1.0) < 1e-12) == (realdata.reciprocity(G) == 1.0)


def test_compare_directed_shows_the_density_and_whole_counts():
    G = nx.DiGraph([("a", "b"), ("b", "a"), ("c", "a"), ("c", "b")])   # 4 of 3 x 2 = 6 possible follows
    table = realdata.compare_directed({"tiny": G}, {"fans": [0, 0, 0, 10]})
    assert table.loc["tiny", "density"] == pytest.approx(4 / 6)
    assert table.loc["tiny", "beyond_chance"] == pytest.approx((0.5 - 4 / 6) / (1 - 4 / 6))
    assert str(table["people"].dtype) == "int64" and str(table["max"].dtype) == "int64"


def test_readable_puts_thousands_separators_on_whole_numbers_only():
    import pandas as pd

    table = pd.DataFrame({"max": [4461698, 64], "share": [0.5681, float("nan")]}, index=["a", "b"])
    html = realdata.readable(table).to_html()
    assert "4,461,698" in html and ">64<" in html and "0.57" in html and "nan" not in html
    assert realdata.readable(table).to_html() == html      # the same HTML every run (nbval compares it)
    with pytest.raises(TypeError, match="table"):
        realdata.readable([1, 2])
    with pytest.raises(ValueError, match="decimals"):
        realdata.readable(table, decimals=-1)


# ---- Power law against log-normal on the MPs' followers (the method's own tests: tests/models/test_degree_tails.py)

@pytest.mark.slow   # two fits of the real follower tail compared: seconds
def test_the_mps_tail_cannot_be_told_apart():
    fit = quiz.follower_tail_fit()
    result = degree_tails.compare_tails(realdata.mp_followers().to_numpy(), fit.k_min)
    assert result.better == "cannot tell" and result.n_tail == fit.n_tail == 330
    assert result.exponent == pytest.approx(fit.exponent)


def test_the_tail_legend_gives_the_slope_of_the_line():
    counts = np.floor(10 * (1 - np.random.default_rng(3).random(500)) ** (-1 / 1.5)).astype(int)
    fit = degree_tails.power_law_fit(counts, resamples=0)
    labels = [text.get_text() for text in figures.plot_follower_tail(counts, fit=fit).axes[0].get_legend().get_texts()]
    assert any(f"slope {1 - fit.exponent:.2f}" in label for label in labels)
    assert f"slope {1 - fit.exponent:.2f}" in figures.describe_follower_tail(counts, fit=fit)
