"""Every lesson as a learner meets it: real JupyterLab, headless Chromium, keyboard on the sliders.

nbval proves that the lessons run in a kernel. These tests prove what a learner sees:
for every lesson (``notebooks/NN_*.ipynb``, found by name, so new lessons are covered
with no change here) the page runs every cell without an error, the first cell says
✔, and every explorer shows its controls and its figure. For every explorer (any output
holding sliders or drop-downs followed by an image) one key press on its first control
moves the value by exactly one step, the readout says so, and the figure changes (if a
control rightly leaves the figure alone at the current settings, the next one is tried).
Prose that JupyterLab typesets as maths (money between two ``$`` signs) fails the lesson.
The window is 1366 x 768; test_explorers_fit.py then measures the same run at other sizes.
"""

from __future__ import annotations


import pytest

import labdriver

LESSONS = labdriver.lesson_notebooks()


def _problems_in(cells: list[dict]) -> list[str]:
    """Error outputs, tracebacks on stderr, widgets that failed to display, cells that never ran."""
    problems = []
    for cell in cells:
        where = f"cell {cell['index']} ({cell['source'].splitlines()[0] if cell['source'] else 'empty'!r})"
        if cell["source"].strip() and cell["execution_count"] is None:
            problems.append(f"{where} never ran (prompt {cell['prompt']!r})")
        expected_error = "raises-exception" in cell["tags"] or "NBVAL_RAISES_EXCEPTION" in cell["source"]
        for output in cell["outputs"]:
            if output["output_type"] == "error" and not expected_error:
                problems.append(f"{where} shows {output['ename']}: {output['evalue']}\n{output['traceback']}")
            if output["output_type"] == "stream" and output["name"] == "stderr" and "Traceback" in (output["text"] or ""):
                problems.append(f"{where} prints a traceback on stderr:\n{output['text']}")
        problems.extend(f"{where}: {message}" for message in cell["widget_errors"])
    return problems


def _poke_slider(lab, index: int, slider: int) -> bool:
    """Press one key on a slider; check that it moved one step and says so. True if the figure changed."""
    before = lab.slider_state(index, slider)
    step, label = before["step"], before["label"]
    assert step, f"explorer {index}: cannot read the step of slider {label!r}"
    # Right, unless the value is already at the top of its range.
    key, sign = ("ArrowRight", 1) if before["value"] + step <= before["max"] + 1e-9 else ("ArrowLeft", -1)
    expected = before["value"] + sign * step
    image_before = lab.image_state(index)
    after, changed = lab.press_slider(index, slider, key)
    assert abs(after["value"] - expected) <= 1e-6 * max(1.0, abs(expected)), (
        f"explorer {index}, slider {label!r}: {key} moved {before['value']} to {after['value']}, not to {expected}"
    )
    assert after["readout"] != before["readout"], f"explorer {index}, slider {label!r}: the readout still says {after['readout']!r}"
    assert abs(float(after["readout"]) - expected) <= step / 2, (
        f"explorer {index}, slider {label!r}: the readout says {after['readout']!r}, the value is {expected}"
    )
    alerts = lab.alerts(index)
    assert not alerts, f"explorer {index}, slider {label!r}: after {key} the explorer shows {alerts}"
    if changed:
        assert lab.image_state(index)["sha256"] != image_before["sha256"], (
            f"explorer {index}, slider {label!r}: a new image arrived with the same bytes ({before['readout']} → {after['readout']})"
        )
    return changed


def _poke_dropdown(lab, index: int, dropdown: int) -> bool:
    before = lab.dropdown_state(index, dropdown)
    key = "ArrowDown" if before["index"] < before["count"] - 1 else "ArrowUp"
    image_before = lab.image_state(index)
    value, changed = lab.press_dropdown(index, dropdown, key)
    assert value != before["value"], f"explorer {index}, drop-down {before['label']!r}: {key} left it at {value!r}"
    alerts = lab.alerts(index)
    assert not alerts, f"explorer {index}, drop-down {before['label']!r}: after {key} the explorer shows {alerts}"
    if changed:
        assert lab.image_state(index)["sha256"] != image_before["sha256"], f"explorer {index}: a new image with the same bytes"
    return changed


def _poke(lab, index: int, explorer: dict) -> str:
    """Try the controls in order (sliders first) until one key press changes the figure; name that control.

    A control may rightly leave the figure alone at some settings (gravity, under a rule that
    ignores it), so the test moves on to the next one; every control it presses must move by
    one step and say so.
    """
    for slider in range(len(explorer["sliders"])):
        if explorer["sliders"][slider]["disabled"]:
            continue   # greyed out: the current choices ignore it, and the page says why
        if _poke_slider(lab, index, slider):
            return explorer["sliders"][slider]["label"]
    for dropdown in range(len(explorer["dropdowns"])):
        if _poke_dropdown(lab, index, dropdown):
            return f"drop-down {dropdown}"
    raise AssertionError(f"explorer {index}: no single key press on any of its controls changed the figure")


@pytest.mark.parametrize("notebook", LESSONS, ids=[path.stem for path in LESSONS])
def test_lesson_runs_and_its_explorers_answer(lab, notebook):
    lab.resize(1366, 768, settle=False)  # the size tests of the lesson before may have left another
    lab.open(notebook.name)
    cells = lab.run_all()

    code_cells = [cell for cell in cells if cell["source"].strip()]
    assert code_cells, f"{notebook.name} has no code cells"
    problems = _problems_in(cells)
    assert not problems, f"{notebook.name} in JupyterLab:\n" + "\n\n".join(problems)

    # Money between two "$" signs becomes maths in JupyterLab ("$40 on either channel ... $40" in
    # italics with the spaces gone): the lessons escape it as \$, and this keeps it so.
    typeset = lab.prose_typeset_as_maths()
    assert not typeset, "; ".join(
        f"{notebook.name}, cell {found['index']}: JupyterLab typesets text as maths ({found['text']!r});"
        f" escape the dollar signs as \\$ in: {found['source']!r}" for found in typeset
    )

    first = code_cells[0]
    assert first["shown_text"].startswith("✔"), (
        f"{notebook.name}: the first cell should confirm the environment with ✔; it shows {first['shown_text']!r}"
    )

    # Every explorer the kernel displayed must be on the page as controls above an image (a
    # missing widget front end would show the static PNG instead). Every output on the page that
    # looks like an explorer is poked, whether or not it is an smlearn Explorer.
    displayed = sum(output["explorer"] for cell in cells for output in cell["outputs"])
    # The course plan says which explorers the lesson shows: at least one display each, or the
    # loop below would silently press nothing.
    from smlearn.course import load_course

    planned = next(lesson for lesson in load_course().lessons if lesson.file == notebook.name).explorers
    assert displayed >= len(planned), f"{notebook.name}: the page shows {displayed} explorers; the plan lists {planned}"
    explorers = lab.explorers(displayed)
    assert len(explorers) >= displayed, (
        f"{notebook.name}: the kernel displayed {displayed} explorers, the page shows {len(explorers)} with controls and an image"
    )
    for index, explorer in enumerate(explorers):
        assert explorer["sliders"] or explorer["dropdowns"], f"explorer {index} has no controls"
        assert explorer["image_loaded"], f"explorer {index}: its figure did not load"
        assert not explorer["alerts"], f"explorer {index} shows an error: {explorer['alerts']}"
        _poke(lab, index, explorer)
        assert not lab.alerts(index), f"explorer {index} shows an error after a key press: {lab.alerts(index)}"
