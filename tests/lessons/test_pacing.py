"""Lessons fit a learner's sitting: the stated learner model (smlearn.pacing) checked, then applied to every lesson."""

import json
import re

import pytest

from smlearn.course import load_course
from smlearn.pacing import LESSON_FILE, LONGEST_LESSON, RATES, estimate_minutes, lesson_files

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
