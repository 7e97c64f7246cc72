"""Sphinx extension: the lessons' figures and tables on the site as a screen reader needs them.

myst-nb writes each saved PNG output as ``<img alt="../_images/<sha256>.png">``: the file's path,
which a screen reader reads out instead of what the figure shows. The notebooks carry the words:

- a matplotlib figure keeps its titles in the output's metadata, ``{"image/png": {"alt": ...}}``
  (smlearn.plots.figure_text);
- an explorer's PNG comes with its ``text/plain``: ``Explorer(settings)`` on the first line, then
  its description (the caption the explorer shows under its figure in JupyterLab).

After a lesson is read, each image of a cell output gets, found by its file name (myst-nb names it
by the SHA-256 of the PNG's bytes):

- as ``alt``, the description's first sentence (what the figure is);
- an explorer: the rest of its description as the figure's visible caption (``<figcaption>``), the
  numbers a learner reads off the caption in JupyterLab;
- a figure whose text is longer than that sentence: the whole text in a ``<details>`` under it.

Tables from saved outputs lose their empty header cells (smlearn.tables.no_empty_headers).
"""

from __future__ import annotations

import hashlib
import json
import re
from binascii import a2b_base64
from html import escape
from pathlib import Path

from docutils import nodes

# The end of a sentence: . ! or ? then a space (not the point inside 0.45).
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def split_description(text: str) -> tuple[str, str]:
    """``(first sentence, the rest)`` of a description, each on one line."""
    text = " ".join(text.split())
    match = _SENTENCE_END.search(text)
    if match is None:
        return text, ""
    return text[:match.end()], text[match.end():].strip()


def _words_by_image(notebook: Path) -> dict[str, tuple[str, str]]:
    """SHA-256 of each PNG output -> ("figure" or "explorer", its words)."""
    found = {}
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    for cell in cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" not in data:
                continue
            png = data["image/png"]
            digest = hashlib.sha256(a2b_base64("".join(png) if isinstance(png, list) else png)).hexdigest()
            plain = "".join(data.get("text/plain", ""))
            alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
            if alt.strip():
                found[digest] = ("figure", alt)
            elif "\n" in plain and not plain.startswith("<"):
                found[digest] = ("explorer", plain.split("\n", 1)[1])
    return found


def _is_output(node) -> bool:
    while node is not None:
        if isinstance(node, nodes.container) and node.get("nb_element", "").startswith("cell_code_output"):
            return True
        node = node.parent
    return False


def describe_images(app, doctree) -> None:
    source = Path(app.env.doc2path(app.env.docname))
    if source.suffix != ".ipynb":
        return
    words = _words_by_image(source)
    from smlearn.tables import no_empty_headers

    for raw in list(doctree.findall(nodes.raw)):
        if _is_output(raw) and "<th" in raw.astext():
            raw.replace_self(nodes.raw("", no_empty_headers(raw.astext()), format=raw.get("format", "html")))
    for image in list(doctree.findall(nodes.image)):
        digest = Path(image.get("uri", "")).stem
        if digest not in words:
            continue
        kind, text = words[digest]
        alt, rest = split_description(text)
        image["alt"] = alt
        if not rest:
            continue
        if kind == "explorer":
            figure = nodes.figure("", image.deepcopy(), nodes.caption("", rest))
            figure["classes"].append("smlearn-explorer")
            image.replace_self(figure)
            doctree.set_id(figure)   # Sphinx links a captioned figure by its id
        else:
            details = (f'<details class="smlearn-figure-text"><summary>The figure in words</summary>'
                       f"<p>{escape(' '.join(text.split()))}</p></details>")
            image.parent.insert(image.parent.index(image) + 1, nodes.raw("", details, format="html"))


def setup(app):
    app.connect("doctree-read", describe_images)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
