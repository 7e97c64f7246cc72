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

from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import crowds

__all__ = ["SMALL_MARKET", "unpredictability_ratio", "small_market_ratio", "crowd_verdict"]

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
