"""The class front page's detection figure (smlearn.plots.class_votes): who voted alike, the ring, who was named."""

from __future__ import annotations

import pytest

from smlearn.models import class_votes
from smlearn.plots.class_votes import class_ring_finding, describe_class_ring, plot_class_ring
from smlearn.plots.style import OKABE_ITO, png_bytes

UPS = {"a01": [0, 1], "a02": [4, 5, 6], "a03": [4, 5, 6], "a04": [1, 2, 4], "a05": [0, 2]}
RING = ["a02", "a03"]


def test_the_figure_marks_the_ring_in_the_palette_and_states_the_finding():
    fig, (left, right) = plot_class_ring(UPS, ring=RING, guesses=[["a02"], ["a02", "a05"]], mine=["a03"],
                                         source="your class")
    title = fig._suptitle.get_text().replace("\n", " ")
    assert title.startswith("your class: The ring voted alike: the detector caught 2 of its 2 accounts")
    assert "the 2 guesses caught 50% of the ring and named 17% of the honest" in title
    assert "you named 1 of 2 and 0 honest" in title
    colours = {tuple(round(c, 3) for c in collection.get_facecolor()[0][:3]) for collection in left.collections}
    palette = {tuple(round(int(h[i:i + 2], 16) / 255, 3) for i in (1, 3, 5)) for h in OKABE_ITO.values()}
    assert colours <= palette and len(colours) == 2       # the honest and the ring, in two colours and markers
    widths = {label.get_text(): bar.get_width() for label, bar in zip(right.get_yticklabels(), right.patches)}
    assert widths == {"a01": 0, "a02": 1.0, "a03": 0, "a04": 0, "a05": 0.5}
    assert len(png_bytes(fig)) > 10_000


def test_before_the_ring_is_shown_no_account_is_marked():
    fig, (left, _) = plot_class_ring(UPS)
    assert [text.get_text() for text in left.get_legend().get_texts()][-1] == "an account (the ring not shown yet)"
    assert class_ring_finding(UPS) == ("The ring is not shown yet: the detector flags 2 of 5 accounts, each "
                                       "sharing 3 items or more with another, a similarity of 0.8 or more")
    assert "SIMULATED" not in describe_class_ring(UPS)


def test_a_page_without_a_ring_says_so():
    assert class_ring_finding(UPS, ring=[]) == "No ring was planted: the detector flagged 2 of 5 honest accounts"


def test_the_description_names_the_most_alike_and_the_finding():
    votes = class_votes.example_votes(seed=3)
    ups = class_votes.up_votes(votes)
    ring = sorted(votes.loc[votes["ring"], "label"].unique())
    text = describe_class_ring(ups, ring=ring, mine=ring[:1], source="a SIMULATED class")
    assert text.startswith("a SIMULATED class: A chart in two panels about 24 accounts")
    assert "shares 3 items with" in text and text.endswith(f"{class_ring_finding(ups, ring=ring, mine=ring[:1])}.")


@pytest.mark.parametrize("kwargs, message", [
    ({"ring": ["a09"]}, "ring must name accounts that voted"),
    ({"mine": "a01"}, "mine must be a list"),
    ({"guesses": [["a01"], "a02"]}, "guesses must be a list"),
    ({"source": 3}, "source must be a string"),
])
def test_bad_input_is_refused(kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        plot_class_ring(UPS, **kwargs)


def test_a_point_is_in_the_shaded_corner_exactly_when_the_detector_flags_it():
    # a01 and a02 share 4 items at a similarity of exactly 0.8 (flagged); a03 and a04 share 3 at 0.75 (not):
    # jittered, neither may cross the corner's edge.
    ups = {"a01": [0, 1, 2, 3, 4], "a02": [0, 1, 2, 3], "a03": [5, 6, 7, 8], "a04": [5, 6, 7], "a05": [9]}
    for votes in (ups, class_votes.up_votes(class_votes.example_votes(seed=3))):
        table = class_votes.account_similarity(votes)
        fig, (left, _) = plot_class_ring(votes)
        points = left.collections[0].get_offsets()
        inside = (points[:, 0] >= 2.5) & (points[:, 1] >= 0.8)
        assert list(inside) == list(table["flagged"]), table
    assert class_votes.account_similarity(ups)["flagged"].tolist() == [True, True, False, False, False]
