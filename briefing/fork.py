"""Run a few pieces of one job side by side in forked copies of this process.

Why: one brief in three languages and two formats is six independent renders, and on
a machine with several cores most of a single command's time is importing reportlab
and python-docx and loading fonts. A forked child starts with everything the parent
has loaded (the brief, catalogs, warm renderers), costs about a millisecond to make,
and needs nothing pickled on the way in; only its small results come back through a
pipe. A process pool would start fresh interpreters and re-import everything.

Used only where fork is safe: a POSIX system and a single-threaded process (the pool
workers of ``render -j N`` and the CLI before any progress bar starts). Elsewhere the
pieces run one after the other, with the same results.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class ChildFailed(RuntimeError):
    """A forked child crashed or was killed before it reported its results."""


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def run_side_by_side(work: Callable[[T], R], pieces: Sequence[T]) -> list[R | ChildFailed]:
    """``work(piece)`` for every piece: the first in this process, the rest in children.

    Results come back in the order of ``pieces``. An exception in a child comes back as
    ChildFailed with its text; one in this process propagates as usual.
    """
    if len(pieces) <= 1 or not can_fork():
        return [work(piece) for piece in pieces]
    sys.stdout.flush()
    sys.stderr.flush()
    children: list[tuple[int, int]] = []
    for piece in pieces[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do its piece, send the result, leave without cleanup
            os.close(read_end)
            _child(work, piece, write_end)
        os.close(write_end)
        children.append((pid, read_end))
    results: list[R | ChildFailed] = [work(pieces[0])]
    for pid, read_end in children:
        results.append(_collect(pid, read_end))
    return results


def _child(work: Callable[[T], R], piece: T, write_end: int) -> None:
    status = 0
    try:
        try:
            payload = pickle.dumps((True, work(piece)))
        except BaseException as exc:  # reported to the parent, which decides what it means
            payload = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
    except BaseException:
        status = 1
    finally:
        os._exit(status)  # no atexit handlers, no second flush of the parent's buffers


def _collect(pid: int, read_end: int) -> Any:
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not payload:
        code = os.waitstatus_to_exitcode(status)
        why = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        return ChildFailed(f"a render process ended without a result ({why})")
    ok, value = pickle.loads(payload)
    return value if ok else ChildFailed(value)
