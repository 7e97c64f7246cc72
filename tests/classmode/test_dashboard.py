"""The instructor's dashboard: who may open it, what the page is made of, and the statistics it reads.

The page (smlearn/classmode/dashboard/) polls ``api/sessions/<sid>/stats`` every second; the
service computes those at most once a second per session and role. So a new answer shows within
two seconds: checked here with a clock the test moves by hand, not by sleeping. Each wrong answer
carries the misconception the question's own feedback names for it: a numeric question's slip,
a multiple-choice option's feedback (the option named by the text the kernel sends with its letter;
an older record's letter alone read in its student's order).
"""

from __future__ import annotations

import re

import pytest
from class_service import INSTRUCTOR, QUESTIONS, STUDENT, STUDENT_CODE, Served, call, new_session, record

from smlearn import progress
from smlearn.classmode.app import STATS_SECONDS, make_app
from smlearn.classmode.auth import ClassCodeGate, Gate
from smlearn.classmode.records import Refused, course_question_objects
from smlearn.classmode.stats import misconceptions_of, question_stats
from smlearn.exercises import ChoiceQuestion, NumericQuestion, fingerprint
from smlearn.questions import how_things_spread, two_ideas

NUMERIC, CHOICE = "how_things_spread.peak_time", "two_ideas.promo"
LESSONS = {**QUESTIONS, NUMERIC: "04", CHOICE: "01"}
IDS = ["session-select", "session-toggle", "session-new", "session-name", "export-csv", "summary", "error",
       "stats-table", "stats-body", "updated", "session-id"]


class Clock:
    """Seconds that move only when the test says so."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    from smlearn.classmode.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("dash") / "class.sqlite"))
    served = Served(make_app(store, ClassCodeGate(STUDENT_CODE, INSTRUCTOR[1]), questions=LESSONS, clock=(clock := Clock())))
    served.store, served.base, served.clock = store, served.url(), clock
    yield served
    served.stop()
    store.close()


def test_the_instructor_gets_the_page_a_student_403_nobody_401(dashboard):
    page = call(dashboard.base, "GET", "/", auth=INSTRUCTOR)
    assert page.status == 200 and page.headers["Content-Type"].startswith("text/html")
    html = page.body.decode()
    for element in IDS:
        assert f'id="{element}"' in html, element
    answers = html[html.index('id="stats-table"'):html.index('id="experiments-table"')]
    assert '<caption>' in answers and answers.count('scope="col"') == 4
    assert re.search(r'id="summary" aria-live="polite"', html) and 'role="alert"' in html
    assert "Signed in as prof" in html
    # its own script and style sheet only: nothing from another site, nothing inline
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    student = call(dashboard.base, "GET", "/", auth=STUDENT)
    assert student.status == 403 and "only an instructor may open the class dashboard" in student.body.decode()
    assert "ana" in student.body.decode()
    nobody = call(dashboard.base, "GET", "/")
    assert nobody.status == 401 and nobody.headers["WWW-Authenticate"].startswith("Basic")   # the browser asks
    wrong = call(dashboard.base, "GET", "/", auth=("prof", "not-the-code"))
    assert wrong.status == 401 and "class code is wrong" in wrong.body.decode()


def test_the_page_works_offline_and_never_writes_an_answer_as_html(dashboard):
    html = call(dashboard.base, "GET", "/", auth=INSTRUCTOR).body.decode()
    script = call(dashboard.base, "GET", "/static/dashboard.js")
    style = call(dashboard.base, "GET", "/static/dashboard.css")
    assert script.status == 200 and "javascript" in script.headers["Content-Type"]
    assert style.status == 200 and style.headers["Content-Type"].startswith("text/css")
    assert 'src="/static/dashboard.js"' in html and 'href="/static/dashboard.css"' in html
    for text in (html, script.body.decode(), style.body.decode()):
        assert "http://" not in text and "https://" not in text and "<script>" not in text
    js = script.body.decode()
    # a learner's answer is any text: the script puts it in the page as text only
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js
    # it reads the endpoints the service has, and polls at the service's refresh
    for path in ('"sessions"', '"/stats"', '"/records.csv"', '"PATCH"', '"POST"'):
        assert path in js, path
    assert 'data-refresh="1.0"' in html and STATS_SECONDS == 1.0


def test_under_a_hub_prefix_a_browser_without_login_is_sent_to_log_in(tmp_path):
    from smlearn.classmode.store import open_store

    class LoginGate(Gate):
        """A gate like the hub's: nobody is signed in, and the sign-in page is <prefix>login."""

        async def identify(self, handler):
            raise Refused("no credentials", 401)

        def login_url(self, prefix):
            return prefix + "login"

    store = open_store(str(tmp_path / "class.sqlite"))
    served = Served(make_app(store, LoginGate(), questions=QUESTIONS, prefix="/services/smlearn-class/"))
    try:
        import urllib.request

        class Keep(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(Keep)
        with pytest.raises(urllib.error.HTTPError) as answer:
            opener.open(served.url() + "/services/smlearn-class/")
        assert answer.value.code == 302
        assert answer.value.headers["Location"] == "/services/smlearn-class/login?next=%2Fservices%2Fsmlearn-class%2F"
        # the API does not redirect: a kernel gets its 401 in JSON
        api = call(served.url(), "GET", "/services/smlearn-class/api/me")
        assert api.status == 401 and api.json() == {"error": "no credentials"}
    finally:
        served.stop()
        store.close()


def test_the_stats_the_page_reads_name_the_misconception(dashboard):
    sid = new_session(dashboard.base, "misconceptions")
    numeric = how_things_spread.peak_time
    slip_value, slip_sentence = numeric.slips[0][0](), numeric.slips[0][1]
    promo = two_ideas.promo
    first = promo.authored[0]      # "social media, because ...": the feedback's "a"
    ana_letter = "abcd"[promo.options_for("ana").index(first)]
    sent = {"ana": [record(NUMERIC, correct=False, answer=f"{slip_value:g}", lesson="04"),
                    record(CHOICE, correct=False, answer=ana_letter, lesson="01")],
            # ben types the option's text; cy gives a numeric answer no slip explains
            "ben": [record(CHOICE, correct=False, answer=f"  {first} ", lesson="01")],
            "cy": [record(NUMERIC, correct=False, answer="123456", lesson="04")]}
    for user, records in sent.items():
        assert call(dashboard.base, "POST", f"/api/sessions/{sid}/records", body={"records": records},
                    auth=(user, STUDENT_CODE)).status == 200
    dashboard.clock.now += STATS_SECONDS
    stats = call(dashboard.base, "GET", f"/api/sessions/{sid}/stats", auth=INSTRUCTOR).json()
    by_id = {q["question"]: q for q in stats["questions"]}
    (shared,) = by_id[CHOICE]["wrong_answers"]     # ana's letter and ben's text name the same option
    assert shared["answer"] == first and shared["students"] == 2
    assert shared["misconception"].startswith("It is one-to-many, yes, but social media is content people find")
    assert by_id[NUMERIC]["wrong_answers"] == [
        {"answer": "123456", "students": 1, "misconception": None},
        {"answer": f"{slip_value:g}", "students": 1, "misconception": slip_sentence}]
    # students see the shared one too (two students gave it), with its misconception
    seen = call(dashboard.base, "GET", f"/api/sessions/{sid}/stats", auth=STUDENT).json()
    assert {q["question"]: q for q in seen["questions"]}[CHOICE]["wrong_answers"][0]["students"] == 2


def test_a_choice_maps_to_its_option_when_the_service_knows_the_student_by_another_name(dashboard, tmp_path,
                                                                                          monkeypatch):
    """With class codes the name a student types may not be the kernel's learner name, which orders the options."""
    monkeypatch.setenv("SMLEARN_PROGRESS", str(tmp_path / progress.FILE_NAME))
    promo = two_ideas.promo                  # shown in the order of the kernel's learner name
    first = promo.authored[0]                # a wrong option, with feedback
    kernel_letter = promo.letters[promo.options.index(first)]
    # a typed name under which that letter names another option (the first such name of a fixed list)
    typed = next(name for name in ("Ana", "ana m", "ana-2", "ANA", "a.m.") if promo.options_for(name)[
        promo.options.index(first)] != first)
    try:
        assert promo.check(kernel_letter).correct is False
    finally:
        promo.reset()
    (kept,) = progress.read_records()
    assert kept["answer"] == f"{kernel_letter}) {first}"     # the letter and the option's text
    sid = new_session(dashboard.base, "another name")
    sent = record(CHOICE, correct=False, answer=kept["answer"], lesson="01")
    assert call(dashboard.base, "POST", f"/api/sessions/{sid}/records", body=sent,
                auth=(typed, STUDENT_CODE)).status == 200
    dashboard.clock.now += STATS_SECONDS
    stats = call(dashboard.base, "GET", f"/api/sessions/{sid}/stats", auth=INSTRUCTOR).json()
    (wrong,) = stats["questions"][0]["wrong_answers"]
    assert wrong["answer"] == first and wrong["students"] == 1
    assert wrong["misconception"].startswith("It is one-to-many, yes, but social media is content people find")
    # the letter alone, as an older kernel sent it, is read in the typed name's order: another option
    explain = misconceptions_of({CHOICE: promo})
    assert explain(CHOICE, kernel_letter, typed)[0] != first
    assert explain(CHOICE, kept["answer"], typed)[0] == first


def test_a_new_answer_shows_at_the_next_refresh(dashboard):
    """The stats are computed at most once a second: a poll within the second sees the old ones, the next the new."""
    sid = new_session(dashboard.base, "live")
    path = f"/api/sessions/{sid}/stats"
    assert call(dashboard.base, "GET", path, auth=INSTRUCTOR).json()["records"] == 0
    call(dashboard.base, "POST", f"/api/sessions/{sid}/records", body=record(), auth=STUDENT)
    dashboard.clock.now += STATS_SECONDS / 2
    assert call(dashboard.base, "GET", path, auth=INSTRUCTOR).json()["records"] == 0       # still cached
    dashboard.clock.now += STATS_SECONDS / 2
    fresh = call(dashboard.base, "GET", path, auth=INSTRUCTOR).json()
    assert fresh["records"] == 1 and fresh["questions"][0]["answered"] == 1
    assert fresh["refresh_seconds"] == STATS_SECONDS
    # the student's view has its own cache entry, and sees the record as soon as it is computed
    assert call(dashboard.base, "GET", path, auth=STUDENT).json()["records"] == 1


def test_what_went_wrong_for_each_kind_of_question():
    share = NumericQuestion("q.share", "A share?", answer=lambda: 0.35, tolerance=0.01, unit="share",
                            slips=[(lambda: 0.65, "That is the other side's share.")])
    assert share.what_went_wrong("0.65") == ("0.65", "That is the other side's share.")
    assert share.what_went_wrong("35")[1].startswith("A percentage given where a share")
    assert share.what_went_wrong("35 %")[1].startswith("A percentage")
    assert share.what_went_wrong("0.9") == ("0.9", None)
    assert share.what_went_wrong("lots") == ("lots", None)
    choice = ChoiceQuestion("q.c", "Which?", ["one way", "two ways", "no way"],
                            answer_fingerprint=fingerprint("q.c", "two ways"), feedback={"c": "There is a way."})
    for learner in ("ana", "ben", "cy", "dan"):
        order = choice.options_for(learner)
        assert sorted(order) == sorted(choice.authored)
        letter = "abc"[order.index("no way")]
        assert choice.what_went_wrong(letter, learner) == ("no way", "There is a way.")
        assert choice.what_went_wrong(f"{letter})", learner) == ("no way", "There is a way.")
        # a record's letter and text: the text decides, whoever's order the letter was of
        for other in "abc":
            assert choice.what_went_wrong(f"{other}) no way", learner) == ("no way", "There is a way.")
            assert choice.what_went_wrong(f" {other.upper()})  No  way ", learner) == ("no way", "There is a way.")
    # a text cut to the record's length names the one option it starts; a text no option has names none
    long = ChoiceQuestion("q.l", "Which?", ["x" * 150 + " one", "x" * 150 + " two", "short"],
                          answer_fingerprint=fingerprint("q.l", "short"), feedback={"b": "Not two."})
    assert long.what_went_wrong("c) " + "x" * 150 + " tw…", "ana") == ("x" * 150 + " two", "Not two.")
    assert long.what_went_wrong("c) " + "x" * 100 + "…", "ana") == ("c) " + "x" * 100 + "…", None)
    assert choice.what_went_wrong("a) some way") == ("a) some way", None)
    assert choice.what_went_wrong("ONE  way") == ("one way", None)
    assert choice.what_went_wrong("z") == ("z", None)
    with pytest.raises(TypeError, match="answer"):
        share.what_went_wrong(0.65)


def test_misconceptions_of_never_fails_the_stats():
    def broken():
        raise RuntimeError("a model that fails")

    question = NumericQuestion("q.broken", "?", answer=lambda: 1, slips=[(broken, "never said")])
    explain = misconceptions_of({"q.broken": question, "q.old": ("01", object())})
    assert explain("q.broken", " 3 ", "ana") == ("3", None)
    assert explain("q.old", "x", "ana") == ("x", None)
    assert explain("q.unknown", "y", "ana") == ("y", None)
    rows = [{"user": "ana", "question": "q.broken", "lesson": None, "answer": "3", "correct": False, "attempt": 1}]
    assert question_stats(rows, explain=explain)[0]["wrong_answers"] == [
        {"answer": "3", "students": 1, "misconception": None}]
    with pytest.raises(TypeError, match="explain must be a function"):
        question_stats(rows, explain="yes")
    with pytest.raises(TypeError, match="questions"):
        misconceptions_of(["q.broken"])


def test_every_course_question_explains_a_wrong_answer_without_failing():
    """Each question of the course reads a typical record's answer; a slip's model runs, and says a sentence or None."""
    explain = misconceptions_of(course_question_objects())
    for question_id, (_lesson, question) in course_question_objects().items():
        for answer in ("a", "0.5", "{'x': 1}"):
            shown, why = explain(question_id, answer, "ana")
            assert isinstance(shown, str) and (why is None or isinstance(why, str) and why), (question_id, answer)
    slipped = [(qid, q) for qid, (_l, q) in course_question_objects().items() if getattr(q, "slips", None)]
    assert slipped, "the course's numeric questions have slips"
    for question_id, question in slipped:
        value, sentence = question.slips[0][0](), question.slips[0][1]
        if question.unit == "share" and 1 < value <= 100:
            continue
        assert explain(question_id, repr(float(value)), "ana")[1] == sentence, question_id


def test_a_slip_runs_its_model_once_however_many_answers_it_reads():
    """The stats run on the service's event loop: a slip's model must not run again for each new answer."""
    runs = []

    def slip():
        runs.append(1)
        return 5

    question = NumericQuestion("q.days", "Days in a week?", answer=lambda: 7, slips=[(slip, "Count the weekend.")])
    explain = misconceptions_of({"q.days": question}, warm=True)
    assert len(runs) == 1                       # at start, before the service listens
    for answer in ("5", "5.0", "6", " 5 ", "8"):
        explain("q.days", answer, "ana")
    assert len(runs) == 1
    assert explain("q.days", "5.0", "ben") == ("5.0", "Count the weekend.")
    assert question.slips[0][0] is slip         # the question itself is left as it was
