"""Figures for the time-budget model (:mod:`smlearn.models.effort`).

The explorer's figure has two panels. Left: leads per week from social media (reach)
and from social networking (ties), for your split. Right: every split of the hours on
a 10 % grid, shaded by the outcome, with your split and the best one marked; the
x-axis is the share of hours spent posting and the y-axis the share spent on
relationship upkeep (replies take the rest, so the top-right half is empty).

Examples
--------
>>> from smlearn.widgets.effort import explore
>>> fig, artists = plot_effort(explore())
>>> [ax.get_xlabel() for ax in fig.axes[:2]]
['Week', 'Share of hours on posting']
>>> update_effort(artists, explore(media_share=0.9))
>>> artists["yours"].get_offsets().tolist()
[[0.72, 0.1]]
"""

from __future__ import annotations

import numpy as np

from smlearn.models import effort
from smlearn.params import check_instance, check_number, check_table
from smlearn.plots.style import OKABE_ITO, SERIES_STYLE, new_figure, nice_ceiling

__all__ = ["effort_finding", "describe_effort", "plot_effort", "update_effort", "plot_effort_and_returns",
           "describe_effort_and_returns"]

_OUTCOME_WORDS = {"leads": "leads", "reach": "people reached", "followers": "followers", "strong_ties": "strong ties"}


def _style(key, **extra):
    style = {k: v for k, v in SERIES_STYLE[key].items() if v is not None and k != "marker"}
    style.update(extra)
    return style


def _pct(split):
    return f"{split[0]:.0%} posting, {split[1]:.0%} replies, {split[2]:.0%} upkeep"


def effort_finding(run) -> str:
    """One line: how your split compares with the best split on the grid."""
    check_instance("run", run, effort.Exploration, "a result of widgets.effort.explore")
    words = _OUTCOME_WORDS[run.outcome]
    weeks = int(run.result["week"].max())
    when = "over" if run.outcome in ("leads", "reach") else "after"
    if run.best_value <= 0:
        return f"No split brings any {words} {when} {weeks} weeks with these settings"
    share = run.value / run.best_value
    return (f"Your split brings {run.value:,.0f} {words} {when} {weeks} weeks, {share:.0%} of the best "
            f"({_pct(run.best)})")


def describe_effort(run) -> str:
    """A one-line text description of the explorer's figure, for readers who cannot see it."""
    check_instance("run", run, effort.Exploration, "a result of widgets.effort.explore")
    r = run.result
    return (f"Two charts. Left: leads per week from social media and from relationships over {len(r)} weeks; "
            f"by the last week media brings {r['leads_media'].iloc[-1]:.2f} and relationships "
            f"{r['leads_ties'].iloc[-1]:.2f} leads a week. Right: every split of the hours shaded by "
            f"{_OUTCOME_WORDS[run.outcome]}. {effort_finding(run)}.")


def plot_effort(run):
    """Draw the explorer's figure once; return ``(figure, artists)`` for :func:`update_effort`."""
    check_instance("run", run, effort.Exploration, "a result of widgets.effort.explore")
    fig, (time_ax, map_ax) = new_figure(ncols=2)
    artists = {"figure": fig}
    (artists["media"],) = time_ax.plot([], [], linewidth=2, marker=None,
                                       **_style("social media", label="from social media (reach)"))
    (artists["ties"],) = time_ax.plot([], [], linewidth=2, **_style("social networking", label="from relationships (ties)"))
    time_ax.set(xlabel="Week", ylabel="Leads per week", title="Where the leads come from")
    time_ax.legend(loc="upper left", frameon=False, fontsize=9)

    grid = run.grid
    artists["map"] = map_ax.scatter(grid["posting"], grid["upkeep"], c=grid["value"], cmap="cividis", s=150,
                                    marker="s", edgecolors="none")
    artists["yours"] = map_ax.scatter([], [], marker="X", s=160, color="white", edgecolors="black", linewidths=1.5,
                                      label="your split", zorder=3)
    artists["best"] = map_ax.scatter([], [], marker="*", s=260, color=OKABE_ITO["orange"], edgecolors="black",
                                     linewidths=1.0, label="best split on the grid", zorder=3)
    map_ax.set(xlabel="Share of hours on posting", ylabel="Share of hours on upkeep",
               xlim=(-0.06, 1.06), ylim=(-0.06, 1.06), aspect="equal")
    map_ax.text(0.62, 0.62, "replies take\nthe rest", fontsize=8, color="#555555", ha="center")
    artists["colorbar"] = fig.colorbar(artists["map"], ax=map_ax, shrink=0.9)
    artists["colorbar"].set_label("Outcome (see the panel's title)", fontsize=9)
    map_ax.legend(loc="upper right", frameon=False, fontsize=8)
    artists["map_title"] = map_ax.set_title("")
    artists["title"] = fig.suptitle("", fontsize=11)
    artists["dynamic"] = [artists["media"], artists["ties"], artists["map"], artists["yours"], artists["best"],
                          artists["title"], artists["map_title"]]
    update_effort(artists, run)
    # The layout stays live: tick labels here range from "0.175" to "50000", and a layout
    # frozen for one of them cuts the other off the figure's edge.
    return fig, artists


def update_effort(artists, run) -> None:
    """Change the figure's data in place to show ``run`` (no new artists)."""
    check_instance("artists", artists, dict, "the artists returned by the matching plot_ function")
    check_instance("run", run, effort.Exploration, "a result of widgets.effort.explore")
    r = run.result
    weeks = r["week"].to_numpy()
    artists["media"].set_data(weeks, r["leads_media"].to_numpy())
    artists["ties"].set_data(weeks, r["leads_ties"].to_numpy())
    time_ax = artists["media"].axes
    time_ax.set_xlim(0.5, weeks[-1] + 0.5)
    time_ax.set_ylim(0, nice_ceiling(1.05 * float(max(r["leads_media"].max(), r["leads_ties"].max(), 1e-9))))

    values = run.grid["value"].to_numpy(dtype=float)
    artists["map"].set_array(values)
    top = nice_ceiling(float(values.max())) if values.max() > 0 else 1.0
    artists["map"].set_clim(0, top)       # a new colour scale changes the colour bar: a limit change
    artists["colorbar"].ax.set_ylim(0, top)
    artists["yours"].set_offsets(np.array([[run.split[0], run.split[2]]]))
    artists["best"].set_offsets(np.array([[run.best[0], run.best[2]]]))
    when = "over" if run.outcome in ("leads", "reach") else "after"
    artists["map_title"].set_text(f"{_OUTCOME_WORDS[run.outcome].capitalize()} {when} {len(r)} weeks, every split")
    artists["title"].set_text(effort_finding(run))


def _effort_fit(days, returns, model_slope):
    from smlearn.realdata.posting import RETURNS, returns_elasticity

    check_table("days", days, ["tweets"], what="a table from smlearn.realdata.posting.effort_and_returns")
    if not isinstance(returns, str) or returns not in RETURNS:
        raise ValueError(f"returns must be one of {', '.join(RETURNS)}; got {returns!r}")
    check_table("days", days, ["tweets", returns], what="a table from smlearn.realdata.posting.effort_and_returns")
    if model_slope is not None:
        model_slope = check_number("model_slope", model_slope, -5, 5)
    return returns_elasticity(days, returns=returns), model_slope


def plot_effort_and_returns(days, *, returns="impressions", model_slope=None):
    """Draw each day's returns against its tweets on log-log axes, with the fitted slope.

    Parameters
    ----------
    days : pandas.DataFrame
        From :func:`smlearn.realdata.posting.effort_and_returns` (or days added up by week).
    returns : str
        The returns column, ``"impressions"`` by default.
    model_slope : float, optional
        A model's slope, drawn as a dashed line through the middle of the data (the
        geometric means), so the two can be compared by eye.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> days = pd.DataFrame({"tweets": [1, 2, 4, 8], "impressions": [100, 200, 400, 800]})
    >>> fig = plot_effort_and_returns(days)
    >>> fig.axes[0].get_xscale(), fig.axes[0].get_xlabel()
    ('log', 'Tweets published that day (tweets, log scale)')
    """
    fit, model_slope = _effort_fit(days, returns, model_slope)
    used = days[(days["tweets"] > 0) & (days[returns] > 0)]
    x = used["tweets"].to_numpy(dtype=float)
    y = used[returns].to_numpy(dtype=float)
    fig, (ax,) = new_figure()
    ax.scatter(x, y, s=18, color=OKABE_ITO["blue"], alpha=0.6, marker="o", label="one day")
    line_x = np.geomspace(x.min(), x.max(), 50)
    ax.plot(line_x, np.exp(fit["intercept"]) * line_x ** fit["slope"], color=OKABE_ITO["vermillion"],
            linestyle="-", linewidth=2, label=f"fitted: slope {fit['slope']:.2f}")
    if model_slope is not None:
        # The model's slope through the middle of the data (the means of the logarithms).
        mid_x, mid_y = np.exp(np.log(x).mean()), np.exp(np.log(y).mean())
        ax.plot(line_x, mid_y * (line_x / mid_x) ** model_slope, color="black", linestyle="--", linewidth=1.5,
                label=f"the model: slope {model_slope:.2f}, drawn through the data's centre")
    ax.set_xscale("log")
    ax.set_yscale("log")
    # Plain numbers on the log axes (1, 10, 10,000), not powers of ten.
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.set(xlabel="Tweets published that day (tweets, log scale)",
           ylabel=f"{returns.capitalize()} that day ({returns}, log scale)")
    ax.legend(loc="lower right", frameon=False, fontsize=9)
    ax.set_title(f"Twice the tweets, {2 ** fit['slope']:.2f} times the {returns}: slope {fit['slope']:.2f}"
                 f" (1 would be in proportion)", fontsize=11)
    return fig


def describe_effort_and_returns(days, *, returns="impressions", model_slope=None) -> str:
    """A one-line text description of :func:`plot_effort_and_returns`."""
    fit, model_slope = _effort_fit(days, returns, model_slope)
    used = days[(days["tweets"] > 0) & (days[returns] > 0)]
    text = (f"Scatter plot on log-log axes of {fit['periods']} days: tweets published that day "
            f"({used['tweets'].min():.0f} to {used['tweets'].max():.0f}) against {returns} that day "
            f"({used[returns].min():,.0f} to {used[returns].max():,.0f}). The fitted line has slope "
            f"{fit['slope']:.2f}: twice the tweets go with {2 ** fit['slope']:.2f} times the {returns}; rank "
            f"correlation {fit['rank_correlation']:.2f}.")
    if model_slope is not None:
        text += (f" A dashed line shows the model's slope, {model_slope:.2f}, drawn through the centre of the"
                 f" data (the geometric means), for comparison of slopes only.")
    quiet = days[days["tweets"] == 0]
    if len(quiet):
        # Days with no tweets still have returns (older tweets are still seen): say how many.
        text += (f" {len(quiet)} days with no tweets are left out (a log axis has no 0); they still drew a"
                 f" median of {quiet[returns].median():,.0f} {returns}.")
    elif fit["left_out"]:
        text += f" {fit['left_out']} days with no {returns} are left out: a log axis has no 0."
    return text
