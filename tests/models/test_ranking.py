"""Tests for smlearn.models.ranking: the five ranking rules, and their engine held equal to them.

Expected values are worked out here by hand or by an independent method (scipy's Wilson
interval, the published formulas of Reddit's hot and Hacker News' news.arc), never against
the model's own output.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn.models import ranking
from smlearn.models.engines import ranking as fast

# ---- The rules against hand-computed values ---------------------------------------------------


def test_net_score():
    assert ranking.net_score([10, 0, 3], [2, 0, 8]).tolist() == [8, 0, -5]


@pytest.mark.parametrize("ups, downs, seconds, expected", [
    (10, 2, 90000, 2.903089987),     # log10(8) = 0.903089987, plus 90000 / 45000 = 2
    (0, 0, 45000, 1.0),              # no votes: only the time term, 45000 / 45000
    (1, 0, 0, 0.0),                  # one net vote: log10(1) = 0
    (3, 8, 0, -0.698970004),         # net -5: -log10(5)
    (1000, 0, 4500, 3.1),            # log10(1000) = 3, 4500 / 45000 = 0.1
    (2, 2, 9000, 0.2),               # net 0: sign 0, so only 9000 / 45000
])
def test_hot_matches_reddits_published_formula(ups, downs, seconds, expected):
    assert float(ranking.hot(ups, downs, seconds)) == pytest.approx(expected, abs=1e-9)


def test_hot_trades_a_factor_ten_in_votes_for_twelve_and_a_half_hours():
    older = ranking.hot(101, 1, 0)                     # 100 net votes at time 0
    newer = ranking.hot(11, 1, 12.5 * 3600)            # 10 net votes, 12.5 hours later
    assert float(older) == pytest.approx(float(newer), abs=1e-12)


@pytest.mark.parametrize("points, age, g, expected", [
    (10, 4, 1.8, 0.357742),          # 9 / 6**1.8 = 9 / 25.1573
    (1, 0, 1.8, 0.0),                # a fresh item: points - 1 = 0
    (101, 0, 1.8, 28.717459),        # 100 / 2**1.8 = 100 / 3.48220
    (50, 3, 1.0, 9.8),               # 49 / 5
    (7, 10, 0.0, 6.0),               # no gravity: points - 1
])
def test_gravity_simple_matches_the_simplified_formula(points, age, g, expected):
    assert float(ranking.gravity_simple(points, age, gravity=g)) == pytest.approx(expected, rel=1e-5)


@pytest.mark.parametrize("points, age, g, expected", [
    (10, 4, 1.8, 0.2305270),         # 9**0.8 / 6**1.8 = 5.799546 / 25.157776
    (1, 0, 1.8, 0.0),                # a fresh item: points - 1 = 0, as in the simplified rule
    (2, 3, 1.8, 0.0551892),          # points - 1 = 1 and 1**0.8 = 1: 1 / 5**1.8 = 1 / 18.119492
    (101, 0, 1.8, 11.432626),        # 100**0.8 / 2**1.8 = 39.810717 / 3.482202
    (50, 3, 1.0, 4.499734),          # 49**0.8 / 5 = 22.498671 / 5
    (0, 4, 1.8, -0.0397491),         # points - 1 = -1 is NOT raised to 0.8: -1 / 6**1.8 = -1 / 25.157776
])
def test_hn_arc_matches_the_news_arc_formula(points, age, g, expected):
    assert float(ranking.hn_arc(points, age, gravity=g)) == pytest.approx(expected, rel=1e-5)


def test_the_two_gravity_rules_agree_on_the_documented_cases():
    # Same age: (p - 1)**0.8 keeps the order of p - 1, so the two rules rank alike.
    points = np.array([1, 2, 5, 40, 300])
    for age in (0, 3, 24):
        simple = ranking.gravity_simple(points, age)
        arc = ranking.hn_arc(points, age)
        assert np.argsort(simple).tolist() == np.argsort(arc).tolist()
    # points - 1 <= 0 (and 1, since 1**0.8 = 1): the very same score under both.
    for p in (0, 1, 2):
        assert float(ranking.hn_arc(p, 5)) == pytest.approx(float(ranking.gravity_simple(p, 5)), abs=1e-15)
    # With more than one point, the arc rule orders items as the simplified one with gravity / 0.8.
    rng = np.random.default_rng(3)
    pts, ages = rng.integers(2, 500, size=200), rng.uniform(0, 48, size=200)
    arc = ranking.hn_arc(pts, ages, gravity=1.8)
    simple_225 = (pts - 1) / (ages + 2) ** (1.8 / 0.8)        # the formula written out, not the module
    assert np.argsort(arc).tolist() == np.argsort(simple_225).tolist()


def test_the_two_gravity_rules_order_some_pairs_differently():
    # By hand: 100 points at 10 hours vs 20 points at 3 hours.
    # simplified: 99 / 12**1.8 = 1.130 > 19 / 5**1.8 = 1.049: the big old item first;
    # news.arc: 99**0.8 / 12**1.8 = 0.451 < 19**0.8 / 5**1.8 = 0.582: the fresh item first.
    assert 99 / 12 ** 1.8 > 19 / 5 ** 1.8 and 99 ** 0.8 / 12 ** 1.8 < 19 ** 0.8 / 5 ** 1.8
    simple = ranking.gravity_simple([100, 20], [10, 3])
    arc = ranking.hn_arc([100, 20], [10, 3])
    assert simple[0] > simple[1] and arc[0] < arc[1]
    assert ranking.rank_items([99, 19], [0, 0], [0, 7], 10, rule="gravity (simplified)").tolist() == [0, 1]
    assert ranking.rank_items([99, 19], [0, 0], [0, 7], 10, rule="hacker news").tolist() == [1, 0]
    # Over random pairs of items (1-500 points, 0-48 hours old) a few per cent flip, not none and not most.
    rng = np.random.default_rng(0)
    pts, ages = rng.integers(1, 501, size=(2, 20000)), rng.uniform(0, 48, size=(2, 20000))
    s, a = ranking.gravity_simple(pts, ages), ranking.hn_arc(pts, ages)
    differ = np.mean(np.sign(s[0] - s[1]) != np.sign(a[0] - a[1]))
    assert 0.01 < differ < 0.25


def test_wilson_lower_bound_by_hand_and_against_scipy():
    from scipy.stats import binomtest

    # Worked by hand: p = 0.9, n = 10, z = 1.96 -> (1.09208 - 1.96 * 0.136396) / 1.38416
    assert float(ranking.wilson_lower_bound(9, 1, z=1.96)) == pytest.approx(0.595844, abs=1e-5)
    for ups, downs in [(9, 1), (90, 10), (1, 0), (0, 5), (37, 12), (500, 499)]:
        low = binomtest(ups, ups + downs).proportion_ci(confidence_level=0.95, method="wilson").low
        assert float(ranking.wilson_lower_bound(ups, downs)) == pytest.approx(low, abs=1e-12)
    assert float(ranking.wilson_lower_bound(0, 0)) == 0.0


def test_wilson_prefers_many_good_votes_to_a_few_perfect_ones():
    few, many = ranking.wilson_lower_bound([3, 95], [0, 5])
    assert many > few


def test_rank_items_by_each_rule():
    ups, downs, submitted = [300, 30, 0, 5], [20, 1, 0, 4], [0, 20, 23, 22]
    assert ranking.rank_items(ups, downs, submitted, 24, rule="score").tolist() == [0, 1, 3, 2]
    # gravity (simplified): 280 / 26**1.8 = 0.79, 29 / 6**1.8 = 1.15, 0, 1 / 4**1.8 = 0.08
    assert ranking.rank_items(ups, downs, submitted, 24, rule="gravity (simplified)").tolist() == [1, 0, 3, 2]
    # hacker news: 280**0.8 / 26**1.8 = 0.26, 29**0.8 / 6**1.8 = 0.59, 0, 1 / 4**1.8 = 0.08
    assert ranking.rank_items(ups, downs, submitted, 24, rule="hacker news").tolist() == [1, 0, 3, 2]
    # hot: log10(280) + 0 = 2.45; log10(29) + 20*3600/45000 = 3.06; 0 + 1.84; 0 + 1.76
    assert ranking.rank_items(ups, downs, submitted, 24, rule="hot").tolist() == [1, 0, 2, 3]
    # wilson: 300 of 320 (0.905) beats 30 of 31 (0.838): more votes, more certainty; 5 of 9 0.267; none 0
    assert ranking.rank_items(ups, downs, submitted, 24, rule="wilson").tolist() == [0, 1, 3, 2]


def test_ties_go_to_the_newest_item():
    assert ranking.rank_items([0, 0, 0], [0, 0, 0], [1, 3, 2], 5, rule="score").tolist() == [1, 2, 0]


@pytest.mark.parametrize("call, error, message", [
    (lambda: ranking.hot(-1, 0, 0), ValueError, "ups must be >= 0"),
    (lambda: ranking.hot(1, float("nan"), 0), ValueError, "downs must not contain NaN"),
    (lambda: ranking.hot(1, 0, -5), ValueError, "submitted_seconds must be >= 0"),
    (lambda: ranking.hot("ten", 0, 0), TypeError, "ups must be a number"),
    (lambda: ranking.net_score([1, 2], [0, -1]), ValueError, "downs must be >= 0"),
    (lambda: ranking.gravity_simple(5, float("nan")), ValueError, "age_hours must not contain NaN"),
    (lambda: ranking.gravity_simple(5, -1), ValueError, "age_hours must be >= 0"),
    (lambda: ranking.gravity_simple(5, 1, gravity=4), ValueError, "gravity must be between 0.0 and 3.0"),
    (lambda: ranking.hn_arc(-1, 1), ValueError, "points must be >= 0"),
    (lambda: ranking.hn_arc(5, 1, gravity=-0.5), ValueError, "gravity must be between 0.0 and 3.0"),
    (lambda: ranking.rank_items([1], [0], [0], 1, rule="hot", gravity=9), ValueError, "gravity must be between 0.0 and 3.0"),
    (lambda: ranking.wilson_lower_bound(1, 1, z=0), ValueError, "z must be a positive number"),
    (lambda: ranking.wilson_lower_bound(float("inf"), 1), ValueError, "ups must be finite"),
    (lambda: ranking.rank_items([], [], [], 0, rule="hot"), ValueError, "ups must be a non-empty list"),
    (lambda: ranking.rank_items([1, 2], [0], [0, 0], 1, rule="hot"), ValueError, "one entry per item"),
    (lambda: ranking.rank_items([1], [0], [5], 2, rule="hot"), ValueError, "now_hours must be one number, not before"),
    (lambda: ranking.rank_items([1], [0], [0], 1, rule="new"), ValueError, "rule must be one of 'score', 'hot'"),
])
def test_bad_votes_times_and_lists_get_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


# ---- The engine: the five rules scored together, without checks, equal to the rules one by one ----------


@settings(max_examples=60, deadline=None)
@given(votes=st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 2000), st.integers(0, 100)), min_size=1, max_size=40),
       now_extra=st.integers(0, 50), gravity=st.floats(0.0, 3.0))
def test_the_engine_scores_each_item_as_the_rule_itself_does(votes, now_extra, gravity):
    ups, downs, hours = (np.array(column, dtype=float) for column in zip(*votes))
    now = float(hours.max() + now_extra)
    age = now - hours
    points = np.maximum(ups - downs + 1, 0)        # the rules take points >= 0; an item below that is checked apart
    low = ups - downs + 1 < 0
    expected = {
        "score": ranking.net_score(ups, downs),
        "hot": ranking.hot(ups, downs, hours * 3600),
        "gravity (simplified)": ranking.gravity_simple(points, age, gravity=gravity),
        "hacker news": ranking.hn_arc(points, age, gravity=gravity),
        "wilson": ranking.wilson_lower_bound(ups, downs),
    }
    for rule in ranking.RULES:
        got = fast.scores(ups, downs, hours, now, rule, gravity)
        if rule in ranking.GRAVITY_RULES:      # more down- than up-votes: the engine's base is ups - downs, below -1
            got, want = got[~low], np.atleast_1d(expected[rule])[~low]
            assert np.array_equal(got, want), rule
        else:
            assert np.array_equal(got, np.atleast_1d(expected[rule])), rule
        # the engine's order is rank_items's, ties to the newest
        assert ranking.rank_items(ups, downs, hours, now, rule=rule, gravity=gravity).tolist() == \
            fast.rank(ups, downs, hours, now, rule, gravity).tolist()


def test_the_engine_uses_the_rules_published_constants():
    assert (fast.HOT_SECONDS, fast.HN_POINTS_POWER, fast.WILSON_Z) == (ranking.HOT_SECONDS, ranking.HN_POINTS_POWER,
                                                                      ranking.WILSON_Z)

