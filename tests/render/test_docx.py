"""The DOCX renderer, read back the way Word would: styles, text, lists, tables, fields.

Starts from the hand-built tree (tests/tree_sample.py), so it tests the renderer alone.
Structure is compared through python-docx and the raw XML; bytes are compared once, on
purpose, for reproducible builds. LibreOffice's layout of the DOCX is checked in
test_docx_libreoffice.py, the validators in test_docx_validate.py.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from briefing.renderers.docx import render
from briefing.renderers.docx.contents import heading_pages
from briefing.renderers.docx.fonts import obfuscate
from briefing.renderers.options import RenderOptions
from briefing.resources import fonts_dir, templates_dir
from briefing.templates import Template, load_template
from briefing.tree import Document, Paragraph, Run, walk_sections
from tests.render.test_docx_support import foreign_template
from tests.tree_sample import sample_document

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_WIDTH = 11906 - 1417 - 1247  # A4 minus the memo theme's margins (25, 22 mm), in twips
URL = "https://az.usembassy.gov/"

# Every body paragraph (outside tables) of the sample, in order: (style, text).
EXPECTED_PARAGRAPHS = [
    ("Document Type", "Аналитическая записка"),
    ("Title", "Хартия о стратегическом партнёрстве США и Азербайджана"),
    ("Subtitle", "Что хартия обязывает делать обе стороны"),
    ("Date Line", "26 ноября 2026 г.\u00a0\u00a0·\u00a0\u00a0Номер документа: PB-2026-041"),
    ("Heading 1", "Резюме"),
    ("Body Text", "Итог в двух строках."),
    ("Heading 1", "Предыстория"),
    (
        "Body Text",
        "Хартия о стратегическом партнёрстве подписана в Баку. Жирный и курсив, а также "
        "ссылка. Литерально: a < b & c, <b>не жирный</b>, S&P 500, {{ x }}.",
    ),
    ("List Bullet", "Транспортные коридоры"),
    ("List Bullet", "Энергетика"),
    ("List Bullet 2", "Диверсификация маршрутов"),
    ("List Bullet 2", "Транзит"),
    ("List Bullet 3", "Третий уровень"),
    ("List Number", "Первый"),
    ("List Number", "Второй"),
    ("List Number", "Снова первый"),
    ("Caption", "Таблица 1. Сравнение маршрутов"),
    ("Quote", "Для нас большая честь быть стратегическим партнёром США."),
    ("Attribution", "— Ильхам Алиев"),
    ("Call-out Note", "Примечание\nСледите за переговорами по маршруту TRIPP."),
    ("Heading 2", "Региональная связанность"),
    ("Body Text", "Подраздел второго уровня."),
    ("Heading 3", "Детали"),
    ("Body Text", "Третий уровень."),
    ("Heading 1", "Рекомендации"),
    ("List Number", "Создать рабочую группу."),
    ("Heading 1", "Источники"),
    (
        "List Number",
        "Подписана Хартия. Посольство США в Азербайджане, 25 ноября 2026 г. " + URL,
    ),
    ("Prepared By", "Исполнитель\tОтдел Южного Кавказа"),  # closes the memo, before annexes
    ("Heading 1", "Приложение 1. Хронология"),
    ("Body Text", "Ильхам Əliyev — İlham. Текст приложения."),
]


def memo_template() -> Template:
    return load_template("memo")


def found(element: etree._Element, path: str) -> etree._Element:
    """The element at ``path`` below ``element``, which must be there."""
    child = element.find(path)
    assert child is not None, path
    return child


def open_docx(data: bytes) -> DocxDocument:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def data() -> bytes:
    return render(sample_document(), memo_template())


@pytest.fixture(scope="module")
def document(data: bytes) -> DocxDocument:
    return open_docx(data)


@pytest.fixture(scope="module")
def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def style_of(obj: Any) -> str:
    """The UI name of a paragraph's or table's style (python-docx types it optional)."""
    assert obj.style is not None
    return str(obj.style.name)


def paragraph_by_text(document: DocxDocument, text: str) -> Any:
    matches = [p for p in document.paragraphs if p.text == text]
    assert len(matches) == 1, f"{text!r} found {len(matches)} times"
    return matches[0]


def num_pr(paragraph: Any) -> tuple[int, int]:
    """(numId, ilvl) written on the paragraph itself."""
    numpr = paragraph._p.find(f"{W}pPr/{W}numPr")
    assert numpr is not None, f"{paragraph.text!r} has no numPr"
    return (
        int(numpr.find(f"{W}numId").get(f"{W}val")),
        int(numpr.find(f"{W}ilvl").get(f"{W}val")),
    )


# --- text and styles -------------------------------------------------------------------


def test_every_body_paragraph_has_its_style_and_text_in_order(document: DocxDocument) -> None:
    actual = [(style_of(p), p.text) for p in document.paragraphs]
    assert actual == EXPECTED_PARAGRAPHS


def test_headings_feed_the_navigation_pane(document: DocxDocument) -> None:
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        outline = style.element.find(f"{W}pPr/{W}outlineLvl")
        assert outline is not None and outline.get(f"{W}val") == str(level - 1)
    headings = [p.text for p in document.paragraphs if style_of(p).startswith("Heading")]
    assert headings == [s.heading for s in walk_sections(sample_document().sections)]


def test_inline_markup_is_direct_formatting_and_literal_text_stays_literal(
    document: DocxDocument,
) -> None:
    paragraph = paragraph_by_text(document, EXPECTED_PARAGRAPHS[7][1])
    runs = {r.text: r for r in paragraph.iter_inner_content() if hasattr(r, "bold")}
    assert runs["Жирный"].bold is True and not runs["Жирный"].italic
    assert runs["курсив"].italic is True and not runs["курсив"].bold
    literal = ". Литерально: a < b & c, <b>не жирный</b>, S&P 500, {{ x }}."
    assert runs[literal].bold is None and runs[literal].italic is None


def test_text_reaches_the_page_unchanged() -> None:
    """Spaces at the edges, tabs and line breaks survive; nothing is added."""
    text = "  leading, a\ttab, a\nbreak and a very-long-token-" + "x" * 120 + "  "
    base = sample_document()
    first = replace(base.sections[0], blocks=(Paragraph((Run(text),)),))
    doc = replace(base, sections=(first, *base.sections[1:]))
    document = open_docx(render(doc, memo_template()))
    assert paragraph_by_text(document, text).text == text


def test_every_style_reference_exists(parts: dict[str, bytes]) -> None:
    styles = {m.decode() for m in re.findall(rb'w:styleId="([^"]+)"', parts["word/styles.xml"])}
    used: set[str] = set()
    for name in ("word/document.xml", "word/header1.xml", "word/footer1.xml"):
        used |= {
            m.decode()
            for m in re.findall(rb'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', parts[name])
        }
    assert used and used <= styles, f"dangling style ids: {sorted(used - styles)}"


# --- lists -----------------------------------------------------------------------------


def test_list_levels_follow_the_nesting(document: DocxDocument) -> None:
    levels = {
        "Транспортные коридоры": 0,
        "Энергетика": 0,
        "Диверсификация маршрутов": 1,
        "Транзит": 1,
        "Третий уровень": 2,
        "Первый": 0,
        "Второй": 0,
        "Снова первый": 0,
    }
    for text, level in levels.items():
        assert num_pr(paragraph_by_text(document, text))[1] == level, text


def _abstract_name(numbering: Any, num_id: int) -> str:
    num = numbering.find(f"{W}num[@{W}numId='{num_id}']")
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    abstract = numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract_id}']")
    return str(abstract.find(f"{W}name").get(f"{W}val"))


def test_each_numbered_list_is_a_new_instance_that_restarts_at_one(
    document: DocxDocument,
) -> None:
    numbering = document.part.numbering_part.element
    first, second = (num_pr(paragraph_by_text(document, t))[0] for t in ("Первый", "Второй"))
    again = num_pr(paragraph_by_text(document, "Снова первый"))[0]
    recommendations = num_pr(paragraph_by_text(document, "Создать рабочую группу."))[0]
    sources = num_pr(paragraph_by_text(document, EXPECTED_PARAGRAPHS[27][1]))[0]
    assert first == second, "items of one list share an instance"
    instances = [first, again, recommendations, sources]
    assert len(set(instances)) == 4, "every numbered list has its own w:num"
    for num_id in instances:
        assert _abstract_name(numbering, num_id) == "Briefing Numbers"
        num = numbering.find(f"{W}num[@{W}numId='{num_id}']")
        override = num.find(f"{W}lvlOverride[@{W}ilvl='0']/{W}startOverride")
        assert override is not None and override.get(f"{W}val") == "1"


def test_bullets_share_the_bullet_definition(document: DocxDocument) -> None:
    numbering = document.part.numbering_part.element
    ids = {num_pr(paragraph_by_text(document, t))[0] for t in ("Энергетика", "Транзит")}
    assert len(ids) == 1
    assert _abstract_name(numbering, ids.pop()) == "Briefing Bullets"
    (abstract,) = numbering.xpath("w:abstractNum[w:name/@w:val='Briefing Numbers']")
    formats = [lvl.find(f"{W}numFmt").get(f"{W}val") for lvl in abstract.iter(f"{W}lvl")]
    assert formats[0] == "decimal" and len(formats) == 3


# --- tables ----------------------------------------------------------------------------


def test_memo_block_is_a_two_column_label_value_table(document: DocxDocument) -> None:
    memo = document.tables[0]
    assert style_of(memo) == "Memo Table"
    rows = [[c.text for c in row.cells] for row in memo.rows]
    assert rows == [[r.label, r.value] for r in sample_document().memo]
    assert {style_of(c.paragraphs[0]) for c in memo.columns[0].cells} == {"Memo Label"}
    assert {style_of(c.paragraphs[0]) for c in memo.columns[1].cells} == {"Memo Value"}


def test_data_table_has_caption_above_repeating_header_and_widths(
    document: DocxDocument,
) -> None:
    table = document.tables[1]
    assert style_of(table) == "Data Table"
    caption = table._tbl.getprevious()
    assert caption is not None and caption.tag == f"{W}p"
    assert "".join(t.text or "" for t in caption.iter(f"{W}t")) == "Таблица 1. Сравнение маршрутов"
    assert found(caption, f"{W}pPr/{W}pStyle").get(f"{W}val") == "Caption"

    header, *body = table.rows
    assert header._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row._tr.find(f"{W}trPr/{W}tblHeader") is None for row in body)
    assert [c.text for c in header.cells] == ["Направление", "Статус", "Бюджет"]
    assert [[c.text for c in row.cells] for row in body] == [
        ["Средний коридор", "Расширяется", "250\u00a0000 ₼"],
        ["TRIPP", "Переговоры", "—"],
    ]
    assert {style_of(c.paragraphs[0]) for c in header.cells} == {"Table Heading"}
    grid = [int(g.get(f"{W}w", "0")) for g in table._tbl.iter(f"{W}gridCol")]
    assert sum(grid) == TEXT_WIDTH
    assert [round(g / TEXT_WIDTH, 2) for g in grid] == [0.5, 0.3, 0.2]
    assert found(table._tbl, f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"


# --- links -----------------------------------------------------------------------------


def test_links_are_real_hyperlinks_to_external_targets(
    document: DocxDocument, parts: dict[str, bytes]
) -> None:
    links = list(document.element.body.iter(f"{W}hyperlink"))
    assert ["".join(t.text for t in h.iter(f"{W}t")) for h in links] == ["ссылка", URL]
    hyperlink_style = document.styles["Hyperlink"].style_id
    for link in links:
        rel = document.part.rels[link.get(qn("r:id"))]
        assert rel.reltype == RT.HYPERLINK
        assert rel.is_external and rel.target_ref == URL
        styles = {r.get(f"{W}val") for r in link.iter(f"{W}rStyle")}
        assert styles == {hyperlink_style}
    rels = parts["word/_rels/document.xml.rels"].decode()
    assert re.search(rf'Target="{re.escape(URL)}" TargetMode="External"', rels)


# --- page furniture --------------------------------------------------------------------


def test_annex_starts_a_new_page_and_prepared_by_comes_before_it(
    document: DocxDocument,
) -> None:
    breaks = [
        p.text for p in document.paragraphs if p._p.find(f"{W}pPr/{W}pageBreakBefore") is not None
    ]
    assert breaks == ["Приложение 1. Хронология"]
    texts = [p.text for p in document.paragraphs]
    closing = document.paragraphs[texts.index(breaks[0]) - 1]
    assert style_of(closing) == "Prepared By"  # the memo's foot, then its annexes


MARKING = ("Classification Marking", "ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ")


def test_marking_top_and_bottom_running_header_from_page_two(document: DocxDocument) -> None:
    """As the PDF: the marking at the top and bottom of every page, the title and date
    over a rule from page 2 on (page 1 has a header of its own, w:titlePg)."""
    section = document.sections[0]
    assert section.different_first_page_header_footer
    doc = sample_document()
    assert [(style_of(p), p.text) for p in section.first_page_header.paragraphs] == [MARKING]
    assert [(style_of(p), p.text) for p in section.header.paragraphs] == [
        MARKING,
        ("Header", f"{doc.title}\t{doc.date}"),
    ]
    for footer in (section.first_page_footer, section.footer):
        assert not footer.is_linked_to_previous
        assert [style_of(p) for p in footer.paragraphs] == ["Footer", "Classification Marking"]
        assert footer.paragraphs[1].text == MARKING[1]


def test_marking_style_has_the_box_and_colour_of_its_level() -> None:
    theme = memo_template().theme
    for level in ("confidential", None):
        doc = replace(sample_document(), classification=level, marking="КАСТОМ")
        style = open_docx(render(doc, memo_template())).styles["Classification Marking"]
        rpr = style.element.find(f"{W}rPr")
        color = theme.marking_color(level).lstrip("#").upper()
        assert found(rpr, f"{W}color").get(f"{W}val") == color
        box = found(rpr, f"{W}bdr")
        assert (box.get(f"{W}val"), box.get(f"{W}color")) == ("single", color)


def test_no_marking_leaves_the_marking_lines_empty() -> None:
    document = open_docx(render(replace(sample_document(), marking=None), memo_template()))
    section = document.sections[0]
    for part in (section.first_page_header, section.header, section.footer):
        markings = [p for p in part.paragraphs if style_of(p) == "Classification Marking"]
        assert [p.text for p in markings] == [""]


def _field_sequence(paragraph: Any) -> list[str]:
    """Text pieces and field instructions of a paragraph, in order."""
    out: list[str] = []
    in_result = False
    for el in paragraph.iter(f"{W}fldChar", f"{W}instrText", f"{W}t"):
        if el.tag == f"{W}fldChar":
            in_result = el.get(f"{W}fldCharType") == "separate"
            out.append(el.get(f"{W}fldCharType"))
        elif el.tag == f"{W}instrText":
            out.append(el.text.strip())
        elif not in_result:
            out.append(el.text)
    return out


def test_footer_has_page_and_numpages_fields_between_localized_pieces(
    document: DocxDocument,
) -> None:
    footer = document.sections[0].footer
    paragraph, _marking = footer.paragraphs
    assert style_of(paragraph) == "Footer"
    assert _field_sequence(paragraph._p) == [
        "PB-2026-041",
        "Страница ",
        "begin",
        "PAGE",
        "separate",
        "end",
        " из ",
        "begin",
        "NUMPAGES",
        "separate",
        "end",
    ]


def test_footer_pieces_follow_the_language_word_order() -> None:
    doc = replace(sample_document(), page_of="Səhifə {page} / {pages}", reference=None)
    footer = open_docx(render(doc, memo_template())).sections[0].footer
    sequence = _field_sequence(footer.paragraphs[0]._p)
    assert [s for s in sequence if s not in ("begin", "separate", "end")] == [
        "Səhifə ",
        "PAGE",
        " / ",
        "NUMPAGES",
    ]


# --- properties, language, package -----------------------------------------------------


def test_core_properties_come_from_the_metadata(document: DocxDocument) -> None:
    props = document.core_properties
    meta = sample_document().metadata
    assert props.title == meta.title
    assert props.subject == meta.subject
    assert props.author == meta.author == props.last_modified_by
    assert props.keywords == "Азербайджан; Средний коридор"
    assert props.language == "ru-RU"
    assert props.created == datetime(2026, 11, 26, tzinfo=UTC)
    assert props.modified == props.created  # no SOURCE_DATE_EPOCH: the brief's date
    assert props.revision == 1
    assert not props.comments and not props.category and props.last_printed is None


def test_modified_is_the_build_time_the_tree_carries() -> None:
    base = sample_document()
    doc = replace(base, metadata=replace(base.metadata, modified="2027-03-04T05:06:07Z"))
    props = open_docx(render(doc, memo_template())).core_properties
    assert props.created == datetime(2026, 11, 26, tzinfo=UTC)
    assert props.modified == datetime(2027, 3, 4, 5, 6, 7, tzinfo=UTC)


def _assert_no_trace_of_python_docx(parts: dict[str, bytes]) -> None:
    for name, blob in parts.items():
        if name.startswith("docProps/"):
            assert b"python-docx" not in blob, name
            assert b"2013-" not in blob, name
    assert "word/stylesWithEffects.xml" not in parts
    for name in ("[Content_Types].xml", "word/_rels/document.xml.rels", "_rels/.rels"):
        assert b"stylesWithEffects" not in parts[name] and b"thumbnail" not in parts[name]
    assert not any(n.endswith(".jpeg") for n in parts)


def test_no_trace_of_python_docx_or_its_2013_template(parts: dict[str, bytes]) -> None:
    _assert_no_trace_of_python_docx(parts)
    assert not any(n.startswith("customXml/") for n in parts)


def _doc_default_lang(document: DocxDocument) -> str:
    lang = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None
    return str(lang.get(f"{W}val"))


def _style_langs(document: DocxDocument) -> dict[str, str | None]:
    """Paragraph and character style name -> the w:lang it names itself."""
    out = {}
    for style in document.styles:
        if style.type is not None and style.type.name in ("PARAGRAPH", "CHARACTER"):
            lang = style.element.find(f"{W}rPr/{W}lang")
            out[str(style.name)] = None if lang is None else lang.get(f"{W}val")
    return out


def test_proofing_language_is_the_output_language(document: DocxDocument) -> None:
    assert _doc_default_lang(document) == "ru-RU"
    langs = _style_langs(document)
    assert {"Normal", "Heading 1", "Body Text", "Hyperlink", "Caption"} <= set(langs)
    assert set(langs.values()) == {"ru-RU"}
    for lang in document.styles.element.iter(f"{W}lang"):
        assert lang.get(f"{W}val") == "ru-RU"
    theme_lang = document.settings.element.find(f"{W}themeFontLang")
    assert theme_lang.get(f"{W}val") == "ru-RU"


def test_proofing_language_follows_the_document() -> None:
    base = sample_document()
    doc: Document = replace(
        base,
        lang="az",
        lang_tag="az-Latn-AZ",
        metadata=replace(base.metadata, language="az-Latn-AZ"),
    )
    document = open_docx(render(doc, memo_template()))
    assert _doc_default_lang(document) == "az-Latn-AZ"
    assert set(_style_langs(document).values()) == {"az-Latn-AZ"}
    assert document.core_properties.language == "az-Latn-AZ"


def test_two_renders_are_byte_identical(data: bytes) -> None:
    assert render(sample_document(), memo_template()) == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_fonts_are_embedded_obfuscated(document: DocxDocument, parts: dict[str, bytes]) -> None:
    table = re.findall(
        rb'<w:(embed\w+) r:id="(rId\d+)" w:fontKey="(\{[0-9A-F-]+\})"/>',
        parts["word/fontTable.xml"],
    )
    assert [t[0] for t in table] == [
        b"embedRegular",
        b"embedBold",
        b"embedItalic",
        b"embedBoldItalic",
    ]
    rels = parts["word/_rels/fontTable.xml.rels"].decode()
    for (kind, rid, key), face in zip(
        table, ("Regular", "Bold", "Italic", "BoldItalic"), strict=True
    ):
        target = re.search(rf'Id="{rid.decode()}" [^>]*Target="([^"]+)"', rels)
        assert target is not None
        blob = parts["word/" + target.group(1)]
        original = (fonts_dir() / f"NotoSans-{face}.ttf").read_bytes()
        assert blob != original, "the first 32 bytes are obfuscated"
        assert obfuscate(blob, key.decode()) == original, kind
    assert b"obfuscatedFont" in parts["[Content_Types].xml"]
    assert document.settings.element.find(f"{W}embedTrueTypeFonts") is not None


# --- table of contents and options ----------------------------------------------------


@pytest.fixture(scope="module")
def with_toc() -> DocxDocument:
    return open_docx(render(sample_document(), memo_template(), RenderOptions(toc=True)))


def test_toc_comes_after_the_memo_block_with_an_entry_per_heading(
    with_toc: DocxDocument,
) -> None:
    paragraphs = [(style_of(p), p.text) for p in with_toc.paragraphs]
    start = paragraphs.index(("TOC Heading", "Содержание"))
    assert paragraphs[:start] == EXPECTED_PARAGRAPHS[:4], "title block, then the contents"
    assert with_toc.tables[0]._tbl.getnext() is with_toc.paragraphs[start]._p  # type: ignore[comparison-overlap]
    doc = sample_document()
    sections = walk_sections(doc.sections)
    pages = heading_pages(doc, memo_template(), RenderOptions(toc=True))
    assert len(pages) == len(sections) and pages == sorted(pages) and pages[0] >= 1
    listed = [(s, page) for s, page in zip(sections, pages, strict=True) if s.level <= 2]
    assert len(listed) < len(sections), "the sample has a level-3 heading, not listed"
    entries = paragraphs[start + 1 : start + 1 + len(listed)]
    assert entries == [(f"toc {s.level}", f"{s.heading}\t{page}") for s, page in listed]
    assert paragraphs[start + 1 + len(listed) :] == EXPECTED_PARAGRAPHS[4:]
    first_heading = with_toc.paragraphs[start + 1 + len(listed)]
    assert first_heading.paragraph_format.page_break_before, "the body starts a new page"


def test_toc_is_one_field_whose_entries_link_to_bookmarked_headings(
    with_toc: DocxDocument,
) -> None:
    entries = [p for p in with_toc.paragraphs if re.fullmatch(r"toc \d", style_of(p))]
    first, last = entries[0]._p, entries[-1]._p
    sequence = _field_sequence(first)
    assert sequence[:3] == ["begin", 'TOC \\o "1-2" \\h \\z \\u', "separate"]
    assert _field_sequence(last)[-1] == "end"
    outer = [c.get(f"{W}fldCharType") for p in entries for c in p._p.findall(f"{W}r/{W}fldChar")]
    assert outer == ["begin", "separate", "end"], "one field spans every entry"
    headings = [p for p in with_toc.paragraphs if style_of(p) in ("Heading 1", "Heading 2")]
    assert len(headings) == len(entries)
    for entry, heading in zip(entries, headings, strict=True):
        (link,) = entry._p.iter(f"{W}hyperlink")
        # The page number: a PAGEREF field to the heading's bookmark, its result filled in.
        instructions = [i.text.strip() for i in link.iter(f"{W}instrText")]
        assert instructions == [f"PAGEREF {link.get(f'{W}anchor')} \\h"]
        assert entry.text.rsplit("\t", 1)[1].isdigit()
        (start,) = heading._p.iter(f"{W}bookmarkStart")
        (end,) = heading._p.iter(f"{W}bookmarkEnd")
        assert link.get(f"{W}anchor") == start.get(f"{W}name")
        assert start.get(f"{W}name", "").startswith("_Toc")
        assert start.get(f"{W}id") == end.get(f"{W}id")
        before = start.getprevious()
        assert before is not None and before.tag == f"{W}pPr" and end.getnext() is None
    ids = [found(h._p, f"{W}bookmarkStart").get(f"{W}id") for h in headings]
    assert len(set(ids)) == len(ids)


def test_toc_is_filled_in_so_word_need_not_update_fields(
    with_toc: DocxDocument, document: DocxDocument
) -> None:
    """Word asks the reader to update fields on opening a file with w:updateFields;
    the contents come with their page numbers, so it is not set."""
    assert with_toc.settings.element.find(f"{W}updateFields") is None
    assert document.settings.element.find(f"{W}updateFields") is None
    assert not list(document.element.body.iter(f"{W}bookmarkStart")), "no TOC, no bookmarks"


def test_toc_styles_come_from_the_reference(with_toc: DocxDocument) -> None:
    names = {s.name for s in with_toc.styles}
    assert {"TOC Heading", "toc 1", "toc 2", "toc 3"} <= names
    heading = with_toc.styles["TOC Heading"]
    assert heading.element.find(f"{W}pPr/{W}outlineLvl") is None, "not in its own outline"
    tab = with_toc.styles["toc 1"].element.find(f"{W}pPr/{W}tabs/{W}tab")
    assert (tab.get(f"{W}val"), tab.get(f"{W}leader")) == ("right", "dot")
    assert int(tab.get(f"{W}pos")) == TEXT_WIDTH


def test_no_embed_fonts_leaves_the_fonts_out() -> None:
    data = render(sample_document(), memo_template(), RenderOptions(embed_fonts=False))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        font_table = z.read("word/fontTable.xml")
        types = z.read("[Content_Types].xml")
    assert not [n for n in names if n.startswith("word/fonts/")]
    assert b"w:embed" not in font_table and b"obfuscatedFont" not in types
    assert b'w:name="Noto Sans"' in font_table, "the font is still named"
    assert open_docx(data).settings.element.find(f"{W}embedTrueTypeFonts") is None


# --- templates -------------------------------------------------------------------------


def test_reference_docx_is_current_and_clean() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_reference_docx.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    reference = docx.Document(str(templates_dir() / "memo" / "reference.docx"))
    section = reference.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)  # A4
    fonts = reference.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert {fonts.get(f"{W}{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Noto Sans"}
    names = {s.name for s in reference.styles}
    for name in [
        *(style for style, _ in EXPECTED_PARAGRAPHS),
        "Memo Label",
        "Memo Value",
        "Memo Table",
        "Data Table",
        "Table Text",
        "Table Heading",
        "Hyperlink",
        "Header",
        "Footer",
        "Classification Marking",
        "List Number 2",
        "List Number 3",
        "TOC Heading",
        "toc 1",
        "toc 2",
        "toc 3",
    ]:
        assert name in names, f"reference.docx lacks the style {name!r}"


def test_a_foreign_reference_docx_still_renders(tmp_path: Path) -> None:
    """A reference without the toolkit's styles and list definitions (python-docx's own,
    which also carries a stylesWithEffects part, a thumbnail and its own properties)."""
    data = render(sample_document(), foreign_template(tmp_path / "plain"))
    document = open_docx(data)
    numbering = document.part.numbering_part.element
    again = num_pr(paragraph_by_text(document, "Снова первый"))[0]
    assert _abstract_name(numbering, again) == "Briefing Numbers"
    assert [p.text for p in document.paragraphs] == [t for _, t in EXPECTED_PARAGRAPHS]
    styles = {s.style_id for s in document.styles}
    for p in document.paragraphs:
        assert p.style is not None and p.style.style_id in styles
    assert set(_style_langs(document).values()) == {"ru-RU"}, "its en-US styles are overridden"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    _assert_no_trace_of_python_docx(parts)
