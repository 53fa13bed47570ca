"""Line breaking for TextBlock (textblock.py): where words end, how long ones break.

A paragraph is cut into words at break spaces (``BREAK``), laid out greedily, and each
line's runs of one piece merged so it is drawn with one text operation. The common
paragraph, one piece whose every word fits a line, is laid out by ``one_piece`` from the
words' widths alone; anything else (several faces, colours or links, a token wider
than the column) by TextBlock._layout, word by word, with ``segments`` cutting long
tokens. Both give the same lines for the same text, to the last bit of every width.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from itertools import chain, groupby, repeat
from operator import add, itemgetter

from briefing.renderers.pdf.textfont import widths, word_widths

# Break opportunities: spaces and line breaks, never the no-break spaces (U+00A0,
# U+2007, U+202F) that keep "1 250 ₼" together.
BREAK = re.compile("[ \t\n\r\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]+")
FUZZ = 1e-6


Run = tuple[int, str, float]  # (piece index, text, width)


@dataclass(frozen=True, slots=True)
class Line:
    runs: tuple[Run, ...]
    width: float
    spaces: int  # break spaces inside the line (for justified text)
    broken_at_space: bool  # the space after this line was eaten by the line break


def one_piece(
    text: str, font: str, size: float, avail: float, later: float
) -> tuple[Line, ...] | None:
    """The lines of a paragraph of one piece (index 0) in ``font`` at ``size`` points,
    ``avail`` wide for the first line and ``later`` for the rest; None if a word is
    wider than its line (or the font's space has no width): TextBlock._layout then
    does it word by word. The same lines, widths added in the same order, as there."""
    chunks = BREAK.split(text)
    if not chunks[0]:  # a break before the first word: it has no space before it
        del chunks[0]
    if chunks and not chunks[-1]:
        chunks.pop()
    if not chunks:
        return (Line((), 0.0, 0, False),)
    measure = word_widths(font)
    ws = [measure[chunk] * size for chunk in chunks]
    gap = widths(font)[" "] * size
    if not gap or ws[0] > avail + FUZZ or (len(ws) > 1 and max(ws[1:]) > later + FUZZ):
        return None
    lines: list[Line] = []
    limit = avail + FUZZ
    start, x = 0, ws[0]
    for k in range(1, len(ws)):
        w = ws[k]
        if x + gap + w <= limit:
            x += gap + w
        else:
            lines.append(_line(chunks, ws, gap, start, k, x, True))
            start, x, limit = k, w, later + FUZZ
    lines.append(_line(chunks, ws, gap, start, len(ws), x, False))
    return tuple(lines)


def _line(
    words: list[str], ws: list[float], gap: float, a: int, b: int, x: float, at_space: bool
) -> Line:
    """Words ``a`` to ``b`` as one line of one run: its width added as ``merge`` adds
    a line's word and space runs (0.0, then word, space, word, ... from the left)."""
    if b - a == 1:
        return Line(((0, words[a], ws[a]),), x, 0, at_space)
    spaced = chain.from_iterable(zip(repeat(gap), ws[a + 1 : b]))
    width: float = reduce(add, chain((ws[a],), spaced), 0.0)
    return Line(((0, " ".join(words[a:b]), width),), x, b - a - 1, at_space)


_BREAK_AFTER = frozenset("/.?&=_")


def breaks(text: str) -> list[int]:
    """Where a long URL or token may break: after a run of / . ? & = _, and before a
    hyphen (not after it: a line ending in "-" reads as a word hyphenated at the line
    end, and pdftotext drops such a hyphen when it joins the lines, which would change
    the address; The Chicago Manual of Style breaks URLs before a hyphen for that
    reason)."""
    return [
        k
        for k in range(1, len(text))
        if (text[k - 1] in _BREAK_AFTER and text[k] not in _BREAK_AFTER)
        or (text[k] == "-" and text[k - 1] != "-")
    ]


def segments(
    parts: tuple[Run, ...], fonts: Sequence[str], size: float
) -> list[tuple[list[Run], float]]:
    """A word cut at its break opportunities (``breaks``), each part with its width."""
    cuts = iter([*breaks("".join(text for _, text, _ in parts)), -1])
    cut = next(cuts)
    out: list[tuple[list[Run], float]] = []
    current: list[Run] = []
    current_w = 0.0
    offset = 0  # of this run's text in the word
    for i, text, _ in parts:
        get = widths(fonts[i]).__getitem__
        start = 0
        while cut != -1 and cut - offset < len(text):
            chunk = text[start : cut - offset]
            w = sum(map(get, chunk)) * size
            if chunk:
                current.append((i, chunk, w))
            out.append((current, current_w + w))
            current, current_w, start = [], 0.0, cut - offset
            cut = next(cuts)
        if start < len(text):
            chunk = text[start:]
            w = sum(map(get, chunk)) * size
            current.append((i, chunk, w))
            current_w += w
        offset += len(text)
    if current:
        out.append((current, current_w))
    return out


def merge(runs: list[Run]) -> tuple[Run, ...]:
    """Neighbouring runs of the same piece as one (one text operation to draw).

    Grouped by ``itertools.groupby`` and joined by C loops: a line is mostly words and
    spaces of one piece, and this ran for every line. The widths are added left to
    right from 0.0 (``reduce``), exactly as a running total would."""
    if len(runs) < 2:
        return tuple(runs)
    out: list[Run] = []
    for piece, group in groupby(runs, _PIECE):
        items = list(group)
        if len(items) == 1:
            out.append(items[0])
        else:
            width = reduce(add, map(_WIDTH, items), 0.0)
            out.append((piece, "".join(map(_TEXT, items)), width))
    return tuple(out)


_PIECE, _TEXT, _WIDTH = itemgetter(0), itemgetter(1), itemgetter(2)
