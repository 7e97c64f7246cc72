"""Self-check questions of lesson 03, Who is connected.

Use them in the lesson like this::

    from smlearn.questions import who_is_connected as quiz
    quiz.reciprocity                  # the question
    my_answer = ...   # replace ... with your answer
    quiz.reciprocity.check(my_answer)

Number questions compute their answers from :mod:`smlearn.models.networks` and the
course's data when checked; the right option of each multiple-choice question is kept
only as a fingerprint (see :mod:`smlearn.exercises`).

Examples
--------
>>> reciprocity.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> top_share.reset()        # forget tries made earlier in this session
>>> top_share.check(0.9)
✘ Not yet: 0.9 is too high. Hint: It is in the measures table: the follower row, column top1_share...
"""

from __future__ import annotations

import functools

from smlearn import data, flips, realdata
from smlearn.exercises import Case, ChoiceQuestion, CodeQuestion, NumericQuestion
from smlearn.models import degree_tails, networks
from smlearn.params import check_flag, check_graph, check_number

__all__ = ["SETTINGS", "QUESTIONS", "reciprocity", "top_share", "karate_path", "real_network",
           "CLUSTERING_VERDICT", "INEQUALITY_VERDICT", "VARIED", "pair_table", "clustering_verdict",
           "inequality_verdict", "RANGES", "SAMPLES", "rewire_flip", "follower_tail_fit", "rewired_clustering",
           "reciprocity_of", "DEMOCRAT_FOLLOWS", "returned_follows"]

# The networks of the lesson: the defaults of the model, one random draw.
SETTINGS = {**{name: networks.PARAMS[name].default for name in ("n", "mean_degree", "rewire", "follow_back")}, "seed": 1}


def _lesson_pair():
    return networks.simulate(**SETTINGS)


# ---- What flips the verdict -------------------------------------------------------------------

# The flip analyses run on 300 people (paths sampled from 50 of them) so that a lesson cell
# takes a few seconds; they vary the two settings that decide how ties are made.
VARIED = ["rewire", "follow_back"]
_FIXED = {"n": 300, "sample": 50, "seed": 1}
# Plausible ranges (the sliders allow 0 to 1 for both). Shortcuts up to half the ties: beyond that
# the circle is mostly random ties, no longer a network of friends of friends. Follow-back up to
# 0.3: on Twitter 22.1 % of linked pairs followed each other (Kwak et al. 2010), which a follow-back
# chance of about 0.22 would give (a pair is mutual when its first follow is returned).
RANGES = {"rewire": (0.0, 0.5), "follow_back": (0.0, 0.3)}
# 60 draws: with 24 the share was uncertain by about 10 points either way; 60 take about two seconds.
SAMPLES = 60


def pair_table(n=300, mean_degree=6, rewire=0.1, follow_back=0.05, sample=50, seed=1):
    """The measures table of a friendship and a follower network made with these settings (one row each)."""
    return networks.simulate(n=n, mean_degree=mean_degree, rewire=rewire, follow_back=follow_back, sample=sample, seed=seed).table


def _clustering_gap(table):
    return float(table.loc["friendship", "clustering"] - table.loc["follower", "clustering"])


def _inequality_gap(table):
    return float(table.loc["follower", "gini_followers"] - table.loc["friendship", "gini_followers"])


CLUSTERING_VERDICT = flips.Verdict(
    "two of a person's contacts know each other more often in the friendship network than in the follower network",
    measure=_clustering_gap, threshold=0.0, unit="clustering, friendship minus follower")
INEQUALITY_VERDICT = flips.Verdict(
    "followers are shared out more unequally in the follower network than friends in the friendship network",
    measure=_inequality_gap, threshold=0.0, unit="Gini of followers, follower minus friendship")


@functools.lru_cache(maxsize=1)
def clustering_verdict():
    """:func:`smlearn.flips.analyse` of :data:`CLUSTERING_VERDICT` over :data:`VARIED` (about two seconds).

    Kept after the first call, so the lesson and its checked facts share one analysis.
    """
    return flips.analyse(pair_table, CLUSTERING_VERDICT, networks.PARAMS, fixed=_FIXED, names=VARIED,
                         steps=7, samples=SAMPLES, seed=0, ranges=RANGES)


@functools.lru_cache(maxsize=None)
def rewire_flip(seed=1):
    """Where *Shortcuts* flips the clustering verdict when moved alone across its whole allowed range, 0 to 1.

    Outside the plausible range, so the lesson's analysis never reaches it; ``seed`` draws
    other networks (the flip moves with them, which is why the lesson rounds it).
    """
    report = flips.analyse(pair_table, CLUSTERING_VERDICT, networks.PARAMS, fixed=dict(_FIXED, seed=seed),
                           names=["rewire"], steps=7, samples=3, seed=0)
    return flips.flip_point(report, "rewire")


@functools.lru_cache(maxsize=1)
def inequality_verdict():
    """:func:`smlearn.flips.analyse` of :data:`INEQUALITY_VERDICT` over :data:`VARIED` (about two seconds)."""
    return flips.analyse(pair_table, INEQUALITY_VERDICT, networks.PARAMS, fixed=_FIXED, names=VARIED,
                         steps=7, samples=SAMPLES, seed=0, ranges=RANGES)


reciprocity = ChoiceQuestion(
    "who_is_connected.reciprocity",
    "Which network has the higher reciprocity (the share of ties that go both ways), and why?",
    [
        "The friendship network, because everyone in it has about as many ties",
        "The friendship network, because two friends of a person are often friends too",
        "The friendship network, because its rules make every tie go both ways",
        "The friendship network, which shows that real friendships are returned",
    ],
    answer_fingerprint="e7bed6e7098f6775",
    hint="Look at the reciprocity column, then ask what it takes for a tie to be returned in each model.",
    feedback={
        "a": "That reads equal numbers of ties as reciprocity: how evenly ties are shared out is the Gini column."
        " A network where everyone has 6 ties could still have every tie one-way.",
        "b": "That is clustering, not reciprocity: clustering asks whether two of my contacts know each other,"
        " reciprocity whether my tie to you comes back.",
        "d": "Right network, wrong reason: the model makes every friendship two-way by its rules, so its 1 is a"
        " setting, not evidence about real friendships.",
    },
    explanation="Friendship is mutual by the model's rules; a follow is one-way unless the other side decides to"
    " follow back, which happens with probability follow_back. Neither number is evidence about real ties.",
)

top_share = NumericQuestion(
    "who_is_connected.top_share",
    f"In the lesson's follower network ({SETTINGS['n']:,} people, {SETTINGS['mean_degree']:g} ties each, follow_back"
    f" {SETTINGS['follow_back']:g}, seed {SETTINGS['seed']}), what share of all followers do the top 1 % of accounts"
    f" ({SETTINGS['n'] // 100} accounts) hold? Answer as a share between 0 and 1.",
    answer=lambda: float(_lesson_pair().table.loc["follower", "top1_share"]),
    tolerance=0.01,
    hint="It is in the measures table: the follower row, column top1_share.",
    explanation=f"{SETTINGS['n'] // 100} accounts out of {SETTINGS['n']:,} hold that share; in the friendship network the top 1 % hold"
    " hardly more than their fair 1 %.",
)

karate_path = NumericQuestion(
    "who_is_connected.karate_path",
    "In Zachary's karate club, how many hops apart are two members on average (the mean shortest path)?",
    answer=lambda: float(networks.measures(data.load("karate"))["mean_path"]),
    tolerance=0.05,
    hint='Load it with smlearn.data.load("karate") and look at networks.measures(...)["mean_path"].',
    explanation="With 34 members and 78 ties, two members are 2.4 steps apart on average; the farthest pairs are"
    " 5 apart.",
)

real_network = ChoiceQuestion(
    "who_is_connected.real_network",
    "Which of the karate club's measures is the best evidence that it is a network of people who know each"
    " other (not a follower network)?",
    [
        "its clustering: two friends of a member are often friends",
        "its reciprocity of 1: every tie in the data goes both ways",
        "its two factions, visible in the ties before the club split",
        "its short paths: two members are 2.4 hops apart on average",
    ],
    answer_fingerprint="d997dacc6006cf0a",
    hint="How were the data recorded? Could the reciprocity have come out as anything but 1?",
    feedback={
        "b": "Zachary recorded ties without a direction, so reciprocity is 1 for any network stored this way.",
        "c": "True, but camps are no sign that people know each other: follower networks split into camps too"
        " (senators by party). And the ties were recorded while the dispute was under way, so they show a club"
        " in conflict, not the club before any trouble.",
        "d": "Follower networks have short paths too (4.12 steps on Twitter): a few shortcuts make any network"
        " small, whether or not people know each other.",
    },
    explanation="Its clustering (0.57, the average over members) is about four times its density, the 0.14 that"
    " random ties between the same members would give: friends of friends are friends, the mark of social"
    " networking. A stricter baseline keeps each member's number of ties and rewires the rest: that still gives"
    " about 0.35, so part of the 0.57 comes from a few members with many ties, not from friends of friends.",
)


def rewired_clustering(G=None, draws=20, seed=0, transitivity=False) -> float:
    """The mean clustering of ``G`` (karate by default) with its ties rewired, each member keeping their number of ties.

    The stricter baseline behind :data:`real_network`'s explanation (and the instructor notes'
    checked facts): ``networkx.double_edge_swap`` (ten swaps per tie), averaged over ``draws``
    seeded draws, the i-th with seed ``seed + i``.

    Parameters
    ----------
    G : networkx.Graph, optional
        An undirected network with at least two ties; karate (``data.load("karate")``) by default.
    draws : int >= 1
        How many rewired copies to average over.
    seed : int >= 0
        The seed of the first draw.
    transitivity : bool
        Measure all triangles at once (``networkx.transitivity``) instead of each member's
        clustering (``networkx.average_clustering``).

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        If ``G`` is not an undirected network with two ties or more, or ``draws``, ``seed`` or
        ``transitivity`` is not allowed.

    Examples
    --------
    >>> round(rewired_clustering(), 2)          # karate's own clustering is 0.57
    0.35
    """
    import networkx as nx

    if G is None:
        G = data.load("karate")
    check_graph("G", G, what="an undirected network (a networkx Graph), e.g. data.load('karate')")
    if G.is_directed() or G.number_of_edges() < 2:
        raise ValueError(f"G must be an undirected network with at least two ties; got {G!r}")
    draws = check_number("draws", draws, 1, 10_000, integer=True)
    seed = check_number("seed", seed, 0, 2**31, integer=True)
    transitivity = check_flag("transitivity", transitivity)
    clustering = []
    for draw in range(draws):
        H = G.copy()
        nx.double_edge_swap(H, nswap=10 * H.number_of_edges(), max_tries=100 * H.number_of_edges(), seed=seed + draw)
        clustering.append(nx.transitivity(H) if transitivity else nx.average_clustering(H))
    return sum(clustering) / len(clustering)


# ---- Real data: who follows whom among senators and MPs ------------------------------------------

@functools.lru_cache(maxsize=1)
def follower_tail_fit():
    """The power law fitted to the UK MPs' follower counts, with its check (100 resamples, about 9 seconds).

    Kept after the first call, so the lesson's figure, its description and the checked
    facts share one fit.
    """
    return degree_tails.power_law_fit(realdata.mp_followers().to_numpy(), resamples=100, seed=0)


def _democrats(senate):
    members = []
    for senator, party in senate.nodes(data="party"):
        if party == "D":
            members.append(senator)
    return senate.subgraph(members)


def reciprocity_of(follows) -> float:
    """The share of the ``follows`` (pairs: who follows whom) whose reverse is a follow too, by networkx.

    The reference of :data:`returned_follows`: a learner's function must agree with
    ``networkx.reciprocity`` on the same follows.

    Examples
    --------
    >>> round(reciprocity_of([("Ana", "Ben"), ("Ben", "Ana"), ("Ana", "Cy")]), 3)
    0.667
    """
    import networkx as nx

    if isinstance(follows, (str, bytes)) or not hasattr(follows, "__iter__"):
        raise TypeError(f"follows must be a list of pairs (who, whom); got {follows!r}")
    follows = list(follows)
    if not follows:
        raise ValueError("follows must hold at least one follow; got none")
    for pair in follows:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(f"follows must be a list of pairs (who, whom); got {pair!r} in it")
    return nx.reciprocity(nx.DiGraph(follows))


def _random_follows(rng) -> Case:
    """A random directed network: each ordered pair of n people follows with chance p, in shuffled order."""
    n = rng.randint(3, 12)
    p = rng.choice([0.1, 0.3, 0.5, 0.8])
    follows = [(a, b) for a in range(n) for b in range(n) if a != b and rng.random() < p]
    if not follows:
        follows = [(0, 1)]
    rng.shuffle(follows)
    return Case((follows,), f"a random network of {n} people and {len(follows)} follows")


# The follows among the Democratic senators (real data): the last named case of the exercise.
DEMOCRAT_FOLLOWS = list(_democrats(realdata.senate_network()).edges())

returned_follows = CodeQuestion(
    "who_is_connected.returned_follows",
    "Write share_returned(follows): follows is a list of pairs (who, whom), one per follow; return the"
    " share of the follows whose reverse (whom, who) is in the list too, unrounded (do not round it). The check"
    " compares your function with networkx.reciprocity on small networks, on random ones and on the follows among the Democratic"
    " senators. Then check it: quiz.returned_follows.check(share_returned).",
    cases=[Case(([("Ana", "Ben"), ("Ben", "Ana")],), "two people who follow each other"),
           Case(([("Ana", "Ben"), ("Ben", "Ana"), ("Ben", "Cy"), ("Cy", "Ben"), ("Ana", "Cy"), ("Cy", "Ana")],),
                "three people who all follow each other: 6 follows, 3 people"),
           Case(([("Ana", "Ben"), ("Ben", "Ana"), ("Ana", "Cy")],), "Ana also follows Cy, who does not follow back"),
           Case(([("Ana", "shop"), ("Ben", "shop"), ("Cy", "shop"), ("Dee", "shop"), ("shop", "Ana")],),
                "four people follow the shop, which follows one of them back"),
           Case(([("Ana", "Ben"), ("Ben", "Cy"), ("Cy", "Ana")],), "a ring of three where nobody follows back"),
           Case((DEMOCRAT_FOLLOWS,), f"the {len(DEMOCRAT_FOLLOWS)} follows among the Democratic senators")],
    reference=reciprocity_of,
    extra=_random_follows,
    extra_count=20,
    tolerance=1e-9,
    hint="Count the follows (a, b) for which (b, a) is in the list too, then divide by the number of follows"
    " (not of people). A returned pair is two returned follows: count follows, not pairs. Do not round.",
    worked_hint="For Ana -> Ben, Ben -> Ana, Ana -> Cy: the reverse of Ana -> Ben is there, the reverse of"
    " Ben -> Ana is there, the reverse of Ana -> Cy is not, so 2 of 3 follows are returned: 0.667. In code:"
    " start returned = 0, add 1 for each (a, b) in follows with (b, a) in follows too, then return"
    " returned / len(follows).",
    solution_code="""def share_returned(follows):
    follows = set(follows)            # a set finds each pair at once
    returned = 0
    for a, b in follows:
        if (b, a) in follows:
            returned += 1
    return returned / len(follows)""",
    explanation="Among the Democrats more follows are returned than across the whole Senate (57 %), but look at"
    " the density: among the Democrats 61 % of all possible follows exist, so random follows would be returned"
    " 61 % of the time. Beyond chance their reciprocity is only 0.10 (the Republicans': 0.68 at a density of"
    " 0.68, nothing beyond chance). The rise comes from a denser group, not from peers choosing each other more.",
)

# top_share and karate_path left the lesson when its real-data section came in (time); they stay
# here for instructors who want them back.
QUESTIONS = [reciprocity, real_network, returned_follows]
