"""Ids and cross-references: what each id names, numbered as the document prints it.

A section, annex, table, figure (image or chart) or source may carry an ``id``; a text
points at it with ``[@id]`` (the number as printed: "2" for Table 2, "[3]" for the third
source, a section's heading) or ``[+@id]`` (the label in the nominative: "Table 2",
"Cədvəl 2", "Таблица 2"). The numbers are known before any language is localized:
tables, figures and annexes are numbered in reading order, the same order localize
walks (summary, sections depth first, recommendations, sources, annexes), so a
reference may point forward. The ids share one namespace, so each names one thing.

The decoder lists every reference it meets with its path and language
(decode.Decoder.references); :func:`problems` checks them here once every id is known,
because a reference may come before the thing it names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from briefing.errors import KeyPath, Problem
from briefing.i18n import terms
from briefing.i18n.language import pick
from briefing.inline import parse_inline
from briefing.model import (
    Annex,
    Block,
    Brief,
    ChartBlock,
    FigureBlock,
    Section,
    TableBlock,
)
from briefing.readers import Source
from briefing.tree import Inline, Run, plain

_LABELS = {"table": terms.TABLE_N, "figure": terms.FIGURE_N, "annex": terms.ANNEX_N}
"""The catalog's nominative label ``[+@id]`` prints, by the kind of what it names."""
KIND_NAMES = {
    "section": "section",
    "annex": "annex",
    "table": "table",
    "figure": "figure",
    "source": "source",
}


class Target(NamedTuple):
    """What an id names: its kind, its number as printed (0 for a section), the path of
    the object that carries the id, and (for a section) the section itself. (A named
    tuple, not a dataclass: this module is imported by every command, and building a
    dataclass costs more than the rest of the module.)"""

    kind: str  # section | annex | table | figure | source
    number: int
    path: KeyPath
    section: Section | None = None


class _Walk:
    """Every id of a brief, in reading order, with the tables and figures counted."""

    def __init__(self) -> None:
        self.targets: dict[str, Target] = {}
        self.duplicates: list[tuple[KeyPath, str]] = []  # (path of the id, the id)
        self.tables = 0
        self.figures = 0

    def add(self, ident: str | None, target: Target, id_path: KeyPath) -> None:
        if ident is None:
            return
        if ident in self.targets:
            self.duplicates.append((id_path, ident))
        else:
            self.targets[ident] = target

    def blocks(self, blocks: list[Block], path: KeyPath) -> None:
        for i, block in enumerate(blocks):
            here = (*path, i)
            if isinstance(block, TableBlock):
                self.tables += 1
                target = Target("table", self.tables, here)
                self.add(block.table.id, target, (*here, "table", "id"))
            elif isinstance(block, FigureBlock | ChartBlock):
                self.figures += 1
                self.add(block.id, Target("figure", self.figures, here), (*here, "id"))

    def section(self, s: Section, path: KeyPath) -> None:
        self.add(s.id, Target("section", 0, path, s), (*path, "id"))
        self.blocks(s.body, (*path, "body"))
        for i, child in enumerate(s.sections):
            self.section(child, (*path, "sections", i))

    def annex(self, a: Annex, n: int, path: KeyPath) -> None:
        self.add(a.id, Target("annex", n, path), (*path, "id"))
        self.blocks(a.body, (*path, "body"))
        for i, child in enumerate(a.sections):
            self.section(child, (*path, "sections", i))


def _walk(brief: Brief) -> _Walk:
    walk = _Walk()
    walk.blocks(brief.summary, ("summary",))
    for i, s in enumerate(brief.sections):
        walk.section(s, ("sections", i))
    for i, ref in enumerate(brief.sources):
        walk.add(ref.id, Target("source", i + 1, ("sources", i)), ("sources", i, "id"))
    for i, a in enumerate(brief.annexes):
        walk.annex(a, i + 1, ("annexes", i))
    return walk


def targets(brief: Brief) -> dict[str, Target]:
    """Each id of ``brief`` and what it names (the first, if an id is used twice)."""
    return _walk(brief).targets


def problems(
    brief: Brief, source: Source, references: list[tuple[KeyPath, str | None, str]]
) -> list[Problem]:
    """A duplicate id, and a reference to an id nothing has, each at its place.

    ``references`` are (path of the text, its language or None, the id), as the
    decoder lists them.
    """
    import difflib

    from briefing.validate import field_path

    walk = _walk(brief)
    out: list[Problem] = []
    for path, ident in walk.duplicates:
        first = walk.targets[ident]
        where = source.position((*first.path, "id") if first.kind != "table" else first.path)
        out.append(
            Problem(
                f"the id {ident!r} is already used by the {KIND_NAMES[first.kind]} at line "
                f"{where.line} of {_name(where.file)}: an id names one thing",
                source.position(path),
                field_path(path),
            )
        )
    for path, lang, ident in references:
        if ident in walk.targets:
            continue
        close = difflib.get_close_matches(ident, list(walk.targets), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        which = f"the {lang} text: " if lang else ""
        out.append(
            Problem(
                f"{which}[@{ident}] refers to no section, annex, table, figure or source: "
                f"none has the id {ident!r}{hint}",
                source.position((*path, lang) if lang else path),
                field_path(path),
            )
        )
    return out


def _name(file: str) -> str:
    from pathlib import Path

    return Path(file).name


class Resolver:
    """Cross-references of one brief resolved in one language (localize's helper)."""

    def __init__(self, brief: Brief, lang: str, gettext: Callable[[str], str]) -> None:
        self.brief = brief
        self.lang = lang
        self.gettext = gettext
        self.targets = targets(brief)
        self.printed: list[str] = []  # each text a reference printed, for the glyph check

    def resolve(self, runs: Inline) -> Inline:
        """``runs`` with each reference's text the number or label it prints."""
        out = []
        for r in runs:
            if r.target is not None:
                out.append(self.reference(r))
            elif r.note is not None:
                out.append(Run("", r.bold, r.italic, note=self.resolve(r.note)))
            else:
                out.append(r)
        return tuple(out)

    def reference(self, r: Run) -> Run:
        """``[@id]``: the number as printed ("2", "[3]", a section's heading);
        ``[+@id]``: the label in the nominative ("Table 2", "Cədvəl 2"). The run links
        to the id, which localize sets as the anchor of what it names."""
        target = self.targets.get(r.target or "")
        if target is None:  # a brief made in code, never validated: print it as written
            return Run(r.text, r.bold, r.italic)
        n = target.number
        if target.kind == "source":
            text = f"[{n}]"
        elif target.kind == "section":
            text = self.heading(target)
        elif r.text.startswith("[+"):
            text = self.gettext(_LABELS[target.kind]).format(n=n)
        else:
            text = str(n)
        self.printed.append(text)
        return Run(text, r.bold, r.italic, target=r.target)

    def heading(self, target: Target) -> str:
        """A section's heading in this language, as the heading itself prints (read
        without recording: the title is one text of the brief, counted once)."""
        s = target.section
        assert s is not None
        if s.title is None:
            return self.gettext(terms.SECTION_HEADINGS[str(s.kind)])
        chosen, _ = pick(s.title, self.lang, self.brief.lang)
        return plain(parse_inline(chosen))
