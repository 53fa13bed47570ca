"""What a single text may hold: allowed characters, allowed link targets, language keys.

Each check raises Invalid with a message in plain words and, for one translation of a
text, the language it is about, so the error can point into that translation's line.
"""

from __future__ import annotations

import re

from briefing.inline import InlineError, LinkError, check_url, parse_inline
from briefing.limits import hint
from briefing.model import LANG_CODE


class Invalid(ValueError):
    """A value the brief may not hold; ``lang`` names the translation it is in."""

    def __init__(self, message: str, lang: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.lang = lang


# Characters that must never reach a page: XML cannot hold them (DOCX would be
# corrupt), they are not characters at all (noncharacters, lone surrogates), or they
# make text display differently from how it reads (bidirectional controls).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


References = list[tuple[str | None, str]]
"""(language of the translation or None, id) of each cross-reference met in a text."""


def check_text(
    value: object,
    url_chars: int | None = None,
    plain: bool = False,
    references: References | None = None,
) -> str | dict[str, str]:
    """A text: a string, or a map of language code to string; inline links checked,
    none longer than ``url_chars``; with ``plain`` (a title, a heading, a memo line:
    model.PLAIN), no footnote or cross-reference, which have nowhere to go there. Each
    cross-reference ``[@id]`` is added to ``references``, to be checked once every id
    of the brief is known (briefing/crossref.py)."""
    if isinstance(value, str):
        _check_inline(value, None, url_chars, plain, references)
        return value
    if isinstance(value, dict) and value:
        out: dict[str, str] = {}
        for key, text in value.items():
            if not (isinstance(key, str) and LANG_CODE.match(key)):
                raise Invalid(f"{key!r} is not a language code (en, az, ru, ...)")
            if not isinstance(text, str):
                raise Invalid(f"the {key} text must be a string")
            _check_inline(text, key, url_chars, plain, references)
            out[key] = text
        return out
    raise Invalid("expected a text, or a map of language to text")


def check_link(value: str) -> str:
    try:
        check_url(value)
    except LinkError as exc:
        raise Invalid(str(exc)) from None
    return value


def _check_chars(text: str, lang: str | None) -> None:
    match = _FORBIDDEN.search(text)
    if match is None:
        return
    import unicodedata

    ch = match.group()
    code = ord(ch)
    name = unicodedata.name(ch, "")
    if code in (0x061C, 0x200E, 0x200F) or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        why = "bidirectional controls make text display differently from how it reads"
    elif 0xD800 <= code <= 0xDFFF:
        why = "a lone surrogate is not a character"
    elif code >= 0xFDD0:
        why = "it is a noncharacter"
    else:
        why = "control characters cannot be printed or stored in a Word file"
    where = f"the {lang} text, " if lang else ""
    label = f" ({name})" if name else ""
    raise Invalid(
        f"{where}character {match.start() + 1}: U+{code:04X}{label} is not allowed ({why})", lang
    )


def _check_inline(
    text: str,
    lang: str | None = None,
    url_chars: int | None = None,
    plain: bool = False,
    references: References | None = None,
) -> None:
    _check_chars(text, lang)
    where = f"the {lang} text: " if lang else ""
    try:
        runs = parse_inline(text)
    except InlineError as exc:
        raise Invalid(f"{where}{exc}", lang) from None
    if plain:
        for run in runs:
            if run.note is not None:
                raise Invalid(
                    f"{where}a footnote ^[...] cannot go here: this text prints without "
                    "notes (a title, heading, memo line or alt text); put the note in the "
                    "body text, or write \\^ for a caret",
                    lang,
                )
            if run.target is not None:
                raise Invalid(
                    f"{where}a cross-reference {run.text} cannot go here: this text prints "
                    "without links (a title, heading, memo line or alt text); write the "
                    "words, or \\[ for a bracket",
                    lang,
                )
    if references is not None and "@" in text:
        for run in runs:
            for r in (run, *(run.note or ())):
                if r.target is not None:
                    references.append((lang, r.target))
    if url_chars is None:
        return
    for run in runs:
        if run.link is not None and len(run.link) > url_chars:
            raise Invalid(
                f"{where}a link address has {len(run.link):,} characters, over the url-chars "
                f"limit of {url_chars:,}; {hint('url_chars', len(run.link))}",
                lang,
            )
