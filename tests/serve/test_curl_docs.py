"""The curl examples of docs/api.md run against a real server and print what it shows.

The first block of "With curl" starts a server, as a user would; the test has its own
(the ``live`` fixture), so that block is only checked to name the command.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.readback import require_tool
from tests.serve.conftest import EXAMPLE, Live

API = Path(__file__).resolve().parents[2] / "docs" / "api.md"
# a ```sh block, and the ``` block after "prints" if there is one
_BLOCK = re.compile(r"^```sh\n(.*?)^```\n(?:\nprints\n\n```\n(.*?)^```\n)?", re.S | re.M)


def curl_blocks() -> list[tuple[str, str | None]]:
    section = API.read_text(encoding="utf-8").split("### With curl", 1)[1]
    return [(code, shown) for code, shown in _BLOCK.findall(section.split("\n## ", 1)[0])]


def test_there_are_examples() -> None:
    blocks = curl_blocks()
    assert "briefing serve --token" in blocks[0][0]
    assert len(blocks) >= 5 and sum(shown is not None and shown != "" for _, shown in blocks) >= 3


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("curl")
    (folder / "brief.yaml").write_bytes(EXAMPLE.read_bytes())
    (folder / "brief.md").write_bytes(EXAMPLE.with_suffix(".md").read_bytes())
    return folder


@pytest.mark.parametrize("index", range(1, len(curl_blocks())))
def test_curl_example(index: int, live: Live, workdir: Path) -> None:
    require_tool("curl")
    code, shown = curl_blocks()[index]
    env = {**os.environ, "BRIEFING": live.url, "TOKEN": live.token}
    run = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", code],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr + run.stdout
    if shown:
        assert run.stdout.rstrip("\n") == shown.rstrip("\n")  # curl adds no final newline


def test_curl_examples_wrote_the_files(live: Live, workdir: Path) -> None:
    require_tool("curl")
    for index in range(1, len(curl_blocks())):
        test_curl_example(index, live, workdir)
    assert (workdir / "brief.az.pdf").read_bytes().startswith(b"%PDF-")
    assert (workdir / "brief.en.docx").read_bytes().startswith(b"PK")
    assert (workdir / "page1.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
