"""Runs -> ReportLab paragraph markup, with every character of the user's text escaped.

ReportLab's Paragraph parses its text as XML-ish markup, so a brief that says
``a < b & c`` or ``<b>not bold</b>`` would be garbled or turned bold. Here the only tags
are the ones built from Run flags (bold, italic, link); all text goes through XML
escaping first. A character the style's family lacks but a fallback family has is
wrapped in a ``<font face>`` of that fallback, so coverage is the union of the stack,
as briefing.glyphs promises.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from briefing.tree import Inline, Run

from .fonts import FontFamily
from .styles import StyledFace

_ATTR = {'"': "&quot;", "'": "&apos;"}


def markup(
    runs: Inline, face: StyledFace, fallbacks: tuple[FontFamily, ...], link_color: str
) -> str:
    """Paragraph markup for ``runs`` in a style whose base face is ``face``."""
    return "".join(_run(r, face, fallbacks, link_color) for r in runs)


def text(value: str, face: StyledFace, fallbacks: tuple[FontFamily, ...]) -> str:
    """Markup for a plain string (headings, labels, memo values)."""
    return _escape_text(value, face.family, face.bold, face.italic, fallbacks)


def _run(run: Run, face: StyledFace, fallbacks: tuple[FontFamily, ...], link_color: str) -> str:
    bold = face.bold or run.bold
    italic = face.italic or run.italic
    out = _escape_text(run.text, face.family, bold, italic, fallbacks)
    if run.italic:
        out = f"<i>{out}</i>"
    if run.bold:
        out = f"<b>{out}</b>"
    if run.link:
        href = escape(run.link, _ATTR)
        out = f'<a href="{href}" color="{link_color}">{out}</a>'
    return out


def _escape_text(
    value: str, family: FontFamily, bold: bool, italic: bool, fallbacks: tuple[FontFamily, ...]
) -> str:
    covered = family.codepoints
    if all(ord(ch) in covered for ch in value):  # the common case: one escape, no tags
        return escape(value)
    parts: list[str] = []
    for ch in value:
        cp = ord(ch)
        alt = None
        if cp not in covered:
            alt = next((f for f in fallbacks if cp in f.codepoints), None)
        if alt is None:
            parts.append(escape(ch))  # covered, a layout control, or checked upstream
        else:
            parts.append(f'<font face="{alt.face(bold, italic)}">{escape(ch)}</font>')
    return "".join(parts)
