"""LinkExplorer: publish, earn links, and watch PageRank and search visits move.

Examples
--------
>>> explorer = LinkExplorer()
>>> before = explorer.result.weekly["links_in"].iloc[0]
>>> explorer.update(friend_links=25)                      # people you know link to you in week 1
>>> int(explorer.result.weekly["links_in"].iloc[0] - before) >= 24
True
"""

from smlearn.models import links
from smlearn.plots.links import describe_links, plot_links, update_links
from smlearn.widgets.base import Explorer

__all__ = ["SEED", "LinkExplorer"]

SEED = 1


class LinkExplorer(Explorer):
    """Your site in a small generated web: links earned, PageRank, search visits and customers.

    Parameters
    ----------
    **params
        Starting values for any parameter of :func:`smlearn.models.links.simulate`.
    """

    PARAMS = links.PARAMS
    CONTROLS = ("posts_per_period", "content_quality", "friend_links", "new_links_per_period", "damping",
                "searches_per_period", "periods", "n_pages")

    def run_model(self, params):
        return links.simulate(**params, seed=SEED)

    def plot(self, result):
        return plot_links(result)

    def replot(self, artists, result):
        update_links(artists, result)

    def describe(self, result):
        return describe_links(result)
