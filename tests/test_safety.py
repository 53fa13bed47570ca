"""Nothing lost: failed or killed renders never damage output; bugs are one line, exit 3."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"


def briefing(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, text=True, timeout=300
    )


def test_a_failed_render_keeps_the_previous_file(tmp_path: Path) -> None:
    brief = tmp_path / "memo.yaml"
    brief.write_text("title: Good\ndate: 2026-11-26\n", encoding="utf-8")
    out = tmp_path / "out"
    assert briefing("render", str(brief), "-o", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    for broken in (
        "title: Bad\ndate: 2026-13-01\n",  # invalid brief
        "title: Talks with 中国\ndate: 2026-11-26\n",  # a glyph no font has
    ):
        brief.write_text(broken, encoding="utf-8")
        assert briefing("render", str(brief), "-o", str(out)).returncode == 1
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def _complete(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return data.rstrip().endswith(b"%%EOF") and len(PdfReader(io.BytesIO(data)).pages) > 0
    from docx import Document

    Document(io.BytesIO(data))
    return True


def test_a_killed_render_leaves_no_partial_file(tmp_path: Path) -> None:
    large = tmp_path / "large.yaml"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_large.py"), str(large)], check=True
    )
    out = tmp_path / "out"
    for delay in (0.3, 0.8, 1.5, 2.5, 4.0):
        proc = subprocess.Popen(
            [sys.executable, "-m", "briefing", "render", str(large), "-l", "all", "-o", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for path in out.glob("large.*"):
            assert not path.name.endswith(".tmp"), path
            assert _complete(path), f"{path.name} is incomplete after SIGKILL at {delay} s"
    # leftover temporary files carry a name no reader would take for the memo
    assert all(p.name.startswith(".") for p in out.glob("*.tmp"))


def test_a_bug_is_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def broken(*_args: object, **_kw: object) -> bytes:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr("briefing.renderers.render", broken)
    code = cli.main(["render", str(EXAMPLE), "-f", "pdf", "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 3
    assert "Traceback" not in err
    assert err.strip().count("\n") == 0
    assert "internal error (ZeroDivisionError: simulated bug)" in err and "report" in err
    with pytest.raises(ZeroDivisionError):
        cli.main(["--debug", "render", str(EXAMPLE), "-f", "pdf", "-o", str(tmp_path)])


def test_no_output_is_left_under_the_final_name_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing import api
    from briefing.errors import BriefError

    target = tmp_path / "memo.en.pdf"
    target.write_bytes(b"old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(BriefError, match="No space left"):
        api.write_atomic(target, b"new content")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["memo.en.pdf"]
