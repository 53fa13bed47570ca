"""The package around the body: properties, proofing language, reproducible zip.

python-docx leaves three things a memo needs undone: it has no API for the proofing
language (``w:lang``), it keeps whatever core properties the template had, and it
stamps every zip entry with the current time, so two saves of one document differ.
This module sets the document properties from the tree's metadata, puts the output
language on the document defaults and on every style that names a language, and
writes the zip itself with fixed timestamps and a stable part order.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

from briefing.render.docx.ooxml import Element, sub
from briefing.tree import Metadata

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

# Children of w:rPr that come after w:lang in schema order.
_AFTER_LANG = (qn("w:eastAsianLayout"), qn("w:specVanish"), qn("w:oMath"))


def set_properties(document: DocxDocument, meta: Metadata) -> None:
    """Title, subject, author, keywords, language and dates from the brief."""
    props = document.core_properties
    props.title = meta.title
    props.subject = meta.subject
    props.author = meta.author
    props.last_modified_by = meta.author
    props.keywords = "; ".join(meta.keywords)
    props.language = meta.language
    props.comments = ""
    props.revision = 1
    day = date.fromisoformat(meta.created[:10])
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
    props.created = midnight
    props.modified = midnight


def set_language(document: DocxDocument, lang_tag: str) -> None:
    """Proofing language for the whole document, e.g. ru-RU or az-Latn-AZ."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = sub(styles, "w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = sub(defaults, "w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = sub(rpr_default, "w:rPr")
    _lang_of(rpr).set(qn("w:val"), lang_tag)
    for lang in styles.iterfind(f"{qn('w:style')}/{qn('w:rPr')}/{qn('w:lang')}"):
        lang.set(qn("w:val"), lang_tag)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), lang_tag)


def _lang_of(rpr: Element) -> Element:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = sub(rpr, "w:lang")
        for child in rpr:
            if child.tag in _AFTER_LANG:
                child.addprevious(lang)
                break
    return lang


def _part_order(name: str) -> tuple[int, str]:
    """[Content_Types].xml first and the package relationships next, as Word writes."""
    first = {"[Content_Types].xml": 0, "_rels/.rels": 1}
    return (first.get(name, 2), name)


def _content_types(parts: list[Part]) -> bytes:
    types = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    for ext, content_type in (("rels", CT.OPC_RELATIONSHIPS), ("xml", CT.XML)):
        etree.SubElement(types, f"{{{CT_NS}}}Default", Extension=ext, ContentType=content_type)
    for part in sorted(parts, key=lambda p: str(p.partname)):
        etree.SubElement(
            types,
            f"{{{CT_NS}}}Override",
            PartName=str(part.partname),
            ContentType=part.content_type,
        )
    data: bytes = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def save(document: DocxDocument) -> bytes:
    """The package as .docx bytes: fixed timestamps, parts in a stable order.

    This replaces python-docx's ``save``, which stamps every zip entry with the current
    time; writing the zip once here (rather than saving and rewriting) also keeps the
    embedded fonts from being compressed twice.
    """
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    entries: dict[str, bytes] = {
        "[Content_Types].xml": _content_types(parts),
        "_rels/.rels": package.rels.xml,
    }
    for part in parts:
        entries[part.partname.membername] = part.blob
        if len(part.rels):
            entries[part.partname.rels_uri.membername] = part.rels.xml
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in sorted(entries, key=_part_order):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, entries[name])
    return out.getvalue()
