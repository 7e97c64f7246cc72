"""EffortExplorer: split a weekly time budget and watch leads, reach and ties over time.

Examples
--------
>>> explorer = EffortExplorer()
>>> explorer.params["hours"], explorer.params["media_share"]
(8.0, 0.5)
>>> explorer.update(media_share=0.2, weeks=26)
>>> explorer.result.split, len(explorer.result.result)
((0.16, 0.04, 0.8), 26)
"""

from smlearn.models import effort
from smlearn.plots.effort import describe_effort, plot_effort, update_effort
from smlearn.widgets.base import Explorer

__all__ = ["EffortExplorer"]


class EffortExplorer(Explorer):
    """Posting (automatable) vs replies and relationship upkeep (by hand), week by week.

    The split is set by two sliders that can never make an invalid split: the share of
    the hours spent on social media at all, and the share of that spent on replies
    (:func:`smlearn.models.effort.split_from_shares`). The right panel shows every split
    on a 10 % grid, with yours and the best one marked.

    Parameters
    ----------
    **params
        Starting values for any parameter of :func:`smlearn.models.effort.simulate`, for
        ``media_share`` and ``reply_share``, and for ``outcome``.
    """

    PARAMS = {**effort.PARAMS, **effort.SPLIT_PARAMS, "outcome": effort.OUTCOME}
    CONTROLS = ("hours", "media_share", "reply_share", "weeks", "outcome", "scheduling", "tie_half_life",
                "circle_size", "hours_per_contact", "share_rate", "lead_rate_reach", "referral_rate")

    def _simulate(self, params):
        return effort.explore(**params)

    def _plot(self, result):
        return plot_effort(result)

    def _update_plot(self, artists, result):
        update_effort(artists, result)

    def _describe(self, result):
        return describe_effort(result)
