r"""Returns: what the usual social media metrics measure, from a post's reach to a sale.

The claim
---------
Source C says the returns of social media are measured with analytics (engagement,
followers, sales) and are not simple, while the returns of networking are easy to
count: see how much your network grows. Source A doubts that networking leads turn
into business at all. This module defines the media side's metrics exactly and builds
the funnel from people who saw a post to people who bought. How sure a number measured on
a few posts can be is the topic of :mod:`smlearn.models.uncertainty`.

Read first :func:`metric_value` (a rate over many posts) and :func:`funnel`.

The metrics (one post, or a set of posts added up)
--------------------------------------------------
- **reach**: different people who saw the post at least once.
- **impressions**: times the post was shown, repeats included (so impressions >= reach;
  impressions / reach is the *frequency*).
- **engaged users**: different people who liked, commented, shared or clicked.
- **engagement rate by reach** = engaged users / reach: of the people who saw it, how
  many did something. It measures the *post*.
- **engagement rate by followers** = engaged users / followers: it measures the post
  *and* how far it travelled. It differs from the rate by reach because most followers
  never see a given post (organic reach is a small share), and because people who do
  not follow you see it too (shares, paid boosts). A paid post can have a high rate by
  followers and an ordinary rate by reach.
- **click-through rate (CTR)** = clicks / impressions.
- **conversion rate** = conversions / clicks (a sale, a sign-up, an enquiry).
- **cost per acquisition (CPA)** = spend / conversions.
- **return on investment (ROI)** = (value of the conversions - cost) / cost.
- **follower growth** = (followers at the end - at the start) / at the start.

A rate over many posts is a *ratio of sums* (all engaged users / all reach), not the
average of each post's rate, so a post seen by 5,000 people counts more than one seen
by 50. Missing cells are never read as zeros: a rate of sums refuses them
(:func:`metric_value`), and the tables leave those rows out and count them (``missing``).

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the metrics measure ``find-broadcast``: posts
seen, liked and shared by an audience that found them.

Examples
--------
>>> from smlearn import data
>>> from smlearn.models import returns
>>> posts = data.load("post_metrics")
>>> round(returns.metric_value(posts, "engagement_rate_reach"), 4)
0.0515
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smlearn.models._posts import _amounts, _check_posts, _counts, _ratio
from smlearn.params import Choice, check_items, check_number, check_text

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["METRICS", "METRIC", "engagement_rate", "conversion_rate", "roi", "metric_value", "summarize", "funnel",
           "impressions_per_person", "reach_spread"]

# metric -> (numerator column, denominator column, words)
METRICS = {
    "engagement_rate_reach": ("engaged_users", "reach", "engaged users per person reached"),
    "engagement_rate_followers": ("engaged_users", "followers", "engaged users per follower"),
    "ctr": ("clicks", "impressions", "clicks per impression"),
    "conversion_rate": ("conversions", "clicks", "conversions per click"),
}

# The choice of a metric, checked here and offered as a setting by smlearn.models.uncertainty.
METRIC = Choice("metric", "engagement_rate_reach", tuple(METRICS), "Metric",
                "Which rate to estimate for each post type.")


# ---- The metrics, one small function each ------------------------------------------------
# (Counts are checked by smlearn.models._posts: _amounts for numbers, _counts for a table's columns.)

def _single_amounts(**named):
    """Each value as one float >= 0 (a total for a campaign, not a column), or a clear error."""
    arrays = _amounts(**named)
    for name, array in zip(named, arrays):
        if array.ndim != 0:
            raise TypeError(f"{name} must be one number >= 0 (a total), not a column; got {array.size} values")
    return [float(array) for array in arrays]


def engagement_rate(engaged_users, base):
    """Engaged users divided by ``base`` (reach, or followers): the share who did something.

    Examples
    --------
    50 people engaged with a post seen by 1,000 people, on a page of 10,000 followers:

    >>> engagement_rate(50, 1000), engagement_rate(50, 10000)
    (0.05, 0.005)
    """
    return _ratio(engaged_users, base, ("engaged_users", "base"))


def conversion_rate(conversions, clicks):
    """Conversions (sales, sign-ups) per click.

    Examples
    --------
    >>> conversion_rate(3, 120)
    0.025
    """
    return _ratio(conversions, clicks, ("conversions", "clicks"))


def _cost_per_acquisition(spend, conversions):
    """Money spent per conversion; ``inf`` when money was spent and nobody converted.

    Examples
    --------
    >>> _cost_per_acquisition(200.0, 8), _cost_per_acquisition(50.0, 0)
    (25.0, inf)
    """
    spend, conversions = _single_amounts(spend=spend, conversions=conversions)
    if conversions == 0:
        return float("inf") if spend > 0 else float("nan")
    return spend / conversions


def roi(value, cost):
    """Return on investment: (value gained - cost) / cost. 0.5 means 50 % more back than spent.

    Examples
    --------
    >>> roi(300.0, 200.0)
    0.5
    """
    value, cost = _single_amounts(value=value, cost=cost)
    if cost == 0:
        return float("nan")
    return (value - cost) / cost


# ---- Tables of posts --------------------------------------------------------------------------

_NEEDED = ["type", "reach", "impressions", "engaged_users", "clicks", "conversions", "followers", "spend"]


def _check_metric(metric):
    return METRICS[METRIC.check(metric)]


def metric_value(posts, metric):
    """A rate over a set of posts, as a ratio of sums.

    Parameters
    ----------
    posts : pandas.DataFrame
        One row per post, with the counts the metric needs.
    metric : str
        One of :data:`METRICS`: 'engagement_rate_reach', 'engagement_rate_followers',
        'ctr', 'conversion_rate'.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``posts`` is not a DataFrame.
    ValueError
        If ``posts`` is empty, lacks a column, has a missing cell in the metric's two columns
        (the message says how many rows), or ``metric`` is unknown.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"engaged_users": [10, 90], "reach": [100, 3000]})
    >>> metric_value(posts, "engagement_rate_reach")          # 100 / 3100, not mean(0.1, 0.03)
    0.03225806451612903
    """
    numerator, denominator, _ = _check_metric(metric)
    _check_posts(posts, [numerator, denominator])
    s, n, missing = _counts(posts, numerator, denominator)
    if missing:
        # Summing a column with gaps would quietly lower (or raise) the rate: refuse instead.
        raise ValueError(f"posts has {missing} row(s) with a missing {numerator} or {denominator}; a rate of sums "
                         f"needs both cells in every row. Leave those rows out first (e.g. posts.dropna(subset="
                         f"['{numerator}', '{denominator}'])) and report how many you left out")
    return _ratio(s.sum(), n.sum())


def summarize(posts, *, by="type", value_per_conversion=60.0):
    """One row per group (post type by default): counts, rates, CPA and ROI of the spend.

    Parameters
    ----------
    posts : pandas.DataFrame
        One row per post.
    by : str, default 'type'
        The column to group by (e.g. 'type' or 'paid').
    value_per_conversion : float, default 60
        What one conversion is worth, in $ (illustrative), for ROI.

    Returns
    -------
    pandas.DataFrame
        Rows with a missing count are left out and counted per group in ``missing``.

    Raises
    ------
    TypeError, ValueError
        If ``posts`` is not a non-empty table with the needed columns, or ``by`` is
        not one of its columns.

    Examples
    --------
    >>> from smlearn import data
    >>> summarize(data.load("post_metrics"))[["posts", "engagement_rate_reach", "ctr"]].round(4)
            posts  engagement_rate_reach     ctr
    type
    photo     229                 0.0497  0.0031
    video     120                 0.0619  0.0045
    link      147                 0.0339  0.0120
    status    104                 0.0558  0.0018
    """
    _check_posts(posts, _NEEDED)
    check_text("by", by)
    value_per_conversion = check_number("value_per_conversion", value_per_conversion, 0, unit="$ per conversion")
    if by not in posts.columns:
        raise ValueError(f"by must be a column of posts; got {by!r}; the columns are: {', '.join(map(str, posts.columns))}")
    counts = ["reach", "impressions", "engaged_users", "clicks", "conversions", "spend", "followers"]
    gaps = posts[counts].isna().any(axis=1)
    # Rows with a missing count are left out of every rate (a gap summed as zero would lower the
    # rate) and counted per group in the column "missing".
    missing_by_group = gaps.groupby(posts[by], observed=True).sum()
    posts = posts[~gaps]
    if posts.empty:
        raise ValueError(f"every row of posts has a missing cell in one of {', '.join(counts)}: nothing to summarize")
    groups = posts.groupby(by, observed=True)
    sums = groups[["reach", "impressions", "engaged_users", "clicks", "conversions", "spend"]].sum().astype(float)
    table = pd.DataFrame({"posts": groups.size()})
    for column in sums:
        table[column] = sums[column]
    table["followers"] = groups["followers"].mean()
    table["engagement_rate_reach"] = _ratio(sums["engaged_users"], sums["reach"])
    table["engagement_rate_followers"] = _ratio(sums["engaged_users"], groups["followers"].sum())
    table["ctr"] = _ratio(sums["clicks"], sums["impressions"])
    table["conversion_rate"] = _ratio(sums["conversions"], sums["clicks"])
    table["cpa"] = [_cost_per_acquisition(s, c) for s, c in zip(sums["spend"], sums["conversions"])]
    table["roi"] = [roi(value_per_conversion * c, s) for s, c in zip(sums["spend"], sums["conversions"])]
    table["missing"] = missing_by_group.reindex(table.index, fill_value=0).astype(int)
    return table


# The funnel counts people, so it starts at reach. Impressions count views (several per
# person), so they are not a stage people drop out of: see impressions_per_person.
FUNNEL_STAGES = ("reach", "engaged_users", "clicks", "conversions")


def funnel(posts, *, stages=FUNNEL_STAGES):
    """The funnel: how many people are left at each stage, and what share of the stage before.

    The stages count people: those who saw a post (reach), did anything with it
    (engaged users), clicked, and converted. Impressions are not a stage: they count
    views, several per person (see :func:`impressions_per_person`).

    Parameters
    ----------
    posts : pandas.DataFrame
        One row per post.
    stages : sequence of str
        Count columns from widest to narrowest, each a count of people.

    Returns
    -------
    pandas.DataFrame
        Indexed by stage: count, share_of_previous, share_of_top.

    Raises
    ------
    TypeError, ValueError
        If ``posts`` is not a non-empty table with the stage columns, or a stage is
        larger than the one before it.

    Examples
    --------
    >>> from smlearn import data
    >>> funnel(data.load("post_metrics")).round(4)
                      count  share_of_previous  share_of_top
    stage
    reach          536248.0             1.0000        1.0000
    engaged_users   27597.0             0.0515        0.0515
    clicks           4122.0             0.1494        0.0077
    conversions       118.0             0.0286        0.0002
    """
    stages = check_items("stages", stages, what="count columns, widest first")
    for stage in stages:
        check_text("stages", stage)
    _check_posts(posts, stages)
    counts = posts[stages].sum().astype(float)
    wider = counts.shift(1)
    grew = counts.index[(counts > wider).to_numpy()]
    if len(grew):
        raise ValueError(f"a funnel narrows, but stage {grew[0]!r} ({counts[grew[0]]:,.0f}) is larger than the "
                         f"stage before it; order the stages from widest to narrowest")
    table = pd.DataFrame({"count": counts,
                          "share_of_previous": _ratio(counts, wider.fillna(counts.iloc[0])),
                          "share_of_top": _ratio(counts, counts.iloc[0])})
    table.index.name = "stage"
    return table


def impressions_per_person(posts):
    """Impressions per person reached (the *frequency*): how many times, on average, each
    person who saw the posts was shown one. A ratio of sums.

    Examples
    --------
    A post shown 300 times to 200 different people was shown 1.5 times per person:

    >>> import pandas as pd
    >>> impressions_per_person(pd.DataFrame({"impressions": [300], "reach": [200]}))
    1.5
    """
    _check_posts(posts, ["impressions", "reach"])
    return _ratio(posts["impressions"].sum(), posts["reach"].sum())


def reach_spread(reach):
    """How unequal the posts' reach is: the standard deviation of log(reach) over the posts with
    reach > 0 (the ``reach_spread`` of :func:`smlearn.models.interval_studies.simulate_posts` and
    :data:`smlearn.models.interval_studies.DETECTION_PARAMS`).
    Missing cells are left out. 0.7 spreads the middle 95 % of posts over about 15x, 1.6 over
    about 500x.

    Examples
    --------
    >>> round(reach_spread([100, 1000, 10000]), 2)
    1.88
    """
    if isinstance(reach, pd.Series) and reach.dtype.kind not in "iufb" and str(reach.dtype) != "boolean":
        # A nullable column from an export (Int64 with <NA>): plain floats, missing cells as nan.
        try:
            reach = pd.to_numeric(reach, errors="raise").astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        except (TypeError, ValueError):
            raise TypeError(f"reach must hold numbers >= 0; got values of type {reach.dtype}") from None
    (values,) = _amounts(reach=reach)
    values = np.atleast_1d(values)
    values = values[~np.isnan(values) & (values > 0)]
    if len(values) < 2:
        raise ValueError(f"reach must hold at least two posts with reach > 0; got {len(values)}")
    return float(np.log(values).std())
