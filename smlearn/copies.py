"""Copies of the lessons for learners, that never lose a learner's work.

``copy_course(dest)`` puts the lessons in a folder a learner works in (``student=True``
leaves out the worked solutions and keeps the self-checks). ``update_course(dest)``
later brings that folder up to a newer version of the course.

The one rule: **a file the learner has changed is never overwritten.** The folder
remembers, in ``.smlearn-course.json``, a checksum of every file as the course wrote
it. On update a file whose checksum still matches is replaced by the new version; a
file the learner has changed is kept byte for byte, and the new version is written
beside it as ``NAME.course-VERSION.ipynb``. Every action is reported.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "my-course"
>>> report = copy_course(folder, student=True)
>>> report.actions[0][1]
'written'
>>> copy_course(folder)
Traceback (most recent call last):
...
smlearn.copies.CopyError: ... already holds a copy of the course; to bring it up to date run: smlearn update ...
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from smlearn.params import check_flag, check_instance, check_path

__all__ = ["RECORD", "SOLUTION_TAG", "CopyError", "Report", "student_version", "course_files", "copy_course",
           "update_course"]

RECORD = ".smlearn-course.json"
SOLUTION_TAG = "solution"


class CopyError(ValueError):
    """A copy or update that would put a learner's work at risk, or cannot be done."""


@dataclass
class Report:
    """What a copy or update did: one ``(file, action)`` pair per lesson."""

    folder: Path
    actions: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        width = max((len(name) for name, _ in self.actions), default=0)
        lines = [f"{self.folder}:"] + [f"  {name:<{width}}  {action}" for name, action in self.actions]
        return "\n".join(lines)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def student_version(notebook_bytes: bytes) -> bytes:
    """Return a lesson without its solution cells (cells tagged ``solution``).

    Everything else stays, including the exercise cells and their checks, so every
    exercise can still be answered and checked.
    """
    check_instance("notebook_bytes", notebook_bytes, (bytes, str), "the bytes of a notebook file")
    if not notebook_bytes.strip().startswith(b"{" if isinstance(notebook_bytes, bytes) else "{"):
        raise ValueError(f"notebook_bytes must be a notebook (JSON text starting with {{); got {notebook_bytes[:40]!r}")
    notebook = json.loads(notebook_bytes)
    notebook["cells"] = [c for c in notebook["cells"] if SOLUTION_TAG not in c.get("metadata", {}).get("tags", [])]
    return (json.dumps(notebook, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def course_files(*, student: bool) -> dict[str, bytes]:
    """The files a learner's folder holds: every lesson notebook, as bytes."""
    check_flag("student", student)
    from smlearn.course import load_course

    course = load_course()
    files = {}
    for lesson in course.lessons:
        data = (course.folder / lesson.file).read_bytes()
        files[lesson.file] = student_version(data) if student else data
    return files


def _write_atomically(path: Path, data: bytes) -> None:
    # Write a temporary file in the same folder, then rename it over the target: a crash
    # half-way leaves either the old file or the new one, never a truncated mix.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _beside(path: Path, version: str, data: bytes) -> Path:
    """A free name next to ``path`` for the course's new version (never an existing different file)."""
    stem, suffix = path.name.split(".", 1)[0], "".join(path.suffixes)
    for number in range(1, 1000):
        extra = "" if number == 1 else f"-{number}"
        candidate = path.with_name(f"{stem}.course-{version}{extra}{suffix}")
        if not candidate.exists() or candidate.read_bytes() == data:
            return candidate
    raise CopyError(f"too many versions of {path.name} in {path.parent}; tidy the folder first")


def _check_folder(dest: Path) -> None:
    if dest.exists() and not dest.is_dir():
        raise CopyError(f"{dest} is a file, not a folder; choose a folder for the course (dest)")


def _read_record(dest: Path) -> dict:
    path = dest / RECORD
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CopyError(f"{dest} holds no copy of the course (no {RECORD}); make one with: smlearn copy {dest} (dest)") from None
    except json.JSONDecodeError:
        raise CopyError(f"{path} is damaged (not valid JSON); nothing was changed. Move it away and run smlearn copy into a new folder") from None
    if not isinstance(record, dict) or not isinstance(record.get("files"), dict):
        raise CopyError(f"{path} is damaged (no 'files'); nothing was changed")
    return record


def _save_record(dest: Path, variant: str, files: dict[str, str]) -> None:
    from smlearn import __version__

    record = {"course_version": __version__, "variant": variant, "files": files}
    _write_atomically(dest / RECORD, (json.dumps(record, indent=2, sort_keys=True) + "\n").encode("utf-8"))


def copy_course(dest, *, student: bool = False) -> Report:
    """Copy the lessons into the folder ``dest`` (created if needed).

    Parameters
    ----------
    dest : str or Path
        The learner's folder.
    student : bool, default False
        Leave out the worked solutions (cells tagged ``solution``).

    Returns
    -------
    Report
        One line per lesson: ``written``, or, when a file of that name was already
        there, ``kept yours; the course's version is NAME``.

    Raises
    ------
    CopyError
        If ``dest`` is a file, or already holds a copy of the course (use
        :func:`update_course` for that: a second copy must not clobber the first).
    """
    check_path("dest", dest)
    check_flag("student", student)
    from smlearn import __version__

    if not isinstance(student, bool):
        raise TypeError(f"student must be True or False; got {student!r}")
    dest = Path(dest)
    _check_folder(dest)
    if (dest / RECORD).exists():
        raise CopyError(f"{dest} already holds a copy of the course; to bring it up to date run: smlearn update {dest} (dest)")
    dest.mkdir(parents=True, exist_ok=True)
    report, hashes = Report(dest), {}
    for name, data in course_files(student=student).items():
        target = dest / name
        if target.exists() or target.is_symlink():
            if target.is_file() and target.read_bytes() == data:
                report.actions.append((name, "already there, identical"))
                hashes[name] = _sha256(data)
                continue
            new = _beside(target, __version__, data)
            _write_atomically(new, data)
            report.actions.append((name, f"kept yours; the course's version is {new.name}"))
            hashes[name] = None  # not the course's file: an update must treat it as the learner's
            continue
        _write_atomically(target, data)
        hashes[name] = _sha256(data)
        report.actions.append((name, "written"))
    _save_record(dest, "student" if student else "instructor", hashes)
    return report


def update_course(dest) -> Report:
    """Bring a folder made by :func:`copy_course` up to this version of the course.

    A lesson the learner has not changed since the course wrote it is replaced by the
    new version. A lesson the learner has changed is kept byte for byte and the new
    version is written beside it. A lesson the learner deleted is written again. Files
    the course no longer has are left alone.

    Raises
    ------
    CopyError
        If ``dest`` holds no copy of the course, or its record is damaged.
    """
    check_path("dest", dest)
    from smlearn import __version__

    dest = Path(dest)
    _check_folder(dest)
    record = _read_record(dest)
    variant = record.get("variant", "instructor")
    known = dict(record["files"])
    report = Report(dest)
    files = course_files(student=variant == "student")
    for name, data in files.items():
        target, new_hash = dest / name, _sha256(data)
        if target.is_symlink() or (target.exists() and not target.is_file()):
            report.actions.append((name, "left alone (not a plain file)"))
            continue
        if not target.exists():
            _write_atomically(target, data)
            known[name] = new_hash
            report.actions.append((name, "written (it was missing)"))
            continue
        current = _sha256(target.read_bytes())
        if current == new_hash:
            known[name] = new_hash
            report.actions.append((name, "up to date"))
        elif current == known.get(name):
            _write_atomically(target, data)
            known[name] = new_hash
            report.actions.append((name, "updated"))
        else:
            new = _beside(target, __version__, data)
            _write_atomically(new, data)
            report.actions.append((name, f"kept your changes; the new version is {new.name}"))
    for name in sorted(set(record["files"]) - set(files)):
        report.actions.append((name, "no longer part of the course; left alone"))
    _save_record(dest, variant, known)
    return report
