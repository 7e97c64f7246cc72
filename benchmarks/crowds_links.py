"""Benchmark for the crowds and links lessons: PageRank against networkx, and three explorers.

Run from the repository root::

    python benchmarks/crowds_links.py            # about a minute
    python benchmarks/crowds_links.py --quick    # fewer repeats and a 20,000-page graph

PageRank: :func:`smlearn.models.links.pagerank` and ``networkx.pagerank`` on the same
100,000-page web (Price's model, 5 links a page), with the same stopping rule (networkx
stops when the L1 change is below ``N * tol``; we pass it ``tol / N`` so both stop at an
L1 change of ``tol``). It reports both end to end (from the networkx graph) and our
power iteration alone (from the scipy.sparse matrix), and the largest difference
between the two answers. Target: ours >= 5 x faster end to end.

Explorers, as in ``benchmarks/run.py``: the model alone at its defaults (target <= 10
ms), a bare Agg redraw of the explorer's figure, and a whole update as a control
triggers it (target <= 1.3 x the bare redraw). Results go to
``benchmarks/results/crowds_links.json``.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.run import print_explorer, report, summary, timings  # noqa: E402  (the foundation's helpers)


def bench_pagerank(n_pages: int, repeats: int) -> dict:
    import networkx as nx
    import numpy as np

    from smlearn.models import links, networks

    tol = 1e-10
    start = time.perf_counter()
    web = links.web_graph(n_pages, 5, seed=1)
    built = time.perf_counter() - start
    _, matrix = networks.adjacency(web, weight="weight")
    ours = links.pagerank(web, tol=tol)
    theirs = nx.pagerank(web, tol=tol / n_pages, max_iter=1000)
    difference = float(np.max(np.abs(ours.to_numpy() - np.array([theirs[n] for n in ours.index]))))
    return {
        "pages": n_pages, "links": web.number_of_edges(), "graph build s": built,
        "max |ours - networkx|": difference,
        "smlearn pagerank(graph)": summary(timings(lambda i: links.pagerank(web, tol=tol), repeats, warmup=1)),
        "smlearn pagerank_matrix": summary(timings(lambda i: links.pagerank_matrix(matrix, tol=tol), repeats, warmup=1)),
        "networkx pagerank": summary(timings(lambda i: nx.pagerank(web, tol=tol / n_pages, max_iter=1000),
                                             repeats, warmup=1)),
    }


def bench_explorer(make, model, changes, repeats: int) -> dict:
    explorer = make()
    explorer.widget   # as in a notebook: update() also refreshes the image and the caption
    figure = explorer.figure
    return {
        "model": summary(timings(lambda i: model(), repeats * 3)),
        "draw": summary(timings(lambda i: figure.canvas.draw(), repeats)),
        "update": summary(timings(lambda i: explorer.update(**changes[i % len(changes)]), repeats)),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, a smaller graph")
    args = parser.parse_args(argv)
    repeats = 10 if args.quick else 40

    from smlearn.models import crowds, front_page, links
    from smlearn.widgets import FrontPageExplorer, LinkExplorer, MusicLabExplorer

    results = {"machine": {"python": platform.python_version(), "platform": platform.platform()}}
    results["PageRank"] = bench_pagerank(20_000 if args.quick else 100_000, 3 if args.quick else 5)
    # Each explorer: a control nudged back and forth, as a learner does.
    results["FrontPageExplorer"] = bench_explorer(
        FrontPageExplorer, lambda: front_page.simulate(seed=1),
        [{"attention_decay": 1.1}, {"attention_decay": 1.0}], repeats)
    results["MusicLabExplorer"] = bench_explorer(
        MusicLabExplorer, lambda: crowds.simulate(seed=1),
        [{"influence": 0.75}, {"influence": 0.7}], repeats)
    results["LinkExplorer"] = bench_explorer(
        LinkExplorer, lambda: links.simulate(seed=1),
        [{"content_quality": 0.55}, {"content_quality": 0.5}], repeats)

    pr = results["PageRank"]
    speedup = pr["networkx pagerank"]["median_ms"] / pr["smlearn pagerank(graph)"]["median_ms"]
    checks = {f"PageRank >= 5x networkx ({pr['pages']:,} pages)": speedup >= 5,
              "PageRank agrees with networkx to 1e-8": pr["max |ours - networkx|"] < 1e-8}
    for name in ("FrontPageExplorer", "MusicLabExplorer", "LinkExplorer"):
        row = results[name]
        checks[f"{name} model <= 10 ms"] = row["model"]["median_ms"] <= 10
        checks[f"{name} update / draw <= 1.3"] = row["update"]["median_ms"] / row["draw"]["median_ms"] <= 1.3

    print(f"PageRank on {pr['pages']:,} pages, {pr['links']:,} links (built in {pr['graph build s']:.1f} s); "
          f"largest difference from networkx {pr['max |ours - networkx|']:.1e}")
    for name in ("smlearn pagerank(graph)", "smlearn pagerank_matrix", "networkx pagerank"):
        row = pr[name]
        ratio = pr["networkx pagerank"]["median_ms"] / row["median_ms"]
        print(f"  {name:<26}{row['median_ms']:>10.1f} ms   {ratio:>5.1f} x networkx's speed")
    for name in ("FrontPageExplorer", "MusicLabExplorer", "LinkExplorer"):
        print_explorer(name, results[name])
    report(results, checks, "crowds_links.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
