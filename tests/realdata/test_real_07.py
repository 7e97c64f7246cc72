"""Lesson 07's real data: one X account's posting effort and what it got (smlearn.realdata.posting),
the model's slope beside it (pipeline.reach_elasticity), the figure and the learner's exercise.

The measures are checked on tiny tables counted by hand and on power laws whose slope is known;
the model's slope against its own equations with everything but discovery switched off."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn.models import pipeline
from smlearn.plots.effort import describe_effort_and_returns, plot_effort_and_returns
from smlearn.questions import effort_and_automation as quiz
from smlearn.realdata import posting


def daily(dates, tweets, impressions):
    return pd.DataFrame({"Date": dates, "Tweets published": tweets, "impressions": impressions})


# ---- effort_and_returns -----------------------------------------------------------------------

def test_days_are_sorted_and_given_their_monday_and_whether_the_week_is_whole():
    # 2021-01-04 is a Monday: the seven days to the 10th make a whole week; the 11th starts another.
    dates = [f"2021-01-{d:02d}" for d in range(11, 3, -1)]          # the 11th down to the 4th, out of order
    days = posting.effort_and_returns(daily(dates, [1] * 8, [10] * 8))
    assert days["date"].is_monotonic_increasing
    assert list(days["week"].dt.strftime("%Y-%m-%d")) == ["2021-01-04"] * 7 + ["2021-01-11"]
    assert list(days["whole_week"]) == [True] * 7 + [False]
    assert days["tweets"].dtype == "int64"


@pytest.mark.slow
def test_the_real_account_has_181_days_and_the_daily_tweets_match_the_tweet_table():
    days = posting.effort_and_returns()
    assert len(days) == 181
    # The daily file counts 1,444 tweets, the per-tweet file lists 1,439: five tweets (deleted ones,
    # probably) are in one and not the other, a third of a per cent.
    posts = posting.reply_share()
    assert days["tweets"].sum() == 1444
    assert posts["tweets"].sum() == 1439


@pytest.mark.parametrize("bad, message", [
    (daily(["2021-01-01", "2021-01-01", "2021-01-02"], [1, 2, 3], [1, 2, 3]), "twice"),
    (daily(["2021-01-01", "2021-01-02", "2021-01-03"], [1, -2, 3], [1, 2, 3]), "negative"),
    (daily(["2021-01-01", "2021-01-02", "2021-01-03"], [1, 2.5, 3], [1, 2, 3]), "whole number"),
    (daily(["01/02/2021", "2021-01-02", "2021-01-03"], [1, 2, 3], [1, 2, 3]), "YYYY-MM-DD"),
    (daily(["2021-01-01", "2021-01-02", "2021-01-03"], [1, None, 3], [1, 2, 3]), "missing"),
    (pd.DataFrame({"Date": ["2021-01-01"], "impressions": [3]}), "Tweets published"),
])
def test_a_broken_daily_table_is_refused_with_the_reason(bad, message):
    with pytest.raises(ValueError, match=message):
        posting.effort_and_returns(bad)


def test_an_unknown_returns_column_is_refused_by_name():
    with pytest.raises(ValueError, match="returns must be one of"):
        posting.effort_and_returns(returns="reach")


# ---- returns_elasticity -----------------------------------------------------------------------

def test_a_power_law_gives_back_its_exponent_and_constant():
    table = pd.DataFrame({"tweets": [1, 2, 4, 8, 16], "impressions": [3 * x ** 0.5 for x in (1, 2, 4, 8, 16)]})
    fit = posting.returns_elasticity(table)
    assert fit["slope"] == pytest.approx(0.5, abs=1e-12)
    assert fit["intercept"] == pytest.approx(math.log(3), abs=1e-12)
    assert fit["rank_correlation"] == pytest.approx(1.0)
    assert (fit["periods"], fit["left_out"]) == (5, 0)


def test_rows_with_a_zero_are_left_out_and_counted():
    table = pd.DataFrame({"tweets": [0, 1, 2, 4, 3], "impressions": [50, 10, 20, 40, 0]})
    fit = posting.returns_elasticity(table)
    assert (fit["periods"], fit["left_out"]) == (3, 2)
    assert fit["slope"] == pytest.approx(1.0)


def test_the_slope_by_hand_on_three_points():
    # log y on log x at x = 1, e, e^2 with log y = 0, 1, 1: slope = cov / var = 0.5 / 1 = 0.5.
    table = pd.DataFrame({"tweets": [1, math.e, math.e ** 2], "impressions": [1, math.e, math.e]})
    assert posting.returns_elasticity(table)["slope"] == pytest.approx(0.5)


@pytest.mark.parametrize("table, message", [
    (pd.DataFrame({"tweets": [1, 2], "impressions": [1, 2]}), "at least 3 rows"),
    (pd.DataFrame({"tweets": [2, 2, 2], "impressions": [1, 2, 3]}), "only one value"),
])
def test_too_little_to_fit_is_refused(table, message):
    with pytest.raises(ValueError, match=message):
        posting.returns_elasticity(table)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 60), st.integers(1, 10 ** 6)), min_size=3, max_size=40),
       st.floats(0.01, 1000))
def test_scaling_the_returns_leaves_the_slope_and_moves_only_the_intercept(rows, factor):
    table = pd.DataFrame(rows, columns=["tweets", "impressions"]).astype(float)
    if table["tweets"].nunique() < 2:
        return
    fit = posting.returns_elasticity(table)
    scaled = table.assign(impressions=table["impressions"] * factor)
    fit_scaled = posting.returns_elasticity(scaled)
    assert fit_scaled["slope"] == pytest.approx(fit["slope"], abs=1e-8)
    assert fit_scaled["intercept"] == pytest.approx(fit["intercept"] + math.log(factor), abs=1e-8)
    assert -1 - 1e-12 <= fit["rank_correlation"] <= 1 + 1e-12


# ---- slope_interval ---------------------------------------------------------------------------

def test_an_exact_power_law_has_an_interval_of_one_point():
    table = pd.DataFrame({"tweets": [1, 2, 3, 5, 8, 13], "impressions": [7 * x ** 0.7 for x in (1, 2, 3, 5, 8, 13)]})
    band = posting.slope_interval(table)
    assert band["low"] == pytest.approx(0.7, abs=1e-9) and band["high"] == pytest.approx(0.7, abs=1e-9)
    assert (band["periods"], band["level"]) == (6, 0.95)


def test_the_interval_matches_the_textbook_standard_error_on_many_noisy_points():
    # log y = 0.6 log x + noise (sd 0.3): the slope's standard error is sd / (sd of log x * sqrt(n)),
    # so a 95 % interval is about 2 x 1.96 of it wide.
    rng = np.random.default_rng(1)
    x = rng.integers(1, 50, size=600).astype(float)
    y = np.exp(2 + 0.6 * np.log(x) + rng.normal(0, 0.3, size=600))
    band = posting.slope_interval(pd.DataFrame({"tweets": x, "impressions": y}), draws=4000)
    width = 2 * 1.96 * 0.3 / (np.log(x).std() * np.sqrt(600))
    assert band["high"] - band["low"] == pytest.approx(width, rel=0.15)
    assert band["low"] < 0.6 < band["high"]
    assert band["low"] < band["slope"] < band["high"]


def test_the_same_seed_gives_the_same_interval_and_a_wider_level_a_wider_one():
    days = posting.effort_and_returns()
    one, two = posting.slope_interval(days), posting.slope_interval(days)
    assert (one["low"], one["high"]) == (two["low"], two["high"])
    wide = posting.slope_interval(days, level=0.99)
    assert wide["low"] <= one["low"] and wide["high"] >= one["high"]


def test_the_real_weeks_cannot_tell_the_daily_slope_the_model_and_1_apart():
    days = posting.effort_and_returns()
    weeks = days[days["whole_week"]].groupby("week")[["tweets", "impressions"]].sum()
    band = posting.slope_interval(weeks)
    assert band["low"] < 0.64 and band["high"] > 1.0
    assert pipeline.reach_elasticity(4.0, 8.0) < band["high"]


@pytest.mark.parametrize("kwargs, message", [
    ({"level": 1.0}, "level"), ({"level": 0}, "level"), ({"draws": 10}, "draws"), ({"draws": 200.5}, "draws"), ({"draws": 10 ** 6}, "draws"),
    ({"seed": -1}, "seed"), ({"effort": "hours"}, "effort"),
])
def test_slope_interval_refuses_bad_settings_by_name(kwargs, message):
    table = pd.DataFrame({"tweets": [1, 2, 4, 8], "impressions": [1, 2, 4, 9]})
    with pytest.raises(ValueError, match=message):
        posting.slope_interval(table, **kwargs)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 60), st.integers(1, 10 ** 6)), min_size=4, max_size=30))
def test_the_interval_is_never_upside_down(rows):
    table = pd.DataFrame(rows, columns=["tweets", "impressions"]).astype(float)
    if table["tweets"].nunique() < 2:
        return
    band = posting.slope_interval(table, draws=200)
    assert band["low"] <= band["high"]


# ---- stand_alone_per_day ----------------------------------------------------------------------

def test_stand_alone_tweets_counted_by_hand():
    days = posting.effort_and_returns(daily(["2021-01-04", "2021-01-05", "2021-01-06"], [3, 1, 0], [10, 20, 30]))
    # The 4th: a reply and two stand-alone tweets; the 5th: one of each; the 6th: none.
    posts = pd.DataFrame({"Tweet text": ["@ana yes", "New paper", "Slides", "@ben ok", "Talk today"],
                          "time": ["2021-01-04 09:00 +0000", "2021-01-04 10:00 +0000", "2021-01-04 11:00 +0000",
                                   "2021-01-05 09:00 +0000", "2021-01-05 12:00 +0000"]})
    table = posting.stand_alone_per_day(days, posts)
    assert table["stand_alone"].tolist() == [2, 1, 0]
    assert "stand_alone" not in days.columns          # a copy, not a change to the learner's table


@pytest.mark.slow
def test_the_real_account_has_507_stand_alone_tweets_and_a_lower_slope():
    days = posting.stand_alone_per_day(posting.effort_and_returns())
    assert days["stand_alone"].sum() == 1439 - 932       # all tweets less the replies of reply_share
    assert (days["stand_alone"] <= days["tweets"]).all()          # never more than the day's tweets
    assert posting.returns_elasticity(days, effort="stand_alone")["slope"] < posting.returns_elasticity(days)["slope"]


def test_stand_alone_per_day_refuses_posts_without_time():
    days = posting.effort_and_returns(daily(["2021-01-04", "2021-01-05", "2021-01-06"], [3, 1, 0], [10, 20, 30]))
    with pytest.raises(ValueError, match="time"):
        posting.stand_alone_per_day(days, pd.DataFrame({"Tweet text": ["hi"]}))
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        posting.stand_alone_per_day(days, pd.DataFrame({"Tweet text": ["hi"], "time": ["04/01/2021 09:00"]}))


def test_the_model_slope_docstring_has_no_stray_control_characters():
    # "\t" and "\f" in a non-raw docstring turn \text and \frac into a tab and a form feed.
    doc = pipeline.reach_elasticity.__doc__
    assert "\t" not in doc and "\f" not in doc and "\\text{slope}" in doc and "\\frac" in doc


# ---- reply_share ------------------------------------------------------------------------------

def test_reply_share_counted_by_hand():
    posts = pd.DataFrame({"Tweet text": ["@ana thanks!", "New paper out", "@ben yes", "Slides here", ".@cat look"],
                          "impressions": [10, 100, 30, 60, 0], "engagements": [1, 5, 3, 1, 0]})
    table = posting.reply_share(posts)
    reply, alone = table.loc["reply (two-way)"], table.loc["stand-alone (broadcast)"]
    assert (reply["tweets"], reply["impressions"], reply["engagements"]) == (2, 40, 4)
    assert (alone["tweets"], alone["impressions"], alone["engagements"]) == (3, 160, 6)   # ".@" is a broadcast
    assert reply["share_of_tweets"] == pytest.approx(0.4)
    assert reply["share_of_impressions"] == pytest.approx(0.2)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["@x hi", "hello", "@y ok", "news"]), st.integers(0, 10 ** 5),
                          st.integers(0, 100)), min_size=1, max_size=30))
def test_reply_shares_lie_in_0_to_1_and_add_up_to_1(rows):
    posts = pd.DataFrame(rows, columns=["Tweet text", "impressions", "engagements"])
    table = posting.reply_share(posts)
    for column in ("share_of_tweets", "share_of_impressions", "share_of_engagements"):
        assert ((table[column] >= 0) & (table[column] <= 1)).all()
        if table[column.removeprefix("share_of_")].sum() > 0:
            assert table[column].sum() == pytest.approx(1.0)
    assert table["tweets"].sum() == len(posts)


def test_a_tweet_without_text_is_refused():
    posts = pd.DataFrame({"Tweet text": ["@a", None], "impressions": [1, 2], "engagements": [0, 0]})
    with pytest.raises(ValueError, match="no text"):
        posting.reply_share(posts)


# ---- the model's slope ------------------------------------------------------------------------

def test_with_only_discovery_the_model_reach_grows_exactly_in_proportion():
    # No followers, ties or views: strangers = discovery x library, and the library is in proportion
    # to the pieces, so reach is in proportion to the content hours (slope 1).
    only_discovery = {"organic_reach": 0.0, "pass_on": 0.0, "start_followers": 0, "start_ties": 0,
                      "follow_rate": 0.0, "intro_rate": 0.0, "reply_hours": 0, "upkeep_hours": 0}
    assert pipeline.reach_elasticity(2.0, 8.0, **only_discovery) == pytest.approx(1.0, abs=1e-12)


def test_the_model_slope_at_the_defaults_is_below_1_but_close():
    slope = pipeline.reach_elasticity(4.0, 8.0)
    assert 0.8 < slope < 1.0      # followers see at most one piece a week: their views stop growing


@pytest.mark.parametrize("kwargs, message", [
    ({"low_hours": 4.0, "high_hours": 4.0}, "differ"),
    ({"low_hours": 0.0}, "low_hours"),
    ({"discovery": 0.0, "organic_reach": 0.0, "pass_on": 0.0}, "reaches nobody"),
])
def test_reach_elasticity_refuses_what_it_cannot_compare(kwargs, message):
    with pytest.raises(ValueError, match=message):
        pipeline.reach_elasticity(**kwargs)


def test_reach_elasticity_leaves_content_hours_to_its_two_runs():
    with pytest.raises(TypeError, match="unknown parameter 'content_hours'"):
        pipeline.reach_elasticity(content_hours=3.0)


# ---- the figure -------------------------------------------------------------------------------

def test_the_figure_states_the_slope_on_log_axes_with_units_and_words():
    days = posting.effort_and_returns()
    fit = posting.returns_elasticity(days)
    fig = plot_effort_and_returns(days, model_slope=0.89)
    ax = fig.axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    assert "tweets" in ax.get_xlabel() and "impressions" in ax.get_ylabel()
    assert f"slope {fit['slope']:.2f}" in ax.get_title()
    assert len(ax.collections[0].get_offsets()) == fit["periods"] == 165
    words = describe_effort_and_returns(days, model_slope=0.89)
    assert "165 days" in words and "16 days with no tweets" in words and "0.89" in words
    assert "median of 3,195 impressions" in words and "centre" in words
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert any("centre" in label for label in labels)


# ---- the exercise -----------------------------------------------------------------------------

def test_the_weekly_slope_is_computed_from_whole_weeks_by_hand():
    days = posting.effort_and_returns()
    whole = days[days["whole_week"]]
    totals = {}
    for week, tweets, impressions in zip(whole["week"], whole["tweets"], whole["impressions"]):
        before = totals.get(week, (0, 0))
        totals[week] = (before[0] + tweets, before[1] + impressions)
    assert len(totals) == 25
    x = np.log([t for t, _ in totals.values()])
    y = np.log([i for _, i in totals.values()])
    slope = float(np.cov(x, y, bias=True)[0, 1] / np.var(x))
    assert quiz.weekly_slope.check(round(slope, 2)).correct
    assert round(slope, 2) == 0.84


@pytest.mark.parametrize("answer, words", [
    (0.63, "single days"),
    (1.08, "part-weeks"),
    (0.77, "rank correlation"),
    (0.60, "stand-alone tweets"),
    (0.5, "too low"),
])
def test_the_weekly_slope_says_what_went_wrong(answer, words):
    quiz.weekly_slope.reset()
    feedback = quiz.weekly_slope.check(answer)
    assert not feedback.correct and words in feedback.message


def test_the_weekly_answer_is_not_printed_before_the_exercise():
    import json
    from pathlib import Path

    notebook = Path(__file__).resolve().parents[2] / "notebooks" / "07_effort_and_automation.ipynb"
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    before = []
    for cell in cells:
        source = "".join(cell["source"])
        if "quiz.weekly_slope.check" in source:
            break
        before.append(source)
        for output in cell.get("outputs", []):
            text = output.get("text") or output.get("data", {}).get("text/plain", "")
            before.append("".join(text) if isinstance(text, list) else text)
    assert "0.84" not in "\n".join(before)


def test_the_weekly_answer_waits_for_a_cell_the_learner_runs_after_the_exercise():
    # The learner's copy leaves out the solution: the markdown after the exercise, up to the next code
    # cell that is not a solution, must not give the answer away either.
    import json
    from pathlib import Path

    notebook = Path(__file__).resolve().parents[2] / "notebooks" / "07_effort_and_automation.ipynb"
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    start = None
    between = []
    for number, cell in enumerate(cells):
        source = "".join(cell["source"])
        if start is None:
            if "quiz.weekly_slope.check(my_answer)" in source:
                start = number
            continue
        if cell["cell_type"] == "code" and "solution" not in cell.get("metadata", {}).get("tags", []):
            break
        if cell["cell_type"] == "markdown":
            between.append(source)
    assert start is not None and between
    assert "0.84" not in "\n".join(between)
