"""``smlearn class serve`` refuses bad options before it loads anything, saying what is allowed.

Serving itself (codes printed, Ctrl-C, a restart after kill -9) is in tests/classmode/test_faults.py.
"""

from __future__ import annotations

import pytest

from smlearn.cli import main


@pytest.mark.parametrize(("options", "message"), [
    (["--code", "a b c d e"], "student_code must be 8 to 64 printable characters without spaces"),
    (["--code", "tulip42"], "student_code must be 8 to 64 printable characters"),
    (["--instructor-code", "oak-tree-7"], "instructor_code must be 12 to 64 printable characters"),
    (["--code", "same-code-twelve", "--instructor-code", "same-code-twelve"], "must differ"),
    (["--port", "70000"], "--port must be from 1 to 65535; got 70000"),
    (["--database", "no/such/folder/class.sqlite"], "database must be a file in a folder that exists"),
    (["--database", "mysql://x/y"], "database must be a SQLite file or a postgresql:// URL"),
])
def test_bad_options_are_refused_by_name(options, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["class", "serve", *options]) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir()), "nothing is written for a refused command"
