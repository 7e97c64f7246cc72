"""Lessons fit a learner's sitting: the stated learner model (smlearn.pacing) checked, then applied to every lesson."""

import json
import math
import re

import pytest

from smlearn.course import load_course
from smlearn.pacing import IN_CLASS, LESSON_FILE, LONGEST_IN_CLASS, LONGEST_LESSON, RATES, estimate_minutes, lesson_files

COURSE = load_course()

# Lessons still over the limit, to be split; each must fail the check, so the list cannot rot.
KNOWN_TOO_LONG: set[str] = set()

# No stretch of prose longer than this between two things a learner does (a code cell that is not
# only imports, a prediction): a learner who reads 600 words at a stretch has stopped learning by doing.
LONGEST_READ = 600


def notebook(cells):
    return {"cells": [{"cell_type": kind, "source": text, "metadata": {"tags": tags}} for kind, text, tags in cells]}


def write(tmp_path, cells):
    path = tmp_path / "99_demo.ipynb"
    path.write_text(json.dumps(notebook(cells)), encoding="utf-8")
    return path


# ---- The learner model itself ------------------------------------------------------------------

def test_reading_time_follows_the_reading_rate(tmp_path):
    words = " ".join(["word"] * 1300)
    estimate = estimate_minutes(write(tmp_path, [("markdown", words, [])]))
    assert estimate.parts["reading"] == pytest.approx(1300 / RATES["words_per_minute"])
    assert estimate.minutes == 10


def test_each_kind_of_work_is_counted_once(tmp_path):
    cells = [
        ("markdown", "**Predict.** Which is larger? <!-- learner-time: 7 -->", []),
        ("code", "x = 1\ny = 2\n# a comment is not a line to read", []),
        ("code", "quiz.q.check(my_answer)", []),
        ("code", "explorer = PushPullExplorer()\nexplorer", []),
        ("code", "figures.plot_traffic(year)", []),
        ("code", "# Solution\nquiz.q.check(42)", ["solution"]),   # a solution is not counted
    ]
    parts = estimate_minutes(write(tmp_path, cells)).parts
    assert parts["predictions"] == RATES["per_prediction"]
    assert parts["declared activities"] == 7
    assert parts["exercises"] == RATES["per_exercise"]
    assert parts["explorers"] == RATES["per_explorer"]
    assert parts["figures"] == RATES["per_figure"]
    assert parts["code"] == pytest.approx(4 * RATES["per_code_cell"] + 6 * RATES["per_code_line"])


def test_in_class_cells_are_counted_apart(tmp_path):
    alone = [("markdown", " ".join(["word"] * 260), []), ("code", "figures.plot_traffic(year)", [])]
    in_class = [("markdown", "## In class: a vote\n\n**Predict.** " + " ".join(["word"] * 130), [IN_CLASS]),
                ("code", "page = experiments.front_page(EXPERIMENT_ID)\npage", [IN_CLASS]),
                ("code", "fig, _ = plot_class_ring(found)", [IN_CLASS])]
    without = estimate_minutes(write(tmp_path, alone))
    with_class = estimate_minutes(write(tmp_path, alone + in_class))
    # The learner's time alone is what it was without the section; the section has its own estimate.
    assert with_class.parts == without.parts and with_class.minutes == without.minutes
    assert without.in_class == {} and without.in_class_minutes == 0
    assert with_class.in_class["predictions"] == RATES["per_prediction"]
    assert with_class.in_class["figures"] == RATES["per_figure"]
    assert with_class.in_class["code"] == pytest.approx(2 * RATES["per_code_cell"] + 3 * RATES["per_code_line"])
    assert with_class.in_class_minutes == 5      # 135 words 1.04 + predict 1.5 + code 1.3 + figure 1.0, rounded up
    assert "about 5 minutes in class" in str(with_class)


def test_the_announcement_of_the_class_part_is_read_with_it(tmp_path):
    top = "# 99 Demo\n\n" + " ".join(["word"] * 130)
    announced = top + "\n\n**In class:** the section near the end adds about 5 minutes in class."
    section = [("markdown", "## In class: a vote", [IN_CLASS]), ("code", "page", [IN_CLASS])]
    plain = estimate_minutes(write(tmp_path, [("markdown", top, [])] + section))
    told = estimate_minutes(write(tmp_path, [("markdown", announced, [])] + section))
    assert told.parts == plain.parts          # the learner's time alone does not grow by the announcement
    assert told.in_class["reading"] == pytest.approx(plain.in_class["reading"] + 13 / RATES["words_per_minute"])


def test_an_untagged_lesson_is_estimated_as_before(tmp_path):
    cells = [("markdown", "**Predict.** Which? " + " ".join(["word"] * 400), []), ("code", "x = 1", []),
             ("code", "# Solution\nx = 2", ["solution"])]
    estimate = estimate_minutes(write(tmp_path, cells))
    assert estimate.in_class == {} and "in class" not in str(estimate)
    assert estimate.minutes == math.ceil(402 / RATES["words_per_minute"] + RATES["per_prediction"]
                                         + RATES["per_code_cell"] + RATES["per_code_line"])


def test_an_unreadable_lesson_is_refused(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot read the lesson"):
        estimate_minutes(path)


def test_lesson_files_keep_parts_in_course_order(tmp_path):
    for name in ("03_c.ipynb", "02b_b.ipynb", "02_a.ipynb", "02c_c.ipynb", "notes.ipynb", "2_x.ipynb", "02B_y.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in lesson_files(tmp_path)] == ["02_a.ipynb", "02b_b.ipynb", "02c_c.ipynb", "03_c.ipynb"]
    assert LESSON_FILE.match("02b_when_push_wins.md") and not LESSON_FILE.match("02bb_x.md")
    with pytest.raises(ValueError, match="suffix must be"):
        lesson_files(tmp_path, ".py")


# ---- Every lesson ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_no_lesson_asks_more_than_an_hour(lesson):
    estimate = estimate_minutes(COURSE.folder / lesson.file)
    fits = estimate.minutes <= LONGEST_LESSON
    if lesson.id in KNOWN_TOO_LONG:
        assert not fits, f"lesson {lesson.id} now fits ({estimate}): take it off KNOWN_TOO_LONG"
    else:
        assert fits, f"lesson {lesson.id} takes a learner {estimate}: split it into parts"


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_the_announced_time_is_a_learners_time(lesson):
    """The time a lesson announces is at least the learner model's estimate (to the next 5 minutes) and at most an hour."""
    estimate = estimate_minutes(COURSE.folder / lesson.file).minutes
    assert lesson.minutes <= LONGEST_LESSON or lesson.id in KNOWN_TOO_LONG
    if lesson.id not in KNOWN_TOO_LONG:
        assert lesson.minutes >= estimate - 4, (
            f"lesson {lesson.id} announces {lesson.minutes} minutes but a learner needs about {estimate}: "
            f"change 'minutes' in notebooks/course.yml, the lesson's Time line and its instructor notes")


def prose_stretches(path):
    """Words of prose between two activities, in order."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    stretches, run = [], 0
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            if "**Predict" in text:
                stretches.append(run)
                run = 0
            run += len(re.findall(r"[A-Za-z0-9][\w'’.-]*", re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)))
            continue
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith(("%", "#"))]
        setup = "check_environment" in text or all(line.startswith(("import ", "from ")) for line in lines)
        if not setup:
            stretches.append(run)
            run = 0
    return stretches + [run]


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_no_long_stretch_of_reading(lesson):
    longest = max(prose_stretches(COURSE.folder / lesson.file))
    assert longest <= LONGEST_READ, f"lesson {lesson.id} has {longest} words of prose in a row: add a prediction or a cell"


# ---- Sections done in class -------------------------------------------------------------------------

IN_CLASS_HEADING = re.compile(r"^## In class: ", re.MULTILINE)
IN_CLASS_SENTENCE = re.compile(r"\babout (\d+) minutes in class\b")


def sections_in_class(path):
    """Each cell's tags and whether it lies in a section ``## In class: ...`` (up to the next ``## ``)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    inside, rows = False, []
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and re.search(r"^## ", text, re.MULTILINE):
            inside = bool(IN_CLASS_HEADING.search(text))
        rows.append((inside, IN_CLASS in cell.get("metadata", {}).get("tags", []), text[:60]))
    return cells, rows


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_in_class_sections_are_tagged_and_announced(lesson):
    """Every cell of a section "## In class: ..." carries the tag, no other cell does, and the top says how long."""
    path = COURSE.folder / lesson.file
    cells, rows = sections_in_class(path)
    for inside, tagged, start in rows:
        assert inside == tagged, (f"lesson {lesson.id}: the cell starting {start!r} should "
                                  f"{'' if inside else 'not '}carry the tag {IN_CLASS!r}")
    estimate = estimate_minutes(path)
    opening = "".join(next(c for c in cells if c["cell_type"] == "markdown")["source"])
    stated = IN_CLASS_SENTENCE.findall(opening)
    if not estimate.in_class:
        assert not stated, f"lesson {lesson.id} announces class time but has no section tagged {IN_CLASS!r}"
        return
    assert estimate.in_class_minutes <= LONGEST_IN_CLASS, f"lesson {lesson.id}'s class part takes {estimate}"
    assert len(stated) == 1, f"the top of lesson {lesson.id} should say once 'about N minutes in class'"
    # As for the lesson's own minutes: at least the estimate less 4, and rounded up by at most 4.
    assert estimate.in_class_minutes - 4 <= int(stated[0]) <= estimate.in_class_minutes + 4, (
        f"lesson {lesson.id} says about {stated[0]} minutes in class; the estimate is {estimate.in_class_minutes}")


def test_the_in_class_rule_catches_a_missing_tag(tmp_path):
    path = write(tmp_path, [("markdown", "# 99 Demo\n\nabout 5 minutes in class", []),
                            ("markdown", "## In class: a vote", [IN_CLASS]), ("code", "page", []),
                            ("markdown", "## Summary", [])])
    _, rows = sections_in_class(path)
    assert [(inside, tagged) for inside, tagged, _ in rows] == [(False, False), (True, True), (True, False),
                                                                 (False, False)]
