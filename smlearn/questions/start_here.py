"""Self-check questions of lesson 00, Start here: a worked example and a practice question.

Examples
--------
>>> two_way.check("b")
✔ Correct: b) a private chat with a friend. Both people speak and both listen.
>>> run_cell.check(...)
… No answer yet: replace ... with your answer and run the cell again.
"""

from __future__ import annotations

from smlearn.exercises import ChoiceQuestion

__all__ = ["two_way", "run_cell"]

# The worked example of the lesson: the lesson answers it wrongly, then rightly.
two_way = ChoiceQuestion(
    "start_here.two_way",
    "Which of these is a two-way exchange between people?",
    ["posting a photo for all your followers", "a private chat with a friend", "a post scheduled to go out next week"],
    answer_fingerprint="2e1ad906bebe7752",
    hint="Two-way means the other person replies to you and you reply back.",
    feedback={
        "a": "Your followers can see it, but nobody is answering anybody: it travels one way.",
        "c": "A scheduled post leaves on its own, one way, with nobody on the other end yet.",
    },
    explanation="Both people speak and both listen.",
)

# The practice question: the learner answers it.
run_cell = ChoiceQuestion(
    "start_here.run_cell",
    "Which keys run the selected cell and move on to the next one?",
    ["Ctrl+S", "Shift+Enter", "Esc, then A", "Ctrl+Z"],
    answer_fingerprint="99ddc0cafebbe17a",
    hint="Look back at the section on running cells: you have already used these keys in this lesson.",
    feedback={
        "a": "Ctrl+S saves the notebook; it does not run anything.",
        "c": "Esc, then A adds a new empty cell above the selected one.",
        "d": "Ctrl+Z undoes your last edit inside a cell.",
    },
    explanation="Shift+Enter runs the cell and selects the next one, so pressing it again and again walks you through a lesson.",
)
