"""A GIF, named .png: judged by its content, refused as not PNG, JPEG or SVG."""

from pathlib import Path

from tests.figure_files import brief

EXPECT = "error 4:13: not a PNG, JPEG or SVG image"


def make(folder: Path) -> Path:
    (folder / "anim.png").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    return brief(folder, "anim.png")
