"""Shared by the image cases: a brief showing one file, and small crafted image files."""

import struct
import zlib
from pathlib import Path


def brief(folder: Path, image: str) -> Path:
    path = folder / "brief.yaml"
    text = f"title: Image\ndate: 2026-11-26\nsummary:\n  - figure: {image}\n    alt: x\n"
    path.write_text(text, encoding="utf-8")
    return path


def png(width: int, height: int, rows: bytes) -> bytes:
    """A greyscale PNG with the given size whose pixel data is ``rows`` (deflated)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(rows, 9)
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks
