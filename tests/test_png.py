"""Our own PNG reader (figures/png.py) checks what Pillow's full decode checked, and the
PDF shows a PNG embedded from its compressed bytes with exactly the file's pixels."""

from __future__ import annotations

import io
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from PIL import Image

from briefing import api
from briefing.figures.png import BadPng, TooManyPixels, read_png, write_png
from tests.figure_files import png

ROOT = Path(__file__).resolve().parents[1]
MODES = ["1", "L", "P", "RGB", "RGBA", "LA", "I;16"]


def _saved(im: Image.Image, **options: object) -> bytes:
    out = io.BytesIO()
    im.save(out, "PNG", **options)
    return out.getvalue()


def _picture(mode: str, size: tuple[int, int] = (37, 23)) -> Image.Image:
    """A picture with many colours (a gradient and a pattern), in ``mode``."""
    im = Image.new("RGB", size)
    im.putdata([(x * 7 % 256, y * 11 % 256, (x * y) % 256) for y in range(size[1])
                for x in range(size[0])])  # fmt: skip
    return im.convert(mode) if mode != "P" else im.quantize(64)


@pytest.mark.parametrize("mode", MODES)
def test_pillows_pngs_are_read_with_their_size(mode: str) -> None:
    got = read_png(_saved(_picture(mode)), 10**6)
    assert (got.width, got.height, got.interlaced) == (37, 23, False)


def _interlaced(width: int, height: int) -> bytes:
    """A grey PNG in Adam7 order (Pillow reads such files but does not write them)."""
    rows = b""
    for x0, y0, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
                           (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)):  # fmt: skip
        xs = range(x0, width, dx)
        for y in range(y0, height, dy):
            if xs:
                rows += b"\x00" + bytes((x * 9 + y * 5) % 256 for x in xs)
    data = bytearray(png(width, height, rows))
    data[28] = 1  # interlace method: Adam7
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def test_an_interlaced_png_is_read_and_a_cut_one_refused() -> None:
    data = _interlaced(13, 6)
    with Image.open(io.BytesIO(data)) as im:
        im.load()  # a valid file, by Pillow's reading
        assert im.getpixel((12, 5)) == (12 * 9 + 5 * 5) % 256
    got = read_png(data, 10**6)
    assert (got.width, got.height, got.interlaced, got.passthrough) == (13, 6, True, False)
    rows = zlib.decompress(got.data)
    cut = bytearray(data)
    start = cut.index(b"IDAT") - 4
    idat = zlib.compress(rows[:-3], 9)
    chunk = (
        struct.pack(">I", len(idat))
        + b"IDAT"
        + idat
        + struct.pack(">I", zlib.crc32(b"IDAT" + idat))
    )
    end = start + 12 + len(got.data)
    with pytest.raises(BadPng, match="truncated"):
        read_png(bytes(cut[:start]) + chunk + bytes(cut[end:]), 10**6)


def test_the_dpi_is_read_as_pillow_reads_it() -> None:
    data = _saved(_picture("RGB"), dpi=(300, 150))
    with Image.open(io.BytesIO(data)) as im:
        assert read_png(data, 10**6).dpi == im.info["dpi"]


def test_the_pixel_limit_is_checked_before_any_inflating() -> None:
    # a header promising 100,000 x 100,000 pixels over data that would not inflate
    data = png(100_000, 100_000, b"")[:-12] + b"junk"
    with pytest.raises(TooManyPixels) as caught:
        read_png(data, 10**8)
    assert (caught.value.width, caught.value.height) == (100_000, 100_000)


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda d: d[:-20], "truncated"),
        (lambda d: d[:40] + bytes([d[40] ^ 1]) + d[41:], "CRC"),
        (lambda d: d[:12] + b"IHDX" + d[16:], "IHDR"),
        (lambda d: d[:37] + b"QQQQ" + d[41:], "CRC|critical"),
    ],
)
def test_damaged_files_are_refused(damage: object, words: str) -> None:
    data = _saved(_picture("RGB"))
    with pytest.raises(BadPng, match=words):
        read_png(damage(data), 10**6)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        (b"\x00" + b"\x07" * 4, "truncated"),  # one row of two
        ((b"\x00" + b"\x07" * 4) * 3, "more rows"),
        (b"\x05" + b"\x07" * 4 + b"\x00" + b"\x07" * 4, "row filter"),
    ],
)
def test_image_data_must_be_exactly_the_rows_of_the_header(rows: bytes, words: str) -> None:
    with pytest.raises(BadPng, match=words):
        read_png(png(4, 2, rows), 10**6)


def test_a_palette_image_needs_its_palette() -> None:
    data = bytearray(png(4, 2, (b"\x00" + b"\x01\x02") * 2))
    data[16 + 9] = 3  # colour type 3 (palette), bit depth 8: no PLTE follows
    body = bytes(data[12:29])
    data[29:33] = struct.pack(">I", zlib.crc32(body))
    with pytest.raises(BadPng, match="palette"):
        read_png(bytes(data), 10**6)


def test_write_png_gives_pillow_the_same_pixels() -> None:
    im = _picture("RGB")
    data = write_png(*im.size, im.tobytes())
    with Image.open(io.BytesIO(data)) as back:
        assert back.mode == "RGB" and back.tobytes() == im.tobytes()
    assert read_png(data, 10**6).passthrough


@pytest.mark.parametrize("mode", ["1", "L", "P", "RGB", "RGBA"])
def test_the_pdf_shows_the_pngs_own_pixels(tmp_path: Path, mode: str) -> None:
    """Opaque PNGs go in from their compressed data (FlateDecode with the PNG predictor),
    the others through ReportLab: either way poppler decodes the file's pixels."""
    picture = _picture(mode)
    (tmp_path / "p.png").write_bytes(_saved(picture))
    brief = tmp_path / "b.yaml"
    brief.write_text("title: T\ndate: 2026-11-26\nsummary:\n  - figure: p.png\n    alt: a\n")
    tpl = api.template()
    doc = api.localize(api.load(brief), "en", tpl).doc
    (tmp_path / "b.pdf").write_bytes(api.render(doc, "pdf", tpl))
    subprocess.run(["pdfimages", "-png", tmp_path / "b.pdf", tmp_path / "x"], check=True)
    shown = [Image.open(f) for f in sorted(tmp_path.glob("x-*.png"))]
    image = next(im for im in shown if im.size == (37, 23))  # beside the logo; then a mask
    assert image.convert("RGB").tobytes() == picture.convert("RGB").tobytes()
    assert read_png(_saved(picture), 10**6).passthrough == (mode != "RGBA")


def test_the_memo_logo_is_embedded_from_its_own_bytes() -> None:
    logo = (ROOT / "templates" / "memo" / "logo.png").read_bytes()
    assert read_png(logo, 10**6).passthrough  # so every memo render skips decoding it
