"""Figures for the stranger-to-tie pipeline (:mod:`smlearn.models.pipeline`).

The explorer's figure has two panels. Left: the people you can reach, week by week:
followers (they found you) and ties (two-way). Right: leads per week by route: from
content, from ties' referrals and from mass messages. A second figure,
:func:`plot_stages`, shows how many people passed each stage over the whole run.

Examples
--------
>>> from smlearn.models import pipeline
>>> fig, artists = plot_pipeline(pipeline.simulate())
>>> [ax.get_xlabel() for ax in fig.axes]
['Week', 'Week']
>>> update_pipeline(artists, pipeline.simulate(message_hours=2))
>>> bool(artists["message_leads"].get_ydata().max() > 0)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from smlearn.models.pipeline import NEAR_BEST
from smlearn.params import FrozenParams, check_instance, check_table
from smlearn.plots.style import OKABE_ITO, new_figure, nice_ceiling

__all__ = ["ROUTE_STYLE", "LEAD_ROUTES", "pipeline_finding", "describe_pipeline", "plot_pipeline",
           "update_pipeline", "STAGE_LABELS", "stage_totals", "plot_stages", "describe_stages", "WeekRun", "week_finding",
           "describe_week", "plot_week", "update_week"]

# Each route keeps its colour AND its line style, so no route depends on colour alone.
ROUTE_STYLE = {
    "followers": {"color": OKABE_ITO["blue"], "linestyle": "--", "label": "followers (they found you)"},
    "ties": {"color": OKABE_ITO["vermillion"], "linestyle": "-", "label": "ties (two-way)"},
    "content_leads": {"color": OKABE_ITO["blue"], "linestyle": "--", "label": "from content (find)"},
    "referral_leads": {"color": OKABE_ITO["vermillion"], "linestyle": "-", "label": "referred by ties"},
    "message_leads": {"color": OKABE_ITO["reddish purple"], "linestyle": ":", "label": "answers to mass messages"},
}
LEAD_ROUTES = ("content_leads", "referral_leads", "message_leads")


def pipeline_finding(result) -> str:
    """One line: how many leads, how many of them through ties, and what became of the ties."""
    check_table("result", result, what="a result of pipeline.simulate")
    weeks = len(result)
    leads = float(result["leads"].sum())
    if leads <= 0:
        return f"No leads in {weeks} weeks with these hours"
    through_ties = float(result["referral_leads"].sum() + result["message_leads"].sum()) / leads
    params = result.attrs["params"]
    return (f"{leads:,.0f} leads in {weeks} weeks, {through_ties:.0%} through ties; ties "
            f"{params['start_ties']} → {result['ties'].iloc[-1]:,.0f}, strength "
            f"{params['start_strength']:.2f} → {result['strength'].iloc[-1]:.2f}")


def describe_pipeline(result) -> str:
    """A one-line text description of the explorer's figure, for readers who cannot see it."""
    check_table("result", result, what="a result of pipeline.simulate")
    last = result.iloc[-1]
    return (f"Two charts over {len(result)} weeks. Left: followers end at {last['followers']:,.0f} and ties at "
            f"{last['ties']:,.0f}. Right: leads per week in the last week: {last['content_leads']:.2f} from content, "
            f"{last['referral_leads']:.2f} referred by ties, {last['message_leads']:.2f} from mass messages. "
            f"{pipeline_finding(result)}.")


def plot_pipeline(result):
    """Draw the explorer's figure once; return ``(figure, artists)`` for :func:`update_pipeline`."""
    check_table("result", result, what="a result of pipeline.simulate")
    fig, (people_ax, leads_ax) = new_figure(ncols=2)
    artists = {"figure": fig}
    for name in ("followers", "ties"):
        (artists[name],) = people_ax.plot([], [], linewidth=2, **ROUTE_STYLE[name])
    people_ax.set(xlabel="Week", ylabel="People", title="Who you can reach")
    people_ax.legend(loc="upper left", frameon=False, fontsize=9)
    for name in LEAD_ROUTES:
        (artists[name],) = leads_ax.plot([], [], linewidth=2, **ROUTE_STYLE[name])
    leads_ax.set(xlabel="Week", ylabel="Leads per week", title="Where the leads come from")
    leads_ax.legend(loc="upper left", frameon=False, fontsize=9)
    artists["title"] = fig.suptitle("", fontsize=11)
    artists["dynamic"] = [artists[name] for name in ("followers", "ties", *LEAD_ROUTES)] + [artists["title"]]
    update_pipeline(artists, result)
    return fig, artists


def update_pipeline(artists, result) -> None:
    """Change the figure's data in place to show ``result`` (no new artists)."""
    check_instance("artists", artists, dict, "the artists returned by the matching plot_ function")
    check_table("result", result, what="a result of pipeline.simulate")
    weeks = result["week"].to_numpy()
    for name in ("followers", "ties", *LEAD_ROUTES):
        artists[name].set_data(weeks, result[name].to_numpy())
    people_ax, leads_ax = artists["followers"].axes, artists["content_leads"].axes
    top_people = float(max(result["followers"].max(), result["ties"].max()))
    top_leads = float(result[list(LEAD_ROUTES)].to_numpy().max())
    for ax, top in ((people_ax, top_people), (leads_ax, top_leads)):
        ax.set_xlim(0.5, weeks[-1] + 0.5)
        # Coarse steps keep the limits still while sliders move, so redraws stay quick.
        ax.set_ylim(0, nice_ceiling(1.05 * max(top, 1e-9), steps=(1, 2, 5)))
    artists["title"].set_text(pipeline_finding(result))


STAGE_LABELS = {
    "strangers": "strangers reached (reach events)",
    "new_followers": "strangers who followed",
    "conversations": "conversations (answered comments)",
    "new_ties": "followers who became ties",
    "introductions": "people introduced by ties",
}


def stage_totals(result):
    """How many people (or views) passed each stage over the run, in pipeline order.

    Examples
    --------
    >>> from smlearn.models import pipeline
    >>> list(stage_totals(pipeline.simulate()).index)[:2]
    ['strangers reached (reach events)', 'strangers who followed']
    """
    check_table("result", result, what="a result of pipeline.simulate")
    import pandas as pd

    totals = {STAGE_LABELS[name]: float(result[name].sum()) for name in STAGE_LABELS}
    return pd.Series(totals, name="total over the run")


def plot_stages(result):
    """A horizontal bar per stage of the pipeline, on a log scale: where do people drop out?

    Returns
    -------
    matplotlib.figure.Figure
    """
    check_table("result", result, what="a result of pipeline.simulate")
    totals = stage_totals(result)
    fig, (ax,) = new_figure(height=3.2)
    positions = list(range(len(totals)))[::-1]        # first stage at the top
    colours = [OKABE_ITO["blue"], OKABE_ITO["blue"], OKABE_ITO["sky blue"], OKABE_ITO["vermillion"],
               OKABE_ITO["vermillion"]]   # find (blue), find two-way (sky blue), ties (vermillion)
    hatches = ["", "", "..", "//", "//"]
    bars = ax.barh(positions, totals.clip(lower=0.01).to_numpy(), color=colours, edgecolor="black", linewidth=0.6)
    for bar, hatch in zip(bars, hatches):
        bar.set_hatch(hatch)
    for y, value in zip(positions, totals.to_numpy()):
        ax.text(max(value, 0.01) * 1.15, y, f"{value:,.0f}", va="center", fontsize=9)
    ax.set_yticks(positions, totals.index)
    ax.set_xscale("log")
    ax.set_xlim(0.5, nice_ceiling(float(totals.max()) * 8))
    ax.set_xlabel(f"People over {len(result)} weeks (reach counts events), log scale")
    tied = float(result["new_ties"].sum())
    ax.set_title(f"Of {totals.iloc[0]:,.0f} strangers reached, {tied:,.0f} became ties through a conversation",
                 fontsize=11)
    return fig


def describe_stages(result) -> str:
    """A one-line text description of :func:`plot_stages`."""
    check_table("result", result, what="a result of pipeline.simulate")
    parts = [f"{label}: {value:,.0f}" for label, value in stage_totals(result).items()]
    return f"Bar chart, log scale, of the people passing each stage over {len(result)} weeks. " + "; ".join(parts) + "."


# ---- The WeekExplorer's figure (lesson 07): your split's leads, and the map of every split --------

# Short words for the titles (a long one pushed the title past the figure's edge); the text
# description spells out what closeness means.
_OUTCOME_WORDS = {"leads": "leads", "ties": "ties", "tie_strength": "closeness", "followers": "followers"}
_OUTCOME_MEANING = {"tie_strength": "closeness (ties times their mean strength)"}


def _split_words(hours) -> str:
    return (f"{hours['content_hours']:g} h content, {hours['reply_hours']:g} h replies, "
            f"{hours['upkeep_hours']:g} h upkeep, {hours['message_hours']:g} h messages")


@dataclass(frozen=True)
class WeekRun:
    """What the WeekExplorer's figure shows: one split of a week's hours beside the map of every split.

    Built by :func:`smlearn.widgets.week.explore_week` from the model's results
    (:func:`smlearn.models.pipeline.simulate`, :func:`~smlearn.models.pipeline.share_map`,
    :func:`~smlearn.models.pipeline.summarize`); drawn by :func:`plot_week`.

    Attributes
    ----------
    params : FrozenParams
        Every setting of the explorer, for the words on the figure.
    hours : dict
        Your split, in hours of each kind (:data:`smlearn.models.pipeline.HOURS`).
    result : pandas.DataFrame
        :func:`smlearn.models.pipeline.simulate` of your split, one row per week.
    grid : pandas.DataFrame
        ``media_share``, ``reply_share`` and ``value`` for every split on the map.
    outcome : str
        What the map shows (a key of :func:`smlearn.models.pipeline.summarize`).
    value : float
        Your split's outcome.
    best : tuple
        ``(media_share, reply_share)`` of the best split on the map.
    best_value : float
        The best split's outcome.
    """

    params: FrozenParams
    hours: dict
    result: pd.DataFrame
    grid: pd.DataFrame
    outcome: str
    value: float
    best: tuple
    best_value: float


def week_finding(run) -> str:
    """One line: how your split compares with the best split on the map."""
    check_instance("run", run, WeekRun, "a result of widgets.week.explore_week")
    words = _OUTCOME_WORDS[run.outcome]
    weeks = len(run.result)
    when = "over" if run.outcome == "leads" else "after"
    if run.best_value <= 0:
        return f"No split brings any {words} {when} {weeks} weeks with these settings"
    near = int((run.grid["value"] >= (1 - NEAR_BEST) * run.best_value - 1e-12).sum())
    return (f"Your split: {run.value:,.1f} {words} {when} {weeks} weeks, {run.value / run.best_value:.0%} of the "
            f"best on the map; {near} of {len(run.grid)} splits within {NEAR_BEST * 100:.0f} %")


def describe_week(run) -> str:
    """A one-line text description of the WeekExplorer's figure, for readers who cannot see it."""
    check_instance("run", run, WeekRun, "a result of widgets.week.explore_week")
    last = run.result.iloc[-1]
    media, reply = run.best
    return (f"Two charts. Left: leads per week over {len(run.result)} weeks for your split "
            f"({_split_words(run.hours)}); in the last week {last['content_leads']:.2f} from content, "
            f"{last['referral_leads']:.2f} referred by ties, {last['message_leads']:.2f} from mass messages. "
            f"Right: every split of the find side shaded by "
            f"{_OUTCOME_MEANING.get(run.outcome, _OUTCOME_WORDS[run.outcome])}; the best gives "
            f"{media:.0%} of the hours to the find side and {reply:.0%} of those to replies. {week_finding(run)}.")


def plot_week(run):
    """Draw the WeekExplorer's figure once; return ``(figure, artists)`` for :func:`update_week`.

    Examples
    --------
    >>> from smlearn.widgets.week import explore_week, WeekExplorer
    >>> defaults = {name: spec.default for name, spec in WeekExplorer.PARAMS.items()}
    >>> fig, artists = plot_week(explore_week(**defaults))
    >>> [ax.get_xlabel() for ax in fig.axes[:2]]
    ['Week', 'Find side (content + replies), share of hours']
    """
    check_instance("run", run, WeekRun, "a result of widgets.week.explore_week")
    fig, (time_ax, map_ax) = new_figure(ncols=2)
    artists = {"figure": fig}
    for name in LEAD_ROUTES:
        (artists[name],) = time_ax.plot([], [], linewidth=2, **ROUTE_STYLE[name])
    time_ax.set(xlabel="Week", ylabel="Leads per week", title="Your split: where the leads come from")
    time_ax.legend(loc="upper left", frameon=False, fontsize=8)
    grid = run.grid
    artists["map"] = map_ax.scatter(grid["media_share"], grid["reply_share"], c=grid["value"], cmap="cividis",
                                    s=110, marker="s", edgecolors="none")
    artists["near"] = map_ax.scatter([], [], marker="o", s=14, color="white", edgecolors="black", linewidths=0.6,
                                     label=f"within {NEAR_BEST * 100:.0f} % of the best", zorder=3)
    artists["yours"] = map_ax.scatter([], [], marker="X", s=150, color="white", edgecolors="black", linewidths=1.5,
                                      label="your split", zorder=4)
    artists["best"] = map_ax.scatter([], [], marker="*", s=240, color=OKABE_ITO["orange"], edgecolors="black",
                                     linewidths=1.0, label="best on the map", zorder=4)
    map_ax.set(xlabel="Find side (content + replies), share of hours", ylabel="Replies, share of find side",
               xlim=(-0.07, 1.07), ylim=(-0.07, 1.07))
    artists["colorbar"] = fig.colorbar(artists["map"], ax=map_ax, shrink=0.9)
    artists["colorbar"].set_label("Outcome (see the panel's title)", fontsize=9)
    map_ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=3, frameon=False, fontsize=8)
    artists["map_title"] = map_ax.set_title("", fontsize=10)
    artists["title"] = fig.suptitle("", fontsize=11)
    artists["dynamic"] = [artists[name] for name in LEAD_ROUTES] + [
        artists["map"], artists["near"], artists["yours"], artists["best"], artists["title"], artists["map_title"]]
    update_week(artists, run)
    return fig, artists


def update_week(artists, run) -> None:
    """Change the WeekExplorer's figure in place to show ``run`` (no new artists)."""
    check_instance("artists", artists, dict, "the artists returned by the matching plot_ function")
    check_instance("run", run, WeekRun, "a result of widgets.week.explore_week")
    import numpy as np

    result = run.result
    weeks = result["week"].to_numpy()
    for name in LEAD_ROUTES:
        artists[name].set_data(weeks, result[name].to_numpy())
    time_ax = artists["content_leads"].axes
    time_ax.set_xlim(0.5, weeks[-1] + 0.5)
    top = float(result[list(LEAD_ROUTES)].to_numpy().max())
    time_ax.set_ylim(0, nice_ceiling(1.05 * max(top, 1e-9), steps=(1, 2, 5)))
    values = run.grid["value"].to_numpy(dtype=float)
    artists["map"].set_array(values)
    scale_top = nice_ceiling(float(values.max())) if values.max() > 0 else 1.0
    artists["map"].set_clim(0, scale_top)      # a new colour scale changes the colour bar: a limit change
    artists["colorbar"].ax.set_ylim(0, scale_top)
    near = run.grid[values >= (1 - NEAR_BEST) * run.best_value - 1e-12] if run.best_value > 0 else run.grid.iloc[:0]
    artists["near"].set_offsets(near[["media_share", "reply_share"]].to_numpy().reshape(-1, 2))
    hours = run.hours
    find = hours["content_hours"] + hours["reply_hours"]
    total = find + hours["upkeep_hours"] + hours["message_hours"]
    yours = (find / total if total > 0 else 0.0, hours["reply_hours"] / find if find > 0 else 0.0)
    artists["yours"].set_offsets(np.array([yours]))
    artists["best"].set_offsets(np.array([run.best]))
    when = "over" if run.outcome == "leads" else "after"
    artists["map_title"].set_text(f"{_OUTCOME_WORDS[run.outcome].capitalize()} {when} {len(result)} weeks, "
                                  f"{run.params['message_share']:.0%} of ties side on messages")
    artists["title"].set_text(week_finding(run))
