"""The optional contents page (--toc): level 1-2 headings, dot leaders, page numbers, links.

ReportLab's own TableOfContents needs the whole document laid out two or three times
(multiBuild) until the page numbers settle. Here the contents take the same room
whatever the numbers are (a fixed column wide enough for four digits), so one layout
pass is enough: each entry's number is a form XObject, defined when the file is saved
and the page every heading landed on is known (see canvas.BriefCanvas). Each entry is a
link to its heading's named destination, which the heading creates when it is drawn.

Tagged, the page is a TOC with a TOCI per entry, holding a Link: the heading's text,
its page number and the link annotation; the dot leaders are artifacts.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreakIfNotEmpty

from briefing.renderers.pdf import tags
from briefing.renderers.pdf.kit import Kit
from briefing.renderers.pdf.links import internal_link
from briefing.renderers.pdf.outline import Entry, Outline
from briefing.renderers.pdf.tags import Node
from briefing.renderers.pdf.textblock import TextBlock

LEADER_STEP = 4.5  # pt between the dots of the leaders
GAP = 6.0  # pt kept clear before the leaders and before the number column


class ContentsLine(Flowable):  # type: ignore[misc]
    """One entry: the heading (wrapping if long), dot leaders, its page number, a link.

    An entry longer than a page (a heading of thousands of words) splits between its
    lines like a paragraph; the leaders and the number go with its last part, and
    every part links to the heading.
    """

    def __init__(self, title: TextBlock, key: str, number_width: float, last: bool = True) -> None:
        super().__init__()
        self.title = title
        self.key = key
        self.number_width = number_width
        self.last = last  # the part that carries the leaders and the page number
        self.spaceBefore = title.spaceBefore
        self.spaceAfter = title.spaceAfter

    def what(self) -> str:
        """The heading the entry links to, as the link's description."""
        return "".join(p.text for p in self.title.pieces)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = self.title.split(availWidth - self.number_width - GAP, availHeight)
        if len(parts) != 2:
            return []
        head = ContentsLine(parts[0], self.key, self.number_width, last=False)
        return [head, ContentsLine(parts[1], self.key, self.number_width, self.last)]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, h = self.title.wrap(availWidth - self.number_width - GAP, availHeight)
        self.width, self.height = availWidth, h
        return availWidth, h

    def draw(self) -> None:
        canv = self.canv
        self.title.drawOn(canv, 0, 0)
        link = self.title.node
        if not self.last:
            internal_link(canv, self.key, (0, 0, self.width, self.height), link, self.what())
            return
        end, baseline = self.title.last_line_end()
        number_x = self.width - self.number_width
        style = self.title.style
        # dots on a fixed grid, so the leaders of all entries line up
        dot = stringWidth(".", style.fontName, style.fontSize)
        first = (int((end + GAP) / LEADER_STEP) + 1) * LEADER_STEP
        dots = int((number_x - GAP - dot - first) / LEADER_STEP) + 1
        if dots > 0:
            canv.setFont(style.fontName, style.fontSize)
            canv.setFillColor(style.textColor)
            canv.drawString(first, baseline, "." * dots, charSpace=LEADER_STEP - dot)
        canv.saveState()
        canv.translate(number_x, baseline)
        marked = tags.mark(canv, link)  # the number is the link's text too
        canv.doForm(number_form(self.key))
        if marked:
            tags.unmark(canv)
        canv.restoreState()
        internal_link(canv, self.key, (0, 0, self.width, self.height), link, self.what())


def number_form(key: str) -> str:
    return f"briefing-toc-{key}"


def contents(title: str, outline: Outline, kit: Kit, parent: Node) -> list[Any]:
    """Flowables of the contents page for the level 1-2 headings already in ``outline``;
    its structure goes under ``parent``."""
    sheet = kit.sheet
    digits = stringWidth("0000", sheet["toc1"].fontName, sheet["toc1"].fontSize)
    heading = kit.texts.plain(title, "toc_title")
    heading.node = parent.add("H1")
    out: list[Any] = [heading]
    toc = parent.add("TOC")
    for e in outline.entries:
        if e.level <= 1:
            line = kit.texts.plain(e.title, f"toc{e.level + 1}")
            line.node = toc.add("TOCI").add("Link")
            out.append(ContentsLine(line, e.key, digits))
    out.append(PageBreakIfNotEmpty())
    return out


def finisher(outline: Outline, kit: Kit) -> Any:
    """Defines every entry's page-number form once the headings' pages are known."""
    style = kit.sheet["toc1"]
    entries: list[Entry] = [e for e in outline.entries if e.level <= 1]

    def finish(canv: Canvas) -> None:
        digits = stringWidth("0000", style.fontName, style.fontSize)
        for e in entries:
            number = str(outline.pages.get(e.key, ""))
            width = stringWidth(number, style.fontName, style.fontSize)
            canv.beginForm(number_form(e.key), 0, -style.fontSize, digits, 2 * style.fontSize)
            canv.setFillColor(style.textColor)
            canv.setFont(style.fontName, style.fontSize)
            canv.drawString(digits - width, 0, number)
            canv.endForm()

    return finish
