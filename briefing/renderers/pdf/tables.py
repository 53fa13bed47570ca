"""Data tables: built from the tree's tables, split between rows, header repeated.

``table`` turns a tree.Table into its caption and a DataTable: column widths from the
brief (or from content length), the template's fonts, colours and padding set in the
TableStyle (a cell otherwise defaults to Helvetica even when it holds only flowables).

DataTable splits between rows and repeats its header, without stray headers. Where it
starts on a page (not at the top) it puts at least its header and ``FIRST_ROWS`` body
rows there, or moves: a caption over a header and a single row reads as an accident.
ReportLab's Table with ``splitInRow`` first splits between rows; the rest of the table
(header repeated) then goes into whatever room is left on the same page, where it
splits again, this time inside a row: a second header row mid-page with a sliver of a
row under it. Here a table splits inside a row only where that is the only way on: at
the top of a frame, or for a table whose first rows (header and first body row) are
taller than a whole frame. Otherwise the rest goes to the next page.

A header row taller than a third of the frame is not repeated (``HEADER_SHARE``).
Repeating it would leave each later page little or no room for the rows it heads (a
header taller than a frame could never be placed again: ReportLab never splits
inside a repeated row), so such a table prints its header once, like any other row,
split across pages if it must be. Cutting the header to fit was the other choice; it
was not taken because the cut text would be lost from that page's reading and from a
screen reader's, while a header printed once is whole.
"""

from __future__ import annotations

import copy
from typing import Any

from reportlab.platypus import Table, TableStyle

from briefing import tree
from briefing.renderers.pdf.footnotes import anchor
from briefing.renderers.pdf.kit import Kit
from briefing.renderers.pdf.tags import Node
from briefing.renderers.pdf.textblock import TextBlock
from briefing.renderers.widths import fit_widths

HEADER_SHARE = 1 / 3  # of the frame's height: the tallest header row still repeated
FIRST_ROWS = 2  # body rows that go with the header (and caption) where the table starts


class DataTable(Table):  # type: ignore[misc]
    original = False  # set on the table the renderer made; its split parts are not

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self._calc(availWidth, availHeight)
        self._repeat_only_short_header()
        between: list[Any] = self._splitRows(availHeight, doInRowSplit=False)
        if between:
            return _repeats_untagged(between) if self._enough_first_rows(between) else []
        if self.splitInRow and self._must_split_in_row():
            inside: list[Any] = self._splitRows(availHeight, doInRowSplit=True)
            lower = self._height - self.splitInRow
            if not inside and self.splitInRow <= lower < availHeight:
                # ReportLab refuses a split that leaves less than splitInRow below it
                # (a last row a little taller than the frame): cut higher up instead.
                inside = self._splitRows(lower, doInRowSplit=True)
            return _repeats_untagged(inside)
        return []

    def _repeat_only_short_header(self) -> None:
        """Stop repeating a header row taller than ``HEADER_SHARE`` of the frame; the
        parts split from this table inherit the setting (ReportLab copies it)."""
        frame = self._doctemplateAttr("frame")
        if not self._repeated() or frame is None or not self._rowHeights:
            return
        if self._rowHeights[0] > frame._height * HEADER_SHARE:
            self.repeatRows = 0

    def _enough_first_rows(self, parts: list[Any]) -> bool:
        """Whether the first part of a split holds the table's first ``FIRST_ROWS``
        body rows (its caption is kept with them); a part at a frame's top may hold one."""
        if len(parts) < 2 or not self.original:
            return True
        frame = self._doctemplateAttr("frame")
        if frame is None or getattr(frame, "_atTop", False):
            return True
        body = len(parts[0]._rowHeights) - 1  # the original's first part: header + rows
        return body >= min(FIRST_ROWS, len(self._rowHeights) - 1)

    def _repeated(self) -> int:
        """How many header rows repeat (the renderer sets 1 or 0)."""
        return int(getattr(self, "repeatRows", 0) or 0)

    def _must_split_in_row(self) -> bool:
        frame = self._doctemplateAttr("frame")
        if frame is None or getattr(frame, "_atTop", False):
            return True
        first = sum(self._rowHeights[: self._repeated() + 1])  # header (if repeated) + a row
        return bool(self.original and first > frame._height)


def _repeats_untagged(parts: list[Any]) -> list[Any]:
    """The header a later part repeats is an artifact in a tagged PDF: the reader met
    it, as TH elements, where the table starts (ReportLab's ``_cellvalues``)."""
    for part in parts[1:]:
        for r in range(min(part.repeatRows, len(part._cellvalues))):
            part._cellvalues[r] = [_untagged(c) for c in part._cellvalues[r]]
    return parts


def _untagged(cell: Any) -> Any:
    if getattr(cell, "node", None) is None:
        return cell
    twin = copy.copy(cell)
    twin.node = None
    return twin


def table(t: tree.Table, kit: Kit, gap: float, parent: Node) -> list[Any]:
    """The caption, then the table; ``gap`` is the space after it, as after any block.

    Its structure goes under ``parent``: Table > Caption, THead > TR > TH (column
    scope), TBody > TR > TD."""
    sheet, theme, para = kit.sheet, kit.theme, kit.texts.block
    caption = (
        tree.Run(t.label, bold=True),
        *((tree.Run(". "), *t.caption) if t.caption else ()),
    )
    node = parent.add("Table")
    title = para(caption, "caption")  # first: its footnotes come before the cells'
    anchor(title, t.anchor, t.label)
    head, body = Node("THead"), Node("TBody")  # added after the caption
    rows = [[para(c, _style("table_header", t, i)) for i, c in enumerate(t.columns)]]
    rows += [[para(c, _style("table_cell", t, i)) for i, c in enumerate(row)] for row in t.rows]
    _tag_rows(rows[:1], head, "TH", scope="Column")
    _tag_rows(rows[1:], body, "TD")
    pad = theme.spacing("table_padding", 4)
    # at least the padding and about three characters, whatever widths arrive
    least = 2 * pad + 2 * sheet["table_cell"].fontSize
    widths = fit_widths(t.widths or auto_widths(t), len(t.columns), kit.geo.frame_width, least)
    # More columns than the frame holds at that width (--limit table-columns=60):
    # thinner padding, so no cell is left a negative width for its text.
    pad = min(pad, max(0.0, (min(widths, default=0.0) - 2.0) / 2))
    grid = theme.spacing("table_grid", 0.5)
    grid_color = theme.color("table_grid")
    cmds: list[tuple[Any, ...]] = [
        *_fonts(kit, "table_cell", (0, 0), (-1, -1)),
        *_fonts(kit, "table_header", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), theme.color("table_header")),
        ("LINEABOVE", (0, 0), (-1, 0), grid * 2, theme.color("navy")),
        ("LINEBELOW", (0, 0), (-1, 0), grid * 2, theme.color("navy")),
        ("LINEBELOW", (0, 1), (-1, -1), grid, grid_color),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *_padding(pad),
    ]
    if len(rows) > 2:
        stripes = [None, theme.color("table_stripe")]
        cmds.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), stripes))
    data = DataTable(
        rows,
        colWidths=widths,
        repeatRows=1,
        style=TableStyle(cmds),
        hAlign="LEFT",
        splitInRow=_min_split(kit, "table_cell", pad),
    )
    data.spaceAfter = gap
    data.original = True
    title.node = node.add("Caption")
    node.kids += [head, body]
    return [title, data]


def _tag_rows(rows: list[list[TextBlock]], group: Node, role: str, **attrs: Any) -> None:
    for row in rows:
        tr = group.add("TR")
        for cell in row:
            cell.node = tr.add(role, **attrs)


def _style(name: str, t: tree.Table, column: int) -> str:
    """The cell style of ``column``: its right-aligned twin for a column of numbers."""
    return f"{name}:right" if t.right_aligned(column) else name


def _min_split(kit: Kit, style: str, padding: float) -> int:
    """Smallest piece of a row a page may hold: three lines and the cell padding.

    (Table's splitInRow is that height in points; 1 would allow an empty sliver.)
    """
    return int(3 * kit.sheet[style].leading + 2 * padding + 1)


def _fonts(
    kit: Kit, style: str, start: tuple[int, int], stop: tuple[int, int]
) -> list[tuple[Any, ...]]:
    s = kit.sheet[style]
    return [
        ("FONT", start, stop, s.fontName, s.fontSize, s.leading),
        ("TEXTCOLOR", start, stop, s.textColor),
    ]


def _padding(
    all_sides: float, *, left: float | None = None, right: float | None = None
) -> list[tuple[Any, ...]]:
    return [
        ("TOPPADDING", (0, 0), (-1, -1), all_sides),
        ("BOTTOMPADDING", (0, 0), (-1, -1), all_sides),
        ("LEFTPADDING", (0, 0), (-1, -1), all_sides if left is None else left),
        ("RIGHTPADDING", (0, 0), (-1, -1), all_sides if right is None else right),
    ]


def auto_widths(t: tree.Table) -> tuple[float, ...]:
    """Relative widths from content length when the brief gives none (capped, floored);
    the side-by-side memo measures a table's fit in a half column with the same."""
    weights = []
    for i in range(len(t.columns)):
        cells = [t.columns[i], *(row[i] for row in t.rows if i < len(row))]
        longest = max(len(tree.plain(c)) for c in cells)
        weights.append(min(max(longest, 6), 40))
    total = sum(weights) or 1
    return tuple(w / total for w in weights)
