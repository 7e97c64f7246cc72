"""Rebuild what an edit or a class profile changed: ``smlearn build``.

A lesson's notebook is made from its source (``sources/NN_name.md``) by running it, so it
goes stale when the source changes or when anything its code uses changes: a module of
``smlearn`` (found by reading the imports, through smlearn's own imports too), a data file,
its question module, its record in ``course.yml``, or a default of the active class profile
(``smlearn/class_profile.yml``). :func:`run_lesson` stores a hash of each of those files in the
notebook's metadata, so :func:`stale_lessons` can say which notebooks are out of date and which
file made them so. A lesson's instructor notes and their facts file are not among those inputs (the
notebook never reads them); the metadata keeps their hashes as they were when the lesson's facts
last held in a build, so :func:`edited_notes` can say whose facts an edit to them calls for checking.

With a profile, :func:`build` first rewrites the course to it: the story words in the prose,
questions and instructor notes, and each checked fact whose value the new defaults change
(its value and the number in its sentence). Numbers it cannot rewrite safely, and every other
sentence that quotes a number the profile changed, are listed in the report for a person to read.

Examples
--------
>>> deps = dependency_map()
>>> "smlearn/models/traffic.py" in deps["00"]        # lesson 00 shows lesson 02's explorer
True
>>> "smlearn/models/traffic.py" in deps["03"]
False
>>> number_tokens("about 3,000 people, a 25 % click rate and five hours")
[(6, 11, 3000.0, 'number'), (22, 26, 0.25, 'percent'), (42, 46, 5.0, 'word')]
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from smlearn.params import check_flag, check_items, check_number, check_path

# The commands' API; the other functions (run_lesson, build_inputs, ...) are the steps, for scripts and tests.
__all__ = ["dependency_map", "stale_lessons", "build", "Report"]

PACKAGE = Path(__file__).resolve().parent
# jupytext's pairing across two folders: notebooks/NN_name.ipynb <-> sources/NN_name.md
FORMATS = "notebooks///ipynb,sources///md:myst"
METADATA_KEY = "smlearn"          # notebook.metadata["smlearn"]["inputs"]: {file: hash} at the last build
CHECKED_KEY = "checked"           # notebook.metadata["smlearn"]["checked"]: {notes or facts file: hash} when its facts last held
PROFILE_FILE = "smlearn/class_profile.yml"


def course_root() -> Path:
    """The course repository this smlearn belongs to (the folder with ``sources/`` and ``notebooks/``)."""
    root = PACKAGE.parent
    if not (root / "sources").is_dir():
        raise FileNotFoundError("smlearn build works on a clone of the course repository (it needs sources/)")
    return root


def _root(root) -> Path:
    if root is None:
        return course_root()
    root = check_path("root", root)
    if not (root / "sources").is_dir() or not (root / "notebooks" / "course.yml").is_file():
        raise FileNotFoundError(f"root must be a course folder (with sources/ and notebooks/course.yml); got {str(root)!r}")
    return root


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


# --- what each lesson depends on -------------------------------------------------------------------

def _module_file(name: str, package_root: Path) -> Path | None:
    """The file of module ``smlearn.x.y``: ``smlearn/x/y.py`` or ``smlearn/x/y/__init__.py``."""
    base = package_root.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _deepest_module(parts: list[str], package_root: Path) -> str | None:
    """The smlearn module that ``parts`` (a dotted name, attributes may follow) comes from.

    smlearn's packages load their submodules lazily on attribute access, so
    ``smlearn.models.traffic.simulate`` uses ``smlearn.models.traffic`` without importing it;
    a name a package takes from one of its modules (``smlearn.realdata.mp_followers``) comes
    from that module.
    """
    found = None
    for end in range(1, len(parts) + 1):
        name = ".".join(parts[:end])
        if _module_file(name, package_root):
            found = name
            continue
        if found and _module_file(found, package_root).name == "__init__.py":
            found = _reexports(found, package_root).get(parts[end - 1], found)
        break
    return found


_PARSED: dict = {}   # (file, mtime) -> syntax tree
_USES: dict = {}     # (file, mtime) -> (modules used, string constants)


def _parse_module(name: str, package_root: Path):
    """The syntax tree of an smlearn module (cached by file and modification time)."""
    path = _module_file(name, package_root)
    key = (path, path.stat().st_mtime_ns)
    if key not in _PARSED:
        _PARSED[key] = ast.parse(path.read_text(encoding="utf-8"))
    return _PARSED[key]


def _reexports(package: str, package_root: Path) -> dict[str, str]:
    """The names a package takes from its own modules, each with that module.

    A package that loads its modules lazily lists them in its stub (``__init__.pyi``,
    read by lazy_loader and by editors); the others import them in ``__init__.py``.
    """
    names = {}
    stub = _module_file(package, package_root).with_suffix(".pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8")) if stub.is_file() else _parse_module(package, package_root)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            base = _absolute(node, package + ".__init__")
            if base.split(".")[0] == "smlearn":
                for alias in node.names:
                    names[alias.asname or alias.name] = _deepest_module([*base.split("."), alias.name], package_root) or base
    return names


def _absolute(node: ast.ImportFrom, module: str) -> str:
    base = node.module or ""
    if node.level:
        package = module.split(".")[: -node.level] if module else []
        base = ".".join(package + ([base] if base else []))
    return base


def _dotted(node) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    return None


def modules_used(code, package_root: Path, module: str = "") -> tuple[set[str], set[str]]:
    """The smlearn modules ``code`` (a text or a syntax tree) uses, and its string constants.

    Uses are imports and attribute chains such as ``smlearn.models.traffic.simulate``.
    ``module`` is the code's own module name, for relative imports. A package's ``__init__``
    (``module`` ending in ``.__init__``) does not use the modules it merely takes names from:
    those count when a name is used (see :func:`_deepest_module`).
    """
    tree = code if isinstance(code, ast.AST) else ast.parse(code)
    skip = set()
    if module.endswith(".__init__"):
        skip = {id(node) for node in tree.body if isinstance(node, ast.ImportFrom)}
    used, names, strings = set(), {}, set()   # names: local name -> smlearn dotted path
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "smlearn":
                    used.add(_deepest_module(alias.name.split("."), package_root) or "smlearn")
                    names[alias.asname or "smlearn"] = alias.name if alias.asname else "smlearn"
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module)
            if base.split(".")[0] != "smlearn":
                continue
            for alias in node.names:
                target = _deepest_module([*base.split("."), alias.name], package_root) or base
                used.add(target)
                names[alias.asname or alias.name] = f"{base}.{alias.name}"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            strings.add(node.value)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            parts = _dotted(node)
            if parts and parts[0] in names:
                target = _deepest_module(names[parts[0]].split(".") + parts[1:], package_root)
                if target:
                    used.add(target)
        elif isinstance(node, ast.Name) and node.id in names:
            target = _deepest_module(names[node.id].split("."), package_root)
            if target:
                used.add(target)
    return used, strings


def module_closure(modules: set[str], package_root: Path, strings: set[str] | None = None) -> set[str]:
    """``modules`` and every smlearn module they use in turn (and the packages they sit in)."""
    seen, todo = set(), list(modules)
    while todo:
        name = todo.pop()
        if name in seen or not _module_file(name, package_root):
            continue
        seen.add(name)
        parts = name.split(".")
        todo += [".".join(parts[:end]) for end in range(1, len(parts))]   # a package's __init__ runs first
        path = _module_file(name, package_root)
        key = (path, path.stat().st_mtime_ns)
        if key not in _USES:
            own = name if path.name != "__init__.py" else name + ".__init__"
            _USES[key] = modules_used(_parse_module(name, package_root), package_root, own)
        more, text = _USES[key]
        todo += more
        if strings is not None:
            strings |= text
    return seen


CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def code_cells(text: str) -> list[str]:
    r"""The code cells of a lesson's MyST source (read directly: importing jupytext takes seconds).

    >>> code_cells("text\n```{code-cell} ipython3\n:tags: [solution]\nx = 1\n```\n")
    ['x = 1\n']
    """
    cells = []
    for body in CODE_CELL.findall(text):
        if body.startswith("---\n"):                    # a YAML block of cell options
            body = body.split("---\n", 2)[2] if body.count("---\n") >= 2 else body
        lines = body.splitlines(keepends=True)
        while lines and lines[0].startswith(":"):       # ":tags: [solution]" lines
            lines.pop(0)
        cells.append("".join(lines))
    return cells


def _notebook_code(source: Path) -> ast.Module:
    """A lesson's code cells as one Python syntax tree (IPython's ``??`` and magics made Python first)."""
    from IPython.core.inputtransformer2 import TransformerManager

    python = TransformerManager()
    body = []
    for cell in code_cells(source.read_text(encoding="utf-8")):
        try:
            body += ast.parse(python.transform_cell(cell)).body
        except SyntaxError:
            pass       # a cell that is not Python (a deliberate error in an exercise) uses nothing
    return ast.Module(body=body, type_ignores=[])


def _datasets(root: Path) -> dict[str, list[Path]]:
    """Each data set's files, by name, from data/manifest.json."""
    manifest = root / "data" / "manifest.json"
    if not manifest.is_file():
        manifest = PACKAGE.parent / "data" / "manifest.json"
    files = {}
    for entry in json.loads(manifest.read_text(encoding="utf-8"))["datasets"]:
        where = manifest.parent / entry["file"]
        if isinstance(entry["sha256"], dict):          # a folder: its listed files
            files[entry["name"]] = [where / name for name in sorted(entry["sha256"])]
        else:
            files[entry["name"]] = [where]
    return files


_COURSES: dict = {}   # (course.yml, mtime) -> its Course: one build reads it many times


def _load_course(root: Path):
    from smlearn.course import load_course

    plan = root / "notebooks" / "course.yml"
    key = (plan.resolve(), plan.stat().st_mtime_ns, plan.stat().st_size)
    if key not in _COURSES:
        _COURSES[key] = load_course(root / "notebooks")
    return _COURSES[key]


def dependency_map(root=None, lessons=None) -> dict[str, dict[str, str]]:
    """For each lesson id, the files it depends on, each with its kind.

    Kinds: ``source``, ``module`` (smlearn code it runs, found from its imports), ``questions``,
    ``data``, ``record`` (its entry in notebooks/course.yml), ``profile`` (the active class
    profile, when a model it uses has settings there), ``notes`` and ``facts`` (its instructor
    notes and their checked facts). Only the first six make the notebook's outputs; see
    :func:`build_inputs`.
    """
    root = _root(root)
    course = _load_course(root)
    package_root = PACKAGE.parent
    datasets = _datasets(root)
    chosen = course.lessons if lessons is None else [course.lesson(i) for i in _check_lessons(root, lessons)]
    result = {}
    for lesson in chosen:
        source = root / "sources" / lesson.file.replace(".ipynb", ".md")
        deps = {_rel(source, root): "source"}
        used, strings = modules_used(_notebook_code(source), package_root)
        used.add(lesson.questions_module)
        for name in sorted(module_closure(used, package_root, strings)):
            path = _module_file(name, package_root)
            kind = "questions" if name == lesson.questions_module else "module"
            local = root / _rel(path, package_root)   # a course copy may hold its own question modules
            deps[_rel(local if local.is_file() else path, root if local.is_file() else package_root)] = kind
        for name in sorted(strings & set(datasets) | set(lesson.datasets)):
            for path in datasets.get(name, []):
                deps[_rel(path, root) if path.is_relative_to(root) else path.as_posix()] = "data"
        deps[f"notebooks/course.yml#{lesson.id}"] = "record"
        if _models_of(deps):
            deps[PROFILE_FILE] = "profile"     # the class profile's settings for those models
        stem = lesson.file.replace(".ipynb", "")
        for path, kind in ((root / "docs" / "instructors" / f"{stem}.md", "notes"),
                           (root / "docs" / "instructors" / "facts" / f"{lesson.id}.yml", "facts")):
            if path.is_file():
                deps[_rel(path, root)] = kind
        result[lesson.id] = deps
    return result


def _module_names(deps: dict[str, str]) -> list[str]:
    return [p.removesuffix(".py").replace("/", ".") for p, kind in deps.items() if kind in ("module", "questions")]


BUILD_KINDS = ("source", "module", "questions", "data", "record", "profile")
# The instructor notes and their facts are not inputs of the notebook: no cell reads them, so an edit
# to them leaves its outputs as they were, and rerunning the lesson (minutes) would change nothing.
# An edit to them calls for checking the lesson's facts instead (see edited_notes).
CHECK_KINDS = ("notes", "facts")


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _models_of(deps: dict[str, str]) -> list[str]:
    """The models (smlearn.models.X) among a lesson's dependencies."""
    return sorted(n.split(".")[2] for n in _module_names(deps)
                  if n.startswith("smlearn.models.") and n.count(".") == 2 and not n.endswith("__init__"))


def build_inputs(lesson_id: str, root=None, deps: dict[str, str] | None = None, overlay: dict | None = None,
                 kinds: tuple[str, ...] = BUILD_KINDS) -> dict[str, str]:
    """A hash of each file that makes lesson ``lesson_id``'s notebook: what the notebook records when built.

    The lesson's record in course.yml is hashed as data (another lesson's record does not
    matter), and the active profile only by the settings of the models the lesson uses.
    ``overlay`` maps files (relative to the root) to the text they are about to have (a dry run).
    ``kinds``: the kinds of dependency hashed (:data:`CHECK_KINDS` for the notes and facts files).
    """
    import yaml

    root = _root(root)
    overlay = overlay or {}

    def read(path: str, fallback: Path) -> bytes:
        if path in overlay:
            return overlay[path].encode("utf-8")
        file = root / path if (root / path).is_file() else fallback
        return file.read_bytes() if file.is_file() else b"missing"

    deps = deps if deps is not None else dependency_map(root, [lesson_id])[lesson_id]
    hashes = {}
    for path, kind in deps.items():
        if kind not in kinds:
            continue
        if kind == "record":
            records = yaml.safe_load(read("notebooks/course.yml", root / "notebooks" / "course.yml"))["lessons"]
            record = next(r for r in records if str(r["id"]) == lesson_id)
            hashes[path] = _hash(json.dumps(record, sort_keys=True, default=str).encode())
        elif kind == "profile":
            settings = (yaml.safe_load(read(PROFILE_FILE, PACKAGE / "class_profile.yml")) or {}).get("settings") or {}
            mine = {m: settings[m] for m in _models_of(deps) if settings.get(m)}
            hashes[path] = _hash(json.dumps(mine, sort_keys=True).encode())
        else:
            hashes[path] = _hash(read(path, PACKAGE.parent / path))
    return hashes


def recorded_inputs(notebook: Path) -> dict[str, str] | None:
    """The input hashes stored in a notebook by its last build, or None if it has none."""
    metadata = json.loads(Path(notebook).read_text(encoding="utf-8")).get("metadata", {})
    return metadata.get(METADATA_KEY, {}).get("inputs")


def stale_lessons(root=None, lessons=None, overlay: dict | None = None) -> dict[str, list[str]]:
    """The lessons whose notebook is out of date, each with the files changed since its last build.

    A notebook with no build record (built before records existed) is stale with the reason
    ``["no build record"]``. ``overlay``: files about to change, with their new text (see :func:`build_inputs`).
    """
    root = _root(root)
    course = _load_course(root)
    deps = dependency_map(root, lessons)
    if overlay is not None and not isinstance(overlay, dict):   # an empty dict is fine: nothing changes
        raise TypeError(f"overlay must be a mapping of files to their new text; got {type(overlay).__name__}")
    stale = {}
    for lesson_id, lesson_deps in deps.items():
        notebook = root / "notebooks" / course.lesson(lesson_id).file
        recorded = recorded_inputs(notebook) if notebook.is_file() else None
        if recorded is None:
            stale[lesson_id] = ["no build record"]
            continue
        now = build_inputs(lesson_id, root, lesson_deps, overlay)
        changed = sorted(p for p in set(now) | set(recorded) if now.get(p) != recorded.get(p))
        if changed:
            stale[lesson_id] = changed
    return stale


def edited_notes(root=None, deps: dict | None = None) -> dict[str, list[str]]:
    """The lessons whose instructor notes or facts file changed since their facts last held in a build,
    each with those files (``["no record of a fact check"]`` when its notebook keeps none).

    ``deps``: :func:`dependency_map`'s result, when the caller has it.
    """
    root = _root(root)
    course = _load_course(root)
    deps = deps if deps is not None else dependency_map(root)
    edited = {}
    for lesson_id, lesson_deps in deps.items():
        notebook = root / "notebooks" / course.lesson(lesson_id).file
        metadata = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {}) if notebook.is_file() else {}
        recorded = metadata.get(METADATA_KEY, {}).get(CHECKED_KEY)
        if recorded is None:
            edited[lesson_id] = ["no record of a fact check"]
            continue
        now = build_inputs(lesson_id, root, lesson_deps, kinds=CHECK_KINDS)
        changed = sorted(p for p in set(now) | set(recorded) if now.get(p) != recorded.get(p))
        if changed:
            edited[lesson_id] = changed
    return edited


def record_checked(notebook: Path, hashes: dict[str, str]) -> None:
    """Keep ``hashes`` (of a lesson's notes and facts files) in its notebook as the ones whose facts held.

    Only the build record changes: the notebook is written back byte for byte as nbformat writes it.
    """
    notebook = Path(notebook)
    data = json.loads(notebook.read_text(encoding="utf-8"))
    record = data.setdefault("metadata", {}).setdefault(METADATA_KEY, {})
    if record.get(CHECKED_KEY) == hashes:
        return
    record[CHECKED_KEY] = hashes
    notebook.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


# --- running a lesson (scripts/run_lessons.py uses these) -------------------------------------------

def lesson_sources(prefixes, root=None) -> list[Path]:
    """The lesson sources whose file name starts with one of ``prefixes`` (all of them if none)."""
    from smlearn.pacing import lesson_files

    root = _root(root)
    sources = lesson_files(root / "sources", ".md")
    if prefixes:
        sources = [s for s in sources if any(s.name.startswith(p) for p in prefixes)]
    return sources


def run_lesson(source: Path, timeout: int = 600, root=None) -> Path:
    """Run one lesson's source in a fresh kernel and write its notebook, with outputs and its build record."""
    import jupytext
    from nbclient import NotebookClient

    root = _root(root)
    source = Path(source)
    notebooks = root / "notebooks"
    # Hash before running: a file edited during the run leaves the notebook stale, not wrongly fresh.
    try:
        inputs = build_inputs(source.name.split("_", 1)[0], root)
    except (ValueError, KeyError, StopIteration):
        inputs = None            # a lesson without its course.yml record yet: built, but with no record
    notebook = jupytext.read(source)
    notebook.metadata["jupytext"] = {"formats": FORMATS}
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    # A build keeps no learner progress (see smlearn.progress) and shows choice options in one order.
    env = {**os.environ, "SMLEARN_PROGRESS": "off", "SMLEARN_LEARNER": "course-build",
           # the kernel imports this smlearn, also when building a copy of the course
           "PYTHONPATH": os.pathsep.join(filter(None, [str(PACKAGE.parent), os.environ.get("PYTHONPATH")]))}
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebooks)}},
        record_timing=False,        # timestamps would make every rebuild a diff
        store_widget_state=False,   # live widgets need a kernel anyway; outputs keep a static PNG
    )
    client.execute(env=env)
    notebook.metadata.get("language_info", {}).pop("version", None)   # the author's Python version is noise
    target = notebooks / source.with_suffix(".ipynb").name
    if inputs is not None:
        notebook.metadata[METADATA_KEY] = {"inputs": inputs}
        # running the lesson checks no fact: the record of the last fact check stays as it was
        old = json.loads(target.read_text(encoding="utf-8")).get("metadata", {}) if target.is_file() else {}
        if CHECKED_KEY in old.get(METADATA_KEY, {}):
            notebook.metadata[METADATA_KEY][CHECKED_KEY] = old[METADATA_KEY][CHECKED_KEY]
    drop_widget_views(notebook)
    keep_cell_ids(notebook, target)
    jupytext.write(notebook, target, fmt="ipynb")
    return target


def keep_cell_ids(notebook, target: Path) -> None:
    """Give each cell the id it had in the notebook being replaced, when it is the same kind of cell.

    jupytext makes new random ids each time it reads a lesson's text; keeping the old ones
    means a rebuild changes only what really changed, which keeps diffs reviewable.
    """
    import jupytext

    if not target.exists():
        return
    old_cells = jupytext.read(target)["cells"]
    for cell, old in zip(notebook.cells, old_cells):
        if cell.cell_type == old.cell_type and "id" in old:
            cell["id"] = old["id"]


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def drop_widget_views(notebook) -> None:
    """Keep an explorer's static picture and text, not its live-widget view, in the saved notebook.

    A saved widget view points at a widget that exists only while the kernel that made it
    runs: opened later it shows "model not found" instead of anything useful, and its
    random id changes on every rebuild. Every explorer and form also offers a PNG or
    plain text, which every viewer can show; running the cell brings the live widget back.
    """
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data and len(data) > 1:
                del data[WIDGET_VIEW]


# --- numbers in prose --------------------------------------------------------------------------------

WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])(\s?%)?"
                    r"|\b(" + "|".join(WORDS[2:]) + r")\b"
                    r"|(?<![\w.,])(\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)   # places: "6th of 203 pages"


def number_tokens(text: str) -> list[tuple[int, int, float, str]]:
    """The numbers written in ``text``: (start, end, value, style), style 'number', 'percent', 'word' or 'ordinal'.

    A percentage's value is its share (25 % is 0.25). Words two to twenty count ("five hours");
    "one" does not (it is far more often a pronoun than a number).
    """
    tokens = []
    for match in NUMBER.finditer(text):
        if match.group(4):
            tokens.append((match.start(), match.end(), float(match.group(4)), "ordinal"))
        elif match.group(3):
            tokens.append((match.start(), match.end(), float(WORDS.index(match.group(3).lower())), "word"))
        elif match.group(2):
            tokens.append((match.start(), match.end(), float(match.group(1).replace(",", "")) / 100, "percent"))
        else:
            tokens.append((match.start(), match.end(), float(match.group(1).replace(",", "")), "number"))
    return tokens


def _same(a, b) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def _states(token, number) -> bool:
    """Does a number token of a sentence state ``number``? ("94 %" states 0.94 and 94.)"""
    _, _, value, style = token
    return _same(value, number) or (style == "percent" and _same(value * 100, number))


def _write_number(value: float, old_text: str, style: str) -> str | None:
    """``value`` written the way ``old_text`` was (digits, commas, decimals, %, word); None if it cannot be."""
    if style == "ordinal":
        if not float(value).is_integer() or value < 1:
            return None
        place = int(value)
        return f"{place}{'th' if 10 <= place % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(place % 10, 'th')}"
    if style == "word":
        if float(value).is_integer() and 2 <= value <= 20:
            word = WORDS[int(value)]
            return word.capitalize() if old_text[0].isupper() else word
        return None
    digits = old_text.rstrip("% ").replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    shown = value * 100 if style == "percent" else value
    if not math.isclose(round(shown, decimals), shown, abs_tol=1e-9):
        return None                               # the new value needs more digits than the sentence shows
    text = f"{shown:,.{decimals}f}" if (abs(shown) >= 1000 and ("," in old_text or abs(shown) >= 10000)) else f"{shown:.{decimals}f}"
    return text + old_text[len(old_text.rstrip("% ")):] if style == "percent" else text


@functools.lru_cache(maxsize=64)        # a file is searched for many facts' sentences in turn
def plain_map(text: str) -> tuple[str, list[int]]:
    """``text`` as tests/lessons/test_course.py compares it (no emphasis marks, single spaces), and for each of
    its characters the position it came from."""
    out, where = [], []
    i = 0
    while i < len(text):
        char = text[i]
        if char in "*_`" or (char == "\\" and text[i + 1:i + 2] == "$"):
            i += 1
            continue
        if char.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            i += 1
            continue
        out.append(char)
        where.append(i)
        i += 1
    return "".join(out), where


def plain(text: str) -> str:
    return plain_map(text)[0].strip()


def find_text(text: str, path_text: str) -> list[tuple[int, int]]:
    """Where the sentence ``text`` stands in ``path_text``, compared as plain text: (start, end) offsets."""
    flat, where = plain_map(path_text)
    needle = plain(text)
    spans, start = [], flat.find(needle)
    while needle and start >= 0:
        spans.append((where[start], where[start + len(needle) - 1] + 1))
        start = flat.find(needle, start + 1)
    return spans


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def nearest_line(sentence: str, text: str) -> int:
    r"""The line of ``text`` sharing the longest run of characters with ``sentence`` (compared as plain
    text): where a sentence most likely stood before an edit changed it.

    >>> nearest_line("about 1.3 times, not 2", "Intro.\nexercise 1: about 2 times, not 2\nThe end.")
    2
    """
    import difflib

    needle = plain(sentence)
    best, best_line = -1, 1
    for number, line in enumerate(text.splitlines(), 1):
        match = difflib.SequenceMatcher(None, needle, plain(line), autojunk=False)
        size = match.find_longest_match(0, len(needle), 0, len(plain(line))).size
        if size > best:
            best, best_line = size, number
    return best_line


# --- facts -------------------------------------------------------------------------------------------

@dataclass
class FactRecord:
    lesson: str
    text: str
    source: str
    value: object
    tolerance: float
    file: str          # where the record is (notebooks/course.yml or docs/instructors/facts/NN.yml)
    prose: str         # where its sentence must stand (the lesson's source or its instructor notes)


def fact_records(root=None, lessons=None, story: tuple[dict, dict] | None = None) -> list[FactRecord]:
    """Every checked fact of the lessons: course.yml's (about the lesson) and the instructor notes'.

    ``story`` (old words, new words): the texts as they read once the story words are replaced.
    """
    import yaml

    root = _root(root)
    course = _load_course(root)
    records = []
    for lesson in course.lessons:
        if lessons is not None and lesson.id not in lessons:
            continue
        stem = lesson.file.replace(".ipynb", "")
        for fact in lesson.facts:
            records.append(FactRecord(lesson.id, fact.text, fact.source, fact.value, fact.tolerance,
                                      "notebooks/course.yml", f"sources/{stem}.md"))
        path = root / "docs" / "instructors" / "facts" / f"{lesson.id}.yml"
        for raw in (yaml.safe_load(path.read_text(encoding="utf-8")) or []) if path.is_file() else []:
            records.append(FactRecord(lesson.id, raw["text"], raw["source"], raw["value"],
                                      float(raw.get("tolerance", 0)), _rel(path, root),
                                      f"docs/instructors/{stem}.md"))
    if story:
        for record in records:
            record.text = replace_story(record.text, *story)[0]
    return records


EVALUATE = """
import json, sys
profile = sys.argv[1]
if profile:
    import smlearn.profile
    smlearn.profile._activate(profile)       # before any model is imported: their defaults follow it
from smlearn.course import resolve
def plain(value):
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value
out = []
for source in json.loads(sys.stdin.read()):
    try:
        out.append({"value": plain(resolve(source))})
    except Exception as error:
        out.append({"error": f"{type(error).__name__}: {error}"})
print(json.dumps(out, default=str))
"""


def evaluate_sources(sources: list[str], profile_path=None) -> list[dict]:
    """Evaluate fact sources in a fresh Python with ``profile_path`` active (default: the active profile).

    A fresh process, because a model takes its defaults from the profile once, when imported.
    Each result is {"value": ...} or {"error": "..."}.
    """
    if not sources:
        return []
    env = {**os.environ, "SMLEARN_PROGRESS": "off", "SMLEARN_LEARNER": "course-build",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(PACKAGE.parent), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", EVALUATE, str(profile_path or "")], input=json.dumps(sources),
                          capture_output=True, text=True, env=env, cwd=str(PACKAGE.parent))
    if done.returncode != 0:
        raise RuntimeError(f"evaluating the facts failed:\n{done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def holds(value, actual, tolerance: float) -> bool:
    """Does ``actual`` (what the code gives) match the record's ``value``, the way tests/lessons/test_course.py checks?"""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and isinstance(actual, (int, float)):
        return math.isclose(actual, value, abs_tol=tolerance)
    if isinstance(value, list) and isinstance(actual, list) and len(value) == len(actual):
        return all(holds(v, a, tolerance) for v, a in zip(value, actual))
    return value == actual


def _numbers(value) -> list:
    """The numbers in a fact's value, in order (a value may be a number, a list or a mapping)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return []
    if isinstance(value, (int, float)):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [n for item in value for n in _numbers(item)]


def _shape(value):
    """A value with its numbers left out: what must stay the same for a rewrite of numbers to be enough."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return "#"
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    return [_shape(v) for v in value]


def _new_value(old, actual, tolerance: float):
    """The value to record: the code's, rounded as the old record was when the fact has a tolerance."""
    if isinstance(old, list) and isinstance(actual, list) and len(old) == len(actual):
        return [_new_value(o, a, tolerance) for o, a in zip(old, actual)]
    if isinstance(old, bool) or not isinstance(actual, (int, float)) or isinstance(actual, bool):
        return actual
    if isinstance(old, int) and float(actual).is_integer():
        return int(actual)
    if tolerance and isinstance(old, (int, float)):
        decimals = len(repr(float(old)).split(".")[1].rstrip("0")) if not float(old).is_integer() else 0
        rounded = round(float(actual), decimals)
        if abs(rounded - actual) <= tolerance:
            return int(rounded) if decimals == 0 else rounded
    return actual


def _yaml(value) -> str:
    """A value as a one-line YAML flow, the way course.yml and the facts files write them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {_yaml(v)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(_yaml(v) for v in value) + "]"


def plan_fact(text: str, value, actual, tolerance: float = 0.0):
    """How a fact follows the code: (new text or None, new value, number changes, why not, unstated).

    The text is None when it cannot be rewritten safely (``why`` says why): a yes/no or a word
    in the value changed (the sentence's claim no longer holds), or a changed number is stated in
    a way that cannot be rewritten. ``unstated`` is True when the sentence states none of the
    changed numbers: the record's value follows the code and the sentence stays as it is.
    """
    actual = json.loads(json.dumps(actual, default=lambda v: v.item() if hasattr(v, "item") else list(v)))  # numpy -> Python
    new_value = _new_value(value, actual, tolerance)
    changes = [(o, n) for o, n in zip(_numbers(value), _numbers(new_value)) if not _same(o, n)]
    if _shape(value) != _shape(new_value) or not changes:
        return None, new_value, changes, f"no longer true: the code gives {_yaml(actual)}, the record says {_yaml(value)}", False
    if not any(_states(token, old) for token in number_tokens(text) for old, _ in changes):
        return text, new_value, changes, "", True
    new_text, why = rewrite_sentence(text, changes)
    return new_text, new_value, changes, why, False


def fix_for(lesson_id: str, text: str, value, actual, tolerance: float = 0.0) -> str:
    """The fix to name when a fact does not hold: the command, or what to edit by hand.

    >>> fix_for("02", "300 contacts", 300, 800)
    'smlearn build --facts 02'
    """
    new_text, *_ , why, _ = plan_fact(text, value, actual, tolerance)
    if new_text is None:
        return f"edit the sentence and its record by hand ({why}); then smlearn build {lesson_id}"
    return _command(lesson_id)


def rewrite_sentence(text: str, changes: list[tuple[float, float]]) -> tuple[str | None, str]:
    """``text`` with each (old, new) number rewritten; (None, why) when that cannot be done safely.

    Safe means: each old number stands in the sentence exactly once (or every place it stands
    gets the same new number), and the new number can be written in the same style.
    """
    tokens = number_tokens(text)
    edits = {}
    for old, new in changes:
        places = [t for t in tokens if _states(t, old)]
        if not places:
            return None, f"the sentence does not state {old:g} (the value changed to {new:g})"
        targets = {n for o, n in changes if _same(o, old)}
        if len(places) > 1 and len(targets) > 1:
            return None, f"{old:g} stands {len(places)} times and changes to different numbers"
        for start, end, value, style in places:
            # "94 %" may state a value recorded as 94 (a per cent) or as 0.94 (a share)
            share = style == "percent" and not _same(value, old)
            written = _write_number(new / 100 if share else new, text[start:end], style)
            if written is None:
                return None, f"{new:g} cannot be written like {text[start:end]!r}"
            edits[(start, end)] = written
    for (start, end), written in sorted(edits.items(), reverse=True):
        text = text[:start] + written + text[end:]
    return text, ""


# --- the report --------------------------------------------------------------------------------------

@dataclass
class Report:
    """What a build did or, with dry_run, would do."""

    profile: str = ""
    dry_run: bool = False
    story: list = field(default_factory=list)          # (file, line, old words, new words)
    defaults: list = field(default_factory=list)       # profile.Change
    facts_rewritten: list = field(default_factory=list)  # (file, line, old, new)
    facts_failing: list = field(default_factory=list)  # (fact, file:line, why, command)
    flagged: list = field(default_factory=list)        # (file, line, sentence)
    stale: dict = field(default_factory=dict)          # lesson -> changed files
    rebuilt: list = field(default_factory=list)
    site_pages: list = field(default_factory=list)
    written: list = field(default_factory=list)        # files changed
    changed_numbers: list = field(default_factory=list)  # (lesson, old number) of facts whose value changed
    rewritten_texts: list = field(default_factory=list)  # the facts' sentences as they were, before the rewrite
    facts_checked: int = 0                             # facts evaluated against the code
    facts_total: int = 0                               # facts in the course
    facts_lessons: list = field(default_factory=list)  # the lessons whose facts were checked
    notes_edited: dict = field(default_factory=dict)   # lesson -> its notes or facts files edited since its facts last held
    refused: bool = False                              # a profile's facts failed: nothing written (see build's force)

    def text(self) -> str:
        would = "would be " if self.dry_run or self.refused else ""
        lines = ["# smlearn build report", ""]
        if self.profile:
            lines.append(f"Profile: {self.profile}" + (" (dry run: nothing written)" if self.dry_run else ""))
        elif self.dry_run:
            lines.append("Dry run: nothing written.")
        if self.refused:
            lines += ["", f"## Nothing written: under this profile {len(self.facts_failing)} of the lessons' facts"
                          " no longer hold", "",
                      "Each is a sentence of a lesson or its notes that the models no longer bear out (a finding"
                      " turned over) or whose new number it cannot show; they are listed under 'Facts that do not"
                      " hold' below. Either choose settings under which they hold (a dry run, --dry-run, shows the"
                      " effect of each change), or run again with --force and then rewrite each listed sentence,"
                      " and its record, in your own words: the course's tests fail until you do."]
        if self.defaults:
            lines += ["", "## Defaults changed", ""]
            lines += [f"- {c.model}.{c.param}: {c.shipped} -> {c.value}" for c in self.defaults]
        if self.story:
            lines += ["", f"## Story words {would}replaced: {len(self.story)}", ""]
            counts = {}
            for file, _, old, new in self.story:
                counts[(file, old, new)] = counts.get((file, old, new), 0) + 1
            lines += [f"- {file}: {old!r} -> {new!r} ({n}x)" for (file, old, new), n in counts.items()]
        records = sum(1 for file, *_ in self.facts_rewritten if file.endswith(".yml"))
        lines += ["", f"## Facts {would}rewritten: {records} (their records, and"
                      f" {len(self.facts_rewritten) - records} places in the prose)", ""]
        lines += [f"- {file}:{line}: {old} -> {new}" for file, line, old, new in self.facts_rewritten]
        lines += ["", f"## Facts checked: {self.facts_checked} of {self.facts_total}"
                      + (f" (lessons {', '.join(self.facts_lessons)})" if self.facts_lessons else ""), ""]
        if self.facts_total > self.facts_checked:
            why = ("the profile sets none of their lessons' models (its story words change no number) and those"
                   " lessons were not otherwise edited since their last build" if self.profile
                   else "their lessons' inputs are unchanged since their last build")
            lines.append(f"The other {self.facts_total - self.facts_checked} were not checked: {why}"
                         " (smlearn build --all-facts checks every fact).")
        lines += ["", f"## Facts that do not hold: {len(self.facts_failing)}", ""]
        lines += [f"- {where}: {text!r}: {why}\n  fix: {command}" for text, where, why, command in self.facts_failing]
        lines += ["", f"## Sentences to read (they quote a number that changed): {len(self.flagged)}", ""]
        lines += [f"- {file}:{line}: {sentence}" for file, line, sentence in self.flagged]
        lines += ["", f"## Lessons {'to rebuild' if self.dry_run or self.refused else 'rebuilt'}: {len(self.rebuilt)}", ""]
        lines += [f"- {lesson}: {', '.join(self.stale.get(lesson, ['asked for']))}" for lesson in self.rebuilt]
        left = sorted(set(self.stale) - set(self.rebuilt))
        if left:
            lines += ["", f"## Still stale (smlearn build rebuilds them): {', '.join(left)}"]
        if self.site_pages:
            lines += ["", "## Site pages to rebuild (python scripts/build_site.py)", ""]
            lines += [f"- {page}" for page in self.site_pages]
        return "\n".join(lines) + "\n"


# --- rewriting the course to a profile ---------------------------------------------------------------

STORY_FILES = ("sources/*.md", "smlearn/questions/*.py", "docs/instructors/*.md", "notebooks/course.yml",
               "docs/instructors/facts/*.yml")
PROSE_FILES = ("sources/*.md", "smlearn/questions/*.py", "docs/instructors/*.md")


def _story_pattern(words: dict[str, tuple[str, str]]):
    """One regex for all old story words that change (see :func:`smlearn.profile.phrase_pattern`)."""
    from smlearn.profile import phrase_pattern

    return phrase_pattern([old for old, new in words.values() if old != new])


def replace_story(text: str, old_story: dict, new_story: dict) -> tuple[str, list[tuple[int, str, str]]]:
    """``text`` with each old story word replaced by the new one at once (never a new word replaced again).

    Returns the text and the replacements made as (line, old, new).

    >>> replace_story("Priya's bike shop", {"owner": "Priya"}, {"owner": "Rosa"})
    ("Rosa's bike shop", [(1, 'Priya', 'Rosa')])
    """
    words = {key: (old_story[key], new_story.get(key, old_story[key])) for key in old_story}
    pattern = _story_pattern(words)
    if pattern is None:
        return text, []
    by_old = {old: new for old, new in words.values()}
    made = []

    def swap(match):
        old = " ".join(match.group(0).split())          # a phrase wrapped over two lines is the same phrase
        made.append((line_of(text, match.start()), old, by_old[old]))
        return by_old[old]

    return pattern.sub(swap, text), made


def _files(root: Path, patterns) -> list[Path]:
    return sorted({p for pattern in patterns for p in root.glob(pattern) if p.is_file()})


def _fact_record_line(file_text: str, fact: FactRecord) -> tuple[int, int] | None:
    """The line numbers (0-based) of a fact's ``text:`` and of its ``value:`` in its YAML file."""
    lines = file_text.splitlines()
    start = 0
    if fact.file.endswith("course.yml"):
        start = next((i for i, line in enumerate(lines) if re.match(rf"\s*- id: [\"']?{re.escape(fact.lesson)}[\"']?\s*$", line)), 0)
    for i in range(start, len(lines)):
        if any(f"text: {form}" in lines[i] for form in _yaml_forms(fact.text)):
            for j in range(i, min(i + 8, len(lines))):
                if re.search(r"\bvalue:", lines[j]) and (j == i or not lines[j].lstrip().startswith("- ")):
                    return i, j
            return i, i
    return None


def _yaml_forms(text: str) -> list[str]:
    """The ways a YAML file may write ``text``: double-quoted, single-quoted, plain."""
    return [json.dumps(text, ensure_ascii=False), "'" + text.replace("'", "''") + "'", text]


def _replace_text(line: str, old: str, new: str) -> str:
    """Replace the text ``old`` by ``new`` on a YAML line, quoted the way ``old`` was."""
    for old_form, new_form in zip(_yaml_forms(old), _yaml_forms(new)):
        if f"text: {old_form}" in line:
            return line.replace(f"text: {old_form}", f"text: {new_form}", 1)
    return line


def _drop_block_value(lines: list[str], at: int) -> None:
    """A value written as a block list (``value:`` then ``- item`` lines) loses its items: it is rewritten in one line."""
    if lines[at].rstrip().endswith("value:"):
        indent = len(lines[at]) - len(lines[at].lstrip())
        while at + 1 < len(lines) and lines[at + 1].strip():
            following = lines[at + 1]
            deeper = len(following) - len(following.lstrip()) > indent
            item = following.startswith(" " * indent + "- ") and not re.match(r"\s*- \w+:", following)
            if not (deeper or item):
                break
            del lines[at + 1]


def _replace_value(line: str, value) -> str:
    """Replace the YAML value after ``value:`` on a line (flow style: up to the closing brace or the end)."""
    match = re.search(r"\bvalue:\s*", line)
    rest = line[match.end():]
    # In a flow record ({text: ..., value: 300}) the value ends at the record's closing brace.
    depth, end = 0, len(rest)
    for i, char in enumerate(rest):
        if char in "[{":
            depth += 1
        elif char in "]}":
            if depth == 0:
                end = i
                break
            depth -= 1
        elif char == "," and depth == 0:
            end = i
            break
    key = line[:match.start()] + "value: "
    return key + _yaml(value) + rest[end:].rstrip() if rest[end:].strip() else key + _yaml(value)


def _command(lesson: str) -> str:
    return f"smlearn build --facts {lesson}"


def check_facts(root=None, lessons=None, profile_path=None, rewrite: bool = False, report: Report | None = None,
                texts: dict | None = None, story: tuple[dict, dict] | None = None) -> Report:
    """Check the lessons' facts against the code (with ``profile_path`` active); with ``rewrite``,
    give each fact whose value changed its new value and the new number in its sentence.

    ``texts`` maps a file (relative to the root) to its text as being rewritten; edits go there.
    ``story`` (old words, new words) when the texts have had their story words replaced.
    """
    root = _root(root)
    report = report or Report()
    texts = texts if texts is not None else {}
    facts = fact_records(root, lessons, story)
    results = evaluate_sources([f.source for f in facts], profile_path)

    def text_of(path: str) -> str:
        if path not in texts:
            texts[path] = (root / path).read_text(encoding="utf-8")
        return texts[path]

    for fact, result in zip(facts, results):
        prose = text_of(fact.prose)
        spans = find_text(fact.text, prose)
        where = f"{fact.prose}:{line_of(prose, spans[0][0])}" if spans else fact.prose
        if "error" in result:
            report.facts_failing.append((fact.text, where, f"its source fails: {result['error']}",
                                         f"fix the source of this fact in {fact.file}"))
            continue
        actual = result["value"]
        if not spans:
            report.facts_failing.append((fact.text, f"{fact.prose}:{nearest_line(fact.text, prose)}", "the sentence is no longer in the text",
                                         f"put the sentence back or change its record in {fact.file}"))
        if holds(fact.value, actual, fact.tolerance):
            continue
        new_text, new_value, changes, why, unstated = plan_fact(fact.text, fact.value, actual, fact.tolerance)
        if new_text is None or not rewrite or not spans:
            report.facts_failing.append((fact.text, where, why or f"the code gives {_yaml(actual)}, the record says {_yaml(fact.value)}",
                                         _command(fact.lesson) if new_text is not None and spans
                                         else f"edit the sentence and the fact's record in {fact.file} by hand"))
            report.changed_numbers += [(fact.lesson, old) for old, _ in changes]
            continue
        # the record: its text and value lines in the YAML file
        record_text = text_of(fact.file)
        found = _fact_record_line(record_text, fact)
        if found is None:
            report.facts_failing.append((fact.text, where, f"its record was not found in {fact.file}",
                                         f"edit the fact's record in {fact.file} by hand"))
            continue
        lines = record_text.split("\n")
        text_line, value_line = found
        lines[text_line] = _replace_text(lines[text_line], fact.text, new_text)
        _drop_block_value(lines, value_line)
        lines[value_line] = _replace_value(lines[value_line], new_value)
        texts[fact.file] = "\n".join(lines)
        report.facts_rewritten.append((fact.file, value_line + 1, f"{_yaml(fact.value)}", f"{_yaml(new_value)}"))
        if unstated:      # the record follows the code; the sentence states none of its numbers: a person reads it
            report.flagged.append((fact.prose, line_of(prose, spans[0][0]),
                                   f"{plain(fact.text)}  [its fact's value changed {_yaml(fact.value)} -> {_yaml(new_value)}"
                                   f" and the sentence states none of those numbers: is it still true?]"))
        # the prose: each place the sentence stands gets the new numbers
        for start, end in reversed(spans if not unstated else []):
            old_part = prose[start:end]
            new_part, _ = rewrite_sentence(old_part, changes)
            if new_part is None:
                report.facts_failing.append((fact.text, f"{fact.prose}:{line_of(prose, start)}",
                                             "the sentence's number could not be rewritten in the prose",
                                             f"edit {fact.prose}:{line_of(prose, start)} by hand"))
                continue
            report.facts_rewritten.append((fact.prose, line_of(prose, start), plain(old_part), plain(new_part)))
            prose = prose[:start] + new_part + prose[end:]
        texts[fact.prose] = prose
        report.changed_numbers += [(fact.lesson, old) for old, _ in changes]   # sentences quoting them get flagged
        report.rewritten_texts.append(fact.text)
    return report


# --- the whole build ---------------------------------------------------------------------------------

def _check_lessons(root: Path, lessons) -> list[str]:
    """``lessons`` as a list of lesson ids of the course in ``root``; a clear error otherwise."""
    lessons = check_items("lessons", lessons, what="lesson ids such as '02'", allow_empty=True)
    ids = [lesson.id for lesson in _load_course(root).lessons]
    for lesson in lessons:
        if not isinstance(lesson, str):
            raise TypeError(f"lessons must be lesson ids (texts such as '02'); got {lesson!r}")
        if lesson not in ids:
            raise ValueError(f"lessons: there is no lesson {lesson!r}; the lessons are {', '.join(ids)}")
    return list(lessons)


# A sentence is flagged when it quotes a number that changed; 0 and 1 are left out (they are in
# nearly every paragraph), as are years (1900-2100) and the lines that give a session's minutes.
TIMING_LINE = re.compile(r"\b\d+ min\b|\babout \d+ minutes\b|^\s*\|.*\|\s*$")


COUNTER = re.compile(r"(?:lesson|lessons|exercise|exercises|question|step|part|figure|table|source|sources|and|or)[ =\"']*$",
                     re.IGNORECASE)   # "lesson 02", "exercises 2 and 3": names, not quantities


def _worth_flagging(value: float, style: str, token: str, before: str) -> bool:
    if abs(value) in (0.0, 1.0) or (style == "word" and value < 3) or token.startswith("0"):
        return False
    if style == "number" and token.isdigit() and 1900 <= value <= 2100:
        return False
    return not COUNTER.search(before[-30:])


def prose_spans(file: str, text: str) -> list[tuple[int, int]]:
    """The parts of a file that are prose a reader sees: a lesson's text outside its code cells,
    headings and time line; a Python module's strings and comments."""
    if file.endswith(".py"):
        import io
        import tokenize

        starts = [0]
        for line in text.splitlines(keepends=True):
            starts.append(starts[-1] + len(line))
        spans = []
        try:
            for token in tokenize.generate_tokens(io.StringIO(text).readline):
                if token.type in (tokenize.STRING, tokenize.COMMENT):
                    spans.append((starts[token.start[0] - 1] + token.start[1], starts[token.end[0] - 1] + token.end[1]))
        except (tokenize.TokenError, SyntaxError):
            return [(0, len(text))]
        return spans
    skip = [m.span() for m in CODE_CELL.finditer(text)]
    skip += [m.span() for m in re.finditer(r"^#.*$", text, re.MULTILINE)]                  # headings
    skip += [m.span() for m in re.finditer(r"^\*\*Time:\*\*.*?(?:\n\s*\n|\Z)", text, re.MULTILINE | re.DOTALL)]
    skip += [m.span() for m in re.finditer(r"^\s*\d+\. ", text, re.MULTILINE)]              # list numbers
    spans, at = [], 0
    for start, end in sorted(skip):
        if start > at:
            spans.append((at, start))
        at = max(at, end)
    return spans + [(at, len(text))]


def flag_sentences(texts: dict[str, str], files: dict[str, list[float]], facts: list[str]) -> list:
    """The lines of ``files`` (file -> numbers that changed) that quote one of its numbers outside the
    sentences of the checked ``facts`` (which the fact check covers): (file, line, text of the line)."""
    flagged = []
    for file, numbers in files.items():
        text = texts[file]
        covered = [span for fact in facts for span in find_text(fact, text)] if file.endswith(".md") else []
        prose = prose_spans(file, text)
        lines = text.splitlines()
        seen = set()
        for start, end, value, style in number_tokens(text):
            line = line_of(text, start)
            if line in seen or not any(_same(value, n) for n in numbers):
                continue
            if not _worth_flagging(value, style, text[start:end], text[max(0, start - 30):start]):
                continue
            if TIMING_LINE.search(lines[line - 1]) or lines[line - 1].lstrip().startswith((">>>", "...")):
                continue                                      # a doctest is code, checked when the doctests run
            if not any(a <= start < b for a, b in prose):
                continue
            if any(a <= start < b for a, b in covered):
                continue
            seen.add(line)
            flagged.append((file, line, lines[line - 1].strip()))
    return flagged


def build(lessons=(), profile=None, dry_run: bool = False, facts: bool = False, site: bool = False,
          run: bool = True, root=None, timeout: int = 600, echo=print, all_facts: bool = False,
          force: bool = False) -> Report:
    """Rewrite the course to ``profile`` (if given), rebuild the stale lessons and check their facts.

    ``lessons`` (ids such as "02") are the lessons rebuilt, stale or not; without any, every stale
    lesson is. Only the facts of those lessons are checked, and of the lessons whose instructor notes
    or facts file was edited since their facts last held (see :func:`edited_notes`; such a lesson is
    not rerun), and, with a profile, of the lessons whose models it sets: a fact of a lesson whose
    inputs did not change cannot have changed.
    ``facts`` rewrites the facts whose value no longer matches the code (where that is safe);
    with ``facts`` and no lessons named, or with ``all_facts``, every fact is checked.
    ``dry_run`` writes nothing; ``run=False`` writes the rewritten files but runs no lesson. The
    report is returned and, unless ``dry_run``, written to build-report.md in the course's root.
    A profile under which a fact no longer holds (a finding turned over, or a number the sentence
    cannot show) writes nothing but the report, unless ``force``: the course would otherwise say
    what its models no longer do, and fail its tests.
    """
    root = _root(root)
    for name, flag in (("dry_run", dry_run), ("facts", facts), ("site", site), ("run", run), ("all_facts", all_facts),
                       ("force", force)):
        check_flag(name, flag)
    check_number("timeout", timeout, 1, integer=True, unit="seconds per cell")
    if not callable(echo):
        raise TypeError(f"echo must be a function that prints a line (such as print); got {echo!r}")
    lessons = _check_lessons(root, lessons)
    if profile is not None:
        check_path("profile", profile, file=True)
    report = Report(dry_run=dry_run)
    texts: dict[str, str] = {}          # file -> its rewritten text, written at the end
    deps = dependency_map(root)
    course = _load_course(root)
    stale_before = stale_lessons(root)
    report.notes_edited = edited_notes(root, deps)
    # Whose facts to check: evaluating all of them takes minutes, and a fact can only have changed
    # if its lesson's inputs did (its source, the code it runs, its data, its record, the profile),
    # or if its sentence or record did (the instructor notes, the facts file).
    if all_facts or (facts and not lessons):
        fact_lessons = None                                      # every lesson
    else:
        fact_lessons = set(lessons) | set(stale_before) | set(report.notes_edited)   # named, stale or notes edited
    numbers: dict[str, set] = {}        # lesson -> numbers the change made old: sentences quoting them are flagged
    if profile is not None:
        import yaml

        from smlearn.defaults import changed_defaults, load_profile
        from smlearn.profile import FORMAT

        new = load_profile(check_path("profile", profile, file=True))
        old = load_profile(root / PROFILE_FILE if (root / PROFILE_FILE).is_file() else PACKAGE / "class_profile.yml")
        report.profile = f"{new.name} ({Path(profile).name})"
        report.defaults = changed_defaults(new)
        now = {(c.model, c.param): c for c in changed_defaults(old)}
        after = {(c.model, c.param): c for c in report.defaults}
        moved = {key for key in set(now) | set(after)
                 if getattr(now.get(key), "value", None) != getattr(after.get(key), "value", None)}
        models = {model for model, _ in moved}
        for key in moved:
            current = now.get(key) or after.get(key)     # its value today: the old profile's, or shipped
            # sentences quoting today's value are flagged, and those still quoting the shipped one
            # (a sentence flagged by an earlier profile's build and left as it was)
            for value in {current.value if key in now else current.shipped, current.shipped}:
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    for lesson, d in deps.items():
                        if f"smlearn/models/{key[0]}.py" in d:
                            numbers.setdefault(lesson, set()).add(float(value))
        for path in _files(root, STORY_FILES):
            rel = _rel(path, root)
            texts[rel], made = replace_story(path.read_text(encoding="utf-8"), old.story, new.story)
            report.story += [(rel, line, o, n) for line, o, n in made]
        story = (old.story, new.story)
        affected = {lesson for lesson, d in deps.items() if any(f"smlearn/models/{m}.py" in d for m in models)}
        touched = set(lessons) | affected        # the profile's lessons: checked and rewritten to it
        # The facts run the code as it is on disk, whose story words are still the old ones (a
        # question's right option is found by its words): so the new settings with the old story.
        with tempfile.TemporaryDirectory() as folder:
            evaluation = Path(folder) / "settings.yml"
            evaluation.write_text(yaml.safe_dump({"profile": FORMAT, "name": new.name, "story": old.story,
                                                  "settings": new.settings}), encoding="utf-8")
            check_facts(root, sorted(touched), evaluation, rewrite=True, report=report, texts=texts, story=story)
            # lessons edited since their last build are checked too, but rewritten only on request (--facts)
            others = (set(deps) if fact_lessons is None else fact_lessons) - touched
            if others:
                check_facts(root, sorted(others), evaluation, rewrite=facts, report=report, texts=texts, story=story)
        fact_lessons = None if fact_lessons is None else fact_lessons | touched
        overlay_profile = Path(profile).read_text(encoding="utf-8")
    else:
        story, overlay_profile = None, None
        fact_lessons = None if fact_lessons is None else sorted(fact_lessons)
        check_facts(root, fact_lessons, None, rewrite=facts, report=report, texts=texts)
    for lesson, number in report.changed_numbers:
        numbers.setdefault(lesson, set()).add(float(number))
    scan: dict[str, set] = {}
    for lesson, olds in numbers.items():
        for f, kind in deps[lesson].items():
            if kind in ("source", "questions", "notes"):
                scan.setdefault(f, set()).update(olds)
                texts.setdefault(f, (root / f).read_text(encoding="utf-8"))
    rewritten = set(report.rewritten_texts)
    every_fact = fact_records(root, None, story)
    report.facts_total = len(every_fact)
    report.facts_lessons = [l.id for l in course.lessons if fact_lessons is None or l.id in fact_lessons]
    report.facts_checked = sum(1 for fact in every_fact if fact.lesson in report.facts_lessons)
    checked = [fact.text for fact in every_fact if fact.text not in rewritten]
    report.flagged += flag_sentences(texts, {f: sorted(n) for f, n in sorted(scan.items())}, checked)
    changed = {f: t for f, t in texts.items() if t != (root / f).read_text(encoding="utf-8")}
    report.written = sorted(changed) + ([PROFILE_FILE] if profile is not None else [])
    overlay = dict(changed)
    if overlay_profile is not None:
        overlay[PROFILE_FILE] = overlay_profile
    report.refused = profile is not None and bool(report.facts_failing) and not force and not dry_run
    write = not dry_run and not report.refused
    if write:
        for f, t in overlay.items():
            (root / f).write_text(t, encoding="utf-8")   # the profile last: it is what the rewrite was for
    # nothing rewritten: the lessons stale now are those stale at the start (spares a second look)
    report.stale = stale_lessons(root, None, None if write else overlay) if overlay else stale_before
    report.rebuilt = sorted(lessons) if lessons else sorted(report.stale)   # lessons named: those alone
    report.site_pages = [f"notebooks/{course.lesson(l).file.replace('.ipynb', '.html')}" for l in report.rebuilt]
    edited = {f for files in report.notes_edited.values() for f in files}   # notes edited: their pages too
    report.site_pages += [f.replace(".md", ".html") for f in sorted(set(report.written) | edited)
                          if f.startswith("docs/instructors/") and f.endswith(".md")]
    if write and run:
        for lesson in report.rebuilt:
            source = root / "sources" / course.lesson(lesson).file.replace(".ipynb", ".md")
            echo(f"running {source.name} ...")
            run_lesson(source, timeout, root)
        if site:
            subprocess.run([sys.executable, str(root / "scripts" / "build_site.py")], cwd=root, check=True)
    if write:
        # the notes and facts files of each lesson whose facts were checked and all held: the next
        # build checks them again only if they are edited (a failing fact is checked until it holds)
        failing = {text for text, *_ in report.facts_failing}
        for lesson in report.facts_lessons:
            notebook = root / "notebooks" / course.lesson(lesson).file
            if notebook.is_file() and not any(f.lesson == lesson and f.text in failing for f in every_fact):
                record_checked(notebook, build_inputs(lesson, root, deps[lesson], kinds=CHECK_KINDS))
    if not dry_run:
        (root / "build-report.md").write_text(report.text(), encoding="utf-8")
    return report


# --- messages for the tests ---------------------------------------------------------------------------

def fact_location(text: str, path) -> str:
    """``file:line`` where the sentence ``text`` stands in ``path`` (compared as plain text), for a message."""
    path = Path(path).resolve()
    shown = path.relative_to(PACKAGE.parent).as_posix() if path.is_relative_to(PACKAGE.parent) else path.name
    if not path.is_file():
        return shown
    content = path.read_text(encoding="utf-8")
    spans = find_text(text, content)
    return f"{shown}:{line_of(content, spans[0][0])}" if spans else f"{shown} (the sentence is not there)"


def stale_notebook_advice(notebook) -> str:
    """What to do when a lesson's saved outputs differ from what its cells give now (nbval failed)."""
    return _advice(Path(notebook).resolve())


@functools.lru_cache(maxsize=None)      # nbval reports each failing cell: work it out once per notebook
def _advice(notebook: Path) -> str:
    lesson = notebook.name.split("_", 1)[0]
    advice = (f"{notebook.name}'s saved outputs differ from what its cells give now. Rebuild it:\n"
              f"    smlearn build {lesson}      (or: python scripts/run_lessons.py {lesson}_)\n")
    root = notebook.resolve().parent.parent
    try:
        changed = stale_lessons(root, [lesson]).get(lesson)
    except (ValueError, FileNotFoundError, KeyError, SyntaxError):
        return advice                      # not a lesson of a course clone (a copy, a test's notebook)
    if changed == ["no build record"]:
        return advice + "Its last build kept no record of its inputs, so what changed is unknown.\n"
    if changed:
        return advice + "Changed since its last build: " + ", ".join(changed) + "\n"
    return advice + ("Nothing it is built from changed since its last build: the difference comes from"
                     " elsewhere (a library's version, randomness, the machine).\n")
