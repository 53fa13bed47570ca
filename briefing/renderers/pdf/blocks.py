"""Sections and body blocks of the tree -> flowables: paragraphs, quotes, notes.

One method per block kind of the tree, dispatched by type; lists are built by lists.py.
A data table sets its font in its TableStyle (a cell otherwise defaults to Helvetica
even when it holds only flowables); quotes and notes are boxes.Box. All text becomes
TextBlocks through inline.Texts, so no user character is parsed as markup.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import PageBreakIfNotEmpty, Spacer, TableStyle

from briefing import tree
from briefing.renderers.pdf.boxes import Box
from briefing.renderers.pdf.kit import Kit
from briefing.renderers.pdf.lists import Lists
from briefing.renderers.pdf.outline import Outline, heading
from briefing.renderers.pdf.tables import DataTable
from briefing.renderers.pdf.textblock import TextBlock
from briefing.renderers.widths import fit_widths


class Blocks:
    """Turns sections and blocks into flowables for one document and template."""

    def __init__(self, kit: Kit, outline: Outline) -> None:
        self.kit = kit
        self.sheet = kit.sheet
        self.theme = kit.theme
        self.texts = kit.texts
        self.width = kit.geo.frame_width
        self.outline = outline
        self.gap = kit.theme.spacing("block", 7)
        self.lists = Lists(kit, self.gap)

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
        out.append(heading(self.plain(s.heading, style), self.outline, s.heading, level - 1))
        for b in s.blocks:
            out.extend(self.block(b))
        for child in s.children:
            out.extend(self.section(child))
        return out

    def block(self, b: tree.BlockNode) -> list[Any]:
        if isinstance(b, tree.Paragraph):
            return [self.para(b.runs, "body")]
        if isinstance(b, tree.ListBlock):
            return self.lists.list_block(b, 0, 0.0)
        if isinstance(b, tree.Table):
            return self.table(b)
        if isinstance(b, tree.Quote):
            return [self.quote(b)]
        if isinstance(b, tree.Note):
            return [self.note(b)]
        raise TypeError(f"unknown block {type(b).__name__}")  # a bug: the tree is closed

    # -- tables -----------------------------------------------------------------------

    def table(self, t: tree.Table) -> list[Any]:
        caption = (
            tree.Run(t.label, bold=True),
            *((tree.Run(". "), *t.caption) if t.caption else ()),
        )
        rows = [[self.para(c, "table_header") for c in t.columns]]
        rows += [[self.para(c, "table_cell") for c in row] for row in t.rows]
        pad = self.theme.spacing("table_padding", 4)
        # at least the padding and about three characters, whatever widths arrive
        least = 2 * pad + 2 * self.sheet["table_cell"].fontSize
        widths = fit_widths(t.widths or _auto_widths(t), len(t.columns), self.width, least)
        # More columns than the frame holds at that width (--limit table-columns=60):
        # thinner padding, so no cell is left a negative width for its text.
        pad = min(pad, max(0.0, (min(widths, default=0.0) - 2.0) / 2))
        grid = self.theme.spacing("table_grid", 0.5)
        grid_color = self.theme.color("table_grid")
        cmds: list[tuple[Any, ...]] = [
            *self._fonts("table_cell", (0, 0), (-1, -1)),
            *self._fonts("table_header", (0, 0), (-1, 0)),
            ("BACKGROUND", (0, 0), (-1, 0), self.theme.color("table_header")),
            ("LINEABOVE", (0, 0), (-1, 0), grid * 2, self.theme.color("navy")),
            ("LINEBELOW", (0, 0), (-1, 0), grid * 2, self.theme.color("navy")),
            ("LINEBELOW", (0, 1), (-1, -1), grid, grid_color),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *_padding(pad),
        ]
        if len(rows) > 2:
            stripes = [None, self.theme.color("table_stripe")]
            cmds.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), stripes))
        table = DataTable(
            rows,
            colWidths=widths,
            repeatRows=1,
            style=TableStyle(cmds),
            hAlign="LEFT",
            splitInRow=self._min_split("table_cell", pad),
        )
        table.spaceAfter = self.gap
        table.original = True
        return [self.para(caption, "caption"), table]

    def _min_split(self, style: str, padding: float) -> int:
        """Smallest piece of a row a page may hold: three lines and the cell padding.

        (Table's splitInRow is that height in points; 1 would allow an empty sliver.)
        """
        return int(3 * self.sheet[style].leading + 2 * padding + 1)

    def _fonts(
        self, style: str, start: tuple[int, int], stop: tuple[int, int]
    ) -> list[tuple[Any, ...]]:
        s = self.sheet[style]
        return [
            ("FONT", start, stop, s.fontName, s.fontSize, s.leading),
            ("TEXTCOLOR", start, stop, s.textColor),
        ]

    # -- quotes and notes -------------------------------------------------------------

    def quote(self, q: tree.Quote) -> Box:
        blocks = [self.para(q.runs, "quote")]
        if q.by:
            blocks.append(self.para((tree.Run("— "), *q.by), "attribution"))
        indent = self.theme.spacing("quote_indent", 16)
        bar = (self.theme.spacing("quote_bar", 2), self.theme.color("quote_bar"))
        return self._boxed(Box(blocks, self.width - indent, (1, 3, 3, 10), bar=bar, align="RIGHT"))

    def note(self, n: tree.Note) -> Box:
        blocks = [self.plain(n.label, "note_label"), self.para(n.runs, "note")]
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


def _padding(
    all_sides: float, *, left: float | None = None, right: float | None = None
) -> list[tuple[Any, ...]]:
    return [
        ("TOPPADDING", (0, 0), (-1, -1), all_sides),
        ("BOTTOMPADDING", (0, 0), (-1, -1), all_sides),
        ("LEFTPADDING", (0, 0), (-1, -1), all_sides if left is None else left),
        ("RIGHTPADDING", (0, 0), (-1, -1), all_sides if right is None else right),
    ]


def _auto_widths(t: tree.Table) -> tuple[float, ...]:
    """Relative widths from content length when the brief gives none (capped, floored)."""
    weights = []
    for i in range(len(t.columns)):
        cells = [t.columns[i], *(row[i] for row in t.rows if i < len(row))]
        longest = max(len(tree.plain(c)) for c in cells)
        weights.append(min(max(longest, 6), 40))
    total = sum(weights) or 1
    return tuple(w / total for w in weights)
