"""Dates as a language's official documents write them, where CLDR's long form differs.

CLDR gives every language its long date ("26 noyabr 2026", "26 ноября 2026 г.",
"November 26, 2026"). Russian official documents (GOST R 7.0.97) write exactly that
long form. Azerbaijani state documents (decrees, and the office-procedure instruction
approved by Presidential Decree No. 935 of 2003) write the year as an ordinal followed
by "il": "26 noyabr 2026-cı il". The ordinal's written suffix is the last syllable of
the spoken ordinal, and follows the vowel harmony of the year's last spoken numeral
word: 2025 "iki min iyirmi beş" -> beşinci -> 2025-ci; 2026 (altı) -> 2026-cı; 2003
(üç) -> 2003-cü; 2010 (on) -> 2010-cu; 2000 (min) -> 2000-ci; 1900 (yüz) -> 1900-cü.

A language with an official form has a function here; any other uses the long form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from babel.dates import format_date

# The suffix after the last spoken word, by what that word is. Units 1-9: bir, iki,
# üç, dörd, beş, altı, yeddi, səkkiz, doqquz; tens 10-90: on, iyirmi, otuz, qırx, əlli,
# altmış, yetmiş, səksən, doxsan. The vowel of each suffix is the harmony of the
# word's last vowel (i/e/ə -> i, ı/a -> ı, u/o -> u, ü/ö -> ü).
_UNITS = {1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}
_TENS = {1: "cu", 2: "ci", 3: "cu", 4: "cı", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cı"}
_HUNDRED = "cü"  # yüz
_THOUSAND = "ci"  # min


def az_ordinal_suffix(number: int) -> str:
    """The written ordinal suffix of ``number`` (1 to 999 999): 2026 -> "cı".

    Only the last non-zero place is spoken last: 2026 ends in "altı", 2020 in
    "iyirmi", 2100 in "yüz", 2000 in "min". A number of thousands ends in "min"
    whatever precedes it (12 000 "on iki min" -> 12000-ci).
    """
    if not 1 <= number <= 999_999:
        raise ValueError(f"{number} is outside 1 to 999 999")
    units, tens, hundreds = number % 10, number // 10 % 10, number // 100 % 10
    if units:
        return _UNITS[units]
    if tens:
        return _TENS[tens]
    if hundreds:
        return _HUNDRED
    return _THOUSAND


def _az(value: dt.date, locale: str) -> str:
    day_month = format_date(value, "d MMMM", locale=locale)
    return f"{day_month} {value.year}-{az_ordinal_suffix(value.year)} il"


# Primary language -> its official date form, in the language's Latin script (az-Cyrl
# keeps CLDR's long form: its official form is not one we know).
OFFICIAL: dict[str, Callable[[dt.date, str], str]] = {"az": _az}


def format_document_date(value: dt.date, locale: str, style: str) -> str:
    """``value`` in the template's date style: ``long`` (CLDR) or ``official``."""
    parts = locale.replace("-", "_").split("_")
    scripts = [p for p in parts[1:] if len(p) == 4]
    if style == "official" and scripts in ([], ["Latn"]):  # the forms here are Latin
        official = OFFICIAL.get(parts[0].lower())
        if official is not None:
            return official(value, locale)
    return format_date(value, "long", locale=locale)
