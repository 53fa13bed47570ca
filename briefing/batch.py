"""Render briefs: one at a time in this process, or many with a pool of processes.

``render_one`` is the whole job for one brief (every language and format asked for);
it returns what it wrote and what it has to say instead of printing, so the same code
serves a single render, a worker in the pool and watch mode. Each worker loads fonts,
catalogs and the template once and keeps them for every brief it is given.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefError, Problem
from briefing.fork import ChildFailed, can_fork, run_side_by_side
from briefing.limits import Limits
from briefing.renderers import RENDERERS
from briefing.renderers.options import RenderOptions
from briefing.templates import Template
from briefing.tree import Document

FIRST_POSITIONS = 3  # fallback positions shown per language


@dataclass(frozen=True)
class Job:
    langs: tuple[str, ...]  # as asked (codes with catalogs); empty: the brief's own lang
    formats: tuple[str, ...]
    template: str | None
    out_dir: Path
    options: RenderOptions = field(default_factory=RenderOptions)
    strict: bool = False
    limits: Limits = field(default_factory=Limits)


@dataclass
class Outcome:
    brief: str
    written: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # warnings and errors, for stderr
    failed: bool = False


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


@dataclass(frozen=True)
class _Output:
    lang: str
    fmt: str
    doc: Document
    target: Path


def render_one(path: str, job: Job, workers: int = 1) -> Outcome:
    """Load, localize, check and render one brief in every language and format asked.

    With ``workers`` above 1 the renders are split between forked processes (see
    fork.py): by format when there are several, so each process imports only one
    renderer; else by language, after the renderer is loaded once in this process.
    """
    from briefing import api
    from briefing.i18n.catalog import match_catalog
    from briefing.templates import load_template

    outcome = Outcome(path)
    try:
        template = load_template(job.template)
        loaded = api.load(path, job.limits)
    except BriefError as exc:
        outcome.messages += [str(p) for p in exc.problems]
        outcome.failed = True
        return outcome
    langs = job.langs or (loaded.brief.lang,)
    outputs: list[_Output] = []
    for lang in langs:
        try:
            if match_catalog(lang) is None:
                raise BriefError(f"{path}: no catalog for the brief's language {lang!r}; use -l")
            result = api.localized(loaded, lang)
            problems = api.glyph_problems(result, loaded, template)
            if result.fallbacks and job.strict:
                problems = [Problem(p.message, p.position, p.field) for p in result.fallbacks] + (
                    problems
                )
            elif result.fallbacks:
                outcome.messages.append(fallback_summary(lang, loaded.brief.lang, result.fallbacks))
            if problems:
                raise BriefError(problems)
        except BriefError as exc:
            outcome.messages += [str(p) for p in exc.problems]
            outcome.messages.append(f"{path}: {lang}: not rendered")
            outcome.failed = True
            continue
        for fmt in job.formats:
            target = api.output_path(job.out_dir, loaded.path, lang, fmt)
            outputs.append(_Output(lang, fmt, result.doc, target))

    def write(group: list[_Output]) -> list[str | list[str]]:
        """Each output's path once written, or its error messages."""
        from briefing import renderers

        done: list[str | list[str]] = []
        for out in group:
            try:
                data = renderers.render(out.doc, out.fmt, template, job.options)
                api.write_atomic(out.target, data)
                done.append(str(out.target))
            except BriefError as exc:
                done.append([str(p) for p in exc.problems])
        return done

    groups = _split(outputs, workers, template)
    results: dict[Path, str | list[str]] = {}
    for group, written in zip(groups, run_side_by_side(write, groups), strict=True):
        if isinstance(written, ChildFailed):
            raise written  # a bug in the toolkit, as if it had happened here
        results.update((out.target, done) for out, done in zip(group, written, strict=True))
    for out in outputs:  # in the order asked, whichever process wrote it
        done = results[out.target]
        if isinstance(done, str):
            outcome.written.append(done)
        else:
            outcome.messages += done
            outcome.failed = True
    return outcome


def _split(outputs: list[_Output], workers: int, template: Template) -> list[list[_Output]]:
    """Groups of outputs to render side by side (one group: all here, in order)."""
    if workers <= 1 or len(outputs) <= 1 or not can_fork():
        return [outputs]
    formats = list(dict.fromkeys(out.fmt for out in outputs))
    if len(formats) > 1:
        return [[out for out in outputs if out.fmt == fmt] for fmt in formats]
    _prepare(formats[0], template)  # loaded once, before the fork, for every process
    count = min(workers, len(outputs))
    return [outputs[i::count] for i in range(count)]


def _prepare(fmt: str, template: Template) -> None:
    from importlib import import_module

    module = import_module(RENDERERS[fmt])
    prepare = getattr(module, "prepare", None)
    if prepare is not None:
        prepare(template)


def warm(job: Job) -> None:
    """Load once per process what every render needs: renderers, fonts, catalogs."""
    from briefing.i18n.catalog import catalog_languages, translations
    from briefing.templates import load_template

    template = load_template(job.template)
    for fmt in job.formats:
        _prepare(fmt, template)
    for code in catalog_languages():
        translations(code)


def _worker_render(path: str, job: Job) -> Outcome:
    try:
        return render_one(path, job)
    except Exception as exc:  # a bug: reported for this brief, the others go on
        return Outcome(path, messages=[f"{path}: internal error: {type(exc).__name__}: {exc}"],
                       failed=True)  # fmt: skip


def render_many(
    paths: list[str], job: Job, workers: int, progress: Callable[[Outcome], None] | None = None
) -> Iterator[Outcome]:
    """Outcomes in the order they finish; ``workers`` processes when more than one."""
    if workers <= 1 or len(paths) <= 1:
        for path in paths:
            outcome = render_one(path, job, workers)
            if progress:
                progress(outcome)
            yield outcome
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only for a pool

    with ProcessPoolExecutor(max_workers=workers, initializer=warm, initargs=(job,)) as pool:
        futures = [pool.submit(_worker_render, path, job) for path in paths]
        for future in as_completed(futures):
            outcome = future.result()
            if progress:
                progress(outcome)
            yield outcome


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
