"""An SVG whose DOCTYPE declares an external entity (XXE: it would read /etc/passwd)."""

from pathlib import Path

from tests.figure_files import brief

EXPECT = "error 4:13: the SVG has a DOCTYPE"

SVG = """<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&xxe;</text></svg>
"""


def make(folder: Path) -> Path:
    (folder / "xxe.svg").write_text(SVG, encoding="utf-8")
    return brief(folder, "xxe.svg")
