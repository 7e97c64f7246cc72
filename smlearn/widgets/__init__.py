"""Explorers: sliders, a model and a figure that updates in place.

Show one by leaving it as the last line of a cell::

    from smlearn.widgets import PushPullExplorer
    explorer = PushPullExplorer()
    explorer

Drive one from code (what a slider does, and how the tests check explorers)::

    explorer.update(push_hours=10)
    explorer.result      # the model's current result
    explorer.figure      # the matplotlib figure

Each explorer ``SomethingExplorer`` lives in the module ``something.py`` (the class
name without "Explorer", in snake case) and is imported the first time it is used:

- :class:`PushPullExplorer` -- push vs pull website traffic (lessons 02 and 02b).
- :class:`PipelineExplorer` -- from stranger to follower to tie, one week of hours (lesson 02c).
- :class:`NetworkExplorer`, :class:`SpreadExplorer` -- who is connected, and how things spread (lessons 03, 04).
- :class:`FrontPageExplorer`, :class:`MusicLabExplorer` -- ranking, vote rings and social influence (lessons 05, 05b).
- :class:`LinkExplorer` -- links, PageRank and search visits (lesson 06).
- :class:`WeekExplorer` -- every split of a week's hours in the pipeline model, with the near-best region (lesson 07).
- :class:`EffortExplorer` -- the older posting / replies / upkeep model (no lesson uses it now).
- :class:`ReturnsExplorer` -- metrics with honest intervals on samples of posts (lesson 08).
"""

import importlib
import re

from smlearn._lazy import submodule_names

_MODULES = submodule_names(__file__)


def module_for(class_name: str) -> str:
    """The module that defines an explorer class: ``PushPullExplorer`` -> ``push_pull``.

    Examples
    --------
    >>> module_for("PushPullExplorer"), module_for("Explorer")
    ('push_pull', 'base')
    """
    if class_name == "Explorer":
        return "base"
    stem = class_name.removesuffix("Explorer")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", stem).lower()


def __getattr__(name):
    module = module_for(name) if name.endswith("Explorer") else None
    if module in _MODULES:
        return getattr(importlib.import_module(f"{__name__}.{module}"), name)
    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'smlearn.widgets' has no attribute {name!r}")


def __dir__():
    return sorted(_MODULES)
