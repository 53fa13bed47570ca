"""Two languages side by side: one PDF, the first language left, the second right.

The blocks of each language are built by the single-language builders (blocks.py,
front.py, lists.py, tables.py, figures.py) at the width of a half column, so a
paragraph, list, quote, note or figure looks exactly as in the memo of its language.
Each block of the left tree and its counterpart of the right are put in one
:class:`Columns` flowable, which lays the two out next to each other, top edges level;
the shorter side leaves space. A list is paired item by item, the title block line by
line, the memo block row by row. When a pair does not fit the rest of a page it
splits both sides there, so the next page starts with the rest of both, still level.

A data table that does not fit a half column (a word of a cell wider than its column
there) is set full width, once per language, one under the other; so is a chart that
would cut a label there (charts.draw.fits). "Prepared by" goes with the end of what it
closes (keep.closing), as in the single-language memo.

The page furniture, bookmarks and contents print the words of both languages on one
line: document.py renders with the joined tree of briefing/bilingual.py for those.

Tagged (the default): each language's elements are in a Sect with its /Lang, so a
screen reader reads the whole of one language, then the whole of the other, each with
its own voice; the document's /Lang is the first language's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, PageBreakIfNotEmpty

from briefing import tree
from briefing.bilingual import Pair, furniture, joined, same_shape
from briefing.renderers.options import RenderOptions
from briefing.renderers.pdf import contents, front
from briefing.renderers.pdf.blocks import Blocks
from briefing.renderers.pdf.boxes import Rows
from briefing.renderers.pdf.keep import closing
from briefing.renderers.pdf.kit import Kit
from briefing.renderers.pdf.outline import Outline, heading
from briefing.renderers.pdf.tables import auto_widths, table
from briefing.renderers.widths import fit_widths
from briefing.templates import Template

GUTTER = 18.0  # pt between the two columns


def render(
    pair: Pair, template: Template, options: RenderOptions, outline: Outline | None = None
) -> bytes:
    """The side-by-side PDF of ``pair``; ``outline`` as in document.render."""
    from briefing.renderers.pdf.document import render as render_pdf

    if not same_shape(pair):  # a bug of the caller: two localizations always match
        raise ValueError("the two documents of a pair are not of the same brief")
    return render_pdf(furniture(pair), template, options, outline, Story(pair).build)


class Columns(Flowable):  # type: ignore[misc]
    """Two stacks of flowables side by side, top edges level; as tall as the taller.

    Split at a page's end, each side keeps what fits there (splitting its block where
    that block allows) and the rest of both goes on together, so the two still start
    level on the next page. If one side cannot start here at all, the pair moves
    whole (unless at the top of a frame, where moving would not help).
    """

    def __init__(self, left: list[Any], right: list[Any], gutter: float = GUTTER) -> None:
        super().__init__()
        self.sides = (left, right)
        self.gutter = gutter
        firsts = [s[0] for s in self.sides if s]
        lasts = [s[-1] for s in self.sides if s]
        self.spaceBefore = max((f.getSpaceBefore() for f in firsts), default=0)
        self.spaceAfter = max((f.getSpaceAfter() for f in lasts), default=0)
        self.keepWithNext = int(any(f.getKeepWithNext() for f in lasts))
        self._placed: list[list[tuple[Any, float, float, float]]] = [[], []]

    def column(self, avail: float) -> float:
        return max((avail - self.gutter) / 2, 1.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w = self.column(availWidth)
        self.width = availWidth
        self._placed = [self._stack(side, w, availHeight) for side in self.sides]
        self.height = max((p[-1][1] + p[-1][3] for p in self._placed if p), default=0.0)
        return availWidth, self.height

    def _stack(self, side: list[Any], w: float, aH: float) -> list[tuple[Any, float, float, float]]:
        """(flowable, top offset, width, height) of each, spacing collapsed as a frame does."""
        out, used, after = [], 0.0, 0.0
        for n, f in enumerate(side):
            fw, h = f.wrapOn(self.canv, w, aH)
            if n:
                used += max(f.getSpaceBefore() - after, 0)
            out.append((f, used, fw, h))
            used += h
            after = f.getSpaceAfter()
        return out

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight:
            return [self]
        w = self.column(availWidth)
        cut = [self._cut(side, w, availHeight) for side in self.sides]
        frame = self._doctemplateAttr("frame")
        at_top = frame is not None and getattr(frame, "_atTop", False)
        if not any(head for head, _ in cut):
            return []
        if not at_top and any(
            side and not head for side, (head, _) in zip(self.sides, cut, strict=True)
        ):
            return []  # one side cannot start here: both start on the next page
        head = Columns(cut[0][0], cut[1][0], self.gutter)
        tail = Columns(cut[0][1], cut[1][1], self.gutter)
        head.spaceBefore, head.spaceAfter, head.keepWithNext = self.spaceBefore, 0, 0
        tail.spaceBefore, tail.spaceAfter = 0, self.spaceAfter
        return [head, tail]

    def _cut(self, side: list[Any], w: float, aH: float) -> tuple[list[Any], list[Any]]:
        """What of ``side`` fits ``aH`` (its last block split if it allows), and the rest."""
        head: list[Any] = []
        used, after = 0.0, 0.0
        for n, f in enumerate(side):
            _, h = f.wrapOn(self.canv, w, aH)
            gap = max(f.getSpaceBefore() - after, 0) if n else 0.0
            room = aH - used - gap
            if h <= room:
                head.append(f)
                used += gap + h
                after = f.getSpaceAfter()
                continue
            parts = f.splitOn(self.canv, w, room) if room > 0 else []
            if len(parts) > 1:
                return [*head, parts[0]], [*parts[1:], *side[n + 1 :]]
            return head, side[n:]
        return head, []

    def draw(self) -> None:
        w = self.column(self.width)
        for x, placed in zip((0.0, w + self.gutter), self._placed, strict=True):
            for f, top, fw, h in placed:
                f.drawOn(self.canv, x, self.height - top - h, _sW=w - fw)


class Story:
    """The story of one side-by-side PDF: both trees walked in step."""

    def __init__(self, pair: Pair) -> None:
        self.pair = pair

    def build(self, doc: tree.Document, main: Blocks, k: Kit, options: RenderOptions) -> list[Any]:
        """Title and memo block, [contents,] the body in reading order, as
        document.build_story makes it, each part paired with its counterpart."""
        half = self.half_kit(k)
        left, right = Blocks(half, main.outline), Blocks(half, Outline())
        a, b = self.pair.docs
        left.parent = main.root.add("Sect", Lang=a.lang_tag)
        right.parent = main.root.add("Sect", Lang=b.lang_tag)
        # each language's notes numbered in its own order, under its own column
        column = half.geo.frame_width
        self.notes = (
            main.footnotes.side("-1", 0.0, column),
            main.footnotes.side("-2", column + GUTTER, column),
        )
        self.k, self.left, self.right, self.main = k, left, right, main
        head = self.front(a, b)
        body: list[Any] = []
        for pa, pb in zip(a.reading_order(), b.reading_order(), strict=True):
            if isinstance(pa, tree.MemoRow) and isinstance(pb, tree.MemoRow):
                body += closing(body, self.prepared_by(pa, pb))  # with what it closes
            elif isinstance(pa, tree.SectionNode) and isinstance(pb, tree.SectionNode):
                body += self.section(pa, pb)
        toc: list[Any] = []
        if options.toc:  # made last, to know every heading; read first of all
            sects = main.root.kids[:]
            toc = contents.contents(doc.contents_title, main.outline, k, main.root)
            main.root.kids = [*main.root.kids[len(sects) :], *sects]
        return head + toc + body

    @staticmethod
    def half_kit(k: Kit) -> Kit:
        """The kit with the frame of one column: every builder sizes to it."""
        g = k.geo
        return replace(k, geo=replace(g, right=g.right + (g.frame_width + GUTTER) / 2))

    def pairs(self, fa: list[Any], fb: list[Any]) -> list[Any]:
        return [Columns(fa, fb)] if fa or fb else []

    # -- front matter -----------------------------------------------------------------

    def front(self, a: tree.Document, b: tree.Document) -> list[Any]:
        theme = self.k.theme
        la = front.title_block(a, self.left, theme)
        lb = front.title_block(b, self.right, theme)
        out: list[Any] = []
        from briefing.renderers.pdf.figures import Picture, letterhead

        if la and isinstance(la[0], Picture):
            la, lb = la[1:], lb[1:]  # the letterhead once, full width
            out += [f for f in (letterhead(self.k),) if f is not None]
        for fa, fb in zip(la, lb, strict=True):
            if isinstance(fa, Rows) and isinstance(fb, Rows):
                for ra, rb in zip(fa.rows, fb.rows, strict=True):
                    out += self.pairs([Rows([ra], fa.label_width)], [Rows([rb], fb.label_width)])
            elif _is_rule(fa):
                fa.width = self.k.geo.frame_width  # one rule across both columns
                out.append(fa)
            else:
                out += self.pairs([fa], [fb])
        return out

    def prepared_by(self, ra: tree.MemoRow, rb: tree.MemoRow) -> list[Any]:
        theme = self.k.theme
        rule, rows_a = front.prepared_by(ra, self.left, theme)
        _, rows_b = front.prepared_by(rb, self.right, theme)
        rule.width = self.k.geo.frame_width
        rule.keepWithNext = 1
        return [rule, *self.pairs([rows_a], [rows_b])]

    # -- body -------------------------------------------------------------------------

    def section(self, a: tree.SectionNode, b: tree.SectionNode) -> list[Any]:
        out: list[Any] = []
        if a.page_break_before:
            out.append(PageBreakIfNotEmpty())
        level = min(max(a.level, 1), 3)
        style = f"heading{level}"
        ha = self.left.tag(self.left.plain(a.heading, style), f"H{level}")
        hb = self.right.tag(self.right.plain(b.heading, style), f"H{level}")
        heading(ha, self.main.outline, joined(a.heading, b.heading), level - 1)
        self.notes[0].anchor(ha, a.anchor, a.heading)
        self.notes[1].anchor(hb, b.anchor, b.heading)
        out += self.pairs([ha], [hb])
        for x, y in zip(a.blocks, b.blocks, strict=True):
            out += self.block(x, y)
        for ca, cb in zip(a.children, b.children, strict=True):
            out += self.section(ca, cb)
        return out

    def block(self, x: tree.BlockNode, y: tree.BlockNode) -> list[Any]:
        if isinstance(x, tree.Table) and isinstance(y, tree.Table) and self.wide(x, y):
            gap = self.main.gap  # full width, once per language, one under the other
            with self.notes[0].active():
                wide = table(x, self.k, gap, self.left.parent)
            with self.notes[1].active():
                wide += table(y, self.k, gap, self.right.parent)
            return wide
        if isinstance(x, tree.Figure) and isinstance(y, tree.Figure):
            xc, yc = in_column(x, self.k), in_column(y, self.k)
            half = self.left.width
            if not chart_fits(xc, self.k, half) or not chart_fits(yc, self.k, half):
                from briefing.renderers.pdf.figures import figure

                gap = self.main.gap  # as a wide table: full width, once per language
                with self.notes[0].active():
                    wide = figure(x, self.k, gap, self.left.parent)
                with self.notes[1].active():
                    wide += figure(y, self.k, gap, self.right.parent)
                return wide
            x, y = xc, yc
        with self.notes[0].active():
            fa = self.left.block(x)
        with self.notes[1].active():
            fb = self.right.block(y)
        if isinstance(x, tree.ListBlock) and len(fa) == len(fb):
            return [f for pa, pb in zip(fa, fb, strict=True) for f in self.pairs([pa], [pb])]
        return self.pairs(fa, fb)

    def wide(self, x: tree.Table, y: tree.Table) -> bool:
        half = self.left.width
        return too_wide(x, self.k, half) or too_wide(y, self.k, half)


def _is_rule(f: Any) -> bool:
    return isinstance(f, HRFlowable)


def in_column(f: tree.Figure, k: Kit) -> tree.Figure:
    """``f`` with its width a share of the half column: the size it has on the page
    (its ``width`` is a share of the text width), or the column's if that is less."""
    ratio = k.geo.frame_width / half_width(k)
    return replace(f, width=min(f.width * ratio, 1.0))


def chart_fits(f: tree.Figure, k: Kit, half: float) -> bool:
    """Whether ``f`` (sized by in_column) is no chart, or a chart whose every label shows
    whole in ``half`` (charts.draw.fits): a category label cut to "Secu…" or a legend
    name cut in a column would leave the reader guessing, so such a chart is set full
    width instead, once per language, as a wide table is."""
    if not isinstance(f.content, tree.Chart):
        return True
    from briefing.charts.draw import fits
    from briefing.charts.style import chart_style

    width = half * min(max(f.width, 0.05), 1.0)
    return fits(f.content, width, chart_style(k.theme.template, pdf=True))


def half_width(k: Kit) -> float:
    """The width of one column."""
    return (k.geo.frame_width - GUTTER) / 2


def too_wide(t: tree.Table, k: Kit, width: float) -> bool:
    """Whether ``t`` needs more than ``width``: a word of some cell (header or body)
    wider than its column there, padding included, so it would be broken inside."""
    pad = k.theme.spacing("table_padding", 4)
    least = 2 * pad + 2 * k.sheet["table_cell"].fontSize
    widths = fit_widths(t.widths or auto_widths(t), len(t.columns), width, least)
    for i, room in enumerate(widths):
        for n, row in enumerate((t.columns, *t.rows)):
            if i >= len(row):
                continue
            style = k.sheet["table_header" if n == 0 else "table_cell"]
            longest = max(
                (
                    stringWidth(w, style.fontName, style.fontSize)
                    for w in tree.plain(row[i]).split()
                ),
                default=0.0,
            )
            if longest + 2 * pad > room:
                return True
    return False
