"""A PNG file checked without Pillow: its chunks, its header and every row of pixels.

Why not Pillow: importing it and its format plugins, then decoding, cost about 40 ms
in every memo render, because the memo template's logo is a PNG read with the theme
(issue 14). A PNG's own structure says everything the check needs, and the standard
library reads it: the chunks and their CRCs (``zlib.crc32``), the header (size, bit
depth, colour type), and the image data, which is one zlib stream of a known length
(a filter byte and the packed pixels of each row). Inflating it in full, to at most
one byte more than that length, finds a truncated or corrupt file as Pillow's full
decode did; a decompression bomb is refused from the header, before any inflating.

The result also says whether the PDF can take the file's compressed data as it is
(``passthrough``): PDF's Flate filter with the PNG predictors undoes exactly what
PNG's filters did, so an opaque, non-interlaced image needs no decoding at all there.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# colour type -> (channels, allowed bit depths), from the PNG specification (11.2.2)
_TYPES = {0: (1, (1, 2, 4, 8, 16)), 2: (3, (8, 16)), 3: (1, (1, 2, 4, 8)), 4: (2, (8, 16)),
          6: (4, (8, 16))}  # fmt: skip
# Adam7 passes: (first column, first row, column step, row step)
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
          (0, 1, 1, 2))  # fmt: skip


class BadPng(ValueError):
    """What is wrong with the file, in words for the brief's author."""


class TooManyPixels(ValueError):
    """The header's size is over the caller's pixel limit: nothing was inflated."""

    def __init__(self, width: int, height: int) -> None:
        super().__init__(f"{width}×{height}")
        self.width, self.height = width, height


@dataclass(frozen=True)
class Png:
    """What a PNG's header and chunks say; ``data`` is its image data, still compressed."""

    width: int
    height: int
    depth: int  # bits per sample
    color: int  # PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
    interlaced: bool
    palette: bytes  # PLTE: RGB triples (colour type 3), else empty
    transparency: bool  # a tRNS chunk (a transparent colour or palette alpha)
    dpi: tuple[float, float] | None  # from pHYs in pixels per metre, else None
    data: bytes  # the IDAT chunks joined: one zlib stream

    @property
    def channels(self) -> int:
        return _TYPES[self.color][0]

    @property
    def passthrough(self) -> bool:
        """Whether a PDF can embed ``data`` as it is (Flate with the PNG predictor):
        no alpha and no transparent colour (those need a separate mask), no interlace,
        and at most 8 bits per sample (16 needs PDF 1.5)."""
        return (
            self.color in (0, 2, 3)
            and not (self.transparency or self.interlaced)
            and (self.depth <= 8)
        )


def write_png(width: int, height: int, rgb: bytes) -> bytes:
    """An 8-bit RGB PNG of ``rgb`` (``height`` rows of ``width`` pixels, top first):
    every row unfiltered, deflated at zlib's fastest level.

    Why not Pillow's ``save``: it imports five format plugins first (about 15 ms), and
    for a chart's flat colours the plain rows pack well enough."""
    stride = width * 3
    if len(rgb) != stride * height:
        raise ValueError(f"{len(rgb)} bytes for {width}×{height} RGB pixels")  # a bug
    rows = b"".join(b"\x00" + rgb[at : at + stride] for at in range(0, len(rgb), stride))
    head = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        SIGNATURE
        + _chunk(b"IHDR", head)
        + _chunk(b"IDAT", zlib.compress(rows, 1))
        + (_chunk(b"IEND", b""))
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def header(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR, read before anything else is trusted."""
    if len(data) < 33:
        raise BadPng("the file ends before its header (IHDR)")
    if data[12:16] != b"IHDR":
        raise BadPng("the first chunk is not its header (IHDR)")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def read_png(data: bytes, max_pixels: int) -> Png:
    """The checked Png of ``data`` (which starts with the signature), or BadPng.

    The pixel count is checked against ``max_pixels`` from the header first
    (TooManyPixels, for the caller's own message), then every chunk's CRC, then the
    image data is inflated and every row's filter byte checked."""
    width, height = header(data)
    if width * height > max_pixels:
        raise TooManyPixels(width, height)
    png = parse_png(data)
    _check_pixels(png)
    return png


def parse_png(data: bytes) -> Png:
    """The header and chunks of ``data``, each CRC checked, the image data not inflated:
    for a file read_png has checked (a renderer), or inside read_png."""
    width, height = header(data)
    chunks = _chunks(data)
    ihdr = chunks[0][1]
    if chunks[0][0] != b"IHDR" or len(ihdr) != 13:
        raise BadPng("the first chunk is not a 13-byte header (IHDR)")
    depth, color, compression, filtering, interlace = ihdr[8:13]
    if width == 0 or height == 0 or width > 2**31 - 1 or height > 2**31 - 1:
        raise BadPng(f"an impossible size, {width}×{height}")
    if color not in _TYPES or depth not in _TYPES[color][1]:
        raise BadPng(f"bit depth {depth} with colour type {color} is not a PNG format")
    if compression != 0 or filtering != 0 or interlace > 1:
        raise BadPng("an unknown compression, filter or interlace method")
    palette, transparency, dpi, parts = b"", False, None, []
    for kind, body in chunks[1:]:
        if kind == b"IDAT":
            parts.append(body)
        elif kind == b"PLTE":
            if len(body) % 3 or not 0 < len(body) <= 768 or parts:
                raise BadPng("a damaged palette (PLTE)")
            palette = body
        elif kind == b"tRNS":
            transparency = True
        elif kind == b"pHYs" and len(body) == 9 and body[8] == 1:
            px, py = struct.unpack(">II", body[:8])
            dpi = (px * 0.0254, py * 0.0254)  # as Pillow reads it
        elif kind[0:1].isupper() and kind not in (b"IHDR", b"IEND"):
            raise BadPng(f"an unknown critical chunk {kind.decode('latin-1')!r}")
    if color == 3 and not palette:
        raise BadPng("a palette image without its palette (PLTE)")
    if not parts:
        raise BadPng("no image data (IDAT)")
    return Png(width, height, depth, color, bool(interlace), palette, transparency, dpi,
               b"".join(parts))  # fmt: skip


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """Every chunk up to IEND as (type, body), each CRC checked; data after IEND is
    ignored (as every reader does)."""
    out: list[tuple[bytes, bytes]] = []
    pos = len(SIGNATURE)
    while True:
        if pos + 12 > len(data):
            raise BadPng("the file is truncated (no IEND chunk)")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 8 + length
        if length > 2**31 - 1 or end + 4 > len(data):
            raise BadPng("the file is truncated inside a chunk")
        if not kind.isalpha():
            raise BadPng("a damaged chunk (its type is not four letters)")
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(data[pos + 4 : end]) != crc:
            raise BadPng(f"a damaged {kind.decode('latin-1')!r} chunk (CRC mismatch)")
        out.append((kind, data[pos + 8 : end]))
        if kind == b"IEND":
            return out
        pos = end + 4


def _check_pixels(png: Png) -> None:
    """Inflate the image data (never more than its rows need, plus one byte to notice
    extra data) and check it has exactly the rows the header promises, each starting
    with a known filter (0-4)."""
    bits = png.channels * png.depth
    passes = _ADAM7 if png.interlaced else ((0, 0, 1, 1),)
    rows: list[tuple[int, int]] = []  # (number of rows, bytes a row with its filter byte)
    for x0, y0, dx, dy in passes:
        w, h = (png.width - x0 + dx - 1) // dx, (png.height - y0 + dy - 1) // dy
        if w > 0 and h > 0:
            rows.append((h, (w * bits + 7) // 8 + 1))
    expected = sum(h * stride for h, stride in rows)
    inflate = zlib.decompressobj()
    try:
        pixels = inflate.decompress(png.data, expected + 1)
    except zlib.error as exc:
        raise BadPng(f"damaged image data ({exc})") from None
    if len(pixels) > expected:
        raise BadPng("the image data has more rows than its header says")
    if len(pixels) < expected or not inflate.eof:
        raise BadPng("the image data is truncated")
    at = 0
    for h, stride in rows:
        if max(pixels[at : at + h * stride : stride]) > 4:
            raise BadPng("damaged image data (an unknown row filter)")
        at += h * stride
