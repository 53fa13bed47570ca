"""Footnotes at the foot of the page of their mark, and internal links (cross-references).

ReportLab has no footnotes. They are made here from three pieces:

- While the story is built, each ``Run.note`` becomes a mark: a piece of superscript
  digits ("²", U+00B2; Unicode's superior figures, which the fonts draw as designed
  superscripts) that links to the note, and the note itself a TextBlock in the theme's
  ``footnote`` style, numbered 1, 2, 3... in the order the story is built, which is the
  reading order. A superscript character rather than a raised small "2": text copied
  out of the PDF, and what a screen reader says, then keeps the mark apart from the
  word or number it follows ("in 2023²", not "in 20232").
- :class:`NoteFrame` replaces the page's frame (only in a document that has notes, so
  a brief without any is laid out and written exactly as before). Before a flowable
  is placed it looks for the marks in it not yet placed; it then places the flowable
  only if it fits above the notes those marks bring, whose height it takes from the
  bottom of the frame. When it has to split a flowable, it asks again with less room
  until the part that stays on the page fits with its own notes; for a keep-with-next
  group that part is every member but the last part, so a heading or lead-in is still
  never left alone at a page's end.
- At the page's end (``end_page``) the notes are drawn under a short rule at the foot of
  the frame, bottom-aligned. A note taller than a third of the frame (or any note of a
  mark that is at the top of a page, where moving it would not help) is reserved only
  two lines; it takes what is left on the page at its end and continues at the foot of
  the next page, before that page's own notes. Any other note moves with its mark: the
  line that holds the mark goes to the next page when its note does not fit.

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
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import ActionFlowable, Flowable, Frame, KeepTogether, PageBreak

from briefing import tree
from briefing.renderers.pdf.inline import ACTIVE, segments
from briefing.renderers.pdf.kit import Kit
from briefing.renderers.pdf.links import internal_link
from briefing.renderers.pdf.styles import StyledFace
from briefing.renderers.pdf.tags import Node
from briefing.renderers.pdf.textblock import Bullet, Piece, TextBlock, ascent_descent

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FUZZ = 1e-6
_ROUNDS = 12  # tries to find a split whose part fits with its own notes
LONG_NOTE = 1 / 3  # of the frame: a note taller than this may continue on the next page
RULE_SHARE = 0.3  # of the notes' column: the width of the rule above them
DESCRIPTION_CHARS = 80


@dataclass
class Item:
    """A note (or the rest of one) on the current page's foot."""

    side: int
    number: int
    block: TextBlock
    flex: bool  # may be split at the page's end (long, or continued)


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


class Footnotes:
    """The notes and internal links of one document, and the notes of the current page."""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self.sides: list[Side] = []
        self.marks: dict[str, tuple[int, int]] = {}  # link key -> (side, number)
        self.targets: dict[str, tuple[int, str]] = {}  # link key -> (side, anchor)
        self.placed: set[tuple[int, int]] = set()
        self.bound: set[str] = set()  # marks drawn (their back destinations bound)
        self.forced: set[tuple[int, int]] = set()  # notes that continue: no page held them
        self.building = False
        name = "footnote" if "footnote" in kit.sheet.styles else "body"
        self.style = kit.sheet[name]
        self._hanging: dict[float, Any] = {}
        self.gap = max(float(self.style.spaceAfter), 1.0)
        self.sep = float(self.style.leading)  # the rule and the space around it
        self.long = kit.geo.frame_height * LONG_NOTE
        self.items: list[list[Item]] = []
        self.used: list[float] = []

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

    def new_marks(self, flowables: list[Any]) -> list[tuple[int, int]]:
        """The notes marked in ``flowables`` (what of them would be drawn) and not placed."""
        out: list[tuple[int, int]] = []
        todo = list(reversed(flowables))
        marks, placed = self.marks, self.placed
        while todo:
            f = todo.pop()
            if isinstance(f, TextBlock):
                pieces = f.pieces
                if f._only is not None:
                    used = sorted({i for line in f.lines for i, _, _ in line.runs})
                    pieces = tuple(pieces[i] for i in used)
                for p in pieces:
                    key = marks.get(p.link) if p.link is not None else None
                    if key is not None and key not in placed and key not in out:
                        out.append(key)
                continue
            kids = getattr(f, "_content", None) or getattr(f, "blocks", None)
            if kids is None and hasattr(f, "sides"):
                kids = [g for side in f.sides for g in side]
            if kids is None and hasattr(f, "_cellvalues"):
                kids = [c for row in f._cellvalues for cell in row for c in _cell(cell)]
            if kids:
                todo.extend(reversed(kids))
        return out

    def _height(self, block: TextBlock, side: int) -> float:
        return float(block.wrap(self.sides[side].width, 0xFFFFFFF)[1]) + self.gap

    def _reserve(self, item: Item) -> float:
        full = self._height(item.block, item.side)
        if not item.flex:
            return full
        return min(full, 2 * float(self.style.leading) + self.gap)

    def _item(self, key: tuple[int, int]) -> Item:
        side, n = key
        block = self.sides[side].blocks[n - 1]
        flex = key in self.forced or self._height(block, side) > self.long
        return Item(side, n, block, flex)

    def need(self, keys: list[tuple[int, int]]) -> float:
        """The height the notes of ``keys`` would add to this page's foot."""
        if not keys:
            return 0.0
        added = [0.0] * len(self.sides)
        for key in keys:
            added[key[0]] += self._reserve(self._item(key))
        now = max(self.used, default=0.0)
        after = max(u + a for u, a in zip(self.used, added, strict=True))
        first = not any(self.items)
        return after - now + (self.sep if first else 0.0)

    def place(self, keys: list[tuple[int, int]]) -> None:
        for key in keys:
            item = self._item(key)
            self.items[item.side].append(item)
            self.used[item.side] += self._reserve(item)
            self.placed.add(key)

    def reserved(self) -> float:
        """The height the notes already on this page take from the frame's bottom."""
        if not any(self.items):
            return 0.0
        return max(self.used) + float(self.sep)

    # -- the page's foot ------------------------------------------------------------------

    def arrange(self, room: float) -> tuple[list[list[TextBlock]], list[Item]]:
        """What of the page's notes goes in ``room`` (per side, in order) and what
        continues on the next page. A flexible note takes what the notes after it leave."""
        placed: list[list[TextBlock]] = []
        carry: list[Item] = []
        for s, items in enumerate(self.items):
            out: list[TextBlock] = []
            used = 0.0
            later = [self._reserve(i) for i in items]
            for n, item in enumerate(items):
                allowance = room - used - sum(later[n + 1 :])
                h = self._height(item.block, s)
                if h <= allowance + _FUZZ:
                    out.append(item.block)
                    used += h
                    continue
                width = self.sides[s].width
                parts = (
                    item.block.split(width, allowance - self.gap) if allowance > self.gap else []
                )
                if len(parts) == 2:
                    out.append(parts[0])
                    used += self._height(parts[0], s)
                    carry.append(Item(s, item.number, parts[1], True))
                else:
                    carry.append(item)
            placed.append(out)
        return placed, carry

    def end_page(self, canv: Any, frame: Frame) -> None:
        """Draw this page's notes at the foot of ``frame``; keep the rest for the next."""
        if not any(self.items):
            return
        base = frame._y1
        placed, carry = self.arrange(frame._y - base - self.sep)
        stack = max(
            (sum(self._height(b, s) for b in blocks) for s, blocks in enumerate(placed)),
            default=0.0,
        )
        for s, blocks in enumerate(placed):
            side = self.sides[s]
            if blocks:
                self._rule(canv, frame._x1 + side.x, base + stack + self.sep / 2, side.width)
            y = base + stack
            for block in blocks:
                h = self._height(block, s)
                self._draw(canv, block, frame._x1 + side.x, y - h + self.gap, s)
                y -= h
        self.items = [[] for _ in self.sides]
        self.used = [0.0] * len(self.sides)
        for item in carry:
            item.flex = True
            self.items[item.side].append(item)
            self.used[item.side] += min(self._height(item.block, item.side), self.long)

    def _rule(self, canv: Any, x: float, y: float, width: float) -> None:
        canv.saveState()  # an artifact: the page is one, outside tagged content
        canv.setStrokeColor(self.kit.theme.color("hairline"))
        canv.setLineWidth(self.kit.geo.rule_width)
        canv.line(x, y, x + width * RULE_SHARE, y)
        canv.restoreState()

    def _draw(self, canv: Any, block: TextBlock, x: float, y: float, s: int) -> None:
        side = self.sides[s]
        block.wrap(side.width, 0xFFFFFFF)
        block.drawOn(canv, x, y)
        bullet = block.bullet
        if bullet is None:  # the rest of a note continued from the page before
            return
        n = int(bullet.text)
        top = y + block.height
        canv.bookmarkHorizontal(side.dest("fn", n), x, top)
        ascent, descent = ascent_descent(bullet.font, bullet.size)
        base = top - ascent_descent(block.style.fontName, block.style.fontSize)[0]
        w = stringWidth(bullet.text, bullet.font, bullet.size)
        rect = (x + bullet.x, base + descent, x + bullet.x + w, base + ascent)
        internal_link(canv, side.dest("fnref", n), rect, block.label, f"{n}")

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
            internal_link(canv, side.dest("fn", n), rect, node, what)
            if url not in self.bound:  # the first draw of the mark: the place to come back to
                self.bound.add(url)
                canv.bookmarkHorizontal(side.dest("fnref", n), rect[0], rect[3])
                self._attach(canv, side.blocks[n - 1].node, node)
            return
        target = self.targets.get(url)
        if target is not None:
            found = self.sides[target[0]].anchors.get(target[1])
            if found is not None:
                internal_link(canv, found[0], rect, node, found[1])

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


def _this_page(f: Any, parts: list[Any]) -> list[Any]:
    """Of the parts a split of ``f`` returned, those that stay on this page."""
    if not parts or isinstance(parts[0], ActionFlowable):
        return []
    if isinstance(f, KeepTogether):
        return parts if parts[-1] is f._content[-1] else parts[:-1]
    return parts[:1]


class NoteFrame(Frame):  # type: ignore[misc]
    """A frame that keeps the room the notes of what it holds need at its bottom."""

    notes: Footnotes | None = None

    def _reset(self) -> None:
        super()._reset()
        if self.notes is not None:
            self._y1p = self._y1 + self._bottomPadding + self.notes.reserved()

    def add(self, flowable: Any, canv: Any, trySplit: int = 0) -> int:
        notes = self.notes
        keys = notes.new_marks([flowable]) if notes is not None else []
        if not keys or notes is None:
            return int(Frame._add(self, flowable, canv, trySplit))
        saved = self._y1p
        self._y1p = saved + notes.need(keys)
        ok = int(Frame._add(self, flowable, canv, trySplit))
        if ok:
            notes.place(keys)
            self._y1p = self._y1 + self._bottomPadding + notes.reserved()
        else:
            self._y1p = saved
        return ok

    def split(self, flowable: Any, canv: Any) -> list[Any]:
        notes = self.notes
        keys = notes.new_marks([flowable]) if notes is not None else []
        if not keys or notes is None:
            return list(Frame.split(self, flowable, canv))
        parts = self._split(notes, flowable, canv)
        if not parts and self._atTop:
            # Nothing of it fits with its notes even on an empty page: moving on would
            # not help, so its notes may continue on the next page's foot.
            notes.forced.update(keys)
            parts = self._split(notes, flowable, canv)
        return parts

    def _split(self, notes: Footnotes, flowable: Any, canv: Any) -> list[Any]:
        """A split whose part for this page fits above its own notes, or []."""
        saved = self._y1p
        need = 0.0
        try:
            for _ in range(_ROUNDS):
                self._y1p = saved + need
                parts = list(Frame.split(self, flowable, canv))
                more = notes.need(notes.new_marks(_this_page(flowable, parts)))
                if more <= need + _FUZZ:
                    return parts
                need = more
                if saved + need >= self._y:
                    return []
        finally:
            self._y1p = saved
        return []


class Flush(Flowable):  # type: ignore[misc]
    """The story's end: a new page while notes would still continue past the last."""

    _ZEROSIZE = True

    def __init__(self, notes: Footnotes) -> None:
        super().__init__()
        self.notes = notes

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        frame = getattr(self, "_frame", None)
        if frame is None or not any(self.notes.items):
            return availWidth, 0.0
        _, carry = self.notes.arrange(frame._y - frame._y1 - self.notes.sep)
        return availWidth, (0.0 if not carry else float(0xFFFFFF))

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        return [PageBreak(), Flush(self.notes)]

    def draw(self) -> None:
        pass
