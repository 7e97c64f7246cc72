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

from smlearn.plots.style import OKABE_ITO, new_figure, nice_ceiling

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
    last = result.iloc[-1]
    return (f"Two charts over {len(result)} weeks. Left: followers end at {last['followers']:,.0f} and ties at "
            f"{last['ties']:,.0f}. Right: leads per week in the last week: {last['content_leads']:.2f} from content, "
            f"{last['referral_leads']:.2f} referred by ties, {last['message_leads']:.2f} from mass messages. "
            f"{pipeline_finding(result)}.")


def plot_pipeline(result):
    """Draw the explorer's figure once; return ``(figure, artists)`` for :func:`update_pipeline`."""
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
    "strangers": "strangers reached (find)",
    "views": "follower views (find)",
    "conversations": "conversations (find, two-way)",
    "new_ties": "followers who became ties",
    "introductions": "people introduced by ties",
}


def stage_totals(result):
    """How many people (or views) passed each stage over the run, in pipeline order.

    Examples
    --------
    >>> from smlearn.models import pipeline
    >>> list(stage_totals(pipeline.simulate()).index)[:2]
    ['strangers reached (find)', 'follower views (find)']
    """
    import pandas as pd

    totals = {STAGE_LABELS[name]: float(result[name].sum()) for name in STAGE_LABELS}
    return pd.Series(totals, name="total over the run")


def plot_stages(result):
    """A horizontal bar per stage of the pipeline, on a log scale: where do people drop out?

    Returns
    -------
    matplotlib.figure.Figure
    """
    totals = stage_totals(result)
    fig, (ax,) = new_figure(height=3.2)
    positions = list(range(len(totals)))[::-1]        # first stage at the top
    colours = [OKABE_ITO["blue"], OKABE_ITO["blue"], OKABE_ITO["sky blue"], OKABE_ITO["vermillion"],
               OKABE_ITO["vermillion"]]
    hatches = ["", "", "..", "//", "//"]
    bars = ax.barh(positions, totals.clip(lower=0.01).to_numpy(), color=colours, edgecolor="black", linewidth=0.6)
    for bar, hatch in zip(bars, hatches):
        bar.set_hatch(hatch)
    for y, value in zip(positions, totals.to_numpy()):
        ax.text(max(value, 0.01) * 1.15, y, f"{value:,.0f}", va="center", fontsize=9)
    ax.set_yticks(positions, totals.index)
    ax.set_xscale("log")
    ax.set_xlim(0.5, nice_ceiling(float(totals.max()) * 8))
    ax.set_xlabel(f"People (or views) over {len(result)} weeks, log scale")
    tied = float(result["new_ties"].sum())
    ax.set_title(f"Of {totals.iloc[0]:,.0f} strangers reached, {tied:,.0f} became ties through a conversation",
                 fontsize=11)
    return fig


def describe_stages(result) -> str:
    """A one-line text description of :func:`plot_stages`."""
    parts = [f"{label}: {value:,.0f}" for label, value in stage_totals(result).items()]
    return f"Bar chart, log scale, of the people passing each stage over {len(result)} weeks. " + "; ".join(parts) + "."
