"""The flip tool: flip points and shares checked against models whose answers are known exactly."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn import flips
from smlearn.params import Choice, Param
from smlearn.plots.flips import describe_flip_chart, flip_chart

UNIT = {
    "x": Param("x", 0.5, 0.0, 1.0, 0.01, "Share x"),
    "y": Param("y", 0.5, 0.0, 1.0, 0.01, "Share y"),
}


def sum_model(x=0.5, y=0.5):
    return x + y


def test_linear_measure_flips_exactly_where_algebra_says():
    # x + y > 0.8 holds at the defaults (1.0); alone, x flips at 0.3 and y at 0.3.
    report = flips.analyse(sum_model, flips.Verdict("x + y is above 0.8", lambda r: r, threshold=0.8), UNIT,
                           steps=11, samples=200)
    assert report.holds_at_default
    assert flips.flip_point(report, "x") == pytest.approx(0.3)
    assert flips.flip_point(report, "y") == pytest.approx(0.3)
    row = report.points.set_index("parameter").loc["x"]
    assert row.flips_when == "below"
    # Two independent uniforms: P(x + y > 0.8) = 1 - 0.8**2 / 2 = 0.68.
    assert report.share == pytest.approx(0.68, abs=0.04)


def test_latin_hypercube_share_is_exact_to_one_stratum_for_one_setting():
    # A Latin hypercube puts one draw in each 1/n slice of a range, so the share of
    # draws with x > 0.3 is 0.7 to within one slice, unlike plain random draws.
    report = flips.analyse(sum_model, flips.Verdict("x is above 0.3", lambda r: r - 0.5, threshold=0.3), UNIT,
                           names=["x"], steps=5, samples=100)
    assert abs(report.share - 0.7) <= 1 / 100


def test_a_setting_with_no_effect_never_flips_and_is_not_said_to_decide():
    report = flips.analyse(lambda x=0.5, y=0.5: x, flips.Verdict("x is above 0.25", lambda r: r, threshold=0.25),
                           UNIT, steps=21, samples=400)
    points = report.points.set_index("parameter")
    assert math.isnan(points.loc["y", "flips_at"])
    assert points.loc["y", "share_of_range"] == 1.0
    drivers = report.drivers.set_index("parameter")
    assert drivers.loc["x", "decides"]
    assert not drivers.loc["y", "decides"]
    assert report.drivers["parameter"].iloc[0] == "x"


def test_true_false_measure_flips_between_the_grid_points_around_the_change():
    verdict = flips.Verdict("x is at least 0.62", lambda r: r >= 0.62)   # no threshold: a True/False measure
    report = flips.analyse(lambda x=0.9, y=0.5: x, verdict,
                           {"x": Param("x", 0.9, 0.0, 1.0, 0.01, "x"), "y": UNIT["y"]}, steps=11, samples=50)
    flip = flips.flip_point(report, "x")
    assert flip == pytest.approx(0.62, abs=0.1 / 2**6)   # the grid gap 0.6-0.7, halved six times


def test_a_curved_measure_is_sharpened_to_its_true_crossing():
    # x**2 < 9 flips at x = 3; a straight line between coarse sweep points (0, 5, 10) says 1.8.
    params = {"x": Param("x", 0.0, 0.0, 10.0, 0.1, "x")}
    verdict = flips.Verdict("x squared stays under 9", lambda r: r, threshold=9.0, holds="below")
    coarse = flips.analyse(lambda x=0.0: x * x, verdict, params, steps=3, samples=8, rounds=0)
    sharp = flips.analyse(lambda x=0.0: x * x, verdict, params, steps=3, samples=8, rounds=12)
    assert flips.flip_point(coarse, "x") == pytest.approx(1.8)
    assert flips.flip_point(sharp, "x") == pytest.approx(3.0, abs=5 / 2**12)


def test_an_integer_setting_flips_at_the_first_whole_number_past_the_change():
    # A wide range and a coarse grid: the gap around the flip is about 2,500 whole numbers.
    params = {"n": Param("n", 1, 1, 10000, 1, "n")}
    report = flips.analyse(lambda n=1: n, flips.Verdict("n is at most 37", lambda r: r, threshold=37.5, holds="below"),
                           params, steps=5, samples=10)
    assert flips.flip_point(report, "n") == 38


def test_the_nearest_flip_is_reported_when_both_directions_flip():
    # |x - 0.5| < 0.1 holds only near the default; it flips at 0.4 below and 0.6 above.
    verdict = flips.Verdict("x is near one half", lambda r: abs(r - 0.5), threshold=0.1, holds="below")
    params = {"x": Param("x", 0.55, 0.0, 1.0, 0.01, "x")}
    report = flips.analyse(lambda x=0.55: x, verdict, params, steps=21, samples=50)
    assert flips.flip_point(report, "x") == pytest.approx(0.6)
    assert report.points["flips_when"].iloc[0] == "above"


def test_integer_settings_are_tried_only_at_whole_numbers():
    seen = []

    def model(n=5):
        seen.append(n)
        return n

    params = {"n": Param("n", 5, 1, 10, 1, "n")}
    flips.analyse(model, flips.Verdict("n is above 3", lambda r: r, threshold=3), params, steps=7, samples=20)
    assert all(isinstance(n, int) for n in seen)


def test_settings_the_model_refuses_together_are_counted_and_left_out():
    def model(x=0.2, y=0.2):
        if x + y > 1:
            raise ValueError("x + y must be at most 1")
        return x

    report = flips.analyse(model, flips.Verdict("x is above 0.1", lambda r: r, threshold=0.1),
                           {"x": Param("x", 0.2, 0.0, 1.0, 0.01, "x"), "y": Param("y", 0.2, 0.0, 1.0, 0.01, "y")},
                           steps=5, samples=400)
    assert report.refused == pytest.approx(200, abs=30)        # half the unit square has x + y > 1
    assert report.samples["holds"].isna().sum() == report.refused


def test_fixed_settings_and_choices_are_held():
    seen = set()

    def model(x=0.5, seed=None, kind="a"):
        seen.add((seed, kind))
        return x

    params = {"x": UNIT["x"], "kind": Choice("kind", "a", ("a", "b"), "Kind")}
    report = flips.analyse(model, flips.Verdict("x above 0.1", lambda r: r, threshold=0.1), params,
                           fixed={"seed": 7}, steps=5, samples=10)
    assert seen == {(7, "a")}
    assert list(report.points["parameter"]) == ["x"]


def test_the_same_seed_gives_the_same_report():
    verdict = flips.Verdict("x + y above 0.8", lambda r: r, threshold=0.8)
    a = flips.analyse(sum_model, verdict, UNIT, samples=64, seed=3)
    b = flips.analyse(sum_model, verdict, UNIT, samples=64, seed=3)
    assert a.share == b.share and a.samples.equals(b.samples)


def test_the_sentence_names_the_claim_the_flip_and_the_share():
    report = flips.analyse(sum_model, flips.Verdict("x + y is above 0.8", lambda r: r, threshold=0.8), UNIT,
                           steps=11, samples=100)
    text = report.sentence()
    assert "the model says: x + y is above 0.8" in text
    assert "2 of the 2 settings varied can flip it" in text and "Share x below 0.3 (default 0.5)" in text
    assert f"it holds in {100 * report.share:.0f} % of 100 draws (with so few draws, anywhere from" in text


def test_plausible_ranges_narrow_the_sweep_and_the_draws():
    report = flips.analyse(sum_model, flips.Verdict("x + y is above 0.8", lambda r: r, threshold=0.8), UNIT,
                           steps=11, samples=200, ranges={"x": (0.4, 0.6), "y": (0.4, 0.6)})
    assert report.share == 1.0                 # x + y >= 0.8 everywhere in the narrowed square
    assert report.sweeps["value"].between(0.4, 0.6).all()
    assert "across the plausible ranges given" in report.sentence()
    for bad, name in (({"x": (0.6, 0.9)}, "default"), ({"z": (0, 1)}, "ranges"), ({"x": (0.1, 2.0)}, "high"),
                      ({"x": 0.5}, "ranges"), ([("x", 0, 1)], "ranges")):
        with pytest.raises((TypeError, ValueError), match=name):
            flips.analyse(sum_model, flips.Verdict("v", lambda r: r, threshold=0.8), UNIT, ranges=bad)


def test_the_share_interval_is_wilsons_and_narrows_with_more_draws():
    verdict = flips.Verdict("x + y is above 0.8", lambda r: r, threshold=0.8)
    few = flips.analyse(sum_model, verdict, UNIT, steps=5, samples=24)
    many = flips.analyse(sum_model, verdict, UNIT, steps=5, samples=1000)
    low, high = few.share_interval()
    assert low < few.share < high
    # Wilson's interval for 17 of 24, computed by hand from its formula: 0.508 to 0.851.
    if round(few.share * 24) == 17:
        assert (low, high) == pytest.approx((0.508, 0.851), abs=0.001)
    assert many.share_interval()[1] - many.share_interval()[0] < (high - low) / 4
    assert many.share_interval()[0] <= 0.68 <= many.share_interval()[1]


def test_numbers_are_written_as_people_write_them():
    assert [flips.as_written(v) for v in (2500.0, 0.04, 1.3698, 156.0, math.inf, 2.05e-10)] == \
        ["2,500", "0.04", "1.37", "156", "infinite", "2.0e-10"]


def test_a_whole_number_setting_flips_at_a_whole_number_or_more():
    params = {"n": Param("n", 1, 1, 100, 1, "Ring size")}
    report = flips.analyse(lambda n=1: n, flips.Verdict("n is small", lambda r: r, threshold=37.5, holds="below"),
                           params, steps=5, samples=10)
    assert "Ring size at 38 or more (default 1)" in report.sentence()


@pytest.mark.parametrize("kwargs, name", [
    ({"model": 3}, "model"),
    ({"verdict": "x > 1"}, "verdict"),
    ({"params": {}}, "params"),
    ({"fixed": [1]}, "fixed"),
    ({"names": "x"}, "names"),
    ({"names": ["z"]}, "names"),
    ({"names": []}, "names"),
    ({"steps": 2}, "steps"),
    ({"steps": True}, "steps"),
    ({"samples": 10**6}, "samples"),
    ({"steps": 3000, "samples": 3000}, "model runs"),
    ({"seed": -1}, "seed"),
    ({"seed": 1.5}, "seed"),
    ({"rounds": -1}, "rounds"),
    ({"rounds": 21}, "rounds"),
])
def test_bad_arguments_are_refused_by_name(kwargs, name):
    arguments = {"model": sum_model, "verdict": flips.Verdict("v", lambda r: r, threshold=0.8), "params": UNIT}
    arguments.update(kwargs)
    with pytest.raises((TypeError, ValueError), match=name):
        flips.analyse(arguments.pop("model"), arguments.pop("verdict"), arguments.pop("params"), **arguments)


@pytest.mark.parametrize("kwargs, name", [
    ({"claim": ""}, "claim"), ({"measure": 1}, "measure"), ({"threshold": math.nan}, "threshold"),
    ({"threshold": True}, "threshold"), ({"holds": "over"}, "holds"),
])
def test_bad_verdicts_are_refused_by_name(kwargs, name):
    arguments = {"claim": "v", "measure": abs, "threshold": 1.0}
    arguments.update(kwargs)
    with pytest.raises((TypeError, ValueError), match=name):
        flips.Verdict(**arguments)


def test_a_model_that_refuses_its_own_defaults_is_an_error():
    def model(x=0.5):
        raise ValueError("never")

    with pytest.raises(ValueError, match="default settings"):
        flips.analyse(model, flips.Verdict("v", lambda r: r, threshold=0.0), {"x": UNIT["x"]})


def test_flip_points_lists_only_the_settings_that_flip_alone():
    report = flips.analyse(lambda x=0.5, y=0.5: x, flips.Verdict("x is above 0.25", lambda r: r, threshold=0.25),
                           UNIT, steps=21, samples=20)
    assert list(report.flip_points()) == ["x"]
    assert report.flip_points()["x"] == pytest.approx(0.25, abs=0.05 / 2**6)


def test_flip_point_names_the_settings_it_knows():
    report = flips.analyse(sum_model, flips.Verdict("v", lambda r: r, threshold=0.8), UNIT, steps=5, samples=10)
    with pytest.raises(ValueError, match="name must be one of"):
        flips.flip_point(report, "z")
    with pytest.raises(TypeError, match="report"):
        flips.flip_point("report", "x")


@pytest.mark.slow
@settings(max_examples=40, deadline=None, derandomize=True)
@given(a=st.floats(-2, 2), b=st.floats(-2, 2), threshold=st.floats(-1, 1), holds=st.sampled_from(["above", "below"]))
def test_flip_points_lie_in_range_and_really_flip(a, b, threshold, holds):
    """Whatever the linear model: a flip point lies in its range, and the verdict differs on its two sides."""
    verdict = flips.Verdict("v", lambda r: r, threshold=threshold, holds=holds)
    model = lambda x=0.5, y=0.5: a * x + b * y      # noqa: E731  (a one-line model)
    report = flips.analyse(model, verdict, UNIT, steps=11, samples=30)
    assert 0 <= report.share <= 1
    for row in report.points.itertuples():
        assert 0 <= row.share_of_range <= 1
        if row.flips_at == row.flips_at:
            assert row.low <= row.flips_at <= row.high
            slightly = 1e-6 if row.flips_when == "above" else -1e-6
            settings_past = {"x": 0.5, "y": 0.5, row.parameter: row.flips_at + slightly}
            assert verdict.holds_for(model(**settings_past)) != report.holds_at_default


def test_flip_chart_has_labelled_axes_and_a_title_that_states_the_finding():
    report = flips.analyse(sum_model, flips.Verdict("x + y is above 0.8", lambda r: r, threshold=0.8,
                                                    unit="x + y"), UNIT, steps=11, samples=100)
    fig = flip_chart(report)
    top, bottom = fig.axes
    assert "x + y" in top.get_xlabel() and "share" in bottom.get_xlabel()
    assert sorted(t.get_text() for t in top.get_yticklabels()) == ["Share x", "Share y"]
    assert f"{100 * report.share:.0f} %" in top.get_title() and "(2 of 2 settings shown)" in top.get_title()
    assert "holds at the defaults" in top.get_title()
    words = describe_flip_chart(report)
    assert report.sentence() in words and "Share x: from 0 to 1" in words
    with pytest.raises(TypeError, match="report"):
        flip_chart("report")
    with pytest.raises(ValueError, match="top"):
        flip_chart(report, top=0)


def test_a_measure_over_orders_of_magnitude_is_drawn_on_a_log_axis():
    params = {"x": Param("x", 1.0, 0.01, 100.0, 0.01, "x")}
    report = flips.analyse(lambda x=1.0: x, flips.Verdict("x above 2", lambda r: r, threshold=2.0), params,
                           steps=11, samples=20)
    assert flip_chart(report).axes[0].get_xscale() == "log"
    assert np.isfinite(report.default_measure)
