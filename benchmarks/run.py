"""Benchmark: how quickly an explorer answers a slider move, and what bounds it.

Run from the repository root::

    python benchmarks/run.py            # about a minute
    python benchmarks/run.py --quick    # fewer repeats, for a smoke test

For each explorer it reports medians (and the 10th-90th percentile range) over many
updates in one run:

- model:          the model alone at its default settings (target <= 10 ms);
- draw:           a bare Agg redraw of the explorer's figure, nothing changed (the floor);
- draw + PNG:     the bare redraw plus encoding it as the PNG the explorer shows;
- update:         a whole explorer update as a slider triggers it: model, artists
                  changed in place, redraw and PNG (target <= 1.3 x the bare redraw);
                  only the changed artists are redrawn over a cached background;
- update, axis limits seen before: a slider that moves an axis limit (the horizon),
                  flipped between two values; the renderer keeps a picture per set
                  of limits, so after the first visit this is a quick redraw too;
- update, axis limits never seen: the worst case, the same change with the kept
                  pictures forgotten first, so the whole figure is drawn again;

and the cost of ``import smlearn`` in a fresh interpreter (``python -X importtime``;
target <= 0.3 s), next to the libraries a lesson loads on first use, for scale. Results are printed as a
table and written to ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def timings(function, repeats: int, warmup: int = 3) -> list[float]:
    """Call ``function(i)`` ``repeats`` times after a warm-up; return the times in milliseconds."""
    for i in range(warmup):
        function(i)
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        function(i)
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> dict:
    deciles = statistics.quantiles(times, n=10)
    return {"median_ms": statistics.median(times), "p10_ms": deciles[0], "p90_ms": deciles[-1], "n": len(times)}


def print_explorer(name: str, rows: dict) -> None:
    """Print one explorer's rows (median, p10-p90, ratio to its bare redraw ``rows["draw"]``)."""
    draw = rows["draw"]["median_ms"]
    print(f"\n{name:<34}{'median ms':>10}{'p10-p90 ms':>16}{'x draw':>9}")
    for label, row in rows.items():
        print(f"  {label:<32.32}{row['median_ms']:>10.2f}{row['p10_ms']:>8.1f}-{row['p90_ms']:<7.1f}"
              f"{row['median_ms'] / draw:>9.2f}")


def axis_limit_rows(explorer, change, repeats: int) -> dict:
    """Time ``change(i)``, a control that moves an axis limit, on limits seen before and never seen."""
    def first_visit(i):
        explorer.renderer.forget()               # no kept picture: a whole draw
        change(i)

    return {"update, axis limits seen before": summary(timings(change, repeats)),
            "update, axis limits never seen": summary(timings(first_visit, repeats))}


def limit_checks(rows: dict) -> dict:
    """The update targets, as ratios to the bare redraw: a slider move, and both axis-limit cases."""
    draw = rows["draw"]["median_ms"]
    return {f"{label} / draw <= 1.3": rows[label]["median_ms"] / draw <= 1.3
            for label in ("update", "update, axis limits seen before", "update, axis limits never seen")}


def report(results: dict, checks: dict, filename: str) -> None:
    """Print which targets were met, and save everything as ``benchmarks/results/<filename>``."""
    results["checks"] = checks
    print("\nTargets:")
    for check, passed in checks.items():
        print(f"  {'met ' if passed else 'MISSED'} {check}")
    out = REPO / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / filename).write_text(json.dumps(results, indent=2), encoding="utf-8")


def bench_push_pull(repeats: int) -> dict:
    from smlearn.models import traffic
    from smlearn.plots.style import png_bytes
    from smlearn.widgets import PushPullExplorer

    explorer = PushPullExplorer()
    explorer.widget  # build the widget too, so update() also refreshes the image and caption as in a notebook
    figure = explorer.figure
    # Alternate between two values, as a learner nudging a slider back and forth does.
    hours = [5.0, 5.5]
    horizons = [52, 40]  # a change of horizon changes the x-axis: new tick labels
    results = {
        "model": summary(timings(lambda i: traffic.simulate(push_hours=hours[i % 2]), repeats * 5)),
        "draw": summary(timings(lambda i: figure.canvas.draw(), repeats)),
        "draw + PNG": summary(timings(lambda i: png_bytes(figure), repeats)),
        "update": summary(timings(lambda i: explorer.update(push_hours=hours[i % 2]), repeats)),
        **axis_limit_rows(explorer, lambda i: explorer.update(periods=horizons[i % 2]), repeats),
    }
    return results


def import_time_ms(module: str) -> float:
    """Cumulative import time of ``module`` in a fresh interpreter, from ``python -X importtime``."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                         capture_output=True, text=True, check=True, cwd=REPO)
    for line in out.stderr.splitlines():
        # "import time: self [us] | cumulative | imported package"
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[2] == module:
            return int(parts[1]) / 1000
    raise RuntimeError(f"no import time reported for {module}")


def bench_import(repeats: int) -> dict:
    """``import smlearn`` and, for scale, the libraries a lesson loads later on first use."""
    return {module: summary([import_time_ms(module) for _ in range(repeats)])
            for module in ("smlearn", "numpy", "pandas", "matplotlib.pyplot", "ipywidgets")}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args(argv)
    repeats = 15 if args.quick else 60

    results = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "processor": platform.machine()},
        "PushPullExplorer": bench_push_pull(repeats),
        "import": bench_import(max(5, repeats // 4)),
    }
    explorer = results["PushPullExplorer"]
    imports = results["import"]
    import_cost = imports["smlearn"]["median_ms"]
    checks = {
        "model <= 10 ms": explorer["model"]["median_ms"] <= 10,
        **limit_checks(explorer),
        "import smlearn <= 300 ms": import_cost <= 300,
    }

    print(f"Python {results['machine']['python']} on {results['machine']['processor']}; medians over {repeats} updates\n")
    print_explorer("PushPullExplorer", explorer)
    print(f"\n{'import (fresh interpreter)':<28}{'median ms':>10}")
    for name, row in imports.items():
        print(f"  {name:<26}{row['median_ms']:>10.1f}")
    report(results, checks, "latest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
