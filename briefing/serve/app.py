"""The HTTP side of ``briefing serve``: routes and answers.

Every request is untrusted: its body and query values are checked in inputs.py, paths
in folder.py, before anything else is done with them. No HTML is ever made from user
text: the page (static/) is fixed and fills itself with ``textContent`` from JSON.
Renders go to the worker pool (workers.py); this process only routes bytes, so it stays
responsive whatever a brief costs.
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

from briefing.errors import BriefError
from briefing.limits import Limits
from briefing.serve.auth import TokenAuth
from briefing.serve.folder import Conflict, Folder, NotFound, PathRefused
from briefing.serve.inputs import MEDIA, HTTPProblem, read_json, read_task
from briefing.serve.jobs import PAGE, PREVIEW, RENDER, VALIDATE, Reply, Task, problem_json
from briefing.serve.workers import STOPPING, Config, Pool, Unavailable, WorkerDied

STATIC = Path(__file__).parent / "static"
PREVIEWS_KEPT = 32  # previews whose PDF stays in memory for its pages (the oldest go first)
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
        "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


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
    previews: OrderedDict[str, tuple[bytes, float, int]] = OrderedDict()  # PDF, scale, pages

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            await pool.start()
        except WorkerDied:
            await pool.close()
            if not STOPPING.is_set():
                raise
            yield  # stopping anyway: uvicorn ends before serving, and serve says so
            return
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
        scale = float(request.query_params.get("scale", "1"))  # checked by read_task
        previews[key] = (reply.data, scale, len(reply.pages))
        while len(previews) > PREVIEWS_KEPT:
            previews.popitem(last=False)
        body["pages"] = [
            {"url": f"/api/preview/{key}/{n}.png", "width": w, "height": h}
            for n, (w, h) in enumerate(reply.pages, 1)
        ]
        return JSONResponse(body, headers=SECURITY_HEADERS)

    async def preview_page(request: Request) -> Response:
        kept = previews.get(request.path_params["key"])
        number = request.path_params["page"]
        if kept is None or not 1 <= number <= kept[2]:
            return error(404, "no such preview page (previews are kept for a while only)")
        pdf, scale, _ = kept
        try:
            reply = await pool.run(
                Task(PAGE, "", "yaml", None, scale=scale, pdf=pdf, page=number - 1)
            )
        except Unavailable as exc:
            return error(503, str(exc), retry=True)
        except WorkerDied as exc:
            return error(500, f"{exc}; try again")
        if reply.status != "ok":
            return error(500, reply.message)
        headers = {**SECURITY_HEADERS, "cache-control": "private, max-age=600, immutable"}
        return Response(reply.data, media_type="image/png", headers=headers)

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
            if not isinstance(new, str) or not (opened is None or _is_version(opened)):
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


def _is_version(value: object) -> bool:
    """A version as GET /api/file gives it (a SHA-256 in hex); anything else was taken as
    "changed on disk" and wrote a conflict copy."""
    return isinstance(value, str) and len(value) == 64 and all(c in HEX for c in value)


HEX = frozenset("0123456789abcdef")


def language_name(code: str) -> str:
    """The language's own name (azərbaycan, русский), for the tabs."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name() or code
    except (ValueError, UnknownLocaleError):
        return code
