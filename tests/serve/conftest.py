"""Servers for the tests: an app in this process (Starlette's test client) and a real
``briefing serve`` in a subprocess, as a user starts it, for curl, load and browser
tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
TOKEN = "test-token-0123456789"


@dataclass
class Live:
    url: str  # http://127.0.0.1:PORT
    token: str
    folder: Path
    process: subprocess.Popen[str]


def start_server(folder: Path, *extra: str) -> Live:
    """``briefing serve FOLDER --port 0``; the URL is read from what it prints."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefing",
            "serve",
            str(folder),
            "--port",
            "0",
            "--token",
            TOKEN,
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("briefing serve: open http://"), (
        process.stderr.read() if process.stderr else line
    )
    url = line.split("open ", 1)[1].split("/?token=", 1)[0]
    _wait_ready(url)
    return Live(url, TOKEN, folder, process)


def _wait_ready(url: str) -> None:
    """Until the workers are up: the listening socket answers before they are."""
    import urllib.request

    deadline = time.monotonic() + 60
    while True:
        try:
            request = urllib.request.Request(
                f"{url}/api/info", headers={"Authorization": f"Bearer {TOKEN}"}
            )
            with urllib.request.urlopen(request, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def stop_server(live: Live) -> None:
    live.process.terminate()
    try:
        live.process.wait(20)
    except subprocess.TimeoutExpired:
        live.process.kill()
        live.process.wait()


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    folder = tmp_path_factory.mktemp("briefs")
    (folder / "charter.yaml").write_bytes(EXAMPLE.read_bytes())
    server = start_server(folder)
    yield server
    stop_server(server)
