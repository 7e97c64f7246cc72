"""The class's wisdom-of-the-crowd experiment beside the model of the social round.

Left: every student's estimate in round 1 (alone), in round 2 (after seeing the others' mean)
and as the model predicts round 2 (each student moves a share alpha toward the others' mean,
:func:`smlearn.models.estimates.social_round`), with each row's mean and the truth. Right: the
spread of the estimates (their standard deviation, the square root of the diversity) and the
crowd's error in each. The title states how the spread changed in round 2 (without a control
round, so not all of it need come from seeing the others) and what the model, with the class's
own alpha, describes.

Examples
--------
>>> from smlearn.models import estimates
>>> crowd = estimates.simulate(students=20, alpha=0.4, seed=2)
>>> fig, axes = plot_class_crowd(crowd.first, crowd.second, crowd.truth, unit="beans")
>>> axes[0].get_xlabel(), axes[1].get_ylabel()
('Estimate (beans)', 'Spread or error (beans)')
>>> describe_class_crowd(crowd.first, crowd.second, crowd.truth, unit="beans")[:62]
'A chart in two panels about 20 students who estimated the same'
"""

from __future__ import annotations

import textwrap

import numpy as np

from smlearn.models import estimates
from smlearn.params import check_number, check_text
from smlearn.plots.style import OKABE_ITO, new_figure

__all__ = ["class_crowd_finding", "describe_class_crowd", "plot_class_crowd"]

# Each row: its label, colour and marker (colour is never the only cue).
_ROWS = (("round 1: alone", OKABE_ITO["blue"], "o"),
         ("round 2: after seeing the others", OKABE_ITO["vermillion"], "s"),
         ("model: each moves alpha toward the others' mean", OKABE_ITO["bluish green"], "^"))


def _estimates(name: str, values) -> np.ndarray:
    try:
        x = None if isinstance(values, (str, bytes, dict)) else np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        x = None
    if x is None or x.ndim != 1 or x.size < 2 or not np.all(np.isfinite(x)):
        raise ValueError(f"{name} must be the students' estimates: a list of at least two finite numbers; "
                         f"got {values!r:.60}")
    return x


def _check(first, second, truth, alpha):
    x1, x2 = _estimates("first", first), _estimates("second", second)
    if x2.shape != x1.shape:
        raise ValueError(f"first and second must be the same students' estimates, in one order; "
                         f"got {x1.size} and {x2.size}")
    check_number("truth", truth)
    if alpha is None:
        # The class's own pull toward the mean, kept to the model's range of 0 to 1.
        alpha = min(max(estimates.fit_alpha(x1, x2), 0.0), 1.0)
    model = estimates.social_round(x1, alpha)
    return x1, x2, model, float(alpha)


def _spread(values) -> float:
    return float(np.sqrt(estimates.diversity(values)))


def class_crowd_finding(first, second, truth, *, alpha=None) -> str:
    """One line: how much the class's spread shrank in round 2, and how the model with the class's alpha describes it.

    There is no control round (Lorenz et al. had a group that estimated again without seeing
    the others), so the line does not say that seeing the others did all of it; and the model's
    alpha is fitted to these two rounds, so the model's agreement describes them, it does not
    test them.

    >>> print(textwrap.fill(class_crowd_finding([800, 1000, 1500, 2100], [1100, 1200, 1400, 1600], 1234), 90))
    In round 2 the spread shrank by 62% (with no control round, seeing the others and thinking
    again are not told apart); the model with alpha fitted to these rounds (0.46): by 62%;
    crowd error 116 then 91
    """
    fitted = alpha is None
    x1, x2, model, alpha = _check(first, second, truth, alpha)
    shrink, predicted = 1 - _spread(x2) / _spread(x1), 1 - _spread(model) / _spread(x1)
    verb = "shrank" if shrink >= 0 else "widened"
    which = f"alpha fitted to these rounds ({alpha:.2f})" if fitted else f"alpha {alpha:.2f}"
    return (f"In round 2 the spread {verb} by {abs(shrink):.0%} (with no control round, seeing the others and "
            f"thinking again are not told apart); the model with {which}: by "
            f"{predicted:.0%}; crowd error {estimates.crowd_error(x1, truth):,.0f} then "
            f"{estimates.crowd_error(x2, truth):,.0f}")


def describe_class_crowd(first, second, truth, *, alpha=None, unit: str = "", source: str = "") -> str:
    """A text description of :func:`plot_class_crowd`, for readers who cannot see it."""
    given = alpha       # None: the class's own, which the title says was fitted
    x1, x2, model, alpha = _check(first, second, truth, alpha)
    unit = check_text("unit", unit, allow_empty=True)
    source = check_text("source", source, allow_empty=True)
    unit = f" {unit}" if unit else ""
    rows = []
    for (label, _, _), values in zip(_ROWS, (x1, x2, model)):
        rows.append(f"{label.split(':')[0]}: estimates from {values.min():,.0f} to {values.max():,.0f}{unit}, "
                    f"mean {values.mean():,.0f}, spread (standard deviation) {_spread(values):,.0f}")
    where = f"{source[:1].upper()}{source[1:]}: " if source else ""
    return (f"{where}A chart in two panels about {x1.size} students who estimated the same quantity, whose truth is "
            f"{float(truth):,.0f}{unit}. Left, each estimate as a point in three rows; " + "; ".join(rows)
            + f". Alpha {alpha:.2f} is the share of the way to the others' mean that fits the class best. Right, "
            f"bars of the spread and the crowd's error in each row. {class_crowd_finding(x1, x2, truth, alpha=given)}.")


def plot_class_crowd(first, second, truth, *, alpha=None, unit: str = "", source: str = ""):
    """Draw a class's two rounds of estimates beside the model's round 2.

    Parameters
    ----------
    first, second : list of float
        Each student's estimate in round 1 and in round 2, in the same order (the class
        service's results give them so: ``results["social"]["first"]`` and ``["second"]``).
    truth : float
        The true value.
    alpha : float, optional
        The model's pull toward the others' mean; by default the class's own
        (:func:`smlearn.models.estimates.fit_alpha`, kept within 0 to 1).
    unit : str
        What the quantity is counted in, for the axis labels.
    source : str
        Whose estimates these are ("your class", or a SIMULATED class), put before the title.

    Returns
    -------
    (figure, [left axes, right axes])
    """
    given = alpha
    x1, x2, model, alpha = _check(first, second, truth, alpha)
    check_text("unit", unit, allow_empty=True)
    source = check_text("source", source, allow_empty=True)
    fig, (left, right) = new_figure(ncols=2, height=3.8)
    rng = np.random.default_rng(0)     # a little vertical jitter, the same on every draw, so points do not hide
    for row, ((label, colour, marker), values) in enumerate(zip(_ROWS, (x1, x2, model))):
        y = 2 - row + rng.uniform(-0.12, 0.12, values.size)
        left.scatter(values, y, color=colour, marker=marker, s=28, alpha=0.8, label=label)
        left.plot([values.mean()] * 2, [2 - row - 0.3, 2 - row + 0.3], color="black", linewidth=2.5)
    left.axvline(float(truth), color="black", linestyle="--", linewidth=1.2, label="the truth")
    positive = bool(np.all(np.concatenate([x1, x2]) > 0)) and float(truth) > 0
    if positive and max(x1.max(), x2.max()) / min(x1.min(), x2.min()) > 20:
        left.set_xscale("log")         # guesses that differ by factors: equal steps are equal factors
    left.set_yticks([2, 1, 0], ["round 1", "round 2", f"model\n(alpha {alpha:.2f})"])
    left.set_ylim(-0.6, 2.6)
    left.set_xlabel(f"Estimate ({unit})" if unit else "Estimate")
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), frameon=False, fontsize=8, ncols=2)
    left.set_title("Each student's estimate; black bars: each row's mean", fontsize=9)

    names = ["round 1", "round 2", "model"]
    spreads = [_spread(v) for v in (x1, x2, model)]
    errors = [estimates.crowd_error(v, truth) for v in (x1, x2, model)]
    at = np.arange(3)
    right.bar(at - 0.2, spreads, width=0.4, color=[c for _, c, _ in _ROWS], edgecolor="black",
              label="spread (standard deviation)")
    right.bar(at + 0.2, errors, width=0.4, color="white", edgecolor="black", hatch="//",
              label="crowd's error |mean - truth|")
    right.set_xticks(at, names)
    right.set_ylabel(f"Spread or error ({unit})" if unit else "Spread or error (units of the estimate)")
    right.legend(frameon=False, fontsize=8)
    right.set_title("Spread and crowd error", fontsize=9)
    where = f"{source[:1].upper()}{source[1:]}: " if source else ""
    fig.suptitle(textwrap.fill(where + class_crowd_finding(x1, x2, truth, alpha=given), 100), fontsize=10)
    return fig, [left, right]
