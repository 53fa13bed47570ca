"""The pipeline as functions: load a brief, localize it, check glyphs, render, write.

The CLI and library users call these; they raise BriefError for anything the user can
fix and never print.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import BriefError, Problem
from briefing.limits import Limits
from briefing.model import Brief
from briefing.readers import Source, load_source
from briefing.templates import Template
from briefing.validate import field_path, validate

if TYPE_CHECKING:
    from briefing.localize import Localized


@dataclass(frozen=True)
class LoadedBrief:
    path: Path
    source: Source
    brief: Brief


def load(path: str | Path, limits: Limits | None = None) -> LoadedBrief:
    """Read and validate a brief file; BriefError lists every problem with its position."""
    p = Path(path)
    limits = limits or Limits()
    source = load_source(p, limits)
    return LoadedBrief(p, source, validate(source, limits))


def localized(loaded: LoadedBrief, lang: str) -> Localized:
    """The document tree in ``lang`` (localize imports Babel: only when rendering)."""
    from briefing.localize import localize

    return localize(loaded.brief, loaded.source, lang, source_date())


def source_date() -> str | None:
    """SOURCE_DATE_EPOCH as ISO 8601 UTC, for reproducible builds; None if unset."""
    import datetime as dt

    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        stamp = dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise BriefError(f"SOURCE_DATE_EPOCH={value!r} is not a Unix time in seconds") from None
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def glyph_problems(result: Localized, loaded: LoadedBrief, template: Template) -> list[Problem]:
    """Characters no font of the template can show, each with its field and position.

    Checked before drawing: reportlab would silently draw an empty box, Word would fall
    back to some other font.
    """
    from briefing.glyphs import covered_chars, missing_chars

    problems = []
    seen: set[tuple[str, str]] = set()
    covered = covered_chars(template)
    for path, text in result.texts:
        for ch in missing_chars(text, template, covered):
            where = field_path(path) if path is not None else "the toolkit's own text"
            if (ch, where) in seen:
                continue
            seen.add((ch, where))
            problems.append(
                Problem(
                    f"U+{ord(ch):04X} {_char_name(ch)} cannot be shown: "
                    f"no font of template {template.name!r} has it",
                    loaded.source.position(path) if path is not None else None,
                    where,
                )
            )
    return problems


def _char_name(ch: str) -> str:
    import unicodedata

    name = unicodedata.name(ch, "")
    return f"({name})" if name else ""


def write_atomic(target: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file in the same folder, then rename.

    A failed or killed render never leaves a partial file under the final name, and
    never touches the previous good output.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            raise BriefError(f"{target}: is a folder; cannot write the output there")
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise BriefError(f"{target.parent}: cannot write output: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BriefError(f"{target}: cannot write output: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def output_path(out_dir: Path, brief_path: Path, lang: str, fmt: str) -> Path:
    """OUT/<brief file stem>.<lang>.<pdf|docx>."""
    return out_dir / f"{brief_path.stem}.{lang}.{fmt}"
