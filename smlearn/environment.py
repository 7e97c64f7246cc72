"""Check, from a lesson's first cell or ``smlearn doctor``, that everything a lesson needs is in place.

What is checked comes from smlearn's own requirements (``pyproject.toml``, or the installed
package's metadata when there is no checkout), so a dependency added there is checked with no
change here: each is installed, of a version the requirement allows, and importable. The widget
front end is checked the same way, from what the widget libraries themselves require.

Nothing that could fail to import is imported before its library has been checked, so a missing
library is one ✘ line with its fix, never a traceback.

Examples
--------
>>> check_environment()
✔ Ready: smlearn, its data sets and the widget library are in place.
>>> any(r.name == "scipy" for r in requirements())
True
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata as metadata
import importlib.util
import sys
from pathlib import Path

__all__ = ["FRONT_END_ONLY", "INSTALL_ALL", "Report", "check_environment", "diagnose", "requirements"]

# Needed to open the course, not imported by a lesson's code: the doctor only looks for them (importing
# jupyterlab takes seconds) and a lesson's first cell skips them, since a JupyterHub may run JupyterLab
# from another environment than the kernel.
FRONT_END_ONLY = {"jupyterlab"}
INSTALL_ALL = "pip install -e . in the course folder"


class Report(str):
    """A message that shows without quotes when it is the last value of a cell."""

    def __repr__(self) -> str:
        return str(self)


def check_environment(lesson: str | None = None) -> Report:
    """Return a one-line verdict; on a problem, say exactly what to do about it.

    With ``lesson`` (a lesson's number, ``"03"``), a second line says where the learner left
    off in that lesson, from their progress file (:mod:`smlearn.progress`).

    Checks that every library smlearn requires (but JupyterLab itself) is installed at a version
    it allows and imports, that the widget front end matches the widget libraries, and that the
    course's data sets are present and match their checksums.
    """
    findings = _library_findings(in_kernel=True)
    if all(ok for ok, _ in findings):
        findings += _front_end_findings(in_kernel=True)
        findings.append(_data_finding())
    problems = [line for ok, line in findings if not ok]
    if problems:
        return Report("✘ Not ready:\n" + "\n".join(f"  - {p}" for p in problems))
    # Each figure a lesson shows keeps its titles as text beside its picture (for tests and readers).
    from smlearn.plots.figure_text import keep_figure_text

    keep_figure_text()
    # Tables without empty header cells, which a screen reader announces as headers without a name.
    from smlearn.tables import keep_tables_readable

    keep_tables_readable()
    verdict = "✔ Ready: smlearn, its data sets and the widget library are in place."
    if lesson is not None:
        from smlearn.progress import where_left_off

        verdict += "\n" + where_left_off(lesson)
    return Report(verdict)


def diagnose() -> list[tuple[bool, str]]:
    """Every check ``smlearn doctor`` makes, as ``(ok, line)`` pairs; a failing line says what to do.

    Besides :func:`check_environment`'s checks it reports the Python version, where smlearn
    runs from, JupyterLab, the JupyterLab extensions the widget libraries bring, and whether
    Jupyter starts a kernel on this Python.
    """
    import smlearn   # its __init__ imports nothing that could be missing

    wanted = _requires_python()
    findings = [(_allows(wanted, sys.version.split()[0]), f"Python {sys.version.split()[0]} (smlearn needs {wanted or 'any'})"),
                (True, f"smlearn {smlearn.__version__} from {Path(smlearn.__file__).parent}")]
    libraries = _library_findings(in_kernel=False)
    findings += libraries
    findings += _front_end_findings(extensions=True)
    findings.append(_kernel_finding())
    if all(ok for ok, _ in libraries):
        findings.append(_data_finding())
    else:
        # Reading the data needs the libraries above: with one missing it would only repeat it.
        findings.append((False, "the data sets were not checked: install the missing libraries first"))
    return findings


# --- what smlearn requires -------------------------------------------------------------------------

def _packaging():
    """packaging's Requirement, SpecifierSet, version module and InvalidRequirement (pip carries a copy
    when packaging itself is missing)."""
    try:
        from packaging import requirements, specifiers, version
    except ImportError:
        from pip._vendor.packaging import requirements, specifiers, version
    return requirements.Requirement, specifiers.SpecifierSet, version, requirements.InvalidRequirement


def _project() -> dict | None:
    """The [project] table of the pyproject.toml beside the package, when smlearn runs from its folder.

    An editable install's metadata is frozen at install time; the checkout's pyproject.toml
    says what the lessons of this checkout need.
    """
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if not pyproject.is_file():
        return None
    import tomllib

    project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    return project if project.get("name") == "smlearn" else None


def requirements() -> list:
    """smlearn's runtime requirements as ``packaging`` Requirements; extras (tests, benchmarks) left out."""
    Requirement = _packaging()[0]
    project = _project()
    if project is not None:
        lines = project.get("dependencies", [])
    else:
        try:
            lines = metadata.requires("smlearn") or []
        except metadata.PackageNotFoundError:
            lines = []
    return [r for r in map(Requirement, lines) if _applies(r)]


def _requires_python() -> str:
    project = _project()
    if project is not None:
        return project.get("requires-python", "")
    try:
        return metadata.metadata("smlearn")["Requires-Python"] or ""
    except metadata.PackageNotFoundError:
        return ""


def _applies(requirement) -> bool:
    """True unless the requirement is for an extra or another platform or Python."""
    return requirement.marker is None or requirement.marker.evaluate({"extra": ""})


def _allows(specifier: str, installed: str) -> bool:
    _, SpecifierSet, version, _ = _packaging()
    try:
        return SpecifierSet(specifier).contains(version.Version(installed), prereleases=True)
    except version.InvalidVersion:   # a version we cannot read (a local build): do not cry wolf
        return True


def _wanted(requirement) -> str:
    """The requirement as pip takes it: name, extras and versions, without markers."""
    extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
    return f"{requirement.name}{extras}{requirement.specifier}"


def _fix(requirement, restart: str = "restart the kernel") -> str:
    return f'run pip install -U "{_wanted(requirement)}" (or {INSTALL_ALL}), then {restart}'


# --- the libraries ---------------------------------------------------------------------------------

def _library_findings(*, in_kernel: bool) -> list[tuple[bool, str]]:
    """One ``(ok, line)`` per runtime requirement, and a ``✘`` line per library one of them needs in turn
    (as ``pip check`` would: the widget front end that ipywidgets needs, for example).

    A library is imported, as a lesson would, only once it and what it needs are in place, so that a
    missing library is reported once rather than again by every library that imports it.
    """
    try:
        wanted = requirements()
    except ImportError:
        return [(False, f"the packaging library is missing, so smlearn's requirements cannot be read: run {INSTALL_ALL}")]
    if not wanted:
        return [(False, f"smlearn's requirements cannot be read (smlearn is not installed): run {INSTALL_ALL}")]
    findings, failed = [], set()
    for requirement in wanted:
        if in_kernel and requirement.name in FRONT_END_ONLY:
            continue
        ok, line = _installed_finding(requirement, "smlearn")
        if not ok:
            if _key(requirement.name) not in failed:
                findings.append((False, line))
                failed.add(_key(requirement.name))
            continue
        needed_by = f"{requirement.name} {metadata.version(requirement.name)}"
        theirs = _their_requirements(requirement.name)
        # A front end is picked up by JupyterLab when it starts, not by the kernel.
        restart = "restart JupyterLab and reload the page" if _front_end_pieces(requirement.name) else "restart the kernel"
        lacking = []
        for piece in theirs:
            piece_ok, piece_line = _installed_finding(piece, needed_by, restart)
            if not piece_ok:
                lacking.append(piece.name)
                if _key(piece.name) not in failed:
                    findings.append((False, piece_line))
                    failed.add(_key(piece.name))
        if lacking:
            findings.append((False, f"{needed_by} will not work until {' and '.join(lacking)} {'is' if len(lacking) == 1 else 'are'} fixed (see above)"))
        elif requirement.name not in FRONT_END_ONLY:
            findings.append(_import_finding(requirement, line))
        else:
            findings.append((True, line))
    return findings


def _their_requirements(name: str) -> list:
    """What an installed distribution requires in turn (extras and other platforms left out)."""
    Requirement, InvalidRequirement = _packaging()[0], _packaging()[3]
    found = []
    for line in metadata.requires(name) or []:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:   # another project's odd metadata is not the learner's problem
            continue
        if _applies(requirement):
            found.append(requirement)
    return found


def _key(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _installed_finding(requirement, needed_by: str, restart: str = "restart the kernel") -> tuple[bool, str]:
    """Whether a requirement is installed, at a version it allows, and its modules can be found."""
    name = requirement.name
    try:
        installed = metadata.version(name)
    except metadata.PackageNotFoundError:
        return False, f"{name} is missing ({needed_by} needs {_wanted(requirement)}): {_fix(requirement, restart)}"
    if not _allows(str(requirement.specifier), installed):
        return False, f"{name} {installed} is installed, but {needed_by} needs {_wanted(requirement)}: {_fix(requirement, restart)}"
    for module in _modules(name):
        if importlib.util.find_spec(module) is None:
            return False, f"{name} {installed} is installed, but Python cannot find its module {module}: {_fix(requirement, restart)}"
    return True, f"{name} {installed} ({needed_by} needs {_wanted(requirement)})"


def _import_finding(requirement, line: str) -> tuple[bool, str]:
    """Import the library as a lesson would: a broken install (a compiled part that does not load) fails here."""
    for module in _modules(requirement.name):
        try:
            importlib.import_module(module)
        except Exception as error:
            return False, (f"{requirement.name} {metadata.version(requirement.name)} is installed, but `import {module}` fails"
                           f" ({type(error).__name__}: {error}): {_fix(requirement)}")
    return True, line


def _modules(name: str) -> list[str]:
    """The top-level modules a lesson imports from a distribution: ``pyyaml`` -> ``["yaml"]``."""
    try:
        found = (metadata.distribution(name).read_text("top_level.txt") or "").split()
    except metadata.PackageNotFoundError:
        return []
    if not found:   # wheels built without top_level.txt: the packages and modules they install
        parts = [path.split("/") for path in _installed_files(name, metadata.version(name))]
        found = sorted({p[0] for p in parts if len(p) == 2 and p[1] == "__init__.py"} |
                       {p[0].removesuffix(".py") for p in parts if len(p) == 1 and p[0].endswith(".py")})
    # A distribution named like its module is imported as that module only (matplotlib, not pylab too).
    return [_key(name)] if _key(name) in found else [m for m in found if not m.startswith("_")]


@functools.lru_cache(maxsize=256)
def _installed_files(name: str, version: str) -> tuple[str, ...]:
    """The paths a distribution installed (its RECORD read as text: building its ``files`` takes seconds).

    ``version`` is in the key so that an upgrade is seen without restarting Python.
    """
    distribution = metadata.distribution(name)
    record = distribution.read_text("RECORD")
    if record is None:   # installed without a RECORD (egg-info): what importlib.metadata lists
        return tuple(f.as_posix() for f in distribution.files or ())
    return tuple(line.rsplit(",", 2)[0].strip('"') for line in record.splitlines() if line)


# --- the widget front end --------------------------------------------------------------------------

def _front_end_pieces(name: str) -> list[str]:
    """The installed distributions that bring a library's front end: itself (anywidget) or what it
    requires (ipywidgets: widgetsnbextension and jupyterlab_widgets)."""
    try:
        theirs = [r.name for r in _their_requirements(name)]
    except metadata.PackageNotFoundError:
        return []
    return [piece for piece in [name, *theirs] if _front_end_files(piece)]


def _front_end_findings(*, in_kernel: bool = False, extensions: bool = False) -> list[tuple[bool, str]]:
    """A line per runtime library with a front end, once its pieces are in place (their versions are
    checked by :func:`_library_findings`); with ``extensions``, whether JupyterLab finds them."""
    try:
        wanted = requirements()
    except ImportError:
        return []   # already reported by _library_findings
    findings = []
    for requirement in wanted:
        if in_kernel and requirement.name in FRONT_END_ONLY or not _installed_finding(requirement, "smlearn")[0]:
            continue
        pieces = _front_end_pieces(requirement.name)
        needed_by = f"{requirement.name} {metadata.version(requirement.name)}"
        helpers = [piece for piece in pieces if piece != requirement.name]
        # Only when all it needs is in place; else _library_findings' ✘ lines say what is wrong.
        if helpers and all(_installed_finding(r, needed_by)[0] for r in _their_requirements(requirement.name)):
            versions = ", ".join(f"{piece} {metadata.version(piece)}" for piece in helpers)
            findings.append((True, f"the widget front end matches {needed_by}: {versions}"))
        if extensions:
            for piece in pieces:
                findings += [_extension_finding(piece, extension) for extension in _lab_extensions(piece)]
    return findings


def _front_end_files(name: str) -> list[str]:
    try:
        files = _installed_files(name, metadata.version(name))
    except metadata.PackageNotFoundError:
        return []
    return [f for f in files if "share/jupyter/labextensions/" in f or "share/jupyter/nbextensions/" in f]


def _lab_extensions(name: str) -> list[str]:
    """The JupyterLab extensions a distribution installs, by name (``@jupyter-widgets/jupyterlab-manager``)."""
    names = set()
    for file in _front_end_files(name):
        path = file.split("share/jupyter/labextensions/", 1)
        if len(path) == 2 and path[1].endswith("/package.json") and path[1].count("/") <= 2:
            names.add(path[1].removesuffix("/package.json"))
    return sorted(names)


def _extension_folders() -> list[Path]:
    """The folders JupyterLab reads its installed extensions from."""
    try:
        from jupyter_core.paths import jupyter_path

        return [Path(folder) for folder in jupyter_path("labextensions")]
    except ImportError:   # no Jupyter in this environment: where pip puts them
        return [Path(sys.prefix) / "share" / "jupyter" / "labextensions"]


def _extension_finding(distribution: str, extension: str) -> tuple[bool, str]:
    folders = _extension_folders()
    if any((folder / extension / "package.json").is_file() for folder in folders):
        return True, f"JupyterLab finds the {extension} extension ({distribution})"
    return False, (f"JupyterLab will not find the {extension} extension ({distribution}) in {', '.join(map(str, folders))}:"
                   f" run pip install --force-reinstall --no-deps {distribution}, then restart JupyterLab and reload the page")


# --- data and kernel -------------------------------------------------------------------------------

def _data_finding() -> tuple[bool, str]:
    try:
        from smlearn import data

        problems = []
        for name in data.list_datasets()["name"]:
            try:
                data.load(name)
            except (OSError, ValueError) as error:
                problems.append(f"data set {name!r}: {error}")
    except Exception as error:   # the data module or the manifest itself: say so in one line
        return False, f"the course data cannot be read ({type(error).__name__}: {error}); reinstall smlearn ({INSTALL_ALL})"
    if problems:
        return False, "; ".join(problems)
    return True, "every data set is present and matches its checksum"


def _kernel_finding() -> tuple[bool, str]:
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        spec = KernelSpecManager().get_kernel_spec("python3")
    except Exception as error:  # jupyter_client missing, or no python3 kernel at all
        return False, f"Jupyter cannot find a python3 kernel ({error}): run pip install ipykernel"
    python = spec.argv[0]
    same = python in ("python", "python3", "{python}") or Path(python).resolve() == Path(sys.executable).resolve()
    if same:
        return True, "Jupyter's python3 kernel runs this Python"
    return False, (f"Jupyter's python3 kernel runs {python}, not this Python ({sys.executable}): lessons may not find smlearn."
                   " Run python -m ipykernel install --user from this environment")
