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

from smlearn import realdata
from smlearn.data import load
from smlearn.models import ranking
from smlearn.plots import crowds as plots
from smlearn.questions import music_market as market_quiz
from smlearn.questions import wisdom_of_crowds as crowds_quiz

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SEEDS = range(3)


# ---- The detector's ROC curve ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def curves():
    return {
        "naive": ranking.detector_curve(seeds=SEEDS),
        "camouflaged": ranking.detector_curve(seeds=SEEDS, camouflage=4),
        "coin": ranking.detector_curve(seeds=SEEDS, camouflage=4, ignore_votes=True),
    }


@pytest.mark.parametrize("name", ["naive", "camouflaged", "coin"])
def test_the_curve_runs_from_nobody_flagged_to_everybody_flagged_and_never_falls(curves, name):
    curve = curves[name]
    first, last = curve.iloc[0], curve.iloc[-1]
    assert (first["false_alarm_rate"], first["hit_rate"]) == (0.0, 0.0)
    assert (last["false_alarm_rate"], last["hit_rate"]) == (1.0, 1.0)
    assert (np.diff(curve["false_alarm_rate"]) >= 0).all() and (np.diff(curve["hit_rate"]) >= 0).all()
    assert curve[["false_alarm_rate", "hit_rate"]].stack().between(0, 1).all()


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
    monkeypatch.setattr(ranking, "detection_rates", lambda log, flagged: next(points))
    curve = ranking.detector_curve(seeds=[1], hours=12, similarities=[0.9, 0.1])
    # Trapezia: 0.2 * 0.6 / 2 + 0.3 * (0.6 + 1.0) / 2 + 0.5 * 2 / 2 = 0.06 + 0.24 + 0.5
    assert curve.attrs["area"] == pytest.approx(0.8)
    assert curve["hit_rate"].tolist() == [0.0, 0.6, 1.0, 1.0]


def test_the_naive_ring_is_fully_caught_at_the_default_threshold_and_camouflage_hides_it(curves):
    def at(curve, similarity, column):
        return float(curve.loc[curve["min_similarity"] == similarity, column].iloc[0])
    assert at(curves["naive"], 0.8, "hit_rate") == 1.0
    assert at(curves["camouflaged"], 0.8, "hit_rate") < 0.1


@pytest.mark.parametrize("bad, match", [
    ({"seeds": []}, "seeds"), ({"similarities": [1.5]}, "similarities"), ({"camouflage": -1}, "camouflage"),
    ({"ignore_votes": "yes"}, "ignore_votes"), ({"min_shared": 0}, "min_shared"),
])
def test_detector_curve_refuses_bad_input_by_name(bad, match):
    with pytest.raises((TypeError, ValueError), match=match):
        ranking.detector_curve(hours=12, **bad)


# ---- When the model's votes come ------------------------------------------------------------------

def tiny_page():
    """Two items over 4 hours, counted by hand: item 0 (hour 0) and item 1 (hour 3, too young to count)."""
    items = pd.DataFrame({"item": [0, 1], "submitted": [0, 3]})
    votes = pd.DataFrame({"hour": [0, 1, 1, 3, 3], "item": [0, 0, 0, 0, 1], "ups": [3, 1, 0, 2, 9],
                          "downs": [1, 0, 0, 3, 9]})
    votes = votes[(votes["ups"] + votes["downs"]) > 0]
    return ranking.FrontPage(items=items, ranks=np.zeros((4, 2)), votes=votes, params={"hours": 4, "rule": "hot"})


def test_votes_by_age_counts_a_tiny_page_by_hand():
    table = ranking.votes_by_age(tiny_page(), watched_hours=4)
    # Item 0 only: 4 votes at age 0, 1 at age 1, none at age 2, 5 at age 3 (10 in all).
    assert table["votes"].tolist() == [4, 1, 0, 5]
    assert table["cumulative_share"].tolist() == pytest.approx([0.4, 0.5, 0.5, 1.0])
    with pytest.raises(ValueError, match="watched_hours"):
        ranking.votes_by_age(tiny_page(), watched_hours=5)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 1000), rule=st.sampled_from(ranking.RULES), watched=st.integers(1, 12))
def test_votes_by_age_shares_add_to_one_and_the_cumulative_share_never_falls(seed, rule, watched):
    page = ranking.simulate_front_page(rule=rule, hours=24, seed=seed)
    table = ranking.votes_by_age(page, watched_hours=watched)
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


def test_the_one_day_window_is_pushed_down_by_the_clock_and_two_days_remove_it():
    one, two = realdata.posting_hour_effect(1), realdata.posting_hour_effect(2)
    assert one["early"] < -0.3 and one["late"] > 0.3
    assert abs(two["early"]) < 0.05
    assert realdata.early_and_late_votes(1).attrs["spearman"] < realdata.early_and_late_votes(2).attrs["spearman"] < 0.2


# ---- The figures ----------------------------------------------------------------------------------

def test_the_real_vote_figures_have_labelled_axes_log_views_and_a_finding_in_the_title():
    by_day = realdata.votes_by_day()
    model = ranking.votes_by_age(ranking.simulate_front_page(rule="hot", seed=1))
    fig, ax = plots.plot_votes_by_day(by_day, model)
    assert "Days after posting" in ax.get_xlabel() and "Share of all votes" in ax.get_ylabel()
    assert "40% on day 0" in ax.get_title() and "94% on an item's first day" in ax.get_title()
    assert "hot" in ax.get_legend().get_texts()[1].get_text()
    assert "40% of the votes come on the day of posting" in plots.describe_votes_by_day(by_day, model)
    questions = realdata.score_vs_views()
    fig, ax = plots.plot_score_vs_views(questions)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "symlog"
    assert "0.55" in ax.get_title() and "rank correlation 0.55" in plots.describe_score_vs_views(questions)


def test_the_roc_figure_names_each_curve_with_its_area(curves):
    fig, ax = plots.plot_detector_roc(curves)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0].startswith("guessing") and any(re.match(r"coin \(area 0\.(4[5-9]|5[0-5])\)", label) for label in labels)
    assert ax.get_xlabel().startswith("False alarms") and ax.get_ylabel().startswith("Hits")
    assert "naive: area 1.00" in plots.describe_detector_roc(curves)
    with pytest.raises(TypeError, match="curves"):
        plots.plot_detector_roc({})


# ---- The exercises --------------------------------------------------------------------------------

def test_first_week_is_the_sum_of_the_first_seven_days_and_names_the_usual_slips():
    table = realdata.votes_by_day()
    answer = float(table["share"].iloc[:7].sum())
    crowds_quiz.first_week.reset()
    assert crowds_quiz.first_week.check(answer).correct
    slip = crowds_quiz.first_week.check(float(table["share"].iloc[:6].sum()))
    assert not slip.correct and "days 0 to 5" in slip.message
    assert not crowds_quiz.first_week.check(float(table["share"].iloc[0])).correct


def test_first_week_predicts_is_the_seven_day_correlation_and_names_the_one_day_slip():
    question = market_quiz.first_week_predicts
    question.reset()
    assert question.check(realdata.early_and_late_votes(7).attrs["spearman"]).correct
    slip = question.check(realdata.early_and_late_votes(1).attrs["spearman"])
    assert not slip.correct and "one-day window" in slip.message


# ---- The lessons ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["05_wisdom_of_crowds.md", "05b_music_market.md"])
def test_each_lesson_has_one_real_data_section_that_loads_stack_exchange_and_names_the_licence(name):
    text = (NOTEBOOKS / name).read_text(encoding="utf-8")
    sections = re.findall(r"^## Real data: .+$", text, flags=re.MULTILINE)
    assert len(sections) == 1
    section = text.split(sections[0])[1].split("\n## ")[0]
    assert "realdata." in section and "CC BY-SA" in section and ".check(" in section


def test_the_answers_of_the_real_data_exercises_are_not_printed_in_the_lessons():
    week = f"{float(realdata.votes_by_day()['share'].iloc[:7].sum()):.2f}"
    rho = f"{realdata.early_and_late_votes(7).attrs['spearman']:.2f}"
    assert week not in (NOTEBOOKS / "05_wisdom_of_crowds.md").read_text(encoding="utf-8").split("## Real data")[1]
    assert rho not in (NOTEBOOKS / "05b_music_market.md").read_text(encoding="utf-8").split("## Real data")[1]
