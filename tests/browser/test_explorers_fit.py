"""Every lesson's explorers at the window sizes learners use, in JupyterLab and in Notebook 7 (issue 15).

Each lesson runs once (test_lessons_in_browser.py runs it at 1366 x 768); these tests then resize
the same page and, once the layout and any redraw for the new width have settled, measure what a
learner sees of every explorer:

- 1366 x 768, the commonest laptop screen: also, the explorer's controls and its figure fit in the
  notebook's visible height together, so a learner sees the figure while moving a slider;
- 1024 x 700 with JupyterLab's file browser open (a small laptop);
- a 1366 x 768 screen at 150 % zoom: Chromium's device metrics set to 911 x 512 CSS px at 1.5 device
  pixels per CSS px, which is what Ctrl+plus does (fewer CSS px, everything drawn bigger);
- lessons 02 and 04 in Jupyter Notebook 7 at 1366 x 768.

At every size a test fails when a control (its box, label, track, readout or drop-down) is cut off
by the output or anything that clips it, a slider's track is under 60 px, a label is cut or does
not show the unit its model's PARAMS give, the figure's smallest text is smaller on screen than the
notebook's prose (the text's size in points, from the kernel, times the px per point at which the
image is displayed), or one key press fails to move a control and change the figure (the poke of
test_lessons_in_browser.py). Messages name the lesson, the explorer, the control and the numbers.

Every run saves a screenshot of the window per lesson, explorer and size (see conftest.py), so a
reviewer can look without running anything.
"""

from __future__ import annotations

import pytest

import labdriver
from test_lessons_in_browser import _poke, _problems_in

LESSONS = labdriver.lesson_notebooks()
# name: resize() arguments. Sizes in CSS px; "scale" is device px per CSS px.
SIZES = {
    "1366x768": {"width": 1366, "height": 768},
    "1024x700-files": {"width": 1024, "height": 700, "file_browser": True},
    "zoom150": {"width": 911, "height": 512, "scale": 1.5},   # 1366 / 1.5 = 910.7, 768 / 1.5 = 512
}
NOTEBOOK7_LESSONS = [path for path in LESSONS if path.name.startswith(("02_", "04_"))]
MIN_TRACK_PX = 60      # under this a slider is little more than its handle
CUT_SLACK_PX = 1       # sub-pixel rounding is not a cut
FONT_SLACK_PX = 0.5    # the same size, rounded differently, is not smaller
FIGURE_CUT_SLACK_PX = 3  # ipywidgets' Image has a 2 px margin beside its 100 % width: white PNG padding, not the figure


def _explorers_displayed(cells: list[dict]) -> int:
    return sum(output["explorer"] for cell in cells for output in cell["outputs"])


def _control_problems(where: str, control: dict, units: list[dict]) -> list[str]:
    label = control["label"] or control["kind"]
    at = f"{where}, {control['kind']} {label!r}"
    problems = []
    for part, cut in control["cuts"].items():
        if cut["x"] > CUT_SLACK_PX or cut["y"] > CUT_SLACK_PX:
            problems.append(f"{at}: its {part} is cut off ({cut['x']:.0f} px of its {cut['width']:.0f} px width"
                            f" hidden sideways, {cut['y']:.0f} px up or down)")
    if control["kind"] == "slider" and control["track_width"] is not None and control["track_width"] < MIN_TRACK_PX:
        problems.append(f"{at}: its track is {control['track_width']:.0f} px wide (under {MIN_TRACK_PX} px)")
    if control["readout_width"] and control["readout_width"][1] > control["readout_width"][0] + CUT_SLACK_PX:
        shown, needed = control["readout_width"]
        problems.append(f"{at}: its readout {control['readout']!r} is cut ({shown} px shown of {needed} px)")
    unit = next((u["unit"] for u in units if u["label"] and control["label"].startswith(u["label"])), "")
    if control["label_width"] and control["label_width"][1] > control["label_width"][0] + CUT_SLACK_PX:
        shown, needed = control["label_width"]
        lost = f", so its unit ({unit}) is hidden" if unit else ""
        problems.append(f"{at}: its label is cut ({shown} px shown of {needed} px){lost}")
    elif unit and unit not in control["label"]:
        problems.append(f"{at}: its label does not show the unit {unit!r} of the model's PARAMS")
    return problems


def _fit_problems(lesson: str, size: str, measured: dict, kernel: dict | None, *, check_height: bool) -> list[str]:
    """Everything wrong with one explorer as measured (see labdriver._MEASURE), each said in a sentence."""
    name = measured["name"] or (kernel or {}).get("explorer") or "explorer"
    where = f"{lesson} at {size}, explorer {measured['index'] + 1} ({name}, cell {measured['cell']})"
    problems = []
    problems.extend(f"{where}: it shows an error: {alert}" for alert in measured["alerts"])
    units = (kernel or {}).get("controls", [])
    shown = [control for control in measured["controls"] if control["shown"]]
    for control in shown:
        problems.extend(_control_problems(where, control, units))
    image = measured["image"]
    if image is None or not image["natural_width"]:
        return problems + [f"{where}: no figure is shown"]
    if image["cut"]["x"] > FIGURE_CUT_SLACK_PX:
        problems.append(f"{where}: the figure is cut off ({image['cut']['x']:.0f} px of its {image['width']:.0f} px width hidden)")
    if kernel and abs(kernel["width_px"] - image["natural_width"]) > 2:
        # The kernel's figure is not the picture on the page: its sizes would say nothing about what is shown.
        problems.append(f"{where}: the page shows a figure {image['natural_width']} px wide, the kernel's figure is"
                        f" {kernel['width_px']:.0f} px ({kernel['width_inches']:.2f} in at {kernel['dpi']:g} dpi):"
                        f" the redraw for this width did not reach the page")
        kernel = None
    if kernel and kernel["smallest_texts"]:
        # px per point as displayed: the image is width_inches wide, at 72 points per inch.
        px_per_point = image["width"] / (kernel["width_inches"] * 72)
        notebook = measured["prose_font_px"]
        small = [(points, text) for points, text in kernel["smallest_texts"] if points * px_per_point < notebook - FONT_SLACK_PX]
        if small:
            points, text = small[0]
            problems.append(
                f"{where}: the figure's text {text!r} is {points * px_per_point:.1f} px on screen ({points:g} pt in a"
                f" {kernel['width_inches']:.2f} in figure of {image['natural_width']} px shown {image['width']:.0f} px wide,"
                f" dpi {kernel['dpi']:g}), smaller than the notebook's {notebook:g} px")
    for outside, text in (kernel or {}).get("cut_texts", []):
        problems.append(f"{where}: the figure's edge cuts its text {text!r} ({outside} px of the figure's"
                        f" {kernel['width_px']:.0f} px width outside it)")
    if check_height and shown:
        top = min(control["top"] for control in shown)
        tall = image["bottom"] - top
        if tall > measured["visible_height"] + CUT_SLACK_PX:
            problems.append(f"{where}: its controls and figure together are {tall:.0f} px tall; the notebook shows"
                            f" {measured['visible_height']} px, so the figure is out of sight while moving a control")
    return problems


def _measure_and_poke(page, lesson: str, size: str, explorers: list[dict], folder, *, check_height: bool) -> list[str]:
    """Measure every explorer, save the screenshots, press a key on each; return the problems found."""
    measured = page.measure()
    kernel = page.figure_text([m["model_id"] for m in measured if m["model_id"]])
    page.screenshot_explorers(folder, lesson)
    problems = []
    for one in measured:
        problems.extend(_fit_problems(lesson, size, one, kernel.get(one["model_id"]), check_height=check_height))
    for index, explorer in enumerate(explorers):
        try:
            _poke(page, index, explorer)
        except AssertionError as error:  # keep measuring the others: one report names every failure
            problems.append(f"{lesson} at {size}, explorer {index + 1}: a key press failed: {error}")
    return problems


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("notebook", LESSONS, ids=[path.stem for path in LESSONS])
def test_explorers_fit_the_window(lab, notebook, size, screenshots):
    cells = lab.run_lesson(notebook.name)
    displayed = _explorers_displayed(cells)
    explorers = lab.explorers(displayed)
    window = lab.resize(**SIZES[size])
    wanted = SIZES[size]
    assert (window["width"], window["height"], window["scale"]) == (wanted["width"], wanted["height"], wanted.get("scale", 1)), (
        f"the page did not take the window size {size}: it reports {window}")
    assert len(explorers) >= displayed, f"{notebook.stem}: {displayed} explorers displayed, {len(explorers)} found on the page"
    problems = _measure_and_poke(lab, notebook.stem, size, explorers, screenshots / size, check_height=size == "1366x768")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.parametrize("notebook", NOTEBOOK7_LESSONS, ids=[path.stem for path in NOTEBOOK7_LESSONS])
def test_explorers_in_notebook7(notebook7, notebook, screenshots):
    notebook7.open(notebook.name)
    cells = notebook7.run_all()
    problems = _problems_in(cells)
    assert not problems, f"{notebook.name} in Notebook 7:\n" + "\n\n".join(problems)
    displayed = _explorers_displayed(cells)
    explorers = notebook7.explorers(displayed)
    assert len(explorers) >= displayed, f"{notebook.stem} in Notebook 7: {displayed} explorers displayed, {len(explorers)} on the page"
    notebook7.settle()
    problems = _measure_and_poke(notebook7, notebook.stem, "Notebook 7 1366x768", explorers, screenshots / "notebook7",
                                 check_height=True)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
