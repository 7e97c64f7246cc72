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

import networkx as nx

from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import links

__all__ = ["SEED", "two_pages", "most_links", "week52_visits", "friends_or_content"]

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
