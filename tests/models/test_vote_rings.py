"""Tests for smlearn.models.vote_rings: what a ring's fake votes buy, the vote log of a front page and the detector.

The detector is checked on a log made by hand, where the ring is known, and on simulated logs.
"""

import math

import numpy as np
import pandas as pd
import pytest

from smlearn.models import front_page, vote_rings

# ---- What the ring buys ------------------------------------------------------------------------


@pytest.mark.slow
def test_manipulation_lifts_targets_most_under_the_time_decayed_rules():
    # The honest verdict the lesson reports: fake early votes are worth most where freshness counts.
    effect = vote_rings.manipulation_effect(seeds=range(4))
    for rule in ("hot", "gravity (simplified)", "hacker news"):
        assert effect.loc[rule, "best_rank_ring"] <= 3 < effect.loc[rule, "best_rank_honest"]
        assert effect.loc[rule, "hours_gained"] >= 8
    # A plain score can't be beaten by 20 votes: older items hold hundreds.
    assert effect.loc["score", "best_rank_ring"] > 10
    assert effect.loc["score", "hours_gained"] < min(effect.loc["hot", "hours_gained"],
                                                     effect.loc["gravity (simplified)", "hours_gained"])
    # Every rule lets the ring lift its targets at least a little.
    assert (effect["best_rank_ring"] <= effect["best_rank_honest"]).all()


def test_manipulation_effect_refuses_what_it_sets_itself():
    for setting in ("manipulation", "rule"):     # it runs every rule, with and without the ring
        with pytest.raises(TypeError, match=f"unexpected keyword argument '{setting}'"):
            vote_rings.manipulation_effect(**{setting: True})
    with pytest.raises(TypeError, match="FrontPage"):
        vote_rings.manipulation_summary(pd.DataFrame())
    with pytest.raises(ValueError, match="seeds must hold at least one seed"):
        vote_rings.manipulation_effect(seeds=[])


# ---- The vote log and the detector ------------------------------------------------------------


def test_detector_on_a_hand_made_log():
    # Items per account: 1 {0, 1}; 2 {0, 1, 3}; 7 {4, 5, 6}; 8 {4, 5, 6}; 9 {4, 5, 6, 9}.
    # Jaccard: 7-8 = 3/3 = 1; 7-9 = 8-9 = 3/4 = 0.75; 1-2 = 2/3.
    log = pd.DataFrame({"account": [1, 1, 2, 2, 2, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9],
                        "item": [0, 1, 0, 1, 3, 4, 5, 6, 4, 5, 6, 4, 5, 6, 9],
                        "ring": [False] * 5 + [True] * 10})
    assert vote_rings.detect_ring(log).tolist() == [7, 8]                       # 3 shared, >= 0.8
    assert vote_rings.detect_ring(log, min_similarity=0.75).tolist() == [7, 8, 9]
    assert vote_rings.detect_ring(log, min_shared=2, min_similarity=0.6).tolist() == [1, 2, 7, 8, 9]
    assert vote_rings.detect_ring(log, min_shared=2, min_similarity=0.7).tolist() == [7, 8, 9]
    assert vote_rings.detect_ring(log, min_shared=4).tolist() == []
    rates = vote_rings.detection_rates(log, [7, 8, 1])
    assert rates["hit_rate"] == pytest.approx(2 / 3) and rates["false_alarm_rate"] == pytest.approx(1 / 2)


def test_the_detector_catches_the_ring_with_few_false_alarms():
    hits, alarms = [], []
    for seed in range(3):
        page = front_page.simulate(manipulation=True, seed=seed)
        log = vote_rings.vote_log(page, seed=seed)
        assert log.loc[log["ring"], "account"].nunique() == 20
        rates = vote_rings.detection_rates(log, vote_rings.detect_ring(log))
        hits.append(rates["hit_rate"])
        alarms.append(rates["false_alarm_rate"])
        # Asking for more shared items than the ring's three targets misses the ring entirely.
        assert vote_rings.detection_rates(log, vote_rings.detect_ring(log, min_shared=4))["hit_rate"] == 0.0
    assert np.mean(hits) == 1.0
    assert np.mean(alarms) < 0.02


def test_a_looser_detector_raises_false_alarms():
    page = front_page.simulate(manipulation=True, seed=1)
    log = vote_rings.vote_log(page, seed=1)
    strict = vote_rings.detection_rates(log, vote_rings.detect_ring(log, min_similarity=0.8))
    loose = vote_rings.detection_rates(log, vote_rings.detect_ring(log, min_shared=2, min_similarity=0.3))
    assert loose["false_alarm_rate"] > 5 * strict["false_alarm_rate"] > 0


def test_no_ring_no_ring_votes():
    log = vote_rings.vote_log(front_page.simulate(seed=2), seed=2)
    assert not log["ring"].any()
    assert math.isnan(vote_rings.detection_rates(log, [])["hit_rate"])


@pytest.mark.parametrize("call, error, message", [
    (lambda log: vote_rings.detect_ring(log.iloc[:0]), ValueError, "log is empty"),
    (lambda log: vote_rings.detect_ring(log[["item"]]), TypeError, "columns account and item"),
    (lambda log: vote_rings.detect_ring(log, min_shared=0), ValueError, "min_shared must be between"),
    (lambda log: vote_rings.detect_ring(log, min_similarity=1.5), ValueError, "min_similarity must be between"),
    (lambda log: vote_rings.detection_rates(log[["account"]], []), TypeError, "columns account and ring"),
    (lambda log: vote_rings.vote_log(log), TypeError, "FrontPage"),
    (lambda log: vote_rings.vote_log(front_page.simulate(hours=12, seed=0), n_accounts=0), ValueError,
     "n_accounts must be between"),
    (lambda log: vote_rings.vote_log(front_page.simulate(hours=12, seed=0), activity_skew=-1), ValueError,
     "activity_skew must be between"),
])
def test_detector_bad_input(call, error, message):
    log = pd.DataFrame({"account": [1, 2], "item": [0, 0], "ring": [False, False]})
    with pytest.raises(error, match=message):
        call(log)




def test_simulate_is_the_vote_log_and_the_detector_in_one_call():
    page = front_page.simulate(manipulation=True, hours=24, seed=3)
    check = vote_rings.simulate(page, min_shared=2, min_similarity=0.5, seed=3)
    log = vote_rings.vote_log(page, seed=3)
    pd.testing.assert_frame_equal(check.log, log)
    flagged = vote_rings.detect_ring(log, min_shared=2, min_similarity=0.5)
    assert check.flagged.tolist() == flagged.tolist()
    rates = vote_rings.detection_rates(log, flagged)
    assert (check.hit_rate, check.false_alarm_rate) == (rates["hit_rate"], rates["false_alarm_rate"])
    assert dict(check.params) == {"n_accounts": 2000, "activity_skew": 1.0, "min_shared": 2, "min_similarity": 0.5,
                                  "camouflage": 0}


def test_camouflage_adds_that_many_votes_per_ring_account_at_most():
    page = front_page.simulate(manipulation=True, hours=24, seed=3)
    plain = vote_rings.simulate(page, seed=3).log
    hidden = vote_rings.simulate(page, camouflage=5, seed=3).log
    pd.testing.assert_frame_equal(hidden[~hidden["ring"]].reset_index(drop=True), plain[~plain["ring"]].reset_index(drop=True))
    per_account = hidden[hidden["ring"]].groupby("account").size()
    assert ((per_account >= 3) & (per_account <= 3 + 5)).all() and per_account.max() > 3
