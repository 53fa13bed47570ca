"""Assemble one PDF: page templates, story, metadata, language, outline, contents.

ReportLab is told the body font as ``initialFontName`` so no page ever declares its
default Helvetica, ``invariant=1`` so the same tree gives the same bytes, and the
document language goes on the catalog (/Lang) for screen readers. The dates in the
info dictionary and the XMP come from the tree (metadata.py), not from the clock.
Everything that depends only on the template is prepared once per process (kit.py).
Every character has been checked against the template's fonts before this module
runs: briefing/renderers/__init__.py holds the guard both renderers rely on.

Unless ``--no-pdf-tags``, the PDF is tagged (tags.py) and says it conforms to PDF/UA-1:
the blocks get their structure elements as the story is built, the canvas marks their
content as it draws. The classification marking printed on every page is furniture,
except its first print at the top of page 1: that one is the first element of the
structure (a P), so a screen reader announces it before the title.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from briefing import tree
from briefing.renderers.options import RenderOptions, pdfa_level
from briefing.renderers.pdf import archival, contents, front, metadata
from briefing.renderers.pdf.blocks import Blocks
from briefing.renderers.pdf.canvas import BriefCanvas
from briefing.renderers.pdf.footnotes import Footnotes
from briefing.renderers.pdf.keep import KeepWithNext, closing, keep_two_lines
from briefing.renderers.pdf.kit import Kit, kit
from briefing.renderers.pdf.notefoot import Flush, NoteFrame
from briefing.renderers.pdf.outline import Outline
from briefing.renderers.pdf.page import Furniture
from briefing.renderers.pdf.tags import Node, Tagger
from briefing.templates import Template

StoryBuilder = Callable[[tree.Document, Blocks, Kit, RenderOptions], list[Any]]


def render(
    doc: tree.Document,
    template: Template,
    options: RenderOptions,
    outline: Outline | None = None,
    build: StoryBuilder | None = None,
) -> bytes:
    """The PDF; ``outline``, if given, is filled with every heading and its page (the
    DOCX contents take their page numbers from it). ``build`` makes the story in
    place of :func:`build_story` (two languages side by side: bilingual.py); ``doc``
    then gives the page furniture, metadata and language."""
    k = kit(template)
    geo = k.geo
    body = k.sheet["body"]
    furniture = Furniture(doc, k)
    outline = Outline() if outline is None else outline
    blocks = Blocks(k, outline)
    notes = blocks.footnotes = Footnotes(k)
    story = (build or build_story)(doc, blocks, k, options)
    if notes.has_notes:
        story.append(Flush(notes))
    tagger = Tagger(blocks.root) if options.pdf_tags else None
    pdfa = pdfa_level(options)
    if tagger is not None and furniture.marking:
        furniture.marking_node = Node("P")
        blocks.root.kids.insert(0, furniture.marking_node)

    buf = io.BytesIO()
    meta = doc.metadata
    lang = meta.language or doc.lang_tag
    pdf = BaseDocTemplate(
        buf,
        pagesize=(geo.width, geo.height),
        leftMargin=geo.left,
        rightMargin=geo.right,
        topMargin=geo.top,
        bottomMargin=geo.bottom,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords=list(meta.keywords),
        creator=metadata.CREATOR,
        lang=lang,
        invariant=1,
        pageCompression=1,
        initialFontName=body.fontName,
        initialFontSize=body.fontSize,
        initialLeading=body.leading,
        displayDocTitle=1,
        keepTogetherClass=KeepWithNext,
    )
    pdf.addPageTemplates(_page_templates(k, furniture, notes if notes.has_notes else None))
    finishers: list[Callable[[Canvas], None]] = [furniture.finish]
    if options.toc:
        finishers.append(contents.finisher(outline, k))

    def make_canvas(*args: Any, **kwargs: Any) -> BriefCanvas:
        canv = BriefCanvas(*args, **kwargs)
        canv.finishers = finishers
        canv.tagger = tagger
        if notes.has_links:
            canv.internal_links = notes.link
        metadata.install(canv._doc, meta, lang, ua=tagger is not None, pdfa=pdfa)
        if pdfa:
            archival.add_output_intent(canv._doc)
        return canv

    pdf.build(story, canvasmaker=make_canvas)
    return buf.getvalue()


def _page_templates(k: Kit, furniture: Furniture, notes: Footnotes | None) -> list[PageTemplate]:
    """Page 1 (taller frame: no running header), then every later page. A marking
    that wraps onto more lines takes its extra lines from the frames (page.py).
    With footnotes, the frames keep room for them and the page's end draws them."""
    geo = k.geo
    top, bottom = furniture.top_extra, furniture.bottom_extra
    first_h = geo.height - geo.first_top - geo.bottom - top - bottom
    hooks: dict[str, Any] = {"onPage": furniture.on_page, "onPageEnd": furniture.on_page_end}
    if notes is not None:

        def page_end(canv: Canvas, pdf: Any) -> None:
            notes.end_page(canv, pdf.frame)
            furniture.on_page_end(canv, pdf)

        hooks["onPageEnd"] = page_end
    first = _frame(geo.left, geo.bottom + bottom, geo.frame_width, first_h, notes)
    later = _frame(
        geo.left, geo.bottom + bottom, geo.frame_width, geo.frame_height - top - bottom, notes
    )
    return [
        PageTemplate(id="first", frames=[first], autoNextPageTemplate="later", **hooks),
        PageTemplate(id="later", frames=[later], **hooks),
    ]


def _frame(x: float, y: float, w: float, h: float, notes: Footnotes | None = None) -> Frame:
    if notes is None:
        return Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    frame = NoteFrame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    frame.notes = notes
    return frame


def build_story(doc: tree.Document, blocks: Blocks, k: Kit, options: RenderOptions) -> list[Any]:
    """Title block, memo block, [contents,] the body in the tree's reading order
    (sections, "Prepared by", annexes). The body is built first so the contents know
    every heading."""
    body: list[Any] = []
    root = blocks.root
    side = blocks.footnotes.side("", 0.0, k.geo.frame_width)
    with side.active():
        _body(doc, blocks, body)
    keep_two_lines(body, k.geo.frame_width)
    in_body = len(root.kids)
    out: list[Any] = front.title_block(doc, blocks, k.theme)
    if options.toc:
        out.extend(contents.contents(doc.contents_title, blocks.outline, k, root))
    root.kids = root.kids[in_body:] + root.kids[:in_body]  # the structure in reading order
    return out + body


def _body(doc: tree.Document, blocks: Blocks, body: list[Any]) -> None:
    """The body's flowables, appended to ``body``."""
    for part in doc.reading_order():
        if isinstance(part, tree.MemoRow):
            # never alone at the top of a page: it goes with what it closes
            body.extend(closing(body, front.prepared_by(part, blocks, blocks.theme)))
        else:
            body.extend(blocks.section(part))
