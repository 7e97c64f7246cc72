"""Lesson 02's explorer as a screen reader and a low-vision learner meet it, in JupyterLab (issue 18).

Through Playwright's accessibility queries (the names Chromium computes, as a screen reader gets
them): every slider is found by its visible label, with its unit in the spoken value and its
parameter's meaning as its description; the number readouts are out of the Tab order; the explorer's
image is found by its description; the caption is a polite, atomic live region that stays the same
element when a key press brings a new finding, and the image's alt text follows the new image.
Then the colours Chromium computes for a slider's handle, track and focus ring, against the
notebook's background, in JupyterLab's light and dark themes: 3:1 or more (WCAG 1.4.11).
"""

from __future__ import annotations

import ast
import re

import pytest

LESSON = "02_push_and_pull.ipynb"
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


@pytest.fixture(scope="module")
def lesson(lab):
    lab.run_lesson(LESSON)
    assert lab.explorers(1), f"{LESSON}: no explorer on the page"
    kernel = ast.literal_eval(lab.kernel_execute(
        "", "(explorer._frontend.alt, explorer._frontend.controls, explorer.description, explorer.params,"
            " getattr(getattr(explorer, '_more_button', None), 'value', None))"))
    yield lab, {"alt": kernel[0], "controls": kernel[1], "description": kernel[2]}
    # Leave the lesson as it ran, for the other browser tests that look at it.
    lab.kernel_execute(f"explorer.update(**{kernel[3]!r})"
                       + (f"; explorer._more_button.value = {kernel[4]!r}" if kernel[4] is not None else ""))


def _explorer_box(page, alt):
    return page.locator(".smlearn-explorer").filter(has=page.get_by_role("img", name=alt, exact=True)).first


def test_every_control_is_named_by_its_label_and_described_by_its_meaning(lesson):
    from playwright.sync_api import expect

    lab, kernel = lesson
    page = lab.page
    box = _explorer_box(page, kernel["alt"])
    # The controls under "More settings" are hidden from everyone until it opens.
    lab.kernel_execute("if hasattr(explorer, '_more_button'): explorer._more_button.value = True")
    for control in kernel["controls"]:
        found = box.get_by_role("slider", name=control["label"], exact=True).or_(
            box.get_by_role("combobox", name=control["label"], exact=True))
        expect(found, f"no slider or drop-down named {control['label']!r}").to_have_count(1)
        expect(found).to_have_accessible_description(control["help"])
        if control["unit"] and found.get_attribute("role") == "slider":
            readout = box.locator(f".smlearn-control-{control['name']} .widget-readout").inner_text().strip()
            assert found.get_attribute("aria-valuetext") == f"{readout} {control['unit']}", (
                f"{control['label']}: the spoken value {found.get_attribute('aria-valuetext')!r} lacks the unit")
    readouts = box.locator(".widget-readout")
    assert readouts.count() >= len([c for c in kernel["controls"] if c["unit"]]) - 1
    for readout in readouts.all():
        assert readout.get_attribute("tabindex") == "-1" and readout.get_attribute("aria-hidden") == "true"


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
    after = ast.literal_eval(lab.kernel_execute("", "(explorer._frontend.alt, explorer.description)"))
    page.wait_for_function("([img, alt]) => img.alt === alt", arg=[image.element_handle(), after[0]], timeout=10_000)
    assert after[1] != kernel["description"], "End on the first slider changed nothing to announce"
    assert caption.evaluate("node => node.__smlearnSameCaption === true"), "the caption was replaced: not a live region any more"
    assert after[1] in caption.inner_text()


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
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
