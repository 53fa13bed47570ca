"""Document trees with footnotes, cross-references and anchors, for the renderers' tests.

Built from a real brief's localized tree (the bundled example, or the large benchmark
brief) by adding ``Run.note`` marks, ``Run.target`` references and anchors with
``dataclasses.replace``: the PDF and DOCX renderers are tested on the tree interface
alone (tree.Run.note, Run.target, the anchors), in every language, whatever syntax the
briefs use for it. One walk (``map_runs``) visits the texts for every builder here.

Two kinds of tree: many plain notes (``add_notes``, ``with_anchors``,
``source_anchor``), to load the page foot; and one note in each place a note can be
(``with_notes``): each note's text starts with a tag ("N1" ...) so a test can find it
on a page and check the order, and each mark follows a visible "[M1]" ..., so a test can
find the page of the mark too.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from briefing import api
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
    walk_sections,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"

NoteMaker = Callable[[Inline], Inline]


# -- the walk, and a tree without notes ---------------------------------------------------


def map_runs(doc: Document, f: NoteMaker, every_text: bool = False) -> Document:
    """``doc`` with ``f`` applied to every inline text of the body, in reading order:
    paragraphs, list items, table captions and cells, figure captions, quotes and
    call-outs; with ``every_text`` also table headers, quote attributions and figure
    credits (which the note builders leave alone)."""

    def section(s: SectionNode) -> SectionNode:
        blocks = _map_blocks(s.blocks, f, every_text)
        return replace(s, blocks=blocks, children=tuple(section(c) for c in s.children))

    return replace(doc, sections=tuple(section(s) for s in doc.sections))


def _map_blocks(
    blocks: tuple[BlockNode, ...], f: NoteMaker, every_text: bool
) -> tuple[BlockNode, ...]:
    out: list[BlockNode] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append(replace(b, runs=f(b.runs)))
        elif isinstance(b, ListBlock):
            out.append(_map_list(b, f, every_text))
        elif isinstance(b, Table):  # the caption first: it is read (and numbered) first
            cap = f(b.caption) if b.caption else b.caption
            columns = tuple(f(c) for c in b.columns) if every_text else b.columns
            rows = tuple(tuple(f(c) for c in row) for row in b.rows)
            out.append(replace(b, columns=columns, rows=rows, caption=cap))
        elif isinstance(b, Figure):
            caption = f(b.caption) if b.caption else b.caption
            credit = f(b.credit) if b.credit and every_text else b.credit
            out.append(replace(b, caption=caption, credit=credit))
        elif isinstance(b, Quote):
            by = f(b.by) if b.by and every_text else b.by
            out.append(replace(b, runs=f(b.runs), by=by))
        elif isinstance(b, Note):
            out.append(replace(b, runs=f(b.runs)))
        else:
            out.append(b)
    return tuple(out)


def _map_list(lb: ListBlock, f: NoteMaker, every_text: bool) -> ListBlock:
    items = tuple(
        replace(
            i,
            runs=f(i.runs),
            children=_map_list(i.children, f, every_text) if i.children is not None else None,
        )
        for i in lb.items
    )
    return replace(lb, items=items)


def plain_runs(runs: Inline) -> Inline:
    """``runs`` without notes, each reference as plain text."""
    return tuple(
        replace(r, target=None) if r.target is not None else r for r in runs if r.note is None
    )


def without_notes(doc: Document) -> Document:
    """``doc`` without its own notes and references (its anchors stay): a brief that
    uses neither, or the ground the tests' own notes are added to."""
    return map_runs(doc, plain_runs, every_text=True)


def example(lang: str, own_notes: bool = False) -> Document:
    """The bundled example in ``lang``; without its own notes and references (they
    would shift the numbers of the notes a test adds) unless ``own_notes``."""
    doc = api.localize(api.load(EXAMPLE), lang).doc
    return doc if own_notes else without_notes(doc)


def tables(doc: Document) -> Iterator[Table]:
    """The tables of ``doc``, in reading order."""
    for s in walk_sections(doc.sections):
        yield from (b for b in s.blocks if isinstance(b, Table))


def _first(doc: Document, kind: type) -> BlockNode | None:
    return next(
        (b for s in walk_sections(doc.sections) for b in s.blocks if isinstance(b, kind)), None
    )


# -- many notes: the page foot under load ---------------------------------------------------

NOTE_WORDS = {
    "en": "Source: the ministry's annual report, table {n}; figures rounded.",
    "az": "Mənbə: nazirliyin illik hesabatı, cədvəl {n}; rəqəmlər yuvarlaqlaşdırılıb.",
    "ru": "Источник: годовой отчёт министерства, таблица {n}; цифры округлены.",
}


def note(lang: str, n: int, repeat: int = 1) -> Run:
    text = " ".join([NOTE_WORDS[lang].format(n=n)] * repeat)
    return Run("", note=(Run(text),))


def add_notes(
    doc: Document, every: int = 1, repeat: Callable[[int], int] = lambda n: 1, limit: int = 10**9
) -> Document:
    """A note after every ``every``-th text (counted in reading order), ``repeat(n)``
    copies of the sentence long, at most ``limit`` of them."""
    count = itertools.count(1)
    made = itertools.count(1)

    def f(runs: Inline) -> Inline:
        if not runs or next(count) % every:
            return runs
        n = next(made)
        if n > limit:
            return runs
        return (*runs, note(doc.lang, n, repeat(n)))

    return map_runs(doc, f)


def with_anchors(doc: Document) -> Document:
    """Every section anchored ``sec-<n>`` and every table ``tab-<n>`` (reading order);
    a paragraph of references to them appended to the first section."""
    counter = itertools.count(1)
    tcounter = itertools.count(1)

    def section(s: SectionNode) -> SectionNode:
        anchored = replace(s, anchor=f"sec-{next(counter)}")
        blocks = tuple(
            replace(b, anchor=f"tab-{next(tcounter)}") if isinstance(b, Table) else b
            for b in s.blocks
        )
        return replace(anchored, blocks=blocks, children=tuple(section(c) for c in s.children))

    sections = tuple(section(s) for s in doc.sections)
    last_sec = next(counter) - 1
    n_tables = next(tcounter) - 1
    refs: list[Run] = [Run("See "), Run("section " + str(last_sec), target=f"sec-{last_sec}")]
    if n_tables:
        refs += [Run(" and "), Run(f"table {n_tables}", target=f"tab-{n_tables}")]
    refs.append(Run("."))
    first = sections[0]
    first = replace(first, blocks=(*first.blocks, Paragraph(tuple(refs))))
    return replace(doc, sections=(first, *sections[1:]))


def source_anchor(doc: Document) -> Document:
    """The first list item of the last section anchored ``src-1``, and a citation to it."""
    *rest, last = doc.sections
    lists = [b for b in last.blocks if isinstance(b, ListBlock)]
    if not lists:
        return doc
    lb = lists[0]
    items = (replace(lb.items[0], anchor="src-1"), *lb.items[1:])
    new_last = replace(
        last, blocks=tuple(replace(b, items=items) if b is lb else b for b in last.blocks)
    )
    first = doc.sections[0]
    cite = Paragraph((Run("As cited "), Run("[1]", target="src-1"), Run(".")))
    first = replace(first, blocks=(*first.blocks, cite))
    return replace(doc, sections=(first, *doc.sections[1:-1], new_last)) if rest else doc


def count_texts(doc: Document) -> int:
    """How many inline texts ``map_runs`` visits in ``doc``."""
    n = 0

    def f(runs: Inline) -> Inline:
        nonlocal n
        n += bool(runs)
        return runs

    map_runs(doc, f)
    return n


# -- one note in each place: each place and each kind of reference once ---------------------

LINK = "https://example.org/source"
# A word in each language, so the notes show the language's letters at the page foot.
WORDS = {"en": "Source", "az": "Mənbə: şəhər", "ru": "Источник: ёжик"}
# Where each note is, in reading order: the tag it starts with says where it is.
PLACES = ("paragraph", "list item", "quote", "caption", "table cell", "call-out")
TABLE, FIGURE, SECTION, SOURCE = "budget-table", "trade-figure", "background", "src-charter"
ANNEX = "timeline"


def tagged_note(lang: str, n: int, where: str, extra: Inline = ()) -> Run:
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


def with_notes(doc: Document) -> Document:
    """``doc`` (without its own notes) with a note in a paragraph, a list item, a quote,
    a table cell, a table caption and a call-out; anchors on a section, the first table,
    the first figure and the first source; references to each from the first paragraph
    and from a note."""
    doc = without_notes(doc)
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
        return (Run(f" [M{n}]"), tagged_note(lang, n, where, extra))

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
