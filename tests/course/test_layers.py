"""The package's layers hold: each module uses only its own layer and the ones below it.

The layers are listed in :mod:`smlearn.layers`, lowest first: base helpers, data, models,
analyses of the real data, views (figures), widgets (explorers), and the course itself
(questions, exercises, building and copying lessons). A model that imported a widget could not be read or tested on its own; a data
reader that imported a model would load the model's libraries to read a file.

Two checks. The static one reads every module's imports, including those inside functions
(imported late, but still a use). The run-time one imports a whole layer in a fresh Python
and looks at ``sys.modules``: nothing from a layer above may have been loaded, and below the
views no plotting or widget library either.

``ALLOWED`` lists the imports that still cross a layer upward, each with its reason. It may
only shrink: an entry no longer needed fails the test, so that it is removed.

A private name (a leading underscore) stays in its module: no other module uses it, nor a
benchmark, nor a checked fact (``notebooks/course.yml``, ``docs/instructors/facts/*.yml``).
"""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import smlearn
from smlearn.build import modules_used
from smlearn.layers import LAYERS, layer_of

PACKAGE = Path(smlearn.__file__).parent

# (importer, imported): imports that go up a layer, each with its reason. Shrink this; never grow it lightly.
ALLOWED: dict[tuple[str, str], str] = {}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def smlearn_imports(path: Path) -> set[str]:
    """Every smlearn module ``path`` uses, anywhere in it: what ``smlearn build`` finds (imports, also
    inside functions, and dotted uses such as ``smlearn.models.traffic.simulate``), a name taken from
    a package counting as the module that defines it."""
    own = module_name(path) + (".__init__" if path.name == "__init__.py" else "")
    used, _ = modules_used(path.read_text(encoding="utf-8"), PACKAGE.parent, own)
    return used - {"smlearn"}


def upward_imports() -> dict[tuple[str, str], str]:
    """Every import of the package that goes to a higher layer: (importer, imported) -> the two layers."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = module_name(path)
        for imported in smlearn_imports(path):
            if layer_of(imported) > layer_of(importer):
                found[(importer, imported)] = f"{LAYERS[layer_of(importer)].name} -> {LAYERS[layer_of(imported)].name}"
    return found


def test_every_module_is_in_a_layer():
    for path in PACKAGE.rglob("*.py"):
        layer_of(module_name(path))


def test_no_module_imports_from_a_layer_above_it():
    crossing = {pair: layers for pair, layers in upward_imports().items() if pair not in ALLOWED}
    assert not crossing, ("these imports go up a layer (a model may not use a widget, data may not use a model, "
                          f"...); move the code, or the shared names, down (the layers are in smlearn/layers.py): {crossing}")


def test_the_allowed_crossings_are_still_needed():
    stale = set(ALLOWED) - set(upward_imports())
    assert not stale, f"no longer imported: remove them from ALLOWED in tests/course/test_layers.py: {sorted(stale)}"


def test_the_static_check_sees_an_upward_import(tmp_path, monkeypatch):
    # The check must be able to fail: a model file that imports a widget is caught.
    fake = tmp_path / "smlearn"
    (fake / "models").mkdir(parents=True)
    (fake / "widgets").mkdir()
    for init in (fake, fake / "models", fake / "widgets"):
        (init / "__init__.py").write_text("")
    (fake / "widgets" / "base.py").write_text("")
    (fake / "models" / "x.py").write_text("def f():\n    from smlearn.widgets.base import Explorer\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert upward_imports() == {("smlearn.models.x", "smlearn.widgets.base"): "models -> widgets"}


def _modules_of(rank: int) -> list[str]:
    names = [module_name(p) for p in PACKAGE.rglob("*.py")]
    return sorted(n for n in names if layer_of(n) == rank and not n.rpartition(".")[2].startswith("_"))


@pytest.mark.slow   # a fresh Python for each layer; the static check above stays in the fast loop
@pytest.mark.parametrize("rank", range(len(LAYERS) - 1), ids=[layer.name for layer in LAYERS[:-1]])
def test_importing_a_layer_loads_nothing_from_the_layers_above(rank):
    # A fresh Python for each layer: what the test run has imported already must not hide a leak.
    code = (
        "import importlib, json, sys\n"
        f"for name in {_modules_of(rank)!r}:\n"
        "    importlib.import_module(name)\n"
        "if 'smlearn.data' in sys.modules:\n"
        "    sys.modules['smlearn.data'].load('karate')   # a network: read by the data layer's own reader\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout)
    above = sorted(m for m in loaded if m.split(".")[0] == "smlearn" and m != "smlearn" and layer_of(m) > rank)
    assert not above, f"importing the {LAYERS[rank].name} layer loaded modules from above it: {above}"
    if rank < layer_of("smlearn.plots"):
        drawing = sorted({m.split(".")[0] for m in loaded} & {"matplotlib", "ipywidgets", "anywidget"})
        assert not drawing, f"the {LAYERS[rank].name} layer loaded a drawing or widget library: {drawing}"


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_names_used_across_modules() -> list[str]:
    """Every use of another module's private name: ``from m import _x`` and ``m._x`` (``m`` an smlearn
    module imported by name), unless ``m``'s own name starts with "_" (a private module shared inside the
    package, such as ``smlearn.realdata._checks``). Dunder names (``__version__``) are not private."""
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += private_names_used_in(path, module_name(path), modules)
    return found


def private_names_used_in(path: Path, me: str, modules: set[str]) -> list[str]:
    """The private names of smlearn modules (other than ``me``) that the Python file ``path`` uses."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bound = {}     # local name -> the smlearn module it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "smlearn":
                    bound[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else "smlearn"
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "smlearn":
            for alias in node.names:
                if f"{node.module}.{alias.name}" in modules:
                    bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                elif _private(alias.name) and not node.module.rpartition(".")[2].startswith("_") and node.module != me:
                    found.append(f"{me}: from {node.module} import {alias.name}")
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and _private(node.attr)):
            continue
        chain, value = [], node.value          # smlearn.models.returns._counts -> ["smlearn", "models", "returns"]
        while isinstance(value, ast.Attribute):
            chain.insert(0, value.attr)
            value = value.value
        if isinstance(value, ast.Name) and value.id in bound:
            owner = ".".join([bound[value.id]] + chain)
            if owner in modules and owner != me and not owner.rpartition(".")[2].startswith("_"):
                found.append(f"{me}: {owner}.{node.attr}")
    return found


def test_no_module_uses_a_private_name_of_another_module():
    # A name with a leading underscore may change without notice; a helper two modules share is either
    # public (documented, checked, tried with bad input) or lives in a private module both import.
    used = private_names_used_across_modules()
    assert not used, ("these modules use another module's private name: make it public (a docstring, input checks, "
                      f"an entry in tests/course/test_bad_inputs.py) or move it to a private module both import: {used}")


def test_the_private_name_check_sees_both_forms(tmp_path, monkeypatch):
    fake = tmp_path / "smlearn"
    (fake / "models").mkdir(parents=True)
    for init in (fake, fake / "models"):
        (init / "__init__.py").write_text("")
    (fake / "models" / "a.py").write_text("def _helper():\n    pass\n")
    (fake / "models" / "_shared.py").write_text("def _helper():\n    pass\n")
    (fake / "models" / "b.py").write_text("from smlearn.models.a import _helper\nfrom smlearn.models._shared import _helper\n")
    (fake / "models" / "c.py").write_text("from smlearn.models import a\nimport smlearn.models.a\n"
                                          "def f():\n    return a._helper(), smlearn.models.a._helper(), a.__name__\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert sorted(private_names_used_across_modules()) == [
        "smlearn.models.b: from smlearn.models.a import _helper",
        "smlearn.models.c: smlearn.models.a._helper", "smlearn.models.c: smlearn.models.a._helper"]


ROOT = PACKAGE.parent

# Private names still read outside the package, each with who makes them public. Shrink this.
BENCHMARKS_LET_OFF = {
    # widgets/week.py belongs to the branch i17-networks, which gives the kept map a public name.
    "benchmarks.pipeline: from smlearn.widgets.week import _kept_map": "i17-networks fixes it",
}
FACTS_LET_OFF: dict[str, str] = {}


def private_names_used_by_benchmarks() -> list[str]:
    """Every private name of an smlearn module that a benchmark (``benchmarks/*.py``) uses."""
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    found = []
    for path in sorted((ROOT / "benchmarks").glob("*.py")):
        found += private_names_used_in(path, f"benchmarks.{path.stem}", modules)
    return found


def fact_sources() -> list[tuple[str, str]]:
    """(file, source) of every checked fact: the lessons' in notebooks/course.yml and the instructor
    notes' in docs/instructors/facts/*.yml."""
    import yaml

    def sources(record):
        if isinstance(record, dict):
            if "source" in record and "text" in record:
                yield record["source"]
            for value in record.values():
                yield from sources(value)
        elif isinstance(record, list):
            for value in record:
                yield from sources(value)

    files = [ROOT / "notebooks" / "course.yml", *sorted((ROOT / "docs" / "instructors" / "facts").glob("*.yml"))]
    return [(path.relative_to(ROOT).as_posix(), source) for path in files
            for source in sources(yaml.safe_load(path.read_text(encoding="utf-8")))]


def private_names_read(source: str) -> list[str]:
    """Every private attribute a fact's Python expression reads (``a.b._c`` gives ``"a.b._c"``)."""
    return sorted({ast.unparse(node) for node in ast.walk(ast.parse(source, mode="eval"))
                   if isinstance(node, ast.Attribute) and _private(node.attr)})


def private_names_read_by_facts() -> list[str]:
    return [f"{path}: {name}" for path, source in fact_sources() for name in private_names_read(source)]


def test_no_benchmark_and_no_checked_fact_uses_a_private_name():
    # A fact checks what a lesson or the notes say through the package's public names: a private one may
    # change without notice, and the fact would then check something the reader cannot call.
    used = [name for name in private_names_used_by_benchmarks() if name not in BENCHMARKS_LET_OFF]
    used += [name for name in private_names_read_by_facts() if name not in FACTS_LET_OFF]
    assert not used, f"these benchmarks and facts use private names: make them public or compute them from public ones: {used}"


def test_the_private_names_let_off_are_still_used():
    stale = (set(BENCHMARKS_LET_OFF) - set(private_names_used_by_benchmarks())) | (
        set(FACTS_LET_OFF) - set(private_names_read_by_facts()))
    assert not stale, f"no longer used: remove them from tests/course/test_layers.py: {sorted(stale)}"


def test_the_fact_check_sees_a_private_name():
    assert private_names_read("(lambda q: [q._answer(), q.tolerance])(smlearn.questions.links.two_pages)") == \
        ["q._answer"]
    assert private_names_read("smlearn.questions.links._FIVE['party'].__len__()") == ["smlearn.questions.links._FIVE"]


def test_every_lazy_package_lists_all_its_modules_in_its_stub():
    # smlearn's packages load their modules lazily from the list in __init__.pyi (lazy_loader);
    # a module missing from it would be unreachable as an attribute and invisible to editors.
    for stub in PACKAGE.rglob("__init__.pyi"):
        folder = stub.parent
        listed = set()
        for node in ast.parse(stub.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module is None:
                listed |= {alias.name for alias in node.names}
        present = {p.stem for p in folder.glob("*.py") if not p.stem.startswith("_")}
        present |= {d.name for d in folder.iterdir() if (d / "__init__.py").is_file() and not d.name.startswith("_")}
        assert listed == present, f"{stub.relative_to(PACKAGE.parent)}: missing {present - listed}, extra {listed - present}"


@pytest.mark.slow   # a fresh Python that imports every module
def test_the_lazy_names_all_resolve():
    # EAGER_IMPORT makes lazy_loader import every listed name at once: a wrong line in a stub fails here.
    code = "import smlearn, smlearn.models, smlearn.plots, smlearn.widgets, smlearn.questions"
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "EAGER_IMPORT": "1"})


def test_every_public_module_declares_its_public_names():
    # __all__ is what the API page lists and what a reader may rely on; everything else may change.
    import importlib
    import pkgutil

    for info in pkgutil.walk_packages(smlearn.__path__, "smlearn."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        assert hasattr(module, "__all__"), f"{info.name} has no __all__: list its public names"
        missing = [name for name in module.__all__ if not hasattr(module, name)]
        assert not missing, f"{info.name}.__all__ names what the module does not have: {missing}"


def test_the_api_page_shows_the_layers_and_every_public_module_with_its_names():
    import importlib.util

    spec = importlib.util.spec_from_file_location("api_page", PACKAGE.parent / "scripts" / "api_page.py")
    api = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(api)
    page = api.api_page()
    for layer in LAYERS:
        assert f"## {layer.name.capitalize()}" in page
    for name in api.public_modules():
        assert f"### `{name}`" in page
    # a model's public names, each with its parameters (no annotations) and its docstring's first line
    from smlearn.models import traffic
    shown = "simulate(*, " + ", ".join(f"{name}={p.default!r}" for name, p in traffic.PARAMS.items())
    line = next(row for row in page.splitlines() if row.startswith(f"| `{shown}"))
    assert line.endswith(f"| function | {api.first_paragraph(traffic.simulate)} |")
    assert ": " not in line.split("|")[1], "a table cell shows parameters, not their annotations"
    # the page is ordered top layer first, as the picture is
    assert page.index("## Course") < page.index("## Widgets") < page.index("## Models") < page.index("## Base")
    # each module's own page, in the hidden table of contents, with every name's whole docstring
    pages = api.module_pages()
    assert set(pages) == {api.page_of(name) for name in api.public_modules()}
    contents = page.split("```{toctree}")[1]
    assert all(f"\n{path}\n" in contents for path in pages)
    traffic_page = pages[api.page_of("smlearn.models.traffic")]
    simulate = traffic_page.split("## `simulate`")[1].split("\n## ")[0]
    assert "Parameters\n----------" in simulate and "Returns\n-------" in simulate
    assert all(f"\n{name} : " in simulate for name in traffic.PARAMS), "every parameter with its own entry"
    from smlearn.plots.render import PngRenderer     # a class's own methods and properties have entries too
    render_page = pages[api.page_of("smlearn.plots.render")]
    assert "### `PngRenderer.png(self)`" in render_page and PngRenderer.png.__doc__.split("\n")[0] in render_page
    assert "### `PngRenderer.kept` (property)" in render_page
