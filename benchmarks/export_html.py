"""Document tree -> one HTML file with CSS for WeasyPrint, in our memo's look.

The fonts are the very files our PDF embeds (briefing/fonts/, through @font-face), so
WeasyPrint shapes and subsets the same glyphs. Page furniture (marking on every page,
"Page X of Y") uses CSS paged-media margin boxes, as a WeasyPrint user would.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from briefing import tree

_FACES = {
    ("Noto Sans", "normal", "normal"): "NotoSans-Regular.ttf",
    ("Noto Sans", "bold", "normal"): "NotoSans-Bold.ttf",
    ("Noto Sans", "normal", "italic"): "NotoSans-Italic.ttf",
    ("Noto Sans", "bold", "italic"): "NotoSans-BoldItalic.ttf",
    ("Noto Serif", "normal", "normal"): "NotoSerif-Regular.ttf",
    ("Noto Serif", "bold", "normal"): "NotoSerif-Bold.ttf",
    ("Noto Serif", "normal", "italic"): "NotoSerif-Italic.ttf",
    ("Noto Serif", "bold", "italic"): "NotoSerif-BoldItalic.ttf",
}

_MARKING_COLORS = {
    "public": "#2E7D32",
    "internal": "#B36B00",
    "confidential": "#C62828",
    "restricted": "#7A0F0F",
}

_CSS = """
@page { size: A4; margin: 30mm 22mm 27mm 25mm;
  @top-center { content: %(marking)s; color: %(mcolor)s; font: bold 8pt "Noto Sans"; }
  @bottom-left { content: %(page)s; font: 8pt "Noto Sans"; color: #5A6472; }
  @bottom-center { content: %(marking)s; color: %(mcolor)s; font: bold 8pt "Noto Sans"; }
  @bottom-right { content: %(reference)s; font: 8pt "Noto Sans"; color: #5A6472; } }
body { font: 10pt/14.2pt "Noto Sans", "Noto Serif"; color: #1B1F24; }
p { margin: 0 0 7pt; }
ul { list-style-type: "•  "; } ul ul { list-style-type: "–  "; }
ul ul ul { list-style-type: "‣  "; }
h1, h2, h3 { color: #1F3864; break-after: avoid; }
h1 { font-size: 14pt; line-height: 18pt; margin: 16pt 0 6pt; }
h2 { font-size: 12pt; line-height: 15.5pt; margin: 11pt 0 4pt; color: #2E5A88; }
h3 { font-size: 10.5pt; margin: 8pt 0 3pt; font-style: italic; color: #1B1F24; }
.doctype { font-size: 9pt; font-weight: bold; color: #2E5A88; }
.title { font-size: 20pt; line-height: 25pt; font-weight: bold; color: #1F3864; }
.subtitle { font-size: 12.5pt; line-height: 16.5pt; color: #5A6472; }
.dateline { font-size: 9.5pt; color: #5A6472; border-bottom: 1.2pt solid #1F3864; }
table { border-collapse: collapse; width: 100%%; margin-bottom: 7pt; }
td, th { border: 0.5pt solid #B4BDC8; padding: 4pt; vertical-align: top; text-align: left; }
th { background: #DFE6EF; }
table.rows td { border: none; padding: 1.5pt 6pt 1.5pt 0; }
table.rows td:first-child { width: 32mm; font-weight: bold; }
caption { caption-side: top; text-align: left; font-size: 9pt; color: #5A6472; }
blockquote { margin: 0 0 7pt 16pt; padding-left: 8pt; border-left: 2pt solid #A9B3BF;
  font-style: italic; color: #5A6472; }
.note { background: #EDF2F8; border-left: 3pt solid #2E5A88; padding: 8pt; margin-bottom: 7pt; }
.note b { font-size: 9pt; color: #2E5A88; display: block; }
.annex { break-before: page; }
"""


def _css_string(text: str) -> str:
    """A CSS string: backslash, quote and line breaks escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def _font_faces(fonts: Path) -> str:
    return "".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
        f"src: url({_css_string((fonts / name).resolve().as_uri())}); }}\n"
        for (family, weight, style), name in _FACES.items()
    )


def _run(run: tree.Run) -> str:
    out = escape(run.text)
    if run.italic:
        out = f"<em>{out}</em>"
    if run.bold:
        out = f"<strong>{out}</strong>"
    if run.link:
        out = f'<a href="{escape(run.link)}">{out}</a>'
    return out


def inline(runs: tree.Inline) -> str:
    return "".join(_run(r) for r in runs)


def _list(block: tree.ListBlock) -> str:
    tag = "ol" if block.ordered else "ul"
    items = "".join(
        f"<li>{inline(i.runs)}{_list(i.children) if i.children else ''}</li>" for i in block.items
    )
    return f"<{tag}>{items}</{tag}>"


def _table(t: tree.Table) -> str:
    widths = t.widths or tuple(1 / len(t.columns) for _ in t.columns)
    cols = "".join(f'<col style="width: {w * 100:.2f}%">' for w in widths)
    caption = escape(t.label) + (". " + inline(t.caption) if t.caption else "")
    head = "".join(f"<th>{inline(c)}</th>" for c in t.columns)
    body = "".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in r) + "</tr>" for r in t.rows)
    return f"<table><caption>{caption}</caption>{cols}<thead><tr>{head}</tr></thead>{body}</table>"


def _block(block: tree.BlockNode) -> str:
    if isinstance(block, tree.Paragraph):
        return f"<p>{inline(block.runs)}</p>"
    if isinstance(block, tree.ListBlock):
        return _list(block)
    if isinstance(block, tree.Table):
        return _table(block)
    if isinstance(block, tree.Quote):
        by = f"<p>— {inline(block.by)}</p>" if block.by else ""
        return f"<blockquote><p>{inline(block.runs)}</p>{by}</blockquote>"
    if isinstance(block, tree.Figure):  # the benchmark's peers get the caption only
        return f"<p>{escape(block.label)} {inline(block.caption or ())}</p>"
    return f'<div class="note"><b>{escape(block.label)}</b>{inline(block.runs)}</div>'


def _section(section: tree.SectionNode) -> str:
    cls = ' class="annex"' if section.page_break_before else ""
    out = f"<h{section.level}{cls}>{escape(section.heading)}</h{section.level}>"
    out += "".join(_block(b) for b in section.blocks)
    return out + "".join(_section(c) for c in section.children)


def _rows(rows: tuple[tree.MemoRow, ...]) -> str:
    cells = "".join(f"<tr><td>{escape(r.label)}</td><td>{escape(r.value)}</td></tr>" for r in rows)
    return f'<table class="rows">{cells}</table>'


def html(doc: tree.Document, fonts: Path) -> str:
    """The whole memo as a standalone HTML document (fonts by absolute file: URL)."""
    head, mid, tail = doc.page_label_parts()
    css = _CSS % {
        "marking": _css_string(doc.marking or ""),
        "mcolor": _MARKING_COLORS.get(doc.classification or "", "#4A5360"),
        "page": f"{_css_string(head)} counter(page) {_css_string(mid)} counter(pages) "
        f"{_css_string(tail)}",
        "reference": _css_string(doc.reference.value if doc.reference else ""),
    }
    dateline = escape(doc.date)
    if doc.reference:
        dateline += f" · {escape(doc.reference.label)}: {escape(doc.reference.value)}"
    parts = [
        f'<!DOCTYPE html><html lang="{escape(doc.lang_tag)}"><head><meta charset="utf-8">',
        f"<title>{escape(doc.metadata.title)}</title>",
        f'<meta name="author" content="{escape(doc.metadata.author)}">',
        f"<style>{_font_faces(fonts)}{css}</style></head><body>",
        f'<p class="doctype">{escape(doc.doc_type)}</p>',
        f'<p class="title">{escape(doc.title)}</p>',
        f'<p class="subtitle">{escape(doc.subtitle)}</p>' if doc.subtitle else "",
        f'<p class="dateline">{dateline}</p>',
        _rows(doc.memo) if doc.memo else "",
        *(_section(s) for s in doc.sections),
        _rows((doc.prepared_by,)) if doc.prepared_by else "",
        "</body></html>\n",
    ]
    return "\n".join(parts)
