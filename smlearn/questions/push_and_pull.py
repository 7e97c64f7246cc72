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
>>> crossover.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> crossover.check(40)
✘ Not yet: 40 is too high. Hint: Run traffic.crossover_period(traffic.simulate()), or find the first week ...
>>> sorted(EQUAL_RATES)
['close_rate_push', 'lead_rate_push']
>>> equal_rates.check("z")
✘ Choose one of the letters a, b, c, d; got 'z'.
"""

from __future__ import annotations

from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import traffic

__all__ = ["EQUAL_RATES", "HORIZONS", "QUESTIONS", "breakeven_horizon", "doubling", "crossover", "after_stop",
           "push_cost", "breakeven", "equal_rates", "push_wins"]

# Push converting exactly as well as pull: push gets pull's default lead and close rates.
EQUAL_RATES = {
    "lead_rate_push": traffic.PARAMS["lead_rate_pull"].default,
    "close_rate_push": traffic.PARAMS["close_rate_pull"].default,
}

# The horizons the lesson sweeps over: from a 4-week sprint to a year.
HORIZONS = range(4, 53)


def _week1_push_visits(push_hours):
    result = traffic.simulate(push_hours=push_hours)
    return float(result.loc[(result["channel"] == "push") & (result["period"] == 1), "visits"].iloc[0])


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
    for periods in horizons:
        cost = traffic.cost_per_customer(traffic.simulate(periods=periods, **params))
        if cost["pull"] < cost["push"]:
            return periods
    return None


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

push_cost = NumericQuestion(
    "push_and_pull.push_cost",
    "At the default settings, how many dollars does push spend for each customer it wins over the 52 weeks?",
    answer=lambda: round(float(traffic.cost_per_customer(traffic.simulate())["push"])),   # whole dollars
    rel_tolerance=0.02,
    unit="$",
    hint="Divide push's total cost by its total customers (both in traffic.summarize(result)),"
    " or use traffic.cost_per_customer(result).",
    explanation="Few visits, a low lead rate and a low close rate multiply into very few customers,"
    " so each one is expensive. That is the 'waste of money' claim, built from the model's assumptions.",
)

breakeven = NumericQuestion(
    "push_and_pull.breakeven",
    "Give push the same conversion rates as pull (quiz.EQUAL_RATES). What is the shortest horizon,"
    " in weeks, at which pull wins customers more cheaply than push?",
    answer=lambda: breakeven_horizon(**EQUAL_RATES),
    hint="Read the right-hand panel of the horizon figure: in which week does the dashed pull line first"
    " drop below the solid push line? Or find the first row of equal_table where pull < push.",
    explanation="Without the conversion gap pull still wins, but only if you wait long enough for the pieces"
    " to pile up: the horizon decides the winner.",
)

equal_rates = ChoiceQuestion(
    "push_and_pull.equal_rates",
    "Give push the same conversion rates as pull (quiz.EQUAL_RATES) and keep every other default,"
    " 52 weeks included. Which statement does the model still support?",
    [
        "Pushed visitors turn into customers less often than pulled ones",
        "Pull still wins customers more cheaply, because it brings far more visits for the same hours",
        "Push now wins customers more cheaply, because its visits arrive sooner",
        "Both channels now cost the same per customer",
    ],
    answer_fingerprint="82031075be491d0e",
    hint="Run traffic.summarize(traffic.simulate(**quiz.EQUAL_RATES)) and compare the visits and"
    " cost_per_customer rows.",
    feedback={
        "a": "You made the rates equal yourself: this claim was an input of the model, not a result.",
        "c": "Sooner is not more. Compare the visits over all 52 weeks, not just the first few.",
        "d": "Equal rates per visit do not give equal customers when the visits are not equal.",
    },
    explanation="Equal rates remove the conversion gap but not the visits gap: over a year the same hours"
    " of writing bring several times as many visitors as the same hours of asking.",
)

push_wins = ChoiceQuestion(
    "push_and_pull.push_wins",
    "Over the default 52 weeks, in which of these scenarios does push win customers more cheaply than pull?"
    " (Everything not named keeps its default.)",
    [
        "Content quality of 0.1 instead of 0.5",
        "A network of 3,000 people instead of 300",
        "Effort stops after week 8 instead of week 26",
        "A network of 3,000 people and equal conversion rates, both together",
    ],
    answer_fingerprint="95ffe4d44f8d06a6",
    hint="Try each scenario, e.g. traffic.cost_per_customer(traffic.simulate(content_quality=0.1));"
    " for equal rates add **quiz.EQUAL_RATES.",
    feedback={
        "a": "Weak content brings far fewer visits, but each pulled visitor still converts at pull's higher rates.",
        "b": "Ten times the contacts brings ten times the push visits, but each one still converts at push's low rates.",
        "c": "Stopping early hurts the channel that needs you to keep going, and that is not pull.",
    },
    explanation="Push wins when many people already know you AND those people are as ready to buy as"
    " searchers. Either one alone is not enough in this model.",
)

QUESTIONS = [doubling, crossover, after_stop, push_cost, breakeven, equal_rates, push_wins]
