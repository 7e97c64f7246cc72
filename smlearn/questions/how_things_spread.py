"""Self-check questions of lesson 04, How things spread.

Use them in the lesson like this::

    from smlearn.questions import how_things_spread as quiz
    quiz.peak_time                  # the question
    my_answer = ...   # replace ... with your answer
    quiz.peak_time.check(my_answer)

Number questions compute their answers from :mod:`smlearn.models.diffusion` when
checked; the right option of each multiple-choice question is kept only as a
fingerprint (see :mod:`smlearn.exercises`).

Examples
--------
>>> peak_time.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> round(word_of_mouth_ratio(), 2)
2.51
"""

from __future__ import annotations

from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import diffusion, networks

__all__ = ["QUESTIONS", "word_of_mouth_ratio", "peak_time", "ratio", "best_strategy", "threshold_value", "centola"]


def word_of_mouth_ratio(p=0.01):
    """Return the q/p at which word of mouth brings exactly half of all adopters, found with the model.

    Runs :func:`smlearn.models.diffusion.bass` until nearly everyone has adopted and
    finds, by bisection, the q at which the push share of adopters is one half.
    """
    def push_share(q):
        table = diffusion.bass(p, q, 500, 1_000_000)
        return table["from_push"].sum() / table["new"].sum()

    low, high = p * 0.5, p * 10        # push brings over half at low, under half at high
    for _ in range(50):
        middle = (low + high) / 2
        if push_share(middle) > 0.5:
            low = middle
        else:
            high = middle
    return (low + high) / 2 / p


peak_time = NumericQuestion(
    "how_things_spread.peak_time",
    "With the average published values p = 0.03 and q = 0.38, at what time t* do adoptions per period peak?"
    " Answer in periods, to two decimals.",
    answer=lambda: diffusion.bass_peak(0.03, 0.38)[0],
    tolerance=0.02,
    unit="periods",
    hint="t* = ln(q/p) / (p + q); numpy has np.log. Or call diffusion.bass_peak.",
    explanation="A little over six periods: in the published fits a period is usually a year.",
)

ratio = NumericQuestion(
    "how_things_spread.ratio",
    "Over a product's whole life, word of mouth brings more adopters than advertising once q/p is above some"
    " value. What is that value of q/p? (One decimal is enough.)",
    answer=word_of_mouth_ratio,
    tolerance=0.1,
    hint="Try bass(p=0.01, q=..., periods=500) for a few q and compare from_push.sum() with"
    " from_word_of_mouth.sum(). The crossing is between q/p = 2 and q/p = 3.",
    explanation="About 2.5 (it solves ln(1 + r) / r = 1/2). The average product, q/p near 13, is far above it:"
    " most adopters come from other adopters.",
)

best_strategy = ChoiceQuestion(
    "how_things_spread.best_strategy",
    "On the follower network, with independent cascade (p = 0.1) and 5 starting people, which way of picking"
    " them reaches the most people on average?",
    ["random", "highest degree", "one cluster"],
    answer_fingerprint="c2df5a35ba09a73e",
    hint="Run the explorer (or diffusion.spread) with each strategy and a few values of draw.",
    feedback={
        "a": "Random people usually have few followers, so their posts reach few.",
        "c": "A group of neighbours mostly reaches the same followers twice.",
    },
    explanation="On a follower network a handful of accounts reach a large share of everyone: start there.",
)

threshold_value = NumericQuestion(
    "how_things_spread.epidemic_threshold",
    "For the lesson's friendship network (1,000 people, 6 ties each, rewire 0.1, seed 1), what is the"
    " epidemic threshold T_c = <k> / (<k^2> - <k>)? Answer to two decimals.",
    answer=lambda: diffusion.epidemic_threshold(networks.friendship_network(1000, 6, 0.1, seed=1)),
    tolerance=0.005,
    hint="Everyone has about 6 ties, so <k^2> is about 36; or call diffusion.epidemic_threshold(G).",
    explanation="About 0.2: on this network something that passes along a tie less often than one time in five"
    " dies out, whatever the network does.",
)

centola = ChoiceQuestion(
    "how_things_spread.centola",
    "A behaviour needs two adopting contacts (complex contagion). Started by one group of friends, what happens"
    " on the clustered friendship network and on the same network with its ties shuffled?",
    [
        "it reaches more people on the shuffled network, because shortcuts make paths short",
        "complex contagion reaches almost everyone on the clustered network and stalls on the shuffled one",
        "it reaches the same share on both, because everyone has the same number of ties",
        "it stalls on both, because two contacts is too high a bar",
    ],
    answer_fingerprint="aaa7182105e45ce7",
    hint='In the explorer choose model "complex contagion", strategy "one cluster", then switch the network.',
    feedback={
        "a": "Short paths help simple contagion. Does a shortcut ever bring a second adopting contact?",
        "c": "Degrees match, but which contacts know each other differs.",
        "d": "Try it on the clustered network first.",
    },
    explanation="Clustered ties give each new person two adopting contacts at once; shuffled ties scatter them"
    " (Centola 2010 found the same with real people).",
)

QUESTIONS = [peak_time, ratio, best_strategy, threshold_value, centola]
