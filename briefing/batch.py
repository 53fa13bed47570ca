"""Render briefs: one at a time in this process, or many with a pool of processes.

``render_one`` is the whole job for one brief (every language and format asked for);
it returns what it wrote and what it has to say instead of printing, so the same code
serves a single render, a worker in the pool and watch mode. Each worker loads fonts,
catalogs and the template once and keeps them for every brief it is given. A single
brief rendered alone shares its files with a helper process (fork.py), so the two
cores a machine usually has both work on it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from briefing.errors import BriefError, Problem
from briefing.fork import ChildFailed, Helper, can_fork
from briefing.limits import Limits
from briefing.renderers import RENDERERS
from briefing.renderers.options import RenderOptions
from briefing.templates import Template, load_template
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


@dataclass(frozen=True, eq=False)  # compared by identity: each is one file
class _Output:
    lang: str
    fmt: str
    doc: Document
    target: Path
    lang_index: int  # the order asked: languages, then formats
    fmt_index: int


def render_one(path: str, job: Job, workers: int = 1) -> Outcome:
    """Load, localize, check and render one brief in every language and format asked.

    With ``workers`` above 1 and more than one file to write, a helper process is
    forked first (see fork.py): it loads the slowest renderer while this process reads
    the brief, and is given each of its files as soon as its language is localized.
    """
    outcome = Outcome(path)
    try:
        template = load_template(job.template)
    except BriefError as exc:
        outcome.messages += [str(p) for p in exc.problems]
        outcome.failed = True
        return outcome
    plan = _helper_plan(job, workers)
    helper = Helper(partial(_prepare, plan[0], template)) if plan else None
    ours: list[_Output] = []
    theirs: list[_Output] = []
    try:
        for out in _localized_outputs(path, job, template, outcome):
            if helper is not None and plan is not None and plan[1](out):
                helper.give(_write, ([out], template, job.options))
                theirs.append(out)
            else:
                ours.append(out)
        if helper is not None and not theirs:
            helper.cancel()  # nothing for it after all (an invalid brief, say)
            helper = None
        written = _write((ours, template, job.options))
    except BaseException:
        if helper is not None:
            helper.cancel()
        raise
    results = dict(zip([o.target for o in ours], written, strict=True))
    for out, answer in zip(theirs, helper.results() if helper else [], strict=True):
        if isinstance(answer, ChildFailed):
            raise answer  # a bug in the toolkit, as if it had happened here
        results[out.target] = answer[0]
    for out in sorted([*ours, *theirs], key=lambda o: (o.lang_index, o.fmt_index)):
        done = results[out.target]  # in the order asked, whichever process wrote it
        if isinstance(done, str):
            outcome.written.append(done)
        else:
            outcome.messages += done
            outcome.failed = True
    return outcome


def _localized_outputs(
    path: str, job: Job, template: Template, outcome: Outcome
) -> Iterator[_Output]:
    """Every file to write, each as soon as its language is localized and checked.

    Problems go to ``outcome``; a language that fails is skipped, the others go on.
    """
    from briefing import api
    from briefing.i18n.catalog import match_catalog

    try:
        loaded = api.load(path, job.limits)
    except BriefError as exc:
        outcome.messages += [str(p) for p in exc.problems]
        outcome.failed = True
        return
    for lang_index, lang in enumerate(job.langs or (loaded.brief.lang,)):
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
        for fmt_index, fmt in enumerate(job.formats):
            target = api.output_path(job.out_dir, loaded.path, lang, fmt)
            yield _Output(lang, fmt, result.doc, target, lang_index, fmt_index)


def _write(task: tuple[list[_Output], Template, RenderOptions]) -> list[str | list[str]]:
    """Render and write each output: its path once written, or its error messages."""
    from briefing import api, renderers

    outputs, template, options = task
    done: list[str | list[str]] = []
    for out in outputs:
        try:
            api.write_atomic(out.target, renderers.render(out.doc, out.fmt, template, options))
            done.append(str(out.target))
        except BriefError as exc:
            done.append([str(p) for p in exc.problems])
    return done


def _helper_plan(job: Job, workers: int) -> tuple[str, Callable[[_Output], bool]] | None:
    """The renderer a helper should load and which files it writes; None when one
    process is better. Several formats: the helper takes the slowest (PDF) in every
    language, so each process imports one renderer. One format in several languages:
    the helper takes the first half (it is ready before this process has localized
    them all, and is given each as soon as it is).
    """
    formats, langs = job.formats, job.langs
    if workers <= 1 or not can_fork():
        return None
    if len(formats) > 1:
        fmt = "pdf" if "pdf" in formats else formats[0]
        return fmt, lambda out: out.fmt == fmt
    if len(langs) > 1:
        first = set(langs[: (len(langs) + 1) // 2])
        return formats[0], lambda out: out.lang in first
    return None


def _prepare(fmt: str, template: Template) -> None:
    from importlib import import_module

    module = import_module(RENDERERS[fmt])
    prepare = getattr(module, "prepare", None)
    if prepare is not None:
        prepare(template)


def warm(job: Job) -> None:
    """Load once per process what every render needs: renderers, fonts, catalogs."""
    from briefing.i18n.catalog import catalog_languages, translations

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
