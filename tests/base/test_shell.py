"""smlearn.shell.notebook_shell: the running IPython shell, or None in plain Python."""

import subprocess
import sys

import pytest

from smlearn.shell import notebook_shell


def test_plain_python_has_no_notebook_shell():
    # A fresh interpreter: inside pytest an earlier test may have started an IPython shell.
    code = "from smlearn.shell import notebook_shell; print(notebook_shell() is None)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "True"


def test_a_given_shell_is_returned_as_it_is():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    assert notebook_shell(shell) is shell


def test_something_that_is_not_a_shell_is_refused_by_name():
    with pytest.raises(TypeError, match="shell must be an IPython shell"):
        notebook_shell(42)
