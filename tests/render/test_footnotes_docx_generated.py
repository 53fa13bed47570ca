"""Footnotes and cross-references anywhere, with any text: the DOCX stays whole.

Hypothesis puts notes (with bold, italic, links, references and any printable text)
and references into any text of the example's tree, gives ids to its sections,
tables, figures and sources, and renders it alone or side by side. Every time: one
``w:footnote`` per mark, numbered 1, 2, ... in the order of the marks; every REF field
and internal link names a bookmark that exists, once, closed in its paragraph; ids and
names unique; python-docx opens the file. (The validators and LibreOffice check the
fixed trees in test_footnotes_docx.py: they take seconds per file.)
"""

from __future__ import annotations

import io
import itertools
from dataclasses import replace

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import api
from briefing.bilingual import Pair
from briefing.renderers.docx import render
from briefing.renderers.docx.bilingual import render as render_pair
from briefing.templates import load_template
from briefing.tree import BlockNode, Document, Figure, Inline, ListBlock, Run, SectionNode, Table
from tests.render.note_trees import without_notes
from tests.render.test_docx_support import EXAMPLE
from tests.render.test_footnotes_docx import NS, W, bookmarks, fields, parts_of, xml

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"))
ANCHORS = 12  # ids handed out, in reading order, to sections, tables, figures, sources


@st.composite
def runs(draw: st.DrawFn, in_note: bool) -> Inline:
    """A few runs: text, bold, italic, a link, references; a note unless ``in_note``."""
    out: list[Run] = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["text", "bold", "link", "ref", "note"]))
        text = draw(TEXT)
        if kind == "ref":
            out.append(Run(text, italic=draw(st.booleans()), target=f"a{draw(st.integers(0, 15))}"))
        elif kind == "note" and not in_note:
            out.append(Run("", note=draw(runs(True))))
        elif kind == "link":
            out.append(Run(text or "x", link="https://example.org/"))
        else:
            out.append(Run(text, bold=kind == "bold", italic=draw(st.booleans())))
    return tuple(out)


def decorated(doc: Document, extra: dict[int, Inline]) -> Document:
    """``doc`` (without its own notes) with ``extra[n]`` after its n-th text, and ids
    a0, a1, ... on its sections, tables, figures and sources in reading order."""
    texts, ids = itertools.count(), itertools.count()

    def more(inline: Inline) -> Inline:
        return (*inline, *extra.get(next(texts), ()))

    def anchor() -> str | None:
        n = next(ids)
        return f"a{n}" if n < ANCHORS else None

    def block(b: BlockNode) -> BlockNode:
        if isinstance(b, ListBlock):
            items = tuple(
                replace(i, runs=more(i.runs), anchor=anchor() if i.anchor is None else i.anchor)
                for i in b.items
            )
            return replace(b, items=items)
        if isinstance(b, Table):
            rows = tuple(tuple(more(c) for c in row) for row in b.rows)
            return replace(b, rows=rows, caption=more(b.caption or ()), anchor=anchor())
        if isinstance(b, Figure):
            return replace(b, caption=more(b.caption or ()), anchor=anchor())
        return replace(b, runs=more(b.runs))

    def section(s: SectionNode) -> SectionNode:
        mine = anchor()
        blocks = tuple(block(b) for b in s.blocks)
        kids = tuple(section(c) for c in s.children)
        return replace(s, anchor=mine, blocks=blocks, children=kids)

    plain = without_notes(doc)
    return replace(plain, sections=tuple(section(s) for s in plain.sections))


TREES = {lang: api.localize(api.load(EXAMPLE), lang).doc for lang in ("en", "ru")}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.dictionaries(st.integers(0, 80), runs(False), max_size=12), st.booleans())
def test_any_notes_and_references_make_a_whole_docx(
    extra: dict[int, Inline], side_by_side: bool
) -> None:
    template = load_template()
    en = decorated(TREES["en"], extra)
    if side_by_side:
        data = render_pair(Pair(en, decorated(TREES["ru"], extra)), template)
    else:
        data = render(en, template)
    parts = parts_of(data)
    body = xml(parts, "word/document.xml")
    marks = body.findall(".//w:footnoteReference", NS)
    if "word/footnotes.xml" not in parts:
        assert not marks
    else:
        notes = xml(parts, "word/footnotes.xml")
        ids = [n.get(f"{{{W}}}id") for n in notes.findall("w:footnote", NS)]
        assert ids == ["-1", "0", *(str(i) for i in range(1, len(marks) + 1))]
        assert [m.get(f"{{{W}}}id") for m in marks] == ids[2:]
        assert not notes.findall(".//w:footnoteReference", NS)  # no note in a note
    named = bookmarks(body)  # each closed in its paragraph
    starts = body.findall(".//w:bookmarkStart", NS)
    assert len({b.get(f"{{{W}}}id") for b in starts}) == len(starts)
    assert len({n.lower() for n in named}) == len(named)
    roots = [body] + ([xml(parts, "word/footnotes.xml")] if "word/footnotes.xml" in parts else [])
    for root in roots:
        for instruction, _ in fields(root):
            assert instruction.split()[1] in named, instruction
        for link in root.iterfind(".//w:hyperlink[@w:anchor]", NS):
            assert link.get(f"{{{W}}}anchor") in named
    docx.Document(io.BytesIO(data))
