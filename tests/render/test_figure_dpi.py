"""The dpi cap (figures/resample.py): a photo far sharper than its placed size is
resampled in both formats, keeping its kind, colours, alpha and orientation; an image
under the cap is embedded exactly as before.

Rendered output is read as a reader's tools see it: poppler's ``pdfimages -list``
(pixel size and x-ppi/y-ppi at the placed size), the DOCX's media files, and the page
turned into pixels by ``pdftoppm``.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from briefing.errors import TemplateError
from briefing.figures import resample
from briefing.figures.resample import THRESHOLD, capped, pixel_size
from briefing.resources import templates_dir
from briefing.templates import load_template
from briefing.tree import Picture

MEMO = templates_dir() / "memo"
FRAME = 163.0 / 25.4 * 72  # the memo's text width in points (A4 less 25 and 22 mm)


def quadrants(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """Red top left, green top right, blue bottom left, white bottom right: a picture
    whose orientation and colours survive any resampling, and compress to little."""
    w, h = size
    im = Image.new("RGB", size, "white")
    im.paste((220, 30, 30), (0, 0, w // 2, h // 2))
    im.paste((30, 160, 60), (w // 2, 0, w, h // 2))
    im.paste((30, 60, 200), (0, h // 2, w // 2, h))
    return im.convert(mode)


def grainy(size: tuple[int, int]) -> Image.Image:
    """The quadrants with a little noise, so they compress as a photo does."""
    noise = Image.effect_noise(size, 60).convert("RGB")
    return Image.blend(quadrants(size), noise, 0.08)


def encoded(im: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, **options)
    return out.getvalue()


def picture(data: bytes, fmt: str) -> Picture:
    with Image.open(io.BytesIO(data)) as im:
        w, h = im.size
    return Picture(data, fmt, w * 0.75, h * 0.75)  # 96 dpi, as the reader assumes


# -- the cap itself ------------------------------------------------------------------------


def test_under_the_threshold_the_very_same_picture_comes_back() -> None:
    data = encoded(quadrants((600, 400)), "JPEG", quality=90)
    p = picture(data, "jpeg")
    width = 600 / (300 * THRESHOLD) * 72 + 0.01  # a hair under 1.5 times the cap
    assert capped(p, width, width * 2 / 3, 300) is p
    assert capped(p, width * 0.9, width * 0.6, 300) is not p  # just over it


@pytest.mark.parametrize("mode", ["RGB", "L", "CMYK"])
def test_a_jpeg_stays_a_jpeg_of_its_colour_mode_at_the_cap(mode: str) -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    options: dict[str, object] = {"quality": 90}
    if mode == "RGB":
        options["icc_profile"] = profile
    data = encoded(quadrants((3000, 2000), mode), "JPEG", **options)
    width = 4 * 72  # 4 inches: 750 dpi, to 300
    out = capped(picture(data, "jpeg"), width, width * 2 / 3, 300)
    assert out.format == "jpeg" and out.width == 2250 and out.height == 1500
    assert pixel_size(out) == (1200, 800)
    with Image.open(io.BytesIO(out.data)) as im:
        assert im.format == "JPEG" and im.mode == mode and im.size == (1200, 800)
        assert (im.info.get("icc_profile") == profile) == (mode == "RGB")
        rgb = im.convert("RGB")
        assert _near(rgb.getpixel((300, 200)), _as(mode, (220, 30, 30)))
        assert _near(rgb.getpixel((900, 600)), _as(mode, (255, 255, 255)))


def _as(mode: str, color: tuple[int, int, int]) -> tuple[int, int, int]:
    """``color`` as the image's mode shows it (grey for L)."""
    got = Image.new("RGB", (1, 1), color).convert(mode).convert("RGB").getpixel((0, 0))
    assert isinstance(got, tuple)
    return (int(got[0]), int(got[1]), int(got[2]))


def test_a_png_with_alpha_stays_lossless_with_its_alpha() -> None:
    im = quadrants((2400, 1600), "RGBA")
    im.putalpha(Image.new("L", im.size, 255))
    im.paste((0, 0, 0, 0), (0, 0, 1200, 400))  # the top half of the red is transparent
    data = encoded(im, "PNG")
    width = 2 * 72
    out = capped(picture(data, "png"), width, width * 2 / 3, 300)
    assert pixel_size(out) == (600, 400)
    with Image.open(io.BytesIO(out.data)) as small:
        assert small.format == "PNG" and small.mode == "RGBA"
        assert small.getpixel((150, 50)) == (0, 0, 0, 0)
        assert small.getpixel((150, 150)) == (220, 30, 30, 255)  # flat: exactly kept
        assert small.getpixel((450, 300)) == (255, 255, 255, 255)


@pytest.mark.parametrize("mode", ["1", "P", "I;16", "LA"])
def test_other_png_modes_are_resampled_too(mode: str) -> None:
    im = quadrants((1600, 1000)).convert("L" if mode in ("1", "I;16", "LA") else "RGB")
    if mode == "I;16":
        im = im.convert("I").point(lambda v: v * 257).convert("I;16")
    else:
        im = im.convert(mode)
    data = encoded(im, "PNG", **({"transparency": 0} if mode == "P" else {}))
    out = capped(picture(data, "png"), 72, 72 * 1000 / 1600, 300)
    with Image.open(io.BytesIO(out.data)) as small:
        assert small.size == (300, 187)
        rgb = small.convert("RGB")
        assert rgb.getpixel((250, 160)) == (255, 255, 255)  # white stays white


def test_an_image_used_twice_is_resampled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int]] = []
    real = resample._resample

    def counting(data: bytes, fmt: str, target: tuple[int, int]) -> bytes:
        calls.append(target)
        return real(data, fmt, target)

    monkeypatch.setattr(resample, "_resample", counting)
    monkeypatch.setattr(resample, "_CACHE", {})
    p = picture(encoded(quadrants((2000, 1000)), "JPEG"), "jpeg")
    first = capped(p, 144, 72, 300)
    again = capped(Picture(bytes(p.data), "jpeg", p.width, p.height), 144, 72, 300)
    assert first.data == again.data and calls == [(600, 300)]
    capped(p, 72, 36, 300)  # another size is another resampling
    assert calls == [(600, 300), (300, 150)]


def test_a_png_pillow_refuses_is_embedded_as_it_is() -> None:
    """figures/png.py accepts a PNG whose text chunk inflates past Pillow's
    MAX_TEXT_CHUNK; over the cap it is kept as it was, not a crash."""
    import struct
    import zlib

    from briefing.figures.images import read_image
    from briefing.limits import Limits

    data = encoded(quadrants((1600, 1000)), "PNG")
    body = b"zTXt" + b"Comment\x00\x00" + zlib.compress(b"a" * 3_000_000, 9)
    text = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    data = data[:33] + text + data[33:]
    p = read_image(data, Path("."), Limits(), ("summary", 0, "figure"))
    assert capped(p, 72, 45, 300) is p


def test_the_jpeg_header_walk_agrees_with_pillow() -> None:
    im = quadrants((333, 211))
    for options in ({}, {"progressive": True}, {"exif": b"Exif\x00\x00" + b"\x00" * 40}):
        data = encoded(im, "JPEG", **options)
        assert pixel_size(Picture(data, "jpeg", 1, 1)) == (333, 211)
    assert pixel_size(Picture(b"\xff\xd8\xff", "jpeg", 1, 1)) is None
    assert pixel_size(Picture(b"<svg/>", "svg", 1, 1)) is None


# -- the theme setting ---------------------------------------------------------------------


def _memo_copy(folder: Path, max_dpi: str) -> Path:
    shutil.copytree(MEMO, folder)
    theme = folder / "theme.toml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace("max_dpi = 300", f"max_dpi = {max_dpi}"), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("10", "figures.max_dpi: 10 is out of range (72 to 2400 dpi)"),
        ('"300dpi"', "figures.max_dpi: must be a whole number of dots per inch"),
        ("true", "figures.max_dpi: must be a whole number"),
    ],
)
def test_a_bad_max_dpi_is_refused_with_its_position(value: str, words: str, tmp_path: Path) -> None:
    folder = _memo_copy(tmp_path / "tpl", value)
    with pytest.raises(TemplateError, match=r"theme.toml:\d+:\d+: " + re.escape(words)):
        load_template(str(folder))


def test_the_memo_caps_at_300_dpi() -> None:
    assert load_template("memo").theme.figures.max_dpi == 300


# -- rendered ------------------------------------------------------------------------------


def _render(folder: Path, files: dict[str, bytes], width: float, *args: str) -> Path:
    for name, data in files.items():
        (folder / name).write_bytes(data)
    figures = "".join(
        f"  - figure: {name}\n    width: {width}\n    alt: {name}\n" for name in files
    )
    brief = folder / "b.yaml"
    brief.write_text(f"title: T\ndate: 2026-11-26\nsummary:\n{figures}", encoding="utf-8")
    out = folder / "out"
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "render", str(brief), "-l", "en", "-o", str(out),
         *args],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def _images(pdf: Path) -> list[dict[str, str]]:
    """``pdfimages -list``'s rows, by its own column names, the memo's logo left out."""
    lines = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    names = lines[0].split()
    rows = [dict(zip(names, line.split(), strict=False)) for line in lines[2:]]
    return [r for r in rows if (r["width"], r["height"]) != ("360", "120")]


def _media(docx: Path) -> list[bytes]:
    with zipfile.ZipFile(docx) as z:
        names = sorted(n for n in z.namelist() if n.startswith("word/media/"))
        return [z.read(n) for n in names]


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="poppler-utils not installed")
def test_a_large_jpeg_and_png_go_in_at_the_cap_in_both_formats(tmp_path: Path) -> None:
    alpha = grainy((2400, 1600)).convert("RGBA")
    alpha.putalpha(Image.linear_gradient("L").resize((2400, 1600)).point(lambda v: 128 + v // 2))
    files = {
        "photo.jpg": encoded(grainy((4800, 3200)), "JPEG", quality=92),
        "alpha.png": encoded(alpha, "PNG"),
    }
    out = _render(tmp_path, files, 0.5)  # 81.5 mm: 1500 and 750 dpi
    pdf, docx = out / "b.en.pdf", out / "b.en.docx"
    rows = _images(pdf)
    assert [r["type"] for r in rows] == ["image", "image", "smask"]
    assert rows[0]["enc"] == "jpeg" and rows[1]["enc"] == "image"  # PNG: lossless Flate
    for row in rows:
        assert 290 <= int(row["x-ppi"]) <= 300 and 290 <= int(row["y-ppi"]) <= 300, row
    assert pdf.stat().st_size < sum(map(len, files.values())) / 3
    media = _media(docx)
    sizes = {Image.open(io.BytesIO(m)).size for m in media}
    assert (962, 641) in sizes  # 81.5 mm at 300 dpi, in Word as in the PDF
    assert not any(m in files.values() for m in media)
    assert sum(map(len, media)) < sum(map(len, files.values())) / 3
    _looks_right(pdf)


def _looks_right(pdf: Path) -> None:
    """The first figure on the page: red at its top left, white at its bottom right."""
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(pdf.with_suffix(""))], check=True)  # fmt: skip
    page = Image.open(next(pdf.parent.glob("b.en-1.png"))).convert("RGB")
    reds = [(x, y) for y in range(page.height) for x in range(page.width)
            if _near(page.getpixel((x, y)), (220, 30, 30))]  # fmt: skip
    assert reds, "no red quadrant on the page"
    left, top = min(x for x, _ in reds), min(y for _, y in reds)
    right, bottom = max(x for x, _ in reds), max(y for _, y in reds)
    width, height = right - left, bottom - top  # the top left quarter of the figure
    assert abs(width / height - 1.5) < 0.1
    assert _near(page.getpixel((left + width // 2, top + height + height // 2)), (30, 60, 200))
    assert _near(page.getpixel((left + width + width // 2, top + height // 2)), (30, 160, 60))


def test_small_images_are_embedded_as_before(tmp_path: Path) -> None:
    """Under the cap, the DOCX holds the author's files and the PDF the JPEG's bytes
    and the opaque PNG's compressed image data, untouched."""
    from pypdf import PdfReader

    from briefing.figures.png import parse_png

    files = {
        "photo.jpg": encoded(quadrants((900, 600)), "JPEG", quality=85),
        "plain.png": encoded(quadrants((900, 600)), "PNG"),
    }
    out = _render(tmp_path, files, 0.5)  # 281 dpi
    media = _media(out / "b.en.docx")
    assert files["photo.jpg"] in media and files["plain.png"] in media
    page = PdfReader(out / "b.en.pdf").pages[0]
    xobjects = page["/Resources"]["/XObject"]  # type: ignore[index]
    streams = [x.get_object() for x in xobjects.values()]
    jpegs = [s.get_data() for s in streams if "/DCTDecode" in s["/Filter"]]
    assert jpegs == [files["photo.jpg"]]  # under its ASCII85 wrapping, if any
    assert parse_png(files["plain.png"]).data in [s._data for s in streams]


def test_a_lower_cap_from_the_theme_is_used(tmp_path: Path) -> None:
    folder = _memo_copy(tmp_path / "tpl", "150")
    out = _render(tmp_path, {"photo.jpg": encoded(quadrants((1800, 1200)), "JPEG")}, 0.5,
                  "-t", str(folder), "-f", "pdf")  # fmt: skip
    if shutil.which("pdfimages") is not None:
        rows = _images(out / "b.en.pdf")  # the logo, 286 dpi, is resampled too
        assert "481" in [r["width"] for r in rows]
        assert all(int(r["x-ppi"]) <= 150 for r in rows), rows


def _near(got: object, want: tuple[int, int, int], tolerance: int = 24) -> bool:
    assert isinstance(got, tuple)
    return all(abs(int(a) - b) <= tolerance for a, b in zip(got[:3], want, strict=True))


def _without_app0(im: Image.Image) -> bytes:
    """A baseline JPEG whose first segment is not JFIF's APP0 (nor Exif's APP1)."""
    data = encoded(im, "JPEG", quality=85)
    assert data[2:4] == b"\xff\xe0"  # Pillow writes JFIF for RGB: take the segment out
    return data[:2] + data[4 + int.from_bytes(data[4:6], "big") :]


@pytest.mark.parametrize("kind", ["adobe-cmyk", "no-app-segment"])
def test_a_jpeg_python_docx_does_not_recognise_goes_in_as_it_is(kind: str, tmp_path: Path) -> None:
    """Valid JPEGs that do not start with JFIF or Exif (a CMYK file with Adobe's APP14
    first, or no APP segment at all) once ended the DOCX render in an internal error."""
    if kind == "adobe-cmyk":
        data = encoded(quadrants((120, 80), "CMYK"), "JPEG", quality=85)
        assert data[2:4] == b"\xff\xee"
    else:
        data = _without_app0(quadrants((120, 80)))
    assert Image.open(io.BytesIO(data)).size == (120, 80)
    out = _render(tmp_path, {"photo.jpg": data}, 0.5)
    assert data in _media(out / "b.en.docx")
    from docx import Document

    shapes = Document(str(out / "b.en.docx")).inline_shapes
    assert len(shapes) == 1 and shapes[0].width > 0
