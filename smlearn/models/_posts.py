"""Counts of posts, checked: the helpers :mod:`smlearn.models.returns`, :mod:`smlearn.models.uncertainty`,
:mod:`smlearn.models.rate_intervals`, :mod:`smlearn.models.bootstrap` and :mod:`smlearn.realdata.analytics` share (a private module: the public functions check their own inputs
with these)."""

from __future__ import annotations

import numpy as np
import pandas as pd


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


def _ratio(numerator, denominator, names=("numerator", "denominator")):
    """numerator / denominator, elementwise; nan where the denominator is 0."""
    num, den = _amounts(**{names[0]: numerator, names[1]: denominator})
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den != 0, num / np.where(den != 0, den, 1), np.nan)
    return float(out) if out.ndim == 0 else out


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
