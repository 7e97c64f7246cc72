"""The percentile bootstrap's arithmetic, shared by :mod:`smlearn.models.bootstrap` and the sampling
model :mod:`smlearn.models.uncertainty` (a private module: the public functions check their own inputs,
then call these)."""

from __future__ import annotations

import numpy as np

from smlearn.models.engines import intervals as interval_engine   # the weighted-mean interval, for an empty sample


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
