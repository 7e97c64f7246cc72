"""Class mode on a real JupyterHub, end to end: an instructor and three students, in Chromium.

The test starts JupyterHub (the ``jupyterhub`` package) with configurable-http-proxy (npm), the
shared-password authenticator (JupyterHub's dummy authenticator with a password) and the simple
local-process spawner (each user's home folder under a temporary folder). Its configuration
loads the documented one, ``docs/instructors/hub/jupyterhub_config.py``, changing only the class
service's port: so the service, its roles and the instructors' group are what the instructors'
guide tells a hub's admin to write. Then:

1. in Chromium, the instructor logs in through the hub, opens the dashboard at
   ``/services/smlearn-class/`` and opens a session there;
2. each student logs in through the hub in a browser of their own, and gets a 403 page at the
   dashboard; the hub starts their server (its REST API, as a spawn button would) and, in a
   kernel of that server, the student joins the session with ``smlearn.classmode.join`` (the
   kernel signs in with the token the hub gave its server) and checks answers to a question, a
   wrong one and a right one;
3. the instructor's dashboard shows the answers: three students, one right at the first attempt,
   the wrong answer that two gave;
4. the instructor opens a wisdom-of-the-crowd experiment from the dashboard's page (its own
   fetch, with the hub's XSRF token); each student estimates in their kernel
   (``smlearn.classmode.experiments.crowd``); the dashboard's experiments view shows the three
   moves and the crowd's mean, and once the instructor closes the experiment, its error; then a
   class music market (each student downloads a song) and a class front page (each student votes,
   and so does the ring the instructor planted), each with its moves on the dashboard;
5. with the tokens the students' kernels hold, plain HTTP requests: a student gets 403 for the
   CSV of every record, the dashboard, its experiments view, clearing or closing the session, and
   sending as another user (nothing is stored); a student's statistics name no student; no token
   or a forged one gets 401. The instructor's CSV (the browser's hub login) holds every student's
   records;
6. the instructor clears the session with the dashboard's button (confirming the browser's
   question): the answers and the moves are gone from the dashboard.

configurable-http-proxy is found at ``SMLEARN_CHP`` (``.ci/run`` installs it with npm into
``.ci/npm``; locally ``npm install --prefix .ci/npm configurable-http-proxy@5.3.0``), else in
``.ci/npm``, else on ``PATH``. Locally the test skips, saying why, when something it needs is
missing; with ``CI`` set it fails instead. Every process it starts (the hub, the proxy, the
service, the single-user servers and their kernels) is stopped at the end, also on failure.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from class_service import call, record

import labdriver

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
DOCUMENTED = REPO / "docs" / "instructors" / "hub" / "jupyterhub_config.py"
SERVICE = "/services/smlearn-class"
INSTRUCTOR = "instructor"               # the group's member in the documented configuration
STUDENTS = ("ana", "ben", "cleo")
QUESTION, ROW = "links.two_pages", "question-links-two_pages"
WRONG, RIGHT = 0.2, 0.351               # links.two_pages: 0.2 is a wrong answer, 0.351 the right one
ESTIMATES = {"ana": 800, "ben": 900, "cleo": 1000}     # the crowd's mean 900; the truth 1000
JAR = {"kind": "crowd", "question": "How many beans are in the jar?", "truth": 1000, "unit": "beans"}
MARKET = {"kind": "market", "songs": ["Velvet Pylon", "Northbound Goats", "Kettle Logic", "Paper Orchard",
                                     "Lemon Static"], "worlds": 1}
FRONT_PAGE = {"kind": "frontpage", "items": ["Cats", "Dogs", "Owls", "Bees"], "rule": "score", "ring": 2}
STARTUP_SECONDS = 300                   # the hub, its proxy, the service (it loads the course's questions)
SPAWN_SECONDS = 300                     # three single-user servers starting at once on two busy cores
WAIT_MS = 60_000                        # generous: the dashboard itself refreshes every second

# The hub's configuration: the documented file, then what only a test needs. {braces} are filled in.
HUB_CONFIG = '''
load_subconfig({documented!r})
# The documented service as the hub reads it; the one change: a free port instead of 8765.
services = c.JupyterHub.services.get_value([])
ours = [s for s in services if s["name"] == "smlearn-class"]
assert len(ours) == 1 and ours[0]["url"] == "http://127.0.0.1:8765", services
ours[0]["url"] = "http://127.0.0.1:{service_port}"
# The test's hand on the hub's REST API: it starts the students' servers and runs code in their kernels.
services.append({{"name": "e2e-driver", "api_token": {driver_token!r}, "display": False}})
c.JupyterHub.services = services
c.JupyterHub.load_roles = c.JupyterHub.load_roles.get_value([]) + [
    {{"name": "e2e-driver", "services": ["e2e-driver"], "scopes": ["admin:servers", "access:servers", "read:users"]}}]

c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.JupyterHub.db_url = "sqlite:///{folder}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/jupyterhub_cookie_secret"
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {password!r}
c.Authenticator.allowed_users = {users!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{folder}/home/{{username}}"
c.Spawner.cmd = [{python!r}, "-m", "jupyterhub.singleuser"]
c.Spawner.args = {spawner_args!r}
# the kernels import smlearn from this checkout, as the course's other browser tests do
c.Spawner.environment = {{"PYTHONPATH": {repo!r}, "MPLBACKEND": "Agg"}}
c.Spawner.start_timeout = {spawn_seconds}
c.Spawner.http_timeout = {spawn_seconds}
'''


def chp_command() -> str | None:
    """configurable-http-proxy: ``SMLEARN_CHP``, else ``.ci/npm`` (what ``.ci/run`` installs), else ``PATH``."""
    if os.environ.get("SMLEARN_CHP"):
        return os.environ["SMLEARN_CHP"]
    local = REPO / ".ci" / "npm" / "node_modules" / ".bin" / "configurable-http-proxy"
    return str(local) if local.is_file() else shutil.which("configurable-http-proxy")


def missing() -> str | None:
    """Why the hub cannot run here (a sentence), or None."""
    reason = labdriver.missing_requirements()
    if reason:
        return reason
    for module, how in (("jupyterhub", "pip install -e '.[test]'"), ("websocket", "pip install websocket-client")):
        try:
            __import__(module)
        except ImportError:
            return f"the Python package {module} is not installed ({how})"
    chp = chp_command()
    if not chp or not Path(chp).is_file():
        return (f"configurable-http-proxy is not installed at {chp or 'SMLEARN_CHP, .ci/npm or PATH'} "
                "(npm install --prefix .ci/npm configurable-http-proxy@5.3.0, as .ci/run does)")
    if not shutil.which("node"):
        return "node is not installed (configurable-http-proxy runs on it; on Debian: apt-get install -y nodejs)"
    return None


def _exit_with_parent() -> None:
    """In the hub's process: SIGTERM from Linux when the test's process dies (a CI time limit, Ctrl-C twice)."""
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:             # all open at once: four different ports
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (from /proc): the single-user servers start sessions of their own."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue                     # it ended meanwhile
        ppid = int(text[text.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


class Hub:
    """A JupyterHub on free ports of 127.0.0.1, with the documented class service; stopped with :meth:`stop`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port, self.hub_port, self.proxy_api_port, self.service_port = free_ports(4)
        self.url = f"http://127.0.0.1:{self.port}"
        self.service = self.url + SERVICE
        self.password = secrets.token_urlsafe(12)
        self.driver = secrets.token_hex(32)
        self.process: subprocess.Popen | None = None
        self.log = folder / "hub.log"
        self.pids: set[int] = set()

    def start(self) -> "Hub":
        (self.folder / "home").mkdir()
        config = HUB_CONFIG.format(
            documented=str(DOCUMENTED), service_port=self.service_port, driver_token=self.driver, port=self.port,
            hub_port=self.hub_port, chp=chp_command(), proxy_api_port=self.proxy_api_port, folder=self.folder,
            password=self.password, users={INSTRUCTOR, *STUDENTS}, python=sys.executable, repo=str(REPO),
            spawner_args=["--ServerApp.allow_root=True"] if os.geteuid() == 0 else [], spawn_seconds=SPAWN_SECONDS)
        (self.folder / "jupyterhub_config.py").write_text(config, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
               # the hub finds jupyterhub-singleuser's Python and node beside this one
               "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
        env.pop("JUPYTERHUB_API_TOKEN", None)
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(self.folder / "jupyterhub_config.py")],
                cwd=self.folder, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True, preexec_fn=_exit_with_parent)
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:   # ready when the proxy forwards to the service, which then asks for credentials
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited with status {self.process.returncode}:\n{self.log_tail()}")
            try:
                if call(self.service, "GET", "/api/me").status == 401:
                    return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the hub and its class service did not answer within {STARTUP_SECONDS} s:\n"
                                   f"{self.log_tail()}")
            self.pids.update(descendants(self.process.pid))
            time.sleep(0.5)

    def api(self, method: str, path: str, body=None):
        """The hub's REST API, with the test's own token."""
        return call(self.url + "/hub/api", method, path, body=body, auth=f"token {self.driver}")

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:]) if self.log.exists() else ""

    def stop(self) -> None:
        """Stop the servers, then the hub (it stops the proxy and the service), then anything left below it."""
        if self.process is None:
            return
        self.pids.update(descendants(self.process.pid))
        if self.process.poll() is None:
            for name in STUDENTS:
                try:
                    self.api("DELETE", f"/users/{name}/server")
                except OSError:
                    pass
            self.pids.update(descendants(self.process.pid))
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                pass
        for pid in [self.process.pid, *self.pids]:
            try:
                os.kill(pid, signal.SIGKILL)     # only processes this hub started (their ids, taken while it ran)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    reason = missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"the JupyterHub test cannot run in CI: {reason}", pytrace=False)
        pytest.skip(f"the JupyterHub test needs: {reason}")
    hub = Hub(tmp_path_factory.mktemp("hub"))
    try:
        started = time.monotonic()
        hub.start()
        print(f"hub and class service ready in {time.monotonic() - started:.1f} s")
        yield hub
    finally:
        hub.stop()


class Kernel:
    """A kernel on a student's single-user server, reached through the hub's proxy (REST + websocket)."""

    def __init__(self, hub: Hub, user: str):
        import websocket

        self.user = user
        auth = f"token {hub.driver}"
        started = call(f"{hub.url}/user/{user}", "POST", "/api/kernels", body={"name": "python3"}, auth=auth)
        assert started.status == 201, started
        self.id = started.json()["id"]
        self.socket = websocket.create_connection(
            f"ws://127.0.0.1:{hub.port}/user/{user}/api/kernels/{self.id}/channels",
            header=[f"Authorization: {auth}"], timeout=120)
        self.session = uuid.uuid4().hex

    def run(self, code: str, expression: str | None = None):
        """Run ``code``; return the value of ``expression`` (a Python literal) or None. A kernel error fails."""
        msg_id = uuid.uuid4().hex
        self.socket.send(json.dumps({
            "header": {"msg_id": msg_id, "username": self.user, "session": self.session, "msg_type": "execute_request",
                       "version": "5.3", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "allow_stdin": False,
                        "stop_on_error": True, "user_expressions": {"value": expression} if expression else {}}}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("parent_header", {}).get("msg_id") == msg_id and message["msg_type"] == "execute_reply":
                break
        content = message["content"]
        assert content["status"] == "ok", f"{self.user}'s kernel: {content.get('ename')}: {content.get('evalue')}"
        if expression is None:
            return None
        value = content["user_expressions"]["value"]
        assert value["status"] == "ok", value
        return ast.literal_eval(value["data"]["text/plain"])

    def close(self):
        self.socket.close()


def log_in(page, hub: Hub, user: str) -> None:
    """The hub's login form (the page is on it, or goes there first)."""
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(hub.password)
    page.locator("#login_submit").click()


def test_a_class_on_a_real_hub(hub, browser, screenshots):
    from playwright.sync_api import expect

    timings = {}
    # 1. The instructor: the dashboard's address sends an unknown browser through the hub's login and back.
    instructor = browser.new_context(viewport={"width": 1366, "height": 768})
    page = instructor.new_page()
    try:
        started = time.monotonic()
        page.goto(hub.service + "/")
        log_in(page, hub, INSTRUCTOR)
        expect(page.locator("#who")).to_contain_text(f"Signed in as {INSTRUCTOR}", timeout=WAIT_MS)
        page.locator("#session-name").fill("e2e class on the hub")
        page.locator("#session-new").click()
        expect(page.locator("#session-state")).to_have_text("open: taking answers", timeout=WAIT_MS)
        sid = page.locator("#session-id").inner_text().strip()
        assert re.fullmatch(r"[a-z0-9-]{1,40}", sid), sid
        timings["instructor logs in and opens a session"] = time.monotonic() - started

        # 2. The students log in (each in a browser of their own); the dashboard is not theirs.
        started = time.monotonic()
        for name in STUDENTS:
            context = browser.new_context()
            try:
                student = context.new_page()
                student.goto(f"{hub.url}/hub/login?next=/hub/home")
                log_in(student, hub, name)
                student.wait_for_url(re.compile(r"/hub/home"), timeout=WAIT_MS)
                answer = student.goto(hub.service + "/")
                assert answer.status == 403
                expect(student.locator("body")).to_contain_text("only an instructor may open the class dashboard")
            finally:
                context.close()
        timings["three students log in (browser)"] = time.monotonic() - started

        # Their servers, as the spawn button would start them; then a kernel each.
        started = time.monotonic()
        for name in STUDENTS:
            assert hub.api("POST", f"/users/{name}/server").status in (201, 202)
        deadline = time.monotonic() + SPAWN_SECONDS
        for name in STUDENTS:
            while not (hub.api("GET", f"/users/{name}").json()["servers"].get("", {}).get("ready")):
                assert time.monotonic() < deadline, f"{name}'s server did not start:\n{hub.log_tail()}"
                time.sleep(1)
        timings["three single-user servers start"] = time.monotonic() - started
        started = time.monotonic()
        kernels = {name: Kernel(hub, name) for name in STUDENTS}
        tokens = {}
        try:
            for name, kernel in kernels.items():
                tokens[name] = kernel.run("import os", "os.environ['JUPYTERHUB_API_TOKEN']")
                # the address a student is given: the hub's own, the service's path
                kernel.run(f"import smlearn.classmode\nsmlearn.classmode.join({hub.service + '/'!r}, {sid!r})\n"
                           "from smlearn.questions import links")
                answers = [RIGHT] if name == "ben" else [WRONG, RIGHT]     # ben is right at once
                for value in answers:
                    kernel.run(f"links.two_pages.check({value})")
            timings["three kernels start, join and answer"] = time.monotonic() - started

            # 3. The dashboard shows them, live.
            started = time.monotonic()
            row = page.locator(f"#{ROW}")
            expect(row).to_contain_text("33 % (1 of 3)", timeout=WAIT_MS)
            expect(page.locator("#summary")).to_contain_text("3 students, 5 answers", timeout=WAIT_MS)
            assert row.locator("td").first.inner_text() == "3"
            expect(row.locator("ul.wrong li").first).to_contain_text(re.compile(rf"{WRONG}.*: 2 students"))
            timings["dashboard shows the answers"] = time.monotonic() - started
            for kernel in kernels.values():      # and no kernel has an answer left to send
                deadline = time.monotonic() + WAIT_MS / 1000
                while not (said := kernel.run("", "smlearn.classmode.status()")).endswith("0 waiting to be sent."):
                    assert time.monotonic() < deadline, said
                    time.sleep(0.5)
                assert f"session {sid} at {hub.service}/" in said

            # 4. An experiment: the instructor opens it, the students estimate, the dashboard follows.
            started = time.monotonic()
            eid = instructor_calls(page, "POST", f"api/sessions/{sid}/experiments", JAR)["id"]
            for name, kernel in kernels.items():
                said = kernel.run(f"from smlearn.classmode import experiments\njar = experiments.crowd({eid!r})\n"
                                  f"said = jar.estimate({ESTIMATES[name]})", "said")
                assert said == f"Your estimate {ESTIMATES[name]:,} for round 1 is on its way to the class.", said
            expect(page.locator(f"#experiment-{eid} td.moves")).to_contain_text(
                "round 1: 3 moves by 3 students", timeout=WAIT_MS)
            page.locator(f"#experiment-show-{eid}").click()
            cells = page.locator("#crowd-round-1 td")
            expect(cells.nth(0)).to_have_text("3", timeout=WAIT_MS)
            expect(cells.nth(1)).to_have_text("900")                      # the crowd's mean
            expect(cells.nth(3)).to_have_text("\u2014")                   # its error waits for the close
            instructor_calls(page, "PATCH", f"api/sessions/{sid}/experiments/{eid}", {"round": 0})
            expect(cells.nth(3)).to_have_text("100", timeout=WAIT_MS)     # |900 - 1000|
            expect(page.locator("#crowd-truth")).to_contain_text(re.compile(r"The truth: 1\D?000 \(beans\)"))
            shown = page.locator("#experiments").inner_text()       # the view may be on the projector: no names
            assert not any(re.search(rf"\b{name}\b", shown) for name in STUDENTS), shown
            timings["an experiment: opened, three estimates on the dashboard, closed"] = time.monotonic() - started

            # 4b. The other two experiments: a market (each student downloads a song, in a world the service
            # chose) and a front page (each votes; the instructor's planted ring votes too). Both on the dashboard.
            started = time.monotonic()
            market = instructor_calls(page, "POST", f"api/sessions/{sid}/experiments", MARKET)["id"]
            front = instructor_calls(page, "POST", f"api/sessions/{sid}/experiments", FRONT_PAGE)["id"]
            for k in (1, 2):
                instructor_calls(page, "POST", f"api/sessions/{sid}/experiments/{front}/moves",
                                 {"id": f"ring-{k}-2", "round": 1, "item": 2, "vote": 1, "user": f"ring-{k}"})
            for number, (name, kernel) in enumerate(kernels.items()):
                said = kernel.run(f"songs = experiments.market({market!r})\nsaid = songs.download({number})", "said")
                assert said == (f"Your download of song {number} ({MARKET['songs'][number]}) is on its way to the "
                                "class."), said
                said = kernel.run(f"front = experiments.front_page({front!r})\nsaid = front.vote({number}, 1)", "said")
                assert said == f"Your vote up on item {number} is on its way.", said
            expect(page.locator(f"#experiment-{market} td.moves")).to_contain_text(
                "round 1: 3 moves by 3 students", timeout=WAIT_MS)
            expect(page.locator(f"#experiment-{front} td.moves")).to_contain_text(
                "round 1: 5 moves by 5 students", timeout=WAIT_MS)             # three students and the ring's two
            shown = page.locator("#experiments").inner_text()
            assert not any(re.search(rf"\b{name}\b", shown) for name in STUDENTS), shown
            timings["a market and a front page: three students' moves on the dashboard"] = time.monotonic() - started

            # 5. Security, with the tokens the students' kernels hold (plain HTTP through the hub's proxy).
            check_security(hub, sid, eid, tokens, instructor)

            # 6. Clearing the session from the dashboard: the browser asks first.
            page.once("dialog", lambda dialog: dialog.accept())
            page.locator("#session-clear").click()
            # 5 answers; moves: 3 estimates, 3 downloads, 3 votes and the ring's 2
            expect(page.locator("#session-message")).to_contain_text("16 answers and moves deleted", timeout=WAIT_MS)
            expect(page.locator("#summary")).to_contain_text("0 students, 0 answers", timeout=WAIT_MS)
            expect(page.locator(f"#experiment-{eid} td.moves")).to_contain_text("round 1: none", timeout=WAIT_MS)
        finally:
            for kernel in kernels.values():
                kernel.close()
    except Exception:
        # what the instructor saw, and what the hub said, beside the failure
        folder = screenshots / "failed"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / "test_a_class_on_a_real_hub.png"))
        print(f"screenshot: {folder / 'test_a_class_on_a_real_hub.png'}\nJupyterHub's log (tail):\n{hub.log_tail()}")
        raise
    finally:
        instructor.close()
        for what, seconds in timings.items():
            print(f"{what}: {seconds:.1f} s")


def instructor_calls(page, method: str, path: str, body: dict) -> dict:
    """What the dashboard's own script does: a same-origin fetch with the hub's login cookie and XSRF token."""
    return page.evaluate("""async ([method, path, body]) => {
        const response = await fetch(path, {method: method, credentials: "same-origin", body: JSON.stringify(body),
            headers: {"Content-Type": "application/json", "X-XSRFToken": document.body.dataset.token}});
        const text = await response.text();
        if (!response.ok) { throw new Error(response.status + " " + text); }
        return JSON.parse(text);
    }""", [method, path, body])


def check_security(hub: Hub, sid: str, eid: str, tokens: dict, instructor) -> None:
    base = hub.service
    ana, ben = f"token {tokens['ana']}", f"token {tokens['ben']}"
    assert tokens["ana"] != tokens["ben"]
    assert call(base, "GET", "/api/me", auth=ana).json() == {"name": "ana", "instructor": False, "gate": "JupyterHub"}

    def every_record() -> list[dict]:
        """The instructor's CSV, fetched with the instructor's browser login (the hub's OAuth cookie)."""
        answer = instructor.request.get(f"{base}/api/sessions/{sid}/records.csv")
        assert answer.status == 200, answer.text()
        return list(csv.DictReader(io.StringIO(answer.text())))

    before = every_record()
    assert sorted(row["user"] for row in before) == ["ana", "ana", "ben", "cleo", "cleo"]
    assert {row["question"] for row in before} == {QUESTION}

    # A student: no per-student rows, no dashboard, no clearing or closing, no sending as another.
    for method, path, body in (("GET", f"/api/sessions/{sid}/records.csv", None), ("GET", "/", None),
                               ("DELETE", f"/api/sessions/{sid}", None), ("PATCH", f"/api/sessions/{sid}", {"open": False}),
                               ("POST", "/api/sessions", {"name": "mine"}),
                               ("GET", f"/api/sessions/{sid}/experiment-stats", None),
                               ("GET", f"/api/sessions/{sid}/experiments/{eid}/stats", None),
                               ("GET", f"/api/sessions/{sid}/experiments/{eid}/results", None)):
        answer = call(base, method, path, body=body, auth=ben)
        assert answer.status == 403, (method, path, answer)
        assert "only an instructor may" in answer.body.decode()
    as_other = call(base, "POST", f"/api/sessions/{sid}/records",
                    body={"records": [record(QUESTION, answer="0.9", correct=False, lesson="06")], "user": "ana"}, auth=ben)
    assert as_other.status == 403 and "may send only your own answers" in as_other.json()["error"]
    # A student's statistics: counts and shared wrong answers, no student's name.
    stats = call(base, "GET", f"/api/sessions/{sid}/stats", auth=ben)
    assert stats.status == 200 and stats.json()["students"] == 3
    assert not any(name in stats.body.decode() for name in ("ana", "cleo", INSTRUCTOR))

    # Nobody, or a forged token: 401, for reading and for sending.
    forged = "token " + secrets.token_hex(32)
    for auth in (None, forged):
        for method, path, body in (("GET", "/api/me", None), ("GET", f"/api/sessions/{sid}/stats", None),
                                   ("POST", f"/api/sessions/{sid}/records", {"records": [record(QUESTION)]}),
                                   ("GET", f"/api/sessions/{sid}/records.csv", None),
                                   ("GET", f"/api/sessions/{sid}/experiment-stats", None),
                                   ("GET", f"/api/sessions/{sid}/experiments/{eid}/stats", None)):
            answer = call(base, method, path, body=body, auth=auth)
            assert answer.status == 401, (auth, method, path, answer)

    # Nothing of the above was stored, and the session is still open.
    assert every_record() == before
    sessions = call(base, "GET", "/api/sessions", auth=ana).json()["sessions"]
    assert [s["id"] for s in sessions if s["open"]] == [sid]
