"""Exercises that make a learner think, checked across the course.

- Choices cannot be guessed: the right option is not usually the longest, no position the
  author writes holds most right answers, and each learner sees the options in an order of
  their own.
- From lesson 02 on, at least a third of each lesson's exercises ask the learner to write code
  (the lesson's rule code_share in course.yml; smlearn.course.LESSON_RULES).
- A numeric exercise's answer is not already on screen: no output above its check cell (text,
  tables, figure titles, explorer descriptions) shows a number its check would accept.
"""

from __future__ import annotations

import html
import importlib
import json
import math
import pkgutil
import re
from pathlib import Path

import pytest

import smlearn.questions
from smlearn.exercises import key_of
from smlearn.course import load_course, sources_dir
from smlearn.exercises import ChoiceQuestion, CodeQuestion, NumericQuestion

PLAN = load_course()
NOTEBOOKS = PLAN.folder
ASKED = re.compile(r"quiz\.(\w+)\.check\(")
# The share of coding exercises each lesson needs is its rule code_share (smlearn.course.LESSON_RULES).
LONGEST_RIGHT_AT_MOST = 1 / 3
ONE_POSITION_AT_MOST = 0.40


def choice_questions():
    found = []
    for module_info in pkgutil.iter_modules(smlearn.questions.__path__):
        module = importlib.import_module(f"smlearn.questions.{module_info.name}")
        found += [value for value in vars(module).values() if isinstance(value, ChoiceQuestion)]
    return found


def lessons():
    return [lesson for lesson in PLAN.lessons if lesson.questions_module]


def notebook(lesson) -> list[dict]:
    return json.loads((NOTEBOOKS / lesson.file).read_text(encoding="utf-8"))["cells"]


def source(cell) -> str:
    return "".join(cell["source"])


def asked(lesson) -> list[str]:
    """The questions a lesson asks, in the order it first asks them."""
    names = []
    for cell in notebook(lesson):
        if cell["cell_type"] == "code":
            names += [name for name in ASKED.findall(source(cell)) if name not in names]
    return names


def question(lesson, name):
    return getattr(importlib.import_module(lesson.questions_module), name)


# ---- choices that cannot be guessed --------------------------------------------------------------

def test_the_right_option_is_the_longest_in_at_most_a_third_of_the_choice_questions():
    questions = choice_questions()
    longest = [q.id for q in questions
               if len(q.authored[q.authored_position]) == max(len(option) for option in q.authored)]
    assert len(questions) >= 10
    assert len(longest) <= LONGEST_RIGHT_AT_MOST * len(questions), (
        f"the right option is the longest in {len(longest)} of {len(questions)} questions: {longest}")


def test_no_authored_position_holds_more_than_two_fifths_of_the_right_answers():
    questions = choice_questions()
    positions = [q.authored_position for q in questions]
    for position in set(positions):
        share = positions.count(position) / len(positions)
        assert share <= ONE_POSITION_AT_MOST, (
            f"option {chr(ord('a') + position)} is right in {positions.count(position)} of {len(positions)} questions")


def test_each_learner_sees_the_options_of_a_question_in_one_order_of_their_own():
    q = next(q for q in choice_questions() if len(q.authored) >= 4)
    orders = {tuple(q.options_for(f"learner{i}")) for i in range(40)}
    assert len(orders) > 10, "forty learners should not all see the same few orders"
    again = ChoiceQuestion(q.id, q.prompt, q.authored, answer_fingerprint=_fingerprint_of(q), learner="ada")
    same = ChoiceQuestion(q.id, q.prompt, q.authored, answer_fingerprint=_fingerprint_of(q), learner="ada")
    assert again.options == same.options, "the same learner sees the same order every time"


def test_the_right_option_moves_between_learners_so_its_letter_is_no_cue():
    for q in choice_questions():
        letters = {key_of(ChoiceQuestion(q.id, q.prompt, q.authored, answer_fingerprint=_fingerprint_of(q),
                                         learner=f"learner{i}")).right_option for i in range(30)}
        assert len(letters) >= 2, f"{q.id}: thirty learners all see its right option at the same letter"


def test_a_learner_may_answer_with_the_letter_they_see_or_the_option_itself():
    q = next(q for q in choice_questions() if len(q.authored) >= 3)
    right = q.options[key_of(q).right_option]
    assert q.check(q.letters[key_of(q).right_option]).correct
    assert q.check("  " + right.upper() + " ").correct
    wrong = next(letter for i, letter in enumerate(q.letters) if i != key_of(q).right_option)
    assert not q.check(wrong).correct
    q.reset()


def _fingerprint_of(q):
    from smlearn.exercises import fingerprint

    return fingerprint(q.id, q.authored[q.authored_position])


# ---- code the learner writes ---------------------------------------------------------------------

@pytest.mark.parametrize("lesson", [lesson for lesson in lessons() if lesson.rules["code_share"] > 0],
                         ids=lambda lesson: lesson.id)
def test_at_least_a_third_of_each_lessons_exercises_ask_for_code(lesson):
    names = asked(lesson)
    code = [name for name in names if isinstance(question(lesson, name), CodeQuestion)]
    share = lesson.rules["code_share"]
    assert len(code) >= share * len(names), (
        f"lesson {lesson.id} asks {len(names)} questions and {len(code)} of them for code ({code});"
        f" its rule code_share in course.yml asks for {share:.0%}")


# ---- answers not already on screen ---------------------------------------------------------------

NUMBER = re.compile(r"(?<![\w.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(\s?%)?")
TAG = re.compile(r"<[^>]+>")


def shown_text(cell) -> str:
    """Everything a learner sees a code cell show: printed text, tables, figure titles, descriptions."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append("".join(output["text"]))
        for mime, value in output.get("data", {}).items():
            text = "".join(value) if isinstance(value, list) else value
            if mime in ("text/plain", "text/markdown"):
                parts.append(text)
            elif mime == "text/html":
                parts.append(html.unescape(TAG.sub(" ", text)))
        for metadata in output.get("metadata", {}).values():
            if isinstance(metadata, dict) and isinstance(metadata.get("alt"), str):
                parts.append(metadata["alt"])
    return "\n".join(parts)


def significant_digits(digits: str) -> int:
    """1 for "0.2", "10" and "300"; 2 for "15", "3.5" and "4.0"; 3 for "1.28" and "2,706"."""
    whole, _, decimals = digits.lstrip("-").partition(".")
    if decimals:
        return len((whole + decimals).lstrip("0"))
    return len(whole.lstrip("0").rstrip("0")) or 1


def numbers_in(text: str):
    """The numbers a text shows with two significant digits or more.

    A one-digit number ("0.2", "5", "10", "300") is everywhere in a lesson's outputs (a setting,
    a tick, "top 10") and gives no answer away by itself; an answer that could be read off as one
    must be caught by the review of its exercise instead.
    """
    for match in NUMBER.finditer(text):
        digits = match.group(0).rstrip("% ").replace(",", "")
        if significant_digits(digits) < 2:
            continue
        value = float(digits)
        yield match.group(0), value
        if match.group(1):   # "57 %" shows the share 0.57 too
            yield match.group(0), value / 100


def numeric_exercises():
    for lesson in lessons():
        cells = notebook(lesson)
        for name in asked(lesson):
            q = question(lesson, name)
            if isinstance(q, NumericQuestion):
                yield pytest.param(lesson, name, id=f"{lesson.id}-{name}")


@pytest.mark.slow
@pytest.mark.parametrize("lesson, name", list(numeric_exercises()))
def test_a_numeric_answer_is_not_already_on_screen_above_its_check(lesson, name):
    q = question(lesson, name)
    expected = key_of(q).expected()
    cells = notebook(lesson)
    ask_at = next(i for i, cell in enumerate(cells)
                  if cell["cell_type"] == "code" and f"quiz.{name}.check(" in source(cell))
    seen = []
    for cell in cells[:ask_at]:
        if cell["cell_type"] != "code":
            continue
        for token, value in numbers_in(shown_text(cell)):
            # the question's own tolerance (private): check() would run the answer again for every number
            if math.isfinite(value) and q._close(value, expected):
                context = shown_text(cell)
                where = context.find(token)
                seen.append(f"{token!r} in '...{context[max(0, where - 60):where + 40]}...'".replace("\n", " "))
    assert not seen, f"the answer {expected:.4g} of {q.id} is on screen above its check: {seen[:3]}"


# ---- rubrics for the written arguments -----------------------------------------------------------

INSTRUCTOR_NOTES = Path(__file__).resolve().parents[2] / "docs" / "instructors"
LEVELS = ("1 Restates", "2 Argues from the model", "3 Weighs model and evidence")
ARGUE_HEADING = re.compile(r"^## (Argue\b.*)$", re.MULTILINE)
RUBRIC_HEADING = "## Rubric for the written arguments"


def section(text: str, start: int) -> str:
    end = re.compile(r"^## ", re.MULTILINE).search(text, start + 1)
    return text[start:end.start() if end else len(text)]


def argue_prompts(lesson) -> list[str]:
    """The prompts of a lesson's "Argue ..." sections: the bold title of each bullet, else its first four words."""
    text = (sources_dir() / lesson.file).with_suffix(".md").read_text(encoding="utf-8")
    prompts = []
    for heading in ARGUE_HEADING.finditer(text):
        # The prompts are the section's own list; boxes (:::), code and subsections after it are not.
        own = re.split(r"^(?::::|```|#)", section(text, heading.end()), flags=re.MULTILINE)[0]
        for bullet in re.findall(r"^- (.+)$", own, re.MULTILINE):
            bold = re.match(r"\*\*(.+?)\*\*", bullet)
            prompts.append(bold.group(1).rstrip(".:") if bold else " ".join(bullet.split()[:4]))
    return prompts


@pytest.mark.parametrize("lesson", [lesson for lesson in lessons() if argue_prompts(lesson)],
                         ids=lambda lesson: lesson.id)
def test_every_written_argument_has_a_rubric_with_example_answers_at_three_levels(lesson):
    notes = (INSTRUCTOR_NOTES / lesson.file).with_suffix(".md").read_text(encoding="utf-8")
    assert RUBRIC_HEADING in notes, f"the instructor notes of {lesson.id} need a section '{RUBRIC_HEADING}'"
    rubric = section(notes, notes.index(RUBRIC_HEADING))
    parts = re.split(r"^### ", rubric, flags=re.MULTILINE)[1:]
    prompts = argue_prompts(lesson)
    assert len(parts) == len(prompts), f"{len(prompts)} prompts in the lesson, {len(parts)} rubrics in the notes"
    for prompt, part in zip(prompts, parts):
        heading = part.splitlines()[0]
        assert prompt.casefold() in heading.casefold(), f"rubric heading {heading!r} should name the prompt {prompt!r}"
        for level in LEVELS:
            row = re.search(rf"^\| {re.escape(level)}[^|]*\|([^|]+)\|([^|]+)\|", part, re.MULTILINE)
            assert row, f"{prompt!r}: no row '| {level} ... | what it does | example answer |'"
            assert len(row.group(2).split()) >= 12, f"{prompt!r}, level {level}: the example answer is too short"
