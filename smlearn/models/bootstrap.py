"""The percentile bootstrap: the interval most tools show for a rate, and why it is too narrow on few posts.

The rule
--------
Draw as many posts as you have, with replacement, compute the ratio of sums (all successes / all
trials), repeat; the middle 95 % of those values is the interval [1]_ (:func:`bootstrap_distribution`
shows every value, :func:`bootstrap_interval` the interval). It is what most tools show, and it is
too narrow on few posts that differ: on simulated posts like real exports it holds the truth
about 85 % of the time at 10 posts, so it is flagged below :data:`BOOTSTRAP_MIN_POSTS`. The
interval that keeps its level is :func:`smlearn.models.rate_intervals.rate_interval`.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the posts measured are ``find-broadcast``: seen,
liked and shared by an audience that found them.

References
----------
.. [1] Efron, B. and Tibshirani, R. J. (1993). An Introduction to the Bootstrap.
   Chapman & Hall, chapter 13 (percentile intervals).

Examples
--------
>>> from smlearn.models import bootstrap
>>> d = bootstrap.bootstrap_distribution([3, 5, 2, 8], [50, 60, 40, 90], n_resamples=1000, seed=1)
>>> len(d.values), round(d.estimate, 4)
(1000, 0.075)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from smlearn.models._bootstrap import _bootstrap, _middle, _percentile
from smlearn.models._posts import _amounts, _check_posts, _counts, _ratio
from smlearn.models.returns import METRIC, METRICS
from smlearn.models import uncertainty   # the model: its PARAMS hold the settings a class changes
from smlearn.params import check_level, check_resamples, check_seed, defaults_from

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["FRAME_CELLS", "BOOTSTRAP_MIN_POSTS", "Interval", "bootstrap_interval", "BootstrapDistribution",
           "bootstrap_distribution"]


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


@defaults_from(uncertainty.PARAMS)
def bootstrap_interval(posts, metric, *, level, n_resamples=2000, seed=None):
    """Estimate a metric (a ratio of sums) and a percentile bootstrap interval for it.

    The plain percentile bootstrap [1]_ is kept because it is the interval most tools show.
    It is too narrow on small samples of posts that differ (see :data:`BOOTSTRAP_MIN_POSTS`):
    for an interval that keeps its level, use :func:`~smlearn.models.rate_intervals.rate_interval`. Two repairs are built in:
    rows with a missing cell are left out and counted (``missing``), never read as zero; and
    when no post had a single success, every resample is zero, so the upper end is taken from
    :func:`~smlearn.models.rate_intervals.rate_interval` instead of collapsing to [0, 0].

    Parameters
    ----------
    posts : pandas.DataFrame
        One row per post.
    metric : str
        One of :data:`smlearn.models.returns.METRICS`.
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
    numerator, denominator, _ = METRICS[METRIC.check(metric)]
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


@defaults_from(uncertainty.PARAMS)
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
