r"""How unequal a set of amounts is: the Gini coefficient and the share held by the top.

Two lessons ask the same question of different things. Lesson 03 asks how unequally
followers are spread over the accounts of a follower network; lesson 05 asks how
unequally downloads are spread over the songs of a market with social influence. Both
use the Gini coefficient, written once here:

.. math::  G = \frac{\sum_i \sum_j |x_i - x_j|}{2 N \sum_k x_k}
             = \frac{\sum_i (2i - N - 1)\, x_{(i)}}{N \sum_k x_k}

with the amounts sorted, :math:`x_{(1)} \le \dots \le x_{(N)}`. The second form needs a
sort instead of all N² pairs. G is 0 when everyone has the same and (N - 1)/N when one
holds everything.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) both uses measure ``find-broadcast``: how
unequally the attention of people who find accounts or songs is shared out.

Examples
--------
>>> gini([5, 5, 5, 5])
0.0
>>> gini([0, 0, 0, 12])
0.75
>>> gini([[1, 0], [0.5, 0.5]]).tolist()      # a table: one coefficient per row
[0.5, 0.0]
>>> top_share([1] * 99 + [101])              # the top 1 % (one account) holds half of everything
0.505
"""

from __future__ import annotations

import numpy as np

from smlearn.params import check_items, check_number

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["gini", "top_share"]


def _amounts(values) -> np.ndarray:
    x = np.asarray(values, dtype=float)
    if x.ndim not in (1, 2):
        raise ValueError(f"values must be a list of amounts, or a table of them (one list per row); "
                         f"got {x.ndim} dimensions")
    if x.size == 0:
        raise ValueError("values must not be empty")
    if not np.isfinite(x).all():
        raise ValueError("values must be finite numbers; got NaN or infinity")
    if x.min() < 0:
        raise ValueError(f"values must not be negative; got {x.min()}")
    return x


def gini(values):
    """Return the Gini coefficient of ``values`` (of each row, for a table).

    An all-zero row counts as equal (0.0): nobody has more than anybody else.

    Raises
    ------
    ValueError
        If ``values`` is empty, more than a table, or has a negative or missing value.
    """
    check_items("values", values, what="numbers", allow_empty=True)
    x = np.sort(_amounts(values), axis=-1)
    n = x.shape[-1]
    total = x.sum(axis=-1)
    weighted = (x * (2 * np.arange(1, n + 1) - n - 1)).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        result = np.where(total > 0, weighted / (n * total), 0.0)
    return float(result) if result.ndim == 0 else result


def top_share(values, share=0.01):
    """Return the share of the total held by the top ``share`` of the values (at least one value).

    0.0 when the total is 0.

    Raises
    ------
    ValueError
        If ``values`` is empty, not a list, or has a negative or missing value.
    """
    check_items("values", values, what="numbers", allow_empty=True)
    check_number("share", share, 0, 1, low_open=True)
    x = _amounts(values)
    if x.ndim != 1:
        raise ValueError(f"values must be a list of amounts; got a table of shape {x.shape}")
    x = np.sort(x)[::-1]
    k = max(1, int(round(share * x.size)))
    return float(x[:k].sum() / x.sum()) if x.sum() > 0 else 0.0
