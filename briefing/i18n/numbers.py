"""Whether table text is a number, an amount or a percentage, as the output language writes it.

Such columns are right-aligned in both formats (issue 13), so the decision is made once,
here, while the tree is built, and carried on the tree's tables (tree.Table.numeric).

A cell counts when it is one number in the language's CLDR form (Babel's decimal and
group symbols: "1,500.5" in English, "1 500,5" in Russian, "1.500,5" in Azerbaijani;
a space, no-break or thin space may always group digits, as ISO 80000 writes them),
perhaps a range of two ("10–12"), with at most three short marks around it: signs,
currency symbols, "%" or "‰", and abbreviations of up to four letters ("310 mln ₼",
"AZN 40,000", "12,5 %", "~5 млрд"). A fifth letter makes it prose ("I квартал 2027 г.",
"5 months"), and any other digit ("Q1 2027") makes it a label, so neither is aligned
as a number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

_SPACES = " \u00a0\u202f\u2009"
_SIGNS = frozenset("+-\u2212\u00b1~\u2248<>\u2264\u2265")
_MARKS = frozenset("%\u2030\u066a")
_ABBREVIATION = re.compile(r"[^\W\d_]{1,4}\.?")
_MAX_LENGTH = 60  # longer text is a sentence, whatever it holds
_MAX_MARKS = 3


@cache
def _core(locale: str) -> re.Pattern[str]:
    """One number, or a range of two, in the locale's form."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    groups = re.escape("".join(dict.fromkeys(group + _SPACES)))
    number = rf"(?:\d{{1,3}}(?:[{groups}]\d{{3}})+|\d+)(?:{re.escape(decimal)}\d+)?"
    return re.compile(rf"{number}(?:\s?[\u2013\u2014-]\s?{number})?")


def is_amount(text: str, locale: str) -> bool:
    """True for one number, amount or percentage in ``locale``'s (a Babel locale) form."""
    text = text.strip()
    if not text or len(text) > _MAX_LENGTH:
        return False
    found = _core(locale).search(text)
    if found is None:
        return False
    rest = text[: found.start()] + " " + text[found.end() :]
    if any(ch.isdigit() for ch in rest):
        return False
    marks = rest.split()
    return len(marks) <= _MAX_MARKS and all(_is_mark(m) for m in marks)


def _is_mark(token: str) -> bool:
    """A sign, currency symbol, percent sign or short abbreviation, or these run
    together as CLDR writes them ("-AZN", "₼")."""
    start, end = 0, len(token)
    while start < end and _symbol(token[start]):
        start += 1
    while end > start and _symbol(token[end - 1]):
        end -= 1
    return start == end or _ABBREVIATION.fullmatch(token, start, end) is not None


def _symbol(ch: str) -> bool:
    return ch in _SIGNS or ch in _MARKS or unicodedata.category(ch) == "Sc"


def numeric_column(cells: Iterable[str], locale: str) -> bool:
    """True when every cell with a letter or digit is an amount, and at least one is.

    Cells of punctuation only ("—", "…") and empty cells (a total row) do not count
    either way, so a column of amounts with a dash for "none" still aligns right.
    """
    seen = False
    for cell in cells:
        if not any(ch.isalnum() for ch in cell):
            continue
        if not is_amount(cell, locale):
            return False
        seen = True
    return seen
