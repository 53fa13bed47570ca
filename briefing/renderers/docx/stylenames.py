"""The fallback chains of the style names the DOCX renderer asks a template for.

Kept apart from styles.py (which needs python-docx) because checking a template's
reference.docx (reference.py) follows the same chains, and a check must not pay for
importing python-docx.
"""

from __future__ import annotations

# Where a template lacks a style, use the next one in this chain.
FALLBACKS: dict[str, str] = {
    "Document Type": "Subtitle",
    "Date Line": "Body Text",
    "Memo Label": "Body Text",
    "Memo Value": "Body Text",
    "Memo Table": "Normal Table",
    "Data Table": "Table Grid",  # a reference made before the themed table style
    "Call-out Note": "Quote",
    "Attribution": "Quote",
    "Prepared By": "Body Text",
    "Classification Marking": "Header",
    "Marking First Page": "Classification Marking",
    "Table Heading": "Table Text",
    "Table Text Number": "Table Text",  # a cell of a number column, aligned right
    "Table Heading Number": "Table Heading",
    "Table Text": "Body Text",
    "List Bullet 3": "List Bullet 2",
    "List Bullet 2": "List Bullet",
    "List Number 3": "List Number 2",
    "List Number 2": "List Number",
    "List Bullet": "Body Text",
    "List Number": "Body Text",
    "Subtitle": "Body Text",
    "Caption": "Body Text",
    "Quote": "Body Text",
    "TOC Heading": "Subtitle",  # not a Heading: the contents title is not in the outline
    "TOC 3": "TOC 2",
    "TOC 2": "TOC 1",
}
