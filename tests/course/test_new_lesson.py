"""`smlearn new-lesson NN name` writes a lesson that passes the course's rules before anyone edits it.

The command is the one the instructor pack writes (docs/instructors/README.md, recipe "Add a lesson"),
read from there, with the copy's next free lesson number. It runs on a copy of the course (the files git knows of, as they are in the working
tree, plus new ones not ignored), then the course-wide rule tests run on the copy in a pytest of
its own: every test of the new lesson, the course-wide ones a new lesson can break, and nbval
of the new notebook. Bad input is refused with a reason and writes nothing. About a minute
and a half on a 2-core machine.
"""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from smlearn.course import load_course
from smlearn.new_lesson import new_lesson

REPO = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.once]   # once: not again under each class profile

# The test files that state the course's rules for every lesson (docs/adding_a_lesson.md names them).
RULE_TESTS = ["tests/lessons/test_course.py", "tests/lessons/test_pacing.py", "tests/lessons/test_frame.py", "tests/lessons/test_exercise_design.py",
              "tests/lessons/test_lessons.py", "tests/lessons/test_findings.py", "tests/realdata/test_real_data_in_lessons.py",
              "tests/widgets/test_accessibility.py", "tests/course/test_classroom.py"]
# The course-wide tests of those files that a new lesson can break without its id in their name.
COURSE_WIDE = ["record_and_every_record", "map_name_every_lesson", "checked_facts_for_its_instructor_notes",
               "answer_key", "longest_in_at_most", "authored_position", "lists_each_lesson_once",
               "every_claim_in_the_ledger", "copy_writes_every_lesson"]


# The copy of the course (a git checkout of the files git knows of, as they are in this working tree)
# and the environment that imports the copy's smlearn: scripts/check_profiles.py makes both for CI.
_spec = importlib.util.spec_from_file_location("check_profiles", REPO / "scripts" / "check_profiles.py")
check_profiles = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_profiles)
copy_of_the_course, in_copy = check_profiles.copy_of_the_course, check_profiles.in_copy


def is_about(node: str, lesson_id: str, stem: str) -> bool:
    """Whether a test's node id is one of the new lesson's (its id or file as parameter) or a course-wide one."""
    parameter = node.partition("[")[2].rstrip("]")
    return (parameter == lesson_id or parameter.startswith(f"{lesson_id}-") or stem in node
            or any(name in node.partition("[")[0] for name in COURSE_WIDE))


def fingerprint(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    return copy_of_the_course(tmp_path_factory.mktemp("course"))


def next_free_id(copy: Path) -> str:
    last = load_course(copy / "notebooks").lessons[-1].id
    return f"{int(last[:2]) + 1:02d}"


def test_bad_input_is_refused_with_a_reason_and_writes_nothing(copy):
    before = fingerprint(copy)
    taken_id, taken_name = "02", "push_and_pull"
    free = next_free_id(copy)
    for lesson_id, name, words in [
        (taken_id, "bike_shop", "already has that number or name"),
        (free, taken_name, "already has that number or name"),
        (free, "Bike-Shop", "name must be lower-case letters"),
        (free, "class", "must not be a Python keyword"),
        ("1", "bike_shop", r"lesson_id \(NN\) must be two digits"),
        ("10B", "bike_shop", r"lesson_id \(NN\) must be two digits"),
    ]:
        with pytest.raises(ValueError, match=words):
            new_lesson(lesson_id, name, root=copy, build=False)
    with pytest.raises(ValueError, match="minutes must be a whole number from 5 to 60"):
        new_lesson(free, "bike_shop", minutes=90, root=copy, build=False)
    with pytest.raises(ValueError, match="title must be one line without |"):
        new_lesson(free, "bike_shop", title="Bikes | repairs", root=copy, build=False)
    # The command itself: a clear message and exit status 2.
    done = subprocess.run([sys.executable, "-m", "smlearn.cli", "new-lesson", taken_id, "bike_shop"], cwd=copy,
                          env=in_copy(copy), capture_output=True, text=True)
    assert done.returncode == 2 and "smlearn new-lesson: lesson 02" in done.stderr, done.stderr
    assert fingerprint(copy) == before, "a refused new lesson changed files"


def test_a_new_lesson_passes_every_rule_of_the_course_before_anyone_edits_it(copy):
    # The command as the instructor pack writes it (its recipe "Add a lesson"), with the next free number.
    # (by path: a test module of another folder is importable only once pytest has collected that folder)
    spec = importlib.util.spec_from_file_location("recipes", REPO / "tests" / "lessons" / "test_instructor_recipes.py")
    recipes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(recipes)
    as_argv, recipe_commands = recipes.as_argv, recipes.recipe_commands

    (command,) = recipe_commands("Add a lesson")
    argv = as_argv(command)
    assert argv[3] == "new-lesson" and "--title" in argv, command
    lesson_id, name, title = next_free_id(copy), argv[5], argv[argv.index("--title") + 1]
    done = subprocess.run([*argv[:4], lesson_id, *argv[5:]], cwd=copy, env=in_copy(copy), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    stem = f"{lesson_id}_{name}"
    for path in (f"sources/{stem}.md", f"notebooks/{stem}.ipynb", f"smlearn/questions/{name}.py",
                 f"docs/instructors/{stem}.md", f"docs/instructors/facts/{lesson_id}.yml"):
        assert (copy / path).is_file(), f"new-lesson did not write {path}"
    lesson = load_course(copy / "notebooks").lesson(lesson_id)
    assert lesson.title == title and lesson.questions_module == f"smlearn.questions.{name}"
    assert f"| {lesson_id} | {title} |" in (copy / "sources" / "00_start_here.md").read_text(encoding="utf-8")
    assert f"({stem}.md)" in (copy / "docs" / "instructors" / "README.md").read_text(encoding="utf-8")
    # its questions are listed in the package's stub, so `smlearn.questions.<name>` loads (and editors see it)
    assert f"    {name},\n" in (copy / "smlearn" / "questions" / "__init__.pyi").read_text(encoding="utf-8")
    subprocess.run([sys.executable, "-c", f"import smlearn.questions as q; q.{name}.__name__"], cwd=copy,
                   env=in_copy(copy), check=True)

    # The rules, run on the copy: the new lesson's own tests, the course-wide ones, and nbval of its notebook.
    collected = subprocess.run([sys.executable, "-m", "pytest", "-q", "--collect-only", "--rootdir", str(copy), *RULE_TESTS],
                               cwd=copy, env=in_copy(copy), capture_output=True, text=True)
    chosen = [node for node in collected.stdout.splitlines() if "::" in node and is_about(node, lesson_id, stem)]
    assert len(chosen) >= 30, collected.stdout[-3000:] + collected.stderr[-2000:]
    checks = subprocess.run([sys.executable, "-m", "pytest", "-q", "--rootdir", str(copy), *chosen, f"notebooks/{stem}.ipynb"],
                            cwd=copy, env=in_copy(copy), capture_output=True, text=True)
    summary = checks.stdout.strip().splitlines()[-1] if checks.stdout.strip() else ""
    assert checks.returncode == 0, checks.stdout[-4000:] + checks.stderr[-2000:]
    assert " passed" in summary and " failed" not in summary, summary
    # The new lesson's tests ran: its structure, pacing, exercises, facts and each notebook cell.
    passed = int(summary.split(" passed")[0].split()[-1])
    assert passed >= 30, f"only {passed} rule tests ran on the new lesson: {summary}"
