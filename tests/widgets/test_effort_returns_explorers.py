"""EffortExplorer and ReturnsExplorer: driven from code, they change the plotted data in place."""


import numpy as np
import pytest

from smlearn import data
from smlearn.models import effort, returns, uncertainty
from smlearn.params import Choice
from smlearn.widgets import EffortExplorer, ReturnsExplorer

POSTS = data.load("post_metrics")


@pytest.fixture(params=[EffortExplorer, ReturnsExplorer], ids=["effort", "returns"])
def explorer(request):
    return request.param()


@pytest.mark.slow
def test_sliders_cannot_produce_values_the_model_rejects(explorer):
    # Every control at once, at its ends and in between: any combination a learner can set.
    from hypothesis import given, settings, strategies as st

    def values_of(spec):
        if isinstance(spec, Choice):
            return st.sampled_from(spec.options)
        return st.sampled_from(sorted({spec.min, spec.max, spec.default}))

    controls = type(explorer).CONTROLS
    combos = st.fixed_dictionaries({name: values_of(type(explorer).PARAMS[name]) for name in controls})

    @settings(max_examples=60, deadline=None)
    @given(combos)
    def any_combination_runs(combo):
        explorer.update(**combo)
        assert explorer.params == {**explorer.params, **combo}

    any_combination_runs()
    # The hardest case found so far: the same post type twice, with more posts than half of it.
    if "type_a" in controls:
        explorer.update(type_a="status", type_b="status", sample_size=90)


def test_effort_split_sliders_move_the_lines_and_the_marker():
    explorer = EffortExplorer()
    fig = explorer.figure
    ties = fig.axes[0].lines[1]
    before = ties.get_ydata().copy()
    explorer.update(media_share=0.8)
    assert explorer.figure is fig and fig.axes[0].lines[1] is ties
    expected = effort.simulate(split=effort.split_from_shares(0.8, 0.2))
    np.testing.assert_allclose(ties.get_ydata(), expected["leads_ties"])
    assert not np.allclose(before, ties.get_ydata())
    assert explorer.result.split == (0.64, 0.16, 0.2)
    np.testing.assert_allclose(explorer.artists["yours"].get_offsets(), [[0.64, 0.2]])


def test_effort_outcome_changes_the_map_and_the_title():
    explorer = EffortExplorer()
    leads = explorer.artists["map"].get_array().copy()
    explorer.update(outcome="strong_ties")
    ties = explorer.artists["map"].get_array()
    assert not np.allclose(leads, ties) and ties.max() == explorer.params["circle_size"]   # at most the whole circle
    assert "strong ties" in explorer.figure.get_suptitle()
    assert explorer.result.best[2] == 1.0       # only upkeep makes strong ties


def test_effort_horizon_changes_the_x_axis():
    explorer = EffortExplorer()
    explorer.update(weeks=104)
    assert explorer.figure.axes[0].get_xlim() == (0.5, 104.5)
    assert len(explorer.figure.axes[0].lines[0].get_xdata()) == 104


@pytest.mark.slow
def test_returns_sample_size_changes_the_intervals():
    explorer = ReturnsExplorer()
    boot = explorer.artists["boot"]["A"]
    wide = np.ptp(boot.get_xdata())
    explorer.update(sample_size=90)
    assert np.ptp(boot.get_xdata()) < wide
    expected = uncertainty.simulate(POSTS, sample_size=90).table
    np.testing.assert_allclose(boot.get_xdata(), 100 * expected.loc[0, ["boot_low", "boot_high"]].to_numpy(float))


@pytest.mark.slow
def test_returns_types_and_metric_change_the_labels_and_title():
    explorer = ReturnsExplorer()
    explorer.update(type_a="link", metric="ctr")
    assert explorer.artists["labels"]["A"].get_text() == "A: link"
    assert explorer.figure.axes[0].get_xlabel() == "Clicks per impression (%)"
    assert explorer.figure.axes[0].get_title().startswith("With 10 posts of each:")
    assert explorer.result.params["metric"] == "ctr"
    explorer.update(metric="conversion_rate")
    assert explorer.figure.axes[0].get_xlabel() == "Conversions per click (%)"


@pytest.mark.slow
def test_returns_explorer_takes_its_own_posts():
    mine = POSTS[POSTS["type"].isin(["photo", "video"])].head(200)
    explorer = ReturnsExplorer(posts=mine, sample_size=5)
    assert explorer.result.table["truth"].iloc[0] == pytest.approx(returns.metric_value(mine[mine["type"] == "photo"],
                                                                                   "engagement_rate_reach"))

