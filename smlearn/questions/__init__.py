"""The self-check questions of each lesson, one module per lesson.

A lesson imports its module and checks answers in a cell::

    from smlearn.questions import push_and_pull as quiz
    quiz.crossover.check(...)

Right answers are computed from the models or kept as fingerprints (see
:mod:`smlearn.exercises`), never written here in plain text.
"""

from smlearn._lazy import lazy_submodules

__getattr__, __dir__ = lazy_submodules(__name__, __file__)
