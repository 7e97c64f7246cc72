"""Tests for smlearn.models.ranking: the ranking rules, the front page and a ring's fake votes.

Expected values are worked out here by hand or by an independent method (scipy's Wilson
interval, the published formulas of Reddit's hot and Hacker News' news.arc), never against
the model's own output.
"""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn.models import ranking

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
    (lambda: ranking.rank_items([1], [0], [0], 1, gravity=9), ValueError, "gravity must be between 0.0 and 3.0"),
    (lambda: ranking.wilson_lower_bound(1, 1, z=0), ValueError, "z must be a positive number"),
    (lambda: ranking.wilson_lower_bound(float("inf"), 1), ValueError, "ups must be finite"),
    (lambda: ranking.rank_items([], [], [], 0), ValueError, "ups must be a non-empty list"),
    (lambda: ranking.rank_items([1, 2], [0], [0, 0], 1), ValueError, "one entry per item"),
    (lambda: ranking.rank_items([1], [0], [5], 2), ValueError, "now_hours must be one number, not before"),
    (lambda: ranking.rank_items([1], [0], [0], 1, rule="new"), ValueError, "rule must be one of 'score', 'hot'"),
])
def test_bad_votes_times_and_lists_get_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


# ---- The front page ---------------------------------------------------------------------------


def test_front_page_layout_and_determinism():
    page = ranking.simulate(hours=24, seed=4)
    assert page.ranks.shape == (24, 48)
    assert list(page.items.columns) == ["item", "submitted", "quality", "target", "ups", "downs", "fake_ups",
                                        "best_rank", "hours_in_top10"]
    assert list(page.votes.columns) == ["hour", "item", "ups", "downs"]
    again = ranking.simulate(hours=24, seed=4)
    assert page.items.equals(again.items) and np.array_equal(page.ranks, again.ranks, equal_nan=True)


@settings(max_examples=15, deadline=None)
@given(rule=st.sampled_from(ranking.RULES), hours=st.integers(12, 30), per_hour=st.integers(1, 4),
       voters=st.integers(0, 300), manipulation=st.booleans(), ring=st.integers(0, 50), seed=st.integers(0, 10**6))
def test_front_page_invariants(rule, hours, per_hour, voters, manipulation, ring, seed):
    page = ranking.simulate(rule=rule, hours=hours, items_per_hour=per_hour, voters_per_hour=voters,
                                       manipulation=manipulation, ring_size=ring, seed=seed)
    items = page.items
    assert (items[["ups", "downs", "fake_ups"]] >= 0).all().all()
    for hour in range(hours):              # each hour's ranks are 1..(items so far), each once
        present = page.ranks[hour][~np.isnan(page.ranks[hour])]
        assert sorted(present) == list(range(1, (hour + 1) * per_hour + 1))
    # honest votes in the log add up to the totals; fake votes go only to the three targets
    assert page.votes["ups"].sum() + items["fake_ups"].sum() == items["ups"].sum()
    assert page.votes["downs"].sum() == items["downs"].sum()
    assert items["target"].sum() == 3
    assert (items.loc[items["target"], "fake_ups"] == (ring if manipulation else 0)).all()
    assert (items.loc[~items["target"], "fake_ups"] == 0).all()
    assert (items["hours_in_top10"] <= hours - items["submitted"]).all()
    if voters == 0:
        assert items["ups"].sum() == items["fake_ups"].sum() and items["downs"].sum() == 0


def test_with_full_attention_each_reader_votes_up_with_probability_quality():
    # Everyone sees every item: ups of item i ~ Binomial(readers x hours it is up, q_i).
    page = ranking.simulate(hours=30, items_per_hour=2, voters_per_hour=200, page_size=100,
                                       top_attention=1.0, attention_decay=0.0, down_rate=0.0, seed=7)
    items = page.items
    exposure = 200 * (30 - items["submitted"])
    expected = (exposure * items["quality"]).sum()
    sd = math.sqrt((exposure * items["quality"] * (1 - items["quality"])).sum())
    assert abs(items["ups"].sum() - expected) < 4 * sd
    assert items["downs"].sum() == 0


def test_the_crowd_puts_better_items_on_top():
    # Averaged over seeds, the top 10 at the end is better than the average item under every rule.
    for rule in ranking.RULES:
        gaps = [ranking.item_summary(ranking.simulate(rule=rule, seed=s)) for s in range(3)]
        assert np.mean([g["top10_mean_quality"] - g["mean_quality"] for g in gaps]) > 0.05, rule


@pytest.mark.slow
def test_manipulation_lifts_targets_most_under_the_time_decayed_rules():
    # The honest verdict the lesson reports: fake early votes are worth most where freshness counts.
    effect = ranking.manipulation_effect(seeds=range(4))
    for rule in ("hot", "gravity (simplified)", "hacker news"):
        assert effect.loc[rule, "best_rank_ring"] <= 3 < effect.loc[rule, "best_rank_honest"]
        assert effect.loc[rule, "hours_gained"] >= 8
    # A plain score can't be beaten by 20 votes: older items hold hundreds.
    assert effect.loc["score", "best_rank_ring"] > 10
    assert effect.loc["score", "hours_gained"] < min(effect.loc["hot", "hours_gained"],
                                                     effect.loc["gravity (simplified)", "hours_gained"])
    # Every rule lets the ring lift its targets at least a little.
    assert (effect["best_rank_ring"] <= effect["best_rank_honest"]).all()


def test_manipulation_effect_refuses_what_it_sets_itself():
    with pytest.raises(TypeError, match="sets manipulation itself"):
        ranking.manipulation_effect(manipulation=True)
    with pytest.raises(ValueError, match="seeds must hold at least one seed"):
        ranking.manipulation_effect(seeds=[])


def test_front_page_refuses_bad_choices_keywords_and_seeds():
    with pytest.raises(ValueError, match="rule must be one of"):
        ranking.simulate(rule="top")
    with pytest.raises(ValueError, match="manipulation must be one of False, True"):
        ranking.simulate(manipulation=1)
    with pytest.raises(TypeError, match="unexpected keyword argument 'votes'"):
        ranking.simulate(votes=3)
    with pytest.raises(TypeError, match="seed must be"):
        ranking.simulate(seed=-1)
    with pytest.raises(TypeError, match="FrontPage"):
        ranking.manipulation_summary(pd.DataFrame())



# ---- compare_rules and influence_sweep: the lesson's two summary tables ----------------------------

def test_compare_rules_rows_are_the_single_runs_and_ever_on_page_reads_the_ranks():
    table = ranking.compare_rules(rules=("score", "hot"), seed=2, hours=24)
    for rule in ("score", "hot"):
        page = ranking.simulate(rule=rule, seed=2, hours=24)
        summary = ranking.item_summary(page)
        assert table.loc[rule, "top10_mean_quality"] == summary["top10_mean_quality"]
        # ever on the page = best position at any hour within the 30 places readers see
        assert table.loc[rule, "ever_on_page"] == (np.nanmin(page.ranks, axis=0) <= 30).mean()
    with pytest.raises(TypeError, match="rule"):
        ranking.compare_rules(rule="hot")


def test_compare_rules_with_no_readers_leaves_every_item_unvoted_and_only_freshness_decides():
    # Nobody votes: under hot the score is freshness alone, so the newest items always hold the page.
    table = ranking.compare_rules(rules=("hot",), seed=1, voters_per_hour=0, hours=24)
    assert table.loc["hot", "ever_on_page"] == 1.0

