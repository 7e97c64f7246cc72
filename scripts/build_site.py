"""Build the course site: every lesson as a page, the course map, the instructor pack, launch links.

Run from the repository root (needs the test extra: Sphinx, myst-nb, sphinx-book-theme)::

    python scripts/build_site.py                      # -> site/_build/html/index.html
    python scripts/build_site.py --student            # -> site/_build/student/html/index.html
    python scripts/build_site.py --repo https://github.com/ME/smlearn --hub https://hub.example.edu

The default build is the **instructor site**: the lessons with their worked solutions and the
instructor pack (notes, answer key). ``--student`` builds the **student site**, the one to make
public: each lesson as ``smlearn copy --student`` hands it out (no cell tagged ``solution``, so no
worked solution and no check that shows a right answer), and no instructor pack or contributor
guide; the check then also fails if any solution cell's code or output, or an instructor page,
is in the built pages.

It works offline and runs no lesson: the pages show the outputs committed with each
notebook. Steps:

1. stage the sources in ``site/_build/src``, laid out as in the repository (so the
   launch buttons and the links between documents stay right): every
   ``notebooks/NN_*.ipynb``, ``docs/instructors/``, ``docs/adding_a_lesson.md``,
   ``docs/images/``, and two generated pages: ``index.md`` (the course map and the claims
   ledger, from ``notebooks/course.yml``), ``launch.md`` (Binder and JupyterHub links
   for every lesson) and, on the instructor site, ``api.md`` (the package's layers and
   public names, from its docstrings: ``scripts/api_page.py``) with a page per module in ``api/``;
2. run ``sphinx-build -W --keep-going`` with ``site/conf.py``: any warning (a broken
   cross-reference, a lesson that does not parse or render, a page outside the table of
   contents) fails the build;
3. check the result: a page for every lesson (in ``course.yml`` and in ``notebooks/``)
   and for every instructor note, and every internal link and anchor in every page
   resolves. Any problem is listed and the exit status is 1.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

REPO = Path(__file__).resolve().parent.parent
SITE = REPO / "site"
DEFAULT_OUT = SITE / "_build"
DEFAULT_REPO = "https://github.com/OWNER/smlearn"
HUB_PLACEHOLDER = "https://YOUR-HUB.example.edu"


def lesson_files(folder: Path = REPO / "notebooks") -> list[Path]:
    from smlearn.pacing import lesson_files as lessons_in

    return lessons_in(folder)


# --- launch links ---------------------------------------------------------------------------

def binder_link(repo: str, branch: str, notebook: str) -> str:
    """The Binder link that opens ``notebooks/<notebook>`` in JupyterLab.

    >>> binder_link("https://github.com/OWNER/smlearn", "main", "02_push_and_pull.ipynb")
    'https://mybinder.org/v2/gh/OWNER/smlearn/main?urlpath=lab/tree/notebooks/02_push_and_pull.ipynb'
    """
    parsed = urlparse(repo)
    urlpath = f"urlpath=lab/tree/notebooks/{notebook}"
    if parsed.netloc == "github.com":
        owner_name = parsed.path.strip("/").removesuffix(".git")
        return f"https://mybinder.org/v2/gh/{owner_name}/{branch}?{urlpath}"
    return f"https://mybinder.org/v2/git/{quote(repo, safe='')}/{branch}?{urlpath}"


def hub_link(hub: str, repo: str, branch: str, notebook: str) -> str:
    from smlearn.hub import nbgitpuller_link

    return nbgitpuller_link(hub, repo, branch=branch, lesson=notebook)


# --- generated pages ------------------------------------------------------------------------

def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def index_page(course, repo: str, branch: str, hub: str | None, instructor_notes: dict[str, str],
               student: bool = False) -> str:
    """The home page: what the course is, the course map, the claims ledger, the tables of contents.

    The student site's page (``student=True``) leaves out the instructor notes and the guides for instructors.
    """
    lines = [
        "# smlearn: social media vs social networking",
        "",
        "A course you can run. Marketing articles make many claims about **social media** (content",
        "broadcast to an audience: publishing, sharing, voting, earning links) and **social",
        "networking** (two-way ties between people who know each other). Each lesson turns some of",
        "those claims into a small model that you run, poke with sliders and argue with:",
        "**claims → models → evidence**.",
        "",
        "These pages show every lesson as it was last run, with its outputs. The sliders only move in",
        "a live session: open a lesson on Binder or your JupyterHub with the links below, or on your own",
        "machine (see [Run the course](launch.md)).",
        "",
    ]
    if student:
        lines += ["The worked solutions are not shown here: try each exercise in a live session, where its",
                  "check says whether you are right and `.hint()` and `.solution()` help after a try.", ""]
    lines += [
        "## Course map",
        "",
        "| # | lesson | time | after | tests the claims | instructor notes | launch |",
        "|---|---|---|---|---|---|---|",
    ] if not student else [
        "## Course map",
        "",
        "| # | lesson | time | after | tests the claims | launch |",
        "|---|---|---|---|---|---|",
    ]
    for lesson in course.lessons:
        stem = Path(lesson.file).stem
        notes = f"[notes](docs/instructors/{instructor_notes[lesson.id]})" if lesson.id in instructor_notes else "–"
        launch = f"[Binder]({binder_link(repo, branch, lesson.file)})"
        if hub:
            launch += f" · [JupyterHub]({hub_link(hub, repo, branch, lesson.file)})"
        lines.append(
            f"| {lesson.id} | [{_cell(lesson.title)}](notebooks/{stem}.ipynb) | {lesson.minutes} min"
            f" | {', '.join(lesson.prerequisites) or '–'} | {', '.join(lesson.claims) or '–'} |"
            + ("" if student else f" {notes} |") + f" {launch} |"
        )
    total = sum(lesson.minutes for lesson in course.lessons)
    lines += [
        "",
        f"{len(course.lessons)} lessons, about {total // 60} h {total % 60:02d} min in all.",
        "",
        "## What you will be able to do",
        "",
    ]
    for lesson in course.lessons:
        stem = Path(lesson.file).stem
        lines.append(f"**[{lesson.id} {_cell(lesson.title)}](notebooks/{stem}.ipynb)** ({lesson.minutes} min)")
        lines.append("")
        lines += [f"- {_cell(objective.text)} *({objective.bloom})*" for objective in lesson.objectives]
        lines.append("")
    lines += [
        "## The claims ledger",
        "",
        "| claim | sources | model | tested in |",
        "|---|---|---|---|",
    ]
    for claim in course.claims:
        tested = [lesson for lesson in course.lessons if claim.id in lesson.claims]
        where = ", ".join(f"[{l.id}](notebooks/{Path(l.file).stem}.ipynb)" for l in tested) or "–"
        models = ", ".join(f"`{m}`" for m in claim.models) or "–"
        lines.append(f"| {_cell(claim.claim)} | {', '.join(claim.sources)} | {models} | {where} |")
    if student:
        lines += ["", "## Run the course", "", "- [Run the course](launch.md): on your machine, on Binder, or on a JupyterHub.",
                  "", "```{toctree}", ":hidden:", ":caption: Lessons", ""]
        lines += [f"notebooks/{Path(lesson.file).stem}" for lesson in course.lessons]
        lines += ["```", "", "```{toctree}", ":hidden:", ":caption: Run", "", "launch", "```", ""]
        return "\n".join(lines)
    lines += [
        "",
        "## For instructors and contributors",
        "",
        "- [The instructor pack](docs/instructors/README.md): setting up a class, handing out copies,",
        "  session plans, misconceptions, discussion prompts and the answer key, lesson by lesson.",
        "- [Adding a lesson](docs/adding_a_lesson.md): the contracts every model, view, explorer,",
        "  question set and lesson follows.",
        "- [The smlearn API](api.md): the package's layers and every public name, from its docstrings.",
        "- [Run the course](launch.md): on your machine, on Binder, or on a JupyterHub.",
        "",
        "```{toctree}",
        ":hidden:",
        ":caption: Lessons",
        "",
    ]
    lines += [f"notebooks/{Path(lesson.file).stem}" for lesson in course.lessons]
    lines += ["```", "", "```{toctree}", ":hidden:", ":caption: Teach and extend", "", "launch",
              "docs/instructors/README"]
    lines += [f"docs/instructors/{Path(name).stem}" for _, name in sorted(instructor_notes.items())]
    lines += ["docs/adding_a_lesson", "api", "```", ""]
    return "\n".join(lines)


def launch_page(course, repo: str, branch: str, hub: str | None, student: bool = False) -> str:
    shown_hub = hub or HUB_PLACEHOLDER
    lines = [
        "# Run the course",
        "",
        "## On your own machine",
        "",
        "With Python 3.11 or newer, in a copy of the course repository:",
        "",
        "```bash",
        "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && jupyter lab notebooks/00_start_here.ipynb",
        "```",
        "",
        "Every lesson's first cell checks the set-up and says what to fix if something is missing.",
        "",
        "## Binder (nothing to install)",
        "",
        "Binder builds the course from `environment.yml` and `postBuild` and opens a lesson in",
        "JupyterLab. A session is deleted after some minutes without activity: download your notebooks.",
        "",
        f"These links are for `{repo}` on branch `{branch}`"
        + (" (a template: build the site with `--repo` to point them at your copy)." if "OWNER" in repo else "."),
        "",
        "| # | lesson | Binder | JupyterHub |",
        "|---|---|---|---|",
    ]
    for lesson in course.lessons:
        lines.append(
            f"| {lesson.id} | {_cell(lesson.title)} | [launch]({binder_link(repo, branch, lesson.file)})"
            f" | [launch]({hub_link(shown_hub, repo, branch, lesson.file)}) |"
        )
    lines += [
        "",
        "## A JupyterHub",
        "",
        "The JupyterHub links use nbgitpuller (it must be installed in the hub's image): the first click",
        "clones the course into the learner's home, later clicks merge in the course's changes without",
        "overwriting the learner's own edits."
        + ("" if hub else f" `{HUB_PLACEHOLDER}` stands for your hub: build the site with `--hub`, or"
           " print a link with"),
        "" if hub else "`smlearn hub-link https://your.hub https://github.com/OWNER/smlearn --lesson 02_push_and_pull.ipynb`.",
        "",
        *([] if student else ["The [instructor pack](docs/instructors/README.md) says how to build the hub's image.", ""]),
        "## In the browser, with no server (not yet)",
        "",
        "A JupyterLite build would run the lessons in the browser alone, but its Python (Pyodide) needs",
        "WebAssembly builds of numpy, pandas, scipy and matplotlib that only Pyodide's own download",
        "site provides; the course is not offered that way yet (the README's deployment section says",
        "what stops it).",
        "",
    ]
    return "\n".join(lines)


# --- staging and building -------------------------------------------------------------------

def stage(src: Path, repo: str, branch: str, hub: str | None, student: bool = False) -> None:
    """Lay out the site's sources in ``src``; for the student site, the lessons without solutions and no instructor pages."""
    from smlearn.copies import student_version
    from smlearn.course import load_course

    course = load_course(REPO / "notebooks")
    if src.exists():
        shutil.rmtree(src)
    (src / "notebooks").mkdir(parents=True)
    for notebook in lesson_files():
        if student:
            (src / "notebooks" / notebook.name).write_bytes(student_version(notebook.read_bytes()))
        else:
            shutil.copy2(notebook, src / "notebooks" / notebook.name)
    docs = REPO / "docs"
    if student:
        if (docs / "images").is_dir():
            shutil.copytree(docs / "images", src / "docs" / "images")
        (src / "index.md").write_text(index_page(course, repo, branch, hub, {}, student=True), encoding="utf-8")
        (src / "launch.md").write_text(launch_page(course, repo, branch, hub, student=True), encoding="utf-8")
        return
    shutil.copytree(docs / "instructors", src / "docs" / "instructors")
    shutil.copy2(docs / "adding_a_lesson.md", src / "docs" / "adding_a_lesson.md")
    if (docs / "images").is_dir():
        shutil.copytree(docs / "images", src / "docs" / "images")
    notes = {}
    from smlearn.pacing import lesson_files as lessons_in

    for path in lessons_in(src / "docs" / "instructors", ".md"):
        notes[path.name.split("_", 1)[0]] = path.name
    (src / "index.md").write_text(index_page(course, repo, branch, hub, notes), encoding="utf-8")
    (src / "launch.md").write_text(launch_page(course, repo, branch, hub), encoding="utf-8")
    sys.path.insert(0, str(Path(__file__).parent))
    from api_page import api_page, module_pages   # scripts/api_page.py, beside this file

    (src / "api.md").write_text(api_page(), encoding="utf-8")
    (src / "api").mkdir()
    for page, text in module_pages().items():
        (src / f"{page}.md").write_text(text, encoding="utf-8")


def sphinx_build(src: Path, html: Path, repo: str, branch: str, hub: str | None) -> int:
    import os

    env = {**os.environ, "SMLEARN_SITE_REPO": repo, "SMLEARN_SITE_BRANCH": branch, "SMLEARN_SITE_HUB": hub or ""}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    # -E: read every page afresh; cached pages would miss a change to site/_ext, which Sphinx does not track.
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-E", "-W", "--keep-going", "-q", "-j", "auto",
               "-c", str(SITE), "-d", str(html.parent / "doctrees"), str(src), str(html)]
    return subprocess.run(command, env=env).returncode


# --- checking the result ---------------------------------------------------------------------

class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loads: list[str] = []   # what the page fetches to show itself: scripts, styles, images
        self.images: list[tuple[str, str | None]] = []   # (src, alt) of every <img>
        self.empty_headers = 0       # <th> cells with no text: a screen reader reads a header without a name
        self._header: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append((attrs.get("src") or "", attrs.get("alt")))
        if tag == "th":
            self._header = []
        elif self._header is not None and tag in ("img", "svg", "math"):   # a header shown by a picture
            self._header.append(attrs.get("alt") or attrs.get("aria-label") or tag)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") in ("preconnect", "dns-prefetch")):
                self.links.append(attrs[key])
        if tag != "a" and attrs.get("src"):                      # script, img, iframe, source, video, embed...
            self.loads.append(attrs["src"])
        if tag == "object" and attrs.get("data"):
            self.loads.append(attrs["data"])
        for candidate in (attrs.get("srcset") or "").split(","):  # "url 2x, url 3x"
            if candidate.strip():
                self.loads.append(candidate.split()[0])
        fetched = {"stylesheet", "preload", "modulepreload", "icon", "apple-touch-icon", "manifest"}
        if tag == "link" and attrs.get("href") and fetched & set((attrs.get("rel") or "").lower().split()):
            self.loads.append(attrs["href"])


    def handle_data(self, data):
        if self._header is not None:
            self._header.append(data)

    def handle_endtag(self, tag):
        if tag == "th" and self._header is not None:
            self.empty_headers += not "".join(self._header).strip()
            self._header = None


def alt_problem(alt: str | None) -> str | None:
    """What is wrong with an image's alt text for a screen reader, or None.

    >>> alt_problem("../_images/9de1f57b.png"), alt_problem(""), alt_problem("Binder logo")
    ('its alt text is a file name or path', 'it has no alt text', None)
    """
    if alt is None or not alt.strip():
        return "it has no alt text"
    if re.fullmatch(r"\S+\.(png|jpe?g|gif|svg|webp|pdf)", alt.strip(), re.IGNORECASE) or re.fullmatch(r"\S*/\S*", alt.strip()):
        return "its alt text is a file name or path"
    return None


def check_site(html: Path, notebooks: Path = REPO / "notebooks", instructors: Path | None = REPO / "docs" / "instructors") -> list[str]:
    """Every problem with a built site: missing pages, broken internal links or anchors,
    anything a page would fetch from another host to show itself (the site must work offline;
    links out, such as the launch buttons, are fine), and an image whose alt text is missing,
    empty, a file name or a path.

    >>> import tempfile
    >>> site = Path(tempfile.mkdtemp())
    >>> _ = (site / "index.html").write_text('<a href="a.html#x">a</a> <a href="b.html">b</a> <a href="https://x.org">x</a>'
    ...     '<script src="https://cdn.example.org/m.js"></script><link rel="Shortcut Icon" href="//cdn.example.org/i.ico">'
    ...     '<img alt="A chart" srcset="a.png 1x, https://cdn.example.org/b.png 2x">')
    >>> _ = (site / "a.html").write_text('<h1 id="y">A</h1>')
    >>> for problem in check_site(site, notebooks=site, instructors=site): print(problem)
    index.html: broken link a.html#x (no anchor 'x' in a.html)
    index.html: broken link b.html (no such file)
    index.html: loads https://cdn.example.org/m.js from another host (the site must work offline)
    index.html: loads //cdn.example.org/i.ico from another host (the site must work offline)
    index.html: loads https://cdn.example.org/b.png from another host (the site must work offline)
    """
    problems = []
    from smlearn.course import load_course

    expected = {f"notebooks/{p.stem}.html" for p in lesson_files(notebooks)}
    if (notebooks / "course.yml").is_file():
        expected |= {f"notebooks/{Path(lesson.file).stem}.html" for lesson in load_course(notebooks).lessons}
    if instructors is not None:     # the student site has no instructor pages
        expected |= {f"docs/instructors/{p.stem}.html" for p in instructors.glob("*.md")}
    problems += [f"no page for {name}" for name in sorted(expected) if not (html / name).is_file()]

    pages = {}
    for path in sorted(html.rglob("*.html")):
        if "_static" in path.relative_to(html).parts:
            continue  # the theme's templates and assets, not pages
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        pages[path.resolve()] = parser
    for path, parser in pages.items():
        where = path.relative_to(html.resolve())
        for link in parser.links:
            parsed = urlparse(link)
            if parsed.scheme or link.startswith("//") or link.startswith("#") and not link[1:]:
                continue  # external (http, https, mailto, data, javascript) or the top of this page
            target = (path.parent / unquote(parsed.path)).resolve() if parsed.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{where}: broken link {link} (no such file)")
            elif parsed.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if unquote(parsed.fragment) not in ids:
                    problems.append(f"{where}: broken link {link} (no anchor {parsed.fragment!r} in {target.name})")
        for src, alt in parser.images:
            problem = alt_problem(alt)
            if problem:
                problems.append(f"{where}: image {src}: {problem} (a screen reader cannot say what it shows)")
        for resource in parser.loads:
            if urlparse(resource).scheme in ("http", "https") or resource.startswith("//"):
                problems.append(f"{where}: loads {resource} from another host (the site must work offline)")
    return problems


SHORTEST_SOLUTION_TEXT = 12


class _Text(HTMLParser):
    """A page's text as a reader gets it: what is inside the tags, scripts and styles left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _words(text: str) -> str:
    return " ".join(text.split())


def page_text(path: Path) -> str:
    """The text of an HTML page, its whitespace made single spaces (code keeps its characters: highlighting only adds tags)."""
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return _words("".join(parser.parts))


def solution_texts(notebook: Path) -> list[str]:
    """What a lesson's solution cells show, each as one string: the cell's code, then each output's text.

    >>> import json, tempfile
    >>> path = Path(tempfile.mkdtemp()) / "01_a.ipynb"
    >>> cells = [{"cell_type": "code", "metadata": {"tags": ["solution"]}, "source": ["# Solution\\n", "quiz.a.confirm(3)"],
    ...           "outputs": [{"output_type": "stream", "name": "stdout", "text": ["3.5"]}]},
    ...          {"cell_type": "code", "metadata": {}, "source": "my_answer = ...", "outputs": []}]
    >>> _ = path.write_text(json.dumps({"cells": cells}))
    >>> solution_texts(path)             # an output of "3.5" is too short to tell a solution from other text
    ['# Solution quiz.a.confirm(3)']
    """
    import json

    from smlearn.copies import SOLUTION_TAG

    texts = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if SOLUTION_TAG not in cell.get("metadata", {}).get("tags", []):
            continue
        texts.append(_words("".join(cell["source"])))
        for output in cell.get("outputs", []):
            text = output.get("text") or output.get("data", {}).get("text/plain") or ""
            texts.append(_words("".join(text)))
    # A short output ("3.5") is no sign of a solution: the same number may well be on the page for other reasons.
    return [text for text in texts if len(text) >= SHORTEST_SOLUTION_TEXT]


def student_problems(html: Path, notebooks: Path = REPO / "notebooks") -> list[str]:
    """What a student site must not show: any instructor page, and any solution cell's code or output on a lesson's page."""
    problems = [f"{path.relative_to(html)}: an instructor page in the student site"
                for path in sorted((html / "docs" / "instructors").rglob("*.html"))]
    for notebook in lesson_files(notebooks):
        page = html / "notebooks" / f"{notebook.stem}.html"
        if not page.is_file():
            continue   # check_site reports a missing page
        shown = page_text(page)
        leaks = [text for text in solution_texts(notebook) if text in shown]
        problems += [f"{page.relative_to(html)}: shows a solution: {leak[:80]!r}" for leak in leaks]
    return problems


def empty_headers(html: Path) -> list[str]:
    """Pages with table header cells that have no text (a screen reader announces a header
    without a name). Reported, not failing the build yet: a lesson's own Markdown table can have
    one, and only the lesson's text can name it.

    >>> import tempfile
    >>> site = Path(tempfile.mkdtemp())
    >>> _ = (site / "a.html").write_text('<table><tr><th></th><th>b</th><th> &nbsp; </th></tr></table>')
    >>> empty_headers(site)
    ['a.html: 2 empty table header cell(s) (<th> with no text)']
    """
    notes = []
    for path in sorted(html.rglob("*.html")):
        if "_static" in path.relative_to(html).parts:
            continue
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        if parser.empty_headers:
            notes.append(f"{path.relative_to(html)}: {parser.empty_headers} empty table header cell(s) (<th> with no text)")
    return notes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Build the course site (offline) and check it.")
    parser.add_argument("--repo", default=DEFAULT_REPO, help=f"the course repository for launch links (default {DEFAULT_REPO})")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--hub", default=None, help="a JupyterHub address for nbgitpuller launch links")
    parser.add_argument("--out", type=Path, default=None,
                        help="build folder (default site/_build, or site/_build/student with --student)")
    parser.add_argument("--student", action="store_true",
                        help="the student site, the one to make public: no worked solutions, no instructor pack")
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = DEFAULT_OUT / "student" if args.student else DEFAULT_OUT

    sys.path.insert(0, str(REPO))
    started = time.perf_counter()
    src, html = args.out / "src", args.out / "html"
    stage(src, args.repo, args.branch, args.hub, student=args.student)
    if html.exists():
        shutil.rmtree(html)
    status = sphinx_build(src, html, args.repo, args.branch, args.hub)
    if status != 0:
        print(f"site: sphinx-build failed (status {status}); see the warnings above", file=sys.stderr)
        return 1
    problems = check_site(html, instructors=None if args.student else REPO / "docs" / "instructors")
    if args.student:
        problems += student_problems(html)
    for problem in problems:
        print(f"site: {problem}", file=sys.stderr)
    if problems:
        return 1
    for note in empty_headers(html):
        print(f"site: note: {note}", file=sys.stderr)
    pages = len(list(html.rglob("*.html")))
    print(f"site: {pages} pages{' (student site: no solutions, no instructor pack)' if args.student else ''},"
          f" every lesson rendered and every internal link resolves,"
          f" in {time.perf_counter() - started:.0f} s: {html / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
