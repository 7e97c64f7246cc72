"""Explorers: sliders, a model and a figure that updates in place.

Show one by leaving it as the last line of a cell::

    from smlearn.widgets import PushPullExplorer
    explorer = PushPullExplorer()
    explorer

Drive one from code (what a slider does, and how the tests check explorers)::

    explorer.update(push_hours=10)
    explorer.result      # the model's current result
    explorer.figure      # the matplotlib figure

- :class:`PushPullExplorer` -- push vs pull website traffic (:mod:`smlearn.models.traffic`).
"""

import importlib

# Explorer class name -> the module that defines it; imported on first use to keep `import smlearn` quick.
_EXPLORERS = {"PushPullExplorer": "push_pull", "Explorer": "base"}


def __getattr__(name):
    if name in _EXPLORERS:
        return getattr(importlib.import_module(f"{__name__}.{_EXPLORERS[name]}"), name)
    raise AttributeError(f"module 'smlearn.widgets' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPLORERS))
