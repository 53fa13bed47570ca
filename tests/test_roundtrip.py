"""The bundled example, rendered in every language and format, read back as a reader would.

Every heading, paragraph, list item and table cell appears in order in the output
language; standard headings are the catalog's terms; the date is Babel's long format;
no English word of the toolkit's own leaks into another language.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.dates import format_date

from briefing import api
from briefing.i18n import terms
from briefing.i18n.catalog import translations
from briefing.i18n.dates import format_document_date
from tests.readback import (
    assert_in_order,
    body_texts,
    docx_body,
    pdf_body_pages,
    pdf_pages,
    pdffonts_rows,
    squash,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
LANGS = ("en", "az", "ru")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "render", str(EXAMPLE), "-l", "all", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=out,
    )
    assert proc.returncode == 0, proc.stderr
    written = sorted(Path(line) for line in proc.stdout.splitlines())
    assert written == sorted(
        out / f"{EXAMPLE.stem}.{lang}.{fmt}" for lang in LANGS for fmt in ("pdf", "docx")
    )
    assert proc.stderr == "", "the example is fully translated: no warnings"
    return out


def _doc(lang: str):  # type: ignore[no-untyped-def]
    return api.localize(api.load(EXAMPLE), lang).doc


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_holds_every_text_in_order(rendered: Path, lang: str) -> None:
    doc = _doc(lang)
    pages = pdf_pages(rendered / f"{EXAMPLE.stem}.{lang}.pdf")
    text = "\n".join(pages)
    assert "\x00" not in text, "U+0000 marks a glyph the font lacks"
    assert_in_order(
        body_texts(doc), "\n".join(pdf_body_pages(rendered / f"{EXAMPLE.stem}.{lang}.pdf"))
    )
    for number, page in enumerate(pages, 1):
        assert squash(doc.marking or "") in squash(page), f"no marking on page {number}"
        assert squash(doc.page_label(number, len(pages))) in squash(page)


@pytest.mark.parametrize("lang", LANGS)
def test_docx_holds_every_text_in_order(rendered: Path, lang: str) -> None:
    doc = _doc(lang)
    assert_in_order(body_texts(doc), docx_body(rendered / f"{EXAMPLE.stem}.{lang}.docx"))


@pytest.mark.parametrize("lang", LANGS)
def test_standard_headings_and_date_are_the_catalogs(rendered: Path, lang: str) -> None:
    loaded = api.load(EXAMPLE)
    doc = api.localize(loaded, lang).doc
    tr = translations(lang)
    body = [s for s in doc.sections if s.kind not in ("summary", "recommendations", "sources")]
    for model, section in zip(loaded.brief.sections, body, strict=False):
        if model.title is None:
            assert section.heading == tr.gettext(terms.SECTION_HEADINGS[str(model.kind)])
    for section in doc.sections:
        if section.kind in ("summary", "recommendations", "sources"):
            assert section.heading == tr.gettext(terms.SECTION_HEADINGS[section.kind])
    # the memo template's official dates: CLDR's long form, az with "-cı il"
    assert doc.date == format_document_date(dt.date(2026, 11, 26), lang, "official")
    assert doc.date.startswith(format_date(dt.date(2026, 11, 26), "long", locale=lang)[:6])
    pdf = squash("\n".join(pdf_pages(rendered / f"{EXAMPLE.stem}.{lang}.pdf")))
    docx = squash(docx_body(rendered / f"{EXAMPLE.stem}.{lang}.docx"))
    for section in doc.sections:
        assert squash(section.heading) in pdf and squash(section.heading) in docx
    assert squash(doc.date) in pdf and squash(doc.date) in docx


ENGLISH_WORDS = sorted(
    {
        word
        for term in (*terms.SINGULAR_TERMS, *(w for pair in terms.PLURAL_TERMS for w in pair))
        for word in re.findall(r"[A-Za-z]{2,}", term)
        if word.lower() not in {"n", "title", "page", "pages"}
    }
    | {"Page"}
)


@pytest.mark.parametrize("lang", ["az", "ru"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_no_toolkit_english_leaks(rendered: Path, lang: str, fmt: str) -> None:
    path = rendered / f"{EXAMPLE.stem}.{lang}.{fmt}"
    text = "\n".join(pdf_pages(path)) if fmt == "pdf" else docx_body(path)
    text = re.sub(r"https?://\S+", " ", text)
    leaked = [w for w in ENGLISH_WORDS if re.search(rf"\b{w}\b", text)]
    assert leaked == []


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_fonts_are_all_embedded(rendered: Path, lang: str) -> None:
    rows = pdffonts_rows(rendered / f"{EXAMPLE.stem}.{lang}.pdf")
    assert rows, "a PDF with text lists its fonts"
    for name, emb, sub, _uni in rows:
        assert (emb, sub) == ("yes", "yes"), name
        assert "Noto" in name, name
