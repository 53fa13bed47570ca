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
    """The starter in ``lang`` (az-Latn-AZ finds az), with today's date filled in.

    ``lang`` comes from a command line or a web request: it is matched against the
    bundled starters' names, never joined into a path (``../x`` read any .yaml file),
    and must be a language code, since it is written into the brief as ``lang:``.
    """
    from briefing.model import LANG_CODE

    known = {code.lower(): code for code in starter_languages()}
    if LANG_CODE.match(lang):
        for candidate in candidates(lang):
            code = known.get(candidate.lower())
            if code is not None:
                day = (today or dt.date.today()).isoformat()
                text = (STARTERS / f"{code}.yaml").read_text(encoding="utf-8")
                return text.format(path=_one_line(path), lang=lang, today=day)
    raise BriefError(f"no starter brief in {lang!r} (there are: {', '.join(sorted(known))})")


def _one_line(path: str) -> str:
    """The path as the starter's comments show it: a line break in a file name would
    start a YAML line of its own."""
    return "".join(c if c.isprintable() else "?" for c in path)


def write_starter(target: Path, lang: str) -> None:
    """Write the starter brief; never overwrite an existing file."""
    from briefing.api import write_atomic

    if target.exists():
        raise BriefError(f"{target}: already exists; choose another path")
    write_atomic(target, starter_text(str(target), lang).encode("utf-8"))
