"""The compiled catalogs shipped beside the .po files: current, used, and never stale."""

from __future__ import annotations

import gettext
import shutil
import sys
from io import BytesIO
from pathlib import Path

import pytest

from briefing.i18n import catalog, terms
from briefing.i18n.catalog import (
    catalog_languages,
    compile_catalog,
    compiled_path,
    po_path,
    read_catalog,
)
from briefing.resources import bundled_locales_dir

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import compile_catalogs  # noqa: E402  (a script in tools/, not a package)


@pytest.mark.parametrize("code", catalog_languages(bundled_locales_dir()))
def test_each_bundled_catalog_ships_compiled_from_its_current_po(code: str) -> None:
    """The .mo named after the .po's hash says what Babel's compile of that .po says,
    every message and every plural form: a .po edited without running
    tools/compile_catalogs.py fails here. (Meaning, not bytes: another Babel version
    may lay the same file out differently.)"""
    po = po_path(code, bundled_locales_dir())
    shipped = compiled_path(po, po.read_bytes())
    assert shipped.is_file(), f"run tools/compile_catalogs.py ({shipped.name} is missing)"
    ours = gettext.GNUTranslations(BytesIO(shipped.read_bytes()))
    babel = gettext.GNUTranslations(BytesIO(compile_catalog(code, bundled_locales_dir())))
    messages = [m for m in read_catalog(code, bundled_locales_dir()) if m.id]
    assert messages
    for message in messages:
        if isinstance(message.id, str):
            assert ours.gettext(message.id) == babel.gettext(message.id)
            continue
        one, many = str(message.id[0]), str(message.id[1])
        for n in range(112):
            assert ours.ngettext(one, many, n) == babel.ngettext(one, many, n)
    assert ours.info() == babel.info()


def test_no_compiled_catalog_is_left_over() -> None:
    assert compile_catalogs.main(["--check"]) == 0


def test_bundled_catalogs_are_read_without_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    """A render reads the shipped .mo: compiling is not even tried."""

    def refuse(code: str, root: Path | None = None) -> bytes:
        raise AssertionError(f"compiled {code} at run time")

    monkeypatch.setattr(catalog, "compile_catalog", refuse)
    catalog.translations.cache_clear()
    try:
        assert catalog.translations("ru").ngettext(*terms.ENCLOSURES, 21) == "Приложение"
        assert (
            catalog.translations("az").gettext(terms.MARKINGS["internal"])
            == "XİDMƏTİ İSTİFADƏ ÜÇÜN"
        )
    finally:
        catalog.translations.cache_clear()


def test_an_edited_po_is_compiled_not_its_stale_mo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy of the catalogs with the Azerbaijani "Summary" changed (and the old .mo
    still beside it, under BRIEFING_LOCALES) prints the new word."""
    copy = tmp_path / "locales"
    shutil.copytree(bundled_locales_dir(), copy)
    po = po_path("az", copy)
    before = catalog.translations("az").gettext("Summary")
    po.write_text(
        po.read_text(encoding="utf-8").replace(f'msgstr "{before}"', 'msgstr "Qısa xülasə"', 1),
        encoding="utf-8",
    )
    monkeypatch.setenv("BRIEFING_LOCALES", str(copy))
    catalog.translations.cache_clear()
    try:
        assert catalog.translations("az").gettext("Summary") == "Qısa xülasə"
    finally:
        catalog.translations.cache_clear()
