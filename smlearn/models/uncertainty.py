r"""Uncertainty: how sure a rate measured on a few posts can be, and when a difference is luck.

The claim
---------
Source C says the returns of social media are measured with analytics, and are not simple.
One reason they are not: a rate measured on the posts you have (engagement, clicks, sales;
:mod:`smlearn.models.returns` defines them) is a sample, and with few posts that differ,
"videos beat photos" is often luck. This module puts an honest interval round every rate,
compares two kinds of post, and counts how often each interval holds the truth, so that a
learner sees when a difference between two kinds of post is real and when it is not.

Read first :func:`simulate` (what the returns explorer runs: a sample of posts of two
types, a rate for each, two intervals round it) and :func:`rate_interval`.

The rules
---------
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
the settings lesson 08 uses, about 91-98 % (tests/models/test_uncertainty_coverage.py). Two types are compared
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
Missing cells are never read as zeros: the rows are left out and counted (``missing``).

The plain Beta posterior :math:`\mathrm{Beta}(1 + s, 1 + n - s)` [2]_ and the design effect
[3]_ (how much more posts vary than coin flips) remain as teaching tools.

Every setting in :data:`PARAMS` is the learner's choice (a metric, two post types, a sample size),
not a measured value; the defaults of :data:`DETECTION_PARAMS` are illustrative, close to the
course's synthetic posts and a real account's export (lesson 08).

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the posts measured are ``find-broadcast``: seen,
liked and shared by an audience that found them.

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
>>> from smlearn.models import uncertainty
>>> run = uncertainty.simulate(data.load("post_metrics"), sample_size=30, seed=0)
>>> run.table[["type", "posts"]].values.tolist(), round(run.prob_b_better, 2)
([['photo', 30], ['video', 30]], 0.99)
"""

from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smlearn.models.engines import intervals as interval_engine   # the same arithmetic for many data sets at once
from smlearn.models._posts import _amounts, _check_posts, _counts, _ratio
from smlearn.models.returns import METRIC, METRICS
from smlearn.params import Choice, FrozenParams, Param, check_level, check_params, check_resamples, check_seed, defaults_from
from smlearn.profile import apply_profile
from smlearn.vocabulary import POST_TYPES

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["PARAMS", "simulate", "TypeEstimates", "COLUMNS", "rate_interval", "RateInterval", "bootstrap_interval",
           "Interval", "bootstrap_distribution", "BootstrapDistribution", "compare_types", "Comparison",
           "interval_coverage", "simulate_posts", "coverage_check", "MIN_POSTS",
           "BOOTSTRAP_MIN_POSTS", "DETECTION_PARAMS", "detection_rate"]

PARAMS: dict[str, Param | Choice] = apply_profile("uncertainty", {p.name: p for p in [
    METRIC,
    Choice("type_a", "photo", POST_TYPES, "Post type A", "The first kind of post to compare."),
    Choice("type_b", "video", POST_TYPES, "Post type B", "The second kind of post to compare."),
    Param("sample_size", 10, 3, 90, 1, "Posts per type", "posts",
          "How many posts of each type are drawn from the data set (your sample)."),
    Param("level", 0.95, 0.5, 0.99, 0.01, "Interval level", "share",
          "How sure the intervals are meant to be (0.95 = 95 %)."),
]})


def _check_metric(metric):
    """The metric's (numerator column, denominator column, words), or a clear error."""
    return METRICS[METRIC.check(metric)]


def _check_type(name, value, posts=None):
    PARAMS[name].check(value)         # name is "type_a" or "type_b"
    if posts is not None and not (posts["type"] == value).any():
        raise ValueError(f"{name}: there are no posts of type {value!r} in posts")
    return value


# ---- Intervals: the pieces ----------------------------------------------------------------------

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
        high = float(interval_engine.weighted_mean_interval(numerator[None, :], denominator[None, :], level)[2][0])
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
# tests/models/test_uncertainty_coverage.py and lesson 08.
MIN_POSTS = 10


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
    and 100 posts (``tests/models/test_uncertainty_coverage.py``). Across the corners of the settings lesson
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
    level = check_level(level)
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
    mean, low, high, rho, k, _ = (float(x[0]) for x in interval_engine.weighted_mean_interval(s[None, :], n[None, :], level))
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
    level = check_level(level)
    s, n = simulate_posts(n_posts, data_sets=data_sets, seed=seed, **settings)
    truth = settings.get("rate", 0.05)
    _, low, high, _, _, _ = interval_engine.weighted_mean_interval(s, n, level)
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
    level = check_level(level)
    n_resamples = check_resamples(n_resamples)
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
    level = check_level(level)
    n_resamples = check_resamples(n_resamples)
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


@defaults_from(PARAMS)
def compare_types(posts, metric, type_a, type_b, *, level,
                  overdispersion=True, draws=20000, seed=None):
    """Compare a rate between two post types.

    With ``overdispersion=True`` (the default) each type gets the weighted-mean fit of
    :func:`rate_interval`; the difference of the two means has Welch's t interval, and
    ``prob_b_better`` is the share of that t distribution above zero. When both types have the
    same true rate, a 95 % interval of the difference leaves out zero in about 5 % of samples
    (tests/models/test_uncertainty_coverage.py), so "B beats A" is claimed no more often than it should be.
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
    level = check_level(level)
    draws = check_resamples(draws, "draws")
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
            fit = interval_engine.mean_and_variance(s[None, :], n[None, :], level)
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
        prob, (low, high) = interval_engine.difference(fits[0], fits[1], level)
        prob, difference = float(prob[0]), (float(low[0]), float(high[0]))
    else:
        delta = samples[1] - samples[0]
        prob, difference = float((delta > 0).mean()), _middle(delta, level)
    return Comparison(metric, type_a, type_b, rates[0], rates[1], intervals[0], intervals[1], posteriors[0],
                      posteriors[1], prob, difference, level, used[0], used[1], missing, min(used) >= MIN_POSTS)


# The columns of TypeEstimates.table, one row per group (A, B).
COLUMNS = ("group", "type", "posts", "estimate", "boot_low", "boot_high", "weighted_estimate", "weighted_low", "weighted_high",
           "truth", "weighted_truth")


@dataclass(frozen=True)
class TypeEstimates:
    """A sample of posts of two types, each type's rate with two intervals (see :func:`simulate`).

    Attributes
    ----------
    table : pandas.DataFrame
        Two rows (A, B) with the columns :data:`COLUMNS`: group, type, posts, estimate (ratio of
        sums), boot_low, boot_high (the percentile bootstrap interval), weighted_estimate (the weighted
        mean of the sample's posts' rates), weighted_low, weighted_high (its interval), truth (the ratio of
        sums over every post of that type: what the estimate and the bootstrap try to find) and
        weighted_truth (the same weighted mean over every post of that type: what the weighted-mean
        interval tries to find).
    params : FrozenParams
        The checked settings (:data:`PARAMS`).
    prob_b_better : float
        Probability that type B's mean rate is higher than type A's (:func:`compare_types`' t
        approximation).
    missing : int
        Rows of the posts left out because a cell of the metric's columns was missing.
    trustworthy : bool
        False below :data:`MIN_POSTS` posts of each type.
    """

    table: pd.DataFrame
    params: FrozenParams
    prob_b_better: float
    missing: int
    trustworthy: bool


@defaults_from(PARAMS)
def simulate(posts, *, metric, type_a, type_b, sample_size, level, n_resamples=1000, seed=None) -> TypeEstimates:
    """Draw a sample of posts of two types and estimate a metric for each, with intervals.

    From the posts of each of two types, ``sample_size`` posts are drawn at random (your
    sample). For each type the function returns the ratio of sums with the plain percentile
    bootstrap interval (what most tools show; too narrow on few posts), the weighted mean of
    the posts' rates with the interval of :func:`rate_interval` (which keeps its level from
    :data:`MIN_POSTS` posts up), the truth each tries to find (both over every post of the
    type), and the probability that type B's mean rate beats type A's (from
    :func:`compare_types`' t approximation). Rows with a missing cell in the metric's columns
    are left out before sampling and counted in ``missing``; ``trustworthy`` is False below
    :data:`MIN_POSTS` posts. For the same type twice, both rows come from two separate samples
    of it: they share no post when there are enough posts of that type, and only as many as
    they must when there are not.

    One generator, made from ``seed``, draws the posts and the bootstrap's resamples, so the
    same seed always gives the same sample and another seed another sample.

    Parameters
    ----------
    posts : pandas.DataFrame
        All posts (e.g. ``data.load("post_metrics")``).
    metric : str
        The rate measured: one of the metrics of :data:`PARAMS` (``"engagement_rate_reach"``, ...).
    type_a : str
        The first kind of post (one of :data:`smlearn.vocabulary.POST_TYPES`).
    type_b : str
        The second kind of post; may be ``type_a`` again (two samples of one type).
    sample_size : int, posts
        How many posts of each type are drawn (3 to 90).
    level : float, share
        How sure the intervals are meant to be (0.5 to 0.99; 0.95 = 95 %).
    n_resamples : int, default 1000
        Bootstrap resamples (100 to 100,000).
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the one generator behind the sample and the resamples.

    Returns
    -------
    TypeEstimates

    Raises
    ------
    TypeError, ValueError
        If an argument is not allowed, or there are fewer posts of a type than
        ``sample_size``.

    Examples
    --------
    >>> from smlearn import data
    >>> run = simulate(data.load("post_metrics"), sample_size=10, seed=0)
    >>> run.table[["type", "posts", "estimate", "boot_low", "boot_high", "weighted_low", "weighted_high"]].round(4)
        type  posts  estimate  boot_low  boot_high  weighted_low  weighted_high
    0  photo     10    0.0471    0.0406     0.0559    0.0414     0.0602
    1  video     10    0.0745    0.0648     0.0831    0.0590     0.0841
    """
    p = check_params(PARAMS, {"metric": metric, "type_a": type_a, "type_b": type_b, "sample_size": sample_size,
                              "level": level})
    numerator, denominator, _ = METRICS[p["metric"]]
    _check_posts(posts, ["type", numerator, denominator])
    # Rows with a missing cell are left out (and counted); the rest become plain arrays once.
    complete = (posts[numerator].notna() & posts[denominator].notna()).to_numpy()
    missing = int((~complete).sum())
    all_s, all_n, _ = _counts(posts, numerator, denominator)
    types = posts["type"].to_numpy()[complete]
    n_resamples = check_resamples(n_resamples)
    rng = check_seed(seed)
    if not (seed is None or isinstance(seed, np.random.Generator)):
        # An integer seed k seeds the generator with (k, 2025): lesson 08's samples were drawn so, and stay the same.
        rng = np.random.default_rng([int(seed), 2025])
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
        fits[group] = interval_engine.mean_and_variance(s[None, :], n[None, :], p["level"])
        mean, weighted_low, weighted_high, _, _ = (float(x[0]) for x in fits[group][3])
        everything = types == kind
        # The weighted-mean interval's truth: the same weighted mean, over every post of the type.
        weighted_truth = float(interval_engine.weighted_mean_interval(all_s[everything][None, :], all_n[everything][None, :], p["level"])[0][0])
        rows.append({
            "group": group, "type": kind, "posts": len(s), "estimate": _ratio(s.sum(), n.sum()),
            "boot_low": boot_low, "boot_high": boot_high, "weighted_estimate": mean, "weighted_low": weighted_low,
            "weighted_high": weighted_high,
            "truth": _ratio(all_s[everything].sum(), all_n[everything].sum()), "weighted_truth": weighted_truth,
        })
    return TypeEstimates(table=pd.DataFrame(rows, columns=list(COLUMNS)), params=FrozenParams(p),
                         prob_b_better=float(interval_engine.difference(fits["A"], fits["B"], p["level"])[0][0]),
                         missing=missing, trustworthy=p["sample_size"] >= MIN_POSTS)


@defaults_from(PARAMS)
def interval_coverage(posts, *, metric, type_a, type_b, sample_size,
                      samples=100, level):
    """How often the intervals of :func:`simulate` contain the truth, over many samples.

    A 95 % interval should contain the true value in about 95 of 100 samples. Because
    the data set is synthetic, the truth over every post of a type is known, so this can be
    counted: each of ``samples`` samples (seeds 0, 1, 2, ...) gives two intervals of each
    kind, one per post type. Each kind is checked against the quantity it estimates: the
    bootstrap against the ratio of sums over every post (``truth``), the weighted-mean interval
    against the weighted mean over every post (``weighted_truth``). The samples overlap (they are
    drawn from the same few hundred posts), so the count is not 200 independent tries and no
    binomial band applies to it: :func:`coverage_check` on fresh simulated pages is the test.

    Parameters
    ----------
    posts : pandas.DataFrame
        All posts (e.g. ``data.load("post_metrics")``).
    metric : str
        The rate measured, as in :func:`simulate`.
    type_a, type_b : str
        The two kinds of post, as in :func:`simulate`.
    sample_size : int, posts
        How many posts of each type each sample has.
    level : float, share
        How sure the intervals are meant to be.
    samples : int, default 100
        How many samples to draw (1 to 100: seeds 0 to 99, the explorer's draws).

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
        run = simulate(posts, metric=metric, type_a=type_a, type_b=type_b, sample_size=sample_size,
                       level=level, seed=sample)
        for row in run.table.itertuples():
            total += 1
            if row.boot_low <= row.truth <= row.boot_high:
                counts["bootstrap"] += 1
            if row.weighted_low <= row.weighted_truth <= row.weighted_high:
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
    level = check_level(level)
    rng = check_seed(seed)
    fits = []
    for true_rate in (rate, rate * s["lift"]):
        successes, trials = simulate_posts(s["posts"], rate=true_rate, spread=s["spread"],
                                           reach_spread=s["reach_spread"], data_sets=data_sets, seed=rng)
        fits.append(interval_engine.mean_and_variance(successes, trials, level))
    _, (low, _) = interval_engine.difference(fits[0], fits[1], level)
    return float((low > 0).mean())
