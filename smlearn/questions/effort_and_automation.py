"""Self-check questions of lesson 07, Effort and automation.

Use them in the lesson like this::

    from smlearn.questions import effort_and_automation as quiz
    quiz.ties_held                       # the question
    my_answer = ...   # replace ... with your answer
    quiz.ties_held.check(my_answer)

Numeric answers are computed by running :mod:`smlearn.models.pipeline` (the week of
hours) when they are checked; the right option of a multiple-choice question is kept
only as a fingerprint.

Examples
--------
>>> ties_held.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> marathon_ties.check("z")
✘ Choose one of the letters a, b, c, d; got 'z'.
"""

from __future__ import annotations

import math

from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import pipeline

__all__ = ["QUESTIONS", "ties_held", "sprint_leads", "marathon_ties", "pieces_with_tool", "automation"]

# The lesson's week: Amara's eight hours, every other setting at the pipeline's defaults.
HOURS = 8.0

ties_held = NumericQuestion(
    "effort_and_automation.ties_held",
    "With the defaults, how many ties can 3 hours a week of one-to-one upkeep hold at half strength (0.5)"
    " or more, for good? Give a whole number (round down).",
    answer=lambda: math.floor(pipeline.ties_kept_strong(3.0, strength=0.5)),
    unit="ties",
    hint="Use pipeline.ties_kept_strong(3.0), or multiply: contacts a week (hours / 0.5 hours per contact,"
    " times the 70 % who make time) times the longest gap between contacts that holds a tie at 0.5.",
    explanation="Three hours buy 4.2 contacts a week; a tie needs one about every five and a half weeks to stay"
    " at half strength, so about 23 ties. The number comes from the time settings alone: the model has no"
    " limit of memory or attention like the one behind Dunbar's layers.",
)

sprint_leads = ChoiceQuestion(
    "effort_and_automation.sprint_leads",
    "Amara counts leads after an 8-week sprint, with her 8 hours a week. What does the model say about her"
    " hours of one-to-one upkeep?",
    [
        "Exactly 5.5 hours, with 1.5 of content and 1 of messages: the best split, to follow to the half hour",
        "All 8 hours: in a sprint only the ties she already has can bring leads",
        "Anywhere from 4.5 to 7 hours: those splits all bring within 5 % of the best",
        "At most 2 hours: content is what brings leads, even in a sprint",
    ],
    answer_fingerprint="e3f6b18a287859f0",
    hint="Run pipeline.near_best(pipeline.compare_splits(8.0, \"leads\", weeks=8)) and read the upkeep row.",
    feedback={
        "a": "That is the single best split, but its neighbours bring almost the same leads: the model cannot"
        " tell them apart, so one point says little.",
        "b": "All upkeep leaves out the mass messages that answer quickly in a sprint: it is outside the 5 % region.",
        "d": "Content is found slowly: in 8 weeks the library is small. No split with so little upkeep is near the best.",
    },
    explanation="Near its top the outcome hardly changes from one split to the next, so the honest verdict is a"
    " region. In a sprint it leans on the ties Amara already has: upkeep, and a little mass messaging.",
)

marathon_ties = ChoiceQuestion(
    "effort_and_automation.marathon_ties",
    "Now Amara counts ties (everyone she has come to know, however faded) after two years (104 weeks), with"
    " 8 hours a week. Where are the splits within 5 % of the best?",
    [
        "Mostly on content and replies, with at most 2.5 hours of upkeep and few messages",
        "Mostly on upkeep: ties are kept by contact, so the most upkeep makes the most ties in two years",
        "Mostly on mass messages: they reach every tie at once for an hour's work",
        "Everywhere: after two years every split ends with about the same number of ties",
    ],
    answer_fingerprint="e038291f0c7cd0fa",
    hint="Run pipeline.near_best(pipeline.compare_splits(8.0, \"ties\", weeks=104)) and read each row.",
    feedback={
        "b": "Upkeep keeps the ties Amara has strong (and strong ties introduce a few people), but it does not"
        " meet strangers: all upkeep ends two years with far fewer ties than the best (but closer ones).",
        "c": "Mass messages wear ties down and make none: no split near the best spends more than half an hour on them.",
        "d": "That is true of a sprint (ties hardly change in 8 weeks), not of two years.",
    },
    explanation="Over two years the stranger-to-tie pipeline pays: content brings strangers, replies turn some"
    " of them into ties. Source D's marathon, in the model: social media makes the connection, the"
    " conversation makes it a tie. Without upkeep those new ties fade, but a faded tie still counts here.",
)

pieces_with_tool = NumericQuestion(
    "effort_and_automation.pieces_with_tool",
    "A scheduling tool saves 40 % of the time per piece (automation=0.4). With the default 1.5 hours per"
    " piece by hand, how many pieces a week do 3 hours of content make?",
    answer=lambda: float(pipeline.simulate(content_hours=3.0, automation=0.4, weeks=4)["pieces"].iloc[0]),
    tolerance=0.01,
    unit="pieces",
    hint="With the tool a piece takes 1.5 x (1 - 0.4) hours; divide the content hours by that.",
    explanation="The tool makes the broadcast cheaper: more pieces for the same hours. It does nothing for the"
    " replies those pieces bring, or for upkeep.",
)

automation = ChoiceQuestion(
    "effort_and_automation.automation",
    "Source C says social media can be automated; Source D says the conversations cannot. Which statement"
    " does the model support?",
    [
        "A tool makes media free, so every split near the best gives the ties side all of the eight hours",
        "Nothing can be automated, so a tool never changes which splits are near the best",
        "Ties can be automated too: a birthday-greeting tool is upkeep without the hours",
        "A tool makes each piece cheaper, but the comments it brings still take reply hours by hand",
    ],
    answer_fingerprint="5e423c0426469daf",
    hint="Compare pipeline.compare_splits(8.0, \"ties\", weeks=104) with and without automation=0.6, and watch"
    " the reply hours of the best split.",
    feedback={
        "a": "Pieces still take time, and a tool that saves enough (0.6) moves the best split for leads to content.",
        "b": "A tool that saves 60 % of the time per piece moves the region for leads from upkeep to content.",
        "c": "In this model a contact is personal time; a greeting sent to everyone is a mass message (ties,"
        " broadcast), and it wears ties down.",
    },
    explanation="Both sources are partly right: the broadcast can be automated (C), the conversation it starts"
    " cannot (D), so a tool moves hours from content to replies rather than freeing them.",
)

QUESTIONS = [ties_held, sprint_leads, marathon_ties, pieces_with_tool, automation]
