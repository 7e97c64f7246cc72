"""Numbers as learners type them: decimal commas, thousands separators, a unit sign.

A learner in Berlin writes ``1,29`` for one and twenty-nine hundredths; one in Boston
writes ``1,290`` for one thousand two hundred and ninety. :func:`read_number` accepts both
when the text can mean only one number, and refuses, with a message that says how to
write it, when it could mean two (``1,290`` alone could be either).

Examples
--------
>>> read_number("1,29")
1.29
>>> read_number("12,345,678")
12345678.0
>>> read_number("2.706,06")
2706.06
>>> read_number("1 234")
1234.0
>>> read_number("1,290")
Traceback (most recent call last):
...
smlearn.typed_numbers.NumberFormatError: '1,290' could be 1290 (a thousands comma) or 1.290 (a decimal comma): write 1290 or 1.290
"""

from __future__ import annotations

import re

__all__ = ["NumberFormatError", "read_number"]

# Spaces people put between groups of digits: plain, no-break and narrow no-break spaces.
GROUP_SPACES = (" ", "\u00a0", "\u202f", "'")
MINUS_SIGNS = ("-", "\u2212")
UNIT_SIGNS = ("$", "€", "£")
DIGITS = re.compile(r"\d+")


class NumberFormatError(ValueError):
    """Text that is not a number, or that could be two different numbers."""


def _grouped(text: str, separator: str) -> bool:
    """True when ``text`` is digits in groups of three split by ``separator`` (``12,345,678``)."""
    groups = text.split(separator)
    return (1 <= len(groups[0]) <= 3 and all(DIGITS.fullmatch(g) for g in groups)
            and all(len(g) == 3 for g in groups[1:]))


def read_number(text: str) -> float:
    """Return the number ``text`` stands for.

    Accepted: a sign, a currency sign, a trailing ``%`` is left to the caller (it is removed
    here and not applied), thousands separators (``,``, ``.``, a space or ``'`` between
    groups of three digits), a decimal point or a decimal comma, and ``1e3`` notation.

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    NumberFormatError
        If ``text`` is not a number, or could be two numbers (``1,290``, ``1.290,5.3``).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string; got {type(text).__name__}")
    original = text
    text = text.strip().removesuffix("%").strip()
    for sign in UNIT_SIGNS:
        text = text.replace(sign, "")
    text = text.strip()
    negative = text[:1] in MINUS_SIGNS
    if negative:
        text = text[1:].strip()
    marks = [place for place in (text.find(","), text.find(".")) if place >= 0]
    head, tail = (text[:min(marks)], text[min(marks):]) if marks else (text, "")
    for space in GROUP_SPACES:
        if space in tail or (space in head and not _grouped(head, space)):
            raise NumberFormatError(f"{original!r} is not a number: a space may only split digits in groups of three")
        head = head.replace(space, "")
    text = head + tail
    value = _plain(text, original)
    return -value if negative else value


def _plain(text: str, original: str) -> float:
    """A number with at most commas and points left in it."""
    if not text:
        raise NumberFormatError(f"{original!r} is not a number: type digits, e.g. 12 or 3.5")
    commas, points = text.count(","), text.count(".")
    if commas and points:
        # Both: the one that comes last is the decimal mark, the other splits thousands.
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, fraction = text.rpartition(decimal)
        if thousands in fraction or not _grouped(whole, thousands) or not DIGITS.fullmatch(fraction):
            raise NumberFormatError(f"{original!r} is not a number I can read: write it with digits and one decimal point, e.g. 2706.06")
        return float(whole.replace(thousands, "") + "." + fraction)
    if commas or points > 1:
        mark = "," if commas else "."
        count = commas or points
        whole, _, last = text.partition(mark)
        if count == 1 and mark == ",":
            if len(last) == 3 and whole not in ("", "0") and DIGITS.fullmatch(whole + last):
                raise NumberFormatError(
                    f"{original!r} could be {whole}{last} (a thousands comma) or {whole}.{last} (a decimal comma):"
                    f" write {whole}{last} or {whole}.{last}")
            if DIGITS.fullmatch(last) and (whole == "" or DIGITS.fullmatch(whole)):
                return float(f"{whole or '0'}.{last}")
        elif _grouped(text, mark):
            return float(text.replace(mark, ""))
        raise NumberFormatError(f"{original!r} is not a number I can read: write it with digits and one decimal point, e.g. 2706.06")
    try:
        value = float(text)
    except ValueError:
        raise NumberFormatError(f"{original!r} is not a number: type digits, e.g. 12 or 3.5") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise NumberFormatError(f"{original!r} is not a number: type digits, e.g. 12 or 3.5")
    return value
