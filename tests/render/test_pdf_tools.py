"""Checks every PDF test runs on what it made: qpdf's structure check and pdffonts.

Every test that makes a PDF passes it through ``assert_valid_pdf``: qpdf --check finds
no error, and pdffonts lists only embedded, subset, Unicode-mapped fonts of the
template (never one of the standard 14, which would mean an unembedded Helvetica).
The tests in this module check the checker itself, so a broken one cannot pass all.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.readback import require_tool

STANDARD_14 = re.compile(r"Helvetica|Times|Courier|Symbol|ZapfDingbats")
SUBSET_NAME = re.compile(r"[A-Z]{6}\+Noto(Sans|Serif)-\w+")


def problems(data: bytes, tmp_path: Path, name: str = "checked") -> list[str]:
    """What qpdf and pdffonts object to in ``data`` (empty: nothing)."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    out: list[str] = []
    qpdf = subprocess.run(
        [require_tool("qpdf"), "--check", str(path)], capture_output=True, text=True
    )
    if qpdf.returncode != 0 or "No syntax or stream encoding errors" not in qpdf.stdout:
        out.append(f"qpdf --check: {qpdf.stdout}{qpdf.stderr}")
    fonts = subprocess.run([require_tool("pdffonts"), str(path)], capture_output=True, text=True)
    if fonts.returncode != 0:
        out.append(f"pdffonts: {fonts.stderr}")
        return out
    rows = fonts.stdout.splitlines()[2:]
    if not rows:
        out.append("pdffonts lists no font")
    for row in rows:
        fields = row.split()
        font, (emb, sub, uni) = fields[0], fields[-5:-2]
        if not SUBSET_NAME.fullmatch(font) or (emb, sub, uni) != ("yes", "yes", "yes"):
            out.append(f"pdffonts: {row}")
    if STANDARD_14.search(fonts.stdout):
        out.append(f"a standard font: {fonts.stdout}")
    return out


def assert_valid_pdf(data: bytes, tmp_path: Path, name: str = "checked") -> None:
    found = problems(data, tmp_path, name)
    assert not found, "\n".join(found)


def test_the_checker_accepts_a_rendered_pdf(tmp_path: Path) -> None:
    from briefing.renderers.pdf import render
    from briefing.templates import load_template
    from tests.tree_sample import sample_document

    assert_valid_pdf(render(sample_document(), load_template("memo")), tmp_path)


def test_the_checker_rejects_a_damaged_pdf(tmp_path: Path) -> None:
    from briefing.renderers.pdf import render
    from briefing.templates import load_template
    from tests.tree_sample import sample_document

    data = render(sample_document(), load_template("memo"))
    cut = data[: len(data) // 2] + data[len(data) // 2 + 100 :]
    assert problems(cut, tmp_path)


def test_the_checker_rejects_a_standard_font(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "helvetica.pdf"
    canv = Canvas(str(path), invariant=1)
    canv.drawString(72, 72, "Helvetica, not embedded")
    canv.save()
    found = problems(path.read_bytes(), tmp_path, "helvetica-checked")
    assert any("Helvetica" in p for p in found), found
