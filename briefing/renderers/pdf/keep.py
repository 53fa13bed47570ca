"""Keep-with-next groups (a heading or caption with what follows) that leave no hole.

ReportLab's KeepTogether moves the whole group to the next page when it does not fit
the space left, even when the group is taller than any page (a heading followed by a
long table): the table then starts on a new page anyway and most of the previous page
stays empty. This group does that only when moving helps: if the group cannot fit a
whole frame, it starts where it is, provided the first flowable and a few lines of
the next fit here.

It also measures its group without ReportLab's general list measuring, which copies
the whole current frame on every call in case a member generates content (none of ours
does): that copy was a visible share of a render.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import KeepTogether

MIN_TAIL = 60.0  # pt of the following content that must fit below the heading/caption


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
        frame = getattr(self, "_frame", None)
        too_tall = frame is not None and frame._height < self._H
        if too_tall and aH >= self._H0 + MIN_TAIL and self._next_starts_here(aW, aH):
            return list(self._content)
        result: list[Any] = super().split(aW, aH)
        return result

    def _next_starts_here(self, aW: float, aH: float) -> bool:
        """Whether the last member (what the others keep with) can put a part of itself
        below them here: a table whose first row is too tall for the room cannot, and
        moving the group is then better than leaving a caption alone at a page foot."""
        *leading, last = self._content
        used = 0.0
        for f in leading:
            _, h = f.wrapOn(self.canv, aW, aH)
            used += f.getSpaceBefore() + h + f.getSpaceAfter()
        last.wrapOn(self.canv, aW, aH)
        # splitOn, not split: the member measures itself with the canvas and asks it
        # which frame it is in (a note or memo row may split only at a frame's top).
        return bool(last.splitOn(self.canv, aW, aH - used - last.getSpaceBefore()))
