"""PushPullExplorer: move the sliders and watch push and pull traffic change.

Examples
--------
>>> explorer = PushPullExplorer()
>>> explorer.params["push_hours"]
5.0
>>> explorer.update(push_hours=10, stop_period=13)
>>> explorer.params["stop_period"], int(explorer.result["period"].max())
(13, 52)
"""

from smlearn.models import traffic
from smlearn.plots.traffic import describe_traffic, plot_traffic, update_traffic
from smlearn.widgets.base import Explorer

__all__ = ["PushPullExplorer"]


class PushPullExplorer(Explorer):
    """Push (mass messages to your contacts) vs pull (content found by search), week by week.

    Parameters
    ----------
    **params
        Starting values for any parameter of :func:`smlearn.models.traffic.simulate`;
        the rest take their defaults.
    """

    PARAMS = traffic.PARAMS
    CONTROLS = (
        "push_hours",
        "network_size",
        "posts_per_period",
        "content_quality",
        "stop_period",
        "periods",
        "fatigue",
        "lead_rate_push",
        "lead_rate_pull",
        "close_rate_push",
        "close_rate_pull",
        "hourly_cost",
        "content_half_life",
    )
    # Shown at first (lesson 02 asks for the content half-life); the rest sit under "More settings".
    MAIN_CONTROLS = ("push_hours", "network_size", "posts_per_period", "content_quality", "stop_period", "periods",
                     "content_half_life")

    def run_model(self, params):
        return traffic.simulate(**params)

    def plot(self, result):
        return plot_traffic(result)

    def replot(self, artists, result):
        update_traffic(artists, result)

    def describe(self, result):
        # The title already states the finding for this result: reuse it.
        return describe_traffic(result, finding=self._artists["title"].get_text())
