"""The helper process of a single render, and renders split between two processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.fork import ChildFailed, Helper, can_fork

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"

pytestmark = pytest.mark.skipif(not can_fork(), reason="fork is unavailable or threads run")


def square(n: int) -> int:
    return n * n


def shout(text: str) -> str:
    raise ValueError(f"bad {text}")


def die(_: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def pid_of(_: object) -> int:
    return os.getpid()


def test_helper_does_each_piece_in_order_in_another_process() -> None:
    prepared: list[int] = []
    helper = Helper(lambda: prepared.append(1))
    for n in (3, 4, 5):
        helper.give(square, n)
    helper.give(pid_of, None)
    *squares, pid = helper.results()
    assert squares == [9, 16, 25]
    assert pid != os.getpid()
    assert prepared == [], "prepare ran in the helper, not here"


def test_a_first_piece_given_at_the_fork_is_done_first_without_a_pickle() -> None:
    """The helper finds its first piece in the memory it was forked with: even work that
    cannot be pickled (a lambda, an open lock) is done, before the pieces given later."""
    import threading

    lock = threading.Lock()
    helper = Helper(lambda: None, first=(lambda held: (held.locked(), os.getpid()), lock))
    helper.give(square, 6)
    (locked, pid), thirty_six = helper.results()
    assert (locked, thirty_six) == (False, 36)
    assert pid != os.getpid()


def test_a_first_piece_that_raises_comes_back_as_child_failed() -> None:
    helper = Helper(lambda: None, first=(shout, "start"))
    helper.give(square, 3)
    failed, nine = helper.results()
    assert isinstance(failed, ChildFailed) and "ValueError: bad start" in str(failed)
    assert nine == 9


def test_a_big_piece_of_work_does_not_block_the_giver() -> None:
    """Pieces larger than a pipe's buffer go through the temporary file."""
    helper = Helper(lambda: None)
    big = "ə" * 3_000_000
    helper.give(len, big)
    assert helper.results() == [3_000_000]


def test_an_exception_in_the_helper_comes_back_as_child_failed() -> None:
    helper = Helper(lambda: None)
    helper.give(shout, "news")
    helper.give(square, 2)
    failed, four = helper.results()
    assert isinstance(failed, ChildFailed) and "ValueError: bad news" in str(failed)
    assert four == 4


def test_a_killed_helper_is_reported_for_every_missing_result() -> None:
    helper = Helper(lambda: None)
    helper.give(square, 2)
    helper.give(die, None)
    helper.give(square, 3)
    answers = helper.results()
    assert answers[0] == 4
    assert all(isinstance(a, ChildFailed) for a in answers[1:])
    assert "killed by signal 9" in str(answers[1])


def test_cancel_stops_a_helper_that_is_still_preparing() -> None:
    import time

    helper = Helper(lambda: time.sleep(30))
    started = time.monotonic()
    helper.cancel()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, os.WNOHANG)  # reaped: no zombie left behind


@pytest.mark.parametrize(
    "args",
    [["-l", "all"], ["-l", "all", "-f", "pdf"], ["-l", "az,ru", "-f", "docx"], []],
    ids=["all", "pdf-only", "docx-two-languages", "defaults"],
)
def test_split_render_writes_the_same_files_as_one_process(tmp_path: Path, args: list[str]) -> None:
    """-j 2 (a helper) and -j 1 give byte-identical files, printed in the same order."""
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        proc = subprocess.run(
            [sys.executable, "-m", "briefing", "render", str(EXAMPLE), *args, "-j", jobs,
             "-o", str(out)],
            capture_output=True, text=True, timeout=300,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1764115200"},
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == ""
        names = [Path(line).name for line in proc.stdout.splitlines()]
        outputs[jobs] = (names, {p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs["1"][0] == outputs["2"][0]
    assert sorted(outputs["1"][0]) == sorted(outputs["1"][1])
    assert outputs["1"][1] == outputs["2"][1]


def test_split_render_reports_a_bad_language_once_and_writes_the_others(tmp_path: Path) -> None:
    brief = tmp_path / "memo.yaml"
    brief.write_text(
        "title: {en: Memo, az: Memo 中}\ndate: 2026-11-26\n", encoding="utf-8"
    )  # the az title has a character no font of the template has
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "render", str(brief), "-l", "en,az", "-j", "2",
         "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.count("U+4E2D") == 1, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["memo.en.docx", "memo.en.pdf"]


@pytest.mark.parametrize(
    ("formats", "loaded"), [(("pdf",), True), (("docx",), False), (("pdf", "docx"), False)]
)
def test_reportlab_is_loaded_before_the_fork_only_when_both_processes_make_pdfs(
    formats: tuple[str, ...], loaded: bool
) -> None:
    """PDFs in several languages: this process loads ReportLab and the fonts before it
    forks, so the helper shares them instead of loading them again. Otherwise the
    helper loads its renderer while this process reads the brief. (A fresh
    interpreter: this one may have imported ReportLab already.)"""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from briefing.batch import Job, _executor\n"
        "from briefing.templates import load_template\n"
        f"job = Job(('en', 'az'), {formats!r}, load_template(), Path('.'))\n"
        "with _executor(job, 2):\n"
        "    print('reportlab.platypus' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == str(loaded)
