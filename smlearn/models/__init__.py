"""The course's models: pure functions, parameters in, tidy results out.

A model never plots, prints or builds a widget, so it can be read, run and tested on
its own. Each module declares ``PARAMS``, the one record of its parameters' defaults,
ranges and units; explorers build their sliders from it.

- :mod:`smlearn.models.traffic` -- push (outreach) vs pull (content found by search) website traffic.
"""

import importlib

_MODELS = {"traffic"}


def __getattr__(name):
    if name in _MODELS:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'smlearn.models' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _MODELS)
