"""The theme's look written into the reference document's styles and page setup.

theme.toml is the one description of a template's look (briefing/theme.py); the PDF
renderer draws with it, and this module writes the same values into the Word styles
the DOCX renderer names, so a memo is one document in two formats: the same fonts,
sizes, colours, spacing and alignment, the same rules and boxes (the marking's box,
the table's rules and banded rows, the note's bar), the same page margins and the same
places for the marking, running header and footer. Everything is a style in
styles.xml, never direct formatting, so a reader who edits the memo in Word keeps the
look by choosing a style.

What the theme does not describe stays as the reference document has it: other
styles, list numbering, the font table, settings. The classification marking's colour
depends on the brief, not the template, so the renderer sets it on the marking style
per document (``set_marking_color``).

The looks themselves are themelooks.py (built on look.py's units and fragments), the
places of the page furniture furniture.py; this module writes them into the clean
reference package and caches the result per reference and theme.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from lxml import etree

from briefing.renderers.docx.furniture import furniture_geometry
from briefing.renderers.docx.look import Element, Look, W, fragment, hexcolor, tw
from briefing.renderers.docx.themelooks import looks
from briefing.theme import Theme


def apply_theme(styles: Element, theme: Theme, names: Callable[[str], str]) -> None:
    """Rewrite every style of ``styles`` (w:styles) the theme describes; ``names`` turns
    a style's stored name into the name Word shows (python-docx's BabelFish)."""
    by_name = looks(theme)
    body = theme.fonts.family("body").name
    defaults = styles.find(f"{{{W}}}docDefaults")
    if defaults is not None:
        _set_default_font(defaults, theme)
    for style in styles.iterchildren(f"{{{W}}}style"):
        name_el = style.find(f"{{{W}}}name")
        if name_el is None:
            continue
        kind = style.get(f"{{{W}}}type", "paragraph")
        look = by_name.get((kind, names(name_el.get(f"{{{W}}}val", "")).lower()))
        if look is None:
            continue
        # A list style's link to its numbering is the reference's, not a look.
        numbering = style.find(f"{{{W}}}pPr/{{{W}}}numPr")
        if numbering is not None:
            look = Look({**look.ppr, "numPr": etree.tostring(numbering).decode()}, look.rpr)
        # The body font is the document default's: a style based on Normal need not
        # repeat it (every memo parses these styles again, and embed_fonts reads them).
        based_on = style.find(f"{{{W}}}basedOn")
        plain = based_on is None or based_on.get(f"{{{W}}}val") == "Normal"
        if plain and look.rpr.get("rFonts", "").startswith(f'<w:rFonts w:ascii="{body}"'):
            look = Look(look.ppr, {k: v for k, v in look.rpr.items() if k != "rFonts"}, look.table)
        for tag in ("pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"):
            for old in style.findall(f"{{{W}}}{tag}"):
                style.remove(old)
        for child in fragment(look.xml()):
            style.append(child)


def _set_default_font(defaults: Element, theme: Theme) -> None:
    family = theme.fonts.family("body").name
    for rfonts in defaults.iter(f"{{{W}}}rFonts"):
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            rfonts.set(f"{{{W}}}{attr}", family)
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rfonts.attrib.pop(f"{{{W}}}{attr}", None)


def set_page(sect_pr: Element, theme: Theme) -> None:
    """Page size and margins of the PDF: the first page's top margin (later pages'
    running header pushes their text down to the theme's ``margin_top``)."""
    p, geo = theme.page, furniture_geometry(theme)
    size = sect_pr.find(f"{{{W}}}pgSz")
    if size is not None:
        size.set(f"{{{W}}}w", tw(p.width))
        size.set(f"{{{W}}}h", tw(p.height))
    margins = sect_pr.find(f"{{{W}}}pgMar")
    if margins is not None:
        for attr, value in (
            ("top", p.first_margin_top), ("bottom", p.margin_bottom),
            ("left", p.margin_left), ("right", p.margin_right),
            ("header", geo.header_distance), ("footer", geo.footer_distance),
        ):  # fmt: skip
            margins.set(f"{{{W}}}{attr}", tw(value))


_MARKING_STYLE = etree.XPath(
    "w:style[w:name/@w:val='Classification Marking']/w:rPr/*", namespaces={"w": W}
)


def set_marking_color(styles: Element, color: str) -> None:
    """The marking style's text and box in the colour of the brief's classification
    (a name of the toolkit's own, so stored as Word shows it: no BabelFish needed)."""
    for el in _MARKING_STYLE(styles):
        if el.tag in (f"{{{W}}}color", f"{{{W}}}bdr"):
            el.set(f"{{{W}}}{'val' if el.tag.endswith('color') else 'color'}", hexcolor(color))


_THEMED: dict[tuple[bytes, str], bytes] = {}
_MAX_THEMED = 8


def themed_package(clean: bytes, theme: Theme, names: Callable[[str], str]) -> bytes:
    """The clean reference package (reference.py) with the theme's styles and page
    written in; made once per process for each reference and theme."""
    key = (clean, theme.fingerprint)
    found = _THEMED.get(key)
    if found is None:
        found = _rethemed(clean, theme, names)
        if len(_THEMED) >= _MAX_THEMED:
            del _THEMED[next(iter(_THEMED))]
        _THEMED[key] = found
    return found


def _rethemed(clean: bytes, theme: Theme, names: Callable[[str], str]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(clean)) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    styles = etree.fromstring(entries["word/styles.xml"])
    apply_theme(styles, theme, names)
    entries["word/styles.xml"] = _xml(styles)
    document = etree.fromstring(entries["word/document.xml"])
    sect_pr = document.find(f"{{{W}}}body/{{{W}}}sectPr")
    if sect_pr is not None:
        set_page(sect_pr, theme)
        entries["word/document.xml"] = _xml(document)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _xml(root: Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data
