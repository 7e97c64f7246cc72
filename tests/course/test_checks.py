"""`smlearn check NN`: one lesson's notebook and the tests that concern it, chosen by smlearn.checks.

The choosing is checked on pytest's own collection (``--collect-only``, nothing run), so these
tests take seconds; the time the whole check takes is measured by benchmarks/checks.py.
"""

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from smlearn import checks
from smlearn.cli import main
from smlearn.course import load_course

REPOSITORY = Path(__file__).resolve().parents[2]
COURSE = load_course()


def collected(*args) -> list[str]:
    """The test ids pytest would run with these arguments (collection only)."""
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", *args],
                         capture_output=True, text=True, cwd=REPOSITORY)
    assert out.returncode in (0, 5), out.stdout[-2000:] + out.stderr[-2000:]
    return [line for line in out.stdout.splitlines() if "::" in line]


# The plugin's private helpers, tested on purpose: pytest calls the plugin, so its parts have no public name.
def test_a_test_parameter_names_a_lesson_by_its_record_or_its_file():
    lesson = COURSE.lesson("05b")
    assert checks._lesson_of_parameter(lesson) == "05b"
    assert checks._lesson_of_parameter(COURSE.folder / lesson.file) == "05b"
    assert checks._lesson_of_parameter("02c_stranger_to_tie.md") == "02c"
    for not_a_lesson in ("02", "0.02", "course.yml", 2, None, ("02_push_and_pull.ipynb",)):
        assert checks._lesson_of_parameter(not_a_lesson) is None


def test_a_test_module_names_its_lessons_in_the_opening_words_of_its_docstring():
    names = checks._lessons_a_docstring_names
    assert names("Tests of lessons 00 and 01: their questions.") == ["00", "01"]
    assert names("Lessons 07, 08, 09 and 09b: their questions.") == ["07", "08", "09", "09b"]
    assert names("Lessons 09 and 09b's real data: replies against broadcasts.") == ["09", "09b"]
    # numbers later in the sentence are not lessons it tests
    assert names("Real data in every lesson (issue 13): from lesson 03 on, each lesson measures.") == []
    assert names("Lesson 08's real data (issue 13): the six exports.") == ["08"]
    assert names(None) == []


@pytest.mark.slow
def test_every_lesson_a_test_module_names_is_a_lesson_of_the_course():
    ids = {lesson.id for lesson in COURSE.lessons}
    for path in (REPOSITORY / "tests").rglob("test_*.py"):
        assert set(checks._lessons_a_test_file_names(path)) <= ids, path.name


@pytest.mark.slow
@pytest.mark.parametrize("lesson", ["00", "02", "05"])
def test_the_check_hands_pytest_the_lessons_notebook_its_questions_and_its_tests(lesson):
    record = COURSE.lesson(lesson)
    names = [str(path.relative_to(REPOSITORY)) for path in checks.lesson_paths(lesson)]
    assert names[0] == f"notebooks/{record.file}"
    assert "tests/lessons/test_course.py" in names and "tests/lessons/test_pacing.py" in names   # they go through every lesson
    assert not any(name.startswith("tests/browser") for name in names)
    own = {"00": "tests/lessons/test_lessons_intro.py", "02": "tests/lessons/test_lessons_push_pull.py",
           "05": "tests/lessons/test_lessons_crowds_links.py"}[lesson]
    assert own in names
    assert "tests/lessons/test_lessons_networks.py" not in names                           # lessons 03 and 04 only
    command = checks.lesson_check_command(lesson, ["-x"])
    assert command[:6] == [sys.executable, "-m", "pytest", "--lesson", lesson, "-x"] and command[6:] == names


@pytest.mark.slow   # pytest collecting in a subprocess
@pytest.mark.once   # not again under each class profile (scripts/check_profiles.py)
def test_pytest_keeps_only_the_items_of_the_lesson():
    ids = collected("--lesson", "05", "tests/lessons/test_pacing.py", "tests/realdata/test_real_05.py", "tests/lessons/test_lessons_networks.py",
                    "notebooks/05_wisdom_of_crowds.ipynb", "notebooks/02_push_and_pull.ipynb")
    pacing = [i for i in ids if i.startswith("tests/lessons/test_pacing.py")]
    assert pacing and all(i.endswith("[05]") for i in pacing)                        # parametrised by lesson
    assert any(i.startswith("notebooks/05_wisdom_of_crowds.ipynb::Cell") for i in ids)
    assert not any(i.startswith(("tests/lessons/test_lessons_networks.py", "notebooks/02_")) for i in ids)
    # "Lessons 05 and 05b with real votes": all of it, but for the items parametrised by lesson 05b
    real = [i for i in ids if i.startswith("tests/realdata/test_real_05.py")]
    assert any("05_wisdom_of_crowds" in i for i in real) and not any("05b_music_market" in i for i in real)
    assert any("[" not in i for i in real)


@pytest.mark.slow   # pytest collecting in a subprocess, three times
@pytest.mark.once   # not again under each class profile (scripts/check_profiles.py)
def test_the_notebook_marker_leaves_the_lessons_cells_out():
    cells = collected("-m", "notebook", "notebooks/00_start_here.ipynb")
    assert cells
    assert collected("-m", "not notebook", "notebooks/00_start_here.ipynb") == []
    assert collected("-m", "nbval", "notebooks/00_start_here.ipynb") == cells   # the same cells, issue 17's name


@pytest.mark.slow
def test_the_doctests_the_plugin_marks_slow_are_doctests_that_exist():
    for name in checks.SLOW_DOCTESTS:
        module, function = name.rsplit(".", 1)
        assert ">>>" in (getattr(importlib.import_module(module), function).__doc__ or ""), name


@pytest.mark.parametrize("bad, error, message", [
    ("2", ValueError, r"lesson must be one of 00, 01, 02, .*; got '2'"),
    (2, TypeError, "lesson must be a lesson's number as text, such as '02'; got int"),
])
def test_a_wrong_lesson_is_refused_with_the_lessons_there_are(bad, error, message):
    with pytest.raises(error, match=message):
        checks.lesson_paths(bad)
    with pytest.raises(error, match=message):
        checks.check_lesson(bad)


@pytest.mark.parametrize("bad, error", [("-x", TypeError), ([3], TypeError), (None, TypeError)])
def test_pytest_args_must_be_a_list_of_strings(bad, error):
    with pytest.raises(error, match="pytest_args must be a list"):
        checks.lesson_check_command("02", bad)


def test_slow_must_be_true_or_false():
    with pytest.raises(TypeError, match="slow must be"):
        checks.check_lesson("02", slow="yes")


@pytest.mark.slow
def test_the_command_line_says_which_lessons_there_are(capsys):
    assert main(["check", "2"]) == 2
    assert re.search(r"smlearn check: lesson must be one of 00, .*09b; got '2'", capsys.readouterr().err)


@pytest.mark.slow
def test_pytest_refuses_an_unknown_lesson():
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "--lesson", "2",
                          "tests/lessons/test_pacing.py"], capture_output=True, text=True, cwd=REPOSITORY)
    assert out.returncode == 4 and "--lesson must be one of 00" in out.stderr
