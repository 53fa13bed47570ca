"""The one-piece line breaker gives exactly the lines of the general one.

linebreak.one_piece lays out the common paragraph (one piece, every word fits a line)
from its words' widths alone; TextBlock._layout does any paragraph word by word. For
the same text they must agree to the last bit of every width, or drawing (positions,
justified spacing, link rectangles) would change with the path taken. Each case is
laid out both ways, with the fast path switched off for the second.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.enums import TA_JUSTIFY

from briefing.renderers.pdf import linebreak, textblock
from briefing.renderers.pdf.kit import Kit, kit
from briefing.renderers.pdf.linebreak import Line
from briefing.renderers.pdf.textblock import Piece, TextBlock
from briefing.templates import load_template

WORDS = ["a", "of", "the", "Baku", "Azərbaycan", "Хартия", "1\u00a0250\u00a0₼", "(2027)", "—"]
SPACES = [" ", " ", " ", "  ", "\n", "\u2003", "\t"]


@pytest.fixture(scope="module")
def memo() -> Kit:
    return kit(load_template("memo"))


def both_ways(block: TextBlock, width: float) -> Iterator[tuple[Line, ...]]:
    yield block._layout(width)
    setattr(textblock, "one_piece", lambda *args: None)  # noqa: B010 (as textblock sees it)
    try:
        block._words = None
        yield block._layout(width)
    finally:
        setattr(textblock, "one_piece", linebreak.one_piece)  # noqa: B010


def check(memo: Kit, text: str, style: str, width: float, indent: float = 0.0) -> bool:
    """Lay ``text`` out both ways and compare; True if the fast path took it."""
    st_ = memo.sheet[style]
    block = TextBlock([Piece(st_.fontName, text, st_.textColor)], st_)
    block.first_indent = indent
    fast, general = both_ways(block, width)
    assert fast == general
    avail, later = block._line_widths(width)
    return linebreak.one_piece(text, st_.fontName, st_.fontSize / 1000, avail, later) is not None


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=60),
    spaces=st.lists(st.sampled_from(SPACES), min_size=61, max_size=61),
    ends=st.tuples(st.sampled_from(["", " ", "\n "]), st.sampled_from(["", " ", "  "])),
    width=st.floats(min_value=20, max_value=500),
    style=st.sampled_from(["body", "heading1", "note", "quote"]),
)
def test_one_piece_equals_word_by_word(
    memo: Kit,
    words: list[str],
    spaces: list[str],
    ends: tuple[str, str],
    width: float,
    style: str,
) -> None:
    text = ends[0] + "".join(w + s for w, s in zip(words, spaces, strict=False)).rstrip() + ends[1]
    took_fast_path = check(memo, text, style, width)
    if width >= 150:  # wider than any of the words: the fast path, not the fallback
        assert took_fast_path


@pytest.mark.parametrize(
    "text",
    ["", " ", "word", "two words", "  lead and trail  ", "x" * 400, "a " * 300],
)
@pytest.mark.parametrize("width", [5.0, 60.0, 462.0472])
def test_edges(memo: Kit, text: str, width: float) -> None:
    took_fast_path = check(memo, text, "body", width)
    assert took_fast_path == ((width > 5 and not text.startswith("xxx")) or not text.strip())


def test_first_line_indent_and_justified(memo: Kit) -> None:
    """A first-line indent narrows line one only; justification does not change the
    lines (only how they are drawn)."""
    text = " ".join(WORDS * 12)
    for indent in (0.0, 18.0, 200.0):
        check(memo, text, "body", 300.0, indent)
    style = memo.sheet["body"].clone("justified", alignment=TA_JUSTIFY)
    block = TextBlock([Piece(style.fontName, text, style.textColor)], style)
    fast, general = both_ways(block, 250.0)
    assert fast == general and len(fast) > 3
