"""ReturnsExplorer: driven from code, it changes the plotted data in place."""

import numpy as np
import pytest

from smlearn import data
from smlearn.models import returns, uncertainty
from smlearn.params import Choice
from smlearn.widgets import ReturnsExplorer

POSTS = data.load("post_metrics")


@pytest.mark.slow
def test_sliders_cannot_produce_values_the_model_rejects():
    # Every control at once, at its ends and in between: any combination a learner can set.
    from hypothesis import given, settings, strategies as st

    explorer = ReturnsExplorer()

    def values_of(spec):
        if isinstance(spec, Choice):
            return st.sampled_from(spec.options)
        return st.sampled_from(sorted({spec.min, spec.max, spec.default}))

    controls = ReturnsExplorer.CONTROLS
    combos = st.fixed_dictionaries({name: values_of(ReturnsExplorer.PARAMS[name]) for name in controls})

    @settings(max_examples=60, deadline=None)
    @given(combos)
    def any_combination_runs(combo):
        explorer.update(**combo)
        assert explorer.params == {**explorer.params, **combo}

    any_combination_runs()
    # The hardest case found so far: the same post type twice, with more posts than half of it.
    explorer.update(type_a="status", type_b="status", sample_size=90)


@pytest.mark.slow
def test_returns_sample_size_changes_the_intervals():
    explorer = ReturnsExplorer()
    boot = explorer.artists["boot"]["A"]
    wide = np.ptp(boot.get_xdata())
    explorer.update(sample_size=90)
    assert np.ptp(boot.get_xdata()) < wide
    expected = uncertainty.simulate(POSTS, sample_size=90, seed=0).table
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

