"""An image file's bytes -> a checked Picture: PNG by figures/png.py, JPEG by Pillow,
SVG by lxml.

Raster images are decoded (a PNG inflated) in full once here, so a truncated or corrupt
file is an error at its line in the brief, not a crash or a blank box in a renderer;
the pixel count is checked from the header before any pixel is decoded (a
decompression bomb is a small file that unpacks to gigabytes). The bytes themselves
are kept as they were: the renderers embed them, never a re-encoded copy.

SVG is XML that can reach out: external entities, DTDs, scripts, ``<image href>`` or
CSS ``url()`` to other files or the network. A figure's SVG may do none of that; it is
refused with what it tried, rather than cleaned, so what prints is what the author
drew.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

from briefing.errors import KeyPath
from briefing.figures.paths import PathRefused
from briefing.figures.svgsize import check_numbers, svg_size
from briefing.limits import Limits, hint
from briefing.tree import Picture

SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "{http://www.w3.org/1999/xlink}href"
MAX_SVG_ELEMENTS = 100_000  # drawing more would cost more time than any figure is worth
DEFAULT_DPI = 96.0  # what a screen image without a dpi means
_PILLOW = {"jpeg": "JPEG"}  # our format name -> Pillow's (and the message's)
_INLINE_IMAGE = re.compile(r"^data:image/(png|jpeg);base64,", re.I)
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.I)


def read_image(data: bytes, base: Path, limits: Limits, at: KeyPath) -> Picture:
    """The Picture of an image file's bytes, or PathRefused saying what is wrong."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png(data, limits, at)
    if data.startswith(b"\xff\xd8\xff"):
        return _raster(data, "jpeg", limits, at)
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and (b"<svg" in data[:4096] or head.startswith(b"<?xml")):
        return _svg(data, limits, at)
    raise PathRefused(at, "not a PNG, JPEG or SVG image (judged by its content, not its name)")


def _png(data: bytes, limits: Limits, at: KeyPath) -> Picture:
    """A PNG checked by our own reader (no Pillow: see figures/png.py for why)."""
    from briefing.figures.png import BadPng, TooManyPixels, read_png

    try:
        png = read_png(data, limits.image_pixels)
    except TooManyPixels as exc:
        raise _too_many(exc.width, exc.height, limits, at) from None
    except BadPng as exc:
        raise PathRefused(at, f"a damaged PNG image: {exc}") from None
    xdpi, ydpi = (d if d > 1 else DEFAULT_DPI for d in png.dpi or (DEFAULT_DPI, DEFAULT_DPI))
    return Picture(data, "png", png.width * 72 / xdpi, png.height * 72 / ydpi)


def _too_many(width: int, height: int, limits: Limits, at: KeyPath) -> PathRefused:
    return PathRefused(
        at,
        f"the image has {width * height:,} pixels ({width}×{height}), over "
        f"the image-pixels limit of {limits.image_pixels:,}; "
        f"{hint('image_pixels', width * height)}",
    )


def _raster(data: bytes, fmt: str, limits: Limits, at: KeyPath) -> Picture:
    from PIL import Image

    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # our own limit, checked from the header, is the one
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with Image.open(io.BytesIO(data), formats=[_PILLOW[fmt]]) as im:
                width, height = im.size
                if width * height > limits.image_pixels:
                    raise _too_many(width, height, limits, at)
                im.load()  # every pixel: a truncated or corrupt file fails here
                dpi = im.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))
    except PathRefused:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning) as exc:
        raise PathRefused(at, f"a damaged {_PILLOW[fmt]} image: {exc}") from None
    finally:
        Image.MAX_IMAGE_PIXELS = saved
    try:
        xdpi, ydpi = (float(d) if float(d) > 1 else DEFAULT_DPI for d in dpi[:2])
    except (TypeError, ValueError):  # a dpi field that is not two numbers: a screen image
        xdpi = ydpi = DEFAULT_DPI
    return Picture(data, fmt, width * 72 / xdpi, height * 72 / ydpi)


def _svg(data: bytes, limits: Limits, at: KeyPath) -> Picture:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise PathRefused(at, f"a damaged SVG image: {exc}") from None
    doc = root.getroottree().docinfo
    if doc.internalDTD is not None or doc.externalDTD is not None or doc.doctype:
        raise PathRefused(at, "the SVG has a DOCTYPE (entities could expand or reach out)")
    if root.tag != f"{{{SVG_NS}}}svg":
        raise PathRefused(at, "not an SVG image: its root element is not <svg>")
    for count, el in enumerate(root.iter()):
        if count > MAX_SVG_ELEMENTS:
            raise PathRefused(at, f"the SVG has more than {MAX_SVG_ELEMENTS:,} elements")
        if not isinstance(el.tag, str):
            if isinstance(el, etree._Entity):
                raise PathRefused(at, "the SVG uses an entity")
            continue  # comments and processing instructions draw nothing
        name = etree.QName(el).localname
        if name in ("script", "foreignObject", "iframe", "handler"):
            raise PathRefused(at, f"the SVG has a <{name}> element; figures cannot run code")
        for key, value in el.attrib.items():
            local = etree.QName(key).localname
            if local.lower().startswith("on"):
                raise PathRefused(at, f"the SVG has an event handler ({local}) on <{name}>")
            if key in ("href", XLINK) and not _internal(value):
                raise PathRefused(
                    at,
                    f"the SVG's <{name}> links to {value[:80]!r}; only #ids and inline "
                    "PNG or JPEG data may be used",
                )
            if key in ("href", XLINK) and not value.startswith("#"):
                _inline_image(value, name, limits, at)
            if local == "style":
                _check_css(value, name, at)
            check_numbers(name, local, value, at)
        if name == "style":
            _check_css(el.text or "", name, at)
    width, height = svg_size(root, at)
    return Picture(data, "svg", width, height)


def _inline_image(href: str, name: str, limits: Limits, at: KeyPath) -> None:
    """An SVG's inline PNG or JPEG checked as a figure's own image is (svglib hands it
    to Pillow: a bomb of a billion pixels there would stall the render)."""
    import base64
    import binascii

    try:
        data = base64.b64decode(href[href.index(",") + 1 :].strip(), validate=False)
    except (binascii.Error, ValueError):
        raise PathRefused(
            at, f"the SVG's <{name}> has inline image data that is not base64"
        ) from None
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            _png(data, limits, at)
        elif data.startswith(b"\xff\xd8\xff"):
            _raster(data, "jpeg", limits, at)
        else:
            raise PathRefused(at, "not a PNG or JPEG image")
    except PathRefused as exc:
        raise PathRefused(at, f"the SVG's <{name}> inline image: {exc.message}") from None


def _internal(href: str) -> bool:
    return href.startswith("#") or bool(_INLINE_IMAGE.match(href))


def _check_css(css: str, name: str, at: KeyPath) -> None:
    if "@import" in css.lower():
        raise PathRefused(at, f"the SVG's <{name}> style imports another file")
    for target in _CSS_URL.findall(css):
        if not target.startswith("#"):
            raise PathRefused(at, f"the SVG's <{name}> style points at {target[:80]!r}")
