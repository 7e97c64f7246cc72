"""The flip chart: which settings can flip a verdict, and how often it holds when all move.

The top panel is a tornado: for each setting, moved alone from the low end of its range
to the high end, where the verdict's measure goes. A bar that crosses the dashed line is
a setting that can flip the verdict on its own. The bottom panel uses the joint draw of
all settings: how often the verdict holds when the setting is in the low or the high half
of its range. Settings are listed with the ones that matter most at the top.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np

from smlearn.flips import FlipReport
from smlearn.plots.style import OKABE_ITO, new_figure, style_axes

__all__ = ["flip_chart", "describe_flip_chart"]

LOW_END = {"color": OKABE_ITO["orange"], "marker": "o", "label": "setting at the low end of its range"}
HIGH_END = {"color": OKABE_ITO["blue"], "marker": "s", "label": "setting at the high end of its range"}


def _check(report, top):
    if not isinstance(report, FlipReport):
        raise TypeError(f"report must be a FlipReport from smlearn.flips.analyse; got {type(report).__name__}")
    if isinstance(top, bool) or not isinstance(top, int) or not 1 <= top <= 30:
        raise ValueError(f"top must be a whole number from 1 to 30; got {top!r}")


def _crosses(report, row) -> bool:
    ends = (row.measure_low, row.measure_high)
    return any(report.verdict.holds_for(v) != report.holds_at_default for v in ends if v == v)


def _order(report, top):
    """Settings that can flip the verdict alone first, then by how far they move the measure."""
    points = report.points.copy()
    low = points["measure_low"].replace([np.inf, -np.inf], np.nan)
    high = points["measure_high"].replace([np.inf, -np.inf], np.nan)
    points["span"] = (high - low).abs().fillna(np.inf)
    points["crosses"] = [_crosses(report, row) for row in points.itertuples()]
    points = points.sort_values(["crosses", "span"], ascending=[False, False], kind="stable")
    return points.head(top)


def _set_scale(ax, values, line) -> None:
    """A measure spanning orders of magnitude (a ratio, a cost) is read on a log-like axis."""
    finite = [v for v in [*values, line] if v == v and math.isfinite(v)]
    positive = [v for v in finite if v > 0]
    if len(positive) < 2 or min(finite) < 0 or max(positive) / min(positive) <= 100:
        return
    if len(positive) == len(finite):
        ax.set_xscale("log")
    else:   # zeros too: linear near zero, logarithmic beyond
        ax.set_xscale("symlog", linthresh=min(positive))


def flip_chart(report: FlipReport, *, top: int = 8):
    """Draw the flip chart of a :func:`smlearn.flips.analyse` report; return the figure.

    Parameters
    ----------
    report : FlipReport
    top : int
        How many settings to show (those that matter most).
    """
    _check(report, top)
    shown = _order(report, top)
    labels = [report.params[name].label for name in shown["parameter"]]
    rows = np.arange(len(shown))[::-1]
    fig, (ax, ax2) = new_figure(nrows=2, height=max(5.0, 0.5 * len(shown) + 2.5))

    # Top: one setting at a time.
    ends = [*shown["measure_low"], *shown["measure_high"]]
    line = report.verdict.line
    _set_scale(ax, ends, line)
    finite = [v for v in [*ends, line, report.default_measure] if v == v and math.isfinite(v)]
    edge_low, edge_high = min(finite), max(finite)
    for y, row in zip(rows, shown.itertuples()):
        low = min(max(row.measure_low, edge_low), edge_high) if row.measure_low == row.measure_low else np.nan
        high = min(max(row.measure_high, edge_low), edge_high) if row.measure_high == row.measure_high else np.nan
        ax.plot([low, high], [y, y], color="#888888", linewidth=2, zorder=1)
        ax.scatter([low], [y], s=45, zorder=2, color=LOW_END["color"], marker=LOW_END["marker"])
        ax.scatter([high], [y], s=45, zorder=2, color=HIGH_END["color"], marker=HIGH_END["marker"])
    ax.scatter([], [], **LOW_END)
    ax.scatter([], [], **HIGH_END)
    ax.axvline(line, color=OKABE_ITO["black"], linestyle="--", linewidth=1.2,
               label="where the verdict flips" if report.verdict.threshold is not None else "holds (1) / not (0)")
    ax.axvline(report.default_measure, color=OKABE_ITO["bluish green"], linestyle=":", linewidth=1.5,
               label="all settings at their defaults")
    ax.set_yticks(rows, labels)
    unit = report.verdict.unit or ("1 = the verdict holds, 0 = it does not" if report.verdict.threshold is None
                                   else "measure")
    ax.set_xlabel(f"{unit}, each setting moved alone")
    style_axes(ax)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8)

    total = len(report.points)
    state = "holds" if report.holds_at_default else "does not hold"
    title = (f"'{report.verdict.claim}' {state} at the defaults; {int(report.points['flips_at'].notna().sum())} of "
             f"{total} settings can flip it alone, and it holds in {report.share:.0%} of joint draws")
    ax.set_title("\n".join(textwrap.wrap(title, 95)), fontsize=10)

    # Bottom: all settings drawn together.
    drivers = report.drivers.set_index("parameter").loc[list(shown["parameter"])]
    ax2.barh(rows + 0.2, drivers["share_low_half"], height=0.4, color=LOW_END["color"],
             label="setting in the low half of its range")
    ax2.barh(rows - 0.2, drivers["share_high_half"], height=0.4, color=HIGH_END["color"], hatch="//",
             edgecolor="white", label="setting in the high half of its range")
    ax2.axvline(report.share, color=OKABE_ITO["black"], linestyle="--", linewidth=1.2, label="all draws")
    ax2.set_yticks(rows, labels)
    ax2.set_xlim(0, 1)
    ax2.set_xlabel("share of joint draws in which the verdict holds")
    ax2.set_title(f"All {len(report.points)} settings drawn together ({len(report.samples) - report.refused} draws): "
                  "how often it holds in each half of a range", fontsize=10)
    style_axes(ax2)
    ax2.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=8)
    return fig


def describe_flip_chart(report: FlipReport, *, top: int = 8) -> str:
    """The flip chart in words, for screen readers and for the text under the figure."""
    _check(report, top)
    shown = _order(report, top)
    parts = [report.sentence(), "In the flip chart, each setting is moved alone from the low to the high end of its range:"]
    for row in shown.itertuples():
        label = report.params[row.parameter].label
        parts.append(f"{label}: from {row.low:g} to {row.high:g} the measure goes from "
                     f"{row.measure_low:.3g} to {row.measure_high:.3g}.")
    return " ".join(parts)
