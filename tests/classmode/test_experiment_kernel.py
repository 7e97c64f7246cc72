"""The crowd experiment from a learner's kernel (smlearn.classmode.experiments), against a real service.

- Off by default: no socket, no file, no thread; the cell says class mode is off.
- On: the question shows; an estimate goes through the outbox and is stored once; round 2 shows
  the others' round-1 estimates as a mean and a histogram; closed, the truth and the class's numbers.
- The service down: the move waits in the outbox and is sent once it is back.
- A refused move (a second one in a round) is not sent again, and move_status says why.
"""

from __future__ import annotations

import socket
import threading

import pytest
from class_service import INSTRUCTOR, OTHER_STUDENT, STUDENT_CODE, call, new_session
from test_experiments import BEANS, CAROL, DAN, move, open_crowd, set_round
from test_sending import folder, wait_until  # noqa: F401  (folder: the learner's folder fixture, found by name)

from smlearn.classmode import experiments, send


def test_off_nothing_leaves_the_kernel(folder, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("class mode is off: no socket may be opened")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    threads = set(threading.enumerate())
    jar = experiments.crowd("xabcde")
    assert "Class mode is off" in str(jar)
    assert jar.estimate(950) == "Class mode is off: your estimate stays on this machine."
    assert list(folder.iterdir()) == [] and set(threading.enumerate()) == threads


def test_a_student_estimates_twice_and_sees_the_others_then_the_truth(folder, service):
    sid = new_session(service.base, "kernel crowd")
    eid = open_crowd(service.base, sid)
    send.join(service.base, sid, STUDENT_CODE, name="ana")
    jar = experiments.crowd(eid)
    assert str(jar).startswith(BEANS["question"]) and "Round 1 of 2 is open" in str(jar)
    assert jar.estimate(950) == "Your estimate 950 for round 1 is on its way to the class."
    wait_until(lambda: service.store.count_moves(eid) == 1, "the estimate stored")
    for who, value in ((OTHER_STUDENT, 1000), (CAROL, 1500), (DAN, 2100)):
        move(service.base, sid, eid, who, value)
    set_round(service.base, sid, eid, 2)
    text = str(jar.look())
    assert "the social round" in text and "The other 3 students' estimates in round 1: their mean is 1,533" in text
    assert "#" in text and "ben" not in text and "1,234" not in text and "Yours: round 1: 950" in text
    jar.estimate(1200)
    wait_until(lambda: service.store.count_moves(eid) == 5, "the second estimate stored")
    set_round(service.base, sid, eid, 0)
    text = str(jar.look())
    assert "The truth: 1,234 beans" in text and "Round 1: 4 estimates" in text
    assert "too few students to show their spread" in text and "diversity" not in text
    assert jar.estimate(1300).startswith("The experiment is closed")
    assert [(m["user"], m["round"], m["value"]["estimate"]) for m in service.store.moves(eid) if m["user"] == "ana"] \
        == [("ana", 1, 950.0), ("ana", 2, 1200.0)]


def test_an_estimate_goes_to_the_round_open_now_not_the_one_seen_last(folder, service):
    sid = new_session(service.base, "kernel next round")
    eid = open_crowd(service.base, sid)
    send.join(service.base, sid, STUDENT_CODE, name="ana")
    jar = experiments.crowd(eid)
    jar.estimate(950)
    wait_until(lambda: service.store.count_moves(eid) == 1, "the first estimate stored")
    set_round(service.base, sid, eid, 2)      # the instructor opens round 2; the learner has not looked again
    assert jar.estimate(1200) == "Your estimate 1,200 for round 2 is on its way to the class."
    wait_until(lambda: service.store.count_moves(eid) == 2, "the round-2 estimate stored")
    assert experiments.move_status(jar.sent[1]) == "The class service has it."
    assert [(m["round"], m["value"]["estimate"]) for m in service.store.moves(eid)] == [(1, 950.0), (2, 1200.0)]
    set_round(service.base, sid, eid, 0)      # closed meanwhile: nothing is sent
    assert jar.estimate(1300).startswith("The experiment is closed")


def test_with_the_service_unreachable_the_move_waits_and_is_sent_once_later(folder, service, monkeypatch):
    sid = new_session(service.base, "kernel offline")
    eid = open_crowd(service.base, sid)
    send.join(service.base, sid, STUDENT_CODE, name="ana")
    reach = experiments._request      # the private request, replaced on purpose: the network goes down and back

    def unreachable(*args, **kwargs):
        raise ConnectionRefusedError("the network is down")

    monkeypatch.setattr(experiments, "_request", unreachable)
    jar = experiments.crowd(eid)
    assert "did not answer (the network is down)" in str(jar)
    with pytest.raises(ValueError, match="round must be given"):
        jar.estimate(900)
    assert jar.estimate(900, round=1).endswith("is on its way to the class.")
    outcome = experiments.send_moves()
    assert outcome["waiting"] == 1 and "network is down" in outcome["error"]
    assert experiments.move_status(jar.sent[0]) == "It is waiting to be sent."
    assert service.store.count_moves(eid) == 0
    monkeypatch.setattr(experiments, "_request", reach)      # the network is back
    experiments.send_moves()
    wait_until(lambda: experiments.send_moves()["waiting"] == 0, "the outbox sent")
    assert experiments.send_moves() == {"sent": 0, "refused": 0, "waiting": 0, "error": None}
    assert service.store.count_moves(eid) == 1
    assert experiments.move_status(jar.sent[0]) == "The class service has it."


def test_a_refused_move_is_not_sent_again_and_says_why(folder, service):
    sid = new_session(service.base, "kernel refused")
    eid = open_crowd(service.base, sid)
    send.join(service.base, sid, STUDENT_CODE, name="ana")
    jar = experiments.crowd(eid)
    jar.estimate(900)
    wait_until(lambda: service.store.count_moves(eid) == 1, "the first estimate stored")
    jar.estimate(950)          # a second move in round 1: the service refuses it
    wait_until(lambda: experiments.move_status(jar.sent[1]).startswith("The class service refused"), "refused")
    assert "one move a round" in experiments.move_status(jar.sent[1])
    assert experiments.send_moves()["waiting"] == 0 and service.store.count_moves(eid) == 1
    assert call(service.base, "GET", f"/api/sessions/{sid}/experiments/{eid}/results",
                auth=INSTRUCTOR).json()["moves"][0]["estimate"] == 900


def test_the_instructor_runs_the_experiment_from_a_notebook(folder, service):
    from class_service import INSTRUCTOR_CODE

    sid = new_session(service.base, "instructor notebook")
    send.join(service.base, sid, INSTRUCTOR_CODE, name="prof")
    eid = experiments.open_experiment(question="How many beans?", truth=1234, unit="beans")["id"]
    for who, value in ((OTHER_STUDENT, 1000), (CAROL, 1500), (DAN, 2100)):
        move(service.base, sid, eid, who, value)
    assert experiments.open_round(eid, 2)["round"] == 2
    for who, value in ((OTHER_STUDENT, 1100), (CAROL, 1400), (DAN, 1800)):
        move(service.base, sid, eid, who, value, round_=2)
    got = experiments.results(eid)
    assert got["social"]["first"] == [1000, 1500, 2100] and got["social"]["social_influence"] is True
    with pytest.raises(ValueError, match=r"refused \(400\): rounds must be"):
        experiments.open_experiment(question="x", truth=1, rounds=10)
    send.join(service.base, sid, STUDENT_CODE, name="ana")
    with pytest.raises(ValueError, match=r"refused \(403\)"):
        experiments.results(eid)
