"""A helper process, forked at the start of a render, that gets ready while we read.

Why: rendering one brief in three languages and two formats is six independent
renders, and most of a single command's time is start-up: importing reportlab and
loading fonts takes longer than reading, checking and localizing the brief. A helper
forked first thing does that import while this process reads the brief, then renders
its share of the files side by side with this process. A fork costs about a
millisecond, starts with everything loaded so far, and runs the same code; each piece of
work is sent as a pickle through a temporary file (a pipe could block this process
until the helper is ready to read) as soon as it is known, and the small results come
back through a pipe. A helper may also be forked with its first piece of work in
hand, when the renderer is loaded already and there is nothing to prepare: it then finds
that piece in the memory it shares with this process, with no pickle either way.

Used only where fork is safe: a POSIX system and a single-threaded process (not inside
the worker pool of ``render -j N``, which already uses every core). Elsewhere callers
do all the work themselves, with the same results.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import tempfile
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any, BinaryIO


class ChildFailed(RuntimeError):
    """The helper crashed, was killed, or raised; the text says which."""


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


class Helper:
    """A forked process: ``prepare()`` runs at once; work is given to it piece by piece.

    Each ``give(work, piece)`` is done in turn as soon as the helper is ready;
    ``results()`` waits for the helper to finish them all. ``first``, a piece of work
    known at the fork, is done first and is not pickled: the helper has it in memory.
    """

    def __init__(
        self,
        prepare: Callable[[], object],
        first: tuple[Callable[[Any], Any], Any] | None = None,
    ) -> None:
        self._payload = tempfile.TemporaryFile()  # noqa: SIM115 (closed in results/cancel)
        self._size = 0
        self._given = 0 if first is None else 1
        task_read, self._tasks = os.pipe()
        self._results, result_write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(self._tasks)
            os.close(self._results)
            _serve(prepare, first, self._payload.fileno(), task_read, result_write)
        os.close(task_read)
        os.close(result_write)

    def give(self, work: Callable[[Any], Any], piece: Any) -> None:
        """Hand over one piece of work: a module-level function and its argument."""
        data = pickle.dumps((work, piece), protocol=pickle.HIGHEST_PROTOCOL)
        os.pwrite(self._payload.fileno(), data, self._size)
        os.write(self._tasks, f"{self._size} {len(data)}\n".encode())
        self._size += len(data)
        self._given += 1

    def results(self) -> list[Any]:
        """What each ``work(piece)`` returned, in order, or ChildFailed in its place."""
        self._close_tasks()
        with os.fdopen(self._results, "rb") as pipe:
            stream = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self._payload.close()
        answers: list[Any] = []
        while stream:
            size = int.from_bytes(stream[:8], "big")
            ok, value = pickle.loads(stream[8 : 8 + size])
            answers.append(value if ok else ChildFailed(value))
            stream = stream[8 + size :]
        if len(answers) < self._given:
            code = os.waitstatus_to_exitcode(status)
            why = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
            lost = ChildFailed(f"a render process ended before it finished ({why})")
            answers += [lost] * (self._given - len(answers))
        return answers

    def cancel(self) -> None:
        """Stop the helper now: no work after all (the brief was invalid), or a failure."""
        self._close_tasks()
        os.close(self._results)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self._payload.close()

    def _close_tasks(self) -> None:
        if self._tasks >= 0:
            os.close(self._tasks)
            self._tasks = -1


def _serve(
    prepare: Callable[[], object],
    first: tuple[Callable[[Any], Any], Any] | None,
    payload: int,
    tasks: int,
    results: int,
) -> None:
    """The helper's whole life; it leaves with os._exit, never returning to the caller."""
    status = 0
    try:
        with suppress(Exception):  # the work will meet the same problem and report it
            prepare()
        with os.fdopen(tasks, "rb") as requests, os.fdopen(results, "wb") as answers:
            if first is not None:
                _answer(answers, *first)
            for line in requests:  # one line per piece of work; EOF when all are given
                offset, size = map(int, line.split())
                data = os.pread(payload, size, offset)
                if len(data) != size:
                    raise EOFError("the work was cut short")
                _answer(answers, *pickle.loads(data))
    except BaseException:
        status = 1
    finally:
        os._exit(status)  # no atexit handlers, no second flush of the parent's buffers


def _answer(answers: BinaryIO, work: Callable[[Any], Any], piece: Any) -> None:
    """Do one piece of work and send back its result, or what it raised, as text."""
    try:
        answer = pickle.dumps((True, work(piece)))
    except BaseException as exc:
        answer = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
    answers.write(len(answer).to_bytes(8, "big") + answer)
    answers.flush()
