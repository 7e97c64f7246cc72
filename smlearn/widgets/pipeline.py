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

__all__ = ["PipelineExplorer"]


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
    # Shown at first (lesson 02c asks for the tie half-life); the rest sit under "More settings".
    MAIN_CONTROLS = ("content_hours", "reply_hours", "upkeep_hours", "message_hours", "weeks", "tie_chance", "tie_half_life")

    def ignored_at(self, params):
        # Some settings only act through one kind of hour: with none of it, they change nothing.
        ignored = {}
        if params["message_hours"] == 0:
            ignored["annoyance"] = "no hours go to mass messages"
        if params["content_hours"] == 0:
            ignored["automation"] = "no hours go to content"
            ignored["pass_on"] = "no hours go to content, so there is nothing to pass on"
        if params["content_hours"] == 0 or params["reply_hours"] == 0:
            ignored["tie_chance"] = "without both content and replies there are no conversations"
        if params["upkeep_hours"] == 0:
            ignored["reply_chance"] = "no hours go to upkeep of ties"
        return ignored

    def run_model(self, params):
        return pipeline.simulate(**params)

    def plot(self, result):
        return plot_pipeline(result)

    def replot(self, artists, result):
        update_pipeline(artists, result)

    def describe(self, result):
        return describe_pipeline(result)
