"""Document tree -> Typst markup with our memo's look (A4, Noto Sans, marking on every
page, "Page X of Y"), so Typst lays out the same content on the same pages as we do.

Text is escaped by putting a backslash before every ASCII punctuation character: Typst
reads a backslash followed by any non-space character as that character, and this is
the only safe rule, since ``#``, ``*``, ``_``, ``$``, ``<``, ``@``, ``//``, ``=`` or
``-`` at a line start, ``"`` (smart quotes) and ``.``/``(``/``[`` right after an embedded
``#strong[...]`` (which would continue the expression) all mean something in markup.
"""

from __future__ import annotations

import re
import string

from briefing import tree

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")

# The memo template's theme (templates/memo/theme.toml), in Typst terms.
_SETUP = """\
#let navy = rgb("#1F3864")
#let accent = rgb("#2E5A88")
#let grey = rgb("#5A6472")
#let marking-color = rgb("{marking_color}")
#set document(title: {title_str}, author: {author_str})
#set text(font: ("Noto Sans", "Noto Serif"), size: 10pt, lang: "{lang}",
  fill: rgb("#1B1F24"), hyphenate: false)
// Typst measures from baseline to the next line's cap height: 14.2pt line pitch.
#set par(leading: 7.1pt, spacing: 14.1pt, justify: false)
#set page(paper: "a4", margin: (top: 30mm, bottom: 27mm, left: 25mm, right: 22mm),
  header: context [
    #set text(size: 8pt)
    #align(center, text(fill: marking-color, weight: "bold")[{marking}])
    #if counter(page).get().first() > 1 [
      #text(fill: grey)[{title}] #line(length: 100%, stroke: 0.5pt + grey)
    ]
  ],
  footer: context [
    #set text(size: 8pt, fill: grey)
    #line(length: 100%, stroke: 0.5pt + grey)
    {page_head}#counter(page).display(){page_mid}#counter(page).final().first(){page_tail}
    #h(1fr) {reference}
    #align(center, text(fill: marking-color, weight: "bold")[{marking}])
  ])
#show heading: set text(fill: navy)
#show heading.where(level: 1): set text(size: 14pt)
#show heading.where(level: 2): set text(size: 12pt, fill: accent)
#show heading.where(level: 3): set text(size: 10.5pt, style: "italic")
#set list(marker: ([•], [–], [‣]), indent: 4pt)
#set enum(numbering: "1.", indent: 4pt)
#set table(stroke: 0.5pt + rgb("#B4BDC8"), inset: 4pt)
#show table.cell.where(y: 0): set text(weight: "bold")
"""

_MARKING_COLORS = {
    "public": "#2E7D32",
    "internal": "#B36B00",
    "confidential": "#C62828",
    "restricted": "#7A0F0F",
}


def escape(text: str) -> str:
    """Literal markup text; a newline would be a space anyway, and two would end the
    paragraph, so line breaks become spaces."""
    return _PUNCT.sub(r"\\\1", " ".join(text.splitlines()))


def string_literal(text: str) -> str:
    """A Typst string literal (code mode), for URLs and metadata."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _run(run: tree.Run) -> str:
    out = escape(run.text)
    if run.italic:
        out = f"#emph[{out}]"
    if run.bold:
        out = f"#strong[{out}]"
    if run.link:
        out = f"#link({string_literal(run.link)})[{out}]"
    return out


def inline(runs: tree.Inline) -> str:
    return "".join(_run(r) for r in runs)


def _list(block: tree.ListBlock, depth: int) -> list[str]:
    out = []
    for item in block.items:
        out.append("  " * depth + ("+ " if block.ordered else "- ") + inline(item.runs))
        if item.children is not None:
            out += _list(item.children, depth + 1)
    return out


def _table(t: tree.Table) -> list[str]:
    widths = t.widths or tuple(1 for _ in t.columns)
    columns = ", ".join(f"{w:g}fr" for w in widths)
    caption = escape(t.label) + (". " + inline(t.caption) if t.caption else "")
    cells = [f"[{inline(c)}]" for row in t.rows for c in row]
    return [
        f"#block(breakable: false, text(size: 9pt, fill: grey)[{caption}])",
        f'#table(columns: ({columns},), fill: (_, y) => if y == 0 {{ rgb("#DFE6EF") }},',
        "  table.header(" + ", ".join(f"[{inline(c)}]" for c in t.columns) + "),",
        "  " + ", ".join(cells) + ")",
    ]


def _block(block: tree.BlockNode) -> list[str]:
    if isinstance(block, tree.Paragraph):
        return [inline(block.runs)]
    if isinstance(block, tree.ListBlock):
        return _list(block, 0)
    if isinstance(block, tree.Table):
        return _table(block)
    if isinstance(block, tree.Quote):
        by = f", attribution: [{inline(block.by)}]" if block.by else ""
        return [
            f'#quote(block: true{by})[#text(style: "italic", fill: grey)[{inline(block.runs)}]]'
        ]
    if isinstance(block, tree.Figure):  # the benchmark's peers get the caption only
        return [f"{escape(block.label)} {inline(block.caption or ())}"]
    return [
        '#block(fill: rgb("#EDF2F8"), stroke: (left: 3pt + accent), inset: 8pt, width: 100%)[',
        f'  #text(size: 9pt, weight: "bold", fill: accent)[{escape(block.label)}] \\',
        f"  {inline(block.runs)}",
        "]",
    ]


def _section(section: tree.SectionNode) -> list[str]:
    out = ["#pagebreak()"] if section.page_break_before else []
    out += ["=" * section.level + " " + escape(section.heading), ""]
    for block in section.blocks:
        out += [*_block(block), ""]
    for child in section.children:
        out += _section(child)
    return out


def _rows(rows: tuple[tree.MemoRow, ...]) -> str:
    cells = ", ".join(f"[#strong[{escape(r.label)}]], [{escape(r.value)}]" for r in rows)
    return f"#grid(columns: (32mm, 1fr), row-gutter: 5pt, {cells})"


def typst(doc: tree.Document) -> str:
    """The whole memo as one Typst source file."""
    head, mid, tail = doc.page_label_parts()
    marking = escape(doc.marking or "")
    setup = _SETUP
    for key, value in {
        "marking_color": _MARKING_COLORS.get(doc.classification or "", "#4A5360"),
        "title_str": string_literal(doc.metadata.title),
        "author_str": string_literal(doc.metadata.author),
        "lang": doc.lang,
        "marking": marking,
        "title": escape(doc.title),
        "page_head": escape(head),
        "page_mid": escape(mid),
        "page_tail": escape(tail),
        "reference": escape(doc.reference.value) if doc.reference else "",
    }.items():
        setup = setup.replace("{" + key + "}", value)
    out = [
        setup,
        f'#text(size: 9pt, weight: "bold", fill: accent)[{escape(doc.doc_type)}]',
        "",
        f'#text(size: 20pt, weight: "bold", fill: navy)[{escape(doc.title)}]',
        "",
    ]
    if doc.subtitle:
        out += [f"#text(size: 12.5pt, fill: grey)[{escape(doc.subtitle)}]", ""]
    dateline = escape(doc.date)
    if doc.reference:
        dateline += f"  ·  {escape(doc.reference.label)}: {escape(doc.reference.value)}"
    out += [
        f"#text(size: 9.5pt, fill: grey)[{dateline}]",
        "",
        "#line(length: 100%, stroke: 1.2pt + navy)",
    ]
    if doc.memo:
        out += [_rows(doc.memo), "#line(length: 100%, stroke: 0.5pt + grey)", ""]
    for section in doc.sections:
        out += _section(section)
    if doc.prepared_by:
        out += ["#line(length: 100%, stroke: 0.5pt + grey)", _rows((doc.prepared_by,))]
    return "\n".join(out) + "\n"
