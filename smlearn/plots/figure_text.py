"""The words of a figure (its titles), kept beside its picture in the notebook.

A figure's title is drawn into its pixels, where no program (a screen reader, a search,
the course's own tests) can read it. So, when a notebook shows a matplotlib figure,
the course adds the figure's titles to the output as text: the notebook file keeps them
in the output's metadata (``{"image/png": {"alt": "..."}}``) beside the PNG. The test that
no exercise's answer is already on screen reads them there.

Examples
--------
>>> from smlearn.plots.style import new_figure
>>> fig, (left, right) = new_figure(ncols=2)
>>> _ = fig.suptitle("Pull overtakes push in week 10")
>>> _ = left.set_title("Visits a week")
>>> figure_text(fig)
'Pull overtakes push in week 10. Visits a week.'
"""

from __future__ import annotations

__all__ = ["figure_text", "keep_figure_text"]


def figure_text(figure) -> str:
    """The figure's title and its panels' titles, in reading order, as one line."""
    from matplotlib.figure import Figure

    if not isinstance(figure, Figure):
        raise TypeError(f"figure must be a matplotlib Figure; got {type(figure).__name__}")
    parts = []
    title = figure._suptitle.get_text() if getattr(figure, "_suptitle", None) is not None else ""
    if title.strip():
        parts.append(title.strip())
    for axes in figure.axes:
        for where in ("left", "center", "right"):
            text = axes.get_title(loc=where).strip()
            if text:
                parts.append(text)
    return " ".join(part if part.endswith((".", "?", "!")) else part + "." for part in parts)


def keep_figure_text(shell=None) -> bool:
    """Make each figure the notebook shows carry :func:`figure_text` in its output's metadata.

    Wraps the PNG formatter that ``%matplotlib inline`` set up, so size and resolution stay
    as the learner's settings make them. Returns False (and changes nothing) outside IPython
    or before a PNG formatter for figures exists.
    """
    from smlearn.shell import notebook_shell

    shell = notebook_shell(shell)
    if shell is None:
        return False
    from matplotlib.figure import Figure

    formatter = shell.display_formatter.formatters["image/png"]
    try:
        drawn = formatter.lookup_by_type(Figure)
    except KeyError:
        return False
    if getattr(drawn, "keeps_figure_text", False):
        return True

    def png_and_text(figure):
        data = drawn(figure)
        metadata = {}
        if isinstance(data, tuple):   # a formatter may give (data, metadata) already
            data, metadata = data
        if data is None:
            return None
        return data, {**(metadata or {}), "alt": figure_text(figure)}

    png_and_text.keeps_figure_text = True
    formatter.for_type(Figure, png_and_text)
    return True
