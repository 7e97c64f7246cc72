r"""Returns: what the usual social media metrics measure, and how sure you can be of them.

The claim
---------
Source C says the returns of social media are measured with analytics (engagement,
followers, sales) and are not simple, while the returns of networking are easy to
count: see how much your network grows. Source A doubts that networking leads turn
into business at all. This module defines the media side's metrics exactly, builds
the funnel from people who saw a post to people who bought, and puts an honest
interval round every number, so that a learner sees when a difference between two
kinds of post is real and when it is luck.

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
by 50.

Uncertainty
-----------
*Bootstrap.* Draw as many posts as you have, with replacement, from your own posts;
compute the metric; repeat a few thousand times. The middle 95 % of those values is a
95 % interval [1]_. It needs no formula and keeps what makes posts differ.

*Beta-binomial comparison of two post types.* Treat each person reached as a trial and
each engaged user as a success. With a uniform prior, the rate :math:`p` of a type with
:math:`s` successes in :math:`n` trials has the posterior
:math:`\mathrm{Beta}(1 + s, 1 + n - s)` [2]_. But posts differ far more than coin flips
would (a lucky post, a good day), so the counts carry less information than their size
suggests. We measure that excess (the *design effect* :math:`d` [3]_, the variance of
the ratio estimate across posts divided by the binomial variance, at least 1) and use
:math:`s/d` and :math:`n/d` instead. Then :math:`P(p_B > p_A)` comes from draws of the
two posteriors.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the metrics measure ``find-broadcast``: posts
seen, liked and shared by an audience that found them.

References
----------
.. [1] Efron, B. and Tibshirani, R. J. (1993). An Introduction to the Bootstrap.
   Chapman & Hall, chapter 13 (percentile intervals).
.. [2] Gelman, A., Carlin, J. B., Stern, H. S., Dunson, D. B., Vehtari, A. and Rubin,
   D. B. (2013). Bayesian Data Analysis, 3rd ed. CRC Press, section 2.4.
.. [3] Kish, L. (1965). Survey Sampling. Wiley, section 8.2 (design effect of cluster
   samples).

Examples
--------
>>> from smlearn import data
>>> from smlearn.models import returns
>>> posts = data.load("post_metrics")
>>> round(returns.metric_value(posts, "engagement_rate_reach"), 4)
0.0515
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smlearn.params import Choice, FrozenParams, Param, check_params, check_seed

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["METRICS", "POST_TYPES", "PARAMS", "engagement_rate", "click_through_rate", "conversion_rate",
           "cost_per_acquisition", "roi", "follower_growth", "metric_value", "add_metrics", "summarize",
           "funnel", "impressions_per_person", "bootstrap_interval", "Comparison", "compare_types",
           "estimate_by_type", "interval_coverage"]

POST_TYPES = ("photo", "video", "link", "status")

# metric -> (numerator column, denominator column, words)
METRICS = {
    "engagement_rate_reach": ("engaged_users", "reach", "engaged users per person reached"),
    "engagement_rate_followers": ("engaged_users", "followers", "engaged users per follower"),
    "ctr": ("clicks", "impressions", "clicks per impression"),
    "conversion_rate": ("conversions", "clicks", "conversions per click"),
}

PARAMS: dict[str, Param | Choice] = {p.name: p for p in [
    Choice("metric", "engagement_rate_reach", tuple(METRICS), "Metric",
           "Which rate to estimate for each post type."),
    Choice("type_a", "photo", POST_TYPES, "Post type A", "The first kind of post to compare."),
    Choice("type_b", "video", POST_TYPES, "Post type B", "The second kind of post to compare."),
    Param("sample_size", 10, 3, 90, 1, "Posts per type", "posts",
          "How many posts of each type are drawn from the data set (your sample)."),
    Param("sample", 0, 0, 99, 1, "Which sample", "number",
          "Which random sample of posts: change it to see how much another sample differs."),
    Param("level", 0.95, 0.5, 0.99, 0.01, "Interval level", "share",
          "How sure the intervals are meant to be (0.95 = 95 %)."),
]}


# ---- The metrics, one small function each ------------------------------------------------

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


def engagement_rate(engaged_users, base):
    """Engaged users divided by ``base`` (reach, or followers): the share who did something.

    Examples
    --------
    50 people engaged with a post seen by 1,000 people, on a page of 10,000 followers:

    >>> engagement_rate(50, 1000), engagement_rate(50, 10000)
    (0.05, 0.005)
    """
    return _ratio(engaged_users, base, ("engaged_users", "base"))


def click_through_rate(clicks, impressions):
    """Clicks per impression.

    Examples
    --------
    >>> click_through_rate(12, 2400)
    0.005
    """
    return _ratio(clicks, impressions, ("clicks", "impressions"))


def conversion_rate(conversions, clicks):
    """Conversions (sales, sign-ups) per click.

    Examples
    --------
    >>> conversion_rate(3, 120)
    0.025
    """
    return _ratio(conversions, clicks, ("conversions", "clicks"))


def cost_per_acquisition(spend, conversions):
    """Money spent per conversion; ``inf`` when money was spent and nobody converted.

    Examples
    --------
    >>> cost_per_acquisition(200.0, 8), cost_per_acquisition(50.0, 0)
    (25.0, inf)
    """
    spend, conversions = (float(v) for v in _amounts(spend=spend, conversions=conversions))
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
    value, cost = (float(v) for v in _amounts(value=value, cost=cost))
    if cost == 0:
        return float("nan")
    return (value - cost) / cost


def follower_growth(start, end):
    """Growth of the follower count as a share of the start: (end - start) / start.

    Examples
    --------
    >>> follower_growth(4000, 5000)
    0.25
    """
    start, end = (float(v) for v in _amounts(start=start, end=end))
    return (end - start) / start if start > 0 else float("nan")   # no followers to grow from: no share


# ---- Tables of posts --------------------------------------------------------------------------

_NEEDED = ["type", "reach", "impressions", "engaged_users", "clicks", "conversions", "followers", "spend"]


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


def _check_metric(metric):
    return METRICS[PARAMS["metric"].check(metric)]


def _check_type(name, value, posts=None):
    PARAMS[name].check(value)         # name is "type_a" or "type_b"
    if posts is not None and not (posts["type"] == value).any():
        raise ValueError(f"{name}: there are no posts of type {value!r} in posts")
    return value


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
        If ``posts`` is empty, lacks a column, or ``metric`` is unknown.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"engaged_users": [10, 90], "reach": [100, 3000]})
    >>> metric_value(posts, "engagement_rate_reach")          # 100 / 3100, not mean(0.1, 0.03)
    0.03225806451612903
    """
    numerator, denominator, _ = _check_metric(metric)
    _check_posts(posts, [numerator, denominator])
    return _ratio(posts[numerator].sum(), posts[denominator].sum())


def add_metrics(posts):
    """Return a copy of ``posts`` with one column per metric, post by post.

    Examples
    --------
    >>> from smlearn import data
    >>> table = add_metrics(data.load("post_metrics"))
    >>> table[["type", "engagement_rate_reach", "ctr"]].head(2).round(4)
        type  engagement_rate_reach     ctr
    0  photo                 0.0537  0.0043
    1  photo                 0.0468  0.0022
    """
    _check_posts(posts, [c for m in METRICS.values() for c in m[:2]])
    table = posts.copy()
    for metric, (numerator, denominator, _) in METRICS.items():
        table[metric] = _ratio(posts[numerator].to_numpy(dtype=float), posts[denominator].to_numpy(dtype=float))
    return table


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
    if by not in posts.columns:
        raise ValueError(f"by must be a column of posts; got {by!r}; the columns are: {', '.join(map(str, posts.columns))}")
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
    table["cpa"] = [cost_per_acquisition(s, c) for s, c in zip(sums["spend"], sums["conversions"])]
    table["roi"] = [roi(value_per_conversion * c, s) for s, c in zip(sums["spend"], sums["conversions"])]
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
    stages = list(stages)
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


# ---- Uncertainty ---------------------------------------------------------------------------------

def _check_level(level):
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < level < 1:
        raise ValueError(f"level must be a number between 0 and 1 (0.95 = 95 %); got {level!r}")
    return float(level)


def _check_resamples(n_resamples):
    if isinstance(n_resamples, bool) or not isinstance(n_resamples, numbers.Integral) or not 100 <= n_resamples <= 100_000:
        raise ValueError(f"n_resamples must be a whole number from 100 to 100000; got {n_resamples!r}")
    return int(n_resamples)


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


def _posterior(successes, trials, overdispersion=True):
    """Beta ``(alpha, beta, design effect)`` for a rate: a uniform prior and the counts,
    divided by the design effect when posts vary more than coin flips."""
    d = design_effect(successes, trials) if overdispersion else 1.0
    return 1 + successes.sum() / d, 1 + (trials.sum() - successes.sum()) / d, d


def bootstrap_interval(posts, metric, *, level=0.95, n_resamples=2000, seed=None):
    """Estimate a metric and a percentile bootstrap interval for it.

    Parameters
    ----------
    posts : pandas.DataFrame
        One row per post.
    metric : str
        One of :data:`METRICS`.
    level : float, default 0.95
        The interval's level.
    n_resamples : int, default 2000
        How many resamples (100 to 100,000).
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the one generator used for every resample.

    Returns
    -------
    tuple of float
        (estimate, low, high).

    Raises
    ------
    TypeError, ValueError
        If ``posts`` is not a non-empty table with the metric's columns, or ``metric``,
        ``level``, ``n_resamples`` or ``seed`` is not allowed.

    Examples
    --------
    Ten photo posts say little; all of them say more:

    >>> from smlearn import data
    >>> posts = data.load("post_metrics")
    >>> photos = posts[posts["type"] == "photo"]
    >>> [round(x, 4) for x in bootstrap_interval(photos.head(10), "engagement_rate_reach", seed=1)]
    [0.0544, 0.0459, 0.066]
    >>> [round(x, 4) for x in bootstrap_interval(photos, "engagement_rate_reach", seed=1)]
    [0.0497, 0.0472, 0.0525]
    """
    numerator, denominator, _ = _check_metric(metric)
    _check_posts(posts, [numerator, denominator])
    level = _check_level(level)
    n_resamples = _check_resamples(n_resamples)
    rng = check_seed(seed)
    num = posts[numerator].to_numpy(dtype=float)
    den = posts[denominator].to_numpy(dtype=float)
    low, high = _middle(_bootstrap(num, den, rng, n_resamples), level)
    return _ratio(num.sum(), den.sum()), low, high


def design_effect(numerator, denominator):
    """How much more posts vary than coin flips would: at least 1 (see the module docstring).

    The variance of the ratio-of-sums estimate across posts,
    :math:`\\frac{k}{k-1}\\sum_i (s_i - \\hat p n_i)^2 / (\\sum n_i)^2`, divided by the
    binomial variance :math:`\\hat p (1 - \\hat p) / \\sum n_i`.

    Examples
    --------
    Two posts with the same rate vary less than coin flips, so the effect is 1; two
    very different posts vary much more:

    >>> design_effect([10, 10], [100, 100]), round(design_effect([2, 18], [100, 100]), 1)
    (1.0, 14.2)
    """
    s = np.asarray(numerator, dtype=float)
    n = np.asarray(denominator, dtype=float)
    k, total = len(s), n.sum()
    if k < 2 or total <= 0:
        return 1.0
    p = s.sum() / total
    if p <= 0 or p >= 1:
        return 1.0
    observed = k / (k - 1) * ((s - p * n) ** 2).sum() / total**2
    binomial = p * (1 - p) / total
    return float(max(1.0, observed / binomial))


@dataclass(frozen=True)
class Comparison:
    """Two post types compared with the Beta-binomial model (see :func:`compare_types`).

    Attributes
    ----------
    metric, type_a, type_b : str
    rate_a, rate_b : float
        The observed rates (ratio of sums).
    posterior_a, posterior_b : tuple of float
        The Beta posteriors' parameters (alpha, beta), after the design effect.
    design_effect_a, design_effect_b : float
    prob_b_better : float
        Probability that type B's true rate is higher than type A's.
    difference : tuple of float
        (low, high): the credible interval of rate_b - rate_a at ``level``.
    level : float
    """

    metric: str
    type_a: str
    type_b: str
    rate_a: float
    rate_b: float
    posterior_a: tuple
    posterior_b: tuple
    design_effect_a: float
    design_effect_b: float
    prob_b_better: float
    difference: tuple
    level: float


def compare_types(posts, metric="engagement_rate_reach", type_a="photo", type_b="video", *, level=0.95,
                  overdispersion=True, draws=20000, seed=None):
    """Compare a rate between two post types with the Beta-binomial model.

    Parameters
    ----------
    posts : pandas.DataFrame
        One row per post, with a ``type`` column.
    metric : str
        One of :data:`METRICS` (the rate's successes and trials are its two columns).
    type_a, type_b : str
        Two of :data:`POST_TYPES`.
    level : float, default 0.95
        Level of the credible interval of the difference.
    overdispersion : bool, default True
        Divide the counts by each type's design effect (posts differ more than coin
        flips). False treats every trial as an independent coin flip.
    draws : int, default 20000
        Draws from each posterior (100 to 100,000).
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the one generator used for the draws.

    Returns
    -------
    Comparison

    Raises
    ------
    TypeError, ValueError
        If ``posts`` is not a non-empty table with the columns, a type is unknown or
        has no posts, or another argument is not allowed.

    Examples
    --------
    Over all posts, videos clearly engage more of the people they reach than photos:

    >>> from smlearn import data
    >>> posts = data.load("post_metrics")
    >>> result = compare_types(posts, seed=1)
    >>> round(result.rate_a, 4), round(result.rate_b, 4), round(result.prob_b_better, 3)
    (0.0497, 0.0619, 1.0)

    With five posts of each, the same question gets a far less sure answer, and the
    interval of the difference includes zero:

    >>> few = posts.groupby("type").head(5)
    >>> small = compare_types(few, seed=1)
    >>> round(small.prob_b_better, 2), [round(x, 3) for x in small.difference]
    (0.9, [-0.004, 0.02])
    """
    numerator, denominator, _ = _check_metric(metric)
    _check_posts(posts, ["type", numerator, denominator])
    _check_type("type_a", type_a, posts)
    _check_type("type_b", type_b, posts)
    level = _check_level(level)
    draws = _check_resamples(draws)
    if not isinstance(overdispersion, (bool, np.bool_)):
        raise TypeError(f"overdispersion must be True or False; got {overdispersion!r}")
    rng = check_seed(seed)
    rates, posteriors, effects, samples = [], [], [], []
    for kind in (type_a, type_b):
        rows = posts[posts["type"] == kind]
        s = rows[numerator].to_numpy(dtype=float)
        n = rows[denominator].to_numpy(dtype=float)
        alpha, beta, d = _posterior(s, n, overdispersion)
        rates.append(_ratio(s.sum(), n.sum()))
        posteriors.append((float(alpha), float(beta)))
        effects.append(d)
        samples.append(rng.beta(alpha, beta, size=draws))
    difference = samples[1] - samples[0]
    return Comparison(metric, type_a, type_b, rates[0], rates[1], posteriors[0], posteriors[1], effects[0],
                      effects[1], float((difference > 0).mean()), _middle(difference, level), level)


def estimate_by_type(posts, *, metric="engagement_rate_reach", type_a="photo", type_b="video", sample_size=10,
                     sample=0, level=0.95, n_resamples=1000):
    """Draw a sample of posts of two types and estimate a metric for each, with intervals.

    This is what :class:`~smlearn.widgets.ReturnsExplorer` runs: the learner picks a
    metric, two post types and how many posts of each they have; the function draws
    that many posts of each type (sample number ``sample``) and returns each type's
    estimate with a bootstrap interval and a Beta-binomial credible interval, and the
    probability that type B beats type A. For the same type twice, both rows come
    from two separate samples of it: they share no post when there are enough posts of
    that type, and only as many as they must when there are not.

    Parameters
    ----------
    posts : pandas.DataFrame
        All posts (e.g. ``data.load("post_metrics")``).
    metric, type_a, type_b, sample_size, sample, level
        See :data:`PARAMS`.
    n_resamples : int, default 1000
        Bootstrap resamples.

    Returns
    -------
    pandas.DataFrame
        Two rows (A, B) with columns group, type, posts, estimate, boot_low, boot_high,
        beta_low, beta_high, truth (the metric over every post of that type, the value
        a sample tries to find). ``attrs`` holds the parameters and ``prob_b_better``.

    Raises
    ------
    TypeError, ValueError
        If an argument is not allowed, or there are fewer posts of a type than
        ``sample_size``.

    Examples
    --------
    >>> from smlearn import data
    >>> table = estimate_by_type(data.load("post_metrics"), sample_size=10)
    >>> table[["type", "posts", "estimate", "boot_low", "boot_high"]].round(4)
        type  posts  estimate  boot_low  boot_high
    0  photo     10    0.0471    0.0406     0.0559
    1  video     10    0.0745    0.0634     0.0833
    """
    p = check_params(PARAMS, {"metric": metric, "type_a": type_a, "type_b": type_b, "sample_size": sample_size,
                              "sample": sample, "level": level})
    numerator, denominator, _ = METRICS[p["metric"]]
    _check_posts(posts, ["type", numerator, denominator])
    n_resamples = _check_resamples(n_resamples)
    rng = np.random.default_rng([p["sample"], 2025])   # sample number -> its own generator
    chosen = {}
    same = p["type_a"] == p["type_b"]
    for group, kind in (("A", p["type_a"]), ("B", p["type_b"])):
        available = np.flatnonzero((posts["type"] == kind).to_numpy())
        if len(available) < p["sample_size"]:
            raise ValueError(f"sample_size={p['sample_size']} needs {p['sample_size']} posts of type {kind!r}; "
                             f"posts has only {len(available)}")
        if same and group == "B":
            picks = chosen["rest"]
        else:
            order = rng.permutation(available)
            picks = order[: p["sample_size"]]
            # The second sample of the same type: the next posts in the shuffled order, and
            # only if there are too few of those, some of the first sample's posts again.
            extra = p["sample_size"] - len(order[p["sample_size"]: 2 * p["sample_size"]])
            chosen["rest"] = np.concatenate([order[p["sample_size"]: 2 * p["sample_size"]], order[:extra]])
        chosen[group] = picks
    rows, samples = [], {}
    for group, kind in (("A", p["type_a"]), ("B", p["type_b"])):
        rows_of = posts.iloc[chosen[group]]
        s = rows_of[numerator].to_numpy(dtype=float)
        n = rows_of[denominator].to_numpy(dtype=float)
        boot_low, boot_high = _middle(_bootstrap(s, n, rng, n_resamples), p["level"])
        alpha, beta, _ = _posterior(s, n)
        samples[group] = rng.beta(alpha, beta, size=n_resamples)
        beta_low, beta_high = _middle(samples[group], p["level"])
        everything = posts[posts["type"] == kind]
        rows.append({
            "group": group, "type": kind, "posts": len(s), "estimate": _ratio(s.sum(), n.sum()),
            "boot_low": boot_low, "boot_high": boot_high, "beta_low": beta_low, "beta_high": beta_high,
            "truth": _ratio(everything[numerator].sum(), everything[denominator].sum()),
        })
    table = pd.DataFrame(rows)
    table.attrs["params"] = FrozenParams(p)   # read-only: pandas copies attrs on every operation
    table.attrs["prob_b_better"] = float((samples["B"] > samples["A"]).mean())
    return table


def interval_coverage(posts, *, metric="engagement_rate_reach", type_a="photo", type_b="video", sample_size=10,
                      samples=100, level=0.95):
    """How often the intervals of :func:`estimate_by_type` contain the truth, over many samples.

    A 95 % interval should contain the true value in about 95 of 100 samples. Because
    the data set is synthetic, the truth (the rate over every post of a type) is known,
    so this can be counted: each of ``samples`` samples (numbers 0, 1, 2, ...) gives
    two intervals of each kind, one per post type.

    Parameters
    ----------
    posts : pandas.DataFrame
        All posts (e.g. ``data.load("post_metrics")``).
    metric, type_a, type_b, sample_size, level
        As in :func:`estimate_by_type`.
    samples : int, default 100
        How many samples to draw (1 to 100, the explorer's sample numbers).

    Returns
    -------
    pandas.DataFrame
        One row per kind of interval ('bootstrap', 'Beta-binomial'), with columns
        intervals (how many were drawn), contained (how many held the truth) and
        coverage (contained / intervals).

    Raises
    ------
    TypeError, ValueError
        If an argument is not allowed.

    Examples
    --------
    With 10 posts of each type the 95 % intervals hold the truth less often than 95 %:

    >>> from smlearn import data
    >>> interval_coverage(data.load("post_metrics"), sample_size=10)
                   intervals  contained  coverage
    bootstrap            200        172      0.86
    Beta-binomial        200        176      0.88
    """
    if isinstance(samples, bool) or not isinstance(samples, numbers.Integral) or not 1 <= samples <= 100:
        raise ValueError(f"samples must be a whole number from 1 to 100; got {samples!r}")
    counts = {"bootstrap": 0, "Beta-binomial": 0}
    total = 0
    for sample in range(samples):
        table = estimate_by_type(posts, metric=metric, type_a=type_a, type_b=type_b, sample_size=sample_size,
                                 sample=sample, level=level)
        for row in table.itertuples():
            total += 1
            if row.boot_low <= row.truth <= row.boot_high:
                counts["bootstrap"] += 1
            if row.beta_low <= row.truth <= row.beta_high:
                counts["Beta-binomial"] += 1
    result = pd.DataFrame({"intervals": [total, total], "contained": [counts["bootstrap"], counts["Beta-binomial"]]},
                          index=["bootstrap", "Beta-binomial"])
    result["coverage"] = result["contained"] / result["intervals"]
    return result
