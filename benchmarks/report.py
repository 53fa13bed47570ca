"""Format a run as Markdown and put it into docs/performance.md.

The generated part sits between two marker comments and only that part is replaced,
so what people write around it (the how-to at the top, profiles, before/after notes)
survives every run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from results import Row, mib, ratio, seconds, short, speed

BEGIN = "<!-- benchmarks/run.py: begin (generated; edits inside are overwritten) -->"
END = "<!-- benchmarks/run.py: end -->"

# (content, ours, peer): the side-by-side comparisons of the ratio table.
COMPARISONS = [
    ("example", "briefing-all", "pandoc+typst"),
    ("example", "briefing-all", "pandoc+weasyprint"),
    ("example", "briefing-all", "pandoc+libreoffice"),
    ("example", "briefing-docx", "pandoc"),
    ("example", "briefing-pdf", "typst"),
    ("example", "briefing-pdf", "weasyprint"),
    ("example", "briefing-pdf", "libreoffice"),
    ("large", "briefing-all", "pandoc+typst"),
    ("large", "briefing-docx", "pandoc"),
    ("large", "briefing-pdf", "typst"),
    ("large", "briefing-pdf", "weasyprint"),
    ("large", "briefing-pdf", "libreoffice"),
    ("x4", "briefing-docx", "pandoc"),
    ("x4", "briefing-pdf", "typst"),
    ("batch", "briefing-j1", "peers-j1"),
    ("batch", "briefing-j2", "peers-j2"),
]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return out + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]


def measurements(rows: Iterable[Row]) -> list[str]:
    body = []
    for r in rows:
        t = r.outcome.timing
        load = "" if r.load is None else f"{r.load:.2f}"
        pages = "" if r.outcome.pages is None else str(r.outcome.pages)
        if t is None:
            error = short(r.outcome.error, 300)
            body.append([r.content, r.tool, r.work, "**failed**", error, "", "", "", pages, load])
            continue
        timing = [seconds(t.median), f"{seconds(t.low)} – {seconds(t.high)}", str(t.runs)]
        memory = mib(r.outcome.max_rss_kb)
        body.append([r.content, r.tool, r.work, *timing, seconds(t.cpu), memory, pages, load])
    header = ["Content", "Tool", "Output, processes", "Median", "Min – max", "Runs"]
    header += ["CPU (user+sys)", "Peak RSS", "PDF pages", "Load"]
    return table(header, body)


def comparisons(rows: dict[str, Row]) -> list[str]:
    body = []
    for content, mine_key, peer_key in COMPARISONS:
        mine, peer = rows.get(f"{content}.{mine_key}"), rows.get(f"{content}.{peer_key}")
        if mine is None or peer is None:
            continue
        r = ratio(mine, peer)
        failed = mine if mine.outcome.error else peer
        why = f"{failed.tool} failed: {short(failed.outcome.error, 60)}"
        tm, tp = mine.outcome.timing, peer.outcome.timing
        cpu = f"{tm.cpu / tp.cpu:.2f}" if tm and tp and tp.cpu > 0 else "–"
        body.append(
            [
                mine.content,
                f"{mine.tool}, {mine.work}",
                f"{peer.tool}, {peer.work}",
                seconds(mine.median),
                seconds(peer.median),
                speed(r) if r is not None else f"– ({why})",
                cpu,
            ]
        )
    header = ["Content", "briefing", "Peer", "briefing", "Peer", "briefing / peer"]
    return table([*header, "same, CPU time"], body)


def section(
    when: str,
    mode: str,
    machine: Sequence[tuple[str, str]],
    tools: Sequence[tuple[str, str]],
    rows: dict[str, Row],
    verdicts: Sequence[tuple[str, str, str]],
) -> str:
    """The generated part of docs/performance.md (also what the script prints)."""
    lines = [
        BEGIN,
        "",
        f"## Last run: {when}, {mode}",
        "",
        "### Targets of issue 7",
        "",
        *table(["Target (as the issue words it)", "Measured", "Verdict"], verdicts),
        "",
        "### briefing against its peers (medians of whole processes; below 1 we are faster)",
        "",
        *comparisons(rows),
        "",
        "### Every measurement",
        "",
        *measurements(rows.values()),
        "",
        "### Machine",
        "",
        *table(["", ""], [*machine, *tools]),
        "",
        END,
    ]
    return "\n".join(lines) + "\n"


def write(doc: Path, generated: str, header: str) -> None:
    """Replace the generated part of ``doc``; create it with ``header`` if missing."""
    old = doc.read_text(encoding="utf-8") if doc.exists() else header
    if BEGIN in old and END in old:
        before, rest = old.split(BEGIN, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        new = before + generated + ("\n" + after if after else "")
    else:
        new = old.rstrip("\n") + "\n\n" + generated
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(new, encoding="utf-8")
