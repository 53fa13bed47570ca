"""``briefing init``: a starter brief that validates and renders as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.errors import BriefError
from briefing.resources import PACKAGE_DIR


def starter_text(path: str, lang: str, today: dt.date | None = None) -> str:
    template = (PACKAGE_DIR / "starter.yaml").read_text(encoding="utf-8")
    day = (today or dt.date.today()).isoformat()
    return template.format(path=path, lang=lang, today=day)


def write_starter(target: Path, lang: str) -> None:
    """Write the starter brief; never overwrite an existing file."""
    from briefing.api import write_atomic

    if target.exists():
        raise BriefError(f"{target}: already exists; choose another path")
    write_atomic(target, starter_text(str(target), lang).encode("utf-8"))
