"""Two languages side by side: one DOCX, the first language left, the second right.

The structure is the one translators build by hand in Word, and the one an editor can
work in: a borderless table of two columns, one row per block (a heading, paragraph,
list item, quote, note, figure, memo row), the first language in the left cell, its
counterpart in the right. Word sets the two cells of a row level at the top and lets
a row break across pages, so the blocks stay aligned however long either side is;
Tab moves from a block to its translation. Inside the cells the paragraphs are the
single-language memo's, written by the same builders (blocks.py, lists.py, front.py,
figures.py) with the same styles, at the width of a cell.

A data table that does not fit a half column (renderers/pdf/bilingual.too_wide), or a
chart that would cut a label there (pdf/bilingual.chart_fits), ends the two-column
table; it is set full width, once per language, one under the other, and the next
block opens a new two-column table. The rules the PDF draws across the page (under the
title and memo blocks, over "Prepared by") are drawn across both columns here too.

Every run of a cell carries its language (``w:lang``), so Word and LibreOffice
spell-check each column in its own language; the document's default is the first's.
The header and footer print both languages on one line (briefing/bilingual.py).

Footnotes are Word's, in both columns (notes.py): Word numbers them through the
document in reading order, the left cell before the right, so a note of the first
language and its translation get consecutive numbers (1 and 2, then 3 and 4) and sit
together at the foot of the page, in their own languages. Cross-references lead to
their own column's targets (xrefs.py).
"""

from __future__ import annotations

from dataclasses import replace

from docx.document import Document as DocxDocument

from briefing import tree
from briefing.bilingual import Pair, furniture, same_shape
from briefing.renderers.docx.blocks import add_blocks
from briefing.renderers.docx.contents import add_bookmark, add_toc
from briefing.renderers.docx.context import Context
from briefing.renderers.docx.document import finish, start
from briefing.renderers.docx.inline import add_runs
from briefing.renderers.docx.language import lang_of
from briefing.renderers.docx.lists import STYLES, add_items
from briefing.renderers.docx.ooxml import Element, clark, plain_run, sub, val
from briefing.renderers.docx.package import save
from briefing.renderers.docx.paired import (
    add_figure,
    date_line,
    figures_in_columns,
    keep_last,
    rule_row,
    short,
)
from briefing.renderers.options import RenderOptions
from briefing.templates import Template

GUTTER = 360  # twips between the columns (the PDF's 18 pt)


def render(pair: Pair, template: Template, options: RenderOptions | None = None) -> bytes:
    """The finished side-by-side .docx of ``pair``."""
    return save(build_document(pair, template, options or RenderOptions()))


def build_document(pair: Pair, template: Template, options: RenderOptions) -> DocxDocument:
    if not same_shape(pair):  # a bug of the caller: two localizations always match
        raise ValueError("the two documents of a pair are not of the same brief")
    joined = furniture(pair)
    document, ctx, sect_pr = start(template, options)
    w = Writer(ctx, pair)
    a, b = pair.docs
    ctx.apparatus.trees = (a, b)  # each column's bookmarks are its own (xrefs.py)
    w.front(a, b, marking_here=template.theme.document.marking != "every_page")
    if options.toc:
        w.close()
        add_toc(ctx, joined, heading_pages(pair, template, options))
        ctx.paragraph("Body Text", page_break_before=True)
    for pa, pb in zip(a.reading_order(), b.reading_order(), strict=True):
        if isinstance(pa, tree.MemoRow) and isinstance(pb, tree.MemoRow):
            w.keep_last()  # "Prepared by" never starts a page alone
            w.rule(before=14, after=4, keep_next=True)
            w.row(lambda c, r=pa: memo_row(c, r), lambda c, r=pb: memo_row(c, r))
        elif isinstance(pa, tree.SectionNode) and isinstance(pb, tree.SectionNode):
            w.section(pa, pb)
    w.close()
    finish(document, ctx, sect_pr, joined, template, options)
    return document


def heading_pages(pair: Pair, template: Template, options: RenderOptions) -> list[int]:
    """The page of every heading as the side-by-side PDF lays them out (contents.py)."""
    from briefing.renderers.pdf.bilingual import render as render_pdf
    from briefing.renderers.pdf.outline import Outline

    outline = Outline()
    render_pdf(pair, template, replace(options, toc=True, pdf_tags=False, pdf_standard=()), outline)
    return [outline.pages.get(entry.key, 0) for entry in outline.entries]


class Writer:
    """Rows of the current two-column table; a new table after anything full width."""

    def __init__(self, ctx: Context, pair: Pair) -> None:
        self.ctx = ctx
        self.body = ctx.body
        self.full = ctx.text_width
        self.cell = (self.full + GUTTER) // 2  # each grid column, gutter halves included
        self.tags = (pair.left.lang_tag, pair.right.lang_tag)
        self.tbl: Element | None = None

    # -- the table --------------------------------------------------------------------

    def close(self) -> None:
        self.tbl = None

    def _table(self) -> Element:
        if self.tbl is not None:
            return self.tbl
        tbl = self.tbl = sub(self.body, "w:tbl")
        pr = sub(tbl, "w:tblPr")
        sub(pr, "w:tblW", {"w:w": str(2 * self.cell), "w:type": "dxa"})
        # The cell margins make the gutter; pulled left by one, the text lines up with
        # the page's margins on both sides.
        sub(pr, "w:tblInd", {"w:w": str(-(GUTTER // 2)), "w:type": "dxa"})
        borders = sub(pr, "w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            sub(borders, f"w:{edge}", {"w:val": "nil"})
        sub(pr, "w:tblLayout", {"w:type": "fixed"})
        margins = sub(pr, "w:tblCellMar")
        for edge, size in (
            ("top", 0),
            ("left", GUTTER // 2),
            ("bottom", 0),
            ("right", GUTTER // 2),
        ):
            sub(margins, f"w:{edge}", {"w:w": str(size), "w:type": "dxa"})
        val(pr, "w:tblLook", "0000")
        grid = sub(tbl, "w:tblGrid")
        for _ in range(2):
            sub(grid, "w:gridCol", {"w:w": str(self.cell)})
        return tbl

    def row(self, *writers: object) -> None:
        """One row: each writer fills its cell (the context's body is the cell, its text
        width the cell's); each cell's runs get that column's language."""
        tr = sub(self._table(), "w:tr")
        ctx = self.ctx
        for side, (write, tag) in enumerate(zip(writers, self.tags, strict=True)):
            tc = sub(tr, "w:tc")
            sub(sub(tc, "w:tcPr"), "w:tcW", {"w:w": str(self.cell), "w:type": "dxa"})
            ctx.body, ctx.text_width, ctx.apparatus.side = tc, self.cell - GUTTER, side
            notes = _notes_written(ctx)
            try:
                write(ctx)  # type: ignore[operator]
            finally:
                ctx.body, ctx.text_width, ctx.apparatus.side = self.body, self.full, 0
            last = tc[-1]
            if last.tag != clark("w:p"):  # a cell ends with a paragraph (a nested table)
                sub(tc, "w:p")
            set_run_language(tc, tag)
            _notes_language(ctx, notes, tag)
        if short(tr, self.cell - GUTTER):
            tr.insert(0, tr.makeelement(clark("w:trPr"), {}))
            sub(tr[0], "w:cantSplit")

    def rule(self, before: float, after: float, keep_next: bool = False) -> None:
        """The PDF's hairline across both columns: a row of its own (paired.rule_row)."""
        rule_row(self.ctx, self._table(), 2 * self.cell, before, after, keep_next)

    def keep_last(self) -> None:
        """What was written last kept on the page of what comes next (paired.keep_last)."""
        keep_last(self.body)

    def full_width(self, *blocks: tree.Table | tree.Figure) -> None:
        """Tables or charts set across the page, one under the other, each in its
        language."""
        self.close()
        for side, (block, tag) in enumerate(zip(blocks, self.tags, strict=True)):
            before, notes = len(self.body), _notes_written(self.ctx)
            self.ctx.apparatus.side = side
            try:
                if isinstance(block, tree.Figure):
                    add_figure(self.ctx, block)
                else:
                    add_blocks(self.ctx, (block,))
            finally:
                self.ctx.apparatus.side = 0
            for element in self.body[before:]:
                set_run_language(element, tag)
            _notes_language(self.ctx, notes, tag)

    # -- parts ------------------------------------------------------------------------

    def front(self, a: tree.Document, b: tree.Document, marking_here: bool) -> None:
        """The title block and memo block, line by line and row by row."""
        ctx = self.ctx
        if ctx.template is not None and ctx.template.theme.logo is not None:
            from briefing.renderers.docx.figures import add_logo

            add_logo(ctx, ctx.template, ctx.paragraph("Document Type"))
        if marking_here and a.marking and b.marking:
            self.pair_text("Marking First Page", a.marking, b.marking)
        self.pair_text("Document Type", a.doc_type, b.doc_type)
        self.pair_text("Title", a.title, b.title)
        if a.subtitle and b.subtitle:
            self.pair_text("Subtitle", a.subtitle, b.subtitle)
        self.row(lambda c: date_line(c, a), lambda c: date_line(c, b))
        self.close()  # the style's rule once, across both columns and level, as the PDF's
        rule = ctx.paragraph("Date Line")
        sub(rule[0], "w:spacing", {"w:before": "0", "w:line": "20", "w:lineRule": "exact"})
        for ra, rb in zip(a.memo, b.memo, strict=True):
            self.row(lambda c, r=ra: memo_row(c, r), lambda c, r=rb: memo_row(c, r))
        if a.memo:
            self.rule(before=4, after=10)

    def pair_text(self, style: str, ta: str, tb: str) -> None:
        self.row(
            lambda c: plain_run(c.paragraph(style), ta), lambda c: plain_run(c.paragraph(style), tb)
        )

    def section(self, a: tree.SectionNode, b: tree.SectionNode) -> None:
        if a.page_break_before:
            self.close()
            self.ctx.paragraph("Body Text", page_break_before=True)
        level = min(max(a.level, 1), 3)
        index = self.ctx.headings_written
        mark = self.ctx.bookmark_headings

        def heading(c: Context, s: tree.SectionNode, first: bool) -> None:
            p = c.paragraph(f"Heading {level}", keep_next=True)
            if not c.referenced(s.anchor):
                plain_run(p, s.heading)
            else:
                from briefing.renderers.docx.xrefs import add_heading

                add_heading(c, p, s)
            if first and mark:
                add_bookmark(p, index)  # the contents point at the left heading

        self.row(lambda c: heading(c, a, True), lambda c: heading(c, b, False))
        self.ctx.headings_written += 1
        for x, y in zip(a.blocks, b.blocks, strict=True):
            self.block(x, y)
        for ca, cb in zip(a.children, b.children, strict=True):
            self.section(ca, cb)

    def block(self, x: tree.BlockNode, y: tree.BlockNode) -> None:
        if isinstance(x, tree.Table) and isinstance(y, tree.Table) and _too_wide(self.ctx, x, y):
            self.full_width(x, y)
        elif isinstance(x, tree.Figure) and isinstance(y, tree.Figure):
            placed = figures_in_columns(self.ctx, x, y)
            if placed is None:  # a chart whose labels a column would cut
                self.full_width(x, y)
            else:
                self.row(lambda c: add_figure(c, placed[0]), lambda c: add_figure(c, placed[1]))
        elif isinstance(x, tree.ListBlock) and isinstance(y, tree.ListBlock):
            self.list(x, y)
        else:
            self.row(lambda c: add_blocks(c, (x,)), lambda c: add_blocks(c, (y,)))

    def list(self, x: tree.ListBlock, y: tree.ListBlock) -> None:
        """One row per item (its nested list with it); each column's items are one
        numbered list, so the numbers go on from row to row."""
        numbering = self.ctx.numbering
        if x.ordered:  # a definition per column: see Numbering.new_numbered_twin
            nums = [numbering.new_numbered(), numbering.new_numbered_twin()]
        else:
            nums = [numbering.bullets, numbering.bullets]
        style = STYLES[x.ordered][0]

        def item(c: Context, it: tree.ListItem, num: int) -> None:
            p = c.paragraph(style, num=(num, 0))
            add_runs(c, p, it.runs)
            if c.referenced(it.anchor):
                from briefing.renderers.docx.xrefs import mark_runs

                mark_runs(c, it.anchor, p)
            if it.children is not None:
                add_items(c, it.children, 1, None)

        for ia, ib in zip(x.items, y.items, strict=True):
            self.row(lambda c, it=ia: item(c, it, nums[0]), lambda c, it=ib: item(c, it, nums[1]))


def memo_row(ctx: Context, row: tree.MemoRow) -> None:
    """A memo row in its cell: the "Prepared by" paragraph (label, tab, value in the
    memo block's two columns) without the rule and the space that open the closing."""
    p = ctx.paragraph("Prepared By")
    ppr = p[0]
    sub(sub(ppr, "w:pBdr"), "w:top", {"w:val": "nil"})
    sub(ppr, "w:spacing", {"w:before": "0", "w:after": "60"})
    plain_run(p, row.label, bold=True)
    plain_run(p, f"\t{row.value}")


def _too_wide(ctx: Context, x: tree.Table, y: tree.Table) -> bool:
    """The PDF's rule (pdf/bilingual.too_wide), so both formats set the same tables
    full width; measured with the template's fonts (the PDF kit is cached)."""
    from briefing.renderers.pdf.bilingual import half_width, too_wide
    from briefing.renderers.pdf.kit import kit

    if ctx.template is None:
        return False
    k = kit(ctx.template)
    half = half_width(k)
    return too_wide(x, k, half) or too_wide(y, k, half)


def _notes_written(ctx: Context) -> int:
    return 0 if ctx.apparatus.footnotes is None else ctx.apparatus.footnotes.count


def _notes_language(ctx: Context, before: int, tag: str) -> None:
    """The notes a cell's text referenced, in the cell's language (they live in the
    footnotes part, not in the cell)."""
    if ctx.apparatus.footnotes is not None and ctx.apparatus.footnotes.count > before:
        for note in ctx.apparatus.footnotes.since(before):
            set_run_language(note, tag)


def set_run_language(element: Element, tag: str) -> None:
    """``w:lang`` on every run under ``element`` (rPr created first where missing)."""
    for run in element.iter(clark("w:r")):
        rpr = run.find(clark("w:rPr"))
        if rpr is None:
            rpr = run.makeelement(clark("w:rPr"), {})
            run.insert(0, rpr)
        lang_of(rpr).set(clark("w:val"), tag)
