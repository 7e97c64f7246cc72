"""`smlearn doctor` and a lesson's first cell check every library smlearn requires, against the versions
pyproject.toml asks for, and the widget front end, and never say all is well when a lesson would fail
(issue 15, part 6).

A missing or broken library is simulated in a fresh Python (a subprocess), as a learner would meet it:
its distribution hidden from importlib.metadata and its module refused by ``import``, before smlearn
is imported, so that a module of smlearn importing it at the top would show as a traceback.
"""

import importlib.metadata
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from smlearn import environment
from smlearn.cli import main

pytestmark = pytest.mark.slow   # each check runs a fresh Python (a subprocess)

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
DECLARED = {line.split(">")[0].split("=")[0].split("<")[0].split("~")[0].strip(): line for line in PYPROJECT["project"]["dependencies"]}

# Runs in the subprocess: hide distributions and modules, age versions, empty JupyterLab's extension
# folders, then run the doctor and a lesson's first cell. Its argument is a JSON object.
HARNESS = r'''
import importlib.abc, importlib.metadata as metadata, importlib.util, json, re, sys

setup = json.loads(sys.argv[1])
canonical = lambda name: re.sub(r"[-_.]+", "-", name).lower()
hidden = {canonical(n) for n in setup.get("hide", [])}
aged = {canonical(n): v for n, v in setup.get("versions", {}).items()}
for module in setup.get("modules", []):
    sys.modules[module] = None   # `import module` now fails, as if it were not installed



class Broken(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds the modules named "broken" but fails to load them, as a compiled part built for another Python would."""

    def find_spec(self, name, path=None, target=None):
        return importlib.util.spec_from_loader(name, self) if name in setup.get("broken", []) else None

    def exec_module(self, module):
        raise ImportError(f"DLL load failed while importing {module.__name__}")


sys.meta_path.insert(0, Broken())
real_from_name = metadata.Distribution.from_name.__func__

def from_name(cls, name):
    if canonical(name) in hidden:
        raise metadata.PackageNotFoundError(name)
    found = real_from_name(cls, name)
    if canonical(name) in aged:
        class Aged(type(found)):
            version = aged[canonical(name)]
        older = Aged.__new__(Aged)
        older.__dict__.update(found.__dict__)
        return older
    return found

metadata.Distribution.from_name = classmethod(from_name)
if setup.get("no_extensions"):
    import jupyter_core.paths
    jupyter_core.paths.jupyter_path = lambda *parts: [setup["no_extensions"]]

from smlearn.cli import main
code = main(["doctor"])
print("=== first cell")
import smlearn
print(smlearn.check_environment(lesson="00"))
sys.exit(code)
'''


def run_doctor(tmp_path, **setup):
    """The doctor's output, a lesson's first cell's verdict, stderr and the doctor's exit code."""
    done = subprocess.run([sys.executable, "-c", HARNESS, json.dumps(setup)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    doctor, _, first_cell = done.stdout.partition("=== first cell\n")
    return doctor, first_cell, done.stderr, done.returncode


def assert_refused(doctor, first_cell, stderr, code, line):
    """One ✘ line says what is wrong and how to fix it; no 'All good.', no traceback, exit code 1."""
    assert code == 1, doctor + stderr
    assert f"✘ {line}" in doctor, doctor
    assert "All good." not in doctor and "Traceback" not in doctor + first_cell + stderr, doctor + stderr
    assert "problem(s): fix the lines marked ✘" in doctor
    assert first_cell.startswith("✘ Not ready:") and line in first_cell, first_cell


def requirement_of(library, name):
    """The requirement ``library``'s installed metadata declares on ``name`` (``~=3.0.17``)."""
    for line in importlib.metadata.requires(library):
        if line.startswith(name) and "extra" not in line:
            return line.split(";")[0].strip()
    raise LookupError(name)


def test_every_runtime_dependency_of_pyproject_is_checked():
    assert [r.name for r in environment.requirements()] == list(DECLARED)
    assert "scipy" in DECLARED and "pyyaml" in DECLARED and "networkx" in DECLARED


def test_an_installed_smlearn_without_its_checkout_reads_its_metadata(monkeypatch):
    # private on purpose: where the checkout's pyproject.toml is; None stands for a wheel install
    monkeypatch.setattr(environment, "_project", lambda: None)   # a wheel install: no pyproject.toml beside it
    names = [r.name for r in environment.requirements()]
    assert "numpy" in names and "ipywidgets" in names
    assert "pytest" not in names and "ndlib" not in names   # the test and bench extras are not a lesson's needs
    # private on purpose: the Python version check reads it, and a wheel install has only the metadata to give it
    assert environment._requires_python() == importlib.metadata.metadata("smlearn")["Requires-Python"]


@pytest.mark.parametrize("library, module", [("scipy", "scipy"), ("pyyaml", "yaml"), ("networkx", "networkx")])
def test_a_missing_library_is_one_line_naming_the_version_and_the_fix(library, module, tmp_path):
    doctor, first_cell, stderr, code = run_doctor(tmp_path, hide=[library], modules=[module])
    wanted = DECLARED[library]
    assert_refused(doctor, first_cell, stderr, code, f"{library} is missing (smlearn needs {wanted})")
    assert f'pip install -U "{wanted}"' in doctor and "pip install -e . in the course folder" in doctor
    assert "✘ the data sets were not checked: install the missing libraries first" in doctor
    assert sum(line.startswith("✘") for line in doctor.splitlines()) == 2, doctor


def test_a_library_that_fails_to_import_is_named(tmp_path):
    doctor, first_cell, stderr, code = run_doctor(tmp_path, broken=["networkx"])
    line = f"networkx {importlib.metadata.version('networkx')} is installed, but `import networkx` fails (ImportError: DLL load failed"
    assert_refused(doctor, first_cell, stderr, code, line)
    assert f'pip install -U "{DECLARED["networkx"]}"' in doctor


def test_a_library_whose_module_is_gone_is_named(tmp_path):
    doctor, first_cell, stderr, code = run_doctor(tmp_path, modules=["yaml"])
    line = f"pyyaml {importlib.metadata.version('pyyaml')} is installed, but Python cannot find its module yaml"
    assert_refused(doctor, first_cell, stderr, code, line)


def test_a_library_another_one_needs_is_reported_once(tmp_path):
    doctor, first_cell, stderr, code = run_doctor(tmp_path, hide=["numpy"], modules=["numpy"])
    assert_refused(doctor, first_cell, stderr, code, f"numpy is missing (smlearn needs {DECLARED['numpy']})")
    assert doctor.count("numpy is missing") == 1
    assert f"✘ pandas {importlib.metadata.version('pandas')} will not work until numpy is fixed (see above)" in doctor


def test_a_library_older_than_pyproject_asks_is_flagged(tmp_path):
    doctor, first_cell, stderr, code = run_doctor(tmp_path, versions={"scipy": "1.5.0"})
    assert_refused(doctor, first_cell, stderr, code, f"scipy 1.5.0 is installed, but smlearn needs {DECLARED['scipy']}")
    assert f'pip install -U "{DECLARED["scipy"]}"' in doctor


def test_a_missing_widget_front_end_is_flagged(tmp_path):
    widgets = f"ipywidgets {importlib.metadata.version('ipywidgets')}"
    wanted = requirement_of("ipywidgets", "jupyterlab_widgets")
    doctor, first_cell, stderr, code = run_doctor(tmp_path, hide=["jupyterlab_widgets"])
    assert_refused(doctor, first_cell, stderr, code, f"jupyterlab_widgets is missing ({widgets} needs {wanted})")
    assert f'pip install -U "{wanted}"' in doctor and "restart JupyterLab and reload the page" in doctor


def test_a_widget_front_end_of_another_major_version_is_flagged(tmp_path):
    widgets = f"ipywidgets {importlib.metadata.version('ipywidgets')}"
    wanted = requirement_of("ipywidgets", "jupyterlab_widgets")
    doctor, first_cell, stderr, code = run_doctor(tmp_path, versions={"jupyterlab_widgets": "1.1.1"})
    assert_refused(doctor, first_cell, stderr, code, f"jupyterlab_widgets 1.1.1 is installed, but {widgets} needs {wanted}")


def test_a_widget_extension_jupyterlab_cannot_find_is_flagged(tmp_path):
    empty = tmp_path / "labextensions"
    empty.mkdir()
    doctor, _, stderr, code = run_doctor(tmp_path, no_extensions=str(empty))
    assert code == 1 and "All good." not in doctor and "Traceback" not in doctor + stderr
    assert "✘ JupyterLab will not find the @jupyter-widgets/jupyterlab-manager extension (jupyterlab_widgets)" in doctor
    assert "pip install --force-reinstall --no-deps jupyterlab_widgets" in doctor


def test_a_dependency_added_to_pyproject_is_checked_with_no_change_to_the_doctor(monkeypatch, capsys):
    added = ["nosuchlib>=1.2"] + ([] if "anywidget" in DECLARED else ["anywidget>=0.9"])
    project = {**PYPROJECT["project"], "dependencies": [*PYPROJECT["project"]["dependencies"], *added]}
    monkeypatch.setattr(environment, "_project", lambda: project)   # private on purpose: the pyproject it reads
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert f"✔ anywidget {importlib.metadata.version('anywidget')} (smlearn needs anywidget>=" in out
    assert "✔ JupyterLab finds the anywidget extension (anywidget)" in out   # the front end it ships
    assert '✘ nosuchlib is missing (smlearn needs nosuchlib>=1.2): run pip install -U "nosuchlib>=1.2"' in out
    assert "All good." not in out


def test_a_complete_environment_is_all_good(tmp_path):
    doctor, first_cell, stderr, code = run_doctor(tmp_path)
    lines = doctor.splitlines()
    assert code == 0 and lines[-1] == "All good." and "Traceback" not in stderr
    assert all(line.startswith("✔") for line in lines[:-1]), doctor
    for library in DECLARED:
        assert any(line.startswith(f"✔ {library} ") for line in lines), library
    assert any(line.startswith("✔ the widget front end matches ipywidgets") for line in lines)
    assert "✔ JupyterLab finds the @jupyter-widgets/jupyterlab-manager extension (jupyterlab_widgets)" in lines
    assert first_cell.startswith("✔ Ready: smlearn, its data sets and the widget library are in place.\nLesson 00:")
