"""Page furniture: classification marking, running header, footer with "Page X of Y".

The total page count is only known at the end. Rather than the usual recipe (keep
every page's state and replay the pages at the end, which points every bookmark at
page 1), each page's footer label is a form XObject that the page uses now and that is
defined when the canvas is saved, once the total is known (ReportLab allows a form to
be defined after it is used). One layout pass, bookmarks untouched.

The rest of the furniture is the same on every page, so it is drawn once, as three
more forms (top of page 1, top of later pages, bottom of every page) that each page
uses: less work per page and a smaller file.

A classification marking is never cut (see ``Furniture._layout_marking``): one that
does not fit the text column is set smaller, down to ``MIN_MARKING_SIZE``, then
wrapped onto more lines; the page's frame, running header and footer then move
inwards by the extra lines (``top_extra``, ``bottom_extra``), so nothing overlaps.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from briefing import tree
from briefing.errors import BriefError
from briefing.renderers.pdf import tags
from briefing.renderers.pdf.inline import segments
from briefing.renderers.pdf.kit import Kit
from briefing.renderers.pdf.tags import Node
from briefing.renderers.pdf.textblock import TextBlock, ascent_descent, widths

_TOP_FIRST = "briefing-top-first"
_TOP = "briefing-top"
_BOTTOM = "briefing-bottom"

MIN_MARKING_SIZE = 6.0  # pt: a marking is set no smaller; longer ones wrap instead
MARKING_PAD = (6.0, 3.0)  # pt around the marking's text, inside its box: x, y


class Furniture:
    """Draws everything outside the frame; one instance per rendered document."""

    def __init__(self, doc: tree.Document, kit: Kit) -> None:
        self.doc = doc
        self.sheet = kit.sheet
        self.geo = kit.geo
        self.pages = 0
        self.marking_color = kit.theme.marking_color(doc.classification)
        self.rule_color = kit.theme.color("hairline")
        self.forms: list[tuple[str, Any]] = []  # (name, draw) defined at save
        self.kit = kit
        self.marking_size = 0.0
        self.marking_block: TextBlock | None = None  # set when the marking wraps
        self.marking_node: Node | None = None  # its element in a tagged PDF (document.py)
        self.top_extra = self.bottom_extra = 0.0
        # Every page, or only once in the body of page 1 (front.py): then not here.
        self.marking = doc.marking if kit.theme.data.document.marking == "every_page" else None
        if self.marking:
            self._layout_marking(self.marking)

    # -- callbacks from the page template ----------------------------------------------

    def on_page(self, canv: Canvas, _doc: Any) -> None:
        page = canv.getPageNumber()
        self.pages = max(self.pages, page)
        if page == 1:
            canv.showOutline()  # open the bookmarks panel
        if page == 1:  # the marking's first print is content, its repeats artifacts
            marked = tags.mark(canv, self.marking_node)
            canv.doForm(_TOP_FIRST)
            if marked:
                tags.unmark(canv)
        else:
            canv.doForm(_TOP)

    def on_page_end(self, canv: Canvas, _doc: Any) -> None:
        canv.doForm(_BOTTOM)
        canv.doForm(self._label_form(canv.getPageNumber()))

    def finish(self, canv: Canvas) -> None:
        """Define the forms the pages use, now that the total page count is known."""
        g = self.geo
        self._form(canv, _TOP_FIRST, self._top_marking)
        if self.pages > 1:
            self._form(canv, _TOP, self._top_marking, self._running_header)
        self._form(canv, _BOTTOM, self._footer, self._bottom_marking)
        half = g.frame_width / 2
        for page in range(1, self.pages + 1):
            label = self.doc.page_label(page, self.pages)

            def draw(c: Canvas, label: str = label) -> None:
                y = g.footer_baseline + self.bottom_extra
                self._line(c, label, "footer", g.left + half, y, half, "right")

            self._form(canv, self._label_form(page), draw)

    # -- pieces -----------------------------------------------------------------------

    @staticmethod
    def _form(canv: Canvas, name: str, *draws: Any) -> None:
        canv.beginForm(name)
        for draw in draws:
            draw(canv)
        canv.endForm()

    @staticmethod
    def _label_form(page: int) -> str:
        return f"briefing-page-label-{page}"

    def _footer(self, canv: Canvas) -> None:
        g = self.geo
        y = g.footer_baseline + self.bottom_extra
        self._rule(canv, y + 10)
        if self.doc.reference is not None:
            ref = self._fit(self.doc.reference.value, "footer", g.frame_width / 2)
            self._line(canv, ref, "footer", g.left, y, g.frame_width / 2 + 6, "left")

    def _running_header(self, canv: Canvas) -> None:
        g = self.geo
        y = g.height - g.header_baseline - self.top_extra
        right = self.doc.date
        right_w = self._width(right, "header")
        title = self._fit(self.doc.title, "header", g.frame_width - right_w - 24)
        self._line(canv, title, "header", g.left, y, g.frame_width - right_w - 12, "left")
        self._line(canv, right, "header", g.width - g.right - right_w - 2, y, right_w + 2, "right")
        self._rule(canv, y - 5)

    def _rule(self, canv: Canvas, y: float) -> None:
        g = self.geo
        canv.saveState()
        canv.setStrokeColor(self.rule_color)
        canv.setLineWidth(g.rule_width)
        canv.line(g.left, y, g.width - g.right, y)
        canv.restoreState()

    def _top_marking(self, canv: Canvas) -> None:
        self._marking(canv, self.geo.height - self.geo.marking_top)

    def _bottom_marking(self, canv: Canvas) -> None:
        self._marking(canv, self.geo.marking_bottom + self.bottom_extra)

    def _layout_marking(self, text: str) -> None:
        """Size and lines of the marking, and the room the pages must give it.

        A marking says how a document must be handled; a reader who cannot read it
        whole cannot follow it, so it is never cut or clipped. One that does not fit the
        text column on one line is set smaller, but not below ``MIN_MARKING_SIZE``
        (smaller is unreadable on paper); past that it wraps onto as many centred lines
        as it needs. Each extra line moves the frame, the running header and the
        footer inwards by one leading (``top_extra``, ``bottom_extra``) rather than
        letting the box grow over them or off the page. A marking so long that the
        text would keep less than half of its frame is refused with a BriefError: it
        would have to be printed twice on every page.
        """
        style = self.sheet["marking"]
        pad_x, _ = MARKING_PAD
        natural = self._width(text, "marking")
        room = self.geo.frame_width - 2 * pad_x
        floor = min(style.fontSize, MIN_MARKING_SIZE)
        if natural <= room:
            self.marking_size = style.fontSize
            return
        if natural * floor / style.fontSize <= room:
            self.marking_size = style.fontSize * room / natural
            return
        self.marking_size = floor
        scale = floor / style.fontSize
        wrapped = style.clone(
            "marking@wrapped", fontSize=floor, leading=style.leading * scale,
            alignment=TA_CENTER, leftIndent=0, rightIndent=0, firstLineIndent=0,
        )  # fmt: skip
        pieces = [replace(p, color=self.marking_color) for p in self.kit.texts.pieces(
            (tree.Run(text),), "marking")]  # fmt: skip
        block = TextBlock(pieces, wrapped)
        block.wrap(room, 0xFFFFFFF)
        self.marking_block = block
        extra = (len(block.lines) - 1) * wrapped.leading
        self.top_extra = self.bottom_extra = extra
        if 2 * extra > self.geo.frame_height / 2:
            raise BriefError(
                f"the classification marking ({len(text):,} characters) is too long to print "
                "at the top and bottom of every page: it would take more than half of each "
                "page; shorten it"
            )

    def _marking(self, canv: Canvas, baseline: float) -> None:
        """The marking, centred in a thin box in its level's colour, its first line's
        baseline at ``baseline``; never cut (see ``_layout_marking``)."""
        if not self.marking:
            return
        pad_x, pad_y = MARKING_PAD
        size = self.marking_size
        descent = size * 0.25
        cx = self.geo.width / 2
        block = self.marking_block
        if block is None:
            w = self._width(self.marking, "marking", size)
            lines_below = 0.0
        else:
            w = max(line.width for line in block.lines)
            lines_below = block.height - block.style.leading
        canv.saveState()
        canv.setStrokeColor(self.marking_color)
        canv.setLineWidth(0.8)
        canv.rect(
            cx - w / 2 - pad_x,
            baseline - lines_below - descent - pad_y,
            w + 2 * pad_x,
            size + lines_below + descent + 2 * pad_y - 1,
        )
        canv.restoreState()
        if block is None:
            text = self.marking
            color = self.marking_color
            self._line(canv, text, "marking", cx - w / 2, baseline, w, "center", size, color)
            return
        ascent, _ = ascent_descent(block.style.fontName, size)
        room = block.width
        block.drawOn(canv, cx - room / 2, baseline + ascent - block.height)

    # -- text -------------------------------------------------------------------------

    def _segments(self, text: str, style: str) -> list[tuple[str, str]]:
        face = self.sheet.faces[style]
        return segments(text, face.family, face.bold, face.italic, self.sheet.fonts.stack)

    def _width(self, text: str, style: str, size: float | None = None) -> float:
        size = size or self.sheet[style].fontSize
        return float(sum(stringWidth(p, font, size) for font, p in self._segments(text, style)))

    def _fit(self, text: str, style: str, width: float) -> str:
        """``text`` cut with an ellipsis to fit ``width`` (header and footer only; page 1
        has it whole). One pass over the characters' advance widths: cutting one
        character at a time and measuring again took seconds for a long reference."""
        if self._width(text, style) <= width:
            return text
        size = self.sheet[style].fontSize / 1000.0
        room = width - self._width("…", style)
        used, end = 0.0, 0
        for font, part in self._segments(text, style):
            table = widths(font)
            for ch in part:
                used += table[ch] * size
                if used > room:
                    return text[:end].rstrip() + "…"
                end += 1
        return text[:end].rstrip() + "…"

    def _line(
        self,
        canv: Canvas,
        text: str,
        style: str,
        x: float,
        baseline: float,
        width: float,
        align: str,
        size: float | None = None,
        color: Any = None,
    ) -> None:
        """One line of text, drawn straight on the canvas (no paragraph to lay out),
        in the style's face with fallback faces for characters it lacks."""
        st = self.sheet[style]
        size = size or st.fontSize
        parts = self._segments(text, style)
        if align != "left":
            room = width - sum(stringWidth(part, font, size) for font, part in parts)
            x += room if align == "right" else room / 2
        t = canv.beginText(x, baseline)
        t.setFillColor(color if color is not None else st.textColor)
        for font, part in parts:
            t.setFont(font, size)
            t.textOut(part)
        canv.drawText(t)
