"""Benchmark: the speeds the test suite no longer asserts, and the instructor's quick loop.

Run from the repository root::

    python benchmarks/quick_loop.py            # about half a minute
    python benchmarks/quick_loop.py --quick    # fewer repeats
    python benchmarks/quick_loop.py --lessons 00 02 05   # also time `smlearn check NN` (about a minute each)

A test that asserts a time fails on a busy machine although nothing is wrong, so the tests check
what a function does and the times are measured here, as medians (and the 10th-90th percentiles)
with a target each:

- ``networks.random_network`` refusing a network too big for a lesson (20,000 people all tied, and
  2,000,000 people): the refusal must come before any work (target <= 1 s for both; it was a
  timed assert in tests/models/test_networks.py). Its ratio is to building the largest network the
  cap allows (1,000 people all tied): a refusal should cost a tiny fraction of that;
- lesson 02b's ``push_wins`` check on a right answer (the sweep over network sizes the exercise
  asks for): the learner waits for it in a cell (target <= 10 s; it was a timed assert in
  tests/lessons/test_lessons_push_pull.py). Its ratio is to one run of the learner's sweep: the check
  runs it on 4 named cases and 8 drawn at random;
- with ``--lessons``: ``smlearn check NN``, one lesson's notebook and the tests that concern it
  (target <= 60 s each), next to ``pytest`` on the lesson's notebook alone (the ratio).

Results are printed and written to ``benchmarks/results/quick_loop.json``.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from run import report, summary, timings  # noqa: E402  (the foundation's helpers)


def bench_refusal(repeats: int) -> dict:
    from smlearn.models.networks import random_network

    def refuse_both(i):
        for n, mean_degree in ((20_000, 19_999.0), (2_000_000, 0.5)):
            try:
                random_network(n, mean_degree)
            except ValueError:
                continue
            raise AssertionError(f"random_network({n}, {mean_degree}) was not refused")

    return {"refuse both oversize networks": summary(timings(refuse_both, repeats)),
            "build the largest allowed (1,000 all tied)": summary(
                timings(lambda i: random_network(1000, 999.0, seed=i), max(3, repeats // 10), warmup=1))}


def smallest_network(lead_rate_push, close_rate_push):
    """A learner's right answer to lesson 02b's push_wins: the sweep the exercise asks for."""
    from smlearn.models import traffic

    for size in range(100, 5001, 100):
        cost = traffic.cost_per_customer(traffic.simulate(network_size=size, lead_rate_push=lead_rate_push,
                                                          close_rate_push=close_rate_push))
        if cost["push"] < cost["pull"]:
            return size
    return None


def bench_push_wins(repeats: int) -> dict:
    from smlearn.questions import when_push_wins as argue

    def check(i):
        assert argue.push_wins.check(smallest_network).correct

    never = argue.push_wins.cases[-1].args        # lesson 02's rates: the sweep runs all 50 sizes
    return {"push_wins.check(a right sweep)": summary(timings(check, max(3, repeats // 10), warmup=1)),
            "one sweep (lesson 02's rates, all sizes)": summary(
                timings(lambda i: smallest_network(*never), max(3, repeats // 10), warmup=1))}


def wall_seconds(command: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    code = subprocess.call(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, code


def bench_lesson_checks(lessons: list[str]) -> dict:
    """``smlearn check NN`` and pytest on the notebook alone, once each (a minute is a long repeat)."""
    from smlearn.checks import lesson_check_command
    from smlearn.course import load_course

    course = load_course()
    out = {}
    for lesson in lessons:
        check, code = wall_seconds(lesson_check_command(lesson, ["-q"]))
        notebook, _ = wall_seconds([sys.executable, "-m", "pytest", "-q", f"notebooks/{course.lesson(lesson).file}"])
        out[lesson] = {"smlearn check s": check, "passed": code == 0, "notebook alone s": notebook}
        print(f"  smlearn check {lesson}: {check:.0f} s ({'passed' if code == 0 else f'exit {code}'}); "
              f"the notebook alone {notebook:.0f} s", flush=True)
    return out


def print_rows(title: str, rows: dict, reference: str) -> None:
    base = rows[reference]["median_ms"]
    print(f"\n{title:<44}{'median ms':>10}{'p10-p90 ms':>16}{'ratio':>9}")
    for label, row in rows.items():
        print(f"  {label:<42.42}{row['median_ms']:>10.4g}{row['p10_ms']:>8.4g}-{row['p90_ms']:<7.4g}"
              f"{row['median_ms'] / base:>9.2g}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--lessons", nargs="*", default=[], metavar="NN", help="also time `smlearn check NN`")
    args = parser.parse_args(argv)
    repeats = 15 if args.quick else 60
    results = {"machine": {"python": platform.python_version(), "platform": platform.platform()},
               "random_network": bench_refusal(repeats), "push_wins": bench_push_wins(repeats)}
    print_rows("random_network (ratio to the largest build)", results["random_network"],
               "build the largest allowed (1,000 all tied)")
    print_rows("lesson 02b push_wins (ratio to one sweep)", results["push_wins"],
               "one sweep (lesson 02's rates, all sizes)")
    checks = {
        "random_network refuses both oversize networks <= 1 s":
            results["random_network"]["refuse both oversize networks"]["median_ms"] <= 1000,
        "push_wins.check(a right sweep) <= 10 s": results["push_wins"]["push_wins.check(a right sweep)"]["median_ms"] <= 10_000,
    }
    if args.lessons:
        print("\nThe instructor's quick loop (one run each, wall-clock):")
        results["smlearn check"] = bench_lesson_checks(args.lessons)
        for lesson, row in results["smlearn check"].items():
            checks[f"smlearn check {lesson} <= 60 s"] = row["smlearn check s"] <= 60
    report(results, checks, "quick_loop.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
