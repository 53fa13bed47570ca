"""Figures: images and charts read safely, localized, and drawn in both formats.

The hostile cases (tests/cases/hostile: image-*, svg-*, chart-*) cover refused input
through the CLI; these tests check what a reader gets from good input.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import briefing
from briefing import api
from briefing.figures.scale import nice_ticks
from briefing.figures.svgdraw import to_shapes
from briefing.tree import Chart, Figure, Picture, walk_sections
from tests import strategies
from tests.figure_files import png

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
BUDGET = (40000.0, 120000.0, 60000.0, 30000.0)  # the example's Table 1, rows 1-4


def figures(lang: str, path: Path = EXAMPLE) -> list[Figure]:
    doc = api.localize(api.load(path), lang).doc
    return [b for s in walk_sections(doc.sections) for b in s.blocks if isinstance(b, Figure)]


@pytest.mark.parametrize(
    ("lang", "label", "tick", "caption"),
    [
        ("en", "Figure 2", "25,000", "Indicative budget"),
        ("az", "Şəkil 2", "25.000", "Tədbirlər üzrə"),
        ("ru", "Рисунок 2", "25\xa0000", "Ориентировочный бюджет"),
    ],
)
def test_the_example_chart_reads_its_table_in_each_language(
    lang: str, label: str, tick: str, caption: str
) -> None:
    image, chart = figures(lang)
    assert isinstance(image.content, Picture) and image.content.format == "svg"
    assert isinstance(chart.content, Chart)
    assert chart.label == label
    assert "".join(r.text for r in chart.caption or ()).startswith(caption)
    assert chart.content.series[0][1] == BUDGET  # one set of numbers with the table
    assert tick in [text for _, text in chart.content.ticks]
    assert chart.content.ticks[-1][0] >= max(BUDGET)


def test_pdf_chart_is_text_a_reader_can_find(tmp_path: Path) -> None:
    """pdftotext-style extraction finds the chart's labels, tick numbers and the alt text."""
    from tests.readback import pdf_pages, squash

    out = tmp_path / "out"
    code = _cli("render", str(EXAMPLE), "-o", str(out), "-l", "ru", "-f", "pdf")
    assert code.returncode == 0, code.stderr
    text = squash(" ".join(pdf_pages(out / "us-azerbaijan-charter.ru.pdf")))
    for expected in ("Круглый стол", "120 000", "Рисунок 2", "Столбчатая диаграмма"):
        assert squash(expected) in text


def test_docx_figures_are_svg_with_a_png_fallback_and_alt_text(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = _cli("render", str(EXAMPLE), "-o", str(out), "-l", "az", "-f", "docx")
    assert code.returncode == 0, code.stderr
    with zipfile.ZipFile(out / "us-azerbaijan-charter.az.docx") as z:
        names = z.namelist()
        body = z.read("word/document.xml").decode()
        types = z.read("[Content_Types].xml").decode()
        svgs = [z.read(n) for n in names if n.endswith(".svg")]
        pngs = [z.read(n) for n in names if n.startswith("word/media/") and n.endswith(".png")]
    assert len(svgs) == 2 and len(pngs) == 3  # schematic and chart, each twice; the logo
    assert body.count("asvg:svgBlip") == 2
    assert 'descr="Təxmini büdcənin sütunlu diaqramı' in body
    assert "image/svg+xml" in types
    chart_svg = next(s for s in svgs if b"Xartiya" in s).decode()
    assert "120.000" in chart_svg and 'font-family="Noto Sans"' in chart_svg
    assert "<polyline" not in chart_svg or 'fill="none"' in chart_svg
    from PIL import Image

    with Image.open(io.BytesIO(pngs[-1])) as fallback:
        assert fallback.width > 600  # print resolution, not a thumbnail


def test_a_jpeg_is_embedded_as_the_same_bytes(tmp_path: Path) -> None:
    """No recompression: the PDF's image stream is the author's JPEG file."""
    from PIL import Image
    from pypdf import PdfReader

    picture = Image.new("RGB", (64, 32), "#2E5A88")
    jpeg = io.BytesIO()
    picture.save(jpeg, "JPEG", quality=80)
    (tmp_path / "photo.jpg").write_bytes(jpeg.getvalue())
    brief = tmp_path / "b.yaml"
    brief.write_text("title: T\ndate: 2026-11-26\nsummary:\n  - figure: photo.jpg\n    alt: a\n")
    result = _cli("render", str(brief), "-o", str(tmp_path / "out"), "-f", "pdf")
    assert result.returncode == 0, result.stderr
    page = PdfReader(tmp_path / "out" / "b.en.pdf").pages[0]
    xobjects = page["/Resources"]["/XObject"]  # type: ignore[index]
    images = [x.get_object() for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image"]
    (stream,) = [s for s in images if "/DCTDecode" in s["/Filter"]]  # beside the logo
    assert stream.get_data() == jpeg.getvalue()


def test_markdown_image_paragraph_is_a_figure(tmp_path: Path) -> None:
    (tmp_path / "map.png").write_bytes(png(4, 2, b"\x00" * 10))
    text = '---\ntitle: T\ndate: 2026-11-26\n---\n\n## Map\n\n![A map](map.png "Where it is")\n'
    loaded = api.load_text(text, "markdown", base=tmp_path)
    (figure,) = [
        b for s in walk_sections(api.localize(loaded, "en").doc.sections) for b in s.blocks
    ]
    assert isinstance(figure, Figure) and isinstance(figure.content, Picture)
    assert (figure.alt, figure.label) == ("A map", "Figure 1")
    assert [r.text for r in figure.caption or ()] == ["Where it is"]
    assert figure.content.format == "png"


def test_a_brief_given_as_text_reads_no_image_file() -> None:
    """No folder: nothing is read, a blank frame stands in and a warning says why."""
    from briefing.figures import UNREAD

    text = "title: T\ndate: 2026-11-26\nsummary:\n  - figure: /etc/passwd\n    alt: a\n"
    loaded = api.load_text(text)
    assert list(loaded.assets.values()) == [UNREAD]
    (warning,) = api.figure_warnings(loaded)
    assert warning.severity == "warning" and "no folder to read image files" in warning.message
    assert str(warning).startswith("brief.yaml:4:13: warning: summary[0].figure:")


def test_a_figure_without_alt_warns_and_fails_under_strict(tmp_path: Path) -> None:
    (tmp_path / "x.png").write_bytes(png(2, 2, b"\x00" * 6))
    brief = tmp_path / "b.yaml"
    brief.write_text("title: T\ndate: 2026-11-26\nsummary:\n  - figure: x.png\n")
    out = tmp_path / "out"
    loose = _cli("render", str(brief), "-o", str(out), "-f", "pdf")
    assert loose.returncode == 0
    assert f"{brief}:4:5: warning: summary[0]: a figure without alt text" in loose.stderr
    strict = _cli("render", str(brief), "-o", str(tmp_path / "strict"), "--strict")
    assert strict.returncode == 1
    assert not (tmp_path / "strict").exists() or not any((tmp_path / "strict").iterdir())


def test_an_svg_may_use_its_own_ids_and_inline_pictures(tmp_path: Path) -> None:
    import base64

    inline = base64.b64encode(png(1, 1, b"\x00\x00")).decode()
    (tmp_path / "ok.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' viewBox="0 0 40 20"><defs><rect id="r" width="10" height="10"/></defs>'
        '<use xlink:href="#r"/><rect style="fill:url(#r)" width="1" height="1"/>'
        f'<image href="data:image/png;base64,{inline}" width="5" height="5"/></svg>'
    )
    brief = tmp_path / "b.yaml"
    brief.write_text("title: T\ndate: 2026-11-26\nsummary:\n  - figure: ok.svg\n    alt: a\n")
    (figure,) = figures("en", brief)
    assert isinstance(figure.content, Picture)
    assert (figure.content.width, figure.content.height) == (30.0, 15.0)  # 40×20 px


def _svg_brief(folder: Path, svg: bytes) -> Path:
    (folder / "f.svg").write_bytes(svg)
    brief = folder / "b.yaml"
    brief.write_text(FIGURE_BRIEF.format(file="f.svg"), encoding="utf-8")
    return brief


def test_svglib_prints_nothing_of_its_own(tmp_path: Path) -> None:
    """svglib printed "Can't handle color: blurple" to stderr as a bare line in the middle
    of the render's output, with no file or figure named."""
    brief = _svg_brief(
        tmp_path,
        b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="9"'
        b' height="9" fill="blurple" clip-path="url(#none)" transform="rotate(a)"/></svg>',
    )
    run = _cli("render", str(brief), "-o", str(tmp_path / "out"), "-f", "pdf")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""


@pytest.mark.parametrize(
    ("inline", "message"),
    [
        (png(200_000, 200_000, b""), "inline image: the image has 40,000,000,000 pixels"),
        (b"GIF89a", "inline image: not a PNG or JPEG image"),
        (b"\x89PNG\r\n\x1a\n", "inline image: a damaged PNG image"),
    ],
    ids=["bomb", "gif", "truncated"],
)
def test_an_svg_inline_image_is_checked_as_a_figure_is(
    tmp_path: Path, inline: bytes, message: str
) -> None:
    """svglib hands an SVG's inline PNG to Pillow: a bomb there was decoded at render
    (Pillow's own limit warns at 89 million pixels), garbage ended it with exit 3."""
    import base64

    from briefing.errors import BriefError

    data = base64.b64encode(inline).decode()
    brief = _svg_brief(
        tmp_path,
        b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        + f'<image href="data:image/png;base64,{data}" width="5" height="5"/></svg>'.encode(),
    )
    with pytest.raises(BriefError) as caught:
        api.load(brief)
    (problem,) = caught.value.problems
    assert str(problem.position) == f"{brief}:7:17"
    assert problem.message.startswith(f"the SVG's <image> {message}")


@given(st.floats(-1e12, 1e12), st.floats(-1e12, 1e12))
def test_ticks_are_round_and_cover_the_data(a: float, b: float) -> None:
    low, high = min(a, b), max(a, b)
    ticks = nice_ticks(low, high)
    assert ticks[0] <= min(low, 0) and ticks[-1] >= max(high, 0)
    assert 2 <= len(ticks) <= 12
    steps = [y - x for x, y in itertools.pairwise(ticks)]
    assert all(math.isclose(s, steps[0], rel_tol=1e-9) for s in steps)  # evenly spaced


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, text=True, timeout=120
    )


def test_a_template_logo_outside_its_folder_is_refused(tmp_path: Path) -> None:
    from briefing.errors import TemplateError
    from briefing.templates import load_template

    memo = ROOT / "templates" / "memo"
    theme = (memo / "theme.toml").read_text(encoding="utf-8")
    (tmp_path / "tpl").mkdir()
    (tmp_path / "secret.png").write_bytes(png(2, 2, b"\x00" * 6))
    (tmp_path / "tpl" / "theme.toml").write_text(
        theme.replace('file = "logo.png"', 'file = "../secret.png"'), encoding="utf-8"
    )
    with pytest.raises(
        TemplateError, match=r"theme.toml:\d+:\d+: logo.file: ../secret.png: leaves"
    ):
        load_template(str(tmp_path / "tpl"))


def test_the_memo_logo_is_on_the_first_page_of_both_formats(tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "out"
    result = _cli("render", str(EXAMPLE), "-o", str(out), "-l", "en")
    assert result.returncode == 0, result.stderr
    first = PdfReader(out / "us-azerbaijan-charter.en.pdf").pages[0]
    xobjects = first["/Resources"]["/XObject"]  # type: ignore[index]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())
    with zipfile.ZipFile(out / "us-azerbaijan-charter.en.docx") as z:
        body = z.read("word/document.xml").decode()
    first_paragraph = body[body.index("<w:p>") : body.index("</w:p>")]
    assert "<wp:anchor" in first_paragraph and "Policy memo" in first_paragraph


def test_an_image_path_with_a_line_break_is_named_on_one_line(tmp_path: Path) -> None:
    """Found by the generated briefs: the path printed raw split the message into a line
    without a position."""
    brief = tmp_path / "b.yaml"
    brief.write_text(
        "title: T\ndate: 2026-01-01\nsections:\n  - title: H\n    body:\n"
        '      - figure: "a\\nb.png"\n        alt: x\n',
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "briefing", "validate", str(brief)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr.strip() == f"{brief}:6:17: 'a\\nb.png': no such image file beside the brief"


# -- hostile numbers and shapes ------------------------------------------------------------

FIGURE_BRIEF = """\
lang: en
title: Figure
date: 2026-11-26
sections:
  - title: Section
    body:
      - figure: {file}
        alt: A figure
        caption: Its caption
"""


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(svg=strategies.svg_documents())
@example(svg=b'<svg xmlns="http://www.w3.org/2000/svg" width="nan" height="10"/>')
@example(svg=b'<svg xmlns="http://www.w3.org/2000/svg" width="1e308" height="10"/>')
@example(svg=b'<svg xmlns="http://www.w3.org/2000/svg" width="-5" height="0"/>')
@example(svg=b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 0"/>')
@example(svg=b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000"/>')
@example(svg=b'<svg xmlns="http://www.w3.org/2000/svg"><rect x="1e300" width="9"/></svg>')
@example(svg=b'<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="50mm"/>')
@example(svg=b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M 0 0 L 10"/></svg>')
@example(svg=b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M 0 0 A 1 2"/></svg>')
@example(svg=b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M--1 2 L . 3"/></svg>')
@example(svg=b'<svg xmlns="http://www.w3.org/2000/svg"><path d="10 10 L 5 5"/></svg>')
@example(svg=b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M 1 2 z 3"/></svg>')
@example(svg=b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0a1 1 0 0010 10"/></svg>')
def test_any_svg_renders_or_is_refused_at_its_line(svg: bytes) -> None:
    """nan, inf, 1e308, 0 or negative sizes and absurd shapes were a layout error or a
    resvg error (exit 3), or aborted the process allocating 370 GB for the DOCX's PNG;
    path data with a number missing (``L 10``) made svglib raise (exit 3)."""
    import tempfile

    from briefing.errors import BriefError

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "f.svg").write_bytes(svg)
        brief = Path(folder) / "brief.yaml"
        brief.write_text(FIGURE_BRIEF.format(file="f.svg"), encoding="utf-8")
        try:
            loaded = api.load(brief)
        except BriefError as exc:
            assert [str(p.position) for p in exc.problems] == [f"{brief}:7:17"]
            assert "the SVG" in exc.problems[0].message
            return
        for fmt in ("pdf", "docx"):
            assert briefing.render(loaded, "en", fmt)[:4] in (b"%PDF", b"PK\x03\x04")
        to_shapes(svg)  # the PDF draws an SVG svglib fails on as an empty frame: none left


def test_a_tall_figure_is_three_quarters_of_the_text_height_in_the_docx(
    tmp_path: Path,
) -> None:
    """The PDF made it smaller; the DOCX kept it taller than the page (Word squeezed it
    out of shape, LibreOffice cut it)."""
    import docx

    (tmp_path / "tall.png").write_bytes(png(10, 90, b"\x00" * 11 * 90))
    (tmp_path / "tall.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="900"/>', encoding="utf-8"
    )
    for name in ("tall.png", "tall.svg"):
        brief = tmp_path / "brief.yaml"
        brief.write_text(FIGURE_BRIEF.format(file=name), encoding="utf-8")
        document = docx.Document(io.BytesIO(briefing.render(brief, "en", "docx")))
        section = document.sections[0]
        height, top, bottom = section.page_height, section.top_margin, section.bottom_margin
        assert height is not None and top is not None and bottom is not None
        text = height - top - bottom
        (shape,) = document.inline_shapes
        assert abs(shape.height - 0.75 * text) < 12700  # within a point
        natural = (10, 90) if name == "tall.png" else (20, 900)
        assert math.isclose(shape.width / shape.height, natural[0] / natural[1], rel_tol=0.01)


def test_a_tall_logo_is_a_template_error(tmp_path: Path) -> None:
    """A narrow, tall logo was a flowable taller than the page: a layout error (exit 3)
    in every render with the template, while `templates --check` said ok."""
    memo = ROOT / "templates" / "memo"
    theme = (memo / "theme.toml").read_text(encoding="utf-8")
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "tall.png").write_bytes(png(10, 600, b"\x00" * 11 * 600))
    (tmp_path / "tpl" / "theme.toml").write_text(
        theme.replace('file = "logo.png"', 'file = "tall.png"'), encoding="utf-8"
    )
    check = _cli("templates", "--check", str(tmp_path / "tpl"))
    assert check.returncode == 1
    assert re.search(r"theme.toml:\d+:\d+: logo.file: tall.png would be 1,920mm tall", check.stderr)
    render = _cli("render", str(EXAMPLE), "-t", str(tmp_path / "tpl"), "-o", str(tmp_path / "o"))
    assert render.returncode == 1 and "Traceback" not in render.stderr
    assert "logo.file: tall.png would be" in render.stderr and not (tmp_path / "o").exists()
