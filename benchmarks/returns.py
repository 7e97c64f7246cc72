"""Benchmark: the ReturnsExplorer, lesson 08's interval checks and the export loader.

Run from the repository root::

    python benchmarks/returns.py            # about half a minute
    python benchmarks/returns.py --quick    # fewer repeats

For the explorer, as in ``benchmarks/run.py``: the model alone (target <= 10 ms), a
bare Agg redraw of the explorer's figure (the floor), a whole update as a slider
triggers it (target <= 1.3 x the bare redraw), and an update that moves an axis limit,
to limits seen before and (the worst case) never seen. Then lesson 08's coverage check
(``interval_studies.coverage_check``, target <= 0.5 s) and the flip analysis of its verdict (target
<= 8 s, a lesson cell), and the export loader on the two real files if they are beside the repository (``../shared/data/real``).
Prints medians (and the 10th-90th percentiles) and writes
``benchmarks/results/returns.json``.
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from run import axis_limit_rows, limit_checks, print_explorer, report, summary, timings  # noqa: E402  (the foundation's helpers)


def bench_returns(repeats):
    from smlearn import data
    from smlearn.models import uncertainty
    from smlearn.widgets import ReturnsExplorer

    posts = data.load("post_metrics")
    explorer = ReturnsExplorer(posts=posts)
    explorer.widget
    figure = explorer.figure
    samples = [0, 1]
    return {
        "model": summary(timings(lambda i: uncertainty.simulate(posts, seed=samples[i % 2]), repeats * 3)),
        "draw": summary(timings(lambda i: figure.canvas.draw(), repeats)),
        "update": summary(timings(lambda i: explorer.update(draw=samples[i % 2]), repeats)),
        **axis_limit_rows(explorer, lambda i: explorer.update(metric=["engagement_rate_reach", "ctr"][i % 2]),
                          repeats),
    }


def _uncached(function):
    """The function itself, not a kept answer: time the work, not a cache lookup."""
    return getattr(function, "__wrapped__", function)


def bench_other(repeats):
    from smlearn.exports import load_export
    from smlearn.models import interval_studies
    from smlearn.questions import measuring_returns

    # Lesson 08's honest intervals: the learner's coverage check, and the flip analysis of its verdict
    # (a lesson cell: a few seconds). verdict_report is cached, so its uncached function is timed.
    out = {}
    out["interval_studies.coverage_check(10), 200 data sets"] = summary(
        timings(lambda i: interval_studies.coverage_check(10, seed=i), max(5, repeats // 4), 1))
    out["lesson 08 verdict (flips.analyse)"] = summary(
        timings(lambda i: _uncached(measuring_returns.joint_report)(measuring_returns.SMALL["sample_size"]), 3, 0))
    real = REPO.parent / "shared" / "data" / "real"
    for name in ("dataset_Facebook.csv", "Live.csv"):
        if (real / name).is_file():
            out[f"load_export({name})"] = summary(timings(lambda i: load_export(real / name), max(5, repeats // 4), 1))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args(argv)
    repeats = 15 if args.quick else 60
    results = {"machine": {"python": platform.python_version(), "platform": platform.platform()},
               "ReturnsExplorer": bench_returns(repeats), "other": bench_other(repeats)}
    rows = results["ReturnsExplorer"]
    print_explorer("ReturnsExplorer", rows)
    checks = {"ReturnsExplorer: model <= 10 ms": rows["model"]["median_ms"] <= 10}
    checks.update({f"ReturnsExplorer: {check}": met for check, met in limit_checks(rows).items()})
    print(f"\n{'Other':<28}{'median ms':>10}{'p10-p90 ms':>16}")
    for label, row in results["other"].items():
        print(f"  {label:<36.36}{row['median_ms']:>10.1f}{row['p10_ms']:>8.1f}-{row['p90_ms']:<7.1f}")
    label = "interval_studies.coverage_check(10), 200 data sets"
    checks[f"{label} <= 500 ms"] = results["other"][label]["median_ms"] <= 500
    checks["lesson 08 verdict (flips.analyse) <= 8 s"] = results["other"]["lesson 08 verdict (flips.analyse)"]["median_ms"] <= 8000
    report(results, checks, "returns.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
