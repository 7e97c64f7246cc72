"""Self-check questions of lesson 05b, The music market.

Use them in the lesson like this::

    from smlearn.questions import music_market as quiz
    quiz.unpredictability_ratio                      # the question
    my_answer = ...   # replace ... with your answer
    quiz.unpredictability_ratio.check(my_answer)

Numeric answers run :mod:`smlearn.models.crowds` when they are checked; the right option
of a multiple-choice question is kept only as a fingerprint (see :mod:`smlearn.exercises`).

Examples
--------
>>> unpredictability_ratio.reset()        # forget earlier tries (after three, it suggests the solution)
>>> unpredictability_ratio.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> unpredictability_ratio.check(1)
✘ Not yet: 1 times is too low. Hint: Divide the two numbers in the unpredictability column of market.metrics.
"""

from __future__ import annotations

import dataclasses
import functools

from smlearn import flips
from smlearn.exercises import ChoiceQuestion, FlipQuestion, NumericQuestion
from smlearn.models import crowds
from smlearn.params import check_instance

__all__ = ["SMALL_MARKET", "unpredictability_ratio", "small_market_ratio", "crowd_verdict", "gini_gap",
           "predictability_ratio", "MORE_UNEQUAL", "DOUBLES", "market_verdict", "flip_doubling", "QUESTIONS",
           "WEEK", "first_week_predicts"]

SMALL_MARKET = 300   # plays per world in the small market of the explorer's Things to try 2


def _unpredictability_ratio():
    metrics = crowds.simulate_market(seed=1).metrics["unpredictability"]
    return float(metrics["social influence"] / metrics["independent"])


def _small_market_ratio():
    metrics = crowds.simulate_market(listens=SMALL_MARKET, seed=1).metrics["unpredictability"]
    return float(metrics["social influence"] / metrics["independent"])


unpredictability_ratio = NumericQuestion(
    "music_market.unpredictability_ratio",
    "Run crowds.simulate_market(seed=1). How many times as unpredictable is the market with social influence"
    " as the independent one?",
    answer=_unpredictability_ratio,
    tolerance=0.05,
    unit="times",
    hint="Divide the two numbers in the unpredictability column of market.metrics.",
    explanation="About twice, as Salganik, Dodds and Watts found: the same song can be a hit in one world and"
    " forgotten in another when people follow the counts.",
)

small_market_ratio = NumericQuestion(
    "music_market.small_market_ratio",
    "Run crowds.simulate_market(listens=300, seed=1): a small market, 300 plays per world instead of 2,500."
    " How many times as unpredictable is the market with social influence as the independent one?",
    answer=_small_market_ratio,
    tolerance=0.05,
    unit="times",
    hint="The same division as for quiz.unpredictability_ratio, on the small market's metrics.",
    explanation="About 1.4 times, against 2.3 in the full market. In a small market chance alone already makes"
    " hits, even in the independent worlds, so seeing the counts adds less.",
)

crowd_verdict = ChoiceQuestion(
    "music_market.crowd_verdict",
    "Source B says social media uses the wisdom of crowds to decide what matters. What does the MusicLab model"
    " say about a crowd that can see the download counts?",
    [
        "It is wiser: seeing the counts helps everyone find the best songs faster",
        "Quality no longer matters at all: success is pure luck",
        "Quality still matters, but which good song becomes the hit depends a lot on luck and on who came first",
        "It makes no difference whether people see the counts or not",
    ],
    answer_fingerprint="541936f5d484fe6f",
    hint="Look at the quality_success column as well as at Gini and unpredictability.",
    feedback={
        "a": "Compare quality_success in the two conditions: following the counts weakens the link to quality.",
        "b": "The correlation of quality and success is still well above zero with influence.",
        "d": "Both Gini and unpredictability change a lot.",
    },
    explanation="A crowd is wise when its members judge independently. Social influence makes it a herd:"
    " it still prefers good songs, but it amplifies early luck.",
)


# ---- What flips the verdict ----------------------------------------------------------------

def gini_gap(market):
    """Mean Gini of the social-influence worlds minus that of the independent worlds.

    Examples
    --------
    >>> round(gini_gap(crowds.simulate_market(seed=1)), 2)
    0.15
    """
    check_instance("market", market, crowds.Market, "a result of crowds.simulate_market")
    gini = market.metrics["gini"]
    return float(gini["social influence"] - gini["independent"])


def predictability_ratio(market):
    """Unpredictability of the social-influence worlds divided by that of the independent ones.

    Examples
    --------
    >>> round(predictability_ratio(crowds.simulate_market(seed=1)), 1)
    2.3
    """
    check_instance("market", market, crowds.Market, "a result of crowds.simulate_market")
    u = market.metrics["unpredictability"]
    return float(u["social influence"] / u["independent"])


# Lesson 05b's verdicts: both are things the model derives, not settings typed in.
MORE_UNEQUAL = flips.Verdict(
    "social influence makes success more unequal", measure=gini_gap, threshold=0.0, holds="above",
    unit="Gini with influence minus Gini without")
DOUBLES = flips.Verdict(
    "social influence at least doubles unpredictability", measure=predictability_ratio, threshold=2.0,
    holds="above", unit="unpredictability with influence / without")
LESS_PREDICTABLE = flips.Verdict(
    "social influence makes success less predictable", measure=predictability_ratio, threshold=1.0,
    holds="above", unit="unpredictability with influence / without")

# How finely the lesson looks: 9 points across each setting's range and 48 settings drawn
# together, on one seed (about 90 markets, a few seconds; the two verdicts share the runs).
STEPS = 9
SAMPLES = 48
SEED = 1

_market = functools.partial(crowds.simulate_market, seed=SEED)   # the lesson's market, seed 1


@functools.lru_cache(maxsize=256)
def _kept_market(**settings):
    """crowds.simulate_market, remembered: both verdicts ask for the very same settings."""
    return crowds.simulate_market(**settings)


@functools.lru_cache(maxsize=3)
def market_verdict(which="unequal"):
    """Where a verdict of lesson 05b flips ("unequal": MORE_UNEQUAL, "doubles": DOUBLES,
    "direction": LESS_PREDICTABLE).

    Every setting of ``crowds.PARAMS`` moves; the seed is 1. The result is kept, so the
    lesson and its checked facts share one analysis.

    Examples
    --------
    >>> report = market_verdict("unequal")
    >>> report.holds_at_default, round(flips.flip_point(report, "influence"), 2)
    (True, 0.06)
    """
    verdicts = {"unequal": MORE_UNEQUAL, "doubles": DOUBLES, "direction": LESS_PREDICTABLE}
    if which not in verdicts:
        raise ValueError(f"which must be 'unequal', 'doubles' or 'direction'; got {which!r}")
    return flips.analyse(_kept_market, verdicts[which], crowds.PARAMS, fixed={"seed": SEED},
                         steps=STEPS, samples=SAMPLES, seed=0)


# The exercise leaves the two settings the sentence names (influence, plays) alone and lets the
# learner move the other two only short of their own flip points (Group size 88, Songs 96 on
# seed 1): neither flips it alone, so the answer has to combine them.
FLIP_LIMITS = {"batch": 80, "n_songs": 90}
_FLIP_PARAMS = {name: dataclasses.replace(crowds.PARAMS[name], max=top) for name, top in FLIP_LIMITS.items()}

flip_doubling = FlipQuestion(
    "music_market.flip_doubling",
    "Without touching Social influence or Plays, make social influence no longer double unpredictability"
    " (seed 1, every other setting at its default). Move the two other settings of the chart together,"
    " each kept short of its own flip point: Group size (key \"batch\") at most 80, Songs (key \"n_songs\")"
    " at most 90. Chart label -> key: Social influence -> influence, Plays -> listens, Songs -> n_songs,"
    " Group size -> batch, Worlds -> n_worlds. Give a dict, e.g. {\"batch\": 30, \"n_songs\": 50}.",
    model=_market,
    verdict=DOUBLES,
    params=_FLIP_PARAMS,
    example={"batch": 80, "n_songs": 90},
    hint="Each setting alone stays above 2 up to its limit. Push both towards their limits at once: bigger"
    " groups see staler counts, and more songs spread the plays thinner.",
    explanation="Two settings, each short of its own flip point, flip it together: the size of the effect"
    " (about double) rests on several guesses at once and, on one seed, moves by a tenth from one setting to"
    " the next. The direction (less predictable with influence) is a different claim: it flips only when"
    " influence nearly vanishes.",
)

QUESTIONS = [unpredictability_ratio, small_market_ratio, crowd_verdict, flip_doubling]


# ---- Real data: do early votes predict later ones? -------------------------------------------


WEEK = 7   # the early window of the exercise, in days


def _early_late_spearman(days):
    """Rank correlation of a question's up-votes in its first ``days`` days with those of the 30 days after."""
    from smlearn import realdata

    return realdata.early_and_late_votes(days).attrs["spearman"]


first_week_predicts = NumericQuestion(
    "music_market.first_week_predicts",
    "Take a whole week as the early window: up-votes on days 0 to 6 after posting, against the 30 days after"
    " that. What is the rank correlation between the two, over the questions? Compute it with"
    " realdata.early_and_late_votes. Answer between -1 and 1.",
    answer=lambda: _early_late_spearman(WEEK),
    tolerance=0.005,
    hint="realdata.early_and_late_votes(7) gives the table; the rank correlation is in its .attrs['spearman'].",
    slips=[
        (lambda: _early_late_spearman(1), "That is the one-day window of the table above: give days=7."),
        (lambda: _early_late_spearman(2), "That is the two-day window above: give days=7."),
        (lambda: _early_late_spearman(6), "That is days 0 to 5: days=7 counts days 0 to 6."),
    ],
    explanation="Still weak: even a whole week of votes says little about the next month's. Most later votes"
    " come from other readers, who find a question by search long after it left the front page.",
)

QUESTIONS.append(first_week_predicts)
