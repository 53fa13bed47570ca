"""Keep-with-next groups (a heading, caption or lead-in with what follows) that leave no hole.

ReportLab's KeepTogether moves the whole group to the next page whenever it does not
fit the space left: a heading followed by a table of half a page then leaves most of
a page empty (the example's ru PDF, page 3). Here a group that does not fit starts
where it is whenever its leading members fit whole and its last member can put a
part of itself below them: a paragraph at least two lines (textblock.TextBlock's
orphan rule), a table its header and first rows (tables.DataTable), a box two lines.
Only when the last member cannot start here does the group move, whole, so a heading,
a caption or a lead-in is never the last thing on a page.

``keep_two_lines`` extends a group by one flowable where its last member is a single
line: a lead-in ("... as follows:") with a one-line first list item would otherwise
take just that line with it.

The group measures its members without ReportLab's general list measuring, which
copies the whole current frame on every call in case a member generates content (none
of ours does): that copy was a visible share of a render.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import KeepTogether

from briefing.renderers.pdf.textblock import TextBlock


class KeepWithNext(KeepTogether):  # type: ignore[misc]
    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        """Height of the group with collapsed spacing, as ReportLab's _listWrapOn."""
        total = 0.0
        first = 0.0
        after = 0.0
        for n, f in enumerate(self._content):
            if hasattr(f, "frameAction"):
                continue
            _, h = f.wrapOn(self.canv, aW, 0xFFFFFFF)
            if n == 0:
                first = h
            else:
                total += max(f.getSpaceBefore() - after, 0)
            after = f.getSpaceAfter()
            total += h + after
        self._H = total - after
        self._H0 = first
        self._wrapInfo = aW, aH
        return aW, 0xFFFFFF  # always asked to split, as KeepTogether does

    def split(self, aW: float, aH: float) -> list[Any]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if aH < self._H and len(self._content) > 1:
            here = self._start_here(aW, aH)
            if here:
                return here
        result: list[Any] = super().split(aW, aH)  # fits here, or moves whole
        return result

    def _start_here(self, aW: float, aH: float) -> list[Any]:
        """The leading members and the parts of the last, if the leading members fit
        here whole and the last can put a part of itself below them (spacing collapses
        as ReportLab's Frame collapses it); else []. The parts are returned, not the
        last member, so the frame does not split it (a table: measure it) again."""
        *leading, last = self._content
        if any(hasattr(f, "frameAction") for f in leading):
            return []  # a break inside the group: let KeepTogether handle it
        used, after = _stack(leading, self.canv, aW, aH)
        if used >= aH:
            return []
        room = aH - used - max(last.getSpaceBefore() - after, 0)
        if room <= 0:
            return []
        last.wrapOn(self.canv, aW, room)
        # splitOn, not split: the member measures itself with the canvas and asks it
        # which frame it is in (a note or memo row may split only at a frame's top).
        parts: list[Any] = last.splitOn(self.canv, aW, room)
        return [*leading, *parts] if parts else []


class KeepWithPrevious(KeepWithNext):
    """The closing "Prepared by" rule and rows with the end of what they close.

    Kept whole, a long table or list ending the body would move to the next page with
    the rows and leave a hole: the table of issue 13 again. Instead, when the group
    does not fit, what is closed (the member just before the last ``closing`` ones)
    splits here under the members before it (its caption or heading, kept whole),
    and its last part goes on with the rows, which so never start a page alone.
    """

    def __init__(self, flowables: list[Any], closing: int) -> None:
        super().__init__(flowables)
        self.closing = closing

    def split(self, aW: float, aH: float) -> list[Any]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content, n = self._content, self.closing
        if aH < self._H and len(content) > n:
            *leading, closed = content[:-n]
            used, after = _stack(leading, self.canv, aW, aH)
            room = aH - used - (max(closed.getSpaceBefore() - after, 0) if leading else 0)
            # what is closed may fit here whole while the rows do not: then its end
            # (a last table row, the last two lines) still goes with them
            _, height = closed.wrapOn(self.canv, aW, aH)
            room = min(room, height - 1)
            parts = closed.splitOn(self.canv, aW, room) if room > 0 else []
            if len(parts) == 2:
                return [*leading, parts[0], KeepWithPrevious([parts[1], *content[-n:]], n)]
        result: list[Any] = KeepTogether.split(self, aW, aH)  # fits here, or moves whole
        return result


def closing(body: list[Any], rows: list[Any]) -> list[Any]:
    """The closing ``rows`` ("Prepared by": its rule and rows) to put after ``body``,
    grouped with the end of ``body``, which they take from it: its last flowable with
    the caption or heading kept with that. So they never start a page alone."""
    if not body:
        return rows
    closed: list[Any] = [body.pop()]
    while body and body[-1].getKeepWithNext():
        closed.insert(0, body.pop())
    return [KeepWithPrevious([*closed, *rows], len(rows))]


def _stack(flowables: list[Any], canv: Any, aW: float, aH: float) -> tuple[float, float]:
    """Height of ``flowables`` one under the other with spacing collapsed as ReportLab's
    Frame collapses it, and the space after the last (it may overlap what follows)."""
    used, after = 0.0, 0.0
    for n, f in enumerate(flowables):
        _, h = f.wrapOn(canv, aW, aH)
        if n:
            used += max(f.getSpaceBefore() - after, 0)
        after = f.getSpaceAfter()
        used += h + after
    return used, after


def keep_two_lines(flowables: Sequence[Any], width: float) -> None:
    """Mark a one-line text block that a keep-with-next flowable is kept with as kept
    with its own next, so at least two lines follow a heading, caption or lead-in.

    Only text blocks of the story itself (list items, paragraphs) are looked at; each is
    laid out at ``width``, the frame's, which the frame then reuses (laid out once).
    """
    keepers = [bool(getattr(f, "keepWithNext", 0)) for f in flowables]
    for n, f in enumerate(flowables[1:], 1):
        if not keepers[n - 1] or keepers[n] or not isinstance(f, TextBlock):
            continue  # only what an original keeper holds; no chains of short items
        f.wrap(width, 0xFFFFFFF)
        if len(f.lines) < 2:
            f.keepWithNext = 1
