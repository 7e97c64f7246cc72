"""Every lesson is a piece of teaching with a known shape, and its text source matches its notebook.

nbval (run by the same `pytest` command) re-executes each lesson and compares outputs;
these tests check what nbval cannot: structure, pairing and the committed state.
"""

import json
import re
from pathlib import Path

import jupytext
import pytest

from smlearn.pacing import lesson_files

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
SOURCES = Path(__file__).resolve().parents[2] / "sources"
LESSONS = lesson_files(NOTEBOOKS)
IDS = [p.stem for p in LESSONS]


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def joined(text):
    """Notebook files store multi-line strings as lists of lines."""
    return "".join(text) if isinstance(text, list) else (text or "")


def source(cell):
    return joined(cell["source"])


def output_text(cell):
    return "".join(joined(o.get("text")) + joined(o.get("data", {}).get("text/plain")) for o in cell.get("outputs", []))


def test_the_course_has_its_first_lessons():
    assert [p.stem[:2] for p in LESSONS][:3] == ["00", "01", "02"]


def test_the_learners_folder_lists_each_lesson_once_and_the_sources_live_apart():
    # A learner's file browser showed every lesson twice (.ipynb and .md) and learners opened the .md.
    assert not [p.name for p in NOTEBOOKS.glob("*.md")], "lesson sources belong in sources/, not beside the notebooks"
    assert [p.stem for p in lesson_files(SOURCES, ".md")] == IDS, "each notebook needs one source in sources/, and no more"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_jupytext_pairs_each_notebook_with_its_source_in_the_other_folder(path):
    from jupytext.paired_paths import paired_paths

    formats = json.loads(path.read_text(encoding="utf-8"))["metadata"]["jupytext"]["formats"]
    repo = NOTEBOOKS.parent
    pair = {Path(p).relative_to(repo).as_posix() for p, _ in paired_paths(str(path), "ipynb", formats)}
    assert pair == {f"notebooks/{path.name}", f"sources/{path.stem}.md"}, f"{path.name} pairs with {sorted(pair)}"
    header = jupytext.read(SOURCES / f"{path.stem}.md").metadata["jupytext"]["formats"]
    assert header == formats, f"sources/{path.stem}.md pairs with {header!r}, its notebook with {formats!r}"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_each_notebook_is_in_sync_with_its_markdown_source(path):
    text_source = SOURCES / path.with_suffix(".md").name
    assert text_source.is_file(), f"{path.name} has no paired {text_source.name}; run scripts/run_lessons.py"
    from_md = jupytext.read(text_source)["cells"]
    from_ipynb = cells(path)
    assert [c["cell_type"] for c in from_md] == [c["cell_type"] for c in from_ipynb]
    for md_cell, nb_cell in zip(from_md, from_ipynb):
        assert md_cell["source"].strip() == source(nb_cell).strip(), (
            f"{path.name} and {text_source.name} differ; edit one, then run scripts/run_lessons.py {path.stem.split('_', 1)[0]}"
        )


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_each_lesson_opens_with_objectives_and_time_and_ends_with_a_summary(path):
    markdown = [source(c) for c in cells(path) if c["cell_type"] == "markdown"]
    opening = "\n".join(markdown[:3]).lower()
    assert "objective" in opening or "you will" in opening, "objectives belong at the top"
    assert re.search(r"\d+\s*(min|minutes)", opening), "an estimated time belongs at the top"
    closing = "\n".join(markdown[-3:]).lower()
    assert "summary" in closing


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_the_first_code_cell_checks_the_environment(path):
    first = next(c for c in cells(path) if c["cell_type"] == "code")
    assert re.search(r"check_environment\(lesson=\"\w+\"\)", source(first)), "the first cell checks and says where you left off"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_the_committed_notebook_ran_top_to_bottom_without_errors(path):
    code = [c for c in cells(path) if c["cell_type"] == "code" and source(c).strip()]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        assert not [o for o in cell["outputs"] if o["output_type"] == "error"]


@pytest.mark.slow
@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_lessons_have_their_checked_exercises_each_followed_by_a_solution(path):
    from smlearn.course import load_course

    # At least min_exercises (3 unless the lesson's record in course.yml sets its own: smlearn.course.LESSON_RULES).
    needed = load_course(NOTEBOOKS).lesson(path.stem.split("_", 1)[0]).rules["min_exercises"]
    all_cells = cells(path)
    exercises = [i for i, c in enumerate(all_cells) if c["cell_type"] == "code" and re.search(r"\.check\(my_\w*\)", source(c))]
    assert len(exercises) >= needed, f"{path.name} has {len(exercises)} checked exercises; at least {needed} are needed"
    for i in exercises:
        assert "No answer yet" in output_text(all_cells[i]), "the committed exercise cell shows the unanswered state"
        after = next(c for c in all_cells[i + 1:] if c["cell_type"] == "code")
        assert "solution" in after.get("metadata", {}).get("tags", []), f"the code cell after cell {i} of {path.name} should be a tagged solution"
        assert "✔ Correct" in output_text(after), f"the solution after cell {i} of {path.name} does not pass its own check"
        # Run All runs the solutions too: they confirm their answer without counting it as the learner's try.
        assert ".confirm(" in source(after) and not re.search(r"quiz\.\w+\.check\(", source(after)), (
            f"the solution after cell {i} of {path.name} should call quiz.X.confirm(...), not .check(...)")


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_notebooks_carry_no_run_noise(path):
    """Timings, interpreter versions and widget state would make every rebuild a diff."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in notebook["metadata"]
    assert "version" not in notebook["metadata"].get("language_info", {})
    assert not any("execution" in c.get("metadata", {}) for c in notebook["cells"])
    views = [o for c in notebook["cells"] for o in c.get("outputs", []) if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert not views, "saved widget views show 'model not found' when the notebook is reopened"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_no_path_of_the_authors_machine_is_in_a_lesson(path):
    import tempfile

    text = path.read_text(encoding="utf-8")
    # Where this checkout, the home folder and the temporary folder are on this machine.
    for folder in {str(NOTEBOOKS.parent.parent), str(Path.home()), tempfile.gettempdir()}:
        assert folder + "/" not in text, f"{path.name} mentions {folder}"
