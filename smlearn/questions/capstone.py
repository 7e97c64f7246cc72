"""Self-check questions of lesson 09, Capstone: a plan for a small organisation.

The worked example is a neighbourhood bakery with 5 hours a week. Its settings for the
pipeline model (:mod:`smlearn.models.pipeline`, lesson 02c) are :data:`BAKERY_WEEK`;
every value is an illustrative guess that the lesson explains, not a measurement.
The numeric answers are computed from the model when a learner checks, so they stay
true if a setting changes.

Examples
--------
>>> ties_region.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> messages_flip.check(...)
… No answer yet: replace ... with your answer and run the cell again.
"""

from __future__ import annotations

import functools

from smlearn import flips
from smlearn.exercises import NumericQuestion
from smlearn.models import pipeline
from smlearn.params import check_instance, check_items, check_text

__all__ = ["BAKERY_WEEK", "BAKERY_HOURS", "BAKERY_PLAN", "ANNOYANCE_STEPS", "QUESTIONS", "region",
           "ties_region", "messages_flip", "bakery_splits", "bakery_best_by", "bakery_plan_share", "BROADCAST_ONLY", "bakery_report", "bakery_flip_points",
           "BAKERY_SETTINGS", "plan_share_by", "bakery_ahead", "reply_clicks_per_hour"]

# The bakery's week: 5 hours between two owners, for a year.
BAKERY_HOURS = 5.0
# Its settings for the pipeline model (every other setting keeps its default):
# 30 ties worth keeping close (regulars, the cafe next door, two wedding planners), a small
# local market, 300 followers already, few strangers a week finding each piece (a local
# bakery is not searched for from far away) and ties that recommend it a little more often
# than the default (people talk about where they buy bread).
BAKERY_WEEK = {"start_ties": 30, "market_size": 5000, "start_followers": 300, "discovery": 1.0,
               "referral_rate": 0.03}
# The same settings under the name lesson 09's cells use: one dict, passed as one argument.
BAKERY_SETTINGS = BAKERY_WEEK
# The bakery's plan: the best split for leads over a year at its settings (checked in the tests).
BAKERY_PLAN = {"content_hours": 0.0, "reply_hours": 0.0, "upkeep_hours": 4.5, "message_hours": 0.5}
# The values of annoyance (the share of a tie's strength one mass message costs) that the
# messages_flip exercise scans: 0.10, 0.11, ..., 0.20.
ANNOYANCE_STEPS = [round(0.10 + 0.01 * i, 2) for i in range(11)]


def _near(outcome="leads", **changes):
    """The bakery's splits within 5 % of the best for ``outcome``, with some settings changed."""
    table = bakery_splits(outcome, **changes)
    return table[table["share_of_best"] >= 1 - pipeline.NEAR_BEST]


def _most_upkeep_with_content():
    """The most upkeep among the near-best splits for leads that keep at least an hour of content."""
    close = _near("leads")
    return float(close.loc[close["content_hours"] >= 1, "upkeep_hours"].max())


def _plan_leaves():
    """The first annoyance in ANNOYANCE_STEPS at which BAKERY_PLAN is no longer within 5 % of the best."""
    shares = bakery_plan_share("annoyance", ANNOYANCE_STEPS)
    for annoyance in ANNOYANCE_STEPS:
        if not shares.loc[annoyance, "near_best"]:
            return annoyance
    return float("nan")


region = NumericQuestion(
    "capstone.region",
    "The bakery's owners want to keep at least an hour of content a week. Among the splits within 5 % of"
    " the best for leads over a year, what is the most upkeep any split with at least 1 hour of content"
    " has?",
    answer=_most_upkeep_with_content,
    tolerance=0.01,
    unit="hours",
    hint="Keep the rows of leads_year whose share_of_best is at least 0.95 and whose content_hours is at"
    " least 1, and read the largest upkeep_hours among them.",
    explanation="The near_best table gives each kind of hour's range, but the ranges are not independent:"
    " the hours add up to 5, so more content leaves less room for upkeep. A region is a set of splits, not"
    " a box of ranges.",
)

ties_region = NumericQuestion(
    "capstone.ties_region",
    "A food bank wants volunteers: ties, not leads. For the bakery's settings over one year, counting"
    " \"ties\", what is the most content of any split within 5 % of the best?",
    answer=lambda: float(_near("ties")["content_hours"].max()),
    tolerance=0.01,
    unit="hours",
    hint='Run pipeline.compare_splits with "ties" as the outcome and the bakery\'s settings written out, then'
    " pipeline.near_best of it, and read the content_hours row.",
    explanation="For ties the region moves hours from upkeep and mass messages to content and replies: new"
    " ties come from conversations with followers, and mass messages wear ties out. Leads and ties do not"
    " want the same split.",
)

messages_flip = NumericQuestion(
    "capstone.messages_flip",
    "The bakery's plan (quiz.BAKERY_PLAN) sends a weekly mass message. Try annoyance = 0.10, 0.11, ..., 0.20"
    " (quiz.ANNOYANCE_STEPS): at which value does the plan first fall below 95 % of the best split's leads?",
    answer=_plan_leaves,
    tolerance=0.005,
    hint='Run quiz.plan_share_by("annoyance", quiz.ANNOYANCE_STEPS, plan, quiz.BAKERY_SETTINGS), as in the'
    " discovery and referral cells above: all five of the bakery's settings, so that only annoyance moves."
    " Look down the near_best column.",
    explanation="Below that value a short weekly message to every tie pays; above it the wear costs more"
    " referrals than the answers bring, and the plan leaves the near-best region. Nobody at the bakery has"
    " measured how much a message annoys, so this is a flip point worth stating, and testing with a holdout.",
)



# ---- Real data: replies and broadcasts on one real account (x_analytics_posts) --------------------

def _clicks_per_hour(kind: str, hours_each: float) -> float:
    """Profile clicks that one hour of ``kind`` ('replies' or 'broadcasts') brought the real account,
    if each tweet of that kind took ``hours_each`` hours."""
    from smlearn.realdata import conversations

    split = conversations.replies_vs_broadcasts()
    return float(split.loc["user_profile_clicks", kind] / (split.loc["tweets", kind] * hours_each))


def _reply_hours() -> float:
    return float(pipeline.PARAMS["hours_per_reply"].default)


def _piece_hours() -> float:
    return float(pipeline.PARAMS["hours_per_piece"].default)


reply_clicks_per_hour = NumericQuestion(
    "capstone.reply_clicks_per_hour",
    "The pipeline model charges a reply hours_per_reply = 0.25 hours and a piece hours_per_piece = 1.5 hours."
    " With those times, how many profile clicks did one hour of this account's replies bring?"
    " Work out first how many hours the replies took.",
    answer=lambda: _clicks_per_hour("replies", _reply_hours()),
    rel_tolerance=0.02,
    unit="clicks an hour",
    slips=[
        (lambda: _clicks_per_hour("replies", 1.0), "That is the clicks per reply: divide also by the hours one reply takes."),
        (lambda: _clicks_per_hour("broadcasts", _piece_hours()), "That is for the broadcasts (1.5 hours each): take the"
         " replies' column."),
        (lambda: _clicks_per_hour("replies", _piece_hours()), "That answer uses the hours of a piece (1.5); a reply takes 0.25."),
        (lambda: _clicks_per_hour("broadcasts", 1.0), "That is the clicks per broadcast: take the replies' column, and"
         " divide by the hours too."),
    ],
    hint='In split, read the replies\' user_profile_clicks and tweets, e.g. split.loc["tweets", "replies"];'
    " the hours are pipeline.PARAMS[\"hours_per_reply\"].default.",
    explanation="By the model's times an hour of replies brought about twice the profile clicks of an hour of"
    " broadcasts. But the hours are the model's guesses, not measured: the export counts tweets, not time.",
)

QUESTIONS = [region, ties_region, messages_flip, reply_clicks_per_hour]


def bakery_splits(outcome: str = "leads", **changes):
    """Every split of the bakery's week, best first, for ``outcome``, with some settings changed.

    A shortcut for the facts and notes that check the lesson's prose; the lesson itself
    writes the settings out in full, so learners see them.

    Examples
    --------
    >>> table = bakery_splits(weeks=8)
    >>> float(table["share_of_best"].iloc[0])
    1.0
    """
    check_text("outcome", outcome)
    settings = dict(BAKERY_WEEK)
    settings.update(changes)
    return pipeline.compare_splits(BAKERY_HOURS, outcome, **settings)


def bakery_best_by(name: str, values, outcome: str = "leads", **changes):
    """The bakery's best split for each value of one setting (:func:`pipeline.best_split_by`)."""
    check_text("name", name)
    check_items("values", values, what="values of the setting")
    check_text("outcome", outcome)
    settings = dict(BAKERY_WEEK)
    settings.update(changes)
    settings.pop(name, None)
    return pipeline.best_split_by(name, values, BAKERY_HOURS, outcome, **settings)


def bakery_plan_share(name: str, values, plan: dict | None = None, outcome: str = "leads", **changes):
    """:func:`pipeline.plan_share_by` for the bakery: ``plan`` (BAKERY_PLAN by default) as one setting moves."""
    check_text("name", name)
    check_items("values", values, what="values of the setting")
    if plan is not None:
        check_instance("plan", plan, dict, "a dict of hours per activity")
    check_text("outcome", outcome)
    settings = dict(BAKERY_WEEK)
    settings.update(changes)
    settings.pop(name, None)
    return pipeline.plan_share_by(name, values, dict(plan or BAKERY_PLAN), BAKERY_HOURS, outcome, **settings)


def plan_share_by(name: str, values, plan: dict, settings: dict, outcome: str = "leads"):
    """:func:`pipeline.plan_share_by` for the bakery's 5 hours, with its settings given as one dict.

    ``settings`` is a dict such as :data:`BAKERY_SETTINGS`; the setting ``name`` is the one
    that moves, so its value in ``settings`` is left out. Every other setting in
    ``settings`` is held, so the same call gives the same answer whichever setting moves.

    Examples
    --------
    >>> table = plan_share_by("referral_rate", [0.01, 0.05], BAKERY_PLAN, BAKERY_SETTINGS)
    >>> table["near_best"].tolist()
    [True, True]
    """
    check_text("name", name)
    check_items("values", values, what="values of the setting")
    check_instance("plan", plan, dict, "a dict of hours per activity")
    check_instance("settings", settings, dict, "a dict of the pipeline's settings, e.g. quiz.BAKERY_SETTINGS")
    check_text("outcome", outcome)
    held = {}
    for key, value in settings.items():
        if key != name:
            held[key] = value
    return pipeline.plan_share_by(name, values, dict(plan), BAKERY_HOURS, outcome, **held)


# ---- What flips the bakery's plan -----------------------------------------------------------------

# The rival: the same 5 hours with the upkeep moved to content, so broadcast only (content and the
# weekly mass message): what a plan looks like if it leaves out the two-way hours.
BROADCAST_ONLY = {"content_hours": 4.5, "reply_hours": 0.0, "upkeep_hours": 0.0, "message_hours": 0.5}


@functools.lru_cache(maxsize=1)
def bakery_report() -> flips.FlipReport:
    """What flips "the bakery's plan brings more leads in a year than broadcast only" (about two seconds).

    The guesses of :data:`smlearn.questions.your_plan.GUESSES` are varied from a third to
    three times the bakery's value; the bakery's known facts (ties, followers, market) are held.
    """
    from smlearn.questions.your_plan import plan_report

    return plan_report(BAKERY_PLAN, "leads", rival=BROADCAST_ONLY, **BAKERY_WEEK)


def bakery_ahead(**changes) -> float:
    """The bakery's plan's leads in a year less broadcast-only's, at its settings with some changed.

    Examples
    --------
    >>> bakery_ahead() > 0
    True
    """
    from smlearn.questions.your_plan import plan_ahead

    settings = dict(BAKERY_WEEK)
    settings.update(changes)
    return plan_ahead(BAKERY_PLAN, BROADCAST_ONLY, "leads", **settings)


def bakery_flip_points() -> dict:
    """Each guess that flips the bakery's verdict alone, with its flip point."""
    # Three figures: no more than the sweep supports.
    return {name: float(f"{value:.3g}") for name, value in bakery_report().flip_points().items()}
