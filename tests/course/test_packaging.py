"""Packaging: Binder and pip install the same things; the wheel carries the data; import is cheap."""

import json
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name   # conda-forge spells lazy_loader with '_', PyPI's name is lazy-loader

from smlearn.pacing import lesson_files

REPO = Path(__file__).resolve().parents[2]
# Conda packages that are the environment itself, not a runtime dependency of smlearn.
CONDA_ONLY = {"python", "pip"}


def pyproject():
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def runtime_requirements():
    return {canonicalize_name(Requirement(r).name): str(Requirement(r).specifier) for r in pyproject()["project"]["dependencies"]}


def binder_requirements():
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    specs = [d for d in env["dependencies"] if isinstance(d, str)]
    return {canonicalize_name(Requirement(s).name): str(Requirement(s).specifier) for s in specs}


def test_environment_yml_lists_the_same_runtime_dependencies_as_pyproject():
    binder = binder_requirements()
    assert {name: spec for name, spec in binder.items() if name not in CONDA_ONLY} == runtime_requirements()
    assert Requirement("python" + binder["python"].replace("python", "")).specifier.contains("3.11")
    assert binder["python"] == pyproject()["project"]["requires-python"]


def test_binder_installs_smlearn_itself():
    post_build = (REPO / "postBuild").read_text(encoding="utf-8")
    assert "pip install" in post_build and " ." in post_build
    assert os.access(REPO / "postBuild", os.X_OK)


def test_version_is_defined_once_and_exposed():
    import smlearn

    assert smlearn.__version__.count(".") == 2
    assert pyproject()["tool"]["hatch"]["version"]["path"] == "smlearn/__init__.py"


def test_import_smlearn_loads_no_heavy_library():
    # Measured by what is imported rather than by a clock, so the test is not flaky.
    code = "import sys, smlearn; heavy = {'numpy', 'pandas', 'matplotlib', 'ipywidgets', 'scipy', 'networkx'}; print(sorted(heavy & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert out.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(REPO)],
        check=True, capture_output=True,
    )
    (path,) = out.glob("smlearn-*.whl")
    return path


@pytest.mark.slow
def test_the_wheel_carries_the_data_sets_and_lessons(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "smlearn/_data/manifest.json" in names
    manifest = json.loads((REPO / "data" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["datasets"]:
        if isinstance(entry["sha256"], dict):   # a group of files: 'file' is their folder
            for member in entry["sha256"]:
                assert f"smlearn/_data/{entry['file']}/{member}" in names
        else:
            assert f"smlearn/_data/{entry['file']}" in names
    lessons = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
    assert lessons and "smlearn/_notebooks/course.yml" in names
    assert all(f"smlearn/_notebooks/{name}" in names for name in lessons)
    assert "smlearn/class_profile.yml" in names   # every model reads its defaults through it


@pytest.mark.slow
def test_an_installed_wheel_loads_its_data_from_any_folder(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:  # a wheel is a zip: unpacking it is installing it, minus scripts
        archive.extractall(site)
    code = ("import smlearn.data as d, smlearn.course as c, smlearn.models.traffic; print(d.data_dir());"
            " print(len(d.load('activities'))); print(len(c.load_course().lessons))")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(site)})
    folder, rows, lessons = out.stdout.split()
    assert Path(folder) == site / "smlearn" / "_data"
    assert int(rows) >= 40
    assert int(lessons) == len(lesson_files(REPO / "notebooks"))


def test_cli_version_and_check(capsys):
    from smlearn import __version__
    from smlearn.cli import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"smlearn {__version__}"
    assert main(["datasets"]) == 0
    assert "activities" in capsys.readouterr().out
