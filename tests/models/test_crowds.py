"""Tests for smlearn.models.crowds: the MusicLab market of Salganik, Dodds and Watts (2006).

The Gini coefficient and unpredictability are checked against the papers' double sums worked
out by brute force, and the ordering of the conditions against the published experiment,
never against the model's own output.
"""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn.models import crowds

# ---- MusicLab ----------------------------------------------------------------------------------


def brute_gini(m):
    m = np.asarray(m, dtype=float)
    return sum(abs(a - b) for a in m for b in m) / (2 * len(m) * m.sum())


def brute_unpredictability(shares):
    shares = np.asarray(shares, dtype=float)
    W, S = shares.shape
    pairs = list(itertools.combinations(range(W), 2))
    return sum(sum(abs(shares[w, i] - shares[v, i]) for w, v in pairs) / len(pairs) for i in range(S)) / S


def test_gini_by_hand():
    assert float(crowds.gini([0.25] * 4)) == 0.0
    assert float(crowds.gini([1, 0, 0, 0])) == pytest.approx(0.75)
    # pairs i<j of [.1, .2, .3, .4]: .1+.2+.3+.1+.2+.1 = 1.0, twice over all ordered pairs, / (2*4*1)
    assert float(crowds.gini([0.1, 0.2, 0.3, 0.4])) == pytest.approx(0.25)
    assert crowds.gini([[1, 0], [0.5, 0.5]]).tolist() == [0.5, 0.0]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.floats(0, 100), min_size=4, max_size=4), min_size=2, max_size=5)
       .filter(lambda rows: all(sum(r) > 0 for r in rows)))
def test_gini_and_unpredictability_match_the_papers_double_sums(rows):
    shares = crowds.market_shares(rows)
    np.testing.assert_allclose(shares.sum(axis=1), 1.0)
    for row in shares:
        assert float(crowds.gini(row)) == pytest.approx(brute_gini(row), abs=1e-12)
        assert 0 <= float(crowds.gini(row)) <= 0.75 + 1e-12
    assert crowds.unpredictability(shares) == pytest.approx(brute_unpredictability(shares), abs=1e-12)


def test_market_layout_and_invariants():
    market = crowds.simulate(n_worlds=3, listens=500, seed=5)
    songs = market.songs
    assert list(songs.columns) == ["world", "condition", "song", "quality", "downloads", "share"]
    assert len(songs) == 2 * 3 * 48
    assert (songs["downloads"] >= 0).all()
    assert (songs.groupby("world")["downloads"].sum() <= 500).all()     # one play, at most one download
    np.testing.assert_allclose(songs.groupby("world")["share"].sum(), 1.0)
    # every world has the same songs, of the same quality
    assert songs.groupby("song")["quality"].nunique().eq(1).all()
    assert list(market.metrics.index) == list(crowds.CONDITIONS)
    # one Gini per world, from that world's shares (the pairwise definition), averaging to the metric
    worlds = market.worlds
    assert list(worlds["world"]) == list(range(6)) and list(worlds["condition"]) == [crowds.CONDITIONS[0]] * 3 + [crowds.CONDITIONS[1]] * 3
    for world, row in worlds.set_index("world").iterrows():
        assert row["gini"] == pytest.approx(brute_gini(songs.loc[songs["world"] == world, "share"].to_numpy()), abs=1e-12)
    np.testing.assert_allclose(worlds.groupby("condition", sort=False)["gini"].mean(), market.metrics["gini"])


def test_musiclab_ordering_in_the_direction_and_rough_size_of_the_experiment():
    # Salganik, Dodds & Watts (2006): Gini about 0.34-0.50 with social influence against
    # 0.20-0.26 independent; unpredictability roughly twice as high with influence.
    metrics = [crowds.simulate(seed=seed).metrics for seed in range(6)]
    gini = np.mean([m["gini"] for m in metrics], axis=0)
    unpredictable = np.mean([m["unpredictability"] for m in metrics], axis=0)
    quality = np.mean([m["quality_success"] for m in metrics], axis=0)
    social, independent = 0, 1
    assert 0.30 <= gini[social] <= 0.55
    assert 0.17 <= gini[independent] <= 0.30
    assert 1.5 <= unpredictable[social] / unpredictable[independent] <= 3.5
    # Quality still matters in both conditions, but less when people follow the counts.
    assert 0 < quality[social] < quality[independent]
    # and it holds in every single seed, not just on average
    assert all(m["gini"].iloc[0] > m["gini"].iloc[1] for m in metrics)
    assert all(m["unpredictability"].iloc[0] > m["unpredictability"].iloc[1] for m in metrics)


def test_more_influence_more_inequality():
    ginis = [np.mean([crowds.simulate(influence=lam, n_worlds=4, seed=s).metrics["gini"].iloc[0]
                      for s in range(3)]) for lam in (0.0, 0.5, 0.9)]
    assert ginis[0] < ginis[1] < ginis[2]


@pytest.mark.parametrize("call, message", [
    (lambda: crowds.gini([]), "shares must be a non-empty"),
    (lambda: crowds.gini([0.5, -0.1]), "shares must be finite numbers >= 0"),
    (lambda: crowds.gini([0.5, float("nan")]), "shares must be finite numbers >= 0"),
    (lambda: crowds.gini([0, 0]), "positive total"),
    (lambda: crowds.unpredictability([[0.5, 0.5]]), "at least two worlds"),
    (lambda: crowds.market_shares([[1, -2]]), "downloads must be finite numbers >= 0"),
])
def test_measurements_refuse_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()



def test_influence_sweep_without_influence_has_equal_conditions_and_inequality_grows_with_it():
    sweep = crowds.influence_sweep((0.0, 0.5, 1.0), seed=1)
    # influence 0: both conditions are the same model, so their Gini agree up to chance
    assert abs(sweep.loc[0.0, "gini_influence"] - sweep.loc[0.0, "gini_independent"]) < 0.03
    assert 0.8 < sweep.loc[0.0, "unpredictability_ratio"] < 1.25
    assert sweep["gini_influence"].is_monotonic_increasing
    assert sweep["gini_independent"].max() - sweep["gini_independent"].min() < 0.03   # no influence there
    with pytest.raises(TypeError, match="influence"):
        crowds.influence_sweep(influence=0.3)
