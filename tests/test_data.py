"""The data layer: listing, loading, and refusing damaged files with a clear message."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from smlearn import data

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of the data folder that a test may damage; the real one is never touched."""
    target = tmp_path / "data"
    shutil.copytree(data.data_dir(), target)
    return target


def rewrite(folder, name, text):
    """Write a new version of a file and update its checksum, so only the content is wrong."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["datasets"]:
        if entry["file"] == name:
            entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_every_data_set_in_the_manifest_loads_with_its_declared_columns():
    table = data.list_datasets()
    assert not table.empty
    entries = {entry["name"]: entry for entry in data._read_manifest(data.data_dir())}
    for row in table.itertuples():
        loaded = data.load(row.name)
        # A data set with its own reader (a network, say) comes back in its own shape; its file
        # must still hold the declared columns and rows, which the CSV reader checks.
        frame = loaded if isinstance(loaded, pd.DataFrame) else data._read_csv(data.data_dir() / entries[row.name]["file"], entries[row.name])
        assert list(frame.columns) == row.columns.split(", ")
        assert len(frame) == row.rows


def test_manifest_entries_have_provenance():
    for row in data.list_datasets().itertuples():
        assert row.source and row.licence and row.title


def test_activities_meets_the_brief():
    activities = data.load("activities")
    assert len(activities) >= 40
    assert activities["id"].tolist() == list(range(1, len(activities) + 1))
    assert activities["activity"].is_unique
    # Every cell of the frame is there several times, and each question decides some items.
    cells = (activities["route"].astype(str) + "-" + activities["exchange"].astype(str)).value_counts()
    assert set(cells.index) == {"find-broadcast", "ties-two-way", "ties-broadcast", "find-two-way"}
    assert cells.min() >= 5
    assert set(activities["question"].astype(str)) == {"route", "exchange"}
    assert activities["reason"].str.len().between(20, 160).all()


def test_loading_works_from_any_working_directory(tmp_path):
    code = "from smlearn import data; print(len(data.load('activities')))"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert int(out.stdout) == len(data.load("activities"))


def test_unknown_name_lists_the_data_sets():
    with pytest.raises(ValueError, match="there is no data set called 'nope'; the data sets are: .*activities"):
        data.load("nope")


def test_name_must_be_a_string():
    with pytest.raises(TypeError, match="name must be a string"):
        data.load(3)


def test_missing_file_names_the_file(data_copy):
    (data_copy / "activities.csv").unlink()
    with pytest.raises(FileNotFoundError, match="activities.csv is missing"):
        data.load("activities", directory=data_copy)


def test_checksum_mismatch_names_the_file_and_does_not_change_it(data_copy):
    path = data_copy / "activities.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Publishing", "Publishin"), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(data.DataError, match="activities.csv does not match its checksum"):
        data.load("activities", directory=data_copy)
    assert path.read_bytes() == before


def test_wrong_columns_are_named(data_copy):
    text = (data_copy / "activities.csv").read_text(encoding="utf-8").replace("question", "quest", 1)
    rewrite(data_copy, "activities.csv", text)
    with pytest.raises(data.DataError, match=r"wrong columns.*missing: \['question'\].*unexpected: \['quest'\]"):
        data.load("activities", directory=data_copy)


def test_a_value_outside_the_allowed_set_is_named(data_copy):
    text = (data_copy / "activities.csv").read_text(encoding="utf-8").replace(",ties,", ",tias,", 1)
    rewrite(data_copy, "activities.csv", text)
    with pytest.raises(data.DataError, match=r"column 'route' holds \['tias'\]"):
        data.load("activities", directory=data_copy)


def test_a_non_number_in_an_int_column_is_named(data_copy):
    lines = (data_copy / "activities.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = "one" + lines[1][lines[1].index(","):]
    rewrite(data_copy, "activities.csv", "".join(lines))
    with pytest.raises(data.DataError, match="column 'id' should hold int values"):
        data.load("activities", directory=data_copy)


def test_an_empty_cell_is_named_with_its_line(data_copy):
    lines = (data_copy / "activities.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[3].split(",")
    fields[2] = ""
    lines[3] = ",".join(fields)
    rewrite(data_copy, "activities.csv", "".join(lines))
    with pytest.raises(data.DataError, match=r"column 'route' is empty on line\(s\) \[4\]"):
        data.load("activities", directory=data_copy)


def test_a_truncated_file_is_caught_by_the_row_count(data_copy):
    lines = (data_copy / "activities.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    rewrite(data_copy, "activities.csv", "".join(lines[:-3]))
    with pytest.raises(data.DataError, match="rows; the manifest says"):
        data.load("activities", directory=data_copy)


def test_a_file_that_is_not_utf8_is_named(data_copy):
    path = data_copy / "activities.csv"
    path.write_bytes(path.read_bytes() + "caf\u00e9\n".encode("latin-1"))
    rewrite_bytes = path.read_bytes()
    manifest = json.loads((data_copy / "manifest.json").read_text())
    manifest["datasets"][0]["sha256"] = hashlib.sha256(rewrite_bytes).hexdigest()
    (data_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(data.DataError, match="activities.csv is not a readable UTF-8 CSV"):
        data.load("activities", directory=data_copy)


@pytest.mark.parametrize(
    "manifest_text, message",
    [
        ("{not json", "is not valid JSON"),
        ('{"data": []}', "must be an object with a list under 'datasets'"),
        ('{"datasets": [{"name": "x"}]}', "entry 0 of the data manifest .* lacks: file, format"),
    ],
)
def test_a_malformed_manifest_is_named(data_copy, manifest_text, message):
    (data_copy / "manifest.json").write_text(manifest_text)
    with pytest.raises(data.DataError, match=message):
        data.list_datasets(directory=data_copy)


def test_an_unknown_column_type_is_named(data_copy):
    manifest = json.loads((data_copy / "manifest.json").read_text())
    manifest["datasets"][0]["columns"][0]["type"] = "integer"
    (data_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(data.DataError, match="has type 'integer'; allowed: int, float"):
        data.load("activities", directory=data_copy)


def test_a_missing_manifest_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="manifest.json is missing"):
        data.list_datasets(directory=tmp_path)


def test_describe_lists_columns_with_types():
    table = data.describe("activities")
    assert table.set_index("column").loc["route", "type"] == "category"
    assert isinstance(table, pd.DataFrame)


def test_a_format_without_a_reader_is_refused_by_name(data_copy):
    manifest = json.loads((data_copy / "manifest.json").read_text())
    manifest["datasets"][0]["format"] = "parquet"
    (data_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(data.DataError, match="format 'parquet': it needs a 'reader'"):
        data.load("activities", directory=data_copy)


def test_a_reader_named_in_the_manifest_is_used_after_the_checksum(data_copy):
    manifest = json.loads((data_copy / "manifest.json").read_text())
    manifest["datasets"][0]["reader"] = "smlearn.data:sha256_of"   # any (path, ...) function will do
    (data_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(TypeError, match=r"sha256_of\(\) takes 1 positional argument"):   # proves the named reader was called
        data.load("activities", directory=data_copy)
    manifest["datasets"][0]["reader"] = "smlearn.data:no_such_reader"
    (data_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(data.DataError, match="cannot find its reader"):
        data.load("activities", directory=data_copy)


def test_the_data_scripts_record_a_rewritten_file_in_the_manifest(data_copy):
    # scripts/manifest.py: the data scripts' way of keeping the checksums true, tried on a copy.
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from manifest import record
    finally:
        sys.path.pop(0)
    manifest = data_copy / "manifest.json"
    before = json.loads(manifest.read_text(encoding="utf-8"))["datasets"]
    old = next(e for e in before if e["name"] == "activities")
    with open(data_copy / "activities.csv", "a", encoding="utf-8") as changed:
        changed.write("\n")                                   # one more byte: a new checksum
    entry = record({"name": "activities", "file": "activities.csv"}, manifest=manifest)
    assert entry["sha256"] == hashlib.sha256((data_copy / "activities.csv").read_bytes()).hexdigest() != old["sha256"]
    after = json.loads(manifest.read_text(encoding="utf-8"))["datasets"]
    assert after == [{**e, "sha256": entry["sha256"]} if e["name"] == "activities" else e for e in before]
    with pytest.raises(ValueError, match="a new data set 'extra' needs the manifest keys format, description"):
        record({"name": "extra", "file": "activities.csv", "title": "a new entry"}, manifest=manifest)
    assert json.loads(manifest.read_text(encoding="utf-8"))["datasets"] == after      # refused: nothing written
    complete = {**next(e for e in before if e["name"] == "activities"), "name": "extra"}
    record(complete, manifest=manifest)
    assert json.loads(manifest.read_text(encoding="utf-8"))["datasets"][-1]["name"] == "extra"
    assert not list(data_copy.glob("*.partial"))
