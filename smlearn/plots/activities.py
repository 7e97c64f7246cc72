"""Figures for the activities data set (lesson 01, Two ideas).

The data set places everyday online activities on the course's frame
(:mod:`smlearn.frame`): how people come to you (``route``: find or ties) and how the
exchange runs (``exchange``: broadcast or two-way). The figure counts the activities in
each of the four cells and names what the sources call each cell. It describes the
course's own list, which was written to cover every cell: it shows where the sources'
two words leave gaps, not how common each kind of activity is in the world.

Examples
--------
>>> from smlearn import data
>>> activities = data.load("activities")
>>> count_by_cell(activities).tolist()
[20, 20, 7, 8]
>>> fig = plot_activities_by_cell(activities)
>>> ax = fig.axes[0]
>>> ax.get_xlabel(), ax.get_ylabel()
('Number of activities', 'Cell of the frame')
>>> len(ax.patches)   # one bar per cell
4
>>> describe_activities_by_cell(activities).startswith("Horizontal bar chart")
True
"""

from __future__ import annotations

from smlearn import frame
from smlearn.params import check_table
from smlearn.plots.style import OKABE_ITO, new_figure

__all__ = ["CELL_STYLE", "count_by_cell", "activities_finding", "describe_activities_by_cell",
           "plot_activities_by_cell"]

# Colour is never the only cue: each cell also has its own hatch pattern.
CELL_STYLE = {
    "find-broadcast": {"color": OKABE_ITO["blue"], "hatch": "///"},
    "ties-two-way": {"color": OKABE_ITO["vermillion"], "hatch": "..."},
    "ties-broadcast": {"color": OKABE_ITO["orange"], "hatch": "xx"},
    "find-two-way": {"color": OKABE_ITO["bluish green"], "hatch": "\\\\"},
}


def count_by_cell(activities):
    """Return how many activities sit in each cell of the frame, in the frame's order.

    Parameters
    ----------
    activities : pandas.DataFrame
        The ``activities`` data set (or rows of it), with columns ``route`` and ``exchange``.

    Returns
    -------
    pandas.Series
        Whole-number counts indexed by cell id; a cell with no activities gets 0.
    """
    check_table("activities", activities, what="the activities table (data.load(\"activities\"))")
    placed = frame.add_cells(activities)  # names the missing column if there is one
    counts = placed["cell"].value_counts().reindex(list(frame.CELL_IDS), fill_value=0)
    counts.index.name = "cell"
    counts.name = "activities"
    return counts.astype(int)


def activities_finding(activities) -> str:
    """Say in one line what the counts show: how many activities the sources' two words leave out."""
    check_table("activities", activities, what="the activities table (data.load(\"activities\"))")
    counts = count_by_cell(activities)
    unnamed = int(counts["ties-broadcast"] + counts["find-two-way"])
    total = int(counts.sum())
    if unnamed == 0:
        return f"All {total} activities are social media or social networking in the sources' sense"
    return f"{unnamed} of {total} activities are neither social media nor social networking in the sources' sense"


def describe_activities_by_cell(activities) -> str:
    """A one-line text description of the figure (its alt text), for readers who cannot see it."""
    check_table("activities", activities, what="the activities table (data.load(\"activities\"))")
    counts = count_by_cell(activities)
    parts = []
    for cell_id, count in counts.items():
        parts.append(f"{cell_id} ({frame.cell(cell_id).term}) {count}")
    return (
        f"Horizontal bar chart of the {len(activities)} activities, counted by cell of the frame: "
        + ", ".join(parts) + f". {activities_finding(activities)}."
    )


def plot_activities_by_cell(activities=None):
    """Draw the number of activities in each cell of the frame, one hatched bar per cell; return the figure.

    Parameters
    ----------
    activities : pandas.DataFrame, optional
        The ``activities`` data set or some of its rows; by default the whole data set.

    Returns
    -------
    matplotlib.figure.Figure
        Show it by leaving it as the last value of a cell, or with ``display(fig)``.
    """
    if activities is not None:
        check_table("activities", activities, what="the activities table")
    from matplotlib.ticker import MaxNLocator

    if activities is None:
        from smlearn import data

        activities = data.load("activities")
    counts = count_by_cell(activities)
    fig, (ax,) = new_figure(height=3.4)
    rows = list(range(len(counts)))
    for row, (cell_id, count) in zip(rows, counts.items()):
        style = CELL_STYLE[cell_id]
        bars = ax.barh([row], [count], height=0.6, color=style["color"], hatch=style["hatch"],
                       edgecolor="#222222", linewidth=0.6)
        ax.bar_label(bars, padding=2, fontsize=9, color="#333333")
    names = []
    for cell_id in counts.index:
        names.append(f"{cell_id}\n({frame.cell(cell_id).term})")
    ax.set_yticks(rows, names, fontsize=8)
    ax.invert_yaxis()  # the frame's order, top to bottom
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(1, int(counts.max())) + 2)
    ax.grid(False, axis="y")
    ax.set(xlabel="Number of activities", ylabel="Cell of the frame")
    fig.suptitle(activities_finding(activities), fontsize=10)
    return fig
