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
    explanation="Upkeep time caps the number of close ties: two hours a week keep a circle about the size of"
    " Dunbar's 15-person layer, not his 150.",
)

sprint_upkeep = NumericQuestion(
    "effort_and_automation.sprint_upkeep",
    "With 8 hours a week and an 8-week horizon (a sprint), what share of the hours does the best split for"
    " leads give to relationship upkeep? Answer as a share between 0 and 1.",
    answer=lambda: effort.best_allocation(8, weeks=8).upkeep,
    tolerance=0.05,
    hint="Run effort.best_allocation(8, weeks=8) and read its upkeep.",
    explanation="In a sprint the audience has no time to compound, so most of the time goes to people you"
    " already know, whose ties pay back within weeks.",
)

marathon = ChoiceQuestion(
    "effort_and_automation.marathon",
    "As the horizon grows from 8 weeks to 104 weeks, what happens to the best share of hours for posting"
    " (8 hours a week, maximising leads)?",
    [
        "It falls: relationships pay off more the longer you keep them",
        "It rises: the audience compounds, so posting pays off more the longer you count",
        "It stays the same: the best split does not depend on the horizon",
        "It goes to zero: posting never brings leads",
    ],
    answer_fingerprint="515b80c7bacd8fe1",
    hint="Look at the marathon vs sprint figure, or run effort.best_split_by_horizon(8, horizons=(8, 104)).",
    feedback={
        "a": "Ties do last, but they stop growing once the circle is strong; extra upkeep then buys little.",
        "c": "Compare the two rows of best_split_by_horizon(8, horizons=(8, 104)).",
        "d": "Look at the left panel of the explorer: media leads grow every week.",
    },
    explanation="Followers bring shares, shares bring followers: the media side grows slowly, then fast."
    " Source D's 'marathon' is the model's result too.",
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
