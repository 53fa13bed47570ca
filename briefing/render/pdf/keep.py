"""Keep-with-next groups (a heading or caption with what follows) that leave no hole.

ReportLab's KeepTogether moves the whole group to the next page when it does not fit
the space left, even when the group is taller than any page (a heading followed by a
long table): the table then starts on a new page anyway and most of the previous page
stays empty. This group does that only when moving helps: if the group cannot fit a
whole frame, it starts where it is, provided the first flowable and a few lines of
the next fit here.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import KeepTogether

MIN_TAIL = 60.0  # pt of the following content that must fit below the heading/caption


class KeepWithNext(KeepTogether):  # type: ignore[misc]
    def split(self, aW: float, aH: float) -> list[Any]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        too_tall = frame is not None and frame._height < self._H
        if too_tall and aH >= self._H0 + MIN_TAIL:
            return list(self._content)
        result: list[Any] = super().split(aW, aH)
        return result
