"""Param records: the rules every model input and every slider follow."""

import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from smlearn.params import Param, check_params, check_seed

HOURS = Param("hours", 5.0, 0.0, 40.0, 0.5, "Outreach", "hours/week")
WEEKS = Param("weeks", 52, 4, 156, 1, "Horizon", "weeks")


@given(st.floats(0.0, 40.0))
def test_values_in_range_come_back_as_floats(value):
    assert HOURS.check(value) == value
    assert isinstance(HOURS.check(value), float)


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: not 0 <= v <= 40))
def test_values_out_of_range_are_refused_with_name_range_and_unit(value):
    with pytest.raises(ValueError, match=r"hours must be between 0.0 and 40.0 \(hours/week\)"):
        HOURS.check(value)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_values_are_refused(value):
    with pytest.raises(ValueError, match="hours must be a finite number"):
        HOURS.check(value)


@pytest.mark.parametrize("value", ["5", None, True, [5], 1j])
def test_non_numbers_are_refused_with_their_type(value):
    with pytest.raises(TypeError, match="hours must be a number"):
        HOURS.check(value)


def test_integer_parameters_take_whole_numbers_only():
    assert WEEKS.integer and not HOURS.integer
    assert WEEKS.check(10.0) == 10 and isinstance(WEEKS.check(10.0), int)
    assert WEEKS.check(np.int64(12)) == 12
    with pytest.raises(TypeError, match="weeks must be a whole number"):
        WEEKS.check(10.5)


def test_check_params_refuses_unknown_names_and_lists_the_allowed_ones():
    spec = {"hours": HOURS, "weeks": WEEKS}
    assert check_params(spec, {"hours": 1, "weeks": 5}) == {"hours": 1.0, "weeks": 5}
    with pytest.raises(TypeError, match="unknown parameter 'hour'; allowed: hours, weeks"):
        check_params(spec, {"hour": 1})


def test_seeds_make_repeatable_generators_and_bad_seeds_are_refused():
    assert check_seed(3).integers(1000, size=5).tolist() == check_seed(3).integers(1000, size=5).tolist()
    rng = np.random.default_rng(1)
    assert check_seed(rng) is rng
    for bad in (-1, 1.5, "7", True):
        with pytest.raises(TypeError, match="seed must be None, an integer >= 0 or a numpy Generator"):
            check_seed(bad)


def test_choices_accept_only_their_options_and_list_them():
    from smlearn.params import Choice

    rule = Choice("rule", "hot", ("score", "hot"), "Ranking rule")
    assert rule.check("score") == "score"
    with pytest.raises(ValueError, match="rule must be one of 'score', 'hot'; got 'Hot'"):
        rule.check("Hot")
    flag = Choice("manipulated", False, (False, True), "Fake votes")
    assert flag.check(True) is True
    with pytest.raises(ValueError, match="manipulated must be one of False, True; got 1"):
        flag.check(1)
    with pytest.raises(ValueError, match="rule must be one of 'score', 'hot'; got True"):
        rule.check(True)
    # a value read from a table (numpy types) matches its plain equal, and comes back plain
    import numpy as np

    assert type(rule.check(np.str_("hot"))) is str
    assert flag.check(np.bool_(True)) is True
    with pytest.raises(ValueError, match="manipulated must be one of False, True"):
        flag.check(np.int64(1))
    with pytest.raises(ValueError, match="rule must be one of"):
        rule.check(np.array(["hot", "score"]))
    sizes = Choice("size", 10, (10, 20), "Size")
    assert sizes.check(np.int64(20)) == 20 and type(sizes.check(np.int64(20))) is int
    with pytest.raises(ValueError, match="size must be one of 10, 20; got True"):
        sizes.check(True)
    with pytest.raises(ValueError, match="is not one of its options"):
        Choice("x", "c", ("a", "b"), "X")
