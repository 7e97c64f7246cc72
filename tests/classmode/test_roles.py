"""Who may do what, with class codes: 401 without credentials, 403 for a student at an instructor's door.

The same rules hold on a hub (tests/classmode/test_hub_auth.py); here the gate is the class code
of ``smlearn class serve``.
"""

from __future__ import annotations

import base64
import csv
import io

import pytest
from class_service import INSTRUCTOR, OTHER_STUDENT, STUDENT, STUDENT_CODE, call, new_session, record

from smlearn.classmode.auth import WRONG_CODE_WINDOW, WRONG_CODES_ALLOWED, ClassCodeGate, new_code
from smlearn.classmode.records import Refused


@pytest.fixture(scope="module")
def sid(service):
    sid = new_session(service.base, "roles")
    answer = call(service.base, "POST", f"/api/sessions/{sid}/records", body={"records": [record(), record()]},
                  auth=STUDENT)
    assert answer.json()["stored"] == 2
    return sid


def endpoints(sid):
    return [("GET", "/api/me", None), ("GET", "/api/questions", None), ("GET", "/api/sessions", None),
            ("POST", "/api/sessions", {"name": "x"}), ("PATCH", f"/api/sessions/{sid}", {"open": True}),
            ("DELETE", f"/api/sessions/{sid}", None), ("POST", f"/api/sessions/{sid}/records", record()),
            ("GET", f"/api/sessions/{sid}/stats", None), ("GET", f"/api/sessions/{sid}/records.csv", None)]


@pytest.mark.parametrize("credentials", [None, ("ana", "wrong-code"), "token abc", "Basic !!!", ("", STUDENT_CODE)],
                         ids=["none", "wrong code", "hub token", "not base64", "no name"])
def test_without_good_credentials_every_endpoint_answers_401(service, sid, credentials):
    before = service.store.count()
    for method, path, body in endpoints(sid):
        answer = call(service.base, method, path, body=body, auth=credentials)
        assert answer.status == 401, (method, path, answer)
        assert answer.headers["WWW-Authenticate"].startswith("Basic")
        assert "class code" in answer.json()["error"] or "name" in answer.json()["error"]
    assert service.store.count() == before


def test_a_student_cannot_read_every_record_clear_open_or_close(service, sid):
    before = service.store.count()
    for method, path, body in endpoints(sid):
        if path.endswith("records.csv") or method in ("DELETE", "PATCH") or path == "/api/sessions" and method == "POST":
            answer = call(service.base, method, path, body=body, auth=STUDENT)
            assert answer.status == 403, (method, path, answer)
            assert "only an instructor" in answer.json()["error"]
    assert service.store.count() == before
    assert service.store.session(sid)["open"]


@pytest.mark.parametrize("who", [STUDENT, INSTRUCTOR], ids=["student", "instructor"])
def test_nobody_sends_answers_as_another_user(service, sid, who):
    before = service.store.count()
    answer = call(service.base, "POST", f"/api/sessions/{sid}/records",
                  body={"records": [record()], "user": "ben"}, auth=who)
    assert answer.status == 403 and "only your own answers" in answer.json()["error"]
    assert service.store.count() == before
    # naming yourself is fine
    mine = call(service.base, "POST", f"/api/sessions/{sid}/records", body={"records": [record()], "user": who[0]},
                auth=who)
    assert mine.status == 200 and mine.json()["stored"] == 1


def test_records_are_kept_under_the_signed_in_name(service):
    sid = new_session(service.base)
    call(service.base, "POST", f"/api/sessions/{sid}/records", body=record(id="same"), auth=STUDENT)
    # another student may use the same record id: ids are the kernel's own, unique per user
    answer = call(service.base, "POST", f"/api/sessions/{sid}/records", body=record(id="same"), auth=OTHER_STUDENT)
    assert answer.json() == {"session": sid, "stored": 1, "duplicate": 0}
    assert sorted(row["user"] for row in service.store.records(sid)) == ["ana", "ben"]


def test_the_instructor_exports_clears_and_closes(service):
    sid = new_session(service.base, "export")
    formula = record(answer="=HYPERLINK(\"http://x\")", correct=False)
    negative = record(answer="-0.35", correct=False)
    call(service.base, "POST", f"/api/sessions/{sid}/records", body={"records": [formula, negative]}, auth=STUDENT)
    exported = call(service.base, "GET", f"/api/sessions/{sid}/records.csv", auth=INSTRUCTOR)
    assert exported.status == 200 and exported.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.body.decode())))
    assert [row["user"] for row in rows] == ["ana", "ana"]
    # a spreadsheet must not run a learner's answer as a formula; a negative number stays a number
    assert [row["answer"] for row in rows] == ["'=HYPERLINK(\"http://x\")", "-0.35"]
    assert call(service.base, "DELETE", f"/api/sessions/{sid}", auth=INSTRUCTOR).json() == {"session": sid, "deleted": 2}
    assert service.store.count(sid) == 0 and service.store.session(sid) is not None
    assert call(service.base, "PATCH", f"/api/sessions/{sid}", body={"open": False}, auth=INSTRUCTOR).json()["open"] is False
    # students see open sessions only; the instructor sees all
    students_see = {s["id"] for s in call(service.base, "GET", "/api/sessions", auth=STUDENT).json()["sessions"]}
    instructor_sees = {s["id"] for s in call(service.base, "GET", "/api/sessions", auth=INSTRUCTOR).json()["sessions"]}
    assert sid not in students_see and sid in instructor_sees


def test_me_says_who_and_what_role(service):
    assert call(service.base, "GET", "/api/me", auth=STUDENT).json() == {"name": "ana", "instructor": False,
                                                                         "gate": "class code"}
    assert call(service.base, "GET", "/api/me", auth=INSTRUCTOR).json()["instructor"] is True


def test_class_codes_are_checked():
    gate = ClassCodeGate()
    assert len(gate.student_code) == 8 and len(gate.instructor_code) == 16
    assert set(new_code(40)).isdisjoint("01ilo")   # nothing to misread off a projector
    with pytest.raises(ValueError, match="must differ"):
        ClassCodeGate("same-code-twelve", "same-code-twelve")
    with pytest.raises(ValueError, match="student_code must be 8 to 64"):
        ClassCodeGate("a b c d e")
    with pytest.raises(ValueError, match="student_code must be 8 to 64"):
        ClassCodeGate("tulip42")                         # 7 characters: too few to resist guessing
    with pytest.raises(ValueError, match="instructor_code must be 12 to 64"):
        ClassCodeGate("tulip-42", "oak-tree-7")


def basic(name, code):
    return "Basic " + base64.b64encode(f"{name}:{code}".encode()).decode()


def test_an_address_that_guesses_codes_is_refused_for_a_minute():
    now = [0.0]
    gate = ClassCodeGate("tulip-42", "oak-tree-instructor-7", clock=lambda: now[0])
    for guess in range(WRONG_CODES_ALLOWED):
        with pytest.raises(Refused) as wrong:
            gate.check_basic(basic("eve", f"guess-{guess:03d}"), address="10.0.0.9")
        assert wrong.value.status == 401
    # Now even the right code gets 429 from that address: a lucky guess would say nothing.
    with pytest.raises(Refused, match="too many wrong class codes") as blocked:
        gate.check_basic(basic("eve", "tulip-42"), address="10.0.0.9")
    assert blocked.value.status == 429
    assert gate.check_basic(basic("ana", "tulip-42"), address="10.0.0.10").name == "ana"   # another address
    now[0] += WRONG_CODE_WINDOW                          # a minute later the old guesses no longer count
    assert gate.check_basic(basic("eve", "tulip-42"), address="10.0.0.9").name == "eve"


def test_right_codes_and_other_mistakes_do_not_count_as_guesses():
    gate = ClassCodeGate("tulip-42", "oak-tree-instructor-7", clock=lambda: 0.0)
    for _ in range(2 * WRONG_CODES_ALLOWED):
        gate.check_basic(basic("ana", "tulip-42"), address="10.0.0.9")
        with pytest.raises(Refused, match="no ':'"):
            gate.check_basic("Basic " + base64.b64encode(b"ana").decode(), address="10.0.0.9")
    assert gate.check_basic(basic("ana", "tulip-42"), address="10.0.0.9").instructor is False
