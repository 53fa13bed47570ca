"""Data tables: caption above, header row that repeats on every page, fixed widths.

A ministry memo numbers its tables and names them above the table ("Таблица 1.
Сравнение маршрутов"), so the caption paragraph comes first, in the Caption style,
kept with the table. The header row is marked ``w:tblHeader`` so Word and LibreOffice
repeat it after a page break; rows do not split across pages.

Except where a row is too long for that: Word and LibreOffice lay out the table, not
briefing, so row heights are estimated from the text's length (``estimated_lines``).
A header row of more than ``HEADER_LINES`` lines (about a third of a page, the PDF's
rule) is not repeated: LibreOffice fails to open a document whose repeated header
row is taller than a page. A row of more than ``UNSPLIT_LINES`` lines may split: Word
clips a row that may not split and is taller than the page. Column widths come from
the tree's relative widths scaled to the text width, with a fixed layout so long
tokens wrap inside their column instead of widening it.

The look is the PDF's, from the "Data Table" style (themed.py: a navy rule above and
below the shaded header row, a thin rule under each row, every other body row tinted
when there are two or more, no vertical lines; a reference made before that style
falls back to its "Table Grid"). The header cells also use the "Table Heading"
paragraph style so the header reads as a header even where a reader ignores
table-style conditional formatting.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.renderers.docx.context import Context
from briefing.renderers.docx.inline import add_runs
from briefing.renderers.docx.ooxml import Element, plain_run, sub, val
from briefing.renderers.widths import fit_widths
from briefing.tree import Inline, Table, plain

# Narrowest column: the default cell margins (2 x 108 twips) and about three characters.
MIN_COLUMN = 567  # twips (1 cm)


def column_widths(table: Table, total: int) -> list[int]:
    """Twips per column, summing exactly to ``total``, none narrower than ``MIN_COLUMN``
    (or an equal share, for more columns than fit): a zero-width gridCol, from a
    column of almost no relative width, is one Word collapses and LibreOffice rejects."""
    n = len(table.columns)
    if n == 0:
        return []
    exact = fit_widths(table.widths, n, total, MIN_COLUMN)
    widths = [max(1, round(w)) for w in exact[:-1]]
    widths.append(max(1, total - sum(widths)))
    return widths


HEADER_LINES = 12  # estimated lines of the tallest header row still repeated
UNSPLIT_LINES = 30  # estimated lines of the tallest row kept on one page
CHAR_TWIPS = 110  # average advance of a table or memo character (9-10 pt), a little wide
CELL_MARGINS = 216  # the default left and right cell margins, 108 twips each


def estimated_lines(cells: Sequence[str], widths: Sequence[int]) -> int:
    """Lines the tallest cell of a row takes, from its length and its column's width
    (an overestimate for ordinary text: it errs towards splitting and not repeating)."""
    lines = 1
    for text, width in zip(cells, widths, strict=False):
        per_line = max(1, (width - CELL_MARGINS) // CHAR_TWIPS)
        for paragraph in text.split("\n"):
            lines = max(lines, -(-len(paragraph) // per_line))
    return lines


def row_properties(tr: Element, cells: Sequence[str], widths: Sequence[int]) -> Element:
    """``w:trPr`` with ``w:cantSplit`` unless the row may be taller than a page."""
    trpr = sub(tr, "w:trPr")
    if estimated_lines(cells, widths) <= UNSPLIT_LINES:
        sub(trpr, "w:cantSplit")
    return trpr


def add_caption(ctx: Context, table: Table) -> None:
    p = ctx.paragraph("Caption")
    if not ctx.referenced(table.anchor):
        plain_run(p, table.label, bold=True)  # the PDF's caption: a bold label, then the text
    else:
        from briefing.renderers.docx.xrefs import add_label

        add_label(ctx, p, table.label, table.anchor)  # its number bookmarked
    if table.caption:
        plain_run(p, ". ")
        add_runs(ctx, p, table.caption)


def add_table(ctx: Context, table: Table) -> None:
    add_caption(ctx, table)
    widths = column_widths(table, ctx.text_width)
    if not widths:  # nothing to lay out; a w:tr without cells would break Word
        return
    tbl = new_table(ctx, "Data Table", widths, header=True, banded=len(table.rows) > 1)
    right = [table.right_aligned(i) for i in range(len(widths))]
    _add_row(ctx, tbl, table.columns, widths, right, header=True)
    for row in table.rows:
        _add_row(ctx, tbl, row, widths, right, header=False)


def new_table(
    ctx: Context, style: str, widths: list[int], *, header: bool, banded: bool = False
) -> Element:
    """A ``w:tbl`` with tblPr (schema order) and tblGrid, appended to the body.

    ``header`` turns on the style's first-row look, ``banded`` its tinted rows (the
    PDF tints every other row only when there are at least two)."""
    tbl = sub(ctx.body, "w:tbl")
    tblpr = sub(tbl, "w:tblPr")
    style_id = ctx.styles.table(style)
    if style_id is not None:
        val(tblpr, "w:tblStyle", style_id)
    sub(tblpr, "w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"})
    sub(tblpr, "w:tblLayout", {"w:type": "fixed"})
    # firstRow is 0x20, noHBand 0x200, noVBand 0x400
    look = (0x20 if header else 0) | (0 if banded else 0x200) | 0x400
    sub(
        tblpr,
        "w:tblLook",
        {
            "w:val": f"{look:04X}",
            "w:firstRow": "1" if header else "0",
            "w:lastRow": "0",
            "w:firstColumn": "0",
            "w:lastColumn": "0",
            "w:noHBand": "0" if banded else "1",
            "w:noVBand": "1",
        },
    )
    grid = sub(tbl, "w:tblGrid")
    for width in widths:
        sub(grid, "w:gridCol", {"w:w": str(width)})
    return tbl


def add_cell(ctx: Context, tr: Element, width: int, style: str) -> Element:
    """A ``w:tc`` of a fixed width holding one empty paragraph in ``style``."""
    tc = sub(tr, "w:tc")
    tcpr = sub(tc, "w:tcPr")
    sub(tcpr, "w:tcW", {"w:w": str(width), "w:type": "dxa"})
    return ctx.paragraph(style, parent=tc)


def _add_row(
    ctx: Context,
    tbl: Element,
    cells: tuple[Inline, ...],
    widths: list[int],
    right: list[bool],
    *,
    header: bool,
) -> None:
    tr = sub(tbl, "w:tr")
    texts = [plain(runs) for runs in cells]
    trpr = row_properties(tr, texts, widths)
    if header and estimated_lines(texts, widths) <= HEADER_LINES:
        sub(trpr, "w:tblHeader")
    style = "Table Heading" if header else "Table Text"
    for runs, width, numbers in zip(cells, widths, right, strict=True):
        # a column of amounts (tree.Table.numeric) is right-aligned, as in the PDF,
        # by its own styles (themed.py), not by direct formatting
        cell = add_cell(ctx, tr, width, f"{style} Number" if numbers else style)
        add_runs(ctx, cell, runs)
