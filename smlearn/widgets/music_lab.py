"""MusicLabExplorer: turn social influence up and down and watch hits become unequal and unpredictable.

Examples
--------
>>> explorer = MusicLabExplorer()
>>> explorer.update(influence=0.0)
>>> gini = explorer.result.metrics["gini"]
>>> bool(abs(gini.iloc[0] - gini.iloc[1]) < 0.05)         # no influence: the two conditions agree
True
"""

from smlearn.models import crowds
from smlearn.plots.crowds import describe_market, plot_market, update_market
from smlearn.widgets.base import Explorer

__all__ = ["SEED", "MusicLabExplorer"]

SEED = 1


class MusicLabExplorer(Explorer):
    """The same 48 songs in worlds with and without social influence (after Salganik, Dodds & Watts 2006).

    Parameters
    ----------
    **params
        Starting values for any parameter of :func:`smlearn.models.crowds.simulate`.
    """

    PARAMS = crowds.PARAMS
    CONTROLS = ("influence", "n_worlds", "listens", "batch")

    def run_model(self, params):
        return crowds.simulate(**params, seed=SEED)

    def plot(self, result):
        return plot_market(result)

    def replot(self, artists, result):
        update_market(artists, result)

    def describe(self, result):
        return describe_market(result)
