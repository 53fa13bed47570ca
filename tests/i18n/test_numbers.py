"""Which table columns hold numbers (right-aligned in both formats): briefing/i18n/numbers.py.

Numbers are made by Babel itself, in each language's CLDR form, so the test does not
restate what a Russian or Azerbaijani amount looks like; the hand-picked cases are
the ones the issue names and the near misses that must stay text.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_currency, format_decimal, format_percent
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.i18n.language import babel_locale
from briefing.i18n.numbers import is_amount, numeric_column

LANGS = ["en", "az", "ru"]
values = st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(lang=st.sampled_from(LANGS), value=values, currency=st.sampled_from(["AZN", "USD", "EUR"]))
def test_cldr_numbers_amounts_and_percentages_are_amounts(
    lang: str, value: Decimal, currency: str
) -> None:
    locale = babel_locale(lang)
    for text in (
        format_decimal(value, locale=locale),
        format_currency(value, currency, locale=locale),
        format_percent(value / 100, locale=locale, format="#,##0.0%"),
        format_decimal(abs(value), locale=locale) + " mln ₼",
    ):
        assert is_amount(text, locale), (lang, text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "310 mln ₼"),
        ("ru", "310 млн ₼"),
        ("ru", "12,5 %"),
        ("ru", "1 500"),
        ("az", "1.500,5 ₼"),
        ("az", "12,5%"),
        ("en", "AZN 40,000"),
        ("en", "−10"),
        ("ru", "~5 млрд"),
        ("en", "10–12%"),
        ("en", "2027"),
    ],
)
def test_amounts(lang: str, text: str) -> None:
    assert is_amount(text, babel_locale(lang))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Q1 2027"),  # a digit outside the number: a label
        ("ru", "I квартал 2027 г."),  # a word of five letters or more: prose
        ("en", "5 months"),
        ("en", "12,5 %"),  # not the English form
        ("en", "1.500,5"),
        ("ru", "12.5.2026"),
        ("en", "Desk"),
        ("en", ""),
        ("en", "1" * 61),  # longer than any amount
    ],
)
def test_not_amounts(lang: str, text: str) -> None:
    assert not is_amount(text, babel_locale(lang))


def test_a_column_is_numeric_when_every_filled_cell_is_an_amount() -> None:
    assert numeric_column(["40 000 ₼", "—", "", "120 000 ₼"], "ru")  # a dash, a total row
    assert not numeric_column(["40 000 ₼", "n/a"], "ru")
    assert not numeric_column(["I квартал 2027 г.", "2027"], "ru")
    assert not numeric_column(["—", ""], "ru")  # nothing to align
