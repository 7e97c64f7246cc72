"""The class's music market beside the MusicLab model.

Left: the Gini coefficient of every world, the class's in one row and the model's in the other
(:func:`smlearn.models.class_markets.beside_model`), independent worlds as circles, social worlds
as squares. Right: the unpredictability across the social worlds, the class's and the model's,
and the model's across its independent worlds. The title gives the class's social-minus-independent
Gini difference beside the range of the model's with and without influence: one class is one draw,
so it never claims that the counts caused the difference.

Examples
--------
>>> downloads = [[3, 2, 2, 1, 2], [9, 1, 0, 0, 1], [0, 1, 8, 1, 0]]
>>> fig, axes = plot_class_market(downloads)
>>> axes[0].get_xlabel()
'Gini of market shares (0 equal, 1 one song takes all)'
>>> class_market_finding(downloads)[:94]
"The class's Gini: 0.69 in 2 social worlds, 0.16 in the independent one, a difference of +0.53."
"""

from __future__ import annotations

import textwrap

import numpy as np

from smlearn.models import class_markets
from smlearn import params
from smlearn.params import check_text
from smlearn.plots.style import OKABE_ITO, new_figure

__all__ = ["class_market_finding", "describe_class_market", "plot_class_market"]

_INDEPENDENT = ("independent world", OKABE_ITO["blue"], "o")
_SOCIAL = ("social worlds (counts shown)", OKABE_ITO["vermillion"], "s")


def class_market_finding(downloads) -> str:
    """One line: the class's social-minus-independent Gini difference beside the model's ranges with and without influence.

    One independent world against one or two social worlds cannot show that the counts *caused*
    a difference (without influence the social worlds come out more unequal about half the time),
    so the line never says so: it says where the class's difference falls among the model's
    (:func:`smlearn.models.class_markets.gini_gaps`, at influence 0 and at the model's default).

    >>> print(textwrap.fill(class_market_finding([[3, 2, 2, 1, 2], [2, 2, 2, 2, 2], [0, 0, 0, 0, 0]]), 90))
    The class's Gini: 0.00 in 1 social world, 0.16 in the independent one, a difference of
    -0.16. The model's difference runs -0.07 to +0.10 without influence, -0.18 to +0.38 with
    influence 0.7; the class's is inside the range with influence only
    """
    found = class_markets.measure_worlds(downloads)
    social, alone = found["gini_social"], found["gini_independent"]
    if social is None or alone is None:
        missing = "social worlds have" if social is None else "independent world has"
        return f"The class's {missing} no downloads yet: nothing to compare"
    worlds = sum(1 for world in found["worlds"][1:] if world["downloads"])
    influence = params.default_of(class_markets.beside_model, "influence")
    ranges = {}
    for name, value in (("without", 0.0), ("with", influence)):
        gaps = class_markets.gini_gaps(downloads, influence=value)
        ranges[name] = (float(gaps.min()), float(gaps.max()))
    gap = social - alone
    inside = {name: low <= gap <= high for name, (low, high) in ranges.items()}
    where = ("inside both: one class cannot tell them apart" if all(inside.values())
             else "inside the range with influence only" if inside["with"]
             else "inside the range without influence only" if inside["without"]
             else "outside both: an unusual class, or a model that does not fit it")
    (a, b), (c, d) = (map(_signed, ranges[name]) for name in ("without", "with"))
    return (f"The class's Gini: {social:.2f} in {worlds} social world{'s' if worlds > 1 else ''}, {alone:.2f} in the "
            f"independent one, a difference of {_signed(gap)}. The model's difference runs {a} to {b} without "
            f"influence, {c} to {d} with influence {influence}; the class's is {where}")


def _signed(value: float) -> str:
    return f"{round(value, 2) + 0.0:+.2f}"      # + 0.0: never "-0.00"


def _text(value) -> str:
    return "none (too few worlds with downloads)" if value is None else f"{value:.3f}"


def describe_class_market(downloads, *, source: str = "") -> str:
    """A text description of :func:`plot_class_market`, for readers who cannot see it."""
    source = check_text("source", source, allow_empty=True)
    found = class_markets.measure_worlds(downloads)
    model = class_markets.beside_model(downloads)
    worlds = "; ".join(f"world {w['world']} ({w['condition']}): {w['downloads']} downloads, Gini "
                       + ("none" if w["gini"] is None else f"{w['gini']:.2f}, top song {w['top_song']} with "
                                                            f"{w['top_share']:.0%}")
                       for w in found["worlds"])
    p = model["params"]
    where = f"{source[:1].upper()}{source[1:]}: " if source else ""
    return (f"{where}A chart in two panels about a class music market of {len(np.asarray(downloads)[0])} songs. "
            f"Left, the Gini "
            f"coefficient of each world, the class's row and the model's ({p['n_worlds']} worlds of each kind, "
            f"{p['listens']} plays a world, influence {p['influence']}). The class: {worlds}. The model: social "
            f"worlds {model['gini_social']:.2f} on average, independent {model['gini_independent']:.2f}. Right, "
            f"bars of unpredictability (how differently the same song did in different worlds): the class's social "
            f"worlds {_text(found['unpredictability_social'])}, the model's social worlds "
            f"{model['unpredictability_social']:.3f} and its independent worlds "
            f"{model['unpredictability_independent']:.3f}. {class_market_finding(downloads)}.")


def plot_class_market(downloads, *, source: str = ""):
    """Draw the class's worlds beside the model's: each world's Gini, and unpredictability.

    Parameters
    ----------
    downloads : table of whole numbers >= 0, shape (1 + W, songs)
        Row 0 the independent world, then the social worlds (the class service's results give
        it as ``results["downloads"]``).
    source : str
        Whose market this is ("your class", or a SIMULATED class), put before the title.

    Returns
    -------
    (figure, [left axes, right axes])
    """
    found = class_markets.measure_worlds(downloads)
    model = class_markets.beside_model(downloads)
    source = check_text("source", source, allow_empty=True)
    fig, (left, right) = new_figure(ncols=2, height=3.8)
    rng = np.random.default_rng(0)     # a little vertical jitter, the same on every draw
    rows = {1: ([found["gini_independent"]], [w["gini"] for w in found["worlds"][1:]]),
            0: (model["gini_worlds_independent"], model["gini_worlds_social"])}
    for y, (alone, social) in rows.items():
        for (label, colour, marker), values in ((_INDEPENDENT, alone), (_SOCIAL, social)):
            values = [v for v in values if v is not None]
            left.scatter(values, y + rng.uniform(-0.12, 0.12, len(values)), color=colour, marker=marker, s=36,
                         alpha=0.85, edgecolor="black", linewidth=0.5, label=label if y == 1 else None)
    left.set_yticks([1, 0], ["class", "model"])
    left.set_ylim(-0.6, 1.6)
    left.set_xlim(0, 1)
    left.set_xlabel("Gini of market shares (0 equal, 1 one song takes all)")
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), frameon=False, fontsize=8, ncols=2)
    left.set_title("How unequal each world's downloads were", fontsize=9)

    names = ["class:\nsocial", "model:\nsocial", "model:\nindependent"]
    values = [found["unpredictability_social"], model["unpredictability_social"], model["unpredictability_independent"]]
    colours = [_SOCIAL[1], _SOCIAL[1], _INDEPENDENT[1]]
    at = np.arange(3)
    right.bar(at, [0 if v is None else v for v in values], color=colours, edgecolor="black",
              hatch=["", "//", "//"])
    if values[0] is None:
        right.text(0, 0, "needs two social\nworlds with downloads", ha="center", va="bottom", fontsize=8)
    right.set_xticks(at, names)
    right.set_ylabel("Unpredictability (difference in share)")
    right.set_title("How differently the same song did across worlds", fontsize=9)
    where = f"{source[:1].upper()}{source[1:]}: " if source else ""
    fig.suptitle(textwrap.fill(where + class_market_finding(downloads), 100), fontsize=10)
    return fig, [left, right]
