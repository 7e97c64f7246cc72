"""Tests for smlearn.models.traffic: the model against what its equations say it must do.

Expected values are computed here from the formulas in the module docstring, never
by calling the model a second time, so a wrong line in the model makes a test fail.
A setting a test does not give is read from ``PARAMS`` (a class profile may change the
defaults), never typed in again.
"""

import inspect
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn.models import traffic
from smlearn.models.traffic import (
    PARAMS,
    cost_per_customer,
    crossover_period,
    persistence,
    simulate,
    summarize,
)

COLUMNS = ["period", "channel", "hours", "visits", "leads", "customers", "cost",
           "cum_visits", "cum_leads", "cum_customers", "cum_cost"]
HELPERS = [crossover_period, cost_per_customer, persistence, summarize]


def channel(result, name, column="visits"):
    """One channel's column as an array, week 1 first."""
    rows = result[result["channel"] == name].sort_values("period")
    return rows[column].to_numpy()


# The model's defaults, for the settings a test leaves out.
DEFAULT = {name: p.default for name, p in PARAMS.items()}


def g(a, **shape):
    """Weekly search visits of one piece of age a, written out from the docstring (other settings at their defaults)."""
    p = {**DEFAULT, **shape}
    a = np.asarray(a, dtype=float)
    return (p["max_search_visits"] * p["content_quality"] * (1 - np.exp(-(a + 1) / p["ramp_periods"]))
            * 0.5 ** (a / p["content_half_life"]))


# ---- PARAMS and the signature ------------------------------------------------------

def test_integer_parameters():
    assert {n for n, p in PARAMS.items() if p.integer} == {"periods", "stop_period", "network_size"}


# ---- Shape of the result -------------------------------------------------------------

def test_result_layout():
    result = simulate(periods=10)
    assert list(result.columns) == COLUMNS
    assert len(result) == 20
    assert list(result["channel"]) == ["push"] * 10 + ["pull"] * 10
    assert list(result["period"]) == list(range(1, 11)) * 2
    assert pd.api.types.is_integer_dtype(result["period"])
    assert result.attrs["params"] == {name: p.default for name, p in PARAMS.items()} | {"periods": 10}
    assert all(isinstance(v, (int, float)) for v in result.attrs["params"].values())


# ---- 1. Push without fatigue or echo: pure diminishing returns -------------------------

def test_push_visits_without_fatigue_or_echo():
    hours, size, click, sat = 7.5, 1200, 0.4, 3.0
    result = simulate(periods=20, stop_period=12, push_hours=hours, network_size=size,
                      click_rate=click, saturation_hours=sat, fatigue=0, recovery=0, echo=0)
    visits = channel(result, "push")
    expected = size * click * (1 - math.exp(-hours / sat))
    np.testing.assert_allclose(visits[:12], expected, rtol=1e-12)
    np.testing.assert_array_equal(visits[12:], 0.0)


# ---- 2. After effort stops, push fades by the factor echo each week --------------------

@pytest.mark.parametrize("echo", [0.0, 0.3, 0.65, 0.95])
def test_push_fades_by_echo_after_stop(echo):
    stop = 10
    visits = channel(simulate(periods=30, stop_period=stop, echo=echo), "push")
    last_active = visits[stop - 1]
    assert last_active > 0
    for k in range(1, 30 - stop + 1):
        assert visits[stop - 1 + k] == pytest.approx(echo**k * last_active, rel=1e-12, abs=1e-300)


def test_push_gone_within_four_weeks_with_default_echo():
    stop, echo = DEFAULT["stop_period"], DEFAULT["echo"]
    visits = channel(simulate(), "push")
    assert visits[stop - 1 + 4] == pytest.approx(echo**4 * visits[stop - 1], rel=1e-12)
    assert echo**4 < 0.1            # the lesson's claim: push stops when you stop (0.3**4 = 0.0081)


# ---- 3. Diminishing returns in outreach hours ------------------------------------------

def test_week1_push_is_increasing_and_concave_in_hours():
    grid = np.arange(0, 40.5, 0.5)
    week1 = np.array([channel(simulate(periods=4, push_hours=h), "push")[0] for h in grid])
    assert week1[0] == 0
    assert np.all(np.diff(week1) >= 0)                # more hours never fewer visits
    assert np.all(np.diff(week1, 2) <= 1e-12)         # each extra half hour adds less
    for h in np.arange(0.5, 20.5, 0.5):
        one = channel(simulate(periods=4, push_hours=h), "push")[0]
        two = channel(simulate(periods=4, push_hours=2 * h), "push")[0]
        assert one < two < 2 * one                    # doubling hours: more, but < double


# ---- 4. Fatigue and recovery -----------------------------------------------------------

def test_fatigue_without_recovery_makes_push_fall_every_week():
    visits = channel(simulate(periods=40, stop_period=40, fatigue=0.3, recovery=0, echo=0), "push")
    assert np.all(np.diff(visits) < 0)
    # and from the recurrence: f_t = (1 - fatigue * s)^(t - 1)
    s = 1 - math.exp(-DEFAULT["push_hours"] / DEFAULT["saturation_hours"])
    expected = DEFAULT["network_size"] * DEFAULT["click_rate"] * s * (1 - 0.3 * s) ** np.arange(40)
    np.testing.assert_allclose(visits, expected, rtol=1e-10)


@pytest.mark.parametrize("fatigue, recovery", [(0.15, 0.05), (0.6, 0.2), (0.05, 0.5), (1.0, 1.0)])
def test_responsiveness_reaches_its_fixed_point(fatigue, recovery):
    hours, sat, size, click = 6.0, 4.0, 500, 0.3
    visits = channel(simulate(periods=156, stop_period=156, push_hours=hours, saturation_hours=sat,
                              network_size=size, click_rate=click, fatigue=fatigue,
                              recovery=recovery, echo=0), "push")
    s = 1 - math.exp(-hours / sat)
    f_star = recovery / (recovery + fatigue * s)      # f = f - fatigue*s*f + recovery*(1-f)
    assert visits[-1] / (size * click * s) == pytest.approx(f_star, rel=1e-6)


def test_echo_adds_a_geometric_tail_at_steady_state():
    # with no fatigue, new visits are constant n, and visits -> n / (1 - echo)
    visits = channel(simulate(periods=156, stop_period=156, fatigue=0, echo=0.5), "push")
    n = DEFAULT["network_size"] * DEFAULT["click_rate"] * (1 - math.exp(-DEFAULT["push_hours"] / DEFAULT["saturation_hours"]))
    assert visits[-1] == pytest.approx(n / (1 - 0.5), rel=1e-9)


# ---- 5. One piece of content -----------------------------------------------------------

def test_single_piece_follows_g():
    shape = dict(max_search_visits=60.0, content_quality=0.7, ramp_periods=4.0, content_half_life=10.0)
    result = simulate(periods=156, stop_period=1, posts_per_period=1, **shape)
    visits = channel(result, "pull")
    np.testing.assert_allclose(visits, g(np.arange(156), **shape), rtol=1e-12)
    whole_life = g(np.arange(20_000), **shape).sum()     # the series, summed far out
    assert visits.sum() == pytest.approx(whole_life, rel=1e-4)
    assert channel(result, "pull", "hours").tolist() == [DEFAULT["hours_per_post"]] + [0.0] * 155


def test_pull_is_linear_in_publishing_rate():
    one = channel(simulate(posts_per_period=1.0), "pull")
    three = channel(simulate(posts_per_period=3.0), "pull")
    np.testing.assert_allclose(three, 3 * one, rtol=1e-12)


# ---- 6. Steady publishing reaches a steady state ---------------------------------------

def test_constant_publishing_approaches_steady_state():
    shape = dict(ramp_periods=8.0, content_half_life=10.0)
    posts = 2.0
    visits = channel(simulate(periods=156, stop_period=156, posts_per_period=posts, **shape), "pull")
    assert np.all(np.diff(visits) >= 0)                  # never falls while publishing
    steady = posts * g(np.arange(20_000), **shape).sum()
    assert visits[-1] <= steady
    assert visits[-1] == pytest.approx(steady, rel=0.01)


# ---- 7. After publishing stops, traffic halves each half-life -------------------------

def test_pull_halves_one_half_life_after_stop():
    half_life, stop = 20, 52
    visits = channel(simulate(periods=stop + half_life + 8, stop_period=stop, ramp_periods=1.0,
                              content_half_life=float(half_life)), "pull")
    ratio = visits[stop - 1 + half_life] / visits[stop - 1]
    # Each piece of age a goes from r(a)d(a) to r(a+H)d(a)/2, with the ramp r <= 1 rising
    # and d(a) = 0.5**(a/H) <= 1. So the ratio is at least 1/2, and at most
    # 1/2 * D / (D - E), where D = sum of d(a) over the published pieces and
    # E = sum of exp(-(a+1)) bounds what the ramp takes away (about 0.58 piece-weeks).
    ages = np.arange(stop)
    d_sum = (0.5 ** (ages / half_life)).sum()
    ramp_loss = np.exp(-(ages + 1.0)).sum()
    assert 0.5 <= ratio <= 0.5 * d_sum / (d_sum - ramp_loss)   # here: 0.5 .. 0.5125
    assert ratio == pytest.approx(0.5, rel=0.03)


# ---- 8. Funnel, cost and running totals follow their definitions ----------------------

def test_funnel_cost_and_cumulative_columns():
    p = dict(periods=30, stop_period=12, push_hours=8.0, posts_per_period=2.5, hours_per_post=3.0,
             lead_rate_push=0.035, lead_rate_pull=0.07, close_rate_push=0.15, close_rate_pull=0.3,
             hourly_cost=65.0)
    result = simulate(**p)
    active = np.arange(1, 31) <= 12
    np.testing.assert_array_equal(channel(result, "push", "hours"), np.where(active, 8.0, 0.0))
    np.testing.assert_array_equal(channel(result, "pull", "hours"), np.where(active, 7.5, 0.0))
    for name in ("push", "pull"):
        visits = channel(result, name)
        leads = channel(result, name, "leads")
        np.testing.assert_allclose(leads, visits * p[f"lead_rate_{name}"], rtol=1e-12)
        np.testing.assert_allclose(channel(result, name, "customers"),
                                   leads * p[f"close_rate_{name}"], rtol=1e-12)
        np.testing.assert_allclose(channel(result, name, "cost"),
                                   channel(result, name, "hours") * 65.0, rtol=1e-12)
        for column in ("visits", "leads", "customers", "cost"):
            np.testing.assert_allclose(channel(result, name, f"cum_{column}"),
                                       np.cumsum(channel(result, name, column)), rtol=1e-12)


def test_helpers_follow_their_definitions():
    result = simulate(periods=40, stop_period=15, echo=0.5)
    push, pull = channel(result, "push"), channel(result, "pull")
    # crossover: the first week with pull > push, found by hand
    first = next(t for t in range(1, 41) if pull[t - 1] > push[t - 1])
    assert crossover_period(result) == first
    assert isinstance(crossover_period(result), int)
    # persistence: visits after week 15 over all visits
    shares = persistence(result)
    assert list(shares.index) == ["push", "pull"]
    assert shares["push"] == pytest.approx(push[15:].sum() / push.sum())
    assert shares["pull"] == pytest.approx(pull[15:].sum() / pull.sum())
    # cost per customer: total cost over total customers
    cpc = cost_per_customer(result)
    for name in ("push", "pull"):
        total_cost = channel(result, name, "cost").sum()
        assert cpc[name] == pytest.approx(total_cost / channel(result, name, "customers").sum())
    # summary: totals and the two measures
    summary = summarize(result)
    assert list(summary.index) == ["push", "pull"]
    assert list(summary.columns) == ["hours", "visits", "leads", "customers", "cost",
                                     "cost_per_customer", "persistence"]
    for name in ("push", "pull"):
        for column in ("hours", "visits", "leads", "customers", "cost"):
            assert summary.loc[name, column] == pytest.approx(channel(result, name, column).sum())
    pd.testing.assert_series_equal(summary["persistence"], shares, check_names=False)
    pd.testing.assert_series_equal(summary["cost_per_customer"], cpc, check_names=False)


def test_cost_per_customer_edge_cases():
    no_sales = cost_per_customer(simulate(close_rate_push=0.0))
    assert no_sales["push"] == math.inf                 # paid, won nobody
    free = cost_per_customer(simulate(hourly_cost=0.0))
    assert free["push"] == 0.0 and free["pull"] == 0.0
    nothing = cost_per_customer(simulate(push_hours=0.0, posts_per_period=0.0))
    assert math.isnan(nothing["push"]) and math.isnan(nothing["pull"])


def test_no_effort_at_all():
    result = simulate(stop_period=0)
    assert (result[["hours", "visits", "leads", "customers", "cost"]] == 0).all().all()
    assert crossover_period(result) is None
    assert persistence(result).isna().all()


def test_effort_that_never_stops_has_zero_persistence():
    result = simulate(periods=30, stop_period=156)
    assert (persistence(result) == 0).all()


# ---- 9. The claims the lesson relies on (default settings) ---------------------------

def test_default_settings_support_the_lesson():
    result = simulate()
    week = crossover_period(result)
    assert week is not None and 2 <= week <= DEFAULT["stop_period"]      # pull overtakes while the work runs
    shares = persistence(result)
    assert shares["push"] < 0.05
    assert shares["pull"] > 0.3
    cpc = cost_per_customer(result)
    assert cpc["push"] > cpc["pull"]


# ---- 10. Noise ----------------------------------------------------------------------

def test_noise_is_repeatable_with_a_seed():
    a = simulate(noise=True, seed=7)
    pd.testing.assert_frame_equal(a, simulate(noise=True, seed=7))
    assert not a.equals(simulate(noise=True, seed=8))
    gen = np.random.default_rng(7)      # a Generator works too, and is used as it is
    pd.testing.assert_frame_equal(simulate(noise=True, seed=gen), a)


@pytest.mark.slow
def test_noise_is_unbiased():
    expected = simulate().groupby("channel")["visits"].sum()
    totals = pd.DataFrame([simulate(noise=True, seed=s).groupby("channel")["visits"].sum()
                           for s in range(300)])
    for name in ("push", "pull"):
        assert totals[name].mean() == pytest.approx(expected[name], rel=0.02)
        # a sum of Poisson counts is Poisson: its variance equals its mean
        # (300 draws: the ratio has a standard error of about sqrt(2/299) = 0.08)
        assert 0.7 < totals[name].var() / expected[name] < 1.3
    assert totals.sum(axis=1).mean() == pytest.approx(expected.sum(), rel=0.02)


def test_noisy_counts_are_whole_and_nested():
    result = simulate(noise=True, seed=3, lead_rate_push=0.3, close_rate_push=0.5)
    for column in ("visits", "leads", "customers", "cum_visits", "cum_leads", "cum_customers"):
        assert pd.api.types.is_integer_dtype(result[column]), column
    assert (result["customers"] <= result["leads"]).all()
    assert (result["leads"] <= result["visits"]).all()
    # hours and cost are not random
    quiet = simulate()
    pd.testing.assert_series_equal(result["cost"], quiet["cost"])


# ---- 11. Properties over the whole parameter space ----------------------------------

def _strategy(p):
    if p.integer:
        return st.integers(p.min, p.max)
    return st.floats(p.min, p.max, allow_nan=False, allow_infinity=False)


any_params = st.fixed_dictionaries({name: _strategy(p) for name, p in PARAMS.items()})


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(params=any_params, noise=st.booleans(), seed=st.integers(0, 2**32 - 1))
def test_properties_hold_for_any_valid_parameters(params, noise, seed):
    result = simulate(noise=noise, seed=seed, **params)
    n = params["periods"]
    assert len(result) == 2 * n
    counts = result[["hours", "visits", "leads", "customers", "cost"]]
    assert np.isfinite(counts.to_numpy(dtype=float)).all()
    assert (counts >= 0).all().all()
    assert (result["customers"] <= result["leads"]).all()
    assert (result["leads"] <= result["visits"]).all()
    for name in ("push", "pull"):
        for column in ("cum_visits", "cum_leads", "cum_customers", "cum_cost"):
            assert np.all(np.diff(channel(result, name, column)) >= 0), (name, column)
    shares = persistence(result)
    assert all(math.isnan(x) or 0 <= x <= 1 for x in shares)
    week = crossover_period(result)
    assert week is None or 1 <= week <= n
    cpc = cost_per_customer(result)
    assert all(math.isnan(x) or x >= 0 for x in cpc)


# ---- 12. Bad input ------------------------------------------------------------------

def test_positional_arguments_are_refused():
    with pytest.raises(TypeError):
        simulate(52)


@pytest.mark.parametrize("noise", ["yes", 1, None])
def test_noise_must_be_a_bool(noise):
    with pytest.raises(TypeError, match="noise"):
        simulate(noise=noise)


@pytest.mark.parametrize("seed", [-1, "x", 1.5, True])
@pytest.mark.parametrize("noise", [True, False])
def test_bad_seed_is_refused(seed, noise):
    with pytest.raises(TypeError, match="seed"):
        simulate(noise=noise, seed=seed)


@pytest.mark.parametrize("helper", HELPERS)
@pytest.mark.parametrize("bad", [None, [1, 2, 3], {"visits": [1]}, np.zeros((4, 11))])
def test_helpers_refuse_a_non_dataframe(helper, bad):
    with pytest.raises(TypeError, match="DataFrame"):
        helper(bad)


NEEDED = {crossover_period: ["period", "channel", "visits"],
          cost_per_customer: ["channel", "cost", "customers"],
          persistence: ["channel", "hours", "visits"],
          summarize: ["channel", "hours", "visits", "leads", "customers", "cost"]}


@pytest.mark.parametrize("helper", HELPERS)
def test_helpers_refuse_a_frame_missing_a_column(helper):
    result = simulate(periods=8)
    for column in NEEDED[helper]:
        with pytest.raises(ValueError, match=rf"missing the column\(s\) {column};"):
            helper(result.drop(columns=column))
    helper(result.drop(columns=[c for c in COLUMNS if c not in NEEDED[helper]]))  # enough


@pytest.mark.parametrize("helper", HELPERS)
def test_helpers_refuse_a_frame_missing_a_channel(helper):
    result = simulate(periods=8)
    with pytest.raises(ValueError, match="pull"):
        helper(result[result["channel"] == "push"])


def test_module_is_plain_numpy():
    source = inspect.getsource(traffic)
    for forbidden in ("matplotlib", "ipywidgets", "print(", "np.random.seed", "plt."):
        assert forbidden not in source


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(params=any_params, edge=st.sampled_from(["none", "no push", "no pull", "no effort"]))
def test_the_explorers_first_sentence_tells_the_truth_for_any_settings(params, edge):
    """The caption and title of the push/pull explorer (issue 15: at zero effort it used to say push stays ahead)."""
    from smlearn.plots.traffic import traffic_finding

    zero = {"none": {}, "no push": {"push_hours": 0}, "no pull": {"posts_per_period": 0},
            "no effort": {"push_hours": 0, "posts_per_period": 0}}[edge]
    result = simulate(**{**params, **zero})
    push = result[result["channel"] == "push"].sort_values("period")["visits"].to_numpy()
    pull = result[result["channel"] == "pull"].sort_values("period")["visits"].to_numpy()
    said = traffic_finding(result)
    if said.startswith("Neither"):
        assert push.sum() == 0 and pull.sum() == 0
    elif said.startswith("Push stays ahead"):
        assert (push > pull).all()
    elif said.startswith("Pull never"):
        assert (pull <= push).all() and not (push > pull).all()
    elif said.startswith("Pull brings more visits than push from week 1"):
        assert pull[0] > push[0]
    else:
        week = int(said.split("week ")[1].split(";")[0])
        assert pull[week - 1] > push[week - 1] and (pull[:week - 1] <= push[:week - 1]).all()
