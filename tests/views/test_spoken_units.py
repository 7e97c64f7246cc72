"""A slider's value is said as a person says it (issue 18): "week 26" for a position, "26 weeks" for an amount.

The page (smlearn/widgets/frontend.js) gives each slider an aria-valuetext of its shown value and
its unit, in the order Param.spoken says them; tests/browser/test_figure_alt_in_browser.py hears it in JupyterLab.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import smlearn.models
from smlearn import widgets
from smlearn.params import POSITION_UNITS, Param


def _every_param():
    for info in pkgutil.iter_modules(smlearn.models.__path__):
        module = importlib.import_module(f"smlearn.models.{info.name}")
        for param in getattr(module, "PARAMS", {}).values():
            if isinstance(param, Param):
                yield f"{info.name}.{param.name}", param


EVERY_PARAM = dict(_every_param())


def test_a_unit_naming_a_position_is_said_before_the_value_an_amount_after_it():
    stop = Param("stop_period", 26, 1, 52, 1, "Last week of effort", "week")
    horizon = Param("periods", 52, 4, 156, 1, "Horizon", "weeks")
    assert stop.unit_first and not horizon.unit_first
    assert stop.spoken(stop.default) == f"week {stop.default}"
    assert horizon.spoken("52") == "52 weeks"
    assert Param("echo", 0.3, 0.0, 1.0, 0.05, "Echo").spoken("0.30") == "0.30"   # no unit: the value alone


def test_the_course_has_position_units_and_each_is_said_first():
    firsts = {name: p for name, p in EVERY_PARAM.items() if p.unit_first}
    assert "traffic.stop_period" in firsts   # lesson 02's "Last week of effort": "week 26", not "26 week"
    for name, param in EVERY_PARAM.items():
        spoken = param.spoken(param.default)
        assert param.unit_first == (param.unit in POSITION_UNITS), name
        if param.unit:
            expected = f"{param.unit} {param.default}" if param.unit_first else f"{param.default} {param.unit}"
            assert spoken == expected, name


def test_no_plural_amount_unit_is_taken_for_a_position():
    # "weeks", "hours", "steps" count how much: the rule must not catch them.
    for unit in {p.unit for p in EVERY_PARAM.values()}:
        if unit.endswith("s") and "/" not in unit and " " not in unit:
            assert unit not in POSITION_UNITS, unit


@pytest.mark.parametrize("shown", [None, True, [], "", "  "])
def test_spoken_refuses_a_value_it_cannot_say(shown):
    with pytest.raises(TypeError, match="shown must be"):
        EVERY_PARAM["traffic.stop_period"].spoken(shown)


@pytest.mark.slow
def test_the_explorer_tells_the_page_which_units_go_first():
    explorer = widgets.PushPullExplorer()
    explorer.widget
    sent = {control["name"]: control for control in explorer.parts.frontend.controls}
    assert sent["stop_period"]["unit_first"] is True
    assert sent["periods"]["unit_first"] is False
    for name, control in sent.items():
        assert control["unit_first"] == bool(getattr(explorer.PARAMS[name], "unit_first", False)), name


def test_the_page_says_the_unit_where_python_says_it():
    from pathlib import Path

    script = (Path(widgets.__file__).parent / "frontend.js").read_text(encoding="utf-8")
    assert "control.unit_first ? `${control.unit} ${value}` : `${value} ${control.unit}`" in script
