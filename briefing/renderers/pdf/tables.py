"""Data tables that split between rows and repeat their header, without stray headers.

ReportLab's Table with ``splitInRow`` first splits between rows; the rest of the table
(header repeated) then goes into whatever room is left on the same page, where it
splits again, this time inside a row: a second header row mid-page with a sliver of a
row under it. Here a table splits inside a row only where that is the only way on: at
the top of a frame, or for a table whose first row is taller than a whole frame.
Otherwise the rest goes to the next page.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Table


class DataTable(Table):  # type: ignore[misc]
    original = False  # set on the table the renderer made; its split parts are not

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self._calc(availWidth, availHeight)
        between: list[Any] = self._splitRows(availHeight, doInRowSplit=False)
        if between:
            return between
        if self.splitInRow and self._must_split_in_row():
            inside: list[Any] = self._splitRows(availHeight, doInRowSplit=True)
            return inside
        return []

    def _must_split_in_row(self) -> bool:
        frame = self._doctemplateAttr("frame")
        if frame is None or getattr(frame, "_atTop", False):
            return True
        first = self._rowHeights[1] if len(self._rowHeights) > 1 else 0.0
        return bool(self.original and first > frame._height)
