"""A learner's kernel sends its checked answers to the class service: only in class mode, never in the way, each once.

- Off by default: a checked answer opens no socket, writes no outbox, starts no thread.
- On, with a real service (tests/class_service.py): every record arrives, once.
- The service down: the local record is kept, the outbox holds it; the service back: sent once.
- A refused record (400) is not sent again; a refused link (wrong code) pauses until joined again.
- A service that accepts the connection and never answers: the learner's check returns anyway.
- Hypothesis: any sequence of answers, failed sends and lost acknowledgements ends with every
  record in the progress file and each stored once by the service.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from class_service import QUESTIONS, STUDENT_CODE, new_session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smlearn import progress
from smlearn.classmode import send
from smlearn.classmode.app import make_app
from smlearn.classmode.auth import ClassCodeGate
from smlearn.classmode.records import LONGEST_ANSWER, LONGEST_BATCH, LONGEST_BODY
from smlearn.classmode.store import open_store
from smlearn.questions import links

CLASS_VARIABLES = ("SMLEARN_CLASS_URL", "SMLEARN_CLASS_SESSION", "SMLEARN_CLASS_CODE", "SMLEARN_CLASS_NAME",
                   "JUPYTERHUB_API_TOKEN")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A learner's course folder with its progress file, class mode not yet chosen, no class variables."""
    for name in CLASS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SMLEARN_PROGRESS", str(tmp_path / progress.FILE_NAME))
    _reset()
    yield tmp_path
    send.leave()
    _reset()


def _reset():
    # the kernel's one sender keeps its state in private module names: reset between tests, on purpose
    send._chosen = send._UNSET
    send._paused.clear()
    send._warned.clear()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def outbox_ids(folder: Path) -> list[str]:
    path = folder / send.OUTBOX_NAME
    return [json.loads(line)["record"]["id"] for line in path.read_text().splitlines()] if path.exists() else []


def stored_ids(service, sid) -> list[str]:
    return [row["record_id"] for row in service.store.records(sid)]


def mine(caplog) -> list[str]:
    """What the kernel's side said in the log (the service in this process logs too)."""
    return [r.getMessage() for r in caplog.records if r.name == "smlearn.classmode.send"]


def wait_until(condition, what: str, seconds: float = 60):
    """Wait for the background sender (a deadline that only a hang reaches; no speed is asserted)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {seconds} s")
        time.sleep(0.05)


# ---- off by default

def test_off_by_default_nothing_leaves_the_kernel(folder, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("class mode is off: no socket may be opened")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    threads = set(threading.enumerate())
    assert progress.record("links.rank_step", "new_rank", True)["attempt"] == 1
    feedback = links.two_pages.check(0.2)
    assert feedback.correct is False
    assert len(progress.read_records()) == 2, "the answers are kept on the learner's machine"
    assert sorted(path.name for path in folder.iterdir()) == [progress.FILE_NAME], "no outbox, no other file"
    assert set(threading.enumerate()) == threads, "no sender thread"
    assert send.active_link() is None
    assert send.status() == "Class mode is off: your answers stay on this machine."


def test_importing_progress_loads_no_web_or_database_package_and_off_loads_no_class_mode(tmp_path):
    script = ("import sys, smlearn.progress as p; p.record('links.rank_step', 'x', True); "
              "heavy = [m for m in sys.modules if m.split('.')[0] in ('tornado', 'sqlalchemy', 'jupyterhub')]; "
              "print(heavy, 'smlearn.classmode' in sys.modules); "
              "import smlearn.classmode.send; "
              "print([m for m in sys.modules if m.split('.')[0] in ('tornado', 'sqlalchemy', 'jupyterhub')])")
    env = {k: v for k, v in os.environ.items() if k not in CLASS_VARIABLES}
    env["SMLEARN_PROGRESS"] = str(tmp_path / progress.FILE_NAME)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120,
                         cwd=Path(__file__).parents[2])
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["[] False", "[]"]
    assert (tmp_path / progress.FILE_NAME).is_file() and not (tmp_path / send.OUTBOX_NAME).exists()


def test_class_mode_needs_the_progress_file(folder, service, monkeypatch):
    monkeypatch.setenv("SMLEARN_PROGRESS", "off")
    send.join(service.base, new_session(service.base), code=STUDENT_CODE, name="ana")
    assert progress.record("links.rank_step", "x", True) is None
    assert not list(folder.iterdir())
    assert "SMLEARN_PROGRESS is off" in send.status()


# ---- on, with a real service

def test_joined_every_checked_answer_arrives_once(folder, service):
    sid = new_session(service.base)
    link = send.join(service.base, sid, code=STUDENT_CODE, name="ana")
    assert STUDENT_CODE not in repr(link) and "ana" in repr(link)
    links.two_pages.check(0.2)                        # wrong, then right: two records
    links.two_pages.check(0.351)
    progress.record("who_is_connected.karate_path", "2.41", True)
    wait_until(lambda: len(stored_ids(service, sid)) == 3, "three records stored")
    assert sorted(stored_ids(service, sid)) == sorted(outbox_ids(folder))
    rows = service.store.records(sid)
    assert [(r["user"], r["question"], r["answer"], r["correct"], r["attempt"]) for r in rows] == [
        ("ana", "links.two_pages", "0.2", False, 1), ("ana", "links.two_pages", "0.351", True, 2),
        ("ana", "who_is_connected.karate_path", "2.41", True, 1)]
    assert send.send_pending() == {"sent": 0, "refused": 0, "waiting": 0, "error": None}
    assert len(stored_ids(service, sid)) == 3
    assert "0 waiting to be sent" in send.status()


def test_the_environment_turns_it_on(folder, service, monkeypatch):
    sid = new_session(service.base)
    for name, value in (("SMLEARN_CLASS_URL", service.base), ("SMLEARN_CLASS_SESSION", sid),
                        ("SMLEARN_CLASS_CODE", STUDENT_CODE), ("SMLEARN_CLASS_NAME", "cy")):
        monkeypatch.setenv(name, value)
    progress.record("links.rank_step", "new_rank", True)
    wait_until(lambda: len(stored_ids(service, sid)) == 1, "the record stored")
    assert service.store.records(sid)[0]["user"] == "cy"


def test_a_learner_whose_environment_turned_it_on_is_told_once(folder, service, monkeypatch, capsys):
    sid = new_session(service.base)
    for name, value in (("SMLEARN_CLASS_URL", service.base), ("SMLEARN_CLASS_SESSION", sid),
                        ("SMLEARN_CLASS_CODE", STUDENT_CODE), ("SMLEARN_CLASS_NAME", "cy")):
        monkeypatch.setenv(name, value)
    progress.record("links.rank_step", "new_rank", True)
    told = capsys.readouterr().out
    assert "Class mode is on in this kernel" in told and service.base in told and sid in told
    assert "smlearn.classmode.leave()" in told
    progress.record("links.rank_step", "other", False)
    assert "Class mode is on" not in capsys.readouterr().out, "said once per kernel, not at every answer"
    send.join(service.base, sid, STUDENT_CODE, name="cy")     # a learner who joined knows: nothing said
    send._warned.clear()
    progress.record("links.rank_step", "third", False)
    assert "Class mode is on" not in capsys.readouterr().out
    wait_until(lambda: len(stored_ids(service, sid)) == 3, "the three records stored")


def test_half_a_configuration_keeps_it_off_and_says_so_once(folder, caplog, monkeypatch):
    monkeypatch.setenv("SMLEARN_CLASS_URL", "http://127.0.0.1:9/")
    with caplog.at_level(logging.WARNING, "smlearn.classmode.send"):
        progress.record("links.rank_step", "a", True)
        progress.record("links.rank_step", "b", True)
    assert mine(caplog) == [
        "class mode stays off: SMLEARN_CLASS_URL and SMLEARN_CLASS_SESSION must both be set"]
    assert not (folder / send.OUTBOX_NAME).exists()


class OnPort:
    """The service on a given port (Served picks a free one): the same address before and after an outage."""

    def __init__(self, port: int, store):
        import asyncio

        from tornado.httpserver import HTTPServer
        from tornado.netutil import bind_sockets

        app = make_app(store, ClassCodeGate(STUDENT_CODE, "oak-tree-instructor-7"), questions=QUESTIONS)
        started = threading.Event()
        self.loop = asyncio.new_event_loop()

        def serve():
            asyncio.set_event_loop(self.loop)
            HTTPServer(app).add_sockets(bind_sockets(port, "127.0.0.1"))
            started.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=serve, daemon=True)
        self.thread.start()
        assert started.wait(30)

    def stop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def test_service_down_the_answer_waits_and_is_sent_once_when_it_is_back(folder, tmp_path_factory):
    port = free_port()
    store = open_store(str(tmp_path_factory.mktemp("down") / "class.sqlite"))
    sid = store.open_session("outage")["id"]
    send.join(f"http://127.0.0.1:{port}", sid, code=STUDENT_CODE, name="ana")
    progress.record("links.rank_step", "new_rank", False)
    progress.record("links.rank_step", "new_rank", True)
    assert len(progress.read_records()) == 2, "the local records are kept"
    outcome = send.send_pending()
    assert outcome["sent"] == 0 and outcome["waiting"] == 2 and "refused" in outcome["error"].lower()
    assert len(outbox_ids(folder)) == 2
    served = OnPort(port, store)
    try:
        wait_until(lambda: store.count(sid) == 2 or send.send_pending()["waiting"] == 0, "the outbox sent")
        assert send.send_pending() == {"sent": 0, "refused": 0, "waiting": 0, "error": None}
        progress.record("links.two_pages", "0.351", True)       # and the next answer goes straight on
        wait_until(lambda: store.count(sid) == 3, "the new record stored")
        assert sorted(row["record_id"] for row in store.records(sid)) == sorted(outbox_ids(folder))
    finally:
        served.stop()
        store.close()


def test_a_long_outage_queue_goes_in_batches_the_service_takes(folder, service, monkeypatch):
    sid = new_session(service.base)
    monkeypatch.setattr(send, "_sender", lambda folder: _Idle())      # sent below, in this thread
    send.join(service.base, sid, code=STUDENT_CODE, name="dee")
    n = LONGEST_BATCH + 100
    for i in range(n):
        progress.record("links.rank_step", "é" * (LONGEST_ANSWER - 3) + f"{i:03d}", i % 2 == 0)
    # the queue's private batching, read on purpose: the limit on a request's size is what this test checks
    batches = send._batches([record for _, record in send._waiting(folder)])
    assert len(batches) > 2 and sum(map(len, batches)) == n
    assert all(len(json.dumps({"records": b}, ensure_ascii=False).encode()) <= LONGEST_BODY for b in batches)
    assert send.send_pending() == {"sent": n, "refused": 0, "waiting": 0, "error": None}
    assert service.store.count(sid) == n


class _Idle:
    wake = threading.Event()


# ---- refusals

def test_a_refused_record_is_not_sent_again_and_the_others_arrive(folder, service, monkeypatch, caplog):
    sid = new_session(service.base)
    monkeypatch.setattr(send, "_sender", lambda folder: _Idle())
    send.join(service.base, sid, code=STUDENT_CODE, name="eve")
    progress.record("links.rank_step", "a", True)
    progress.record("links.most_links", "b", True)      # a question this service does not take: 400
    progress.record("links.two_pages", "0.351", True)
    posts = []
    real_post = send._post      # the private request, wrapped on purpose to count what goes over the wire
    monkeypatch.setattr(send, "_post", lambda *a: posts.append(len(a[1])) or real_post(*a))
    with caplog.at_level(logging.WARNING, "smlearn.classmode.send"):
        assert send.send_pending() == {"sent": 2, "refused": 1, "waiting": 0, "error": None}
        assert send.send_pending() == {"sent": 0, "refused": 0, "waiting": 0, "error": None}
    assert posts == [3, 1, 1, 1], "the batch, then one by one to find the bad one; nothing after"
    assert [r["question"] for r in service.store.records(sid)] == ["links.rank_step", "links.two_pages"]
    warnings = mine(caplog)
    assert len(warnings) == 1 and "links.most_links" in warnings[0] and "not a question of this course" in warnings[0]
    assert len(progress.read_records()) == 3, "the refused answer stays in the progress file"


def test_a_wrong_class_code_pauses_sending_until_joined_again(folder, service, monkeypatch, caplog):
    sid = new_session(service.base)
    monkeypatch.setattr(send, "_sender", lambda folder: _Idle())
    send.join(service.base, sid, code="wrong-code", name="fay")
    progress.record("links.rank_step", "a", True)
    with caplog.at_level(logging.WARNING, "smlearn.classmode.send"):
        first = send.send_pending()
        posts = []
        with monkeypatch.context() as patch:
            patch.setattr(send, "_post", lambda *a: posts.append(a))
            assert send.send_pending()["waiting"] == 1 and posts == [], "paused: not tried again"
    assert first["sent"] == 0 and first["waiting"] == 1 and first["error"].startswith("401")
    assert len(mine(caplog)) == 1 and "class code is wrong" in mine(caplog)[0]
    assert "join again" in send.status()
    send.join(service.base, sid, code=STUDENT_CODE, name="fay")
    assert send.send_pending()["sent"] == 1 and service.store.count(sid) == 1


# ---- never in the way

def test_check_returns_while_the_service_accepts_and_never_answers(folder):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.settimeout(60)
        send.join(f"http://127.0.0.1:{server.getsockname()[1]}", "hang", code=STUDENT_CODE, name="gus")
        feedback = links.two_pages.check(0.351)
        assert feedback.correct is True                  # the learner has the verdict...
        connection, _ = server.accept()                  # ...while the kernel's request waits for an answer
        with connection:
            connection.settimeout(60)
            assert connection.recv(200).startswith(b"POST /api/sessions/hang/records HTTP/1.1")
            assert progress.read_records()[-1]["correct"] is True
            assert len(outbox_ids(folder)) == 1 and "1 waiting" in send.status()


def test_the_instructor_packs_join_cell_runs_as_written(folder):
    pack = (Path(__file__).parents[2] / "docs" / "instructors" / "README.md").read_text(encoding="utf-8")
    section = pack[pack.index("## Class mode: how a student's kernel joins"):]
    cell = section[section.index("```python\n") + 10:section.index("```", section.index("```python\n") + 10)]
    exec(cell, {})                          # joins; nothing is sent until an answer is checked
    assert send.status().startswith("Class mode is on: answers go to session k3m9p2qa at http://192.168.1.20:8765/ as ana")
    assert not list(folder.iterdir())


# ---- bad input

@pytest.mark.parametrize(("arguments", "message"), [
    (("ftp://x/", "abc"), "url must be the class service's http:// or https:// address"),
    (("http://x/", "Not A Session"), "session must be the id your instructor gives"),
    (("http://x/", "abc", "code"), None),
])
def test_make_link_refuses_bad_input_by_name(arguments, message, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    if message is None:
        assert send.make_link(*arguments[:2], code=arguments[2], name="ana").user == "ana"
        with pytest.raises(ValueError, match="name must be 1 to 64 printable characters without ':'"):
            send.make_link(*arguments[:2], code=arguments[2], name="a:b")
        with pytest.raises(ValueError, match="code must be the class code .* no JUPYTERHUB_API_TOKEN"):
            send.make_link(*arguments[:2])
        return
    with pytest.raises(ValueError, match=message):
        send.make_link(*arguments, code="c", name="ana")


def test_join_refuses_bad_input_by_name_and_stays_off(folder):
    with pytest.raises(TypeError, match="session must be a string"):
        send.join("http://127.0.0.1:8765/", 5, code="tulip-42", name="ana")
    with pytest.raises(ValueError, match="code and token: give one"):
        send.make_link("http://127.0.0.1:8765/", "abc", code="tulip-42", token="t")
    assert send.active_link() is None


def test_on_a_hub_the_kernel_signs_in_with_its_token(monkeypatch):
    for name in send.HUB_ADDRESSES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "secret-token")
    monkeypatch.setenv("JUPYTERHUB_API_URL", "http://hub:8081/hub/api")          # as on Kubernetes: inside only
    monkeypatch.setenv("JUPYTERHUB_PUBLIC_HUB_URL", "https://hub.example.edu/hub/")
    link = send.make_link("https://hub.example.edu/services/smlearn-class", "abc")
    assert link.authorization == "token secret-token" and "secret" not in repr(link)
    assert link.records_url == "https://hub.example.edu/services/smlearn-class/api/sessions/abc/records"
    assert send.make_link("https://HUB:8443/services/smlearn-class/", "abc").authorization == "token secret-token"
    # this machine, also over plain http (the hub's own proxy on loopback)
    for url in ("http://127.0.0.1:8000/services/smlearn-class/", "http://localhost/", "http://[::1]:8000/"):
        assert send.make_link(url, "abc").authorization == "token secret-token"


@pytest.mark.parametrize(("url", "message"), [
    # another host, even over https: the token would open the learner's hub account there
    ("https://evil.example.com/services/smlearn-class/", r"url must be on the hub's own host .*hub\.example\.edu"),
    ("https://hub.example.edu.evil.com/", "url must be on the hub's own host"),
    # the hub's own host, but unencrypted on the network
    ("http://hub.example.edu/services/smlearn-class/", "url must be https:// to send this kernel's JupyterHub token"),
    ("http://192.168.1.20:8765/", "url must be https:// to send this kernel's JupyterHub token"),
])
def test_the_hub_token_goes_only_to_the_hub(url, message, monkeypatch):
    for name in send.HUB_ADDRESSES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "secret-token")
    monkeypatch.setenv("JUPYTERHUB_API_URL", "http://127.0.0.1:8081/hub/api")
    monkeypatch.setenv("JUPYTERHUB_PUBLIC_URL", "https://hub.example.edu/user/ana/")
    with pytest.raises(ValueError, match=message):
        send.make_link(url, "abc")
    with pytest.raises(ValueError, match=message):
        send.make_link(url, "abc", token="another-token")     # a token given by hand too
    # a class code may go where the learner says; plain http to another machine is allowed, with a warning
    with pytest.warns(UserWarning, match="plain http:// to another machine"):
        assert send.make_link("http://192.168.1.20:8765/", "abc", code="tulip-42", name="ana").user == "ana"
    assert send.make_link("https://evil.example.com/", "abc", code="tulip-42", name="ana").user == "ana"


def test_without_the_hubs_addresses_a_token_goes_only_to_this_machine(monkeypatch):
    for name in send.HUB_ADDRESSES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "secret-token")
    with pytest.raises(ValueError, match="this kernel was given no JUPYTERHUB_API_URL"):
        send.make_link("https://hub.example.edu/services/smlearn-class/", "abc")
    assert send.make_link("http://127.0.0.1:8765/", "abc").authorization == "token secret-token"


# ---- the outbox, under any sequence of events

STEPS = st.lists(st.one_of(st.tuples(st.just("record"), st.integers(1, 3)),
                           st.tuples(st.just("send"), st.sampled_from(["ok", "down", "lost", "down after one"]))),
                 max_size=12)


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_sequence_keeps_every_record_and_stores_each_once(steps, service, monkeypatch):
    here = Path(tempfile.mkdtemp())
    with monkeypatch.context() as patch:
        for name in CLASS_VARIABLES:
            patch.delenv(name, raising=False)
        patch.setenv("SMLEARN_PROGRESS", str(here / progress.FILE_NAME))
        patch.setattr(send, "_sender", lambda folder: _Idle())
        _reset()
        sid = new_session(service.base)
        send.join(service.base, sid, code=STUDENT_CODE, name="hal")
        # the private request and its private 'not now' error, replaced on purpose to make the service fail
        real_post, mode = send._post, {"now": "ok", "posts": 0}

        def post(link, records, timeout):
            mode["posts"] += 1
            if mode["now"] == "down" or (mode["now"] == "down after one" and mode["posts"] > 1):
                raise send._NotNow("the service is down")
            real_post(link, records, timeout)
            if mode["now"] == "lost":
                raise send._NotNow("the answer was lost on the way back")   # stored, but the kernel never knew

        patch.setattr(send, "_post", post)
        made = 0
        for kind, value in steps:
            if kind == "record":
                for _ in range(value):
                    progress.record(["links.rank_step", "links.two_pages"][made % 2], str(made), made % 3 == 0)
                    made += 1
            else:
                mode.update(now=value, posts=0)
                send.send_pending()
        mode.update(now="ok", posts=0)
        final = send.send_pending()
        send.leave()
    assert final["waiting"] == 0 and final["error"] is None
    assert [r["answer"] for r in progress.read_records(here)] == [str(i) for i in range(made)]
    stored = stored_ids(service, sid)
    assert len(stored) == len(set(stored)) == made, "each record stored once"
    assert sorted(stored) == sorted(outbox_ids(here))
    assert [r["answer"] for r in service.store.records(sid)] == [str(i) for i in range(made)], "in the order checked"
