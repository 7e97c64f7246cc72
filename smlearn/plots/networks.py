"""Figures for who is connected (:mod:`smlearn.models.networks`).

- :func:`layout`: where to put each person in a drawing, without randomness for the
  generated networks: a friendship network sits on its circle (its shortcuts cross
  it), a follower network is a disc with the most-followed accounts in the middle.
- :func:`plot_networks` / :func:`update_networks` / :func:`describe_networks`: the
  NetworkExplorer figure: both networks drawn, their degree distributions on log axes,
  and their measures side by side.
- :func:`plot_real_networks`: the course's real networks, drawn beside each other, each
  with its clustering and the clustering chance alone would give (its density); the
  title, from :func:`real_networks_finding`, says which of them cluster beyond chance.
- :func:`plot_small_world` / :func:`describe_small_world`: Watts and Strogatz's figure 2,
  clustering and path length against the share of ties moved, on a log axis.
- :func:`plot_follower_tail` / :func:`describe_follower_tail`: how many accounts have at
  least k followers, on log-log axes, with the power law fitted to the tail and its check.

Friendship networks take the "social networking" style (vermillion, solid, circles)
and follower networks the "social media" style (blue, dashed, squares) everywhere.

Examples
--------
>>> from smlearn.models import networks
>>> pair = networks.simulate(n=200, mean_degree=6, seed=1)
>>> fig, artists = plot_networks(pair)
>>> [ax.get_xscale() for ax in fig.axes][2]
'log'
>>> update_networks(artists, networks.simulate(n=200, mean_degree=8, seed=1))
>>> len(artists["nodes"]["friendship"].get_offsets())
200
"""

from __future__ import annotations

import numpy as np

from smlearn.models import degree_tails, networks
from smlearn.params import check_graph, check_instance, check_items, check_number, check_seed, check_table, check_text
from smlearn.plots.style import OKABE_ITO, SERIES_STYLE, new_figure

__all__ = ["KIND_STYLE", "KIND_LABEL", "BAR_MEASURES", "EDGE_COLOUR", "layout", "edge_segments", "ccdf",
           "networks_finding", "plot_networks", "update_networks", "describe_networks", "plot_real_networks",
           "clustering_and_chance", "real_networks_finding", "describe_real_networks", "small_world_finding",
           "plot_small_world", "describe_small_world", "fit_words", "plot_follower_tail",
           "describe_follower_tail"]

KIND_STYLE = {"friendship": SERIES_STYLE["social networking"], "follower": SERIES_STYLE["social media"]}
KIND_LABEL = {"friendship": "friendship network (two-way)", "follower": "follower network (one-way)"}
BAR_MEASURES = {"reciprocity": "ties returned", "clustering": "clustering", "gini_followers": "Gini of followers",
                "top1_share": "followers held by top 1 %"}
EDGE_COLOUR = "#BBBBBB"


def layout(G, *, seed=None):
    """Return an (n, 2) array of positions, in the order of ``list(G)``.

    Friendship networks (``G.graph["kind"] == "friendship"``) go on a circle in node order.
    Every other generated network goes on a disc, ranked by followers: rank r sits at
    radius sqrt(r / n), so the most-followed accounts are in the middle, each turned by
    the golden angle from the last. Any other graph gets a spring layout seeded by ``seed``.

    Examples
    --------
    >>> import networkx as nx
    >>> ring = nx.cycle_graph(4)
    >>> ring.graph["kind"] = "friendship"
    >>> layout(ring).round(2).tolist()
    [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [-0.0, -1.0]]
    """
    check_graph("G", G)
    check_seed(seed)
    check_graph("G", G)
    n = G.number_of_nodes()
    kind = G.graph.get("kind")
    if kind == "friendship":
        angle = 2 * np.pi * np.arange(n) / n
        return np.column_stack([np.cos(angle), np.sin(angle)])
    if kind in ("follower", "random"):
        followers = np.array([d for _, d in (G.in_degree() if G.is_directed() else G.degree())])
        rank = np.empty(n)
        rank[np.argsort(-followers, kind="stable")] = np.arange(n)
        radius = np.sqrt((rank + 0.5) / n)
        angle = rank * np.pi * (3 - np.sqrt(5))     # the golden angle
        return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    import networkx as nx

    rng = check_seed(seed)
    start = {v: rng.random(2) for v in G}          # our generator places everyone first
    positions = nx.spring_layout(G, pos=start)
    xy = np.array([positions[v] for v in G])
    return xy / max(np.abs(xy).max(), 1e-12)


def edge_segments(G, xy):
    """Return the ties as line segments, shape (ties, 2, 2), for a LineCollection."""
    check_graph("G", G)
    check_instance("xy", xy, np.ndarray, "positions from layout(G)")
    index = {v: i for i, v in enumerate(G)}
    pairs = np.array([(index[u], index[v]) for u, v in G.edges()], dtype=np.int64).reshape(-1, 2)
    return xy[pairs]


def _draw_empty_network(ax, style, *, size=10):
    from matplotlib.collections import LineCollection

    edges = LineCollection([], colors=EDGE_COLOUR, linewidths=0.4, alpha=0.6, zorder=1)
    ax.add_collection(edges)
    nodes = ax.scatter([], [], s=size, color=style["color"], marker=style["marker"], linewidths=0, zorder=2)
    ax.set(xlim=(-1.08, 1.08), ylim=(-1.08, 1.08), aspect="equal", xticks=[], yticks=[])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return edges, nodes


def ccdf(degrees):
    """Return ``(k, share)``: the share of people with degree at least k, for each k >= 1 that occurs."""
    degrees = check_items("degrees", degrees, what="degrees (whole numbers >= 0)")
    k = np.sort(np.asarray(degrees))
    values = np.unique(k[k > 0])
    at_least = k.size - np.searchsorted(k, values, side="left")   # how many have degree >= each value
    return values, at_least / max(k.size, 1)


def _followers(G):
    return np.array([d for _, d in (G.in_degree() if G.is_directed() else G.degree())])


def networks_finding(result) -> str:
    """One line: what the pair of networks shows."""
    check_instance("result", result, networks.NetworkPair, "a result of networks.simulate")
    t = result.table
    return (f"Friendships are all returned and cluster ({t.loc['friendship', 'clustering']:.2f}); "
            f"{t.loc['follower', 'reciprocity']:.0%} of follows are returned and the top 1 % "
            f"hold {t.loc['follower', 'top1_share']:.0%} of followers")


def plot_networks(result):
    """Draw the NetworkExplorer figure once; return ``(figure, artists)`` for :func:`update_networks`."""
    check_instance("result", result, networks.NetworkPair, "a result of networks.simulate")
    fig, (friends_ax, fans_ax, degree_ax, bars_ax) = new_figure(ncols=2, nrows=2, height=3.4)
    artists = {"figure": fig, "edges": {}, "nodes": {}, "degrees": {}, "bars": {}, "values": {}}
    for kind, ax in (("friendship", friends_ax), ("follower", fans_ax)):
        artists["edges"][kind], artists["nodes"][kind] = _draw_empty_network(ax, KIND_STYLE[kind])
        artists[f"{kind}_title"] = ax.set_title("", fontsize=10)
        style = {k: v for k, v in KIND_STYLE[kind].items() if k != "label"}
        (artists["degrees"][kind],) = degree_ax.plot([], [], markersize=4, linewidth=1.5, label=KIND_LABEL[kind], **style)
    degree_ax.set(xscale="log", yscale="log", xlabel="Ties or followers, k (people, log scale)",
                  ylabel="Share with at least k (log scale)", title="Degree distributions")
    degree_ax.legend(loc="lower left", frameon=False, fontsize=8)

    names = list(BAR_MEASURES)
    y = np.arange(len(names))
    for offset, kind, hatch in ((-0.2, "friendship", None), (0.2, "follower", "//")):
        color = KIND_STYLE[kind]["color"]
        artists["bars"][kind] = bars_ax.barh(y + offset, np.zeros(len(names)), height=0.38, color=color,
                                             hatch=hatch, edgecolor="white", label=KIND_LABEL[kind])
        artists["values"][kind] = [bars_ax.text(0, yi + offset, "", va="center", fontsize=8) for yi in y]
    bars_ax.set(yticks=y, yticklabels=[BAR_MEASURES[m] for m in names], xlim=(0, 1.18), xlabel="Share (0 to 1)",
                title="Measures side by side")
    bars_ax.invert_yaxis()
    artists["title"] = fig.suptitle("", fontsize=11)
    bar_patches = [patch for kind in artists["bars"] for patch in artists["bars"][kind]]
    artists["dynamic"] = [*artists["edges"].values(), *artists["nodes"].values(), artists["friendship_title"],
                          artists["follower_title"], *artists["degrees"].values(), *bar_patches,
                          *artists["values"]["friendship"], *artists["values"]["follower"], artists["title"]]
    update_networks(artists, result)
    return fig, artists


def update_networks(artists, result) -> None:
    """Show ``result`` (a :class:`~smlearn.models.networks.NetworkPair`) in the figure, in place."""
    check_instance("artists", artists, dict, "the artists returned by the matching plot_ function")
    check_instance("result", result, networks.NetworkPair, "a result of networks.simulate")
    from smlearn.plots.style import nice_ceiling

    graphs = {"friendship": result.friendship, "follower": result.follower}
    largest = 1
    for kind, G in graphs.items():
        xy = layout(G)
        artists["edges"][kind].set_segments(edge_segments(G, xy))
        artists["nodes"][kind].set_offsets(xy)
        row = result.table.loc[kind]
        artists[f"{kind}_title"].set_text(f"{kind.capitalize()}: {int(row['people'])} people, "
                                          f"{int(row['ties'])} ties")
        k, share = ccdf(_followers(G))
        artists["degrees"][kind].set_data(k, share)
        largest = max(largest, int(k.max()) if k.size else 1)
        for patch, text, name in zip(artists["bars"][kind], artists["values"][kind], BAR_MEASURES):
            value = float(row[name])
            patch.set_width(value)
            text.set_x(value + 0.02)
            text.set_text(f"{value:.2f}")
    degree_ax = artists["degrees"]["friendship"].axes
    degree_ax.set_xlim(0.8, nice_ceiling(1.5 * largest))
    n = int(result.table["people"].max())
    degree_ax.set_ylim(0.5 / n, 1.5)
    artists["title"].set_text(networks_finding(result))


def describe_networks(result) -> str:
    """A one-line text description of the NetworkExplorer figure.

    Examples
    --------
    >>> from smlearn.models import networks
    >>> describe_networks(networks.simulate(n=200, mean_degree=6, seed=1)).startswith("Two network drawings")
    True
    """
    check_instance("result", result, networks.NetworkPair, "a result of networks.simulate")
    t = result.table
    parts = []
    for kind in ("friendship", "follower"):
        row = t.loc[kind]
        parts.append(f"{kind}: reciprocity {row['reciprocity']:.2f}, clustering {row['clustering']:.2f}, "
                     f"mean path {row['mean_path']:.1f} hops, most ties or followers {int(row['max_followers'])}, "
                     f"Gini {row['gini_followers']:.2f}, top 1 % share {row['top1_share']:.2f}")
    return (f"Two network drawings of {int(t['people'].iloc[0])} people each, their degree distributions on log axes "
            f"and bars of their measures. {networks_finding(result)}. In numbers: {'; '.join(parts)}.")


# ---- The real networks, for lesson 03 ------------------------------------------------------

def plot_real_networks(graphs, *, colour_by=None, seed=0):
    """Draw several small networks side by side (a spring layout from one seeded generator).

    Parameters
    ----------
    graphs : dict of str -> networkx graph
    colour_by : dict of str -> str, optional
        For some graphs, a node attribute whose two values get two colours and markers
        (e.g. ``{"karate": "club"}``).
    seed : int
        Seed of the one generator used for every layout.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``graphs`` is not a non-empty dict.

    Examples
    --------
    >>> import networkx as nx
    >>> fig = plot_real_networks({"karate": nx.karate_club_graph()}, colour_by={"karate": "club"})
    >>> fig.axes[0].get_title()
    'karate: 34 people, 78 ties\\nclustering 0.57, chance 0.14'
    """
    check_instance("graphs", graphs, dict, "a dict of named networks")
    check_instance("colour_by", colour_by, (dict, type(None)), "None or a dict: network name -> attribute")
    if not isinstance(graphs, dict) or not graphs:
        raise TypeError(f"graphs must be a non-empty dict {{name: graph}}; got {type(graphs).__name__}")
    from matplotlib.collections import LineCollection

    rng = check_seed(seed)
    colour_by = colour_by or {}
    fig, axes = new_figure(ncols=len(graphs), height=3.4)
    palette = [(OKABE_ITO["vermillion"], "o"), (OKABE_ITO["blue"], "s"), (OKABE_ITO["bluish green"], "^")]
    for ax, (name, G) in zip(axes, graphs.items()):
        xy = layout(G, seed=rng)
        ax.add_collection(LineCollection(edge_segments(G, xy), colors=EDGE_COLOUR, linewidths=0.8, zorder=1))
        attribute = colour_by.get(name)
        groups = {None: list(range(len(xy)))}
        if attribute:
            values = [G.nodes[v].get(attribute) for v in G]
            groups = {value: [i for i, v in enumerate(values) if v == value] for value in dict.fromkeys(values)}
        for (value, members), (colour, marker) in zip(groups.items(), palette):
            label = None if value is None else f"{attribute} {value}"
            ax.scatter(xy[members, 0], xy[members, 1], s=28, color=colour, marker=marker, zorder=2,
                       edgecolors="white", linewidths=0.5, label=label)
        if attribute:
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.18), frameon=False, fontsize=8, ncols=2)
        ax.set(xlim=(-1.12, 1.12), ylim=(-1.12, 1.12), aspect="equal", xticks=[], yticks=[])
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        clustering, chance = clustering_and_chance(G)
        ax.set_title(f"{name}: {G.number_of_nodes()} people, {G.number_of_edges()} ties\n"
                     f"clustering {clustering:.2f}, chance {chance:.2f}", fontsize=10)
    fig.suptitle(real_networks_finding(graphs), fontsize=11)
    return fig


def clustering_and_chance(G):
    """Return ``(clustering, chance)``: a network's average clustering, and what random ties would give.

    A random network with the same people and the same number of ties has clustering
    about equal to its density, the share of all pairs of people who are tied. Only
    clustering well above that is evidence that friends of friends are friends.
    Direction is ignored.

    Examples
    --------
    >>> import networkx as nx
    >>> [round(x, 2) for x in clustering_and_chance(nx.karate_club_graph())]
    [0.57, 0.14]
    """
    check_graph("G", G)
    import networkx as nx

    undirected = G.to_undirected() if G.is_directed() else G
    return nx.average_clustering(undirected), nx.density(undirected)


def _join(names):
    """'a', 'a and b', 'a, b and c'."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def real_networks_finding(graphs, *, beyond=2.0) -> str:
    """One line: which networks cluster well beyond chance (more than ``beyond`` times their density).

    Examples
    --------
    >>> import networkx as nx
    >>> real_networks_finding({"karate": nx.karate_club_graph(), "florentine": nx.florentine_families_graph()})
    'Only karate clusters well beyond chance; florentine sits near chance'
    """
    check_instance("graphs", graphs, dict, "a dict of named networks")
    check_number("beyond", beyond, 0, low_open=True)
    above, near = [], []
    for name, G in graphs.items():
        clustering, chance = clustering_and_chance(G)
        if clustering > beyond * chance:
            above.append(name)
        else:
            near.append(name)
    if not above:
        return "None of them clusters well beyond chance: each sits near what random ties give"
    if not near:
        first = _join(above)
        return f"{first[:1].upper()}{first[1:]} {'clusters' if len(above) == 1 else 'all cluster'} well beyond chance"
    return f"Only {_join(above)} {'clusters' if len(above) == 1 else 'cluster'} well beyond chance; " \
           f"{_join(near)} {'sits' if len(near) == 1 else 'sit'} near chance"


def describe_real_networks(graphs, table, *, colour_by=None) -> str:
    """One line describing :func:`plot_real_networks`, with each network's measures from ``table``.

    ``colour_by`` (as given to :func:`plot_real_networks`) names the groups of those
    networks, with each group's marker and colour, and how many people are in it.

    Examples
    --------
    >>> import networkx as nx
    >>> from smlearn.models.networks import compare
    >>> g = {"karate": nx.karate_club_graph()}
    >>> describe_real_networks(g, compare(g))
    'Drawings of 1 real networks. Karate clusters well beyond chance. karate: 34 people, 78 ties, clustering 0.57 (chance 0.14), mean path 2.4 hops.'
    """
    check_instance("graphs", graphs, dict, "a dict of named networks")
    check_table("table", table, what="a table from networks.compare")
    check_instance("colour_by", colour_by, (dict, type(None)), "None or a dict: network name -> attribute")
    colour_by = colour_by or {}
    parts = []
    for name, G in graphs.items():
        part = (f"{name}: {G.number_of_nodes()} people, {G.number_of_edges()} ties, clustering "
                f"{table.loc[name, 'clustering']:.2f} (chance {clustering_and_chance(G)[1]:.2f}), "
                f"mean path {table.loc[name, 'mean_path']:.1f} hops")
        attribute = colour_by.get(name)
        if attribute:
            part += f", {attribute} shown by marker and colour: " + ", ".join(_group_words(G, attribute))
        parts.append(part)
    return f"Drawings of {len(graphs)} real networks. {real_networks_finding(graphs)}. " + "; ".join(parts) + "."


_GROUP_LOOKS = ["vermillion circles", "blue squares", "bluish-green triangles"]   # the order plot_real_networks uses


def _group_words(G, attribute):
    """['Mr. Hi (vermillion circles, 17 people)', ...]: each group of ``attribute`` as the drawing shows it."""
    counts = {}
    for _, value in G.nodes(data=attribute):
        counts[value] = counts.get(value, 0) + 1
    words = []
    for (value, count), looks in zip(counts.items(), _GROUP_LOOKS):
        words.append(f"{value} ({looks}, {count} people)")
    return words


# ---- The small world (Watts and Strogatz 1998, figure 2) -----------------------------------

def _check_small_world(table):
    check_table("table", table, what="a table from networks.small_world_curve")
    for column in ("clustering_ratio", "path_ratio"):
        if column not in table.columns:
            raise ValueError(f"table must come from networks.small_world_curve; it has no column {column!r}")
    shown = table[table.index > 0]
    if shown.empty:
        raise ValueError("table must hold at least one rewiring probability above 0 (a log axis cannot show 0)")
    return shown


def _small_world_window(shown, *, path_below=0.5, clustering_above=0.8):
    """The smallest and largest p where paths are under half the circle's and clustering over 80 % of it."""
    inside = shown[(shown["path_ratio"] < path_below) & (shown["clustering_ratio"] > clustering_above)]
    if inside.empty:
        return None
    return float(inside.index.min()), float(inside.index.max())


def small_world_finding(table) -> str:
    """One line: where paths are already short while clustering is still high (the small-world window)."""
    shown = _check_small_world(table)
    window = _small_world_window(shown)
    if window is None:
        return "No small-world window here: paths do not fall below half while clustering stays above 80 %"
    return (f"Small world: from p = {window[0]:.2g} to {window[1]:.2g}, paths are under half the circle's "
            f"while clustering keeps over 80 %")


def plot_small_world(table):
    """Draw C(p)/C(0) and L(p)/L(0) against the share of ties moved, p, on a log axis.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`smlearn.models.networks.small_world_curve` (rows with p = 0 are the
        baseline and are not drawn: a log axis has no 0).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from smlearn.models import networks
    >>> fig = plot_small_world(networks.small_world_curve(n=200, k=6, ps=[0.01, 0.1, 1.0], repeats=1))
    >>> fig.axes[0].get_xscale()
    'log'
    """
    shown = _check_small_world(table)
    fig, (ax,) = new_figure(height=3.6)
    ax.plot(shown.index, shown["clustering_ratio"], color=OKABE_ITO["vermillion"], linestyle="-", marker="o",
            label="clustering, C(p) / C(0)")
    ax.plot(shown.index, shown["path_ratio"], color=OKABE_ITO["blue"], linestyle="--", marker="s",
            label="mean path, L(p) / L(0)")
    window = _small_world_window(shown)
    if window is not None:
        ax.axvspan(window[0], window[1], color=OKABE_ITO["bluish green"], alpha=0.15, linewidth=0,
                   label="small world: short paths, high clustering")
    ax.set(xscale="log", ylim=(0, 1.05), xlabel="Share of ties moved to random people, p (log scale)",
           ylabel="Share of the circle's value (0 to 1)")
    n, k = table.attrs.get("n"), table.attrs.get("k")
    size = f"\n({n:,} people, {k} ties each)" if n and k else ""
    ax.set_title(small_world_finding(table) + size, fontsize=10)
    ax.legend(loc="lower left", frameon=False, fontsize=8)
    return fig


def describe_small_world(table) -> str:
    """A text description of :func:`plot_small_world`, with the values at the ends and in the window.

    Examples
    --------
    >>> from smlearn.models import networks
    >>> describe_small_world(networks.small_world_curve(n=200, k=6, ps=[0.01, 0.1, 1.0], repeats=1))[:40]
    'Line chart of clustering and mean path a'
    """
    shown = _check_small_world(table)
    base = table.loc[table.index.min()]
    first, last = shown.iloc[0], shown.iloc[-1]
    points = []
    for p, row in shown.iterrows():
        points.append(f"p = {p:.2g}: clustering {row['clustering_ratio']:.2f}, path {row['path_ratio']:.2f}")
    return (f"Line chart of clustering and mean path against the share of ties moved, p, on a log axis, each as a "
            f"share of the circle's own (clustering {base['clustering']:.3f}, path {base['mean_path']:.1f} hops). "
            f"{small_world_finding(table)}. Path falls first: at p = {shown.index[0]:.2g} it is "
            f"{first['path_ratio']:.2f} and clustering {first['clustering_ratio']:.2f}; at p = {shown.index[-1]:.2g} "
            f"path {last['path_ratio']:.2f}, clustering {last['clustering_ratio']:.2f}. Every point: "
            + "; ".join(points) + ".")


# ---- The heavy tail of followers -------------------------------------------------------------

def _check_followers(followers, fit):
    values = check_items("followers", followers, what="follower counts (whole numbers >= 0)")
    k = np.asarray(values, dtype=float)
    if not np.all(np.isfinite(k)) or np.any(k < 0) or np.any(k != np.round(k)):
        raise ValueError("followers must be whole numbers >= 0 (one count per account)")
    if not np.any(k >= 1):
        raise ValueError("followers must include at least one account with a follower")
    check_instance("fit", fit, (degree_tails.PowerLawFit, type(None)), "None or a result of degree_tails.power_law_fit")
    if fit is None:
        fit = degree_tails.power_law_fit(k.astype(np.int64))
    return k.astype(np.int64), fit


def fit_words(fit) -> str:
    """The power-law check in words: what its p-value does and does not say."""
    check_instance("fit", fit, degree_tails.PowerLawFit, "a result of degree_tails.power_law_fit")
    if np.isnan(fit.p_value):
        return "the fit was not checked (no synthetic data sets were drawn)"
    if fit.p_value < 0.1:
        return (f"p = {fit.p_value:.2f} from {fit.resamples} synthetic data sets, below 0.1: "
                f"a power law is ruled out for this tail")
    return (f"p = {fit.p_value:.2f} from {fit.resamples} synthetic data sets, above 0.1: a power law is not "
            f"ruled out, which does not prove one; a log-normal might fit as well")


def plot_follower_tail(followers, *, fit=None, who="accounts"):
    """Draw the share of accounts with at least k followers on log-log axes, with the fitted power-law tail.

    Parameters
    ----------
    followers : list of whole numbers >= 0
        One follower count per account (accounts with 0 cannot be shown on a log axis).
    fit : PowerLawFit, optional
        From :func:`smlearn.models.degree_tails.power_law_fit` on the same counts; fitted here
        (100 resamples, a few seconds) when not given.
    who : str
        What the accounts are, for the labels (e.g. ``"MPs"``).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from smlearn.models import networks
    >>> counts = list(range(1, 300))
    >>> fig = plot_follower_tail(counts, fit=degree_tails.power_law_fit(counts, resamples=0))
    >>> [fig.axes[0].get_xscale(), fig.axes[0].get_yscale()]
    ['log', 'log']
    """
    check_text("who", who)
    k, fit = _check_followers(followers, fit)
    from scipy.special import zeta

    values, share = ccdf(k)
    fig, (ax,) = new_figure(height=3.6)
    ax.plot(values, share, color=OKABE_ITO["blue"], linestyle="none", marker="s", markersize=3,
            label=f"{who}: share with at least k followers")
    line = np.geomspace(fit.k_min, max(values.max(), fit.k_min + 1), 100)
    tail_share = fit.n_tail / k.size
    model = tail_share * zeta(fit.exponent, line) / zeta(fit.exponent, float(fit.k_min))
    ax.plot(line, model, color=OKABE_ITO["vermillion"], linestyle="-", linewidth=2,
            label=f"power law fitted from {fit.k_min:,} up (exponent {fit.exponent:.2f}: "
                  f"slope {1 - fit.exponent:.2f} on these axes)")
    ax.axvline(fit.k_min, color=OKABE_ITO["black"], linestyle=":", linewidth=1, label="where the fitted tail starts")
    ax.set(xscale="log", yscale="log", xlabel="Followers, k (people, log scale)",
           ylabel=f"Share of {who} with at least k (log scale)")
    verdict = "not ruled out" if fit.p_value >= 0.1 else "ruled out"
    ax.set_title(f"A heavy tail: a few {who} hold most followers; a power law for the top {fit.n_tail} is "
                 f"{verdict} (p = {fit.p_value:.2f})", fontsize=10)
    ax.legend(loc="lower left", frameon=False, fontsize=8)
    return fig


def describe_follower_tail(followers, *, fit=None, who="accounts") -> str:
    """A text description of :func:`plot_follower_tail`: the spread of the counts and the fit check in words.

    Examples
    --------
    >>> from smlearn.models import networks
    >>> counts = list(range(1, 300))
    >>> describe_follower_tail(counts, fit=degree_tails.power_law_fit(counts, resamples=0))[:34]
    'Log-log chart of the share of the '
    """
    check_text("who", who)
    k, fit = _check_followers(followers, fit)
    return (f"Log-log chart of the share of the {k.size:,} {who} with at least k followers, from "
            f"{int(k.min()):,} to {int(k.max()):,} followers (median {float(np.median(k)):,.0f}). "
            f"The counts stretch over {np.log10(max(k.max(), 1) / max(np.median(k), 1)):.1f} "
            f"powers of ten above the median: a heavy tail. A power law with exponent {fit.exponent:.2f} (a line of slope "
            f"{1 - fit.exponent:.2f} on these axes) is fitted to "
            f"the {fit.n_tail} {who} with {fit.k_min:,} followers or more (largest gap to the data {fit.ks:.3f}); "
            f"{fit_words(fit)}.")
