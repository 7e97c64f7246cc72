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

from smlearn.plots.style import SERIES_STYLE, new_figure, nice_ceiling

CHANNELS = ("push", "pull")


def traffic_finding(result) -> str:
    """Say in one line what ``result`` shows: when (or whether) pull overtakes push and what lasts."""
    from smlearn.models.traffic import crossover_period, persistence

    week = crossover_period(result)
    periods = int(result["period"].max())
    lasting = persistence(result)
    if week is None:
        first = f"Push stays ahead of pull for all {periods} weeks"
    elif week == 1:
        first = "Pull brings more visits than push from week 1"
    else:
        first = f"Pull overtakes push in week {week}"
    if lasting.isna().all() or lasting.fillna(0).max() == 0:
        return first
    return f"{first}; {lasting['pull']:.0%} of pull's visits and {lasting['push']:.0%} of push's come after effort stops"


def describe_traffic(result) -> str:
    """A one-line text description of the figure, for readers who cannot see it."""
    totals = result.groupby("channel")[["visits", "customers"]].sum()
    return (
        "Line chart of weekly website visits from push and pull, and of customers so far. "
        f"{traffic_finding(result)}. Over {int(result['period'].max())} weeks push brings "
        f"{totals.loc['push', 'visits']:,.0f} visits and {totals.loc['push', 'customers']:,.1f} customers; "
        f"pull brings {totals.loc['pull', 'visits']:,.0f} visits and {totals.loc['pull', 'customers']:,.1f} customers."
    )


def plot_traffic(result):
    """Draw the push vs pull figure once; return ``(figure, artists)`` for :func:`update_traffic`."""
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
    from smlearn.models.traffic import crossover_period

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
    artists["title"].set_text(traffic_finding(result))
