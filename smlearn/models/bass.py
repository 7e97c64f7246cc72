r"""The Bass model: a new product spreads through a market by outside push and word of mouth.

The claim
---------
Source D says both social media and social networking depend on *going viral*. Before
any network, the simplest spreading story is Bass's (1969): some people adopt because
of an outside push ``p`` (advertising, media), others because people who have already
adopted tell them (word of mouth, ``q``). There is no network here: everyone can hear
from every adopter. :mod:`smlearn.models.diffusion` puts the same story on a network.

The equations
-------------
With :math:`F(t)` the share of the market that has adopted by time t:

.. math::

    \frac{dF}{dt} = (p + q F)(1 - F), \qquad
    F(t) = \frac{1 - e^{-(p+q)t}}{1 + \frac{q}{p} e^{-(p+q)t}} .

Adoptions per period peak at :math:`t^* = \ln(q/p)/(p+q)`, when :math:`F = 1/2 - p/(2q)`
(:func:`peak`).

What is measured and what is set
--------------------------------
The defaults ``p = 0.03`` and ``q = 0.38`` are MEASURED: the averages over 213 published
Bass fits of Sultan, Farley and Lehmann (1990). ``periods`` and ``market_size`` are
ILLUSTRATIVE: they set the length and scale of the table, not its shape.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the outside push ``p`` is ``find-broadcast``
(a message put in front of people who did not ask for it), and word of mouth between
people who know each other is ``ties-two-way``.

References
----------
.. [1] Bass, F. M. (1969). A new product growth for model consumer durables.
   Management Science 15(5), 215-227.
.. [2] Sultan, F., Farley, J. U. and Lehmann, D. R. (1990). A meta-analysis of
   applications of diffusion models. Journal of Marketing Research 27(1), 70-77.

Examples
--------
>>> from smlearn.models import bass
>>> table = bass.simulate(p=0.03, q=0.38, periods=20, market_size=1000)
>>> int(table.loc[table["new"].idxmax(), "period"])     # the busiest period
7
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from smlearn.params import FrozenParams, Param, check_params, defaults_from
from smlearn.profile import apply_profile

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast", "ties-two-way")

__all__ = ["PARAMS", "COLUMNS", "FRAME_CELLS", "simulate", "peak"]

# p and q default to the Sultan-Farley-Lehmann averages (measured); periods and market_size are illustrative.
_PARAM_LIST = [
    Param("p", 0.03, 0.0, 1.0, 0.001, "Outside push (p)", "per period",
          "Bass: the chance per period that someone who has not adopted does so because of advertising or media."),
    Param("q", 0.38, 0.0, 1.0, 0.01, "Word of mouth (q)", "per period",
          "Bass: how strongly adopters pull in others; q times the adopted share is their extra chance per period."),
    Param("periods", 30, 1, 500, 1, "Horizon", "periods",
          "How many periods (years in most published fits) to follow."),
    Param("market_size", 1000, 1, 10_000_000, 1, "Market size", "people",
          "How many people will eventually adopt."),
]
PARAMS: dict[str, Param] = apply_profile("bass", {p.name: p for p in _PARAM_LIST})

# The columns of a run, in order.
COLUMNS = ("period", "new", "cumulative", "share", "from_push", "from_word_of_mouth")


@defaults_from(PARAMS)
def simulate(*, p, q, periods, market_size, discrete=False) -> pd.DataFrame:
    r"""Adoption of a new product by outside push ``p`` and word of mouth ``q`` (Bass 1969).

    Parameters
    ----------
    p : float
        Outside push: the chance per period that a non-adopter adopts because of
        advertising or media, whatever anyone else does.
    q : float
        Word of mouth: a non-adopter's extra chance per period is ``q`` times the share
        of the market that has adopted.
    periods : int
        Periods to follow (1 .. periods).
    market_size : int
        People who will eventually adopt (``M``).
    discrete : bool, default False
        False: the exact solution of the differential equation, :math:`F(t)` from the
        module docstring, sampled at whole periods. True: the difference equation
        :math:`N_t = N_{t-1} + (p + q N_{t-1}/M)(M - N_{t-1})`, as in Bass's own
        estimation (with the chance capped at 1, which matters only when p + q > 1).

    Returns
    -------
    pandas.DataFrame
        One row per period: period, new (adopters in that period), cumulative, share
        (cumulative / market_size), and new split into ``from_push`` (adopters moved by
        p) and ``from_word_of_mouth`` (moved by q). In the exact solution the push part
        of everyone who has adopted by time t is :math:`M (p/q) \ln\frac{1+q/p}{1+(q/p)e^{-(p+q)t}}`.

    Raises
    ------
    TypeError
        If a parameter is not a number (whole where needed) or ``discrete`` is not a bool.
    ValueError
        If a parameter is outside its range (see :data:`PARAMS`).

    Examples
    --------
    With the average published values, adoptions peak at t* = 6.19, so the busiest
    period is period 7 (from t = 6 to t = 7):

    >>> table = simulate()
    >>> int(table.loc[table["new"].idxmax(), "period"])
    7
    >>> round(float(table["share"].iloc[-1]), 3)     # nearly everyone has adopted after 30 periods
    1.0

    Early on most adopters come from the outside push; later, from word of mouth:

    >>> table.loc[[0, 9], ["period", "from_push", "from_word_of_mouth"]].round(1)
       period  from_push  from_word_of_mouth
    0       1       29.5                 6.3
    9      10        6.7                65.4
    """
    b = check_params(PARAMS, {"p": p, "q": q, "periods": periods, "market_size": market_size})
    if not isinstance(discrete, (bool, np.bool_)):
        raise TypeError(f"discrete must be True or False; got {discrete!r}")
    p, q, M = b["p"], b["q"], float(b["market_size"])
    t = np.arange(0, b["periods"] + 1, dtype=float)        # 0, 1, ..., periods
    if discrete:
        N = np.zeros(t.size)       # cumulative adopters
        push = np.zeros(t.size)    # cumulative adopters moved by p
        for i in range(1, t.size):   # each period depends on the last
            left = M - N[i - 1]
            rate = p + q * N[i - 1] / M          # a non-adopter's chance to adopt this period
            new = min(rate, 1.0) * left          # a chance above 1 means: everyone left adopts
            push[i] = push[i - 1] + (new * p / rate if rate > 0 else 0.0)
            N[i] = N[i - 1] + new
    elif p == 0:
        N = np.zeros(t.size)       # nobody goes first, so nobody can tell anyone
        push = np.zeros(t.size)
    else:
        decay = np.exp(-(p + q) * t)
        N = M * (1 - decay) / (1 + (q / p) * decay)
        # Integrating p(1 - F) over time gives the push adopters (q = 0: everyone is push).
        push = N.copy() if q == 0 else M * (p / q) * np.log((1 + q / p) / (1 + (q / p) * decay))
    new = np.diff(N)
    from_push = np.diff(push)
    table = pd.DataFrame({
        "period": np.arange(1, b["periods"] + 1),
        "new": new,
        "cumulative": N[1:],
        "share": N[1:] / M,
        "from_push": from_push,
        "from_word_of_mouth": new - from_push,
    })
    table.attrs["params"] = FrozenParams({**b, "discrete": bool(discrete)})
    return table


@defaults_from(PARAMS)
def peak(*, p, q):
    r"""Return ``(time, share)``: when adoptions per period peak, and the share adopted by then.

    .. math::  t^* = \frac{\ln(q/p)}{p + q}, \qquad F(t^*) = \frac{1}{2} - \frac{p}{2q}

    When ``q <= p`` word of mouth is too weak to make a peak: adoptions fall from the
    start, and the answer is ``(0.0, 0.0)``.

    Raises
    ------
    ValueError
        If ``p`` is not above 0 or a parameter is outside its range.

    Examples
    --------
    >>> t, share = peak(p=0.03, q=0.38)
    >>> round(t, 2), round(share, 3)
    (6.19, 0.461)
    """
    b = check_params(PARAMS, {"p": p, "q": q})
    if b["p"] <= 0:
        raise ValueError(f"p must be above 0 for a peak time; got {p!r}")
    if b["q"] <= b["p"]:
        return 0.0, 0.0
    return math.log(b["q"] / b["p"]) / (b["p"] + b["q"]), 0.5 - b["p"] / (2 * b["q"])
