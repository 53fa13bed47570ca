"""The rows a run produces, and the arithmetic on them (sums of peers, ratios).

Kept apart from measuring and from formatting so the targets and the report read the
same numbers, and a row that failed carries its reason all the way to the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from measure import Outcome, Timing


@dataclass(frozen=True)
class Row:
    """One measured (or summed) command: what it did and how it went."""

    key: str  # e.g. "large.typst": content, then tool
    content: str  # what was rendered, for the table
    tool: str
    work: str  # files written and processes used
    outcome: Outcome
    load: float | None = None  # 1-minute load average when it started: others' noise

    @property
    def median(self) -> float | None:
        return self.outcome.timing.median if self.outcome.timing else None


def combined(key: str, tool: str, work: str, a: Row, b: Row) -> Row:
    """Two peers run one after the other (pandoc for DOCX, then Typst for PDF): the sum of
    the medians, and the larger peak memory, since they never run at the same time."""
    ta, tb = a.outcome.timing, b.outcome.timing
    if ta is None or tb is None:
        failed = a if ta is None else b
        return Row(key, a.content, tool, work, Outcome(error=f"{failed.tool} did not run"))
    runs = min(ta.runs, tb.runs)
    timing = Timing(
        ta.median + tb.median, ta.low + tb.low, ta.high + tb.high, runs, ta.cpu + tb.cpu
    )
    rss = [r for r in (a.outcome.max_rss_kb, b.outcome.max_rss_kb) if r is not None]
    pages = a.outcome.pages if a.outcome.pages is not None else b.outcome.pages
    return Row(key, a.content, tool, work, Outcome(timing, max(rss) if rss else None, "", pages))


def short(reason: str, limit: int = 120) -> str:
    """A failure reason cut for a table cell; the full one is in "Every measurement"."""
    reason = " ".join(reason.split())
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"


def ratio(ours: Row, peer: Row) -> float | None:
    """ours / peer: below 1 we are faster."""
    if ours.median is None or peer.median is None or peer.median <= 0:
        return None
    return ours.median / peer.median


def seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def mib(kb: int | None) -> str:
    return "–" if kb is None else f"{kb / 1024:.0f} MiB"


def speed(r: float | None) -> str:
    """A ratio in words, so nobody has to remember which way round it is."""
    if r is None:
        return "–"
    factor = 1 / r if r <= 1 else r
    shown = f"{factor:.2f}" if factor < 2 else f"{factor:.1f}"
    return f"{r:.2f} ({shown}× {'faster' if r <= 1 else 'slower'})"
