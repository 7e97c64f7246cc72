"""The class's statistics against a small class worked by hand.

Three students, two questions, sent in a muddled order (a kernel's offline queue can deliver a
second attempt before the first):

links.rank_step (lesson 06):
  ana: attempt 2 right "0.351" (arrives first), attempt 1 wrong "0.3"
  ben: attempt 1 right "0.351"
  cy:  attempt 1 wrong " 0.3 " (spaces), attempt 2 wrong "0.5", attempt 3 wrong "0.5"
  -> answered 3; right at first attempt: ben only, 1/3;
     wrong answers: "0.3" by 2 students (ana, cy), "0.5" by 1 student (cy, twice: counted once)

who_is_connected.karate_path (lesson 03):
  ana: attempt 1 wrong "2"; ben: attempt 1 wrong "2"; cy: attempt 1 right "2.41"
  -> answered 3; right first 1/3; wrong "2" by 2

links.two_pages: nobody -> not listed.

Students see only wrong answers given by two students or more ("0.5" is cy's alone); the
instructor sees all. These questions' feedback names no misconception for these answers (a code
question, a numeric one without slips): each says None (tests/classmode/test_dashboard.py has some).
"""

from __future__ import annotations

import pytest
from class_service import INSTRUCTOR, STUDENT_CODE, call, new_session, record

from smlearn.classmode.stats import question_stats

SENT = {
    "ana": [("links.rank_step", 2, True, "0.351"), ("links.rank_step", 1, False, "0.3"),
            ("who_is_connected.karate_path", 1, False, "2")],
    "ben": [("links.rank_step", 1, True, "0.351"), ("who_is_connected.karate_path", 1, False, "2")],
    "cy": [("links.rank_step", 1, False, " 0.3 "), ("links.rank_step", 2, False, "0.5"),
           ("links.rank_step", 3, False, "0.5"), ("who_is_connected.karate_path", 1, True, "2.41")],
}
LESSON = {"links.rank_step": "06", "who_is_connected.karate_path": "03"}

EXPECTED_FOR_INSTRUCTOR = [
    {"question": "who_is_connected.karate_path", "lesson": "03", "answered": 3, "right_first": 1,
     "share_right_first": 0.3333, "records": 3, "wrong_answers": [{"answer": "2", "students": 2, "misconception": None}]},
    {"question": "links.rank_step", "lesson": "06", "answered": 3, "right_first": 1, "share_right_first": 0.3333,
     "records": 6, "wrong_answers": [{"answer": "0.3", "students": 2, "misconception": None},
                                     {"answer": "0.5", "students": 1, "misconception": None}]},
]


@pytest.fixture(scope="module")
def worked(service):
    sid = new_session(service.base, "worked example")
    for user, answers in SENT.items():
        for question, attempt, correct, answer in answers:
            sent = call(service.base, "POST", f"/api/sessions/{sid}/records",
                        body=record(question, attempt=attempt, correct=correct, answer=answer, lesson=LESSON[question]),
                        auth=(user, STUDENT_CODE))
            assert sent.status == 200, sent
    return sid


def test_the_instructor_sees_the_hand_worked_statistics(service, worked):
    stats = call(service.base, "GET", f"/api/sessions/{worked}/stats", auth=INSTRUCTOR).json()
    assert stats["students"] == 3 and stats["records"] == 9
    assert stats["questions"] == EXPECTED_FOR_INSTRUCTOR


def test_students_see_the_aggregates_without_a_lone_wrong_answer(service, worked):
    stats = call(service.base, "GET", f"/api/sessions/{worked}/stats", auth=("ben", STUDENT_CODE)).json()
    rank_step = stats["questions"][1]
    assert rank_step["answered"] == 3 and rank_step["share_right_first"] == 0.3333
    assert rank_step["wrong_answers"] == [{"answer": "0.3", "students": 2, "misconception": None}]


def test_stats_of_nothing_and_of_a_cut_list():
    assert question_stats([]) == []
    rows = [{"user": u, "question": "q", "lesson": None, "answer": a, "correct": False, "attempt": 1}
            for u, a in [("a", "x"), ("b", "x"), ("c", "y"), ("d", "z")]]
    (only,) = question_stats(rows, top=2)
    assert only["wrong_answers"] == [{"answer": "x", "students": 2}, {"answer": "y", "students": 1}]
    assert only["share_right_first"] == 0.0


def test_an_unknown_session_has_no_stats(service):
    answer = call(service.base, "GET", "/api/sessions/nosuch/stats", auth=INSTRUCTOR)
    assert answer.status == 404 and "no class session" in answer.json()["error"]
