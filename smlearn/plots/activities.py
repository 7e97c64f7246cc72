"""Figures for the activities data set (lesson 01, Two ideas).

The data set sorts everyday online activities into social media, social networking
or both, and names the one *dimension* (purpose, direction, audience, ...) that
decides each label. The figure here counts activities by deciding dimension and
label. Its point: a dimension is a question you ask about an activity ("two-way or
broadcast?"), not a side. Every dimension sends some activities to media and some to
networking, so no dimension belongs to one idea alone.

Examples
--------
>>> from smlearn import data
>>> activities = data.load("activities")
>>> counts = count_by_dimension(activities)
>>> counts.loc["direction"].tolist()
[3, 3, 2]
>>> fig = plot_activities_by_dimension(activities)
>>> ax = fig.axes[0]
>>> ax.get_xlabel(), ax.get_ylabel()
('Number of activities', 'Deciding dimension')
>>> len(ax.patches) == counts.size   # one bar per dimension and label
True
>>> describe_activities_by_dimension(activities).startswith("Horizontal bar chart")
True
"""

from __future__ import annotations

from smlearn.plots.style import SERIES_STYLE, new_figure

LABELS = ("social media", "social networking", "both")

# Colour is never the only cue: each label also has its own hatch pattern.
HATCHES = {"social media": "///", "social networking": "...", "both": "xx"}

BAR_HEIGHT = 0.26  # in units of one dimension's row; three bars fill 0.78 of it


def _dimensions(activities) -> list:
    """The dimensions in a stable order: the data set's own category order if it has one."""
    column = activities["dimension"]
    if hasattr(column, "cat"):
        return list(column.cat.categories)
    return sorted(column.dropna().unique())


def count_by_dimension(activities):
    """Return a table: one row per deciding dimension, one column per label, cells = activities.

    Parameters
    ----------
    activities : pandas.DataFrame
        The ``activities`` data set (or rows of it), with columns ``dimension`` and ``label``.

    Returns
    -------
    pandas.DataFrame
        Whole-number counts; a dimension or label with no activities gets zeros.
    """
    import pandas as pd

    for column in ("dimension", "label"):
        if column not in activities.columns:
            raise ValueError(f"activities must have a {column!r} column; it has: {', '.join(map(str, activities.columns))}")
    counts = pd.crosstab(activities["dimension"].astype(str), activities["label"].astype(str))
    counts = counts.reindex(index=[str(d) for d in _dimensions(activities)], columns=list(LABELS), fill_value=0)
    counts.index.name, counts.columns.name = "dimension", "label"
    return counts.astype(int)


def _names(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def activities_finding(activities) -> str:
    """Say in one line what the counts show: does each dimension split activities both ways?"""
    counts = count_by_dimension(activities)
    total = len(counts)
    two_sided = int(((counts["social media"] > 0) & (counts["social networking"] > 0)).sum())
    if total and two_sided == total:
        return f"All {total} dimensions send some activities to media and some to networking"
    if two_sided == 0:
        return "Each dimension sends its activities to one side only"
    return f"{two_sided} of {total} dimensions send activities to both sides"


def describe_activities_by_dimension(activities) -> str:
    """A one-line text description of the figure (its alt text), for readers who cannot see it."""
    counts = count_by_dimension(activities)
    totals = counts.sum()
    per_dimension = counts.sum(axis=1)
    busiest = per_dimension[per_dimension == per_dimension.max()].index
    text = (
        f"Horizontal bar chart of the {len(activities)} activities, counted by the dimension that decides each label"
        f" and by label. {activities_finding(activities)}. Overall {totals['social media']} are social media,"
        f" {totals['social networking']} social networking and {totals['both']} both;"
        f" {_names(busiest)} decides the most activities ({per_dimension.max()})"
    )
    if totals["both"] > 0:
        most_both = counts.loc[counts["both"] == counts["both"].max()].index
        text += f", and {_names(most_both)} the most 'both' items ({counts['both'].max()})"
    return text + "."


def plot_activities_by_dimension(activities=None):
    """Draw activities counted by deciding dimension, one hatched bar per label; return the figure.

    Parameters
    ----------
    activities : pandas.DataFrame, optional
        The ``activities`` data set or some of its rows; by default the whole data set.

    Returns
    -------
    matplotlib.figure.Figure
        Show it by leaving it as the last value of a cell, or with ``display(fig)``.
    """
    from matplotlib.ticker import MaxNLocator

    if activities is None:
        from smlearn import data

        activities = data.load("activities")
    counts = count_by_dimension(activities)
    fig, (ax,) = new_figure(height=0.62 * len(counts) + 1.2)
    rows = range(len(counts))
    for offset, label in zip((-1, 0, 1), LABELS):
        style = SERIES_STYLE[label]
        bars = ax.barh(
            [row + offset * BAR_HEIGHT for row in rows],
            counts[label].to_numpy(),
            height=BAR_HEIGHT,
            color=style["color"],
            hatch=HATCHES[label],
            edgecolor="#222222",
            linewidth=0.6,
            label=style["label"],
        )
        ax.bar_label(bars, padding=2, fontsize=8, color="#333333")
    ax.set_yticks(list(rows), [str(name) for name in counts.index])
    ax.invert_yaxis()  # first dimension at the top, as in the data set's description
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(1, int(counts.to_numpy().max())) + 1)
    ax.grid(False, axis="y")
    ax.set(xlabel="Number of activities", ylabel="Deciding dimension")
    fig.legend(loc="outside lower center", ncols=3, frameon=False, fontsize=9)
    fig.suptitle(activities_finding(activities), fontsize=11)
    return fig
