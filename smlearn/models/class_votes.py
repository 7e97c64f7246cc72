r"""A class's front page with a planted vote ring: how alike each account votes, and an example class.

The class service's front page (:mod:`smlearn.classmode.frontpage`) shows, in its detection
round, who up-voted what under made-up labels (``a01``, ``a02``, ...). A ring votes together;
honest students mostly do not. :func:`account_similarity` measures it for each account as the
detector of :mod:`smlearn.models.vote_rings` does: the Jaccard similarity of two accounts'
up-votes, the items both up-voted over the items either did,

.. math:: J(A, B) = \frac{|A \cap B|}{|A \cup B|}

and, for each account, its *most alike* other account. The detector flags an account whose
most alike partner shares at least ``min_shared`` items with a similarity of at least
``min_similarity`` (:func:`smlearn.models.vote_rings.detect_ring`, its default thresholds).

:func:`example_votes` makes a SIMULATED class for a lesson run without a class (self-study,
the notebook tests): honest students vote on some items, up more often on the good ones, and a
ring up-votes the weak items at the end of the page and nothing else.

What is measured and what is set
--------------------------------
The similarities are exact. The example's students, items, ring and how honest students vote
(each item with chance 0.6, up with a chance that falls from 0.75 on the first item to 0.5, and
0.25 on the ring's targets) are ILLUSTRATIVE: set so that a class of twenty looks like one.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the ring is ``ties-broadcast``: one request to a
circle of friends, used to fake the ``find-broadcast`` page.

Examples
--------
>>> ups = {"a01": [0, 1], "a02": [4, 5, 6], "a03": [4, 5, 6], "a04": [1, 2, 4]}
>>> table = account_similarity(ups)
>>> table[["most_alike", "shared", "similarity", "flagged"]]
      most_alike  shared  similarity  flagged
label
a01          a04       1        0.25    False
a02          a03       3        1.00     True
a03          a02       3        1.00     True
a04          a01       1        0.25    False
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from smlearn.models import vote_rings
from smlearn.params import check_items, check_number, check_seed

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast", "ties-broadcast")

__all__ = ["FRAME_CELLS", "RING_TARGETS", "account_similarity", "example_votes", "up_votes"]

RING_TARGETS = 3     # the example's ring up-votes the last three items (the instructor script's weak ones)


def example_votes(*, students: int = 20, items: int = 7, ring: int = 4, seed=1) -> pd.DataFrame:
    """A SIMULATED class front page: honest students' votes and a ring's, each account under a label.

    Parameters
    ----------
    students : int
        Honest students, 3 to 300.
    items : int
        Items on the page, 4 to 30; the ring's targets are the last three.
    ring : int
        The ring's accounts, 0 to 20; each up-votes the three targets and nothing else.
    seed : int, optional
        The same seed gives the same class.

    Returns
    -------
    pandas.DataFrame
        One row per vote: ``label`` (``a01``, ... in a shuffled order, as the class service
        shows them), ``item``, ``vote`` (1 up, -1 down) and ``ring`` (True for the ring's).

    Examples
    --------
    >>> votes = example_votes(seed=1)
    >>> votes.groupby("ring")["label"].nunique().to_dict()
    {False: 20, True: 4}
    >>> sorted(votes.loc[votes["ring"], "item"].unique().tolist())
    [4, 5, 6]
    """
    students = check_number("students", students, 3, 300, integer=True)
    items = check_number("items", items, 4, 30, integer=True)
    ring = check_number("ring", ring, 0, 20, integer=True)
    rng = check_seed(seed)
    targets = np.arange(items - RING_TARGETS, items)
    # Chance of an up-vote: the good items first, the weak targets last (ILLUSTRATIVE).
    appeal = np.linspace(0.75, 0.5, items - RING_TARGETS).tolist() + [0.25] * RING_TARGETS
    rows = []
    for student in range(students):
        for item in range(items):
            if rng.random() < 0.6:          # an honest student votes on the items they have a view of
                rows.append((student, item, 1 if rng.random() < appeal[item] else -1, False))
    for member in range(students, students + ring):
        rows.extend((member, int(item), 1, True) for item in targets)
    votes = pd.DataFrame(rows, columns=["account", "item", "vote", "ring"])
    # Labels in a shuffled order: a label says nothing of who is honest (as the class service does).
    accounts = votes["account"].unique()
    order = rng.permutation(len(accounts))
    width = max(2, len(str(len(accounts))))
    names = {int(a): f"a{k + 1:0{width}d}" for a, k in zip(accounts, order)}
    votes.insert(0, "label", votes.pop("account").map(names))
    return votes.sort_values(["label", "item"]).reset_index(drop=True)


def up_votes(votes) -> dict[str, list[int]]:
    """Each account's up-voted items, from a table of votes (columns label, item, vote).

    Accounts that only voted down are kept, with no items. ``votes`` is a DataFrame (from
    :func:`example_votes`) or a list of dicts with those keys (the class service's results).

    >>> up_votes([{"label": "a02", "item": 3, "vote": 1}, {"label": "a01", "item": 0, "vote": -1}])
    {'a01': [], 'a02': [3]}
    """
    if isinstance(votes, pd.DataFrame):
        table = votes
    else:
        table = pd.DataFrame(check_items("votes", votes, what="votes (dicts with label, item and vote)"))
    if table.empty or not {"label", "item", "vote"} <= set(table.columns):
        raise ValueError("votes must be a table of votes with the columns label, item and vote; got "
                         f"{'an empty table' if table.empty else sorted(map(str, table.columns))}")
    ups = {str(label): [] for label in sorted(table["label"].astype(str).unique())}
    for label, item, vote in zip(table["label"].astype(str), table["item"], table["vote"]):
        if vote == 1:
            ups[label].append(int(item))
    return {label: sorted(set(items)) for label, items in ups.items()}


def _check_ups(ups) -> dict[str, set]:
    if not isinstance(ups, Mapping) or len(ups) < 2:
        raise ValueError(f"ups must map at least two accounts' labels to the items each up-voted; got {ups!r:.60}")
    checked = {}
    for label, items in ups.items():
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"ups must have accounts' labels (text) as keys; got {label!r}")
        checked[label] = {check_number("ups", item, 0, 999, integer=True)
                          for item in check_items("ups", items, what="item numbers", allow_empty=True)}
    return checked


def account_similarity(ups, *, min_shared: int = 3, min_similarity: float = 0.8) -> pd.DataFrame:
    """How alike each account votes: its most alike other account, and whether the ring detector flags it.

    Parameters
    ----------
    ups : mapping of label -> list of int
        Each account's up-voted items (:func:`up_votes`, or the class service's detection view).
    min_shared, min_similarity
        The detector's thresholds (:func:`smlearn.models.vote_rings.detect_ring`; by default 3
        shared items and a similarity of 0.8).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``label``, in order: ``up_votes`` (how many), ``most_alike`` (the label of
        the most alike other account; on a tie, the one sharing more items, then the first in order), ``shared`` (the items the
        two share), ``similarity`` (their Jaccard similarity, 0 for accounts without up-votes)
        and ``flagged`` (the detector's flag).
    """
    accounts = _check_ups(ups)
    min_shared = vote_rings.PARAMS["min_shared"].check(min_shared)
    min_similarity = vote_rings.PARAMS["min_similarity"].check(min_similarity)
    labels = sorted(accounts)
    rows = []
    for label in labels:
        mine, best = accounts[label], (-1.0, -1, "")
        for other in labels:
            if other == label:
                continue
            shared = len(mine & accounts[other])
            union = len(mine | accounts[other])
            similarity = shared / union if union else 0.0
            if (similarity, shared) > best[:2]:     # the most alike; on a tie, the one sharing more
                best = (similarity, shared, other)
        rows.append({"label": label, "up_votes": len(mine), "most_alike": best[2], "shared": best[1],
                     "similarity": round(best[0], 4)})
    table = pd.DataFrame(rows).set_index("label")
    log = pd.DataFrame([(label, item) for label in labels for item in sorted(accounts[label])],
                       columns=["account", "item"])
    flagged = set() if log.empty else set(vote_rings.detect_ring(log, min_shared=min_shared,
                                                                 min_similarity=min_similarity).tolist())
    table["flagged"] = [label in flagged for label in table.index]
    return table
