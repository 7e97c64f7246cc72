"""The spreading engine: a network as arrays, and each spreading model run on them fast.

:mod:`smlearn.models.diffusion` states the rules (``cascade_rules``, ``threshold_rules``,
``sir_rules`` ...) one person at a time; this module runs the same rules on whole
arrays. A networkx graph is turned once into a :class:`SpreadGraph`: a scipy.sparse CSR
array whose row ``i`` lists the people who hear from ``i``. Each step works only on the
*frontier*: gather the rows of the people who just changed, count how many tries each
of their listeners receives (``numpy.unique`` for a few, ``numpy.bincount`` for many),
draw, and move on. A step costs about the number of ties it touches, not the size of
the network, and there is no Python loop over people, only one over steps. SIR draws
its randomness first instead (how long each person would stay infectious, and when
each tie would first pass it on) and then finds the earliest time the infection
reaches each person (Kenah and Robins 2007).

The methods of :class:`SpreadGraph` take inputs that :mod:`smlearn.models.diffusion`
has checked (starting people as an index array, probabilities in range, one numpy
Generator) and return plain arrays. They draw their random numbers in the same order
as the rules in :mod:`smlearn.models.diffusion` (for SIR, as ``sir_clock_rules``), so
``tests/models/test_diffusion.py`` can check that both give exactly the same runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

# The run methods of SpreadGraph are the engine's whole interface; smlearn.models.diffusion
# checks every input before it calls them.
__all__ = ["SpreadGraph"]



def _rows(indptr, rows):
    """The positions of all the entries of ``rows`` (an index array) of a CSR array, as one array.

    The rows of a CSR array sit one after another in its ``indices``; ``indptr[i]`` is
    where row ``i`` starts. We build the positions of all the wanted rows at once, so
    the caller can read them in one go. Its cost follows the number of entries in
    ``rows``, not the size of the array.
    """
    if not rows.size:
        return rows
    starts = indptr[rows]
    counts = indptr[rows + 1] - starts
    ends = counts.cumsum()                               # where each row ends in the output
    positions = (starts - (ends - counts)).repeat(counts)   # each row's start, once per entry in it,
    positions += np.arange(ends[-1])                        # plus the entry's place in the output
    return positions


def _listeners(g, speakers):
    """Everyone who hears from ``speakers`` (an index array), once per tie, as one array.

    This is the step every network model takes, and it touches only the ties of
    ``speakers``: its cost follows the size of the frontier, not of the whole network.
    """
    return g.hears.indices[_rows(g.hears.indptr, speakers)]


def _heard(g, speakers, among):
    """Who hears from ``speakers``, and from how many of them: ``(people, counts)``.

    Only people marked True in ``among`` count, and ``people`` comes out in increasing
    order. Two ways give the same answer: for a few listeners we sort them
    (``np.unique``), which costs about their number; for many we count them into a
    table of everyone (``np.bincount``), which costs about the size of the network but
    less per listener. We take whichever is cheaper.
    """
    heard = _listeners(g, speakers)
    if heard.size * 8 < g.n:
        return np.unique(heard[among[heard]], return_counts=True)
    counts = np.bincount(heard, minlength=g.n)
    people = np.flatnonzero((counts > 0) & among)
    return people, counts[people]



@dataclass(frozen=True, eq=False)
class SpreadGraph:
    """A network turned into arrays once, reused by every run, with each model's fast run.

    Build one with :meth:`from_graph` (or :func:`smlearn.models.diffusion.prepare`).

    Attributes
    ----------
    nodes : tuple
        The people, in the order of every array.
    hears : scipy.sparse.csr_array
        Row ``i`` lists the people who hear from ``i`` (``hears[i, j] = 1``).
    listens : numpy.ndarray
        How many people each person hears from (the number of nonzeros in its column).
    directed : bool
        True for a follower network.
    index : dict
        Person -> their position in ``nodes``.
    """

    nodes: tuple
    hears: object
    listens: np.ndarray
    directed: bool
    index: dict = field(repr=False)

    @property
    def n(self) -> int:
        """How many people."""
        return len(self.nodes)

    @cached_property
    def reach(self) -> np.ndarray:
        """How many people hear from each person (followers, in a follower network)."""
        return np.diff(self.hears.indptr)

    @cached_property
    def both_ways(self):
        """The ties with direction ignored, as a CSR array (built once, for finding groups of friends)."""
        return (self.hears + self.hears.T).tocsr()

    @classmethod
    def from_graph(cls, G):
        """The arrays of a networkx graph ``G`` (checked by :func:`smlearn.models.networks.adjacency`).

        An undirected tie passes things both ways. A directed edge ``u -> v`` means u
        follows v, so it passes things from v to u.
        """
        from smlearn.models.networks import adjacency

        nodes, A = adjacency(G, ties=True)               # A[u, v] = 1 for a tie u -> v (checks G, too)
        n = len(nodes)
        # u follows v (u -> v): v speaks and u listens, so a follower network is heard against
        # its arrows. An undirected A is symmetric already.
        hears = (A.T if G.is_directed() else A).tocsr()
        hears.sort_indices()
        hears.data = hears.data.astype(np.int8)          # only "there is a tie" matters: keep it small
        hears.indices = hears.indices.astype(np.int64)   # one index type: fast gathers
        hears.indptr = hears.indptr.astype(np.int64)
        listens = np.bincount(hears.indices, minlength=n)
        nodes, index = tuple(nodes), {v: i for i, v in enumerate(nodes)}
        for shared in (hears.data, hears.indices, hears.indptr, listens):
            shared.flags.writeable = False    # every run reads these arrays: none may change them for the next
        return cls(nodes=nodes, hears=hears, listens=listens, directed=G.is_directed(), index=index)

    def cascade(self, start, p, max_steps, rng):
        """The independent cascade from ``start`` (indices): ``(adopted_at, steps)``.

        Each step, one draw per person who hears a try from the newest adopters, in
        increasing index order; a person with ``c`` tries adopts if the draw is below
        ``1 - (1 - p)**c``.
        """
        waiting = np.ones(self.n, dtype=bool)          # True: has not adopted yet
        adopted_at = np.full(self.n, -1, dtype=np.int64)
        waiting[start], adopted_at[start] = False, 0
        chance = 1 - (1 - p) ** np.arange(self.listens.max() + 1)   # chance[c]: caught from c tries
        newest, step = start, 0
        while newest.size and step < max_steps:
            # c: how many tries each person who has not adopted receives from the newest adopters
            reached, tries = _heard(self, newest, among=waiting)
            newest = reached[rng.random(reached.size) < chance[tries]]
            if not newest.size:
                break
            step += 1
            waiting[newest], adopted_at[newest] = False, step
        return adopted_at, step

    def threshold(self, start, theta, theta_spread, neighbours, max_steps, rng):
        """The threshold model from ``start`` (indices): ``(adopted_at, steps)``.

        ``neighbours`` (a count, or None for the share ``theta``) as in
        :func:`smlearn.models.diffusion.threshold`; with ``theta_spread > 0`` each
        person's own threshold is drawn first, one normal draw per person.
        """
        if neighbours is None:
            # Each person's own threshold: theta for everyone, or drawn around theta (after the
            # starting people are picked, so theta_spread = 0 draws exactly as before).
            own = theta
            if theta_spread > 0:
                own = np.clip(rng.normal(theta, theta_spread, self.n), 0.0, 1.0)
            # A share of the people each person hears from, and at least one of them (1e-9
            # absorbs rounding); someone who hears from nobody never has a share to reach.
            need = np.where(self.listens > 0, np.maximum(own * self.listens, 1.0) - 1e-9, np.inf)
        else:                     # a number of people, the same for everyone
            need = np.broadcast_to(float(neighbours), self.n)
        heard = np.zeros(self.n, dtype=np.int64)      # adopting contacts each person hears from
        waiting = np.ones(self.n, dtype=bool)         # True: has not adopted yet
        adopted_at = np.full(self.n, -1, dtype=np.int64)
        waiting[start], adopted_at[start] = False, 0
        newest, step = start, 0
        while newest.size and step < max_steps:
            told = _listeners(self, newest)            # once per tie from a new adopter
            if told.size * 8 < self.n:
                # A few: only people who just heard from a new adopter can tip over.
                people, news = np.unique(told[waiting[told]], return_counts=True)
                heard[people] += news
                newest = people[heard[people] >= need[people]]
            else:
                # Many: count into a table of everyone and look at everyone who is waiting;
                # a person who heard nothing new has not changed and cannot tip now.
                heard += np.bincount(told, minlength=self.n)
                newest = np.flatnonzero((heard >= need) & waiting)
            if not newest.size:
                break
            step += 1
            waiting[newest], adopted_at[newest] = False, step
        return adopted_at, step

    def reinforced_cascade(self, start, p1, p2, max_steps, rng):
        """The reinforced cascade from ``start`` (indices): ``(adopted_at, steps)``.

        Draws as :meth:`cascade` does, one per person who hears a try, with the chance
        of :func:`smlearn.models.diffusion.reinforced_cascade`.
        """
        # The chance of staying out after c tries, looked up rather than computed each step:
        # if these are the first tries a person hears, (1 - p1)(1 - p2)^(c - 1); if not, (1 - p2)^c.
        c = np.arange(self.listens.max() + 1)
        miss_first = (1 - p1) * (1 - p2) ** np.maximum(c - 1, 0)
        miss_later = (1 - p2) ** c
        heard = np.zeros(self.n, dtype=np.int64)      # adopting contacts each person has heard from so far
        waiting = np.ones(self.n, dtype=bool)         # True: has not adopted yet
        adopted_at = np.full(self.n, -1, dtype=np.int64)
        waiting[start], adopted_at[start] = False, 0
        newest, step = start, 0
        while newest.size and step < max_steps:
            # c: how many tries each person who has not adopted receives from the newest adopters
            reached, tries = _heard(self, newest, among=waiting)
            first = heard[reached] == 0                    # this is the first time they hear it
            stays_out = np.where(first, miss_first[tries], miss_later[tries])
            heard[reached] += tries
            newest = reached[rng.random(reached.size) < 1 - stays_out]
            if not newest.size:
                break
            step += 1
            waiting[newest], adopted_at[newest] = False, step
        return adopted_at, step

    def sir(self, start, beta, gamma, max_steps, rng):
        """SIR from ``start`` (indices), drawn by clocks: ``(adopted_at, recovered_at, steps, counts)``.

        ``counts`` holds the susceptible, infected and recovered people at each step,
        shape ``(steps + 1, 3)``. The method is explained in
        :func:`smlearn.models.diffusion.sir`; the draws are those of
        :func:`smlearn.models.diffusion.sir_clock_rules`.
        """
        last_step = max_steps
        never = np.iinfo(np.int64).max // 2            # the infection time of someone not (yet) infected

        # 1. The clocks. d: how many steps each person would stay infectious; a d beyond the
        #    run is the same as never recovering. k for every tie, by inverting a uniform
        #    draw u: k = 1 + floor(log(u) / log(1 - beta)), and k <= d exactly when
        #    u > (1 - beta)**d. With gamma = 0 nobody recovers, so every tie passes in the
        #    end (unless beta = 0).
        if gamma > 0:
            infectious_for = np.minimum(rng.geometric(gamma, self.n), last_step + 1)
            fails_throughout = np.repeat((1 - beta) ** infectious_for, self.reach)   # ties in the speaker's row order
        else:
            fails_throughout = 1.0 if beta == 0 else 0.0
        u = rng.random(self.hears.indices.size)
        passes = u > fails_throughout
        kept = np.flatnonzero(passes)
        with np.errstate(divide="ignore"):                             # beta = 1: log(0) = -inf, so k = 1
            k = np.floor(np.log(u[kept]) / np.log1p(-beta))
        # Any k past the run acts the same (it arrives too late, but it is on its way), and a
        # tiny beta can make k too big for an integer: cap it first.
        delay = 1 + np.minimum(k, last_step).astype(np.int64)
        # The passing ties as their own CSR arrays: row i lists whom i infects, and when.
        passing_ptr = np.concatenate(([0], np.cumsum(passes)))[self.hears.indptr]
        passing_to = self.hears.indices[kept]

        # 2. Earliest arrival, one step at a time. An infection time only ever goes down, and
        #    a person infected at step s passes it on at s + k > s, so when the loop reaches
        #    step s everyone whose time is s is final.
        infected_at = np.full(self.n, never, dtype=np.int64)
        infected_at[start] = 0
        newest, step, latest = start, 0, 0
        while step < last_step:
            if newest.size:
                ties = _rows(passing_ptr, newest)
                arrive = delay[ties] + step
                np.minimum.at(infected_at, passing_to[ties], arrive)
                if arrive.size:
                    latest = max(latest, int(arrive.max()))
            step += 1
            if step > latest:
                break                                  # nothing else is on its way
            newest = np.flatnonzero(infected_at == step)

        # 3. The record: who was infected and recovered when, and the counts per step.
        infected = infected_at <= last_step
        adopted_at = np.where(infected, infected_at, -1)
        if gamma > 0:
            recover = np.where(infected, infected_at + infectious_for, never)
            recovered_at = np.where(recover <= last_step, recover, -1)
            end = int(recover[infected].max())          # the last recovery ends the run
        else:
            recovered_at = np.full(self.n, -1, dtype=np.int64)
            on_its_way = ((infected_at > last_step) & (infected_at < never)).any()
            end = last_step if on_its_way else int(infected_at[infected].max()) + 1   # the step after the last infection
        end = min(end, last_step)
        newly = np.bincount(adopted_at[infected], minlength=end + 1)[: end + 1]
        recoveries = np.bincount(recovered_at[recovered_at >= 0], minlength=end + 1)[: end + 1]
        susceptible = self.n - np.cumsum(newly)
        recovered = np.cumsum(recoveries)
        counts = np.column_stack([susceptible, self.n - susceptible - recovered, recovered])
        return adopted_at, recovered_at, end, counts
