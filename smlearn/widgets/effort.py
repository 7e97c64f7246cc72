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
from smlearn.models.effort import Exploration   # the explorer's result (kept in the model, where the figure can see it)
from smlearn.params import Choice, defaults_from
from smlearn.plots.effort import describe_effort, plot_effort, update_effort
from smlearn.widgets.base import Explorer

__all__ = ["OUTCOME", "explore", "EffortExplorer"]

# The explorer's drop-down: which outcome the map of all splits shows.
OUTCOME = Choice("outcome", "leads", tuple(effort.OUTCOMES), "Outcome to maximise",
                 "Which outcome the map of all splits shows and the best split maximises.")


@defaults_from(effort.SPLIT_PARAMS)
def explore(*, media_share, reply_share, outcome="leads", step=0.1, **params) -> Exploration:
    """Run your split and every split on a grid, for the explorer or a quick comparison.

    Parameters
    ----------
    media_share, reply_share : float
        Your split, as in :func:`smlearn.models.effort.split_from_shares`; defaults in
        :data:`smlearn.models.effort.SPLIT_PARAMS`.
    outcome : str
        One of :data:`smlearn.models.effort.OUTCOMES`.
    step : float
        Grid step of the map (see :func:`smlearn.models.effort.outcome_map`).
    **params
        Any parameter in :data:`smlearn.models.effort.PARAMS`.

    Returns
    -------
    smlearn.models.effort.Exploration

    Raises
    ------
    TypeError, ValueError
        If a value is not allowed.

    Examples
    --------
    >>> run = explore(media_share=0.5, reply_share=0.2)
    >>> run.split, round(run.value, 1), run.best, round(run.best_value, 1)
    ((0.4, 0.1, 0.5), 36.2, (0.5, 0.1, 0.4), 37.2)
    """
    split = effort.split_from_shares(media_share, reply_share)
    outcome = OUTCOME.check(outcome)
    result = effort.simulate(split=split, **params)
    grid = effort.outcome_map(outcome=outcome, step=step, **params)
    best_row = grid.loc[grid["value"].idxmax()]
    best = tuple(round(float(best_row[c]), 12) for c in ("posting", "replies", "upkeep"))
    return Exploration(result, grid, outcome, split, effort.totals(result)[outcome], best, float(best_row["value"]))


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

    PARAMS = {**effort.PARAMS, **effort.SPLIT_PARAMS, "outcome": OUTCOME}
    CONTROLS = ("hours", "media_share", "reply_share", "weeks", "outcome", "scheduling", "tie_half_life",
                "circle_size", "hours_per_contact", "share_rate", "lead_rate_reach", "referral_rate")

    def run_model(self, params):
        return explore(**params)

    def plot(self, result):
        return plot_effort(result)

    def replot(self, artists, result):
        update_effort(artists, result)

    def describe(self, result):
        return describe_effort(result)
