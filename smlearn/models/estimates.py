r"""The wisdom of the crowd, measured, and a tiny model of what seeing the others does to it.

The claim
---------
Source B says social media runs on the wisdom of crowds. Galton's ox (1907) is the classic
case: the mean of many independent guesses can beat nearly every guesser. Lorenz, Rauhut,
Schweitzer and Helbing (2011) asked what happens when the guessers see each other's
guesses: the crowd's estimates draw together (the *social influence effect*), the truth
ends up nearer the edge of the range of estimates, or outside it (the *range reduction
effect*), and people grow more confident (the *confidence effect*). A class measures the
first two on its own guesses (the class service's crowd experiment); confidence is not
asked, so it is NOT measured here.

The measures
------------
For estimates :math:`x_1, \dots, x_n` of a truth :math:`\theta`, with mean :math:`\bar x`:

- the crowd's error :math:`|\bar x - \theta|` (:func:`crowd_error`);
- the average individual error :math:`\frac1n \sum |x_i - \theta|` (:func:`individual_error`);
- the diversity :math:`\frac1n \sum (x_i - \bar x)^2`, the spread of the estimates
  (:func:`diversity`; divided by n, not n - 1, so that the next line holds exactly);
- the *diversity prediction theorem* (Page 2007), an identity for any numbers:

  .. math:: (\bar x - \theta)^2 = \frac1n \sum (x_i - \theta)^2 - \frac1n \sum (x_i - \bar x)^2

  squared crowd error = mean squared individual error - diversity
  (:func:`diversity_prediction`). The crowd is never worse than its average member, and it
  beats the average member by exactly its diversity.

The model of the social round
-----------------------------
In the social round each student sees the mean of the others' first estimates,
:math:`m_{-i}`, and moves a share :math:`\alpha` of the way toward it (:func:`social_round`):

.. math:: x_i' = x_i + \alpha (m_{-i} - x_i)

The mean of the crowd does not move, so the crowd's error stays what it was, while the
diversity shrinks by the factor :math:`(1 - \alpha n/(n-1))^2`. :func:`fit_alpha` reads
:math:`\alpha` off a class's two rounds (least squares), and :func:`simulate` makes a class
of ``students`` whose first guesses are log-normal around the truth (as Lorenz et al. found
guesses to be) and runs the social round on it.

What is measured and what is set
--------------------------------
The measures are exact. The model's ``alpha`` and ``spread`` are ILLUSTRATIVE: a class's own
``alpha`` comes from :func:`fit_alpha`. Real people do not all move by the same share, and
some move away from the mean; the model is there to be set beside the class's numbers.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the social round is ``find-broadcast``: one
number, the crowd's mean, shown to everyone, from people they need not know.

References
----------
.. [1] Lorenz, J., Rauhut, H., Schweitzer, F. and Helbing, D. (2011). How social influence can
   undermine the wisdom of crowd effect. PNAS 108(22), 9020-9025.
.. [2] Page, S. E. (2007). The Difference. Princeton University Press.

Examples
--------
>>> first = [800, 1000, 1300, 900]
>>> crowd_error(first, 1000), individual_error(first, 1000), diversity(first)
(0.0, 150.0, 35000.0)
>>> social_round(first, 0.5).tolist()       # each moves half-way toward the others' mean
[933.33..., 1000.0, 1100.0, 966.66...]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from smlearn.params import FrozenParams, Param, check_number, check_params, check_seed, defaults_from
from smlearn.profile import apply_profile

# The cell of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast",)

__all__ = ["PARAMS", "FRAME_CELLS", "Rounds", "simulate", "crowd_error", "individual_error", "diversity",
           "diversity_prediction", "truth_position", "truth_centrality", "social_round", "fit_alpha",
           "compare_rounds", "CONFIDENCE"]

_PARAM_LIST = [
    Param("students", 30, 2, 300, 1, "Students", "students", "How many students estimate the quantity."),
    Param("truth", 1000.0, 1.0, 1_000_000.0, 1.0, "Truth", "units of the quantity",
          "The true value of the quantity the students estimate."),
    Param("spread", 0.6, 0.0, 2.0, 0.05, "Spread of first guesses", "log units",
          "The standard deviation of the natural log of the first guesses around the truth."),
    Param("alpha", 0.3, 0.0, 1.0, 0.05, "Pull of the others' mean", "share of the way",
          "How far each student moves toward the mean of the others' first estimates in the social round."),
]
PARAMS: dict[str, Param] = apply_profile("estimates", {p.name: p for p in _PARAM_LIST})

# Lorenz et al.'s third effect, which the class does not measure: the experiment asks no confidence.
CONFIDENCE = "not measured: the class experiment does not ask how sure each student is"


def _values(name: str, estimates, *, least: int = 1) -> np.ndarray:
    try:
        values = None if isinstance(estimates, (str, bytes, dict)) else np.asarray(estimates, dtype=float)
    except (TypeError, ValueError):    # a list of words, a network, nested lists of unequal length
        values = None
    if values is None or values.ndim != 1 or values.size < least:
        raise ValueError(f"{name} must be a list of at least {least} numbers; got {estimates!r:.60}")
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{name} must hold finite numbers only; got {estimates!r:.60}")
    return values


def crowd_error(estimates, truth) -> float:
    """The crowd's error: how far the mean of the estimates is from the truth, ``|mean - truth|``.

    >>> crowd_error([900, 1200], 1000)
    50.0
    """
    x = _values("estimates", estimates)
    return float(abs(x.mean() - check_number("truth", truth)))


def individual_error(estimates, truth) -> float:
    """The average individual error: the mean of ``|estimate - truth|`` over the students.

    >>> individual_error([900, 1200], 1000)
    150.0
    """
    x = _values("estimates", estimates)
    return float(np.abs(x - check_number("truth", truth)).mean())


def diversity(estimates) -> float:
    """The diversity of the estimates: their variance, dividing by n (the theorem needs n, not n - 1).

    >>> diversity([900, 1200])
    22500.0
    """
    x = _values("estimates", estimates)
    return float(((x - x.mean()) ** 2).mean())


def diversity_prediction(estimates, truth) -> dict:
    """The three terms of the diversity prediction theorem for these estimates.

    Returns
    -------
    dict
        ``squared_crowd_error``, ``mean_squared_error`` (of the individuals) and ``diversity``;
        the first is the second minus the third, up to rounding.

    Examples
    --------
    >>> terms = diversity_prediction([900, 1200], 1000)
    >>> terms
    {'squared_crowd_error': 2500.0, 'mean_squared_error': 25000.0, 'diversity': 22500.0}
    >>> terms["mean_squared_error"] - terms["diversity"] == terms["squared_crowd_error"]
    True
    """
    x = _values("estimates", estimates)
    truth = check_number("truth", truth)
    return {"squared_crowd_error": float((x.mean() - truth) ** 2),
            "mean_squared_error": float(((x - truth) ** 2).mean()),
            "diversity": diversity(x)}


def truth_position(estimates, truth) -> float:
    """Where the truth sits among the estimates: the share below it (ties count half), 0 to 1.

    >>> truth_position([800, 900, 1100, 1200], 1000), truth_position([800, 900], 1000)
    (0.5, 1.0)
    """
    x = _values("estimates", estimates)
    truth = check_number("truth", truth)
    return float(((x < truth).sum() + 0.5 * (x == truth).sum()) / x.size)


def truth_centrality(estimates, truth) -> float:
    """How central the truth is in the range of estimates: 1 in the middle, 0 at an edge or outside.

    Lorenz et al.'s range reduction effect is this falling from one round to the next: the
    estimates close in around a value that is not the truth, which leaves the truth nearer an edge.

    >>> truth_centrality([800, 900, 1100, 1200], 1000), truth_centrality([800, 900], 1000)
    (1.0, 0.0)
    """
    return 1.0 - 2.0 * abs(truth_position(estimates, truth) - 0.5)


def _others_mean(x: np.ndarray) -> np.ndarray:
    # Each student's view in the social round: the mean of everyone else's first estimate.
    return (x.sum() - x) / (x.size - 1)


def social_round(first, alpha) -> np.ndarray:
    """The model's social round: each student moves a share ``alpha`` of the way to the others' mean.

    Parameters
    ----------
    first : list of float
        The first (independent) estimates, at least two.
    alpha : float
        0 (nobody moves) to 1 (everyone takes the others' mean).

    >>> social_round([900, 1200], 1.0).tolist()   # two students who swap
    [1200.0, 900.0]
    """
    x = _values("first", first, least=2)
    alpha = check_number("alpha", alpha, 0, 1)
    return x + alpha * (_others_mean(x) - x)


def fit_alpha(first, second) -> float:
    """The class's own ``alpha``: the share of the way to the others' mean that fits its two rounds best.

    Least squares of each student's move ``second - first`` on the way to go ``m_-i - first``.
    Students must be in the same order in both lists. The answer can fall outside 0 to 1
    (a class that moved past the mean, or away from it); 0 when nobody had anywhere to go.

    >>> round(fit_alpha([900, 1200, 1000], [1000, 1100, 1000]), 3)
    0.429
    """
    x = _values("first", first, least=2)
    y = _values("second", second, least=2)
    if x.size != y.size:
        raise ValueError(f"first and second must hold one estimate per student each; got {x.size} and {y.size}")
    way = _others_mean(x) - x
    scale = float(np.abs(way).max())
    if scale == 0:
        return 0.0
    # Both sides divided by the largest way to go, so that tiny ways do not square to zero.
    way = way / scale
    return float(((y - x) / scale * way).sum() / (way ** 2).sum())


def compare_rounds(first, second, truth) -> dict:
    """Lorenz et al.'s effects of the social round on one crowd: the numbers before and after.

    Returns
    -------
    dict
        For ``first`` and ``second`` (each a dict): ``students``, ``mean``, ``crowd_error``,
        ``individual_error`` (absolute errors), ``squared_crowd_error``, ``mean_squared_error``
        and ``diversity`` (the terms of :func:`diversity_prediction`: the first is the second
        minus the third), ``truth_centrality``; and ``diversity_ratio`` (second's diversity over
        first's, NaN if first's is 0), ``social_influence``
        (diversity shrank: second's diversity over first's), ``range_reduction`` (the truth's
        centrality fell), ``confidence`` (:data:`CONFIDENCE`).

    Examples
    --------
    >>> effects = compare_rounds([700, 900, 1600, 1800], [900, 1000, 1400, 1500], 1000)
    >>> round(effects["diversity_ratio"], 2), effects["social_influence"], effects["range_reduction"]
    (0.31, True, True)
    >>> r = effects["first"]     # the crowd beats its average member by its diversity, in squared errors
    >>> r["squared_crowd_error"], r["mean_squared_error"] - r["diversity"]
    (62500.0, 62500.0)
    """
    truth = check_number("truth", truth)
    rounds = {}
    for name, estimates in (("first", first), ("second", second)):
        x = _values(name, estimates)
        terms = diversity_prediction(x, truth)
        # The absolute errors are what a reader grasps; the theorem holds for the squared ones, so both are here.
        rounds[name] = {"students": int(x.size), "mean": float(x.mean()), "crowd_error": crowd_error(x, truth),
                        "individual_error": individual_error(x, truth),
                        "squared_crowd_error": terms["squared_crowd_error"],
                        "mean_squared_error": terms["mean_squared_error"], "diversity": terms["diversity"],
                        "truth_centrality": truth_centrality(x, truth)}
    before, after = rounds["first"]["diversity"], rounds["second"]["diversity"]
    ratio = float("nan") if before == 0 else after / before
    return {**rounds, "diversity_ratio": ratio, "social_influence": bool(after < before),
            "range_reduction": bool(rounds["second"]["truth_centrality"] < rounds["first"]["truth_centrality"]),
            "confidence": CONFIDENCE}


@dataclass(frozen=True)
class Rounds:
    """A crowd's two rounds: ``first`` (independent) and ``second`` (after seeing the others), and the truth.

    ``first[i]`` and ``second[i]`` are the same student's; ``params`` holds the settings of the run.
    """

    first: np.ndarray
    second: np.ndarray
    truth: float
    params: FrozenParams


@defaults_from(PARAMS)
def simulate(*, students, truth, spread, alpha, seed=None) -> Rounds:
    """A class of ``students`` who guess independently, then each moves ``alpha`` toward the others' mean.

    First guesses are log-normal: the truth times ``exp(normal(0, spread))`` (people err by
    factors, not by amounts: Lorenz et al.'s guesses spread that way).

    Parameters
    ----------
    students : int
        How many students (2 to 300).
    truth : float
        The true value.
    spread : float
        The standard deviation of the log of the first guesses.
    alpha : float
        The share of the way each student moves toward the mean of the others' first guesses.
    seed : int, optional
        For the first guesses: the same seed gives the same class.

    Returns
    -------
    Rounds

    Examples
    --------
    >>> crowd = simulate(students=30, alpha=0.3, seed=1)
    >>> round(diversity(crowd.second) / diversity(crowd.first), 2)     # (1 - 0.3 * 30/29)^2
    0.48
    >>> bool(np.isclose(crowd.first.mean(), crowd.second.mean()))     # the crowd's mean stays
    True
    """
    b = check_params(PARAMS, {"students": students, "truth": truth, "spread": spread, "alpha": alpha})
    rng = check_seed(seed)
    first = b["truth"] * np.exp(rng.normal(0.0, b["spread"], b["students"]))
    second = social_round(first, b["alpha"])
    first.flags.writeable = False
    second.flags.writeable = False
    return Rounds(first, second, float(b["truth"]), FrozenParams({**b, "seed": seed}))
