"""What one worker process does for one request: the pipeline of api.py, answered as data.

The server never renders in its own process (a slow brief would stall every client);
it sends a :class:`Task` to a worker (workers.py) and gets a :class:`Reply` back. Both
are plain, picklable data: problems as the JSON objects the HTTP API returns, files as
bytes. A bug is caught here and becomes a reply too, so a worker outlives it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefing import api
from briefing.errors import BriefError, Problem, UsageError, bug_report
from briefing.limits import Limits
from briefing.templates import Template

if TYPE_CHECKING:
    from briefing.bilingual import Pair
    from briefing.tree import Document

VALIDATE, RENDER, PREVIEW, PAGE = "validate", "render", "preview", "page"


@dataclass(frozen=True)
class Task:
    action: str  # VALIDATE, RENDER, PREVIEW (the PDF and its page sizes) or PAGE (one image)
    text: str
    source: str  # "yaml" or "markdown"
    lang: str | None  # a catalog's code; None: the brief's own lang
    fmt: str = "pdf"  # RENDER: pdf or docx
    strict: bool = False
    scale: float = 1.0  # PAGE: pixels per PDF point
    translations: tuple[tuple[str, str], ...] = ()  # Markdown: (lang, text of brief.LANG.md)
    pdf: bytes = b""  # PAGE: the PDF a PREVIEW made
    page: int = 0  # PAGE: which page, from 0


@dataclass
class Reply:
    status: str  # "ok", "invalid" (problems to fix), "usage" (a bad request), "bug"
    lang: str = ""
    problems: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)
    data: bytes = b""  # RENDER: the file; PREVIEW: the PDF; PAGE: the PNG
    pages: list[tuple[float, float]] = field(default_factory=list)  # PREVIEW: sizes in points
    message: str = ""


def problem_json(problem: Problem) -> dict[str, Any]:
    """A problem as the API shows it; line and column are null for one with no place."""
    where = problem.position
    return {
        "line": where.line if where else None,
        "column": where.col if where else None,
        "field": problem.field,
        "message": problem.message,
        "severity": problem.severity,
    }


def handle(task: Task, template: Template, limits: Limits) -> Reply:
    """The answer to ``task``; never raises for anything a request can contain."""
    try:
        return _handle(task, template, limits)
    except UsageError as exc:
        return Reply("usage", message=str(exc))
    except BriefError as exc:
        return Reply("invalid", problems=[problem_json(p) for p in exc.problems])
    except Exception as exc:  # a bug in briefing: reported, and this worker goes on
        return Reply("bug", message=bug_report("briefing serve", exc))


def _handle(task: Task, template: Template, limits: Limits) -> Reply:
    if task.action == PAGE:
        return Reply("ok", data=page_image(task.pdf, task.page, task.scale))
    name = "brief.md" if task.source == "markdown" else "brief.yaml"
    translations = dict(task.translations) or None
    loaded = api.load_text(task.text, task.source, name, translations, limits)
    lang = task.lang or api.languages([], loaded)[0]
    doc: Document | Pair
    if "+" in lang:  # two languages side by side (inputs.catalog_code checked them)
        pair = api.localize_pair(loaded, lang)
        results, doc = list(pair.results), pair.doc
    else:
        result = api.localize(loaded, lang)
        results, doc = [result], result.doc
    missing = [problem_json(p) for r in results for p in r.fallbacks]
    # the reader's and the figures' warnings (a footnote defined and never used, a
    # figure without alt text) are listed as the CLI prints them; --strict's errors
    warned = [
        Problem(p.message, p.position, p.field) if task.strict else p
        for p in api.warnings(loaded, task.strict)
    ]
    problems = [
        problem_json(p)
        for p in [
            *warned,
            *(p for r in results for p in api.check(r, loaded, template, task.strict)),
        ]
    ]
    reply = Reply("ok", lang, problems, missing)
    if task.action == VALIDATE:
        return reply
    if any(p["severity"] == "error" for p in problems):
        reply.status = "invalid"
        return reply
    reply.data = api.render(doc, "pdf" if task.action == PREVIEW else task.fmt, template)
    if task.action == PREVIEW:
        reply.pages = page_sizes(reply.data)
    return reply


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of each page in points, so the page can lay out every image
    before it is drawn, and draw only those scrolled to."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [document.get_page_size(index) for index in range(len(document))]
    finally:
        document.close()


def page_image(pdf: bytes, index: int, scale: float) -> bytes:
    """Page ``index`` of ``pdf`` as a PNG, drawn by PDFium (pypdfium2): what a reader sees.

    Drawn one page a request, when the page asks for it: the first page shows as soon
    as it is ready, the workers draw pages side by side, and pages never scrolled to
    cost nothing. A memo page has a few colours and their anti-aliasing, so 256 colours
    (a fast octree palette) look the same as full colour, and make a PNG a third the
    size in half the time; zlib level 1 compresses a mostly white page nearly as well
    as the default level.
    """
    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[index]
        image = page.render(scale=scale).to_pil().quantize(256, Image.Quantize.FASTOCTREE)
        page.close()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def warm(template: Template) -> None:
    """Load in the worker, before its first request, what every request needs."""
    from briefing.batch import prepare
    from briefing.i18n.catalog import catalog_languages, translations

    for fmt in ("pdf", "docx"):
        prepare(fmt, template)
    for code in catalog_languages():
        translations(code)
    import pypdfium2  # noqa: F401  (imported now, not on the first preview)
    from PIL import PngImagePlugin  # noqa: F401
