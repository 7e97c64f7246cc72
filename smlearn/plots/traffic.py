"""Figures for the push vs pull model (:mod:`smlearn.models.traffic`).

Two panels side by side: visits per week for each channel, with the week effort
stops marked, and the customers each channel has brought so far. The title states
what the current result shows, so it changes as the parameters change.

Examples
--------
>>> from smlearn.models import traffic
>>> result = traffic.simulate()
>>> fig, artists = plot_traffic(result)
>>> fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
('Week', 'Visits per week')
>>> update_traffic(artists, traffic.simulate(push_hours=10))
>>> bool(artists["visits"]["push"].get_ydata().max() > 60)
True
"""

from __future__ import annotations

from smlearn.models.traffic import check_result, crossover_period, persistence
from smlearn.params import check_instance, check_number, check_table
from smlearn.plots.style import SERIES_STYLE, new_figure, nice_ceiling

__all__ = ["CHANNELS", "traffic_finding", "describe_traffic", "plot_traffic", "update_traffic", "piece_bands",
           "plot_piece_life", "describe_piece_life", "plot_cost_by_horizon", "describe_cost_by_horizon",
           "plot_noise_runs", "describe_noise_runs"]

CHANNELS = ("push", "pull")


_NOT_GIVEN = object()


def traffic_finding(result, *, week=_NOT_GIVEN) -> str:
    """Say in one line what ``result`` shows: when (or whether) pull overtakes push and what lasts.

    ``week`` is :func:`crossover_period` of ``result`` when the caller has it already.
    """
    if week is not _NOT_GIVEN and week is not None:
        check_number("week", week, 1, integer=True)
    check_result(result)
    if week is _NOT_GIVEN:
        week = crossover_period(result)
    periods = int(result["period"].max())
    lasting = persistence(result)
    visits = result.groupby("channel")["visits"].sum()
    if week is None and visits.max() == 0:
        return f"Neither push nor pull brings any visits in {periods} weeks"
    if week is None and (_visits_by_week(result, "push") > _visits_by_week(result, "pull")).all():
        first = f"Push stays ahead of pull for all {periods} weeks"
    elif week is None:       # level in some weeks (both zero, say), behind in none
        first = f"Pull never brings more visits than push in {periods} weeks"
    elif week == 1:
        first = "Pull brings more visits than push from week 1"
    else:
        first = f"Pull overtakes push in week {week}"
    if lasting.isna().all() or lasting.fillna(0).max() == 0:
        return first
    if lasting.isna().any():      # one channel brings no visits at all, so it has no share to state
        silent, other = ("pull", "push") if lasting.isna()["pull"] else ("push", "pull")
        return f"{first}; {lasting[other]:.0%} of {other}'s visits come after effort stops, and {silent} brings none"
    return f"{first}; {lasting['pull']:.0%} of pull's visits and {lasting['push']:.0%} of push's come after effort stops"


def _visits_by_week(result, channel: str):
    """One channel's visits, week by week (an array in week order)."""
    rows = result[result["channel"] == channel].sort_values("period")
    return rows["visits"].to_numpy()


def describe_traffic(result, *, finding: str | None = None) -> str:
    """A one-line text description of the figure, for readers who cannot see it.

    ``finding`` is :func:`traffic_finding` of ``result`` if the caller already has it
    (an explorer reads it from the figure's title rather than working it out twice).
    """
    check_instance("finding", finding, (str, type(None)), "None or a sentence")
    check_result(result)
    totals = result.groupby("channel")[["visits", "customers"]].sum()
    return (
        "Line chart of weekly website visits from push and pull, and of customers so far. "
        f"{finding or traffic_finding(result)}. Over {int(result['period'].max())} weeks push brings "
        f"{totals.loc['push', 'visits']:,.0f} visits and {totals.loc['push', 'customers']:,.1f} customers; "
        f"pull brings {totals.loc['pull', 'visits']:,.0f} visits and {totals.loc['pull', 'customers']:,.1f} customers."
    )


def plot_traffic(result):
    """Draw the push vs pull figure once; return ``(figure, artists)`` for :func:`update_traffic`."""
    check_result(result)
    fig, (visits_ax, customers_ax) = new_figure(ncols=2)
    artists = {"figure": fig, "visits": {}, "customers": {}}
    for channel in CHANNELS:
        style = {k: v for k, v in SERIES_STYLE[channel].items() if v is not None}
        (artists["visits"][channel],) = visits_ax.plot([], [], linewidth=2, **style)
        (artists["customers"][channel],) = customers_ax.plot([], [], linewidth=2, **style)
    artists["stop"] = [ax.axvline(0, color="#555555", linestyle=":", linewidth=1.2) for ax in (visits_ax, customers_ax)]
    artists["stop_label"] = visits_ax.text(0, 1, " effort stops", transform=visits_ax.get_xaxis_transform(),
                                           va="top", ha="left", fontsize=9, color="#333333")
    (artists["crossover"],) = visits_ax.plot([], [], marker="o", markersize=8, markerfacecolor="none",
                                             markeredgecolor="black", linestyle="none", label="pull overtakes push")
    visits_ax.set(xlabel="Week", ylabel="Visits per week", title="Visits each week")
    customers_ax.set(xlabel="Week", ylabel="Customers so far (people)", title="Customers won so far")
    fig.legend(handles=[*artists["visits"].values(), artists["crossover"]], loc="outside lower center",
               ncols=3, frameon=False, fontsize=9)
    artists["title"] = fig.suptitle("", fontsize=11)
    # What update_traffic changes without touching an axis limit (see smlearn.plots.render).
    artists["dynamic"] = [*artists["visits"].values(), *artists["customers"].values(), *artists["stop"],
                          artists["stop_label"], artists["crossover"], artists["title"]]
    update_traffic(artists, result)
    return fig, artists


def update_traffic(artists, result) -> None:
    """Change the figure's data in place to show ``result`` (no new figure, no new lines)."""
    check_instance("artists", artists, dict, "the artists returned by the matching plot_ function")
    check_result(result)

    periods = int(result["period"].max())
    by_channel = {channel: result[result["channel"] == channel] for channel in CHANNELS}
    for channel, rows in by_channel.items():
        artists["visits"][channel].set_data(rows["period"].to_numpy(), rows["visits"].to_numpy())
        artists["customers"][channel].set_data(rows["period"].to_numpy(), rows["cum_customers"].to_numpy())

    # Effort stops after the last week in which either channel spent hours.
    worked = result.loc[result["hours"] > 0, "period"]
    stop = int(worked.max()) + 0.5 if len(worked) else 0.5
    for line in artists["stop"]:
        line.set_xdata([stop, stop])
        line.set_visible(stop < periods)
    artists["stop_label"].set_x(stop)
    artists["stop_label"].set_visible(stop < periods)

    week = crossover_period(result)
    if week is None:
        artists["crossover"].set_data([], [])
    else:
        artists["crossover"].set_data([week], [by_channel["pull"]["visits"].to_numpy()[week - 1]])

    visits_ax, customers_ax = artists["visits"]["push"].axes, artists["customers"]["push"].axes
    for ax, column in ((visits_ax, "visits"), (customers_ax, "cum_customers")):
        ax.set_xlim(0.5, periods + 0.5)
        ax.set_ylim(0, nice_ceiling(1.05 * float(result[column].max())))
    artists["title"].set_text(traffic_finding(result, week=week))


# ---- Lesson 02 figures: one piece of content, the horizon, and noise ----------------------

_SHAPE = ("max_search_visits", "content_quality", "ramp_periods", "content_half_life")


def _channel(result, channel, column="visits"):
    """One channel's column as an array, week 1 first."""
    rows = result[result["channel"] == channel].sort_values("period")
    return rows[column].to_numpy(dtype=float)


def _line_style(channel, **extra):
    style = {k: v for k, v in SERIES_STYLE[channel].items() if v is not None}
    style.update(extra)
    return style


def _check_piece_inputs(one_piece, many_pieces):
    """Raise a clear error unless ``one_piece`` is a single piece with the same life as ``many_pieces``."""
    one, many = one_piece.attrs.get("params"), many_pieces.attrs.get("params")
    if one is None or many is None:
        raise ValueError("one_piece and many_pieces must both come from traffic.simulate() (they carry attrs['params'])")
    if one["stop_period"] != 1 or one["posts_per_period"] != 1:
        raise ValueError("one_piece must publish exactly one piece: simulate(stop_period=1, posts_per_period=1, ...); "
                         f"got stop_period={one['stop_period']}, posts_per_period={one['posts_per_period']}")
    if one["periods"] < many["periods"]:
        raise ValueError(f"one_piece must last at least as long as many_pieces; got periods={one['periods']} "
                         f"and {many['periods']}")
    different = [name for name in _SHAPE if one[name] != many[name]]
    if different:
        raise ValueError(f"one_piece and many_pieces must share a piece's life; they differ in {', '.join(different)}")


def piece_bands(one_piece, many_pieces):
    """Split ``many_pieces``' weekly pull visits into one row per piece published.

    Each row is the single piece's visits (``one_piece``) moved to start in the week
    that piece came out and scaled by the pieces published that week. Nothing new is
    computed: the rows add up to the model's own pull total, which is what the
    figure shows ("this week's visits = every piece so far, each at its own age").

    Parameters
    ----------
    one_piece : pandas.DataFrame
        ``traffic.simulate(stop_period=1, posts_per_period=1, ...)``: one piece's life.
    many_pieces : pandas.DataFrame
        A result with the same piece shape (max_search_visits, content_quality,
        ramp_periods, content_half_life) and no longer horizon.

    Returns
    -------
    weeks : numpy.ndarray
        Weeks 1..periods of ``many_pieces``.
    bands : numpy.ndarray
        Shape (weeks with publishing, periods): the visits each week's pieces bring.

    Raises
    ------
    ValueError
        If ``one_piece`` is not a single piece, is shorter, or has another piece shape.

    Examples
    --------
    >>> import numpy as np
    >>> from smlearn.models import traffic
    >>> weeks, bands = piece_bands(traffic.simulate(stop_period=1), traffic.simulate(periods=10, stop_period=3))
    >>> bands.shape
    (3, 10)
    >>> total = traffic.simulate(periods=10, stop_period=3)
    >>> bool(np.allclose(bands.sum(axis=0), total.loc[total["channel"] == "pull", "visits"]))
    True
    """
    check_table("one_piece", one_piece, what="a result of traffic.simulate")
    check_table("many_pieces", many_pieces, what="a result of traffic.simulate")
    import numpy as np

    _check_piece_inputs(one_piece, many_pieces)
    life = _channel(one_piece, "pull")
    periods = int(many_pieces.attrs["params"]["periods"])
    hours_per_post = many_pieces.attrs["params"]["hours_per_post"]
    published = _channel(many_pieces, "pull", "hours") / hours_per_post   # pieces published each week
    starts = [i for i in range(periods) if published[i] > 0]
    bands = np.zeros((len(starts), periods))
    for row, start in enumerate(starts):
        bands[row, start:] = published[start] * life[: periods - start]
    return np.arange(1, periods + 1), bands


def plot_piece_life(one_piece, many_pieces):
    """Draw one piece's weekly visits by age, and many pieces stacked into the pull total.

    Left: the visits one piece brings in each week of its life, g(a): slow to be
    found, then slowly going out of date. Right: each piece published is one band,
    stacked; the top of the stack is the model's pull traffic.

    Parameters
    ----------
    one_piece, many_pieces : pandas.DataFrame
        As for :func:`piece_bands`.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        As for :func:`piece_bands`.

    Examples
    --------
    >>> from smlearn.models import traffic
    >>> fig = plot_piece_life(traffic.simulate(periods=104, stop_period=1), traffic.simulate())
    >>> [ax.get_xlabel() for ax in fig.axes]
    ['Age of the piece (weeks)', 'Week']
    >>> fig.axes[0].get_ylabel()
    'Visits per week'
    >>> len(fig.axes[1].collections)     # one band per week with a new piece
    26
    """
    check_table("one_piece", one_piece, what="a result of traffic.simulate")
    check_table("many_pieces", many_pieces, what="a result of traffic.simulate")
    import numpy as np

    from smlearn.plots.style import OKABE_ITO

    weeks, bands = piece_bands(one_piece, many_pieces)
    life = _channel(one_piece, "pull")
    ages = np.arange(len(life))
    peak_age = int(np.argmax(life))
    total = _channel(many_pieces, "pull")

    fig, (life_ax, stack_ax) = new_figure(ncols=2)
    life_ax.plot(ages, life, linewidth=2, **_line_style("pull", label="one piece"))
    life_ax.plot([peak_age], [life[peak_age]], marker="o", markersize=7, markerfacecolor="none",
                 markeredgecolor="black", linestyle="none")
    life_ax.annotate(f"peak: {life[peak_age]:.1f} visits/week at age {peak_age} weeks", (peak_age, life[peak_age]),
                     xytext=(6, 10), textcoords="offset points", fontsize=9)
    life_ax.set(xlabel="Age of the piece (weeks)", ylabel="Visits per week", title="One piece over its life",
                xlim=(0, len(life) - 1), ylim=(0, nice_ceiling(1.3 * float(life.max()))))

    shades = ["#A6CEE3", "#DCEAF4"]   # two light blues, alternating, so each band is visible
    if len(bands):
        stack_ax.stackplot(weeks, bands, colors=[shades[i % 2] for i in range(len(bands))],
                           edgecolor="white", linewidth=0.4)
    stack_ax.plot(weeks, total, linewidth=2, **_line_style("pull", color=OKABE_ITO["blue"], label="pull total (model)"))
    stack_ax.set(xlabel="Week", ylabel="Visits per week", title=f"{len(bands)} weekly pieces, each at its own age",
                 xlim=(0.5, len(weeks) + 0.5), ylim=(0, nice_ceiling(1.05 * float(max(total.max(), 1e-9)))))
    from matplotlib.patches import Patch

    band = Patch(facecolor=shades[0], edgecolor="white", label="one band = the pieces of one week")
    stack_ax.legend(handles=[band, stack_ax.get_lines()[0]], loc="upper left", frameon=False, fontsize=9)
    fig.suptitle(f"A piece peaks at age {peak_age} weeks; stacked by age, the pieces make up the pull total",
                 fontsize=11)
    return fig


def describe_piece_life(one_piece, many_pieces) -> str:
    """A one-line text description of :func:`plot_piece_life`, for readers who cannot see it.

    Examples
    --------
    >>> from smlearn.models import traffic
    >>> print(describe_piece_life(traffic.simulate(periods=104, stop_period=1), traffic.simulate()))
    Two charts. Left: one piece brings 1.2 visits in its first week, peaks at 7.1 visits a week at age 18 weeks and still brings 2.5 a week at age 103. Right: 26 pieces, one band each, stack up to the pull total: 154.8 visits in week 26, 177.1 at its highest (week 35) and 154.6 in week 52.
    """
    check_table("one_piece", one_piece, what="a result of traffic.simulate")
    check_table("many_pieces", many_pieces, what="a result of traffic.simulate")
    import numpy as np

    weeks, bands = piece_bands(one_piece, many_pieces)
    life = _channel(one_piece, "pull")
    total = _channel(many_pieces, "pull")
    peak_age = int(np.argmax(life))
    top = int(np.argmax(total))
    worked = np.flatnonzero(_channel(many_pieces, "pull", "hours") > 0)
    last = int(worked[-1]) if len(worked) else 0
    return (
        f"Two charts. Left: one piece brings {life[0]:.1f} visits in its first week, peaks at "
        f"{life[peak_age]:.1f} visits a week at age {peak_age} weeks and still brings {life[-1]:.1f} a week "
        f"at age {len(life) - 1}. Right: {len(bands)} pieces, one band each, stack up to the pull total: "
        f"{total[last]:.1f} visits in week {last + 1}, {total[top]:.1f} at its highest (week {top + 1}) "
        f"and {total[-1]:.1f} in week {len(total)}."
    )


def _first_cheaper(table):
    """The first horizon at which pull costs less per customer than push, or None."""
    cheaper = table.index[table["pull"] < table["push"]]
    return int(cheaper[0]) if len(cheaper) else None


def _check_sweeps(sweeps):
    if not isinstance(sweeps, dict) or not sweeps:
        raise TypeError(f"sweeps must be a non-empty dict {{label: table}}; got {type(sweeps).__name__}")
    for label, table in sweeps.items():
        missing = [c for c in CHANNELS if c not in getattr(table, "columns", [])]
        if missing:
            raise ValueError(f"sweeps[{label!r}] must be a table with columns push and pull; it lacks {', '.join(missing)}")


def _dollar_ticks(axes, sweeps):
    """Label a log axis in plain dollars ($100, $200, $500, ...) instead of powers of ten."""
    import numpy as np
    from matplotlib.ticker import FixedLocator, NullLocator

    values = np.concatenate([table[list(CHANNELS)].to_numpy(dtype=float).ravel() for table in sweeps.values()])
    values = values[np.isfinite(values) & (values > 0)]
    if not len(values):
        return
    low, high = values.min(), values.max()
    ticks = [m * 10**e for e in range(-1, 8) for m in (1, 2, 5) if low / 1.5 <= m * 10**e <= high * 1.5]
    for ax in axes:
        ax.set_ylim(low / 1.2, high * 1.2)
        ax.yaxis.set_major_locator(FixedLocator(ticks))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.set_yticklabels([f"${t:,.0f}" for t in ticks])


def plot_cost_by_horizon(sweeps):
    """Draw cost per customer against the horizon, one panel per scenario.

    Parameters
    ----------
    sweeps : dict of str -> pandas.DataFrame
        Each table is indexed by the horizon (weeks) with columns push and pull in $
        per customer, e.g. ``pd.DataFrame({n: traffic.cost_per_customer(traffic.simulate(periods=n))
        for n in range(4, 53)}).T``.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``sweeps`` is not a non-empty dict.
    ValueError
        If a table lacks a push or pull column.

    Examples
    --------
    >>> import pandas as pd
    >>> from smlearn.models import traffic
    >>> table = pd.DataFrame({n: traffic.cost_per_customer(traffic.simulate(periods=n)) for n in range(4, 27)}).T
    >>> fig = plot_cost_by_horizon({"default rates": table})
    >>> ax = fig.axes[0]
    >>> ax.get_xlabel(), ax.get_ylabel(), ax.get_yscale()
    ('Horizon: weeks until you count the results', 'Cost per customer ($, log scale)', 'log')
    >>> fig.texts[0].get_text()
    'Pull becomes the cheaper way to win a customer from week 8 (default rates)'
    >>> [t.get_text() for t in ax.get_yticklabels()][:3]
    ['$500', '$1,000', '$2,000']
    """
    _check_sweeps(sweeps)
    fig, axes = new_figure(ncols=len(sweeps))
    parts = []
    for ax, (label, table) in zip(axes, sweeps.items()):
        for channel in CHANNELS:
            ax.plot(table.index, table[channel], linewidth=2, **_line_style(channel))
        week = _first_cheaper(table)
        if week is not None:
            ax.axvline(week, color="#555555", linestyle=":", linewidth=1.2)
            ax.text(week, 0.98, f" pull cheaper\n from week {week}", transform=ax.get_xaxis_transform(),
                    va="top", ha="left", fontsize=9, color="#333333")
        ax.set_yscale("log")
        ax.set(xlabel="Horizon: weeks until you count the results", ylabel="Cost per customer ($, log scale)",
               title=label, xlim=(table.index.min(), table.index.max()))
        parts.append(f"from week {week} ({label})" if week is not None
                     else f"at no horizon up to week {int(table.index.max())} ({label})")
    _dollar_ticks(axes, sweeps)
    handles = axes[0].get_lines()[: len(CHANNELS)]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False, fontsize=9)
    fig.suptitle("Pull becomes the cheaper way to win a customer " + " and ".join(parts), fontsize=11)
    return fig


def describe_cost_by_horizon(sweeps) -> str:
    """A one-line text description of :func:`plot_cost_by_horizon`.

    Examples
    --------
    >>> import pandas as pd
    >>> from smlearn.models import traffic
    >>> table = pd.DataFrame({n: traffic.cost_per_customer(traffic.simulate(periods=n)) for n in range(4, 27)}).T
    >>> print(describe_cost_by_horizon({"default rates": table}))
    Line chart of cost per customer against the horizon. Default rates: at 4 weeks push costs $1,688 and pull $4,735 per customer; at 26 weeks push $2,737 and pull $356; pull is cheaper from week 8.
    """
    _check_sweeps(sweeps)
    parts = []
    for label, table in sweeps.items():
        first, last = table.index.min(), table.index.max()
        week = _first_cheaper(table)
        verdict = f"pull is cheaper from week {week}" if week is not None else "pull is never cheaper"
        parts.append(
            f"{label[:1].upper()}{label[1:]}: at {first} weeks push costs ${table.loc[first, 'push']:,.0f} and pull "
            f"${table.loc[first, 'pull']:,.0f} per customer; at {last} weeks push ${table.loc[last, 'push']:,.0f} "
            f"and pull ${table.loc[last, 'pull']:,.0f}; {verdict}."
        )
    return "Line chart of cost per customer against the horizon. " + " ".join(parts)


def _crossover_range(runs):

    weeks = [crossover_period(run) for run in runs.values()]
    found = [w for w in weeks if w is not None]
    return (min(found), max(found), len(found)) if found else (None, None, 0)


def plot_noise_runs(expected, runs):
    """Draw weekly visits of several noisy runs (thin lines) over the expected values (thick lines).

    Parameters
    ----------
    expected : pandas.DataFrame
        A result of ``traffic.simulate(noise=False, ...)``.
    runs : dict of int -> pandas.DataFrame
        Results of ``traffic.simulate(noise=True, seed=seed, ...)`` keyed by seed.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``runs`` is not a non-empty dict.

    Examples
    --------
    >>> from smlearn.models import traffic
    >>> runs = {seed: traffic.simulate(noise=True, seed=seed) for seed in (1, 2, 3)}
    >>> fig = plot_noise_runs(traffic.simulate(), runs)
    >>> ax = fig.axes[0]
    >>> ax.get_xlabel(), ax.get_ylabel(), len(ax.get_lines())   # 3 runs x 2 channels + 2 expected lines
    ('Week', 'Visits per week', 8)
    """
    check_table("expected", expected, what="a result of traffic.simulate")
    check_instance("runs", runs, dict, "a dict of traffic.simulate(noise=True) results")
    if not isinstance(runs, dict) or not runs:
        raise TypeError(f"runs must be a non-empty dict {{seed: result}}; got {type(runs).__name__}")

    fig, (ax,) = new_figure()
    weeks = sorted(expected["period"].unique())
    for channel in CHANNELS:
        for run in runs.values():
            ax.plot(weeks, _channel(run, channel), linewidth=0.8, alpha=0.45,
                    **_line_style(channel, label="_nolegend_"))
    for channel in CHANNELS:
        label = SERIES_STYLE[channel]["label"] + ", expected"
        ax.plot(weeks, _channel(expected, channel), linewidth=2.5, **_line_style(channel, label=label))
    ax.set(xlabel="Week", ylabel="Visits per week", xlim=(0.5, len(weeks) + 0.5),
           ylim=(0, nice_ceiling(1.05 * max(float(run["visits"].max()) for run in runs.values()))))
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    low, high, found = _crossover_range(runs)
    where = f"week {low}" if low == high else f"weeks {low} to {high}"
    if found == len(runs):
        title = (f"Runs wobble week to week, but pull overtakes push in {where} in all {len(runs)} runs "
                 f"({crossover_period(expected)} without noise)")
    else:
        title = f"Runs wobble week to week; pull overtakes push in {found} of {len(runs)} runs"
    ax.set_title(title, fontsize=11)
    return fig


def describe_noise_runs(expected, runs) -> str:
    """A one-line text description of :func:`plot_noise_runs`.

    Examples
    --------
    >>> from smlearn.models import traffic
    >>> runs = {seed: traffic.simulate(noise=True, seed=seed) for seed in (1, 2, 3)}
    >>> describe_noise_runs(traffic.simulate(), runs).startswith("Line chart of weekly visits in 3 noisy runs")
    True
    """
    check_table("expected", expected, what="a result of traffic.simulate")
    check_instance("runs", runs, dict, "a dict of traffic.simulate(noise=True) results")
    if not isinstance(runs, dict) or not runs:
        raise TypeError(f"runs must be a non-empty dict {{seed: result}}; got {type(runs).__name__}")
    totals = {seed: run.groupby("channel")["visits"].sum() for seed, run in runs.items()}
    mean = expected.groupby("channel")["visits"].sum()
    parts = []
    for channel in CHANNELS:
        values = [float(t[channel]) for t in totals.values()]
        parts.append(f"{channel} totals run from {min(values):,.0f} to {max(values):,.0f} visits "
                     f"(expected {mean[channel]:,.0f})")
    low, high, found = _crossover_range(runs)
    crossing = (f"pull overtakes push in weeks {low} to {high}" if found == len(runs)
                else f"pull overtakes push in {found} of {len(runs)} runs")
    seeds = ", ".join(str(s) for s in runs)
    return (f"Line chart of weekly visits in {len(runs)} noisy runs (seeds {seeds}), thin lines, over the expected "
            f"values, thick lines. Over the horizon, {'; '.join(parts)}; {crossing}.")
