"""Faults: the service killed mid-session (kill -9) loses no record it acknowledged; Ctrl-C stops it cleanly.

The service runs as ``smlearn class serve`` in its own process on a SQLite file. Students send
batches from threads while it is killed; after a restart on the same file, every record the
service answered 200 for is there, and sending everything again stores only what never arrived.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from class_service import INSTRUCTOR_CODE, STUDENT_CODE, call, record

pytestmark = pytest.mark.slow   # starts the service in fresh Pythons (each loads the course's questions)

INSTRUCTOR = ("prof", INSTRUCTOR_CODE)
QUESTIONS = ("links.rank_step", "links.two_pages", "who_is_connected.karate_path")
LESSONS = {"links.rank_step": "06", "links.two_pages": "06", "who_is_connected.karate_path": "03"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    def __init__(self, database, port):
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "smlearn.cli", "class", "serve", "--port", str(port), "--database", str(database),
             "--code", STUDENT_CODE, "--instructor-code", INSTRUCTOR_CODE],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the service stopped: {self.process.stdout.read()}")
            try:
                if call(self.base, "GET", "/api/me", auth=INSTRUCTOR).status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the service did not answer within 120 s")


def send_until_stopped(base, user, sid, acknowledged, stop):
    n = 0
    while not stop.is_set():
        batch = []
        for _ in range(5):
            question = QUESTIONS[n % 3]
            batch.append(record(question, id=f"{user}-{n}", lesson=LESSONS[question], correct=n % 2 == 0,
                                answer=str(n % 7), attempt=n // 3 + 1))
            n += 1
        try:
            answer = call(base, "POST", f"/api/sessions/{sid}/records", body={"records": batch}, auth=(user, STUDENT_CODE))
        except OSError:
            continue        # the service is down: a kernel would queue these and send them later
        if answer.status == 200:
            acknowledged.update(r["id"] for r in batch)


def test_killed_mid_session_it_keeps_every_acknowledged_record(tmp_path):
    database = tmp_path / "class.sqlite"
    port = free_port()
    service = Service(database, port)
    sid = call(service.base, "POST", "/api/sessions", body={"name": "fault"}, auth=INSTRUCTOR).json()["id"]
    acknowledged = {user: set() for user in ("ana", "ben", "cy")}
    stop = threading.Event()
    senders = [threading.Thread(target=send_until_stopped, args=(service.base, user, sid, acknowledged[user], stop))
               for user in acknowledged]
    for sender in senders:
        sender.start()
    time.sleep(1.5)
    service.process.send_signal(signal.SIGKILL)       # no chance to flush or close anything
    service.process.wait(10)
    stop.set()
    for sender in senders:
        sender.join(30)
    total = sum(len(ids) for ids in acknowledged.values())
    print(f"{total} records acknowledged before the kill")
    assert total > 30, f"too few records were sent before the kill to test anything: {total}"

    again = Service(database, port)
    try:
        stored = {user: set() for user in acknowledged}
        for row in again_records(again, sid):
            stored[row["user"]].add(row["record_id"])
        for user, ids in acknowledged.items():
            lost = ids - stored[user]
            assert not lost, f"{len(lost)} acknowledged records of {user} were lost: {sorted(lost)[:5]}"
        # the kernels send everything again: only what never arrived is stored, nothing twice
        before = sum(len(ids) for ids in stored.values())
        replay = [record(QUESTIONS[0], id=i, lesson="06") for i in sorted(acknowledged["ana"])[:100]]
        answer = call(again.base, "POST", f"/api/sessions/{sid}/records", body={"records": replay},
                      auth=("ana", STUDENT_CODE))
        assert answer.json()["stored"] == 0 and answer.json()["duplicate"] == len(replay)
        assert len(again_records(again, sid)) == before
    finally:
        again.process.send_signal(signal.SIGINT)
        again.process.wait(30)


def again_records(service, sid):
    import csv
    import io

    text = call(service.base, "GET", f"/api/sessions/{sid}/records.csv", auth=INSTRUCTOR).body.decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_ctrl_c_stops_the_service_cleanly_and_it_said_how_to_join(tmp_path):
    service = Service(tmp_path / "class.sqlite", free_port())
    service.process.send_signal(signal.SIGINT)
    out, _ = service.process.communicate(timeout=30)
    assert service.process.returncode == 0, out
    assert f"class code for students:  {STUDENT_CODE}" in out and INSTRUCTOR_CODE in out
    assert "listening on this machine only" in out and "stopped" in out
    assert "Traceback" not in out


def test_the_hub_entry_refuses_to_run_without_a_hub():
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTERHUB_")}
    out = subprocess.run([sys.executable, "-m", "smlearn.classmode"], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 2 and "smlearn class serve" in out.stderr


def test_a_sqlite_store_syncs_each_commit_to_the_disk(tmp_path):
    # an acknowledged record is never sent again by its kernel: so it must survive a power cut, which
    # WAL with synchronous=NORMAL does not promise (it syncs at checkpoints); FULL syncs at each commit
    from sqlalchemy import text

    from smlearn.classmode.store import open_store

    store = open_store(str(tmp_path / "class.sqlite"))
    try:
        with store.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
            assert connection.execute(text("PRAGMA synchronous")).scalar_one() == 2     # 2 is FULL
    finally:
        store.close()
