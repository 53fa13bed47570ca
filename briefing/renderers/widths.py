"""Column widths both renderers can lay out, whatever relative widths arrive.

The brief's ``widths`` are checked when it is read, but a renderer gets a tree, and a
tree may come from elsewhere (the API, a test, an older validator). A column of almost
no width would leave its cell a negative width once the padding is taken off (the PDF
layout then fails or draws outside the page; the DOCX gets a zero-width gridCol that
Word collapses). So each renderer passes the widths through ``fit_widths``: every
column gets at least ``minimum`` (padding plus a few characters), the others give up
that room in proportion to their share, and the total is exactly the space there is.
Pure Python, so the DOCX renderer does not import ReportLab for it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def fit_widths(
    shares: Sequence[float] | None, count: int, total: float, minimum: float
) -> list[float]:
    """``count`` widths summing to ``total``, each at least ``minimum`` (or ``total / count``
    when that is less), otherwise proportional to ``shares``.

    Shares that are missing, of the wrong count, negative, zero, infinite or NaN count
    as equal shares or as nothing, never as an error: the columns are always drawable.
    """
    if count <= 0:
        return []
    if shares is None or len(shares) != count:
        shares = [1.0] * count
    clean = [s if math.isfinite(s) and s > 0 else 0.0 for s in shares]
    top = max(clean)
    if top <= 0:
        clean, top = [1.0] * count, 1.0
    clean = [s / top for s in clean]  # no overflow or underflow in the sums below
    floor = min(minimum, total / count)
    fixed = [False] * count  # columns held at the floor
    while True:
        free = [s for s, f in zip(clean, fixed, strict=True) if not f]
        if not free:  # only by rounding: the floor is then total / count
            return [total / count] * count
        room = total - floor * (count - len(free))
        weight = sum(free)
        widths = [
            floor if f else (room * s / weight if weight > 0 else room / len(free))
            for s, f in zip(clean, fixed, strict=True)
        ]
        short = [i for i, w in enumerate(widths) if not fixed[i] and w < floor * (1 - 1e-9)]
        if not short:
            return widths
        for i in short:  # each round fixes at least one column: at most ``count`` rounds
            fixed[i] = True
