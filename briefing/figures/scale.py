"""The value axis of a chart: round tick values that cover the data.

Worked out while localizing (each tick's label is a number in the output language),
so the renderers only place what they are given.
"""

from __future__ import annotations

import math

TARGET_TICKS = 5


def nice_ticks(low: float, high: float) -> list[float]:
    """Evenly spaced round values (1, 2, 2.5 or 5 times a power of ten) from a tick at or
    below ``low`` (and never above 0) to one at or above ``high``."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low < 1e-12:  # all zero (or too close to it for a printed axis)
        high = low + 1
    raw = (high - low) / TARGET_TICKS
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step)  # no tolerance: a tick too many beats one too few
    last = math.ceil(high / step)
    first -= first * step > low  # a quotient that underflowed to 0 (a subnormal low)
    last += last * step < high
    return [(first + i) * step for i in range(last - first + 1)]
