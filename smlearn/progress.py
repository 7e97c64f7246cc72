"""A learner's progress: every answer checked, kept in a small file that is only ever appended to.

Each time a question's ``check`` gives a verdict (right or wrong), one line of JSON is added
to ``.smlearn-progress.jsonl`` in the learner's course folder: the folder made by
``smlearn copy`` (found by walking up from the notebook's folder to its
``.smlearn-course.json``), or else the folder the notebook runs in. The file survives a
kernel restart, a JupyterLab restart and ``smlearn update`` (which never touches it), and
nothing ever rewrites it: a line is added in one write, so two notebooks open at once
cannot garble each other's lines.

One record, version 1 (the class mode on JupyterHub collects the same records)::

    {"v": 1, "time": "2026-12-03T14:05:09+00:00", "lesson": "03",
     "question": "who_is_connected.karate_path", "answer": "2.41", "correct": true, "attempt": 2}

- ``time``: when the answer was checked, ISO 8601 in UTC;
- ``lesson``: the lesson's number, from the question's module (``null`` when unknown);
- ``answer``: what the learner gave, as text (at most 200 characters); a multiple-choice option as
  its letter and its text, ``"b) a conversation"`` (each learner sees the options in an order of
  their own, so a letter alone would not say which option it was);
- ``attempt``: 1 for the first answer to that question in this folder, 2 for the next...

Set the environment variable ``SMLEARN_PROGRESS`` to a file name to keep the records
there instead, or to ``off`` to keep none (the course's own test runs do this).

In class mode (off unless the learner joins a class: :mod:`smlearn.classmode.send`), each record
kept is also sent to the class service, from a background thread: checking an answer never waits
for the network.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> record("links.rank_step", "new_rank", True, folder=folder)["attempt"]
1
>>> record("links.rank_step", "new_rank", False, folder=folder)["attempt"]
2
>>> summary(folder=folder).loc["06", ["answered", "right"]].tolist()
[1, 1]
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

from smlearn.params import check_flag, check_text

__all__ = ["FILE_NAME", "VERSION", "progress_file", "record", "read_records", "summary", "where_left_off"]

FILE_NAME = ".smlearn-progress.jsonl"
VERSION = 1
COURSE_RECORD = ".smlearn-course.json"   # written by smlearn.copies in a learner's folder
ENVIRONMENT = "SMLEARN_PROGRESS"
LONGEST_ANSWER = 200
ASKED = re.compile(r"quiz\.(\w+)\.check\(")   # how a lesson asks a question


def progress_file(folder=None) -> Path | None:
    """Return the file the records go to, or None when recording is off.

    Parameters
    ----------
    folder : str or Path, optional
        A learner's course folder. By default: ``SMLEARN_PROGRESS`` if set, else the nearest
        folder above the current one holding a copy of the course, else the current folder.
    """
    if folder is not None:
        if not isinstance(folder, (str, Path)):
            raise TypeError(f"folder must be a path (str or Path); got {type(folder).__name__}")
        return Path(folder) / FILE_NAME
    chosen = os.environ.get(ENVIRONMENT, "").strip()
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    here = Path.cwd()
    for place in (here, *here.parents):
        if (place / COURSE_RECORD).is_file():
            return place / FILE_NAME
    return here / FILE_NAME


@functools.lru_cache(maxsize=1)
def _lessons_by_module() -> dict:
    from smlearn.course import load_course

    lessons = {}
    for lesson in load_course().lessons:
        lessons[lesson.questions_module] = lesson.id
    return lessons


def _lesson_of(question_id: str) -> str | None:
    """The lesson number of a question, from its module name (``links.rank_step`` -> ``06``)."""
    return _lessons_by_module().get("smlearn.questions." + question_id.split(".", 1)[0])


def read_records(folder=None) -> list[dict]:
    """Return every record kept so far, oldest first; a line that is not a record is skipped.

    A skipped line (a file cut short when a machine lost power, say) is never removed: the
    file is only read here.
    """
    path = progress_file(folder)
    if path is None or not path.is_file():
        return []
    records = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(entry, dict) and entry.get("v") == VERSION and isinstance(entry.get("question"), str):
                records.append(entry)
    return records


def record(question_id: str, answer, correct: bool, *, folder=None) -> dict | None:
    """Append one checked answer to the progress file and return the record (None when off).

    Never raises because the file cannot be written (a read-only folder, a full disk): the
    learner's check still answers, and the record is simply not kept.
    """
    check_text("question_id", question_id)
    check_flag("correct", correct)
    if answer is None or answer is ...:
        raise ValueError("answer must be what the learner gave; None and ... mean no answer yet, which is not kept")
    path = progress_file(folder)
    if path is None:
        return None
    attempt = 1
    for entry in read_records(folder):
        if entry["question"] == question_id:
            attempt += 1
    entry = {
        "v": VERSION,
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "lesson": _lesson_of(question_id),
        "question": question_id,
        "answer": _as_text(answer),
        "correct": correct,
        "attempt": attempt,
    }
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    try:
        # One write in append mode: lines from two notebooks at once never interleave. 0o600: the
        # learner's answers are theirs, as the class outboxes beside it (on a shared lab machine too).
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, line.encode("utf-8"))
        finally:
            os.close(descriptor)
    except OSError:
        return None
    _also_to_class(entry, path)
    return entry


def _also_to_class(entry: dict, path: Path) -> None:
    """In class mode, put the record in the outbox that a background thread sends to the class service.

    Class mode is off unless this kernel joined a class (``smlearn.classmode.join``) or its
    environment names one (``SMLEARN_CLASS_URL``): then nothing is imported and nothing leaves the kernel.
    """
    if "smlearn.classmode.send" not in sys.modules and not os.environ.get("SMLEARN_CLASS_URL", "").strip():
        return
    from smlearn.classmode import send

    send.queue(entry, path)


def _as_text(answer) -> str:
    text = answer if isinstance(answer, str) else repr(answer)
    return text if len(text) <= LONGEST_ANSWER else text[: LONGEST_ANSWER - 1] + "…"


def summary(folder=None):
    """Return one row per lesson: questions it asks, answered, right (at least once), attempts.

    Returns
    -------
    pandas.DataFrame
        Indexed by lesson number, in course order, with columns ``title``, ``questions``,
        ``answered``, ``right`` and ``attempts``.
    """
    import importlib

    import pandas as pd

    from smlearn.course import load_course
    from smlearn.exercises import questions_in

    records = read_records(folder)
    course = load_course()
    rows = []
    for lesson in course.lessons:
        # The questions the lesson asks: a module may keep others for instructors to bring back.
        asked = set(ASKED.findall((course.folder / lesson.file).read_text(encoding="utf-8")))
        ids = []
        for question in questions_in(importlib.import_module(lesson.questions_module)):
            if question.id.split(".", 1)[-1] in asked:
                ids.append(question.id)
        mine = [entry for entry in records if entry["question"] in ids]
        answered = {entry["question"] for entry in mine}
        right = {entry["question"] for entry in mine if entry["correct"]}
        rows.append({"lesson": lesson.id, "title": lesson.title, "questions": len(ids),
                     "answered": len(answered), "right": len(right), "attempts": len(mine)})
    return pd.DataFrame(rows).set_index("lesson")


def where_left_off(lesson: str, folder=None) -> str:
    """Return a sentence saying how far the learner got in ``lesson`` (e.g. ``"03"``).

    >>> import tempfile
    >>> where_left_off("06", folder=tempfile.mkdtemp())
    'Lesson 06: no answers checked yet in this folder.'
    """
    check_text("lesson", lesson)
    if folder is None and progress_file() is None:
        return f"Lesson {lesson}: your answers are not being kept ({ENVIRONMENT} is off)."
    table = summary(folder)
    if lesson not in table.index:
        raise ValueError(f"lesson must be one of {list(table.index)}; got {lesson!r}")
    row = table.loc[lesson]
    if row["answered"] == 0:
        return f"Lesson {lesson}: no answers checked yet in this folder."
    last = [entry for entry in read_records(folder) if entry["lesson"] == lesson][-1]
    return (f"Lesson {lesson}: {row['right']} of {row['questions']} questions right so far"
            f" ({row['answered']} tried); the last one you checked was {last['question'].split('.', 1)[1]}"
            f" on {last['time'][:10]}.")
