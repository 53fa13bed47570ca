"""Figures in the DOCX: the picture in a centred paragraph, then "Figure N. Caption".

PNG and JPEG go in as they are, unless they are far sharper than the template's dpi
cap at their placed size: then they are resampled to it first, as in the PDF
(figures/resample.py): Word embeds whatever bytes it is given, and a memo sent by mail
should not carry a camera's megapixels; Word's own Compress Pictures offers 330, 220
and 150 ppi for the same reason. SVG (an image file, or a chart drawn by
briefing/charts as SVG) goes in as SVG with a PNG of it as the fallback: the picture's
``a:blip`` names the PNG, and Office's ``asvg:svgBlip`` extension inside it names the
SVG, so Word 2016+ shows the vector and older readers the PNG (LibreOffice 7, as
tested, shows the PNG too). An SVG file's PNG is rasterized by resvg with the
template's body font; a chart's is drawn by briefing/charts/raster.py. The alt text is
the drawing's ``descr``, which screen readers announce.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn

from briefing import tree
from briefing.renderers.docx.context import Context
from briefing.renderers.docx.inline import add_runs
from briefing.renderers.docx.ooxml import Element, plain_run, sub
from briefing.renderers.docx.picture import pic_inline
from briefing.templates import Template

EMU_PER_PT = 12700
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
FALLBACK_DPI = 150  # sharp on screen and in draft print; only readers without SVG see it
MAX_FALLBACK_PX = 4000  # the fallback's longer side, whatever the figure's size


MAX_HEIGHT_SHARE = 0.75  # of the text height, as in the PDF: room for the caption


def add_figure(ctx: Context, f: tree.Figure, template: Template | None) -> None:
    width = ctx.text_width / 20 * min(max(f.width, 0.05), 1.0)
    svg: bytes | None = None
    if isinstance(f.content, tree.Chart):
        svg, height, data = _chart(f.content, width, template)
        picture = tree.Picture(data, "png", width, height)
    else:
        # A picture taller than most of the page is made smaller, keeping its shape, as
        # the PDF does: Word shrinks one taller than the page out of shape (LibreOffice
        # cuts it), and the SVG's fallback PNG is rasterized at the smaller width.
        width, height = _fit(ctx, width, width * f.content.height / f.content.width)
        if f.content.format == "svg":
            svg = f.content.data
            picture = tree.Picture(_png(svg, width, template), "png", width, height)
        else:
            picture = _capped(f.content, width, height, template)
    p = ctx.paragraph("Body Text", keep_next=True)
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        sub(ppr, "w:jc", {"w:val": "center"})
    inline = pic_inline(ctx.part, picture, int(width * EMU_PER_PT), int(height * EMU_PER_PT))
    doc_pr = inline.find(qn("wp:docPr"))
    if doc_pr is not None and f.alt:
        doc_pr.set("descr", f.alt)
    if svg is not None:
        _add_svg(ctx, inline, svg)
    run = sub(p, "w:r")
    sub(run, "w:drawing").append(inline)
    caption = ctx.paragraph("Caption", keep_next=bool(f.credit))
    if not ctx.referenced(f.anchor):
        plain_run(caption, f.label, bold=True)
    else:
        from briefing.renderers.docx.xrefs import add_label

        add_label(ctx, caption, f.label, f.anchor)  # its number bookmarked
    if f.caption:
        plain_run(caption, ". ")
        add_runs(ctx, caption, f.caption)
    if f.credit:
        credit = ctx.paragraph("Caption")
        add_runs(ctx, credit, tuple(replace(r, italic=True) for r in f.credit))


def _fit(ctx: Context, width: float, height: float) -> tuple[float, float]:
    """(width, height) in points, scaled down to at most MAX_HEIGHT_SHARE of the text
    height."""
    most = ctx.text_height / 20 * MAX_HEIGHT_SHARE
    if most > 0 and height > most:
        return width * most / height, most
    return width, height


def add_logo(ctx: Context, template: Template, p: Element) -> None:
    """The template's logo at the top of page 1, anchored in the document type paragraph
    ``p``: a floating picture aligned left, centre or right in the column, with the
    paragraph's text below it (no extra paragraph and no text of its own)."""
    logo = template.theme.logo
    if logo is None:
        return
    width = min(logo.width, ctx.text_width / 20)
    height = width * logo.picture.height / logo.picture.width
    svg = logo.picture.data if logo.picture.format == "svg" else None
    if svg is not None:
        picture = tree.Picture(_png(svg, width, template), "png", width, height)
    else:
        picture = _capped(logo.picture, width, height, template)
    size = int(width * EMU_PER_PT), int(height * EMU_PER_PT)
    inline = pic_inline(ctx.part, picture, *size)
    if svg is not None:
        _add_svg(ctx, inline, svg)
    sub(sub(p, "w:r"), "w:drawing").append(_anchored(inline, logo.place, size))


def _capped(
    p: tree.Picture, width: float, height: float, template: Template | None
) -> tree.Picture:
    """``p`` resampled to the template's dpi cap at its placed size, if it is over it
    (as in the PDF, so both formats carry the same pixels)."""
    from briefing.figures.resample import capped
    from briefing.theme import FigureSettings

    settings = template.theme.figures if template is not None else FigureSettings()
    return capped(p, width, height, settings.max_dpi)


def _anchored(inline: Element, place: str, size: tuple[int, int]) -> Element:
    """``inline`` as a ``wp:anchor``: the same picture, floating at the top of its
    paragraph, aligned ``place`` in the column, the text wrapped below it."""
    gap = str(4 * EMU_PER_PT)
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    anchor = inline.makeelement(
        qn("wp:anchor"),
        {
            "distT": "0", "distB": gap, "distL": "0", "distR": "0", "simplePos": "0",
            "relativeHeight": "1", "behindDoc": "0", "locked": "0", "layoutInCell": "1",
            "allowOverlap": "0",
        },
        nsmap={"wp": wp},  # the inline it replaces declared it; the body's root does not
    )  # fmt: skip
    _el(anchor, "wp:simplePos", {"x": "0", "y": "0"})
    horizontal = _el(anchor, "wp:positionH", {"relativeFrom": "column"})
    _el(horizontal, "wp:align").text = place
    vertical = _el(anchor, "wp:positionV", {"relativeFrom": "paragraph"})
    # below the document type paragraph's top rule (its border), as in the PDF
    _el(vertical, "wp:posOffset").text = str(8 * EMU_PER_PT)
    _el(anchor, "wp:extent", {"cx": str(size[0]), "cy": str(size[1])})
    _el(anchor, "wp:effectExtent", {"l": "0", "t": "0", "r": "0", "b": "0"})
    _el(anchor, "wp:wrapTopAndBottom")
    for name in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"):
        found = inline.find(qn(name))
        if found is not None:
            anchor.append(found)
    return anchor


def _el(parent: Element, tag: str, attrs: dict[str, str] | None = None) -> Element:
    """A DrawingML child with unprefixed attributes (``sub`` prefixes them)."""
    from lxml import etree

    return etree.SubElement(parent, qn(tag), attrs or {})


def _add_svg(ctx: Context, inline: object, svg: bytes) -> None:
    """The SVG as a part of its own, named by the blip's svgBlip extension."""
    package = ctx.part.package
    count = sum(1 for part in package.iter_parts() if str(part.partname).endswith(".svg"))
    part = Part(PackURI(f"/word/media/figure{count + 1}.svg"), "image/svg+xml", svg, package)
    rid = ctx.part.relate_to(part, RT.IMAGE)
    blip = inline.find(".//" + qn("a:blip"))  # type: ignore[attr-defined]
    ext_list = blip.makeelement(qn("a:extLst"), {})
    blip.append(ext_list)
    ext = ext_list.makeelement(qn("a:ext"), {"uri": SVG_EXT})
    ext_list.append(ext)
    svg_blip = ext.makeelement(f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
    svg_blip.set(qn("r:embed"), rid)
    ext.append(svg_blip)


def _chart(
    chart: tree.Chart, width: float, template: Template | None
) -> tuple[bytes, float, bytes]:
    """The chart as SVG with the template's family name for its font, its height, and
    its PNG fallback (briefing/charts: svg.py and raster.py, no reportlab.graphics)."""
    from briefing.charts.draw import draw
    from briefing.charts.raster import png
    from briefing.charts.style import BOLD, REGULAR, chart_style
    from briefing.charts.svg import svg

    if template is None:
        raise TypeError("a chart needs the template it is drawn with")  # a bug
    style = chart_style(template, pdf=False)
    scene = draw(chart, width, style)
    body = template.theme.fonts.family("body")
    families = {REGULAR: (body.name, False), BOLD: (body.name, True)}
    files = {REGULAR: body.regular, BOLD: body.bold}
    pixels = min(int(width / 72 * FALLBACK_DPI), MAX_FALLBACK_PX)
    return svg(scene, families), float(scene.height), png(scene, pixels, files)


def _png(svg: bytes, width: float, template: Template | None) -> bytes:
    """The PNG beside an SVG; the same SVG at the same size is rasterized once per
    process (an image file's SVG is the same in every language)."""
    px = min(int(width / 72 * FALLBACK_DPI), MAX_FALLBACK_PX)
    key = (hashlib.sha256(svg).digest(), px, None if template is None else template.path)
    found = _PNGS.get(key)
    if found is None:
        found = _rasterize(svg, px, template)
        if len(_PNGS) >= MAX_CACHED:
            del _PNGS[next(iter(_PNGS))]
        _PNGS[key] = found
    return found


MAX_CACHED = 32
_PNGS: dict[tuple[bytes, int, Path | None], bytes] = {}


def _rasterize(svg: bytes, px: int, template: Template | None) -> bytes:
    import resvg_py

    # resvg parses every font file it is given on each call (about 18 ms for a Noto
    # face): only the body family's regular face, and its bold if the SVG asks for it.
    fonts: list[str] = []
    family = None
    if template is not None:
        body = template.theme.fonts.family("body")
        family = body.name
        fonts = [str(body.regular)] + ([str(body.bold)] if b"bold" in svg else [])
    data: bytes = resvg_py.svg_to_bytes(
        svg_string=svg.decode("utf-8"),
        width=px,
        dpi=96.0,  # its default, 0, made every mm, pt or in size "invalid" (exit 3)
        background="#ffffff",
        skip_system_fonts=True,
        font_family=family,
        font_files=sorted(set(fonts)),
    )
    return bytes(data)
