"""Assemble one PDF: page template, story, metadata, language, outline.

ReportLab is told the body font as ``initialFontName`` so no page ever declares its
default Helvetica, ``invariant=1`` so the same tree gives the same bytes (dates come
from SOURCE_DATE_EPOCH when set), and the document language goes on the catalog
(/Lang) for screen readers and hyphenating viewers.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from briefing import glyphs, tree
from briefing.errors import BriefError
from briefing.templates import Template

from . import front
from .blocks import Blocks
from .fonts import load_fonts
from .keep import KeepWithNext
from .outline import Outline
from .page import DeferredCanvas, Furniture
from .styles import build_styles
from .theme import Theme


def render(doc: tree.Document, template: Template) -> bytes:
    check_coverage(doc, template)
    theme = Theme(template)
    geo = theme.page()
    fonts = load_fonts(template)
    sheet = build_styles(theme, fonts)
    body = sheet["body"]
    furniture = Furniture(doc, sheet, theme, geo)
    blocks = Blocks(sheet, theme, geo.frame_width, Outline())

    buf = io.BytesIO()
    meta = doc.metadata
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
        creator="briefing",
        lang=meta.language or doc.lang_tag,
        invariant=1,
        pageCompression=1,
        initialFontName=body.fontName,
        initialFontSize=body.fontSize,
        initialLeading=body.leading,
        displayDocTitle=1,
        keepTogetherClass=KeepWithNext,
    )
    first_h = geo.height - geo.first_top - geo.bottom
    hooks = {"onPage": furniture.on_page, "onPageEnd": furniture.on_page_end}
    first = _frame(geo.left, geo.bottom, geo.frame_width, first_h)
    later = _frame(geo.left, geo.bottom, geo.frame_width, geo.frame_height)
    pdf.addPageTemplates(
        [
            PageTemplate(id="first", frames=[first], autoNextPageTemplate="later", **hooks),
            PageTemplate(id="later", frames=[later], **hooks),
        ]
    )

    def make_canvas(*args: Any, **kwargs: Any) -> DeferredCanvas:
        canv = DeferredCanvas(*args, **kwargs)
        canv.furniture = furniture
        return canv

    pdf.build(story(doc, blocks, theme), canvasmaker=make_canvas)
    return buf.getvalue()


def _frame(x: float, y: float, w: float, h: float) -> Frame:
    return Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


def story(doc: tree.Document, blocks: Blocks, theme: Theme) -> list[Any]:
    """Title block, memo block, every section (annexes included), then "Prepared by"."""
    out: list[Any] = front.title_block(doc, blocks, theme)
    for s in doc.sections:
        out.extend(blocks.section(s))
    if doc.prepared_by is not None:
        out.extend(front.prepared_by(doc.prepared_by, blocks, theme))
    return out


def check_coverage(doc: tree.Document, template: Template) -> None:
    """Refuse to draw a character no font can show (ReportLab would draw an empty box).

    The CLI checks coverage earlier, with positions in the brief; this is the renderer's
    own guard, so a tree that skipped that check still cannot produce a silent box.
    """
    missing = glyphs.missing_chars("\n".join(texts(doc)), template)
    if missing:
        listed = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing)
        raise BriefError(f"no font of template {template.name!r} can show: {listed}")


def texts(doc: tree.Document) -> list[str]:
    """Every string the PDF draws, for the coverage check."""
    out = [doc.doc_type, doc.title, doc.subtitle or "", doc.date, doc.marking or "", doc.page_of]
    rows = [*doc.memo, *(r for r in (doc.reference, doc.prepared_by) if r is not None)]
    out += [t for r in rows for t in (r.label, r.value)]
    for s in tree.walk_sections(doc.sections):
        out.append(s.heading)
        for b in s.blocks:
            out.extend(_block_texts(b))
    return out


def _block_texts(b: tree.Block) -> list[str]:
    if isinstance(b, tree.Paragraph):
        return [tree.plain(b.runs)]
    if isinstance(b, tree.ListBlock):
        out = []
        for item in b.items:
            out.append(tree.plain(item.runs))
            if item.children is not None:
                out.extend(_block_texts(item.children))
        return out
    if isinstance(b, tree.Table):
        cells = [*b.columns, *(c for row in b.rows for c in row), b.caption or ()]
        return [b.label, *(tree.plain(c) for c in cells)]
    if isinstance(b, tree.Quote):
        return [tree.plain(b.runs), tree.plain(b.by or ())]
    return [b.label, tree.plain(b.runs)]
