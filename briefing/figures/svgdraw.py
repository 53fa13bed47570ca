"""svglib, heard and bounded: the one place an SVG becomes reportlab shapes.

svglib reports what it cannot draw (a colour it does not know, a clip path that is not
there, a unit it cannot resolve) through the ``logging`` module, which with no handler
prints each to stderr as a bare line, in the middle of a render's output, without the
file or the figure it is about. And some SVGs that are well-formed XML make it raise:
path data with a number missing (``L 10``) ended a render as an internal error, exit 3.
Such path data is refused at load, at the figure's line (svgsize.py); here svglib's
messages are collected instead of printed, and an SVG it still fails on is drawn as an
empty frame rather than ending the render.

Why not convert every SVG at load, where its position is known, and report what svglib
says there: importing svglib imports reportlab's graphics, which cost ``validate`` of
the example 0.2 s of CPU (1.8x) and a render of it in every language 1.35x (CPU
medians, benchmarks/cpu.py).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MAX_MESSAGES = 5  # a broken SVG can repeat one message per element: the first few say it
_LOGGER = "svglib.svglib"


class _Heard(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except (TypeError, ValueError):  # a message whose arguments do not fit it
            text = str(record.msg)
        text = " ".join(text.split())[:200]
        if text not in self.messages:
            self.messages.append(text)


@contextmanager
def heard() -> Iterator[list[str]]:
    """svglib's warnings and errors, collected instead of printed to stderr."""
    log = logging.getLogger(_LOGGER)
    handler = _Heard()
    propagate = log.propagate
    log.addHandler(handler)
    log.propagate = False
    try:
        yield handler.messages
    finally:
        log.removeHandler(handler)
        log.propagate = propagate


class NotDrawable(ValueError):
    """An SVG svglib fails on; the message says how."""


def to_shapes(data: bytes, font_map: Any = None) -> tuple[Any, list[str]]:
    """svglib's Drawing for an SVG's bytes and what svglib said about it, or
    NotDrawable. ``font_map`` answers svglib's font lookups (None: no lookups at all,
    every family is Helvetica, which is enough to check the file)."""
    from svglib.svglib import svg2rlg

    with heard() as messages:
        try:
            drawing = svg2rlg(
                io.BytesIO(data), resolve_entities=False, font_map=font_map or _NoFonts()
            )
        except RecursionError:
            raise NotDrawable("its elements nest too deeply to draw") from None
        except Exception as exc:
            # svglib's parsers index, unpack and convert the file's strings as they come,
            # and hand inline images to Pillow: what fails is this file, not briefing
            raise NotDrawable(_why(exc)) from None
    if drawing is None:
        raise NotDrawable(messages[0] if messages else "svglib could not read it")
    return drawing, messages[:MAX_MESSAGES]


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    name = type(exc).__name__
    return f"svglib failed on it ({name}: {text}); check its path data, numbers and attributes"


class _NoFonts:
    """svglib's ``font_map`` hook that looks nothing up (no fontconfig process)."""

    def find_font(
        self, font_name: str, weight: str = "normal", style: str = "normal"
    ) -> tuple[str, bool]:
        return "Helvetica", True
