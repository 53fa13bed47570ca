"""Sections and body blocks of the tree -> flowables: paragraphs, quotes, notes.

One method per block kind of the tree, dispatched by type; lists.py builds the lists
and tables.py the data tables. Quotes and notes are boxes.Box. All text becomes
TextBlocks through inline.Texts, so no user character is parsed as markup. The title
block and page furniture live in front.py and page.py; this module only knows what a
brief's body can hold.

Each block also gets its structure element for a tagged PDF (tags.py), made here in the
brief's reading order under ``self.parent``: the Document, or the quote, note or list
item being built.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import PageBreakIfNotEmpty, Spacer

from briefing import tree
from briefing.renderers.pdf.boxes import Box
from briefing.renderers.pdf.footnotes import Footnotes, anchor
from briefing.renderers.pdf.kit import Kit
from briefing.renderers.pdf.lists import Lists
from briefing.renderers.pdf.outline import Outline, heading
from briefing.renderers.pdf.tables import table
from briefing.renderers.pdf.tags import Node
from briefing.renderers.pdf.textblock import TextBlock


class Blocks:
    """Turns sections and blocks into flowables for one document and template."""

    def __init__(self, kit: Kit, outline: Outline) -> None:
        self.kit = kit
        self.theme = kit.theme
        self.texts = kit.texts
        self.width = kit.geo.frame_width
        self.outline = outline
        self.gap = kit.theme.spacing("block", 7)
        self.lists = Lists(kit, self.gap)
        self.root = Node("Document")
        self.parent = self.root  # where the next element goes
        self.notes = 0
        self.footnotes = Footnotes(kit)  # document.render gives the document's own

    @contextmanager
    def inside(self, node: Node) -> Iterator[Node]:
        """Build the elements of the blocks made in the ``with`` inside ``node``."""
        outer, self.parent = self.parent, node
        try:
            yield node
        finally:
            self.parent = outer

    def tag(self, block: TextBlock, role: str, **attrs: Any) -> TextBlock:
        """Give ``block`` a new element ``role`` in the current container."""
        block.node = Node(role, self.parent, **attrs)
        return block

    # -- text -------------------------------------------------------------------------

    def para(self, runs: tree.Inline, style: str) -> TextBlock:
        return self.texts.block(runs, style)

    def plain(self, value: str, style: str) -> TextBlock:
        return self.texts.plain(value, style)

    # -- structure --------------------------------------------------------------------

    def section(self, s: tree.SectionNode) -> list[Any]:
        out: list[Any] = []
        if s.page_break_before:
            out.append(PageBreakIfNotEmpty())
        level = min(max(s.level, 1), 3)
        style = f"heading{level}"
        title = self.tag(self.plain(s.heading, style), f"H{level}")
        out.append(heading(title, self.outline, s.heading, level - 1))
        anchor(title, s.anchor, s.heading)
        for b in s.blocks:
            out.extend(self.block(b))
        for child in s.children:
            out.extend(self.section(child))
        return out

    def block(self, b: tree.BlockNode) -> list[Any]:
        if isinstance(b, tree.Paragraph):
            block = self.tag(self.para(b.runs, "body"), "P")
            if tree.introduces(b.runs):
                block.keepWithNext = 1  # a lead-in stays with what it introduces
            return [block]
        if isinstance(b, tree.ListBlock):
            return self.lists.list_block(b, 0, 0.0, self.parent)
        if isinstance(b, tree.Table):
            return table(b, self.kit, self.gap, self.parent)
        if isinstance(b, tree.Quote):
            return [self.quote(b)]
        if isinstance(b, tree.Note):
            return [self.note(b)]
        if isinstance(b, tree.Figure):
            from briefing.renderers.pdf.figures import figure

            return figure(b, self.kit, self.gap, self.parent)
        raise TypeError(f"unknown block {type(b).__name__}")  # a bug: the tree is closed

    # -- quotes and notes -------------------------------------------------------------

    def quote(self, q: tree.Quote) -> Box:
        with self.inside(self.parent.add("BlockQuote")):
            blocks = [self.tag(self.para(q.runs, "quote"), "P")]
            if q.by:
                blocks.append(self.tag(self.para((tree.Run("— "), *q.by), "attribution"), "P"))
        indent = self.theme.spacing("quote_indent", 16)
        bar = (self.theme.spacing("quote_bar", 2), self.theme.color("quote_bar"))
        return self._boxed(Box(blocks, self.width - indent, (1, 3, 3, 10), bar=bar, align="RIGHT"))

    def note(self, n: tree.Note) -> Box:
        self.notes += 1  # PDF/UA wants an ID on every Note
        with self.inside(self.parent.add("Note", ID=f"note-{self.notes}")):
            blocks = [self.tag(self.plain(n.label, "note_label"), "P")]
            blocks.append(self.tag(self.para(n.runs, "note"), "P"))
        pad = self.theme.spacing("note_padding", 8)
        back: Color = self.theme.color("note_back")
        bar = (self.theme.spacing("note_bar", 3), self.theme.color("note_border"))
        return self._boxed(Box(blocks, self.width, (pad, pad, pad, pad + 2), back, bar))

    def _boxed(self, box: Box) -> Box:
        box.spaceBefore = 2
        box.spaceAfter = self.gap + 2
        return box

    def spacer(self, height: float) -> Spacer:
        return Spacer(self.width, height)
