"""NetworkExplorer and SpreadExplorer (and their views): driven from code, they change the plotted data in place."""


import numpy as np
import pytest

from smlearn.models import diffusion, networks
from smlearn.models.engines.spread import SpreadGraph
from smlearn.widgets import NetworkExplorer, SpreadExplorer


@pytest.fixture
def net():
    return NetworkExplorer(n=200)


@pytest.fixture
def spread():
    return SpreadExplorer(n=400)


def test_network_explorer_update_changes_the_data_in_place(net):
    figure = net.figure
    line = net.artists["degrees"]["follower"]
    before = line.get_xdata().copy()
    net.update(mean_degree=12)
    assert net.figure is figure and net.artists["degrees"]["follower"] is line
    expected = networks.simulate(n=200, mean_degree=12, rewire=0.1, follow_back=0.05, seed=1)
    assert net.result.table.equals(expected.table)
    followers = np.array([d for _, d in expected.follower.in_degree()])
    assert line.get_xdata().max() == followers.max()
    assert not np.array_equal(before, line.get_xdata())
    bars = net.artists["bars"]["follower"]
    assert bars[0].get_width() == pytest.approx(expected.table.loc["follower", "reciprocity"])


def test_network_explorer_title_and_description_follow_the_data(net):
    title = net.figure.get_suptitle()
    assert title.startswith("Friendships are all returned")
    net.update(follow_back=1.0)
    assert "100% of follows are returned" in net.figure.get_suptitle()
    assert "Two network drawings of 200 people" in net.description


def test_spread_explorer_update_reruns_the_model_and_redraws(spread):
    reached = spread.artists["reached"]
    before = reached.get_ydata().copy()
    spread.update(p=0.5)
    g, _, _ = spread.network(**spread.params)
    expected = diffusion.simulate(g, model="independent cascade", p=0.5, n_seeds=5, strategy="random", seed=1)
    assert SpreadExplorer.PARAMS["p"].default == 0.3
    np.testing.assert_array_equal(spread.result.adopted_at, expected.adopted_at)
    np.testing.assert_allclose(reached.get_ydata(), expected.curve["share"])
    assert not np.array_equal(before, reached.get_ydata())


def test_moving_the_step_reuses_the_run_and_recolours_the_drawing(spread, monkeypatch):
    spread.update(p=0.4)
    run = spread.result
    calls = []
    original = diffusion.simulate
    monkeypatch.setattr(diffusion, "simulate", lambda *a, **k: calls.append(1) or original(*a, **k))
    spread.update(step=2)
    assert spread.result is run and not calls
    reached_at_2 = len(spread.artists["states"][1].get_offsets())
    assert reached_at_2 == int(((run.adopted_at >= 0) & (run.adopted_at <= 2)).sum())
    spread.update(step=run.steps)
    assert len(spread.artists["states"][1].get_offsets()) == run.final_size
    assert spread.artists["step_line"].get_xdata()[0] == run.steps


@pytest.mark.slow
def test_the_network_is_built_once_and_reused(spread, monkeypatch):
    calls = []
    original = diffusion.prepare
    def counting(G):
        if not isinstance(G, SpreadGraph):   # a real conversion, not a pass-through
            calls.append(1)
        return original(G)

    monkeypatch.setattr(diffusion, "prepare", counting)
    spread.update(model="SIR")
    spread.update(beta=0.3)
    assert not calls
    spread.update(network="follower")
    assert len(calls) == 1
    spread.update(network="friendship")
    assert len(calls) == 1


@pytest.mark.slow
def test_complex_contagion_on_clustered_and_shuffled_networks(spread):
    spread.update(model="complex contagion", strategy="one cluster", n_seeds=7)
    assert spread.result.final_share == 1.0
    spread.update(network="shuffled friendship")
    assert spread.result.final_share < 0.1
    assert "Complex contagion from 7 starting people" in spread.figure.get_suptitle()


def test_sir_adds_the_ill_curve(spread):
    spread.update(model="SIR", beta=0.3, gamma=0.2)
    curve = spread.result.curve
    np.testing.assert_allclose(spread.artists["active"].get_ydata(), curve["infected"] / 400)
    assert "ill at once" in spread.description


def test_axes_are_labelled_with_units(net, spread):
    degree_ax = net.figure.axes[2]
    assert "(people, log scale)" in degree_ax.get_xlabel() and degree_ax.get_yscale() == "log"
    assert spread.figure.axes[0].get_ylabel() == "Share of people (0 to 1)"
