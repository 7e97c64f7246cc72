"""Self-check questions of lesson 02b, When push wins.

Use them in the lesson like this::

    from smlearn.questions import when_push_wins as quiz
    print(quiz.breakeven)                  # the question
    my_answer = ...   # replace ... with your answer
    quiz.breakeven.check(my_answer)

Every number question computes its answer by running :mod:`smlearn.models.traffic`
when it is checked, so the answers follow the model if its defaults change. The
right option of each multiple-choice question is kept only as a fingerprint (see
:mod:`smlearn.exercises`).

Examples
--------
>>> sorted(EQUAL_RATES)
['close_rate_push', 'lead_rate_push']
>>> equal_rates.check("z")
✘ Choose one of the letters a, b, c, d; got 'z'.
"""

from __future__ import annotations

from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import traffic

__all__ = ["EQUAL_RATES", "HORIZONS", "QUESTIONS", "breakeven_horizon", "breakeven", "equal_rates", "push_wins"]

# Push converting exactly as well as pull: push gets pull's default lead and close rates.
EQUAL_RATES = {
    "lead_rate_push": traffic.PARAMS["lead_rate_pull"].default,
    "close_rate_push": traffic.PARAMS["close_rate_pull"].default,
}

# The horizons the lesson sweeps over: from a 4-week sprint to a year.
HORIZONS = range(4, 53)


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


breakeven = NumericQuestion(
    "when_push_wins.breakeven",
    "Give push the same conversion rates as pull (quiz.EQUAL_RATES). What is the shortest horizon,"
    " in weeks, at which pull wins customers more cheaply than push?",
    answer=lambda: breakeven_horizon(**EQUAL_RATES),
    hint="Read the right-hand panel of the horizon figure: in which week does the dashed pull line first"
    " drop below the solid push line? Or find the first row of equal_table where pull < push.",
    explanation="Without the conversion gap pull still wins, but only if you wait long enough for the pieces"
    " to pile up: the horizon decides the winner.",
)

equal_rates = ChoiceQuestion(
    "when_push_wins.equal_rates",
    "Give push the same conversion rates as pull (quiz.EQUAL_RATES) and keep every other default,"
    " 52 weeks included. Which statement does the model still support?",
    [
        "Pushed visitors turn into customers less often than pulled ones",
        "Pull still wins customers more cheaply, because it brings far more visits for the same hours",
        "Push now wins customers more cheaply, because its visits arrive sooner",
        "Both channels now cost the same per customer",
    ],
    answer_fingerprint="6d4f27112a042782",
    hint="Run traffic.summarize(traffic.simulate(lead_rate_push=..., close_rate_push=...)) with the values in"
    " quiz.EQUAL_RATES, and compare the visits and"
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
    "when_push_wins.push_wins",
    "Over the default 52 weeks, in which of these scenarios does push win customers more cheaply than pull?"
    " (Everything not named keeps its default.)",
    [
        "Content quality of 0.1 instead of 0.5",
        "A network of 3,000 people instead of 300",
        "Effort stops after week 8 instead of week 26",
        "A network of 3,000 people and equal conversion rates, both together",
    ],
    answer_fingerprint="30979321dbbcc57b",
    hint="Try each scenario, e.g. traffic.cost_per_customer(traffic.simulate(content_quality=0.1));"
    " for equal rates also give lead_rate_push and close_rate_push the values in quiz.EQUAL_RATES.",
    feedback={
        "a": "Weak content brings far fewer visits, but each pulled visitor still converts at pull's higher rates.",
        "b": "Ten times the contacts brings ten times the push visits, but each one still converts at push's low rates.",
        "c": "Stopping early hurts the channel that needs you to keep going, and that is not pull.",
    },
    explanation="Push wins when many people already know you AND those people are as ready to buy as"
    " searchers. Either one alone is not enough in this model.",
)


QUESTIONS = [equal_rates, breakeven, push_wins]
