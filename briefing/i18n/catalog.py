"""gettext catalogs of the toolkit's words, found by looking in locales/.

A language is available when ``locales/<code>/LC_MESSAGES/briefing.po`` exists: adding
one is adding that file, no code. The .po is compiled in memory on first use (pofile.py;
one small catalog, well under a millisecond), so there are no compiled .mo files to keep
in step with the sources. Fuzzy entries are left out, like msgfmt does.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.resources import locales_dir

if TYPE_CHECKING:  # Babel is imported when a catalog is read, not to list or match them
    from babel.messages.catalog import Catalog

    from briefing.i18n.pofile import Compiled

DOMAIN = "briefing"


def po_path(code: str, root: Path | None = None) -> Path:
    return (root or locales_dir()) / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalog_languages(root: Path | None = None) -> tuple[str, ...]:
    """Codes of every language that has a catalog, sorted."""
    base = root or locales_dir()
    if not base.is_dir():
        return ()
    return tuple(sorted(p.name for p in base.iterdir() if po_path(p.name, base).is_file()))


@cache
def candidates(tag: str) -> tuple[str, ...]:
    """az-Latn-AZ -> (az-Latn-AZ, az-Latn, az): the fallback chain of a BCP 47 tag."""
    parts = tag.replace("_", "-").split("-")
    return tuple("-".join(parts[:n]) for n in range(len(parts), 0, -1))


def match_catalog(tag: str, root: Path | None = None) -> str | None:
    """The catalog that serves a language tag, or None: the one decision of the toolkit.

    The tag must be well formed (BCP 47 shape: no path, no spaces), and its fallback
    chain is followed (az-Latn-AZ -> az-Latn -> az), except across scripts: az-Cyrl is
    not served by the Latin az catalog, it would print Latin letters for Cyrillic.
    """
    from briefing.model import LANG_CODE  # the model's pattern for language codes

    if not LANG_CODE.match(tag):
        return None
    known = {code.lower().replace("_", "-"): code for code in catalog_languages(root)}
    for candidate in candidates(tag):
        code = known.get(candidate.lower())
        if code is not None:
            dropped = tag.replace("_", "-").split("-")[len(candidate.split("-")) :]
            script = next((s for s in dropped if len(s) == 4 and s.isalpha()), None)
            return code if script is None or _script_of(code) == script.title() else None
    return None


def catalog_for(tag: str, root: Path | None = None) -> str:
    """The catalog code for ``tag``, or UnknownLanguage naming the languages there are."""
    code = match_catalog(tag, root)
    if code is None:
        from briefing.errors import UnknownLanguage

        known = ", ".join(catalog_languages(root))
        raise UnknownLanguage(f"no catalog for language {tag!r} (known: {known}, or all)")
    return code


@cache
def _script_of(code: str) -> str | None:
    """The script a catalog's language is written in by default (CLDR likely subtags)."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(code.replace("-", "_"))
    parts = str(likely or "").split("_")
    return next((p for p in parts[1:] if len(p) == 4), None)


def read_catalog(code: str, root: Path | None = None) -> Catalog:
    """Parse one .po file; plural rules from CLDR, or the header for unknown languages."""
    from babel import Locale, UnknownLocaleError
    from babel.messages.pofile import read_po

    try:
        locale: Locale | None = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = None  # a language CLDR does not know: the .po header's Plural-Forms rule
    with po_path(code, root).open("rb") as fh:
        return read_po(fh, locale=locale, domain=DOMAIN)


@cache
def translations(code: str, root: Path | None = None) -> Compiled:
    """The compiled catalog of one language (a gettext object with ngettext)."""
    from briefing.i18n.pofile import compile_po

    return compile_po(po_path(code, root), code)
