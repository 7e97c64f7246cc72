"""What every explorer of the course must do, checked on each one.

Explorer-specific behaviour (which artist moves when which slider does) is tested in the
explorer's own test file; see also tests/test_quick_redraw.py (the picture) and
tests/test_accessibility.py (keyboard controls).
"""

import base64

from course_explorers import EXPLORERS, make_explorer, pytest_generate_tests  # noqa: F401  (a fixture and a hook)
from smlearn.params import Choice


def test_every_explorer_of_the_course_is_checked():
    from smlearn.course import load_course

    assert {e for lesson in load_course().lessons for e in lesson.explorers} == set(EXPLORERS)


def test_every_control_is_a_model_parameter_with_a_widget_of_its_range(explorer_name, make_explorer):
    explorer = make_explorer(explorer_name)
    widget = explorer.widget
    assert list(explorer._sliders) == list(explorer.CONTROLS)
    for name, control in explorer._sliders.items():
        spec = explorer.PARAMS[name]
        if isinstance(spec, Choice):
            assert [value for _, value in control.options] == list(spec.options)
        else:
            assert (control.min, control.max, control.step) == (spec.min, spec.max, spec.step)
            assert spec.unit in control.description
        assert control.value == explorer.params[name]
    assert widget is explorer.widget      # built once


def test_without_a_widget_front_end_there_is_a_png_and_a_text_description(explorer_name, make_explorer):
    explorer = make_explorer(explorer_name)
    bundle = explorer._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert explorer_name in bundle["text/plain"] and explorer.description in bundle["text/plain"]
    assert explorer.description.count(".") >= 2       # says what is shown, then what it means


def test_moving_a_control_updates_the_model_the_image_and_the_caption(explorer_name, make_explorer):
    explorer = make_explorer(explorer_name)
    explorer.widget
    image, caption = explorer._image.value, explorer._caption.value
    name = explorer.CONTROLS[0]
    spec = explorer.PARAMS[name]
    new = spec.options[-1] if isinstance(spec, Choice) else spec.min + spec.step
    if new == explorer.params[name]:
        new = spec.options[0] if isinstance(spec, Choice) else spec.max
    explorer._sliders[name].value = new            # what a learner's slider move does
    assert explorer.params[name] == new
    assert explorer._image.value != image and explorer._caption.value != caption
    assert explorer._errors.value == ""

