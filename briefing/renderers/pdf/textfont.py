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
