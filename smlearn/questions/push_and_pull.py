"""Self-check questions of lesson 02, Push and pull.

Use them in the lesson like this::

    from smlearn.questions import push_and_pull as quiz
    print(quiz.crossover)                  # the question
    my_answer = ...   # replace ... with your answer
    quiz.crossover.check(my_answer)

Every number question computes its answer by running :mod:`smlearn.models.traffic`
when it is checked, so the answers follow the model if its defaults change. The
right option of each multiple-choice question is kept only as a fingerprint (see
:mod:`smlearn.exercises`).

Examples
--------
>>> crossover.reset()        # forget tries made earlier in this session
>>> crossover.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> crossover.check(40)
✘ Not yet: 40 is too high. Hint: Run traffic.crossover_period(traffic.simulate()), or find the first week ...
"""

from __future__ import annotations

import functools

import numpy as np

from smlearn import flips
from smlearn.exercises import FlipQuestion, NumericQuestion
from smlearn.models import traffic
from smlearn.params import check_items

__all__ = ["QUESTIONS", "doubling", "crossover", "after_stop", "flip_year", "cost_ratio", "channel_costs", "VERDICT",
           "year_verdict", "FlipQuestion", "RANGES", "plausible_table"]


def _week1_push_visits(push_hours):
    result = traffic.simulate(push_hours=push_hours)
    return float(result.loc[(result["channel"] == "push") & (result["period"] == 1), "visits"].iloc[0])


doubling = NumericQuestion(
    "push_and_pull.doubling",
    "Run the model with push_hours=10 and with the default 5. How many times as many push visits"
    " arrive in week 1 with 10 hours? (2 would mean twice as many.)",
    answer=lambda: _week1_push_visits(10.0) / _week1_push_visits(5.0),
    tolerance=0.02,
    unit="times",
    hint="Divide week 1's push visits with 10 hours by week 1's push visits with 5 hours."
    " Remember the reach formula: the first hours reach the easiest contacts.",
    explanation="Twice the hours bring well under twice the visits: the first hours reach the contacts"
    " who are easiest to reach, and each extra hour reaches fewer new ones.",
)

crossover = NumericQuestion(
    "push_and_pull.crossover",
    "At the default settings, in which week does pull first bring more visits than push?",
    answer=lambda: traffic.crossover_period(traffic.simulate()),
    hint="Run traffic.crossover_period(traffic.simulate()), or find the first week in which the dashed"
    " pull line is above the solid push line.",
    explanation="Push is fast but fades as contacts tire of being asked; pull starts small and grows with"
    " every piece, so it only needs a couple of months to catch up.",
)

after_stop = NumericQuestion(
    "push_and_pull.after_stop",
    "At the default settings all effort stops after week 26. What share of pull's visits over the 52 weeks"
    " arrive after that? Answer as a share between 0 and 1 (0.25 would be a quarter).",
    answer=lambda: float(traffic.persistence(traffic.simulate())["pull"]),
    tolerance=0.01,
    hint="traffic.persistence(result) gives the share for each channel. A share is between 0 and 1: 40% is 0.4.",
    explanation="Most of the year's pull traffic comes after the writing stopped: the pieces keep being"
    " found. Push traffic stops within a few weeks of the last message.",
)

# ---- What flips the verdict ----------------------------------------------------------------

def cost_ratio(result):
    """Push's cost per customer divided by pull's, over the whole run of ``result``.

    Above 1, a pulled customer is the cheaper one; below 1, a pushed one. Infinite when
    push won no customer at all, NaN when neither channel won any.

    Examples
    --------
    >>> round(cost_ratio(traffic.simulate()), 1)
    25.9
    """
    push_cost, pull_cost = channel_costs(result)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return float(push_cost / pull_cost)


def channel_costs(result):
    """Push's and pull's cost per customer, as numpy floats (cost/0 is inf, 0/0 is nan, on purpose).

    The same numbers as :func:`smlearn.models.traffic.cost_per_customer`, without the table, so
    that the flip tool's hundreds of runs stay fast.
    """
    traffic.check_result(result, ["channel", "cost", "customers"])
    push = result["channel"].to_numpy() == "push"
    cost = result["cost"].to_numpy(dtype=float)
    customers = result["customers"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.float64(cost[push].sum()) / customers[push].sum(), np.float64(cost[~push].sum()) / customers[~push].sum()


# Lesson 02's verdict, as a claim the flip tool can test.
VERDICT = flips.Verdict(
    "pull costs less per customer than push over the year",
    measure=cost_ratio, threshold=1.0, holds="above",
    unit="push's cost per customer / pull's",
)

# How finely the lesson's analysis looks: every setting of the model but the horizon (the verdict is
# about a year, so the horizon is held and the exercise refuses it), 11 points across each range one
# at a time, and 400 settings drawn together (about 600 runs, about a second).
YEAR = 52
STEPS = 11
SAMPLES = 400

# Plausible ranges: where a slider allows values nobody would defend for a small shop, the analysis
# uses these instead (each holds the default). They are our judgement, not measurements:
# - lead and close rates: a few percent of visitors leave their details and a minority of those buy;
#   the SAME range for both channels, because no study measures the gap between them;
# - network size: from a few dozen to a thousand people one could ask (Dunbar 2016: about 150);
# - search visits: from a guide nobody finds to five times the default;
# - content half-life: from a month (news) to three years (how-to guides);
# - last week of effort: inside the year the verdict is about.
RANGES = {
    "lead_rate_push": (0.005, 0.1),
    "lead_rate_pull": (0.005, 0.1),
    "close_rate_push": (0.05, 0.5),
    "close_rate_pull": (0.05, 0.5),
    "network_size": (50, 1000),
    "max_search_visits": (0.0, 100.0),
    "content_half_life": (4.0, 156.0),
    "stop_period": (0, 52),
}


def _plausible_params():
    """traffic.PARAMS with the plausible ranges in place of the sliders' ranges, the horizon left out."""
    params = flips.narrowed(traffic.PARAMS, RANGES)
    del params["periods"]              # held at a year: the verdict is about the year
    return params


def plausible_table(leave_out=()):
    """A plain-text table, one line per setting: its label, its code name and its plausible range.

    >>> print(plausible_table().splitlines()[0])
    Last week of effort             stop_period          0 to 52 week
    """
    leave_out = check_items("leave_out", leave_out, what="setting names", allow_empty=True)
    lines = []
    for name, p in _plausible_params().items():
        if name in leave_out:
            continue
        lines.append(f"{p.label:<31} {name:<20} {p.min:g} to {p.max:g} {p.unit}")
    return "\n".join(lines)


@functools.lru_cache(maxsize=1)
def year_verdict():
    """Where lesson 02's verdict flips: :func:`smlearn.flips.analyse` over traffic.PARAMS, the horizon held at a year,
    across the plausible ranges in :data:`RANGES`.

    The result is kept after the first call, so the lesson and its checked facts share one analysis.

    Examples
    --------
    >>> report = year_verdict()
    >>> report.holds_at_default
    True
    >>> round(flips.flip_point(report, "max_search_visits"), 1)
    0.8
    """
    return flips.analyse(traffic.simulate, VERDICT, traffic.PARAMS, fixed={"periods": YEAR},
                         steps=STEPS, samples=SAMPLES, seed=0, ranges=RANGES)


# The exercise leaves out the two settings that flip the verdict alone (the sentence names them), so
# the learner has to combine two others, each inside its plausible range.
_ALONE = ("max_search_visits", "content_quality")
_EXERCISE_PARAMS = _plausible_params()
for _name in _ALONE:
    del _EXERCISE_PARAMS[_name]

flip_year = FlipQuestion(
    "push_and_pull.flip_year",
    "Find two settings that together make push win customers more cheaply than pull over the year, every other"
    " setting at its default. Neither may be one that flips it alone (search visits per piece, content quality),"
    " each must stay inside its plausible range, and the horizon stays at 52 weeks. Give them as a dict of code"
    " names and values, e.g. {\"echo\": 0.5}. The settings you may use (label, code name, plausible range):\n"
    + plausible_table(leave_out=_ALONE),
    model=traffic.simulate,
    verdict=VERDICT,
    params=_EXERCISE_PARAMS,
    example={"lead_rate_push": 0.1, "lead_rate_pull": 0.005},
    hint="Each setting alone leaves pull cheaper, so push needs two helps at once: make pushed visitors convert"
    " better and pulled ones worse, or bring more pushed visits and fewer pulled ones. Take each to the end of"
    " its plausible range.",
    explanation="Two settings, each still plausible, flip it together: the verdict is only as firm as numbers nobody"
    " has measured for Priya's shop.",
)

QUESTIONS = [doubling, crossover, after_stop, flip_year]
