"""Under load: a runaway render is stopped (503) and its worker replaced; many clients at
once each get their own, correct answer; the command refuses unsafe options."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed")

from starlette.testclient import TestClient

from briefing.cli import main
from briefing.serve.app import create_app
from tests.serve.conftest import TOKEN, Live

YAML = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/yaml"}


def heavy_brief(rows: int) -> str:
    """A valid brief whose PDF takes seconds: one long table."""
    body = "\n".join(
        f"            - [Row {i} with some words, {i}, Another cell]" for i in range(rows)
    )
    return (
        "title: Heavy\ndate: 2026-11-26\nsections:\n  - title: T\n    body:\n"
        f"      - table:\n          columns: [A, B, C]\n          rows:\n{body}\n"
    )


def test_overrun_is_503_and_the_worker_is_replaced() -> None:
    app = create_app(TOKEN, workers=1, timeout=1.0)
    with TestClient(app) as client:
        pool = app.state.pool
        (before,) = pool.workers
        started = time.monotonic()
        answer = client.post("/api/render", content=heavy_brief(3000).encode(), headers=YAML)
        assert answer.status_code == 503
        assert "longer than 1 s" in answer.json()["error"]
        assert time.monotonic() - started < 5
        assert pool.replaced == 1
        # the next request is answered, by a new process
        small = client.post("/api/validate", content=b"title: T\ndate: 2026-11-26\n", headers=YAML)
        assert small.status_code == 200 and small.json()["problems"] == []
        (after,) = pool.workers
        assert after.process.pid != before.process.pid
        assert not before.process.is_alive()


def test_worker_retired_after_max_tasks() -> None:
    app = create_app(TOKEN, workers=1, timeout=30, max_tasks=2)
    with TestClient(app) as client:
        pool = app.state.pool
        pids = []
        for _ in range(4):
            answer = client.post(
                "/api/validate", content=b"title: T\ndate: 2026-11-26\n", headers=YAML
            )
            assert answer.status_code == 200
            pids.append(next(iter(pool.workers)).process.pid if pool.workers else None)
        assert len({pid for pid in pids if pid}) >= 2  # a fresh process took over


def test_twenty_clients_at_once(live: Live, tmp_path: Path) -> None:
    """Each client sends its own brief and must get back its own file."""
    import urllib.request

    from pypdf import PdfReader

    from tests.readback import docx_body, squash

    def client(n: int) -> tuple[int, str, str]:
        lang, fmt = ["en", "az", "ru"][n % 3], ["pdf", "docx"][n % 2]
        brief = f"title: Client number {n} end\ndate: 2026-11-26\nsummary: [For client {n}.]\n"
        request = urllib.request.Request(
            f"{live.url}/api/render?lang={lang}&format={fmt}",
            data=brief.encode(),
            headers={"Authorization": f"Bearer {live.token}", "Content-Type": "application/yaml"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=120) as answer:
            data = answer.read()
        if fmt == "pdf":
            text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
        else:
            (tmp_path / f"{n}.docx").write_bytes(data)
            text = docx_body(tmp_path / f"{n}.docx")
        return n, fmt, squash(text)

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(client, range(20)))
    assert sorted(fmt for _, fmt, _ in results) == ["docx"] * 10 + ["pdf"] * 10
    for n, _fmt, text in results:
        assert squash(f"Client number {n} end") in text and squash(f"For client {n}.") in text
        others = [m for m in range(20) if m != n and squash(f"Client number {m} end") in text]
        assert others == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--host", "0.0.0.0"], "--token"),
        (["--host", "192.168.1.10", "--port", "0"], "other machines"),
        (["--host", "0.0.0.0", "--token", "short"], "at least 8"),
        (["/no/such/folder"], "not a folder"),
        (["--workers", "0"], "--workers"),
        (["--timeout", "0"], "--timeout"),
        (["--limit", "nope=1"], "unknown limit"),
        (["--port", "70000"], "--port takes"),
        (["--host", "no.such.host.invalid", "--token", "long-enough-token"], "cannot listen"),
    ],
)
def test_unsafe_or_bad_options_are_usage_errors(
    args: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", *args]) == 2
    assert says in capsys.readouterr().err


def test_render_does_not_load_the_server(tmp_path: Path) -> None:
    """The serve extra is imported only by `briefing serve`."""
    code = (
        "import sys\nfrom briefing.cli import main\n"
        "main(['validate', 'examples/us-azerbaijan-charter.yaml'])\n"
        "main(['render', 'examples/us-azerbaijan-charter.yaml', '-l', 'az', '-f', 'pdf',"
        " '-o', sys.argv[1]])\n"
        "loaded = [m for m in ('starlette', 'uvicorn', 'pypdfium2') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "us-azerbaijan-charter.az.pdf").is_file()


def test_ctrl_c_stops_the_server_and_its_workers(tmp_path: Path) -> None:
    import signal

    from tests.serve.conftest import start_server

    live = start_server(tmp_path)
    pid = live.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children")
    descendants = children.read_text().split() if children.exists() else []
    live.process.send_signal(signal.SIGINT)
    assert live.process.wait(30) == 0
    assert live.process.stderr is not None and "Traceback" not in live.process.stderr.read()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{child}").exists() for child in descendants):
        assert time.monotonic() < deadline, "a worker process outlived the server"
        time.sleep(0.1)


def test_a_worker_killed_while_idle_is_replaced_unnoticed() -> None:
    import os
    import signal

    app = create_app(TOKEN, workers=1, timeout=30)
    with TestClient(app) as client:
        pool = app.state.pool
        (worker,) = pool.workers
        os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.join(10)
        answer = client.post("/api/validate", content=b"title: T\ndate: 2026-11-26\n", headers=YAML)
        assert answer.status_code == 200 and pool.replaced == 1
