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
    assert "returned nothing (None)" in question().check(forgot).message


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
