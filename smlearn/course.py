"""The course plan: the claims ledger and one record per lesson, read from ``notebooks/course.yml``.

``course.yml`` is the machine-readable side of the course. For each lesson it records
the title, order, estimated minutes, objectives (each tagged with a level of Bloom's
taxonomy), prerequisites, the claims of the ledger it tests, the cells of the frame
(:mod:`smlearn.frame`) it works in, its explorers and data sets, and the facts its prose states about the models (such as a slider's starting
value). ``tests/test_course.py`` checks every lesson against its record, so the plan,
the notebooks and the code cannot drift apart; ``smlearn lessons`` prints it.

Examples
--------
>>> plan = load_course()
>>> [lesson.id for lesson in plan.lessons][:3]
['00', '01', '02']
>>> plan.lesson("02").minutes > 0
True
>>> plan.lesson("03").frame             # the cells of smlearn.frame it works in
('ties-two-way', 'find-broadcast')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from smlearn.params import check_path, check_text

# Bloom's taxonomy, revised (Anderson & Krathwohl 2001), from lower to higher order.
BLOOM_LEVELS = ("remember", "understand", "apply", "analyze", "evaluate", "create")


@dataclass(frozen=True)
class Objective:
    text: str
    bloom: str


@dataclass(frozen=True)
class Fact:
    """A value the lesson's prose states, and where in the code it must hold.

    ``value`` must equal what ``source`` evaluates to (see :func:`resolve`), within
    ``tolerance``, and ``text`` must appear word for word in the lesson.
    """

    text: str
    source: str
    value: object
    tolerance: float = 0.0


@dataclass(frozen=True)
class Lesson:
    id: str
    file: str
    title: str
    minutes: int
    objectives: tuple[Objective, ...]
    prerequisites: tuple[str, ...]
    claims: tuple[str, ...]
    explorers: tuple[str, ...]
    datasets: tuple[str, ...]
    facts: tuple[Fact, ...]
    frame: tuple[str, ...] = ()  # the cells of smlearn.frame the lesson works in

    @property
    def questions_module(self) -> str:
        """The module of the lesson's questions: its file name without the number (``02c_stranger_to_tie`` -> ``stranger_to_tie``)."""
        return "smlearn.questions." + self.file.split("_", 1)[1].removesuffix(".ipynb")


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str
    sources: tuple[str, ...]
    models: tuple[str, ...]


@dataclass(frozen=True)
class Course:
    claims: tuple[Claim, ...]
    lessons: tuple[Lesson, ...]
    folder: Path

    def lesson(self, lesson_id: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        raise ValueError(f"there is no lesson {lesson_id!r}; the lessons are: {', '.join(l.id for l in self.lessons)}")


def notebooks_dir() -> Path:
    """The folder with the lessons: the repository's ``notebooks/`` or the copy inside an installed wheel."""
    package = Path(__file__).resolve().parent
    for candidate in (package.parent / "notebooks", package / "_notebooks"):
        if (candidate / "course.yml").is_file():
            return candidate
    raise FileNotFoundError(f"cannot find the lessons (course.yml) next to {package}")


def sources_dir() -> Path:
    """The folder with the lessons' text sources (``sources/NN_name.md``, paired with the notebooks by jupytext).

    They live apart from ``notebooks/`` so that a learner's file browser lists each lesson once.
    Only a clone of the repository has them: an installed wheel carries the notebooks alone.
    """
    folder = Path(__file__).resolve().parent.parent / "sources"
    if not folder.is_dir():
        raise FileNotFoundError(f"cannot find the lessons' sources: {folder.name}/ is in a clone of the repository, not in a wheel")
    return folder


def load_course(folder: str | Path | None = None) -> Course:
    """Read and check ``course.yml``; raise ValueError naming the first problem found."""
    if folder is not None:
        check_path("folder", folder)
    import yaml

    folder = Path(folder) if folder is not None else notebooks_dir()
    path = folder / "course.yml"
    if not path.is_file():
        raise FileNotFoundError(f"folder must hold the course's course.yml; there is none in {str(folder)!r}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("lessons"), list) or not isinstance(raw.get("claims"), list):
        raise ValueError(f"{path} must have a list of 'claims' and a list of 'lessons'")
    claims = tuple(
        Claim(c["id"], c["claim"], tuple(c.get("sources", ())), tuple(c.get("models", ()))) for c in raw["claims"]
    )
    lessons = tuple(_lesson(record, path) for record in raw["lessons"])
    ids = [lesson.id for lesson in lessons]
    if ids != sorted(ids) or len(set(ids)) != len(ids):
        raise ValueError(f"{path}: lesson ids must be unique and in order; got {ids}")
    known_claims = {claim.id for claim in claims}
    for lesson in lessons:
        unknown = [c for c in lesson.claims if c not in known_claims]
        if unknown:
            raise ValueError(f"{path}: lesson {lesson.id} tests unknown claims {unknown}; the ledger has {sorted(known_claims)}")
        later = [p for p in lesson.prerequisites if p not in ids or p >= lesson.id]
        if later:
            raise ValueError(f"{path}: lesson {lesson.id} lists prerequisites {later} that do not come before it")
    return Course(claims, lessons, folder)


def _lesson(record: dict, path: Path) -> Lesson:
    required = ("id", "file", "title", "minutes", "objectives")
    missing = [key for key in required if key not in record]
    if missing:
        raise ValueError(f"{path}: a lesson record lacks {missing}: {record}")
    objectives = []
    for objective in record["objectives"]:
        if objective.get("bloom") not in BLOOM_LEVELS:
            raise ValueError(
                f"{path}: lesson {record['id']} objective {objective.get('text')!r} has bloom level"
                f" {objective.get('bloom')!r}; allowed: {', '.join(BLOOM_LEVELS)}"
            )
        objectives.append(Objective(objective["text"], objective["bloom"]))
    facts = tuple(Fact(f["text"], f["source"], f["value"], float(f.get("tolerance", 0))) for f in record.get("facts", ()))
    from smlearn.frame import check_cells

    frame = check_cells(record.get("frame") or (), what=f"{path}: lesson {record['id']}'s frame")
    return Lesson(
        id=str(record["id"]),
        file=record["file"],
        title=record["title"],
        minutes=int(record["minutes"]),
        objectives=tuple(objectives),
        prerequisites=tuple(str(p) for p in record.get("prerequisites", ())),
        claims=tuple(record.get("claims", ())),
        explorers=tuple(record.get("explorers", ())),
        datasets=tuple(record.get("datasets", ())),
        facts=facts,
        frame=frame,
    )


def resolve(source: str):
    """Evaluate a fact's ``source``: a Python expression over the ``smlearn`` package.

    Sources come from the course's own ``course.yml``, never from a learner, so a plain
    expression is the simplest way to point at a default, a range or a model result.

    Examples
    --------
    >>> resolve("smlearn.models.traffic.PARAMS['push_hours'].default")
    5.0
    >>> resolve("smlearn.models.traffic.crossover_period(smlearn.models.traffic.simulate())")
    10
    """
    check_text("source", source)
    import smlearn

    return eval(source, {"smlearn": smlearn})  # noqa: S307 -- trusted text from the course's own plan
