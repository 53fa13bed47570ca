"""Many briefs with a pool of processes, and watch mode."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"


def test_batch_renders_the_rest_when_one_fails(tmp_path: Path) -> None:
    briefs = []
    for name in ("a", "b"):
        copy = tmp_path / f"{name}.yaml"
        shutil.copy(EXAMPLE, copy)
        briefs.append(copy)
    shutil.copy(EXAMPLE.parent / "middle-corridor.svg", tmp_path)  # the example's figure
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\ndate: 2026-02-30\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "render", str(briefs[0]), str(bad), str(briefs[1]),
         "-l", "az,ru", "-f", "pdf", "-j", "2", "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 1
    assert f"{bad}:2:7: date: invalid date" in proc.stderr
    assert "1 of 3 briefs failed" in proc.stderr
    assert "Traceback" not in proc.stderr
    written = sorted(Path(line).name for line in proc.stdout.splitlines())
    assert written == ["a.az.pdf", "a.ru.pdf", "b.az.pdf", "b.ru.pdf"]
    assert sorted(p.name for p in out.iterdir()) == written


def _wait_for(proc: subprocess.Popen[str], needle: str, timeout: float = 60) -> str:
    """Lines of stderr until one contains ``needle``."""
    assert proc.stderr is not None
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        seen.append(line)
        if needle in line:
            return "".join(seen)
    raise AssertionError(f"no {needle!r} in: {''.join(seen)}")


def test_watch_rerenders_on_save_and_keeps_the_last_good_file(tmp_path: Path) -> None:
    brief = tmp_path / "memo.yaml"
    brief.write_text("title: First\ndate: 2026-11-26\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch", str(brief), "-f", "pdf", "-o", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        _wait_for(proc, "rendered in")
        pdf = out / "memo.en.pdf"
        first = pdf.read_bytes()
        time.sleep(0.05)
        brief.write_text("title: Second\ndate: 2026-11-26\n", encoding="utf-8")
        _wait_for(proc, "rendered in")
        second = pdf.read_bytes()
        assert second != first
        brief.write_text("title: Third\ndate: 2026-99-26\n", encoding="utf-8")
        lines = _wait_for(proc, "failed; the last good files are kept")
        assert f"{brief}:2:7: date: invalid date" in lines
        assert pdf.read_bytes() == second
    finally:
        proc.terminate()
        proc.wait(timeout=30)
