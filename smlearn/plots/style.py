"""The house style: a colour-blind-safe palette and the few helpers every figure uses.

The palette is Okabe and Ito's (2008), chosen so that the colours stay distinct for
the common forms of colour-vision deficiency and in greyscale. Colour is never the
only cue: every series also has its own line style or marker, and a legend or label.

Examples
--------
>>> fig, axes = new_figure(ncols=2)
>>> len(axes), fig.get_size_inches().tolist()
(2, [9.0, 3.6])
>>> len(png_bytes(fig)) > 1000
True
"""

from __future__ import annotations

import io

from smlearn.params import check_instance, check_items, check_number

__all__ = ["OKABE_ITO", "SERIES_STYLE", "FIGURE_WIDTH", "PANEL_HEIGHT", "DPI", "new_figure", "freeze_layout",
           "style_axes", "png_bytes", "NICE_STEPS", "nice_ceiling"]

# Okabe, M. and Ito, K. (2008) Color Universal Design: https://jfly.uni-koeln.de/color/
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

# How the two ideas of the course look in every figure: colour AND line style differ.
SERIES_STYLE = {
    "push": {"color": OKABE_ITO["vermillion"], "linestyle": "-", "marker": None, "label": "push (mass messages to contacts)"},
    "pull": {"color": OKABE_ITO["blue"], "linestyle": "--", "marker": None, "label": "pull (content found by search)"},
    "social media": {"color": OKABE_ITO["blue"], "linestyle": "--", "marker": "s", "label": "social media"},
    "social networking": {"color": OKABE_ITO["vermillion"], "linestyle": "-", "marker": "o", "label": "social networking"},
    "both": {"color": OKABE_ITO["bluish green"], "linestyle": ":", "marker": "^", "label": "both"},
}

FIGURE_WIDTH = 9.0  # inches: fits a JupyterLab notebook column at 100 dpi
PANEL_HEIGHT = 3.6  # inches
DPI = 100



def _figure_class():
    from matplotlib.figure import Figure   # imported when needed: importing matplotlib takes a while
    return Figure


def _axes_class():
    from matplotlib.axes import Axes
    return Axes

def new_figure(ncols: int = 1, nrows: int = 1, *, height: float = PANEL_HEIGHT, width: float = FIGURE_WIDTH):
    """Make a figure with ``nrows`` x ``ncols`` axes in the house style; return ``(fig, axes list)``.

    The figure is not registered with pyplot, so it is shown only when a notebook
    cell returns it or an explorer renders it.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    for name, value in (("ncols", ncols), ("nrows", nrows)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 6:
            raise ValueError(f"{name} must be a whole number from 1 to 6; got {value!r}")
    for name, value in (("height", height), ("width", width)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 30:
            raise ValueError(f"{name} must be a number of inches from 1 to 30; got {value!r}")
    fig = Figure(figsize=(width, height * nrows), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel().tolist()
    for ax in axes:
        style_axes(ax)
    return fig, axes


def freeze_layout(fig, *, tries: int = 4) -> None:
    """Let the constrained layout settle, then keep the axes where they are.

    A constrained layout places the axes on every draw, and after a change it can take
    a draw or two to settle, moving them by a pixel each time. For an explorer whose
    tick labels keep their size whatever the sliders do, fixed places are better: a
    quick redraw can reuse its kept pictures, and nothing on screen jumps.
    """
    check_instance("fig", fig, _figure_class(), "a matplotlib Figure (new_figure() makes one)")
    check_number("tries", tries, 1, 20, integer=True)
    before = None
    for _ in range(tries):
        fig.canvas.draw()
        places = [ax.get_position().bounds for ax in fig.axes]
        if places == before:
            break
        before = places
    fig.set_layout_engine("none")


def style_axes(ax) -> None:
    """Quiet the frame and grid so that the data carry the picture."""
    check_instance("ax", ax, _axes_class(), "matplotlib Axes")
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(True, color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)


def png_bytes(fig) -> bytes:
    """Render ``fig`` and return it as PNG bytes (what an explorer's image shows).

    Draws with Agg and encodes with Pillow at a low compression level: the bytes
    are about a third larger than ``savefig`` makes, but encoding is several times
    faster, which matters on every slider move.
    """
    check_instance("fig", fig, _figure_class(), "a matplotlib Figure (new_figure() makes one)")
    from PIL import Image

    fig.canvas.draw()
    buffer = fig.canvas.buffer_rgba()
    image = Image.frombuffer("RGBA", (buffer.shape[1], buffer.shape[0]), buffer, "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    image.save(out, format="png", compress_level=1)
    return out.getvalue()


NICE_STEPS = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def nice_ceiling(value: float, steps=NICE_STEPS) -> float:
    """Round ``value`` up to one of ``steps`` times a power of ten, for an axis limit.

    The default steps (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8) fit the data closely; coarser steps
    such as (1, 2, 5) give a limit that seldom moves, so an explorer redraws less often.

    Examples
    --------
    >>> [nice_ceiling(v) for v in (0, 0.7, 3.2, 47, 120)]
    [1.0, 0.8, 4.0, 50.0, 150.0]
    >>> [nice_ceiling(v, steps=(1, 2, 5)) for v in (0.7, 3.2, 47, 120)]
    [1.0, 5.0, 50.0, 200.0]
    """
    steps = check_items("steps", steps, what="numbers from 1 to 10")
    for step in steps:
        check_number("steps", step, 1, 10)
    import math

    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) or math.isinf(value):
        raise ValueError(f"value must be a finite number; got {value!r}")
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (*steps, 10):
        if value <= step * power * (1 + 1e-12):
            return float(step * power)
    return float(10 * power)
