r"""Ranking by votes: five rules, a front page, and a ring of fake votes.

The claim
---------
Source B says social media uses **the wisdom of crowds**: people decide what matters by
voting on it, sharing it and commenting on it. It adds that **seeking votes is
cheating** (Source D says the same of comments). A site turns votes into a front page
with a *ranking rule*, and the rule decides how much the crowd's wisdom (and a
cheater's fake votes) counts. This module gives five published rules, a front page on
which they compete, and a vote ring that lifts weak items (its detection is in
:mod:`smlearn.models.vote_rings`).

The five rules
--------------
For an item with ``u`` up-votes and ``d`` down-votes:

*Net score* (a plain "top" list): :math:`s = u - d`.

*Hot*, the rule Reddit published in its source code (2005-2016). The order of magnitude
of the net score, plus a bonus that grows with the time the item was submitted:

.. math::

    \text{hot} = \operatorname{sign}(s)\,\log_{10}\max(|s|, 1) + \frac{t_\text{submitted}}{45000}

with :math:`t_\text{submitted}` in seconds. 45,000 s is 12.5 hours: an item submitted
12.5 hours later needs only a tenth of the net votes to rank level.

*Gravity (simplified)*, the form that blog posts and many clones give for Hacker
News's rule. Points ``p`` (up-votes minus down-votes plus the submitter's own vote) sink
with age in hours:

.. math::

    \text{gravity\_simple} = \frac{p - 1}{(\text{age} + 2)^{G}}, \qquad G = 1.8

*Hacker News*, the rule as Paul Graham's published Arc code has it (``frontpage-rank``
in ``news.arc``): the same, except that a positive ``p - 1`` is raised to the power 0.8
first, so extra votes count for a little less:

.. math::

    \text{hn\_arc} = \frac{b}{(\text{age} + 2)^{G}}, \qquad
    b = \begin{cases} (p - 1)^{0.8} & p - 1 > 0 \\ p - 1 & \text{otherwise} \end{cases}

(the Arc code measures age in minutes and adds 120 of them, which is the same as hours
plus 2). The two agree on items of the same age, and whenever ``p - 1 <= 0``; for
items of different ages with ``p - 1 > 0`` the Hacker News rule orders them as the
simplified one would with :math:`G = 1.8 / 0.8 = 2.25` (raising a positive score to a
power keeps its order), so age counts for more. The Arc code also multiplies by
penalties (for posts without a link, "lightweight" posts and flame-war threads) that
this model leaves out, having no such posts.

*Wilson lower bound*: a cautious estimate of the share of up-votes, the lower end of the
Wilson score interval for a proportion (``n = u + d``, ``z`` the normal quantile of the
confidence level, 1.96 for 95 %):

.. math::

    \text{wilson} = \frac{\hat p + \frac{z^2}{2n} - z\sqrt{\frac{\hat p(1-\hat p)}{n} + \frac{z^2}{4n^2}}}
                         {1 + \frac{z^2}{n}}, \qquad \hat p = \frac{u}{n}

It ignores time and is 0 for an item with no votes.

The front page
--------------
Time goes in hours. ``items_per_hour`` new items arrive each hour, each with a hidden
quality ``q``, drawn from a Beta(2, 5) distribution (mean 0.29): the chance that a
reader who looks at it likes it. Each hour the site ranks every item so far by the
rule (ties: newest first) and ``voters_per_hour`` readers visit. Attention falls with
position ``k`` on the page (only the first ``page_size`` positions are seen):

.. math::

    P(\text{a reader looks at position } k) = \text{top\_attention} \cdot k^{-\text{attention\_decay}}

A reader who looks votes up with probability ``q``; one who does not like it votes
down with probability ``down_rate``. So views ~ Binomial(readers, attention), ups ~
Binomial(views, q) and downs ~ Binomial(views - ups, down_rate).

The vote ring
-------------
Three mediocre items (quality ``target_quality``) are the *targets*: the first items
submitted at a quarter, half and three quarters of the horizon. With
``manipulation=True`` a ring of ``ring_size`` accounts up-votes each target in the hour
it is submitted; with ``manipulation=False`` the same targets get only honest votes, so
the same seed with and without the ring shows what the fake votes did
(:func:`manipulation_effect`). Who cast the votes, and how a site can catch the ring, is
the topic of :mod:`smlearn.models.vote_rings`.

Every default is ILLUSTRATIVE (a busy small site), not measured. The rules are the
published ones.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) a front page ranked by votes is
``find-broadcast``: strangers find posts through it. The vote ring is ``ties-broadcast``:
one request to upvote, sent to a circle of friends.

References
----------
.. [1] Reddit (2005-2016), ``r2/r2/lib/db/_sorts.pyx``, function ``hot``; explained by
   A. Salihefendic, "How Reddit ranking algorithms work" (2010).
.. [2] P. Graham, ``news.arc`` (Hacker News, in the Arc language's published source),
   function ``frontpage-rank``; the simplified form as explained by A. Salihefendic,
   "How Hacker News ranking algorithm works" (2010).
.. [3] E. B. Wilson, "Probable inference, the law of succession, and statistical
   inference", J. Am. Stat. Assoc. 22(158), 209-212 (1927); E. Miller, "How not to
   sort by average rating" (2009).

Examples
--------
>>> from smlearn.models import ranking
>>> round(float(ranking.hot(110, 10, 0)), 3)        # 100 net votes: order of magnitude 2
2.0
>>> result = ranking.simulate(manipulation=True, seed=1)
>>> ranking.manipulation_summary(result)["best_rank"].tolist()   # each target's best place
[1, 2, 1]
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smlearn.params import Choice, FrozenParams, Param, check_items, check_params, check_seed, defaults_from
from smlearn.profile import apply_profile

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast", "ties-broadcast")

__all__ = ["simulate", "RULES", "PARAMS", "net_score", "hot", "gravity_simple", "hn_arc", "wilson_lower_bound", "rank_items",
           "FrontPage", "item_summary", "compare_rules", "manipulation_summary", "manipulation_effect",
           "votes_by_age"]

RULES = ("score", "hot", "gravity (simplified)", "hacker news", "wilson")
GRAVITY_RULES = ("gravity (simplified)", "hacker news")   # the rules that use the `gravity` exponent
HN_POINTS_POWER = 0.8   # news.arc raises a positive (points - 1) to this power
HOT_SECONDS = 45000.0   # Reddit: 12.5 hours per factor of ten in net votes
WILSON_Z = 1.959963984540054   # the normal quantile for a two-sided 95 % interval

_PARAM_LIST = [
    Choice("rule", "hot", RULES, "Ranking rule",
           "How the site orders items: net score, Reddit's hot, the simplified gravity rule, Hacker News's"
           " published rule or the Wilson lower bound."),
    Param("hours", 72, 12, 168, 1, "Horizon", "hours",
          "How many hours of the site to simulate."),
    Param("items_per_hour", 2, 1, 10, 1, "New items", "items/hour",
          "How many new items are submitted each hour."),
    Param("voters_per_hour", 100, 0, 1000, 10, "Readers", "readers/hour",
          "How many readers visit the front page each hour."),
    Param("page_size", 30, 5, 100, 1, "Front page size", "positions",
          "How many positions of the ranked list readers can see."),
    Param("top_attention", 0.5, 0.05, 1.0, 0.05, "Attention at the top", "share of readers",
          "Share of readers who look at the item in position 1."),
    Param("attention_decay", 1.0, 0.0, 2.0, 0.1, "Attention decay", "exponent",
          "How fast attention falls with position k: attention is proportional to k to the minus this power."),
    Param("down_rate", 0.1, 0.0, 1.0, 0.05, "Down-vote rate", "share",
          "Share of readers who look at an item, do not like it, and vote it down."),
    Param("gravity", 1.8, 0.0, 3.0, 0.1, "Gravity", "exponent",
          "How fast age pulls items down under the two gravity rules (Hacker News uses 1.8)."),
    Choice("manipulation", False, (False, True), "Vote ring",
           "Whether a ring of accounts up-votes three mediocre items as soon as they are submitted."),
    Param("ring_size", 20, 0, 100, 1, "Ring size", "accounts",
          "How many accounts the vote ring has; each casts one fake up-vote on each target."),
    Param("target_quality", 0.1, 0.0, 1.0, 0.05, "Quality of the targets", "0 to 1",
          "The hidden quality of the three items the ring targets (the average item has 0.29)."),
]
PARAMS: dict[str, Param | Choice] = apply_profile("ranking", {p.name: p for p in _PARAM_LIST})


# ---- The five rules ---------------------------------------------------------------------

def _votes(name, value):
    """``value`` as a float array of vote counts, or a clear error naming ``name``."""
    try:   # a string, a mapping, None or True is not a count, even where numpy would take it
        flag = isinstance(value, bool) or np.asarray(value).dtype.kind == "b"
        bad = flag or value is None or isinstance(value, (str, bytes, dict)) or type(value).__name__ == "DataFrame"
        array = None if bad else np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        array = None
    if array is None or array.dtype.kind not in "fiu":
        raise TypeError(f"{name} must be a number or an array of numbers; got {value!r}")
    if array.size == 0:
        raise ValueError(f"{name} must be a non-empty list of counts (or one count); got an empty {type(value).__name__}")
    if np.isnan(array).any():
        raise ValueError(f"{name} must not contain NaN; got {value!r}")
    if (array < 0).any():
        raise ValueError(f"{name} must be >= 0 (counts of votes or hours); got {value!r}")
    if np.isinf(array).any():
        raise ValueError(f"{name} must be finite; got {value!r}")
    return array


def net_score(ups, downs):
    """Up-votes minus down-votes: the plain "top" rule.

    Parameters
    ----------
    ups, downs : number or array of numbers >= 0
        Up- and down-votes of each item.

    Returns
    -------
    numpy.ndarray or float

    Raises
    ------
    TypeError
        If a count is not a number.
    ValueError
        If a count is negative, NaN or infinite.

    Examples
    --------
    >>> net_score([10, 3], [2, 5]).tolist()
    [8.0, -2.0]
    """
    return _votes("ups", ups) - _votes("downs", downs)


def hot(ups, downs, submitted_seconds):
    """Reddit's "hot" rule: the order of magnitude of the net score plus a freshness bonus.

    ``sign(s) * log10(max(|s|, 1)) + submitted_seconds / 45000`` with ``s = ups - downs``.

    Parameters
    ----------
    ups, downs : number or array of numbers >= 0
        Up- and down-votes of each item.
    submitted_seconds : number or array of numbers >= 0
        When each item was submitted, in seconds since a fixed start (Reddit used
        8 December 2005; any fixed start gives the same order).

    Returns
    -------
    numpy.ndarray or float
        Bigger is higher on the page.

    Raises
    ------
    TypeError, ValueError
        As for :func:`net_score`, for any of the three inputs.

    Examples
    --------
    Ten times the net votes is worth one unit, the same as 12.5 hours of freshness:

    >>> hot([11, 101], [1, 1], [0, 0]).tolist()
    [1.0, 2.0]
    >>> float(hot(1, 0, 45000))      # one vote, submitted 12.5 hours after the start
    1.0

    A net score below zero counts against the item:

    >>> float(hot(0, 100, 0))
    -2.0
    """
    s = net_score(ups, downs)
    seconds = _votes("submitted_seconds", submitted_seconds)
    return _hot(s, seconds)


def _hot(s, seconds):
    """The hot formula itself, for a net score ``s`` (no input checks: also the simulation's hot loop)."""
    return np.sign(s) * np.log10(np.maximum(np.abs(s), 1)) + seconds / HOT_SECONDS


@defaults_from(PARAMS)
def gravity_simple(points, age_hours, *, gravity):
    """The simplified gravity rule: ``(points - 1) / (age_hours + 2) ** gravity``.

    This is the form most write-ups give as "the Hacker News algorithm" (e.g.
    Salihefendic 2010). The published Arc code differs: it raises a positive
    ``points - 1`` to the power 0.8 (see :func:`hn_arc`). The two order items of the same
    age alike but can order items of different ages differently.

    Parameters
    ----------
    points : number or array of numbers >= 0
        The item's points: up-votes minus down-votes plus the submitter's own vote
        (so a fresh item has 1 point and a score of 0).
    age_hours : number or array of numbers >= 0
        Hours since the item was submitted.
    gravity : float, default 1.8
        How fast age pulls items down; between 0 and 3.

    Returns
    -------
    numpy.ndarray or float

    Raises
    ------
    TypeError, ValueError
        As for :func:`net_score`; also if ``gravity`` is outside [0, 3].

    Examples
    --------
    Fifty points, submitted three hours ago: 49 / 5 ** 1.8

    >>> round(float(gravity_simple(50, 3)), 4)
    2.7043
    >>> round(49 / 5 ** 1.8, 4)
    2.7043
    """
    g = PARAMS["gravity"].check(gravity)
    p = _votes("points", points)
    age = _votes("age_hours", age_hours)
    return _gravity_simple(p - 1, age, g)


def _gravity_simple(base, age, g):
    """The simplified gravity formula for ``base = points - 1`` (no input checks)."""
    return base / (age + 2) ** g


@defaults_from(PARAMS)
def hn_arc(points, age_hours, *, gravity):
    """Hacker News's rule as its published Arc code has it (``frontpage-rank`` in ``news.arc``).

    ``b / (age_hours + 2) ** gravity`` with ``b = (points - 1) ** 0.8`` when
    ``points - 1 > 0`` and ``b = points - 1`` otherwise. The Arc code counts age in minutes
    plus 120, divided by 60: the same as hours plus 2. It also multiplies by penalties
    for some kinds of post (no link, "lightweight", flame wars) that the model leaves out.

    What differs from :func:`gravity_simple`: only the power 0.8. Items of the same age
    are ordered alike; an item whose points are 1 or less scores the same under both; two
    items of different ages with more than 1 point are ordered as the simplified rule
    would order them with gravity ``gravity / 0.8`` (2.25 for the default), so age weighs
    more and a big old item falls behind a fresh one sooner.

    Parameters
    ----------
    points : number or array of numbers >= 0
        The item's points: up-votes minus down-votes plus the submitter's own vote.
    age_hours : number or array of numbers >= 0
        Hours since the item was submitted.
    gravity : float, default 1.8
        The ageing exponent (news.arc's ``gravity*``); between 0 and 3.

    Returns
    -------
    numpy.ndarray or float

    Raises
    ------
    TypeError, ValueError
        As for :func:`net_score`; also if ``gravity`` is outside [0, 3].

    Examples
    --------
    Fifty points, three hours old: 49 ** 0.8 / 5 ** 1.8

    >>> round(float(hn_arc(50, 3)), 4)
    1.2417
    >>> round(49 ** 0.8 / 5 ** 1.8, 4)
    1.2417

    An item with 100 points, 10 hours old, against one with 20 points, 3 hours old: the
    simplified rule puts the big old one first, the Hacker News rule the fresh one.

    >>> gravity_simple([100, 20], [10, 3]).round(3).tolist()      # 99 / 12 ** 1.8, 19 / 5 ** 1.8
    [1.13, 1.049]
    >>> hn_arc([100, 20], [10, 3]).round(3).tolist()              # 99 ** 0.8 / 12 ** 1.8, 19 ** 0.8 / 5 ** 1.8
    [0.451, 0.582]
    """
    g = PARAMS["gravity"].check(gravity)
    p = _votes("points", points)
    age = _votes("age_hours", age_hours)
    return _hn_arc(p - 1, age, g)


def _hn_arc(base, age, g):
    """The news.arc formula for ``base = points - 1`` (no input checks: also the simulation's hot loop)."""
    # A positive base is raised to 0.8; zero or a negative base is used as it is.
    powered = np.maximum(base, 0.0) ** HN_POINTS_POWER + np.minimum(base, 0.0)
    return powered / (age + 2) ** g


def wilson_lower_bound(ups, downs, *, z=WILSON_Z):
    """The lower end of the Wilson score interval for the share of up-votes (0 with no votes).

    Parameters
    ----------
    ups, downs : number or array of numbers >= 0
    z : float, default 1.96
        The normal quantile of the confidence level (1.96 for 95 %); > 0.

    Returns
    -------
    numpy.ndarray or float
        Between 0 and 1.

    Raises
    ------
    TypeError, ValueError
        As for :func:`net_score`; also if ``z`` is not a positive number.

    Examples
    --------
    Nine up-votes out of ten looks better than 90 out of 100 only to a naive average;
    with more votes we can be surer, so the bound is higher:

    >>> wilson_lower_bound([9, 90], [1, 10]).round(3).tolist()
    [0.596, 0.826]
    >>> float(wilson_lower_bound(0, 0))
    0.0
    """
    if isinstance(z, bool) or not isinstance(z, numbers.Real) or not z > 0 or not np.isfinite(z):
        raise ValueError(f"z must be a positive number (1.96 for 95 % confidence); got {z!r}")
    u, d = _votes("ups", ups), _votes("downs", downs)
    return _wilson(u, d, z)[()]


def _wilson(u, d, z):
    """The Wilson lower bound itself (no input checks: also the simulation's hot loop)."""
    n = u + d
    with np.errstate(divide="ignore", invalid="ignore"):   # n = 0 gives 0/0; set to 0 below
        p = u / n
        bound = (p + z * z / (2 * n) - z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)
    return np.where(n > 0, bound, 0.0)


@defaults_from(PARAMS)
def rank_items(ups, downs, submitted_hours, now_hours, *, rule, gravity):
    """Order items by a rule; return the item indices, top of the page first.

    Parameters
    ----------
    ups, downs : array of numbers >= 0
        Votes of each item.
    submitted_hours : array of numbers >= 0
        When each item was submitted, in hours since the start.
    now_hours : number >= 0
        The time now, in hours; not before any submission.
    rule : {"score", "hot", "gravity (simplified)", "hacker news", "wilson"}
    gravity : float, default 1.8
        The ageing exponent of the two gravity rules.

    Returns
    -------
    numpy.ndarray of int
        Item indices, best first. Ties go to the newer item.

    Raises
    ------
    TypeError, ValueError
        If a count or time is negative, NaN or not a number; if there are no items; if
        the arrays differ in length; if ``now_hours`` is before a submission; if ``rule``
        is unknown.

    Examples
    --------
    An old favourite, a fresh item with a few votes, and a brand-new one:

    >>> ups, downs, submitted = [300, 30, 0], [20, 1, 0], [0, 20, 23]
    >>> rank_items(ups, downs, submitted, 24, rule="score").tolist()
    [0, 1, 2]
    >>> rank_items(ups, downs, submitted, 24, rule="gravity (simplified)").tolist()
    [1, 0, 2]
    """
    rule = PARAMS["rule"].check(rule)
    u, d, t = _votes("ups", ups), _votes("downs", downs), _votes("submitted_hours", submitted_hours)
    now = _votes("now_hours", now_hours)
    if u.ndim != 1 or u.size == 0:
        raise ValueError(f"ups must be a non-empty list of vote counts, one per item; got {ups!r}")
    if not u.shape == d.shape == t.shape:
        raise ValueError(f"ups, downs and submitted_hours must have one entry per item; got lengths "
                         f"{u.size}, {d.size} and {t.size}")
    if now.ndim != 0 or now < t.max():
        raise ValueError(f"now_hours must be one number, not before the last submission ({t.max()}); got {now_hours!r}")
    g = PARAMS["gravity"].check(gravity)
    return _order(_scores(u, d, t, float(now), rule, g), t)


def _scores(u, d, t, now, rule, g):
    """The rule's score of every item (no input checks: the simulation's hot loop)."""
    if rule == "score":
        return u - d
    if rule == "hot":
        return _hot(u - d, t * 3600)
    if rule == "gravity (simplified)":
        return _gravity_simple(u - d, now - t, g)   # points - 1 = ups - downs
    if rule == "hacker news":
        return _hn_arc(u - d, now - t, g)
    return _wilson(u, d, WILSON_Z)


def _order(scores, submitted):
    """Indices by score, highest first; ties to the newest (higher submitted)."""
    return np.lexsort((-submitted, -scores))


# ---- The front page ---------------------------------------------------------------------

@dataclass(frozen=True)
class FrontPage:
    """The result of :func:`simulate`.

    Attributes
    ----------
    items : pandas.DataFrame
        One row per item: item, submitted (hour), quality, target (of the ring), ups
        (fake ones included), downs, fake_ups, best_rank, hours_in_top10.
    ranks : numpy.ndarray
        Shape (hours, items): each item's position at the start of each hour (1 = top),
        NaN before it is submitted.
    votes : pandas.DataFrame
        Tidy: one row per item and hour in which it got a vote: hour, item, ups, downs.
    params : FrozenParams
        The checked parameters (read-only).
    """

    items: pd.DataFrame
    ranks: np.ndarray
    votes: pd.DataFrame
    params: FrozenParams


@defaults_from(PARAMS)
def simulate(*, seed=None, **params) -> FrontPage:
    """Simulate a voting site's front page hour by hour under one ranking rule.

    Parameters
    ----------
    rule, hours, ..., target_quality
        The model parameters, all keyword-only; meanings, units and ranges are in
        :data:`PARAMS` (e.g. ``PARAMS["attention_decay"].doc``).
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the one generator used for every draw (qualities, views, votes).

    Returns
    -------
    FrontPage

    Raises
    ------
    TypeError, ValueError
        If a parameter is unknown, of the wrong type or outside its range, or the seed is invalid.

    Examples
    --------
    >>> page = simulate(seed=3)
    >>> page.ranks.shape, len(page.items)        # 72 hours, 2 new items an hour
    ((72, 144), 144)

    Under "hot", good items rise and old ones sink: the item on top after three days is
    less than a day old.

    >>> top = int(np.nanargmin(page.ranks[-1]))
    >>> int(page.items.loc[top, "submitted"]) > 72 - 24
    True
    """
    p = check_params(PARAMS, params)
    rng = check_seed(seed)

    n_items = p["hours"] * p["items_per_hour"]
    submitted = np.repeat(np.arange(p["hours"]), p["items_per_hour"]).astype(float)  # hour each item arrives
    quality = rng.beta(2.0, 5.0, size=n_items)                                      # hidden: chance a viewer likes it
    # The targets: the first item submitted at 1/4, 1/2 and 3/4 of the horizon, all mediocre.
    target = np.zeros(n_items, dtype=bool)
    target[[h * p["items_per_hour"] for h in (p["hours"] // 4, p["hours"] // 2, (3 * p["hours"]) // 4)]] = True
    quality[target] = p["target_quality"]
    ring_votes = p["ring_size"] if p["manipulation"] else 0

    positions = np.arange(1, p["page_size"] + 1)
    attention = np.minimum(p["top_attention"] * positions ** -p["attention_decay"], 1.0)  # per position

    ups = np.zeros(n_items)
    downs = np.zeros(n_items)
    fake = np.zeros(n_items)
    ranks = np.full((p["hours"], n_items), np.nan)
    log_hour, log_item, log_ups, log_downs = [], [], [], []
    for hour in range(p["hours"]):
        here = (hour + 1) * p["items_per_hour"]             # items submitted so far
        new = slice(hour * p["items_per_hour"], here)
        fake[new] = np.where(target[new], ring_votes, 0)     # the ring votes at once
        ups[new] += fake[new]
        order = _order(_scores(ups[:here], downs[:here], submitted[:here], hour, p["rule"], p["gravity"]),
                       submitted[:here])
        ranks[hour, order] = np.arange(1, here + 1)
        seen = order[: p["page_size"]]                      # the items on the front page, top first
        views = rng.binomial(p["voters_per_hour"], attention[: len(seen)])
        new_ups = rng.binomial(views, quality[seen])
        new_downs = rng.binomial(views - new_ups, p["down_rate"])
        ups[seen] += new_ups
        downs[seen] += new_downs
        voted = (new_ups + new_downs) > 0
        log_hour.append(np.full(voted.sum(), hour))
        log_item.append(seen[voted])
        log_ups.append(new_ups[voted])
        log_downs.append(new_downs[voted])

    in_top10 = np.nan_to_num(ranks, nan=np.inf) <= 10
    items = pd.DataFrame({
        "item": np.arange(n_items), "submitted": submitted.astype(int), "quality": quality, "target": target,
        "ups": ups.astype(int), "downs": downs.astype(int), "fake_ups": fake.astype(int),
        "best_rank": np.nanmin(ranks, axis=0).astype(int), "hours_in_top10": in_top10.sum(axis=0),
    })
    votes = pd.DataFrame({"hour": np.concatenate(log_hour), "item": np.concatenate(log_item),
                          "ups": np.concatenate(log_ups), "downs": np.concatenate(log_downs)})
    return FrontPage(items=items, ranks=ranks, votes=votes, params=FrozenParams(p))



def _check_page(result):
    if not isinstance(result, FrontPage):
        raise TypeError(f"result must be a FrontPage from simulate(); got {type(result).__name__}")


def item_summary(result):
    """How well the page rewards quality: the rank correlation of quality and up-votes.

    Parameters
    ----------
    result : FrontPage

    Returns
    -------
    dict
        ``quality_votes_correlation`` (Spearman, over the items that are not targets; nan when
        every item has the same number of up-votes, as when nobody votes), ``top10_mean_quality``
        (mean quality of the items in the top 10 at the end) and ``mean_quality``.

    Raises
    ------
    TypeError
        If ``result`` is not a FrontPage.

    Examples
    --------
    >>> summary = item_summary(simulate(seed=3))
    >>> summary["top10_mean_quality"] > summary["mean_quality"]     # the crowd does find the good items
    True
    """
    from scipy.stats import spearmanr

    _check_page(result)
    items = result.items[~result.items["target"]]
    final = result.ranks[-1]
    top10 = final <= 10
    varied = items["ups"].nunique() > 1 and items["quality"].nunique() > 1   # else a rank correlation has no meaning
    return {
        "quality_votes_correlation": float(spearmanr(items["quality"], items["ups"]).statistic) if varied else math.nan,
        "top10_mean_quality": float(result.items["quality"].to_numpy()[top10].mean()),
        "mean_quality": float(result.items["quality"].mean()),
    }


def compare_rules(*, rules=RULES, seed=1, **params):
    """Run the front page once under each rule (same seed) and summarise each run in one row.

    Parameters
    ----------
    rules : sequence of str, default all five
    seed : int, default 1
        The same seed for every rule, so the items and their qualities are the same.
    **params
        Any other parameter of :func:`simulate` (not ``rule``).

    Returns
    -------
    pandas.DataFrame
        Indexed by rule: the three columns of :func:`item_summary`, and ``ever_on_page``,
        the share of items that were ever on the page readers see (position
        ``page_size`` or better). An item that never gets there is never seen: the
        simulated site has only the ranked page, no "new" page.

    Raises
    ------
    TypeError, ValueError
        As for :func:`simulate`; also if ``rule`` is given in ``params``.

    Examples
    --------
    Under hot every new item starts on the page; under net score most never get there:

    >>> table = compare_rules(seed=1)
    >>> table["ever_on_page"].round(2).to_dict()
    {'score': 0.34, 'hot': 1.0, 'gravity (simplified)': 0.4, 'hacker news': 0.44, 'wilson': 0.3}
    """
    check_items("rules", rules, what="rule names")
    if "rule" in params:
        raise TypeError("compare_rules runs every rule in `rules`: do not pass `rule`")
    rows = {}
    for rule in rules:
        page = simulate(rule=rule, seed=seed, **params)
        row = item_summary(page)
        row["ever_on_page"] = float((page.items["best_rank"] <= page.params["page_size"]).mean())
        rows[rule] = row
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("rule")


def manipulation_summary(result):
    """How far each of the ring's three targets climbed and how long it stayed.

    Parameters
    ----------
    result : FrontPage

    Returns
    -------
    pandas.DataFrame
        One row per target: item, submitted, quality, fake_ups, ups, best_rank,
        hours_in_top10. Without manipulation fake_ups is 0: the honest baseline.

    Raises
    ------
    TypeError
        If ``result`` is not a FrontPage.

    Examples
    --------
    Ranked by net score, a ring of 20 cannot lift a weak item past the old favourites:

    >>> page = simulate(rule="score", manipulation=True, seed=1)
    >>> manipulation_summary(page)[["submitted", "best_rank"]].to_dict("list")
    {'submitted': [18, 36, 54], 'best_rank': [9, 16, 22]}
    """
    _check_page(result)
    columns = ["item", "submitted", "quality", "fake_ups", "ups", "best_rank", "hours_in_top10"]
    return result.items.loc[result.items["target"], columns].reset_index(drop=True)


def manipulation_effect(*, rules=RULES, seeds=range(5), **params):
    """Compare each rule's targets with and without the vote ring, over several seeds.

    For every rule and seed the front page runs twice with the same seed, once with
    ``manipulation=False`` and once with ``manipulation=True``; the table gives the
    medians over seeds and the three targets.

    Parameters
    ----------
    rules : sequence of str, default all five
    seeds : iterable of int, default range(5)
    **params
        Any other parameter of :func:`simulate` (not ``rule`` or ``manipulation``).

    Returns
    -------
    pandas.DataFrame
        Indexed by rule: best_rank_honest, best_rank_ring, top10_hours_honest,
        top10_hours_ring (medians), and hours_gained (ring minus honest).

    Raises
    ------
    TypeError, ValueError
        As for :func:`simulate`; also if ``rule`` or ``manipulation`` is given
        in ``params`` or ``seeds`` is empty.

    Examples
    --------
    >>> effect = manipulation_effect(rules=("score", "hot"), seeds=range(3))
    >>> effect[["best_rank_honest", "best_rank_ring"]]
           best_rank_honest  best_rank_ring
    rule
    score              31.0            16.0
    hot                15.0             1.0
    """
    check_items("rules", rules, what="rule names")
    check_items("seeds", seeds, what="seeds (whole numbers >= 0)", allow_empty=True)   # empty: refused below
    clash = {"rule", "manipulation"} & set(params)
    if clash:
        raise TypeError(f"manipulation_effect sets {', '.join(sorted(clash))} itself; do not pass it")
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds must hold at least one seed; got an empty list")
    rows = []
    for rule in rules:
        for seed in seeds:
            for ring in (False, True):
                targets = manipulation_summary(simulate(rule=rule, manipulation=ring, seed=seed, **params))
                rows.append(targets.assign(rule=rule, ring=ring))
    table = pd.concat(rows).groupby(["rule", "ring"], sort=False)[["best_rank", "hours_in_top10"]].median().unstack()
    effect = pd.DataFrame({
        "best_rank_honest": table[("best_rank", False)], "best_rank_ring": table[("best_rank", True)],
        "top10_hours_honest": table[("hours_in_top10", False)], "top10_hours_ring": table[("hours_in_top10", True)],
    }).reindex(list(rules))
    effect["hours_gained"] = effect["top10_hours_ring"] - effect["top10_hours_honest"]
    effect.index.name = "rule"
    return effect


# ---- When an item's votes come, by its age ------------------------------------------------------

def votes_by_age(result, *, watched_hours=48):
    """How an item's votes arrive over the hours after it is submitted, on a simulated front page.

    Only items submitted at least ``watched_hours`` before the end of the run are counted,
    so every item is watched for the same time. The real counterpart is
    :func:`smlearn.realdata.votes_by_day`.

    Parameters
    ----------
    result : FrontPage
    watched_hours : int, default 48
        How long each counted item is watched (1 to the run's horizon).

    Returns
    -------
    pandas.DataFrame
        ``age`` (whole hours since submission, 0 to ``watched_hours - 1``), ``votes``
        (up and down, fake up-votes left out), ``share`` and ``cumulative_share``.

    Raises
    ------
    TypeError
        If ``result`` is not a FrontPage.
    ValueError
        If ``watched_hours`` is outside 1 to the horizon, or the counted items got no votes.

    Examples
    --------
    >>> table = votes_by_age(simulate(rule="hot", seed=1), watched_hours=48)
    >>> round(float(table.loc[23, "cumulative_share"]), 2)     # within the first 24 hours
    0.94
    """
    _check_page(result)
    hours = result.params["hours"]
    watched = Param("watched_hours", 48, 1, hours, 1, "Hours watched", "hours").check(watched_hours)
    votes = result.votes.merge(result.items[["item", "submitted"]], on="item")
    votes = votes[votes["submitted"] <= hours - watched]
    age = votes["hour"] - votes["submitted"]
    counts = (votes["ups"] + votes["downs"]).groupby(age).sum()
    counts = counts.reindex(range(watched), fill_value=0)
    if counts.sum() == 0:
        raise ValueError(f"the items watched for {watched} hours got no votes (watched_hours)")
    table = pd.DataFrame({"age": np.arange(watched), "votes": counts.to_numpy().astype(int)})
    table["share"] = table["votes"] / table["votes"].sum()
    table["cumulative_share"] = table["share"].cumsum()
    table.attrs["rule"] = result.params["rule"]
    return table
