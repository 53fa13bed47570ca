"""Every invalid brief under tests/cases/invalid/ fails with its positioned message.

One file a case: the first line says what the error must be, as
``# expect: LINE:COL: message`` (the message may be a prefix).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CASES = sorted((Path(__file__).parent / "cases" / "invalid").glob("*.yaml"))


def expected(case: Path) -> str:
    first = case.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{case.name} lacks its expect line"
    return first.removeprefix("# expect: ")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_brief_is_reported_with_position(case: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "render", str(case), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"{case}:{expected(case)}" in proc.stderr, proc.stderr
    assert not out.exists() or not any(out.iterdir()), "no output file for an invalid brief"
    assert proc.stdout == ""


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    brief = tmp_path / "many.yaml"
    brief.write_text(
        "title: A\ndate: 2026-13-01\nextra: 1\nsections:\n  - kind: nope\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "validate", str(brief)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.startswith(str(brief))]
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{brief}:2:7",
        f"{brief}:3:1",
        f"{brief}:5:11",
    ]
