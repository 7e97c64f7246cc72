"""Bad input to the class service: refused with a 4xx and a JSON message that says what was wrong, and nothing stored.

Hypothesis builds the bad requests: oversized bodies, malformed JSON, records missing a field or
carrying an extra one, fields of the wrong type, answers too long, questions the course does not
ask, sessions that do not exist or are closed. Each one is also hidden among good records in a
batch: a batch is stored whole or not at all. A replayed record is answered 200 and stored once.
"""

from __future__ import annotations

import json

import pytest
from class_service import INSTRUCTOR, QUESTIONS, STUDENT, call, new_session, record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smlearn.classmode.records import FIELDS, LONGEST_ANSWER, LONGEST_BODY, parse_records

SETTINGS = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                       max_size=3), max_leaves=5)


def _not_text(value):
    return not isinstance(value, str)


# For each field, values of a type it never takes.
WRONG_TYPE = {
    "id": json_values.filter(_not_text),
    "v": json_values.filter(lambda v: not (type(v) is int and v == 1)),
    "time": json_values.filter(_not_text),
    "lesson": json_values.filter(lambda v: v is not None and not isinstance(v, str)),
    "question": json_values.filter(_not_text),
    "answer": json_values.filter(_not_text),
    "correct": json_values.filter(lambda v: not isinstance(v, bool)),
    "attempt": json_values.filter(lambda v: not (type(v) is int and v >= 1)),
}


@st.composite
def bad_records(draw):
    """(what is wrong, a record dict that must be refused)."""
    good = record(id="bad1")     # fixed ids: hypothesis needs the same draws to give the same data
    kind = draw(st.sampled_from(["missing", "extra", "wrong type", "answer too long", "unknown question",
                                 "bad time", "bad id", "wrong lesson"]))
    if kind == "missing":
        for name in draw(st.sets(st.sampled_from(list(FIELDS)), min_size=1)):
            del good[name]
    elif kind == "extra":
        name = draw(st.text(min_size=1, max_size=10).filter(lambda n: n not in FIELDS and n != "user"))
        good[name] = draw(json_values)
    elif kind == "wrong type":
        name = draw(st.sampled_from(list(FIELDS)))
        good[name] = draw(WRONG_TYPE[name])
    elif kind == "answer too long":
        good["answer"] = draw(st.text(min_size=LONGEST_ANSWER + 1, max_size=LONGEST_ANSWER + 50))
    elif kind == "unknown question":
        good["question"] = draw(st.text(max_size=30).filter(lambda q: q not in QUESTIONS))
    elif kind == "bad time":
        good["time"] = draw(st.sampled_from(["yesterday", "2026-12-03T14:05:09", "2026-13-03T14:05:09Z", "", "1999-01-01T00:00:00Z"]))
    elif kind == "bad id":
        good["id"] = draw(st.sampled_from(["", "x" * 65, "a b", "é", "a/b"]))
    else:
        good["lesson"] = draw(st.sampled_from(["03", "6", "", "99"]))
    return kind, good


@st.composite
def bad_bodies(draw):
    """(what is wrong, body bytes, the status it must get)."""
    kind = draw(st.sampled_from(["record", "record in a batch", "malformed", "not an object", "oversized", "batch shape"]))
    if kind == "record":
        what, bad = draw(bad_records())
        return what, json.dumps(bad).encode(), 400
    if kind == "record in a batch":
        what, bad = draw(bad_records())
        batch = [record(id=f"b{i}") for i in range(draw(st.integers(0, 4)))]
        batch.insert(draw(st.integers(0, len(batch))), bad)
        return what + " in a batch", json.dumps({"records": batch}).encode(), 400
    if kind == "malformed":
        text = json.dumps(record(id="m1")).encode()
        cut = draw(st.integers(0, len(text) - 1))
        return kind, text[:cut] + draw(st.sampled_from([b"", b"}", b",", b"\xff", b"'"])), 400
    if kind == "not an object":
        return kind, json.dumps(draw(json_values.filter(lambda v: not isinstance(v, dict)))).encode(), 400
    if kind == "oversized":
        padding = draw(st.integers(LONGEST_BODY - 100, LONGEST_BODY * 4))
        return kind, json.dumps({"records": [record(id="o1")], "pad": "x" * padding}).encode(), 413
    shape = draw(st.sampled_from([{"records": []}, {"records": {}}, {"records": [record(id="s1")], "more": 1},
                                  {"records": [{}] * 501}, {"records": [record(id="s2")], "user": 5}]))
    return kind, json.dumps(shape).encode(), 400


@pytest.fixture(scope="module")
def session(service):
    return new_session(service.base)


def _refused(answer, status):
    assert answer.status == status, answer
    assert answer.headers["Content-Type"].startswith("application/json")
    message = answer.json()["error"]
    assert isinstance(message, str) and len(message) > 15
    return message


@SETTINGS
@given(case=bad_bodies())
def test_a_bad_body_is_refused_with_a_message_and_nothing_is_stored(service, session, case):
    what, body, status = case
    before = service.store.count()
    answer = call(service.base, "POST", f"/api/sessions/{session}/records", raw=body, auth=STUDENT)
    _refused(answer, status)
    assert service.store.count() == before, f"{what}: something was stored"


@pytest.mark.parametrize("field", list(FIELDS))
def test_the_message_names_the_field_and_what_it_allows(service, session, field):
    bad = record()
    bad[field] = [1, 2]
    message = _refused(call(service.base, "POST", f"/api/sessions/{session}/records", body={"records": [record(), bad]},
                            auth=STUDENT), 400)
    assert f"records[1].{field}" in message and "must be" in message


def test_messages_for_each_kind_of_mistake(service, session):
    url = f"/api/sessions/{session}/records"
    long = record(answer="x" * (LONGEST_ANSWER + 1))
    assert "at most 200 characters; got 201" in _refused(call(service.base, "POST", url, body=long, auth=STUDENT), 400)
    unknown = record(question="links.no_such_question")
    assert "not a question of this course" in _refused(call(service.base, "POST", url, body=unknown, auth=STUDENT), 400)
    missing = record()
    del missing["attempt"]
    assert "misses ['attempt']" in _refused(call(service.base, "POST", url, body=missing, auth=STUDENT), 400)
    extra = {**record(), "score": 3}
    assert "not allowed ['score']" in _refused(call(service.base, "POST", url, body=extra, auth=STUDENT), 400)
    big = b'{"records": [' + b" " * LONGEST_BODY + b"]}"
    assert f"at most {LONGEST_BODY} bytes" in _refused(call(service.base, "POST", url, raw=big, auth=STUDENT), 413)
    text = call(service.base, "POST", url, raw=json.dumps(record()).encode(), auth=STUDENT,
                headers={"Content-Type": "text/plain"})
    assert "application/json" in _refused(text, 415)


def test_an_unknown_or_closed_session_takes_nothing(service):
    before = service.store.count()
    assert "no class session 'nosuch'" in _refused(
        call(service.base, "POST", "/api/sessions/nosuch/records", body=record(), auth=STUDENT), 404)
    closed = new_session(service.base)
    assert call(service.base, "PATCH", f"/api/sessions/{closed}", body={"open": False}, auth=INSTRUCTOR).status == 200
    assert "is closed" in _refused(call(service.base, "POST", f"/api/sessions/{closed}/records", body=record(),
                                        auth=STUDENT), 409)
    assert service.store.count() == before
    # reopened, it takes records again
    assert call(service.base, "PATCH", f"/api/sessions/{closed}", body={"open": True}, auth=INSTRUCTOR).json()["open"]
    assert call(service.base, "POST", f"/api/sessions/{closed}/records", body=record(), auth=STUDENT).status == 200


def test_an_unknown_endpoint_or_method_answers_json(service):
    assert "no such endpoint" in _refused(call(service.base, "GET", "/api/nothing", auth=STUDENT), 404)
    assert "not allowed" in _refused(call(service.base, "PUT", "/api/sessions", body={}, auth=INSTRUCTOR), 405)


@SETTINGS
@given(pool=st.lists(st.builds(record, id=st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True)), min_size=1, max_size=8, unique_by=lambda r: r["id"]),
       sends=st.lists(st.lists(st.integers(0, 7), min_size=1, max_size=8), min_size=1, max_size=5))
def test_a_replayed_record_is_stored_once(service, pool, sends):
    sid = new_session(service.base)
    sent = set()
    for indices in sends:
        batch = [pool[i % len(pool)] for i in indices]
        answer = call(service.base, "POST", f"/api/sessions/{sid}/records", body={"records": batch}, auth=STUDENT)
        assert answer.status == 200, answer
        new = {r["id"] for r in batch} - sent
        assert answer.json()["stored"] == len(new)
        assert answer.json()["duplicate"] == len(batch) - len(new)
        sent |= new
    assert service.store.count(sid) == len(sent)


def test_parse_records_reads_one_record_or_a_batch():
    one = parse_records(json.dumps(record(id="k1")).encode(), QUESTIONS)
    assert [r.id for r in one.records] == ["k1"] and one.user is None
    many = parse_records(json.dumps({"records": [record(id="k2"), record(id="k3")], "user": "ana"}).encode(), QUESTIONS)
    assert [r.id for r in many.records] == ["k2", "k3"] and many.user == "ana"
    # the time is kept in UTC, whatever zone the kernel wrote
    shifted = parse_records(json.dumps({**record(), "time": "2026-12-03T15:05:09+01:00"}).encode(), QUESTIONS)
    assert shifted.records[0].time.isoformat() == "2026-12-03T14:05:09+00:00"


@pytest.mark.slow   # imports every lesson's question module (seconds in a fresh process)
def test_the_service_takes_every_question_of_the_course_and_no_other():
    import importlib

    from smlearn.classmode.records import course_questions
    from smlearn.course import load_course
    from smlearn.exercises import questions_in

    known = course_questions()
    for lesson in load_course().lessons:
        for question in questions_in(importlib.import_module(lesson.questions_module)):
            assert known[question.id] == lesson.id
    assert known["links.rank_step"] == "06" and "links.no_such_question" not in known
