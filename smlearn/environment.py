"""Check, from a lesson's first cell, that everything a lesson needs is in place.

Examples
--------
>>> check_environment()
✔ Ready: smlearn, its data sets and the widget library are in place.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

# What the lessons import (distribution name -> module name). The versions they need are read
# from smlearn's own metadata (pyproject.toml), so this list and the package cannot disagree.
NEEDED = {"numpy": "numpy", "pandas": "pandas", "scipy": "scipy", "networkx": "networkx",
          "matplotlib": "matplotlib", "ipywidgets": "ipywidgets", "pyyaml": "yaml"}
# Needed to open the course, not inside a kernel (a JupyterHub kernel may live elsewhere).
NEEDED_TO_OPEN = {"jupyterlab": "jupyterlab", "jupyterlab_widgets": "jupyterlab_widgets", "ipykernel": "ipykernel"}
FIX = "run `pip install -e .` in the course folder (or `pip install -U {name}`), then restart the kernel"


class Report(str):
    """A message that shows without quotes when it is the last value of a cell."""

    def __repr__(self) -> str:
        return str(self)


def check_environment(lesson: str | None = None) -> Report:
    """Return a one-line verdict; on a problem, say exactly what to do about it.

    With ``lesson`` (a lesson's number, ``"03"``), a second line says where the learner left
    off in that lesson, from their progress file (:mod:`smlearn.progress`).

    Checks that the libraries the lessons use are importable, that the course's data
    sets are present and match their checksums, and that the JupyterLab widget
    front end (``jupyterlab_widgets``) is installed beside ``ipywidgets`` and of the
    major version that ``ipywidgets`` expects.
    """
    problems = []
    for ok, line in _library_findings(NEEDED):
        if not ok:
            problems.append(line)
    if not problems:
        problems.extend(_widget_problems())
        problems.extend(_data_problems())
    if problems:
        return Report("✘ Not ready:\n" + "\n".join(f"  - {p}" for p in problems))
    # Each figure a lesson shows keeps its titles as text beside its picture (for tests and readers).
    from smlearn.plots.figure_text import keep_figure_text

    keep_figure_text()
    verdict = "✔ Ready: smlearn, its data sets and the widget library are in place."
    if lesson is not None:
        from smlearn.progress import where_left_off

        verdict += "\n" + where_left_off(lesson)
    return Report(verdict)


def _minimum_versions() -> dict:
    """Distribution name -> version specifier, from smlearn's installed metadata ({} if unknown)."""
    from importlib.metadata import PackageNotFoundError, requires

    try:
        lines = requires("smlearn") or []
    except PackageNotFoundError:   # smlearn run from a folder without being installed
        return {}
    wanted = {}
    for line in lines:
        if "extra ==" in line:
            continue   # test and benchmark extras: not needed to learn
        name = line.split(";")[0].strip()
        for mark in ("<", ">", "=", "!", "~", "["):
            name = name.split(mark)[0]
        wanted[name.strip().lower().replace("-", "_")] = line.split(";")[0].strip()[len(name.strip()):].strip()
    return wanted


def _too_old(installed: str, specifier: str) -> bool:
    try:
        from packaging.specifiers import SpecifierSet
        from packaging.version import InvalidVersion, Version
    except ImportError:   # no way to compare: do not cry wolf
        return False
    try:
        return not SpecifierSet(specifier).contains(Version(installed), prereleases=True)
    except InvalidVersion:
        return False


def _library_findings(libraries: dict) -> list[tuple[bool, str]]:
    """One ``(ok, line)`` per library: missing, too old for smlearn, or its version."""
    from importlib.metadata import PackageNotFoundError, version

    wanted = _minimum_versions()
    findings = []
    for name, module in libraries.items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed is None or importlib.util.find_spec(module) is None:
            findings.append((False, f"{name} is missing, and the lessons import it: {FIX.format(name=name)}"))
            continue
        specifier = wanted.get(name.lower().replace("-", "_"), "")
        if specifier and _too_old(installed, specifier):
            findings.append((False, f"{name} {installed} does not meet smlearn's {name}{specifier}: {FIX.format(name=name)}"))
        else:
            findings.append((True, f"{name} {installed}" + (f" (needs {specifier})" if specifier else "")))
    return findings


def _widget_problems() -> list[str]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        widgets_major = int(version("ipywidgets").split(".")[0])
        frontend = version("jupyterlab_widgets")
    except PackageNotFoundError:
        return ["the JupyterLab widget front end (jupyterlab_widgets) is missing: sliders will not show."
                " Run `pip install ipywidgets` in the environment that runs JupyterLab, then reload the page"]
    # ipywidgets 8 pairs with jupyterlab_widgets 3, ipywidgets 7 with jupyterlab_widgets 1.
    expected = {8: 3, 7: 1}.get(widgets_major)
    if expected is not None and int(frontend.split(".")[0]) != expected:
        return [f"ipywidgets {widgets_major} needs jupyterlab_widgets {expected}.x, found {frontend}:"
                " run `pip install -U ipywidgets jupyterlab_widgets`, then restart JupyterLab"]
    return []


def _data_problems() -> list[str]:
    from smlearn import data

    problems = []
    try:
        names = data.list_datasets()["name"]
    except (OSError, ValueError) as error:
        return [f"the course data cannot be read ({error}); reinstall smlearn"]
    for name in names:
        try:
            data.load(name)
        except (OSError, ValueError) as error:
            problems.append(f"data set {name!r}: {error}")
    return problems


def diagnose() -> list[tuple[bool, str]]:
    """Every check ``smlearn doctor`` makes, as ``(ok, line)`` pairs; a failing line says what to do.

    Besides :func:`check_environment`'s checks it reports the versions that matter, and
    whether Jupyter can start a kernel on this Python and find the widget extension.
    """
    import sys

    import smlearn

    findings = [(sys.version_info >= (3, 11), f"Python {sys.version.split()[0]} (3.11 or newer needed)")]
    findings.append((True, f"smlearn {smlearn.__version__} from {Path(smlearn.__file__).parent}"))
    libraries = _library_findings({**NEEDED, **NEEDED_TO_OPEN})
    findings.extend(libraries)
    if not all(ok for ok, _ in libraries[:len(NEEDED)]):
        # The data checks import the libraries above: with one missing they would only repeat it.
        findings.append((False, "the data sets were not checked: install the missing libraries first"))
        return findings
    problems = _widget_problems()
    findings.append((not problems, problems[0] if problems else "the widget front end matches ipywidgets"))
    extension = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter-widgets" / "jupyterlab-manager"
    findings.append((extension.is_dir(), "JupyterLab's widget extension is installed" if extension.is_dir() else
                     f"JupyterLab's widget extension is not in {extension.parent.parent}: run `pip install -U jupyterlab_widgets`"))
    findings.append(_kernel_finding())
    problems = _data_problems()
    findings.append((not problems, "; ".join(problems) if problems else "every data set is present and matches its checksum"))
    return findings


def _kernel_finding() -> tuple[bool, str]:
    import sys

    try:
        from jupyter_client.kernelspec import KernelSpecManager

        spec = KernelSpecManager().get_kernel_spec("python3")
    except Exception as error:  # jupyter_client missing, or no python3 kernel at all
        return False, f"Jupyter cannot find a python3 kernel ({error}): run `pip install ipykernel`"
    python = spec.argv[0]
    same = python in ("python", "python3", "{python}") or Path(python).resolve() == Path(sys.executable).resolve()
    if same:
        return True, "Jupyter's python3 kernel runs this Python"
    return False, (f"Jupyter's python3 kernel runs {python}, not this Python ({sys.executable}): lessons may not find smlearn."
                   " Run `python -m ipykernel install --user` from this environment")
