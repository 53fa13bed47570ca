"""The PDF renderer, read back the way a reader sees it: text, pages, fonts, outline.

Starts from hand-built trees (tests/tree_sample.py in Russian, and an Azerbaijani one
built here with ə İ ğ ₼, a 200-character URL in a narrow table cell and a table long
enough to break across pages), so it tests the renderer alone. pdffonts and qpdf are
used when installed; with BRIEFING_REQUIRE_TOOLS=1 their absence fails the test.
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefing import glyphs
from briefing.errors import BriefError
from briefing.renderers import check_coverage
from briefing.renderers import render as render_format
from briefing.renderers.options import RenderOptions
from briefing.renderers.pdf import render
from briefing.renderers.pdf.fonts import FontFamily
from briefing.renderers.pdf.inline import segments
from briefing.templates import Template, load_template
from briefing.tree import (
    Document,
    ListBlock,
    ListItem,
    MemoRow,
    Metadata,
    Paragraph,
    Run,
    SectionNode,
    Table,
    walk_sections,
)
from tests.readback import assert_in_order, body_texts, require_tool, squash
from tests.render.test_pdf_tools import assert_valid_pdf
from tests.tree_sample import r, sample_document

MM = 72 / 25.4
URL = ("https://example.org/" + "/".join(f"segment{i:02d}" for i in range(20)) + "?q=1")[:200]
LONG_WORD = "Ə" + "ə" * 119
HOSTILE = ("a < b & c", "<b>не жирный</b>", "S&P 500", "{{ x }}", "<font size=40>x</font>")


def az_document() -> Document:
    """An Azerbaijani memo: Latin ə İ ğ, manat amounts, long tokens, a 3-page table."""
    rows = tuple((r(f"Sətir {i}"), r(f"{i * 1250}\u00a0₼"), r("Gözlənilir")) for i in range(1, 71))
    analysis = (
        Paragraph(
            (
                Run("Azərbaycan İqtisadiyyat Nazirliyi: "),
                Run("ğ ə İ ı ş ç ö ü", bold=True),
                Run(" — 1\u00a0250,50\u00a0₼. "),
                Run("<font size=40>x</font>"),
                Run(" and S&P 500, a < b & c."),
            )
        ),
        Paragraph(r(f"Uzun söz: {LONG_WORD} son.")),
        Table(
            columns=(r("Keçid"), r("Təsvir"), r("Məbləğ")),
            rows=(
                (r(URL), r("Uzun keçid dar xanada"), r("1\u00a0000\u00a0₼")),
                ((Run(URL, link=URL),), r("Keçid kimi"), r("—")),
            ),
            label="Cədvəl 1",
            caption=r("Keçidlər"),
            widths=(0.18, 0.52, 0.3),
        ),
        ListBlock(
            True,
            (
                ListItem(
                    r("Birinci"), ListBlock(True, (ListItem(r("Alt bir")), ListItem(r("Alt iki"))))
                ),
                ListItem(r("İkinci")),
            ),
        ),
        Table(columns=(r("Sətir"), r("Məbləğ"), r("Status")), rows=rows, label="Cədvəl 2"),
    )
    sections = (
        SectionNode("Xülasə", 1, "summary", (Paragraph(r("ABŞ–Azərbaycan Xartiyası imzalandı.")),)),
        SectionNode("Təhlil", 1, "analysis", analysis),
        SectionNode("Tövsiyələr", 1, "recommendations", (ListBlock(True, (ListItem(r("Qrup")),)),)),
    )
    title = "ABŞ–Azərbaycan Strateji Tərəfdaşlıq Xartiyası"
    return Document(
        lang="az",
        lang_tag="az-Latn-AZ",
        doc_type="Analitik arayış",
        title=title,
        subtitle=None,
        date="26 noyabr 2026",
        reference=None,
        marking="MƏXFİ",
        classification="confidential",
        memo=(MemoRow("Kimə", "Regional Siyasət Direktoru"), MemoRow("Kimdən", "Cənubi Qafqaz")),
        sections=sections,
        prepared_by=MemoRow("Hazırlayan", "Cənubi Qafqaz şöbəsi"),
        page_of="Səhifə {page} / {pages}",
        contents_title="Mündəricat",
        metadata=Metadata(
            title,
            "Xartiya",
            "Cənubi Qafqaz",
            ("Azərbaycan",),
            "az-Latn-AZ",
            "2026-11-26",
            "2026-11-26T00:00:00Z",
        ),
    )


@pytest.fixture(scope="module")
def template() -> Template:
    return load_template("memo")


@pytest.fixture(scope="module")
def sample_pdf(template: Template) -> bytes:
    return render(sample_document(), template)


@pytest.fixture(scope="module")
def az_pdf(template: Template) -> bytes:
    return render(az_document(), template)


def pages_text(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]


def outline_entries(data: bytes) -> list[tuple[str, int]]:
    """(title, 0-based page index) of every outline entry, depth first."""
    reader = PdfReader(io.BytesIO(data))
    out: list[tuple[str, int]] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                page = reader.get_destination_page_number(item)
                assert page is not None, item.title
                out.append((str(item.title), page))

    walk(reader.outline)
    return out


# -- text ------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["sample", "az"])
def test_every_text_in_order_with_marking_and_page_x_of_n(
    which: str, sample_pdf: bytes, az_pdf: bytes
) -> None:
    doc, data = (sample_document(), sample_pdf) if which == "sample" else (az_document(), az_pdf)
    pages = pages_text(data)
    assert len(pages) >= 2
    text = "\n".join(pages)
    assert "\x00" not in text, "U+0000 marks a glyph the font lacks"
    assert_in_order(body_texts(doc), text)
    for number, page in enumerate(pages, 1):
        assert squash(doc.marking or "") in squash(page), f"no marking on page {number}"
        # the marking is printed twice: at the top and at the bottom
        assert squash(page).count(squash(doc.marking or "")) >= 2
        labels = re.findall(r"(?:Страница|Səhifə) \d+ (?:из|/) \d+", page)
        assert labels == [doc.page_label(number, len(pages))], (number, labels)


def test_first_page_has_page_1_of_n(sample_pdf: bytes) -> None:
    pages = pages_text(sample_pdf)
    assert f"Страница 1 из {len(pages)}" in pages[0]
    assert "Аналитическая записка" in pages[0]
    assert "26 ноября 2026 г." in pages[0] and "PB-2026-041" in pages[0]


def test_user_text_prints_literally(sample_pdf: bytes, az_pdf: bytes) -> None:
    sample = "\n".join(pages_text(sample_pdf))
    for literal in HOSTILE[:4]:
        assert literal in sample, literal
    az = "\n".join(pages_text(az_pdf))
    for literal in ("a < b & c", "S&P 500", "<font size=40>x</font>"):
        assert literal in az, literal


def test_markup_looking_text_is_not_styled(sample_pdf: bytes, az_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(sample_pdf)) as pdf:
        chars = pdf.pages[0].chars
    text = "".join(c["text"] for c in chars)
    fonts = [c["fontname"] for c in chars]
    bold_at = text.index("Жирный")
    assert all("NotoSans-Bold" in f for f in fonts[bold_at : bold_at + 6])
    italic_at = text.index("курсив")
    assert all("NotoSans-Italic" in f for f in fonts[italic_at : italic_at + 6])
    literal_at = text.index("<b>не")
    assert all(f.endswith("NotoSans-Regular") for f in fonts[literal_at : literal_at + 16])
    with pdfplumber.open(io.BytesIO(az_pdf)) as pdf:
        chars = pdf.pages[0].chars
    text = "".join(c["text"] for c in chars)
    at = text.index("<font")
    body_size = chars[text.index("Nazirliyi")]["size"]
    assert all(abs(c["size"] - body_size) < 0.01 for c in chars[at : at + 10])


def test_links_are_clickable_with_their_target(sample_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(sample_pdf))
    uris = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None:
                uris.append(action.get_object()["/URI"])
    assert uris.count("https://az.usembassy.gov/") == 2  # the inline link and the source


def test_numbered_lists_restart(sample_pdf: bytes) -> None:
    text = squash(pages_text(sample_pdf)[0])
    assert "1.Первый2.Второй1.Сновапервый" in text


def test_long_tokens_wrap_inside_their_column_without_added_characters(az_pdf: bytes) -> None:
    text = squash("\n".join(pages_text(az_pdf)))
    assert text.count(squash(URL)) == 2  # both cells, whole, nothing inserted
    assert squash(LONG_WORD) in text
    assert "\u200b" not in text and "\u00ad" not in text
    with pdfplumber.open(io.BytesIO(az_pdf)) as pdf:
        page = pdf.pages[0]
        left, right = 25 * MM, page.width - 22 * MM
        for c in page.chars:
            assert left - 0.5 <= c["x0"] and c["x1"] <= right + 0.5, c["text"]
        # the URL stays in its 18 % column: no character of it reaches the next column
        url_chars = [c for c in page.chars if c["text"] in "/gmentx" and c["top"] > 200]
        column_right = left + 0.18 * (right - left)
        cell_chars = [c for c in url_chars if c["x0"] < column_right]
        assert cell_chars and all(c["x1"] <= column_right + 0.5 for c in cell_chars)


def test_long_table_repeats_its_header_row(az_pdf: bytes) -> None:
    pages = pages_text(az_pdf)
    spanned = [p for p in pages if "Sətir 4" in p or "Sətir 7" in p]
    assert len(spanned) >= 2
    for page in spanned:
        assert re.search(r"Sətir\s*\n?\s*Məbləğ\s*\n?\s*Status", page), page[:300]


def test_annex_starts_a_new_page(sample_pdf: bytes) -> None:
    pages = pages_text(sample_pdf)
    annex = next(i for i, p in enumerate(pages) if "Приложение 1. Хронология" in p)
    assert "Источники" not in pages[annex]
    body = pages[annex].split("Приложение 1. Хронология")[0]
    assert "Ильхам" not in body and "Текст" not in body


# -- structure -------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["sample", "az"])
def test_outline_is_the_section_headings_pointing_at_their_pages(
    which: str, sample_pdf: bytes, az_pdf: bytes
) -> None:
    doc, data = (sample_document(), sample_pdf) if which == "sample" else (az_document(), az_pdf)
    entries = outline_entries(data)
    assert [t for t, _ in entries] == [s.heading for s in walk_sections(doc.sections)]
    pages = pages_text(data)
    for title, page in entries:
        assert squash(title) in squash(pages[page]), f"{title!r} bookmark points to page {page + 1}"
    reader = PdfReader(io.BytesIO(data))
    assert str(reader.root_object["/PageMode"]) == "/UseOutlines"
    assert len({p for _, p in entries}) > 1  # not every bookmark on page 1


def test_metadata_and_language(sample_pdf: bytes, az_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(sample_pdf))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Хартия о стратегическом партнёрстве США и Азербайджана"
    assert meta.author == "Отдел Южного Кавказа"
    assert meta.subject == "Подписание хартии в Баку"
    assert str(meta["/Keywords"]) == "Азербайджан, Средний коридор"
    assert meta.creator == "briefing"
    assert str(reader.root_object["/Lang"]) == "ru-RU"
    assert str(PdfReader(io.BytesIO(az_pdf)).root_object["/Lang"]) == "az-Latn-AZ"


def test_xmp_carries_the_metadata_and_the_brief_dates(sample_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(sample_pdf))
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {
        "x-default": "Хартия о стратегическом партнёрстве США и Азербайджана",
        "ru-RU": "Хартия о стратегическом партнёрстве США и Азербайджана",
    }
    assert xmp.dc_creator == ["Отдел Южного Кавказа"]
    assert xmp.dc_description is not None
    assert xmp.dc_description["x-default"] == "Подписание хартии в Баку"
    assert xmp.dc_subject == ["Азербайджан", "Средний коридор"]
    assert xmp.dc_language == ["ru-RU"]
    assert xmp.pdf_keywords == "Азербайджан, Средний коридор"
    assert xmp.xmp_creator_tool == "briefing"
    assert xmp.pdf_producer == reader.metadata.producer  # type: ignore[union-attr]
    assert xmp.xmp_create_date is not None and xmp.xmp_modify_date is not None
    assert xmp.xmp_create_date.date().isoformat() == "2026-11-26"
    assert xmp.xmp_modify_date.isoformat().startswith("2026-11-26T00:00:00")
    meta = reader.metadata
    assert meta is not None
    assert str(meta["/CreationDate"]) == "D:20261126"
    assert str(meta["/ModDate"]) == "D:20261126000000+00'00'"
    assert meta.creation_date is not None and meta.creation_date.year == 2026


def test_contents_page_numbers_and_links(template: Template, tmp_path: Path) -> None:
    doc = az_document()
    data = render(doc, template, RenderOptions(toc=True))
    assert_valid_pdf(data, tmp_path)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first = pdf.pages[0].extract_text()
        texts = [p.extract_text() for p in pdf.pages]
    assert doc.contents_title in first
    lines = first.splitlines()
    lines = lines[lines.index(doc.contents_title) + 1 :]
    for s, line in zip(doc.sections, lines, strict=False):
        title, number = line.rstrip(" .0123456789"), int(line.split()[-1])
        assert title == s.heading and s.heading in texts[number - 1], line
    # the contents page is not in the outline, and the body starts on a new page
    assert [t for t, _ in outline_entries(data)] == [s.heading for s in walk_sections(doc.sections)]
    assert doc.sections[0].heading not in first.split(doc.contents_title)[0]
    assert sum(1 for p in texts if doc.sections[0].heading in p) >= 1


def test_fonts_are_embedded_subsets_and_never_standard(sample_pdf: bytes, tmp_path: Path) -> None:
    tool = require_tool("pdffonts")
    path = tmp_path / "sample.pdf"
    path.write_bytes(sample_pdf)
    out = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert len(rows) >= 4, out  # regular, bold, italic, bold italic
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert re.fullmatch(r"[A-Z]{6}\+NotoSans-\w+", name), row
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
    assert not re.search(r"Helvetica|Times|Courier|Symbol|ZapfDingbats", out), out


def test_qpdf_check_passes(sample_pdf: bytes, az_pdf: bytes, tmp_path: Path) -> None:
    assert_valid_pdf(sample_pdf, tmp_path, "sample")
    assert_valid_pdf(az_pdf, tmp_path, "az")


def test_two_renders_give_identical_bytes(sample_pdf: bytes, template: Template) -> None:
    assert render(sample_document(), template) == sample_pdf


def test_letter_is_a_one_line_change(template: Template, tmp_path: Path) -> None:
    folder = tmp_path / "letter"
    folder.mkdir()
    toml = (template.path / "theme.toml").read_text(encoding="utf-8")
    (folder / "theme.toml").write_text(toml.replace('size = "A4"', 'size = "Letter"', 1))
    data = render(sample_document(), load_template(str(folder)))
    assert_valid_pdf(data, tmp_path)
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


# -- glyph coverage ----------------------------------------------------------------------


def test_missing_chars(template: Template) -> None:
    text = "Əliyev İlham ğ ə Ж ₼ € № «»\u00a0\u202f\n\t中 😀 中"
    assert glyphs.missing_chars(text, template) == ["中", "😀"]
    covered = glyphs.covered_codepoints(template)
    for ch in "əƏİığşçöüЖж₼€₽№«»“”‘’–—…•\u00a0\u202f\n\t":
        assert ord(ch) in covered, repr(ch)
    stack = glyphs.font_stack(template)
    assert [p.name for p in stack] == ["NotoSans-Regular.ttf", "NotoSerif-Regular.ttf"]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(min_codepoint=1, max_codepoint=0x1FAFF, codec="utf-8")))
def test_the_fast_coverage_check_agrees_with_the_set(text: str) -> None:
    """missing_chars finds uncovered characters with a compiled pattern when no set is
    given; both ways must name the same characters in the same order."""
    template = load_template()
    covered = glyphs.covered_chars(template)
    assert glyphs.missing_chars(text, template) == glyphs.missing_chars(text, template, covered)


def test_every_face_of_a_family_covers_the_same_characters(template: Template) -> None:
    for key in glyphs.family_keys(template):
        files = glyphs.family_files(template, key)
        cmaps = {glyphs.cmap_codepoints(path) for path in files.values()}
        assert len(cmaps) == 1, key


def test_render_refuses_characters_no_font_has(template: Template) -> None:
    """The renderers' one glyph guard refuses the tree before the PDF renderer draws."""
    doc = replace(sample_document(), title="Карта 中国")
    with pytest.raises(BriefError, match="U\\+4E2D"):
        check_coverage(doc, template)
    with pytest.raises(BriefError, match="U\\+4E2D"):
        render_format(doc, "pdf", template)


def test_a_character_only_a_fallback_has_uses_the_fallback_face() -> None:
    def family(key: str, faces: str, chars: str) -> FontFamily:
        regular, bold, italic, bold_italic = (f"{faces}{s}" for s in ("", "-B", "-I", "-BI"))
        return FontFamily(
            key, regular, bold, italic, bold_italic, frozenset(map(ord, chars)), frozenset(chars)
        )

    body = family("sans", "S", "ab <&")
    serif = family("serif", "F", "abə")
    assert segments("a <ə> & b", body, False, False, (body, serif)) == [
        ("S", "a <"),
        ("F", "ə"),
        ("S", "> & b"),
    ]
    assert segments("ə", body, True, False, (body, serif)) == [("F-B", "ə")]
    assert segments("中", body, False, True, (body, serif)) == [("S-I", "中")]


def test_bundled_fonts_are_static_ribbi_instances(template: Template) -> None:
    from fontTools.ttLib import TTFont

    expected = {"regular": (400, "Regular"), "bold": (700, "Bold"), "italic": (400, "Italic")}
    expected["bold_italic"] = (700, "Bold Italic")
    for key in glyphs.family_keys(template):
        for face, path in glyphs.family_files(template, key).items():
            font = TTFont(path)
            weight, subfamily = expected[face]
            assert "fvar" not in font and "gvar" not in font, path.name
            assert font["OS/2"].usWeightClass == weight, path.name
            assert font["name"].getDebugName(2) == subfamily, path.name
            assert font["name"].getDebugName(1) in ("Noto Sans", "Noto Serif"), path.name
            assert bool(font["OS/2"].fsSelection & 1) == ("italic" in face), path.name
            assert path.stat().st_size < 250_000, path.name


# -- page furniture ------------------------------------------------------------------------


def test_marking_is_coloured_by_level(az_pdf: bytes, template: Template) -> None:
    """The confidential marking, top and bottom of every page, in the level's colour."""
    expected = template.theme.classification["confidential"]
    rgb = tuple(int(expected[i : i + 2], 16) / 255 for i in (1, 3, 5))
    with pdfplumber.open(io.BytesIO(az_pdf)) as pdf:
        for page in pdf.pages:
            marks = [c for c in page.chars if c["text"] in "MƏXFİ" and c["size"] == 8.5]
            assert len(marks) == 2 * len("MƏXFİ"), len(marks)
            for c in marks:
                got = tuple(float(v) for v in c["non_stroking_color"])
                assert all(abs(a - b) < 0.01 for a, b in zip(got, rgb, strict=True)), got
            boxes = [r for r in page.rects if r["stroke"] and not r["fill"]]
            assert len(boxes) == 2


def test_running_header_from_page_two(sample_pdf: bytes) -> None:
    doc = sample_document()
    with pdfplumber.open(io.BytesIO(sample_pdf)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            top = page.crop((0, 0, page.width, 30 * MM)).extract_text() or ""
            has_header = doc.date in top and squash(doc.title[:20]) in squash(top)
            assert has_header == (number > 1), (number, top)


def test_fonts_are_registered_once_per_process(template: Template) -> None:
    from reportlab.pdfbase import pdfmetrics

    render(sample_document(), template)
    before = len(pdfmetrics.getRegisteredFontNames())
    theme = replace(template.theme, colors={**template.theme.colors, "navy": "#000080"})
    render(sample_document(), replace(template, theme=theme))  # another kit, same fonts
    render(az_document(), template)
    assert len(pdfmetrics.getRegisteredFontNames()) == before
