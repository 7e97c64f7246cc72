"""The data layer: listing, loading, and refusing damaged files with a clear message."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from smlearn import data


def manifest_entries():
    """The manifest's entries by name, as data/manifest.json (the documented record of the data) holds them."""
    return {entry["name"]: entry
            for entry in json.loads((data.data_dir() / "manifest.json").read_text(encoding="utf-8"))["datasets"]}


REPO = Path(__file__).resolve().parents[2]


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


@pytest.mark.slow
def test_every_data_set_in_the_manifest_loads_with_its_declared_columns():
    table = data.list_datasets()
    assert not table.empty
    for row in table.itertuples():
        loaded = data.load(row.name)
        # A data set with its own reader (a network, say) comes back in its own shape; its file
        # must still hold the declared columns and rows.
        frame = (loaded if isinstance(loaded, pd.DataFrame)
                 else pd.read_csv(data.path(row.name), dtype=str, keep_default_na=False, encoding="utf-8"))
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


@pytest.mark.slow
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


# ---------------------------------------------------------------- the real data sets (issue 13)

REAL = {
    # data set: (its folder under data/real, a word its licence must name, keeps its own licence?)
    "uk_mps": ("uk_mps_twitter", "CC0", False),
    "uk_mps_interactions": ("uk_mps_twitter", "CC0", False),
    "us_senators": ("us_senate_follows", "GPL-2", True),
    "us_senate_follows": ("us_senate_follows", "GPL-2", True),
    "retweet_cascade": ("retweet_cascade_seismic", "GPL-3", True),
    "stackexchange_posts": ("stackexchange_qc_votes", "CC BY-SA", True),
    "stackexchange_votes": ("stackexchange_qc_votes", "CC BY-SA", True),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_a_real_data_set_ships_with_its_licence_provenance_and_attribution(name):
    folder, licence, copyleft = REAL[name]
    entry = manifest_entries()[name]
    assert entry["file"].startswith(f"real/{folder}/")
    assert licence in entry["licence"]
    here = data.data_dir() / "real" / folder
    assert (here / "PROVENANCE.md").is_file()
    licence_files = list(here.glob("LICENSE*"))
    assert licence_files and licence_files[0].stat().st_size > 1000         # the licence's text, not a pointer
    for licence_file in licence_files:
        assert licence_file.name in entry["licence"] or licence_file.name.removeprefix("LICENSE_") in entry["licence"]
    if copyleft:   # share-alike and GPL files are not under the package's MIT licence, and the entry says so
        assert "keeps its own licence" in entry["licence"] and "MIT" in entry["licence"]
    # Full attribution: a year and a place to find the original.
    assert any(str(year) in entry["source"] for year in range(2011, 2023))
    assert "github.com/" in entry["source"]
    # Every column is described; a loaded table holds only the values the manifest allows.
    assert all(column.get("description") for column in entry["columns"])
    assert len(data.load(name)) == entry["rows"]


# Where this machine keeps things, found rather than written down (a path written into the
# project would be the very fault this test looks for): the folder above the checkout, the
# home folder and the temporary folder.
MACHINE_PLACES = sorted({str(REPO.parent), str(Path.home()), tempfile.gettempdir()} - {"/", ""})


def test_the_real_folders_hold_no_path_of_a_machine_and_no_unlisted_data():
    listed = set(data.list_datasets()["file"])
    folders = set()
    for folder, _, _ in REAL.values():
        folders.add(folder)
    for path in sorted(p for folder in folders for p in (data.data_dir() / "real" / folder).rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            for marker in MACHINE_PLACES:
                assert marker not in text, f"{path.name} names a path of a machine ({marker})"
            if path.suffix == ".csv":
                assert str(path.relative_to(data.data_dir())) in listed, f"{path} is not in the manifest"


def test_the_readme_states_each_real_licence_and_that_they_are_not_mit():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Licence"):]
    for words in ("CC0", "GPL-2", "GPL-3", "CC BY-SA", "data/real/", "own licence"):
        assert words in section


def test_the_wheel_takes_the_whole_data_folder_with_the_real_data():
    import tomllib

    wheel = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"]["data"] == "smlearn/_data"      # data/real/** goes with it (tests/course/test_packaging.py builds it)


def test_a_damaged_real_file_is_refused_by_its_checksum(data_copy):
    path = data_copy / "real" / "retweet_cascade_seismic" / "tweet.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("\n11,91\n", "\n11,9100\n"), encoding="utf-8")
    with pytest.raises(data.DataError, match="retweet_cascade.*does not match its checksum"):
        data.load("retweet_cascade", directory=data_copy)


def test_load_network_builds_directed_graphs_with_the_people_on_the_nodes():
    senate = data.load_network("us_senate_follows")
    assert senate.is_directed() and (senate.number_of_nodes(), senate.number_of_edges()) == (91, 3859)
    assert senate.nodes["SenatorBoxer"] == {"name": "Barbara Boxer", "party": "D", "state": "CA"}
    assert not senate.has_edge("SenatorBoxer", "SenatorBoxer")
    mps = data.load_network("uk_mps_interactions")
    assert mps.is_directed() and mps.number_of_nodes() == 585
    followers = mps.nodes["LindsayHoyle_MP"]["followers"]
    assert followers == 41560 and type(followers) is int             # a plain number, not a pandas wrapper
    assert set(mps.edges["LindsayHoyle_MP", "GwynneMP"]) == {"weight"}


def test_load_network_refuses_what_is_not_a_network_or_does_not_add_up(data_copy):
    with pytest.raises(ValueError, match=r"'karate' has no 'network' entry.*load\('karate'\) already returns it"):
        data.load_network("karate")
    with pytest.raises(ValueError, match="'activities' has no 'network' entry.*us_senate_follows"):
        data.load_network("activities")
    # A follow naming someone who is not in the senators' table.
    follows = data_copy / "real" / "us_senate_follows" / "twitter-following.csv"
    rewrite(data_copy, "real/us_senate_follows/twitter-following.csv",
            follows.read_text(encoding="utf-8").replace('"SenAlexander","RoyBlunt"', '"SenAlexander","NoSuchSenator"', 1))
    with pytest.raises(data.DataError, match=r"ties name \['NoSuchSenator'\], who are not in 'us_senators'"):
        data.load_network("us_senate_follows", directory=data_copy)
    # A senator listed twice.
    senators = data_copy / "real" / "us_senate_follows" / "twitter-senator.csv"
    text = senators.read_text(encoding="utf-8")
    rewrite(data_copy, "real/us_senate_follows/twitter-senator.csv", text + text.splitlines()[1] + "\n")
    manifest = json.loads((data_copy / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["datasets"]:
        if entry["name"] == "us_senators":
            entry["rows"] += 1
    (data_copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(data.DataError, match=r"'us_senators' lists \['SenAlexander'\] more than once"):
        data.load_network("us_senate_follows", directory=data_copy)
