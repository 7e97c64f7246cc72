"""Measures of the course's real data sets: follow networks, follower counts, a cascade, votes.

Each function takes the data as :func:`smlearn.data.load` returns it (and loads it
when you pass nothing), and returns a small table or a number a lesson can quote:

- **Follow and interaction networks** (``us_senate_follows``, ``uk_mps_interactions``):
  :func:`reciprocity` (how many ties are returned) and :func:`in_degree_summary`
  (how unequal the incoming ties are).
- **Follower counts** (``uk_mps``): :func:`mp_followers` and :func:`inequality_summary`.
- **A retweet cascade** (``retweet_cascade``): :func:`cascade_over_time` (shares and
  followers reached, hour by hour), :func:`share_within` (how much came in the first
  hours) and :func:`time_to_share` (when half, or 90 %, had come).
- **Votes** (``stackexchange_posts``, ``stackexchange_votes``): :func:`votes_by_day`
  (how votes arrive over the days after posting), :func:`score_vs_views` and
  :func:`early_and_late_votes` (do early votes predict later ones?).

Examples
--------
>>> from smlearn import realdata
>>> round(realdata.reciprocity(realdata.senate_network()), 2)
0.57
>>> round(realdata.share_within(24), 2)
0.94
"""

from __future__ import annotations

__all__ = [
    "senate_network",
    "mp_interaction_network",
    "reciprocity",
    "same_group_share",
    "inequality_summary",
    "in_degree_summary",
    "mp_followers",
    "cascade_over_time",
    "share_within",
    "time_to_share",
    "shares_per_period",
    "votes_by_day",
    "score_vs_views",
    "early_and_late_votes",
]

SECONDS_PER_HOUR = 3600

# Stack Exchange's vote types (VoteTypeId) that change a post's score.
UP_VOTE = 2
DOWN_VOTE = 3

# The longest window a vote table is split into, in days: ten years is more than any dump holds.
MAX_DAYS = 3650


# ---------------------------------------------------------------- networks

def senate_network():
    """Who follows whom among 91 US senators on Twitter: a directed graph (party, state on each)."""
    from smlearn.data import load_network

    return load_network("us_senate_follows")


def mp_interaction_network():
    """Who retweeted, mentioned or replied to whom among 585 UK MPs (2022): directed, weighted.

    Each MP carries ``party``, ``constituency``, ``name`` and ``followers``; each tie a
    ``weight`` (how many interactions).
    """
    from smlearn.data import load_network

    return load_network("uk_mps_interactions")


def _check_directed(G):
    import networkx as nx

    if not isinstance(G, nx.DiGraph):
        raise TypeError(f"G must be a directed networkx graph (a DiGraph); got {type(G).__name__}")
    if G.number_of_edges() == 0:
        raise ValueError("G has no ties: reciprocity and in-degrees need at least one")


def reciprocity(G):
    """Return the share of one-way ties whose reverse tie is there too (0 to 1).

    A follow from A to B is *returned* when B also follows A. In a network of
    friendships every tie is returned (1.0); in a follower network most are not.
    Ties from someone to themselves are left out.

    Parameters
    ----------
    G : networkx.DiGraph

    Raises
    ------
    TypeError
        If ``G`` is not a directed graph.
    ValueError
        If ``G`` has no ties.
    """
    import networkx as nx

    _check_directed(G)
    if nx.number_of_selfloops(G):        # a tie to oneself is not a follow returned
        G = G.copy()
        G.remove_edges_from(list(nx.selfloop_edges(G)))
    if G.number_of_edges() == 0:
        raise ValueError("G has only self-ties: reciprocity needs a tie between two people")
    return float(nx.reciprocity(G))


def same_group_share(G, attribute):
    """Return the share of ties that join two people of the same group (e.g. the same party).

    Compare it with the share expected if ties ignored groups: with two equal groups,
    about a half.

    Parameters
    ----------
    G : networkx.DiGraph
    attribute : str
        A node attribute every person has, e.g. ``"party"``.

    Raises
    ------
    ValueError
        If someone at the end of a tie lacks ``attribute``.
    """
    _check_directed(G)
    if not isinstance(attribute, str):
        raise TypeError(f"attribute must be the name of a node attribute, e.g. 'party'; got {attribute!r}")
    same = 0
    ties = 0
    for u, v in G.edges():
        if u == v:
            continue
        for person in (u, v):
            if attribute not in G.nodes[person]:
                raise ValueError(f"attribute {attribute!r} is missing for {person!r}; the node has {sorted(G.nodes[person])}")
        ties += 1
        if G.nodes[u][attribute] == G.nodes[v][attribute]:
            same += 1
    if ties == 0:
        raise ValueError("G has only self-ties: nothing to compare")
    return same / ties


def inequality_summary(values):
    """Return how unequal ``values`` are: count, median, max, Gini, top 1 % and top 10 % shares.

    Parameters
    ----------
    values : list of numbers >= 0
        Followers per account, views per question, in-degrees...

    Returns
    -------
    pandas.Series
        ``count``, ``median``, ``max``, ``gini`` (0 = everyone equal, near 1 = one has
        all), ``top1_share`` and ``top10_share`` (the share of the total held by the
        top 1 % and 10 %, at least one value each).

    Raises
    ------
    ValueError
        If ``values`` is empty, has a missing, negative or non-numeric value.
    """
    import numpy as np
    import pandas as pd

    from smlearn.models.inequality import gini, top_share

    try:
        x = np.asarray(pd.Series(values, dtype="float64"), dtype=float)
    except (TypeError, ValueError) as error:
        raise ValueError(f"values must be numbers; {error}") from None
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"values must be a non-empty list of numbers; got {x.size} values")
    if np.isnan(x).any():
        raise ValueError("values has a missing value; drop it first")
    return pd.Series({
        "count": int(x.size),
        "median": float(np.median(x)),
        "max": float(x.max()),
        "gini": gini(x),
        "top1_share": top_share(x, 0.01),
        "top10_share": top_share(x, 0.10),
    })


def in_degree_summary(G, *, weight=None):
    """Return how unequal the incoming ties of ``G`` are (see :func:`inequality_summary`).

    Parameters
    ----------
    G : networkx.DiGraph
    weight : str or None
        None counts ties (followers in the network); ``"weight"`` adds up the ties'
        weights instead (interactions received).
    """
    _check_directed(G)
    if weight is not None and not isinstance(weight, str):
        raise TypeError(f"weight must be None or the name of a tie attribute; got {weight!r}")
    received = []
    for person, amount in G.in_degree(weight=weight):
        received.append(amount)
    return inequality_summary(received)


def mp_followers(people=None):
    """Return each UK MP's Twitter followers (May 2022) as a Series indexed by screen name.

    Parameters
    ----------
    people : pandas.DataFrame, optional
        The ``uk_mps`` table; loaded when not given.
    """
    if people is None:
        from smlearn.data import load

        people = load("uk_mps")
    _check_columns(people, ["screen_name", "followers_count"], "people")
    followers = people.set_index("screen_name")["followers_count"].astype("int64")
    followers.name = "followers"
    return followers


def _check_columns(table, columns, name):
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(table).__name__}")
    missing = []
    for column in columns:
        if column not in table.columns:
            missing.append(column)
    if missing:
        raise ValueError(f"{name} lacks the column(s) {missing}; it has {list(table.columns)}")


# ---------------------------------------------------------------- the cascade

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


# ---------------------------------------------------------------- votes

def _posts_and_votes(posts, votes):
    from smlearn.data import load

    if posts is None:
        posts = load("stackexchange_posts")
    if votes is None:
        votes = load("stackexchange_votes")
    _check_columns(posts, ["Id", "PostTypeId", "CreationDate", "Score", "ViewCount"], "posts")
    _check_columns(votes, ["PostId", "VoteTypeId", "CreationDate"], "votes")
    return posts, votes


def _check_vote_types(vote_types):
    if isinstance(vote_types, int):
        vote_types = (vote_types,)
    try:
        vote_types = tuple(vote_types)
    except TypeError:
        raise TypeError(f"vote_types must be a list of VoteTypeId numbers, e.g. (2, 3); got {vote_types!r}") from None
    if not vote_types:
        raise ValueError("vote_types must name at least one VoteTypeId, e.g. (2, 3) for up and down votes")
    for kind in vote_types:
        if isinstance(kind, bool) or not isinstance(kind, int):
            raise TypeError(f"vote_types must hold whole numbers (VoteTypeId); got {kind!r}")
    return vote_types


def _vote_ages(posts, votes, vote_types):
    """Each vote of the chosen kinds with its post and its age in days (vote day minus posting day)."""
    import pandas as pd

    chosen = votes[votes["VoteTypeId"].isin(vote_types)]
    posted = pd.to_datetime(posts["CreationDate"].astype(str).str.slice(0, 10), format="%Y-%m-%d")
    posted_on = pd.Series(posted.to_numpy(), index=posts["Id"].astype("int64"))
    post_ids = chosen["PostId"].astype("int64")
    known = post_ids.isin(posted_on.index)          # votes on deleted posts have no posting day
    chosen = chosen[known.to_numpy()]
    post_ids = post_ids[known]
    voted = pd.to_datetime(chosen["CreationDate"].astype(str).str.slice(0, 10), format="%Y-%m-%d")
    age = (voted.to_numpy() - posted_on.loc[post_ids].to_numpy()) / pd.Timedelta(days=1)
    return pd.DataFrame({"PostId": post_ids.to_numpy(), "day": age.astype("int64")})


def votes_by_day(posts=None, votes=None, *, vote_types=(UP_VOTE, DOWN_VOTE), last_day=30):
    """Return how votes arrive over the days after a post is made.

    Day 0 is the day of posting (vote dates are known only to the day). Votes on posts
    that are not in ``posts`` (deleted before the dump) are left out.

    Parameters
    ----------
    posts, votes : pandas.DataFrame, optional
        The ``stackexchange_posts`` and ``stackexchange_votes`` tables; loaded when not given.
    vote_types : list of int
        Which votes to count: 2 up, 3 down (the default: the votes that make the score).
    last_day : int >= 0
        Days after ``last_day`` are added up in one last row, ``day`` = ``last_day + 1``
        (meaning "later").

    Returns
    -------
    pandas.DataFrame
        ``day``, ``votes``, ``share`` (of all those votes) and ``cumulative_share``.
    """
    import pandas as pd

    if isinstance(last_day, bool) or not isinstance(last_day, int) or not 0 <= last_day <= MAX_DAYS:
        raise ValueError(f"last_day must be a whole number from 0 to {MAX_DAYS} (ten years); got {last_day!r}")
    vote_types = _check_vote_types(vote_types)
    posts, votes = _posts_and_votes(posts, votes)
    ages = _vote_ages(posts, votes, vote_types)
    if len(ages) == 0:
        raise ValueError(f"no votes of the types {vote_types} on the posts given (vote_types)")
    if (ages["day"] < 0).any():
        raise ValueError("votes: some votes are dated before their post; check the two tables belong together")
    day = ages["day"].clip(upper=last_day + 1)
    counts = day.value_counts().reindex(range(last_day + 2), fill_value=0).sort_index()
    table = pd.DataFrame({"day": counts.index, "votes": counts.to_numpy()})
    table["share"] = table["votes"] / table["votes"].sum()
    table["cumulative_share"] = table["share"].cumsum()
    return table


def score_vs_views(posts=None):
    """Return the questions with their views and score, most viewed first.

    Parameters
    ----------
    posts : pandas.DataFrame, optional
        The ``stackexchange_posts`` table; loaded when not given.

    Returns
    -------
    pandas.DataFrame
        One row per question (PostTypeId 1): ``Id``, ``views``, ``score``,
        ``answers`` and ``title``; ``attrs["spearman"]`` holds the rank correlation
        of score with views (1 = the more viewed, the higher the score, always).
    """
    if posts is None:
        from smlearn.data import load

        posts = load("stackexchange_posts")
    _check_columns(posts, ["Id", "PostTypeId", "Score", "ViewCount", "AnswerCount", "Title"], "posts")
    questions = posts[posts["PostTypeId"] == 1]
    if len(questions) < 2:
        raise ValueError("posts holds fewer than two questions (PostTypeId 1): nothing to compare")
    table = questions.rename(columns={"ViewCount": "views", "Score": "score", "AnswerCount": "answers", "Title": "title"})
    table = table[["Id", "views", "score", "answers", "title"]].astype({"views": "int64", "score": "int64"})
    table = table.sort_values("views", ascending=False).reset_index(drop=True)
    table.attrs["spearman"] = _spearman(table["score"], table["views"])
    return table


def early_and_late_votes(days=1, posts=None, votes=None, *, later_days=30, vote_types=(UP_VOTE,)):
    """Return, for each question, its votes in the first ``days`` days and in the ``later_days`` after.

    If early votes bring more attention and so more votes (rich get richer), questions
    with many early votes also get many later ones. Every question is watched for the
    same time: those posted less than ``days + later_days`` days before the last vote in
    the data are left out (their windows are not complete).

    Parameters
    ----------
    days : int >= 1
        Length of the early window: votes on days 0 to ``days - 1`` after posting.
    posts, votes : pandas.DataFrame, optional
        As for :func:`votes_by_day`.
    later_days : int >= 1
        Length of the later window: days ``days`` to ``days + later_days - 1``.
    vote_types : list of int
        Which votes to count; up votes (2) by default.

    Returns
    -------
    pandas.DataFrame
        ``Id``, ``early``, ``late`` (vote counts), one row per question, with
        ``attrs["spearman"]``: the rank correlation of early with late votes (NaN
        if either is the same for every question).
    """
    import pandas as pd

    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError(f"days must be a whole number >= 1; got {days!r}")
    if isinstance(later_days, bool) or not isinstance(later_days, int) or later_days < 1:
        raise ValueError(f"later_days must be a whole number >= 1; got {later_days!r}")
    vote_types = _check_vote_types(vote_types)
    posts, votes = _posts_and_votes(posts, votes)
    questions = posts[posts["PostTypeId"] == 1]
    posted = pd.to_datetime(questions["CreationDate"].astype(str).str.slice(0, 10), format="%Y-%m-%d")
    last_vote = pd.to_datetime(votes["CreationDate"].astype(str).str.slice(0, 10), format="%Y-%m-%d").max()
    complete = (last_vote - posted) / pd.Timedelta(days=1) >= days + later_days - 1
    questions = questions[complete.to_numpy()]
    if len(questions) < 2:
        raise ValueError(f"fewer than two questions have {days + later_days} full days of votes in the data"
                         f" (days + later_days)")
    ages = _vote_ages(questions, votes, vote_types)
    early = ages[ages["day"] < days]["PostId"].value_counts()
    late = ages[(ages["day"] >= days) & (ages["day"] < days + later_days)]["PostId"].value_counts()
    ids = questions["Id"].astype("int64")
    table = pd.DataFrame({
        "Id": ids.to_numpy(),
        "early": early.reindex(ids, fill_value=0).to_numpy(),
        "late": late.reindex(ids, fill_value=0).to_numpy(),
    })
    table.attrs["spearman"] = _spearman(table["early"], table["late"])
    return table


def _spearman(x, y):
    """Rank correlation of two columns; NaN when one of them is constant (no ranking to compare)."""
    if x.nunique() < 2 or y.nunique() < 2:
        return float("nan")
    return float(x.corr(y, method="spearman"))
