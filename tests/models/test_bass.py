"""Tests for smlearn.models.bass: the Bass model against Bass's (1969) solution and difference equation.

Expected values are computed here from the formulas, never by running the model a second time.
What every model promises (PARAMS, refusals of bad values) is checked in test_model_contract.py.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, optimize

from smlearn.models.bass import peak, simulate


def F(t, p, q):
    """Bass's cumulative adoption share, written out from Bass (1969)."""
    e = np.exp(-(p + q) * np.asarray(t, float))
    return (1 - e) / (1 + q / p * e)


@pytest.mark.parametrize("p, q", [(0.03, 0.38), (0.01, 0.5), (0.2, 0.1), (0.05, 0.0)])
def test_bass_closed_form_follows_the_solution(p, q):
    table = simulate(p=p, q=q, periods=40, market_size=5000)
    t = np.arange(1, 41)
    np.testing.assert_allclose(table["share"], F(t, p, q), rtol=1e-12)
    np.testing.assert_allclose(table["cumulative"], 5000 * F(t, p, q), rtol=1e-12)
    np.testing.assert_allclose(table["new"], 5000 * np.diff(F(np.arange(41), p, q)), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(table["from_push"] + table["from_word_of_mouth"], table["new"], rtol=1e-12)
    # the push part is the integral of p (1 - F) over each period, done numerically here
    push = [5000 * integrate.quad(lambda s: p * (1 - F(s, p, q)), a - 1, a)[0] for a in (1, 5, 20)]
    np.testing.assert_allclose(table["from_push"].to_numpy()[[0, 4, 19]], push, rtol=1e-7)


def test_bass_peak_with_the_sultan_farley_lehmann_averages():
    p, q = 0.03, 0.38
    t_star, share = peak(p=p, q=q)
    assert t_star == pytest.approx(6.19, abs=0.005)
    assert share == pytest.approx(0.5 - 0.03 / 0.76)
    # The peak of dF/dt, found numerically from the solution, is there too:
    found = optimize.minimize_scalar(lambda t: -(F(t + 1e-6, p, q) - F(t - 1e-6, p, q)), bounds=(0, 30), method="bounded")
    assert found.x == pytest.approx(t_star, abs=1e-3)
    assert F(found.x, p, q) == pytest.approx(share, abs=1e-4)
    # and in the model's table: the busiest period is the one containing t*, the share crosses it there
    table = simulate(p=p, q=q, periods=30, market_size=1000)
    busiest = int(table.loc[table["new"].idxmax(), "period"])
    assert busiest - 1 <= t_star <= busiest
    assert table["share"].iloc[busiest - 2] < share < table["share"].iloc[busiest - 1]


def test_bass_discrete_steps_follow_the_difference_equation():
    p, q, M = 0.03, 0.38, 1000
    N = [0.0]
    for _ in range(25):
        N.append(N[-1] + (p + q * N[-1] / M) * (M - N[-1]))
    table = simulate(p=p, q=q, periods=25, market_size=M, discrete=True)
    np.testing.assert_allclose(table["cumulative"], N[1:], rtol=1e-12)
    np.testing.assert_allclose(table["from_push"], [p * (M - n) for n in N[:-1]], rtol=1e-9, atol=1e-9)
    # the discrete curve peaks a little later than the continuous one (each period waits for the last)
    assert 0 <= int(table.loc[table["new"].idxmax(), "period"]) - peak(p=p, q=q)[0] < 2


def test_bass_edge_cases():
    assert (simulate(p=0.0, q=0.5)["cumulative"] == 0).all()                     # nobody goes first
    only_push = simulate(p=0.1, q=0.0, periods=10, market_size=100)
    np.testing.assert_allclose(only_push["share"], 1 - np.exp(-0.1 * np.arange(1, 11)))
    np.testing.assert_allclose(only_push["from_word_of_mouth"], 0, atol=1e-12)
    assert peak(p=0.3, q=0.2) == (0.0, 0.0)                                # q <= p: no peak


@settings(max_examples=40, deadline=None)
@given(st.floats(0.001, 1), st.floats(0, 1), st.integers(1, 100), st.booleans())
def test_bass_invariants(p, q, periods, discrete):
    table = simulate(p=round(p, 3), q=round(q, 2), periods=periods, market_size=1000, discrete=discrete)
    assert len(table) == periods
    assert (table["new"] >= -1e-9).all()
    assert (np.diff(table["cumulative"]) >= -1e-9).all()
    assert (table["share"] <= 1 + 1e-12).all()
    assert (table["from_push"] >= -1e-9).all() and (table["from_word_of_mouth"] >= -1e-9).all()


def test_bass_bad_options():
    with pytest.raises(TypeError, match="discrete must be True or False; got 'yes'"):
        simulate(discrete="yes")
    with pytest.raises(ValueError, match="p must be above 0 for a peak time; got 0"):
        peak(p=0, q=0.4)
