"""The course's models: pure functions, parameters in, tidy results out.

A model never plots, prints or builds a widget, so it can be read, run and tested on
its own. Each module declares ``PARAMS``, the one record of its parameters' defaults,
ranges and units; explorers build their sliders from it.

- :mod:`smlearn.models.traffic` -- push (outreach) vs pull (content found by search) website traffic.
"""

from smlearn._lazy import lazy_submodules

__getattr__, __dir__ = lazy_submodules(__name__, __file__)
