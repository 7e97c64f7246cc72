"""Benchmark: the class service under a whole class, on SQLite and on PostgreSQL.

Run from the repository root::

    python benchmarks/classmode_load.py            # about 3 minutes (two 60 s runs, and the set-up)
    python benchmarks/classmode_load.py --quick    # 60 students over 20 s, for a smoke test

For each database it starts ``smlearn class serve`` in a subprocess (a SQLite file in a temporary
folder; then PostgreSQL, from the ``initdb`` and ``pg_ctl`` on the PATH with the ``psycopg``
driver, in a throwaway cluster on a Unix socket; skipped, saying why, when either is missing),
opens a session as the instructor, and lets 300 simulated students each send 20 records within
60 s, one record a request as a kernel sends a check, each student's records spread over the
minute (about 100 requests a second in all). One record in 20 is sent a second time, as a
kernel's retry after a lost answer. Meanwhile the instructor's dashboard polls the statistics
once a second. Then it checks, from the instructor's CSV export, that every record is stored
once: none lost, none duplicated, and that each retry was answered as a duplicate.

The class also runs two experiments meanwhile (``--downloads``, default 3; 0 for none): each
student makes one wisdom-of-the-crowd estimate and downloads that many songs in a class music
market, each move at a random moment of the window and each after a look at the experiment
(``GET .../experiments/<eid>``), as a kernel's ``estimate`` and ``download`` look first; one move
in 20 is sent again. The instructor's dashboard also polls its experiments view once a second
(the list and the market's live numbers). The instructor's results of both experiments then
show every move once.

It reports:

- the latency of sending a record, p50, p99 and the largest (target p99 <= 250 ms with SQLite),
  measured by the client from request to answer; the client runs on the same 2-core machine, in
  one Python process, so its own work is in these figures;
- the latency of a move (an estimate or a download) and of a look at an experiment, beside the records';
- the latency of the dashboard's statistics during the load (cached at most a second), and of its
  experiments view (the list and one experiment's live numbers, not cached);
- the cost of a dashboard refresh at that size: the median of ``--stats-repeats`` GETs each
  made after the service's cache expired, and, in this process, the database query and the
  statistics apart (``Store.answers`` and ``question_stats`` with the misconceptions).

Results are printed and written to ``benchmarks/results/classmode_load.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import csv
import importlib.util
import io
import json
import os
import platform
import pwd
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from run import report, summary, timings  # noqa: E402  (the foundation's helpers)

STUDENT_CODE, INSTRUCTOR_CODE = "bench-class-7", "bench-instructor-code-42"
RETRY_EVERY = 20         # one record in 20 is sent twice
P99_TARGET_MS = 250.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def basic(name: str, code: str) -> str:
    return "Basic " + base64.b64encode(f"{name}:{code}".encode()).decode()


def start_service(database: str, port: int) -> subprocess.Popen:
    """``smlearn class serve`` on ``port``, from this checkout; returns once it listens."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen(
        [sys.executable, "-m", "smlearn.cli", "class", "serve", "--port", str(port), "--database", database,
         "--code", STUDENT_CODE, "--instructor-code", INSTRUCTOR_CODE],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in process.stdout:               # it loads the course's questions first: a few seconds
        if line.startswith("smlearn class service at"):
            return process
    raise RuntimeError(f"smlearn class serve did not start (exit {process.wait()})")


def stop_service(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()


def postgres_missing() -> str | None:
    for tool in ("initdb", "pg_ctl"):
        if shutil.which(tool) is None:
            return f"{tool} is not on the PATH (apt-get install postgresql)"
    if importlib.util.find_spec("psycopg") is None:
        return "the psycopg driver is not installed (pip install smlearn[postgresql])"
    return None


class Postgres:
    """A throwaway PostgreSQL cluster in a temporary folder, on a Unix socket only (as ``postgres`` when root)."""

    def __enter__(self):
        self.folder = tempfile.mkdtemp(prefix="smlearn-pg-bench-")
        self.as_user = []
        if os.geteuid() == 0:            # PostgreSQL refuses to run as root
            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data = os.path.join(self.folder, "data")
        port = free_port()
        subprocess.run([*self.as_user, "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8"],
                       check=True, capture_output=True)
        subprocess.run([*self.as_user, "pg_ctl", "-D", self.data, "-w", "-l", os.path.join(self.folder, "log"),
                        "-o", f"-k {self.folder} -p {port} -c listen_addresses=''", "start"],
                       check=True, capture_output=True)
        self.url = f"postgresql+psycopg://postgres@/postgres?host={self.folder}&port={port}"
        return self

    def __exit__(self, *exc):
        subprocess.run([*self.as_user, "pg_ctl", "-D", self.data, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def plan(students: int, per_student: int, seconds: float, questions: dict, seed: int = 1) -> list:
    """Every request of the run: (when, user, record), sorted by time; each student's spread over the window."""
    rng = random.Random(seed)
    ids = sorted(questions)
    sends = []
    for s in range(students):
        user = f"student{s:03d}"
        slot = seconds / per_student
        for j in range(per_student):
            question = ids[(s + j) % len(ids)]
            correct = rng.random() < 0.6
            record = {"id": f"{user}-{j}", "v": 1, "time": "2026-12-05T10:00:00+00:00", "lesson": questions[question],
                      "question": question, "answer": "0.351" if correct else rng.choice(["0.3", "0.5", "12", "b"]),
                      "correct": correct, "attempt": 1}
            when = (j + rng.random()) * slot
            sends.append((when, user, record))
            if rng.randrange(RETRY_EVERY) == 0:      # the kernel's retry, a little later, of the same record
                sends.append((min(when + rng.uniform(0.05, 2.0), seconds), user, record))
    sends.sort(key=lambda send: send[0])
    return sends


SONGS = [f"Song {k}" for k in range(12)]


def plan_moves(students: int, downloads: int, seconds: float, seed: int = 2) -> list:
    """Every move of the run: (when, user, kind, move), sorted by time; a crowd estimate and downloads each."""
    rng = random.Random(seed)
    moves = []
    for s in range(students):
        user = f"student{s:03d}"
        planned = [("crowd", {"id": f"{user}-c", "round": 1, "estimate": round(rng.lognormvariate(7, 0.6))})]
        planned += [("market", {"id": f"{user}-m{song}", "round": 1, "song": song})
                    for song in rng.sample(range(len(SONGS)), downloads)]
        for kind, move in planned:
            when = rng.random() * seconds
            moves.append((when, user, kind, move))
            if rng.randrange(RETRY_EVERY) == 0:
                moves.append((min(when + rng.uniform(0.05, 2.0), seconds), user, kind, move))
    moves.sort(key=lambda one: one[0])
    return moves


async def load(base: str, sid: str, sends: list, seconds: float, moves: list = (), eids: dict | None = None) -> dict:
    """Send every planned record and move at its time; poll the stats once a second as the dashboard does."""
    from tornado.httpclient import AsyncHTTPClient, HTTPClientError

    # As many connections as requests in flight: a queue inside the client would be counted as the service's latency.
    client = AsyncHTTPClient(force_instance=True, max_clients=1000)
    latencies, answers, failures, polls = [], [], [], []
    move_latencies, look_latencies, move_answers, experiment_polls = [], [], [], []
    url = f"{base}/api/sessions/{sid}/records"
    start = time.perf_counter()

    async def send(when, user, record):
        await asyncio.sleep(max(0.0, start + when - time.perf_counter()))
        began = time.perf_counter()
        try:
            response = await client.fetch(url, method="POST", body=json.dumps(record),
                                          headers={"Content-Type": "application/json",
                                                   "Authorization": basic(user, STUDENT_CODE)},
                                          request_timeout=60)
            answers.append(json.loads(response.body))
        except (HTTPClientError, OSError) as error:
            failures.append(f"{user} {record['id']}: {error}")
            return
        latencies.append((time.perf_counter() - began) * 1000)

    async def move(when, user, kind, body):
        """A kernel's move: a look at the experiment (which round is open), then the move."""
        await asyncio.sleep(max(0.0, start + when - time.perf_counter()))
        experiment = f"{base}/api/sessions/{sid}/experiments/{eids[kind]}"
        headers = {"Authorization": basic(user, STUDENT_CODE)}
        try:
            began = time.perf_counter()
            await client.fetch(experiment, headers=headers, request_timeout=60)
            look_latencies.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            response = await client.fetch(experiment + "/moves", method="POST", body=json.dumps(body),
                                          headers={**headers, "Content-Type": "application/json"}, request_timeout=60)
            move_answers.append(json.loads(response.body))
        except (HTTPClientError, OSError) as error:
            failures.append(f"{user} {body['id']}: {error}")
            return
        move_latencies.append((time.perf_counter() - began) * 1000)

    async def dashboard():
        prof = {"Authorization": basic("prof", INSTRUCTOR_CODE)}
        while time.perf_counter() - start < seconds:
            began = time.perf_counter()
            await client.fetch(f"{base}/api/sessions/{sid}/stats", headers=prof)
            polls.append((time.perf_counter() - began) * 1000)
            if eids:     # the experiments view: the list, and the market's live numbers
                began = time.perf_counter()
                await client.fetch(f"{base}/api/sessions/{sid}/experiment-stats", headers=prof)
                await client.fetch(f"{base}/api/sessions/{sid}/experiments/{eids['market']}/stats", headers=prof)
                experiment_polls.append((time.perf_counter() - began) * 1000)
            await asyncio.sleep(1.0)

    await asyncio.gather(dashboard(), *(send(*one) for one in sends), *(move(*one) for one in moves))
    took = time.perf_counter() - start
    client.close()
    return {"latencies": latencies, "answers": answers, "failures": failures, "polls": polls, "took": took,
            "move latencies": move_latencies, "look latencies": look_latencies, "move answers": move_answers,
            "experiment polls": experiment_polls}


def open_experiments(base: str, sid: str) -> dict:
    """A wisdom-of-the-crowd experiment and a class music market in the session: {kind: id}."""
    specs = {"crowd": {"kind": "crowd", "question": "How many posts did the forum get last year?", "truth": 1500,
                       "high": 1e7},
             "market": {"kind": "market", "songs": SONGS, "worlds": 4}}
    return {kind: post(base, f"/api/sessions/{sid}/experiments", spec)["id"] for kind, spec in specs.items()}


def post(base: str, path: str, body: dict) -> dict:
    import urllib.request

    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": basic("prof", INSTRUCTOR_CODE),
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def count_moves(base: str, sid: str, eids: dict, moves: list, result: dict) -> dict:
    """Every planned move stored once? From the instructor's results of each experiment."""
    crowd = json.loads(fetch(base, f"/api/sessions/{sid}/experiments/{eids['crowd']}/results"))["moves"]
    market = json.loads(fetch(base, f"/api/sessions/{sid}/experiments/{eids['market']}/results"))["moves"]
    stored = [(m["user"], "crowd", None) for m in crowd] + [(m["user"], "market", m["song"]) for m in market]
    expected = {(user, kind, body.get("song")) for _when, user, kind, body in moves}
    answers = result["move answers"]
    return {"move requests": len(moves), "moves answered": len(answers), "moves sent": len(expected),
            "moves stored": len(stored), "moves lost": len(expected - set(stored)),
            "moves duplicated": len(stored) - len(set(stored)), "moves unexpected": len(set(stored) - expected),
            "moves answered stored": sum(a["stored"] for a in answers),
            "moves answered duplicate": sum(a["duplicate"] for a in answers)}


def fetch(base: str, path: str) -> bytes:
    import urllib.request

    request = urllib.request.Request(base + path, headers={"Authorization": basic("prof", INSTRUCTOR_CODE)})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def open_session(base: str) -> str:
    import urllib.request

    request = urllib.request.Request(base + "/api/sessions", data=b'{"name": "load benchmark"}', method="POST",
                                     headers={"Authorization": basic("prof", INSTRUCTOR_CODE),
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["id"]


def percentiles(values: list[float]) -> dict:
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]   # noqa: E731  (nearest rank)
    return {"p50_ms": statistics.median(ordered), "p90_ms": pick(0.90), "p99_ms": pick(0.99), "max_ms": ordered[-1],
            "n": len(ordered)}


def run_one(name: str, database: str, args, questions: dict) -> dict:
    """One whole run on one database: serve, load, count, time the dashboard."""
    from smlearn.classmode.records import course_question_objects
    from smlearn.classmode.stats import misconceptions_of, question_stats
    from smlearn.classmode.store import open_store

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    service = start_service(database, port)
    try:
        sid = open_session(base)
        sends = plan(args.students, args.records, args.seconds, questions)
        eids = open_experiments(base, sid) if args.downloads else {}
        moves = plan_moves(args.students, args.downloads, args.seconds) if args.downloads else []
        print(f"\n{name}: {args.students} students x {args.records} records over {args.seconds:g} s "
              f"({len(sends)} requests, {len(sends) - args.students * args.records} of them retries)"
              f"; and {len(moves)} moves (an estimate and {args.downloads} downloads each, with retries), "
              "each after a look", flush=True)
        result = asyncio.run(load(base, sid, sends, args.seconds, moves, eids))
        rows = list(csv.DictReader(io.StringIO(fetch(base, f"/api/sessions/{sid}/records.csv").decode())))
        expected = {(user, record["id"]) for _when, user, record in sends}
        stored = [(row["user"], row["record_id"]) for row in rows]
        counts = {"requests": len(sends), "answered": len(result["answers"]), "failed": len(result["failures"]),
                  "records sent": len(expected), "rows stored": len(stored),
                  "lost": len(expected - set(stored)), "duplicated": len(stored) - len(set(stored)),
                  "unexpected": len(set(stored) - expected),
                  "answered stored": sum(answer["stored"] for answer in result["answers"]),
                  "answered duplicate": sum(answer["duplicate"] for answer in result["answers"]),
                  "seconds taken": round(result["took"], 1)}
        if moves:
            counts.update(count_moves(base, sid, eids, moves, result))
        # the refresh cost at this size: each GET after the service's cache expired (STATS_SECONDS)
        uncached = []
        for _ in range(args.stats_repeats):
            time.sleep(1.05)
            began = time.perf_counter()
            fetch(base, f"/api/sessions/{sid}/stats")
            uncached.append((time.perf_counter() - began) * 1000)
        # the experiments view at this size: the list, and each experiment's live numbers (never cached)
        views = {}
        if eids:
            views["experiments list"] = f"/api/sessions/{sid}/experiment-stats"
            views.update({f"{kind} live": f"/api/sessions/{sid}/experiments/{eid}/stats" for kind, eid in eids.items()})
        view_costs = {label: summary(timings(lambda i, path=path: fetch(base, path), args.stats_repeats, warmup=1))
                      for label, path in views.items()}
    finally:
        stop_service(service)
    store = open_store(database)
    try:
        explain = misconceptions_of(course_question_objects())
        answers = store.answers(sid)
        query = summary(timings(lambda i: store.answers(sid), args.stats_repeats, warmup=1))
        compute = summary(timings(lambda i: question_stats(answers, explain=explain), args.stats_repeats, warmup=1))
    finally:
        store.close()
    out = {"counts": counts, "send latency": percentiles(result["latencies"]),
           "stats during load (cached <= 1 s)": percentiles(result["polls"]),
           "stats refresh, uncached GET": summary(uncached),
           "stats refresh, query alone": query, "stats refresh, statistics alone": compute,
           "failures (first 5)": result["failures"][:5]}
    if moves:
        out["move latency"] = percentiles(result["move latencies"])
        out["experiment look latency"] = percentiles(result["look latencies"])
        out["experiments view during load"] = percentiles(result["experiment polls"])
        out.update({f"experiments view, {label}": cost for label, cost in view_costs.items()})
    print_run(out)
    return out


def print_run(out: dict) -> None:
    c = out["counts"]
    print(f"  {c['requests']} requests answered {c['answered']}, failed {c['failed']}; {c['records sent']} records sent, "
          f"{c['rows stored']} stored: lost {c['lost']}, duplicated {c['duplicated']}, unexpected {c['unexpected']}; "
          f"answers said stored {c['answered stored']}, duplicate {c['answered duplicate']}; {c['seconds taken']} s")
    if "moves sent" in c:
        print(f"  {c['move requests']} move requests answered {c['moves answered']}; {c['moves sent']} moves sent, "
              f"{c['moves stored']} stored: lost {c['moves lost']}, duplicated {c['moves duplicated']}, unexpected "
              f"{c['moves unexpected']}; answers said stored {c['moves answered stored']}, duplicate "
              f"{c['moves answered duplicate']}")
    for label in ("send latency", "move latency", "experiment look latency", "stats during load (cached <= 1 s)",
                  "experiments view during load"):
        if label not in out:
            continue
        row = out[label]
        print(f"  {label:<36} p50 {row['p50_ms']:7.1f} ms   p90 {row['p90_ms']:7.1f}   p99 {row['p99_ms']:7.1f}   "
              f"max {row['max_ms']:7.1f}   (n {row['n']})")
    views = [label for label in out if label.startswith("experiments view, ")]
    for label in ("stats refresh, uncached GET", "stats refresh, query alone", "stats refresh, statistics alone",
                  *views):
        row = out[label]
        print(f"  {label:<36} median {row['median_ms']:7.1f} ms   p10-p90 {row['p10_ms']:.1f}-{row['p90_ms']:.1f}"
              f"   (n {row['n']})")
    for failure in out["failures (first 5)"]:
        print(f"  failed: {failure}")


def checks_of(name: str, out: dict, target: bool) -> dict:
    c = out["counts"]
    checks = {f"{name}: every request answered": c["failed"] == 0,
              f"{name}: none lost": c["lost"] == 0, f"{name}: none duplicated": c["duplicated"] == 0 and c["unexpected"] == 0,
              f"{name}: each retry answered as a duplicate": c["answered duplicate"] == c["requests"] - c["records sent"]}
    if "moves sent" in c:
        checks.update({f"{name}: no move lost": c["moves lost"] == 0,
                       f"{name}: no move duplicated": c["moves duplicated"] == 0 and c["moves unexpected"] == 0,
                       f"{name}: each move retry answered as a duplicate":
                           c["moves answered duplicate"] == c["move requests"] - c["moves sent"]})
    if target:
        checks[f"{name}: send p99 <= {P99_TARGET_MS:g} ms"] = out["send latency"]["p99_ms"] <= P99_TARGET_MS
        if "move latency" in out:
            checks[f"{name}: move p99 <= {P99_TARGET_MS:g} ms"] = out["move latency"]["p99_ms"] <= P99_TARGET_MS
    return checks


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="60 students over 20 s, for a smoke test")
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--records", type=int, default=20, help="records each student sends")
    parser.add_argument("--seconds", type=float, default=60.0, help="the window they are sent in")
    parser.add_argument("--stats-repeats", type=int, default=15, help="uncached dashboard refreshes timed (1 s apart)")
    parser.add_argument("--downloads", type=int, default=3,
                        help=f"songs each student downloads in the class market, besides one crowd estimate "
                             f"(0: no experiments; at most {len(SONGS)})")
    parser.add_argument("--no-postgresql", action="store_true", help="SQLite only")
    args = parser.parse_args(argv)
    if args.quick:
        args.students, args.seconds, args.stats_repeats = 60, 20.0, 5
    if args.students < 1 or args.records < 1 or args.seconds <= 0 or args.stats_repeats < 1:
        parser.error("--students, --records and --stats-repeats must be at least 1, --seconds above 0")
    if not 0 <= args.downloads <= len(SONGS):
        parser.error(f"--downloads must be from 0 to {len(SONGS)}")

    from smlearn.classmode.records import course_questions

    questions = course_questions()
    results = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                           "cpus": os.cpu_count()},
               "settings": {"students": args.students, "records each": args.records, "seconds": args.seconds,
                            "retry every": RETRY_EVERY, "stats repeats": args.stats_repeats,
                            "downloads each": args.downloads}}
    checks = {}
    with tempfile.TemporaryDirectory(prefix="smlearn-class-bench-") as folder:
        results["sqlite"] = run_one("SQLite (WAL, one file)", str(Path(folder) / "class.sqlite"), args, questions)
    checks.update(checks_of("SQLite", results["sqlite"], target=True))
    reason = "--no-postgresql" if args.no_postgresql else postgres_missing()
    if reason:
        print(f"\nPostgreSQL skipped: {reason}")
        results["postgresql"] = {"skipped": reason}
    else:
        with Postgres() as cluster:
            results["postgresql"] = run_one("PostgreSQL (local cluster, Unix socket)", cluster.url, args, questions)
        checks.update(checks_of("PostgreSQL", results["postgresql"], target=True))
    report(results, checks, "classmode_load.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
