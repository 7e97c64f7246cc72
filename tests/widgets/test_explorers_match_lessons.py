"""After "Run all", every explorer still shows what the prose around it describes.

A lesson that shows an explorer and then, in a later cell, calls ``explorer.update(...)`` changes
the picture above, far from the cell that did it: the prose next to the explorer then describes
a setting the learner no longer sees. A cell that shows another setting shows its own figure or
its own explorer instead. Two checks:

- a static one on every lesson's code: once an explorer bound to a name has been displayed,
  no later code calls anything on it but what only reads (``.result``, ``.description``, ...),
  sets anything on it, or hands the explorer itself to a function;
- one on the state: the lesson's code runs in this process and every explorer it displays has,
  at the end of the run, the parameters it had when it was displayed; where the prose says
  what the explorer starts with, that is what it shows.
"""

from __future__ import annotations

import ast
import contextlib
import io
import os
import re
from pathlib import Path

import jupytext
import pytest

from smlearn.pacing import lesson_files

SOURCES = Path(__file__).resolve().parents[2] / "sources"
LESSONS = lesson_files(SOURCES, ".md")
IDS = [p.stem for p in LESSONS]

# What may be read from an explorer that is on show; anything else (update, a private attribute,
# the widget and its sliders) could change the picture above.
READS = {"description", "result", "params", "figure", "png", "ignored", "main_controls", "PARAMS", "CONTROLS"}
# Functions that may be handed a shown explorer: they only show or print it.
SHOWS = {"display", "print", "repr", "str", "type", "isinstance"}


def _python(line):
    # IPython's magics, shell lines and help (``name??``) are not Python.
    return not (line.lstrip().startswith(("%", "!")) or re.fullmatch(r"\s*[\w.]+\?{1,2}\s*", line))


def code_cells(path):
    """The code of each code cell, with IPython's own lines left out."""
    cells = jupytext.read(path)["cells"]
    return ["\n".join(filter(_python, cell["source"].splitlines())) for cell in cells if cell["cell_type"] == "code"]


def _makes_explorer(node) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name.endswith("Explorer")


def _root(node):
    """The name an attribute or item chain starts from (``a`` in ``a.b[0].c``), or None."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _first_attribute(node, name):
    """The attribute read first from ``name`` in a chain (``b`` in ``a.b[0].c()``), or None."""
    first = None
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == name:
            first = node.attr
        node = node.func if isinstance(node, ast.Call) else node.value
    return first


def changes_to_shown_explorers(cells):
    """``(cell number, line of code)`` for each place that changes an explorer shown by an earlier cell."""
    explorers, shown, found = set(), set(), []
    for number, code in enumerate(cells, start=1):
        tree = ast.parse(code)
        for statement in tree.body:
            for node in ast.walk(statement):
                problem = None
                if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        root = _root(target)
                        if root in shown and not isinstance(target, ast.Name):
                            problem = "sets something on it"
                elif isinstance(node, ast.Call):
                    root = _root(node.func)
                    if root in shown and isinstance(node.func, ast.Attribute):
                        first = _first_attribute(node.func, root)
                        if first not in READS:
                            problem = f"calls .{first} on it"
                    callee = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                    if callee not in SHOWS and any(isinstance(a, ast.Name) and a.id in shown
                                                   for a in [*node.args, *(k.value for k in node.keywords)]):
                        problem = f"hands it to {callee}()"
                if problem:
                    found.append((number, ast.get_source_segment(code, statement).splitlines()[0], problem))
            # Bindings: a name bound to a new explorer is a new one, not yet on show.
            if isinstance(statement, ast.Assign):
                for target in statement.targets:
                    if isinstance(target, ast.Name):
                        shown.discard(target.id)
                        (explorers.add if _makes_explorer(statement.value) else explorers.discard)(target.id)
            for node in ast.walk(statement):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "display"):
                    shown.update(a.id for a in node.args if isinstance(a, ast.Name) and a.id in explorers)
        last = tree.body[-1] if tree.body else None
        if isinstance(last, ast.Expr) and isinstance(last.value, ast.Name) and last.value.id in explorers:
            shown.add(last.value.id)
    return found


def test_the_static_check_finds_an_update_after_a_display_and_nothing_in_plain_code():
    shown_then_changed = ["explorer = PushPullExplorer()\nexplorer", "print(explorer.description)",
                          "explorer.update(content_quality=0.2)"]
    assert [(n, p) for n, _, p in changes_to_shown_explorers(shown_then_changed)] == [(3, "calls .update on it")]
    by_the_widget = ["e = SpreadExplorer()\ndisplay(e)", "e.widget.children[0].value = 3", "e.controls['p'].value = 1",
                     "nudge(e)"]
    assert [n for n, _, _ in changes_to_shown_explorers(by_the_widget)] == [2, 3, 4]
    # Reading is fine, and so is a second explorer, or changing one before it is shown.
    fine = ["e = NetworkExplorer()\ne.update(n=400)\ne", "e.result.table.round(2)", "print(e.description)",
            "e = NetworkExplorer(follow_back=1.0)", "e.update(n=500)\ne"]
    assert changes_to_shown_explorers(fine) == []


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_no_cell_changes_an_explorer_shown_above_it(path):
    found = changes_to_shown_explorers(code_cells(path))
    assert not found, (f"{path.name}: a later cell changes an explorer shown above it, so after 'Run all' the picture "
                       f"no longer matches the prose next to it; show the other setting in its own explorer or "
                       f"figure instead: {found}")


# ---- The state after running the lesson ------------------------------------------------------------

# What the prose says an explorer starts with, and the parameter that says so.
STARTS = {
    "02b_when_push_wins": [("The explorer starts from Source D's case: a network of 3,000 people", "network_size", 3000)],
    "03_who_is_connected": [("It starts with 300 people.", "n", 300)],
    "04_how_things_spread": [("The explorer starts with a pass-on chance of 0.3", "p", 0.3)],
    "08_measuring_returns": [("with 10 posts of each", "sample_size", 10)],
}
def explorer_cells(cells):
    """The cells an explorer's state depends on: those that import, and those that name an explorer.

    The rest (data, figures, questions) cannot change an explorer but take minutes to run.
    """
    names = {target.id for code in cells for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Assign)
             and _makes_explorer(node.value) for target in node.targets if isinstance(target, ast.Name)}
    keep = set()
    for index, code in enumerate(cells):
        nodes = list(ast.walk(ast.parse(code)))
        if any(isinstance(n, (ast.Import, ast.ImportFrom)) or (isinstance(n, ast.Name) and n.id in names)
               or (isinstance(n, ast.Call) and _makes_explorer(n)) for n in nodes):
            keep.add(index)
    # An explorer cell may read a name an earlier cell sets (pull's rates, say): keep that cell too,
    # and what it reads in turn.
    while True:
        wanted = {n.id for i in keep for n in ast.walk(ast.parse(cells[i]))
                  if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        more = {i for i, code in enumerate(cells) if i not in keep and any(
            isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.id in wanted for n in ast.walk(ast.parse(code)))}
        if not more:
            return [cells[i] for i in sorted(keep)]
        keep |= more


def run_lesson(path):
    """Run a lesson's explorer cells here; return ``[(explorer, its params when shown)]`` for each one shown."""
    import IPython.display
    import matplotlib
    import pandas as pd

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from smlearn.widgets.base import Explorer

    shown = []

    def display(*objects, **_):
        for thing in objects:
            if isinstance(thing, Explorer):
                shown.append((thing, thing.params))

    namespace = {"__name__": "__lesson__", "display": display}
    real_display = IPython.display.display
    IPython.display.display = display
    old = os.getcwd()
    os.chdir(SOURCES.parent / "notebooks")      # where a learner runs it
    try:
        for code in explorer_cells(code_cells(path)):
            tree = ast.parse(code)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(tree, path.name, "exec"), namespace)
                if last is not None:
                    display(eval(compile(ast.Expression(last.value), path.name, "eval"), namespace))
            plt.close("all")
    finally:
        IPython.display.display = real_display
        os.chdir(old)
        # Lessons set pandas' display options (precision 2 or 4): put them back, or every later
        # doctest in this process prints its tables differently and fails.
        pd.reset_option("^display\\.")
    return shown


@pytest.mark.slow
@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_every_explorer_a_lesson_shows_keeps_its_setting_to_the_end_of_the_run(path):
    lesson = path.stem
    shown = run_lesson(path)
    assert shown or lesson not in STARTS, f"{lesson}: no explorer was shown"
    for explorer, params in shown:
        changed = {k: (v, explorer.params[k]) for k, v in params.items() if explorer.params[k] != v}
        assert not changed, f"{lesson}: {type(explorer).__name__} changed after it was shown (was, now): {changed}"
    text = path.read_text(encoding="utf-8")
    for phrase, name, value in STARTS.get(lesson, []):
        assert phrase in text, f"{lesson}: the prose no longer says {phrase!r}; mend STARTS"
        first = next(e for e, _ in shown if name in e.params)
        assert first.params[name] == value, f"{lesson}: the prose says {phrase!r}, the explorer shows {name}={first.params[name]}"

