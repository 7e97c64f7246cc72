"""One real retweet cascade (``retweet_cascade``): how fast it came, and how many it reached.

:func:`cascade_over_time` (shares and followers reached, hour by hour), :func:`share_within`
(how much came in the first hours), :func:`time_to_share` (when half, or 90 %, had come)
and :func:`shares_per_period`; :func:`exposure_share` (how much of the audience the
biggest sharers brought); two curves fitted to the cascade, :func:`fit_bass` (no network:
outside push and word of mouth) and :func:`fit_network_spread` (each share puts the post in
front of the sharer's followers); :func:`forecast_final_size` fits both on the first hours
only and asks each for the final size (an out-of-sample test), with
:func:`final_size_forecast` the sum that turns a fitted branching into a forecast.
"""

from __future__ import annotations

from dataclasses import dataclass

from smlearn.realdata._checks import _check_columns

__all__ = ["SECONDS_PER_HOUR", "cascade_over_time", "share_within", "time_to_share", "shares_per_period",
           "exposure_share", "CascadeFit", "fit_bass", "fit_network_spread", "final_size_forecast",
           "forecast_final_size", "exposure_curve"]

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


def exposure_share(top=0.01, table=None):
    """Return the share of all followers reached that came from the ``top`` share of sharers with most followers.

    Each share puts the post in front of the sharer's followers (the *exposure*). Sort the
    sharers by their followers, biggest first, and add up: this is the share of the
    total that the biggest ``top`` of them brought (0.01: the top 1 %, at least one sharer).

    Parameters
    ----------
    top : float in (0, 1]
        The share of sharers counted, biggest first.
    table : pandas.DataFrame, optional
        As for :func:`cascade_over_time`.

    Examples
    --------
    Four sharers with 1, 1, 2 and 96 followers: the top quarter (one sharer) brought 96 %.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"relative_time_second": [0, 5, 9, 20], "number_of_followers": [1, 1, 2, 96]})
    >>> exposure_share(0.25, t)
    0.96
    """
    import math

    import numpy as np

    if isinstance(top, bool) or not isinstance(top, (int, float)) or math.isnan(top) or not 0 < top <= 1:
        raise ValueError(f"top must be a share above 0 and at most 1; got {top!r}")
    _, followers = _cascade(table)
    total = float(followers.sum())
    if total == 0:
        raise ValueError("table: every sharer has 0 followers, so there is no exposure to share out")
    biggest = np.sort(followers.to_numpy())[::-1]
    count = max(1, int(round(top * len(biggest))))
    return float(biggest[:count].sum() / total)


@dataclass(frozen=True, eq=False)
class CascadeFit:
    """A curve fitted to a cascade's running count of shares.

    Attributes
    ----------
    model : str
        "Bass" or "network spread".
    params : dict
        The fitted numbers (Bass: ``p`` and ``q`` per hour and ``market``; network
        spread: ``chance`` per follower and ``hours``, the mean wait).
    curve : pandas.DataFrame
        ``hours``, ``observed`` (shares so far) and ``fitted`` (the curve), one row per point fitted.
    largest_gap : float
        The largest distance between curve and data, as a share of all shares (0 = perfect).
    """

    model: str
    params: dict
    curve: object
    largest_gap: float


def _observed(times, counts, table):
    """The points to fit: (hours, shares so far), from the arguments or the cascade table."""
    import numpy as np

    if times is None and counts is None:
        curve = cascade_over_time(table)
        return curve["hours"].to_numpy(dtype=float), curve["shares"].to_numpy(dtype=float)
    if times is None or counts is None:
        raise ValueError("times and counts must be given together (or neither, to fit the cascade table)")
    arrays = []
    for name, value in (("times", times), ("counts", counts)):
        if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__len__"):
            raise TypeError(f"{name} must be a list of numbers; got {type(value).__name__}")
        try:
            arrays.append(np.asarray(value, dtype=float))
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be a list of numbers; got {value!r:.80}") from None
    t, n = arrays
    if t.ndim != 1 or t.shape != n.shape or t.size < 3:
        raise ValueError(f"times and counts must be lists of the same length, at least 3; got {t.shape} and {n.shape}")
    if not (np.isfinite(t).all() and np.isfinite(n).all()) or (t < 0).any() or (n < 0).any():
        raise ValueError("times and counts must be finite numbers >= 0")
    if (np.diff(t) < 0).any() or (np.diff(n) < 0).any():
        raise ValueError("times and counts must never decrease (a running count over time)")
    if n[-1] <= 0:
        raise ValueError("counts must reach above 0")
    return t, n


def fit_bass(times=None, counts=None, *, table=None):
    r"""Fit Bass's curve (outside push ``p``, word of mouth ``q``, final size ``market``) to a running count.

    The curve is :math:`N(t) = M \frac{1 - e^{-(p+q)t}}{1 + (q/p) e^{-(p+q)t}}`, the
    solution in :func:`smlearn.models.bass.simulate`, with ``t`` in hours here. The fit
    is least squares: the three numbers that make the squared distances between curve and
    data, added over every point, as small as they can be (``scipy.optimize.least_squares``).

    Parameters
    ----------
    times, counts : list of float, optional
        Hours and the running count at each; both None (the default) fits the cascade.
    table : pandas.DataFrame, optional
        As for :func:`cascade_over_time`, when ``times`` and ``counts`` are not given.

    Returns
    -------
    CascadeFit
        ``params``: ``p`` and ``q`` (per hour) and ``market``.

    Examples
    --------
    A curve made by the model with p = 0.03 and q = 0.38 is fitted back to them:

    >>> from smlearn.models import bass
    >>> made = bass.simulate(p=0.03, q=0.38, periods=30, market_size=1000)
    >>> fit = fit_bass(made["period"], made["cumulative"])
    >>> round(fit.params["p"], 3), round(fit.params["q"], 3), round(fit.params["market"])
    (0.03, 0.38, 1000)
    """
    import numpy as np
    import pandas as pd
    from scipy.optimize import least_squares

    t, n = _observed(times, counts, table)
    total = float(n[-1])

    def curve(x):
        p, q, market = np.exp(x)              # fitted on a log scale: all three stay above 0
        decay = np.exp(-(p + q) * t)
        return market * (1 - decay) / (1 + (q / p) * decay)

    # Start: half the final count at the time half came in, word of mouth ten times the push.
    half = float(t[np.searchsorted(n, total / 2)]) or 1.0
    start = np.log([0.1 / half, 1.0 / half, total])
    best = least_squares(lambda x: (curve(x) - n) / total, start, method="lm")
    p, q, market = np.exp(best.x)
    fitted = curve(best.x)
    table_ = pd.DataFrame({"hours": t, "observed": n, "fitted": fitted})
    return CascadeFit("Bass", {"p": float(p), "q": float(q), "market": float(market)}, table_,
                      float(np.abs(fitted - n).max() / total))


def _network_curve(t, followers, chance, wait):
    """Expected shares so far at each share's time: 1 + chance * sum of earlier sharers' followers who have acted.

    A follower of a sharer who shared at ``s`` shares with probability ``chance``, after an
    exponential wait of mean ``wait`` hours: by ``t`` the expected number is
    ``chance * followers * (1 - exp(-(t - s) / wait))``. The sum over earlier sharers runs as a
    loop over shares, carrying the part still waiting forward (``pending``).
    """
    import numpy as np

    expected = np.ones(t.size)     # the original post
    pending = 0.0                  # followers of earlier sharers who have not acted yet (expected)
    acted = 0.0                    # followers of earlier sharers who have acted (expected)
    for i in range(1, t.size):
        fade = np.exp(-(t[i] - t[i - 1]) / wait)
        pending = pending + followers[i - 1]
        acted += pending * (1 - fade)
        pending = pending * fade
        expected[i] = 1 + chance * acted
    return expected


def fit_network_spread(table=None):
    r"""Fit a network-spread curve to the cascade: each share puts the post in front of the sharer's followers.

    A simplified self-exciting (Hawkes) curve in the spirit of SEISMIC (Zhao et al. 2015):
    every follower of everyone who has shared shares it too with the same small ``chance``,
    after a wait whose mean is ``hours`` (an exponential wait). So the expected shares by
    time ``t`` are

    .. math::  1 + c \sum_{s_i < t} d_i \left(1 - e^{-(t - s_i)/\tau}\right),

    with :math:`d_i` the followers of the sharer at :math:`s_i`. ``c`` and :math:`\tau` are
    fitted by least squares on the running count, like :func:`fit_bass`.

    Not SEISMIC: SEISMIC's waiting time is flat for about 5 minutes and then decays as a
    power law (a heavy tail), its infectiousness changes over time (estimated locally), and
    it forecasts the final size; here the wait is exponential, the chance is one constant
    and the fit is to the whole running count.

    Circular on its own data: the curve is built from the sharers actually seen before each
    moment, so it is close to the observed count shifted by the wait, and the fitted chance
    is close to all shares divided by the summed followers of all sharers. A small gap is no
    test; :func:`forecast_final_size` is one.

    Parameters
    ----------
    table : pandas.DataFrame, optional
        As for :func:`cascade_over_time`.

    Returns
    -------
    CascadeFit
        ``params``: ``chance`` (per follower) and ``hours`` (the mean wait).

    References
    ----------
    Zhao, Q., Erdogdu, M. A., He, H. Y., Rajaraman, A. and Leskovec, J. (2015). SEISMIC: a
    self-exciting point process model for predicting tweet popularity. KDD '15, 1513-1522.

    Examples
    --------
    >>> fit = fit_network_spread()
    >>> 0 < fit.params["chance"] < 0.05 and fit.params["hours"] > 0
    True
    """
    import numpy as np
    import pandas as pd
    from scipy.optimize import least_squares

    times, followers = _cascade(table)
    if len(times) < 3:
        raise ValueError(f"table must have at least 3 shares to fit a curve; got {len(times)}")
    t = times.to_numpy(dtype=float) / SECONDS_PER_HOUR
    d = followers.to_numpy(dtype=float)
    n = np.arange(1, t.size + 1, dtype=float)
    total = float(n[-1])
    if d[:-1].sum() == 0:
        raise ValueError("table: every sharer has 0 followers, so nobody could have seen it")

    def residuals(x):
        chance, wait = np.exp(x)
        return (_network_curve(t, d, chance, wait) - n) / total

    # Start: the chance that makes the final count right, and a wait of an hour.
    start = np.log([total / d[:-1].sum(), 1.0])
    best = least_squares(residuals, start, x_scale=1.0)
    chance, wait = np.exp(best.x)
    fitted = _network_curve(t, d, chance, wait)
    curve = pd.DataFrame({"hours": t, "observed": n, "fitted": fitted})
    return CascadeFit("network spread", {"chance": float(chance), "hours": float(wait)}, curve,
                      float(np.abs(fitted - n).max() / total))


def final_size_forecast(seen, waiting, branching):
    """Return the final size a branching process forecasts: ``seen + waiting / (1 - branching)``.

    ``waiting`` shares are still to come from people already reached; each share brings
    ``branching`` more on average, those bring ``branching`` each again, and so on:
    ``waiting * (1 + b + b**2 + ...) = waiting / (1 - b)``. The sum is finite only when
    ``branching`` is below 1; at 1 or above the forecast is infinite (``math.inf``): the
    spread never stops, so the curve cannot forecast a final size.

    Parameters
    ----------
    seen : float >= 0
        Shares so far.
    waiting : float >= 0
        Expected shares still to come from people already reached.
    branching : float >= 0
        Expected further shares each share brings.

    Examples
    --------
    >>> final_size_forecast(10, 2, 0.5)     # 10 + 2 * (1 + 0.5 + 0.25 + ...) = 10 + 4
    14.0
    >>> final_size_forecast(10, 2, 1.0)
    inf
    """
    import math

    for name, value in (("seen", seen), ("waiting", waiting), ("branching", branching)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            raise ValueError(f"{name} must be a finite number >= 0; got {value!r}")
    if branching >= 1:
        return math.inf
    return float(seen + waiting / (1 - branching))


def forecast_final_size(table=None, hours=6):
    """Fit both curves on the first ``hours`` hours only and ask each for the cascade's final size.

    An out-of-sample test, as SEISMIC makes: the later shares are hidden from the fits.

    - **Bass**: its fitted final size ``market``.
    - **Network spread** (:func:`fit_network_spread` on the early shares): the shares seen,
      plus those still expected from followers already reached (``chance`` times the
      followers whose wait has not run out), each bringing ``branching`` more, where
      ``branching`` = ``chance`` times the mean followers of the resharers seen so far,
      the original left out (the assumption for later sharers). Summed by :func:`final_size_forecast`: infinite when
      ``branching`` is 1 or more.

    Parameters
    ----------
    table : pandas.DataFrame, optional
        As for :func:`cascade_over_time`.
    hours : float > 0
        The hours of data the fits may see.

    Returns
    -------
    pandas.DataFrame
        One row per curve: ``model``, ``forecast`` (final shares, ``inf`` when it never
        stops), ``real`` (the real final count), ``forecast_share`` (forecast / real) and
        ``branching`` (NaN for Bass).
    """
    import math

    import numpy as np
    import pandas as pd

    hours = _check_hours(hours)
    times, followers = _cascade(table)
    full = pd.DataFrame({"relative_time_second": times, "number_of_followers": followers})
    early = full[times <= hours * SECONDS_PER_HOUR]
    if len(early) < 3:
        raise ValueError(f"hours: only {len(early)} shares came within {hours:g} hours; at least 3 are needed to fit")
    real_total = float(len(full))
    bass = fit_bass(table=early)
    network = fit_network_spread(early)
    chance, wait = network.params["chance"], network.params["hours"]
    t = early["relative_time_second"].to_numpy(dtype=float) / SECONDS_PER_HOUR
    d = early["number_of_followers"].to_numpy(dtype=float)
    # Followers already reached whose wait has not run out by the cut: each may still share.
    still_waiting = float((d * np.exp(-(hours - t) / wait)).sum())
    # Later sharers are assumed to have as many followers, on average, as the resharers seen so
    # far (the original post is left out: it is not a typical sharer).
    branching = chance * float(d[1:].mean())
    network_total = final_size_forecast(float(len(early)), chance * still_waiting, branching)
    rows = [("Bass", bass.params["market"], math.nan), ("network spread", network_total, branching)]
    out = pd.DataFrame(rows, columns=["model", "forecast", "branching"])
    out["real"] = real_total
    out["forecast_share"] = out["forecast"] / real_total
    return out[["model", "forecast", "real", "forecast_share", "branching"]]


def exposure_curve(table=None):
    """Return how the audience piles up when sharers are sorted by their followers, biggest first.

    Returns
    -------
    pandas.DataFrame
        One row per sharer, biggest first: ``sharers`` (the share of sharers counted so
        far, 0 to 1) and ``exposure`` (the share of all followers reached that they brought).
        ``exposure`` never falls and ends at 1.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"relative_time_second": [0, 5, 9, 20], "number_of_followers": [1, 1, 2, 96]})
    >>> exposure_curve(t)["exposure"].tolist()
    [0.96, 0.98, 0.99, 1.0]
    """
    import numpy as np
    import pandas as pd

    _, followers = _cascade(table)
    total = float(followers.sum())
    if total == 0:
        raise ValueError("table: every sharer has 0 followers, so there is no exposure to share out")
    biggest = np.sort(followers.to_numpy(dtype=float))[::-1]
    return pd.DataFrame({"sharers": np.arange(1, biggest.size + 1) / biggest.size,
                         "exposure": np.cumsum(biggest) / total})
