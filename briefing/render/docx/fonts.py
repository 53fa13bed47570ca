"""Embed the template's fonts so the memo looks the same where they are not installed.

Word and LibreOffice read fonts embedded in a .docx: each face is a part
``word/fonts/fontN.odttf`` related from the font table, obfuscated as ECMA-376 Part 1
§17.8.1 requires (the first 32 bytes XORed with a GUID key that the font table
entry carries as ``w:fontKey``). For every font the reference document's font table
names and the toolkit bundles (``briefing/fonts/<Family>-<Face>.ttf``, e.g. Noto Sans),
the four faces are embedded whole: the bundled files are already subset to the scripts
the toolkit supports, and a whole face keeps the memo editable (a per-document subset
would lose every letter the author has not typed yet). The key is derived from the
font's bytes, so the output stays reproducible.
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
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

from briefing.render.docx.ooxml import Element, sub
from briefing.resources import fonts_dir

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FACES = (
    ("w:embedRegular", "Regular"),
    ("w:embedBold", "Bold"),
    ("w:embedItalic", "Italic"),
    ("w:embedBoldItalic", "BoldItalic"),
)
# CT_Settings children that precede w:embedTrueTypeFonts, in schema order.
_BEFORE_EMBED = tuple(
    qn(f"w:{tag}")
    for tag in (
        "writeProtection",
        "view",
        "zoom",
        "removePersonalInformation",
        "removeDateAndTime",
        "doNotDisplayPageBoundaries",
        "displayBackgroundShape",
        "printPostScriptOverText",
        "printFractionalCharacterWidth",
        "printFormsData",
    )
)


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


def embed_fonts(document: DocxDocument) -> int:
    """Embed every bundled face of the fonts in the font table; the number embedded."""
    part = document.part
    try:
        font_table = part.part_related_by(RT.FONT_TABLE)
    except KeyError:
        return 0
    root = etree.fromstring(font_table.blob)
    embedded = 0
    for font in root.iterchildren(qn("w:font")):
        stem = (font.get(qn("w:name")) or "").replace(" ", "")
        for tag, face in FACES:
            path = fonts_dir() / f"{stem}-{face}.ttf"
            if not stem or not path.is_file() or font.find(qn(tag)) is not None:
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
        _keep_embedded(document.settings.element)
    return embedded


def _keep_embedded(settings: Element) -> None:
    """w:embedTrueTypeFonts, so Word keeps the fonts when it saves the file again."""
    if settings.find(qn("w:embedTrueTypeFonts")) is not None:
        return
    flag = etree.Element(qn("w:embedTrueTypeFonts"))
    anchor = None
    for child in settings:
        if child.tag in _BEFORE_EMBED:
            anchor = child
    if anchor is not None:
        anchor.addnext(flag)
    else:
        settings.insert(0, flag)
