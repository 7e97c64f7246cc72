"""smlearn: models, data and explorers for a course on social media and social networking.

Importing smlearn is cheap on purpose: a lesson's first cell should answer at once.
The submodules (and the heavy libraries they use: numpy, pandas, matplotlib,
ipywidgets) load the first time you touch them, e.g. ``smlearn.models.traffic``.
``smlearn.check_environment`` is :func:`smlearn.environment.check_environment`.

The package is built in layers (:mod:`smlearn.layers`): base, data, models, real data,
views, widgets and the course; each uses only the layers below it.

Examples
--------
>>> import smlearn
>>> smlearn.__version__
'0.1.0'
"""

__version__ = "0.1.0"

# Every public module and package is reachable as an attribute (smlearn.data, smlearn.models, ...)
# without being imported up front; __init__.pyi lists them for editors and type checkers.
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
__all__ = ["__version__", *__all__]
