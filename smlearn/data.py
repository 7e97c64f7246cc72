"""The course's data sets: list them, load them, and trust what you loaded.

Every data set is a file in the ``data/`` folder, described by one entry of
``data/manifest.json``: its name, file, description, source, licence, SHA-256
checksum and the columns with their types. :func:`load` checks the file against
that entry before handing it over, so a lesson never silently works on a damaged or
edited copy: a missing file, a checksum that does not match or a column of the
wrong type stops with an error that names the file and what is wrong.

Examples
--------
>>> from smlearn import data
>>> "activities" in data.list_datasets()["name"].tolist()
True
>>> activities = data.load("activities")
>>> sorted(activities["route"].unique()), sorted(activities["exchange"].unique())
(['find', 'ties'], ['broadcast', 'two-way'])
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from smlearn.params import check_instance, check_path, check_text

__all__ = ["DataError", "data_dir", "list_datasets", "describe", "load", "load_network", "path", "read_graph_csv",
           "sha256_of"]

MANIFEST = "manifest.json"

# The column types a manifest may use, and the pandas dtype each is read as.
COLUMN_TYPES = {"int": "Int64", "float": "float64", "str": "string", "category": "category", "bool": "boolean"}

# The keys every data set's manifest entry must have (the data scripts check new entries against them too).
REQUIRED_KEYS = ("name", "file", "format", "title", "description", "source", "licence", "sha256", "columns")


class DataError(ValueError):
    """A data file or the manifest is not what the manifest promises."""


def data_dir() -> Path:
    """Return the folder that holds the data sets and their manifest.

    An installed wheel carries them inside the package (``smlearn/_data``); a source
    checkout or an editable install reads the repository's ``data/`` folder. Either
    way the answer does not depend on the current working directory.
    """
    package = Path(__file__).resolve().parent
    for candidate in (package / "_data", package.parent / "data"):
        if (candidate / MANIFEST).is_file():
            return candidate
    raise DataError(f"cannot find the data folder: no {MANIFEST} in {package / '_data'} or {package.parent / 'data'}")


def _read_manifest(directory: Path) -> list[dict]:
    path = directory / MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"the data manifest {path} is missing (directory must be a folder of the course's data)")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DataError(f"the data manifest {path} is not valid JSON: {error}") from None
    entries = manifest.get("datasets") if isinstance(manifest, dict) else None
    if not isinstance(entries, list):
        raise DataError(f"the data manifest {path} must be an object with a list under 'datasets'")
    for number, entry in enumerate(entries):
        missing = [key for key in REQUIRED_KEYS if not isinstance(entry, dict) or key not in entry]
        if missing:
            raise DataError(f"entry {number} of the data manifest {path} lacks: {', '.join(missing)}")
        for column in entry["columns"]:
            if column.get("type") not in COLUMN_TYPES:
                raise DataError(
                    f"column {column.get('name')!r} of {entry['name']!r} in {path} has type {column.get('type')!r};"
                    f" allowed: {', '.join(COLUMN_TYPES)}"
                )
    return entries


def _entry(name: str, directory: Path) -> dict:
    if not isinstance(name, str):
        raise TypeError(f"name must be a string (a data set's name); got {name!r} of type {type(name).__name__}")
    entries = _read_manifest(directory)
    for entry in entries:
        if entry["name"] == name:
            return entry
    names = ", ".join(entry["name"] for entry in entries)
    raise ValueError(f"there is no data set called {name!r}; the data sets are: {names} (name must be one of them)")


def list_datasets(*, directory: str | Path | None = None):
    """Return a table of the data sets: name, title, file, rows, columns, source and licence.

    Parameters
    ----------
    directory : str or Path, optional
        A folder with a ``manifest.json``; by default the course's own data.

    Returns
    -------
    pandas.DataFrame
        One row per data set.

    Examples
    --------
    >>> table = list_datasets()
    >>> list(table.columns)
    ['name', 'title', 'file', 'rows', 'columns', 'source', 'licence']
    """
    if directory is not None:
        check_path("directory", directory)
    import pandas as pd

    entries = _read_manifest(Path(directory) if directory is not None else data_dir())
    rows = [
        {
            "name": entry["name"],
            "title": entry["title"],
            "file": entry["file"],
            "rows": entry.get("rows"),
            "columns": ", ".join(column["name"] for column in entry["columns"]),
            "source": entry["source"],
            "licence": entry["licence"],
        }
        for entry in entries
    ]
    return pd.DataFrame(rows, columns=["name", "title", "file", "rows", "columns", "source", "licence"])


def describe(name: str, *, directory: str | Path | None = None):
    """Return the columns of data set ``name`` with their types and meanings.

    Examples
    --------
    >>> describe("activities")["column"].tolist()
    ['id', 'activity', 'route', 'exchange', 'question', 'reason']
    """
    check_text("name", name)
    if directory is not None:
        check_path("directory", directory)
    import pandas as pd

    entry = _entry(name, Path(directory) if directory is not None else data_dir())
    return pd.DataFrame(
        [
            {
                "column": column["name"],
                "type": column["type"],
                "description": column.get("description", ""),
                "allowed": ", ".join(map(str, column.get("allowed", []))),
            }
            for column in entry["columns"]
        ]
    )


def sha256_of(path: Path) -> str:
    """Return the hexadecimal SHA-256 checksum of a file (what the manifest records for each data file)."""
    path = check_path("path", path, file=True)
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _checked_path(entry: dict, directory: Path) -> Path:
    """The entry's file (or, for a group of files, its folder) after checking every checksum.

    A group of files (several monthly exports, say) has one entry whose ``file`` is a
    folder and whose ``sha256`` maps each file's name in it to that file's checksum.
    """
    name = entry["name"]
    path = directory / entry["file"]
    expected = entry["sha256"] if isinstance(entry["sha256"], dict) else {None: entry["sha256"]}
    for member, digest in expected.items():
        target = path if member is None else path / member
        if not target.is_file():
            raise FileNotFoundError(f"data set {name!r}: the file {target} is missing")
        actual = sha256_of(target)
        if actual != digest:
            raise DataError(
                f"data set {name!r}: the file {target} does not match its checksum in the manifest"
                f" (expected sha256 {digest}, found {actual}); it was changed or damaged."
                " Restore it (e.g. `git checkout data/`) or reinstall smlearn."
            )
    return path


def path(name: str, *, directory: str | Path | None = None) -> Path:
    """Return where data set ``name`` is, after checking its checksums: a file, or a folder of files.

    Use it to hand a shipped file to another reader, e.g. the course's real X/Twitter
    analytics exports to :func:`smlearn.exports.load_export`. ``name`` may also be the
    folder name of a group of files (``"twitter_analytics_debruine"``): every group in
    that folder is checked.

    Examples
    --------
    >>> path("activities").name
    'activities.csv'
    >>> path("x_analytics_posts").name
    'twitter_analytics_debruine'
    """
    check_text("name", name)
    if directory is not None:
        check_path("directory", directory)
    directory = Path(directory) if directory is not None else data_dir()
    if isinstance(name, str):
        groups = [entry for entry in _read_manifest(directory)
                  if isinstance(entry["sha256"], dict) and Path(entry["file"]).name == name]
        if groups and not any(entry["name"] == name for entry in groups):
            for entry in groups:
                _checked_path(entry, directory)
            return directory / groups[0]["file"]
    return _checked_path(_entry(name, directory), directory)


def load(name: str, *, directory: str | Path | None = None):
    """Load data set ``name`` after checking it against the manifest.

    Parameters
    ----------
    name : str
        A name from :func:`list_datasets`, e.g. ``"activities"``.
    directory : str or Path, optional
        A folder with a ``manifest.json``; by default the course's own data.

    Returns
    -------
    pandas.DataFrame
        The columns the manifest lists, in its order, with its types.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If there is no data set of that name (the message lists the names).
    FileNotFoundError
        If the data file is missing.
    DataError
        If the checksum does not match, or a column is missing, extra, empty where
        it may not be, of the wrong type or holds a value outside its allowed set.

    Examples
    --------
    >>> activities = load("activities")
    >>> list(activities.columns)
    ['id', 'activity', 'route', 'exchange', 'question', 'reason']
    >>> load("tweets")
    Traceback (most recent call last):
    ...
    ValueError: there is no data set called 'tweets'; the data sets are: activities...
    """
    check_text("name", name)
    if directory is not None:
        check_path("directory", directory)
    directory = Path(directory) if directory is not None else data_dir()
    entry = _entry(name, directory)
    where = _checked_path(entry, directory)
    if isinstance(entry["sha256"], dict) and entry["format"] == "csv" and "reader" not in entry:
        return _read_group(where, entry)
    return _reader(entry)(where, entry)


def load_network(name: str, *, directory: str | Path | None = None):
    """Load data set ``name`` as a networkx graph, with its people's attributes on the nodes.

    Works for the data sets whose manifest entry has a ``"network"`` object: a table of
    ties (one row per tie) and, named by ``"nodes"``, a second data set with one row per
    person. Both are loaded (and checked) by :func:`load`. The entry says which columns
    hold the two ends of a tie (``"source"``, ``"target"``), whether ties have a direction
    (``"directed"``: a follow from A to B is not a follow from B to A), which column is the
    tie's ``"weight"`` if any, and which node-table columns become node attributes
    (``"node_attributes"``: ``{attribute: column}``). Everyone in the node table is a node,
    also those with no tie.

    Parameters
    ----------
    name : str
        A network data set, e.g. ``"us_senate_follows"`` or ``"uk_mps_interactions"``.
    directory : str or Path, optional
        A folder with a ``manifest.json``; by default the course's own data.

    Returns
    -------
    networkx.DiGraph or networkx.Graph

    Raises
    ------
    ValueError
        If the data set is not a network (the message lists the ones that are).
    DataError
        If a tie names someone who is not in the node table, or the node table
        lists someone twice.

    Examples
    --------
    >>> G = load_network("us_senate_follows")
    >>> G.is_directed(), G.number_of_nodes(), G.number_of_edges()
    (True, 91, 3859)
    >>> G.nodes["SenAlexander"]["party"], G.nodes["SenAlexander"]["state"]
    ('R', 'TN')
    """
    check_text("name", name)
    if directory is not None:
        check_path("directory", directory)
    import networkx as nx
    import pandas as pd

    directory = Path(directory) if directory is not None else data_dir()
    entry = _entry(name, directory)
    spec = entry.get("network")
    if not isinstance(spec, dict):
        networks = [e["name"] for e in _read_manifest(directory) if isinstance(e.get("network"), dict)]
        hint = f" (load({name!r}) already returns it in its own shape)" if "reader" in entry else ""
        raise ValueError(f"data set {name!r} has no 'network' entry in the manifest{hint};"
                         f" load_network reads: {', '.join(networks)}")
    ties = load(name, directory=directory)
    G = nx.DiGraph() if spec.get("directed", False) else nx.Graph()
    G.graph["name"] = spec.get("name", entry["title"])

    # The people first, so that people without a tie are in the graph too.
    if "nodes" in spec:
        people = load(spec["nodes"], directory=directory)
        key = spec["node_key"]
        repeated = people[key][people[key].duplicated()].tolist()
        if repeated:
            raise DataError(f"data set {spec['nodes']!r} lists {repeated[:5]} more than once in column {key!r}")
        attributes = spec.get("node_attributes", {})
        for row in people.to_dict("records"):
            values = {}
            for attribute, column in attributes.items():
                value = row[column]
                # Plain Python values, so that a learner sees 'R' and 41560, not pandas' wrappers.
                values[attribute] = None if pd.isna(value) else _plain(value)
            G.add_node(str(row[key]), **values)

    weight = spec.get("weight")
    sources = ties[spec["source"]].astype(str).tolist()
    targets = ties[spec["target"]].astype(str).tolist()
    weights = ties[weight].astype(int).tolist() if weight else None
    unknown = sorted((set(sources) | set(targets)) - set(G.nodes)) if "nodes" in spec else []
    if unknown:
        raise DataError(f"data set {name!r}: ties name {unknown[:5]}, who are not in {spec['nodes']!r}")
    for i in range(len(sources)):
        if weights is None:
            G.add_edge(sources[i], targets[i])
        else:
            G.add_edge(sources[i], targets[i], weight=weights[i])
    return G


def _plain(value):
    """A numpy or pandas scalar as the plain Python value it stands for."""
    return value.item() if hasattr(value, "item") else value


def _reader(entry: dict):
    """The function that reads this entry's file: the built-in CSV reader, or the one the entry names.

    A data set in another format names its reader in the manifest as
    ``"reader": "smlearn.module:function"``; the function takes ``(path, entry)`` and
    returns the data set. It runs only after the checksum has been verified.
    """
    if entry["format"] == "csv" and "reader" not in entry:
        return _read_csv
    target = entry.get("reader")
    if not isinstance(target, str) or ":" not in target or not target.startswith("smlearn."):
        raise DataError(
            f"data set {entry['name']!r} has format {entry['format']!r}: it needs a"
            " 'reader' of the form 'smlearn.module:function' in the manifest (csv needs none)"
        )
    module_name, function_name = target.split(":", 1)
    import importlib

    try:
        return getattr(importlib.import_module(module_name), function_name)
    except (ImportError, AttributeError) as error:
        raise DataError(f"data set {entry['name']!r}: cannot find its reader {target!r} ({error})") from None


def _read_csv(path: Path, entry: dict):
    import pandas as pd

    columns = entry["columns"]
    expected = [column["name"] for column in columns]
    try:
        # Read everything as text first, so that we (not pandas' guesses) decide each type.
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError) as error:
        raise DataError(f"{path} is not a readable UTF-8 CSV file: {error}") from None
    found = list(frame.columns)
    if found != expected:
        missing = [c for c in expected if c not in found]
        extra = [c for c in found if c not in expected]
        raise DataError(
            f"{path} has the wrong columns: expected {expected}, found {found}"
            f" (missing: {missing or 'none'}; unexpected: {extra or 'none'})"
        )
    if "rows" in entry and len(frame) != entry["rows"]:
        raise DataError(f"{path} has {len(frame)} rows; the manifest says {entry['rows']}")
    for column in columns:
        frame[column["name"]] = _convert(frame[column["name"]], column, path)
    return frame


def read_graph_csv(path, entry):
    """Read a network stored as an edge list CSV, as the manifest entry says (the reader :func:`load` uses for networks).

    The entry's ``"graph"`` object holds: ``"source"`` and ``"target"`` (column names),
    optionally ``"edge_attributes"`` (columns copied onto each tie), ``"node_attributes"``
    (``{attribute: [source column, target column]}``), ``"bipartite": true`` (source
    nodes are the top set, target nodes the bottom set) and ``"name"``.

    Examples
    --------
    >>> G = load("karate")
    >>> G.number_of_nodes(), G.number_of_edges(), G.nodes[0]["club"]
    (34, 78, 'Mr. Hi')
    """
    check_path("path", path, file=True)
    check_instance("entry", entry, dict, "a data set's entry in the manifest")
    import networkx as nx

    table = _read_csv(path, entry)               # checks the columns and their types
    spec = entry["graph"]
    source = table[spec["source"]].astype(object).tolist()
    target = table[spec["target"]].astype(object).tolist()
    G = nx.Graph(name=spec.get("name", entry["title"]))
    attributes = {name: table[name].astype(object).tolist() for name in spec.get("edge_attributes", [])}
    for i, (u, v) in enumerate(zip(source, target)):
        G.add_edge(u, v, **{name: values[i] for name, values in attributes.items()})
    for name, (s_col, t_col) in spec.get("node_attributes", {}).items():
        for u, value in zip(source, table[s_col].astype(object)):
            G.nodes[u][name] = value
        for v, value in zip(target, table[t_col].astype(object)):
            G.nodes[v][name] = value
    if spec.get("bipartite"):
        top, bottom = list(dict.fromkeys(source)), list(dict.fromkeys(target))
        nx.set_node_attributes(G, {u: 0 for u in top} | {v: 1 for v in bottom}, "bipartite")
        G.graph.update(top=top, bottom=bottom)
    return G



def _read_group(folder: Path, entry: dict):
    """A group of CSV files with the same columns, read one after the other as one table."""
    import pandas as pd

    one = {key: value for key, value in entry.items() if key != "rows"}   # rows counts the whole group
    frame = pd.concat([_read_csv(folder / member, one) for member in entry["sha256"]], ignore_index=True)
    if "rows" in entry and len(frame) != entry["rows"]:
        raise DataError(f"{folder} holds {len(frame)} rows in its files; the manifest says {entry['rows']}")
    return frame


def _convert(values, column: dict, path: Path):
    import pandas as pd

    name, kind = column["name"], column["type"]
    blank = values.str.strip() == ""
    if blank.any() and not column.get("nullable", False):
        rows = (blank[blank].index + 2).tolist()[:5]  # +2: the header is line 1 of the file
        raise DataError(f"{path}: column {name!r} is empty on line(s) {rows}; it may not be empty")
    values = values.mask(blank)
    try:
        if kind == "int":
            converted = pd.to_numeric(values, errors="raise").astype("Int64")
            if not (converted.dropna() == pd.to_numeric(values.dropna())).all():
                raise ValueError("not whole numbers")
        elif kind == "float":
            converted = pd.to_numeric(values, errors="raise").astype("float64")
        elif kind == "bool":
            lookup = {"true": True, "false": False}
            lowered = values.str.lower()
            if not lowered.dropna().isin(lookup).all():
                raise ValueError("not true/false")
            converted = lowered.map(lookup).astype("boolean")
        else:
            converted = values.astype("string")
    except (ValueError, TypeError) as error:
        raise DataError(f"{path}: column {name!r} should hold {kind} values: {error}") from None
    allowed = column.get("allowed")
    if allowed is not None:
        bad = sorted(set(converted.dropna()) - set(allowed))
        if bad:
            raise DataError(f"{path}: column {name!r} holds {bad}, which are not allowed; allowed: {allowed}")
        if kind == "category":
            converted = pd.Categorical(converted, categories=allowed)
    elif kind == "category":
        converted = converted.astype("category")
    return converted
