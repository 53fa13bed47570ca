"""Cross-references: a bookmark at each target, a REF field at each reference.

Word's own cross-references ("Insert > Cross-reference") are a bookmark around what the
reference shows and a ``REF name \\h`` field where it is shown; the ``\\h`` makes the
field a link to the bookmark. The renderer writes the same, and wraps the field in a
``w:hyperlink`` to the bookmark too, so it is a live link in LibreOffice and in a PDF
made from the DOCX. The field's result is the text the tree resolved (``Run.text``), so
it reads right before any field is updated; updating it gives the same text back,
because each bookmark holds exactly what references to it print:

- a section: its heading's text; an annex: the number in its heading ("Annex *2*:
  Timeline"), as for a table;
- a table or a figure: the number in its caption label ("Table *2*"), so "see Table
  2", "см. таблицу 2" and "2 saylı cədvələ bax" all refer to it; text around the
  number in ``Run.text`` (a label in the nominative, "Table 2") stays outside the field;
- a source item: its paragraph, referred to with ``\\n`` (the item's list number, which
  the numbering draws and no text holds); brackets around it ("[3]") stay outside.

Only targets something refers to get a bookmark: a table whose id only names it for a
chart's data, with no reference to it anywhere, is written as before cross-references
existed, byte for byte.

Bookmark names are what Word accepts in its Bookmark dialog: a letter first, then
letters, digits and underscores, at most 40 characters, unique without regard to case:
the anchor, transliterated to ASCII, with ``_2``, ``_3`` ... where two would clash. In
the side-by-side memo each column has its own targets and references, named with the
column's language ("budget_en", "budget_az"), so a reference leads to its own column.
The TOC's bookmarks (``_Toc...``, contents.py) start with an underscore and never clash.
"""

from __future__ import annotations

import re
import unicodedata

from briefing.renderers.docx.context import Context
from briefing.renderers.docx.fields import field_char, instruction
from briefing.renderers.docx.inline import add_run
from briefing.renderers.docx.ooxml import Element, clark, plain_run, sub
from briefing.tree import (
    BlockNode,
    Document,
    Figure,
    ListBlock,
    Run,
    SectionNode,
    Table,
    walk_sections,
)

MAX_NAME = 40  # Word's limit on a bookmark's name
FIRST_ID = 100_000  # bookmark ids above the TOC's (one per heading, from 0)
_NOT_NAME = re.compile(r"[^A-Za-z0-9_]+")
_NUMBER = re.compile(r"\d+")


class Target:
    """What an anchor names: its kind (section, annex, table, figure, source) and, for
    an annex, a table or a figure, the number in its label. (A plain class: a dataclass
    costs a millisecond to define, on every run that meets an id.)"""

    __slots__ = ("kind", "number")

    def __init__(self, kind: str, number: str | None = None) -> None:
        self.kind = kind
        self.number = number


class Xrefs:
    """The targets of the document(s) and the bookmark name of each (column, anchor)."""

    def __init__(self, trees: tuple[Document, ...]) -> None:
        self.targets: dict[str, Target] = {}
        if trees:  # the two documents side by side have the same anchors
            for section in walk_sections(trees[0].sections):
                if section.anchor is not None:
                    self.targets[section.anchor] = _section_target(section)
                self._blocks(section.blocks)
        many = len(trees) > 1
        self.suffixes = tuple(f"_{ascii_name(d.lang)}" if many else "" for d in trees) or ("",)
        self.names: dict[tuple[int, str], str] = {}
        self.taken: set[str] = set()
        self.next_id = FIRST_ID

    def _blocks(self, blocks: tuple[BlockNode, ...]) -> None:
        for block in blocks:
            if isinstance(block, Table | Figure) and block.anchor is not None:
                kind = "table" if isinstance(block, Table) else "figure"
                self.targets[block.anchor] = Target(kind, number_in(block.label))
            elif isinstance(block, ListBlock):
                for item in block.items:
                    if item.anchor is not None:
                        self.targets[item.anchor] = Target("source")
                    if item.children is not None:
                        self._blocks((item.children,))

    def name(self, side: int, anchor: str) -> str:
        """The bookmark of ``anchor`` in column ``side``, named on first use."""
        key = (side, anchor)
        found = self.names.get(key)
        if found is None:
            suffix = self.suffixes[min(side, len(self.suffixes) - 1)]
            found = self.names[key] = self._unique(ascii_name(anchor), suffix)
        return found

    def _unique(self, base: str, suffix: str) -> str:
        n = 1
        while True:
            tail = suffix if n == 1 else f"_{n}{suffix}"
            name = base[: MAX_NAME - len(tail)] + tail
            if name.lower() not in self.taken:
                self.taken.add(name.lower())
                return name
            n += 1


# Letters that decomposing to ASCII would drop: Azerbaijani's, and Russian's (a plain
# transliteration; an anchor in Cyrillic then still reads as itself in Word's dialog).
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_LATIN = (
    "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
)  # fmt: skip
_CAPITALS = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"  # written out: no case mapping of text
_LETTERS = str.maketrans(
    {"ə": "e", "Ə": "E", "ı": "i"}
    | dict(zip(_CYRILLIC, _LATIN, strict=True))
    | {c: t.capitalize() for c, t in zip(_CAPITALS, _LATIN, strict=True)}  # ASCII only
)


def ascii_name(text: str) -> str:
    """``text`` as a bookmark name's letters: ASCII, a letter first, underscores between."""
    flat = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    flat = flat.encode("ascii", "ignore").decode("ascii")
    name = _NOT_NAME.sub("_", flat).strip("_")
    if not name[:1].isalpha():
        name = f"ref_{name}".rstrip("_")
    return name


def number_in(label: str) -> str | None:
    """The number of a "Table 2" label (its last run of digits), if it has one."""
    found = _NUMBER.findall(label)
    return found[-1] if found else None


def _section_target(section: SectionNode) -> Target:
    """An annex is referred to by its number: the first in its heading ("Annex 2:
    Timeline 2026", "Приложение 2. ..."; the catalogs put the number before the title)."""
    if section.kind == "annex":
        found = _NUMBER.search(section.heading)
        if found is not None:
            return Target("annex", found.group())
    return Target("section")


def xrefs_of(ctx: Context) -> Xrefs:
    if ctx.apparatus.xrefs is None:
        ctx.apparatus.xrefs = Xrefs(ctx.apparatus.trees)
    return ctx.apparatus.xrefs


# -- targets --------------------------------------------------------------------------


def mark(ctx: Context, anchor: str, first: Element, last: Element) -> None:
    """A bookmark for ``anchor`` from before ``first`` to after ``last`` (siblings, or
    the same element)."""
    x = xrefs_of(ctx)
    number = str(x.next_id)
    x.next_id += 1
    name = x.name(ctx.apparatus.side, anchor)
    first.addprevious(first.makeelement(clark("w:bookmarkStart"), _attrs(number, name)))
    last.addnext(last.makeelement(clark("w:bookmarkEnd"), {clark("w:id"): number}))


def _attrs(number: str, name: str) -> dict[str, str]:
    return {clark("w:id"): number, clark("w:name"): name}


def mark_runs(ctx: Context, anchor: str | None, paragraph: Element) -> None:
    """A bookmark around every run of ``paragraph`` (a source item), if it is cited."""
    if anchor is None or not ctx.referenced(anchor):
        return
    runs = [child for child in paragraph if child.tag != clark("w:pPr")]
    if not runs:  # an empty item: the bookmark still needs a place
        runs = [plain_run(paragraph, "")]
    mark(ctx, anchor, runs[0], runs[-1])


def add_heading(ctx: Context, paragraph: Element, section: SectionNode) -> None:
    """A heading's text with its section's bookmark: around the whole heading, or
    around an annex's number."""
    target = _section_target(section)
    if section.anchor is None or not ctx.referenced(section.anchor):
        plain_run(paragraph, section.heading)
        return
    if target.number is None:
        run = plain_run(paragraph, section.heading)
        mark(ctx, section.anchor, run, run)
        return
    _add_number(
        ctx,
        paragraph,
        section.heading,
        section.anchor,
        section.heading.find(target.number),
        target.number,
        bold=False,
    )


def add_label(ctx: Context, paragraph: Element, label: str, anchor: str | None) -> None:
    """A caption's bold label ("Table 2"); if referred to, its number bookmarked."""
    if anchor is None or not ctx.referenced(anchor):
        plain_run(paragraph, label, bold=True)
        return
    number = number_in(label)
    if number is None:
        run = plain_run(paragraph, label, bold=True)
        mark(ctx, anchor, run, run)
        return
    _add_number(ctx, paragraph, label, anchor, label.rfind(number), number, bold=True)


def _add_number(
    ctx: Context, paragraph: Element, text: str, anchor: str, at: int, number: str, *, bold: bool
) -> None:
    """``text`` in up to three runs, the ``number`` at ``at`` in it bookmarked."""
    head, tail = text[:at], text[at + len(number) :]
    if head:
        plain_run(paragraph, head, bold=bold)
    run = plain_run(paragraph, number, bold=bold)
    mark(ctx, anchor, run, run)
    if tail:
        plain_run(paragraph, tail, bold=bold)


# -- references -----------------------------------------------------------------------


def add_reference(ctx: Context, parent: Element, run: Run, *, in_link: bool) -> None:
    """``run`` (a cross-reference) as a REF field with its text as the result, linked
    to the target's bookmark unless it already sits in a link."""
    assert run.target is not None
    x = xrefs_of(ctx)
    target = x.targets.get(run.target)
    if target is None:  # the model resolves every reference; print the text regardless
        add_run(parent, Run(run.text, run.bold, run.italic))
        return
    name = x.name(ctx.apparatus.side, run.target)
    where = parent
    if not in_link:
        where = sub(parent, "w:hyperlink", {"w:anchor": name, "w:history": "1"})
    head, shown, tail = split(run.text, target)
    if head:
        add_run(where, Run(head, run.bold, run.italic))
    field_char(where, "begin")
    switch = " \\n" if target.kind == "source" else ""
    instruction(where, f"REF {name}{switch} \\h \\* MERGEFORMAT")
    field_char(where, "separate")
    add_run(where, Run(shown, run.bold, run.italic))
    field_char(where, "end")
    if tail:
        add_run(where, Run(tail, run.bold, run.italic))


def split(text: str, target: Target) -> tuple[str, str, str]:
    """``text`` as (before, the field's result, after): a section's whole text, else
    the target's number in it (the last number, if the target's is not there)."""
    if target.kind == "section":
        return "", text, ""
    number = target.number
    at = text.rfind(number) if number else -1
    if at < 0:
        found = list(_NUMBER.finditer(text))
        if not found:
            return "", text, ""
        at, number = found[-1].start(), found[-1].group()
    assert number is not None
    return text[:at], number, text[at + len(number) :]
