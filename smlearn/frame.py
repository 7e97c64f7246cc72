"""The frame: two questions that place every activity, model and claim of the course.

The sources use "social media" and "social networking" loosely. The course pins them
down with two questions you can ask about anything you do online:

1. **How do people come to you?** They *find* you (search, feeds, recommendations), or
   you reach them through *ties* you already have.
2. **How does the exchange run?** *Broadcast*, one message to many, or *two-way*, a
   conversation in which both sides answer each other. Whether they knew each other
   before is the first question's business, not this one's: a stranger who found you can
   talk with you too.

Two answers each make four cells. Only two of them have a name in the sources:

=================  =======================  =========================================
cell id            in plain words           what the sources call it
=================  =======================  =========================================
find-broadcast     found, then broadcast    social media
ties-two-way       ties, then conversation  social networking
ties-broadcast     ties, then broadcast     neither: mass messages to contacts
find-two-way       found, then conversation neither: conversations with strangers
                                            who found you
=================  =======================  =========================================

The last two are real and the sources blur them. A promotional message sent to every
contact travels through ties but is a broadcast (Source A: do not market to family and
friends). A stranger who finds your post and starts talking with you is the first step
of Source D's pipeline: stranger, then follower, then tie.

Putting social media in the broadcast column takes a side. Source D treats it as
transmission to a broad audience, but Sources A, B and C count the dialogue under a post
as part of social media. The frame follows D and gives that dialogue its own cell,
find-two-way. Lesson 01 lays out where else the frame and the sources part.

Examples
--------
>>> cell("ties-broadcast").term
'mass messages to contacts'
>>> cell_of("find", "broadcast").id
'find-broadcast'
>>> list(table()["cell"])
['find-broadcast', 'ties-two-way', 'ties-broadcast', 'find-two-way']
>>> check_cells(["ties-two-way"], what="lesson 02")
('ties-two-way',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smlearn.params import check_items, check_table, check_text

__all__ = [
    "QUESTIONS", "CELLS", "CELL_IDS", "TERMS", "Cell", "add_cells", "cell", "cell_of", "check_cells", "table",
    "term_problems",
]

# The two questions, with their two answers each (answer id: what it means).
QUESTIONS = {
    "route": (
        "How do people come to you?",
        {"find": "they find you: search, feeds, recommendations", "ties": "you reach them through ties you already have"},
    ),
    "exchange": (
        "How does the exchange run?",
        {"broadcast": "one message to many", "two-way": "a conversation in which both sides answer each other"},
    ),
}

# The two terms of the sources, and the one cell each of them names.
TERMS = {"social media": "find-broadcast", "social networking": "ties-two-way"}


@dataclass(frozen=True)
class Cell:
    """One cell of the frame: an answer to each question, and what the sources call it.

    ``markers`` are phrases that describe only this cell; the prose check of the course
    (:func:`term_problems`) uses them to catch a sentence that calls such an activity
    by the wrong name.
    """

    id: str
    route: str
    exchange: str
    name: str
    definition: str
    examples: tuple[str, ...]
    term: str
    markers: tuple[str, ...]


CELLS = {
    "find-broadcast": Cell(
        id="find-broadcast",
        route="find",
        exchange="broadcast",
        name="found content",
        definition="You publish something and people you do not know find it through search, feeds or recommendations.",
        examples=("a how-to video people find by searching", "a post in your followers' feeds", "a guide other sites link to"),
        term="social media",
        markers=("found by search", "people find when they search", "search results", "recommended by the site",
                 "followers' feeds", "front page", "earns website links"),
    ),
    "ties-two-way": Cell(
        id="ties-two-way",
        route="ties",
        exchange="two-way",
        name="conversations with your ties",
        definition="You talk back and forth with people you already know, or are introduced to, and the tie grows.",
        examples=("a video call with a mentor", "asking a friend for an introduction", "chatting with a supplier you know"),
        term="social networking",
        markers=("conversation with a friend", "conversation with someone you know", "ask for an introduction",
                 "asking for an introduction", "introduce two friends", "a referral", "catch up with a former colleague"),
    ),
    "ties-broadcast": Cell(
        id="ties-broadcast",
        route="ties",
        exchange="broadcast",
        name="mass messages to contacts",
        definition="You send the same message to everyone you know: a broadcast that travels through your ties.",
        examples=("the same promo message to every contact", "a newsletter to your address book", "an automatic birthday greeting to everyone"),
        term="mass messages to contacts",
        markers=("promo message to every contact", "promotional message to every contact", "same message to every contact",
                 "message everyone you know", "message to everyone you know", "mass message", "mass mailing",
                 "tell everyone you know", "blast to your contacts", "market to family and friends",
                 "same birthday greeting to every contact"),
    ),
    "find-two-way": Cell(
        id="find-two-way",
        route="find",
        exchange="two-way",
        name="strangers who start a conversation",
        definition="Someone who found your content talks with you, and you answer them as a person.",
        examples=("replying to a reader's comment", "answering a stranger's question under your video", "welcoming a new follower by name"),
        term="conversations with strangers who found you",
        markers=("reply to a stranger", "replying to a stranger", "answer a stranger", "answering a stranger",
                 "strangers who found you", "stranger who found you", "reader who left a comment",
                 "reply to a commenter", "replying to a commenter", "answering comments from strangers"),
    ),
}

CELL_IDS = tuple(CELLS)


def cell(cell_id: str) -> Cell:
    """Return the cell with this id; a ValueError lists the ids if there is none.

    >>> cell("find-two-way").name
    'strangers who start a conversation'
    >>> cell("push")
    Traceback (most recent call last):
    ...
    ValueError: cell_id must be one of find-broadcast, ties-two-way, ties-broadcast, find-two-way; got 'push'
    """
    check_text("cell_id", cell_id)
    if cell_id not in CELLS:
        raise ValueError(f"cell_id must be one of {', '.join(CELL_IDS)}; got {cell_id!r}")
    return CELLS[cell_id]


def cell_of(route: str, exchange: str) -> Cell:
    """Return the cell for an answer to each question: route ``find``/``ties``, exchange ``broadcast``/``two-way``.

    >>> cell_of("ties", "two-way").term
    'social networking'
    >>> cell_of("ties", "one-way")
    Traceback (most recent call last):
    ...
    ValueError: exchange must be 'broadcast' or 'two-way'; got 'one-way'
    """
    check_text("route", route)
    check_text("exchange", exchange)
    for parameter, value in (("route", route), ("exchange", exchange)):
        answers = list(QUESTIONS[parameter][1])
        if value not in answers:
            raise ValueError(f"{parameter} must be {answers[0]!r} or {answers[1]!r}; got {value!r}")
    return CELLS[f"{route}-{exchange}"]


def check_cells(cell_ids, *, what: str = "cells") -> tuple[str, ...]:
    """Return ``cell_ids`` as a tuple, or raise ValueError naming ``what`` and each unknown id.

    >>> check_cells(["find-broadcast", "ties-push"], what="lesson 02")
    Traceback (most recent call last):
    ...
    ValueError: lesson 02 names unknown frame cells ['ties-push']; the cells are find-broadcast, ties-two-way, ties-broadcast, find-two-way
    """
    check_text("what", what)
    if isinstance(cell_ids, str):
        raise TypeError(f"{what}: give the frame cells as a list, not the string {cell_ids!r} (cell_ids)")
    check_items("cell_ids", cell_ids, what="cell ids", allow_empty=True)
    cell_ids = tuple(cell_ids)
    unknown = []
    for cell_id in cell_ids:
        if not isinstance(cell_id, str) or cell_id not in CELLS:
            unknown.append(cell_id)
    if unknown:
        raise ValueError(f"{what} names unknown frame cells {unknown}; the cells are {', '.join(CELL_IDS)}")
    return cell_ids


def table():
    """The frame as a table: one row per cell, with both answers, its name, definition and the sources' term.

    >>> table().loc[0, ["route", "exchange", "term"]].tolist()
    ['find', 'broadcast', 'social media']
    """
    import pandas as pd

    rows = []
    for item in CELLS.values():
        rows.append({
            "cell": item.id,
            "route": item.route,
            "exchange": item.exchange,
            "name": item.name,
            "term": item.term,
            "definition": item.definition,
            "examples": "; ".join(item.examples),
        })
    return pd.DataFrame(rows)


def add_cells(activities):
    """Return a copy of ``activities`` with two more columns: ``cell`` (the cell id) and ``term`` (the sources' word for it).

    ``activities`` needs the columns ``route`` and ``exchange``, like the ``activities`` data set.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"route": ["ties", "find"], "exchange": ["broadcast", "two-way"]})
    >>> add_cells(rows)[["cell", "term"]].values.tolist()
    [['ties-broadcast', 'mass messages to contacts'], ['find-two-way', 'conversations with strangers who found you']]
    """
    check_table("activities", activities, what="a table of activities with route and exchange columns")
    for column in ("route", "exchange"):
        if column not in activities.columns:
            raise ValueError(f"activities must have a {column!r} column; it has: {', '.join(map(str, activities.columns))}")
    cells, terms = [], []
    for route, exchange in zip(activities["route"], activities["exchange"]):
        found = cell_of(str(route), str(exchange))
        cells.append(found.id)
        terms.append(found.term)
    result = activities.copy()
    result["cell"] = cells
    result["term"] = terms
    return result


# -- the prose check ------------------------------------------------------------------------------------------
# A sentence that calls an activity by the wrong name is an error, unless it draws a contrast
# ("... is not social networking", "rather than social media").

CONTRAST = re.compile(
    r"\b(not|n't|never|no|neither|nor|rather than|instead of|unlike|whereas|but|versus|vs\.?|confuse|mistake|blur)\b",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"\bSources? [A-D]\b")
_TERM = re.compile(r"\bsocial (media|networking)\b", re.IGNORECASE)
# "social media is/means ...": a definition, whose words must fit its cell.
_DEFINITION = re.compile(
    r"\bsocial (media|networking)\*{0,2},? (?:is|means|refers to|is about|centres on|is mainly|is mostly)\b(.*)",
    re.IGNORECASE,
)
# Words a definition of each term must use (at least one), and words that belong to the other side.
_OWN_WORDS = {
    "social media": ("content", "broadcast", "one-to-many", "one to many", "find", "found", "audience", "crowd",
                     "search", "feed", "publish", "share", "what you"),
    "social networking": ("two-way", "conversation", "ties", "tie ", "people you know", "people who know",
                          "relationship", "connect", "who you", "back and forth"),
}
_OTHER_WORDS = {
    "social media": ("two-way", "people you know", "people who know each other", "your ties", "relationship"),
    "social networking": ("broadcast", "one-to-many", "one to many", "strangers", "a crowd", "search"),
}


def _sentences(text: str) -> list[str]:
    """Split markdown into sentences: each table row, list item and sentence on its own."""
    text = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)  # code blocks are not prose
    text = re.sub(r"[*_`]", "", text)
    pieces = []
    for block in re.split(r"\n\s*\n|\n(?=\s*[-|#])", text):
        block = " ".join(block.split())
        pieces.extend(s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"(])", block) if s.strip())
    return pieces


# A marker further than this many characters from every term is not what the term names.
NEAR = 100


def _nearest_term(sentence: str, position: int):
    """The term ("social media" or "social networking") closest to ``position``, or None if none is NEAR."""
    best, distance = None, None
    for match in _TERM.finditer(sentence):
        gap = min(abs(match.start() - position), abs(match.end() - position))
        if distance is None or gap < distance:
            best, distance = match.group(0).lower(), gap
    if distance is None or distance > NEAR:
        return None
    return best


def term_problems(text: str) -> list[str]:
    """Return the sentences of ``text`` that use "social media" or "social networking" against the frame.

    Two checks, each skipped when the sentence draws a contrast (not, rather than, unlike, ...):

    - a marker phrase of a cell stands next to a term that does not name that cell (in the same
      clause, within NEAR characters)
      (a mass message called "social networking", a talk with a friend called "social media");
    - a definition ("social media is ...") uses none of its cell's words, or the other side's.

    >>> term_problems("Sending the same promo message to every contact is social networking.")
    ["calls ties-broadcast ('promo message to every contact') 'social networking': Sending the same promo message to every contact is social networking."]
    >>> term_problems("Sending the same promo message to every contact is not social networking.")
    []
    >>> term_problems("Social networking is content broadcast to a crowd of strangers.")
    ['defines social networking with the words of the other side: Social networking is content broadcast to a crowd of strangers.']
    >>> term_problems("Social media is content that people find through search and feeds.")
    []
    """
    check_text("text", text, allow_empty=True)
    problems = []
    for sentence in _sentences(text):
        if not _TERM.search(sentence) or CONTRAST.search(sentence):
            continue
        # A marker names what the nearest term in its own clause (up to a ";") is about.
        for clause in sentence.split(";"):
            lowered = clause.lower()
            for item in CELLS.values():
                for marker in item.markers:
                    at = lowered.find(marker)
                    if at < 0:
                        continue
                    term = _nearest_term(clause, at)
                    if term is not None and TERMS[term] != item.id:
                        problems.append(f"calls {item.id} ({marker!r}) {term!r}: {sentence}")
        if _SOURCE.search(sentence):
            continue  # a claim reported from a source, not a definition of the course's own
        for definition in _DEFINITION.finditer(sentence):
            term = f"social {definition.group(1).lower()}"
            # The definition runs to the end of its clause: a ";" or the other term ends it.
            words = re.split(r";|\bsocial (?:media|networking)\b", definition.group(2).lower())[0]
            has_own = any(w in words for w in _OWN_WORDS[term])
            has_other = any(w in words for w in _OTHER_WORDS[term])
            if has_other:
                problems.append(f"defines {term} with the words of the other side: {sentence}")
            elif not has_own:
                problems.append(f"defines {term} without any word of its cell ({cell(TERMS[term]).name}): {sentence}")
    return problems
