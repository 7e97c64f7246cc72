"""The frame (smlearn.frame) and the course-wide checks that hang on it.

- the four cells and the two questions fit together;
- every model module says which cells it models, and every lesson which cells it works in;
- the lessons use "social media" and "social networking" only for the cell the frame gives them;
- the lessons' code cells stay plain for learners (no comprehensions, no ** unpacking, no __dict__).

Two checks still fail on some lessons that other people are rewriting. Those lessons are listed
in KNOWN_TERM_MISUSE and KNOWN_NOT_PLAIN: the check still runs on them and must still fail there,
so a lesson that gets fixed has to be taken off its list (the lists cannot rot).
"""

from __future__ import annotations

import ast
import importlib
import re
import shutil
from pathlib import Path

import pytest

from smlearn import frame
from smlearn.course import load_course, sources_dir

COURSE = load_course()
NOTEBOOKS = COURSE.folder
MODELS_DIR = Path(frame.__file__).resolve().parent / "models"

# Lessons whose prose still uses a term for the wrong cell (see term_problems); empty it lesson by lesson.
KNOWN_TERM_MISUSE: set[str] = set()
# Lessons whose code cells still hold comprehensions, ** unpacking or __dict__; empty it lesson by lesson.
KNOWN_NOT_PLAIN: set[str] = set()


def lesson_markdown(lesson) -> str:
    return (sources_dir() / lesson.file.replace(".ipynb", ".md")).read_text(encoding="utf-8")


def model_modules() -> list[str]:
    """Every module file in smlearn/models, found on disk, so a new model is covered without a list here."""
    names = []
    for path in sorted(MODELS_DIR.glob("*.py")):
        if not path.stem.startswith("_"):
            names.append(f"smlearn.models.{path.stem}")
    return names


# -- the frame itself -----------------------------------------------------------------------------------------


def test_four_cells_one_for_each_pair_of_answers():
    pairs = set()
    for cell_id, cell in frame.CELLS.items():
        assert cell.id == cell_id == f"{cell.route}-{cell.exchange}"
        assert frame.cell_of(cell.route, cell.exchange) is cell
        pairs.add((cell.route, cell.exchange))
    routes, exchanges = frame.QUESTIONS["route"][1], frame.QUESTIONS["exchange"][1]
    assert pairs == {(r, e) for r in routes for e in exchanges}  # noqa: C416 (a test, not a lesson)
    assert frame.CELL_IDS == ("find-broadcast", "ties-two-way", "ties-broadcast", "find-two-way")


def test_the_two_questions_do_not_answer_each_other():
    """Each question decides one thing only, or a cell would be impossible by definition.

    If "two-way" meant "between people who know each other", find-two-way (a stranger who
    found you talks with you) could not exist; if "find" meant "one to many", neither could
    find-two-way. So the exchange answers must not speak of who the people are, and the
    route answers must not speak of how the exchange runs.
    """
    about_who = ("know", "tie", "stranger", "friend", "contact", "found", "find")
    about_how = ("broadcast", "conversation", "answer", "reply", "one to many", "one-to-many", "two-way")
    for answer, meaning in frame.QUESTIONS["exchange"][1].items():
        assert not [word for word in about_who if word in meaning.lower()], (answer, meaning)
    for answer, meaning in frame.QUESTIONS["route"][1].items():
        assert not [word for word in about_how if word in meaning.lower()], (answer, meaning)
    # and the cell that mixes the two answers is defined with both of them: found, and answered
    mixed = frame.cell("find-two-way").definition.lower()
    assert "found" in mixed and ("answer" in mixed or "talk" in mixed)


def test_each_term_of_the_sources_names_exactly_one_cell_and_the_other_two_are_neither():
    assert frame.TERMS == {"social media": "find-broadcast", "social networking": "ties-two-way"}
    for term, cell_id in frame.TERMS.items():
        assert frame.cell(cell_id).term == term
    for cell_id in ("ties-broadcast", "find-two-way"):
        assert frame.cell(cell_id).term not in frame.TERMS
        assert "social" not in frame.cell(cell_id).term


def test_every_cell_has_a_name_a_definition_examples_and_markers_no_other_cell_shares():
    seen = {}
    for cell in frame.CELLS.values():
        assert cell.name and cell.definition.endswith(".") and len(cell.examples) >= 2
        for marker in cell.markers:
            assert marker == marker.lower(), marker
            assert marker not in seen, f"{marker!r} marks both {seen.get(marker)} and {cell.id}"
            seen[marker] = cell.id
    table = frame.table()
    assert list(table.columns[:5]) == ["cell", "route", "exchange", "name", "term"]
    assert len(table) == 4


@pytest.mark.parametrize("call, message", [
    (lambda: frame.cell("push"), "cell_id must be one of find-broadcast"),
    (lambda: frame.cell_of("search", "broadcast"), "route must be 'find' or 'ties'; got 'search'"),
    (lambda: frame.cell_of("find", "both"), "exchange must be 'broadcast' or 'two-way'; got 'both'"),
    (lambda: frame.check_cells(["ties-push"], what="lesson 02"), r"lesson 02 names unknown frame cells \['ties-push'\]"),
])
def test_bad_input_is_refused_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_a_single_string_is_not_taken_for_a_list_of_cells():
    with pytest.raises(TypeError, match="as a list"):
        frame.check_cells("find-broadcast")


# -- models and lessons declare their cells -------------------------------------------------------------------


def test_the_models_are_discovered_on_disk():
    found = model_modules()
    assert "smlearn.models.traffic" in found and "smlearn.models.pipeline" in found
    assert not any(name.split(".")[-1].startswith("_") for name in found)   # helpers such as _posts are no models
    assert len(found) >= 9


@pytest.mark.parametrize("name", model_modules())
def test_every_model_names_valid_cells_and_says_so_in_its_docstring(name):
    module = importlib.import_module(name)
    cells = getattr(module, "FRAME_CELLS", None)
    assert isinstance(cells, tuple) and cells, f"{name} must declare FRAME_CELLS = ('<cell id>', ...)"
    frame.check_cells(cells, what=name)
    assert len(set(cells)) == len(cells), f"{name} names a cell twice"
    doc = module.__doc__ or ""
    assert "frame" in doc.lower(), f"{name}'s docstring does not say where it sits in the frame"
    for cell_id in cells:
        route, exchange = cell_id.split("-", 1)
        named = cell_id in doc or f"{route}, {exchange}" in doc  # the id, or its two answers
        assert named, f"{name}'s docstring does not name its cell {cell_id}"


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_every_lesson_names_its_cells_and_covers_its_models_cells(lesson):
    if lesson.id != "00":
        assert lesson.frame, f"lesson {lesson.id} names no cell of the frame in course.yml"
    claims = {claim.id: claim for claim in COURSE.claims}
    for claim_id in lesson.claims:
        for model in claims[claim_id].models:
            cells = set(importlib.import_module(model).FRAME_CELLS)
            outside = cells - set(lesson.frame)
            assert not outside, f"lesson {lesson.id} uses {model}, which models {sorted(outside)}, outside the lesson's frame"


def test_lesson_01_works_with_the_whole_frame():
    assert set(COURSE.lesson("01").frame) == set(frame.CELL_IDS)


@pytest.mark.slow
def test_an_unknown_cell_in_the_plan_is_refused(tmp_path):
    shutil.copy(NOTEBOOKS / "course.yml", tmp_path / "course.yml")
    text = (tmp_path / "course.yml").read_text(encoding="utf-8")
    assert "    frame: [ties-two-way, find-broadcast]" in text
    broken = text.replace("    frame: [ties-two-way, find-broadcast]", "    frame: [ties-two-way, find-push]", 1)
    (tmp_path / "course.yml").write_text(broken, encoding="utf-8")
    with pytest.raises(ValueError, match=r"lesson 03's frame names unknown frame cells \['find-push'\]"):
        load_course(tmp_path)


# -- the prose: each term for its own cell --------------------------------------------------------------------


@pytest.mark.parametrize("sentence, problem", [
    ("Sending the same promo message to every contact is social networking.", "calls ties-broadcast"),
    ("A mass message to your address book counts as social networking too.", "calls ties-broadcast"),
    ("Replying to a stranger who commented is social networking.", "calls find-two-way"),
    ("A long conversation with a friend about her new job is social media.", "calls ties-two-way"),
    ("Social networking is content broadcast to a crowd.", "defines social networking with the words of the other side"),
    ("Social media means keeping in touch with people you know.", "defines social media with the words of the other side"),
    ("Social media is whatever your nephew says it is.", "defines social media without any word of its cell"),
])
def test_the_prose_check_catches_a_term_used_for_the_wrong_cell(sentence, problem):
    problems = frame.term_problems(sentence)
    assert len(problems) == 1 and problems[0].startswith(problem), problems


@pytest.mark.parametrize("sentence", [
    "Sending the same promo message to every contact is not social networking: it is a broadcast.",
    "A mass message travels through your ties, but it is neither social media nor social networking.",
    "Social media is content that people find through search, feeds and recommendations.",
    "Social networking is a two-way conversation with people you already know.",
    "Social media helps a stranger find you; social networking turns that first contact into a tie.",
    "Replying to a stranger who found your post is the first step from stranger to tie.",
])
def test_the_prose_check_lets_right_uses_and_contrasts_pass(sentence):
    assert frame.term_problems(sentence) == []


def test_a_marker_far_from_every_term_is_not_what_the_term_names():
    far = "Social media helps strangers find you" + ", and more" * 12 + "; mass messages come later."
    assert frame.term_problems(far) == []
    near = "Social media helps strangers find you, and mass messages come later."
    assert frame.term_problems(near) and frame.term_problems(near)[0].startswith("calls ties-broadcast")
    other_clause = "Upkeep is talk with your ties (social networking); mass messages send one text to all."
    assert frame.term_problems(other_clause) == []


def test_the_prose_check_ignores_code_and_reads_table_rows_and_bullets_one_by_one():
    text = (
        "| cell | term |\n|---|---|\n| a mass message to every contact | social networking |\n\n"
        "```python\nprint('a mass message is social networking')\n```\n"
    )
    problems = frame.term_problems(text)
    assert len(problems) == 1 and "| a mass message to every contact | social networking |" in problems[0]


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_each_lesson_uses_the_two_terms_only_for_their_cells(lesson):
    problems = frame.term_problems(lesson_markdown(lesson))
    if lesson.id in KNOWN_TERM_MISUSE:
        assert problems, f"lesson {lesson.id} now passes the prose check: take it off KNOWN_TERM_MISUSE"
    else:
        assert problems == [], "\n".join(problems)


# -- plain learner cells --------------------------------------------------------------------------------------


def code_cells(markdown: str) -> list[str]:
    """The code cells of a MyST lesson, with IPython magics (%, ! and ?? lines) left out."""
    cells = []
    for body in re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", markdown, flags=re.DOTALL):
        lines = []
        for line in body.splitlines():
            if line.lstrip().startswith(("%", "!")) or re.match(r"^:\w+:|^\s*[\w.]+\?{1,2}\s*$", line):
                lines.append("")  # keep line numbers; a magic or a cell option is not Python
            else:
                lines.append(line)
        cells.append("\n".join(lines))
    return cells


def not_plain(source: str) -> list[str]:
    """What in ``source`` a learner should not have to read: comprehensions, ** unpacking, __dict__."""
    found = []
    for node in ast.walk(ast.parse(source)):
        kind = {ast.ListComp: "list comprehension", ast.SetComp: "set comprehension",
                ast.DictComp: "dict comprehension", ast.GeneratorExp: "generator expression"}.get(type(node))
        if kind:
            found.append(f"line {node.lineno}: {kind}")
        elif isinstance(node, ast.Call) and any(k.arg is None for k in node.keywords):
            found.append(f"line {node.lineno}: ** unpacking in a call")
        elif isinstance(node, ast.Dict) and None in node.keys:
            found.append(f"line {node.lineno}: ** unpacking in a dict")
        elif isinstance(node, ast.Attribute) and node.attr == "__dict__":
            found.append(f"line {node.lineno}: __dict__")
        elif isinstance(node, ast.Name) and node.id == "__dict__":
            found.append(f"line {node.lineno}: __dict__")
    return found


@pytest.mark.parametrize("source, expected", [
    ("x = [i for i in range(3)]", "list comprehension"),
    ("x = {i for i in range(3)}", "set comprehension"),
    ("x = {i: i for i in range(3)}", "dict comprehension"),
    ("x = sum(i for i in range(3))", "generator expression"),
    ("f(**options)", "** unpacking in a call"),
    ("x = {**a, 'b': 1}", "** unpacking in a dict"),
    ("x = explorer.__dict__", "__dict__"),
])
def test_the_plain_check_catches_each_kind(source, expected):
    assert [item.split(": ", 1)[1] for item in not_plain(source)] == [expected]


def test_the_plain_check_lets_plain_code_pass_and_skips_magics():
    cells = code_cells("```{code-cell} ipython3\n:tags: [solution]\n%matplotlib inline\nx = [1, 2]\nf(x, y=2)\nsmlearn.models.traffic??\n```\n")
    assert len(cells) == 1 and not_plain(cells[0]) == []


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_each_lessons_code_cells_stay_plain(lesson):
    problems = []
    for number, source in enumerate(code_cells(lesson_markdown(lesson)), start=1):
        for item in not_plain(source):
            problems.append(f"code cell {number}, {item}")
    if lesson.id in KNOWN_NOT_PLAIN:
        assert problems, f"lesson {lesson.id}'s code cells are plain now: take it off KNOWN_NOT_PLAIN"
    else:
        assert problems == [], f"lesson {lesson.id}: " + "; ".join(problems)
