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

This module finds the reference and rebuilds it; refzip reads the zip and its XML with
limits, refparts decides what is kept and checks it, refpackage writes the new zip.
"""

from __future__ import annotations

import os
import posixpath
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import Problem, TemplateError

if TYPE_CHECKING:
    from briefing.renderers.docx.refzip import ReferenceZip

MAX_FILE_BYTES = 50 * 1024 * 1024  # the .docx itself


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
    # The cleaner's modules are imported on first use: the bundled template's reference
    # is used as it is (refcache.py), so a render with it never loads them.
    from briefing.renderers.docx.refzip import Broken, ReferenceZip

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        raise TemplateError(f"{path}: not a Word document (.docx): not a zip file") from None
    try:
        with archive:
            return _rebuild(ReferenceZip(archive))
    except Broken as exc:
        raise TemplateError([Problem(f"{path}: {line}") for line in exc.args]) from None


def _rebuild(z: ReferenceZip) -> bytes:
    from briefing.renderers.docx.refpackage import Part, write_package
    from briefing.renderers.docx.refparts import (
        APP,
        CORE,
        COUNTED,
        DOCUMENT,
        DOCUMENT_PARTS,
        MAX_LIST_PART_BYTES,
        check_count,
        check_section,
        check_styles,
        expected_root,
        reduce_body,
        sanitize,
        strip_comments,
        strip_relationship_references,
    )
    from briefing.renderers.docx.refzip import (
        MAX_PART_BYTES,
        Broken,
        Element,
        first_target,
        parse_xml,
        relationships,
        rels_part_name,
        xml_bytes,
    )

    package_rels = relationships(z, "_rels/.rels", "")
    main = first_target(package_rels, DOCUMENT.reltype)
    if main is None:
        raise Broken("not a Word document (.docx): it names no main document part")
    document_xml = z.read(main[0])
    if document_xml is None:
        raise Broken(f"not a Word document (.docx): its main part {main[0]} is missing")
    document = parse_xml(document_xml, main[0])
    if document.tag != DOCUMENT.root:
        raise Broken("not a Word document (.docx): its main part is not w:document")
    reduce_body(document)
    strip_comments(document)
    strip_relationship_references(document)
    check_section(document)
    parts = [Part(DOCUMENT, xml_bytes(document), main[1], main[2])]
    document_rels = relationships(z, rels_part_name(main[0]), posixpath.dirname(main[0]))
    styles_root: Element | None = None
    for kind in DOCUMENT_PARTS:
        found = first_target(document_rels, kind.reltype)
        limit = MAX_LIST_PART_BYTES if kind.name in COUNTED else MAX_PART_BYTES
        data = z.read(found[0], limit) if found else None
        if data is None or found is None:
            continue
        root = parse_xml(data, found[0])
        if not expected_root(kind, root, found[0]):
            continue
        check_count(kind, root, found[0])
        if sanitize(kind, root):
            data = xml_bytes(root)
        if kind.name == "word/styles.xml":
            styles_root = root
        parts.append(Part(kind, data, found[1], found[2]))
    check_styles(styles_root)
    for kind in (CORE, APP):
        found = first_target(package_rels, kind.reltype)
        data = z.read(found[0]) if found else None
        if data is None or found is None:
            continue
        root = parse_xml(data, found[0])
        if not expected_root(kind, root, found[0]):
            continue
        if sanitize(kind, root):
            data = xml_bytes(root)
        parts.append(Part(kind, data, found[1], found[2]))
    return write_package(parts)
