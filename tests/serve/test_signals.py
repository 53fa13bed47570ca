"""``briefing serve`` stopped by Ctrl-C or SIGTERM: before it is ready, one line and
exit status 1 (not a traceback, and not a silent 0 after the URL was printed); once it
serves, a clean stop with exit status 0. Ctrl-C in a terminal reaches the whole process
group (the fork server and the workers too), so the signals here are sent to the group.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed")

from tests.serve.conftest import TOKEN, _wait_ready

STARTING = "briefing serve: stopped while starting; not serving"


def _start(folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "briefing", "serve", str(folder), "--port", "0",
         "--token", TOKEN, "--workers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip


def _stop(process: subprocess.Popen[str], sig: int) -> tuple[int, str]:
    os.killpg(process.pid, sig)
    try:
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert _living(process.pid) == [], "processes left behind"
    return process.returncode, err


def _living(group: int) -> list[str]:
    """The group's processes that still run (the fork server and workers end when the
    server's pipes close), a few seconds given; zombies, dead already, do not count."""
    deadline = time.monotonic() + 10
    while True:
        ps = subprocess.run(
            ["ps", "-o", "pid=,stat=,args=", "-g", str(group)], capture_output=True, text=True
        )
        living = [line for line in ps.stdout.splitlines() if line.split()[1][0] != "Z"]
        if not living or time.monotonic() > deadline:
            return living
        time.sleep(0.2)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["INT", "TERM"])
@pytest.mark.parametrize("after", [0.4, "url"])
def test_stopped_while_starting(sig: int, after: float | str, tmp_path: Path) -> None:
    """At 0.4 s the template is loading; right after the URL the workers are warming up
    (a Ctrl-C killed the fork server importing its preload: two tracebacks, exit 3)."""
    process = _start(tmp_path)
    if after == "url":
        assert process.stdout is not None
        assert process.stdout.readline().startswith("briefing serve: open http://")
    else:
        assert isinstance(after, float)
        time.sleep(after)
    code, err = _stop(process, sig)
    assert "Traceback" not in err, err
    if code == 130 and sig == signal.SIGINT:  # still importing, before serve() ran
        assert err == "briefing: interrupted\n"
        return
    # the workers take far longer to warm up (fonts, catalogs) than the signal to come
    assert (code, err) == (1, STARTING + "\n")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["INT", "TERM"])
def test_stopped_once_serving_is_clean(sig: int, tmp_path: Path) -> None:
    process = _start(tmp_path)
    assert process.stdout is not None
    line = process.stdout.readline()
    _wait_ready(line.split("open ", 1)[1].split("/?token=", 1)[0])
    assert _stop(process, sig) == (0, "")
