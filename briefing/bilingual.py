"""Two languages side by side (``-l en+az``): the pair of trees and what they share.

A bilingual memo is two localized trees of the same brief, laid out in two columns,
block against block (renderers/pdf/bilingual.py, renderers/docx/bilingual.py). Both
trees come from the same brief through the same localizer, so they have the same
shape: the same sections, blocks, list items and table rows, in the same order. That
is what lets a renderer walk them in step; :func:`same_shape` checks it once, so a
renderer can rely on it.

What the toolkit prints once for the whole page (the running header, the footer's
"Page X of Y", the classification marking, the bookmarks, the contents) is one line
in both languages: :func:`furniture` makes a tree whose words are the two languages'
joined, first language first, which the single-language page furniture then prints
unchanged.

A pair is written ``A+B`` wherever a language is asked for (the CLI's ``-l``, the
server's ``lang``, ``api.languages``); the order is the page's, left to right.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefing.errors import UsageError
from briefing.tree import Document, MemoRow, SectionNode, block_texts, walk_sections

SEPARATOR = "+"
JOIN = " / "  # between the two languages' words on one line (titles, headings, marking)
PAGE_JOIN = "\u2003·\u2003"  # between the two "Page X of Y"; a slash is part of some


@dataclass(frozen=True)
class Pair:
    """The same brief localized twice: ``left`` in the first language, ``right`` in
    the second. The PDF's /Lang and the document properties are the left's."""

    left: Document
    right: Document

    @property
    def lang(self) -> str:
        return f"{self.left.lang}{SEPARATOR}{self.right.lang}"

    @property
    def docs(self) -> tuple[Document, Document]:
        return self.left, self.right


def is_pair(lang: str) -> bool:
    """Whether ``lang`` asks for two languages (``en+az``); a URL query may have
    decoded the plus into a space."""
    return SEPARATOR in lang or " " in lang.strip()


def pair_languages(spec: str) -> tuple[str, str]:
    """The two languages of ``en+az``, each canonical and with a catalog; UsageError
    for one language twice (``en+en``, ``en+en-US``: both the en catalog), more than
    two, an empty one, or one without a catalog (UnknownLanguage)."""
    from briefing.i18n.catalog import catalog_for
    from briefing.i18n.language import canonical

    parts = [p.strip() for p in spec.replace(" ", SEPARATOR).split(SEPARATOR)]
    if len(parts) != 2 or not all(parts):
        why = "one is empty" if not all(parts) else f"not {len(parts)}"  # en++az: not "2"
        raise UsageError(
            f"{spec[:80]!r}: side by side takes two languages, as en+az (first on the left); {why}"
        )
    codes = [catalog_for(p) for p in parts]
    if codes[0] == codes[1]:
        raise UsageError(
            f"{spec[:80]!r}: the same language twice; side by side takes two different "
            "languages, as en+az"
        )
    first, second = (canonical(p) for p in parts)
    return first, second


def pair_name(spec: str) -> str:
    """``spec`` checked and written as output names and messages write it: ``en+az``."""
    return SEPARATOR.join(pair_languages(spec))


def same_shape(pair: Pair) -> bool:
    """Whether the two trees can be walked in step (always, for two localizations of
    one brief); a renderer given two unrelated trees refuses them instead of pairing
    the wrong blocks."""
    a, b = pair.docs
    if len(a.reading_order()) != len(b.reading_order()) or len(a.memo) != len(b.memo):
        return False
    sa, sb = walk_sections(a.sections), walk_sections(b.sections)
    if len(sa) != len(sb):
        return False
    for x, y in zip(sa, sb, strict=True):
        if (
            x.level != y.level
            or len(x.blocks) != len(y.blocks)
            or len(x.children) != len(y.children)
        ):
            return False
        for bx, by in zip(x.blocks, y.blocks, strict=True):
            if type(bx) is not type(by) or len(block_texts(bx)) != len(block_texts(by)):
                return False
    return True


def joined(a: str, b: str, sep: str = JOIN) -> str:
    """``a / b``, or ``a`` alone when both languages print the same words (a custom
    marking not translated, a document number, a name)."""
    return a if a == b or not b else f"{a}{sep}{b}" if a else b


def _row(a: MemoRow | None, b: MemoRow | None) -> MemoRow | None:
    if a is None or b is None:
        return a
    return MemoRow(joined(a.label, b.label), joined(a.value, b.value))


def _sections(a: tuple[SectionNode, ...], b: tuple[SectionNode, ...]) -> tuple[SectionNode, ...]:
    return tuple(
        replace(x, heading=joined(x.heading, y.heading), children=_sections(x.children, y.children))
        for x, y in zip(a, b, strict=True)
    )


def furniture(pair: Pair) -> Document:
    """The left tree with every word the page furniture, bookmarks, contents and
    document properties print joined with the right's: one line, both languages.
    Its body is the left's (with joined headings, for the outline and contents)."""
    a, b = pair.docs
    page_of = f"{a.page_of}{PAGE_JOIN}{b.page_of}"
    meta = replace(
        a.metadata,
        title=joined(a.metadata.title, b.metadata.title),
        subject=joined(a.metadata.subject, b.metadata.subject),
        keywords=tuple(dict.fromkeys((*a.metadata.keywords, *b.metadata.keywords))),
    )
    return replace(
        a,
        doc_type=joined(a.doc_type, b.doc_type),
        title=joined(a.title, b.title),
        subtitle=joined(a.subtitle, b.subtitle) if a.subtitle and b.subtitle else a.subtitle,
        date=joined(a.date, b.date),
        reference=_row(a.reference, b.reference),
        marking=joined(a.marking, b.marking) if a.marking and b.marking else a.marking,
        prepared_by=_row(a.prepared_by, b.prepared_by),
        sections=_sections(a.sections, b.sections),
        page_of=page_of,
        contents_title=joined(a.contents_title, b.contents_title),
        metadata=meta,
    )
