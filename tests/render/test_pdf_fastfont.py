"""The fast text encoding gives exactly what ReportLab's own gives, call after call.

FastTTFont.splitString takes a shortcut for characters that already have a code; the
codes must be the ones ReportLab hands out, in the same order, for every kind of run:
new characters, known ones, the no-break space, characters the font lacks, runs that
span two subsets (more than 256 distinct characters), empty text.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont

from briefing import glyphs
from briefing.renderers.pdf.fastfont import FastTTFont
from briefing.templates import load_template

ALPHABETS = (
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?()-–—«»",
    "əƏİığĞşŞçÇöÖüÜ ₼ абвгдеёжзийклмнопрстуфхцчшщъыьэюя АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "\u00a0\u202f€№•…“”‘’",
    "中😀",  # not in the font
)


def test_fast_encoding_equals_reportlab_encoding() -> None:
    path = str(glyphs.font_stack(load_template("memo"))[0])
    plain, fast = TTFont("plain-check", path), FastTTFont("fast-check", path)
    doc_plain, doc_fast = PDFDocument(), PDFDocument()
    rng = random.Random(4)
    covered = sorted(glyphs.cmap_chars(glyphs.font_stack(load_template("memo"))[0]))
    many = "".join(covered[200:700])  # more characters than one subset holds
    pool = "".join(ALPHABETS) + many
    texts = ["", " ", "\u00a0", "a", "a", "ə", *ALPHABETS, *ALPHABETS, many[:300], many]
    texts += ["".join(rng.choice(pool) for _ in range(rng.randint(0, 60))) for _ in range(400)]
    for text in texts:
        assert fast.splitString(text, doc_fast) == plain.splitString(text, doc_plain), text
    assert len(plain.state[doc_plain].subsets) > 1  # the run really spanned subsets


def test_ready_made_widths_give_the_same_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.renderers.pdf import render
    from tests.tree_sample import sample_document

    template = load_template("memo")
    fast = render(sample_document(), template)
    monkeypatch.delattr(FastTTFont, "addObjects")  # ReportLab's own way
    assert render(sample_document(), template) == fast


def test_text_drawer_writes_what_a_text_object_writes() -> None:
    """textdraw._Text (operators written directly, runs encoded by fastfont.Shows) gives
    the operators ReportLab's PDFTextObject gives for the same calls: font changes,
    colours, runs of known and new characters, runs spanning subsets, characters the
    font lacks, the no-break space, empty runs."""
    import io

    from reportlab.lib.colors import CMYKColor, Color
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    from briefing.renderers.pdf.textdraw import _Text

    template = load_template("memo")
    stack = glyphs.font_stack(template)
    names = []
    for n, path in enumerate(stack[:2]):
        name = f"drawer-check-{n}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(FastTTFont(name, str(path)))
        names.append(name)
    covered = sorted(glyphs.cmap_chars(stack[0]))
    pool = "".join(ALPHABETS) + "".join(covered[200:700]) + "()\\"
    colors = [Color(0.1, 0.2, 0.3), Color(0.5, 0.5, 0.5, alpha=0.5), CMYKColor(0, 0.5, 1, 0)]
    rng = random.Random(7)
    steps: list[tuple[Any, ...]] = []
    for _ in range(600):
        kind = rng.random()
        if kind < 0.1:
            steps.append(("font", rng.choice(names), rng.choice([9, 10, 12.5])))
        elif kind < 0.2:
            steps.append(("fill", rng.choice(colors)))
        else:
            steps.append(("show", "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))))
    ours, theirs = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    code: list[str] = []
    drawer = _Text(ours, code)
    text = theirs.beginText()
    del text._code[:]
    for step in steps:
        if step[0] == "font":
            drawer.set_font(step[1], step[2], 14.0)
            text.setFont(step[1], step[2], 14.0)
        elif step[0] == "fill":
            drawer.fill(step[1])
            text.setFillColor(step[1])
        elif drawer.font is not None:
            drawer.show(step[1])
            text._textOut(step[1])
    assert " ".join(code) == " ".join(text._code)
    assert ours._doc.fontMapping == theirs._doc.fontMapping
    assert "+1 " in " ".join(code) and "gs" in " ".join(code)  # a second subset; an alpha
