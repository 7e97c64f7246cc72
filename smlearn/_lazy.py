"""Lazy submodules: ``package.name`` imports ``package/name.py`` the first time it is used.

A package's ``__init__`` hands its ``__getattr__`` and ``__dir__`` to this helper, so
adding a module file is all it takes to add a model, a view or a question set, and
nothing heavy is imported before it is needed (``import smlearn`` stays instant).
"""

from __future__ import annotations

import importlib
from pathlib import Path


def submodule_names(package_file: str) -> set[str]:
    """The public module names (files not starting with ``_``) beside ``package_file``."""
    return {p.stem for p in Path(package_file).parent.glob("*.py") if not p.stem.startswith("_")}


def lazy_submodules(package_name: str, package_file: str):
    """Return ``(__getattr__, __dir__)`` functions for a package with lazy submodules."""
    names = submodule_names(package_file)

    def __getattr__(name):
        if name in names:
            return importlib.import_module(f"{package_name}.{name}")
        raise AttributeError(f"module {package_name!r} has no attribute {name!r}")

    def __dir__():
        return sorted(names)

    return __getattr__, __dir__
