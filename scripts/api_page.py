"""The course site's API page, written from smlearn's own docstrings and its list of layers.

For each layer (:mod:`smlearn.layers`), top to bottom: each module's first paragraph, then a
table of its public names (its ``__all__``), each function and class with its parameters, and the
first line of each docstring. Each module also has a page of its own (:func:`module_pages`): the
module's whole docstring, then every public name with its signature and whole docstring (its
Parameters, Returns, Raises and Examples, as ``help()`` shows them), and a class's public methods
too. The docstrings are shown as written, in a monospaced block, because they are numpy-style
reST that a learner also reads with ``help(...)`` or ``??`` in a notebook.

Run by ``scripts/build_site.py``; ``python scripts/api_page.py`` prints the overview page.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import sys

import smlearn
from smlearn.layers import LAYERS, layer_of


def public_modules() -> list[str]:
    """Every public module of smlearn (no name part starting with ``_``), in alphabetical order."""
    names = ["smlearn"]
    for info in pkgutil.walk_packages(smlearn.__path__, "smlearn."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return sorted(names)


def plain(text: str) -> str:
    """A docstring's reST roles and literals as Markdown: ``:func:`x``` and ````x```` become `x`."""
    text = re.sub(r":[a-z]+:`~?([^`]+)`", r"`\1`", text)
    text = re.sub(r"``([^`]+)``", r"`\1`", text)
    return text.replace("$", "\\$")


def first_paragraph(obj) -> str:
    doc = inspect.getdoc(obj) or ""
    return plain(" ".join(doc.split("\n\n")[0].split()))


def kind_of(value) -> str:
    if inspect.isclass(value):
        return "class"
    return "function" if callable(value) else "value"


def call_of(name: str, value) -> str:
    """``name(parameters)`` for a function or class, without annotations (a table cell must stay short)."""
    if kind_of(value) == "value":
        return f"`{name}`"
    try:
        signature = inspect.signature(value)
    except (TypeError, ValueError):      # some builtins and C types have none
        return f"`{name}`"
    bare = signature.replace(parameters=[p.replace(annotation=inspect.Parameter.empty) for p in signature.parameters.values()],
                             return_annotation=inspect.Signature.empty)
    return f"`{name}{bare}`".replace("|", "\\|")


def page_of(name: str) -> str:
    """The module's own page, as a path in the site: ``api/smlearn-models-traffic``."""
    return "api/" + name.replace(".", "-")


def public_values(module) -> dict:
    """The module's public names (its ``__all__``) and their values, submodules left out (they have their own)."""
    public = [n for n in getattr(module, "__all__", []) if n != "__version__"]
    return {n: getattr(module, n) for n in public if not inspect.ismodule(getattr(module, n))}


def module_section(name: str) -> list[str]:
    module = importlib.import_module(name)
    lines = [f"### `{name}`", "", first_paragraph(module) or "(no docstring)", "",
             f"[Every name of `{name}` with its whole docstring]({page_of(name)}.md)", ""]
    values = public_values(module)
    if values:   # (submodules have their own section)
        lines += ["| name | kind | what it is |", "|---|---|---|"]
        for n, value in values.items():
            summary = first_paragraph(value) if kind_of(value) != "value" else ""
            lines.append(f"| {call_of(n, value)} | {kind_of(value)} | {summary.replace('|', '/')} |")
        lines.append("")
    return lines


def _docstring_block(obj) -> list[str]:
    # Four backticks: a docstring may itself show a fenced block. Shown as written, as help() does.
    text = inspect.getdoc(obj) or "(no docstring)"
    return ["````text", text, "````", ""]


def _methods(cls) -> dict:
    """A class's own public methods and properties, in the order the class defines them."""
    found = {}
    for n, value in vars(cls).items():
        if n.startswith("_"):
            continue
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
        if inspect.isfunction(value) or isinstance(value, property):
            found[n] = value
    return found


def module_page(name: str) -> str:
    """The page of module ``name``: its docstring, then each public name with its signature and whole docstring."""
    module = importlib.import_module(name)
    layer = LAYERS[layer_of(name)].name
    lines = [f"# `{name}`", "", f"In the {layer} layer. [All modules, by layer](../api.md)", "",
             *_docstring_block(module)]
    for n, value in public_values(module).items():
        lines += [f"## `{n}`", "", f"{kind_of(value).capitalize()}: {call_of(n, value)}", ""]
        if kind_of(value) == "value":
            text = repr(value)
            lines += ["````text", text if len(text) <= 400 else text[:399] + "…", "````", ""]
            continue
        lines += _docstring_block(value)
        if inspect.isclass(value):
            for method, member in _methods(value).items():
                shown = (f"`{n}.{method}` (property)" if isinstance(member, property)
                         else call_of(f"{n}.{method}", member))
                lines += [f"### {shown}", "", *_docstring_block(member)]
    return "\n".join(lines)


def module_pages() -> dict[str, str]:
    """Every public module's page: path in the site (without ``.md``) -> its Markdown."""
    return {page_of(name): module_page(name) for name in public_modules()}


def layer_picture() -> list[str]:
    """The layers as a stack, top to bottom: each may use the ones under it."""
    width = max(len(layer.name) for layer in LAYERS)
    lines = ["```text", f"{'layer':>{width}}   modules (smlearn.…)        each row may use the rows below it"]
    for layer in reversed(LAYERS):
        modules = ", ".join(m.removeprefix("smlearn.") for m in layer.modules if m != "smlearn")
        lines.append(f"{layer.name:>{width}} | {modules}")
    lines += ["```", ""]
    return lines


def api_page() -> str:
    lines = [
        "# The smlearn API",
        "",
        "Every public name of the `smlearn` package, with the first line of its docstring. In a",
        "notebook, `help(smlearn.models.traffic)` or `smlearn.models.traffic??` shows the whole text",
        "and the code. This page is written from the docstrings each time the site is built.",
        "",
        "## The layers",
        "",
        "The package is built in layers, lowest at the bottom. A module uses its own layer and the",
        "ones below it, never one above: a model never imports a widget, and reading a data file",
        "never loads a model. `tests/course/test_layers.py` checks every import against this list",
        "(`smlearn.layers`).",
        "",
        *layer_picture(),
    ]
    by_layer = {i: [] for i in range(len(LAYERS))}
    for name in public_modules():
        by_layer[layer_of(name)].append(name)
    for i in reversed(range(len(LAYERS))):
        lines += [f"## {LAYERS[i].name.capitalize()}", "", LAYERS[i].role[0].upper() + LAYERS[i].role[1:] + ".", ""]
        for name in by_layer[i]:
            lines += module_section(name)
    lines += ["```{toctree}", ":hidden:", "", *(page_of(name) for name in public_modules()), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(api_page())
