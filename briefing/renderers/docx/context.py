"""What every block builder needs while it writes the body.

One object passed down instead of five arguments: where paragraphs go, the part that
owns hyperlink relationships, the resolved styles and numbering, the text width
that table column widths are computed from, and whether headings carry the bookmarks
a table of contents points at. It also owns the one paragraph builder,
so every paragraph gets its properties in schema order.

Footnotes and cross-references (notes.py, xrefs.py) keep their state here too
(``Apparatus``), made on the first note or reference only, so a brief without them
pays nothing for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.opc.part import Part
from docx.parts.document import DocumentPart

from briefing.renderers.docx.numbering import Numbering
from briefing.renderers.docx.ooxml import Element, sub, val
from briefing.renderers.docx.styles import StyleMap
from briefing.templates import Template
from briefing.theme import Theme
from briefing.tree import (
    BlockNode,
    Document,
    Figure,
    Inline,
    ListBlock,
    Note,
    Paragraph,
    Quote,
    Table,
    walk_sections,
)

if TYPE_CHECKING:
    from briefing.renderers.docx.notes import Footnotes
    from briefing.renderers.docx.xrefs import Xrefs


class Apparatus:
    """A document's footnotes and cross-references while it is written: its state lives
    here, not in Context's fields (a dataclass's fields cost time to define on every
    run, notes or not); its parts are made on the first note or reference."""

    __slots__ = ("footnotes", "links", "referenced", "side", "trees", "xrefs")

    def __init__(self) -> None:
        self.trees: tuple[Document, ...] = ()  # the documents written: one, or two
        self.side = 0  # which of ``trees`` is being written (its bookmarks are its own)
        self.links: Part | None = None  # where links are related while a note is written
        self.footnotes: Footnotes | None = None  # the footnotes part (notes.py)
        self.xrefs: Xrefs | None = None  # bookmark names (xrefs.py)
        self.referenced: frozenset[str] | None = None  # the ids something refers to


@dataclass
class Context:
    body: Element
    part: DocumentPart
    styles: StyleMap
    numbering: Numbering
    text_width: int  # twips
    theme: Theme
    apparatus: Apparatus  # footnotes and cross-references (notes.py, xrefs.py)
    bookmark_headings: bool = False  # --toc: each heading gets the bookmark its entry targets
    headings_written: int = 0
    template: Template | None = None  # for what a figure draws with (fonts, colours)
    text_height: int = 0  # twips; 0: unknown (a reference without page setup)

    def referenced(self, anchor: str | None) -> bool:
        """Whether anything in the documents refers to ``anchor``: only then does its
        target get a bookmark (xrefs.py). Found once, on the first anchor asked about,
        here rather than in xrefs.py so that a brief whose ids nothing refers to (an
        id naming a table for a chart) never loads that module."""
        if anchor is None:
            return False
        found = self.apparatus.referenced
        if found is None:
            trees = self.apparatus.trees
            found = self.apparatus.referenced = frozenset(i for d in trees for i in references(d))
        return anchor in found

    def paragraph(
        self,
        style: str,
        *,
        parent: Element | None = None,
        keep_next: bool = False,
        page_break_before: bool = False,
        num: tuple[int, int] | None = None,
        space_before: int | None = None,
    ) -> Element:
        """Append a ``w:p`` with its ``w:pPr`` children in schema order.

        ``num`` is (numId, ilvl). ``space_before`` (twips) is only used to open up the
        gap after a table, which no paragraph style can express.
        """
        p = sub(self.body if parent is None else parent, "w:p")
        ppr = sub(p, "w:pPr")
        style_id = self.styles.paragraph(style)
        if style_id is not None:
            val(ppr, "w:pStyle", style_id)
        if keep_next:
            sub(ppr, "w:keepNext")
        if page_break_before:
            sub(ppr, "w:pageBreakBefore")
        if num is not None:
            numpr = sub(ppr, "w:numPr")
            val(numpr, "w:ilvl", str(num[1]))
            val(numpr, "w:numId", str(num[0]))
        if space_before is not None:
            sub(ppr, "w:spacing", {"w:before": str(space_before)})
        return p


def references(doc: Document) -> Iterator[str]:
    """The id of every cross-reference in ``doc``'s body and its notes."""
    for section in walk_sections(doc.sections):
        for runs in _inlines(section.blocks):
            for run in runs:
                if run.target is not None:
                    yield run.target
                if run.note is not None:
                    yield from (r.target for r in run.note if r.target is not None)


def _inlines(blocks: tuple[BlockNode, ...]) -> Iterator[Inline]:
    """Every text of ``blocks`` that may hold a reference."""
    for b in blocks:
        if isinstance(b, Paragraph | Note):
            yield b.runs
        elif isinstance(b, ListBlock):
            for item in b.items:
                yield item.runs
                if item.children is not None:
                    yield from _inlines((item.children,))
        elif isinstance(b, Table):
            yield from b.columns
            for row in b.rows:
                yield from row
            yield b.caption or ()
        elif isinstance(b, Quote):
            yield b.runs
            yield b.by or ()
        elif isinstance(b, Figure):
            yield b.caption or ()
            yield b.credit or ()
