"""Figures for the returns models (:mod:`smlearn.models.returns`, :mod:`smlearn.models.uncertainty`).

The explorer's figure shows, for two post types, the rate estimated from a sample of
posts with two intervals round it (the plain percentile bootstrap, too narrow on few posts,
and the weighted-mean interval, which keeps its level from 10 posts) and, as hollow markers,
the values over every post of that type: the truth each estimate tries to find (a diamond for
the ratio of sums, a triangle for the weighted mean; we know them because the data set is
synthetic).

Examples
--------
>>> from smlearn import data
>>> from smlearn.models import uncertainty
>>> run = uncertainty.simulate(data.load("post_metrics"), seed=0)
>>> fig, artists = plot_returns(run)
>>> fig.axes[0].get_xlabel()
'Engaged users per person reached (%)'
>>> update_returns(artists, uncertainty.simulate(data.load("post_metrics"), sample_size=80, seed=0))
>>> artists["title"].get_text()
'With 80 posts of each: video beats photo (P = 0.99)'
"""

from __future__ import annotations

import numpy as np

from smlearn.params import check_instance, check_table, check_text
from smlearn.plots.style import OKABE_ITO, freeze_layout, new_figure, nice_ceiling

__all__ = ["returns_finding", "describe_returns", "plot_returns", "update_returns", "plot_funnel",
           "describe_funnel", "plot_rates_by_group", "describe_rates_by_group", "plot_bootstrap",
           "describe_bootstrap"]

_AXIS = {
    "engagement_rate_reach": "Engaged users per person reached (%)",
    "engagement_rate_followers": "Engaged users per follower (%)",
    "ctr": "Clicks per impression (%)",
    "conversion_rate": "Conversions per click (%)",
}
_STAGE_WORDS = {"reach": "people reached", "engaged_users": "engaged users", "clicks": "people who clicked",
                "impressions": "impressions", "engagements": "engagements",
                "user_profile_clicks": "profile clicks", "follows": "follows"}
_GROUP_STYLE = {"A": {"color": OKABE_ITO["blue"], "marker": "o"}, "B": {"color": OKABE_ITO["vermillion"], "marker": "s"}}


def _check_run(result):
    from smlearn.models.uncertainty import TypeEstimates

    check_instance("result", result, TypeEstimates, "the result of uncertainty.simulate")


def returns_finding(result) -> str:
    """One line: what the sample says about type B vs type A, and whether it could be luck."""
    _check_run(result)
    p = result.params
    prob = result.prob_b_better
    a, b = result.table.iloc[0], result.table.iloc[1]
    n = p["sample_size"]
    label_b = b["type"] if a["type"] != b["type"] else f"{b['type']} B"    # the same type twice: its
    label_a = a["type"] if a["type"] != b["type"] else f"{a['type']} A"    # two samples, named as on the chart
    if prob >= 0.95:
        verdict = f"{label_b} beats {label_a} (P = {prob:.2f})"
    elif prob <= 0.05:
        verdict = f"{label_a} beats {label_b} (P = {1 - prob:.2f})"
    else:
        verdict = f"no clear winner (P that {label_b} is better = {prob:.2f})"
    if not result.trustworthy:      # below uncertainty.MIN_POSTS posts
        return f"With {n} posts of each: too few to trust any interval"
    return f"With {n} posts of each: {verdict}"


def describe_returns(result) -> str:
    """A one-line text description of the figure, for readers who cannot see it."""
    _check_run(result)
    parts = []
    for row in result.table.itertuples():
        parts.append(f"{row.type} ({row.group}): {row.estimate:.2%} from {row.posts} posts, bootstrap interval "
                     f"{row.boot_low:.2%} to {row.boot_high:.2%} (over all posts {row.truth:.2%}); weighted mean "
                     f"{row.weighted_estimate:.2%}, interval {row.weighted_low:.2%} to {row.weighted_high:.2%} (over all posts "
                     f"{row.weighted_truth:.2%})")
    missing = result.missing
    left_out = f" {missing} post(s) with a missing cell were left out." if missing else ""
    return f"Interval chart of {_AXIS[result.params['metric']].lower()}. " + "; ".join(parts) + \
        f". {returns_finding(result)}.{left_out}"


def plot_returns(result):
    """Draw the estimates with their intervals once; return ``(figure, artists)``."""
    _check_run(result)
    fig, (ax,) = new_figure(height=3.0)
    artists = {"figure": fig, "boot": {}, "weighted": {}, "estimate": {}, "centre": {}, "truth": {}, "weighted_truth": {}}
    for y, group in ((1.0, "A"), (0.0, "B")):
        style = _GROUP_STYLE[group]
        (artists["boot"][group],) = ax.plot([], [], color=style["color"], linewidth=4, solid_capstyle="butt",
                                            label="bootstrap interval" if group == "A" else "_nolegend_")
        (artists["weighted"][group],) = ax.plot([], [], color=style["color"], linewidth=1.5, linestyle="--",
                                            label="weighted-mean interval" if group == "A" else "_nolegend_")
        (artists["estimate"][group],) = ax.plot([], [], linestyle="none", markersize=9, markeredgecolor="black",
                                                label="ratio of sums of the sample" if group == "A" else "_nolegend_",
                                                **style)
        # The weighted mean sits on its own (dashed) interval: a bar across the line.
        (artists["centre"][group],) = ax.plot([], [], linestyle="none", marker="|", markersize=12,
                                              markeredgewidth=2, color=style["color"],
                                              label="weighted mean" if group == "A" else "_nolegend_")
        (artists["truth"][group],) = ax.plot([], [], linestyle="none", marker="D", markersize=9,
                                             markerfacecolor="none", markeredgecolor="black", markeredgewidth=1.5,
                                             label="ratio of sums over all posts" if group == "A" else "_nolegend_")
        (artists["weighted_truth"][group],) = ax.plot([], [], linestyle="none", marker="^", markersize=8,
                                                  markerfacecolor="none", markeredgecolor="black",
                                                  markeredgewidth=1.5,
                                                  label="weighted mean over all posts" if group == "A" else "_nolegend_")
    ax.set_ylim(-0.7, 1.7)
    ax.set_yticks([])
    # Type names as text artists (not tick labels), so a fast redraw updates them too.
    artists["labels"] = {group: ax.text(-0.01, y, "", transform=ax.get_yaxis_transform(), ha="right", va="center",
                                        fontsize=10) for y, group in ((1.0, "A"), (0.0, "B"))}
    # Below the axes and never changing: its pixels are kept apart from the limits (a third of the draw).
    artists["fixed"] = [fig.legend(handles=[artists[k]["A"] for k in ("boot", "weighted", "estimate", "centre", "truth",
                                                                      "weighted_truth")],
                                   loc="outside lower center", ncols=3, frameon=False, fontsize=9)]
    artists["title"] = ax.set_title("", fontsize=11)
    artists["dynamic"] = [*artists["boot"].values(), *artists["weighted"].values(), *artists["estimate"].values(),
                          *artists["centre"].values(), *artists["truth"].values(), *artists["weighted_truth"].values(),
                          *artists["labels"].values(),
                          artists["title"]]
    update_returns(artists, result)
    freeze_layout(fig)    # no y tick labels, and x tick labels keep their height: fixed places are safe
    return fig, artists


def update_returns(artists, result) -> None:
    """Change the figure's data in place to show ``result`` (from ``uncertainty.simulate``)."""
    check_instance("artists", artists, dict, "the artists returned by the matching plot_ function")
    _check_run(result)
    table = result.table
    ax = artists["title"].axes
    top = 0.0
    for (y, group), row in zip(((1.0, "A"), (0.0, "B")), table.itertuples()):
        artists["boot"][group].set_data([row.boot_low * 100, row.boot_high * 100], [y + 0.08, y + 0.08])
        artists["weighted"][group].set_data([row.weighted_low * 100, row.weighted_high * 100], [y - 0.12, y - 0.12])
        artists["estimate"][group].set_data([row.estimate * 100], [y + 0.08])
        artists["centre"][group].set_data([row.weighted_estimate * 100], [y - 0.12])
        artists["truth"][group].set_data([row.truth * 100], [y + 0.3])
        artists["weighted_truth"][group].set_data([row.weighted_truth * 100], [y - 0.35])
        top = max(top, *(v for v in (row.boot_high, row.weighted_high, row.truth, row.estimate) if np.isfinite(v)))
    ax.set_xlim(0, nice_ceiling(top * 100 * 1.1))
    for group, row in zip(("A", "B"), table.itertuples()):
        artists["labels"][group].set_text(f"{group}: {row.type}")
    # The axis names the metric. It is not redrawn on every update, so the renderer is
    # told (by the version) when it changes, and keeps one picture per metric.
    metric = result.params["metric"]
    if artists.get("static_version") != metric:
        ax.set_xlabel(_AXIS[metric])
        artists["static_version"] = metric
    artists["title"].set_text(returns_finding(result))


def plot_funnel(table, *, counting="people"):
    """Draw a funnel (from ``returns.funnel``) as horizontal bars on a log scale.

    ``counting`` names what the stages count, for the x axis: "people" for a funnel of people
    (reach, engaged users, ...), "events" for one of views and actions (impressions,
    engagements, ...), as X/Twitter exports count them.

    Examples
    --------
    >>> from smlearn import data
    >>> from smlearn.models import returns
    >>> fig = plot_funnel(returns.funnel(data.load("post_metrics")))
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_title()
    ('People over all posts (log scale)', 'Out of 536,248 people reached, 118 ended in a conversion (0.022%)')
    """
    check_table("table", table)
    check_text("counting", counting)
    fig, (ax,) = new_figure(height=3.0)
    stages = list(table.index)[::-1]
    counts = table["count"].to_numpy()[::-1]
    # Stage names in words ("profile clicks", not "user_profile_clicks").
    labels = []
    for stage in stages:
        labels.append(_STAGE_WORDS.get(stage, str(stage).replace("_", " ")))
    ax.barh(labels, counts, color=OKABE_ITO["blue"], edgecolor="black", hatch="//")
    ax.set_xscale("log")
    for y, (count, share) in enumerate(zip(counts, table["share_of_previous"].to_numpy()[::-1])):
        above = "  (the top stage)" if y == len(counts) - 1 else f"  ({share * 100:.2g}% of the stage above)"
        ax.text(count * 1.15, y, f"{count:,.0f}{above}", va="center", fontsize=9)
    # Room on the right for the widest bar's label, no more (a decade of log scale).
    ax.set_xlim(max(counts.min() / 2, 0.5), counts.max() * 10)
    ax.set(xlabel=f"{counting.capitalize()} over all posts (log scale)", ylabel="Stage")
    last, top = table["count"].iloc[-1], table["count"].iloc[0]
    first = _STAGE_WORDS.get(table.index[0], table.index[0].replace("_", " "))
    if table.index[-1] == "conversions":
        ax.set_title(f"Out of {top:,.0f} {first}, {last:,.0f} ended in a conversion ({last / top:.3%})", fontsize=11)
    else:
        end = _STAGE_WORDS.get(table.index[-1], table.index[-1].replace("_", " "))
        # "ended as" would claim that every later action is counted; an export counts each stage
        # on its own (X counts only follows made straight from a tweet), so say what was counted.
        ax.set_title(f"{top:,.0f} {first}; only {last:,.0f} {end} counted ({_per_million(last / top)})",
                     fontsize=11)
    return fig


def _per_million(share) -> str:
    """A share in words: 3.2 % as a percentage, tiny shares per million."""
    return f"{share:.2%}" if share >= 0.001 else f"{share * 1e6:,.2g} per million"


def describe_funnel(table, *, counting="people") -> str:
    """One line of text for :func:`plot_funnel` (``counting`` as there)."""
    check_table("table", table)
    check_text("counting", counting)
    parts = [f"{_STAGE_WORDS.get(stage, str(stage).replace('_', ' '))} {row['count']:,.0f}" for stage, row in table.iterrows()]
    return f"Bar chart of the funnel, in {counting}, widest stage first: " + ", ".join(parts) + "."


def plot_rates_by_group(summary, *, by_label="Paid"):
    """Two panels: engagement rate by reach and by followers, one bar per group.

    Parameters
    ----------
    summary : pandas.DataFrame
        From ``returns.summarize(posts, by=...)``.

    Examples
    --------
    >>> from smlearn import data
    >>> from smlearn.models import returns
    >>> fig = plot_rates_by_group(returns.summarize(data.load("post_metrics"), by="paid"))
    >>> [ax.get_ylabel() for ax in fig.axes]
    ['Engaged users per person reached (%)', 'Engaged users per follower (%)']
    """
    check_table("summary", summary, what="a table from returns.summarize")
    check_instance("by_label", by_label, str, "a string")
    fig, axes = new_figure(ncols=2)
    names = [str(i) for i in summary.index]
    colours = [OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["bluish green"], OKABE_ITO["orange"]]
    hatches = ["", "//", "..", "xx"]
    for ax, column in zip(axes, ("engagement_rate_reach", "engagement_rate_followers")):
        values = summary[column].to_numpy() * 100
        bars = ax.bar(names, values, color=colours[: len(names)], edgecolor="black")
        for bar, hatch in zip(bars, hatches):
            bar.set_hatch(hatch)
        for x, v in enumerate(values):
            ax.text(x, v, f"{v:.2f}%", ha="center", va="bottom", fontsize=9)
        ax.set(xlabel=by_label, ylabel=_AXIS[column], ylim=(0, nice_ceiling(values.max() * 1.15)))
    ratio_reach = summary["engagement_rate_reach"].max() / summary["engagement_rate_reach"].min()
    ratio_followers = summary["engagement_rate_followers"].max() / summary["engagement_rate_followers"].min()
    fig.suptitle(f"By reach the groups differ {ratio_reach:.1f}-fold; by followers {ratio_followers:.1f}-fold",
                 fontsize=11)
    return fig


def describe_rates_by_group(summary) -> str:
    """One line of text for :func:`plot_rates_by_group`."""
    check_table("summary", summary, what="a table from returns.summarize")
    parts = [f"{group}: {row['engagement_rate_reach']:.2%} by reach, {row['engagement_rate_followers']:.2%} by followers"
             for group, row in summary.iterrows()]
    return "Two bar charts of engagement rate. " + "; ".join(parts) + "."


def _check_bootstrap_figure(distribution, label, scale, unit):
    """The arguments of plot_bootstrap and describe_bootstrap, checked once for both."""
    from smlearn.models.bootstrap import BootstrapDistribution

    check_instance("distribution", distribution, BootstrapDistribution,
                   "the result of bootstrap.bootstrap_distribution")
    check_text("label", label)
    check_text("unit", unit)
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not 0 < scale <= 1e6:
        raise ValueError(f"scale must be a number above 0 (100 for percent); got {scale!r}")


def plot_bootstrap(distribution, *, label="Engagements per impression", scale=100, unit="%"):
    """The classic bootstrap figure: the resampled rates as a histogram, with the interval's ends
    and the estimate marked.

    Parameters
    ----------
    distribution : smlearn.models.bootstrap.BootstrapDistribution
        From :func:`smlearn.models.bootstrap.bootstrap_distribution`.
    label : str
        What the rate is, for the x axis (the unit is added).
    scale : float, default 100
        Multiply every rate by this for the axis (100 for percent, 1000 for "per 1,000").
    unit : str, default '%'
        The unit after scaling, shown in the axis label and the title.

    Examples
    --------
    >>> from smlearn.models import bootstrap
    >>> d = bootstrap.bootstrap_distribution([3, 5, 2, 8, 4], [50, 60, 40, 90, 70], seed=1)
    >>> fig = plot_bootstrap(d)
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
    ('Engagements per impression (%)', 'Resamples (count)')
    """
    _check_bootstrap_figure(distribution, label, scale, unit)
    d = distribution
    fig, (ax,) = new_figure(height=3.2)
    values = d.values * scale
    ax.hist(values, bins=40, color=OKABE_ITO["sky blue"], edgecolor="black", linewidth=0.5,
            label=f"{len(values):,} resampled rates")
    ax.axvline(d.low * scale, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=2,
               label=f"interval ends ({d.level:.0%}): {d.low * scale:.3g} and {d.high * scale:.3g} {unit}")
    ax.axvline(d.high * scale, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=2)
    ax.axvline(d.estimate * scale, color="black", linestyle="-", linewidth=2,
               label=f"estimate from all {d.posts:,} posts: {d.estimate * scale:.3g} {unit}")
    ax.set(xlabel=f"{label} ({unit})", ylabel="Resamples (count)")
    ax.legend(loc="upper right", fontsize=9, frameon=False)
    top = ax.get_ylim()[1]
    ax.set_ylim(0, top * 1.35)    # room for the legend above the bars
    ax.set_title(f"Resampling the {d.posts:,} posts puts the rate between {d.low * scale:.3g} and "
                 f"{d.high * scale:.3g} {unit} in {d.level:.0%} of resamples", fontsize=11)
    return fig


def describe_bootstrap(distribution, *, label="Engagements per impression", scale=100, unit="%") -> str:
    """One paragraph of text for :func:`plot_bootstrap` (same arguments)."""
    _check_bootstrap_figure(distribution, label, scale, unit)
    d = distribution
    values = d.values * scale
    middle = d.estimate * scale
    skew = "longer on the right" if values.max() - middle > middle - values.min() else "longer on the left"
    return (f"Histogram of {len(values):,} bootstrap resamples of {label.lower()}, in {unit}: they run from "
            f"{values.min():.3g} to {values.max():.3g}, with a tail {skew}. The estimate from all {d.posts:,} posts "
            f"is {middle:.3g} {unit}; the middle {d.level:.0%} of the resamples, the interval, runs from "
            f"{d.low * scale:.3g} to {d.high * scale:.3g} {unit}.")
