"""The brief's blocks as tree nodes: paragraphs, lists, tables, quotes, notes, figures.

One branch a block kind of the model (a new kind adds one here, see docs/format.md),
every text taken through TextLocalizer so its fallbacks and glyph check apply; tables
and figures are numbered in reading order, the same order crossref numbers them.
Separate from localize, which assembles sections, the memo block and the document
around these blocks.
"""

from __future__ import annotations

from briefing.errors import KeyPath
from briefing.i18n import terms
from briefing.i18n.numbers import numeric_column
from briefing.localize_text import TextLocalizer
from briefing.model import (
    Block,
    Bullets,
    ChartBlock,
    FigureBlock,
    Item,
    ItemOrText,
    NoteBlock,
    Numbered,
    QuoteBlock,
    TableBlock,
)
from briefing.tree import (
    BlockNode,
    Figure,
    ListBlock,
    ListItem,
    Note,
    Paragraph,
    Quote,
    Table,
    plain,
)


class BlockLocalizer(TextLocalizer):
    """Blocks, lists, tables and figures, each text in the document's language."""

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
