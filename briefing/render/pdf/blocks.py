"""Body blocks of the tree -> flowables: paragraphs, lists, tables, quotes, notes.

Every table here sets its font in its TableStyle (a cell otherwise defaults to
Helvetica even when it holds a Paragraph), every list sets its bullet font (ListFlowable
defaults to Helvetica too), and all text goes through inline.markup, which escapes it.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    PageBreakIfNotEmpty,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from briefing import tree

from . import inline
from .outline import Outline, heading
from .styles import StyleSheet
from .theme import Theme


class Blocks:
    """Turns sections and blocks into flowables for one document and template."""

    def __init__(self, sheet: StyleSheet, theme: Theme, width: float, outline: Outline) -> None:
        self.sheet = sheet
        self.theme = theme
        self.width = width
        self.outline = outline
        self.link_color = "#" + str(theme.color("link").hexval())[2:]
        self.fallbacks = sheet.fonts.stack
        self.gap = theme.spacing("block", 7)
        self.table_count = 0

    # -- text -------------------------------------------------------------------------

    def para(self, runs: tree.Inline, style: str) -> Paragraph:
        return Paragraph(
            inline.markup(runs, self.sheet.faces[style], self.fallbacks, self.link_color),
            self.sheet[style],
        )

    def plain(self, value: str, style: str) -> Paragraph:
        return Paragraph(self.text(value, style), self.sheet[style])

    def text(self, value: str, style: str) -> str:
        return inline.text(value, self.sheet.faces[style], self.fallbacks)

    # -- structure --------------------------------------------------------------------

    def section(self, s: tree.Section) -> list[Any]:
        out: list[Any] = []
        if s.page_break_before:
            out.append(PageBreakIfNotEmpty())
        level = min(max(s.level, 1), 3)
        style = f"heading{level}"
        out.append(
            heading(
                self.text(s.heading, style), self.sheet[style], self.outline, s.heading, level - 1
            )
        )
        for b in s.blocks:
            out.extend(self.block(b))
        for child in s.children:
            out.extend(self.section(child))
        return out

    def block(self, b: tree.Block) -> list[Any]:
        if isinstance(b, tree.Paragraph):
            return [self.para(b.runs, "body")]
        if isinstance(b, tree.ListBlock):
            return [self.list_block(b, 0)]
        if isinstance(b, tree.Table):
            return self.table(b)
        if isinstance(b, tree.Quote):
            return [self.quote(b)]
        if isinstance(b, tree.Note):
            return [self.note(b)]
        raise TypeError(f"unknown block {type(b).__name__}")  # a bug: the tree is closed

    # -- lists ------------------------------------------------------------------------

    def list_block(self, lb: tree.ListBlock, level: int) -> ListFlowable:
        """One list; numbering starts at 1 for each (a new ListFlowable each time)."""
        body = self.sheet["bullet"]
        items = []
        for item in lb.items:
            flow: list[Any] = [self.para(item.runs, "bullet")]
            if item.children is not None:
                flow.append(self.list_block(item.children, level + 1))
            items.append(ListItem(flow))
        indent = self.theme.spacing("list_indent", 15)
        common: dict[str, Any] = {
            "bulletFontName": self.sheet.fonts.body.regular,
            "bulletFontSize": body.fontSize,
            "bulletColor": self.theme.named_color("lists", "bullet_color", "text"),
            "spaceBefore": 0,
            "spaceAfter": self.gap if level == 0 else 0,
        }
        if lb.ordered:
            pattern = _pick(self.theme.strings("lists", "numbers", ["1."]), level)
            fmt = pattern.replace("1", "%s", 1)
            widest = stringWidth(fmt % len(lb.items), common["bulletFontName"], body.fontSize)
            return ListFlowable(
                items, bulletType="1", start=1, bulletFormat=fmt,
                leftIndent=max(indent, widest + 5), **common,
            )  # fmt: skip
        bullet = _pick(self.theme.strings("lists", "bullets", ["•"]), level)
        return ListFlowable(items, bulletType="bullet", start=bullet, leftIndent=indent, **common)

    # -- tables -----------------------------------------------------------------------

    def table(self, t: tree.Table) -> list[Any]:
        caption = f"<b>{self.text(t.label, 'caption')}</b>"
        if t.caption:
            caption += ". " + inline.markup(
                t.caption, self.sheet.faces["caption"], self.fallbacks, self.link_color
            )
        rows = [[self.para(c, "table_header") for c in t.columns]]
        rows += [[self.para(c, "table_cell") for c in row] for row in t.rows]
        widths = [w * self.width for w in (t.widths or _auto_widths(t))]
        pad = self.theme.spacing("table_padding", 4)
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
        table = Table(
            rows,
            colWidths=widths,
            repeatRows=1,
            style=TableStyle(cmds),
            hAlign="LEFT",
            splitInRow=self._min_split("table_cell", pad),
        )
        table.spaceAfter = self.gap
        cap = Paragraph(caption, self.sheet["caption"])
        return [cap, table]

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

    def quote(self, q: tree.Quote) -> Table:
        cell: list[Any] = [self.para(q.runs, "quote")]
        if q.by:
            by = "— " + inline.markup(
                q.by, self.sheet.faces["attribution"], self.fallbacks, self.link_color
            )
            cell.append(Paragraph(by, self.sheet["attribution"]))
        indent = self.theme.spacing("quote_indent", 16)
        bar = self.theme.spacing("quote_bar", 2)
        cmds = [
            *self._fonts("quote", (0, 0), (-1, -1)),
            ("LINEBEFORE", (0, 0), (0, -1), bar, self.theme.color("quote_bar")),
            *_padding(3, left=10),
            ("TOPPADDING", (0, 0), (-1, 0), 1),
        ]
        return self._boxed(cell, self.width - indent, cmds, "RIGHT", "quote")

    def note(self, n: tree.Note) -> Table:
        cell = [self.plain(n.label, "note_label"), self.para(n.runs, "note")]
        pad = self.theme.spacing("note_padding", 8)
        back: Color = self.theme.color("note_back")
        cmds = [
            *self._fonts("note", (0, 0), (-1, -1)),
            ("BACKGROUND", (0, 0), (-1, -1), back),
            (
                "LINEBEFORE",
                (0, 0),
                (0, -1),
                self.theme.spacing("note_bar", 3),
                self.theme.color("note_border"),
            ),
            *_padding(pad, left=pad + 2, right=pad),
        ]
        return self._boxed(cell, self.width, cmds, "LEFT", "note")

    def _boxed(
        self, cell: list[Any], width: float, cmds: list[Any], align: str, style: str
    ) -> Table:
        """A one-cell table (bar, background); it splits only with 3 lines on each side."""
        split = self._min_split(style, 6)
        t = Table(
            [[cell]], colWidths=[width], style=TableStyle(cmds), hAlign=align, splitInRow=split
        )
        t.spaceBefore = 2
        t.spaceAfter = self.gap + 2
        return t

    def spacer(self, height: float) -> Spacer:
        return Spacer(self.width, height)


def _pick(values: list[str], level: int) -> str:
    return values[min(level, len(values) - 1)]


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
    total = sum(weights)
    return tuple(w / total for w in weights)
