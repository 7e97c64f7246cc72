"""Self-check questions of lesson 02b, When push wins.

Use them in the lesson like this::

    from smlearn.questions import when_push_wins as quiz
    print(quiz.breakeven)                  # the question
    my_answer = ...   # replace ... with your answer
    quiz.breakeven.check(my_answer)

Every number question computes its answer by running :mod:`smlearn.models.traffic`
when it is checked, so the answers follow the model if its defaults change. A coding
question (``push_wins``, ``piece_curve``) runs the learner's function against the model
on the cases it names and on cases drawn at random. The
right option of each multiple-choice question is kept only as a fingerprint (see
:mod:`smlearn.exercises`).

Examples
--------
>>> sorted(EQUAL_RATES)
['close_rate_push', 'lead_rate_push']
>>> equal_rates.check("z")
✘ Choose one of the letters a, b, c, d, or type an option's text; got 'z'.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np

from smlearn import flips
from smlearn.exercises import Case, ChoiceQuestion, CodeQuestion, NumericQuestion
from smlearn.models import traffic
from smlearn.params import check_items, check_number
from smlearn.questions import push_and_pull
from smlearn.questions.push_and_pull import channel_costs

__all__ = ["EQUAL_RATES", "HORIZONS", "NETWORK_SIZES", "BREAKEVEN_NETWORK", "QUESTIONS", "breakeven_horizon",
           "smallest_winning_network", "network_push_needs", "breakeven", "equal_rates", "push_wins", "SPRINT", "SPRINT_PARAMS",
           "SPRINT_VERDICT", "sprint_ratio", "sprint_verdict", "piece_share", "piece_curve"]

# Push converting exactly as well as pull: push gets pull's default lead and close rates.
EQUAL_RATES = {
    "lead_rate_push": traffic.PARAMS["lead_rate_pull"].default,
    "close_rate_push": traffic.PARAMS["close_rate_pull"].default,
}

# The horizons the lesson sweeps over: from a 4-week sprint to a year.
HORIZONS = range(4, 53)

# The network sizes exercise 3 tries, in steps of 100 people, up to the model's largest network.
NETWORK_SIZES = range(100, traffic.PARAMS["network_size"].max + 1, 100)

# Priya's network at the class's settings (a class profile may change it), and the network of
# exercise 2: twice hers.
NETWORK = traffic.PARAMS["network_size"].default
BREAKEVEN_NETWORK = 2 * NETWORK


# ---- The lesson's own verdict: push wins a sprint -------------------------------------------

# The sprint of the lesson: 12 weeks.
SPRINT = 12

# The model's settings with the lesson's case as the defaults: pushed visitors who buy as readily as
# searchers. Ranges, units and meanings are traffic.PARAMS's own; the horizon is held at the sprint.
SPRINT_PARAMS = dict(traffic.PARAMS)
for _name, _value in EQUAL_RATES.items():
    SPRINT_PARAMS[_name] = dataclasses.replace(traffic.PARAMS[_name], default=_value)


def sprint_ratio(result):
    """Pull's cost per customer divided by push's: above 1, push wins customers more cheaply.

    This way up the measure grows in proportion to push's rates and its network, so the flip
    tool's straight-line reading between two runs finds their flip points exactly.

    Examples
    --------
    >>> round(sprint_ratio(traffic.simulate(periods=SPRINT, **EQUAL_RATES)), 2)
    1.91
    """
    push_cost, pull_cost = channel_costs(result)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return float(pull_cost / push_cost)


SPRINT_VERDICT = flips.Verdict(
    f"push costs less per customer than pull over a {SPRINT}-week sprint",
    measure=sprint_ratio, threshold=1.0, holds="above",
    unit="pull's cost per customer / push's",
)


# The sprint is held, and so is the effort: it runs through all 12 weeks (stopping later changes
# nothing inside the sprint). The other settings move across lesson 02's plausible ranges (the same
# for both channels, so the draws ignore that push's default rates here equal pull's).
SPRINT_FIXED = {"periods": SPRINT, "stop_period": SPRINT}
SPRINT_RANGES = {}
for _name, _bounds in push_and_pull.RANGES.items():
    if _name not in SPRINT_FIXED:
        SPRINT_RANGES[_name] = _bounds


@functools.lru_cache(maxsize=1)
def sprint_verdict():
    """Where the lesson's verdict flips: :func:`smlearn.flips.analyse` from the sprint's defaults, the horizon held.

    Kept after the first call, so the lesson and its checked facts share one analysis.

    Examples
    --------
    >>> report = sprint_verdict()
    >>> report.holds_at_default
    True
    >>> 154 <= flips.flip_point(report, "network_size") <= 157
    True
    """
    return flips.analyse(traffic.simulate, SPRINT_VERDICT, SPRINT_PARAMS, fixed=SPRINT_FIXED,
                         steps=11, samples=400, seed=0, ranges=SPRINT_RANGES)


def breakeven_horizon(horizons=HORIZONS, **params):
    """Return the shortest horizon at which pull costs less per customer than push, or None.

    Parameters
    ----------
    horizons : iterable of int
        The horizons (weeks) to try, shortest first.
    **params
        Any other parameters of :func:`smlearn.models.traffic.simulate`.

    Examples
    --------
    >>> breakeven_horizon()
    8
    >>> breakeven_horizon(range(4, 8)) is None
    True
    """
    horizons = check_items("horizons", horizons, what="horizons (weeks)")
    table = traffic.cost_by_horizon(horizons, **params)
    cheaper = table.index[table["pull"] < table["push"]]
    return int(cheaper[0]) if len(cheaper) else None


def smallest_winning_network(sizes=NETWORK_SIZES, **params):
    """Return the smallest network size at which push costs less per customer than pull, or None.

    Parameters
    ----------
    sizes : iterable of int
        The network sizes (people) to try, smallest first.
    **params
        Any other parameters of :func:`smlearn.models.traffic.simulate` (not ``network_size``).

    Examples
    --------
    With the default rates push never wins a year, whatever the network:

    >>> smallest_winning_network() is None
    True
    >>> smallest_winning_network(**EQUAL_RATES)
    2000
    """
    if "network_size" in params:
        raise TypeError("smallest_winning_network tries the sizes itself; give them as sizes, not network_size")
    for size in check_items("sizes", sizes, what="network sizes (people)"):
        cost = traffic.cost_per_customer(traffic.simulate(network_size=size, **params))
        if cost["push"] < cost["pull"]:
            return size
    return None


def _breakeven_answer():
    return breakeven_horizon(network_size=BREAKEVEN_NETWORK, **EQUAL_RATES)


breakeven = NumericQuestion(
    "when_push_wins.breakeven",
    "Give push the same conversion rates as pull (quiz.EQUAL_RATES) and twice Priya's network:"
    f" {BREAKEVEN_NETWORK:,} contacts instead of {NETWORK:,}. What is the shortest horizon, in weeks, at which pull"
    " wins customers more cheaply than push?",
    answer=_breakeven_answer,
    unit="weeks",
    slips=[(lambda: breakeven_horizon(**EQUAL_RATES),
            f"That is the break-even for Priya's {NETWORK:,} contacts: set network_size to the bigger network too."),
           (lambda: breakeven_horizon(network_size=BREAKEVEN_NETWORK),
            "That is with lesson 02's default rates: type in the rates of quiz.EQUAL_RATES as well."),
           (lambda: _breakeven_answer() - 1,
            "That is the last horizon at which push is still cheaper: the question asks for the first at"
            " which pull wins.")],
    hint="Run traffic.cost_by_horizon(quiz.HORIZONS, network_size=...) with the rates of quiz.EQUAL_RATES"
    " typed in as lead_rate_push=... and close_rate_push=..., and find the first row where pull < push.",
    explanation="A bigger network makes push cheaper per customer, so pull needs longer to catch up: the"
    " break-even horizon depends on settings a business could measure.",
)

def _after_the_stop_feedback():
    """Option b's feedback, from the model: whether pull already wins before the writing stops."""
    stop = traffic.PARAMS["stop_period"].default
    start = "That is the misconception that pull's lead is only its life after the work stops: "
    if breakeven_horizon(**EQUAL_RATES) <= stop:
        return start + f"over a {stop}-week horizon, before any of those visits, pull is already the cheaper channel."
    crossover = traffic.crossover_period(traffic.simulate())
    return start + (f"those visits help, but pull brings more visits than push every week from week {crossover} on,"
                    f" while the writing still runs.")


equal_rates = ChoiceQuestion(
    "when_push_wins.equal_rates",
    "Give push the same conversion rates as pull (quiz.EQUAL_RATES) and keep every other default,"
    f" {traffic.PARAMS['periods'].default} weeks included. Which statement does the model support?",
    [
        "Push now wins: without the gap its early burst of visits makes each customer cheaper",
        "Only the visits that arrive after the writing stops let pull win the year",
        "Neither wins: with equal rates both channels cost the same per customer",
        "Pull wins, because the same hours bring it far more visits over the year",
    ],
    answer_fingerprint="d2d804aa732fe8da",
    hint="Run traffic.summarize(traffic.simulate(lead_rate_push=..., close_rate_push=...)) with the values in"
    " quiz.EQUAL_RATES, and compare the visits and"
    " cost_per_customer rows.",
    feedback={
        "a": "That is the misconception that removing the gap hands push the win: its early burst does win a"
        f" {SPRINT}-week sprint, but over {traffic.PARAMS['periods'].default} weeks pull's guides bring several"
        " times the visits.",
        "b": _after_the_stop_feedback(),
        "c": "That is the misconception that equal rates mean equal cost: the rates are per visit, and the visits"
        " are not equal.",
    },
    explanation="Equal rates remove the conversion gap but not the visits gap: over a year the same hours"
    " of writing bring several times as many visitors as the same hours of asking.",
)


def network_push_needs(lead_rate_push, close_rate_push):
    """The smallest network (100, 200, ... people) at which push wins the year, with these rates for push.

    :func:`smallest_winning_network` over :data:`NETWORK_SIZES`, every other setting at its default:
    the reference for exercise 3, which learners write as a loop over the model.

    Examples
    --------
    >>> network_push_needs(0.08, 0.4)
    500
    """
    lead_rate_push = check_number("lead_rate_push", lead_rate_push, 0, 1, unit="per visit")
    close_rate_push = check_number("close_rate_push", close_rate_push, 0, 1, unit="per lead")
    return smallest_winning_network(lead_rate_push=lead_rate_push, close_rate_push=close_rate_push)


def _random_rates(rng):
    # Rates at which push wins within a few hundred to a few thousand contacts, so each case runs fast.
    lead, close = rng.randint(6, 20) / 200, rng.randint(6, 20) / 40
    return Case((lead, close), f"a lead rate of {lead:g} and a close rate of {close:g} for push")


push_wins = CodeQuestion(
    "when_push_wins.push_wins",
    "Write smallest_network(lead_rate_push, close_rate_push): try networks of 100, 200, 300, ... 5,000 people, each"
    " over the default year with these rates for push and every other setting at its default, and return the"
    " first size at which push wins customers more cheaply than pull; None if none does. Then check it:"
    " quiz.push_wins.check(smallest_network).",
    cases=[Case((EQUAL_RATES["lead_rate_push"], EQUAL_RATES["close_rate_push"]),
                "push converting as well as pull, the rates of quiz.EQUAL_RATES"),
           Case((0.06, 0.3), "push converting half as well again as pull"),
           Case((0.04, 0.4), "a pushed lead twice as likely to buy as a pulled one"),
           Case((traffic.PARAMS["lead_rate_push"].default, traffic.PARAMS["close_rate_push"].default),
                "lesson 02's default rates, with the whole gap for push to make up")],
    reference=network_push_needs,
    extra=_random_rates,
    extra_count=8,
    hint="Inside the loop, run traffic.simulate(network_size=size, lead_rate_push=lead_rate_push,"
    " close_rate_push=close_rate_push), give the run to traffic.cost_per_customer, and return size as soon as"
    " push's cost is below pull's.",
    worked_hint="cost = traffic.cost_per_customer(traffic.simulate(network_size=size, lead_rate_push=lead_rate_push,"
    " close_rate_push=close_rate_push)); if cost[\"push\"] < cost[\"pull\"]: return size. Leave return None after"
    " the loop.",
    solution_code="""def smallest_network(lead_rate_push, close_rate_push):
    for size in range(100, 5001, 100):
        run = traffic.simulate(network_size=size, lead_rate_push=lead_rate_push, close_rate_push=close_rate_push)
        cost = traffic.cost_per_customer(run)
        if cost["push"] < cost["pull"]:
            return size
    return None""",
    explanation="With equal rates push needs a network several times Priya's before it beats a year of"
    " content, and with lesson 02's gap a far bigger one, if any up to 5,000 is enough: to win a whole year, Source D's"
    " case needs both a warm network and a big one.",
)


def piece_share(age, ramp, half_life):
    """The share of its full weekly visits that one piece brings at ``age`` weeks, read off the model.

    Runs :func:`smlearn.models.traffic.simulate` with a single piece published in week 0
    (search visits 1, quality 1), so the answer is whatever the model does, not a second
    copy of its formula.
    """
    age = check_number("age", age, 0, traffic.PARAMS["periods"].max - 1, integer=True, unit="weeks")
    ramp = check_number("ramp", ramp, traffic.PARAMS["ramp_periods"].min, traffic.PARAMS["ramp_periods"].max, unit="weeks")
    half_life = check_number("half_life", half_life, traffic.PARAMS["content_half_life"].min,
                             traffic.PARAMS["content_half_life"].max, unit="weeks")
    weeks = max(age + 1, traffic.PARAMS["periods"].min)
    result = traffic.simulate(periods=weeks, stop_period=1, posts_per_period=1.0, max_search_visits=1.0,
                              content_quality=1.0, ramp_periods=ramp, content_half_life=half_life)
    pull = result[(result["channel"] == "pull") & (result["period"] == age + 1)]   # weeks count from 1
    return float(pull["visits"].iloc[0])


def _random_piece(rng):
    age, ramp, half_life = rng.randint(0, 155), rng.randint(1, 52), rng.randint(1, 520)
    return Case((age, ramp, half_life), f"age {age}, ramp {ramp}, half-life {half_life}")


piece_curve = CodeQuestion(
    "when_push_wins.piece_curve",
    "Write piece_share(age, ramp, half_life): the share of its full weekly visits that one piece brings"
    " when it is age weeks old. It is being found (1 - e^(-(age + 1) / ramp)) times still being up to date"
    " (halved for every half_life weeks of age, smoothly in between). Then check it:"
    " quiz.piece_curve.check(piece_share).",
    cases=[Case((0, 8, 52), "a new piece: age 0, ramp 8 weeks, half-life 52 weeks"),
           Case((104, 8, 52), "two half-lives later: age 104, about a quarter"),
           Case((3, 1, 500), "a ramp of 1 week and content that hardly ages"),
           Case((20, 50, 10), "a slow ramp and a short half-life")],
    reference=piece_share,
    extra=_random_piece,
    tolerance=1e-6,
    hint="Use math.exp for e^x. Being up to date is 1 at age 0, one half at one half-life, a quarter at two:"
    " a power of 0.5. Multiply the two parts.",
    worked_hint="For age 0, ramp 8: 1 - math.exp(-1 / 8) = 0.1175, and 0.5 ** (0 / 52) = 1, so 0.1175."
    " Write it with age, ramp and half_life in place of the numbers.",
    solution_code="""import math

def piece_share(age, ramp, half_life):
    being_found = 1 - math.exp(-(age + 1) / ramp)
    up_to_date = 0.5 ** (age / half_life)
    return being_found * up_to_date""",
    explanation="A new piece brings only about a tenth of its full visits with an 8-week ramp: pull starts"
    " slowly, which is why a short sprint can favour push.",
)

QUESTIONS = [equal_rates, breakeven, push_wins, piece_curve]
