"""Tests for smlearn.models.front_page: a voting site's front page, hour by hour.

Expected values are worked out here by hand or from the model's stated distributions (binomial
votes), never against the model's own output.
"""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn.models import front_page, ranking

# ---- The front page ---------------------------------------------------------------------------


def test_front_page_layout_and_determinism():
    page = front_page.simulate(hours=24, seed=4)
    assert page.ranks.shape == (24, 48)
    assert list(page.items.columns) == ["item", "submitted", "quality", "target", "ups", "downs", "fake_ups",
                                        "best_rank", "hours_in_top10"]
    assert list(page.votes.columns) == ["hour", "item", "ups", "downs"]
    again = front_page.simulate(hours=24, seed=4)
    assert page.items.equals(again.items) and np.array_equal(page.ranks, again.ranks, equal_nan=True)


@settings(max_examples=15, deadline=None)
@given(rule=st.sampled_from(ranking.RULES), hours=st.integers(12, 30), per_hour=st.integers(1, 4),
       voters=st.integers(0, 300), manipulation=st.booleans(), ring=st.integers(0, 50), seed=st.integers(0, 10**6))
def test_front_page_invariants(rule, hours, per_hour, voters, manipulation, ring, seed):
    page = front_page.simulate(rule=rule, hours=hours, items_per_hour=per_hour, voters_per_hour=voters,
                                       manipulation=manipulation, ring_size=ring, seed=seed)
    items = page.items
    assert (items[["ups", "downs", "fake_ups"]] >= 0).all().all()
    for hour in range(hours):              # each hour's ranks are 1..(items so far), each once
        present = page.ranks[hour][~np.isnan(page.ranks[hour])]
        assert sorted(present) == list(range(1, (hour + 1) * per_hour + 1))
    # honest votes in the log add up to the totals; fake votes go only to the three targets
    assert page.votes["ups"].sum() + items["fake_ups"].sum() == items["ups"].sum()
    assert page.votes["downs"].sum() == items["downs"].sum()
    assert items["target"].sum() == 3
    assert (items.loc[items["target"], "fake_ups"] == (ring if manipulation else 0)).all()
    assert (items.loc[~items["target"], "fake_ups"] == 0).all()
    assert (items["hours_in_top10"] <= hours - items["submitted"]).all()
    if voters == 0:
        assert items["ups"].sum() == items["fake_ups"].sum() and items["downs"].sum() == 0


def test_with_full_attention_each_reader_votes_up_with_probability_quality():
    # Everyone sees every item: ups of item i ~ Binomial(readers x hours it is up, q_i).
    page = front_page.simulate(hours=30, items_per_hour=2, voters_per_hour=200, page_size=100,
                                       top_attention=1.0, attention_decay=0.0, down_rate=0.0, seed=7)
    items = page.items
    exposure = 200 * (30 - items["submitted"])
    expected = (exposure * items["quality"]).sum()
    sd = math.sqrt((exposure * items["quality"] * (1 - items["quality"])).sum())
    assert abs(items["ups"].sum() - expected) < 4 * sd
    assert items["downs"].sum() == 0


def test_the_crowd_puts_better_items_on_top():
    # Averaged over seeds, the top 10 at the end is better than the average item under every rule.
    for rule in ranking.RULES:
        gaps = [front_page.item_summary(front_page.simulate(rule=rule, seed=s)) for s in range(3)]
        assert np.mean([g["top10_mean_quality"] - g["mean_quality"] for g in gaps]) > 0.05, rule


def test_front_page_refuses_bad_choices_keywords_and_seeds():
    with pytest.raises(ValueError, match="rule must be one of"):
        front_page.simulate(rule="top")
    with pytest.raises(ValueError, match="manipulation must be one of False, True"):
        front_page.simulate(manipulation=1)
    with pytest.raises(TypeError, match="unexpected keyword argument 'votes'"):
        front_page.simulate(votes=3)
    with pytest.raises(TypeError, match="seed must be"):
        front_page.simulate(seed=-1)
    with pytest.raises(TypeError, match="FrontPage"):
        front_page.item_summary(pd.DataFrame())



# ---- compare_rules: the lesson's summary table ----------------------------

def test_compare_rules_rows_are_the_single_runs_and_ever_on_page_reads_the_ranks():
    table = front_page.compare_rules(rules=("score", "hot"), seed=2, hours=24)
    for rule in ("score", "hot"):
        page = front_page.simulate(rule=rule, seed=2, hours=24)
        summary = front_page.item_summary(page)
        assert table.loc[rule, "top10_mean_quality"] == summary["top10_mean_quality"]
        # ever on the page = best position at any hour within the 30 places readers see
        assert table.loc[rule, "ever_on_page"] == (np.nanmin(page.ranks, axis=0) <= 30).mean()
    with pytest.raises(TypeError, match="rule"):
        front_page.compare_rules(rule="hot")


def test_compare_rules_with_no_readers_leaves_every_item_unvoted_and_only_freshness_decides():
    # Nobody votes: under hot the score is freshness alone, so the newest items always hold the page.
    table = front_page.compare_rules(rules=("hot",), seed=1, voters_per_hour=0, hours=24)
    assert table.loc["hot", "ever_on_page"] == 1.0
