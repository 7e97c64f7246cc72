"""The self-check questions of each lesson, one module per lesson.

A lesson imports its module and checks answers in a cell::

    from smlearn.questions import push_and_pull as quiz
    quiz.crossover.check(...)

Right answers are computed from the models or kept as fingerprints (see
:mod:`smlearn.exercises`), never written here in plain text.
"""

# Each lesson's module loads the first time it is used (smlearn.questions.push_and_pull). The list
# is the folder's files, not a stub: `smlearn new-lesson` adds a module here and nothing else.
from pathlib import Path as _Path

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(
    __name__, sorted(p.stem for p in _Path(__file__).parent.glob("*.py") if not p.stem.startswith("_")))
