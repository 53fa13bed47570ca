"""The ``briefing serve`` command: check the options, listen, print the URL, serve.

Starlette on uvicorn: Starlette is a small, well-kept ASGI toolkit that has exactly what
this needs (routes, streaming request bodies, static files, a test client) and nothing
we would not use; FastAPI would add pydantic models and an OpenAPI layer for bodies that
are not JSON but YAML or Markdown. uvicorn is the reference ASGI server.
"""

from __future__ import annotations

import signal
import socket
import sys
from pathlib import Path
from types import FrameType
from typing import Any

from briefing.errors import BriefError, UsageError
from briefing.limits import Limits

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(BaseException):
    """Ctrl-C or SIGTERM: raised by our handler, outside uvicorn's own."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signum)


def serve(
    folder: str | None,
    host: str,
    port: int,
    token: str | None,
    template: str | None,
    limits: Limits,
    workers: int,
    timeout: float,
) -> int:
    """The server until Ctrl-C or SIGTERM (exit status 0). Stopped before it was ready
    (the template loading, the workers starting), it is an error said in one line
    (exit status 1): it was a KeyboardInterrupt traceback, or a silent exit status 0
    after the URL had been printed, as if it had served."""
    before = {sig: signal.signal(sig, _stop) for sig in STOP_SIGNALS}
    try:
        return _serve(folder, host, port, token, template, limits, workers, timeout)
    except Stopped:
        raise BriefError("briefing serve: stopped while starting; not serving") from None
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def _serve(
    folder: str | None,
    host: str,
    port: int,
    token: str | None,
    template: str | None,
    limits: Limits,
    workers: int,
    timeout: float,
) -> int:
    try:
        import uvicorn

        from briefing.serve.app import create_app
    except ImportError as exc:
        raise UsageError(
            f"briefing serve needs the serve extra ({exc.name} is missing): "
            "pip install 'briefing[serve]'"
        ) from None
    from briefing.serve.auth import is_loopback, new_token

    if not is_loopback(host) and not token:
        raise UsageError(
            f"--host {host} can be reached from other machines: give a strong token with "
            "--token (every request must then carry it)"
        )
    if token is not None and len(token) < 8:
        raise UsageError("--token must be at least 8 characters")
    if not 0 <= port <= 65535:
        raise UsageError(f"--port takes 0 to 65535, not {port}")
    if not 1 <= workers <= 64:
        raise UsageError("--workers takes 1 to 64 processes")
    if not 0 < timeout <= 3600:
        raise UsageError("--timeout takes seconds, more than 0 and at most 3600")
    root = None
    if folder is not None:
        root = Path(folder)
        if not root.is_dir():
            raise UsageError(f"{folder}: not a folder")
    from briefing import api

    api.template(template)  # a bad template is a usage error now, not in every worker
    token = token or new_token()
    try:
        sock = listen(host, port)
    except (OSError, OverflowError) as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc}") from None
    bound = sock.getsockname()[1]
    app = create_app(token, root, template, limits, workers, timeout)
    shown = f"[{host}]" if ":" in host else host
    print(f"briefing serve: open http://{shown}:{bound}/?token={token}", flush=True)
    if root is not None:
        print(f"briefing serve: briefs in {root.resolve()}", flush=True)
    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=3)
    server = _server_class()(config)
    try:
        # uvicorn handles the signals while it runs, then raises them again: _stop
        server.run(sockets=[sock])
    except Stopped:
        if server.stopped_starting:
            raise
    if not server.started and not server.stopped_starting:
        raise BriefError("briefing serve: the server did not start")
    sys.stdout.flush()
    return 0


def _server_class() -> Any:
    """Made on demand: uvicorn is an optional dependency."""
    import uvicorn

    class Server(uvicorn.Server):
        """uvicorn's server, noting whether a stop came before it was ready."""

        stopped_starting = False

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            if not self.started:
                from briefing.serve.workers import STOPPING

                self.stopped_starting = True
                STOPPING.set()
            super().handle_exit(sig, frame)

    return Server


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket, made here so that a busy port is a clear usage error.

    Made with the protocol number given (IPPROTO_TCP, as getaddrinfo returns it), not 0:
    asyncio turns Nagle's algorithm off only on connections of a socket that says it is
    TCP, and with it on every answer on a kept-alive connection waited 40 ms for the
    client's delayed acknowledgement.
    """
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(1024)
    except BaseException:
        sock.close()
        raise
    return sock
