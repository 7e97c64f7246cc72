"""Self-check questions of lesson 08, Measuring returns.

Use them in the lesson like this::

    from smlearn.questions import measuring_returns as quiz
    my_answer = ...   # replace ... with your answer
    quiz.engagement.check(my_answer)

Numeric answers are computed from the ``post_metrics`` data set with
:mod:`smlearn.models.returns`, :mod:`smlearn.models.bootstrap` and :mod:`smlearn.models.interval_studies`
when they are checked.

Examples
--------
>>> engagement.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> paid.check("z")
✘ Choose one of the letters a, b, c, d, or type an option's text; got 'z'.
"""

from __future__ import annotations

import functools

from smlearn import data, flips
from smlearn.exercises import Case, ChoiceQuestion, CodeQuestion, NumericQuestion
from smlearn.models import bootstrap, interval_studies, returns

__all__ = ["QUESTIONS", "SMALL", "VERDICT", "RANGES", "verdict_report", "joint_report", "engagement", "conversion", "paid", "small_sample",
           "duplicates", "real_posts", "click_interval"]

# The small sample the lesson looks at: 10 posts of each type, the sample drawn with seed 3.
SMALL = {"sample_size": 10, "seed": 3}


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
    """``flips.analyse`` of :data:`VERDICT` over :data:`smlearn.models.interval_studies.DETECTION_PARAMS`
    with the posts per type held at ``posts`` (the analyst's choice, not a guess): only the
    unknowns (the true gap, the spread of post rates, the spread of reach) are moved, in the
    plausible :data:`RANGES`."""
    settings = dict(_REPORT_SETTINGS, fixed={"data_sets": 400, "posts": posts})
    return flips.analyse(interval_studies.detection_rate, VERDICT, interval_studies.DETECTION_PARAMS, **settings)


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


def engagement_by_hand(posts):
    """The engagement rate by reach and by followers over ``posts``, in %: each a ratio of sums.

    Examples
    --------
    >>> import pandas as pd
    >>> two = pd.DataFrame({"engaged_users": [10, 90], "reach": [100, 3000], "followers": [1000, 1000]})
    >>> [round(float(rate), 2) for rate in engagement_by_hand(two)]    # 100 / 3100 and 100 / 2000, not means of rates
    [3.23, 5.0]
    """
    by_reach = 100 * posts["engaged_users"].sum() / posts["reach"].sum()
    by_followers = 100 * posts["engaged_users"].sum() / posts["followers"].sum()
    return by_reach, by_followers


def _model_rates(posts):
    """What :mod:`smlearn.models.returns` says the two rates are, in %."""
    return (100 * returns.metric_value(posts, "engagement_rate_reach"),
            100 * returns.metric_value(posts, "engagement_rate_followers"))


def _rates_case(posts, words):
    return Case((posts.reset_index(drop=True),), words, expected=_model_rates(posts))


def _random_posts(rng):
    rows = sorted(rng.sample(range(600), rng.randint(2, 60)))
    return _rates_case(_posts().iloc[rows], f"{len(rows)} posts drawn at random from the 600")


def _rates_cases():
    import pandas as pd

    posts = _posts()
    two = pd.DataFrame({"engaged_users": [10, 90], "reach": [100, 3000], "followers": [1000, 1000]})
    return [_rates_case(two, "two posts: 10 of 100 people engaged, and 90 of 3,000 (a ratio of sums, not a mean of rates;"
                        " the followers column's sum, 2,000, not the page's 1,000 followers)"),
            _rates_case(posts.head(10), "the first ten posts"),
            _rates_case(posts[posts["paid"]], "the paid posts"),
            _rates_case(posts, "all 600 posts")]


engagement = CodeQuestion(
    "measuring_returns.engagement",
    "Write engagement_rates(posts): the engagement rate by reach and the engagement rate by followers over"
    " the posts, in percent, as a pair (by_reach, by_followers). Each is a ratio of sums: the sum of the"
    " engaged_users column divided by the sum of the reach column (or the sum of the followers column, one value"
    " per post), times 100. The check compares it with returns.metric_value.",
    cases=_rates_cases(),
    reference=engagement_by_hand,
    extra=_random_posts,
    hint="posts[\"engaged_users\"].sum() adds up a column; divide by posts[\"reach\"].sum() (or by"
    " posts[\"followers\"].sum(), one value per post, not the page's follower count),"
    " times 100. Not .mean() of each post's rate: a post seen by thousands should count for more.",
    worked_hint="For the two posts: (10 + 90) / (100 + 3000) x 100 = 3.23 % by reach, (10 + 90) / (1000 + 1000)"
    " x 100 = 5 % by followers. Write the same with the columns' sums.",
    solution_code="""def engagement_rates(posts):
    engaged = posts["engaged_users"].sum()
    by_reach = 100 * engaged / posts["reach"].sum()
    by_followers = 100 * engaged / posts["followers"].sum()
    return by_reach, by_followers""",
    explanation="About one person in twenty who sees a post does something with it, but under one follower in a"
    " hundred: the rate by followers also counts how few of them saw the post.",
)

conversion = NumericQuestion(
    "measuring_returns.conversion",
    "Over all posts, what share of clicks became conversions, in percent?",
    answer=lambda: 100 * returns.metric_value(_posts(), "conversion_rate"),
    tolerance=0.05,
    unit="%",
    hint="Read the funnel table: the share_of_previous of the conversions stage, times 100.",
    explanation="Each stage of the funnel keeps only a small share of the one before: of over half a million"
    " people reached (per post, added up), 118 end in a sale or sign-up.",
)

paid = ChoiceQuestion(
    "measuring_returns.paid",
    "Look at the two bar charts, paid posts beside unpaid ones. What explains the two rates?",
    [
        "Paid posts are better posts, so more of the people who see them engage",
        "Followers saw paid posts more often, so each follower engaged more",
        "The rate by followers is a faulty measure, so its gap means nothing",
        "Paid posts reach more people, who engage at the usual rate",
    ],
    answer_fingerprint="35bd97b5474f1289",
    hint="Compare the reach of paid and unpaid posts in returns.summarize(posts, by='paid').",
    feedback={
        "a": "That reads the rate by followers as a measure of post quality (a common mix-up). If they were"
        " better posts, the rate by reach would be higher too.",
        "b": "That reads the rate by followers as what followers do (a common mix-up): it divides everyone who"
        " engaged, most of them not followers, by the followers. Per person who saw a post, in the rate by"
        " reach, paid and unpaid posts engage alike.",
        "c": "It answers a different question, how much engagement per follower you bought or earned; it"
        " misleads only when it is read as post quality (a common mix-up).",
    },
    explanation="The rate by followers mixes how good a post is with how far it travelled; the rate by reach"
    " measures only the first. Money buys reach, not better posts.",
)

small_sample = ChoiceQuestion(
    "measuring_returns.small_sample",
    "In the explorer's sample (10 posts of each type), photos look more engaging than videos by the ratio of"
    " sums. What should you conclude?",
    [
        "Photos engage more: the page should post more photos",
        "Ten posts of each cannot tell: collect more first",
        "Videos engage more: this sample was drawn wrongly",
        "Videos win: the weighted mean puts them ahead",
    ],
    answer_fingerprint="35ed172090466523",
    hint="Look at the intervals and at the probability P in the chart's title, then move the sample slider.",
    feedback={
        "a": "That treats a small-sample difference as real (a common mix-up). The intervals overlap widely,"
             " and the weighted mean even puts videos ahead: that is no evidence for photos.",
        "c": "A sample is not wrong; it is small (a common mix-up: expecting ten posts to mirror all of them)."
             " Over all posts videos do engage more, but this sample cannot show it.",
        "d": "That trusts one estimate from ten posts, the same mix-up as trusting the photos' lead: the"
             " probability P in the chart's title that videos are better is short of 0.95.",
    },
    explanation="Ten posts are too few to tell rates a point apart: the intervals overlap, the probability"
    " that videos are better is short of 0.95, and one photo with a large reach decides the ratio of sums.",
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


def _stand_alone():
    from smlearn.realdata.analytics import is_reply

    posts = _real_posts()
    return posts[~is_reply(posts)]


def _replies():
    from smlearn.realdata.analytics import is_reply

    posts = _real_posts()
    return posts[is_reply(posts)]


def bootstrap_by_hand(clicks, impressions, draws=2000, seed=1):
    """A percentile bootstrap interval (low, high) of clicks per 1,000 impressions (a ratio of sums), drawn with ``seed``.

    Each draw picks as many posts as there are, with replacement, and keeps the ratio of sums;
    the middle 95 % of the draws is the interval. With the same seed it draws the same posts as
    :func:`smlearn.models.bootstrap.bootstrap_distribution`.

    Examples
    --------
    >>> import numpy as np
    >>> low, high = bootstrap_by_hand(np.array([3, 5, 2, 8]), np.array([50, 60, 40, 90]), draws=1000, seed=1)
    >>> bool(low <= 1000 * 18 / 240 <= high)
    True
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    rates = []
    for _ in range(draws):
        picks = rng.integers(0, len(clicks), len(clicks))
        rates.append(1000 * clicks[picks].sum() / impressions[picks].sum())
    low, high = np.percentile(rates, [2.5, 97.5])
    return low, high


def _model_interval(clicks, impressions, draws=2000, seed=1):
    """The model's own bootstrap: :func:`smlearn.models.bootstrap.bootstrap_distribution`'s two ends, per 1,000."""
    resampled = bootstrap.bootstrap_distribution(clicks, impressions, n_resamples=draws, seed=seed)
    return 1000 * resampled.low, 1000 * resampled.high


def _interval_case(clicks, impressions, words, draws=2000, seed=1):
    import numpy as np

    args = (np.asarray(clicks, dtype=float), np.asarray(impressions, dtype=float), draws, seed)
    return Case(args, words, expected=_model_interval(*args))


def _random_interval(rng):
    size, seed = rng.randint(30, 80), rng.randint(0, 999)
    impressions = [rng.randint(20, 5000) for _ in range(size)]
    clicks = [rng.randint(0, max(1, n // 50)) for n in impressions]
    return _interval_case(clicks, impressions, f"{size} made-up posts, seed {seed}", seed=seed)


def _interval_cases():
    stand_alone, replies = _stand_alone(), _replies()
    return [_interval_case([5, 5, 10], [100, 100, 200], "three posts of one rate: every draw gives 50 per 1,000",
                           draws=200),
            _interval_case([2, 3, 4, 5, 6, 7], [100] * 6, "six posts of 2 to 7 clicks per 100 impressions: the draws"
                           " must differ (drawn without replacement, every draw holds all six posts and the interval"
                           " has zero width)"),
            _interval_case([0, 1, 0, 2, 0, 0, 1, 30], [200, 300, 100, 400, 150, 250, 300, 500],
                           "eight posts, one far above the rest: the draws pile up on one side, so the ends are the"
                           " percentiles, not the mean plus or minus 1.96 standard deviations"),
            _interval_case(stand_alone["user_profile_clicks"], stand_alone["impressions"],
                           "the real account's stand-alone tweets' profile clicks"),
            _interval_case(replies["user_profile_clicks"], replies["impressions"],
                           "the real account's replies' profile clicks")]


click_interval = CodeQuestion(
    "measuring_returns.click_interval",
    "Write bootstrap_interval(clicks, impressions, draws=2000, seed=1): a 95 % bootstrap interval (low, high)"
    " for clicks per 1,000 impressions, 1000 x all clicks / all impressions. Make a generator rng = np.random.default_rng(seed); in each of draws"
    " rounds pick as many posts as there are, with replacement (rng.integers), and keep their clicks per"
    " 1,000 impressions, a ratio of sums;"
    " low and high are the 2.5th and 97.5th percentiles of those ratios. clicks and impressions are NumPy"
    " arrays. The check compares it with the model's bootstrap.bootstrap_distribution.",
    cases=_interval_cases(),
    reference=bootstrap_by_hand,
    extra=_random_interval,
    extra_count=5,
    tolerance=0.03,   # 3 %: another way to draw (rng.choice) gives ends about 1 % apart
    hint="picks = rng.integers(0, len(clicks), len(clicks)) gives positions drawn with replacement;"
    " 1000 * clicks[picks].sum() / impressions[picks].sum() is one draw's ratio of sums, per 1,000;"
    " np.percentile(rates, [2.5, 97.5]) gives the two ends.",
    worked_hint="For the three posts of one rate every draw is 1000 x 5 / 100 = 50, so the interval is (50, 50):"
    " a bootstrap cannot see beyond the posts it has. Check your loop gives that first.",
    solution_code="""def bootstrap_interval(clicks, impressions, draws=2000, seed=1):
    rng = np.random.default_rng(seed)
    rates = []
    for _ in range(draws):
        picks = rng.integers(0, len(clicks), len(clicks))   # as many posts, with replacement
        rates.append(1000 * clicks[picks].sum() / impressions[picks].sum())
    low, high = np.percentile(rates, [2.5, 97.5])
    return low, high""",
    explanation="Stand-alone tweets bring about 2.0 to 2.6 profile clicks per 1,000 impressions, replies about"
    " 3.6 to 6.1: the intervals do not overlap, so by this estimator too replies bring more profile clicks."
    " Replies in one conversation are not independent, so both intervals are too narrow.",
)

QUESTIONS = [engagement, conversion, paid, small_sample, duplicates, click_interval]
