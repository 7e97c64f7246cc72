"""Figures for the wisdom-of-crowds lesson: a front page over time and the MusicLab market.

Front page (:mod:`smlearn.models.front_page`): left, every item's position hour by hour
(grey), with the vote ring's three targets and the best item picked out; right, each
item's hidden quality against the up-votes it won.

Market (:mod:`smlearn.models.crowds`): left, every song's market share in every world
against its quality; middle, each world's Gini coefficient; right, unpredictability.

Examples
--------
>>> from smlearn.models import crowds, front_page, vote_rings
>>> fig, artists = plot_front_page(front_page.simulate(manipulation=True, seed=1))
>>> fig.axes[0].get_ylabel(), fig.axes[1].get_xlabel()
('Position on the page (1 = top)', 'Hidden quality (chance a reader likes it)')
>>> fig, artists = plot_market(crowds.simulate(seed=1))
>>> [ax.get_ylabel() for ax in fig.axes]
['Market share (share of downloads)', 'Gini coefficient (0 = equal)', 'Unpredictability (mean |difference|)']
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter

from smlearn.models import crowds, front_page
from smlearn.params import check_instance
from smlearn.plots.style import OKABE_ITO, new_figure, nice_ceiling

__all__ = ["TOP", "front_page_finding", "describe_front_page", "plot_front_page", "update_front_page",
           "market_finding", "describe_market", "plot_market", "update_market", "describe_votes_by_day",
           "plot_votes_by_day", "describe_score_vs_views", "plot_score_vs_views", "describe_detector_roc",
           "plot_detector_roc"]

_RULE_NAMES = {"score": "net score", "hot": "Reddit's hot", "gravity (simplified)": "simplified gravity",
               "hacker news": "Hacker News's rule", "wilson": "the Wilson bound"}
TOP = 10   # "the top 10": what most readers see


def _coarse(value: float) -> float:
    # Round limits up to 1, 2 or 5 times a power of ten: they seldom move, so redraws stay cheap.
    return nice_ceiling(value, steps=(1, 2, 5))


# ---- Front page ---------------------------------------------------------------------------------

def front_page_finding(result) -> str:
    """Say in one line what a front page shows: what the ring bought, or how well quality rose."""
    check_instance("result", result, front_page.FrontPage, "a result of front_page.simulate")
    from smlearn.models.front_page import item_summary; from smlearn.models.vote_rings import manipulation_summary

    rule = _RULE_NAMES[result.params["rule"]]
    targets = manipulation_summary(result)
    best, hours = int(targets["best_rank"].min()), int(targets["hours_in_top10"].sum())
    if result.params["manipulation"]:
        # Each of the ring's accounts votes once for each target; with no accounts nothing was lifted.
        return (f"Under {rule}, with {result.params['ring_size']} fake up-votes on each, weak targets peak at #{best}; "
                f"together {hours} hours in the top {TOP}")
    summary = item_summary(result)
    return (f"Under {rule}, the final top {TOP} has mean quality {summary['top10_mean_quality']:.2f} "
            f"(all items: {summary['mean_quality']:.2f}); weak targets peak at #{best}")


def describe_front_page(result) -> str:
    """A one-line text description of the front page figure, for readers who cannot see it."""
    check_instance("result", result, front_page.FrontPage, "a result of front_page.simulate")
    from smlearn.models.front_page import item_summary

    p = result.params
    summary = item_summary(result)
    correlation = summary["quality_votes_correlation"]
    agreement = (f"rank correlation {correlation:.2f}" if np.isfinite(correlation)
                 else "every item has the same up-votes, so there is no order to compare")
    return (f"Two charts of a simulated front page over {p['hours']} hours, {p['items_per_hour']} new items an hour. "
            f"Left: each item's position hour by hour, the three weak targets highlighted. Right: hidden quality "
            f"against up-votes; {agreement}. "
            f"{front_page_finding(result)}.")


def plot_front_page(result):
    """Draw the front page figure once; return ``(figure, artists)`` for :func:`update_front_page`."""
    check_instance("result", result, front_page.FrontPage, "a result of front_page.simulate")
    from matplotlib.collections import LineCollection

    fig, (rank_ax, votes_ax) = new_figure(ncols=2)
    artists = {"figure": fig}
    artists["items"] = LineCollection([], colors="#BBBBBB", linewidths=0.7, label="other items")
    rank_ax.add_collection(artists["items"])
    (artists["best"],) = rank_ax.plot([], [], color=OKABE_ITO["blue"], linestyle="--", linewidth=2,
                                      label="the best item")
    artists["targets"] = [rank_ax.plot([], [], color=OKABE_ITO["vermillion"], linestyle="-", marker="^",
                                       markersize=4, linewidth=2, label="weak targets of the ring" if i == 0 else None)[0]
                          for i in range(3)]
    rank_ax.axhspan(0.5, TOP + 0.5, color=OKABE_ITO["yellow"], alpha=0.15, linewidth=0)
    # The label sits just outside the right edge, by the band's lower end: inside, a line (often the
    # best item's, which ends near the top) crossed it at some setting or other.
    artists["top_label"] = rank_ax.text(1.01, min(TOP, result.params["page_size"]), f"top\n{TOP}", transform=rank_ax.get_yaxis_transform(),
                                        ha="left", va="center", fontsize=8, clip_on=False)
    rank_ax.set(xlabel="Hour", ylabel="Position on the page (1 = top)", title="The page, hour by hour")

    artists["honest"] = votes_ax.scatter([], [], s=14, marker="o", color=OKABE_ITO["blue"], alpha=0.6,
                                         label="items")
    artists["ringed"] = votes_ax.scatter([], [], s=50, marker="^", color=OKABE_ITO["vermillion"],
                                         edgecolors="black", linewidths=0.6, label="targets (fake votes included)")
    votes_ax.set(xlabel="Hidden quality (chance a reader likes it)", ylabel="Up-votes won (votes)",
                 title="Quality and votes", xlim=(0, 1))
    fig.legend(handles=[artists["items"], artists["best"], artists["targets"][0], artists["honest"],
                        artists["ringed"]], loc="outside lower center", ncols=5, frameon=False, fontsize=8)
    artists["title"] = fig.suptitle("", fontsize=11)
    artists["dynamic"] = [artists["items"], artists["best"], *artists["targets"], artists["honest"],
                          artists["ringed"], artists["title"]]
    update_front_page(artists, result)
    return fig, artists


def update_front_page(artists, result) -> None:
    """Change the front page figure in place to show ``result``."""
    check_instance("artists", artists, dict, "the artists returned by the matching plot_ function")
    check_instance("result", result, front_page.FrontPage, "a result of front_page.simulate")
    p = result.params
    hours = np.arange(p["hours"]) + 0.5            # ranks are taken at the start of each hour
    ranks = np.where(result.ranks <= p["page_size"], result.ranks, np.nan)   # off the page: not drawn
    items = result.items
    targets = items.index[items["target"]].to_numpy()
    best = int(items.loc[~items["target"], "quality"].idxmax())
    others = [i for i in range(ranks.shape[1]) if i not in set(targets) | {best}]
    artists["items"].set_segments([np.column_stack([hours, ranks[:, i]]) for i in others])
    artists["best"].set_data(hours, ranks[:, best])
    for line, item in zip(artists["targets"], targets):
        line.set_data(hours, ranks[:, item])
    honest = items[~items["target"]]
    ringed = items[items["target"]]
    artists["honest"].set_offsets(np.column_stack([honest["quality"], honest["ups"]]))
    artists["ringed"].set_offsets(np.column_stack([ringed["quality"], ringed["ups"]]))

    rank_ax, votes_ax = artists["best"].axes, artists["honest"].axes
    rank_ax.set_xlim(0, p["hours"])
    rank_ax.set_ylim(p["page_size"] + 0.5, 0.5)     # position 1 at the top
    rank_ax.set_yticks([1, *range(5, p["page_size"] + 1, 5 if p["page_size"] <= 40 else 10)])
    votes_ax.set_ylim(0, _coarse(1.05 * max(float(items["ups"].max()), 1.0)))
    artists["title"].set_text(front_page_finding(result))


# ---- MusicLab ------------------------------------------------------------------------------------

_CONDITION_STYLE = {
    "social influence": {"color": OKABE_ITO["vermillion"], "marker": "o", "label": "social influence"},
    "independent": {"color": OKABE_ITO["blue"], "marker": "s", "label": "independent"},
}


def market_finding(market) -> str:
    """Say in one line how social influence changed inequality and unpredictability."""
    check_instance("market", market, crowds.Market, "a result of crowds.simulate")
    m = market.metrics
    social, independent = m.loc["social influence"], m.loc["independent"]
    ratio = social["unpredictability"] / independent["unpredictability"]
    return (f"Seeing the counts: Gini {social['gini']:.2f} vs {independent['gini']:.2f} independent; "
            f"unpredictability {ratio:.1f} times as high")


def describe_market(market) -> str:
    """A one-line text description of the market figure, for readers who cannot see it."""
    check_instance("market", market, crowds.Market, "a result of crowds.simulate")
    m = market.metrics
    p = market.params
    return (f"Three charts of {p['n_songs']} songs in {p['n_worlds']} worlds with social influence "
            f"(influence {p['influence']:.2f}) and {p['n_worlds']} independent worlds. Left: each song's market "
            f"share against its quality in every world. Middle: Gini per world. Right: unpredictability. "
            f"{market_finding(market)}; quality and success correlate at "
            f"{m.loc['social influence', 'quality_success']:.2f} with influence and "
            f"{m.loc['independent', 'quality_success']:.2f} without.")


def plot_market(market):
    """Draw the market figure once; return ``(figure, artists)`` for :func:`update_market`."""
    check_instance("market", market, crowds.Market, "a result of crowds.simulate")
    fig, (share_ax, gini_ax, u_ax) = new_figure(ncols=3)
    artists = {"figure": fig, "shares": {}, "gini": {}, "gini_mean": {}}
    for condition, style in _CONDITION_STYLE.items():
        artists["shares"][condition] = share_ax.scatter([], [], s=10, alpha=0.5, **style)
        artists["gini"][condition] = gini_ax.scatter([], [], s=22, alpha=0.8, **{**style, "label": None})
        (artists["gini_mean"][condition],) = gini_ax.plot([], [], color=style["color"], linewidth=2.5,
                                                          linestyle="-" if condition == "independent" else "--")
    share_ax.set(xlabel="Hidden quality (chance of a download)", ylabel="Market share (share of downloads)",
                 title="Success by quality")
    gini_ax.set(xticks=[0, 1], xticklabels=["social\ninfluence", "independent"], xlim=(-0.6, 1.6),
                ylabel="Gini coefficient (0 = equal)", title="Inequality, per world")
    colours = [s["color"] for s in _CONDITION_STYLE.values()]
    artists["bars"] = u_ax.bar([0, 1], [0, 0], color=colours, hatch=["//", ""], edgecolor="black", linewidth=0.6)
    u_ax.set(xticks=[0, 1], xticklabels=["social\ninfluence", "independent"], xlim=(-0.6, 1.6),
             ylabel="Unpredictability (mean |difference|)", title="Unpredictability")
    fig.legend(handles=list(artists["shares"].values()), loc="outside lower center", ncols=2, frameon=False,
               fontsize=9, markerscale=2)
    artists["title"] = fig.suptitle("", fontsize=11)
    artists["dynamic"] = [*artists["shares"].values(), *artists["gini"].values(), *artists["gini_mean"].values(),
                          *artists["bars"].patches, artists["title"]]
    update_market(artists, market)
    return fig, artists


def update_market(artists, market) -> None:
    """Change the market figure in place to show ``market``."""
    check_instance("artists", artists, dict, "the artists returned by the matching plot_ function")
    check_instance("market", market, crowds.Market, "a result of crowds.simulate")
    songs = market.songs
    spread = np.linspace(-0.25, 0.25, market.params["n_worlds"])
    top_gini = 0.0
    for position, condition in enumerate(_CONDITION_STYLE):
        rows = songs[songs["condition"] == condition]
        artists["shares"][condition].set_offsets(np.column_stack([rows["quality"], rows["share"]]))
        per_world = market.worlds.loc[market.worlds["condition"] == condition, "gini"].to_numpy()
        artists["gini"][condition].set_offsets(np.column_stack([position + spread, per_world]))
        artists["gini_mean"][condition].set_data([position - 0.35, position + 0.35], [per_world.mean()] * 2)
        top_gini = max(top_gini, float(per_world.max()))
    for bar, value in zip(artists["bars"].patches, market.metrics["unpredictability"]):
        bar.set_height(value)

    share_ax = artists["shares"]["independent"].axes
    share_ax.set_xlim(0, nice_ceiling(float(songs["quality"].max())))
    # The share axis follows the influence setting, so a nudge of the slider does not move it
    # (a moved limit means a full redraw); it only grows when a runaway hit needs more room.
    influence = market.params["influence"]
    room = 0.1 if influence <= 0.2 else 0.2 if influence <= 0.6 else 0.5
    share_ax.set_ylim(0, max(room, _coarse(1.05 * float(songs["share"].max()))))
    artists["gini"]["independent"].axes.set_ylim(0, max(0.6, nice_ceiling(top_gini)))
    artists["bars"].patches[0].axes.set_ylim(0, _coarse(1.1 * float(market.metrics["unpredictability"].max())))
    artists["title"].set_text(market_finding(market))


# ---- Real votes (Stack Exchange) beside the front page model ----------------------------------

def _check_votes_by_day(table):
    from smlearn.params import check_table

    check_table("table", table, ["day", "votes", "share", "cumulative_share"],
                what="a table from smlearn.realdata.votes_by_day")
    if len(table) < 2:
        raise ValueError("table must hold at least day 0 and the 'later' row (from realdata.votes_by_day)")


def _model_by_day(model):
    """The model's cumulative share of votes at the end of each day after submission."""
    from smlearn.params import check_table

    check_table("model", model, ["age", "cumulative_share"], what="a table from front_page.votes_by_age")
    ends = model["cumulative_share"].to_numpy()[23::24]      # hours 23, 47, ...: the end of each day
    return np.arange(len(ends)), ends


def describe_votes_by_day(table, model=None) -> str:
    """A text description of :func:`plot_votes_by_day`, for readers who cannot see it."""
    _check_votes_by_day(table)
    last = int(table["day"].iloc[-1]) - 1
    text = (f"A chart of the share of all votes cast by the end of each day after posting, days 0 to {last}, "
            f"on a real Stack Exchange site. {table['share'].iloc[0]:.0%} of the votes come on the day of "
            f"posting; {table['share'].iloc[-1]:.0%} come more than {last} days later.")
    if model is not None:
        days, ends = _model_by_day(model)
        text += (f" Dashed: the simulated front page, drawn as {len(days)} points, one per day of the "
                 f"{len(days) * 24} hours the model watches an item: {ends[0]:.0%} of an item's votes come in its "
                 f"first 24 hours and {ends[-1]:.0%} within {len(days) * 24} hours.")
    return text


def plot_votes_by_day(table, model=None):
    """Draw how real votes arrive after posting, with the front page model's items beside them.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`smlearn.realdata.votes_by_day` (its last row is "later").
    model : pandas.DataFrame, optional
        From :func:`smlearn.models.front_page.votes_by_age`, drawn dashed, one point per day.

    Returns
    -------
    (figure, axes)
    """
    _check_votes_by_day(table)
    fig, (ax,) = new_figure(height=3.4)
    days = table["day"].to_numpy()[:-1]
    cumulative = table["cumulative_share"].to_numpy()[:-1]
    ax.plot(days, cumulative, color=OKABE_ITO["blue"], linestyle="-", marker="o", markersize=4,
            label="real site: Stack Exchange (votes dated to the day)")
    if model is not None:
        model_days, ends = _model_by_day(model)
        ax.plot(model_days, ends, color=OKABE_ITO["vermillion"], linestyle="--", marker="^", markersize=6,
                label=f"model: front page under {_RULE_NAMES.get(model.attrs.get('rule'), 'its rule')} (hours grouped into days)")
    later = float(table["share"].iloc[-1])
    ax.annotate(f"the other {later:.0%} of votes come after day {int(days[-1])}", xy=(days[-1], cumulative[-1]), xytext=(days[-1] * 0.55, 0.45),
                arrowprops={"arrowstyle": "->", "color": "black"}, fontsize=9)
    ax.set(xlabel="Days after posting (0 = the day of posting)", ylabel="Share of all votes cast so far",
           ylim=(0, 1.02), xlim=(-0.5, days[-1] + 0.5))
    ax.legend(loc="lower right", frameon=False, fontsize=9)
    first = float(table["share"].iloc[0])
    title = f"Real votes come early ({first:.0%} on day 0) but keep coming for weeks"
    if model is not None:
        title += f"; the model's: {_model_by_day(model)[1][0]:.0%} on an item's first day"
    ax.set_title(title, fontsize=10)
    return fig, ax


def _check_score_vs_views(table):
    from smlearn.params import check_table

    check_table("table", table, ["views", "score"], what="a table from smlearn.realdata.score_vs_views")
    if len(table) < 2:
        raise ValueError("table must hold at least two questions (from realdata.score_vs_views)")


def describe_score_vs_views(table) -> str:
    """A text description of :func:`plot_score_vs_views`, for readers who cannot see it."""
    _check_score_vs_views(table)
    rho = table.attrs.get("spearman", table["score"].corr(table["views"], method="spearman"))
    return (f"A scatter plot of {len(table)} questions of a real Stack Exchange site: views on a log scale "
            f"(from {int(table['views'].min()):,} to {int(table['views'].max()):,}) against score (up-votes minus "
            f"down-votes, from {int(table['score'].min())} to {int(table['score'].max())}; the score scale is "
            f"stretched near 0: -1, 0 and 1 are spaced like 1, 10 and 100). More-viewed questions "
            f"tend to score higher: rank correlation {rho:.2f}.")


def plot_score_vs_views(table):
    """Draw each question's score against its views (log views; scores on a log scale beyond +-1).

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`smlearn.realdata.score_vs_views`.

    Returns
    -------
    (figure, axes)
    """
    _check_score_vs_views(table)
    rho = table.attrs.get("spearman", table["score"].corr(table["views"], method="spearman"))
    fig, (ax,) = new_figure(height=3.4)
    ax.scatter(table["views"], table["score"], s=12, marker="o", color=OKABE_ITO["blue"], alpha=0.5,
               label="one question")
    ax.set_xscale("log")
    ax.set_yscale("symlog", linthresh=1)   # scores can be 0 or negative: linear between -1 and 1, log beyond
    low, high = ax.get_ylim()
    ticks = [tick for tick in (-1000, -100, -10, -1, 0, 1, 10, 100, 1000) if low <= tick <= high]
    ax.set_yticks(ticks)
    ax.set_yticklabels([str(tick) for tick in ticks])       # plain numbers, not powers of ten
    ax.set_ylim(low, high)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set(xlabel="Views of the question (log scale)", ylabel="Score (votes: up minus down;\nscale stretched near 0)")
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    ax.set_title(f"More-viewed questions score higher, but loosely (rank correlation {rho:.2f})", fontsize=10)
    return fig, ax


# ---- The ring detector's hits against its false alarms ----------------------------------------

_CURVE_STYLES = ({"color": OKABE_ITO["blue"], "linestyle": "-", "marker": "o"},
                 {"color": OKABE_ITO["vermillion"], "linestyle": "--", "marker": "^"},
                 {"color": OKABE_ITO["bluish green"], "linestyle": ":", "marker": "s"})


def _check_curves(curves):
    from smlearn.params import check_table

    if not isinstance(curves, dict) or not curves or len(curves) > len(_CURVE_STYLES):
        raise TypeError(f"curves must be a dict of 1 to {len(_CURVE_STYLES)} curves from vote_rings.detector_curve,"
                        f" keyed by a label; got {type(curves).__name__}")
    for label, curve in curves.items():
        check_table(f"curves[{label!r}]", curve, ["false_alarm_rate", "hit_rate"],
                    what="a curve from vote_rings.detector_curve")


def _area(curve):
    return float(curve.attrs.get("area", np.trapezoid(curve["hit_rate"], curve["false_alarm_rate"])))


def describe_detector_roc(curves) -> str:
    """A text description of :func:`plot_detector_roc`, for readers who cannot see it."""
    _check_curves(curves)
    parts = []
    for label, curve in curves.items():
        parts.append(f"{label}: area {_area(curve):.2f}")
    return ("A chart of the ring detector's hits (share of ring accounts flagged) against its false alarms "
            "(share of honest accounts flagged), one point per similarity threshold, from flagging nobody "
            "(bottom left) to flagging everybody (top right, an end point added: even the loosest threshold "
            "flags only accounts that share items); the diagonal is guessing. "
            + "; ".join(parts) + " (1 = perfect, 0.5 = guessing).")


def plot_detector_roc(curves):
    """Draw the ring detector's hits against its false alarms (an ROC curve) for up to three detectors.

    Parameters
    ----------
    curves : dict
        Label -> curve from :func:`smlearn.models.vote_rings.detector_curve`.

    Returns
    -------
    (figure, axes)
    """
    _check_curves(curves)
    fig, (ax,) = new_figure(height=4.2, width=6.0)
    ax.plot([0, 1], [0, 1], color="#888888", linewidth=1, linestyle="-", label="guessing (area 0.5)")
    areas = []
    for style, (label, curve) in zip(_CURVE_STYLES, curves.items()):
        ax.plot(curve["false_alarm_rate"], curve["hit_rate"], markersize=4, linewidth=1.8,
                label=f"{label} (area {_area(curve):.2f})", **style)
        areas.append(_area(curve))
    default = None
    first = next(iter(curves.values()))
    if "min_similarity" in first.columns and (first["min_similarity"] == 0.8).any():
        default = first[first["min_similarity"] == 0.8].iloc[0]
        ax.annotate("default threshold (0.8)", xy=(default["false_alarm_rate"], default["hit_rate"]),
                    xytext=(0.25, 0.55), arrowprops={"arrowstyle": "->", "color": "black"}, fontsize=9)
    ax.annotate("flag everybody\n(added end point)", xy=(1, 1), xytext=(0.62, 0.78),
                arrowprops={"arrowstyle": "->", "color": "black"}, fontsize=9)
    ax.set(xlabel="False alarms (share of honest accounts flagged)", ylabel="Hits (share of ring accounts flagged)",
           xlim=(-0.02, 1.02), ylim=(-0.02, 1.05))
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.set_title("Catching more of a ring means accusing more honest readers" if min(areas) < 0.99
                 else "A naive ring is caught with almost no false alarms", fontsize=10)
    return fig, ax
