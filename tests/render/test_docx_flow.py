"""The DOCX side of issue 13's layout rules, read back with python-docx.

Word and LibreOffice lay the pages out, so what is checked is what the file asks of
them: number columns right-aligned (tree.Table.numeric, as in the PDF) and lead-in
paragraphs ("...as follows:") kept with what they introduce.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from briefing import api
from briefing.renderers.docx import render
from briefing.templates import load_template

CASE = Path(__file__).resolve().parents[1] / "cases" / "layout" / "breaks.yaml"


def _style(paragraph: Any) -> str | None:
    return getattr(paragraph.style, "name", None)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_number_columns_right_aligned_and_lead_ins_kept_with_next(lang: str) -> None:
    doc = api.localize(api.load(CASE), lang).doc
    document = docx.Document(io.BytesIO(render(doc, load_template("memo"))))
    data = [
        t for t in document.tables if _style(t.rows[0].cells[0].paragraphs[0]) == "Table Heading"
    ]
    assert len(data) == 5  # not the memo block's table
    for table in data:
        for row in table.rows:
            cells = [cell.paragraphs[0] for cell in row.cells]
            assert all(p.alignment is None for p in cells), "by style, not direct formatting"
            aligns = [p.style.paragraph_format.alignment if p.style else None for p in cells]
            right = [a == WD_ALIGN_PARAGRAPH.RIGHT for a in aligns]
            # project, owner, budget, share; or dataset, address, cost
            assert right in ([False, False, True, True], [False, False, True]), aligns
    body = [p for p in document.paragraphs if _style(p) == "Body Text"]
    lead_ins = [p for p in body if p.text.rstrip().endswith(":")]
    others = [p for p in body if not p.text.rstrip().endswith(":")]
    assert len(lead_ins) >= 7 and others
    assert all(p.paragraph_format.keep_with_next for p in lead_ins)
    assert not any(p.paragraph_format.keep_with_next for p in others)


def test_bare_urls_are_hyperlinks_with_clean_targets() -> None:
    """A bare address in text is a w:hyperlink whose target is the address as written."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    from tests.render.test_pdf_flow import URLS

    doc = api.localize(api.load(CASE), "az").doc
    document = docx.Document(io.BytesIO(render(doc, load_template("memo"))))
    targets = {r.target_ref for r in document.part.rels.values() if r.reltype == RT.HYPERLINK}
    assert set(URLS) <= targets
