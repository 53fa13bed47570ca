"""Units -> an XLIFF 1.2 or 2.1 file.

XLIFF 1.2 is the default because every CAT tool reads it; 2.1 is there for the tools
that prefer it. Both carry the same things: one unit per text with its path as id, a
note naming the field and where it is in the brief (and where each link goes, since
the address is not in the text), the source with its codes, and the existing
translation (state translated) or an empty target (needs-translation / initial).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from briefing import __version__
from briefing.validate import field_path

from .codes import REFS, Content, Span, reference_id, to_content
from .units import Unit

NS = {
    "1.2": "urn:oasis:names:tc:xliff:document:1.2",
    "2.1": "urn:oasis:names:tc:xliff:document:2.0",
}
VERSIONS = tuple(NS)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# What each kind of code is called: (1.2 <g ctype>, 2.1 <pc type>, 2.1 <pc subType>).
# A footnote is a paired code around its text, a cross-reference a standalone one
# (1.2 <x>, 2.1 <ph>); their names are ours, as both versions allow (x-..., prefix:...).
CODE_NAMES = {
    "bold": ("bold", "fmt", "xlf:b"),
    "italic": ("italic", "fmt", "xlf:i"),
    "link": ("link", "link", None),
    "note": ("x-note", "other", "brief:note"),
}
STANDALONE_NAMES = {
    "ref": ("x-ref", "other", "brief:ref"),
    "label": ("x-ref-label", "other", "brief:ref-label"),
}


def export(units: list[Unit], original: str, source_lang: str, lang: str, version: str) -> bytes:
    """The XLIFF file for ``units``: ``original`` names the brief, ``lang`` the target."""
    ns = NS[version]
    if version == "1.2":
        root = etree.Element(f"{{{ns}}}xliff", nsmap={None: ns}, version="1.2")
        file = _child(root, ns, "file", 1)
        file.attrib.update(
            {
                "original": original,
                "source-language": source_lang,
                "target-language": lang,
                "datatype": "plaintext",
            }
        )
        header = _child(file, ns, "header", 2)
        tool = _child(header, ns, "tool", 3)
        tool.attrib.update(
            {"tool-id": "briefing", "tool-name": "briefing", "tool-version": __version__}
        )
        parent = _child(file, ns, "body", 2)
    else:
        root = etree.Element(f"{{{ns}}}xliff", nsmap={None: ns}, version="2.1")
        root.attrib.update({"srcLang": source_lang, "trgLang": lang})
        parent = _child(root, ns, "file", 1)
        parent.attrib.update({"id": "f1", "original": original})
    for unit in units:
        _unit(parent, ns, version, unit)
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=True)
    return body + b"\n"


def _child(parent: etree._Element, ns: str, tag: str, depth: int) -> etree._Element:
    """A child element laid out one per line, indented by ``depth``. (Its previous
    sibling is a pointer away; ``len(parent)`` counts every child, which made a brief
    with 12,000 texts take 45 s.)"""
    el = etree.SubElement(parent, f"{{{ns}}}{tag}")
    before = el.getprevious()
    if before is None:
        parent.text = "\n" + "  " * depth
    else:
        before.tail = "\n" + "  " * depth
    el.tail = "\n" + "  " * (depth - 1)
    return el


def _unit(parent: etree._Element, ns: str, version: str, unit: Unit) -> None:
    depth = 2 if version == "2.1" else 3
    source, links = unit.content()
    target = None
    if unit.target is not None:
        target, _ = align(unit.target, source, links)
    where = f"{field_path(unit.path)} at {Path(unit.position.file).name}:{unit.position.line}:"
    note = where + f"{unit.position.col}"
    for code, url in links.items():
        if url.startswith("["):
            note += (
                f"; code {code} is the cross-reference {url}: it prints a number (x-ref, "
                "brief:ref) or the label, Table 2 (x-ref-label, brief:ref-label)"
            )
        else:
            note += f"; link {code} goes to {url}"
    if version == "1.2":
        el = _child(parent, ns, "trans-unit", depth)
        el.attrib.update({"id": unit.id, XML_SPACE: "preserve"})
        _content(_child(el, ns, "source", depth + 1), ns, version, source)
        tgt = _child(el, ns, "target", depth + 1)
        tgt.set("state", "translated" if target is not None else "needs-translation")
        if target is not None:
            _content(tgt, ns, version, target)
        _child(el, ns, "note", depth + 1).text = note
        return
    el = _child(parent, ns, "unit", depth)
    el.set("id", unit.id)
    notes = _child(el, ns, "notes", depth + 1)
    _child(notes, ns, "note", depth + 2).text = note
    segment = _child(el, ns, "segment", depth + 1)
    segment.set("state", "translated" if target is not None else "initial")
    src = _child(segment, ns, "source", depth + 2)
    src.set(XML_SPACE, "preserve")
    _content(src, ns, version, source)
    tgt = _child(segment, ns, "target", depth + 2)
    tgt.set(XML_SPACE, "preserve")
    if target is not None:
        _content(tgt, ns, version, target)


def align(text: str, source: Content, links: dict[str, str]) -> tuple[Content, dict[str, str]]:
    """A translation's tree with each code numbered as the source's code of the same
    kind (and, for a link, the same address) in order; a code the source lacks gets an
    id the source has not (``x1``), so a merge sees it differs. A cross-reference
    matches one to the same id in either form (its kind keeps the translation's form:
    the label where its language inflects the word). Also the addresses of such links
    of its own, by their new ids."""
    from .codes import VALUED, codes

    tree, own_links = to_content(text)
    free = codes(source)
    rename: dict[str, str] = {}
    extra = 0
    for code, kind in codes(tree):
        match = next(
            (
                (s, k)
                for s, k in free
                if _same_kind(k, kind)
                and (kind not in VALUED or _same_value(kind, links.get(s), own_links.get(code)))
            ),
            None,
        )
        if match is None:
            extra += 1
            rename[code] = f"x{extra}"
        else:
            free.remove(match)
            rename[code] = match[0]

    def walk(parts: Content) -> Content:
        return tuple(
            Span(rename[p.id], p.kind, walk(p.parts)) if isinstance(p, Span) else p for p in parts
        )

    extra_links = {rename[c]: url for c, url in own_links.items() if rename[c].startswith("x")}
    return walk(tree), extra_links


def _same_kind(a: str, b: str) -> bool:
    """The same kind of code; ``[@id]`` and ``[+@id]`` are one reference in two forms."""
    return a == b or {a, b} == set(REFS)


def _same_value(kind: str, ours: str | None, theirs: str | None) -> bool:
    """A link to the same address; a reference to the same id, in either form."""
    if kind in REFS and ours is not None and theirs is not None:
        return reference_id(ours) == reference_id(theirs)
    return ours == theirs


def _content(el: etree._Element, ns: str, version: str, parts: Content) -> None:
    """Text and codes as the children of ``el``."""
    last: etree._Element | None = None
    for part in parts:
        if isinstance(part, str):
            if last is None:
                el.text = (el.text or "") + part
            else:
                last.tail = (last.tail or "") + part
            continue
        standalone = part.kind in STANDALONE_NAMES
        ctype, kind, sub = (STANDALONE_NAMES if standalone else CODE_NAMES)[part.kind]
        if version == "1.2":
            tag = "x" if standalone else "g"
            last = etree.SubElement(el, f"{{{ns}}}{tag}", id=part.id, ctype=ctype)
        else:
            tag = "ph" if standalone else "pc"
            last = etree.SubElement(el, f"{{{ns}}}{tag}", id=part.id, type=kind)
            if sub is not None:
                last.set("subType", sub)
        _content(last, ns, version, part.parts)
