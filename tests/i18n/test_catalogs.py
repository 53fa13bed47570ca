"""The catalogs: every term translated, nothing fuzzy or empty, placeholders intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.i18n import terms
from briefing.i18n.catalog import catalog_languages, match_catalog, read_catalog, translations
from briefing.i18n.completeness import missing_terms
from briefing.i18n.language import full_tag

LANGS = catalog_languages()
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def test_the_three_languages_have_catalogs() -> None:
    assert {"en", "az", "ru"} <= set(LANGS)


@pytest.mark.parametrize("code", LANGS)
def test_catalog_has_every_term(code: str) -> None:
    assert missing_terms(code) == []


@pytest.mark.parametrize("code", LANGS)
def test_no_entry_is_empty_or_fuzzy_and_placeholders_match(code: str) -> None:
    catalog = read_catalog(code)
    entries = [m for m in catalog if m.id]
    assert entries, "catalog is empty"
    for message in entries:
        assert not message.fuzzy, f"{code}: fuzzy entry {message.id!r}"
        ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        raw = message.string
        strings = tuple(raw) if isinstance(raw, (tuple, list)) else (raw or "",)
        assert all(strings), f"{code}: empty translation of {ids[0]!r}"
        wanted = set(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == wanted, f"{code}: {text!r} vs {ids[0]!r}"


def test_catalog_test_catches_a_broken_catalog(tmp_path: Path) -> None:
    """The checks above fail on a catalog with a missing, empty and fuzzy term."""
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "briefing.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Summary"\nmsgstr ""\n\n#, fuzzy\nmsgid "Background"\nmsgstr "Fon"\n',
        encoding="utf-8",
    )
    missing = missing_terms("xx", tmp_path)
    assert "Summary" in missing and "Background" in missing and "Risks" in missing


@pytest.mark.parametrize(
    ("code", "pair", "n", "expected"),
    [
        ("ru", terms.ENCLOSURES, 1, "Приложение"),
        ("ru", terms.ENCLOSURES, 3, "Приложения"),
        ("ru", terms.ENCLOSURES, 5, "Приложения"),
        ("ru", terms.ENCLOSURES, 21, "Приложение"),
        ("az", terms.ENCLOSURES, 1, "Əlavə"),
        ("az", terms.ENCLOSURES, 3, "Əlavələr"),
        ("en", terms.ENCLOSURES, 1, "Enclosure"),
        ("en", terms.ENCLOSURES, 2, "Enclosures"),
        ("ru", terms.PREPARED_BY, 1, "Исполнитель"),
        ("ru", terms.PREPARED_BY, 2, "Исполнители"),
        ("az", terms.PREPARED_BY, 1, "İcraçı"),
        ("az", terms.PREPARED_BY, 2, "İcraçılar"),
    ],
)
def test_plural_forms_come_from_the_catalog(
    code: str, pair: tuple[str, str], n: int, expected: str
) -> None:
    """A counted label agrees with its count: "Приложения" for 3 annexes, 21 takes
    the singular in Russian (CLDR's rule, from the catalog's Plural-Forms)."""
    assert translations(code).ngettext(pair[0], pair[1], n) == expected


def test_fallback_chain() -> None:
    assert match_catalog("az-Latn-AZ") == "az"
    assert match_catalog("ru-RU") == "ru"
    assert match_catalog("de") is None
    assert full_tag("az") == "az-Latn-AZ"
    assert full_tag("ru") == "ru-RU"
    assert full_tag("en") == "en-US"


def test_markings_keep_azerbaijani_capitals() -> None:
    """The catalog holds the capitals: str.upper() would give XIDMƏTI, not XİDMƏTİ."""
    marking = translations("az").gettext(terms.MARKINGS["internal"])
    assert marking == "XİDMƏTİ İSTİFADƏ ÜÇÜN"


def test_code_never_upper_cases_text() -> None:
    package = Path(__file__).resolve().parents[2] / "briefing"
    offenders = [
        f"{p.relative_to(package)}:{i}"
        for p in package.rglob("*.py")
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if ".upper()" in line
    ]
    assert offenders == []
