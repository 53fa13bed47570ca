"""The catalog workflow: the .pot matches the code, every catalog matches the .pot, and a
new language is one new .po file, with no code change."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from briefing.i18n import terms
from briefing.i18n.catalog import catalog_languages, read_catalog

ROOT = Path(__file__).resolve().parents[2]
POT = ROOT / "locales" / "briefing.pot"


def extracted() -> set[str | tuple[str, ...]]:
    """What `pybabel extract` (locales/README.md) finds in the code today."""
    found = extract_from_dir(
        str(ROOT),
        method_map=[("briefing/**.py", "python")],
        keywords={"N_": None, "Nn_": (1, 2)},
    )
    return {message for _file, _line, message, _comments, _context in found}


def pot_ids() -> set[str | tuple[str, ...]]:
    with POT.open("rb") as fh:
        return {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(fh) if m.id}


def test_the_pot_holds_every_term_the_code_uses() -> None:
    in_code = extracted()
    assert in_code, "extraction found nothing: is terms.py still marked with N_?"
    assert in_code - pot_ids() == set(), "run the pybabel extract line of locales/README.md"
    assert pot_ids() - in_code == set(), "the .pot has terms the code no longer uses"


def test_terms_module_and_pot_agree() -> None:
    expected = set(terms.SINGULAR_TERMS) | set(terms.PLURAL_TERMS)
    assert expected == pot_ids()


@pytest.mark.parametrize("code", catalog_languages())
def test_every_catalog_has_every_pot_term(code: str) -> None:
    catalog = read_catalog(code)
    for msgid in pot_ids():
        key = msgid if isinstance(msgid, str) else msgid[0]
        entry = catalog.get(key)
        assert entry is not None and not entry.fuzzy, f"{code} lacks {msgid!r}"


GERMAN = {
    "Summary": "Zusammenfassung", "Key points": "Kernpunkte", "Background": "Hintergrund",
    "Analysis": "Analyse", "Implications": "Folgen", "Outlook": "Ausblick",
    "Risks": "Risiken", "Options": "Optionen", "Recommendations": "Empfehlungen",
    "Next steps": "Nächste Schritte", "Sources": "Quellen", "Annex": "Anhang",
    "Timeline": "Zeitleiste", "PUBLIC": "ÖFFENTLICH",
    "FOR OFFICIAL USE ONLY": "NUR FÜR DEN DIENSTGEBRAUCH", "CONFIDENTIAL": "VERTRAULICH",
    "RESTRICTED": "VERSCHLUSSSACHE", "Policy memo": "Politisches Memorandum", "To": "An",
    "From": "Von", "Cc": "Kopie", "Subject": "Betreff", "Date": "Datum",
    "Reference": "Aktenzeichen", "Contents": "Inhalt",
    "Table {n}": "Tabelle {n}", "Figure {n}": "Abbildung {n}", "Annex {n}": "Anhang {n}",
    "Annex {n}: {title}": "Anhang {n}: {title}", "Note": "Hinweis",
    "Page {page} of {pages}": "Seite {page} von {pages}",
}  # fmt: skip
GERMAN_COUNTED = {"Enclosure": ("Anlage", "Anlagen"), "Prepared by": ("Erstellt von",) * 2}


def test_a_new_language_is_one_catalog(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales)
    with POT.open("rb") as fh:
        catalog = read_po(fh, locale="de")
    for message in catalog:
        if isinstance(message.id, tuple):
            message.string = GERMAN_COUNTED[message.id[0]]
        elif isinstance(message.id, str) and message.id:
            message.string = GERMAN[message.id]
    from babel.messages.pofile import write_po

    folder = locales / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "briefing.po").open("wb") as fh:
        write_po(fh, catalog)

    env = {**os.environ, "BRIEFING_LOCALES": str(locales)}
    example = ROOT / "examples" / "us-azerbaijan-charter.yaml"
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "render", str(example), "-l", "de", "-o", str(out)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "no de text" not in proc.stderr and "not translated" in proc.stderr  # falls back
    from tests.readback import docx_body, pdf_pages

    pdf = "\n".join(pdf_pages(out / "us-azerbaijan-charter.de.pdf"))
    for word in (
        "Zusammenfassung",
        "NUR FÜR DEN DIENSTGEBRAUCH",
        "Seite 1 von",
        "26. November 2026",
    ):
        assert word in pdf, word
    assert "Empfehlungen" in docx_body(out / "us-azerbaijan-charter.de.docx")
    langs = subprocess.run(
        [sys.executable, "-m", "briefing", "languages"],
        capture_output=True, text=True, env=env, check=True,
    ).stdout  # fmt: skip
    assert "de\tGerman\tDeutsch\t33/33 terms (100%)" in langs
