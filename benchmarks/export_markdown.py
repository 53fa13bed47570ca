"""Document tree -> pandoc Markdown, so pandoc makes its DOCX from the same content as ours.

Every ASCII punctuation character of the author's text is backslash-escaped: pandoc's
``all_symbols_escapable`` makes that always literal, and it is the only way to keep
``*``, ``_``, ``<b>``, ``[x](y)``, ``1.`` at a line start, ``--`` (smart dashes) or
``"`` (smart quotes) from turning into markup, which would change the content and so
the amount of work pandoc does.
"""

from __future__ import annotations

import re
import string

from briefing import tree

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
_URL_UNSAFE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"}


def escape(text: str) -> str:
    """Literal text: punctuation escaped, line breaks as spaces (a newline could end a
    table row or start a list)."""
    return _PUNCT.sub(r"\\\1", " ".join(text.splitlines()))


def _url(url: str) -> str:
    return "".join(_URL_UNSAFE.get(ch, ch) for ch in url)


def _run(run: tree.Run) -> str:
    body = escape(run.text)
    core = body.strip()
    if not core:
        return body
    # Emphasis markers must touch the text, so the spaces go outside them.
    lead, trail = body[: len(body) - len(body.lstrip())], body[len(body.rstrip()) :]
    marker = ("**" if run.bold else "") + ("*" if run.italic else "")
    core = f"{marker}{core}{marker[::-1]}"
    if run.link:
        core = f"[{core}]({_url(run.link)})"
    return lead + core + trail


def inline(runs: tree.Inline) -> str:
    return "".join(_run(r) for r in runs)


def _yaml(text: str) -> str:
    """A YAML single-quoted scalar holding escaped Markdown (pandoc parses metadata as
    Markdown): backslashes stay literal, quotes double."""
    return "'" + escape(text).replace("'", "''") + "'"


def _list(block: tree.ListBlock, depth: int) -> list[str]:
    out = []
    pad = "    " * depth
    for n, item in enumerate(block.items, 1):
        marker = f"{n}." if block.ordered else "-"
        out.append(f"{pad}{marker} {inline(item.runs)}")
        if item.children is not None:
            out.append("")
            out += _list(item.children, depth + 1)
            out.append("")
    return out


def _table(t: tree.Table) -> list[str]:
    widths = t.widths or tuple(1 / len(t.columns) for _ in t.columns)
    # Dash counts set pandoc's relative column widths for long pipe-table rows.
    rule = "|" + "|".join("-" * max(3, round(w * 72)) for w in widths) + "|"
    out = ["| " + " | ".join(inline(c) for c in t.columns) + " |", rule]
    out += ["| " + " | ".join(inline(c) for c in row) + " |" for row in t.rows]
    caption = escape(t.label) + (". " + inline(t.caption) if t.caption else "")
    return [*out, "", f": {caption}"]


def _block(block: tree.BlockNode) -> list[str]:
    if isinstance(block, tree.Paragraph):
        return [inline(block.runs)]
    if isinstance(block, tree.ListBlock):
        # The comment ends the list, so two lists in a row are not merged into one.
        return [*_list(block, 0), "", "<!-- -->"]
    if isinstance(block, tree.Table):
        return _table(block)
    if isinstance(block, tree.Quote):
        out = ["> " + inline(block.runs)]
        if block.by:
            out += [">", "> — " + inline(block.by)]
        return out
    if isinstance(block, tree.Figure):  # the benchmark's peers get the caption only
        return [f"{escape(block.label)} {inline(block.caption or ())}"]
    return [
        '::: {custom-style="Note"}',
        f"**{escape(block.label)}**",
        "",
        inline(block.runs),
        ":::",
    ]


def _section(section: tree.SectionNode) -> list[str]:
    out = []
    if section.page_break_before:
        out += ["```{=openxml}", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>', "```", ""]
    out += ["#" * section.level + " " + escape(section.heading), ""]
    for block in section.blocks:
        out += [*_block(block), ""]
    for child in section.children:
        out += _section(child)
    return out


def _rows(rows: tuple[tree.MemoRow, ...]) -> list[str]:
    return [f"**{escape(r.label)}:** {escape(r.value)}\\" for r in rows]


def markdown(doc: tree.Document) -> str:
    """The whole memo: metadata block, marking, memo rows, sections, "Prepared by"."""
    meta = [
        "---",
        f"title: {_yaml(doc.title)}",
        f"lang: {doc.lang_tag}",
        f"date: {_yaml(doc.date)}",
    ]
    if doc.subtitle:
        meta.append(f"subtitle: {_yaml(doc.subtitle)}")
    meta += [f"author: {_yaml(doc.metadata.author)}", "---", ""]
    out = meta
    if doc.marking:
        out += [f"**{escape(doc.marking)}**", ""]
    out += [f"**{escape(doc.doc_type)}**", ""]
    rows = ((doc.reference,) if doc.reference else ()) + doc.memo
    if rows:
        lines = _rows(rows)
        lines[-1] = lines[-1].removesuffix("\\")
        out += [*lines, "", "------", ""]
    for section in doc.sections:
        out += _section(section)
    if doc.prepared_by:
        out += ["------", "", _rows((doc.prepared_by,))[0].removesuffix("\\"), ""]
    return "\n".join(out)
