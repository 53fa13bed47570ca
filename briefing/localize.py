"""(Brief, language) -> document tree: all language work happens here.

Picks each text's translation (recording every fallback with its position), parses the
inline Markdown subset into runs, resolves cross-references to the numbers and labels
they print (briefing/crossref.py numbers what they point at), and takes the toolkit's
own words from the catalog and dates from CLDR. After this, renderers only lay out what
they are given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from briefing.errors import KeyPath, Problem
from briefing.i18n import terms
from briefing.i18n.catalog import catalog_for, translations
from briefing.i18n.dates import format_document_date
from briefing.i18n.language import babel_locale, full_tag, pick
from briefing.i18n.numbers import numeric_column
from briefing.inline import parse_inline
from briefing.model import (
    Annex,
    Block,
    Brief,
    Bullets,
    ChartBlock,
    FigureBlock,
    Item,
    ItemOrText,
    NoteBlock,
    Numbered,
    QuoteBlock,
    Section,
    SourceRef,
    TableBlock,
    classification_level,
)
from briefing.readers import Source
from briefing.tree import (
    BlockNode,
    Document,
    Figure,
    Inline,
    ListBlock,
    ListItem,
    MemoRow,
    Metadata,
    Note,
    Paragraph,
    Quote,
    Run,
    SectionNode,
    Table,
    notes_of,
    plain,
)
from briefing.validate import field_path

if TYPE_CHECKING:
    from briefing.crossref import Resolver


def _notes(n: int) -> str:
    return "1 footnote" if n == 1 else f"{n} footnotes"


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


class _Localizer:
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

    # blocks
    def blocks(self, blocks: list[Block], path: KeyPath) -> tuple[BlockNode, ...]:
        return tuple(self.block(b, (*path, i)) for i, b in enumerate(blocks))

    def block(self, block: Block, path: KeyPath) -> BlockNode:
        if isinstance(block, Bullets):
            return self.list(False, block.bullets, (*path, "bullets"))
        if isinstance(block, Numbered):
            return self.list(True, block.numbered, (*path, "numbered"))
        if isinstance(block, TableBlock):
            return self.table(block, (*path, "table"))
        if isinstance(block, QuoteBlock):
            by = self.runs(block.by, (*path, "by")) if block.by is not None else None
            return Quote(self.runs(block.quote, (*path, "quote")), by)
        if isinstance(block, NoteBlock):
            return Note(self.word(terms.NOTE), self.runs(block.note, (*path, "note")))
        if isinstance(block, FigureBlock | ChartBlock):
            return self.figure(block, path)
        return Paragraph(self.runs(block, path))

    def list(self, ordered: bool, items: list[ItemOrText], path: KeyPath) -> ListBlock:
        out = []
        for i, item in enumerate(items):
            here = (*path, i)
            if isinstance(item, Item):
                children = None
                if item.children is not None:
                    child_ordered, child_items = item.children
                    key = "numbered" if child_ordered else "bullets"
                    children = self.list(child_ordered, child_items, (*here, key))
                out.append(ListItem(self.runs(item.text, (*here, "text")), children))
            else:
                out.append(ListItem(self.runs(item, here)))
        return ListBlock(ordered, tuple(out))

    def table(self, block: TableBlock, path: KeyPath) -> Table:
        spec = block.table
        self.tables += 1
        widths = None
        total = sum(spec.widths or ())
        if spec.widths and total > 0:  # decode refuses others; a tree made in code may not
            widths = tuple(w / total for w in spec.widths)
        columns = tuple(self.runs(c, (*path, "columns", i)) for i, c in enumerate(spec.columns))
        rows = tuple(
            tuple(self.runs(c, (*path, "rows", r, i)) for i, c in enumerate(row))
            for r, row in enumerate(spec.rows)
        )
        numeric = tuple(
            numeric_column((plain(row[i]) for row in rows if i < len(row)), self.locale)
            for i in range(len(spec.columns))
        )
        return Table(
            columns=columns,
            rows=rows,
            label=self.word(terms.TABLE_N, n=self.tables),
            caption=self.runs(spec.caption, (*path, "caption")) if spec.caption else None,
            widths=widths,
            numeric=numeric if any(numeric) else (),
            anchor=spec.id,
        )

    def figure(self, block: FigureBlock | ChartBlock, path: KeyPath) -> Figure:
        """The figure's words in this language; its image or numbers were read at load
        (briefing/figures), and a chart's numbers are formatted here with CLDR rules."""
        from briefing.figures.localized import figure_content

        self.figures += 1
        spec = block
        before = len(self.texts)
        content = figure_content(self.assets.get(path), path, self.plain, self.locale, self.texts)
        # A chart that reads a table prints the table's words again: each text is
        # still one text of the brief (translation coverage counts it once).
        seen = {p for p, _ in self.texts[:before] if p is not None}
        self.texts[before:] = [(p, t) for p, t in self.texts[before:] if p is None or p not in seen]
        return Figure(
            label=self.word(terms.FIGURE_N, n=self.figures),
            content=content,
            alt=self.plain(spec.alt, (*path, "alt")) if spec.alt is not None else "",
            caption=self.runs(spec.caption, (*path, "caption")) if spec.caption else None,
            credit=self.runs(spec.credit, (*path, "credit")) if spec.credit else None,
            width=spec.width or 1.0,
            anchor=spec.id,
        )

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
