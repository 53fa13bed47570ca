"""How much of the toolkit's vocabulary a catalog translates.

Used by ``briefing languages`` and by the catalog tests: a term counts only when its
entry exists, is not fuzzy, and has every form filled in.
"""

from __future__ import annotations

from pathlib import Path

from briefing.i18n import terms
from briefing.i18n.catalog import read_catalog


def missing_terms(code: str, root: Path | None = None) -> list[str]:
    """Terms the catalog lacks, leaves empty or marks fuzzy."""
    catalog = read_catalog(code, root)
    missing = []
    for msgid in terms.SINGULAR_TERMS:
        entry = catalog.get(msgid)
        if entry is None or entry.fuzzy or not entry.string:
            missing.append(msgid)
    for pair in terms.PLURAL_TERMS:
        entry = catalog.get(pair)
        strings = entry.string if entry is not None else ()
        if entry is None or entry.fuzzy or not isinstance(strings, tuple) or not all(strings):
            missing.append(pair[0])
    return missing


def completeness(code: str, root: Path | None = None) -> tuple[int, int]:
    total = len(terms.SINGULAR_TERMS) + len(terms.PLURAL_TERMS)
    return total - len(missing_terms(code, root)), total
