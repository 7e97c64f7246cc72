"""The class service's web API (tornado): JSON in, JSON out, every refusal a JSON ``{"error": ...}``.

Under ``prefix`` (``/`` alone; ``/services/<name>/`` on a hub):

==========================================  ==========  ==========================================================
endpoint                                    who         what
==========================================  ==========  ==========================================================
``GET    ``  (the prefix itself)            instructor  the dashboard: an HTML page that polls the stats each second
``GET    static/<file>``                    anyone      the dashboard's script and style sheet (no data in them)
``GET    api/me``                           anyone in   who the service thinks you are, and your role
``GET    api/questions``                    anyone in   the question ids the service takes, with their lessons
``GET    api/sessions``                     anyone in   the sessions (students: the open ones)
``POST   api/sessions``                     instructor  open a session: ``{"name": "..."}`` (optional)
``PATCH  api/sessions/<sid>``               instructor  close or reopen it: ``{"open": false}``
``DELETE api/sessions/<sid>``               instructor  clear its records (the session and its id stay)
``POST   api/sessions/<sid>/records``       anyone in   send one record or a batch (:mod:`smlearn.classmode.records`)
``GET    api/sessions/<sid>/stats``         anyone in   per question: answered, right first time, wrong answers
                                                        and the misconception behind each (:mod:`~smlearn.classmode.stats`)
``GET    api/sessions/<sid>/records.csv``   instructor  every record, one row each
``GET    api/sessions/<sid>/experiments``   anyone in   the session's experiments: id, kind, question, rounds, round
``POST   api/sessions/<sid>/experiments``   instructor  open one: ``{"kind": "crowd", "question": ..., "truth": ...}``
``GET    .../experiments/<eid>``            anyone in   what a student sees: the question, the open round, the
                                                        student's own moves, the others' as aggregates only
``PATCH  .../experiments/<eid>``            instructor  open a round: ``{"round": 2}``; close it: ``{"round": 0}``
``POST   .../experiments/<eid>/moves``      anyone in   send a move: ``{"id": ..., "round": 1, "estimate": 950}``;
                                                        an instructor also as a planted account (``"user"``)
``GET    .../experiments/<eid>/results``    instructor  every move with its student, and the analysis
``GET    .../experiment-stats``             instructor  the dashboard's list of the session's experiments, each
                                                        with its moves and students per round
``GET    .../experiments/<eid>/stats``      instructor  the dashboard's live aggregates of one experiment, no
                                                        names (:meth:`~smlearn.classmode.kinds.Kind.live`)
==========================================  ==========  ==========================================================

Experiments (:mod:`smlearn.classmode.kinds`): a move is checked whole, like a record; 404 for an
unknown experiment (or one of another session), 409 for a round that is not open, for a closed
session, or for a second, different move in the same round (for the market and the front page:
a second download of the same song, a second vote on the same item); a move sent again with the
same id is answered 200 and counted as a duplicate. A student never sees a name or another
student's move. The market puts each student in one of its worlds, for good, the first time the
student looks or moves (:meth:`~smlearn.classmode.store.Store.assign`). The front page's planted
ring votes through the same endpoint: an instructor sends the move with ``"user": "ring-1"`` (the
ring's accounts, ``ring-1`` to ``ring-N``); nobody else may use those names.

"Anyone in" is a user the gate identifies (:mod:`smlearn.classmode.auth`). Without credentials the
answer is 401; a student asking for an instructor's endpoint, or sending records as another user,
gets 403. Sending records: 404 for an unknown session, 409 for a closed one, 413 for a body over
64 KiB, 415 without ``Content-Type: application/json``, 400 for anything else wrong; on every 4xx
nothing is stored. A replayed record is answered 200 and counted under ``duplicate``.

Cross-site requests: the service sends no CORS headers, and every request that changes something
is a DELETE, a PATCH or a POST of ``application/json``, which a page on another site cannot send
without a CORS preflight that the service never grants. So a browser's cookie (hub login) or
cached Basic credentials cannot be used by another site to post or clear.

The database calls run on the event loop: each is one short transaction on one writer (SQLite
serialises writes anyway), a few milliseconds for a batch, so a thread pool would add contention
and no throughput.
"""

from __future__ import annotations

import asyncio
import csv
import functools
import io
import json
import logging
import signal
import time
from http import HTTPStatus
from pathlib import Path

import tornado.escape
import tornado.template
import tornado.web
from tornado.httpserver import HTTPServer

from smlearn.classmode.auth import Gate, Identity
from smlearn.classmode.kinds import KINDS, not_open, parse_move
from smlearn.classmode.records import LONGEST_BODY, Refused, course_question_objects, course_questions, parse_records
from smlearn.classmode.stats import misconceptions_of, question_stats
from smlearn.classmode.store import RECORD_COLUMNS, SESSION_ID, Store
from smlearn.params import check_flag, check_instance, check_number, check_text

__all__ = ["make_app", "run", "LARGEST_REQUEST", "STATS_SECONDS"]

log = logging.getLogger("smlearn.classmode")
# tornado refuses a larger body before reading it, without a JSON message; up to here a too-large body is
# read and answered 413 in JSON, naming the 64 KiB limit.
LARGEST_REQUEST = 1024 * 1024
STATS_SECONDS = 1.0    # how old the statistics a request gets may be
DASHBOARD = Path(__file__).parent / "dashboard"     # the page, its script and its style sheet
# The page runs only its own script and style and talks only to this service; no other site may frame it.
_PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
                "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def _error_message(handler, status_code: int, kwargs: dict) -> str:
    """What a refusal says: the service's own message, or for an unexpected error its status only (nothing of its insides)."""
    error = kwargs.get("exc_info", (None, None, None))[1]
    if isinstance(error, tornado.web.HTTPError) and error.log_message:
        return error.log_message % error.args if error.args else error.log_message
    if isinstance(error, tornado.web.HTTPError) and status_code == 405:
        return f"{handler.request.method} is not allowed here"
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return f"error {status_code}"


class _Api(tornado.web.RequestHandler):
    """What every endpoint shares: the gate, JSON answers, JSON errors."""

    identity: Identity

    def initialize(self, store: Store, gate: Gate, questions: dict):
        self.store, self.gate, self.questions = store, gate, questions

    def set_default_headers(self):
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")   # answers are per user and change live
        self.set_header("X-Content-Type-Options", "nosniff")

    async def prepare(self):
        try:
            self.identity = await self.gate.identify(self)
        except Refused as refusal:
            self._refuse(refusal)

    def _refuse(self, refusal: Refused):
        raise tornado.web.HTTPError(refusal.status, "%s", str(refusal), reason=HTTPStatus(refusal.status).phrase) from None

    def refuse(self, status: int, message: str):
        self._refuse(Refused(message, status))

    def write_error(self, status_code, **kwargs):
        message = _error_message(self, status_code, kwargs)
        if status_code == 401 and self.gate.challenge():
            self.set_header("WWW-Authenticate", self.gate.challenge())
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json.dumps({"error": message}))

    def instructor_only(self, what: str):
        if not self.identity.instructor:
            self.refuse(403, f"only an instructor may {what}; you are signed in as the student {self.identity.name!r}")

    def json_body(self) -> bytes:
        """The body of a request that changes something: JSON (by its Content-Type), at most 64 KiB."""
        if len(self.request.body) > LONGEST_BODY:
            self.refuse(413, f"the body must be at most {LONGEST_BODY} bytes; got {len(self.request.body)}")
        kind = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            self.refuse(415, f"send the body as Content-Type: application/json; got {kind or 'no Content-Type'!r}")
        return self.request.body

    def answer(self, value, status: int = 200):
        self.set_status(status)
        self.finish(json.dumps(value, ensure_ascii=False))

    def known_session(self, sid: str) -> dict:
        session = self.store.session(sid)
        if session is None:
            self.refuse(404, f"there is no class session {sid!r}: ask your instructor for the session id")
        return session


class _Me(_Api):
    def get(self):
        self.answer({"name": self.identity.name, "instructor": self.identity.instructor, "gate": self.gate.kind})


class _Questions(_Api):
    def get(self):
        self.answer({"questions": [{"id": q, "lesson": lesson} for q, lesson in self.questions.items()]})


class _Sessions(_Api):
    def get(self):
        sessions = self.store.sessions()
        if not self.identity.instructor:
            sessions = [session for session in sessions if session["open"]]
        self.answer({"sessions": sessions})

    def post(self):
        self.instructor_only("open a class session")
        body = self.json_body() or b"{}"
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            self.refuse(400, f"the body must be JSON: {error}")
        if not isinstance(data, dict) or set(data) - {"name"}:
            self.refuse(400, "the body must be a JSON object with at most one field, name")
        name = data.get("name", "")
        if not isinstance(name, str) or len(name) > 200:
            self.refuse(400, "name must be text of at most 200 characters")
        self.answer(self.store.open_session(name), 201)


class _Session(_Api):
    def patch(self, sid):
        self.instructor_only("open or close a class session")
        self.known_session(sid)
        try:
            data = json.loads(self.json_body())
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            self.refuse(400, f"the body must be JSON: {error}")
        if not isinstance(data, dict) or set(data) != {"open"} or not isinstance(data["open"], bool):
            self.refuse(400, 'the body must be {"open": true} or {"open": false}')
        self.answer(self.store.set_open(sid, data["open"]))

    def delete(self, sid):
        self.instructor_only("clear a class session")
        self.known_session(sid)
        self.answer({"session": sid, "deleted": self.store.clear(sid)})


class _Records(_Api):
    def post(self, sid):
        body = self.json_body()
        session = self.known_session(sid)
        if not session["open"]:
            self.refuse(409, f"the class session {sid!r} is closed: it takes no more answers (an instructor can reopen it)")
        try:
            batch = parse_records(body, self.questions)
        except Refused as refusal:
            self._refuse(refusal)
        if batch.user is not None and batch.user != self.identity.name:
            self.refuse(403, f"you are signed in as {self.identity.name!r} and may send only your own answers, "
                             f"not {batch.user!r}'s")
        stored, duplicate = self.store.add_records(sid, self.identity.name, batch.records)
        self.answer({"session": sid, "stored": stored, "duplicate": duplicate})


class _Stats(_Api):
    def initialize(self, store: Store, gate: Gate, questions: dict, cache: dict, explain, clock):
        super().initialize(store, gate, questions)
        self.cache, self.explain, self.clock = cache, explain, clock

    def get(self, sid):
        self.known_session(sid)
        # Students see a wrong answer once two students gave it: a lone slip stays private (stats module).
        min_shared = 1 if self.identity.instructor else 2
        # A whole class polls this: the answer is computed at most once a second per session and role,
        # well inside the "new answers visible within 2 s".
        key = (sid, min_shared)
        made, value = self.cache.get(key, (float("-inf"), None))
        if self.clock() - made >= STATS_SECONDS:
            rows = self.store.answers(sid)
            value = {"session": sid, "students": len({row["user"] for row in rows}), "records": len(rows),
                     "questions": question_stats(rows, min_shared=min_shared, explain=self.explain),
                     "refresh_seconds": STATS_SECONDS}
            self.cache[key] = (self.clock(), value)
        self.answer(value)


class _Csv(_Api):
    def get(self, sid):
        self.instructor_only("read every student's records")
        self.known_session(sid)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(RECORD_COLUMNS)
        for row in self.store.records(sid):
            writer.writerow([_cell(row[column]) for column in RECORD_COLUMNS])
        self.set_header("Content-Type", "text/csv; charset=UTF-8")
        self.set_header("Content-Disposition", f'attachment; filename="class-{sid}.csv"')
        self.finish(out.getvalue())


def _cell(value) -> str:
    """A CSV cell a spreadsheet shows as text: an answer such as ``=HYPERLINK(...)`` must not run as a formula."""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(text)            # -0.35 is a number a learner gave, not a formula
        except ValueError:
            return "'" + text
    return text


class _ExperimentApi(_Api):
    """What the experiment endpoints share: the session's experiment, or a 404."""

    def known_experiment(self, sid: str, eid: str) -> dict:
        self.known_session(sid)
        experiment = self.store.experiment(eid)
        if experiment is None or experiment["session"] != sid:
            self.refuse(404, f"there is no experiment {eid!r} in the class session {sid!r}: "
                             f"GET api/sessions/{sid}/experiments lists them")
        return experiment

    def json_object(self) -> dict:
        try:
            data = json.loads(self.json_body())
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            self.refuse(400, f"the body must be JSON: {error}")
        if not isinstance(data, dict):
            self.refuse(400, "the body must be a JSON object")
        return data


def _listed(experiment: dict) -> dict:
    """An experiment as the list shows it to anyone: nothing of its settings a student must not see (the truth)."""
    return {"id": experiment["id"], "kind": experiment["kind"], "question": experiment["spec"].get("question", ""),
            "rounds": experiment["rounds"], "round": experiment["round"]}


class _Experiments(_ExperimentApi):
    def get(self, sid):
        self.known_session(sid)
        self.answer({"experiments": [_listed(e) for e in self.store.experiments(sid)]})

    def post(self, sid):
        self.instructor_only("open an experiment")
        self.known_session(sid)
        data = self.json_object()
        kind = KINDS.get(data.get("kind"))
        if kind is None:
            self.refuse(400, f"kind must be one of {sorted(KINDS)}; got {data.get('kind')!r:.40}")
        try:
            spec = kind.parse_spec(data)
        except Refused as refusal:
            self._refuse(refusal)
        self.answer(self.store.open_experiment(sid, kind.name, spec), 201)


class _Experiment(_ExperimentApi):
    def get(self, sid, eid):
        experiment = self.known_experiment(sid, eid)
        kind, spec = KINDS[experiment["kind"]], experiment["spec"]
        context = {}
        if kind.groups(spec):
            # A student is put in a group (the market's world) on first sight; an instructor only by moving.
            if not self.identity.instructor:
                self.store.assign(eid, self.identity.name, kind.groups(spec))
            context["groups"] = self.store.assignments(eid)
            context["group"] = context["groups"].get(self.identity.name)
        view = kind.student_view(spec, experiment["round"], self.store.moves(eid), self.identity.name, **context)
        self.answer({"id": eid, "session": sid, **view})

    def patch(self, sid, eid):
        self.instructor_only("open or close an experiment's rounds")
        experiment = self.known_experiment(sid, eid)
        data = self.json_object()
        rounds = experiment["rounds"]
        if set(data) != {"round"} or type(data["round"]) is not int or not 0 <= data["round"] <= rounds:
            self.refuse(400, f'the body must be {{"round": N}} with N from 1 to {rounds} to open that round, '
                             'or 0 to close the experiment')
        self.answer(self.store.set_round(eid, data["round"]))


class _Moves(_ExperimentApi):
    def post(self, sid, eid):
        body = self.json_body()
        experiment = self.known_experiment(sid, eid)
        if not self.store.session(sid)["open"]:
            self.refuse(409, f"the class session {sid!r} is closed: it takes no more moves")
        kind, spec = KINDS[experiment["kind"]], experiment["spec"]
        try:
            move = parse_move(body, kind, spec)
        except Refused as refusal:
            self._refuse(refusal)
        closed = not_open(move, experiment["round"])
        if closed:
            self.refuse(409, closed)
        mover = self._mover(move, kind.stand_ins(spec))
        if kind.groups(spec):
            self.store.assign(eid, mover, kind.groups(spec))
        outcome = self.store.add_move(eid, mover, move, kind.slot(move.value))
        if outcome == "taken":
            self.refuse(409, kind.taken_message(move))
        self.answer({"experiment": eid, "round": move.round, "stored": int(outcome == "stored"),
                     "duplicate": int(outcome == "duplicate")})

    def _mover(self, move, stand_ins: frozenset) -> str:
        """Whose move it is: the sender's own, or a stand-in's (the planted ring) that an instructor sends."""
        name = self.identity.name
        if name in stand_ins and not self.identity.instructor:
            self.refuse(403, f"the names {sorted(stand_ins)[0]}.. belong to the experiment's planted accounts: "
                             f"ask your instructor to sign you in under another name")
        if move.user is None or move.user == name:
            return name
        if self.identity.instructor and move.user in stand_ins:
            return move.user
        if self.identity.instructor and stand_ins:
            self.refuse(403, f"an instructor may send moves as the planted accounts {sorted(stand_ins)} only, "
                             f"not as {move.user!r}")
        self.refuse(403, f"you are signed in as {name!r} and may send only your own moves, not {move.user!r}'s")


class _Results(_ExperimentApi):
    def get(self, sid, eid):
        self.instructor_only("read every student's moves")
        experiment = self.known_experiment(sid, eid)
        kind = KINDS[experiment["kind"]]
        context = {"groups": self.store.assignments(eid)} if kind.groups(experiment["spec"]) else {}
        results = kind.results(experiment["spec"], self.store.moves(eid), **context)
        self.answer({**experiment, **results})


def _per_round(experiment: dict, counts: dict) -> dict:
    """Moves and students in each round of ``experiment`` (0 for a round nobody moved in), keyed by the round as text."""
    none = {"moves": 0, "students": 0}
    return {str(r): counts.get(r, none) for r in range(1, experiment["rounds"] + 1)}


class _ExperimentStats(_ExperimentApi):
    """The dashboard's list of a session's experiments: what each asks, its round, its moves per round."""

    def get(self, sid):
        self.instructor_only("see the class's experiments on the dashboard")
        self.known_session(sid)
        counts = self.store.move_counts(sid)
        self.answer({"session": sid, "experiments": [
            {**_listed(e), "moves": _per_round(e, counts.get(e["id"], {}))} for e in self.store.experiments(sid)]})


class _LiveExperiment(_ExperimentApi):
    """One experiment's live aggregates for the dashboard (the kind's ``live``); no student's name."""

    def get(self, sid, eid):
        self.instructor_only("see an experiment's live numbers on the dashboard")
        experiment = self.known_experiment(sid, eid)
        kind, spec = KINDS[experiment["kind"]], experiment["spec"]
        context = {"groups": self.store.assignments(eid)} if kind.groups(spec) else {}
        moves = self.store.moves(eid)
        counts = {}
        for m in moves:
            row = counts.setdefault(m["round"], {"moves": 0, "users": set()})
            row["moves"] += 1
            row["users"].add(m["user"])
        counts = {r: {"moves": row["moves"], "students": len(row["users"])} for r, row in counts.items()}
        self.answer({**_listed(experiment), "session": sid, "moves": _per_round(experiment, counts),
                     "live": kind.live(spec, experiment["round"], moves, **context)})


class _Dashboard(_Api):
    """The instructor's page: HTML whose script polls ``api/sessions/<sid>/stats`` (dashboard/dashboard.js)."""

    def initialize(self, store: Store, gate: Gate, questions: dict, prefix: str):
        super().initialize(store, gate, questions)
        self.prefix = prefix

    def set_default_headers(self):
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Content-Security-Policy", _PAGE_POLICY)
        self.set_header("Referrer-Policy", "no-referrer")

    async def prepare(self):
        try:
            self.identity = await self.gate.identify(self)
        except Refused as refusal:
            login = self.gate.login_url(self.prefix)
            if refusal.status == 401 and login:      # a browser on the hub: through the hub's login and back
                self.redirect(f"{login}?next={tornado.escape.url_escape(self.request.uri)}")
                return
            self._refuse(refusal)

    def get(self):
        self.instructor_only("open the class dashboard; students see their class's aggregates in the lesson")
        self.finish(_page().generate(prefix=self.prefix, name=self.identity.name, gate=self.gate.kind,
                                     refresh=STATS_SECONDS, token=self.gate.page_token(self)))

    def write_error(self, status_code, **kwargs):
        message = _error_message(self, status_code, kwargs)
        if status_code == 401 and self.gate.challenge():
            self.set_header("WWW-Authenticate", self.gate.challenge())
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{status_code}: class "
                    f"dashboard</title></head><body><h1>{status_code}</h1><p>{tornado.escape.xhtml_escape(message)}</p>"
                    "</body></html>")


@functools.cache
def _page() -> tornado.template.Template:
    return tornado.template.Template((DASHBOARD / "index.html").read_text(encoding="utf-8"), name="index.html")


class _NotFound(_Api):
    async def prepare(self):
        self.refuse(404, f"no such endpoint {self.request.path!r}; the API is under api/ (see smlearn.classmode.app)")


def make_app(store: Store, gate: Gate, *, questions=None, prefix: str = "/", explain=None,
             clock=time.monotonic) -> tornado.web.Application:
    """The class service's tornado application.

    Parameters
    ----------
    store : Store
        The database (:func:`smlearn.classmode.store.open_store`).
    gate : Gate
        Who is asking (:class:`~smlearn.classmode.auth.ClassCodeGate` or :class:`~smlearn.classmode.auth.HubGate`).
    questions : mapping, optional
        The question ids the service takes, each with its lesson; by default every question of the
        course (:func:`smlearn.classmode.records.course_questions`).
    prefix : str
        Where the service lives: ``/``, or ``/services/<name>/`` behind JupyterHub's proxy.
    explain : callable, optional
        Names the misconception behind a wrong answer (:func:`smlearn.classmode.stats.misconceptions_of`);
        by default the course's questions' own feedback, their slips computed at once (about 2 s, once a process).
    clock : callable
        Seconds from a fixed point (:func:`time.monotonic`): when the statistics were computed.
        Tests pass a clock they move by hand.
    """
    check_instance("store", store, Store, "the service's database (smlearn.classmode.store.open_store)")
    check_instance("gate", gate, Gate, "a ClassCodeGate or HubGate (smlearn.classmode.auth)")
    check_text("prefix", prefix)
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"prefix must start and end with '/', such as /services/smlearn-class/; got {prefix!r}")
    questions = dict(course_questions() if questions is None else
                     check_instance("questions", questions, dict, "a dict of question ids to lessons"))
    if explain is None:
        explain = misconceptions_of(course_question_objects(), warm=True)   # before it listens: see there
    elif not callable(explain):
        raise TypeError(f"explain must be a function (question, answer, user) -> (answer, misconception); got {explain!r}")
    if not callable(clock):
        raise TypeError(f"clock must be a function returning seconds, such as time.monotonic; got {clock!r}")
    shared = {"store": store, "gate": gate, "questions": questions}
    api = prefix + "api/"
    routes = [
        (prefix, _Dashboard, {**shared, "prefix": prefix}),
        (prefix + "static/(.*)", tornado.web.StaticFileHandler, {"path": str(DASHBOARD)}),
        (api + "me", _Me, shared),
        (api + "questions", _Questions, shared),
        (api + "sessions", _Sessions, shared),
        (api + f"sessions/({SESSION_ID})", _Session, shared),
        (api + f"sessions/({SESSION_ID})/records", _Records, shared),
        (api + f"sessions/({SESSION_ID})/stats", _Stats, {**shared, "cache": {}, "explain": explain, "clock": clock}),
        (api + rf"sessions/({SESSION_ID})/records\.csv", _Csv, shared),
        (api + f"sessions/({SESSION_ID})/experiments", _Experiments, shared),
        (api + f"sessions/({SESSION_ID})/experiments/({SESSION_ID})", _Experiment, shared),
        (api + f"sessions/({SESSION_ID})/experiments/({SESSION_ID})/moves", _Moves, shared),
        (api + f"sessions/({SESSION_ID})/experiments/({SESSION_ID})/results", _Results, shared),
        (api + f"sessions/({SESSION_ID})/experiment-stats", _ExperimentStats, shared),
        (api + f"sessions/({SESSION_ID})/experiments/({SESSION_ID})/stats", _LiveExperiment, shared),
        *gate.routes(prefix),
    ]
    return tornado.web.Application(routes, default_handler_class=_NotFound, default_handler_args=shared,
                                   **gate.app_settings())


async def _serve(app, host: str, port: int, ready, behind_proxy: bool) -> None:
    # Behind the hub's proxy, X-Forwarded-For names the student's machine in the log; without a proxy anyone
    # could write that header, so it is ignored.
    server = HTTPServer(app, max_body_size=LARGEST_REQUEST, xheaders=behind_proxy)
    server.listen(port, address=host)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    ready()
    await stop.wait()
    server.stop()
    await server.close_all_connections()


def run(app: tornado.web.Application, *, host: str = "127.0.0.1", port: int = 8765, ready=None,
        behind_proxy: bool = False) -> None:
    """Serve ``app`` on ``host``:``port`` until Ctrl-C or SIGTERM, then close its connections and return.

    ``ready`` is called once the service listens (to print the address and the codes);
    ``behind_proxy`` trusts the proxy's X-Forwarded-For (JupyterHub's proxy sets it).
    """
    check_instance("app", app, tornado.web.Application, "the class service's app (make_app)")
    check_text("host", host)
    port = check_number("port", port, 0, 65535, integer=True)
    check_flag("behind_proxy", behind_proxy)
    asyncio.run(_serve(app, host, port, ready or (lambda: None), behind_proxy))
