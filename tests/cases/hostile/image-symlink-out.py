"""An image path that is a symlink to a file outside the brief's folder."""

from pathlib import Path

from tests.figure_files import brief, png

EXPECT = "error 4:13: inside.png: a link out of the brief's folder"


def make(folder: Path) -> Path:
    outside = folder / "outside.png"
    outside.write_bytes(png(2, 2, b"\x00\x00\x00\x00\x00\x00"))
    (folder / "brief").mkdir()
    (folder / "brief" / "inside.png").symlink_to(outside)
    return brief(folder / "brief", "inside.png")
