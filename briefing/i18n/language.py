"""Language tags: which text of a brief to take, and the full tag for proofing.

Kept apart from the catalogs so validation can reason about languages without loading
any catalog.
"""

from __future__ import annotations

import re
import string
from functools import cache

from briefing.i18n.catalog import candidates

# Codes and abbreviated amounts ("PB-2026-041", "310 mln", "AZN 250") read the same in
# every language: digits, with no run of more than three letters.
_WORD = re.compile(r"[^\W\d_]{4,}")


def is_neutral(text: str) -> bool:
    """True for text that needs no translation: no letters, or a code or amount."""
    if not any(ch.isalpha() for ch in text):
        return True
    return any(ch.isdigit() for ch in text) and not _WORD.search(text)


_ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)


def canonical(tag: str) -> str:
    """A tag written the usual BCP 47 way: az_latn_az, AZ-LATN-AZ -> az-Latn-AZ.

    Output files are named by it, so ``-l AZ`` and ``-l az`` make the same file."""
    parts = tag.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())  # a script
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.lower().translate(_ASCII_UPPER))  # a region (tags are ASCII)
        else:
            out.append(part.lower())
    return "-".join(out)


def primary(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()


def same_language(a: str, b: str) -> bool:
    return primary(a) == primary(b)


def pick(text: str | dict[str, str], lang: str, fallback: str) -> tuple[str, bool]:
    """The text in ``lang``, and whether it had to fall back to another language.

    A map is searched along the tag's fallback chain (az-Latn-AZ, az-Latn, az), then for
    any key of the same primary language, then in the brief's own language.
    """
    if isinstance(text, str):
        return text, not (same_language(lang, fallback) or is_neutral(text))
    folded = {k.lower(): v for k, v in text.items()}
    for candidate in candidates(lang):
        if candidate.lower() in folded:
            return folded[candidate.lower()], False
    for key, value in text.items():
        if same_language(key, lang):
            return value, False
    for candidate in [*candidates(fallback), *folded]:
        if candidate.lower() in folded:
            value = folded[candidate.lower()]
            return value, not is_neutral(value)
    raise AssertionError("a text map is never empty")  # the model refuses empty maps


@cache
def full_tag(lang: str) -> str:
    """The tag Word and PDF readers expect: az -> az-Latn-AZ, ru -> ru-RU, en -> en-US.

    The script stays only where CLDR knows the language in more than one script.
    """
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global
    from babel.localedata import locale_identifiers

    code = lang.replace("-", "_")
    likely = get_global("likely_subtags").get(code) or get_global("likely_subtags").get(
        primary(lang)
    )
    if not likely:
        return lang
    try:
        loc = Locale.parse(likely)
    except (ValueError, UnknownLocaleError):
        return lang
    parts = [loc.language]
    if loc.script and f"{loc.language}_{loc.script}" in locale_identifiers():
        parts.append(loc.script)
    if loc.territory:
        parts.append(loc.territory)
    return "-".join(parts)


@cache
def babel_locale(lang: str) -> str:
    """A locale Babel has CLDR data for (dates, numbers), falling back to English."""
    from babel import Locale, UnknownLocaleError

    for candidate in candidates(lang):
        try:
            Locale.parse(candidate.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            continue
        return candidate.replace("-", "_")
    return "en"
