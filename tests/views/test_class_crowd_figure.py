"""The class crowd figure (smlearn.plots.estimates): the class's two rounds beside the model, said in words too."""

from __future__ import annotations

import pytest

from smlearn.models import estimates
from smlearn.plots.estimates import class_crowd_finding, describe_class_crowd, plot_class_crowd
from smlearn.plots.style import OKABE_ITO, png_bytes

FIRST, SECOND, TRUTH = [800, 1000, 1500, 2100, 650], [1100, 1200, 1400, 1700, 900], 1234


def test_the_figure_has_labelled_axes_a_title_stating_the_finding_and_the_palette():
    fig, (left, right) = plot_class_crowd(FIRST, SECOND, TRUTH, unit="beans")
    assert left.get_xlabel() == "Estimate (beans)" and right.get_ylabel() == "Spread or error (beans)"
    title = " ".join(fig.get_suptitle().split())
    assert title == class_crowd_finding(FIRST, SECOND, TRUTH)
    # No control round and an alpha fitted to the same rounds: the title claims neither a cause nor a test.
    assert title.startswith("In round 2 the spread shrank by") and "no control round" in title
    assert f"alpha fitted to these rounds ({estimates.fit_alpha(FIRST, SECOND):.2f})" in title
    colours = {tuple(round(c, 3) for c in collection.get_facecolor()[0][:3]) for collection in left.collections}
    palette = {tuple(round(int(h[i:i + 2], 16) / 255, 3) for i in (1, 3, 5)) for h in OKABE_ITO.values()}
    assert colours <= palette and len(colours) == 3
    assert len(png_bytes(fig)) > 10_000


def test_the_model_row_is_the_social_round_with_the_class_alpha():
    alpha = estimates.fit_alpha(FIRST, SECOND)
    fig, (left, _) = plot_class_crowd(FIRST, SECOND, TRUTH)
    model_points = left.collections[2].get_offsets()[:, 0]
    assert list(model_points) == pytest.approx(list(estimates.social_round(FIRST, alpha)))
    assert f"Alpha {alpha:.2f} is the share" in describe_class_crowd(FIRST, SECOND, TRUTH)


def test_a_class_whose_spread_grew_is_said_so():
    line = class_crowd_finding([1000, 1100, 1200], [700, 1100, 1600], 1000, alpha=0.3)
    assert "the spread widened" in line and "the model with alpha 0.30:" in line and "fitted" not in line


def test_the_description_names_every_row_and_the_truth():
    text = describe_class_crowd(FIRST, SECOND, TRUTH, unit="beans")
    assert "truth is 1,234 beans" in text and "round 1: estimates from 650 to 2,100 beans" in text
    assert "round 2:" in text and "model:" in text


@pytest.mark.parametrize("first, second, truth, message", [
    ([1, 2, 3], [1, 2], 2, "the same students' estimates"),
    ([1], [1], 1, "at least two"),
    ([1, 2], [1, 2], "x", "truth must be a number"),
])
def test_bad_input_is_refused(first, second, truth, message):
    with pytest.raises((ValueError, TypeError), match=message):
        plot_class_crowd(first, second, truth)
