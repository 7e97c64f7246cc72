"""Self-check questions of lesson 01, Two ideas.

Use them in the lesson like this::

    from smlearn.questions import two_ideas as quiz
    quiz.sorting                     # shows the ten activities to sort
    my_answer = {1: "find-broadcast", 5: "ties-broadcast"}   # ... one entry per activity
    quiz.sorting.check(my_answer)

The sorting question asks for a cell of the course's frame (:mod:`smlearn.frame`). Its
right answers come from the ``activities`` data set: the two answers ``route`` and
``exchange`` give the cell. When an item is sorted wrongly, the clue names the half of the
answer that differs (route or exchange); when both differ, the column ``question``, the
one people most often get wrong. The right option of each multiple-choice question is
kept only as a fingerprint (see :mod:`smlearn.exercises`).

Examples
--------
>>> sorting.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> len(sorting.items), sorted(set(sorting.items["label"]))
(10, ['find-broadcast', 'find-two-way', 'ties-broadcast', 'ties-two-way'])
>>> sorting.check({5: "social media"}).message.splitlines()[1]
'  #5 Sending the same promotional message to every contact on a professional networking site: you said social media, that is find-broadcast. Clue: think about its route.'
>>> promo.check("z")
✘ Choose one of the letters a, b, c, d, or type an option's text; got 'z'.
"""

from __future__ import annotations

from smlearn import data, frame
from smlearn.exercises import ChoiceQuestion, SortingQuestion
from smlearn.params import check_table

__all__ = ["SAMPLE_SIZE", "RANDOM_STATE", "LABELS", "sorting_sample", "promo", "sorting", "stranger", "contradiction", "ledger"]

# The categories of the sorting question: the four cells of the frame.
LABELS = list(frame.CELL_IDS)

# The sorting sample: a fixed random_state, so every learner (and nbval) gets the same rows.
# 13 gives two or three activities of each cell, including the traps #5 (a promotional
# message to every contact) and #41 (a customer who found the shop writes first).
SAMPLE_SIZE = 10
RANDOM_STATE = 13


def sorting_sample(activities=None):
    """Return the activities of the sorting exercise, in id order, with their cell as ``label``.

    The ``label`` column is the right answer (hide it when you show the rows), and
    ``dimension`` is the clue: the question of the frame that decides the item.

    Parameters
    ----------
    activities : pandas.DataFrame, optional
        The ``activities`` data set; loaded if not given.

    Examples
    --------
    >>> sorting_sample()["id"].tolist()
    [1, 5, 7, 15, 24, 30, 41, 50, 52, 54]
    """
    if activities is None:
        activities = data.load("activities")
    check_table("activities", activities, ["id", "question"], what="the activities data set")
    if len(activities) < SAMPLE_SIZE:
        raise ValueError(f"activities must have at least {SAMPLE_SIZE} rows to draw the sample from;"
                         f" got {len(activities)}")
    sample = activities.sample(n=SAMPLE_SIZE, random_state=RANDOM_STATE).sort_values("id").reset_index(drop=True)
    sample = frame.add_cells(sample)
    sample["label"] = sample["cell"]
    sample["dimension"] = sample["question"].astype(str)
    return sample


promo = ChoiceQuestion(
    "two_ideas.promo",
    "Priya sends the same promotional message to every contact in her phone. Is it either of the sources'"
    " two terms: social media (content people find) or social networking (talking with people you know)?",
    [
        "social media, because one message goes out to many people",
        "social networking, because it goes to people she already knows",
        "neither, because nobody found it and it is not a conversation",
        "either one, depending on the app or website she sends it from",
    ],
    answer_fingerprint="c7b9536d35dec0be",
    hint="Ask two questions: how do the people reach her message, and can they answer it as a conversation?",
    feedback={
        "a": "It is one-to-many, yes, but social media is content people find: nobody found this message, it"
             " reaches people through her ties.",
        "b": "Sending to people you know is not networking by itself: nobody is spoken with, the same words go to"
             " all of them. (Source A sometimes calls such marketing through networks social networking; most of"
             " the sources keep the word for talking with people.)",
        "d": "The app does not decide: the same message sent through a networking site still goes through her"
             " ties, one message to many. Ask the two questions instead.",
    },
    explanation="Nobody found the message, so it is not found content; nobody talks, so it is not a conversation."
    " A mass message to contacts is a third thing, a broadcast through her ties (Source A: do not market to family"
    " and friends).",
)

sorting = SortingQuestion(
    "two_ideas.sorting",
    'Sort each activity into a cell: "find-broadcast", "ties-two-way", "ties-broadcast" or "find-two-way".'
    " Answer with a dict {id: cell}.",
    sorting_sample(),
    LABELS,
    # The sources' two terms name one cell each; a learner who types one sees which cell it is.
    aliases=frame.TERMS,
    # A wrong cell's clue names the question answered differently: route or exchange.
    parts={cell.id: {"route": cell.route, "exchange": cell.exchange} for cell in frame.CELLS.values()},
    hint="For each activity ask: did these people find you, or do you know them already? And does one message go to many, or do people talk?",
)

stranger = ChoiceQuestion(
    "two_ideas.stranger",
    "Which of these activities sits in the cell find-two-way, the first step from stranger to tie?",
    [
        "answering a viewer's question under your new repair video",
        "posting a repair video that people find when they search",
        "asking an old friend from school to meet for a coffee",
        "sending one end-of-season reminder to every customer on file",
    ],
    answer_fingerprint="09ddcef49e4f0870",
    hint="You want someone who found you, not someone you knew, and a reply, not a post.",
    feedback={
        "b": "People find it, but the video talks to all of them at once: that is find-broadcast. Being found"
             " is half of it; the other half is a reply.",
        "c": "A two-way talk, but with someone you already know: that is ties-two-way. Two-way does not need"
             " a tie; here you want someone who found you.",
        "d": "Customers on file are contacts, and they all get the same words: that is ties-broadcast, one way"
             " even though you know them.",
    },
    explanation="The viewer found the video and you had never met; your answer starts a conversation."
    " Lesson 02c follows such strangers as some become followers and a few become ties.",
)

contradiction = ChoiceQuestion(
    "two_ideas.contradiction",
    "Which pair of claims is a real contradiction (both cannot be true of the same thing),"
    " not two sources stressing different things or talking about different cases?",
    [
        "B says you need a profile to take part in either; D says both ideas depend on going viral",
        "C says to count networking's returns as network growth; A says its leads rarely become real business",
        "C says tools can schedule your social media posts in advance; D says individual conversations cannot be automated",
        "A says not to market to family and friends; D says to launch a business by telling all the people you know",
    ],
    answer_fingerprint="8647022b3c570f53",
    hint="Look for two claims about the same activity where one source says yes and the other says no.",
    feedback={
        "a": "Different is not contradictory: these are two things the ideas have in common, and one does not"
             " rule out the other.",
        "b": "A difference of emphasis, not a contradiction: C counts ties gained, A counts sales, and a network"
             " can grow while few of its leads buy. Both can be true at once.",
        "c": "Different cases: C is about scheduling posts that people find (find-broadcast), D about answering"
             " the people who write back (find-two-way). D never says that posts cannot be scheduled.",
    },
    explanation="Both are about the same act, a message about your business to the people you already know"
    " (ties-broadcast): A says do not, D says do. D also says to talk with them about how to make it a success,"
    " which is two-way, so the frame settles part of the clash. You could read them as different cases (everyday"
    " marketing, a one-off launch); the course counts a clash because both judge the same message to the same"
    " people. Lessons 02 and 02b test whether it pays.",
)

ledger = ChoiceQuestion(
    "two_ideas.ledger",
    "Source A says that using social networks to send people to your website (friends and family as well"
    " as people you do not know) wastes time and money; Source D says telling everyone you know is a good"
    " way to launch a new business. According to the claims ledger, which lesson's model tests this clash?",
    ["04 How things spread", "02 Push and pull", "08 Measuring returns", "03 Who is connected"],
    answer_fingerprint="ed4b343fa762d8a3",
    hint="Find the ledger row about people sent to your site by mass messages, and how many become customers.",
    feedback={
        "a": "Telling everyone you know sounds like spreading, but lesson 04 tests going viral, which both"
             " sources agree on; this clash is about visits pushed to a site.",
        "c": "Customers sound like returns, but lesson 08 measures what metrics of posts say; it does not send"
             " visitors to a site by mass messages.",
        "d": "People you know sound like networks, but lesson 03 compares the shapes of friend and follower"
             " networks, not visits that turn into customers.",
    },
    explanation="Its model sends visitors to a site by mass messages to contacts and by content people find,"
    " and follows them down to customers.",
)
