"""Lesson 08's real data (issue 13): the six monthly X/Twitter exports, the measures of
smlearn.realdata.analytics, the bootstrap's resampled values and the figure drawn from them.

Each measure is checked against something worked out without it: a count by hand on a tiny
table, the raw CSV files read with plain pandas, a value the simulation was built with."""

import shutil

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smlearn
from smlearn.exports import load_export
from smlearn.models import bootstrap, interval_studies, rate_intervals, returns
from smlearn.plots.returns import (
    describe_bootstrap,
    describe_funnel,
    plot_bootstrap,
    plot_funnel,
)
from smlearn.questions import measuring_returns as quiz
from smlearn.realdata import analytics

FOLDER = smlearn.data.path("x_analytics_posts")
FILES = sorted(FOLDER.glob("tweet_activity_metrics_*.csv"))


@pytest.fixture(scope="module")
def real():
    return load_export(FOLDER, kind="x_posts")


@pytest.fixture(scope="module")
def raw():
    """The six files read with plain pandas, no loader: the columns as X names them."""
    return pd.concat([pd.read_csv(path) for path in FILES], ignore_index=True)


# ---- The loader on six monthly files --------------------------------------------------------------

@pytest.mark.slow
def test_six_monthly_files_load_as_one_table_and_the_report_counts_the_dash_cells(real, raw):
    posts, report = real
    assert len(FILES) == 6 and len(posts) == len(raw) == 1439
    assert report.rows_read == report.rows_kept == 1439
    promoted = [c for c in raw.columns if c.startswith("promoted")]
    assert (raw[promoted] == "-").all().all()                 # the raw files really hold "-" there
    assert posts.filter(like="promoted_").isna().all().all()  # made missing, never 0
    assert report.problems["dash_cells"] == (raw[promoted] == "-").sum().sum() == 18 * 1439


@pytest.mark.slow
def test_a_folder_and_the_list_of_its_files_give_the_same_posts(real):
    from_list, _ = load_export(FILES)
    pd.testing.assert_frame_equal(real[0].reset_index(drop=True), from_list.reset_index(drop=True))


@pytest.mark.slow
def test_a_post_present_in_two_files_is_counted_once(tmp_path):
    shutil.copy(FILES[0], tmp_path / "january.csv")
    shutil.copy(FILES[0], tmp_path / "january_again.csv")
    posts, report = load_export([tmp_path / "january.csv", tmp_path / "january_again.csv"])
    once = len(pd.read_csv(FILES[0]))
    assert len(posts) == once and report.problems["repeated_posts"] == once


def test_x_engagement_rate_is_engagements_per_impression(raw):
    assert np.allclose(raw["engagements"] / raw["impressions"], raw["engagement rate"], atol=1e-9)


# ---- realdata.analytics ----------------------------------------------------------------------------

# "With @ann" mentions someone but does not start with "@": not a reply. (Leading spaces before an "@"
# make a reply by the course's one rule: see test_is_reply_uses_the_one_rule_of_conversations.)
TINY = pd.DataFrame({"text": ["@ann yes", "New paper", "@bob thanks", "Slides", "With @ann", None],
                     "s": [2, 30, 4, 10, 1, 0], "n": [100, 1000, 100, 500, 50, 10]})


def test_is_reply_by_hand():
    assert analytics.is_reply(TINY).tolist() == [True, False, True, False, False, False]


def test_is_reply_on_the_real_account_matches_the_raw_text(real, raw):
    assert int(analytics.is_reply(real[0]).sum()) == int(raw["Tweet text"].str.startswith("@").sum()) == 932


def test_rates_by_group_by_hand():
    table = analytics.rates_by_group(TINY, "s", "n", by=analytics.is_reply(TINY))
    assert table.loc[True, "ratio_of_sums"] == pytest.approx(6 / 200)
    assert table.loc[False, "ratio_of_sums"] == pytest.approx(41 / 1560)
    assert table.loc[False, "posts"] == 4 and table.loc[True, "posts"] == 2
    # Each group's interval is rate_interval's on that group's posts.
    with pytest.warns(UserWarning, match="trustworthy"):
        ri = rate_intervals.rate_interval([30, 10, 1, 0], [1000, 500, 50, 10])
    assert (table.loc[False, "estimate"], table.loc[False, "low"], table.loc[False, "high"]) == \
        pytest.approx((ri.estimate, ri.low, ri.high))


def test_compare_groups_is_compare_types_for_two_groups():
    posts = smlearn.data.load("post_metrics")
    two = posts[posts["type"].isin(["photo", "video"])]
    mine = analytics.compare_groups(two, "engaged_users", "reach", by="type")
    theirs = rate_intervals.compare_types(two)
    assert (mine.group_a, mine.group_b) == ("photo", "video")
    assert (mine.low, mine.high) == pytest.approx(theirs.difference)
    assert mine.beyond_chance == (theirs.difference[0] > 0 or theirs.difference[1] < 0)


@pytest.mark.slow
def test_compare_groups_claims_a_gap_about_5_percent_of_the_time_when_there_is_none():
    # Two groups drawn alike: a 95 % interval of the difference should leave out zero in about 1 pair in 20.
    s, n = interval_studies.simulate_posts(60, rate=0.05, spread=0.3, data_sets=300, seed=3)
    claims = 0
    for row in range(300):
        posts = pd.DataFrame({"s": s[row], "n": n[row], "half": ["a"] * 30 + ["b"] * 30})
        claims += analytics.compare_groups(posts, "s", "n", by="half").beyond_chance
    assert 3 <= claims <= 30     # 5 % of 300 is 15; a binomial count stays well inside this range


@pytest.mark.parametrize("spread", [0.2, 0.5, 1.0])
def test_rate_spread_recovers_the_spread_the_posts_were_drawn_with(spread):
    s, n = interval_studies.simulate_posts(4000, rate=0.05, spread=spread, reach=800, seed=11)
    assert analytics.rate_spread(s[0], n[0]) == pytest.approx(spread, rel=0.1)


def test_rate_spread_of_coin_flips_is_near_zero():
    rng = np.random.default_rng(5)
    n = rng.integers(200, 2000, size=2000)
    assert analytics.rate_spread(rng.binomial(n, 0.05), n) < 0.05


def test_bad_inputs_name_the_parameter():
    with pytest.raises(ValueError, match="by"):
        analytics.rates_by_group(TINY, "s", "n", by="no such column")
    with pytest.raises(ValueError, match="by"):
        analytics.compare_groups(TINY.assign(k=list("abcabc")), "s", "n", by="k")
    with pytest.raises(ValueError, match="successes"):
        analytics.rate_spread([5, 1], [2, 10])
    with pytest.raises(TypeError, match="text"):
        analytics.is_reply(TINY, text="s")


# ---- The bootstrap's values ------------------------------------------------------------------------

def test_the_interval_ends_are_the_percentiles_of_the_values_returned(real):
    posts = real[0]
    d = bootstrap.bootstrap_distribution(posts["engagements"], posts["impressions"], level=0.9, seed=4)
    assert len(d.values) == 2000 and d.posts == 1439
    assert (d.low, d.high) == pytest.approx(tuple(np.quantile(d.values, [0.05, 0.95])))
    assert d.estimate == pytest.approx(posts["engagements"].sum() / posts["impressions"].sum())


def test_the_same_seed_draws_the_same_resamples_as_bootstrap_interval():
    posts = smlearn.data.load("post_metrics").head(40)
    d = bootstrap.bootstrap_distribution(posts["engaged_users"], posts["reach"], seed=7)
    estimate, low, high = bootstrap.bootstrap_interval(posts, "engagement_rate_reach", seed=7)
    assert (d.estimate, d.low, d.high) == pytest.approx((estimate, low, high))


def test_posts_of_one_rate_resample_to_that_rate_only():
    d = bootstrap.bootstrap_distribution([5, 10, 20], [100, 200, 400], n_resamples=500, seed=1)
    assert np.allclose(d.values, 0.05) and d.low == pytest.approx(0.05) and d.high == pytest.approx(0.05)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 500)), min_size=2, max_size=30), st.integers(0, 10**6))
def test_resampled_rates_lie_between_the_lowest_and_highest_post_rate(pairs, seed):
    s = np.array([min(a, b) for a, b in pairs], dtype=float)
    n = np.array([b for _, b in pairs], dtype=float)
    d = bootstrap.bootstrap_distribution(s, n, n_resamples=200, seed=seed)
    rates = s / n
    assert (d.values >= rates.min() - 1e-12).all() and (d.values <= rates.max() + 1e-12).all()
    assert d.low <= d.high


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 400), st.booleans()), min_size=6, max_size=40))
def test_group_rates_are_shares_and_their_intervals_hold_their_estimate(rows):
    table = pd.DataFrame({"s": [min(a, b) for a, b, _ in rows], "n": [b for _, b, _ in rows],
                          "g": [g for _, _, g in rows]})
    if table["g"].value_counts().min() < 2 or table["g"].nunique() < 2:
        return
    result = analytics.rates_by_group(table, "s", "n", by="g")
    assert result["ratio_of_sums"].between(0, 1).all()
    assert (result["low"] <= result["estimate"] + 1e-12).all() and (result["estimate"] <= result["high"] + 1e-12).all()
    assert result["spread"].dropna().ge(0).all()


# ---- The figure and the exercise ---------------------------------------------------------------------

def test_plot_bootstrap_marks_the_ends_and_the_estimate_with_units():
    d = bootstrap.bootstrap_distribution([3, 5, 2, 8, 4], [50, 60, 40, 90, 70], seed=1)
    fig = plot_bootstrap(d, label="Likes per impression", scale=1000, unit="per 1,000 impressions")
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Likes per impression (per 1,000 impressions)" and "count" in ax.get_ylabel()
    lines = sorted(line.get_xdata()[0] for line in ax.lines)
    assert lines == pytest.approx(sorted([1000 * d.low, 1000 * d.high, 1000 * d.estimate]))
    assert sum(patch.get_height() for patch in ax.patches) == len(d.values)
    text = describe_bootstrap(d, label="Likes per impression", scale=1000, unit="per 1,000 impressions")
    assert f"{1000 * d.low:.3g}" in text and f"{1000 * d.high:.3g}" in text and "Histogram" in text


@pytest.mark.slow
def test_the_real_funnel_counts_events():
    posts = load_export(FOLDER, kind="x_posts")[0]
    stages = returns.funnel(posts, stages=["impressions", "engagements", "user_profile_clicks", "follows"])
    assert plot_funnel(stages, counting="events").axes[0].get_xlabel().startswith("Events")
    assert "in events" in describe_funnel(stages, counting="events")


@pytest.mark.slow
def test_click_interval_from_the_raw_files_and_its_mistakes(raw):
    alone = raw[~raw["Tweet text"].str.startswith("@")]
    clicks, shown = alone["user profile clicks"].to_numpy(float), alone["impressions"].to_numpy(float)
    low, high = quiz.click_interval.cases[3].expected
    assert low < 1000 * clicks.sum() / shown.sum() < high          # the interval holds the ratio of sums
    assert quiz.click_interval.check(quiz.bootstrap_by_hand).correct

    def mean_of_rates(clicks, impressions, draws=2000, seed=1):
        rng = np.random.default_rng(seed)
        rates = [1000 * (clicks[k] / impressions[k]).mean()
                 for k in (rng.integers(0, len(clicks), len(clicks)) for _ in range(draws))]
        return tuple(np.percentile(rates, [2.5, 97.5]))

    feedback = quiz.click_interval.check(mean_of_rates)
    assert feedback.correct is False and "case 3 of 5" in feedback.message
    no_replacement = quiz.click_interval.check(lambda c, n, draws=2000, seed=1: (1000 * c.sum() / n.sum(),) * 2)
    assert no_replacement.correct is False and "zero width" in no_replacement.message

    def normal_interval(clicks, impressions, draws=2000, seed=1):
        rng = np.random.default_rng(seed)
        rates = np.array([1000 * clicks[k].sum() / impressions[k].sum()
                          for k in (rng.integers(0, len(clicks), len(clicks)) for _ in range(draws))])
        return rates.mean() - 1.96 * rates.std(), rates.mean() + 1.96 * rates.std()

    normal = quiz.click_interval.check(normal_interval)
    assert normal.correct is False and "percentiles" in normal.message
    quiz.click_interval.reset()


# ---- one rule for replies, the ratio-of-sums gap, the funnel's words (issue 13 mend) -----------------

def test_is_reply_uses_the_one_rule_of_conversations(real):
    from smlearn.realdata import conversations

    posts = pd.DataFrame({"text": ["  @ann yes", ".@ann talk today", "@bob", None, "hello"]})
    assert analytics.is_reply(posts).tolist() == [True, False, True, False, False]
    mine = analytics.is_reply(real[0]).tolist()
    theirs = [conversations.is_reply(text) for text in real[0]["text"]]
    assert mine == theirs


def test_bootstrap_gap_by_hand_and_on_equal_groups():
    posts = pd.DataFrame({"kind": ["a", "a", "b", "b"], "s": [1, 3, 5, 5], "n": [10, 10, 50, 50]})
    gap = analytics.bootstrap_gap(posts, "s", "n", by="kind", n_resamples=500, seed=3)
    assert gap["ratio_a"] == pytest.approx(4 / 20) and gap["ratio_b"] == pytest.approx(10 / 100)
    assert gap["difference"] == pytest.approx(0.1 - 0.2)
    # Group b's posts are alike, so every resample of b gives 0.1; a's resamples give 0.1, 0.2 or 0.3.
    assert gap["low"] == pytest.approx(-0.2) and gap["high"] == pytest.approx(0.0)
    # Two copies of one group: the gap is 0 and its interval holds 0.
    twin = pd.DataFrame({"kind": ["a"] * 6 + ["b"] * 6, "s": [1, 4, 2, 8, 0, 5] * 2, "n": [50, 60, 40, 90, 30, 70] * 2})
    same = analytics.bootstrap_gap(twin, "s", "n", by="kind", seed=1)
    assert same["difference"] == 0 and same["low"] < 0 < same["high"] and not same["beyond_chance"]
    again = analytics.bootstrap_gap(twin, "s", "n", by="kind", seed=1)
    assert (same == again).all()


def test_bootstrap_gap_refuses_bad_input():
    posts = pd.DataFrame({"kind": ["a", "b", "c", "a"], "s": [1, 2, 3, 4], "n": [10, 10, 10, 10]})
    with pytest.raises(ValueError, match="exactly two groups"):
        analytics.bootstrap_gap(posts, "s", "n", by="kind")
    with pytest.raises(ValueError, match="n_resamples"):
        analytics.bootstrap_gap(posts, "s", "n", by="kind", n_resamples=5)


def test_the_engagements_verdict_depends_on_the_estimator_and_the_clicks_verdict_does_not(real):
    posts = real[0]
    replies = analytics.is_reply(posts)
    assert analytics.compare_groups(posts, "engagements", "impressions", by=replies).beyond_chance
    engaged = analytics.bootstrap_gap(posts, "engagements", "impressions", by=replies, seed=1)
    # The ratio of sums, computed with plain pandas.
    share = posts.groupby(replies)["engagements"].sum() / posts.groupby(replies)["impressions"].sum()
    assert engaged["ratio_b"] == pytest.approx(share[True]) and engaged["ratio_a"] == pytest.approx(share[False])
    assert engaged["low"] < 0 < engaged["high"]
    clicks = analytics.bootstrap_gap(posts, "user_profile_clicks", "impressions", by=replies, seed=1)
    assert clicks["low"] > 0
    assert analytics.compare_groups(posts, "user_profile_clicks", "impressions", by=replies).beyond_chance


def test_the_real_funnel_names_its_stages_in_words_and_does_not_say_ended_as(real):
    stages = returns.funnel(real[0], stages=["impressions", "engagements", "user_profile_clicks", "follows"])
    fig = plot_funnel(stages, counting="events")
    ax = fig.axes[0]
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert "profile clicks" in labels and "user_profile_clicks" not in labels
    assert "ended as" not in ax.get_title() and "counted" in ax.get_title()
    assert ax.get_xlim()[1] <= 10 * stages["count"].max() * 1.0001
    assert "profile clicks 9,230" in describe_funnel(stages, counting="events")
