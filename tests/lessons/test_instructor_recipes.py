"""The instructor pack's four recipes, each performed on a copy of the course with its commands as written.

docs/instructors/README.md, "Adapting the course: four recipes", gives each recipe a ```bash block.
These tests read the commands from there (so the pack and the tests cannot drift apart) and run them
in a copy of the course (the files git knows of, as they are in the working tree), with `smlearn` and
`python` being this environment's, importing the copy's smlearn; the real checkout is never touched.

- Change a question: the fingerprint command prints what a question module stores; a right option
  reworded without its fingerprint fails `smlearn check NN`, naming the question; the pack's steps fix
  it; a lesson whose question changed but whose notebook was not rebuilt fails, naming the rebuild.
- Change a default: a profile that changes one setting of a model only lesson 06 uses (links), the
  dry run, the build, then `smlearn check` of each lesson that uses the model.
- Change the story: a profile with the story words of an example in profiles/ (one whose owner is not
  the active profile's) and no setting, built for lesson 02c alone (the pack's way to try the words),
  then checked. The rebuild of every lesson under the example profiles runs in CI separately
  (scripts/check_profiles.py).
- Add a lesson: tests/course/test_new_lesson.py runs the pack's command (it reads it with `recipe_commands`).

About three minutes on a 2-core machine (2026-12-04: the default 85 s, the question 52 s, the story 33 s).
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from smlearn.course import load_course

REPO = Path(__file__).resolve().parents[2]
PACK = REPO / "docs" / "instructors" / "README.md"
SECTION = "## Adapting the course: four recipes"
PROFILE_NAME = "myclass.yml"      # the pack's name for the instructor's profile


def recipe_commands(title: str, pack: Path = PACK) -> list[str]:
    """The commands of one recipe of the pack (its ```bash blocks, comments dropped), in order."""
    text = pack.read_text(encoding="utf-8")
    assert SECTION + "\n" in text, f"{pack.name} has no section {SECTION!r}"
    section = re.split(r"\n## ", text.split(SECTION + "\n", 1)[1])[0]
    parts = re.split(r"\n### \d+\. ", "\n" + section)
    recipe = next((part for part in parts[1:] if part.startswith(title + "\n")), None)
    assert recipe is not None, f"the pack's section {SECTION!r} has no recipe {title!r}"
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", recipe, re.S):
        for line in block.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()   # a comment after two spaces or more
            if command and not command.startswith("#"):
                commands.append(command)
    assert commands, f"recipe {title!r} of the pack names no command"
    return commands


def as_argv(command: str, **words: str) -> list[str]:
    """A pack's command as this environment runs it: ``NN`` and the given words replaced, then
    ``smlearn`` as ``python -m smlearn.cli`` and ``python`` as this interpreter."""
    argv = []
    for part in shlex.split(command):
        for old, new in words.items():
            part = part.replace(old, new)
        argv.append(part)
    if argv[0] == "smlearn":
        return [sys.executable, "-m", "smlearn.cli", *argv[1:]]
    if argv[0] == "python":
        return [sys.executable, *argv[1:]]
    raise AssertionError(f"the pack's command {command!r} starts with neither smlearn nor python")


def one(commands: list[str], words: str) -> str:
    """The one command that contains ``words``."""
    found = [command for command in commands if words in command]
    assert len(found) == 1, f"expected one command with {words!r} in the pack; got {found}"
    return found[0]


def course_copy(tmp_path: Path) -> Path:
    from test_new_lesson import copy_of_the_course

    return copy_of_the_course(tmp_path / "course")


def run(argv: list[str], copy: Path) -> subprocess.CompletedProcess:
    from test_new_lesson import in_copy

    return subprocess.run(argv, cwd=copy, env=in_copy(copy), capture_output=True, text=True)


def said(done: subprocess.CompletedProcess) -> str:
    return done.stdout[-5000:] + done.stderr[-3000:]


def write_profile(copy: Path, name: str, story: dict, settings: dict) -> Path:
    path = copy / PROFILE_NAME
    path.write_text(yaml.safe_dump({"profile": 1, "name": name, "story": story, "settings": settings},
                                   sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def active_profile(copy: Path) -> dict:
    return yaml.safe_load((copy / "smlearn" / "class_profile.yml").read_text(encoding="utf-8"))


def report_section(report: str, heading: str) -> list[str]:
    """The lesson ids listed under a heading of build-report.md ("- 06: ...")."""
    match = re.search(rf"^## {re.escape(heading)}.*?\n(.*?)(?=^## |\Z)", report, re.S | re.M)
    assert match, f"build-report.md has no section {heading!r}:\n{report[:3000]}"
    return re.findall(r"^- (\d\d[a-z]?):", match.group(1), re.M)


def outputs_text(notebook: Path) -> str:
    """The text outputs of a notebook's cells (what a learner reads), joined."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    texts = []
    for cell in cells:
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(texts)


def test_the_pack_names_each_recipes_commands():
    """Each recipe's commands are there, in the order an instructor runs them (the tests below run them)."""
    default = recipe_commands("Change a default")
    assert [c.split()[:2] for c in default] == [["smlearn", "build"], ["smlearn", "build"], ["smlearn", "check"]]
    assert "--dry-run" in default[0] and f"--profile {PROFILE_NAME}" in default[1]
    story = recipe_commands("Change the story")
    assert f"--profile {PROFILE_NAME} NN" in story[0] and story[1] == "smlearn check NN" and story[2] == "smlearn build"
    question = recipe_commands("Change a question")
    assert "fingerprint(" in question[0] and "run_lessons.py NN_" in question[1] and question[2] == "smlearn check NN"
    (lesson,) = recipe_commands("Add a lesson")
    assert lesson.startswith("smlearn new-lesson ")


# --- 3. Change a question ------------------------------------------------------------------------

QUESTION = re.compile(r"fingerprint\('(?P<id>[\w.]+)', '(?P<text>[^']+)'\)")


def _literal(module_text: str, text: str) -> str:
    """The option ``text`` as the module writes it (a double-quoted string), found exactly once."""
    literal = json.dumps(text, ensure_ascii=False)
    assert module_text.count(literal) == 1, f"{literal} is not written once in the question module"
    return literal


@pytest.mark.slow
@pytest.mark.once   # not again under each class profile (scripts/check_profiles.py)
def test_change_a_question_as_the_pack_says(tmp_path):
    commands = recipe_commands("Change a question")
    fingerprint_command, rebuild, check = (one(commands, "fingerprint("), one(commands, "run_lessons.py"),
                                           one(commands, "smlearn check"))
    question_id, placeholder = QUESTION.search(fingerprint_command).group("id", "text")
    module_name, attribute = question_id.split(".")
    copy = course_copy(tmp_path)
    lesson = next(l for l in load_course(copy / "notebooks").lessons if l.questions_module == f"smlearn.questions.{module_name}")
    lesson_id, stem = lesson.id, lesson.file.removesuffix(".ipynb")
    module = copy / "smlearn" / "questions" / f"{module_name}.py"
    source = copy / "sources" / f"{stem}.md"
    notebook = copy / "notebooks" / lesson.file
    # The question as the copy's module defines it (imported from the copy, in a process of its own).
    shown = run([sys.executable, "-c", f"import json; from smlearn.questions import {module_name} as m; q = m.{attribute};"
                 " print(json.dumps([q.authored, q.authored_position]))"], copy)
    assert shown.returncode == 0, said(shown)
    options, right_at = json.loads(shown.stdout.strip().splitlines()[-1])
    right = options[right_at]
    wrong = [option for i, option in enumerate(options) if i != right_at and json.dumps(option, ensure_ascii=False)
             in module.read_text(encoding="utf-8")]
    assert len(wrong) >= 2, f"{question_id} needs two wrong options written as plain strings for this test"

    # The pack's fingerprint command prints what the module stores for the right option.
    printed = run(as_argv(fingerprint_command.replace(placeholder, right)), copy)
    assert printed.returncode == 0, said(printed)
    stored = printed.stdout.strip()
    assert f'answer_fingerprint="{stored}"' in module.read_text(encoding="utf-8"), (stored, said(printed))

    # The right option reworded alone: its answer is no longer among the options, and the check says which question.
    words = right.split()
    new_right = " ".join(words[:1] + words[2:])            # one word shorter: still not the longest option
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace(_literal(text, right), json.dumps(new_right, ensure_ascii=False)), encoding="utf-8")
    broken = run(as_argv(check, NN=lesson_id), copy)
    assert broken.returncode != 0, "a right option without its fingerprint passed smlearn check"
    assert f"answer_fingerprint of '{question_id}' matches 0 options" in said(broken), said(broken)

    # The pack's steps: the new fingerprint, the solution cell, RIGHT_TEXT for lessons 00 and 01; a wrong option too.
    printed = run(as_argv(fingerprint_command.replace(placeholder, new_right)), copy)
    assert printed.returncode == 0 and printed.stdout.strip() != stored, said(printed)
    text = module.read_text(encoding="utf-8").replace(f'answer_fingerprint="{stored}"',
                                                      f'answer_fingerprint="{printed.stdout.strip()}"')
    new_wrong = wrong[0] + ", as a rule"
    module.write_text(text.replace(_literal(text, wrong[0]), json.dumps(new_wrong, ensure_ascii=False)), encoding="utf-8")
    lesson_text = source.read_text(encoding="utf-8")
    confirm = f"quiz.{attribute}.confirm({json.dumps(right, ensure_ascii=False)})"
    assert confirm in lesson_text, f"the solution cell of {question_id} is not {confirm} in {source.name}"
    source.write_text(lesson_text.replace(confirm, f"quiz.{attribute}.confirm({json.dumps(new_right)})"), encoding="utf-8")
    if lesson_id in ("00", "01"):
        intro = copy / "tests" / "lessons" / "test_lessons_intro.py"
        intro_text = intro.read_text(encoding="utf-8")
        assert json.dumps(right) in intro_text, "the pack says lessons 00 and 01 list right options in RIGHT_TEXT"
        intro.write_text(intro_text.replace(json.dumps(right), json.dumps(new_right)), encoding="utf-8")
    built = run(as_argv(rebuild, NN=lesson_id), copy)
    assert built.returncode == 0, said(built)
    assert new_wrong in outputs_text(notebook) and new_right in outputs_text(notebook)
    passed = run(as_argv(check, NN=lesson_id), copy)
    assert passed.returncode == 0, said(passed)

    # A question edited and the lesson not rebuilt: the check fails and names the rebuild.
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace(_literal(text, wrong[1]), json.dumps(wrong[1] + ", at first", ensure_ascii=False)),
                      encoding="utf-8")
    stale = run(as_argv(check, NN=lesson_id), copy)
    assert stale.returncode != 0, "a notebook older than its question module passed smlearn check"
    assert f"smlearn build {lesson_id}" in stale.stdout and f"smlearn/questions/{module_name}.py" in stale.stdout, said(stale)


# --- 1. Change a default ---------------------------------------------------------------------------

# A model that few lessons use (smlearn.build.dependency_map: links is lesson 06's), and one of its settings
# whose change the build can carry through every fact (friend_links cannot: a sentence says it is 0).
MODEL, SETTING = "links", "searches_per_period"


@pytest.mark.slow
@pytest.mark.once   # not again under each class profile (scripts/check_profiles.py)
def test_change_a_default_as_the_pack_says(tmp_path):
    from smlearn.build import dependency_map
    from smlearn.defaults import shipped_params

    dry, build, check = recipe_commands("Change a default")
    copy = course_copy(tmp_path)
    record = shipped_params(MODEL)[SETTING]
    value = record.default + 5 * record.step if record.default + 5 * record.step <= record.max else record.min
    story = active_profile(copy)["story"]
    write_profile(copy, "More searches", story, {MODEL: {SETTING: value}})
    users = sorted(l for l, deps in dependency_map(copy).items() if f"smlearn/models/{MODEL}.py" in deps)
    assert users, f"no lesson uses smlearn/models/{MODEL}.py"
    before = {l: outputs_text(copy / "notebooks" / n) for l, n in
              ((l.id, l.file) for l in load_course(copy / "notebooks").lessons)
              if l in users}
    active_before = (copy / "smlearn" / "class_profile.yml").read_bytes()

    preview = run(as_argv(dry), copy)
    assert preview.returncode == 0, said(preview)
    assert f"{MODEL}.{SETTING}" in preview.stdout and all(f"- {l}:" in preview.stdout for l in users), said(preview)
    assert (copy / "smlearn" / "class_profile.yml").read_bytes() == active_before, "the dry run changed the profile"
    assert not (copy / "build-report.md").exists(), "the dry run wrote a report"

    done = run(as_argv(build), copy)
    assert done.returncode == 0, said(done)
    report = (copy / "build-report.md").read_text(encoding="utf-8")
    assert set(users) <= set(report_section(report, "Lessons rebuilt")), report[-3000:]
    assert "## Facts that do not hold: 0" in report, report[-3000:]
    assert active_profile(copy)["settings"] == {MODEL: {SETTING: value}}
    for lesson_id, file in ((l.id, l.file) for l in load_course(copy / "notebooks").lessons
                            if l.id in users):
        assert outputs_text(copy / "notebooks" / file) != before[lesson_id], f"lesson {lesson_id}'s outputs did not change"
        checked = run(as_argv(check, NN=lesson_id), copy)
        assert checked.returncode == 0, said(checked)


# --- 2. Change the story ---------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.once   # not again under each class profile (scripts/check_profiles.py)
def test_change_the_story_as_the_pack_says(tmp_path):
    build_one, check, build_rest = recipe_commands("Change the story")
    copy = course_copy(tmp_path)
    old = active_profile(copy)["story"]
    # an example profile's words, one whose owner is not the active one's (CI also runs this with each example active)
    examples = [yaml.safe_load(path.read_text(encoding="utf-8"))["story"] for path in sorted((copy / "profiles").glob("*.yml"))]
    other = next(words for words in examples if words["owner"] != old["owner"])
    story = {key: other.get(key, words) for key, words in old.items()}      # every key of the active profile
    write_profile(copy, "Story words only", story, {})
    # Lesson 02c: its prose and questions name the owner often, and it builds and checks in about a minute.
    # (Not lesson 01: naming it makes the build evaluate its facts under the new story words while its question
    # module still has the old ones, and a right option with a story word then matches no fingerprint.)
    lesson = load_course(copy / "notebooks").lesson("02c")
    source, notebook = copy / "sources" / lesson.file.replace(".ipynb", ".md"), copy / "notebooks" / lesson.file
    assert re.search(rf"\b{old['owner']}\b", source.read_text(encoding="utf-8"))

    done = run(as_argv(build_one, NN=lesson.id), copy)
    assert done.returncode == 0, said(done)
    report = (copy / "build-report.md").read_text(encoding="utf-8")
    assert "## Story words replaced" in report and report_section(report, "Lessons rebuilt") == [lesson.id], report[:3000]
    for path in (source, notebook, copy / "smlearn" / "questions" / f"{lesson.questions_module.split('.')[-1]}.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(rf"\b{old['owner']}\b", text) and story["owner"] in text, path.name
    # The lessons left stale are named, with the pack's next command.
    assert re.search(rf"^## Still stale \({re.escape(build_rest)} rebuilds them\): ", report, re.M), report[-2000:]
    checked = run(as_argv(check, NN=lesson.id), copy)
    assert checked.returncode == 0, said(checked)
