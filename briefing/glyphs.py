"""Which characters the template's fonts can show, checked before anything is drawn.

ReportLab draws a character its font lacks as an empty box, with no error, and Word
silently substitutes another font. So a brief with characters no font can show fails
with a clear message instead, asked here in two places: the pipeline's check
(briefing/api.py), which points at the position in the brief, and the renderers' guard,
``check_coverage`` in briefing/renderers/__init__.py, which ``render`` calls on every
string of the tree (briefing.tree.all_texts) before either renderer draws. Neither the
PDF nor the DOCX package checks again: both rely on that one guard.

The template's theme names font families by role (``[fonts] body``, ``headings``) and a
list of ``fallbacks``; the stack is the body family, then the headings family, then the
fallbacks, and a character counts as covered when any font of the stack maps it. The
files are those the theme resolved and checked when the template loaded
(briefing/theme.py); this module never looks a font file up itself. Every
face of a bundled family covers the same characters (tools/make_fonts.py checks that),
so each family is represented by its regular face.

cmaps are read with a small reader for the two cmap formats that TrueType fonts carry
(4 and 12), which costs a few milliseconds instead of importing fontTools; any other
font falls back to fontTools.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from briefing.errors import TemplateError
from briefing.templates import Template
from briefing.theme import FACES

__all__ = ["FACES", "covered_chars", "covered_codepoints", "family_files", "family_keys",
           "font_stack", "missing_chars", "resolve_font"]  # fmt: skip

# Layout controls that no font needs a glyph for: tab, line feed, carriage return.
_CONTROLS = frozenset({0x09, 0x0A, 0x0D})

MAX_CODEPOINT = 0x10FFFF
# Code points one cmap may list, counted over its groups or segments before duplicates
# are merged: a font with every assigned Unicode character lists about 150,000, so more
# is a file made to exhaust time or memory (one group 0..0xFFFFFFFF; 32,000 overlapping
# segments of 65,536 each).
MAX_CMAP_CODEPOINTS = 200_000


class CmapError(ValueError):
    """A character map that is readable but not acceptable (the message says why)."""


def family_keys(template: Template) -> list[str]:
    """Family keys of the font stack, in order: body, headings, then the fallbacks."""
    return list(template.theme.fonts.stack)


def resolve_font(template: Template, filename: str) -> Path:
    """The file the theme resolved for ``filename`` (a name one of its faces gives)."""
    for family in template.theme.fonts.families.values():
        for path in family.files().values():
            if filename in (path.name, str(path)):
                return path
    raise TemplateError(f"{template.theme.source}: font file {filename!r} is not in the theme")


def family_files(template: Template, key: str) -> dict[str, Path]:
    """The four faces of one family, as the theme resolved and checked them (a missing
    face is already the nearest present one)."""
    return template.theme.fonts.families[key].files()


def font_stack(template: Template) -> list[Path]:
    """The regular face of each family of the stack, body family first."""
    return list(_stack(template))


def _stack(template: Template) -> tuple[Path, ...]:
    fonts = template.theme.fonts
    return tuple(fonts.families[key].regular for key in fonts.stack)


def covered_codepoints(template: Template) -> frozenset[int]:
    """Every code point some font of the stack maps, plus tab and line breaks."""
    return _covered(_stack(template))


def covered_chars(template: Template) -> frozenset[str]:
    """covered_codepoints as characters: what ``missing_chars`` checks against."""
    return _covered_chars(_stack(template))


def missing_chars(
    text: str, template: Template, covered: frozenset[str] | None = None
) -> list[str]:
    """Characters of ``text`` no font of the stack can show, each once, in text order.

    Checking many texts, pass ``covered_chars(template)`` once instead of finding the
    stack for each text.
    """
    if covered is None:
        if _uncovered(_stack(template)).search(text) is None:  # the common case
            return []
        covered = covered_chars(template)
    elif covered.issuperset(text):
        return []
    seen: set[str] = set()
    out: list[str] = []
    for ch in text:
        if ch not in covered and ch not in seen:
            seen.add(ch)
            out.append(ch)
    return out


@cache
def _covered(paths: tuple[Path, ...]) -> frozenset[int]:
    cps: set[int] = set(_CONTROLS)
    for path in paths:
        cps.update(cmap_codepoints(path))
    return frozenset(cps)


@cache
def _uncovered(paths: tuple[Path, ...]) -> re.Pattern[str]:
    """A pattern matching any character the stack does not cover.

    Its search runs in the regex engine's C loop without making a string per character:
    ten times faster than ``frozenset.issuperset`` on the 150,000 characters of a
    60-page brief, where the renderers' guard had become a tenth of a DOCX render.
    """
    ranges: list[str] = []
    points = sorted(_covered(paths))
    start = prev = points[0]
    for cp in [*points[1:], -1]:
        if cp != prev + 1:
            ranges.append(f"\\U{start:08x}-\\U{prev:08x}" if prev > start else f"\\U{start:08x}")
            start = cp
        prev = cp
    return re.compile(f"[^{''.join(ranges)}]")


@cache
def _covered_chars(paths: tuple[Path, ...]) -> frozenset[str]:
    return frozenset(map(chr, _covered(paths)))


@cache
def cmap_chars(path: Path) -> frozenset[str]:
    """``cmap_codepoints`` as characters, for subset tests on strings."""
    return frozenset(map(chr, cmap_codepoints(path)))


@cache
def cmap_codepoints(path: Path) -> frozenset[int]:
    """The code points one font file maps to a glyph other than .notdef.

    Raises ValueError when the file's character map cannot be read.
    """
    data = path.read_bytes()
    try:
        found = _read_cmap(data)
    except CmapError:
        raise  # not given to fontTools, which would spend the same time and memory
    except (struct.error, ValueError):
        found = None
    if found is None:
        try:
            found = _read_cmap_fonttools(path)
        except Exception as exc:  # fontTools raises many types for a file it cannot read
            raise ValueError(f"{path.name}: no readable character map ({exc})") from None
    return frozenset(found)


def _read_cmap_fonttools(path: Path) -> set[int]:
    from fontTools.ttLib import TTFont  # imported only for unusual fonts

    font = TTFont(str(path), lazy=True, fontNumber=0)
    cmap = font.getBestCmap() or {}
    return {cp for cp, glyph in cmap.items() if glyph != ".notdef"}


def _read_cmap(data: bytes) -> set[int] | None:
    """Read a Windows Unicode cmap (format 12, else 4) straight from the bytes."""
    if data[:4] not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
        return None
    (num_tables,) = struct.unpack_from(">H", data, 4)
    cmap_offset = None
    for i in range(num_tables):
        tag, _check, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"cmap":
            cmap_offset = offset
    if cmap_offset is None:
        return None
    _version, n_sub = struct.unpack_from(">HH", data, cmap_offset)
    subtables: dict[tuple[int, int], int] = {}
    for i in range(n_sub):
        pid, eid, off = struct.unpack_from(">HHI", data, cmap_offset + 4 + 8 * i)
        subtables[(pid, eid)] = cmap_offset + off
    for key in ((3, 10), (0, 4), (0, 6), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0)):
        if key in subtables:
            start = subtables[key]
            (fmt,) = struct.unpack_from(">H", data, start)
            if fmt == 12:
                return _format12(data, start)
            if fmt == 4:
                return _format4(data, start)
    return None


def _format12(data: bytes, start: int) -> set[int]:
    (n_groups,) = struct.unpack_from(">I", data, start + 12)
    if start + 16 + 12 * n_groups > len(data):
        raise ValueError("cmap format 12: more groups than the table holds")
    budget = _Budget()
    out: set[int] = set()
    for i in range(n_groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * i)
        if first > MAX_CODEPOINT:  # beyond Unicode: nothing a text can hold
            continue
        last = min(last, MAX_CODEPOINT)
        budget.spend(last - first + 1)
        out.update(_nonzero(range(first, last + 1), glyph, first))
    return out


class _Budget:
    """Counts the code points a cmap lists; CmapError past MAX_CMAP_CODEPOINTS."""

    def __init__(self) -> None:
        self.left = MAX_CMAP_CODEPOINTS

    def spend(self, count: int) -> None:
        if count <= 0:
            return
        self.left -= count
        if self.left < 0:
            raise CmapError(
                f"its character map lists more than {MAX_CMAP_CODEPOINTS:,} code points "
                "(overlapping or out-of-range groups)"
            )


def _nonzero(cps: Iterable[int], glyph: int, first: int) -> Iterable[int]:
    # a group maps first -> glyph, first+1 -> glyph+1, ...; glyph 0 is .notdef
    return (cp for cp in cps if glyph + (cp - first) != 0)


def _format4(data: bytes, start: int) -> set[int]:
    (seg_x2,) = struct.unpack_from(">H", data, start + 6)
    n = seg_x2 // 2
    ends = struct.unpack_from(f">{n}H", data, start + 14)
    starts = struct.unpack_from(f">{n}H", data, start + 16 + seg_x2)
    deltas = struct.unpack_from(f">{n}h", data, start + 16 + 2 * seg_x2)
    ro_pos = start + 16 + 3 * seg_x2
    range_offsets = struct.unpack_from(f">{n}H", data, ro_pos)
    budget = _Budget()
    out: set[int] = set()
    for i in range(n):
        first, last = starts[i], ends[i]
        if first == 0xFFFF:
            continue
        budget.spend(last - first + 1)
        if range_offsets[i] == 0:
            out.update(cp for cp in range(first, last + 1) if (cp + deltas[i]) & 0xFFFF)
            continue
        for cp in range(first, last + 1):
            pos = ro_pos + 2 * i + range_offsets[i] + 2 * (cp - first)
            (glyph,) = struct.unpack_from(">H", data, pos)
            if glyph and (glyph + deltas[i]) & 0xFFFF:
                out.add(cp)
    return out
