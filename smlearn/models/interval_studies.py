"""Interval studies: simulated posts with a known truth, to count how often an interval holds it.

The course's own posts are one data set; an interval's level is a promise about many. Here posts
like a real page's export are made with a known true rate (:func:`simulate_posts`), so that it can
be counted how often :func:`smlearn.models.rate_intervals.rate_interval`'s 95 % interval holds the
truth (:func:`coverage_check`), and how often the comparison of two types sees a real gap
between them (:func:`detection_rate`, the *power* of the comparison).

The rules
---------
Each post's true rate is drawn from a Beta distribution with mean ``rate`` and standard deviation
``spread * rate``; its reach from a log-normal with median ``reach`` and log-standard deviation
``reach_spread``; its successes are binomial. Every default is illustrative, close to the course's
synthetic posts and a real account's export (lesson 08).

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the posts simulated are ``find-broadcast``: seen,
liked and shared by an audience that found them.

Examples
--------
>>> from smlearn.models import interval_studies
>>> interval_studies.coverage_check(30, data_sets=200, seed=1)["coverage"] > 0.9
True
"""

from __future__ import annotations

import numbers

import numpy as np

from smlearn.models.engines import intervals as interval_engine   # the weighted-mean interval of many data sets at once
from smlearn.models import uncertainty   # the model: its PARAMS hold the settings a class changes
from smlearn.params import Param, check_level, check_params, check_seed, defaults_from

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["FRAME_CELLS", "simulate_posts", "coverage_check", "DETECTION_PARAMS", "detection_rate"]


def simulate_posts(n_posts, *, rate=0.05, spread=0.5, reach=800, reach_spread=1.0, data_sets=1, seed=None):
    """Simulated posts with a known true mean rate, like a real page's export.

    Each post's true rate is drawn from a Beta distribution with mean ``rate`` and standard
    deviation ``spread * rate``; its reach from a log-normal with median ``reach`` and
    log-standard deviation ``reach_spread`` (1.0 spreads the middle 95 % of posts over about
    a factor of 50, as in real page exports); its successes are binomial.

    Parameters
    ----------
    n_posts : int, posts
        Posts in each data set (2 to 100,000).
    rate : float, share
        The true mean rate of the posts (above 0, below 1).
    spread : float, share of the mean
        How much the posts' true rates differ (standard deviation / mean; 0.5 is wider than
        :data:`DETECTION_PARAMS`' 0.3, to test the intervals hard).
    reach : float, people
        The median reach of a post.
    reach_spread : float, log-sd
        How unequal the posts' reach is.
    data_sets : int
        How many data sets to simulate (1 to 100,000), one per row.
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the one generator behind the posts.

    Returns
    -------
    tuple of numpy.ndarray
        ``(successes, trials)``, each of shape ``(data_sets, n_posts)``.

    Examples
    --------
    >>> s, n = simulate_posts(10, data_sets=3, seed=1)
    >>> s.shape, bool((s <= n).all())
    ((3, 10), True)
    """
    for name, value, low, high in (("n_posts", n_posts, 2, 100_000), ("data_sets", data_sets, 1, 100_000)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= value <= high:
            raise ValueError(f"{name} must be a whole number from {low} to {high}; got {value!r}")
    for name, value, low, high in (("rate", rate, 0, 1), ("spread", spread, 0, 10), ("reach", reach, 1, 1e7),
                                   ("reach_spread", reach_spread, 0, 3)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not low < value < high:
            raise ValueError(f"{name} must be a number above {low} and below {high}; got {value!r}")
    variance = (spread * rate) ** 2
    if variance >= rate * (1 - rate):
        raise ValueError(f"spread={spread} is too large for rate={rate}: the rates' spread must be below "
                         f"sqrt((1 - rate) / rate) = {np.sqrt((1 - rate) / rate):.2f}")
    rng = check_seed(seed)
    size = (data_sets, n_posts)
    trials = np.maximum(1, np.round(reach * np.exp(reach_spread * rng.standard_normal(size))))
    strength = rate * (1 - rate) / variance - 1
    true_rates = rng.beta(rate * strength, (1 - rate) * strength, size=size)
    successes = rng.binomial(trials.astype(np.int64), true_rates).astype(float)
    return successes, trials


@defaults_from(uncertainty.PARAMS)
def coverage_check(n_posts, *, rate=0.05, spread=0.5, reach=800, reach_spread=1.0, data_sets=200, level, seed=0):
    """Simulate ``data_sets`` sets of ``n_posts`` posts with a known true rate and count how
    often :func:`~smlearn.models.rate_intervals.rate_interval`'s interval holds it.

    Parameters
    ----------
    n_posts : int, posts
        Posts in each data set (2 to 100,000).
    rate : float, share
        The true mean rate of the posts (above 0, below 1).
    spread : float, share of the mean
        How much the posts' true rates differ (standard deviation / mean).
    reach : float, people
        The median reach of a post.
    reach_spread : float, log-sd
        How unequal the posts' reach is.
    data_sets : int
        How many data sets to simulate (1 to 100,000).
    level : float, share
        The interval's level (0.95 = 95 %).
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the one generator behind the posts.

    Returns
    -------
    dict
        ``{"data_sets", "covered", "coverage", "truth"}``.

    Examples
    --------
    >>> coverage_check(10, data_sets=200, seed=0)["covered"]
    190
    """
    level = check_level(level)
    s, n = simulate_posts(n_posts, rate=rate, spread=spread, reach=reach, reach_spread=reach_spread,
                          data_sets=data_sets, seed=seed)
    _, low, high, _, _, _ = interval_engine.weighted_mean_interval(s, n, level)
    covered = int(((low <= rate) & (rate <= high)).sum())
    return {"data_sets": data_sets, "covered": covered, "coverage": covered / data_sets, "truth": rate}


# ---- How many posts does it take to see a real difference? ------------------------------------

DETECTION_PARAMS: dict[str, Param] = {p.name: p for p in [
    Param("posts", 10, 3, 100, 1, "Posts per type", "posts",
          "How many posts of each type the sample has."),
    Param("lift", 1.2, 1.0, 1.6, 0.02, "Video rate / photo rate", "ratio",
          "How much better videos truly engage than photos (1.2: 6 % against 5 %, as the course data were made)."),
    Param("spread", 0.3, 0.05, 0.8, 0.05, "Spread of post rates", "share of the mean",
          "How much the true rates of posts of one type differ (standard deviation / mean)."),
    Param("reach_spread", 0.7, 0.1, 1.5, 0.05, "Spread of reach", "log-sd",
          "How unequal the posts' reach is (log-standard deviation; 0.7 spreads the middle 95 % over about 15x)."),
]}


@defaults_from(DETECTION_PARAMS | {"level": uncertainty.PARAMS["level"]})
def detection_rate(posts, lift, spread, reach_spread, *, rate=0.05, data_sets=300, level, seed=0):
    """Share of simulated samples in which :func:`~smlearn.models.rate_intervals.compare_types`' method
    shows that videos engage more than photos (the interval of the difference lies wholly above zero).

    Photos truly engage ``rate`` of the people they reach, videos ``lift * rate``; posts are
    drawn with :func:`simulate_posts`. This is the *power* of the comparison: with few posts a
    real gap is usually missed, which is what an honest interval should do.

    Parameters
    ----------
    posts : int, posts
        Posts of each type in a sample.
    lift : float, ratio
        Videos' true rate / photos' true rate (1.0: no gap).
    spread : float, share of the mean
        How much the true rates of posts of one type differ.
    reach_spread : float, log-sd
        How unequal the posts' reach is.
    rate : float, share
        Photos' true rate.
    data_sets : int
        How many samples to simulate.
    level : float, share
        The level of the interval of the difference.
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the one generator behind every sample.

    Returns
    -------
    float
        The share of samples that show the gap.

    Examples
    --------
    >>> round(detection_rate(posts=10), 2), round(detection_rate(posts=100), 2)
    (0.21, 0.98)
    """
    s = check_params(DETECTION_PARAMS, {"posts": posts, "lift": lift, "spread": spread, "reach_spread": reach_spread})
    level = check_level(level)
    rng = check_seed(seed)
    fits = []
    for true_rate in (rate, rate * s["lift"]):
        successes, trials = simulate_posts(s["posts"], rate=true_rate, spread=s["spread"],
                                           reach_spread=s["reach_spread"], data_sets=data_sets, seed=rng)
        fits.append(interval_engine.mean_and_variance(successes, trials, level))
    _, (low, _) = interval_engine.difference(fits[0], fits[1], level)
    return float((low > 0).mean())
