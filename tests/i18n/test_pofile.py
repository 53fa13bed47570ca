"""The .po reader that compiles catalogs for rendering gives what Babel's compile gives.

Babel (read_po + write_mo without fuzzy entries + a gettext object) is the reference:
every lookup of every shipped catalog, and of a file of edge cases (fuzzy header and
entries, flags listed with fuzzy, empty and obsolete entries, msgctxt, strings over
several lines with escapes, entries with no blank line between them, plural forms
missing, empty and surplus), with the header's plural rule, CLDR's or English's.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from briefing.i18n.catalog import catalog_languages, po_path, translations
from briefing.i18n.pofile import compile_po, unescape

EDGES = Path(__file__).parent / "data" / "edge-cases.po"
RULE = '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);\\n"\n'


def babel_compiled(path: Path, code: str) -> Translations:
    try:
        locale: Locale | None = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = None
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


def assert_same(path: Path, code: str) -> None:
    mine, theirs = compile_po(path, code), babel_compiled(path, code)
    lookups = {k: v for k, v in mine._catalog.items() if k != ""}
    expected = {k: v for k, v in theirs._catalog.items() if k != ""}
    assert lookups == expected
    assert [mine.plural(n) for n in range(300)] == [theirs.plural(n) for n in range(300)]
    for key in expected:
        msgid = key[0] if isinstance(key, tuple) else key
        if "\x04" in msgid:
            context, msgid = msgid.split("\x04")
            assert mine.pgettext(context, msgid) == theirs.pgettext(context, msgid)
        else:
            assert mine.gettext(msgid) == theirs.gettext(msgid)
            for n in (0, 1, 2, 5, 21):
                assert mine.ngettext(msgid, "x", n) == theirs.ngettext(msgid, "x", n)


@pytest.mark.parametrize("code", catalog_languages())
def test_each_shipped_catalog_compiles_as_babel_compiles_it(code: str) -> None:
    assert_same(po_path(code), code)
    assert translations(code).gettext("Annex") == babel_compiled(po_path(code), code).gettext(
        "Annex"
    )


@pytest.mark.parametrize("code", ["az", "ru", "ga", "en", "xx-Qaaa"])
def test_edge_cases_compile_as_babel_compiles_them(code: str) -> None:
    """Without Plural-Forms in the header: CLDR's rule for the language (ru has three
    forms, ga five), English's for a language CLDR does not know."""
    assert_same(EDGES, code)


def test_the_headers_plural_rule_wins_over_the_languages(tmp_path: Path) -> None:
    po = tmp_path / "rule.po"
    text = EDGES.read_text(encoding="utf-8")
    po.write_text(text.replace('"Content-Type', RULE + '"Content-Type', 1), encoding="utf-8")
    assert_same(po, "en")
    assert compile_po(po, "en").ngettext("One file", "{n} files", 2) == "{n} files"


def test_unescape_reads_the_escapes_babel_reads() -> None:
    assert unescape(r'"a\"b\\c\td\ne\q"') == 'a"b\\c\td\ne\\q'
    assert unescape('"plain"') == "plain"
