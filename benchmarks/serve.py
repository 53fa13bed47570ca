"""How fast and how steady ``briefing serve`` is, measured from a client.

    python3 benchmarks/serve.py                 # latency: p50/p95 of preview and render
    python3 benchmarks/serve.py --memory 1000   # memory over 1,000 renders

Starts ``briefing serve --port 0`` (the installed briefing, default options: 2 workers),
waits until its workers are up, warms it with a few requests, then times requests made
one after the other over one keep-alive connection:

- preview: ``POST /api/preview`` of the bundled example in one language, then ``GET`` of
  the first page's image (what the editor shows first; it asks for the others when they
  are scrolled to), and then with every page's image, one after the other;
- render: ``POST /api/render`` of the same brief as a PDF (and, for reference, a DOCX).

Nothing is cached between requests: each one loads, checks, localizes and renders the
brief again. With ``--memory N`` it makes N renders (PDF, DOCX and previews in turn) and
prints the resident memory of the server and its worker processes every tenth of the
way (Linux: read from /proc).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
TOKEN = "benchmark-token-0123456789"


def start() -> tuple[subprocess.Popen[str], int]:
    server = subprocess.Popen(
        [sys.executable, "-m", "briefing", "serve", "--port", "0", "--token", TOKEN],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    port = int(line.rsplit(":", 1)[1].split("/", 1)[0])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _ = call(http.client.HTTPConnection("127.0.0.1", port), "GET", "/api/info")
            if status == 200:
                return server, port
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def call(
    conn: http.client.HTTPConnection, method: str, path: str, body: bytes | None = None
) -> tuple[int, bytes]:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/yaml"}
    conn.request(method, path, body=body, headers=headers)
    answer = conn.getresponse()
    return answer.status, answer.read()


def preview(conn: http.client.HTTPConnection, brief: bytes, lang: str, first: bool = False) -> int:
    """The preview, then the first page's image (as the editor shows it), or every page's
    image, one after the other (the editor asks for those only when scrolled to)."""
    status, body = call(conn, "POST", f"/api/preview?lang={lang}", brief)
    assert status == 200, body
    pages = json.loads(body)["pages"]
    for page in pages[:1] if first else pages:
        status, png = call(conn, "GET", page["url"])
        assert status == 200 and png.startswith(b"\x89PNG")
    return len(pages)


def render(conn: http.client.HTTPConnection, brief: bytes, lang: str, fmt: str) -> None:
    status, body = call(conn, "POST", f"/api/render?lang={lang}&format={fmt}", brief)
    assert status == 200, body[:300]


def timed(action: object, runs: int) -> list[float]:
    assert callable(action)
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        out.append(1000 * (time.perf_counter() - started))
    return out


def report(name: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"{name:<34} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   n={len(times)}")


def rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and every process under it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def server_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50, help="timed requests of each kind")
    parser.add_argument("--lang", default="az")
    parser.add_argument("--memory", type=int, metavar="N", help="measure memory over N renders")
    args = parser.parse_args()
    brief = EXAMPLE.read_bytes()
    server, port = start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port)
        for _ in range(5):  # warm both workers
            pages = preview(conn, brief, args.lang)
            render(conn, brief, args.lang, "pdf")
            render(conn, brief, args.lang, "docx")
        if args.memory:
            kinds = ["pdf", "docx", "preview"]
            step = max(1, args.memory // 10)
            print("renders  server RSS  server+workers RSS")
            for n in range(args.memory + 1):
                if n % step == 0:
                    print(
                        f"{n:7d}  {server_rss_kb(server.pid) / 1024:7.1f} MB  "
                        f"{rss_kb(server.pid) / 1024:7.1f} MB",
                        flush=True,
                    )
                if n < args.memory:
                    kind = kinds[n % 3]
                    lang = ["en", "az", "ru"][n % 3 - 1]
                    if kind == "preview":
                        preview(conn, brief, lang)
                    else:
                        render(conn, brief, lang, kind)
            return
        print(f"the example in {args.lang}: {pages} pages; {os.cpu_count()} cores")
        report(
            "preview (JSON + first page PNG)",
            timed(lambda: preview(conn, brief, args.lang, first=True), args.runs),
        )
        report(
            "preview (JSON + every page PNG)",
            timed(lambda: preview(conn, brief, args.lang), args.runs),
        )
        report("render PDF", timed(lambda: render(conn, brief, args.lang, "pdf"), args.runs))
        report("render DOCX", timed(lambda: render(conn, brief, args.lang, "docx"), args.runs))
    finally:
        server.terminate()
        server.wait(20)


if __name__ == "__main__":
    main()
