r"""How things spread on a network: cascades, thresholds and epidemics.

The claim
---------
Source D says both social media and social networking depend on *going viral*. Going
viral is a spreading process, and there are several kinds. This module has four, on a
network (the Bass model, with no network, is :mod:`smlearn.models.bass`; the theory that
says where each can spread is :mod:`smlearn.models.diffusion_theory`, and the classic
experiments that run them many times are :mod:`smlearn.models.diffusion_experiments`).
The functions named here run them; the rules themselves, one step and one person at a time,
are in :func:`cascade_rules`, :func:`threshold_rules`, :func:`reinforced_rules` and
:func:`sir_rules` (type ``diffusion.cascade_rules??`` to read one):

- :func:`independent_cascade`: *simple contagion*. When you adopt, you get one chance
  to pass it on to each person who hears from you, with probability ``p``.
- :func:`threshold`: *complex contagion*. You adopt once a share ``theta`` of the people
  you hear from have adopted (or, with ``neighbours=2``, once two of them have). With
  ``theta_spread`` above 0 people differ: each has their own threshold (Watts 2002).
- :func:`reinforced_cascade`: complex contagion by chance, a *dose response*. Each new
  adopting contact gives you one chance to adopt: ``p1`` from your first, ``p2`` from
  each later one. With ``p2 > p1`` hearing it again helps (Centola's "social
  reinforcement"); with ``p2 == p1`` it is the independent cascade.
- :func:`sir`: an epidemic. Infected people infect each susceptible contact with
  probability ``beta`` per step and recover with probability ``gamma`` per step.

The equations
-------------
On a network, a person ``j`` who hears from ``c`` people who are trying to pass
something on catches it with probability

.. math::

    1 - (1 - p)^{c} ,

the chance that at least one of the ``c`` independent tries succeeds. Drawing one random
number per person with this probability is the same, in distribution, as drawing one per
tie, and much faster.

Rules and engine
----------------
Each network model is written twice. The *rules* (:func:`cascade_rules`,
:func:`threshold_rules`, :func:`reinforced_rules`, :func:`sir_rules`) say what happens,
one step and one person at a time, with plain loops over people (numpy only draws the
random numbers): read them to see the model.
The entry points (:func:`independent_cascade`, :func:`threshold`,
:func:`reinforced_cascade`, :func:`sir`, and :func:`simulate` on top of them) check what they are given and hand the run to a fast *engine*,
:mod:`smlearn.models.engines.spread`, which applies the same rules to whole arrays:
the network is turned once into a :class:`~smlearn.models.engines.spread.SpreadGraph` (see :func:`prepare`), and
each step touches only the ties of the people who just changed. The engine draws the
same random numbers in the same order as the rules, so ``tests/models/test_diffusion.py``
checks that both give exactly the same runs (the cascade, the threshold and the
reinforced cascade). For SIR the engine draws its randomness first (how long each
person stays infectious, when each tie would pass it on): it gives exactly the runs of
:func:`sir_clock_rules`, which writes that way out plainly, and a test checks that
these epidemics agree in distribution with those of :func:`sir_rules`. In a follower network (an edge ``u -> v``
means *u follows v*) things spread from an account to its followers, against the
arrows.

Every default in :data:`PARAMS` is ILLUSTRATIVE, except the reinforced cascade's ``p1 = 0.2`` and ``p2 = 0.5``, which are CALIBRATED: chosen by
trying a few pairs until :func:`smlearn.models.diffusion_experiments.clustered_vs_random` landed near Centola's (2010) 54 % and
38 % (it gives about 49 % and 39 %). Nobody has measured them; a match with Centola's
figures at these values is therefore not a finding.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) spreading crosses cells. A post in
followers' feeds is ``find-broadcast``; passing a thing on to all your
contacts is ``ties-broadcast``; word of mouth between people who know each other, and the
several nudges of complex contagion, are ``ties-two-way``. This is where content gets
passed around people's networks (Source A), the place where the channels meet.

References
----------
.. [1] Kempe, D., Kleinberg, J. and Tardos, É. (2003). Maximizing the spread of
   influence through a social network. Proc. KDD '03, 137-146.
.. [2] Granovetter, M. (1978). Threshold models of collective behavior. American
   Journal of Sociology 83(6), 1420-1443.
.. [3] Watts, D. J. (2002). A simple model of global cascades on random networks.
   PNAS 99(9), 5766-5771.
.. [4] Centola, D. (2010). The spread of behavior in an online social network
   experiment. Science 329, 1194-1197.
.. [5] Kermack, W. O. and McKendrick, A. G. (1927). A contribution to the
   mathematical theory of epidemics. Proc. R. Soc. A 115, 700-721.
.. [6] Newman, M. E. J. (2002). Spread of epidemic disease on networks. Phys. Rev. E
   66, 016128.

Examples
--------
>>> from smlearn.models import diffusion, networks
>>> G = networks.friendship_network(1000, 6, 0.1, seed=1)
>>> run = diffusion.independent_cascade(G, [0], 0.4, seed=1)    # one starter, p = 0.4
>>> run.final_size, run.steps     # people reached, steps until it stopped
(844, 22)
>>> run.curve.head(3)
   step  new  cumulative  share
0     0    1           1  0.001
1     1    2           3  0.003
2     2    4           7  0.007
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from functools import cached_property
from enum import IntEnum

import numpy as np
import pandas as pd

from smlearn.models.engines.spread import SpreadGraph
from smlearn.params import Choice, FrozenParams, Param, check_graph, check_params, check_seed, defaults_from
from smlearn.profile import apply_profile

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast", "ties-broadcast", "ties-two-way")

__all__ = [
    "simulate", "PARAMS", "STRATEGIES", "MODELS", "State", "Spread", "prepare",
    "independent_cascade", "threshold", "reinforced_cascade", "sir", "choose_seeds",
    # the plain rules, step by step, that the entry points above run fast (engines.spread)
    "cascade_rules", "threshold_rules", "reinforced_rules", "sir_rules", "sir_clock_rules",
]

STRATEGIES = ("random", "highest degree", "one cluster")
MODELS = ("independent cascade", "threshold", "complex contagion", "reinforced cascade", "SIR")

# Parameters of the network models. ILLUSTRATIVE defaults, but p1 and p2 (CALIBRATED: see the module's docstring).
_PARAM_LIST = [
    Param("p", 0.1, 0.0, 1.0, 0.01, "Pass-on chance", "probability",
          "Independent cascade: the chance that one adopter passes it on to one person who hears from them."),
    Param("theta", 0.18, 0.01, 1.0, 0.01, "Threshold", "share of contacts",
          "Threshold model: the share of the people you hear from who must adopt before you do."),
    Param("theta_spread", 0.0, 0.0, 0.5, 0.01, "Threshold spread", "share of contacts",
          "Threshold model: how much people's thresholds differ (the standard deviation of each person's own"
          " theta; 0 = everyone has the same)."),
    Param("neighbours", 2, 1, 10, 1, "Adopting contacts needed", "people",
          "Complex contagion: how many of the people you hear from must adopt before you do."),
    Param("p1", 0.2, 0.0, 1.0, 0.01, "Chance from the first contact", "probability",
          "Reinforced cascade: the chance of adopting when the first of your contacts who adopt passes it on."),
    Param("p2", 0.5, 0.0, 1.0, 0.01, "Chance from each later contact", "probability",
          "Reinforced cascade: the chance of adopting from each further contact who adopts (hearing it again)."),
    Param("beta", 0.1, 0.0, 1.0, 0.01, "Infection chance", "probability/step",
          "SIR: the chance per step that an infected person infects one susceptible contact."),
    Param("gamma", 0.2, 0.0, 1.0, 0.01, "Recovery chance", "probability/step",
          "SIR: the chance per step that an infected person recovers (and can no longer infect)."),
    Param("n_seeds", 5, 1, 100, 1, "Starting people", "people",
          "How many people adopt (or are infected) at step 0."),
    Choice("strategy", "random", STRATEGIES, "Who starts it",
           "How the starting people are picked: at random, the best-connected, or one group of friends."),
    Param("max_steps", 1000, 1, 100_000, 1, "Longest run", "steps",
          "The simulation stops after this many steps even if it is still spreading."),
]
PARAMS: dict[str, Param | Choice] = apply_profile("diffusion", {p.name: p for p in _PARAM_LIST})

class State(IntEnum):
    """What a person is at a step: not yet reached, spreading it now, or done."""

    SUSCEPTIBLE = 0   # has not adopted / not infected
    ACTIVE = 1        # adopted, or infected and infectious
    RECOVERED = 2     # SIR only: recovered, cannot infect or be infected again


# ---- Results ------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Spread:
    """The result of one run on a network.

    Attributes
    ----------
    model : str
        "independent cascade", "threshold", "complex contagion", "reinforced cascade" or "SIR".
    nodes : tuple
        The people, in the order of the arrays.
    adopted_at : numpy.ndarray
        The step at which each person adopted (was infected); -1 if never. Starting people: 0.
    recovered_at : numpy.ndarray or None
        SIR: the step at which each person recovered; -1 if never.
    steps : int
        The last step of the run.
    params : FrozenParams
        The parameters of the run (read-only), with ``seeds``, the people it started from.
    sir_counts : numpy.ndarray or None
        SIR: susceptible, infected and recovered people at each step, shape (steps + 1, 3).
    curve : pandas.DataFrame
        One row per step: step, new, cumulative, share; SIR adds susceptible, infected,
        recovered. Built from the arrays the first time you ask for it.
    """

    model: str
    nodes: tuple
    adopted_at: np.ndarray
    recovered_at: np.ndarray | None
    steps: int
    params: FrozenParams
    sir_counts: np.ndarray | None = None

    @cached_property
    def curve(self) -> pd.DataFrame:
        """The run step by step, as a tidy table (see the class docstring)."""
        new = np.bincount(self.adopted_at[self.adopted_at >= 0], minlength=self.steps + 1)[: self.steps + 1]
        cumulative = np.cumsum(new)
        table = pd.DataFrame({"step": np.arange(self.steps + 1), "new": new, "cumulative": cumulative,
                              "share": cumulative / len(self.nodes)})
        if self.sir_counts is not None:
            table[["susceptible", "infected", "recovered"]] = self.sir_counts
        return table

    @property
    def final_size(self) -> int:
        """How many people it reached in the end."""
        return int((self.adopted_at >= 0).sum())

    @property
    def final_share(self) -> float:
        """The share of the network it reached in the end."""
        return self.final_size / len(self.nodes)

    def state_at(self, step) -> np.ndarray:
        """Everyone's :class:`State` (as small integers) at ``step``."""
        state = np.where((self.adopted_at >= 0) & (self.adopted_at <= step), State.ACTIVE, State.SUSCEPTIBLE)
        if self.recovered_at is not None:
            state[(self.recovered_at >= 0) & (self.recovered_at <= step)] = State.RECOVERED
        return state.astype(np.int8)


# ---- Checks ---------------------------------------------------------------------------

def _check_seeds(g, seeds, rng):
    """Turn ``seeds`` (a list of people, or a whole number k for k random people) into indices."""
    if isinstance(seeds, numbers.Integral) and not isinstance(seeds, bool):
        if not 1 <= seeds <= g.n:
            raise ValueError(f"seeds must be between 1 and the number of people ({g.n}) when it is a count; got {seeds}")
        return np.sort(rng.choice(g.n, size=int(seeds), replace=False))
    if isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__iter__"):
        raise TypeError(f"seeds must be a list of people in the graph, or a whole number; got {seeds!r}")
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds must name at least one person; got an empty list")
    missing = [s for s in seeds if s not in g.index]
    if missing:
        raise ValueError(f"seeds must be people in the graph; not in it: {missing[:5]!r}"
                         f"{' ...' if len(missing) > 5 else ''}")
    return np.unique(np.array([g.index[s] for s in seeds], dtype=np.int64))


# ---- The rules, one person at a time ---------------------------------------------------------
#
# Each network model's rules written out plainly, in loops over people (numpy only draws the
# random numbers): every step looks at every person. The entry points further down (independent_cascade, threshold,
# reinforced_cascade, sir) run the same rules fast, in smlearn.models.engines.spread.

def _hears(G):
    """Person -> the people who hear from them (their followers, in a follower network)."""
    check_graph("G", G)
    if G.is_directed():                    # u -> v: u follows v, so u hears from v
        return {v: [u for u in G.predecessors(v) if u != v] for v in G}
    return {v: [u for u in G.neighbors(v) if u != v] for v in G}


def _tries(G, hears, speakers):
    """Person -> how many of ``speakers`` they hear from."""
    tries = dict.fromkeys(G, 0)
    for u in speakers:
        for v in hears[u]:
            tries[v] += 1
    return tries


def _starters(G, seeds):
    """The starting people, each once, in the graph's order (checked: a non-empty list of people in G)."""
    if isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__iter__"):
        raise TypeError(f"seeds must be a list of people in the graph; got {seeds!r}")
    seeds = set(seeds)
    if not seeds:
        raise ValueError("seeds must name at least one person; got an empty list")
    missing = [s for s in seeds if s not in G]
    if missing:
        raise ValueError(f"seeds must be people in the graph; not in it: {missing[:5]!r}")
    return [v for v in G if v in seeds]


@defaults_from(PARAMS)
def cascade_rules(G, seeds, p, *, max_steps, seed=None):
    """The independent cascade, step by step: the rules that :func:`independent_cascade` runs fast.

    Each step, everyone who has not adopted counts the tries ``c`` they get from the
    people who adopted in the step before, and adopts with probability
    ``1 - (1 - p)**c``: one random number each, in the graph's order. The run ends when
    a step brings nobody new, or after ``max_steps`` steps.

    Parameters
    ----------
    G : networkx graph
    seeds : list of people
        Who adopts at step 0.
    p, max_steps, seed
        As in :func:`independent_cascade`.

    Returns
    -------
    (dict, int)
        Person -> the step they adopted (for everyone reached), and the last step.

    Notes
    -----
    :func:`independent_cascade` draws the same random numbers in the same order, so with
    the same list of starters and the same ``seed`` it gives exactly this run;
    ``test_the_engine_gives_exactly_the_runs_of_the_rules`` in ``tests/models/test_diffusion.py``
    checks it on many small networks.

    Examples
    --------
    >>> import networkx as nx
    >>> cascade_rules(nx.path_graph(4), [0], 1.0)
    ({0: 0, 1: 1, 2: 2, 3: 3}, 3)
    """
    params = check_params(PARAMS, {"p": p, "max_steps": max_steps})
    rng = check_seed(seed)
    hears = _hears(G)
    adopted_at = dict.fromkeys(_starters(G, seeds), 0)
    newest, step = list(adopted_at), 0
    while newest and step < params["max_steps"]:
        tries = _tries(G, hears, newest)
        reached = [v for v in G if tries[v] > 0 and v not in adopted_at]
        draws = rng.random(len(reached))
        newest = [v for v, x in zip(reached, draws) if x < 1 - (1 - params["p"]) ** tries[v]]
        if not newest:
            break
        step += 1
        adopted_at.update(dict.fromkeys(newest, step))
    return adopted_at, step


@defaults_from(PARAMS)
def threshold_rules(G, seeds, theta, *, theta_spread, neighbours=None, max_steps, seed=None):
    """The threshold model, step by step: the rules that :func:`threshold` runs fast.

    Each step, a person who has not adopted and has just heard from a new adopter
    counts all the adopters they hear from, and adopts if there are at least
    ``neighbours`` of them or, without ``neighbours``, at least their threshold's share
    of the people they hear from (and at least one). With ``theta_spread`` above 0 each
    person's threshold is drawn once, before the run (one normal draw each, in the
    graph's order). The run ends when a step brings nobody new, or after ``max_steps``.

    Parameters
    ----------
    G : networkx graph
    seeds : list of people
        Who adopts at step 0.
    theta, theta_spread, neighbours, max_steps, seed
        As in :func:`threshold`.

    Returns
    -------
    (dict, int)
        Person -> the step they adopted, and the last step.

    Notes
    -----
    :func:`threshold` gives exactly this run with the same starters and ``seed``
    (``test_the_engine_gives_exactly_the_runs_of_the_rules`` in ``tests/models/test_diffusion.py``).

    Examples
    --------
    >>> import networkx as nx
    >>> threshold_rules(nx.cycle_graph(6), [0], 0.5)       # one of two neighbours is enough
    ({0: 0, 1: 1, 5: 1, 2: 2, 4: 2, 3: 3}, 3)
    """
    given = {"theta": theta, "theta_spread": theta_spread, "max_steps": max_steps}
    if neighbours is not None:
        given["neighbours"] = neighbours
    params = check_params(PARAMS, given)
    if neighbours is not None and params["theta_spread"] > 0:
        raise ValueError("theta_spread works with the share threshold theta, not with neighbours")
    rng = check_seed(seed)
    hears = _hears(G)
    speakers = {v: [u for u in G if v in hears[u]] for v in G}      # whom each person hears from
    own = dict.fromkeys(G, params["theta"])                          # each person's threshold
    if neighbours is None and params["theta_spread"] > 0:
        own = dict(zip(G, np.clip(rng.normal(params["theta"], params["theta_spread"], len(G)), 0.0, 1.0)))
    adopted_at = dict.fromkeys(_starters(G, seeds), 0)
    newest, step = set(adopted_at), 0
    while newest and step < params["max_steps"]:
        tipped = []
        for v in G:
            if v in adopted_at or not any(u in newest for u in speakers[v]):
                continue                   # nothing new to hear: nothing changes
            adopters = sum(u in adopted_at for u in speakers[v])
            if neighbours is not None:
                need = params["neighbours"]
            else:                          # a share, and at least one person (1e-9 absorbs rounding)
                need = max(math.ceil(own[v] * len(speakers[v]) - 1e-9), 1)
            if adopters >= need:
                tipped.append(v)
        newest = set(tipped)
        if not newest:
            break
        step += 1
        adopted_at.update(dict.fromkeys(tipped, step))
    return adopted_at, step


@defaults_from(PARAMS)
def reinforced_rules(G, seeds, p1, p2, *, max_steps, seed=None):
    """The reinforced cascade, step by step: the rules that :func:`reinforced_cascade` runs fast.

    As in :func:`cascade_rules`, each person who has not adopted counts the tries ``c``
    from the newest adopters and draws one random number. If these are the first
    tries they ever hear, they stay out with probability ``(1 - p1) (1 - p2)**(c - 1)``;
    if they heard from adopters before, ``(1 - p2)**c``.

    Returns
    -------
    (dict, int)
        Person -> the step they adopted, and the last step.

    Notes
    -----
    :func:`reinforced_cascade` gives exactly this run with the same starters and
    ``seed`` (``test_the_engine_gives_exactly_the_runs_of_the_rules`` in
    ``tests/models/test_diffusion.py``).

    Examples
    --------
    >>> import networkx as nx
    >>> reinforced_rules(nx.path_graph(3), [0, 2], p1=0.0, p2=1.0)     # the middle hears twice at once
    ({0: 0, 2: 0, 1: 1}, 1)
    """
    params = check_params(PARAMS, {"p1": p1, "p2": p2, "max_steps": max_steps})
    rng = check_seed(seed)
    hears = _hears(G)
    heard = dict.fromkeys(G, 0)            # adopters each person has heard from so far
    adopted_at = dict.fromkeys(_starters(G, seeds), 0)
    newest, step = list(adopted_at), 0
    while newest and step < params["max_steps"]:
        tries = _tries(G, hears, newest)
        reached = [v for v in G if tries[v] > 0 and v not in adopted_at]
        draws = rng.random(len(reached))
        newest = []
        for v, x in zip(reached, draws):
            c = tries[v]
            if heard[v] == 0:              # the first time they hear it
                stays_out = (1 - params["p1"]) * (1 - params["p2"]) ** (c - 1)
            else:
                stays_out = (1 - params["p2"]) ** c
            heard[v] += c
            if x < 1 - stays_out:
                newest.append(v)
        if not newest:
            break
        step += 1
        adopted_at.update(dict.fromkeys(newest, step))
    return adopted_at, step


@defaults_from(PARAMS)
def sir_rules(G, seeds, beta, gamma, *, max_steps, seed=None):
    """SIR, step by step as its rules are stated: what :func:`sir` runs fast, drawn another way.

    Each step, every susceptible person with ``c`` infected contacts is infected with
    probability ``1 - (1 - beta)**c``; then every person who was infected at the start
    of the step recovers with probability ``gamma``; the newly infected become
    infectious. The run ends when nobody is infected, or, with ``gamma = 0``, when
    nobody else can be infected, or after ``max_steps``.

    Returns
    -------
    (dict, dict, int)
        Person -> the step they were infected; person -> the step they recovered; the
        last step.

    Notes
    -----
    :func:`sir` draws its random numbers another way (see :func:`sir_clock_rules`), so
    it does not give this very run; it gives the same epidemics in distribution, which
    ``test_sir_engine_and_the_rules_step_by_step_give_the_same_epidemics`` in
    ``tests/models/test_diffusion.py`` checks with a chi-square test over 2,000 runs.

    Examples
    --------
    >>> import networkx as nx
    >>> sir_rules(nx.path_graph(3), [0], 1.0, 1.0)       # certain infection, certain recovery: a wave
    ({0: 0, 1: 1, 2: 2}, {0: 1, 1: 2, 2: 3}, 3)
    """
    params = check_params(PARAMS, {"beta": beta, "gamma": gamma, "max_steps": max_steps})
    beta, gamma = params["beta"], params["gamma"]   # checked
    rng = check_seed(seed)
    hears = _hears(G)
    state = dict.fromkeys(G, "S")
    infected = _starters(G, seeds)
    infected_at, recovered_at = dict.fromkeys(infected, 0), {}
    for v in infected:
        state[v] = "I"
    step = 0
    while infected and step < params["max_steps"]:
        step += 1
        pressure = _tries(G, hears, infected)          # infected contacts of each person
        at_risk = [v for v in G if state[v] == "S" and pressure[v] > 0]
        caught = [v for v, x in zip(at_risk, rng.random(len(at_risk))) if x < 1 - (1 - beta) ** pressure[v]]
        recovering = rng.random(len(infected)) < gamma
        for v, r in zip(infected, recovering):
            if r:
                state[v], recovered_at[v] = "R", step
        for v in caught:
            state[v], infected_at[v] = "I", step
        infected = [v for v, r in zip(infected, recovering) if not r] + caught
        if gamma == 0 and not caught and (beta == 0 or not any(state[v] == "S" for u in infected for v in hears[u])):
            break                              # nobody recovers and nobody else can be infected
    return infected_at, recovered_at, step


@defaults_from(PARAMS)
def sir_clock_rules(G, seeds, beta, gamma, *, max_steps, seed=None):
    """SIR with its clocks drawn first, then run step by step: how :func:`sir` draws it.

    The same model as :func:`sir_rules`, drawn another way (Kenah and Robins 2007).
    First each person's infectious time ``d`` (steps, Geometric(gamma), cut at one step
    past the run; endless when ``gamma = 0``), then one uniform number ``u`` per tie
    (speakers in the graph's order, then their listeners in the graph's order). A tie's
    first successful try comes at the smallest ``k`` with ``u > (1 - beta)**k``, and it
    passes the infection ``k`` steps after its speaker was infected, if ``k <= d``. Then,
    step by step, a person is infected when the first passing tie reaches them.

    Returns
    -------
    (dict, dict, int)
        As :func:`sir_rules`.

    Notes
    -----
    :func:`sir` draws the same numbers in the same order, so it gives exactly this run
    with the same starters and ``seed`` (``test_the_engine_gives_exactly_the_runs_of_the_rules``
    in ``tests/models/test_diffusion.py``).

    Examples
    --------
    >>> import networkx as nx
    >>> sir_clock_rules(nx.path_graph(3), [0], 1.0, 1.0)
    ({0: 0, 1: 1, 2: 2}, {0: 1, 1: 2, 2: 3}, 3)
    """
    params = check_params(PARAMS, {"beta": beta, "gamma": gamma, "max_steps": max_steps})
    beta, gamma, last_step = params["beta"], params["gamma"], params["max_steps"]   # checked
    rng = check_seed(seed)
    hears = _hears(G)
    order = {v: i for i, v in enumerate(G)}
    # 1. The clocks: how long each person would stay infectious, and when each tie would pass it on.
    if gamma > 0:
        d = {v: min(int(x), last_step + 1) for v, x in zip(G, rng.geometric(gamma, len(G)))}
    else:
        d = dict.fromkeys(G, math.inf)
    ties = [(u, v) for u in G for v in sorted(set(hears[u]), key=order.get)]
    delay = {}
    for (u, v), x in zip(ties, rng.random(len(ties))):
        if x > (1 - beta) ** d[u]:            # the tie passes it on while u is still infectious
            k = 1
            while not x > (1 - beta) ** k:
                k += 1
            delay[u, v] = k
    # 2. Step by step: a person is infected when the first passing tie reaches them.
    infected_at = dict.fromkeys(_starters(G, seeds), 0)
    step = 0
    while step < last_step:
        step += 1
        caught = {v: step for (u, v), k in delay.items()
                  if v not in infected_at and u in infected_at and infected_at[u] + k == step}
        infected_at.update(caught)
        if gamma > 0 and all(t + d[u] <= step for u, t in infected_at.items()):
            break                              # nobody is infected any more
        if gamma == 0 and not caught and not any(
                v not in infected_at and u in infected_at and infected_at[u] + k > step for (u, v), k in delay.items()):
            break                              # nobody recovers and nobody else can be infected
    recovered_at = {u: t + d[u] for u, t in infected_at.items() if t + d[u] <= step}
    return infected_at, recovered_at, step


# ---- A network for the engine ------------------------------------------------------------

def prepare(G):
    """Turn a networkx graph into the engine's :class:`~smlearn.models.engines.spread.SpreadGraph` (a SpreadGraph is returned as it is).

    Every entry point below does this itself. Do it once yourself only when you run a
    model many times on the same network in your own loop (as
    :func:`smlearn.models.diffusion_experiments.final_shares` does), so that each run does not repeat it. If you change the graph afterwards,
    prepare it again.

    An undirected tie passes things both ways. A directed edge ``u -> v`` means u
    follows v, so it passes things from v to u.

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph or a SpreadGraph.
    ValueError
        If ``G`` has no nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> fans = nx.DiGraph([("ana", "star"), ("ben", "star")])     # both follow star
    >>> g = prepare(fans)
    >>> g.nodes, g.reach.tolist(), g.listens.tolist()
    (('ana', 'star', 'ben'), [0, 2, 0], [1, 0, 1])
    """
    if isinstance(G, SpreadGraph):
        return G
    return SpreadGraph.from_graph(G)


# ---- The same rules, run fast: independent cascade ---------------------------------------------

@defaults_from(PARAMS)
def independent_cascade(G, seeds, p, *, max_steps, seed=None):
    """Simple contagion: each new adopter gets one chance, ``p``, to pass it to each person who hears from them.

    Parameters
    ----------
    G : networkx graph or SpreadGraph
        The network (see :func:`prepare` for directions).
    seeds : list of people, or int
        Who adopts at step 0; a whole number k picks k people at random.
    p : float
        The pass-on chance per tie, tried once, in the step after the adopter adopts.
    max_steps : int
        Stop after this many steps.
    seed : None, int or numpy.random.Generator
        Seed of the one generator used for every draw.

    Returns
    -------
    Spread

    Raises
    ------
    TypeError
        If ``G`` is not a graph, ``seeds`` is not a list or count, or a number has the wrong type.
    ValueError
        If ``G`` is empty, a seed is not in the graph, or ``p`` is outside [0, 1].

    Notes
    -----
    Each step: ``c`` = how many new adopters each person hears from; a person who has
    not adopted adopts with probability ``1 - (1 - p)**c``. The run ends when a step
    brings no new adopter. Kempe, Kleinberg and Tardos (2003) named the model.

    :func:`cascade_rules` writes these rules out one person at a time; this function runs
    them on arrays (:mod:`smlearn.models.engines.spread`) and gives exactly the same run.

    Examples
    --------
    A chain of 5 people, p = 1: one new person per step.

    >>> import networkx as nx
    >>> independent_cascade(nx.path_graph(5), [0], 1.0).curve["cumulative"].tolist()
    [1, 2, 3, 4, 5]

    With p = 0 nothing spreads:

    >>> independent_cascade(nx.path_graph(5), [0], 0.0).final_size
    1
    """
    params = check_params(PARAMS, {"p": p, "max_steps": max_steps})
    rng = check_seed(seed)
    g = prepare(G)
    start = _check_seeds(g, seeds, rng)
    adopted_at, step = g.cascade(start, params["p"], params["max_steps"], rng)
    return Spread("independent cascade", g.nodes, adopted_at, None, step,
                  FrozenParams({**params, "seeds": tuple(g.nodes[i] for i in start)}))


# ---- Complex contagion: thresholds ---------------------------------------------------------

@defaults_from(PARAMS)
def threshold(G, seeds, theta, *, theta_spread, neighbours=None, max_steps, seed=None):
    """Complex contagion: a person adopts once enough of the people they hear from have adopted.

    Parameters
    ----------
    G : networkx graph or SpreadGraph
    seeds : list of people, or int
        Who adopts at step 0; a whole number k picks k people at random (with
        ``theta_spread = 0`` the only random part: the rule itself is deterministic).
    theta : float
        Adopt when at least this share of the people you hear from have adopted
        (Watts 2002's threshold, 0 < theta <= 1). People who hear from nobody never adopt,
        and everyone needs at least one adopting contact.
    theta_spread : float, default from PARAMS
        People differ: each person's own threshold is drawn once, before the run, from a
        normal distribution with mean ``theta`` and this standard deviation, cut to the
        range 0 .. 1 (a draw below 0 counts as 0, above 1 as 1). Watts (2002) draws
        thresholds from a distribution in the same way. 0 gives everyone ``theta``.
    neighbours : int, optional
        If given, adopt after this many adopting contacts instead, whatever their share
        (Centola 2010: 2 means "I need to hear it from two people").
    max_steps : int
    seed : None, int or numpy.random.Generator

    Returns
    -------
    Spread
        ``model`` is "threshold", or "complex contagion" when ``neighbours`` is given.

    Raises
    ------
    TypeError
        If ``G`` is not a graph, ``seeds`` is not a list or count, or a number has the wrong type.
    ValueError
        If ``G`` is empty, a seed is not in the graph, ``theta`` is outside (0, 1]
        (0.01 .. 1 in steps of the slider), ``theta_spread`` outside 0 .. 0.5,
        ``neighbours`` outside 1 .. 10, or ``theta_spread`` is above 0 with ``neighbours``.

    Notes
    -----
    :func:`threshold_rules` writes the rule out one person at a time; this function runs
    it on arrays (:mod:`smlearn.models.engines.spread`) and gives exactly the same run.

    Examples
    --------
    A ring where everyone has two neighbours: a share of 1/2 is enough, so one person
    starts a wave in both directions; needing both neighbours stops it at once.

    >>> import networkx as nx
    >>> ring = nx.cycle_graph(10)
    >>> threshold(ring, [0], 0.5).final_size
    10
    >>> threshold(ring, [0], 1.0).final_size
    1
    >>> threshold(ring, [0, 1], neighbours=2).final_size     # two neighbours are never both adopters
    2
    """
    given = {"theta": theta, "theta_spread": theta_spread, "max_steps": max_steps}
    if neighbours is not None:
        given["neighbours"] = neighbours
    params = check_params(PARAMS, given)
    if neighbours is not None and params["theta_spread"] > 0:
        raise ValueError(f"theta_spread works with the share threshold theta, not with neighbours; got "
                         f"theta_spread={theta_spread!r} and neighbours={neighbours!r}")
    rng = check_seed(seed)
    g = prepare(G)
    start = _check_seeds(g, seeds, rng)
    count = params["neighbours"] if neighbours is not None else None
    adopted_at, step = g.threshold(start, params["theta"], params["theta_spread"], count, params["max_steps"], rng)
    model = "threshold" if neighbours is None else "complex contagion"
    return Spread(model, g.nodes, adopted_at, None, step, FrozenParams({**params, "seeds": tuple(g.nodes[i] for i in start)}))


@defaults_from(PARAMS)
def reinforced_cascade(G, seeds, p1, p2, *, max_steps, seed=None):
    """Complex contagion by chance (a dose response): hearing it from more people makes adopting likelier.

    Parameters
    ----------
    G : networkx graph or SpreadGraph
        The network (see :func:`prepare` for directions).
    seeds : list of people, or int
        Who adopts at step 0; a whole number k picks k people at random.
    p1 : float
        The chance of adopting from the first contact who adopts and passes it on.
    p2 : float
        The chance of adopting from each later contact who adopts (the second, third, ...).
        ``p2 > p1``: hearing it again helps, Centola's (2010) "social reinforcement".
        ``p2 == p1``: every contact counts the same, which is :func:`independent_cascade`.
    max_steps : int
        Stop after this many steps.
    seed : None, int or numpy.random.Generator

    Returns
    -------
    Spread
        ``model`` is "reinforced cascade".

    Raises
    ------
    TypeError
        If ``G`` is not a graph, ``seeds`` is not a list or count, or a number has the wrong type.
    ValueError
        If ``G`` is empty, a seed is not in the graph, or ``p1`` or ``p2`` is outside [0, 1].

    Notes
    -----
    As in the independent cascade, a new adopter tries once, in the next step, on each
    person who hears from them. What a try achieves depends on how many adopting
    contacts the listener has heard from before: for the first it is ``p1``, for every
    later one ``p2``. A person who had heard from ``h`` adopters and now hears from ``c``
    new ones stays out with probability

    .. math::  (1 - p_1)^{[h = 0]} \\, (1 - p_2)^{c - [h = 0]} ,

    where :math:`[h = 0]` is 1 if this is the first time and 0 if not. A chance that rises
    with the number of distinct contacts is the "dose response" of Dodds and Watts
    (2004); a fixed threshold of two contacts (:func:`threshold` with ``neighbours=2``) is
    the extreme ``p1 = 0``, ``p2 = 1``.

    :func:`reinforced_rules` writes the rule out one person at a time; this function
    runs it on arrays (:mod:`smlearn.models.engines.spread`) and gives exactly the same run.

    References
    ----------
    Dodds, P. S. and Watts, D. J. (2004). Universal behavior in a generalized model of
    contagion. Physical Review Letters 92(21), 218701.

    Examples
    --------
    A chain of 5 people: only one contact can ever reach each person, so only ``p1``
    matters. With p1 = 1 the thing moves one person per step; with p1 = 0 it stops at once.

    >>> import networkx as nx
    >>> reinforced_cascade(nx.path_graph(5), [0], p1=1.0, p2=0.0).curve["cumulative"].tolist()
    [1, 2, 3, 4, 5]
    >>> reinforced_cascade(nx.path_graph(5), [0], p1=0.0, p2=1.0).final_size
    1

    A person between two starters hears from both at once: the first try has chance p1,
    the second p2, so with p1 = 0 and p2 = 1 they adopt for sure.

    >>> reinforced_cascade(nx.path_graph(3), [0, 2], p1=0.0, p2=1.0).final_size
    3
    """
    params = check_params(PARAMS, {"p1": p1, "p2": p2, "max_steps": max_steps})
    rng = check_seed(seed)
    g = prepare(G)
    start = _check_seeds(g, seeds, rng)
    adopted_at, step = g.reinforced_cascade(start, params["p1"], params["p2"], params["max_steps"], rng)
    return Spread("reinforced cascade", g.nodes, adopted_at, None, step,
                  FrozenParams({**params, "seeds": tuple(g.nodes[i] for i in start)}))


# ---- Epidemics: discrete-time SIR ----------------------------------------------------------

@defaults_from(PARAMS)
def sir(G, seeds, beta, gamma, *, max_steps, seed=None):
    """An epidemic in steps: infect contacts with chance ``beta``, recover with chance ``gamma``.

    Parameters
    ----------
    G : networkx graph or SpreadGraph
    seeds : list of people, or int
        Who is infected at step 0; a whole number k picks k people at random.
    beta : float
        Chance per step that an infected person infects one susceptible contact.
    gamma : float
        Chance per step that an infected person recovers (after infecting in that step).
    max_steps : int
    seed : None, int or numpy.random.Generator

    Returns
    -------
    Spread
        ``curve`` has susceptible, infected and recovered counts per step; ``new`` counts
        new infections. The run ends when nobody is infected (with ``gamma = 0``, when
        nobody else can be infected).

    Raises
    ------
    TypeError
        If ``G`` is not a graph, ``seeds`` is not a list or count, or a number has the wrong type.
    ValueError
        If ``G`` is empty, a seed is not in the graph, or ``beta``/``gamma`` are outside [0, 1].

    Notes
    -----
    The rules, step by step: every susceptible person with ``c`` infected contacts is
    infected with probability ``1 - (1 - beta)**c``; then every person who was infected
    at the start of the step recovers with probability ``gamma``; the newly infected
    become infectious. So a person infected at step ``t`` is infectious in steps
    ``t + 1 .. t + d``, where ``d >= 1`` has probability ``gamma (1 - gamma)**(d - 1)``,
    and each of their ties tries, once a step, with chance ``beta``.

    :func:`sir_rules` writes these rules out one person at a time. The same model,
    drawn another way (Kenah and Robins 2007), is what runs here, on arrays
    (:mod:`smlearn.models.engines.spread`); :func:`sir_clock_rules` writes that way out. Draw
    each person's ``d`` once, and for each tie the step ``k`` of its first successful try
    (``k`` steps with probability ``beta (1 - beta)**(k - 1)``). The tie passes the
    infection ``k`` steps after its speaker was infected if ``k <= d``, and never if
    not. A person is then infected at the earliest time the infection can arrive along
    a chain of passing ties: a shortest-path problem, solved step by step from the
    starting people. Each passing tie is handled once, so a run costs about the number
    of ties, and the loop runs once per step in which somebody is infected. A tie passes
    with probability ``T = beta / (beta + gamma - beta * gamma)``, the transmissibility
    (see :func:`smlearn.models.diffusion_theory.sir_transmissibility`).

    References
    ----------
    Kenah, E. and Robins, J. M. (2007). Second look at the spread of epidemics on
    networks. Phys. Rev. E 76, 036113.

    Examples
    --------
    >>> import networkx as nx
    >>> run = sir(nx.complete_graph(50), beta=0.5, gamma=1.0, seeds=[0], seed=1)
    >>> run.curve[["step", "susceptible", "infected", "recovered"]].head(3)
       step  susceptible  infected  recovered
    0     0           49         1          0
    1     1           25        24          1
    2     2            0        25         25
    >>> int(run.curve[["susceptible", "infected", "recovered"]].sum(axis=1).unique()[0])   # always everyone
    50
    """
    params = check_params(PARAMS, {"beta": beta, "gamma": gamma, "max_steps": max_steps})
    rng = check_seed(seed)
    g = prepare(G)
    start = _check_seeds(g, seeds, rng)
    adopted_at, recovered_at, end, counts = g.sir(start, params["beta"], params["gamma"], params["max_steps"], rng)
    return Spread("SIR", g.nodes, adopted_at, recovered_at, end, FrozenParams({**params, "seeds": tuple(g.nodes[i] for i in start)}),
                  counts)


# ---- Who starts it -------------------------------------------------------------------------

@defaults_from({"k": PARAMS["n_seeds"], "strategy": PARAMS["strategy"]})   # k is lesson 04's n_seeds
def choose_seeds(G, k, strategy, *, seed=None):
    """Pick ``k`` starting people by a strategy: "random", "highest degree" or "one cluster".

    "highest degree" takes the people heard by the most others (most followers in a
    follower network); "one cluster" takes a random person and their nearest contacts,
    closest first, ignoring direction: a group of friends.

    Raises
    ------
    TypeError
        If ``k`` is not a whole number.
    ValueError
        If ``G`` is empty, ``k`` is outside 1 .. number of people, or ``strategy`` is unknown.

    Examples
    --------
    >>> import networkx as nx
    >>> choose_seeds(nx.star_graph(5), 1, "highest degree")
    [0]
    >>> sorted(choose_seeds(nx.path_graph(10), 3, "one cluster", seed=4))    # a person and their neighbours
    [6, 7, 8]
    """
    g = prepare(G)
    Choice("strategy", "random", STRATEGIES, "Who starts it").check(strategy)
    k = Param("k", 5, 1, g.n, 1, "Starting people", "people").check(k)
    rng = check_seed(seed)
    if strategy == "random":
        chosen = rng.choice(g.n, size=k, replace=False)
    elif strategy == "highest degree":
        chosen = np.argsort(-g.reach, kind="stable")[:k]
    elif k == 1:
        chosen = [int(rng.integers(g.n))]     # a group of one: the person alone (no search needed)
    else:
        from scipy.sparse.csgraph import breadth_first_order

        order = breadth_first_order(g.both_ways, int(rng.integers(g.n)), directed=False, return_predecessors=False)
        chosen = order[:k]
        if chosen.size < k:   # a small component: fill up with random people from elsewhere
            rest = np.setdiff1d(np.arange(g.n), chosen)
            chosen = np.concatenate([chosen, rng.choice(rest, size=k - chosen.size, replace=False)])
    return [g.nodes[i] for i in chosen]


@defaults_from(PARAMS)
def simulate(G, *, model="independent cascade", p, theta, theta_spread, neighbours, p1, p2, beta, gamma,
             n_seeds, strategy, max_steps, seed=None) -> Spread:
    """The model's entry point: one run of ``model`` on the network ``G`` from ``n_seeds`` people
    picked by ``strategy``, every setting given by name (the network is the data, so it comes first).

    Each model reads its own settings; the rules of each are in :func:`cascade_rules` and the
    functions after it. Every setting but ``model`` takes its default from :data:`PARAMS` (the
    defaults are illustrative, and a class profile may change them).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network. An undirected tie passes things both ways. On a directed one an edge ``u -> v``
        means *u follows v*, so news runs against the arrow, from v to u: from an account to its
        followers (as in :func:`prepare`).
    model : str, default "independent cascade"
        One of MODELS: ``"independent cascade"``, ``"threshold"``, ``"complex contagion"``,
        ``"reinforced cascade"``, ``"SIR"``.
    p : float, probability
        The independent cascade's chance that a newly active person passes it to each person who
        hears from them.
    theta : float, share of contacts
        The threshold model's share of the people you hear from who must adopt before you do.
    theta_spread : float, share of contacts
        The threshold model's spread of thresholds: the standard deviation of each person's own
        theta (0 = everyone has the same).
    neighbours : int, people
        Complex contagion's count of the people you hear from who must adopt before you do.
    p1 : float, probability
        The reinforced cascade's chance of adopting when the first contact who adopts passes it on.
    p2 : float, probability
        The reinforced cascade's chance of adopting from each further contact who adopts.
    beta : float, probability/step
        SIR's chance per step that an infected person infects one susceptible contact.
    gamma : float, probability/step
        SIR's chance per step that an infected person recovers.
    n_seeds : int, people
        How many people start it (adopt, or are infected, at step 0).
    strategy : str
        Who they are: one of STRATEGIES (``"random"``, ``"highest degree"``, ``"one cluster"``;
        see :func:`choose_seeds`).
    max_steps : int, steps
        The longest run: it stops after this many steps even if it is still spreading.
    seed : None, int or numpy.random.Generator
        Seed of the one generator used to choose the starters and for every draw of the run.

    Returns
    -------
    Spread
        The run: when each person adopted (and recovered, in SIR), the curve, and the parameters.

    Raises
    ------
    ValueError
        If ``model`` or ``strategy`` is unknown, or a parameter is out of range.

    Examples
    --------
    >>> from smlearn.models import networks
    >>> G = networks.friendship_network(500, 6, 0.05, seed=1)
    >>> simulate(G, model="complex contagion", strategy="one cluster", seed=1).final_share
    1.0
    >>> simulate(G, model="complex contagion", strategy="random", seed=1).final_share
    0.01

    On a follower network news goes from an account to its followers:

    >>> import networkx as nx
    >>> fans = nx.DiGraph([("ana", "star"), ("ben", "star")])     # both follow star
    >>> run = simulate(fans, p=1.0, n_seeds=1, strategy="highest degree", seed=1)
    >>> dict(zip(run.nodes, run.adopted_at.tolist()))            # star starts; both fans hear it at step 1
    {'ana': 1, 'star': 0, 'ben': 1}
    """
    Choice("model", "independent cascade", MODELS, "Model").check(model)
    # Every setting is checked, even those the chosen model does not use: a value out of
    # range is a mistake whichever model runs, and should not pass silently.
    check_params(PARAMS, {"p": p, "theta": theta, "theta_spread": theta_spread, "neighbours": neighbours,
                          "p1": p1, "p2": p2, "beta": beta, "gamma": gamma,
                          "n_seeds": n_seeds, "strategy": strategy, "max_steps": max_steps})
    rng = check_seed(seed)
    starters = choose_seeds(G, n_seeds, strategy, seed=rng)
    if model == "independent cascade":
        return independent_cascade(G, starters, p, max_steps=max_steps, seed=rng)
    if model == "threshold":
        return threshold(G, starters, theta, theta_spread=theta_spread, max_steps=max_steps, seed=rng)
    if model == "complex contagion":   # a count of neighbours, not a share: theta_spread does not apply
        return threshold(G, starters, theta_spread=0.0, neighbours=neighbours, max_steps=max_steps, seed=rng)
    if model == "reinforced cascade":
        return reinforced_cascade(G, starters, p1, p2, max_steps=max_steps, seed=rng)
    return sir(G, starters, beta, gamma, max_steps=max_steps, seed=rng)
