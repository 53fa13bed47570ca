"""Our zip writer gives the bytes zipfile gives (fonts at the fastest level), and readers
read them back."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.renderers.docx.zipwriter import write_zip

DATE = (1980, 1, 1, 0, 0, 0)


def with_zipfile(entries: list[tuple[str, bytes]], fast: tuple[str, ...] = ()) -> bytes:
    """What zipfile writes; the entries named in ``fast`` at zlib's fastest level."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, data, compresslevel=1 if name in fast else None)
    return out.getvalue()


names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00/\\"), min_size=1, max_size=20
)
contents = st.one_of(st.binary(max_size=3000), st.text(max_size=2000).map(str.encode))


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(names, contents, min_size=1, max_size=6))
def test_same_bytes_as_zipfile(parts: dict[str, bytes]) -> None:
    entries = list(parts.items())
    assert write_zip(entries, DATE) == with_zipfile(entries)


def test_a_reused_part_is_the_same_and_reads_back() -> None:
    font = bytes(range(256)) * 500
    entries = [("[Content_Types].xml", b"<Types/>"), ("word/fonts/font1.odttf", font)]
    first = write_zip(entries, DATE, reuse=lambda name: name.startswith("word/fonts/"))
    again = write_zip(entries, DATE, reuse=lambda name: name.startswith("word/fonts/"))
    assert first == again == with_zipfile(entries, fast=("word/fonts/font1.odttf",))
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
        assert archive.read("word/fonts/font1.odttf") == font
