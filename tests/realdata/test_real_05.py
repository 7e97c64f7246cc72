"""Lessons 05 and 05b with real votes: the detector's ROC curve, when votes come (model and Stack
Exchange), the posting-hour artefact, the figures and the two real-data exercises."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn.exercises import key_of
from smlearn import realdata
from smlearn.data import load
from smlearn.models import front_page, ranking, vote_rings
from smlearn.plots import crowds as plots
from smlearn.questions import music_market as market_quiz
from smlearn.questions import wisdom_of_crowds as crowds_quiz

SOURCES = Path(__file__).resolve().parents[2] / "sources"
SEEDS = range(3)


# ---- The detector's ROC curve ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def curves():
    return {
        "naive": vote_rings.detector_curve(seed_values=SEEDS),
        "camouflaged": vote_rings.detector_curve(seed_values=SEEDS, camouflage=4),
        "coin": vote_rings.detector_curve(seed_values=SEEDS, camouflage=4, ignore_votes=True),
    }


@pytest.mark.slow   # the detector curves: many model runs
@pytest.mark.parametrize("name", ["naive", "camouflaged", "coin"])
def test_the_curve_runs_from_nobody_flagged_to_everybody_flagged_and_never_falls(curves, name):
    curve = curves[name]
    first, last = curve.iloc[0], curve.iloc[-1]
    assert (first["false_alarm_rate"], first["hit_rate"]) == (0.0, 0.0)
    assert (last["false_alarm_rate"], last["hit_rate"]) == (1.0, 1.0)
    assert (np.diff(curve["false_alarm_rate"]) >= 0).all() and (np.diff(curve["hit_rate"]) >= 0).all()
    assert curve[["false_alarm_rate", "hit_rate"]].stack().between(0, 1).all()


@pytest.mark.slow   # the detector curves: many model runs
def test_a_detector_that_ignores_the_votes_lies_on_the_diagonal_and_the_real_one_far_above(curves):
    assert curves["coin"].attrs["area"] == pytest.approx(0.5, abs=0.05)
    # Each point of the coin: the share of ring and of honest accounts flagged are close (the diagonal).
    coin = curves["coin"]
    assert (coin["hit_rate"] - coin["false_alarm_rate"]).abs().max() < 0.2
    assert curves["naive"].attrs["area"] > 0.95
    assert 0.6 < curves["camouflaged"].attrs["area"] < curves["naive"].attrs["area"]


def test_the_area_is_the_trapezium_rule_on_a_curve_worked_by_hand(monkeypatch):
    # Replace the detector's rates by a known curve: thresholds give (0.2, 0.6) and (0.5, 1.0).
    points = iter([{"hit_rate": 0.6, "false_alarm_rate": 0.2}, {"hit_rate": 1.0, "false_alarm_rate": 0.5}])
    monkeypatch.setattr(vote_rings, "detection_rates", lambda log, flagged: next(points))
    curve = vote_rings.detector_curve(seed_values=[1], hours=12, similarities=[0.9, 0.1])
    # Trapezia: 0.2 * 0.6 / 2 + 0.3 * (0.6 + 1.0) / 2 + 0.5 * 2 / 2 = 0.06 + 0.24 + 0.5
    assert curve.attrs["area"] == pytest.approx(0.8)
    assert curve["hit_rate"].tolist() == [0.0, 0.6, 1.0, 1.0]


@pytest.mark.slow   # the detector curves: many model runs
def test_the_naive_ring_is_fully_caught_at_the_default_threshold_and_camouflage_hides_it(curves):
    def at(curve, similarity, column):
        return float(curve.loc[curve["min_similarity"] == similarity, column].iloc[0])
    assert at(curves["naive"], 0.8, "hit_rate") == 1.0
    assert at(curves["camouflaged"], 0.8, "hit_rate") < 0.1


@pytest.mark.parametrize("bad, match", [
    ({"seed_values": []}, "seed_values"), ({"similarities": [1.5]}, "similarities"), ({"camouflage": -1}, "camouflage"),
    ({"ignore_votes": "yes"}, "ignore_votes"), ({"min_shared": 0}, "min_shared"),
])
def test_detector_curve_refuses_bad_input_by_name(bad, match):
    with pytest.raises((TypeError, ValueError), match=match):
        vote_rings.detector_curve(hours=12, **bad)


# ---- When the model's votes come ------------------------------------------------------------------

def tiny_page():
    """Two items over 4 hours, counted by hand: item 0 (hour 0) and item 1 (hour 3, too young to count)."""
    items = pd.DataFrame({"item": [0, 1], "submitted": [0, 3]})
    votes = pd.DataFrame({"hour": [0, 1, 1, 3, 3], "item": [0, 0, 0, 0, 1], "ups": [3, 1, 0, 2, 9],
                          "downs": [1, 0, 0, 3, 9]})
    votes = votes[(votes["ups"] + votes["downs"]) > 0]
    return front_page.FrontPage(items=items, ranks=np.zeros((4, 2)), votes=votes, params={"hours": 4, "rule": "hot"})


def test_votes_by_age_counts_a_tiny_page_by_hand():
    table = front_page.votes_by_age(tiny_page(), watched_hours=4)
    # Item 0 only: 4 votes at age 0, 1 at age 1, none at age 2, 5 at age 3 (10 in all).
    assert table["votes"].tolist() == [4, 1, 0, 5]
    assert table["cumulative_share"].tolist() == pytest.approx([0.4, 0.5, 0.5, 1.0])
    with pytest.raises(ValueError, match="watched_hours"):
        front_page.votes_by_age(tiny_page(), watched_hours=5)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 1000), rule=st.sampled_from(ranking.RULES), watched=st.integers(1, 12))
def test_votes_by_age_shares_add_to_one_and_the_cumulative_share_never_falls(seed, rule, watched):
    page = front_page.simulate(rule=rule, hours=24, seed=seed)
    table = front_page.votes_by_age(page, watched_hours=watched)
    assert table["share"].between(0, 1).all()
    assert (np.diff(table["cumulative_share"]) >= -1e-12).all()
    assert table["cumulative_share"].iloc[-1] == pytest.approx(1.0)


# ---- Real votes, measured independently ---------------------------------------------------------

def test_the_share_of_votes_on_the_day_of_posting_matches_a_count_from_the_raw_tables():
    posts, votes = load("stackexchange_posts"), load("stackexchange_votes")
    posted = dict(zip(posts["Id"].astype(int), posts["CreationDate"].astype(str).str[:10]))
    same_day = known = 0
    for post, kind, day in zip(votes["PostId"], votes["VoteTypeId"], votes["CreationDate"].astype(str)):
        if kind in (2, 3) and int(post) in posted:
            known += 1
            same_day += day == posted[int(post)]
    table = realdata.votes_by_day()
    assert table["votes"].sum() == known
    assert table["share"].iloc[0] == pytest.approx(same_day / known)
    assert round(same_day / known, 3) == 0.401


def posts_and_votes(hours, early, late):
    """Questions posted on 1 March at the given hours, with ``early`` votes that day and ``late`` on 3 March."""
    posts = pd.DataFrame({"Id": range(1, len(hours) + 1), "PostTypeId": 1,
                          "CreationDate": [f"2018-03-01T{h:02d}:30:00.000" for h in hours],
                          "Score": 0, "ViewCount": 10})
    rows = []
    for post, (e, l) in enumerate(zip(early, late), start=1):
        rows += [(post, 2, "2018-03-01")] * e + [(post, 2, "2018-03-03")] * l
    rows.append((1, 2, "2018-05-01"))      # a last vote two months on: every window is complete
    votes = pd.DataFrame(rows, columns=["PostId", "VoteTypeId", "CreationDate"])
    return posts, votes


def test_posting_hour_effect_on_a_table_made_by_hand():
    # Later in the day: fewer votes on day 0, more later. Both orders are perfect: -1 and +1.
    posts, votes = posts_and_votes([1, 12, 23], early=[5, 3, 1], late=[0, 2, 4])
    effect = realdata.posting_hour_effect(1, posts, votes)
    assert effect == {"early": pytest.approx(-1.0), "late": pytest.approx(1.0), "questions": 3}
    with pytest.raises(ValueError, match="days"):
        realdata.posting_hour_effect(0, posts, votes)
    with pytest.raises(ValueError, match="vote_types"):
        realdata.posting_hour_effect(1, posts, votes, vote_types=(3,))    # no down-votes in the table


@pytest.mark.slow
def test_the_one_day_window_is_pushed_down_by_the_clock_and_two_days_remove_it():
    one, two = realdata.posting_hour_effect(1), realdata.posting_hour_effect(2)
    assert one["early"] < -0.3 and one["late"] > 0.3
    assert abs(two["early"]) < 0.05
    assert realdata.early_and_late_votes(1).attrs["spearman"] < realdata.early_and_late_votes(2).attrs["spearman"] < 0.2


# ---- The figures ----------------------------------------------------------------------------------

def test_the_real_vote_figures_have_labelled_axes_log_views_and_a_finding_in_the_title():
    by_day = realdata.votes_by_day()
    model = front_page.votes_by_age(front_page.simulate(rule="hot", seed=1))
    fig, ax = plots.plot_votes_by_day(by_day, model)
    assert "Days after posting" in ax.get_xlabel() and "Share of all votes" in ax.get_ylabel()
    assert "40% on day 0" in ax.get_title() and "94% on an item's first day" in ax.get_title()
    assert "hot" in ax.get_legend().get_texts()[1].get_text()
    assert "40% of the votes come on the day of posting" in plots.describe_votes_by_day(by_day, model)
    questions = realdata.score_vs_views()
    fig, ax = plots.plot_score_vs_views(questions)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "symlog"
    assert "0.55" in ax.get_title() and "rank correlation 0.55" in plots.describe_score_vs_views(questions)


@pytest.mark.slow   # the detector curves: many model runs
def test_the_roc_figure_names_each_curve_with_its_area(curves):
    fig, ax = plots.plot_detector_roc(curves)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0].startswith("guessing") and any(re.match(r"coin \(area 0\.(4[5-9]|5[0-5])\)", label) for label in labels)
    assert ax.get_xlabel().startswith("False alarms") and ax.get_ylabel().startswith("Hits")
    assert "naive: area 1.00" in plots.describe_detector_roc(curves)
    with pytest.raises(TypeError, match="curves"):
        plots.plot_detector_roc({})


# ---- The exercises --------------------------------------------------------------------------------

@pytest.mark.slow
def test_first_week_is_the_first_seven_days_of_the_old_posts_and_names_the_usual_slips():
    table = realdata.votes_by_day(min_age_days=crowds_quiz.OLD_ENOUGH)
    answer = float(table["share"].iloc[:7].sum())
    question = crowds_quiz.first_week
    question.reset()
    assert question.check(answer).correct
    every_post = question.check(float(realdata.votes_by_day()["share"].iloc[:7].sum()))
    assert not every_post.correct and "every post" in every_post.message
    slip = question.check(float(table["share"].iloc[:6].sum()))
    assert not slip.correct and "days 0 to 5" in slip.message
    assert not question.check(float(table["share"].iloc[0])).correct
    # The chart's figure (all posts, about 0.75) is not the answer: old posts have a longer tail.
    assert answer < float(realdata.votes_by_day()["share"].iloc[:7].sum()) - 0.02


@pytest.mark.slow
def test_first_week_predicts_is_the_months_after_the_launch_and_names_the_slips():
    question = market_quiz.first_week_predicts
    question.reset()
    table = realdata.early_and_late_votes(2)
    after = table[table["month"] != "2018-03"]
    assert question.check(after["early"].corr(after["late"], method="spearman")).correct
    pooled = question.check(table.attrs["spearman"])
    assert not pooled.correct and "March included" in pooled.message
    march = table[table["month"] == "2018-03"]
    alone = question.check(march["early"].corr(march["late"], method="spearman"))
    assert not alone.correct and "March alone" in alone.message
    plain = question.check(after["early"].corr(after["late"]))
    assert not plain.correct and "spearman" in plain.message


# ---- Real votes: the data's end, age, months and chance ------------------------------------------

def aged_posts_and_votes():
    """Two posts: one 100 days before the last vote (3 votes on day 0, 1 on day 40), one 10 days before
    (2 votes on day 0). Counted by hand: all posts 5 of 6 votes on day 0; old posts only 3 of 4."""
    posts = pd.DataFrame({"Id": [1, 2], "PostTypeId": 1, "CreationDate": ["2018-01-01T10:00:00", "2018-03-31T10:00:00"],
                          "Score": 0, "ViewCount": 10})
    rows = [(1, 2, "2018-01-01")] * 3 + [(1, 2, "2018-02-10")] + [(2, 2, "2018-03-31")] * 2 + [(1, 3, "2018-04-10")]
    votes = pd.DataFrame(rows, columns=["PostId", "VoteTypeId", "CreationDate"])
    return posts, votes


def test_min_age_days_keeps_only_posts_old_enough_counted_by_hand():
    posts, votes = aged_posts_and_votes()
    every = realdata.votes_by_day(posts, votes, vote_types=(2,), last_day=30)
    old = realdata.votes_by_day(posts, votes, vote_types=(2,), last_day=30, min_age_days=60)
    assert every.attrs["posts"] == 2 and old.attrs["posts"] == 1
    assert every["share"].iloc[0] == pytest.approx(5 / 6) and old["share"].iloc[0] == pytest.approx(3 / 4)
    assert old["share"].iloc[-1] == pytest.approx(1 / 4)        # the day-40 vote, "later"
    with pytest.raises(ValueError, match="min_age_days"):
        realdata.votes_by_day(posts, votes, min_age_days=1000)
    with pytest.raises(ValueError, match="min_age_days"):
        realdata.votes_by_day(posts, votes, min_age_days=-1)


def test_old_posts_have_a_smaller_day_0_and_a_longer_tail_on_the_real_site():
    every, old = realdata.votes_by_day(), realdata.votes_by_day(min_age_days=60)
    assert old["share"].iloc[0] < every["share"].iloc[0] and old["share"].iloc[-1] > every["share"].iloc[-1]


@pytest.mark.slow
@settings(max_examples=10, deadline=None)
@given(age=st.integers(0, 150))
def test_min_age_days_shares_add_to_one_and_never_fall(age):
    table = realdata.votes_by_day(min_age_days=age)
    assert table["share"].between(0, 1).all() and table["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    assert (np.diff(table["cumulative_share"]) >= -1e-12).all()


def test_partial_correlation_matches_the_textbook_formula_and_a_regression_on_made_up_data():
    assert realdata.partial_correlation(0.5, 0.0, 0.0) == pytest.approx(0.5)
    # x and y both made of z plus independent noise: their link is all z, so held fixed it is about 0.
    rng = np.random.default_rng(0)
    z = rng.normal(size=20_000)
    x, y = z + rng.normal(size=z.size), z + rng.normal(size=z.size)
    r = np.corrcoef([x, y, z])
    assert r[0, 1] == pytest.approx(0.5, abs=0.02)
    assert realdata.partial_correlation(r[0, 1], r[0, 2], r[1, 2]) == pytest.approx(0.0, abs=0.02)
    # The same as correlating what is left of x and y after a straight-line fit on z.
    rx, ry = x - np.polyval(np.polyfit(z, x, 1), z), y + 0.3 * x - np.polyval(np.polyfit(z, y + 0.3 * x, 1), z)
    r2 = np.corrcoef([x, y + 0.3 * x, z])
    assert realdata.partial_correlation(r2[0, 1], r2[0, 2], r2[1, 2]) == pytest.approx(np.corrcoef(rx, ry)[0, 1])
    with pytest.raises(ValueError, match="r_xz"):
        realdata.partial_correlation(0.5, 1.0, 0.2)
    with pytest.raises(ValueError, match="r_xy"):
        realdata.partial_correlation(1.5, 0.1, 0.2)


def test_score_and_views_both_grow_with_age_and_most_of_the_link_survives_holding_age_fixed():
    attrs = realdata.score_vs_views().attrs
    assert attrs["age_score"] > 0.3 and attrs["age_views"] > 0.3
    assert 0.4 < attrs["spearman_same_age"] < attrs["spearman"]


def test_chance_band_on_a_tiny_table_and_against_theory():
    # Three questions: the six orders of 'late' give rank correlations 1, 0.5, 0.5, -0.5, -0.5, -1.
    tiny = pd.DataFrame({"early": [1, 2, 3], "late": [1, 2, 3]})
    band = realdata.chance_band(tiny, draws=2000, level=0.5)
    assert band["questions"] == 3 and band["low"] == pytest.approx(-0.5) and band["high"] == pytest.approx(0.5)
    # For n unrelated questions, 95 % of correlations fall within about +-1.96 / sqrt(n - 1).
    rng = np.random.default_rng(2)
    table = pd.DataFrame({"early": rng.poisson(3, 400), "late": rng.poisson(5, 400)})
    band = realdata.chance_band(table, draws=4000)
    assert band["high"] == pytest.approx(1.96 / np.sqrt(399), rel=0.1)
    assert band["low"] == pytest.approx(-1.96 / np.sqrt(399), rel=0.1)
    assert realdata.chance_band(table, seed=5) == realdata.chance_band(table, seed=5)
    for bad, match in [({"draws": 5}, "draws"), ({"level": 1.0}, "level"), ({"seed": "x"}, "seed")]:
        with pytest.raises((TypeError, ValueError), match=match):
            realdata.chance_band(table, **bad)
    with pytest.raises(ValueError, match="table"):
        realdata.chance_band(table.iloc[:2])
    with pytest.raises(ValueError, match="table"):
        realdata.chance_band(table.assign(late=1))


def test_early_late_by_month_splits_a_table_made_by_hand():
    # March: early and late in the same order (+1); April: reversed (-1); 20 questions each.
    n = realdata.votes.MIN_MONTH
    posts = pd.DataFrame({"Id": range(1, 2 * n + 1), "PostTypeId": 1,
                          "CreationDate": ["2018-03-05T10:00:00"] * n + ["2018-04-05T10:00:00"] * n,
                          "Score": 0, "ViewCount": 10})
    rows = []
    for i in range(n):
        rows += [(i + 1, 2, "2018-03-05")] * i + [(i + 1, 2, "2018-03-20")] * i
        rows += [(n + i + 1, 2, "2018-04-05")] * i + [(n + i + 1, 2, "2018-04-20")] * (n - i)
    rows.append((1, 3, "2018-07-01"))     # a last vote: every window is complete
    votes = pd.DataFrame(rows, columns=["PostId", "VoteTypeId", "CreationDate"])
    table = realdata.early_late_by_month(2, posts, votes, draws=200)
    assert table["month"].tolist() == ["2018-03", "2018-04"] and table["questions"].tolist() == [n, n]
    assert table["spearman"].tolist() == pytest.approx([1.0, -1.0])
    assert (table["chance_low"] < 0).all() and (table["chance_high"] > 0).all()


def test_the_launch_month_and_july_lie_outside_chance_on_the_real_site():
    table = realdata.early_late_by_month(2).set_index("month")
    assert table.loc["2018-03", "spearman"] > table.loc["2018-03", "chance_high"]
    assert table.loc["2018-07", "spearman"] < table.loc["2018-07", "chance_low"]
    assert (table["questions"] >= realdata.votes.MIN_MONTH).all()


# ---- The lessons ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["05_wisdom_of_crowds.md", "05b_music_market.md"])
def test_each_lesson_has_one_real_data_section_that_loads_stack_exchange_and_names_the_licence(name):
    text = (SOURCES / name).read_text(encoding="utf-8")
    sections = re.findall(r"^## Real data: .+$", text, flags=re.MULTILINE)
    assert len(sections) == 1
    section = text.split(sections[0])[1].split("\n## ")[0]
    assert "realdata." in section and "CC BY-SA" in section and ".check(" in section


def test_the_answers_of_the_real_data_exercises_are_not_printed_in_the_lessons():
    week = f"{key_of(crowds_quiz.first_week).expected():.2f}"
    rho = f"{key_of(market_quiz.first_week_predicts).expected():.2f}"
    assert week not in (SOURCES / "05_wisdom_of_crowds.md").read_text(encoding="utf-8").split("## Real data")[1]
    assert rho not in (SOURCES / "05b_music_market.md").read_text(encoding="utf-8").split("## Real data")[1]
