"""Real votes (``stackexchange_posts``, ``stackexchange_votes``): when they come and what they follow.

:func:`votes_by_day` (how votes arrive over the days after posting), :func:`score_vs_views`
and :func:`early_and_late_votes` (do early votes predict later ones?), with
:func:`early_late_by_month` and :func:`chance_band` (how much of that could be chance).
"""

from __future__ import annotations

from smlearn.realdata._checks import _check_columns

__all__ = ["UP_VOTE", "DOWN_VOTE", "MAX_DAYS", "votes_by_day", "score_vs_views", "partial_correlation",
           "early_and_late_votes", "MAX_DRAWS", "chance_band", "MIN_MONTH", "early_late_by_month",
           "posting_hour_effect"]

# Stack Exchange's vote types (VoteTypeId) that change a post's score.
UP_VOTE = 2
DOWN_VOTE = 3

# The longest window a vote table is split into, in days: ten years is more than any dump holds.
MAX_DAYS = 3650

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


def _days(column):
    """Dates of a CreationDate column, to the day."""
    import pandas as pd

    return pd.to_datetime(column.astype(str).str.slice(0, 10), format="%Y-%m-%d")


def votes_by_day(posts=None, votes=None, *, vote_types=(UP_VOTE, DOWN_VOTE), last_day=30, min_age_days=0):
    """Return how votes arrive over the days after a post is made.

    Day 0 is the day of posting (vote dates are known only to the day). Votes on posts
    that are not in ``posts`` (deleted before the dump) are left out.

    The data end on the day of the last vote, so young posts cannot have late votes yet:
    with all posts, the early days' share is too high and the late share too low.
    ``min_age_days`` keeps only posts made at least that many days before the last vote.

    Parameters
    ----------
    posts, votes : pandas.DataFrame, optional
        The ``stackexchange_posts`` and ``stackexchange_votes`` tables; loaded when not given.
    vote_types : list of int
        Which votes to count: 2 up, 3 down (the default: the votes that make the score).
    last_day : int >= 0
        Days after ``last_day`` are added up in one last row, ``day`` = ``last_day + 1``
        (meaning "later").
    min_age_days : int >= 0
        Keep only posts made at least this many days before the last vote in ``votes``
        (0, the default, keeps every post).

    Returns
    -------
    pandas.DataFrame
        ``day``, ``votes``, ``share`` (of all those votes) and ``cumulative_share``;
        ``attrs["posts"]``: how many posts were kept.
    """
    import pandas as pd

    if isinstance(last_day, bool) or not isinstance(last_day, int) or not 0 <= last_day <= MAX_DAYS:
        raise ValueError(f"last_day must be a whole number from 0 to {MAX_DAYS} (ten years); got {last_day!r}")
    if isinstance(min_age_days, bool) or not isinstance(min_age_days, int) or not 0 <= min_age_days <= MAX_DAYS:
        raise ValueError(f"min_age_days must be a whole number from 0 to {MAX_DAYS} (ten years); got {min_age_days!r}")
    vote_types = _check_vote_types(vote_types)
    posts, votes = _posts_and_votes(posts, votes)
    if min_age_days > 0 and len(votes) > 0:
        age = (_days(votes["CreationDate"]).max() - _days(posts["CreationDate"])) / pd.Timedelta(days=1)
        posts = posts[(age >= min_age_days).to_numpy()]
        if len(posts) == 0:
            raise ValueError(f"no post is {min_age_days} days older than the last vote (min_age_days)")
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
    table.attrs["posts"] = len(posts)
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
        Older questions have had longer to collect both, so ``attrs["age_score"]`` and
        ``attrs["age_views"]`` give the rank correlation of age with each, and
        ``attrs["spearman_same_age"]`` the score-views correlation with age held fixed
        (the partial rank correlation, see :func:`partial_correlation`).
    """
    import pandas as pd

    if posts is None:
        from smlearn.data import load

        posts = load("stackexchange_posts")
    _check_columns(posts, ["Id", "PostTypeId", "CreationDate", "Score", "ViewCount", "AnswerCount", "Title"], "posts")
    questions = posts[posts["PostTypeId"] == 1]
    if len(questions) < 2:
        raise ValueError("posts holds fewer than two questions (PostTypeId 1): nothing to compare")
    table = questions.rename(columns={"ViewCount": "views", "Score": "score", "AnswerCount": "answers", "Title": "title"})
    # Age in days before the newest question (which question is older is all the ranks need).
    posted = _days(table["CreationDate"])
    table = table.assign(age_days=((posted.max() - posted) / pd.Timedelta(days=1)).astype("int64"))
    table = table[["Id", "views", "score", "answers", "age_days", "title"]].astype({"views": "int64", "score": "int64"})
    table = table.sort_values("views", ascending=False).reset_index(drop=True)
    table.attrs["spearman"] = _spearman(table["score"], table["views"])
    table.attrs["age_score"] = _spearman(table["age_days"], table["score"])
    table.attrs["age_views"] = _spearman(table["age_days"], table["views"])
    table.attrs["spearman_same_age"] = partial_correlation(
        table.attrs["spearman"], table.attrs["age_score"], table.attrs["age_views"])
    return table


def partial_correlation(r_xy, r_xz, r_yz):
    """Return the correlation of x with y once z is held fixed (the partial correlation).

    ``(r_xy - r_xz * r_yz) / sqrt((1 - r_xz**2) * (1 - r_yz**2))``: what is left of the
    link between x and y after taking out what each shares with z. Given rank
    correlations, it is the partial rank correlation.

    >>> round(partial_correlation(0.5, 0.0, 0.0), 2)     # z unrelated to both: nothing changes
    0.5
    """
    import math

    for name, r in (("r_xy", r_xy), ("r_xz", r_xz), ("r_yz", r_yz)):
        if isinstance(r, bool) or not isinstance(r, (int, float)) or not -1 <= r <= 1:
            raise ValueError(f"{name} must be a correlation from -1 to 1; got {r!r}")
    if abs(r_xz) == 1 or abs(r_yz) == 1:
        raise ValueError("r_xz and r_yz must be strictly between -1 and 1: z would decide x or y entirely")
    return float((r_xy - r_xz * r_yz) / math.sqrt((1 - r_xz ** 2) * (1 - r_yz ** 2)))


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
        ``Id``, ``month`` (of posting, e.g. ``"2018-03"``), ``early``, ``late`` (vote
        counts), one row per question, with ``attrs["spearman"]``: the rank correlation of early with late votes (NaN
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
        "month": posted[complete.to_numpy()].dt.strftime("%Y-%m").to_numpy(),
        "early": early.reindex(ids, fill_value=0).to_numpy(),
        "late": late.reindex(ids, fill_value=0).to_numpy(),
    })
    table.attrs["spearman"] = _spearman(table["early"], table["late"])
    return table


MAX_DRAWS = 100_000   # more shuffles than this add nothing a learner can see, and take minutes


def chance_band(table, *, draws=1000, seed=1, level=0.95):
    """Return how far from 0 the early-late rank correlation can land by chance alone.

    Shuffles the ``late`` column ``draws`` times (any link to ``early`` is broken), computes
    the rank correlation each time and returns the range holding the middle ``level`` of
    them. A measured correlation inside it could be chance. For n questions the range is
    close to +-1.96 / sqrt(n - 1) at ``level`` 0.95.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`early_and_late_votes` (columns ``early`` and ``late``), at least 3 rows.
    draws : int from 10 to 100,000
        How many shuffles.
    seed : int
        Seed of the shuffles (the same seed gives the same band).
    level : float in (0, 1)
        The share of shuffled correlations the band holds.

    Returns
    -------
    dict
        ``low``, ``high``: the band's ends; ``questions``: how many rows were shuffled.
    """
    import numpy as np

    _check_columns(table, ["early", "late"], "table")
    if len(table) < 3:
        raise ValueError(f"table must hold at least 3 questions to shuffle; got {len(table)}")
    if isinstance(draws, bool) or not isinstance(draws, int) or not 10 <= draws <= MAX_DRAWS:
        raise ValueError(f"draws must be a whole number from 10 to {MAX_DRAWS:,}; got {draws!r}")
    if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0 < level < 1:
        raise ValueError(f"level must be a share between 0 and 1, e.g. 0.95; got {level!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be a whole number; got {seed!r}")
    # A rank correlation is the plain correlation of the places (ranks, ties shared), so
    # rank once and shuffle the late ranks.
    early = table["early"].rank().to_numpy(dtype=float)
    late = table["late"].rank().to_numpy(dtype=float)
    if early.std() == 0 or late.std() == 0:
        raise ValueError("table: early or late is the same for every question, so no rank correlation exists")
    rng = np.random.default_rng(seed)
    early = (early - early.mean()) / early.std()
    late = (late - late.mean()) / late.std()
    found = np.empty(draws)
    for start in range(0, draws, 1000):                 # 1,000 shuffles at a time, to spare memory
        rows = min(1000, draws - start)
        shuffled = np.array([rng.permutation(late) for _ in range(rows)])   # one shuffle per row
        found[start:start + rows] = (shuffled * early).mean(axis=1)         # the correlation of each row
    low, high = np.quantile(found, [(1 - level) / 2, (1 + level) / 2])
    return {"low": float(low), "high": float(high), "questions": len(table)}


MIN_MONTH = 20   # months with fewer questions than this are left out of early_late_by_month


def early_late_by_month(days=2, posts=None, votes=None, *, later_days=30, vote_types=(UP_VOTE,), draws=1000, seed=1):
    """Return the early-late rank correlation of :func:`early_and_late_votes` for each posting month.

    A young site changes fast: a launch month of eager voters, then a small site. One
    correlation over all months can hide opposite ones.

    Parameters
    ----------
    days, posts, votes, later_days, vote_types
        As for :func:`early_and_late_votes`.
    draws, seed
        As for :func:`chance_band`, run on each month's questions.

    Returns
    -------
    pandas.DataFrame
        One row per month with at least ``MIN_MONTH`` (20) questions: ``month``, ``questions``,
        ``spearman``, and ``chance_low``, ``chance_high``: the band chance alone gives
        (NaN for a month whose counts are all the same).
    """
    import math

    import pandas as pd

    table = early_and_late_votes(days, posts, votes, later_days=later_days, vote_types=vote_types)
    if table["early"].sum() + table["late"].sum() == 0:
        raise ValueError(f"no votes of the types {vote_types!r} on the questions compared (vote_types)")
    rows = []
    for month, group in table.groupby("month", sort=True):
        if len(group) < MIN_MONTH:
            continue
        rho = _spearman(group["early"], group["late"])
        low = high = float("nan")                    # no band when a month's counts are all the same
        if not math.isnan(rho):
            band = chance_band(group, draws=draws, seed=seed)
            low, high = band["low"], band["high"]
        rows.append({"month": month, "questions": len(group), "spearman": rho, "chance_low": low, "chance_high": high})
    return pd.DataFrame(rows, columns=["month", "questions", "spearman", "chance_low", "chance_high"])


def _spearman(x, y):
    """Rank correlation of two columns; NaN when one of them is constant (no ranking to compare)."""
    if x.nunique() < 2 or y.nunique() < 2:
        return float("nan")
    return float(x.corr(y, method="spearman"))


def posting_hour_effect(days=1, posts=None, votes=None, *, later_days=30, vote_types=(UP_VOTE,)):
    """Return how the hour a question was posted goes with its early and its later votes.

    Vote dates are known only to the day, so "day 0" is what is left of the posting day:
    a question posted late in the evening has only an hour or two of it, and its first
    hours' votes fall on day 1. If that matters, questions posted later in the day have
    fewer early votes and more later ones, and the early-late correlation of
    :func:`early_and_late_votes` is pushed down by the clock, not by the readers.

    Parameters
    ----------
    days, posts, votes, later_days, vote_types
        As for :func:`early_and_late_votes`.

    Returns
    -------
    dict
        ``early`` and ``late``: the rank correlation of the posting hour (0 to 24, in
        UTC, minutes as fractions) with the question's early and with its later votes;
        ``questions``: how many questions were compared. A correlation is NaN when the
        hours or the counts are all the same.

    Raises
    ------
    TypeError, ValueError
        As for :func:`early_and_late_votes`; also if no vote of ``vote_types`` falls in
        either window.
    """
    import pandas as pd

    table = early_and_late_votes(days, posts, votes, later_days=later_days, vote_types=vote_types)
    if table["early"].sum() + table["late"].sum() == 0:
        raise ValueError(f"no votes of the types {vote_types!r} on the questions compared (vote_types)")
    posts, _ = _posts_and_votes(posts, votes)
    created = posts.set_index(posts["Id"].astype("int64"))["CreationDate"].astype(str)
    when = pd.to_datetime(created.loc[table["Id"]].to_numpy())
    hour = pd.Series(when.hour + when.minute / 60, index=table.index)
    return {"early": _spearman(hour, table["early"]), "late": _spearman(hour, table["late"]),
            "questions": len(table)}
