"""The ``smlearn`` command.

Examples
--------
>>> main(["--version"])
smlearn 0.1.0
0
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def notebooks_dir() -> Path:
    """The folder with the lessons: the repository's ``notebooks/`` or the copy inside an installed wheel."""
    package = Path(__file__).resolve().parent
    for candidate in (package.parent / "notebooks", package / "_notebooks"):
        if candidate.is_dir() and any(candidate.glob("*.ipynb")):
            return candidate
    raise FileNotFoundError(f"cannot find the lessons next to {package}")


def main(argv: list[str] | None = None) -> int:
    from smlearn import __version__

    parser = argparse.ArgumentParser(prog="smlearn", description="Social media vs social networking: a course you can run.")
    parser.add_argument("--version", action="store_true", help="print the version and stop")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("datasets", help="list the data sets that ship with the course")
    commands.add_parser("check", help="check that the lessons have what they need")
    lab = commands.add_parser("lab", help="open JupyterLab on the lessons")
    lab.add_argument("extra", nargs=argparse.REMAINDER, help="options passed on to `jupyter lab`")
    args = parser.parse_args(argv)

    if args.version:
        print(f"smlearn {__version__}")
        return 0
    if args.command == "datasets":
        from smlearn.data import list_datasets

        print(list_datasets()[["name", "rows", "title"]].to_string(index=False))
        return 0
    if args.command == "check":
        from smlearn.environment import check_environment

        report = check_environment()
        print(report)
        return 0 if report.startswith("✔") else 1
    if args.command == "lab":
        import subprocess

        folder = notebooks_dir()
        command = [sys.executable, "-m", "jupyter", "lab", str(folder / "00_start_here.ipynb"), *args.extra]
        return subprocess.call(command, cwd=folder)
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
