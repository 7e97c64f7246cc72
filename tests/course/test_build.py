"""smlearn build: what each lesson depends on, which notebooks are stale, and a profile's rewrite.

The rewrite runs on a copy of the course in a temporary folder (never on the repository), with
only a few facts kept, so that checking them under a profile takes seconds.
"""

import json
import shutil
from pathlib import Path

import pytest
import yaml

from smlearn import build as b
from smlearn.cli import main
from smlearn.course import load_course
from smlearn.defaults import load_profile, shipped_params
from smlearn.models import traffic

pytestmark = pytest.mark.slow   # builds on copies of the course that check lessons' facts: seconds each

REPO = Path(b.__file__).resolve().parent.parent
# An example profile other than the active one (CI also runs the suite with each example active).
EXAMPLE = next(path for path in sorted((REPO / "profiles").glob("*.yml"))
               if load_profile(path).story != load_profile(REPO / "smlearn" / "class_profile.yml").story)

# The facts the copy keeps: two about traffic's defaults, two computed from the model (one whose
# sentence states no number that changes), one that a profile leaves alone, and one from lesson
# 02's instructor notes.
# (The numbers are the active profile's: the course's sentences state them.)
_SIZE, _CLICK = (traffic.PARAMS[name].default for name in ("network_size", "click_rate"))
KEEP_COURSE = {"02": (f"{_SIZE} contacts", "decided to spend five hours a week", "At the defaults pull overtakes push in week",
                      f"a {100 * _CLICK:g} % click rate", "Here are the model's first 12 weeks of push")}
KEEP_NOTES = {"02": ("exercise 1: about",)}


def _kept(text, keep):
    return any(text.startswith(k) or k in text for k in keep)


@pytest.fixture
def course(tmp_path):
    """A copy of what a rewrite touches: sources, course.yml, instructor notes and facts, question modules, the active profile."""
    root = tmp_path / "course"
    shutil.copytree(REPO / "sources", root / "sources")
    shutil.copytree(REPO / "docs" / "instructors", root / "docs" / "instructors")
    shutil.copytree(REPO / "smlearn" / "questions", root / "smlearn" / "questions",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "smlearn" / "class_profile.yml", root / "smlearn" / "class_profile.yml")
    (root / "notebooks").mkdir()
    plan = yaml.safe_load((REPO / "notebooks" / "course.yml").read_text(encoding="utf-8"))
    for lesson in plan["lessons"]:
        lesson["facts"] = [f for f in lesson.get("facts", []) if _kept(f["text"], KEEP_COURSE.get(lesson["id"], ()))]
    (root / "notebooks" / "course.yml").write_text(
        yaml.safe_dump(plan, sort_keys=False, width=10**6, allow_unicode=True), encoding="utf-8")
    for path in (root / "docs" / "instructors" / "facts").glob("*.yml"):
        facts = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        kept = [f for f in facts if _kept(f["text"], KEEP_NOTES.get(path.stem, ()))]
        path.write_text(yaml.safe_dump(kept, sort_keys=False, width=10**6, allow_unicode=True), encoding="utf-8")
    return root


def _snapshot(root):
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- the dependency map -------------------------------------------------------------------------

def test_lesson_00_depends_on_the_traffic_model_through_lesson_02s_explorer_and_lesson_03_does_not():
    deps = b.dependency_map(REPO)
    assert "smlearn/models/traffic.py" in deps["00"]
    assert "smlearn/widgets/push_pull.py" in deps["00"]           # PushPullExplorer, loaded lazily by name
    assert "smlearn/models/traffic.py" in deps["02"] and "smlearn/models/traffic.py" in deps["02b"]
    assert "smlearn/models/traffic.py" not in deps["03"]
    assert "smlearn/models/networks.py" in deps["03"]
    for lesson in load_course().lessons:
        kinds = deps[lesson.id]
        assert kinds[f"sources/{lesson.file.replace('.ipynb', '.md')}"] == "source"
        assert kinds[lesson.questions_module.replace(".", "/") + ".py"] == "questions"
        assert kinds[f"notebooks/course.yml#{lesson.id}"] == "record"
        assert kinds[f"docs/instructors/facts/{lesson.id}.yml"] == "facts"
        for name in lesson.datasets:                             # the data sets its record lists are files it reads
            assert any(kind == "data" for kind in kinds.values()), name


def test_a_lesson_depends_on_the_class_profile_only_if_it_uses_a_model():
    deps = b.dependency_map(REPO, ["02", "01"])
    assert deps["02"]["smlearn/class_profile.yml"] == "profile"
    uses_a_model = any(path.startswith("smlearn/models/") for path in deps["01"])
    assert "smlearn/class_profile.yml" not in deps["01"] or uses_a_model


# --- what changed ---------------------------------------------------------------------------------

def _pretend_built(root, lesson_id):
    """A notebook whose build record says it was made from the files as they are now, its facts checked."""
    course = load_course(root / "notebooks")
    record = {"inputs": b.build_inputs(lesson_id, root), "checked": b.build_inputs(lesson_id, root, kinds=b.CHECK_KINDS)}
    notebook = {"cells": [], "metadata": {"smlearn": record}, "nbformat": 4, "nbformat_minor": 5}
    (root / "notebooks" / course.lesson(lesson_id).file).write_text(json.dumps(notebook), encoding="utf-8")


def test_a_notebook_goes_stale_when_a_file_it_is_built_from_changes(course):
    _pretend_built(course, "03")
    _pretend_built(course, "02")
    assert b.stale_lessons(course, ["03", "02"]) == {}
    assert b.stale_lessons(course, ["03", "02"], overlay={}) == {}   # a dry run with nothing about to change
    source = course / "sources" / "03_who_is_connected.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    questions = course / "smlearn" / "questions" / "who_is_connected.py"
    questions.write_text(questions.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    stale = b.stale_lessons(course, ["03", "02"])
    assert stale == {"03": ["smlearn/questions/who_is_connected.py", "sources/03_who_is_connected.md"]}


def test_a_profile_setting_stales_only_the_lessons_whose_models_it_sets(course):
    _pretend_built(course, "03")
    _pretend_built(course, "02")
    profile = course / "smlearn" / "class_profile.yml"
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    data["settings"] = {"traffic": {"network_size": shipped_params("traffic")["network_size"].max}}
    profile.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert b.stale_lessons(course, ["03", "02"]) == {"02": ["smlearn/class_profile.yml"]}


def test_another_lessons_record_does_not_stale_a_lesson(course):
    _pretend_built(course, "03")
    plan = course / "notebooks" / "course.yml"
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    next(lesson for lesson in data["lessons"] if lesson["id"] == "02")["minutes"] += 5
    plan.write_text(yaml.safe_dump(data, sort_keys=False, width=10**6), encoding="utf-8")
    assert b.stale_lessons(course, ["03"]) == {}
    next(lesson for lesson in data["lessons"] if lesson["id"] == "03")["minutes"] += 5
    plan.write_text(yaml.safe_dump(data, sort_keys=False, width=10**6), encoding="utf-8")
    assert b.stale_lessons(course, ["03"]) == {"03": ["notebooks/course.yml#03"]}


def test_a_notebook_without_a_build_record_is_stale_and_says_so(course):
    assert b.stale_lessons(course, ["03"]) == {"03": ["no build record"]}


def test_the_nbval_advice_names_the_command_and_the_changed_file(course):
    _pretend_built(course, "03")
    source = course / "sources" / "03_who_is_connected.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    advice = b.stale_notebook_advice(course / "notebooks" / "03_who_is_connected.ipynb")
    assert "smlearn build 03" in advice and "python scripts/run_lessons.py 03_" in advice
    assert "sources/03_who_is_connected.md" in advice


# --- numbers in sentences -------------------------------------------------------------------------

def test_numbers_are_rewritten_in_the_style_they_were_written():
    assert b.rewrite_sentence("a 25 % click rate", [(0.25, 0.3)]) == ("a 30 % click rate", "")
    assert b.rewrite_sentence("spend five hours a week", [(5, 4)]) == ("spend four hours a week", "")
    assert b.rewrite_sentence("a network of 3,000 people", [(3000, 12000)]) == ("a network of 12,000 people", "")
    assert b.rewrite_sentence("about 1.3 times", [(1.3, 1.4)]) == ("about 1.4 times", "")
    assert b.rewrite_sentence("in 94 % of draws", [(94, 93)]) == ("in 93 % of draws", "")   # a per cent recorded as 94
    assert b.rewrite_sentence("it ends 6th of 203 pages, not 72nd", [(6, 3), (72, 22)]) == ("it ends 3rd of 203 pages, not 22nd", "")
    assert b.rewrite_sentence("the 11th and the 1st", [(11, 21), (1, 12)]) == ("the 21st and the 12th", "")


def test_a_fact_whose_sentence_states_none_of_its_changed_numbers_keeps_its_sentence():
    text, value, changes, why, unstated = b.plan_fact("Weeks 1 and 2 match your numbers", [53.5, 63.8], [126.4, 152.4])
    assert (text, value, unstated) == ("Weeks 1 and 2 match your numbers", [126.4, 152.4], True)
    text, *_, why, unstated = b.plan_fact("pull still wins the year", True, False)
    assert text is None and "no longer true" in why and "by hand" in b.fix_for("02", "x", True, False)


def test_a_number_that_cannot_be_rewritten_safely_is_refused_with_the_reason():
    text, why = b.rewrite_sentence("week 10", [(26, 30)])
    assert text is None and "does not state 26" in why
    text, why = b.rewrite_sentence("all 50 ties (50 an hour)", [(50, 60), (50, 70)])
    assert text is None and "changes to different numbers" in why
    text, why = b.rewrite_sentence("about 5 times", [(5, 4.5)])
    assert text is None and "cannot be written like '5'" in why


# --- a profile's rewrite, on a copy ---------------------------------------------------------------

def test_a_dry_run_writes_nothing(course):
    before = _snapshot(course)
    report = b.build(profile=EXAMPLE, dry_run=True, root=course)
    assert _snapshot(course) == before
    assert not (course / "build-report.md").exists()
    assert report.dry_run and report.story and report.facts_rewritten      # it says what it would do


def test_a_profile_rewrites_story_words_and_facts_and_flags_sentences(course):
    old, new = load_profile(course / "smlearn" / "class_profile.yml"), load_profile(EXAMPLE)
    report = b.build(profile=EXAMPLE, run=False, root=course)
    lesson02 = (course / "sources" / "02_push_and_pull.md").read_text(encoding="utf-8")
    # story words: the owner's name and business, everywhere they stood
    assert old.story["owner"] not in lesson02 and new.story["owner"] in lesson02
    assert new.story["business"] in lesson02
    questions = (course / "smlearn" / "questions" / "push_and_pull.py").read_text(encoding="utf-8")
    assert old.story["owner"] not in questions
    # facts: new values in their records, new numbers in their sentences, and each still true
    size = new.settings["traffic"]["network_size"]
    facts = b.fact_records(course, ["02"])
    contacts = next(f for f in facts if f.text.endswith("contacts") and f.file == "notebooks/course.yml")
    assert contacts.value == size and contacts.text == f"{size} contacts"
    assert f"{size} contacts" in lesson02
    results = b.evaluate_sources([f.source for f in facts], EXAMPLE)
    assert all(b.holds(f.value, r["value"], f.tolerance) for f, r in zip(facts, results)), facts
    assert any("% click rate" in f.text for f in facts)                  # kept, and held above
    # every rewrite is reported with file:line, and that line holds the new sentence
    for file, line, _, new_text in report.facts_rewritten:
        text = (course / file).read_text(encoding="utf-8")
        assert line >= 1 and (file.endswith(".yml") or b.find_text(new_text, text)), (file, line, new_text)
    # sentences that quote the old network size outside a checked fact are flagged, with file:line
    shipped = shipped_params("traffic")["network_size"].default
    flagged = [(file, line) for file, line, _ in report.flagged if file == "sources/02_push_and_pull.md"]
    assert flagged
    for file, line in flagged:
        quoted = [value for _, _, value, _ in b.number_tokens(lesson02.splitlines()[line - 1])]
        assert quoted, (file, line)
    assert any(str(shipped) in lesson02.splitlines()[line - 1] for _, line in flagged)
    # a fact whose sentence states none of its changed numbers (week 1's push visits) is listed to read
    assert any("states none of those numbers" in text for _, _, text in report.flagged)
    # the profile is active now, and the report is written
    assert load_profile(course / "smlearn" / "class_profile.yml").story == new.story
    written = (course / "build-report.md").read_text(encoding="utf-8")
    assert "Facts rewritten" in written and "Sentences to read" in written


def test_bad_input_is_refused_clearly(course, capsys):
    with pytest.raises(ValueError, match="lessons: there is no lesson '99'"):
        b.build(["99"], dry_run=True, root=course)
    with pytest.raises(FileNotFoundError, match="no_such_profile.yml"):
        b.build(profile=course / "no_such_profile.yml", dry_run=True, root=course)
    with pytest.raises(TypeError, match="dry_run"):
        b.build(dry_run="yes", root=course)
    with pytest.raises(TypeError, match="all_facts"):
        b.build(all_facts="yes", root=course)
    with pytest.raises(TypeError, match="lessons must be a list"):
        b.build("02", dry_run=True, root=course)
    bad = course / "bad.yml"
    bad.write_text("profile: 1\nname: x\nstory: {}\nsettings: {traffic: {network_size: -5}}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yml"):
        b.build(profile=bad, dry_run=True, root=course)
    assert main(["build", "99", "--dry-run"]) == 2
    assert "there is no lesson '99'" in capsys.readouterr().err
    assert main(["build", "--profile", str(course / "nope.yml"), "--dry-run"]) == 2
    assert "nope.yml" in capsys.readouterr().err


# --- which facts a build checks ---------------------------------------------------------------------

@pytest.fixture
def built_course(course):
    """The copy with three of lesson 03's facts kept too, and every notebook built from the files as they are."""
    plan = course / "notebooks" / "course.yml"
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    shipped = yaml.safe_load((REPO / "notebooks" / "course.yml").read_text(encoding="utf-8"))
    lesson03 = next(lesson for lesson in data["lessons"] if lesson["id"] == "03")
    lesson03["facts"] = next(lesson for lesson in shipped["lessons"] if lesson["id"] == "03")["facts"][:2]
    plan.write_text(yaml.safe_dump(data, sort_keys=False, width=10**6, allow_unicode=True), encoding="utf-8")
    notes = yaml.safe_load((REPO / "docs" / "instructors" / "facts" / "03.yml").read_text(encoding="utf-8"))[:1]
    (course / "docs" / "instructors" / "facts" / "03.yml").write_text(
        yaml.safe_dump(notes, sort_keys=False, width=10**6, allow_unicode=True), encoding="utf-8")
    for lesson in load_course(course / "notebooks").lessons:
        _pretend_built(course, lesson.id)
    return course


@pytest.fixture
def evaluated(monkeypatch):
    """The fact sources a build evaluates (each evaluated for real)."""
    sources = []
    real = b.evaluate_sources

    def record(batch, profile_path=None):
        sources.extend(batch)
        return real(batch, profile_path)

    monkeypatch.setattr(b, "evaluate_sources", record)
    return sources


def test_a_build_with_nothing_changed_checks_no_fact_unless_asked_for_all(built_course, evaluated):
    report = b.build(dry_run=True, root=built_course)
    assert report.stale == {} and report.rebuilt == []
    assert evaluated == [] and report.facts_checked == 0 and report.facts_lessons == []
    every = b.fact_records(built_course)
    assert report.facts_total == len(every) > 0
    assert f"Facts checked: 0 of {len(every)}" in report.text() and "inputs are unchanged" in report.text()
    report = b.build(dry_run=True, root=built_course, all_facts=True)
    assert sorted(evaluated) == sorted(f.source for f in every) and report.facts_checked == len(every)


def test_touching_lesson_03s_source_checks_only_lesson_03s_facts(built_course, evaluated):
    source = built_course / "sources" / "03_who_is_connected.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    report = b.build(dry_run=True, root=built_course)
    assert list(report.stale) == ["03"] and report.facts_lessons == ["03"]
    mine = [f.source for f in b.fact_records(built_course, ["03"])]
    assert len(mine) == 3 and evaluated == mine and report.facts_checked == 3
    assert report.facts_total > 3 and not report.facts_failing         # lesson 03's facts still hold
    assert main(["build", "99", "--all-facts", "--dry-run"]) == 2      # the option parses (lesson 99 is refused)


def test_a_profile_checks_the_facts_of_the_lessons_whose_models_it_sets_and_of_edited_lessons(built_course, evaluated):
    report = b.build(profile=EXAMPLE, dry_run=True, root=built_course)
    deps = b.dependency_map(built_course)
    models = {change.model for change in report.defaults}
    set_by_it = [lesson for lesson, files in deps.items() if any(f"smlearn/models/{m}.py" in files for m in models)]
    assert "02" in set_by_it and "03" not in set_by_it
    assert report.facts_lessons == set_by_it and report.facts_rewritten         # bakery sets traffic's defaults
    assert not set(evaluated) & {f.source for f in b.fact_records(built_course, ["03"])}
    source = built_course / "sources" / "03_who_is_connected.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    again = b.build(profile=EXAMPLE, dry_run=True, root=built_course)
    assert again.facts_lessons == sorted(set_by_it + ["03"], key=list(deps).index)
    assert again.facts_rewritten == report.facts_rewritten                     # the same rewrite for its lessons


# --- an edit to the instructor notes or their facts alone ----------------------------------------------

NOTES_02 = Path("docs") / "instructors" / "02_push_and_pull.md"
FACTS_02 = Path("docs") / "instructors" / "facts" / "02.yml"


def _line_with(path, words):
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if words in line)


def test_an_edit_to_the_notes_alone_checks_that_lessons_facts_and_reports_a_broken_sentence_at_its_line(
        built_course, evaluated):
    notes = built_course / NOTES_02
    fact = next(f for f in b.fact_records(built_course, ["02"]) if f.file.endswith("02.yml"))
    assert b.find_text(fact.text, notes.read_text(encoding="utf-8"))
    old = fact.value                                                       # the number its sentence states
    said = f"{old:g}"
    assert said in fact.text and fact.text in notes.read_text(encoding="utf-8")
    notes.write_text(notes.read_text(encoding="utf-8").replace(fact.text, fact.text.replace(said, f"{old + 1:g}")),
                     encoding="utf-8")
    assert b.edited_notes(built_course) == {"02": [NOTES_02.as_posix()]}
    report = b.build(dry_run=True, root=built_course)
    assert report.stale == {} and report.rebuilt == []                     # the notebook is not rerun
    assert report.facts_lessons == ["02"] and report.notes_edited == {"02": [NOTES_02.as_posix()]}
    assert sorted(evaluated) == sorted(f.source for f in b.fact_records(built_course, ["02"]))   # not lesson 03's
    where = f"{NOTES_02.as_posix()}:{_line_with(notes, f'{old + 1:g}')}"
    assert [w for t, w, *_ in report.facts_failing] == [where]
    assert where in report.text()
    assert NOTES_02.with_suffix(".html").as_posix() in report.site_pages   # its site page is out of date


def test_an_edit_to_a_facts_file_alone_checks_that_lessons_facts_and_reports_the_sentence_at_its_line(
        built_course, evaluated):
    facts_file = built_course / FACTS_02
    records = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    records[0]["value"] = records[0]["value"] + 1 + 10 * records[0].get("tolerance", 0)   # no longer what the code gives
    facts_file.write_text(yaml.safe_dump(records, sort_keys=False, width=10**6, allow_unicode=True), encoding="utf-8")
    report = b.build(dry_run=True, root=built_course)
    assert report.stale == {} and report.notes_edited == {"02": [FACTS_02.as_posix()]}
    assert report.facts_lessons == ["02"]
    assert not set(evaluated) & {f.source for f in b.fact_records(built_course, ["03"])}
    text = (built_course / NOTES_02).read_text(encoding="utf-8")
    line = b.line_of(text, b.find_text(records[0]["text"], text)[0][0])
    failing = [(w, fix) for t, w, _, fix in report.facts_failing]
    assert failing == [(f"{NOTES_02.as_posix()}:{line}", "smlearn build --facts 02")]


def test_a_build_records_the_notes_whose_facts_held_and_not_those_that_failed(built_course, evaluated):
    notes = built_course / NOTES_02
    notes.write_text(notes.read_text(encoding="utf-8") + "\nOne more sentence for this class.\n", encoding="utf-8")
    notebook = built_course / "notebooks" / "02_push_and_pull.ipynb"
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    report = b.build(run=False, root=built_course)
    assert report.facts_lessons == ["02"] and not report.facts_failing
    assert b.edited_notes(built_course) == {}                              # its facts held: recorded
    assert json.loads(notebook.read_text(encoding="utf-8"))["cells"] == cells   # only the record changed
    evaluated.clear()
    assert b.build(dry_run=True, root=built_course).facts_lessons == [] and evaluated == []
    # a fact that fails is checked again by the next build, until it holds
    text = notes.read_text(encoding="utf-8")
    fact = next(f for f in b.fact_records(built_course, ["02"]) if f.file.endswith("02.yml"))
    first = b.plain(fact.text).split(",")[0]
    assert first in text
    notes.write_text(text.replace(first, "changed words"), encoding="utf-8")
    assert b.build(run=False, root=built_course).facts_failing
    assert b.edited_notes(built_course) == {"02": [NOTES_02.as_posix()]}


def test_a_notebook_with_no_record_of_a_fact_check_has_its_facts_checked(built_course):
    notebook = built_course / "notebooks" / "03_who_is_connected.ipynb"
    data = json.loads(notebook.read_text(encoding="utf-8"))
    del data["metadata"]["smlearn"]["checked"]
    notebook.write_text(json.dumps(data), encoding="utf-8")
    assert b.edited_notes(built_course) == {"03": ["no record of a fact check"]}


def test_a_profile_under_which_a_finding_no_longer_holds_writes_nothing_but_its_report(course):
    # A finding that holds only at the shipped network size: any profile that changes the size turns it over.
    path = course / "notebooks" / "course.yml"
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    lesson = next(record for record in plan["lessons"] if record["id"] == "02")
    shipped = shipped_params("traffic")["network_size"].default
    lesson["facts"].append({"text": "At the defaults pull overtakes push in week",
                            "source": f"smlearn.models.traffic.PARAMS['network_size'].default == {shipped}",
                            "value": True})
    path.write_text(yaml.safe_dump(plan, sort_keys=False, width=10**6, allow_unicode=True), encoding="utf-8")
    assert load_profile(EXAMPLE).settings["traffic"]["network_size"] != shipped
    before = _snapshot(course)
    report = b.build(profile=EXAMPLE, run=False, root=course)
    assert report.refused and report.facts_failing
    assert any("no longer true" in why for _, _, why, _ in report.facts_failing)
    written = _snapshot(course)
    report_file = course / "build-report.md"
    assert written.pop(report_file)                     # the report alone is written ...
    assert written == before                            # ... no lesson, record or profile
    text = report_file.read_text(encoding="utf-8")
    assert "Nothing written" in text and "--force" in text and "would be rewritten" in text
    # asked to, it writes the course to the profile and leaves the failing fact for the instructor
    report = b.build(profile=EXAMPLE, run=False, root=course, force=True)
    assert not report.refused and report.facts_failing
    assert load_profile(course / "smlearn" / "class_profile.yml").story == load_profile(EXAMPLE).story
    assert "Nothing written" not in report_file.read_text(encoding="utf-8")
    with pytest.raises(TypeError, match="force"):
        b.build(profile=EXAMPLE, run=False, root=course, force="yes")


def test_facts_are_checked_under_the_profiles_settings_with_the_story_the_files_still_have(course):
    # Lesson 01's facts import its question module, whose right options name the story's words
    # (found by fingerprint); before the rewrite the files hold the old words, so evaluating them
    # with the new story active would find no right option.
    path = course / "notebooks" / "course.yml"
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    shipped = yaml.safe_load((REPO / "notebooks" / "course.yml").read_text(encoding="utf-8"))
    record = next(r for r in plan["lessons"] if r["id"] == "01")
    record["facts"] = [f for f in next(r for r in shipped["lessons"] if r["id"] == "01")["facts"]
                       if "quiz" in f["source"] or "questions.two_ideas" in f["source"]][:2]
    assert record["facts"]
    path.write_text(yaml.safe_dump(plan, sort_keys=False, width=10**6, allow_unicode=True), encoding="utf-8")
    report = b.build(["01"], profile=EXAMPLE, dry_run=True, root=course)
    assert report.facts_lessons and "01" in report.facts_lessons
    assert not report.facts_failing, report.facts_failing
