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
from smlearn.exercises import Case, CodeQuestion, NumericQuestion
from smlearn.models import pipeline
from smlearn.params import check_instance, check_items, check_number, check_table, check_text

__all__ = ["BAKERY_WEEK", "plan_share_of", "BAKERY_HOURS", "BAKERY_PLAN", "ANNOYANCE_STEPS", "QUESTIONS", "region",
           "ties_region", "messages_flip", "bakery_splits", "bakery_best_by", "bakery_plan_share", "BROADCAST_ONLY", "bakery_report", "bakery_flip_points",
           "BAKERY_SETTINGS", "plan_share_by", "bakery_ahead", "clicks_per_hour", "most_upkeep", "per_hour"]

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


def _plan_leaves():
    """The first annoyance in ANNOYANCE_STEPS at which BAKERY_PLAN is no longer within 5 % of the best."""
    shares = bakery_plan_share("annoyance", ANNOYANCE_STEPS)
    for annoyance in ANNOYANCE_STEPS:
        if not shares.loc[annoyance, "near_best"]:
            return annoyance
    return float("nan")


def most_upkeep(table, content_at_least):
    """The most upkeep hours of any split within 5 % of the best that has at least ``content_at_least`` of content.

    ``table`` is a table of :func:`pipeline.compare_splits` (one row a split, with its
    ``share_of_best``). The reference of :data:`region`: a region is a set of splits, so the
    ranges of ``near_best`` cannot be combined freely.

    Examples
    --------
    >>> most_upkeep(bakery_splits("leads"), 0.0)
    4.5

    Raises
    ------
    ValueError
        If no split within 5 % of the best has ``content_at_least`` hours of content.
    """
    check_table("table", table, ["content_hours", "upkeep_hours", "share_of_best"],
                what="a table of pipeline.compare_splits")
    content_at_least = check_number("content_at_least", content_at_least, 0, unit="hours")
    close = table[table["share_of_best"] >= 1 - pipeline.NEAR_BEST]
    with_content = close[close["content_hours"] >= content_at_least]
    if with_content.empty:
        raise ValueError(f"content_at_least: no split within 5 % of the best has {content_at_least:g} hours of"
                         f" content or more (the most is {close['content_hours'].max():g})")
    return float(with_content["upkeep_hours"].max())


# The tables the region exercise runs a learner's function on: the bakery's splits for an outcome
# and a horizon, made once and kept (each takes a few milliseconds).
@functools.lru_cache(maxsize=None)
def _table(outcome="leads", weeks=52, discovery=1.0):
    return bakery_splits(outcome, weeks=weeks, discovery=discovery)


def _random_region(rng):
    """A region case drawn at random: an outcome, a horizon, a discovery, and a content the region allows."""
    outcome = rng.choice(["leads", "ties", "tie_strength"])
    weeks = rng.choice([8, 12, 26, 52, 104])
    discovery = rng.choice([0.5, 1.0, 2.0, 3.0])
    table = _table(outcome, weeks, discovery)
    close = table[table["share_of_best"] >= 1 - pipeline.NEAR_BEST]
    at_least = rng.choice(sorted(set(close["content_hours"])))
    return Case((table, at_least), f"{outcome} over {weeks} weeks, discovery {discovery}, at least {at_least:g}"
                f" hours of content")


region = CodeQuestion(
    "capstone.region",
    "Write most_upkeep(table, content_at_least): among the splits of a compare_splits table within 5 % of the"
    " best (share_of_best at least 0.95), the most upkeep_hours of any split with at least content_at_least"
    " hours of content. Then check it: quiz.region.check(most_upkeep).",
    cases=[Case((_table(), 0.0), "the bakery's year for leads, no content needed: the best split's upkeep"),
           Case((_table(), 1.0), "the bakery's year for leads, at least an hour of content"),
           Case((_table(weeks=8), 2.0), "the 8-week sprint, at least 2 hours of content"),
           Case((_table("ties"), 3.0), "the year counted in ties, at least 3 hours of content"),
           Case((_table("ties"), 1.0), "the year counted in ties, at least 1 hour of content: the region starts"
                " at 1.5 hours, none has exactly 1")],
    reference=most_upkeep,
    extra=_random_region,
    hint='Keep the rows with table["share_of_best"] >= 0.95, then those with table["content_hours"] >='
    ' content_at_least, and return the largest "upkeep_hours" among them (.max()).',
    worked_hint="close = table[table[\"share_of_best\"] >= 0.95] keeps the region; close[close[\"content_hours\"]"
    " >= content_at_least] keeps the splits with enough content; [\"upkeep_hours\"].max() of that is the answer.",
    solution_code="""def most_upkeep(table, content_at_least):
    close = table[table["share_of_best"] >= 0.95]
    with_content = close[close["content_hours"] >= content_at_least]
    return with_content["upkeep_hours"].max()""",
    explanation="The near_best table gives each kind of hour's range, but the ranges are not independent:"
    " the hours add up to 5, so more content leaves less room for upkeep. A region is a set of splits, not"
    " a box of ranges.",
)


def plan_share_of(outcome: str = "leads") -> float:
    """The bakery's plan's share of the best split's ``outcome`` over a year, at its settings.

    The reference of :data:`ties_region` (for "ties") and of its slip (for "tie_strength"):
    the row of :func:`bakery_splits` at :data:`BAKERY_PLAN`.

    Parameters
    ----------
    outcome : str
        A column of the pipeline model's summary: "leads", "ties", "tie_strength", ...

    Returns
    -------
    float
        Between 0 and 1: 1 when the bakery's plan is the best split itself.

    Raises
    ------
    TypeError, ValueError
        If ``outcome`` is not an outcome of the pipeline model.

    Examples
    --------
    >>> 0 < plan_share_of("ties") <= 1
    True
    """
    table = bakery_splits(outcome)
    row = table
    for hours in pipeline.HOURS:
        row = row[row[hours] == BAKERY_PLAN[hours]]
    return float(row["share_of_best"].iloc[0])


ties_region = NumericQuestion(
    "capstone.ties_region",
    "A food bank wants volunteers: ties, not leads. Over one year at the bakery's settings, counting \"ties\","
    " what share of the best split's ties does the bakery's plan for leads (quiz.BAKERY_PLAN) bring? Give it"
    " as a share (e.g. 0.5 for half).",
    answer=lambda: plan_share_of("ties"),
    tolerance=0.01,
    unit="share",
    slips=[
        (lambda: 1.0, "That is the best split for ties itself. Find the row of the bakery's plan (4.5 hours of"
         " upkeep, 0.5 of mass messages) in the table for ties."),
        (lambda: plan_share_of("tie_strength"), "That is the share by closeness (tie_strength): count \"ties\"."),
    ],
    hint='Run pipeline.compare_splits with "ties" as the outcome and the bakery\'s settings written out, then keep'
    " the row whose upkeep_hours is 4.5 and message_hours 0.5, and read its share_of_best.",
    explanation="The best split for leads is far from the region for ties (splits within 5 % of the best): new"
    " ties come from conversations with followers who found the bakery's pieces, and mass messages wear ties"
    " out. Leads and ties do not want the same split.",
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

def per_hour(split, measure, kind, hours_each):
    """``measure`` per hour of ``kind`` ("replies" or "broadcasts"), if each tweet took ``hours_each`` hours.

    ``split`` is a table of :func:`smlearn.realdata.conversations.replies_vs_broadcasts`. The
    reference of :data:`clicks_per_hour`.

    Examples
    --------
    >>> import pandas as pd
    >>> split = pd.DataFrame({"replies": [4, 10], "broadcasts": [2, 6]}, index=["tweets", "user_profile_clicks"])
    >>> per_hour(split, "user_profile_clicks", "replies", 0.25)
    10.0
    """
    check_table("split", split, ["replies", "broadcasts"], what="a table of conversations.replies_vs_broadcasts")
    check_text("measure", measure)
    if measure not in split.index or "tweets" not in split.index:
        raise ValueError(f"measure must be a row of split, e.g. 'user_profile_clicks'; got {measure!r}")
    check_text("kind", kind)
    if kind not in ("replies", "broadcasts"):
        raise ValueError(f"kind must be 'replies' or 'broadcasts'; got {kind!r}")
    hours_each = check_number("hours_each", hours_each, 0, 168, unit="hours", low_open=True)
    if not split.loc["tweets", kind] > 0:
        raise ValueError(f"split has no {kind}: there are no hours to divide by")
    hours = split.loc["tweets", kind] * hours_each
    return float(split.loc[measure, kind] / hours)


@functools.lru_cache(maxsize=1)
def _real_split():
    from smlearn.realdata import conversations

    return conversations.replies_vs_broadcasts()


def _small_split(replies, broadcasts, reply_clicks, broadcast_clicks):
    import pandas as pd

    return pd.DataFrame({"replies": [replies, reply_clicks], "broadcasts": [broadcasts, broadcast_clicks]},
                        index=["tweets", "user_profile_clicks"])


def _random_split(rng):
    counts = [rng.randint(1, 500), rng.randint(1, 500), rng.randint(0, 900), rng.randint(0, 900)]
    kind = rng.choice(["replies", "broadcasts"])
    hours_each = rng.choice([0.1, 0.25, 0.5, 1.0, 1.5, 2.0])
    return Case((_small_split(*counts), "user_profile_clicks", kind, hours_each),
                f"{counts[0]} replies and {counts[1]} broadcasts, {kind} at {hours_each:g} hours each")


clicks_per_hour = CodeQuestion(
    "capstone.clicks_per_hour",
    "Write per_hour(split, measure, kind, hours_each): how much of measure one hour of kind (\"replies\" or"
    " \"broadcasts\") brought, if each of those tweets took hours_each hours. split is a table of"
    " conversations.replies_vs_broadcasts. Then check it: quiz.clicks_per_hour.check(per_hour).",
    cases=[Case((_small_split(4, 2, 10, 6), "user_profile_clicks", "replies", 0.25),
                "4 replies that brought 10 profile clicks, at a quarter of an hour each"),
           Case((_real_split(), "user_profile_clicks", "replies", 0.25),
                "the real account's replies at the model's hours_per_reply"),
           Case((_real_split(), "user_profile_clicks", "broadcasts", 1.5),
                "the real account's broadcasts at the model's hours_per_piece"),
           Case((_real_split(), "engagements", "replies", 0.25), "the real account's replies, engagements")],
    reference=per_hour,
    extra=_random_split,
    tolerance=1e-6,
    hint='The hours are the tweets of that kind times hours_each: split.loc["tweets", kind] * hours_each. Divide'
    " split.loc[measure, kind] by them.",
    worked_hint="For 4 replies at 0.25 hours each the replies took 4 * 0.25 = 1 hour, and brought 10 clicks:"
    " 10 / 1 = 10 clicks an hour. Write it with split.loc[...], kind and hours_each in place of the numbers.",
    solution_code="""def per_hour(split, measure, kind, hours_each):
    hours = split.loc["tweets", kind] * hours_each
    return split.loc[measure, kind] / hours""",
    explanation="By the model's times an hour of replies brought about twice the profile clicks of an hour of"
    " broadcasts. But the hours are the model's guesses, not measured: the export counts tweets, not time.",
)

QUESTIONS = [region, ties_region, messages_flip, clicks_per_hour]


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
