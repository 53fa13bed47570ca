"""Footnotes as Word writes them: the footnotes part, marks in the text, their styles.

python-docx has no footnote API (its oldest open request), so the part is made here on
its package API, the first time a brief has a note: ``word/footnotes.xml`` with the
content type and the document's ``footnotes`` relationship, holding the separator
(id -1) and continuation separator (id 0) that Word draws above the notes, and the
``w:footnotePr`` in settings.xml that names them, as Word writes it. Each note is a
``w:footnote`` with one paragraph in the "Footnote Text" style that starts with a
``w:footnoteRef`` (the number at the foot); the text holds a ``w:footnoteReference``
run in the "Footnote Reference" character style (superscript). Word and LibreOffice
number the notes themselves, in the order of their marks, so the numbers stay right
when a reader edits the memo.

A note's runs are written by inline.py like any text (bold, italic, links,
cross-references); their hyperlink relationships belong to the footnotes part, not to
the document's, so ``Context.apparatus.links`` names that part while a note is written.

The two styles are the template's when its reference.docx has them. Otherwise they are
added to the memo's styles, made from the theme as themed.py makes the others: the
theme's ``footnote`` style if it has one, else the body style at four fifths of its
size. A brief without notes gets neither the part nor the styles: its DOCX is the same,
byte for byte, as before footnotes existed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml.parser import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement

from briefing.renderers.docx.context import Context
from briefing.renderers.docx.inline import add_runs
from briefing.renderers.docx.look import Look, fragment, text_look
from briefing.renderers.docx.ooxml import Element, clark, plain_run, sub, val
from briefing.theme import Style, Theme
from briefing.tree import Inline

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TEXT_STYLE = "Footnote Text"
MARK_STYLE = "Footnote Reference"
# Children of w:settings that come after w:footnotePr (CT_Settings).
_AFTER_FOOTNOTE_PR = (
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
    "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
    "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
    "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


class Footnotes:
    """The footnotes part of one document and the ids its notes get, in writing order."""

    def __init__(self, ctx: Context) -> None:
        root = OxmlElement("w:footnotes", nsdecls={"w": W_NS, "r": R_NS})
        self.root: Element = root
        package = ctx.part.package
        # python-docx has no class of its own for w:footnotes; XmlPart only serializes it
        element = cast(BaseOxmlElement, root)
        self.part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, package)
        ctx.part.relate_to(self.part, RT.FOOTNOTES)
        for number, kind in ((-1, "separator"), (0, "continuationSeparator")):
            note = sub(root, "w:footnote", {"w:type": kind, "w:id": str(number)})
            p = sub(note, "w:p")
            spacing = {"w:after": "0", "w:line": "240", "w:lineRule": "auto"}  # Word's
            sub(sub(p, "w:pPr"), "w:spacing", spacing)
            sub(sub(p, "w:r"), f"w:{kind}")
        _name_separators(ctx.part.settings.element)
        self.mark_style = _ensure_styles(ctx)
        self.count = 0

    def add(self, ctx: Context, runs: Inline) -> int:
        """Write the note holding ``runs``; its id (1, 2, ...: Word numbers by position)."""
        self.count += 1
        note = sub(self.root, "w:footnote", {"w:id": str(self.count)})
        p = ctx.paragraph(TEXT_STYLE, parent=note)
        _mark(p, self.mark_style, "w:footnoteRef")
        plain_run(p, " ")  # Word's own space between the number and the text
        outer = ctx.apparatus.links
        ctx.apparatus.links = self.part
        try:
            add_runs(ctx, p, runs)
        finally:
            ctx.apparatus.links = outer
        return self.count

    def since(self, count: int) -> list[Element]:
        """The notes written after the first ``count`` (for the side-by-side memo's
        per-column language)."""
        return list(self.root)[2 + count :]  # after the two separators


def footnotes_of(ctx: Context) -> Footnotes:
    if ctx.apparatus.footnotes is None:
        ctx.apparatus.footnotes = Footnotes(ctx)
    return ctx.apparatus.footnotes


def add_note_mark(ctx: Context, parent: Element, note: Inline) -> None:
    """The note's mark in the text (a superscript number, Word's), and the note itself."""
    notes = footnotes_of(ctx)
    number = notes.add(ctx, note)
    _mark(parent, notes.mark_style, "w:footnoteReference", {"w:id": str(number)})


def _mark(parent: Element, style_id: str, tag: str, attrs: dict[str, str] | None = None) -> None:
    r = sub(parent, "w:r")
    val(sub(r, "w:rPr"), "w:rStyle", style_id)
    sub(r, tag, attrs)


def _name_separators(settings: Element) -> None:
    """``w:footnotePr`` in settings.xml naming the separators, unless the reference's
    settings name some already (its own numbering format is then kept too)."""
    pr = settings.find(clark("w:footnotePr"))
    if pr is None:
        pr = settings.makeelement(clark("w:footnotePr"), {})
        settings.insert_element_before(pr, *_AFTER_FOOTNOTE_PR)  # type: ignore[attr-defined]
    if pr.find(clark("w:footnote")) is None:
        for number in ("-1", "0"):
            sub(pr, "w:footnote", {"w:id": number})


# -- styles ---------------------------------------------------------------------------


def footnote_style(theme: Theme) -> Style:
    """The theme's look of a note: its ``footnote`` style (the PDF's), else the body's
    at 4/5 of its size with a leading of 5/4 of that."""
    own = theme.styles.get("footnote")
    if own is not None:
        return own
    body = theme.styles["body"]
    size = round(body.size * 0.8 * 2) / 2  # in half points, as Word stores sizes
    return replace(
        body,
        name="footnote",
        size=size,
        leading=round(size * 1.25, 1),
        space_before=0.0,
        space_after=2.0,
        first_line_indent=0.0,
        keep_with_next=False,
    )


def _ensure_styles(ctx: Context) -> str:
    """Add the footnote styles the reference lacks; the mark's character style id."""
    styles = ctx.part.styles.element
    if ctx.styles.paragraph(TEXT_STYLE) is None:
        look = text_look(ctx.theme, footnote_style(ctx.theme))
        body = ctx.theme.fonts.family("body").name
        if look.rpr.get("rFonts", "").startswith(f'<w:rFonts w:ascii="{body}"'):
            del look.rpr["rFonts"]  # the document default, as themed.py leaves it
        style_id = _add_style(styles, "paragraph", "FootnoteText", "footnote text", look)
        ctx.styles.define("paragraph", TEXT_STYLE, style_id)
    mark = ctx.styles.character(MARK_STYLE)
    if mark is None:
        look = Look({}, {})
        mark = _add_style(styles, "character", "FootnoteReference", "footnote reference", look)
        rpr = sub(_last(styles), "w:rPr")
        val(rpr, "w:vertAlign", "superscript")
        ctx.styles.define("character", MARK_STYLE, mark)
    return mark


def _add_style(styles: Element, kind: str, wanted_id: str, name: str, look: Look) -> str:
    """A new ``w:style`` (based on the default style of its type) at the end of styles."""
    ids = {s.get(clark("w:styleId")) for s in styles.iterchildren(clark("w:style"))}
    style_id, n = wanted_id, 1
    while style_id in ids:  # a reference whose id means another style
        n += 1
        style_id = f"{wanted_id}{n}"
    base = _default_style(styles, kind)
    style = sub(styles, "w:style", {"w:type": kind, "w:styleId": style_id})
    val(style, "w:name", name)
    if base is not None:
        val(style, "w:basedOn", base)
    val(style, "w:uiPriority", "99")
    sub(style, "w:unhideWhenUsed")
    for child in fragment(look.xml()):
        style.append(child)
    return style_id


def _default_style(styles: Element, kind: str) -> str | None:
    for style in styles.iterchildren(clark("w:style")):
        if style.get(clark("w:type")) == kind and style.get(clark("w:default")) in ("1", "true"):
            return style.get(clark("w:styleId"))
    return None


def _last(styles: Element) -> Element:
    return list(styles.iterchildren(clark("w:style")))[-1]
