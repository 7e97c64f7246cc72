"""Lesson 04's real data and classic figures: a real retweet cascade against fitted curves,
outbreak size against transmissibility (Newman 2002) and the cascade window (Watts 2002)."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn import data
from smlearn.exercises import Case, key_of
from smlearn.models import bass, diffusion_experiments, diffusion_theory, networks
from smlearn.plots import spread as plots
from smlearn.questions import how_things_spread as quiz
from smlearn.realdata import cascade


def _table(times, followers):
    return pd.DataFrame({"relative_time_second": times, "number_of_followers": followers})


# ---- Fitting curves ------------------------------------------------------------------------------

@pytest.mark.parametrize("p, q", [(0.03, 0.38), (0.01, 0.5), (0.2, 0.1)])
def test_fit_bass_recovers_the_p_and_q_that_made_the_curve(p, q):
    made = bass.simulate(p=p, q=q, periods=60, market_size=5000)
    fit = cascade.fit_bass(made["period"], made["cumulative"])
    assert fit.params["p"] == pytest.approx(p, rel=1e-3)
    assert fit.params["q"] == pytest.approx(q, rel=1e-3)
    assert fit.params["market"] == pytest.approx(5000, rel=1e-3)
    assert fit.largest_gap < 1e-4


def _hawkes(chance, wait, seed):
    """Simulate the network-spread model: each sharer's followers each share with `chance`, after an exponential wait."""
    rng = np.random.default_rng(seed)
    times, followers = [0.0], [200_000.0]         # a big original account, then ordinary sharers
    frontier = [(0.0, 200_000.0)]
    while frontier:
        born = []
        for t, d in frontier:
            for _ in range(rng.poisson(chance * d)):
                born.append((t + rng.exponential(wait), float(rng.lognormal(4.5, 1.0))))   # mean about 150 followers
        times.extend(b[0] for b in born)
        followers.extend(b[1] for b in born)
        frontier = born
    order = np.argsort(times)
    return _table(np.asarray(times)[order] * 3600, np.asarray(followers)[order])


@pytest.mark.parametrize("seed", [1, 2])
def test_fit_network_spread_recovers_the_chance_and_wait_of_a_simulated_cascade(seed):
    made = _hawkes(chance=0.002, wait=2.0, seed=seed)      # about 400 direct shares, each sharer adds 0.3 more
    assert len(made) > 400
    fit = cascade.fit_network_spread(made)
    assert fit.params["chance"] == pytest.approx(0.002, rel=0.15)
    assert fit.params["hours"] == pytest.approx(2.0, rel=0.25)
    assert fit.largest_gap < 0.1


@pytest.mark.slow
def test_the_real_cascade_is_fitted_closely_by_both_curves_and_bass_misses_the_tail():
    bass_fit, network = cascade.fit_bass(), cascade.fit_network_spread()
    total = len(data.load("retweet_cascade"))
    assert bass_fit.curve["observed"].iloc[-1] == total
    assert bass_fit.largest_gap < 0.1 and network.largest_gap < 0.1
    assert bass_fit.params["market"] < total       # exponential fading cannot follow the week-long trickle


def test_fits_refuse_mismatched_or_falling_counts():
    with pytest.raises(ValueError, match="times and counts"):
        cascade.fit_bass([0, 1, 2], [1, 2])
    with pytest.raises(ValueError, match="never decrease"):
        cascade.fit_bass([0, 1, 2], [1, 3, 2])
    with pytest.raises(ValueError, match="together"):
        cascade.fit_bass([0, 1, 2])
    with pytest.raises(ValueError, match="at least 3"):
        cascade.fit_network_spread(_table([0, 5], [10, 10]))


# ---- Exposure ------------------------------------------------------------------------------------

def test_exposure_share_counted_by_hand():
    t = _table([0, 1, 2, 3, 4], [50, 10, 0, 30, 10])
    assert cascade.exposure_share(0.2, t) == pytest.approx(0.5)        # the biggest one of five: 50 of 100
    assert cascade.exposure_share(0.4, t) == pytest.approx(0.8)
    assert cascade.exposure_share(1.0, t) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="top"):
        cascade.exposure_share(0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=60).filter(lambda f: sum(f) > 0))
def test_exposure_curve_never_falls_stays_in_0_1_and_ends_at_1(followers):
    curve = cascade.exposure_curve(_table(list(range(len(followers))), followers))
    assert (np.diff(curve["exposure"]) >= -1e-12).all()
    assert curve["exposure"].between(0, 1 + 1e-12).all() and curve["sharers"].between(0, 1).all()
    assert curve["exposure"].iloc[-1] == pytest.approx(1.0)
    # biggest first: the curve is never below the diagonal of equal followers
    assert (curve["exposure"] >= curve["sharers"] - 1e-12).all()


def test_real_exposure_is_unequal():
    assert cascade.exposure_share(0.01) > 0.2      # the top 1 % bring far more than 1 %


# ---- The exercise --------------------------------------------------------------------------------

def test_real_75_takes_a_function_that_finds_the_hour_as_counted_from_the_raw_table():
    raw = data.load("retweet_cascade")
    needed = math.ceil(0.75 * len(raw))                       # the share that makes it three quarters
    by_hand = raw["relative_time_second"].iloc[needed - 1] / 3600
    hours = cascade.cascade_over_time()["hours"].to_numpy()
    assert key_of(quiz.real_75).expected(Case((hours, 0.75), "the real cascade")) == pytest.approx(by_hand)
    assert cascade.time_to_share(0.75) == pytest.approx(by_hand)

    def by_count(hours, fraction):
        return hours[math.ceil(fraction * len(hours) - 1e-9) - 1]

    assert quiz.real_75.check(by_count).correct
    # numpy's inverted-CDF quantile is the same rule
    assert quiz.real_75.check(lambda h, f: float(np.quantile(h, f, method="inverted_cdf"))).correct
    # the usual slips: numpy's default quantile interpolates; counting shares from 0 is one share late
    assert not quiz.real_75.check(lambda h, f: float(np.quantile(h, f))).correct
    late = quiz.real_75.check(lambda h, f: next(x for i, x in enumerate(h) if i / len(h) >= f))
    assert not late.correct and "case 1" in late.message


# ---- Outbreak size and the cascade window --------------------------------------------------------

def test_outbreaks_stay_small_below_t_c_and_become_giant_well_above():
    G = networks.random_network(1500, 6, seed=2)
    t_c = diffusion_theory.epidemic_threshold(G)
    assert t_c == pytest.approx(1 / 6, abs=0.02)       # Poisson degrees: <k^2> - <k> = z^2, so T_c = 1/z
    table = diffusion_experiments.outbreak_sizes(G, [0.5 * t_c, 2.5 * t_c], runs=30)
    assert table["mean"].iloc[0] < 0.03
    assert table["mean"].iloc[1] > 0.5
    assert table.attrs["T_c"] == pytest.approx(t_c)


def test_outbreak_sizes_refuses_a_transmissibility_above_1():
    with pytest.raises(ValueError, match="transmissibilities"):
        diffusion_experiments.outbreak_sizes(nx.path_graph(5), [0.5, 1.5])


def test_watts_window_edges_solve_the_closed_form():
    # theta = 0.18: people with at most 5 contacts are vulnerable; the condition is
    # e^-z (z + z^2 + z^3/2 + z^4/6) = 1 (Watts 2002, Poisson degrees).
    low, high = diffusion_theory.watts_window(0.18)
    for z in (low, high):
        assert math.exp(-z) * (z + z**2 + z**3 / 2 + z**4 / 6) == pytest.approx(1, abs=1e-6)
    assert 1 < low < 1.1 and 5.5 < high < 6


def test_cascades_happen_inside_the_window_and_not_far_outside():
    table = diffusion_experiments.cascade_window([0.5, 3.0, 10.0], runs=30)
    assert table["cascades"].tolist()[0] == 0 and table["cascades"].tolist()[2] == 0
    assert table["cascades"].iloc[1] > 0.5
    assert table["inside"].tolist() == [False, True, False]


# ---- Figures -------------------------------------------------------------------------------------

@pytest.mark.slow
def test_real_cascade_figure_has_log_hours_and_its_text_hides_the_exercise_answer():
    fits = [cascade.fit_bass(), cascade.fit_network_spread()]
    exposure = cascade.exposure_curve()
    fig = plots.plot_real_cascade(fits, exposure)
    left, right = fig.axes
    assert left.get_xscale() == "log" and "Hours" in left.get_xlabel() and "count" in left.get_ylabel()
    assert right.get_xscale() == "log"
    assert "within" in fig.get_suptitle()
    text = plots.describe_real_cascade(fits, exposure)
    answer = cascade.time_to_share(0.75)
    assert f"{answer:.1f}" not in text and f"{answer:.0f} hours" not in text


def test_outbreak_and_window_figures_mark_theory():
    friends = networks.friendship_network(300, 6, 0.1, seed=1)
    table = diffusion_experiments.outbreak_sizes(friends, [0.1, 0.6], runs=5)
    fig = plots.plot_outbreak_size({"friends": table})
    assert any("T_c" in line.get_label() for line in fig.axes[0].get_lines())
    window = diffusion_experiments.cascade_window([0.5, 3.0, 9.0], n=300, runs=5)
    fig = plots.plot_cascade_window(window)
    assert "window" in fig.axes[0].get_title()
    assert "5.8" in plots.describe_cascade_window(window)


# ---- Forecasting the final size from the first hours (out of sample) ---------------------------------

def test_final_size_forecast_sums_the_geometric_series_by_hand():
    assert cascade.final_size_forecast(10, 2, 0.5) == pytest.approx(14.0)      # 10 + 2 + 1 + 0.5 + ...
    assert cascade.final_size_forecast(5, 0, 0.9) == pytest.approx(5.0)        # nothing waiting: nothing more
    assert cascade.final_size_forecast(10, 3, 0.0) == pytest.approx(13.0)      # no branching: only those waiting
    assert math.isinf(cascade.final_size_forecast(10, 2, 1.0))                 # never stops
    with pytest.raises(ValueError, match="branching"):
        cascade.final_size_forecast(10, 2, -0.1)
    with pytest.raises(ValueError, match="seen"):
        cascade.final_size_forecast(float("nan"), 2, 0.5)


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 1e5), st.floats(0, 1e4), st.floats(0, 0.99), st.floats(0, 0.99))
def test_final_size_forecast_is_at_least_what_was_seen_and_grows_with_branching(seen, waiting, b1, b2):
    low, high = sorted((b1, b2))
    assert cascade.final_size_forecast(seen, waiting, low) >= seen
    assert cascade.final_size_forecast(seen, waiting, low) <= cascade.final_size_forecast(seen, waiting, high) + 1e-9


def _bass_cascade(p, q, market):
    """A share-by-share table whose running count follows Bass's curve exactly (the curve inverted)."""
    fraction = np.arange(1, market + 1) / (market + 1)
    hours = -np.log((1 - fraction) / (1 + (q / p) * fraction)) / (p + q)
    return _table(hours * 3600, np.full(market, 10.0))


def test_bass_fitted_past_its_peak_forecasts_the_market_it_was_made_with():
    made = _bass_cascade(0.05, 0.5, 2000)        # peak at ln(10)/0.55 = 4.2 hours
    forecast = cascade.forecast_final_size(made, hours=8).set_index("model")
    assert forecast.loc["Bass", "forecast"] == pytest.approx(2000, rel=0.03)
    assert forecast.loc["Bass", "real"] == 2000


@pytest.mark.slow
def test_network_forecast_uses_the_branching_of_the_early_sharers():
    raw = data.load("retweet_cascade")
    early = raw[raw["relative_time_second"] <= 6 * 3600]
    fit = cascade.fit_network_spread(early)
    forecast = cascade.forecast_final_size(raw, hours=6).set_index("model")
    branching = fit.params["chance"] * early["number_of_followers"].iloc[1:].mean()    # the original left out
    assert forecast.loc["network spread", "branching"] == pytest.approx(branching)
    assert branching > 1 and math.isinf(forecast.loc["network spread", "forecast"])     # measured: 1.03
    assert forecast.loc["Bass", "forecast_share"] == pytest.approx(0.62, abs=0.01)    # measured: 9,703 of 15,563


def test_network_forecast_of_a_simulated_subcritical_cascade_is_finite_and_near_its_size():
    made = _hawkes(chance=0.002, wait=2.0, seed=1)      # each sharer adds about 0.3 more: it stops
    forecast = cascade.forecast_final_size(made, hours=6).set_index("model")
    row = forecast.loc["network spread"]
    assert row["branching"] < 1
    assert row["forecast"] == pytest.approx(len(made), rel=0.25)


def test_forecast_final_size_refuses_too_few_early_shares():
    with pytest.raises(ValueError, match="hours"):
        cascade.forecast_final_size(_table([0, 10_000, 20_000, 30_000], [5, 5, 5, 5]), hours=1)
