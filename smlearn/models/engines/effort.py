"""The time-budget engine: :func:`smlearn.models.effort.week_rules` run for many splits at once.

:mod:`smlearn.models.effort` states the model week by week for one split, in plain
arithmetic (:func:`~smlearn.models.effort.week_rules`): read that to see the model. The
maps and searches of that module (``outcome_map``, ``best_allocation``, ``near_best``)
run hundreds of splits for one answer, so this module runs the same rules on arrays:

- :func:`run_batch` keeps one row per split and steps all of them through the weeks
  together (the audience has to go week by week: each week's followers depend on the
  last week's);
- :func:`tie_strengths` needs no loop at all: a tie's strength after its contacts so far is
  a geometric series, so every tie in every week is written down in closed form.

Both take parameters that :mod:`smlearn.models.effort` has already checked (a dict with
every value of its ``PARAMS``) and return plain arrays. The audience goes through the
same arithmetic in the same order as in the rules, so followers, reach, comments and
their leads come out the same to the last digit; the closed form sums the ties' decay
and gains in another order, so tie strength and the leads from ties agree to
floating-point rounding (1e-12 relative). ``tests/models/test_effort.py`` checks both.
"""

from __future__ import annotations

import math

import numpy as np

# What smlearn.models.effort calls; both assume checked inputs.
__all__ = ["run_batch", "tie_strengths"]


def tie_strengths(contacts, p, weeks):
    """Strength of every tie at the end of each week, for each contact rate in ``contacts``.

    The fast twin of the tie part of :func:`smlearn.models.effort.week_rules`.

    Parameters
    ----------
    contacts : array of float
        One-to-one contacts a week (upkeep hours / hours_per_contact), one per run.
    p : dict
        Checked parameters of :mod:`smlearn.models.effort` (``circle_size``,
        ``contact_gain``, ``start_strength``, ``tie_half_life`` are used).
    weeks : int
        How many weeks.

    Returns
    -------
    numpy.ndarray
        Shape (len(contacts), circle_size, weeks).

    Notes
    -----
    Contacts go round the circle in turn: contact number c = 0, 1, 2, ... happens at
    time (c + 1/2)/k and goes to person c mod circle_size. Between contacts a tie decays;
    at a contact it gains. Written in closed form (a geometric series per tie), so no
    loop over weeks is needed.
    """
    k = np.asarray(contacts, dtype=float)[:, None, None]          # contacts per week
    m, g, w0 = p["circle_size"], p["contact_gain"], p["start_strength"]
    decay = math.log(2) / p["tie_half_life"]                      # q = exp(-decay) per week
    person = np.arange(m)[None, :, None]
    t = np.arange(1, weeks + 1, dtype=float)[None, None, :]
    # A contact due at the very end of a week counts in it whatever the rounding, as in the rules:
    # without this, contacts due on a whole week (k = 1.5, say) fell in that week or the next at random.
    due = t + 1e-9
    # (before a person's first contact the "contacted" branch may overflow: np.where below discards it)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        first = np.where(k > 0, (person + 0.5) / k, np.inf)        # time of a person's first contact
        tau = np.where(k > 0, m / k, np.inf)                       # weeks between two contacts
        w_star = g / (1 - (1 - g) * np.exp(-decay * tau))          # strength just after a contact, long run
        after_first = g + (1 - g) * w0 * np.exp(-decay * first)    # strength just after the first contact
        rounds = np.floor((due - first) / tau)                     # contacts so far, minus one
        rounds = np.where(due >= first, rounds, 0.0)
        after_last = w_star + (after_first - w_star) * ((1 - g) * np.exp(-decay * tau)) ** rounds
        since = t - first - rounds * tau                           # weeks since the last contact
        contacted = after_last * np.exp(-decay * since)
    never = w0 * np.exp(-decay * t)                                # no contact yet: only decay
    return np.where(due >= first, contacted, never)


def run_batch(hours, splits, p, weeks):
    """Weekly outcomes for a batch of splits: the fast twin of :func:`smlearn.models.effort.week_rules`.

    Parameters
    ----------
    hours : float
        Hours a week.
    splits : array-like of shape (n, 3)
        Checked splits (posting, replies, upkeep), each adding up to 1.
    p : dict
        Every checked parameter of :mod:`smlearn.models.effort`.
    weeks : int
        How many weeks.

    Returns
    -------
    dict of numpy.ndarray
        One array of shape (n, weeks) for each column of ``effort.COLUMNS`` but week,
        cum_reach and cum_leads.
    """
    splits = np.asarray(splits, dtype=float).reshape(-1, 3)
    post_h, reply_h, upkeep_h = (hours * splits[:, i] for i in range(3))
    if p["scheduling"] == "tool":
        posts = np.maximum(post_h - p["setup_hours"], 0.0) / p["hours_per_post"]
        cost = np.where(post_h > 0, p["tool_cost"], 0.0)
    else:
        posts = post_h / p["hours_per_manual_post"]
        cost = np.zeros(len(splits))
    reply_capacity = reply_h / p["hours_per_reply"]                # comments you can answer a week
    # Feeds show only a few posts of one account: extra posts help less and less. Worked out once
    # per split with the rules' own math.exp and **: numpy's exp and power now and then differ from
    # them in the last digit, and an audience that overshoots its market magnifies any difference.
    effective = np.array([p["feed_limit"] * (1 - math.exp(-float(n) / p["feed_limit"])) for n in posts])
    seen = np.array([1 - (1 - p["organic_reach"]) ** float(e) for e in effective])   # share who see >= 1 post

    batch = len(splits)
    out = {name: np.empty((batch, weeks)) for name in
           ("followers", "reach", "impressions", "comments", "answered")}
    followers = np.full(batch, float(p["start_followers"]))
    for i in range(weeks):
        views = effective * p["organic_reach"] * followers         # follower impressions
        room = np.maximum(1 - followers / p["market_size"], 0.0)      # share of the market not yet following
        new = effective * (p["discovery"] + p["share_rate"] * p["organic_reach"] * followers) * room
        comments = p["comment_rate"] * views
        answered = np.minimum(comments, reply_capacity)
        with np.errstate(divide="ignore", invalid="ignore"):
            share_answered = np.where(comments > 0, answered / comments, 0.0)
        out["reach"][:, i] = followers * seen + new
        out["impressions"][:, i] = views + new
        out["comments"][:, i] = comments
        out["answered"][:, i] = answered
        gained = p["follow_rate"] * (1 + p["reply_boost"] * share_answered) * new
        followers = followers + gained - p["unfollow_rate"] * followers
        out["followers"][:, i] = followers                         # at the end of the week

    # The ties depend on the upkeep hours alone: worked out once for each value among the splits.
    upkeeps, which = np.unique(upkeep_h, return_inverse=True)
    strengths = tie_strengths(upkeeps / p["hours_per_contact"], p, weeks)
    out["tie_strength"] = strengths.sum(axis=1)[which]
    out["strong_ties"] = (strengths >= p["strong_threshold"] - 1e-12).sum(axis=1)[which]
    out["leads_media"] = p["lead_rate_reach"] * out["reach"]
    out["leads_ties"] = p["referral_rate"] * out["tie_strength"]
    out["leads"] = out["leads_media"] + out["leads_ties"]
    out["posts"] = np.repeat(posts[:, None], weeks, axis=1)
    out["cost"] = np.repeat(cost[:, None], weeks, axis=1)
    return out
