"""SpreadExplorer: pick a network, a spreading model and who starts it; watch it spread.

Every control change re-runs the model on the whole network (a thousand people or
more). The network itself is built and turned into arrays once and kept: moving a
model slider reuses it, and moving the step slider reuses the run too.

Examples
--------
>>> explorer = SpreadExplorer(n=500)
>>> explorer.result.model
'independent cascade'
>>> explorer.update(model="complex contagion", strategy="one cluster")
>>> explorer.result.final_share
1.0
>>> explorer.update(network="shuffled friendship")     # same degrees, ties shuffled
>>> explorer.result.final_share < 0.1
True
"""

from __future__ import annotations

from smlearn.models import diffusion, networks
from smlearn.params import Choice, Param
from smlearn.plots.networks import edge_segments, layout
from smlearn.plots.spread import SpreadPicture, describe_spread, plot_spread, update_spread
from smlearn.widgets.base import Explorer

__all__ = ["NETWORKS", "build_network", "SpreadExplorer"]

NETWORKS = ("friendship", "follower", "shuffled friendship")
_NETWORK_KEYS = ("network", "n", "mean_degree", "rewire", "draw")
_RUN_KEYS = (*_NETWORK_KEYS, "model", "p", "theta", "theta_spread", "neighbours", "p1", "p2", "beta", "gamma",
             "n_seeds", "strategy")


def build_network(network, n, mean_degree, rewire, draw):
    """Make the explorer's network: friendship, follower, or a friendship network with its ties shuffled."""
    if network == "follower":
        return networks.follower_network(n, mean_degree, networks.PARAMS["follow_back"].default, seed=draw)
    G = networks.friendship_network(n, mean_degree, rewire, seed=draw)
    if network == "shuffled friendship":
        return networks.shuffle_keeping_degrees(G, swaps_per_tie=3, seed=draw)
    return G


class SpreadExplorer(Explorer):
    """Simple contagion, complex contagion and epidemics on friendship and follower networks.

    Parameters
    ----------
    **params
        Starting values for any control (see ``SpreadExplorer.PARAMS``).
    """

    PARAMS = {
        "network": Choice("network", "friendship", NETWORKS, "Network",
                          "Friendship (clustered, two-way), follower (one-way, a few big accounts) or the friendship "
                          "network with its ties shuffled at random, keeping everyone's number of ties."),
        "model": Choice("model", "independent cascade", diffusion.MODELS, "Model",
                        "How it spreads: one contact is enough, a share of contacts, two contacts, a chance that"
                        " rises with each further contact, or an epidemic."),
        "n": Param("n", 1000, 100, 3000, 100, "People", "people", "How many people the network has."),
        "mean_degree": networks.PARAMS["mean_degree"],
        "rewire": networks.PARAMS["rewire"],
        **{name: diffusion.PARAMS[name] for name in ("strategy", "n_seeds")},
        # Starts above the friendship network's epidemic threshold (about 0.2), so the first picture spreads.
        "p": Param("p", 0.3, 0.0, 1.0, 0.01, "Pass-on chance", "probability", diffusion.PARAMS["p"].doc),
        **{name: diffusion.PARAMS[name] for name in ("theta", "theta_spread", "neighbours", "p1", "p2", "beta",
                                                     "gamma")},
        "step": Param("step", 300, 0, 300, 1, "Show step", "step",
                      "Which step of the run the drawing shows (a step after the end shows the end)."),
        "draw": Param("draw", 1, 0, 99, 1, "Random draw", "number",
                      "The seed of the one generator behind the network, the starting people and every draw."),
    }
    CONTROLS = ("network", "model", "strategy", "n_seeds", "p", "theta", "theta_spread", "p1", "p2", "beta", "gamma",
                "n", "step")
    VIEW_CONTROLS = ("step",)     # which step the drawing shows: the run stays the same
    # Shown at first (lesson 04 asks for Show step and the recovery chance); the rest under "More settings".
    MAIN_CONTROLS = ("network", "model", "strategy", "n_seeds", "p", "theta", "beta", "gamma", "step")

    def __init__(self, **params):
        self._networks = {}   # (network, n, mean_degree, rewire, draw) -> (SpreadGraph, positions, segments)
        self._last_run = (None, None)
        super().__init__(**params)

    def network(self, **params):
        """The prepared network for these parameters, built once and then reused."""
        key = tuple(params[name] for name in _NETWORK_KEYS)
        if key not in self._networks:
            G = build_network(*key)
            xy = layout(G)
            if len(self._networks) >= 6:          # keep a few, drop the oldest
                self._networks.pop(next(iter(self._networks)))
            self._networks[key] = (diffusion.prepare(G), xy, edge_segments(G, xy))
        return self._networks[key]

    def run_model(self, params):
        # The explorer's result is the model's run; where everyone sits and which step to show
        # belong to the picture (_picture), so moving the step slider alone does not re-run.
        key = tuple(params[name] for name in _RUN_KEYS)
        if self._last_run[0] != key:
            g, _, _ = self.network(**params)
            options = {name: params[name] for name in _RUN_KEYS if name not in _NETWORK_KEYS}
            self._last_run = (key, diffusion.simulate(g, **options, seed=params["draw"]))
        return self._last_run[1]

    def _picture(self, run):
        """The run drawn on the current network's layout at the current step."""
        _, xy, segments = self.network(**self._params)
        return SpreadPicture(run, xy, segments, self._params["step"])

    def plot(self, result):
        return plot_spread(self._picture(result))

    def replot(self, artists, result):
        update_spread(artists, self._picture(result))

    def describe(self, result):
        return describe_spread(self._picture(result))

    def ignored_at(self, params):
        # Each spreading model reads its own sliders and none of the others'.
        uses = {"independent cascade": ("p",), "threshold": ("theta", "theta_spread"), "complex contagion": (),
                "reinforced cascade": ("p1", "p2"), "SIR": ("beta", "gamma")}
        ignored = {}
        for name in ("p", "theta", "theta_spread", "p1", "p2", "beta", "gamma"):
            if name not in uses[params["model"]]:
                ignored[name] = f"the {params['model']} model does not use it"
        return ignored
