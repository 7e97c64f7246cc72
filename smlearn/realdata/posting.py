"""One real account's posting effort and what it got (``x_analytics_daily``, ``x_analytics_posts``).

Lesson 07's model assumes that every piece of content is found by the same number of
strangers, however many pieces there are: post twice as much and twice as many people
find you. The X/Twitter analytics exports of one real account (six months, one row per
day and one row per tweet) let us test that on data the course did not make.

- :func:`effort_and_returns`: one row per day, tweets published (the effort) and
  impressions (the returns), with the week each day belongs to.
- :func:`returns_elasticity`: the slope of log(returns) against log(effort). A slope of 1
  means returns grow in proportion to effort (twice the tweets, twice the impressions);
  below 1, less than in proportion; 0, not at all. With it, the rank correlation
  (Spearman's), which does not assume a straight line.
- :func:`slope_interval`: how far that slope could move by chance: a 95 % interval from
  resampling the days (or weeks) with replacement, with a fixed seed.
- :func:`stand_alone_per_day`: adds to the days how many stand-alone tweets (not replies)
  each one published: the model's content is broadcast pieces, not replies.
- :func:`reply_share`: replies (part of a conversation: two-way) against stand-alone tweets
  (broadcast): each one's share of the tweets (effort) and of the impressions and
  engagements (returns). A reply is told by a rule of thumb, its text starting with "@"
  (:func:`smlearn.realdata.analytics.is_reply`).

Examples
--------
>>> from smlearn.realdata import posting
>>> days = posting.effort_and_returns()
>>> round(float(posting.returns_elasticity(days)["slope"]), 2)
0.63
"""

from __future__ import annotations

from smlearn.realdata._checks import _check_columns

__all__ = ["REPLY_MARK", "RETURNS", "effort_and_returns", "reply_share", "returns_elasticity", "slope_interval",
           "stand_alone_per_day"]

# A tweet whose text starts with this is a reply: it answers someone, in a conversation (a rule of
# thumb; the rule itself is smlearn.realdata.analytics.is_reply, used below).
REPLY_MARK = "@"
# The daily columns that can stand for the returns of a day's posting.
RETURNS = ("impressions", "engagements", "likes", "retweets", "replies", "follows")


def _check_returns(returns):
    if not isinstance(returns, str) or returns not in RETURNS:
        raise ValueError(f"returns must be one of {', '.join(RETURNS)}; got {returns!r}")
    return returns


def _whole_numbers(column, what, name):
    """``column`` as floats, refused if a value is missing or negative."""
    values = column.astype("float64")
    if values.isna().any():
        raise ValueError(f"{name} has a missing value in {what!r}")
    if (values < 0).any():
        raise ValueError(f"{name} has a negative value in {what!r}")
    return values


def effort_and_returns(daily=None, *, returns="impressions"):
    """Return one row per day: how many tweets were published and what the day brought.

    Parameters
    ----------
    daily : pandas.DataFrame, optional
        An X/Twitter analytics export per day, with the columns ``Date`` (YYYY-MM-DD),
        ``Tweets published`` and the ``returns`` column; the ``x_analytics_daily`` data
        set when not given.
    returns : str
        Which column counts the returns: ``"impressions"`` (times a tweet was on
        someone's screen, the default), ``"engagements"``, ``"likes"``, ``"retweets"``,
        ``"replies"`` or ``"follows"``.

    Returns
    -------
    pandas.DataFrame
        One row per day in date order: ``date``, ``week`` (the Monday the week starts
        on), ``whole_week`` (True if all seven days of that week are in the table),
        ``tweets`` and the ``returns`` column. A day's impressions count every tweet
        seen that day, older ones included, not only the day's own.
    """
    import pandas as pd

    returns = _check_returns(returns)
    if daily is None:
        from smlearn.data import load

        daily = load("x_analytics_daily")
    _check_columns(daily, ["Date", "Tweets published", returns], "daily")
    if len(daily) == 0:
        raise ValueError("daily has no days")
    try:
        dates = pd.to_datetime(daily["Date"].astype(str).str.slice(0, 10), format="%Y-%m-%d")
    except ValueError:
        raise ValueError("daily has a Date that is not written YYYY-MM-DD") from None
    if dates.duplicated().any():
        raise ValueError("daily lists a day twice (column 'Date')")
    tweets = _whole_numbers(daily["Tweets published"], "Tweets published", "daily")
    if (tweets != tweets.round()).any():
        raise ValueError("daily has a 'Tweets published' that is not a whole number")
    tweets = tweets.astype("int64")
    got = _whole_numbers(daily[returns], returns, "daily")
    table = pd.DataFrame({"date": dates.to_numpy(), "tweets": tweets.to_numpy(), returns: got.to_numpy()})
    table = table.sort_values("date").reset_index(drop=True)
    # The Monday of each day's week, and whether the table holds all seven days of it.
    table.insert(1, "week", table["date"] - pd.to_timedelta(table["date"].dt.day_of_week, unit="D"))
    days_in_week = table.groupby("week")["date"].transform("size")
    table.insert(2, "whole_week", days_in_week == 7)
    return table


def returns_elasticity(table, *, effort="tweets", returns="impressions"):
    """Return how returns grow with effort: the slope of log(returns) on log(effort), and more.

    The slope is the ordinary least-squares fit of ``log(returns) = intercept + slope *
    log(effort)`` over the rows where both are above 0 (a 0 has no logarithm). The slope
    is the *elasticity*: twice the effort multiplies the returns by ``2 ** slope``.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per period (day, week...) with the ``effort`` and ``returns`` columns,
        e.g. from :func:`effort_and_returns`, or its days added up by week.
    effort, returns : str
        The column names.

    Returns
    -------
    pandas.Series
        ``slope``, ``intercept`` (natural logarithms), ``rank_correlation`` (Spearman's,
        over the same rows: -1 to 1), ``periods`` (rows used) and ``left_out`` (rows with a
        0, left out).

    Raises
    ------
    ValueError
        If fewer than three rows have both above 0, or effort takes only one value there.
    """
    import numpy as np
    import pandas as pd

    for name, value in (("effort", effort), ("returns", returns)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a column name (a string); got {value!r}")
    _check_columns(table, [], "table")
    for name, value in (("effort", effort), ("returns", returns)):
        if value not in table.columns:
            raise ValueError(f"{name} must name a column of table; {value!r} is not one of {list(table.columns)}")
    x = _whole_numbers(table[effort], effort, "table")
    y = _whole_numbers(table[returns], returns, "table")
    used = (x > 0) & (y > 0)
    if int(used.sum()) < 3:
        raise ValueError(f"table needs at least 3 rows with both {effort!r} and {returns!r} above 0;"
                         f" it has {int(used.sum())}")
    log_x = np.log(x[used].to_numpy())
    log_y = np.log(y[used].to_numpy())
    if float(log_x.max() - log_x.min()) == 0.0:
        raise ValueError(f"table: {effort!r} takes only one value, so no slope can be fitted")
    slope, intercept = np.polyfit(log_x, log_y, 1)
    # Spearman's rank correlation (pandas ranks both columns and correlates the ranks).
    returns_column = pd.Series(log_y)
    rank_correlation = pd.Series(log_x).corr(returns_column, method="spearman") if returns_column.nunique() > 1 else 0.0
    return pd.Series({
        "slope": float(slope),
        "intercept": float(intercept),
        "rank_correlation": float(rank_correlation),
        "periods": int(used.sum()),
        "left_out": int((~used).sum()),
    }, dtype="object")


def reply_share(posts=None):
    """Return replies (two-way) against stand-alone tweets (broadcast): effort and returns.

    A tweet whose text starts with "@" is taken for a reply: it answers someone, as part of
    a conversation (a rule of thumb, :func:`smlearn.realdata.analytics.is_reply`). Every
    other tweet stands alone and goes out to whoever sees it.

    Parameters
    ----------
    posts : pandas.DataFrame, optional
        An X/Twitter analytics export per tweet, with the columns ``Tweet text``,
        ``impressions`` and ``engagements``; the ``x_analytics_posts`` data set when not
        given.

    Returns
    -------
    pandas.DataFrame
        Two rows, ``reply (two-way)`` and ``stand-alone (broadcast)``, with ``tweets``,
        ``impressions``, ``engagements`` and each one's share of the total (0 to 1):
        ``share_of_tweets``, ``share_of_impressions``, ``share_of_engagements``.
    """
    import pandas as pd

    if posts is None:
        from smlearn.data import load

        posts = load("x_analytics_posts")
    _check_columns(posts, ["Tweet text", "impressions", "engagements"], "posts")
    if len(posts) == 0:
        raise ValueError("posts has no tweets")
    texts = posts["Tweet text"]
    if texts.isna().any():
        raise ValueError("posts has a tweet with no text (column 'Tweet text')")
    from smlearn.realdata.analytics import is_reply as _is_reply

    is_reply = _is_reply(posts, text="Tweet text").to_numpy()
    impressions = _whole_numbers(posts["impressions"], "impressions", "posts").to_numpy()
    engagements = _whole_numbers(posts["engagements"], "engagements", "posts").to_numpy()
    rows = {}
    for label, chosen in (("reply (two-way)", is_reply), ("stand-alone (broadcast)", ~is_reply)):
        rows[label] = {"tweets": int(chosen.sum()),
                       "impressions": float(impressions[chosen].sum()),
                       "engagements": float(engagements[chosen].sum())}
    table = pd.DataFrame.from_dict(rows, orient="index")
    for column in ("tweets", "impressions", "engagements"):
        total = float(table[column].sum())
        # No impressions at all: neither kind has a share of them (0, not a division by zero).
        table[f"share_of_{column}"] = table[column] / total if total > 0 else 0.0
    return table



def slope_interval(table, *, effort="tweets", returns="impressions", level=0.95, draws=2000, seed=7):
    """Return a bootstrap interval for the slope of :func:`returns_elasticity`.

    The rows used by the fit (both columns above 0) are drawn again with replacement, as many
    as there are, ``draws`` times; each draw gets its own slope. The middle ``level`` of those
    slopes is the interval: the slopes the data could as well have given by chance.

    Parameters
    ----------
    table : pandas.DataFrame
        As for :func:`returns_elasticity`: one row per day or per week.
    effort, returns : str
        The column names.
    level : float
        The share of the resampled slopes the interval holds, above 0 and below 1.
    draws : int
        How many resamples, from 100 to 100,000.
    seed : int
        The seed of the random draws: the same seed gives the same interval.

    Returns
    -------
    pandas.Series
        ``slope`` (the fit on the data as they are), ``low`` and ``high`` (the interval),
        ``level`` and ``periods`` (rows used).
    """
    import numbers

    import numpy as np
    import pandas as pd

    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < level < 1:
        raise ValueError(f"level must be a number above 0 and below 1 (e.g. 0.95); got {level!r}")
    if isinstance(draws, bool) or not isinstance(draws, numbers.Integral) or not 100 <= draws <= 100_000:
        raise ValueError(f"draws must be a whole number of resamples from 100 to 100,000; got {draws!r}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be a whole number, 0 or more; got {seed!r}")
    fit = returns_elasticity(table, effort=effort, returns=returns)   # checks the table and columns
    x = table[effort].astype("float64").to_numpy()
    y = table[returns].astype("float64").to_numpy()
    used = (x > 0) & (y > 0)
    log_x, log_y = np.log(x[used]), np.log(y[used])
    rng = np.random.default_rng(seed)
    # Each row of `picks` is one resample: row numbers drawn with replacement.
    picks = rng.integers(0, len(log_x), size=(draws, len(log_x)))
    xs, ys = log_x[picks], log_y[picks]
    xs = xs - xs.mean(axis=1, keepdims=True)
    ys = ys - ys.mean(axis=1, keepdims=True)
    spread = (xs * xs).sum(axis=1)
    # A resample that drew one effort value only has no slope: it is left out.
    ok = spread > 0
    slopes = (xs * ys).sum(axis=1)[ok] / spread[ok]
    low, high = np.quantile(slopes, [(1 - level) / 2, (1 + level) / 2])
    return pd.Series({"slope": fit["slope"], "low": float(low), "high": float(high), "level": float(level),
                      "periods": fit["periods"]}, dtype="object")


def stand_alone_per_day(days, posts=None):
    """Return ``days`` with a column ``stand_alone``: the tweets of each day that are not replies.

    The model's content is pieces broadcast to whoever finds them; most of a real account's
    tweets may be replies. This counts, for each day, the tweets of ``posts`` published that
    day whose text does not start with "@" (:func:`smlearn.realdata.analytics.is_reply`).

    Parameters
    ----------
    days : pandas.DataFrame
        From :func:`effort_and_returns` (a ``date`` column).
    posts : pandas.DataFrame, optional
        An X/Twitter analytics export per tweet, with ``Tweet text`` and ``time``
        (``YYYY-MM-DD hh:mm +0000``, as X writes it); ``x_analytics_posts`` when not given.

    Returns
    -------
    pandas.DataFrame
        A copy of ``days`` with ``stand_alone`` (whole numbers; 0 on a day with none).
    """
    import pandas as pd

    _check_columns(days, ["date"], "days")
    if posts is None:
        from smlearn.data import load

        posts = load("x_analytics_posts")
    _check_columns(posts, ["Tweet text", "time"], "posts")
    from smlearn.realdata.analytics import is_reply

    try:
        when = pd.to_datetime(posts["time"].astype(str).str.slice(0, 10), format="%Y-%m-%d")
    except ValueError:
        raise ValueError("posts has a time that does not start YYYY-MM-DD") from None
    alone = ~is_reply(posts, text="Tweet text").to_numpy()
    counts = pd.Series(alone.astype("int64"), index=when.to_numpy()).groupby(level=0).sum()
    table = days.copy()
    dates = pd.to_datetime(table["date"])
    table["stand_alone"] = dates.map(counts).fillna(0).astype("int64").to_numpy()
    return table
