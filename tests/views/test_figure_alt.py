"""A figure's words where every reader finds them (issue 18): its titles as the alt text of its picture.

smlearn.plots.figure_text.keep_figure_text makes each matplotlib figure a notebook shows carry its
titles twice: in the PNG output's metadata (for the course site and the tests) and as the ``alt`` of
an HTML copy of the picture, which JupyterLab and Notebook 7 show instead of the PNG (they give a PNG
output's ``<img>`` no alt). The browser test (tests/browser/test_figure_alt_in_browser.py) checks that a screen
reader finds each figure by its words in both front ends; these tests check the outputs themselves.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest

from smlearn.pacing import lesson_files
from smlearn.plots.figure_text import figure_text, keep_figure_text, picture_html

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LESSONS = lesson_files(NOTEBOOKS)


class _Images(HTMLParser):
    """Every <img> of an HTML text, as its attributes (entities decoded, as a browser reads them)."""

    def __init__(self, html: str):
        super().__init__()
        self.images = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def _only_image(html: str) -> dict:
    images = _Images(html).images
    assert len(images) == 1, f"expected one <img>, found {len(images)} in {html[:200]!r}"
    return images[0]


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else value


@pytest.fixture()
def shell():
    """IPython's shell with figures shown as %matplotlib inline shows them, and their words kept."""
    from IPython.core.interactiveshell import InteractiveShell
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    from matplotlib.figure import Figure

    shell = InteractiveShell.instance()
    backend = matplotlib.get_backend()
    shell.display_formatter.mimebundle_formatter.pop(Figure, None)
    set_matplotlib_formats("png")   # the inline backend's formatter, registered afresh for each test
    assert keep_figure_text(shell)
    yield shell
    shell.display_formatter.mimebundle_formatter.pop(Figure, None)   # the next test starts from IPython's own
    set_matplotlib_formats("png")
    matplotlib.use(backend)
    plt.close("all")


def _titled_figure(title='Pull overtakes push in week 10 & "pull" wins'):
    figure, (left, right) = plt.subplots(ncols=2)
    left.plot([1, 2, 3])
    right.plot([3, 2, 1])
    figure.suptitle(title)
    left.set_title("Visits a week")
    return figure


def test_a_figure_shows_as_a_picture_whose_alt_is_its_titles_beside_the_png_and_its_text(shell):
    figure = _titled_figure()
    bundle, metadata = shell.display_formatter.format(figure)
    assert {"text/plain", "image/png", "text/html"} <= set(bundle)
    words = figure_text(figure)
    assert metadata["image/png"]["alt"] == words        # what the site and the tests read
    image = _only_image(bundle["text/html"])
    assert image["alt"] == words                         # what JupyterLab puts on the page
    assert image["src"] == "data:image/png;base64," + bundle["image/png"]   # the same picture, not a redraw
    assert "width" not in image and "height" not in image   # a plain PNG shows at its own size, as in JupyterLab


@pytest.mark.slow
def test_the_figure_is_drawn_once_for_the_png_and_its_html_copy(shell, monkeypatch):
    from matplotlib.backend_bases import FigureCanvasBase

    drawn = []
    original = FigureCanvasBase.print_figure

    def counted(self, *args, **kwargs):
        drawn.append(self.figure)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(FigureCanvasBase, "print_figure", counted)
    figure = _titled_figure()
    shell.display_formatter.format(figure)
    assert drawn == [figure]
    figure.axes[0].set_title("Customers won so far")   # changed and shown again: drawn again, with the new words
    bundle, metadata = shell.display_formatter.format(figure)
    assert len(drawn) == 2
    assert _only_image(bundle["text/html"])["alt"] == metadata["image/png"]["alt"] == figure_text(figure)
    assert "Customers won so far" in figure_text(figure)


@pytest.mark.slow
def test_a_png_asked_for_alone_is_drawn_afresh_not_taken_from_an_earlier_html_copy(shell):
    figure = _titled_figure()
    shell.display_formatter.format(figure, include={"text/html"})
    figure.axes[0].set_title("Another title")
    bundle, metadata = shell.display_formatter.format(figure, include={"image/png"})
    assert metadata["image/png"]["alt"] == figure_text(figure)
    assert "Another title" in metadata["image/png"]["alt"]


def test_a_retina_figure_keeps_its_display_size_in_the_html_copy(shell):
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("retina")
    assert keep_figure_text(shell)
    figure = _titled_figure()
    bundle, metadata = shell.display_formatter.format(figure)
    size = metadata["image/png"]
    assert size["width"] > 0 and size["height"] > 0   # IPython gives a retina PNG its display size
    image = _only_image(bundle["text/html"])
    assert (int(image["width"]), int(image["height"])) == (size["width"], size["height"])
    assert image["alt"] == figure_text(figure)


def test_a_transparent_figure_asks_for_the_background_jupyterlab_gives_its_png():
    from matplotlib_inline.backend_inline import _fetch_figure_metadata

    figure = _titled_figure()
    figure.patch.set_alpha(0)
    needs = _fetch_figure_metadata(figure)["needs_background"]   # what matplotlib-inline tells JupyterLab
    html = picture_html(b"\x89PNG", {"alt": figure_text(figure)}, needs)
    assert _only_image(html)["class"] == f"jp-needs-{needs}-background"
    # JupyterLab's CSS for that class applies inside a jp-RenderedImage block, as around its own images.
    assert html.startswith('<div class="jp-RenderedImage">')
    plt.close(figure)


def test_a_figure_without_titles_has_no_html_copy_it_would_have_nothing_to_say(shell):
    figure, axes = plt.subplots()
    axes.plot([1, 2])
    bundle, metadata = shell.display_formatter.format(figure)
    assert "image/png" in bundle and "text/html" not in bundle
    assert metadata["image/png"]["alt"] == ""


def test_with_svg_chosen_instead_of_png_a_figure_gets_no_html_copy(shell):
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("svg")
    bundle, _ = shell.display_formatter.format(_titled_figure())
    assert "image/svg+xml" in bundle and "text/html" not in bundle and "image/png" not in bundle


def test_keep_figure_text_twice_keeps_one_formatter(shell):
    from matplotlib.figure import Figure

    bundles = shell.display_formatter.mimebundle_formatter
    first = bundles.lookup_by_type(Figure)
    assert keep_figure_text(shell)
    assert bundles.lookup_by_type(Figure) is first


@pytest.mark.parametrize("bad, message", [
    (dict(png=None, metadata={"alt": "A."}), "png must be"),
    (dict(png=b"\x89PNG", metadata={}), "metadata must"),
    (dict(png=b"\x89PNG", metadata={"alt": "  "}), "metadata must"),
    (dict(png=b"\x89PNG", metadata={"alt": "A."}, needs_background="grey"), "needs_background must"),
])
def test_picture_html_refuses_what_it_cannot_describe(bad, message):
    with pytest.raises((TypeError, ValueError), match=message):
        picture_html(**bad)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_saved_figure_with_words_has_its_html_copy_with_the_same_picture_and_alt(path):
    """The committed notebooks, as a learner opens them in JupyterLab before running anything."""
    figures = 0
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
            if "image/png" not in data or not alt.strip():
                continue
            figures += 1
            where = f"{path.name}: the figure of {_joined(cell['source'])[:60]!r}"
            assert "text/html" in data, f"{where} has no HTML copy (JupyterLab would show it without alt text)"
            image = _only_image(_joined(data["text/html"]))
            assert image["alt"] == alt, f"{where}: its HTML copy says {image['alt']!r}, its metadata {alt!r}"
            png = "".join(_joined(data["image/png"]).split())
            assert image["src"] == "data:image/png;base64," + png, f"{where}: its HTML copy is another picture"
            text = _joined(data["text/plain"])   # a matplotlib figure's, or an explorer's saved picture
            assert text.startswith("<Figure") or text.split("(")[0].endswith("Explorer"), f"{where}: {text[:60]!r}"
    if path.name.startswith("02_"):
        assert figures, "lesson 02 shows figures with titles: none found, so this test checks nothing"


@pytest.mark.slow
def test_the_site_shows_a_figure_as_its_png_not_its_html_copy():
    """site/conf.py puts image/png before text/html, so accessible_outputs describes and captions it."""
    import importlib.util

    from myst_nb.core.render import base_render_priority

    spec = importlib.util.spec_from_file_location("site_conf", NOTEBOOKS.parent / "site" / "conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    priority = dict(base_render_priority()["html"])
    for builder, mime, rank in conf.nb_mime_priority_overrides:
        if builder == "html":
            priority[mime] = rank
    order = sorted((rank, mime) for mime, rank in priority.items() if rank is not None)
    shown = [mime for _, mime in order]
    assert shown.index("image/png") < shown.index("text/html")
    assert shown.index("text/html") < shown.index("text/plain")   # tables still show as HTML
