"""The pipeline engine: the weeks of :func:`smlearn.models.pipeline.simulate` for many splits at once.

:mod:`smlearn.models.pipeline` states the model week by week for one split of the hours
(:func:`~smlearn.models.pipeline.simulate`): read that to see the model. Its maps and
comparisons (``compare_splits``, ``share_map``, ``best_split_by``) need the totals of
hundreds of splits for one answer, so :func:`summarize_batch` runs the same steps, in the
same order, on arrays with one entry per split. ``tests/models/test_pipeline.py`` checks it
against ``simulate`` split by split.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# What smlearn.models.pipeline.summarize_splits calls, with checked parameters.
__all__ = ["summarize_batch"]


def summarize_batch(splits: pd.DataFrame, p: dict) -> pd.DataFrame:
    """The totals of :func:`smlearn.models.pipeline.summarize` for every row of ``splits``.

    ``splits`` has the four hour columns of :data:`smlearn.models.pipeline.HOURS`, and ``p``
    every other parameter of the model, already checked (this function checks nothing).
    """
    content, reply = splits["content_hours"].to_numpy(float), splits["reply_hours"].to_numpy(float)
    upkeep, message = splits["upkeep_hours"].to_numpy(float), splits["message_hours"].to_numpy(float)
    size = len(content)
    pieces = content / (p["hours_per_piece"] * (1 - p["automation"]))
    contacts = upkeep / p["hours_per_contact"] * p["reply_chance"]
    answers_possible = reply / p["hours_per_reply"]
    content_keep = 0.5 ** (1 / p["content_half_life"])
    tie_keep = 0.5 ** (1 / p["tie_half_life"])

    library = np.zeros(size)
    followers = np.full(size, float(p["start_followers"]))
    ties = np.full(size, float(p["start_ties"]))
    strength = np.full(size, float(p["start_strength"]))
    weekly = []     # each week's flows, one array per split
    published = np.minimum(pieces, 1.0)                     # the same every week: worked out once
    can_message = message * p["contacts_per_hour"]
    for _ in range(p["weeks"]):
        # The same steps, in the same order, as one week of simulate().
        library = library * content_keep + pieces
        views = p["organic_reach"] * followers * published
        room = np.maximum(0.0, 1 - (followers + ties) / p["market_size"])
        passed_by_ties = p["pass_on"] * strength * ties * published
        strangers = (p["discovery"] * library + p["share_rate"] * views + passed_by_ties) * room
        comments = p["comment_rate"] * views
        conversations = np.minimum(comments, answers_possible)
        new_ties = p["tie_chance"] * conversations * (1 - p["unfollow_rate"])
        messaged = np.minimum(ties, can_message)
        message_leads = p["message_response"] * strength * messaged
        referral_leads = p["referral_rate"] * strength * ties
        introductions = p["intro_rate"] * strength * ties * room
        content_leads = p["lead_rate"] * (strangers + views)

        strength = strength * tie_keep
        has_ties = ties > 0
        safe_ties = np.where(has_ties, ties, 1.0)          # no division by zero where there are no ties
        contacted = np.minimum(1.0, contacts / safe_ties)
        worn = strength + p["contact_gain"] * contacted * (1 - strength)
        worn = worn * (1 - p["annoyance"] * messaged / safe_ties)
        strength = np.where(has_ties, worn, strength)
        newcomers = p["follow_rate"] * strangers + introductions
        left = np.maximum(0.0, p["market_size"] - followers - ties)
        scale = np.where(newcomers > 0, np.minimum(1.0, left / np.where(newcomers > 0, newcomers, 1.0)), 1.0)
        new_followers, introductions = p["follow_rate"] * strangers * scale, introductions * scale
        joined = new_ties + introductions
        total = ties + joined
        mixed = (strength * ties + p["start_strength"] * joined) / np.where(total > 0, total, 1.0)
        strength = np.where(total > 0, mixed, strength)
        ties = ties + joined
        followers = followers - p["unfollow_rate"] * followers - new_ties + new_followers

        weekly.append((content_leads + referral_leads + message_leads, content_leads, referral_leads,
                       message_leads, strangers, new_followers, conversations, new_ties, introductions))
    # One sum over the weeks at the end instead of nine additions every week.
    sums = np.array(weekly).sum(axis=0)
    totals = dict(zip(("leads", "content_leads", "referral_leads", "message_leads", "strangers", "new_followers",
                       "conversations", "new_ties", "introductions"), sums))
    table = pd.DataFrame(totals, index=splits.index)
    table["followers"], table["ties"], table["strength"] = followers, ties, strength
    table["tie_strength"] = ties * strength
    return table
