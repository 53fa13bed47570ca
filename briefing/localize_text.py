"""The words of one language, as localize takes them: each recorded with its path.

Every text of the document tree comes through here: the toolkit's own words from the
catalog (word, words), dates from CLDR (date), and the author's words in this language
(text, runs, plain), with a fallback to the brief's language recorded as a warning at
the text's position, a translation whose footnotes differ reported the same way, and
cross-references resolved to what they print (resolve). Each text is also kept with
its path for the glyph check and the translation coverage. Separate from the block and
document structure (localize_blocks, localize) because that is where every choice of
language is made: a renderer, and the rest of localize, only see the words it gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from briefing.errors import KeyPath, Problem
from briefing.i18n.catalog import catalog_for, translations
from briefing.i18n.dates import format_document_date
from briefing.i18n.language import babel_locale, pick
from briefing.inline import parse_inline
from briefing.model import Brief
from briefing.readers import Source
from briefing.tree import Inline, notes_of, plain
from briefing.validate import field_path

if TYPE_CHECKING:
    from briefing.crossref import Resolver


def _notes(n: int) -> str:
    return "1 footnote" if n == 1 else f"{n} footnotes"


class TextLocalizer:
    """One brief's texts in one language, and the record of what was chosen."""

    def __init__(
        self,
        brief: Brief,
        source: Source,
        lang: str,
        modified: str | None,
        date_style: str,
        assets: Mapping[KeyPath, object] | None = None,
    ) -> None:
        code = catalog_for(lang)  # UnknownLanguage if there is none
        self.date_style = date_style
        self.brief = brief
        self.source = source
        self.lang = lang
        self.tr = translations(code)
        self.locale = babel_locale(lang)
        self.fallbacks: list[Problem] = []
        self.texts: list[tuple[KeyPath | None, str]] = []
        self.tables = 0
        self.figures = 0
        self.assets = assets or {}
        self._resolver: Resolver | None = None  # made at the first reference
        self.modified = modified or f"{brief.date.isoformat()}T00:00:00Z"

    # the toolkit's words
    def word(self, msgid: str, **values: str | int) -> str:
        """The catalog's words; values put into them (an annex title) were recorded
        with their own paths, so only the catalog's part is the toolkit's text."""
        text = self.tr.gettext(msgid)
        if not values:
            self.texts.append((None, text))
            return text
        self.texts.append((None, text.format(**dict.fromkeys(values, ""))))
        return text.format(**values)

    def words(self, pair: tuple[str, str], n: int) -> str:
        """A counted term in the form that agrees with ``n`` ({n} filled in if it has one)."""
        text = self.tr.ngettext(pair[0], pair[1], n).format(n=n)
        self.texts.append((None, text))
        return text

    def date(self, value: dt.date) -> str:
        text = format_document_date(value, self.locale, self.date_style)
        self.texts.append((None, text))
        return text

    # the author's words
    def text(self, value: str | dict[str, str], path: KeyPath) -> str:
        chosen, fell_back = pick(value, self.lang, self.brief.lang)
        if fell_back:
            self.fallbacks.append(
                Problem(
                    f"no {self.lang} text for {field_path(path)}",
                    self.source.position(path),
                    severity="warning",
                )
            )
        elif isinstance(value, dict) and "^[" in "".join(value.values()):
            self.notes_differ(value, chosen, path)
        self.texts.append((path, chosen))
        return chosen

    def notes_differ(self, value: dict[str, str], chosen: str, path: KeyPath) -> None:
        """A translation with more or fewer footnotes than the brief's own text: a note
        not translated (or one the base lacks), reported like a missing translation."""
        base, _ = pick(value, self.brief.lang, self.brief.lang)
        have, want = len(notes_of(parse_inline(chosen))), len(notes_of(parse_inline(base)))
        if have != want:
            lang = self.lang
            self.fallbacks.append(
                Problem(
                    f"the {lang} text of {field_path(path)} has {_notes(have)}, the "
                    f"{self.brief.lang} text {_notes(want)}: a footnote is not translated",
                    self.source.position((*path, lang) if lang in value else path),
                    severity="warning",
                )
            )

    def runs(self, value: str | dict[str, str], path: KeyPath) -> Inline:
        text = self.text(value, path)
        runs = parse_inline(text)
        return self.resolve(runs) if "@" in text else runs

    def plain(self, value: str | dict[str, str], path: KeyPath) -> str:
        return plain(self.runs(value, path))

    def resolve(self, runs: Inline) -> Inline:
        """``runs`` with each cross-reference's text what it prints here."""
        if self._resolver is None:
            from briefing.crossref import Resolver  # a brief without references never needs it

            self._resolver = Resolver(self.brief, self.lang, self.tr.gettext)
        before = len(self._resolver.printed)
        out = self._resolver.resolve(runs)
        self.texts += [(None, t) for t in self._resolver.printed[before:]]
        return out
