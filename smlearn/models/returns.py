r"""Returns: what the usual social media metrics measure, and how sure you can be of them.

The claim
---------
Source C says the returns of social media are measured with analytics (engagement,
followers, sales) and are not simple, while the returns of networking are easy to
count: see how much your network grows. Source A doubts that networking leads turn
into business at all. This module defines the media side's metrics exactly, builds
the funnel from people who saw a post to people who bought, and puts an honest
interval round every number, so that a learner sees when a difference between two
kinds of post is real and when it is luck.

The metrics (one post, or a set of posts added up)
--------------------------------------------------
- **reach**: different people who saw the post at least once.
- **impressions**: times the post was shown, repeats included (so impressions >= reach;
  impressions / reach is the *frequency*).
- **engaged users**: different people who liked, commented, shared or clicked.
- **engagement rate by reach** = engaged users / reach: of the people who saw it, how
  many did something. It measures the *post*.
- **engagement rate by followers** = engaged users / followers: it measures the post
  *and* how far it travelled. It differs from the rate by reach because most followers
  never see a given post (organic reach is a small share), and because people who do
  not follow you see it too (shares, paid boosts). A paid post can have a high rate by
  followers and an ordinary rate by reach.
- **click-through rate (CTR)** = clicks / impressions.
- **conversion rate** = conversions / clicks (a sale, a sign-up, an enquiry).
- **cost per acquisition (CPA)** = spend / conversions.
- **return on investment (ROI)** = (value of the conversions - cost) / cost.
- **follower growth** = (followers at the end - at the start) / at the start.

A rate over many posts is a *ratio of sums* (all engaged users / all reach), not the
average of each post's rate, so a post seen by 5,000 people counts more than one seen
by 50.

Uncertainty
-----------
Posts are not coin flips. Each post has its own true rate (a good photo, a bad day), and
reach varies over orders of magnitude, so a few big posts can decide a ratio of sums. Two
intervals are offered, and the course measures how often each holds the truth:

*Weighted mean with a t interval* (:func:`rate_interval`, the one to trust). Each post's rate
is taken to scatter round the type's mean rate with a dispersion :math:`\rho` (0 for coin
flips), estimated by the method of moments [4]_; no Beta-binomial model is fitted. The mean is a weighted mean of the posts' rates with weights
:math:`n_i / (1 + (n_i - 1)\rho)`, so no post counts for more than about :math:`1/\rho`
posts; its variance is measured from how much the posts' rates really differ (a sandwich
estimate, right even when :math:`\rho` is off), and Student's t on (posts - 1) degrees of
freedom pays for measuring that spread from the same few posts, instead of treating it as
known. The interval is a Wilson score interval [5]_ with that t quantile and the effective
number of people, so it stays in [0, 1] and has a positive upper end when nothing
converted. It estimates the type's mean rate (the weighted mean of the posts' own rates), not
the ratio of sums, and is checked against that. On simulated posts like real exports a 95 %
interval holds the truth 93-97 % of the time at 10, 30 and 100 posts; across the corners of
the settings lesson 08 uses, about 91-98 % (tests/test_returns_coverage.py). Two types are compared
with Welch's t on the difference of their means (:func:`compare_types`).

*Percentile bootstrap* (:func:`bootstrap_interval`). Draw as many posts as you have, with
replacement, compute the ratio of sums, repeat; the middle 95 % is the interval [1]_. It is
what most tools show, and it is too narrow on few posts that differ: it holds the truth
about 85 % of the time at 10 posts. It is kept to show that, and flagged below
:data:`BOOTSTRAP_MIN_POSTS`.

**Below 10 posts (:data:`MIN_POSTS`) no interval for a rate is trustworthy**: the spread
between posts, which sets the width, is itself guessed from too few posts (with very varied
posts coverage falls to about 92 % at 5 posts, and the intervals are too wide to decide
anything). The functions say so (``trustworthy=False``, and :func:`rate_interval` warns).
Missing cells are never read as zeros: rates of sums refuse them (:func:`metric_value`) or
leave the rows out and count them (``missing``).

The plain Beta posterior :math:`\mathrm{Beta}(1 + s, 1 + n - s)` [2]_ and the design effect
[3]_ (how much more posts vary than coin flips) remain as teaching tools.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the metrics measure ``find-broadcast``: posts
seen, liked and shared by an audience that found them.

References
----------
.. [1] Efron, B. and Tibshirani, R. J. (1993). An Introduction to the Bootstrap.
   Chapman & Hall, chapter 13 (percentile intervals).
.. [2] Gelman, A., Carlin, J. B., Stern, H. S., Dunson, D. B., Vehtari, A. and Rubin,
   D. B. (2013). Bayesian Data Analysis, 3rd ed. CRC Press, section 2.4.
.. [3] Kish, L. (1965). Survey Sampling. Wiley, section 8.2 (design effect of cluster
   samples).
.. [4] Kleinman, J. C. (1973). Proportions with extraneous variance: single and independent
   samples. Journal of the American Statistical Association 68(341), 46-54.
.. [5] Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
   inference. Journal of the American Statistical Association 22(158), 209-212.

Examples
--------
>>> from smlearn import data
>>> from smlearn.models import returns
>>> posts = data.load("post_metrics")
>>> round(returns.metric_value(posts, "engagement_rate_reach"), 4)
0.0515
"""

from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smlearn.params import (Choice, FrozenParams, Param, check_items, check_number, check_params, check_seed, check_text,
                            defaults_from)
from smlearn.profile import apply_profile
from smlearn.vocabulary import POST_TYPES   # shared with the export reader; part of this module's __all__

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["METRICS", "POST_TYPES", "PARAMS", "engagement_rate", "click_through_rate", "conversion_rate",
           "cost_per_acquisition", "roi", "follower_growth", "metric_value", "add_metrics", "summarize",
           "funnel", "impressions_per_person", "reach_spread", "bootstrap_interval", "Comparison", "compare_types",
           "estimate_by_type", "interval_coverage", "rate_interval", "RateInterval", "Interval",
           "simulate_posts", "coverage_check", "MIN_POSTS", "BOOTSTRAP_MIN_POSTS", "DETECTION_PARAMS",
           "detection_rate", "BootstrapDistribution", "bootstrap_distribution"]

# metric -> (numerator column, denominator column, words)
METRICS = {
    "engagement_rate_reach": ("engaged_users", "reach", "engaged users per person reached"),
    "engagement_rate_followers": ("engaged_users", "followers", "engaged users per follower"),
    "ctr": ("clicks", "impressions", "clicks per impression"),
    "conversion_rate": ("conversions", "clicks", "conversions per click"),
}

PARAMS: dict[str, Param | Choice] = apply_profile("returns", {p.name: p for p in [
    Choice("metric", "engagement_rate_reach", tuple(METRICS), "Metric",
           "Which rate to estimate for each post type."),
    Choice("type_a", "photo", POST_TYPES, "Post type A", "The first kind of post to compare."),
    Choice("type_b", "video", POST_TYPES, "Post type B", "The second kind of post to compare."),
    Param("sample_size", 10, 3, 90, 1, "Posts per type", "posts",
          "How many posts of each type are drawn from the data set (your sample)."),
    Param("sample", 0, 0, 99, 1, "Which sample", "number",
          "Which random sample of posts: change it to see how much another sample differs."),
    Param("level", 0.95, 0.5, 0.99, 0.01, "Interval level", "share",
          "How sure the intervals are meant to be (0.95 = 95 %)."),
]})


# ---- The metrics, one small function each ------------------------------------------------

def _amounts(**named):
    """Each value as floats, or a clear error: counts and money are numbers >= 0.

    A single value must be a finite number; in a column (an array or a table's column) a
    missing cell stays missing (nan) and makes that row's result missing too, never a number.
    Booleans, text and None are refused: ``True`` is not a count, and "5" is not a number here.
    """
    out = []
    for name, value in named.items():
        if value is None or isinstance(value, (bool, np.bool_, str, bytes)):
            raise TypeError(f"{name} must be a number >= 0 (a count or an amount of money), or a column of them;"
                            f" got {value!r} of type {type(value).__name__}")
        array = np.asarray(value)
        if array.dtype.kind not in "iuf":
            raise TypeError(f"{name} must be a number >= 0 (a count or an amount of money), or a column of them;"
                            f" got values of type {array.dtype}")
        array = array.astype(float)
        if array.ndim > 0 and array.size == 0:
            raise ValueError(f"{name} must be a number >= 0 or a column with at least one value; got an empty column")
        if array.ndim == 0 and np.isnan(array):
            raise ValueError(f"{name} must be a finite number >= 0; got nan (a missing value)")
        if np.isinf(array).any():
            raise ValueError(f"{name} must be finite; got an infinite value")
        if (array < 0).any():
            raise ValueError(f"{name} must be >= 0 (a count or an amount cannot be negative); got "
                             f"{float(array) if array.ndim == 0 else float(np.nanmin(array))}")
        out.append(array)
    return out


def _single_amounts(**named):
    """Each value as one float >= 0 (a total for a campaign, not a column), or a clear error."""
    arrays = _amounts(**named)
    for name, array in zip(named, arrays):
        if array.ndim != 0:
            raise TypeError(f"{name} must be one number >= 0 (a total), not a column; got {array.size} values")
    return [float(array) for array in arrays]


def _ratio(numerator, denominator, names=("numerator", "denominator")):
    """numerator / denominator, elementwise; nan where the denominator is 0."""
    num, den = _amounts(**{names[0]: numerator, names[1]: denominator})
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den != 0, num / np.where(den != 0, den, 1), np.nan)
    return float(out) if out.ndim == 0 else out


def engagement_rate(engaged_users, base):
    """Engaged users divided by ``base`` (reach, or followers): the share who did something.

    Examples
    --------
    50 people engaged with a post seen by 1,000 people, on a page of 10,000 followers:

    >>> engagement_rate(50, 1000), engagement_rate(50, 10000)
    (0.05, 0.005)
    """
    return _ratio(engaged_users, base, ("engaged_users", "base"))


def click_through_rate(clicks, impressions):
    """Clicks per impression.

    Examples
    --------
    >>> click_through_rate(12, 2400)
    0.005
    """
    return _ratio(clicks, impressions, ("clicks", "impressions"))


def conversion_rate(conversions, clicks):
    """Conversions (sales, sign-ups) per click.

    Examples
    --------
    >>> conversion_rate(3, 120)
    0.025
    """
    return _ratio(conversions, clicks, ("conversions", "clicks"))


def cost_per_acquisition(spend, conversions):
    """Money spent per conversion; ``inf`` when money was spent and nobody converted.

    Examples
    --------
    >>> cost_per_acquisition(200.0, 8), cost_per_acquisition(50.0, 0)
    (25.0, inf)
    """
    spend, conversions = _single_amounts(spend=spend, conversions=conversions)
    if conversions == 0:
        return float("inf") if spend > 0 else float("nan")
    return spend / conversions


def roi(value, cost):
    """Return on investment: (value gained - cost) / cost. 0.5 means 50 % more back than spent.

    Examples
    --------
    >>> roi(300.0, 200.0)
    0.5
    """
    value, cost = _single_amounts(value=value, cost=cost)
    if cost == 0:
        return float("nan")
    return (value - cost) / cost


def follower_growth(start, end):
    """Growth of the follower count as a share of the start: (end - start) / start.

    Examples
    --------
    >>> follower_growth(4000, 5000)
    0.25
    """
    start, end = _single_amounts(start=start, end=end)
    return (end - start) / start if start > 0 else float("nan")   # no followers to grow from: no share


# ---- Tables of posts --------------------------------------------------------------------------

_NEEDED = ["type", "reach", "impressions", "engaged_users", "clicks", "conversions", "followers", "spend"]


def _check_posts(posts, columns=None):
    """Raise a clear error unless ``posts`` is a non-empty table with ``columns``."""
    if not isinstance(posts, pd.DataFrame):
        raise TypeError(f"posts must be a pandas DataFrame of posts (e.g. data.load('post_metrics')); "
                        f"got {type(posts).__name__}")
    if posts.empty:
        raise ValueError("posts is empty: there are no posts to measure")
    missing = [c for c in (columns or []) if c not in posts.columns]
    if missing:
        raise ValueError(f"posts lacks the column(s) {', '.join(missing)}; it has: {', '.join(map(str, posts.columns))}")


def _check_metric(metric):
    return METRICS[PARAMS["metric"].check(metric)]


def _check_type(name, value, posts=None):
    PARAMS[name].check(value)         # name is "type_a" or "type_b"
    if posts is not None and not (posts["type"] == value).any():
        raise ValueError(f"{name}: there are no posts of type {value!r} in posts")
    return value


def metric_value(posts, metric):
    """A rate over a set of posts, as a ratio of sums.

    Parameters
    ----------
    posts : pandas.DataFrame
        One row per post, with the counts the metric needs.
    metric : str
        One of :data:`METRICS`: 'engagement_rate_reach', 'engagement_rate_followers',
        'ctr', 'conversion_rate'.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``posts`` is not a DataFrame.
    ValueError
        If ``posts`` is empty, lacks a column, has a missing cell in the metric's two columns
        (the message says how many rows), or ``metric`` is unknown.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"engaged_users": [10, 90], "reach": [100, 3000]})
    >>> metric_value(posts, "engagement_rate_reach")          # 100 / 3100, not mean(0.1, 0.03)
    0.03225806451612903
    """
    numerator, denominator, _ = _check_metric(metric)
    _check_posts(posts, [numerator, denominator])
    s, n, missing = _counts(posts, numerator, denominator)
    if missing:
        # Summing a column with gaps would quietly lower (or raise) the rate: refuse instead.
        raise ValueError(f"posts has {missing} row(s) with a missing {numerator} or {denominator}; a rate of sums "
                         f"needs both cells in every row. Leave those rows out first (e.g. posts.dropna(subset="
                         f"['{numerator}', '{denominator}'])) and report how many you left out")
    return _ratio(s.sum(), n.sum())


def add_metrics(posts):
    """Return a copy of ``posts`` with one column per metric, post by post.

    Examples
    --------
    >>> from smlearn import data
    >>> table = add_metrics(data.load("post_metrics"))
    >>> table[["type", "engagement_rate_reach", "ctr"]].head(2).round(4)
        type  engagement_rate_reach     ctr
    0  photo                 0.0537  0.0043
    1  photo                 0.0468  0.0022
    """
    _check_posts(posts, [c for m in METRICS.values() for c in m[:2]])
    table = posts.copy()
    for metric, (numerator, denominator, _) in METRICS.items():
        table[metric] = _ratio(posts[numerator].to_numpy(dtype=float), posts[denominator].to_numpy(dtype=float))
    return table


def summarize(posts, *, by="type", value_per_conversion=60.0):
    """One row per group (post type by default): counts, rates, CPA and ROI of the spend.

    Parameters
    ----------
    posts : pandas.DataFrame
        One row per post.
    by : str, default 'type'
        The column to group by (e.g. 'type' or 'paid').
    value_per_conversion : float, default 60
        What one conversion is worth, in $ (illustrative), for ROI.

    Returns
    -------
    pandas.DataFrame
        Rows with a missing count are left out and counted per group in ``missing``.

    Raises
    ------
    TypeError, ValueError
        If ``posts`` is not a non-empty table with the needed columns, or ``by`` is
        not one of its columns.

    Examples
    --------
    >>> from smlearn import data
    >>> summarize(data.load("post_metrics"))[["posts", "engagement_rate_reach", "ctr"]].round(4)
            posts  engagement_rate_reach     ctr
    type
    photo     229                 0.0497  0.0031
    video     120                 0.0619  0.0045
    link      147                 0.0339  0.0120
    status    104                 0.0558  0.0018
    """
    _check_posts(posts, _NEEDED)
    check_text("by", by)
    value_per_conversion = check_number("value_per_conversion", value_per_conversion, 0, unit="$ per conversion")
    if by not in posts.columns:
        raise ValueError(f"by must be a column of posts; got {by!r}; the columns are: {', '.join(map(str, posts.columns))}")
    counts = ["reach", "impressions", "engaged_users", "clicks", "conversions", "spend", "followers"]
    gaps = posts[counts].isna().any(axis=1)
    # Rows with a missing count are left out of every rate (a gap summed as zero would lower the
    # rate) and counted per group in the column "missing".
    missing_by_group = gaps.groupby(posts[by], observed=True).sum()
    posts = posts[~gaps]
    if posts.empty:
        raise ValueError(f"every row of posts has a missing cell in one of {', '.join(counts)}: nothing to summarize")
    groups = posts.groupby(by, observed=True)
    sums = groups[["reach", "impressions", "engaged_users", "clicks", "conversions", "spend"]].sum().astype(float)
    table = pd.DataFrame({"posts": groups.size()})
    for column in sums:
        table[column] = sums[column]
    table["followers"] = groups["followers"].mean()
    table["engagement_rate_reach"] = _ratio(sums["engaged_users"], sums["reach"])
    table["engagement_rate_followers"] = _ratio(sums["engaged_users"], groups["followers"].sum())
    table["ctr"] = _ratio(sums["clicks"], sums["impressions"])
    table["conversion_rate"] = _ratio(sums["conversions"], sums["clicks"])
    table["cpa"] = [cost_per_acquisition(s, c) for s, c in zip(sums["spend"], sums["conversions"])]
    table["roi"] = [roi(value_per_conversion * c, s) for s, c in zip(sums["spend"], sums["conversions"])]
    table["missing"] = missing_by_group.reindex(table.index, fill_value=0).astype(int)
    return table


# The funnel counts people, so it starts at reach. Impressions count views (several per
# person), so they are not a stage people drop out of: see impressions_per_person.
FUNNEL_STAGES = ("reach", "engaged_users", "clicks", "conversions")


def funnel(posts, *, stages=FUNNEL_STAGES):
    """The funnel: how many people are left at each stage, and what share of the stage before.

    The stages count people: those who saw a post (reach), did anything with it
    (engaged users), clicked, and converted. Impressions are not a stage: they count
    views, several per person (see :func:`impressions_per_person`).

    Parameters
    ----------
    posts : pandas.DataFrame
        One row per post.
    stages : sequence of str
        Count columns from widest to narrowest, each a count of people.

    Returns
    -------
    pandas.DataFrame
        Indexed by stage: count, share_of_previous, share_of_top.

    Raises
    ------
    TypeError, ValueError
        If ``posts`` is not a non-empty table with the stage columns, or a stage is
        larger than the one before it.

    Examples
    --------
    >>> from smlearn import data
    >>> funnel(data.load("post_metrics")).round(4)
                      count  share_of_previous  share_of_top
    stage
    reach          536248.0             1.0000        1.0000
    engaged_users   27597.0             0.0515        0.0515
    clicks           4122.0             0.1494        0.0077
    conversions       118.0             0.0286        0.0002
    """
    stages = check_items("stages", stages, what="count columns, widest first")
    for stage in stages:
        check_text("stages", stage)
    _check_posts(posts, stages)
    counts = posts[stages].sum().astype(float)
    wider = counts.shift(1)
    grew = counts.index[(counts > wider).to_numpy()]
    if len(grew):
        raise ValueError(f"a funnel narrows, but stage {grew[0]!r} ({counts[grew[0]]:,.0f}) is larger than the "
                         f"stage before it; order the stages from widest to narrowest")
    table = pd.DataFrame({"count": counts,
                          "share_of_previous": _ratio(counts, wider.fillna(counts.iloc[0])),
                          "share_of_top": _ratio(counts, counts.iloc[0])})
    table.index.name = "stage"
    return table


def impressions_per_person(posts):
    """Impressions per person reached (the *frequency*): how many times, on average, each
    person who saw the posts was shown one. A ratio of sums.

    Examples
    --------
    A post shown 300 times to 200 different people was shown 1.5 times per person:

    >>> import pandas as pd
    >>> impressions_per_person(pd.DataFrame({"impressions": [300], "reach": [200]}))
    1.5
    """
    _check_posts(posts, ["impressions", "reach"])
    return _ratio(posts["impressions"].sum(), posts["reach"].sum())


def reach_spread(reach):
    """How unequal the posts' reach is: the standard deviation of log(reach) over the posts with
    reach > 0 (the ``reach_spread`` of :func:`simulate_posts` and :data:`DETECTION_PARAMS`).
    Missing cells are left out. 0.7 spreads the middle 95 % of posts over about 15x, 1.6 over
    about 500x.

    Examples
    --------
    >>> round(reach_spread([100, 1000, 10000]), 2)
    1.88
    """
    if isinstance(reach, pd.Series) and reach.dtype.kind not in "iufb" and str(reach.dtype) != "boolean":
        # A nullable column from an export (Int64 with <NA>): plain floats, missing cells as nan.
        try:
            reach = pd.to_numeric(reach, errors="raise").astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        except (TypeError, ValueError):
            raise TypeError(f"reach must hold numbers >= 0; got values of type {reach.dtype}") from None
    (values,) = _amounts(reach=reach)
    values = np.atleast_1d(values)
    values = values[~np.isnan(values) & (values > 0)]
    if len(values) < 2:
        raise ValueError(f"reach must hold at least two posts with reach > 0; got {len(values)}")
    return float(np.log(values).std())


# ---- Uncertainty ---------------------------------------------------------------------------------

def _check_level(level):
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < level < 1:
        raise ValueError(f"level must be a number between 0 and 1 (0.95 = 95 %); got {level!r}")
    return float(level)


def _check_resamples(n_resamples, name="n_resamples"):
    return check_number(name, n_resamples, 100, 100_000, integer=True)


def _bootstrap(numerator, denominator, rng, n_resamples):
    """Ratios of sums over ``n_resamples`` samples of posts drawn with replacement."""
    n = len(numerator)
    picks = rng.integers(0, n, size=(n_resamples, n))
    with np.errstate(divide="ignore", invalid="ignore"):
        return numerator[picks].sum(axis=1) / denominator[picks].sum(axis=1)


def _middle(values, level):
    """``(low, high)``: the middle ``level`` of the finite ``values`` (NaNs if there are none)."""
    values = values[np.isfinite(values)]
    if not len(values):
        return np.nan, np.nan
    tail = (1 - level) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return float(low), float(high)


def _percentile(numerator, denominator, rng, n_resamples, level):
    """The percentile bootstrap interval ``(low, high)`` of a ratio of sums. When no post had a
    single success every resample is zero, so the upper end comes from the weighted-mean
    interval instead of collapsing to zero."""
    low, high = _middle(_bootstrap(numerator, denominator, rng, n_resamples), level)
    if numerator.sum() == 0 and denominator.sum() > 0:
        high = float(_hierarchical(numerator[None, :], denominator[None, :], level)[2][0])
        if np.isnan(high):          # fewer than 2 posts with trials: no interval at all, not [0, nan]
            low = np.nan
    return low, high


def _posterior(successes, trials, overdispersion=True):
    """Beta ``(alpha, beta, design effect)`` for a rate: a uniform prior and the counts,
    divided by the design effect when posts vary more than coin flips."""
    d = design_effect(successes, trials) if overdispersion else 1.0
    return 1 + successes.sum() / d, 1 + (trials.sum() - successes.sum()) / d, d


# ---- Honest intervals: a weighted mean of the posts' rates with a robust variance and a t quantile ---

# Below this many posts no interval for a rate is trustworthy: a 95 % interval from fewer posts
# can hold the truth far less often than 95 %, because the spread between posts (which decides
# the interval's width) is itself guessed from too few posts. Measured by simulation in
# tests/test_returns_coverage.py and lesson 08.
MIN_POSTS = 10


def _counts(posts, numerator, denominator):
    """The two count columns as float arrays, with the rows where either cell is missing left out.

    Returns ``(successes, trials, missing)``: ``missing`` is how many rows were left out. A
    missing cell is never read as a zero (which would quietly lower a rate)."""
    def column(name):
        values = posts[name]
        if values.dtype.kind in "iuf":              # plain numbers (the fast, common case)
            return values.to_numpy(dtype=float)
        if values.dtype.kind == "b" or str(values.dtype) == "boolean":
            raise TypeError(f"{name} must hold counts (numbers >= 0); got a column of True/False")
        try:                                        # nullable integers (Int64) from an export, with <NA>
            return pd.to_numeric(values, errors="raise").astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        except (TypeError, ValueError):
            raise TypeError(f"{name} must hold counts (numbers >= 0); got values of type {values.dtype}") from None

    s, n = column(numerator), column(denominator)
    complete = ~(np.isnan(s) | np.isnan(n))
    s, n = s[complete], n[complete]
    if len(s):
        _amounts(**{numerator: s, denominator: n})    # counts are >= 0 and finite (callers refuse no rows)
    if (s > n).any():
        raise ValueError(f"{numerator} cannot be larger than {denominator} in a post (a rate is a share); "
                         f"{int((s > n).sum())} row(s) break that rule")
    return s, n, int((~complete).sum())


def _hierarchical(s, n, level):
    """The weighted-mean interval, for many data sets at once (one per row).

    No Beta-binomial model is fitted: it is a moment-based weighted mean of the posts' rates
    (Kleinman 1973) with a robust (sandwich) variance, Student's t and a Wilson-style wrapper.
    What it estimates is the type's mean rate (the mean of the posts' own true rates, weighted
    as below), not the ratio of sums (total successes / total trials); on posts whose rate does
    not depend on their reach the two have the same target, on a finite set of posts they differ
    a little.

    ``s`` and ``n`` are 2-D arrays (data sets x posts) of successes and trials; a post with
    no trials carries no weight. Returns ``(estimate, low, high, dispersion, posts)``,
    one value per row.

    1. Each post has its own true rate, drawn round the type's mean rate ``m``; ``rho`` (the
       dispersion, 0 for coin flips) is the share of a person's variation that is between posts.
       It is estimated by the method of moments (in the spirit of Kleinman 1973).
    2. The mean is a weighted mean of the posts' rates, with weights ``n / (1 + (n - 1) rho)``: a
       big post counts more than a small one, but never more than about ``1 / rho`` posts.
    3. Its variance comes from how much the posts' rates actually differ round it (a sandwich
       estimate, which stays right even when ``rho`` is off), and the interval uses Student's t
       with (posts - 1) degrees of freedom, because that spread is estimated from the posts too.
    4. The interval is a Wilson score interval with that t quantile and the effective number of
       people ``m (1 - m) / variance``, so it stays inside [0, 1] and, with no successes at
       all, still has a positive upper end.
    """
    from scipy.special import stdtrit      # Student's t quantile (scipy.stats.t.ppf, without its overhead)

    s = np.atleast_2d(np.asarray(s, dtype=float))
    n = np.atleast_2d(np.asarray(n, dtype=float))
    used = n > 0
    k = used.sum(axis=1)
    total = n.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(used, s / np.where(used, n, 1), 0.0)
        pooled = s.sum(axis=1) / total
        # Method of moments for rho: the weighted spread of the posts' rates round the pooled
        # rate is p(1 - p) [(k - 1) + rho (N - sum n^2 / N)] in expectation.
        spread = (n * (rate - pooled[:, None]) ** 2).sum(axis=1)
        binomial = pooled * (1 - pooled)
        rho = (spread / np.where(binomial > 0, binomial, np.nan) - (k - 1)) / (total - (n**2).sum(axis=1) / total)
        rho = np.clip(np.nan_to_num(rho, nan=0.0, posinf=1.0, neginf=0.0), 0.0, 1.0)
        weight = np.where(used, n / (1 + (n - 1) * rho[:, None]), 0.0)
        weights = weight.sum(axis=1)
        mean = (weight * rate).sum(axis=1) / weights
        resid = np.where(used, rate - mean[:, None], 0.0)
        variance = k / (k - 1) * ((weight * resid) ** 2).sum(axis=1) / weights**2
        # The effective number of people: never more than were reached (the binomial variance is a floor).
        people = np.where(variance > 0, mean * (1 - mean) / variance, total)
        people = np.minimum(people, total)
        t = stdtrit(np.maximum(k - 1, 1), 0.5 + level / 2)
        centre = (mean + t**2 / (2 * people)) / (1 + t**2 / people)
        half = t / (1 + t**2 / people) * np.sqrt(mean * (1 - mean) / people + t**2 / (4 * people**2))
    # (At a rate of exactly 0 or 1 the Wilson end is exactly 0 or 1; set it, not a rounding error.)
    low = np.where(k >= 2, np.where(mean <= 0, 0.0, np.clip(centre - half, 0.0, 1.0)), np.nan)
    high = np.where(k >= 2, np.where(mean >= 1, 1.0, np.clip(centre + half, 0.0, 1.0)), np.nan)
    return mean, low, high, rho, k, variance


@dataclass(frozen=True)
class RateInterval:
    """A rate over a set of posts with its weighted-mean interval (see :func:`rate_interval`).

    Attributes
    ----------
    estimate : float
        The weighted mean rate of the posts (the type's mean rate).
    low, high : float
        The interval at ``level``.
    level : float
    posts : int
        Posts used (complete rows with trials > 0).
    missing : int
        Rows left out because a cell was missing.
    dispersion : float
        ``rho``: 0 when posts differ no more than coin flips, up to 1.
    trustworthy : bool
        False when fewer than :data:`MIN_POSTS` posts were used: the interval is then too
        unsure of its own width to be read at its level.
    """

    estimate: float
    low: float
    high: float
    level: float
    posts: int
    missing: int
    dispersion: float
    trustworthy: bool


@defaults_from(PARAMS)
def rate_interval(successes, trials, *, level, missing=0):
    r"""A rate and an interval that keeps its level on posts that differ (a weighted mean with a t interval).

    Why this method
    ---------------
    Posts are not coin flips: each post has its own true rate (a good photo, a bad day), and
    reach varies over orders of magnitude, so one big post can outweigh nine small ones. A
    percentile bootstrap or a Beta posterior with a design effect plugged in as if known holds
    the truth only 80-89 % of the time at 10 posts. Here each post's rate is taken to scatter round
    the type's mean rate with dispersion ``rho`` (estimated by moments; no Beta-binomial is
    fitted), the estimate is a weighted mean of the posts' rates (Kleinman 1973) so that no
    post counts for more than about ``1/rho`` posts, its variance is taken from how much the
    posts really differ, and Student's t on (posts - 1) degrees of freedom pays for estimating
    that spread from the posts themselves. The interval is a Wilson score interval with that t
    quantile and the effective number of people, so it stays in [0, 1] and never collapses to
    [0, 0] when nothing converted. The quantity estimated (and the truth it is checked against) is
    the type's mean rate, the mean of the posts' own rates, not total successes / total trials.
    On simulated posts like real exports (rates varying by 30-60 % from post to post, reach spread
    over two orders of magnitude) a 95 % interval holds the truth 93-97 % of the time at 10, 30
    and 100 posts (``tests/test_returns_coverage.py``). Across the corners of the settings lesson
    08 uses it holds it about 91-98 % of the time: lowest (about 92 %) at 10 posts with posts of
    equal rate and very unequal reach (spread 0.1, reach log-sd 1.5), highest (about 97 %, too
    wide) for rare events (rate 0.02, reach 30). Its misses are lopsided when posts differ a lot
    (spread 0.8: the truth lies above the interval about twice as often as below it).

    Below :data:`MIN_POSTS` (10) posts no interval is trustworthy: the spread between posts is
    guessed from too few of them. The result then says ``trustworthy=False`` and a warning is
    raised.

    Parameters
    ----------
    successes, trials : array-like of numbers >= 0
        One value per post (e.g. engaged users and reach). Missing values (NaN) are refused:
        leave those posts out first and pass how many as ``missing``.
    level : float, default 0.95
    missing : int, default 0
        How many posts were left out before the call (reported back, not used).

    Returns
    -------
    RateInterval

    Examples
    --------
    Ten photo posts, and a set of posts where nothing converted:

    >>> from smlearn import data
    >>> posts = data.load("post_metrics")
    >>> photos = posts[posts["type"] == "photo"].head(10)
    >>> r = rate_interval(photos["engaged_users"], photos["reach"])
    >>> round(r.estimate, 4), round(r.low, 4), round(r.high, 4), r.trustworthy
    (0.0548, 0.0408, 0.0733, True)
    >>> r = rate_interval([0] * 12, [7] * 12)
    >>> r.low, round(r.high, 3)
    (0.0, 0.055)
    """
    level = _check_level(level)
    s, n = _amounts(successes=successes, trials=trials)
    s, n = np.atleast_1d(s), np.atleast_1d(n)
    if s.shape != n.shape or s.ndim != 1:
        raise ValueError(f"successes and trials must be two columns of the same length; got {s.shape} and {n.shape}")
    if np.isnan(s).any() or np.isnan(n).any():
        raise ValueError(f"successes and trials must not have missing values; {int((np.isnan(s) | np.isnan(n)).sum())}"
                         " post(s) have one: leave them out and pass their number as missing=")
    if (s > n).any():
        raise ValueError("successes cannot be larger than trials in a post (a rate is a share)")
    if isinstance(missing, bool) or not isinstance(missing, numbers.Integral) or missing < 0:
        raise ValueError(f"missing must be a whole number >= 0; got {missing!r}")
    mean, low, high, rho, k, _ = (float(x[0]) for x in _hierarchical(s[None, :], n[None, :], level))
    trustworthy = k >= MIN_POSTS
    if not trustworthy:
        warnings.warn(f"only {int(k)} post(s) with trials > 0: below {MIN_POSTS} posts no interval for a rate is "
                      "trustworthy (it holds the truth less often than its level says)", UserWarning, stacklevel=2)
    return RateInterval(mean, low, high, level, int(k), int(missing), rho, trustworthy)


def simulate_posts(n_posts, *, rate=0.05, spread=0.5, reach=800, reach_spread=1.0, data_sets=1, seed=None):
    """Simulated posts with a known true mean rate, like a real page's export.

    Each post's true rate is drawn from a Beta distribution with mean ``rate`` and standard
    deviation ``spread * rate``; its reach from a log-normal with median ``reach`` and
    log-standard deviation ``reach_spread`` (1.0 spreads the middle 95 % of posts over about
    a factor of 50, as in real page exports); its successes are binomial.

    Returns
    -------
    tuple of numpy.ndarray
        ``(successes, trials)``, each of shape ``(data_sets, n_posts)``.

    Examples
    --------
    >>> s, n = simulate_posts(10, data_sets=3, seed=1)
    >>> s.shape, bool((s <= n).all())
    ((3, 10), True)
    """
    for name, value, low, high in (("n_posts", n_posts, 2, 100_000), ("data_sets", data_sets, 1, 100_000)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= value <= high:
            raise ValueError(f"{name} must be a whole number from {low} to {high}; got {value!r}")
    for name, value, low, high in (("rate", rate, 0, 1), ("spread", spread, 0, 10), ("reach", reach, 1, 1e7),
                                   ("reach_spread", reach_spread, 0, 3)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not low < value < high:
            raise ValueError(f"{name} must be a number above {low} and below {high}; got {value!r}")
    variance = (spread * rate) ** 2
    if variance >= rate * (1 - rate):
        raise ValueError(f"spread={spread} is too large for rate={rate}: the rates' spread must be below "
                         f"sqrt((1 - rate) / rate) = {np.sqrt((1 - rate) / rate):.2f}")
    rng = check_seed(seed)
    size = (data_sets, n_posts)
    trials = np.maximum(1, np.round(reach * np.exp(reach_spread * rng.standard_normal(size))))
    strength = rate * (1 - rate) / variance - 1
    true_rates = rng.beta(rate * strength, (1 - rate) * strength, size=size)
    successes = rng.binomial(trials.astype(np.int64), true_rates).astype(float)
    return successes, trials


@defaults_from(PARAMS)
def coverage_check(n_posts, *, data_sets=200, level, seed=0, **settings):
    """Simulate ``data_sets`` sets of ``n_posts`` posts with a known true rate and count how
    often :func:`rate_interval`'s interval holds it.

    Returns
    -------
    dict
        ``{"data_sets", "covered", "coverage", "truth"}``.

    Examples
    --------
    >>> coverage_check(10, data_sets=200, seed=0)["covered"]
    190
    """
    level = _check_level(level)
    s, n = simulate_posts(n_posts, data_sets=data_sets, seed=seed, **settings)
    truth = settings.get("rate", 0.05)
    _, low, high, _, _, _ = _hierarchical(s, n, level)
    covered = int(((low <= truth) & (truth <= high)).sum())
    return {"data_sets": data_sets, "covered": covered, "coverage": covered / data_sets, "truth": truth}


class Interval(tuple):
    """``(estimate, low, high)``, which also says how many posts it used and whether to trust it.

    Unpack it like a tuple; read ``posts``, ``missing`` (rows left out for a missing cell) and
    ``trustworthy`` as attributes.
    """

    def __new__(cls, estimate, low, high, *, posts, missing, trustworthy):
        self = super().__new__(cls, (estimate, low, high))
        self.posts, self.missing, self.trustworthy = posts, missing, trustworthy
        return self


# The percentile bootstrap of a ratio of sums needs many posts: on simulated posts like real
# exports it holds the truth about 85 % of the time at 10 posts, about 90 % at 30 and about
# 92 % at 100 (lesson 08 counts it). It is flagged as not trustworthy below this.
BOOTSTRAP_MIN_POSTS = 100


@defaults_from(PARAMS)
def bootstrap_interval(posts, metric, *, level, n_resamples=2000, seed=None):
    """Estimate a metric (a ratio of sums) and a percentile bootstrap interval for it.

    The plain percentile bootstrap [1]_ is kept because it is the interval most tools show.
    It is too narrow on small samples of posts that differ (see :data:`BOOTSTRAP_MIN_POSTS`):
    for an interval that keeps its level, use :func:`rate_interval`. Two repairs are built in:
    rows with a missing cell are left out and counted (``missing``), never read as zero; and
    when no post had a single success, every resample is zero, so the upper end is taken from
    :func:`rate_interval` instead of collapsing to [0, 0].

    Parameters
    ----------
    posts : pandas.DataFrame
        One row per post.
    metric : str
        One of :data:`METRICS`.
    level : float, default 0.95
        The interval's level.
    n_resamples : int, default 2000
        How many resamples (100 to 100,000).
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the one generator used for every resample.

    Returns
    -------
    Interval
        ``(estimate, low, high)`` with attributes ``posts``, ``missing`` and ``trustworthy``
        (False below :data:`BOOTSTRAP_MIN_POSTS` posts).

    Raises
    ------
    TypeError, ValueError
        If ``posts`` is not a non-empty table with the metric's columns, every row has a missing
        cell, or ``metric``, ``level``, ``n_resamples`` or ``seed`` is not allowed.

    Examples
    --------
    Ten photo posts say little; all of them say more:

    >>> from smlearn import data
    >>> posts = data.load("post_metrics")
    >>> photos = posts[posts["type"] == "photo"]
    >>> [round(x, 4) for x in bootstrap_interval(photos.head(10), "engagement_rate_reach", seed=1)]
    [0.0544, 0.0459, 0.066]
    >>> [round(x, 4) for x in bootstrap_interval(photos, "engagement_rate_reach", seed=1)]
    [0.0497, 0.0472, 0.0525]
    """
    numerator, denominator, _ = _check_metric(metric)
    _check_posts(posts, [numerator, denominator])
    level = _check_level(level)
    n_resamples = _check_resamples(n_resamples)
    rng = check_seed(seed)
    num, den, missing = _counts(posts, numerator, denominator)
    if not len(num):
        raise ValueError(f"every row of posts has a missing {numerator} or {denominator}: there is nothing to measure")
    low, high = _percentile(num, den, rng, n_resamples, level)
    return Interval(_ratio(num.sum(), den.sum()), low, high, posts=len(num), missing=missing,
                    trustworthy=len(num) >= BOOTSTRAP_MIN_POSTS)


@dataclass(frozen=True)
class BootstrapDistribution:
    """The resampled rates behind a percentile bootstrap interval (see :func:`bootstrap_distribution`).

    Attributes
    ----------
    estimate : float
        The ratio of sums over all the posts given.
    low, high : float
        The interval's ends: the ``(1 - level) / 2`` and ``(1 + level) / 2`` percentiles of ``values``.
    level : float
    values : numpy.ndarray
        One ratio of sums per resample (``n_resamples`` values; a resample with no trials at all
        is left out).
    posts : int
        Posts used.
    """

    estimate: float
    low: float
    high: float
    level: float
    values: np.ndarray
    posts: int


@defaults_from(PARAMS)
def bootstrap_distribution(successes, trials, *, level, n_resamples=2000, seed=None):
    """Every resampled rate of a percentile bootstrap, with the interval read off them.

    This is what :func:`bootstrap_interval` does inside, shown in full so that the values can be
    drawn as a histogram: draw as many posts as there are, with replacement, compute the ratio of
    sums (all successes / all trials), repeat ``n_resamples`` times; the middle ``level`` of those
    values is the interval [1]_. Unlike :func:`bootstrap_interval` the ends are always the plain
    percentiles of the values (when no post had a success they are both 0: the bootstrap cannot
    see beyond the posts it has). With the same ``seed`` both functions draw the same resamples.

    Parameters
    ----------
    successes, trials : array-like of numbers >= 0
        One value per post (e.g. engagements and impressions); no missing values.
    level : float, default 0.95
    n_resamples : int, default 2000
        How many resamples (100 to 100,000).
    seed : None, int >= 0 or numpy.random.Generator

    Returns
    -------
    BootstrapDistribution

    Raises
    ------
    TypeError, ValueError
        If the columns are not numbers >= 0 of the same length with at least two posts, a post has
        more successes than trials, a value is missing, or ``level``, ``n_resamples`` or ``seed``
        is not allowed.

    Examples
    --------
    >>> d = bootstrap_distribution([3, 5, 2, 8], [50, 60, 40, 90], n_resamples=1000, seed=1)
    >>> len(d.values), round(d.estimate, 4), bool(d.low <= d.estimate <= d.high)
    (1000, 0.075, True)
    """
    level = _check_level(level)
    n_resamples = _check_resamples(n_resamples)
    s, n = _amounts(successes=successes, trials=trials)
    s, n = np.atleast_1d(s), np.atleast_1d(n)
    if s.shape != n.shape or s.ndim != 1:
        raise ValueError(f"successes and trials must be two columns of the same length; got {s.shape} and {n.shape}")
    if len(s) < 2:
        raise ValueError(f"successes and trials must hold at least two posts to resample; got {len(s)}")
    if np.isnan(s).any() or np.isnan(n).any():
        raise ValueError(f"successes and trials must not have missing values; {int((np.isnan(s) | np.isnan(n)).sum())}"
                         " post(s) have one: leave them out first")
    if (s > n).any():
        raise ValueError("successes cannot be larger than trials in a post (a rate is a share)")
    if n.sum() <= 0:
        raise ValueError("trials must hold at least one post with trials > 0: there is no rate to resample")
    rng = check_seed(seed)
    values = _bootstrap(s, n, rng, n_resamples)
    values = values[np.isfinite(values)]          # a resample of posts that all had 0 trials has no rate
    low, high = _middle(values, level)
    return BootstrapDistribution(_ratio(s.sum(), n.sum()), low, high, level, values, len(s))


def design_effect(numerator, denominator):
    """How much more posts vary than coin flips would: at least 1 (see the module docstring).

    The variance of the ratio-of-sums estimate across posts,
    :math:`\\frac{k}{k-1}\\sum_i (s_i - \\hat p n_i)^2 / (\\sum n_i)^2`, divided by the
    binomial variance :math:`\\hat p (1 - \\hat p) / \\sum n_i`.

    Examples
    --------
    Two posts with the same rate vary less than coin flips, so the effect is 1; two
    very different posts vary much more:

    >>> design_effect([10, 10], [100, 100]), round(design_effect([2, 18], [100, 100]), 1)
    (1.0, 14.2)
    """
    s = np.asarray(numerator, dtype=float)
    n = np.asarray(denominator, dtype=float)
    k, total = len(s), n.sum()
    if k < 2 or total <= 0:
        return 1.0
    p = s.sum() / total
    if p <= 0 or p >= 1:
        return 1.0
    observed = k / (k - 1) * ((s - p * n) ** 2).sum() / total**2
    binomial = p * (1 - p) / total
    return float(max(1.0, observed / binomial))


@dataclass(frozen=True)
class Comparison:
    """Two post types compared (see :func:`compare_types`).

    Attributes
    ----------
    metric, type_a, type_b : str
    rate_a, rate_b : float
        The observed rates (ratio of sums of the posts used).
    interval_a, interval_b : RateInterval or None
        Each type's weighted-mean interval (None when ``overdispersion=False``).
    posterior_a, posterior_b : tuple of float or None
        The plain Beta posteriors (alpha, beta) when ``overdispersion=False``, else None.
    prob_b_better : float
        Probability that type B's true rate is higher than type A's.
    difference : tuple of float
        (low, high): the interval of B's rate minus A's at ``level``.
    level : float
    posts_a, posts_b, missing : int
        Posts used of each type, and rows left out because a cell was missing.
    trustworthy : bool
        False when either type has fewer than :data:`MIN_POSTS` posts.
    """

    metric: str
    type_a: str
    type_b: str
    rate_a: float
    rate_b: float
    interval_a: object
    interval_b: object
    posterior_a: tuple | None
    posterior_b: tuple | None
    prob_b_better: float
    difference: tuple
    level: float
    posts_a: int
    posts_b: int
    missing: int
    trustworthy: bool


def _difference(a, b, level):
    """``(prob_b_better, (low, high))`` for B minus A from two hierarchical fits.

    Each fit gives a mean and a variance with (posts - 1) degrees of freedom; the difference
    uses Welch's t with Satterthwaite's degrees of freedom, and P(B better) is the t
    distribution's share above zero (the posterior under a flat prior, to this approximation).
    ``a`` and ``b`` are tuples ``(mean, variance, posts, ...)`` of arrays (one entry per data set).
    """
    from scipy.special import stdtr, stdtrit     # Student's t distribution function and quantile

    (ma, va, ka), (mb, vb, kb) = a[:3], b[:3]
    se = np.sqrt(va + vb)
    with np.errstate(divide="ignore", invalid="ignore"):
        df = (va + vb) ** 2 / (va**2 / np.maximum(ka - 1, 1) + vb**2 / np.maximum(kb - 1, 1))
        df = np.where(np.isfinite(df), df, np.maximum(ka + kb - 2, 1))
        z = np.where(se > 0, (mb - ma) / np.where(se > 0, se, 1), np.sign(mb - ma) * np.inf)
    prob = stdtr(df, z)
    t = stdtrit(df, 0.5 + level / 2)
    return prob, (mb - ma - t * se, mb - ma + t * se)


def _mean_and_variance(s, n, level):
    """Mean, variance and posts of the hierarchical fit (rows of ``s``, ``n`` are data sets).

    The variance is never below the binomial one (posts cannot be surer than coin flips), and
    with no success at all it is that of a single success, so that a difference is never
    measured as exact."""
    mean, low, high, rho, k, variance = _hierarchical(s, n, level)
    total = np.atleast_2d(n).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        floor = np.where(mean > 0, mean * (1 - mean) / total, 1 / total**2)
    # (The whole fit comes fourth, for compare_types, which also reports each type's interval.)
    return mean, np.maximum(variance, floor), k, (mean, low, high, rho, k)


@defaults_from(PARAMS)
def compare_types(posts, metric, type_a, type_b, *, level,
                  overdispersion=True, draws=20000, seed=None):
    """Compare a rate between two post types.

    With ``overdispersion=True`` (the default) each type gets the weighted-mean fit of
    :func:`rate_interval`; the difference of the two means has Welch's t interval, and
    ``prob_b_better`` is the share of that t distribution above zero. When both types have the
    same true rate, a 95 % interval of the difference leaves out zero in about 5 % of samples
    (tests/test_returns_coverage.py), so "B beats A" is claimed no more often than it should be.
    With ``overdispersion=False`` every person reached is a coin flip and each type's rate has
    the plain posterior Beta(1 + s, 1 + n - s) [2]_: right for coin flips, far too sure for posts.

    Rows with a missing cell in the metric's columns are left out and counted (``missing``).

    Parameters
    ----------
    posts : pandas.DataFrame
        One row per post, with a ``type`` column.
    metric : str
        One of :data:`METRICS` (the rate's successes and trials are its two columns).
    type_a, type_b : str
        Two of :data:`POST_TYPES`.
    level : float, default 0.95
        Level of the interval of the difference.
    overdispersion : bool, default True
        Allow posts to differ more than coin flips (see above).
    draws : int, default 20000
        Draws from each plain posterior (100 to 100,000), used only with ``overdispersion=False``.
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the generator for those draws.

    Returns
    -------
    Comparison

    Raises
    ------
    TypeError, ValueError
        If ``posts`` is not a non-empty table with the columns, a type is unknown or
        has no complete posts, or another argument is not allowed.

    Examples
    --------
    Over all posts, videos clearly engage more of the people they reach than photos:

    >>> from smlearn import data
    >>> posts = data.load("post_metrics")
    >>> result = compare_types(posts)
    >>> round(result.rate_a, 4), round(result.rate_b, 4), round(result.prob_b_better, 3)
    (0.0497, 0.0619, 1.0)

    With five posts of each, the same question gets a far less sure answer, the interval of
    the difference includes zero, and the result says not to trust it:

    >>> few = posts.groupby("type").head(5)
    >>> small = compare_types(few)
    >>> round(small.prob_b_better, 2), [round(x, 3) for x in small.difference], small.trustworthy
    (0.88, [-0.008, 0.025], False)
    """
    numerator, denominator, _ = _check_metric(metric)
    _check_posts(posts, ["type", numerator, denominator])
    _check_type("type_a", type_a, posts)
    _check_type("type_b", type_b, posts)
    level = _check_level(level)
    draws = _check_resamples(draws, "draws")
    if not isinstance(overdispersion, (bool, np.bool_)):
        raise TypeError(f"overdispersion must be True or False; got {overdispersion!r}")
    rng = check_seed(seed)
    rates, fits, intervals, posteriors, samples, used, missing = [], [], [], [], [], [], 0
    for name, kind in (("type_a", type_a), ("type_b", type_b)):
        s, n, left_out = _counts(posts[posts["type"] == kind], numerator, denominator)
        missing += left_out
        if not (n > 0).any():
            raise ValueError(f"{name}: no post of type {kind!r} has a complete {numerator} and {denominator} "
                             f"with {denominator} > 0 ({left_out} row(s) have a missing cell)")
        rates.append(_ratio(s.sum(), n.sum()))
        used.append(int((n > 0).sum()))
        if overdispersion:
            fit = _mean_and_variance(s[None, :], n[None, :], level)
            mean, low, high, rho, k = (float(x[0]) for x in fit[3])
            intervals.append(RateInterval(mean, low, high, level, int(k), left_out, rho, k >= MIN_POSTS))
            fits.append(fit[:3])
            posteriors.append(None)
        else:
            alpha, beta, _ = _posterior(s, n, overdispersion=False)
            posteriors.append((float(alpha), float(beta)))
            samples.append(rng.beta(alpha, beta, size=draws))
            intervals.append(None)
    if overdispersion:
        prob, (low, high) = _difference(fits[0], fits[1], level)
        prob, difference = float(prob[0]), (float(low[0]), float(high[0]))
    else:
        delta = samples[1] - samples[0]
        prob, difference = float((delta > 0).mean()), _middle(delta, level)
    return Comparison(metric, type_a, type_b, rates[0], rates[1], intervals[0], intervals[1], posteriors[0],
                      posteriors[1], prob, difference, level, used[0], used[1], missing, min(used) >= MIN_POSTS)


@defaults_from(PARAMS)
def estimate_by_type(posts, *, metric, type_a, type_b, sample_size,
                     sample, level, n_resamples=1000):
    """Draw a sample of posts of two types and estimate a metric for each, with intervals.

    This is what :class:`~smlearn.widgets.ReturnsExplorer` runs: the learner picks a
    metric, two post types and how many posts of each they have; the function draws
    that many posts of each type (sample number ``sample``) and returns each type's
    estimate with the plain percentile bootstrap interval of the ratio of sums (what most tools
    show; too narrow on few posts) and the weighted-mean interval of :func:`rate_interval` (which
    keeps its level from :data:`MIN_POSTS` posts up) round the type's mean rate, and the probability that type B beats
    type A (from :func:`compare_types`' t approximation). Rows with a missing cell in the
    metric's columns are left out before sampling and counted in ``attrs["missing"]``;
    ``attrs["trustworthy"]`` is False below :data:`MIN_POSTS` posts. For the same type twice, both rows come
    from two separate samples of it: they share no post when there are enough posts of
    that type, and only as many as they must when there are not.

    Parameters
    ----------
    posts : pandas.DataFrame
        All posts (e.g. ``data.load("post_metrics")``).
    metric, type_a, type_b, sample_size, sample, level
        See :data:`PARAMS`.
    n_resamples : int, default 1000
        Bootstrap resamples.

    Returns
    -------
    pandas.DataFrame
        Two rows (A, B) with columns group, type, posts, estimate (ratio of sums), boot_low,
        boot_high, truth (the ratio of sums over every post of that type: what the estimate and
        the bootstrap try to find), beta_estimate (the weighted mean of the sample's posts'
        rates), beta_low, beta_high, beta_truth (the same weighted mean over every post of that
        type: what the weighted-mean interval tries to find). ``attrs``
        holds the parameters, ``prob_b_better``, ``missing`` and ``trustworthy``.

    Raises
    ------
    TypeError, ValueError
        If an argument is not allowed, or there are fewer posts of a type than
        ``sample_size``.

    Examples
    --------
    >>> from smlearn import data
    >>> table = estimate_by_type(data.load("post_metrics"), sample_size=10)
    >>> table[["type", "posts", "estimate", "boot_low", "boot_high", "beta_low", "beta_high"]].round(4)
        type  posts  estimate  boot_low  boot_high  beta_low  beta_high
    0  photo     10    0.0471    0.0406     0.0559    0.0414     0.0602
    1  video     10    0.0745    0.0648     0.0831    0.0590     0.0841
    """
    p = check_params(PARAMS, {"metric": metric, "type_a": type_a, "type_b": type_b, "sample_size": sample_size,
                              "sample": sample, "level": level})
    numerator, denominator, _ = METRICS[p["metric"]]
    _check_posts(posts, ["type", numerator, denominator])
    # Rows with a missing cell are left out (and counted); the rest become plain arrays once.
    complete = (posts[numerator].notna() & posts[denominator].notna()).to_numpy()
    missing = int((~complete).sum())
    all_s, all_n, _ = _counts(posts, numerator, denominator)
    types = posts["type"].to_numpy()[complete]
    n_resamples = _check_resamples(n_resamples)
    rng = np.random.default_rng([p["sample"], 2025])   # sample number -> its own generator
    chosen = {}
    same = p["type_a"] == p["type_b"]
    for group, kind in (("A", p["type_a"]), ("B", p["type_b"])):
        available = np.flatnonzero(types == kind)
        if len(available) < p["sample_size"]:
            raise ValueError(f"sample_size={p['sample_size']} needs {p['sample_size']} posts of type {kind!r}; "
                             f"posts has only {len(available)}")
        if same and group == "B":
            picks = chosen["rest"]
        else:
            order = rng.permutation(available)
            picks = order[: p["sample_size"]]
            # The second sample of the same type: the next posts in the shuffled order, and
            # only if there are too few of those, some of the first sample's posts again.
            extra = p["sample_size"] - len(order[p["sample_size"]: 2 * p["sample_size"]])
            chosen["rest"] = np.concatenate([order[p["sample_size"]: 2 * p["sample_size"]], order[:extra]])
        chosen[group] = picks
    rows, fits = [], {}
    for group, kind in (("A", p["type_a"]), ("B", p["type_b"])):
        s, n = all_s[chosen[group]], all_n[chosen[group]]
        boot_low, boot_high = _percentile(s, n, rng, n_resamples, p["level"])
        fits[group] = _mean_and_variance(s[None, :], n[None, :], p["level"])
        mean, beta_low, beta_high, _, _ = (float(x[0]) for x in fits[group][3])
        everything = types == kind
        # The weighted-mean interval's truth: the same weighted mean, over every post of the type.
        beta_truth = float(_hierarchical(all_s[everything][None, :], all_n[everything][None, :], p["level"])[0][0])
        rows.append({
            "group": group, "type": kind, "posts": len(s), "estimate": _ratio(s.sum(), n.sum()),
            "boot_low": boot_low, "boot_high": boot_high, "beta_estimate": mean, "beta_low": beta_low,
            "beta_high": beta_high,
            "truth": _ratio(all_s[everything].sum(), all_n[everything].sum()), "beta_truth": beta_truth,
        })
    table = pd.DataFrame(rows)
    table.attrs["params"] = FrozenParams(p)   # read-only: pandas copies attrs on every operation
    table.attrs["prob_b_better"] = float(_difference(fits["A"], fits["B"], p["level"])[0][0])
    table.attrs["missing"] = missing
    table.attrs["trustworthy"] = p["sample_size"] >= MIN_POSTS
    return table


@defaults_from(PARAMS)
def interval_coverage(posts, *, metric, type_a, type_b, sample_size,
                      samples=100, level):
    """How often the intervals of :func:`estimate_by_type` contain the truth, over many samples.

    A 95 % interval should contain the true value in about 95 of 100 samples. Because
    the data set is synthetic, the truth over every post of a type is known, so this can be
    counted: each of ``samples`` samples (numbers 0, 1, 2, ...) gives two intervals of each
    kind, one per post type. Each kind is checked against the quantity it estimates: the
    bootstrap against the ratio of sums over every post (``truth``), the weighted-mean interval
    against the weighted mean over every post (``beta_truth``). The samples overlap (they are
    drawn from the same few hundred posts), so the count is not 200 independent tries and no
    binomial band applies to it: :func:`coverage_check` on fresh simulated pages is the test.

    Parameters
    ----------
    posts : pandas.DataFrame
        All posts (e.g. ``data.load("post_metrics")``).
    metric, type_a, type_b, sample_size, level
        As in :func:`estimate_by_type`.
    samples : int, default 100
        How many samples to draw (1 to 100, the explorer's sample numbers).

    Returns
    -------
    pandas.DataFrame
        One row per kind of interval ('bootstrap', 'weighted mean'), with columns
        intervals (how many were drawn), contained (how many held the truth) and
        coverage (contained / intervals).

    Raises
    ------
    TypeError, ValueError
        If an argument is not allowed.

    Examples
    --------
    With 10 posts of each type the percentile bootstrap holds the truth far less often than
    95 %; the weighted-mean interval comes close:

    >>> from smlearn import data
    >>> interval_coverage(data.load("post_metrics"), sample_size=10)
                   intervals  contained  coverage
    bootstrap            200        170     0.850
    weighted mean        200        187     0.935
    """
    if isinstance(samples, bool) or not isinstance(samples, numbers.Integral) or not 1 <= samples <= 100:
        raise ValueError(f"samples must be a whole number from 1 to 100; got {samples!r}")
    counts = {"bootstrap": 0, "weighted mean": 0}
    total = 0
    for sample in range(samples):
        table = estimate_by_type(posts, metric=metric, type_a=type_a, type_b=type_b, sample_size=sample_size,
                                 sample=sample, level=level)
        for row in table.itertuples():
            total += 1
            if row.boot_low <= row.truth <= row.boot_high:
                counts["bootstrap"] += 1
            if row.beta_low <= row.beta_truth <= row.beta_high:
                counts["weighted mean"] += 1
    result = pd.DataFrame({"intervals": [total, total], "contained": [counts["bootstrap"], counts["weighted mean"]]},
                          index=["bootstrap", "weighted mean"])
    result["coverage"] = result["contained"] / result["intervals"]
    return result


# ---- How many posts does it take to see a real difference? ------------------------------------

DETECTION_PARAMS: dict[str, Param] = {p.name: p for p in [
    Param("posts", 10, 3, 100, 1, "Posts per type", "posts",
          "How many posts of each type the sample has."),
    Param("lift", 1.2, 1.0, 1.6, 0.02, "Video rate / photo rate", "ratio",
          "How much better videos truly engage than photos (1.2: 6 % against 5 %, as the course data were made)."),
    Param("spread", 0.3, 0.05, 0.8, 0.05, "Spread of post rates", "share of the mean",
          "How much the true rates of posts of one type differ (standard deviation / mean)."),
    Param("reach_spread", 0.7, 0.1, 1.5, 0.05, "Spread of reach", "log-sd",
          "How unequal the posts' reach is (log-standard deviation; 0.7 spreads the middle 95 % over about 15x)."),
]}


@defaults_from(DETECTION_PARAMS | {"level": PARAMS["level"]})
def detection_rate(posts, lift, spread, reach_spread, *, rate=0.05, data_sets=300, level, seed=0):
    """Share of simulated samples in which :func:`compare_types`' method shows that videos engage
    more than photos (the interval of the difference lies wholly above zero).

    Photos truly engage ``rate`` of the people they reach, videos ``lift * rate``; posts are
    drawn with :func:`simulate_posts`. This is the *power* of the comparison: with few posts a
    real gap is usually missed, which is what an honest interval should do.

    Examples
    --------
    >>> round(detection_rate(posts=10), 2), round(detection_rate(posts=100), 2)
    (0.21, 0.98)
    """
    s = check_params(DETECTION_PARAMS, {"posts": posts, "lift": lift, "spread": spread, "reach_spread": reach_spread})
    level = _check_level(level)
    rng = check_seed(seed)
    fits = []
    for true_rate in (rate, rate * s["lift"]):
        successes, trials = simulate_posts(s["posts"], rate=true_rate, spread=s["spread"],
                                           reach_spread=s["reach_spread"], data_sets=data_sets, seed=rng)
        fits.append(_mean_and_variance(successes, trials, level))
    _, (low, _) = _difference(fits[0], fits[1], level)
    return float((low > 0).mean())
