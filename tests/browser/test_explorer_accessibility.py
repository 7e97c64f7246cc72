"""Every explorer as a screen reader and a low-vision learner meet it, in JupyterLab and Notebook 7 (issue 18).

Through Playwright's accessibility queries (the names Chromium computes, as a screen reader gets
them), for every explorer of every lesson in JupyterLab, and of lessons 02 and 04 in Notebook 7:
every slider and drop-down is found by its visible label, with its unit in the spoken value and its
parameter's meaning as its description; the number readouts are out of the Tab order; the explorer's
image is found by its description; the caption is a polite, atomic live region. The expected names
come from the explorer objects in the lesson's kernel (the labels, units and help texts the sliders
were built with), never from this file.

On lesson 02, more closely: the caption stays the same element when a key press brings a new
finding, and the image's alt text follows the new image. Then the colours Chromium computes for a
slider's handle, track and focus ring, against the notebook's background, in JupyterLab's light and
dark themes: 3:1 or more (WCAG 1.4.11).

Each lesson runs once for all the browser tests (conftest.py groups the tests by lesson).
"""

from __future__ import annotations

import ast
import json
import re

import pytest

import labdriver

LESSONS = labdriver.lesson_notebooks()
NOTEBOOK7_LESSONS = [path for path in LESSONS if path.name.startswith(("02_", "04_"))]
LESSON_02 = [path for path in LESSONS if path.name == "02_push_and_pull.ipynb"]
MIN_CONTRAST = 3.0

# Computed colours of the first enabled slider: handle fill and border, track, focus ring, and the
# background behind them (the first ancestor that paints one).
_COLOURS = """(handle) => {
  const style = getComputedStyle(handle);
  let node = handle.closest('.smlearn-explorer');
  let background = 'rgb(255, 255, 255)';
  while (node) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(colour)) { background = colour; break; }
    node = node.parentElement;
  }
  const track = handle.closest('.noUi-target').querySelector('.noUi-connects');
  return {fill: style.backgroundColor, border: style.borderTopColor, border_width: parseFloat(style.borderTopWidth),
          track: getComputedStyle(track).backgroundColor, ring: style.outlineColor,
          ring_style: style.outlineStyle, ring_width: parseFloat(style.outlineWidth), background};
}"""


def _rgb(colour: str) -> tuple:
    numbers = [float(x) for x in re.findall(r"[\d.]+", colour)]
    return tuple(numbers[:3]) + ((numbers[3],) if len(numbers) > 3 else (1.0,))


def _on(colour: str, background: str) -> tuple:
    # A translucent colour as seen on its background.
    *front, alpha = _rgb(colour)
    back = _rgb(background)[:3]
    return tuple(alpha * f + (1 - alpha) * b for f, b in zip(front, back))


def _contrast(colour: str, background: str) -> float:
    def luminance(rgb):
        linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    a, b = luminance(_on(colour, background)), luminance(_rgb(background)[:3])
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


# Run in the lesson's kernel: for the smlearn explorers behind these widget model ids, what a screen
# reader should meet, as the explorer built it: each control's visible label (the widget's
# description), its parameter's unit, its help text (the tooltip), and the figure's description.
_KERNEL_NAMES = """
def _smlearn_accessible_names(model_ids):
    import gc, json
    from smlearn.widgets.base import Explorer, _first_sentence
    found = {}
    for obj in gc.get_objects():
        try:
            widget = getattr(obj, "_widget", None) if isinstance(obj, Explorer) else None
        except Exception:
            continue
        if widget is None or getattr(widget, "model_id", None) not in model_ids:
            continue
        controls = [{"name": name, "label": control.description, "help": control.tooltip or "",
                     "unit": getattr(obj.PARAMS[name], "unit", "") or "",
                     "role": "combobox" if hasattr(control, "options") else "slider"}
                    for name, control in obj.controls.items()]
        more = getattr(obj, "_more_button", None)
        found[widget.model_id] = {"explorer": type(obj).__name__, "alt": _first_sentence(obj.description),
                                  "description": obj.description, "controls": controls,
                                  "more_open": more.value if more is not None else None}
    return json.dumps(found)

def _smlearn_open_more(model_ids, opened):
    import gc
    from smlearn.widgets.base import Explorer
    for obj in gc.get_objects():
        try:
            widget = getattr(obj, "_widget", None) if isinstance(obj, Explorer) else None
        except Exception:
            continue
        if widget is not None and getattr(widget, "model_id", None) in model_ids and hasattr(obj, "_more_button"):
            obj.parts.more_button.value = opened[widget.model_id]

def _smlearn_spoken(model_id, shown):
    # Each slider's value as its parameter says it with the unit (Param.spoken), from the readout's text.
    import gc
    from smlearn.widgets.base import Explorer
    for obj in gc.get_objects():
        try:
            widget = getattr(obj, "_widget", None) if isinstance(obj, Explorer) else None
        except Exception:
            continue
        if widget is not None and getattr(widget, "model_id", None) == model_id:
            return {name: obj.PARAMS[name].spoken(text) for name, text in shown.items()}
"""


def _explorers_displayed(cells: list[dict]) -> int:
    return sum(output["explorer"] for cell in cells for output in cell["outputs"])


def _names_problems(driver, where: str, index: int, model_id: str, kernel: dict) -> list[str]:
    """What a screen reader would miss in the explorer marked ``index``; each said in a sentence."""
    from playwright.sync_api import expect

    box = driver.explorer(index)
    at = f"{where}, explorer {index + 1} ({kernel['explorer']})"
    problems = []
    # In view, as a learner tabbing to it has it (Notebook 7 leaves cells out of sight unlaid).
    box.scroll_into_view_if_needed()
    shown = {control["name"]: box.locator(f".smlearn-control-{control['name']} .widget-readout").text_content().strip()
             for control in kernel["controls"] if control["role"] == "slider" and control["unit"]}
    for name in [name for name, text in shown.items() if not text]:
        problems.append(f"{at}: the slider {name!r} shows no value")
        del shown[name]
    spoken = ast.literal_eval(driver.kernel_execute("", f"_smlearn_spoken({model_id!r}, {shown!r})")) if shown else {}
    for control in kernel["controls"]:
        label = control["label"]
        visible = box.locator(f".smlearn-control-{control['name']} .widget-label").first.text_content().strip()
        if visible != label:
            problems.append(f"{at}: the control {control['name']!r} shows the label {visible!r}, built as {label!r}")
        found = box.get_by_role(control["role"], name=label, exact=True)
        try:
            expect(found).to_have_count(1)
        except AssertionError:
            problems.append(f"{at}: no {control['role']} named {label!r} (found {found.count()})")
            continue
        if control["help"]:
            try:
                expect(found).to_have_accessible_description(control["help"])
            except AssertionError:
                problems.append(f"{at}: {label!r} is not described by its meaning {control['help']!r}")
        if control["name"] in spoken:
            says = found.get_attribute("aria-valuetext")
            if says != spoken[control["name"]]:
                problems.append(f"{at}: {label!r} shows {shown[control['name']]!r} and says {says!r},"
                                f" not {spoken[control['name']]!r}")
    for readout in box.locator(".widget-readout").all():
        if readout.get_attribute("tabindex") != "-1" or readout.get_attribute("aria-hidden") != "true":
            problems.append(f"{at}: a number readout is a Tab stop of its own or read twice")
    if box.get_by_role("img", name=kernel["alt"], exact=True).count() != 1:
        alts = [img.get_attribute("alt") for img in box.locator("img").all()]
        problems.append(f"{at}: no image named {kernel['alt']!r} (the images' alt texts: {alts})")
    caption = box.locator(".smlearn-caption")
    if caption.count() != 1:
        problems.append(f"{at}: {caption.count()} captions")
    else:
        if (caption.get_attribute("aria-live"), caption.get_attribute("aria-atomic")) != ("polite", "true"):
            problems.append(f"{at}: the caption is not a polite, atomic live region"
                            f" (aria-live={caption.get_attribute('aria-live')!r}, aria-atomic={caption.get_attribute('aria-atomic')!r})")
        if kernel["description"] not in caption.text_content():
            problems.append(f"{at}: the caption does not say the explorer's description {kernel['description']!r}")
    return problems


def _check_every_explorer(driver, where: str, cells: list[dict]) -> None:
    displayed = _explorers_displayed(cells)
    driver.explorers(displayed)
    model_ids = [measured["model_id"] for measured in driver.measure()]
    assert len(model_ids) == displayed and all(model_ids), (
        f"{where}: {displayed} explorers displayed, {len(model_ids)} found on the page (model ids {model_ids})")
    if not displayed:
        return
    kernel = json.loads(ast.literal_eval(driver.kernel_execute(_KERNEL_NAMES, f"_smlearn_accessible_names({model_ids!r})")))
    assert set(kernel) == set(model_ids), f"{where}: the kernel knows explorers {sorted(kernel)}, the page shows {model_ids}"
    # The controls under "More settings" are hidden from everyone until it opens: open them all, then
    # put each back as the lesson left it (the size tests measure the lesson as it ran).
    opened = {model_id: True for model_id in model_ids}
    as_ran = {model_id: found["more_open"] for model_id, found in kernel.items() if found["more_open"] is not None}
    driver.kernel_execute(f"_smlearn_open_more({model_ids!r}, {opened!r})")
    try:
        problems = []
        for index, model_id in enumerate(model_ids):
            problems.extend(_names_problems(driver, where, index, model_id, kernel[model_id]))
    finally:
        driver.kernel_execute(f"_smlearn_open_more({list(as_ran)!r}, {as_ran!r})")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.parametrize("notebook", LESSONS, ids=[path.stem for path in LESSONS])
def test_every_explorer_is_found_by_its_names_in_jupyterlab(lab, notebook):
    _check_every_explorer(lab, f"{notebook.stem} in JupyterLab", lab.run_lesson(notebook.name))


@pytest.mark.parametrize("notebook", NOTEBOOK7_LESSONS, ids=[path.stem for path in NOTEBOOK7_LESSONS])
def test_every_explorer_is_found_by_its_names_in_notebook7(notebook7, notebook):
    _check_every_explorer(notebook7, f"{notebook.stem} in Notebook 7", notebook7.run_lesson(notebook.name))


# Lesson 02, more closely.

@pytest.fixture
def lesson(lab, notebook):
    lab.run_lesson(notebook.name)
    assert lab.explorers(1), f"{notebook.name}: no explorer on the page"
    kernel = ast.literal_eval(lab.kernel_execute(
        "", "(explorer.parts.frontend.alt, explorer.parts.frontend.controls, explorer.description, explorer.params,"
            " getattr(getattr(explorer, '_more_button', None), 'value', None))"))
    yield lab, {"alt": kernel[0], "controls": kernel[1], "description": kernel[2]}
    # Leave the lesson as it ran, for the other browser tests that look at it.
    lab.kernel_execute(f"explorer.update(**{kernel[3]!r})"
                       + (f"; explorer.parts.more_button.value = {kernel[4]!r}" if kernel[4] is not None else ""))


def _explorer_box(page, alt):
    return page.locator(".smlearn-explorer").filter(has=page.get_by_role("img", name=alt, exact=True)).first


@pytest.mark.parametrize("notebook", LESSON_02, ids=[path.stem for path in LESSON_02])
def test_the_image_has_alt_text_and_a_move_is_announced_once_by_the_same_caption(lesson):
    lab, kernel = lesson
    page = lab.page
    box = _explorer_box(page, kernel["alt"])
    image = box.get_by_role("img", name=kernel["alt"], exact=True)
    assert image.count() == 1
    caption = box.locator(".smlearn-caption")
    assert caption.get_attribute("aria-live") == "polite" and caption.get_attribute("aria-atomic") == "true"
    assert kernel["description"] in caption.inner_text()
    caption.evaluate("node => { node.__smlearnSameCaption = true; }")
    src = image.get_attribute("src")
    handle = box.get_by_role("slider", name=kernel["controls"][0]["label"], exact=True)
    handle.focus()
    handle.press("End")   # the largest value: a different finding
    page.wait_for_function("([img, src]) => img.src !== src", arg=[image.element_handle(), src], timeout=30_000)
    after = ast.literal_eval(lab.kernel_execute("", "(explorer.parts.frontend.alt, explorer.description)"))
    page.wait_for_function("([img, alt]) => img.alt === alt", arg=[image.element_handle(), after[0]], timeout=10_000)
    assert after[1] != kernel["description"], "End on the first slider changed nothing to announce"
    assert caption.evaluate("node => node.__smlearnSameCaption === true"), "the caption was replaced: not a live region any more"
    assert after[1] in caption.inner_text()


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
@pytest.mark.parametrize("notebook", LESSON_02, ids=[path.stem for path in LESSON_02])
def test_the_handle_track_and_focus_ring_stand_out_3_to_1(lesson, theme):
    lab, kernel = lesson
    page = lab.page
    box = _explorer_box(page, kernel["alt"])
    page.evaluate("(theme) => window.jupyterapp.commands.execute('apputils:change-theme', {theme})", theme)
    try:
        page.wait_for_function("(theme) => document.body.dataset.jpThemeName === theme", arg=theme, timeout=30_000)
        handle = box.locator(".widget-slider .noUi-target:not([disabled]) .noUi-handle").first
        handle.focus()
        handle.press("ArrowRight")   # a key, so the focus is keyboard focus and the ring shows
        handle.press("ArrowLeft")
        colours = handle.evaluate(_COLOURS)
        problems = []
        for part in ("fill", "border", "track", "ring"):
            ratio = _contrast(colours[part], colours["background"])
            if ratio < MIN_CONTRAST:
                problems.append(f"{theme}: the slider's {part} {colours[part]} on {colours['background']} is {ratio:.2f}:1")
        if colours["ring_style"] == "none" or colours["ring_width"] < 2:
            problems.append(f"{theme}: the focus ring is {colours['ring_width']} px {colours['ring_style']}")
        assert not problems, "\n".join(problems) + f"\n(measured: {colours})"
    finally:
        page.evaluate("() => window.jupyterapp.commands.execute('apputils:change-theme', {theme: 'JupyterLab Light'})")
