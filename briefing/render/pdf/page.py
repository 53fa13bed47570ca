"""Page furniture: classification marking, running header, footer with "Page X of Y".

The total page count is only known at the end. Rather than the usual recipe (keep
every page's state and replay the pages at the end, which points every bookmark at
page 1), each page's footer label is a form XObject that the page uses now and that is
defined when the canvas is saved, once the total is known (ReportLab allows a form to
be defined after it is used). One layout pass, bookmarks untouched.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from briefing import tree

from . import inline
from .styles import StyleSheet
from .theme import PageGeometry, Theme


class Furniture:
    """Draws everything outside the frame; one instance per rendered document."""

    def __init__(
        self, doc: tree.Document, sheet: StyleSheet, theme: Theme, geo: PageGeometry
    ) -> None:
        self.doc = doc
        self.sheet = sheet
        self.theme = theme
        self.geo = geo
        self.pages = 0
        self.marking_color = theme.marking_color(doc.classification)
        self.rule_color = theme.color("hairline")

    # -- callbacks from the page template ----------------------------------------------

    def on_page(self, canv: Canvas, _doc: Any) -> None:
        page = canv.getPageNumber()
        self.pages = max(self.pages, page)
        if page == 1:
            canv.showOutline()  # open the bookmarks panel
        if self.doc.marking:
            self._marking(canv, self.geo.height - self.geo.marking_top)
        if page > 1:
            self._running_header(canv)

    def on_page_end(self, canv: Canvas, _doc: Any) -> None:
        g = self.geo
        y = g.footer_baseline
        canv.saveState()
        canv.setStrokeColor(self.rule_color)
        canv.setLineWidth(g.rule_width)
        canv.line(g.left, y + 10, g.width - g.right, y + 10)
        canv.restoreState()
        if self.doc.reference is not None:
            foot = self.sheet["footer"]
            ref = _fit(self.doc.reference.value, foot.fontName, foot.fontSize, g.frame_width / 2)
            self._line(canv, ref, "footer", g.left, y, g.frame_width / 2 + 6, "left")
        canv.doForm(self._form_name(canv.getPageNumber()))
        if self.doc.marking:
            self._marking(canv, g.marking_bottom)

    def finish(self, canv: Canvas) -> None:
        """Define each page's "Page X of Y" form, now that the total is known."""
        g = self.geo
        for page in range(1, self.pages + 1):
            canv.beginForm(self._form_name(page))
            label = self.doc.page_label(page, self.pages)
            self._line(
                canv,
                label,
                "footer",
                g.left + g.frame_width / 2,
                g.footer_baseline,
                g.frame_width / 2,
                "right",
            )
            canv.endForm()

    # -- pieces -----------------------------------------------------------------------

    @staticmethod
    def _form_name(page: int) -> str:
        return f"briefing-page-label-{page}"

    def _running_header(self, canv: Canvas) -> None:
        g = self.geo
        y = g.height - g.header_baseline
        style = self.sheet["header"]
        right = self.doc.date
        right_w = stringWidth(right, style.fontName, style.fontSize)
        title = _fit(self.doc.title, style.fontName, style.fontSize, g.frame_width - right_w - 24)
        self._line(canv, title, "header", g.left, y, g.frame_width - right_w - 12, "left")
        self._line(canv, right, "header", g.width - g.right - right_w - 2, y, right_w + 2, "right")
        canv.saveState()
        canv.setStrokeColor(self.rule_color)
        canv.setLineWidth(g.rule_width)
        canv.line(g.left, y - 5, g.width - g.right, y - 5)
        canv.restoreState()

    def _marking(self, canv: Canvas, baseline: float) -> None:
        """The marking, centred in a thin box in its level's colour; never cut, but a
        marking wider than the text column is set smaller until it fits on one line."""
        assert self.doc.marking is not None
        style = self.sheet["marking"]
        text = self.doc.marking
        pad_x, pad_y = 6.0, 3.0
        natural = stringWidth(text, style.fontName, style.fontSize)
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
        markup = f'<font color="{_hex(self.marking_color)}">{self._text(text, "marking")}</font>'
        left = cx - w / 2 - pad_x
        self._draw(canv, markup, "marking", left, baseline, w + 2 * pad_x + 1, "center", size)

    def _line(
        self,
        canv: Canvas,
        text: str,
        style: str,
        x: float,
        baseline: float,
        width: float,
        align: str,
    ) -> None:
        self._draw(canv, self._text(text, style), style, x, baseline, width, align)

    def _text(self, text: str, style: str) -> str:
        return inline.text(text, self.sheet.faces[style], self.sheet.fonts.stack)

    def _draw(
        self,
        canv: Canvas,
        markup: str,
        style: str,
        x: float,
        baseline: float,
        width: float,
        align: str,
        size: float | None = None,
    ) -> None:
        """One line of markup with its first baseline at ``baseline``."""
        base = self.sheet[style]
        size = size or base.fontSize
        ps = base.clone(
            f"{style}-{align}",
            alignment={"left": 0, "center": 1, "right": 2}[align],
            spaceBefore=0,
            spaceAfter=0,
            fontSize=size,
            leading=base.leading * size / base.fontSize,
        )
        p = Paragraph(markup, ps)
        _, h = p.wrap(width, 1000)
        # ReportLab puts the first baseline fontSize below the paragraph's top
        p.drawOn(canv, x, baseline + size - h)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` (header only; page 1 has it whole)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _hex(color: Any) -> str:
    return "#" + str(color.hexval())[2:]


class DeferredCanvas(Canvas):  # type: ignore[misc]
    """A canvas that lets the furniture define the page-label forms before saving."""

    furniture: Furniture | None = None

    def save(self) -> None:
        if self.furniture is not None:
            self.furniture.finish(self)
        super().save()
