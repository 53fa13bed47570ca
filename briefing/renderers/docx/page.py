"""Page furniture: the marking at top and bottom, the running header, the footer.

The same furniture as the PDF (renderers/pdf/page.py), placed by the styles themed.py
writes: the classification marking, boxed in its level's colour, at the top and the
bottom of every page; from page 2 on a running header with the title on the left and
the date on the right over a hairline (page 1 has the title block instead: Word's
"different first page", ``w:titlePg``); and on every page a footer with the document
number on the left and "Page X of Y" on the right, made of real PAGE and NUMPAGES
fields so Word and LibreOffice count the pages themselves.

A brief without a marking still gets an empty marking paragraph, which holds the
running header and footer at the heights the PDF has them.
"""

from __future__ import annotations

import re

from docx.document import Document as DocxDocument
from docx.enum.section import WD_HEADER_FOOTER
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.parser import OxmlElement
from docx.oxml.section import CT_SectPr
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.hdrftr import FooterPart, HeaderPart

from briefing.renderers.docx.context import Context
from briefing.renderers.docx.fields import add_field
from briefing.renderers.docx.ooxml import Element, plain_run
from briefing.renderers.docx.themed import set_marking_color
from briefing.theme import Theme
from briefing.tree import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TITLE_SHARE = 0.56  # average advance of a header character, in ems: a little wide
TITLE_GAP = 24.0  # pt kept between the title and the date (the PDF's)


def add_header_footer(
    document: DocxDocument, ctx: Context, doc: Document, theme: Theme, marking: bool = True
) -> None:
    """Marking in the header and footer of every page (unless ``marking`` is off: then
    front.py puts it once on page 1), running header from page 2."""
    if doc.marking:
        color = theme.marking_color(doc.classification)
        set_marking_color(document.styles.element, color)
    text = doc.marking if marking else None
    sect_pr = document.element.body.sectPr  # document.py put it back at the body's end
    assert sect_pr is not None
    sect_pr.titlePg_val = True
    _marking(ctx, _new_part(document, sect_pr, "header", WD_HEADER_FOOTER.FIRST_PAGE), text)
    header = _new_part(document, sect_pr, "header", WD_HEADER_FOOTER.PRIMARY)
    _marking(ctx, header, text)
    running = ctx.paragraph("Header", parent=header)
    width = theme.page.width - theme.page.margin_left - theme.page.margin_right
    size = theme.styles["header"].size
    room = width - len(doc.date) * size * TITLE_SHARE - TITLE_GAP
    plain_run(running, f"{fit_title(doc.title, room, size)}\t{doc.date}")
    for kind in (WD_HEADER_FOOTER.FIRST_PAGE, WD_HEADER_FOOTER.PRIMARY):
        root = _new_part(document, sect_pr, "footer", kind)
        _footer_line(ctx, root, doc)
        _marking(ctx, root, text)


def fit_title(title: str, room: float, size: float) -> str:
    """``title``, or its start and an ellipsis if it would not fit ``room`` points at
    ``size`` (estimated, as the DOCX has no font metrics; page 1 has it whole)."""
    fits = max(int(room / (size * TITLE_SHARE)), 1)
    if len(title) <= fits:
        return title
    head = title[: fits - 1]
    cut = head.rfind(" ")
    if cut > fits // 2:
        head = head[:cut]
    return head.rstrip(" ,;:–-") + "…"


def _marking(ctx: Context, parent: Element, text: str | None) -> None:
    p = ctx.paragraph("Classification Marking", parent=parent)
    if text:
        plain_run(p, text)


def _footer_line(ctx: Context, parent: Element, doc: Document) -> None:
    p = ctx.paragraph("Footer", parent=parent)
    # The Footer style has a right tab stop at the text edge: number left, pages right.
    plain_run(p, (doc.reference.value if doc.reference else "") + "\t")
    # Any number of placeholders: a side-by-side memo has "Page X of Y" twice.
    for piece in re.split(r"(\{page\}|\{pages\})", doc.page_of):
        if piece in _FIELDS:
            add_field(p, _FIELDS[piece], "1")
        elif piece:
            plain_run(p, piece)


_FIELDS = {"{page}": "PAGE", "{pages}": "NUMPAGES"}


_PARTS = {
    "header": (HeaderPart, CT.WML_HEADER, RT.HEADER, "w:hdr"),
    "footer": (FooterPart, CT.WML_FOOTER, RT.FOOTER, "w:ftr"),
}


def _new_part(
    document: DocxDocument, sect_pr: CT_SectPr, what: str, kind: WD_HEADER_FOOTER
) -> Element:
    """A new, empty header or footer part of ``kind`` for the section; its root.

    Made here rather than through python-docx's section API, which reads its template
    header from disk and searches the package for a free part name on every call (a
    tenth of the time of writing a memo, for four parts). The reference document
    brings no header or footer (reference.py drops them), so the names are free.
    """
    cls, content_type, reltype, tag = _PARTS[what]
    number = 1 if kind == WD_HEADER_FOOTER.FIRST_PAGE else 2
    root = OxmlElement(tag, nsdecls={"w": W_NS, "r": R_NS})
    assert isinstance(root, BaseOxmlElement)  # a w: tag is always one of python-docx's
    part = cls(PackURI(f"/word/{what}{number}.xml"), content_type, root, document.part.package)
    rid = document.part.relate_to(part, reltype)
    if what == "header":
        sect_pr.add_headerReference(kind, rid)
    else:
        sect_pr.add_footerReference(kind, rid)
    return root
