"""Measures of a real account's analytics export (lesson 08): replies, rates by group, their spread.

A platform's analytics export has one row per post with counts: impressions (times the post was
shown), engagements (every action on it: likes, reposts, replies, clicks, expands) and the
actions one by one. The functions here take such a table, as :func:`smlearn.exports.load_export`
returns it, and measure what lesson 08's model assumes about posts:

- :func:`is_reply`: which posts are replies (X/Twitter posts whose text starts with "@"), the
  obvious way to split one account's posts in two;
- :func:`rates_by_group`: a rate (e.g. engagements per impression) for each group of posts, as a
  ratio of sums and with the weighted-mean interval of
  :func:`smlearn.models.rate_intervals.rate_interval`;
- :func:`compare_groups`: whether two groups' rates differ by more than chance (Welch's t on the
  two weighted means, as :func:`smlearn.models.rate_intervals.compare_types` does for post types);
- :func:`bootstrap_gap`: the same question for the two groups' ratios of sums (the share of all
  impressions that engaged), by resampling whole posts;
- :func:`rate_spread`: how much the posts' own true rates differ, as a share of the mean rate:
  the ``spread`` setting of :func:`smlearn.models.interval_studies.simulate_posts`, measured.

In the course's frame (:mod:`smlearn.frame`) an analytics export measures ``find-broadcast``.

Examples
--------
>>> import pandas as pd
>>> posts = pd.DataFrame({"text": ["@ann yes", "New paper out", "@bob thanks", "Slides here"],
...                       "engagements": [2, 30, 4, 10], "impressions": [100, 1000, 100, 500]})
>>> is_reply(posts).tolist()
[True, False, True, False]
>>> rates_by_group(posts, "engagements", "impressions", by=is_reply(posts))["ratio_of_sums"].tolist()
[0.02666666666666667, 0.03]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smlearn.models import uncertainty
from smlearn.models.engines import intervals as interval_engine   # the same arithmetic for many data sets at once
from smlearn.models._posts import _amounts, _counts
from smlearn.params import check_level, check_resamples, check_seed, check_text
from smlearn.realdata import conversations

__all__ = ["GroupComparison", "bootstrap_gap", "compare_groups", "is_reply", "rate_spread", "rates_by_group"]


def _check_table(posts):
    if not isinstance(posts, pd.DataFrame):
        raise TypeError(f"posts must be a pandas DataFrame with one row per post (e.g. from load_export); "
                        f"got {type(posts).__name__}")
    if posts.empty:
        raise ValueError("posts is empty: there are no posts to measure")


def _check_column(posts, name, value):
    check_text(name, value)
    if value not in posts.columns:
        raise ValueError(f"{name} must be a column of posts; got {value!r}; the columns are: "
                         f"{', '.join(map(str, posts.columns))}")
    return value


def is_reply(posts, *, text="text"):
    """Which posts are replies: their text starts with "@" (:func:`smlearn.realdata.conversations.is_reply`).

    The course's one rule for replies, a heuristic: spaces before the "@" are ignored, and a post
    that opens with someone's name counts as a reply even if it was written for everyone.

    Parameters
    ----------
    posts : pandas.DataFrame
        One row per post, with a text column.
    text : str, default 'text'
        The column holding each post's text. A missing text counts as not a reply.

    Returns
    -------
    pandas.Series of bool, named 'reply', on the same rows as ``posts``.

    Examples
    --------
    >>> import pandas as pd
    >>> is_reply(pd.DataFrame({"text": ["@ann yes", "Hello @ann", None, "  @bob ok"]})).tolist()
    [True, False, False, True]
    """
    _check_table(posts)
    _check_column(posts, "text", text)
    values = posts[text]
    if not (pd.api.types.is_string_dtype(values) or values.dtype == object):
        raise TypeError(f"text must name a column of text; {text!r} holds {values.dtype}")
    # One rule for the whole course: conversations.is_reply (text starting with "@" after any
    # leading spaces). It is a heuristic: a tweet that opens with someone's name is taken for a reply.
    replies = []
    for value in values:
        replies.append(isinstance(value, str) and conversations.is_reply(value))
    return pd.Series(replies, index=posts.index, name="reply", dtype=bool)


def _groups(posts, by):
    """The group of each row, as a Series on posts' rows, from a column name or a Series."""
    if isinstance(by, str):
        _check_column(posts, "by", by)
        return posts[by]
    if isinstance(by, pd.Series):
        if len(by) != len(posts) or not by.index.equals(posts.index):
            raise ValueError(f"by must be a column name of posts or a Series on the same rows as posts; got a "
                             f"Series of {len(by)} rows for {len(posts)} posts")
        return by
    raise TypeError(f"by must be a column name of posts or a pandas Series (e.g. is_reply(posts)); "
                    f"got {type(by).__name__}")


def rates_by_group(posts, successes, trials, *, by, level=0.95):
    """A rate for each group of posts: the ratio of sums and the weighted-mean interval.

    Parameters
    ----------
    posts : pandas.DataFrame
        One row per post.
    successes, trials : str
        The two count columns of the rate (e.g. 'engagements' and 'impressions').
    by : str or pandas.Series
        A column of ``posts``, or a Series on the same rows (e.g. :func:`is_reply` or the month of
        each post), whose values name the groups.
    level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        One row per group: posts (complete rows with trials > 0), successes, trials, ratio_of_sums,
        estimate (the weighted mean of the posts' rates), low, high (its interval, see
        :func:`smlearn.models.rate_intervals.rate_interval`), spread (:func:`rate_spread`), missing (rows
        left out because a cell was missing) and trustworthy (False below
        :data:`smlearn.models.uncertainty.MIN_POSTS` posts).

    Raises
    ------
    TypeError, ValueError
        If ``posts`` is not a non-empty table with the two columns, ``by`` is neither a column nor
        a Series on the same rows, a group has no post with trials, or ``level`` is not in (0, 1).

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"group": ["a", "a", "b", "b"], "s": [1, 3, 5, 5], "n": [10, 10, 50, 50]})
    >>> table = rates_by_group(posts, "s", "n", by="group")
    >>> table["posts"].to_dict(), table["ratio_of_sums"].to_dict()
    ({'a': 2, 'b': 2}, {'a': 0.2, 'b': 0.1})
    """
    _check_table(posts)
    _check_column(posts, "successes", successes)
    _check_column(posts, "trials", trials)
    groups = _groups(posts, by)
    level = check_level(level)
    rows = {}
    for name, part in posts.groupby(groups.to_numpy(), sort=True):
        s, n, missing = _counts(part, successes, trials)   # missing cells left out and counted
        used = n > 0
        if used.sum() < 2:
            raise ValueError(f"by: the group {name!r} has {int(used.sum())} post(s) with {trials} > 0; "
                             f"a rate and its interval need at least two")
        s, n = s[used], n[used]
        mean, low, high, _, k, _ = (float(x[0]) for x in interval_engine.weighted_mean_interval(s[None, :], n[None, :], level))
        rows[name] = {"posts": int(k), "successes": float(s.sum()), "trials": float(n.sum()),
                      "ratio_of_sums": float(s.sum() / n.sum()), "estimate": mean, "low": low, "high": high,
                      "spread": _spread(s, n), "missing": missing, "trustworthy": k >= uncertainty.MIN_POSTS}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = by if isinstance(by, str) else (by.name or "group")
    return table


@dataclass(frozen=True, repr=False)
class GroupComparison:
    """Two groups' rates compared (see :func:`compare_groups`); it prints as one sentence.

    Attributes
    ----------
    name : str
        What the groups are (the column or Series name of ``by``).
    group_a, group_b : object
        The two groups' names (A is the first in sorted order).
    estimate_a, estimate_b : float
        Each group's weighted mean rate.
    difference : float
        ``estimate_b - estimate_a``.
    low, high : float
        The interval of the difference at ``level`` (Welch's t).
    level : float
    beyond_chance : bool
        True when the interval leaves out zero.
    """

    name: str
    group_a: object
    group_b: object
    estimate_a: float
    estimate_b: float
    difference: float
    low: float
    high: float
    level: float
    beyond_chance: bool

    def __repr__(self) -> str:
        verdict = "beyond chance" if self.beyond_chance else "within what chance gives"
        return (f"{self.name}={self.group_b!r}: {self.estimate_b:.2%}, {self.name}={self.group_a!r}: "
                f"{self.estimate_a:.2%}; difference {100 * self.difference:+.2f} points, {self.level:.0%} interval "
                f"{100 * self.low:+.2f} to {100 * self.high:+.2f}: {verdict}")


def compare_groups(posts, successes, trials, *, by, level=0.95):
    """Is the gap between two groups' rates more than chance? Welch's t on their weighted means.

    The same method as :func:`smlearn.models.rate_intervals.compare_types` (each group's weighted mean
    and its robust variance, the difference with Welch's t and Satterthwaite's degrees of
    freedom), for any two groups of posts, e.g. replies against stand-alone posts.

    Parameters
    ----------
    posts, successes, trials, by, level
        As in :func:`rates_by_group`; ``by`` must have exactly two groups.

    Returns
    -------
    GroupComparison

    Raises
    ------
    TypeError, ValueError
        As :func:`rates_by_group`, and if ``by`` does not make exactly two groups.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"kind": ["a"] * 12 + ["b"] * 12,
    ...                       "s": [5, 6, 4, 5, 6, 5, 4, 5, 6, 5, 4, 6] + [10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 9, 11],
    ...                       "n": [100] * 24})
    >>> result = compare_groups(posts, "s", "n", by="kind")
    >>> round(result.difference, 3), result.beyond_chance
    (0.051, True)
    >>> result
    kind='b': 10.17%, kind='a': 5.08%; difference +5.08 points, 95% interval +2.83 to +7.33: beyond chance
    """
    _check_table(posts)
    _check_column(posts, "successes", successes)
    _check_column(posts, "trials", trials)
    groups = _groups(posts, by)
    # Plain Python values (False, 4, 'photo'), not numpy scalars, so that they print plainly.
    names = []
    for name in pd.unique(groups.dropna()):
        names.append(name.item() if isinstance(name, np.generic) else name)
    names = sorted(names, key=str)
    if len(names) != 2:
        raise ValueError(f"by must make exactly two groups to compare; got {len(names)}: {names[:5]}")
    level = check_level(level)
    fits = []
    for name in names:
        s, n, _ = _counts(posts[(groups == name).to_numpy()], successes, trials)
        used = n > 0
        if used.sum() < 2:
            raise ValueError(f"by: the group {name!r} has {int(used.sum())} post(s) with {trials} > 0; "
                             f"a comparison needs at least two in each group")
        fits.append(interval_engine.mean_and_variance(s[used][None, :], n[used][None, :], level))
    _, (low, high) = interval_engine.difference(fits[0][:3], fits[1][:3], level)
    a, b = float(fits[0][0][0]), float(fits[1][0][0])
    low, high = float(low[0]), float(high[0])
    name = by if isinstance(by, str) else str(by.name or "group")
    return GroupComparison(name, names[0], names[1], a, b, b - a, low, high, float(level), bool(low > 0 or high < 0))


def _spread(s, n):
    """Standard deviation of the posts' true rates over their mean (method of moments, as rate_interval)."""
    mean, _, _, rho, k, _ = (float(x[0]) for x in interval_engine.weighted_mean_interval(s[None, :], n[None, :], 0.95))
    if k < 2 or not 0 < mean < 1:
        return float("nan")
    # rho is the share of a person's variation that lies between posts: var(true rates) = rho m (1 - m).
    return float(np.sqrt(rho * mean * (1 - mean)) / mean)


def rate_spread(successes, trials):
    """How much posts' own true rates differ: their standard deviation as a share of the mean rate.

    The coin-flip noise of small posts is taken out first (the dispersion ``rho`` of
    :func:`smlearn.models.rate_intervals.rate_interval`, estimated by moments): the standard deviation of
    the true rates is ``sqrt(rho m (1 - m))`` round the mean ``m``. It is the ``spread`` setting
    of :func:`smlearn.models.interval_studies.simulate_posts` (0.3: posts' rates differ by about 30 % of
    the mean), measured on real posts. 0 means every post has the same true rate.

    Parameters
    ----------
    successes, trials : array-like of numbers >= 0
        One value per post, no missing values; posts with 0 trials are left out.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        If the columns are not numbers >= 0 of the same length, have a missing value, a post has
        more successes than trials, or fewer than two posts have trials.

    Examples
    --------
    Posts simulated with a spread of 0.3 give back about 0.3:

    >>> from smlearn.models import interval_studies
    >>> s, n = interval_studies.simulate_posts(3000, rate=0.05, spread=0.3, seed=1)
    >>> round(rate_spread(s[0], n[0]), 1)
    0.3
    """
    s, n = _amounts(successes=successes, trials=trials)
    s, n = np.atleast_1d(s), np.atleast_1d(n)
    if s.shape != n.shape or s.ndim != 1:
        raise ValueError(f"successes and trials must be two columns of the same length; got {s.shape} and {n.shape}")
    if np.isnan(s).any() or np.isnan(n).any():
        raise ValueError("successes and trials must not have missing values: leave those posts out first")
    if (s > n).any():
        raise ValueError("successes cannot be larger than trials in a post (a rate is a share)")
    used = n > 0
    if used.sum() < 2:
        raise ValueError(f"trials must have at least two posts with trials > 0; got {int(used.sum())}")
    return _spread(s[used], n[used])


def bootstrap_gap(posts, successes, trials, *, by, level=0.95, n_resamples=2000, seed=0):
    """The gap between two groups' ratios of sums, with a bootstrap interval that resamples whole posts.

    :func:`compare_groups` compares the two groups' weighted means (the average post's rate,
    each post's weight capped). This compares the other estimator, the ratio of sums (all
    successes / all trials of a group: e.g. the share of all impressions that engaged), where
    a post seen 100,000 times weighs 1,000 times one seen 100 times. Each resample draws as many
    posts as each group has, with replacement, within the group; the gap is group B's ratio
    less group A's (B the second in sorted order, as in :func:`compare_groups`).

    Parameters
    ----------
    posts, successes, trials, by, level
        As in :func:`compare_groups`; ``by`` must have exactly two groups.
    n_resamples : int, default 2000
    seed : int >= 0, default 0
        The same seed gives the same interval.

    Returns
    -------
    pandas.Series
        ``ratio_a``, ``ratio_b``, ``difference`` (``ratio_b - ratio_a``), ``low``, ``high``
        (the middle ``level`` of the resampled gaps) and ``beyond_chance`` (the interval leaves
        out zero).

    Raises
    ------
    TypeError, ValueError
        As :func:`compare_groups`, and if ``n_resamples`` or ``seed`` is not allowed.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"kind": ["a", "a", "b", "b"], "s": [1, 3, 5, 5], "n": [10, 10, 50, 50]})
    >>> gap = bootstrap_gap(posts, "s", "n", by="kind", n_resamples=200)
    >>> round(float(gap["ratio_a"]), 2), round(float(gap["ratio_b"]), 2), round(float(gap["difference"]), 2)
    (0.2, 0.1, -0.1)
    """
    _check_table(posts)
    _check_column(posts, "successes", successes)
    _check_column(posts, "trials", trials)
    groups = _groups(posts, by)
    level = check_level(level)
    n_resamples = check_resamples(n_resamples)
    rng = check_seed(seed)
    names = []
    for name in pd.unique(groups.dropna()):
        names.append(name.item() if isinstance(name, np.generic) else name)
    names = sorted(names, key=str)
    if len(names) != 2:
        raise ValueError(f"by must make exactly two groups to compare; got {len(names)}: {names[:5]}")
    ratios, draws = [], []
    for name in names:
        s, n, _ = _counts(posts[(groups == name).to_numpy()], successes, trials)
        used = n > 0
        if used.sum() < 2 or n[used].sum() <= 0:
            raise ValueError(f"by: the group {name!r} has {int(used.sum())} post(s) with {trials} > 0; "
                             f"a comparison needs at least two in each group")
        s, n = s[used], n[used]
        ratios.append(float(s.sum() / n.sum()))
        # n_resamples draws of as many posts as the group has, with replacement: post numbers.
        picks = rng.integers(0, len(s), size=(n_resamples, len(s)))
        draws.append(s[picks].sum(axis=1) / n[picks].sum(axis=1))
    gaps = draws[1] - draws[0]
    low, high = np.quantile(gaps, [(1 - level) / 2, (1 + level) / 2])
    return pd.Series({"ratio_a": ratios[0], "ratio_b": ratios[1], "difference": ratios[1] - ratios[0],
                      "low": float(low), "high": float(high), "beyond_chance": bool(low > 0 or high < 0)},
                     name=f"{names[1]} less {names[0]}", dtype=object)
