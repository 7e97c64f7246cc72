"""The class front page's detection round: how alike each account voted, the ring, and who was named.

Left: every account as a point, the items it shares with its most alike other account against
their similarity (:func:`smlearn.models.class_votes.account_similarity`); the shaded corner is
what the ring detector flags (3 shared items or more, similarity 0.8 or more). Once the round
closes, the planted ring's accounts are squares and the honest ones circles; before, all are
grey diamonds. Right: for each account, the share of the class that named it as the ring, with
your own suspects crossed and the detector's flags marked. The title states what the votes
gave away and how well the detector and the guesses did.

Examples
--------
>>> from smlearn.models import class_votes
>>> votes = class_votes.example_votes(seed=3)
>>> ups = class_votes.up_votes(votes)
>>> ring = sorted(votes.loc[votes["ring"], "label"].unique())
>>> fig, axes = plot_class_ring(ups, ring=ring, mine=ring[:2])
>>> axes[0].get_xlabel()
'Items shared with its most alike account'
>>> class_ring_finding(ups, ring=ring, mine=ring[:2])
'The ring voted alike: the detector caught 4 of its 4 accounts and flagged 0 of 20 honest; you named 2 of 4 and 0 honest'
"""

from __future__ import annotations

import textwrap

import numpy as np

from smlearn.models import class_votes, vote_rings
from smlearn.params import check_items, check_text
from smlearn.plots.style import OKABE_ITO, new_figure

__all__ = ["class_ring_finding", "describe_class_ring", "plot_class_ring"]

# Each kind of account: its label, colour and marker (colour is never the only cue).
_RING = ("the planted ring", OKABE_ITO["vermillion"], "s")
_HONEST = ("honest students", OKABE_ITO["blue"], "o")
_UNKNOWN = ("an account (the ring not shown yet)", "#808080", "D")


def _labels(name: str, value, known) -> set:
    if value is None:
        return set()
    labels = set(check_items(name, value, what="account labels such as 'a03'", allow_empty=True))
    unknown = sorted(str(label) for label in labels - set(known))
    if unknown:
        raise ValueError(f"{name} must name accounts that voted; {unknown[:5]} did not")
    return labels


def _check(ups, ring, guesses, mine):
    table = class_votes.account_similarity(ups)
    known = table.index
    ring = None if ring is None else _labels("ring", ring, known)
    if guesses is None:
        guesses = []
    guesses = [_labels("guesses", one, known) for one in check_items("guesses", guesses, what="lists of labels",
                                                                    allow_empty=True)]
    return table, ring, guesses, _labels("mine", mine, known)


def _rates(named: set, ring: set, honest: set) -> tuple[int, int]:
    return len(named & ring), len(named & honest)


def class_ring_finding(ups, *, ring=None, guesses=None, mine=None) -> str:
    """One line: how well the detector and the guesses found the ring (or, before it is shown, what stands out).

    >>> class_ring_finding({"a01": [0, 1], "a02": [4, 5, 6], "a03": [4, 5, 6]})
    'The ring is not shown yet: the detector flags 2 of 3 accounts, each sharing 3 items or more with another, a similarity of 0.8 or more'
    """
    table, ring, guesses, mine = _check(ups, ring, guesses, mine)
    flagged = set(table.index[table["flagged"]])
    if ring is None:
        return (f"The ring is not shown yet: the detector flags {len(flagged)} of {len(table)} accounts, each sharing "
                f"{vote_rings.PARAMS['min_shared'].default} items or more with another, a similarity of "
                f"{vote_rings.PARAMS['min_similarity'].default} or more")
    honest = set(table.index) - ring
    if not ring:
        return f"No ring was planted: the detector flagged {len(flagged)} of {len(honest)} honest accounts"
    hits, alarms = _rates(flagged, ring, honest)
    alike = "voted alike" if table.loc[sorted(ring), "flagged"].all() else "hid some of its accounts"
    line = (f"The ring {alike}: the detector caught {hits} of its {len(ring)} accounts and flagged "
            f"{alarms} of {len(honest)} honest")
    if guesses:
        hit_rate = np.mean([len(g & ring) / len(ring) for g in guesses])
        alarm_rate = np.mean([len(g & honest) / len(honest) for g in guesses]) if honest else 0.0
        line += (f"; the {len(guesses)} guesses caught {hit_rate:.0%} of the ring and named {alarm_rate:.0%} "
                 "of the honest on average")
    if mine:
        hits, alarms = _rates(mine, ring, honest)
        line += f"; you named {hits} of {len(ring)} and {alarms} honest"
    return line


def describe_class_ring(ups, *, ring=None, guesses=None, mine=None, source: str = "") -> str:
    """A text description of :func:`plot_class_ring`, for readers who cannot see it."""
    table, ring_set, guess_sets, mine_set = _check(ups, ring, guesses, mine)
    source = check_text("source", source, allow_empty=True)
    counts = table.groupby(["shared", "similarity"]).size()
    top = table.sort_values(["shared", "similarity"], ascending=False).head(6)
    alike = "; ".join(f"{label} shares {row.shared} items with {row.most_alike} (similarity {row.similarity:.2f})"
                      for label, row in top.iterrows())
    where = (f"{source}: " if source else "")
    return (f"{where}A chart in two panels about {len(table)} accounts of a class front page. Left, each account as a point: "
            f"the items it shares with its most alike account against their similarity, in "
            f"{len(counts)} distinct places; the most alike: {alike}. The shaded corner is what the detector flags. "
            f"Right, bars of the share of the class that named each account"
            f"{' (no guesses yet)' if not guess_sets else ''}, crosses for your own suspects, diamonds for the "
            f"detector's flags. {class_ring_finding(ups, ring=ring, guesses=guesses, mine=mine)}.")


def plot_class_ring(ups, *, ring=None, guesses=None, mine=None, source: str = ""):
    """Draw the detection round: how alike each account voted, the ring once shown, and who was named.

    Parameters
    ----------
    ups : mapping of label -> list of int
        Each account's up-voted items (:func:`smlearn.models.class_votes.up_votes`).
    ring : list of str, optional
        The planted ring's labels, once the round has closed; None before.
    guesses : list of lists of str, optional
        Each guesser's suspects (the instructor's results give every student's).
    mine : list of str, optional
        Your own suspects.
    source : str
        Where the votes come from ("your class", or a SIMULATED example), for the title.

    Returns
    -------
    (figure, [left axes, right axes])
    """
    table, ring_set, guess_sets, mine_set = _check(ups, ring, guesses, mine)
    source = check_text("source", source, allow_empty=True)
    fig, (left, right) = new_figure(ncols=2, height=max(3.8, 0.16 * len(table) + 1.2))
    shared_min = vote_rings.PARAMS["min_shared"].default
    similar_min = vote_rings.PARAMS["min_similarity"].default
    top = max(int(table["shared"].max()), shared_min) + 1
    left.axvspan(shared_min - 0.5, top + 0.5, ymin=similar_min / 1.1, ymax=1.0, color=OKABE_ITO["yellow"],
                 alpha=0.35, label="the detector flags (3+ shared, similarity 0.8+)")
    rng = np.random.default_rng(0)      # a little jitter, the same on every draw, so points do not hide
    kinds = ([(_UNKNOWN, table.index)] if ring_set is None else
             [(_HONEST, [a for a in table.index if a not in ring_set]), (_RING, sorted(ring_set))])
    for (label, colour, marker), accounts in kinds:
        rows = table.loc[list(accounts)]
        y = rows["similarity"].to_numpy() + rng.uniform(-0.02, 0.02, len(rows))
        # The jitter never carries a point across the corner's edge: inside the corner exactly when flagged.
        y = np.where(rows["flagged"], np.maximum(y, similar_min + 0.005),
                     np.where(rows["shared"] >= shared_min, np.minimum(y, similar_min - 0.005), y))
        left.scatter(rows["shared"] + rng.uniform(-0.15, 0.15, len(rows)), y, color=colour, marker=marker, s=40,
                     alpha=0.85, edgecolor="black", linewidth=0.5, label=label)
    left.set_xlim(-0.5, top + 0.5)
    left.set_ylim(0, 1.1)
    left.set_xticks(range(top + 1))
    left.set_xlabel("Items shared with its most alike account")
    left.set_ylabel("Similarity (shared / all either up-voted)")
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), frameon=False, fontsize=8)
    left.set_title("How alike each account voted", fontsize=9)

    labels = list(table.index)
    at = np.arange(len(labels))
    shares = [np.mean([label in g for g in guess_sets]) if guess_sets else 0.0 for label in labels]
    colours = [(_RING if ring_set and label in ring_set else _HONEST if ring_set is not None else _UNKNOWN)[1]
               for label in labels]
    hatches = ["//" if ring_set and label in ring_set else "" for label in labels]
    right.barh(at, shares, color=colours, edgecolor="black", hatch=hatches, label="share of the class naming it")
    flagged = [k for k, label in enumerate(labels) if table.loc[label, "flagged"]]
    right.scatter([1.04] * len(flagged), flagged, marker="D", color="black", s=22, clip_on=False,
                  label="the detector flags it")
    yours = [k for k, label in enumerate(labels) if label in mine_set]
    right.scatter([1.1] * len(yours), yours, marker="x", color=OKABE_ITO["reddish purple"], s=40, clip_on=False,
                  label="you named it")
    right.set_yticks(at, labels, fontsize=7)
    right.invert_yaxis()
    right.set_xlim(0, 1.14)
    right.set_xlabel("Share of the class who named it as the ring" + ("" if guess_sets else " (no guesses)"))
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), frameon=False, fontsize=8, ncols=2)
    right.set_title("Who was named, and whom the detector flags", fontsize=9)
    finding = class_ring_finding(ups, ring=ring, guesses=guesses, mine=mine)
    fig.suptitle(textwrap.fill((f"{source}: " if source else "") + finding, 100), fontsize=10)
    return fig, [left, right]
