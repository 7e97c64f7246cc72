"""Explorers: driven without a browser, they change the plotted data in place."""


import numpy as np
import pytest

from smlearn.models import traffic
from smlearn.widgets import PushPullExplorer


@pytest.fixture
def explorer():
    return PushPullExplorer()


def test_update_reruns_the_model_and_changes_the_plotted_data_in_place(explorer):
    figure = explorer.figure
    push_line = figure.axes[0].lines[0]
    before = push_line.get_ydata().copy()
    explorer.update(push_hours=20)
    assert explorer.figure is figure and figure.axes[0].lines[0] is push_line
    assert explorer.params["push_hours"] == 20
    expected = traffic.simulate(push_hours=20)
    np.testing.assert_allclose(push_line.get_ydata(), expected.loc[expected.channel == "push", "visits"])
    assert not np.allclose(before, push_line.get_ydata())
    assert explorer.result.equals(expected)


@pytest.mark.slow
def test_a_slider_move_updates_model_image_and_caption(explorer):
    widget = explorer.widget
    image_before, caption_before = explorer.parts.image.value, explorer.parts.caption.value
    explorer.controls["posts_per_period"].value = 3.0
    assert explorer.params["posts_per_period"] == 3.0
    assert explorer.parts.image.value != image_before
    assert explorer.parts.caption.value != caption_before
    assert explorer.parts.errors.value == ""  # no error shown


@pytest.mark.slow
def test_update_from_code_moves_the_slider_without_running_twice(explorer, monkeypatch):
    explorer.widget
    calls = []
    original = explorer.run_model
    monkeypatch.setattr(explorer, "run_model", lambda params: calls.append(1) or original(params))
    explorer.update(periods=30, stop_period=10)
    assert explorer.controls["periods"].value == 30 and explorer.controls["stop_period"].value == 10
    assert len(calls) == 1
    assert explorer.figure.axes[0].get_xlim() == (0.5, 30.5)


@pytest.mark.slow
def test_slider_errors_are_shown_not_lost(explorer, monkeypatch):
    explorer.widget

    def broken(params):
        raise RuntimeError("model broke")

    monkeypatch.setattr(explorer, "run_model", broken)
    explorer.controls["push_hours"].value = 7.0
    assert "model broke" in explorer.parts.errors.value


def test_the_title_states_the_finding_and_follows_the_parameters(explorer):
    assert explorer.figure.get_suptitle().startswith("Pull overtakes push in week")
    explorer.update(posts_per_period=0.0)
    assert explorer.figure.get_suptitle().startswith("Push stays ahead of pull")


def test_axes_are_labelled_with_units(explorer):
    for ax in explorer.figure.axes:
        assert ax.get_xlabel() == "Week"
        assert ax.get_ylabel()
    assert "(people)" in explorer.figure.axes[1].get_ylabel()


@pytest.mark.slow
def test_a_change_of_axis_limits_forces_a_full_redraw(explorer):
    explorer.png()
    before = explorer.renderer.full_redraws
    explorer.update(push_hours=5.5)   # same limits: only the lines are redrawn
    explorer.png()
    assert explorer.renderer.full_redraws == before
    explorer.update(periods=20)       # new x-limits: tick labels change, so everything is redrawn
    explorer.png()
    assert explorer.renderer.full_redraws == before + 1


def test_a_choice_parameter_gets_a_drop_down_that_drives_the_model():
    import ipywidgets

    from smlearn.params import Choice, Param
    from smlearn.widgets.base import Explorer

    class Toy(Explorer):
        PARAMS = {"shape": Choice("shape", "flat", ("flat", "steep"), "Shape"),
                  "level": Param("level", 1.0, 0.0, 2.0, 0.5, "Level", "units")}
        CONTROLS = ("shape", "level")

        def run_model(self, params):
            return np.arange(5) * (3 if params["shape"] == "steep" else 1) * params["level"]

        def plot(self, result):
            from smlearn.plots.style import new_figure

            fig, (ax,) = new_figure()
            (line,) = ax.plot(np.arange(5), result)
            ax.set_ylim(0, 30)
            return fig, {"line": line, "dynamic": [line]}

        def replot(self, artists, result):
            artists["line"].set_ydata(result)

        def describe(self, result):
            return f"top {result.max():.0f}"

    toy = Toy()
    _ = toy.widget
    menu = toy.controls["shape"]
    assert isinstance(menu, ipywidgets.Dropdown) and menu.value == "flat"
    menu.value = "steep"
    assert toy.params["shape"] == "steep" and toy.description == "top 12"
    with pytest.raises(ValueError, match="shape must be one of 'flat', 'steep'"):
        toy.update(shape="round")


@pytest.mark.parametrize("function", ["traffic_finding", "describe_traffic", "plot_traffic"])
@pytest.mark.parametrize("bad, error, message", [
    ([1, 2], TypeError, "result must be a pandas DataFrame"),
    ("result", TypeError, "result must be a pandas DataFrame"),
])
def test_traffic_views_refuse_what_is_not_a_result(function, bad, error, message):
    from smlearn.plots import traffic as views

    with pytest.raises(error, match=message):
        getattr(views, function)(bad)


def test_traffic_views_name_a_missing_column():
    from smlearn.plots import traffic as views

    with pytest.raises(ValueError, match="result is missing the column"):
        views.plot_traffic(traffic.simulate().drop(columns="visits"))
    fig, artists = views.plot_traffic(traffic.simulate())
    with pytest.raises(TypeError, match="result must be a pandas DataFrame"):
        views.update_traffic(artists, None)


@pytest.mark.parametrize("kwargs, message", [
    ({"ncols": 0}, "ncols must be a whole number from 1 to 6"),
    ({"nrows": 2.5}, "nrows must be a whole number from 1 to 6"),
    ({"height": -1}, "height must be a number of inches"),
])
def test_new_figure_refuses_impossible_layouts(kwargs, message):
    from smlearn.plots.style import new_figure

    with pytest.raises(ValueError, match=message):
        new_figure(**kwargs)


@pytest.mark.parametrize("value", [float("nan"), "3", None])
def test_nice_ceiling_refuses_non_numbers(value):
    from smlearn.plots.style import nice_ceiling

    with pytest.raises(ValueError, match="value must be a finite number"):
        nice_ceiling(value)
