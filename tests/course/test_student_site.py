"""The student site (`python scripts/build_site.py --student`), the one to make public: every lesson as
`smlearn copy --student` hands it out (no worked solution, no check that shows a right answer) and no
instructor pack (notes, answer key) or contributor guide."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from smlearn.copies import SOLUTION_TAG
from site_script import build_site
from smlearn.course import load_course

REPO = Path(__file__).resolve().parents[2]

COURSE = load_course(REPO / "notebooks")
# Two lessons to check the filtering on: one with a number, a choice and a flip exercise, one with a code exercise.
TWO_LESSONS = ["02_push_and_pull.ipynb", "02c_stranger_to_tie.ipynb"]


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def is_solution(cell) -> bool:
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


@pytest.mark.slow
def test_the_student_sources_keep_every_exercise_and_drop_every_solution_and_the_instructor_pack(tmp_path):
    src = tmp_path / "src"
    build_site.stage(src, "https://github.com/ME/smlearn", "main", None, student=True)
    for name in TWO_LESSONS:
        original, staged = cells(REPO / "notebooks" / name), cells(src / "notebooks" / name)
        solutions = [cell for cell in original if is_solution(cell)]
        assert len(solutions) >= 3, f"{name} should have worked solutions to leave out"
        assert not [cell for cell in staged if is_solution(cell)], f"{name} keeps a solution in the student site"
        assert [cell for cell in original if not is_solution(cell)] == staged, f"{name} lost more than its solutions"
        staged_text = " ".join(" ".join("".join(c["source"]).split()) for c in staged)
        for text in build_site.solution_texts(REPO / "notebooks" / name):
            assert text not in staged_text, f"{name}'s student version still shows {text[:60]!r}"
    assert not (src / "docs" / "instructors").exists() and not (src / "docs" / "adding_a_lesson.md").exists()
    for page in ("index.md", "launch.md"):
        text = (src / page).read_text(encoding="utf-8")
        assert "instructors" not in text and "adding_a_lesson" not in text, f"{page} points to the instructor pack"
    index = (src / "index.md").read_text(encoding="utf-8")
    assert all(f"(notebooks/{Path(lesson.file).stem}.ipynb)" in index for lesson in COURSE.lessons)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_student_check_finds_a_solution_on_a_page_and_an_instructor_page(tmp_path):
    lesson = REPO / "notebooks" / TWO_LESSONS[1]
    notebooks, html = tmp_path / "notebooks", tmp_path / "html"
    _write(notebooks / lesson.name, lesson.read_text(encoding="utf-8"))
    page = html / "notebooks" / f"{lesson.stem}.html"
    code = next("".join(cell["source"]) for cell in cells(lesson) if is_solution(cell))
    # As Sphinx shows code: highlighted token by token, with the characters escaped.
    from html import escape

    tokens = "".join(f'<span class="n">{escape(word)}</span> ' for word in code.split())
    _write(page, f'<div class="cell"><pre>{tokens}</pre></div>')
    _write(html / "docs" / "instructors" / "02_push_and_pull.html", "<h1>Answer key</h1>")
    problems = build_site.student_problems(html, notebooks)
    assert any(problem.startswith(f"notebooks/{lesson.stem}.html: shows a solution") for problem in problems), problems
    assert "docs/instructors/02_push_and_pull.html: an instructor page in the student site" in problems
    _write(page, '<div class="cell"><pre>my_answer = ...</pre></div>')
    (html / "docs" / "instructors" / "02_push_and_pull.html").unlink()
    assert build_site.student_problems(html, notebooks) == []


@pytest.mark.slow
@pytest.mark.once   # not again under each class profile (scripts/check_profiles.py)
def test_the_student_site_builds_with_no_solution_no_answer_key_and_no_instructor_page(tmp_path):
    if importlib.util.find_spec("myst_nb") is None or importlib.util.find_spec("sphinx_book_theme") is None:
        message = "the site needs the test extra (sphinx, myst-nb, sphinx-book-theme): pip install -e '.[test]'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    assert build_site.main(["--student", "--out", str(tmp_path / "site")]) == 0, "the student site build failed"
    html = tmp_path / "site" / "html"
    assert not (html / "docs" / "instructors").exists()
    assert build_site.student_problems(html) == []
    # Every lesson has its page, and checks that still wait for the learner's answer.
    for lesson in COURSE.lessons:
        text = build_site.page_text(html / "notebooks" / f"{Path(lesson.file).stem}.html")
        if lesson.rules["min_exercises"]:
            assert "No answer yet" in text, f"lesson {lesson.id}'s page shows no exercise"
    assert "instructor notes" not in build_site.page_text(html / "index.html")
    shown = sum(len(build_site.solution_texts(REPO / "notebooks" / lesson.file)) for lesson in COURSE.lessons)
    assert shown > 2 * len(COURSE.lessons), "the lessons should have solutions for the check to look for"
