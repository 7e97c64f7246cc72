r"""Ranking by votes: five published rules that turn up- and down-votes into a front page's order.

The claim
---------
Source B says social media uses **the wisdom of crowds**: people decide what matters by
voting on it, sharing it and commenting on it. A site turns votes into a front page with
a *ranking rule*, and the rule decides how much the crowd's wisdom (and a cheater's fake
votes) counts. This module gives five published rules, each a short formula; the front
page on which they compete is :mod:`smlearn.models.front_page`, and the vote ring that
cheats them is :mod:`smlearn.models.vote_rings`.

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

The constants are the published ones: 45,000 s (Reddit), gravity 1.8 and the power 0.8
(news.arc), z = 1.96 (a 95 % interval). The front page's settings, which a class can
change, are in :data:`smlearn.models.front_page.PARAMS`.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) a front page ranked by votes is
``find-broadcast``: strangers find posts through it.

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
>>> ups, downs, submitted_hours = [300, 30, 0], [20, 1, 0], [0, 20, 23]   # an old favourite, a fresh item, a new one
>>> ranking.rank_items(ups, downs, submitted_hours, 24, rule="hot").tolist()     # the fresh item passes the favourite
[1, 0, 2]
"""

from __future__ import annotations

import numbers

import numpy as np

from smlearn.models.engines import ranking as fast
from smlearn.params import check_number

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["FRAME_CELLS", "RULES", "GRAVITY_RULES", "GRAVITY", "HOT_SECONDS", "HN_POINTS_POWER", "WILSON_Z",
           "net_score", "hot", "gravity_simple", "hn_arc", "wilson_lower_bound", "rank_items"]

RULES = ("score", "hot", "gravity (simplified)", "hacker news", "wilson")
GRAVITY_RULES = ("gravity (simplified)", "hacker news")   # the rules that use the `gravity` exponent
GRAVITY = 1.8           # news.arc's gravity*: how fast age pulls items down
HN_POINTS_POWER = fast.HN_POINTS_POWER   # news.arc raises a positive (points - 1) to this power (0.8)
HOT_SECONDS = fast.HOT_SECONDS           # Reddit: 45,000 s, 12.5 hours per factor of ten in net votes
WILSON_Z = fast.WILSON_Z                 # the normal quantile for a two-sided 95 % interval (1.96)


def _gravity(gravity):
    """``gravity`` as a float between 0 and 3 (the range the front page's slider offers), or a clear error."""
    return check_number("gravity", gravity, 0.0, 3.0, unit="exponent")


def _rule(rule):
    """``rule`` if it is one of :data:`RULES`, or a clear error."""
    if isinstance(rule, str) and rule in RULES:
        return str(rule)
    raise ValueError(f"rule must be one of {', '.join(repr(r) for r in RULES)}; got {rule!r}")

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
    return np.sign(s) * np.log10(np.maximum(np.abs(s), 1)) + seconds / HOT_SECONDS


def gravity_simple(points, age_hours, *, gravity=GRAVITY):
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
    g = _gravity(gravity)
    p = _votes("points", points)
    age = _votes("age_hours", age_hours)
    return (p - 1) / (age + 2) ** g


def hn_arc(points, age_hours, *, gravity=GRAVITY):
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
    g = _gravity(gravity)
    base = _votes("points", points) - 1
    age = _votes("age_hours", age_hours)
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
    n = u + d
    with np.errstate(divide="ignore", invalid="ignore"):   # n = 0 gives 0/0; set to 0 below
        p = u / n
        bound = (p + z * z / (2 * n) - z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)
    return np.where(n > 0, bound, 0.0)[()]


def rank_items(ups, downs, submitted_hours, now_hours, *, rule, gravity=GRAVITY):
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
    rule = _rule(rule)
    u, d, t = _votes("ups", ups), _votes("downs", downs), _votes("submitted_hours", submitted_hours)
    now = _votes("now_hours", now_hours)
    if u.ndim != 1 or u.size == 0:
        raise ValueError(f"ups must be a non-empty list of vote counts, one per item; got {ups!r}")
    if not u.shape == d.shape == t.shape:
        raise ValueError(f"ups, downs and submitted_hours must have one entry per item; got lengths "
                         f"{u.size}, {d.size} and {t.size}")
    if now.ndim != 0 or now < t.max():
        raise ValueError(f"now_hours must be one number, not before the last submission ({t.max()}); got {now_hours!r}")
    g = _gravity(gravity)
    # The scores and the order come from the engine, which the front page calls every hour.
    return fast.rank(u, d, t, float(now), rule, g)
