"""Which parts of a reference.docx the clean package keeps, and what each must lose.

The kinds of part kept (the main document, styles, numbering, settings, web settings,
font table, theme, core and app properties), each checked for the root element it
must have and cleaned of what would reach every memo: the body but its final section
properties, header and footer references, the attached template and mail merge,
picture bullets, hyperlink lists, comments, and every element that names a
relationship. Also the checks that make the reference usable: page size and margins
in bounds, at most MAX_STYLES styles, and every style the renderer needs
(NEEDED_STYLES, through the fallbacks of stylenames). Separate from refzip (how the
file is read) and refpackage (how the clean one is written): this is the policy.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree

from briefing.renderers.docx.refzip import Broken, Element
from briefing.renderers.docx.stylenames import FALLBACKS

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

R_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


class PartKind(NamedTuple):
    """A part the clean package may hold: where, its relationship and content type."""

    name: str
    reltype: str
    content_type: str
    root: str  # the tag its root element must have
    optional: bool = False  # a wrong root drops the part (python-docx makes a new one)


DOCUMENT = PartKind(
    "word/document.xml", _RT + "officeDocument", _WML + "document.main+xml", f"{{{W}}}document"
)
CORE = PartKind(
    "docProps/core.xml",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    "application/vnd.openxmlformats-package.core-properties+xml",
    f"{{{CP}}}coreProperties",
    optional=True,
)
APP = PartKind(
    "docProps/app.xml",
    _RT + "extended-properties",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    f"{{{EP}}}Properties",
    optional=True,
)
# Parts related from the main document, in the order they are looked for.
DOCUMENT_PARTS = (
    PartKind("word/styles.xml", _RT + "styles", _WML + "styles+xml", f"{{{W}}}styles"),
    PartKind("word/numbering.xml", _RT + "numbering", _WML + "numbering+xml", f"{{{W}}}numbering"),
    PartKind("word/settings.xml", _RT + "settings", _WML + "settings+xml", f"{{{W}}}settings"),
    PartKind(
        "word/webSettings.xml", _RT + "webSettings", _WML + "webSettings+xml", f"{{{W}}}webSettings"
    ),
    PartKind("word/fontTable.xml", _RT + "fontTable", _WML + "fontTable+xml", f"{{{W}}}fonts"),
    PartKind("word/theme/theme1.xml", _RT + "theme", _THEME, f"{{{A}}}theme"),
)
# Parts python-docx reads again for every DOCX: a lower size cap, and a count cap.
COUNTED = {
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


def expected_root(kind: PartKind, root: Element, name: str) -> bool:
    """True if the part's root element is the one its kind has; an optional part with
    another is dropped (False), any other is broken."""
    if root.tag == kind.root:
        return True
    if kind.optional:
        return False
    wanted = etree.QName(kind.root).localname
    raise Broken(f"part {name} is not a {wanted} part (its root element is not {wanted})")


def check_count(kind: PartKind, root: Element, name: str) -> None:
    counted = COUNTED.get(kind.name)
    if counted is None:
        return
    what, tags = counted
    count = sum(1 for _ in root.iterchildren(*tags))
    if count > MAX_STYLES:
        raise Broken(f"part {name} has {count} {what} elements (at most {MAX_STYLES})")


_SECTION_ATTRIBUTES = {
    "pgSz": ("w", "h"),
    "pgMar": ("top", "bottom", "left", "right", "header", "footer", "gutter"),
}


def check_section(document: Element) -> None:
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
        raise Broken(*problems)
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
        raise Broken(*problems)


def reduce_body(document: Element) -> None:
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


def sanitize(kind: PartKind, root: Element) -> bool:
    """Remove what points at other parts or outside; True if anything was removed."""
    changed = strip_comments(root)
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
    return strip_relationship_references(root) or changed


_COMMENTS = etree.XPath("//comment() | //processing-instruction()")


def strip_comments(root: Element) -> bool:
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


def strip_relationship_references(root: Element) -> bool:
    """Elements that name a relationship (``r:id``, ``r:embed`` ...) are removed: no
    kept part has relationships, so each would dangle."""
    doomed = _R_BELOW(root)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return bool(doomed)


def check_styles(styles: Element | None) -> None:
    """Every style the renderer needs exists, itself or through its fallbacks."""
    if styles is None:
        raise Broken("has no styles (word/styles.xml): the DOCX renderer needs them")
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
        raise Broken(
            *(
                f"lacks the {kind} style {name!r}, which the DOCX renderer needs"
                + (f" (for {', '.join(users)})" if users != [name] else "")
                for (kind, name), users in missing.items()
            )
        )
