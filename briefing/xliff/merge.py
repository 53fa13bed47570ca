"""Translated XLIFF units -> changes to a brief, every check done before anything is
written.

Each unit is checked against the brief as it is now: its id must name a translatable
text; its inline codes must be the source's (a lost link or an added bold is an
error); its text must be text a brief may hold (characters, glyph coverage, limits).
A unit whose source no longer matches the brief (edited after the export) is stale:
reported and skipped unless ``accept_stale``. Units with no target are skipped and
counted; a target that reads the same as the brief's translation changes nothing. Any
error stops the whole merge: the brief is not touched.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from briefing.errors import BriefError, KeyPath, Position, Problem
from briefing.i18n.language import canonical, same_language
from briefing.inline import parse_inline
from briefing.limits import Limits
from briefing.model import LANG_CODE
from briefing.textcheck import Invalid, check_text
from briefing.validate import field_path

from .codes import REFS, Content, Unwritable, codes, to_markdown, to_runs
from .read import XliffFile, XUnit
from .units import Unit, units
from .write import align

if TYPE_CHECKING:
    from briefing.api import LoadedBrief


@dataclass
class Update:
    """One translation to write: the text under ``key`` at ``path``."""

    path: KeyPath
    lang: str  # the output language it is for
    key: str  # the language key it goes under
    text: str  # inline Markdown
    position: Position  # the XLIFF target it came from


@dataclass
class Tally:
    merged: int = 0
    unchanged: int = 0
    untranslated: int = 0
    stale: int = 0

    def __str__(self) -> str:
        stale = f", {self.stale} stale (skipped)" if self.stale else ""
        return (
            f"{self.merged} merged, {self.unchanged} unchanged, "
            f"{self.untranslated} untranslated (skipped){stale}"
        )


@dataclass
class Plan:
    updates: list[Update] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    tallies: list[tuple[str, str, Tally]] = field(default_factory=list)  # file, lang, tally


def plan(
    loaded: LoadedBrief,
    files: list[XliffFile],
    accept_stale: bool,
    limits: Limits | None = None,
) -> Plan:
    """What merging ``files`` into ``loaded`` would change."""
    brief = loaded.brief
    limits = limits or Limits()
    out = Plan()
    by_lang: dict[str, dict[str, Unit]] = {}
    chosen: dict[tuple[KeyPath, str], Update] = {}
    for xfile in files:
        if not same_language(xfile.source_lang, brief.lang):
            out.errors.append(
                Problem(
                    f"this file translates from {xfile.source_lang!r}, but {loaded.path.name} "
                    f"is written in {brief.lang!r} (lang)",
                    xfile.source_lang_position,
                )
            )
            continue
        tallies: dict[str, Tally] = {}
        for xunit in xfile.units:
            lang = xunit.target_lang
            problem = _language_problem(lang, brief.lang)
            if problem:
                out.errors.append(Problem(problem, xunit.lang_position))
                break
            lang = canonical(lang)
            tally = tallies.setdefault(lang, Tally())
            if lang not in by_lang:
                by_lang[lang] = {u.id: u for u in units(brief, lang, loaded.source)}
            unit = by_lang[lang].get(xunit.id)
            if unit is None:
                out.errors.append(
                    Problem(
                        f"unit {xunit.id!r}: {loaded.path.name} has no text to translate there",
                        xunit.position,
                    )
                )
                continue
            update = _check(unit, xunit, lang, accept_stale, limits, out, tally)
            if update is None:
                continue
            earlier = chosen.get((unit.path, lang))
            if earlier is not None and earlier.text != update.text:
                out.errors.append(
                    Problem(
                        f"unit {xunit.id!r} is translated differently at {earlier.position}",
                        update.position,
                    )
                )
                continue
            if earlier is None:
                chosen[(unit.path, lang)] = update
                out.updates.append(update)
        out.tallies += [(xfile.path, lang, t) for lang, t in tallies.items()]
    return out


def _language_problem(lang: str, brief_lang: str) -> str | None:
    if not LANG_CODE.match(lang):
        return f"the target language {lang!r} is not a language code (en, az, ru, ...)"
    if same_language(lang, brief_lang):
        return (
            f"the target language {lang!r} is the brief's own language: its texts are the "
            "source, not a translation"
        )
    return None


def _check(
    unit: Unit,
    xunit: XUnit,
    lang: str,
    accept_stale: bool,
    limits: Limits,
    out: Plan,
    tally: Tally,
) -> Update | None:
    """The update one unit asks for, or None (skipped, unchanged, or an error recorded)."""
    if xunit.problems:  # wrong codes or language in the target, whatever it says
        out.errors += xunit.problems
        return None
    if xunit.target is None:
        tally.untranslated += 1
        return None
    source, links = unit.content()
    if unit.target is not None:
        _, extra = align(unit.target, source, links)
        try:
            same = to_runs(xunit.target, {**links, **extra}) == parse_inline(unit.target)
        except KeyError:  # a link code neither text has
            same = False
        if same:
            tally.unchanged += 1
            return None
    if xunit.source != source and not accept_stale:
        tally.stale += 1
        out.warnings.append(
            Problem(
                f"unit {xunit.id!r}: the source was changed in the brief after this file "
                f"was made; not merged (--accept-stale merges it): {field_path(unit.path)}",
                xunit.position,
                severity="warning",
            )
        )
        return None
    where = xunit.target_position
    errors = []
    mismatch = _codes_problem(source, xunit.target)
    if mismatch:
        bad = mismatch[1]
        errors.append(
            Problem(f"unit {xunit.id!r}: {mismatch[0]}", xunit.code_positions.get(bad, where))
        )
    if errors:
        out.errors += errors
        return None
    try:
        text = to_markdown(xunit.target, links)
        if len(text) > limits.text_chars:
            raise Invalid(
                f"{len(text):,} characters, over the text-chars limit of {limits.text_chars:,}"
            )
        check_text(text, limits.url_chars)
        covered = _glyphs()
        missing = sorted({ch for ch in text if ch not in covered and ch not in "\t\n\r"})
        if missing:
            raise Invalid(
                f"U+{ord(missing[0]):04X} cannot be shown: no font of the default template has it"
            )
    except (Unwritable, Invalid) as exc:
        message = exc.message if isinstance(exc, Invalid) else str(exc)
        out.errors.append(Problem(f"unit {xunit.id!r}: {message}", where))
        return None
    tally.merged += 1
    return Update(unit.path, lang, unit.key or lang, text, where)


def _codes_problem(source: Content, target: Content) -> tuple[str, str] | None:
    """What differs between the codes of the source and of the target, and the id to
    point at; None when they are the same."""
    want = dict(codes(source))
    have = codes(target)
    counts = Counter(code for code, _ in have)
    for code, kind in have:
        if code not in want:
            shown = kind if kind.startswith("<") else f"a {kind} code"
            return f"the target has {shown} (id {code!r}) that the source has not", code
        if want[code] != kind and {want[code], kind} != set(REFS):  # either form of a ref
            return f"code {code!r} is {want[code]} in the source but {kind} here", code
    for code, kind in want.items():
        if counts[code] == 0:
            return f"the {kind} code {code!r} of the source is missing from the target", code
    return None


@cache
def _glyphs() -> frozenset[str]:
    """Characters the default template's fonts can show (read once, only when a unit
    is to be merged)."""
    from briefing.api import template
    from briefing.glyphs import covered_chars

    return covered_chars(template())


def check_plan(result: Plan) -> None:
    if result.errors:
        raise BriefError(sorted(result.errors, key=_order))


def _order(p: Problem) -> tuple[str, int, int]:
    pos = p.position or Position("", 0, 0)
    return pos.file, pos.line, pos.col
