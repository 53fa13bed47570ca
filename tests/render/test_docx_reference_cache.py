"""The reference package read once per process (refcache.py), and why that is safe.

A bundled template's reference.docx is used as it is, without the cleaner: that is
only right while the cleaner would rebuild exactly the same parts from it, which is
what the first test checks (tools/make_reference_docx.py writing something the cleaner
changes would fail it). A folder a user brought still goes through the cleaner.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from briefing import api
from briefing.renderers.docx import document as docx_document
from briefing.renderers.docx.refcache import open_package, reference_package
from briefing.renderers.docx.reference import clean_reference
from briefing.resources import templates_dir

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
BUNDLED = sorted(
    p / "reference.docx" for p in templates_dir().iterdir() if (p / "reference.docx").is_file()
)
_BLANKS = etree.XMLParser(remove_blank_text=True)


def _parts(data: bytes) -> dict[str, bytes]:
    """Each part's XML in canonical form, indentation aside (lxml's C14N)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {
            name: etree.tostring(etree.fromstring(z.read(name), _BLANKS), method="c14n")
            for name in z.namelist()
        }


def _content_types(xml: bytes) -> set[tuple[str, str]]:
    root = etree.fromstring(xml)
    return {(etree.QName(el).localname, repr(sorted(el.attrib.items()))) for el in root}


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.parent.name)
def test_bundled_reference_needs_no_cleaning(path: Path) -> None:
    raw = _parts(path.read_bytes())
    clean = _parts(clean_reference(path))
    assert sorted(raw) == sorted(clean)
    for name in raw:
        if name == "[Content_Types].xml":  # the same entries, in another order
            assert _content_types(raw[name]) == _content_types(clean[name])
        else:
            assert raw[name] == clean[name], name


def test_bundled_templates_exist() -> None:
    assert BUNDLED, "no bundled reference.docx found"


def test_docx_from_the_bundled_reference_as_is_equals_the_cleaned_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tpl = api.template()
    doc = api.localize(api.load(EXAMPLE), "az", tpl).doc
    as_is = api.render(doc, "docx", tpl)
    monkeypatch.setattr(docx_document, "reference_package", clean_reference)
    cleaned = api.render(doc, "docx", tpl)
    assert as_is == cleaned


def test_each_open_is_a_document_of_its_own() -> None:
    data = reference_package(templates_dir() / "memo" / "reference.docx")
    first = open_package(data)
    first.add_paragraph("only in the first")
    first.styles.element.clear()
    second = open_package(data)
    assert "only in the first" not in second.element.xml
    assert len(second.styles.element) > 0
    assert second.part is not first.part


def test_a_folder_template_is_still_cleaned(tmp_path: Path) -> None:
    """A user's reference with a comment (which the cleaner removes) comes back
    without it: reference_package does not take a folder's file as it is."""
    folder = tmp_path / "house"
    shutil.copytree(templates_dir() / "memo", folder)
    target = folder / "reference.docx"
    with zipfile.ZipFile(templates_dir() / "memo" / "reference.docx") as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(
        b"<w:docDefaults>", b"<!-- from the house --><w:docDefaults>", 1
    )
    assert b"from the house" in parts["word/styles.xml"]
    with zipfile.ZipFile(target, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with zipfile.ZipFile(io.BytesIO(reference_package(target))) as z:
        assert b"from the house" not in z.read("word/styles.xml")
