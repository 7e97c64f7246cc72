"""Adapt a copy of the course to each class profile and run its test suite there (issue 19).

    python scripts/check_profiles.py                      # the three examples in profiles/
    python scripts/check_profiles.py profiles/bakery.yml  # one profile
    python scripts/check_profiles.py --keep DIR ...       # keep the adapted copies under DIR

For each profile this does what the instructor pack tells an instructor to do, on a copy of the
course (the files git knows of, as they are in the working tree): `smlearn build --profile FILE`,
which rewrites the story words and checked facts, makes the profile the active one and rebuilds
the lessons that depend on it; then the test suite, unchanged, in the copy, all but two kinds
of test that the main run has already run under the shipped profile: the browser tests (layout and
access, which no profile changes; a quarter of an hour) and the tests marked once (the course's
machinery run on copies of its own: new-lesson, the instructor recipes, each lesson's student copy
rerun top to bottom, the student site, two long flip sweeps; about ten minutes). The tests marked
slow run: the fast loop leaves them out, but they include the checked facts. The lessons' notebooks run under nbval
(and the build has run each of them under the profile).

The real checkout is never written to. The exit status is 0 only if every profile builds and
passes; a line per profile says how long each step took and what pytest reported.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "profiles").glob("*.yml"))


def copy_of_the_course(dest: Path) -> Path:
    """The course as it is in this working tree: tracked files and new ones git does not ignore."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():          # a file deleted in the working tree but still tracked is left out
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    # a git checkout, as an instructor's is (the tests that copy the course list its files with git)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "the course as copied"]):
        subprocess.run(["git", "-c", "user.name=smlearn", "-c", "user.email=smlearn@localhost", *command],
                       cwd=dest, check=True, capture_output=True)
    return dest


def in_copy(copy: Path) -> dict:
    """An environment whose Python imports the copy's smlearn, not this checkout's."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(copy), os.environ.get("PYTHONPATH")]))}


def run(command: list[str], cwd: Path, log: Path) -> tuple[int, float]:
    """Run ``command`` in the copy ``cwd`` (its own smlearn); output to ``log``."""
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        code = subprocess.run(command, cwd=cwd, env=in_copy(cwd), stdout=out, stderr=subprocess.STDOUT).returncode
    return code, time.monotonic() - start


def last_line(log: Path) -> str:
    lines = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def check_profile(profile: Path, workdir: Path, pytest_args: list[str]) -> bool:
    """Build a copy of the course to ``profile`` and run its tests; True if both succeed."""
    name = profile.stem
    course = copy_of_the_course(workdir / name)
    # the real exports some tests read sit in ../shared beside the course (as CI places them): so beside the copy too
    shared = ROOT.parent / "shared"
    if shared.is_dir() and not (workdir / "shared").exists():
        (workdir / "shared").symlink_to(shared, target_is_directory=True)
    if not (course / "profiles" / profile.name).exists():     # a profile from outside the course: bring it in
        shutil.copy2(profile, course / "profiles" / profile.name)
    build_log, test_log = workdir / f"{name}-build.log", workdir / f"{name}-pytest.log"
    print(f"== {name}: smlearn build --profile profiles/{profile.name}", flush=True)
    code, took = run([sys.executable, "-m", "smlearn.cli", "build", "--profile", f"profiles/{profile.name}"],
                     course, build_log)
    print(f"   build: exit {code} in {took:.0f} s (report: {build_log})", flush=True)
    if code != 0:
        print(build_log.read_text(encoding="utf-8", errors="replace")[-6000:])
        return False
    print(f"== {name}: pytest -m 'not browser and not once' {' '.join(pytest_args)}", flush=True)
    code, took = run([sys.executable, "-m", "pytest", "-m", "not browser and not once", "-q", "-p", "no:cacheprovider",
                      *pytest_args],
                     course, test_log)
    print(f"   pytest: exit {code} in {took:.0f} s: {last_line(test_log)}", flush=True)
    if code != 0:
        failures = [line for line in test_log.read_text(encoding="utf-8", errors="replace").splitlines()
                    if line.startswith(("FAILED", "ERROR"))]
        print("\n".join(failures[:60]))
    return code == 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("profiles", nargs="*", type=Path, help="class profiles (default: every profiles/*.yml)")
    parser.add_argument("--keep", type=Path, help="a folder to keep the adapted copies and logs in")
    parser.add_argument("--pytest-args", default="", help="more arguments for pytest, in one string")
    args = parser.parse_args(argv)
    profiles = [p.resolve() for p in (args.profiles or EXAMPLES)]
    for profile in profiles:
        if not profile.is_file():
            parser.error(f"profiles: {profile} is not a file; give class profiles (YAML), such as profiles/bakery.yml")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        workdir = args.keep.resolve()
    else:
        workdir = Path(tempfile.mkdtemp(prefix="smlearn-profiles-"))
    results = {}
    for profile in profiles:
        start = time.monotonic()
        results[profile.stem] = (check_profile(profile, workdir, args.pytest_args.split()), time.monotonic() - start)
    print("== class profiles: " + "; ".join(f"{name} {'passed' if ok else 'FAILED'} ({took / 60:.1f} min)"
                                            for name, (ok, took) in results.items()))
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if all(ok for ok, _ in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
