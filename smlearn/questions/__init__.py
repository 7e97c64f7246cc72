"""The self-check questions of each lesson, one module per lesson.

A lesson imports its module and checks answers in a cell::

    from smlearn.questions import push_and_pull as quiz
    quiz.crossover.check(...)

Right answers are computed from the models or kept as fingerprints (see
:mod:`smlearn.exercises`), never written here in plain text.
"""

# Each lesson's module loads the first time it is used (smlearn.questions.push_and_pull). The list is
# in __init__.pyi, which editors and type checkers read too; `smlearn new-lesson` adds a lesson's module to it.
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
