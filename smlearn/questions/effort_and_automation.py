"""Self-check questions of lesson 07, Effort and automation.

Use them in the lesson like this::

    from smlearn.questions import effort_and_automation as quiz
    quiz.posts_per_week                  # the question
    my_answer = ...   # replace ... with your answer
    quiz.posts_per_week.check(my_answer)

Numeric answers are computed by running :mod:`smlearn.models.effort` when they are
checked; the right option of a multiple-choice question is kept only as a fingerprint.

Examples
--------
>>> posts_per_week.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> marathon.check("z")
✘ Choose one of the letters a, b, c, d; got 'z'.
"""

from __future__ import annotations

import math

from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import effort

__all__ = ["QUESTIONS", "posts_per_week", "sustainable", "sprint_upkeep", "marathon", "automation"]

posts_per_week = NumericQuestion(
    "effort_and_automation.posts_per_week",
    "With the defaults (a scheduling tool, 1 hour of set-up a week, a quarter of an hour per post),"
    " how many posts a week do 4 hours of posting make?",
    answer=lambda: float(effort.simulate(hours=4.0, split=(1.0, 0.0, 0.0))["posts"].iloc[0]),
    tolerance=0.01,
    unit="posts",
    hint="Take the set-up hour off first, then divide what is left by the time per post.",
    explanation="After the fixed set-up each post is cheap: this is what Source C means by automation.",
)

sustainable = NumericQuestion(
    "effort_and_automation.sustainable",
    "With the defaults, how many people can 2 hours a week of one-to-one upkeep keep strong for good?"
    " Give a whole number (round down).",
    answer=lambda: math.floor(effort.sustainable_strong_ties(2.0)),
    unit="people",
    hint="Use effort.sustainable_strong_ties(2.0), or work it out: 4 contacts a week, times the longest"
    " gap between contacts that keeps a tie above the threshold.",
    explanation="In this model only time caps the number of close ties: two hours a week keep 18 people strong."
    " The number follows from the time settings (half an hour per contact, the gain per contact, the"
    " half-life); the model has no limit of memory or attention like the one behind Dunbar's layers.",
)

sprint_upkeep = ChoiceQuestion(
    "effort_and_automation.sprint_upkeep",
    "With 8 hours a week and an 8-week horizon (a sprint), what does the model say about the share of the"
    " hours for relationship upkeep, when you count leads?",
    [
        "Exactly 60 %: that is the best split, so follow it to the percent",
        "Anything from about 40 % to 75 % upkeep brings within 5 % of the best leads: the model cannot tell"
        " these splits apart",
        "All of it: in a sprint only relationships pay",
        "Less than a third: posting is what pays in a sprint",
    ],
    answer_fingerprint="c78b4f8c3cedc893",
    hint="Run effort.near_best(8, weeks=8) and look at the smallest and largest upkeep in it.",
    feedback={
        "a": "60 % is the single best split on the grid, but its neighbours bring almost the same leads: the"
        " surface is flat near the top, so one point says little.",
        "c": "All upkeep brings about 93 % of the best leads at 8 weeks: close, but outside the 5 % region.",
        "d": "No split with less than 40 % upkeep is within 5 % of the best at 8 weeks.",
    },
    explanation="Near its top the outcome hardly changes from one split to the next, so the honest answer is a"
    " region, not a point. In a sprint that region keeps at least 40 % for upkeep; beyond that the model"
    " cannot choose.",
)

marathon = ChoiceQuestion(
    "effort_and_automation.marathon",
    "As the horizon grows from 8 weeks to 104 weeks, what happens to the splits that bring within 5 % of"
    " the most leads (8 hours a week)?",
    [
        "They move towards upkeep: relationships pay off more the longer you keep them",
        "They move to the media side: at 104 weeks no split within 5 % of the best gives upkeep more than 35 %"
        " of the hours, at 8 weeks none gives it less than 40 %",
        "They stay the same: the region does not depend on the horizon",
        "Posting drops out: no split with posting stays near the best",
    ],
    answer_fingerprint="3153975473708c20",
    hint="Look at the figure of the near-best region by horizon, or run"
    " effort.near_best_by_horizon(8, horizons=(8, 104)).",
    feedback={
        "a": "Ties do last, but they stop growing once the circle is strong; extra upkeep then buys little.",
        "c": "Compare the two rows of effort.near_best_by_horizon(8, horizons=(8, 104)).",
        "d": "Look at the left panel of the explorer: media leads grow every week.",
    },
    explanation="Followers bring shares, shares bring followers: the media side grows slowly, then fast."
    " Source D's 'marathon' is the model's result too, and it holds for the whole region, not just its best"
    " point.",
)

automation = ChoiceQuestion(
    "effort_and_automation.automation",
    "Source C says media can be automated; Source D says the conversations cannot. Which statement does"
    " the model support?",
    [
        "Scheduling makes media free, so all the time should go to relationships",
        "Scheduling makes each post cheaper, but only replies and relationships grow with the audience and the"
        " circle, and no tool does those",
        "Nothing can be automated, so the tool never helps",
        "Relationships can be scheduled too, with a birthday-greeting tool",
    ],
    answer_fingerprint="5bf99d36e5271b26",
    hint="Compare scheduling='tool' with scheduling='by hand', and watch the comments column as the"
    " followers grow.",
    feedback={
        "a": "Posts still take set-up and writing time; and media still brings leads the ties cannot.",
        "c": "Compare best_allocation(8) with scheduling='by hand': the tool does buy more posts per hour.",
        "d": "In this model a contact is personal time; a mass greeting is a broadcast (lesson 01, #21).",
    },
    explanation="Both sources are partly right: posting is automatable (C), the conversation it starts is"
    " not (D), and its share of the time grows with the audience.",
)

QUESTIONS = [posts_per_week, sustainable, sprint_upkeep, marathon, automation]
