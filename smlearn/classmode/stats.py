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

from collections import Counter, defaultdict
from collections.abc import Mapping

from smlearn.params import check_number

__all__ = ["question_stats", "TOP_WRONG"]

TOP_WRONG = 5     # the wrong answers shown per question: enough to see the misconceptions, short enough to read live


def question_stats(rows, *, min_shared: int = 1, top: int = TOP_WRONG) -> list[dict]:
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

    Returns
    -------
    list of dict
        One per question that has records, ordered by lesson and question id, with ``question``,
        ``lesson``, ``answered``, ``right_first``, ``share_right_first``, ``records`` and
        ``wrong_answers`` (a list of ``{"answer", "students"}``).
    """
    if not isinstance(rows, (list, tuple)):
        raise TypeError(f"rows must be a list of records (mappings); got {type(rows).__name__}")
    min_shared = check_number("min_shared", min_shared, 1, 10_000, integer=True)
    top = check_number("top", top, 0, 1_000, integer=True)
    first = {}                                  # (question, user) -> the row of the lowest attempt
    wrong = defaultdict(lambda: defaultdict(set))   # question -> answer -> users
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
            wrong[question][row["answer"].strip()].add(user)
    answered, right = Counter(), Counter()
    for (question, _user), row in first.items():
        answered[question] += 1
        right[question] += bool(row["correct"])
    result = []
    for question in sorted(answered, key=lambda q: (lessons[q] or "", q)):
        shown = [{"answer": answer, "students": len(users)} for answer, users in wrong[question].items()
                 if len(users) >= min_shared]
        shown.sort(key=lambda entry: (-entry["students"], entry["answer"]))
        result.append({"question": question, "lesson": lessons[question], "answered": answered[question],
                       "right_first": right[question],
                       "share_right_first": round(right[question] / answered[question], 4),
                       "records": counts[question], "wrong_answers": shown[:top]})
    return result
