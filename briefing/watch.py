"""``briefing watch``: re-render a brief each time it is saved, with everything warm.

Polls the modification times of the brief and, for a Markdown brief, its translation
files (a few stat calls a second cost nothing and need no extra library or OS
notification API). Fonts, catalogs and the template stay loaded between renders, so a
save costs only the render itself. An invalid save prints its positioned errors and
leaves the last good files in place (every file is written atomically); a bug in
briefing is reported as one line and watching goes on.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from briefing.batch import Job, guarded, warm

POLL_SECONDS = 0.1


def watched_files(brief: Path) -> list[Path]:
    files = [brief]
    if brief.suffix.lower() in (".md", ".markdown"):
        from briefing.readers.translations import translation_files

        files += translation_files(brief).values()
    return files


def _stamp(files: list[Path]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for file in files:
        try:
            st = file.stat()
            out.append((str(file), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(file), -1, -1))
    return tuple(out)


def watch(
    brief: Path,
    job: Job,
    stop: Callable[[], bool] = lambda: False,
    say: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
) -> None:
    """Render now and after every save until ``stop()`` is true (or Ctrl-C)."""
    warm(job)
    seen: tuple[tuple[str, int, int], ...] = ()
    while not stop():
        files = watched_files(brief)
        stamp = _stamp(files)
        if stamp != seen:
            seen = stamp
            started = time.perf_counter()
            outcome = guarded(str(brief), job)  # a bug is reported; watching goes on
            took = (time.perf_counter() - started) * 1000
            for path in outcome.written:
                print(path, flush=True)
            for message in outcome.messages:
                say(message)
            state = "failed; the last good files are kept" if outcome.failed else "rendered"
            say(f"{brief}: {state} in {took:.0f} ms; watching for changes (Ctrl-C stops)")
        time.sleep(POLL_SECONDS)
