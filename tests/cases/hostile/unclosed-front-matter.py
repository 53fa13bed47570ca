"""A front matter whose closing --- is missing: reported at its opening line, not as a
brief with no title and no date."""

from pathlib import Path

EXPECT = "error 1:1: the front matter opened at line 1 is never closed with ---"


def make(folder: Path) -> Path:
    path = folder / "unclosed-front-matter.md"
    path.write_bytes(
        b"---\r\ntitle: Unclosed\r\ndate: 2026-11-26\r\n\r\n## Economy {kind=background}\r\n"
        b"\r\nText.\r\n"
    )
    return path
