"""The lessons' class sections (smlearn.classmode.experiments: crowd_data, market_data, front_page_data).

- Class mode off (self-study, the notebook tests): each gives the SIMULATED example, labelled so,
  and the cells run with the placeholder id; with class mode on, a placeholder is refused.
- On, the instructor's notebook gets the class's own moves; a student's the front page's votes
  under labels (the ring once the round closes), and the example for the crowd and the market,
  whose moves only the instructor reads.
"""

from __future__ import annotations

import pytest
from class_service import INSTRUCTOR_CODE, STUDENT_CODE, new_session
from test_class_front_page import RING_ITEMS, set_round, voted  # noqa: F401  (voted: a fixture, found by name)
from test_class_market import played  # noqa: F401
from test_experiments import crowd  # noqa: F401
from test_sending import folder  # noqa: F401

from smlearn.classmode import experiments, send
from smlearn.models import class_markets, class_votes, estimates

PLACEHOLDER = "ask your instructor"
ROUNDS = estimates.simulate(students=12, seed=2)
MARKET = class_markets.example_downloads(seed=1)
VOTES = class_votes.example_votes(seed=3)


def test_off_each_gives_its_simulated_example_and_says_so(folder):
    found = experiments.crowd_data(PLACEHOLDER, example=ROUNDS)
    assert found["first"] == ROUNDS.first.tolist() and found["truth"] == ROUNDS.truth
    assert found["source"].startswith("a SIMULATED class") and found["why"] == "class mode is off"
    market = experiments.market_data(PLACEHOLDER, example=MARKET)
    assert market["downloads"] == MARKET.tolist() and "SIMULATED" in market["source"]
    page = experiments.front_page_data(PLACEHOLDER, example=VOTES)
    assert page["ring"] == sorted(VOTES.loc[VOTES["ring"], "label"].unique()) and page["guesses"] == []
    assert page["ups"] == class_votes.up_votes(VOTES) and "SIMULATED" in page["source"]
    for cell in (experiments.crowd, experiments.market, experiments.front_page):
        assert "Class mode is off" in str(cell(PLACEHOLDER))
    assert list(folder.iterdir()) == []


def test_on_a_placeholder_is_refused_and_says_what_to_ask(folder, service):
    sid = new_session(service.base, "placeholder")
    send.join(service.base, sid, STUDENT_CODE, name="ana")
    with pytest.raises(ValueError, match="experiment must be the id your instructor gives"):
        experiments.crowd(PLACEHOLDER)
    assert "is not an experiment's id" in experiments.crowd_data(PLACEHOLDER, example=ROUNDS)["why"]


@pytest.mark.parametrize("call, message", [
    (lambda: experiments.crowd_data(PLACEHOLDER, example=[1, 2]), "example must be a simulated class"),
    (lambda: experiments.market_data(PLACEHOLDER, example=[[1, 2]]), "example downloads must be a table"),
    (lambda: experiments.front_page_data(PLACEHOLDER, example=ROUNDS), "example must be a simulated class's votes"),
    (lambda: experiments.crowd_data(5, example=ROUNDS), "experiment must be a string"),
])
def test_bad_input_is_refused(folder, call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_the_instructor_reads_the_class_crowd_a_student_gets_the_example(folder, service, crowd):
    sid, eid, first, second = crowd
    send.join(service.base, sid, INSTRUCTOR_CODE, name="prof")
    found = experiments.crowd_data(eid, example=ROUNDS)
    assert sorted(found["first"]) == sorted(first.values()) and sorted(found["second"]) == sorted(second.values())
    assert found["truth"] == 1234 and found["unit"] == "beans" and found["source"].startswith("your class (4 ")
    send.join(service.base, sid, STUDENT_CODE, name="ana")
    mine = experiments.crowd_data(eid, example=ROUNDS)
    assert mine["why"] == "only the instructor's notebook reads every student's moves" and "SIMULATED" in mine["source"]


def test_the_instructor_reads_the_class_market(folder, service, played):
    sid, eid, _, table = played
    send.join(service.base, sid, INSTRUCTOR_CODE, name="prof")
    found = experiments.market_data(eid, example=MARKET)
    assert found["downloads"] == table.tolist() and found["source"].startswith("your class (3 worlds")


def test_the_front_page_a_student_sees_labels_then_the_ring_and_the_instructor_the_guesses(folder, service, voted):
    sid, eid = voted
    send.join(service.base, sid, STUDENT_CODE, name="ana")
    found = experiments.front_page_data(eid, example=VOTES)
    ring = sorted(label for label, items in found["ups"].items() if items == list(RING_ITEMS))
    assert found["ring"] is None and len(ring) == 3 and "the ring is shown when it closes" in found["source"]
    assert experiments.front_page(eid).suspect(*ring).startswith("Your suspects")
    send.join(service.base, sid, INSTRUCTOR_CODE, name="prof")
    from test_sending import wait_until
    wait_until(lambda: experiments.front_page_data(eid, example=VOTES)["guesses"], "the suspects stored")
    found = experiments.front_page_data(eid, example=VOTES)
    assert found["ring"] == ring and found["guesses"] == [ring] and found["source"].startswith("your class (1 ")
    set_round(service.base, sid, eid, 0)
    send.join(service.base, sid, STUDENT_CODE, name="ana")
    assert experiments.front_page_data(eid, example=VOTES)["ring"] == ring
