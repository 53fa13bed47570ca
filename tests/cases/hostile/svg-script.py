"""An SVG with a <script> element."""

from pathlib import Path

from tests.figure_files import brief

EXPECT = "error 4:13: the SVG has a <script> element"

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<script>alert(1)</script><rect width="10" height="10"/></svg>"""


def make(folder: Path) -> Path:
    (folder / "script.svg").write_text(SVG, encoding="utf-8")
    return brief(folder, "script.svg")
