"""What a class's answers say, question by question: who answered, who was right first time, what went wrong.

For each question of a session:

- ``answered``: how many students sent at least one answer;
- ``right_first``: how many of them were right at their first attempt, and ``share_right_first``
  that count over ``answered``. A student's first attempt is the record with the lowest attempt
  number the service received for that question (a learner who tried at home before the class
  has class attempts numbered from 2: the class sees the first it was sent);
- ``wrong_answers``: the wrong answers, most common first, each with ``students``, how many
  students gave it (a student who sends the same wrong answer three times counts once: the
  count is of minds, not of clicks). Answers are compared after trimming spaces.

Students see these aggregates too, with one difference that keeps a learner's slip private: a wrong
answer is shown to students only once at least two students gave it (``min_shared=2``); the
instructor sees every one.

With ``explain`` (:func:`misconceptions_of` the course's questions), each wrong answer also says
the misconception behind it: the sentence the question's own feedback gives for that answer
(a numeric question's slips, a multiple-choice option's feedback), None when it names none; and
a multiple-choice answer is grouped by its option's text. Each learner sees the options in an
order of their own, so a kernel sends the letter with the text (``"b) a broadcast"``) and the text
decides: "b" from two students who saw different orders counts as the two options it names. Older
records carry the letter alone; it is read in the order of the student's name as the service sees
it, which is the kernel's learner name on a hub (:func:`smlearn.exercises.learner_name`) but, with
class codes, the name the student typed, which may differ: such a letter can be misread there.

Examples
--------
>>> rows = [{"user": "ana", "question": "q.a", "lesson": "01", "answer": "3", "correct": False, "attempt": 1},
...         {"user": "ana", "question": "q.a", "lesson": "01", "answer": "4", "correct": True, "attempt": 2},
...         {"user": "ben", "question": "q.a", "lesson": "01", "answer": "4", "correct": True, "attempt": 1}]
>>> (only,) = question_stats(rows)
>>> only["answered"], only["right_first"], only["share_right_first"], only["wrong_answers"]
(2, 1, 0.5, [{'answer': '3', 'students': 1}])
"""

from __future__ import annotations

import copy
import functools
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping

from smlearn.params import check_flag, check_instance, check_number

__all__ = ["question_stats", "misconceptions_of", "TOP_WRONG"]

log = logging.getLogger("smlearn.classmode")

TOP_WRONG = 5     # the wrong answers shown per question: enough to see the misconceptions, short enough to read live


def question_stats(rows, *, min_shared: int = 1, top: int = TOP_WRONG, explain: Callable | None = None) -> list[dict]:
    """Per question: answered, right at first attempt (count and share), the most common wrong answers.

    Parameters
    ----------
    rows : list of mappings
        A session's records, each with ``user``, ``question``, ``lesson``, ``answer``, ``correct``
        and ``attempt`` (what :meth:`smlearn.classmode.store.Store.records` returns).
    min_shared : int
        Show a wrong answer only once at least this many students gave it (2 for students, 1 for
        the instructor).
    top : int
        How many wrong answers to show per question at most.
    explain : callable, optional
        ``explain(question, answer, user)`` returns a wrong answer as shown and the misconception
        behind it (None when none is known): :func:`misconceptions_of`. Wrong answers are grouped
        by the answer as shown, and each carries ``misconception``.

    Returns
    -------
    list of dict
        One per question that has records, ordered by lesson and question id, with ``question``,
        ``lesson``, ``answered``, ``right_first``, ``share_right_first``, ``records`` and
        ``wrong_answers`` (a list of ``{"answer", "students"}``, with ``"misconception"`` when
        ``explain`` is given).
    """
    if not isinstance(rows, (list, tuple)):
        raise TypeError(f"rows must be a list of records (mappings); got {type(rows).__name__}")
    min_shared = check_number("min_shared", min_shared, 1, 10_000, integer=True)
    top = check_number("top", top, 0, 1_000, integer=True)
    if explain is not None and not callable(explain):
        raise TypeError(f"explain must be a function (question, answer, user) -> (answer, misconception); got {explain!r}")
    first = {}                                  # (question, user) -> the row of the lowest attempt
    wrong = defaultdict(lambda: defaultdict(set))   # question -> answer -> users
    why = {}                                    # (question, answer as shown) -> misconception
    lessons, counts = {}, Counter()
    for row in rows:
        if not isinstance(row, Mapping):
            raise TypeError(f"rows must be a list of records (mappings); one is {type(row).__name__}")
        question, user = row["question"], row["user"]
        lessons[question] = row["lesson"]
        counts[question] += 1
        key = (question, user)
        # ties in attempt number (two kernels of one user) go to the earlier row: rows come in received order
        if key not in first or row["attempt"] < first[key]["attempt"]:
            first[key] = row
        if not row["correct"]:
            if explain is None:
                wrong[question][row["answer"].strip()].add(user)
            else:
                shown, misconception = explain(question, row["answer"], user)
                wrong[question][shown].add(user)
                why[question, shown] = misconception
    answered, right = Counter(), Counter()
    for (question, _user), row in first.items():
        answered[question] += 1
        right[question] += bool(row["correct"])
    result = []
    for question in sorted(answered, key=lambda q: (lessons[q] or "", q)):
        shown = [{"answer": answer, "students": len(users)} for answer, users in wrong[question].items()
                 if len(users) >= min_shared]
        shown.sort(key=lambda entry: (-entry["students"], entry["answer"]))
        if explain is not None:
            for entry in shown:
                entry["misconception"] = why[question, entry["answer"]]
        result.append({"question": question, "lesson": lessons[question], "answered": answered[question],
                       "right_first": right[question],
                       "share_right_first": round(right[question] / answered[question], 4),
                       "records": counts[question], "wrong_answers": shown[:top]})
    return result


def misconceptions_of(questions: Mapping, *, warm: bool = False) -> Callable:
    """The ``explain`` of :func:`question_stats` for a course's questions: each one's own feedback.

    Parameters
    ----------
    questions : mapping
        Question ids, each mapped to the question (anything with ``what_went_wrong(answer,
        learner)``, such as :class:`smlearn.exercises.NumericQuestion`) or to ``(lesson, question)``
        as :func:`smlearn.classmode.records.course_question_objects` gives them.
    warm : bool
        Compute every numeric question's slips now (the course's take about 2 s) rather than at
        the first wrong answer of each question: the service does this before it listens, since
        the statistics are computed on its event loop, which a model run would hold up.

    Returns
    -------
    callable
        ``explain(question_id, answer, user)`` -> ``(answer as shown, misconception or None)``.
        A question it does not know, or whose feedback fails to say (a slip whose model run
        raises), gives the trimmed answer and None: the statistics never fail for it. A numeric
        question's slips are computed once per process (each may run a model), and answers are
        remembered, since a class polls every second.

    Examples
    --------
    >>> from smlearn.exercises import NumericQuestion
    >>> week = NumericQuestion("q.week", "Days in a week?", answer=lambda: 7, slips=[(lambda: 5, "Count the weekend.")])
    >>> explain = misconceptions_of({"q.week": week})
    >>> explain("q.week", "5", "ana"), explain("q.other", " x ", "ana")
    (('5', 'Count the weekend.'), ('x', None))
    """
    check_instance("questions", questions, Mapping, "question ids mapped to the questions")
    check_flag("warm", warm)
    found = {question_id: (entry[1] if isinstance(entry, tuple) else entry) for question_id, entry in questions.items()}
    if warm:
        for question_id, question in found.items():
            try:
                _settled(question)
            except Exception:
                log.exception("the slips of %s could not be computed", question_id)

    @functools.lru_cache(maxsize=20_000)
    def remembered(question_id: str, answer: str, user: str | None) -> tuple[str, str | None]:
        question = found.get(question_id)
        if question is None or not hasattr(question, "what_went_wrong"):
            return answer.strip(), None
        try:
            return _settled(question).what_went_wrong(answer, user)
        except Exception:   # a question's feedback must never take the class's statistics down
            log.exception("the feedback of %s could not explain the answer %r", question_id, answer)
            return answer.strip(), None

    def explain(question_id: str, answer: str, user: str) -> tuple[str, str | None]:
        # Only a multiple-choice letter sent alone (an older record) depends on who gave it; other answers,
        # a letter with its option's text among them, are explained the same for everyone.
        learner_order = hasattr(found.get(question_id), "options_for")
        return remembered(question_id, answer, user if learner_order else None)

    return explain


@functools.lru_cache(maxsize=None)
def _settled(question):
    """``question``, or for a question with slips a copy whose slips are the numbers they give now.

    A slip is a function that may run the lesson's model (0.1 s and more); the service reads many
    answers to the same question, and its model's settings do not change while it runs.
    """
    slips = getattr(question, "slips", None)
    if not slips:
        return question
    settled = copy.copy(question)
    settled.slips = [((lambda value=slip(): value), sentence) for slip, sentence in slips]
    return settled
