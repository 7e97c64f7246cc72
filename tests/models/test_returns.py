"""Tests for smlearn.models.returns (the metrics and the funnel) and the synthetic post_metrics data set.

The intervals of smlearn.models.uncertainty are tested in test_uncertainty.py; the bad-input tests
below cover both, since both read posts through the same checks.
"""

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn import data
from smlearn.models import returns
from smlearn.models.returns import (
    conversion_rate,
    engagement_rate,
    funnel,
    metric_value,
    roi,
    summarize,
)
from smlearn.models.bootstrap import bootstrap_interval
from smlearn.models.rate_intervals import compare_types
from smlearn.models.uncertainty import simulate

REPO = Path(__file__).resolve().parents[2]
POSTS = data.load("post_metrics")



# ---- The data set ------------------------------------------------------------------------

@pytest.mark.slow
def test_post_metrics_is_documented_as_synthetic_and_regenerates_byte_for_byte(tmp_path):
    entry = data.list_datasets().set_index("name").loc["post_metrics"]
    assert "SYNTHETIC" in entry["title"] and "synthetic" in entry["source"]
    out = tmp_path / "again.csv"
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_post_metrics.py"), "--out", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == (data.data_dir() / "post_metrics.csv").read_bytes()


def test_post_metrics_counts_are_consistent():
    p = POSTS
    assert len(p) == 600 and p["post_id"].tolist() == list(range(1, 601))
    assert set(p["type"]) == {"photo", "video", "link", "status"}
    assert (p["impressions"] >= p["reach"]).all() and (p["reach"] >= p["engaged_users"]).all()
    for part in ("likes", "comments", "shares", "clicks"):
        assert (p[part] <= p["engaged_users"]).all()
    assert (p["conversions"] <= p["clicks"]).all()
    assert ((p["spend"] > 0) == p["paid"]).all()
    assert pd.to_datetime(p["published"]).is_monotonic_increasing


def test_the_sample_recovers_the_generators_true_rates():
    # True engagement rates in the generator: photo 5 %, video 6 %, link 3.5 %, status 5.5 %.
    truth = {"photo": 0.05, "video": 0.06, "link": 0.035, "status": 0.055}
    table = summarize(POSTS)
    for kind, rate in truth.items():
        assert table.loc[kind, "engagement_rate_reach"] == pytest.approx(rate, rel=0.12)
    # Neighbouring rates differ by less than the tolerance, so check their order as well.
    assert table.loc[list(truth), "engagement_rate_reach"].sort_values().index.tolist() == sorted(truth, key=truth.get)


# ---- Definitions ------------------------------------------------------------------------------

def test_metric_definitions():
    assert engagement_rate(50, 1000) == 0.05
    assert conversion_rate(2, 80) == 0.025
    assert roi(150, 100) == 0.5 and roi(50, 100) == -0.5 and math.isnan(roi(10, 0))
    assert math.isnan(engagement_rate(5, 0))


def test_cpa_is_spend_per_conversion_and_infinite_when_money_bought_nothing():
    posts = pd.DataFrame({"type": ["a", "b", "c"], "reach": [100] * 3, "impressions": [150] * 3,
                          "engaged_users": [10] * 3, "clicks": [5] * 3, "conversions": [3, 0, 0],
                          "followers": [1000] * 3, "spend": [90.0, 90.0, 0.0]})
    cpa = summarize(posts)["cpa"]
    assert cpa["a"] == 30 and cpa["b"] == math.inf and math.isnan(cpa["c"])   # nothing spent, nothing bought


def test_a_rate_over_posts_is_a_ratio_of_sums():
    posts = pd.DataFrame({"engaged_users": [1, 300], "reach": [10, 10000]})
    assert metric_value(posts, "engagement_rate_reach") == pytest.approx(301 / 10010)


def test_engagement_by_followers_rises_with_paid_reach_while_by_reach_does_not():
    table = summarize(POSTS, by="paid")
    by_reach, by_followers = table["engagement_rate_reach"], table["engagement_rate_followers"]
    assert by_reach[True] == pytest.approx(by_reach[False], rel=0.1)   # paid posts are not better posts
    assert by_followers[True] > 2.5 * by_followers[False]              # they are shown to more people
    assert table.loc[True, "cpa"] == pytest.approx(table.loc[True, "spend"] / table.loc[True, "conversions"])


def test_funnel_shares_multiply_down_the_stages():
    table = funnel(POSTS)
    assert table.index.tolist() == list(returns.FUNNEL_STAGES)
    assert table["share_of_top"].tolist() == pytest.approx(np.cumprod(table["share_of_previous"]).tolist())
    assert table.loc["clicks", "count"] == POSTS["clicks"].sum()


def test_funnel_counts_people_from_reach_and_impressions_are_views_per_person():
    # impressions count views, several per person: they are not a stage people drop out of
    assert funnel(POSTS).index[0] == "reach" and "impressions" not in funnel(POSTS).index
    assert (POSTS["impressions"] >= POSTS["reach"]).all()
    frequency = returns.impressions_per_person(POSTS)
    assert frequency == pytest.approx(POSTS["impressions"].sum() / POSTS["reach"].sum())
    assert frequency > 1
    with pytest.raises(ValueError, match="impressions"):
        returns.impressions_per_person(POSTS.drop(columns="impressions"))


# ---- Bad input -------------------------------------------------------------------------------------

def test_empty_data_is_refused():
    empty = POSTS.iloc[0:0]
    for call in (lambda: metric_value(empty, "ctr"), lambda: summarize(empty), lambda: funnel(empty),
                 lambda: bootstrap_interval(empty, "ctr"), lambda: compare_types(empty),
                 lambda: simulate(empty)):
        with pytest.raises(ValueError, match="posts is empty"):
            call()


def test_unknown_post_types_and_metrics_are_refused():
    with pytest.raises(ValueError, match="type_a must be one of 'photo', 'video', 'link', 'status'; got 'reel'"):
        compare_types(POSTS, type_a="reel")
    with pytest.raises(ValueError, match="type_b must be one of 'photo', 'video', 'link', 'status'; got 'gif'"):
        simulate(POSTS, type_b="gif")
    with pytest.raises(ValueError, match="type_b: there are no posts of type 'status'"):
        compare_types(POSTS[POSTS["type"] != "status"], type_b="status")
    with pytest.raises(ValueError, match="metric must be one of 'engagement_rate_reach'.*got 'likes'"):
        metric_value(POSTS, "likes")


def test_other_bad_arguments():
    with pytest.raises(TypeError, match="posts must be a pandas DataFrame"):
        metric_value([1, 2], "ctr")
    with pytest.raises(ValueError, match="posts lacks the column\\(s\\) clicks"):
        metric_value(POSTS.drop(columns="clicks"), "ctr")
    with pytest.raises(ValueError, match="level must be a number between 0 and 1"):
        bootstrap_interval(POSTS, "ctr", level=95)
    with pytest.raises(ValueError, match="n_resamples must be between 100 and 100000; got 10"):
        bootstrap_interval(POSTS, "ctr", n_resamples=10)
    with pytest.raises(TypeError, match="seed must be None, an integer"):
        bootstrap_interval(POSTS, "ctr", seed=-1)
    with pytest.raises(TypeError, match="overdispersion must be True or False"):
        compare_types(POSTS, overdispersion="yes")
    with pytest.raises(ValueError, match="by must be a column of posts; got 'colour'"):
        summarize(POSTS, by="colour")
    with pytest.raises(ValueError, match="a funnel narrows, but stage 'impressions'"):
        funnel(POSTS, stages=("reach", "impressions"))
    with pytest.raises(ValueError, match="sample_size must be between 3 and 90"):
        simulate(POSTS, sample_size=500)
    few = POSTS[(POSTS["type"] != "status") | (POSTS.index < POSTS[POSTS["type"] == "status"].index[5])]
    with pytest.raises(ValueError, match="sample_size=10 needs 10 posts of type 'status'; posts has only 5"):
        simulate(few, type_a="status", sample_size=10)


# ---- No silent wrong numbers: the metric helpers refuse what is not a count or an amount ----------

METRIC_HELPERS = {
    "engagement_rate": ("engaged_users", "base"),
    "conversion_rate": ("conversions", "clicks"),
    "roi": ("value", "cost"),
}
BAD_VALUES = [(-50, ValueError, ">= 0"), (float("nan"), ValueError, "finite"), (float("inf"), ValueError, "finite"),
              (None, TypeError, "must be a number"), ("5", TypeError, "must be a number"),
              (True, TypeError, "must be a number"), ([1, "x"], TypeError, "must be a number")]


@pytest.mark.parametrize("helper", list(METRIC_HELPERS))
@pytest.mark.parametrize("bad, error, rule", BAD_VALUES)
@pytest.mark.parametrize("position", [0, 1])
def test_metric_helpers_refuse_bad_values_by_name(helper, bad, error, rule, position):
    from smlearn.models import returns

    args = [10, 100]
    args[position] = bad
    with pytest.raises(error, match=rule) as caught:
        getattr(returns, helper)(*args)
    assert METRIC_HELPERS[helper][position] in str(caught.value)     # the message names the parameter


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0, 1e6), min_size=1, max_size=20), st.lists(st.floats(0, 1e6), min_size=1, max_size=20))
def test_rates_of_columns_are_between_what_the_counts_allow(numerators, denominators):
    from smlearn.models import returns

    n = min(len(numerators), len(denominators))
    rates = returns.engagement_rate(np.array(numerators[:n]), np.array(denominators[:n]))
    for num, den, rate in zip(numerators[:n], denominators[:n], np.atleast_1d(rates)):
        if den == 0:
            assert np.isnan(rate)                       # no base: no rate, never a number
        else:
            assert rate == pytest.approx(num / den) and rate >= 0


def test_reach_spread_recovers_the_log_sd_of_a_log_normal_reach():
    # Theory: log(reach) of a log-normal with log-sd 1.2 has standard deviation 1.2; 20,000 posts
    # pin it to about +-0.012 (two standard errors: 2 * 1.2 / sqrt(2 * 20000)).
    reach = np.round(800 * np.exp(1.2 * np.random.default_rng(4).standard_normal(20_000))) + 1
    assert returns.reach_spread(reach) == pytest.approx(1.2, abs=0.02)
    assert returns.reach_spread(pd.Series([100, None, 10_000], dtype="Int64")) == pytest.approx(np.log(100) / 2)
    with pytest.raises(ValueError, match="reach"):
        returns.reach_spread([0, 5])
