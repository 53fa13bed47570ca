"""The bundled Markdown example and its translations saved on Windows (CRLF): renders
as with LF (the front matter was invisible: "title: required key is missing")."""

from pathlib import Path

EXPECT = "ok"
CONTAINS = ["PB-2026-041", "TRIPP"]
EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
NEWLINE, BOM = "\r\n", b""


def make(folder: Path) -> Path:
    for source in sorted(EXAMPLES.glob("us-azerbaijan-charter*.md")):
        text = source.read_text(encoding="utf-8").replace("\n", NEWLINE)
        (folder / source.name).write_bytes(BOM + text.encode("utf-8"))
    for image in EXAMPLES.glob("*.svg"):  # the figures the example shows
        (folder / image.name).write_bytes(image.read_bytes())
    return folder / "us-azerbaijan-charter.md"
