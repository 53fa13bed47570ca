"""The token every request needs, as in Jupyter: a header for programs, a cookie for
the browser.

A program sends ``Authorization: Bearer TOKEN``. A person opens the URL the server
printed, ``/?token=TOKEN``: the token is checked, put in a cookie (HttpOnly: no script
can read it; SameSite=Strict: no other site can make the browser send it, so no
cross-site request forgery), and the browser is sent on to the same address without it,
so the token is not left in the address bar or the history. Anything else: 401.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "briefing_token"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


class TokenAuth:
    """ASGI middleware: let a request through only with the token."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token.encode()

    def _ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        from_url = next((v for k, v in query if k == "token"), None)
        if from_url is not None and scope["method"] == "GET" and self._ok(from_url):
            await _set_cookie_and_return(scope, send, from_url, query)
            return
        bearer = headers.get("authorization", "")
        scheme, _, value = bearer.partition(" ")
        if scheme.lower() == "bearer" and self._ok(value.strip()):
            await self.app(scope, receive, send)
            return
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # http.cookies raises CookieError on garbage: no cookie, then
            cookie = SimpleCookie()
        morsel = cookie.get(COOKIE)
        if self._ok(morsel.value if morsel else None):
            await self.app(scope, receive, send)
            return
        await _unauthorized(send)


async def _set_cookie_and_return(
    scope: Scope, send: Send, token: str, query: list[tuple[str, str]]
) -> None:
    rest = urlencode([(k, v) for k, v in query if k != "token"])
    # one leading slash: "//host" would send the browser to another site
    location = quote("/" + scope["path"].lstrip("/")) + (f"?{rest}" if rest else "")
    cookie = f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location.encode("latin-1", "replace")),
                (b"set-cookie", cookie.encode()),
                (b"cache-control", b"no-store"),
                (b"referrer-policy", b"no-referrer"),
                (b"content-length", b"0"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})


async def _unauthorized(send: Send) -> None:
    body = json.dumps(
        {
            "error": "a token is needed: open the URL `briefing serve` printed, "
            "or send the header Authorization: Bearer TOKEN"
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"www-authenticate", b"Bearer"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
