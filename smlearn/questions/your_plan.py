"""Self-check questions of lesson 09b, Your plan: the capstone for your own organisation.

Use them in the lesson like this::

    from smlearn.questions import your_plan as quiz
    print(quiz.outcome_fit)              # the question
    my_answer = ...   # replace ... with your answer
    quiz.outcome_fit.check(my_answer)

Examples
--------
>>> posts_for_conversions.check(...)
… No answer yet: replace ... with your answer and run the cell again.
>>> metric.check("z")
✘ Choose one of the letters a, b, c, d, or type an option's text; got 'z'.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import math

from smlearn import data, flips
from smlearn.exercises import Case, ChoiceQuestion, CodeQuestion, NumericQuestion
from smlearn.models import pipeline
from smlearn.exercises import FlipQuestion
from smlearn.questions.effort_and_automation import SETTINGS
from smlearn.params import check_items, check_text

__all__ = ["QUESTIONS", "outcome_fit", "metric", "posts_for_conversions", "CONVERSIONS_WANTED", "GUESSES",
           "SPREAD", "broadcast_only", "plausible", "plan_ahead", "plan_verdict", "plan_report", "DESIGNER_PLAN",
           "DESIGNER_WEEK", "flip_the_plan", "designer_report", "designer_flip_points", "TWEETS_A_MONTH",
           "rival", "target"]

# The number of conversions a sample should hold in posts_for_conversions.
CONVERSIONS_WANTED = 30


def _posts_needed():
    """Posts needed to expect CONVERSIONS_WANTED conversions at the course's mean conversions a post."""
    posts = data.load("post_metrics")
    return math.ceil(CONVERSIONS_WANTED / float(posts["conversions"].mean()))


def _outcome_name(text: str) -> str:
    """An option's code name (it starts with it in quotes), or the code name typed alone (``tie_strength``)."""
    return text.split('"')[1].casefold() if '"' in text else text.strip().strip("'").casefold()


outcome_fit = ChoiceQuestion(
    "your_plan.outcome_fit",
    "A local news site sells nothing through its account and needs no volunteers: it wants more people to see"
    " its stories each week. Which outcome should its plan pass to pipeline.compare_splits? (A letter, the"
    " option's text, or the outcome's name.)",
    [
        "\"leads\": every enquiry or order the account brings in the year",
        "\"ties\": every reader the site has come to know by the end",
        "\"followers\": the people who follow its account at the end",
        "\"tie_strength\": its ties times their mean strength at the end",
    ],
    answer_fingerprint="779b3967f6315fd4",
    key=_outcome_name,
    hint="Is the goal a conversation with each reader, or an audience that sees each story? Lesson 02 split"
    " social media (broadcast) from social networking (two-way).",
    feedback={
        "a": "Counting sales, the usual slip of a shop's plan: the site sells nothing, its goal is people who"
             " see the stories.",
        "b": "Ties as an audience, the misconception that every reader must be known: ties are two-way, and the"
             " hours to keep them run out at a few dozen, not a readership.",
        "d": "Closeness for an audience, the misconception that closer is always better: tie_strength counts"
             " people who stay close, not how many see a story.",
    },
    explanation="An audience that sees each story is the broadcast side of the course's frame: followers."
    " Ties and closeness fit a goal of people who come back (a food bank's volunteers), leads a shop's.",
)

metric = ChoiceQuestion(
    "your_plan.metric",
    "A small food bank wants volunteers who come back, month after month. It has to measure, in the world,"
    " how far it gets. Which measure fits that goal best?",
    [
        "Volunteers who sign up each month, with an interval for each month's count",
        "Volunteers still active three months after signing up, with an interval",
        "Likes and shares of its recruitment posts, with an interval for each post",
        "Hours volunteered in the week after each post, with an interval per post",
    ],
    answer_fingerprint="df5fd0b5ad35ba42",
    hint="The goal is people who come back: count them after long enough, and say how sure the count is.",
    feedback={
        "a": "Sign-ups count first contacts, the misconception that a new name is a result: the goal is"
             " volunteers who stay.",
        "c": "Likes count attention to a post, the misconception that engagement is a result: a like is not a"
             " volunteer, and nobody comes back because of one.",
        "d": "A week after a post measures a burst of attention, the misconception that attention is a return:"
             " not who comes back month after month.",
    },
    explanation="Pick the measure that matches the goal (here: ties that last), count it over a long enough"
    " period, and report its uncertainty. It measures a level, not the plan's effect: for that, compare with"
    " months before the plan, or with a holdout.",
)

posts_for_conversions = NumericQuestion(
    "your_plan.posts_for_conversions",
    "How many of the course's synthetic posts (smlearn.data.load(\"post_metrics\")) must a sample hold"
    " to expect 30 conversions? Use the mean of the conversions column, not a rounded figure, and round"
    " the number of posts up.",
    answer=_posts_needed,
    tolerance=1,
    unit="posts",
    hint='Divide 30 by the mean of the "conversions" column, then round up (math.ceil).',
    explanation="At one post a week that is about three years: a small organisation rarely has the sample"
    " to compare post types. Counting leads by route, or a randomized holdout, gets there sooner.",
)



# ---- Real data: a baseline for a plan's target (x_analytics_posts) --------------------------------

# The month the target exercise plans: this many tweets.
TWEETS_A_MONTH = 40


@functools.lru_cache(maxsize=1)
def _months():
    """Lesson 09b's 2,000 made-up months of TWEETS_A_MONTH tweets (seed 1): their profile clicks."""
    from smlearn.realdata import conversations

    return conversations.simulated_months(tweets=TWEETS_A_MONTH, seed=1)


# ---- What flips your plan ------------------------------------------------------------------------

# The pipeline settings that are guesses for almost any organisation: how people move along the
# pipeline and what a message or a contact does. (Hours, horizon, ties and followers at the start
# and the size of the market are things an organisation knows.)
# A tool (automation) is a choice, not a guess: it is held at the plan's own value (give automation=...
# with the settings), like the hours.
GUESSES = ["discovery", "follow_rate", "organic_reach", "comment_rate", "tie_chance", "tie_half_life",
           "contact_gain", "reply_chance", "intro_rate", "referral_rate", "message_response", "annoyance",
           "lead_rate"]

# A guess counts as plausible from a third of its value to three times it (within its allowed range).
SPREAD = 3.0


def _check_plan(plan, name="plan"):
    if not isinstance(plan, dict) or sorted(plan) != sorted(pipeline.HOURS):
        raise ValueError(f"{name} must be a dict with exactly the keys {', '.join(pipeline.HOURS)}; got {plan!r}")
    for hours in pipeline.HOURS:
        pipeline.PARAMS[hours].check(plan[hours])
    return dict(plan)


def broadcast_only(plan: dict) -> dict:
    """The same hours with every two-way hour (replies, upkeep) moved to content: broadcast only.

    Examples
    --------
    >>> broadcast_only({"content_hours": 1.0, "reply_hours": 0.5, "upkeep_hours": 3.0, "message_hours": 0.5})
    {'content_hours': 4.5, 'reply_hours': 0.0, 'upkeep_hours': 0.0, 'message_hours': 0.5}
    """
    plan = _check_plan(plan)
    return {"content_hours": plan["content_hours"] + plan["reply_hours"] + plan["upkeep_hours"],
            "reply_hours": 0.0, "upkeep_hours": 0.0, "message_hours": plan["message_hours"]}


def plausible(names, spread: float = SPREAD, **settings) -> dict:
    """Records of the settings ``names``: your value as the default, a third to three times it as the range.

    A setting you do not give keeps the model's default. A value of 0 keeps the whole
    allowed range (a third of 0 is 0). Used by :func:`plan_report` for the sample of
    plausible settings.

    Examples
    --------
    >>> record = plausible(["discovery"], discovery=1.0)["discovery"]
    >>> record.default, round(record.min, 3), record.max
    (1.0, 0.333, 3.0)
    """
    check_items("names", names, what="setting names")
    if isinstance(spread, bool) or not isinstance(spread, (int, float)) or not 1 < spread <= 100:
        raise ValueError(f"spread must be a number above 1 and at most 100 (3 is a third to three times); got {spread!r}")
    records = {}
    for name in names:
        if name not in SETTINGS:
            raise ValueError(f"names must be settings of the pipeline model other than the hours; got {name!r}")
        spec = SETTINGS[name]
        value = spec.check(settings[name]) if name in settings else spec.default
        low, high = spec.min, spec.max
        if value > 0:
            low, high = max(spec.min, value / spread), min(spec.max, value * spread)
        if spec.integer:
            low, high = math.ceil(low), math.floor(high)
        records[name] = dataclasses.replace(spec, default=value, min=low, max=high)
    return records


def plan_ahead(plan: dict, rival: dict, outcome: str = "leads", **settings) -> float:
    """The plan's outcome less the rival plan's, each run with the same settings.

    Examples
    --------
    >>> week = {"content_hours": 0.0, "reply_hours": 0.0, "upkeep_hours": 2.0, "message_hours": 0.0}
    >>> plan_ahead(week, week)
    0.0
    """
    check_text("outcome", outcome)
    plan, rival = _check_plan(plan), _check_plan(rival, "rival")
    mine = pipeline.summarize(pipeline.simulate(**plan, **settings))
    if outcome not in mine:
        raise ValueError(f"outcome must be one of {', '.join(mine)}; got {outcome!r}")
    return mine[outcome] - pipeline.summarize(pipeline.simulate(**rival, **settings))[outcome]


# The outcomes in words (the code names stay in brackets, so a learner can find them again).
OUTCOME_WORDS = {"leads": "leads", "ties": "ties", "tie_strength": "closeness (tie_strength)",
                 "followers": "followers"}


def plan_verdict(plan: dict, outcome: str = "leads", rival: dict | None = None) -> flips.Verdict:
    """The verdict "the plan brings more ``outcome`` than the rival" (broadcast-only by default)."""
    check_text("outcome", outcome)
    rival = broadcast_only(plan) if rival is None else _check_plan(rival, "rival")
    broadcast = rival == broadcast_only(plan)
    against = "the same hours on broadcast only" if broadcast else f"the plan {rival}"
    words = OUTCOME_WORDS.get(outcome, outcome)
    return flips.Verdict(f"the plan brings more {words} than {against}", measure=lambda ahead: ahead,
                         threshold=0.0, holds="above",
                         unit=f"{words} ahead of {'broadcast-only' if broadcast else 'the other plan'}")


def plan_report(plan: dict, outcome: str = "leads", *, rival: dict | None = None, names=None,
                spread: float = SPREAD, steps: int = 9, samples: int = 96, **settings) -> flips.FlipReport:
    """What flips your plan's verdict against a rival plan (broadcast-only by default), at your settings.

    Your settings (``**settings``) are the starting point. Each guess in ``names``
    (:data:`GUESSES` by default) is varied from a third to three times your value (or its
    default; see :func:`plausible`); the settings you give that are not in ``names`` are
    held as you give them. About two seconds.

    Examples
    --------
    >>> plan = {"content_hours": 0.0, "reply_hours": 0.0, "upkeep_hours": 4.5, "message_hours": 0.5}
    >>> report = plan_report(plan, names=["discovery"], steps=3, samples=8, discovery=1.0)
    >>> report.holds_at_default
    True
    """
    check_text("outcome", outcome)
    if names is not None:
        check_items("names", names, what="setting names")
    plan = _check_plan(plan)
    rival = broadcast_only(plan) if rival is None else _check_plan(rival, "rival")
    outcomes = pipeline.summarize(pipeline.simulate(weeks=4))
    if outcome not in outcomes:
        raise ValueError(f"outcome must be one of {', '.join(outcomes)}; got {outcome!r}")
    names = list(GUESSES if names is None else names)
    records = plausible(names, spread, **settings)
    # The sliders' records with your values as defaults, and the plausible ranges passed as
    # ranges=, so the sentence says the draws cover plausible ranges, not the allowed ones.
    params, ranges = {}, {}
    for name, record in records.items():
        params[name] = dataclasses.replace(SETTINGS[name], default=record.default)
        ranges[name] = (record.min, record.max)
    fixed = {}
    for name, value in settings.items():
        if name not in records:
            fixed[name] = value

    def model(**chosen):
        return plan_ahead(plan, rival, outcome, **chosen)

    return flips.analyse(model, plan_verdict(plan, outcome, rival), params, fixed=fixed, names=names, steps=steps,
                         samples=samples, seed=0, rounds=10, ranges=ranges)


# The example of the lesson: lesson 09's freelance designer, 8 hours a week, counting leads.
DESIGNER_WEEK = {"start_ties": 40, "referral_rate": 0.03}
DESIGNER_PLAN = {"content_hours": 2.0, "reply_hours": 0.5, "upkeep_hours": 5.0, "message_hours": 0.5}


@functools.lru_cache(maxsize=1)
def designer_report() -> flips.FlipReport:
    """:func:`plan_report` of the designer's plan at the designer's settings (the lesson's example)."""
    return plan_report(DESIGNER_PLAN, "leads", **DESIGNER_WEEK)


def designer_flip_points() -> dict:
    """Each guess that flips the designer's verdict alone, with its flip point."""
    # Three figures: no more than the sweep supports.
    return {name: float(f"{value:.3g}") for name, value in designer_report().flip_points().items()}


def _designer_ahead(**changes):
    settings = dict(DESIGNER_WEEK)
    settings.update(changes)
    return plan_ahead(DESIGNER_PLAN, broadcast_only(DESIGNER_PLAN), "leads", **settings)


def _ahead_words(ahead: float) -> str:
    """The designer's measure in words, with its sign: ahead of or behind broadcast-only."""
    side = "ahead of" if ahead >= 0 else "behind"
    return f"the plan is {abs(ahead):.3g} leads {side} broadcast-only"


flip_the_plan = FlipQuestion(
    "your_plan.flip_the_plan",
    "The designer's plan (quiz.DESIGNER_PLAN, with quiz.DESIGNER_WEEK) brings more leads in a year than the"
    " same 8 hours on broadcast only. Find two guesses, each within a third to three times its value and each"
    " moved less far than its own flip point, that flip that verdict together. Give them as a dict, e.g."
    " {'tie_half_life': 20, 'annoyance': 0.2}.",
    model=_designer_ahead,
    verdict=plan_verdict(DESIGNER_PLAN, "leads"),
    params=plausible(GUESSES, **DESIGNER_WEEK),
    example={"discovery": 4.0, "lead_rate": 0.004},
    together=True,
    worded=_ahead_words,
    hint="The sentence gives the flip point of each guess moved alone. Take two guesses that push towards"
    " content and move each part of the way to its flip point (the chart's bars show which way each pushes).",
    explanation="Two guesses that each stay short of their flip points can flip a plan together: that is why"
    " the share of draws matters more than any one flip point. Say which guesses flip your plan, and measure"
    " those first.",
)

# ---- The verdict's rival, in code ----------------------------------------------------------------

class _ReadOnlyPlan(dict):
    """A plan that refuses to be changed: the case of :data:`rival` that checks the plan given is left alone."""

    def _refuse(self, *args, **kwargs):
        raise TypeError("do not change plan: it is the plan being compared; build a new dict for the rival")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _refuse

    def __copy__(self):
        return dict(self)   # a copy is the learner's own, free to change

    def __deepcopy__(self, memo):
        return _ReadOnlyPlan(copy.deepcopy(dict(self), memo))   # dict() fills it without __setitem__


def _random_plan(rng):
    """A plan of 0 to 12 hours in half-hour steps."""
    plan = {hours: rng.randint(0, 6) / 2 for hours in pipeline.HOURS}
    words = ", ".join(f"{hours.split('_')[0]} {plan[hours]:g}" for hours in pipeline.HOURS)
    return Case((plan,), f"a plan of {words} hours")


rival = CodeQuestion(
    "your_plan.rival",
    "Write broadcast_only(plan): the same hours on broadcast only. plan is a dict of the four kinds of hour"
    " (content_hours, reply_hours, upkeep_hours, message_hours); return a dict with the same keys in which"
    " every two-way hour is moved to content and every broadcast hour stays where it is. Do not change plan"
    " itself: the verdict compares it with the rival. Then check it:"
    " quiz.rival.check(broadcast_only).",
    cases=[Case(({"content_hours": 8.0, "reply_hours": 0.0, "upkeep_hours": 0.0, "message_hours": 0.0},),
                "a plan of content only: it is its own broadcast-only"),
           Case((dict(DESIGNER_PLAN),), "the designer's plan"),
           Case((_ReadOnlyPlan(DESIGNER_PLAN),), "the designer's plan, which must come back unchanged: the"
                " function returns a new dict and leaves plan as it was"),
           Case(({"content_hours": 0.0, "reply_hours": 0.0, "upkeep_hours": 4.5, "message_hours": 0.5},),
                "lesson 09's bakery: upkeep and a weekly mass message"),
           Case(({"content_hours": 0.0, "reply_hours": 3.0, "upkeep_hours": 0.0, "message_hours": 0.0},),
                "replies only")],
    reference=broadcast_only,
    extra=_random_plan,
    tolerance=1e-9,
    hint="Replies and upkeep are two-way (a conversation, a contact); content and mass messages are broadcast"
    " (one to many). Add the two-way hours to content, set them to 0, and keep message_hours.",
    worked_hint="For 1 hour of content, 0.5 of replies, 3 of upkeep and 0.5 of messages: content 1 + 0.5 + 3 ="
    " 4.5, replies 0, upkeep 0, messages 0.5. Write it with plan[\"content_hours\"] and the others in place of"
    " the numbers.",
    solution_code="""def broadcast_only(plan):
    content = plan["content_hours"] + plan["reply_hours"] + plan["upkeep_hours"]
    return {"content_hours": content, "reply_hours": 0.0, "upkeep_hours": 0.0,
            "message_hours": plan["message_hours"]}""",
    explanation="Replies and upkeep are the two-way hours (social networking); content and mass messages"
    " broadcast (social media, to strangers or to ties). The verdict compares a plan with this rival, so the"
    " flip tool asks whether the two-way hours earn their place.",
)


# ---- A cautious target, in code ----------------------------------------------------------------------

def _cautious_target(months, beaten_by):
    """The reference of :data:`target`: the total that a share ``beaten_by`` of the months reach or beat."""
    return float(months.quantile(1 - beaten_by))


def _random_months(rng):
    import pandas as pd

    size = rng.randint(200, 3000)
    months = pd.Series([rng.lognormvariate(5, 0.4) for _ in range(size)])
    beaten_by = rng.choice([0.5, 0.6, 0.75, 0.8, 0.9])
    return Case((months, beaten_by), f"{size} made-up months, beaten by {beaten_by:g} of them")


target = CodeQuestion(
    "your_plan.target",
    "Write cautious_target(months, beaten_by): the total that a share beaten_by of the months reach or beat"
    " (for a cautious target, beaten_by = 0.9: nine months in ten). months is a pandas Series, one total per"
    " month. Then check it: quiz.target.check(cautious_target).",
    cases=[Case((_months(), 0.5), "the 2,000 made-up months, half of them reach or beat it"),
           Case((_months(), 0.9), "the 2,000 made-up months, a cautious target: nine in ten"),
           Case((_months(), 0.75), "the 2,000 made-up months, three in four")],
    reference=_cautious_target,
    extra=_random_months,
    tolerance=0.03,
    hint="A total that nine months in ten reach or beat has one month in ten below it: which quantile is that?"
    " (pandas: months.quantile(...)).",
    worked_hint="beaten_by = 0.5 is the median, months.quantile(0.5): half the months lie below. For"
    " beaten_by = 0.9 one month in ten lies below, so 1 - beaten_by.",
    solution_code="""def cautious_target(months, beaten_by):
    return months.quantile(1 - beaten_by)""",
    explanation="Nine months in ten drawn from this account reach the cautious target. It is a rule of thumb:"
    " the months are drawn as if tweets were independent and the next months like the last six. The mean month"
    " is pulled up by a few widely seen tweets, and an interval for the average rate is not a range for one"
    " month's total.",
)

QUESTIONS = [outcome_fit, metric, rival, target, flip_the_plan, posts_for_conversions]
