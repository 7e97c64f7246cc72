"""The wisdom of the crowd's measures and the model of the social round (smlearn.models.estimates).

The diversity prediction theorem is an identity: hypothesis tries it on any numbers. The model's
social round keeps the crowd's mean and shrinks its diversity by (1 - alpha n/(n-1))^2.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smlearn.models import estimates

numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
crowds = st.lists(numbers, min_size=1, max_size=60)


@given(crowd=crowds, truth=numbers)
def test_the_diversity_prediction_theorem_holds_for_any_crowd(crowd, truth):
    terms = estimates.diversity_prediction(crowd, truth)
    scale = max(terms["mean_squared_error"], 1.0)
    assert terms["squared_crowd_error"] == pytest.approx(terms["mean_squared_error"] - terms["diversity"],
                                                         abs=1e-9 * scale)
    # so the crowd is never worse than its average member
    assert estimates.crowd_error(crowd, truth) <= estimates.individual_error(crowd, truth) + 1e-9 * np.sqrt(scale)


@given(crowd=st.lists(numbers, min_size=2, max_size=60), alpha=st.floats(0, 1))
def test_the_social_round_keeps_the_mean_and_shrinks_diversity_by_the_formula(crowd, alpha):
    second = estimates.social_round(crowd, alpha)
    n = len(crowd)
    scale = max(abs(x) for x in crowd) + 1
    assert np.mean(second) == pytest.approx(np.mean(crowd), abs=1e-9 * scale)
    assert estimates.diversity(second) == pytest.approx((1 - alpha * n / (n - 1)) ** 2 * estimates.diversity(crowd),
                                                        rel=1e-6, abs=1e-6 * scale)


@given(crowd=st.lists(numbers, min_size=2, max_size=40, unique=True), alpha=st.floats(0, 1))
def test_fit_alpha_finds_the_alpha_of_a_model_class(crowd, alpha):
    # Estimates a class types differ by far more than rounding: below that, a move of alpha times a
    # difference of 1e-300 rounds away, and no fit can see it.
    assume(max(crowd) - min(crowd) > 1e-6 * max(1.0, max(abs(v) for v in crowd)))
    assert estimates.fit_alpha(crowd, estimates.social_round(crowd, alpha)) == pytest.approx(alpha, abs=1e-6)


def test_lorenz_effects_on_a_simulated_class():
    crowd = estimates.simulate(students=30, truth=1000, spread=0.6, alpha=0.5, seed=3)
    effects = estimates.compare_rounds(crowd.first, crowd.second, crowd.truth)
    assert effects["social_influence"] and effects["diversity_ratio"] == pytest.approx((1 - 0.5 * 30 / 29) ** 2)
    assert effects["first"]["crowd_error"] == pytest.approx(effects["second"]["crowd_error"])
    assert effects["confidence"] == estimates.CONFIDENCE and "not measured" in effects["confidence"]
    # The theorem holds for the squared errors the table shows, round by round, not for the absolute ones.
    for r in (effects["first"], effects["second"]):
        assert r["squared_crowd_error"] == pytest.approx(r["mean_squared_error"] - r["diversity"])
        assert r["squared_crowd_error"] == pytest.approx(r["crowd_error"] ** 2)
    assert effects["first"]["crowd_error"] != pytest.approx(effects["first"]["individual_error"]
                                                            - effects["first"]["diversity"])
    # estimates drawn together around a mean above the truth (log-normal guesses) leave the truth nearer an edge
    assert crowd.first.mean() > crowd.truth
    assert effects["range_reduction"]


def test_truth_position_and_centrality():
    assert estimates.truth_position([1, 2, 3], 10) == 1.0 and estimates.truth_centrality([1, 2, 3], 10) == 0.0
    assert estimates.truth_position([1, 2, 3], 2) == 0.5 and estimates.truth_centrality([1, 2, 3], 2) == 1.0


@pytest.mark.parametrize("call, message", [
    (lambda: estimates.crowd_error([], 1), "estimates must be a list of at least 1"),
    (lambda: estimates.diversity([1, float("nan")]), "finite numbers"),
    (lambda: estimates.social_round([1], 0.5), "first must be a list of at least 2"),
    (lambda: estimates.social_round([1, 2], 1.5), "alpha must be between 0 and 1"),
    (lambda: estimates.fit_alpha([1, 2], [1, 2, 3]), "one estimate per student"),
    (lambda: estimates.crowd_error([1, 2], "x"), "truth must be a number"),
])
def test_bad_input_is_refused_naming_the_parameter(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
