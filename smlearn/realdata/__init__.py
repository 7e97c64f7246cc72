"""Measures of the course's real data sets: follow networks, follower counts, a cascade, votes.

One module per kind of data (:mod:`~smlearn.realdata.networks`,
:mod:`~smlearn.realdata.cascade`, :mod:`~smlearn.realdata.votes`); all are importable from
here. Each function takes the data as :func:`smlearn.data.load` returns it (and loads it
when you pass nothing), and returns a small table or a number a lesson can quote:

- **Follow and interaction networks** (``us_senate_follows``, ``uk_mps_interactions``):
  :func:`reciprocity` (how many ties are returned) and :func:`in_degree_summary`
  (how unequal the incoming ties are).
- **PageRank on a real network** (:mod:`~smlearn.realdata.links`): :func:`rank_table`
  (PageRank beside links received and followers), :func:`rank_correlation`,
  :func:`rank_agreement` and :func:`rank_sources` (whose links bring someone's rank).
- **Follower counts** (``uk_mps``): :func:`mp_followers` and :func:`inequality_summary`.
- **A retweet cascade** (``retweet_cascade``): :func:`cascade_over_time` (shares and
  followers reached, hour by hour), :func:`share_within` (how much came in the first
  hours) and :func:`time_to_share` (when half, or 90 %, had come).
- **Votes** (``stackexchange_posts``, ``stackexchange_votes``): :func:`votes_by_day`
  (how votes arrive over the days after posting), :func:`score_vs_views` and
  :func:`early_and_late_votes` (do early votes predict later ones?).

Examples
--------
>>> from smlearn import realdata
>>> round(realdata.reciprocity(realdata.senate_network()), 2)
0.57
>>> round(realdata.share_within(24), 2)
0.94
"""

from __future__ import annotations

from smlearn.realdata.cascade import cascade_over_time, share_within, shares_per_period, time_to_share
from smlearn.realdata.links import rank_agreement, rank_correlation, rank_sources, rank_table
from smlearn.realdata.networks import (
    compare_directed,
    in_degree_summary,
    inequality_summary,
    mp_followers,
    mp_interaction_network,
    readable,
    reciprocity,
    reciprocity_beyond_chance,
    same_group_share,
    senate_network,
)
from smlearn.realdata.votes import (DOWN_VOTE, UP_VOTE, chance_band, early_and_late_votes, early_late_by_month,
                                    partial_correlation, posting_hour_effect, score_vs_views, votes_by_day)

__all__ = [
    "rank_table",
    "rank_correlation",
    "rank_agreement",
    "rank_sources",
    "senate_network",
    "mp_interaction_network",
    "reciprocity",
    "reciprocity_beyond_chance",
    "readable",
    "same_group_share",
    "inequality_summary",
    "in_degree_summary",
    "mp_followers",
    "compare_directed",
    "cascade_over_time",
    "share_within",
    "time_to_share",
    "shares_per_period",
    "votes_by_day",
    "score_vs_views",
    "early_and_late_votes",
    "early_late_by_month",
    "chance_band",
    "partial_correlation",
    "posting_hour_effect",
    "UP_VOTE",
    "DOWN_VOTE",
]
