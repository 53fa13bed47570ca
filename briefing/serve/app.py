"""The HTTP side of ``briefing serve``: routes, request checks, answers.

Every request is untrusted: the body is read up to the input limit (413 past it), query
values are checked against what exists (400 otherwise), paths go through folder.py. No
HTML is ever made from user text: the page (static/) is fixed and fills itself with
``textContent`` from JSON. Renders go to the worker pool (workers.py); this process only
routes bytes, so it stays responsive whatever a brief costs.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from briefing.errors import BriefError, UsageError
from briefing.limits import Limits
from briefing.serve.auth import TokenAuth
from briefing.serve.folder import Conflict, Folder, NotFound, PathRefused
from briefing.serve.jobs import PREVIEW, RENDER, VALIDATE, Reply, Task, problem_json
from briefing.serve.workers import Config, Pool, Unavailable, WorkerDied

STATIC = Path(__file__).parent / "static"
MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
SOURCES = {
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
}
PREVIEWS_KEPT = 32  # previews whose page images stay in memory (the oldest go first)
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
        "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


class HTTPProblem(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status, headers=SECURITY_HEADERS)


def create_app(
    token: str,
    folder: Path | None = None,
    template: str | None = None,
    limits: Limits | None = None,
    workers: int = 2,
    timeout: float = 30.0,
    max_tasks: int = 200,
) -> Starlette:
    limits = limits or Limits()
    pool = Pool(Config(template, limits), workers, timeout, max_tasks)
    briefs = Folder(folder, limits) if folder is not None else None
    previews: OrderedDict[str, list[bytes]] = OrderedDict()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers=SECURITY_HEADERS)

    async def info(request: Request) -> Response:
        from briefing.i18n.catalog import catalog_languages
        from briefing.starter import starter_languages

        return JSONResponse(
            {
                "languages": [{"code": c, "name": language_name(c)} for c in catalog_languages()],
                "starters": starter_languages(),
                "folder": briefs is not None,
                "limit_bytes": limits.input_bytes,
            },
            headers=SECURITY_HEADERS,
        )

    async def starter(request: Request) -> Response:
        from briefing.starter import starter_text

        lang = request.query_params.get("lang", "en")
        try:
            text = starter_text("brief.yaml", lang)
        except BriefError as exc:
            return error(400, str(exc))
        return Response(text, media_type="application/yaml", headers=SECURITY_HEADERS)

    async def run(request: Request, action: str) -> Reply | Response:
        try:
            task = await read_task(request, action, limits, briefs)
            reply = await pool.run(task)
        except HTTPProblem as exc:
            return error(exc.status, str(exc))
        except BriefError as exc:  # the body is not UTF-8
            return JSONResponse(
                {"problems": [problem_json(p) for p in exc.problems], "missing": []},
                422,
                headers=SECURITY_HEADERS,
            )
        except Unavailable as exc:
            return error(503, str(exc), retry=True)
        except WorkerDied as exc:
            return error(500, f"{exc}; try again")
        if reply.status == "usage":
            return error(400, reply.message)
        if reply.status == "bug":
            return error(500, reply.message)
        return reply

    async def validate(request: Request) -> Response:
        reply = await run(request, VALIDATE)
        if isinstance(reply, Response):
            return reply
        body = {"lang": reply.lang, "problems": reply.problems, "missing": reply.missing}
        return JSONResponse(body, headers=SECURITY_HEADERS)

    async def render(request: Request) -> Response:
        reply = await run(request, RENDER)
        if isinstance(reply, Response):
            return reply
        if reply.status == "invalid":
            return JSONResponse(
                {"problems": reply.problems, "missing": reply.missing},
                422,
                headers=SECURITY_HEADERS,
            )
        fmt = request.query_params.get("format", "pdf")
        name = f"brief.{reply.lang}.{fmt}"
        headers = {**SECURITY_HEADERS, "content-disposition": f'attachment; filename="{name}"'}
        return Response(reply.data, media_type=MEDIA[fmt], headers=headers)

    async def preview(request: Request) -> Response:
        reply = await run(request, PREVIEW)
        if isinstance(reply, Response):
            return reply
        body: dict[str, Any] = {
            "lang": reply.lang,
            "problems": reply.problems,
            "missing": reply.missing,
        }
        if reply.status == "invalid":
            return JSONResponse(body, 422, headers=SECURITY_HEADERS)
        key = secrets.token_hex(12)
        previews[key] = reply.pages
        while len(previews) > PREVIEWS_KEPT:
            previews.popitem(last=False)
        body["pages"] = [f"/api/preview/{key}/{n}.png" for n in range(1, len(reply.pages) + 1)]
        return JSONResponse(body, headers=SECURITY_HEADERS)

    async def preview_page(request: Request) -> Response:
        pages = previews.get(request.path_params["key"])
        number = request.path_params["page"]
        if pages is None or not 1 <= number <= len(pages):
            return error(404, "no such preview page (previews are kept for a while only)")
        headers = {**SECURITY_HEADERS, "cache-control": "private, max-age=600, immutable"}
        return Response(pages[number - 1], media_type="image/png", headers=headers)

    async def files(request: Request) -> Response:
        if briefs is None:
            return error(404, "the server was started without a folder")
        return JSONResponse({"files": briefs.list()}, headers=SECURITY_HEADERS)

    async def file(request: Request) -> Response:
        if briefs is None:
            return error(404, "the server was started without a folder")
        relative = request.query_params.get("path", "")
        try:
            if request.method == "GET":
                text, version = briefs.read(relative)
                return JSONResponse(
                    {"path": relative, "text": text, "version": version}, headers=SECURITY_HEADERS
                )
            body = await read_json(request, limits)
            new, opened = body.get("text"), body.get("version")
            if not isinstance(new, str) or not (opened is None or isinstance(opened, str)):
                return error(400, 'the body is {"text": "...", "version": "..." or null}')
            version = briefs.save(relative, new, opened)
            return JSONResponse({"path": relative, "version": version}, headers=SECURITY_HEADERS)
        except PathRefused as exc:
            return error(400, str(exc))
        except NotFound as exc:
            return error(404, str(exc))
        except HTTPProblem as exc:
            return error(exc.status, str(exc))
        except Conflict as exc:
            return error(
                409,
                f"{relative} changed on disk since it was opened; your text was kept as {exc.copy}",
                disk={"text": exc.disk_text, "version": exc.disk_version},
                copy=exc.copy,
            )
        except (BriefError, UnicodeEncodeError) as exc:
            return error(422, str(exc))

    routes = [
        Route("/", page),
        Route("/api/info", info),
        Route("/api/starter", starter),
        Route("/api/validate", validate, methods=["POST"]),
        Route("/api/render", render, methods=["POST"]),
        Route("/api/preview", preview, methods=["POST"]),
        Route("/api/preview/{key:str}/{page:int}.png", preview_page),
        Route("/api/files", files),
        Route("/api/file", file, methods=["GET", "PUT"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes, middleware=[Middleware(TokenAuth, token=token)], lifespan=lifespan
    )
    app.state.pool = pool
    return app


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused (413) as soon as it is longer than ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPProblem(413, f"the body is over the input limit of {limit:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPProblem(413, f"the body is over the input limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_json(request: Request, limits: Limits) -> dict[str, Any]:
    import json

    raw = await read_body(request, 2 * limits.input_bytes + 4096)  # JSON escapes grow text
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise HTTPProblem(400, "the body is not JSON") from None
    if not isinstance(body, dict):
        raise HTTPProblem(400, "the body is not a JSON object")
    return body


async def read_task(request: Request, action: str, limits: Limits, briefs: Folder | None) -> Task:
    """The request as a task for a worker; HTTPProblem for anything it cannot be."""
    from briefing.readers import decode

    query = request.query_params
    media, _, params = request.headers.get("content-type", "").partition(";")
    source = SOURCES.get(media.strip().lower())
    if source is None:
        known = ", ".join(SOURCES)
        raise HTTPProblem(415, f"send the brief as one of: {known}")
    charset = params.strip().lower().removeprefix("charset=").strip('"')
    if charset not in ("", "utf-8", "utf8"):
        raise HTTPProblem(415, "the brief must be UTF-8")
    lang = query.get("lang") or None
    if lang is not None:
        lang = catalog_code(lang)
    fmt = query.get("format", "pdf")
    if action == RENDER and fmt not in MEDIA:
        raise HTTPProblem(400, f"unknown format {fmt[:40]!r} (known: pdf, docx)")
    scale = number(query.get("scale", "1"), 0.25, 3.0, "scale")
    strict = query.get("strict", "0").lower() in ("1", "true", "yes")
    translations: tuple[tuple[str, str], ...] = ()
    relative = query.get("path")
    if relative and briefs is not None and source == "markdown":
        try:
            translations = briefs.translations(relative)
        except (PathRefused, NotFound) as exc:
            raise HTTPProblem(400, str(exc)) from None
    body = await read_body(request, limits.input_bytes)
    text = decode(body, "brief.md" if source == "markdown" else "brief.yaml")
    return Task(action, text, source, lang, fmt, strict, scale, translations)


def catalog_code(lang: str) -> str:
    from briefing.i18n.catalog import catalog_for

    try:
        return catalog_for(lang[:100])
    except UsageError as exc:
        raise HTTPProblem(400, str(exc)) from None


def number(raw: str, low: float, high: float, name: str) -> float:
    import math

    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not low <= value <= high:  # NaN fails too
        raise HTTPProblem(400, f"{name} must be a number from {low:g} to {high:g}")
    return value


def language_name(code: str) -> str:
    """The language's own name (azərbaycan, русский), for the tabs."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name() or code
    except (ValueError, UnknownLocaleError):
        return code
