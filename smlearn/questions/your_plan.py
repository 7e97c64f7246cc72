"""Self-check questions of lesson 09b, Your plan: the capstone for your own organisation.

Use them in the lesson like this::

    from smlearn.questions import your_plan as quiz
    print(quiz.outcome_fit)              # the question
    my_answer = ...   # replace ... with your answer
    quiz.outcome_fit.check(my_answer)

Examples
--------
>>> posts_for_conversions.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> metric.check("z")
✘ Choose one of the letters a, b, c, d; got 'z'.
"""

from __future__ import annotations

import math

from smlearn import data
from smlearn.exercises import ChoiceQuestion, NumericQuestion

__all__ = ["QUESTIONS", "outcome_fit", "metric", "posts_for_conversions", "CONVERSIONS_WANTED"]

# The number of conversions a sample should hold in posts_for_conversions.
CONVERSIONS_WANTED = 30


def _posts_needed():
    """Posts needed to expect CONVERSIONS_WANTED conversions at the course's mean conversions a post."""
    posts = data.load("post_metrics")
    return math.ceil(CONVERSIONS_WANTED / float(posts["conversions"].mean()))


outcome_fit = ChoiceQuestion(
    "your_plan.outcome_fit",
    "A small food bank wants volunteers who come back, month after month. Which outcome should its plan"
    " pass to pipeline.compare_splits?",
    [
        "\"leads\": every enquiry from a possible volunteer, over the year",
        "\"ties\": every person the food bank has come to know by the end",
        "\"tie_strength\": the ties times their mean strength at the end",
        "\"followers\": the people who follow its account at the end",
    ],
    answer_fingerprint="f81f48b726664825",
    hint="Which outcome falls when a volunteer drifts away? Lesson 09 compared \"ties\" with \"tie_strength\".",
    feedback={
        "a": "An enquiry is a first contact, not a volunteer who stays.",
        "b": "In the model a tie never ends, it only fades: \"ties\" still counts the volunteers who stopped coming.",
        "d": "Followers see the food bank's posts; they are an audience, not volunteers who return.",
    },
    explanation="Closeness (tie_strength) falls when ties fade, so it counts the people who stay; the count"
    " of ties does not.",
)

metric = ChoiceQuestion(
    "your_plan.metric",
    "The same food bank has to measure, in the world, whether its plan works. Which measure fits its goal"
    " best?",
    [
        "Volunteers who sign up each month, with an interval",
        "Volunteers still active three months after signing up, with an interval",
        "Volunteers still active three months after signing up, counted in the first month only",
        "Hours volunteered in the week after each post, with an interval",
    ],
    answer_fingerprint="df5fd0b5ad35ba42",
    hint="The goal is people who come back: count them after long enough, and say how sure the count is.",
    feedback={
        "a": "Sign-ups count first contacts; the goal is volunteers who stay.",
        "c": "Nobody can be three months in after one month: the count needs time, and an interval.",
        "d": "A week after a post measures a burst of attention, not who comes back month after month.",
    },
    explanation="Pick the measure that matches the goal (here: ties that last), count it over a long enough"
    " period, and report its uncertainty.",
)

posts_for_conversions = NumericQuestion(
    "your_plan.posts_for_conversions",
    "How many of the course's synthetic posts (smlearn.data.load(\"post_metrics\")) must a sample hold"
    " to expect 30 conversions? Use the mean of the conversions column, not a rounded figure, and round"
    " the number of posts up.",
    answer=_posts_needed,
    tolerance=1,
    unit="posts",
    hint='Divide 30 by the mean of the "conversions" column, then round up (math.ceil).',
    explanation="At one post a week that is about three years: a small organisation rarely has the sample"
    " to compare post types. Counting leads by route, or a randomized holdout, gets there sooner.",
)

QUESTIONS = [outcome_fit, metric, posts_for_conversions]
