"""Render a figure to PNG quickly when only some of its artists change.

An explorer's figure mostly stays the same between two slider moves: the axes, tick
labels, grid, legend and axis labels are unchanged and only a few lines, markers and
the title move. Redrawing all of it costs tens of milliseconds, most of it in text
layout. So, as matplotlib's own animations do ("blitting"), we draw the unchanging
part once, keep a copy of its pixels, and on each update paste that copy back and
draw only the artists that change. The copy belongs to one set of axis limits,
because tick labels follow the limits, and one ``version`` (which the view changes
when it changes something else that is not dynamic). New limits mean a new copy: the
whole figure is drawn again. The last few copies are kept, with where the axes were
when each was drawn, so a learner who flips a drop-down back and forth, or returns a
slider to where it was, gets the quick redraw.

Examples
--------
>>> from smlearn.plots.style import freeze_layout, new_figure
>>> fig, (ax,) = new_figure()
>>> (line,) = ax.plot([0, 1], [0, 1])
>>> _ = ax.set_ylim(0, 1)
>>> freeze_layout(fig)      # axes that stay put (a moving layout also means a full draw)
>>> renderer = PngRenderer(fig, dynamic=[line])
>>> first = renderer.png()
>>> line.set_ydata([1, 0])
>>> second = renderer.png()
>>> renderer.full_redraws, first != second
(1, True)
>>> _ = ax.set_ylim(0, 2); third = renderer.png()      # new limits: drawn in full
>>> _ = ax.set_ylim(0, 1); fourth = renderer.png()     # limits seen before: the kept copy
>>> renderer.full_redraws, fourth == second
(2, True)
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
        title). Everything else must be the same whenever the axis limits and
        ``version`` are the same.
    version : callable, optional
        Returns a value that the view changes whenever it changes an artist that is not
        dynamic (say, the ties of a newly drawn network); a new value means a full redraw.
    keep : int, default 4
        How many pictures of the unchanging part to keep, one per set of limits (each
        is the size of the figure's pixels, about 1 to 3 MB).
    """

    def __init__(self, figure, dynamic=(), version=None, keep=4):
        self.figure = figure
        self.dynamic = list(dynamic)
        self.version = version or (lambda: None)
        self.keep = keep
        self.full_redraws = 0   # how often the whole figure had to be drawn: benchmarks report it
        # layout key -> (pixels of everything but the dynamic artists, where the axes were); newest last
        self._backgrounds = {}

    def forget(self) -> None:
        """Drop every kept picture, so the next :meth:`png` draws the whole figure."""
        self._backgrounds.clear()

    def _layout_key(self):
        # Tick labels, and so the whole static picture, depend on these and nothing else we change.
        limits = tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.figure.axes)
        return limits, tuple(self.figure.get_size_inches()), self.figure.dpi, self.version()

    def _places(self):
        return [(ax.get_position(original=True).bounds, ax.get_position().bounds) for ax in self.figure.axes]

    def _put_back(self, places):
        # A layout engine may have moved the axes by a pixel since this picture was drawn (it
        # works from where they were); put them back, so the changing artists land on it.
        if places == self._places():
            return
        for ax, (original, active) in zip(self.figure.axes, places):
            in_layout = ax.get_in_layout()
            ax.set_position(original, which="original")
            ax.set_position(active, which="active")
            ax.set_in_layout(in_layout)      # set_position takes an axes out of the layout; keep it in

    def png(self) -> bytes:
        """Return the figure's current state as PNG bytes."""
        from PIL import Image

        canvas = self.figure.canvas
        key = self._layout_key()
        kept = self._backgrounds.pop(key, None)
        if kept is not None:
            self._put_back(kept[1])
            canvas.restore_region(kept[0])
        else:
            # Draw everything except the dynamic artists, and keep the pixels.
            for artist in self.dynamic:
                artist.set_animated(True)
            canvas.draw()
            kept = (canvas.copy_from_bbox(self.figure.bbox), self._places())
            for artist in self.dynamic:
                artist.set_animated(False)   # so savefig and the inline backend still draw them
            self.full_redraws += 1
        self._backgrounds[key] = kept                # (re)inserted: now the newest
        if len(self._backgrounds) > self.keep:
            del self._backgrounds[next(iter(self._backgrounds))]   # forget the one used longest ago
        for artist in self.dynamic:
            if artist.get_visible():
                self.figure.draw_artist(artist)
        buffer = canvas.buffer_rgba()
        image = Image.frombuffer("RGBA", (buffer.shape[1], buffer.shape[0]), buffer, "raw", "RGBA", 0, 1).convert("RGB")
        out = io.BytesIO()
        image.save(out, format="png", compress_level=1)  # fast over small: a few ms instead of tens
        return out.getvalue()
