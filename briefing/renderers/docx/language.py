"""Proofing language: Word and LibreOffice spell-check the memo in its own language.

python-docx has no API for ``w:lang``. The output language (en-US, az-Latn-AZ, ru-RU)
goes on the document defaults and on every paragraph and character style, so a style
in a user's reference.docx that names its own language (Word writes en-US into many)
cannot make Word check a Russian memo as English; the theme's font language follows.
Elements are inserted in schema order (CT_RPr, CT_Style).
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from briefing.renderers.docx.ooxml import Element, sub

# Children of w:rPr that come after w:lang in schema order (CT_RPr), besides every
# Word 2010 (w14) text effect.
_AFTER_LANG = (qn("w:eastAsianLayout"), qn("w:specVanish"), qn("w:oMath"), qn("w:rPrChange"))
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
# Children of w:style that come after w:rPr (CT_Style).
_AFTER_STYLE_RPR = tuple(qn(f"w:{tag}") for tag in ("tblPr", "trPr", "tcPr", "tblStylePr"))


def set_language(document: DocxDocument, lang_tag: str) -> None:
    """Proofing language for the whole document, e.g. ru-RU or az-Latn-AZ."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = sub(styles, "w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = sub(defaults, "w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = sub(rpr_default, "w:rPr")
    lang_of(rpr).set(qn("w:val"), lang_tag)
    for style in styles.iterchildren(qn("w:style")):
        if style.get(qn("w:type"), "paragraph") in ("paragraph", "character"):
            lang_of(_style_rpr(style)).set(qn("w:val"), lang_tag)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), lang_tag)


def _style_rpr(style: Element) -> Element:
    """The style's w:rPr, created after w:pPr and before the table properties."""
    rpr = style.find(qn("w:rPr"))
    if rpr is None:
        rpr = sub(style, "w:rPr")
        for child in style:
            if child.tag in _AFTER_STYLE_RPR:
                child.addprevious(rpr)
                break
    return rpr


def lang_of(rpr: Element) -> Element:
    """The ``w:lang`` of a run's or style's properties, created where the schema's
    order puts it; shared with the side-by-side memo, which sets it per column."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = sub(rpr, "w:lang")
        for child in rpr:
            if child.tag in _AFTER_LANG or str(child.tag).startswith(_W14):
                child.addprevious(lang)
                break
    return lang
