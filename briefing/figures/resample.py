"""A raster picture made no sharper than its page can show: the dpi cap.

Why: a camera's 6000×4000 photo placed 15 cm wide is about 1000 dpi; no printer or
screen shows more than a few hundred, yet every pixel is carried in the PDF and the
DOCX (a 3.4 MB JPEG made a 4.2 MB PDF, a 6 MB PNG photo a 12 MB one). Print shops and
Acrobat's "High quality print" preset ask for 300 dpi and resample only images over
1.5 times that (450): resampling a little over the target saves little (the file shrinks with the
square of the ratio) and softens the picture each time, so an image under the
threshold is left exactly as it is. The cap is the template's ``[figures] max_dpi``
(theme.py), so both formats of a memo carry the same pixels.

What a resampled image becomes (Lanczos filter): a JPEG stays a JPEG (its colour mode,
chroma subsampling, ICC profile and EXIF block kept; quality 95, a second lossy pass
the eye does not see); a PNG stays a lossless PNG, its alpha kept. Each image is
resampled once per process for the same target size (a brief rendered in three
languages, or one photo shown twice, costs one resampling in the PDF helper and one
for the DOCX), in a cache bounded by bytes.

Only images over the threshold import Pillow here; the check itself reads the pixel
size from the file's header, so a memo without large photos renders as fast and as
byte for byte the same as before.
"""

from __future__ import annotations

import io
import struct
from typing import TYPE_CHECKING

from briefing.tree import Picture

if TYPE_CHECKING:
    from PIL import Image

THRESHOLD = 1.5  # resample only above this many times the cap (as Acrobat's presets)
JPEG_QUALITY = 95
# zlib level of a resampled PNG: with PNG's row filters, level 1 packs a 1771×1180 photo
# to 3.0 MB in 0.2 s, level 6 (Pillow's default) to 2.65 MB in 0.9 s; ReportLab's own
# Flate, which a PNG with alpha goes through in the PDF, makes 3.5 MB of it.
PNG_LEVEL = 1
REDUCING_GAP = 1.5  # halve (box, or in the JPEG decoder) while over 1.5x the target
MAX_CACHED_BYTES = 64 * 1024 * 1024  # resampled images kept in one process
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def capped(p: Picture, width: float, height: float, max_dpi: float) -> Picture:
    """``p`` if its pixels placed ``width`` × ``height`` points are at most THRESHOLD
    times ``max_dpi`` (the very same object), else a copy resampled to ``max_dpi``
    (same format and natural size, fewer pixels)."""
    size = pixel_size(p)
    if size is None or width <= 0 or height <= 0:
        return p
    most = (width * max_dpi / 72, height * max_dpi / 72)  # pixels at the cap
    if size[0] <= most[0] * THRESHOLD + 1e-6 and size[1] <= most[1] * THRESHOLD + 1e-6:
        return p
    # whole pixels at most at the cap (pdfimages shows 301 for 300.4), but 799.9999 is 800
    target = (min(size[0], max(1, int(most[0] + 1e-6))), min(size[1], max(1, int(most[1] + 1e-6))))
    import hashlib  # here: OpenSSL's import is not free, and most renders never get here

    key = (hashlib.sha256(p.data).digest(), target)
    found = _CACHE.get(key)
    if found is None:
        try:
            found = _resample(p.data, p.format, target)
        except (OSError, ValueError, SyntaxError, EOFError):
            # A file our own checks accept and Pillow does not (a PNG text chunk over
            # Pillow's MAX_TEXT_CHUNK): embedded as it is, as before the cap.
            return p
        _remember(key, found)
    return Picture(found, p.format, p.width, p.height)


def pixel_size(p: Picture) -> tuple[int, int] | None:
    """Width and height in pixels from the file's header; None for SVG (or a header
    this does not find, which a checked file does not have)."""
    if p.format == "png" and len(p.data) >= 24:
        w, h = struct.unpack(">II", p.data[16:24])
        return int(w), int(h)
    if p.format == "jpeg":
        return _jpeg_size(p.data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The frame size from the first SOF marker, walking the marker segments."""
    at = 2
    while at + 9 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _SOF:
            h, w = struct.unpack(">HH", data[at + 5 : at + 9])
            return (w, h) if w and h else None
        at += 2 + length
    return None


def _resample(data: bytes, fmt: str, target: tuple[int, int]) -> bytes:
    """The image's pixels resampled (Lanczos) to ``target``, encoded as ``fmt`` again."""
    from PIL import Image

    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # checked against image-pixels when the brief was read
    try:
        with Image.open(io.BytesIO(data), formats=["JPEG" if fmt == "jpeg" else "PNG"]) as im:
            if fmt == "jpeg":
                return _jpeg(im, target)
            return _png(im, target)
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def _jpeg(im: Image.Image, target: tuple[int, int]) -> bytes:
    from PIL import Image, JpegImagePlugin

    sampling = JpegImagePlugin.get_sampling(im)
    extra = {k: im.info[k] for k in ("icc_profile", "exif") if im.info.get(k)}
    dpi = _dpi(im, target)  # before draft() changes the size
    # The decoder skips what would be thrown away (libjpeg's DCT scaling by 1/2, 1/4,
    # 1/8), keeping at least REDUCING_GAP times the target, so Lanczos does the last
    # step: 0.16 s instead of 0.47 s for a 6000×4000 photo to 300 dpi at 15 cm, and
    # 53 dB PSNR against Lanczos from the full image (q95 JPEG itself is about 45).
    im.draft(im.mode, (int(target[0] * REDUCING_GAP), int(target[1] * REDUCING_GAP)))
    small = im.resize(target, Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)
    out = io.BytesIO()
    small.save(
        out,
        "JPEG",
        quality=JPEG_QUALITY,
        subsampling=sampling if sampling >= 0 else 0,
        optimize=True,  # smaller Huffman tables: lossless
        dpi=dpi,
        **extra,
    )
    return out.getvalue()


def _png(im: Image.Image, target: tuple[int, int]) -> bytes:
    from PIL import Image

    dpi = _dpi(im, target)
    has_alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
    if im.mode in ("1", "P", "PA") or (im.mode == "L" and "transparency" in im.info):
        im = im.convert("RGBA" if has_alpha else ("L" if im.mode == "1" else "RGB"))
    elif im.mode.startswith("I"):  # 16-bit grey: to 8 bits, as the PDF takes it
        im = im.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    elif im.mode == "RGB" and "transparency" in im.info:
        im = im.convert("RGBA")
    # Alpha is premultiplied for the resampling, so transparent pixels' colour does
    # not bleed into the visible edge.
    premultiplied = {"RGBA": "RGBa", "LA": "La"}.get(im.mode)
    work = im.convert(premultiplied) if premultiplied else im
    small = work.resize(target, Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)
    if premultiplied:
        small = small.convert(im.mode)
    out = io.BytesIO()
    small.save(out, "PNG", dpi=dpi, compress_level=PNG_LEVEL)
    return out.getvalue()


def _dpi(im: Image.Image, target: tuple[int, int]) -> tuple[float, float]:
    """The resampled file's own dpi, so that its natural size is the original's."""
    try:
        x, y = (float(d) for d in im.info.get("dpi", (96, 96))[:2])
    except (TypeError, ValueError):
        x = y = 96.0
    x, y = (x if x > 1 else 96.0), (y if y > 1 else 96.0)
    return x * target[0] / im.size[0], y * target[1] / im.size[1]


def _remember(key: tuple[bytes, tuple[int, int]], data: bytes) -> None:
    while _CACHE and sum(map(len, _CACHE.values())) + len(data) > MAX_CACHED_BYTES:
        del _CACHE[next(iter(_CACHE))]
    if len(data) <= MAX_CACHED_BYTES:
        _CACHE[key] = data


_CACHE: dict[tuple[bytes, tuple[int, int]], bytes] = {}
