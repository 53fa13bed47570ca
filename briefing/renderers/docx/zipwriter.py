"""A reproducible zip writer that deflates a repeated part only once per process.

Every memo embeds the same four font files, and deflating them was half the time of
writing a DOCX (about 20 ms of 40). The standard zipfile module can only compress what
it is given, so this writes the (simple) zip structure itself: a local header and the
data for each entry, then the central directory. Entries whose bytes repeat from
document to document (``reuse``) keep their deflated form in a per-process cache.

The repeated parts are fonts: deflating them at zlib's fastest level takes half the
time of its default level for 8% more bytes (measured on the bundled Noto faces: 15 ms
and 606 KiB against 31 ms and 559 KiB), and every one-shot ``briefing render`` pays it
once. The XML parts, small and very compressible, keep the default level. Otherwise the
layout is the one zipfile writes (no data descriptors, no extra fields, Unix mode 0644,
a fixed date). No ZIP64: a memo is far below 4 GB.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterable

VERSION = 20  # 2.0: deflate
UNIX = 3  # "made by" host system: permissions are Unix mode bits
MODE = 0o644 << 16
DEFLATED = 8
UTF8_NAME = 0x800

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_REUSED: dict[bytes, tuple[int, bytes]] = {}  # data -> (CRC-32, deflated)
_MAX_REUSED = 32


def deflate(data: bytes, level: int = zlib.Z_DEFAULT_COMPRESSION) -> bytes:
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _packed(data: bytes, reuse: bool) -> tuple[int, bytes]:
    if not reuse:
        return zlib.crc32(data), deflate(data)
    found = _REUSED.get(data)
    if found is None:
        if len(_REUSED) >= _MAX_REUSED:
            del _REUSED[next(iter(_REUSED))]
        found = _REUSED[data] = (zlib.crc32(data), deflate(data, zlib.Z_BEST_SPEED))
    return found


def write_zip(
    entries: Iterable[tuple[str, bytes]],
    date_time: tuple[int, int, int, int, int, int],
    reuse: Callable[[str], bool] = lambda _name: False,
) -> bytes:
    """The zip of ``entries`` (name, data) in the order given, every one deflated."""
    year, month, day, hour, minute, second = date_time
    dos_date = (year - 1980) << 9 | month << 5 | day
    dos_time = hour << 11 | minute << 5 | second // 2
    out = bytearray()
    central = bytearray()
    count = 0
    for name, data in entries:
        try:
            raw_name, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            raw_name, flags = name.encode("utf-8"), UTF8_NAME
        crc, packed = _packed(data, reuse(name))
        sizes = (crc, len(packed), len(data))
        offset = len(out)
        out += _LOCAL.pack(b"PK\x03\x04", VERSION, 0, flags, DEFLATED, dos_time, dos_date,
                           *sizes, len(raw_name), 0)  # fmt: skip
        out += raw_name
        out += packed
        central += _CENTRAL.pack(b"PK\x01\x02", VERSION, UNIX, VERSION, 0, flags, DEFLATED,
                                 dos_time, dos_date, *sizes, len(raw_name), 0, 0, 0, 0, MODE,
                                 offset)  # fmt: skip
        central += raw_name
        count += 1
    start = len(out)
    out += central
    out += _END.pack(b"PK\x05\x06", 0, 0, count, count, len(central), start, 0)
    return bytes(out)
