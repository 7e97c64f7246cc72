"""Check one lesson quickly: its notebook and the tests that concern it (``smlearn check NN``).

The full ``pytest`` run checks every lesson and takes about 23 minutes on a 2-core machine.
After editing one lesson an instructor needs far less: that lesson's notebook re-run by nbval,
the doctests of its question module, and the test items that concern it. This module finds them:

- a test parametrised by lessons (a lesson record from ``course.yml``, or a lesson's file such as
  ``02_push_and_pull.ipynb``) concerns the lessons it names;
- a test module whose docstring opens by naming lessons ("Lesson 02, ...", "Lessons 05 (...), 05b
  (...) and 06 (...)", "Tests of lessons 00 and 01") concerns those lessons, all of it, except the
  items parametrised by some other lesson.

The tests marked ``slow`` (the lesson's checked facts, its flip analysis, its student copy run) are left out
unless asked for (``smlearn check NN --slow``): the full run has them.

It is also the pytest plugin that does the choosing (loaded by ``pyproject.toml``): ``pytest --lesson
02`` keeps only the items that concern lesson 02 among those collected. The same plugin marks every
notebook cell nbval runs with the ``notebook`` marker and its other name ``nbval``, so ``-m "not
notebook"`` or ``-m "not nbval"`` leaves them out, and marks ``slow`` the doctests named in
``SLOW_DOCTESTS``.

Examples
--------
>>> _lesson_of_parameter("02_push_and_pull.ipynb")
'02'
>>> _lesson_of_parameter("0.02") is None
True
>>> _lessons_a_docstring_names("Lessons 05 (Wisdom of crowds), 05b (The music market) and 06 (Links): their questions.")
['05', '05b', '06']
>>> _lessons_a_docstring_names("Lesson 08's real data (issue 13): the exports.")
['08']
>>> _lessons_a_docstring_names("Every lesson matches its record.")
[]
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

__all__ = ["lesson_paths", "lesson_check_command", "check_lesson"]

REPOSITORY = Path(__file__).resolve().parent.parent

# A lesson's file: "02_push_and_pull.ipynb", "05b_music_market.md"; the group is the lesson's id.
LESSON_FILE = re.compile(r"^(\d\d[a-z]?)_\w+\.(?:ipynb|md)$")
# The opening of a test module's docstring that says which lessons it tests (see the module docstring).
NAMED_LESSONS = re.compile(r"^(?:tests of )?lessons?\s+(\d\d[a-z]?(?:'s)?(?:\s*\([^)]*\))?"
                           r"(?:\s*(?:,|and)\s*\d\d[a-z]?(?:'s)?(?:\s*\([^)]*\))?)*)", re.IGNORECASE)
# Test modules that go through every lesson (each of their items then names its lesson in its parameters).
# A doctest carries no marker of its own: these run a lesson's whole flip analysis (seconds each, the
# lesson's checked facts run it again), so the plugin marks them slow and the fast loop leaves them out.
SLOW_DOCTESTS = {"smlearn.questions.wisdom_of_crowds.ring_verdict", "smlearn.questions.links.links_verdict",
                 "smlearn.questions.music_market.market_verdict", "smlearn.questions.wisdom_of_crowds.lesson_roc",
                 "smlearn.questions.effort_and_automation.upkeep_flip_points",
                 "smlearn.models.uncertainty.interval_coverage"}
EVERY_LESSON = re.compile(r"\bCOURSE\.lessons\b|\bLESSONS\b|\blessons\(\)")


def _lesson_of_parameter(value) -> str | None:
    """The id of the lesson a test's parameter stands for (a lesson record or a lesson's file), or None."""
    if hasattr(value, "id") and hasattr(value, "file") and hasattr(value, "objectives"):
        return str(value.id)                                  # a smlearn.course.Lesson
    if isinstance(value, (str, os.PathLike)):
        match = LESSON_FILE.match(Path(value).name)
        return match.group(1) if match else None
    return None


def _lessons_a_docstring_names(docstring: str | None) -> list[str]:
    """The lesson ids a test module's docstring names in its opening words ("Lesson 02, ...")."""
    match = NAMED_LESSONS.match((docstring or "").strip())
    if not match:
        return []
    without_titles = re.sub(r"\([^)]*\)", "", match.group(1))   # "05 (Wisdom of crowds)": the words are a title
    return re.findall(r"\b\d\d[a-z]?\b", without_titles)


def _lessons_a_test_file_names(path: Path) -> list[str]:
    """The lessons a test module is about, read from its docstring without importing it."""
    return _lessons_a_docstring_names(ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))))


def _course_lesson(lesson):
    """The lesson's record in course.yml; a clear error for anything that is not a lesson's id."""
    from smlearn.course import load_course

    if not isinstance(lesson, str):
        raise TypeError(f"lesson must be a lesson's number as text, such as '02'; got {type(lesson).__name__}")
    course = load_course()
    try:
        return course.lesson(lesson)
    except ValueError:
        raise ValueError(f"lesson must be one of {', '.join(l.id for l in course.lessons)}; got {lesson!r}") from None


def lesson_paths(lesson: str) -> list[Path]:
    """What ``smlearn check`` hands to pytest for one lesson: its notebook, its question module, and the
    test modules that concern it or go through every lesson (the browser tests are left out: minutes each).

    >>> [str(path.relative_to(REPOSITORY)) for path in lesson_paths("02")][:2]
    ['notebooks/02_push_and_pull.ipynb', 'smlearn/questions/push_and_pull.py']
    """
    record = _course_lesson(lesson)
    tests = REPOSITORY / "tests"
    if not tests.is_dir():
        raise FileNotFoundError("smlearn check needs a clone of the course's repository: "
                                f"there is no tests/ folder next to the package ({REPOSITORY})")
    paths = [REPOSITORY / "notebooks" / record.file]
    questions = REPOSITORY / Path(*record.questions_module.split(".")).with_suffix(".py")
    if questions.is_file():
        paths.append(questions)
    for path in sorted(tests.rglob("test_*.py")):
        if "browser" in path.relative_to(tests).parts:   # minutes each: not part of a quick check
            continue
        if record.id in _lessons_a_test_file_names(path) or EVERY_LESSON.search(path.read_text(encoding="utf-8")):
            paths.append(path)
    return paths


def _pytest_options(pytest_args) -> list[str]:
    """``pytest_args`` as a list, if it is a list of strings (pytest's options)."""
    from smlearn.params import check_items

    extra = check_items("pytest_args", pytest_args, what="pytest's options as strings", allow_empty=True)
    if not all(isinstance(option, str) for option in extra):
        raise TypeError(f"pytest_args must be a list of strings; got {extra!r}")
    return extra


def lesson_check_command(lesson: str, pytest_args=()) -> list[str]:
    """The command that checks one lesson, to run in the repository's folder; ``pytest_args`` go to pytest.

    >>> lesson_check_command("02", ["-x"])[1:6]
    ['-m', 'pytest', '--lesson', '02', '-x']
    """
    extra = _pytest_options(pytest_args)
    paths = [str(path.relative_to(REPOSITORY)) for path in lesson_paths(lesson)]
    return [sys.executable, "-m", "pytest", "--lesson", lesson, *extra, *paths]


def check_lesson(lesson: str, pytest_args=(), *, slow: bool = False) -> int:
    """Run one lesson's notebook and tests; return pytest's exit code (0: all passed).

    The tests marked ``slow`` (the lesson's checked facts, a student copy of it run, long sweeps) are
    left out unless ``slow`` is True: the full ``pytest`` run has them.
    """
    from smlearn.params import check_flag

    extra = [] if check_flag("slow", slow) else ["-m", "not slow"]
    command = lesson_check_command(lesson, extra + _pytest_options(pytest_args))
    print("Running: pytest " + " ".join(command[3:]), flush=True)
    return subprocess.call(command, cwd=REPOSITORY)


# ---- The pytest plugin (pyproject.toml loads it with -p smlearn.checks) -----------------------

def pytest_addoption(parser):
    parser.addoption("--lesson", metavar="NN", default=None,
                     help="keep only the collected items that concern this lesson (see smlearn.checks)")


def _concerns(item, lesson, own_files: dict) -> bool:
    """Does this test item concern the lesson? Its parameters decide first, then its file."""
    parameters = getattr(getattr(item, "callspec", None), "params", {})
    named = {_lesson_of_parameter(value) for value in parameters.values()} - {None}
    if named:
        return lesson.id in named
    path = Path(item.path)
    if path not in own_files:
        own_files[path] = (path.name == lesson.file                                   # its notebook (nbval)
                           or path.with_suffix("").parts[-2:] == tuple(lesson.questions_module.split(".")[-2:])
                           or path.name.startswith("test_") and lesson.id in _lessons_a_test_file_names(path))
    return own_files[path]


def pytest_configure(config):
    """Refuse a wrong --lesson before anything is collected."""
    import pytest

    if config.getoption("--lesson") is not None:
        try:
            _course_lesson(config.getoption("--lesson"))
        except (TypeError, ValueError) as error:
            raise pytest.UsageError(f"--{error}") from None


def pytest_collection_modifyitems(config, items):
    import pytest

    for item in items:
        if Path(item.path).suffix == ".ipynb":
            item.add_marker(pytest.mark.notebook)
            item.add_marker(pytest.mark.nbval)   # the same cells under the name issue 17 gives them
        elif item.name in SLOW_DOCTESTS and type(item).__name__ == "DoctestItem":
            item.add_marker(pytest.mark.slow)
    if config.getoption("--lesson") is None:
        return
    lesson = _course_lesson(config.getoption("--lesson"))
    own_files: dict = {}
    kept, deselected = [], []
    for item in items:
        (kept if _concerns(item, lesson, own_files) else deselected).append(item)
    config.hook.pytest_deselected(items=deselected)
    items[:] = kept
