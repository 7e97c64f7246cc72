"""Lesson 02, Push and pull: its questions and its extra figures.

Every right answer is worked out here from the equations in the docstring of
:mod:`smlearn.models.traffic` (a small re-implementation below), never by asking the
model or the question for it, so a question that drifts from the model fails a test.
The defaults come from ``traffic.PARAMS``, so the tests hold for any class profile: they assert
what the equations say and the relations the lessons' story needs (pull overtakes push later when
the network grows, the figure's title states the model's crossover), not today's numbers, which
are checked facts in notebooks/course.yml.
"""

import math

import numpy as np
import pandas as pd
import pytest

from smlearn.exercises import key_of
from smlearn.exercises import ChoiceQuestion, CodeQuestion, NumericQuestion
from smlearn.flips import flip_point
from smlearn.models import traffic
from smlearn.plots import traffic as figures
from smlearn.questions import push_and_pull as quiz
from smlearn.questions import when_push_wins as argue

DEFAULTS = {name: p.default for name, p in traffic.PARAMS.items()}


# ---- The model's equations, written out again -------------------------------------------

def reference(**changes):
    """Weekly hours, visits and customers per channel, from the equations in the model's docstring."""
    p = {**DEFAULTS, **changes}
    n, stop = p["periods"], p["stop_period"]
    active = np.arange(1, n + 1) <= stop

    push_hours = np.where(active, p["push_hours"], 0.0)
    push = np.zeros(n)
    f, previous = 1.0, 0.0
    for t in range(n):
        s = 1 - math.exp(-push_hours[t] / p["saturation_hours"])
        push[t] = p["network_size"] * p["click_rate"] * f * s + p["echo"] * previous
        previous = push[t]
        f = f - p["fatigue"] * s * f + p["recovery"] * (1 - f)

    def g(a):
        return (p["max_search_visits"] * p["content_quality"] * (1 - math.exp(-(a + 1) / p["ramp_periods"]))
                * 0.5 ** (a / p["content_half_life"]))

    pieces = np.where(active, p["posts_per_period"], 0.0)
    pull = np.array([sum(pieces[s] * g(t - s) for s in range(t + 1)) for t in range(n)])
    pull_hours = pieces * p["hours_per_post"]

    out = {}
    for name, visits, hours in (("push", push, push_hours), ("pull", pull, pull_hours)):
        customers = visits * p[f"lead_rate_{name}"] * p[f"close_rate_{name}"]
        out[name] = {"visits": visits, "hours": hours, "customers": customers, "cost": hours * p["hourly_cost"]}
    return out


def ref_cost_per_customer(**changes):
    run = reference(**changes)
    return {name: run[name]["cost"].sum() / run[name]["customers"].sum() for name in ("push", "pull")}


def ref_crossover(**changes):
    run = reference(**changes)
    ahead = np.flatnonzero(run["pull"]["visits"] > run["push"]["visits"])
    return int(ahead[0]) + 1 if len(ahead) else None


def ref_breakeven(**changes):
    """The shortest horizon (4..52 weeks) at which pull costs less per customer than push."""
    for periods in range(4, 53):
        cost = ref_cost_per_customer(periods=periods, **changes)
        if cost["pull"] < cost["push"]:
            return periods
    return None


EQUAL = {"lead_rate_push": DEFAULTS["lead_rate_pull"], "close_rate_push": DEFAULTS["close_rate_pull"]}


def ref_smallest_network(**changes):
    """The smallest network (100, 200, ... 5,000 people) at which push costs less per customer than pull."""
    for size in range(100, 5001, 100):
        cost = ref_cost_per_customer(network_size=size, **changes)
        if cost["push"] < cost["pull"]:
            return size
    return None


# ---- Shared behaviour of every question ----------------------------------------------------

@pytest.mark.parametrize("question", quiz.QUESTIONS, ids=lambda q: q.id)
def test_every_question_waits_for_an_answer_and_has_a_hint(question, capsys):
    feedback = question.check(...)
    assert feedback.correct is None
    assert feedback.message.startswith("… No answer yet")
    question.hint()
    assert capsys.readouterr().out.startswith("Hint: ") and key_of(question).hint
    assert question.id.startswith("push_and_pull.")
    assert question.explanation


def test_question_ids_are_unique_and_all_listed():
    ids = [q.id for q in quiz.QUESTIONS]
    assert len(ids) == len(set(ids))
    module_questions = [v for v in vars(quiz).values() if isinstance(v, (NumericQuestion, ChoiceQuestion, CodeQuestion,
                                                                            quiz.FlipQuestion))]
    assert {q.id for q in module_questions} == set(ids)


def test_equal_rates_are_pulls_defaults():
    assert argue.EQUAL_RATES == EQUAL
    assert list(argue.HORIZONS) == list(range(4, 53))


# ---- Number questions: the right answer passes, a wrong one gets a hint ---------------------

def week1_push(hours, saturation_hours=DEFAULTS["saturation_hours"]):
    return reference(push_hours=hours, saturation_hours=saturation_hours)["push"]["visits"][0]


def ref_after_stop(stop):
    visits = reference(stop_period=stop)["pull"]["visits"]
    return visits[stop:].sum() / visits.sum()


EXPECTED = {
    "after_stop": lambda: ref_after_stop(13),     # writing stops after a quarter of the year
    "breakeven": lambda: ref_breakeven(network_size=2 * DEFAULTS["network_size"], **EQUAL),   # twice the network
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(EXPECTED))
def test_number_question_accepts_the_right_answer_and_rejects_a_wrong_one(name):
    question = getattr(quiz, name, None) or getattr(argue, name)   # lesson 02's questions, then 02b's
    expected = EXPECTED[name]()
    right = question.check(expected)
    assert right.correct is True, right.message
    assert right.message.startswith("✔ Correct")
    wrong = question.check(expected * 1.05 + 0.02)   # a little too high: still a share when the answer is one
    assert wrong.correct is False
    assert "too high" in wrong.message and "Hint:" in wrong.message
    assert "too low" in question.check(-1.0).message          # below any share and any week: not one of the slips


def test_number_answers_are_what_the_lesson_says():
    # The lesson's story leans on these relations; the numbers it quotes are checked facts (course.yml).
    network, stop = DEFAULTS["network_size"], DEFAULTS["stop_period"]
    assert ref_crossover() == traffic.crossover_period(traffic.simulate())
    assert ref_crossover() < stop                                    # pull overtakes while the work still runs ...
    assert ref_crossover() < ref_crossover(network_size=2 * network)  # ... and later when the contacts grow
    hours = DEFAULTS["push_hours"]
    assert 1 < week1_push(2 * hours) / week1_push(hours) < 1.5      # twice the hours: well under double
    assert 0 < ref_after_stop(stop) < EXPECTED["after_stop"]() < 1   # stopping sooner leaves more for after
    assert quiz.QUARTER == 52 // 4                                   # a quarter of the year
    cost = ref_cost_per_customer()
    assert cost["push"] > cost["pull"]
    assert cost["push"] == pytest.approx(traffic.cost_per_customer(traffic.simulate())["push"], rel=1e-9)
    # Lesson 02b: push is cheaper for a while; equal rates keep it cheaper for longer, twice the network longer still.
    assert 4 < ref_breakeven() < ref_breakeven(**EQUAL) < EXPECTED["breakeven"]()
    # Push needs a network bigger than Priya's to win the year with equal rates, and a smaller one with better rates.
    assert network < ref_smallest_network(**EQUAL)
    better = ref_smallest_network(lead_rate_push=0.08, close_rate_push=0.4)   # the case lesson 02b gives to compare
    assert better < ref_smallest_network(**EQUAL) and argue.network_push_needs(0.08, 0.4) == better


@pytest.mark.slow
def test_tolerances_are_sensible():
    # A learner who rounds to 2 decimals (or divides rounded totals) is still right ...
    assert quiz.after_stop.check(round(EXPECTED["after_stop"](), 2)).correct
    # ... but an answer given as a percentage, or off by a week, or the share at lesson 02's week 26, is not.
    assert not quiz.after_stop.check(100 * EXPECTED["after_stop"]()).correct
    assert not quiz.after_stop.check(round(ref_after_stop(DEFAULTS["stop_period"]), 2)).correct
    assert not argue.breakeven.check(EXPECTED["breakeven"]() - 1).correct


@pytest.mark.slow
def test_breakeven_names_its_slips_from_the_equations():
    network = DEFAULTS["network_size"]
    slips = {ref_breakeven(**EQUAL): f"{network:,} contacts",             # the bigger network left out
             ref_breakeven(network_size=2 * network): "default rates",    # the equal rates left out
             EXPECTED["breakeven"]() - 1: "still cheaper"}                # the last week push wins
    assert len(slips) == 3             # three different answers, so each slip gets its own words
    for value, words in slips.items():
        feedback = argue.breakeven.check(value)
        assert feedback.correct is False and words in feedback.message, feedback.message


def test_breakeven_horizon_helper():
    assert argue.breakeven_horizon() == ref_breakeven()
    assert argue.breakeven_horizon(**EQUAL) == ref_breakeven(**EQUAL)
    assert argue.breakeven_horizon(range(4, ref_breakeven())) is None       # the horizons before the break-even
    assert argue.BREAKEVEN_NETWORK == 2 * DEFAULTS["network_size"]       # twice Priya's network


@pytest.mark.slow
def test_smallest_winning_network_helper():
    assert argue.smallest_winning_network(**EQUAL) == ref_smallest_network(**EQUAL)
    assert argue.smallest_winning_network() == ref_smallest_network()
    assert (ref_smallest_network() or math.inf) > ref_smallest_network(**EQUAL)   # the default gap needs a bigger network
    assert argue.smallest_winning_network(range(100, ref_smallest_network(**EQUAL), 100), **EQUAL) is None
    assert list(argue.NETWORK_SIZES) == list(range(100, 5001, 100))
    with pytest.raises(TypeError, match="network_size"):
        argue.smallest_winning_network(network_size=DEFAULTS["network_size"])


def test_02b_questions_wait_for_an_answer_and_have_hints(capsys):
    assert [q.id for q in argue.QUESTIONS] == ["when_push_wins.equal_rates", "when_push_wins.breakeven",
                                                "when_push_wins.push_wins", "when_push_wins.piece_curve"]
    for question in argue.QUESTIONS:
        assert question.check(...).correct is None
        question.hint()
        assert capsys.readouterr().out.startswith("Hint: ")
        assert question.explanation
    assert "**" not in key_of(argue.breakeven).hint + key_of(argue.push_wins).hint    # learners are not taught ** unpacking


# ---- Coding questions: checked against the equations ---------------------------------------

def test_doubling_accepts_the_reach_rule_and_rejects_double():
    def doubling_gain(hours, saturation_hours):   # the reach formula of the lesson, twice
        return (1 - math.exp(-2 * hours / saturation_hours)) / (1 - math.exp(-hours / saturation_hours))

    for hours, saturation in ((5, 4), (2.5, 4), (1, 20), (20, 0.5)):
        assert quiz.doubling_gain(hours, saturation) == pytest.approx(week1_push(2 * hours, saturation)
                                                                      / week1_push(hours, saturation))
    assert quiz.doubling_gain(2.5, 4) == pytest.approx(1.54, abs=0.005)       # the number lesson 02 gives to compare
    assert quiz.doubling.check(doubling_gain).correct is True
    assert quiz.doubling.check(lambda h, s: 1 + math.exp(-h / s)).correct is True   # the same rule, simplified
    twice = quiz.doubling.check(lambda h, s: 2.0)
    assert twice.correct is False and "case 1 of 4" in twice.message
    for bad in ((0, 4), (21, 4), (5, 0.1)):
        with pytest.raises(ValueError):
            quiz.doubling_gain(*bad)


def test_crossover_accepts_a_loop_over_the_weeks_and_names_the_run_where_pull_never_overtakes():
    def crossover_week(run):
        weekly = run.pivot(index="period", columns="channel", values="visits")
        for week in weekly.index:
            if weekly.loc[week, "pull"] > weekly.loc[week, "push"]:
                return week
        return None

    assert [c.words for c in quiz.crossover.cases][3].startswith("no guides at all")
    assert [c.words for c in quiz.crossover.cases][4].startswith("no outreach and no guides")
    all_changes = ({}, {"max_search_visits": 3 * DEFAULTS["max_search_visits"]}, {"network_size": 3000},
                   {"posts_per_period": 0.0},
                   {"push_hours": 0.0, "posts_per_period": 0.0})
    assert len(quiz.crossover.cases) == len(all_changes)
    for case, changes in zip(quiz.crossover.cases, all_changes):
        assert key_of(quiz.crossover).expected(case) == ref_crossover(**changes)
    assert quiz.crossover.check(crossover_week).correct is True
    always = quiz.crossover.check(lambda run: ref_crossover())
    assert always.correct is False and "case 2 of 5" in always.message
    def first_ahead(run):   # forgets that pull may never overtake
        weekly = run.pivot(index="period", columns="channel", values="visits")
        return weekly.index[weekly["pull"] > weekly["push"]][0]

    first = quiz.crossover.check(first_ahead)
    assert first.correct is False and "case 4 of 5 (no guides at all" in first.message and "IndexError" in first.message

    def ahead_or_level(run):   # >= instead of >: two channels at zero are not pull overtaking
        weekly = run.pivot(index="period", columns="channel", values="visits")
        for week in weekly.index:
            if weekly.loc[week, "pull"] >= weekly.loc[week, "push"]:
                return week
        return None

    level = quiz.crossover.check(ahead_or_level)
    assert level.correct is False and "case 5 of 5 (no outreach and no guides" in level.message


@pytest.mark.slow
def test_push_wins_accepts_the_sweep():
    def smallest_network(lead_rate_push, close_rate_push):
        for size in range(100, 5001, 100):
            cost = traffic.cost_per_customer(traffic.simulate(network_size=size, lead_rate_push=lead_rate_push,
                                                              close_rate_push=close_rate_push))
            if cost["push"] < cost["pull"]:
                return size
        return None

    for case in argue.push_wins.cases:
        lead, close = case.args
        assert argue.network_push_needs(lead, close) == ref_smallest_network(lead_rate_push=lead, close_rate_push=close)
    gap, equal = (argue.network_push_needs(*argue.push_wins.cases[i].args) for i in (-1, 0))
    assert (gap or math.inf) > equal              # lesson 02's gap needs a bigger network than equal rates, if any
    assert argue.push_wins.check(smallest_network).correct is True     # its time: benchmarks/quick_loop.py
    equal_only = argue.push_wins.check(lambda lead, close: ref_smallest_network(**EQUAL))   # right for case 1 only
    assert equal_only.correct is False and "case 2 of 4" in equal_only.message


# ---- Choice questions: the option the equations support is the right one ----------------

def option_letter(question, text_start):
    matches = [letter for letter, option in zip(question.letters, question.options) if option.startswith(text_start)]
    assert len(matches) == 1, text_start
    return matches[0]


def test_equal_rates_choice():
    cost = ref_cost_per_customer(**EQUAL)
    run = reference(**EQUAL)
    assert cost["pull"] < cost["push"]                                      # pull still cheaper ...
    per_hour = {name: run[name]["visits"].sum() / run[name]["hours"].sum() for name in ("push", "pull")}
    assert per_hour["pull"] > per_hour["push"]                             # ... because its hours bring more visits:
    assert cost["push"] / cost["pull"] == pytest.approx(per_hour["pull"] / per_hour["push"], rel=1e-9)   # the whole gap
    # Option a's feedback: the burst does win the sprint. Option b's: pull wins before the writing stops, or
    # (when it does not) it brings more visits every week from the crossover on.
    sprint = ref_cost_per_customer(periods=argue.SPRINT, **EQUAL)
    assert sprint["push"] < sprint["pull"]
    feedback = key_of(argue.equal_rates).option_feedback
    assert f"win a {argue.SPRINT}-week sprint, but over {DEFAULTS['periods']} weeks" in feedback[argue.equal_rates.authored[0]]
    stop = DEFAULTS["stop_period"]
    after_stop = feedback[argue.equal_rates.authored[1]]
    if ref_breakeven(**EQUAL) <= stop:
        stopped = ref_cost_per_customer(periods=stop, **EQUAL)
        assert stopped["pull"] < stopped["push"] and f"over a {stop}-week horizon" in after_stop
    else:
        assert ref_crossover() < stop and f"from week {ref_crossover()} on" in after_stop
    right = option_letter(argue.equal_rates, "Pull wins, because the same hours bring it far more visits")
    assert argue.equal_rates.authored_position == 3
    assert argue.equal_rates.check(right).correct
    for letter in argue.equal_rates.letters:
        if letter != right:
            wrong = argue.equal_rates.check(letter)
            assert wrong.correct is False and "Hint:" in wrong.message
            assert wrong.message.startswith("✘ Not yet")


def test_lesson_02b_claims_from_the_equations():
    # The settings lesson 02b shows flipping or keeping the one-year verdict, from the equations (its numbers are
    # checked facts in course.yml).
    equal = ref_cost_per_customer(**EQUAL)
    assert equal["pull"] < equal["push"]
    assert equal["push"] == pytest.approx(traffic.cost_per_customer(traffic.simulate(**EQUAL))["push"], rel=1e-9)
    # The visits gap is a setting: short-lived content or few search visits flip the year. Pull's cost grows as
    # the half-life or the search visits shrink (push's does not move), and past some point it is above push's.
    for name in ("content_half_life", "max_search_visits"):
        values = [traffic.PARAMS[name].min or 1.0, DEFAULTS[name] / 8, DEFAULTS[name] / 2, DEFAULTS[name]]
        pull = [ref_cost_per_customer(**{name: v}, **EQUAL)["pull"] for v in values]
        assert pull == sorted(pull, reverse=True), name
        assert pull[0] > equal["push"] > pull[-1], name
    # Push converting half as well again as pull (both rates x 1.5) still loses the year ...
    better = ref_cost_per_customer(lead_rate_push=0.06, close_rate_push=0.3)
    assert better["pull"] < better["push"]
    # ... and 3,000 warm contacts win it, until pull's customers catch up some time after the year.
    big = {"network_size": 3000, **EQUAL}
    assert ref_cost_per_customer(**big)["push"] < ref_cost_per_customer(**big)["pull"]
    assert ref_crossover(**big) == traffic.crossover_period(traffic.simulate(**big))   # the explorer's title
    assert ref_crossover(**big) > ref_crossover(**EQUAL)                # more contacts: pull overtakes later
    catch_up = next((n for n in range(DEFAULTS["periods"], traffic.PARAMS["periods"].max + 1)
                     if ref_cost_per_customer(periods=n, **big)["pull"] < ref_cost_per_customer(periods=n, **big)["push"]),
                    None)
    assert catch_up is not None, "pull never catches up with 3,000 warm contacts, as lesson 02b's explorer says it does"
    assert catch_up > DEFAULTS["periods"]


# ---- What flips the verdict: flip points against the equations ------------------------------

def ref_ratio(**changes):
    """Push's cost per customer over pull's, from the equations."""
    cost = ref_cost_per_customer(**changes)
    return cost["push"] / cost["pull"]


def test_cost_ratios_match_the_equations():
    for changes in ({}, EQUAL, {"periods": 12, **EQUAL}, {"network_size": 3000, "echo": 0.6}):
        result = traffic.simulate(**changes)
        assert quiz.cost_ratio(result) == pytest.approx(ref_ratio(**changes), rel=1e-9)
        assert argue.sprint_ratio(result) == pytest.approx(1 / ref_ratio(**changes), rel=1e-9)
    assert quiz.cost_ratio(traffic.simulate(lead_rate_push=0.0)) == math.inf      # push wins nobody
    assert math.isnan(quiz.cost_ratio(traffic.simulate(lead_rate_push=0.0, lead_rate_pull=0.0)))
    with pytest.raises(TypeError, match="DataFrame"):
        quiz.cost_ratio([1, 2])


@pytest.mark.slow   # the flip analysis of the year verdict: many model runs
def test_year_verdict_flips_where_the_equations_say():
    report = quiz.year_verdict()
    assert report.holds_at_default and report.fixed == {"periods": 52} and report.narrowed
    ratio = ref_ratio()
    # Customers grow in proportion to each rate, so the flip points follow from the ratio at the defaults.
    # Pull's search visits and content quality enter the measure linearly, so the tool's straight-line
    # reading is exact there.
    assert flip_point(report, "max_search_visits") == pytest.approx(DEFAULTS["max_search_visits"] / ratio, rel=1e-6)
    assert flip_point(report, "content_quality") == pytest.approx(DEFAULTS["content_quality"] / ratio, rel=1e-6)
    # Push's lead rate would flip it at default x ratio (about 0.52), beyond its plausible range: no flip.
    assert DEFAULTS["lead_rate_push"] * ratio > quiz.RANGES["lead_rate_push"][1]
    assert math.isnan(flip_point(report, "lead_rate_push"))
    # No close rate for push, and no network up to the top of their plausible ranges, flips it alone.
    assert ref_ratio(close_rate_push=quiz.RANGES["close_rate_push"][1]) > 1 and math.isnan(flip_point(report, "close_rate_push"))
    assert ref_ratio(network_size=quiz.RANGES["network_size"][1]) > 1 and math.isnan(flip_point(report, "network_size"))
    # Only those two flip it alone: the two the exercise leaves out. Drawn together it depends on guesses.
    assert sorted(report.points.dropna(subset=["flips_at"])["parameter"]) == sorted(quiz._ALONE)
    assert 0.1 < report.share < 0.9
    # Each plausible range lies inside the slider's and holds the default.
    for name, (low, high) in quiz.RANGES.items():
        p = traffic.PARAMS[name]
        assert p.min <= low <= p.default <= high <= p.max, name


@pytest.mark.slow   # the flip analysis of the sprint verdict: many model runs
def test_sprint_verdict_flips_where_the_equations_say():
    report = argue.sprint_verdict()
    sprint = {"periods": argue.SPRINT, **EQUAL}
    assert report.holds_at_default and ref_ratio(**sprint) < 1
    assert report.fixed == {"periods": 12, "stop_period": 12}
    # Holding the effort through the sprint changes nothing inside it (the default stops at week 26).
    assert ref_ratio(stop_period=12, **sprint) == pytest.approx(ref_ratio(**sprint), rel=1e-12)
    assert argue.SPRINT_PARAMS["lead_rate_push"].default == EQUAL["lead_rate_push"]
    assert argue.SPRINT_PARAMS["close_rate_push"].default == EQUAL["close_rate_push"]
    # Push's customers are proportional to its network and each of its rates: exact flip points.
    edge = ref_ratio(**sprint)
    # The network is a whole number: the tool reports a size at which the verdict has flipped, within two
    # people of the exact crossing (the halving stops after a few rounds).
    exact = DEFAULTS["network_size"] * edge
    at = flip_point(report, "network_size")
    assert at < exact and exact - at <= 2 and ref_ratio(network_size=int(at), **sprint) > 1
    for name in ("lead_rate_push", "close_rate_push"):
        exact, (low, high) = EQUAL[name] * edge, argue.SPRINT_RANGES[name]
        if low <= exact <= high:
            assert flip_point(report, name) == pytest.approx(exact, rel=1e-6), name
        else:                                     # the flip lies outside the plausible range: none is reported
            assert math.isnan(flip_point(report, name)), name
    # Lesson 02's gap (half at each step) flips the sprint.
    assert ref_ratio(periods=argue.SPRINT) > 1


def test_flip_question_reruns_the_model():
    q = quiz.flip_year
    assert q.check(...).correct is None
    # Two settings, each inside its plausible range: the equations say push wins, and so does the check.
    answer = {"lead_rate_push": 0.1, "lead_rate_pull": 0.005}
    assert ref_ratio(**answer) < 1
    flipped = q.check(answer)
    assert flipped.correct is True and "no longer says" in flipped.message
    # Either one alone is not enough.
    assert ref_ratio(lead_rate_push=0.1) > 1 and q.check({"lead_rate_push": 0.1}).correct is False
    kept = q.check({"echo": 0.5})
    assert kept.correct is False and "still comes out the same way" in kept.message and ref_ratio(echo=0.5) > 1
    assert ref_ratio(network_size=1000, lead_rate_push=0.04) > 1                         # two settings, still not enough
    assert q.check({"network_size": 1000, "lead_rate_push": 0.04}).correct is False
    # The settings the sentence names as flipping it alone, and the held horizon, are refused by name.
    for name in ("max_search_visits", "content_quality", "periods"):
        assert "not a setting" in q.check({name: 1}).message
    assert "not a setting" in q.check({"banana": 1}).message
    assert "at most 2" in q.check({"echo": 0.5, "fatigue": 0, "recovery": 0.5}).message
    # Beyond a plausible range (the slider's top lead rate would flip it): refused, naming the range.
    assert ref_ratio(lead_rate_push=traffic.PARAMS["lead_rate_push"].max) < 1
    beyond = q.check({"lead_rate_push": 0.6})
    assert beyond.correct is False and "between 0.005 and 0.1" in beyond.message
    assert q.check({"lead_rate_push": "0.06"}).correct is False              # not a number
    assert q.check([("echo", 0.5)]).correct is False
    # The prompt shows each label beside its code name, as the chart and the check name them.
    assert "Lead rate, push" in q.prompt and "lead_rate_push" in q.prompt
    assert "other settings flip it too" in key_of(q).answer


# ---- The lesson's extra figures -----------------------------------------------------------

@pytest.fixture(scope="module")
def pieces():
    return traffic.simulate(periods=104, stop_period=1), traffic.simulate()


def test_piece_bands_add_up_to_the_pull_total(pieces):
    one, many = pieces
    weeks, bands = figures.piece_bands(one, many)
    n = DEFAULTS["periods"]
    assert weeks.tolist() == list(range(1, n + 1))
    assert bands.shape == (DEFAULTS["stop_period"], n)           # one band per week of writing (a piece a week)
    pull = reference()["pull"]["visits"]
    np.testing.assert_allclose(bands.sum(axis=0), pull, rtol=1e-10)
    # each band is the same single-piece curve, shifted to the week its piece came out
    np.testing.assert_allclose(bands[5, 5:], bands[0, :n - 5], rtol=1e-12)
    assert (bands[5, :5] == 0).all()


def test_piece_bands_scale_with_pieces_per_week():
    one = traffic.simulate(periods=30, stop_period=1)
    weeks, bands = figures.piece_bands(one, traffic.simulate(periods=30, stop_period=10, posts_per_period=2.5))
    np.testing.assert_allclose(bands.sum(axis=0), reference(periods=30, stop_period=10, posts_per_period=2.5)["pull"]["visits"])


def test_piece_life_figure(pieces):
    one, many = pieces
    fig = figures.plot_piece_life(one, many)
    life_ax, stack_ax = fig.axes
    g = reference(periods=104, stop_period=1)["pull"]["visits"]
    np.testing.assert_allclose(life_ax.get_lines()[0].get_ydata(), g)
    pieces_written = round(DEFAULTS["stop_period"] * DEFAULTS["posts_per_period"])
    assert len(stack_ax.collections) == pieces_written
    # The title and the description state the peak of the single-piece curve of the equations.
    peak = int(np.argmax(g))                      # g[0] is age 0
    assert 0 < peak < len(g) - 1                  # the ramp first, then the ageing
    assert f"peaks at age {peak} weeks" in fig.texts[0].get_text()
    text = figures.describe_piece_life(one, many)
    assert f"peaks at {g[peak]:.1f} visits a week at age {peak} weeks" in text and f"{pieces_written} pieces" in text


def test_piece_life_refuses_mismatched_inputs(pieces):
    one, many = pieces
    with pytest.raises(ValueError, match="exactly one piece"):
        figures.piece_bands(many, many)
    with pytest.raises(ValueError, match="content_quality"):
        figures.piece_bands(one, traffic.simulate(content_quality=0.9))
    with pytest.raises(ValueError, match="at least as long"):
        figures.piece_bands(traffic.simulate(periods=10, stop_period=1), many)
    with pytest.raises(ValueError, match="attrs"):
        figures.piece_bands(one, _drop_attrs(many))


def _drop_attrs(frame):
    frame = frame.copy()
    frame.attrs = {}
    return frame


@pytest.fixture(scope="module")
def sweeps():
    def sweep(**changes):
        return pd.DataFrame({n: traffic.cost_per_customer(traffic.simulate(periods=n, **changes))
                             for n in argue.HORIZONS}).T
    return {"default rates": sweep(), "equal rates": sweep(**EQUAL)}


@pytest.mark.slow
def test_cost_by_horizon_figure(sweeps):
    fig = figures.plot_cost_by_horizon(sweeps)
    assert [ax.get_title() for ax in fig.axes] == ["default rates", "equal rates"]
    default, equal = ref_breakeven(), ref_breakeven(**EQUAL)       # the break-even horizons of the equations
    assert fig.texts[0].get_text() == (f"Pull becomes the cheaper way to win a customer from week {default} (default rates)"
                                       f" and from week {equal} (equal rates)")
    push_line = fig.axes[1].get_lines()[0]
    expected = [ref_cost_per_customer(periods=n, **EQUAL)["push"] for n in (4, 30, 52)]
    np.testing.assert_allclose(np.asarray(push_line.get_ydata())[[0, 26, 48]], expected, rtol=1e-9)
    text = figures.describe_cost_by_horizon(sweeps)
    assert f"pull is cheaper from week {default}" in text and f"pull is cheaper from week {equal}" in text


def test_cost_by_horizon_when_pull_never_wins():
    table = pd.DataFrame({"push": [1.0, 2.0], "pull": [3.0, 4.0]}, index=[4, 5])
    fig = figures.plot_cost_by_horizon({"never": table})
    assert "at no horizon up to week 5 (never)" in fig.texts[0].get_text()
    assert "pull is never cheaper" in figures.describe_cost_by_horizon({"never": table})


@pytest.mark.parametrize("bad, error", [({}, TypeError), ([1], TypeError),
                                        ({"x": pd.DataFrame({"push": [1.0]})}, ValueError)])
def test_cost_by_horizon_refuses_bad_input(bad, error):
    with pytest.raises(error):
        figures.plot_cost_by_horizon(bad)


def test_noise_runs_figure():
    expected = traffic.simulate()
    runs = {seed: traffic.simulate(noise=True, seed=seed) for seed in range(1, 6)}
    fig = figures.plot_noise_runs(expected, runs)
    ax = fig.axes[0]
    assert len(ax.get_lines()) == 2 * 5 + 2
    np.testing.assert_allclose(ax.get_lines()[-1].get_ydata(), reference()["pull"]["visits"])
    weeks = [traffic.crossover_period(run) for run in runs.values()]
    assert f"weeks {min(weeks)} to {max(weeks)} in all 5 runs" in ax.get_title()
    text = figures.describe_noise_runs(expected, runs)
    assert text.startswith("Line chart of weekly visits in 5 noisy runs (seeds 1, 2, 3, 4, 5)")
    assert f"(expected {reference()['pull']['visits'].sum():,.0f})" in text
    with pytest.raises(TypeError, match="runs"):
        figures.plot_noise_runs(expected, [])
