"""ReportLab's URL pattern compiled when first used, not when ReportLab is imported.

Why: ``reportlab.platypus.paragraph`` compiles, at import, a case-insensitive URL
pattern whose character classes span U+00A1-U+FFFF; Python's ``re`` folds the case of
every character in those ranges, which costs about 30 ms of CPU, a quarter of
importing ReportLab and loading the fonts, in every process that makes a PDF. The
pattern serves only Paragraph's hyphenation of URLs, which this renderer never uses
(TextBlock breaks its own lines).

``re.compile`` looks in ``re``'s cache of compiled patterns first (``re._cache``,
keyed by type, pattern and flags, in CPython 3.11 to 3.13). ``defer()`` puts a
``Deferred`` there under the key ReportLab's call will use, so that call gets it; it
compiles the real pattern on its first use (with ``re.UNICODE`` added, which a str
pattern has anyway: another key, the same pattern) and acts as it from then on. If the
cache is missing, full, or ReportLab's pattern changes, ReportLab compiles it as before:
slower, the same result. tests/test_internals.py checks that it takes effect.
"""

from __future__ import annotations

import re
from typing import Any

# reportlab/platypus/paragraph.py, uri_pat (ReportLab 4.2-5.1), and its flags.
URI_PATTERN = (
    "(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)"
    "(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9]"
    "(?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}"
    "(?<!-))*\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))"
    "(?::\\d{2,5})?(?:[/?#][^\\s]*)?\\Z"
)
URI_FLAGS = re.IGNORECASE


class Deferred:
    """A compiled pattern made on first use; every attribute is the real pattern's."""

    __slots__ = ("_flags", "_pattern", "_real")

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._real: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        real = self._real
        if real is None:
            real = self._real = re.compile(self._pattern, self._flags | re.UNICODE)
        return getattr(real, name)


def defer() -> None:
    """Put ReportLab's URL pattern, deferred, where its ``re.compile`` will find it."""
    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict) or len(cache) >= getattr(re, "_MAXCACHE", 0) - 1:
        return
    cache.setdefault((str, URI_PATTERN, int(URI_FLAGS)), Deferred(URI_PATTERN, int(URI_FLAGS)))
