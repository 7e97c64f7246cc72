"""The ``smlearn`` command: the course from a terminal.

::

    smlearn lessons               the lessons, with time and objectives
    smlearn copy DEST [--student] copy the lessons to a folder a learner works in
    smlearn update DEST           bring such a folder up to this version (never overwrites a learner's changes)
    smlearn answers [NN]          the answer key, computed from the current models (for instructors)
    smlearn progress [FOLDER]     each lesson's questions tried and right, from the learner's progress file
    smlearn lab [DEST]            open JupyterLab on the course (or on a learner's folder)
    smlearn doctor                check this environment and say what to fix
    smlearn datasets              the data sets that ship with the course
    smlearn hub-link HUB REPO     an nbgitpuller link that opens the course on a JupyterHub
    smlearn build [NN ...]        rebuild the lessons an edit made stale, check their facts, report
    smlearn build --profile FILE  rewrite the course to a class profile, then rebuild what it changed
    smlearn check NN              after editing lesson NN: its notebook and its tests only (under a minute)
    smlearn new-lesson NN name    write a new lesson that meets every rule of the course, and build it
    smlearn class serve           run the class service on this machine (class codes, no hub needed)

Examples
--------
>>> main(["--version"])
smlearn 0.1.0
0
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["main"]


def _lessons(args) -> int:
    from smlearn.course import load_course

    course = load_course()
    for lesson in course.lessons:
        print(f"{lesson.id}  {lesson.title}  (about {lesson.minutes} min)  {lesson.file}")
        if args.objectives:
            for objective in lesson.objectives:
                print(f"      [{objective.bloom}] {objective.text}")
    print(f"{len(course.lessons)} lessons, about {sum(l.minutes for l in course.lessons)} minutes in all")
    return 0


def _copy(args) -> int:
    from smlearn.copies import CopyError, copy_course

    try:
        print(copy_course(args.dest, student=args.student))
    except CopyError as error:
        print(f"smlearn copy: {error}", file=sys.stderr)
        return 1
    return 0


def _update(args) -> int:
    from smlearn.copies import CopyError, update_course

    try:
        print(update_course(args.dest))
    except CopyError as error:
        print(f"smlearn update: {error}", file=sys.stderr)
        return 1
    return 0


def _answers(args) -> int:
    import importlib

    from smlearn.course import load_course
    from smlearn.exercises import answer_key

    course = load_course()
    try:
        lessons = [course.lesson(args.lesson)] if args.lesson else course.lessons
    except ValueError as error:
        print(f"smlearn answers: {error}", file=sys.stderr)
        return 2
    for lesson in lessons:
        module = importlib.import_module(lesson.questions_module)
        print(f"=== {lesson.id} {lesson.title}\n\n{answer_key(module)}\n")
    return 0


def _progress(args) -> int:
    from smlearn.progress import progress_file, summary

    path = progress_file(args.folder)
    if path is None:
        print("smlearn progress: recording is off (SMLEARN_PROGRESS=off)", file=sys.stderr)
        return 1
    table = summary(args.folder)
    print(f"Progress kept in {path}" + ("" if path.is_file() else " (no answers checked yet)"))
    for lesson, row in table.iterrows():
        print(f"  {lesson:<3}  {row['title']:<28} {row['right']:>2} of {row['questions']:>2} right"
              f"  ({row['answered']} tried, {row['attempts']} answers checked)")
    done = int(table["right"].sum())
    print(f"{done} of {int(table['questions'].sum())} questions right in all")
    return 0


def _lab(args) -> int:
    import subprocess

    from smlearn.course import notebooks_dir

    folder = args.dest or str(notebooks_dir())
    return subprocess.call([sys.executable, "-m", "jupyter", "lab", *args.extra], cwd=folder)


def _doctor(args) -> int:
    from smlearn.environment import diagnose

    findings = diagnose()
    for ok, line in findings:
        print(f"{'✔' if ok else '✘'} {line}")
    problems = sum(1 for ok, _ in findings if not ok)
    print("All good." if not problems else f"{problems} problem(s): fix the lines marked ✘ and run smlearn doctor again.")
    return 1 if problems else 0


def _datasets(args) -> int:
    from smlearn.data import list_datasets

    print(list_datasets()[["name", "rows", "title"]].to_string(index=False))
    return 0


def _hub_link(args) -> int:
    from smlearn.hub import nbgitpuller_link

    try:
        print(nbgitpuller_link(args.hub, args.repo, branch=args.branch, lesson=args.lesson))
    except ValueError as error:
        print(f"smlearn hub-link: {error}", file=sys.stderr)
        return 2
    return 0


def _new_lesson(args) -> int:
    from smlearn.new_lesson import new_lesson

    try:
        print(new_lesson(args.lesson_id, args.name, title=args.title, minutes=args.minutes, about=args.about,
                         build=not args.no_build))
    except (ValueError, RuntimeError) as error:
        print(f"smlearn new-lesson: {error}", file=sys.stderr)
        return 2
    return 0


def _check(args) -> int:
    from smlearn.checks import check_lesson

    try:
        return check_lesson(args.lesson, args.pytest_args, slow=args.slow)
    except (TypeError, ValueError, FileNotFoundError) as error:
        print(f"smlearn check: {error}", file=sys.stderr)
        return 2


def _build(args) -> int:
    from smlearn.build import build

    try:
        report = build(args.lessons, profile=args.profile, dry_run=args.dry_run, facts=args.facts, site=args.site,
                       timeout=args.timeout, all_facts=args.all_facts, force=args.force)
    except (TypeError, ValueError, FileNotFoundError) as error:
        print(f"smlearn build: {error}", file=sys.stderr)
        return 2
    print(report.text())
    if not args.dry_run:
        print("(also written to build-report.md)")
    if report.facts_failing:
        print(f"smlearn build: {len(report.facts_failing)} fact(s) do not hold (see 'Facts that do not hold' above)"
              + ("; nothing was written" if report.refused else ""), file=sys.stderr)
    return 1 if report.facts_failing else 0


def _class_serve(args) -> int:
    from smlearn.classmode.app import make_app, run
    from smlearn.classmode.auth import ClassCodeGate
    from smlearn.classmode.store import open_store

    if not 1 <= args.port <= 65535:
        print(f"smlearn class serve: --port must be from 1 to 65535; got {args.port}", file=sys.stderr)
        return 2
    try:
        gate = ClassCodeGate(args.code, args.instructor_code)
        store = open_store(args.database)
    except (TypeError, ValueError) as error:
        print(f"smlearn class serve: {error}", file=sys.stderr)
        return 2
    app = make_app(store, gate)   # loads the course's questions (a few seconds) before it listens

    def ready():
        host = f"[{args.host}]" if ":" in args.host else args.host
        print(f"smlearn class service at http://{host}:{args.port}/ (database {store.describe()})")
        if args.host in ("127.0.0.1", "localhost", "::1"):
            print("  listening on this machine only; --host 0.0.0.0 lets the room's machines in")
        print(f"  class code for students:  {gate.student_code}")
        print(f"  instructor code:          {gate.instructor_code}   (keep it to yourself)")
        print(f"  dashboard: open http://{host}:{args.port}/ and sign in with your name and the instructor code")
        print("  Ctrl-C stops it; the answers stay in the database.", flush=True)

    try:
        run(app, host=args.host, port=args.port, ready=ready)
    except OSError as error:
        print(f"smlearn class serve: cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print("smlearn class service stopped.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the ``smlearn`` command: read its arguments, run the command they name, return its exit status.

    The commands: ``lessons``, ``copy``, ``update``, ``answers``, ``progress``, ``lab``,
    ``doctor``, ``datasets``, ``hub-link``, ``check``, ``new-lesson``, ``build`` and
    ``class serve``; ``smlearn COMMAND --help`` says what each takes. With no command it
    prints the help.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after ``smlearn``; the command line's (``sys.argv[1:]``) by default.

    Returns
    -------
    int
        The exit status: 0 when the command did its work.

    Raises
    ------
    SystemExit
        If the arguments are not allowed (argparse prints why), or for ``--help``.

    Examples
    --------
    >>> main(["--version"])  # doctest: +ELLIPSIS
    smlearn ...
    0
    """
    from smlearn import __version__

    parser = argparse.ArgumentParser(prog="smlearn", description="Social media vs social networking: a course you can run.")
    parser.add_argument("--version", action="store_true", help="print the version and stop")
    commands = parser.add_subparsers(dest="command")

    lessons = commands.add_parser("lessons", help="list the lessons with their time")
    lessons.add_argument("--objectives", action="store_true", help="also list each lesson's objectives")
    lessons.set_defaults(run=_lessons)

    copy = commands.add_parser("copy", help="copy the lessons to a folder a learner works in")
    copy.add_argument("dest", help="the learner's folder (created if needed)")
    copy.add_argument("--student", action="store_true", help="leave out the worked solutions")
    copy.set_defaults(run=_copy)

    update = commands.add_parser("update", help="bring a copied folder up to this version of the course")
    update.add_argument("dest", help="a folder made by `smlearn copy`")
    update.set_defaults(run=_update)

    answers = commands.add_parser("answers", help="print the answer key (for instructors)")
    answers.add_argument("lesson", nargs="?", help="a lesson number such as 02 (default: every lesson)")
    answers.set_defaults(run=_answers)

    progress = commands.add_parser("progress", help="show each lesson's questions tried and right")
    progress.add_argument("folder", nargs="?", help="a learner's course folder (default: the one you are in)")
    progress.set_defaults(run=_progress)

    lab = commands.add_parser("lab", help="open JupyterLab on the lessons (or on a learner's folder)")
    lab.add_argument("dest", nargs="?", help="a folder to open instead of the course's own lessons")
    lab.add_argument("extra", nargs=argparse.REMAINDER, help="options passed on to `jupyter lab`")
    lab.set_defaults(run=_lab)

    doctor = commands.add_parser("doctor", help="check this environment and say what to fix")
    doctor.set_defaults(run=_doctor)

    datasets = commands.add_parser("datasets", help="list the data sets that ship with the course")
    datasets.set_defaults(run=_datasets)

    hub = commands.add_parser("hub-link", help="print an nbgitpuller link that opens the course on a JupyterHub")
    hub.add_argument("hub", help="the hub's address, e.g. https://hub.example.edu")
    hub.add_argument("repo", help="the course repository's git address")
    hub.add_argument("--branch", default="main", help="the branch to pull (default main)")
    hub.add_argument("--lesson", default="00_start_here.ipynb", help="the lesson to open (default 00_start_here.ipynb)")
    hub.set_defaults(run=_hub_link)

    check = commands.add_parser("check", help="run one lesson's notebook and the tests that concern it")
    check.add_argument("--slow", action="store_true", help="also run the tests marked slow (the lesson's student copy run top to bottom, long sweeps)")
    check.add_argument("lesson", help="a lesson number such as 02")
    check.add_argument("pytest_args", nargs=argparse.REMAINDER, help="options passed on to pytest, e.g. -x")
    check.set_defaults(run=_check)

    new = commands.add_parser("new-lesson", help="write a new lesson (source, questions, record, notes, rows) and build it")
    new.add_argument("lesson_id", metavar="NN", help="the lesson's number: two digits and an optional letter (10, 02d)")
    new.add_argument("name", help="its name in lower case with underscores (bike_shop): the files and question module")
    new.add_argument("--title", help="its title (default: the name in words)")
    new.add_argument("--minutes", type=int, help="its announced time (default: the learner model's estimate, to 5)")
    new.add_argument("--about", help="its line in the course maps")
    new.add_argument("--no-build", action="store_true", help="write the files but do not run the notebook")
    new.set_defaults(run=_new_lesson)

    rebuild = commands.add_parser("build", help="rebuild what an edit or a class profile changed, and report")
    rebuild.add_argument("lessons", nargs="*", metavar="NN", help="lessons to rebuild even if not stale (e.g. 02 02b)")
    rebuild.add_argument("--profile", help="a class profile (YAML) to rewrite the course to; it becomes the active one")
    rebuild.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    rebuild.add_argument("--facts", action="store_true",
                         help="check every fact (or the named lessons') and rewrite those whose value no longer matches the code")
    rebuild.add_argument("--all-facts", action="store_true",
                         help="check every fact, not only those of the lessons whose inputs changed")
    rebuild.add_argument("--site", action="store_true", help="also rebuild the course site (scripts/build_site.py)")
    rebuild.add_argument("--force", action="store_true",
                         help="write a profile's course even if some facts no longer hold under it (then rewrite those"
                              " sentences by hand); without it such a build writes nothing but its report")
    rebuild.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default 600)")
    rebuild.set_defaults(run=_build)

    klass = commands.add_parser("class", help="class mode: collect a class's answers live (smlearn.classmode)")
    klass_commands = klass.add_subparsers(dest="class_command", required=True)
    serve = klass_commands.add_parser("serve", help="run the class service on this machine, with class codes")
    serve.add_argument("--port", type=int, default=8765, help="the port to listen on (default 8765)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--database", default="smlearn-class.sqlite",
                       help="a SQLite file (default smlearn-class.sqlite here) or a postgresql+psycopg:// URL")
    serve.add_argument("--code", help="the class code students enter (default: a new random one)")
    serve.add_argument("--instructor-code", help="the instructor's code (default: a new random one)")
    serve.set_defaults(run=_class_serve)

    args = parser.parse_args(argv)
    if args.version:
        print(f"smlearn {__version__}")
        return 0
    if not args.command:
        parser.print_help()
        return 0
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
