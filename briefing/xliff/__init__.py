"""XLIFF export and merge: translators work in their CAT tools, not in the brief.

``briefing xliff`` writes one XLIFF file per target language with every translatable
text of the brief as a unit (briefing/xliff/units.py finds them from the model; codes.py
turns inline markup into XLIFF codes; write.py writes 1.2 or 2.1). ``briefing merge``
reads the files back as untrusted input (read.py), checks every unit against the brief
as it is now (merge.py), and writes the translations into the YAML brief's language
maps (merge_yaml.py) or a Markdown brief's ``<stem>.<lang>.md`` (merge_md.py): each
file whole or not at all, the previous version kept beside it as ``<name>.bak``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import BriefError, Problem, UsageError
from briefing.limits import Limits

if TYPE_CHECKING:
    from briefing.api import LoadedBrief

VERSIONS = ("1.2", "2.1")


def export_xliff(loaded: LoadedBrief, lang: str, version: str = "1.2") -> bytes:
    """The XLIFF file (bytes) translating ``loaded`` into ``lang``."""
    from briefing.i18n.language import canonical, same_language
    from briefing.model import LANG_CODE

    from .units import units
    from .write import export

    if version not in VERSIONS:
        raise UsageError(f"unknown XLIFF version {version!r} (known: {', '.join(VERSIONS)})")
    if not LANG_CODE.match(lang):
        raise UsageError(f"{lang!r} is not a language code (en, az, ru, ...)")
    lang = canonical(lang)
    brief = loaded.brief
    if same_language(lang, brief.lang):
        raise UsageError(
            f"{lang} is the language {loaded.path.name} is written in; export for the "
            "language it is to be translated into"
        )
    found = units(brief, lang, loaded.source)
    return export(found, loaded.path.name, brief.lang, lang, version)


def xliff_path(out_dir: Path, stem: str, lang: str) -> Path:
    """OUT/<brief stem>.<lang>.xlf."""
    from briefing.i18n.language import canonical

    return out_dir / f"{stem}.{canonical(lang)}.xlf"


@dataclass
class MergeResult:
    """What a merge did: files written (with their backups), counts per XLIFF file and
    language, and warnings (stale units)."""

    written: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def merge_xliff(
    loaded: LoadedBrief,
    files: Sequence[str | Path],
    accept_stale: bool = False,
    limits: Limits | None = None,
) -> MergeResult:
    """Merge translated XLIFF ``files`` into the brief; BriefError (nothing written)
    lists every problem at its place in the XLIFF files."""
    from .merge import check_plan, plan
    from .read import read_xliff

    limits = limits or Limits()
    read, problems = [], []
    for file in files:
        try:
            read.append(read_xliff(Path(file), limits))
        except BriefError as exc:
            problems += exc.problems
    if problems:
        raise BriefError(problems)
    result = plan(loaded, read, accept_stale, limits)
    check_plan(result)
    out = MergeResult(warnings=result.warnings)
    out.summary = [f"{file}: {lang}: {tally}" for file, lang, tally in result.tallies]
    if not result.updates:
        return out  # nothing changes: the brief is left exactly as it was
    if loaded.path.suffix.lower() in (".md", ".markdown"):
        from .merge_md import merge_markdown

        changed = {path: text for path, text in merge_markdown(loaded, result.updates).items()}
    else:
        from briefing.readers import read_text

        from .merge_yaml import merge_yaml

        text = read_text(loaded.path, limits)
        merged = merge_yaml(text, loaded.source, loaded.brief.lang, result.updates)
        changed = {loaded.path: _as_saved(merged, loaded.path)}
    _write(changed, out)
    return out


def _as_saved(text: str, path: Path) -> str:
    """``text`` (read with ``\n`` line breaks) with the line breaks and byte-order mark
    the file was saved with, so a Windows file stays a Windows file and only the edited
    lines differ."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1 << 20)  # the first line break tells: the rest are the same
    except OSError:
        return text
    bom = "\ufeff" if head.startswith(b"\xef\xbb\xbf") else ""
    cr = head.find(b"\r")
    if cr < 0 or (0 <= head.find(b"\n") < cr):
        return bom + text
    ending = "\r\n" if head[cr + 1 : cr + 2] == b"\n" else "\r"
    return bom + text.replace("\n", ending)


def _write(changed: dict[Path, str], out: MergeResult) -> None:
    """Each file whole or not at all; what it held before kept as ``<name>.bak``."""
    from briefing.api import write_atomic

    for path, text in changed.items():
        if path.exists():
            backup = path.with_name(path.name + ".bak")
            try:
                previous = path.read_bytes()
            except OSError as exc:
                raise BriefError(f"{path}: cannot read: {exc.strerror}") from None
            write_atomic(backup, previous)
            out.backups.append(backup)
        write_atomic(path, text.encode("utf-8"))
        out.written.append(path)
