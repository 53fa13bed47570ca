"""Paragraph styles from the theme's checked styles (parents already applied).

The look is data (templates/<name>/theme.toml, checked and typed by briefing/theme.py);
this module only translates each style into a ReportLab ParagraphStyle, which
textblock.TextBlock reads (size, leading, indents, spacing, alignment, keep-with-next).
Every style gets a registered font, never ReportLab's Helvetica default.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from briefing.renderers.pdf.fonts import FontFamily, FontSet
from briefing.renderers.pdf.theme import Theme
from briefing.theme import Style
from briefing.themeread import REQUIRED_STYLES

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}

# styles the renderer uses; the theme checks that each resolves
REQUIRED = REQUIRED_STYLES
# table styles that also get a right-aligned twin, "<name>:right", for number columns
RIGHT_TWINS = ("table_header", "table_cell")


@dataclass(frozen=True)
class StyledFace:
    """What inline markup needs to know about a style: its family and base face."""

    family: FontFamily
    bold: bool
    italic: bool


@dataclass(frozen=True)
class StyleSheet:
    styles: dict[str, ParagraphStyle]
    faces: dict[str, StyledFace]
    fonts: FontSet

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.styles[name]


def build_styles(theme: Theme, fonts: FontSet) -> StyleSheet:
    styles: dict[str, ParagraphStyle] = {}
    faces: dict[str, StyledFace] = {}
    for name, spec in theme.data.styles.items():
        face = StyledFace(fonts.family(spec.font), spec.bold, spec.italic)
        faces[name] = face
        styles[name] = _paragraph_style(theme, spec, face)
    for name in RIGHT_TWINS:
        if name in styles:
            styles[f"{name}:right"] = styles[name].clone(f"{name}:right", alignment=TA_RIGHT)
            faces[f"{name}:right"] = faces[name]
    return StyleSheet(styles, faces, fonts)


def _paragraph_style(theme: Theme, spec: Style, face: StyledFace) -> ParagraphStyle:
    font = face.family.face(face.bold, face.italic)
    return ParagraphStyle(
        spec.name,
        fontName=font,
        bulletFontName=font,
        textColor=theme.color(spec.color, f"styles.{spec.name}.color"),
        alignment=_ALIGN[spec.align],
        keepWithNext=int(spec.keep_with_next),
        fontSize=spec.size,
        leading=spec.leading,
        spaceBefore=spec.space_before,
        spaceAfter=spec.space_after,
        leftIndent=spec.left_indent,
        rightIndent=spec.right_indent,
        firstLineIndent=spec.first_line_indent,
    )
