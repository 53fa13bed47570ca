"""Render briefs: one at a time in this process, or many with a pool of processes.

``render_one`` is the whole job for one brief (every language and format asked for) as
a plain sequence of the pipeline's steps (api.py); it returns what it wrote and what it
has to say instead of printing, so the same code serves a single render, a worker in
the pool and watch mode. Who does the rendering (this process, or a helper forked to
share the work) is executor.py's business. Each pool worker loads fonts, catalogs and
the template once and keeps them for every brief it is given.

A bug (any exception that is not a BriefError) in one brief is that brief's outcome:
the batch goes on and the command exits 3 at the end; watch reports it and keeps
watching.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from briefing import api
from briefing.bilingual import Pair, is_pair
from briefing.errors import BriefError, Problem, UnknownLanguage, bug_report
from briefing.executor import Executor, Here, Shared, can_share
from briefing.limits import Limits
from briefing.renderers import RENDERERS
from briefing.renderers.options import RenderOptions
from briefing.templates import Template
from briefing.tree import Document

FIRST_POSITIONS = 3  # fallback positions shown per language


@dataclass(frozen=True)
class Job:
    """What to make of every brief: languages, formats, look, where, how strictly."""

    langs: tuple[str, ...]  # as asked (codes with catalogs); empty: the brief's own lang
    formats: tuple[str, ...]
    template: Template  # loaded once for the whole job
    out_dir: Path
    options: RenderOptions = field(default_factory=RenderOptions)
    strict: bool = False
    limits: Limits = field(default_factory=Limits)
    debug: bool = False  # a bug raises (with its traceback) instead of being reported


@dataclass
class Outcome:
    brief: str
    written: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # warnings and errors, for stderr
    failed: bool = False
    bug: bool = False  # failed because of a bug in briefing (exit 3)

    def problems(self, exc: BriefError) -> None:
        self.messages += [str(p) for p in exc.problems]
        self.failed = True


@dataclass(frozen=True, eq=False)  # compared by identity: each is one file
class Output:
    lang: str  # a language, or two side by side: en+az
    fmt: str
    doc: Document | Pair
    target: Path


Written = str | list[str]  # the path written, or why the file could not be


def fallback_summary(lang: str, brief_lang: str, fallbacks: list[Problem]) -> str:
    """One line per language: how many texts fell back, and the first positions."""
    shown = ", ".join(str(p.position) for p in fallbacks[:FIRST_POSITIONS])
    extra = len(fallbacks) - FIRST_POSITIONS
    more = f" and {extra} more" if extra > 0 else ""
    n = len(fallbacks)
    return (
        f"warning: {lang}: {n} text{'s' if n != 1 else ''} not translated, "
        f"printed in {brief_lang}: {shown}{more} (briefing validate -l {lang} lists them)"
    )


def render_one(path: str, job: Job, workers: int = 1) -> Outcome:
    """Load, localize, check and render one brief in every language and format asked."""
    outcome = Outcome(path)
    with _executor(job, workers) as executor:
        try:
            loaded = api.load(path, job.limits)
        except BriefError as exc:
            outcome.problems(exc)
            return outcome
        unseen = api.warnings(loaded, job.strict)
        if unseen and job.strict:
            outcome.problems(BriefError(unseen))
            return outcome
        outcome.messages += [str(p) for p in unseen]
        for lang in job.langs or (loaded.brief.lang,):
            doc = _localized(loaded, lang, job, outcome)
            if doc is None:
                continue
            for fmt in job.formats:
                target = api.output_path(job.out_dir, loaded.stem, lang, fmt)
                executor.submit(Output(lang, fmt, doc, target))
        for done in executor.results():
            if isinstance(done, str):
                outcome.written.append(done)
            else:
                outcome.messages += done
                outcome.failed = True
    return outcome


def _localized(
    loaded: api.LoadedBrief, lang: str, job: Job, outcome: Outcome
) -> Document | Pair | None:
    """The document in ``lang`` (two for a pair, ``en+az``), or None with the reasons
    in ``outcome``. Each language of a pair is checked and reported as if alone."""
    try:
        doc: Document | Pair
        if is_pair(lang):
            pair = api.localize_pair(loaded, lang, job.template)
            results, doc = list(pair.results), pair.doc
        else:
            one = api.localize(loaded, lang, job.template)
            results, doc = [one], one.doc
        problems = []
        for result in results:
            problems += api.check(result, loaded, job.template, job.strict)
            if result.fallbacks and not job.strict:
                summary = fallback_summary(result.doc.lang, loaded.brief.lang, result.fallbacks)
                outcome.messages.append(summary)
        if problems:
            raise BriefError(problems)
        return doc
    except UnknownLanguage as exc:
        own = "" if job.langs else " (the brief's own language); choose one with -l"
        outcome.messages.append(f"{loaded.path}: {exc}{own}")
    except BriefError as exc:
        outcome.problems(exc)
    outcome.messages.append(f"{loaded.path}: {lang}: not rendered")
    outcome.failed = True
    return None


def write_outputs(
    template: Template, options: RenderOptions, outputs: Sequence[Output]
) -> list[Written]:
    """Render and write each output: its path once written, or its error messages."""
    done: list[Written] = []
    for out in outputs:
        try:
            data = api.render(out.doc, out.fmt, template, options)
            api.write_atomic(out.target, data)
            done.append(str(out.target))
        except BriefError as exc:
            done.append([str(p) for p in exc.problems])
    return done


def _executor(job: Job, workers: int) -> Executor[Output, Written]:
    """This process alone, or with a helper when there are two processes' worth of work:
    several formats (the helper takes the slowest, PDF, in every language), or one
    format in several languages (the helper takes the first half)."""
    work = partial(write_outputs, job.template, job.options)
    formats, langs = job.formats, job.langs
    if workers > 1 and can_share() and (len(formats) > 1 or len(langs) > 1):
        if "pdf" in formats:
            _share_pillow()
        if len(formats) > 1:
            fmt = "pdf" if "pdf" in formats else formats[0]
            return Shared(work, partial(prepare, fmt, job.template), lambda o: o.fmt == fmt)
        first = set(langs[: (len(langs) + 1) // 2])
        both_pdf = formats[0] == "pdf"
        if both_pdf:
            # Both processes make PDFs: ReportLab and the fonts loaded once, here, and
            # shared by the fork, rather than loaded by each (about 80 ms of CPU).
            # The helper is then forked with its first file in hand (executor.Shared).
            with suppress(BriefError):  # each render reports it, as without a helper
                prepare("pdf", job.template)
        ready = partial(prepare, formats[0], job.template)
        return Shared(work, ready, lambda o: o.lang in first, early=not both_pdf)
    return Here(work)


def _share_pillow() -> None:
    """Import Pillow's core before the helper is forked, when PDFs are made.

    Why: ReportLab imports it in every process that makes a PDF (the helper always
    does), and the DOCX side needs it to draw a chart's PNG fallback: imported once
    here, both processes share it instead of importing it twice (about 20 ms of CPU
    for a brief with a chart; nothing more for one without)."""
    import PIL.Image  # noqa: F401


def prepare(fmt: str, template: Template) -> None:
    """Import a renderer and load what it needs from the template, before any render."""
    from importlib import import_module

    module = import_module(RENDERERS[fmt])
    ready = getattr(module, "prepare", None)
    if ready is not None:
        ready(template)


def warm(job: Job) -> None:
    """Load once per process what every render needs: renderers, fonts, catalogs."""
    from briefing.i18n.catalog import catalog_languages, translations

    for fmt in job.formats:
        prepare(fmt, job.template)
    for code in catalog_languages():
        translations(code)


def guarded(path: str, job: Job, workers: int = 1) -> Outcome:
    """render_one, with a bug turned into this brief's outcome (unless debugging)."""
    try:
        return render_one(path, job, workers)
    except Exception as exc:  # a bug: reported for this brief, the others go on
        if job.debug:
            raise
        return Outcome(path, messages=[bug_report(path, exc)], failed=True, bug=True)


def render_many(
    paths: list[str], job: Job, workers: int, progress: Callable[[Outcome], None] | None = None
) -> Iterator[Outcome]:
    """Outcomes in the order they finish; at most ``workers`` processes, never more than
    there are briefs and cores (one brief may share its files with a helper)."""
    workers = max(1, min(workers, default_workers()))
    if workers == 1 or len(paths) <= 1:
        for path in paths:
            outcome = guarded(path, job, workers)
            if progress:
                progress(outcome)
            yield outcome
        return
    workers = min(workers, len(paths))
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only for a pool

    with ProcessPoolExecutor(max_workers=workers, initializer=warm, initargs=(job,)) as pool:
        futures = [pool.submit(guarded, path, job) for path in paths]
        for future in as_completed(futures):
            outcome = future.result()
            if progress:
                progress(outcome)
            yield outcome


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
