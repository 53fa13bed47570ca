"""Footnotes and cross-references in the PDF (issue 15), read back as a reader sees them.

The trees come from the bundled example (and the layout sweep of test_pdf_flow), with
notes, references and anchors added through the tree interface (note_trees.py).
Links are read with pypdf (each link annotation's destination page), text and its
position with pdfplumber.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefing import api
from briefing.bilingual import Pair
from briefing.renderers.options import RenderOptions
from briefing.renderers.pdf import render
from briefing.templates import Template, load_template
from briefing.tree import Document, Figure, Note, Paragraph, Quote, Run, SectionNode
from tests.readback import require_tool
from tests.render import note_trees as ft
from tests.render.test_pdf_flow import Keepers, Line, assert_nothing_left_alone, swept

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT, "0123456789")
FOOTNOTE_SIZE = 8.0  # the memo theme's [styles.footnote]


@pytest.fixture(scope="module")
def template() -> Template:
    return load_template("memo")


@dataclass(frozen=True)
class Link:
    page: int  # 1-based, where the annotation is
    dest_page: int  # where its destination is
    dest_top: float  # the destination's height (PDF units, from the bottom)
    contents: str
    rect: tuple[float, float, float, float]


def links(data: bytes) -> list[Link]:
    """Every internal link annotation (one with /Dest), in page order."""
    reader = PdfReader(io.BytesIO(data))
    pages = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages, 1)}  # type: ignore[union-attr]
    out = []
    for n, page in enumerate(reader.pages, 1):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            dest = annot.get("/Dest")
            if dest is None:
                continue
            out.append(
                Link(
                    n,
                    pages[dest[0].idnum],
                    float(dest[3]),
                    str(annot.get("/Contents", "")),
                    tuple(float(v) for v in annot["/Rect"]),  # type: ignore[arg-type]
                )
            )
    return out


def mark_links(data: bytes) -> dict[int, Link]:
    """The link of each note's mark, by number (its /Contents is "n: the note")."""
    out: dict[int, Link] = {}
    for link in links(data):
        m = re.match(r"(\d+): ", link.contents)
        if m:
            assert int(m[1]) not in out, f"two marks for note {m[1]}"
            out[int(m[1])] = link
    return out


def back_links(data: bytes) -> dict[int, Link]:
    """The link of each note's number at the foot, back to its mark."""
    return {int(k.contents): k for k in links(data) if k.contents.isdigit()}


def page_chars(data: bytes) -> list[list[dict[str, Any]]]:
    """The characters of each page, each with its page's height."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [[{**c, "page_height": page.height} for c in page.chars] for page in pdf.pages]


def foot_chars(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The characters of the notes at one page's foot: in the footnote size, in the
    lower part of the page and above the footer (set in the same size)."""
    return [
        c
        for c in chars
        if abs(c["size"] - FOOTNOTE_SIZE) < 0.01
        and c["page_height"] * 0.3 < c["top"]
        and c["bottom"] < c["page_height"] - 70
    ]


def foot_text(chars: list[dict[str, Any]]) -> str:
    return "".join(c["text"] for c in foot_chars(chars))


def noted(lang: str, every: int = 1, repeat: Any = lambda n: 1) -> Document:
    return ft.add_notes(ft.example(lang), every=every, repeat=repeat)


# -- each note on the page of its mark -------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "az", "ru"])
def test_every_note_is_at_the_foot_of_its_marks_page(lang: str, template: Template) -> None:
    doc = noted(lang)  # a note after every text: many, and some near every page's end
    data = render(doc, template)
    marks = mark_links(data)
    count = len([r for r in ft_runs(doc) if r.note is not None])
    assert count > 30 and sorted(marks) == list(range(1, count + 1))
    chars = page_chars(data)
    for n, link in marks.items():
        assert link.dest_page == link.page, f"note {n} is not on the page of its mark"
        foot = foot_text(chars[link.page - 1])
        assert ft.NOTE_WORDS[lang].format(n=n).replace(" ", "") in foot.replace(" ", "")
    pages = [link.page for _, link in sorted(marks.items())]
    assert pages == sorted(pages), "numbered in reading order"


def ft_runs(doc: Document) -> list[Run]:
    out: list[Run] = []

    def f(runs: tuple[Run, ...]) -> tuple[Run, ...]:
        out.extend(runs)
        return runs

    ft.map_runs(doc, f)
    return out


def test_marks_are_superscript_numbers_linked_both_ways(template: Template) -> None:
    data = render(noted("en", every=2), template)
    marks, backs = mark_links(data), back_links(data)
    assert marks and sorted(backs) == sorted(marks)
    chars = page_chars(data)
    for n, link in marks.items():
        x0, y0, x1, y1 = link.rect
        page = chars[link.page - 1]
        height = float(page[0]["page_height"])
        inside = [  # the characters whose middle is inside the link's rectangle
            c["text"]
            for c in page
            if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and abs(height - c["bottom"] - y0) < 2
        ]
        assert "".join(inside) == str(n).translate(str.maketrans("0123456789", SUPERSCRIPT))
        back = backs[n]
        assert back.dest_page == link.page  # the number links back to the mark's page...
        assert abs(back.dest_top - y1) < 1  # ...at the mark's line
        assert back.page == link.page  # and sits on that page's foot


def test_a_long_note_continues_at_the_next_pages_foot(template: Template) -> None:
    # note 3 is 60 sentences: far more than a third of a page
    doc = noted("en", every=3, repeat=lambda n: 60 if n == 3 else 1)
    data = render(doc, template)
    marks = mark_links(data)
    chars = page_chars(data)
    page = marks[3].page
    assert marks[3].dest_page == page
    sentence = ft.NOTE_WORDS["en"].format(n=3).replace(" ", "")
    feet = [foot_text(c).replace(" ", "") for c in chars[page - 1 :]]
    assert sentence in feet[0] and sentence in feet[1]  # here, and on the next page
    total = sum(f.count(sentence) for f in feet)
    assert total >= 57  # all of it, over the feet (a sentence may break between two)
    # nothing is drawn over the notes: the body ends above the rule
    page_chars_ = chars[page - 1]
    foot = foot_chars(page_chars_)
    foot_top = min(c["top"] for c in foot)
    body = [c for c in page_chars_ if c["size"] > FOOTNOTE_SIZE + 0.5 and c["top"] < foot_top + 50]
    body_bottom = max(c["bottom"] for c in body)
    assert body_bottom < foot_top


def test_keep_with_next_holds_when_notes_push_content(template: Template) -> None:
    """The layout sweep of test_pdf_flow with a note in every text: no heading, caption
    or lead-in is left at a page's end; the notes are read apart from the body."""
    checked = 0
    for shift in range(0, 20, 3):
        doc = ft.add_notes(swept(shift), every=1, repeat=lambda n: 1 + (n % 4))
        data = render(doc, template)
        checked += assert_nothing_left_alone(body_lines(data), Keepers(doc))
        marks = mark_links(data)
        assert marks and all(k.dest_page == k.page for k in marks.values())
    assert checked >= 100


def body_lines(data: bytes) -> list[list[Line]]:
    """Lines of the body frame, the notes at the foot left out."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines = page.extract_text_lines(return_chars=True)
            out.append(
                [
                    Line(ln["text"], ln["top"], ln["x1"], 0.0)
                    for ln in lines
                    if 70 < ln["top"] < page.height - 80
                    and any(abs(c["size"] - FOOTNOTE_SIZE) > 0.01 for c in ln["chars"])
                ]
            )
    return out


# -- cross-references --------------------------------------------------------------------


def heading_page(data: bytes, text: str) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            if any(ln["text"].strip() == text for ln in page.extract_text_lines()):
                return n
    raise AssertionError(f"{text!r} is not on any page")


@pytest.mark.parametrize("lang", ["en", "az", "ru"])
def test_references_link_to_the_page_of_their_target(lang: str, template: Template) -> None:
    doc = ft.source_anchor(ft.with_anchors(ft.example(lang)))
    data = render(doc, template)
    by_text = {k.contents: k for k in links(data)}
    sections = [s for s in doc.sections]
    last = sections[-1]
    while last.children:
        last = last.children[-1]
    assert by_text[last.heading].dest_page == heading_page(data, last.heading)
    tables = list(ft.tables(doc))
    table = by_text[tables[-1].label]
    caption_page = heading_page_prefix(data, tables[-1].label)
    assert table.dest_page == caption_page
    source = [k for k in links(data) if k.page == 1 and k.dest_page > 1]
    assert source, "the citation links to its source item"


def heading_page_prefix(data: bytes, prefix: str) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            if any(ln["text"].startswith(prefix + ".") for ln in page.extract_text_lines()):
                return n
    raise AssertionError(prefix)


def test_anchors_without_references_change_nothing(template: Template) -> None:
    """Anchors are only destinations when something links to them: a brief with ids
    but no references (sources always have ids) is the PDF it was without them."""
    doc = ft.example("en")
    anchored = ft.with_anchors(doc)
    first = anchored.sections[0]
    unreferenced = replace(
        anchored, sections=(replace(first, blocks=first.blocks[:-1]), *anchored.sections[1:])
    )
    assert render(unreferenced, template) == render(doc, template)


# -- tags, checks, two languages -----------------------------------------------------------


def test_tagged_notes_pass_qpdf_and_show_in_the_structure(
    tmp_path: Path, template: Template
) -> None:
    qpdf, pdfinfo = require_tool("qpdf"), require_tool("pdfinfo")
    doc = ft.source_anchor(
        ft.with_anchors(noted("ru", every=2, repeat=lambda n: 30 if n == 4 else 1))
    )
    path = tmp_path / "notes.pdf"
    path.write_bytes(render(doc, template))
    check = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    struct = subprocess.run([pdfinfo, "-struct", str(path)], capture_output=True, text=True).stdout
    ids = re.findall(r"Note <(fn-\d+)>", struct)
    count = len(mark_links(path.read_bytes()))
    assert len(ids) == count and len(set(ids)) == count
    # the mark is a Link inside its paragraph, the Note right after it
    assert re.search(r"Link \(inline\)\n\s+Object \d+ 0\n\s+Note <fn-1>", struct)


def test_untagged_notes_render(template: Template) -> None:
    data = render(noted("az", every=2), template, RenderOptions(pdf_tags=False))
    marks = mark_links(data)
    assert marks and all(k.dest_page == k.page for k in marks.values())


def test_bilingual_notes_each_side_numbered_on_its_page(template: Template) -> None:
    loaded = api.load(ft.EXAMPLE)
    pair = api.localize_pair(loaded, "en+az").doc
    pair = Pair(*(ft.without_notes(d) for d in pair.docs))
    a, b = (
        ft.with_anchors(ft.add_notes(d, every=3, repeat=lambda n: 12 if n == 2 else 1))
        for d in pair.docs
    )
    from briefing.renderers.pdf.bilingual import render as render_pair

    data = render_pair(Pair(a, b), template, RenderOptions())
    numbers: Counter[tuple[bool, int]] = Counter()
    for link in links(data):
        m = re.match(r"(\d+): (.)", link.contents)
        if m:
            numbers[m[2] == "S", int(m[1])] += 1  # English notes start "Source"
            assert link.dest_page == link.page
    counts = [len([r for r in ft_runs(d) if r.note is not None]) for d in (a, b)]
    assert min(counts) > 5
    assert sorted(n for en, n in numbers if en) == list(range(1, counts[0] + 1))
    assert sorted(n for en, n in numbers if not en) == list(range(1, counts[1] + 1))
    assert set(numbers.values()) == {1}
    reader = PdfReader(io.BytesIO(data))
    chars = page_chars(data)
    width = float(reader.pages[0].mediabox.width)
    for link in links(data):
        m = re.match(r"(\d+): (.*)", link.contents)
        if m:  # English notes in the left column of notes, Azerbaijani in the right
            left = m[2].startswith("Source")
            foot = foot_chars(chars[link.page - 1])
            side = "".join(c["text"] for c in foot if (c["x0"] < width / 2) == left)
            assert m[2][:20].replace(" ", "") in side.replace(" ", "")
    pdfinfo = require_tool("pdfinfo")
    path = Path(__file__).parent / "_bilingual_notes.pdf"
    try:
        path.write_bytes(data)
        struct = subprocess.run(
            [pdfinfo, "-struct", str(path)], capture_output=True, text=True
        ).stdout
    finally:
        path.unlink()
    ids = re.findall(r"Note <(fn-[^>]+)>", struct)
    assert len(ids) == sum(counts) and len(set(ids)) == len(ids)


def test_a_table_cell_and_caption_note_are_numbered_in_reading_order(template: Template) -> None:
    doc = ft.example("en")
    table = next(ft.tables(doc))
    noted_table = replace(
        table,
        caption=(*(table.caption or ()), ft.note("en", 1)),
        rows=((*table.rows[0][:-1], (*table.rows[0][-1], ft.note("en", 2))), *table.rows[1:]),
    )
    sections = tuple(
        replace(s, blocks=tuple(noted_table if b is table else b for b in s.blocks))
        for s in doc.sections
    )
    doc = replace(doc, sections=sections)
    data = render(doc, template)
    marks = mark_links(data)
    assert sorted(marks) == [1, 2]
    chars = page_chars(data)
    foot = foot_text(chars[marks[1].page - 1]).replace(" ", "")
    assert foot.index("table1;") < foot.index("table2;")


def test_notes_in_quotes_call_outs_and_figure_captions(template: Template) -> None:
    doc = ft.example("ru")
    made = 0

    def noted_block(b: Any) -> Any:
        nonlocal made
        if isinstance(b, (Quote, Note)):
            made += 1
            return replace(b, runs=(*b.runs, ft.note("ru", made)))
        if isinstance(b, Figure) and b.caption:
            made += 1
            return replace(b, caption=(*b.caption, ft.note("ru", made)))
        return b

    def section(s: SectionNode) -> SectionNode:
        blocks = tuple(noted_block(b) for b in s.blocks)
        return replace(s, blocks=blocks, children=tuple(section(c) for c in s.children))

    doc = replace(doc, sections=tuple(section(s) for s in doc.sections))
    assert made >= 3
    data = render(doc, template)
    marks = mark_links(data)
    assert sorted(marks) == list(range(1, made + 1))
    chars = page_chars(data)
    for n, link in marks.items():
        assert link.dest_page == link.page
        assert ft.NOTE_WORDS["ru"].format(n=n).replace(" ", "") in foot_text(
            chars[link.page - 1]
        ).replace(" ", "")


# -- the bundled example, with its own notes and references (brief syntax) -----------------


@pytest.mark.parametrize("lang", ["en", "az", "ru"])
def test_the_examples_notes_and_table_reference(lang: str, template: Template) -> None:
    doc = ft.example(lang, own_notes=True)
    data = render(doc, template)
    marks = mark_links(data)
    assert sorted(marks) == [1, 2]
    chars = page_chars(data)
    for link in marks.values():
        assert link.dest_page == link.page
        start = link.contents.split(": ", 1)[1][:25].replace(" ", "")
        assert start in foot_text(chars[link.page - 1]).replace(" ", "")
    budget = next(t for t in ft.tables(doc) if t.anchor == "budget")
    caption_page = heading_page_prefix(data, budget.label)
    to_table = [k for k in links(data) if k.contents == budget.label]
    assert to_table and all(k.dest_page == caption_page for k in to_table)


# -- notes longer than pages ---------------------------------------------------------------


def _first_section_with(doc: Document, paragraph: Paragraph) -> Document:
    first = doc.sections[0]
    return replace(
        doc, sections=(replace(first, blocks=(paragraph, *first.blocks)), *doc.sections[1:])
    )


def test_a_note_of_many_pages_continues_to_its_end(tmp_path: Path, template: Template) -> None:
    pdftotext = require_tool("pdftotext")
    huge = Run("", note=(Run("word " * 20000),))
    doc = _first_section_with(ft.example("en"), Paragraph((Run("A note of pages."), huge)))
    path = tmp_path / "huge.pdf"
    path.write_bytes(render(doc, template))
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True).stdout
    assert text.split().count("word") == 20000
    assert len(PdfReader(path).pages) > 12  # pages of nothing but the note's rest


def test_each_line_bringing_a_long_note(template: Template) -> None:
    """A paragraph whose every line has a mark whose note is seven lines: the first
    lines of a page bring more notes than the page holds; it splits where they fit."""
    runs = tuple(
        r for _ in range(40) for r in (Run("text " * 12), Run("", note=(Run("long note " * 60),)))
    )
    data = render(_first_section_with(ft.example("en"), Paragraph(runs)), template)
    marks = mark_links(data)
    assert len(marks) == 40 and all(k.dest_page == k.page for k in marks.values())


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lengths=st.lists(st.sampled_from((1, 5, 300)), min_size=3, max_size=10))
@example(lengths=[300, 1, 300, 1, 300])  # an internal error (LayoutError), exit 3
@example(lengths=[1, 1, 300, 300])  # the notes end a little above the last line
def test_long_notes_in_a_row_side_by_side(lengths: list[int]) -> None:
    """Several notes longer than a column's page, a few paragraphs apart: each carried
    one kept a third of the next page for itself, together the whole page, where not
    even the body's next line fit ("Flowable too large", "Splitting error"). Every
    word of every note is printed, in both columns."""
    from briefing.renderers.pdf.bilingual import render as render_pair

    paragraphs = "".join(
        f'  - {{en: "Para {i}^[{f"w{i} " * n}] and^[second {i}]", az: "Abzas {i}^[qeyd {i}]"}}\n'
        for i, n in enumerate(lengths)
    )
    brief = f"lang: en\ntitle: {{en: Bi, az: İki}}\ndate: 2026-11-26\nsummary:\n{paragraphs}"
    pair = api.localize_pair(api.load_text(brief), "en+az").doc
    data = render_pair(pair, load_template("memo"), RenderOptions())
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    words = Counter(text.split())
    for i, n in enumerate(lengths):
        assert words[f"w{i}"] == n
        assert words["qeyd"] == len(lengths)
