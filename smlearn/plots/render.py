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

Some unchanging artists are costly and do not depend on the limits at all: a legend below
the axes is a third of the figure's text. A view may name them ``fixed``; their pixels are
kept too, apart from the limits, so that even new limits draw the figure without them and
paste their pixels back. This is safe only for an artist that nothing else paints over or
under, so the renderer checks, when it keeps their pixels, that no axes (tick labels
included) and no other figure text come within two pixels of them; if one does, it simply
draws them every time.

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

import struct
import zlib

import numpy as np

__all__ = ["PngRenderer", "CSS_DPI", "MAX_CSS_WIDTH", "MIN_PANEL_INCHES", "FigureFit", "png_of_pixels"]


def png_of_pixels(rgba) -> bytes:
    """Encode an opaque figure's pixels (height x width x 4, as ``canvas.buffer_rgba()``) as a PNG.

    The smallest PNG there is: 8-bit RGB (the alpha channel dropped: a figure's background is
    opaque), every row unfiltered, compressed by zlib at level 1. Written out here because it is
    the one step of an explorer's update after drawing: Pillow's encoder, at its fastest setting,
    spends about 4 ms on a 900 x 300 figure choosing row filters; this takes about 1.5 ms, and the
    file is about the same size for a chart's flat colours (25 KB against 24.5 KB).

    Examples
    --------
    >>> import io, numpy as np
    >>> from PIL import Image
    >>> pixels = np.zeros((2, 3, 4), np.uint8); pixels[..., 0] = 255; pixels[..., 3] = 255
    >>> Image.open(io.BytesIO(png_of_pixels(pixels))).getpixel((2, 1))
    (255, 0, 0)
    """
    pixels = np.asarray(rgba)
    if pixels.ndim != 3 or pixels.shape[2] != 4 or pixels.dtype != np.uint8:
        raise ValueError(f"rgba must be height x width x 4 bytes (canvas.buffer_rgba()); got {pixels.dtype} {pixels.shape}")
    height, width = pixels.shape[:2]
    rows = np.zeros((height, 1 + 3 * width), np.uint8)   # each row: filter type 0 (none), then R, G, B, R, G, B...
    rows[:, 1:] = pixels[:, :, :3].reshape(height, 3 * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)   # 8 bits, RGB, deflate, no filter, no interlace
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows.tobytes(), 1))
            + chunk(b"IEND", b""))


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
    fixed : list of matplotlib artists, optional
        Unchanging artists whose pixels do not depend on the axis limits either (a legend
        outside the axes): drawn once, then pasted on every full redraw while their place,
        words and fonts stay the same, if nothing else is drawn within two pixels of them.
    """

    def __init__(self, figure, dynamic=(), version=None, keep=4, fixed=()):
        self.figure = figure
        self.dynamic = list(dynamic)
        self.version = version or (lambda: None)
        self.keep = keep
        self.fixed = list(fixed)
        self.full_redraws = 0   # how often the whole figure had to be drawn: benchmarks report it
        self.fixed_pastes = 0   # how many of those pasted the fixed artists instead of drawing them
        # layout key -> (pixels of everything but the dynamic artists, where the axes were); newest last
        self._backgrounds = {}
        # The fixed artists' pixels, with the key they were drawn for; None until kept, False if
        # something else is drawn near them (then they are always drawn).
        self._fixed_pixels = None

    @property
    def kept(self) -> int:
        """How many backgrounds (pictures of the figure without its changing artists) are kept now."""
        return len(self._backgrounds)

    def forget(self) -> None:
        """Drop every kept picture, so the next :meth:`png` draws the whole figure.

        The fixed artists' pixels stay: they do not depend on the limits, so a learner who
        moves to limits never seen before meets exactly this, and benchmarks time it so.
        """
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

    def _fixed_key(self, renderer):
        # What the fixed artists' pixels depend on: where they are, their words and fonts, the figure's
        # size. Not the version: a view bumps it for other artists (a legend keeps copies of its handles).
        from matplotlib.text import Text

        return (tuple((tuple(artist.get_window_extent(renderer).bounds), artist.get_visible()) for artist in self.fixed),
                tuple((text.get_text(), text.get_fontsize(), text.get_color(), text.get_fontfamily())
                      for artist in self.fixed for text in artist.findobj(Text)),
                tuple(self.figure.get_size_inches()), self.figure.dpi)

    def _fixed_box(self, renderer):
        from matplotlib.transforms import Bbox

        box = Bbox.union([artist.get_window_extent(renderer) for artist in self.fixed]).padded(2)
        return Bbox.from_extents(np.floor(box.x0), np.floor(box.y0), np.ceil(box.x1), np.ceil(box.y1))

    def _fixed_apart(self, renderer, box) -> bool:
        # Nothing else may be drawn on the pixels we paste: no axes (with its tick labels) and no
        # figure-level text or legend other than the fixed artists themselves.
        others = [ax.get_tightbbox(renderer) for ax in self.figure.axes]
        others += [artist.get_window_extent(renderer)
                   for artist in (*self.figure.texts, *self.figure.legends) if artist not in self.fixed]
        return not any(other is not None and box.overlaps(other) for other in others)

    def _draw_unchanging(self, canvas):
        """Draw the figure without its dynamic artists, pasting the fixed ones' kept pixels if it can."""
        paste = bool(self.fixed) and self._fixed_pixels is not False and self._fixed_pixels is not None
        hidden = self.dynamic + (self.fixed if paste else [])
        for artist in hidden:
            artist.set_animated(True)
        canvas.draw()
        for artist in hidden:
            artist.set_animated(False)   # so savefig and the inline backend still draw them
        self.full_redraws += 1
        if not self.fixed or self._fixed_pixels is False:
            return
        renderer = canvas.get_renderer()
        key = self._fixed_key(renderer)
        if paste and self._fixed_pixels[0] == key:
            canvas.restore_region(self._fixed_pixels[1])
            self.fixed_pastes += 1
            return
        if paste:                        # kept for other fonts or places: draw the whole figure again
            self._fixed_pixels = None
            self._draw_unchanging(canvas)
            return
        box = self._fixed_box(renderer)
        self._fixed_pixels = (key, canvas.copy_from_bbox(box)) if self._fixed_apart(renderer, box) else False

    def png(self) -> bytes:
        """Return the figure's current state as PNG bytes."""
        canvas = self.figure.canvas
        key = self._layout_key()
        kept = self._backgrounds.pop(key, None)
        if kept is not None:
            self._put_back(kept[1])
            canvas.restore_region(kept[0])
        else:
            # Draw everything except the dynamic artists, and keep the pixels.
            self._draw_unchanging(canvas)
            kept = (canvas.copy_from_bbox(self.figure.bbox), self._places())
        self._backgrounds[key] = kept                # (re)inserted: now the newest
        if len(self._backgrounds) > self.keep:
            del self._backgrounds[next(iter(self._backgrounds))]   # forget the one used longest ago
        for artist in self.dynamic:
            if artist.get_visible():
                self.figure.draw_artist(artist)
        return png_of_pixels(canvas.buffer_rgba())


# --- Fitting a figure to the width a page gives it ------------------------------------------

CSS_DPI = 96          # CSS pixels per inch: a font of f points is f * 96 / 72 CSS pixels
MAX_CSS_WIDTH = 1000  # wider than this, a figure only grows its margins: keep it at this width
MIN_PANEL_INCHES = 2.8  # narrower panels than this go onto more rows


class FigureFit:
    """Redraw a figure for a width in CSS pixels, with its text no smaller than the page's.

    The figure as a view designed it (its size, its panels' grid, its fonts) is kept, so
    every fit starts from the design, and :meth:`restore` brings it back. A fit

    - makes the figure ``width_px / 96`` inches wide at ``96 * pixel_ratio`` dpi, so that
      shown at ``width_px`` CSS pixels one point of text is 96/72 CSS pixels and the
      image is sharp on a high-density screen;
    - raises every font below ``font_px`` CSS pixels to it (never lowers one);
    - moves side-by-side panels onto more rows when each would be narrower than
      :data:`MIN_PANEL_INCHES`, and makes the figure taller to match;
    - keeps the height within ``max_height_px`` where it can (panels on one row only);
    - lays the figure out again (and freezes it again if the view had frozen it).

    Examples
    --------
    >>> from smlearn.plots.style import new_figure
    >>> fig, (a, b) = new_figure(ncols=2)
    >>> _ = a.set_title("left", fontsize=8)
    >>> fit = FigureFit(fig)
    >>> fit.fit(500, font_px=14)
    >>> [round(float(v), 2) for v in fig.get_size_inches()], fig.dpi     # 500 px wide; the panels now stacked
    ([5.21, 7.2], 96.0)
    >>> a.title.get_fontsize() >= 14 * 72 / 96
    True
    >>> fit.restore(); fig.get_size_inches().tolist(), a.title.get_fontsize()
    ([9.0, 3.6], 8.0)
    """

    def __init__(self, figure):
        from matplotlib.layout_engine import ConstrainedLayoutEngine

        self.figure = figure
        self.size = tuple(figure.get_size_inches())
        self.dpi = figure.dpi
        self.frozen = not isinstance(figure.get_layout_engine(), ConstrainedLayoutEngine)
        self.fonts = {text: text.get_fontsize() for text in self._texts()}
        self.tick_sizes = {ax: (ax.xaxis.get_ticklabels()[0].get_fontsize() if ax.xaxis.get_ticklabels() else None,
                                ax.yaxis.get_ticklabels()[0].get_fontsize() if ax.yaxis.get_ticklabels() else None)
                           for ax in figure.axes}
        self.grid = self._grid()
        self.font_floor = 0.0   # points; 0 while the design is shown
        self.pixel_ratio = 1.0
        self.fallback = False   # True when the last fit could not lay the figure out and shows the design scaled
        self.titles = [t for t in (getattr(figure, "_suptitle", None), *[ax.title for ax in figure.axes]) if t is not None]
        self.wraps = {text: text.get_wrap() for text in self.titles}
        self.legend_design = {legend: (legend._ncols, legend.prop.get_size_in_points()) for legend in self._legends()}

    def _texts(self):
        from matplotlib.text import Text

        return [t for t in self.figure.findobj(Text) if t.figure is not None]

    def _grid(self):
        """``(rows, cols, [(axes, row, col)])`` when the panels sit one per cell of one grid, else None."""
        cells, grids = [], set()
        for ax in self.figure.axes:
            if getattr(ax, "_colorbar_info", None) and ax.get_subplotspec() is None:
                continue   # a colorbar made with ax=: constrained layout puts it beside its axes, wherever they go
            spec = ax.get_subplotspec()
            if spec is None:
                return None   # an inset: constrained layout would keep its room where it was
            if spec.rowspan.stop - spec.rowspan.start != 1 or spec.colspan.stop - spec.colspan.start != 1:
                return None
            grids.add(id(spec.get_gridspec()))
            cells.append((ax, spec.rowspan.start, spec.colspan.start, spec.get_gridspec()))
        if len(grids) != 1:
            return None
        gridspec = cells[0][3]
        return gridspec.nrows, gridspec.ncols, [(ax, row, col) for ax, row, col, _ in cells]

    def _legends(self):
        return [*self.figure.legends, *[ax.get_legend() for ax in self.figure.axes if ax.get_legend() is not None]]

    def cut_text(self, renderer) -> bool:
        """Whether any visible text reaches past an edge of the figure (the layout could not make room).

        Axis labels count: a y label longer than a short figure is tall sticks out at the top
        and bottom, which the constrained layout does not see.
        """
        from matplotlib.text import Text

        width, height = self.figure.bbox.width, self.figure.bbox.height
        # Tick labels are left out: those beyond the axis limits are never drawn, and the layout places the rest.
        ticks = {id(label) for ax in self.figure.axes for axis in (ax.xaxis, ax.yaxis)
                 for tick in (*axis.majorTicks, *axis.minorTicks) for label in (tick.label1, tick.label2)}
        for text in self.figure.findobj(Text):
            if id(text) not in ticks and text.get_visible() and text.get_text().strip() and text.figure is not None:
                box = text.get_window_extent(renderer)
                if box.x0 < -2 or box.x1 > width + 2 or box.y0 < -2 or box.y1 > height + 2:
                    return True
        return False

    def _fit_legends(self) -> None:
        """Legends at the page's text size, in fewer columns when wider than the figure (a legend has no wrap)."""
        renderer = self.figure.canvas.get_renderer()
        for legend, (columns, size) in self.legend_design.items():
            _rebuild_legend(legend, columns, max(size, self.font_floor))
            # An axes' legend that sticks out of its axes takes the room beside them from the panel
            # (the layout keeps it all in the figure): keep it well under the figure's width.
            room = (0.98 if legend.axes is None else 0.8) * self.figure.bbox.width
            while legend._ncols > 1 and legend.get_window_extent(renderer).width > room:
                _rebuild_legend(legend, legend._ncols - 1, max(size, self.font_floor))

    def floor_fonts(self) -> None:
        """Raise any text under the floor (new texts a view made since the fit included)."""
        if not self.font_floor:
            return
        for text in self._texts():
            if text.get_fontsize() < self.font_floor:
                text.set_fontsize(self.font_floor)

    def fit(self, width_px: float, *, font_px: float = 13.0, pixel_ratio: float = 1.0, max_height_px: float | None = None) -> None:
        """Lay the figure out for ``width_px`` CSS pixels (see the class's docstring)."""
        width_in = min(max(float(width_px), 200.0), MAX_CSS_WIDTH) / CSS_DPI
        self.pixel_ratio = min(max(float(pixel_ratio), 1.0), 3.0)
        self.set_fonts(max(float(font_px), 0.0) * 72 / CSS_DPI)
        self.figure.set_dpi(CSS_DPI * min(max(float(pixel_ratio), 1.0), 3.0))
        if self.grid is None:
            tries = [None]
        else:
            cols = self.grid[1]
            fit_cols = max(1, min(cols, int(width_in // MIN_PANEL_INCHES)))
            tries = list(range(fit_cols, 0, -1))   # fewer columns (more rows) until the text fits
        # Each arrangement first at the window's height, then (if its text did not fit) at the design's.
        tries = [(columns, limit) for columns in tries for limit in dict.fromkeys((max_height_px, None))]
        for columns, limit in tries:
            height_in = self.size[1] if columns is None else self._arrange(columns, limit)
            self.figure.set_size_inches(width_in, height_in)
            for text in self.titles:
                text.set_wrap(True)   # a title longer than the figure is wide goes onto more lines
            self._fit_legends()
            if self._lay_out():
                self.fallback = False
                return
        # Too narrow for this figure's text at that size: show the design, scaled to the width
        # (its text smaller than asked, but nothing overlaps or is cut). fallback says so.
        self.restore()
        self.figure.set_dpi(width_in * CSS_DPI / self.size[0] * min(max(float(pixel_ratio), 1.0), 3.0))
        self.fallback = True

    @property
    def css_width(self) -> float:
        """The width in CSS pixels the figure is drawn for (its pixels over the pixel ratio)."""
        return float(self.figure.get_size_inches()[0] * self.figure.dpi / max(self.pixel_ratio, 1.0))

    def _arrange(self, new_cols: int, max_height_px) -> float:
        """Put the panels on a grid of ``new_cols`` columns; return the figure's height in inches."""
        from matplotlib.gridspec import GridSpec

        rows, cols, cells = self.grid
        panels_per_row = -(-cols // new_cols)   # each old row becomes this many rows
        gridspec = GridSpec(rows * panels_per_row, new_cols, figure=self.figure)
        for ax, row, col in cells:
            ax.set_subplotspec(gridspec[row * panels_per_row + col // new_cols, col % new_cols])
        height_in = self.size[1] * panels_per_row
        if panels_per_row == 1 and max_height_px:
            # Shorter to fit the window, but never squeezed below three quarters of the design.
            height_in = max(min(height_in, max_height_px / CSS_DPI), 0.75 * self.size[1])
        return height_in

    def restore(self) -> None:
        """Back to the figure as the view designed it."""
        from matplotlib.gridspec import GridSpec

        self.set_fonts(0.0)
        if self.grid is not None:
            rows, cols, cells = self.grid
            gridspec = GridSpec(rows, cols, figure=self.figure)
            for ax, row, col in cells:
                ax.set_subplotspec(gridspec[row, col])
        self.figure.set_dpi(self.dpi)
        self.figure.set_size_inches(*self.size)
        for text, wrap in self.wraps.items():
            text.set_wrap(wrap)
        for legend, (columns, size) in self.legend_design.items():
            _rebuild_legend(legend, columns, size)
        self._lay_out()

    def set_fonts(self, floor: float) -> None:
        """Set every text's size to its design size, or to ``floor`` points where the design is smaller."""
        self.font_floor = floor
        for text, size in self.fonts.items():
            text.set_fontsize(max(size, floor))
        for ax, (x, y) in self.tick_sizes.items():
            if x is not None:
                ax.tick_params(axis="x", labelsize=max(x, floor))
            if y is not None:
                ax.tick_params(axis="y", labelsize=max(y, floor))
        self.floor_fonts()

    def _lay_out(self) -> bool:
        """Lay the figure out again; False if the constrained layout gave up (no room for the text)."""
        import warnings

        from smlearn.plots.style import freeze_layout

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.figure.set_layout_engine("constrained")
            if self.frozen:
                freeze_layout(self.figure)
            else:
                for _ in range(2):   # a legend outside the axes finds its room on the second pass
                    self.figure.draw_without_rendering()   # the layout only: the PNG draws the pixels
        collapsed = any("constrained_layout not applied" in str(w.message) for w in caught)
        # A legend has no wrap of its own: one wider than the figure means the figure is too narrow.
        renderer = self.figure.canvas.get_renderer()
        legends = [*self.figure.legends, *[ax.get_legend() for ax in self.figure.axes if ax.get_legend() is not None]]
        too_wide = any(legend.get_window_extent(renderer).width > self.figure.bbox.width + 1 for legend in legends)
        too_wide = too_wide or self.cut_text(renderer)
        tiny = too_wide or any(ax.get_position().width <= 0.05 or ax.get_position().height <= 0.05
                   for ax in self.figure.axes if ax.get_subplotspec() is not None)
        return not (collapsed or tiny)


def _rebuild_legend(legend, columns: int, size: float) -> None:
    """Lay ``legend`` out again in ``columns`` columns with text of ``size`` points.

    Matplotlib builds a legend's box once; this builds it again from the legend's own
    handles and labels, and puts it back where the legend's location says.
    """
    if legend._ncols == columns and legend.prop.get_size_in_points() == size:
        return
    handles, labels = list(legend.legend_handles), [text.get_text() for text in legend.texts]
    legend._ncols = columns
    legend.prop.set_size(size)
    legend._fontsize = size
    legend._init_legend_box(handles, labels)
    legend._set_loc(legend._loc)                    # the new box's offset, as Legend.__init__ sets it
    legend._legend_box.set_figure(legend.get_figure(root=False))
