"""A class front page's votes (smlearn.models.class_votes): the example class and how alike each account votes."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn.models import class_votes, vote_rings


def test_the_example_has_its_honest_students_and_a_ring_on_the_last_three_items():
    votes = class_votes.example_votes(students=12, items=8, ring=3, seed=4)
    ring = votes[votes["ring"]]
    assert votes.loc[~votes["ring"], "label"].nunique() <= 12 and ring["label"].nunique() == 3
    assert set(ring["item"]) == {5, 6, 7} and (ring["vote"] == 1).all() and len(ring) == 9
    assert set(votes["vote"]) <= {1, -1} and votes.equals(class_votes.example_votes(students=12, items=8, ring=3, seed=4))
    # Labels in a shuffled order: the ring's are not the last ones.
    assert sorted(ring["label"].unique()) != sorted(votes["label"].unique())[-3:]


def test_the_ring_is_most_alike_and_flagged_in_the_example():
    votes = class_votes.example_votes(seed=3)
    table = class_votes.account_similarity(class_votes.up_votes(votes))
    ring = set(votes.loc[votes["ring"], "label"])
    assert (table.loc[sorted(ring), "similarity"] == 1).all() and (table.loc[sorted(ring), "shared"] == 3).all()
    assert set(table.index[table["flagged"]]) >= ring


def test_similarity_is_the_jaccard_of_the_most_alike_account():
    ups = {"a01": [0, 1, 2, 3], "a02": [0, 1, 2], "a03": [3], "a04": []}
    table = class_votes.account_similarity(ups)
    assert table.loc["a01", "most_alike"] == "a02" and table.loc["a01", "similarity"] == 0.75
    assert table.loc["a03", "most_alike"] == "a01" and table.loc["a03", "similarity"] == 0.25
    assert table.loc["a04", "similarity"] == 0 and table.loc["a04", "up_votes"] == 0
    assert not table["flagged"].any()           # 3 shared at 0.75: under the detector's 0.8
    assert class_votes.account_similarity(ups, min_similarity=0.7).loc[["a01", "a02"], "flagged"].all()


@settings(max_examples=40, deadline=None, database=None)
@given(st.dictionaries(st.sampled_from([f"a{k:02d}" for k in range(1, 9)]),
                       st.lists(st.integers(0, 6), max_size=7), min_size=2))
def test_the_flags_are_the_detectors_own(ups):
    table = class_votes.account_similarity(ups)
    log = pd.DataFrame([(label, item) for label, items in ups.items() for item in set(items)],
                       columns=["account", "item"])
    expected = set() if log.empty else set(vote_rings.detect_ring(log).tolist())
    assert set(table.index[table["flagged"]]) == expected
    assert ((table["similarity"] >= 0) & (table["similarity"] <= 1)).all()


def test_up_votes_reads_the_services_votes_and_keeps_down_only_accounts():
    votes = [{"label": "a02", "item": 3, "vote": 1}, {"label": "a02", "item": 1, "vote": 1},
             {"label": "a01", "item": 0, "vote": -1}]
    assert class_votes.up_votes(votes) == {"a01": [], "a02": [1, 3]}


@pytest.mark.parametrize("call, message", [
    (lambda: class_votes.account_similarity({"a01": [1]}), "at least two accounts"),
    (lambda: class_votes.account_similarity({"a01": [1], "a02": ["x"]}), "ups must be a number"),
    (lambda: class_votes.up_votes([{"label": "a01", "item": 1}]), "columns label, item and vote"),
    (lambda: class_votes.example_votes(items=3), "items must be between 4 and 30"),
    (lambda: class_votes.example_votes(ring=21), "ring must be between 0 and 20"),
])
def test_bad_input_is_refused_by_name(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
