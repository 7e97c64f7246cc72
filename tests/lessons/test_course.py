"""Every lesson matches its record in notebooks/course.yml, and the plan covers the claims ledger."""

import json
import math
import re

import pytest

from smlearn.exercises import key_of
from smlearn.course import BLOOM_LEVELS, load_course, resolve
from smlearn.pacing import lesson_files

COURSE = load_course()
NOTEBOOKS = COURSE.folder
LESSONS = {lesson.id: lesson for lesson in COURSE.lessons}


def plain(text: str) -> str:
    """Markdown to comparable plain text: no emphasis marks, single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[*_`]|\\(?=\$)", "", text)).strip()


def notebook(lesson):
    cells = json.loads((NOTEBOOKS / lesson.file).read_text(encoding="utf-8"))["cells"]
    return [("".join(c["source"]), c["cell_type"]) for c in cells]


def markdown(lesson):
    return [text for text, kind in notebook(lesson) if kind == "markdown"]


def code(lesson):
    return "\n".join(text for text, kind in notebook(lesson) if kind == "code")


def opening_objectives(lesson):
    """The bullets of the list that follows 'you will be able to' at the top of the lesson."""
    opening = "\n\n".join(markdown(lesson)[:3])
    after = re.split(r"will be able to:?\**\s*\n", opening, maxsplit=1)
    assert len(after) == 2, f"{lesson.file}: no 'you will be able to' list at the top"
    bullets = re.split(r"\n- ", "\n" + after[1].split("\n\n")[0].strip())
    return [plain(b) for b in bullets if b.strip()]


def how_to_fix(lesson, fact, prose, fix=None, actual=None) -> str:
    """For a failing fact: where its sentence stands and the command that rewrites it from the code."""
    from smlearn.build import fact_location, fix_for

    if fix is None and actual is not None:
        fix = fix_for(lesson.id, fact.text, fact.value, actual, fact.tolerance)
    fix = fix or f"smlearn build --facts {lesson.id}   (or edit the sentence and its record)"
    return f"\n  fact: {fact.text!r} ({fact.source})\n  prose: {fact_location(fact.text, prose)}\n  fix: {fix}"


def resolved(lesson, fact, prose):
    """The value of a fact's source; a source that fails says which fact it is and where."""
    try:
        return resolve(fact.source)
    except Exception as error:   # any error: the message must name the fact, not only the error
        pytest.fail(f"the fact's source fails: {type(error).__name__}: {error}" + how_to_fix(
            lesson, fact, prose, "correct its source (a Python expression over smlearn) in its record"))


def test_every_notebook_has_a_record_and_every_record_a_notebook():
    files = [p.name for p in lesson_files(NOTEBOOKS)]
    assert files == [lesson.file for lesson in COURSE.lessons]


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_title_and_time_at_the_top_match_the_record(lesson):
    first = markdown(lesson)[0]
    heading = first.splitlines()[0]
    assert heading.startswith(f"# {lesson.id} {lesson.title}"), heading
    opening = plain("\n".join(markdown(lesson)[:2]))
    assert re.search(rf"\babout {lesson.minutes} minutes\b", opening), f"the top of {lesson.file} should say 'about {lesson.minutes} minutes'"


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_objectives_at_the_top_match_the_record(lesson):
    assert opening_objectives(lesson) == [plain(o.text) for o in lesson.objectives]
    assert all(o.bloom in BLOOM_LEVELS for o in lesson.objectives)
    assert len({o.bloom for o in lesson.objectives}) >= 2 or lesson.id == "00", "objectives should span more than one level"


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_explorers_listed_are_the_explorers_used(lesson):
    used = set(re.findall(r"\b([A-Z]\w*Explorer)\(", code(lesson)))
    assert used == set(lesson.explorers)


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_data_sets_listed_are_the_data_sets_loaded(lesson):
    # By name: smlearn.data.load, load_network, or path (for smlearn.exports.load_export).
    used = set(re.findall(r"""\b(?:load|load_network|path)\(\s*["'](\w+)["']""", code(lesson)))
    assert used == set(lesson.datasets)


@pytest.mark.slow   # each fact runs the lesson's code that computes it (smlearn build checks them too)
@pytest.mark.parametrize(
    "lesson, fact", [(l, f) for l in COURSE.lessons for f in l.facts], ids=lambda x: getattr(x, "id", None) or x.text[:30]
)
def test_facts_the_prose_states_hold_in_the_code(lesson, fact):
    text = plain("\n".join(t for t, _ in notebook(lesson)))
    prose = NOTEBOOKS.parent / "sources" / lesson.file.replace(".ipynb", ".md")
    assert plain(fact.text) in text, f"{lesson.file} no longer says {fact.text!r}" + how_to_fix(lesson, fact, prose)
    actual = resolved(lesson, fact, prose)
    if isinstance(fact.value, (int, float)) and not isinstance(fact.value, bool):
        assert math.isclose(actual, fact.value, abs_tol=fact.tolerance), (
            f"the code gives {actual}, course.yml says {fact.value}" + how_to_fix(lesson, fact, prose, actual=actual))
    else:
        assert actual == fact.value, f"the code gives {actual!r}, course.yml says {fact.value!r}" + how_to_fix(
            lesson, fact, prose, actual=actual)


def test_every_claim_in_the_ledger_is_tested_by_some_lesson():
    covered = {claim for lesson in COURSE.lessons for claim in lesson.claims}
    assert {claim.id for claim in COURSE.claims} - covered == set()


def test_lesson_01_ledger_and_lesson_00_map_name_every_lesson_that_tests_a_claim():
    ledger = plain("\n".join(markdown(LESSONS["01"])))
    for lesson in COURSE.lessons:
        name = f"{lesson.id} {lesson.title}"
        if lesson.claims:
            assert name in ledger, f"lesson 01's claims ledger does not name {name!r}"
        assert f"| {lesson.id} | {lesson.title} |" in "\n".join(markdown(LESSONS["00"])), f"00's course map lacks {name!r}"
    for where in ("00", "01"):
        for line in "\n".join(markdown(LESSONS[where])).splitlines():
            assert "coming" not in line.lower(), f"lesson {where} still says a lesson is coming: {line!r}"


def test_a_broken_plan_is_refused_with_the_reason(tmp_path):
    import shutil

    shutil.copy(NOTEBOOKS / "course.yml", tmp_path / "course.yml")
    text = (tmp_path / "course.yml").read_text(encoding="utf-8")
    (tmp_path / "course.yml").write_text(text.replace("{bloom: apply,", "{bloom: doing,", 1), encoding="utf-8")
    with pytest.raises(ValueError, match="bloom level 'doing'; allowed: remember"):
        load_course(tmp_path)
    (tmp_path / "course.yml").write_text(text.replace("claims: [push-pull]", "claims: [pushpull]"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"tests unknown claims \['pushpull'\]"):
        load_course(tmp_path)
    (tmp_path / "course.yml").write_text("lessons: 3", encoding="utf-8")
    with pytest.raises(ValueError, match="must have a list of 'claims' and a list of 'lessons'"):
        load_course(tmp_path)


INSTRUCTORS = NOTEBOOKS.parent / "docs" / "instructors"


def note_facts():
    """The facts each lesson's instructor notes state: docs/instructors/facts/NN.yml."""
    import yaml

    from smlearn.course import Fact

    for lesson in COURSE.lessons:
        path = INSTRUCTORS / "facts" / f"{lesson.id}.yml"
        for record in (yaml.safe_load(path.read_text(encoding="utf-8")) or []) if path.is_file() else []:
            yield lesson, Fact(record["text"], record["source"], record["value"], float(record.get("tolerance", 0)))


@pytest.mark.slow   # each fact runs the code that computes it (smlearn build checks them too)
@pytest.mark.parametrize("lesson, fact", list(note_facts()), ids=lambda x: getattr(x, "id", None) or x.text[:30])
def test_facts_the_instructor_notes_state_hold_in_the_code(lesson, fact):
    prose = INSTRUCTORS / lesson.file.replace(".ipynb", ".md")
    notes = plain(prose.read_text(encoding="utf-8"))
    assert plain(fact.text) in notes, f"the notes for {lesson.id} no longer say {fact.text!r}" + how_to_fix(lesson, fact, prose)
    actual = resolved(lesson, fact, prose)
    where = f"docs/instructors/facts/{lesson.id}.yml says"
    if isinstance(fact.value, (int, float)) and not isinstance(fact.value, bool):
        assert math.isclose(actual, fact.value, abs_tol=fact.tolerance), (
            f"the code gives {actual}, {where} {fact.value}" + how_to_fix(lesson, fact, prose, actual=actual))
    else:
        assert actual == fact.value, f"the code gives {actual!r}, {where} {fact.value!r}" + how_to_fix(
            lesson, fact, prose, actual=actual)


def test_every_lesson_has_checked_facts_for_its_instructor_notes():
    have = {lesson.id for lesson, _ in note_facts()}
    assert have == {lesson.id for lesson in COURSE.lessons}


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda l: l.id)
def test_every_lesson_has_instructor_notes_that_match_its_record(lesson):
    notes = (INSTRUCTORS / lesson.file.replace(".ipynb", ".md")).read_text(encoding="utf-8")
    assert notes.startswith(f"# {lesson.id} {lesson.title}")
    assert f"about {lesson.minutes} minutes" in notes
    for objective in lesson.objectives:
        assert f"[{objective.bloom}] {objective.text}" in notes
    for section in ("## Session plans", "50-minute", "90-minute", "## Answer key", "Discussion prompt"):
        assert section in notes, f"the notes for {lesson.id} lack {section!r}"
    overview = (INSTRUCTORS / "README.md").read_text(encoding="utf-8")
    assert f"({lesson.file.replace('.ipynb', '.md')})" in overview


@pytest.mark.slow
def test_the_answer_key_prints_every_question_and_each_numeric_answer_passes_its_check(capsys):
    import importlib

    from smlearn.cli import main
    from smlearn.exercises import NumericQuestion, questions_in

    assert main(["answers"]) == 0
    key = capsys.readouterr().out
    for lesson in COURSE.lessons:
        module = importlib.import_module(lesson.questions_module)
        questions = questions_in(module)
        assert questions, f"lesson {lesson.id} has no questions"
        for question in questions:
            assert question.id in key
            if isinstance(question, NumericQuestion):
                assert question.check(key_of(question).expected()).correct
    assert main(["answers", "99"]) == 2
