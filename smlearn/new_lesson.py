"""A new lesson in one command: ``smlearn new-lesson NN name``.

It writes every piece a lesson of this course has, each a working placeholder that already
meets the course's rules (docs/adding_a_lesson.md lists them, with the test of each), so
the whole test suite passes before the instructor writes a word:

- ``sources/NN_name.md``: the lesson (objectives and time, a story, a prediction, three
  checked exercises with their solutions, one of them code, a real-data section, what flips
  the verdict, the evidence box, a summary), borrowing lesson 02's traffic model until the
  lesson has its own;
- ``smlearn/questions/name.py``: its questions (the module is the lesson's name without its
  number: :attr:`smlearn.course.Lesson.questions_module`);
- its record in ``notebooks/course.yml`` (with the facts its prose states), its instructor
  notes ``docs/instructors/NN_name.md`` and their facts ``docs/instructors/facts/NN.yml``;
- a row in lesson 00's course map, in the instructor pack's table and in the README's;
- and the notebook ``notebooks/NN_name.ipynb``, run by ``scripts/run_lessons.py``.

Nothing is written when the number or the name is malformed or already taken.

Examples
--------
>>> check_lesson_id("10"), check_lesson_id("02d")
('10', '02d')
>>> check_lesson_name("Bike-Shop")
Traceback (most recent call last):
...
ValueError: name must be lower-case letters, digits and single underscores, starting with a letter (like bike_shop); got 'Bike-Shop'
"""

from __future__ import annotations

import keyword
import math
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["LESSON_ID", "LESSON_NAME", "PLACEHOLDER_DATA", "check_lesson_id", "check_lesson_name", "NewLesson",
           "course_root", "new_lesson", "LESSON", "QUESTIONS", "RECORD", "NOTES", "NOTE_FACTS"]

LESSON_ID = re.compile(r"^\d\d[a-z]?$")
LESSON_NAME = re.compile(r"^[a-z](?:[a-z0-9]|_(?!_))*[a-z0-9]$")
# The real data set the placeholder's real-data section measures, and the frame cells of the model it borrows.
PLACEHOLDER_DATA = "uk_mps"


def check_lesson_id(lesson_id) -> str:
    """A lesson number: two digits and an optional letter for a part (``10``, ``02d``)."""
    if not isinstance(lesson_id, str) or not LESSON_ID.match(lesson_id):
        raise ValueError("lesson_id (NN) must be two digits and an optional lower-case letter for a part (like 10 or 02d);"
                         f" got {lesson_id!r}")
    return lesson_id


def check_lesson_name(name) -> str:
    """A lesson name: it names the files and the question module, so it must be a Python name in lower case."""
    if not isinstance(name, str) or not LESSON_NAME.match(name) or len(name) > 40:
        raise ValueError("name must be lower-case letters, digits and single underscores, starting with a letter"
                         f" (like bike_shop); got {name!r}")
    if keyword.iskeyword(name):
        raise ValueError(f"name must not be a Python keyword (the question module is named after it); got {name!r}")
    return name


@dataclass
class NewLesson:
    """What :func:`new_lesson` wrote (paths relative to the course's folder) and what to do next."""

    lesson_id: str
    name: str
    title: str
    minutes: int
    written: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"Lesson {self.lesson_id} {self.title} (about {self.minutes} minutes):"]
        lines += [f"  wrote   {path}" for path in self.written]
        lines += [f"  added a row or record to {path}" for path in self.changed]
        lines += [
            "Next: write the lesson in sources/{0}_{1}.md and its questions in smlearn/questions/{1}.py,".format(self.lesson_id, self.name),
            f"  then run: python scripts/run_lessons.py {self.lesson_id}_ && pytest notebooks/{self.lesson_id}_{self.name}.ipynb",
            "  (docs/adding_a_lesson.md lists the rules every lesson meets and the test of each).",
        ]
        return "\n".join(lines)


def course_root() -> Path:
    """The course's folder: the clone of the repository this smlearn was imported from."""
    from smlearn.course import sources_dir

    return sources_dir().parent


def new_lesson(lesson_id: str, name: str, *, title: str | None = None, minutes: int | None = None,
               about: str | None = None, build: bool = True, root: str | Path | None = None) -> NewLesson:
    """Write a new lesson's files, rows and record, then build its notebook (see the module's docstring).

    ``minutes`` defaults to the learner model's estimate (:func:`smlearn.pacing.estimate_minutes`)
    rounded up to 5; ``about`` is its line in the course maps. Raises ValueError, before writing
    anything, if an argument is malformed or the number, the name or a file is taken.
    """
    import yaml

    from smlearn.course import load_course
    from smlearn.params import check_text

    lesson_id, name = check_lesson_id(lesson_id), check_lesson_name(name)
    title = check_text("title", title) if title is not None else name.replace("_", " ").capitalize()
    if "|" in title or "\n" in title or '"' in title or title != title.strip():
        raise ValueError(f"title must be one line without | or double quotes (it goes into tables and course.yml); got {title!r}")
    about = check_text("about", about) if about is not None else f"{title.lower()}: a new lesson, still to be written"
    if "|" in about or "\n" in about:
        raise ValueError(f"about must be one line without | (it goes into tables); got {about!r}")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int) or not 5 <= minutes <= 60):
        raise ValueError(f"minutes must be a whole number from 5 to 60 (no lesson asks more than an hour); got {minutes!r}")
    root = Path(root) if root is not None else course_root()
    course = load_course(root / "notebooks")
    stem = f"{lesson_id}_{name}"
    taken = [lesson for lesson in course.lessons if lesson.id == lesson_id or lesson.file.split("_", 1)[1] == f"{name}.ipynb"]
    if taken:
        raise ValueError(f"lesson {taken[0].id} ({taken[0].file}) already has that number or name; "
                         f"the lessons are: {', '.join(lesson.id for lesson in course.lessons)}")
    paths = {
        "source": root / "sources" / f"{stem}.md",
        "questions": root / "smlearn" / "questions" / f"{name}.py",
        "notes": root / "docs" / "instructors" / f"{stem}.md",
        "facts": root / "docs" / "instructors" / "facts" / f"{lesson_id}.yml",
        "notebook": root / "notebooks" / f"{stem}.ipynb",
    }
    existing = [path.relative_to(root).as_posix() for path in paths.values() if path.exists()]
    if existing:
        raise ValueError(f"{', '.join(existing)} already exist(s): choose another number or name")
    previous = [lesson for lesson in course.lessons if lesson.id < lesson_id][-1]

    values = {"ID": lesson_id, "NAME": name, "TITLE": title, "PREV": previous.id, "PREV_TITLE": previous.title,
              "DATA_ROWS": str(_data_rows())}
    if minutes is None:
        minutes = _round_up_to_five(_estimate(_fill(LESSON, {**values, "MINUTES": "60"})))
    else:
        estimate = _estimate(_fill(LESSON, {**values, "MINUTES": str(minutes)}))
        if minutes < estimate - 4:
            raise ValueError(f"minutes must be at least the learner model's estimate less 4 ({estimate} - 4); got {minutes}")
    values["MINUTES"] = str(minutes)

    # Every text is made before the first file is written, so a problem leaves the course as it was.
    texts = {
        paths["source"]: _fill(LESSON, values),
        paths["questions"]: _fill(QUESTIONS, values),
        paths["notes"]: _fill(NOTES, values),
        paths["facts"]: _fill(NOTE_FACTS, values),
    }
    yaml.safe_load(texts[paths["facts"]])
    edits = {
        root / "notebooks" / "course.yml": _insert_record(root / "notebooks" / "course.yml", lesson_id, _fill(RECORD, values)),
        # the questions package loads its modules from the list in its stub (lazy_loader): add this lesson's
        root / "smlearn" / "questions" / "__init__.pyi": _insert_module(root / "smlearn" / "questions" / "__init__.pyi", name),
        root / "sources" / "00_start_here.md": _insert_row(root / "sources" / "00_start_here.md", "| lesson | title |",
                                                           lesson_id, f"| {lesson_id} | {title} | {about} |"),
        root / "docs" / "instructors" / "README.md": _insert_row(root / "docs" / "instructors" / "README.md", "| lesson | notes |",
                                                                 lesson_id, f"| {lesson_id} {title} | [{stem}.md]({stem}.md) |"),
        root / "README.md": _insert_row(root / "README.md", "| # | lesson | time |", lesson_id,
                                        f"| {lesson_id} | [{title}](notebooks/{stem}.ipynb) | {minutes} min | {about} |"),
    }
    for path, text in {**texts, **edits}.items():
        path.write_text(text, encoding="utf-8")
    report = NewLesson(lesson_id, name, title, minutes,
                       written=[path.relative_to(root).as_posix() for path in texts],
                       changed=[path.relative_to(root).as_posix() for path in edits])
    # Lesson 00's map gained a row: its notebook takes the new text, and keeps its outputs (no rerun needed).
    _sync_markdown(root / "sources" / "00_start_here.md", root / "notebooks" / "00_start_here.ipynb", root)
    if build:
        _build(root, lesson_id)
        report.written.append(paths["notebook"].relative_to(root).as_posix())
    return report


# ---- helpers ---------------------------------------------------------------------------------------

def _fill(template: str, values: dict) -> str:
    for key, value in values.items():
        template = template.replace(f"@@{key}@@", value)
    assert "@@" not in template, "a template placeholder was left unfilled"
    return template


def _data_rows() -> int:
    import smlearn.data

    return len(smlearn.data.load(PLACEHOLDER_DATA))


def _round_up_to_five(minutes: int) -> int:
    return max(5, min(60, 5 * math.ceil(minutes / 5)))


def _estimate(lesson_text: str) -> int:
    """The learner model's minutes for a lesson source, read as a notebook without running it."""
    import jupytext

    from smlearn.pacing import estimate_minutes

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lesson.ipynb"
        jupytext.write(jupytext.reads(lesson_text, fmt="md:myst"), path, fmt="ipynb")
        return estimate_minutes(path).minutes


def _lesson_id_of_line(line: str, pattern: re.Pattern) -> str | None:
    match = pattern.match(line)
    return match.group(1) if match else None


def _insert_row(path: Path, header: str, lesson_id: str, row: str) -> str:
    """The text of ``path`` with ``row`` put into the table under ``header``, in lesson order."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(header)), None)
    if start is None:
        raise ValueError(f"{path.name} has no table starting {header!r} to add the lesson's row to")
    row_id = re.compile(r"^\| (?:\[)?(\d\d[a-z]?)\b")
    end = start + 2                      # after the header and its |---| line
    at = None
    while end < len(lines) and lines[end].startswith("|"):
        found = _lesson_id_of_line(lines[end], row_id)
        if at is None and found is not None and found > lesson_id:
            at = end
        end += 1
    lines.insert(end if at is None else at, row + "\n")
    return "".join(lines)


def _insert_module(path: Path, name: str) -> str:
    """The text of a lazy package's stub (``__init__.pyi``) with module ``name`` added to its import list, in order."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith("from . import (")), None)
    if start is None:
        raise ValueError(f"{path.name} has no 'from . import (' list to add the module {name!r} to")
    end = start + 1
    while end < len(lines) and lines[end].strip() != ")":
        end += 1
    names = sorted({line.strip().rstrip(",") for line in lines[start + 1:end]} | {name})
    return "".join(lines[:start + 1] + [f"    {n},\n" for n in names] + lines[end:])


def _insert_record(path: Path, lesson_id: str, record: str) -> str:
    """The text of course.yml with the lesson's record before the first lesson with a higher number (ids stay in order)."""
    text = path.read_text(encoding="utf-8")
    later = [m for m in re.finditer(r'^  - id: "(\d\d[a-z]?)"$', text, re.MULTILINE) if m.group(1) > lesson_id]
    if later:
        at = later[0].start()
        return text[:at] + record + "\n" + text[at:]
    return text.rstrip("\n") + "\n\n" + record


def _sync_markdown(source: Path, notebook: Path, root: Path) -> None:
    """Give the notebook's markdown cells the text of its source, keeping every output."""
    import jupytext

    fresh = jupytext.read(source)
    kept = jupytext.read(notebook)
    if [c.cell_type for c in fresh.cells] != [c.cell_type for c in kept.cells]:
        raise RuntimeError(f"{source.name} and {notebook.name} have different cells: run scripts/run_lessons.py 00")
    for new, old in zip(fresh.cells, kept.cells):
        if new.cell_type == "markdown":
            old.source = new.source
    # The notebook's build record (smlearn.build) hashes its source: the text changed, the outputs did not, so
    # the source's hash is brought up to date (only it: another input changed since the last run still stales it).
    try:
        from smlearn.build import METADATA_KEY, build_inputs
    except ImportError:
        pass
    else:
        recorded = kept.metadata.get(METADATA_KEY, {}).get("inputs", {})
        key = f"sources/{source.name}"
        if key in recorded:
            recorded[key] = build_inputs(notebook.name.split("_", 1)[0], root)[key]
    jupytext.write(kept, notebook, fmt="ipynb")


def _build(root: Path, lesson_id: str) -> None:
    import os

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH", "")]))}
    done = subprocess.run([sys.executable, str(root / "scripts" / "run_lessons.py"), f"{lesson_id}_"], cwd=root, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"the new lesson's files are written but its notebook did not build: "
                           f"fix the error above, then run python scripts/run_lessons.py {lesson_id}_")


# ---- templates: @@KEY@@ is filled in; everything else is written as it stands ----------------------

LESSON = '''---
jupytext:
  formats: notebooks///ipynb,sources///md:myst
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  name: python3
  display_name: Python 3 (ipykernel)
  language: python
---

# @@ID@@ @@TITLE@@

**Time:** about @@MINUTES@@ minutes.

**You need:** lesson @@PREV@@ (@@PREV_TITLE@@) and lesson 02's traffic model.

**By the end of this lesson you will be able to:**

- say which question this lesson asks and which model of the course answers it;
- run the model, read a number off its results and write a short function that computes one;
- compare the model with a real data set and say what flips its verdict.

<!-- new-lesson: every section below is a working placeholder with the shape every lesson of the
course has. Replace the story, the model and the questions with your own, keeping the objectives
above equal to the lesson's record in notebooks/course.yml; docs/adding_a_lesson.md lists the
rules and the test of each. -->

```{code-cell} ipython3
%matplotlib inline
import smlearn

smlearn.check_environment(lesson="@@ID@@")
```

The tools for this lesson: the data sets, the flip tool, the model and the lesson's questions.

```{code-cell} ipython3
import smlearn.data
from smlearn import flips
from smlearn.models import traffic
from smlearn.questions import @@NAME@@ as quiz
```

## The story

Sam repairs bikes and has a few hours a week to find customers: messages asking the people
Sam knows to visit the shop's website (push), or guides that strangers find by searching
(pull). Lesson 02's traffic model (`smlearn.models.traffic`) follows both, week by week.

**Predict.** In the first week, will the messages or the guides bring more visits? And in which
week, if ever, will the other channel catch up? Write your guess before you run the next cell.

```{code-cell} ipython3
my_guess = ...   # "messages" or "guides", and a week
```

```{code-cell} ipython3
result = traffic.simulate()
result.loc[result["period"] <= 2, ["period", "channel", "visits"]]
```

### Exercise 1: the week the guides catch up

Use `result` to find the first week in which pull brings more visits than push.

```{code-cell} ipython3
print(quiz.catch_up)
my_answer = ...   # replace ... with your answer
quiz.catch_up.check(my_answer)
```

```{code-cell} ipython3
:tags: [solution]

# Solution
quiz.catch_up.confirm(traffic.crossover_period(result))
```

### Exercise 2: visits in all

Write a function that adds up the visits one channel brought over the whole run.

```{code-cell} ipython3
print(quiz.total_visits)


def total_visits(result, channel):
    ...   # your code here: the sum of the visits in the rows of that channel


my_function = ...   # replace ... with total_visits once it is written
quiz.total_visits.check(my_function)
```

```{code-cell} ipython3
:tags: [solution]

# Solution
def total_visits(result, channel):
    return result.loc[result["channel"] == channel, "visits"].sum()


quiz.total_visits.confirm(total_visits)
```

## Real data: the followers of members of Parliament

The model gives every contact the same chance to answer a message. Real audiences are uneven.
The data set `uk_mps` lists @@DATA_ROWS@@ members of the UK Parliament with the number of people
who follow each of them on X (Twitter); `smlearn.data.describe("uk_mps")` says where the data come
from and under which licence.

```{code-cell} ipython3
mps = smlearn.data.load("uk_mps")
print(len(mps), "members of Parliament in", mps["party"].nunique(), "parties")
```

### Exercise 3: the typical member

```{code-cell} ipython3
print(quiz.median_followers)
my_answer = ...   # replace ... with your answer
quiz.median_followers.check(my_answer)
```

```{code-cell} ipython3
:tags: [solution]

# Solution
quiz.median_followers.confirm(mps["followers_count"].median())
```

A few members have most of the followers, so the median is far below the mean: a model with one
click rate for every contact leaves that out.

## What flips the verdict

The placeholder's verdict: **pull brings more visits than push over the year**. The flip tool
moves each setting of the model across its slider's range, then all of them together.

```{code-cell} ipython3
report = quiz.verdict_report()   # flips.analyse on traffic.simulate, the horizon held at a year
print(report.sentence())
```

At the model's defaults the verdict holds. Which of the settings that flip it are guesses, and
which could you measure for Sam's shop?

:::{admonition} What the evidence says
:class: evidence

*The model assumes* that every contact answers a message with the same chance, that contacts
tire of being asked, and that a guide draws searchers for a year.

*The model derives* the week in which the guides catch up, and which settings flip the year's
verdict.

*Real studies found* that reach through contacts is short: most cascades end within one step of
the person who started them (Goel, Watts and Goldstein 2012).

- Goel, S., Watts, D. J. and Goldstein, D. G. (2012). The structure of online diffusion networks.
  *Proceedings of the 13th ACM Conference on Electronic Commerce (EC '12)*, 623-638.
:::

## Summary

- The traffic model finds the week in which the guides catch up with the messages, and what
  flips the year's verdict.
- A real data set shows what the model leaves out: contacts are not alike.
- The claims of the ledger this lesson tests go into its record in `notebooks/course.yml`.
'''

QUESTIONS = '''"""Self-check questions of lesson @@ID@@, @@TITLE@@.

Written by ``smlearn new-lesson`` as working placeholders: replace them with the lesson's own.
Use them in the lesson like this::

    from smlearn.questions import @@NAME@@ as quiz
    print(quiz.catch_up)                   # the question
    my_answer = ...   # replace ... with your answer
    quiz.catch_up.check(my_answer)

Every answer is computed from the model or the data when it is checked, so it never goes stale.

Examples
--------
>>> catch_up.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> verdict_report().holds_at_default
True
"""

from __future__ import annotations

import functools

import smlearn.data
from smlearn import flips
from smlearn.exercises import Case, CodeQuestion, NumericQuestion
from smlearn.models import traffic

__all__ = ["QUESTIONS", "VERDICT", "verdict_report", "catch_up", "total_visits", "median_followers"]

YEAR = 52


def _total_visits(result, channel):
    return result.loc[result["channel"] == channel, "visits"].sum()


def _visit_ratio(result):
    """Pull's visits over push's in a run: above 1 when the guides brought more."""
    return _total_visits(result, "pull") / _total_visits(result, "push")


VERDICT = flips.Verdict("pull brings more visits than push over the year", measure=_visit_ratio,
                        threshold=1.0, holds="above", unit="pull's visits / push's")


@functools.lru_cache(maxsize=1)
def verdict_report():
    """Where the lesson's verdict flips: :func:`smlearn.flips.analyse` over traffic.PARAMS, the horizon held at a year.

    Kept after the first call, so the lesson and its checked facts share one analysis.
    """
    return flips.analyse(traffic.simulate, VERDICT, traffic.PARAMS, fixed={"periods": YEAR}, steps=5, samples=64, seed=0)


catch_up = NumericQuestion(
    "@@NAME@@.catch_up",
    "In which week does pull first bring more visits than push, at the model's defaults?",
    answer=lambda: traffic.crossover_period(traffic.simulate()),
    hint="Compare the visits of the two channels week by week in result.",
    worked_hint="traffic.crossover_period(result) returns the first week in which pull brings more visits than push.",
    explanation="Messages bring visits at once but tire the contacts; guides draw more searchers week after week.",
)


def _random_run(rng) -> Case:
    size = traffic.PARAMS["network_size"]
    network_size = rng.randrange(size.min, size.max + 1, size.step)
    channel = rng.choice(["push", "pull"])
    return Case((traffic.simulate(network_size=network_size), channel), f"{network_size} contacts, channel {channel}")


total_visits = CodeQuestion(
    "@@NAME@@.total_visits",
    "Write total_visits(result, channel): the visits the channel ('push' or 'pull') brought over the whole run"
    " of traffic.simulate. Then check it: quiz.total_visits.check(total_visits).",
    cases=[Case((traffic.simulate(), "push"), "the model's defaults, the messages"),
           Case((traffic.simulate(), "pull"), "the model's defaults, the guides"),
           Case((traffic.simulate(periods=4), "pull"), "the guides over four weeks")],
    reference=_total_visits,
    extra=_random_run,
    extra_count=4,
    hint="Keep the rows of that channel, then add up their visits.",
    worked_hint="result.loc[result['channel'] == channel, 'visits'].sum()",
    solution_code="""def total_visits(result, channel):
    return result.loc[result["channel"] == channel, "visits"].sum()""",
    explanation="A run has one row per week and channel, so a channel's visits in all are the sum of its rows.",
)

median_followers = NumericQuestion(
    "@@NAME@@.median_followers",
    "What is the median number of followers of a member of Parliament in the data set uk_mps?",
    answer=lambda: float(smlearn.data.load("uk_mps")["followers_count"].median()),
    tolerance=0.5,
    hint="The column followers_count holds each member's followers.",
    worked_hint="mps['followers_count'].median()",
    explanation="Half the members have fewer followers than this and half have more.",
)

QUESTIONS = [catch_up, total_visits, median_followers]
'''

RECORD = '''  - id: "@@ID@@"
    file: @@ID@@_@@NAME@@.ipynb
    title: @@TITLE@@
    minutes: @@MINUTES@@
    prerequisites: ["@@PREV@@"]
    objectives:
      - {bloom: understand, text: "say which question this lesson asks and which model of the course answers it;"}
      - {bloom: apply, text: "run the model, read a number off its results and write a short function that computes one;"}
      - {bloom: analyze, text: "compare the model with a real data set and say what flips its verdict."}
    claims: []
    frame: [find-broadcast, ties-broadcast]
    # The course's rules hold unless set here, e.g. rules: {min_exercises: 4} (defaults: smlearn.course.LESSON_RULES).
    explorers: []
    datasets: [uk_mps]
    facts:
      - text: "lists @@DATA_ROWS@@ members of the UK Parliament"
        source: "len(smlearn.data.load('uk_mps'))"
        value: @@DATA_ROWS@@
      - text: "At the model's defaults the verdict holds"
        source: "smlearn.questions.@@NAME@@.verdict_report().holds_at_default"
        value: true
'''

NOTES = '''# @@ID@@ @@TITLE@@: instructor notes

**Time:** about @@MINUTES@@ minutes. **Before:** lesson @@PREV@@ (@@PREV_TITLE@@).

<!-- new-lesson: placeholders written by smlearn new-lesson; rewrite them with the lesson. -->

## Objectives

- [understand] say which question this lesson asks and which model of the course answers it;
- [apply] run the model, read a number off its results and write a short function that computes one;
- [analyze] compare the model with a real data set and say what flips its verdict.

## Session plans

**50-minute session.** The story and the prediction (10 minutes), exercises 1 and 2 in pairs
(15), the real data and exercise 3 (10), what flips the verdict and a discussion prompt (15).

**90-minute session.** As the 50-minute session, then learners change one setting each, say
whether the verdict still holds and compare with a neighbour (40).

## Misconceptions

- A setting of the model read as a finding: the week the guides catch up follows from the
  defaults chosen.

## Discussion prompts

**Discussion prompt.** Which settings of the model could you measure for a shop you know, and
which stay guesses?

## Adapting

Change the story, the model and the questions in `sources/@@ID@@_@@NAME@@.md` and
`smlearn/questions/@@NAME@@.py`, then run `python scripts/run_lessons.py @@ID@@_`.

## Answer key

`smlearn answers @@ID@@` prints the lesson's 3 self-check questions with their answers,
computed from the current model and data.
'''

NOTE_FACTS = '''# Facts the instructor notes of lesson @@ID@@ state (tests/lessons/test_course.py checks them against the code).
- text: "the lesson's 3 self-check questions"
  source: "len(smlearn.questions.@@NAME@@.QUESTIONS)"
  value: 3
'''
