"""Self-check questions of lesson 05, Wisdom of crowds.

Use them in the lesson like this::

    from smlearn.questions import wisdom_of_crowds as quiz
    quiz.catch_up                      # the question
    my_answer = ...   # replace ... with your answer
    quiz.catch_up.check(my_answer)

Numeric answers run :mod:`smlearn.models.ranking` or :mod:`smlearn.models.crowds` when
they are checked; the right option of a multiple-choice question is kept only as a
fingerprint (see :mod:`smlearn.exercises`).

Examples
--------
>>> catch_up.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> catch_up.check(100)
✘ Not yet: 100 votes is too high. Hint: Under hot, every 12.5 hours of freshness is worth a factor of ten in net votes...
"""

from __future__ import annotations

from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import crowds, ranking

__all__ = ["SEEDS", "LOOSE", "catch_up", "least_exposed", "false_alarms", "unpredictability_ratio", "crowd_verdict"]

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


def _unpredictability_ratio():
    metrics = crowds.simulate_market(seed=1).metrics["unpredictability"]
    return float(metrics["social influence"] / metrics["independent"])


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
        "Hacker News gravity: age pulls fake votes down as fast as honest ones",
        "Net score: the old favourites hold hundreds of votes that 20 fake ones cannot beat",
        "Reddit's hot: the logarithm makes 20 votes worth almost nothing",
        "The Wilson bound: it ignores items with fewer than 30 votes",
    ],
    answer_fingerprint="3d31995eda332d94",
    hint="Find the hours_gained column, then ask what the winning rule compares a new item with.",
    feedback={
        "a": "Gravity divides by (age + 2)^1.8: at age 0 that is small, so early votes count the most.",
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

unpredictability_ratio = NumericQuestion(
    "wisdom_of_crowds.unpredictability_ratio",
    "Run crowds.simulate_market(seed=1). How many times as unpredictable is the market with social influence"
    " as the independent one?",
    answer=_unpredictability_ratio,
    tolerance=0.05,
    unit="times",
    hint="Divide the two numbers in the unpredictability column of market.metrics.",
    explanation="About twice, as Salganik, Dodds and Watts found: the same song can be a hit in one world and"
    " forgotten in another when people follow the counts.",
)

crowd_verdict = ChoiceQuestion(
    "wisdom_of_crowds.crowd_verdict",
    "Source B says social media uses the wisdom of crowds to decide what matters. What does the MusicLab model"
    " say about a crowd that can see the download counts?",
    [
        "It is wiser: seeing the counts helps everyone find the best songs faster",
        "Quality no longer matters at all: success is pure luck",
        "Quality still matters, but which good song becomes the hit depends a lot on luck and on who came first",
        "It makes no difference whether people see the counts or not",
    ],
    answer_fingerprint="d61adc0e80e9f1c7",
    hint="Look at the quality_success column as well as at Gini and unpredictability.",
    feedback={
        "a": "Compare quality_success in the two conditions: following the counts weakens the link to quality.",
        "b": "The correlation of quality and success is still well above zero with influence.",
        "d": "Both Gini and unpredictability change a lot.",
    },
    explanation="A crowd is wise when its members judge independently. Social influence makes it a herd:"
    " it still prefers good songs, but it amplifies early luck.",
)
