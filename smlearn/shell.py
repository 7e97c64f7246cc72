"""The notebook's IPython shell, for the pieces that change how a notebook shows things.

Examples
--------
>>> notebook_shell(object())   # a shell must be IPython's, with its display formatter
Traceback (most recent call last):
...
TypeError: shell must be an IPython shell (with a display_formatter); got object

Outside IPython (plain ``python``), ``notebook_shell()`` is None and the callers change nothing.
"""

from __future__ import annotations

__all__ = ["notebook_shell"]


def notebook_shell(shell=None):
    """``shell`` if given, else the running IPython shell; None outside IPython.

    Raises
    ------
    TypeError
        If ``shell`` is given and has no ``display_formatter`` (it is not an IPython shell).
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return None
        shell = get_ipython()
        if shell is None:
            return None
    if not hasattr(shell, "display_formatter"):
        raise TypeError(f"shell must be an IPython shell (with a display_formatter); got {type(shell).__name__}")
    return shell
