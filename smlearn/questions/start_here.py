"""Self-check questions of lesson 00, Start here: a worked example and a practice question.

Examples
--------
>>> two_way.check("a private chat with a friend")
✔ Correct: c) a private chat with a friend. Both people speak and both listen.
>>> run_cell.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> [run_cell.chosen(typed) == run_cell.chosen("Shift+Enter") for typed in ("shift + enter", "Shift Enter")]
[True, True]
"""

from __future__ import annotations

import re

from smlearn.exercises import ChoiceQuestion

__all__ = ["two_way", "run_cell"]

# The worked example of the lesson: the lesson answers it wrongly, then rightly, by the options' text.
# Each wrong option is a mistake learners make (the instructor notes' "Common misconceptions").
two_way = ChoiceQuestion(
    "start_here.two_way",
    "Which of these is a two-way exchange between people?",
    ["a private chat with a friend", "posting a photo for your followers", "a message sent to all your friends"],
    answer_fingerprint="2e1ad906bebe7752",
    hint="Two-way means the other person replies to you and you reply back.",
    feedback={
        "b": "Your followers can see it and like it, but seeing is not answering: the photo travels one way.",
        "c": "Knowing the people does not make it a conversation: the same words go to all of them, and nobody"
             " has answered yet.",
    },
    explanation="Both people speak and both listen.",
)



def typed_keys(text: str) -> str:
    """Keys as people type them: "Shift + Enter", "shift enter" and "Shift+Enter" are one answer.

    The spaces around "+", the words "the", "key" and "then", and commas are ignored.
    """
    words = re.sub(r"[+,]", " ", text.casefold()).split()
    return " ".join(word for word in words if word not in {"the", "key", "keys", "then"})


# The practice question: the learner answers it.
run_cell = ChoiceQuestion(
    "start_here.run_cell",
    "Which keys run the selected cell and move on to the next one?",
    ["Ctrl+Enter", "the Enter key", "Esc, then A", "Shift+Enter"],
    answer_fingerprint="99ddc0cafebbe17a",
    key=typed_keys,
    hint="Look back at the section on running cells: you have already used these keys in this lesson.",
    feedback={
        "a": "Ctrl+Enter runs the cell but stays on it, so you would run the same cell again and again.",
        "b": "Enter on its own starts a new line inside the cell, as in a text editor; it does not run anything.",
        "c": "Outside a cell (after Esc), a letter is a command: A adds a new empty cell above, it runs nothing.",
    },
    explanation="Shift+Enter runs the cell and selects the next one, so pressing it again and again walks you through a lesson.",
)
