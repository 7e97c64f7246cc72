"""Benchmark: the flip tool on the lessons' models, next to SALib's Morris screening.

Run from the repository root::

    pip install -e ".[bench]"          # SALib, the peer (optional: without it the peer is skipped)
    python benchmarks/flips.py         # about two minutes
    python benchmarks/flips.py --quick

For each case it reports, over several runs, the median wall time of
``smlearn.flips.analyse`` and of the same number of bare model runs, so the tool's own
cost is the difference. Targets: an analysis as a lesson runs it finishes in at most 5 s
on a 2-core machine, and the tool adds at most 25 % to the model runs it asks for.

The peer is SALib's Morris method (Morris 1991; Campolongo, Cariboni & Saltelli 2007),
the usual screening of which settings matter, given about the same number of model runs.
We time it, and compare what the two say decides the verdict: the Spearman rank
correlation between Morris's mu* of the verdict itself (1 holds, 0 not: how often a step
in a setting flips it) and our drivers' swing (how much more often it holds in one half
of a setting's range than in the other). It is reported, not held to a target: with a
few hundred runs both rankings are noisy for the many settings that matter little, and
Morris counts a run whose measure is undefined (0/0) as "does not hold", which we leave out.
Prints medians and writes ``benchmarks/results/flips.json``.
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from run import report, summary, timings  # noqa: E402  (the foundation's helpers)


def traffic_case():
    from smlearn import flips
    from smlearn.models import traffic

    def ratio(result):
        cost = traffic.cost_per_customer(result)
        return cost["push"] / cost["pull"]

    verdict = flips.Verdict("pull costs less per customer than push", ratio, threshold=1.0)
    return "traffic (lesson 02)", traffic.simulate, verdict, traffic.PARAMS, {}, 21, 128


def pipeline_case():
    from smlearn import flips
    from smlearn.models import pipeline

    def new_ties(result):
        return pipeline.summarize(result)["new_ties"]

    verdict = flips.Verdict("a year of this week makes more than 10 new ties", new_ties, threshold=10.0)
    return "pipeline (lessons 02c, 07)", pipeline.simulate, verdict, pipeline.PARAMS, {}, 11, 64


def recorded(model):
    """The model, keeping every set of settings it is called with."""
    calls = []

    def model_that_records(**settings):
        calls.append(settings)
        return model(**settings)
    return model_that_records, calls


def bare_runs(model, verdict, calls):
    """The very runs the analysis made (model and measure), without the tool: the floor."""
    def run(_):
        for settings in calls:
            try:
                with np.errstate(all="ignore"):
                    verdict.value(model(**settings))
            except ValueError:
                pass
    return run


def morris(model, verdict, params, fixed, names, runs):
    """SALib's Morris screening with about ``runs`` model runs; return (seconds function, mu*)."""
    from SALib.analyze import morris as morris_analyze
    from SALib.sample import morris as morris_sample

    problem = {"num_vars": len(names), "names": names,
               "bounds": [[params[n].min, params[n].max] for n in names]}
    trajectories = max(2, runs // (len(names) + 1))
    base = {name: p.default for name, p in params.items() if name not in fixed}
    base.update(fixed)
    out = {}

    def run(_):
        X = morris_sample.sample(problem, trajectories, num_levels=4, seed=0)
        Y = np.empty(len(X))
        for i, row in enumerate(X):
            settings = dict(base)
            for name, value in zip(names, row):
                settings[name] = int(round(value)) if params[name].integer else float(value)
            with np.errstate(all="ignore"):
                Y[i] = verdict.holds_for(verdict.value(model(**settings)))
        # Screening the verdict itself (1 holds, 0 not): mu* is how often a step in a setting flips it.
        out["mu_star"] = morris_analyze.analyze(problem, X, Y, num_levels=4)["mu_star"]
    return run, out


def spearman(a, b) -> float:
    from scipy.stats import spearmanr

    return float(spearmanr(a, b).statistic)


def bench_case(case, repeats):
    from smlearn import flips

    name, model, verdict, params, fixed, steps, samples = case
    names = [n for n, p in params.items() if n not in fixed and type(p).__name__ == "Param"]
    reports = []
    analysis = summary(timings(lambda i: reports.append(
        flips.analyse(model, verdict, params, fixed=fixed, steps=steps, samples=samples)), repeats, warmup=1))
    model_that_records, calls = recorded(model)
    flips.analyse(model_that_records, verdict, params, fixed=fixed, steps=steps, samples=samples)
    runs = len(calls)
    floor = summary(timings(bare_runs(model, verdict, calls), repeats, warmup=1))
    row = {"analysis": analysis, "bare model runs": floor, "runs": runs,
           "overhead": analysis["median_ms"] / floor["median_ms"], "share": reports[-1].share}
    try:
        peer, out = morris(model, verdict, params, fixed, names, runs)
    except ImportError:
        print(f"  {name}: SALib is not installed (pip install -e '.[bench]'); peer skipped")
        return name, row
    row["SALib Morris"] = summary(timings(peer, repeats, warmup=1))
    swing = reports[-1].drivers.set_index("parameter").loc[names, "swing"]
    row["rank agreement with Morris mu* (Spearman)"] = spearman(swing, out["mu_star"])
    return name, row


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, for a smoke test")
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else 7

    results = {"python": platform.python_version(), "machine": platform.machine(), "cases": {}}
    checks = {}
    for case in (traffic_case(), pipeline_case()):
        name, row = bench_case(case, repeats)
        results["cases"][name] = row
        print(f"\n{name}: {row['runs']} model runs")
        print(f"  flips.analyse    median {row['analysis']['median_ms']:8.0f} ms "
              f"(p10 {row['analysis']['p10_ms']:.0f}, p90 {row['analysis']['p90_ms']:.0f})")
        print(f"  bare model runs  median {row['bare model runs']['median_ms']:8.0f} ms; "
              f"tool / bare = {row['overhead']:.2f}")
        if "SALib Morris" in row:
            morris_ms = row["SALib Morris"]["median_ms"]
            print(f"  SALib Morris     median {morris_ms:8.0f} ms; flips / Morris = "
                  f"{row['analysis']['median_ms'] / morris_ms:.2f}; "
                  f"rank agreement (Spearman) {row['rank agreement with Morris mu* (Spearman)']:.2f}")
        checks[f"{name}: analysis <= 5 s"] = row["analysis"]["median_ms"] <= 5000
        checks[f"{name}: tool adds <= 25 % to its model runs"] = row["overhead"] <= 1.25
    report(results, checks, "flips.json")


if __name__ == "__main__":
    main()
