"""The classic experiments on spreading: the models of :mod:`smlearn.models.diffusion` run many times.

The claim
---------
One run of a random process is one story. These functions run a spreading model many
times, with random seeds 0, 1, 2, ..., so that their answers are averages that come out
the same every time, and set them beside the published results they repeat:

- :func:`final_shares`: the final share reached by each of many runs of one model.
- :func:`clustered_vs_random`: Centola's (2010) comparison of a clustered network with the
  same ties shuffled: complex contagion spreads further where contacts share contacts.
- :func:`outbreak_sizes`: outbreak size against the chance that a tie passes it on, with
  the critical value of :func:`smlearn.models.diffusion_theory.epidemic_threshold`
  (Newman 2002).
- :func:`cascade_window`: how often one starter sets off a global threshold cascade, for
  each mean degree, beside Watts's (2002) window
  (:func:`smlearn.models.diffusion_theory.cascade_condition`).

What is measured and what is set
--------------------------------
The networks' sizes, the numbers of runs and the lattice of :func:`clustered_vs_random`
are ILLUSTRATIVE. Centola's 54 % and 38 % are MEASURED (his experiment); the reinforced
cascade's ``p1`` and ``p2`` were CALIBRATED to land near them (see
:mod:`smlearn.models.diffusion`), so that match is not a finding.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) these experiments pass things on along ties:
to all one's contacts at once (``ties-broadcast``) or person to person (``ties-two-way``).

References
----------
.. [1] Centola, D. (2010). The spread of behavior in an online social network
   experiment. Science 329, 1194-1197.
.. [2] Newman, M. E. J. (2002). Spread of epidemic disease on networks. Phys. Rev. E
   66, 016128.
.. [3] Watts, D. J. (2002). A simple model of global cascades on random networks.
   PNAS 99(9), 5766-5771.

Examples
--------
>>> import networkx as nx
>>> from smlearn.models import diffusion_experiments
>>> diffusion_experiments.final_shares(nx.path_graph(5), p=1.0, n_seeds=1, runs=3).tolist()
[1.0, 1.0, 1.0]
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from smlearn.models import diffusion
from smlearn.models.diffusion import choose_seeds, independent_cascade, prepare, reinforced_cascade, threshold
from smlearn.models.diffusion_theory import cascade_condition, epidemic_threshold, watts_window
from smlearn.params import Choice, Param, check_params, defaults_from

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("ties-broadcast", "ties-two-way")

__all__ = ["FRAME_CELLS", "final_shares", "CENTOLA_MODELS", "clustered_vs_random", "outbreak_sizes", "cascade_window"]


@defaults_from(diffusion.PARAMS)
def final_shares(G, *, model="independent cascade", runs=20, p, theta, theta_spread, neighbours,
                 p1, p2, beta, gamma, n_seeds, strategy, max_steps):
    """Run :func:`~smlearn.models.diffusion.simulate` ``runs`` times, with random seeds 0, 1, ..., runs - 1; return each run's final share.

    One run of a random process is one story; the average of many is what to compare.
    Every run uses the same network and settings and differs only in its random seed,
    so the answer is the same every time you call this. The network is turned into
    arrays once and reused by every run.

    Parameters
    ----------
    G : networkx graph
        The network (see :func:`~smlearn.models.diffusion.prepare` for directions).
    model : str
        One of :data:`MODELS`.
    runs : int
        How many runs (1 .. 10,000).
    p, theta, theta_spread, neighbours, p1, p2, beta, gamma, n_seeds, strategy, max_steps
        As in :func:`~smlearn.models.diffusion.simulate`.

    Returns
    -------
    numpy.ndarray
        ``runs`` numbers: the share of the network each run reached in the end. Take
        ``.mean()`` for the average share, or ``(shares > 0.1).mean()`` for the share of
        runs that reached over 10 %.

    Raises
    ------
    TypeError
        If ``runs`` is not a whole number (or another parameter has the wrong type).
    ValueError
        If ``runs`` is outside 1 .. 10,000, or a parameter is out of range.

    Examples
    --------
    On a chain of 5 people with p = 1, every run reaches everyone:

    >>> import networkx as nx
    >>> final_shares(nx.path_graph(5), p=1.0, n_seeds=1, runs=3).tolist()
    [1.0, 1.0, 1.0]

    With p = 0 each run reaches only its 2 starting people:

    >>> final_shares(nx.path_graph(10), p=0.0, n_seeds=2, runs=3).tolist()
    [0.2, 0.2, 0.2]
    """
    runs = Param("runs", 20, 1, 10_000, 1, "Runs", "runs").check(runs)
    g = prepare(G)                 # once, not once per run
    shares = np.zeros(runs)
    for run in range(runs):        # run number = random seed: 0, 1, 2, ...
        result = diffusion.simulate(g, model=model, p=p, theta=theta, theta_spread=theta_spread, neighbours=neighbours, p1=p1, p2=p2,
                        beta=beta, gamma=gamma, n_seeds=n_seeds, strategy=strategy, max_steps=max_steps, seed=run)
        shares[run] = result.final_share
    return shares


# ---- Centola's comparison: a clustered lattice against the same ties shuffled -------------------

CENTOLA_MODELS = ("reinforced cascade", "complex contagion", "independent cascade")


@functools.lru_cache(maxsize=8)
def _centola_pair(rows, columns, seed):
    """The clustered lattice and its shuffled copy, as SpreadGraphs (built once, then reused)."""
    from smlearn.models import networks

    lattice = networks.lattice_network(rows, columns)
    shuffled = networks.shuffle_keeping_degrees(lattice, seed=seed)
    return prepare(lattice), prepare(shuffled)


@defaults_from(diffusion.PARAMS)
def clustered_vs_random(*, model="reinforced cascade", p1, p2, p, neighbours, n_seeds=1,
                        runs=200, max_steps=40, rows=8, columns=16, network_seed=1):
    """Run a spread many times on a clustered lattice and on the same ties shuffled; average the curves.

    Centola's (2010) design: the same people with the same number of contacts each (6),
    either in a clustered lattice (:func:`smlearn.models.networks.lattice_network`, 128
    people by default) or with the ties shuffled at random, keeping everyone's degree
    (:func:`smlearn.models.networks.shuffle_keeping_degrees`). Each run starts from
    ``n_seeds`` people (one, and then their nearest contacts) and uses random seed 0, 1,
    ..., runs - 1; both networks get the same seeds.

    Parameters
    ----------
    model : str
        "reinforced cascade" (:func:`~smlearn.models.diffusion.reinforced_cascade` with ``p1``, ``p2``),
        "complex contagion" (a fixed threshold of ``neighbours`` contacts) or
        "independent cascade" (``p``).
    p1, p2, p, neighbours, n_seeds, max_steps
        As in :func:`~smlearn.models.diffusion.simulate`.
    runs : int
        Runs on each network (1 .. 2,000).
    rows, columns : int
        The lattice's size (see :func:`smlearn.models.networks.lattice_network`).
    network_seed : int
        The seed of the shuffle.

    Returns
    -------
    pandas.DataFrame
        One row per step 0 .. max_steps: ``step``, and ``clustered`` and ``random``, the
        mean share of people who have adopted by that step (a run that has stopped keeps
        its final share). The last row holds the final shares.

    Raises
    ------
    TypeError, ValueError
        If a setting has the wrong type or is out of range (each message names it).

    Examples
    --------
    >>> table = clustered_vs_random(p1=0.2, p2=0.5, runs=100)
    >>> final = table.iloc[-1]
    >>> bool(final["clustered"] > final["random"])
    True
    """
    Choice("model", "reinforced cascade", CENTOLA_MODELS, "Model").check(model)
    params = check_params(diffusion.PARAMS, {"p1": p1, "p2": p2, "p": p, "neighbours": neighbours, "max_steps": max_steps})
    runs = Param("runs", 200, 1, 2000, 1, "Runs", "runs").check(runs)
    rows = Param("rows", 8, 3, 100, 1, "Rows", "people").check(rows)
    columns = Param("columns", 16, 3, 100, 1, "Columns", "people").check(columns)
    n_seeds = Param("n_seeds", 1, 1, rows * columns, 1, "Starting people", "people").check(n_seeds)
    network_seed = Param("network_seed", 1, 0, 2**32 - 1, 1, "Network seed", "").check(network_seed)
    last = params["max_steps"]
    table = {"step": np.arange(last + 1)}
    for name, g in zip(("clustered", "random"), _centola_pair(rows, columns, network_seed)):
        adopted = np.zeros(last + 1)
        for run in range(runs):                      # run number = random seed
            rng = np.random.default_rng(run)
            starters = choose_seeds(g, n_seeds, "one cluster", seed=rng)
            if model == "reinforced cascade":
                result = reinforced_cascade(g, starters, params["p1"], params["p2"], max_steps=last, seed=rng)
            elif model == "complex contagion":
                result = threshold(g, starters, theta_spread=0.0, neighbours=params["neighbours"], max_steps=last, seed=rng)
            else:
                result = independent_cascade(g, starters, params["p"], max_steps=last, seed=rng)
            when = result.adopted_at[result.adopted_at >= 0]
            adopted += np.cumsum(np.bincount(when, minlength=last + 1))     # adopters by each step
        table[name] = adopted / (runs * g.n)
    return pd.DataFrame(table)


# ---- Two classic figures: outbreak size against T (Newman 2002), the cascade window (Watts 2002) ----

def outbreak_sizes(G, transmissibilities, *, runs=30, n_seeds=1):
    r"""Run an independent cascade with pass-on chance ``p = T`` for each ``T``; summarise the final sizes.

    In an independent cascade each tie passes the thing on at most once, with chance
    ``p``: ``p`` *is* the transmissibility ``T`` of Newman (2002). Below
    :func:`epidemic_threshold` outbreaks stay small; above it a finite share of the
    network can be reached.

    Parameters
    ----------
    G : networkx graph
        The network (undirected for the threshold to apply).
    transmissibilities : list of float
        The values of ``T`` to try, each from 0 to 1.
    runs : int
        Runs per value (random seeds 0 .. runs - 1), 1 .. 1,000.
    n_seeds : int
        Starting people per run (picked at random).

    Returns
    -------
    pandas.DataFrame
        One row per ``T``: ``T``, ``mean``, ``median``, ``low`` and ``high`` (the 10th and
        90th percentiles of the final share reached over the runs). ``attrs["T_c"]`` holds
        :func:`epidemic_threshold` of ``G`` and ``attrs["runs"]`` the number of runs.

    Raises
    ------
    TypeError, ValueError
        If ``transmissibilities`` is not a non-empty list of numbers from 0 to 1, or
        ``runs`` or ``n_seeds`` is out of range (each message names the parameter).

    Examples
    --------
    On a chain of 10 people with T = 1 everyone is reached; with T = 0 only the starter:

    >>> import networkx as nx
    >>> outbreak_sizes(nx.path_graph(10), [0.0, 1.0], runs=3)[["T", "median"]].values.tolist()
    [[0.0, 0.1], [1.0, 1.0]]
    """
    from smlearn.params import check_items, check_number

    values = check_items("transmissibilities", transmissibilities, what="transmissibilities from 0 to 1")
    checked = []
    for value in values:
        checked.append(check_number("transmissibilities", value, 0.0, 1.0))
    runs = Param("runs", 30, 1, 1000, 1, "Runs", "runs").check(runs)
    g = prepare(G)
    n_seeds = Param("n_seeds", 1, 1, max(1, g.n), 1, "Starting people", "people").check(n_seeds)
    rows = []
    for T in checked:
        shares = final_shares(g, model="independent cascade", runs=runs, p=T, n_seeds=n_seeds)
        rows.append({"T": T, "mean": shares.mean(), "median": np.median(shares),
                     "low": np.quantile(shares, 0.1), "high": np.quantile(shares, 0.9)})
    table = pd.DataFrame(rows)
    table.attrs["T_c"] = epidemic_threshold(G)
    table.attrs["runs"] = runs
    return table


@defaults_from(diffusion.PARAMS)
def cascade_window(mean_degrees, *, theta, n=1000, runs=30, big=0.1, network_seed=3):
    r"""How often one random starter sets off a global threshold cascade, for each mean degree ``z``.

    Watts's (2002) experiment: on a random network (:func:`smlearn.models.networks.random_network`)
    with mean degree ``z``, everyone adopts once a share ``theta`` of their contacts has.
    One random person starts; the cascade is *global* if it reaches over ``big`` of the
    network. Global cascades happen only inside a window of ``z``; :func:`cascade_condition`
    gives the window of a very large network.

    Parameters
    ----------
    mean_degrees : list of float
        Values of ``z`` to try (each above 0 and at most 30).
    theta : float
        Everyone's threshold.
    n : int
        People in each network (100 .. 5,000).
    runs : int
        Starters tried per network (random seeds 0 .. runs - 1), 1 .. 1,000.
    big : float
        The share reached that counts as global (above 0, below 1).
    network_seed : int
        The seed of every network.

    Returns
    -------
    pandas.DataFrame
        One row per ``z``: ``z``, ``cascades`` (the share of runs that went global),
        ``condition`` (Watts's number from :func:`cascade_condition`) and ``inside``
        (True where it is above 1: the window of a very large network).

    Raises
    ------
    TypeError, ValueError
        If a parameter is out of range (the message names it).

    Examples
    --------
    >>> table = cascade_window([0.5, 3.0, 9.0], n=500, runs=20)
    >>> table["inside"].tolist()
    [False, True, False]
    >>> bool(table["cascades"].iloc[1] > table["cascades"].iloc[0])
    True
    """
    from smlearn.models import networks
    from smlearn.params import check_items, check_number

    values = check_items("mean_degrees", mean_degrees, what="mean degrees above 0")
    zs = []
    for value in values:
        zs.append(check_number("mean_degrees", value, 0.0, 30.0, low_open=True))
    theta = check_params(diffusion.PARAMS, {"theta": theta})["theta"]
    n = Param("n", 1000, 100, 5000, 1, "People", "people").check(n)
    runs = Param("runs", 30, 1, 1000, 1, "Runs", "runs").check(runs)
    big = check_number("big", big, 0.0, 1.0, low_open=True)
    if big >= 1:
        raise ValueError(f"big must be below 1 (a share of the network); got {big!r}")
    network_seed = Param("network_seed", 3, 0, 2**32 - 1, 1, "Network seed", "").check(network_seed)
    rows = []
    for z in zs:
        G = networks.random_network(n, z, seed=network_seed)
        shares = final_shares(G, model="threshold", runs=runs, theta=theta, n_seeds=1)
        condition = cascade_condition(z, theta)
        rows.append({"z": z, "cascades": float((shares > big).mean()), "condition": condition,
                     "inside": bool(condition > 1)})
    table = pd.DataFrame(rows)
    table.attrs["theta"] = theta
    table.attrs["runs"] = runs
    table.attrs["window"] = watts_window(theta)
    table.attrs["big"] = big
    return table
