"""Accessibility: colours that survive colour-vision deficiencies, never colour alone, words for every figure."""

import itertools
import json
import re
from pathlib import Path

import pytest
from colorspacious import cspace_convert, deltaE
from matplotlib.colors import to_rgb

from smlearn.pacing import lesson_files
from smlearn.plots.style import OKABE_ITO, SERIES_STYLE

from course_explorers import make_explorer, pytest_generate_tests  # noqa: F401  (a fixture and a hook)

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LESSONS = lesson_files(NOTEBOOKS)
# Series that appear together in one figure.
GROUPS = {"channels": ("push", "pull"), "labels": ("social media", "social networking", "both")}
CVD_TYPES = ("protanomaly", "deuteranomaly", "tritanomaly")
# CAM02-UCS colour difference below which two categories are hard to tell apart at a glance.
MIN_DELTA_E = 10


def as_seen_with(colour, cvd_type):
    """Machado, Oliveira & Fernandes (2009) simulation of a full (severity 100) deficiency."""
    return cspace_convert(to_rgb(colour), {"name": "sRGB1+CVD", "cvd_type": cvd_type, "severity": 100}, "sRGB1").clip(0, 1)


@pytest.mark.parametrize("cvd_type", CVD_TYPES)
@pytest.mark.parametrize("group", GROUPS)
def test_series_shown_together_stay_distinct_with_each_colour_vision_deficiency(group, cvd_type):
    colours = [SERIES_STYLE[name]["color"] for name in GROUPS[group]]
    for a, b in itertools.combinations(colours, 2):
        difference = deltaE(as_seen_with(a, cvd_type), as_seen_with(b, cvd_type), input_space="sRGB1")
        assert difference >= MIN_DELTA_E, f"{a} and {b} differ by only {difference:.1f} with {cvd_type}"


@pytest.mark.parametrize("cvd_type", CVD_TYPES)
def test_the_palette_without_black_stays_distinct(cvd_type):
    colours = [c for name, c in OKABE_ITO.items() if name != "black"]
    worst = min(deltaE(as_seen_with(a, cvd_type), as_seen_with(b, cvd_type), input_space="sRGB1")
                for a, b in itertools.combinations(colours, 2))
    assert worst >= MIN_DELTA_E


@pytest.mark.parametrize("group", GROUPS)
def test_series_differ_in_more_than_colour(group):
    styles = [SERIES_STYLE[name] for name in GROUPS[group]]
    for a, b in itertools.combinations(styles, 2):
        assert (a["linestyle"], a["marker"]) != (b["linestyle"], b["marker"]), f"{a['label']} and {b['label']} differ only by colour"


def text_of(cell):
    if cell["cell_type"] == "markdown":
        return ""
    parts = []
    for output in cell.get("outputs", []):
        text = output.get("text") or output.get("data", {}).get("text/plain", "")
        parts.append("".join(text) if isinstance(text, list) else text)
    return "\n".join(p for p in parts if not p.startswith("<Figure size"))


DESCRIPTION = re.compile(r"\b(charts?|plots?|drawings?|diagrams?|maps?|histograms?|networks?|pictures?)\b", re.IGNORECASE)


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_figure_in_a_lesson_has_a_text_description_beside_it(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "code" or not any("image/png" in o.get("data", {}) for o in cell["outputs"]):
            continue
        following = next((c for c in cells[i + 1:] if c["cell_type"] == "code"), {"cell_type": "markdown"})
        words = text_of(cell) + "\n" + text_of(following)
        assert len(words) >= 60 and DESCRIPTION.search(words), f"cell {i} of {path.name} shows a figure without a description"


@pytest.mark.slow
def test_explorer_controls_are_labelled_keyboard_widgets(explorer_name, make_explorer):
    import ipywidgets

    explorer = make_explorer(explorer_name)
    explorer.widget
    assert explorer.controls
    for control in explorer.controls.values():
        # ipywidgets sliders and drop-downs take arrow keys once focused (Tab moves between them).
        assert isinstance(control, (ipywidgets.IntSlider, ipywidgets.FloatSlider, ipywidgets.Dropdown))
        assert control.description and control.tooltip


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_figure_a_lesson_shows_keeps_its_titles_as_text_in_the_notebook(path):
    """smlearn.plots.figure_text: the titles drawn into a figure's pixels are also kept as text."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data and "".join(data.get("text/plain", "")).startswith("<Figure"):
                alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
                assert alt.strip(), f"a figure of {''.join(cell['source'])[:60]!r} has no titles kept as text"
