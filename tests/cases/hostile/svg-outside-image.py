"""An SVG whose <image> points at a file outside the brief's folder."""

from pathlib import Path

from tests.figure_files import brief

EXPECT = "error 4:13: the SVG's <image> links to '../../../etc/secret.png'"

SVG = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
 width="10" height="10">
<image xlink:href="../../../etc/secret.png" width="10" height="10"/></svg>"""


def make(folder: Path) -> Path:
    (folder / "peek.svg").write_text(SVG, encoding="utf-8")
    return brief(folder, "peek.svg")
