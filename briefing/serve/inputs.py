"""What a request asks for, checked: every value from the client is untrusted.

The body is read up to a limit and refused (413) the moment it goes past it; the media
type must be one of the brief formats (415); a language must have a catalog, a format a
renderer, a number its range (400); the text must be UTF-8 (a positioned problem, 422).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from briefing.errors import UsageError
from briefing.limits import Limits
from briefing.serve.folder import Folder, NotFound, PathRefused
from briefing.serve.jobs import RENDER, Task

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


class HTTPProblem(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


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
    try:  # JSON may escape a lone surrogate (\\ud800), which is no Unicode text
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end].encode("unicode_escape").decode("ascii")
        raise HTTPProblem(400, f"the body holds a lone surrogate ({bad}), not text") from None
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
    """A catalog's code, or a pair side by side (``en+az``; ``en az`` if a URL's plus
    was decoded as a space)."""
    from briefing.bilingual import is_pair, pair_languages
    from briefing.i18n.catalog import catalog_for

    try:
        if is_pair(lang):
            return "+".join(catalog_for(one) for one in pair_languages(lang[:100]))
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
