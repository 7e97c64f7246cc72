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
name without "Explorer", in snake case), is listed in ``__init__.pyi`` and is imported
the first time it is used:

- :class:`PushPullExplorer` -- push vs pull website traffic (lessons 02 and 02b).
- :class:`PipelineExplorer` -- from stranger to follower to tie, one week of hours (lesson 02c).
- :class:`NetworkExplorer`, :class:`SpreadExplorer` -- who is connected, and how things spread (lessons 03, 04).
- :class:`FrontPageExplorer`, :class:`MusicLabExplorer` -- ranking, vote rings and social influence (lessons 05, 05b).
- :class:`LinkExplorer` -- links, PageRank and search visits (lesson 06).
- :class:`WeekExplorer` -- every split of a week's hours in the pipeline model, with the near-best region (lesson 07).
- :class:`ReturnsExplorer` -- metrics with honest intervals on samples of posts (lesson 08).
"""

# Submodules load the first time they are used; the stub beside this file (__init__.pyi) lists
# them, so editors and type checkers see them too (lazy_loader, the scientific Python standard).
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
