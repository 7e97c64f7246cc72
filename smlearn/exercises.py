"""Self-check questions that answer back: numbers, multiple choice, sorting, flips and code.

Each question checks an answer in one notebook cell and says at once whether it is
right, with a hint when it is not::

    quiz.crossover.check(12)    # prints feedback in words and symbols
    quiz.crossover.hint()       # another nudge
    quiz.crossover.solution()   # the answer and why, once you have tried
    quiz.crossover.confirm(12)  # in a solution cell: checked, but not counted as the learner's try
    quiz.crossover.ask()        # the same question as a small form with buttons

Feedback never relies on colour: it starts with a symbol and a word
("✔ Correct", "✘ Not yet", "… No answer yet"). After two wrong answers a question gives
its worked hint, when it has one; the solution waits until an answer was tried. Every
answer checked is kept in the learner's progress file (:mod:`smlearn.progress`).

The expected answers are not written in plain text where a learner reads them
casually. A numeric answer is computed from the model when it is checked (so it can
never go stale when the model changes); a multiple-choice answer is kept only as a
fingerprint (a hash) of the right option; a sorting answer comes from a data set
that the lesson shows without its labels. A determined learner can find them in the
source, and that is fine: this is for self-checking, not for exams.

Examples
--------
>>> q = NumericQuestion("q1", "How many weeks are in a year?", answer=lambda: 52, hint="Count 7-day weeks.")
>>> q.check(52)
✔ Correct: 52.
>>> q.check(50)
✘ Not yet: 50 is too low. Hint: Count 7-day weeks.
>>> q.check(...)
… No answer yet: replace ... with your answer and run the cell again.
"""

from __future__ import annotations

import ast
import copy
import functools
import hashlib
import math
import numbers
import re
import types
from dataclasses import dataclass
from typing import Callable

from smlearn import progress
from smlearn.params import check_instance, check_text
from smlearn.profile import story_neutral
from smlearn.typed_numbers import NumberFormatError, read_number

__all__ = ["Feedback", "Form", "NumericQuestion", "ChoiceQuestion", "SortingQuestion", "FlipQuestion", "CodeQuestion",
           "Case", "Key", "fingerprint", "questions_in", "key_of", "answer_key", "RIGHT", "WRONG", "EMPTY"]

RIGHT, WRONG, EMPTY = "✔", "✘", "…"


@dataclass(frozen=True)
class Feedback:
    """The result of a check: ``correct`` is True, False or None (no answer given yet)."""

    correct: bool | None
    message: str

    def __repr__(self) -> str:
        return self.message

    def __bool__(self) -> bool:
        return bool(self.correct)


def fingerprint(question_id: str, answer: str) -> str:
    """Return a short hash of an answer, salted with the question's id.

    The class profile's story words count as their keys (:func:`smlearn.profile.story_neutral`):
    an option that names the business keeps its fingerprint when a profile renames the business.

    Examples
    --------
    >>> fingerprint("demo", "Blue") == fingerprint("demo", " blue ")
    True
    """
    check_text("question_id", question_id)
    check_text("answer", answer, allow_empty=True)
    text = f"{question_id}:{story_neutral(answer).strip().casefold()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _no_answer(answer) -> bool:
    return answer is ... or answer is None


_NOT_YET = Feedback(None, f"{EMPTY} No answer yet: replace ... with your answer and run the cell again.")
_TRY_FIRST = "Try it first: give your answer to .check(...). After one try, .solution() shows the answer and why."


def _recorded(check):
    """Wrap a question's ``check`` so that each right or wrong verdict is kept in the progress file."""

    @functools.wraps(check)
    def checked(self, answer):
        self._given = answer
        try:
            return check(self, answer)
        finally:
            self._given = None

    return checked


class _Question:
    """What every question has: an id, a prompt, hints, an explanation, and a form."""

    def __init__(self, question_id: str, prompt: str, *, hint: str = "", explanation: str = "", worked_hint: str = ""):
        for name, value in (("question_id", question_id), ("prompt", prompt), ("hint", hint), ("explanation", explanation),
                            ("worked_hint", worked_hint)):
            if not isinstance(value, str):
                raise TypeError(f"{name} must be a string; got {value!r}")
        self.id = question_id
        self.prompt = prompt
        self._hint = hint
        self._worked_hint = worked_hint
        self.explanation = explanation
        self.attempts = 0      # wrong answers so far, in this session
        self.tried = False     # an answer was given (right or wrong), so the solution may be shown
        self._given = None     # the answer being checked, for the progress file

    def __repr__(self) -> str:
        return self.prompt

    def what_went_wrong(self, answer: str, learner: str | None = None) -> tuple[str, str | None]:
        """A wrong answer as kept in a progress record: how a class's table shows it, and the mistake named for it.

        The class service's dashboard groups a class's wrong answers with it, and shows beside each
        the sentence this question's own feedback gives for that answer (a numeric question's
        ``slips``, a multiple-choice option's ``feedback``): the misconception it points at.

        Parameters
        ----------
        answer : str
            The answer as the progress record keeps it (:mod:`smlearn.progress`).
        learner : str, optional
            Whose answer it is: a multiple-choice record's ``"b) option text"`` names its option by
            the text, but an older record's letter alone names one only in that learner's order.

        Returns
        -------
        (str, str or None)
            The answer as shown (trimmed; a multiple-choice answer becomes its option's text), and
            the feedback's sentence for it, or None when the feedback names no mistake for it.

        Examples
        --------
        >>> q = NumericQuestion("q3", "Days in a week?", answer=lambda: 7, slips=[(lambda: 5, "Count the weekend.")])
        >>> q.what_went_wrong(" 5 "), q.what_went_wrong("6")
        (('5', 'Count the weekend.'), ('6', None))
        """
        check_text("answer", answer)
        return answer.strip(), None

    def reset(self) -> None:
        """Forget earlier attempts in this session (the count decides when to give the worked hint)."""
        self.attempts = 0
        self.tried = False

    def _keep(self, correct: bool) -> None:
        """Note that an answer was tried, and keep it in the progress file."""
        if getattr(self, "_confirming", False):   # a solution cell's answer, not the learner's
            return
        self.tried = True
        if self._given is not None:
            progress.record(self.id, self._given, correct)

    def _may_show_solution(self) -> bool:
        if self.tried:
            return True
        # A try before a kernel restart counts too.
        for entry in progress.read_records():
            if entry["question"] == self.id:
                return True
        return False

    def confirm(self, answer) -> Feedback:
        """Check a worked solution's answer as :meth:`check` does, but as nobody's try.

        A lesson's solution cells use it: running them (or "Run All") shows that the worked
        answer is right without counting it as the learner's answer, without a record in the
        progress file, and without unlocking :meth:`solution`.
        """
        kept = (self.attempts, self.tried)
        self._confirming = True
        try:
            return self.check(answer)
        finally:
            self._confirming = False
            self.attempts, self.tried = kept

    def hint(self) -> None:
        """Print the hint."""
        print(f"Hint: {self._hint}" if self._hint else "There is no hint for this one: re-read the section above.")

    def _wrong(self, detail: str) -> Feedback:
        self.attempts += 1
        self._keep(False)
        message = f"{WRONG} Not yet: {detail}"
        if self.attempts >= 2 and self._worked_hint:
            message += f" Worked hint: {self._worked_hint}"
        elif self._hint:
            message += f" Hint: {self._hint}"
        if self.attempts >= 3:
            message += " (Stuck? .solution() shows the answer and why.)"
        return Feedback(False, message)

    def _right(self, detail: str) -> Feedback:
        self._keep(True)
        message = f"{RIGHT} Correct: {detail}"
        if self.explanation:
            message += f" {self.explanation}"
        return Feedback(True, message)

    def solution(self) -> None:
        """Print the answer and the explanation, once an answer was tried."""
        if not self._may_show_solution():
            print(_TRY_FIRST)
            return
        print(f"Answer: {self._answer_text()}")
        if self.explanation:
            print(self.explanation)

    def ask(self):
        """Return the question as a small form: an input, Check, Hint and Solution buttons."""
        import ipywidgets as widgets

        field = self._input_widget()
        feedback = widgets.HTML()
        check, hint, reveal = (widgets.Button(description=d) for d in ("Check", "Hint", "Show solution"))

        def on_check(_):
            feedback.value = _html(self.check(self._value_of(field)).message)

        check.on_click(on_check)
        hint.on_click(lambda _: setattr(feedback, "value", _html(f"Hint: {self._hint or 're-read the section above.'}")))
        def on_reveal(_):
            shown = f"Answer: {self._answer_text()}. {self.explanation}" if self._may_show_solution() else _TRY_FIRST
            feedback.value = _html(shown)

        reveal.on_click(on_reveal)
        return Form(widgets.VBox([widgets.HTML(_html(self.prompt)), field, widgets.HBox([check, hint, reveal]), feedback]), self.prompt)

    def _value_of(self, field):
        return field.value


class Form:
    """A question's form: shows as live widgets in JupyterLab and as its prompt in plain text elsewhere."""

    def __init__(self, widget, prompt: str):
        self.widget = widget
        self.prompt = prompt

    def __repr__(self) -> str:
        return f"Form: {self.prompt} (run this cell in JupyterLab to use the form)"

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle["text/plain"] = repr(self)
        return bundle


def _html(text: str) -> str:
    import html

    return f"<p>{html.escape(text)}</p>"


class NumericQuestion(_Question):
    """A question whose answer is a number, right within a tolerance.

    Parameters
    ----------
    question_id : str
        A name unique within the course, e.g. ``"push_and_pull.crossover"``.
    prompt : str
        The question, in words.
    answer : callable
        A function with no arguments that returns the right number, usually by
        running the model, so the answer always matches the current model.
    tolerance : float, default 0
        The largest absolute difference still counted as right.
    rel_tolerance : float, default 0
        The largest difference relative to the answer still counted as right
        (0.05 = within 5 %). An answer is right if it passes either tolerance.
    unit : str
        Shown beside the answer in feedback.
    slips : list of (callable, str), optional
        The usual wrong answers: a function with no arguments giving the number a slip
        leads to (computed like the answer, so it never goes stale) and a sentence saying
        what went wrong. A wrong answer within the tolerances of a slip's number gets that
        sentence instead of only "too high" or "too low".
    hint, explanation : str
        The hint shown on a wrong answer; the explanation shown on a right one.

    Examples
    --------
    >>> q = NumericQuestion("q2", "How many days are in a week?", answer=lambda: 7,
    ...                     slips=[(lambda: 5, "That is a working week: count the weekend too.")])
    >>> q.check(5)
    ✘ Not yet: 5 is not it. That is a working week: count the weekend too.
    """

    def __init__(self, question_id, prompt, *, answer: Callable[[], float], tolerance=0.0, rel_tolerance=0.0, unit="",
                 slips=(), **kwargs):
        super().__init__(question_id, prompt, **kwargs)
        if not callable(answer):
            raise TypeError(f"answer must be a function with no arguments that returns a number; got {answer!r}")
        slips = list(slips)
        for slip in slips:
            if not (isinstance(slip, tuple) and len(slip) == 2 and callable(slip[0]) and isinstance(slip[1], str)):
                raise TypeError(f"slips must be a list of (function, sentence) pairs; got {slip!r}")
        self.slips = slips
        for name, value in (("tolerance", tolerance), ("rel_tolerance", rel_tolerance)):
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or value < 0:
                raise ValueError(f"{name} must be a number >= 0; got {value!r}")
        self._answer = answer
        self.tolerance = tolerance
        self.rel_tolerance = rel_tolerance
        self.unit = unit

    def _expected(self) -> float:
        return self._answer()

    def _answer_text(self) -> str:
        return _format_number(self._expected(), self.unit)

    @_recorded
    def check(self, answer) -> Feedback:
        """Check a number (``1.29``, or typed as ``"1,29"`` or ``"2,706"``); say whether it is right, too high or too low."""
        if _no_answer(answer):
            return _NOT_YET
        percent = False
        if isinstance(answer, str):
            percent = answer.strip().endswith("%")
            try:
                answer = read_number(answer)
            except NumberFormatError as error:
                return Feedback(False, f"{WRONG} {error}.")
        if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
            return Feedback(False, f"{WRONG} That is not a number: {answer!r}. Type digits, e.g. 12 or 3.5.")
        if self.unit == "share" and (percent or 1 < answer <= 100):
            # A share asked for, a percentage given: say so rather than "too high".
            return Feedback(False, f"{WRONG} {answer:g} looks like a percentage; give a share between 0 and 1"
                                   f" ({answer:g} % is {answer / 100:g}).")
        expected = self._expected()
        if self._close(answer, expected):
            return self._right(f"{_format_number(answer, self.unit)}.")
        for slip, what_went_wrong in self.slips:
            if self._close(answer, slip()):
                return self._wrong(f"{_format_number(answer, self.unit)} is not it. {what_went_wrong}")
        direction = "too high" if answer > expected else "too low"
        return self._wrong(f"{_format_number(answer, self.unit)} is {direction}.")

    def _close(self, answer: float, target: float) -> bool:
        off = abs(answer - target)
        return off <= self.tolerance or off <= self.rel_tolerance * abs(target)

    def what_went_wrong(self, answer: str, learner: str | None = None) -> tuple[str, str | None]:
        shown, _ = super().what_went_wrong(answer, learner)
        try:
            value = read_number(shown)
        except NumberFormatError:
            return shown, None
        if self.unit == "share" and (shown.endswith("%") or 1 < value <= 100):
            return shown, "A percentage given where a share between 0 and 1 is asked."
        for slip, sentence in self.slips:
            if self._close(value, slip()):
                return shown, sentence
        return shown, None

    def _input_widget(self):
        import ipywidgets as widgets

        return widgets.FloatText(description=f"Answer{f' ({self.unit})' if self.unit else ''}:", style={"description_width": "initial"})


def _format_number(value, unit: str = "") -> str:
    # Whole numbers and anything of 100 or more read best without decimals ($2,706, not $2.71e+03).
    text = f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.3g}"
    if unit == "$":
        return f"${text}"
    if unit == "share":   # a share between 0 and 1 needs no word after it
        return text
    return f"{text} {unit}".strip()


class ChoiceQuestion(_Question):
    """A multiple-choice question with one right option, its options shuffled for each learner.

    Each learner sees the options in an order of their own, drawn from their name and the
    question's id: the same order every time they open the lesson, a different one from
    their neighbour's. So no position (always "b") and no habit of the author marks the
    right option. The letters a), b), c) ... belong to the order shown, so the progress record
    keeps an option as its letter and its text (``"b) a broadcast"``): the class service reads
    the text, and needs no learner's name to know which option it was.

    Parameters
    ----------
    question_id, prompt : str
    options : list of str
        The options in the order the author wrote them (not the order shown).
    answer_fingerprint : str
        ``fingerprint(question_id, right_option)``: the right option is not stored as text.
    feedback : dict, optional
        A specific hint for a wrong option, keyed by its letter in the order written here
        (``"a"`` for the first option of ``options``), not the order shown.
    key : callable, optional
        Turns a text into what identifies an option (keys as typed, a code name); an answer
        whose key matches exactly one option's key chooses that option.

    Examples
    --------
    >>> q = ChoiceQuestion("demo", "Which is two-way?", ["a broadcast", "a conversation"],
    ...                    answer_fingerprint=fingerprint("demo", "a conversation"), learner="ivy")
    >>> q
    Which is two-way?
      a) a conversation
      b) a broadcast
    >>> q.check("a")
    ✔ Correct: a) a conversation.
    >>> q.check("a broadcast")
    ✘ Not yet: b) a broadcast is not it.
    >>> q.check("z")
    ✘ Choose one of the letters a, b, or type an option's text; got 'z'.
    >>> q.what_went_wrong("b) a broadcast", learner="max")   # a record's letter and text: the text decides
    ('a broadcast', None)
    >>> q.what_went_wrong("b", learner="ivy")      # an older record's letter alone, in ivy's order
    ('a broadcast', None)
    """

    def __init__(self, question_id, prompt, options, *, answer_fingerprint: str, feedback: dict | None = None,
                 learner: str | None = None, key=None, **kwargs):
        super().__init__(question_id, prompt, **kwargs)
        if key is not None and not callable(key):
            raise TypeError(f"key must be a function from text to text; got {key!r}")
        self._key = key
        if not isinstance(options, (list, tuple)) or len(options) < 2 or not all(isinstance(o, str) for o in options):
            raise TypeError(f"options must be a list of at least two strings; got {options!r}")
        if len({o.casefold() for o in options}) != len(options):
            raise ValueError(f"options of {question_id!r} must differ from each other; got {options!r}")
        self.authored = list(options)
        matches = [o for o in self.authored if fingerprint(question_id, o) == answer_fingerprint]
        if len(matches) != 1:
            raise ValueError(f"answer_fingerprint of {question_id!r} matches {len(matches)} options; it must match exactly one"
                             f" (after rewording the right option, store smlearn.exercises.fingerprint({question_id!r},"
                             " the option's new text))")
        self.authored_position = self.authored.index(matches[0])   # where the author put the right option
        feedback = feedback or {}
        authored_letters = [chr(ord("a") + i) for i in range(len(self.authored))]
        if not isinstance(feedback, dict) or any(key not in authored_letters for key in feedback):
            raise ValueError(f"feedback of {question_id!r} must be keyed by the letters {authored_letters} of its"
                             f" options as written; got keys {list(feedback) if isinstance(feedback, dict) else feedback!r}")
        # Kept by option text, because the letters the learner sees are those of the shuffled order.
        self._option_feedback = {self.authored[ord(key) - ord("a")]: text for key, text in feedback.items()}
        self.options = _shuffled(self.authored, f"{learner or learner_name()}|{question_id}")
        self.letters = [chr(ord("a") + i) for i in range(len(self.options))]
        self._right_option = self.options.index(matches[0])

    def __repr__(self) -> str:
        lines = [self.prompt] + [f"  {letter}) {option}" for letter, option in zip(self.letters, self.options)]
        return "\n".join(lines)

    def _answer_text(self) -> str:
        return f"{self.letters[self._right_option]}) {self.options[self._right_option]}"

    def chosen(self, answer, options=None):
        """The index (in the order ``options``, by default the order shown) of the option a learner named, or None."""
        if not isinstance(answer, str):
            return None
        options = self.options if options is None else options
        key = " ".join(answer.split()).casefold()
        if key.rstrip(")") in self.letters:
            return self.letters.index(key.rstrip(")"))
        texts = [" ".join(o.split()).casefold() for o in options]
        if key in texts:
            return texts.index(key)
        both = _LETTER_AND_TEXT.fullmatch(key)
        if both:
            # "b) an option's text", as a progress record keeps a choice: the text names the option in any
            # learner's order (the letter is only that of the order the learner saw).
            text = both.group(2)
            if text in texts:
                return texts.index(text)
            if text.endswith("…"):   # cut to the record's 200 characters: a start that only one option has
                starts = [i for i, option in enumerate(texts) if option.startswith(text[:-1].rstrip())]
                if len(starts) == 1:
                    return starts[0]
        if self._key is not None:
            typed, named = self._key(answer), [self._key(option) for option in options]
            if typed and named.count(typed) == 1:
                return named.index(typed)
        return None

    def options_for(self, learner: str) -> list:
        """The options in the order ``learner`` sees them (the letters a), b), ... follow this order)."""
        check_text("learner", learner)
        return _shuffled(self.authored, f"{learner}|{self.id}")

    def what_went_wrong(self, answer: str, learner: str | None = None) -> tuple[str, str | None]:
        shown, _ = super().what_went_wrong(answer, learner)
        options = self.options if learner is None else self.options_for(learner)
        chosen = self.chosen(shown, options)
        if chosen is None:
            return shown, None
        return options[chosen], self._option_feedback.get(options[chosen])

    @_recorded
    def check(self, answer) -> Feedback:
        """Check a letter of the order shown (``"b"``) or the text of an option."""
        if _no_answer(answer):
            return _NOT_YET
        chosen = self.chosen(answer)
        if chosen is None:
            return Feedback(False, f"{WRONG} Choose one of the letters {', '.join(self.letters)}, or type an option's"
                                   f" text; got {answer!r}.")
        label = f"{self.letters[chosen]}) {self.options[chosen]}"
        # The progress record (and the class service) gets the letter and the option's text: a letter alone
        # names an option only in this learner's order, which the service may not know.
        self._given = label
        if chosen == self._right_option:
            return self._right(f"{label}.")
        specific = self._option_feedback.get(self.options[chosen])
        return self._wrong(f"{label} is not it." + (f" {specific}" if specific else ""))

    def _input_widget(self):
        import ipywidgets as widgets

        labels = [f"{letter}) {option}" for letter, option in zip(self.letters, self.options)]
        return widgets.RadioButtons(options=labels, value=None, layout={"width": "max-content"})

    def _value_of(self, field):
        return field.value.split(")")[0] if field.value else None


# An option as a progress record keeps it: its letter in the order shown, and its text.
_LETTER_AND_TEXT = re.compile(r"([a-z])\) (.+)", re.DOTALL)

LEARNER_ENVIRONMENT = "SMLEARN_LEARNER"


def learner_name() -> str:
    """Whose order of options to show: ``SMLEARN_LEARNER``, else the JupyterHub user, else the login name.

    The course's own test runs set ``SMLEARN_LEARNER`` so that their outputs do not depend
    on who runs them.
    """
    import getpass
    import os

    for variable in (LEARNER_ENVIRONMENT, "JUPYTERHUB_USER"):
        if os.environ.get(variable, "").strip():
            return os.environ[variable].strip()
    try:
        return getpass.getuser()
    except Exception:   # no login name (some containers): everyone shares one order
        return "learner"


def _shuffled(options: list, seed_text: str) -> list:
    """``options`` in an order drawn from ``seed_text``: the same text always gives the same order."""
    import random

    seed = int.from_bytes(hashlib.sha256(seed_text.encode("utf-8")).digest()[:8], "big")
    order = list(options)
    random.Random(seed).shuffle(order)
    return order


# Short forms a learner may type when sorting activities. Each counts only where its category is
# one of the question's (directly or through the question's own ``aliases``).
_LABEL_ALIASES = {
    "m": "social media", "media": "social media", "sm": "social media",
    "n": "social networking", "networking": "social networking", "sn": "social networking",
    "b": "both",
}


class SortingQuestion(_Question):
    """Sort items into categories; feedback names each wrong item and a clue, not the answer.

    Parameters
    ----------
    question_id, prompt : str
    items : pandas.DataFrame
        One row per item, with columns ``id``, ``activity`` (the text shown), ``label``
        (the right category), ``dimension`` (the clue given when it is wrong) and
        ``reason`` (shown once the item is right).
    categories : list of str
        The allowed categories. Case, spaces, hyphens and underscores are ignored, and
        short forms ("m", "media", "n", "networking", "b") work for the categories they name.
    aliases : dict, optional
        Other words a learner may type for a category, ``{word: category}``; e.g. the
        sources' term "social media" for the cell "find-broadcast".
    parts : dict, optional
        When each category is made of answers to a few questions, ``{category: {question:
        answer}}``. A wrong item's clue then names the question the learner answered
        differently; only when several differ does it fall back on the item's ``dimension``.

    Examples
    --------
    >>> import pandas as pd
    >>> items = pd.DataFrame({"id": [1, 2], "activity": ["Scheduling posts", "Calling a friend"],
    ...     "label": ["social media", "social networking"], "dimension": ["effort", "direction"],
    ...     "reason": ["It runs by itself.", "It is two-way."]})
    >>> q = SortingQuestion("demo", "Sort these.", items, ["social media", "social networking", "both"])
    >>> q.check({1: "media", 2: "Social_Media"})
    ✘ 1 of 2 right. Look again at:
      #2 Calling a friend: you said social media. Clue: think about its direction.
    """

    def __init__(self, question_id, prompt, items, categories, *, aliases: dict | None = None,
                 parts: dict | None = None, **kwargs):
        super().__init__(question_id, prompt, **kwargs)
        needed = {"id", "activity", "label", "dimension", "reason"}
        if not hasattr(items, "columns") or not needed <= set(items.columns):
            raise TypeError(f"items must be a DataFrame with columns {sorted(needed)}")
        self.items = items.reset_index(drop=True)
        self.categories = list(categories)
        aliases = dict(aliases or {})
        strays = {word: target for word, target in aliases.items() if target not in self.categories}
        if strays:
            raise ValueError(f"aliases of {question_id!r} must name one of the categories {self.categories}; got {strays}")
        if parts is not None and (not isinstance(parts, dict) or set(parts) != set(self.categories)):
            raise ValueError(f"parts of {question_id!r} must give the answers of every category {self.categories}")
        self.parts = parts
        # What a learner may type, as compared (see _key), and the category it names.
        self._lookup = {self._key(c): c for c in self.categories}
        for word, target in aliases.items():
            self._lookup.setdefault(self._key(word), target)
        for word, target in _LABEL_ALIASES.items():
            target = self._lookup.get(self._key(target))
            if target is not None:
                self._lookup.setdefault(self._key(word), target)

    @staticmethod
    def _key(text: str) -> str:
        """A label as compared: case, spaces, hyphens and underscores ignored ("Ties_Broadcast" = "ties-broadcast")."""
        return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())

    def __repr__(self) -> str:
        lines = [self.prompt] + [f"  #{row.id}: {row.activity}" for row in self.items.itertuples()]
        return "\n".join(lines)

    def _answer_text(self) -> str:
        return "; ".join(f"#{row.id} {row.label}" for row in self.items.itertuples())

    def solution(self) -> None:
        """Print every item's category and the reason for it, once an answer was tried."""
        if not self._may_show_solution():
            print(_TRY_FIRST)
            return
        for row in self.items.itertuples():
            print(f"#{row.id} {row.activity}: {row.label} ({row.dimension}). {row.reason}")

    def _normalise(self, label):
        if not isinstance(label, str):
            return None
        return self._lookup.get(self._key(label))

    def _clue(self, given: str, row) -> str:
        """What to think about: the one part of the answer that differs, else the item's own dimension."""
        if self.parts:
            differ = [part for part, answer in self.parts[row.label].items() if self.parts[given].get(part) != answer]
            if len(differ) == 1:
                return differ[0]
        return row.dimension

    def _example(self) -> str:
        ids = self.items["id"].tolist()[:2]
        return "{" + ", ".join(f"{i}: {c!r}" for i, c in zip(ids, self.categories)) + "}"

    @_recorded
    def check(self, answers) -> Feedback:
        """Check a dict ``{id: category}``; unanswered items are listed, not counted wrong."""
        if _no_answer(answers):
            return _NOT_YET
        if not isinstance(answers, dict):
            return Feedback(False, f"{WRONG} Give a dict of id: category, e.g. {self._example()}; got {type(answers).__name__}.")
        known = set(self.items["id"].tolist())
        unknown = [k for k in answers if k not in known]
        if unknown:
            return Feedback(False, f"{WRONG} There is no item numbered {unknown}; the items are {sorted(known)}.")
        wrong, missing, right = [], [], 0
        for row in self.items.itertuples():
            given = answers.get(row.id, ...)
            if _no_answer(given):
                missing.append(row.id)
                continue
            label = self._normalise(given)
            if label is None:
                wrong.append(f"  #{row.id} {row.activity}: {given!r} is not one of {self.categories}.")
            elif label != row.label:
                # A learner who typed another word for a category sees which category it counted as.
                said = label if self._key(given) == self._key(label) else f"{' '.join(given.split())}, that is {label}"
                wrong.append(f"  #{row.id} {row.activity}: you said {said}. Clue: think about its {self._clue(label, row)}.")
            else:
                right += 1
        total = len(self.items)
        if not wrong and not missing:
            return self._right(f"all {total} sorted as the course sorts them. Run .solution() to read the reasons.")
        parts = [f"{WRONG} {right} of {total} right."]
        if wrong:
            self.attempts += 1
            self._keep(False)
            parts[0] += " Look again at:"
            parts.extend(wrong)
        if missing:
            parts.append(f"  Not answered yet: {', '.join(f'#{i}' for i in missing)}.")
        return Feedback(False, "\n".join(parts))

    def ask(self):
        """Return a form with one drop-down per item and a Check button."""
        import ipywidgets as widgets

        menus = {
            row.id: widgets.Dropdown(options=["?"] + self.categories, value="?", description=f"#{row.id}", layout={"width": "220px"})
            for row in self.items.itertuples()
        }
        rows = [widgets.HBox([menus[row.id], widgets.Label(row.activity)]) for row in self.items.itertuples()]
        feedback = widgets.HTML()
        check = widgets.Button(description="Check")

        def on_check(_):
            answers = {i: (None if m.value == "?" else m.value) for i, m in menus.items()}
            feedback.value = "<pre>" + _html(self.check(answers).message)[3:-4] + "</pre>"

        check.on_click(on_check)
        return Form(widgets.VBox([widgets.HTML(_html(self.prompt)), *rows, check, feedback]), self.prompt)


class FlipQuestion(_Question):
    """Find settings that flip a verdict: the check re-runs the model with the learner's settings.

    The answer is a dict of one or two settings, e.g. ``{"echo": 0.5}``. Each value is
    checked against its record in ``params``; the model runs with them (every other
    setting at its default) and the check says whether the verdict now comes out the
    other way, with the measure before and after. Any answer that flips it is right:
    there is no single number to copy, only a model to reason about.

    Parameters
    ----------
    question_id, prompt : str
        As for every question.
    model : callable
        Called as ``model(**settings)``, as for :func:`smlearn.flips.analyse`.
    verdict : smlearn.flips.Verdict
        The verdict to flip.
    params : dict of Param
        The settings a learner may change.
    example : dict
        One answer that flips the verdict, shown by ``.solution()``.
    most : int
        How many settings an answer may change at once.
    together : bool
        Ask for two settings that flip the verdict only together, each moved less far than its
        own flip point: a flip point the lesson prints cannot then be copied as the answer.
    worded : callable, optional
        Turns the measure into words with its sign (e.g. "14.7 % fewer leads"), so that no
        feedback reads "-14.7 % more"; by default the number and the verdict's unit.

    Examples
    --------
    >>> from smlearn.flips import Verdict
    >>> from smlearn.params import Param
    >>> q = FlipQuestion("demo.flip", "Make the profit negative.", model=lambda price=2.0, cost=1.0: price - cost,
    ...                  verdict=Verdict("each sale makes money", lambda profit: profit, threshold=0.0),
    ...                  params={"price": Param("price", 2.0, 0.0, 4.0, 0.1, "Price"),
    ...                          "cost": Param("cost", 1.0, 0.0, 4.0, 0.1, "Cost")}, example={"cost": 3.0})
    >>> q.check({"cost": 2.5}).correct, q.check({"price": 3.0}).correct, q.check({"banana": 1}).correct
    (True, False, False)
    >>> pair = FlipQuestion("demo.pair", "Make the profit negative with two settings.", model=q._model,
    ...                     verdict=q._verdict, params=q._params, example={"price": 1.5, "cost": 1.8}, together=True)
    >>> pair.check({"price": 1.5, "cost": 1.8}).correct, pair.check({"cost": 3.0}).correct
    (True, False)
    """

    def __init__(self, question_id, prompt, *, model, verdict, params, example, most=2, together=False,
                 worded=None, **kwargs):
        from smlearn.flips import Verdict

        super().__init__(question_id, prompt, **kwargs)
        if not isinstance(verdict, Verdict):
            raise TypeError(f"verdict must be a flips.Verdict; got {verdict!r}")
        if not callable(model):
            raise TypeError(f"model must be a function called as model(**settings); got {model!r}")
        if isinstance(most, bool) or not isinstance(most, int) or most < 1:
            raise ValueError(f"most must be a whole number >= 1; got {most!r}")
        if not isinstance(example, dict) or not example:
            raise TypeError(f"example must be a dict of one or more settings; got {example!r}")
        if worded is not None and not callable(worded):
            raise TypeError(f"worded must be a function of the measure that returns words; got {worded!r}")
        self._model, self._verdict, self._params = model, verdict, dict(params)
        self._example, self.most = dict(example), 2 if together else most
        self.together, self._worded = bool(together), worded

    def _answer_text(self) -> str:
        return f"for example {self._example!r} (other settings flip it too)"

    @functools.cached_property
    def _default(self) -> float:
        return self._verdict.value(self._model())

    def _said(self, measured: float) -> str:
        if self._worded is not None:
            return f"{self._worded(measured)} (at the defaults, {self._worded(self._default)})"
        unit = f" {self._verdict.unit}" if self._verdict.unit else ""
        return f"the measure is {measured:.3g}{unit} (at the defaults {self._default:.3g}{unit})"

    @_recorded
    def check(self, answer) -> Feedback:
        """Run the model with the settings in ``answer`` and say whether the verdict flipped."""
        if _no_answer(answer):
            return _NOT_YET
        if not isinstance(answer, dict) or not answer:
            # The form of an answer, not a setting: naming the example's setting would give it away.
            return Feedback(False, f"{WRONG} Give a dict of one or two settings, e.g. {{'name of a setting': 0.5}};"
                                   f" got {answer!r}.")
        if len(answer) > self.most:
            return self._wrong(f"change at most {self.most} settings at once; you changed {len(answer)}.")
        for name, value in answer.items():
            if name not in self._params:
                return self._wrong(f"{name!r} is not a setting you can change here; choose among"
                                   f" {', '.join(self._params)}.")
            try:
                self._params[name].check(value)
            except (TypeError, ValueError) as error:
                return self._wrong(f"{error}.")
        measured = self._verdict.value(self._model(**answer))
        if math.isnan(measured):
            return self._wrong(f"with {answer!r} the model gives no measure, so the verdict says nothing either way.")
        before = self._verdict.holds_for(self._default)
        after = self._verdict.holds_for(measured)
        if after == before:
            return self._wrong(f"with {answer!r} {self._said(measured)}: the verdict still comes out the same way.")
        if self.together:
            alone = self._alone_flips(answer)
            if alone:
                return self._wrong(alone)
        way = "no longer says" if before else "now says"
        return self._right(f"with {answer!r} {self._said(measured)}: the model {way} that {self._verdict.claim}.")

    def _flips(self, settings: dict) -> bool:
        """True when the model run with ``settings`` comes out the other way from the defaults."""
        measured = self._verdict.value(self._model(**settings))
        return self._verdict.holds_for(measured) != self._verdict.holds_for(self._default)

    def _alone_flips(self, answer: dict) -> str:
        """Why a right answer does not count when two settings are asked for ("" if it counts)."""
        if len(answer) == 1:
            return (f"with {answer!r} alone the verdict flips: that setting is past its own flip point, which the"
                    " lesson prints. Give two settings, each moved less far than its own flip point, that flip it"
                    " only together.")
        for name, value in answer.items():
            if self._flips({name: value}):
                return (f"{answer!r} flips it, but {name} = {value!r} flips it by itself: move it less far than its"
                        " own flip point, so that it takes the two settings together.")
        return ""

    def _input_widget(self):
        import ipywidgets as widgets

        return widgets.Text(description="Settings:", placeholder="{'name of a setting': value}",
                            style={"description_width": "initial"})

    def _value_of(self, field):
        try:
            return ast.literal_eval(field.value)
        except (ValueError, SyntaxError):
            return field.value


@dataclass(frozen=True)
class Case:
    """One case a learner's function is run on: the arguments, and what the case is, in words.

    ``expected`` is left out when the question has a reference function: the right result
    is then computed from it when the check runs, so it cannot go stale.
    """

    args: tuple
    words: str
    expected: object = None


class CodeQuestion(_Question):
    """A question answered by writing a function: the check runs it on cases and says which failed.

    A failing case is named in words, with what was expected and what came back; an error
    inside the learner's function is reported as a sentence, never as a traceback. After
    the listed cases pass, ``extra`` cases made at random (seeded) are compared with the
    reference function, so a function that only fits the listed cases is caught too.

    Parameters
    ----------
    question_id, prompt : str
    cases : list of Case
        Shown to the learner one by one as they fail; the first one should be the simplest.
    reference : callable, optional
        The right function; needed when a case has no ``expected`` and for ``extra`` cases.
    extra : callable, optional
        ``extra(rng)`` returns a Case (``rng`` is a ``random.Random``); run ``extra_count`` times.
    tolerance : float, default 1e-6
        Numbers within this (absolute or relative) difference count as equal.
    solution_code : str
        The worked solution, shown by :meth:`solution` once the learner has tried.

    Examples
    --------
    >>> def share_returned(ties):
    ...     return sum(1 for a, b in ties if (b, a) in ties) / len(ties)
    >>> q = CodeQuestion("demo.returned", "Write returned(ties): the share of ties returned.",
    ...     cases=[Case(([("A", "B"), ("B", "A")],), "two people who follow each other"),
    ...            Case(([("A", "B"), ("B", "A"), ("A", "C")],), "one tie not returned")],
    ...     reference=share_returned, solution_code="...")
    >>> q.check(lambda ties: 1.0)
    ✘ Not yet: case 2 of 2 (one tie not returned): expected 0.667, got 1.
    >>> q.check(lambda ties: ties[5])
    ✘ Not yet: case 1 of 2 (two people who follow each other): your function stopped with IndexError: list index out of range.
    >>> q.check(share_returned)
    ✔ Correct: all 2 cases pass, and 0 more made at random.
    """

    def __init__(self, question_id, prompt, *, cases, reference=None, extra=None, extra_count=20, tolerance=1e-6,
                 solution_code: str, **kwargs):
        super().__init__(question_id, prompt, **kwargs)
        if not isinstance(cases, (list, tuple)) or not cases or not all(isinstance(c, Case) for c in cases):
            raise TypeError(f"cases must be a non-empty list of Case; got {cases!r}")
        for name, value in (("reference", reference), ("extra", extra)):
            if value is not None and not callable(value):
                raise TypeError(f"{name} must be a function or None; got {value!r}")
        if reference is None and (extra is not None or any(c.expected is None for c in cases)):
            raise ValueError("reference is needed when a case has no expected value or extra cases are made")
        if isinstance(extra_count, bool) or not isinstance(extra_count, int) or extra_count < 0:
            raise ValueError(f"extra_count must be a whole number >= 0; got {extra_count!r}")
        if isinstance(tolerance, bool) or not isinstance(tolerance, numbers.Real) or tolerance < 0:
            raise ValueError(f"tolerance must be a number >= 0; got {tolerance!r}")
        if not isinstance(solution_code, str) or not solution_code.strip():
            raise TypeError("solution_code must be the worked solution, as text")
        self.cases = list(cases)
        self._reference = reference
        self._extra = extra
        self.extra_count = extra_count if extra is not None else 0
        self.tolerance = tolerance
        self._solution_code = solution_code

    def _answer_text(self) -> str:
        return "\n" + self._solution_code.strip()

    def _expected(self, case: Case):
        return case.expected if case.expected is not None else self._reference(*copy.deepcopy(case.args))

    def _same(self, got, expected) -> bool:
        if isinstance(expected, numbers.Real) and not isinstance(expected, bool):
            if isinstance(got, bool) or not isinstance(got, numbers.Real):
                return False
            return math.isclose(got, expected, rel_tol=self.tolerance, abs_tol=self.tolerance)
        if isinstance(expected, (list, tuple)) and isinstance(got, (list, tuple)):
            return len(got) == len(expected) and all(self._same(g, e) for g, e in zip(got, expected))
        if isinstance(expected, dict) and isinstance(got, dict):
            return got.keys() == expected.keys() and all(self._same(got[k], expected[k]) for k in expected)
        return got == expected

    def _run(self, function, case: Case, label: str) -> str:
        """The reason ``case`` fails ("" when it passes)."""
        try:
            got = function(*copy.deepcopy(case.args))
        except Exception as error:   # a learner's bug becomes a sentence, not a traceback
            return f"{label} ({case.words}): your function stopped with {type(error).__name__}: {error}."
        expected = self._expected(case)
        if got is None and expected is not None:
            return (f"{label} ({case.words}): expected {_shown(expected)}, got None: your function ended without"
                    f" reaching a return with a value (a loop that never returned, or a missing return?).")
        if isinstance(expected, dict) and isinstance(got, dict) and got.keys() == expected.keys():
            differ = [key for key in expected if not self._same(got[key], expected[key])]
            if differ:   # name the entries that differ rather than two long dicts
                return f"{label} ({case.words}): " + "; ".join(
                    f"{key!r}: expected {_shown(expected[key])}, got {_shown(got[key])}" for key in differ) + "."
        if not self._same(got, expected):
            shown_expected, shown_got = _shown(expected), _shown(got)
            if shown_expected == shown_got:   # close but not equal: show the digits where they differ
                shown_expected, shown_got = _shown(expected, digits=7), _shown(got, digits=7)
            return f"{label} ({case.words}): expected {shown_expected}, got {shown_got}."
        return ""

    @_recorded
    def check(self, answer) -> Feedback:
        """Run the function ``answer`` on every case and say which one fails first."""
        import random

        if _no_answer(answer):
            return _NOT_YET
        if not callable(answer):
            return Feedback(False, f"{WRONG} Give your function itself, by its name and without brackets"
                                   f" (e.g. .check(my_function)); got {type(answer).__name__}.")
        for number, case in enumerate(self.cases, start=1):
            reason = self._run(answer, case, f"case {number} of {len(self.cases)}")
            if reason:
                return self._wrong(reason)
        rng = random.Random(self.id)   # the same extra cases every time for this question
        for number in range(1, self.extra_count + 1):
            reason = self._run(answer, self._extra(rng), f"extra case {number} (made at random)")
            if reason:
                return self._wrong(reason + " The listed cases pass, so look for what they do not cover.")
        return self._right(f"all {len(self.cases)} cases pass, and {self.extra_count} more made at random.")

    def ask(self):
        """A code question is answered in a code cell: say how."""
        import ipywidgets as widgets

        how = (f"{self.prompt} Write your function in a code cell, then run "
               f"quiz.{self.id.split('.', 1)[-1]}.check(your_function).")
        return Form(widgets.HTML(_html(how)), self.prompt)


def _shown(value, digits: int = 3) -> str:
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return f"{value:.{digits}g}" if not float(value).is_integer() else f"{float(value):g}"
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):   # a numpy number or array
        value = value.tolist()
    if isinstance(value, (list, tuple)) and len(value) <= 12:   # (3.56, 6.13), not (np.float64(3.561486...), ...)
        inner = ", ".join(_shown(item, digits) for item in value)
        return f"({inner}{',' if len(value) == 1 else ''})" if isinstance(value, tuple) else f"[{inner}]"
    if isinstance(value, dict) and len(value) <= 12:
        return "{" + ", ".join(f"{key!r}: {_shown(item, digits)}" for key, item in value.items()) + "}"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def questions_in(module) -> list:
    """The questions a lesson's question module defines, in the order it defines them."""
    check_instance("module", module, types.ModuleType, "a lesson's question module (smlearn.questions.<name>)")
    return [value for value in vars(module).values() if isinstance(value, _Question)]


@dataclass(frozen=True)
class Key:
    """What the instructor's copy knows about one question, by name (see :func:`key_of`).

    Attributes
    ----------
    answer : str
        The right answer as the answer key prints it (a choice question's option, not its letter).
    expected : callable or None
        Computes the right answer now: ``expected()`` for a numeric question, ``expected(case)`` for
        a coding exercise's :class:`Case`; None for the other kinds.
    hint : str
        The hint, as :meth:`~_Question.hint` shows it ("" when there is none).
    option_feedback : dict
        A choice question's feedback for each wrong option, by the option's text ({} otherwise).
    right_option : int or None
        A choice question's right option: its index in this learner's order of the options.
    params : dict
        A flip question's settings the learner may change (their records), by name ({} otherwise).
    solution_code : str
        A coding exercise's solution ("" otherwise).
    """

    answer: str
    expected: Callable | None
    hint: str
    option_feedback: dict
    right_option: int | None
    params: dict
    solution_code: str


def key_of(question) -> Key:
    """The answer key of one question: for the instructor's tools and the course's tests.

    A learner meets the same things through the question itself, in the course's order: a hint
    on :meth:`hint`, the feedback of a wrong option when they choose it, the solution after a few
    tries (:meth:`solution`). This gives all of it at once, so lessons never call it.

    Examples
    --------
    >>> q = NumericQuestion("demo.half", "Half of 3?", answer=lambda: 1.5, tolerance=0.01, hint="Divide by 2.")
    >>> key = key_of(q)
    >>> key.answer, key.expected(), key.hint
    ('1.5', 1.5, 'Divide by 2.')
    """
    check_instance("question", question, _Question, "a question of smlearn.exercises")
    choice = isinstance(question, ChoiceQuestion)
    return Key(answer=_key_answer(question),
               expected=getattr(question, "_expected", None),
               hint=question._hint or "",
               option_feedback=dict(question._option_feedback) if choice else {},
               right_option=question._right_option if choice else None,
               params=dict(getattr(question, "_params", {})),
               solution_code=getattr(question, "_solution_code", "") or "")


def _key_answer(question) -> str:
    # Each learner sees a choice question's options in their own order, so the key names the option, not a letter.
    if isinstance(question, ChoiceQuestion):
        return question.options[question._right_option]
    return question._answer_text()


def answer_key(module) -> str:
    """The answer key of a lesson's question module: prompt, answer and explanation of each question.

    Computed when asked (numeric answers run the model), so it always matches the
    current course. ``smlearn answers NN`` prints it for an instructor.
    """
    check_instance("module", module, types.ModuleType, "a lesson's question module (smlearn.questions.<name>)")
    blocks = []
    for question in questions_in(module):
        blocks.append("\n".join([
            f"{question.id}",
            f"  Q: {question.prompt}",
            f"  A: {_key_answer(question)}",
            *([f"  Why: {question.explanation}"] if question.explanation else []),
        ]))
    return "\n\n".join(blocks)
