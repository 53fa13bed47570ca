"""Drawing a laid-out TextBlock: its lines as one PDF text object, written directly.

A paragraph's lines become one ``BT ... ET`` text object: a text origin (``Tm``) or
next-line (``T*``) per line, word spacing for justified lines, a font, colour, marked
sequence (tags.py) or link where a piece changes. ReportLab's text object writes the
same operators, but with several Python calls per run, each looking the font up and
formatting its numbers again; in a long brief that was the largest part of drawing.
Here the operators are made as strings and the runs are encoded by fastfont.Shows,
giving the bytes ReportLab's ``PDFTextObject`` gave (``setTextOrigin``, ``textLine``,
``setWordSpace``, ``setFont``, ``setFillColor``, ``_textOut``): fonts other than our
TrueType ones and colours other than plain RGB still go through a text object.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.textobject import PDFTextObject

from briefing.renderers.pdf.fastfont import Shows, shows
from briefing.renderers.pdf.links import link
from briefing.renderers.pdf.tags import ENTER_ARTIFACT, LEAVE_ARTIFACT, Node, Tagger, TextMarks
from briefing.renderers.pdf.textfont import ascent_descent, font_of

if TYPE_CHECKING:
    from briefing.renderers.pdf.textblock import TextBlock


class _Text:
    """The state of the text object being written (what ReportLab's keeps, and only
    that): its operators, the font and subset current, the fill colour and alpha."""

    __slots__ = ("_code", "alpha", "canv", "color", "fallback", "font", "shows", "subset", "tail")

    def __init__(self, canv: Any, code: list[str]) -> None:
        self.canv = canv
        self._code = code  # the name ReportLab's ExtGState writes to (``gs``)
        self.color: Color | None = None
        self.alpha: float | None = None  # the fill alpha this text object has set
        self.font: str | None = None
        self.shows: Shows | None = None
        self.subset = -1
        self.tail = ""  # "<size> Tf <leading> TL"
        self.fallback: PDFTextObject | None = None

    def set_font(self, name: str, size: float, leading: float) -> None:
        """``setFont``: nothing is written for a TrueType font until text comes."""
        self.font = name
        self.subset = -1
        self.shows = shows(font_of(name), self.canv._doc, self.canv._escape)
        if self.shows is not None:
            self.tail = _tail(size, leading)
        else:
            self._text_object().setFont(name, size, leading)

    def show(self, chunk: str) -> None:
        """``_textOut(chunk)`` in the current font."""
        face = self.shows
        if face is None:
            text = self._text_object()
            text._textOut(chunk)
            self.subset = text._curSubset
        else:
            escaped = face.escaped
            escaped.missed = False
            body = chunk.translate(escaped)
            if escaped.missed or not chunk:  # a character not (yet) coded in subset 0
                shown, self.subset = face.show(chunk, self.subset, self.tail)
            elif self.subset != 0:
                shown = f"{face.name(0)} {self.tail} ({body}) Tj"
                self.subset = 0
            else:
                shown = f"({body}) Tj"
            self._code.append(shown)

    def fill(self, color: Color) -> None:
        """``setFillColor(color)``; the alpha is applied only when it changes (within
        one text object nothing else touches it)."""
        self.color = color
        canv = self.canv
        if type(color) is not Color or getattr(canv, "_enforceColorSpace", None):
            self._text_object().setFillColor(color)  # CMYK or a colour space
            self.alpha = None
            return
        self._code.append(_rg(color.red, color.green, color.blue))
        alpha = color.alpha
        if alpha is not None and alpha != self.alpha:
            if not (isinstance(alpha, float | int) and 0 <= alpha <= 1):
                raise ValueError(f"setFillAlpha invalid value {alpha!r}")
            canv._doc.ensureMinPdfVersion("transparency")
            canv._extgstate.set(self, "ca", alpha)
            self.alpha = float(alpha)

    def _text_object(self) -> PDFTextObject:
        """A ReportLab text object writing into these operators, for what the fast
        path does not do; its font and subset are kept in step with ours."""
        text = self.fallback
        if text is None:
            text = self.fallback = PDFTextObject(self.canv)
            text._code = self._code
        text._curSubset = self.subset
        return text


@lru_cache(maxsize=64)
def _tail(size: float, leading: float) -> str:
    return f"{fp_str(size)} Tf {fp_str(leading)} TL"


@lru_cache(maxsize=256)  # a template's few colours; bounded all the same
def _rg(red: float, green: float, blue: float) -> str:
    return f"{fp_str((red, green, blue))} rg"


def draw(block: TextBlock) -> None:
    """Draw ``block``'s lines on its canvas (``Flowable.draw``), marked as its element
    in a tagged document, with its links."""
    canv = block.canv
    if block.on_draw is not None:
        block.on_draw(canv, block)
    st = block.style
    size, leading = st.fontSize, st.leading
    ascent, descent = ascent_descent(st.fontName, size)
    first_avail, later = block._line_widths(block.width)
    y = block.height - ascent
    tagger: Tagger | None = getattr(canv, "tagger", None)
    node = block.node if tagger is not None else None
    if node is not None:
        canv._code.append(LEAVE_ARTIFACT)
    code = ["BT", "1 0 0 1 0 0 Tm" if canv.bottomup else "1 0 0 -1 0 0 Tm"]
    origin = "1 0 0 1 %s Tm" if canv.bottomup else "1 0 0 -1 %s Tm"
    text = _Text(canv, code)
    marks = TextMarks(tagger, canv, code) if tagger is not None and node is not None else None
    pieces = block.pieces
    if block.bullet is not None:  # first, so text extraction reads "1." before the item
        b = block.bullet
        if marks is not None:
            marks.to(block.label or node)  # type: ignore[arg-type]
        code.append(origin % fp_str(b.x, y))
        text.set_font(b.font, b.size, leading)
        text.fill(b.color)
        text.show(b.text)
        if b.size != size:
            text.font = None  # the pieces set their own size
    link_nodes: dict[int, Node] = {}  # piece -> its Link element, in this part
    links: list[tuple[str, float, float, float, int]] = []
    lines = block.lines
    last = len(lines) - 1
    spacing = 0.0
    line_x: float | None = None
    align = st.alignment
    for n, line in enumerate(lines):
        x = st.leftIndent + (block.first_indent if n == 0 else 0.0)
        extra = (first_avail if n == 0 else later) - line.width
        word_space = 0.0
        if align == TA_RIGHT:
            x += extra
        elif align == TA_CENTER:
            x += extra / 2
        elif align == TA_JUSTIFY and n < last and line.spaces and extra > 0:
            word_space = extra / line.spaces
        if n and x == line_x:
            code.append(" T*")  # the next line, one leading down; no numbers to write
        else:
            code.append(origin % fp_str(x, y))
            line_x = x
        if word_space != spacing:
            code.append(f"{fp_str(word_space)} Tw")
            spacing = word_space
        for i, chunk, w in line.runs:
            piece = pieces[i]
            if piece.font != text.font:
                text.set_font(piece.font, size, leading)
            if piece.color is not text.color:
                text.fill(piece.color)
            if marks is not None:
                target = node
                if piece.link:
                    target = link_nodes.get(i) or link_nodes.setdefault(i, node.add("Link"))  # type: ignore[union-attr]
                marks.to(target)  # type: ignore[arg-type]
            text.show(chunk)
            if word_space:
                w += word_space * chunk.count(" ")
            if piece.link:
                prev = links[-1] if links else None
                if prev and prev[0] == piece.link and prev[3] == y and abs(prev[2] - x) < 0.01:
                    links[-1] = (piece.link, prev[1], x + w, y, i)
                else:
                    links.append((piece.link, x, x + w, y, i))
            x += w
        if marks is not None and line.broken_at_space and n < last:
            # The space the break ate, without width: words stay apart when read.
            marks.to(marks.open or node)  # type: ignore[arg-type]
            code.append("0 Tz")
            text.show(" ")
            code.append("100 Tz")
        y -= leading
    if marks is not None:
        marks.close()
    code.append("ET")
    canv._code.append(" ".join(code))
    if node is not None:
        canv._code.append(ENTER_ARTIFACT)
    for url, x0, x1, base, i in links:  # one shared action per target (links.py)
        link(canv, url, (x0, base + descent, x1, base + ascent), link_nodes.get(i))
