"""How the PDF's content flows over pages (issue 13), read back with pdfplumber.

- A bare URL is a link; a long one breaks only after / . ? & = _ or before a hyphen,
  and the text extracted with pdftotext, line breaks removed, is the address.

- A table taller than the room left starts where it is and continues on the next page
  under its repeated header row; its caption stays with the header and first rows.
- No heading, caption or lead-in ("...as follows:") is the last line of a page, and at
  least two lines of what follows sit under it on its page.
- Columns of numbers are right-aligned.

Pages are read as lines of text inside the body frame (the marking, running header and
footer are outside it). Headings sit at many heights of the page: the sweep renders
the same content under a first paragraph one line longer each time.
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from briefing import api
from briefing.renderers.pdf import render
from briefing.renderers.pdf.theme import Theme
from briefing.templates import Template, load_template
from briefing.tree import (
    Document,
    ListBlock,
    ListItem,
    Paragraph,
    SectionNode,
    Table,
    plain,
    walk_sections,
)
from tests.readback import require_tool, squash
from tests.tree_sample import r, sample_document

CASE = Path(__file__).resolve().parents[1] / "cases" / "layout" / "breaks.yaml"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "us-azerbaijan-charter.yaml"
WORDS = (
    "policy", "corridor", "transit", "energy", "partnership", "review", "budget", "agreement",
    "ministry", "analysis", "capacity", "route", "memorandum", "council", "framework",
)  # fmt: skip


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    x1: float
    room: float  # from the line's bottom to the foot of the frame


@pytest.fixture(scope="module")
def template() -> Template:
    return load_template("memo")


def frame_lines(data: bytes, template: Template) -> list[list[Line]]:
    """The text lines inside the body frame of each page, top to bottom."""
    geo = Theme(template).page()
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines = page.extract_text_lines(return_chars=False)
            out.append(
                [
                    Line(ln["text"], ln["top"], ln["x1"], page.height - geo.bottom - ln["bottom"])
                    for ln in lines
                    if geo.first_top - 1 < ln["top"] and ln["bottom"] < page.height - geo.bottom
                ]
            )
    return out


class Keepers:
    """Which lines must not end a page: headings, captions and lead-ins of one document."""

    def __init__(self, doc: Document) -> None:
        self.headings = {squash(s.heading) for s in walk_sections(doc.sections)}
        self.labels = tuple(
            f"{b.label}." for s in walk_sections(doc.sections) for b in s.blocks
            if isinstance(b, Table)
        )  # fmt: skip

    def __call__(self, line: Line) -> bool:
        text = line.text.strip()
        return squash(text) in self.headings or text.startswith(self.labels) or text.endswith(":")


def assert_nothing_left_alone(pages: list[list[Line]], keeper: Keepers) -> int:
    """No page ends with a keeper; under each run of keepers, two lines on its page.
    Returns how many keepers were checked (so a test can tell it checked some)."""
    checked = 0
    for number, lines in enumerate(pages[:-1], 1):
        flags = [keeper(line) for line in lines]
        checked += sum(flags)
        if lines:
            assert not flags[-1], f"page {number} ends with {lines[-1].text!r}"
        for k, flag in enumerate(flags):
            if flag and (k + 1 == len(flags) or not flags[k + 1]):
                after = len(flags) - k - 1
                assert after >= 2, f"page {number}: {lines[k].text!r} has {after} line under it"
    return checked


# -- headings at every height: the sweep ----------------------------------------------


def _text(n: int, seed: int = 0) -> str:
    return " ".join(WORDS[(seed + i * 7) % len(WORDS)] for i in range(n)) + "."


def _table(k: int, rows: int) -> Table:
    body = tuple(
        (r(f"Row {i} " + _text(6, i)), r("Desk"), r(f"AZN {i},000")) for i in range(1, rows + 1)
    )
    return Table((r("Item"), r("Owner"), r("Budget")), body, f"Table {k}", r(f"Caption {k}"))


def swept(shift: int) -> Document:
    """Six rounds of heading, lead-in, list, paragraph, subheadings, a table, after a
    first paragraph of ``shift`` lines: each shift moves everything down one line."""
    sections = [SectionNode("Heading start", 1, None, (Paragraph(r(_text(14 * shift + 3))),))]
    for k in range(1, 7):
        steps = tuple(ListItem(r(_text(5 + 9 * (j % 2), j))) for j in range(4))
        last = (Paragraph(r(_text(30))), _table(k, 3 + k))  # the memo ends with a table
        deepest = SectionNode(f"Heading {k}c", 3, None, last if k == 6 else last[::-1])
        middle = SectionNode(
            f"Heading {k}b", 2, None, (Paragraph(r(_text(40, k))),), children=(deepest,)
        )
        blocks = (
            Paragraph(r("The desk proposes the following steps:")),
            ListBlock(False, steps),
            Paragraph(r(_text(60, k))),
        )
        sections.append(SectionNode(f"Heading {k}a", 1, None, blocks, children=(middle,)))
    return replace(sample_document("en"), sections=tuple(sections), closing=None)


@pytest.fixture(scope="module", params=range(0, 20, 2))
def sweep(request: Any, template: Template) -> tuple[Document, list[list[Line]]]:
    doc = swept(request.param)
    return doc, frame_lines(render(doc, template), template)


def test_no_heading_caption_or_lead_in_ends_a_page(
    sweep: tuple[Document, list[list[Line]]],
) -> None:
    doc, pages = sweep
    assert len(pages) >= 5
    assert assert_nothing_left_alone(pages, Keepers(doc)) >= 20
    assert_no_holes(doc, pages)
    # "Prepared by" closes the memo under the last rows of its table, never alone
    closing = pages[-1][-1]
    assert closing.text.startswith("Исполнитель") and pages[-1][-2].text.startswith("Row ")


def test_tables_start_where_they_are_under_caption_and_header(
    sweep: tuple[Document, list[list[Line]]],
) -> None:
    """A caption has the header and two rows under it; a page that goes on with a
    table's rows has the header row above them."""
    _, pages = sweep
    for number, lines in enumerate(pages, 1):
        for k, line in enumerate(lines):
            if re.fullmatch(r"Table \d\. Caption \d", line.text):
                following = [ln.text for ln in lines[k + 1 : k + 4]]
                assert following[0] == "Item Owner Budget", (number, following)
                assert all(t.startswith("Row ") for t in following[1:3]), (number, following)
        rows = [k for k, line in enumerate(lines) if line.text.startswith("Row ")]
        if rows and not any(line.text.startswith("Table ") for line in lines[: rows[0]]):
            assert lines[rows[0] - 1].text == "Item Owner Budget", f"page {number}"


# -- the layout case and the example, in three languages ------------------------------


@pytest.fixture(scope="module", params=["en", "az", "ru"])
def case(request: Any, template: Template) -> tuple[Document, list[list[Line]]]:
    doc = api.localize(api.load(CASE), request.param).doc
    return doc, frame_lines(render(doc, template), template)


def test_case_leaves_no_heading_or_caption_alone(case: tuple[Document, list[list[Line]]]) -> None:
    doc, pages = case
    assert assert_nothing_left_alone(pages, Keepers(doc)) >= 25
    assert_no_holes(doc, pages)


def test_case_tables_continue_under_their_header(case: tuple[Document, list[list[Line]]]) -> None:
    doc, pages = case
    tables = [b for s in walk_sections(doc.sections) for b in s.blocks if isinstance(b, Table)]
    header = squash(" ".join(plain(c) for c in tables[0].columns))
    row = re.compile(r"\(\d+\)")  # the project rows: "Port of Alat: second ferry berth (3)"
    continued = 0
    for lines in pages:
        first = next((k for k, ln in enumerate(lines) if row.search(ln.text)), None)
        if first is None:
            continue
        above = [squash(ln.text) for ln in lines[:first]]
        assert above and above[-1] == header, [ln.text for ln in lines[: first + 1]]
        if not any(t.startswith(tuple(squash(t.label) for t in tables)) for t in above):
            continued += 1  # a page that begins with the rest of a table
    assert continued >= 2  # the annex's 40 rows, and one more table, break across pages


def test_case_number_columns_are_right_aligned(case: tuple[Document, list[list[Line]]]) -> None:
    doc, pages = case
    tables = [b for s in walk_sections(doc.sections) for b in s.blocks if isinstance(b, Table)]
    assert [t.numeric for t in tables] == [(False, False, True, True)] * 4 + [(False, False, True)]
    ends = {round(ln.x1, 1) for lines in pages for ln in lines if "%" in ln.text}
    assert len(ends) == 1, ends  # every share ends at the same x: the column's right edge


@pytest.mark.parametrize("lang", ["en", "az", "ru"])
def test_example_table_starts_on_the_page_of_its_caption(lang: str, template: Template) -> None:
    """The example's ru PDF moved its table whole to page 4, leaving a quarter of page 3
    blank; now it starts under its caption wherever that is."""
    doc = api.localize(api.load(EXAMPLE), lang).doc
    table = next(b for s in walk_sections(doc.sections) for b in s.blocks if isinstance(b, Table))
    first_row = squash(plain(table.rows[0][0]))[:20]
    pages = frame_lines(render(doc, template), template)
    label = f"{table.label}."
    caption = next(n for n, lines in enumerate(pages) for ln in lines if ln.text.startswith(label))
    assert first_row in squash("".join(ln.text for ln in pages[caption]))
    assert assert_nothing_left_alone(pages, Keepers(doc)) >= 10
    assert_no_holes(doc, pages)


def assert_no_holes(doc: Document, pages: list[list[Line]], most: float = 150) -> None:
    """No page but the last and those before a page break ends more than ``most``
    points above the foot of its frame (a table moved whole left 216 pt)."""
    breaks = {squash(s.heading) for s in walk_sections(doc.sections) if s.page_break_before}
    for number, (lines, after) in enumerate(pairwise(pages), 1):
        if after and squash(after[0].text) in breaks:
            continue
        assert lines[-1].room < most, f"page {number} ends {lines[-1].room:.0f} pt early"


@pytest.mark.parametrize("words", [8, 20, 30, 45, 60, 90])
def test_a_paragraph_leaves_no_single_line_on_either_page(words: int, template: Template) -> None:
    """Widows and orphans: a split leaves at least two lines on each side, or none."""
    from briefing.renderers.pdf.kit import kit

    texts = kit(template).texts
    block = texts.block(r(_text(words)), "body")
    _, height = block.wrap(300, 10_000)
    n, leading = len(block.lines), block.style.leading
    for fit in range(n + 1):
        parts = block.split(300, fit * leading + 1)
        if len(parts) == 2:
            sizes = [len(p.lines) for p in parts]
            assert sum(sizes) == n and min(sizes) >= 2, (n, fit, sizes)
        else:
            assert parts == [] or fit >= n, (n, fit)
    assert height == n * leading


# -- long addresses -------------------------------------------------------------------

URLS = [
    "https://www.example.gov.az/en/reports/2026/energy-transit/middle-corridor-capacity-"
    "expansion-plan?edition=2027&section=ports_and_rail",
    "https://data.example.org/api/v2/datasets/caspian_freight_volumes_quarterly/export.csv"
    "?from=2024-01-01&to=2026-09-30",
    "https://az.usembassy.gov/strategic-partnership-charter-between-the-united-states-and-"
    "azerbaijan/",
]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_long_urls_are_links_that_extract_whole(lang: str, template: Template) -> None:
    """Bare addresses in text and table cells link to themselves; pdftotext gives each
    back whole once its line breaks are removed (it drops a hyphen that ends a line,
    which is why no line ends with one), and each break is at an allowed place."""
    doc = api.localize(api.load(CASE), lang).doc
    data = render(doc, template)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        targets = {link["uri"] for page in pdf.pages for link in page.hyperlinks}
    assert set(URLS) <= targets
    tool = require_tool("pdftotext")
    text = subprocess.run(
        [tool, "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "\u200b" not in text and "\u00ad" not in text
    joined = text.replace("\n", "")
    assert [joined.count(u) for u in URLS] == [3, 3, 1]  # text, source or table, each
    breaks = 0
    for url in URLS:  # where each occurrence was broken
        pattern = "\n?".join(re.escape(ch) for ch in url)
        for found in re.finditer(pattern, text):
            for k, ch in enumerate(found.group()):
                if ch == "\n":
                    before, after = found.group()[k - 1], found.group()[k + 1]
                    assert before in "/.?&=_" or after == "-", (url, before, after)
                    breaks += 1
    assert breaks >= 8
