"""The package around the body: properties, hygiene, a reproducible zip.

python-docx keeps whatever core properties and stale parts the template had, and it
stamps every zip entry with the current time, so two saves of one document differ.
This module sets the document properties from the tree's metadata, drops the reference
document's stale parts, and writes the zip itself with fixed timestamps and a stable
part order. (The proofing language is language.py's.)
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from briefing.renderers.docx.zipwriter import write_zip
from briefing.tree import Metadata

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def set_properties(document: DocxDocument, meta: Metadata) -> None:
    """Title, subject, author, keywords, language and dates from the brief.

    ``created`` is the brief's date (midnight UTC); ``modified`` is the build time the
    tree carries (SOURCE_DATE_EPOCH, else the brief's date), never the clock, so two
    builds of one brief give the same bytes. Texts longer than a core property may
    hold are shortened (``fit_property``); the body keeps them whole.
    """
    props = document.core_properties
    props.title = fit_property(meta.title)
    props.subject = fit_property(meta.subject)
    props.author = fit_property(meta.author)
    props.last_modified_by = fit_property(meta.author)
    props.keywords = fit_property("; ".join(meta.keywords))
    props.language = meta.language
    props.comments = ""
    props.revision = 1
    # What a user's reference document says about itself is not true of the memo.
    for field in ("category", "content_status", "identifier", "version"):
        if getattr(props, field):
            setattr(props, field, "")
    for printed in props._element.findall(qn("cp:lastPrinted")):
        props._element.remove(printed)
    day = date.fromisoformat(meta.created[:10])
    props.created = datetime(day.year, day.month, day.day, tzinfo=UTC)
    props.modified = _utc(meta.modified)


# python-docx refuses a core property over 255 characters (ValueError), the length
# Word's own Properties dialog takes; the OOXML schema sets no limit, but a file Word
# would truncate on its next save is not worth a private write around the check.
PROPERTY_CHARS = 255


def fit_property(text: str, limit: int = PROPERTY_CHARS) -> str:
    """``text``, or if longer than ``limit`` its start cut at a word boundary (or at a
    "; " between keywords or authors) with an ellipsis, ``limit`` characters at most.

    Only the core properties are shortened: the PDF's info dictionary and XMP have no
    practical limit and keep the whole text, and the title, subject and authors are
    printed whole in the document body.
    """
    if len(text) <= limit:
        return text
    head = text[: limit - 1]  # room for the ellipsis
    for cut in (head.rfind("; "), max(head.rfind(" "), head.rfind("\u00a0"))):
        if cut > limit // 2:  # whole keywords, else whole words, if not too far back
            head = head[:cut]
            break
    return head.rstrip(" ;,.:\u00a0") + "…"


def drop_stale_parts(document: DocxDocument) -> None:
    """Parts of the reference document that would misdescribe the memo.

    Word 2010 kept a second copy of the styles (stylesWithEffects); once the styles
    change it disagrees with them, which a validator reports as a corrupt file. The
    thumbnail is a picture of the reference document, not of the memo.
    """
    for rels, stale in (
        (document.part.rels, STYLES_WITH_EFFECTS),
        (document.part.package.rels, RT.THUMBNAIL),
    ):
        for rid in [rid for rid, rel in rels.items() if rel.reltype == stale]:
            del rels[rid]


def _utc(stamp: str) -> datetime:
    """An ISO 8601 time (a trailing Z or an offset; a bare date means midnight) in UTC."""
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


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
    return zip_parts(entries)


def zip_parts(entries: dict[str, bytes]) -> bytes:
    """A zip of the parts with fixed dates, modes and order: the same parts, the same bytes.

    Also used by tools/make_reference_docx.py, so the reference document is reproducible
    the same way as every memo. The embedded fonts (word/fonts/) are the same in every
    memo: they are deflated once per process (zipwriter.py).
    """
    ordered = ((name, entries[name]) for name in sorted(entries, key=_part_order))
    return write_zip(ordered, ZIP_DATE, reuse=lambda name: name.startswith("word/fonts/"))
