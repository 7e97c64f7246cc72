"""The weighted-mean interval of a rate, and the difference of two, for many data sets at once.

The engine of :mod:`smlearn.models.rate_intervals` (whose
:func:`~smlearn.models.rate_intervals.rate_interval` explains the method in words, for one data set)
and of :mod:`smlearn.models.uncertainty`, :mod:`smlearn.models.interval_studies` and
:mod:`smlearn.realdata.analytics`. Each function takes 2-D arrays, one data set per row,
so that a coverage check of 2,000 data sets is one call. Like every engine it assumes checked
inputs: the public functions of those modules check what they are given, then call these.
Tests hold them equal: tests/models/test_uncertainty_coverage.py compares this engine, row by
row, with :func:`~smlearn.models.rate_intervals.compare_types` on single data sets.
"""

from __future__ import annotations

import numpy as np

__all__ = ["weighted_mean_interval", "difference", "mean_and_variance"]


def weighted_mean_interval(s, n, level):
    """The weighted-mean interval, for many data sets at once (one per row).

    No Beta-binomial model is fitted: it is a moment-based weighted mean of the posts' rates
    (Kleinman 1973) with a robust (sandwich) variance, Student's t and a Wilson-style wrapper.
    What it estimates is the type's mean rate (the mean of the posts' own true rates, weighted
    as below), not the ratio of sums (total successes / total trials); on posts whose rate does
    not depend on their reach the two have the same target, on a finite set of posts they differ
    a little.

    ``s`` and ``n`` are 2-D arrays (data sets x posts) of successes and trials; a post with
    no trials carries no weight. Returns ``(estimate, low, high, dispersion, posts, variance)``,
    one value per row (``variance``: the variance of the estimate).

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


def difference(a, b, level):
    """``(prob_b_better, (low, high))`` for B minus A from two weighted-mean fits (:func:`mean_and_variance`).

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


def mean_and_variance(s, n, level):
    """Mean, variance and posts of the weighted-mean fit (rows of ``s``, ``n`` are data sets).

    The variance is never below the binomial one (posts cannot be surer than coin flips), and
    with no success at all it is that of a single success, so that a difference is never
    measured as exact."""
    mean, low, high, rho, k, variance = weighted_mean_interval(s, n, level)
    total = np.atleast_2d(n).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        floor = np.where(mean > 0, mean * (1 - mean) / total, 1 / total**2)
    # (The whole fit comes fourth, for compare_types, which also reports each type's interval.)
    return mean, np.maximum(variance, floor), k, (mean, low, high, rho, k)
