"""`smlearn doctor` and a lesson's first cell check every library the lessons import, against the
versions pyproject.toml asks for, and never say all is well when a lesson would fail (issue 15)."""

import importlib.metadata
import importlib.util
import tomllib
from pathlib import Path

import pytest

from smlearn import environment
from smlearn.cli import main

PYPROJECT = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))


def pretend(monkeypatch, *, missing=(), versions=None):
    """Make some libraries look missing, or installed at another version."""
    real_version, real_find_spec = importlib.metadata.version, importlib.util.find_spec
    versions = versions or {}

    def version(name):
        if name in missing:
            raise importlib.metadata.PackageNotFoundError(name)
        return versions.get(name) or real_version(name)

    def find_spec(name, *args):
        if name in {environment.NEEDED.get(m, m) for m in missing}:
            return None
        return real_find_spec(name, *args)

    monkeypatch.setattr(importlib.metadata, "version", version)
    monkeypatch.setattr(environment.importlib.util, "find_spec", find_spec)


def test_every_runtime_dependency_is_checked():
    declared = set()
    for line in PYPROJECT["project"]["dependencies"]:
        declared.add(line.split(">")[0].split("=")[0].split("<")[0].strip().lower())
    assert declared <= set(environment.NEEDED) | set(environment.NEEDED_TO_OPEN)


@pytest.mark.parametrize("library", ["scipy", "pyyaml", "networkx"])
def test_a_missing_library_is_named_with_its_fix_and_never_all_good(library, monkeypatch, capsys):
    pretend(monkeypatch, missing=(library,))
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert f"✘ {library} is missing" in out and "pip install" in out
    assert "All good." not in out and "Traceback" not in out
    assert str(environment.check_environment()).startswith("✘ Not ready")


def test_a_library_older_than_pyproject_asks_is_flagged(monkeypatch, capsys):
    pretend(monkeypatch, versions={"scipy": "1.5.0"})
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "✘ scipy 1.5.0 does not meet smlearn's scipy>=1.11" in out


def test_a_complete_environment_is_all_good(capsys):
    assert main(["doctor"]) == 0
    assert "All good." in capsys.readouterr().out
