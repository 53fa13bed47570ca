"""The fast text encoding gives exactly what ReportLab's own gives, call after call.

FastTTFont.splitString takes a shortcut for characters that already have a code; the
codes must be the ones ReportLab hands out, in the same order, for every kind of run:
new characters, known ones, the no-break space, characters the font lacks, runs that
span two subsets (more than 256 distinct characters), empty text.
"""

from __future__ import annotations

import random

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
