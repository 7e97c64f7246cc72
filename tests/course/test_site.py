"""The course site: every lesson gets a page, the course map comes from course.yml, links resolve.

The whole site is built here too (offline, about 10 s; nothing is executed), so a lesson
that does not render, a broken internal link or a missing page fails the test suite as
well as ``.ci/run``'s build step.
"""

from __future__ import annotations

import importlib.util
from html import escape
import os
from pathlib import Path

import pytest

from site_script import build_site
from smlearn.course import load_course
from smlearn.hub import nbgitpuller_link

REPO = Path(__file__).resolve().parents[2]

COURSE = load_course(REPO / "notebooks")


def test_the_course_map_lists_every_lesson_of_course_yml_with_its_launch_links():
    notes = {"02": "02_push_and_pull.md"}
    page = build_site.index_page(COURSE, "https://github.com/ME/smlearn", "main", "https://hub.example.edu", notes)
    for lesson in COURSE.lessons:
        stem = Path(lesson.file).stem
        assert f"(notebooks/{stem}.ipynb)" in page
        assert f"\nnotebooks/{stem}\n" in page, f"lesson {lesson.id} is not in the table of contents"
        assert build_site.binder_link("https://github.com/ME/smlearn", "main", lesson.file) in page
        assert nbgitpuller_link("https://hub.example.edu", "https://github.com/ME/smlearn", lesson=lesson.file) in page
    assert "(docs/instructors/02_push_and_pull.md)" in page
    for claim in COURSE.claims:
        assert " ".join(claim.claim.split()) in page


def test_launch_links_open_the_lesson_in_jupyterlab():
    assert build_site.binder_link("https://github.com/ME/smlearn.git", "dev", "03_x.ipynb") == (
        "https://mybinder.org/v2/gh/ME/smlearn/dev?urlpath=lab/tree/notebooks/03_x.ipynb"
    )
    assert build_site.binder_link("https://git.example.org/me/smlearn", "main", "03_x.ipynb").startswith(
        "https://mybinder.org/v2/git/https%3A%2F%2Fgit.example.org%2Fme%2Fsmlearn/main?"
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_link_check_finds_missing_pages_broken_links_and_anchors(tmp_path):
    notebooks, instructors, html = tmp_path / "nb", tmp_path / "instructors", tmp_path / "html"
    _write(notebooks / "01_a.ipynb", "{}")
    _write(notebooks / "02_b.ipynb", "{}")
    _write(instructors / "01_a.md", "")
    _write(html / "notebooks" / "01_a.html", '<h1 id="top">A</h1><a href="../index.html#map">home</a>')
    _write(html / "docs" / "instructors" / "01_a.html", '<a href="../../notebooks/01_a.html#top">lesson</a>')
    _write(html / "index.html", '<h2 id="map">Map</h2><a href="notebooks/01_a.html#nowhere">a</a>'
                                 '<img src="_images/gone.png" alt="A chart"><a href="https://example.org/x">out</a><a href="#">top</a>')
    _write(html / "_static" / "theme.html", '<a href="{{ pathto(x) }}">template</a>')
    problems = build_site.check_site(html, notebooks=notebooks, instructors=instructors)
    assert problems == [
        "no page for notebooks/02_b.html",
        "index.html: broken link notebooks/01_a.html#nowhere (no anchor 'nowhere' in 01_a.html)",
        "index.html: broken link _images/gone.png (no such file)",
    ]
    _write(html / "notebooks" / "02_b.html", "")
    _write(html / "_images" / "gone.png", "")
    _write(html / "index.html", '<h2 id="map">Map</h2><a href="notebooks/01_a.html#top">a</a>')
    assert build_site.check_site(html, notebooks=notebooks, instructors=instructors) == []


@pytest.mark.slow
def test_the_site_builds_offline_with_a_page_per_lesson_and_no_broken_link(tmp_path):
    if importlib.util.find_spec("myst_nb") is None or importlib.util.find_spec("sphinx_book_theme") is None:
        message = "the site needs the test extra (sphinx, myst-nb, sphinx-book-theme): pip install -e '.[test]'"
        if os.environ.get("CI"):
            pytest.fail(message)   # CI installs the test extra: a missing builder is a real failure there
        pytest.skip(message)
    status = build_site.main(["--out", str(tmp_path / "site")])
    assert status == 0, "the site build failed: see the warnings in the captured output"
    html = tmp_path / "site" / "html"
    for lesson in COURSE.lessons:
        page = (html / "notebooks" / f"{Path(lesson.file).stem}.html").read_text(encoding="utf-8")
        assert "cell_output" in page, f"lesson {lesson.id}'s page shows no outputs"
    # Every figure of a lesson carries its words: its alt text is the first sentence of the titles or
    # the explorer's description the notebook keeps, and an explorer's numbers are in its caption.
    import json

    for notebook in sorted((REPO / "notebooks").glob("[0-9]*.ipynb")):
        page = (html / "notebooks" / f"{notebook.stem}.html").read_text(encoding="utf-8")
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "image/png" not in data:
                    continue
                alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
                plain = "".join(data.get("text/plain", ""))
                words = alt or plain.split("\n", 1)[-1]
                first, rest = accessible_outputs.split_description(words)
                assert f'alt="{escape(first, quote=False).replace(chr(34), "&quot;")}"' in page, f"{notebook.name}: no image described as {first!r}"
                if rest and not alt:
                    assert escape(rest, quote=False) in page, f"{notebook.name}: the explorer's caption {rest[:60]!r} is missing"


def test_the_site_check_fails_on_an_image_whose_alt_text_is_missing_empty_a_file_name_or_a_path(tmp_path):
    html = tmp_path / "html"
    _write(html / "index.html", '<img src="a.png" alt="Pull overtakes push in week 10."><img src="a.png">'
                                 '<img src="a.png" alt=" "><img src="a.png" alt="9de1f57b.png">'
                                 '<img src="a.png" alt="../_images/9de1f57b">')
    _write(html / "a.png", "")
    problems = build_site.check_site(html, notebooks=tmp_path, instructors=tmp_path)
    assert problems == ["index.html: image a.png: it has no alt text (a screen reader cannot say what it shows)"] * 2 + [
        "index.html: image a.png: its alt text is a file name or path (a screen reader cannot say what it shows)"] * 2


_ext = importlib.util.spec_from_file_location("accessible_outputs", REPO / "site" / "_ext" / "accessible_outputs.py")
accessible_outputs = importlib.util.module_from_spec(_ext)
_ext.loader.exec_module(accessible_outputs)


def test_a_description_splits_after_its_first_sentence_not_inside_a_number():
    assert accessible_outputs.split_description("Bars of 0.45 and 1.5.\nPull wins; 71% after week 10. More.") == (
        "Bars of 0.45 and 1.5.", "Pull wins; 71% after week 10. More.")
    assert accessible_outputs.split_description("No full stop") == ("No full stop", "")


def _table_headers(html: str) -> list[str]:
    import re

    return re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", html, re.S)


@pytest.mark.parametrize("kind", ["range index", "named index", "unnamed labels", "multiindex", "named columns"])
def test_a_dataframe_shows_as_a_table_without_empty_header_cells_and_keeps_its_text(kind):
    import pandas as pd

    from smlearn.tables import frame_html

    frame = pd.DataFrame({"visits": [3, 4], "customers": [1, 2]})
    if kind == "named index":
        frame.index = pd.Index(["push", "pull"], name="channel")
    elif kind == "unnamed labels":
        frame.index = ["push", "pull"]
    elif kind == "multiindex":
        frame.index = pd.MultiIndex.from_tuples([("push", 1), ("pull", 1)], names=["channel", None])
    elif kind == "named columns":
        frame.index = pd.Index(["push", "pull"], name="channel")
        frame.columns.name = "measure"
    text = repr(frame)
    html = frame_html(frame)
    headers = _table_headers(html)
    assert all(h.replace("&nbsp;", "").strip() for h in headers), f"an empty header cell in {headers}"
    assert {"visits", "customers"} <= set(headers)
    if kind in ("named index", "multiindex"):
        assert headers[0] == "channel" and "push" in headers   # the corner names the row labels
    if kind == "range index":
        assert "0" not in headers and "<td>3</td>" in html      # row numbers hidden, values kept
    else:
        assert "push" in headers
    assert repr(frame) == text


def test_the_notebook_shows_dataframes_and_styled_tables_through_the_fix_and_keeps_plain_text():
    import pandas as pd
    from IPython.core.interactiveshell import InteractiveShell

    from smlearn.tables import keep_tables_readable

    shell = InteractiveShell.instance()
    assert keep_tables_readable(shell)
    frame = pd.DataFrame({"a": [1.0, 2.0]}, index=pd.Index(["x", "y"], name="who"))
    bundle, _ = shell.display_formatter.format(frame)
    assert "<th>who</th>" in bundle["text/html"] and "<th></th>" not in bundle["text/html"]
    assert bundle["text/plain"] == repr(frame)
    bundle, _ = shell.display_formatter.format(frame.style)
    assert all(h.replace("&nbsp;", "").strip() for h in _table_headers(bundle["text/html"]))
    bundle, _ = shell.display_formatter.format(pd.DataFrame())
    assert "<th></th>" not in bundle["text/html"]
