"""Two languages side by side (-l en+az, issue 18): one PDF and one DOCX per pair, the
first language left, each block level with its counterpart, both languages in every
word the toolkit prints, each column's text in its own language."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing import api
from briefing.bilingual import Pair
from briefing.cli import main
from briefing.tree import (
    Chart,
    Figure,
    ListBlock,
    Paragraph,
    Quote,
    SectionNode,
    plain,
    walk_sections,
)
from tests.render.test_docx_support import assert_valid, pdf_text_pages, soffice_pdf

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
PARTIAL = """\
lang: en
title: {en: Side by side, az: Yan-yana, ru: Рядом}
date: 2026-11-26
summary:
  - {en: Translated everywhere., az: Hər yerdə tərcümə olunub., ru: Переведено везде.}
  - Only in English.
"""


@cache
def rendered(spec: str, fmt: str, out: Path) -> Path:
    assert main(["render", str(EXAMPLE), "-l", spec, "-f", fmt, "-o", str(out)]) == 0
    return out / f"{EXAMPLE.stem}.{spec}.{fmt}"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bilingual")


@pytest.fixture(scope="module")
def pair() -> Pair:
    loaded = api.load(EXAMPLE)
    return api.localize_pair(loaded, "en+az", api.template()).doc


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("en+en", "the same language twice"),
        ("en+en-US", "the same language twice"),
        ("en+az+ru", "two languages"),
        ("en+", "two languages, as en+az (first on the left); one is empty"),
        ("en++az", "one is empty"),
        ("en+az+ru+en", "not 4"),
        ("en+xx", "no catalog for language 'xx'"),
    ],
)
def test_a_bad_pair_is_a_usage_error(
    spec: str, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(EXAMPLE), "-l", spec, "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def _first_words(text: str, n: int = 3) -> str:
    return " ".join(text.split()[:n])


def _blocks(pair: Pair) -> list[tuple[str, str]]:
    """(left, right) opening words of each heading, paragraph, list item and quote."""
    out: list[tuple[str, str]] = []
    a, b = pair.docs
    for sa, sb in zip(walk_sections(a.sections), walk_sections(b.sections), strict=True):
        out.append((sa.heading, sb.heading))
        for x, y in zip(sa.blocks, sb.blocks, strict=True):
            if isinstance(x, Paragraph | Quote) and isinstance(y, Paragraph | Quote):
                out.append((plain(x.runs), plain(y.runs)))
            elif isinstance(x, ListBlock) and isinstance(y, ListBlock):
                out += [
                    (plain(i.runs), plain(j.runs)) for i, j in zip(x.items, y.items, strict=True)
                ]
    return [(_first_words(x), _first_words(y)) for x, y in out]


def test_each_block_starts_level_with_its_counterpart(pair: Pair, out: Path) -> None:
    """pdfplumber finds each block's opening words, left of the middle for the first
    language and right of it for the second, in reading order: on the same page, the
    tops less than a line apart."""
    assert_aligned(rendered("en+az", "pdf", out), pair)


def test_the_docx_in_libreoffice_is_aligned_as_the_pdf(pair: Pair, out: Path) -> None:
    """The DOCX laid out by LibreOffice: the same blocks level on the same pages."""
    pdfs = soffice_pdf([rendered("en+az", "docx", out)], out / "lo")
    laid_out = next(iter(pdfs.values()))
    assert_aligned(laid_out, pair)
    # each column numbers its own items (LibreOffice counts by definition, not instance)
    text = " ".join(pdf_text_pages(laid_out))
    assert "3. A security dimension" in text and "3. Sənaye ölçüsü" in text


def assert_aligned(pdf_path: Path, pair: Pair) -> None:
    with pdfplumber.open(pdf_path) as pdf:
        cursor = [(0, -1.0), (0, -1.0)]
        checked = 0
        for left, right in _blocks(pair):
            hits = []
            for side, words in enumerate((left, right)):
                hit = _find(pdf, words, side, cursor[side])
                assert hit is not None, f"{words!r} not found on its side"
                cursor[side] = hit
                hits.append(hit)
            (pl, tl), (pr, tr) = hits
            assert pl == pr, f"{left!r} and {right!r} start on different pages"
            assert abs(tl - tr) < 11, f"{left!r} at {tl:.1f}, {right!r} at {tr:.1f}"
            checked += 1
        assert checked > 40


def _find(pdf: Any, words: str, side: int, after: tuple[int, float]) -> tuple[int, float] | None:
    """The first place after ``after`` where ``words`` start a stretch of text on
    ``side`` (0 left, 1 right) of a page."""
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words.split()))
    for number in range(after[0], len(pdf.pages)):
        page = pdf.pages[number]
        mid = page.width / 2
        for match in page.search(pattern):
            if (match["x0"] >= mid) != bool(side):
                continue
            if (number, match["top"]) > after:
                return number, match["top"]
    return None


def test_pdf_language_and_tags(out: Path) -> None:
    """/Lang is the first language; each language's elements are in a Sect with its own."""
    with pikepdf.open(rendered("en+az", "pdf", out)) as pdf:
        assert str(pdf.Root.Lang) == "en-US"
        document = pdf.Root.StructTreeRoot.K[0]
        sects = [k for k in document.K if isinstance(k, pikepdf.Dictionary) and k.S == "/Sect"]
        assert [str(s.Lang) for s in sects] == ["en-US", "az-Latn-AZ"]
        texts = pdfplumber.open(rendered("en+az", "pdf", out)).pages[0].extract_text()
    assert "Page 1 of" in texts and "Səhifə 1" in texts
    assert "Kimə" in texts and "To" in texts


def test_docx_valid_with_both_languages_per_column(out: Path) -> None:
    path = rendered("en+ru", "docx", out)
    assert_valid(path)
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        footer = z.read("word/footer2.xml").decode()
    assert body.count('w:lang w:val="ru-RU"') > 100 and 'w:lang w:val="en-US"' in body
    assert "Страница" in footer and footer.count("NUMPAGES") == 2
    assert "Кому" in body and "US–Azerbaijan Strategic Partnership Charter" in body


def test_az_ru_renders_both_formats(out: Path) -> None:
    pdf = rendered("az+ru", "pdf", out)
    with pdfplumber.open(pdf) as doc:
        first = doc.pages[0]
        left = first.crop((0, 0, first.width / 2, first.height)).extract_text()
        right = first.crop((first.width / 2, 0, first.width, first.height)).extract_text()
    assert "Xartiyası" in left and "Хартия" in right
    assert_valid(rendered("az+ru", "docx", out))


def test_fallback_reported_and_strict_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = tmp_path / "partial.yaml"
    brief.write_text(PARTIAL, "utf-8")
    assert main(["render", str(brief), "-l", "az+ru", "-f", "pdf", "-o", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "warning: az: 1 text not translated" in err and "warning: ru: 1 text" in err
    target = tmp_path / "partial.az+ru.pdf"
    assert target.exists()
    target.unlink()
    code = main(["render", str(brief), "-l", "az+ru", "--strict", "-o", str(tmp_path)])
    assert code == 1 and not target.exists()
    assert "no az text for summary[1]" in capsys.readouterr().err


def test_markdown_toc_and_api(tmp_path: Path) -> None:
    """A Markdown brief with its translation files, with --toc; the library's own
    calls give the same pair."""
    md = ROOT / "examples" / "us-azerbaijan-charter.md"
    args = ["render", str(md), "-l", "ru+en", "--toc", "-o", str(tmp_path)]
    assert main(args) == 0
    with pdfplumber.open(tmp_path / f"{md.stem}.ru+en.pdf") as pdf:
        text = pdf.pages[0].extract_text() + pdf.pages[1].extract_text()
    assert "Содержание / Contents" in text
    loaded = api.load(md)
    result = api.localize_pair(loaded, "ru+en", api.template())
    assert [r.doc.lang for r in result.results] == ["ru", "en"]
    data = api.render(result.doc, "docx", api.template())
    assert data[:2] == b"PK"


def test_a_wide_table_is_set_full_width_once_per_language(tmp_path: Path) -> None:
    columns = ", ".join(f"{{en: Column{n}heading, az: Sütun{n}başlığı}}" for n in range(5))
    brief = tmp_path / "wide.yaml"
    brief.write_text(
        "lang: en\ntitle: {en: Wide, az: Geniş}\ndate: 2026-11-26\nsummary:\n"
        f"  - table:\n      columns: [{columns}]\n      rows: [[1, 2, 3, 4, 5]]\n",
        "utf-8",
    )
    assert main(["render", str(brief), "-l", "en+az", "-o", str(tmp_path)]) == 0
    with pdfplumber.open(tmp_path / "wide.en+az.pdf") as pdf:
        page = pdf.pages[0]
        en = page.search("Column4heading")[0]
        az = page.search("Sütun4başlığı")[0]
    assert en["x0"] > page.width / 2 and az["x0"] > page.width / 2  # across the page
    assert az["top"] > en["top"] + 20  # the second language's under the first's
    assert_valid(tmp_path / "wide.en+az.docx")


def test_section_structure_pairs(pair: Pair) -> None:
    a, b = pair.docs
    assert isinstance(a.sections[0], SectionNode) and a.lang == "en" and b.lang == "az"
    assert pair.lang == "en+az"


def test_batch_of_briefs_in_pairs_and_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two briefs, two pairs, two processes: four files each named for its pair;
    validate -l en+az reports each language of the pair."""
    (tmp_path / "a.yaml").write_text(PARTIAL, "utf-8")
    (tmp_path / "b.yaml").write_text(PARTIAL.replace("Side by side", "Other"), "utf-8")
    briefs = [str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]
    args = ["render", *briefs, "-l", "en+az,ru+en", "-f", "pdf", "-j", "2", "-o", str(tmp_path)]
    assert main(args) == 0
    written = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert written == ["a.en+az.pdf", "a.ru+en.pdf", "b.en+az.pdf", "b.ru+en.pdf"]
    capsys.readouterr()
    assert main(["validate", briefs[0], "-l", "en+az"]) == 0
    said = capsys.readouterr().out
    assert "en: 3 of 3 texts translated" in said and "az: 2 of 3 texts translated" in said


def _filled(k: int) -> str:
    """A pair brief that fills two pages with paragraphs, then ``k`` words more: as ``k``
    grows, "Prepared by" comes to each place near the end of page 2 and the top of 3."""
    para = (
        "  - {en: 'Paragraph %d of the memo says a few things in English to fill the line "
        "and then some more words.', az: 'Memorandumun %d-ci abzası bir neçə şey deyir, "
        "sətri doldurmaq üçün daha bir neçə söz.'}\n"
    )
    body = "".join(para % (i, i) for i in range(23))
    body += f"  - {{en: '{' '.join(['word'] * k)}', az: '{' '.join(['söz'] * k)}'}}\n"
    return (
        "lang: en\ntitle: {en: Probe, az: Sınaq}\ndate: 2026-11-26\n"
        f"authors: [{{en: The Desk, az: Şöbə}}]\nsummary:\n{body}"
    )


def _closing_page_has_body(pages: list[str]) -> bool:
    """Some body text precedes "Prepared by" on the page it is on."""
    page = next(p for p in pages if "Prepared by" in p)
    before = page.split("Prepared by")[0]
    return re.search(r"\b(word|söz|Paragraph|Memorandumun)\b", before) is not None


FILLS = range(8, 72, 8)


def test_prepared_by_never_starts_a_pdf_page_alone(tmp_path: Path) -> None:
    """Closing rows kept with the end of what they close, in the side-by-side PDF too."""
    for k in FILLS:
        brief = tmp_path / f"fill{k}.yaml"
        brief.write_text(_filled(k), "utf-8")
        args = ["render", str(brief), "-l", "en+az", "-f", "pdf", "-o", str(tmp_path)]
        assert main(args) == 0
        pages = pdf_text_pages(tmp_path / f"fill{k}.en+az.pdf")
        assert len(pages) >= 3 or k < 32, "the fills no longer reach page 3"
        assert _closing_page_has_body(pages), f"k={k}: Prepared by alone on its page"


def test_prepared_by_never_starts_a_docx_page_alone(tmp_path: Path) -> None:
    """The DOCX row before "Prepared by" is kept with it, as LibreOffice lays it out."""
    docs = []
    for k in FILLS:
        brief = tmp_path / f"fill{k}.yaml"
        brief.write_text(_filled(k), "utf-8")
        args = ["render", str(brief), "-l", "en+az", "-f", "docx", "-o", str(tmp_path)]
        assert main(args) == 0
        docs.append(tmp_path / f"fill{k}.en+az.docx")
    assert_valid(docs[0])
    for docx, pdf in sorted(soffice_pdf(docs, tmp_path / "lo").items()):
        assert _closing_page_has_body(pdf_text_pages(pdf)), f"{docx.name}: Prepared by alone"


def _chart_brief(categories: list[tuple[str, str]], kind: str = "bar") -> str:
    cats = ", ".join(f"{{en: '{en}', az: '{az}'}}" for en, az in categories)
    values = ", ".join(str(10 * (n + 1)) for n in range(len(categories)))
    return (
        "lang: en\ntitle: {en: Charts, az: Diaqramlar}\ndate: 2026-11-26\nsummary:\n"
        f"  - chart:\n      type: {kind}\n      categories: [{cats}]\n"
        f"      series: [{{name: {{en: Budget, az: Büdcə}}, values: [{values}]}}]\n"
        "    caption: {en: The budget, az: Büdcə}\n    alt: {en: A chart, az: Diaqram}\n"
    )


def _chart_words(pdf_path: Path) -> list[dict[str, Any]]:
    with pdfplumber.open(pdf_path) as pdf:
        return [w for page in pdf.pages for w in page.extract_words()]


def test_fits_says_when_a_chart_would_cut_its_labels() -> None:
    """charts.draw.fits is true exactly when nothing the chart prints is cut."""
    from briefing.charts.draw import draw, fits
    from briefing.charts.style import chart_style

    style = chart_style(api.template(), pdf=True)
    loaded = api.load(EXAMPLE)
    doc = api.localize_pair(loaded, "en+az", api.template()).doc.right
    chart = next(
        b.content
        for s in walk_sections(doc.sections)
        for b in s.blocks
        if isinstance(b, Figure) and isinstance(b.content, Chart)
    )
    for width, expected in ((200.0, False), (480.0, True)):
        assert fits(chart, width, style) is expected
        texts = [s.text for s in draw(chart, width, style).contents if hasattr(s, "text")]
        assert any("…" in t for t in texts) is not expected
    pie = replace(chart, type="pie")
    assert fits(pie, 480.0, style) and not fits(pie, 120.0, style)


def test_a_chart_that_would_cut_its_labels_is_set_full_width(out: Path) -> None:
    """The example's chart ("Təhlükəsizlik brifinqləri" in a half column would read
    "Təhl… brifi…"): set across the page once per language, every label whole."""
    words = _chart_words(rendered("en+az", "pdf", out))
    assert not any("…" in w["text"] for w in words if w["top"] > 80)  # the header may cut
    text = " ".join(w["text"] for w in words)
    for words_of in ("Security briefings", "Təhlükəsizlik", "brifinqləri", "Charter tracker"):
        assert words_of in text
    with pdfplumber.open(rendered("en+az", "pdf", out)) as pdf:
        middle = pdf.pages[0].width / 2
        hit = next(h for p in pdf.pages for h in p.search("Security briefings"))
        assert hit["x0"] > middle  # the English chart spans both columns
        caption = next(h for p in pdf.pages for h in p.search("Şəkil 2"))
        assert caption["x0"] < middle  # the Azerbaijani one is under it, not beside it
    with zipfile.ZipFile(rendered("en+az", "docx", out)) as z:
        body = z.read("word/document.xml").decode()
    widths = sorted(_extent_widths(body)[1:])  # the logo first
    assert len(widths) == 4 and widths[-2] > 1.5 * widths[0]  # charts across, maps beside


def _extent_widths(body: str) -> list[int]:
    return [int(cx) for cx in re.findall(r'<wp:extent cx="(\d+)"', body)]


def test_a_chart_that_fits_a_column_stays_beside_its_translation(tmp_path: Path) -> None:
    """Short labels: the two charts side by side, level, at the column's width."""
    brief = tmp_path / "fits.yaml"
    brief.write_text(_chart_brief([("A", "Ə"), ("B", "B"), ("C", "Ç")]), "utf-8")
    assert main(["render", str(brief), "-l", "en+az", "-o", str(tmp_path)]) == 0
    with pdfplumber.open(tmp_path / "fits.en+az.pdf") as pdf:
        page = pdf.pages[0]
        en = page.search("Figure 1")[0]
        az = page.search("Şəkil 1")[0]
    assert en["x0"] < page.width / 2 < az["x0"] and abs(en["top"] - az["top"]) < 2
    with zipfile.ZipFile(tmp_path / "fits.en+az.docx") as z:
        widths = _extent_widths(z.read("word/document.xml").decode())
    assert len(widths) == 3 and widths[1] == widths[2] > widths[0]  # the logo first
    assert_valid(tmp_path / "fits.en+az.docx")


def test_long_labels_go_full_width_in_both_formats(tmp_path: Path) -> None:
    """A chart whose labels a column would cut, of any type: full width, once per
    language, in the PDF and in the DOCX as LibreOffice lays it out."""
    cats = [("Implementation", "İcraedilməlilik"), ("Coordination", "Əlaqələndirmə")] * 3
    for kind in ("bar", "line", "pie"):
        brief = tmp_path / f"{kind}.yaml"
        brief.write_text(_chart_brief(cats, kind), "utf-8")
        assert main(["render", str(brief), "-l", "en+az", "-o", str(tmp_path)]) == 0
        with pdfplumber.open(tmp_path / f"{kind}.en+az.pdf") as pdf:
            page = pdf.pages[0]
            en, az = page.search("Figure 1")[0], page.search("Şəkil 1")[0]
            labels = [w["text"] for w in page.extract_words()]
        assert en["x0"] < page.width / 2 and az["x0"] < page.width / 2, kind
        assert az["top"] > en["top"] + 100, kind  # one under the other
        assert "İcraedilməlilik" in " ".join(labels) and not any("…" in t for t in labels)
        assert_valid(tmp_path / f"{kind}.en+az.docx")
    laid_out = soffice_pdf([tmp_path / "bar.en+az.docx"], tmp_path / "lo")
    with pdfplumber.open(next(iter(laid_out.values()))) as pdf:
        page = pdf.pages[0]
        en, az = page.search("Figure 1")[0], page.search("Şəkil 1")[0]
    assert en["x0"] < page.width / 2 and az["x0"] < page.width / 2
    assert az["top"] > en["top"] + 100


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_body(path: Path) -> Any:
    from docx import Document as open_docx

    return open_docx(str(path)).element.body


def test_docx_rules_are_one_line_across_both_columns(out: Path) -> None:
    """The rules of the title block, memo block and closing are each one line across
    the page, as the PDF's, not each cell's: the cells' rules stop short of the gutter,
    and under the date lines (the ru one wraps) they would be at two heights."""
    body = _docx_body(rendered("en+ru", "docx", out))
    date_style = _style_id(rendered("en+ru", "docx", out), "Date Line")
    in_cells = [
        p for p in body.iter(f"{W}p") if _pstyle(p) == date_style and p.getparent().tag == f"{W}tc"
    ]
    across = [p for p in body.iterchildren(f"{W}p") if _pstyle(p) == date_style]
    assert len(in_cells) == 2 and len(across) == 1
    for p in in_cells:
        assert p.find(f"{W}pPr/{W}pBdr/{W}bottom").get(f"{W}val") == "nil"
    assert across[0].find(f"{W}r") is None  # the rule alone, no text
    # under the memo block and over "Prepared by": a row of one cell over both columns
    spanning = [
        tc
        for tc in body.iter(f"{W}tc")
        if tc.find(f"{W}tcPr/{W}gridSpan") is not None
        and tc.find(f"{W}p/{W}pPr/{W}pBdr/{W}bottom") is not None
    ]
    assert len(spanning) == 2
    closing = spanning[1].getparent().getnext()
    assert "Исполнитель" in "".join(t.text or "" for t in closing.iter(f"{W}t"))


def _pstyle(p: Any) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


def _style_id(path: Path, name: str) -> str:
    from docx import Document as open_docx

    return str(open_docx(str(path)).styles[name].style_id)


def test_docx_short_rows_do_not_split(out: Path) -> None:
    """A short row (a heading, a note, a short paragraph) moves whole to the next page
    rather than leave a line alone at a page's end (LibreOffice has no orphan control
    in table cells); a long one may split, or it could not be laid out at all."""
    body = _docx_body(rendered("en+ru", "docx", out))
    rows = [tr for tbl in body.iterchildren(f"{W}tbl") for tr in tbl.iterchildren(f"{W}tr")]
    fixed = [tr for tr in rows if tr.find(f"{W}trPr/{W}cantSplit") is not None]
    text = ["".join(t.text or "" for t in tr.iter(f"{W}t")) for tr in fixed]
    assert any("Примечание" in t for t in text)  # the note, label and text together
    assert 0 < len(fixed) < len(rows)
    assert max(len(t) for t in text) < 1200  # no long row is held on one page


_WORDS = st.text(alphabet="abcəşçğıöüxyzABCƏŞ ", min_size=0, max_size=40)


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(["bar", "stacked", "line", "pie", "donut"]),
    categories=st.lists(_WORDS, min_size=1, max_size=8),
    names=st.lists(_WORDS, min_size=1, max_size=3),
    axis=st.one_of(st.none(), _WORDS),
    width=st.floats(min_value=80, max_value=500),
)
@example("bar", ["a", "b"], ["a series name far too long for a narrow chart"], None, 80.0)
@example("line", ["a"], ["x", "a series name far too long for a narrow chart"], None, 80.0)
@example("pie", [f"slice {n}" for n in range(8)], ["s"], None, 80.0)
def test_fits_is_true_exactly_when_the_drawing_cuts_nothing(
    kind: str,
    categories: list[str],
    names: list[str],
    axis: str | None,
    width: float,
) -> None:
    """The oracle: the drawing's own strings. A cut label ends in "…" (the words drawn
    hold none), and a pie whose legend has too many rows ends it with "…"."""
    from briefing.charts.draw import draw, fits
    from briefing.charts.style import chart_style

    n = len(categories)
    series = tuple((name, tuple(float(i + 1) for i in range(n))) for name in names)
    chart = Chart(
        kind,
        tuple(categories),
        series,
        ((0.0, "0"), (float(n), str(n))),
        tuple(tuple(str(i + 1) for i in range(n)) for _ in names),
        axis,
    )
    style = chart_style(api.template(), pdf=True)
    drawn = [s.text for s in draw(chart, width, style).contents if hasattr(s, "text")]
    assert fits(chart, width, style) is not any("…" in t for t in drawn)
