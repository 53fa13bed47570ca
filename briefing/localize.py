"""(Brief, language) -> document tree: all language work happens here.

Picks each text's translation (recording every fallback with its position), parses the
inline Markdown subset into runs, resolves cross-references to the numbers and labels
they print (briefing/crossref.py numbers what they point at), and takes the toolkit's
own words from the catalog and dates from CLDR. After this, renderers only lay out what
they are given.

The work is in three layers: localize_text (every word: catalog, translations and
their fallbacks, dates, cross-references), localize_blocks (the blocks of a section)
and this module (sections, sources, annexes, the memo block and the Document).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from briefing.errors import KeyPath, Problem
from briefing.i18n import terms
from briefing.i18n.language import full_tag
from briefing.localize_blocks import BlockLocalizer
from briefing.model import Annex, Brief, Section, SourceRef, classification_level
from briefing.readers import Source
from briefing.tree import Document, ListBlock, ListItem, MemoRow, Metadata, Run, SectionNode, plain

# What ends a sentence: a separator's own full stop after one of these would double it
# ("25 ноября 2026 г.. https://", "Why now?. Publisher").
_CLOSERS = ".?!…"


def after(previous: str, separator: str) -> str:
    """``separator`` as it should follow ``previous``: without its leading full stop
    when ``previous`` already ends a sentence (a date pattern ending in "г." or "a.",
    an abbreviation, a title ending in "?"), so a source never shows "..", "?.".
    """
    if separator.startswith(".") and previous.rstrip().endswith(tuple(_CLOSERS)):
        rest = separator[1:]
        return rest.lstrip() if previous[-1:].isspace() else rest
    return separator


@dataclass
class Localized:
    doc: Document
    fallbacks: list[Problem] = field(default_factory=list)
    # Every text of the brief as it will print, with its path: for the glyph check.
    texts: list[tuple[KeyPath | None, str]] = field(default_factory=list)


class _Localizer(BlockLocalizer):
    """The whole document: sections, sources, annexes, the memo block, metadata."""

    # sections
    def section(self, s: Section, path: KeyPath, level: int) -> SectionNode:
        if s.title is not None:
            heading = self.plain(s.title, (*path, "title"))
        else:
            heading = self.word(terms.SECTION_HEADINGS[str(s.kind)])
        return SectionNode(
            heading=heading,
            level=level,
            kind=s.kind,
            blocks=self.blocks(s.body, (*path, "body")),
            children=tuple(
                self.section(c, (*path, "sections", i), level + 1) for i, c in enumerate(s.sections)
            ),
            anchor=s.id,
        )

    def source_item(self, ref: SourceRef, path: KeyPath) -> ListItem:
        runs: list[Run] = [replace(r, italic=True) for r in self.runs(ref.title, (*path, "title"))]
        details = []
        if ref.publisher is not None:
            details.append(self.plain(ref.publisher, (*path, "publisher")))
        if ref.date is not None:
            details.append(self.date(ref.date))
        if details:
            runs.append(Run(after(plain(tuple(runs)), ". ") + ", ".join(details)))
        if ref.url:
            runs.append(Run(after(plain(tuple(runs)), ". ")))
            runs.append(Run(ref.url, link=ref.url))
        return ListItem(tuple(runs), anchor=ref.id)

    def annex(self, annex: Annex, n: int, path: KeyPath, title: str) -> SectionNode:
        return SectionNode(
            heading=self.word(terms.ANNEX_HEADING, n=n, title=title),
            level=1,
            kind="annex",
            blocks=self.blocks(annex.body, (*path, "body")),
            children=tuple(
                self.section(c, (*path, "sections", i), 2) for i, c in enumerate(annex.sections)
            ),
            page_break_before=True,
            anchor=annex.id,
        )

    def enclosures(self, titles: Sequence[str]) -> MemoRow:
        """ "Enclosure: Title" or "Enclosures: 1. Title; 2. Title", as an official
        document notes its annexes (GOST R 7.0.97 "Приложение: ...", "Əlavə: ...");
        the numbers are those of the annexes' own headings."""
        value = (
            titles[0]
            if len(titles) == 1
            else "; ".join(f"{i}. {t}" for i, t in enumerate(titles, 1))
        )
        return MemoRow(self.words(terms.ENCLOSURES, len(titles)), value)

    def document(self) -> Localized:
        b = self.brief
        title = self.plain(b.title, ("title",))
        subtitle = self.plain(b.subtitle, ("subtitle",)) if b.subtitle is not None else None
        date = self.date(b.date)
        level = classification_level(b.classification)
        marking = None
        if level is not None:
            marking = self.word(terms.MARKINGS[level])
        elif b.classification is not None:
            marking = self.plain(b.classification, ("classification",))
        reference = None
        if b.reference is not None:
            reference = MemoRow(self.word(terms.REFERENCE), self.plain(b.reference, ("reference",)))
        subject = title
        # Read once: the memo block lists them and each annex's heading repeats them.
        annex_titles = [
            self.plain(a.title, ("annexes", i, "title")) for i, a in enumerate(b.annexes)
        ]
        memo: list[MemoRow] = []
        if b.memo is not None:
            m, p = b.memo, ("memo",)
            if m.to is not None:
                memo.append(MemoRow(self.word(terms.TO), self.plain(m.to, (*p, "to"))))
            if m.from_ is not None:
                memo.append(MemoRow(self.word(terms.FROM), self.plain(m.from_, (*p, "from"))))
            if m.cc:
                cc = "; ".join(self.plain(c, (*p, "cc", i)) for i, c in enumerate(m.cc))
                memo.append(MemoRow(self.word(terms.CC), cc))
            if m.subject is not None:
                subject = self.plain(m.subject, (*p, "subject"))
            memo.append(MemoRow(self.word(terms.SUBJECT), subject))
            memo.append(MemoRow(self.word(terms.DATE), date))
            if annex_titles:
                memo.append(self.enclosures(annex_titles))
        authors = [self.plain(a, ("authors", i)) for i, a in enumerate(b.authors)]
        keywords = [self.plain(k, ("keywords", i)) for i, k in enumerate(b.keywords)]

        sections: list[SectionNode] = []
        if b.summary:
            sections.append(
                SectionNode(
                    self.word(terms.SECTION_HEADINGS["summary"]),
                    1,
                    "summary",
                    self.blocks(b.summary, ("summary",)),
                )
            )
        sections += [self.section(s, ("sections", i), 1) for i, s in enumerate(b.sections)]
        if b.recommendations:
            sections.append(
                SectionNode(
                    self.word(terms.SECTION_HEADINGS["recommendations"]),
                    1,
                    "recommendations",
                    (self.list(True, b.recommendations, ("recommendations",)),),
                )
            )
        if b.sources:
            items = tuple(self.source_item(s, ("sources", i)) for i, s in enumerate(b.sources))
            sections.append(
                SectionNode(
                    self.word(terms.SECTION_HEADINGS["sources"]),
                    1,
                    "sources",
                    (ListBlock(True, items),),
                )
            )
        closing = len(sections)  # "Prepared by" closes the memo, before its annexes
        sections += [
            self.annex(a, i + 1, ("annexes", i), annex_titles[i]) for i, a in enumerate(b.annexes)
        ]

        tag = full_tag(self.lang)
        doc = Document(
            lang=self.lang,
            lang_tag=tag,
            doc_type=self.word(terms.DOC_TYPE),
            title=title,
            subtitle=subtitle,
            date=date,
            reference=reference,
            marking=marking,
            classification=level,
            memo=tuple(memo),
            sections=tuple(sections),
            prepared_by=(
                MemoRow(self.words(terms.PREPARED_BY, len(authors)), ", ".join(authors))
                if authors
                else None
            ),
            closing=closing,
            page_of=self.word(terms.PAGE_OF),
            contents_title=self.word(terms.CONTENTS),
            metadata=Metadata(
                title=title,
                subject=subject,
                author="; ".join(authors),
                keywords=tuple(keywords),
                language=tag,
                created=b.date.isoformat(),
                modified=self.modified,
            ),
        )
        return Localized(doc, self.fallbacks, self.texts)


def localize(
    brief: Brief,
    source: Source,
    lang: str,
    modified: str | None = None,
    date_style: str = "long",
    assets: Mapping[KeyPath, object] | None = None,
) -> Localized:
    """The document tree of ``brief`` in ``lang``, with its fallbacks and texts.

    ``modified`` (ISO 8601 UTC) stamps the document properties; by default the brief's
    date, so the same brief always gives the same file. ``date_style`` is the
    template's (theme.DocumentSettings): ``long`` or ``official``. ``assets`` are the
    figures' images and chart numbers (api.load reads them); a brief with figures
    needs them.
    """
    return _Localizer(brief, source, lang, modified, date_style, assets).document()
