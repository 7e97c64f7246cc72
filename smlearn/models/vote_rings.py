r"""Vote rings: what a ring of fake votes buys on a front page, and a detector that catches it.

The claim
---------
Source B says social media uses the wisdom of crowds, and that **seeking votes is cheating**
(Source D says the same of comments). On the front page of :mod:`smlearn.models.front_page`
a ring of accounts up-votes three weak *targets* as soon as they are submitted. This module
asks what the ring buys (:func:`manipulation_summary`, :func:`manipulation_effect`: the same
page with and without the ring) and whether the site can see it: every vote gets an account,
and a simple detector flags accounts that vote for the same items far more often than
readers who vote on their own would.

Read first :func:`manipulation_effect`, then :func:`vote_log` and :func:`detect_ring`;
:func:`simulate` runs both on one front page and gives the detector's verdict. Then
:func:`detector_curve`, the detector's hits against its false alarms over every threshold.
The detector's settings are in :data:`PARAMS`; the page's, the ring's size among them, in
:data:`smlearn.models.front_page.PARAMS`.

The rules
---------
*Who voted.* Honest up-votes go to accounts drawn at random, the ``k``-th of ``n_accounts``
with weight :math:`k^{-\text{activity\_skew}}` (a few accounts vote a lot, most rarely, as
on real sites). Each account of the ring up-votes each of the three targets once; with
``camouflage`` it also up-votes that many other items, picked as honest readers pick them
(mostly popular ones).

*The detector.* Two accounts are suspicious partners when they up-voted at least
``min_shared`` of the same items and those items are at least ``min_similarity`` of all
the items either voted for (the Jaccard similarity :math:`|A \cap B| / |A \cup B|`). An
account with a partner is flagged. Its *hit rate* is the share of ring accounts flagged,
its *false-alarm rate* the share of honest accounts flagged.

Every default is ILLUSTRATIVE (a busy small site, a naive ring), not measured.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) a vote ring is ``ties-broadcast``: one request
to upvote, sent to a circle of friends.

Examples
--------
>>> from smlearn.models import front_page, vote_rings
>>> vote_rings.manipulation_summary(front_page.simulate(manipulation=True, seed=1))["best_rank"].tolist()
[1, 2, 1]
>>> page = front_page.simulate(manipulation=True, seed=1)
>>> log = vote_rings.vote_log(page, seed=1)
>>> vote_rings.detection_rates(log, vote_rings.detect_ring(log))["hit_rate"]
1.0
>>> vote_rings.simulate(page, seed=1).hit_rate            # the same, in one call
1.0
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smlearn.models import front_page, ranking
from smlearn.params import FrozenParams, Param, check_instance, check_items, check_params, check_seed, defaults_from
from smlearn.profile import apply_profile

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("ties-broadcast",)

__all__ = ["FRAME_CELLS", "PARAMS", "RingCheck", "simulate", "manipulation_summary", "manipulation_effect", "vote_log",
           "detect_ring", "detection_rates", "CURVE_SIMILARITIES", "detector_curve"]

_PARAM_LIST = [
    Param("n_accounts", 2000, 10, 20000, 10, "Honest accounts", "accounts",
          "How many honest accounts cast the readers' up-votes."),
    Param("activity_skew", 1.0, 0.0, 3.0, 0.1, "Activity skew", "exponent",
          "How unequal the honest accounts' activity is: the k-th account votes in proportion to k to the minus"
          " this power (0 = all equally active)."),
    Param("min_shared", 3, 1, 50, 1, "Shared items", "items",
          "Fewest items two accounts must both have up-voted to be suspicious partners."),
    Param("min_similarity", 0.8, 0.0, 1.0, 0.05, "Similarity", "share",
          "Smallest Jaccard similarity of two accounts' votes (shared items over all the items either voted for)"
          " that makes them suspicious partners."),
    Param("camouflage", 0, 0, 50, 1, "Camouflage", "votes per ring account",
          "Extra up-votes each ring account casts on other items, picked as honest readers pick them, to look"
          " like a reader."),
]
PARAMS: dict[str, Param] = apply_profile("vote_rings", {p.name: p for p in _PARAM_LIST})


# ---- What the ring buys: the same page with and without it ------------------------------------

def manipulation_summary(result):
    """How far each of the ring's three targets climbed and how long it stayed.

    Parameters
    ----------
    result : smlearn.models.front_page.FrontPage

    Returns
    -------
    pandas.DataFrame
        One row per target: item, submitted, quality, fake_ups, ups, best_rank,
        hours_in_top10. Without manipulation fake_ups is 0: the honest baseline.

    Raises
    ------
    TypeError
        If ``result`` is not a FrontPage.

    Examples
    --------
    Ranked by net score, a ring of 20 cannot lift a weak item past the old favourites:

    >>> page = front_page.simulate(rule="score", manipulation=True, seed=1)
    >>> manipulation_summary(page)[["submitted", "best_rank"]].to_dict("list")
    {'submitted': [18, 36, 54], 'best_rank': [9, 16, 22]}
    """
    if not isinstance(result, front_page.FrontPage):
        raise TypeError(f"result must be a FrontPage from smlearn.models.front_page.simulate;"
                        f" got {type(result).__name__}")
    columns = ["item", "submitted", "quality", "fake_ups", "ups", "best_rank", "hours_in_top10"]
    return result.items.loc[result.items["target"], columns].reset_index(drop=True)


@defaults_from(front_page.PARAMS)
def manipulation_effect(*, rules=ranking.RULES, seeds=range(5), hours, items_per_hour, voters_per_hour, page_size,
                        top_attention, attention_decay, down_rate, gravity, ring_size, target_quality):
    """Compare each rule's targets with and without the vote ring, over several seeds.

    For every rule and seed the front page (:func:`smlearn.models.front_page.simulate`) runs
    twice with the same seed, once with ``manipulation=False`` and once with
    ``manipulation=True``; the table gives the medians over seeds and the three targets.

    Parameters
    ----------
    rules : sequence of str, default all five
    seeds : iterable of int, default range(5)
    hours, items_per_hour, ..., target_quality
        The other settings of :func:`smlearn.models.front_page.simulate` (all but ``rule`` and
        ``manipulation``), keyword-only, with its defaults.

    Returns
    -------
    pandas.DataFrame
        Indexed by rule: best_rank_honest, best_rank_ring, top10_hours_honest,
        top10_hours_ring (medians), and hours_gained (ring minus honest).

    Raises
    ------
    TypeError, ValueError
        As for :func:`smlearn.models.front_page.simulate`; also if ``rule`` or ``manipulation``
        is given (this function sets them) or ``seeds`` is empty.

    Examples
    --------
    >>> effect = manipulation_effect(rules=("score", "hot"), seeds=range(3))
    >>> effect[["best_rank_honest", "best_rank_ring"]]
           best_rank_honest  best_rank_ring
    rule
    score              31.0            16.0
    hot                15.0             1.0
    """
    check_items("rules", rules, what="rule names")
    check_items("seeds", seeds, what="seeds (whole numbers >= 0)", allow_empty=True)   # empty: refused below
    settings = {"hours": hours, "items_per_hour": items_per_hour, "voters_per_hour": voters_per_hour,
                "page_size": page_size, "top_attention": top_attention, "attention_decay": attention_decay,
                "down_rate": down_rate, "gravity": gravity, "ring_size": ring_size,
                "target_quality": target_quality}   # every setting of the page but the two this function sets
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds must hold at least one seed; got an empty list")
    rows = []
    for rule in rules:
        for seed in seeds:
            for ring in (False, True):
                targets = manipulation_summary(front_page.simulate(rule=rule, manipulation=ring, seed=seed, **settings))
                rows.append(targets.assign(rule=rule, ring=ring))
    table = pd.concat(rows).groupby(["rule", "ring"], sort=False)[["best_rank", "hours_in_top10"]].median().unstack()
    effect = pd.DataFrame({
        "best_rank_honest": table[("best_rank", False)], "best_rank_ring": table[("best_rank", True)],
        "top10_hours_honest": table[("hours_in_top10", False)], "top10_hours_ring": table[("hours_in_top10", True)],
    }).reindex(list(rules))
    effect["hours_gained"] = effect["top10_hours_ring"] - effect["top10_hours_honest"]
    effect.index.name = "rule"
    return effect


# ---- Who voted: a vote log ---------------------------------------------------------------------

@defaults_from(PARAMS)
def vote_log(result, *, n_accounts, activity_skew, seed=None):
    """Give every up-vote of a front page an account: honest readers and the ring.

    Honest up-votes go to accounts drawn at random, the ``k``-th account with weight
    ``k ** -activity_skew`` (a few accounts vote a lot, most vote rarely, as on real
    sites). With manipulation on, each ring account casts one fake up-vote on each of the
    three targets. Repeated
    votes of one account on one item are kept once.

    Parameters
    ----------
    result : smlearn.models.front_page.FrontPage
    n_accounts : int, default from PARAMS
        How many honest accounts there are (10 to 20,000).
    activity_skew : float, default from PARAMS
        How unequal the honest accounts' activity is (0 = all equal; 0 to 3).
    seed : None, int >= 0 or numpy.random.Generator

    Returns
    -------
    pandas.DataFrame
        One row per (account, item) up-vote: account, item, ring (True for ring accounts).
        Ring accounts are numbered after the honest ones.

    Raises
    ------
    TypeError
        If ``result`` is not a FrontPage or ``n_accounts`` is not a whole number.
    ValueError
        If ``n_accounts`` or ``activity_skew`` is outside its range in :data:`PARAMS`.

    Examples
    --------
    >>> page = front_page.simulate(manipulation=True, ring_size=5, seed=1)
    >>> log = vote_log(page, seed=1)
    >>> int(log["ring"].sum())                       # 5 ring accounts x 3 targets
    15
    """
    check_instance("result", result, front_page.FrontPage, "a FrontPage from smlearn.models.front_page.simulate")
    n_accounts = PARAMS["n_accounts"].check(n_accounts)
    skew = PARAMS["activity_skew"].check(activity_skew)
    rng = check_seed(seed)
    votes = result.votes
    items = np.repeat(votes["item"].to_numpy(), votes["ups"].to_numpy())   # one entry per honest up-vote
    weight = np.arange(1, n_accounts + 1, dtype=float) ** -skew
    accounts = rng.choice(n_accounts, size=len(items), p=weight / weight.sum())
    honest = pd.DataFrame({"account": accounts, "item": items, "ring": False})
    targets = result.items.loc[result.items["target"], "item"].to_numpy()
    ring_size = result.params["ring_size"] if result.params["manipulation"] else 0
    ring = pd.DataFrame({"account": np.repeat(n_accounts + np.arange(ring_size), len(targets)),
                         "item": np.tile(targets, ring_size), "ring": True})
    log = pd.concat([honest, ring], ignore_index=True).drop_duplicates(["account", "item"])
    return log.sort_values(["account", "item"]).reset_index(drop=True)


@defaults_from(PARAMS)
def detect_ring(log, *, min_shared, min_similarity):
    """Flag accounts that vote together: a simple detector of vote rings.

    Two accounts are *suspicious partners* when they up-voted at least ``min_shared`` of
    the same items AND those shared items are at least ``min_similarity`` of all the items
    either of them voted for (the Jaccard similarity ``|A ∩ B| / |A ∪ B|``). An account
    with at least one partner is flagged.

    Parameters
    ----------
    log : pandas.DataFrame
        From :func:`vote_log` (columns account, item).
    min_shared : int, default from PARAMS (3)
        Fewest items two accounts must share (1 to 50).
    min_similarity : float, default from PARAMS (0.8)
        Smallest Jaccard similarity that counts (between 0 and 1).

    Returns
    -------
    numpy.ndarray of int
        The flagged accounts, sorted.

    Raises
    ------
    TypeError
        If ``log`` is not a DataFrame with columns account and item, or ``min_shared``
        is not a whole number.
    ValueError
        If ``log`` is empty or a threshold is outside its range.

    Examples
    --------
    Accounts 7 and 8 voted on the same three items and nothing else:

    >>> import pandas as pd
    >>> log = pd.DataFrame({"account": [1, 1, 2, 7, 7, 7, 8, 8, 8], "item": [0, 1, 1, 4, 5, 6, 4, 5, 6]})
    >>> detect_ring(log).tolist()
    [7, 8]
    """
    import scipy.sparse as sparse

    if not isinstance(log, pd.DataFrame) or not {"account", "item"} <= set(log.columns):
        raise TypeError(f"log must be a DataFrame with columns account and item (from vote_log); got {type(log).__name__}")
    if log.empty:
        raise ValueError("log is empty: there are no votes to look at")
    min_shared = PARAMS["min_shared"].check(min_shared)
    min_similarity = PARAMS["min_similarity"].check(min_similarity)

    accounts, account_index = np.unique(log["account"].to_numpy(), return_inverse=True)
    _, item_index = np.unique(log["item"].to_numpy(), return_inverse=True)
    # votes[a, i] = 1 if account a up-voted item i; shared = votes @ votes.T counts common items.
    votes = sparse.csr_array((np.ones(len(log)), (account_index, item_index))).astype(bool).astype(float)
    shared = (votes @ votes.T).tocoo()
    per_account = np.asarray(votes.sum(axis=1)).ravel()
    a, b, common = shared.row, shared.col, shared.data
    union = per_account[a] + per_account[b] - common
    partners = (a != b) & (common >= min_shared) & (common / union >= min_similarity)
    return np.unique(accounts[a[partners]])


def detection_rates(log, flagged):
    """The detector's hit rate (ring accounts caught) and false-alarm rate (honest accounts flagged).

    Parameters
    ----------
    log : pandas.DataFrame
        From :func:`vote_log` (columns account, ring).
    flagged : array of int
        From :func:`detect_ring`.

    Returns
    -------
    dict
        ``hit_rate`` (NaN without a ring), ``false_alarm_rate``, ``ring_accounts``,
        ``honest_accounts``, ``flagged``.

    Raises
    ------
    TypeError
        If ``log`` lacks the columns account and ring.

    Examples
    --------
    >>> page = front_page.simulate(manipulation=True, seed=1)
    >>> log = vote_log(page, seed=1)
    >>> rates = detection_rates(log, detect_ring(log))
    >>> rates["hit_rate"], rates["false_alarm_rate"] < 0.01
    (1.0, True)
    """
    check_items("flagged", flagged, what="flagged account ids", allow_empty=True)
    if not isinstance(log, pd.DataFrame) or not {"account", "ring"} <= set(log.columns):
        raise TypeError("log must be a DataFrame with columns account and ring (from vote_log)")
    kinds = log.drop_duplicates("account").set_index("account")["ring"]
    caught = kinds.reindex(np.asarray(flagged)).fillna(False).astype(bool)
    n_ring, n_honest = int(kinds.sum()), int((~kinds).sum())
    return {
        "hit_rate": float(caught.sum() / n_ring) if n_ring else float("nan"),
        "false_alarm_rate": float((~caught).sum() / n_honest) if n_honest else float("nan"),
        "ring_accounts": n_ring, "honest_accounts": n_honest, "flagged": int(len(flagged)),
    }


# ---- The detector's hits and false alarms, over all thresholds -------------------------------

# The similarity thresholds the curve tries, strictest first (1 = the accounts' votes are identical).
CURVE_SIMILARITIES = tuple(np.round(np.linspace(1.0, 0.0, 21), 2).tolist())


@defaults_from({**front_page.PARAMS, **PARAMS})   # the detector's settings, and the page's
def detector_curve(*, seed_values=range(5), n_accounts, activity_skew, min_shared, similarities=CURVE_SIMILARITIES,
                   camouflage, ignore_votes=False, rule, hours, items_per_hour, voters_per_hour, page_size,
                   top_attention, attention_decay, down_rate, gravity, ring_size, target_quality):
    """The ring detector's hits against its false alarms, one point per similarity threshold.

    This is the detector's *ROC curve* (receiver operating characteristic). For each
    threshold ``min_similarity`` in ``similarities`` it runs :func:`detect_ring` on the
    vote logs of one front page with the ring per seed, and averages over the seeds the
    share of ring accounts flagged (hit rate) and the share of honest accounts flagged
    (false-alarm rate). Two end points are added: a detector that flags nobody (0, 0) and
    one that flags everybody (1, 1). A looser threshold flags every account a stricter
    one flagged, and more, so the curve never falls.

    With ``ignore_votes=True`` the detector does not look at the votes: at each point it
    flags the same share of accounts, chosen at random, as the real detector flagged
    there. Such a guesser catches ring and honest accounts alike, so its curve lies near
    the diagonal (area 0.5, up to chance).

    With ``camouflage`` above 0 the ring is less naive: each ring account also up-votes
    that many other items, drawn at random in proportion to their honest up-votes (so
    mostly popular ones), as real rings do to look like readers.

    Parameters
    ----------
    seed_values : iterable of int, default range(5)
        The random seeds: one front page and one vote log per seed (at least one).
    n_accounts, activity_skew : default from PARAMS
        The honest accounts, as in :func:`vote_log`.
    min_shared : int, default from PARAMS (3)
        Fewest items two accounts must share (as in :func:`detect_ring`).
    similarities : list of float
        The ``min_similarity`` thresholds to try, each between 0 and 1.
    camouflage : int, default from PARAMS (0)
        Extra honest-looking up-votes per ring account (0 to 50).
    ignore_votes : bool, default False
        Flag accounts at random instead (the "coin" detector).
    rule, hours, ..., target_quality
        The settings of :func:`smlearn.models.front_page.simulate` (all but ``manipulation``:
        the ring is switched on), keyword-only, with its defaults.

    Returns
    -------
    pandas.DataFrame
        ``min_similarity`` (NaN for the two end points), ``false_alarm_rate``,
        ``hit_rate``, sorted from (0, 0) to (1, 1); ``attrs["area"]`` is the area
        under the curve (1 = a perfect detector, 0.5 = guessing).

    Raises
    ------
    TypeError, ValueError
        If ``seed_values`` is empty or holds a bad seed, a threshold is outside [0, 1],
        ``camouflage`` is outside 0 to 50, ``ignore_votes`` is not True or False, or a front-page setting is bad.

    Examples
    --------
    >>> curve = detector_curve(seed_values=[1])
    >>> curve.iloc[0][["false_alarm_rate", "hit_rate"]].tolist(), curve.iloc[-1][["false_alarm_rate", "hit_rate"]].tolist()
    ([0.0, 0.0], [1.0, 1.0])
    >>> curve.attrs["area"] > 0.9
    True
    """
    seeds = list(check_items("seed_values", seed_values, what="random seeds (whole numbers >= 0)"))
    n_accounts = PARAMS["n_accounts"].check(n_accounts)
    activity_skew = PARAMS["activity_skew"].check(activity_skew)
    min_shared = PARAMS["min_shared"].check(min_shared)
    similarities = list(check_items("similarities", similarities, what="thresholds between 0 and 1"))
    checked = []
    for value in similarities:
        checked.append(Param("similarities", 0.5, 0.0, 1.0, 0.05, "Similarity", "share").check(value))
    camouflage = PARAMS["camouflage"].check(camouflage)
    if not isinstance(ignore_votes, bool):
        raise TypeError(f"ignore_votes must be True or False; got {ignore_votes!r}")
    page = {"rule": rule, "hours": hours, "items_per_hour": items_per_hour, "voters_per_hour": voters_per_hour,
            "page_size": page_size, "top_attention": top_attention, "attention_decay": attention_decay,
            "down_rate": down_rate, "gravity": gravity, "manipulation": True, "ring_size": ring_size,
            "target_quality": target_quality}   # the front page's settings, with the ring on

    hits = np.zeros(len(checked))
    alarms = np.zeros(len(checked))
    for seed in seeds:
        check_seed(seed)
        log = vote_log(front_page.simulate(seed=seed, **page), n_accounts=n_accounts, activity_skew=activity_skew, seed=seed)
        log = _camouflaged(log, camouflage, np.random.default_rng([seed, camouflage]))
        kinds = log.drop_duplicates("account").set_index("account")["ring"]
        coin = np.random.default_rng(seed).permutation(kinds.index.to_numpy())   # a random order of the accounts
        for k, threshold in enumerate(checked):
            flagged = detect_ring(log, min_shared=min_shared, min_similarity=threshold)
            if ignore_votes:
                flagged = coin[:len(flagged)]     # as many accounts, but picked without looking
            rates = detection_rates(log, flagged)
            hits[k] += rates["hit_rate"] / len(seeds)
            alarms[k] += rates["false_alarm_rate"] / len(seeds)

    curve = pd.DataFrame({"min_similarity": [np.nan] + checked + [np.nan],
                          "false_alarm_rate": [0.0] + alarms.tolist() + [1.0],
                          "hit_rate": [0.0] + hits.tolist() + [1.0]})
    curve = curve.sort_values(["false_alarm_rate", "hit_rate"], kind="stable").reset_index(drop=True)
    # The area under the curve by the trapezium rule.
    x = curve["false_alarm_rate"].to_numpy()
    y = curve["hit_rate"].to_numpy()
    curve.attrs["area"] = float(np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]) / 2))
    return curve


def _camouflaged(log, camouflage, rng):
    """The vote log with ``camouflage`` extra up-votes per ring account, on items picked as honest readers pick them
    (drawn from ``rng``)."""
    if camouflage == 0:
        return log
    honest = log.loc[~log["ring"], "item"].to_numpy()          # one entry per honest up-vote: popular items come often
    extra = []
    for account in np.unique(log.loc[log["ring"], "account"]):
        items = rng.choice(honest, size=camouflage)
        extra.append(pd.DataFrame({"account": account, "item": items, "ring": True}))
    log = pd.concat([log] + extra, ignore_index=True).drop_duplicates(["account", "item"])
    return log.sort_values(["account", "item"]).reset_index(drop=True)


# ---- One front page watched: the vote log and the detector's verdict ---------------------------

@dataclass(frozen=True)
class RingCheck:
    """What :func:`simulate` finds on one front page: who voted, whom the detector flagged, how well it did.

    Attributes
    ----------
    log : pandas.DataFrame
        The vote log, one row per (account, item) up-vote: account, item, ring (as :func:`vote_log`
        gives it, with the ring's camouflage votes added).
    flagged : numpy.ndarray of int
        The accounts the detector flagged, sorted (:func:`detect_ring`).
    hit_rate : float
        Share of the ring's accounts flagged (NaN when the page has no ring).
    false_alarm_rate : float
        Share of the honest accounts flagged.
    params : FrozenParams
        The checked settings of this module's :data:`PARAMS`.

    Examples
    --------
    >>> check = simulate(front_page.simulate(hours=24, manipulation=True, seed=1), seed=1)
    >>> int(check.log["ring"].sum()), check.params["min_shared"]    # 20 ring accounts x 3 targets; the detector's setting
    (60, 3)
    """

    log: pd.DataFrame
    flagged: np.ndarray
    hit_rate: float
    false_alarm_rate: float
    params: FrozenParams


@defaults_from(PARAMS)
def simulate(page, *, n_accounts, activity_skew, min_shared, min_similarity, camouflage, seed=None) -> RingCheck:
    """Give every up-vote of ``page`` an account, then run the ring detector on the votes.

    The same as :func:`vote_log` followed by :func:`detect_ring` and :func:`detection_rates`; with
    ``camouflage`` above 0 each ring account also up-votes that many other items, drawn (from the
    same generator, after the log) in proportion to their honest up-votes.

    Every setting after ``page`` is keyword-only; its default, range and step are in :data:`PARAMS` (the
    defaults are illustrative, and a class profile may change them).

    Parameters
    ----------
    page : smlearn.models.front_page.FrontPage
        A front page, from :func:`smlearn.models.front_page.simulate` (with ``manipulation=True`` for a ring).
    n_accounts : int, accounts
        How many honest accounts cast the readers' up-votes.
    activity_skew : float, exponent
        How unequal the honest accounts' activity is: the k-th account votes in proportion to k to the
        minus this power (0 = all equally active).
    min_shared : int, items
        Fewest items two accounts must both have up-voted to be suspicious partners.
    min_similarity : float, share
        Smallest Jaccard similarity of two accounts' votes (shared items over all the items either voted
        for) that makes them suspicious partners.
    camouflage : int, votes per ring account
        Extra up-votes each ring account casts on other items, picked as honest readers pick them, to
        look like a reader.
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the one generator used for every draw (who cast each vote, the camouflage).

    Returns
    -------
    RingCheck

    Raises
    ------
    TypeError, ValueError
        If ``page`` is not a FrontPage, a setting is unknown, of the wrong type or outside its
        range, or the seed is invalid.

    Examples
    --------
    >>> page = front_page.simulate(manipulation=True, seed=1)
    >>> check = simulate(page, seed=1)
    >>> check.hit_rate, check.false_alarm_rate < 0.01
    (1.0, True)
    >>> simulate(page, camouflage=4, seed=1).hit_rate         # four camouflage votes each hide the ring
    0.0
    """
    check_instance("page", page, front_page.FrontPage, "a FrontPage from smlearn.models.front_page.simulate")
    p = check_params(PARAMS, {"n_accounts": n_accounts, "activity_skew": activity_skew, "min_shared": min_shared,
                              "min_similarity": min_similarity, "camouflage": camouflage})
    rng = check_seed(seed)
    log = vote_log(page, n_accounts=p["n_accounts"], activity_skew=p["activity_skew"], seed=rng)
    log = _camouflaged(log, p["camouflage"], rng)
    flagged = detect_ring(log, min_shared=p["min_shared"], min_similarity=p["min_similarity"])
    rates = detection_rates(log, flagged)
    return RingCheck(log=log, flagged=flagged, hit_rate=rates["hit_rate"],
                     false_alarm_rate=rates["false_alarm_rate"], params=FrozenParams(p))
