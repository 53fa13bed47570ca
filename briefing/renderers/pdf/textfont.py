"""Font measures for laying out and drawing text: advance widths by character, ascent
and descent, the font object by name; each looked up once per font (and size).

Font names are registered once per process and never change what they stand for
(fonts.py), so the lookups are cached for the life of the process.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont


class _Widths(dict[str, float]):
    """Advance widths of one font by character (1/1000 em); unknown -> the default."""

    default: float = 0.0

    def __missing__(self, ch: str) -> float:
        return self.default


@cache
def widths(font: str) -> _Widths:
    face = getFont(font).face
    table = _Widths({chr(cp): w for cp, w in face.charWidths.items()})
    table.default = face.defaultWidth
    return table


@cache
def ascent_descent(font: str, size: float) -> tuple[float, float]:
    a, d = getAscentDescent(font, size)
    return float(a), float(d)


@cache
def font_of(name: str) -> Any:
    """``pdfmetrics.getFont(name)``: a block looks its fonts up at every font change."""
    return getFont(name)


class _WordWidths(dict[str, float]):
    """Widths of whole words in one font (1/1000 em, the characters' widths added left
    to right, as ``sum`` does): a brief repeats its words, and a word's width is then
    one dictionary lookup instead of a lookup per character. Bounded: a server renders
    brief after brief in one process."""

    __slots__ = ("chars",)
    LIMIT = 50_000

    def __init__(self, chars: _Widths) -> None:
        super().__init__()
        self.chars = chars

    def __missing__(self, word: str) -> float:
        width: float = sum(map(self.chars.__getitem__, word))
        if len(self) >= self.LIMIT:
            self.clear()
        self[word] = width
        return width


@cache
def word_widths(font: str) -> _WordWidths:
    return _WordWidths(widths(font))
