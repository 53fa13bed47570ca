"""Page furniture: classification marking, running header, footer with "Page X of Y".

The total page count is only known at the end. Rather than the usual recipe (keep
every page's state and replay the pages at the end, which points every bookmark at
page 1), each page's footer label is a form XObject that the page uses now and that is
defined when the canvas is saved, once the total is known (ReportLab allows a form to
be defined after it is used). One layout pass, bookmarks untouched.

The rest of the furniture is the same on every page, so it is drawn once, as three
more forms (top of page 1, top of later pages, bottom of every page) that each page
uses: less work per page and a smaller file.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from briefing import tree

from .inline import segments
from .kit import Kit

_TOP_FIRST = "briefing-top-first"
_TOP = "briefing-top"
_BOTTOM = "briefing-bottom"


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

    # -- callbacks from the page template ----------------------------------------------

    def on_page(self, canv: Canvas, _doc: Any) -> None:
        page = canv.getPageNumber()
        self.pages = max(self.pages, page)
        if page == 1:
            canv.showOutline()  # open the bookmarks panel
        canv.doForm(_TOP_FIRST if page == 1 else _TOP)

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
                self._line(c, label, "footer", g.left + half, g.footer_baseline, half, "right")

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
        y = g.footer_baseline
        self._rule(canv, y + 10)
        if self.doc.reference is not None:
            ref = self._fit(self.doc.reference.value, "footer", g.frame_width / 2)
            self._line(canv, ref, "footer", g.left, y, g.frame_width / 2 + 6, "left")

    def _running_header(self, canv: Canvas) -> None:
        g = self.geo
        y = g.height - g.header_baseline
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
        self._marking(canv, self.geo.marking_bottom)

    def _marking(self, canv: Canvas, baseline: float) -> None:
        """The marking, centred in a thin box in its level's colour; never cut, but a
        marking wider than the text column is set smaller until it fits on one line."""
        if not self.doc.marking:
            return
        style = self.sheet["marking"]
        text = self.doc.marking
        pad_x, pad_y = 6.0, 3.0
        natural = self._width(text, "marking")
        room = self.geo.frame_width - 2 * pad_x
        size = style.fontSize if natural <= room else max(4.0, style.fontSize * room / natural)
        w = natural * size / style.fontSize
        cx = self.geo.width / 2
        descent = size * 0.25
        canv.saveState()
        canv.setStrokeColor(self.marking_color)
        canv.setLineWidth(0.8)
        canv.rect(
            cx - w / 2 - pad_x,
            baseline - descent - pad_y,
            w + 2 * pad_x,
            size + descent + 2 * pad_y - 1,
        )
        canv.restoreState()
        self._line(
            canv, text, "marking", cx - w / 2, baseline, w, "center", size, self.marking_color
        )

    # -- text -------------------------------------------------------------------------

    def _segments(self, text: str, style: str) -> list[tuple[str, str]]:
        face = self.sheet.faces[style]
        return segments(text, face.family, face.bold, face.italic, self.sheet.fonts.stack)

    def _width(self, text: str, style: str, size: float | None = None) -> float:
        size = size or self.sheet[style].fontSize
        return float(sum(stringWidth(p, font, size) for font, p in self._segments(text, style)))

    def _fit(self, text: str, style: str, width: float) -> str:
        """``text`` cut with an ellipsis to fit ``width`` (header only; page 1 has it whole)."""
        if self._width(text, style) <= width:
            return text
        while text and self._width(text + "…", style) > width:
            text = text[:-1]
        return text.rstrip() + "…"

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
