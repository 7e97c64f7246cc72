r"""A voting site's front page, hour by hour: does the crowd's voting put the good items on top?

The claim
---------
Source B says social media uses **the wisdom of crowds**: people decide what matters by
voting on it. This module runs a small voting site: items arrive, readers look near the
top of the page and vote, and a ranking rule (:mod:`smlearn.models.ranking`) reorders the
page every hour. Read :func:`simulate` first; :func:`item_summary` and
:func:`compare_rules` say how well each rule rewards quality, :func:`votes_by_age` when an
item's votes come.

The page
--------
Time goes in hours. ``items_per_hour`` new items arrive each hour, each with a hidden
quality ``q``, drawn from a Beta(2, 5) distribution (mean 0.29): the chance that a
reader who looks at it likes it. Each hour the site ranks every item so far by the
rule (ties: newest first) and ``voters_per_hour`` readers visit. Attention falls with
position ``k`` on the page (only the first ``page_size`` positions are seen):

.. math::

    P(\text{a reader looks at position } k) = \text{top\_attention} \cdot k^{-\text{attention\_decay}}

A reader who looks votes up with probability ``q``; one who does not like it votes
down with probability ``down_rate``. So views ~ Binomial(readers, attention), ups ~
Binomial(views, q) and downs ~ Binomial(views - ups, down_rate).

The page's ranking each hour is :func:`smlearn.models.ranking.rank_items` (run by its engine,
:mod:`smlearn.models.engines.ranking`, without checking the votes again every hour).

The vote ring
-------------
Three mediocre items (quality ``target_quality``) are the *targets*: the first items
submitted at a quarter, half and three quarters of the horizon. With
``manipulation=True`` a ring of ``ring_size`` accounts up-votes each target in the hour
it is submitted; with ``manipulation=False`` the same targets get only honest votes, so
the same seed with and without the ring shows what the fake votes did. What the ring
buys, who cast the votes and how a site can catch the ring are the topic of
:mod:`smlearn.models.vote_rings`.

Every default is ILLUSTRATIVE (a busy small site), not measured. The rules are the
published ones.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) a front page ranked by votes is
``find-broadcast``: strangers find posts through it. The vote ring is ``ties-broadcast``:
one request to upvote, sent to a circle of friends.

Examples
--------
>>> from smlearn.models import front_page
>>> page = front_page.simulate(rule="hot", seed=1)
>>> summary = front_page.item_summary(page)
>>> summary["top10_mean_quality"] > summary["mean_quality"]     # the crowd finds the better items
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smlearn.models import ranking
from smlearn.models.engines import ranking as fast
from smlearn.params import Choice, FrozenParams, Param, check_items, check_params, check_seed, defaults_from
from smlearn.profile import apply_profile

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast", "ties-broadcast")

__all__ = ["FRAME_CELLS", "PARAMS", "FrontPage", "simulate", "item_summary", "compare_rules", "votes_by_age"]

_PARAM_LIST = [
    Choice("rule", "hot", ranking.RULES, "Ranking rule",
           "How the site orders items: net score, Reddit's hot, the simplified gravity rule, Hacker News's"
           " published rule or the Wilson lower bound."),
    Param("hours", 72, 12, 168, 1, "Horizon", "hours",
          "How many hours of the site to simulate."),
    Param("items_per_hour", 2, 1, 10, 1, "New items", "items/hour",
          "How many new items are submitted each hour."),
    Param("voters_per_hour", 100, 0, 1000, 10, "Readers", "readers/hour",
          "How many readers visit the front page each hour."),
    Param("page_size", 30, 5, 100, 1, "Front page size", "positions",
          "How many positions of the ranked list readers can see."),
    Param("top_attention", 0.5, 0.05, 1.0, 0.05, "Attention at the top", "share of readers",
          "Share of readers who look at the item in position 1."),
    Param("attention_decay", 1.0, 0.0, 2.0, 0.1, "Attention decay", "exponent",
          "How fast attention falls with position k: attention is proportional to k to the minus this power."),
    Param("down_rate", 0.1, 0.0, 1.0, 0.05, "Down-vote rate", "share",
          "Share of readers who look at an item, do not like it, and vote it down."),
    Param("gravity", ranking.GRAVITY, 0.0, 3.0, 0.1, "Gravity", "exponent",
          "How fast age pulls items down under the two gravity rules (Hacker News uses 1.8)."),
    Choice("manipulation", False, (False, True), "Vote ring",
           "Whether a ring of accounts up-votes three mediocre items as soon as they are submitted."),
    Param("ring_size", 20, 0, 100, 1, "Ring size", "accounts",
          "How many accounts the vote ring has; each casts one fake up-vote on each target."),
    Param("target_quality", 0.1, 0.0, 1.0, 0.05, "Quality of the targets", "0 to 1",
          "The hidden quality of the three items the ring targets (the average item has 0.29)."),
]
PARAMS: dict[str, Param | Choice] = apply_profile("front_page", {p.name: p for p in _PARAM_LIST})


@dataclass(frozen=True)
class FrontPage:
    """The result of :func:`simulate`.

    Attributes
    ----------
    items : pandas.DataFrame
        One row per item: item, submitted (hour), quality, target (of the ring), ups
        (fake ones included), downs, fake_ups, best_rank, hours_in_top10.
    ranks : numpy.ndarray
        Shape (hours, items): each item's position at the start of each hour (1 = top),
        NaN before it is submitted.
    votes : pandas.DataFrame
        Tidy: one row per item and hour in which it got a vote: hour, item, ups, downs.
    params : FrozenParams
        The checked parameters (read-only).

    Examples
    --------
    >>> page = simulate(hours=24, seed=1)
    >>> page.ranks.shape, page.params["rule"]                # 24 hours x 48 items, ranked by hot
    ((24, 48), 'hot')
    >>> int(page.votes["ups"].sum() + page.items["fake_ups"].sum()) == int(page.items["ups"].sum())
    True
    """

    items: pd.DataFrame
    ranks: np.ndarray
    votes: pd.DataFrame
    params: FrozenParams




@defaults_from(PARAMS)
def simulate(*, rule, hours, items_per_hour, voters_per_hour, page_size, top_attention, attention_decay, down_rate,
             gravity, manipulation, ring_size, target_quality, seed=None) -> FrontPage:
    """Simulate a voting site's front page hour by hour under one ranking rule.

    Every parameter is keyword-only; its default, range and step are in :data:`PARAMS` (the defaults
    are illustrative, and a class profile may change them).

    Parameters
    ----------
    rule : str, one of ``smlearn.models.ranking.RULES``
        How the site orders items: "score" (net up-votes), "hot" (Reddit's), "gravity (simplified)",
        "hacker news" (Hacker News's published rule) or "wilson" (the Wilson lower bound).
    hours : int, hours
        How many hours of the site to simulate.
    items_per_hour : int, items/hour
        How many new items are submitted each hour.
    voters_per_hour : int, readers/hour
        How many readers visit the front page each hour.
    page_size : int, positions
        How many positions of the ranked list readers can see.
    top_attention : float, share of readers
        Share of readers who look at the item in position 1.
    attention_decay : float, exponent
        How fast attention falls with position k: attention is proportional to k to the minus this power.
    down_rate : float, share
        Share of readers who look at an item, do not like it, and vote it down.
    gravity : float, exponent
        How fast age pulls items down under the two gravity rules (Hacker News uses 1.8).
    manipulation : bool
        Whether a ring of accounts up-votes three mediocre items as soon as they are submitted.
    ring_size : int, accounts
        How many accounts the vote ring has; each casts one fake up-vote on each target.
    target_quality : float, 0 to 1
        The hidden quality of the three items the ring targets (the average item has 0.29).
    seed : None, int >= 0 or numpy.random.Generator
        Seed of the one generator used for every draw (qualities, views, votes).

    Returns
    -------
    FrontPage

    Raises
    ------
    TypeError, ValueError
        If a parameter is unknown, of the wrong type or outside its range, or the seed is invalid.

    Examples
    --------
    >>> page = simulate(seed=3)
    >>> page.ranks.shape, len(page.items)        # 72 hours, 2 new items an hour
    ((72, 144), 144)

    Under "hot", good items rise and old ones sink: the item on top after three days is
    less than a day old.

    >>> top = int(np.nanargmin(page.ranks[-1]))
    >>> int(page.items.loc[top, "submitted"]) > 72 - 24
    True
    """
    p = check_params(PARAMS, {
        "rule": rule, "hours": hours, "items_per_hour": items_per_hour, "voters_per_hour": voters_per_hour,
        "page_size": page_size, "top_attention": top_attention, "attention_decay": attention_decay,
        "down_rate": down_rate, "gravity": gravity, "manipulation": manipulation, "ring_size": ring_size,
        "target_quality": target_quality})
    rng = check_seed(seed)

    n_items = p["hours"] * p["items_per_hour"]
    submitted = np.repeat(np.arange(p["hours"]), p["items_per_hour"]).astype(float)  # hour each item arrives
    quality = rng.beta(2.0, 5.0, size=n_items)                                      # hidden: chance a viewer likes it
    # The targets: the first item submitted at 1/4, 1/2 and 3/4 of the horizon, all mediocre.
    target = np.zeros(n_items, dtype=bool)
    target[[h * p["items_per_hour"] for h in (p["hours"] // 4, p["hours"] // 2, (3 * p["hours"]) // 4)]] = True
    quality[target] = p["target_quality"]
    ring_votes = p["ring_size"] if p["manipulation"] else 0

    positions = np.arange(1, p["page_size"] + 1)
    attention = np.minimum(p["top_attention"] * positions ** -p["attention_decay"], 1.0)  # per position

    ups = np.zeros(n_items)
    downs = np.zeros(n_items)
    fake = np.zeros(n_items)
    ranks = np.full((p["hours"], n_items), np.nan)
    log_hour, log_item, log_ups, log_downs = [], [], [], []
    for hour in range(p["hours"]):
        here = (hour + 1) * p["items_per_hour"]             # items submitted so far
        new = slice(hour * p["items_per_hour"], here)
        fake[new] = np.where(target[new], ring_votes, 0)     # the ring votes at once
        ups[new] += fake[new]
        # ranking.rank_items without its checks: the engine ranks the items so far, top first
        order = fast.rank(ups[:here], downs[:here], submitted[:here], hour, p["rule"], p["gravity"])
        ranks[hour, order] = np.arange(1, here + 1)
        seen = order[: p["page_size"]]                      # the items on the front page, top first
        views = rng.binomial(p["voters_per_hour"], attention[: len(seen)])
        new_ups = rng.binomial(views, quality[seen])
        new_downs = rng.binomial(views - new_ups, p["down_rate"])
        ups[seen] += new_ups
        downs[seen] += new_downs
        voted = (new_ups + new_downs) > 0
        log_hour.append(np.full(voted.sum(), hour))
        log_item.append(seen[voted])
        log_ups.append(new_ups[voted])
        log_downs.append(new_downs[voted])

    in_top10 = np.nan_to_num(ranks, nan=np.inf) <= 10
    items = pd.DataFrame({
        "item": np.arange(n_items), "submitted": submitted.astype(int), "quality": quality, "target": target,
        "ups": ups.astype(int), "downs": downs.astype(int), "fake_ups": fake.astype(int),
        "best_rank": np.nanmin(ranks, axis=0).astype(int), "hours_in_top10": in_top10.sum(axis=0),
    })
    votes = pd.DataFrame({"hour": np.concatenate(log_hour), "item": np.concatenate(log_item),
                          "ups": np.concatenate(log_ups), "downs": np.concatenate(log_downs)})
    return FrontPage(items=items, ranks=ranks, votes=votes, params=FrozenParams(p))




def _check_page(result):
    if not isinstance(result, FrontPage):
        raise TypeError(f"result must be a FrontPage from simulate(); got {type(result).__name__}")


def item_summary(result):
    """How well the page rewards quality: the rank correlation of quality and up-votes.

    Parameters
    ----------
    result : FrontPage

    Returns
    -------
    dict
        ``quality_votes_correlation`` (Spearman, over the items that are not targets; nan when
        every item has the same number of up-votes, as when nobody votes), ``top10_mean_quality``
        (mean quality of the items in the top 10 at the end) and ``mean_quality``.

    Raises
    ------
    TypeError
        If ``result`` is not a FrontPage.

    Examples
    --------
    >>> summary = item_summary(simulate(seed=3))
    >>> summary["top10_mean_quality"] > summary["mean_quality"]     # the crowd does find the good items
    True
    """
    from scipy.stats import spearmanr

    _check_page(result)
    items = result.items[~result.items["target"]]
    final = result.ranks[-1]
    top10 = final <= 10
    varied = items["ups"].nunique() > 1 and items["quality"].nunique() > 1   # else a rank correlation has no meaning
    return {
        "quality_votes_correlation": float(spearmanr(items["quality"], items["ups"]).statistic) if varied else math.nan,
        "top10_mean_quality": float(result.items["quality"].to_numpy()[top10].mean()),
        "mean_quality": float(result.items["quality"].mean()),
    }


@defaults_from(PARAMS)
def compare_rules(*, rules=ranking.RULES, seed=1, hours, items_per_hour, voters_per_hour, page_size, top_attention,
                  attention_decay, down_rate, gravity, manipulation, ring_size, target_quality):
    """Run the front page once under each rule (same seed) and summarise each run in one row.

    Parameters
    ----------
    rules : sequence of str, default all five
    seed : int, default 1
        The same seed for every rule, so the items and their qualities are the same.
    hours, items_per_hour, ..., target_quality
        The other settings of :func:`simulate` (all but ``rule``), keyword-only, with its defaults.

    Returns
    -------
    pandas.DataFrame
        Indexed by rule: the three columns of :func:`item_summary`, and ``ever_on_page``,
        the share of items that were ever on the page readers see (position
        ``page_size`` or better). An item that never gets there is never seen: the
        simulated site has only the ranked page, no "new" page.

    Raises
    ------
    TypeError, ValueError
        As for :func:`simulate`; also if ``rule`` is given (``rules`` says which to run).

    Examples
    --------
    Under hot every new item starts on the page; under net score most never get there:

    >>> table = compare_rules(seed=1)
    >>> table["ever_on_page"].round(2).to_dict()
    {'score': 0.34, 'hot': 1.0, 'gravity (simplified)': 0.4, 'hacker news': 0.44, 'wilson': 0.3}
    """
    check_items("rules", rules, what="rule names")
    settings = {"hours": hours, "items_per_hour": items_per_hour, "voters_per_hour": voters_per_hour,
                "page_size": page_size, "top_attention": top_attention, "attention_decay": attention_decay,
                "down_rate": down_rate, "gravity": gravity, "manipulation": manipulation, "ring_size": ring_size,
                "target_quality": target_quality}   # every setting of the page but the rule
    rows = {}
    for rule in rules:
        page = simulate(rule=rule, seed=seed, **settings)
        row = item_summary(page)
        row["ever_on_page"] = float((page.items["best_rank"] <= page.params["page_size"]).mean())
        rows[rule] = row
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("rule")


# ---- When an item's votes come, by its age ------------------------------------------------------

def votes_by_age(result, *, watched_hours=48):
    """How an item's votes arrive over the hours after it is submitted, on a simulated front page.

    Only items submitted at least ``watched_hours`` before the end of the run are counted,
    so every item is watched for the same time. The real counterpart is
    :func:`smlearn.realdata.votes_by_day`.

    Parameters
    ----------
    result : FrontPage
    watched_hours : int, default 48
        How long each counted item is watched (1 to the run's horizon).

    Returns
    -------
    pandas.DataFrame
        ``age`` (whole hours since submission, 0 to ``watched_hours - 1``), ``votes``
        (up and down, fake up-votes left out), ``share`` and ``cumulative_share``.

    Raises
    ------
    TypeError
        If ``result`` is not a FrontPage.
    ValueError
        If ``watched_hours`` is outside 1 to the horizon, or the counted items got no votes.

    Examples
    --------
    >>> table = votes_by_age(simulate(rule="hot", seed=1), watched_hours=48)
    >>> round(float(table.loc[23, "cumulative_share"]), 2)     # within the first 24 hours
    0.94
    """
    _check_page(result)
    hours = result.params["hours"]
    watched = Param("watched_hours", 48, 1, hours, 1, "Hours watched", "hours").check(watched_hours)
    votes = result.votes.merge(result.items[["item", "submitted"]], on="item")
    votes = votes[votes["submitted"] <= hours - watched]
    age = votes["hour"] - votes["submitted"]
    counts = (votes["ups"] + votes["downs"]).groupby(age).sum()
    counts = counts.reindex(range(watched), fill_value=0)
    if counts.sum() == 0:
        raise ValueError(f"the items watched for {watched} hours got no votes (watched_hours)")
    table = pd.DataFrame({"age": np.arange(watched), "votes": counts.to_numpy().astype(int)})
    table["share"] = table["votes"] / table["votes"].sum()
    table["cumulative_share"] = table["share"].cumsum()
    table.attrs["rule"] = result.params["rule"]
    return table
