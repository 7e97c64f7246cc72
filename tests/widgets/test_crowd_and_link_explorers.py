"""The crowds and links explorers: driven without a browser, they change the plotted data in place."""

import base64

import numpy as np
import pytest

from smlearn.models import front_page, vote_rings
from smlearn.widgets import FrontPageExplorer, LinkExplorer, MusicLabExplorer

EXPLORERS = [FrontPageExplorer, MusicLabExplorer, LinkExplorer]


@pytest.fixture(scope="module")
def built():
    return {cls: cls() for cls in EXPLORERS}


def test_front_page_rule_and_ring_change_the_plotted_data_in_place():
    explorer = FrontPageExplorer()
    fig, artists = explorer.figure, explorer.artists
    target_line = artists["targets"][0]
    before = target_line.get_ydata().copy()
    explorer.update(manipulation=True)
    assert explorer.figure is fig and artists["targets"][0] is target_line
    expected = front_page.simulate(manipulation=True, seed=1)
    target = int(expected.items.index[expected.items["target"]][0])
    np.testing.assert_allclose(target_line.get_ydata(), np.where(expected.ranks[:, target] <= 30,
                                                                 expected.ranks[:, target], np.nan))
    assert not np.allclose(np.nan_to_num(before), np.nan_to_num(target_line.get_ydata()))
    assert fig.get_suptitle().startswith("Under Reddit's hot, with 20 fake up-votes on each, weak targets peak at #")
    explorer.update(rule="score")
    assert fig.get_suptitle().startswith("Under net score")
    offsets = artists["ringed"].get_offsets()
    np.testing.assert_allclose(offsets[:, 1], vote_rings.manipulation_summary(explorer.result)["ups"])


def test_music_lab_influence_changes_the_plotted_data_in_place():
    explorer = MusicLabExplorer()
    bars = explorer.artists["bars"].patches
    heights = [bar.get_height() for bar in bars]
    explorer.update(influence=0.0)
    assert explorer.artists["bars"].patches[0] is bars[0]
    new_heights = [bar.get_height() for bar in bars]
    assert new_heights != heights
    np.testing.assert_allclose(new_heights, explorer.result.metrics["unpredictability"])
    assert explorer.figure.get_suptitle().startswith("Seeing the counts: Gini")
    explorer.update(n_worlds=3)
    assert len(explorer.artists["gini"]["independent"].get_offsets()) == 3


def test_link_explorer_friend_links_and_quality_move_the_lines():
    explorer = LinkExplorer()
    line = explorer.artists["links_in"]
    before = line.get_ydata().copy()
    added = 20 - explorer.params["friend_links"]                 # friends' links on top of the default's
    explorer.update(friend_links=20)
    assert explorer.artists["links_in"] is line
    assert line.get_ydata()[0] >= before[0] + added - 1
    np.testing.assert_allclose(explorer.artists["visits"].get_ydata(), explorer.result.weekly["visits"])
    explorer.update(periods=20)
    assert explorer.figure.axes[0].get_xlim() == (0.5, 20.5)
    assert explorer.figure.get_suptitle().startswith("By week 20:")


@pytest.mark.slow
@pytest.mark.parametrize("cls", EXPLORERS)
def test_static_png_text_and_labelled_axes(cls, built):
    explorer = built[cls]
    bundle, _ = explorer._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert cls.__name__ in bundle["text/plain"] and explorer.description in bundle["text/plain"]
    for ax in explorer.figure.axes:
        assert ax.get_xlabel() or ax.get_xticklabels()
        assert ax.get_ylabel()
    assert explorer.figure.get_suptitle()
