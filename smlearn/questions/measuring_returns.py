"""Self-check questions of lesson 08, Measuring returns.

Use them in the lesson like this::

    from smlearn.questions import measuring_returns as quiz
    my_answer = ...   # replace ... with your answer
    quiz.engagement.check(my_answer)

Numeric answers are computed from the ``post_metrics`` data set with
:mod:`smlearn.models.returns` when they are checked.

Examples
--------
>>> engagement.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> paid.check("z")
✘ Choose one of the letters a, b, c, d; got 'z'.
"""

from __future__ import annotations

import functools

from smlearn import data, flips
from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import returns

__all__ = ["QUESTIONS", "SMALL", "VERDICT", "RANGES", "verdict_report", "joint_report", "engagement", "conversion", "paid", "small_sample",
           "duplicates", "real_posts", "profile_clicks"]

# The small sample the lesson looks at: 10 posts of each type, sample number 3.
SMALL = {"sample_size": 10, "sample": 3}


# The lesson's verdict: a sample of posts shows the true gap between videos and photos (videos
# engage 6 % of the people they reach, photos 5 %, as the course data were made). It holds when
# more than half of such samples show it (the comparison's interval lies wholly above zero): the
# line is at 50 % because "most samples" means more than half; the usual convention for planning
# a study (80 % power) is stated beside it in the lesson.
VERDICT = flips.Verdict("a sample of posts shows that videos engage more than photos, in most samples",
                        measure=lambda share: share, threshold=0.5, holds="above",
                        unit="how often a sample shows the gap (detection rate)")

# Plausible ranges of the settings nobody knows for a real page: a true gap of 10-40 % (videos
# 5.5-7 % against photos' 5 %), and reach log-sd 0.3-1.5 (the real X/Twitter export in the
# course data has 1.6). The posts per type are the analyst's choice, not a guess: the joint
# draws hold them fixed (joint_report).
RANGES = {"lift": (1.1, 1.4), "reach_spread": (0.3, 1.5)}

# Cheap enough for a lesson cell (about 3 s): 400 simulated samples per run, 11 steps per setting, 48 settings together.
_REPORT_SETTINGS = {"fixed": {"data_sets": 400}, "steps": 11, "samples": 48, "seed": 0, "ranges": RANGES}


@functools.lru_cache(maxsize=4)
def joint_report(posts):
    """``flips.analyse`` of :data:`VERDICT` over :data:`smlearn.models.returns.DETECTION_PARAMS`
    with the posts per type held at ``posts`` (the analyst's choice, not a guess): only the
    unknowns (the true gap, the spread of post rates, the spread of reach) are moved, in the
    plausible :data:`RANGES`."""
    settings = dict(_REPORT_SETTINGS, fixed={"data_sets": 400, "posts": posts})
    return flips.analyse(returns.detection_rate, VERDICT, returns.DETECTION_PARAMS, **settings)


def verdict_report():
    """The lesson's chart: :func:`joint_report` at its 10 posts per type (the lesson and its
    checked facts run this same analysis)."""
    return joint_report(SMALL["sample_size"])


def _posts():
    return data.load("post_metrics")


def _example_duplicates():
    """Duplicate rows the loader drops from the lesson's example export."""
    import tempfile
    from pathlib import Path

    from smlearn.exports import load_export, write_example

    with tempfile.TemporaryDirectory() as folder:
        return load_export(write_example(Path(folder)))[1].problems["duplicate_rows"]


engagement = NumericQuestion(
    "measuring_returns.engagement",
    "Over all 600 posts, what is the engagement rate by reach, in percent (e.g. 4.2 for 4.2 %)?",
    answer=lambda: 100 * returns.metric_value(_posts(), "engagement_rate_reach"),
    tolerance=0.05,
    unit="%",
    hint="All engaged users divided by all reach (a ratio of sums), times 100:"
    " returns.metric_value(posts, 'engagement_rate_reach').",
    explanation="About one person in twenty who sees a post does something with it.",
)

conversion = NumericQuestion(
    "measuring_returns.conversion",
    "Over all posts, what share of clicks became conversions, in percent?",
    answer=lambda: 100 * returns.metric_value(_posts(), "conversion_rate"),
    tolerance=0.05,
    unit="%",
    hint="Read the funnel table: the share_of_previous of the conversions stage, times 100.",
    explanation="Each stage of the funnel keeps only a small share of the one before: of over half a million"
    " people reached, about a hundred end in a sale or sign-up.",
)

paid = ChoiceQuestion(
    "measuring_returns.paid",
    "Paid posts have about three times the engagement rate by followers of unpaid posts, but the same rate"
    " by reach. Why?",
    [
        "Paid posts are better posts, so more people engage",
        "Paid posts are shown to more people; the people who see them engage at the usual rate",
        "Followers engage more when they know a post is paid",
        "The rate by followers is wrong and should never be used",
    ],
    answer_fingerprint="10497295e08c3fb2",
    hint="Compare the reach of paid and unpaid posts in returns.summarize(posts, by='paid').",
    feedback={
        "a": "If they were better posts, the rate by reach would be higher too.",
        "c": "The rate by reach, which counts only people who saw the post, does not change.",
        "d": "It answers a different question: how much engagement per follower you bought or earned.",
    },
    explanation="The rate by followers mixes how good a post is with how far it travelled; the rate by reach"
    " measures only the first. Money buys reach, not better posts.",
)

small_sample = ChoiceQuestion(
    "measuring_returns.small_sample",
    "In sample 3 with 10 posts of each type (quiz.SMALL), photos look more engaging than videos."
    " What should you conclude?",
    [
        "Photos engage more, so the page should post more photos",
        "Videos engage more, so this sample must have been drawn wrongly",
        "The gap is within what chance gives with this few posts: collect more before deciding",
        "Rates of different post types can never be compared fairly",
    ],
    answer_fingerprint="6252062c2e30014b",
    hint="Look at the intervals and at prob_b_better, then move the sample slider.",
    feedback={
        "a": "The intervals overlap widely, and the weighted mean even puts videos ahead: that is no evidence"
             " for photos.",
        "b": "A sample is not wrong; it is small. Over all posts videos do engage more, but this sample cannot show it.",
        "d": "They can, with enough posts: try sample_size=90.",
    },
    explanation="Ten posts are too few to tell rates a point apart: the intervals overlap, the probability"
    " that videos are better is far from 0.95, and one photo with a large reach decides the ratio of sums.",
)

duplicates = NumericQuestion(
    "measuring_returns.duplicates",
    "How many rows did the loader drop from the example export because they repeated an earlier row?",
    answer=_example_duplicates,
    unit="rows",
    hint="Read report.problems['duplicate_rows'] (or the printed report).",
    explanation="The loader drops exact duplicates and says so; missing cells and disagreeing totals are"
    " kept and counted, for you to decide.",
)



# ---- The real account (lesson 08's real-data section) -------------------------------------------

@functools.lru_cache(maxsize=1)
def _real_posts():
    from smlearn.exports import load_export

    return load_export(data.path("x_analytics_posts"), kind="x_posts")[0]


def real_posts():
    """The six monthly X/Twitter exports of the course's real account, one row per post (a copy)."""
    return _real_posts().copy()


def _clicks_per_thousand(posts, average_of_rates=False):
    """Profile clicks per 1,000 impressions over ``posts``: a ratio of sums, or (a mistake) the mean of the posts' rates."""
    if average_of_rates:
        return float(1000 * (posts["user_profile_clicks"] / posts["impressions"]).astype(float).mean())
    return float(1000 * posts["user_profile_clicks"].sum() / posts["impressions"].sum())


def _stand_alone():
    from smlearn.realdata.analytics import is_reply

    posts = _real_posts()
    return posts[~is_reply(posts)]


profile_clicks = NumericQuestion(
    "measuring_returns.profile_clicks",
    "On the real account's stand-alone tweets (not replies), how many profile clicks came per 1,000 impressions?"
    " Compute it as a ratio of sums.",
    answer=lambda: _clicks_per_thousand(_stand_alone()),
    rel_tolerance=0.01,
    unit="per 1,000 impressions",
    hint="Keep the posts that are not replies (real_posts[~replies]), then 1000 * the sum of"
    " user_profile_clicks / the sum of impressions.",
    slips=[
        (lambda: _clicks_per_thousand(_stand_alone(), average_of_rates=True),
         ("That is the mean of the posts' own rates: a post shown 12 times counts as much as one shown 100,000 times."
          " Divide the sums instead.")),
        (lambda: _clicks_per_thousand(_real_posts()), "That is the rate over every post, replies included."),
        (lambda: _clicks_per_thousand(_real_posts()[~_real_posts().index.isin(_stand_alone().index)]),
         "That is the rate of the replies, not of the stand-alone tweets."),
        (lambda: _clicks_per_thousand(_stand_alone()) / 1000, "That is per impression: multiply by 1,000."),
        (lambda: _clicks_per_thousand(_stand_alone()) / 10, "That is a percentage: the question asks per 1,000 impressions."),
    ],
    explanation="About two profile clicks per 1,000 times a stand-alone tweet was shown: the step from"
    " seeing a post to looking at who wrote it is narrow.",
)

QUESTIONS = [engagement, conversion, paid, small_sample, duplicates, profile_clicks]
