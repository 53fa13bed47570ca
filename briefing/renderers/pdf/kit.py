"""Everything a render needs from the template, prepared once per process and template.

Reading the theme, registering fonts, resolving style inheritance and building
ParagraphStyles and text fragments cost more than laying out a short memo. None of it
depends on the document, so it is cached, keyed on the template's folder and the
content of its theme (not on object identity: a changed theme is a new kit).
ReportLab does not change styles while it lays out, so sharing them is safe.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.renderers.pdf.fonts import FontSet, load_fonts
from briefing.renderers.pdf.inline import Texts
from briefing.renderers.pdf.styles import StyleSheet, build_styles
from briefing.renderers.pdf.theme import PageGeometry, Theme
from briefing.templates import Template


@dataclass(frozen=True)
class Kit:
    """The prepared template: theme values, page geometry, fonts, styles, text builder."""

    theme: Theme
    geo: PageGeometry
    fonts: FontSet
    sheet: StyleSheet
    texts: Texts


def kit(template: Template) -> Kit:
    """The kit of ``template``, built on first use."""
    key = (str(template.path), template.theme.fingerprint or repr(template.theme))
    found = _KITS.get(key)
    if found is None:
        found = _build(template)
        if len(_KITS) >= _MAX_KITS:
            del _KITS[next(iter(_KITS))]  # the oldest; a process rarely uses more than one
        _KITS[key] = found
    return found


_MAX_KITS = 8
_KITS: dict[tuple[str, str], Kit] = {}


def _build(template: Template) -> Kit:
    theme = Theme(template)
    geo = theme.page()
    fonts = load_fonts(template)  # the theme has resolved and checked the files
    sheet = build_styles(theme, fonts)
    return Kit(theme, geo, fonts, sheet, Texts(sheet, theme.color("link")))
