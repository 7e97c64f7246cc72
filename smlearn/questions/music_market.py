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
           "LAUNCH", "first_week_predicts"]

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


LAUNCH = "2018-03"   # the site's launch month, left out by the exercise


def _after_launch(days=2, method="spearman", skip=(LAUNCH,)):
    """Correlation of early (``days`` days) with later up-votes over the questions not posted in ``skip``."""
    from smlearn import realdata

    table = realdata.early_and_late_votes(days)
    kept = table[~table["month"].isin(skip)]
    return float(kept["early"].corr(kept["late"], method=method))


first_week_predicts = NumericQuestion(
    "music_market.first_week_predicts",
    "Leave out the launch month (March 2018). Over the questions posted from April on, what is the rank"
    " correlation of early up-votes (the two-day window) with later ones? Start from the table two_days."
    " Answer between -1 and 1.",
    answer=_after_launch,
    tolerance=0.005,
    hint="Keep the rows of two_days whose 'month' is not '2018-03', then correlate their 'early' and 'late'"
    " columns with .corr(..., method='spearman').",
    slips=[
        (lambda: _after_launch(skip=()), "That is every month, March included: leave March out."),
        (lambda: _after_launch(skip=("2018-04", "2018-05", "2018-06", "2018-07", "2018-08")),
         "That is March alone: keep the other months instead."),
        (lambda: _after_launch(method="pearson"), ("That is the plain correlation of the counts, which a few"
                                                   " big questions drive: ask for method='spearman'.")),
        (lambda: _after_launch(1), "That is the one-day window: start from two_days."),
    ],
    explanation="Slightly negative: after the launch, a question with more early votes got, if anything,"
    " fewer later ones. Pooling March in hides that. Likely reason: each user votes once per post, and a small"
    " site's regulars use up their votes early. Later voters are probably readers who arrive by search, but"
    " these data cannot show where readers came from.",
)

QUESTIONS.append(first_week_predicts)
