"""The ``briefing serve`` command: check the options, listen, print the URL, serve.

Starlette on uvicorn: Starlette is a small, well-kept ASGI toolkit that has exactly what
this needs (routes, streaming request bodies, static files, a test client) and nothing
we would not use; FastAPI would add pydantic models and an OpenAPI layer for bodies that
are not JSON but YAML or Markdown. uvicorn is the reference ASGI server.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

from briefing.errors import UsageError
from briefing.limits import Limits


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
    uvicorn.Server(config).run(sockets=[sock])
    sys.stdout.flush()
    return 0


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
