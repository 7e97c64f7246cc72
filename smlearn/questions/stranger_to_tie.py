"""Self-check questions of lesson 02c, From stranger to tie.

Use them in the lesson like this::

    from smlearn.questions import stranger_to_tie as quiz
    print(quiz.reach_from_ties)            # the question
    my_answer = ...   # replace ... with your answer
    quiz.reach_from_ties.check(my_answer)

Every number question computes its answer by running :mod:`smlearn.models.pipeline`
when it is checked, and the code question compares the learner's function with the
model's own run, so the answers follow the model if its defaults change.

Examples
--------
>>> reach_from_ties.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> ties_bottleneck.check("z")
✘ Choose one of the letters a, b, c, d, or type an option's text; got 'z'.
"""

from __future__ import annotations

import functools

from smlearn import flips
from smlearn.exercises import Case, ChoiceQuestion, CodeQuestion, NumericQuestion
from smlearn.models import pipeline
from smlearn.params import check_number

__all__ = ["ONE_KIND_ONLY", "QUESTIONS", "UPKEEP_WEEK", "MESSAGES_WEEK", "TIE_SETTINGS", "upkeep_ahead",
           "UPKEEP_VERDICT", "upkeep_report", "flip_points", "upkeep_overtakes_messages", "catch_up_week",
           "share_of_reach_from_ties", "catch_up", "ties_bottleneck", "reach_from_ties"]

# The pipeline model with every kind of hour at zero: a question adds back the one it compares.
ONE_KIND_ONLY = {"content_hours": 0.0, "reply_hours": 0.0, "upkeep_hours": 0.0, "message_hours": 0.0}


def _leads_from(kind: str, hours: float, weeks: int, **params) -> float:
    plan = dict(ONE_KIND_ONLY)
    plan[kind] = hours
    plan["weeks"] = weeks
    plan.update(params)
    return pipeline.summarize(pipeline.simulate(**plan))["leads"]


def upkeep_overtakes_messages(message_hours: float = 1.0, upkeep_hours: float = 5.0, longest: int = 156, **params):
    """The shortest horizon (weeks) at which upkeep alone has brought more leads in all than mass messages alone.

    Examples
    --------
    >>> 8 < upkeep_overtakes_messages() < 52
    True
    >>> upkeep_overtakes_messages(longest=8) is None
    True
    >>> upkeep_overtakes_messages(annoyance=0) > upkeep_overtakes_messages()     # messages that wear less last longer
    True
    """
    check_number("message_hours", message_hours, 0, 60, unit="hours/week")
    check_number("upkeep_hours", upkeep_hours, 0, 60, unit="hours/week")
    check_number("longest", longest, 1, 1040, integer=True, unit="weeks")
    # A shorter horizon is the start of a longer run, so one run of each plan gives every horizon.
    runs = {}
    for kind, hours in (("upkeep_hours", upkeep_hours), ("message_hours", message_hours)):
        plan = dict(ONE_KIND_ONLY)
        plan[kind] = hours
        runs[kind] = pipeline.simulate(weeks=longest, **plan, **params)["cum_leads"].to_numpy()
    ahead = (runs["upkeep_hours"] > runs["message_hours"])[3:]        # from week 4 on
    return int(ahead.argmax()) + 4 if ahead.any() else None


def catch_up_week(annoyance: float):
    """The week upkeep catches up (:func:`upkeep_overtakes_messages`) when each message wears a tie by ``annoyance``.

    Examples
    --------
    >>> catch_up_week(0.5) < catch_up_week(0.1) < catch_up_week(0.0)     # the harsher the wear, the sooner
    True
    """
    return upkeep_overtakes_messages(annoyance=annoyance)


def _random_wear(rng) -> Case:
    annoyance = round(rng.uniform(0.0, 0.6), 2)
    return Case((annoyance,), f"messages that wear a tie by {annoyance} of its strength")


# The model's defaults the texts below quote (a class profile may change them).
_P = {name: record.default for name, record in pipeline.PARAMS.items()}


def _one_hour_reaches() -> str:
    """What an hour of mass messages reaches at the start, in words."""
    reached = min(_P["contacts_per_hour"], _P["start_ties"])
    if reached == _P["start_ties"]:
        return f"all {_P['start_ties']:g} ties"
    return f"{reached:g} of the {_P['start_ties']:g} ties"


catch_up = CodeQuestion(
    "stranger_to_tie.catch_up",
    "Write catch_up_week(annoyance): the shortest horizon in weeks (4 or more) at which upkeep alone"
    " (upkeep_hours=5) has brought more leads in all than mass messages alone (message_hours=1, which reaches"
    f" {_one_hour_reaches()}), the other kinds of hours at 0 in both plans and each message wearing a tie by annoyance."
    " Then check it: quiz.catch_up.check(catch_up_week).",
    cases=[Case((_P["annoyance"],), f"the default wear: a message costs a tie {_P['annoyance']:g} of its strength"),
           Case((0.2,), "harsher messages: a fifth of the strength"),
           Case((0.0,), "messages that wear nothing"),
           Case((1.0,), "messages that cost a tie all its strength")],
    reference=catch_up_week,
    extra=_random_wear,
    extra_count=6,
    hint="Loop over weeks from 4 upwards: run pipeline.simulate for both plans with weeks=weeks and"
    " annoyance=annoyance, compare pipeline.summarize(...)['leads'], and return the first week where upkeep is"
    " ahead.",
    worked_hint="Inside the loop: messages = pipeline.simulate(content_hours=0, reply_hours=0, upkeep_hours=0,"
    " message_hours=1, weeks=weeks, annoyance=annoyance), the same with upkeep_hours=5 and message_hours=0 for"
    " upkeep, then if pipeline.summarize(upkeep)['leads'] > pipeline.summarize(messages)['leads']: return weeks.",
    solution_code="""def catch_up_week(annoyance):
    for weeks in range(4, 157):
        messages = pipeline.simulate(content_hours=0, reply_hours=0, upkeep_hours=0, message_hours=1,
                                     weeks=weeks, annoyance=annoyance)
        upkeep = pipeline.simulate(content_hours=0, reply_hours=0, upkeep_hours=5, message_hours=0,
                                   weeks=weeks, annoyance=annoyance)
        if pipeline.summarize(upkeep)["leads"] > pipeline.summarize(messages)["leads"]:
            return weeks""",
    explanation="Mass messages answer at once but wear the ties out, so their leads dry up; upkeep starts slowly"
    " and keeps the ties close enough to refer and introduce. How soon upkeep catches up is a setting: the"
    " harsher the wear, the sooner; with no wear at all it still catches up, because a message never"
    " strengthens a tie.",
)

ties_bottleneck = ChoiceQuestion(
    "stranger_to_tie.ties_bottleneck",
    f"At the pipeline model's defaults, over {_P['weeks']} weeks, which stage made 10 % better adds the most ties?"
    " (pipeline.bottleneck answers for any outcome you name.)",
    [
        "More conversations deepen into a bond (tie_chance)",
        "More strangers find each piece (discovery)",
        "More strangers reached go on to follow (follow_rate)",
        "Ties refer more leads to Priya (referral_rate)",
    ],
    answer_fingerprint="4942a0d0523d4b95",
    hint="Run pipeline.bottleneck('ties') and read the first row. The table in the lesson was for leads, not ties.",
    feedback={
        "b": "That is the misconception that the bottleneck is always reach. Reach is the widest stage here:"
        " thousands of reach events, of which only a few lead to a conversation.",
        "c": "That is the misconception that more followers always means more ties. More followers help, but"
        " only the ones who talk with Priya can become ties.",
        "d": "That is what pays most for leads, and leads are not ties: 10 % more referrals add no tie at all.",
    },
    explanation="New ties come mostly through conversations with followers, and tie_chance is the last step on"
    " that route: 10 % more of it gives 10 % more ties from conversations, about"
    f" {100 * pipeline.bottleneck('ties').set_index('parameter').loc['tie_chance', 'gain']:.0f} % more ties in all,"
    f" because the {_P['start_ties']:g} ties Priya started with do not change.",
)


def _strangers_with_and_without_passing_on(**params) -> tuple:
    with_ties = pipeline.summarize(pipeline.simulate(**params))["strangers"]
    params["pass_on"] = 0
    without = pipeline.summarize(pipeline.simulate(**params))["strangers"]
    return with_ties, without


def share_of_reach_from_ties(**params) -> float:
    """The share of the strangers reached that the ties bring by passing pieces on (``pass_on``).

    Examples
    --------
    >>> share_of_reach_from_ties(pass_on=0)
    0.0
    """
    with_ties, without = _strangers_with_and_without_passing_on(**params)
    return 1 - without / with_ties if with_ties > 0 else 0.0


def _reach_kept_without_ties() -> float:
    # The slip of dividing without by with and stopping there: the share the ties do NOT bring.
    with_ties, without = _strangers_with_and_without_passing_on()
    return without / with_ties


def _reach_added_by_ties() -> float:
    # The slip of dividing by the reach without the ties: how much the ties add, relative to the rest.
    with_ties, without = _strangers_with_and_without_passing_on()
    return (with_ties - without) / without


reach_from_ties = NumericQuestion(
    "stranger_to_tie.reach_from_ties",
    f"At the pipeline model's defaults, what share of all the strangers reached over the {_P['weeks']} weeks do the"
    " ties bring by passing Priya's pieces on? Run the model with pass_on=0 and compare. Answer as a share"
    " between 0 and 1.",
    answer=share_of_reach_from_ties,
    tolerance=0.01,
    unit="share",
    slips=[(_reach_kept_without_ties, "That is the share of the reach that comes WITHOUT the ties (without / with):"
            " the ties bring the rest, 1 minus it."),
           (_reach_added_by_ties, "That divides the ties' strangers by the reach without them; the question asks"
            " for their share of ALL the strangers reached: (with - without) / with.")],
    hint="Sum the strangers column with the defaults and with pass_on=0 (pipeline.summarize gives the sums);"
    " the share is 1 - without / with.",
    explanation="The ties' share of the reach is modest, but it is where the channels meet: a broadcast"
    " travels on along two-way ties.",
)

QUESTIONS = [catch_up, ties_bottleneck, reach_from_ties]


# ---- What flips the verdict: five hours of upkeep against an hour of mass messages, over a year ----

# The two weeks of the lesson's first comparison (no content, no replies).
UPKEEP_WEEK = {"content_hours": 0.0, "reply_hours": 0.0, "upkeep_hours": 5.0, "message_hours": 0.0}
MESSAGES_WEEK = {"content_hours": 0.0, "reply_hours": 0.0, "upkeep_hours": 0.0, "message_hours": 1.0}

# The guesses these two weeks depend on: the ties, their upkeep and the messages (content and
# replies get no hours, so their settings change nothing). The horizon stays at a year, and the
# number of ties at the start is something Priya knows, not a guess.
TIE_SETTINGS = ["start_strength", "tie_half_life", "contact_gain", "hours_per_contact",
                "reply_chance", "intro_rate", "referral_rate", "contacts_per_hour", "message_response",
                "annoyance"]


def upkeep_ahead(**settings) -> float:
    """Leads in a year from five hours of upkeep a week, less the leads from one hour of mass messages.

    Examples
    --------
    >>> upkeep_ahead() > 0, upkeep_ahead(referral_rate=0.0) > 0
    (True, False)
    """
    upkeep = dict(UPKEEP_WEEK)
    upkeep.update(settings)
    messages = dict(MESSAGES_WEEK)
    messages.update(settings)
    return pipeline.summarize(pipeline.simulate(**upkeep))["leads"] - \
        pipeline.summarize(pipeline.simulate(**messages))["leads"]


UPKEEP_VERDICT = flips.Verdict("over a year, five hours of one-to-one upkeep bring more leads than an hour of"
                               " mass messages", measure=lambda ahead: ahead, threshold=0.0, holds="above",
                               unit="upkeep's leads minus messages' leads over 52 weeks")


@functools.lru_cache(maxsize=1)
def upkeep_report() -> flips.FlipReport:
    """:func:`smlearn.flips.analyse` of :data:`UPKEEP_VERDICT` over :data:`TIE_SETTINGS` (a few seconds).

    400 draws, so that the share is known to within a few points (96 left it between 87 and 97 %).
    """
    settings = {name: pipeline.PARAMS[name] for name in TIE_SETTINGS}
    return flips.analyse(upkeep_ahead, UPKEEP_VERDICT, settings, steps=9, samples=400, seed=0, rounds=10)


def flip_points() -> dict:
    """Each setting that flips :data:`UPKEEP_VERDICT` alone, with its flip point."""
    return upkeep_report().flip_points()
