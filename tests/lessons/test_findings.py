"""Findings you can trust (issue 12): every lesson shows its evidence, and every lesson that runs
a model says what flips its verdicts; the studies the course leans on are cited in full."""

import re

import pytest

from smlearn.course import load_course, sources_dir
from smlearn.pacing import lesson_files

LESSONS = lesson_files(sources_dir(), ".md")
COURSE = load_course()
BOX = re.compile(r":::\{admonition\} What the evidence says\n:class: evidence\n(.*?)\n:::", re.DOTALL)
PARTS = ("*The model assumes*", "*The model derives*", "*Real studies found*")
# A reference line: authors, (year), title, venue: "- Kwak, H., Lee, C., ... (2010). What is ...".
REFERENCE = re.compile(r"^- [A-Z][^()\n]+\(\d{4}\)\. .+", re.MULTILINE)
# Lessons that only orient the learner and run no model of their own (rule verdict: false in course.yml)
# explain the boxes instead.
NO_VERDICT = {lesson.id for lesson in COURSE.lessons if not lesson.rules["verdict"]}


def plain(text: str) -> str:
    """Markdown to comparable plain text, as tests/lessons/test_course.py compares facts: no emphasis, single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[*_`]|\\(?=\$)", "", text)).strip()


def lesson_id(path):
    return path.name.split("_")[0]


def box_of(path):
    boxes = BOX.findall(path.read_text(encoding="utf-8"))
    assert len(boxes) == 1, f"{path.name} has {len(boxes)} evidence boxes; every lesson has exactly one"
    return boxes[0]


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_every_lesson_has_an_evidence_box_with_its_three_parts_and_full_references(path):
    box = box_of(path)
    places = [box.find(part) for part in PARTS]
    assert all(place >= 0 for place in places), f"{path.name}'s box lacks one of {PARTS}"
    assert places == sorted(places), f"{path.name}'s box gives its parts out of order"
    assert REFERENCE.search(box), f"{path.name}'s box has no full reference (authors, (year). title, venue)"


@pytest.mark.parametrize("path", [p for p in LESSONS if lesson_id(p) not in NO_VERDICT], ids=lesson_id)
def test_every_lesson_with_a_model_says_what_flips_its_verdict_with_checked_numbers(path):
    text = path.read_text(encoding="utf-8")
    heading = re.search(r"^## What flips .*$", text, re.MULTILINE)
    assert heading, f"{path.name} has no section 'What flips ...' (the verdict, the advice, a plan)"
    section = text[heading.end():].split("\n## ", 1)[0]
    assert "flip" in section and "```{code-cell}" in section, f"{path.name}'s verdict section runs no analysis"
    facts = COURSE.lesson(lesson_id(path)).facts
    flip_facts = [f for f in facts if "flip" in f.source or "verdict" in f.source or "report" in f.source]
    assert flip_facts, f"{path.name} states no verdict number as a checked fact"
    assert any(plain(f.text) in plain(section) for f in flip_facts), \
        f"no checked verdict fact of {path.name} is in its section"


# The studies issue 12 names: each must be cited, in full, in some lesson's evidence box.
STUDIES = {
    "Kwak et al. 2010": r"Kwak, H\.,? .*\(2010\)",
    "Goel, Watts & Goldstein 2012": r"Goel, S\.,? Watts, D\. J\.,? (and |& )?Goldstein, D\. G\. \(2012\)",
    "Goel, Anderson, Hofman & Watts 2016": r"Goel, S\.,? Anderson, A\.,? .*\(2016\)",
    "Salganik, Dodds & Watts 2006": r"Salganik, M\. J\.,? .*\(2006\)",
    "Lorenz et al. 2011": r"Lorenz, J\.,? .*\(2011\)",
    "Muchnik, Aral & Taylor 2013": r"Muchnik, L\.,? .*\(2013\)",
    "Bakshy et al. 2012": r"Bakshy, E\.,? .*\(2012\)",
    "Granovetter 1973": r"Granovetter, M\. S?\.? ?\(1973\)",
    "Dunbar 2016": r"Dunbar, R\. I\. M\. \(2016\)",
}


@pytest.mark.parametrize("study", STUDIES)
def test_each_study_the_course_leans_on_is_cited_in_full(study):
    boxes = "\n".join(box_of(path) for path in LESSONS)
    assert re.search(STUDIES[study], boxes), f"{study} is not cited in full in any evidence box"


def test_at_least_three_lessons_ask_the_learner_to_flip_a_verdict():
    import importlib

    from smlearn.exercises import FlipQuestion, questions_in

    lessons = []
    for lesson in COURSE.lessons:
        module = importlib.import_module(lesson.questions_module)
        if any(isinstance(q, FlipQuestion) for q in questions_in(module)):
            lessons.append(lesson.id)
    assert len(lessons) >= 3, f"only lessons {lessons} have a flip exercise"
