"""What every explorer shares: sliders built from a model's PARAMS, one figure updated in place.

An explorer is thin. It holds the current parameters, asks the model for a result,
asks the view to update the figure's artists, and shows the figure as an image. A
subclass says which model, which view and which sliders; this class does the rest:

- ``update(**params)`` runs the model with new values and redraws: the same path a
  slider takes, so tests and notebooks can drive an explorer without a browser;
- ``params``, ``result`` and ``figure`` expose what it holds;
- in a notebook it shows sliders above the figure; where no widget front end runs
  (nbval, GitHub's viewer, a rendered page) the same output carries a static PNG of
  the current figure and a one-line text description of it.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from smlearn.params import Choice, Param, check_number, check_params
from smlearn.plots.render import PngRenderer

__all__ = ["MAX_SHOWN", "MAIN_SHOWN", "Explorer", "WidgetParts"]


# With more controls than MAX_SHOWN, the first MAIN_SHOWN are shown and the rest sit under
# "More settings", so that controls and figure fit a laptop's screen together.
MAX_SHOWN = 8
MAIN_SHOWN = 6


@dataclass(frozen=True)
class WidgetParts:
    """The parts of an explorer's widget, by name: for tests, and for an instructor who restyles one.

    ``image`` (the figure as a PNG), ``caption`` (the line saying what it shows), ``errors`` (a
    message when a setting could not be run), ``ignored_note`` (which controls do nothing now, and
    why), ``more_button`` and ``more`` (the "More settings" toggle and its box; None when every
    control is shown) and ``frontend`` (the page's piece: alt text, control names, page size).
    """

    image: object
    caption: object
    errors: object
    ignored_note: object
    more_button: object
    more: object
    frontend: object


class Explorer:
    """Base class: subclasses set ``PARAMS``, ``CONTROLS`` and the hooks below (four, and an optional fifth).

    Subclass hooks
    --------------
    PARAMS : dict[str, Param]
        The model's parameter records (the one source of truth for ranges and units).
    CONTROLS : tuple of str
        The parameters that get a slider, in the order shown.
    VIEW_CONTROLS : tuple of str, optional
        Controls that change only what the picture shows (which step of a run), not the
        model's result: moving one redraws without running the model again.
    MAIN_CONTROLS : tuple of str, optional
        The controls shown at first (the most used); the others sit under a "More settings"
        button. By default all are shown, or the first six when there are more than eight.
    run_model(params) -> result
        Run the model.
    plot(result) -> (figure, artists)
        Draw the figure once. ``artists["dynamic"]``, if present, lists the artists that
        updates change, so that a redraw can skip the rest (see smlearn.plots.render);
        a view that changes anything else bumps ``artists["static_version"]``.
        ``artists["fixed"]`` may list unchanging artists that do not follow the axis limits
        either (a legend outside the axes), so that new limits need not draw them again.
    replot(artists, result)
        Change the artists in place.
    describe(result) -> str
        One line of text saying what the figure shows (also its alt text).
    ignored_at(params) -> dict[str, str]
        Optional. The controls that the current choices make inert, each with a short
        reason ("only the two gravity rules use it"); the widget greys them out and says why.
    """

    PARAMS: dict[str, Param | Choice] = {}
    CONTROLS: tuple[str, ...] = ()
    VIEW_CONTROLS: tuple[str, ...] = ()           # change the picture only, not the result
    MAIN_CONTROLS: tuple[str, ...] | None = None   # shown at first; None: all, or the first few of many

    def __init__(self, **params):
        unknown_controls = [name for name in self.CONTROLS if name not in self.PARAMS]
        if unknown_controls:
            raise TypeError(f"{type(self).__name__}.CONTROLS names parameters the model does not have: {unknown_controls}")
        self._params = {name: p.default for name, p in self.PARAMS.items()}
        self._params.update(check_params(self.PARAMS, params))
        self._result = self.run_model(dict(self._params))
        self._figure, self._artists = self.plot(self._result)
        self._renderer = PngRenderer(self._figure, dynamic=self._artists.get("dynamic", ()),
                                     fixed=self._artists.get("fixed", ()),
                                     version=lambda: self._artists.get("static_version"))
        self._widget = None
        self._sliders = {}
        self._syncing = False  # True while update() moves sliders, so their callbacks don't run the model again
        self._fit = None          # a FigureFit once the page has reported its width
        self._fitted_for = None   # the page sizes the figure was last fitted to

    # What a test or a curious learner can read.
    @property
    def params(self) -> dict:
        """The current parameter values (a copy: change them with :meth:`update`)."""
        return dict(self._params)

    @property
    def result(self):
        """The model's result for the current parameters."""
        return self._result

    @property
    def figure(self):
        """The matplotlib figure, updated in place on every change."""
        return self._figure

    @property
    def artists(self) -> dict:
        """The parts of the figure the view changes on an update, by name (a copy of the view's list)."""
        return dict(self._artists)

    @property
    def controls(self) -> dict:
        """The widget's control for each parameter that has one, by name (the widget is built if need be)."""
        self.widget
        return dict(self._sliders)

    @property
    def description(self) -> str:
        """One line of text saying what the figure shows now."""
        return self.describe(self._result)

    @property
    def ignored(self) -> dict:
        """The controls that change nothing under the current parameters, each with the reason."""
        return dict(self.ignored_at(dict(self._params)))

    def update(self, **params) -> None:
        """Set some parameters, re-run the model and redraw: what a slider move does.

        Raises
        ------
        TypeError, ValueError
            If a name is not a parameter of the model or a value is outside its range;
            the explorer keeps its previous state.
        """
        changes = check_params(self.PARAMS, params)
        if not changes:
            return
        new_params = {**self._params, **changes}
        result = self.run_model(dict(new_params))
        self._params, self._result = new_params, result
        self.replot(self._artists, result)
        if self._fit is not None:
            self._fit.floor_fonts()   # texts the view made just now keep to the page's size too
        if self._widget is not None:
            self._sync_widget(changes)

    # The widget: built only when a notebook displays the explorer.
    @property
    def widget(self):
        """The ipywidgets box: sliders, the figure as an image, a text line, an error line."""
        if self._widget is None:
            self._widget = self._build_widget()
        return self._widget

    @property
    def parts(self) -> WidgetParts:
        """The widget's parts by name (:class:`WidgetParts`); the widget is built if need be."""
        self.widget
        return WidgetParts(self._image, self._caption, self._errors, self._ignored_note,
                           getattr(self, "_more_button", None), getattr(self, "_more", None), self._frontend)

    @property
    def renderer(self):
        """The :class:`smlearn.plots.render.PngRenderer` that turns the figure into PNG bytes (it counts full redraws)."""
        return self._renderer

    @property
    def figure_fit(self):
        """The :class:`smlearn.plots.render.FigureFit` that fits the figure to the page, or None before the page said its width."""
        return self._fit

    def _build_widget(self):
        import ipywidgets as widgets

        from smlearn.widgets.frontend import CAPTION_CLASS, CONTROL_CLASS, EXPLORER_CLASS, ExplorerFrontend

        for name in self.CONTROLS:
            slider = _slider_for(self.PARAMS[name], self._params[name])
            slider.add_class(CONTROL_CLASS + name)   # the page finds the control by it to name it (frontend.js)
            slider.observe(self._on_slider, names="value")
            self._sliders[name] = slider
        self._image = widgets.Image(value=self.png(), format="png", layout={"width": "100%", "max_width": "900px"})
        self._caption = widgets.HTML(value=_caption_html(self.description))
        self._caption.add_class(CAPTION_CLASS)   # the page makes it a polite live region (frontend.js)
        self._errors = widgets.HTML(value="")
        self._tooltips = {name: slider.tooltip for name, slider in self._sliders.items()}
        self._ignored_note = widgets.HTML(value="")
        main = self.main_controls
        more = [name for name in self.CONTROLS if name not in main]
        controls = [_grid([self._sliders[name] for name in main])]
        if more:
            self._more = _grid([self._sliders[name] for name in more])
            self._more_button = widgets.ToggleButton(value=False, tooltip="Show or hide the other settings",
                                                     layout={"width": "auto", "margin": "4px 0", "align_self": "flex-start"})
            self._more_button.observe(self._show_more, names="value")
            # Open from the start when the lesson set one of them: the learner sees what it chose.
            self._more_button.value = any(self._params[name] != self.PARAMS[name].default for name in more)
            self._show_more()
            controls += [self._more_button, self._more]
        column = widgets.VBox([*controls, self._ignored_note], layout={"min_width": "0", "max_width": "100%"})
        column.add_class("smlearn-controls")
        figure = widgets.VBox([self._image, self._caption, self._errors], layout={"min_width": "0", "width": "100%"})
        figure.add_class("smlearn-figure")
        body = widgets.Box([column, figure], layout={"display": "flex", "flex_flow": "column", "width": "100%"})
        body.add_class("smlearn-body")
        # The page's piece: keeps a slider's keys from the notebook and reports the width there is.
        self._frontend = ExplorerFrontend(alt=_first_sentence(self.description), controls=self._control_names())
        self._frontend.observe(self._on_page_size, names=["width", "pixel_ratio", "view_height", "font_px"])
        self._grey_out_ignored()
        box = widgets.VBox([body, self._frontend], layout={"width": "100%", "overflow": "visible"})
        box.add_class(EXPLORER_CLASS)
        return box

    def _control_names(self) -> list:
        """What the page needs to name each control for a screen reader: label, unit, value format, help text."""
        names = []
        for name, control in self._sliders.items():
            param = self.PARAMS[name]
            fmt = getattr(control, "readout_format", "")   # ".2f" on a FloatSlider, "d" on an IntSlider
            decimals = int(fmt[1:-1]) if fmt.startswith(".") and fmt.endswith("f") else 0
            names.append({"name": name, "label": control.description, "unit": getattr(param, "unit", "") or "",
                          # "week 26", not "26 week": a unit naming a position is said first (Param.unit_first)
                          "unit_first": bool(getattr(param, "unit_first", False)),
                          "decimals": decimals, "help": control.tooltip or ""})
        return names

    @property
    def main_controls(self) -> tuple:
        """The controls shown at first; the others sit under "More settings" (all of them when there are few)."""
        if self.MAIN_CONTROLS is not None:
            return tuple(name for name in self.CONTROLS if name in self.MAIN_CONTROLS)
        return self.CONTROLS if len(self.CONTROLS) <= MAX_SHOWN else self.CONTROLS[:MAIN_SHOWN]

    def _show_more(self, change=None) -> None:
        shown = self._more_button.value
        self._more.layout.display = None if shown else "none"
        count = len(self.CONTROLS) - len(self.main_controls)
        self._more_button.description = f"{'Fewer' if shown else 'More'} settings ({count})"
        self._more_button.icon = "chevron-up" if shown else "chevron-down"

    def fit_to_page(self, width_px: float, *, font_px: float = 13.0, pixel_ratio: float = 1.0,
                    view_height_px: float | None = None) -> None:
        """Redraw the figure for ``width_px`` CSS pixels of room, its text at least ``font_px`` (what the page reports).

        The notebook calls this when the explorer's width changes (never on a slider move); the
        static PNG saved with a notebook is drawn before any report, at the default size.
        """
        from smlearn.plots.render import FigureFit

        check_number("width_px", width_px, 50, 10_000)
        check_number("font_px", font_px, 0, 100)
        check_number("pixel_ratio", pixel_ratio, 0.25, 8)
        if view_height_px is not None:
            check_number("view_height_px", view_height_px, 0, 100_000)
        if self._fit is None:
            self._fit = FigureFit(self._figure)
        # Room for the notebook's bars (about 120 px in JupyterLab and Notebook 7) and the caption
        # below the figure: the rest of the window is the figure's, so both fit on a laptop's screen.
        max_height = view_height_px - 300 if view_height_px else None
        self._fit.fit(width_px, font_px=font_px or 13.0, pixel_ratio=pixel_ratio,
                      max_height_px=max_height if max_height and max_height > 200 else None)
        self._renderer.forget()
        if self._widget is not None:
            self._image.layout.max_width = f"{round(self._fit.css_width)}px"   # shown at the size it was drawn for
            self._image.value = self.png()

    def _on_page_size(self, change=None) -> None:
        page = self._frontend
        key = (page.width, page.pixel_ratio, page.view_height, page.font_px)
        if page.width <= 0 or key == self._fitted_for:
            return   # several sizes arrive in one message: fit once
        self._fitted_for = key
        try:
            self.fit_to_page(page.width, font_px=page.font_px, pixel_ratio=page.pixel_ratio,
                             view_height_px=page.view_height or None)
        except Exception as error:  # the figure keeps its size; say why instead of losing it in a log
            self._errors.value = f"<p role='alert'>⚠ Could not fit the figure: {type(error).__name__}: {error}</p>"

    def _grey_out_ignored(self) -> None:
        """Disable the controls the current choices ignore, and say why (in the tooltip and a line of text)."""
        ignored = self.ignored
        notes = []
        for name, slider in self._sliders.items():
            slider.disabled = name in ignored
            if name in ignored:
                slider.tooltip = f"Not used now: {ignored[name]}"
                notes.append(f"{self.PARAMS[name].label}: {ignored[name]}")
            else:
                slider.tooltip = self._tooltips[name]
        self._ignored_note.value = _caption_html("Greyed out, because the current choices do not use them: "
                                                 + "; ".join(notes) + ".") if notes else ""
        self._frontend.controls = self._control_names()   # help texts follow the tooltips (sent only when they change)

    def _on_slider(self, change) -> None:
        if self._syncing:
            return
        name = next(n for n, s in self._sliders.items() if s is change["owner"])
        try:
            self.update(**{name: change["new"]})
            self._errors.value = ""
        except Exception as error:  # show the learner what went wrong instead of losing it in a log
            self._errors.value = f"<p role='alert'>⚠ Could not update: {type(error).__name__}: {error}</p>"

    def _sync_widget(self, changes) -> None:
        self._syncing = True
        try:
            for name, value in changes.items():
                if name in self._sliders:
                    self._sliders[name].value = value
        finally:
            self._syncing = False
        self._grey_out_ignored()
        self._image.value = self.png()
        description = self.description
        self._caption.value = _caption_html(description)
        # The image's alt text follows the image: what it shows (the first sentence); the caption,
        # just below it and announced, carries the numbers.
        self._frontend.alt = _first_sentence(description)

    def png(self) -> bytes:
        """The current figure as PNG bytes (redrawing only what changed, when it can)."""
        return self._renderer.png()

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={self._params[name]!r}" for name in self.CONTROLS)
        return f"{type(self).__name__}({shown})\n{self.description}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        # A widget front end shows the live widget; anything else (a saved notebook opened again, a
        # viewer without widgets) falls back to the picture, then to the text. The picture's alt text
        # is the description's first sentence: in the PNG's metadata (the course site, nbconvert) and
        # on an HTML copy, which is what JupyterLab and Notebook 7 put on the page with its alt.
        from smlearn.plots.figure_text import picture_html

        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        png = base64.b64encode(self.png()).decode("ascii")
        picture = {"alt": _first_sentence(self.description)}
        bundle["image/png"] = png
        bundle["text/html"] = picture_html(png, picture)
        bundle["text/plain"] = repr(self)
        return bundle, {"image/png": picture}

    # The hooks a subclass writes. They are public so that a learner or a test can ask what the
    # model gives at other settings without moving the explorer: explorer.run_model({...}).
    def run_model(self, params):
        """Run the model at ``params`` (every parameter, checked) and return its result; the explorer is left as it is."""
        raise NotImplementedError

    def plot(self, result):
        """Draw the figure of ``result`` once; return ``(figure, artists)``."""
        raise NotImplementedError

    def replot(self, artists, result):
        """Change the figure's ``artists`` in place to show ``result``."""
        raise NotImplementedError

    def describe(self, result) -> str:
        """One line of text saying what the figure of ``result`` shows (also its alt text)."""
        raise NotImplementedError

    def ignored_at(self, params) -> dict:
        """The controls that change nothing at ``params``, each with the reason (none unless a subclass says)."""
        return {}


def _grid(controls):
    """Controls in as many columns as fit (one on a narrow notebook): a CSS grid that flows."""
    import ipywidgets as widgets

    grid = widgets.GridBox(controls, layout=widgets.Layout(grid_template_columns="repeat(auto-fill, minmax(250px, 1fr))",
                                                           grid_gap="6px 24px", width="100%"))
    grid.add_class("smlearn-grid")
    return grid


def _first_sentence(text: str) -> str:
    """The description's first sentence: what the figure shows, short enough for alt text.

    >>> _first_sentence("Line chart of visits. Pull overtakes push in week 2; 0.5 a week.")
    'Line chart of visits.'
    """
    import re

    match = re.match(r"(.+?[.!?])(\s|$)", text.strip())
    return match.group(1) if match else text.strip()


def _caption_html(text: str) -> str:
    import html

    return f"<p style='max-width:900px'>{html.escape(text)}</p>"


def _slider_for(param: Param, value):
    """A slider whose range and step are the parameter's own, labelled with its unit (a drop-down for a Choice)."""
    import ipywidgets as widgets

    if isinstance(param, Choice):
        return widgets.Dropdown(
            options=[(str(option), option) for option in param.options],
            value=value,
            description=param.label,
            tooltip=param.doc,
            layout={"width": "auto"},
        )
    kind = widgets.IntSlider if param.integer else widgets.FloatSlider
    decimals = 0 if param.integer else max(0, -int(f"{param.step:e}".split("e")[1]))
    options = {} if param.integer else {"readout_format": f".{decimals}f"}
    return kind(
        value=value,
        min=param.min,
        max=param.max,
        step=param.step,
        description=f"{param.label} ({param.unit})" if param.unit else param.label,
        description_allow_html=False,
        tooltip=param.doc,
        continuous_update=False,  # update on release: a drag would otherwise queue dozens of redraws
        layout={"width": "auto"},
        **options,
    )
