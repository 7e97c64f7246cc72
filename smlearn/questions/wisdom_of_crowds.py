"""Self-check questions of lesson 05, Wisdom of crowds: ranking rules, the vote ring and its detector.

The MusicLab questions belong to lesson 05b: :mod:`smlearn.questions.music_market`.

Use them in the lesson like this::

    from smlearn.questions import wisdom_of_crowds as quiz
    quiz.catch_up                      # the question
    my_answer = ...   # replace ... with your answer
    quiz.catch_up.check(my_answer)

Numeric answers run :mod:`smlearn.models.ranking` when they are checked; the right option
of a multiple-choice question is kept only as a fingerprint (see :mod:`smlearn.exercises`).

Examples
--------
>>> catch_up.reset()        # forget tries made earlier in this session
>>> catch_up.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> catch_up.check(100)
✘ Not yet: 100 votes is too high. Hint: Under hot, every 12.5 hours of freshness is worth a factor of ten in net votes...
"""

from __future__ import annotations

import functools

import numpy as np

from smlearn import flips
from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import ranking
from smlearn.params import check_instance

__all__ = ["SEEDS", "LOOSE", "catch_up", "least_exposed", "false_alarms", "first_week", "ring_best_rank", "RING_LIFTS",
           "RING_HELD_OFF", "RANGES", "ring_best_rank_mean", "ring_verdict"]

SEEDS = range(5)                                   # the seeds the lesson averages over
LOOSE = {"min_shared": 2, "min_similarity": 0.5}  # a looser detector than the default


def _catch_up_votes():
    """Net votes an item submitted 25 hours later needs to tie with 1,000 net votes under hot."""
    from scipy.optimize import brentq

    old = float(ranking.hot(1000, 0, 0))
    return brentq(lambda votes: float(ranking.hot(votes, 0, 25 * 3600)) - old, 1, 1000)


def _loose_false_alarms():
    page = ranking.simulate_front_page(manipulation=True, seed=1)
    log = ranking.vote_log(page, seed=1)
    return ranking.detection_rates(log, ranking.detect_ring(log, **LOOSE))["false_alarm_rate"]


catch_up = NumericQuestion(
    "wisdom_of_crowds.catch_up",
    "Under Reddit's hot rule, an old item has 1,000 net votes. A new item is submitted 25 hours after it."
    " How many net votes does the new item need to rank level with the old one?",
    answer=_catch_up_votes,
    rel_tolerance=0.02,
    unit="votes",
    hint="Under hot, every 12.5 hours of freshness is worth a factor of ten in net votes.",
    explanation="25 hours is two factors of ten: 1,000 / 100 = 10 votes. Freshness is worth a great deal,"
    " which is why the first hour's votes matter so much.",
)

least_exposed = ChoiceQuestion(
    "wisdom_of_crowds.least_exposed",
    "In the manipulation table, which rule gave the ring's weak targets the fewest extra hours in the top 10,"
    " and why?",
    [
        "The gravity rules: age pulls fake votes down as fast as honest ones",
        "Net score: the old favourites hold hundreds of votes that 20 fake ones cannot beat",
        "Reddit's hot: the logarithm makes 20 votes worth almost nothing",
        "The Wilson bound: it ignores items with fewer than 30 votes",
    ],
    answer_fingerprint="3d31995eda332d94",
    hint="Find the hours_gained column, then ask what the winning rule compares a new item with.",
    feedback={
        "a": "The gravity rules divide by (age + 2)^1.8: at age 0 that is small, so early votes count the most.",
        "c": "The logarithm makes the FIRST votes worth the most: going from 1 to 20 is more than a factor of ten.",
        "d": "Wilson does not ignore small counts: 20 up-votes and no down-votes give a bound of about 0.84.",
    },
    explanation="A plain score is the hardest to game here, but it buries new items: that is the price of"
    " resisting a ring. The rules that reward freshness are the ones a ring can exploit.",
)

false_alarms = NumericQuestion(
    "wisdom_of_crowds.false_alarms",
    "Loosen the detector to quiz.LOOSE (two shared items and a similarity of 0.5 are enough)."
    " What share of the honest accounts does it now flag? Answer between 0 and 1.",
    answer=_loose_false_alarms,
    tolerance=0.005,
    hint="ranking.detection_rates(log, ranking.detect_ring(log, **quiz.LOOSE))['false_alarm_rate'].",
    explanation="Honest readers who liked the same two hits look just like a ring: a detector that catches"
    " every ring member also accuses a large share of the innocent.",
)


# ---- Real data: when do Stack Exchange votes come? -------------------------------------------

OLD_ENOUGH = 60   # days: the exercise keeps posts made at least this long before the last vote


def _share_by_day(last_day, min_age_days=OLD_ENOUGH):
    """Share of the up- and down-votes cast on days 0 to ``last_day`` after posting, on posts
    made at least ``min_age_days`` days before the last vote in the data."""
    from smlearn import realdata

    table = realdata.votes_by_day(min_age_days=min_age_days)
    return float(table.loc[table["day"] <= last_day, "share"].sum())


first_week = NumericQuestion(
    "wisdom_of_crowds.first_week",
    "The chart counts every post, even those made days before the data end, which had no time for late"
    f" votes. Keep only the posts made at least {OLD_ENOUGH} days before the last vote. What share of their"
    " up- and down-votes came in the first week, days 0 to 6 after posting? Answer between 0 and 1.",
    answer=lambda: _share_by_day(6),
    tolerance=0.002,
    unit="share",
    hint="realdata.votes_by_day has an option min_age_days; then add up the 'share' of days 0 to 6.",
    slips=[
        (lambda: _share_by_day(6, 0), ("That is every post, young ones too, as in the chart: give"
                                       f" min_age_days={OLD_ENOUGH}.")),
        (lambda: _share_by_day(5), ("That is days 0 to 5, six days. Day 0 is the day of posting, so the first"
                                    " week runs to day 6.")),
        (lambda: _share_by_day(7), "That is days 0 to 7, eight days: stop at day 6."),
        (lambda: _share_by_day(0), "That is day 0 alone, the day of posting: add days 1 to 6."),
    ],
    explanation="Lower than the chart's: young posts, cut off by the end of the data, made the early share look"
    " bigger. Even old posts keep collecting votes for months, probably from readers who find them by search"
    " (the data cannot show where readers came from); the model's front page has no such way in.",
)


# ---- What flips the verdict ----------------------------------------------------------------

def ring_best_rank(page):
    """The median, over the ring's three targets, of the best place each reached (1 = top).

    Examples
    --------
    >>> ring_best_rank(ranking.simulate_front_page(rule="hot", manipulation=True, seed=1))
    1.0
    """
    check_instance("page", page, ranking.FrontPage, "a result of ranking.simulate_front_page")
    items = page.items
    return float(np.median(items.loc[items["target"], "best_rank"]))


# Lesson 05's two verdicts about the ring: the flip tool tests each under its rule.
TOP = 10.5   # "into the top 10": a best place of 10 or better
# How finely the lesson looks: 11 points across each setting's range, 64 settings drawn
# together, and every run averaged over the lesson's five seeds (about 900 runs of the
# front page: a few seconds). One seed alone moves a flip point by several readers or accounts.
STEPS = 11
SAMPLES = 64

# Plausible ranges, inside the sliders' allowed ranges. A site with no readers, or a "ring" of
# no accounts, tests nothing; "weak targets" are below the average item's quality (0.29): a
# target better than that can rise on its own merit, which is not what the ring buys.
RANGES = {"voters_per_hour": (10, 1000), "ring_size": (1, 100), "target_quality": (0.0, 0.25)}


class _SeedAverage:
    """The targets' best place averaged over :data:`SEEDS`, read by :func:`ring_best_rank_mean`."""

    def __init__(self, places):
        self.places = places


def ring_best_rank_mean(result):
    """The targets' best place (median of the three), averaged over the lesson's seeds."""
    check_instance("result", result, _SeedAverage, "the lesson's front pages on its seeds (from _front_page)")
    return float(np.mean(result.places))


def _front_page(**settings):
    # The same settings on each of the lesson's seeds; the measure is read on each page.
    places = []
    for seed in SEEDS:
        places.append(ring_best_rank(ranking.simulate_front_page(seed=seed, **settings)))
    return _SeedAverage(places)


RING_LIFTS = flips.Verdict(
    "under hot, a ring of fake votes lifts its weak targets into the top 10",
    measure=ring_best_rank_mean, threshold=TOP, holds="below", unit="targets' best place (median, 5 seeds)")
RING_HELD_OFF = flips.Verdict(
    "under net score, a ring of fake votes cannot lift its weak targets into the top 10",
    measure=ring_best_rank_mean, threshold=TOP, holds="above", unit="targets' best place (median, 5 seeds)")


@functools.lru_cache(maxsize=2)
def ring_verdict(rule="hot"):
    """Where the ring's verdict under ``rule`` ("hot" or "score") flips: :func:`smlearn.flips.analyse`.

    The ring is on; every numeric setting of ``ranking.PARAMS`` moves, three of them across
    the plausible :data:`RANGES`; each run is the average over the five :data:`SEEDS`.
    The result is kept, so the lesson and its checked facts share one analysis.

    Examples
    --------
    >>> report = ring_verdict("hot")
    >>> report.holds_at_default, round(flips.flip_point(report, "ring_size"), 1)
    (True, 1.0)
    """
    verdicts = {"hot": RING_LIFTS, "score": RING_HELD_OFF}
    if rule not in verdicts:
        raise ValueError(f"rule must be 'hot' or 'score'; got {rule!r}")
    return flips.analyse(_front_page, verdicts[rule], ranking.PARAMS,
                         fixed={"rule": rule, "manipulation": True},
                         steps=STEPS, samples=SAMPLES, seed=0, ranges=RANGES)


# ---- The detector's ROC curves, as the lesson draws them ------------------------------------------

@functools.lru_cache(maxsize=4)
def _roc(camouflage=0, ignore_votes=False):
    """The lesson's detector curve (five seeds, default detector), kept so that the checked facts share it."""
    return ranking.detector_curve(camouflage=camouflage, ignore_votes=ignore_votes)


def _roc_at(camouflage, similarity, column):
    """One column of the lesson's curve at one similarity threshold."""
    curve = _roc(camouflage)
    return float(curve.loc[curve["min_similarity"] == similarity, column].iloc[0])
