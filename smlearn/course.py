"""The course plan: the claims ledger and one record per lesson, read from ``notebooks/course.yml``.

``course.yml`` is the machine-readable side of the course. For each lesson it records
the title, order, estimated minutes, objectives (each tagged with a level of Bloom's
taxonomy), prerequisites, the claims of the ledger it tests, the cells of the frame
(:mod:`smlearn.frame`) it works in, its explorers and data sets, and the facts its prose states about the models (such as a slider's starting
value). ``tests/lessons/test_course.py`` checks every lesson against its record, so the plan,
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

import functools
from dataclasses import dataclass, field
from pathlib import Path

from smlearn.params import check_path, check_text

__all__ = ["BLOOM_LEVELS", "LESSON_RULES", "Objective", "Fact", "Lesson", "Claim", "Course", "notebooks_dir",
           "sources_dir", "load_course", "lesson_rules", "resolve"]

# Bloom's taxonomy, revised (Anderson & Krathwohl 2001), from lower to higher order.
BLOOM_LEVELS = ("remember", "understand", "apply", "analyze", "evaluate", "create")

# The course's rules that a lesson may set for itself in its record (``rules:`` in course.yml), and
# their defaults for every lesson that does not. The tests named here read them from Lesson.rules;
# docs/adding_a_lesson.md states every rule, including those that hold for every lesson alike.
LESSON_RULES = {
    # checked exercises, each followed by its tagged solution (tests/lessons/test_lessons.py)
    "min_exercises": 3,
    # the share of a lesson's exercises that ask the learner to write code (tests/lessons/test_exercise_design.py)
    "code_share": 1 / 3,
    # a section '## Real data: ...' that measures a data set of data/real/ (tests/realdata/test_real_data_in_lessons.py)
    "real_data": True,
    # a section '## What flips ...' that runs smlearn.flips.analyse on the lesson's verdict (tests/lessons/test_findings.py)
    "verdict": True,
}


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
    # LESSON_RULES with the record's own settings in place (see lesson_rules); not part of a lesson's hash
    rules: dict = field(default_factory=lambda: dict(LESSON_RULES), hash=False)

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
    folder = Path(folder) if folder is not None else notebooks_dir()
    path = folder / "course.yml"
    if not path.is_file():
        raise FileNotFoundError(f"folder must hold the course's course.yml; there is none in {str(folder)!r}")
    stat = path.stat()
    return _read_course(path.resolve(), stat.st_mtime_ns, stat.st_size, folder)


# The tests, the build and the explorers read course.yml many times in one process; the file only
# changes when someone edits it, and then its time stamp or size changes, so a read is kept per
# (file, time stamp, size). A Course is frozen: every caller may share one.
@functools.lru_cache(maxsize=16)
def _read_course(path: Path, mtime_ns: int, size: int, folder: Path) -> Course:
    import yaml

    try:
        # libyaml's loader where PyYAML was built with it: the same result, about ten times faster
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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
    rules = lesson_rules(record.get("rules"), what=f"{path}: lesson {record['id']}'s rules")
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
        rules=rules,
    )


def lesson_rules(settings: dict | None = None, what: str = "settings") -> dict:
    """The course's rules for one lesson: :data:`LESSON_RULES` with ``settings`` (its record's ``rules:``) in place.

    Examples
    --------
    >>> lesson_rules({"min_exercises": 4})["min_exercises"], lesson_rules()["real_data"]
    (4, True)
    >>> lesson_rules({"exercises": 4})
    Traceback (most recent call last):
    ...
    ValueError: settings has an unknown rule 'exercises'; the rules are: min_exercises, code_share, real_data, verdict
    """
    check_text("what", what)
    if settings is None:
        return dict(LESSON_RULES)
    if not isinstance(settings, dict):
        raise ValueError(f"{what} must be a mapping such as {{min_exercises: 3}}; got {settings!r}")
    rules = dict(LESSON_RULES)
    for name, value in settings.items():
        if name not in LESSON_RULES:
            raise ValueError(f"{what} has an unknown rule {name!r}; the rules are: {', '.join(LESSON_RULES)}")
        default = LESSON_RULES[name]
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise ValueError(f"{what}: {name} must be true or false; got {value!r}")
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or (name == "code_share" and value > 1):
            allowed = "a share from 0 to 1" if name == "code_share" else "a whole number, 0 or more"
            raise ValueError(f"{what}: {name} must be {allowed}; got {value!r}")
        elif isinstance(default, int) and value != int(value):
            raise ValueError(f"{what}: {name} must be a whole number, 0 or more; got {value!r}")
        rules[name] = type(default)(value)
    return rules


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
