"""Experiments on the class service: the wisdom of the crowd, run by an instructor and four students over HTTP.

- The instructor opens an experiment and its rounds; students cannot (403), nobody unsigned can (401).
- A move is stored once however often it is sent; a second, different move in a round is refused (409).
- Bad moves (hypothesis): malformed, missing or extra fields, out of range, a round not open, an
  unknown experiment: a 4xx with a message, and nothing stored.
- What a student sees: the others' round-1 estimates as a mean and a histogram, never a name or
  another student's move; the truth only once the instructor closes the experiment.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from class_service import INSTRUCTOR, OTHER_STUDENT, STUDENT, STUDENT_CODE, call, new_session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smlearn.classmode.kinds import COARSE_BINS, FULL_CLASS, LONGEST_MOVE, MIN_OTHERS, histogram
from smlearn.models import estimates

SETTINGS = settings(max_examples=40, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
CAROL, DAN = ("carol", STUDENT_CODE), ("dan", STUDENT_CODE)
BEANS = {"kind": "crowd", "question": "How many beans are in the jar?", "truth": 1234, "rounds": 2, "unit": "beans"}


def open_crowd(base, sid, **changes):
    answer = call(base, "POST", f"/api/sessions/{sid}/experiments", body={**BEANS, **changes}, auth=INSTRUCTOR)
    assert answer.status == 201, answer
    return answer.json()["id"]


def move(base, sid, eid, who, estimate, round_=1, move_id=None, **extra):
    body = {"id": move_id or f"{who[0]}-{round_}", "round": round_, "estimate": estimate, **extra}
    return call(base, "POST", f"/api/sessions/{sid}/experiments/{eid}/moves", body=body, auth=who)


def set_round(base, sid, eid, round_, who=INSTRUCTOR):
    return call(base, "PATCH", f"/api/sessions/{sid}/experiments/{eid}", body={"round": round_}, auth=who)


@pytest.fixture(scope="module")
def crowd(service):
    """A session with a crowd experiment that four students have played through both rounds."""
    sid = new_session(service.base, "crowd")
    eid = open_crowd(service.base, sid)
    first = {STUDENT: 800, OTHER_STUDENT: 1000, CAROL: 1500, DAN: 2100}
    for who, value in first.items():
        assert move(service.base, sid, eid, who, value).json()["stored"] == 1
    assert set_round(service.base, sid, eid, 2).json()["round"] == 2
    second = {STUDENT: 1100, OTHER_STUDENT: 1200, CAROL: 1400, DAN: 1700}
    for who, value in second.items():
        assert move(service.base, sid, eid, who, value, round_=2).json()["stored"] == 1
    return sid, eid, first, second


def test_the_instructor_opens_an_experiment_and_its_rounds(service):
    sid = new_session(service.base)
    eid = open_crowd(service.base, sid)
    listed = call(service.base, "GET", f"/api/sessions/{sid}/experiments", auth=STUDENT).json()["experiments"]
    assert listed == [{"id": eid, "kind": "crowd", "question": BEANS["question"], "rounds": 2, "round": 1}]
    assert "truth" not in json.dumps(listed)
    assert set_round(service.base, sid, eid, 2).json()["round"] == 2
    assert set_round(service.base, sid, eid, 0).json()["round"] == 0
    refused = set_round(service.base, sid, eid, 3)
    assert refused.status == 400 and "from 1 to 2" in refused.json()["error"]


@pytest.mark.parametrize("spec, message", [
    ({"kind": "poll"}, "kind must be one of ['crowd', 'frontpage', 'market']"),
    ({**BEANS, "truth": "lots"}, "truth must be a number"),
    ({**BEANS, "truth": -5}, "truth must be a number from 0"),
    ({**BEANS, "rounds": 9}, "rounds must be a whole number from 1 to 5"),
    ({**BEANS, "question": ""}, "question must be"),
    ({**BEANS, "low": 10, "high": 5}, "low must be below high"),
    ({**BEANS, "colour": "red"}, "got also ['colour']"),
    ({k: v for k, v in BEANS.items() if k != "truth"}, "truth must be given"),
], ids=["kind", "truth text", "truth out of range", "rounds", "question", "low high", "extra", "no truth"])
def test_bad_settings_are_refused_and_open_nothing(service, spec, message):
    sid = new_session(service.base)
    answer = call(service.base, "POST", f"/api/sessions/{sid}/experiments", body=spec, auth=INSTRUCTOR)
    assert answer.status == 400 and message in answer.json()["error"], answer
    assert service.store.experiments(sid) == []


def test_students_cannot_open_run_or_read_the_results(service, crowd):
    sid, eid, _, _ = crowd
    before = service.store.count_moves(eid)
    assert call(service.base, "POST", f"/api/sessions/{sid}/experiments", body=BEANS, auth=STUDENT).status == 403
    assert set_round(service.base, sid, eid, 1, who=STUDENT).status == 403
    results = call(service.base, "GET", f"/api/sessions/{sid}/experiments/{eid}/results", auth=STUDENT)
    assert results.status == 403 and "only an instructor" in results.json()["error"]
    assert service.store.experiment(eid)["round"] == 2 and service.store.count_moves(eid) == before


@pytest.mark.parametrize("credentials", [None, ("ana", "wrong-code"), "token abc"], ids=["none", "wrong code", "token"])
def test_without_good_credentials_every_experiment_endpoint_answers_401(service, crowd, credentials):
    sid, eid, _, _ = crowd
    before = service.store.count_moves()
    where = f"/api/sessions/{sid}/experiments"
    for method, path, body in [("GET", where, None), ("POST", where, BEANS), ("GET", f"{where}/{eid}", None),
                               ("PATCH", f"{where}/{eid}", {"round": 0}), ("GET", f"{where}/{eid}/results", None),
                               ("POST", f"{where}/{eid}/moves", {"id": "z", "round": 2, "estimate": 5})]:
        answer = call(service.base, method, path, body=body, auth=credentials)
        assert answer.status == 401, (method, path, answer)
    assert service.store.count_moves() == before and service.store.experiment(eid)["round"] == 2


def test_a_move_sent_again_is_stored_once_and_a_second_move_in_a_round_is_refused(service):
    sid = new_session(service.base)
    eid = open_crowd(service.base, sid)
    assert move(service.base, sid, eid, STUDENT, 900, move_id="m1").json() == {
        "experiment": eid, "round": 1, "stored": 1, "duplicate": 0}
    again = move(service.base, sid, eid, STUDENT, 900, move_id="m1")
    assert again.status == 200 and again.json()["duplicate"] == 1
    changed = move(service.base, sid, eid, STUDENT, 950, move_id="m2")
    assert changed.status == 409 and "one move a round" in changed.json()["error"]
    # another student may use the same id: ids are the kernel's own
    assert move(service.base, sid, eid, OTHER_STUDENT, 1100, move_id="m1").json()["stored"] == 1
    assert [(m["user"], m["value"]["estimate"]) for m in service.store.moves(eid)] == [("ana", 900.0), ("ben", 1100.0)]


def test_nobody_moves_as_another_user(service):
    sid = new_session(service.base)
    eid = open_crowd(service.base, sid)
    answer = move(service.base, sid, eid, STUDENT, 900, user="ben")
    assert answer.status == 403 and "only your own moves" in answer.json()["error"]
    assert service.store.count_moves(eid) == 0
    assert move(service.base, sid, eid, STUDENT, 900, user="ana").json()["stored"] == 1


def test_a_closed_session_or_round_takes_no_moves(service):
    sid = new_session(service.base)
    eid = open_crowd(service.base, sid)
    set_round(service.base, sid, eid, 2)
    late = move(service.base, sid, eid, STUDENT, 900, round_=1)
    assert late.status == 409 and "round 1 is not open: round 2 is open" in late.json()["error"]
    set_round(service.base, sid, eid, 0)
    closed = move(service.base, sid, eid, STUDENT, 900, round_=2)
    assert closed.status == 409 and "the experiment is closed" in closed.json()["error"]
    set_round(service.base, sid, eid, 2)
    call(service.base, "PATCH", f"/api/sessions/{sid}", body={"open": False}, auth=INSTRUCTOR)
    assert move(service.base, sid, eid, STUDENT, 900, round_=2).status == 409
    assert service.store.count_moves(eid) == 0


def test_an_experiment_of_another_session_is_unknown(service, crowd):
    _, eid, _, _ = crowd
    other = new_session(service.base)
    answer = move(service.base, other, eid, STUDENT, 900)
    assert answer.status == 404 and "no experiment" in answer.json()["error"]
    assert call(service.base, "GET", f"/api/sessions/{other}/experiments/{eid}", auth=STUDENT).status == 404


# ---- bad moves, built by hypothesis

def _good():
    return {"id": "bad-1", "round": 1, "estimate": 900}


@st.composite
def bad_moves(draw):
    """(what is wrong, body bytes, the status it must get)."""
    kind = draw(st.sampled_from(["missing", "extra", "id", "round", "estimate type", "out of range", "not open",
                                 "malformed", "not an object", "oversized"]))
    body = _good()
    if kind == "missing":
        for name in draw(st.sets(st.sampled_from(list(body)), min_size=1)):
            del body[name]
    elif kind == "extra":
        body[draw(st.text(min_size=1, max_size=8).filter(lambda n: n not in ("id", "round", "estimate", "user")))] = 1
    elif kind == "id":
        body["id"] = draw(st.sampled_from(["", "x" * 65, "a b", "é", None, 7]))
    elif kind == "round":
        body["round"] = draw(st.one_of(st.integers().filter(lambda r: not 1 <= r <= 2), st.floats(1, 2),
                                       st.text(max_size=3), st.booleans(), st.none()))
    elif kind == "estimate type":
        body["estimate"] = draw(st.one_of(st.text(max_size=5), st.booleans(), st.none(), st.lists(st.integers(), max_size=2)))
    elif kind == "out of range":
        body["estimate"] = draw(st.one_of(st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=False),
                                          st.floats(min_value=1e6 + 1, allow_nan=False, allow_infinity=False)))
    elif kind == "not open":
        body["round"] = 2
        return kind, json.dumps(body).encode(), 409
    elif kind == "malformed":
        return kind, draw(st.sampled_from([b"{", b"estimate=900", b"\xff\xfe", b'{"id": "a",}'])), 400
    elif kind == "not an object":
        return kind, json.dumps(draw(st.one_of(st.lists(st.integers(), max_size=3), st.integers(), st.text()))).encode(), 400
    else:
        body["id"] = "x" * (LONGEST_MOVE + 1)
        return kind, json.dumps(body).encode(), 413
    return kind, json.dumps(body).encode(), 400


@pytest.fixture(scope="module")
def open_round_one(service):
    sid = new_session(service.base, "bad moves")
    return sid, open_crowd(service.base, sid)


@SETTINGS
@given(bad=bad_moves())
def test_bad_moves_are_refused_with_a_message_and_nothing_stored(service, open_round_one, bad):
    sid, eid = open_round_one
    kind, body, status = bad
    answer = call(service.base, "POST", f"/api/sessions/{sid}/experiments/{eid}/moves", raw=body, auth=STUDENT)
    assert answer.status == status, (kind, body, answer)
    assert answer.json()["error"], kind
    assert service.store.count_moves(eid) == 0


@SETTINGS
@given(unknown=st.from_regex(r"[a-z0-9-]{1,40}", fullmatch=True))
def test_moves_to_an_unknown_experiment_are_refused(service, open_round_one, unknown):
    sid, eid = open_round_one
    if unknown == eid:
        return
    before = service.store.count_moves()
    answer = call(service.base, "POST", f"/api/sessions/{sid}/experiments/{unknown}/moves", body=_good(), auth=STUDENT)
    assert answer.status == 404 and "no experiment" in answer.json()["error"]
    assert service.store.count_moves() == before and service.store.experiment(unknown) is None


# ---- what each one sees

def test_in_the_social_round_a_student_sees_the_others_round_one_as_aggregates_only(service, crowd):
    sid, eid, first, _ = crowd
    set_round(service.base, sid, eid, 2)
    view = call(service.base, "GET", f"/api/sessions/{sid}/experiments/{eid}", auth=STUDENT).json()
    others = [value for who, value in first.items() if who != STUDENT]
    assert view["round"] == 2 and view["yours"] == {"1": 800.0, "2": 1100.0}
    assert view["others"] == {"round": 1, "students": 3, "mean": pytest.approx(sum(others) / 3),
                              "histogram": histogram(others, COARSE_BINS)}     # a small class: a coarse one
    text = json.dumps(view)
    for name in ("ben", "carol", "dan", "prof"):
        assert name not in text
    assert "truth" not in view and "1234" not in text
    # the histogram's edges are round numbers (here 500 apart), not the lowest and highest estimate
    edges = view["others"]["histogram"]["edges"]
    assert edges[0] <= min(others) and edges[-1] > max(others) and {e % 500 for e in edges} == {0}
    assert sum(view["others"]["histogram"]["counts"]) == 3


def test_with_too_few_others_no_mean_is_shown(service):
    sid = new_session(service.base)
    eid = open_crowd(service.base, sid)
    move(service.base, sid, eid, STUDENT, 800)
    move(service.base, sid, eid, OTHER_STUDENT, 1000)
    set_round(service.base, sid, eid, 2)
    view = call(service.base, "GET", f"/api/sessions/{sid}/experiments/{eid}", auth=STUDENT).json()
    assert view["others"] == {"round": 1, "students": 1} and MIN_OTHERS > 1


def test_when_closed_everyone_sees_the_truth_and_the_class_numbers(service, crowd):
    sid, eid, first, second = crowd
    set_round(service.base, sid, eid, 0)
    try:
        view = call(service.base, "GET", f"/api/sessions/{sid}/experiments/{eid}", auth=OTHER_STUDENT).json()
    finally:
        set_round(service.base, sid, eid, 2)
    assert view["truth"] == 1234 and "others" not in view
    # four students: the mean and a coarse histogram only; the spread and the errors, with the mean and
    # one's own estimate, would be equations enough to solve for the classmates' estimates
    for r, values in (("1", list(first.values())), ("2", list(second.values()))):
        assert view["class"][r] == {"students": 4, "mean": pytest.approx(sum(values) / 4),
                                    "histogram": histogram(values, COARSE_BINS)}
    assert "carol" not in json.dumps(view) and 4 < FULL_CLASS


def test_a_closed_round_shows_nothing_until_three_others_sent_the_viewer_not_counted(service):
    sid = new_session(service.base)
    eid = open_crowd(service.base, sid, rounds=1)
    for who, value in ((STUDENT, 800), (OTHER_STUDENT, 1000), (CAROL, 1500)):
        move(service.base, sid, eid, who, value)
    set_round(service.base, sid, eid, 0)
    # three estimates, but only two of them another's: a mean would give away the other two's sum
    view = call(service.base, "GET", f"/api/sessions/{sid}/experiments/{eid}", auth=STUDENT).json()
    assert view["class"]["1"] == {"students": 3} and MIN_OTHERS == 3
    # a student who did not estimate sees three others: the mean and the coarse histogram
    shown = call(service.base, "GET", f"/api/sessions/{sid}/experiments/{eid}", auth=DAN).json()["class"]["1"]
    assert shown["mean"] == pytest.approx(1100) and set(shown) == {"students", "mean", "histogram"}


def test_from_ten_students_a_closed_round_shows_the_spread_and_the_errors(service):
    sid = new_session(service.base)
    eid = open_crowd(service.base, sid, rounds=1)
    values = [700 + 90 * i for i in range(FULL_CLASS)]
    for i, value in enumerate(values):
        assert move(service.base, sid, eid, (f"s{i}", STUDENT_CODE), value).json()["stored"] == 1
    set_round(service.base, sid, eid, 0)
    one = call(service.base, "GET", f"/api/sessions/{sid}/experiments/{eid}", auth=("s0", STUDENT_CODE)).json()
    one = one["class"]["1"]
    assert one["students"] == FULL_CLASS and one["histogram"] == histogram(values)
    assert one["crowd_error"] == pytest.approx(estimates.crowd_error(values, 1234))
    assert one["diversity"] == pytest.approx(estimates.diversity(values))
    assert one["individual_error"] == pytest.approx(estimates.individual_error(values, 1234))


def test_the_instructor_sees_every_move_and_the_social_round_beside_the_model(service, crowd):
    sid, eid, first, second = crowd
    results = call(service.base, "GET", f"/api/sessions/{sid}/experiments/{eid}/results", auth=INSTRUCTOR).json()
    assert results["spec"]["truth"] == 1234
    # four students: the instructor still sees the spread and the errors the students do not
    assert results["rounds"]["1"]["diversity"] == pytest.approx(estimates.diversity(list(first.values())))
    assert results["rounds"]["2"]["individual_error"] == pytest.approx(
        estimates.individual_error(list(second.values()), 1234))
    assert {(m["user"], m["round"], m["estimate"]) for m in results["moves"]} == \
        {(who[0], 1, float(v)) for who, v in first.items()} | {(who[0], 2, float(v)) for who, v in second.items()}
    social = results["social"]
    users = sorted(who[0] for who in first)
    x1 = [first[next(w for w in first if w[0] == u)] for u in users]
    x2 = [second[next(w for w in second if w[0] == u)] for u in users]
    assert social["first"] == x1 and social["second"] == x2
    assert social["alpha"] == pytest.approx(estimates.fit_alpha(x1, x2))
    assert social["social_influence"] is True and social["diversity_ratio"] < 1
    assert social["confidence"].startswith("not measured")
    assert social["model_second"] == pytest.approx(list(estimates.social_round(x1, social["alpha"])))


def test_clearing_a_session_deletes_its_moves(service):
    sid = new_session(service.base)
    eid = open_crowd(service.base, sid)
    move(service.base, sid, eid, STUDENT, 800)
    assert call(service.base, "DELETE", f"/api/sessions/{sid}", auth=INSTRUCTOR).json()["deleted"] == 1
    assert service.store.count_moves(eid) == 0 and service.store.experiment(eid) is not None


@given(values=st.lists(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), min_size=1, max_size=80))
def test_a_histogram_shown_to_students_counts_every_value_in_round_bins(values):
    shown = histogram(values)
    edges, counts = shown["edges"], shown["counts"]
    assert sum(counts) == len(values) and len(edges) == len(counts) + 1
    assert edges[0] <= min(values) and edges[-1] >= max(values)
    step = edges[1] - edges[0]
    mantissa = step / 10 ** np.floor(np.log10(step))
    assert min(abs(mantissa - m) for m in (1, 2, 5, 10)) < 1e-6
    assert len(counts) <= 12
