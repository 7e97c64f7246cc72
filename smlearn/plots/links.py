"""Figures for the links lesson (:mod:`smlearn.models.links`).

The explorer's figure has three panels: links from other sites to yours, week by week;
the search visits they bring (lesson 02's pull channel); and every page of the web at
the end, links received against PageRank, with your pages picked out.

Examples
--------
>>> from smlearn.models import links
>>> fig, artists = plot_links(links.simulate(seed=1))
>>> [ax.get_ylabel() for ax in fig.axes]
['Links from other sites (links)', 'Search visits per week', 'PageRank (share of the web)']
>>> update_links(artists, links.simulate(content_quality=0.9, seed=1))
>>> int(artists["links_in"].get_ydata()[-1]) > 145
True
"""

from __future__ import annotations

import numpy as np

from smlearn.models import links
from smlearn.params import check_instance, check_table
from smlearn.plots.style import OKABE_ITO, SERIES_STYLE, new_figure, nice_ceiling

__all__ = ["links_finding", "describe_links", "plot_links", "update_links", "plot_links_and_pull",
           "describe_links_and_pull", "small_web_finding", "draw_small_web", "describe_small_web"]


def links_finding(result) -> str:
    """Say in one line what a result shows: links earned, visits and how they grew."""
    check_instance("result", result, links.LinkWeb, "a result of links.simulate")
    weekly = result.weekly
    first, last = weekly.iloc[0], weekly.iloc[-1]
    if first["visits"] > 0:
        growth = last["visits"] / first["visits"]
        trend = f"{growth:.1f} times week 1" if growth >= 1 else f"down to {growth:.0%} of week 1"
    else:                         # no visits in week 1: there is no ratio to state
        trend = "up from none in week 1" if last["visits"] > 0 else "none in week 1 either"
    return (f"By week {int(last['period'])}: {int(last['links_in'])} links from other sites, "
            f"{last['visits']:.0f} search visits a week ({trend})")


def describe_links(result) -> str:
    """A one-line text description of the links figure, for readers who cannot see it."""
    check_instance("result", result, links.LinkWeb, "a result of links.simulate")
    weekly, pages = result.weekly, result.pages
    yours = pages[pages["owner"] == "you"]
    rank = pages["pagerank"].rank(ascending=False)
    return (f"Three charts over {len(weekly)} weeks. Left: links from other sites to yours. Middle: search visits "
            f"per week. Right: links received against PageRank for all {len(pages)} pages. "
            f"{links_finding(result)}; your best page ranks #{int(rank[yours.index].min())} of {len(pages)}, and "
            f"{weekly['cum_customers'].iloc[-1]:.0f} customers come from search over the period.")


def plot_links(result):
    """Draw the links figure once; return ``(figure, artists)`` for :func:`update_links`."""
    check_instance("result", result, links.LinkWeb, "a result of links.simulate")
    fig, (links_ax, visits_ax, web_ax) = new_figure(ncols=3)
    pull = {k: v for k, v in SERIES_STYLE["pull"].items() if v is not None}
    artists = {"figure": fig}
    (artists["links_in"],) = links_ax.plot([], [], linewidth=2, color=OKABE_ITO["blue"], linestyle="-")
    links_ax.set(xlabel="Week", ylabel="Links from other sites (links)", title="Links earned")
    (artists["visits"],) = visits_ax.plot([], [], linewidth=2, **{**pull, "label": "search visits (pull)"})
    visits_ax.set(xlabel="Week", ylabel="Search visits per week", title="Search visits")
    artists["web"] = web_ax.scatter([], [], s=12, marker="o", color="#999999", alpha=0.6, label="other pages")
    artists["yours"] = web_ax.scatter([], [], s=30, marker="s", color=OKABE_ITO["vermillion"], edgecolors="black",
                                      linewidths=0.5, label="your pages")
    web_ax.set(xlabel="Links received (links)", ylabel="PageRank (share of the web)", title="The web at the end",
               xscale="symlog", yscale="log")
    web_ax.legend(loc="upper left", frameon=False, fontsize=8)
    artists["title"] = fig.suptitle("", fontsize=11)
    artists["dynamic"] = [artists["links_in"], artists["visits"], artists["web"], artists["yours"], artists["title"]]
    update_links(artists, result)
    return fig, artists


def update_links(artists, result) -> None:
    """Change the links figure in place to show ``result``."""
    check_instance("artists", artists, dict, "the artists returned by the matching plot_ function")
    check_instance("result", result, links.LinkWeb, "a result of links.simulate")
    weekly, pages = result.weekly, result.pages
    weeks = weekly["period"].to_numpy()
    artists["links_in"].set_data(weeks, weekly["links_in"].to_numpy())
    artists["visits"].set_data(weeks, weekly["visits"].to_numpy())
    yours = (pages["owner"] == "you").to_numpy()
    points = np.column_stack([pages["links_in"].to_numpy(), pages["pagerank"].to_numpy()])
    artists["web"].set_offsets(points[~yours])
    artists["yours"].set_offsets(points[yours])

    links_ax, visits_ax, web_ax = (artists[k].axes for k in ("links_in", "visits", "web"))
    for ax in (links_ax, visits_ax):
        ax.set_xlim(0.5, len(weeks) + 0.5)
    links_ax.set_ylim(0, nice_ceiling(1.05 * max(float(weekly["links_in"].max()), 1.0)))
    visits_ax.set_ylim(0, nice_ceiling(1.05 * max(float(weekly["visits"].max()), 1.0)))
    web_ax.set_xlim(-0.5, nice_ceiling(1.5 * float(pages["links_in"].max()) + 1))
    low = float(pages["pagerank"].min())
    web_ax.set_ylim(10 ** np.floor(np.log10(low)), 10 ** np.ceil(np.log10(float(pages["pagerank"].max()))))
    artists["title"].set_text(links_finding(result))


def plot_links_and_pull(result, pull):
    """Compare the links model's search visits with lesson 02's pull curve, on one chart.

    Parameters
    ----------
    result : LinkWeb
        From :func:`smlearn.models.links.simulate`.
    pull : pandas.DataFrame
        From :func:`smlearn.models.traffic.simulate` (its pull rows are used).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``pull`` has no pull rows.

    Examples
    --------
    >>> from smlearn.models import links, traffic
    >>> fig = plot_links_and_pull(links.simulate(seed=1), traffic.simulate(stop_period=52))
    >>> fig.axes[0].get_ylabel()
    'Search visits per week'
    """
    check_instance("result", result, links.LinkWeb, "a result of links.simulate")
    check_table("pull", pull, what="a result of traffic.simulate")
    rows = pull[pull["channel"] == "pull"].sort_values("period") if "channel" in pull else pull.iloc[:0]
    if rows.empty:
        raise ValueError("pull must be a result of traffic.simulate() with pull rows")
    fig, (ax,) = new_figure()
    ax.plot(result.weekly["period"], result.weekly["visits"], linewidth=2, color=OKABE_ITO["blue"], linestyle="-",
            label="links model: visits from rank (this lesson)")
    ax.plot(rows["period"], rows["visits"], linewidth=2, color=OKABE_ITO["bluish green"], linestyle=":",
            marker="o", markevery=4, markersize=4, label="lesson 02: pull, assumed ramp and half-life")
    ax.set(xlabel="Week", ylabel="Search visits per week", xlim=(0.5, max(len(result.weekly), len(rows)) + 0.5),
           ylim=(0, nice_ceiling(1.05 * max(result.weekly["visits"].max(), rows["visits"].max()))))
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    ratio = result.weekly["visits"].iloc[-1] / max(rows["visits"].iloc[min(len(rows), len(result.weekly)) - 1], 1e-9)
    def climbs(visits):
        return visits.iloc[-1] > visits.iloc[len(visits) // 2]

    both = climbs(result.weekly["visits"]) and climbs(rows["visits"].iloc[:len(result.weekly)])
    shape = "Both models' visits keep climbing" if both else "The two models' visits part ways"
    # The two models share a shape by construction (more pages, more visits); their sizes are each
    # model's own settings, so the title does not present the ratio as a check of either one.
    ax.set_title(f"{shape}; their ratio at the end ({ratio:.1f}) comes from the settings, not from data",
                 fontsize=11)
    return fig


def describe_links_and_pull(result, pull) -> str:
    """A one-line text description of :func:`plot_links_and_pull`.

    Examples
    --------
    >>> from smlearn.models import links, traffic
    >>> describe_links_and_pull(links.simulate(seed=1), traffic.simulate(stop_period=52))[:40]
    'Line chart of weekly search visits: the '
    """
    check_instance("result", result, links.LinkWeb, "a result of links.simulate")
    check_table("pull", pull, what="a result of traffic.simulate")
    rows = pull[pull["channel"] == "pull"].sort_values("period")
    w = result.weekly
    middle = len(w) // 2
    return (f"Line chart of weekly search visits: the links model goes from {w['visits'].iloc[0]:.0f} in week 1 to "
            f"{w['visits'].iloc[middle - 1]:.0f} in week {middle} and {w['visits'].iloc[-1]:.0f} in week {len(w)}; "
            f"lesson 02's pull curve goes from {rows['visits'].iloc[0]:.0f} to {rows['visits'].iloc[middle - 1]:.0f} "
            f"and {rows['visits'].iloc[min(len(rows), len(w)) - 1]:.0f}.")


# ---- The four-page web of "PageRank by hand" --------------------------------------------------

def _small_web(graph, rank):
    """Check a small directed web and its PageRank (computed with the course's function if not given)."""
    import networkx as nx
    import pandas as pd

    check_instance("graph", graph, nx.DiGraph, "a small directed networkx graph (a DiGraph)")
    if not 2 <= graph.number_of_nodes() <= 12:
        raise ValueError(f"graph must have from 2 to 12 pages to draw them readably; got {graph.number_of_nodes()}")
    if rank is None:
        rank = links.pagerank(graph)
    check_instance("rank", rank, pd.Series, "a pandas Series page -> PageRank, as links.pagerank returns")
    if set(rank.index) != set(graph.nodes()):
        raise ValueError("rank must have one PageRank for every page of graph, and no other page")
    return rank


def small_web_finding(graph, rank=None) -> str:
    """Say in one line what the small web shows: which page ranks highest, and whether links alone explain it."""
    rank = _small_web(graph, rank)
    order = rank.sort_values(ascending=False, kind="stable")
    best, second = order.index[0], order.index[1]
    links_in = dict(graph.in_degree())
    if links_in[second] < links_in[best]:
        return (f"The {best} has the most links ({links_in[best]}) and ranks highest, but the {second}, with "
                f"{links_in[second]}, ranks almost as high ({order.iloc[1]:.4g} against {order.iloc[0]:.4g}): "
                f"who links to a page counts")
    return f"The {best} ranks highest ({order.iloc[0]:.4g}) with {links_in[best]} links in"


def draw_small_web(graph, rank=None, *, positions=None):
    """Draw a small web of pages: arrows for links, each page with its name, links received and PageRank.

    Parameters
    ----------
    graph : networkx.DiGraph
        From 2 to 12 pages; an edge ``a -> b`` is a link on page a to page b.
    rank : pandas.Series, optional
        PageRank of every page; computed with :func:`smlearn.models.links.pagerank` if not given.
    positions : dict page -> (x, y), optional
        Where to put each page; a Kamada-Kawai layout (the same on every run) if not given.

    Returns
    -------
    matplotlib.figure.Figure
        Circle area grows with PageRank; the label gives the same number, so colour and size
        are never the only cue. Links both ways are drawn as two curved arrows.

    Examples
    --------
    >>> import networkx as nx
    >>> fig = draw_small_web(nx.DiGraph([("a", "b"), ("b", "a"), ("c", "a")]))
    >>> fig.axes[0].get_title().startswith("The a has the most links")
    True
    """
    import networkx as nx

    rank = _small_web(graph, rank)
    if positions is None:
        positions = nx.kamada_kawai_layout(graph)
    check_instance("positions", positions, dict, "a dict page -> (x, y)")
    if set(positions) != set(graph.nodes()):
        raise ValueError("positions must give an (x, y) for every page of graph")
    fig, (ax,) = new_figure(height=5.0)
    nodes = list(graph.nodes())
    # Area in proportion to PageRank, with a floor so the least-ranked page still holds its label.
    sizes = []
    for page in nodes:
        sizes.append(3000 + 6000 * float(rank[page]))
    nx.draw_networkx_edges(graph, positions, ax=ax, nodelist=nodes, node_size=sizes, arrows=True, arrowstyle="-|>",
                           arrowsize=22, width=1.8, edge_color=OKABE_ITO["black"],
                           connectionstyle="arc3,rad=0.12", min_source_margin=4, min_target_margin=6)
    nx.draw_networkx_nodes(graph, positions, ax=ax, nodelist=nodes, node_size=sizes, node_color=OKABE_ITO["sky blue"],
                           edgecolors=OKABE_ITO["black"], linewidths=1.2)
    links_in = dict(graph.in_degree())
    labels = {}
    for page in nodes:
        word = "link" if links_in[page] == 1 else "links"
        labels[page] = f"{page}\n{links_in[page]} {word} in\nPR {float(rank[page]):.4g}"
    nx.draw_networkx_labels(graph, positions, labels=labels, ax=ax, font_size=9)
    xs, ys = [], []
    for x, y in positions.values():
        xs.append(x)
        ys.append(y)
    pad = 0.3 * max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    ax.set_xlim(min(xs) - pad, max(xs) + pad)
    ax.set_ylim(min(ys) - pad, max(ys) + pad)
    ax.set_aspect("equal")
    ax.axis("off")           # a drawing of links: positions carry no quantity, so there are no axes to label
    ax.text(0.0, 0.0, "Arrow: a link from one page to another. Circle area and PR: PageRank (share of the surfer's time).",
            transform=ax.transAxes, fontsize=8, va="bottom")
    ax.set_title(small_web_finding(graph, rank), fontsize=10, wrap=True)
    return fig


def describe_small_web(graph, rank=None) -> str:
    """A text description of :func:`draw_small_web`: every link, and every page's links and PageRank.

    Examples
    --------
    >>> import networkx as nx
    >>> describe_small_web(nx.DiGraph([("a", "b"), ("b", "a"), ("c", "a")]))[:60]
    'Drawing of a web of 3 pages and 3 links: a links to b; b lin'
    """
    rank = _small_web(graph, rank)
    outgoing = []
    for page in graph.nodes():
        targets = list(graph.successors(page))
        if targets:
            outgoing.append(f"{page} links to {' and '.join(str(t) for t in targets)}")
        else:
            outgoing.append(f"{page} links nowhere")
    pages = []
    links_in = dict(graph.in_degree())
    for page, value in rank.sort_values(ascending=False, kind="stable").items():
        pages.append(f"{page} {links_in[page]} in, PageRank {value:.4g}")
    return (f"Drawing of a web of {graph.number_of_nodes()} pages and {graph.number_of_edges()} links: "
            f"{'; '.join(outgoing)}. Pages by PageRank: {'; '.join(pages)}. {small_web_finding(graph, rank)}.")
