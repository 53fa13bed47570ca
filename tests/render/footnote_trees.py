"""Document trees with footnotes, cross-references and anchors, for the PDF tests.

Built from a real brief's localized tree (the bundled example, or the large benchmark
brief) by adding ``Run.note`` marks, ``Run.target`` references and anchors with
``dataclasses.replace``: the renderer is tested on the tree interface alone, whatever
syntax fills it.
"""

from __future__ import annotations

import itertools
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
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"

NOTE_WORDS = {
    "en": "Source: the ministry's annual report, table {n}; figures rounded.",
    "az": "Mənbə: nazirliyin illik hesabatı, cədvəl {n}; rəqəmlər yuvarlaqlaşdırılıb.",
    "ru": "Источник: годовой отчёт министерства, таблица {n}; цифры округлены.",
}


def example(lang: str, own_notes: bool = False) -> Document:
    """The bundled example in ``lang``; without its own notes and references (they
    would shift the numbers of the notes a test adds) unless ``own_notes``."""
    doc = api.localize(api.load(EXAMPLE), lang).doc
    return doc if own_notes else without_notes(doc)


def note(lang: str, n: int, repeat: int = 1) -> Run:
    text = " ".join([NOTE_WORDS[lang].format(n=n)] * repeat)
    return Run("", note=(Run(text),))


NoteMaker = Callable[[Inline], Inline]


def _map_blocks(blocks: tuple[BlockNode, ...], f: NoteMaker) -> tuple[BlockNode, ...]:
    out: list[BlockNode] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append(replace(b, runs=f(b.runs)))
        elif isinstance(b, ListBlock):
            out.append(_map_list(b, f))
        elif isinstance(b, Table):  # the caption first: it is read (and numbered) first
            cap = f(b.caption) if b.caption else b.caption
            rows = tuple(tuple(f(c) for c in row) for row in b.rows)
            out.append(replace(b, rows=rows, caption=cap))
        elif isinstance(b, Figure):
            out.append(replace(b, caption=f(b.caption)) if b.caption else b)
        elif isinstance(b, (Quote, Note)):
            out.append(replace(b, runs=f(b.runs)))
        else:
            out.append(b)
    return tuple(out)


def _map_list(lb: ListBlock, f: NoteMaker) -> ListBlock:
    items = tuple(
        replace(
            i,
            runs=f(i.runs),
            children=_map_list(i.children, f) if i.children is not None else None,
        )
        for i in lb.items
    )
    return replace(lb, items=items)


def map_runs(doc: Document, f: NoteMaker) -> Document:
    """``doc`` with ``f`` applied to every inline text of the body, in reading order."""

    def section(s: SectionNode) -> SectionNode:
        blocks = _map_blocks(s.blocks, f)
        return replace(s, blocks=blocks, children=tuple(section(c) for c in s.children))

    return replace(doc, sections=tuple(section(s) for s in doc.sections))


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


def tables(doc: Document) -> Iterator[Table]:
    def walk(s: SectionNode) -> Iterator[Table]:
        for b in s.blocks:
            if isinstance(b, Table):
                yield b
        for c in s.children:
            yield from walk(c)

    for s in doc.sections:
        yield from walk(s)


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


def without_notes(doc: Document) -> Document:
    """``doc`` with no footnotes and its cross-references as plain text."""

    def f(runs: Inline) -> Inline:
        return tuple(
            replace(r, target=None) if r.target is not None else r for r in runs if r.note is None
        )

    return map_runs(doc, f)
