"""Footnotes at the foot of the page of their mark, and internal links (cross-references).

ReportLab has no footnotes. They are made from two pieces:

- While the story is built, each ``Run.note`` becomes a mark: a piece of superscript
  digits ("²", U+00B2; Unicode's superior figures, which the fonts draw as designed
  superscripts) that links to the note, and the note itself a TextBlock in the theme's
  ``footnote`` style, numbered 1, 2, 3... in the order the story is built, which is the
  reading order. A superscript character rather than a raised small "2": text copied
  out of the PDF, and what a screen reader says, then keeps the mark apart from the
  word or number it follows ("in 2023²", not "in 20232").
- notefoot.NoteFrame replaces the page's frame (only in a document that has notes, so a
  brief without any is laid out and written exactly as before): it places a flowable
  only where its marks' notes fit at the same page's foot, and the page's end draws
  them there (notefoot.PageFoot), a long note continuing on the next page.

Links: a mark links to its note, the note's number back to its mark, a cross-reference
(``Run.target``) to the named destination of its section heading, table caption,
figure or source item, bound when that is drawn. The pieces carry these as links whose
address starts with "#" (no address a brief may hold does: those are checked as http,
https or mailto); links.link hands them to :meth:`Footnotes.link`.

Tagged: the mark is a Link inside its paragraph, followed there by the Note (ID
``fn-<n>``) that holds the note's number (a Link back) and text. Two languages side by
side (bilingual.py) have a :class:`Side` each, with its own numbering, destinations,
IDs and column of notes at the page's foot.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from briefing import tree
from briefing.renderers.pdf.inline import ACTIVE, segments
from briefing.renderers.pdf.kit import Kit
from briefing.renderers.pdf.links import note_link
from briefing.renderers.pdf.notefoot import Key, PageFoot
from briefing.renderers.pdf.styles import StyledFace
from briefing.renderers.pdf.tags import Node
from briefing.renderers.pdf.textblock import Bullet, Piece, TextBlock

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
DESCRIPTION_CHARS = 80


class Side:
    """The notes and anchors of one language's text: numbering, names, note blocks."""

    def __init__(self, notes: Footnotes, index: int, prefix: str, x: float, width: float) -> None:
        self.notes = notes
        self.index = index
        self.prefix = prefix
        self.x = x
        self.width = width
        self.blocks: list[TextBlock] = []  # note n is blocks[n - 1]
        self.texts: list[str] = []  # each note's plain text, for its mark's description
        self.anchors: dict[str, tuple[str, str]] = {}  # anchor -> (destination, label)
        self.targeted: set[str] = set()  # anchors some cross-reference links to

    @contextmanager
    def active(self) -> Iterator[Side]:
        """Build what is made in the ``with`` as this side's text."""
        token = ACTIVE.set(self)
        try:
            yield self
        finally:
            ACTIVE.reset(token)

    def dest(self, kind: str, key: int | str) -> str:
        return f"{kind}{self.prefix}-{key}"

    # -- while the story is built ---------------------------------------------------------

    def pieces(self, run: tree.Run, face: StyledFace, color: Any) -> list[Piece]:
        """The pieces of a note's mark or of a cross-reference (inline.Texts.pieces)."""
        k = self.notes.kit
        link_color = k.texts.link_color
        bold, italic = face.bold or run.bold, face.italic or run.italic
        if run.note is not None:
            if self.notes.building:  # a note inside a note: the tree never has one
                return []
            n = len(self.blocks) + 1
            key = f"#{self.dest('fn', n)}"
            self.notes.marks[key] = (self.index, n)
            self._note(n, run.note)
            text = _mark_text(n, face, k)
            return [
                Piece(f, t, link_color, key) for f, t in self._segments(text, face, bold, italic)
            ]
        anchor = run.target or ""
        self.targeted.add(anchor)
        key = f"#{self.dest('to', anchor)}"
        self.notes.targets[key] = (self.index, anchor)
        return [
            Piece(f, t, link_color, key) for f, t in self._segments(run.text, face, bold, italic)
        ]

    def _segments(
        self, text: str, face: StyledFace, bold: bool, italic: bool
    ) -> list[tuple[str, str]]:
        return segments(text, face.family, bold, italic, self.notes.kit.sheet.fonts.stack)

    def _note(self, n: int, runs: tree.Inline) -> None:
        """The note's block: its number hanging at the left, its text indented."""
        k, style = self.notes.kit, self.notes.style
        number = str(n)
        font = style.fontName
        indent = max(
            stringWidth(number, font, style.fontSize), stringWidth("00", font, style.fontSize)
        )
        indent += style.fontSize * 0.45
        self.notes.building = True
        try:
            pieces = k.texts.pieces(runs, "footnote" if "footnote" in k.sheet.styles else "body")
        finally:
            self.notes.building = False
        hanging = self.notes.hanging(indent)
        block = TextBlock(
            pieces, hanging, Bullet(number, font, style.fontSize, k.texts.link_color, 0.0)
        )
        block.node = Node("Note", ID=f"fn{self.prefix}-{n}")
        block.label = block.node.add("Link")
        self.blocks.append(block)
        self.texts.append(tree.plain(runs))

    def anchor(self, block: Any, anchor: str | None, label: str) -> None:
        """Where cross-references to ``anchor`` go: the top of ``block`` (a heading,
        caption or source item's TextBlock, or a figure's picture), bound when drawn,
        and only if something links to it (else the file is as without the anchor)."""
        if anchor is None:
            return
        name = self.dest("to", anchor)
        self.anchors[anchor] = (name, label)
        targeted = self.targeted

        if isinstance(block, TextBlock):
            before = block.on_draw

            def bind(canv: Any, drawn: TextBlock) -> None:
                if before is not None:
                    before(canv, drawn)
                if anchor in targeted:
                    canv.bookmarkHorizontal(name, 0, drawn.height)

            block.on_draw = bind
            return
        draw = block.draw

        def draw_and_bind() -> None:
            if anchor in targeted:
                block.canv.bookmarkHorizontal(name, 0, block.height)
            draw()

        block.draw = draw_and_bind


def anchor(block: Any, anchor_id: str | None, label: str) -> None:
    """:meth:`Side.anchor` for the side being built, if any."""
    side = ACTIVE.get()
    if anchor_id is not None and isinstance(side, Side):
        side.anchor(block, anchor_id, label)


def _mark_text(n: int, face: StyledFace, k: Kit) -> str:
    """The mark's superscript digits; "[n]" where no font of the stack has them."""
    text = str(n).translate(_SUPERSCRIPT)
    stack = (face.family, *k.sheet.fonts.stack)
    if all(any(ch in f.chars for f in stack) for ch in text):
        return text
    return f"[{n}]"


class Footnotes(PageFoot):
    """The notes and internal links of one document, and the notes of the current page."""

    def __init__(self, kit: Kit) -> None:
        name = "footnote" if "footnote" in kit.sheet.styles else "body"
        super().__init__(kit, kit.sheet[name])
        self.kit = kit
        self.style = kit.sheet[name]
        self.sides: list[Side] = []
        self.marks: dict[str, tuple[int, int]] = {}  # link key -> (side, number)
        self.targets: dict[str, tuple[int, str]] = {}  # link key -> (side, anchor)
        self.placed: set[tuple[int, int]] = set()
        self.bound: set[str] = set()  # marks drawn (their back destinations bound)
        self.forced: set[tuple[int, int]] = set()  # notes that continue: no page held them
        self.building = False
        self._hanging: dict[float, Any] = {}

    def side(self, prefix: str, x: float, width: float) -> Side:
        s = Side(self, len(self.sides), prefix, x, width)
        self.sides.append(s)
        self.items.append([])
        self.used.append(0.0)
        return s

    def hanging(self, indent: float) -> Any:
        style = self._hanging.get(indent)
        if style is None:
            style = self._hanging[indent] = self.style.clone(
                f"footnote@{indent:.2f}", leftIndent=indent, firstLineIndent=0,
                spaceBefore=0, spaceAfter=0, keepWithNext=0,
            )  # fmt: skip
        return style

    @property
    def has_notes(self) -> bool:
        return bool(self.marks)

    @property
    def has_links(self) -> bool:
        return bool(self.marks or self.targets)

    # -- what a flowable brings -----------------------------------------------------------

    def new_marks(self, flowables: list[Any]) -> list[Key]:
        """The notes marked in ``flowables`` (what of them would be drawn) and not placed."""
        placed = self.placed
        out: list[Key] = []
        for f in flowables:
            for key in self._marks_in(f):
                if key not in placed and key not in out:
                    out.append(key)
        return out

    def _marks_in(self, f: Any) -> tuple[Key, ...]:
        """The notes marked in ``f``, kept on it: a flowable's content does not change
        (a split makes new ones), and the frame asks for every flowable it places."""
        found: tuple[Key, ...] | None = f.__dict__.get("_note_marks")
        if found is not None:
            return found
        marks = self.marks
        if isinstance(f, TextBlock):
            pieces = f.pieces
            if f._only is not None:
                used = sorted({i for line in f.lines for i, _, _ in line.runs})
                pieces = tuple(pieces[i] for i in used)
            keys = [marks.get(p.link) for p in pieces if p.link is not None]
            found = tuple(k for k in keys if k is not None)
        else:
            kids = getattr(f, "_content", None) or getattr(f, "blocks", None)
            if kids is None and hasattr(f, "sides"):
                kids = [g for side in f.sides for g in side]
            if kids is None and hasattr(f, "_cellvalues"):
                kids = [c for row in f._cellvalues for cell in row for c in _cell(cell)]
            found = tuple(k for kid in kids or () for k in self._marks_in(kid))
        f._note_marks = found
        return found

    # -- links (links.link) ---------------------------------------------------------------

    def link(
        self, canv: Any, url: str, rect: tuple[float, float, float, float], node: Node | None
    ) -> None:
        """The annotation of a piece whose link starts with "#": a mark or a reference."""
        mark = self.marks.get(url)
        if mark is not None:
            s, n = mark
            side = self.sides[s]
            text = side.texts[n - 1]
            what = (
                f"{n}: {text}"
                if len(text) < DESCRIPTION_CHARS
                else f"{n}: {text[: DESCRIPTION_CHARS - 1]}…"
            )
            note_link(canv, side.dest("fn", n), rect, node, what)
            if url not in self.bound:  # the first draw of the mark: the place to come back to
                self.bound.add(url)
                canv.bookmarkHorizontal(side.dest("fnref", n), rect[0], rect[3])
                self._attach(canv, side.blocks[n - 1].node, node)
            return
        target = self.targets.get(url)
        if target is not None:
            found = self.sides[target[0]].anchors.get(target[1])
            if found is not None:
                note_link(canv, found[0], rect, node, found[1])

    @staticmethod
    def _attach(canv: Any, note: Node | None, link: Node | None) -> None:
        """Put the Note element right after its mark's Link (or at the end of the
        document if the mark was drawn untagged), once."""
        tagger = getattr(canv, "tagger", None)
        if tagger is None or note is None:
            return
        parent = getattr(link, "parent", None)
        if link is None or parent is None:
            tagger.root.kids.append(note)
            return
        parent.kids.insert(parent.kids.index(link) + 1, note)


def _cell(cell: Any) -> list[Any]:
    if isinstance(cell, (list, tuple)):
        return list(cell)
    return [cell] if isinstance(cell, Flowable) else []
