"""The package's layers, lowest first: which modules are in each, and what each may use.

A module may use its own layer and the layers below it, never one above: a model never
imports a widget, and reading a data file never loads a model. ``tests/course/test_layers.py``
checks every import against this list, and the course site's API page draws it.

Examples
--------
>>> from smlearn.layers import LAYERS, layer_of
>>> [layer.name for layer in LAYERS][:3]
['base', 'data', 'models']
>>> LAYERS[layer_of("smlearn.models.traffic")].name, LAYERS[layer_of("smlearn.widgets.push_pull")].name
('models', 'widgets')
>>> layer_of("smlearn.new_module")
Traceback (most recent call last):
...
ValueError: module must be in one of smlearn.layers.LAYERS; 'smlearn.new_module' is in none: add it there
"""

from __future__ import annotations

from typing import NamedTuple

from smlearn.params import check_text

__all__ = ["Layer", "LAYERS", "layer_of"]


class Layer(NamedTuple):
    """One layer: its name, the module prefixes in it, and what it is for."""

    name: str
    modules: tuple[str, ...]
    role: str


LAYERS = (
    Layer("base", ("smlearn.params", "smlearn.typed_numbers", "smlearn.shell", "smlearn.profile",
                   "smlearn.vocabulary", "smlearn.frame"),
          "checks of parameters and values, the class profile, the words and the frame every layer shares"),
    Layer("data", ("smlearn.data", "smlearn.exports"),
          "the shipped data sets (checked against their manifest) and platforms' analytics exports"),
    Layer("models", ("smlearn.models", "smlearn.defaults", "smlearn.flips"),
          "pure functions, parameters in and results out; fast engines kept apart in smlearn.models.engines"),
    Layer("real data", ("smlearn.realdata",), "the analyses of the real data sets that the lessons show"),
    Layer("views", ("smlearn.plots", "smlearn.tables"), "figures and tables drawn from results"),
    Layer("widgets", ("smlearn.widgets",), "explorers: sliders that run a model and redraw a view"),
    Layer("course", ("smlearn.exercises", "smlearn.questions", "smlearn.course", "smlearn.pacing",
                     "smlearn.progress", "smlearn.build", "smlearn.cli", "smlearn.checks", "smlearn.environment",
                     "smlearn.hub", "smlearn.classmode", "smlearn.copies", "smlearn.new_lesson", "smlearn.layers", "smlearn"),
          "the lessons' questions, building, checking, copying and handing out the course, and class mode"),
)


def layer_of(module: str) -> int:
    """The position in :data:`LAYERS` of ``module``'s layer (the longest prefix that names it wins).

    A package named in a layer holds all its modules (``smlearn.models`` holds
    ``smlearn.models.traffic``); ``"smlearn"`` itself names only the package's ``__init__``,
    so that a new module at the top of the package has to be given a layer.

    Raises
    ------
    TypeError
        If ``module`` is not a text.
    ValueError
        If no layer names the module.
    """
    check_text("module", module)
    best, rank = "", None
    for i, layer in enumerate(LAYERS):
        for prefix in layer.modules:
            # "smlearn" names the package's own __init__ only: a new top-level module must be placed here
            within = module.startswith(prefix + ".") and prefix != "smlearn"
            if (module == prefix or within) and len(prefix) > len(best):
                best, rank = prefix, i
    if rank is None:
        raise ValueError(f"module must be in one of smlearn.layers.LAYERS; {module!r} is in none: add it there")
    return rank
