"""A fixed artist's kept pixels (smlearn.plots.render.PngRenderer's ``fixed``) must look exactly as if drawn.

Pasting a legend's kept pixels on a figure drawn without it is only right if nothing else is
drawn where it sits and the legend itself has not changed. Each test compares, pixel for
pixel, with a renderer that draws everything (no fixed artists).
"""

import io

import numpy as np
from PIL import Image

from smlearn.plots.render import PngRenderer
from smlearn.plots.style import freeze_layout, new_figure


def pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def figure_with_legend(loc):
    fig, (ax,) = new_figure(height=3.0)
    (line,) = ax.plot([0, 1], [0, 1], label="a line")
    ax.plot([0, 1], [1, 0], label="another line")
    legend = fig.legend(loc=loc, ncols=2) if loc.startswith("outside") else ax.legend(loc=loc)
    ax.set_xlabel("time (weeks)")
    freeze_layout(fig)
    return fig, ax, line, legend


def same_as_drawn_in_full(renderer):
    quick = pixels(renderer.png())
    full = pixels(PngRenderer(renderer.figure, dynamic=renderer.dynamic).png())
    return int((quick != full).any(axis=2).sum())


def test_a_legend_apart_is_pasted_on_new_limits_and_looks_drawn():
    fig, ax, line, legend = figure_with_legend("outside lower center")
    renderer = PngRenderer(fig, dynamic=[line], fixed=[legend])
    renderer.png()
    for top in (2, 5, 11):                  # limits never seen: each a full redraw, legend pasted
        ax.set_ylim(0, top)
        assert same_as_drawn_in_full(renderer) == 0
    assert renderer.fixed_pastes == 3


def test_a_legend_over_the_axes_is_always_drawn():
    fig, ax, line, legend = figure_with_legend("upper left")      # inside the axes: the lines can pass under it
    renderer = PngRenderer(fig, dynamic=[line], fixed=[legend])
    renderer.png()
    ax.set_ylim(0, 3)
    assert same_as_drawn_in_full(renderer) == 0
    assert renderer.fixed_pastes == 0


def test_a_changed_legend_is_drawn_again():
    fig, ax, line, legend = figure_with_legend("outside lower center")
    renderer = PngRenderer(fig, dynamic=[line], fixed=[legend])
    renderer.png()
    legend.get_texts()[0].set_text("a renamed line")
    ax.set_ylim(0, 4)
    assert same_as_drawn_in_full(renderer) == 0
    assert renderer.fixed_pastes == 0
    ax.set_ylim(0, 6)                        # the new legend's pixels are kept in turn
    assert same_as_drawn_in_full(renderer) == 0
    assert renderer.fixed_pastes == 1
