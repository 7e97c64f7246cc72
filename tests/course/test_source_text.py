"""Source files hold text a reader can see: no control characters.

A backslash in a docstring that is not raw turns LaTeX into control characters (``\\frac``
becomes a form feed and "rac", ``\\alpha`` a bell and "lpha"); a learner reading ``help()`` or
``??`` then sees broken mathematics. Tabs and line ends are the only control characters allowed.
"""

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FOLDERS = ("smlearn", "tests", "sources", "docs", "scripts", "benchmarks", "notebooks")
SUFFIXES = {".py", ".pyi", ".md", ".yml", ".yaml", ".toml", ".cfg", ".js", ".css"}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def source_files():
    for folder in FOLDERS:
        for path in sorted((REPO / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "screenshots" not in path.parts:
                yield path


def test_there_are_source_files_to_check():
    assert sum(1 for _ in source_files()) > 100


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_source_file_holds_a_control_character(folder):
    found = []
    for path in source_files():
        if path.relative_to(REPO).parts[0] != folder:
            continue
        text = path.read_text(encoding="utf-8")
        for match in CONTROL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(REPO)}:{line}: {match.group()!r} (write the docstring as r\"\"\"...\"\"\")")
    assert not found, "\n".join(found)
