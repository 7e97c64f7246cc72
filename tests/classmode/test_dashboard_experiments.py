"""The dashboard's experiments view: the two endpoints it reads, who may read them, and what they hold.

- ``GET api/sessions/<sid>/experiment-stats``: each experiment of the session with its moves and
  students per round; ``GET .../experiments/<eid>/stats``: one experiment's live aggregates.
- Instructors only: a student gets 403, nobody signed in 401; 404 for an unknown session or an
  experiment of another session.
- No student's name in either: the dashboard may be on the projector. What gives an answer away
  (the crowd's truth and errors, the front page's ring) shows only once the experiment is closed.
- The page: its ids, its script reads both endpoints and asks before clearing a session.
"""

from __future__ import annotations

import json

import pytest
from class_service import INSTRUCTOR, OTHER_STUDENT, STUDENT, STUDENT_CODE, call, new_session

from smlearn.classmode.kinds import KINDS, Move

CAROL = ("carol", STUDENT_CODE)
STUDENTS = (STUDENT, OTHER_STUDENT, CAROL)
NAMES = ("ana", "ben", "carol", "prof")
BEANS = {"kind": "crowd", "question": "How many beans are in the jar?", "truth": 1000, "rounds": 2, "unit": "beans"}
SONGS = {"kind": "market", "songs": ["Alpha", "Brass", "Cinder", "Dune", "Ember"], "worlds": 2}
PAGE = {"kind": "frontpage", "items": ["Cats", "Dogs", "Owls", "Bees"], "rule": "score", "ring": 2}
PAGE_IDS = ["experiments-table", "experiments-body", "experiments-summary", "experiment-live",
            "experiment-live-heading", "experiment-live-summary", "experiment-live-body", "session-clear",
            "session-message"]


def open_experiment(base, sid, spec) -> str:
    answer = call(base, "POST", f"/api/sessions/{sid}/experiments", body=spec, auth=INSTRUCTOR)
    assert answer.status == 201, answer
    return answer.json()["id"]


def send(base, sid, eid, who, move_id, round_=1, **fields):
    body = {"id": move_id, "round": round_, **fields}
    answer = call(base, "POST", f"/api/sessions/{sid}/experiments/{eid}/moves", body=body, auth=who)
    assert answer.status == 200, answer
    return answer.json()


def set_round(base, sid, eid, round_):
    assert call(base, "PATCH", f"/api/sessions/{sid}/experiments/{eid}", body={"round": round_},
                auth=INSTRUCTOR).status == 200


def live(base, sid, eid, who=INSTRUCTOR):
    return call(base, "GET", f"/api/sessions/{sid}/experiments/{eid}/stats", auth=who)


def listed(base, sid, who=INSTRUCTOR):
    return call(base, "GET", f"/api/sessions/{sid}/experiment-stats", auth=who)


def no_names(answer) -> bool:
    text = answer.body.decode()
    return not any(f'"{name}"' in text for name in NAMES)


@pytest.fixture(scope="module")
def session(service):
    """A session with a crowd, a market and a front page, each with moves of three students."""
    base = service.base
    sid = new_session(base, "experiments on the dashboard")
    crowd, market, page = (open_experiment(base, sid, spec) for spec in (BEANS, SONGS, PAGE))
    for k, who in enumerate(STUDENTS):
        send(base, sid, crowd, who, f"{who[0]}-c1", estimate=800 + 100 * k)     # 800, 900, 1000
        send(base, sid, market, who, f"{who[0]}-m0", song=0)
        send(base, sid, market, who, f"{who[0]}-m{k + 1}", song=k + 1)
        send(base, sid, page, who, f"{who[0]}-p0", item=0, vote=1)
    assert send(base, sid, crowd, STUDENT, "ana-c1", estimate=800)["duplicate"] == 1   # a retry: counted once
    send(base, sid, page, INSTRUCTOR, "ring-1-p3", item=3, vote=1, user="ring-1")
    send(base, sid, page, INSTRUCTOR, "ring-2-p3", item=3, vote=1, user="ring-2")
    return sid, {"crowd": crowd, "market": market, "frontpage": page}


def test_students_get_403_and_nobody_401(service, session):
    sid, ids = session
    for answer in (listed(service.base, sid, STUDENT), live(service.base, sid, ids["crowd"], OTHER_STUDENT)):
        assert answer.status == 403, answer
        assert answer.json()["error"].startswith("only an instructor may see")
    for answer in (listed(service.base, sid, None), live(service.base, sid, ids["market"], None)):
        assert answer.status == 401, answer
        assert "no credentials" in answer.json()["error"]
    wrong = call(service.base, "GET", f"/api/sessions/{sid}/experiment-stats", auth=("prof", "not-the-code"))
    assert wrong.status == 401


def test_unknown_session_or_experiment_is_404(service, session):
    sid, ids = session
    assert listed(service.base, "nosuch").status == 404
    assert live(service.base, sid, "xnosuch").status == 404
    other = new_session(service.base, "another")
    refused = live(service.base, other, ids["crowd"])      # an experiment of another session
    assert refused.status == 404 and "GET api/sessions/" in refused.json()["error"]
    assert listed(service.base, other).json() == {"session": other, "experiments": []}


def test_the_list_counts_moves_and_students_per_round(service, session):
    sid, ids = session
    answer = listed(service.base, sid)
    assert answer.status == 200 and no_names(answer)
    rows = {row["kind"]: row for row in answer.json()["experiments"]}
    assert [row["id"] for row in answer.json()["experiments"]] == [ids["crowd"], ids["market"], ids["frontpage"]]
    assert rows["crowd"] == {"id": ids["crowd"], "kind": "crowd", "question": BEANS["question"], "rounds": 2,
                             "round": 1, "moves": {"1": {"moves": 3, "students": 3}, "2": {"moves": 0, "students": 0}}}
    assert rows["market"]["moves"] == {"1": {"moves": 6, "students": 3}}
    # the planted ring's two accounts vote too
    assert rows["frontpage"]["moves"] == {"1": {"moves": 5, "students": 5}, "2": {"moves": 0, "students": 0}}
    assert "truth" not in answer.body.decode()


def test_the_crowd_shows_its_errors_only_once_closed(service, session):
    sid, ids = session
    eid = ids["crowd"]
    answer = live(service.base, sid, eid)
    assert answer.status == 200 and no_names(answer)
    body = answer.json()
    assert {key: body[key] for key in ("id", "session", "kind", "round", "rounds")} == {
        "id": eid, "session": sid, "kind": "crowd", "round": 1, "rounds": 2}
    assert body["live"]["truth"] is None and "1000" not in json.dumps(body["live"])
    assert body["live"]["rounds"]["1"] == {"students": 3, "mean": 900.0, "diversity": pytest.approx(20000 / 3)}
    assert body["live"]["rounds"]["2"] == {"students": 0}
    set_round(service.base, sid, eid, 2)
    send(service.base, sid, eid, STUDENT, "ana-c2", round_=2, estimate=950)
    opened = live(service.base, sid, eid).json()
    assert opened["round"] == 2 and opened["live"]["rounds"]["2"]["students"] == 1
    assert opened["moves"]["2"] == {"moves": 1, "students": 1}
    set_round(service.base, sid, eid, 0)
    closed = live(service.base, sid, eid).json()["live"]
    assert closed["truth"] == 1000 and closed["unit"] == "beans"
    assert closed["rounds"]["1"]["crowd_error"] == pytest.approx(100.0)
    assert closed["rounds"]["1"]["individual_error"] == pytest.approx(100.0)
    assert closed["rounds"]["2"]["crowd_error"] == pytest.approx(50.0)


def test_the_market_shows_downloads_per_song_and_world(service, session):
    sid, ids = session
    answer = live(service.base, sid, ids["market"])
    assert answer.status == 200 and no_names(answer)
    market = answer.json()["live"]
    assert market["songs"] == SONGS["songs"]
    worlds = market["worlds"]
    assert [w["world"] for w in worlds] == [0, 1, 2]
    assert [w["students"] for w in worlds] == [1, 1, 1]          # three students, one in each world
    assert sum(w["counts"][0] for w in worlds) == 3               # every student downloaded song 0
    assert all(sum(w["counts"]) == w["downloads"] == 2 for w in worlds)
    assert all(w["gini"] == pytest.approx(0.6) and w["top_share"] == 0.5 for w in worlds)
    assert market["gini_independent"] == pytest.approx(0.6) and market["unpredictability_social"] is not None


def test_the_front_page_hides_its_ring_until_closed(service, session):
    sid, ids = session
    eid = ids["frontpage"]
    answer = live(service.base, sid, eid)
    assert answer.status == 200 and no_names(answer) and "ring-" not in answer.body.decode()
    page = answer.json()["live"]
    assert page["page"][0] == {"item": 0, "title": "Cats", "ups": 3, "downs": 0}     # the score rule: 3 ups first
    assert page["page"][1] == {"item": 3, "title": "Bees", "ups": 2, "downs": 0}
    assert (page["votes"], page["voters"], page["suspecting"]) == (5, 5, 0)
    assert "detection" not in page
    set_round(service.base, sid, eid, 2)
    labels = call(service.base, "GET", f"/api/sessions/{sid}/experiments/{eid}", auth=STUDENT).json()["accounts"]
    ring = [label for label, votes in labels.items() if votes["up"] == [3]]
    assert len(ring) == 2
    send(service.base, sid, eid, STUDENT, "ana-suspects", round_=2, suspects=ring)
    send(service.base, sid, eid, OTHER_STUDENT, "ben-suspects", round_=2, suspects=[])
    detecting = live(service.base, sid, eid).json()
    assert detecting["live"]["suspecting"] == 2 and "detection" not in detecting["live"]
    set_round(service.base, sid, eid, 0)
    closed = live(service.base, sid, eid)
    assert no_names(closed)
    found = closed.json()["live"]["detection"]
    assert found["ring"] == sorted(ring)
    assert found["hit_rate"] == pytest.approx(0.5) and found["false_alarm_rate"] == 0.0   # ana all, ben none


def test_clearing_the_session_empties_the_view(service):
    sid = new_session(service.base, "cleared")
    eid = open_experiment(service.base, sid, BEANS)
    for k, who in enumerate(STUDENTS):
        send(service.base, sid, eid, who, f"{who[0]}-1", estimate=500 + k)
    assert listed(service.base, sid).json()["experiments"][0]["moves"]["1"]["moves"] == 3
    assert call(service.base, "DELETE", f"/api/sessions/{sid}", auth=STUDENT).status == 403
    assert listed(service.base, sid).json()["experiments"][0]["moves"]["1"]["moves"] == 3
    cleared = call(service.base, "DELETE", f"/api/sessions/{sid}", auth=INSTRUCTOR)
    assert cleared.json() == {"session": sid, "deleted": 3}
    assert listed(service.base, sid).json()["experiments"][0]["moves"]["1"] == {"moves": 0, "students": 0}
    assert live(service.base, sid, eid).json()["live"]["rounds"]["1"] == {"students": 0}


def test_the_page_has_the_view_and_asks_before_clearing(service):
    html = call(service.base, "GET", "/", auth=INSTRUCTOR).body.decode()
    for element in PAGE_IDS:
        assert f'id="{element}"' in html, element
    experiments = html[html.index('id="experiments-table"'):]
    assert "<caption>" in experiments and experiments.count('scope="col"') == 6
    assert "<script>" not in html and " on" + "click=" not in html      # no inline script: the CSP forbids it
    js = call(service.base, "GET", "/static/dashboard.js").body.decode()
    for text in ('"/experiment-stats"', '"/stats"', '"DELETE"', "window.confirm(", '"X-XSRFToken"',
                 '"experiment-show-"', '"crowd-round-"', '"market-song-"', '"frontpage-item-"'):
        assert text in js, text
    # the clear button calls DELETE only after the instructor confirmed
    clear = js[js.index('$("session-clear").addEventListener'):]
    assert clear.index("window.confirm(") < clear.index('"DELETE"')


def test_each_kind_has_live_numbers_without_names():
    spec = KINDS["crowd"].parse_spec({"question": "Beans?", "truth": 10})
    assert KINDS["crowd"].live(spec, 1, []) == {"truth": None, "unit": "", "rounds": {"1": {"students": 0},
                                                                                       "2": {"students": 0}}}
    market = KINDS["market"]
    spec = market.parse_spec(SONGS)
    moves = [{"user": "ana", "round": 1, "value": {"song": 2}}]
    found = market.live(spec, 1, moves, groups={"ana": 1})
    assert found["worlds"][1]["counts"] == [0, 0, 1, 0, 0] and "ana" not in json.dumps(found)
    page = KINDS["frontpage"]
    spec = page.parse_spec(PAGE)
    votes = [{"user": "ring-1", "round": 1, "value": {"item": 1, "vote": -1}}]
    assert page.live(spec, 1, votes)["page"][-1] == {"item": 1, "title": "Dogs", "ups": 0, "downs": 1}
    assert "ring-1" not in json.dumps(page.live(spec, 0, votes))


def test_the_store_counts_moves_per_experiment_and_round(service):
    store = service.store
    sid = new_session(service.base, "store counts")
    crowd = store.open_experiment(sid, "crowd", KINDS["crowd"].parse_spec(BEANS))["id"]
    market = store.open_experiment(sid, "market", KINDS["market"].parse_spec(SONGS))["id"]
    assert store.move_counts(sid) == {}
    store.add_move(crowd, "ana", Move("a1", 1, None, {"estimate": 5.0}))
    store.add_move(crowd, "ana", Move("a2", 2, None, {"estimate": 6.0}))
    store.add_move(crowd, "ben", Move("b1", 1, None, {"estimate": 7.0}))
    for song in (0, 1, 2):
        store.add_move(market, "ana", Move(f"m{song}", 1, None, {"song": song}), str(song))
    assert store.move_counts(sid) == {crowd: {1: {"moves": 2, "students": 2}, 2: {"moves": 1, "students": 1}},
                                      market: {1: {"moves": 3, "students": 1}}}
    assert store.move_counts("nosuch") == {}
