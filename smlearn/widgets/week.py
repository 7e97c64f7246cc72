"""WeekExplorer: one week of hours, split four ways, with the map of every other split.

Three sliders set the split, and any position of them is a valid split
(:func:`smlearn.models.pipeline.split_from_shares`): the share of the hours on the
*find* side (content and replies), the share of those on replies, and the share of the
*ties* side on mass messages (the rest is upkeep). The left panel shows leads per week
by route for your split; the right panel shades every split of the find side on a 10 %
grid (with your share of messages) by the outcome you choose, and marks your split, the
best one and the splits within 5 % of the best.

Examples
--------
>>> explorer = WeekExplorer()
>>> explorer.params["total_hours"], explorer.result.hours["upkeep_hours"]
(8.0, 4.0)
>>> explorer.update(media_share=0.2, weeks=26)
>>> explorer.result.hours["content_hours"], len(explorer.result.result)
(1.28, 26)
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from smlearn.models import pipeline
from smlearn.params import Choice, FrozenParams, Param, check_params
from smlearn.plots.pipeline import WeekRun, describe_week, plot_week, update_week   # WeekRun: what the figure shows
from smlearn.widgets.base import Explorer

__all__ = ["SHARE_PARAMS", "OUTCOME", "MAP_STEPS", "explore_week", "WeekExplorer"]

# The explorer's own controls: the budget and three shares that always make a valid split.
SHARE_PARAMS = {
    "total_hours": Param("total_hours", 8.0, 1.0, 40.0, 0.5, "Hours a week", "hours/week",
                         "The week's budget for finding clients, shared by the four kinds of hour."),
    "media_share": Param("media_share", 0.5, 0.0, 1.0, 0.1, "Find side", "share of hours",
                         "Share of the hours on content and replies (people find you); the rest go to your ties."),
    "reply_share": Param("reply_share", 0.2, 0.0, 1.0, 0.1, "Replies within find side", "share of find hours",
                         "Share of the find-side hours spent answering comments (the rest make content)."),
    "message_share": Param("message_share", 0.0, 0.0, 1.0, 0.1, "Messages within ties side", "share of ties hours",
                           "Share of the ties-side hours spent on mass messages (the rest is one-to-one upkeep)."),
}
OUTCOME = Choice("outcome", "leads", ("leads", "ties", "tie_strength", "followers"), "Outcome of the map",
                 "What the map of every split shows: leads over the weeks, or at the end the ties (however"
                 " faded), their closeness (tie_strength: ties times their mean strength) or the followers.")
# The grid of the map: find-side share across, replies within it up, both from 0 to 1 in steps of 10 %.
MAP_STEPS = 11


@lru_cache(maxsize=64)
def _kept_map(settings: tuple, total_hours: float, message_share: float, outcome: str) -> pd.DataFrame:
    # The map depends on neither of your two find-side shares: kept, so moving them costs one run only.
    return pipeline.share_map(total_hours, message_share, outcome, steps=MAP_STEPS, **dict(settings))


def _map(settings: tuple, total_hours: float, message_share: float, outcome: str) -> pd.DataFrame:
    # A copy for each run, so that changing one run's table cannot change the kept one.
    return _kept_map(settings, total_hours, message_share, outcome).copy()


def explore_week(**params) -> WeekRun:
    """Run your split and the map of splits; see :class:`WeekExplorer` for the parameters."""
    checked = {}   # every parameter checked by its record; the ones not given take their defaults
    for name, record in WeekExplorer.PARAMS.items():
        checked[name] = record.default
    checked.update(check_params(WeekExplorer.PARAMS, params))
    params = checked
    outcome = params.pop("outcome")
    shares = {name: params.pop(name) for name in SHARE_PARAMS}
    hours = pipeline.split_from_shares(shares["total_hours"], shares["media_share"], shares["reply_share"],
                                       shares["message_share"])
    result = pipeline.simulate(**hours, **params)
    grid = _map(tuple(sorted(params.items())), shares["total_hours"], shares["message_share"], outcome)
    best_row = grid.loc[grid["value"].idxmax()]
    everything = dict(params)
    everything.update(shares)
    everything["outcome"] = outcome
    return WeekRun(FrozenParams(everything), hours, result, grid, outcome, float(pipeline.summarize(result)[outcome]),
                   (float(best_row["media_share"]), float(best_row["reply_share"])), float(grid["value"].max()))


class WeekExplorer(Explorer):
    """Content, replies, upkeep and mass messages: your split of the week and every other split.

    Parameters
    ----------
    **params
        Starting values for the four shares above, ``outcome`` and any parameter of
        :func:`smlearn.models.pipeline.simulate` except the four kinds of hour (the shares set those).
    """

    PARAMS = {name: spec for name, spec in pipeline.PARAMS.items() if name not in pipeline.HOURS}
    PARAMS.update(SHARE_PARAMS)
    PARAMS["outcome"] = OUTCOME
    CONTROLS = ("total_hours", "media_share", "reply_share", "message_share", "weeks", "outcome", "automation",
                "tie_half_life")

    def ignored_at(self, params):
        # With no hours on the find side, how they would be shared out changes nothing.
        if params["media_share"] == 0:
            return {"reply_share": "no hours go to the find side"}
        return {}

    def run_model(self, params):
        return explore_week(**params)

    def plot(self, result):
        return plot_week(result)

    def replot(self, artists, result):
        update_week(artists, result)

    def describe(self, result):
        return describe_week(result)
