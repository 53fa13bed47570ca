"""Where the characters land, for a brief full of long unbroken tokens (pdfplumber).

tests/cases/pdf/long-tokens.yaml puts 200-character URLs, 148-letter words and
120-digit numbers in paragraphs, lists, a quote, a note and narrow table columns. No
character may cross the text frame or the border of its table cell, tables split across
pages repeat their header row, columns follow ``widths``, and the text is all there, in
order, with nothing added (no hyphen, no zero-width space).

Table cells are found from what the PDF draws: each table fragment starts with its
header row between two navy rules, and each body row ends with a thin grid rule.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from briefing import api
from briefing.renderers.pdf import render
from briefing.renderers.pdf.theme import Theme
from briefing.templates import load_template
from briefing.tree import Table, walk_sections
from tests.readback import assert_in_order, body_texts, squash
from tests.render.test_pdf_tools import assert_valid_pdf

CASE = Path(__file__).resolve().parents[1] / "cases" / "pdf" / "long-tokens.yaml"
TOL = 0.5  # pt


@pytest.fixture(scope="module")
def case() -> tuple[Any, bytes]:
    doc = api.localize(api.load(CASE), "az").doc
    return doc, render(doc, load_template("memo"))


@pytest.fixture(scope="module")
def theme() -> Theme:
    return Theme(load_template("memo"))


@dataclass
class Band:
    top: float
    bottom: float
    header: bool


def _near(a: float, b: float) -> bool:
    return abs(a - b) < 0.05


def _color(value: Any) -> tuple[float, ...]:
    return tuple(round(float(v), 3) for v in value)


def table_bands(page: Any, theme: Theme) -> list[Band]:
    """Header and body rows of every table fragment on ``page``, top to bottom."""
    navy = _color(theme.color("navy").rgb())
    grid = _color(theme.color("table_grid").rgb())
    width = theme.spacing("table_grid", 0.5)
    heads = sorted(
        {round(ln["top"], 2) for ln in page.lines if _near(ln["linewidth"], 2 * width)
         and _color(ln["stroking_color"]) == navy}
    )  # fmt: skip
    rows = sorted(
        {round(ln["top"], 2) for ln in page.lines if _near(ln["linewidth"], width)
         and _color(ln["stroking_color"]) == grid}
    )  # fmt: skip
    assert len(heads) % 2 == 0, heads  # rules above and below each header row
    bands: list[Band] = []
    starts = heads[0::2]
    for k, (top, bottom) in enumerate(zip(heads[0::2], heads[1::2], strict=True)):
        bands.append(Band(top, bottom, header=True))
        end = starts[k + 1] if k + 1 < len(starts) else float("inf")
        edges = [bottom, *(y for y in rows if bottom < y < end)]
        bands += [Band(a, b, header=False) for a, b in pairwise(edges)]
    covered = [y for y in rows if any(b.top <= y <= b.bottom for b in bands)]
    assert covered == rows, "a body row without a header row above it on its page"
    return bands


def columns(t: Table, left: float, width: float) -> list[tuple[float, float]]:
    assert t.widths is not None
    out, x = [], left
    for w in t.widths:
        out.append((x, x + w * width))
        x += w * width
    return out


def test_it_is_a_valid_pdf(case: tuple[Any, bytes], tmp_path: Path) -> None:
    assert_valid_pdf(case[1], tmp_path)


def test_every_text_is_there_in_order_with_nothing_added(case: tuple[Any, bytes]) -> None:
    doc, data = case
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    assert "\x00" not in text and "\u200b" not in text and "\u00ad" not in text
    assert_in_order(body_texts(doc), text)
    # no hyphen added where a token broke: as many as the brief has (the reference
    # GEO-200 is printed in the title block and in every footer)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
        chars = "".join(c["text"] for page in pdf.pages for c in page.chars)
    expected = sum(t.count("-") for t in body_texts(doc)) + pages + 1
    # an official Azerbaijani date ("2026-cı il") has its own, wherever it is printed
    expected += squash(text).count(squash(doc.date)) * doc.date.count("-")
    assert chars.count("-") == expected


def test_no_character_leaves_the_text_column(case: tuple[Any, bytes], theme: Theme) -> None:
    geo = theme.page()
    with pdfplumber.open(io.BytesIO(case[1])) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for c in page.chars:
                assert geo.left - TOL <= c["x0"], (number, c["text"], c["x0"])
                assert c["x1"] <= geo.width - geo.right + TOL, (number, c["text"], c["x1"])
            # and nothing of the body runs into the bands of the header and footer
            body = [c for c in page.chars if geo.top - 8 < c["top"] < geo.height - geo.bottom]
            for c in body:
                assert c["bottom"] <= geo.height - geo.bottom + 3, (number, c["text"])


def test_no_character_crosses_a_cell_border(case: tuple[Any, bytes], theme: Theme) -> None:
    doc, data = case
    geo = theme.page()
    pad = theme.spacing("table_padding", 4)
    tables = {
        squash("".join(r.text for c in t.columns for r in c)): t
        for s in walk_sections(doc.sections)
        for t in s.blocks
        if isinstance(t, Table)
    }
    checked = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            cols: list[tuple[float, float]] = []
            for band in table_bands(page, theme):
                inside = [
                    c for c in page.chars if band.top < (c["top"] + c["bottom"]) / 2 < band.bottom
                ]
                if band.header:
                    t = tables[squash("".join(c["text"] for c in inside))]
                    cols = columns(t, geo.left, geo.frame_width)
                for c in inside:
                    home = [(a, b) for a, b in cols if a - TOL <= c["x0"] < b]
                    assert home, (number, c["text"], c["x0"])
                    a, b = home[0]
                    assert a + pad - TOL <= c["x0"] and c["x1"] <= b - pad + TOL, (
                        number, c["text"], (c["x0"], c["x1"]), (a, b)
                    )  # fmt: skip
                    checked += 1
    assert checked > 5000  # the URLs, words and numbers of both tables


def test_columns_follow_widths(case: tuple[Any, bytes], theme: Theme) -> None:
    """Each header label starts one cell padding right of its column's left edge."""
    doc, data = case
    geo = theme.page()
    pad = theme.spacing("table_padding", 4)
    first = next(t for s in walk_sections(doc.sections) for t in s.blocks if isinstance(t, Table))
    labels = ["".join(r.text for r in c) for c in first.columns]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = next(p for p in pdf.pages if table_bands(p, theme))
        words = page.extract_words()
    for label, (left, _) in zip(labels, columns(first, geo.left, geo.frame_width), strict=True):
        word = next(w for w in words if w["text"] == label)
        assert abs(word["x0"] - (left + pad)) < TOL, (label, word["x0"], left + pad)


def test_long_tables_repeat_their_header_on_every_page(
    case: tuple[Any, bytes], theme: Theme
) -> None:
    with pdfplumber.open(io.BytesIO(case[1])) as pdf:
        pages = [p for p in pdf.pages if table_bands(p, theme)]
        for page in pages:  # table_bands asserts each body row has a header above it
            bands = table_bands(page, theme)
            assert bands[0].header
    assert len(pages) >= 4  # the 24-row table of URLs needs several pages
