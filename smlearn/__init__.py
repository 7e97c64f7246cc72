"""smlearn: models, data and explorers for a course on social media and social networking.

Importing smlearn is cheap on purpose: a lesson's first cell should answer at once.
The submodules (and the heavy libraries they use: numpy, pandas, matplotlib,
ipywidgets) load the first time you touch them, e.g. ``smlearn.models.traffic``.

Examples
--------
>>> import smlearn
>>> smlearn.__version__
'0.1.0'
"""

import importlib

__version__ = "0.1.0"

# Submodules reachable as attributes (smlearn.data, smlearn.models, ...) without importing them up front.
_SUBMODULES = {"data", "models", "plots", "widgets", "exercises", "params", "cli"}

__all__ = ["__version__", *sorted(_SUBMODULES)]


def __getattr__(name):
    # PEP 562: called only for names not found the usual way, so each submodule is imported once, on first use.
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'smlearn' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _SUBMODULES)
