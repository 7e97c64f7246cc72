"""What the class service's tests share (tests/classmode): the service on a free port, a stand-in hub, a small HTTP client.

The service runs in a thread with its own event loop, on a real socket, so the tests talk to it
over HTTP exactly as a kernel would. The stand-in hub answers the two calls the service makes:
``GET /hub/api/user`` (whose token is this?) and ``GET /hub/api/groups/<name>`` (who is in it?).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import threading
import urllib.error
import urllib.request

import pytest
import tornado.web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from smlearn.classmode.app import LARGEST_REQUEST, make_app
from smlearn.classmode.auth import ClassCodeGate
from smlearn.classmode.store import open_store

# A small course for most tests: three questions in two lessons (the real catalogue is tested once).
QUESTIONS = {"links.rank_step": "06", "links.two_pages": "06", "who_is_connected.karate_path": "03"}
STUDENT_CODE, INSTRUCTOR_CODE = "tulip-42", "oak-tree-instructor-7"
_ids = itertools.count()


class Served:
    """Tornado apps served from a thread, each on its own free port of 127.0.0.1."""

    def __init__(self, *apps):
        self.ports = []
        started = threading.Event()

        def serve():
            asyncio.set_event_loop(self.loop)
            for app in apps:
                sockets = bind_sockets(0, "127.0.0.1")
                HTTPServer(app, max_body_size=LARGEST_REQUEST).add_sockets(sockets)
                self.ports.append(sockets[0].getsockname()[1])
            started.set()
            self.loop.run_forever()

        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=serve, daemon=True)
        self.thread.start()
        started.wait(10)

    def url(self, i=0) -> str:
        return f"http://127.0.0.1:{self.ports[i]}"

    def stop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


class Answer:
    def __init__(self, status, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"<{self.status} {self.body[:300]!r}>"


def call(base: str, method: str, path: str, *, body=None, auth=None, headers=None, raw: bytes | None = None) -> Answer:
    """One HTTP request; ``auth`` is (name, code) for Basic, or a full Authorization value."""
    sent = dict(headers or {})
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
    if data is not None:
        sent.setdefault("Content-Type", "application/json")
    if isinstance(auth, tuple):
        sent["Authorization"] = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    elif auth:
        sent["Authorization"] = auth
    request = urllib.request.Request(base + path, data=data, method=method, headers=sent)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


def record(question="links.rank_step", *, correct=True, answer="0.351", attempt=1, lesson="06", id=None):
    """A valid record as a kernel sends it."""
    return {"id": id or f"r{next(_ids)}", "v": 1, "time": "2026-12-03T14:05:09+00:00", "lesson": lesson,
            "question": question, "answer": answer, "correct": correct, "attempt": attempt}


STUDENT = ("ana", STUDENT_CODE)
OTHER_STUDENT = ("ben", STUDENT_CODE)
INSTRUCTOR = ("prof", INSTRUCTOR_CODE)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """The service with class codes, on a file database (SQLite in memory is one database per thread)."""
    store = open_store(str(tmp_path_factory.mktemp("class") / "class.sqlite"))
    served = Served(make_app(store, ClassCodeGate(STUDENT_CODE, INSTRUCTOR_CODE), questions=QUESTIONS))
    served.store = store
    served.base = served.url()
    yield served
    served.stop()
    store.close()


def new_session(base, name="test", auth=INSTRUCTOR) -> str:
    answer = call(base, "POST", "/api/sessions", body={"name": name}, auth=auth)
    assert answer.status == 201, answer
    return answer.json()["id"]


class FakeHub:
    """The two hub API calls the service makes, answered from dictionaries."""

    def __init__(self, users: dict, groups: dict, service_token: str):
        self.users, self.groups, self.service_token = users, groups, service_token
        self.calls = []
        hub = self

        class User(tornado.web.RequestHandler):
            def get(self):
                token = self.request.headers.get("Authorization", "").partition(" ")[2]
                hub.calls.append(("user", token))
                if token not in hub.users:
                    self.set_status(403)
                    self.finish({"status": 403, "message": "not authorized"})
                    return
                self.finish(hub.users[token])

        class Group(tornado.web.RequestHandler):
            def get(self, name):
                token = self.request.headers.get("Authorization", "").partition(" ")[2]
                hub.calls.append(("group", name))
                if token != hub.service_token:
                    self.set_status(403)
                    self.finish({"status": 403, "message": "needs read:groups"})
                elif name not in hub.groups:
                    self.set_status(404)
                    self.finish({"status": 404, "message": "no such group"})
                else:
                    self.finish({"kind": "group", "name": name, "users": hub.groups[name]})

        self.app = tornado.web.Application([("/hub/api/user", User), (r"/hub/api/groups/([^/]+)", Group)])
