"""A named pipe given as the brief: refused at once instead of waiting for a writer."""

import os
from pathlib import Path

EXPECT = "error 1:1: not a regular file"


def make(folder: Path) -> Path:
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    return path
