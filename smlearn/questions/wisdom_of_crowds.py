"""Self-check questions of lesson 05, Wisdom of crowds: ranking rules, the vote ring and its detector.

The MusicLab questions belong to lesson 05b: :mod:`smlearn.questions.music_market`.

Use them in the lesson like this::

    from smlearn.questions import wisdom_of_crowds as quiz
    print(quiz.wilson)                 # the question
    my_function = ...   # replace ... with your function
    quiz.wilson.check(my_function)

Code questions run the learner's function on named cases and compare it with
:mod:`smlearn.models.ranking`, :mod:`smlearn.models.front_page` and :mod:`smlearn.models.vote_rings`;
numeric answers run the model or the data when they are checked; the right option of a multiple-choice question is kept only as a fingerprint (see
:mod:`smlearn.exercises`).

Examples
--------
>>> wilson.reset()          # forget tries made earlier in this session
>>> wilson.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> wilson.check(lambda ups, downs: ups / (ups + downs))
✘ Not yet: case 1 of 6 (3 up-votes and no down-votes: the lesson's table shows 0.44): expected 0.439, got 1...
"""

from __future__ import annotations

import functools

import numpy as np

from smlearn import flips
import pandas as pd

from smlearn.exercises import Case, ChoiceQuestion, CodeQuestion, NumericQuestion, fingerprint
from smlearn.models import front_page, ranking, vote_rings
from smlearn.params import check_flag, check_instance

__all__ = ["SEEDS", "LOOSE", "wilson", "least_exposed", "false_alarms", "first_week", "ring_best_rank", "RING_LIFTS",
           "RING_HELD_OFF", "RANGES", "ring_best_rank_mean", "ring_verdict", "lesson_roc"]

SEEDS = range(5)                                   # the seeds the lesson averages over
LOOSE = {"min_shared": 2, "min_similarity": 0.5}  # a looser detector than the default


def _random_votes(rng):
    """An extra case for quiz.wilson: an item with some up- and down-votes drawn at random."""
    ups, downs = rng.randint(0, 500), rng.randint(0, 500)
    if ups + downs == 0:
        ups = 1
    return Case((ups, downs), f"{ups} up-votes and {downs} down-votes")


def _wilson(ups, downs):
    """The model's Wilson lower bound at 95 %, as a plain number (ranking.wilson_lower_bound)."""
    return float(ranking.wilson_lower_bound(ups, downs))


wilson = CodeQuestion(
    "wisdom_of_crowds.wilson",
    "Write wilson(ups, downs): the lower end of the 95 % Wilson interval for the share of up-votes,"
    " (p + z²/(2n) - z·√(p(1 - p)/n + z²/(4n²))) / (1 + z²/n), with n = ups + downs, p = ups / n and"
    " z = 1.96 (the normal distribution's 97.5 % quantile, scipy.stats.norm.ppf(0.975): the lower end of a"
    " two-sided 95 % interval), and 0 for an item with no votes. Then check it: quiz.wilson.check(wilson).",
    cases=[Case((3, 0), "3 up-votes and no down-votes: the lesson's table shows 0.44"),
           Case((100, 10), "100 up-votes and 10 down-votes: the table's 0.84"),
           Case((front_page.PARAMS["ring_size"].default, 0),
                f"the ring's {front_page.PARAMS['ring_size'].default} fake up-votes and no down-votes"),
           Case((0, 5), "5 down-votes and no up-votes"),
           Case((500, 500), "half and half, with many votes"),
           Case((0, 0), "no votes at all: the bound is 0")],
    reference=_wilson,
    extra=_random_votes,
    tolerance=1e-3,      # z = 1.96, or scipy's norm.ppf(0.975) = 1.95996..., both pass
    hint="Compute n and p first; x ** 0.5 is the square root of x. Return 0 before dividing when n is 0.",
    worked_hint="For 100 up and 10 down: n = 110, p = 0.909, z² = 3.84; z²/(2n) = 0.0175 (in Python z**2 / (2 * n):"
    " z**2 / 2*n is (z²/2)·n = 211), p(1 - p)/n = 0.00075 and z²/(4n²) = 0.00008, so the top is"
    " 0.909 + 0.0175 - 1.96·√0.00083 = 0.870, the bottom 1 + 3.84/110 = 1.035, and the bound 0.84. (For 3 up and"
    " 0 down the top is exactly 1 and the bottom 2.28: 0.44.) Write the same with ups and downs in place of the numbers.",
    solution_code="""def wilson(ups, downs):
    n = ups + downs
    if n == 0:
        return 0
    p, z = ups / n, 1.96
    top = p + z**2 / (2 * n) - z * (p * (1 - p) / n + z**2 / (4 * n**2)) ** 0.5
    return top / (1 + z**2 / n)""",
    explanation="The bound is the lower end of a two-sided 95 % interval for the share of up-votes (so the share is"
    " at least this with 97.5 % confidence; a one-sided 95 % bound would use z = 1.645): few votes make it"
    " cautious (three out of three gives only 0.44), many votes bring it close to the share itself.",
)

RESISTS = "Old favourites hold hundreds of votes; twenty fake ones cannot climb past them"

least_exposed = ChoiceQuestion(
    "wisdom_of_crowds.least_exposed",
    "In the manipulation table, net score gave the ring's weak targets the fewest extra hours in the top 10."
    " Why does net score resist the ring?",
    [
        "Honest readers out-vote the ring: the crowd judges every item on the page well",
        "Like hot's logarithm, it shrinks each extra vote, so twenty fake ones add little",
        "A plain count is the safe rule: it leaves nothing for a ring of fake votes to use",
        RESISTS,
    ],
    answer_fingerprint=fingerprint("wisdom_of_crowds.least_exposed", RESISTS),
    hint="Under net score, what must a new item pass to reach the top 10, and how many votes do those items have?",
    feedback={
        "a": "That is 'the top 10 is good, so the crowd judged every item well': under net score most new items are"
             " never seen at all (only 30 % to 44 % of items reach the page under the rules other than hot).",
        "b": "That is 'hot's logarithm makes a few fake votes worthless', moved to a rule with no logarithm: under net"
             " score every fake vote counts as much as an honest one.",
        "c": "That is 'net score is the safe rule': a ring of 60 accounts gains 12 hours even under net score, and a"
             " target that arrives while the favourites have few votes still reaches the top 10.",
    },
    explanation="A plain score resists here only because its page is frozen by old favourites, the same property that"
    " buries good new items. And it holds only as a median: the first target, arriving at hour 18 while the"
    " favourites still have few votes, gets 4 to 13 hours in the top 10 in every seed.",
)

def _false_alarm_rate(log, flagged):
    """The share of the honest accounts in ``log`` that are in ``flagged``: vote_rings.detection_rates's false alarms."""
    return vote_rings.detection_rates(log, flagged)["false_alarm_rate"]


def _log(honest, ring):
    """A small vote log: ``honest`` and ``ring`` map each account to the items it up-voted."""
    rows = [(account, item, False) for account, items in honest.items() for item in items]
    rows += [(account, item, True) for account, items in ring.items() for item in items]
    return pd.DataFrame(rows, columns=["account", "item", "ring"])


_SMALL = _log({0: [1, 2], 1: [2], 2: [1, 3], 3: [4]}, {10: [7, 8, 9], 11: [7, 8, 9]})


@functools.lru_cache(maxsize=1)
def _lesson_log():
    """The lesson's vote log: the front page with the ring, seed 1."""
    return vote_rings.vote_log(front_page.simulate(manipulation=True, seed=1), seed=1)


def _random_flags(rng):
    """An extra case for quiz.false_alarms: the lesson's vote log, accounts flagged at random."""
    log = _lesson_log()
    accounts = sorted(set(log["account"].tolist()))
    flagged = sorted(rng.sample(accounts, rng.randint(0, 300)))
    return Case((log, flagged), f"the lesson's vote log, {len(flagged)} accounts flagged at random")


false_alarms = CodeQuestion(
    "wisdom_of_crowds.false_alarms",
    "Write false_alarm_rate(log, flagged): log is a vote log (columns account, item, ring: True for a ring"
    " account), flagged the accounts a detector flagged. Return the share of the honest accounts that were"
    " flagged, counting each account once. Then check it: quiz.false_alarms.check(false_alarm_rate).",
    cases=[Case((_SMALL, [10, 11]), "4 honest accounts and a ring of 2; only the ring is flagged"),
           Case((_SMALL, [0, 10, 11]), "the ring and account 0 flagged: 1 of the 4 honest accounts (not 1 of the 3"
                " flagged)"),
           Case((_SMALL, [2, 3]), "two honest accounts flagged, the ring missed"),
           Case((_SMALL, []), "nobody flagged"),
           Case((_SMALL, [0, 1, 2, 3, 10, 11]), "everybody flagged")],
    reference=_false_alarm_rate,
    extra=_random_flags,
    tolerance=1e-9,
    hint="Count among the honest accounts, not among the flagged ones: first find every honest account in the log"
    " (each once, however often it voted), then ask what share of them the detector flagged.",
    worked_hint="In the second case the honest accounts are 0, 1, 2 and 3 (accounts 0 and 2 voted twice but count"
    " once) and one of them, account 0, is flagged: 1 / 4 = 0.25. In code: honest ="
    " log.loc[~log['ring'], 'account'].unique(); np.isin(honest, flagged) says which of them were flagged, and"
    " .mean() of that is the share.",
    solution_code="""def false_alarm_rate(log, flagged):
    honest = log.loc[~log["ring"], "account"].unique()
    return float(np.isin(honest, flagged).mean())""",
    explanation="The same share as vote_rings.detection_rates gives: the false alarms are counted among the honest"
    " accounts, not among all the flagged ones.",
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
    " up- and down-votes came in the first week, days 0 to 6 after posting? Answer between 0 and 1, to three"
    " decimals.",
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
    >>> ring_best_rank(front_page.simulate(rule="hot", manipulation=True, seed=1))
    1.0
    """
    check_instance("page", page, front_page.FrontPage, "a result of front_page.simulate")
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
        places.append(ring_best_rank(front_page.simulate(seed=seed, **settings)))
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

    The ring is on; every numeric setting of ``front_page.PARAMS`` moves, three of them across
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
    return flips.analyse(_front_page, verdicts[rule], front_page.PARAMS,
                         fixed={"rule": rule, "manipulation": True},
                         steps=STEPS, samples=SAMPLES, seed=0, ranges=RANGES)


# ---- The detector's ROC curves, as the lesson draws them ------------------------------------------

def lesson_roc(camouflage=0, ignore_votes=False):
    """The lesson's detector curve: :func:`smlearn.models.vote_rings.detector_curve` on five seeds, default detector.

    Kept after the first call for each setting, so that the lesson's checked facts share one curve.

    Parameters
    ----------
    camouflage : int
        Extra up-votes each ring account casts on other items (``vote_rings.PARAMS["camouflage"]``).
    ignore_votes : bool
        Flag, at each threshold, as many accounts as the detector but chosen at random, not by their
        votes: the diagonal a detector must beat.

    Returns
    -------
    pandas.DataFrame
        One row per similarity threshold: min_similarity, hit_rate, false_alarm_rate (and the
        curve's area in ``attrs["area"]``); a copy, so a change to it is not kept.

    Examples
    --------
    >>> curve = lesson_roc()
    >>> float(curve.loc[curve["min_similarity"] == 0.8, "hit_rate"].iloc[0])
    1.0
    """
    camouflage = vote_rings.PARAMS["camouflage"].check(camouflage)
    return _roc(camouflage, check_flag("ignore_votes", ignore_votes)).copy()


@functools.lru_cache(maxsize=4)
def _roc(camouflage, ignore_votes):
    return vote_rings.detector_curve(camouflage=camouflage, ignore_votes=ignore_votes)
