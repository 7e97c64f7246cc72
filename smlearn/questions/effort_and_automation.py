"""Self-check questions of lesson 07, Effort and automation.

Use them in the lesson like this::

    from smlearn.questions import effort_and_automation as quiz
    quiz.ties_held                       # the question
    my_answer = ...   # replace ... with your answer
    quiz.ties_held.check(my_answer)

Numeric answers are computed by running :mod:`smlearn.models.pipeline` (the week of
hours) when they are checked; the right option of a multiple-choice question is kept
only as a fingerprint.

Examples
--------
>>> ties_held.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> marathon_ties.check("z")
✘ Choose one of the letters a, b, c, d; got 'z'.
"""

from __future__ import annotations

import ast
import functools
import math

from smlearn import flips
from smlearn.exercises import ChoiceQuestion, NumericQuestion, _no_answer, _NOT_YET, _Question, Feedback, WRONG
from smlearn.models import pipeline
from smlearn.params import check_instance, check_number, check_text

__all__ = ["QUESTIONS", "ties_held", "sprint_leads", "marathon_ties", "pieces_with_tool", "automation",
           "FlipQuestion", "sharpen", "SETTINGS", "UPKEEP_VERDICT", "UPKEEP_GUESSES", "upkeep_edge", "upkeep_report", "upkeep_flip_points",
           "flip_the_week"]

# The lesson's week: Amara's eight hours, every other setting at the pipeline's defaults.
HOURS = 8.0

ties_held = NumericQuestion(
    "effort_and_automation.ties_held",
    "Amara finds that a real contact (a call, a coffee) takes her 45 minutes, not 30 (hours_per_contact=0.75)."
    " Every other setting keeps its default. How many ties can 3 hours a week of one-to-one upkeep hold at"
    " half strength (0.5) or more, in the long run? Give a whole number (round down).",
    answer=lambda: math.floor(pipeline.ties_kept_strong(3.0, strength=0.5, hours_per_contact=0.75)),
    unit="ties",
    hint="Use pipeline.ties_kept_strong(3.0, hours_per_contact=0.75), or multiply: contacts a week (hours /"
    " 0.75 hours per contact, times the 70 % who make time) times the longest gap between contacts that"
    " holds a tie at 0.5.",
    explanation="Three hours buy 4 contacts, 2.8 of them answered; a tie needs one about every five and a half"
    " weeks to stay at half strength, so about 15 ties. The number comes from the time settings alone: the"
    " model has no limit of memory or attention like the one behind Dunbar's layers.",
)

sprint_leads = NumericQuestion(
    "effort_and_automation.sprint_leads",
    "Amara counts leads after an 8-week sprint, with her 8 hours a week. Among the splits within 5 % of the"
    " best, what is the most hours of content any of them has?",
    answer=lambda: float(pipeline.near_best(pipeline.compare_splits(HOURS, "leads", weeks=8))
                         .loc["content_hours", "most hours"]),
    tolerance=0.01,
    unit="hours",
    hint="Run pipeline.near_best(pipeline.compare_splits(8.0, \"leads\", weeks=8)) and read the content_hours row.",
    explanation="The sprint's region allows as much content as the two-year region: for leads the horizon"
    " hardly moves the region in this model. Near its top the outcome hardly changes from one split to the"
    " next, so the honest verdict is a region, not the single best split.",
)

marathon_ties = ChoiceQuestion(
    "effort_and_automation.marathon_ties",
    "Now Amara counts ties (everyone she has come to know, however faded) after two years (104 weeks), with"
    " 8 hours a week. Where are the splits within 5 % of the best?",
    [
        "Mostly on content and replies, with at most 2.5 hours of upkeep and few messages",
        "Mostly on upkeep: ties are kept by contact, so the most upkeep makes the most ties in two years",
        "Mostly on mass messages: they reach every tie at once for an hour's work",
        "Everywhere: after two years every split ends with about the same number of ties",
    ],
    answer_fingerprint="e038291f0c7cd0fa",
    hint="Run pipeline.near_best(pipeline.compare_splits(8.0, \"ties\", weeks=104)) and read each row.",
    feedback={
        "b": "Upkeep keeps the ties Amara has strong (and strong ties introduce a few people), but it does not"
        " meet strangers: all upkeep ends two years with far fewer ties than the best (but closer ones).",
        "c": "Mass messages wear ties down and make none: no split near the best spends more than half an hour on them.",
        "d": "That is true of a sprint (ties hardly change in 8 weeks), not of two years.",
    },
    explanation="Over two years the stranger-to-tie pipeline pays: content brings strangers, replies turn some"
    " of them into ties. Source D's marathon, in the model: social media makes the connection, the"
    " conversation makes it a tie. Without upkeep those new ties fade, but a faded tie still counts here.",
)

pieces_with_tool = NumericQuestion(
    "effort_and_automation.pieces_with_tool",
    "A scheduling tool saves 40 % of the time per piece (automation=0.4). With the default 1.5 hours per"
    " piece by hand, how many pieces a week do 3 hours of content make? Give two decimals.",
    answer=lambda: float(pipeline.simulate(content_hours=3.0, automation=0.4, weeks=4)["pieces"].iloc[0]),
    tolerance=0.05,
    unit="pieces",
    hint="With the tool a piece takes 1.5 x (1 - 0.4) hours; divide the content hours by that.",
    explanation="The tool makes the broadcast cheaper: more pieces for the same hours. In the model it does"
    " nothing for the replies those pieces bring, or for upkeep: that is an assumption of the model.",
)

automation = ChoiceQuestion(
    "effort_and_automation.automation",
    "Amara counts ties after two years (104 weeks), with 8 hours a week. A tool that saves 60 % of the time"
    " per piece (automation=0.6): how does the best split change, compared with no tool?",
    [
        "One hour more of content, and the same reply hours",
        "One hour less of content, and one hour more of replies",
        "One hour more of content, and one hour less of replies",
        "One hour less of content, and one hour more of one-to-one upkeep with her ties",
    ],
    answer_fingerprint="d6ccce705e295b35",
    hint="Compare the first row of pipeline.compare_splits(8.0, \"ties\", weeks=104) with the first row of the"
    " same call with automation=0.6.",
    feedback={
        "a": "With the tool each hour of content makes more pieces, and so more comments: the reply hours cannot"
        " stay the same if those comments are to become ties.",
        "c": "The comments grow with the pieces; fewer reply hours would answer fewer of them.",
        "d": "Upkeep keeps ties strong but makes no new ones: the best split for the count of ties has no upkeep"
        " with or without the tool.",
    },
    explanation="In the model a tool makes pieces cheaper but not conversations (an assumption), so the best"
    " split for ties moves hours from content to replies: the broadcast can be scheduled (Source C), the"
    " conversation it starts is still done by hand (Source D).",
)



# ---- What flips the verdict -------------------------------------------------------------------

class FlipQuestion(_Question):
    """Find settings that flip a verdict: the check re-runs the model with the settings given.

    The answer is a dict of one or two settings, e.g. ``{"discovery": 6}``. Each value is
    checked against its record in ``params``; the model is run with them (every other
    setting at its default) and the check says whether the verdict now comes out the
    other way, with the measure before and after.

    Parameters
    ----------
    question_id, prompt : str
        As for every question.
    model : callable
        Called as ``model(**settings)``, as for :func:`smlearn.flips.analyse`.
    verdict : smlearn.flips.Verdict
        The verdict to flip.
    params : dict of Param
        The settings a learner may change (the hours of the week are not among them).
    example : dict
        One answer that flips the verdict, shown by ``.solution()``.
    most : int
        How many settings an answer may change at once (2 by default).

    Examples
    --------
    >>> flip_the_week.check({"banana": 1})
    ✘ Not yet: banana is not a setting you can change here; ...
    """

    def __init__(self, question_id, prompt, *, model, verdict, params, example: dict, most: int = 2, **kwargs):
        super().__init__(question_id, prompt, **kwargs)
        if not isinstance(verdict, flips.Verdict):
            raise TypeError(f"verdict must be a flips.Verdict; got {verdict!r}")
        self._model, self._verdict, self._params = model, verdict, params
        self._example, self.most = dict(example), most

    def _answer_text(self) -> str:
        return f"for example {self._example!r} (other settings flip it too)"

    @functools.cached_property
    def _default(self) -> float:
        return self._verdict.value(self._model())

    def check(self, answer) -> Feedback:
        """Run the model with the settings in ``answer`` and say whether the verdict flipped."""
        if _no_answer(answer):
            return _NOT_YET
        if not isinstance(answer, dict) or not answer:
            return Feedback(False, f"{WRONG} Give a dict of one or two settings, e.g. {{'discovery': 6}};"
                                   f" got {answer!r}.")
        if len(answer) > self.most:
            return self._wrong(f"change at most {self.most} settings at once; you changed {len(answer)}.")
        for name, value in answer.items():
            if name not in self._params:
                return self._wrong(f"{name} is not a setting you can change here; choose among"
                                   f" {', '.join(self._params)}.")
            try:
                self._params[name].check(value)
            except (TypeError, ValueError) as error:
                return self._wrong(f"{error}.")
        measured = self._verdict.value(self._model(**answer))
        before = self._verdict.holds_for(self._default)
        after = self._verdict.holds_for(measured)
        unit = f" {self._verdict.unit}" if self._verdict.unit else ""
        said = f"the measure is {measured:.3g}{unit} (at the defaults {self._default:.3g}{unit})"
        if after != before:
            way = "no longer says" if before else "now says"
            return self._right(f"with {answer!r} {said}: the model {way} that {self._verdict.claim}.")
        return self._wrong(f"with {answer!r} {said}: the verdict still comes out the same way.")

    def _input_widget(self):
        import ipywidgets as widgets

        return widgets.Text(description="Settings:", placeholder="{'discovery': 6}",
                            style={"description_width": "initial"})

    def _value_of(self, field):
        try:
            return ast.literal_eval(field.value)
        except (ValueError, SyntaxError):
            return field.value


def sharpen(report: flips.FlipReport, model, name: str, rounds: int = 10) -> float:
    """The flip point of ``name`` found by halving the gap between the two sweep values around it.

    :func:`smlearn.flips.analyse` reads a flip point between two values of its sweep by a
    straight line; where the measure curves, that can miss by most of the gap. This runs
    ``model`` ``rounds`` more times, halving the gap each time, so the point is right to
    the gap over 2**rounds. NaN when the setting never flips the verdict.

    Examples
    --------
    >>> from smlearn.params import Param
    >>> params = {"x": Param("x", 0.0, 0.0, 10.0, 0.1, "x")}
    >>> curved = flips.Verdict("x squared stays under 9", measure=lambda y: y, threshold=9.0, holds="below")
    >>> report = flips.analyse(lambda x: x * x, curved, params, steps=3, samples=8)
    >>> round(flips.flip_point(report, "x"), 1), round(sharpen(report, lambda x: x * x, "x"), 2)
    (1.8, 3.0)
    """
    check_instance("report", report, flips.FlipReport, "a report from flips.analyse")
    if not callable(model):
        raise TypeError(f"model must be a function that runs the model; got {model!r}")
    check_text("name", name)
    check_number("rounds", rounds, 1, 60, integer=True)
    flip = flips.flip_point(report, name)
    if flip != flip:
        return flip
    verdict = report.verdict

    def holds(value):
        settings = dict(report.defaults)
        settings[name] = value
        return verdict.holds_for(verdict.value(model(**settings)))

    values = report.sweeps.loc[report.sweeps["parameter"] == name, "value"].to_numpy()
    low, high = values[values <= flip].max(), values[values >= flip].min()
    holds_low = holds(low)
    for _ in range(rounds):
        middle = (low + high) / 2
        if holds(middle) == holds_low:
            low = middle
        else:
            high = middle
    return float((low + high) / 2)


# The pipeline's settings other than the four kinds of hour (a verdict about splits sets those itself).
SETTINGS = {name: spec for name, spec in pipeline.PARAMS.items() if name not in pipeline.HOURS}

# The guesses lesson 07 tests: the settings nobody has measured for Amara's trade.
UPKEEP_GUESSES = ["discovery", "message_response", "annoyance", "tie_half_life", "automation", "referral_rate"]


def upkeep_edge(**settings) -> float:
    """How much better, in per cent, the best week with 4 or more hours of upkeep does than the best with less.

    Amara's 8 hours for a year's leads (lesson 07): every split in half-hour steps is run
    (as :func:`pipeline.compare_splits` does), and the best leads among the splits with at
    least 4 hours of upkeep are compared with the best among the rest. Above 0, the best
    split of all has at least 4 hours of upkeep. A smooth number, unlike the best split's
    hours (which jump), so a flip point can be read between two values.

    Examples
    --------
    >>> upkeep_edge() > 0, upkeep_edge(discovery=6.0) > 0
    (True, False)
    """
    leads = pipeline.summarize_splits(_WEEK_SPLITS, **settings)["leads"]
    lean = _WEEK_SPLITS["upkeep_hours"] >= 4
    return float(100 * (leads[lean].max() / leads[~lean].max() - 1))


_WEEK_SPLITS = pipeline.week_splits(HOURS)    # every split of the 8 hours, in half-hour steps

# Lesson 07's verdict: the best week for a year's leads leans on upkeep (4 hours or more).
UPKEEP_VERDICT = flips.Verdict("the best split of 8 hours for a year's leads puts at least 4 hours into upkeep",
                               measure=lambda edge: edge, threshold=0.0, holds="above",
                               unit="% more leads than the best split with less upkeep")


@functools.lru_cache(maxsize=1)
def upkeep_report() -> flips.FlipReport:
    """:func:`smlearn.flips.analyse` of :data:`UPKEEP_VERDICT` over :data:`UPKEEP_GUESSES` (a few seconds).

    Each run compares all 969 splits, so the sweep is coarse (9 values a setting) and the
    joint sample small (48 settings); the lesson and its facts share this one report.
    """
    return flips.analyse(upkeep_edge, UPKEEP_VERDICT, SETTINGS, names=UPKEEP_GUESSES, steps=9, samples=48, seed=0)


def upkeep_flip_points() -> dict:
    """Each guess that flips :data:`UPKEEP_VERDICT` alone, with its flip point sharpened by :func:`sharpen`.

    Examples
    --------
    >>> sorted(upkeep_flip_points())
    ['automation', 'discovery', 'tie_half_life']
    """
    report = upkeep_report()
    points = {}
    for name in report.points.dropna(subset=["flips_at"])["parameter"]:
        points[name] = round(sharpen(report, upkeep_edge, name), 3)
    return points


flip_the_week = FlipQuestion(
    "effort_and_automation.flip_the_week",
    "Find one or two settings (not the hours) that make the best split of Amara's 8 hours for a year's"
    " leads put fewer than 4 hours into upkeep. Give them as a dict, e.g. {'referral_rate': 0.01}.",
    model=upkeep_edge,
    verdict=UPKEEP_VERDICT,
    params=SETTINGS,
    example={"discovery": 6.0},
    hint="Read the flip chart: a setting whose bar crosses the line flips the verdict. Move it past its flip"
    " point, or move two settings part of the way each.",
    explanation="The lean on upkeep is not a fact about networking: it follows from guesses nobody has"
    " measured for Amara, such as how many strangers find a piece and how fast a tie fades.",
)

QUESTIONS = [ties_held, sprint_leads, marathon_ties, pieces_with_tool, automation, flip_the_week]
