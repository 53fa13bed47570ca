"""Paragraph styles from the theme's [styles] tables, with ``parent`` inheritance.

The look is data (templates/<name>/theme.toml); this module only translates its keys
into ReportLab ParagraphStyles, which textblock.TextBlock reads (size, leading, indents,
spacing, alignment, keep-with-next). Every style gets a registered font, never
ReportLab's Helvetica default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from briefing.errors import BriefError

from .fonts import FontFamily, FontSet
from .theme import Theme

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}

# theme key -> ParagraphStyle attribute, for plain lengths
_LENGTHS = {
    "size": "fontSize",
    "leading": "leading",
    "space_before": "spaceBefore",
    "space_after": "spaceAfter",
    "left_indent": "leftIndent",
    "right_indent": "rightIndent",
    "first_line_indent": "firstLineIndent",
}
_KNOWN = {*_LENGTHS, "parent", "font", "bold", "italic", "color", "align", "keep_with_next"}

# styles the renderer uses; each must resolve (they may all inherit from one base)
REQUIRED = (
    "body", "title", "subtitle", "doctype", "dateline", "heading1", "heading2", "heading3",
    "bullet", "quote", "attribution", "note_label", "note", "caption", "table_header",
    "table_cell", "memo_label", "memo_value", "prepared_by", "marking", "header", "footer",
    "toc_title", "toc1", "toc2",
)  # fmt: skip

# Styles added after themes were first copied: a theme without them gets these, so an
# organization's older copy keeps working.
_DEFAULTS: dict[str, dict[str, Any]] = {
    "toc_title": {"parent": "heading1"},
    "toc1": {"parent": "body", "space_after": 3},
    "toc2": {"parent": "toc1", "left_indent": 12},
}


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
    raw = {**_DEFAULTS, **theme.table("styles")}
    resolved: dict[str, dict[str, Any]] = {}

    def resolve(name: str, chain: tuple[str, ...] = ()) -> dict[str, Any]:
        if name in resolved:
            return resolved[name]
        if name in chain:
            raise BriefError(f"{theme.template.path}/theme.toml: styles.{name}: parent loop")
        spec = raw.get(name)
        if not isinstance(spec, Mapping):
            raise BriefError(f"{theme.template.path}/theme.toml: [styles.{name}] is missing")
        unknown = set(spec) - _KNOWN
        if unknown:
            raise BriefError(
                f"{theme.template.path}/theme.toml: styles.{name}: unknown keys {sorted(unknown)}"
            )
        parent = spec.get("parent")
        merged = dict(resolve(str(parent), (*chain, name))) if parent else {}
        merged.update({k: v for k, v in spec.items() if k != "parent"})
        resolved[name] = merged
        return merged

    styles: dict[str, ParagraphStyle] = {}
    faces: dict[str, StyledFace] = {}
    for name in sorted(set(raw) | set(REQUIRED)):
        spec = resolve(name)
        try:
            family = fonts.family(str(spec.get("font", "body")))
        except KeyError:
            where = f"{theme.template.path}/theme.toml: styles.{name}.font"
            raise BriefError(f"{where}: unknown family {spec.get('font')!r}") from None
        face = StyledFace(family, bool(spec.get("bold")), bool(spec.get("italic")))
        faces[name] = face
        styles[name] = _paragraph_style(theme, name, spec, face)
    return StyleSheet(styles, faces, fonts)


def _paragraph_style(
    theme: Theme, name: str, spec: Mapping[str, Any], face: StyledFace
) -> ParagraphStyle:
    values: dict[str, Any] = {}
    for key, attr in _LENGTHS.items():
        if key in spec:
            values[attr] = theme.to_length(spec[key], f"styles.{name}.{key}")
    size = values.setdefault("fontSize", 10.0)
    values.setdefault("leading", round(size * 1.35, 2))
    align = str(spec.get("align", "left"))
    if align not in _ALIGN:
        raise BriefError(f"{theme.template.path}/theme.toml: styles.{name}.align: {align!r}")
    font = face.family.face(face.bold, face.italic)
    return ParagraphStyle(
        name,
        fontName=font,
        bulletFontName=font,
        textColor=theme.color(str(spec.get("color", "text")), f"styles.{name}.color"),
        alignment=_ALIGN[align],
        keepWithNext=int(bool(spec.get("keep_with_next"))),
        **values,
    )
