"""Self-check questions of lesson 07, Effort and automation.

Use them in the lesson like this::

    from smlearn.questions import effort_and_automation as quiz
    print(quiz.weekly_slope)             # the question
    my_answer = ...   # replace ... with your answer
    quiz.weekly_slope.check(my_answer)

Numeric answers are computed by running :mod:`smlearn.models.pipeline` (the week of
hours) when they are checked; the right option of a multiple-choice question is kept
only as a fingerprint.

Examples
--------
>>> weekly_slope.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> marathon_ties.check("z")
✘ Choose one of the letters a, b, c, d, or type an option's text; got 'z'.
"""

from __future__ import annotations

import functools
import math

from smlearn import flips
from smlearn.exercises import Case, ChoiceQuestion, CodeQuestion, FlipQuestion, NumericQuestion
from smlearn.models import pipeline
from smlearn.realdata import posting  # lesson 07's real data: one account's X exports

__all__ = ["QUESTIONS", "longest_gap", "ties_held", "sprint_leads", "marathon_ties", "pieces_with_tool", "automation",
           "weeks_slope", "FlipQuestion", "SETTINGS", "FLIP_SETTINGS", "UPKEEP_VERDICT", "UPKEEP_GUESSES", "upkeep_edge", "upkeep_report", "upkeep_flip_points",
           "flip_the_week", "weekly_slope"]

# The lesson's week: Amara's eight hours, every other setting at the pipeline's defaults.
HOURS = 8.0

def longest_gap(strength: float = 0.5, **params) -> float:
    """The most weeks a tie can wait between contacts and still settle at ``strength`` or more.

    One answered contact a week holds exactly this many ties (each waits its turn), so it is
    :func:`pipeline.ties_kept_strong` for one contact a week that is always answered.
    ``params`` are ``contact_gain`` and ``tie_half_life``, if not the defaults.

    Examples
    --------
    >>> round(longest_gap(), 2)
    5.65
    >>> longest_gap(tie_half_life=4) < longest_gap()        # ties that fade fast need contact sooner
    True
    """
    return pipeline.ties_kept_strong(1.0, strength, hours_per_contact=1.0, reply_chance=1.0, **params)


def ties_by_hand(upkeep_hours, hours_per_contact, reply_chance, tie_half_life):
    """Ties held at half strength: answered contacts a week, times the weeks each tie can wait.

    The wait (the gap) is found from :func:`pipeline.steady_strength`: it grows in steps of
    0.01 weeks while a tie contacted that often still settles at half strength or more.

    Examples
    --------
    >>> round(ties_by_hand(1.0, 0.5, 0.7, 12), 1)     # one hour at the defaults
    7.9
    """
    gap = 1.0
    while pipeline.steady_strength(1 / (gap + 0.01), tie_half_life=tie_half_life) >= 0.5:
        gap = gap + 0.01
    contacts = upkeep_hours / hours_per_contact * reply_chance
    return contacts * gap


_DEFAULT = {name: pipeline.PARAMS[name].default for name in ("hours_per_contact", "reply_chance", "tie_half_life")}


def _ties_case(hours, words, **settings):
    """A case checked against the model itself: pipeline.ties_kept_strong with the same settings."""
    chosen = dict(_DEFAULT, **settings)
    args = (hours, chosen["hours_per_contact"], chosen["reply_chance"], chosen["tie_half_life"])
    return Case(args, words, expected=pipeline.ties_kept_strong(hours, **chosen))


def _random_ties(rng):
    hours, per_contact = rng.randint(1, 16) / 2, rng.randint(2, 20) / 10
    answered, half_life = rng.randint(3, 10) / 10, rng.randint(4, 52)
    return _ties_case(hours, f"{hours} hours, {per_contact} hours a contact, {answered:.0%} answered, a half-life"
                      f" of {half_life} weeks", hours_per_contact=per_contact, reply_chance=answered,
                      tie_half_life=half_life)


def _one_hour_by_hand() -> str:
    """The worked hint's arithmetic for one hour at the model's defaults (a class profile may change them)."""
    per_contact, answered, half_life = _DEFAULT["hours_per_contact"], _DEFAULT["reply_chance"], _DEFAULT["tie_half_life"]
    gap, contacts = longest_gap(), 1 / per_contact
    held = math.floor(2 * gap) / 2            # the lesson's table goes in half weeks
    return (f"At a {half_life:g}-week half-life the gap comes out at about {gap:.2f} weeks (the table above:"
            f" {held:g} weeks still holds 0.5, {held + 0.5:g} does not). One hour: 1 / {per_contact:g}"
            f" = {contacts:g} contacts, {contacts:g} x {answered:g} = {contacts * answered:g} answered,"
            f" {contacts * answered:g} x {gap:.2f} = {contacts * answered * gap:.1f} ties.")


ties_held = CodeQuestion(
    "effort_and_automation.ties_held",
    "Write ties_held(upkeep_hours, hours_per_contact, reply_chance, tie_half_life): how many ties that much"
    " upkeep a week holds at half strength, for good. First find the gap: the most weeks between contacts"
    " for which pipeline.steady_strength(1 / gap, tie_half_life=tie_half_life) is still 0.5 or more (grow gap"
    " from 1 in steps of 0.01). The hours buy contacts, only the answered ones count, and each tie needs one"
    " contact every gap weeks. The check compares it with the model's pipeline.ties_kept_strong.",
    cases=[_ties_case(1.0, f"one hour at the defaults: {1 / _DEFAULT['hours_per_contact']:g} contacts a week,"
                      f" {100 * _DEFAULT['reply_chance']:.0f} % answered, a {_DEFAULT['tie_half_life']:g}-week half-life"),
           _ties_case(3.0, "3 hours of 45-minute contacts", hours_per_contact=0.75),
           _ties_case(2.0, "2 hours when only 40 % make time to answer", reply_chance=0.4),
           _ties_case(2.0, "2 hours, ties that fade fast (a half-life of 4 weeks, so a shorter gap)",
                      tie_half_life=4)],
    reference=ties_by_hand,
    extra=_random_ties,
    tolerance=0.01,   # steps of 0.01 weeks put the gap within about 0.5 % of the model's exact one
    hint="While pipeline.steady_strength(1 / (gap + 0.01), tie_half_life=tie_half_life) >= 0.5, add 0.01 to gap."
    " Then the contacts a week are upkeep_hours / hours_per_contact, times reply_chance for the answered ones;"
    " if each tie can wait gap weeks, one answered contact a week keeps gap ties going.",
    worked_hint=_one_hour_by_hand(),
    solution_code="""def ties_held(upkeep_hours, hours_per_contact, reply_chance, tie_half_life):
    gap = 1.0
    while pipeline.steady_strength(1 / (gap + 0.01), tie_half_life=tie_half_life) >= 0.5:
        gap = gap + 0.01                                       # a tie can still wait a little longer
    contacts = upkeep_hours / hours_per_contact * reply_chance   # answered contacts a week
    return contacts * gap                                       # each tie waits gap weeks for its turn""",
    explanation="The number of ties is the time settings multiplied out: hours, minutes per contact, the share"
    " who answer and how fast ties fade (through the gap). The model has no limit of memory or attention like"
    " the one behind Dunbar's layers, so twice the hours always hold twice the ties.",
)

sprint_leads = NumericQuestion(
    "effort_and_automation.sprint_leads",
    "Amara counts leads after an 8-week sprint, with her 8 hours a week. Among the splits within 5 % of the"
    " best, what is the most hours of content any of them has?",
    answer=lambda: float(pipeline.near_best(pipeline.compare_splits(HOURS, "leads", weeks=8))
                         .loc["content_hours", "most hours"]),
    tolerance=0.01,
    unit="hours",
    hint="Run pipeline.near_best(pipeline.compare_splits(8.0, \"leads\", weeks=8)) and read the content_hours row.",
    explanation="The sprint's region allows as much content as the two-year region: for leads the horizon"
    " hardly moves the region in this model. Near its top the outcome hardly changes from one split to the"
    " next, so the honest verdict is a region, not the single best split.",
)

marathon_ties = ChoiceQuestion(
    "effort_and_automation.marathon_ties",
    "Now Amara counts ties (everyone she has come to know, however faded) after two years (104 weeks), with"
    " 8 hours a week. Where are the splits within 5 % of the best?",
    [
        "Mostly on content and replies, with at most 2.5 hours of upkeep and few messages",
        "Mostly on upkeep: the most upkeep keeps the most ties going over the full two years",
        "Mostly on mass messages: they reach every tie at once for an hour's work",
        "Everywhere: after two years every split ends with about the same number of ties",
    ],
    answer_fingerprint="e038291f0c7cd0fa",
    hint="Run pipeline.near_best(pipeline.compare_splits(8.0, \"ties\", weeks=104)) and read each row.",
    feedback={
        "b": "That reads 'ties' as people she can call (a common mix-up). Upkeep keeps the ties Amara has strong"
        " (and strong ties introduce a few people), but it does not meet strangers: all upkeep ends two years"
        " with far fewer ties than the best (but closer ones).",
        "c": "That takes a weekly mass message to be harmless (a common mix-up): it wears ties down and makes"
        " none; no split near the best spends more than half an hour on them.",
        "d": "That is true of a sprint (ties hardly change in 8 weeks), not of two years: which side is slow"
        " depends on the horizon and on what you count.",
    },
    explanation="Over two years the stranger-to-tie pipeline pays: content brings strangers, replies turn some"
    " of them into ties. Source D's marathon, in the model: social media makes the connection, the"
    " conversation makes it a tie. Without upkeep those new ties fade, but a faded tie still counts here.",
)

pieces_with_tool = NumericQuestion(
    "effort_and_automation.pieces_with_tool",
    "A scheduling tool saves 40 % of the time per piece (automation=0.4). With the default"
    f" {pipeline.PARAMS['hours_per_piece'].default:g} hours per piece by hand, how many pieces a week do 3 hours of"
    " content make? Give two decimals.",
    answer=lambda: float(pipeline.simulate(content_hours=3.0, automation=0.4, weeks=4)["pieces"].iloc[0]),
    tolerance=0.05,
    unit="pieces",
    hint=f"With the tool a piece takes {pipeline.PARAMS['hours_per_piece'].default:g} x (1 - 0.4) hours; divide the"
    " content hours by that.",
    explanation="The tool makes the broadcast cheaper: more pieces for the same hours. In the model it does"
    " nothing for the replies those pieces bring, or for upkeep: that is an assumption of the model.",
)

automation = ChoiceQuestion(
    "effort_and_automation.automation",
    "Amara counts ties after two years (104 weeks), with 8 hours a week. A tool that saves 60 % of the time"
    " per piece (automation=0.6): how does the best split change, compared with no tool?",
    [
        "One hour more of content, and the same reply hours",
        "One hour less of content, and one hour more of replies",
        "One hour more of content, and one hour less of reply hours",
        "One hour less of content, and one hour more of upkeep",
    ],
    answer_fingerprint="d6ccce705e295b35",
    hint="Compare the first row of pipeline.compare_splits(8.0, \"ties\", weeks=104) with the first row of the"
    " same call with automation=0.6.",
    feedback={
        "a": "That takes scheduling to make content free of work that follows it (a common mix-up). With the"
        " tool each hour of content makes more pieces, and so more comments: the reply hours cannot stay the"
        " same if those comments are to become ties.",
        "c": "The comments grow with the pieces; fewer reply hours would answer fewer of them.",
        "d": "That reads 'ties' as people she can call (a common mix-up). Upkeep keeps ties strong but makes no"
        " new ones: the best split for the count of ties has no upkeep with or without the tool.",
    },
    explanation="In the model a tool makes pieces cheaper but not conversations (an assumption), so the best"
    " split for ties moves hours from content to replies: the broadcast can be scheduled (Source C), the"
    " conversation it starts is still done by hand (Source D).",
)



# ---- What flips the verdict -------------------------------------------------------------------

# The pipeline's settings other than the four kinds of hour (a verdict about splits sets those itself).
SETTINGS = {name: spec for name, spec in pipeline.PARAMS.items() if name not in pipeline.HOURS}

# The guesses lesson 07 tests: the settings nobody has measured for Amara's trade.
UPKEEP_GUESSES = ["discovery", "message_response", "annoyance", "tie_half_life", "automation", "referral_rate"]


def upkeep_edge(**settings) -> float:
    """How much better, in per cent, the best week with 4 or more hours of upkeep does than the best with less.

    Amara's 8 hours for a year's leads (lesson 07): every split in half-hour steps is run
    (as :func:`pipeline.compare_splits` does), and the best leads among the splits with at
    least 4 hours of upkeep are compared with the best among the rest. Above 0, the best
    split of all has at least 4 hours of upkeep. A smooth number, unlike the best split's
    hours (which jump), so a flip point can be read between two values.

    Examples
    --------
    >>> upkeep_edge() > 0, upkeep_edge(discovery=6.0) > 0
    (True, False)
    """
    leads = pipeline.summarize_splits(_WEEK_SPLITS, **settings)["leads"]
    lean = _WEEK_SPLITS["upkeep_hours"] >= 4
    return float(100 * (leads[lean].max() / leads[~lean].max() - 1))


_WEEK_SPLITS = pipeline.week_splits(HOURS)    # every split of the 8 hours, in half-hour steps

# Lesson 07's verdict: the best week for a year's leads leans on upkeep (4 hours or more).
UPKEEP_VERDICT = flips.Verdict("the best split of 8 hours for a year's leads puts at least 4 hours into upkeep",
                               measure=lambda edge: edge, threshold=0.0, holds="above",
                               unit="% more leads than the best split with less upkeep")


@functools.lru_cache(maxsize=1)
def upkeep_report() -> flips.FlipReport:
    """:func:`smlearn.flips.analyse` of :data:`UPKEEP_VERDICT` over :data:`UPKEEP_GUESSES` (a few seconds).

    Each run compares all 969 splits, so the sweep is coarse (9 values a setting) and the
    joint sample small (48 settings); the lesson and its facts share this one report.
    """
    return flips.analyse(upkeep_edge, UPKEEP_VERDICT, SETTINGS, names=UPKEEP_GUESSES, steps=9, samples=48, seed=0,
                         rounds=10)


def upkeep_flip_points() -> dict:
    """Each guess that flips :data:`UPKEEP_VERDICT` alone, with its flip point.

    Examples
    --------
    >>> sorted(upkeep_flip_points())
    ['automation', 'discovery', 'tie_half_life']
    """
    return {name: round(value, 3) for name, value in upkeep_report().flip_points().items()}


def _upkeep_words(edge: float) -> str:
    """Lesson 07's measure in words, with its sign: more or fewer leads."""
    more = "more" if edge >= 0 else "fewer"
    return (f"the best split with 4 or more hours of upkeep brings {abs(edge):.3g} % {more} leads than the best"
            " with less upkeep")


def _capped(name, low=None, high=None):
    """A guess's record with a narrower range (dataclasses.replace keeps its name, default and words)."""
    import dataclasses

    spec = SETTINGS[name]
    return dataclasses.replace(spec, min=spec.min if low is None else low, max=spec.max if high is None else high)


# The settings flip_the_week accepts: the six guesses the lesson tests (not the horizon, `weeks`, which
# changes the question itself). The three that flip the verdict alone may move at most about three
# quarters of the way to their flip points (4.3, 0.54 and 1.5 weeks; tests/lessons/test_lessons_effort_returns.py
# checks these caps against the report), so neither of two settings can be a token change.
FLIP_SETTINGS = {name: SETTINGS[name] for name in UPKEEP_GUESSES}
FLIP_SETTINGS.update(discovery=_capped("discovery", high=3.5), automation=_capped("automation", high=0.4),
                     tie_half_life=_capped("tie_half_life", low=4.0))


flip_the_week = FlipQuestion(
    "effort_and_automation.flip_the_week",
    "Find two of the six guesses, each moved less far than its own flip point (discovery at most 3.5,"
    " automation at most 0.4, tie_half_life at least 4), that together make the best split of Amara's 8 hours"
    " for a year's leads put fewer than 4 hours into upkeep. Give them as a dict, e.g."
    " {'referral_rate': 0.01, 'annoyance': 0.2}.",
    model=upkeep_edge,
    verdict=UPKEEP_VERDICT,
    params=FLIP_SETTINGS,
    example={"discovery": 3.5, "automation": 0.4},
    together=True,
    worded=_upkeep_words,
    hint="The printout gives each flip point for one setting moved alone. Take two settings that push the same"
    " way (towards content) and move each part of the way to its flip point: their pushes add up.",
    explanation="Two guesses that each stay on the upkeep side of their flip points can flip the verdict"
    " together: flip points found one at a time understate how fragile a verdict is. The lean on upkeep"
    " follows from guesses nobody has measured for Amara, such as how many strangers find a piece and how"
    " much time a tool saves.",
)



# ---- Real data: one account's tweets and impressions, added up by week --------------------------

def weeks_slope(days, *, whole_weeks_only: bool = True) -> float:
    """The slope of log(impressions) on log(tweets) over weeks: the days of each week added up.

    Parameters
    ----------
    days : pandas.DataFrame
        From :func:`smlearn.realdata.posting.effort_and_returns`.
    whole_weeks_only : bool
        Leave out the part-weeks at either end (the default), or keep them.

    Examples
    --------
    >>> import pandas as pd
    >>> days = pd.DataFrame({"week": [1] * 7 + [2] * 7 + [3] * 7, "whole_week": [True] * 21,
    ...                      "tweets": [1] * 7 + [2] * 7 + [4] * 7, "impressions": [10] * 7 + [20] * 7 + [40] * 7})
    >>> round(weeks_slope(days), 6)
    1.0
    """
    from smlearn.params import check_table

    check_table("days", days, ["week", "whole_week", "tweets", "impressions"],
                what="a table from smlearn.realdata.posting.effort_and_returns")
    if not isinstance(whole_weeks_only, bool):
        raise TypeError(f"whole_weeks_only must be True or False; got {whole_weeks_only!r}")
    if whole_weeks_only:
        days = days[days["whole_week"].astype(bool)]
    weeks = days.groupby("week")[["tweets", "impressions"]].sum()
    return float(posting.returns_elasticity(weeks)["slope"])


@functools.lru_cache(maxsize=1)
def _cached_days():
    return posting.effort_and_returns()


def _real_days():
    """The real account's days (``x_analytics_daily``), loaded once; a copy, so no check can change them."""
    return _cached_days().copy()


def _days_slope() -> float:
    return float(posting.returns_elasticity(_real_days())["slope"])


def _stand_alone_weeks_slope() -> float:
    """The weekly slope with stand-alone tweets as the effort (the lesson's cell before the exercise)."""
    days = posting.stand_alone_per_day(_real_days())
    weeks = days[days["whole_week"]].groupby("week")[["stand_alone", "impressions"]].sum()
    return float(posting.returns_elasticity(weeks, effort="stand_alone")["slope"])


def _weeks_rank_correlation() -> float:
    days = _real_days()
    weeks = days[days["whole_week"]].groupby("week")[["tweets", "impressions"]].sum()
    return float(posting.returns_elasticity(weeks)["rank_correlation"])


weekly_slope = NumericQuestion(
    "effort_and_automation.weekly_slope",
    "A day's impressions include older tweets, and a busy day's tweets are still seen the next day. Add the days"
    " up by week, using whole weeks only (the rows where whole_week is True), and fit the slope again: what is"
    " the slope of log(impressions) on log(tweets) over weeks? Give two decimals.",
    answer=lambda: round(weeks_slope(_real_days()), 2),
    tolerance=0.011,
    unit="",
    slips=[
        (_days_slope, "That is the slope over single days, printed above. Add up the days of each week first."),
        (lambda: weeks_slope(_real_days(), whole_weeks_only=False),
         ("That keeps the part-weeks at the start and the end (January 1-3 and June 28-30), whose few days make"
          " both totals small. Keep only the rows where whole_week is True.")),
        (_weeks_rank_correlation, "That is the rank correlation over weeks; the question asks for the slope."),
        (_stand_alone_weeks_slope, "That is the slope on stand-alone tweets (the effort of the cell above): fit"
         " it on all tweets, the tweets column, as the question asks."),
    ],
    hint="Keep the rows where whole_week is True, add up tweets and impressions for each week with"
    " groupby(\"week\")[[\"tweets\", \"impressions\"]].sum(), and give that table to posting.returns_elasticity.",
    explanation="Over whole weeks, the tweets of a busy day and the impressions they bring on the next days"
    " fall in the same week, so the slope rises. With 25 weeks it is uncertain: the next cell shows an"
    " interval that holds both the model's 0.89 and 1.",
)

QUESTIONS = [ties_held, sprint_leads, marathon_ties, pieces_with_tool, automation, flip_the_week, weekly_slope]
