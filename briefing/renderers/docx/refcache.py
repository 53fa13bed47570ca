"""The reference package, read once per process: its bytes, and python-docx's read of them.

Why: every DOCX starts as a fresh copy of the template's reference document, so a
command writing three DOCX files (and ``prepare``, which reads it for the fonts) had
python-docx unzip it and parse its content types and relationships four times, and
the bundled reference was rebuilt by reference.py's cleaner in every process.

- A bundled template's reference.docx ships with the package, is made by
  tools/make_reference_docx.py and is tested to be exactly what the cleaner would
  rebuild (tests/render/test_docx_reference_cache.py), so it is used as it is. A
  template folder a user brought is still untrusted: it goes through the cleaner.
- python-docx's ``PackageReader`` (the parts' bytes, content types and relationships,
  nothing mutable) is kept per package, at most ``MAX_READS`` of them; each document is
  unmarshalled from it anew, so no two renders share a part or an XML tree.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE
from docx.opc.package import Unmarshaller
from docx.opc.part import PartFactory
from docx.opc.pkgreader import PackageReader
from docx.package import Package

from briefing.renderers.docx.reference import clean_reference
from briefing.resources import templates_dir

MAX_READS = 8  # packages kept: a batch uses one or two templates


def reference_package(path: Path) -> bytes:
    """The package a render starts from: a bundled reference as it is, any other cleaned."""
    if path.parent.parent == templates_dir().resolve():
        stat = path.stat()
        return _bundled(path, stat.st_mtime_ns, stat.st_size)
    return clean_reference(path)


@lru_cache(maxsize=MAX_READS)
def _bundled(path: Path, mtime_ns: int, size: int) -> bytes:
    return path.read_bytes()


def open_package(data: bytes) -> DocxDocument:
    """A new python-docx document of the package ``data`` (ValueError if it is not a
    Word document; python-docx's own errors for a broken zip)."""
    package = Package()
    Unmarshaller.unmarshal(_read(data), package, PartFactory)  # type: ignore[no-untyped-call]
    part = package.main_document_part
    if part.content_type != CONTENT_TYPE.WML_DOCUMENT_MAIN:
        raise ValueError(f"not a Word document: its content type is {part.content_type}")
    document: DocxDocument = part.document
    return document


@lru_cache(maxsize=MAX_READS)
def _read(data: bytes) -> PackageReader:
    reader: PackageReader = PackageReader.from_file(io.BytesIO(data))  # type: ignore[no-untyped-call]
    return reader
