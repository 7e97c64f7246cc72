"""PipelineExplorer: spread a week of hours over four kinds of work and follow people from stranger to tie.

Examples
--------
>>> explorer = PipelineExplorer()
>>> explorer.params["upkeep_hours"]
2.0
>>> explorer.update(message_hours=3, weeks=26)
>>> len(explorer.result), float(explorer.result["message_leads"].iloc[0]) > 0
(26, True)
"""

from smlearn.models import pipeline
from smlearn.plots.pipeline import describe_pipeline, plot_pipeline, update_pipeline
from smlearn.widgets.base import Explorer


class PipelineExplorer(Explorer):
    """Content, replies, upkeep of ties and mass messages: one week of hours, week after week.

    Parameters
    ----------
    **params
        Starting values for any parameter of :func:`smlearn.models.pipeline.simulate`;
        the rest take their defaults.
    """

    PARAMS = pipeline.PARAMS
    CONTROLS = ("content_hours", "reply_hours", "upkeep_hours", "message_hours", "weeks", "tie_chance",
                "reply_chance", "intro_rate", "pass_on", "annoyance", "automation", "tie_half_life")

    def _simulate(self, params):
        return pipeline.simulate(**params)

    def _plot(self, result):
        return plot_pipeline(result)

    def _update_plot(self, artists, result):
        update_pipeline(artists, result)

    def _describe(self, result):
        return describe_pipeline(result)
