"""``briefing init``: a starter brief that validates and renders as written.

One starter per language under briefing/starters/, with every section kind named and
placeholder texts written in that language, so ``lang:`` is true from the start.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.errors import BriefError
from briefing.i18n.catalog import candidates
from briefing.resources import PACKAGE_DIR

STARTERS = PACKAGE_DIR / "starters"


def starter_languages() -> list[str]:
    return sorted(p.stem for p in STARTERS.glob("*.yaml"))


def starter_text(path: str, lang: str, today: dt.date | None = None) -> str:
    """The starter in ``lang`` (az-Latn-AZ finds az), with today's date filled in."""
    for code in candidates(lang):
        file = STARTERS / f"{code}.yaml"
        if file.is_file():
            day = (today or dt.date.today()).isoformat()
            return file.read_text(encoding="utf-8").format(path=path, lang=lang, today=day)
    known = ", ".join(starter_languages())
    raise BriefError(f"no starter brief in {lang!r} (there are: {known})")


def write_starter(target: Path, lang: str) -> None:
    """Write the starter brief; never overwrite an existing file."""
    from briefing.api import write_atomic

    if target.exists():
        raise BriefError(f"{target}: already exists; choose another path")
    write_atomic(target, starter_text(str(target), lang).encode("utf-8"))
