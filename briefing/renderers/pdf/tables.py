"""Data tables that split between rows and repeat their header, without stray headers.

ReportLab's Table with ``splitInRow`` first splits between rows; the rest of the table
(header repeated) then goes into whatever room is left on the same page, where it
splits again, this time inside a row: a second header row mid-page with a sliver of a
row under it. Here a table splits inside a row only where that is the only way on: at
the top of a frame, or for a table whose first rows (header and first body row) are
taller than a whole frame. Otherwise the rest goes to the next page.

A header row taller than a third of the frame is not repeated (``HEADER_SHARE``).
Repeating it would leave each later page little or no room for the rows it heads (a
header taller than a frame could never be placed again: ReportLab never splits
inside a repeated row), so such a table prints its header once, like any other row,
split across pages if it must be. Cutting the header to fit was the other choice; it
was not taken because the cut text would be lost from that page's reading and from a
screen reader's, while a header printed once is whole.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Table

HEADER_SHARE = 1 / 3  # of the frame's height: the tallest header row still repeated


class DataTable(Table):  # type: ignore[misc]
    original = False  # set on the table the renderer made; its split parts are not

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self._calc(availWidth, availHeight)
        self._repeat_only_short_header()
        between: list[Any] = self._splitRows(availHeight, doInRowSplit=False)
        if between:
            return between
        if self.splitInRow and self._must_split_in_row():
            inside: list[Any] = self._splitRows(availHeight, doInRowSplit=True)
            lower = self._height - self.splitInRow
            if not inside and self.splitInRow <= lower < availHeight:
                # ReportLab refuses a split that leaves less than splitInRow below it
                # (a last row a little taller than the frame): cut higher up instead.
                inside = self._splitRows(lower, doInRowSplit=True)
            return inside
        return []

    def _repeat_only_short_header(self) -> None:
        """Stop repeating a header row taller than ``HEADER_SHARE`` of the frame; the
        parts split from this table inherit the setting (ReportLab copies it)."""
        frame = self._doctemplateAttr("frame")
        if not self._repeated() or frame is None or not self._rowHeights:
            return
        if self._rowHeights[0] > frame._height * HEADER_SHARE:
            self.repeatRows = 0

    def _repeated(self) -> int:
        """How many header rows repeat (the renderer sets 1 or 0)."""
        return int(getattr(self, "repeatRows", 0) or 0)

    def _must_split_in_row(self) -> bool:
        frame = self._doctemplateAttr("frame")
        if frame is None or getattr(frame, "_atTop", False):
            return True
        first = sum(self._rowHeights[: self._repeated() + 1])  # header (if repeated) + a row
        return bool(self.original and first > frame._height)
