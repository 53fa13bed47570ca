"""A real word processor opens the DOCX: LibreOffice lays it out and exports a PDF.

What a reader would check on paper: every heading is there, in order; each page's
footer has the computed "Page X of Y" in the memo's language (PAGE and NUMPAGES are
fields, so only a program that lays out pages can fill them); the classification
marking heads every page; the table of contents (``--toc``) lists the headings before
the body; a user's reference.docx changes the typeface on the page. All files are
converted in one LibreOffice run with its own profile folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing import api
from briefing.renderers.docx import render
from briefing.templates import load_template
from briefing.tree import Document, walk_sections
from tests.readback import pdffonts_rows
from tests.render.test_docx_support import (
    EXAMPLE,
    HOUSE_RESTYLED,
    LANGS,
    cli_render,
    house_template,
    pdf_text_pages,
    soffice_pdf,
)
from tests.tree_sample import sample_document


def example_tree(lang: str) -> Document:
    return api.localize(api.load(EXAMPLE), lang).doc


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """ "<variant>.<lang>" -> the PDF LibreOffice made of that DOCX."""
    root = tmp_path_factory.mktemp("lo")
    sources = root / "docx"
    sources.mkdir()
    for variant, flags in {"plain": (), "toc": ("--toc",)}.items():
        for path in cli_render(root / variant, "-l", "all", *flags):
            lang = path.suffixes[-2].lstrip(".")
            shutil.copy(path, sources / f"{variant}.{lang}.docx")
    house = house_template(root / "house")
    (path,) = cli_render(root / "house-out", "-l", "ru", "-t", str(house.path))
    shutil.copy(path, sources / "house.ru.docx")
    (sources / "sample.ru.docx").write_bytes(render(sample_document(), load_template()))
    converted = soffice_pdf(sorted(sources.iterdir()), root / "pdf")
    return {docx.stem: pdf for docx, pdf in converted.items()}


def _assert_headings_in_order(headings: list[str], text: str) -> int:
    """Each heading appears after the previous one; the offset after the last."""
    at = 0
    for heading in headings:
        found = text.find(heading, at)
        assert found >= 0, f"heading missing or out of order: {heading!r}"
        at = found + len(heading)
    return at


def _assert_page_furniture(doc: Document, pages: list[str]) -> None:
    for number, page in enumerate(pages, 1):
        assert doc.page_label(number, len(pages)) in page, f"footer of page {number}"
        assert doc.marking and doc.marking in page, f"no marking on page {number}"


@pytest.mark.parametrize("lang", LANGS)
def test_example_headings_in_order_and_page_x_of_y(pdfs: dict[str, Path], lang: str) -> None:
    doc = example_tree(lang)
    pages = pdf_text_pages(pdfs[f"plain.{lang}"])
    assert len(pages) >= 3
    _assert_headings_in_order([s.heading for s in walk_sections(doc.sections)], " ".join(pages))
    _assert_page_furniture(doc, pages)
    first = {"en": "Page 1 of", "az": "Səhifə 1 /", "ru": "Страница 1 из"}[lang]
    assert f"{first} {len(pages)}" in pages[0]


@pytest.mark.parametrize("lang", LANGS)
def test_toc_lists_the_headings_before_the_body(pdfs: dict[str, Path], lang: str) -> None:
    doc = example_tree(lang)
    pages = pdf_text_pages(pdfs[f"toc.{lang}"])
    text = " ".join(pages)
    headings = [s.heading for s in walk_sections(doc.sections)]
    listed = [s.heading for s in walk_sections(doc.sections) if s.level <= 2]
    contents = text.find(doc.contents_title)
    assert 0 <= contents < text.find(headings[0])
    after_toc = contents + _assert_headings_in_order(listed, text[contents:])
    _assert_headings_in_order(headings, text[after_toc:])  # and again, all, as the body
    _assert_page_furniture(doc, pages)


def test_sample_annex_starts_a_new_page_and_text_survives(pdfs: dict[str, Path]) -> None:
    doc = sample_document()
    pages = pdf_text_pages(pdfs["sample.ru"])
    _assert_headings_in_order([s.heading for s in walk_sections(doc.sections)], " ".join(pages))
    _assert_page_furniture(doc, pages)
    annex = next(i for i, p in enumerate(pages) if "Приложение 1. Хронология" in p)
    assert "Региональная связанность" not in pages[annex], "the annex starts a new page"
    assert "a < b & c, <b>не жирный</b>, S&P 500, {{ x }}" in " ".join(pages)


def test_house_reference_sets_headings_in_its_own_typeface(pdfs: dict[str, Path]) -> None:
    fonts = {name.split("+")[-1] for name, *_ in pdffonts_rows(pdfs["house.ru"])}
    assert any(f.startswith("NotoSerif") for f in fonts), (HOUSE_RESTYLED, fonts)
    assert any(f.startswith("NotoSans") for f in fonts), "body text keeps the memo's font"
    memo_fonts = {name.split("+")[-1] for name, *_ in pdffonts_rows(pdfs["plain.ru"])}
    assert not any(f.startswith("NotoSerif") for f in memo_fonts)
