"""Inline text: tree Runs become w:r elements; links become real hyperlinks.

Bold and italic are direct run properties (they are the author's inline markup, not
a look). Links are ``w:hyperlink`` elements pointing at an external relationship and
use the template's Hyperlink character style; python-docx has no API for this, so the
elements are written by hand in schema order (rStyle, b, bCs, i, iCs).

A run that is a footnote's mark (``Run.note``) or a cross-reference (``Run.target``)
is written by notes.py or xrefs.py, imported only when a brief has one.
"""

from __future__ import annotations

from itertools import groupby
from weakref import WeakKeyDictionary

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part

from briefing.renderers.docx.context import Context
from briefing.renderers.docx.ooxml import Element, add_text, sub, val
from briefing.tree import Inline, Run


def add_runs(ctx: Context, paragraph: Element, runs: Inline) -> None:
    """Append ``runs`` to ``paragraph``; neighbouring runs with one link share it."""
    link_style = ctx.styles.character("Hyperlink")
    for link, group in groupby(runs, key=lambda run: run.link):
        if link is None:
            for run in group:
                if run.note is None and run.target is None:
                    _add_run(paragraph, run, None)
                else:
                    _add_special(ctx, paragraph, run, in_link=False)
            continue
        rid = link_id(ctx.part if ctx.apparatus.links is None else ctx.apparatus.links, link)
        hyperlink = sub(paragraph, "w:hyperlink", {"r:id": rid, "w:history": "1"})
        for run in group:
            if run.note is None and run.target is None:
                _add_run(hyperlink, run, link_style)
            else:
                _add_special(ctx, hyperlink, run, in_link=True)


def _add_special(ctx: Context, parent: Element, run: Run, *, in_link: bool) -> None:
    """A footnote's mark, or a cross-reference (inside a link: not linked again)."""
    if run.note is not None:
        from briefing.renderers.docx.notes import add_note_mark

        add_note_mark(ctx, parent, run.note)
    else:
        from briefing.renderers.docx.xrefs import add_reference

        add_reference(ctx, parent, run, in_link=in_link)


# The hyperlink relationships of each part, by target. python-docx's relate_to looks
# for an existing relationship by scanning them all and numbers a new one by probing
# rId1, rId2, ...: quadratic, 50 s for 5,000 links. This keeps one id per target.
_LINK_IDS: WeakKeyDictionary[Part, dict[str, str]] = WeakKeyDictionary()


def link_id(part: Part, target: str) -> str:
    """The id of ``part``'s external hyperlink relationship to ``target``, added once."""
    ids = _LINK_IDS.setdefault(part, {})
    rid = ids.get(target)
    if rid is None:
        n = len(ids) + 1
        while f"rIdLink{n}" in part.rels:  # only if the reference document used the name
            n += 1
        rid = ids[target] = f"rIdLink{n}"
        part.rels.add_relationship(RT.HYPERLINK, target, rid, is_external=True)
    return rid


def add_run(parent: Element, run: Run, style_id: str | None = None) -> Element:
    """One ``w:r`` with ``run``'s text, bold and italic, in character style ``style_id``."""
    return _add_run(parent, run, style_id)


def _add_run(parent: Element, run: Run, style_id: str | None) -> Element:
    r = sub(parent, "w:r")
    if style_id is not None or run.bold or run.italic:
        rpr = sub(r, "w:rPr")
        if style_id is not None:
            val(rpr, "w:rStyle", style_id)
        if run.bold:
            sub(rpr, "w:b")
            sub(rpr, "w:bCs")
        if run.italic:
            sub(rpr, "w:i")
            sub(rpr, "w:iCs")
    add_text(r, run.text)
    return r
