"""Register the template's TrueType fonts with ReportLab, once per process.

ReportLab falls back to an unembedded Helvetica (no ə, no Cyrillic) wherever a font is
not named. So every family of the theme's stack is registered with its four static
faces (and as a family, so ReportLab's own bold/italic lookups find them too), and the
rest of the renderer asks this module for face names instead of writing font names
itself. Registration is cached per font file: rendering many documents pays for
parsing a font only once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from briefing import glyphs
from briefing.errors import TemplateError
from briefing.renderers.pdf.fastfont import FastTTFont
from briefing.templates import Template


@dataclass(frozen=True)
class FontFamily:
    """One family: the ReportLab font name of each face, and its coverage.

    A face's file is parsed and registered the first time ``face()`` hands out its
    name (5 ms a face): a memo rarely uses all four faces of its body family, and the
    fallback families only for a character the body family lacks.
    """

    key: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    codepoints: frozenset[int]
    chars: frozenset[str]  # the same as characters: set operations on text run in C
    files: tuple[tuple[str, Path], ...] = ()  # font name -> file, registered on first use

    def face(self, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            name = self.bold_italic
        elif bold:
            name = self.bold
        else:
            name = self.italic if italic else self.regular
        if name not in _REGISTERED:  # its first use in this process
            path = dict(self.files).get(name)
            if path is not None:
                _register(name, path)
        return name


@dataclass(frozen=True)
class FontSet:
    """The theme's families by key, the body/headings roles and the fallback order."""

    families: dict[str, FontFamily]
    body: FontFamily
    headings: FontFamily
    stack: tuple[FontFamily, ...]  # body, headings, fallbacks (for missing characters)

    def family(self, role_or_key: str) -> FontFamily:
        if role_or_key == "body":
            return self.body
        if role_or_key == "headings":
            return self.headings
        return self.families[role_or_key]


def load_fonts(template: Template) -> FontSet:
    """Every family the theme declares (files registered on first use); the stack
    (body, headings, fallbacks) orders the lookup of a missing character."""
    fonts = template.theme.fonts
    order = [*fonts.stack, *(k for k in fonts.families if k not in fonts.stack)]
    families = {
        key: _family(key, tuple(sorted(fonts.families[key].files().items()))) for key in order
    }
    body = families[fonts.body]
    headings = families[fonts.headings]
    return FontSet(families, body, headings, tuple(families[k] for k in fonts.stack))


@cache
def _family(key: str, files: tuple[tuple[str, Path], ...]) -> FontFamily:
    faces = dict(files)
    names = {face: _name(path) for face, path in faces.items()}
    fam = FontFamily(
        key=key,
        regular=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        bold_italic=names["bold_italic"],
        codepoints=glyphs.cmap_codepoints(faces["regular"]),
        chars=glyphs.cmap_chars(faces["regular"]),
        files=tuple((names[face], path) for face, path in files),
    )
    # (family, bold, italic) -> face, so <b>/<i> in paragraph markup pick the static faces
    pdfmetrics.registerFontFamily(
        fam.regular,
        normal=fam.regular,
        bold=fam.bold,
        italic=fam.italic,
        boldItalic=fam.bold_italic,
    )
    return fam


_NAMES: dict[Path, str] = {}


def _name(path: Path) -> str:
    """The ReportLab name of one font file: its stem, made unique if another file or a
    font ReportLab knows already has it."""
    found = _NAMES.get(path)
    if found is None:
        found = path.stem
        if found in pdfmetrics.getRegisteredFontNames() or found in _NAMES.values():
            found = f"{found}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"
        _NAMES[path] = found
    return found


_REGISTERED: set[str] = set()


def _register(name: str, path: Path) -> None:
    """Parse and register one font file under its name (once per process).

    The theme checked the file (a TrueType font with the tables ReportLab reads); a
    font that still fails here is reported as the template's problem, not a crash.
    """
    try:
        pdfmetrics.registerFont(FastTTFont(name, str(path)))
    except Exception as exc:  # ReportLab raises TTFError, struct.error, KeyError ...
        raise TemplateError(f"{path}: the PDF renderer cannot use this font ({exc})") from None
    _REGISTERED.add(name)
