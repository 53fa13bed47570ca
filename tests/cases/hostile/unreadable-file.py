"""A brief the user may not read."""

import os
from pathlib import Path

EXPECT = "error -: cannot read: permission denied"


def skip() -> str | None:
    if os.geteuid() == 0:
        return "root reads any file, so an unreadable file cannot be made here"
    return None


def make(folder: Path) -> Path:
    path = folder / "secret.yaml"
    path.write_text("title: x\ndate: 2026-11-26\n")
    path.chmod(0)
    return path
