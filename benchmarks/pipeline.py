"""Benchmark: the stranger-to-tie pipeline, its two explorers and the search over a week's splits.

Run from the repository root::

    python benchmarks/pipeline.py            # about half a minute
    python benchmarks/pipeline.py --quick    # fewer repeats

For the PipelineExplorer (lesson 02c) and the WeekExplorer (lesson 07), as in ``benchmarks/run.py``: the model alone (target <= 10 ms), a
bare Agg redraw of the explorer's figure (the floor), a whole update as a slider triggers it
(target <= 1.3 x the bare redraw), and an update that moves an axis limit, to limits seen
before and (the worst case) never seen. Then ``pipeline.compare_splits`` over every split
of 5 and 8 hours in half hours (286 and 969 splits, all run at once by ``summarize_splits``;
target <= 1 s for 5 hours, what a lesson cell waits for). Prints medians (and the 10th-90th percentiles) and writes
``benchmarks/results/pipeline.json``.
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


def bench_explorer(repeats):
    from smlearn.models import pipeline
    from smlearn.widgets import PipelineExplorer

    explorer = PipelineExplorer()
    explorer.widget
    figure = explorer.figure
    upkeep = [2.0, 2.5]      # a slider step back and forth: the limits stay, the lines move
    horizons = [52, 104]     # the horizon moves the x axis: a new picture the first time
    return {
        "model": summary(timings(lambda i: pipeline.simulate(upkeep_hours=upkeep[i % 2]), repeats * 3)),
        "model, 156 weeks": summary(timings(lambda i: pipeline.simulate(weeks=156, upkeep_hours=upkeep[i % 2]),
                                            repeats)),
        "draw": summary(timings(lambda i: figure.canvas.draw(), repeats)),
        "update": summary(timings(lambda i: explorer.update(upkeep_hours=upkeep[i % 2]), repeats)),
        **axis_limit_rows(explorer, lambda i: explorer.update(weeks=horizons[i % 2]), repeats),
    }


def bench_week(repeats):
    from smlearn.widgets import WeekExplorer
    from smlearn.widgets.week import _kept_map, explore_week

    explorer = WeekExplorer()
    explorer.widget
    figure = explorer.figure
    shares = [0.5, 0.6]             # a find-side share: the map is kept, your split is rerun
    halves = [12.0, 13.0]           # a tie half-life: the whole map is recomputed

    def fresh_map(i, weeks):
        _kept_map.cache_clear()   # no kept map: the worst case of a slider move
        params = dict(explorer.params)
        params["tie_half_life"], params["weeks"] = halves[i % 2], weeks
        explore_week(**params)

    return {
        "model": summary(timings(lambda i: explore_week(**{**explorer.params, "media_share": shares[i % 2]}),
                                 repeats * 3)),
        "model, map recomputed": summary(timings(lambda i: fresh_map(i, 52), repeats)),
        "model, map recomputed, 156 weeks": summary(timings(lambda i: fresh_map(i, 156), repeats)),
        "draw": summary(timings(lambda i: figure.canvas.draw(), repeats)),
        "update": summary(timings(lambda i: explorer.update(media_share=shares[i % 2]), repeats)),
        **axis_limit_rows(explorer, lambda i: explorer.update(weeks=[52, 104][i % 2]), repeats),
    }


def bench_splits(repeats):
    from smlearn.models import pipeline

    few = max(3, repeats // 15)
    return {
        "compare_splits(5 h), 286 runs": summary(timings(lambda i: pipeline.compare_splits(5.0), few, 1)),
        "compare_splits(8 h), 969 runs": summary(timings(lambda i: pipeline.compare_splits(8.0), few, 1)),
        "bottleneck('leads'), 7 runs": summary(timings(lambda i: pipeline.bottleneck("leads"), repeats)),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args(argv)
    repeats = 15 if args.quick else 60
    results = {"machine": {"python": platform.python_version(), "platform": platform.platform()},
               "PipelineExplorer": bench_explorer(repeats), "WeekExplorer": bench_week(repeats),
               "splits": bench_splits(repeats)}
    checks = {}
    for name in ("PipelineExplorer", "WeekExplorer"):
        rows = results[name]
        print_explorer(name, rows)
        for label, row in rows.items():
            if label.startswith("model"):
                checks[f"{name}: {label} <= 10 ms"] = row["median_ms"] <= 10
        checks.update({f"{name}: {check}": met for check, met in limit_checks(rows).items()})
    print(f"\n{'Splits':<28}{'median ms':>10}{'p10-p90 ms':>16}")
    for label, row in results["splits"].items():
        print(f"  {label:<36.36}{row['median_ms']:>10.1f}{row['p10_ms']:>8.1f}-{row['p90_ms']:<7.1f}")
    checks["compare_splits(5 h) <= 1000 ms"] = results["splits"]["compare_splits(5 h), 286 runs"]["median_ms"] <= 1000
    report(results, checks, "pipeline.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
