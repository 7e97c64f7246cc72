"""Self-check questions of lesson 01, Two ideas.

Use them in the lesson like this::

    from smlearn.questions import two_ideas as quiz
    quiz.sorting                     # shows the ten activities to sort
    my_answer = {1: "media", 5: "networking"}   # ... one entry per activity
    quiz.sorting.check(my_answer)

The right labels of the sorting question come from the ``activities`` data set (the
lesson shows those rows without their labels); the right option of each multiple-choice
question is kept only as a fingerprint (see :mod:`smlearn.exercises`).

Examples
--------
>>> sorting.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> len(sorting.items), sorted(set(sorting.items["label"]))
(10, ['both', 'social media', 'social networking'])
>>> separating_dimension.check("z")
✘ Choose one of the letters a, b, c, d, e; got 'z'.
"""

from __future__ import annotations

from smlearn import data
from smlearn.exercises import ChoiceQuestion, SortingQuestion

__all__ = ["SAMPLE_SIZE", "RANDOM_STATE", "LABELS", "sorting_sample", "sorting", "separating_dimension", "contradiction", "ledger"]

LABELS = ["social media", "social networking", "both"]

# The sorting sample: a fixed random_state, so every learner (and nbval) gets the same rows.
# 209 gives a mix of 4 media, 4 networking and 2 'both' items, including three "traps".
SAMPLE_SIZE = 10
RANDOM_STATE = 209


def sorting_sample(activities=None):
    """Return the activities of the sorting exercise, in id order (labels included: hide them when you show them).

    Parameters
    ----------
    activities : pandas.DataFrame, optional
        The ``activities`` data set; loaded if not given.

    Examples
    --------
    >>> sorting_sample()["id"].tolist()
    [1, 5, 11, 18, 25, 26, 36, 41, 51, 53]
    """
    if activities is None:
        activities = data.load("activities")
    return activities.sample(n=SAMPLE_SIZE, random_state=RANDOM_STATE).sort_values("id").reset_index(drop=True)


sorting = SortingQuestion(
    "two_ideas.sorting",
    'Sort each activity: "media", "networking" or "both". Answer with a dict {id: label}.',
    sorting_sample(),
    LABELS,
    hint="For each activity ask: is it one message for a crowd, or a tie between particular people?",
)

separating_dimension = ChoiceQuestion(
    "two_ideas.separating_dimension",
    "Activity #21 (a tool sends the same birthday greeting to every contact) is labelled social media;"
    " #29 (writing a personal note into each connection request) is labelled social networking."
    " Which dimension does the data set say decides both labels?",
    ["purpose", "direction", "audience", "effort", "links"],
    answer_fingerprint="27391bdd4bf2be1b",
    hint="Ask which of the two a piece of software could do for you, and which one needs your own time.",
    feedback={
        "a": "Both aim to keep in touch with contacts, so their purpose is the same.",
        "b": "Tempting: #21 does reach everyone at once. But ask what makes that possible, and what #29 costs you.",
        "c": "Both reach the same people: contacts you already have.",
        "e": "Neither is about website links or introductions.",
    },
    explanation="A tool sends #21 with nobody present; #29 takes your own time for every request."
    " This is the dimension where Sources C and D disagree (lesson 07 models it).",
)

contradiction = ChoiceQuestion(
    "two_ideas.contradiction",
    "Which pair of claims is a real contradiction (both cannot be true of the same thing),"
    " not just two sources saying different things?",
    [
        "Source B says both ideas need an online profile; Source D says both depend on going viral",
        "Source C says social media posts can be scheduled ahead with automation tools;"
        " Source D says social media is slow, hard work, and one-to-one conversations cannot be automated"
        " unless you are already a well-known brand",
        "Source A says networking is used to push people towards your website; Source B says its point is getting to know people",
        "Source B says social media means passing on useful things you know;"
        " Source C says it means posting content that gets followers talking",
    ],
    answer_fingerprint="6cf5446a6bfa1645",
    hint="Look for two claims about the same activity where one source says yes and the other says no.",
    feedback={
        "a": "These are two different things the ideas have in common; one does not rule out the other.",
        "c": "One says what networking does, the other what it is for: both can be true at once.",
        "d": "Sharing what you know and posting content for followers are the same idea in other words.",
    },
    explanation="They disagree about whether social media can run on autopilot: a model of time and effort can test it.",
)

ledger = ChoiceQuestion(
    "two_ideas.ledger",
    "Source A says that using social networks to push strangers to your website wastes time and money;"
    " Source D says networking is a good way to promote a new business. According to the claims ledger,"
    " which lesson's model puts this disagreement to the test?",
    ["02 Push and pull", "04 How things spread", "05 Wisdom of crowds", "06 Links"],
    answer_fingerprint="ed4b343fa762d8a3",
    hint="Find the ledger row about pushing people to your site and how well pushed visitors become customers.",
    feedback={
        "b": "Spreading is about going viral, which both sources agree on.",
        "c": "The crowds lesson is about voting and ranking content.",
        "d": "The links lesson compares website links with human links, not visits that turn into customers.",
    },
    explanation="Its model sends visitors to a site by push and by pull and follows them down to customers.",
)
