"""The clean package: the kept parts under fixed names, with relationships written here.

python-docx opens this zip instead of the reference itself. Every relationship and
content type in it is made here from the kinds of part kept (refparts), none copied,
so no external target or unknown part can come through; the reference's relationship
Ids are kept where they are usable so a memo's Ids stay what they were.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import NamedTuple

from lxml import etree

from briefing.renderers.docx.refparts import APP, CORE, DOCUMENT, PartKind
from briefing.renderers.docx.refzip import PACKAGE_RELS, xml_bytes

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

_ID = re.compile(r"^[A-Za-z_][\w.-]*$")


class Part(NamedTuple):
    kind: PartKind
    data: bytes
    rel_id: str
    order: int  # position of its relationship in the reference


def write_package(parts: list[Part]) -> bytes:
    """A zip python-docx opens: the parts under fixed names, relationships made here."""
    package_level = [p for p in parts if p.kind in (DOCUMENT, CORE, APP)]
    document_level = [p for p in parts if p not in package_level]
    entries = {
        "[Content_Types].xml": _content_types(parts),
        "_rels/.rels": _rels_xml(package_level, ""),
        "word/_rels/document.xml.rels": _rels_xml(document_level, "word/"),
    }
    entries.update((p.kind.name, p.data) for p in parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _rels_xml(parts: list[Part], base: str) -> bytes:
    """One relationships part, in the reference's order and with its Ids where they are
    usable (so a memo's relationship Ids stay what they were before this module)."""
    ids: dict[str, str] = {}
    for part in sorted(parts, key=lambda p: p.order):
        if _ID.match(part.rel_id) and part.rel_id not in ids.values():
            ids[part.kind.name] = part.rel_id
    counter = 0
    root = etree.Element(f"{{{PACKAGE_RELS}}}Relationships", nsmap={None: PACKAGE_RELS})
    for part in sorted(parts, key=lambda p: p.order):
        while part.kind.name not in ids:
            counter += 1
            if f"rId{counter}" not in ids.values():
                ids[part.kind.name] = f"rId{counter}"
        etree.SubElement(
            root,
            f"{{{PACKAGE_RELS}}}Relationship",
            Id=ids[part.kind.name],
            Type=part.kind.reltype,
            Target=part.kind.name.removeprefix(base),
        )
    return xml_bytes(root)


def _content_types(parts: list[Part]) -> bytes:
    root = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    etree.SubElement(
        root,
        f"{{{CT_NS}}}Default",
        Extension="rels",
        ContentType="application/vnd.openxmlformats-package.relationships+xml",
    )
    etree.SubElement(root, f"{{{CT_NS}}}Default", Extension="xml", ContentType="application/xml")
    for part in parts:
        etree.SubElement(
            root,
            f"{{{CT_NS}}}Override",
            PartName="/" + part.kind.name,
            ContentType=part.kind.content_type,
        )
    return xml_bytes(root)
