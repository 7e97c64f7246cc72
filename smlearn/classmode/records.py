"""What a student's kernel sends the class service, and the checks it must pass before anything is stored.

A request's body is JSON, at most :data:`LONGEST_BODY` bytes: one record, or a batch::

    {"records": [RECORD, RECORD, ...], "user": "ana"}      # "user" is optional

Each record is a progress record of version 1 (:mod:`smlearn.progress`) with one more field,
``id``: the kernel's own id for that record, so that a record sent twice (a retry after a lost
answer, a queue replayed after a network error) is stored once::

    {"id": "k7f3-0001", "v": 1, "time": "2026-12-03T14:05:09+00:00", "lesson": "06",
     "question": "links.rank_step", "answer": "0.351", "correct": true, "attempt": 2}

Every field is required and no other is allowed. A batch is checked whole before any of it is
stored: one bad record refuses the batch, with a message that names the record, the field, what
was wrong and what is allowed (:class:`Refused`).

Examples
--------
>>> batch = parse_records(b'{"id": "r1", "v": 1, "time": "2026-12-03T14:05:09Z", "lesson": "06", '
...                       b'"question": "links.rank_step", "answer": "0.351", "correct": true, "attempt": 1}',
...                       {"links.rank_step": "06"})
>>> batch.user, batch.records[0].question, batch.records[0].time.isoformat()
(None, 'links.rank_step', '2026-12-03T14:05:09+00:00')
>>> parse_records(b'{"records": []}', {"links.rank_step": "06"})
Traceback (most recent call last):
...
smlearn.classmode.records.Refused: records must hold 1 to 500 records; got 0
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from smlearn.params import check_instance

__all__ = ["LONGEST_BODY", "LONGEST_BATCH", "LONGEST_ANSWER", "FIELDS", "Record", "Batch", "Refused",
           "parse_records", "course_questions", "course_question_objects"]

LONGEST_BODY = 64 * 1024       # bytes: a batch of a few hundred records fits; a pasted data set does not
LONGEST_BATCH = 500            # records in one request: a kernel's offline queue after a long outage
LONGEST_ANSWER = 200           # characters, as smlearn.progress cuts them
LONGEST_NAME = 64              # a user's name (JupyterHub's own names are shorter in practice)
RECORD_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# The fields of a record and the JSON types each takes: the v1 progress record plus the kernel's id.
FIELDS = {"id": "text", "v": "the number 1", "time": "an ISO 8601 time with its zone", "lesson": "text or null",
          "question": "text", "answer": "text", "correct": "true or false", "attempt": "a whole number from 1"}
_LONGEST_ATTEMPT = 100_000


class Refused(ValueError):
    """A request the service refuses: ``status`` is the HTTP status, the message says what and why."""

    wrong_code = False      # True for a wrong class code, which ClassCodeGate counts per address

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Record:
    """One checked record, ready to store (``time`` in UTC, ``lesson`` the question's own)."""

    id: str
    time: datetime
    lesson: str | None
    question: str
    answer: str
    correct: bool
    attempt: int


@dataclass(frozen=True)
class Batch:
    """The records of one request, and the user it says it is from (None when it does not say)."""

    user: str | None
    records: tuple[Record, ...]


def parse_records(body: bytes, questions: Mapping) -> Batch:
    """Read and check a request's body; return its records, or raise :class:`Refused` saying why.

    Parameters
    ----------
    body : bytes
        The request's body, JSON in UTF-8.
    questions : mapping
        The course's question ids, each mapped to its lesson's number (None when it has none):
        :func:`course_questions`.

    Raises
    ------
    Refused
        With status 413 for a body over :data:`LONGEST_BODY` bytes, else 400: not JSON, not an
        object, a missing, extra or wrongly typed field, an answer over :data:`LONGEST_ANSWER`
        characters, a question the course does not ask, a lesson that is not the question's.
    """
    if not isinstance(body, (bytes, bytearray)):
        raise TypeError(f"body must be the request's bytes; got {type(body).__name__}")
    check_instance("questions", questions, Mapping, "a mapping of the course's question ids to their lessons")
    if len(body) > LONGEST_BODY:
        raise Refused(f"the body must be at most {LONGEST_BODY} bytes; got {len(body)}: send fewer records at a time",
                      413)
    try:
        data = json.loads(bytes(body).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise Refused(f"the body must be JSON in UTF-8: {error}") from None
    if not isinstance(data, dict):
        raise Refused(f"the body must be a JSON object (one record, or {{\"records\": [...]}}); got {_kind(data)}")
    user = data.get("user")
    if user is not None and not (isinstance(user, str) and 0 < len(user) <= LONGEST_NAME):
        raise Refused(f"user must be your user name (text of 1 to {LONGEST_NAME} characters) or left out; got {_kind(user)}")
    if "records" in data:
        extra = sorted(set(data) - {"records", "user"})
        if extra:
            raise Refused(f"a batch holds only records and user; it also has {extra}")
        items = data["records"]
        if not isinstance(items, list) or not 0 < len(items) <= LONGEST_BATCH:
            size = len(items) if isinstance(items, list) else _kind(items)
            raise Refused(f"records must hold 1 to {LONGEST_BATCH} records; got {size}")
        where = [f"records[{i}]" for i in range(len(items))]
    else:
        items = [{key: value for key, value in data.items() if key != "user"}]
        where = ["the record"]
    records = tuple(_record(item, place, questions) for item, place in zip(items, where))
    return Batch(user, records)


def _kind(value) -> str:
    """How a JSON value is described in a message (its type, and the value itself when short)."""
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
             float: "a number", type(None): "null"}
    shown = json.dumps(value, ensure_ascii=False)
    name = names.get(type(value), type(value).__name__)
    return f"{name} {shown}" if len(shown) <= 40 else name


def _record(item, place: str, questions: Mapping) -> Record:
    if not isinstance(item, dict):
        raise Refused(f"{place} must be a JSON object with the fields {list(FIELDS)}; got {_kind(item)}")
    missing = [name for name in FIELDS if name not in item]
    extra = sorted(set(item) - set(FIELDS))
    if missing or extra:
        parts = ([f"misses {missing}"] if missing else []) + ([f"has fields not allowed {extra}"] if extra else [])
        raise Refused(f"{place} {' and '.join(parts)}; a record has exactly the fields {list(FIELDS)}")

    def wrong(name, allowed):
        return Refused(f"{place}.{name} must be {allowed}; got {_kind(item[name])}")

    record_id = item["id"]
    if not isinstance(record_id, str) or not RECORD_ID.fullmatch(record_id):
        raise wrong("id", "the kernel's id for the record: 1 to 64 letters, digits or . _ : -")
    if type(item["v"]) is not int or item["v"] != 1:
        raise wrong("v", "1 (the version of the progress record this service reads)")
    moment = _time(item["time"])
    if moment is None:
        raise wrong("time", "an ISO 8601 time with its zone, such as 2026-12-03T14:05:09+00:00")
    question = item["question"]
    if not isinstance(question, str):
        raise wrong("question", "a question id such as links.rank_step")
    if question not in questions:
        example = next(iter(questions))
        raise Refused(f"{place}.question {question!r} is not a question of this course; ids look like {example!r}"
                      " (GET api/questions lists them all)")
    lesson = item["lesson"]
    if lesson is not None and (not isinstance(lesson, str) or lesson != questions[question]):
        raise wrong("lesson", f"the question's lesson {questions[question]!r}, or null")
    answer = item["answer"]
    if not isinstance(answer, str):
        raise wrong("answer", "the learner's answer as text")
    if len(answer) > LONGEST_ANSWER:
        raise Refused(f"{place}.answer must be at most {LONGEST_ANSWER} characters; got {len(answer)}")
    if not isinstance(item["correct"], bool):
        raise wrong("correct", "true or false")
    attempt = item["attempt"]
    if type(attempt) is not int or not 1 <= attempt <= _LONGEST_ATTEMPT:
        raise wrong("attempt", f"a whole number from 1 to {_LONGEST_ATTEMPT}")
    return Record(record_id, moment, questions[question], question, answer, item["correct"], attempt)


def _time(value) -> datetime | None:
    """The time a record was checked, in UTC; None if it is not an ISO 8601 time with a zone."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None or not 2000 <= moment.year <= 2100:
        return None
    return moment.astimezone(timezone.utc)


@functools.cache
def course_questions() -> dict:
    """Every question of the course's lessons, mapped to its lesson's number.

    The ids a kernel may send: each lesson's question module (``notebooks/course.yml`` names it)
    and every question it defines, also those a lesson does not ask today (an instructor may
    bring one back). Loading the modules takes a few seconds, once per process.
    """
    return {question_id: lesson for question_id, (lesson, _question) in course_question_objects().items()}


@functools.cache
def course_question_objects() -> dict:
    """Every question of the course's lessons: its id mapped to ``(lesson number, the question itself)``.

    The questions themselves carry their feedback, which the dashboard reads to name the
    misconception behind a wrong answer (:func:`smlearn.classmode.stats.misconceptions_of`).
    """
    import importlib

    from smlearn.course import load_course
    from smlearn.exercises import questions_in

    found = {}
    for lesson in load_course().lessons:
        for question in questions_in(importlib.import_module(lesson.questions_module)):
            found[question.id] = (lesson.id, question)
    return found
