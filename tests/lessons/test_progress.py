"""Progress that survives (issue 14): every answer checked is appended to the learner's progress file,
which outlives a kernel restart and `smlearn update`, is never rewritten, and is summed up by
`smlearn progress`."""

import json
import re
import os
import subprocess
import sys
import textwrap

import pytest

from smlearn import progress
from smlearn.cli import main
from smlearn.copies import copy_course, update_course
from smlearn.course import notebooks_dir

pytestmark = pytest.mark.slow   # kernels, subprocesses and copies of the course


@pytest.fixture
def recording(monkeypatch):
    """Recording on, as in a learner's session (the test run turns it off)."""
    monkeypatch.delenv("SMLEARN_PROGRESS", raising=False)


def run_python(code, cwd, env_extra=None):
    env = {key: value for key, value in os.environ.items() if key != "SMLEARN_PROGRESS"}
    env.update(env_extra or {})
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_records_are_appended_numbered_and_never_rewritten(tmp_path):
    first = progress.record("links.two_pages", "0.5", False, folder=tmp_path)
    path = tmp_path / progress.FILE_NAME
    before = path.read_bytes()
    second = progress.record("links.two_pages", 0.351, True, folder=tmp_path)
    assert (first["attempt"], second["attempt"]) == (1, 2)
    assert path.read_bytes().startswith(before)
    entry = json.loads(path.read_text(encoding="utf-8").splitlines()[1])
    assert entry == second and entry["lesson"] == "06" and entry["answer"] == "0.351" and entry["v"] == 1


def test_the_progress_file_is_readable_by_the_learner_only(tmp_path):
    # as the class outboxes beside it: another account on a shared machine does not read the answers
    old_mask = os.umask(0o022)          # a usual umask, which leaves 0o644 files readable by all
    try:
        progress.record("links.two_pages", "0.5", False, folder=tmp_path)
    finally:
        os.umask(old_mask)
    assert (tmp_path / progress.FILE_NAME).stat().st_mode & 0o777 == 0o600


def test_a_kernel_restart_keeps_the_record_and_the_right_to_see_the_solution(tmp_path):
    session = """
        from smlearn.questions import links as quiz
        print(quiz.two_pages.check(0.5).correct)
        quiz.two_pages.solution()
    """
    first = run_python(session, tmp_path)
    assert first.startswith("False") and "Answer:" in first
    restarted = run_python("""
        from smlearn.questions import links as quiz
        quiz.two_pages.solution()
        from smlearn.progress import read_records
        print(len(read_records()), read_records()[-1]["attempt"])
    """, tmp_path)
    assert "Answer:" in restarted and "Try it first" not in restarted
    assert restarted.strip().endswith("1 1")
    never_tried = run_python("from smlearn.questions import links as quiz\nquiz.most_links.solution()", tmp_path)
    assert "Try it first" in never_tried


def test_smlearn_update_keeps_the_progress_file(tmp_path, recording):
    folder = tmp_path / "course"
    copy_course(folder, student=True)
    run_python("from smlearn.questions import links as quiz\nquiz.two_pages.check(0.351)", folder)
    path = folder / progress.FILE_NAME
    kept = path.read_bytes()
    assert kept
    update_course(folder)
    assert path.read_bytes() == kept


def test_a_notebook_in_a_subfolder_of_a_copy_records_in_the_copy(tmp_path, recording, monkeypatch):
    folder = tmp_path / "course"
    copy_course(folder, student=True)
    (folder / "mine").mkdir()
    monkeypatch.chdir(folder / "mine")
    assert progress.progress_file() == folder / progress.FILE_NAME


def test_two_notebooks_writing_at_once_never_garble_a_line(tmp_path):
    writer = f"""
        from smlearn import progress
        for i in range(150):
            progress.record("links.two_pages", "x" * 150 + str(i), i % 2 == 0, folder={str(tmp_path)!r})
    """
    processes = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(writer)]) for _ in range(3)]
    assert [p.wait(timeout=120) for p in processes] == [0, 0, 0]
    lines = (tmp_path / progress.FILE_NAME).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 450 and all(json.loads(line)["v"] == 1 for line in lines)


def test_a_damaged_line_is_skipped_and_left_in_place(tmp_path):
    path = tmp_path / progress.FILE_NAME
    path.write_text('{"v": 1, "question": "links.two_pages", "correct": true, "lesson": "06"}\n{"v": 1, "quest', encoding="utf-8")
    assert len(progress.read_records(tmp_path)) == 1
    assert path.read_text(encoding="utf-8").endswith('"quest')


def test_a_folder_that_cannot_be_written_never_stops_the_check(tmp_path, monkeypatch):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SMLEARN_PROGRESS", str(blocker / "progress.jsonl"))
    from smlearn.questions import links as quiz
    assert quiz.two_pages.check(0.5).correct is False
    assert progress.record("links.two_pages", 1, True) is None


def test_recording_can_be_turned_off_or_sent_elsewhere(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLEARN_PROGRESS", "off")
    assert progress.progress_file() is None and progress.record("links.two_pages", 1, True) is None
    monkeypatch.setenv("SMLEARN_PROGRESS", str(tmp_path / "elsewhere.jsonl"))
    progress.record("links.two_pages", 1, True)
    assert (tmp_path / "elsewhere.jsonl").is_file()


def test_the_summary_and_where_left_off_count_each_question_once(tmp_path):
    for answer, right in ((0.5, False), (0.351, True), (0.351, True)):
        progress.record("links.rank_step", answer, right, folder=tmp_path)
    progress.record("links.most_links", "a", False, folder=tmp_path)
    row = progress.summary(tmp_path).loc["06"]
    assert (row["answered"], row["right"], row["attempts"]) == (2, 1, 4)
    assert row["questions"] >= 2
    sentence = progress.where_left_off("06", tmp_path)
    assert sentence.startswith("Lesson 06: 1 of ") and "most_links" in sentence
    with pytest.raises(ValueError, match="lesson must be one of"):
        progress.where_left_off("99", tmp_path)


def test_smlearn_progress_prints_each_lesson(tmp_path, capsys):
    progress.record("links.rank_step", "new_rank", True, folder=tmp_path)
    assert main(["progress", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "06   Links" in out and " 1 of " in out


@pytest.mark.parametrize("bad, error", [(3, TypeError), (["a"], TypeError)])
def test_a_bad_folder_is_refused_by_name(bad, error):
    with pytest.raises(error, match="folder"):
        progress.progress_file(bad)


def test_the_summary_counts_the_questions_a_lesson_asks_not_those_kept_for_instructors(tmp_path):
    # Lesson 03 keeps top_share in its module for instructors, but no longer asks it.
    from smlearn.questions import who_is_connected

    assert hasattr(who_is_connected, "top_share")
    text = (notebooks_dir() / "03_who_is_connected.ipynb").read_text(encoding="utf-8")
    assert "quiz.top_share.check(" not in text
    asked = progress.summary(tmp_path).loc["03", "questions"]
    assert asked == len(set(re.findall(r"quiz\.(\w+)\.check\(", text)))
    progress.record("who_is_connected.top_share", 0.5, True, folder=tmp_path)
    assert progress.summary(tmp_path).loc["03", "answered"] == 0


def test_a_solution_cell_confirms_its_answer_without_counting_it_as_the_learners_try(tmp_path):
    """Run All in the instructor version runs every solution cell: none of them may count as the learner's answer."""
    out = run_python("""
        from smlearn.questions import links as quiz
        from smlearn.progress import read_records
        from smlearn.exercises import key_of
        print(quiz.two_pages.confirm(key_of(quiz.two_pages).expected()).correct, len(read_records()))
        quiz.two_pages.solution()
    """, tmp_path)
    assert out.startswith("True 0")
    assert "Try it first" in out, "a confirmed solution does not unlock the solution for the learner"
    assert not (tmp_path / progress.FILE_NAME).exists()
