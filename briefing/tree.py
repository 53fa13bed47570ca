"""The render-neutral document tree.

Everything a renderer needs, already in the output language: headings of standard
kinds come from the catalog, dates and numbers are formatted, lists carry their kind,
tables carry their localized caption label. Renderers only walk this tree and apply a
template; they never call gettext, format a date or look at the source brief. That is
what lets a new language touch no renderer and a new format touch no catalog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one set of inline styles (the Markdown subset)."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None  # http, https or mailto target, already validated
    target: str | None = None
    """An internal link: the ``anchor`` of a section, table, figure or source in this
    document. ``text`` is what the cross-reference prints, already resolved ("2",
    "[3]", a heading's text), so renderers only link it."""
    note: tuple[Run, ...] | None = None
    """A footnote: this run is its reference mark (``text`` is ""); the renderer numbers
    it in reading order and sets the note's runs at the page foot (PDF) or as a Word
    footnote. Runs of a note never hold a note themselves."""


Inline = tuple[Run, ...]


def notes_of(runs: Inline) -> list[Inline]:
    """The footnotes referenced in ``runs``, in order."""
    return [r.note for r in runs if r.note is not None]


def plain(runs: Inline) -> str:
    """The text a reader sees, without styling."""
    return "".join(r.text for r in runs)


_LEAD_IN_ENDS = (":", "\uff1a")  # a colon, and the full-width one


def introduces(runs: Inline) -> bool:
    """Whether text ending with a colon leads in to what follows ("...as follows:"):
    both renderers keep such a paragraph on the page of what it introduces."""
    return plain(runs).rstrip().endswith(_LEAD_IN_ENDS)


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: Inline


@dataclass(frozen=True, slots=True)
class ListItem:
    runs: Inline
    children: ListBlock | None = None  # a nested list, one level deeper
    anchor: str | None = None  # a source's id: where citations ``[@id]`` link


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted or numbered list. Each numbered list starts again at 1."""

    ordered: bool
    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    label: str  # localized "Table 3"
    caption: Inline | None = None
    widths: tuple[float, ...] | None = None  # relative, normalized to sum 1
    # per column: its body cells all hold numbers or amounts in the output language's
    # form (briefing/i18n/numbers.py), so both renderers right-align it; () for none
    numeric: tuple[bool, ...] = ()
    anchor: str | None = None  # the author's id: where cross-references to it link

    def right_aligned(self, column: int) -> bool:
        """Whether ``column`` (header and body) is aligned right, as numbers are."""
        return column < len(self.numeric) and self.numeric[column]


@dataclass(frozen=True, slots=True)
class Quote:
    runs: Inline
    by: Inline | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A call-out box; ``label`` is the localized word "Note"."""

    label: str
    runs: Inline


@dataclass(frozen=True, slots=True)
class Picture:
    """An image file, read and checked by briefing/figures: its bytes as they were."""

    data: bytes
    format: str  # png | jpeg | svg
    width: float  # natural size in points (pixels at the file's dpi, or the SVG's size)
    height: float


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart's numbers and words, every word already in the output language."""

    type: str  # bar | stacked | line | pie | donut
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]  # (name, one value per category)
    ticks: tuple[tuple[float, str], ...]  # value axis: each tick and its localized label
    labels: tuple[tuple[str, ...], ...]  # each value's localized label, per series
    axis: str | None = None  # the value axis title


@dataclass(frozen=True, slots=True)
class Figure:
    """An image or chart with its localized "Figure N" label, caption, alt text, credit."""

    label: str
    content: Picture | Chart
    alt: str  # what the figure shows, for readers who cannot see it ("" if not given)
    caption: Inline | None = None
    credit: Inline | None = None
    width: float = 1.0  # share of the text width
    anchor: str | None = None  # the author's id: where cross-references to it link


BlockNode = Paragraph | ListBlock | Table | Quote | Note | Figure


@dataclass(frozen=True, slots=True)
class SectionNode:
    heading: str
    level: int  # 1..3
    kind: str | None = None  # the standard kind, if any (for styling and tests)
    blocks: tuple[BlockNode, ...] = ()
    children: tuple[SectionNode, ...] = ()
    page_break_before: bool = False
    anchor: str | None = None  # the author's id: where cross-references to it link


@dataclass(frozen=True, slots=True)
class MemoRow:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Metadata:
    """Document properties (DOCX core properties, PDF info and XMP)."""

    title: str
    subject: str
    author: str
    keywords: tuple[str, ...]
    language: str  # full BCP 47 tag, e.g. az-Latn-AZ
    created: str  # ISO 8601 date of the brief
    modified: str  # ISO 8601 UTC time: SOURCE_DATE_EPOCH if set, else the brief's date


@dataclass(frozen=True, slots=True)
class Document:
    lang: str  # the output language as asked (catalog code), e.g. "az"
    lang_tag: str  # full tag for proofing and metadata, e.g. "az-Latn-AZ"
    doc_type: str  # localized "Policy memo"
    title: str
    subtitle: str | None
    date: str  # already formatted with CLDR rules
    reference: MemoRow | None  # localized "Reference" label + value
    marking: str | None  # localized classification marking
    classification: str | None  # public | internal | confidential | restricted | None (custom)
    memo: tuple[MemoRow, ...]
    sections: tuple[SectionNode, ...]  # summary, body, recommendations, sources, annexes
    prepared_by: MemoRow | None
    page_of: str  # localized "Page {page} of {pages}" with both placeholders
    contents_title: str
    metadata: Metadata
    closing: int | None = None
    """How many of ``sections`` come before "Prepared by" (the annexes follow it);
    None: all of them."""

    def reading_order(self) -> list[SectionNode | MemoRow]:
        """The body as it reads: sections, then "Prepared by", then the annexes.

        An official memo ends with who prepared it (GOST R 7.0.97's "Исполнитель" at
        the foot of the memo itself); annexes are attached after that. Decided here
        once, so both renderers put it in the same place.
        """
        cut = len(self.sections) if self.closing is None else self.closing
        closing = [self.prepared_by] if self.prepared_by is not None else []
        return [*self.sections[:cut], *closing, *self.sections[cut:]]

    def page_label(self, page: int, pages: int) -> str:
        """The footer text for one page, e.g. "Səhifə 2 / 5"."""
        return self.page_of.format(page=page, pages=pages)

    def page_label_parts(self) -> tuple[str, str, str]:
        """Text before {page}, between {page} and {pages}, and after {pages}.

        The DOCX footer puts PAGE and NUMPAGES fields between these pieces.
        """
        head, rest = self.page_of.split("{page}", 1)
        mid, tail = rest.split("{pages}", 1)
        return head, mid, tail


def walk_sections(sections: tuple[SectionNode, ...]) -> list[SectionNode]:
    """All sections in reading order, depth first."""
    out: list[SectionNode] = []
    for s in sections:
        out.append(s)
        out.extend(walk_sections(s.children))
    return out


def all_texts(doc: Document) -> list[str]:
    """Every string a renderer draws from ``doc``: for the glyph guard."""
    out = [doc.doc_type, doc.title, doc.subtitle or "", doc.date, doc.marking or "", doc.page_of]
    out.append(doc.contents_title)
    rows = [*doc.memo, *(r for r in (doc.reference, doc.prepared_by) if r is not None)]
    out += [t for r in rows for t in (r.label, r.value)]
    for s in walk_sections(doc.sections):
        out.append(s.heading)
        for b in s.blocks:
            out.extend(block_texts(b))
    return out


def _seen(runs: Inline) -> str:
    """The text of ``runs`` with its footnotes' texts after it, one a line: what the
    glyph guard must check. One string per text, however many notes it holds, so
    the two trees of a bilingual pair keep the same count per block."""
    notes = notes_of(runs)
    if not notes:
        return plain(runs)
    return "\n".join([plain(runs), *(plain(n) for n in notes)])


def block_texts(b: BlockNode) -> list[str]:
    """The strings of one block, nested lists included, footnotes with their text."""
    if isinstance(b, Paragraph):
        return [_seen(b.runs)]
    if isinstance(b, ListBlock):
        out = []
        for item in b.items:
            out.append(_seen(item.runs))
            if item.children is not None:
                out.extend(block_texts(item.children))
        return out
    if isinstance(b, Table):
        cells = [*b.columns, *(c for row in b.rows for c in row), b.caption or ()]
        return [b.label, *(_seen(c) for c in cells)]
    if isinstance(b, Quote):
        return [_seen(b.runs), _seen(b.by or ())]
    if isinstance(b, Figure):
        out = [b.label, b.alt, _seen(b.caption or ()), _seen(b.credit or ())]
        if isinstance(b.content, Chart):
            c = b.content
            out += [*c.categories, *(name for name, _ in c.series), c.axis or ""]
            out += [label for _, label in c.ticks] + [v for row in c.labels for v in row]
        return out
    return [b.label, _seen(b.runs)]


def _pickled_by_fields(cls: type) -> None:
    """Pickle a node as its class and field values, unpickled by calling the class.

    Why: a localized document goes to the forked helper as a pickle (fork.py), and the
    pickling that dataclasses give a frozen class with slots looks up the class's fields
    for every node, each way; this is three times quicker (the large brief's az
    document: dump 2.7 -> 0.9 ms, load 2.5 -> 0.9 ms). Equal nodes come back."""
    names = [f.name for f in fields(cls)]
    get: Callable[[Any], Any] = attrgetter(*names)
    if len(names) == 1:
        one = get

        def get(node: Any) -> tuple[Any, ...]:
            return (one(node),)

    def reduce(node: Any) -> tuple[type, tuple[Any, ...]]:
        return type(node), get(node)

    cls.__reduce__ = reduce  # type: ignore[assignment,method-assign]


_NODES: tuple[type, ...] = (Run, Paragraph, ListItem, ListBlock, Table, Quote, Note, Picture)
for _node in (*_NODES, Chart, Figure, SectionNode, MemoRow, Metadata, Document):
    _pickled_by_fields(_node)
