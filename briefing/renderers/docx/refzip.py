"""A reference.docx's zip and XML, read as a stranger's file: with limits, never trusted.

A zip a stranger made may hold thousands of entries, or a part of a few kilobytes that
inflates to gigabytes; its XML may declare a DTD or entities. ReferenceZip reads only
the parts asked for, each with a bounded read under a total budget, so a zip bomb is
never inflated beyond the cap; parse_xml parses without DTDs or network access; the
package's relationships are read for their internal targets only. Separate from what
is kept of each part (refparts) because these rules hold for any part, and every
problem is a Broken that reference.py turns into a TemplateError naming the file.
"""

from __future__ import annotations

import posixpath
import zipfile

from lxml import etree

Element = etree._Element

MAX_ENTRIES = 1000  # zip entries (a Word document has a few dozen)
MAX_PART_BYTES = 20 * 1024 * 1024  # one part, uncompressed
MAX_TOTAL_BYTES = 50 * 1024 * 1024  # all parts read, uncompressed

PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class Broken(Exception):
    """The reference cannot be used; each argument says why (the file is added)."""


class ReferenceZip:
    """The zip, read with limits: entry lookup by name, bounded reads, a byte budget.

    (This module's records are plain classes and NamedTuples, not dataclasses, which
    build their methods with exec() at import.)"""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.entries: dict[str, zipfile.ZipInfo] = {}
        self.spent = 0
        infos = self.archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise Broken(f"has {len(infos)} zip entries (at most {MAX_ENTRIES})")
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
            raise Broken(too_big)
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
            raise Broken(f"part {name} cannot be read ({exc})") from None
        if len(data) > left:
            raise Broken(too_big)
        self.spent += len(data)
        return data


def rels_part_name(partname: str) -> str:
    folder, base = posixpath.split(partname)
    return posixpath.join(folder, "_rels", base + ".rels")


def relationships(z: ReferenceZip, rels_name: str, base: str) -> list[tuple[str, str, str]]:
    """(Id, type, part name) of each internal relationship; external ones are ignored."""
    data = z.read(rels_name)
    if data is None:
        return []
    out: list[tuple[str, str, str]] = []
    for rel in parse_xml(data, rels_name).iterchildren(f"{{{PACKAGE_RELS}}}Relationship"):
        if rel.get("TargetMode", "Internal") != "Internal":
            continue  # never followed, never copied
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        name = posixpath.normpath(name)
        if name.startswith("../") or name == "..":
            continue
        out.append((rel.get("Id", ""), rel.get("Type", ""), name))
    return out


def first_target(rels: list[tuple[str, str, str]], reltype: str) -> tuple[str, str, int] | None:
    """(part name, Id, position) of the first relationship of ``reltype``."""
    for order, (rel_id, kind, name) in enumerate(rels):
        if kind == reltype:
            return name, rel_id, order
    return None


def parse_xml(data: bytes, name: str) -> Element:
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise Broken(f"part {name} is not well-formed XML ({exc})") from None
    if root.getroottree().docinfo.doctype:
        raise Broken(f"part {name} declares a DTD, which Word documents never do")
    return root


def xml_bytes(root: Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data
