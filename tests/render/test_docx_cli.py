"""The DOCX through the command line, as a user gets it.

- Reproducible: two renders in two separate processes with the same SOURCE_DATE_EPOCH
  give byte-identical files (the one deliberate byte comparison besides the in-process
  one in test_docx.py), and the epoch is the "modified" time in the properties.
- The example in each language: headings in the tree's order and levels, every
  paragraph in a named style, the proofing language and properties of that language.
- ``-t DIR`` with the user's own reference.docx restyles the memo with no code change:
  the same paragraphs in the same styles, the look taken from the user's styles, the
  user's fonts embedded.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument

from briefing import api
from briefing.tree import walk_sections
from tests.render.test_docx_support import (
    EXAMPLE,
    HOUSE_COLOUR,
    HOUSE_FONT,
    HOUSE_RESTYLED,
    LANGS,
    assert_valid,
    cli_render,
    house_template,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EPOCH = 1767323045  # 2026-01-02T03:04:05Z


def _by_lang(paths: list[Path]) -> dict[str, bytes]:
    return {p.suffixes[-2].lstrip("."): p.read_bytes() for p in paths}


@pytest.mark.parametrize("flags", [(), ("--toc",)], ids=["plain", "toc"])
def test_two_processes_with_source_date_epoch_write_identical_bytes(
    tmp_path: Path, flags: tuple[str, ...]
) -> None:
    env = {"SOURCE_DATE_EPOCH": str(EPOCH)}
    first = _by_lang(cli_render(tmp_path / "a", "-l", "all", *flags, env=env))
    second = _by_lang(cli_render(tmp_path / "b", "-l", "all", *flags, env=env))
    assert set(first) == set(LANGS)
    for lang in LANGS:
        assert first[lang] == second[lang], f"{lang}: the two builds differ"
        props = docx.Document(io.BytesIO(first[lang])).core_properties
        assert props.modified == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        assert props.created == datetime(2026, 11, 26, tzinfo=UTC)  # the brief's date
        with zipfile.ZipFile(io.BytesIO(first[lang])) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_another_epoch_changes_only_the_modified_time(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": str(EPOCH)}
    (one,) = cli_render(tmp_path / "a", "-l", "ru", env=env)
    (two,) = cli_render(tmp_path / "b", "-l", "ru", env={"SOURCE_DATE_EPOCH": str(EPOCH + 60)})
    with zipfile.ZipFile(one) as a, zipfile.ZipFile(two) as b:
        differ = [n for n in a.namelist() if a.read(n) != b.read(n)]
        assert a.namelist() == b.namelist()
    assert differ == ["docProps/core.xml"]


# --- the example, read back in each language ---------------------------------------------

TAGS = {"en": "en-US", "az": "az-Latn-AZ", "ru": "ru-RU"}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, DocxDocument]:
    out = tmp_path_factory.mktemp("examples") / "out"
    paths = cli_render(out, "-l", "all")
    return {p.suffixes[-2].lstrip("."): docx.Document(str(p)) for p in paths}


@pytest.mark.parametrize("lang", LANGS)
def test_example_headings_styles_and_language(examples: dict[str, DocxDocument], lang: str) -> None:
    document = examples[lang]
    doc = api.localize(api.load(EXAMPLE), lang).doc
    headings = [
        (str(p.style.name), p.text)
        for p in document.paragraphs
        if p.style is not None and str(p.style.name).startswith("Heading")
    ]
    assert headings == [(f"Heading {s.level}", s.heading) for s in walk_sections(doc.sections)]
    unstyled = [p.text for p in document.paragraphs if p.style is None or p.style.name == "Normal"]
    assert unstyled == [], "every paragraph names a style of the template"
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(f"{W}val") == TAGS[lang]
    assert document.core_properties.language == TAGS[lang]
    assert document.core_properties.title == doc.title


# --- a reference.docx of the user's own -------------------------------------------------


@pytest.fixture(scope="module")
def restyled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The Russian memo with the bundled template and with the user's house template."""
    root = tmp_path_factory.mktemp("house")
    house = house_template(root / "house")
    (memo,) = cli_render(root / "memo", "-l", "ru")
    (own,) = cli_render(root / "own", "-l", "ru", "-t", str(house.path))
    return memo, own


def _paragraphs(document: DocxDocument) -> list[tuple[str, str]]:
    return [(str(p.style.name if p.style else ""), p.text) for p in document.paragraphs]


def test_own_reference_keeps_the_structure(restyled: tuple[Path, Path]) -> None:
    memo, own = (docx.Document(str(p)) for p in restyled)
    assert _paragraphs(own) == _paragraphs(memo)
    assert len(own.tables) == len(memo.tables)
    assert_valid(restyled[1])


def test_own_reference_supplies_the_look(restyled: tuple[Path, Path]) -> None:
    memo, own = (docx.Document(str(p)) for p in restyled)
    for name in HOUSE_RESTYLED:
        font = own.styles[name].font
        assert font.color.rgb is not None and str(font.color.rgb) == HOUSE_COLOUR
        assert font.name == HOUSE_FONT
        assert memo.styles[name].font.name != HOUSE_FONT
    assert own.styles["Body Text"].font.size is not None
    assert own.styles["Body Text"].font.size.pt == 11
    # No direct formatting carried the old look: heading runs name no font or colour.
    for paragraph in own.paragraphs:
        if str(paragraph.style.name if paragraph.style else "").startswith("Heading"):
            for run in paragraph._p.iter(f"{W}r"):
                rpr = run.find(f"{W}rPr")
                assert rpr is None or not len(rpr), paragraph.text


def test_own_reference_fonts_are_embedded(restyled: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(restyled[1]) as z:
        font_table = z.read("word/fontTable.xml").decode()
    for family in ("Noto Sans", HOUSE_FONT):
        entry = font_table.split(f'w:name="{family}"', 1)[1].split("</w:font>", 1)[0]
        for tag in ("embedRegular", "embedBold", "embedItalic", "embedBoldItalic"):
            assert f"<w:{tag} " in entry, (family, tag)
