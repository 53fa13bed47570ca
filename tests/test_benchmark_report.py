"""The benchmark's report comes out whatever rows a run has.

A full run takes many minutes; a report step that raises at its end (as the targets
did with ``--batch 0``: a KeyError for the batch rows) throws all of it away. These
checks feed the report code fake rows instead of measuring anything.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))  # the scripts import each other as top-level modules

import report  # noqa: E402
import targets  # noqa: E402
from measure import Outcome, Timing  # noqa: E402
from results import Row  # noqa: E402


def _row(key: str, median: float | None, error: str = "") -> Row:
    timing = None if median is None else Timing(median, median, median, 1, median)
    return Row(key, key.split(".")[0], key.split(".")[1], "6 files", Outcome(timing, 1024, error))


def test_targets_without_the_batch_say_why() -> None:
    rows = {"example.briefing-all": _row("example.briefing-all", 0.4)}
    verdicts = targets.check(rows, set(), {"batch": "left out with --batch 0"})
    batch = [v for v in verdicts if v[0].startswith("batch")]
    assert len(batch) == 2
    assert all("left out with --batch 0" in verdict for _, _, verdict in batch)
    assert verdicts[0][2] == "met"
    assert all(verdict for _, _, verdict in verdicts)


def test_report_has_its_tables_when_a_peer_failed() -> None:
    rows = {
        "large.briefing-pdf": _row("large.briefing-pdf", 0.5),
        "large.typst": _row("large.typst", None, "exit status 1: font not found"),
    }
    text = report.section(
        "now", "quick", [("CPU", "x")], [("typst", "0.13")], rows, targets.check(rows, None)
    )
    assert "font not found" in text
    assert "### Every measurement" in text and "### Targets of issue 7" in text
    assert "not measured (typst failed: exit status 1: font not found)" in text
