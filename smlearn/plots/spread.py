"""Figures for how things spread (:mod:`smlearn.models.diffusion`).

- :func:`plot_bass` / :func:`describe_bass`: Bass diffusion, adoptions per period split
  into outside push and word of mouth, and the share adopted so far.
- :func:`plot_spread` / :func:`update_spread` / :func:`describe_spread`: the
  SpreadExplorer figure: the share reached over time, and the network drawn at one
  step with everyone coloured (and shaped) by their state.

Examples
--------
>>> from smlearn.models import diffusion, networks
>>> G = networks.friendship_network(300, 6, 0.1, seed=1)
>>> run = diffusion.independent_cascade(G, 3, 0.4, seed=1)
>>> picture = SpreadPicture.of(run, G, step=5)
>>> fig, artists = plot_spread(picture)
>>> fig.axes[0].get_xlabel()
'Step'
>>> update_spread(artists, SpreadPicture.of(run, G, step=8))
>>> int(artists["step_line"].get_xdata()[0])
8
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from smlearn.models import diffusion
from smlearn.params import check_instance, check_items, check_table
from smlearn.plots.networks import EDGE_COLOUR, edge_segments, layout
from smlearn.plots.style import OKABE_ITO, new_figure, nice_ceiling

__all__ = ["STATE_STYLE", "SpreadPicture", "step_words", "spread_finding", "plot_spread", "update_spread",
           "describe_spread", "bass_finding", "plot_bass", "describe_bass", "clustered_finding",
           "plot_clustered_vs_random", "describe_clustered_vs_random", "outbreak_finding",
           "plot_outbreak_size", "describe_outbreak_size", "window_finding", "plot_cascade_window",
           "describe_cascade_window", "real_cascade_finding", "plot_real_cascade", "describe_real_cascade"]

# Each state: colour AND marker differ.
STATE_STYLE = {
    0: {"color": "#BBBBBB", "marker": "o", "s": 9, "label": "not reached yet"},
    1: {"color": OKABE_ITO["vermillion"], "marker": "^", "s": 22, "label": "adopted / infected"},
    2: {"color": OKABE_ITO["blue"], "marker": "s", "s": 12, "label": "recovered"},
}


@dataclass(frozen=True, eq=False)
class SpreadPicture:
    """What the spread figure shows: a run, where to draw everyone, the ties, and the step to show.

    Attributes
    ----------
    run : smlearn.models.diffusion.Spread
    xy : numpy.ndarray
        Positions, shape (people, 2), in the order of ``run.nodes``.
    segments : numpy.ndarray
        The ties as line segments, shape (ties, 2, 2).
    step : int
        The step to show; a step after the end shows the end.
    """

    run: object
    xy: np.ndarray
    segments: np.ndarray
    step: int

    @classmethod
    def of(cls, run, G, *, step=None, xy=None, segments=None):
        """Make a picture of ``run`` on ``G`` (the layout of :func:`smlearn.plots.networks.layout` unless given)."""
        if xy is None:
            xy = layout(G)
        if segments is None:
            segments = edge_segments(G, xy)
        return cls(run, xy, segments, run.steps if step is None else int(step))

    @property
    def shown_step(self) -> int:
        """The step actually shown (no later than the end of the run)."""
        return min(max(self.step, 0), self.run.steps)


def _verb(run):
    return "infected" if run.model == "SIR" else "reached"


def step_words(picture) -> str:
    """The step the picture shows, in the words of the "Show step" control.

    The control reads the step asked for; a run can end before it, and then the drawing shows
    the end. Saying both keeps the title true to what the control reads ("Step 300 of 5" is not).

    Examples
    --------
    >>> import networkx as nx
    >>> from smlearn.models import diffusion
    >>> G = nx.path_graph(5)
    >>> run = diffusion.independent_cascade(G, [0], 1.0)
    >>> step_words(SpreadPicture.of(run, G, step=2)), step_words(SpreadPicture.of(run, G, step=300))
    ('Step 2 of 4', 'Step 300 (the run ended at step 4)')
    """
    check_instance("picture", picture, SpreadPicture, "a SpreadPicture")
    asked = max(picture.step, 0)
    if asked > picture.run.steps:
        return f"Step {asked} (the run ended at step {picture.run.steps})"
    return f"Step {asked} of {picture.run.steps}"


def spread_finding(run) -> str:
    """One line: how far and how fast it spread."""
    check_instance("run", run, diffusion.Spread, "a result of diffusion.simulate")
    curve = run.curve
    n = len(run.nodes)
    starters = int(curve["new"].iloc[0])
    text = (f"{run.model[:1].upper()}{run.model[1:]} from {starters:,} starting {'person' if starters == 1 else 'people'} "
            f"{'infected' if run.model == 'SIR' else 'reached'} {run.final_share:.0%} of {n:,} people in {run.steps} steps")
    if run.model == "SIR":
        peak = int(curve["infected"].idxmax())
        text += f"; at most {curve['infected'].max() / n:.0%} ill at once (step {peak})"
    return text


def plot_spread(picture):
    """Draw the spread figure once; return ``(figure, artists)`` for :func:`update_spread`."""
    check_instance("picture", picture, SpreadPicture, "a SpreadPicture")
    from matplotlib.collections import LineCollection

    fig, (curve_ax, net_ax) = new_figure(ncols=2, height=3.8)
    artists = {"figure": fig}
    (artists["reached"],) = curve_ax.plot([], [], color=OKABE_ITO["vermillion"], linestyle="-", linewidth=2,
                                          label="reached so far (share)")
    (artists["active"],) = curve_ax.plot([], [], color=OKABE_ITO["blue"], linestyle="--", linewidth=2,
                                         label="new this step / ill now (share)")
    artists["step_line"] = curve_ax.axvline(0, color="#555555", linestyle=":", linewidth=1.2)
    curve_ax.set(xlabel="Step", ylabel="Share of people (0 to 1)", ylim=(0, 1.02), title="Spread over time")
    curve_ax.legend(loc="center right", frameon=False, fontsize=8)

    artists["edges"] = LineCollection([], colors=EDGE_COLOUR, linewidths=0.3, alpha=0.5, zorder=1)
    net_ax.add_collection(artists["edges"])
    artists["states"] = {state: net_ax.scatter([], [], linewidths=0, zorder=2 + state, **style)
                         for state, style in STATE_STYLE.items()}
    net_ax.set(xlim=(-1.08, 1.08), ylim=(-1.08, 1.08), aspect="equal", xticks=[], yticks=[])
    net_ax.grid(False)
    for spine in net_ax.spines.values():
        spine.set_visible(False)
    net_ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=3, frameon=False, fontsize=8, markerscale=1.5)
    artists["net_title"] = net_ax.set_title("", fontsize=10)
    artists["title"] = fig.suptitle("", fontsize=11)
    # The ties are not redrawn on every update: only when the network changes (see update_spread).
    artists["dynamic"] = [artists["reached"], artists["active"], artists["step_line"],
                          *artists["states"].values(), artists["net_title"], artists["title"]]
    update_spread(artists, picture)
    # Constrained layout needs one pass to settle next to an equal-aspect panel; do it now,
    # so that the first picture and every later full redraw have the same layout.
    fig.draw_without_rendering()
    return fig, artists


def update_spread(artists, picture) -> None:
    """Show ``picture`` in the figure, in place (no new artists)."""
    check_instance("artists", artists, dict, "the artists returned by the matching plot_ function")
    check_instance("picture", picture, SpreadPicture, "a SpreadPicture")
    run = picture.run
    curve = run.curve
    n = len(run.nodes)
    steps = curve["step"].to_numpy()
    artists["reached"].set_data(steps, curve["share"].to_numpy())
    active = curve["infected"].to_numpy() if run.model == "SIR" else curve["new"].to_numpy()
    artists["active"].set_data(steps, active / n)
    step = picture.shown_step
    artists["step_line"].set_xdata([step, step])
    artists["reached"].axes.set_xlim(0, nice_ceiling(max(run.steps, 1) * 1.05))

    if artists.get("segments") is not picture.segments:
        # Another network: other ties. The ties are not redrawn on every update (see
        # smlearn.plots.render), so each network gets its own static version: a new one
        # asks for a full redraw, and going back to a network drawn before finds its
        # kept picture. Networks are told apart by identity, holding on to the last few,
        # so that an object that has gone cannot be mistaken for a new one.
        artists["edges"].set_segments(picture.segments)
        artists["segments"] = picture.segments
        seen = artists.setdefault("networks_seen", [])          # [(segments, version)], oldest first
        version = next((v for segments, v in seen if segments is picture.segments), None)
        if version is None:
            version = artists["versions_made"] = artists.get("versions_made", 0) + 1
            seen.append((picture.segments, version))
            del seen[:-8]
        artists["static_version"] = version
    state = run.state_at(step)
    for value, scatter in artists["states"].items():
        scatter.set_offsets(picture.xy[state == value].reshape(-1, 2))
    reached = int(((run.adopted_at >= 0) & (run.adopted_at <= step)).sum())
    so_far = "in all" if picture.step >= run.steps else "so far"
    artists["net_title"].set_text(f"{step_words(picture)}: {reached:,} {_verb(run)} {so_far}")
    artists["title"].set_text(spread_finding(run))


def describe_spread(picture) -> str:
    """A one-line text description of the spread figure.

    Examples
    --------
    >>> import networkx as nx
    >>> from smlearn.models import diffusion
    >>> G = nx.path_graph(5)
    >>> print(describe_spread(SpreadPicture.of(diffusion.independent_cascade(G, [0], 1.0), G)))
    Line chart of the share of people reached over 4 steps, and a drawing of the network at step 4 of 4 with everyone coloured by state. Independent cascade from 1 starting person reached 100% of 5 people in 4 steps. At step 4: 5 reached.
    >>> print(describe_spread(SpreadPicture.of(diffusion.independent_cascade(G, [0], 1.0), G, step=300)))
    Line chart of the share of people reached over 4 steps, and a drawing of the network at step 300 (the run ended at step 4) with everyone coloured by state. Independent cascade from 1 starting person reached 100% of 5 people in 4 steps. At step 300: 5 reached.
    """
    check_instance("picture", picture, SpreadPicture, "a SpreadPicture")
    run = picture.run
    state = run.state_at(picture.shown_step)
    text = (f"Line chart of the share of people {_verb(run)} over {run.steps} steps, and a drawing of the network "
            f"at {step_words(picture)[:1].lower()}{step_words(picture)[1:]} with everyone coloured by state. "
            f"{spread_finding(run)}. At step {max(picture.step, 0)}: "
            f"{int((state == 1).sum() + (state == 2).sum()):,} {_verb(run)}")
    if run.model == "SIR":
        text += f", {int((state == 1).sum()):,} ill, {int((state == 2).sum()):,} recovered"
    return text + "."


# ---- Bass diffusion -----------------------------------------------------------------------

def bass_finding(table) -> str:
    """One line: when adoptions peak and who drives them."""
    check_table("table", table, what="a result of bass.simulate")
    peak = int(table.loc[table["new"].idxmax(), "period"])
    push, word = table["from_push"].sum(), table["from_word_of_mouth"].sum()
    driver = "word of mouth" if word > push else "outside push"
    return (f"Adoptions peak in period {peak}; {driver} brings {max(push, word) / (push + word):.0%} "
            f"of all adopters" if push + word > 0 else "Nobody adopts: without an outside push nothing starts")


def plot_bass(tables):
    """Draw Bass diffusion for one or more settings: adopters per period (split by source) and share adopted.

    Parameters
    ----------
    tables : dict of str -> pandas.DataFrame
        Results of :func:`smlearn.models.bass.simulate`, keyed by a label. The first is
        drawn with its split into outside push and word of mouth.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``tables`` is not a non-empty dict.

    Examples
    --------
    >>> from smlearn.models import bass
    >>> fig = plot_bass({"average product": bass.simulate()})
    >>> [ax.get_ylabel() for ax in fig.axes]
    ['Adopters per period (people)', 'Share adopted so far (0 to 1)']
    """
    check_instance("tables", tables, dict, "a dict of named bass.simulate results")
    if not isinstance(tables, dict) or not tables:
        raise TypeError(f"tables must be a non-empty dict {{label: table}}; got {type(tables).__name__}")
    fig, (new_ax, share_ax) = new_figure(ncols=2)
    styles = [("-", "o"), ("--", "s"), (":", "^"), ("-.", "D")]
    colours = [OKABE_ITO["black"], OKABE_ITO["reddish purple"], OKABE_ITO["bluish green"], OKABE_ITO["orange"]]
    first_label, first = next(iter(tables.items()))
    new_ax.stackplot(first["period"], first["from_push"], first["from_word_of_mouth"],
                     colors=[OKABE_ITO["sky blue"], OKABE_ITO["yellow"]], alpha=0.7,
                     labels=[f"{first_label}: outside push (p)", f"{first_label}: word of mouth (q)"])
    for (label, table), (linestyle, marker), colour in zip(tables.items(), styles, colours):
        new_ax.plot(table["period"], table["new"], color=colour, linestyle=linestyle, marker=marker, markersize=3,
                    linewidth=1.5, label=f"{label}: all adopters")
        share_ax.plot(table["period"], table["share"], color=colour, linestyle=linestyle, marker=marker,
                      markersize=3, linewidth=1.5, label=label)
    new_ax.set(xlabel="Period", ylabel="Adopters per period (people)", title="Adopters per period",
               xlim=(0.5, max(t["period"].max() for t in tables.values()) + 0.5))
    share_ax.set(xlabel="Period", ylabel="Share adopted so far (0 to 1)", title="Share adopted so far", ylim=(0, 1.02))
    share_ax.axhline(0.5, color="#555555", linestyle=":", linewidth=1)
    new_ax.legend(loc="upper right", frameon=False, fontsize=8)
    share_ax.legend(loc="lower right", frameon=False, fontsize=8)
    fig.suptitle(bass_finding(first) + f" ({first_label})", fontsize=11)
    return fig


def describe_bass(tables) -> str:
    """One line describing :func:`plot_bass`.

    Examples
    --------
    >>> from smlearn.models import bass
    >>> print(describe_bass({"average product": bass.simulate()}))
    Two charts of Bass diffusion. Average product: p = 0.03, q = 0.38; adoptions peak in period 7 at 110 people; half the market has adopted by period 7; word of mouth brings 79% of adopters.
    """
    check_instance("tables", tables, dict, "a dict of named bass.simulate results")
    parts = []
    for label, table in tables.items():
        params = table.attrs["params"]
        peak = int(table.loc[table["new"].idxmax(), "period"])
        half = table.loc[table["share"] >= 0.5, "period"]
        word = table["from_word_of_mouth"].sum() / max(table["new"].sum(), 1e-12)
        parts.append(f"{label[:1].upper()}{label[1:]}: p = {params['p']:g}, q = {params['q']:g}; adoptions peak in "
                     f"period {peak} at {table['new'].max():,.0f} people; "
                     + (f"half the market has adopted by period {int(half.iloc[0])}" if len(half)
                        else "half the market is not reached in time")
                     + f"; word of mouth brings {word:.0%} of adopters")
    return "Two charts of Bass diffusion. " + " ".join(p + "." for p in parts)


# ---- Centola's comparison: clustered lattice against shuffled ties -------------------------------

def clustered_finding(table) -> str:
    """The finding of a :func:`smlearn.models.diffusion_experiments.clustered_vs_random` table, as a title.

    Examples
    --------
    >>> import pandas as pd
    >>> clustered_finding(pd.DataFrame({"step": [0, 1], "clustered": [0.1, 0.5], "random": [0.1, 0.3]}))
    'The clustered network ends with more adopters (50% against 30%)'
    """
    check_table("table", table, ("step", "clustered", "random"), what="a diffusion_experiments.clustered_vs_random table")
    end = table.iloc[-1]
    a, b = float(end["clustered"]), float(end["random"])
    if abs(a - b) < 0.005:
        return f"Both networks end with about the same share of adopters ({a:.0%})"
    winner = "clustered" if a > b else "shuffled"
    return f"The {winner} network ends with more adopters ({max(a, b):.0%} against {min(a, b):.0%})"


def plot_clustered_vs_random(table):
    """Draw the mean share adopted, step by step, on the clustered lattice and on the same ties shuffled.

    Parameters
    ----------
    table : pandas.DataFrame
        A result of :func:`smlearn.models.diffusion_experiments.clustered_vs_random`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> fig = plot_clustered_vs_random(pd.DataFrame({"step": [0, 1, 2], "clustered": [0.1, 0.3, 0.5],
    ...                                              "random": [0.1, 0.2, 0.3]}))
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
    ('Step (rounds of passing on)', 'Mean share adopted so far (0 to 1)')
    """
    check_table("table", table, ("step", "clustered", "random"), what="a diffusion_experiments.clustered_vs_random table")
    fig, (ax,) = new_figure()
    ax.plot(table["step"], table["clustered"], color=OKABE_ITO["vermillion"], linestyle="-", marker="^",
            markersize=3, linewidth=1.8, label="clustered lattice")
    ax.plot(table["step"], table["random"], color=OKABE_ITO["blue"], linestyle="--", marker="o",
            markersize=3, linewidth=1.8, label="same ties shuffled")
    top = max(float(table["clustered"].max()), float(table["random"].max()))
    ax.set(xlabel="Step (rounds of passing on)", ylabel="Mean share adopted so far (0 to 1)",
           xlim=(0, float(table["step"].max())), ylim=(0, min(1.02, nice_ceiling(max(top, 0.05) * 1.1))))
    ax.legend(loc="lower right", frameon=False, fontsize=9)
    ax.set_title(clustered_finding(table), fontsize=11)
    return fig


def describe_clustered_vs_random(table) -> str:
    """One line describing :func:`plot_clustered_vs_random`, for readers who cannot see it.

    Examples
    --------
    >>> import pandas as pd
    >>> print(describe_clustered_vs_random(pd.DataFrame({"step": [0, 1, 2], "clustered": [0.1, 0.3, 0.5],
    ...                                                  "random": [0.1, 0.2, 0.3]})))
    Line chart of the mean share adopted over 2 steps. Clustered lattice: 50% in the end; same ties shuffled: 30%. The clustered lattice is never behind.
    >>> print(describe_clustered_vs_random(pd.DataFrame({"step": [0, 1, 2], "clustered": [0.1, 0.18, 0.5],
    ...                                                  "random": [0.1, 0.2, 0.3]})))
    Line chart of the mean share adopted over 2 steps. Clustered lattice: 50% in the end; same ties shuffled: 30%. The clustered lattice is behind at 1 of 3 steps, by at most 2 percentage points.
    """
    check_table("table", table, ("step", "clustered", "random"), what="a diffusion_experiments.clustered_vs_random table")
    end = table.iloc[-1]
    behind = table["clustered"] < table["random"] - 1e-12
    most = max(1, round(100 * float((table["random"] - table["clustered"]).max())))   # the widest gap, in points
    order = ("The clustered lattice is never behind." if not behind.any()
             else f"The clustered lattice is behind at {int(behind.sum())} of {len(table)} steps, by at most "
                  f"{most} percentage point{'' if most == 1 else 's'}.")
    return (f"Line chart of the mean share adopted over {int(table['step'].max())} steps. Clustered lattice: "
            f"{end['clustered']:.0%} in the end; same ties shuffled: {end['random']:.0%}. {order}")


# ---- Two classic figures: outbreak size (Newman 2002) and the cascade window (Watts 2002) --------

def outbreak_finding(tables) -> str:
    """The finding of :func:`plot_outbreak_size` as a title: where big outbreaks start, against T_c."""
    check_instance("tables", tables, dict, "a dict of named diffusion_experiments.outbreak_sizes results")
    if not tables:
        raise ValueError("tables must hold at least one diffusion_experiments.outbreak_sizes result")
    # T_c's value is left out of the title, legend and description: the lesson asks for it as an exercise.
    parts = []
    for label, table in tables.items():
        big = table.loc[table["median"] > 0.5, "T"]    # "large": the median run reaches over half the network
        parts.append(f"{label} from T = {big.iloc[0]:.2f}" if len(big) else f"{label} never")
    return "Outbreaks grow large only above T_c (dash-dot line)\nmedian run over half the network: " + "; ".join(parts)


def plot_outbreak_size(tables):
    """Draw the final share reached against transmissibility T, with the epidemic threshold T_c marked.

    Parameters
    ----------
    tables : dict of str -> pandas.DataFrame
        Results of :func:`smlearn.models.diffusion_experiments.outbreak_sizes`, keyed by a label
        (the network). Each is drawn as its median with a band from the 10th to the 90th
        percentile of the runs; the first one's ``T_c`` is marked.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import networkx as nx
    >>> from smlearn.models import diffusion_experiments
    >>> table = diffusion_experiments.outbreak_sizes(nx.random_regular_graph(4, 200, seed=1), [0.1, 0.5, 0.9], runs=5)
    >>> fig = plot_outbreak_size({"everyone with 4 ties": table})
    >>> fig.axes[0].get_xlabel()
    'Transmissibility T (chance a tie passes it on, 0 to 1)'
    """
    check_instance("tables", tables, dict, "a dict of named diffusion_experiments.outbreak_sizes results")
    if not tables:
        raise ValueError("tables must hold at least one diffusion_experiments.outbreak_sizes result")
    for label, table in tables.items():
        check_table(f"tables[{label!r}]", table, ("T", "median", "low", "high"), what="a diffusion_experiments.outbreak_sizes table")
    fig, (ax,) = new_figure()
    styles = [(OKABE_ITO["vermillion"], "-", "^"), (OKABE_ITO["blue"], "--", "o"), (OKABE_ITO["bluish green"], ":", "s")]
    for (label, table), (colour, linestyle, marker) in zip(tables.items(), styles):
        ax.fill_between(table["T"], table["low"], table["high"], color=colour, alpha=0.18, linewidth=0)
        ax.plot(table["T"], table["median"], color=colour, linestyle=linestyle, marker=marker, markersize=4,
                linewidth=1.8, label=f"{label}: median of {table.attrs.get('runs', '')} runs (band: 10th-90th percentile)")
    t_c = next(iter(tables.values())).attrs["T_c"]     # drawn, not printed: its value is an exercise
    ax.axvline(t_c, color=OKABE_ITO["black"], linestyle="-.", linewidth=1.2, label="T_c = <k>/(<k^2> - <k>)")
    ax.set(xlabel="Transmissibility T (chance a tie passes it on, 0 to 1)",
           ylabel="Final share reached (0 to 1)", ylim=(0, 1.02))
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    ax.set_title(outbreak_finding(tables), fontsize=10)
    return fig


def describe_outbreak_size(tables) -> str:
    """Describe :func:`plot_outbreak_size` in words, for readers who cannot see it.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"T": [0.1, 0.5], "mean": [0.01, 0.9], "median": [0.01, 0.9], "low": [0.0, 0.8], "high": [0.02, 0.95]})
    >>> t.attrs["T_c"] = 0.2
    >>> print(describe_outbreak_size({"a network": t}))
    Line chart of the final share reached against transmissibility T, with the epidemic threshold T_c marked by a vertical line. A network: median 1% at T = 0.10, 90% at T = 0.50; the median first passes half the network at T = 0.50.
    """
    check_instance("tables", tables, dict, "a dict of named diffusion_experiments.outbreak_sizes results")
    if not tables:
        raise ValueError("tables must hold at least one diffusion_experiments.outbreak_sizes result")
    parts = []
    for label, table in tables.items():
        check_table(f"tables[{label!r}]", table, ("T", "median"), what="a diffusion_experiments.outbreak_sizes table")
        first, last = table.iloc[0], table.iloc[-1]
        big = table.loc[table["median"] > 0.5, "T"]
        parts.append(f"{label[:1].upper()}{label[1:]}: median {first['median']:.0%} at T = {first['T']:.2f}, "
                     f"{last['median']:.0%} at T = {last['T']:.2f}; "
                     + (f"the median first passes half the network at T = {big.iloc[0]:.2f}." if len(big)
                        else "the median never passes half the network."))
    return ("Line chart of the final share reached against transmissibility T, with the epidemic threshold T_c "
            "marked by a vertical line. "
            + " ".join(parts))


def window_finding(table) -> str:
    """The finding of :func:`plot_cascade_window` as a title."""
    check_table("table", table, ("z", "cascades", "inside"), what="a diffusion_experiments.cascade_window table")
    some = table.loc[table["cascades"] > 0, "z"]
    if not len(some):
        return "No single starter set off a global cascade at any mean degree tried"
    return (f"Global cascades happen only in a window: from z = {some.min():g} to {some.max():g} ties per person "
            f"(threshold {table.attrs.get('theta', 0.18):g})")


def plot_cascade_window(table):
    """Draw the share of single starters that set off a global cascade against mean degree z, with Watts's window shaded.

    Parameters
    ----------
    table : pandas.DataFrame
        A result of :func:`smlearn.models.diffusion_experiments.cascade_window`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"z": [0.5, 3.0, 9.0], "cascades": [0.0, 0.8, 0.0], "condition": [0.5, 1.9, 0.2],
    ...                   "inside": [False, True, False]})
    >>> fig = plot_cascade_window(t)
    >>> fig.axes[0].get_xlabel()
    'Mean degree z (ties per person)'
    """
    check_table("table", table, ("z", "cascades", "condition", "inside"), what="a diffusion_experiments.cascade_window table")
    fig, (ax,) = new_figure()
    low, high = table.attrs.get("window", (float("nan"), float("nan")))
    if low == low and high == high:     # not NaN: there is a window
        ax.axvspan(low, high, color=OKABE_ITO["sky blue"], alpha=0.25,
                   label=f"Watts's window for a very large network: z from {low:.1f} to {high:.1f}")
    ax.plot(table["z"], table["cascades"], color=OKABE_ITO["vermillion"], linestyle="-", marker="^", markersize=5,
            linewidth=1.8, label=f"simulated: share of {table.attrs.get('runs', '')} single starters reaching over "
                                 f"{table.attrs.get('big', 0.1):.0%}")
    ax.set(xlabel="Mean degree z (ties per person)", ylabel="Starters going global (share, 0 to 1)",
           ylim=(0, 1.02), xlim=(0, float(table["z"].max()) + 0.5))
    ax.legend(loc="upper right", frameon=False, fontsize=8)
    ax.set_title(window_finding(table), fontsize=11)
    return fig


def describe_cascade_window(table) -> str:
    """Describe :func:`plot_cascade_window` in words.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"z": [0.5, 3.0, 9.0], "cascades": [0.0, 0.8, 0.0], "condition": [0.5, 1.9, 0.2],
    ...                   "inside": [False, True, False]})
    >>> print(describe_cascade_window(t))
    Line chart of how often one random starter sets off a global cascade, for mean degree z from 0.5 to 9. It is highest, 80%, at z = 3; cascades happen from z = 3 to 3; Watts's cascade number is above 1 from z = 3 to 3 of the values tried.
    """
    check_table("table", table, ("z", "cascades", "inside"), what="a diffusion_experiments.cascade_window table")
    best = table.loc[table["cascades"].idxmax()]
    some = table.loc[table["cascades"] > 0, "z"]
    inside = table.loc[table["inside"], "z"]
    text = (f"Line chart of how often one random starter sets off a global cascade, for mean degree z from "
            f"{table['z'].min():g} to {table['z'].max():g}. It is highest, {best['cascades']:.0%}, at z = {best['z']:g}; ")
    text += f"cascades happen from z = {some.min():g} to {some.max():g}; " if len(some) else "no starter sets one off; "
    low, high = table.attrs.get("window", (float("nan"), float("nan")))
    if low == low and high == high:
        text += f"Watts's window for a very large network, shaded, runs from z = {low:.1f} to {high:.1f}."
    else:
        text += ("no value tried is inside Watts's window." if not len(inside)
                 else f"Watts's cascade number is above 1 from z = {inside.min():g} to {inside.max():g} of the values tried.")
    return text


# ---- A real retweet cascade against two fitted curves ---------------------------------------------

def real_cascade_finding(fits) -> str:
    """The finding of :func:`plot_real_cascade` as a title."""
    check_items("fits", fits, what="realdata.cascade fits")
    worst = 0.0
    short = ""
    for fit in fits:
        worst = max(worst, fit.largest_gap)
        total = float(fit.curve["observed"].iloc[-1])
        if fit.model == "Bass" and fit.params["market"] < 0.97 * total:
            short = f"; Bass levels off {1 - fit.params['market'] / total:.0%} short of the long tail"
    # "Follow" rather than "fit well": the network curve is built from the sharers seen, so it cannot fail here.
    return f"Both fits follow the whole count within {worst:.0%}{short}"


def plot_real_cascade(fits, exposure):
    """Draw a real cascade's running count of shares with fitted curves (log hours), and who brought the audience.

    Parameters
    ----------
    fits : list of CascadeFit
        Results of :func:`smlearn.realdata.cascade.fit_bass` and
        :func:`~smlearn.realdata.cascade.fit_network_spread` on the same cascade.
    exposure : pandas.DataFrame
        A result of :func:`smlearn.realdata.cascade.exposure_curve`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    check_items("fits", fits, what="realdata.cascade fits")
    check_table("exposure", exposure, ("sharers", "exposure"), what="a realdata.exposure_curve table")
    fig, (ax, right) = new_figure(ncols=2)
    data = fits[0].curve
    hours = data["hours"].clip(lower=1 / 60)        # a log axis has no 0: the first minute is drawn at 1 minute
    ax.plot(hours, data["observed"], color=OKABE_ITO["black"], linestyle="-", linewidth=2.2, label="real shares")
    styles = [(OKABE_ITO["orange"], "--"), (OKABE_ITO["blue"], ":"), (OKABE_ITO["reddish purple"], "-.")]
    for fit, (colour, linestyle) in zip(fits, styles):
        ax.plot(fit.curve["hours"].clip(lower=1 / 60), fit.curve["fitted"], color=colour, linestyle=linestyle,
                linewidth=1.8, label=f"{fit.model} fit (largest gap {fit.largest_gap:.0%})")
    ax.set_xscale("log")
    ax.set(xlabel="Hours since the original post (log scale)", ylabel="Shares so far (count)",
           title="Shares over time")
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    right.plot(exposure["sharers"], exposure["exposure"], color=OKABE_ITO["bluish green"], linestyle="-",
               linewidth=2, label="sharers sorted by followers, biggest first\n(followers summed: overlaps count twice)")
    right.plot(exposure["sharers"], exposure["sharers"], color="#777777", linestyle=":", linewidth=1,
               label="equal shares (y = x)")
    right.set_xscale("log")
    right.set(xlabel="Share of sharers, biggest first (log scale, 0 to 1)",
              ylabel="Share of summed followers (0 to 1)", ylim=(0, 1.02),
              title="Who brought the audience")
    right.legend(loc="upper left", frameon=False, fontsize=8)
    fig.suptitle(real_cascade_finding(fits), fontsize=11)
    return fig


def describe_real_cascade(fits, exposure) -> str:
    """Describe :func:`plot_real_cascade` in words (without the hour by which 75 % of shares came: an exercise)."""
    check_items("fits", fits, what="realdata.cascade fits")
    check_table("exposure", exposure, ("sharers", "exposure"), what="a realdata.exposure_curve table")
    data = fits[0].curve
    total = float(data["observed"].iloc[-1])
    half = float(data.loc[data["observed"] >= total / 2, "hours"].iloc[0])
    text = (f"Two charts. Left: the running count of {total:,.0f} shares over {data['hours'].iloc[-1]:.0f} hours on a "
            f"log time axis; half had come by {half:.1f} hours. ")
    for fit in fits:
        text += f"The {fit.model} curve stays within {fit.largest_gap:.1%} of all shares of the data"
        if fit.model == "Bass":
            text += (f" (p = {fit.params['p']:.3f} and q = {fit.params['q']:.3f} per hour, final size "
                     f"{fit.params['market']:,.0f})")
        elif fit.model == "network spread":
            text += f" (chance {fit.params['chance']:.2%} per follower, mean wait {60 * fit.params['hours']:.0f} minutes)"
        text += ". "
    tenth = exposure.loc[exposure["sharers"] <= 0.1, "exposure"]
    text += ("Right: sharers sorted by their followers, biggest first, against the share of the summed followers "
             "(an upper bound on people reached: overlaps count twice) that they brought, with equal shares (y = x) "
             f"for reference; the biggest tenth of sharers brought {float(tenth.iloc[-1]) if len(tenth) else 0:.0%}.")
    return text
