"""Do the intervals of smlearn.models.uncertainty hold their level? Counted by simulation.

The data sets are drawn here, by this file's own generator, with a known true mean rate:
posts whose true rates differ (a Beta distribution round the mean) and whose reach spreads
over orders of magnitude (log-normal), like a real page export. A 95 % interval must hold
the truth in 93-97 % of the data sets at 10, 30 and 100 posts on export-like settings, and
91-98.5 % (no tail above 6 %) at the corners of the settings lesson 08 varies. With 2,000 data
sets per size, a true 95 % interval lands within 95 +- 1 % (two standard errors), so the band
cannot be met by luck. Also: no interval collapses to [0, 0] when nothing converted, comparing two
equal types claims a difference about 5 % of the time, and missing cells never give a
confident wrong number.
"""

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from smlearn import data
from smlearn.models import bootstrap, interval_studies, rate_intervals, returns, uncertainty
from smlearn.models.engines import intervals

POSTS = data.load("post_metrics")
DATA_SETS = 2000


def export_like(n_posts, data_sets, *, rate=0.05, spread=0.5, reach_spread=1.0, median_reach=800, seed=0):
    """``(successes, trials)`` of shape (data_sets, n_posts): Beta rates with mean ``rate`` and
    sd ``spread * rate``; log-normal reach with median ``median_reach`` and log-sd ``reach_spread``."""
    rng = np.random.default_rng(seed)
    trials = np.maximum(1, np.round(median_reach * np.exp(reach_spread * rng.standard_normal((data_sets, n_posts)))))
    strength = rate * (1 - rate) / (spread * rate) ** 2 - 1
    rates = rng.beta(rate * strength, (1 - rate) * strength, size=(data_sets, n_posts))
    return rng.binomial(trials.astype(np.int64), rates).astype(float), trials


def coverage(n_posts, seed, **settings):
    s, n = export_like(n_posts, DATA_SETS, seed=seed, **settings)
    truth = settings.get("rate", 0.05)
    covered = 0
    for row in range(DATA_SETS):
        result = rate_intervals.rate_interval(s[row], n[row])
        covered += result.low <= truth <= result.high
    return covered / DATA_SETS


@pytest.mark.slow
@pytest.mark.parametrize("n_posts", [10, 30, 100])
@pytest.mark.parametrize("settings", [
    {},                                           # rates vary by 50 %, reach over about 50x
    {"spread": 0.3, "reach_spread": 0.7, "rate": 0.1},   # milder posts, a commoner event
])
def test_a_95_percent_interval_holds_the_truth_93_to_97_percent_of_the_time(n_posts, settings):
    observed = coverage(n_posts, seed=n_posts, **settings)
    assert 0.93 <= observed <= 0.97, f"coverage {observed:.3f} at {n_posts} posts with {settings}"


def misses(n_posts, seed, rate=0.05, **settings):
    """``(coverage, below, above)`` over DATA_SETS data sets: the share of intervals that hold
    the truth, and the shares where the truth lies below the interval and above it."""
    s, n = export_like(n_posts, DATA_SETS, seed=seed, rate=rate, **settings)
    _, low, high, _, _, _ = intervals.weighted_mean_interval(s, n, 0.95)   # every data set at once
    below, above = (rate < low).mean(), (rate > high).mean()
    return 1 - below - above, below, above


# The corners of the settings lesson 08 varies (spread 0.05-0.8 of the mean, reach log-sd
# 0.1-1.5, at 10 and 30 posts), and rare events. These are not held to 93-97 %: the documented
# range is about 91-98 % (rate_interval's docstring and the lesson), and no tail may miss more
# than 6 % (a 95 % interval should miss about 2.5 % on each side).
@pytest.mark.parametrize("n_posts", [10, 30])
@pytest.mark.parametrize("settings", [
    {"spread": 0.05, "reach_spread": 0.1},        # posts alike, reach alike: errs wide
    {"spread": 0.05, "reach_spread": 1.5},
    {"spread": 0.1, "reach_spread": 1.5},         # the lowest corner (about 92 % at 10 posts)
    {"spread": 0.8, "reach_spread": 0.1},
    {"spread": 0.8, "reach_spread": 1.5},
    {"rate": 0.02, "median_reach": 30},           # rare events: a few successes in all
])
def test_at_the_corners_of_the_lessons_settings_coverage_stays_in_the_documented_range(n_posts, settings):
    observed, below, above = misses(n_posts, seed=n_posts + 1, **settings)
    assert 0.91 <= observed <= 0.985, f"coverage {observed:.3f} at {n_posts} posts with {settings}"
    assert below <= 0.06 and above <= 0.06, f"misses {below:.3f} below, {above:.3f} above with {settings}"


def test_when_posts_differ_a_lot_the_misses_are_lopsided_as_documented():
    # Spread 0.8: the truth lies above the interval about twice as often as below it (the
    # posts' rates are skewed, and a small sample rarely holds the rare high post).
    _, below, above = misses(10, seed=3, spread=0.8)
    assert above > 1.4 * below


@pytest.mark.slow
def test_the_percentile_bootstrap_is_too_narrow_at_ten_posts():
    # The interval most tools show, on the same kind of data: clearly short of 95 %.
    s, n = export_like(10, 400, seed=7)
    rng = np.random.default_rng(0)
    covered = 0
    for row in range(400):
        posts = pd.DataFrame({"engaged_users": s[row], "reach": n[row]})
        _, low, high = bootstrap.bootstrap_interval(posts, "engagement_rate_reach", n_resamples=500, seed=rng)
        covered += low <= 0.05 <= high
    assert covered / 400 < 0.91


def test_the_module_simulator_agrees_with_this_files_check():
    # coverage_check (what the lesson runs) uses the module's own simulator: same band.
    result = interval_studies.coverage_check(30, data_sets=1000, seed=5)
    assert result["data_sets"] == 1000 and 0.93 <= result["coverage"] <= 0.97


def test_no_conversions_still_gives_an_interval_with_a_positive_upper_end():
    clicks = np.array([3, 8, 12, 5, 7, 20, 4, 9, 6, 11], dtype=float)
    result = rate_intervals.rate_interval(np.zeros(10), clicks)
    assert result.estimate == 0 and result.low == 0
    # Theory: with 85 people and no success, the one-sided 97.5 % bound is 1 - 0.025**(1/85) = 0.042;
    # with t on 9 df instead of z the interval must be at least that wide.
    assert result.high >= 1 - 0.025 ** (1 / clicks.sum())
    posts = pd.DataFrame({"conversions": np.zeros(10), "clicks": clicks})
    _, low, high = bootstrap.bootstrap_interval(posts, "conversion_rate", seed=0)
    assert low == 0 and high > 0
    table = uncertainty.simulate(POSTS, metric="conversion_rate", sample_size=10, seed=3).table
    video = table[table["type"] == "video"].iloc[0]
    assert video["estimate"] == 0 and video["boot_high"] > 0 and video["weighted_high"] > 0


@pytest.mark.parametrize("n_posts", [10, 30])
def test_comparing_two_equal_types_claims_a_difference_about_5_percent_of_the_time(n_posts):
    s, n = export_like(2 * n_posts, 2000, seed=11 + n_posts)
    # The comparison's arithmetic, for all 2,000 data sets at once (what compare_types runs on one)...
    fits = [intervals.mean_and_variance(s[:, :n_posts], n[:, :n_posts], 0.95),
            intervals.mean_and_variance(s[:, n_posts:], n[:, n_posts:], 0.95)]
    prob, (low, high) = intervals.difference(fits[0], fits[1], 0.95)
    # ... is what the public function gives on each data set (checked on a few of them):
    kinds = ["photo"] * n_posts + ["video"] * n_posts
    for row in range(0, 2000, 400):
        result = rate_intervals.compare_types(pd.DataFrame({"type": kinds, "engaged_users": s[row], "reach": n[row]}))
        assert result.difference == pytest.approx((low[row], high[row]))
        assert result.prob_b_better == pytest.approx(prob[row])
    # A 95 % interval of the difference leaves out zero in 5 % of samples; 2,000 samples: +-1 %.
    claimed = np.mean((low > 0) | (high < 0))
    assert 0.03 <= claimed <= 0.07
    # and P(B better) is about uniform when the types are equal: above 0.975 about 2.5 % of the time.
    assert 0.01 <= np.mean(prob > 0.975) <= 0.04


def test_below_ten_posts_the_functions_say_the_interval_cannot_be_trusted():
    assert uncertainty.MIN_POSTS == 10
    s, n = export_like(5, 1, seed=3)
    with pytest.warns(UserWarning, match="below 10 posts no interval"):
        result = rate_intervals.rate_interval(s[0], n[0])
    assert not result.trustworthy and result.posts == 5
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s, n = export_like(10, 1, seed=3)
        assert rate_intervals.rate_interval(s[0], n[0]).trustworthy          # 10 posts: no warning
    few = uncertainty.simulate(POSTS, sample_size=5)
    assert few.trustworthy is False and uncertainty.simulate(POSTS).trustworthy is True
    assert not rate_intervals.compare_types(POSTS.groupby("type").head(5)).trustworthy


# ---- Missing cells: left out and counted, or refused; never a confident wrong number ----------

def with_gaps(column, rows):
    posts = POSTS.copy()
    posts[column] = posts[column].astype(float)
    posts.loc[rows, column] = np.nan
    return posts


def test_one_missing_reach_cell_is_left_out_of_the_comparison_and_counted():
    gap = POSTS.index[POSTS["type"] == "photo"][0]
    result = rate_intervals.compare_types(with_gaps("reach", [gap]))
    complete = POSTS.drop(index=gap)
    photos = complete[complete["type"] == "photo"]
    assert result.missing == 1 and result.posts_a == len(photos)
    assert result.rate_a == pytest.approx(photos["engaged_users"].sum() / photos["reach"].sum())
    assert result.prob_b_better > 0.99 and math.isfinite(result.difference[0])


def test_the_bootstrap_never_gives_a_nan_estimate_with_a_finite_interval():
    photos = POSTS[POSTS["type"] == "photo"]
    gappy = with_gaps("reach", photos.index[:3])
    interval = bootstrap.bootstrap_interval(gappy[gappy["type"] == "photo"], "engagement_rate_reach", seed=0)
    estimate, low, high = interval
    assert interval.missing == 3 and interval.posts == len(photos) - 3
    rest = photos.iloc[3:]
    assert estimate == pytest.approx(rest["engaged_users"].sum() / rest["reach"].sum())
    assert low < estimate < high
    with pytest.raises(ValueError, match="every row of posts has a missing engaged_users or reach"):
        bootstrap.bootstrap_interval(with_gaps("reach", POSTS.index).head(20), "engagement_rate_reach")


def test_half_the_engaged_users_missing_is_refused_not_halved():
    gappy = with_gaps("engaged_users", POSTS.index[::2])
    with pytest.raises(ValueError, match=r"posts has 300 row\(s\) with a missing engaged_users or reach"):
        returns.metric_value(gappy, "engagement_rate_reach")
    # Leaving them out, as the message says, gives the rate of the rows that are complete.
    rest = gappy.dropna(subset=["engaged_users"])
    assert returns.metric_value(rest, "engagement_rate_reach") == pytest.approx(
        POSTS.loc[1::2, "engaged_users"].sum() / POSTS.loc[1::2, "reach"].sum())


def test_summarize_and_the_explorer_leave_out_and_count_rows_with_gaps():
    gappy = with_gaps("engaged_users", POSTS.index[:6])
    table = returns.summarize(gappy)
    assert table["missing"].sum() == 6
    assert table.loc["photo", "engagement_rate_reach"] > 0.04      # not lowered by gaps read as zero
    estimate = uncertainty.simulate(gappy)
    assert estimate.missing == 6 and estimate.table["estimate"].notna().all()


def test_rate_interval_refuses_bad_input_by_name():
    with pytest.raises(ValueError, match="successes and trials must not have missing values; 1 post"):
        rate_intervals.rate_interval([1.0, np.nan], [10, 10])
    with pytest.raises(ValueError, match="successes cannot be larger than trials"):
        rate_intervals.rate_interval([11, 1], [10, 10])
    with pytest.raises(ValueError, match="must be two columns of the same length"):
        rate_intervals.rate_interval([1, 2, 3], [10, 10])
    with pytest.raises(ValueError, match="level must be a number between 0 and 1"):
        rate_intervals.rate_interval([1, 2], [10, 10], level=95)
    with pytest.raises(TypeError, match="successes must be a number"):
        rate_intervals.rate_interval("12", [10])


# ---- The lesson's verdict model: how often a sample shows a real gap ------------------------------

def test_with_no_true_gap_the_comparison_shows_one_about_2_5_percent_of_the_time():
    # Theory: the one-sided share of a 95 % two-sided interval lying wholly above zero is 2.5 %.
    share = interval_studies.detection_rate(posts=30, lift=1.0, data_sets=2000, seed=1)
    assert 0.015 <= share <= 0.035


def test_a_real_gap_is_shown_more_often_with_more_posts_and_a_bigger_gap():
    few, many = interval_studies.detection_rate(posts=10), interval_studies.detection_rate(posts=100)
    assert few < 0.3 < 0.9 < many
    assert interval_studies.detection_rate(posts=30, lift=1.5) > interval_studies.detection_rate(posts=30, lift=1.1)


@pytest.mark.parametrize("name, bad", [("posts", 2), ("lift", 0.9), ("spread", 0.0), ("reach_spread", 2.0),
                                       ("posts", 10.5), ("lift", True)])
def test_detection_rate_refuses_settings_outside_their_range_by_name(name, bad):
    with pytest.raises((TypeError, ValueError), match=name):
        interval_studies.detection_rate(**{name: bad})
