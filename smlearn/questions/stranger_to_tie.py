"""Self-check questions of lesson 02c, From stranger to tie.

Use them in the lesson like this::

    from smlearn.questions import stranger_to_tie as quiz
    print(quiz.messages_or_upkeep)         # the question
    my_answer = ...   # replace ... with your answer
    quiz.messages_or_upkeep.check(my_answer)

Every number question computes its answer by running :mod:`smlearn.models.pipeline`
when it is checked, so the answers follow the model if its defaults change.

Examples
--------
>>> messages_or_upkeep.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> ties_bottleneck.check("z")
✘ Choose one of the letters a, b, c, d; got 'z'.
"""

from __future__ import annotations

from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import pipeline

__all__ = ["ONE_KIND_ONLY", "QUESTIONS", "upkeep_overtakes_messages", "share_of_reach_from_ties", "messages_or_upkeep",
           "ties_bottleneck", "reach_from_ties"]

# The pipeline model with every kind of hour at zero: a question adds back the one it compares.
ONE_KIND_ONLY = {"content_hours": 0.0, "reply_hours": 0.0, "upkeep_hours": 0.0, "message_hours": 0.0}


def _leads_from(kind: str, hours: float, weeks: int) -> float:
    params = dict(ONE_KIND_ONLY)
    params[kind] = hours
    params["weeks"] = weeks
    return pipeline.summarize(pipeline.simulate(**params))["leads"]


def upkeep_overtakes_messages(hours: float = 5.0, longest: int = 156):
    """The shortest horizon (weeks) at which ``hours`` of upkeep bring more leads than the same hours of mass messages.

    Examples
    --------
    >>> 8 < upkeep_overtakes_messages() < 52
    True
    >>> upkeep_overtakes_messages(longest=8) is None
    True
    """
    for weeks in range(4, longest + 1):
        if _leads_from("upkeep_hours", hours, weeks) > _leads_from("message_hours", hours, weeks):
            return weeks
    return None


messages_or_upkeep = NumericQuestion(
    "stranger_to_tie.messages_or_upkeep",
    "In the pipeline model, spend 5 hours a week on one kind of work only: mass messages (message_hours=5,"
    " the other three kinds of hours 0) or upkeep of ties (upkeep_hours=5, the other three 0). What is the"
    " shortest horizon, in weeks, at which upkeep brings more leads in all than mass messages?",
    answer=upkeep_overtakes_messages,
    hint="Write a loop over weeks from 4 upwards: run pipeline.simulate twice with weeks=weeks, compare"
    " pipeline.summarize(...)['leads'] of the two runs, and stop at the first week where upkeep is ahead.",
    explanation="Mass messages answer at once but wear the ties out, so their leads dry up; upkeep starts slowly"
    " and keeps the ties strong enough to refer and introduce. A sprint favours the broadcast, a long race the"
    " two-way contact.",
)

ties_bottleneck = ChoiceQuestion(
    "stranger_to_tie.ties_bottleneck",
    "At the pipeline model's defaults, over 52 weeks, which stage made 10 % better adds the most ties?"
    " (pipeline.bottleneck answers for any outcome you name.)",
    [
        "More strangers find each piece (discovery)",
        "Answering comments takes less time (hours_per_reply)",
        "More of the strangers reached follow (follow_rate)",
        "More conversations turn into ties (tie_chance)",
    ],
    answer_fingerprint="32f8efbdd94472c5",
    hint="Run pipeline.bottleneck('ties') and read the first row. The table in the lesson was for leads, not ties.",
    feedback={
        "a": "Reach is plentiful here: thousands of strangers, of whom only a few ever talk with you.",
        "b": "At the defaults the reply hours already answer every comment: faster replies change nothing.",
        "c": "More followers help a little, but only the ones who talk with you can become ties.",
    },
    explanation="At the defaults the narrow stage is the last step: answered comments that turn into a tie."
    " The bottleneck is where a small change pays most, and it moves when the hours move: try reply_hours=0.5"
    " with content_hours=6.",
)


def share_of_reach_from_ties(**params) -> float:
    """The share of the strangers reached that the ties bring by passing pieces on (``pass_on``).

    Examples
    --------
    >>> share_of_reach_from_ties(pass_on=0)
    0.0
    """
    with_ties = pipeline.summarize(pipeline.simulate(**params))["strangers"]
    params["pass_on"] = 0
    without = pipeline.summarize(pipeline.simulate(**params))["strangers"]
    return 1 - without / with_ties if with_ties > 0 else 0.0


reach_from_ties = NumericQuestion(
    "stranger_to_tie.reach_from_ties",
    "At the pipeline model's defaults, what share of all the strangers reached over the 52 weeks do the"
    " ties bring by passing Priya's pieces on? Run the model with pass_on=0 and compare. Answer as a share"
    " between 0 and 1.",
    answer=share_of_reach_from_ties,
    tolerance=0.01,
    hint="Sum the strangers column with the defaults and with pass_on=0 (pipeline.summarize gives the sums);"
    " the share is 1 - without / with.",
    explanation="The ties' share of the reach is modest, but these are people who hear of Priya from someone"
    " they trust: the channels meet where a broadcast travels along two-way ties.",
)

QUESTIONS = [messages_or_upkeep, ties_bottleneck, reach_from_ties]
