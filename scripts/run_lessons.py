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
notebook is written only after its run succeeded. Each notebook records a hash of every file
it was made from, so ``smlearn build`` (which does the same work, for exactly the lessons an
edit or a class profile made stale) can tell which notebooks are out of date. The work is
done by :mod:`smlearn.build`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from smlearn.build import drop_widget_views, keep_cell_ids, lesson_sources as _lesson_sources, run_lesson  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOURCES = ROOT / "sources"


def lesson_sources(prefixes: list[str]) -> list[Path]:
    return _lesson_sources(prefixes, ROOT)


def run(source: Path, timeout: int) -> Path:
    return run_lesson(source, timeout, ROOT)


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
