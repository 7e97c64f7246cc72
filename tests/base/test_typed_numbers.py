"""Numbers as learners type them (issue 14): decimal commas and thousands separators are read when
they can mean one number only, and refused with a way out when they could mean two."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smlearn.exercises import NumericQuestion
from smlearn.typed_numbers import NumberFormatError, read_number


@pytest.mark.parametrize("text, value", [
    ("1,29", 1.29), ("0,125", 0.125), (",5", 0.5), ("2.706,06", 2706.06), ("2,706.06", 2706.06),
    ("12,345,678", 12345678), ("1.234.567", 1234567), ("1 234", 1234), ("1\u202f234,5", 1234.5),
    ("1'234.5", 1234.5), ("-3,5", -3.5), ("\u22122.5", -2.5), ("$1,234.50", 1234.5), ("12 %", 12),
    ("1e3", 1000), ("1.290", 1.29), ("  42 ", 42),
])
def test_unambiguous_numbers_are_read(text, value):
    assert read_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["1,290", "12,500", "999,999"])
def test_a_single_comma_before_three_digits_is_refused_with_both_readings(text):
    whole, last = text.split(",")
    with pytest.raises(NumberFormatError, match=f"could be {whole}{last} .* or {whole}.{last}"):
        read_number(text)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1 23", "12,34.5", "1.2.3,4", "nan", "inf", "1,234,5", "1. 5"])
def test_text_that_is_no_number_is_refused_in_words(text):
    with pytest.raises(NumberFormatError, match="not a number|could be"):
        read_number(text)


def test_only_text_is_read():
    with pytest.raises(TypeError, match="text must be a string"):
        read_number(1.5)


@given(st.integers(min_value=1000, max_value=10**12), st.sampled_from([",", ".", " ", "\u202f"]))
def test_any_whole_number_with_two_or_more_separators_or_a_space_reads_back(number, separator):
    text = f"{number:,}".replace(",", separator)
    if text.count(separator) == 1 and separator in ",.":
        return   # one comma or point before three digits: ambiguous or a decimal point, tested above
    assert read_number(text) == number


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=99))
def test_a_decimal_comma_with_one_or_two_decimals_reads_as_the_decimal_point_would(whole, cents):
    assert read_number(f"{whole},{cents:02d}") == pytest.approx(float(f"{whole}.{cents:02d}"))
    assert read_number(f"{whole:,}.{cents:02d}".replace(",", " ")) == pytest.approx(float(f"{whole}.{cents:02d}"))


def test_a_question_takes_a_decimal_comma_and_explains_an_ambiguous_answer():
    q = NumericQuestion("demo.ratio", "How many times?", answer=lambda: 1.29, tolerance=0.01)
    assert q.check("1,29").correct is True
    ambiguous = q.check("1,290")
    assert ambiguous.correct is False and "could be 1290" in ambiguous.message and "too high" not in ambiguous.message
    assert q.attempts == 0     # a format problem is not counted as a wrong answer
