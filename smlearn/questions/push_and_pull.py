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

from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import traffic

__all__ = ["QUESTIONS", "doubling", "crossover", "after_stop", "push_cost"]


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

QUESTIONS = [doubling, crossover, after_stop, push_cost]
