"""A document tree with footnotes and cross-references, made from the bundled example.

The renderers' tests build it from the localized example by adding notes, targets and
anchors (``dataclasses.replace``), so they test the rendering of the tree's interface
(tree.Run.note, Run.target, the anchors) on its own, in every language, whatever
syntax the briefs use for it. Each note's text starts with a tag ("N1" ...), so a test
can find it on a page and check the order; each mark follows a visible "[M1]" ...,
so a test can find the page of the mark too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from briefing.tree import (
    BlockNode,
    Document,
    Figure,
    Inline,
    ListBlock,
    Note,
    Paragraph,
    Quote,
    Run,
    SectionNode,
    Table,
)

LINK = "https://example.org/source"
# A word in each language, so the notes show the language's letters at the page foot.
WORDS = {"en": "Source", "az": "Mənbə: şəhər", "ru": "Источник: ёжик"}
# Where each note is, in reading order: the tag it starts with says where it is.
PLACES = ("paragraph", "list item", "quote", "caption", "table cell", "call-out")
TABLE, FIGURE, SECTION, SOURCE = "budget-table", "trade-figure", "background", "src-charter"
ANNEX = "timeline"


def note(lang: str, n: int, where: str, extra: Inline = ()) -> Run:
    """The mark of note ``n``: bold, italic and a link in it, and any ``extra`` runs."""
    word = WORDS.get(lang, WORDS["en"])
    runs = (
        Run(f"N{n} {word} ({where}), "),
        Run("bold", bold=True),
        Run(" and "),
        Run("italic", italic=True),
        Run(", "),
        Run("a link", link=LINK),
        *extra,
        Run("."),
    )
    return Run("", note=runs)


def number(label: str) -> str:
    return str(re.findall(r"\d+", label)[-1])


def annex_label(doc: Document) -> str:
    """ "Annex 1", "Приложение 1": what ``[+@id]`` prints for the first annex."""
    annex = next(s for s in doc.sections if s.kind == "annex")
    return re.split(r"[:.]", annex.heading)[0]


def plain_runs(runs: Inline) -> Inline:
    """``runs`` without notes, each reference as plain text."""
    return tuple(
        Run(r.text, r.bold, r.italic, r.link) if r.target is not None else r
        for r in runs
        if r.note is None
    )


def _plain_block(b: BlockNode) -> BlockNode:
    if isinstance(b, Paragraph | Note):
        return replace(b, runs=plain_runs(b.runs))
    if isinstance(b, Quote):
        return replace(b, runs=plain_runs(b.runs), by=b.by and plain_runs(b.by))
    if isinstance(b, ListBlock):
        items = tuple(
            replace(
                i,
                runs=plain_runs(i.runs),
                children=i.children and _plain_list(i.children),
            )
            for i in b.items
        )
        return replace(b, items=items)
    if isinstance(b, Table):
        return replace(
            b,
            columns=tuple(plain_runs(c) for c in b.columns),
            rows=tuple(tuple(plain_runs(c) for c in row) for row in b.rows),
            caption=b.caption and plain_runs(b.caption),
        )
    return replace(
        b, caption=b.caption and plain_runs(b.caption), credit=b.credit and plain_runs(b.credit)
    )


def _plain_list(b: ListBlock) -> ListBlock:
    out = _plain_block(b)
    assert isinstance(out, ListBlock)
    return out


def stripped(doc: Document) -> Document:
    """``doc`` without its own notes and references (its anchors stay): a brief that
    uses neither, or the ground the tests' own notes are added to."""

    def section(s: SectionNode) -> SectionNode:
        blocks = tuple(_plain_block(b) for b in s.blocks)
        return replace(s, blocks=blocks, children=tuple(section(c) for c in s.children))

    return replace(doc, sections=tuple(section(s) for s in doc.sections))


def with_notes(doc: Document) -> Document:
    """``doc`` (without its own notes) with a note in a paragraph, a list item, a quote,
    a table cell, a table caption and a call-out; anchors on a section, the first table,
    the first figure and the first source; references to each from the first paragraph
    and from a note."""
    doc = stripped(doc)
    lang = doc.lang
    table = _first(doc, Table)
    figure = _first(doc, Figure)
    assert isinstance(table, Table) and isinstance(figure, Figure)
    section = next(s for s in doc.sections if s.kind == "background")
    refs: Inline = (
        Run(" (Table "),
        Run(number(table.label), target=TABLE),
        Run(", "),
        Run(figure.label, italic=True, target=FIGURE),
        Run(", "),
        Run(section.heading, target=SECTION),
        Run(", "),
        Run("[1]", target=SOURCE),
        Run(", "),
        Run(annex_label(doc), target=ANNEX),
        Run(")"),
    )
    counter = iter(range(1, 100))

    def mark(where: str, extra: Inline = ()) -> Inline:
        n = next(counter)
        return (Run(f" [M{n}]"), note(lang, n, where, extra))

    done: set[str] = set()

    def blocks(bs: tuple[BlockNode, ...]) -> tuple[BlockNode, ...]:
        out: list[BlockNode] = []
        for b in bs:
            if isinstance(b, Paragraph) and "paragraph" not in done:
                done.add("paragraph")
                in_note = (Run(" See Table "), Run(number(table.label), target=TABLE))
                b = replace(b, runs=(*b.runs, *mark("paragraph", in_note), *refs))
            elif isinstance(b, ListBlock) and "list item" not in done:
                done.add("list item")
                first = b.items[0]
                items = (replace(first, runs=(*first.runs, *mark("list item"))), *b.items[1:])
                b = replace(b, items=items)
            elif isinstance(b, Quote) and "quote" not in done:
                done.add("quote")
                b = replace(b, runs=(*b.runs, *mark("quote")))
            elif isinstance(b, Table) and b is table:
                caption = (*(b.caption or ()), *mark("caption"))  # above the table
                cell = (*b.rows[0][0], *mark("table cell"))
                rows = ((cell, *b.rows[0][1:]), *b.rows[1:])
                b = replace(b, rows=rows, caption=caption, anchor=TABLE)
            elif isinstance(b, Figure) and b is figure:
                b = replace(b, anchor=FIGURE)
            elif isinstance(b, Note) and "call-out" not in done:
                done.add("call-out")
                b = replace(b, runs=(*b.runs, *mark("call-out")))
            out.append(b)
        return tuple(out)

    def section_of(s: SectionNode) -> SectionNode:
        anchor = SECTION if s is section else ANNEX if s.kind == "annex" else s.anchor
        if s.kind == "sources":
            lb = s.blocks[0]
            assert isinstance(lb, ListBlock)
            items = (replace(lb.items[0], anchor=SOURCE), *lb.items[1:])
            return replace(s, blocks=(replace(lb, items=items), *s.blocks[1:]))
        kids = tuple(section_of(c) for c in s.children)
        return replace(s, blocks=blocks(s.blocks), children=kids, anchor=anchor)

    return replace(doc, sections=tuple(section_of(s) for s in doc.sections))


def _first(doc: Document, kind: type) -> BlockNode | None:
    def search(sections: tuple[SectionNode, ...]) -> BlockNode | None:
        for s in sections:
            for b in s.blocks:
                if isinstance(b, kind):
                    return b
            found = search(s.children)
            if found is not None:
                return found
        return None

    return search(doc.sections)
