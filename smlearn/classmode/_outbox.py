"""The kernel's outbox files, shared by the answers' sender (send.py) and the experiments' (experiments.py).

Both keep what they send in a file beside the progress file and list what the service acknowledged
or refused in one done file, ``DONE_NAME``: ids are random, so records and moves share it safely.
"""

from __future__ import annotations

import json
import os
import threading
import urllib.error
from pathlib import Path

DONE_NAME = ".smlearn-class-done"             # the ids the service acknowledged or refused, one a line
_guard = threading.Lock()


def outbox_folder(folder=None) -> Path | None:
    """The folder of the progress file (the learner's course folder, or ``folder``); None when it is off."""
    from smlearn.progress import progress_file

    path = progress_file(folder)
    # absolute: the sender thread must find the same folder after the notebook changes its working folder
    return None if path is None else path.parent.absolute()


def append(path: Path, line: str) -> None:
    """Append ``line`` to the file ``path`` in one write."""
    # One write in append mode, as the progress file: two kernels in one folder never garble a line.
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, line.encode("utf-8"))
    finally:
        os.close(descriptor)


def done_ids(folder: Path) -> set:
    """The ids of the records and moves the service acknowledged or refused (the done file)."""
    try:
        text = (folder / DONE_NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    return {line.split(" ", 1)[0] for line in text.splitlines() if line.strip()}


def message(error: urllib.error.HTTPError) -> str:
    """What the service said in a refusal (its JSON ``error``), or the HTTP reason."""
    try:
        return str(json.loads(error.read())["error"])[:300]
    except Exception:   # not the service's JSON (a proxy's page): its reason is enough
        return str(error.reason)


def mark(folder: Path, records: list[dict], how: str) -> None:
    """Add the ids of ``records`` (or moves) to the done file, each with ``how`` it ended."""
    append(folder / DONE_NAME, "".join(f"{record['id']} {how}\n" for record in records))


_locks: dict[Path, threading.Lock] = {}


def folder_lock(folder: Path) -> threading.Lock:
    """The lock one folder's senders take, so that a record or move is never sent twice at once."""
    with _guard:
        return _locks.setdefault(folder, threading.Lock())
