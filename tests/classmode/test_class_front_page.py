"""The class front page on the class service, over HTTP, and from a learner's kernel.

- Students vote each item once; the page they see is ranked by the instructor's rule.
- Only an instructor casts the planted ring's votes (as ring-1 ...); nobody else may use those
  names, and an instructor no other student's.
- In the detection round every student sees who voted for what under made-up labels, never a
  name, and names suspects once; the instructor sees each student's hit and false-alarm rates,
  the class's, the ring detector on the class's votes, and the detector on a simulated page.
- Bad settings and bad moves (hypothesis): a 4xx with a message, nothing stored.
"""

from __future__ import annotations

import json

import pytest
from class_service import INSTRUCTOR, OTHER_STUDENT, STUDENT, STUDENT_CODE, call, new_session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_sending import folder, wait_until  # noqa: F401  (folder: the learner's folder fixture, found by name)

from smlearn.classmode import experiments, send
from smlearn.models import ranking

SETTINGS = settings(max_examples=30, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
ITEMS = ["Cats on a train", "A new bridge", "Tax tips", "Moon photos", "Local bakery"]
PAGE = {"kind": "frontpage", "items": ITEMS, "rule": "score", "ring": 3}
CAROL, DAN = ("carol", STUDENT_CODE), ("dan", STUDENT_CODE)
# The students' honest votes, and the ring's: three accounts up-voting the same weak items 2, 3 and 4.
HONEST = {STUDENT: {0: 1, 1: 1, 2: -1}, OTHER_STUDENT: {0: 1, 3: -1}, CAROL: {1: 1, 0: 1}, DAN: {4: -1, 0: 1}}
RING_ITEMS = (2, 3, 4)


def where(sid, eid=None):
    return f"/api/sessions/{sid}/experiments" + (f"/{eid}" if eid else "")


def open_page(base, sid, **changes):
    answer = call(base, "POST", where(sid), body={**PAGE, **changes}, auth=INSTRUCTOR)
    assert answer.status == 201, answer
    return answer.json()["id"]


def vote(base, sid, eid, who, item, value=1, move_id=None, round_=1, **extra):
    body = {"id": move_id or f"{who[0] if isinstance(who, tuple) else 'x'}-{item}", "round": round_, "item": item,
            "vote": value, **extra}
    return call(base, "POST", where(sid, eid) + "/moves", body=body, auth=who)


def plant(base, sid, eid, account, item):
    return vote(base, sid, eid, INSTRUCTOR, item, move_id=f"{account}-{item}", user=account)


def suspect(base, sid, eid, who, labels, move_id=None):
    body = {"id": move_id or f"{who[0]}-suspects", "round": 2, "suspects": labels}
    return call(base, "POST", where(sid, eid) + "/moves", body=body, auth=who)


def look(base, sid, eid, who):
    answer = call(base, "GET", where(sid, eid), auth=who)
    assert answer.status == 200, answer
    return answer.json()


def set_round(base, sid, eid, round_):
    return call(base, "PATCH", where(sid, eid), body={"round": round_}, auth=INSTRUCTOR)


@pytest.fixture(scope="module")
def voted(service):
    """A page the class voted on, with the ring's votes planted; round 2 (detection) open."""
    sid = new_session(service.base, "front page")
    eid = open_page(service.base, sid)
    for who, votes in HONEST.items():
        for item, value in votes.items():
            assert vote(service.base, sid, eid, who, item, value).json()["stored"] == 1
    for k in (1, 2, 3):
        for item in RING_ITEMS:
            assert plant(service.base, sid, eid, f"ring-{k}", item).json()["stored"] == 1
    assert set_round(service.base, sid, eid, 2).json()["round"] == 2
    return sid, eid


def _tally():
    ups, downs = [0] * len(ITEMS), [0] * len(ITEMS)
    for votes in HONEST.values():
        for item, value in votes.items():
            (ups if value == 1 else downs)[item] += 1
    for item in RING_ITEMS:
        ups[item] += 3
    return ups, downs


def test_the_page_is_ranked_by_the_rule_from_every_vote(service, voted):
    sid, eid = voted
    view = look(service.base, sid, eid, STUDENT)
    ups, downs = _tally()
    order = ranking.rank_items(ups, downs, list(range(len(ITEMS))), len(ITEMS), rule="score").tolist()
    assert [row["item"] for row in view["page"]] == order
    assert [(row["ups"], row["downs"]) for row in view["page"]] == [(ups[i], downs[i]) for i in order]
    assert view["yours"] == {"0": 1, "1": 1, "2": -1}
    # the ring lifted its weak items: without it, the items it voted for sink below the ones the class liked
    results = call(service.base, "GET", where(sid, eid) + "/results", auth=INSTRUCTOR).json()
    place = {key: [row["item"] for row in results[key]] for key in ("page", "page_without_ring")}
    assert place["page_without_ring"][-3:] == [4, 3, 2] and place["page"].index(4) < place["page"].index(1)


def test_each_item_once_a_replay_stored_once(service):
    sid = new_session(service.base)
    eid = open_page(service.base, sid)
    assert vote(service.base, sid, eid, STUDENT, 1, 1, move_id="v1").json()["stored"] == 1
    assert vote(service.base, sid, eid, STUDENT, 1, 1, move_id="v1").json()["duplicate"] == 1
    again = vote(service.base, sid, eid, STUDENT, 1, -1, move_id="v2")
    assert again.status == 409 and "already voted on item 1" in again.json()["error"]
    assert vote(service.base, sid, eid, STUDENT, 2, -1, move_id="v3").json()["stored"] == 1
    assert [m["value"] for m in service.store.moves(eid)] == [{"item": 1, "vote": 1}, {"item": 2, "vote": -1}]


def test_only_an_instructor_casts_the_rings_votes(service):
    sid = new_session(service.base)
    eid = open_page(service.base, sid)
    refused = vote(service.base, sid, eid, STUDENT, 2, user="ring-1")
    assert refused.status == 403 and "only your own moves" in refused.json()["error"]
    posing = vote(service.base, sid, eid, ("ring-2", STUDENT_CODE), 2)
    assert posing.status == 403 and "planted accounts" in posing.json()["error"]
    beyond = plant(service.base, sid, eid, "ring-4", 2)          # the ring has 3 accounts
    assert beyond.status == 403 and "not as 'ring-4'" in beyond.json()["error"]
    as_student = vote(service.base, sid, eid, INSTRUCTOR, 2, user="ben")
    assert as_student.status == 403
    assert service.store.count_moves(eid) == 0
    assert plant(service.base, sid, eid, "ring-3", 2).json()["stored"] == 1
    assert [m["user"] for m in service.store.moves(eid)] == ["ring-3"]


def test_in_the_detection_round_students_see_labels_never_names(service, voted):
    sid, eid = voted
    view = look(service.base, sid, eid, OTHER_STUDENT)
    text = json.dumps(view)
    assert not any(name in text for name in ("ana", "ben", "carol", "dan", "ring-", "prof", "salt"))
    assert len(view["accounts"]) == 4 + 3 and view["you"] in view["accounts"]
    assert view["accounts"][view["you"]] == {"up": [0], "down": [3]}
    assert sorted(v["up"] for v in view["accounts"].values()).count(list(RING_ITEMS)) == 3
    late = vote(service.base, sid, eid, OTHER_STUDENT, 4)
    assert late.status == 409 and "round 1 is not open" in late.json()["error"]


def test_detection_is_scored_against_the_ring(service, voted):
    sid, eid = voted
    results = call(service.base, "GET", where(sid, eid) + "/results", auth=INSTRUCTOR).json()
    label = {v["user"]: v["label"] for v in results["votes"]}
    ring = sorted(label[f"ring-{k}"] for k in (1, 2, 3))
    honest = sorted(label[who[0]] for who in HONEST)
    assert suspect(service.base, sid, eid, STUDENT, ring).json()["stored"] == 1                  # all the ring
    assert suspect(service.base, sid, eid, OTHER_STUDENT, [ring[0], honest[0]]).json()["stored"] == 1
    assert suspect(service.base, sid, eid, CAROL, []).json()["stored"] == 1                       # nobody
    twice = suspect(service.base, sid, eid, STUDENT, [], move_id="ana-again")
    assert twice.status == 409 and "one list" in twice.json()["error"]
    found = call(service.base, "GET", where(sid, eid) + "/results", auth=INSTRUCTOR).json()["detection"]
    by_user = {s["user"]: s for s in found["students"]}
    assert (by_user["ana"]["hit_rate"], by_user["ana"]["false_alarm_rate"]) == (1.0, 0.0)
    assert by_user["ben"]["hit_rate"] == pytest.approx(1 / 3) and by_user["ben"]["false_alarm_rate"] == 0.25
    assert (by_user["carol"]["hit_rate"], by_user["carol"]["false_alarm_rate"]) == (0.0, 0.0)
    assert found["hit_rate"] == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert found["false_alarm_rate"] == pytest.approx(0.25 / 3)
    # named by at least half of the three: ring[0] (twice)
    assert found["majority"]["suspects"] == [ring[0]] and found["majority"]["hit_rate"] == pytest.approx(1 / 3)
    # the detector on the class's own votes: the three ring accounts up-voted the same three items
    detector = call(service.base, "GET", where(sid, eid) + "/results", auth=INSTRUCTOR).json()["detector"]
    assert detector["hit_rate"] == 1.0 and detector["false_alarm_rate"] == 0.0 and detector["ring_accounts"] == 3
    model = call(service.base, "GET", where(sid, eid) + "/results", auth=INSTRUCTOR).json()["model"]
    assert model["ring_size"] == 3 and 0 <= model["hit_rate"] <= 1 and 0 <= model["false_alarm_rate"] <= 1
    # closed: everyone sees the ring's labels and the class's rates, no names
    set_round(service.base, sid, eid, 0)
    try:
        view = look(service.base, sid, eid, DAN)
    finally:
        set_round(service.base, sid, eid, 2)
    assert view["ring"] == ring and view["detection"]["students"] == 3
    assert view["detection"]["hit_rate"] == pytest.approx(found["hit_rate"]) and "carol" not in json.dumps(view)


@pytest.mark.parametrize("spec, message", [
    ({**PAGE, "items": ITEMS[:2]}, "items must be a list of 3 to 30 titles"),
    ({**PAGE, "rule": "newest"}, "rule must be one of ['score', 'hot'"),
    ({**PAGE, "ring": 21}, "ring must be how many accounts"),
    ({**PAGE, "ring": True}, "ring must be how many accounts"),
    ({**PAGE, "salt": "abc"}, "got also ['salt']"),
], ids=["too few items", "rule", "ring too large", "ring true", "salt"])
def test_bad_settings_are_refused(service, spec, message):
    sid = new_session(service.base)
    answer = call(service.base, "POST", where(sid), body=spec, auth=INSTRUCTOR)
    assert answer.status == 400 and message in answer.json()["error"], answer
    assert service.store.experiments(sid) == []


@st.composite
def bad_moves(draw):
    """(what is wrong, body, the status it must get), for a page whose round 1 is open."""
    kind = draw(st.sampled_from(["item", "vote", "missing", "suspects now", "extra"]))
    body = {"id": "bad-1", "round": 1, "item": 2, "vote": 1}
    if kind == "item":
        body["item"] = draw(st.one_of(st.integers().filter(lambda i: not 0 <= i < len(ITEMS)), st.text(max_size=4),
                                      st.none(), st.booleans(), st.floats(0, 3)))
    elif kind == "vote":
        body["vote"] = draw(st.one_of(st.integers().filter(lambda v: v not in (1, -1)), st.booleans(), st.none(),
                                      st.floats(-1, 1), st.text(max_size=3)))
    elif kind == "missing":
        del body[draw(st.sampled_from(["item", "vote"]))]
    elif kind == "suspects now":     # round 1 takes votes, not suspects
        body = {"id": "bad-1", "round": 1, "suspects": ["a01"]}
    else:
        body["suspects"] = []
    return kind, body, 400


@pytest.fixture(scope="module")
def empty_page(service):
    sid = new_session(service.base, "bad votes")
    return sid, open_page(service.base, sid)


@SETTINGS
@given(bad=bad_moves())
def test_bad_votes_are_refused_with_a_message_and_nothing_stored(service, empty_page, bad):
    sid, eid = empty_page
    kind, body, status = bad
    answer = call(service.base, "POST", where(sid, eid) + "/moves", body=body, auth=STUDENT)
    assert answer.status == status, (kind, body, answer)
    assert answer.json()["error"], kind
    assert service.store.count_moves(eid) == 0


@SETTINGS
@given(suspects=st.one_of(st.text(max_size=5), st.lists(st.text(max_size=5), min_size=1, max_size=3).filter(
    lambda s: not all(len(x) in (3, 4) and x[0] == "a" and x[1:].isdigit() and x[1:].isascii() for x in s)),
    st.lists(st.just("a01"), min_size=2, max_size=2), st.integers(), st.none()))
def test_bad_suspects_are_refused(service, voted, suspects):
    sid, eid = voted
    before = service.store.count_moves(eid)
    answer = suspect(service.base, sid, eid, DAN, suspects, move_id="dan-bad")
    assert answer.status == 400 and "suspects must" in answer.json()["error"], answer
    assert service.store.count_moves(eid) == before


# ---- from a learner's kernel

def test_off_the_page_sends_nothing(folder):
    page = experiments.front_page("xabcde")
    assert "Class mode is off" in str(page) and page.vote(1).startswith("Class mode is off")
    assert page.suspect("a01").startswith("Class mode is off") and list(folder.iterdir()) == []


def test_a_student_votes_and_names_suspects_from_a_kernel(folder, service):
    sid = new_session(service.base, "kernel page")
    eid = open_page(service.base, sid, ring=2)
    for k in (1, 2):
        for item in RING_ITEMS:
            plant(service.base, sid, eid, f"ring-{k}", item)
    send.join(service.base, sid, STUDENT_CODE, name="ana")
    page = experiments.front_page(eid)
    text = str(page)
    assert "ranked by the rule 'score'" in text and "Vote with .vote(ITEM, 1)" in text
    assert page.vote(0, 1) == "Your vote up on item 0 is on its way."
    with pytest.raises(ValueError, match="vote must be 1"):
        page.vote(1, 0)
    wait_until(lambda: service.store.count_moves(eid) == 7, "the vote stored")
    assert "(you: up)" in str(page.look())
    set_round(service.base, sid, eid, 2)
    text = str(page.look())
    assert "Who voted for what" in text and f"you are {page.view['you']}" in text and "ring-" not in text
    ring = [label for label, v in page.view["accounts"].items() if v["up"] == list(RING_ITEMS)]
    assert page.suspect(*ring).startswith(f"Your suspects ({', '.join(ring)})")
    wait_until(lambda: service.store.count_moves(eid) == 8, "the suspects stored")
    set_round(service.base, sid, eid, 0)
    text = str(page.look())
    assert f"The ring's accounts: {', '.join(sorted(ring))}." in text and "caught 100% of the ring" in text


def test_the_instructor_plants_the_ring_from_a_notebook(folder, service):
    from class_service import INSTRUCTOR_CODE

    sid = new_session(service.base, "instructor page")
    send.join(service.base, sid, INSTRUCTOR_CODE, name="prof")
    eid = experiments.open_experiment("frontpage", items=ITEMS, rule="hot", ring=2)["id"]
    assert experiments.plant_vote(eid, "ring-1", 3)["stored"] == 1
    assert experiments.plant_vote(eid, "ring-1", 3)["duplicate"] == 1
    with pytest.raises(ValueError, match=r"refused \(403\)"):
        experiments.plant_vote(eid, "ring-9", 3)
    assert experiments.results(eid)["votes"][0]["user"] == "ring-1"
