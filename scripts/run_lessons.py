"""Rebuild the lessons: MyST Markdown source -> notebook -> run in a fresh kernel -> saved with outputs.

Each lesson is written as ``sources/NN_name.md`` (MyST Markdown, readable and
diffable as text) and paired with ``notebooks/NN_name.ipynb`` (what learners open,
committed with its outputs so that it reads well on GitHub and Binder and so that
``pytest --nbval`` can compare every output). The sources live in their own folder so
that a learner's file browser lists each lesson once. After editing a lesson's ``.md``
file (or its ``.ipynb`` in JupyterLab with jupytext, which saves the pair), run::

    python scripts/run_lessons.py            # every lesson
    python scripts/run_lessons.py 02         # lessons whose file name starts with 02 (02, 02b, 02c)
    python scripts/run_lessons.py 02_        # lesson 02 alone

Only the lessons asked for are rewritten. The run stops at the first error, and the
notebook is written only after its run succeeded.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import jupytext
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SOURCES = NOTEBOOKS.parent / "sources"
# jupytext's pairing across two folders: notebooks/NN_name.ipynb <-> sources/NN_name.md
FORMATS = "notebooks///ipynb,sources///md:myst"


def lesson_sources(prefixes: list[str]) -> list[Path]:
    from smlearn.pacing import lesson_files

    sources = lesson_files(SOURCES, ".md")
    if prefixes:
        sources = [s for s in sources if any(s.name.startswith(p) for p in prefixes)]
    return sources


# A build keeps no learner progress (the solution cells check answers; see smlearn.progress).
os.environ["SMLEARN_PROGRESS"] = "off"
# ... and shows the options of choice questions in one order, whoever builds it (the tests do the same).
os.environ["SMLEARN_LEARNER"] = "course-build"


def run(source: Path, timeout: int) -> Path:
    notebook = jupytext.read(source)
    notebook.metadata["jupytext"] = {"formats": FORMATS}
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        record_timing=False,        # timestamps would make every rebuild a diff
        store_widget_state=False,   # live widgets need a kernel anyway; outputs keep a static PNG
    )
    client.execute()
    notebook.metadata.get("language_info", {}).pop("version", None)   # the author's Python version is noise
    drop_widget_views(notebook)
    target = NOTEBOOKS / source.with_suffix(".ipynb").name
    keep_cell_ids(notebook, target)
    jupytext.write(notebook, target, fmt="ipynb")
    return target


def keep_cell_ids(notebook, target: Path) -> None:
    """Give each cell the id it had in the notebook being replaced, when it is the same kind of cell.

    jupytext makes new random ids each time it reads a lesson's text; keeping the old ones
    means a rebuild changes only what really changed, which keeps diffs reviewable.
    """
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefixes", nargs="*", help="run only lessons whose file name starts with one of these")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default 600)")
    args = parser.parse_args(argv)
    sources = lesson_sources(args.prefixes)
    if not sources:
        print(f"no lesson sources match {args.prefixes} in {SOURCES}", file=sys.stderr)
        return 2
    for source in sources:
        print(f"running {source.name} ...", flush=True)
        print(f"  wrote {run(source, args.timeout).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
