"""The class music market on the class service, over HTTP, and from a learner's kernel.

- The service puts each student in a world for good, keeping the worlds balanced.
- A student downloads several songs, each once; a download sent again is stored once.
- In a social world a student sees that world's download counts, in the independent world none;
  never a name. Closed, everyone sees each world's aggregates.
- The instructor sees each world's Gini and top share and the unpredictability across the social
  worlds, beside the MusicLab model; students cannot (403).
- Bad settings and bad moves (hypothesis): a 4xx with a message, nothing stored.
"""

from __future__ import annotations

import json

import matplotlib
import numpy as np
import pytest
from class_service import INSTRUCTOR, OTHER_STUDENT, STUDENT, STUDENT_CODE, call, new_session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_sending import folder, wait_until  # noqa: F401  (folder: the learner's folder fixture, found by name)

from smlearn.classmode import experiments, send
from smlearn.classmode.kinds import LONGEST_MOVE
from smlearn.classmode.store import open_store
from smlearn.models import class_markets, crowds, inequality
from smlearn.plots.class_markets import class_market_finding, describe_class_market, plot_class_market

matplotlib.use("Agg")

SETTINGS = settings(max_examples=30, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
SONGS = ["Alpha", "Brass", "Cinder", "Dune", "Ember", "Fable"]
MARKET = {"kind": "market", "songs": SONGS, "worlds": 2}
CLASS = [STUDENT, OTHER_STUDENT] + [(name, STUDENT_CODE) for name in ("carol", "dan", "eve", "fay")]


def open_market(base, sid, **changes):
    answer = call(base, "POST", f"/api/sessions/{sid}/experiments", body={**MARKET, **changes}, auth=INSTRUCTOR)
    assert answer.status == 201, answer
    return answer.json()["id"]


def download(base, sid, eid, who, song, move_id=None, **extra):
    body = {"id": move_id or f"{who[0]}-{song}", "round": 1, "song": song, **extra}
    return call(base, "POST", f"/api/sessions/{sid}/experiments/{eid}/moves", body=body, auth=who)


def look(base, sid, eid, who):
    answer = call(base, "GET", f"/api/sessions/{sid}/experiments/{eid}", auth=who)
    assert answer.status == 200, answer
    return answer.json()


# Each world's students download: the independent world evenly, the social ones piling on one hit.
PLAN = {0: [[0, 1], [2, 3, 4]], 1: [[0, 5], [0, 1, 5]], 2: [[3], [3, 4]]}


@pytest.fixture(scope="module")
def played(service):
    """A market whose six students looked (and so were put in worlds), then downloaded by PLAN."""
    sid = new_session(service.base, "market")
    eid = open_market(service.base, sid)
    worlds = {who: look(service.base, sid, eid, who)["world"] for who in CLASS}
    members = {w: [who for who in CLASS if worlds[who] == w] for w in range(3)}
    for w, plans in PLAN.items():
        for who, songs in zip(members[w], plans):
            for song in songs:
                assert download(service.base, sid, eid, who, song).json()["stored"] == 1
    table = np.zeros((3, len(SONGS)), dtype=int)
    for w, plans in PLAN.items():
        for songs in plans:
            table[w, songs] += 1
    return sid, eid, worlds, table


def test_students_are_put_in_balanced_worlds_for_good(service, played):
    sid, eid, worlds, _ = played
    assert sorted(worlds.values()) == [0, 0, 1, 1, 2, 2]
    assert {who: look(service.base, sid, eid, who)["world"] for who in CLASS} == worlds
    assert service.store.assignments(eid) == {who[0]: w for who, w in worlds.items()}


def test_the_store_assigns_balanced_and_stable_groups(tmp_path):
    store = open_store(str(tmp_path / "a.sqlite"))
    try:
        sid = store.open_session()["id"]
        eid = store.open_experiment(sid, "market", {"rounds": 1})["id"]
        first = [store.assign(eid, f"s{k}", 3) for k in range(10)]
        assert np.bincount(first).tolist() == [4, 3, 3] and first[:3] == [0, 1, 2]
        assert [store.assign(eid, f"s{k}", 3) for k in range(10)] == first
        with pytest.raises(TypeError, match="groups must be a whole number"):
            store.assign(eid, "s99", 0)
        store.clear(sid)
        assert store.assignments(eid) == {}
    finally:
        store.close()


def test_several_downloads_each_song_once_and_a_replay_stored_once(service):
    sid = new_session(service.base)
    eid = open_market(service.base, sid)
    assert download(service.base, sid, eid, STUDENT, 0, move_id="d1").json()["stored"] == 1
    assert download(service.base, sid, eid, STUDENT, 4, move_id="d2").json()["stored"] == 1
    again = download(service.base, sid, eid, STUDENT, 0, move_id="d1")
    assert again.status == 200 and again.json()["duplicate"] == 1
    twice = download(service.base, sid, eid, STUDENT, 0, move_id="d3")
    assert twice.status == 409 and "already downloaded song 0" in twice.json()["error"]
    assert [m["value"] for m in service.store.moves(eid)] == [{"song": 0}, {"song": 4}]
    # the mover was put in a world when moving, without looking first
    assert STUDENT[0] in service.store.assignments(eid)


def test_a_student_sees_the_counts_of_their_own_social_world_only(service, played):
    sid, eid, worlds, table = played
    for who in CLASS:
        view = look(service.base, sid, eid, who)
        text = json.dumps(view)
        assert not any(name in text for name, _ in CLASS if name != who[0])
        if worlds[who] == 0:
            assert view["social"] is False and "downloads" not in view
        else:
            assert view["social"] is True and view["downloads"] == table[worlds[who]].tolist()
        mine = [song for (w, plans) in PLAN.items() for k, songs in enumerate(plans) for song in songs
                if w == worlds[who] and [c for c in CLASS if worlds[c] == w][k] == who]
        assert view["yours"] == sorted(mine)


def test_the_instructor_sees_each_worlds_inequality_beside_the_model(service, played):
    sid, eid, worlds, table = played
    results = call(service.base, "GET", f"/api/sessions/{sid}/experiments/{eid}/results", auth=INSTRUCTOR).json()
    assert results["downloads"] == table.tolist()
    found = results["class"]
    for w, world in enumerate(found["worlds"]):
        shares = table[w] / table[w].sum()
        assert world["gini"] == pytest.approx(inequality.gini(shares))
        assert world["top_share"] == pytest.approx(shares.max()) and world["students"] == 2
    # the social worlds piled on one song each: more unequal than the independent world
    assert found["gini_social"] > found["gini_independent"]
    assert found["unpredictability_social"] == pytest.approx(crowds.unpredictability(crowds.market_shares(table[1:])))
    model = results["model"]
    assert model["params"]["n_songs"] == len(SONGS) and model == class_markets.beside_model(table)
    assert {(m["user"], m["world"]) for m in results["moves"]} == {(who[0], w) for who, w in worlds.items()}
    refused = call(service.base, "GET", f"/api/sessions/{sid}/experiments/{eid}/results", auth=STUDENT)
    assert refused.status == 403


def test_closed_everyone_sees_each_worlds_aggregates_and_no_names(service, played):
    sid, eid, worlds, table = played
    call(service.base, "PATCH", f"/api/sessions/{sid}/experiments/{eid}", body={"round": 0}, auth=INSTRUCTOR)
    try:
        view = look(service.base, sid, eid, STUDENT)
        late = download(service.base, sid, eid, STUDENT, 5, move_id="late")
    finally:
        call(service.base, "PATCH", f"/api/sessions/{sid}/experiments/{eid}", body={"round": 1}, auth=INSTRUCTOR)
    assert late.status == 409
    assert [world["counts"] for world in view["class"]] == table.tolist()
    assert [world["students"] for world in view["class"]] == [2, 2, 2]
    assert [world["top_song"] for world in view["class"]] == [int(np.argmax(row)) for row in table]
    assert "ben" not in json.dumps(view)


@pytest.mark.parametrize("spec, message", [
    ({**MARKET, "songs": SONGS[:4]}, "songs must be a list of 5 to 30 names"),
    ({**MARKET, "songs": SONGS + ["Alpha"]}, "['Alpha'] come more than once"),
    ({**MARKET, "songs": "Alpha, Brass"}, "songs must be a list"),
    ({**MARKET, "worlds": 0}, "worlds must be how many social worlds"),
    ({**MARKET, "worlds": 9}, "a whole number from 1 to 8"),
    ({**MARKET, "rounds": 2}, "got also ['rounds']"),
], ids=["too few songs", "a name twice", "songs as text", "no social world", "too many worlds", "rounds"])
def test_bad_settings_are_refused(service, spec, message):
    sid = new_session(service.base)
    answer = call(service.base, "POST", f"/api/sessions/{sid}/experiments", body=spec, auth=INSTRUCTOR)
    assert answer.status == 400 and message in answer.json()["error"], answer
    assert service.store.experiments(sid) == []


@st.composite
def bad_downloads(draw):
    """(what is wrong, body bytes, the status it must get)."""
    kind = draw(st.sampled_from(["song", "missing", "extra", "round", "estimate", "oversized"]))
    body = {"id": "bad-1", "round": 1, "song": 2}
    if kind == "song":
        body["song"] = draw(st.one_of(st.integers().filter(lambda s: not 0 <= s < len(SONGS)), st.floats(0, 5),
                                      st.text(max_size=6), st.booleans(), st.none(), st.lists(st.integers(), max_size=2)))
    elif kind == "missing":
        del body["song"]
    elif kind == "extra":
        body[draw(st.sampled_from(["vote", "item", "world", "estimate"]))] = 1
    elif kind == "round":
        body["round"] = draw(st.one_of(st.integers().filter(lambda r: r != 1), st.none(), st.text(max_size=3)))
    elif kind == "estimate":
        body = {"id": "bad-1", "round": 1, "estimate": 5}
    else:
        body["id"] = "x" * (LONGEST_MOVE + 1)
        return kind, json.dumps(body).encode(), 413
    return kind, json.dumps(body).encode(), 400


@pytest.fixture(scope="module")
def empty_market(service):
    sid = new_session(service.base, "bad downloads")
    return sid, open_market(service.base, sid)


@SETTINGS
@given(bad=bad_downloads())
def test_bad_downloads_are_refused_with_a_message_and_nothing_stored(service, empty_market, bad):
    sid, eid = empty_market
    kind, body, status = bad
    answer = call(service.base, "POST", f"/api/sessions/{sid}/experiments/{eid}/moves", raw=body, auth=STUDENT)
    assert answer.status == status, (kind, body, answer)
    assert answer.json()["error"], kind
    assert service.store.count_moves(eid) == 0


def test_the_figure_states_the_finding_and_is_described(played, service):
    _, _, _, table = played
    fig, (left, right) = plot_class_market(table)
    assert " ".join(fig.get_suptitle().split()) == class_market_finding(table)
    assert class_market_finding(table).startswith("The class's Gini: ")
    text = describe_class_market(table)
    found = class_markets.measure_worlds(table)
    assert f"Gini {found['worlds'][1]['gini']:.2f}" in text and "world 0 (independent)" in text
    with pytest.raises(ValueError, match="downloads must be a table of worlds x songs"):
        plot_class_market([[1, 2, 3, 4, 5]])


def test_the_title_never_claims_an_effect_of_the_counts_from_a_class_without_influence():
    # A class run at influence 0: its social worlds come out more unequal about half the time by chance,
    # so the title must not say the counts did it, and the class should sit inside the model's range without
    # influence (the model's 64 pairings of its worlds) nearly always.
    claims = ("made", "caus", "more unequal", "less unequal")
    inside = with_only = 0
    for seed in range(40):
        table = class_markets.example_downloads(influence=0.0, seed=seed)
        title = class_market_finding(table)
        assert not any(claim in title for claim in claims), title
        found = class_markets.measure_worlds(table)
        gap = found["gini_social"] - found["gini_independent"]
        gaps = class_markets.gini_gaps(table, influence=0.0)
        inside += bool(gaps.min() <= gap <= gaps.max())
        with_only += "with influence only" in title
        assert f"a difference of {round(gap, 2) + 0.0:+.2f}." in title
    assert inside >= 36 and with_only <= 4, (inside, with_only)


def test_the_model_gaps_match_the_class_shape():
    table = [[3, 2, 2, 1, 2], [9, 1, 0, 0, 1], [0, 1, 8, 1, 0]]
    model = class_markets.beside_model(table, influence=0.0)
    gaps = class_markets.gini_gaps(table, influence=0.0)
    social, alone = np.array(model["gini_worlds_social"]), np.array(model["gini_worlds_independent"])
    # Two social worlds in the class: the first gap is the mean of the model's first two social worlds less its
    # first independent world.
    assert gaps.size == 64 and gaps[0] == pytest.approx(social[:2].mean() - alone[0])
    assert gaps.max() == pytest.approx(max(np.roll(social, -k)[:2].mean() for k in range(8)) - alone.min())


# ---- from a learner's kernel

def test_off_the_market_sends_nothing(folder):
    songs = experiments.market("xabcde")
    assert "Class mode is off" in str(songs) and songs.download(2).startswith("Class mode is off")
    assert list(folder.iterdir()) == []


def test_a_student_downloads_from_a_kernel_and_sees_the_world(folder, service):
    sid = new_session(service.base, "kernel market")
    eid = open_market(service.base, sid, worlds=1)
    # ben looks first (the independent world), carol downloads (the social world), dan looks (independent):
    # so ana joins the social world, whose counts she then sees
    assert look(service.base, sid, eid, OTHER_STUDENT)["world"] == 0
    download(service.base, sid, eid, ("carol", STUDENT_CODE), 4)
    assert look(service.base, sid, eid, ("dan", STUDENT_CODE))["world"] == 0
    send.join(service.base, sid, STUDENT_CODE, name="ana")
    songs = experiments.market(eid)
    assert songs.view["world"] == 1 and songs.view["downloads"] == [0, 0, 0, 0, 1, 0]
    text = str(songs)
    assert text.splitlines()[3] == "   4.    1 downloads  Ember"     # the most downloaded first
    assert text.startswith("Which songs would you download?") and "Alpha" in text
    assert songs.download("Cinder") == "Your download of song 2 (Cinder) is on its way to the class."
    wait_until(lambda: service.store.count_moves(eid) == 2, "the download stored")
    text = str(songs.look())
    assert "You are in social world 1" in text and "   2.    1 downloads  Cinder   (yours)" in text
    with pytest.raises(ValueError, match="song must be a song's number or one of the names"):
        songs.download("Zither")
    call(service.base, "PATCH", f"/api/sessions/{sid}/experiments/{eid}", body={"round": 0}, auth=INSTRUCTOR)
    closed = str(songs.look())
    assert "The market is closed" in closed and songs.download(1).startswith("The experiment is closed")
    # each world's hit named: world 1's two downloads tie, and the first song of the two is named
    assert "social world 1: 2 students, 2 downloads, Gini 0.67, top song 2 (Cinder) with 50% of" in closed


def test_each_student_sees_the_songs_in_an_order_of_their_own(service):
    sid = new_session(service.base, "shuffled market")
    eid = open_market(service.base, sid, worlds=1)
    orders = {who[0]: look(service.base, sid, eid, who)["order"] for who in CLASS}
    assert all(sorted(order) == list(range(len(SONGS))) for order in orders.values())
    assert len({tuple(order) for order in orders.values()}) >= 4          # six students, orders of their own
    assert look(service.base, sid, eid, STUDENT)["order"] == orders[STUDENT[0]]   # the same on every look


def make_old_database(url: str) -> None:
    """A class database as smlearn made it before moves had slots: one crowd move stored in it."""
    from datetime import datetime, timezone

    from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, UniqueConstraint, create_engine

    from smlearn.classmode import store as store_module

    engine = create_engine(url)
    old = MetaData()
    for table in (store_module.sessions_table, store_module.experiments_table):
        table.to_metadata(old)
    moves = Table("class_moves", old, Column("pk", Integer, primary_key=True, autoincrement=True),
                  Column("experiment", String(40), nullable=False), Column("user_name", String(100), nullable=False),
                  Column("move_id", String(64), nullable=False), Column("round", Integer, nullable=False),
                  Column("value", Text, nullable=False), Column("received", DateTime(timezone=True), nullable=False),
                  UniqueConstraint("experiment", "user_name", "move_id", name="one_move_per_kernel_id"),
                  UniqueConstraint("experiment", "user_name", "round", name="one_move_per_round"))
    old.create_all(engine)
    now = datetime.now(timezone.utc)
    with engine.begin() as connection:
        connection.execute(old.tables["class_sessions"].insert().values(id="s1", name="old", created=now, open=True))
        connection.execute(old.tables["class_experiments"].insert().values(
            id="x1", session="s1", kind="market", spec="{}", rounds=1, round=1, created=now))
        connection.execute(moves.insert().values(experiment="x1", user_name="ana", move_id="m1", round=1,
                                                 value='{"song": 0}', received=now))
    engine.dispose()


def check_upgraded(store) -> None:
    """The old database's move is kept, and a second move in the round, about another song, is taken."""
    from smlearn.classmode.kinds import Move

    assert [(m["user"], m["value"]) for m in store.moves("x1")] == [("ana", {"song": 0})]
    assert store.add_move("x1", "ana", Move("m2", 1, None, {"song": 1}), "1") == "stored"
    assert store.add_move("x1", "ana", Move("m1", 1, None, {"song": 0}), "0") == "duplicate"
    assert store.count_moves("x1") == 2


def test_a_database_from_before_slots_is_brought_up_to_date(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    make_old_database(url)
    store = open_store(url)
    try:
        check_upgraded(store)
    finally:
        store.close()
    store = open_store(url)      # opened again: nothing more to do, nothing lost
    try:
        assert store.count_moves("x1") == 2
    finally:
        store.close()
