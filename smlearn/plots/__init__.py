"""Figures from model results, in one house style.

Each topic has ``plot_<topic>(result, ...) -> artists`` to draw a figure once and
``update_<topic>(artists, result)`` to change it in place when the result changes,
which is what keeps an explorer's slider quick. Figures are made with
``matplotlib.figure.Figure`` (not pyplot), so building one never pops up a window
or an extra image in a notebook; show one by leaving it as the last line of a cell.

- :mod:`smlearn.plots.style` -- palette, line styles and the helpers every figure uses.
- :mod:`smlearn.plots.render` -- fast PNG rendering that redraws only what changed.
- :mod:`smlearn.plots.activities` -- the activities data set (lesson 01).
- :mod:`smlearn.plots.traffic` -- push vs pull traffic (lesson 02).
- :mod:`smlearn.plots.networks`, :mod:`smlearn.plots.spread` -- network structure and spreading (lessons 03, 04).
- :mod:`smlearn.plots.crowds`, :mod:`smlearn.plots.links` -- front pages, markets, link webs (lessons 05, 06).
- :mod:`smlearn.plots.effort`, :mod:`smlearn.plots.returns` -- effort against returns in real data, and analytics (lessons 07, 08).
"""

# Submodules load the first time they are used; the stub beside this file (__init__.pyi) lists
# them, so editors and type checkers see them too (lazy_loader, the scientific Python standard).
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
