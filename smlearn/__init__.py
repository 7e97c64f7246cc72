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
from pathlib import Path

__version__ = "0.1.0"

# Every public module and package here is reachable as an attribute (smlearn.data,
# smlearn.models, smlearn.exports, ...) without being imported up front.
_SUBMODULES = {p.stem for p in Path(__file__).parent.glob("*.py") if not p.stem.startswith("_")} | {
    p.name for p in Path(__file__).parent.iterdir() if (p / "__init__.py").is_file()
}

__all__ = ["__version__", "check_environment", *sorted(_SUBMODULES)]


def check_environment(lesson=None):
    """Check that a lesson has what it needs, and say where you left off in ``lesson``.

    See :func:`smlearn.environment.check_environment`.
    """
    from smlearn.environment import check_environment as check

    return check(lesson=lesson)


def __getattr__(name):
    # PEP 562: called only for names not found the usual way, so each submodule is imported once, on first use.
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'smlearn' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _SUBMODULES)
