"""Self-check questions of lesson 06, Links.

Use them in the lesson like this::

    from smlearn.questions import links as quiz
    print(quiz.rank_step)              # the question
    def new_rank(graph, rank, page, damping=0.85): ...   # your function
    quiz.rank_step.check(new_rank)     # runs it on named cases and says which fails

Code answers are checked against :mod:`smlearn.models.links` and the lesson's real data;
numeric answers (kept for instructors) run the model when they are checked; the right option
of a multiple-choice question is kept only as a fingerprint (see :mod:`smlearn.exercises`).

Examples
--------
>>> two_pages.reset()        # forget tries made earlier in this session
>>> two_pages.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> two_pages.check(0.9)
✘ Not yet: 0.9 is too high. Hint: Write r_a and r_b with the formula, use r_a + r_b = 1, and solve for r_a...
"""

from __future__ import annotations

import dataclasses
import functools
import numbers

import networkx as nx
import pandas as pd

from smlearn import flips
from smlearn.exercises import Case, ChoiceQuestion, CodeQuestion, NumericQuestion
from smlearn.models import links, networks
from smlearn.params import check_graph, check_instance, check_items, check_table, check_text

__all__ = ["SEED", "TINY_WEB", "FIVE_MPS", "party_alone_agreement", "new_rank", "rank_step", "two_pages", "most_links", "week52_visits", "friends_or_content",
           "FRIENDS", "two_strategies", "earned_ratio", "EARNED_BEATS_FRIENDS", "VARIED", "links_verdict", "PARTY",
           "mp_ranks", "party_agreement", "party_rank_agreement"]

SEED = 1   # the seed the lesson uses for the web


def _two_pages():
    return float(links.pagerank(nx.DiGraph([("a", "b")]), tol=1e-14)["a"])


def _week52_visits():
    return float(links.simulate(seed=SEED).weekly["visits"].iloc[-1])


def _lesson_runs():
    """The numbers the feedback below quotes, from the lesson's runs at the model's defaults (a class
    profile may change them): week 1's and week 52's visits, what unlinked guides still bring, and the
    visits through other sites' links for content and for twenty friends."""
    year = links.simulate(seed=SEED).weekly["visits"]
    unlinked = links.simulate(content_quality=0.0, seed=SEED).weekly["visits"].iloc[-1]
    content = links.visit_sources(links.simulate(seed=SEED))["other sites' links"]
    friends = links.visit_sources(links.simulate(friend_links=20, posts_per_period=0.0, seed=SEED))
    return {"growth": year.iloc[-1] / year.iloc[0], "unlinked": unlinked, "earned": content,
            "friends": friends["other sites' links"]}


_RUNS = _lesson_runs()


two_pages = NumericQuestion(
    "links.two_pages",
    "A web of two pages: page a links to page b, and page b links nowhere. With damping 0.85,"
    " what is page a's PageRank? Work it out by hand, then check with links.pagerank.",
    answer=_two_pages,
    tolerance=0.002,
    hint="Write r_a and r_b with the formula, use r_a + r_b = 1, and solve for r_a.",
    explanation="r_a = 0.075 + 0.425 r_b (b is dangling, so the surfer on b jumps anywhere) and r_b = 1 - r_a,"
    " so 1.425 r_a = 0.5 and r_a = 0.351.",
)

# ---- One step of PageRank, in code ----------------------------------------------------------

TINY_WEB = [("club", "shop"), ("club", "guide"), ("guide", "shop"), ("news", "shop"), ("shop", "guide")]   # the lesson's four pages


def new_rank(graph, rank, page, damping=0.85):
    """One page's rank after one step of the PageRank formula, from every page's rank now.

    Read off the model: one step of :func:`smlearn.models.links.pagerank_matrix` started
    from ``rank`` (links counted, not weighted), so the answer is whatever the model does,
    not a second copy of its formula.

    Parameters
    ----------
    graph : networkx.DiGraph
    rank : dict or pandas.Series, page -> rank now (numbers >= 0 that add up to 1)
    page : a page of ``graph``
    damping : float, default 0.85, strictly between 0 and 1

    Examples
    --------
    Two pages, a -> b, from equal shares: a gets 0.15 / 2 + 0.85 * (0 + 0.5 / 2), the
    second part being b's rank, which has no links and so goes to every page alike.

    >>> round(new_rank(nx.DiGraph([("a", "b")]), {"a": 0.5, "b": 0.5}, "a"), 4)
    0.2875
    """
    check_graph("graph", graph, what="a web of pages")
    if isinstance(page, (list, dict, set)) or page not in graph:
        raise ValueError(f"page must be a page of graph, e.g. {next(iter(graph))!r}; got {page!r}")
    if isinstance(damping, bool) or not isinstance(damping, numbers.Real) or not 0 < damping < 1:
        raise ValueError(f"damping must be a number strictly between 0 and 1 (0.85 is usual); got {damping!r}")
    if not isinstance(rank, (dict, pd.Series)):
        raise TypeError(f"rank must be a dict or pandas Series, page -> rank; got {type(rank).__name__}")
    nodes, matrix = networks.adjacency(graph)
    start = []
    for node in nodes:
        value = rank.get(node) if isinstance(rank, dict) else (rank[node] if node in rank.index else None)
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value <= 1:
            raise ValueError(f"rank must give every page of graph a rank from 0 to 1; {node!r} has {value!r}")
        start.append(float(value))
    if abs(sum(start) - 1) > 1e-6:
        raise ValueError(f"rank must add up to 1 over the pages of graph; it adds up to {sum(start):.4g}")
    # One step: any change is below tol=3 (two sets of shares differ by at most 2 in total).
    after = links.pagerank_matrix(matrix, damping=float(damping), start=start, max_iter=1, tol=3)
    return float(after[list(nodes).index(page)])


def _random_web(rng):
    pages = rng.randint(2, 6)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(pages))
    graph.add_edges_from((u, v) for u in range(pages) for v in range(pages) if u != v and rng.random() < 0.4)
    weights = [rng.random() + 0.01 for _ in range(pages)]
    rank = {page: w / sum(weights) for page, w in enumerate(weights)}
    page, damping = rng.randrange(pages), round(rng.uniform(0.5, 0.95), 2)
    return Case((graph, rank, page, damping),
                f"a random web of {pages} pages and {graph.number_of_edges()} links, page {page}, damping {damping}")


_TWO = nx.DiGraph([("a", "b")])
_EQUAL_TWO = {"a": 0.5, "b": 0.5}
_SPLIT = nx.DiGraph([("a", "b"), ("a", "c"), ("b", "c"), ("c", "a")])   # a splits its rank over two links
_EQUAL_SPLIT = {page: 1 / 3 for page in _SPLIT}
_TINY = nx.DiGraph(TINY_WEB)
_EQUAL_TINY = {page: 0.25 for page in _TINY}
_SETTLED = links.pagerank(_TINY, tol=1e-13).to_dict()     # the four pages' PageRank: a step leaves it where it is

rank_step = CodeQuestion(
    "links.rank_step",
    "Write new_rank(graph, rank, page, damping=0.85): page's rank after one step of the PageRank formula,"
    " given rank, a dict of every page's rank now. It is (1 - damping) / N plus damping times (the share"
    " of rank each page linking to it hands on, rank / links on that page, added up, plus the rank on pages"
    " without links divided by N). Then check it: quiz.rank_step.check(new_rank).",
    cases=[Case((_TWO, _EQUAL_TWO, "a"), "two pages, a -> b, from equal shares: page a (the worked example)"),
           Case((_TWO, _EQUAL_TWO, "b"), "the same, page b"),
           Case((_SPLIT, _EQUAL_SPLIT, "b"), "a links to b and to c, from equal shares: page b gets half of a's rank"
                " (rank / links on a), not all of it"),
           Case((_TINY, _EQUAL_TINY, "shop"), "the four-page web from equal shares: the shop"),
           Case((_TINY, _SETTLED, "guide"), "the four-page web at its PageRank: the guide's rank stays where it is",
                expected=_SETTLED["guide"]),
           Case((_TINY, _SETTLED, "club", 0.5), "the four-page web, damping 0.5: the club, which nobody links to")],
    reference=new_rank,
    extra=_random_web,
    tolerance=1e-6,
    hint="graph.predecessors(page) gives the pages that link to page, graph.out_degree(i) the links on page i,"
    " and graph.number_of_nodes() is N. A page with out_degree 0 is a page without links.",
    worked_hint="A linking page hands on its rank divided by its own links: in the web a -> b, a -> c, b -> c, c -> a"
    " from 1/3 each, b gets (1/3) / 2 from a, so 0.15 / 3 + 0.85 * 1/6 = 0.1917 (not 0.3333, the whole of a's rank)."
    " A page without links spreads its rank over all pages: in a -> b from equal shares, page a gets"
    " 0.15 / 2 + 0.85 * 0.5 / 2 = 0.2875.",
    solution_code="""def new_rank(graph, rank, page, damping=0.85):
    n = graph.number_of_nodes()
    handed_on = 0
    for i in graph.predecessors(page):       # each page linking here hands on rank / its links
        handed_on += rank[i] / graph.out_degree(i)
    no_links = 0
    for i in graph:                          # pages without links share their rank with every page
        if graph.out_degree(i) == 0:
            no_links += rank[i]
    return (1 - damping) / n + damping * (handed_on + no_links / n)""",
    explanation="That one step is all PageRank is: repeat it for every page until nothing changes, and the ranks"
    " that stay put are the PageRank (the guide's case). A link hands on a share of the linking page's own rank,"
    " so who links to you matters as much as how many.",
)


most_links = ChoiceQuestion(
    "links.most_links",
    "Page X receives more links than page Y. What does that say about their PageRanks?",
    [
        "X may still rank lower: each link hands on part of its page's rank",
        "X ranks higher: in the end PageRank is a count of the links received",
        "Equal links mean equal rank, so X is ahead by its extra links alone",
        "Little either way: random jumps give every page about the same rank",
    ],
    answer_fingerprint="988d7130828d560d",
    hint="Look at the formula: what does a link from page i bring to page j? Then look at Rachel Reeves.",
    feedback={
        "b": "That is the misconception that PageRank is a count of links. If it were, Rachel Reeves, 19th among"
        " MPs by links received, could not be 6th by PageRank.",
        "c": "That is the misconception that twenty links are twenty links. A link hands on rank / links on the"
        " linking page: Keir Starmer's links to Reeves carry a share of his high rank, a backbencher's carry little.",
        "d": "That is the misconception that the random jumps decide. They give every page the same floor (0.0375"
        " in the four-page web), but links add far more on top: the shop ranks about ten times the club.",
    },
    explanation="Each page splits its own rank over its links: a link is a vote weighted by the voter's rank.",
)

week52_visits = NumericQuestion(
    "links.week52_visits",
    "Run links.simulate(seed=quiz.SEED) at its defaults. How many search visits does your site get in"
    " week 52?",
    answer=_week52_visits,
    rel_tolerance=0.02,
    unit="visits",
    hint="result.weekly['visits'].iloc[-1], or read the last point of the middle panel.",
    explanation=f"About {_RUNS['growth']:.0f} times week 1: every piece keeps earning links, links raise rank, and"
    " rank brings the visits that earn the next links.",
)

friends_or_content = ChoiceQuestion(
    "links.friends_or_content",
    "In the model, 20 links from people you know (and no content) against one good piece a week (and no"
    " friends): which brings more search visits by week 52, and why?",
    [
        "Friends: twenty links at once keep paying, while strangers trickle in",
        "Level: a link is a link, so twenty of either kind bring the same visits",
        "Content: other sites' links to it compound, while friends' links fade",
        "Content, because every guide adds a page search engines pay visits to",
    ],
    answer_fingerprint="7cbd10c47842c92e",
    hint="Compare the visits in week 1 and week 52, then the split of week 52's visits by where they come from.",
    feedback={
        "a": "That is the misconception that once you have the links you keep the visits. True in week 1 only:"
        " rank is a share, and as the web adds links the same twenty buy less.",
        "b": "That is the misconception that twenty links are twenty links. Compare the visits at week 52 in both runs.",
        "d": "That is the model's artefact taken for the reason. Every page gets random jumps and Priya's links to"
        f" herself count as votes, so guides nobody links to still bring {_RUNS['unlinked']:.0f} visits; a search"
        " engine would send them close to nothing. What survives is other sites' links: about"
        f" {_RUNS['earned']:.0f} visits against {_RUNS['friends']:.0f}.",
    },
    explanation=f"In week 52 links from other sites bring content about {_RUNS['earned']:.0f} visits against about"
    f" {_RUNS['friends']:.0f} for the friends:"
    " earned links keep coming and raise the rank that helps the next author find Priya, while twenty friends'"
    " links arrive once and fade as the web grows. (The model also pays each extra guide a floor of random jumps"
    " and counts Priya's own links; those are its own doing.) Source B's line in numbers: networking makes human"
    " links, media gets website links.",
)


# ---- What flips the verdict ----------------------------------------------------------------

FRIENDS = {"friend_links": 20, "posts_per_period": 0.0}   # the networking strategy of the lesson


def two_strategies(friend_links=FRIENDS["friend_links"], posts_per_period=1.0, **settings):
    """Run the lesson's two strategies on the same web: (content, friends).

    *Content*: ``posts_per_period`` guides a week (default 1) and no friends' links.
    *Friends*: ``friend_links`` friends (default 20) link to the home page in week 1 and
    nothing is published (:data:`FRIENDS`). Every other setting is shared.

    Examples
    --------
    >>> content, friends = two_strategies(seed=1)
    >>> friends.params["friend_links"], content.params["friend_links"]
    (20, 0)
    """
    content = links.simulate(friend_links=0, posts_per_period=posts_per_period, **settings)
    friends = links.simulate(friend_links=friend_links, posts_per_period=0.0, **settings)
    return content, friends


def earned_ratio(strategies):
    """The last week's visits through other sites' links: content's divided by friends'.

    Only links from other sites count, so the random-jump floor of every page and a site's
    links to itself (which a search engine would not pay out) are left out.

    Examples
    --------
    >>> round(earned_ratio(two_strategies(seed=1)), 1)
    5.8
    """
    items = check_items("strategies", strategies, what="two results of links.simulate")
    if len(items) != 2:
        raise ValueError(f"strategies must be two results of links.simulate (content, friends); got {len(items)}")
    content, friends = items
    for strategy in items:
        check_instance("strategies", strategy, links.LinkWeb, "two results of links.simulate")
    # Rounded to a millionth of a visit: below that the split is floating-point dust (a web
    # with no new links leaves content about 0.0000000002 visits, which is none).
    earned = round(float(links.visit_sources(content)["other sites' links"]), 6)
    given = round(float(links.visit_sources(friends)["other sites' links"]), 6)
    return float(earned / given) if given > 0 else float("inf")


EARNED_BEATS_FRIENDS = flips.Verdict(
    "links earned by a guide a week bring more search visits in the last week than twenty friends' links",
    measure=earned_ratio, threshold=1.0, holds="above",
    unit="visits through others' links: content / friends")

# The settings that can move the verdict. Search visits and the funnel's rates scale both
# strategies alike, so they cannot flip a ratio; links_per_page and damping were checked
# and never flip it in their ranges (see tests/lessons/test_lessons_crowds_links.py). The two settings
# that define the comparison move too: the friends' links (20) and the guides a week (1).
# 6 points across each range and 48 settings drawn together: about 200 runs of the model.
VARIED = ["periods", "n_pages", "content_quality", "new_links_per_period", "friend_links", "posts_per_period"]
STEPS = 6
SAMPLES = 48
# The friends' strategy has 20 friends by default (the model's own default is none).
STRATEGY_PARAMS = dict(links.PARAMS)
STRATEGY_PARAMS["friend_links"] = dataclasses.replace(links.PARAMS["friend_links"], default=FRIENDS["friend_links"])
# Plausible ranges: a strategy of no friends or of no guides compares nothing with something.
RANGES = {"friend_links": (1, 50), "posts_per_period": (0.5, 5.0)}


@functools.lru_cache(maxsize=1)
def links_verdict():
    """Where lesson 06's verdict flips: :func:`smlearn.flips.analyse` over :data:`VARIED`, seed 1.

    Examples
    --------
    >>> report = links_verdict()
    >>> report.holds_at_default
    True
    """
    return flips.analyse(two_strategies, EARNED_BEATS_FRIENDS, STRATEGY_PARAMS, fixed={"seed": SEED},
                         names=VARIED, steps=STEPS, samples=SAMPLES, seed=0, ranges=RANGES)


# ---- Real data: the MPs' interaction network -------------------------------------------------

PARTY = "Conservative"   # the party of the real-data exercise


@functools.lru_cache(maxsize=1)
def mp_ranks():
    """The lesson's table of UK MPs: PageRank among colleagues, links received, public followers."""
    from smlearn.realdata import mp_interaction_network
    from smlearn.realdata.links import rank_table

    return rank_table(mp_interaction_network())


def _party_rows(table, party):
    return table[table["party"] == party]


def party_alone_agreement(party=PARTY):
    """:func:`party_agreement` with PageRank recomputed on the party's own network (links from other parties dropped).

    The lesson's check that the party's agreement of PageRank with followers is not made by the
    links from other parties (the instructor notes state it, and their checked facts compute it here).

    Parameters
    ----------
    party : str
        A party of :func:`mp_ranks` with at least 3 MPs; the lesson's exercise party by default.

    Returns
    -------
    float
        Spearman's rank correlation of the recomputed PageRank and the followers.

    Raises
    ------
    TypeError, ValueError
        If ``party`` is not a string, or not a party with at least 3 MPs.

    Examples
    --------
    >>> -1 <= party_alone_agreement() <= 1
    True
    """
    from smlearn.realdata import mp_interaction_network
    from smlearn.realdata.links import rank_table

    check_text("party", party)
    members = list(_party_rows(mp_ranks(), party).index)
    if len(members) < 3:
        raise ValueError(f"party must be a party with at least 3 MPs in mp_ranks(), e.g. {PARTY!r}; got {party!r}")
    G = mp_interaction_network()
    return rank_correlation(rank_table(G.subgraph(members).copy()), "pagerank", "followers")


def rank_correlation(table, first, second):
    """Spearman's rank correlation of two columns (see :func:`smlearn.realdata.links.rank_correlation`)."""
    from smlearn.realdata.links import rank_correlation as correlation

    return correlation(table, first, second)


def party_agreement(ranks, party):
    """Spearman's rank correlation of PageRank and followers among the MPs of one party.

    The reference for the lesson's real-data exercise: :func:`rank_correlation` on the rows of
    ``ranks`` (a table like :func:`mp_ranks`) whose ``party`` is ``party``.

    Examples
    --------
    >>> round(party_agreement(mp_ranks(), "Conservative"), 3)
    0.501
    """
    check_table("ranks", ranks, ["party", "pagerank", "followers"], what="a table of MPs like quiz.mp_ranks()")
    check_text("party", party)
    rows = _party_rows(ranks, party)
    if len(rows) < 3:
        raise ValueError(f"party must be a party with at least 3 MPs in ranks, e.g. {PARTY!r}; got {party!r}")
    return rank_correlation(rows, "pagerank", "followers")


def _made_up_mps(rng):
    """A small made-up table of MPs in two parties, with followers that a few big accounts dominate."""
    size = rng.randint(8, 16)
    table = pd.DataFrame({
        "party": [rng.choice(["Red", "Blue"]) for _ in range(size)],
        "pagerank": [rng.random() / size for _ in range(size)],
        "followers": [int(10 ** rng.uniform(3, 7)) for _ in range(size)],
    }, index=[f"MP{i}" for i in range(size)])
    table.loc[["MP0", "MP1", "MP2"], "party"] = "Red"
    table.loc[["MP3", "MP4", "MP5"], "party"] = "Blue"
    return Case((table, rng.choice(["Red", "Blue"])), f"a made-up table of {size} MPs in two parties")


# Five MPs where one huge account makes the raw numbers and their ranks disagree, and two of another party:
# the first case of party_agreement's coding exercise.
FIVE_MPS = pd.DataFrame({"party": ["Red"] * 5 + ["Blue"] * 2,
                      "pagerank": [0.30, 0.05, 0.10, 0.20, 0.15, 0.12, 0.08],
                      "followers": [3_000_000, 9_000, 2_000, 1_000, 4_000, 50_000, 70_000]},
                     index=["A", "B", "C", "D", "E", "F", "G"])

class _CodeOnRealData(CodeQuestion):
    """A CodeQuestion with cases on the real MPs, made when it first checks: ranking them takes seconds."""

    def __init__(self, *args, real_cases, **kwargs):
        super().__init__(*args, **kwargs)
        self._real_cases = real_cases

    def check(self, answer):
        if self._real_cases is not None and not (answer is ... or answer is None):
            self.cases += self._real_cases()
            self._real_cases = None
        return super().check(answer)


party_rank_agreement = _CodeOnRealData(
    "links.party_rank_agreement",
    "Write party_agreement(ranks, party): among the MPs of one party only (the rows of ranks whose 'party' is"
    " party), the rank correlation (Spearman) of their 'pagerank' and 'followers' columns, returned as one number"
    " (scipy's spearmanr gives a pair; take its first value). Then check it: quiz.party_rank_agreement.check(party_agreement).",
    cases=[Case((FIVE_MPS, "Red"), "five made-up Red MPs, one of them a huge account (and two Blue MPs to leave out)")],
    real_cases=lambda: [Case((mp_ranks(), "Conservative"), "the 308 Conservative MPs of the lesson's table"),
                        Case((mp_ranks(), "Labour"), "the 193 Labour MPs"),
                        Case((mp_ranks(), "Scottish National Party"), "the 47 SNP MPs")],
    reference=party_agreement,
    extra=_made_up_mps,
    tolerance=1e-6,
    hint="Keep the rows with ranks[ranks['party'] == party], then compare their two columns with"
    " .corr(..., method='spearman'). Without method='spearman' pandas compares the raw numbers, which a few huge"
    " accounts dominate.",
    worked_hint="rows = ranks[ranks['party'] == party] picks one party; rows['pagerank'].corr(rows['followers'],"
    " method='spearman') compares their orders. For the five made-up Red MPs the orders agree only loosely: 0.1.",
    solution_code="""def party_agreement(ranks, party):
    rows = ranks[ranks["party"] == party]
    return rows["pagerank"].corr(rows["followers"], method="spearman")""",
    explanation="About 0.50 among Conservatives (95 % interval 0.41 to 0.58, from 308 MPs): about as much as in the"
    " whole House (0.57), within noise, and Labour's is 0.56. Inside one party too, standing among peers and a public"
    " audience are different currencies.",
)
