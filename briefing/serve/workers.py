"""A pool of worker processes that render for the server, each killed when it overruns.

Like batch rendering's pool, each worker loads fonts, catalogs and the template once and
keeps them for every request. Unlike concurrent.futures' pool, a single worker can be
stopped: a render past the time limit is answered 503 and its process is killed and
replaced, so one runaway brief costs one worker for a moment, never the server. A
worker is also replaced after ``max_tasks`` requests, which keeps memory flat however
long the server runs (the renderers' caches and the allocator's high-water mark stay
with the retired process).

Workers are started by a forkserver: the server runs threads (uvicorn, this pool's
waiting threads), and forking a threaded process is unsafe; spawning a fresh
interpreter for every replacement would cost a second of imports.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from briefing.limits import Limits
from briefing.serve.jobs import Reply, Task


class Unavailable(Exception):
    """No answer in time: every worker stayed busy, or this render overran (HTTP 503)."""


class WorkerDied(Exception):
    """The worker ended without answering (killed from outside, out of memory)."""


STOPPING = threading.Event()
"""Set when a stop signal came before the server was ready (briefing/serve/server.py).
A signal sent to the process group (Ctrl-C in a terminal, systemd's SIGTERM) also ends
workers still warming up; the app's start then knows their end is the stop, not a
failure to report with a traceback."""


@dataclass(frozen=True)
class Config:
    template: str | None  # name or folder, as given to `briefing serve -t`
    limits: Limits


def _worker_main(conn: Connection, config: Config) -> None:
    """A worker: warm up, say so, then answer tasks until the server hangs up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server to handle
    from briefing import api
    from briefing.serve.jobs import handle, warm

    template = api.template(config.template)
    warm(template)
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(handle(task, template, config.limits))


def _start_forkserver() -> None:
    """Start the fork server with Ctrl-C ignored, which it inherits, and so the workers
    forked from it. Ctrl-C in a terminal reaches the whole process group: the fork
    server, still importing its preload, died of it with a traceback, and the server's
    start then failed with another (exit status 3) instead of stopping in one line.
    Only the main thread may change a signal's handler (the tests' client runs the app
    in another); there the fork server starts on demand, as before."""
    from multiprocessing import forkserver

    if threading.current_thread() is not threading.main_thread():
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, before)


class Worker:
    def __init__(self, context: Any, config: Config) -> None:
        mine, theirs = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(theirs, config), daemon=True)
        self.process.start()
        theirs.close()
        self.conn: Connection = mine
        self.served = 0

    def wait_ready(self) -> None:
        try:
            ready = self.conn.recv() == "ready"
        except (EOFError, OSError):  # killed while warming up (a stop signal to the group)
            ready = False
        if not ready:
            raise WorkerDied("the worker did not start")

    def call(self, task: Task) -> Reply:
        """Blocking: send ``task``, wait for the reply (run in a thread)."""
        try:
            self.conn.send(task)
            reply: Reply = self.conn.recv()
        except (EOFError, OSError):
            raise WorkerDied("the worker ended without answering") from None
        return reply

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class Pool:
    """``size`` workers; ``run`` waits for a free one (at most ``queue_timeout`` seconds)
    and gives it ``timeout`` seconds to answer."""

    def __init__(
        self,
        config: Config,
        size: int,
        timeout: float,
        max_tasks: int = 200,
        queue_timeout: float = 60.0,
    ) -> None:
        self.config = config
        self.size = size
        self.timeout = timeout
        self.queue_timeout = max(queue_timeout, timeout)
        self.max_tasks = max_tasks
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["briefing.serve.jobs"])
        # a thread per worker waiting on its pipe, one per worker being replaced
        self.threads = ThreadPoolExecutor(max_workers=2 * size + 2, thread_name_prefix="pool")
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.workers: set[Worker] = set()
        self.replaced = 0  # workers killed for overrunning or dying (for tests and logs)
        self._pending: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        _start_forkserver()
        # every start finished before a failure is raised, so close() finds them all
        added = await asyncio.gather(
            *(self._add() for _ in range(self.size)), return_exceptions=True
        )
        for outcome in added:
            if isinstance(outcome, BaseException):
                raise outcome

    async def _add(self) -> None:
        worker = await asyncio.get_running_loop().run_in_executor(self.threads, self._spawn)
        self.workers.add(worker)
        self.idle.put_nowait(worker)

    def _spawn(self) -> Worker:
        try:
            worker = Worker(self.context, self.config)
        except (EOFError, OSError):  # the fork server ended (a stop signal to the group)
            raise WorkerDied("the worker could not be started") from None
        worker.wait_ready()
        return worker

    def _retire(self, worker: Worker) -> None:
        """Kill ``worker`` and start another in its place (in the background)."""
        self.workers.discard(worker)
        self.threads.submit(worker.kill)
        task = asyncio.get_running_loop().create_task(self._add())
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def run(self, task: Task) -> Reply:
        worker = await self._idle_worker()
        call = asyncio.get_running_loop().run_in_executor(self.threads, worker.call, task)
        try:
            reply = await asyncio.wait_for(call, self.timeout)
        except TimeoutError:
            self.replaced += 1
            self._retire(worker)
            raise Unavailable(f"the render took longer than {self.timeout:g} s") from None
        except WorkerDied:
            self.replaced += 1
            self._retire(worker)
            raise
        except BaseException:  # the request was cancelled mid-render: state unknown
            self._retire(worker)
            raise
        worker.served += 1
        if worker.served >= self.max_tasks:
            self._retire(worker)
        else:
            self.idle.put_nowait(worker)
        return reply

    async def _idle_worker(self) -> Worker:
        """A free worker that is alive: one that died while idle (the out-of-memory
        killer, a kill from outside) is replaced, and the request takes the next."""
        deadline = asyncio.get_running_loop().time() + self.queue_timeout
        while True:
            left = deadline - asyncio.get_running_loop().time()
            try:
                worker = await asyncio.wait_for(self.idle.get(), max(left, 0))
            except TimeoutError:
                raise Unavailable(
                    f"every worker stayed busy for {self.queue_timeout:g} s"
                ) from None
            if worker.process.is_alive():
                return worker
            self.replaced += 1
            self._retire(worker)

    async def close(self) -> None:
        for task in list(self._pending):
            task.cancel()
        for worker in list(self.workers):
            worker.kill()
        self.workers.clear()
        self.threads.shutdown(wait=False, cancel_futures=True)
