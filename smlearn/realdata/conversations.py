"""Replies against broadcasts in a real X/Twitter analytics export (``x_analytics_posts``).

Lesson 09 tests the capstone's claim (social media makes the connection, social networking
deepens it) on one real account's six months of tweets. A tweet whose text starts with "@"
is a **reply**: it answers someone, inside a conversation (two-way). Any other tweet is a
**broadcast**: posted for whoever follows or finds the account (one to many).

- :func:`is_reply` says which a tweet's text is;
- :func:`replies_vs_broadcasts` adds up the effort (tweets) and the returns (impressions,
  engagements, profile clicks, follows) of each kind, and the replies' share of each;
- :func:`rates_per_impression` gives each kind's returns per 1,000 impressions with lesson
  08's interval (:func:`smlearn.models.rate_intervals.rate_interval`), so a difference can be read
  as beyond chance or not;
- :func:`plan_baseline` (lesson 09b) gives what a plan's target can be set against: the
  median impressions per tweet and a return per 1,000 impressions, with its interval;
- :func:`simulated_months` (lesson 09b) draws whole months of tweets from the account's own
  tweets, so that a target for one month's total can be read off their spread.

Each takes the table that :func:`smlearn.exports.load_export` returns for the per-post
export (the course's column names: ``text``, ``impressions``, ``engagements``,
``user_profile_clicks``, ``follows``), or the files as X wrote them
(``smlearn.data.load("x_analytics_posts")``: X's own names, ``Tweet text``, ``user profile
clicks``, are read as the course's), and loads the shipped export when given nothing.

Examples
--------
>>> is_reply("@bakery thanks, see you Saturday"), is_reply("Fresh rye this morning")
(True, False)
>>> table = replies_vs_broadcasts()
>>> int(table.loc["tweets", "replies"]), int(table.loc["tweets", "broadcasts"])
(932, 507)
"""

from __future__ import annotations

import warnings

from smlearn.realdata._checks import _check_columns

__all__ = ["REPLY_MARK", "MEASURES", "is_reply", "replies_vs_broadcasts", "rates_per_impression", "plan_baseline",
           "simulated_months"]

# A reply's text starts with the name of the account it answers: "@name ...".
REPLY_MARK = "@"
# The returns the lesson compares, in the order of the funnel: seen, engaged with, looked up, followed.
MEASURES = ("impressions", "engagements", "user_profile_clicks", "follows")
# The two kinds of tweet, in the order the tables show them.
KINDS = ("replies", "broadcasts")


def is_reply(text) -> bool:
    """Return True if a tweet's text is a reply (it starts with "@"), False if it is a broadcast.

    The course's one rule for replies (lesson 08's ``analytics.is_reply`` uses it too). It is a
    heuristic: a tweet that opens with a name counts as a reply. Spaces before the "@" are ignored. A tweet that starts ".@name" (an old habit for making a
    mention seen by all followers) is a broadcast: it is written for everyone.

    Parameters
    ----------
    text : str
        The tweet's text (the export's ``Tweet text``; ``text`` after ``load_export``).

    Raises
    ------
    TypeError
        If ``text`` is not a string (a missing cell cannot be told apart).

    Examples
    --------
    >>> is_reply("  @ana yes, Tuesday works"), is_reply(".@ana is giving a talk today"), is_reply("")
    (True, False, False)
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a tweet's text (a string); got {text!r} of type {type(text).__name__}")
    return text.lstrip().startswith(REPLY_MARK)


def _posts(posts, measures):
    """The export's table (loaded when None), checked, with a column saying which tweets are replies."""
    import pandas as pd

    if posts is None:
        from smlearn.data import path
        from smlearn.exports import load_export

        posts, _ = load_export(path("x_analytics_posts"), kind="x_posts")
    if isinstance(posts, pd.DataFrame) and "text" not in posts.columns and "Tweet text" in posts.columns:
        # The files as X wrote them (smlearn.data.load("x_analytics_posts")): X's own column names
        # ("Tweet text", "user profile clicks", ...) become the course's, as load_export names them.
        from smlearn.exports import LAYOUTS

        renamed = {}
        for name, course_name in LAYOUTS["x_posts"].columns.items():
            if name in posts.columns:
                renamed[name] = course_name
        posts = posts.rename(columns=renamed)
    if isinstance(measures, str):
        measures = (measures,)
    try:
        measures = tuple(measures)
    except TypeError:
        raise TypeError(f"measures must be a list of column names, e.g. ['engagements']; got {measures!r}") from None
    if not measures:
        raise ValueError("measures must name at least one column, e.g. ['engagements']")
    for measure in measures:
        if not isinstance(measure, str):
            raise TypeError(f"measures must hold column names (strings); got {measure!r}")
    _check_columns(posts, ["text", "impressions"], "posts")
    absent = []
    for measure in measures:
        if measure not in posts.columns:
            absent.append(measure)
    if absent:
        raise ValueError(f"measures names column(s) {absent} that posts lacks; it has {list(posts.columns)}")
    replies = []
    for row, text in enumerate(posts["text"]):
        if not isinstance(text, str):
            raise ValueError(f"posts has a tweet without text in row {row} (column 'text'): it cannot be called a "
                             "reply or a broadcast; leave such rows out first")
        replies.append(is_reply(text))
    numbers = pd.DataFrame(index=posts.index)
    for column in ("impressions", *measures):
        values = pd.to_numeric(posts[column], errors="coerce").astype(float)
        if (values < 0).any():
            raise ValueError(f"posts column {column!r} has negative counts; an export's counts are >= 0")
        numbers[column] = values
    numbers["reply"] = replies
    return numbers, measures


def replies_vs_broadcasts(posts=None, *, measures=MEASURES):
    """Add up the tweets and the returns of replies and of broadcasts, and the replies' share of each.

    Parameters
    ----------
    posts : pandas.DataFrame, optional
        The per-post export as :func:`smlearn.exports.load_export` returns it (columns ``text``
        and ``impressions`` and the ``measures``), or as ``smlearn.data.load("x_analytics_posts")``
        gives it (X's column names); the shipped ``x_analytics_posts`` when not given.
    measures : list of str
        The columns to add up (missing cells count as 0 and are not hidden: see Returns).

    Returns
    -------
    pandas.DataFrame
        One row for ``tweets`` (the effort: how many of each kind) and one per measure; columns
        ``replies``, ``broadcasts`` and ``replies_share`` (replies / both, 0 to 1; NaN when both
        are 0), and ``missing`` (cells of that column that were empty).

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"text": ["@a hi", "News", "@b yes"], "impressions": [10, 90, 20],
    ...                       "follows": [1, 0, 0]})
    >>> replies_vs_broadcasts(posts, measures=["impressions", "follows"])
                 replies  broadcasts  replies_share  missing
    tweets             2           1       0.666667        0
    impressions       30          90       0.250000        0
    follows            1           0       1.000000        0
    """
    import pandas as pd

    numbers, measures = _posts(posts, measures)
    replies = numbers[numbers["reply"]]
    broadcasts = numbers[~numbers["reply"]]
    rows = {"tweets": [float(len(replies)), float(len(broadcasts)), 0]}
    for measure in measures:
        rows[measure] = [float(replies[measure].sum()), float(broadcasts[measure].sum()),
                         int(numbers[measure].isna().sum())]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["replies", "broadcasts", "missing"])
    both = table["replies"] + table["broadcasts"]
    table.insert(2, "replies_share", (table["replies"] / both.where(both > 0)).astype(float))
    table["missing"] = table["missing"].astype(int)
    for column in ("replies", "broadcasts"):
        if (table[column] % 1 == 0).all():
            table[column] = table[column].astype("int64")   # counts read best as whole numbers
    return table


def _interval(numbers, measure, per, level):
    """A measure's rate per ``per`` impressions over the rows of ``numbers``, with its interval."""
    from smlearn.models.rate_intervals import rate_interval

    complete = numbers[numbers[measure].notna() & numbers["impressions"].notna()]
    if (complete[measure] > complete["impressions"]).any():
        raise ValueError(f"measures: the column {measure!r} is larger than impressions in some tweets; a rate per "
                         "impression needs a count of people who saw the tweet and then acted (not e.g. media views)")
    with warnings.catch_warnings():
        # Fewer than 10 tweets: rate_interval warns; the table says so in 'trustworthy'.
        warnings.simplefilter("ignore", UserWarning)
        result = rate_interval(complete[measure], complete["impressions"], level=level,
                               missing=len(numbers) - len(complete))
    return result


def _check_per_and_level(per, level):
    import numbers as kinds

    if isinstance(per, bool) or not isinstance(per, kinds.Real) or not 1 <= per <= 1_000_000:
        raise ValueError(f"per must be a number of impressions from 1 to 1,000,000, e.g. 1000; got {per!r}")
    if isinstance(level, bool) or not isinstance(level, kinds.Real) or not 0.5 <= level < 1:
        raise ValueError(f"level must be a number from 0.5 to below 1, e.g. 0.95; got {level!r}")


def rates_per_impression(posts=None, *, measures=("engagements", "user_profile_clicks", "follows"), per=1000,
                         level=0.95):
    """Each kind's returns per ``per`` impressions, with lesson 08's interval, and whether the kinds' intervals overlap.

    The rate is lesson 08's weighted mean of the tweets' own rates
    (:func:`smlearn.models.rate_intervals.rate_interval`), not total returns over total impressions.
    Tweets seen by nobody (0 impressions) carry no rate and are left out by that function.

    Parameters
    ----------
    posts : pandas.DataFrame, optional
        As for :func:`replies_vs_broadcasts`.
    measures : list of str
        Counts to turn into rates (each at most the tweet's impressions).
    per : number, default 1000
        The rate is given per this many impressions.
    level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        Index (``measure``, ``kind``); columns ``rate``, ``low``, ``high`` (per ``per``
        impressions), ``tweets`` (used), ``trustworthy`` (False below 10 tweets) and
        ``overlap`` (True when the two kinds' intervals overlap: the difference is then not
        shown to be beyond chance).

    Examples
    --------
    >>> table = rates_per_impression(measures=["engagements"])
    >>> bool(table.loc[("engagements", "replies"), "overlap"])
    False
    """
    import pandas as pd

    _check_per_and_level(per, level)
    numbers, measures = _posts(posts, measures)
    rows = []
    for measure in measures:
        found = {}
        for kind in KINDS:
            chosen = numbers[numbers["reply"] == (kind == "replies")]
            if len(chosen) < 2:
                raise ValueError(f"posts holds {len(chosen)} {kind}: at least 2 of each kind are needed for a rate")
            found[kind] = _interval(chosen, measure, per, level)
        overlap = (found["replies"].low <= found["broadcasts"].high
                   and found["broadcasts"].low <= found["replies"].high)
        for kind in KINDS:
            r = found[kind]
            rows.append([measure, kind, per * r.estimate, per * r.low, per * r.high, r.posts, r.trustworthy, overlap])
    table = pd.DataFrame(rows, columns=["measure", "kind", "rate", "low", "high", "tweets", "trustworthy", "overlap"])
    return table.set_index(["measure", "kind"])


def plan_baseline(posts=None, *, measure="user_profile_clicks", per=1000, level=0.95):
    """What a plan's target can be set against: the median tweet's impressions and a return per ``per`` impressions.

    Parameters
    ----------
    posts : pandas.DataFrame, optional
        As for :func:`replies_vs_broadcasts` (any per-post export with ``text`` and
        ``impressions``); the shipped ``x_analytics_posts`` when not given.
    measure : str, default "user_profile_clicks"
        The return to rate (e.g. ``"follows"``, ``"engagements"``).
    per : number, default 1000
    level : float, default 0.95

    Returns
    -------
    pandas.Series
        ``tweets``, ``median_impressions``, ``total`` (of the measure), ``rate``, ``low`` and
        ``high`` (per ``per`` impressions, lesson 08's weighted mean and interval).

    Examples
    --------
    >>> base = plan_baseline()
    >>> int(base["tweets"]), int(base["median_impressions"])
    (1439, 630)
    """
    import pandas as pd

    _check_per_and_level(per, level)
    if not isinstance(measure, str):
        raise TypeError(f"measure must be a column name (a string), e.g. 'follows'; got {measure!r}")
    numbers, _ = _posts(posts, [measure])
    if len(numbers) < 2:
        raise ValueError(f"posts holds {len(numbers)} tweet(s): at least 2 are needed for a rate")
    r = _interval(numbers, measure, per, level)
    return pd.Series({"tweets": len(numbers), "median_impressions": float(numbers["impressions"].median()),
                      "total": float(numbers[measure].sum()), "rate": per * r.estimate, "low": per * r.low,
                      "high": per * r.high}, name=measure)


def simulated_months(posts=None, *, measure="user_profile_clicks", tweets=40, months=2000, seed=0):
    """Totals of ``measure`` over made-up months of ``tweets`` tweets, each drawn from the account's own tweets.

    A confidence interval for the mean rate says where the account's *average* lies; one month's
    total varies far more, because a month holds few tweets and their reach is unequal. This
    function draws ``tweets`` tweets at random, with replacement, from the export (whole tweets,
    so each keeps its own impressions and returns), adds up ``measure``, and repeats it
    ``months`` times. A low percentile of the totals (e.g. the 10th) is a rule of thumb for a
    cautious target: about one month in ten would fall below it, if the months to come are drawn
    like the six months shipped (tweets within a month are not independent: treat it as rough).

    Parameters
    ----------
    posts : pandas.DataFrame, optional
        As for :func:`replies_vs_broadcasts`; the shipped ``x_analytics_posts`` when not given.
    measure : str, default "user_profile_clicks"
    tweets : int, default 40
        Tweets in a month (1 to 10,000).
    months : int, default 2000
        How many months to draw (100 to 100,000).
    seed : int >= 0, default 0
        The same seed gives the same months.

    Returns
    -------
    pandas.Series
        One total per simulated month, named ``measure``.

    Raises
    ------
    TypeError, ValueError
        If ``posts`` lacks the columns, ``measure`` has a missing cell, or ``tweets``, ``months``
        or ``seed`` is not allowed.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"text": ["a", "b"], "impressions": [10, 10], "follows": [1, 1]})
    >>> simulated_months(posts, measure="follows", tweets=3, months=100).unique().tolist()
    [3.0]
    """
    import numbers as kinds

    import pandas as pd

    from smlearn.params import check_seed

    if not isinstance(measure, str):
        raise TypeError(f"measure must be a column name (a string), e.g. 'follows'; got {measure!r}")
    if isinstance(tweets, bool) or not isinstance(tweets, kinds.Integral) or not 1 <= tweets <= 10_000:
        raise ValueError(f"tweets must be a whole number of tweets a month from 1 to 10,000, e.g. 40; got {tweets!r}")
    if isinstance(months, bool) or not isinstance(months, kinds.Integral) or not 100 <= months <= 100_000:
        raise ValueError(f"months must be a whole number from 100 to 100,000, e.g. 2000; got {months!r}")
    rng = check_seed(seed)
    numbers, _ = _posts(posts, [measure])
    values = numbers[measure].to_numpy()
    if pd.isna(values).any():
        raise ValueError(f"posts column {measure!r} has {int(pd.isna(values).sum())} missing cell(s): leave those "
                         "tweets out first")
    # months rows of tweets random tweet numbers each; a month's total is the sum of its row.
    picks = rng.integers(0, len(values), size=(months, tweets))
    return pd.Series(values[picks].sum(axis=1), name=measure)
