"""The five ranking rules scored together and ordered, without input checks: the front page's hourly ranking.

The engine of :mod:`smlearn.models.ranking` (where a learner reads each rule, one function
and one formula at a time) and of :mod:`smlearn.models.front_page`, which ranks every item
so far once an hour, hundreds of times a run and thousands of runs for one lesson table.
Checking the vote counts again at every hour would cost more than the ranking itself, so,
like every engine, this one assumes checked inputs: :func:`smlearn.models.ranking.rank_items`
checks what it is given and then calls :func:`rank`. Tests hold the two equal:
tests/models/test_ranking.py compares :func:`scores` with each public rule, item by item.
"""

from __future__ import annotations

import numpy as np

__all__ = ["scores", "rank"]

HOT_SECONDS = 45000.0               # as smlearn.models.ranking.HOT_SECONDS
HN_POINTS_POWER = 0.8               # as smlearn.models.ranking.HN_POINTS_POWER
WILSON_Z = 1.959963984540054        # as smlearn.models.ranking.WILSON_Z


def scores(ups, downs, submitted_hours, now_hours, rule, gravity):
    """Every item's score under ``rule`` (float arrays of equal length; ``now_hours`` a number).

    Examples
    --------
    >>> ups, downs, hours = np.array([110.0, 0.0]), np.array([10.0, 0.0]), np.array([0.0, 12.5])
    >>> scores(ups, downs, hours, 24.0, "hot", 1.8).tolist()      # 100 net votes at 0 h; none, 12.5 h later
    [2.0, 1.0]
    """
    s = ups - downs                  # the net score; also points - 1 for the two gravity rules
    if rule == "score":
        return s
    if rule == "hot":
        return np.sign(s) * np.log10(np.maximum(np.abs(s), 1)) + submitted_hours * 3600 / HOT_SECONDS
    age = now_hours - submitted_hours
    if rule == "gravity (simplified)":
        return s / (age + 2) ** gravity
    if rule == "hacker news":
        return (np.maximum(s, 0.0) ** HN_POINTS_POWER + np.minimum(s, 0.0)) / (age + 2) ** gravity
    n = ups + downs                  # wilson
    z = WILSON_Z
    with np.errstate(divide="ignore", invalid="ignore"):   # n = 0 gives 0/0; set to 0 below
        p = ups / n
        bound = (p + z * z / (2 * n) - z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)
    return np.where(n > 0, bound, 0.0)


def rank(ups, downs, submitted_hours, now_hours, rule, gravity):
    """Item indices by score under ``rule``, highest first; ties go to the newest (higher ``submitted_hours``).

    Examples
    --------
    >>> rank(np.array([5.0, 5.0, 9.0]), np.zeros(3), np.array([0.0, 1.0, 0.0]), 2.0, "score", 1.8).tolist()
    [2, 1, 0]
    """
    return np.lexsort((-submitted_hours, -scores(ups, downs, submitted_hours, now_hours, rule, gravity)))
