"""Self-check questions of lesson 06, Links.

Use them in the lesson like this::

    from smlearn.questions import links as quiz
    quiz.two_pages                     # the question
    my_answer = ...   # replace ... with your answer
    quiz.two_pages.check(my_answer)

Numeric answers run :mod:`smlearn.models.links` when they are checked; the right option
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

import networkx as nx

from smlearn import flips
from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import links
from smlearn.params import check_instance, check_items

__all__ = ["SEED", "two_pages", "most_links", "week52_visits", "friends_or_content", "FRIENDS", "two_strategies",
           "earned_ratio", "EARNED_BEATS_FRIENDS", "VARIED", "links_verdict", "PARTY", "mp_ranks", "party_rank_agreement"]

SEED = 1   # the seed the lesson uses for the web


def _two_pages():
    return float(links.pagerank(nx.DiGraph([("a", "b")]), tol=1e-14)["a"])


def _week52_visits():
    return float(links.simulate_links(seed=SEED).weekly["visits"].iloc[-1])


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

most_links = ChoiceQuestion(
    "links.most_links",
    "Does the page that receives the most links always have the highest PageRank?",
    [
        "Yes: PageRank is just a count of the links a page receives",
        "Not always: a link passes on a share of the linking page's own rank, so one link from an important"
        " page can be worth more than many from obscure pages",
        "No: PageRank ignores links and measures visits",
        "Yes, as long as the damping is 0.85",
    ],
    answer_fingerprint="1f82ce8ba0082191",
    hint="Look at the formula: what does a link from page i bring to page j?",
    feedback={
        "a": "Then two pages with the same number of links would always tie. Check the table: they do not.",
        "c": "PageRank is computed from the links alone; visits in the model follow from it.",
        "d": "Damping changes how much links count, not what a single link is worth relative to another.",
    },
    explanation="Each page splits its own rank over its links: a link is a vote weighted by the voter's rank.",
)

week52_visits = NumericQuestion(
    "links.week52_visits",
    "Run links.simulate_links(seed=quiz.SEED) at its defaults. How many search visits does your site get in"
    " week 52?",
    answer=_week52_visits,
    rel_tolerance=0.02,
    unit="visits",
    hint="result.weekly['visits'].iloc[-1], or read the last point of the middle panel.",
    explanation="About seventeen times week 1: every piece keeps earning links, links raise rank, and rank"
    " brings the visits that earn the next links.",
)

friends_or_content = ChoiceQuestion(
    "links.friends_or_content",
    "In the model, 20 links from people you know (and no content) against one good piece a week (and no"
    " friends): which brings more search visits by week 52, and why?",
    [
        "Friends: 20 links at once beat a trickle of links from strangers",
        "Content: good guides keep earning links from other sites that compound through rank, while friends link once (and in the model every guide also adds a page with its own share of visits)",
        "They end level, because a link is a link",
        "Neither: the web is too big for a small site to be found",
    ],
    answer_fingerprint="68b292579032be7b",
    hint="Run both and compare the visits column at week 1 and at week 52.",
    feedback={
        "a": "True in week 1 only. Compare week 52.",
        "c": "Count the links at week 52 in both runs.",
        "d": "Both runs do get found; one far more than the other.",
    },
    explanation="Networking's human links can become a few website links once; content keeps adding pages and earning links."
    " That is Source B's line in numbers: networking makes human links, media gets website links.",
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
    content = links.simulate_links(friend_links=0, posts_per_period=posts_per_period, **settings)
    friends = links.simulate_links(friend_links=friend_links, posts_per_period=0.0, **settings)
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
    items = check_items("strategies", strategies, what="two results of links.simulate_links")
    if len(items) != 2:
        raise ValueError(f"strategies must be two results of links.simulate_links (content, friends); got {len(items)}")
    content, friends = items
    for strategy in items:
        check_instance("strategies", strategy, links.LinkWeb, "two results of links.simulate_links")
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
# and never flip it in their ranges (see tests/test_lessons_crowds_links.py). The two settings
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


def _party_agreement():
    return rank_correlation(_party_rows(mp_ranks(), PARTY), "pagerank", "followers")


def _whole_house():
    return rank_correlation(mp_ranks(), "pagerank", "followers")


def _party_pearson():
    rows = _party_rows(mp_ranks(), PARTY)
    return float(rows["pagerank"].corr(rows["followers"]))


def _party_links():
    return rank_correlation(_party_rows(mp_ranks(), PARTY), "pagerank", "links_in")


def _party_alone():
    """PageRank recomputed on the party's own network (links from other parties dropped)."""
    from smlearn.realdata import mp_interaction_network
    from smlearn.realdata.links import rank_table

    G = mp_interaction_network()
    members = list(_party_rows(mp_ranks(), PARTY).index)
    return rank_correlation(rank_table(G.subgraph(members).copy()), "pagerank", "followers")


def rank_correlation(table, first, second):
    """Spearman's rank correlation of two columns (see :func:`smlearn.realdata.links.rank_correlation`)."""
    from smlearn.realdata.links import rank_correlation as correlation

    return correlation(table, first, second)


party_rank_agreement = NumericQuestion(
    "links.party_rank_agreement",
    "Among Conservative MPs only, how closely does rank by PageRank among colleagues follow rank by public"
    " followers? Keep the rows of ranks whose party is 'Conservative' and compute the rank correlation"
    " (Spearman) between their pagerank and followers columns, to 3 decimals.",
    answer=_party_agreement,
    tolerance=0.005,
    hint="Pick the rows with ranks[ranks['party'] == 'Conservative'], then compare their two columns with"
    " .corr(..., method='spearman').",
    slips=[
        (_whole_house, "That is the correlation for all 585 MPs: keep only the Conservative rows first."),
        (_party_pearson, "That is Pearson's correlation of the raw numbers, which a few huge accounts dominate:"
         " add method='spearman' to compare ranks."),
        (_party_links, "That compares PageRank with links received; the question asks about followers."),
        (_party_alone, "You recomputed PageRank on the party's own network: keep the PageRank of the whole"
         " House (the ranks table) and only pick its Conservative rows."),
    ],
    explanation="About 0.50 (95 % interval 0.41 to 0.58, from 308 MPs): about as much as in the whole House"
    " (0.57), within noise. Inside one party too, standing among peers and a public audience are"
    " different currencies.",
)
