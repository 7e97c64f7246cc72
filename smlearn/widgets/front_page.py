"""FrontPageExplorer: pick a ranking rule, switch the vote ring on, and watch the front page.

Examples
--------
>>> explorer = FrontPageExplorer()
>>> explorer.params["rule"], explorer.params["manipulation"]
('hot', False)
>>> explorer.update(manipulation=True)
>>> int(explorer.result.items["fake_ups"].sum())          # 20 accounts x 3 targets
60
"""

from smlearn.models import front_page, ranking
from smlearn.plots.crowds import describe_front_page, plot_front_page, update_front_page
from smlearn.widgets.base import Explorer

__all__ = ["SEED", "FrontPageExplorer"]

SEED = 1   # one fixed seed: a slider move changes the rule, not the luck


class FrontPageExplorer(Explorer):
    """A voting site's front page under five ranking rules, with or without a vote ring.

    Parameters
    ----------
    **params
        Starting values for any parameter of :func:`smlearn.models.front_page.simulate`.
    """

    PARAMS = front_page.PARAMS
    CONTROLS = ("rule", "manipulation", "gravity", "ring_size", "target_quality", "voters_per_hour",
                "attention_decay", "hours")

    def run_model(self, params):
        return front_page.simulate(**params, seed=SEED)

    def plot(self, result):
        return plot_front_page(result)

    def replot(self, artists, result):
        update_front_page(artists, result)

    def describe(self, result):
        return describe_front_page(result)

    def ignored_at(self, params):
        # Only the two gravity rules have an ageing exponent, and only a ring that exists has a size.
        ignored = {}
        if params["rule"] not in ranking.GRAVITY_RULES:
            ignored["gravity"] = "only the two gravity rules (simplified and Hacker News) use it"
        if not params["manipulation"]:
            ignored["ring_size"] = "there is no vote ring (Vote ring is False)"
        return ignored
