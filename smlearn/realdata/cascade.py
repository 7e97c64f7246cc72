"""One real retweet cascade (``retweet_cascade``): how fast it came, and how many it reached.

:func:`cascade_over_time` (shares and followers reached, hour by hour), :func:`share_within`
(how much came in the first hours), :func:`time_to_share` (when half, or 90 %, had come)
and :func:`shares_per_period`.
"""

from __future__ import annotations

from smlearn.realdata._checks import _check_columns

SECONDS_PER_HOUR = 3600

def _cascade(table):
    """The cascade table, checked: times in seconds (>= 0, in order) and followers (>= 0)."""
    if table is None:
        from smlearn.data import load

        table = load("retweet_cascade")
    _check_columns(table, ["relative_time_second", "number_of_followers"], "table")
    if len(table) == 0:
        raise ValueError("table has no shares")
    times = table["relative_time_second"].astype("float64")
    followers = table["number_of_followers"].astype("float64")
    if times.isna().any() or followers.isna().any():
        raise ValueError("table has a missing time or follower count")
    if (times < 0).any() or (followers < 0).any():
        raise ValueError("table has a negative time or follower count")
    if not times.is_monotonic_increasing:
        raise ValueError("table must list the shares in time order (relative_time_second never decreasing)")
    return times, followers


def cascade_over_time(table=None):
    """Return the cascade share by share: when, how many so far, how many people reached so far.

    Parameters
    ----------
    table : pandas.DataFrame, optional
        Columns ``relative_time_second`` and ``number_of_followers``, one row per share
        in time order (the first row is the original post); the ``retweet_cascade``
        data set when not given.

    Returns
    -------
    pandas.DataFrame
        One row per share: ``hours`` (since the original post), ``shares`` (shares so
        far, the original included), ``share`` (that as a fraction of all shares),
        ``reached`` (followers of everyone who has shared so far: an upper bound on the
        people who could have seen it, since followers overlap) and ``reached_share``.
    """
    import pandas as pd

    times, followers = _cascade(table)
    shares = pd.Series(range(1, len(times) + 1), index=times.index, dtype="int64")
    reached = followers.cumsum()
    total = float(followers.sum())
    return pd.DataFrame({
        "hours": times / SECONDS_PER_HOUR,
        "shares": shares,
        "share": shares / len(times),
        "reached": reached,
        "reached_share": reached / total if total > 0 else 0.0,
    }).reset_index(drop=True)


def share_within(hours, table=None, *, by="shares"):
    """Return the fraction of the cascade that came within the first ``hours`` hours (0 to 1).

    Parameters
    ----------
    hours : float >= 0
    table : pandas.DataFrame, optional
        As for :func:`cascade_over_time`.
    by : "shares" or "followers"
        Count shares, or weight each share by the sharer's followers (exposure).
    """
    hours = _check_hours(hours)
    if not isinstance(by, str) or by not in ("shares", "followers"):
        raise ValueError(f"by must be 'shares' or 'followers'; got {by!r}")
    times, followers = _cascade(table)
    early = times <= hours * SECONDS_PER_HOUR
    if by == "shares":
        return float(early.mean())
    total = float(followers.sum())
    if total == 0:
        raise ValueError("table: every sharer has 0 followers, so no exposure to weight by")
    return float(followers[early].sum() / total)


def _check_hours(hours, name="hours"):
    import math

    if (isinstance(hours, bool) or not isinstance(hours, (int, float)) or math.isnan(hours) or hours < 0
            or hours > 24 * 365):   # a year: no cascade in the data lasts longer, and a bigger grid would not fit
        raise ValueError(f"{name} must be a number >= 0 and at most {24 * 365} (a year of hours); got {hours!r}")
    return float(hours)


def time_to_share(fraction=0.5, table=None, *, by="shares"):
    """Return the hours after posting by which ``fraction`` of the cascade had come.

    Parameters
    ----------
    fraction : float in (0, 1]
        0.5 for the time by which half the shares had come.
    table : pandas.DataFrame, optional
        As for :func:`cascade_over_time`.
    by : "shares" or "followers"
        Count shares, or followers reached.
    """
    if isinstance(fraction, bool) or not isinstance(fraction, (int, float)) or not 0 < fraction <= 1:
        raise ValueError(f"fraction must be a number above 0 and at most 1; got {fraction!r}")
    if not isinstance(by, str) or by not in ("shares", "followers"):
        raise ValueError(f"by must be 'shares' or 'followers'; got {by!r}")
    curve = cascade_over_time(table)
    column = "share" if by == "shares" else "reached_share"
    # The first share at which the running fraction reaches the target (a tiny tolerance for rounding).
    reached = curve[curve[column] >= fraction - 1e-12]
    return float(reached["hours"].iloc[0])


def shares_per_period(hours=1, table=None, *, last_hour=None):
    """Return how many shares came in each period of ``hours`` hours after the original post.

    The new shares per period are what a diffusion model (Bass, say) predicts; their
    running total is the cumulative curve of :func:`cascade_over_time`.

    Parameters
    ----------
    hours : float > 0
        Length of a period, in hours.
    table : pandas.DataFrame, optional
        As for :func:`cascade_over_time`.
    last_hour : float or None
        Stop at this hour (shares after it are left out); None runs to the last share.

    Returns
    -------
    pandas.DataFrame
        ``start`` (hours), ``shares`` (new shares in the period, the original post
        included in the first), ``cumulative`` (shares so far) and ``followers``
        (followers of the period's sharers).
    """
    import numpy as np
    import pandas as pd

    hours = _check_hours(hours)
    if hours == 0:
        raise ValueError("hours must be above 0 (the length of a period)")
    times, followers = _cascade(table)
    end = float(times.max()) / SECONDS_PER_HOUR if last_hour is None else _check_hours(last_hour, "last_hour")
    periods = int(np.floor(end / hours)) + 1
    period = np.floor(times.to_numpy() / (hours * SECONDS_PER_HOUR)).astype(int)
    keep = period < periods
    counts = np.bincount(period[keep], minlength=periods)
    reached = np.bincount(period[keep], weights=followers.to_numpy()[keep], minlength=periods)
    return pd.DataFrame({
        "start": np.arange(periods) * hours,
        "shares": counts,
        "cumulative": np.cumsum(counts),
        "followers": reached,
    })
