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

from smlearn.flips import FlipReport, as_written
from smlearn.plots.style import OKABE_ITO, new_figure, style_axes

__all__ = ["flip_chart", "describe_flip_chart"]

LOW_END = {"color": OKABE_ITO["orange"], "marker": "o", "label": "setting at the low end of its range"}
HIGH_END = {"color": OKABE_ITO["blue"], "marker": "s", "label": "setting at the high end of its range"}


def _check(report, top):
    if not isinstance(report, FlipReport):
        raise TypeError(f"report must be a FlipReport from smlearn.flips.analyse; got {type(report).__name__}")
    if isinstance(top, bool) or not isinstance(top, int) or not 1 <= top <= 30:
        raise ValueError(f"top must be a whole number from 1 to 30; got {top!r}")


def _order(report, top):
    """The ``top`` settings, in the order the report's sentence names them."""
    return report.ordered().head(top)


def _sweep_range(report, name):
    """The lowest and highest measure of one setting's sweep (a measure can rise and then fall)."""
    measures = report.sweeps.loc[report.sweeps["parameter"] == name, "measure"].dropna()
    return (measures.min(), measures.max()) if len(measures) else (np.nan, np.nan)


def _set_scale(ax, values, line) -> None:
    """A measure spanning orders of magnitude (a ratio, a cost) is read on a log-like axis."""
    finite = [v for v in [*values, line] if v == v and math.isfinite(v)]
    positive = [v for v in finite if v > 0]
    if len(positive) < 2 or min(finite) < 0 or max(positive) / min(positive) <= 100:
        return
    if len(positive) == len(finite):
        ax.set_xscale("log")
    else:   # zeros too: linear near zero (up to a tenth of the verdict's line), logarithmic beyond
        ax.set_xscale("symlog", linthresh=line / 10 if line > 0 else min(positive))


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
    ranges = [_sweep_range(report, name) for name in shown["parameter"]]
    ends = [*shown["measure_low"], *shown["measure_high"], *[v for r in ranges for v in r]]
    line = report.verdict.line
    _set_scale(ax, ends, line)
    finite = [v for v in [*ends, line, report.default_measure] if v == v and math.isfinite(v)]
    edge_low, edge_high = min(finite), max(finite)

    def on_axis(value):    # an infinite measure (a channel with no customers) is drawn at the edge
        return min(max(value, edge_low), edge_high) if value == value else np.nan

    for y, row, (lowest, highest) in zip(rows, shown.itertuples(), ranges):
        # The grey bar spans every measure of the sweep, so a measure that rises and falls shows it.
        ax.plot([on_axis(lowest), on_axis(highest)], [y, y], color="#888888", linewidth=2, zorder=1)
        low, high = on_axis(row.measure_low), on_axis(row.measure_high)
        ax.scatter([low], [y], s=45, zorder=2, color=LOW_END["color"], marker=LOW_END["marker"])
        ax.scatter([high], [y], s=45, zorder=2, color=HIGH_END["color"], marker=HIGH_END["marker"])
    ax.scatter([], [], **LOW_END)
    ax.scatter([], [], **HIGH_END)
    side = "right" if report.verdict.holds == "above" else "left"
    ax.axvline(line, color=OKABE_ITO["black"], linestyle="--", linewidth=1.2,
               label=f"where the verdict flips: it holds to the {side}" if report.verdict.threshold is not None
               else "1 = holds, 0 = does not")
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
             f"{total} settings can flip it alone, and it holds in {100 * report.share:.0f} % of joint draws"
             f" ({len(shown)} of {total} settings shown)")
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
    bottom = (f"The {len(report.points)} settings drawn together ({len(report.samples) - report.refused} draws): "
              "how often it holds when a setting is in the low or high half of its range")
    ax2.set_title("\n".join(textwrap.wrap(bottom, 95)), fontsize=10)
    style_axes(ax2)
    ax2.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=8)
    return fig


def describe_flip_chart(report: FlipReport, *, top: int = 8) -> str:
    """The flip chart in words, for screen readers and for the text under the figure."""
    _check(report, top)
    shown = _order(report, top)
    side = "above" if report.verdict.holds == "above" else "below"
    line = (f"The verdict holds when the measure is {side} {as_written(report.verdict.line)}."
            if report.verdict.threshold is not None else "The measure is 1 when the verdict holds, 0 when not.")
    parts = [report.sentence(), f"In the flip chart, each setting is moved alone from the low to the high end of its "
             f"range ({len(shown)} of {len(report.points)} shown). {line}"]
    for row in shown.itertuples():
        label = report.params[row.parameter].label
        parts.append(f"{label}: from {as_written(row.low)} to {as_written(row.high)} the measure goes from "
                     f"{as_written(row.measure_low)} to {as_written(row.measure_high)}.")
    parts.append("In the joint draws, the second panel compares how often the verdict holds when each setting is in "
                 "the low or the high half of its range: a setting can decide it in combination with others "
                 "without flipping it alone.")
    return " ".join(parts)
