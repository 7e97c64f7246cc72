"""The explorers' layout, without a browser: controls that flow and wrap, the front-end piece, a figure fitted to the page.

The browser tests (tests/browser/) measure the same in JupyterLab and Notebook 7.
"""

import html
import io
import re
import sys
import zipfile
from pathlib import Path

import ipywidgets
import pytest
from PIL import Image

from smlearn import widgets
from smlearn.plots.render import CSS_DPI
from smlearn.widgets.base import MAIN_SHOWN, MAX_SHOWN, _first_sentence   # alt text's rule, tested on purpose
from smlearn.widgets.frontend import (CAPTION_CLASS, CONTROL_CLASS, EXPLORER_CLASS, FRONTEND_CSS, FRONTEND_JS,
                                      ExplorerFrontend)

pytestmark = pytest.mark.slow   # every explorer's figure drawn at several widths

REPO = Path(__file__).resolve().parents[2]
EXPLORERS = ["PushPullExplorer", "PipelineExplorer", "NetworkExplorer", "SpreadExplorer", "FrontPageExplorer",
             "MusicLabExplorer", "LinkExplorer", "WeekExplorer", "ReturnsExplorer"]


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


@pytest.fixture(scope="module", params=EXPLORERS)
def explorer(request):
    return getattr(widgets, request.param)()


def test_controls_flow_into_as_many_columns_as_fit(explorer):
    grids = [w for w in walk(explorer.widget) if isinstance(w, ipywidgets.GridBox)]
    assert grids
    for grid in grids:
        assert grid.layout.grid_template_columns.startswith("repeat(auto-fill, minmax(")
        assert "smlearn-grid" in grid._dom_classes


def test_no_fixed_label_width_and_every_label_keeps_its_unit(explorer):
    _ = explorer.widget
    for name, control in explorer.controls.items():
        assert not control.style.description_width, "a fixed label width cuts long labels"
        param = explorer.PARAMS[name]
        if getattr(param, "unit", ""):
            assert control.description.endswith(f"({param.unit})")
        assert control.description.startswith(param.label)


def test_the_front_end_piece_sits_in_every_explorer(explorer):
    box = explorer.widget
    assert EXPLORER_CLASS in box._dom_classes
    pieces = [w for w in walk(box) if isinstance(w, ExplorerFrontend)]
    assert len(pieces) == 1
    figure_columns = [w for w in walk(box) if "smlearn-figure" in getattr(w, "_dom_classes", ())]
    assert len(figure_columns) == 1 and explorer.parts.image in figure_columns[0].children


def test_many_controls_put_the_rest_under_more_settings(explorer):
    _ = explorer.widget
    shown = explorer.main_controls
    if len(explorer.CONTROLS) <= MAX_SHOWN:
        assert shown == explorer.CONTROLS and explorer.parts.more_button is None
        return
    assert len(shown) == (MAIN_SHOWN if explorer.MAIN_CONTROLS is None else len(explorer.MAIN_CONTROLS))
    button, more = explorer.parts.more_button, explorer.parts.more
    assert isinstance(button, ipywidgets.ToggleButton)   # a <button>: Tab, Enter and Space work
    assert more.layout.display == "none" and button.description.startswith("More settings")
    button.value = True
    assert more.layout.display is None and button.description.startswith("Fewer settings")
    button.value = False


@pytest.mark.parametrize("name, control", [("PushPullExplorer", "content_half_life"), ("PipelineExplorer", "tie_half_life"),
                                           ("SpreadExplorer", "step"), ("SpreadExplorer", "gamma")])
def test_the_controls_a_lesson_asks_for_are_shown_at_first(name, control):
    assert control in getattr(widgets, name)().main_controls


def test_a_lesson_setting_a_hidden_control_opens_more_settings():
    explorer = widgets.PushPullExplorer(lead_rate_push=0.04)   # as lesson 02b does
    _ = explorer.widget
    assert "lead_rate_push" not in explorer.main_controls and explorer.parts.more_button.value


def test_the_script_and_stylesheet_are_the_ones_that_keep_keys_and_wrap_labels():
    script, style = FRONTEND_JS.read_text(), FRONTEND_CSS.read_text()
    assert "stopPropagation" in script and "ArrowRight" in script and "ResizeObserver" in script
    assert "white-space: normal" in style and "text-overflow: clip" in style
    assert ExplorerFrontend()._esm == script


def test_the_saved_png_keeps_the_default_size():
    explorer = widgets.PushPullExplorer()
    bundle, _ = explorer._repr_mimebundle_()
    import base64

    image = Image.open(io.BytesIO(base64.b64decode(bundle["image/png"])))
    assert image.size == (900, 360)
    assert explorer.parts.image.value == explorer.png()


@pytest.mark.parametrize("width, font_px", [(880, 14), (620, 13), (400, 14)])
def test_a_width_report_redraws_the_figure_at_that_width_with_text_as_large_as_the_notebooks(width, font_px):
    from matplotlib.text import Text

    explorer = widgets.PipelineExplorer()
    page = explorer.widget.children[-1]
    before = explorer.parts.image.value
    page.set_state({"width": width, "pixel_ratio": 2.0, "view_height": 768, "font_px": font_px})
    assert explorer.parts.errors.value == ""
    image = Image.open(io.BytesIO(explorer.parts.image.value))
    assert explorer.parts.image.value != before
    assert image.size[0] == pytest.approx(2 * width, abs=2)          # sharp at a pixel ratio of 2
    assert explorer.parts.image.layout.max_width == f"{width}px"
    shown_scale = width / image.size[0]                               # CSS px per image pixel
    for text in explorer.figure.findobj(Text):
        if text.get_visible() and text.get_text():
            css_px = text.get_fontsize() * explorer.figure.dpi / 72 * shown_scale
            assert css_px >= font_px - 0.01, (text.get_text(), css_px)
    explorer.update(reply_hours=3)                                    # a slider move keeps the size
    assert Image.open(io.BytesIO(explorer.parts.image.value)).size == image.size


def test_a_too_narrow_figure_falls_back_to_the_design_scaled_to_the_width():
    explorer = widgets.WeekExplorer()    # a map with its colorbar and legend: too wide for 300 px at the notebook's size
    explorer.fit_to_page(300, font_px=14)
    assert explorer.figure_fit.fallback
    assert explorer.figure.get_size_inches().tolist() == [9.0, 3.6]
    assert Image.open(io.BytesIO(explorer.png())).size[0] == pytest.approx(300, abs=2)
    assert not explorer.figure_fit.cut_text(explorer.figure.canvas.get_renderer())   # as drawn: the design, scaled


@pytest.mark.parametrize("name", ["PushPullExplorer", "NetworkExplorer", "FrontPageExplorer", "SpreadExplorer"])
def test_at_the_width_of_a_small_laptop_the_text_fits_at_the_notebooks_size(name):
    explorer = getattr(widgets, name)()
    explorer.fit_to_page(592, font_px=14)     # 1024 px with the file browser open, or 150 % zoom
    assert not explorer.figure_fit.fallback
    assert not explorer.figure_fit.cut_text(explorer.figure.canvas.get_renderer())


def _drawn_texts(figure):
    """The texts a PNG of ``figure`` shows: visible, not empty, tick labels only of ticks within the limits."""
    from matplotlib.text import Text

    undrawn = set()
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 * abs(high - low) <= tick.get_loc() <= high + 1e-9 * abs(high - low):
                    undrawn.update((id(tick.label1), id(tick.label2)))
    return [text for text in figure.findobj(Text) if text.get_visible() and text.get_text().strip()
            and id(text) not in undrawn and (text.axes is None or text.axes.get_visible())]


# 592 px: a 1024 px window with the file browser open; 700 and 760 px: a 1366 x 768 screen at 150 %
# zoom (512 CSS px high, 1.5 device px per CSS px), with and without the file browser.
@pytest.mark.parametrize("pixel_ratio, view_height", [(1.0, 700), (1.5, 512)])
@pytest.mark.parametrize("width", [592, 700, 760, 911])
@pytest.mark.parametrize("name", ["WeekExplorer", "FrontPageExplorer"])   # lessons 07 and 05
def test_every_text_is_the_notebooks_size_and_inside_the_figure(name, width, pixel_ratio, view_height):
    explorer = getattr(widgets, name)()
    _ = explorer.widget
    explorer.fit_to_page(width, font_px=14, pixel_ratio=pixel_ratio, view_height_px=view_height)
    assert not explorer.figure_fit.fallback
    image = Image.open(io.BytesIO(explorer.parts.image.value))          # as drawn, at the size the page shows
    figure = explorer.figure
    assert image.size[0] == pytest.approx(width * pixel_ratio, abs=2)
    renderer = figure.canvas.get_renderer()
    css_px_per_point = figure.dpi / 72 / pixel_ratio
    for text in _drawn_texts(figure):
        assert text.get_fontsize() * css_px_per_point >= 14 - 0.01, (text.get_text(), text.get_fontsize())
        box = text.get_window_extent(renderer)
        outside = max(-box.x0, box.x1 - image.size[0], -box.y0, box.y1 - image.size[1])
        assert outside <= 2, (text.get_text(), outside)               # 2 px: a glyph's anti-aliased edge


def test_a_label_past_the_top_or_bottom_counts_as_cut():
    from smlearn.plots.render import FigureFit
    from smlearn.plots.style import new_figure

    fig, (ax,) = new_figure()
    ax.set_ylabel("A long label, longer than this short figure is tall, by a long way")
    fit = FigureFit(fig)
    fig.set_size_inches(9, 1.2)
    fit.set_fonts(14 * 72 / CSS_DPI)
    fig.draw_without_rendering()
    assert fit.cut_text(fig.canvas.get_renderer())


def test_a_colorbar_follows_its_panel_when_the_panels_stack():
    explorer = widgets.WeekExplorer()    # a map with a colorbar beside it
    explorer.fit_to_page(592, font_px=14)
    assert not explorer.figure_fit.fallback
    time_ax, map_ax, colorbar_ax = explorer.figure.axes
    assert {time_ax.get_subplotspec().colspan.start, map_ax.get_subplotspec().colspan.start} == {0}
    top, bar = map_ax.get_position(), colorbar_ax.get_position()
    assert bar.x0 > top.x1 and top.y0 <= (bar.y0 + bar.y1) / 2 <= top.y1    # still beside the map


def test_side_by_side_panels_stack_on_a_narrow_page():
    explorer = widgets.MusicLabExplorer()
    explorer.fit_to_page(400, font_px=14)
    assert not explorer.figure_fit.fallback
    columns = {ax.get_subplotspec().colspan.start for ax in explorer.figure.axes if ax.get_subplotspec()}
    assert columns == {0}
    assert explorer.figure.get_size_inches()[0] == pytest.approx(400 / CSS_DPI)


@pytest.mark.parametrize("bad, message", [(-5, "width_px"), ("wide", "width_px")])
def test_fit_to_page_names_a_bad_width(bad, message):
    with pytest.raises((TypeError, ValueError), match=message):
        widgets.NetworkExplorer(n=50).fit_to_page(bad)


def test_the_wheel_ships_the_script_and_stylesheet(tmp_path):
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
                   cwd=REPO, check=True, capture_output=True)
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "smlearn/widgets/frontend.js" in names and "smlearn/widgets/frontend.css" in names


# Accessibility (issue 18): what Python sends the page so a screen reader can name, describe and announce.
def test_every_control_is_found_and_named_by_the_page(explorer):
    box = explorer.widget
    piece = next(w for w in walk(box) if isinstance(w, ExplorerFrontend))
    sent = {control["name"]: control for control in piece.controls}
    assert list(sent) == list(explorer.CONTROLS)
    for name, control in explorer.controls.items():
        assert CONTROL_CLASS + name in control._dom_classes
        assert sent[name]["label"] == control.description   # the name a screen reader says is the visible label
        assert sent[name]["help"] == control.tooltip and sent[name]["help"], f"{name}: no help text"
        unit = getattr(explorer.PARAMS[name], "unit", "") or ""
        assert sent[name]["unit"] == unit


def test_the_caption_is_marked_for_the_live_region_and_the_alt_text_follows_each_update():
    explorer = widgets.PushPullExplorer()
    box = explorer.widget
    assert CAPTION_CLASS in explorer.parts.caption._dom_classes
    assert explorer.parts.frontend.alt == _first_sentence(explorer.description)
    assert explorer.parts.frontend.alt.startswith("Line chart of ") and explorer.parts.frontend.alt.endswith(".")
    before = explorer.description
    explorer.update(push_hours=explorer.PARAMS["push_hours"].max)
    explorer.controls["network_size"].value = explorer.PARAMS["network_size"].min   # what a slider move does
    assert explorer.description != before
    assert explorer.parts.frontend.alt == _first_sentence(explorer.description)
    assert html.escape(explorer.description) in explorer.parts.caption.value
    assert box is explorer.widget


def test_the_float_readout_decimals_reach_the_spoken_value():
    explorer = widgets.PushPullExplorer()
    _ = explorer.widget
    sent = {control["name"]: control for control in explorer.parts.frontend.controls}
    for name, control in explorer.controls.items():
        if isinstance(control, ipywidgets.FloatSlider):
            assert control.readout_format == f".{sent[name]['decimals']}f"
        else:
            assert sent[name]["decimals"] == 0


def test_a_greyed_out_controls_help_says_why():
    explorer = widgets.PipelineExplorer()
    _ = explorer.widget
    explorer.update(message_hours=0)
    sent = {control["name"]: control for control in explorer.parts.frontend.controls}
    assert sent["annoyance"]["help"].startswith("Not used now: ")
    explorer.update(message_hours=explorer.PARAMS["message_hours"].default or 1)
    sent = {control["name"]: control for control in explorer.parts.frontend.controls}
    assert not sent["annoyance"]["help"].startswith("Not used now")


# Contrast of the explorer's slider against the page, from frontend.css resolved with JupyterLab's
# own theme files (the installed light and dark themes), as WCAG 2.1 computes it.
def _css_rules(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    rules = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        declarations = dict((k.strip(), v.strip()) for k, _, v in
                            (d.partition(":") for d in body.split(";") if ":" in d))
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    return rules


def _theme_variables(theme):
    import jupyterlab
    roots = [Path(sys.prefix) / "share" / "jupyter" / "lab" / "themes",
             Path(jupyterlab.__file__).parent / "themes"]
    css = next(root / "@jupyterlab" / f"theme-{theme}-extension" / "index.css" for root in roots
               if (root / "@jupyterlab" / f"theme-{theme}-extension" / "index.css").exists())
    return dict(re.findall(r"(--jp-[\w-]+):\s*([^;]+);", css.read_text()))


def _resolve(value, variables):
    # var(--name, fallback): the theme's value, else the fallback; then a colour word or hex.
    for _ in range(5):
        match = re.search(r"var\((--[\w-]+)(?:,\s*([^()]+))?\)", value)
        if not match:
            break
        value = value.replace(match.group(0), variables.get(match.group(1), (match.group(2) or "").strip()))
    value = value.split()[-1] if value.startswith(("1px", "2px", "3px")) else value.strip()   # a border's colour
    return {"white": "#fff", "black": "#000"}.get(value, value)


def _luminance(colour):
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    light, dark = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_of_the_wcag_example():
    assert contrast("#fff", "#000") == pytest.approx(21)
    assert contrast("#ffffff", "#d9d9d9") == pytest.approx(1.4, abs=0.05)   # ipywidgets' handle border (issue 18)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_slider_handle_track_and_focus_ring_stand_out_3_to_1(theme):
    variables = _theme_variables(theme)
    rules = _css_rules(FRONTEND_CSS.read_text())
    handle = rules[".smlearn-explorer .widget-slider .noUi-handle"]
    parts = {
        "handle fill": _resolve(handle["background"], variables),
        "handle border": _resolve(handle["border"], variables),
        "track": _resolve(rules[".smlearn-explorer .widget-slider .noUi-connects"]["background"], variables),
        "filled track": _resolve(rules[".smlearn-explorer .widget-slider .noUi-connect"]["background"], variables),
        "focus ring": _resolve(rules[".smlearn-explorer .widget-slider .noUi-handle:focus-visible"]["outline"],
                               variables),
    }
    for background_name in ("--jp-layout-color0", "--jp-layout-color1"):   # the notebook's and a cell's background
        background = _resolve(f"var({background_name})", variables)
        for part, colour in parts.items():
            assert re.fullmatch(r"#[0-9a-fA-F]{3,6}", colour), f"{theme}: {part} resolved to {colour!r}"
            ratio = contrast(colour, background)
            assert ratio >= 3, f"{theme} theme: the {part} {colour} on {background} is {ratio:.2f}:1 (under 3:1)"
