"""Self-check questions of lesson 02, Push and pull.

Use them in the lesson like this::

    from smlearn.questions import push_and_pull as quiz
    print(quiz.after_stop)                 # the question
    my_answer = ...   # replace ... with your answer
    quiz.after_stop.check(my_answer)

A coding question is answered with a function: ``quiz.crossover.check(crossover_week)``
runs it on the runs the question names and on runs drawn at random, against the model's
own :func:`smlearn.models.traffic.crossover_period`. Every number question computes its
answer by running :mod:`smlearn.models.traffic` when it is checked, so the answers follow
the model if its defaults change.

Examples
--------
>>> after_stop.reset()       # forget tries made earlier in this session
>>> after_stop.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> after_stop.check(0.2)
✘ Not yet: 0.2 is too low. Hint: Run the model with stop_period=... and give the run to traffic.persistence, ...
"""

from __future__ import annotations

import functools

import numpy as np

from smlearn import flips
from smlearn.exercises import Case, CodeQuestion, FlipQuestion, NumericQuestion
from smlearn.models import traffic
from smlearn.params import check_items, check_number

__all__ = ["QUESTIONS", "doubling", "doubling_gain", "crossover", "after_stop", "QUARTER", "flip_year", "cost_ratio", "channel_costs", "VERDICT",
           "year_verdict", "FlipQuestion", "RANGES", "plausible_table"]


# The class's settings (a class profile may change them): the texts below quote them from here.
_DEFAULT = {name: p.default for name, p in traffic.PARAMS.items()}


def _week1_push_visits(push_hours, saturation_hours):
    result = traffic.simulate(push_hours=push_hours, saturation_hours=saturation_hours)
    return float(result.loc[(result["channel"] == "push") & (result["period"] == 1), "visits"].iloc[0])


def doubling_gain(hours, saturation_hours):
    """How many times as many push visits week 1 brings with twice the hours, read off the model.

    Runs :func:`smlearn.models.traffic.simulate` with ``2 * hours`` and with ``hours`` of outreach
    (every other setting at its default) and divides week 1's push visits, so the answer is
    whatever the model does, not a second copy of its formula.

    Examples
    --------
    >>> round(doubling_gain(2.5, 4), 2)
    1.54
    """
    hours = check_number("hours", hours, 0, traffic.PARAMS["push_hours"].max / 2, unit="hours/week", low_open=True)
    saturation_hours = check_number("saturation_hours", saturation_hours, traffic.PARAMS["saturation_hours"].min,
                                    traffic.PARAMS["saturation_hours"].max, unit="hours")
    return _week1_push_visits(2 * hours, saturation_hours) / _week1_push_visits(hours, saturation_hours)


def _random_doubling(rng):
    hours, saturation = rng.randint(1, 40) / 2, rng.randint(1, 40) / 2
    return Case((hours, saturation), f"{hours:g} hours, {saturation:g} saturation hours")


doubling = CodeQuestion(
    "push_and_pull.doubling",
    "Write doubling_gain(hours, saturation_hours): how many times as many push visits week 1 brings"
    " with twice the hours of outreach (2 would mean twice as many). Week 1's visits are network size x"
    " click rate x reach, and reach = 1 - e^(-hours / saturation_hours); the network and the click rate"
    " are the same in both runs. Then check it: quiz.doubling.check(doubling_gain).",
    cases=[Case((_DEFAULT["push_hours"], _DEFAULT["saturation_hours"]),
                f"Priya's plan: {_DEFAULT['push_hours']:g} hours against {2 * _DEFAULT['push_hours']:g},"
                f" {_DEFAULT['saturation_hours']:g} saturation hours"),
           Case((2.5, 4), "2.5 hours against 5"),
           Case((1, 20), "an hour against two, in a network that takes 20 hours to saturate"),
           Case((20, 0.5), "20 hours against 40, a network saturated within the hour")],
    reference=doubling_gain,
    extra=_random_doubling,
    hint="Compute the reach with hours and with 2 * hours (math.exp(-x) is e^-x) and divide the second by the"
    " first: the network size and the click rate cancel out.",
    worked_hint="For 2.5 hours against 5, with 4 saturation hours: reach(5) = 1 - math.exp(-5 / 4) = 0.713 and"
    " reach(2.5) = 1 - math.exp(-2.5 / 4) = 0.465, so 0.713 / 0.465 = 1.54. Write it with hours and"
    " saturation_hours in place of the numbers.",
    solution_code="""import math

def doubling_gain(hours, saturation_hours):
    reach_once = 1 - math.exp(-hours / saturation_hours)
    reach_twice = 1 - math.exp(-2 * hours / saturation_hours)
    return reach_twice / reach_once""",
    explanation="Twice the hours bring well under twice the visits unless the network is far from saturated:"
    " the first hours reach the contacts who are easiest to reach, and each extra hour reaches fewer new"
    " ones.",
)


def _run_with(settings, words):
    return Case((traffic.simulate(**settings),), words)


def _random_run(rng):
    settings = {"network_size": rng.randrange(50, 3001, 50), "max_search_visits": float(rng.randrange(0, 101, 5)),
                "stop_period": rng.randint(4, 52)}
    words = ", ".join(f"{name}={value:g}" for name, value in settings.items())
    return _run_with(settings, f"a run with {words}")


crossover = CodeQuestion(
    "push_and_pull.crossover",
    "Write crossover_week(run): the first week in which pull brings more visits than push in run, a table"
    " from traffic.simulate (columns period, channel, visits, ...); None if pull never does. Then check it:"
    " quiz.crossover.check(crossover_week).",
    cases=[_run_with({}, "Priya's year at the defaults"),
           _run_with({"max_search_visits": 3 * _DEFAULT["max_search_visits"]},
                     "guides that draw three times the search visits"),
           _run_with({"network_size": 3000}, "a network of 3,000 contacts"),
           _run_with({"posts_per_period": 0.0}, "no guides at all, so pull never overtakes"),
           _run_with({"push_hours": 0.0, "posts_per_period": 0.0},
                     "no outreach and no guides: both channels bring nothing, so pull is never ahead")],
    reference=traffic.crossover_period,
    extra=_random_run,
    extra_count=10,
    hint="Make one row per week with run.pivot(index=\"period\", columns=\"channel\", values=\"visits\"), then go"
    " through the weeks in order and return the first one whose pull is above its push.",
    worked_hint="for week in weekly.index: if weekly.loc[week, \"pull\"] > weekly.loc[week, \"push\"]: return week."
    " After the loop, return None: pull never overtook.",
    solution_code="""def crossover_week(run):
    weekly = run.pivot(index="period", columns="channel", values="visits")
    for week in weekly.index:
        if weekly.loc[week, "pull"] > weekly.loc[week, "push"]:
            return week
    return None""",
    explanation="Push is fast but fades as contacts tire of being asked; pull starts small and grows with"
    " every piece, so it overtakes within weeks unless search brings it almost nothing.",
)

# Exercise 3 stops the writing earlier than the lesson's year, so the share is not one the lesson prints.
QUARTER = 13

after_stop = NumericQuestion(
    "push_and_pull.after_stop",
    f"Suppose Priya stops all effort after week {QUARTER}, a quarter of the year, instead of week"
    f" {_DEFAULT['stop_period']}. What share of pull's visits over the {_DEFAULT['periods']} weeks arrive after she"
    " stops? Answer as a share between 0 and 1 (0.25 would be a quarter).",
    answer=lambda: float(traffic.persistence(traffic.simulate(stop_period=QUARTER))["pull"]),
    tolerance=0.005,   # right to two decimals
    unit="share",
    hint="Run the model with stop_period=... and give the run to traffic.persistence, which gives the share for"
    " each channel. A share is between 0 and 1: 40% is 0.4.",
    explanation="The earlier the writing stops, the longer the idle stretch after it, so the share measures where"
    " the stop falls as much as how long pull lasts. Compare the channels at the same stop: push keeps almost"
    f" nothing (about {100 * traffic.persistence(traffic.simulate(stop_period=QUARTER))['push']:.0f} %), because its"
    " traffic ends within a few weeks of the last message.",
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
#   the SAME range for both channels, because no study cited here measures the gap between them;
# - network size: from a few dozen to a thousand people one could ask (a small shop's customer list, a club
#   list, friends; a contact list, so not capped by the ~150 personal relationships of Dunbar 2016), or up to
#   the class's own network when its profile gives a bigger one;
# - search visits: from a guide nobody finds to five times the default;
# - content half-life: from a month (news) to three years (how-to guides);
# - last week of effort: inside the year the verdict is about.
RANGES = {
    "lead_rate_push": (0.005, 0.1),
    "lead_rate_pull": (0.005, 0.1),
    "close_rate_push": (0.05, 0.5),
    "close_rate_pull": (0.05, 0.5),
    "network_size": (50, max(1000, _DEFAULT["network_size"])),
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
