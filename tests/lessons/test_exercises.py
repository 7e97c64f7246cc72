"""Self-check questions: right answers pass, wrong ones get a hint, nothing depends on colour."""

import pandas as pd
import pytest

from smlearn.exercises import ChoiceQuestion, NumericQuestion, SortingQuestion, fingerprint


def weeks_question(**kwargs):
    return NumericQuestion("test.weeks", "How many weeks in a year?", answer=lambda: 52, hint="7 days a week.", **kwargs)


def test_numeric_right_wrong_and_empty():
    q = weeks_question()
    assert q.check(52).correct is True
    assert q.check("52").correct is True
    low, high = q.check(40), q.check(60)
    assert low.correct is False and "too low" in low.message and "7 days a week" in low.message
    assert "too high" in high.message
    assert q.check(...).correct is None and "No answer yet" in q.check(...).message


def test_numeric_tolerances():
    q = weeks_question(tolerance=1)
    assert q.check(51).correct and not q.check(50).correct
    q = weeks_question(rel_tolerance=0.1)
    assert q.check(57).correct and not q.check(58).correct


def test_numeric_answer_is_computed_when_checked_so_it_follows_the_model():
    state = {"value": 1}
    q = NumericQuestion("test.live", "?", answer=lambda: state["value"])
    assert q.check(1).correct
    state["value"] = 2
    assert not q.check(1).correct and q.check(2).correct


@pytest.mark.parametrize("answer", ["twelve", [52], {"a": 1}, True])
def test_numeric_non_numbers_get_a_clear_message(answer):
    feedback = weeks_question().check(answer)
    assert feedback.correct is False and "not a number" in feedback.message


def test_numeric_suggests_the_solution_after_three_misses(capsys):
    q = weeks_question()
    assert ".solution()" not in q.check(1).message
    q.check(2)
    assert ".solution()" in q.check(3).message
    q.solution()
    assert "Answer: 52" in capsys.readouterr().out


def test_numeric_refuses_a_fixed_answer_and_negative_tolerance():
    with pytest.raises(TypeError, match="answer must be a function"):
        NumericQuestion("x", "?", answer=52)
    with pytest.raises(ValueError, match="tolerance must be a number >= 0"):
        NumericQuestion("x", "?", answer=lambda: 1, tolerance=-1)


def test_feedback_uses_symbols_and_words_not_colour_alone():
    q = weeks_question()
    assert q.check(52).message.startswith("✔ Correct")
    assert q.check(1).message.startswith("✘ Not yet")
    assert q.check(...).message.startswith("… No answer yet")


def colour_question():
    return ChoiceQuestion(
        "test.colour", "Which is blue?", ["grass", "sky", "snow"],
        answer_fingerprint=fingerprint("test.colour", "sky"), feedback={"a": "Grass is green."},
    )


def test_choice_accepts_letters_and_option_text():
    q = colour_question()
    # The letters belong to the order this learner sees (shuffled per learner).
    sky, grass = q.letters[q.options.index("sky")], q.letters[q.options.index("grass")]
    assert q.check(sky).correct and q.check(sky.upper() + ")").correct and q.check(" Sky ").correct
    wrong = q.check(grass)
    assert not wrong.correct and "Grass is green." in wrong.message
    assert "Choose one of the letters a, b, c" in q.check("d").message


def test_choice_is_kept_as_its_letter_and_text_and_accepts_them_back(tmp_path, monkeypatch):
    """The progress record (and so the class service) gets the option's text: a letter alone is this learner's."""
    from smlearn import progress

    monkeypatch.setenv("SMLEARN_PROGRESS", str(tmp_path / progress.FILE_NAME))
    q = colour_question()
    sky, grass = q.letters[q.options.index("sky")], q.letters[q.options.index("grass")]
    q.check(grass)
    q.check(" SKY ")
    q.check("z")                              # no option: no verdict, so nothing kept
    assert [entry["answer"] for entry in progress.read_records()] == [f"{grass}) grass", f"{sky}) sky"]
    # what a record keeps, typed back, names the same option; a text that is not the letter's option names none
    assert q.check(f"{grass}) grass").correct is False and q.check(f"{sky})  Sky").correct
    assert "Choose one of the letters" in q.check(f"{sky}) blue").message


def test_choice_keeps_only_a_fingerprint_of_the_answer():
    q = colour_question()
    stored = " ".join(str(v) for v in vars(q).values() if not isinstance(v, list))
    assert "sky" not in stored.replace("Which is blue?", "")
    with pytest.raises(ValueError, match="matches 0 options"):
        ChoiceQuestion("test.colour", "?", ["a", "b"], answer_fingerprint="0" * 16)


@pytest.fixture
def items():
    return pd.DataFrame({
        "id": [3, 7, 9],
        "activity": ["Scheduling posts", "Calling a friend", "A group for a hobby"],
        "label": ["social media", "social networking", "both"],
        "dimension": ["effort", "direction", "purpose"],
        "reason": ["r1.", "r2.", "r3."],
    })


def test_sorting_right_partly_right_and_unknown(items):
    q = SortingQuestion("test.sort", "Sort.", items, ["social media", "social networking", "both"])
    assert q.check({3: "m", 7: "networking", 9: "Both"}).correct
    partly = q.check({3: "media", 7: "media"})
    assert partly.correct is False
    assert "1 of 3 right" in partly.message and "#7" in partly.message and "direction" in partly.message
    assert "Not answered yet: #9" in partly.message
    # The clue names the dimension, never the right label.
    assert "social networking" not in partly.message.split("#7")[1].split("Clue")[1]
    assert "no item numbered [99]" in q.check({99: "media"}).message
    assert "is not one of" in q.check({3: "blog"}).message
    assert "Give a dict" in q.check(["media"]).message


def test_forms_build_without_a_browser(items):
    import ipywidgets

    for q in (weeks_question(), colour_question(), SortingQuestion("s", "Sort.", items, ["social media", "social networking", "both"])):
        form = q.ask()
        assert isinstance(form.widget, ipywidgets.VBox)
        assert repr(form).startswith("Form: ") and form._repr_mimebundle_()["text/plain"] == repr(form)


def test_form_check_button_gives_feedback():
    q = weeks_question()
    form = q.ask().widget
    field, buttons, feedback = form.children[1], form.children[2], form.children[3]
    field.value = 52
    buttons.children[0].click()
    assert "✔ Correct" in feedback.value
    buttons.children[2].click()
    assert "Answer: 52" in feedback.value


def test_large_numbers_are_shown_without_exponents():
    q = NumericQuestion("test.cost", "?", answer=lambda: 2706.4, unit="$", rel_tolerance=0.01)
    assert "$2,706" in q.check(2706.4).message
    assert "$3,000 is too high" in q.check(3000).message


def test_reset_forgets_attempts():
    q = weeks_question()
    for _ in range(3):
        q.check(1)
    q.reset()
    assert ".solution()" not in q.check(1).message


def test_a_share_given_as_a_percentage_is_named_not_called_too_high():
    from smlearn.exercises import NumericQuestion

    q = NumericQuestion("demo.share", "What share?", answer=lambda: 0.16, tolerance=0.01, unit="share")
    for given in (16, "16", "16%", "16 %"):
        feedback = q.check(given)
        assert not feedback.correct and "looks like a percentage" in feedback.message and "0.16" in feedback.message
    assert q.check(0.16).correct and q.check("0.16").correct
    assert "too high" in q.check(0.9).message          # a share that is wrong is still just wrong
