"""Check, from a lesson's first cell, that everything a lesson needs is in place.

Examples
--------
>>> check_environment()
✔ Ready: smlearn, its data sets and the widget library are in place.
"""

from __future__ import annotations

import importlib.util

# Package -> what a learner should know if it is missing.
NEEDED = ("numpy", "pandas", "matplotlib", "ipywidgets")


class Report(str):
    """A message that shows without quotes when it is the last value of a cell."""

    def __repr__(self) -> str:
        return str(self)


def check_environment() -> Report:
    """Return a one-line verdict; on a problem, say exactly what to do about it.

    Checks that the libraries the lessons use are importable, that the course's data
    sets are present and match their checksums, and that the JupyterLab widget
    front end (``jupyterlab_widgets``) is installed beside ``ipywidgets`` and of the
    major version that ``ipywidgets`` expects.
    """
    problems = []
    missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        problems.append(f"missing libraries: {', '.join(missing)} -- run `pip install -e .` in the course folder, then restart the kernel")
    else:
        problems.extend(_widget_problems())
        problems.extend(_data_problems())
    if problems:
        return Report("✘ Not ready:\n" + "\n".join(f"  - {p}" for p in problems))
    return Report("✔ Ready: smlearn, its data sets and the widget library are in place.")


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
