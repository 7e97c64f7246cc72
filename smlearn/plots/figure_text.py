"""The words of a figure (its titles), kept beside its picture in the notebook.

A figure's title is drawn into its pixels, where no program (a screen reader, a search,
the course's own tests) can read it. So, when a notebook shows a matplotlib figure,
the course adds the figure's titles to the output as text: the notebook file keeps them
in the output's metadata (``{"image/png": {"alt": "..."}}``) beside the PNG. The test that
no exercise's answer is already on screen reads them there, and so does the course site.

JupyterLab and Notebook 7 draw a PNG output as an ``<img>`` without ``alt`` whatever the
metadata says, so a screen reader there would only say "image". The output therefore also
carries the same picture as ``text/html``, an ``<img>`` with the titles as its ``alt``: both
front ends show HTML before PNG, and their HTML sanitizer keeps a ``data:`` image, so this
works in a notebook that is not trusted too. It costs a second copy of the picture's bytes
in the saved notebook; a figure without titles gets no HTML (it would have nothing to say).

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

__all__ = ["figure_text", "keep_figure_text", "picture_html"]


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
    """Make each figure the notebook shows carry :func:`figure_text` as its picture's alt text.

    The PNG output gets it in its metadata (``alt``), and an HTML copy of the picture gets it
    as the ``<img>``'s ``alt`` (what JupyterLab and Notebook 7 put on the page). The figure is
    drawn once, by the PNG formatter ``%matplotlib inline`` set up (so size and resolution stay
    as the learner's settings make them), which this moves into one formatter that gives the
    PNG and its HTML copy together. If the learner chooses figure formats again afterwards
    (``set_matplotlib_formats``), their choice wins and figures show without the words until
    this runs again. Returns False (and changes nothing) outside IPython or before a PNG
    formatter for figures exists.
    """
    from smlearn.shell import notebook_shell

    shell = notebook_shell(shell)
    if shell is None:
        return False
    from matplotlib.figure import Figure

    formatters = shell.display_formatter.formatters
    bundles = shell.display_formatter.mimebundle_formatter
    try:
        drawn = formatters["image/png"].lookup_by_type(Figure)
    except KeyError:
        try:
            return getattr(bundles.lookup_by_type(Figure), "keeps_figure_text", False)
        except KeyError:
            return False
    # IPython would draw the figure again for the PNG formatter if it kept it (a formatter for one
    # format wins over a bundle): the bundle below draws it once, for both.
    formatters["image/png"].pop(Figure)

    def picture_and_words(figure):
        if _formats_chosen_since(formatters, Figure):
            return None   # the learner's own choice of formats shows the figure
        data = drawn(figure)
        metadata = {}
        if isinstance(data, tuple):   # a formatter may give (data, metadata) already
            data, metadata = data
        if data is None:
            return None
        words = figure_text(figure)
        metadata = {**(metadata or {}), "alt": words}
        bundle = {"image/png": data}
        if words.strip():   # an HTML copy without words would add bytes and nothing to read
            bundle["text/html"] = picture_html(data, metadata, _needs_background(figure))
        return bundle, {"image/png": metadata}

    picture_and_words.keeps_figure_text = True
    bundles.for_type(Figure, picture_and_words)
    return True


def _formats_chosen_since(formatters, figure_type) -> bool:
    """True when a figure format is registered again (``set_matplotlib_formats`` after us)."""
    for name in ("image/png", "image/svg+xml", "image/jpeg", "application/pdf"):
        try:
            formatters[name].lookup_by_type(figure_type)
        except KeyError:
            continue
        return True
    return False


def picture_html(png, metadata: dict, needs_background: str | None = None) -> str:
    """An ``<img>`` of a PNG output as JupyterLab's image renderer would draw it, with its ``alt``.

    ``png`` is the output's PNG (bytes or base64 text); ``metadata`` its ``image/png`` metadata:
    ``alt`` (required), and ``width`` and ``height`` (a retina figure's display size), which
    become the ``<img>``'s size as they do in JupyterLab. ``needs_background`` ("light" or
    "dark", what matplotlib-inline says a transparent figure needs) puts the image on that
    background in the other theme, through JupyterLab's own classes.

    Examples
    --------
    >>> picture_html(b"\\x89PNG", {"alt": 'Visits a week; "pull" wins.', "width": 450})
    '<div class="jp-RenderedImage"><img src="data:image/png;base64,iVBORw==" alt="Visits a week; &quot;pull&quot; wins." width="450"></div>'
    """
    from base64 import b64encode
    from html import escape

    if isinstance(png, bytes):
        png = b64encode(png).decode("ascii")
    if not isinstance(png, str) or not png:
        raise TypeError(f"png must be a PNG as bytes or base64 text; got {type(png).__name__}")
    if not isinstance(metadata, dict) or not str(metadata.get("alt", "")).strip():
        raise ValueError(f"metadata must be a dict with a non-empty 'alt'; got {metadata!r}")
    if needs_background not in (None, "light", "dark"):
        raise ValueError(f"needs_background must be None, 'light' or 'dark'; got {needs_background!r}")
    attributes = [f'src="data:image/png;base64,{"".join(png.split())}"', f'alt="{escape(metadata["alt"])}"']
    for size in ("width", "height"):
        if isinstance(metadata.get(size), (int, float)):
            attributes.append(f'{size}="{metadata[size]:g}"')
    if needs_background:
        attributes.append(f'class="jp-needs-{needs_background}-background"')
    # Inside a jp-RenderedImage block the image gets the image renderer's styles (its theme
    # background); the HTML renderer's own already keep it within the page's width.
    return f'<div class="jp-RenderedImage"><img {" ".join(attributes)}></div>'


def _needs_background(figure) -> str | None:
    """What matplotlib-inline tells JupyterLab a (transparent) figure needs behind it, if anything."""
    try:
        from matplotlib_inline.backend_inline import _fetch_figure_metadata
    except ImportError:   # a private helper: without it, no background is asked for
        return None
    return (_fetch_figure_metadata(figure) or {}).get("needs_background")
