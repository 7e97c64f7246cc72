"""Copies for learners: student versions still work, and a learner's edits are never lost."""

import hashlib
import json
from pathlib import Path

import pytest

from smlearn import copies
from smlearn.cli import main
from smlearn.copies import RECORD, CopyError, copy_course, course_files, student_version, update_course
from smlearn.course import load_course
from smlearn.hub import nbgitpuller_link

pytestmark = pytest.mark.slow   # copies of the course and student versions run

COURSE = load_course()


def cells_of(data: bytes):
    return json.loads(data)["cells"]


def is_solution(cell):
    return "solution" in cell.get("metadata", {}).get("tags", [])


def is_exercise(cell):
    return cell["cell_type"] == "code" and ".check(my_" in "".join(cell["source"])


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_student_version_drops_solutions_and_keeps_every_exercise(lesson):
    original = (COURSE.folder / lesson.file).read_bytes()
    student = student_version(original)
    assert not any(is_solution(c) for c in cells_of(student))
    assert sum(map(is_exercise, cells_of(student))) == sum(map(is_exercise, cells_of(original)))
    kept = [c for c in cells_of(original) if not is_solution(c)]
    assert cells_of(student) == kept


@pytest.fixture(scope="module")
def kernel_runner():
    from nbclient import NotebookClient
    import nbformat

    def run(data: bytes, folder: Path):
        notebook = nbformat.reads(data.decode("utf-8"), as_version=4)
        NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
        return notebook

    return run


@pytest.mark.slow   # each lesson run again in a kernel: as long as its nbval run
@pytest.mark.once   # not again under each class profile (scripts/check_profiles.py)
@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_student_version_runs_top_to_bottom_without_the_solutions(lesson, kernel_runner, tmp_path):
    # A later cell must never need a variable that only a solution cell made.
    student = student_version((COURSE.folder / lesson.file).read_bytes())
    notebook = kernel_runner(student, tmp_path)
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors[:1]


def test_copy_writes_every_lesson_and_records_checksums(tmp_path):
    dest = tmp_path / "course"
    report = copy_course(dest, student=True)
    assert [name for name, _ in report.actions] == [l.file for l in COURSE.lessons]
    record = json.loads((dest / RECORD).read_text())
    assert record["variant"] == "student"
    for lesson in COURSE.lessons:
        assert hashlib.sha256((dest / lesson.file).read_bytes()).hexdigest() == record["files"][lesson.file]
    assert not list(dest.glob(".*.tmp"))


def test_a_second_copy_into_a_used_folder_refuses_and_changes_nothing(tmp_path):
    dest = tmp_path / "course"
    copy_course(dest)
    (dest / COURSE.lessons[0].file).write_bytes(b"my own notes")
    before = {p.name: p.read_bytes() for p in dest.iterdir()}
    with pytest.raises(CopyError, match="already holds a copy of the course; to bring it up to date run: smlearn update"):
        copy_course(dest)
    assert {p.name: p.read_bytes() for p in dest.iterdir()} == before


def test_copy_into_a_folder_with_a_file_of_the_same_name_keeps_that_file(tmp_path):
    dest = tmp_path / "course"
    dest.mkdir()
    mine = dest / COURSE.lessons[1].file
    mine.write_bytes(b"\x00 a learner's own file \xff")
    report = copy_course(dest)
    assert mine.read_bytes() == b"\x00 a learner's own file \xff"
    action = dict(report.actions)[mine.name]
    assert action.startswith("kept yours")
    beside = dest / action.split("version is ")[1]
    assert beside.read_bytes() == course_files(student=False)[mine.name]
    # The learner's file is not the course's: an update must not overwrite it either.
    update_course(dest)
    assert mine.read_bytes() == b"\x00 a learner's own file \xff"


def newer(files: dict[str, bytes]) -> dict[str, bytes]:
    """What a newer course version might ship: every lesson changed a little."""
    return {name: data + b"\n" for name, data in files.items()}


def test_update_keeps_a_learners_edits_byte_for_byte_and_puts_the_new_version_beside(tmp_path, monkeypatch):
    dest = tmp_path / "course"
    copy_course(dest)                                   # the course as it is today
    edited, untouched = dest / COURSE.lessons[0].file, dest / COURSE.lessons[-1].file
    learner_bytes = edited.read_bytes().replace(b"Start here", "Start here (my notes ✎)".encode(), 1)
    edited.write_bytes(learner_bytes)

    new_files = newer(course_files(student=False))      # then a newer version arrives
    monkeypatch.setattr(copies, "course_files", lambda *, student: new_files)
    report = dict(update_course(dest).actions)

    assert edited.read_bytes() == learner_bytes         # byte for byte
    assert report[edited.name].startswith("kept your changes")
    beside = dest / report[edited.name].split("new version is ")[1]
    assert beside.read_bytes() == new_files[edited.name]
    assert report[untouched.name] == "updated"
    assert untouched.read_bytes() == new_files[untouched.name]
    # A second update has nothing more to do, and the edits are still there.
    again = dict(update_course(dest).actions)
    assert again[untouched.name] == "up to date" and edited.read_bytes() == learner_bytes
    assert again[edited.name].startswith("kept your changes") and len(list(dest.glob("*.course-*"))) == 1


def test_update_restores_a_deleted_lesson_and_keeps_the_student_variant(tmp_path):
    dest = tmp_path / "course"
    copy_course(dest, student=True)
    (dest / COURSE.lessons[2].file).unlink()
    report = dict(update_course(dest).actions)
    assert report[COURSE.lessons[2].file] == "written (it was missing)"
    assert not any(is_solution(c) for c in cells_of((dest / COURSE.lessons[2].file).read_bytes()))


def test_update_of_a_folder_without_a_course_or_with_a_damaged_record_refuses(tmp_path):
    with pytest.raises(CopyError, match="holds no copy of the course"):
        update_course(tmp_path)
    (tmp_path / RECORD).write_text("{not json")
    (tmp_path / "mine.ipynb").write_text("keep me")
    with pytest.raises(CopyError, match="is damaged"):
        update_course(tmp_path)
    assert (tmp_path / "mine.ipynb").read_text() == "keep me"


def test_a_file_given_as_the_folder_is_refused(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    for action in (copy_course, update_course):
        with pytest.raises(CopyError, match="is a file, not a folder"):
            action(target)
    assert target.read_text() == "mine"
    with pytest.raises(TypeError, match="student must be True or False"):
        copy_course(tmp_path / "x", student="yes")


def test_cli_copy_update_lessons_and_errors(tmp_path, capsys):
    dest = tmp_path / "class"
    assert main(["copy", str(dest), "--student"]) == 0
    assert "written" in capsys.readouterr().out
    assert main(["copy", str(dest)]) == 1
    assert "smlearn update" in capsys.readouterr().err
    assert main(["update", str(dest)]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["lessons", "--objectives"]) == 0
    out = capsys.readouterr().out
    assert all(f"{l.id}  {l.title}" in out for l in COURSE.lessons) and "[apply]" in out


def test_doctor_reports_every_check_and_passes_here(capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "✔ the widget front end matches ipywidgets" in out and "All good." in out


def test_hub_link_and_its_errors(capsys):
    link = nbgitpuller_link("https://hub.example.edu/", "https://github.com/OWNER/smlearn.git", branch="v1", lesson="02_push_and_pull.ipynb")
    assert link.startswith("https://hub.example.edu/hub/user-redirect/git-pull?")
    assert "branch=v1" in link and "urlpath=lab%2Ftree%2Fsmlearn%2Fnotebooks%2F02_push_and_pull.ipynb" in link
    with pytest.raises(ValueError, match="hub must be an http"):
        nbgitpuller_link("hub.example.edu", "https://github.com/OWNER/smlearn")
    assert main(["hub-link", "ftp://x", "https://github.com/OWNER/smlearn"]) == 2
    assert "hub must be an http" in capsys.readouterr().err
