"""Runs -> pieces of text in one face, colour and link: no user character is markup.

ReportLab's Paragraph parses its text as XML-ish markup, so ``a < b & c`` or
``<b>not bold</b>`` would be garbled or turned bold unless every character were escaped
exactly right. The renderer does not use it: each Run becomes pieces (textblock.Piece)
whose face, colour and link come from the Run's flags, and what the user wrote is only
ever the ``text`` of a piece, drawn as it is. Nothing in it can become a tag or an
entity.

A character the style's family lacks but a fallback family has gets its own piece in
that fallback's face, so coverage is the union of the stack, as briefing.glyphs
promises.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from reportlab.lib.colors import Color

from briefing.renderers.pdf.fonts import FontFamily
from briefing.renderers.pdf.styles import StyledFace, StyleSheet
from briefing.renderers.pdf.textblock import Bullet, Piece, TextBlock
from briefing.tree import Inline, Run

Segment = tuple[str, str]  # (ReportLab font name, text)

# The footnotes.Side whose text is being built: it numbers the notes' marks and makes
# the pieces of marks and cross-references (a ContextVar, not state of the Texts,
# which is shared by every document of a template; set only while a story is built).
ACTIVE: ContextVar[Any] = ContextVar("briefing_pdf_notes", default=None)


def segments(
    value: str, family: FontFamily, bold: bool, italic: bool, fallbacks: tuple[FontFamily, ...]
) -> list[Segment]:
    """``value`` cut into runs of one face: the family's, or a fallback's where it lacks
    a character. Characters no font has stay in the family's face (checked upstream)."""
    own = family.face(bold, italic)
    if family.chars.issuperset(value):  # the common case: one segment
        return [(own, value)]
    out: list[Segment] = []
    start, current = 0, own
    for k, ch in enumerate(value):  # cut where the face changes: linear in the text
        face = own
        if ch not in family.chars:
            alt = next((f for f in fallbacks if ch in f.chars), None)
            if alt is not None:
                face = alt.face(bold, italic)
        if face != current:
            if k > start:
                out.append((current, value[start:k]))
            start, current = k, face
    out.append((current, value[start:]))
    return out


class Texts:
    """Builds pieces and text blocks for the styles of one style sheet (one a template)."""

    def __init__(self, sheet: StyleSheet, link_color: Color) -> None:
        self.sheet = sheet
        self.link_color = link_color
        self.fallbacks = sheet.fonts.stack

    def pieces(self, runs: Inline, style: str) -> list[Piece]:
        face: StyledFace = self.sheet.faces[style]
        color = self.sheet[style].textColor
        out: list[Piece] = []
        for run in runs:
            if run.note is not None or run.target is not None:
                side = ACTIVE.get()
                if side is not None:
                    out.extend(side.pieces(run, face, color))
                    continue
                if run.note is not None:  # no foot to put it at: no mark either
                    continue
            bold = face.bold or run.bold
            italic = face.italic or run.italic
            run_color = self.link_color if run.link else color
            for font, part in segments(run.text, face.family, bold, italic, self.fallbacks):
                out.append(Piece(font, part, run_color, run.link))
        return out

    def block(self, runs: Inline, style: str, bullet: Bullet | None = None) -> TextBlock:
        return TextBlock(self.pieces(runs, style), self.sheet[style], bullet)

    def plain(self, value: str, style: str) -> TextBlock:
        """A block of a plain string (headings, labels, memo values)."""
        return self.block((Run(value),), style)
