"""The DOCX and the PDF are one document: LibreOffice's layout of the DOCX against ours.

For the bundled example and a brief of another kind (tests/render/parity_brief.py:
free-text marking, no memo block, a title too long for the running header, long
sections and tables), in three languages: both renderings have the same number of
pages give or take one, and every page of each has, above the text, the marking (and
from page 2 the running header: the title, or its start and an ellipsis, and the
date), and below it the document number with "Page X of Y" and the marking again.
The page furniture is read back as a reader sees it: the text pdfplumber finds in the
top and bottom margins of each page.

With ``--toc`` the DOCX contents carry the PDF's page numbers (contents.py); the test
finds on which page of LibreOffice's layout each listed heading is. Every number is
within one page of it, and at most two per document are off: the two layouts keep
headings with what follows and split tables and paragraphs by slightly different
rules (the PDF keeps two lines with a heading, Word's keep-with-next one), so a
heading near a page end can land on the next page in one and not the other. The
twelve DOCX files are converted in one LibreOffice run (a few seconds each).
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pdfplumber
import pytest
import yaml

from briefing import api
from briefing.renderers.options import RenderOptions
from briefing.templates import load_template
from briefing.tree import Document
from tests.render.parity_brief import parity_brief
from tests.render.test_docx_support import EXAMPLE, LANGS, soffice_pdf

BRIEFS = {"example": EXAMPLE}


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def furniture(pdf: Path) -> list[tuple[str, str]]:
    """(text above the text frame, text below it) of every page, whitespace made one
    space; the frame is the memo theme's (page 1's top margin is the smaller)."""
    page = load_template().theme.page
    top = min(page.first_margin_top, page.margin_top) - 2
    bottom = page.margin_bottom - 2
    out = []
    with pdfplumber.open(pdf) as document:
        for p in document.pages:
            head = p.crop((0, 0, p.width, top)).extract_text()
            foot = p.crop((0, p.height - bottom, p.width, p.height)).extract_text()
            out.append((_space(head), _space(foot)))
    return out


def expected_header(doc: Document, header: str, page: int) -> None:
    """The marking, then from page 2 the title (whole, or its start and "…") and date."""
    assert doc.marking
    marking = _space(doc.marking)
    assert header.startswith(marking), (page, header)
    rest = header[len(marking) :].strip()
    if page == 1:
        assert rest == "", (page, header)
        return
    date, whole = _space(doc.date), _space(doc.title)
    assert rest.endswith(date), (page, header)
    title = rest[: -len(date)].strip()
    if title.endswith("…"):
        assert len(title) > 10 and whole.startswith(title[:-1].rstrip()), (page, title)
    else:
        assert title == whole, (page, title)


@pytest.fixture(scope="module")
def renderings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Document, Path, Path]]:
    """ "<brief>.<lang>" -> (tree, our PDF, LibreOffice's PDF of our DOCX)."""
    root = tmp_path_factory.mktemp("parity")
    unseen = root / "unseen.yaml"
    unseen.write_text(yaml.safe_dump(parity_brief(), allow_unicode=True), encoding="utf-8")
    template = load_template()
    made: dict[str, tuple[Document, Path]] = {}
    docx_files = []
    toc = RenderOptions(toc=True)
    for name, path in {**BRIEFS, "unseen": unseen}.items():
        loaded = api.load(path)
        for lang in LANGS:
            doc = api.localize(loaded, lang).doc
            variants = {name: RenderOptions(), f"{name}-toc": toc}
            for variant, options in variants.items():
                key = f"{variant}.{lang}"
                ours = root / f"{key}.pdf"
                ours.write_bytes(api.render(doc, "pdf", template, options))
                docx = root / "docx" / f"{key}.docx"
                docx.parent.mkdir(exist_ok=True)
                docx.write_bytes(api.render(doc, "docx", template, options))
                docx_files.append(docx)
                made[key] = (doc, ours)
    converted = soffice_pdf(docx_files, root / "lo")
    return {docx.stem: (*made[docx.stem], pdf) for docx, pdf in converted.items()}


KEYS = [f"{name}.{lang}" for name in ("example", "unseen", "example-toc") for lang in LANGS]


@pytest.mark.parametrize("key", KEYS)
def test_same_pages_and_furniture_in_both_formats(
    renderings: dict[str, tuple[Document, Path, Path]], key: str
) -> None:
    doc, ours, theirs = renderings[key]
    pdf_pages, docx_pages = furniture(ours), furniture(theirs)
    assert abs(len(pdf_pages) - len(docx_pages)) <= 1, (len(pdf_pages), len(docx_pages))
    for name, pages in (("pdf", pdf_pages), ("docx", docx_pages)):
        for number, (header, footer) in enumerate(pages, start=1):
            expected_header(doc, header, number)
            label = doc.page_label(number, len(pages))
            reference = doc.reference.value if doc.reference else ""
            assert footer == _space(f"{reference} {label} {doc.marking}"), (name, number)


def test_the_unseen_brief_is_unlike_the_example() -> None:
    """What the comparison relies on: a free-text marking in each language, a title the
    running header must shorten, several pages."""
    brief = parity_brief()
    assert isinstance(brief["classification"], dict)
    assert all(len(title) > 100 for title in brief["title"].values())
    assert sum(len(s["sections"]) for s in brief["sections"]) >= 8


def contents_pages(docx_file: Path) -> list[tuple[str, int]]:
    """(heading, page number) of each entry of the DOCX contents, as written."""
    out = []
    for p in docx.Document(str(docx_file)).paragraphs:
        if p.style is not None and p.style.name.startswith("toc "):
            title, _, page = p.text.rpartition("\t")
            out.append((_space(title), int(page)))
    return out


def laid_out_pages(pdf: Path, headings: list[str]) -> list[int]:
    """The page each heading is on (a line of its own), searched in order from the
    page of the one before; the contents page lists them too, as "title ...... N"."""
    with pdfplumber.open(pdf) as document:
        pages = [
            [_space(line) for line in (p.extract_text() or "").splitlines()] for p in document.pages
        ]
    found, at = [], 1
    for heading in headings:
        at = next(n for n in range(at, len(pages) + 1) if heading in pages[n - 1])
        found.append(at)
    return found


OFF_AT_MOST = 2  # entries one page off in one document


@pytest.mark.parametrize("name", ["example", "unseen"])
@pytest.mark.parametrize("lang", LANGS)
def test_contents_page_numbers_are_where_libreoffice_puts_the_headings(
    renderings: dict[str, tuple[Document, Path, Path]], name: str, lang: str
) -> None:
    _, _, theirs = renderings[f"{name}-toc.{lang}"]
    entries = contents_pages(theirs.parent.parent / "docx" / f"{name}-toc.{lang}.docx")
    assert len(entries) > 5
    pages = laid_out_pages(theirs, [title for title, _ in entries])
    for (title, written), actual in zip(entries, pages, strict=True):
        assert abs(written - actual) <= 1, (title, written, actual)
    off = [(t, w, a) for (t, w), a in zip(entries, pages, strict=True) if w != a]
    assert len(off) <= OFF_AT_MOST, off
