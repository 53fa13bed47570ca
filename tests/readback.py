"""Read outputs back the way a reader sees them, and list what the tree says they hold.

Shared by the round-trip tests: texts are compared in order, with whitespace removed,
because a PDF line break may fall inside a long token and DOCX splits text into runs.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from briefing.tree import (
    Document,
    Figure,
    ListBlock,
    Note,
    Paragraph,
    Quote,
    SectionNode,
    Table,
    plain,
)

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    return _SPACE.sub("", text)


def _list_texts(block: ListBlock) -> list[str]:
    out = []
    for item in block.items:
        out.append(plain(item.runs))
        if item.children:
            out += _list_texts(item.children)
    return out


def _block_texts(block: object) -> list[str]:
    if isinstance(block, Paragraph):
        return [plain(block.runs)]
    if isinstance(block, ListBlock):
        return _list_texts(block)
    if isinstance(block, Table):
        out = [block.label]
        if block.caption:
            out.append(plain(block.caption))
        out += [plain(c) for c in block.columns]
        out += [plain(cell) for row in block.rows for cell in row]
        return out
    if isinstance(block, Quote):
        return [plain(block.runs)] + ([plain(block.by)] if block.by else [])
    if isinstance(block, Note):
        return [block.label, plain(block.runs)]
    if isinstance(block, Figure):  # its caption line and credit; the picture has no text
        return [
            t for t in (block.label, plain(block.caption or ()), plain(block.credit or ())) if t
        ]
    raise TypeError(block)


def section_texts(section: SectionNode) -> list[str]:
    out = [section.heading]
    for block in section.blocks:
        out += _block_texts(block)
    for child in section.children:
        out += section_texts(child)
    return out


def body_texts(doc: Document) -> list[str]:
    """Every text of the body in reading order: headings, paragraphs, items, cells."""
    out = [doc.doc_type, doc.title]
    if doc.subtitle:
        out.append(doc.subtitle)
    for row in doc.memo:
        out += [row.label, row.value]
    for part in doc.reading_order():  # "Prepared by" comes before the annexes
        if isinstance(part, SectionNode):
            out += section_texts(part)
        else:
            out += [part.label, part.value]
    return [t for t in out if t.strip()]


def assert_in_order(expected: list[str], actual: str) -> None:
    """Each expected text appears in ``actual`` after the previous one."""
    haystack = squash(actual)
    at = 0
    for text in expected:
        needle = squash(text)
        found = haystack.find(needle, at)
        assert found >= 0, f"missing or out of order: {text!r} (after offset {at})"
        at = found + len(needle)


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(path).pages]


FOOTNOTE_SIZE = 8.0  # pt: the memo template's [styles.footnote] (no body text is this size)
_NO_MARKS = str.maketrans("", "", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def pdf_body_pages(path: Path) -> list[str]:
    """The text inside each page's text frame, without the furniture above and below it
    (marking, running header, footer) and without the footnotes at its foot and their
    marks (set in superscript digits): a paragraph split over two pages then reads on
    whole, as it does for a reader who skips the furniture. pypdf's text order (the
    order drawn) keeps a table cell's lines together."""
    from pypdf import PdfReader

    from briefing.templates import load_template

    page_set = load_template().theme.page
    out = []
    for number, page in enumerate(PdfReader(path).pages, 1):
        height = float(page.mediabox.height)
        top = height - (page_set.first_margin_top if number == 1 else page_set.margin_top)
        bottom = page_set.margin_bottom
        parts: list[str] = []

        def keep(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object = None,
            size: float = 0.0,
            parts: list[str] = parts,
            low: float = bottom - 2,
            high: float = top + 2,
        ) -> None:
            if abs(size * tm[3] * cm[3] - FOOTNOTE_SIZE) < 0.01:
                return  # a footnote at the page's foot
            if low <= tm[5] * cm[3] + cm[5] <= high:  # the baseline, in page space
                parts.append(text.translate(_NO_MARKS))

        page.extract_text(visitor_text=keep)
        out.append("".join(parts))
    return out


def docx_body(path: Path) -> str:
    """Paragraph and table-cell texts of the DOCX body, in document order."""
    from docx import Document as open_docx

    document = open_docx(str(path))
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    lines = []
    for element in document.element.body.iter(f"{ns}p"):
        lines.append("".join(t.text or "" for t in element.iter(f"{ns}t")))
    return "\n".join(lines)


def require_tool(name: str) -> str:
    """The path of a command-line tool; skip (or fail under CI's flag) where it is missing."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("BRIEFING_REQUIRE_TOOLS") == "1":
            pytest.fail(f"{name} is required (BRIEFING_REQUIRE_TOOLS=1) but not installed")
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils qpdf)")
    return path


def pdffonts_rows(path: Path) -> list[tuple[str, str, str, str]]:
    """(name, emb, sub, uni) for every font pdffonts lists."""
    import subprocess

    tool = require_tool("pdffonts")
    out = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for row in out.splitlines()[2:]:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        rows.append((name, emb, sub, uni))
    return rows
