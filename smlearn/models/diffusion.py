r"""How things spread: Bass diffusion, cascades, thresholds and epidemics on a network.

The claim
---------
Source D says both social media and social networking depend on *going viral*. Going
viral is a spreading process, and there are several kinds. This module has five. The
functions named here run them; the rules themselves, one step and one person at a time,
are in :func:`cascade_rules`, :func:`threshold_rules`, :func:`reinforced_rules` and
:func:`sir_rules` (type ``diffusion.cascade_rules??`` to read one):

- :func:`bass`: a product spreads through a market by outside push ``p`` (advertising,
  media) and word of mouth ``q`` (people who adopted tell others), with no network.
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
Bass (1969), with :math:`F(t)` the share of the market that has adopted by time t:

.. math::

    \frac{dF}{dt} = (p + q F)(1 - F), \qquad
    F(t) = \frac{1 - e^{-(p+q)t}}{1 + \frac{q}{p} e^{-(p+q)t}} .

Adoptions per period peak at :math:`t^* = \ln(q/p)/(p+q)`, when :math:`F = 1/2 - p/(2q)`.

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
:func:`reinforced_cascade`, :func:`sir`, and :func:`simulate` and :func:`final_shares`
on top of them) check what they are given and hand the run to a fast *engine*,
:mod:`smlearn.models.engines.spread`, which applies the same rules to whole arrays:
the network is turned once into a :class:`SpreadGraph` (see :func:`prepare`), and
each step touches only the ties of the people who just changed. The engine draws the
same random numbers in the same order as the rules, so ``tests/models/test_diffusion.py``
checks that both give exactly the same runs (the cascade, the threshold and the
reinforced cascade). For SIR the engine draws its randomness first (how long each
person stays infectious, when each tie would pass it on): it gives exactly the runs of
:func:`sir_clock_rules`, which writes that way out plainly, and a test checks that
these epidemics agree in distribution with those of :func:`sir_rules`. In a follower network (an edge ``u -> v``
means *u follows v*) things spread from an account to its followers, against the
arrows.

Every default in :data:`PARAMS` and :data:`BASS_PARAMS` is ILLUSTRATIVE, except Bass's ``p = 0.03`` and
``q = 0.38`` (in :data:`BASS_PARAMS`): the averages over 213 published Bass fits of Sultan, Farley and Lehmann (1990),
and the reinforced cascade's ``p1 = 0.2`` and ``p2 = 0.5``, which are CALIBRATED: chosen by
trying a few pairs until :func:`clustered_vs_random` landed near Centola's (2010) 54 % and
38 % (it gives about 49 % and 39 %). Nobody has measured them; a match with Centola's
figures at these values is therefore not a finding.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) spreading crosses cells. Outside push ``p``
and a post in followers' feeds are ``find-broadcast``; passing a thing on to all your
contacts is ``ties-broadcast``; word of mouth between people who know each other, and the
several nudges of complex contagion, are ``ties-two-way``. This is where content gets
passed around people's networks (Source A), the place where the channels meet.

References
----------
.. [1] Bass, F. M. (1969). A new product growth for model consumer durables.
   Management Science 15(5), 215-227.
.. [2] Sultan, F., Farley, J. U. and Lehmann, D. R. (1990). A meta-analysis of
   applications of diffusion models. Journal of Marketing Research 27(1), 70-77.
.. [3] Kempe, D., Kleinberg, J. and Tardos, É. (2003). Maximizing the spread of
   influence through a social network. Proc. KDD '03, 137-146.
.. [4] Granovetter, M. (1978). Threshold models of collective behavior. American
   Journal of Sociology 83(6), 1420-1443.
.. [5] Watts, D. J. (2002). A simple model of global cascades on random networks.
   PNAS 99(9), 5766-5771.
.. [6] Centola, D. (2010). The spread of behavior in an online social network
   experiment. Science 329, 1194-1197.
.. [7] Kermack, W. O. and McKendrick, A. G. (1927). A contribution to the
   mathematical theory of epidemics. Proc. R. Soc. A 115, 700-721.
.. [8] Newman, M. E. J. (2002). Spread of epidemic disease on networks. Phys. Rev. E
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

import functools
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
    "simulate", "PARAMS", "BASS_PARAMS", "STRATEGIES", "MODELS", "State", "SpreadGraph", "Spread", "prepare",
    "bass", "bass_peak", "independent_cascade", "threshold", "reinforced_cascade", "sir", "choose_seeds",
    "final_shares", "epidemic_threshold", "sir_transmissibility", "cascade_condition", "clustered_vs_random", "CENTOLA_MODELS",
    "outbreak_sizes", "cascade_window", "watts_window",
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

# Parameters of the Bass model; p and q are the Sultan-Farley-Lehmann averages.
_BASS_LIST = [
    Param("p", 0.03, 0.0, 1.0, 0.001, "Outside push (p)", "per period",
          "Bass: the chance per period that someone who has not adopted does so because of advertising or media."),
    Param("q", 0.38, 0.0, 1.0, 0.01, "Word of mouth (q)", "per period",
          "Bass: how strongly adopters pull in others; q times the adopted share is their extra chance per period."),
    Param("periods", 30, 1, 500, 1, "Horizon", "periods",
          "How many periods (years in most published fits) to follow."),
    Param("market_size", 1000, 1, 10_000_000, 1, "Market size", "people",
          "How many people will eventually adopt."),
]
BASS_PARAMS: dict[str, Param] = {p.name: p for p in _BASS_LIST}


class State(IntEnum):
    """What a person is at a step: not yet reached, spreading it now, or done."""

    SUSCEPTIBLE = 0   # has not adopted / not infected
    ACTIVE = 1        # adopted, or infected and infectious
    RECOVERED = 2     # SIR only: recovered, cannot infect or be infected again


# ---- Bass diffusion -------------------------------------------------------------------

@defaults_from(BASS_PARAMS)
def bass(p, q, periods, market_size, *, discrete=False):
    r"""Adoption of a new product by outside push ``p`` and word of mouth ``q`` (Bass 1969).

    Parameters
    ----------
    p : float
        Outside push: the chance per period that a non-adopter adopts because of
        advertising or media, whatever anyone else does.
    q : float
        Word of mouth: a non-adopter's extra chance per period is ``q`` times the share
        of the market that has adopted.
    periods : int
        Periods to follow (1 .. periods).
    market_size : int
        People who will eventually adopt (``M``).
    discrete : bool, default False
        False: the exact solution of the differential equation, :math:`F(t)` from the
        module docstring, sampled at whole periods. True: the difference equation
        :math:`N_t = N_{t-1} + (p + q N_{t-1}/M)(M - N_{t-1})`, as in Bass's own
        estimation (with the chance capped at 1, which matters only when p + q > 1).

    Returns
    -------
    pandas.DataFrame
        One row per period: period, new (adopters in that period), cumulative, share
        (cumulative / market_size), and new split into ``from_push`` (adopters moved by
        p) and ``from_word_of_mouth`` (moved by q). In the exact solution the push part
        of everyone who has adopted by time t is :math:`M (p/q) \ln\frac{1+q/p}{1+(q/p)e^{-(p+q)t}}`.

    Raises
    ------
    TypeError
        If a parameter is not a number (whole where needed) or ``discrete`` is not a bool.
    ValueError
        If a parameter is outside its range (see :data:`BASS_PARAMS`).

    Examples
    --------
    With the average published values, adoptions peak at t* = 6.19, so the busiest
    period is period 7 (from t = 6 to t = 7):

    >>> table = bass()
    >>> int(table.loc[table["new"].idxmax(), "period"])
    7
    >>> round(float(table["share"].iloc[-1]), 3)     # nearly everyone has adopted after 30 periods
    1.0

    Early on most adopters come from the outside push; later, from word of mouth:

    >>> table.loc[[0, 9], ["period", "from_push", "from_word_of_mouth"]].round(1)
       period  from_push  from_word_of_mouth
    0       1       29.5                 6.3
    9      10        6.7                65.4
    """
    b = check_params(BASS_PARAMS, {"p": p, "q": q, "periods": periods, "market_size": market_size})
    if not isinstance(discrete, (bool, np.bool_)):
        raise TypeError(f"discrete must be True or False; got {discrete!r}")
    p, q, M = b["p"], b["q"], float(b["market_size"])
    t = np.arange(0, b["periods"] + 1, dtype=float)        # 0, 1, ..., periods
    if discrete:
        N = np.zeros(t.size)       # cumulative adopters
        push = np.zeros(t.size)    # cumulative adopters moved by p
        for i in range(1, t.size):   # each period depends on the last
            left = M - N[i - 1]
            rate = p + q * N[i - 1] / M          # a non-adopter's chance to adopt this period
            new = min(rate, 1.0) * left          # a chance above 1 means: everyone left adopts
            push[i] = push[i - 1] + (new * p / rate if rate > 0 else 0.0)
            N[i] = N[i - 1] + new
    elif p == 0:
        N = np.zeros(t.size)       # nobody goes first, so nobody can tell anyone
        push = np.zeros(t.size)
    else:
        decay = np.exp(-(p + q) * t)
        N = M * (1 - decay) / (1 + (q / p) * decay)
        # Integrating p(1 - F) over time gives the push adopters (q = 0: everyone is push).
        push = N.copy() if q == 0 else M * (p / q) * np.log((1 + q / p) / (1 + (q / p) * decay))
    new = np.diff(N)
    from_push = np.diff(push)
    table = pd.DataFrame({
        "period": np.arange(1, b["periods"] + 1),
        "new": new,
        "cumulative": N[1:],
        "share": N[1:] / M,
        "from_push": from_push,
        "from_word_of_mouth": new - from_push,
    })
    table.attrs["params"] = FrozenParams({**b, "discrete": bool(discrete)})
    return table


@defaults_from(BASS_PARAMS)
def bass_peak(p, q):
    r"""Return ``(time, share)``: when adoptions per period peak, and the share adopted by then.

    .. math::  t^* = \frac{\ln(q/p)}{p + q}, \qquad F(t^*) = \frac{1}{2} - \frac{p}{2q}

    When ``q <= p`` word of mouth is too weak to make a peak: adoptions fall from the
    start, and the answer is ``(0.0, 0.0)``.

    Raises
    ------
    ValueError
        If ``p`` is not above 0 or a parameter is outside its range.

    Examples
    --------
    >>> t, share = bass_peak(0.03, 0.38)
    >>> round(t, 2), round(share, 3)
    (6.19, 0.461)
    """
    b = check_params(BASS_PARAMS, {"p": p, "q": q})
    if b["p"] <= 0:
        raise ValueError(f"p must be above 0 for a peak time; got {p!r}")
    if b["q"] <= b["p"]:
        return 0.0, 0.0
    return math.log(b["q"] / b["p"]) / (b["p"] + b["q"]), 0.5 - b["p"] / (2 * b["q"])


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
    """Turn a networkx graph into the engine's :class:`SpreadGraph` (a SpreadGraph is returned as it is).

    Every entry point below does this itself. Do it once yourself only when you run a
    model many times on the same network in your own loop (as :func:`final_shares`
    does), so that each run does not repeat it. If you change the graph afterwards,
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
    theta_spread : float, default 0
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
def sir(G, beta, gamma, seeds=5, *, max_steps, seed=None):
    """An epidemic in steps: infect contacts with chance ``beta``, recover with chance ``gamma``.

    Parameters
    ----------
    G : networkx graph or SpreadGraph
    beta : float
        Chance per step that an infected person infects one susceptible contact.
    gamma : float
        Chance per step that an infected person recovers (after infecting in that step).
    seeds : list of people, or int
        Who is infected at step 0; a whole number k picks k people at random.
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
    (see :func:`sir_transmissibility`).

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

    Each model reads its own settings (the cascade ``p``, the threshold ``theta`` and
    ``theta_spread``, complex contagion ``neighbours``, the reinforced cascade ``p1`` and ``p2``,
    SIR ``beta`` and ``gamma``); the rules of each are in :func:`cascade_rules` and the functions
    after it.

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
    return sir(G, beta, gamma, starters, max_steps=max_steps, seed=rng)



@defaults_from(PARAMS)
def final_shares(G, model="independent cascade", *, runs=20, p, theta, theta_spread, neighbours,
                 p1, p2, beta, gamma, n_seeds, strategy, max_steps):
    """Run :func:`simulate` ``runs`` times, with random seeds 0, 1, ..., runs - 1; return each run's final share.

    One run of a random process is one story; the average of many is what to compare.
    Every run uses the same network and settings and differs only in its random seed,
    so the answer is the same every time you call this. The network is turned into
    arrays once and reused by every run.

    Parameters
    ----------
    G : networkx graph
        The network (see :func:`prepare` for directions).
    model : str
        One of :data:`MODELS`.
    runs : int
        How many runs (1 .. 10,000).
    p, theta, theta_spread, neighbours, p1, p2, beta, gamma, n_seeds, strategy, max_steps
        As in :func:`simulate`.

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
        result = simulate(g, model=model, p=p, theta=theta, theta_spread=theta_spread, neighbours=neighbours, p1=p1, p2=p2,
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


@defaults_from(PARAMS)
def clustered_vs_random(model="reinforced cascade", *, p1, p2, p, neighbours, n_seeds=1,
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
        "reinforced cascade" (:func:`reinforced_cascade` with ``p1``, ``p2``),
        "complex contagion" (a fixed threshold of ``neighbours`` contacts) or
        "independent cascade" (``p``).
    p1, p2, p, neighbours, n_seeds, max_steps
        As in :func:`simulate`.
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
    params = check_params(PARAMS, {"p1": p1, "p2": p2, "p": p, "neighbours": neighbours, "max_steps": max_steps})
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


# ---- Theory --------------------------------------------------------------------------------

def epidemic_threshold(G):
    r"""Return the critical transmissibility :math:`T_c = \langle k \rangle / (\langle k^2 \rangle - \langle k \rangle)`.

    On a network with these degrees wired at random (Newman 2002), an outbreak stays
    small when each tie passes it on with probability below :math:`T_c`, and can reach a
    finite share of everyone above it. For independent cascade :math:`T = p`; for SIR see
    :func:`sir_transmissibility`.

    Raises
    ------
    ValueError
        If ``G`` is directed (the formula is for undirected ties) or empty.

    Examples
    --------
    Everyone with 4 contacts: 4 / (16 - 4) = 1/3.

    >>> import networkx as nx
    >>> round(epidemic_threshold(nx.random_regular_graph(4, 100, seed=1)), 3)
    0.333
    """
    import networkx as nx

    if isinstance(G, nx.Graph) and G.is_directed():
        raise ValueError(f"G must be an undirected graph for the epidemic threshold; got a directed {type(G).__name__}")
    g = prepare(G)
    k = g.reach.astype(float)
    spread_ = (k**2).mean() - k.mean()
    return float(k.mean() / spread_) if spread_ > 0 else math.inf


def sir_transmissibility(beta, gamma):
    r"""Return the chance that an infected person passes the infection along one tie in :func:`sir`.

    .. math::  T = \sum_{d \ge 1} \gamma (1-\gamma)^{d-1} \left(1 - (1-\beta)^d\right)
               = \frac{\beta}{\beta + \gamma - \beta\gamma}

    Examples
    --------
    >>> round(sir_transmissibility(0.1, 0.2), 4)
    0.3571
    """
    params = check_params(PARAMS, {"beta": beta, "gamma": gamma})
    b, c = params["beta"], params["gamma"]
    return b / (b + c - b * c) if b + c > 0 else 0.0


@defaults_from(PARAMS)
def cascade_condition(mean_degree, theta, theta_spread):
    r"""Return Watts's (2002) cascade number for :func:`threshold` on a random network: above 1, global cascades can happen.

    On a large random network with Poisson degrees of mean ``z`` (:func:`smlearn.models.networks.random_network`),
    one starter can set off a global cascade only if the people who tip over from a
    single adopting contact (the *vulnerable*) form a connected cluster that spans the
    network. Watts's condition for that is

    .. math::  \frac{1}{z} \sum_k k (k - 1)\, p_k\, \rho_k > 1 ,

    where :math:`p_k` is the share of people with ``k`` contacts and :math:`\rho_k` the
    chance that a person with ``k`` contacts is vulnerable: that their own threshold is
    at most ``1/k``. With one threshold for everyone, :math:`\rho_k` is 1 for
    ``k <= 1/theta`` and 0 above; with ``theta_spread`` it follows the normal
    distribution of :func:`threshold`.

    The number says where global cascades are *possible*, from a single starter, on a
    very large network; how often one happens is a matter of chance and of network size.

    Parameters
    ----------
    mean_degree : float
        The mean number of contacts ``z`` (0 .. 100).
    theta, theta_spread : float
        As in :func:`threshold`.

    Raises
    ------
    ValueError
        If a number is outside its range.

    References
    ----------
    Watts, D. J. (2002). A simple model of global cascades on random networks. PNAS
    99(9), 5766-5771.

    Examples
    --------
    With theta = 0.18 a person with up to 5 contacts is vulnerable, and the number is
    :math:`e^{-z}(z + z^2 + z^3/2 + z^4/6)`: above 1 from z just over 1 to z about 5.8.

    >>> [round(cascade_condition(z), 2) for z in (0.5, 2.0, 5.0, 8.0)]
    [0.5, 1.71, 1.33, 0.34]
    """
    z = Param("mean_degree", 6.0, 0.0, 100.0, 0.01, "Ties per person", "ties/person").check(mean_degree)
    params = check_params(PARAMS, {"theta": theta, "theta_spread": theta_spread})
    if z == 0:
        return 0.0
    from scipy.stats import norm, poisson

    k = np.arange(2, int(z + 20 * math.sqrt(z) + 30))      # degrees 0 and 1 add nothing; the tail is negligible
    limit = (1 + 1e-9) / k                                  # the highest threshold that one contact tips
    if params["theta_spread"] > 0:
        # the clipped normal: a draw below 0 counts as 0, so P(own <= limit) is the normal's
        vulnerable = norm.cdf(limit, loc=params["theta"], scale=params["theta_spread"])
        vulnerable[limit >= 1] = 1.0
    else:
        vulnerable = (params["theta"] <= limit).astype(float)
    return float((k * (k - 1) * poisson.pmf(k, z) * vulnerable).sum() / z)


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
        shares = final_shares(g, "independent cascade", runs=runs, p=T, n_seeds=n_seeds)
        rows.append({"T": T, "mean": shares.mean(), "median": np.median(shares),
                     "low": np.quantile(shares, 0.1), "high": np.quantile(shares, 0.9)})
    table = pd.DataFrame(rows)
    table.attrs["T_c"] = epidemic_threshold(G)
    table.attrs["runs"] = runs
    return table


@defaults_from(PARAMS)
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
    theta = check_params(PARAMS, {"theta": theta})["theta"]
    n = Param("n", 1000, 100, 5000, 1, "People", "people").check(n)
    runs = Param("runs", 30, 1, 1000, 1, "Runs", "runs").check(runs)
    big = check_number("big", big, 0.0, 1.0, low_open=True)
    if big >= 1:
        raise ValueError(f"big must be below 1 (a share of the network); got {big!r}")
    network_seed = Param("network_seed", 3, 0, 2**32 - 1, 1, "Network seed", "").check(network_seed)
    rows = []
    for z in zs:
        G = networks.random_network(n, z, seed=network_seed)
        shares = final_shares(G, "threshold", runs=runs, theta=theta, n_seeds=1)
        condition = cascade_condition(z, theta)
        rows.append({"z": z, "cascades": float((shares > big).mean()), "condition": condition,
                     "inside": bool(condition > 1)})
    table = pd.DataFrame(rows)
    table.attrs["theta"] = theta
    table.attrs["runs"] = runs
    table.attrs["window"] = watts_window(theta)
    table.attrs["big"] = big
    return table


@defaults_from(PARAMS)
def watts_window(theta):
    """Return ``(low, high)``: the mean degrees between which :func:`cascade_condition` is above 1.

    Found by scanning z from 0.05 to 30 in steps of 0.05 and then solving for the two
    crossings with ``scipy.optimize.brentq``. ``(nan, nan)`` if there is no window.

    Examples
    --------
    >>> [round(z, 2) for z in watts_window(0.18)]
    [1.02, 5.76]
    """
    from scipy.optimize import brentq

    theta = check_params(PARAMS, {"theta": theta})["theta"]
    zs = np.arange(0.05, 30.0, 0.05)
    above = np.array([cascade_condition(z, theta) > 1 for z in zs])
    if not above.any():
        return (math.nan, math.nan)
    first, last = int(np.argmax(above)), int(len(above) - 1 - np.argmax(above[::-1]))
    gap = lambda z: cascade_condition(z, theta) - 1      # noqa: E731 (the function whose zeros are the edges)
    low = brentq(gap, zs[first - 1], zs[first]) if first > 0 else float(zs[0])
    high = brentq(gap, zs[last], zs[last + 1]) if last + 1 < len(zs) else float(zs[-1])
    return (float(low), float(high))
