"""A template's reference.docx, read as untrusted input and rebuilt clean.

The DOCX output starts as a copy of the reference document, so whatever the reference
carries would reach every memo: a template attached by URL (Word fetches it on opening,
which reveals the reader to its host), macros (vbaProject.bin), ActiveX controls,
embedded objects, mail-merge data sources, headers with pictures. And the file is a
zip a stranger may have made: a part of a few kilobytes may inflate to gigabytes.

So python-docx is never given the file itself. This module reads the zip with limits
(file size, entry count, and a bounded read of each part it needs, so a zip bomb is
never inflated beyond the cap; parts it does not need are never read), parses each XML
part without DTDs or network access, and builds a new package from only the parts the
renderer uses, under fixed names, with relationships it writes itself (never an
external one):

- word/document.xml: the body reduced to its final section properties (page size,
  margins), without header/footer references;
- styles.xml, numbering.xml (without picture bullets), theme, webSettings.xml;
- fontTable.xml without its embedded fonts (the renderer embeds its own);
- settings.xml without the attached template, mail merge and anything else that
  points at another part;
- the core and app properties (app.xml without hyperlink lists).

Every other part is dropped, and any element left that names a relationship
(``r:id``, ``r:embed`` ...) is removed, since no part keeps its relationships. The
reference must also define the styles the renderer needs (after the fallback chains of
styles.py). Every problem is a TemplateError naming the file. The clean package is
cached per process on the file's path, size and time.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from briefing.errors import Problem, TemplateError
from briefing.renderers.docx.stylenames import FALLBACKS

Element = etree._Element

MAX_FILE_BYTES = 50 * 1024 * 1024  # the .docx itself
MAX_ENTRIES = 1000  # zip entries (a Word document has a few dozen)
MAX_PART_BYTES = 20 * 1024 * 1024  # one part, uncompressed
MAX_TOTAL_BYTES = 50 * 1024 * 1024  # all parts read, uncompressed
# styles.xml and numbering.xml are parsed again by python-docx for every DOCX written,
# and searched linearly for each style asked for: Word's own hold a few hundred styles
# in a few hundred KB.
MAX_LIST_PART_BYTES = 5 * 1024 * 1024
MAX_STYLES = 5000  # w:style (or w:num, w:abstractNum) elements of one part
# Page size and margins of the section properties, in twips (1/1440 in).
TWIPS_PER_INCH = 1440
MIN_PAGE_TWIPS, MAX_PAGE_TWIPS = TWIPS_PER_INCH, 200 * TWIPS_PER_INCH
_TWIPS = re.compile(r"^\s*(-?)([0-9]+)\s*$")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
R_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


class _Kind(NamedTuple):
    """A part the clean package may hold: where, its relationship and content type."""

    name: str
    reltype: str
    content_type: str
    root: str  # the tag its root element must have
    optional: bool = False  # a wrong root drops the part (python-docx makes a new one)


DOCUMENT = _Kind(
    "word/document.xml", _RT + "officeDocument", _WML + "document.main+xml", f"{{{W}}}document"
)
CORE = _Kind(
    "docProps/core.xml",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    "application/vnd.openxmlformats-package.core-properties+xml",
    f"{{{CP}}}coreProperties",
    optional=True,
)
APP = _Kind(
    "docProps/app.xml",
    _RT + "extended-properties",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    f"{{{EP}}}Properties",
    optional=True,
)
# Parts related from the main document, in the order they are looked for.
DOCUMENT_PARTS = (
    _Kind("word/styles.xml", _RT + "styles", _WML + "styles+xml", f"{{{W}}}styles"),
    _Kind("word/numbering.xml", _RT + "numbering", _WML + "numbering+xml", f"{{{W}}}numbering"),
    _Kind("word/settings.xml", _RT + "settings", _WML + "settings+xml", f"{{{W}}}settings"),
    _Kind(
        "word/webSettings.xml", _RT + "webSettings", _WML + "webSettings+xml", f"{{{W}}}webSettings"
    ),
    _Kind("word/fontTable.xml", _RT + "fontTable", _WML + "fontTable+xml", f"{{{W}}}fonts"),
    _Kind("word/theme/theme1.xml", _RT + "theme", _THEME, f"{{{A}}}theme"),
)
# Parts python-docx reads again for every DOCX: a lower size cap, and a count cap.
_COUNTED = {
    "word/styles.xml": ("w:style", (f"{{{W}}}style",)),
    "word/numbering.xml": ("w:num and w:abstractNum", (f"{{{W}}}num", f"{{{W}}}abstractNum")),
}

# Style names the renderer asks for, by type; each must resolve through FALLBACKS.
# (The TOC entry styles and the Hyperlink character style may be absent: Word's own
# defaults then apply.)
NEEDED_STYLES: dict[str, tuple[str, ...]] = {
    "paragraph": (
        "Title", "Subtitle", "Document Type", "Date Line", "Heading 1", "Heading 2",
        "Heading 3", "Body Text", "Quote", "Attribution", "Call-out Note", "List Bullet",
        "List Bullet 2", "List Bullet 3", "List Number", "List Number 2", "List Number 3",
        "Caption", "Table Heading", "Table Text", "Memo Label", "Memo Value", "Prepared By",
        "Classification Marking", "Footer", "TOC Heading",
    ),
    "table": ("Data Table", "Memo Table"),
}  # fmt: skip

# Children of w:settings that point outside the document or at other parts.
_SETTINGS_DROPPED = ("attachedTemplate", "mailMerge")
# Picture bullets need an image part, which is not kept.
_NUMBERING_DROPPED = ("numPicBullet", "lvlPicBulletId")
_ID = re.compile(r"^[A-Za-z_][\w.-]*$")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class _Broken(Exception):
    """The reference cannot be used; each argument says why (the file is added)."""


class _Zip:
    """The zip, read with limits: entry lookup by name, bounded reads, a byte budget.

    (This module's records are plain classes and NamedTuples, not dataclasses, which
    build their methods with exec() at import.)"""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.entries: dict[str, zipfile.ZipInfo] = {}
        self.spent = 0
        infos = self.archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise _Broken(f"has {len(infos)} zip entries (at most {MAX_ENTRIES})")
        for info in infos:
            if not info.is_dir():
                self.entries.setdefault(info.filename.lower(), info)  # OPC names: any case

    def read(self, name: str, limit: int = MAX_PART_BYTES) -> bytes | None:
        """A part's bytes, or None if absent; never more than the limits allow."""
        info = self.entries.get(name.lower())
        if info is None:
            return None
        left = min(limit, MAX_TOTAL_BYTES - self.spent)
        too_big = f"part {name} is larger than {left // (1024 * 1024)} MB uncompressed"
        if info.file_size > left:
            raise _Broken(too_big)
        try:
            with self.archive.open(info) as stream:
                data = stream.read(left + 1)  # never inflates past the cap
        except (
            zipfile.BadZipFile,
            OSError,
            RuntimeError,
            NotImplementedError,
            EOFError,
            ValueError,
        ) as exc:
            raise _Broken(f"part {name} cannot be read ({exc})") from None
        if len(data) > left:
            raise _Broken(too_big)
        self.spent += len(data)
        return data


class _Part(NamedTuple):
    kind: _Kind
    data: bytes
    rel_id: str
    order: int  # position of its relationship in the reference


def template_reference(folder: Path) -> Path | None:
    """The reference.docx of a template folder, or None if it has none.

    A link that leads outside the folder, or something that is not a regular file, is
    a TemplateError: nothing outside the template folder is read.
    """
    path = folder / "reference.docx"
    if not os.path.lexists(path):
        return None
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise TemplateError(f"{path}: a broken link") from None
    if not real.is_relative_to(folder.resolve()):
        raise TemplateError(f"{path}: a link that leads outside the template folder")
    if not real.is_file():
        raise TemplateError(f"{path}: not a regular file")
    return real


def clean_reference(path: Path) -> bytes:
    """The clean package built from the reference document at ``path``.

    Raises TemplateError naming the file when it is not a usable Word document.
    """
    try:
        stat = path.stat()
    except OSError as exc:
        raise TemplateError(
            f"{path}: cannot read the reference document ({exc.strerror})"
        ) from None
    return _clean(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _clean(path: Path, mtime_ns: int, size: int) -> bytes:
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise TemplateError(f"{path}: larger than {limit} MB; not a reference document")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        raise TemplateError(f"{path}: not a Word document (.docx): not a zip file") from None
    try:
        with archive:
            return _rebuild(_Zip(archive))
    except _Broken as exc:
        raise TemplateError([Problem(f"{path}: {line}") for line in exc.args]) from None


def _rebuild(z: _Zip) -> bytes:
    package_rels = _relationships(z, "_rels/.rels", "")
    main = _target(package_rels, DOCUMENT.reltype)
    if main is None:
        raise _Broken("not a Word document (.docx): it names no main document part")
    document_xml = z.read(main[0])
    if document_xml is None:
        raise _Broken(f"not a Word document (.docx): its main part {main[0]} is missing")
    document = _parse(document_xml, main[0])
    if document.tag != DOCUMENT.root:
        raise _Broken("not a Word document (.docx): its main part is not w:document")
    _reduce_body(document)
    _strip_comments(document)
    _strip_relationship_references(document)
    _check_section(document)
    parts = [_Part(DOCUMENT, _xml(document), main[1], main[2])]
    document_rels = _relationships(z, _rels_name(main[0]), posixpath.dirname(main[0]))
    styles_root: Element | None = None
    for kind in DOCUMENT_PARTS:
        found = _target(document_rels, kind.reltype)
        limit = MAX_LIST_PART_BYTES if kind.name in _COUNTED else MAX_PART_BYTES
        data = z.read(found[0], limit) if found else None
        if data is None or found is None:
            continue
        root = _parse(data, found[0])
        if not _expected_root(kind, root, found[0]):
            continue
        _check_count(kind, root, found[0])
        if _sanitize(kind, root):
            data = _xml(root)
        if kind.name == "word/styles.xml":
            styles_root = root
        parts.append(_Part(kind, data, found[1], found[2]))
    _check_styles(styles_root)
    for kind in (CORE, APP):
        found = _target(package_rels, kind.reltype)
        data = z.read(found[0]) if found else None
        if data is None or found is None:
            continue
        root = _parse(data, found[0])
        if not _expected_root(kind, root, found[0]):
            continue
        if _sanitize(kind, root):
            data = _xml(root)
        parts.append(_Part(kind, data, found[1], found[2]))
    return _package(parts)


def _expected_root(kind: _Kind, root: Element, name: str) -> bool:
    """True if the part's root element is the one its kind has; an optional part with
    another is dropped (False), any other is broken."""
    if root.tag == kind.root:
        return True
    if kind.optional:
        return False
    wanted = etree.QName(kind.root).localname
    raise _Broken(f"part {name} is not a {wanted} part (its root element is not {wanted})")


def _check_count(kind: _Kind, root: Element, name: str) -> None:
    counted = _COUNTED.get(kind.name)
    if counted is None:
        return
    what, tags = counted
    count = sum(1 for _ in root.iterchildren(*tags))
    if count > MAX_STYLES:
        raise _Broken(f"part {name} has {count} {what} elements (at most {MAX_STYLES})")


_SECTION_ATTRIBUTES = {
    "pgSz": ("w", "h"),
    "pgMar": ("top", "bottom", "left", "right", "header", "footer", "gutter"),
}


def _check_section(document: Element) -> None:
    """The final section's page size and margins are plain twips python-docx can read,
    within bounds, and leave at least an inch of text width and height."""
    sect_pr = document.find(f"{{{W}}}body/{{{W}}}sectPr")
    if sect_pr is None:
        return
    problems: list[str] = []
    values: dict[str, int] = {}
    for tag, names in _SECTION_ATTRIBUTES.items():
        for element in sect_pr.findall(f"{{{W}}}{tag}"):
            for attribute in names:
                raw = element.get(f"{{{W}}}{attribute}")
                if raw is None:
                    continue
                where = f"w:{tag} w:{attribute}"
                m = _TWIPS.match(raw)
                if not m:
                    problems.append(f"{where}={raw[:20]!r} is not a whole number of twips")
                    continue
                if m.group(1):
                    problems.append(f"{where}={raw[:20]!r} is negative")
                    continue
                digits = m.group(2).lstrip("0") or "0"
                value = int(digits) if len(digits) <= 9 else MAX_PAGE_TWIPS * 10
                if tag == "pgSz" and not MIN_PAGE_TWIPS <= value <= MAX_PAGE_TWIPS:
                    problems.append(
                        f"{where}={raw[:20]!r} is out of range "
                        f"({MIN_PAGE_TWIPS} to {MAX_PAGE_TWIPS} twips: 1 to 200 inches)"
                    )
                elif value > MAX_PAGE_TWIPS:
                    problems.append(f"{where}={raw[:20]!r} is larger than any page")
                else:
                    values.setdefault(f"{tag}.{attribute}", value)
    if problems:
        raise _Broken(*problems)
    width, height = values.get("pgSz.w"), values.get("pgSz.h")
    if width is not None:
        sides = sum(values.get(f"pgMar.{k}", 0) for k in ("left", "right", "gutter"))
        if width - sides < TWIPS_PER_INCH:
            problems.append("w:pgMar left, right and gutter leave less than 1 inch of text width")
    if height is not None:
        ends = sum(values.get(f"pgMar.{k}", 0) for k in ("top", "bottom"))
        if height - ends < TWIPS_PER_INCH:
            problems.append("w:pgMar top and bottom leave less than 1 inch of text height")
    if problems:
        raise _Broken(*problems)


# -- relationships ---------------------------------------------------------------------


def _rels_name(partname: str) -> str:
    folder, base = posixpath.split(partname)
    return posixpath.join(folder, "_rels", base + ".rels")


def _relationships(z: _Zip, rels_name: str, base: str) -> list[tuple[str, str, str]]:
    """(Id, type, part name) of each internal relationship; external ones are ignored."""
    data = z.read(rels_name)
    if data is None:
        return []
    out: list[tuple[str, str, str]] = []
    for rel in _parse(data, rels_name).iterchildren(f"{{{PACKAGE_RELS}}}Relationship"):
        if rel.get("TargetMode", "Internal") != "Internal":
            continue  # never followed, never copied
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        name = posixpath.normpath(name)
        if name.startswith("../") or name == "..":
            continue
        out.append((rel.get("Id", ""), rel.get("Type", ""), name))
    return out


def _target(rels: list[tuple[str, str, str]], reltype: str) -> tuple[str, str, int] | None:
    """(part name, Id, position) of the first relationship of ``reltype``."""
    for order, (rel_id, kind, name) in enumerate(rels):
        if kind == reltype:
            return name, rel_id, order
    return None


# -- the XML of the parts ----------------------------------------------------------------


def _parse(data: bytes, name: str) -> Element:
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise _Broken(f"part {name} is not well-formed XML ({exc})") from None
    if root.getroottree().docinfo.doctype:
        raise _Broken(f"part {name} declares a DTD, which Word documents never do")
    return root


def _xml(root: Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def _reduce_body(document: Element) -> None:
    """Only w:body (and the page background) stays; the body keeps its final sectPr."""
    for child in list(document):
        if child.tag not in (f"{{{W}}}body", f"{{{W}}}background"):
            document.remove(child)
    body = document.find(f"{{{W}}}body")
    if body is None:
        body = etree.SubElement(document, f"{{{W}}}body")
    last = body[-1] if len(body) and body[-1].tag == f"{{{W}}}sectPr" else None
    for child in list(body):
        if child is not last:
            body.remove(child)
    if last is not None:
        for tag in ("headerReference", "footerReference"):
            for ref in last.findall(f"{{{W}}}{tag}"):
                last.remove(ref)


def _sanitize(kind: _Kind, root: Element) -> bool:
    """Remove what points at other parts or outside; True if anything was removed."""
    changed = _strip_comments(root)
    if kind.name == "word/settings.xml":
        for child in list(root):
            local = etree.QName(child).localname
            if local in _SETTINGS_DROPPED or _names_relationship(child):
                root.remove(child)
                changed = True
    elif kind.name == "word/numbering.xml":
        for tag in _NUMBERING_DROPPED:
            for element in list(root.iter(f"{{{W}}}{tag}")):
                parent = element.getparent()
                if parent is not None:
                    parent.remove(element)
                    changed = True
    elif kind is APP:
        for tag in ("HLinks", "HyperlinkBase"):
            for element in root.findall(f"{{{EP}}}{tag}"):
                root.remove(element)
                changed = True
    return _strip_relationship_references(root) or changed


_COMMENTS = etree.XPath("//comment() | //processing-instruction()")


def _strip_comments(root: Element) -> bool:
    """Comments and processing instructions are removed (their tail text stays); True if
    there were any, around the root too (serializing the root drops those)."""
    around = root.getprevious() is not None or root.getnext() is not None
    if not _COMMENTS(root):
        return around
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return True


# Elements below the root, or the element itself and below, with an attribute in a
# relationships namespace (r:id, r:embed, r:link ...): found by libxml2, not in Python.
_R_PREFIXES = {"r": R_NAMESPACES[0], "s": R_NAMESPACES[1]}
_R_BELOW = etree.XPath(".//*[@r:* or @s:*]", namespaces=_R_PREFIXES)
_R_SELF_OR_BELOW = etree.XPath("descendant-or-self::*[@r:* or @s:*]", namespaces=_R_PREFIXES)


def _names_relationship(element: Element) -> bool:
    return bool(_R_SELF_OR_BELOW(element))


def _strip_relationship_references(root: Element) -> bool:
    """Elements that name a relationship (``r:id``, ``r:embed`` ...) are removed: no
    kept part has relationships, so each would dangle."""
    doomed = _R_BELOW(root)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return bool(doomed)


def _check_styles(styles: Element | None) -> None:
    """Every style the renderer needs exists, itself or through its fallbacks."""
    if styles is None:
        raise _Broken("has no styles (word/styles.xml): the DOCX renderer needs them")
    present: set[tuple[str, str]] = set()
    for style in styles.iterchildren(f"{{{W}}}style"):
        name = style.find(f"{{{W}}}name")
        if name is not None:
            kind = style.get(f"{{{W}}}type", "paragraph")
            present.add((kind, (name.get(f"{{{W}}}val") or "").lower()))
    missing: dict[tuple[str, str], list[str]] = {}
    for kind, names in NEEDED_STYLES.items():
        for wanted in names:
            chain = [wanted]
            while chain[-1] in FALLBACKS:
                chain.append(FALLBACKS[chain[-1]])
            if not any((kind, n.lower()) in present for n in chain):
                missing.setdefault((kind, chain[-1]), []).append(wanted)
    if missing:
        raise _Broken(
            *(
                f"lacks the {kind} style {name!r}, which the DOCX renderer needs"
                + (f" (for {', '.join(users)})" if users != [name] else "")
                for (kind, name), users in missing.items()
            )
        )


# -- the clean package -------------------------------------------------------------------


def _package(parts: list[_Part]) -> bytes:
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


def _rels_xml(parts: list[_Part], base: str) -> bytes:
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
    return _xml(root)


def _content_types(parts: list[_Part]) -> bytes:
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
    return _xml(root)
