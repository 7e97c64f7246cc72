"""The explorer's small front-end piece: keys stay with the controls, and the page says how wide it is.

Every explorer's box holds one :class:`ExplorerFrontend`, a zero-size anywidget whose
JavaScript (``frontend.js``, shipped in the package; anywidget's own JupyterLab and
Notebook 7 extension loads it, so ``pip install`` is all it takes) finds the box it
sits in (by the CSS class :data:`EXPLORER_CLASS`) and

- keeps navigation keys (arrows, Home, End, PageUp, PageDown) pressed on a slider, a
  readout or a drop-down from the notebook's shortcuts: Notebook 7 matches them in the
  capture phase, before the slider, and jumps to the next heading. A window-level capture
  listener marks the focused control with Lumino's ``data-lm-suppress-shortcuts`` for
  that one key, and the explorer stops the key's bubbling;
- reports the explorer's width in CSS pixels (a ResizeObserver, debounced), the
  device pixel ratio, the window's height and the notebook's font size, so the explorer
  can redraw its figure to fit (on a change of width only, never per slider move).

Its stylesheet (``frontend.css``) lets labels wrap above their sliders instead of being
cut with an ellipsis, and keeps a track and its readout from shrinking to nothing.

Examples
--------
>>> piece = ExplorerFrontend()
>>> piece.width, piece.pixel_ratio
(0, 1.0)
>>> "keydown" in FRONTEND_JS.read_text() and FRONTEND_CSS.exists()
True
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

__all__ = ["HERE", "FRONTEND_JS", "FRONTEND_CSS", "EXPLORER_CLASS", "CAPTION_CLASS", "CONTROL_CLASS",
           "ExplorerFrontend"]

HERE = Path(__file__).resolve().parent
FRONTEND_JS = HERE / "frontend.js"
FRONTEND_CSS = HERE / "frontend.css"
EXPLORER_CLASS = "smlearn-explorer"   # the explorer's outer box: the script and the stylesheet look for it
CAPTION_CLASS = "smlearn-caption"     # the caption under the figure: the script makes it a polite live region
CONTROL_CLASS = "smlearn-control-"    # + a parameter's name, on its slider or drop-down: the script names it


class ExplorerFrontend(anywidget.AnyWidget):
    """Zero-size helper inside an explorer's box; see the module's docstring.

    The page sets ``width``, ``pixel_ratio``, ``view_height`` and ``font_px``; Python only reads them.
    """

    _esm = FRONTEND_JS.read_text(encoding="utf-8")
    _css = FRONTEND_CSS.read_text(encoding="utf-8")
    width = traitlets.Int(0, help="the explorer's width in CSS pixels (0 until the page reports it)").tag(sync=True)
    pixel_ratio = traitlets.Float(1.0, help="the device pixel ratio (2 on a high-density screen)").tag(sync=True)
    view_height = traitlets.Int(0, help="the window's inner height in CSS pixels").tag(sync=True)
    font_px = traitlets.Float(0.0, help="the notebook's text size in CSS pixels (0 until reported)").tag(sync=True)
    # Set by Python, read by the page: what a screen reader needs that ipywidgets does not give.
    alt = traitlets.Unicode("", help="the figure's one-line description: the image's alt text").tag(sync=True)
    controls = traitlets.List(traitlets.Dict(), help="per control: name, label, unit, decimals, help").tag(sync=True)
