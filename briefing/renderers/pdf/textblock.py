"""A paragraph flowable that lays out pieces of text itself: no markup, one layout a width.

ReportLab's Paragraph takes markup, so user text would have to be escaped exactly
right, and it is general (inline images, super/subscript, underlines, CJK, bidi), which
makes line breaking and drawing the larger part of a render. A brief needs much less:
runs of text in a few faces, colours and links, left/centre/right/justified lines. This
flowable does just that, at several times the speed:

- words break at spaces only (not at no-break spaces); a token wider than its column
  (a long URL, word or number) breaks after ``/ . ? & = _`` or before ``-``, or between
  two characters where it has none, adding no character (no hyphen, no zero-width space),
  so text copied out of the PDF, line breaks removed, is the text the author wrote;
- lines are measured with the fonts' own width tables, laid out once per width;
- a page break may fall between lines, keeping at least two lines on each side.

What the user wrote is only ever drawn as text; nothing in it is interpreted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from briefing.renderers.pdf.linebreak import BREAK, FUZZ, Line, Run, merge, one_piece, segments
from briefing.renderers.pdf.tags import Node
from briefing.renderers.pdf.textdraw import draw
from briefing.renderers.pdf.textfont import ascent_descent, widths, word_widths

__all__ = ["Bullet", "Line", "Piece", "Run", "TextBlock", "ascent_descent", "widths"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of text in one face and colour, perhaps a link."""

    font: str
    text: str
    color: Color
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Bullet:
    """A list marker drawn on the first line, ``x`` points from the block's left edge."""

    text: str
    font: str
    size: float
    color: Color
    x: float


class TextBlock(Flowable):  # type: ignore[misc]
    """One paragraph of ``pieces`` in ``style`` (size, leading, indents, spacing, align).

    ``node`` is its structure element in a tagged PDF (tags.py), ``label`` the element
    of its bullet (a list item's Lbl); without a node the block is drawn as an artifact.
    """

    node: Node | None = None
    label: Node | None = None

    def __init__(
        self,
        pieces: Sequence[Piece],
        style: ParagraphStyle,
        bullet: Bullet | None = None,
        on_draw: Callable[[Any, TextBlock], None] | None = None,
    ) -> None:
        super().__init__()
        self.pieces = tuple(pieces)
        self.style = style
        self.bullet = bullet
        self.on_draw = on_draw  # e.g. put a bookmark where the block lands
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.keepWithNext = style.keepWithNext
        self.first_indent = style.firstLineIndent
        self.lines: tuple[Line, ...] = ()
        self._laid_out_at: float | None = None
        self._words: list[tuple[int | None, tuple[Run, ...], float]] | None = None
        self._only: tuple[Line, ...] | None = None  # a split part: these lines of pieces

    def __repr__(self) -> str:
        text = "".join(p.text for p in self.pieces)
        return f"TextBlock({text[:40]!r}, style={self.style.name!r})"

    # -- layout ---------------------------------------------------------------------------

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._laid_out_at != availWidth:
            self._own_pieces()
            self.lines = self._layout(availWidth)
            self._laid_out_at = availWidth
        self.width = availWidth
        self.height = len(self.lines) * self.style.leading
        return availWidth, self.height

    def _line_widths(self, width: float) -> tuple[float, float]:
        st = self.style
        later = width - st.leftIndent - st.rightIndent
        return later - self.first_indent, later

    def _own_pieces(self) -> None:
        """A split part shares its parent's pieces and lines; to be laid out anew (at
        another width) it first takes the pieces of just its own lines."""
        if self._only is not None:
            self.pieces = _pieces_of(self.pieces, self._only)
            self._only = None
            self._words = None

    def words(self) -> list[tuple[int | None, tuple[Run, ...], float]]:
        """(index of the piece holding the space before it or None, runs, width) per word."""
        self._own_pieces()
        if self._words is not None:
            return self._words
        size = self.style.fontSize / 1000.0
        out: list[tuple[int | None, tuple[Run, ...], float]] = []
        parts: list[Run] = []  # the word being built: it may go on in the next piece
        parts_w = 0.0
        space: int | None = None
        for i, piece in enumerate(self.pieces):
            measure = word_widths(piece.font)
            chunks = BREAK.split(piece.text)  # between two chunks: a break space
            head = chunks[0]
            if head:
                w = measure[head] * size
                parts.append((i, head, w))
                parts_w += w
            if len(chunks) == 1:
                continue
            if parts:
                out.append((space, tuple(parts), parts_w))
            # Chunks between two breaks are whole words of this piece, never empty.
            inner = chunks[1:-1]
            inner_w = [measure[chunk] * size for chunk in inner]
            out += [(i, ((i, c, w),), w) for c, w in zip(inner, inner_w, strict=True)]
            tail = chunks[-1]
            space = i
            if tail:
                w = measure[tail] * size
                parts, parts_w = [(i, tail, w)], 0.0 + w
            else:
                parts, parts_w = [], 0.0
        if parts:
            out.append((space, tuple(parts), parts_w))
        if out and out[0][0] is not None:  # no space before the first word
            out[0] = (None, out[0][1], out[0][2])
        self._words = out
        return out

    def _layout(self, width: float) -> tuple[Line, ...]:
        """Greedy line filling: as many words as fit; a word wider than a whole line is
        cut at its break opportunities (``linebreak.breaks``), or between characters
        where it must. One piece whose words all fit: ``linebreak.one_piece``."""
        size = self.style.fontSize / 1000.0
        pieces = self.pieces
        avail, later = self._line_widths(width)
        if len(pieces) == 1:  # the common paragraph: one face, colour and link
            found = one_piece(pieces[0].text, pieces[0].font, size, avail, later)
            if found is not None:
                return found
        space_w = [widths(p.font)[" "] * size for p in pieces]
        lines: list[Line] = []
        line: list[Run] = []  # the runs of the line being filled, merged when closed
        x = 0.0
        spaces = 0

        def close(at_space: bool) -> None:
            nonlocal line, x, spaces, avail
            lines.append(Line(merge(line), x, spaces, at_space))
            line, x, spaces, avail = [], 0.0, 0, later

        for space, parts, w in self.words():
            sw = space_w[space] if line and space is not None else 0.0
            if x + sw + w <= avail + FUZZ:
                if sw:
                    line.append((space, " ", sw))  # type: ignore[arg-type]
                    spaces += 1
                line.extend(parts)
                x += sw + w
                continue
            if w <= (later if line else avail) + FUZZ:  # fits a line of its own
                if line:
                    close(space is not None)
                line.extend(parts)
                x = w
                continue
            # Wider than a whole line (a long URL): fill this line and the next ones,
            # breaking only after / . ? & = _ or before - (``linebreak.breaks``); a stretch with
            # none of them wider than a line is cut between characters. Nothing is
            # added at a break.
            for n, (segment, seg_w) in enumerate(segments(parts, [p.font for p in pieces], size)):
                gap = sw if n == 0 else 0.0
                if line and x + gap + seg_w > avail + FUZZ:
                    close(n == 0 and space is not None)
                    gap = 0.0
                if gap:
                    line.append((space, " ", gap))  # type: ignore[arg-type]
                    spaces += 1
                    x += gap
                if x + seg_w <= avail + FUZZ:
                    line.extend(segment)
                    x += seg_w
                    continue
                for i, text, _ in segment:  # on a line of its own, and still too wide
                    table = widths(pieces[i].font)
                    start, chunk_w = 0, 0.0
                    for k, ch in enumerate(text):
                        cw = table[ch] * size
                        if x + cw > avail + FUZZ and (line or k > start):
                            if k > start:
                                line.append((i, text[start:k], chunk_w))
                            close(False)
                            start, chunk_w = k, 0.0
                        x += cw
                        chunk_w += cw
                    if start < len(text):
                        line.append((i, text[start:], chunk_w))
        if line or not lines:
            lines.append(Line(merge(line), x, spaces, False))
        return tuple(lines)

    def minWidth(self) -> float:
        return max((w for _, _, w in self.words()), default=0.0)

    # -- page breaks ----------------------------------------------------------------------

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        # Split the lines as last laid out, as Paragraph does: a table asks to split a
        # cell with the column's width, not the narrower width it laid the cell out at.
        if self._laid_out_at is None:
            self.wrap(availWidth, availHeight)
        width = self._laid_out_at
        assert width is not None
        n = len(self.lines)
        fit = int((availHeight + FUZZ) // self.style.leading)
        if fit >= n:
            return [self]
        if n - fit == 1:  # no widow: give the last line company
            fit -= 1
        if fit < 2:  # no orphan: move the whole paragraph
            return []
        head = self._part(self.lines[:fit], width)
        head.spaceAfter = 0
        head.keepWithNext = 0
        tail = self._part(self.lines[fit:], width)
        tail.spaceBefore = 0
        tail.first_indent = 0
        tail.bullet = None
        tail.on_draw = None
        return [head, tail]

    def _part(self, lines: tuple[Line, ...], width: float) -> TextBlock:
        """A block of some of the lines, already laid out: a paragraph split over many
        pages is laid out once, not once per page."""
        part = TextBlock(self.pieces, self.style, self.bullet, self.on_draw)
        part.node, part.label = self.node, self.label  # one element over all the pages
        part.first_indent = self.first_indent
        part.spaceBefore = self.spaceBefore
        part.keepWithNext = self.keepWithNext
        part.lines = lines
        part._only = lines
        part._laid_out_at = width
        return part

    # -- drawing --------------------------------------------------------------------------

    def draw(self) -> None:
        draw(self)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """``Flowable.drawOn`` with the same output (``q``, the ``cm`` that moves to the
        block, ``Q``), saving only the canvas state drawing a block changes: its matrix
        (``translate``) and graphics-state parameters (a fill alpha). ReportLab's copies
        all 22 state attributes out and back, for every block of every page."""
        if getattr(self, "_showBoundary", None):  # a frame's debugging outline
            super().drawOn(canvas, x, y, _sW)
            return
        x = self._hAlignAdjust(x, _sW)
        matrix, params = canvas._currentMatrix, canvas._extgstate
        canvas._extgstate = params.pushCopy()
        # Canvas.translate(x, y) after a "q", whose cm it never merges with: the same
        # operator and matrix (the same products as Canvas.transform, same floats).
        code = canvas._code
        code.append("q")
        code.append(f"1 0 0 1 {fp_str(x, y)} cm")
        a, b, c, d, e, f = matrix
        canvas._currentMatrix = (
            a * 1 + c * 0,
            b * 1 + d * 0,
            a * 0 + c * 1,
            b * 0 + d * 1,
            a * x + c * y + e,
            b * x + d * y + f,
        )
        self.canv = canvas
        self.draw()
        del self.canv
        code.append("Q")
        canvas._currentMatrix, canvas._extgstate = matrix, params

    def last_line_end(self) -> tuple[float, float]:
        """(x after the last line's text, its baseline), for leaders in the contents."""
        st = self.style
        ascent, _ = ascent_descent(st.fontName, st.fontSize)
        n = len(self.lines)
        x = st.leftIndent + (self.first_indent if n == 1 else 0.0) + self.lines[-1].width
        return x, self.height - ascent - (n - 1) * st.leading


def _pieces_of(pieces: tuple[Piece, ...], lines: Sequence[Line]) -> tuple[Piece, ...]:
    """The pieces that make up ``lines`` (with the spaces eaten by line breaks back),
    so the rest of a split paragraph can be laid out again at another width."""
    out: list[Piece] = []
    for n, line in enumerate(lines):
        for i, chunk, _ in line.runs:
            out.append(replace(pieces[i], text=chunk))
        if line.broken_at_space and n < len(lines) - 1 and line.runs:
            out.append(replace(pieces[line.runs[-1][0]], text=" "))
    return tuple(out)
