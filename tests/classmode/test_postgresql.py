"""The class service on PostgreSQL: the same statements as on SQLite, against a throwaway cluster.

Runs only where PostgreSQL's ``initdb`` and ``pg_ctl`` are on the PATH and the ``psycopg`` driver is
installed (``pip install smlearn[postgresql]``); elsewhere the test is skipped and says that
PostgreSQL was NOT tested, except in CI (``CI`` set), where it fails: ``.ci/run`` installs both. The cluster lives in a temporary folder, listens on a Unix socket
only and is stopped at the end. As root (a container), it runs as the ``postgres`` user, since
PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile

import pytest
from class_service import Served, call, record

from smlearn.classmode.app import make_app
from smlearn.classmode.auth import ClassCodeGate
from smlearn.classmode.store import open_store

pytestmark = pytest.mark.slow   # starts a PostgreSQL cluster (seconds)


def _missing() -> str | None:
    for tool in ("initdb", "pg_ctl"):
        if shutil.which(tool) is None:
            return f"PostgreSQL NOT tested here: {tool} is not on the PATH (apt-get install postgresql)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "PostgreSQL NOT tested here: the psycopg driver is not installed (pip install smlearn[postgresql])"
    return None


@pytest.fixture(scope="module")
def postgres_url():
    reason = _missing()
    if reason and os.environ.get("CI"):
        pytest.fail(reason)      # CI installs PostgreSQL and psycopg: a missing one is a broken setup
    if reason:
        pytest.skip(reason)
    folder = tempfile.mkdtemp(prefix="smlearn-pg-")
    as_user = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data = os.path.join(folder, "data")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run([*as_user, "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True)
    subprocess.run([*as_user, "pg_ctl", "-D", data, "-w", "-l", os.path.join(folder, "log"),
                    "-o", f"-k {folder} -p {port} -c listen_addresses=''", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={folder}&port={port}"
    finally:
        subprocess.run([*as_user, "pg_ctl", "-D", data, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def test_the_service_on_postgresql(postgres_url):
    store = open_store(postgres_url)
    assert store.engine.dialect.name == "postgresql" and "postgres@" in store.describe()
    served = Served(make_app(store, ClassCodeGate("tulip-42", "oak-tree-instructor-7"),
                             questions={"links.rank_step": "06"}))
    student, instructor = ("ana", "tulip-42"), ("prof", "oak-tree-instructor-7")
    try:
        base = served.url()
        sid = call(base, "POST", "/api/sessions", body={"name": "pg"}, auth=instructor).json()["id"]
        batch = [record(id="p1", correct=False, answer="0.3"), record(id="p2"), record(id="p1")]
        assert call(base, "POST", f"/api/sessions/{sid}/records", body={"records": batch}, auth=student).json() == {
            "session": sid, "stored": 2, "duplicate": 1}
        again = call(base, "POST", f"/api/sessions/{sid}/records", body={"records": batch}, auth=student).json()
        assert again["stored"] == 0 and again["duplicate"] == 3
        # a bad batch stores nothing on PostgreSQL either
        bad = call(base, "POST", f"/api/sessions/{sid}/records", body={"records": [record(id="p3"), {"id": "x"}]},
                   auth=student)
        assert bad.status == 400 and store.count(sid) == 2
        (stats,) = call(base, "GET", f"/api/sessions/{sid}/stats", auth=instructor).json()["questions"]
        assert stats["answered"] == 1 and stats["right_first"] == 0 and stats["wrong_answers"] == [
            {"answer": "0.3", "students": 1, "misconception": None}]
        rows = store.records(sid)
        assert [row["record_id"] for row in rows] == ["p1", "p2"] and rows[0]["time"] == "2026-12-03T14:05:09+00:00"
        assert call(base, "DELETE", f"/api/sessions/{sid}", auth=instructor).json()["deleted"] == 2
    finally:
        served.stop()
        store.close()


def test_experiments_on_postgresql(postgres_url):
    from smlearn.classmode.kinds import KINDS, Move

    store = open_store(postgres_url)
    try:
        sid = store.open_session("pg crowd")["id"]
        spec = KINDS["crowd"].parse_spec({"question": "Beans?", "truth": 1234})
        eid = store.open_experiment(sid, "crowd", spec)["id"]
        assert store.experiment(eid)["spec"] == spec and store.experiment(eid)["round"] == 1
        assert store.add_move(eid, "ana", Move("m1", 1, None, {"estimate": 900.0})) == "stored"
        assert store.add_move(eid, "ana", Move("m1", 1, None, {"estimate": 900.0})) == "duplicate"
        assert store.add_move(eid, "ana", Move("m2", 1, None, {"estimate": 950.0})) == "taken"
        assert store.add_move(eid, "ben", Move("m1", 1, None, {"estimate": 1100.0})) == "stored"
        assert store.set_round(eid, 2)["round"] == 2
        assert [(m["user"], m["value"]) for m in store.moves(eid)] == [("ana", {"estimate": 900.0}),
                                                                      ("ben", {"estimate": 1100.0})]
        assert store.clear(sid) == 2 and store.count_moves(eid) == 0
    finally:
        store.close()


def test_the_market_and_the_front_page_on_postgresql(postgres_url):
    from smlearn.classmode.kinds import KINDS, Move

    store = open_store(postgres_url)
    try:
        sid = store.open_session("pg market")["id"]
        market = KINDS["market"]
        spec = market.parse_spec({"songs": ["A", "B", "C", "D", "E"], "worlds": 2})
        eid = store.open_experiment(sid, "market", spec)["id"]
        assert [store.assign(eid, name, 3) for name in ("ana", "ben", "carol", "dan")] == [0, 1, 2, 0]
        assert store.assign(eid, "ben", 3) == 1 and store.assignments(eid)["dan"] == 0
        # several downloads a round, each song once; a replay stored once
        for move_id, song in (("d1", 0), ("d2", 3)):
            move = Move(move_id, 1, None, {"song": song})
            assert store.add_move(eid, "ana", move, market.slot(move.value)) == "stored"
        assert store.add_move(eid, "ana", Move("d1", 1, None, {"song": 0}), "0") == "duplicate"
        assert store.add_move(eid, "ana", Move("d3", 1, None, {"song": 0}), "0") == "taken"
        results = market.results(spec, store.moves(eid), groups=store.assignments(eid))
        assert results["downloads"][0] == [1, 0, 0, 1, 0]
        page = KINDS["frontpage"]
        pspec = page.parse_spec({"items": ["x", "y", "z"], "rule": "wilson", "ring": 1})
        pid = store.open_experiment(sid, "frontpage", pspec)["id"]
        assert store.add_move(pid, "ring-1", Move("r1", 1, None, {"item": 2, "vote": 1}), "2") == "stored"
        assert store.add_move(pid, "ben", Move("v1", 1, None, {"item": 2, "vote": -1}), "2") == "stored"
        # Wilson: one up and one down beats no votes at all (a lower bound of 0)
        assert page.results(pspec, store.moves(pid))["page"][0]["item"] == 2
        assert store.clear(sid) == 4 and store.assignments(eid) == {}
    finally:
        store.close()


def test_a_postgresql_database_from_before_slots_is_brought_up_to_date(postgres_url):
    from sqlalchemy import create_engine
    from test_class_market import check_upgraded, make_old_database

    engine = create_engine(postgres_url)
    with engine.begin() as connection:     # a database of its own: the other tests' tables go first
        connection.exec_driver_sql("DROP TABLE IF EXISTS class_moves, class_assignments, class_records, "
                                   "class_experiments, class_sessions CASCADE")
    engine.dispose()
    make_old_database(postgres_url)
    store = open_store(postgres_url)
    try:
        check_upgraded(store)
    finally:
        store.close()
