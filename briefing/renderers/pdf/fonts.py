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
from briefing.templates import Template

from .fastfont import FastTTFont


@dataclass(frozen=True)
class FontFamily:
    """One registered family: the ReportLab font name of each face, and its coverage."""

    key: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    codepoints: frozenset[int]
    chars: frozenset[str]  # the same as characters: set operations on text run in C

    def face(self, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular


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
    """Register (once) every family the theme declares; the stack orders the fallbacks."""
    keys = glyphs.family_keys(template)
    fonts = template.theme["fonts"]
    declared = [k for k in fonts.get("families", {}) if k not in keys]
    families = {
        key: _family(key, tuple(sorted(glyphs.family_files(template, key).items())))
        for key in [*keys, *declared]
    }
    body = families[str(fonts["body"])]
    headings = families[str(fonts.get("headings") or fonts["body"])]
    return FontSet(families, body, headings, tuple(families[k] for k in keys))


@cache
def _family(key: str, files: tuple[tuple[str, Path], ...]) -> FontFamily:
    faces = dict(files)
    names = {face: _register(path) for face, path in faces.items()}
    fam = FontFamily(
        key=key,
        regular=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        bold_italic=names["bold_italic"],
        codepoints=glyphs.cmap_codepoints(faces["regular"]),
        chars=glyphs.cmap_chars(faces["regular"]),
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


@cache
def _register(path: Path) -> str:
    """Register one font file; its name is the file stem, made unique if taken."""
    name = path.stem
    if name in pdfmetrics.getRegisteredFontNames():
        name = f"{name}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"
    pdfmetrics.registerFont(FastTTFont(name, str(path)))
    return name
