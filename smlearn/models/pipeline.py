r"""From stranger to tie: one week of hours spread over four ways of meeting people.

The claim
---------
The sources mostly set social media against social networking, as rivals for the same
hours. Source D says something different: social media helps people *make* a
connection, and social networking *deepens* it. Source A adds that good content gets
passed around people's networks, so the two channels meet. Read together, they describe
a pipeline:

    stranger --(finds your content)--> follower --(a conversation)--> tie --(introduces, refers)--> more ties, leads

This model follows people along that pipeline, week by week, and lets you see which
stage holds the rest back.

The frame
---------
The course places every activity with two questions: *how do people come to you* (they
**find** you, or you reach them through your **ties**) and *how does the exchange run*
(**broadcast**, or **two-way**). This model has all four cells, one kind of hour each:

=================  ======================  ====================================================
hours              cell                    what they buy
=================  ======================  ====================================================
``content_hours``  find, broadcast         pieces that strangers find (search, feeds) and
                   (social media)          followers see; good pieces are passed on
``reply_hours``    find, two-way           answers to followers' comments: conversations,
                                           some of which turn a follower into a tie
``upkeep_hours``   ties, two-way           one-to-one contact with your ties (a call, a
                   (social networking)     coffee): ties stay strong, introduce and refer
``message_hours``  ties, broadcast         the same message to all your contacts: quick
                                           replies, but it wears the ties out
=================  ======================  ====================================================

The model
---------
Time goes in weeks ``t = 1, ..., weeks``. The state is four numbers: the pieces still
being found (the *library*), the *followers* :math:`F`, the *ties* :math:`N` and their
mean *strength* :math:`w` (0 strangers, 1 as close as it gets).

*Content (find, broadcast).* ``content_hours`` make :math:`n` pieces a week (a
scheduling tool saves a share ``automation`` of the time per piece: only the broadcast
part of the work can be automated). Pieces go out of date with a half-life, so the
library is :math:`L_t = L_{t-1}\,2^{-1/\text{content\_half\_life}} + n`. Strangers find
the library (``discovery`` people a week per live piece); followers see new pieces
(``organic_reach`` of them see each one) and pass them on (``share_rate`` new people
each); ties who see a piece pass it on too, the closer the more (``pass_on`` per unit of
strength). Both passings scale with how much you publish, up to a piece a week. Reach
shrinks as followers and ties fill the possible audience (``market_size``); the count
of strangers reached is of reach events, so the same stranger may be counted twice:

.. math::

    \text{strangers}_t = \big(\text{discovery}\,L_t + \text{share\_rate}\,V_t
        + \text{pass\_on}\,w\,N\,\min(n, 1)\big)\,(1 - (F + N)/\text{market\_size}),
    \qquad V_t = \text{organic\_reach}\,F\,\min(n, 1)

A share ``follow_rate`` of those strangers follow; ``unfollow_rate`` of followers leave.

*Replies (find, two-way).* Followers who see a piece comment (``comment_rate`` per
view). Answering takes ``hours_per_reply`` each; you answer what your ``reply_hours``
allow. An answered comment is a conversation, and a share ``tie_chance`` of
conversations turn a follower into a tie of strength ``start_strength``.

*Upkeep (ties, two-way).* A contact takes ``hours_per_contact`` of your time and some of
theirs: only a share ``reply_chance`` of the people you contact make time to answer.
Contacts go round the ties in turn, so each tie gets :math:`c = \min(1, \text{contacts}/N)`
contacts a week. A tie fades with a half-life ``tie_half_life`` and a contact closes a
share ``contact_gain`` of the gap to 1:

.. math::

    w \leftarrow w\,2^{-1/\text{tie\_half\_life}}, \qquad
    w \leftarrow w + \text{contact\_gain}\; c\,(1 - w)

Ties *introduce* you to new people (``intro_rate`` a week per unit of strength:
Source D's "your network grows as you meet people"), who join as ties of
``start_strength`` (they come with a trusted person's word, not as strangers), and
*refer* leads (``referral_rate`` a week per unit of strength).

*Messages (ties, broadcast).* ``message_hours`` send the same message to a share
:math:`s = \min(1, \text{message\_hours} \cdot \text{contacts\_per\_hour} / N)` of your ties.
Each tie messaged answers with a lead with chance ``message_response`` times its
strength, and loses a share ``annoyance`` of its strength (Source A: don't market to
family and friends).

*Leads.* Content leads are ``lead_rate`` per stranger reached and per follower view;
referrals and message answers are leads too. :func:`summarize` adds them up by route.

Every default in :data:`PARAMS` is ILLUSTRATIVE, chosen to be plausible for a small
business, not measured. The model is deterministic (expected values, no dice).

Examples
--------
>>> from smlearn.models import pipeline
>>> year = pipeline.simulate()
>>> len(year), int(year["week"].iloc[-1])
(52, 52)
>>> pipeline.summarize(year)["ties"] > pipeline.PARAMS["start_ties"].default
True
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from smlearn.models.engines import pipeline as pipeline_engine
from smlearn.params import FrozenParams, Param, check_items, check_params, check_table, check_text, defaults_from
from smlearn.profile import apply_profile

__all__ = ["PARAMS", "HOURS", "STAGES", "COLUMNS", "FRAME_CELLS", "simulate", "summarize", "bottleneck",
           "week_splits", "compare_splits", "near_best", "best_split_by", "share_map", "NEAR_BEST", "steady_strength", "ties_kept_strong",
           "split_from_shares", "summarize_splits", "reach_elasticity"]

# The frame cells this model covers (see smlearn.frame): one kind of hour each.
FRAME_CELLS = ("find-broadcast", "find-two-way", "ties-two-way", "ties-broadcast")

# One record per parameter: default, range (min, max, step), label, unit, meaning.
# All defaults are ILLUSTRATIVE, not measured.
_PARAM_LIST = [
    Param("weeks", 52, 4, 156, 1, "Horizon", "weeks", "How many weeks to simulate."),
    # The week of hours, one kind of hour per cell of the frame
    Param("content_hours", 3.0, 0.0, 40.0, 0.5, "Content", "hours/week",
          "Hours a week making pieces that strangers find and followers see (find, broadcast)."),
    Param("reply_hours", 1.0, 0.0, 40.0, 0.5, "Replies", "hours/week",
          "Hours a week answering followers' comments (find, two-way)."),
    Param("upkeep_hours", 2.0, 0.0, 40.0, 0.5, "Upkeep of ties", "hours/week",
          "Hours a week in one-to-one contact with the people you know (ties, two-way)."),
    Param("message_hours", 0.0, 0.0, 40.0, 0.5, "Mass messages", "hours/week",
          "Hours a week sending the same message to all your contacts (ties, broadcast)."),
    # Content: found by strangers, seen by followers
    Param("hours_per_piece", 1.5, 0.1, 20.0, 0.1, "Time per piece", "hours/piece",
          "Hours to make and publish one piece by hand."),
    Param("automation", 0.0, 0.0, 0.9, 0.1, "Time saved by a tool", "share",
          "Share of the time per piece a scheduling tool saves (0: all by hand)."),
    Param("content_half_life", 26.0, 1.0, 520.0, 1.0, "Content half-life", "weeks",
          "Weeks after which a piece is found half as often as when new."),
    Param("discovery", 2.0, 0.0, 50.0, 0.5, "Discovery", "per piece/week",
          "Strangers a week who find one live piece (search, feeds, recommendations)."),
    Param("start_followers", 100, 0, 100000, 10, "Followers at the start", "people",
          "People who follow the account in week 1."),
    Param("organic_reach", 0.1, 0.0, 1.0, 0.01, "Organic reach", "share of followers",
          "Share of followers who see a new piece in their feed."),
    Param("share_rate", 0.5, 0.0, 5.0, 0.1, "Sharing", "new people/view",
          "New people reached for every follower who sees a piece and passes it on."),
    Param("follow_rate", 0.05, 0.0, 1.0, 0.01, "Follow rate", "share of strangers",
          "Share of strangers who find a piece and then follow."),
    Param("unfollow_rate", 0.01, 0.0, 0.2, 0.005, "Unfollow rate", "share/week",
          "Share of followers who leave each week."),
    Param("market_size", 20000, 100, 1000000, 100, "Possible audience", "people",
          "How many people could ever follow or know you."),
    # Replies: conversations with followers
    Param("comment_rate", 0.1, 0.0, 1.0, 0.01, "Comment rate", "comments/view",
          "Comments per follower who sees a piece."),
    Param("hours_per_reply", 0.25, 0.05, 2.0, 0.05, "Time per reply", "hours/reply",
          "Hours to read and answer one comment yourself (a reply cannot be scheduled)."),
    Param("tie_chance", 0.2, 0.0, 1.0, 0.01, "Conversation to tie", "share",
          "Share of answered comments after which the follower becomes a tie."),
    # Ties: two-way, they strengthen with contact and fade without it
    Param("start_ties", 50, 0, 1000, 5, "Ties at the start", "people",
          "People you know well enough to call in week 1."),
    Param("start_strength", 0.3, 0.0, 1.0, 0.05, "Strength of a new tie", "0 to 1",
          "How close a tie is in week 1, and how close a new tie starts."),
    Param("hours_per_contact", 0.5, 0.1, 4.0, 0.1, "Time per contact", "hours/contact",
          "Hours for one personal contact: a call, a coffee, a thoughtful message."),
    Param("reply_chance", 0.7, 0.0, 1.0, 0.05, "They make time", "share",
          "Share of the people you contact who make time to answer (a contact takes both sides' time)."),
    Param("contact_gain", 0.3, 0.05, 1.0, 0.05, "Gain per contact", "share of gap",
          "Share of the gap to a full-strength tie that one contact closes."),
    Param("tie_half_life", 12.0, 1.0, 104.0, 1.0, "Tie half-life", "weeks",
          "Weeks without contact after which a tie has half its strength."),
    Param("intro_rate", 0.01, 0.0, 0.2, 0.005, "Introductions", "per tie/week",
          "New people a full-strength tie introduces you to each week (a tie of strength w: w times this)."),
    Param("referral_rate", 0.02, 0.0, 0.5, 0.005, "Referrals", "per tie/week",
          "Leads a full-strength tie sends you each week (a tie of strength w: w times this)."),
    Param("pass_on", 1.0, 0.0, 10.0, 0.5, "Ties pass pieces on", "per tie/week",
          "New people a full-strength tie passes your pieces to in a week you publish."),
    # Messages: the same text to every contact
    Param("contacts_per_hour", 50.0, 1.0, 500.0, 1.0, "Messages per hour", "contacts/hour",
          "Contacts one hour of mass messaging reaches."),
    Param("message_response", 0.05, 0.0, 1.0, 0.01, "Answers to a message", "leads/message",
          "Leads per message to a full-strength tie (a tie of strength w: w times this)."),
    Param("annoyance", 0.1, 0.0, 1.0, 0.01, "Wear per message", "share",
          "Share of its strength a tie loses each time it gets a mass message."),
    # Leads from content
    Param("lead_rate", 0.002, 0.0, 0.1, 0.001, "Leads per person reached", "leads/person",
          "Leads (enquiries, sign-ups) per stranger reached or follower who sees a piece."),
]
PARAMS: dict[str, Param] = apply_profile("pipeline", {p.name: p for p in _PARAM_LIST})

# The four kinds of hour, in the order the frame lists them.
HOURS = ("content_hours", "reply_hours", "upkeep_hours", "message_hours")

# The stages of the pipeline, each with the parameter that sets how much passes through it.
STAGES = {
    "found": "discovery",          # stranger finds a piece
    "followed": "follow_rate",      # stranger follows
    "answered": "hours_per_reply",  # a comment gets an answer (fewer hours per reply: more answers)
    "tied": "tie_chance",           # a conversation becomes a tie
    "introduced": "intro_rate",     # a tie introduces a new person
    "referred": "referral_rate",    # a tie sends a lead
    "kept": "tie_half_life",        # a tie stays close without contact (longer is better)
}

COLUMNS = ["week", "pieces", "library", "strangers", "new_followers", "views", "followers", "comments",
           "conversations", "new_ties", "introductions", "ties", "strength", "messaged", "content_leads",
           "referral_leads", "message_leads", "leads", "cum_leads"]


@defaults_from(PARAMS)   # help() shows every default
def simulate(*, weeks, content_hours, reply_hours, upkeep_hours, message_hours, hours_per_piece, automation,
             content_half_life, discovery, start_followers, organic_reach, share_rate, follow_rate,
             unfollow_rate, market_size, comment_rate, hours_per_reply, tie_chance, start_ties, start_strength,
             hours_per_contact, reply_chance, contact_gain, tie_half_life, intro_rate, referral_rate, pass_on,
             contacts_per_hour, message_response, annoyance, lead_rate) -> pd.DataFrame:
    r"""Follow strangers, followers and ties through ``weeks`` weeks of the same hours.

    Every parameter is keyword-only; its default, range and step are in :data:`PARAMS` (the defaults
    are illustrative, and a class profile may change them).

    Parameters
    ----------
    weeks : int, weeks
        How many weeks to simulate.
    content_hours : float, hours/week
        Hours a week making pieces that strangers find and followers see (find, broadcast).
    reply_hours : float, hours/week
        Hours a week answering followers' comments (find, two-way).
    upkeep_hours : float, hours/week
        Hours a week in one-to-one contact with the people you know (ties, two-way).
    message_hours : float, hours/week
        Hours a week sending the same message to all your contacts (ties, broadcast).
    hours_per_piece : float, hours/piece
        Hours to make and publish one piece by hand.
    automation : float, share
        Share of the time per piece a scheduling tool saves (0: all by hand).
    content_half_life : float, weeks
        Weeks after which a piece is found half as often as when new.
    discovery : float, per piece/week
        Strangers a week who find one live piece (search, feeds, recommendations).
    start_followers : int, people
        People who follow the account in week 1.
    organic_reach : float, share of followers
        Share of followers who see a new piece in their feed.
    share_rate : float, new people/view
        New people reached for every follower who sees a piece and passes it on.
    follow_rate : float, share of strangers
        Share of strangers who find a piece and then follow.
    unfollow_rate : float, share/week
        Share of followers who leave each week.
    market_size : int, people
        How many people could ever follow or know you.
    comment_rate : float, comments/view
        Comments per follower who sees a piece.
    hours_per_reply : float, hours/reply
        Hours to read and answer one comment yourself (a reply cannot be scheduled).
    tie_chance : float, share
        Share of answered comments after which the follower becomes a tie.
    start_ties : int, people
        People you know well enough to call in week 1.
    start_strength : float, 0 to 1
        How close a tie is in week 1, and how close a new tie starts.
    hours_per_contact : float, hours/contact
        Hours for one personal contact: a call, a coffee, a thoughtful message.
    reply_chance : float, share
        Share of the people you contact who make time to answer (a contact takes both sides' time).
    contact_gain : float, share of gap
        Share of the gap to a full-strength tie that one contact closes.
    tie_half_life : float, weeks
        Weeks without contact after which a tie has half its strength.
    intro_rate : float, per tie/week
        New people a full-strength tie introduces you to each week (a tie of strength w: w times
        this).
    referral_rate : float, per tie/week
        Leads a full-strength tie sends you each week (a tie of strength w: w times this).
    pass_on : float, per tie/week
        New people a full-strength tie passes your pieces to in a week you publish.
    contacts_per_hour : float, contacts/hour
        Contacts one hour of mass messaging reaches.
    message_response : float, leads/message
        Leads per message to a full-strength tie (a tie of strength w: w times this).
    annoyance : float, share
        Share of its strength a tie loses each time it gets a mass message.
    lead_rate : float, leads/person
        Leads (enquiries, sign-ups) per stranger reached or follower who sees a piece.

    Returns
    -------
    pandas.DataFrame
        One row per week, with the columns in :data:`COLUMNS`: pieces published,
        library (live pieces), strangers reached, views (followers who saw a piece),
        followers, comments and conversations (answered comments), new ties from
        conversations, introductions, ties and their mean strength, ties messaged,
        leads by route and in total, and the running total of leads. People counts are
        at the end of the week. ``result.attrs["params"]`` holds the checked parameters.

    Raises
    ------
    TypeError
        If a name is not a parameter of the model or a value is not a number.
    ValueError
        If a value is not finite or lies outside its range.

    Examples
    --------
    With no hours and no introductions, ties fade with their half-life (12 weeks), so
    after 52 weeks a tie of 0.3 has :math:`0.3 \cdot 0.5^{52/12}` of strength left:

    >>> idle = simulate(content_hours=0, reply_hours=0, upkeep_hours=0, intro_rate=0)
    >>> int(idle["ties"].iloc[-1]), round(float(idle["strength"].iloc[-1]), 3)
    (50, 0.015)
    """
    p = check_params(PARAMS, {"weeks": weeks, "content_hours": content_hours, "reply_hours": reply_hours,
                              "upkeep_hours": upkeep_hours, "message_hours": message_hours,
                              "hours_per_piece": hours_per_piece, "automation": automation,
                              "content_half_life": content_half_life, "discovery": discovery,
                              "start_followers": start_followers, "organic_reach": organic_reach,
                              "share_rate": share_rate, "follow_rate": follow_rate,
                              "unfollow_rate": unfollow_rate, "market_size": market_size,
                              "comment_rate": comment_rate, "hours_per_reply": hours_per_reply,
                              "tie_chance": tie_chance, "start_ties": start_ties,
                              "start_strength": start_strength, "hours_per_contact": hours_per_contact,
                              "reply_chance": reply_chance, "contact_gain": contact_gain,
                              "tie_half_life": tie_half_life, "intro_rate": intro_rate,
                              "referral_rate": referral_rate, "pass_on": pass_on,
                              "contacts_per_hour": contacts_per_hour, "message_response": message_response,
                              "annoyance": annoyance, "lead_rate": lead_rate})
    pieces = p["content_hours"] / (p["hours_per_piece"] * (1 - p["automation"]))
    contacts = p["upkeep_hours"] / p["hours_per_contact"] * p["reply_chance"]   # contacts that happen
    answers_possible = p["reply_hours"] / p["hours_per_reply"]                  # comments you can answer
    content_keep = 0.5 ** (1 / p["content_half_life"])   # share of a piece's pull left after a week
    tie_keep = 0.5 ** (1 / p["tie_half_life"])           # share of a tie's strength left after a week

    library, followers = 0.0, float(p["start_followers"])
    ties, strength = float(p["start_ties"]), p["start_strength"]
    rows = []
    for week in range(1, p["weeks"] + 1):
        # Find, broadcast: the library is found; followers see this week's pieces.
        library = library * content_keep + pieces
        views = p["organic_reach"] * followers * min(pieces, 1.0)
        room = max(0.0, 1 - (followers + ties) / p["market_size"])   # people not yet reached
        passed_by_ties = p["pass_on"] * strength * ties * min(pieces, 1.0)   # like follower views
        strangers = (p["discovery"] * library + p["share_rate"] * views + passed_by_ties) * room
        # Find, two-way: comments answered are conversations; a few become ties.
        comments = p["comment_rate"] * views
        conversations = min(comments, answers_possible)
        new_ties = p["tie_chance"] * conversations * (1 - p["unfollow_rate"])   # of those who stay
        # Ties, broadcast: one message to a share of the ties, answered in proportion to strength.
        messaged = min(ties, p["message_hours"] * p["contacts_per_hour"])
        message_leads = p["message_response"] * strength * messaged
        # Ties, two-way: referrals and introductions, in proportion to strength.
        referral_leads = p["referral_rate"] * strength * ties
        introductions = p["intro_rate"] * strength * ties * room
        content_leads = p["lead_rate"] * (strangers + views)

        # The week ends: ties fade, contacts strengthen them, messages wear them, newcomers join.
        strength = strength * tie_keep
        if ties > 0:
            contacted = min(1.0, contacts / ties)               # contacts per tie this week
            strength = strength + p["contact_gain"] * contacted * (1 - strength)
            strength = strength * (1 - p["annoyance"] * messaged / ties)
        # Newcomers: followers from strangers and ties by introduction, never more than the people left.
        newcomers = p["follow_rate"] * strangers + introductions
        left = max(0.0, p["market_size"] - followers - ties)
        scale = min(1.0, left / newcomers) if newcomers > 0 else 1.0
        new_followers, introductions = p["follow_rate"] * strangers * scale, introductions * scale
        joined = new_ties + introductions
        if ties + joined > 0:
            strength = (strength * ties + p["start_strength"] * joined) / (ties + joined)
        ties = ties + joined
        followers = followers - p["unfollow_rate"] * followers - new_ties + new_followers

        leads = content_leads + referral_leads + message_leads
        rows.append((week, pieces, library, strangers, new_followers, views, followers, comments, conversations,
                     new_ties, introductions, ties, strength, messaged, content_leads, referral_leads,
                     message_leads, leads))
    result = pd.DataFrame(rows, columns=COLUMNS[:-1])
    result["cum_leads"] = result["leads"].cumsum()
    result.attrs["params"] = FrozenParams(p)
    return result


def summarize(result: pd.DataFrame) -> dict:
    """The totals of a run: leads by route, and where the pipeline stands at the end.

    ``ties`` counts every tie, however faded (a tie is never lost, only weakened);
    ``tie_strength`` weighs each by its strength (ties times their mean strength), the
    fairer count of what upkeep keeps.

    Examples
    --------
    >>> totals = summarize(simulate(content_hours=0, reply_hours=0, upkeep_hours=5))
    >>> totals["content_leads"], totals["leads"] == totals["referral_leads"]
    (0.0, True)
    """
    check_table("result", result, what="a result of pipeline.simulate")
    last = result.iloc[-1]
    return {
        "leads": float(result["leads"].sum()),
        "content_leads": float(result["content_leads"].sum()),
        "referral_leads": float(result["referral_leads"].sum()),
        "message_leads": float(result["message_leads"].sum()),
        "strangers": float(result["strangers"].sum()),
        "new_followers": float(result["new_followers"].sum()),
        "conversations": float(result["conversations"].sum()),
        "new_ties": float(result["new_ties"].sum()),
        "introductions": float(result["introductions"].sum()),
        "followers": float(last["followers"]),
        "ties": float(last["ties"]),
        "strength": float(last["strength"]),
        "tie_strength": float(last["ties"] * last["strength"]),   # ties weighted by how close they are
    }


@defaults_from(PARAMS)
def bottleneck(outcome: str = "leads", *, improvement: float = 0.1,
               weeks, content_hours, reply_hours, upkeep_hours, message_hours, hours_per_piece, automation,
               content_half_life, discovery, start_followers, organic_reach, share_rate, follow_rate,
               unfollow_rate, market_size, comment_rate, hours_per_reply, tie_chance, start_ties,
               start_strength, hours_per_contact, reply_chance, contact_gain, tie_half_life, intro_rate,
               referral_rate, pass_on, contacts_per_hour, message_response, annoyance, lead_rate) -> pd.DataFrame:
    """Which stage pays most to improve? Make each stage 10 % better in turn and compare.

    Each stage's parameter (:data:`STAGES`) is made ``improvement`` better in turn (times
    1.1, or divided by 1.1 for the time per reply), with everything else as given, and
    the outcome is compared with the run as given. This is a *sensitivity*, and in a
    chain of rates it mostly says which route carries the outcome: a rate that only
    scales one route (referrals, say) raises the outcome by exactly ``improvement``
    times that route's share of it (``tests/models/test_pipeline.py`` checks this). A stage
    is a bottleneck in the strict sense when it is capped: answers are limited by the
    reply hours, so when they run short, a faster reply raises conversations as much as
    a higher chance of a tie does, and when they do not, it raises nothing. A rate at the
    top of its range cannot improve, and gains 0.

    Parameters
    ----------
    outcome : str
        A key of :func:`summarize`: "leads", "ties", "followers", ...
    improvement : float
        How much better each stage gets, as a share (0.1 is 10 %), between 0.01 and 1.
    weeks, content_hours, ..., lead_rate : numbers, keyword-only
        Every parameter of :func:`simulate`, documented there; each left out takes its
        default from :data:`PARAMS` (so a class profile changes it).

    Returns
    -------
    pandas.DataFrame
        One row per stage, largest gain first: the stage, its parameter and the gain in
        the outcome, as a share of the outcome without the improvement.

    Examples
    --------
    >>> table = bottleneck("ties")
    >>> list(table.columns)
    ['stage', 'parameter', 'gain']
    """
    check_text("outcome", outcome)
    settings = {"weeks": weeks, "content_hours": content_hours, "reply_hours": reply_hours,
                "upkeep_hours": upkeep_hours, "message_hours": message_hours,
                "hours_per_piece": hours_per_piece, "automation": automation,
                "content_half_life": content_half_life, "discovery": discovery,
                "start_followers": start_followers, "organic_reach": organic_reach,
                "share_rate": share_rate, "follow_rate": follow_rate,
                "unfollow_rate": unfollow_rate, "market_size": market_size,
                "comment_rate": comment_rate, "hours_per_reply": hours_per_reply,
                "tie_chance": tie_chance, "start_ties": start_ties,
                "start_strength": start_strength, "hours_per_contact": hours_per_contact,
                "reply_chance": reply_chance, "contact_gain": contact_gain,
                "tie_half_life": tie_half_life, "intro_rate": intro_rate,
                "referral_rate": referral_rate, "pass_on": pass_on,
                "contacts_per_hour": contacts_per_hour, "message_response": message_response,
                "annoyance": annoyance, "lead_rate": lead_rate}
    base = summarize(simulate(**settings))
    if outcome not in base:
        raise ValueError(f"outcome must be one of {', '.join(base)}; got {outcome!r}")
    if isinstance(improvement, bool) or not isinstance(improvement, (int, float)) or not 0.01 <= improvement <= 1:
        raise ValueError(f"improvement must be a number between 0.01 and 1 (a share); got {improvement!r}")
    p = check_params(PARAMS, settings)
    rows = []
    for stage, name in STAGES.items():
        spec = PARAMS[name]
        if name == "hours_per_reply":
            better = max(spec.min, p[name] / (1 + improvement))
        else:
            better = min(spec.max, p[name] * (1 + improvement))
        changed = dict(p)
        changed[name] = better
        value = summarize(simulate(**changed))[outcome]
        gain = (value - base[outcome]) / base[outcome] if base[outcome] > 0 else math.nan
        rows.append((stage, name, gain))
    table = pd.DataFrame(rows, columns=["stage", "parameter", "gain"])
    return table.sort_values("gain", ascending=False, kind="stable").reset_index(drop=True)


# ---- One week of hours: which split of a fixed budget does best? ---------------------------------

def week_splits(total_hours: float, step: float = 0.5) -> pd.DataFrame:
    """Every way to split ``total_hours`` a week over the four kinds of hour, in steps of ``step`` hours.

    Examples
    --------
    >>> table = week_splits(1.0)
    >>> len(table), list(table.columns)
    (10, ['content_hours', 'reply_hours', 'upkeep_hours', 'message_hours'])
    >>> bool((table.sum(axis=1) == 1.0).all())
    True
    """
    for name, value, low, high in (("total_hours", total_hours, 0.0, 40.0), ("step", step, 0.1, 10.0)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise TypeError(f"{name} must be a number of hours; got {value!r}")
        if not low <= value <= high:
            raise ValueError(f"{name} must be between {low} and {high} hours; got {value!r}")
    units = round(total_hours / step)
    if not math.isclose(units * step, total_hours):
        raise ValueError(f"total_hours must be a whole number of steps of {step} hours; got {total_hours!r}")
    rows = []
    for content in range(units + 1):
        for reply in range(units + 1 - content):
            for upkeep in range(units + 1 - content - reply):
                message = units - content - reply - upkeep
                rows.append((content * step, reply * step, upkeep * step, message * step))
    return pd.DataFrame(rows, columns=list(HOURS))


@defaults_from(PARAMS)
def compare_splits(total_hours: float, outcome: str = "leads", *, step: float = 0.5,
                   weeks, hours_per_piece, automation, content_half_life, discovery, start_followers,
                   organic_reach, share_rate, follow_rate, unfollow_rate, market_size, comment_rate,
                   hours_per_reply, tie_chance, start_ties, start_strength, hours_per_contact, reply_chance,
                   contact_gain, tie_half_life, intro_rate, referral_rate, pass_on, contacts_per_hour,
                   message_response, annoyance, lead_rate) -> pd.DataFrame:
    """Run the model for every split of ``total_hours`` (see :func:`week_splits`); best first.

    Parameters
    ----------
    total_hours : float
        The week's budget, shared by content, replies, upkeep and mass messages.
    outcome : str
        What to compare: a key of :func:`summarize` ("leads", "ties", "followers", ...).
    step : float
        The grid of hours, 0.5 by default.
    weeks, hours_per_piece, ..., lead_rate : numbers, keyword-only
        Every parameter of :func:`simulate` but the four kinds of hour (the splits set those),
        documented there; each left out takes its default from :data:`PARAMS`.

    Returns
    -------
    pandas.DataFrame
        One row per split: the four kinds of hour, ``value`` (the outcome) and
        ``share_of_best`` (the value over the best value), best first.

    Examples
    --------
    >>> table = compare_splits(2.0, weeks=12)
    >>> float(table["share_of_best"].iloc[0])
    1.0
    """
    check_text("outcome", outcome)
    settings = {"weeks": weeks, "hours_per_piece": hours_per_piece, "automation": automation,
                "content_half_life": content_half_life, "discovery": discovery,
                "start_followers": start_followers, "organic_reach": organic_reach,
                "share_rate": share_rate, "follow_rate": follow_rate,
                "unfollow_rate": unfollow_rate, "market_size": market_size,
                "comment_rate": comment_rate, "hours_per_reply": hours_per_reply,
                "tie_chance": tie_chance, "start_ties": start_ties,
                "start_strength": start_strength, "hours_per_contact": hours_per_contact,
                "reply_chance": reply_chance, "contact_gain": contact_gain,
                "tie_half_life": tie_half_life, "intro_rate": intro_rate,
                "referral_rate": referral_rate, "pass_on": pass_on,
                "contacts_per_hour": contacts_per_hour, "message_response": message_response,
                "annoyance": annoyance, "lead_rate": lead_rate}
    if outcome not in summarize(simulate(weeks=4)):
        raise ValueError(f"outcome must be one of {', '.join(summarize(simulate(weeks=4)))}; got {outcome!r}")
    table = week_splits(total_hours, step)
    # Every split at once (summarize_splits runs the same weekly rules as simulate, with arrays).
    table["value"] = summarize_splits(table, **settings)[outcome].to_numpy()
    best = table["value"].max()
    table["share_of_best"] = table["value"] / best if best > 0 else math.nan
    return table.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)


# Splits within this share of the best count as near-best: the model's guesses are far less
# precise than a few per cent, so it cannot tell them apart.
NEAR_BEST = 0.05


def near_best(table: pd.DataFrame, within: float = NEAR_BEST) -> pd.DataFrame:
    """The range of hours of each kind among the splits within ``within`` of the best.

    The model cannot tell these splits apart: the guesses behind its settings are far
    less precise than a few per cent. So a verdict is a region, not a point.

    Examples
    --------
    >>> region = near_best(compare_splits(2.0, weeks=12))
    >>> list(region.columns)
    ['fewest hours', 'most hours']
    """
    check_table("table", table, ("share_of_best",), what="a table from compare_splits")
    if isinstance(within, bool) or not isinstance(within, (int, float)) or not 0 <= within < 1:
        raise ValueError(f"within must be a share between 0 and 1 (0.05 is 5 %); got {within!r}")
    close = table[table["share_of_best"] >= 1 - within - 1e-12]
    region = pd.DataFrame({"fewest hours": close[list(HOURS)].min(), "most hours": close[list(HOURS)].max()})
    region.index.name = f"{len(close)} splits within {within:.0%} of the best"
    return region


def best_split_by(name: str, values, total_hours: float, outcome: str = "leads", *, step: float = 0.5,
                  **params) -> pd.DataFrame:
    """The best split of ``total_hours`` for each value of one uncertain parameter: where does the advice flip?

    Examples
    --------
    Over 12 weeks with 2 hours a week, content earns a place in the best split only
    when strangers find each piece easily:

    >>> table = best_split_by("discovery", [0.5, 20], 2.0, weeks=12)
    >>> table["content_hours"].tolist()
    [0.0, 1.0]
    """
    check_text("name", name)
    check_items("values", values, what="values of the setting", allow_empty=True)
    check_text("outcome", outcome)
    if name not in PARAMS or name in HOURS:
        raise ValueError(f"name must be a parameter of the model other than the hours; got {name!r}")
    rows = {}
    for value in values:
        changed = dict(params)
        changed[name] = value
        best = compare_splits(total_hours, outcome, step=step, **changed).iloc[0]
        rows[value] = best[list(HOURS) + ["value"]]
    if not rows:
        raise ValueError("values must hold at least one value to try")
    table = pd.DataFrame(rows).T
    table.index.name = name
    return table



def plan_share_by(name: str, values, plan: dict, total_hours: float, outcome: str = "leads", *,
                  within: float = 0.05, step: float = 0.5, **params) -> pd.DataFrame:
    """How close one fixed ``plan`` stays to the best split as one uncertain parameter moves.

    The best split alone overstates a flip: near its top many splits are as good (see
    :func:`near_best`). A plan only stops being good advice when it leaves the region of
    splits within ``within`` of the best. This runs :func:`compare_splits` for each value
    of ``name`` and reports the plan's share of the best value there.

    Parameters
    ----------
    name : str
        The parameter to vary (not one of the four kinds of hour).
    values : iterable
        The values of ``name`` to try.
    plan : dict
        The four kinds of hour of the plan (see :data:`HOURS`); they must add up to
        ``total_hours``.
    total_hours, outcome, step, **params
        As for :func:`compare_splits`.
    within : float
        How far below the best a split may be and still count as near the best (0.05: 5 %).

    Returns
    -------
    pandas.DataFrame
        One row per value (indexed by ``name``): ``plan_value``, ``best_value``,
        ``share_of_best`` (the plan's value over the best) and ``near_best`` (True while the
        plan is within ``within`` of the best).

    Examples
    --------
    Two hours a week for 12 weeks, no content (an hour of upkeep, an hour of mass
    messages): near the best while strangers rarely find a piece, far from it when they
    find pieces easily.

    >>> plan = {"content_hours": 0, "reply_hours": 0, "upkeep_hours": 1.0, "message_hours": 1.0}
    >>> plan_share_by("discovery", [0.5, 20], plan, 2.0, weeks=12)["near_best"].tolist()
    [True, False]
    """
    check_text("outcome", outcome)
    if name not in PARAMS or name in HOURS:
        raise ValueError(f"name must be a parameter of the model other than the hours; got {name!r}")
    if not isinstance(plan, dict) or sorted(plan) != sorted(HOURS):
        raise ValueError(f"plan must be a dict with exactly the keys {', '.join(HOURS)}; got {plan!r}")
    if abs(sum(float(plan[hours]) for hours in HOURS) - total_hours) > 1e-9:
        raise ValueError(f"plan must add up to total_hours ({total_hours}); its hours add up to "
                         f"{sum(float(plan[hours]) for hours in HOURS)}")
    if isinstance(within, bool) or not isinstance(within, (int, float)) or not 0 <= within < 1:
        raise ValueError(f"within must be a share between 0 and 1 (0.05 is 5 %); got {within!r}")
    rows = {}
    for value in values:
        changed = dict(params)
        changed[name] = value
        best = float(compare_splits(total_hours, outcome, step=step, **changed)["value"].iloc[0])
        mine = float(summarize(simulate(**plan, **changed))[outcome])
        share = mine / best if best > 0 else math.nan
        rows[value] = {"plan_value": mine, "best_value": best, "share_of_best": share,
                       "near_best": bool(share >= 1 - within - 1e-12)}
    if not rows:
        raise ValueError("values must hold at least one value to try")
    table = pd.DataFrame(rows).T
    table["near_best"] = table["near_best"].astype(bool)
    table.index.name = name
    return table

# ---- How many ties can upkeep keep strong? The fixed point of a tie's strength -------------------

@defaults_from(PARAMS)
def steady_strength(contacts_per_tie: float, *, contact_gain, tie_half_life) -> float:
    r"""The strength a tie settles at when it gets ``contacts_per_tie`` contacts a week, for good.

    Each week :func:`simulate` first lets a tie fade, :math:`w \to q\,w` with
    :math:`q = 2^{-1/\text{tie\_half\_life}}`, and then a contact closes a share
    :math:`g\,c` of the gap to 1 (:math:`g` is ``contact_gain``, :math:`c` the contacts
    per tie a week; a tie contacted every :math:`\tau` weeks has :math:`c = 1/\tau`).
    So :math:`w \to q\,w\,(1 - g\,c) + g\,c`, and the strength where that stops changing is

    .. math::

        w^* = \frac{g\,c}{1 - q\,(1 - g\,c)}

    This holds with no mass messages (they wear ties down) and leaves out newcomers, who
    join at ``start_strength`` and pull the mean towards it.

    Parameters
    ----------
    contacts_per_tie : float
        Contacts a tie gets a week, between 0 and 1 (the model gives a tie at most one a week).
    contact_gain : float, share of gap, keyword-only
        Share of the gap to a full-strength tie that one contact closes (:math:`g`).
    tie_half_life : float, weeks, keyword-only
        Weeks without contact after which a tie has half its strength (sets :math:`q`).

    Both take their defaults from :data:`PARAMS`, as in :func:`simulate`.

    Examples
    --------
    A tie that hears from you every fifth week (c = 0.2), with the defaults:

    >>> round(steady_strength(0.2), 3)
    0.532
    >>> steady_strength(0.0)
    0.0
    """
    if isinstance(contacts_per_tie, bool) or not isinstance(contacts_per_tie, (int, float)) \
            or not 0 <= contacts_per_tie <= 1:
        raise ValueError(f"contacts_per_tie must be a number of contacts a week between 0 and 1; "
                         f"got {contacts_per_tie!r}")
    p = check_params(PARAMS, {"contact_gain": contact_gain, "tie_half_life": tie_half_life})
    keep = 0.5 ** (1 / p["tie_half_life"])       # q: share of a tie's strength left after a week
    gain = p["contact_gain"] * contacts_per_tie    # g c: share of the gap a week's contact closes
    return gain / (1 - keep * (1 - gain))


@defaults_from(PARAMS)
def ties_kept_strong(upkeep_hours: float, strength: float = 0.5, *, hours_per_contact, reply_chance,
                     contact_gain, tie_half_life) -> float:
    r"""How many ties ``upkeep_hours`` a week can hold at ``strength`` or more, for good.

    The hours buy :math:`C = \text{upkeep\_hours} / \text{hours\_per\_contact} \times
    \text{reply\_chance}` contacts a week, shared round :math:`N` ties, so each gets
    :math:`c = C/N`. Solving :func:`steady_strength` :math:`w^*(c) = s` for :math:`c` gives
    the fewest contacts a week that hold a tie at strength :math:`s`,

    .. math::

        c_\min = \frac{s\,(1 - q)}{g\,(1 - s\,q)}

    (a tie must hear from you at least every :math:`1/c_\min` weeks), and so
    :math:`N = C / c_\min` ties. The number comes from the time settings alone: the
    model has no limit of memory or attention.

    Parameters
    ----------
    upkeep_hours : float
        Hours a week of one-to-one contact.
    strength : float
        The strength to hold, between 0 and 1 (0.5 by default: half of a full-strength tie).
    hours_per_contact : float, hours/contact, keyword-only
        Hours for one personal contact.
    reply_chance : float, share, keyword-only
        Share of the people you contact who make time to answer.
    contact_gain : float, share of gap, keyword-only
        Share of the gap to a full-strength tie that one contact closes (:math:`g`).
    tie_half_life : float, weeks, keyword-only
        Weeks without contact after which a tie has half its strength (sets :math:`q`).

    The last four take their defaults from :data:`PARAMS`, as in :func:`simulate`.

    Returns
    -------
    float
        The number of ties (not rounded); 0 if even a contact every week cannot hold ``strength``.

    Examples
    --------
    One hour a week (two contacts, 70 % of them answered) holds about eight ties at half strength:

    >>> round(ties_kept_strong(1.0), 1)
    7.9
    >>> round(ties_kept_strong(2.0) / ties_kept_strong(1.0), 9)    # twice the hours, twice the ties
    2.0
    """
    for name, value, low, high in (("upkeep_hours", upkeep_hours, 0.0, PARAMS["upkeep_hours"].max),
                                   ("strength", strength, 0.0, 1.0)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise TypeError(f"{name} must be a number; got {value!r}")
        if not low <= value <= high or (name == "strength" and not 0 < value < 1):
            raise ValueError(f"{name} must be between {low} and {high}"
                             f"{' (not 0 or 1)' if name == 'strength' else ' hours'}; got {value!r}")
    p = check_params(PARAMS, {"hours_per_contact": hours_per_contact, "reply_chance": reply_chance,
                              "contact_gain": contact_gain, "tie_half_life": tie_half_life})
    keep = 0.5 ** (1 / p["tie_half_life"])
    fewest = strength * (1 - keep) / (p["contact_gain"] * (1 - strength * keep))   # contacts a week per tie
    if fewest > 1:
        return 0.0
    contacts = upkeep_hours / p["hours_per_contact"] * p["reply_chance"]
    return contacts / fewest


# ---- Many splits at once: the same weeks, one column per split ----------------------------------

def split_from_shares(total_hours: float, media_share: float, reply_share: float,
                      message_share: float = 0.0) -> dict:
    """The four kinds of hour from three shares, so that any three shares make a valid split.

    ``media_share`` of the hours go to the *find* side (content and replies), and
    ``reply_share`` of those to replies; the rest go to the *ties* side, and
    ``message_share`` of those to mass messages, the rest to upkeep.

    Examples
    --------
    >>> split_from_shares(8, media_share=0.5, reply_share=0.25, message_share=0.5)
    {'content_hours': 3.0, 'reply_hours': 1.0, 'upkeep_hours': 2.0, 'message_hours': 2.0}
    """
    if isinstance(total_hours, bool) or not isinstance(total_hours, (int, float)) or not 0 <= total_hours <= 40:
        raise ValueError(f"total_hours must be a number of hours between 0 and 40; got {total_hours!r}")
    for name, share in (("media_share", media_share), ("reply_share", reply_share),
                        ("message_share", message_share)):
        if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 <= share <= 1:
            raise ValueError(f"{name} must be a share between 0 and 1; got {share!r}")
    find, ties = total_hours * media_share, total_hours * (1 - media_share)
    # Rounded to 1e-9 hours, so that 8 x 0.7 x 0.5 is 2.8 and not 2.8000000000000003.
    return {"content_hours": round(find * (1 - reply_share), 9), "reply_hours": round(find * reply_share, 9),
            "upkeep_hours": round(ties * (1 - message_share), 9), "message_hours": round(ties * message_share, 9)}


@defaults_from(PARAMS)
def share_map(total_hours: float, message_share: float = 0.0, outcome: str = "leads", *, steps: int = 11,
              weeks, hours_per_piece, automation, content_half_life, discovery, start_followers, organic_reach,
              share_rate, follow_rate, unfollow_rate, market_size, comment_rate, hours_per_reply, tie_chance,
              start_ties, start_strength, hours_per_contact, reply_chance, contact_gain, tie_half_life,
              intro_rate, referral_rate, pass_on, contacts_per_hour, message_response, annoyance,
              lead_rate) -> pd.DataFrame:
    """The outcome for every split of the find side on a grid of shares, messages held at ``message_share``.

    The grid runs ``media_share`` (hours on content and replies) and ``reply_share`` (replies
    within them) from 0 to 1 in ``steps`` steps each; :func:`split_from_shares` turns each
    point into hours, and :func:`summarize_splits` runs them all at once.

    Parameters
    ----------
    total_hours : float
        The week's budget, between 0 and 40 hours.
    message_share : float
        Share of the *ties* side on mass messages, held for the whole map (the rest is upkeep).
    outcome : str
        What each point shows: a key of :func:`summarize` ("leads", "ties", ...).
    steps : int
        Points along each share, from 2 to 101 (11: every 10 %).
    weeks, hours_per_piece, ..., lead_rate : numbers, keyword-only
        Every parameter of :func:`simulate` but the four kinds of hour (the splits set those),
        documented there; each left out takes its default from :data:`PARAMS`.

    Returns
    -------
    pandas.DataFrame
        One row per point: ``media_share``, ``reply_share`` and ``value`` (the outcome).

    Examples
    --------
    >>> grid = share_map(8.0, steps=3, weeks=12)
    >>> len(grid), list(grid.columns)
    (9, ['media_share', 'reply_share', 'value'])
    """
    check_text("outcome", outcome)
    if isinstance(steps, bool) or not isinstance(steps, int) or not 2 <= steps <= 101:
        raise ValueError(f"steps must be a whole number from 2 to 101; got {steps!r}")
    shares = np.round(np.linspace(0.0, 1.0, steps), 10)
    media, reply = np.meshgrid(shares, shares, indexing="ij")
    splits = pd.DataFrame([split_from_shares(total_hours, float(m), float(r), message_share)
                           for m, r in zip(media.ravel(), reply.ravel())])
    settings = {"weeks": weeks, "hours_per_piece": hours_per_piece, "automation": automation,
                "content_half_life": content_half_life, "discovery": discovery,
                "start_followers": start_followers, "organic_reach": organic_reach,
                "share_rate": share_rate, "follow_rate": follow_rate,
                "unfollow_rate": unfollow_rate, "market_size": market_size,
                "comment_rate": comment_rate, "hours_per_reply": hours_per_reply,
                "tie_chance": tie_chance, "start_ties": start_ties,
                "start_strength": start_strength, "hours_per_contact": hours_per_contact,
                "reply_chance": reply_chance, "contact_gain": contact_gain,
                "tie_half_life": tie_half_life, "intro_rate": intro_rate,
                "referral_rate": referral_rate, "pass_on": pass_on,
                "contacts_per_hour": contacts_per_hour, "message_response": message_response,
                "annoyance": annoyance, "lead_rate": lead_rate}
    values = summarize_splits(splits, **settings)
    if outcome not in values:
        raise ValueError(f"outcome must be one of {', '.join(values.columns)}; got {outcome!r}")
    return pd.DataFrame({"media_share": media.ravel(), "reply_share": reply.ravel(),
                         "value": values[outcome].to_numpy()})


@defaults_from(PARAMS)
def summarize_splits(splits: pd.DataFrame, *,
                     weeks, hours_per_piece, automation, content_half_life, discovery, start_followers,
                     organic_reach, share_rate, follow_rate, unfollow_rate, market_size, comment_rate,
                     hours_per_reply, tie_chance, start_ties, start_strength, hours_per_contact, reply_chance,
                     contact_gain, tie_half_life, intro_rate, referral_rate, pass_on, contacts_per_hour,
                     message_response, annoyance, lead_rate) -> pd.DataFrame:
    """:func:`summarize` of :func:`simulate` for every row of ``splits``, all rows at once.

    The same weekly rules as :func:`simulate`, run by the fast twin
    :func:`smlearn.models.engines.pipeline.summarize_batch` on arrays (one entry per split),
    so that a map of a hundred splits takes a few milliseconds instead of a tenth of a
    second. ``tests/models/test_pipeline.py`` checks it against :func:`simulate` split by split.

    Parameters
    ----------
    splits : pandas.DataFrame
        One row per split, with the four columns of :data:`HOURS` (see :func:`week_splits`).
    weeks, hours_per_piece, ..., lead_rate : numbers, keyword-only
        Every parameter of :func:`simulate` but the four kinds of hour (the splits set those),
        documented there; each left out takes its default from :data:`PARAMS`.

    Returns
    -------
    pandas.DataFrame
        One row per split (same index), one column per key of :func:`summarize`.

    Examples
    --------
    >>> table = summarize_splits(week_splits(1.0), weeks=12)
    >>> len(table), bool(table["leads"].iloc[3] == summarize(simulate(weeks=12, **week_splits(1.0).iloc[3]))["leads"])
    (10, True)
    """
    missing = [name for name in HOURS if name not in getattr(splits, "columns", ())]
    if missing:
        raise ValueError(f"splits must be a table with the columns {', '.join(HOURS)}; missing {', '.join(missing)}")
    for name in HOURS:     # every split checked like a parameter, so a bad one is named
        for value in pd.unique(splits[name]):     # each distinct value once: a grid repeats them
            PARAMS[name].check(float(value))
    settings = {"weeks": weeks, "hours_per_piece": hours_per_piece, "automation": automation,
                "content_half_life": content_half_life, "discovery": discovery,
                "start_followers": start_followers, "organic_reach": organic_reach,
                "share_rate": share_rate, "follow_rate": follow_rate,
                "unfollow_rate": unfollow_rate, "market_size": market_size,
                "comment_rate": comment_rate, "hours_per_reply": hours_per_reply,
                "tie_chance": tie_chance, "start_ties": start_ties,
                "start_strength": start_strength, "hours_per_contact": hours_per_contact,
                "reply_chance": reply_chance, "contact_gain": contact_gain,
                "tie_half_life": tie_half_life, "intro_rate": intro_rate,
                "referral_rate": referral_rate, "pass_on": pass_on,
                "contacts_per_hour": contacts_per_hour, "message_response": message_response,
                "annoyance": annoyance, "lead_rate": lead_rate}
    p = check_params(PARAMS, settings)
    # The weeks run on arrays, one entry per split, in the fast twin of simulate()'s rules.
    return pipeline_engine.summarize_batch(splits, p)


# ---- How reach grows with content: the model's elasticity, to set beside real data --------------

@defaults_from(PARAMS)
def reach_elasticity(low_hours: float = 4.0, high_hours: float = 8.0, *,
                     weeks, reply_hours, upkeep_hours, message_hours, hours_per_piece, automation,
                     content_half_life, discovery, start_followers, organic_reach, share_rate, follow_rate,
                     unfollow_rate, market_size, comment_rate, hours_per_reply, tie_chance, start_ties,
                     start_strength, hours_per_contact, reply_chance, contact_gain, tie_half_life, intro_rate,
                     referral_rate, pass_on, contacts_per_hour, message_response, annoyance, lead_rate) -> float:
    r"""How the week's reach grows with content hours in the model: the slope on log-log axes.

    Runs :func:`simulate` twice, with ``low_hours`` and ``high_hours`` of content a week
    (every other setting the same), and compares the people reached in the last week,
    strangers plus followers who saw a piece (:math:`R`):

    .. math::

        \text{slope} = \frac{\log R_\text{high} - \log R_\text{low}}
                            {\log \text{high\_hours} - \log \text{low\_hours}}

    A slope of 1 means reach grows in proportion to the hours (twice the content, twice
    the people reached); below 1, less than in proportion. The model's strangers grow in
    proportion to the live pieces (``discovery`` per piece, however many there are), so
    with no followers' views, no ties passing pieces on and a market that never fills,
    the slope is exactly 1; at the default settings (4 and 8 hours) it is about 0.89. Reach in
    proportion to the pieces is an assumption, which lesson 07 sets beside a real account's days and weeks
    (:mod:`smlearn.realdata.posting`).

    Parameters
    ----------
    low_hours, high_hours : float
        Two amounts of content hours a week, above 0 and at most the model's range;
        ``high_hours`` must differ from ``low_hours``.
    weeks, reply_hours, ..., lead_rate : numbers, keyword-only
        Every parameter of :func:`simulate` but ``content_hours`` (the two runs set it),
        documented there; each left out takes its default from :data:`PARAMS`.

    Examples
    --------
    >>> round(reach_elasticity(4.0, 8.0, organic_reach=0, pass_on=0, market_size=1000000), 2)
    1.0
    """
    top = PARAMS["content_hours"].max
    for name, value in (("low_hours", low_hours), ("high_hours", high_hours)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise TypeError(f"{name} must be a number of hours a week; got {value!r}")
        if not 0 < value <= top:
            raise ValueError(f"{name} must be above 0 and at most {top} hours a week; got {value!r}")
    if low_hours == high_hours:
        raise ValueError(f"high_hours must differ from low_hours; both are {low_hours!r}")
    settings = {"weeks": weeks, "reply_hours": reply_hours, "upkeep_hours": upkeep_hours,
                "message_hours": message_hours, "hours_per_piece": hours_per_piece,
                "automation": automation, "content_half_life": content_half_life,
                "discovery": discovery, "start_followers": start_followers,
                "organic_reach": organic_reach, "share_rate": share_rate,
                "follow_rate": follow_rate, "unfollow_rate": unfollow_rate,
                "market_size": market_size, "comment_rate": comment_rate,
                "hours_per_reply": hours_per_reply, "tie_chance": tie_chance,
                "start_ties": start_ties, "start_strength": start_strength,
                "hours_per_contact": hours_per_contact, "reply_chance": reply_chance,
                "contact_gain": contact_gain, "tie_half_life": tie_half_life,
                "intro_rate": intro_rate, "referral_rate": referral_rate, "pass_on": pass_on,
                "contacts_per_hour": contacts_per_hour, "message_response": message_response,
                "annoyance": annoyance, "lead_rate": lead_rate}
    reach = []
    for hours in (low_hours, high_hours):
        last = simulate(content_hours=hours, **settings).iloc[-1]
        reach.append(float(last["strangers"] + last["views"]))
    if min(reach) <= 0:
        raise ValueError("the model reaches nobody with these settings (discovery, organic_reach and pass_on"
                         " all 0?), so reach has no slope")
    return (math.log(reach[1]) - math.log(reach[0])) / (math.log(high_hours) - math.log(low_hours))
