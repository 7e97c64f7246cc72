"""Self-check questions of lesson 09, Capstone: a strategy for a small organisation.

The worked example is a neighbourhood bakery. Its settings are :data:`BAKERY_EFFORT`
(for :mod:`smlearn.models.effort`) and :data:`BAKERY_TRAFFIC` (for
:mod:`smlearn.models.traffic`); every value is an illustrative guess that the lesson
discusses, not a measurement.

Examples
--------
>>> best_upkeep.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> metric.check("z")
✘ Choose one of the letters a, b, c, d; got 'z'.
"""

from __future__ import annotations

from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import effort, traffic

__all__ = ["BAKERY_EFFORT", "BAKERY_TRAFFIC", "QUESTIONS", "best_upkeep", "pull_cost", "metric"]

# The bakery: 5 hours a week for a year, a circle of 30 regulars and local businesses,
# a small local market, posts found mostly by people nearby.
BAKERY_EFFORT = {"hours": 5.0, "weeks": 52, "circle_size": 30, "market_size": 5000, "start_followers": 300,
                 "discovery": 10.0, "referral_rate": 0.03}

# The same bakery in the push/pull model: 2 hours a week asking its network to visit the
# website, a recipe post every other week, a year of effort.
BAKERY_TRAFFIC = {"push_hours": 2.0, "network_size": 200, "posts_per_period": 0.5, "hours_per_post": 3.0,
                  "periods": 52, "stop_period": 52, "hourly_cost": 25.0}

best_upkeep = NumericQuestion(
    "capstone.best_upkeep",
    "For the bakery (quiz.BAKERY_EFFORT), what share of its 5 hours a week does the best split for leads"
    " give to relationship upkeep? Answer as a share between 0 and 1.",
    answer=lambda: effort.best_allocation(**BAKERY_EFFORT).upkeep,
    tolerance=0.05,
    hint="effort.best_allocation(**quiz.BAKERY_EFFORT).upkeep",
    explanation="A small local market caps what posting can reach, while 30 regulars and neighbours can be"
    " kept close with a few hours: over one year the bakery's best split is all people. The lesson shows how"
    " one uncertain number (leads per person reached) can flip that.",
)

pull_cost = NumericQuestion(
    "capstone.pull_cost",
    "For the bakery in the push/pull model (quiz.BAKERY_TRAFFIC), how many dollars does pull spend per"
    " customer over the year? Round to whole dollars.",
    answer=lambda: round(float(traffic.cost_per_customer(traffic.simulate(**BAKERY_TRAFFIC))["pull"])),
    rel_tolerance=0.02,
    unit="$",
    hint="traffic.cost_per_customer(traffic.simulate(**quiz.BAKERY_TRAFFIC))",
    explanation="Compare it with push's cost per customer in the same table: the gap is the case for the"
    " recipe posts.",
)

metric = ChoiceQuestion(
    "capstone.metric",
    "A small non-profit wants more people to know about its food bank this year. Which measure of return"
    " fits that goal best?",
    [
        "Engagement rate by followers of the best post",
        "Reach and follower growth over the year, with intervals",
        "Cost per acquisition of paid posts",
        "The number of likes on last week's post",
    ],
    answer_fingerprint="84034875af3848b1",
    hint="The goal is awareness: how many different people heard of it, and is that growing?",
    feedback={
        "a": "One post's rate says little about how many people know you, and it mixes reach with quality.",
        "c": "CPA measures buying conversions; the goal here is awareness, and most posts are not paid.",
        "d": "One week of likes is a tiny, noisy sample (lesson 08).",
    },
    explanation="Pick the metric that matches the goal, count it over a long enough period, and report its"
    " uncertainty.",
)

QUESTIONS = [best_upkeep, pull_cost, metric]
