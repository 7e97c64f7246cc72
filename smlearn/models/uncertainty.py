"""Uncertainty: a sample of posts of two types, and how sure the rates measured on it are.

The claim
---------
Source C says the returns of social media are measured with analytics, and are not simple.
One reason they are not: a rate measured on the posts you have (engagement, clicks, sales;
:mod:`smlearn.models.returns` defines them) is a sample, and with few posts that differ,
"videos beat photos" is often luck. This model draws such a sample from the course's synthetic
posts, where every post is known and so is the truth, and shows each type's rate with two
intervals round it, so that a learner sees when a difference between two kinds of post is real
and when it is not.

The model
---------
:func:`simulate` draws ``sample_size`` posts of each of two types at random (``seed`` says which
sample), measures a metric for each type, and puts two 95 % intervals round it:

- the *percentile bootstrap* of the ratio of sums (:mod:`smlearn.models.bootstrap`): what most
  tools show, and too narrow on few posts that differ;
- the *weighted-mean interval* (:mod:`smlearn.models.rate_intervals`): the posts' own rates
  averaged with weights, a spread measured from the posts and Student's t; it keeps its level.

Each is set beside the truth it tries to find, over every post of that type, and the chance that
type B's mean rate beats type A's is given. :func:`interval_coverage` counts, over many samples,
how often each interval holds its truth.

**Below 10 posts (:data:`MIN_POSTS`) no interval for a rate is trustworthy**: the spread
between posts, which sets the width, is itself guessed from too few posts (with very varied
posts coverage falls to about 92 % at 5 posts, and the intervals are too wide to decide
anything). The result says so (``trustworthy=False``). Rows with a missing cell are never read
as zeros: they are left out and counted (``missing``).

How often the intervals hold the truth on fresh simulated posts, and how many posts it takes to
see a real gap, is measured in :mod:`smlearn.models.interval_studies`.

Every setting in :data:`PARAMS` is the learner's choice (a metric, two post types, a sample size,
a level), not a measured value.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the posts measured are ``find-broadcast``: seen,
liked and shared by an audience that found them.

Examples
--------
>>> from smlearn import data
>>> from smlearn.models import uncertainty
>>> run = uncertainty.simulate(data.load("post_metrics"), sample_size=30, seed=0)
>>> run.table[["type", "posts"]].values.tolist(), round(run.prob_b_better, 2)
([['photo', 30], ['video', 30]], 0.99)
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smlearn.models._bootstrap import _percentile
from smlearn.models._posts import _check_posts, _counts, _ratio
from smlearn.models.engines import intervals as interval_engine   # the weighted-mean interval of one or many data sets
from smlearn.models.returns import METRIC, METRICS
from smlearn.params import Choice, FrozenParams, Param, check_params, check_resamples, check_seed, defaults_from
from smlearn.profile import apply_profile
from smlearn.vocabulary import POST_TYPES

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["FRAME_CELLS", "PARAMS", "MIN_POSTS", "COLUMNS", "TypeEstimates", "simulate", "interval_coverage"]

PARAMS: dict[str, Param | Choice] = apply_profile("uncertainty", {p.name: p for p in [
    METRIC,
    Choice("type_a", "photo", POST_TYPES, "Post type A", "The first kind of post to compare."),
    Choice("type_b", "video", POST_TYPES, "Post type B", "The second kind of post to compare."),
    Param("sample_size", 10, 3, 90, 1, "Posts per type", "posts",
          "How many posts of each type are drawn from the data set (your sample)."),
    Param("level", 0.95, 0.5, 0.99, 0.01, "Interval level", "share",
          "How sure the intervals are meant to be (0.95 = 95 %)."),
]})

# Below this many posts no interval for a rate is trustworthy: a 95 % interval from fewer posts
# can hold the truth far less often than 95 %, because the spread between posts (which decides
# the interval's width) is itself guessed from too few posts. Measured by simulation in
# tests/models/test_uncertainty_coverage.py and lesson 08.
MIN_POSTS = 10


# The columns of TypeEstimates.table, one row per group (A, B).
COLUMNS = ("group", "type", "posts", "estimate", "boot_low", "boot_high", "weighted_estimate", "weighted_low", "weighted_high",
           "truth", "weighted_truth")


@dataclass(frozen=True)
class TypeEstimates:
    """A sample of posts of two types, each type's rate with two intervals (see :func:`simulate`).

    Attributes
    ----------
    table : pandas.DataFrame
        Two rows (A, B) with the columns :data:`COLUMNS`: group, type, posts, estimate (ratio of
        sums), boot_low, boot_high (the percentile bootstrap interval), weighted_estimate (the weighted
        mean of the sample's posts' rates), weighted_low, weighted_high (its interval), truth (the ratio of
        sums over every post of that type: what the estimate and the bootstrap try to find) and
        weighted_truth (the same weighted mean over every post of that type: what the weighted-mean
        interval tries to find).
    params : FrozenParams
        The checked settings (:data:`PARAMS`).
    prob_b_better : float
        Probability that type B's mean rate is higher than type A's (:func:`~smlearn.models.rate_intervals.compare_types`' t
        approximation).
    missing : int
        Rows of the posts left out because a cell of the metric's columns was missing.
    trustworthy : bool
        False below :data:`MIN_POSTS` posts of each type.
    """

    table: pd.DataFrame
    params: FrozenParams
    prob_b_better: float
    missing: int
    trustworthy: bool


@defaults_from(PARAMS)
def simulate(posts, *, metric, type_a, type_b, sample_size, level, n_resamples=1000, seed=None) -> TypeEstimates:
    """Draw a sample of posts of two types and estimate a metric for each, with intervals.

    From the posts of each of two types, ``sample_size`` posts are drawn at random (your
    sample). For each type the function returns the ratio of sums with the plain percentile
    bootstrap interval (what most tools show; too narrow on few posts), the weighted mean of
    the posts' rates with the interval of :func:`~smlearn.models.rate_intervals.rate_interval` (which keeps its level from
    :data:`MIN_POSTS` posts up), the truth each tries to find (both over every post of the
    type), and the probability that type B's mean rate beats type A's (from
    :func:`~smlearn.models.rate_intervals.compare_types`' t approximation). Rows with a missing cell in the metric's columns
    are left out before sampling and counted in ``missing``; ``trustworthy`` is False below
    :data:`MIN_POSTS` posts. For the same type twice, both rows come from two separate samples
    of it: they share no post when there are enough posts of that type, and only as many as
    they must when there are not.

    One generator, made from ``seed``, draws the posts and the bootstrap's resamples, so the
    same seed always gives the same sample and another seed another sample.

    Parameters
    ----------
    posts : pandas.DataFrame
        All posts (e.g. ``data.load("post_metrics")``).
    metric : str
        The rate measured: one of the metrics of :data:`PARAMS` (``"engagement_rate_reach"``, ...).
    type_a : str
        The first kind of post (one of :data:`smlearn.vocabulary.POST_TYPES`).
    type_b : str
        The second kind of post; may be ``type_a`` again (two samples of one type).
    sample_size : int, posts
        How many posts of each type are drawn (3 to 90).
    level : float, share
        How sure the intervals are meant to be (0.5 to 0.99; 0.95 = 95 %).
    n_resamples : int, default 1000
        Bootstrap resamples (100 to 100,000).
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the one generator behind the sample and the resamples.

    Returns
    -------
    TypeEstimates

    Raises
    ------
    TypeError, ValueError
        If an argument is not allowed, or there are fewer posts of a type than
        ``sample_size``.

    Examples
    --------
    >>> from smlearn import data
    >>> run = simulate(data.load("post_metrics"), sample_size=10, seed=0)
    >>> run.table[["type", "posts", "estimate", "boot_low", "boot_high", "weighted_low", "weighted_high"]].round(4)
        type  posts  estimate  boot_low  boot_high  weighted_low  weighted_high
    0  photo     10    0.0471    0.0406     0.0559    0.0414     0.0602
    1  video     10    0.0745    0.0648     0.0831    0.0590     0.0841
    """
    p = check_params(PARAMS, {"metric": metric, "type_a": type_a, "type_b": type_b, "sample_size": sample_size,
                              "level": level})
    numerator, denominator, _ = METRICS[p["metric"]]
    _check_posts(posts, ["type", numerator, denominator])
    # Rows with a missing cell are left out (and counted); the rest become plain arrays once.
    complete = (posts[numerator].notna() & posts[denominator].notna()).to_numpy()
    missing = int((~complete).sum())
    all_s, all_n, _ = _counts(posts, numerator, denominator)
    types = posts["type"].to_numpy()[complete]
    n_resamples = check_resamples(n_resamples)
    rng = check_seed(seed)
    if not (seed is None or isinstance(seed, np.random.Generator)):
        # An integer seed k seeds the generator with (k, 2025): lesson 08's samples were drawn so, and stay the same.
        rng = np.random.default_rng([int(seed), 2025])
    chosen = {}
    same = p["type_a"] == p["type_b"]
    for group, kind in (("A", p["type_a"]), ("B", p["type_b"])):
        available = np.flatnonzero(types == kind)
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
    rows, fits = [], {}
    for group, kind in (("A", p["type_a"]), ("B", p["type_b"])):
        s, n = all_s[chosen[group]], all_n[chosen[group]]
        boot_low, boot_high = _percentile(s, n, rng, n_resamples, p["level"])
        fits[group] = interval_engine.mean_and_variance(s[None, :], n[None, :], p["level"])
        mean, weighted_low, weighted_high, _, _ = (float(x[0]) for x in fits[group][3])
        everything = types == kind
        # The weighted-mean interval's truth: the same weighted mean, over every post of the type.
        weighted_truth = float(interval_engine.weighted_mean_interval(all_s[everything][None, :], all_n[everything][None, :], p["level"])[0][0])
        rows.append({
            "group": group, "type": kind, "posts": len(s), "estimate": _ratio(s.sum(), n.sum()),
            "boot_low": boot_low, "boot_high": boot_high, "weighted_estimate": mean, "weighted_low": weighted_low,
            "weighted_high": weighted_high,
            "truth": _ratio(all_s[everything].sum(), all_n[everything].sum()), "weighted_truth": weighted_truth,
        })
    return TypeEstimates(table=pd.DataFrame(rows, columns=list(COLUMNS)), params=FrozenParams(p),
                         prob_b_better=float(interval_engine.difference(fits["A"], fits["B"], p["level"])[0][0]),
                         missing=missing, trustworthy=p["sample_size"] >= MIN_POSTS)


@defaults_from(PARAMS)
def interval_coverage(posts, *, metric, type_a, type_b, sample_size,
                      samples=100, level):
    """How often the intervals of :func:`simulate` contain the truth, over many samples.

    A 95 % interval should contain the true value in about 95 of 100 samples. Because
    the data set is synthetic, the truth over every post of a type is known, so this can be
    counted: each of ``samples`` samples (seeds 0, 1, 2, ...) gives two intervals of each
    kind, one per post type. Each kind is checked against the quantity it estimates: the
    bootstrap against the ratio of sums over every post (``truth``), the weighted-mean interval
    against the weighted mean over every post (``weighted_truth``). The samples overlap (they are
    drawn from the same few hundred posts), so the count is not 200 independent tries and no
    binomial band applies to it: :func:`~smlearn.models.interval_studies.coverage_check` on fresh simulated pages is the test.

    Parameters
    ----------
    posts : pandas.DataFrame
        All posts (e.g. ``data.load("post_metrics")``).
    metric : str
        The rate measured, as in :func:`simulate`.
    type_a : str
        The first kind of post, as in :func:`simulate`.
    type_b : str
        The second kind of post, as in :func:`simulate`.
    sample_size : int, posts
        How many posts of each type each sample has.
    level : float, share
        How sure the intervals are meant to be.
    samples : int, default 100
        How many samples to draw (1 to 100: seeds 0, 1, 2, ...).

    Returns
    -------
    pandas.DataFrame
        One row per kind of interval ('bootstrap', 'weighted mean'), with columns
        intervals (how many were drawn), contained (how many held the truth) and
        coverage (contained / intervals).

    Raises
    ------
    TypeError, ValueError
        If an argument is not allowed.

    Examples
    --------
    With 10 posts of each type the percentile bootstrap holds the truth far less often than
    95 %; the weighted-mean interval comes close:

    >>> from smlearn import data
    >>> interval_coverage(data.load("post_metrics"), sample_size=10)
                   intervals  contained  coverage
    bootstrap            200        170     0.850
    weighted mean        200        187     0.935
    """
    if isinstance(samples, bool) or not isinstance(samples, numbers.Integral) or not 1 <= samples <= 100:
        raise ValueError(f"samples must be a whole number from 1 to 100; got {samples!r}")
    counts = {"bootstrap": 0, "weighted mean": 0}
    total = 0
    for sample in range(samples):
        run = simulate(posts, metric=metric, type_a=type_a, type_b=type_b, sample_size=sample_size,
                       level=level, seed=sample)
        for row in run.table.itertuples():
            total += 1
            if row.boot_low <= row.truth <= row.boot_high:
                counts["bootstrap"] += 1
            if row.weighted_low <= row.weighted_truth <= row.weighted_high:
                counts["weighted mean"] += 1
    result = pd.DataFrame({"intervals": [total, total], "contained": [counts["bootstrap"], counts["weighted mean"]]},
                          index=["bootstrap", "weighted mean"])
    result["coverage"] = result["contained"] / result["intervals"]
    return result
