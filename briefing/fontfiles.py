"""Font files named by a theme: found only inside the template folder, and checked.

A template folder may come from anyone, and its theme names font files by path. A path
such as ``../../etc/passwd`` or ``/proc/self/environ``, or a link in the folder that
points elsewhere, would make the renderer read (and embed in a PDF) a file the author
of the template chose. So a font name must be a relative path that stays inside the
template folder once links are resolved, or the bare file name of a font bundled with
briefing; nothing outside those two places is ever opened. A file found there must be
a regular file under a size cap and a TrueType font whose character map can be read:
anything else is a problem to report, not a crash in ReportLab.

The bundled fonts are package data (checked by the test suite), so they are trusted
and not read here; a template folder's own fonts are read once per process (their
character maps are cached by glyphs.py for the coverage check).
"""

from __future__ import annotations

import os
import struct
from pathlib import Path, PurePosixPath, PureWindowsPath

from briefing.resources import fonts_dir

MAX_FONT_BYTES = 20 * 1024 * 1024

# Tables ReportLab reads to embed and measure a TrueType font.
REQUIRED_TABLES = (b"cmap", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp")


class FontFileError(ValueError):
    """Why a font name or file cannot be used (the message says it to the user)."""


def resolve_font(folder: Path, name: str) -> Path:
    """The file ``name`` means: in ``folder``, its ``fonts/`` folder, or bundled.

    Raises FontFileError; a found file is checked (``check_font``) unless bundled.
    """
    _check_name(name)
    try:
        return _resolve(folder, name)
    except OSError as exc:  # a name too long, a folder it may not read ...
        reason = exc.strerror or type(exc).__name__
        raise FontFileError(f"font file {name!r} not found or unreadable ({reason})") from None


def _resolve(folder: Path, name: str) -> Path:
    root = folder.resolve()
    relative = PurePosixPath(name)
    for base in (root, root / "fonts"):
        candidate = base / relative
        if not os.path.lexists(candidate):
            continue
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):  # a dangling link or a link loop
            raise FontFileError(f"font file {name!r} is a broken link") from None
        if not real.is_relative_to(root):
            raise FontFileError(
                f"font file {name!r} is a link that leads outside the template folder"
            )
        check_font(real, name)
        return real
    bundled = fonts_dir() / name
    if len(relative.parts) == 1 and bundled.is_file():
        return bundled.resolve()
    raise FontFileError(
        f"font file {name!r} not found in the template folder, its fonts/ folder "
        "or the bundled fonts"
    )


def _check_name(name: str) -> None:
    if not name.strip() or "\x00" in name:
        raise FontFileError("a font file name must not be empty")
    windows = PureWindowsPath(name)
    if PurePosixPath(name).is_absolute() or windows.drive or windows.root:
        raise FontFileError(
            f"font file {name!r} is an absolute path; name a file inside the template folder"
        )
    if ".." in PurePosixPath(name.replace("\\", "/")).parts:
        raise FontFileError(f"font file {name!r} climbs out of the template folder ('..')")


def check_font(path: Path, name: str) -> None:
    """A regular file under the size cap, with a TrueType header and the tables
    ReportLab needs, whose cmap can be read; FontFileError otherwise."""
    from briefing import glyphs

    if not path.is_file():
        raise FontFileError(f"font file {name!r} is not a regular file")
    size = path.stat().st_size
    if size > MAX_FONT_BYTES:
        limit = MAX_FONT_BYTES // (1024 * 1024)
        raise FontFileError(f"font file {name!r} is larger than {limit} MB")
    with path.open("rb") as handle:
        head = handle.read(12)
        kind = head[:4]
        if kind == b"OTTO":
            raise FontFileError(
                f"font file {name!r} has PostScript (CFF) outlines; the PDF renderer "
                "needs a TrueType font (.ttf with glyf outlines)"
            )
        if kind == b"ttcf":
            raise FontFileError(f"font file {name!r} is a collection; give one .ttf face")
        if kind not in (b"\x00\x01\x00\x00", b"true") or len(head) < 12:
            raise FontFileError(f"font file {name!r} is not a TrueType font")
        (count,) = struct.unpack_from(">H", head, 4)
        directory = handle.read(16 * count)
    if len(directory) < 16 * count:
        raise FontFileError(f"font file {name!r} is truncated")
    tables = {}
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", directory, 16 * i)
        tables[tag] = (offset, length)
    missing = [t.decode() for t in REQUIRED_TABLES if t not in tables]
    if missing:
        raise FontFileError(f"font file {name!r} lacks the table(s) {', '.join(missing)}")
    if any(offset + length > size for offset, length in tables.values()):
        raise FontFileError(f"font file {name!r} is truncated")
    try:
        mapped = glyphs.cmap_codepoints(path)
    except glyphs.CmapError as exc:
        raise FontFileError(f"font file {name!r}: {exc}") from None
    except ValueError:
        mapped = frozenset()
    if not mapped:
        raise FontFileError(f"font file {name!r}: its character map cannot be read")
