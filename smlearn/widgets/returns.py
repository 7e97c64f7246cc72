"""ReturnsExplorer: estimate a metric for two post types from a sample, with honest intervals.

Examples
--------
>>> explorer = ReturnsExplorer()
>>> explorer.update(sample_size=60, type_b="link")
>>> explorer.result.table[["type", "posts"]].values.tolist()
[['photo', 60], ['link', 60]]
"""

from smlearn.models import uncertainty
from smlearn.params import Param
from smlearn.plots.returns import describe_returns, plot_returns, update_returns
from smlearn.widgets.base import Explorer

__all__ = ["ReturnsExplorer"]


class ReturnsExplorer(Explorer):
    """Pick a metric, two post types and a sample size; see the estimates and their intervals.

    The posts come from the course's synthetic ``post_metrics`` data set (or any table
    of posts you pass as ``posts``), so the figure can also show the value over every
    post of each type: what the sample is trying to find.

    Parameters
    ----------
    posts : pandas.DataFrame, optional
        The posts to sample from; by default ``smlearn.data.load("post_metrics")``.
    **params
        Starting values for any parameter in :data:`smlearn.models.uncertainty.PARAMS`, and
        ``draw``: which random sample of posts to show (the model's seed).
    """

    PARAMS = {
        **uncertainty.PARAMS,
        "draw": Param("draw", 0, 0, 99, 1, "Which sample", "number",
                      "Which random sample of posts (the seed of the draw): change it to see how much another"
                      " sample differs."),
    }
    CONTROLS = ("metric", "type_a", "type_b", "sample_size", "draw", "level")

    def __init__(self, posts=None, **params):
        if posts is None:
            from smlearn import data

            posts = data.load("post_metrics")
        self._posts = posts
        super().__init__(**params)

    def run_model(self, params):
        params = dict(params)
        draw = params.pop("draw")
        return uncertainty.simulate(self._posts, **params, seed=draw)

    def plot(self, result):
        return plot_returns(result)

    def replot(self, artists, result):
        update_returns(artists, result)

    def describe(self, result):
        return describe_returns(result)
