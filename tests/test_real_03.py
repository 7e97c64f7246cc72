"""Lesson 03's real data and classic figures: checked against theory, hand counts and the data."""

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn import realdata
from smlearn.models import networks
from smlearn.plots import networks as figures
from smlearn.questions import who_is_connected as quiz


# ---- Watts and Strogatz's curve against theory ---------------------------------------------------

@pytest.fixture(scope="module")
def curve():
    return networks.small_world_curve(n=1000, k=10, ps=[0.01, 1.0], repeats=2, seed=0)


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


def test_the_real_networks_sit_between_the_two_models():
    senate = realdata.senate_network()
    mps = realdata.mp_interaction_network()
    assert 0.5 < realdata.reciprocity(senate) < 0.6          # far from 1, far from the follower model's 0.08
    assert realdata.reciprocity(mps) < realdata.reciprocity(senate)
    audience = realdata.inequality_summary(realdata.mp_followers())
    assert audience["gini"] > 0.7 > realdata.in_degree_summary(senate)["gini"]


def test_party_reciprocity_matches_a_count_by_hand():
    senate = realdata.senate_network()
    democrats = [s for s, p in senate.nodes(data="party") if p == "D"]
    ties = [(u, v) for u, v in senate.edges() if u in democrats and v in democrats and u != v]
    returned = sum(1 for u, v in ties if senate.has_edge(v, u))
    assert quiz.party_reciprocity("D") == pytest.approx(returned / len(ties))
    with pytest.raises(ValueError, match="party"):
        quiz.party_reciprocity("Whig")


def test_the_exercise_accepts_the_answer_and_names_the_usual_mistakes():
    question = quiz.democrat_reciprocity
    right = quiz.party_reciprocity("D")
    assert question.check(round(right, 3)).correct
    whole = question.check(round(realdata.reciprocity(realdata.senate_network()), 3))
    assert not whole.correct and "whole Senate" in whole.message
    other = question.check(round(quiz.party_reciprocity("R"), 3))
    assert not other.correct and "Republicans" in other.message
    assert "percentage" in question.check(round(100 * right, 1)).message


# ---- The follower tail ------------------------------------------------------------------------------

def test_the_tail_figure_is_log_log_and_states_the_check_in_words():
    rng = np.random.default_rng(3)
    counts = np.floor(10 * (1 - rng.random(2000)) ** (-1 / 1.5)).astype(int)   # a power law, exponent 2.5
    fit = networks.power_law_fit(counts, resamples=20, seed=0)
    fig = figures.plot_follower_tail(counts, fit=fit, who="accounts")
    ax = fig.axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    words = figures.describe_follower_tail(counts, fit=fit)
    assert "not ruled out" in words and "does not prove" in words


def test_fit_words_say_ruled_out_below_a_tenth():
    fit = networks.PowerLawFit(2.0, 10, 100, 0.2, 0.03, 100)
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
