"""NetworkExplorer: a friendship network and a follower network side by side.

Both networks have the same number of people and the same mean number of ties per
person, so every difference you see comes from how the ties are made.

Examples
--------
>>> explorer = NetworkExplorer(n=200)
>>> float(explorer.result.table.loc["follower", "reciprocity"]) < 1
True
>>> explorer.update(follow_back=1.0)
>>> float(explorer.result.table.loc["follower", "reciprocity"])
1.0
"""

from smlearn.models import networks
from smlearn.params import Param
from smlearn.plots.networks import describe_networks, plot_networks, update_networks
from smlearn.widgets.base import Explorer

__all__ = ["NetworkExplorer"]


class NetworkExplorer(Explorer):
    """Friendship (two-way, clustered) vs follower (one-way, heavy-tailed) networks.

    Parameters
    ----------
    **params
        Starting values for n, mean_degree, rewire, follow_back and draw (which random
        draw of the two networks to show); the rest take their defaults.
    """

    PARAMS = {
        **networks.PARAMS,
        # Fewer people than the model allows, so that the drawing stays readable and quick.
        "n": Param("n", 300, 50, 1000, 50, "People", "people", "How many people (nodes) each network has."),
        "draw": Param("draw", 1, 0, 99, 1, "Random draw", "number",
                      "Which random draw of the two networks to show (the seed of the generator)."),
    }
    CONTROLS = ("n", "mean_degree", "rewire", "follow_back", "draw")

    def run_model(self, params):
        params = dict(params)
        draw = params.pop("draw")
        return networks.simulate(**params, seed=draw)

    def plot(self, result):
        return plot_networks(result)

    def replot(self, artists, result):
        update_networks(artists, result)

    def describe(self, result):
        return describe_networks(result)
