"""Render a figure to PNG quickly when only some of its artists change.

An explorer's figure mostly stays the same between two slider moves: the axes, tick
labels, grid, legend and axis labels are unchanged and only a few lines, markers and
the title move. Redrawing all of it costs tens of milliseconds, most of it in text
layout. So, as matplotlib's own animations do ("blitting"), we draw the unchanging
part once, keep a copy of its pixels, and on each update paste that copy back and
draw only the artists that change. The copy is thrown away and the whole figure
redrawn whenever an axis limit changes, because tick labels follow the limits, or when
the view says it changed something else that is not dynamic (its ``version``).

Examples
--------
>>> from smlearn.plots.style import new_figure
>>> fig, (ax,) = new_figure()
>>> (line,) = ax.plot([0, 1], [0, 1])
>>> renderer = PngRenderer(fig, dynamic=[line])
>>> first = renderer.png()
>>> line.set_ydata([1, 0])
>>> second = renderer.png()
>>> renderer.full_redraws, first != second
(1, True)
"""

from __future__ import annotations

import io


class PngRenderer:
    """Turn ``figure`` into PNG bytes, redrawing only ``dynamic`` artists when it can.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        A figure with an Agg canvas (as :func:`smlearn.plots.style.new_figure` makes).
    dynamic : list of matplotlib artists
        The artists that an update may change (lines, markers, moving labels, the
        title). Everything else must only change together with an axis limit, or
        together with ``version``.
    version : callable, optional
        Returns a value that the view changes whenever it changes an artist that is not
        dynamic (say, the ties of a newly drawn network); a new value means a full redraw.
    """

    def __init__(self, figure, dynamic=(), version=None):
        self.figure = figure
        self.dynamic = list(dynamic)
        self.version = version or (lambda: None)
        self.full_redraws = 0   # how often the whole figure had to be drawn: benchmarks report it
        self._background = None
        self._key = None

    def _layout_key(self):
        # Tick labels, and so the whole static picture, depend on these and nothing else we change.
        limits = tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.figure.axes)
        return limits, tuple(self.figure.get_size_inches()), self.figure.dpi, self.version()

    def png(self) -> bytes:
        """Return the figure's current state as PNG bytes."""
        from PIL import Image

        canvas = self.figure.canvas
        key = self._layout_key()
        if key != self._key or self._background is None:
            # Draw everything except the dynamic artists, and keep the pixels.
            for artist in self.dynamic:
                artist.set_animated(True)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            for artist in self.dynamic:
                artist.set_animated(False)   # so savefig and the inline backend still draw them
            self._key = key
            self.full_redraws += 1
        canvas.restore_region(self._background)
        for artist in self.dynamic:
            if artist.get_visible():
                self.figure.draw_artist(artist)
        buffer = canvas.buffer_rgba()
        image = Image.frombuffer("RGBA", (buffer.shape[1], buffer.shape[0]), buffer, "raw", "RGBA", 0, 1).convert("RGB")
        out = io.BytesIO()
        image.save(out, format="png", compress_level=1)  # fast over small: a few ms instead of tens
        return out.getvalue()
