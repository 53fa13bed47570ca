"""The notes at a page's foot, and the frame that keeps room for them (footnotes.py).

Before a flowable is placed, :class:`NoteFrame` looks for the marks in it not yet
placed; it then places the flowable only if it fits above the notes those marks bring,
whose height it takes from the bottom of the frame. When it has to split a flowable, it
asks again with less room until the part that stays on the page fits with its own
notes; for a keep-with-next group that part is every member but the last part, so a
heading or lead-in is still never left alone at a page's end.

At the page's end (:meth:`PageFoot.end_page`) the notes are drawn under a short rule at
the foot of the frame, bottom-aligned, one column per language. A note taller than a
third of the frame (or one whose mark's line cannot fit with it even at the top of a
page) holds only two lines; it takes what is left on the page at its end and continues
at the foot of the next page, before that page's own notes. Any other note moves with
its mark: the line that holds the mark goes to the next page when its note does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import ActionFlowable, Flowable, Frame, KeepTogether, PageBreak
from reportlab.platypus.doctemplate import NullActionFlowable

from briefing.renderers.pdf.kit import Kit
from briefing.renderers.pdf.links import note_link
from briefing.renderers.pdf.textblock import TextBlock, ascent_descent

_FUZZ = 1e-6
_ROUNDS = 12  # tries to find a split whose part fits with its own notes
LONG_NOTE = 1 / 3  # of the frame: a note taller than this may continue on the next page
RULE_SHARE = 0.3  # of the notes' column: the width of the rule above them

Key = tuple[int, int]  # (side, number) of a note


@dataclass
class Item:
    """A note (or the rest of one) on the current page's foot."""

    side: int
    number: int
    block: TextBlock
    flex: bool  # may be split at the page's end (long, or continued)


class PageFoot:
    """The notes of the current page: what they reserve, and drawing them at its end.
    footnotes.Footnotes is one; the attributes below are its."""

    kit: Kit
    sides: list[Any]  # footnotes.Side: .blocks, .width, .x, .dest
    style: Any
    forced: set[Key]
    placed: set[Key]

    def __init__(self, kit: Kit, style: Any) -> None:
        self.gap = max(float(style.spaceAfter), 1.0)
        self.sep = float(style.leading)  # the rule and the space around it
        self.long = kit.geo.frame_height * LONG_NOTE
        self.items: list[list[Item]] = []
        self.used: list[float] = []

    def new_marks(self, flowables: list[Any]) -> list[Key]:
        raise NotImplementedError

    def _height(self, block: TextBlock, side: int) -> float:
        """The height ``block`` takes at the foot, the gap under it included; kept on
        the block (a note is laid out at one width, its side's, and asked often)."""
        height: float | None = block.__dict__.get("_foot_height")
        if height is None:
            height = float(block.wrap(self.sides[side].width, 0xFFFFFFF)[1]) + self.gap
            block._foot_height = height
        return height

    def _reserve(self, item: Item) -> float:
        full = self._height(item.block, item.side)
        if not item.flex:
            return full
        return min(full, 2 * float(self.style.leading) + self.gap)

    def _item(self, key: Key) -> Item:
        side, n = key
        block = self.sides[side].blocks[n - 1]
        flex = key in self.forced or self._height(block, side) > self.long
        return Item(side, n, block, flex)

    def need(self, keys: list[Key]) -> float:
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

    def place(self, keys: list[Key]) -> None:
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

    def room(self, frame: Frame) -> float:
        """The height the notes may take at the foot: from the frame's bottom up to the
        content, less the rule; at least what they reserved (the space after the last
        flowable may reach into the reserve: a frame does not check it)."""
        return max(float(frame._y - frame._y1) - self.sep, max(self.used, default=0.0))

    def end_page(self, canv: Any, frame: Frame) -> None:
        """Draw this page's notes at the foot of ``frame``; keep the rest for the next."""
        if not any(self.items):
            return
        base = frame._y1
        placed, carry = self.arrange(self.room(frame))
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
        # several long notes carried on one side took a third of the page each: the
        # whole page, where nothing of the body fit, not even at its top (exit 3). What
        # they need beyond a third continues on the page after, as a long note does.
        self.used = [min(u, self.long) for u in self.used]

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
        note_link(canv, side.dest("fnref", n), rect, block.label, f"{n}")


def _this_page(f: Any, parts: list[Any]) -> list[Any]:
    """Of the parts a split of ``f`` returned, those that stay on this page."""
    if parts and isinstance(parts[0], NullActionFlowable):
        return parts[1:]  # a group at a frame's top that does not fit: all of it here
    if not parts or isinstance(parts[0], ActionFlowable):
        return []  # moves on whole
    if isinstance(f, KeepTogether):
        return parts if parts[-1] is f._content[-1] else parts[:-1]
    return parts[:1]


class NoteFrame(Frame):  # type: ignore[misc]
    """A frame that keeps the room the notes of what it holds need at its bottom."""

    notes: PageFoot | None = None

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
        if not ok and not trySplit:
            # The part of a split that must go here (ReportLab would fail the build):
            # its notes continue on the next page, and at worst hold no room here.
            notes.forced.update(keys)
            self._y1p = saved + notes.need(keys)
            ok = int(Frame._add(self, flowable, canv, trySplit=1))
            if not ok:
                self._y1p = saved
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
        parts = self._split(notes, flowable, canv, last=False)
        if not parts and self._atTop:
            # Nothing of it fits with its notes even on an empty page: moving on would
            # not help, so its notes may continue on the next page's foot.
            notes.forced.update(keys)
            parts = self._split(notes, flowable, canv, last=True)
        return parts

    def _split(self, notes: PageFoot, flowable: Any, canv: Any, last: bool) -> list[Any]:
        """A split whose part for this page fits above its own notes, or []. A group
        that ReportLab would put at a frame's top whole though it does not fit (it
        then splits anywhere) counts as no split, unless this is the ``last`` try.

        The room the notes take is guessed, the flowable split above it, and the guess
        raised to what the part's notes need until they fit (usually twice). Where that
        overshoots the page (many notes in the first lines), the least room that fits
        is searched by halving instead: more room for notes never gives a part with
        more notes."""
        saved = self._y1p
        room = self._y - saved

        def attempt(need: float) -> tuple[float, list[Any]] | None:
            self._y1p = saved + need
            parts = list(Frame.split(self, flowable, canv))
            if parts and isinstance(parts[0], NullActionFlowable) and not last:
                return None
            return notes.need(notes.new_marks(_this_page(flowable, parts))), parts

        try:
            need = 0.0
            for _ in range(_ROUNDS):
                tried = attempt(need)
                if tried is None:
                    return []
                more, parts = tried
                if more <= need + _FUZZ:
                    return parts
                if more >= room:
                    break
                need = more
            low, high, best = need, room, []
            for _ in range(_ROUNDS):
                middle = (low + high) / 2
                tried = attempt(middle)
                if tried is None:
                    return []
                if tried[0] <= middle + _FUZZ:
                    high, best = middle, tried[1]
                else:
                    low = middle
            if best:
                return best
        finally:
            self._y1p = saved
        return list(Frame.split(self, flowable, canv)) if last else []


class Flush(Flowable):  # type: ignore[misc]
    """The story's end: a new page while notes would still continue past the last."""

    _ZEROSIZE = True

    def __init__(self, notes: PageFoot) -> None:
        super().__init__()
        self.notes = notes

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # nothing to carry: no height, or less where the notes reach a little above the
        # last line (ReportLab takes even 0 for too tall there, and split it to a page)
        nothing = min(0.0, availHeight)
        frame = getattr(self, "_frame", None)
        if frame is None or not any(self.notes.items):
            return availWidth, nothing
        _, carry = self.notes.arrange(self.notes.room(frame))
        return availWidth, (nothing if not carry else float(0xFFFFFF))

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        if availHeight < 0:  # the notes reach above the last line: not even nothing
            return [PageBreak(), Flush(self.notes)]  # fits; the page has that line
        # a zero-size flowable first: a page of only a note's rest is not an empty
        # page to ReportLab, which stops after ten of those
        return [_Here(), PageBreak(), Flush(self.notes)]

    def draw(self) -> None:
        pass


class _Here(Flowable):  # type: ignore[misc]
    """Nothing, placed: the page counts as one with content."""

    _ZEROSIZE = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, 0.0

    def draw(self) -> None:
        pass
