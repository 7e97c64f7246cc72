"""The class service behind JupyterHub's authentication, with a stand-in hub answering the token checks.

The service uses JupyterHub's own ``HubOAuth`` (jupyterhub.services.auth), pointed at a small tornado
app that plays the hub's API: ``/hub/api/user`` says whose token it is, ``/hub/api/groups/<name>``
who is in a group (asked with the service's own token). A kernel sends ``Authorization: token ...``;
a browser, after the hub's OAuth, a signed cookie holding its token. The real hub, started by a
test, comes with the rest of class mode (issue 16).
"""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from class_service import FakeHub, Served, call, record
from tornado.web import create_signed_value

from smlearn.classmode.app import make_app
from smlearn.classmode.auth import HubGate
from smlearn.classmode.store import open_store

PREFIX = "/services/smlearn-class/"
SERVICE_TOKEN = "service-secret"
# What JupyterHub gives a managed service in JUPYTERHUB_OAUTH_ACCESS_SCOPES (jupyterhub.services.service)
ACCESS = {"access:services", "access:services!service=smlearn-class"}
MINE = "access:services!service=smlearn-class"
USERS = {
    # a kernel's token: the default server role's scopes and the one the documented server role adds
    "tok-ana": {"kind": "user", "name": "ana", "scopes": ["users:activity!user=ana", "access:servers!server=ana/", MINE]},
    "tok-ben": {"kind": "user", "name": "ben", "scopes": [MINE]},
    "tok-prof": {"kind": "user", "name": "prof", "scopes": [MINE]},
    # a hub whose tokens carry the user's groups: the service takes them without asking
    "tok-grouped": {"kind": "user", "name": "dora", "groups": ["instructors"], "scopes": [MINE]},
    "tok-service": {"kind": "service", "name": "grader", "scopes": [MINE]},
    # valid tokens of prof's, but not for this service: one for prof's own server, one for another service
    "tok-prof-server": {"kind": "user", "name": "prof", "scopes": ["access:servers!server=prof/", "read:users:name"]},
    "tok-prof-other": {"kind": "user", "name": "prof", "groups": ["instructors"],
                       "scopes": ["access:services!service=grader"]},
    "tok-prof-none": {"kind": "user", "name": "prof", "scopes": []},
}


@pytest.fixture(scope="module")
def hub_service(tmp_path_factory):
    from jupyterhub.services.auth import HubOAuth

    hub = FakeHub(USERS, {"instructors": ["prof"]}, SERVICE_TOKEN)
    hub_served = Served(hub.app)
    hub_auth = HubOAuth(api_url=hub_served.url() + "/hub/api", api_token=SERVICE_TOKEN, base_url=PREFIX,
                        hub_prefix="/hub/", oauth_client_id="service-smlearn-class", cache_max_age=0, access_scopes=ACCESS,
                        oauth_redirect_uri="http://127.0.0.1/services/smlearn-class/oauth_callback")
    store = open_store(str(tmp_path_factory.mktemp("hub") / "class.sqlite"))
    gate = HubGate("instructors", hub_auth=hub_auth, group_seconds=0)
    app = make_app(store, gate, questions={"links.rank_step": "06"}, prefix=PREFIX)
    served = Served(app)
    served.base = served.url() + PREFIX.rstrip("/")
    served.store, served.hub, served.app, served.hub_auth = store, hub, app, hub_auth
    yield served
    served.stop()
    hub_served.stop()
    store.close()


def token(name):
    return f"token tok-{name}"


def test_without_a_token_the_answer_is_401_and_says_how_to_sign_in(hub_service):
    for auth in (None, "token not-a-hub-token", "Basic YW5hOmNvZGU="):
        answer = call(hub_service.base, "GET", "/api/me", auth=auth)
        assert answer.status == 401, answer
        assert "JUPYTERHUB_API_TOKEN" in answer.json()["error"] and PREFIX + "login" in answer.json()["error"]
        assert answer.headers["WWW-Authenticate"].startswith("token")


def test_the_hub_says_who_the_token_belongs_to_and_the_group_makes_an_instructor(hub_service):
    assert call(hub_service.base, "GET", "/api/me", auth=token("ana")).json() == {
        "name": "ana", "instructor": False, "gate": "JupyterHub"}
    assert call(hub_service.base, "GET", "/api/me", auth=token("prof")).json()["instructor"] is True
    assert call(hub_service.base, "GET", "/api/me", auth=token("grouped")).json()["instructor"] is True
    # the group was asked for with the service's token, not the user's
    assert ("group", "instructors") in hub_service.hub.calls


def test_a_token_without_the_services_access_scope_is_refused(hub_service):
    # valid hub tokens of an instructor's, made for something else: the service takes none of them
    for name in ("prof-server", "prof-other", "prof-none"):
        answer = call(hub_service.base, "GET", "/api/me", auth=token(name))
        assert answer.status == 403, (name, answer)
        assert "access:services!service=smlearn-class" in answer.json()["error"]
        assert call(hub_service.base, "POST", "/api/sessions", body={"name": "x"}, auth=token(name)).status == 403
    assert call(hub_service.base, "GET", "/api/me", auth=token("prof")).status == 200


def test_a_gate_without_access_scopes_is_refused_at_once():
    from jupyterhub.services.auth import HubOAuth

    hub_auth = HubOAuth(api_url="http://127.0.0.1:1/hub/api", api_token="x", access_scopes=set())
    with pytest.raises(ValueError, match="hub_auth must have access_scopes"):
        HubGate("instructors", hub_auth=hub_auth)


def test_a_service_token_takes_no_part(hub_service):
    answer = call(hub_service.base, "GET", "/api/me", auth=token("service"))
    assert answer.status == 403 and "only hub users" in answer.json()["error"]


def test_students_and_instructors_on_the_hub(hub_service):
    base = hub_service.base
    opened = call(base, "POST", "/api/sessions", body={"name": "hub class"}, auth=token("prof"))
    assert opened.status == 201
    sid = opened.json()["id"]
    assert call(base, "POST", "/api/sessions", body={}, auth=token("ana")).status == 403
    sent = call(base, "POST", f"/api/sessions/{sid}/records", body=record(), auth=token("ana"))
    assert sent.json()["stored"] == 1
    before = hub_service.store.count()
    as_other = call(base, "POST", f"/api/sessions/{sid}/records", body={"records": [record()], "user": "ben"},
                    auth=token("ana"))
    assert as_other.status == 403
    assert call(base, "GET", f"/api/sessions/{sid}/records.csv", auth=token("ana")).status == 403
    assert call(base, "DELETE", f"/api/sessions/{sid}", auth=token("ben")).status == 403
    assert hub_service.store.count() == before
    assert call(base, "GET", f"/api/sessions/{sid}/stats", auth=token("ben")).json()["questions"][0]["answered"] == 1
    csv_text = call(base, "GET", f"/api/sessions/{sid}/records.csv", auth=token("prof")).body.decode()
    assert csv_text.splitlines()[1].split(",")[1] == "ana"


def test_a_browser_logs_in_through_the_hub_and_is_known_by_its_cookie(hub_service):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(hub_service.base + "/login")
        raise AssertionError("the login page should redirect to the hub")
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302 and "/hub/api/oauth2/authorize" in redirect.headers["Location"]
        assert "client_id=service-smlearn-class" in redirect.headers["Location"]
    # after the OAuth dance the service keeps the user's token in a signed cookie (HubOAuth.set_cookie)
    cookie_name = hub_service.hub_auth.cookie_name
    signed = create_signed_value(hub_service.app.settings["cookie_secret"], cookie_name, "tok-ben").decode()
    answer = call(hub_service.base, "GET", "/api/me", headers={"Cookie": f"{cookie_name}={signed}"})
    assert answer.status == 200 and answer.json()["name"] == "ben"


def test_a_script_on_the_dashboard_sends_the_hubs_xsrf_token_with_the_cookie(hub_service):
    # JupyterHub takes a login cookie on a script's request (fetch: Sec-Fetch-Mode cors) only with the
    # XSRF token of a page of the service; the dashboard's page carries it for its script (data-token).
    cookie_name = hub_service.hub_auth.cookie_name
    login = f"{cookie_name}={create_signed_value(hub_service.app.settings['cookie_secret'], cookie_name, 'tok-prof').decode()}"
    fetch = {"Sec-Fetch-Mode": "cors", "Sec-Fetch-Site": "same-origin"}
    assert call(hub_service.base, "GET", "/api/me", headers={"Cookie": login, **fetch}).status == 401
    page = call(hub_service.base, "GET", "/", headers={"Cookie": login, "Sec-Fetch-Mode": "navigate"})
    assert page.status == 200
    token = re.search(r'data-token="([^"]+)"', page.body.decode()).group(1)
    xsrf = re.search(r"_xsrf=([^;]+)", "; ".join(page.headers.get_all("Set-Cookie"))).group(1)
    cookies = {"Cookie": f"{login}; _xsrf={xsrf}", **fetch}
    assert call(hub_service.base, "GET", "/api/me", headers={**cookies, "X-XSRFToken": token}).json()["name"] == "prof"
    assert call(hub_service.base, "GET", "/api/me", headers={**cookies, "X-XSRFToken": token[:-2] + "xx"}).status == 401


def test_without_the_group_nobody_is_an_instructor(tmp_path):
    from jupyterhub.services.auth import HubOAuth

    hub = FakeHub(USERS, {}, SERVICE_TOKEN)
    hub_served = Served(hub.app)
    hub_auth = HubOAuth(api_url=hub_served.url() + "/hub/api", api_token=SERVICE_TOKEN, base_url="/",
                        oauth_client_id="service-x", cache_max_age=0, access_scopes=ACCESS)
    store = open_store(str(tmp_path / "c.sqlite"))
    served = Served(make_app(store, HubGate("instructors", hub_auth=hub_auth), questions={"links.rank_step": "06"}))
    try:
        assert call(served.url(), "GET", "/api/me", auth=token("prof")).json()["instructor"] is False
        # a service without read:groups is told why in the answer
        hub.service_token = "another"
        gate_without_scope = HubGate("other", hub_auth=hub_auth)
        served_2 = Served(make_app(store, gate_without_scope, questions={"links.rank_step": "06"}))
        answer = call(served_2.url(), "GET", "/api/me", auth=token("prof"))
        assert answer.status == 502 and "read:groups" in answer.json()["error"]
        served_2.stop()
    finally:
        served.stop()
        hub_served.stop()
        store.close()


@pytest.mark.slow   # a fresh Python that loads the course's questions
def test_the_hub_managed_entry_reads_what_jupyterhub_sets(tmp_path):
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    hub = FakeHub(USERS, {"teachers": ["prof"]}, SERVICE_TOKEN)
    hub_served = Served(hub.app)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # what JupyterHub sets for a managed service (jupyterhub.services.service)
    env = {**os.environ, "JUPYTERHUB_SERVICE_URL": f"http://127.0.0.1:{port}", "JUPYTERHUB_SERVICE_PREFIX": PREFIX,
           "JUPYTERHUB_API_TOKEN": SERVICE_TOKEN, "JUPYTERHUB_API_URL": hub_served.url() + "/hub/api",
           "JUPYTERHUB_CLIENT_ID": "service-smlearn-class", "JUPYTERHUB_BASE_URL": "/",
           "JUPYTERHUB_SERVICE_NAME": "smlearn-class", "JUPYTERHUB_OAUTH_ACCESS_SCOPES": json.dumps(sorted(ACCESS)),
           "JUPYTERHUB_OAUTH_CALLBACK_URL": PREFIX + "oauth_callback"}
    process = subprocess.Popen([sys.executable, "-m", "smlearn.classmode", "--database", str(tmp_path / "hub.sqlite"),
                                "--instructor-group", "teachers"], env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}{PREFIX.rstrip('/')}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, process.stdout.read()
            try:
                me = call(base, "GET", "/api/me", auth=token("prof"))
                break
            except OSError:
                assert time.monotonic() < deadline, "the service did not answer within 120 s"
                time.sleep(0.2)
        assert me.json() == {"name": "prof", "instructor": True, "gate": "JupyterHub"}
        assert call(base, "GET", "/api/me").status == 401
        # the hub stops a managed service with SIGTERM: it closes and exits 0
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=30)
        assert process.returncode == 0, out
        assert "hub group 'teachers'" in out and "Traceback" not in out
    finally:
        if process.poll() is None:
            process.kill()
        hub_served.stop()
