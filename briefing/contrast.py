"""WCAG contrast of the page furniture: the running header, the footer and the marking.

Furniture is small (8 to 9 pt) and usually grey, and it carries what a reader needs to
handle the paper: the classification, the document number, "Page X of Y". WCAG 2.x
asks 4.5:1 for text of that size against its background (1.4.3), and the page is
white (a theme has no page colour). A template below that still renders (an office
may have its house colours fixed), but ``briefing templates --check`` says so.
"""

from __future__ import annotations

MIN_RATIO = 4.5  # WCAG 2.x 1.4.3, normal-size text
PAGE = "#FFFFFF"


def _channel(value: int) -> float:
    """One sRGB channel as linear light (WCAG's relative luminance definition)."""
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """Relative luminance of ``#RRGGBB``: 0 for black, 1 for white."""
    r, g, b = (_channel(int(color[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05) with L1 the lighter: 1 (same) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def low_contrast(color: str, background: str = PAGE) -> str | None:
    """Why ``color`` is too faint on ``background``, or None when it is legible."""
    ratio = contrast_ratio(color, background)
    if ratio >= MIN_RATIO:
        return None
    return (
        f"{color} on the white page has a contrast of {ratio:.2f}:1, below the "
        f"{MIN_RATIO}:1 small text needs (WCAG 1.4.3); choose a darker colour"
    )
