"""Assembly: open the template's reference document, write the memo, save.

The reference.docx carries the whole look (styles, numbering, page size, theme); this
module empties its body but keeps its section properties (page size, margins), then
writes the title block, memo block, the table of contents if asked for (with the page
numbers of the PDF's layout, contents.py), the body in the tree's reading order
(sections, "Prepared by", annexes each on a new page), and
finally the header, footer, properties, language and embedded fonts (unless turned off).
"""

from __future__ import annotations

from dataclasses import replace

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Length
from docx.styles import BabelFish

from briefing.errors import TemplateError
from briefing.renderers.docx.blocks import add_section
from briefing.renderers.docx.contents import add_toc, heading_pages
from briefing.renderers.docx.context import Apparatus, Context
from briefing.renderers.docx.fonts import embed_fonts
from briefing.renderers.docx.front import add_memo_block, add_prepared_by, add_title_block
from briefing.renderers.docx.language import set_language
from briefing.renderers.docx.numbering import Numbering
from briefing.renderers.docx.ooxml import Element
from briefing.renderers.docx.package import drop_stale_parts, save, set_properties
from briefing.renderers.docx.page import add_header_footer
from briefing.renderers.docx.refcache import open_package, reference_package
from briefing.renderers.docx.reference import template_reference
from briefing.renderers.docx.styles import StyleMap
from briefing.renderers.docx.themed import themed_package
from briefing.renderers.options import RenderOptions
from briefing.resources import templates_dir
from briefing.templates import Template
from briefing.tree import Document, MemoRow, SectionNode

A4_TEXT_WIDTH = 9354  # twips; used only if the reference has no page size


def reference_bytes(template: Template) -> bytes:
    """The reference document the memo starts from, rebuilt from only the parts the
    renderer uses (reference.py), cached per process.

    A template's own reference.docx is its Word look, as it is (a house style). A
    template without one gets the bundled memo's with the template's theme written
    into its styles and page (themed.py), so its DOCX looks like its PDF; the bundled
    memo's own reference.docx is made from its theme the same way, by
    tools/make_reference_docx.py. A bundled reference is used as it is (refcache.py).
    """
    own = template_reference(template.path)
    if own is not None:
        return reference_package(own)
    bundled = reference_package(templates_dir() / "memo" / "reference.docx")
    return themed_package(bundled, template.theme, BabelFish.internal2ui)


def prepare(template: Template) -> None:
    """Read the reference document and the fonts to embed once, before any render."""
    embed_fonts(open_reference(template))


def open_reference(template: Template) -> DocxDocument:
    data = reference_bytes(template)
    try:
        return open_package(data)
    except Exception as exc:  # python-docx raises several types for a broken package
        raise TemplateError(f"{template.reference_docx}: not a usable .docx ({exc})") from None


def text_height(document: DocxDocument) -> int:
    """Page height less the top and bottom margins, in twips; 0 when not set."""
    section = document.sections[0]
    page, top, bottom = section.page_height, section.top_margin, section.bottom_margin
    if page is None or top is None or bottom is None:
        return 0
    return int(Length(page - top - bottom).twips)


def text_width(document: DocxDocument) -> int:
    section = document.sections[0]
    page, left, right = section.page_width, section.left_margin, section.right_margin
    if page is None or left is None or right is None:
        return A4_TEXT_WIDTH
    return int(Length(page - left - right).twips)


def build_document(
    doc: Document, template: Template, options: RenderOptions | None = None
) -> DocxDocument:
    options = options or RenderOptions()
    document, ctx, sect_pr = start(template, options)
    ctx.apparatus.trees = (doc,)
    every_page = template.theme.document.marking == "every_page"
    add_title_block(ctx, doc, marking_here=not every_page)
    add_memo_block(ctx, doc)
    if options.toc:
        add_toc(ctx, doc, heading_pages(doc, template, options))
    body_parts = doc.reading_order()  # sections, "Prepared by", annexes
    first = body_parts[0] if body_parts else None
    if options.toc and isinstance(first, SectionNode):
        # the body starts on a new page after the contents, as in the PDF
        body_parts[0] = replace(first, page_break_before=True)
    for part in body_parts:
        if isinstance(part, MemoRow):
            add_prepared_by(ctx, part)
        else:
            add_section(ctx, part)
    finish(document, ctx, sect_pr, doc, template, options)
    return document


def start(template: Template, options: RenderOptions) -> tuple[DocxDocument, Context, Element]:
    """The reference document emptied, the context to write its body, and its section
    properties (page size, margins) to put back at the end (``finish``)."""
    document = open_reference(template)
    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    if sect_pr is None:  # a reference without page setup: Word's defaults apply
        sect_pr = OxmlElement("w:sectPr")
        body.append(sect_pr)
    width, height = text_width(document), text_height(document)
    for child in list(body):
        body.remove(child)
    ctx = Context(
        body=body,
        part=document.part,
        styles=StyleMap(document),
        numbering=Numbering(document),
        text_width=width,
        theme=template.theme,
        apparatus=Apparatus(),
        bookmark_headings=options.toc,
        template=template,
        text_height=height,
    )
    return document, ctx, sect_pr


def finish(
    document: DocxDocument,
    ctx: Context,
    sect_pr: Element,
    doc: Document,
    template: Template,
    options: RenderOptions,
) -> None:
    """Close the body; header, footer, properties, language and fonts from ``doc``."""
    ctx.body.append(sect_pr)  # the section properties close the body
    every_page = template.theme.document.marking == "every_page"
    add_header_footer(document, ctx, doc, template.theme, marking=every_page)
    set_properties(document, doc.metadata)
    drop_stale_parts(document)
    set_language(document, doc.lang_tag)
    if options.embed_fonts:
        embed_fonts(document)


def render(doc: Document, template: Template, options: RenderOptions | None = None) -> bytes:
    """The finished .docx; the same tree, template and options always give the same bytes."""
    return save(build_document(doc, template, options))
