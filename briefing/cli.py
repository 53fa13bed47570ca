"""The command line: the only place where errors become messages and exit codes.

Exit status: 0 done; 1 a brief could not be rendered (the user can fix it); 2 a usage
error; 3 a bug in the toolkit. A user error never prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from briefing import __version__
from briefing.errors import BriefError, Problem, UsageError, bug_report
from briefing.limits import Limits

if TYPE_CHECKING:  # the render machinery is imported only by the commands that render
    from briefing.batch import Job, Outcome

EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def _split(values: list[str] | None, option: str = "") -> list[str]:
    """Repeated and comma-separated values, once each. A value that names nothing
    (``-l ""``, ``-f ,``) is a usage error: ignored, it rendered the defaults."""
    out: list[str] = []
    for value in values or []:
        items = [v.strip() for v in value.split(",") if v.strip()]
        if not items and option:
            raise UsageError(f"{option} {value!r}: give a value (see briefing -h)")
        out += items
    return list(dict.fromkeys(out))


def _out_folder(out: str) -> Path:
    """-o names a folder: an existing file there (or above it) is a usage error, said
    once, rather than "cannot write output" for every language and format."""
    if not out:
        raise UsageError("-o needs a folder name")
    folder = Path(out)
    for above in (folder, *folder.parents):
        if above.exists() or above.is_symlink():
            if not above.is_dir():
                raise UsageError(f"-o {out}: {above} is a file, not a folder")
            break
    return folder


def _no_stdin(args: argparse.Namespace) -> None:
    """A brief is a file (its name gives the outputs' names and the folder its images
    and translations are read from): ``-`` for standard input is not supported, and an
    empty name is no file."""
    named = getattr(args, "briefs", None) or [getattr(args, "brief", None)]
    if "-" in named:
        raise UsageError(
            "reading a brief from standard input (-) is not supported: "
            "save it as a .yaml or .md file"
        )
    if any(isinstance(name, str) and not name.strip() for name in named):
        raise UsageError("an empty brief path: name a .yaml or .md file")  # '' meant '.'


def _formats(asked: list[str] | None) -> list[str]:
    from briefing.api import output_format
    from briefing.renderers import FORMATS

    out: list[str] = []
    for fmt in _split(asked, "-f") or ["all"]:
        out += FORMATS if fmt == "all" else [output_format(fmt)]
    return list(dict.fromkeys(out))


def _err(*lines: object) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _job(args: argparse.Namespace) -> Job:
    """Every option checked and the template loaded once, before any brief is read."""
    from briefing import api
    from briefing.batch import Job
    from briefing.renderers import RenderOptions
    from briefing.renderers.options import pdf_standards

    out_dir = _out_folder(args.out)
    if args.template == "":
        raise UsageError("-t '': give a template name or folder (see briefing templates)")
    return Job(
        langs=tuple(api.languages(_split(args.lang, "-l"))),
        formats=tuple(_formats(args.format)),
        template=api.template(args.template),
        out_dir=out_dir,
        options=RenderOptions(
            toc=args.toc,
            embed_fonts=args.embed_fonts,
            pdf_tags=args.pdf_tags,
            pdf_standard=pdf_standards(_split(args.pdf_standard, "--pdf-standard"), args.pdf_tags),
        ),
        strict=args.strict,
        limits=_limits(args),
        debug=args.debug,
    )


def _limits(args: argparse.Namespace) -> Limits:
    from briefing.limits import parse_limits

    try:
        return parse_limits(args.limit)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_render(args: argparse.Namespace) -> int:
    from briefing.batch import default_workers, render_many

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("-j takes a number of processes, 1 or more")
    job = _job(args)
    briefs = _distinct_briefs(args.briefs, job.out_dir)
    workers = args.jobs or default_workers()
    failed = bugs = 0
    with _progress(len(briefs), workers) as advance:
        for outcome in render_many(briefs, job, workers, advance):
            for path in outcome.written:
                print(path, flush=True)
            _err(*outcome.messages)
            failed += outcome.failed
            bugs += outcome.bug
    if failed and len(briefs) > 1:
        _err(f"briefing: {failed} of {len(briefs)} briefs failed")
    return EXIT_BUG if bugs else EXIT_USER if failed else EXIT_OK


def _distinct_briefs(briefs: list[str], out_dir: Path) -> list[str]:
    """The briefs once each; two different files whose outputs would land on the same
    path (a/brief.yaml and b/brief.md both make OUT/brief.<lang>.<ext>) are a usage
    error before anything is written, never one silently replacing the other."""
    seen: dict[Path, str] = {}
    by_stem: dict[str, str] = {}
    out: list[str] = []
    for brief in briefs:
        key = Path(brief).resolve()
        if key in seen:
            continue  # the same file named twice
        seen[key] = brief
        stem = Path(brief).stem
        if stem in by_stem:
            raise UsageError(
                f"{by_stem[stem]} and {brief} would both be written as "
                f"{out_dir / stem}.<lang>.<format>; render them into different folders (-o)"
            )
        by_stem[stem] = brief
        out.append(brief)
    return out


@contextmanager
def _progress(total: int, workers: int) -> Iterator[Callable[[Outcome], None] | None]:
    """One progress bar (rich) on a terminal when several briefs are rendered."""
    if total < 2 or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=None) as bar:
        task = bar.add_task(f"rendering ({workers} processes)", total=total)
        yield lambda _outcome: bar.advance(task)


def cmd_watch(args: argparse.Namespace) -> int:
    from briefing.watch import watch

    job = _job(args)
    with suppress(KeyboardInterrupt):
        watch(Path(args.brief), job)
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from briefing import api

    limits = _limits(args)
    failed = False
    for brief_path in args.briefs:
        try:
            loaded = api.load(brief_path, limits)
        except BriefError as exc:
            _err(*exc.problems)
            failed = True
            continue
        _err(*api.warnings(loaded, args.strict))
        if args.strict and api.warnings(loaded):
            failed = True
            continue
        if not args.lang:
            print(f"{brief_path}: valid")
            continue
        asked = api.languages(_split(args.lang, "-l"), loaded)
        for lang in dict.fromkeys(one for spec in asked for one in spec.split("+")):
            # validate prints no date: no template to load for its date style
            result = api.localize(loaded, lang, date_style="long")
            for problem in result.fallbacks:
                if args.strict:
                    _err(Problem(problem.message, problem.position, problem.field))
                else:
                    _err(problem)
            total = sum(1 for path, _ in result.texts if path is not None)
            done = total - len(result.fallbacks)
            share = f"{100 * done // total}%" if total else "100%"
            which = f"{brief_path}: " if len(args.briefs) > 1 else ""  # several: say which
            print(f"{which}{lang}: {done} of {total} texts translated ({share})")
            if args.strict and result.fallbacks:
                failed = True
    return EXIT_USER if failed else EXIT_OK


def cmd_xliff(args: argparse.Namespace) -> int:
    """OUT/<stem>.<lang>.xlf for each language asked: the texts for a CAT tool."""
    from briefing import api
    from briefing.xliff import export_xliff, xliff_path

    out_dir = _out_folder(args.out)
    asked = _split(args.lang, "-l")
    loaded = api.load(args.brief, _limits(args))
    langs: list[str] = []
    for lang in asked:
        if lang == "all":  # every language with a catalog but the brief's own
            from briefing.i18n.catalog import catalog_languages
            from briefing.i18n.language import same_language

            langs += [c for c in catalog_languages() if not same_language(c, loaded.brief.lang)]
        else:
            langs.append(lang)
    for lang in dict.fromkeys(langs):
        data = export_xliff(loaded, lang, args.xliff_version)
        target = xliff_path(out_dir, loaded.stem, lang)
        api.write_atomic(target, data)
        print(target)
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    """Translations from XLIFF files written into the brief (or its <stem>.<lang>.md)."""
    from briefing import api
    from briefing.xliff import merge_xliff

    limits = _limits(args)
    loaded = api.load(args.brief, limits)
    result = merge_xliff(loaded, args.files, args.accept_stale, limits)
    _err(*result.warnings)
    for line in result.summary:
        print(line)
    for path in result.written:
        print(path)
    if not result.written:
        print(f"{args.brief}: no change")
    return EXIT_OK


def cmd_languages(args: argparse.Namespace) -> int:
    from babel import Locale, UnknownLocaleError

    from briefing.i18n.catalog import catalog_languages
    from briefing.i18n.completeness import completeness

    for code in catalog_languages():
        try:
            loc = Locale.parse(code.replace("-", "_"))
            english, native = loc.get_display_name("en") or code, loc.get_display_name() or code
        except (ValueError, UnknownLocaleError):
            english = native = code
        done, total = completeness(code)
        print(f"{code}\t{english}\t{native}\t{done}/{total} terms ({100 * done // total}%)")
    return EXIT_OK


def cmd_templates(args: argparse.Namespace) -> int:
    """The bundled templates; with --check FOLDER, every problem of that template."""
    from briefing.templates import available, check_template, load_template

    if args.check is not None:
        problems = check_template(args.check)
        if problems:
            _err(*problems)
        errors = [p for p in problems if p.severity != "warning"]
        if errors:
            _err(f"briefing: {args.check}: {len(errors)} problem(s); the template cannot be used")
            return EXIT_USER
        print(f"{args.check}: ok")
        return EXIT_OK
    for name in available():
        about = load_template(name).description
        print(f"{name}\t{about}" if about else name)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from briefing.schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from briefing.starter import write_starter

    target = Path(args.path)
    write_starter(target, args.lang)
    print(target)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from briefing.serve.server import serve

    # Ctrl-C is how a server is stopped: not an error once it serves (serve says which)
    return serve(
        args.folder,
        args.host,
        args.port,
        args.token,
        args.template,
        _limits(args),
        args.workers,
        args.timeout,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Render one policy brief into PDF and Word memos in several languages.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback for bugs")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    lang_help = (
        "output language (en, az, ru, ... or all; en+az: both side by side); "
        "repeatable or comma-separated"
    )
    render_p = sub.add_parser("render", help="render briefs to PDF and DOCX")
    render_p.add_argument("briefs", nargs="+", metavar="BRIEF")
    watch_p = sub.add_parser("watch", help="re-render a brief whenever it is saved")
    watch_p.add_argument("brief", metavar="BRIEF")
    for p in (render_p, watch_p):
        p.add_argument("-l", "--lang", action="append", help=lang_help)
        p.add_argument("-f", "--format", action="append", help="pdf, docx or all (default: all)")
        p.add_argument("-t", "--template", help="template name or folder (default: memo)")
        p.add_argument("-o", "--out", default="out", help="output folder (default: out)")
        p.add_argument("--strict", action="store_true", help="a missing translation is an error")
        p.add_argument("--toc", action="store_true", help="add a table of contents")
        p.add_argument(
            "--no-embed-fonts",
            dest="embed_fonts",
            action="store_false",
            help="DOCX: do not embed the fonts (smaller file; looks different without Noto)",
        )
        p.add_argument(
            "--no-pdf-tags",
            dest="pdf_tags",
            action="store_false",
            help="PDF: no structure tags (smallest file; not accessible, not PDF/UA)",
        )
        p.add_argument(
            "--pdf-standard",
            action="append",
            metavar="STD",
            help="PDF: also conform to a-2b, a-2u or a-2a (PDF/A-2); ua-1 is the default",
        )
    limit_help = "raise a limit, e.g. input-mb=20, table-rows=20000 (see README: Safety)"
    for p in (render_p, watch_p):
        p.add_argument("--limit", action="append", metavar="NAME=N", help=limit_help)
    render_p.add_argument(
        "-j", "--jobs", type=int, metavar="N", help="processes for many briefs (default: cores)"
    )
    render_p.set_defaults(func=cmd_render)
    watch_p.set_defaults(func=cmd_watch)

    p = sub.add_parser("validate", help="check briefs; with -l, report missing translations")
    p.add_argument("briefs", nargs="+", metavar="BRIEF")
    p.add_argument("-l", "--lang", action="append", help=lang_help)
    p.add_argument("--strict", action="store_true", help="a missing translation is an error")
    p.add_argument("--limit", action="append", metavar="NAME=N", help=limit_help)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("xliff", help="export a brief's texts as XLIFF for translators")
    p.add_argument("brief", metavar="BRIEF")
    p.add_argument("-l", "--lang", action="append", required=True, help="target languages, or all")
    p.add_argument("-o", "--out", default="out", help="output folder (default: out)")
    p.add_argument("--xliff-version", choices=("1.2", "2.1"), default="1.2", help="default: 1.2")
    p.add_argument("--limit", action="append", metavar="NAME=N", help=limit_help)
    p.set_defaults(func=cmd_xliff)
    p = sub.add_parser("merge", help="write translated XLIFF files back into the brief")
    p.add_argument("brief", metavar="BRIEF")
    p.add_argument("files", nargs="+", metavar="FILE.xlf")
    p.add_argument(
        "--accept-stale",
        action="store_true",
        help="merge units whose source text changed in the brief since the export",
    )
    p.add_argument("--limit", action="append", metavar="NAME=N", help=limit_help)
    p.set_defaults(func=cmd_merge)

    sub.add_parser("languages", help="languages with a catalog").set_defaults(func=cmd_languages)
    p = sub.add_parser("templates", help="bundled templates; --check FOLDER checks one")
    p.add_argument(
        "--check",
        metavar="FOLDER",
        help="report every problem of a template (theme.toml, fonts, reference.docx)",
    )
    p.set_defaults(func=cmd_templates)
    sub.add_parser("schema", help="JSON Schema of the brief format").set_defaults(func=cmd_schema)
    p = sub.add_parser("init", help="write a starter brief")
    p.add_argument("path", nargs="?", default="brief.yaml", metavar="PATH")
    p.add_argument("-l", "--lang", default="en", help="language the brief is written in")
    p.set_defaults(func=cmd_init)
    p = sub.add_parser("serve", help="web editor with live preview, and an HTTP API")
    p.add_argument("folder", nargs="?", metavar="FOLDER", help="open and save the briefs here")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0: any free)")
    p.add_argument("--token", help="the token requests must carry (default: a new one)")
    p.add_argument("-t", "--template", help="template name or folder (default: memo)")
    p.add_argument("--workers", type=int, default=2, help="render processes (default: 2)")
    p.add_argument("--timeout", type=float, default=30, help="seconds a render may take")
    p.add_argument("--limit", action="append", metavar="NAME=N", help=limit_help)
    p.set_defaults(func=cmd_serve)
    return parser


def run() -> NoReturn:
    """The ``briefing`` command: main() in a process tuned for one short job."""
    from briefing.executor import run_process

    run_process(main)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        _no_stdin(args)
        code: int = args.func(args)
        return code
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        _err(f"briefing: error: {exc}")
        return EXIT_USAGE
    except BriefError as exc:
        _err(*exc.problems)
        return EXIT_USER
    except BrokenPipeError:  # output piped into head and the like
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_USER
    except KeyboardInterrupt:
        _err("briefing: interrupted")
        return 130
    except Exception as exc:  # a bug: one line, the traceback only with --debug
        if args.debug:
            raise
        _err(bug_report("briefing", exc))
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
