"""Benchmark: smlearn's spreading engine against NDlib, EoN and a plain networkx loop, in one run.

Run from the repository root (the peers are in the ``bench`` extra: ``pip install ndlib EoN``)::

    python benchmarks/diffusion.py            # several minutes: NDlib is slow on 100,000 people
    python benchmarks/diffusion.py --quick    # fewer repeats, no 100,000-person graph for the slow peers

Models, as close to identical as the peers allow (the same starting people in every
implementation, chosen by one seeded generator per run):

- independent cascade, p = 0.2 (above every graph's epidemic threshold), 10 random starters. NDlib: IndependentCascadesModel with
  every edge's threshold = p; EoN: basic_discrete_SIR (infectious for exactly one step,
  which is the independent cascade); networkx: a plain loop.
- threshold, theta = 0.1 (a share of contacts), 10 random starters. NDlib: ThresholdModel;
  EoN has no threshold model; networkx: a plain loop.
- SIR to extinction, beta = 0.1, gamma = 0.2, 10 random starters. NDlib: SIRModel (the same
  discrete-time rules); EoN: fast_nonMarkov_SIR given smlearn's discrete clocks (an
  infection lasts d ~ Geometric(gamma) steps and reaches each contact after
  t ~ Geometric(beta) steps if t <= d: the same model in distribution, drawn per tie), and
  fast_SIR, EoN's own continuous-time model with the same transmissibility
  T = beta/(beta + gamma - beta gamma) (a different model, marked "~": its final sizes are
  shown but not expected to agree on clustered networks); networkx: a plain loop.

Graphs: Barabási–Albert with n = 10,000 and 100,000 (m = 3), Watts–Strogatz n = 10,000
(k = 10, p = 0.1). smlearn converts each graph once (its conversion time is reported
separately); the peers get the networkx graph each run, as their users do.

First, final sizes are compared: for each peer the mean final size over its runs must lie
within 3 standard errors of smlearn's (a z-score is printed). Then the median milliseconds
per full run and smlearn's speed-up over each peer. Finally the explorers: on a 2,000-person
network, the model's share of a SpreadExplorer update (target <= 10 ms) and the whole
update against a bare redraw of its figure (target <= 1.3x), as in benchmarks/run.py.
Also the full-size Watts (2002) cascade window (n = 10,000), which the test suite runs
reduced. Results go to ``benchmarks/results/diffusion.json``.
"""

from __future__ import annotations

import argparse
import math
import platform
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402

from benchmarks.run import report  # noqa: E402  (the foundation's helpers)
from smlearn.models import diffusion, diffusion_experiments, networks  # noqa: E402

P_IC, THETA, BETA, GAMMA, STARTERS = 0.2, 0.1, 0.1, 0.2, 10


# ---- Plain networkx loops (what a learner would write first) ---------------------------------

def nx_cascade(G, seeds, p, rng):
    active, frontier = set(seeds), list(seeds)
    while frontier:
        new = []
        for u in frontier:
            for v in G.neighbors(u):
                if v not in active and rng.random() < p:
                    active.add(v)
                    new.append(v)
        frontier = new
    return len(active)


def nx_threshold(G, seeds, theta, rng):
    active, frontier = set(seeds), list(seeds)
    heard = {}
    while frontier:
        new = []
        for u in frontier:
            for v in G.neighbors(u):
                if v in active:
                    continue
                heard[v] = heard.get(v, 0) + 1
                if heard[v] >= math.ceil(theta * G.degree(v) - 1e-9):
                    active.add(v)
                    new.append(v)
        frontier = new
    return len(active)


def nx_sir(G, seeds, beta, gamma, rng):
    status = dict.fromkeys(G, 0)
    infected = list(seeds)
    for u in infected:
        status[u] = 1
    ever = len(infected)
    while infected:
        caught = []
        for u in infected:
            for v in G.neighbors(u):
                if status[v] == 0 and rng.random() < beta:
                    status[v] = 1
                    caught.append(v)
        still = []
        for u in infected:
            if rng.random() < gamma:
                status[u] = 2
            else:
                still.append(u)
        ever += len(caught)
        infected = still + caught
    return ever


# ---- NDlib and EoN -------------------------------------------------------------------------

def ndlib_run(kind, G, seeds):
    import ndlib.models.epidemics as ep
    import ndlib.models.ModelConfig as mc

    config = mc.Configuration()
    if kind == "cascade":
        model = ep.IndependentCascadesModel(G)
        for edge in G.edges():
            config.add_edge_configuration("threshold", edge, P_IC)
    elif kind == "threshold":
        model = ep.ThresholdModel(G)
        for node in G.nodes():
            config.add_node_configuration("threshold", node, THETA)
    else:
        model = ep.SIRModel(G)
        config.add_model_parameter("beta", BETA)
        config.add_model_parameter("gamma", GAMMA)
    config.add_model_initial_configuration("Infected", list(seeds))
    model.set_initial_status(config)
    previous = None
    while True:
        counts = model.iteration(node_status=False)["node_count"]
        if kind == "threshold":
            if counts == previous:
                return counts[1]
            previous = counts
        elif counts.get(1, 0) == 0 and model.actual_iteration > 1:
            return len(G) - counts.get(0, 0)


def eon_run(kind, G, seeds):
    import EoN

    if kind == "cascade":
        t, S, I, R = EoN.basic_discrete_SIR(G, P_IC, initial_infecteds=list(seeds))
        return len(G) - int(S[-1])
    if kind == "sir discrete":
        def clocks(node, contacts):
            lasts = int(np.random.geometric(GAMMA))                       # infectious steps
            delays = np.random.geometric(BETA, size=len(contacts))       # first success per tie
            return {v: int(t) for v, t in zip(contacts, delays) if t <= lasts}, lasts

        t, S, I, R = EoN.fast_nonMarkov_SIR(G, trans_and_rec_time_fxn=clocks, initial_infecteds=list(seeds))
        return len(G) - int(S[-1])
    if kind == "sir":
        T = BETA / (BETA + GAMMA - BETA * GAMMA)
        t, S, I, R = EoN.fast_SIR(G, tau=T / (1 - T), gamma=1.0, initial_infecteds=list(seeds))
        return len(G) - int(S[-1])
    return None


def smlearn_run(kind, g, seeds, rng):
    if kind == "cascade":
        return diffusion.independent_cascade(g, seeds, P_IC, seed=rng).final_size
    if kind == "threshold":
        return diffusion.threshold(g, seeds, THETA, seed=rng).final_size
    return diffusion.sir(g, seeds, BETA, GAMMA, seed=rng).final_size


# ---- Timing -------------------------------------------------------------------------------

def timed(function, repeats):
    """Run function(i) for i in range(repeats); return (list of ms, list of results)."""
    times, results = [], []
    for i in range(repeats):
        start = time.perf_counter()
        results.append(function(i))
        times.append((time.perf_counter() - start) * 1000)
    return times, results


def compare_graph(name, G, repeats, peer_repeats, skip_slow):
    start = time.perf_counter()
    g = diffusion.prepare(G)
    convert_ms = (time.perf_counter() - start) * 1000
    nodes = list(G)
    starters = [list(np.random.default_rng(1000 + i).choice(len(nodes), STARTERS, replace=False)) for i in range(repeats)]
    rows = {}
    for kind in ("cascade", "threshold", "sir"):
        diffusion_seeds = [[nodes[j] for j in s] for s in starters]
        smlearn_run(kind, g, diffusion_seeds[0], np.random.default_rng(0))   # warm-up
        ms, sizes = timed(lambda i: smlearn_run(kind, g, diffusion_seeds[i], np.random.default_rng(i)), repeats)
        row = {"smlearn": {"median_ms": statistics.median(ms), "mean_size": float(np.mean(sizes)),
                           "sd_size": float(np.std(sizes, ddof=1)) if len(sizes) > 1 else 0.0, "runs": repeats}}
        peers = {
            "networkx loop": lambda i: {"cascade": nx_cascade, "threshold": nx_threshold}[kind](
                G, diffusion_seeds[i], P_IC if kind == "cascade" else THETA, random.Random(i))
            if kind != "sir" else nx_sir(G, diffusion_seeds[i], BETA, GAMMA, random.Random(i)),
            "EoN": (lambda i: eon_run("sir discrete" if kind == "sir" else kind, G, diffusion_seeds[i]))
            if kind != "threshold" else None,
            "EoN ~": (lambda i: eon_run(kind, G, diffusion_seeds[i])) if kind == "sir" else None,
            "NDlib": lambda i: ndlib_run(kind, G, diffusion_seeds[i]),
        }
        for peer, function in peers.items():
            if function is None:
                continue
            runs = peer_repeats.get(peer.split()[0], repeats)
            if skip_slow and peer == "NDlib" and len(G) > 20_000:
                continue
            random.seed(7)
            np.random.seed(7)   # NDlib and EoN draw from the global generators
            peer_ms, peer_sizes = timed(function, runs)
            se = row["smlearn"]["sd_size"] * math.sqrt(1 / repeats + 1 / runs)
            z = (np.mean(peer_sizes) - row["smlearn"]["mean_size"]) / se if se > 0 else (
                0.0 if np.allclose(peer_sizes, row["smlearn"]["mean_size"]) else math.inf)
            row[peer] = {"median_ms": statistics.median(peer_ms), "mean_size": float(np.mean(peer_sizes)),
                         "runs": runs, "z": float(z),
                         "agree": bool(abs(z) < 3) if not peer.endswith("~") else None,   # "~": another model
                         "speed_up": statistics.median(peer_ms) / row["smlearn"]["median_ms"]}
        rows[kind] = row
    return {"graph": name, "n": len(G), "edges": G.number_of_edges(), "convert_ms": convert_ms, "models": rows}


# ---- Explorers ---------------------------------------------------------------------------

def bench_explorers(repeats):
    from smlearn.widgets import NetworkExplorer, SpreadExplorer
    from smlearn.widgets.spread import build_network

    out = {}
    g = diffusion.prepare(build_network("friendship", 2000, 6, 0.1, 1))
    explorer = SpreadExplorer(n=2000)
    explorer.widget
    figure = explorer.figure
    values = [0.3, 0.31]
    model_ms, _ = timed(lambda i: diffusion.simulate(g, model="independent cascade", p=values[i % 2], seed=1), repeats * 3)
    sir_ms, _ = timed(lambda i: diffusion.simulate(g, model="SIR", beta=[0.1, 0.11][i % 2], seed=1), repeats * 3)
    draw_ms, _ = timed(lambda i: figure.canvas.draw(), repeats)
    update_ms, _ = timed(lambda i: explorer.update(p=values[i % 2]), repeats)
    step_ms, _ = timed(lambda i: explorer.update(step=[5, 6][i % 2]), repeats)
    out["SpreadExplorer (2,000 people)"] = {
        "model: independent cascade": statistics.median(model_ms), "model: SIR": statistics.median(sir_ms),
        "draw": statistics.median(draw_ms), "update (pass-on chance)": statistics.median(update_ms),
        "update (step)": statistics.median(step_ms)}
    explorer = NetworkExplorer()
    explorer.widget
    figure = explorer.figure
    model_ms, _ = timed(lambda i: networks.simulate(n=300, mean_degree=6, rewire=[0.1, 0.11][i % 2], follow_back=0.05, seed=1), repeats)
    draw_ms, _ = timed(lambda i: figure.canvas.draw(), repeats)
    update_ms, _ = timed(lambda i: explorer.update(rewire=[0.1, 0.11][i % 2]), repeats)
    out["NetworkExplorer (300 people)"] = {"model": statistics.median(model_ms), "draw": statistics.median(draw_ms),
                                           "update (shortcuts)": statistics.median(update_ms)}
    return out


def bench_new_options(G, repeats):
    """The dose-response and spread-threshold options on the 100,000-person graph, and Centola's comparison.

    The reinforced cascade with p2 == p1 is the independent cascade, so it must cost about
    the same; spread thresholds add one normal draw per person. clustered_vs_random is what
    lesson 04's cells and its flip analysis call (200 runs on each of two 128-person networks).
    """
    g = diffusion.prepare(G)
    starters = [list(np.random.default_rng(1000 + i).choice(g.n, STARTERS, replace=False)) for i in range(repeats)]
    diffusion.reinforced_cascade(g, starters[0], P_IC, P_IC, seed=0)           # warm-up
    same_ms, _ = timed(lambda i: diffusion.reinforced_cascade(g, starters[i], P_IC, P_IC, seed=i), repeats)
    reinforced_ms, _ = timed(lambda i: diffusion.reinforced_cascade(g, starters[i], 0.1, 0.5, seed=i), repeats)
    spread_ms, _ = timed(lambda i: diffusion.threshold(g, starters[i], THETA, theta_spread=0.05, seed=i), repeats)
    diffusion_experiments.clustered_vs_random(runs=10)                                     # builds the two networks once
    centola_ms, _ = timed(lambda i: diffusion_experiments.clustered_vs_random(runs=200), 3)
    return {"reinforced cascade p1 = p2 = 0.2": statistics.median(same_ms),
            "reinforced cascade p1 = 0.1, p2 = 0.5": statistics.median(reinforced_ms),
            "threshold with theta_spread = 0.05": statistics.median(spread_ms),
            "clustered_vs_random, 200 runs": statistics.median(centola_ms)}


def watts_window(n, graphs, starters):
    """Share of single starters that trigger a cascade over 10 % (theta = 0.18), by mean degree."""
    window = {}
    for z in (0.5, 1, 1.5, 2, 3, 4, 5, 6, 7, 8, 10):
        hits = []
        for s in range(graphs):
            g = diffusion.prepare(networks.random_network(n, float(z), seed=s))
            hits += [diffusion.threshold(g, 1, 0.18, seed=1000 * s + i).final_share > 0.1 for i in range(starters)]
        window[z] = float(np.mean(hits))
    return window


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats; NDlib only on the 10,000-person graphs")
    args = parser.parse_args(argv)
    repeats = 10 if args.quick else 25
    peer_repeats = {"networkx": 3 if args.quick else 5, "EoN": 3 if args.quick else 5, "NDlib": 1 if args.quick else 3}

    graphs = {
        "BA n=10,000 m=3": nx.barabasi_albert_graph(10_000, 3, seed=1),
        "WS n=10,000 k=10 p=0.1": nx.watts_strogatz_graph(10_000, 10, 0.1, seed=1),
        "BA n=100,000 m=3": nx.barabasi_albert_graph(100_000, 3, seed=1),
    }
    results = {"machine": {"python": platform.python_version(), "platform": platform.platform()}, "graphs": []}
    for name, G in graphs.items():
        slow = dict(peer_repeats, NDlib=1) if len(G) > 20_000 else peer_repeats
        print(f"running {name} ...", flush=True)
        results["graphs"].append(compare_graph(name, G, repeats, slow, skip_slow=args.quick))

    print(f"\nPython {results['machine']['python']}; medians in ms per full run (smlearn over {repeats} runs)\n")
    header = f"{'graph':<24}{'model':<11}{'peer':<15}{'ms':>10}{'smlearn ms':>12}{'speed-up':>10}{'sizes agree (z)':>18}"
    print(header)
    for graph in results["graphs"]:
        for kind, row in graph["models"].items():
            sm = row["smlearn"]
            print(f"{graph['graph']:<24}{kind:<11}{'smlearn':<15}{sm['median_ms']:>10.2f}{'':>12}{'':>10}"
                  f"{'size ' + format(sm['mean_size'], ',.0f'):>18}")
            for peer, r in row.items():
                if peer == "smlearn":
                    continue
                verdict = f"{ {True: 'yes', False: 'NO', None: 'n/a'}[r['agree']]} ({r['z']:+.1f})"
                print(f"{'':<24}{'':<11}{peer:<15}{r['median_ms']:>10.1f}{sm['median_ms']:>12.2f}"
                      f"{r['speed_up']:>9.0f}x{verdict:>18}")
        print(f"{'':<24}(smlearn converts this graph once in {graph['convert_ms']:.0f} ms)")

    explorers = bench_explorers(15 if args.quick else 40)
    print("\nExplorers (median ms)")
    for name, row in explorers.items():
        print(f"  {name}")
        for key, value in row.items():
            print(f"    {key:<30}{value:>8.2f}  ({value / row['draw']:.2f} x draw)")
    results["explorers"] = explorers

    options = bench_new_options(graphs["BA n=100,000 m=3"], repeats)
    results["new_options"] = options
    print("\nDose response and spread thresholds (BA n = 100,000), and Centola's comparison (median ms)")
    for key, value in options.items():
        print(f"  {key:<40}{value:>8.1f}")

    window = watts_window(10_000, 2 if args.quick else 3, 20 if args.quick else 40)
    results["watts_2002_window"] = window
    print("\nWatts (2002) window, n = 10,000, theta = 0.18: share of single starters that cascade")
    print("  " + "  ".join(f"z={z:g}: {share:.2f}" for z, share in window.items()))

    big = next(g for g in results["graphs"] if g["n"] == 100_000)["models"]
    spread_explorer = explorers["SpreadExplorer (2,000 people)"]
    checks = {
        "every model >= 100x faster than NDlib": all(
            r["NDlib"]["speed_up"] >= 100 for g in results["graphs"] for r in g["models"].values() if "NDlib" in r),
        "faster than EoN": all(r[p]["speed_up"] > 1 for g in results["graphs"] for r in g["models"].values()
                               for p in r if p.startswith("EoN")),
        "100k independent cascade <= 15 ms": big["cascade"]["smlearn"]["median_ms"] <= 15,
        "100k threshold <= 10 ms": big["threshold"]["smlearn"]["median_ms"] <= 10,
        "100k SIR to extinction <= 150 ms": big["sir"]["smlearn"]["median_ms"] <= 150,
        "100k reinforced cascade <= 15 ms": max(options["reinforced cascade p1 = p2 = 0.2"],
                                                options["reinforced cascade p1 = 0.1, p2 = 0.5"]) <= 15,
        "100k threshold with spread thresholds <= 15 ms": options["threshold with theta_spread = 0.05"] <= 15,
        "clustered_vs_random (200 runs) <= 1,000 ms": options["clustered_vs_random, 200 runs"] <= 1000,
        "final sizes agree with every peer running the same model": all(
            r[p]["agree"] for g in results["graphs"] for r in g["models"].values()
            for p in r if p != "smlearn" and r[p]["agree"] is not None),
        "SpreadExplorer model <= 10 ms": max(spread_explorer["model: independent cascade"],
                                             spread_explorer["model: SIR"]) <= 10,
        "SpreadExplorer update <= 1.3 x draw": spread_explorer["update (pass-on chance)"] / spread_explorer["draw"] <= 1.3,
        "NetworkExplorer update <= 1.3 x draw": explorers["NetworkExplorer (300 people)"]["update (shortcuts)"]
        / explorers["NetworkExplorer (300 people)"]["draw"] <= 1.3,
    }
    report(results, checks, "diffusion.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
