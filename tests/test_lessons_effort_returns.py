"""Lessons 07, 08 and 09: their questions, worked out here independently of the question objects.

Each right answer is recomputed from the models' documented equations or from the data
(never by asking the question for it), and every wrong option of a choice question is
refused, so a question that drifts from its lesson fails here.
"""

import math
from pathlib import Path

import numpy as np
import pytest

from smlearn import data
from smlearn.exercises import ChoiceQuestion
from smlearn.models import effort, traffic
from smlearn.questions import capstone, effort_and_automation, measuring_returns

ALL = [*effort_and_automation.QUESTIONS, *measuring_returns.QUESTIONS, *capstone.QUESTIONS]
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


@pytest.mark.parametrize("question", ALL, ids=lambda q: q.id)
def test_every_question_waits_for_an_answer_and_has_a_hint(question, capsys):
    assert question.check(...).correct is None
    question.hint()
    assert capsys.readouterr().out.startswith("Hint: ")
    assert question.explanation


@pytest.mark.parametrize("question", [q for q in ALL if isinstance(q, ChoiceQuestion)], ids=lambda q: q.id)
def test_choice_questions_have_exactly_one_right_option_with_feedback_for_the_others(question):
    right = [letter for letter in question.letters if question.check(letter).correct]
    assert len(right) == 1
    for letter in question.letters:
        if letter not in right:
            assert letter in question._option_feedback, f"{question.id}: option {letter} has no feedback"


# ---- Lesson 07 ------------------------------------------------------------------------------

def test_posts_per_week_is_the_time_rule():
    assert effort_and_automation.posts_per_week.check((4.0 - 1.0) / 0.25).correct
    assert not effort_and_automation.posts_per_week.check(16).correct    # forgot the set-up


def test_sustainable_circle_from_the_closed_form():
    k, g, theta, h = 2.0 / 0.5, 0.3, 0.5, 12.0
    tau = h * math.log2((g + theta * (1 - g)) / theta)
    assert effort_and_automation.sustainable.check(math.floor(k * tau)).correct
    assert math.floor(k * tau) == 18


def test_sprint_upkeep_region_matches_a_brute_force_search():
    grid = effort.outcome_map(hours=8, weeks=8, step=0.05)
    near = grid[grid["value"] >= 0.95 * grid["value"].max()]
    assert (near["upkeep"].min(), near["upkeep"].max()) == pytest.approx((0.40, 0.75))
    question = effort_and_automation.sprint_upkeep
    right = question.options[question.letters.index("b")]
    assert "40 %" in right and "75 %" in right and question.check("b").correct
    # option c's feedback quotes all upkeep at about 93 % of the best
    all_upkeep = float(grid.loc[grid["upkeep"] == 1.0, "value"].iloc[0]) / grid["value"].max()
    assert round(all_upkeep, 2) == 0.93 and "93 %" in question._option_feedback["c"]


def test_marathon_answer_matches_the_regions_by_horizon():
    regions = {}
    for weeks in (8, 104):
        grid = effort.outcome_map(hours=8, weeks=weeks, step=0.05)
        regions[weeks] = grid[grid["value"] >= 0.95 * grid["value"].max()]
    assert regions[104]["upkeep"].max() == pytest.approx(0.35) and regions[8]["upkeep"].min() == pytest.approx(0.40)
    assert effort_and_automation.marathon.check("b").correct


def test_automation_answer_tool_gives_more_posts_but_replies_and_upkeep_remain():
    tool = effort.best_allocation(8)
    by_hand = effort.best_allocation(8, scheduling="by hand")
    assert tool.value > by_hand.value and tool.posting > by_hand.posting and tool.upkeep > 0.2
    assert effort_and_automation.automation.check("b").correct


# ---- Lesson 08 ------------------------------------------------------------------------------

POSTS = data.load("post_metrics")


def test_engagement_and_conversion_answers_from_the_raw_columns():
    assert measuring_returns.engagement.check(100 * POSTS["engaged_users"].sum() / POSTS["reach"].sum()).correct
    assert measuring_returns.conversion.check(100 * POSTS["conversions"].sum() / POSTS["clicks"].sum()).correct
    # the mean of the posts' own rates is a different number, and is not accepted
    assert not measuring_returns.engagement.check(float(100 * (POSTS["engaged_users"] / POSTS["reach"]).mean())).correct


def test_paid_answer_matches_the_data():
    paid = POSTS[POSTS["paid"]]
    unpaid = POSTS[~POSTS["paid"]]
    by_reach = [p["engaged_users"].sum() / p["reach"].sum() for p in (paid, unpaid)]
    by_followers = [p["engaged_users"].sum() / p["followers"].sum() for p in (paid, unpaid)]
    assert by_reach[0] == pytest.approx(by_reach[1], rel=0.05)
    assert 2.5 < by_followers[0] / by_followers[1] < 4
    assert measuring_returns.paid.check("b").correct


def test_the_small_sample_really_shows_photos_ahead_and_no_clear_winner():
    from smlearn.models.returns import estimate_by_type

    table = estimate_by_type(POSTS, **measuring_returns.SMALL)
    assert table.loc[0, "estimate"] > table.loc[1, "estimate"]            # photos look better ...
    assert table.loc[0, "truth"] < table.loc[1, "truth"]                  # ... but over all posts they are not
    assert 0.05 < table.attrs["prob_b_better"] < 0.95
    assert measuring_returns.small_sample.check("c").correct


def test_duplicates_answer_counts_the_repeated_rows_of_the_example(tmp_path):
    from smlearn.exports import write_example

    lines = write_example(tmp_path).read_text(encoding="utf-8-sig").splitlines()[1:]
    repeated = len(lines) - len(set(lines))
    assert repeated == 1 and measuring_returns.duplicates.check(repeated).correct


# ---- Lesson 09 ------------------------------------------------------------------------------

def test_bakery_pull_cost_from_the_traffic_equations():
    # Pull: pieces every week, each bringing g(a) visits at age a (traffic's docstring).
    p = {n: s.default for n, s in traffic.PARAMS.items()} | capstone.BAKERY_TRAFFIC
    age = np.arange(p["periods"])
    g = (p["max_search_visits"] * p["content_quality"] * (1 - np.exp(-(age + 1) / p["ramp_periods"]))
         * 0.5 ** (age / p["content_half_life"]))
    pieces = np.full(p["periods"], p["posts_per_period"])
    visits = np.convolve(pieces, g)[: p["periods"]]
    customers = visits.sum() * p["lead_rate_pull"] * p["close_rate_pull"]
    cost = pieces.sum() * p["hours_per_post"] * p["hourly_cost"]
    assert capstone.pull_cost.check(round(cost / customers)).correct


def test_bakery_best_upkeep_matches_a_brute_force_search_and_flips_with_the_lead_rate():
    grid = effort.outcome_map(step=0.025, **capstone.BAKERY_EFFORT)
    best = grid.loc[grid["value"].idxmax()]
    assert capstone.best_upkeep.check(float(best["upkeep"])).correct
    higher = effort.best_allocation(**capstone.BAKERY_EFFORT | {"lead_rate_reach": 0.001})
    assert higher.posting > 0.5


def test_capstone_metric_answer():
    assert capstone.metric.check("b").correct and not capstone.metric.check("a").correct


# ---- The lessons themselves ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["07_effort_and_automation", "08_measuring_returns", "09_capstone"])
def test_lesson_mentions_the_disagreeing_sources_and_has_things_to_try(name):
    text = (NOTEBOOKS / f"{name}.md").read_text(encoding="utf-8")
    assert "Source C" in text and ("Source D" in text or "Source A" in text)
    assert "Predict" in text
    if name != "09_capstone":
        assert "Things to notice" in text and "Things to try" in text
    else:
        assert "rubric" in text.lower() and "Worked example" in text


def test_lesson_08_never_reads_the_real_exports():
    text = (NOTEBOOKS / "08_measuring_returns.md").read_text(encoding="utf-8")
    assert "shared" not in text and "dataset_Facebook" not in text and "Live.csv" not in text
