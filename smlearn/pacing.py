"""How long a lesson takes a learner working alone: a stated model of the work, not the author's guess.

An author reads their own lesson in a quarter of the time a learner needs. So the
course estimates each lesson's time from what it asks a learner to do, with rates
stated here, and ``tests/lessons/test_pacing.py`` checks that the time the lesson and
``course.yml`` announce is at least that estimate and at most 60 minutes.

The learner model (a second-year student alone, on Binder, meeting the ideas for the
first time):

- **reading**: 130 words a minute of prose. Careful reading of new technical material runs
  well below the 200-250 words a minute of everyday reading (Rayner et al. 2016, *So much to
  read, so little time*, Psychological Science in the Public Interest 17(1), 4-34);
- **running a code cell**: half a minute (run it, wait, look at the output), plus 6 seconds
  for each line of code to read;
- **a figure**: one minute to read its axes, legend and title;
- **a prediction** ("**Predict.**"): one and a half minutes to think and write a guess;
- **a checked exercise** (a cell that calls ``.check(``): three minutes; an exercise in which
  the learner writes code declares its extra time (below);
- **an explorer**: five minutes with its sliders and "Things to try";
- **longer activities** that a lesson declares in a comment ``<!-- learner-time: 30 -->``
  (writing code for an exercise, writing a plan, a peer review): the minutes declared.

Cells tagged ``solution`` are not counted: a learner who needs them has already spent the
exercise's time. Cells tagged ``in-class`` (a section ``## In class: ...`` in which every cell
carries the tag: an experiment the class runs on itself with the instructor) are counted apart,
with the same rates, as :attr:`Estimate.in_class_minutes`: class time, not the learner's time
alone, so they are not in :attr:`Estimate.minutes` and a lesson's first cell states them apart, in
a paragraph of its own starting ``**In class:**``, which is counted with them. These rates are a model, not a measurement of a class; an instructor who
times a real class should trust that instead, and can say so in the lesson's record.

Examples
--------
>>> from smlearn.course import load_course
>>> plan = load_course()
>>> estimate = estimate_minutes(plan.folder / plan.lesson("00").file)
>>> 5 < estimate.minutes < 60
True
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from smlearn.params import check_path, check_text

__all__ = ["RATES", "LESSON_FILE", "Estimate", "estimate_minutes", "lesson_files", "LONGEST_LESSON",
           "IN_CLASS", "LONGEST_IN_CLASS"]

# Minutes (or words a minute) of the learner model above.
RATES = {
    "words_per_minute": 130.0,
    "per_code_cell": 0.5,
    "per_code_line": 0.1,
    "per_figure": 1.0,
    "per_prediction": 1.5,
    "per_exercise": 3.0,
    "per_explorer": 5.0,
}

# No lesson should ask more than this of a learner in one sitting.
LONGEST_LESSON = 60

# The tag of the cells of a section done in class (a class experiment), and the most class time such
# sections may add to a lesson: the instructor scripts give each experiment about ten minutes.
IN_CLASS = "in-class"
LONGEST_IN_CLASS = 20

# A lesson's file: two digits, an optional letter for a part (02b), an underscore, a name.
LESSON_FILE = re.compile(r"^\d\d[a-z]?_[a-z0-9_]+\.(ipynb|md)$")

_ANNOUNCED = re.compile(r"^\*\*In class:\*\*", re.MULTILINE)   # a paragraph announcing the class part
_DECLARED = re.compile(r"<!--\s*learner-time:\s*(\d+)\s*-->")
_PREDICT = re.compile(r"\*\*Predict\b")
_WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*")
_FIGURE_CALL = re.compile(r"\bplot_\w+\(|^figure$|^fig$", re.MULTILINE)


def lesson_files(folder, suffix: str = ".ipynb") -> list[Path]:
    """The lessons in ``folder`` with this suffix, in course order (00, 01, 02, 02b, 03, ...).

    Examples
    --------
    >>> from smlearn.course import notebooks_dir
    >>> [p.name for p in lesson_files(notebooks_dir())][:2]
    ['00_start_here.ipynb', '01_two_ideas.ipynb']
    """
    check_path("folder", folder)
    check_text("suffix", suffix)
    if suffix not in (".ipynb", ".md"):
        raise ValueError(f"suffix must be '.ipynb' or '.md'; got {suffix!r}")
    return sorted(p for p in Path(folder).glob(f"*{suffix}") if LESSON_FILE.match(p.name))


@dataclass(frozen=True)
class Estimate:
    """A lesson's estimated time, and what it is made of (minutes per kind of work).

    ``parts`` is the learner's time alone; ``in_class`` the same kinds of work in the cells
    tagged :data:`IN_CLASS` (empty for a lesson without them).
    """

    parts: dict
    in_class: dict = field(default_factory=dict)

    @property
    def minutes(self) -> int:
        """The learner's time alone, rounded up to a whole minute (the in-class cells left out)."""
        return math.ceil(sum(self.parts.values()))

    @property
    def in_class_minutes(self) -> int:
        """The time the cells tagged in-class take, rounded up to a whole minute (0 without them)."""
        return math.ceil(sum(self.in_class.values()))

    def __str__(self) -> str:
        shown = ", ".join(f"{name} {value:.0f}" for name, value in self.parts.items() if value >= 0.5)
        extra = f", and about {self.in_class_minutes} minutes in class" if self.in_class else ""
        return f"about {self.minutes} minutes ({shown}){extra}"


def _cells(path: Path) -> list[dict]:
    try:
        cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError) as error:
        raise ValueError(f"cannot read the lesson {path}: {error}") from None
    return [{"kind": c["cell_type"], "text": "".join(c["source"]), "tags": c.get("metadata", {}).get("tags", [])}
            for c in cells]


def estimate_minutes(path) -> Estimate:
    """Estimate how long the lesson notebook at ``path`` takes a learner alone (see the module's rates).

    The cells tagged :data:`IN_CLASS` are estimated apart (:attr:`Estimate.in_class_minutes`).

    Raises
    ------
    ValueError
        If ``path`` is not a readable notebook.
    """
    check_path("path", path, file=True)
    cells = _cells(path)
    alone = [cell for cell in cells if IN_CLASS not in cell["tags"]]
    in_class = [cell for cell in cells if IN_CLASS in cell["tags"]]
    if not in_class:
        return Estimate(_parts(alone))
    # The paragraph at the top that announces the class part ("**In class:** ...") is read as part of it.
    for cell in alone:
        if cell["kind"] == "markdown" and _ANNOUNCED.search(cell["text"]):
            paragraphs = re.split(r"\n\s*\n", cell["text"])
            keep = [text for text in paragraphs if not _ANNOUNCED.match(text.strip())]
            in_class.append({"kind": "markdown", "tags": [IN_CLASS],
                             "text": "\n\n".join(text for text in paragraphs if _ANNOUNCED.match(text.strip()))})
            cell["text"] = "\n\n".join(keep)
    return Estimate(_parts(alone), _parts(in_class))


def _parts(cells: list[dict]) -> dict:
    """Minutes per kind of work in these cells, at the module's rates."""
    words = lines = code_cells = figures = predictions = exercises = explorers = declared = 0
    for cell in cells:
        text = cell["text"]
        if cell["kind"] == "markdown":
            declared += sum(int(m) for m in _DECLARED.findall(text))
            prose = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
            words += len(_WORD.findall(re.sub(r"`[^`]*`", " x ", prose)))
            predictions += len(_PREDICT.findall(text))
            continue
        if cell["kind"] != "code" or "solution" in cell["tags"]:
            continue
        code_cells += 1
        lines += sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith(("#", "%")))
        figures += len(_FIGURE_CALL.findall(text))
        explorers += len(re.findall(r"\b[A-Z]\w*Explorer\(", text))
        exercises += ".check(" in text
    parts = {
        "reading": words / RATES["words_per_minute"],
        "code": code_cells * RATES["per_code_cell"] + lines * RATES["per_code_line"],
        "figures": figures * RATES["per_figure"],
        "predictions": predictions * RATES["per_prediction"],
        "exercises": exercises * RATES["per_exercise"],
        "explorers": explorers * RATES["per_explorer"],
        "declared activities": float(declared),
    }
    return parts
