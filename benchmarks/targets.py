"""The targets of issue 7, checked against a run's rows.

Each target is quoted as the issue words it, with the number measured here and either
"met" or by how much it is missed, so the report tells the team what to optimize.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from measure import Outcome
from results import Row, mib, ratio, seconds, short

Verdict = tuple[str, str, str]  # target as quoted, measured, verdict
NOT_RUN = "stage did not run"


def _missing(*rows: Row | None) -> str:
    reasons = [
        f"{r.tool} failed: {short(r.outcome.error, 80)}" if r.tool else r.outcome.error
        for r in rows
        if r is not None and r.outcome.error
    ] or ["not measured"]
    return "not measured (" + "; ".join(dict.fromkeys(reasons)) + ")"


class _Rows:
    """The run's rows by key; a key with no row (a stage left out, as the batch is with
    ``--batch 0``, or one that never ran) reads as a blank row saying why, so a target
    reports "not measured" instead of the whole report ending in a KeyError."""

    def __init__(self, rows: Mapping[str, Row], left_out: Mapping[str, str]) -> None:
        self.rows = rows
        self.left_out = left_out

    def __getitem__(self, key: str) -> Row:
        found = self.rows.get(key)
        if found is not None:
            return found
        why = self.left_out.get(key.split(".")[0], NOT_RUN)
        return Row(key, key, "", "", Outcome(error=why))


def _limit(value: float | None, limit: float, show: Callable[[float], str]) -> str:
    """'met', or the miss as a factor and a difference."""
    if value is None:
        return "not measured"
    if value <= limit:
        return "met"
    return f"**missed**: {value / limit:.2f}× the limit ({show(value)} vs {show(limit)})"


def check(
    by_key: Mapping[str, Row],
    validate_imports: set[str] | None,
    left_out: Mapping[str, str] | None = None,
) -> list[Verdict]:
    """Every target of the issue, in its order, whatever rows the run has.

    ``left_out`` maps a content key ("batch") to why the run skipped it, for the verdict.
    """
    rows = _Rows(by_key, left_out or {})
    out: list[Verdict] = []
    ours = rows["example.briefing-all"]
    out.append(
        (
            "`briefing render examples/us-azerbaijan-charter.yaml -l all` (6 files) as one "
            "process: under 0.5 s",
            seconds(ours.median),
            _limit(ours.median, 0.5, seconds) if ours.median else _missing(ours),
        )
    )
    for mine_key, peer_key, words, limit in (
        (
            "example.briefing-all",
            "example.pandoc+weasyprint",
            "example, 6 files: at least 10 times faster than pandoc plus WeasyPrint",
            0.1,
        ),
        ("large.briefing-docx", "large.pandoc", "large brief: DOCX no slower than pandoc", 1.0),
        ("large.briefing-pdf", "large.typst", "large brief: PDF within 1.2 times Typst", 1.2),
    ):
        mine, peer = rows[mine_key], rows[peer_key]
        r = ratio(mine, peer)
        measured = (
            f"{seconds(mine.median)} vs {seconds(peer.median)}: ours/peer {r:.2f}"
            if r is not None
            else "–"
        )
        verdict = _limit(r, limit, lambda x: f"{x:.2f}") if r is not None else _missing(mine, peer)
        out.append((words, measured, verdict))
    typst = rows["example.pandoc+typst"]
    r = ratio(ours, typst)
    out.append(
        (
            "example, 6 files: say how far it is from pandoc plus Typst (318 ms in the issue)",
            f"{seconds(ours.median)} vs {seconds(typst.median)}: ours/peer {r:.2f}"
            if r is not None
            else "–",
            "for information" if r is not None else _missing(ours, typst),
        )
    )
    val = rows["validate.example"]
    out.append(
        (
            "`briefing validate` under 0.25 s",
            seconds(val.median),
            _limit(val.median, 0.25, seconds) if val.median else _missing(val),
        )
    )
    if validate_imports is None:
        out.append(
            ("`briefing validate` must not import reportlab or python-docx", "–", "not measured")
        )
    else:
        heavy = sorted({"reportlab", "docx"} & validate_imports)
        out.append(
            (
                "`briefing validate` must not import reportlab or python-docx",
                "imports " + (", ".join(heavy) if heavy else "neither"),
                "met" if not heavy else "**missed**",
            )
        )
    large = [rows[k] for k in ("large.briefing-all", "large.briefing-pdf", "large.briefing-docx")]
    peaks = [r.outcome.max_rss_kb for r in large if r.outcome.max_rss_kb is not None]
    out.append(
        (
            "peak memory under 150 MB for the large brief",
            "; ".join(f"{r.work or r.key}: {mib(r.outcome.max_rss_kb)}" for r in large),
            _limit(max(peaks) / 1024, 150, lambda x: f"{x:.0f} MiB") if peaks else _missing(*large),
        )
    )
    for fmt in ("pdf", "docx"):
        one, four = rows[f"large.briefing-{fmt}"], rows[f"x4.briefing-{fmt}"]
        growth = ratio(four, one)
        t1, t4 = one.outcome.timing, four.outcome.timing
        cpu = f" (CPU ×{t4.cpu / t1.cpu:.2f})" if t1 and t4 and t1.cpu > 0 else ""
        out.append(
            (
                "cost grows linearly: 4 times the content takes at most 4.5 times as long "
                f"({fmt.upper()})",
                f"{seconds(one.median)} → {seconds(four.median)}: ×{growth:.2f}{cpu}"
                if growth
                else "–",
                _limit(growth, 4.5, lambda x: f"×{x:.2f}") if growth else _missing(one, four),
            )
        )
    for jobs in (1, 2):
        mine, peer = rows[f"batch.briefing-j{jobs}"], rows[f"batch.peers-j{jobs}"]
        r = ratio(mine, peer)
        measured = (
            f"{seconds(mine.median)} vs {seconds(peer.median)}: throughput ×{1 / r:.2f}"
            if r
            else "–"
        )
        out.append(
            (
                f"batch, -j {jobs}: throughput at least twice that of pandoc plus Typst "
                "on the same files",
                measured,
                _limit(r, 0.5, lambda x: f"×{1 / x:.2f}") if r else _missing(mine, peer),
            )
        )
    return out
