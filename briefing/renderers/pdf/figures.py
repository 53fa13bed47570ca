"""Figures in the PDF: the image or chart, then "Figure N. Caption" and the credit.

Raster images are embedded from their own bytes (a JPEG stays the same JPEG, an
opaque PNG's compressed data stays the same, pngimage.py; other PNGs' pixels are kept
losslessly), unless they are far sharper than the template's dpi cap at the size they
are placed: then they are resampled to it first (figures/resample.py). SVG is
converted to reportlab shapes by svglib, so it stays vector; a chart is a reportlab
Drawing with real text. The alt text is written over the picture as invisible text, so
a text extractor or a search finds it (until the PDF is tagged, which will put it in
the structure tree).
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

from reportlab.platypus import Flowable

from briefing import tree
from briefing.renderers.pdf.footnotes import anchor
from briefing.renderers.pdf.kit import Kit
from briefing.renderers.pdf.pngimage import PngImage, png_image
from briefing.renderers.pdf.tags import Node, mark, unmark
from briefing.renderers.pdf.textblock import TextBlock

SHORT_CAPTION = 600  # characters: a caption a picture is kept on the same page with
MAX_HEIGHT_SHARE = 0.75  # of the frame: a tall image leaves room for its caption


class Picture(Flowable):  # type: ignore[misc]
    """Something drawable of a fixed size, with its alt text as an invisible layer."""

    def __init__(self, content: Any, width: float, height: float, alt: str, font: str) -> None:
        super().__init__()
        self.content, self.width, self.height = content, width, height
        self.alt, self.font = alt, font

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    node: Node | None = None  # its Figure element in a tagged PDF (tags.py)

    def draw(self) -> None:
        canv = self.canv
        marked = mark(canv, self.node)  # untagged: nothing, the picture is page content
        if hasattr(self.content, "drawOn"):
            self.content.drawOn(canv, 0, 0)
        elif isinstance(self.content, PngImage):
            self.content.draw(canv, self.width, self.height)
        else:
            canv.drawImage(self.content, 0, 0, self.width, self.height, mask="auto")
        if self.alt:
            from reportlab.lib.utils import simpleSplit

            text = canv.beginText(0, max(self.height - 10, 0))
            text.setTextRenderMode(3)  # invisible: found by extraction, never seen
            text.setFont(self.font, 8)
            for line in simpleSplit(self.alt, self.font, 8, max(self.width, 50)):
                text.textLine(line)
            canv.drawText(text)
        if marked:
            unmark(canv)


def figure(f: tree.Figure, kit: Kit, gap: float, parent: Node | None = None) -> list[Any]:
    """The picture, then its caption line and credit; ``parent`` is the structure element
    they join in a tagged PDF: a Figure with the alt text as its /Alt, and a P each."""
    width = kit.geo.frame_width * min(max(f.width, 0.05), 1.0)
    font = kit.fonts.body.face()
    content: Any
    if isinstance(f.content, tree.Chart):
        from briefing.charts.draw import draw
        from briefing.charts.style import chart_style
        from briefing.charts.to_reportlab import drawing

        content = drawing(draw(f.content, width, chart_style(kit.theme.template, pdf=True)))
        natural_w, natural_h = width, content.height
    elif f.content.format == "svg":
        content, natural_w, natural_h = _picture(f.content, kit)
    else:  # a raster image is made once its placed size is known (the dpi cap)
        content, natural_w, natural_h = None, f.content.width, f.content.height
    # A picture or chart taller than most of the page is made smaller: one that cannot
    # fit any page would never be placed.
    height = width * natural_h / natural_w
    most = kit.geo.frame_height * MAX_HEIGHT_SHARE
    if height > most:
        width, height = width * most / height, most
    if isinstance(f.content, tree.Picture) and content is None:
        content = _picture(_capped(f.content, width, height, kit), kit)[0]
    if hasattr(content, "scale"):  # a Drawing (SVG or chart); a raster image is sized on draw
        content.scale(width / natural_w, height / natural_h)
        content.width, content.height = width, height
        content.initialFontName = font  # reportlab would start it in Helvetica, unembedded
    picture = Picture(content, width, height, f.alt, font)
    picture.hAlign = "CENTER"
    caption = (
        tree.Run(f.label, bold=True),
        *((tree.Run(". "), *f.caption) if f.caption else ()),
    )
    # The caption style keeps a table's caption with the table below it; a figure's
    # caption is below the figure, so it keeps with nothing. The picture keeps with a
    # caption of a few lines; a caption of pages is left to flow (holding it together
    # with the picture sent reportlab's layout round in circles).
    style = kit.sheet["caption"].clone("caption@figure", keepWithNext=0)
    texts = [caption]
    if f.credit:
        texts.append(tuple(tree.Run(r.text, r.bold, True, r.link) for r in f.credit))
    parts: list[Any] = [picture] + [TextBlock(kit.texts.pieces(t, "caption"), style) for t in texts]
    if parent is not None:
        picture.node = parent.add("Figure", Alt=f.alt) if f.alt else parent.add("Figure")
        for block in parts[1:]:
            block.node = parent.add("P")
    picture.spaceBefore = 4
    anchor(picture, f.anchor, f.label)
    picture.keepWithNext = sum(len(r.text) for r in caption) <= SHORT_CAPTION
    parts[-1].spaceAfter = gap
    return parts


def letterhead(kit: Kit) -> Picture | None:
    """The template's logo at the top of page 1, where [logo] places it; None without."""
    logo = kit.theme.data.logo
    if logo is None:
        return None
    width = min(logo.width, kit.geo.frame_width)
    picture = logo.picture
    if picture.format != "svg":
        picture = _capped(picture, width, width * picture.height / picture.width, kit)
    content, natural_w, natural_h = _picture(picture, kit)
    height = width * natural_h / natural_w
    if hasattr(content, "scale"):
        content.scale(width / natural_w, height / natural_h)
        content.initialFontName = kit.fonts.body.face()
    flowable = Picture(content, width, height, "", kit.fonts.body.face())
    flowable.hAlign = {"left": "LEFT", "right": "RIGHT"}.get(logo.place, "CENTER")
    flowable.spaceAfter = 8
    return flowable


def _capped(p: tree.Picture, width: float, height: float, kit: Kit) -> tree.Picture:
    """``p`` resampled to the template's dpi cap at its placed size, if it is over it."""
    from briefing.figures.resample import capped

    return capped(p, width, height, kit.theme.data.figures.max_dpi)


def _picture(p: tree.Picture, kit: Kit) -> tuple[Any, float, float]:
    """What reportlab draws for a picture, and its natural width and height."""
    if p.format == "svg":
        drawing = _svg_drawing(p.data, kit)
        if drawing is None or not drawing.width or not drawing.height:
            return _empty(p), p.width, p.height
        from reportlab.graphics.shapes import Drawing, Group

        # A fresh drawing around the cached shapes: the caller scales its own copy.
        fresh = Drawing(drawing.width, drawing.height)
        fresh.add(Group(*drawing.contents))
        return fresh, float(drawing.width), float(drawing.height)
    if p.format == "png":  # embedded from its own compressed bytes where it can be
        image = png_image(p.data)
        if image is not None:
            return image, p.width, p.height
    from reportlab.lib.utils import ImageReader

    return ImageReader(io.BytesIO(p.data)), p.width, p.height


def _svg_drawing(data: bytes, kit: Kit) -> Any:
    """svglib's shapes for an SVG, once per process for the same bytes and template
    fonts (an image is the same in every language)."""
    fonts = _TemplateFonts(kit)
    key = (hashlib.sha256(data).digest(), fonts.key)
    if key not in _DRAWINGS:
        from briefing.figures.svgdraw import NotDrawable, to_shapes

        if len(_DRAWINGS) >= 16:
            del _DRAWINGS[next(iter(_DRAWINGS))]
        try:  # checked at load, where what svglib says is reported at the figure
            _DRAWINGS[key] = to_shapes(data, fonts)[0]
        except NotDrawable:  # only with the template's fonts: an empty frame
            _DRAWINGS[key] = None
    return _DRAWINGS[key]


_DRAWINGS: dict[tuple[bytes, tuple[tuple[str, ...], ...]], Any] = {}


class _TemplateFonts:
    """svglib's font lookup (its ``font_map`` hook), answered from the template's own
    faces, which the renderer has registered with reportlab already.

    Why not ``svglib.fonts.register_font``: it parses the font file again and registers
    a second copy under our face's name (about 20 ms a face), and a family it does not
    know sends it to fontconfig, a process per lookup. A family the template does not
    have is left to svglib's own map."""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self.families = {f.name.lower(): f.key for f in kit.theme.data.fonts.families.values()}
        self.key = tuple(sorted((name, *self._faces(name)) for name in self.families))

    def _faces(self, family: str) -> tuple[str, str, str]:
        faces = self.kit.fonts.families[self.families[family]]
        return faces.regular, faces.bold, faces.italic

    def find_font(
        self, font_name: str, weight: str = "normal", style: str = "normal"
    ) -> tuple[str, bool]:
        family = font_name.strip().strip("'\"").lower()
        if family in self.families:
            faces = self.kit.fonts.families[self.families[family]]
            bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
            italic = style in ("italic", "oblique")
            return faces.face(bold=bold, italic=italic), True  # registered on first use
        from svglib.fonts import find_font

        return find_font(font_name, weight, style)


def _empty(p: tree.Picture) -> Any:
    from reportlab.graphics.shapes import Drawing

    return Drawing(p.width, p.height)
