"""Every figure of lesson 02 is found by its words in JupyterLab and in Notebook 7 (issue 18).

A screen reader finds a picture by its alt text. JupyterLab and Notebook 7 draw a PNG output with no
alt, so smlearn.plots.figure_text gives each figure an HTML copy of its picture whose alt is the
figure's titles. Here, through Playwright's accessibility queries (the names Chromium computes, as a
screen reader gets them), each figure of lesson 02 is looked up by those words, read from the
notebook's own metadata: first in the notebook as saved (not trusted, so its HTML goes through the
front end's sanitizer), then after running every cell. Each must also be drawn: the picture's own
pixel size, shown no wider than that and at its own proportions. An explorer's saved picture is
found the same way; once run, the live explorer's image is found by the same words.

After the run, in JupyterLab, a slider whose unit names a position ("Last week of effort") is heard
as a person says it: "week 26", not "26 week" (Param.spoken).
"""

from __future__ import annotations

import ast
import json
import struct
from base64 import b64decode

import pytest

import labdriver

LESSON = next(path for path in labdriver.lesson_notebooks() if path.name == "02_push_and_pull.ipynb")


def _saved_figures(path) -> list[dict]:
    """Each figure the notebook keeps words for: those words (as a screen reader gets them) and its PNG's size."""
    figures = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
            if "image/png" in data and alt.strip():
                png = b64decode("".join(data["image/png"]))
                width, height = struct.unpack(">II", png[16:24])   # the PNG header's IHDR chunk
                # An explorer's saved picture (its text is the explorer's, not "<Figure ...>") becomes a
                # live widget when run, redrawn to the page's width: the explorer tests check it then.
                explorer = not "".join(data.get("text/plain", "")).startswith("<Figure")
                figures.append({"words": " ".join(alt.split()), "width": width, "height": height,
                                "explorer": explorer})
    return figures


FIGURES = _saved_figures(LESSON)

# The image as the page draws it: its pixels once loaded, its size on the page, and what drew it.
_DRAWN = """(img) => {
  const box = img.getBoundingClientRect();
  return {loaded: img.complete && img.naturalWidth > 0, natural: [img.naturalWidth, img.naturalHeight],
          shown: [box.width, box.height], html: !!img.closest('.jp-RenderedHTMLCommon')};
}"""


def _figure_problems(driver, where: str, live: bool = False) -> list[str]:
    from playwright.sync_api import expect

    page = driver.page
    problems = []
    for figure in FIGURES:
        words = figure["words"]
        found = page.get_by_role("img", name=words, exact=True)
        try:
            expect(found).to_have_count(1, timeout=30_000)
        except AssertionError:
            problems.append(f"{where}: {found.count()} images named {words[:80]!r}...")
            continue
        if live and figure["explorer"]:
            continue   # found by its words; its live picture is the widget's, sized to the page
        found.scroll_into_view_if_needed()
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=found.element_handle(), timeout=30_000)
        drawn = found.evaluate(_DRAWN)
        (natural_w, natural_h), (shown_w, shown_h) = drawn["natural"], drawn["shown"]
        if (natural_w, natural_h) != (figure["width"], figure["height"]):
            problems.append(f"{where}: {words[:60]!r} shows a {natural_w}x{natural_h} picture, its PNG is "
                            f"{figure['width']}x{figure['height']}")
        if shown_w > natural_w + 0.5 or shown_w < 100:
            problems.append(f"{where}: {words[:60]!r} is {shown_w:.0f} px wide on the page (picture: {natural_w} px)")
        if abs(shown_h - shown_w * natural_h / natural_w) > 1.5:
            problems.append(f"{where}: {words[:60]!r} is shown {shown_w:.0f}x{shown_h:.0f}, not at its proportions")
        if not drawn["html"]:
            problems.append(f"{where}: {words[:60]!r} is not the figure's HTML copy")
    return problems


@pytest.mark.parametrize("front_end", ["lab", "notebook7"])
def test_every_figure_of_lesson_02_is_found_by_its_words_saved_and_after_a_run(request, front_end):
    assert FIGURES, f"{LESSON.name} keeps no figure words: nothing to look for"
    driver = request.getfixturevalue(front_end)
    name = "JupyterLab" if front_end == "lab" else "Notebook 7"
    driver.open(LESSON.name)
    problems = _figure_problems(driver, f"{name}, as saved")
    driver.run_all()
    problems += _figure_problems(driver, f"{name}, after running every cell", live=True)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_a_slider_whose_unit_is_a_position_is_heard_unit_first_in_jupyterlab(lab):
    from playwright.sync_api import expect

    lab.run_lesson(LESSON.name)
    assert lab.explorers(1), f"{LESSON.name}: no explorer on the page"
    controls = ast.literal_eval(lab.kernel_execute("", "explorer.parts.frontend.controls"))
    positions = [control for control in controls if control["unit_first"]]
    assert positions, "lesson 02's explorer has no slider whose unit names a position (its last week of effort)"
    page = lab.page
    for control in positions:
        box = page.locator(f".smlearn-control-{control['name']}").first
        slider = page.get_by_role("slider", name=control["label"], exact=True)
        expect(slider).to_have_count(1)
        readout = box.locator(".widget-readout").inner_text().strip()
        assert readout, f"{control['label']!r} shows no value"
        spoken = ast.literal_eval(lab.kernel_execute("", f"explorer.PARAMS[{control['name']!r}].spoken({readout!r})"))
        assert spoken.startswith(control["unit"])   # "week 26"
        expect(slider).to_have_attribute("aria-valuetext", spoken)
