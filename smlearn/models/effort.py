r"""Effort: a weekly time budget split between posting, replying and relationships.

The claim
---------
The sources disagree about effort. Source C says social media can be **automated and
scheduled** (a tool publishes the posts you prepared in one sitting) while social
networking has **no shortcut** (every relationship takes your own time). Source D says
social media is **a marathon, not a sprint**: an audience grows slowly, and the
one-to-one conversations that come with it cannot be automated unless you are already
a well-known brand. This model puts the three uses of an hour side by side and lets
the numbers, not the sources, say which split pays off, and after how long.

Lessons now use :mod:`smlearn.models.pipeline` for the week of hours (issue 11: one
time-budget model for lessons 02c, 07 and the capstone); this module is kept for now.

**Read** :func:`week_rules` **first** (``effort.week_rules??``): it is the whole model, week
by week for one split, in plain arithmetic. :func:`simulate` returns the same table (to
floating-point rounding) from a fast engine, :mod:`smlearn.models.engines.effort`, which
runs many splits at once: the maps and searches below (:func:`outcome_map`,
:func:`best_allocation`, :func:`near_best`) try hundreds of splits for one answer.

The model
---------
Time goes in weeks ``t = 1, ..., weeks``. You have ``hours`` a week and split them
``split = (posting, replies, upkeep)``, three shares that add up to 1.

*Posting (automatable).* With a scheduling tool you spend ``setup_hours`` a week
preparing the batch and then only ``hours_per_post`` per post; by hand every post
takes ``hours_per_manual_post`` and there is no set-up:

.. math::

    n = \max(0, H_\text{post} - \text{setup\_hours}) / \text{hours\_per\_post}
    \quad\text{(tool)}, \qquad
    n = H_\text{post} / \text{hours\_per\_manual\_post} \quad\text{(by hand)}

*Audience.* Feeds show only a few posts of one account a week, so ``n`` posts count as

.. math::

    n_\text{eff} = L\,(1 - e^{-n/L}), \qquad L = \text{feed\_limit}

(about ``n`` when you post little, never more than ``L``). A post is seen by a share
``organic_reach`` of your ``F_t`` followers, so the week's posts reach
:math:`F_t\,(1 - (1 - \text{organic\_reach})^{n_\text{eff}})` different followers.
Each post also reaches new people: ``discovery`` people directly, plus ``share_rate``
new people for every follower who sees it and passes it on. Only people outside your
audience can still follow (``market_size`` caps it):

.. math::

    \text{new}_t = n_\text{eff}\,(\text{discovery} + \text{share\_rate}\cdot\text{organic\_reach}\cdot F_t)
                   \,(1 - F_t/\text{market\_size})

Followers comment (``comment_rate`` comments per follower impression,
:math:`n_\text{eff}\cdot\text{organic\_reach}\cdot F_t` impressions a week). Replying takes
``hours_per_reply`` per comment; the share of comments you answer, :math:`a_t`, raises
the follow rate (people follow an account that talks back):

.. math::

    F_{t+1} = F_t + \text{follow\_rate}\,(1 + \text{reply\_boost}\cdot a_t)\,\text{new}_t
              - \text{unfollow\_rate}\cdot F_t

So the audience compounds: more followers, more shares, more new followers. That is
the marathon. And comments grow with the audience while a reply cannot be scheduled,
so the replies share of an answered conversation falls unless you give it more hours.

*Relationships (no shortcut).* You keep up a circle of ``circle_size`` people (Dunbar's
layers of about 5, 15, 50 and 150 people are the context for this number [1]_ [2]_).
Upkeep hours buy :math:`k = H_\text{upkeep} / \text{hours\_per\_contact}` one-to-one
contacts a week (a call, a coffee, a personal message), made round the circle in turn,
so each person is contacted every :math:`\tau = \text{circle\_size}/k` weeks. Each tie
has a strength :math:`w` between 0 (strangers) and 1 (as close as it gets), starting at
``start_strength``. Without contact a tie **decays** exponentially with a half-life of
``tie_half_life`` weeks (closeness fades within months without contact [3]_); a contact
**strengthens** it by closing a share ``contact_gain`` of the gap to 1:

.. math::

    w(t + s) = w(t)\, 2^{-s/\text{tie\_half\_life}}, \qquad
    w \leftarrow w + \text{contact\_gain}\,(1 - w) \text{ at a contact}

A tie counts as **strong** while :math:`w \ge` ``strong_threshold``. After many rounds
a tie just after a contact has strength
:math:`w^+ = g / (1 - (1 - g)\,q^{\tau})` with :math:`g` = contact_gain and
:math:`q^\tau` the decay over one round, so the largest circle you can keep strong all
the time is :func:`sustainable_strong_ties`.

*Outcomes.* ``reach`` is the number of people who see at least one post each week
(followers reached plus new people). ``leads`` (enquiries, sign-ups) come from reach
(``lead_rate_reach`` per person reached) and from ties (``referral_rate`` per unit of
tie strength per week: a close contact recommends you more often).

Every default in :data:`PARAMS` is ILLUSTRATIVE: chosen to be plausible for a small
business or a freelancer, not measured. Change them and see whether the answer
changes.

The frame
---------
In the course's frame (:mod:`smlearn.frame`) the three uses of an hour sit in three cells.
Scheduled posts are ``find-broadcast``; replies to people who found your posts are
``find-two-way``, the first step from stranger to tie (Source D); relationship upkeep is
``ties-two-way``.

References
----------
.. [1] Zhou, W.-X., Sornette, D., Hill, R. A. and Dunbar, R. I. M. (2005). Discrete
   hierarchical organization of social group sizes. Proc. R. Soc. B 272, 439-444.
.. [2] Dunbar, R. I. M. (2016). Do online social media cut through the constraints
   that limit the size of offline social networks? R. Soc. Open Sci. 3, 150292.
.. [3] Roberts, S. G. B. and Dunbar, R. I. M. (2011). The costs of family and friends:
   an 18-month longitudinal study of relationship maintenance and decay. Evolution and
   Human Behavior 32(3), 186-197.

Examples
--------
>>> from smlearn.models import effort
>>> result = effort.simulate(hours=8, split=(0.5, 0.1, 0.4))
>>> int(result["week"].max()), round(float(result["followers"].iloc[-1]))
(52, 1413)
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smlearn.models.engines.effort import run_batch
from smlearn.params import Choice, FrozenParams, Param, check_number, check_params, defaults_from
from smlearn.profile import apply_profile

# The cells of the course's frame (smlearn.frame) this module models.
FRAME_CELLS = ("find-broadcast", "find-two-way", "ties-two-way")

__all__ = ["PARAMS", "SPLIT_PARAMS", "OUTCOMES", "Allocation", "Exploration", "week_rules", "simulate",
           "split_from_shares", "sustainable_strong_ties", "totals", "outcome_map", "best_allocation", "best_split_by_horizon",
           "near_best", "near_best_summary", "near_best_by_horizon", "sustainable_by_hours"]

# One record per parameter: default, range, step, label, unit, meaning. Defaults are ILLUSTRATIVE.
_PARAM_LIST = [
    # The budget
    Param("hours", 8.0, 0.0, 60.0, 0.5, "Time budget", "hours/week",
          "Hours a week you can give to social media and social networking together."),
    Param("weeks", 52, 4, 104, 1, "Horizon", "weeks",
          "How many weeks to simulate: up to two years."),
    # Posting
    Choice("scheduling", "tool", ("tool", "by hand"), "Scheduling",
           "Whether posts are prepared in one batch and published by a scheduling tool, or posted one by one."),
    Param("setup_hours", 1.0, 0.0, 10.0, 0.25, "Scheduling set-up", "hours/week",
          "Hours a week spent preparing the batch of scheduled posts, before the first post."),
    Param("hours_per_post", 0.25, 0.05, 4.0, 0.05, "Time per scheduled post", "hours/post",
          "Hours to write one post when a tool publishes it."),
    Param("hours_per_manual_post", 0.75, 0.05, 4.0, 0.05, "Time per post by hand", "hours/post",
          "Hours to write and publish one post by hand."),
    Param("feed_limit", 7.0, 1.0, 50.0, 1.0, "Feed limit", "posts/week",
          "Posts a week beyond which extra posts mostly compete with your own for the same feeds."),
    Param("tool_cost", 15.0, 0.0, 200.0, 5.0, "Tool cost", "$/week",
          "What the scheduling tool costs a week (counted only when it is used)."),
    # Audience
    Param("start_followers", 200, 0, 100000, 10, "Followers at the start", "people",
          "How many people follow the account in week 1."),
    Param("market_size", 20000, 100, 1000000, 100, "Possible audience", "people",
          "How many people might ever follow this account."),
    Param("organic_reach", 0.06, 0.0, 1.0, 0.01, "Organic reach", "share of followers",
          "Share of followers who see a given post in their feed."),
    Param("discovery", 20.0, 0.0, 1000.0, 5.0, "Discovery", "people/post",
          "New people a post reaches directly (hashtags, search, recommendations)."),
    Param("share_rate", 1.5, 0.0, 5.0, 0.05, "Sharing", "new people/viewer",
          "New people reached through shares, for every follower who sees a post."),
    Param("follow_rate", 0.03, 0.0, 1.0, 0.005, "Follow rate", "share of new people",
          "Share of newly reached people who follow the account."),
    Param("unfollow_rate", 0.005, 0.0, 0.2, 0.001, "Unfollow rate", "share/week",
          "Share of followers who leave each week."),
    # Replies
    Param("comment_rate", 0.02, 0.0, 1.0, 0.005, "Comment rate", "comments/view",
          "Comments per follower who sees a post."),
    Param("hours_per_reply", 0.05, 0.01, 1.0, 0.01, "Time per reply", "hours/reply",
          "Hours to read and answer one comment in person (replies cannot be scheduled)."),
    Param("reply_boost", 1.0, 0.0, 5.0, 0.1, "Reply boost", "x follow rate",
          "How much answering every comment raises the follow rate (1 doubles it)."),
    # Relationships
    Param("circle_size", 50, 5, 150, 1, "Circle", "people",
          "How many people you keep in touch with one to one (Dunbar's layers: 5, 15, 50, 150)."),
    Param("hours_per_contact", 0.5, 0.1, 4.0, 0.1, "Time per contact", "hours/contact",
          "Hours for one personal contact: a call, a coffee, a thoughtful message."),
    Param("start_strength", 0.2, 0.0, 1.0, 0.05, "Starting tie strength", "0 to 1",
          "How close each person in the circle is in week 1 (0 strangers, 1 as close as it gets)."),
    Param("contact_gain", 0.3, 0.05, 1.0, 0.05, "Gain per contact", "share of gap",
          "Share of the gap to a full-strength tie that one contact closes."),
    Param("tie_half_life", 12.0, 1.0, 104.0, 1.0, "Tie half-life", "weeks",
          "Weeks without contact after which a tie has half its strength."),
    Param("strong_threshold", 0.5, 0.05, 0.95, 0.05, "Strong tie from", "strength",
          "Strength from which a tie counts as strong."),
    # Leads
    Param("lead_rate_reach", 0.0005, 0.0, 0.05, 0.0005, "Leads per person reached", "leads/person",
          "Leads (enquiries, sign-ups) per person who sees a post."),
    Param("referral_rate", 0.02, 0.0, 0.5, 0.005, "Referrals per tie", "leads/week",
          "Leads a week from one tie of full strength (a tie of strength w brings w times this)."),
]
PARAMS: dict[str, Param | Choice] = apply_profile("effort", {p.name: p for p in _PARAM_LIST})

# Two sliders that can never make an invalid split: how much of the time goes to media
# at all, and how much of the media time goes to replies. See split_from_shares.
SPLIT_PARAMS: dict[str, Param] = {
    "media_share": Param("media_share", 0.5, 0.0, 1.0, 0.05, "Media share", "share of hours",
                         "Share of the hours spent on social media (posting and replies); the rest is upkeep."),
    "reply_share": Param("reply_share", 0.2, 0.0, 1.0, 0.05, "Replies within media", "share of media hours",
                         "Share of the social media hours spent replying to comments."),
}

OUTCOMES = {
    "leads": "leads over the horizon",
    "reach": "people reached over the horizon (person-weeks)",
    "followers": "followers at the end",
    "strong_ties": "strong ties at the end",
}
COLUMNS = ["week", "posts", "followers", "reach", "impressions", "comments", "answered", "tie_strength",
           "strong_ties", "leads_media", "leads_ties", "leads", "cum_reach", "cum_leads", "cost"]


# ---- Checking the split ------------------------------------------------------------------

def _check_split(split):
    """Return ``split`` as three floats that are >= 0 and add up to 1, or raise a clear error."""
    if isinstance(split, (str, bytes)) or not hasattr(split, "__len__") or len(split) != 3:
        raise TypeError("split must be three shares (posting, replies, upkeep) that add up to 1; "
                        f"got {split!r}")
    shares = []
    for name, value in zip(("posting", "replies", "upkeep"), split):
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
            raise TypeError(f"split: the {name} share must be a finite number; got {value!r}")
        if value < 0:
            raise ValueError(f"split: the {name} share must be >= 0; got {value!r}")
        shares.append(float(value))
    if abs(sum(shares) - 1) > 1e-6:
        raise ValueError(f"split must add up to 1 (posting + replies + upkeep); got {split!r}, "
                         f"which adds up to {sum(shares):.6g}")
    return tuple(shares)


def split_from_shares(media_share, reply_share):
    """Turn two shares between 0 and 1 into a split (posting, replies, upkeep).

    ``media_share`` of the hours go to social media, and ``reply_share`` of those to
    replies; the rest of the hours go to relationship upkeep. Any two values between 0
    and 1 give a valid split, which is why the explorer's sliders use them.

    Examples
    --------
    >>> split_from_shares(0.5, 0.2)
    (0.4, 0.1, 0.5)
    """
    p = check_params(SPLIT_PARAMS, {"media_share": media_share, "reply_share": reply_share})
    media, reply = p["media_share"], p["reply_share"]
    return (round(media * (1 - reply), 12), round(media * reply, 12), round(1 - media, 12))


# The split simulate() uses when given none: the split sliders' defaults, (0.4, 0.1, 0.5).
DEFAULT_SPLIT = split_from_shares(SPLIT_PARAMS["media_share"].default, SPLIT_PARAMS["reply_share"].default)


def _shares_from_split(split):
    posting, replies, upkeep = split
    media = posting + replies
    return media, (replies / media if media > 0 else 0.0)


def _checked(params):
    """Defaults filled in and every value checked."""
    p = {name: spec.default for name, spec in PARAMS.items()}
    p.update(check_params(PARAMS, params))
    return p


# ---- The rules, week by week: read these first ----------------------------------------------

@defaults_from(PARAMS)   # help() shows every default
def week_rules(*, split=DEFAULT_SPLIT, **params) -> pd.DataFrame:
    """The model, week by week for one split: the rules that :func:`simulate` runs fast.

    Plain arithmetic, one number at a time, in the order the module's docstring tells
    it: the hours split three ways, then each week the posts' audience, the comments and
    the replies, the new followers, and the ties of the circle, each fading since its
    last contact and strengthened by this week's contacts.

    Parameters
    ----------
    split, **params
        As in :func:`simulate`.

    Returns
    -------
    pandas.DataFrame
        The same table as :func:`simulate`.

    Notes
    -----
    :func:`simulate` (and :func:`outcome_map`, :func:`best_allocation`, ...) hand the
    same rules to a fast engine, :mod:`smlearn.models.engines.effort`, which runs many
    splits at once and works the ties out in closed form instead of contact by contact.
    The two tables are the same to the last digit in the whole numbers (week,
    strong_ties) and in every column of the audience (posts, followers, reach,
    impressions, comments, answered, leads_media, cum_reach, cost); the closed form sums
    the ties in another order, so tie_strength, leads_ties, leads and cum_leads agree to
    floating-point rounding (1e-12 relative). ``tests/models/test_effort.py`` checks both for
    many splits and settings.

    Examples
    --------
    >>> rules = week_rules(hours=8, split=(0.4, 0.1, 0.5))
    >>> int(rules["strong_ties"].iloc[-1]), round(float(rules["cum_leads"].iloc[-1]), 1)
    (22, 36.2)
    """
    p = _checked(params)
    posting, replies, upkeep = _check_split(split)
    hours = p["hours"]

    # Posting: the same number of posts every week. A tool costs set-up time (and money) first.
    post_hours = hours * posting
    if p["scheduling"] == "tool":
        posts = max(post_hours - p["setup_hours"], 0.0) / p["hours_per_post"]
        cost = float(p["tool_cost"]) if post_hours > 0 else 0.0
    else:
        posts = post_hours / p["hours_per_manual_post"]
        cost = 0.0
    # Feeds show only a few posts of one account a week: extra posts count less and less.
    effective = p["feed_limit"] * (1 - math.exp(-posts / p["feed_limit"]))
    seen = 1 - (1 - p["organic_reach"]) ** effective    # share of followers who see at least one post
    can_answer = hours * replies / p["hours_per_reply"]  # comments you have time to answer a week

    # Relationships: contacts go round the circle in turn, k a week, the first half-way through
    # week 1: contact number c (0, 1, 2, ...) comes at week (c + 1/2)/k, to person c mod circle.
    circle, gain, half_life = p["circle_size"], p["contact_gain"], p["tie_half_life"]
    k = hours * upkeep / p["hours_per_contact"]
    strength = [p["start_strength"]] * circle           # each tie just after its last contact
    last_contact = [0.0] * circle                       # when that was (week 0: the start)
    contact = 0                                         # the next contact's number

    followers = float(p["start_followers"])
    cum_reach = cum_leads = 0.0
    rows = []
    for week in range(1, p["weeks"] + 1):
        # The audience: followers see the posts, the posts find new people, followers comment.
        views = effective * p["organic_reach"] * followers             # follower impressions
        room = max(1 - followers / p["market_size"], 0.0)              # share of the market not yet following
        new = effective * (p["discovery"] + p["share_rate"] * p["organic_reach"] * followers) * room
        comments = p["comment_rate"] * views
        answered = min(comments, can_answer)
        share_answered = answered / comments if comments > 0 else 0.0
        reach = followers * seen + new
        # New followers: more of the new people follow an account that answers.
        gained = p["follow_rate"] * (1 + p["reply_boost"] * share_answered) * new
        followers = followers + gained - p["unfollow_rate"] * followers

        # The ties: this week's contacts, each one after the tie has faded since its last
        # contact (a contact due at the very end of the week counts in it, whatever the rounding).
        while k > 0 and (contact + 0.5) / k <= week + 1e-9:
            when, person = (contact + 0.5) / k, contact % circle
            faded = strength[person] * 0.5 ** ((when - last_contact[person]) / half_life)
            strength[person] = faded + gain * (1 - faded)    # closes a share `gain` of the gap to 1
            last_contact[person] = when
            contact += 1
        tie_strength, strong_ties = 0.0, 0
        for person in range(circle):                         # each tie at the end of the week
            now = strength[person] * 0.5 ** ((week - last_contact[person]) / half_life)
            tie_strength += now
            if now >= p["strong_threshold"] - 1e-12:          # strong (give or take rounding)
                strong_ties += 1

        # Leads: from the people reached, and referrals from the ties (a closer tie refers more).
        leads_media = p["lead_rate_reach"] * reach
        leads_ties = p["referral_rate"] * tie_strength
        cum_reach += reach
        cum_leads += leads_media + leads_ties
        rows.append({"week": week, "posts": posts, "followers": followers,   # followers at the end of the week
                     "reach": reach, "impressions": views + new, "comments": comments, "answered": answered,
                     "tie_strength": tie_strength, "strong_ties": strong_ties, "leads_media": leads_media,
                     "leads_ties": leads_ties, "leads": leads_media + leads_ties, "cum_reach": cum_reach,
                     "cum_leads": cum_leads, "cost": cost})
    return _table(pd.DataFrame(rows, columns=COLUMNS), p, (posting, replies, upkeep))


def _outcome(out, outcome):
    """One number per split for a named outcome, from the engine's arrays."""
    if outcome == "leads":
        return out["leads"].sum(axis=1)
    if outcome == "reach":
        return out["reach"].sum(axis=1)
    if outcome == "followers":
        return out["followers"][:, -1]
    return out["strong_ties"][:, -1].astype(float)


def _check_outcome(outcome):
    """``outcome`` if it names one of :data:`OUTCOMES`, else a ValueError listing them."""
    if isinstance(outcome, str) and outcome in OUTCOMES:
        return str(outcome)
    allowed = ", ".join(repr(name) for name in OUTCOMES)
    raise ValueError(f"outcome must be one of {allowed}; got {outcome!r}")


def _table(table, p, split):
    """``table`` with the checked parameters and the split in its attrs, as simulate returns it."""
    table.attrs["params"] = FrozenParams(p)   # read-only: pandas copies attrs on every operation
    table.attrs["split"] = split
    return table


# ---- What a learner calls -----------------------------------------------------------------------

@defaults_from(PARAMS)   # help() shows every default
def simulate(*, split=DEFAULT_SPLIT, **params) -> pd.DataFrame:
    """Simulate a weekly time budget split between posting, replies and relationship upkeep.

    Parameters
    ----------
    split : tuple of three floats, default (0.4, 0.1, 0.5)
        Shares of the hours for (posting, replies, upkeep); each >= 0, adding up to 1.
        :func:`split_from_shares` makes one from two shares between 0 and 1.
    **params
        Any parameter in :data:`PARAMS` (``hours``, ``weeks``, ``scheduling``,
        ``tie_half_life``, ...), keyword-only. Their meaning, unit and allowed range
        are in :data:`PARAMS` (``PARAMS["tie_half_life"].doc``); defaults are
        illustrative. The model is deterministic: it returns expected values.

    Returns
    -------
    pandas.DataFrame
        One row per week with columns week, posts, followers (at the end of the
        week), reach, impressions, comments, answered (comments answered), tie_strength
        (sum over the circle), strong_ties, leads_media, leads_ties, leads, cum_reach,
        cum_leads and cost ($ for the tool). ``attrs["params"]`` holds the checked
        parameters and ``attrs["split"]`` the split.

    Raises
    ------
    TypeError
        If a parameter is unknown or not a number (or a whole number where one is
        needed), or if ``split`` is not three numbers.
    ValueError
        If a parameter is outside its range (negative hours, for one), or if the
        shares of ``split`` are negative or do not add up to 1.

    Examples
    --------
    Eight hours a week for a year, half of them on relationships:

    >>> result = simulate(hours=8, split=(0.4, 0.1, 0.5))
    >>> result.shape
    (52, 15)

    Posting 3.2 hours a week with a tool: 1 hour of set-up, then a quarter hour a post.

    >>> float(result["posts"].iloc[0])
    8.8

    Four hours of upkeep buy 8 contacts a week, so each of 50 people hears from you
    about every 6 weeks: too seldom to keep them all strong. At the end of the year 22
    of the 50 ties are strong (each one is strong for part of the round):

    >>> int(result["strong_ties"].iloc[-1]), round(float(result["cum_leads"].iloc[-1]), 1)
    (22, 36.2)

    Shares must add up to 1:

    >>> simulate(split=(0.5, 0.5, 0.5))
    Traceback (most recent call last):
    ...
    ValueError: split must add up to 1 (posting + replies + upkeep); got (0.5, 0.5, 0.5), which adds up to 1.5
    """
    p = _checked(params)
    split = _check_split(split)
    weeks = p["weeks"]
    out = run_batch(p["hours"], [split], p, weeks)   # week_rules' rules, run by the engine
    table = {"week": np.arange(1, weeks + 1)}
    for column in COLUMNS[1:]:
        if column == "cum_reach":
            table[column] = np.cumsum(out["reach"][0])
        elif column == "cum_leads":
            table[column] = np.cumsum(out["leads"][0])
        else:
            table[column] = out[column][0]
    return _table(pd.DataFrame(table), p, split)


def totals(result):
    """Return the four outcomes of a :func:`simulate` result as a dict.

    leads and reach are totals over the horizon; followers and strong_ties are the
    values at the end.

    Examples
    --------
    >>> {k: round(v) for k, v in totals(simulate()).items()}
    {'leads': 36, 'reach': 26283, 'followers': 1142, 'strong_ties': 22}
    """
    if not isinstance(result, pd.DataFrame) or not set(COLUMNS) <= set(result.columns):
        raise TypeError("result must be a table from effort.simulate()")
    last = result.iloc[-1]
    return {"leads": float(result["leads"].sum()), "reach": float(result["reach"].sum()),
            "followers": float(last["followers"]), "strong_ties": float(last["strong_ties"])}


@defaults_from(PARAMS)
def sustainable_strong_ties(upkeep_hours, *, hours_per_contact, contact_gain, tie_half_life,
                            strong_threshold):
    r"""Return the largest circle you can keep strong for good with ``upkeep_hours`` a week.

    With :math:`k` = upkeep_hours / hours_per_contact contacts a week, a circle of
    :math:`m` people is contacted every :math:`\tau = m/k` weeks. In the long run a tie
    has strength :math:`w^+ = g/(1-(1-g)x)` just after a contact, where
    :math:`x = 2^{-\tau/h}` is its decay over a round, and it is weakest just before the
    next contact, :math:`w^+ x`. It stays strong all the time if
    :math:`w^+ x \ge \theta`, that is if :math:`x \ge \theta/(g + \theta(1-g))`. So

    .. math::

        m_\max = k\,\tau_\max, \qquad
        \tau_\max = h \log_2\frac{g + \theta(1 - g)}{\theta}

    This is the model's version of Dunbar's point: time, not interest, caps how many
    close relationships one person can keep up.

    Parameters
    ----------
    upkeep_hours : float
        Hours a week spent on one-to-one contact (>= 0).
    hours_per_contact, contact_gain, tie_half_life, strong_threshold : float
        As in :data:`PARAMS`.

    Returns
    -------
    float
        The number of people (not rounded).

    Raises
    ------
    TypeError, ValueError
        If a value is not a number or out of its range.

    Examples
    --------
    An hour a week keeps about nine people close; five hours about 45 (Dunbar's
    15- and 50-person layers are of that size):

    >>> round(sustainable_strong_ties(1.0), 1), round(sustainable_strong_ties(5.0), 1)
    (9.1, 45.4)
    """
    check_number("upkeep_hours", upkeep_hours, 0, 60, unit="hours/week")
    p = check_params(PARAMS, {"hours": upkeep_hours, "hours_per_contact": hours_per_contact,
                              "contact_gain": contact_gain, "tie_half_life": tie_half_life,
                              "strong_threshold": strong_threshold})
    k = p["hours"] / p["hours_per_contact"]
    g, theta = p["contact_gain"], p["strong_threshold"]
    tau_max = p["tie_half_life"] * math.log2((g + theta * (1 - g)) / theta)
    return k * tau_max


def _simplex_grid(step):
    """All splits on a grid of the given step (posting, replies, upkeep), as an array."""
    n = int(round(1 / step))
    rows = [(i / n, j / n, (n - i - j) / n) for i in range(n + 1) for j in range(n + 1 - i)]
    return np.array(rows)


def outcome_map(*, outcome="leads", step=0.1, **params):
    """Evaluate one outcome for every split on a grid: a map of the whole trade-off.

    Parameters
    ----------
    outcome : {'leads', 'reach', 'followers', 'strong_ties'}
        What to measure (see :data:`OUTCOMES`).
    step : float, default 0.1
        Grid step for the shares; 1/step must be a whole number between 2 and 40.
    **params
        Any parameter in :data:`PARAMS`.

    Returns
    -------
    pandas.DataFrame
        Columns posting, replies, upkeep, value: one row per split on the grid.

    Raises
    ------
    ValueError
        If ``outcome`` or ``step`` is not allowed, or a parameter is out of range.

    Examples
    --------
    >>> grid = outcome_map(step=0.25)
    >>> len(grid), list(grid.columns)
    (15, ['posting', 'replies', 'upkeep', 'value'])
    """
    _check_outcome(outcome)
    if isinstance(step, bool) or not isinstance(step, numbers.Real) or not 0.025 <= step <= 0.5 \
            or abs(1 / step - round(1 / step)) > 1e-9:
        raise ValueError(f"step must be 1/n for a whole n from 2 to 40 (0.5, 0.25, 0.1, 0.05, ...); got {step!r}")
    p = _checked(params)
    grid = _simplex_grid(step)
    values = _outcome(run_batch(p["hours"], grid, p, p["weeks"]), outcome)
    table = pd.DataFrame(grid, columns=["posting", "replies", "upkeep"])
    table["value"] = values
    return table


@dataclass(frozen=True)
class Allocation:
    """The best split found by :func:`best_allocation`.

    Attributes
    ----------
    posting, replies, upkeep : float
        Shares of the hours (they add up to 1).
    value : float
        The outcome at that split.
    outcome : str
        Which outcome was maximised.
    hours : float
        Hours a week.
    weeks : int
        Horizon.
    """

    posting: float
    replies: float
    upkeep: float
    value: float
    outcome: str
    hours: float
    weeks: int

    @property
    def split(self):
        """(posting, replies, upkeep), ready for ``simulate(split=...)``."""
        return (self.posting, self.replies, self.upkeep)


REFINED_POINTS = 3     # best_allocation lays a finer grid round this many of the best grid points,
REFINE_STEPS = 10      # with this many finer steps to one grid step.


def _splits_near(split, step):
    """The splits whose posting and replies shares are each within ``step`` of ``split``'s,
    in steps of ``step / REFINE_STEPS`` (upkeep takes the rest; every share >= 0)."""
    offsets = np.arange(-REFINE_STEPS, REFINE_STEPS + 1) * (step / REFINE_STEPS)
    posting, replies = np.meshgrid(np.round(split[0] + offsets, 12), np.round(split[1] + offsets, 12))
    posting, replies = posting.ravel(), replies.ravel()
    keep = (posting >= 0) & (replies >= 0) & (posting + replies <= 1 + 1e-12)
    posting, replies = posting[keep], replies[keep]
    return np.column_stack([posting, replies, np.maximum(np.round(1 - posting - replies, 12), 0.0)])


def best_allocation(hours, *, outcome="leads", step=0.05, **params):
    """Find the split of ``hours`` a week that maximises one outcome.

    First every split on a grid (``step``) is tried at once. The surface has narrow
    ridges such a grid can step over (a small share of replies, enough to answer the
    comments, can be worth more than none or a whole grid step of them), so a grid ten
    times finer is then laid within one step of each of the best few grid points.
    Last, :func:`scipy.optimize.minimize` (Nelder-Mead, in the two shares of
    :func:`split_from_shares`, so every point it tries is a valid split) polishes the
    best point found. Its value is at least that of every split on those finer grids;
    near the top the surface is flat and a little rough, so splits a percentage point
    apart can bring almost the same (see :func:`near_best`).

    Parameters
    ----------
    hours : float
        Hours a week (0 to 60).
    outcome : {'leads', 'reach', 'followers', 'strong_ties'}, default 'leads'
        What to maximise (see :data:`OUTCOMES`).
    step : float, default 0.05
        Grid step for the first search.
    **params
        Any other parameter in :data:`PARAMS`, ``weeks`` included.

    Returns
    -------
    Allocation
        The shares, the value reached, and what was asked.

    Raises
    ------
    TypeError, ValueError
        If ``hours`` or a parameter is not a number or out of range, or ``outcome``
        is unknown.

    Examples
    --------
    For a one-year horizon, 8 hours a week, the split that brings the most leads:

    >>> best = best_allocation(8, weeks=52)
    >>> [round(s, 2) for s in best.split], round(best.value, 1)
    ([0.53, 0.04, 0.44], 38.9)

    For two years, more of the time goes to posting (the audience compounds):

    >>> round(best_allocation(8, weeks=104).posting, 2)
    0.66
    """
    from scipy.optimize import minimize

    _check_outcome(outcome)
    p = _checked({**params, "hours": hours})
    grid = outcome_map(outcome=outcome, step=step, **p)
    top = grid.nlargest(REFINED_POINTS, "value")[["posting", "replies", "upkeep"]].to_numpy()
    # the best grid point first: a finer point must beat it, not tie with it, to be chosen
    splits = np.vstack([top[:1]] + [_splits_near(split, step) for split in top])
    values = _outcome(run_batch(p["hours"], splits, p, p["weeks"]), outcome)
    best = int(np.argmax(values))
    best_split = tuple(float(s) for s in splits[best])
    best_value = float(values[best])

    def loss(x):
        media, reply = np.clip(x, 0.0, 1.0)
        split = (media * (1 - reply), media * reply, 1 - media)
        return -float(_outcome(run_batch(p["hours"], [split], p, p["weeks"]), outcome)[0])

    if outcome != "strong_ties":   # a whole number: the grid already found its best
        x0 = np.array(_shares_from_split(best_split))
        steps = [np.where(x0 + d <= 1, x0 + d, x0 - d) for d in (np.array([step, 0]), np.array([0, step]))]
        found = minimize(loss, x0, method="Nelder-Mead", bounds=[(0, 1), (0, 1)],
                         options={"xatol": 2e-3, "fatol": 1e-6, "maxfev": 150,
                                  "initial_simplex": [x0, *steps]})
        if -found.fun > best_value:
            media, reply = np.clip(found.x, 0.0, 1.0)
            best_split = (media * (1 - reply), media * reply, 1 - media)
            best_value = -float(found.fun)
    posting, replies, upkeep = (float(s) for s in best_split)
    return Allocation(posting, replies, upkeep, best_value, outcome, p["hours"], p["weeks"])



def _check_horizons(horizons, params) -> None:
    """A non-empty list of horizons, and no ``weeks`` beside it (each horizon sets the weeks)."""
    if isinstance(horizons, (str, bytes)) or not hasattr(horizons, "__iter__") or not len(list(horizons)):
        raise ValueError(f"horizons must be a non-empty list of weeks (4 to 104); got {horizons!r}")
    if "weeks" in params:
        raise TypeError("pass the horizons in `horizons`, not `weeks`")

def best_split_by_horizon(hours, horizons=(4, 8, 13, 26, 39, 52, 78, 104), *, outcome="leads", **params):
    """Return the best split for each horizon: sprint (a few weeks) to marathon (two years).

    Parameters
    ----------
    hours : float
        Hours a week.
    horizons : sequence of int
        Horizons in weeks, each between 4 and 104.
    outcome : str, default 'leads'
        What to maximise (see :data:`OUTCOMES`).
    **params
        Any other parameter in :data:`PARAMS` except ``weeks``.

    Returns
    -------
    pandas.DataFrame
        Indexed by horizon (weeks), columns posting, replies, upkeep and value.

    Raises
    ------
    TypeError, ValueError
        As :func:`best_allocation`; also if ``horizons`` is empty.

    Examples
    --------
    >>> table = best_split_by_horizon(8, horizons=(8, 104))
    >>> table[["posting", "upkeep"]].round(2)
             posting  upkeep
    horizon
    8           0.40    0.59
    104         0.66    0.22
    """
    _check_horizons(horizons, params)
    rows = []
    for weeks in horizons:
        best = best_allocation(hours, outcome=outcome, weeks=weeks, **params)
        rows.append({"horizon": best.weeks, "posting": best.posting, "replies": best.replies,
                     "upkeep": best.upkeep, "value": best.value})
    return pd.DataFrame(rows).set_index("horizon")


# ---- Not one best split but a region: the splits the model cannot tell apart -----------------------

def _check_level(level):
    """``level`` as a float above 0 and at most 1, or a clear error."""
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < level <= 1:
        raise ValueError(f"level must be a share of the best outcome, above 0 and at most 1 (0.95 = within 5 %); "
                         f"got {level!r}")
    return float(level)


def near_best(hours, *, level=0.95, outcome="leads", step=0.05, **params):
    """Return every split on a grid whose outcome is at least ``level`` times the best one.

    The surface of outcomes is nearly flat round its top: many splits bring almost
    the same number of leads, and the single best one moves a long way when a
    guessed default changes a little. This function shows that region instead of a
    point: read it as "the model cannot tell these splits apart".

    Parameters
    ----------
    hours : float
        Hours a week (0 to 60).
    level : float, default 0.95
        Share of the best outcome a split must reach (0.95: within 5 % of the best).
    outcome : {'leads', 'reach', 'followers', 'strong_ties'}, default 'leads'
        What to measure (see :data:`OUTCOMES`).
    step : float, default 0.05
        Grid step of the shares (as in :func:`outcome_map`).
    **params
        Any other parameter in :data:`PARAMS`, ``weeks`` included.

    Returns
    -------
    pandas.DataFrame
        Columns posting, replies, upkeep, value and share_of_best, best first. If no
        split brings any of the outcome, every split is in the region.

    Raises
    ------
    TypeError, ValueError
        If ``level``, ``outcome``, ``step`` or a parameter is not allowed.

    Examples
    --------
    Over a year, nine splits on the 5 % grid bring at least 95 % of the best leads;
    between them upkeep takes from 30 % to 55 % of the hours:

    >>> region = near_best(8, weeks=52)
    >>> len(region), float(region["upkeep"].min()), float(region["upkeep"].max())
    (9, 0.3, 0.55)
    """
    level = _check_level(level)
    p = _checked({**params, "hours": hours})
    grid = outcome_map(outcome=outcome, step=step, **p)
    best = float(grid["value"].max())
    grid["share_of_best"] = grid["value"] / best if best > 0 else 1.0
    region = grid[grid["share_of_best"] >= level - 1e-12]
    return region.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)


def near_best_summary(hours, *, level=0.95, outcome="leads", step=0.05, **params):
    """Sum up :func:`near_best` in one row: how many splits, and the range of each share.

    Parameters
    ----------
    hours, level, outcome, step, **params
        As in :func:`near_best`.

    Returns
    -------
    pandas.Series
        best_value (the best outcome on the grid), splits (how many are in the region),
        best_posting, best_replies, best_upkeep (the single best split on the grid), and
        the lowest and highest share of each part in the region: posting_low,
        posting_high, replies_low, replies_high, upkeep_low, upkeep_high.

    Examples
    --------
    >>> near_best_summary(8, weeks=104)[["upkeep_low", "upkeep_high"]].tolist()
    [0.1, 0.35]
    """
    region = near_best(hours, level=level, outcome=outcome, step=step, **params)
    summary = {"best_value": float(region["value"].iloc[0]), "splits": len(region)}
    for part in ("posting", "replies", "upkeep"):
        summary["best_" + part] = round(float(region[part].iloc[0]), 12)     # the single best grid split
    for part in ("posting", "replies", "upkeep"):
        summary[part + "_low"] = round(float(region[part].min()), 12)
        summary[part + "_high"] = round(float(region[part].max()), 12)
    return pd.Series(summary)


def near_best_by_horizon(hours, horizons=(4, 8, 13, 26, 39, 52, 78, 104), *, level=0.95, outcome="leads",
                         step=0.05, **params):
    """Return :func:`near_best_summary` for each horizon: how the region moves from sprint to marathon.

    Parameters
    ----------
    hours : float
        Hours a week.
    horizons : sequence of int
        Horizons in weeks, each between 4 and 104.
    level, outcome, step, **params
        As in :func:`near_best` (any parameter except ``weeks``).

    Returns
    -------
    pandas.DataFrame
        Indexed by horizon (weeks), one row of :func:`near_best_summary` each.

    Raises
    ------
    TypeError, ValueError
        As :func:`near_best`; also if ``horizons`` is empty or ``weeks`` is passed.

    Examples
    --------
    >>> table = near_best_by_horizon(8, horizons=(4, 104))
    >>> table[["upkeep_low", "upkeep_high"]]
             upkeep_low  upkeep_high
    horizon
    4               0.3         0.70
    104             0.1         0.35
    """
    _check_horizons(horizons, params)
    rows = {}
    for weeks in horizons:
        rows[weeks] = near_best_summary(hours, level=level, outcome=outcome, step=step, weeks=weeks, **params)
    table = pd.DataFrame(rows).T
    table["splits"] = table["splits"].astype(int)
    table.index.name = "horizon"
    return table


def sustainable_by_hours(upkeep_hours=(0.5, 1, 2, 4, 6, 10), **params):
    """:func:`sustainable_strong_ties` for several upkeep budgets, as a table a learner can read.

    Parameters
    ----------
    upkeep_hours : sequence of float
        Upkeep hours a week to try.
    **params
        ``hours_per_contact``, ``contact_gain``, ``tie_half_life`` or ``strong_threshold``.

    Returns
    -------
    pandas.Series
        Close ties kept for good, indexed by upkeep hours a week.

    Examples
    --------
    >>> sustainable_by_hours((1, 2)).round(1).tolist()
    [9.1, 18.2]
    """
    if isinstance(upkeep_hours, (str, bytes)) or not hasattr(upkeep_hours, "__iter__"):
        raise TypeError(f"upkeep_hours must be a list of hours a week; got {upkeep_hours!r}")
    values = {}
    for h in upkeep_hours:
        values[h] = sustainable_strong_ties(h, **params)
    table = pd.Series(values, name="close ties kept for good", dtype=float)
    table.index.name = "upkeep hours a week"
    return table


# ---- What the explorer shows: one split beside the map of all splits ----------------------------
# (kept with the model, where the figure, a layer below the explorer, can check it)

@dataclass(frozen=True)
class Exploration:
    """Your split's weeks, the map of all splits, and the best of them: what the EffortExplorer shows.

    Built by :func:`smlearn.widgets.effort.explore`; drawn by :func:`smlearn.plots.effort.plot_effort`.

    Attributes
    ----------
    result : pandas.DataFrame
        :func:`simulate` for your split.
    grid : pandas.DataFrame
        :func:`outcome_map` on a 10 % grid.
    outcome : str
        The outcome the map shows.
    split : tuple of float
        Your split (posting, replies, upkeep).
    value : float
        Your split's outcome.
    best : tuple of float
        The best split on the grid.
    best_value : float
        Its outcome.
    """

    result: pd.DataFrame
    grid: pd.DataFrame
    outcome: str
    split: tuple
    value: float
    best: tuple
    best_value: float
