"""What every explorer of the course must do, checked on each one.

Explorer-specific behaviour (which artist moves when which slider does) is tested in the
explorer's own test file; see also tests/widgets/test_quick_redraw.py (the picture) and
tests/widgets/test_accessibility.py (keyboard controls).
"""

import base64
import html

import pytest

from course_explorers import EXPLORERS, make_explorer, pytest_generate_tests  # noqa: F401  (a fixture and a hook)
from smlearn.params import Choice

def _classes():
    import smlearn.widgets as widgets

    return {name: getattr(widgets, name) for name in widgets.__all__
            if name.endswith("Explorer") and name != "Explorer"}


def test_every_explorer_of_the_package_is_checked():
    from smlearn.course import load_course

    assert set(_classes()) == set(EXPLORERS)
    assert {e for lesson in load_course().lessons for e in lesson.explorers} <= set(EXPLORERS)


# Checked on the class, nothing built: quick enough for the fast loop.
@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_the_controls_are_parameters_with_well_formed_records(name):
    cls = _classes()[name]
    assert cls.CONTROLS and len(set(cls.CONTROLS)) == len(cls.CONTROLS)
    assert set(cls.CONTROLS) <= set(cls.PARAMS), f"{name}: controls without a parameter record"
    assert set(cls.VIEW_CONTROLS) <= set(cls.CONTROLS)
    assert cls.MAIN_CONTROLS is None or set(cls.MAIN_CONTROLS) <= set(cls.CONTROLS)
    for key, record in cls.PARAMS.items():
        assert record.name == key and record.label and record.doc, f"{name}.PARAMS[{key!r}]"
        if isinstance(record, Choice):
            assert record.default in record.options
        else:
            assert record.unit and record.min <= record.default <= record.max, f"{name}.PARAMS[{key!r}]"
    for key, value in EXPLORERS[name].items():    # the small sizes the other tests use are allowed values
        cls.PARAMS[key].check(value)


@pytest.mark.slow
def test_every_control_is_a_model_parameter_with_a_widget_of_its_range(explorer_name, make_explorer):
    explorer = make_explorer(explorer_name)
    widget = explorer.widget
    assert list(explorer.controls) == list(explorer.CONTROLS)
    for name, control in explorer.controls.items():
        spec = explorer.PARAMS[name]
        if isinstance(spec, Choice):
            assert [value for _, value in control.options] == list(spec.options)
        else:
            assert (control.min, control.max, control.step) == (spec.min, spec.max, spec.step)
            assert spec.unit in control.description
        assert control.value == explorer.params[name]
    assert widget is explorer.widget      # built once


@pytest.mark.slow
def test_without_a_widget_front_end_there_is_a_png_and_a_text_description(explorer_name, make_explorer):
    explorer = make_explorer(explorer_name)
    bundle, metadata = explorer._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    # The saved picture's alt text: what the figure shows, in the PNG's metadata and on its HTML copy.
    alt = metadata["image/png"]["alt"]
    assert alt and explorer.description.startswith(alt.rstrip("."))
    assert f'alt="{html.escape(alt)}"' in bundle["text/html"] and bundle["image/png"] in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert explorer_name in bundle["text/plain"] and explorer.description in bundle["text/plain"]
    assert explorer.description.count(".") >= 2       # says what is shown, then what it means


@pytest.mark.slow
def test_moving_a_control_updates_the_model_the_image_and_the_caption(explorer_name, make_explorer):
    explorer = make_explorer(explorer_name)
    explorer.widget
    image, caption = explorer.parts.image.value, explorer.parts.caption.value
    name = explorer.CONTROLS[0]
    spec = explorer.PARAMS[name]
    new = spec.options[-1] if isinstance(spec, Choice) else spec.min + spec.step
    if new == explorer.params[name]:
        new = spec.options[0] if isinstance(spec, Choice) else spec.max
    explorer.controls[name].value = new            # what a learner's slider move does
    assert explorer.params[name] == new
    assert explorer.parts.image.value != image and explorer.parts.caption.value != caption
    assert explorer.parts.errors.value == ""



# ---- Controls that the current choices ignore are reported, and only those ----------------------

def _same(a, b):
    """True when two model results hold the same values (a result's record of its own parameters aside)."""
    import dataclasses

    import networkx as nx
    import numpy as np
    import pandas as pd

    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a) if f.name != "params")
    if isinstance(a, (pd.DataFrame, pd.Series)):
        return a.shape == b.shape and a.equals(b)
    if isinstance(a, np.ndarray):
        return a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and a != a:
        return b != b
    if isinstance(a, nx.Graph):
        return nx.utils.graphs_equal(a, b)
    return a == b


def _other_values(spec, value):
    """Other allowed values for a control: both ends of its range, or every other option.

    Both ends, because a control can be inert in one direction only (more reply hours than
    there are comments to answer change nothing; fewer do).
    """
    if isinstance(spec, Choice):
        return [option for option in spec.options if option != value]
    return [end for end in (spec.min, spec.max) if end != value]


def _states(explorer):
    """The starting parameters, then each option of each drop-down (the others at their start)."""
    start = explorer.params
    yield start
    for name in explorer.CONTROLS:
        spec = explorer.PARAMS[name]
        if isinstance(spec, Choice):
            for option in spec.options:
                if option != start[name]:
                    yield {**start, name: option}


@pytest.mark.slow
def test_a_bad_value_is_refused_by_name_and_leaves_the_explorer_as_it_was(explorer_name, make_explorer):
    explorer = make_explorer(explorer_name)
    before, result, picture = explorer.params, explorer.result, explorer.png()
    for name in explorer.CONTROLS:
        spec = explorer.PARAMS[name]
        bad = [("no such option", ValueError, f"{name} must be one of")] if isinstance(spec, Choice) else [
            (spec.max + spec.step, ValueError, f"{name} must be between"), ("3", TypeError, f"{name} must be a number")]
        for value, error, words in bad:
            with pytest.raises(error, match=words):
                explorer.update(**{name: value})
    with pytest.raises(TypeError, match="unknown parameter 'colour'"):
        explorer.update(colour="red")
    with pytest.raises(TypeError, match="unknown parameter"):
        type(explorer)(colour="red")
    assert explorer.params == before and explorer.result is result and explorer.png() == picture


def _told(explorer, state, moved):
    """Whether the explorer says the same at ``state`` and at ``moved`` (it is left at ``state``)."""
    explorer.update(**state)
    before = explorer.description
    explorer.update(**moved)
    after = explorer.description
    explorer.update(**state)
    return before == after


@pytest.mark.slow
def test_view_controls_are_controls_and_leave_the_result_alone(explorer_name, make_explorer):
    explorer = make_explorer(explorer_name)
    assert set(explorer.VIEW_CONTROLS) <= set(explorer.CONTROLS)
    for name in explorer.VIEW_CONTROLS:
        result = explorer.result
        for other in _other_values(explorer.PARAMS[name], explorer.params[name]):
            explorer.update(**{name: other})
            assert explorer.result is result, f"{explorer_name}: moving {name} ran the model again"


@pytest.mark.slow
def test_a_control_is_reported_ignored_exactly_when_it_changes_nothing(explorer_name, make_explorer):
    explorer = make_explorer(explorer_name)
    for state in _states(explorer):
        ignored = explorer.ignored_at(dict(state))
        assert set(ignored) <= set(explorer.CONTROLS)
        assert all(isinstance(reason, str) and reason for reason in ignored.values())
        base = explorer.run_model(dict(state))
        for name in explorer.CONTROLS:
            unchanged = True
            for other in _other_values(explorer.PARAMS[name], state[name]):
                moved = {**state, name: other}
                if name in explorer.VIEW_CONTROLS:     # the result stays; what the learner is told must not
                    unchanged = unchanged and _same(base, explorer.run_model(moved)) and _told(explorer, state, moved)
                else:
                    unchanged = unchanged and _same(base, explorer.run_model(moved))
            where = f"{explorer_name}: {name} moved with {({k: v for k, v in state.items() if k in explorer.CONTROLS})}"
            assert unchanged == (name in ignored), where


@pytest.mark.slow
def test_ignored_controls_are_greyed_out_with_the_reason():
    from smlearn.widgets import FrontPageExplorer

    explorer = FrontPageExplorer(rule="hot")
    gravity = explorer.widget and explorer.controls["gravity"]
    assert gravity.disabled and "gravity rule" in gravity.tooltip
    assert "Gravity" in explorer.parts.ignored_note.value
    explorer.controls["rule"].value = "hacker news"      # a learner picks a gravity rule
    assert not gravity.disabled and gravity.tooltip == explorer.PARAMS["gravity"].doc
    assert "Gravity" not in explorer.parts.ignored_note.value
