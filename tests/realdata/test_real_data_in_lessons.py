"""Real data in every lesson (issue 13): from lesson 03 on, each lesson measures a real data set
beside a model's claim, in a section of its own, with the numbers it quotes checked, an exercise
the learner computes, and the data set's source named; and the classic figures of the field are
drawn where the lessons reason about them."""

import json
import re

import pytest

import smlearn.data
from smlearn.course import load_course, notebooks_dir, sources_dir
from smlearn.pacing import lesson_files

COURSE = load_course()
# From lesson 03 on: every lesson whose record keeps the rule real_data (smlearn.course.LESSON_RULES).
LESSONS = [path for path in lesson_files(sources_dir(), ".md") if COURSE.lesson(path.name.split("_")[0]).rules["real_data"]]
HEADING = re.compile(r"^## Real data: .+$", re.MULTILINE)
CODE = re.compile(r"```\{code-cell\}[^\n]*\n(.*?)```", re.DOTALL)
# The ways a lesson reaches a data set by its manifest name.
BY_NAME = re.compile(r"(?:data\.load|load_network|data\.path|data\.describe)\(\s*[\"']([\w]+)[\"']")
# The ways a lesson reaches the real data: by name, or through the measures and the export loader.
REAL_ACCESS = re.compile(r"smlearn\.data\.|load_network\(|realdata|load_export\(")

# The classic figures of each field, by the plotting function that draws them (issue 13, part 6).
CLASSIC_FIGURES = {
    "03": ["plot_small_world", "plot_follower_tail", "plot_real_networks"],
    "04": ["plot_real_cascade", "plot_outbreak_size", "plot_cascade_window"],
    "05": ["plot_detector_roc", "plot_votes_by_day"],
    "06": ["draw_small_web"],
    "08": ["plot_bootstrap"],
}


def lesson_id(path):
    return path.name.split("_")[0]


def real_datasets():
    """Manifest names of the data sets shipped under data/real/."""
    table = smlearn.data.list_datasets()
    return set(table.loc[table["file"].str.startswith("real/"), "name"])


def real_section(path):
    text = path.read_text(encoding="utf-8")
    headings = HEADING.findall(text)
    assert len(headings) == 1, f"{path.name} has {len(headings)} sections '## Real data: ...'; it needs exactly one"
    start = text.index(headings[0])
    return text[start:].split("\n## ", 1)[0]


def plain(text: str) -> str:
    """Markdown to comparable plain text, as tests/lessons/test_course.py compares facts."""
    return re.sub(r"\s+", " ", re.sub(r"[*_`]|\\(?=\$)", "", text)).strip()


def test_the_real_data_sets_are_the_five_shipped_folders():
    names = real_datasets()
    assert {"uk_mps", "us_senate_follows", "retweet_cascade", "stackexchange_votes", "x_analytics_posts"} <= names


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_every_lesson_measures_a_real_data_set_in_a_section_of_its_own(path):
    section = real_section(path)
    code = "\n".join(CODE.findall(section))
    assert REAL_ACCESS.search(code), f"{path.name}'s real-data section loads no data in its code"
    prose = re.sub(r"```.*?```", "", section, flags=re.DOTALL)
    assert re.search(r"\bmodel", prose), f"{path.name}'s real-data section never sets the data beside a model"
    assert re.search(r"licen[cs]e", prose, re.IGNORECASE), \
        f"{path.name}'s real-data section does not say under which licence the data come"


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_every_lesson_lists_the_real_data_it_loads_and_loads_only_what_it_lists(path):
    lesson = COURSE.lesson(lesson_id(path))
    listed = set(lesson.datasets)
    known = set(smlearn.data.list_datasets()["name"])
    assert listed <= known, f"{path.name} lists unknown data sets {sorted(listed - known)}"
    assert listed & real_datasets(), f"{path.name} lists no data set from data/real/ in course.yml"
    named = set(BY_NAME.findall("\n".join(CODE.findall(path.read_text(encoding="utf-8")))))
    assert named <= listed, f"{path.name} loads {sorted(named - listed)} without listing them in course.yml"


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_the_numbers_a_real_data_section_states_are_checked_facts(path):
    section = plain(real_section(path))
    facts = COURSE.lesson(lesson_id(path)).facts
    inside = [fact for fact in facts if plain(fact.text) in section]
    assert inside, f"{path.name}'s real-data section states no checked fact"
    assert any(REAL_ACCESS.search(fact.source) for fact in inside), \
        f"none of the facts in {path.name}'s real-data section is computed from the data"


@pytest.mark.parametrize("path", LESSONS, ids=lesson_id)
def test_every_real_data_section_has_an_exercise_the_learner_computes(path):
    section = real_section(path)
    checks = re.findall(r"quiz\.(\w+)\.check\(", "\n".join(CODE.findall(section)))
    assert checks, f"{path.name}'s real-data section has no exercise"


@pytest.mark.parametrize("lesson", sorted(CLASSIC_FIGURES))
def test_the_classic_figures_are_drawn_in_their_lessons_with_words_beside_them(lesson):
    import importlib
    import pkgutil

    import smlearn.plots

    path = next(p for p in LESSONS if lesson_id(p) == lesson)
    notebook = json.loads((notebooks_dir() / path.with_suffix(".ipynb").name).read_text(encoding="utf-8"))
    functions = set()
    for info in pkgutil.iter_modules(smlearn.plots.__path__, "smlearn.plots."):
        functions |= set(dir(importlib.import_module(info.name)))
    for name in CLASSIC_FIGURES[lesson]:
        assert name in functions, f"{name} is not a function of smlearn.plots"
        cells = [cell for cell in notebook["cells"]
                 if cell["cell_type"] == "code" and re.search(rf"\b{name}\(", "".join(cell["source"]))]
        assert cells, f"lesson {lesson} never calls {name}"
        drawn = [cell for cell in cells
                 if any("image/png" in output.get("data", {}) for output in cell.get("outputs", []))]
        assert drawn, f"lesson {lesson} calls {name} but its committed notebook shows no figure from it"
