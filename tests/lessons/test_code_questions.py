"""Coding exercises (issue 14): the learner's function is run on cases; a failure names the case, what
was expected and what came back, and a bug in the learner's code is a sentence, never a traceback."""

import pytest

from smlearn.exercises import Case, CodeQuestion


def share_returned(ties):
    returned = 0
    for a, b in ties:
        if (b, a) in ties:
            returned += 1
    return returned / len(ties)


def question(**changes):
    settings = dict(
        cases=[Case(([("A", "B"), ("B", "A")],), "two people who follow each other"),
               Case(([("A", "B"), ("B", "A"), ("A", "C")],), "one follow not returned"),
               Case(([("A", "B")],), "a single follow", expected=0.0)],
        reference=share_returned,
        extra=lambda rng: Case(([(rng.choice("ABCD"), rng.choice("EFGH")) for _ in range(rng.randint(1, 6))],),
                               "follows only from A-D to E-H"),
        hint="Count the ties whose reverse is in the list too.",
        worked_hint="For each (a, b) ask: is (b, a) in ties? Divide the count by len(ties).",
        solution_code="def share_returned(ties): ...")
    settings.update(changes)
    return CodeQuestion("demo.returned", "Write share_returned(ties).", **settings)


def test_a_right_function_passes_every_case_and_the_random_ones():
    feedback = question().check(share_returned)
    assert feedback.correct is True and "all 3 cases pass" in feedback.message and "20 more" in feedback.message


def test_the_first_failing_case_is_named_with_expected_and_got():
    feedback = question().check(lambda ties: 1.0)
    assert feedback.correct is False
    assert "case 2 of 3 (one follow not returned): expected 0.667, got 1." in feedback.message


def test_an_error_in_the_learners_function_becomes_a_sentence():
    feedback = question().check(lambda ties: 1 / 0)
    assert "case 1 of 3" in feedback.message and "ZeroDivisionError: division by zero" in feedback.message
    assert "Traceback" not in feedback.message


def test_a_function_that_forgets_return_is_told_so():
    def forgot(ties):
        len(ties)
    assert "got None: your function ended without reaching a return" in question().check(forgot).message


def test_a_function_fitted_to_the_listed_cases_is_caught_by_the_random_ones():
    def fitted(ties):
        return {2: 1.0, 3: 2 / 3, 1: 0.0}.get(len(ties), 0.0)
    feedback = question().check(fitted)
    assert feedback.correct is False and "extra case" in feedback.message


def test_the_learners_arguments_cannot_change_the_cases():
    def spoils(ties):
        ties.clear()
        return 0.0
    q = question()
    q.check(spoils)
    assert len(q.cases[0].args[0]) == 2 and q.check(share_returned).correct is True


def test_after_two_wrong_answers_the_worked_hint_is_given():
    q = question()
    first = q.check(lambda ties: 1.0).message
    second = q.check(lambda ties: 1.0).message
    assert "Hint: Count" in first and "Worked hint" not in first
    assert "Worked hint: For each (a, b)" in second


def test_the_solution_waits_for_a_try(capsys):
    q = question()
    q.solution()
    assert "Try it first" in capsys.readouterr().out
    q.check(lambda ties: 1.0)
    q.solution()
    assert "def share_returned" in capsys.readouterr().out


@pytest.mark.parametrize("answer, words", [(3, "your function itself"), ("share_returned", "your function itself")])
def test_something_that_is_not_a_function_is_explained(answer, words):
    feedback = question().check(answer)
    assert feedback.correct is False and words in feedback.message


def test_a_badly_built_question_is_refused():
    with pytest.raises(TypeError, match="cases"):
        question(cases=[])
    with pytest.raises(ValueError, match="reference is needed"):
        question(reference=None)
    with pytest.raises(TypeError, match="solution_code"):
        question(solution_code="")


def test_lesson_02bs_coding_exercise_reads_the_model_and_accepts_its_documented_rule():
    import math

    from smlearn.questions import when_push_wins as quiz

    # The model's docstring: g(a) = (1 - e^(-(a+1)/ramp)) * 0.5^(a/half_life), per unit of visits.
    assert quiz.piece_share(0, 8, 52) == pytest.approx(1 - math.exp(-1 / 8))
    assert quiz.piece_share(52, 8, 52) == pytest.approx((1 - math.exp(-53 / 8)) * 0.5)

    def documented(age, ramp, half_life):
        return (1 - math.exp(-(age + 1) / ramp)) * 0.5 ** (age / half_life)

    assert quiz.piece_curve.check(documented).correct is True
    off_by_one = quiz.piece_curve.check(lambda a, r, h: (1 - math.exp(-a / r)) * 0.5 ** (a / h))
    assert off_by_one.correct is False and "case 1 of 4" in off_by_one.message
