"""Embed the memo's fonts so it looks the same where they are not installed.

Word and LibreOffice read fonts embedded in a .docx: each face is a part
``word/fonts/fontN.odttf`` related from the font table, obfuscated as ECMA-376 Part 1
§17.8.1 requires (the first 32 bytes XORed with a GUID key that the font table
entry carries as ``w:fontKey``).

Which fonts: every font the styles name (``w:rFonts`` in styles.xml, document defaults
included) or the font table lists, for which the toolkit bundles faces
(``briefing/fonts/<Family>-<Face>.ttf``, e.g. Noto Sans, Noto Serif). Reading the
styles, not only the font table, means a user's reference.docx whose headings were
switched to Noto Serif gets Noto Serif embedded too; a font the table lacks gets an
entry. The four faces are embedded whole: the bundled files are already subset to the
scripts the toolkit supports, and a whole face keeps the memo editable (a per-document
subset would lose every letter the author has not typed yet).

The key is derived from the font's bytes, so the output stays reproducible, and each
obfuscated face is made once per process: it is the same for every memo.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from briefing.renderers.docx.ooxml import Element, sub
from briefing.renderers.docx.settings import set_flag
from briefing.resources import fonts_dir

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FACES = (
    ("w:embedRegular", "Regular"),
    ("w:embedBold", "Bold"),
    ("w:embedItalic", "Italic"),
    ("w:embedBoldItalic", "BoldItalic"),
)
_FONT_ATTRS = tuple(qn(f"w:{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia"))


def font_key(data: bytes) -> str:
    """A GUID for the font, derived from its bytes: same font, same key."""
    digits = f"{int.from_bytes(hashlib.sha256(data).digest()[:16], 'big'):032X}"
    groups = (digits[:8], digits[8:12], digits[12:16], digits[16:20], digits[20:])
    return "{" + "-".join(groups) + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the key's 16 bytes in reverse order (its own inverse)."""
    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ key_bytes[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


@cache
def _embedded(path: Path) -> tuple[str, bytes]:
    data = path.read_bytes()
    key = font_key(data)
    return key, obfuscate(data, key)


def bundled_face(family: str, face: str) -> Path | None:
    """The toolkit's file for one face of ``family`` ("Noto Sans", "Bold"), if any."""
    path = fonts_dir() / f"{family.replace(' ', '')}-{face}.ttf"
    return path if family and path.is_file() else None


def style_fonts(document: DocxDocument) -> list[str]:
    """Font names the styles use, in first-use order."""
    names: dict[str, None] = {}
    for rfonts in document.styles.element.iter(qn("w:rFonts")):
        for attr in _FONT_ATTRS:
            name = rfonts.get(attr)
            if name:
                names.setdefault(name, None)
    return list(names)


def embed_fonts(document: DocxDocument) -> int:
    """Embed every bundled face of the fonts the memo uses; the number embedded."""
    part = document.part
    try:
        font_table = part.part_related_by(RT.FONT_TABLE)
    except KeyError:
        return 0
    root = etree.fromstring(font_table.blob)
    entries = {f.get(qn("w:name"), ""): f for f in root.iterchildren(qn("w:font"))}
    for name in style_fonts(document):
        if name not in entries and bundled_face(name, "Regular") is not None:
            entries[name] = _new_entry(root, name)
    embedded = 0
    for name, font in entries.items():
        for tag, face in FACES:
            path = bundled_face(name, face)
            if path is None or font.find(qn(tag)) is not None:
                continue
            key, blob = _embedded(path)
            partname = part.package.next_partname("/word/fonts/font%d.odttf")
            font_part = Part(PackURI(partname), OBFUSCATED_FONT, blob, part.package)
            rid = font_table.relate_to(font_part, RT.FONT)
            sub(font, tag, {"r:id": rid, "w:fontKey": key})
            embedded += 1
    if embedded:
        # The font table is a plain part in python-docx (no XML API): replace its bytes.
        font_table._blob = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        # So Word keeps the fonts when it saves the file again.
        set_flag(document.settings.element, "embedTrueTypeFonts")
    return embedded


def _new_entry(root: Element, name: str) -> Element:
    """A font table entry for a font only the styles name (all its children optional)."""
    return sub(root, "w:font", {"w:name": name})
