"""An output folder that cannot be made (its parent is a file)."""

from pathlib import Path

EXPECT = "usage -: a-file is a file, not a folder"
ARGS = ["-o", "{folder}/a-file/out"]


def make(folder: Path) -> Path:
    (folder / "a-file").write_text("not a folder")
    path = folder / "brief.yaml"
    path.write_text("title: Output\ndate: 2026-11-26\n")
    return path
