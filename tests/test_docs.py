"""The documentation is true: its code runs, its links resolve, it names the whole format.

docs/format.md is the reference users read, and the model (briefing/model.py) is the one
description of the format; these tests fail when a key or a limit is added to the code
and not to the docs, when a relative link points nowhere, or when an example in
docs/api.md no longer runs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.decode import fields_of, model_classes
from briefing.limits import NAMES

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
README = ROOT / "README.md"
FORMAT = DOCS / "format.md"
API = DOCS / "api.md"

_PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```[ \t]*$", re.S | re.M)
# [text](target) and ![alt](target); a target ends at a space (a title) or ")".
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_FENCE = re.compile(r"^(`{3,}|~{3,})", re.M)


def python_blocks(path: Path) -> list[str]:
    return _PYTHON_BLOCK.findall(path.read_text(encoding="utf-8"))


def outside_code(text: str) -> str:
    """``text`` without its fenced code blocks and code spans: links there are examples."""
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        opened = _FENCE.match(line.lstrip(" "))
        if fence is None and opened:
            fence = opened.group(1)
            continue
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            continue
        out.append(re.sub(r"(`+).*?\1", "", line))
    return "\n".join(out)


def relative_links(path: Path) -> list[str]:
    """Targets of the Markdown links in ``path`` that point into the repository."""
    targets = _LINK.findall(outside_code(path.read_text(encoding="utf-8")))
    return [t for t in targets if not re.match(r"[a-z][a-z0-9+.-]*:|#", t, re.I)]


def doc_files() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


# -- docs/api.md runs ------------------------------------------------------------------


def run_block(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run one example as a user would, from the repository root (it reads examples/);
    TMPDIR keeps the temporary folders it makes inside ``tmp_path``."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("index", range(len(python_blocks(API))))
def test_api_example_runs(index: int, tmp_path: Path) -> None:
    """Each ```python block of docs/api.md runs on its own."""
    proc = run_block(python_blocks(API)[index], tmp_path)
    assert proc.returncode == 0, f"block {index} of docs/api.md failed:\n{proc.stderr}"
    assert "Traceback" not in proc.stderr


def test_api_has_examples() -> None:
    assert len(python_blocks(API)) >= 1


def test_api_example_does_what_it_says(tmp_path: Path) -> None:
    """The first example prints the lines docs/api.md shows, and writes a real PDF and
    a real DOCX."""
    proc = run_block(python_blocks(API)[0], tmp_path)
    assert proc.returncode == 0, proc.stderr
    shown = API.read_text(encoding="utf-8").split("It prints:\n\n```\n", 1)[1]
    assert proc.stdout == shown.split("```", 1)[0]
    pdf = list(tmp_path.glob("briefing-*/us-azerbaijan-charter.az.pdf"))
    docx = list(tmp_path.glob("briefing-*/us-azerbaijan-charter.ru.docx"))
    assert len(pdf) == 1 and pdf[0].read_bytes().startswith(b"%PDF-")
    assert len(docx) == 1 and docx[0].read_bytes().startswith(b"PK")


# A ```python block followed by "prints" (or "It prints:") and a block of its output.
_SHOWN_OUTPUT = re.compile(r"```python\n(.*?)```\n\n(?:It prints:|prints)\n\n```\n(.*?)```", re.S)
# print(...)  # what it prints, on the same line
_INLINE_OUTPUT = re.compile(r"^\s*print\(.*\)  # (.+)$", re.M)


def shown_outputs(path: Path) -> list[tuple[str, str]]:
    """(code, the output the text shows for it) of each example that shows one."""
    text = path.read_text(encoding="utf-8")
    pairs = [(code, shown) for code, shown in _SHOWN_OUTPUT.findall(text) if "```" not in code]
    for code in _PYTHON_BLOCK.findall(text):
        lines = _INLINE_OUTPUT.findall(code)
        if lines:
            pairs.append((code, "\n".join(lines) + "\n"))
    return pairs


@pytest.mark.parametrize("index", range(len(shown_outputs(API))))
def test_api_examples_print_what_the_docs_show(index: int, tmp_path: Path) -> None:
    """Every example of docs/api.md that shows its output prints exactly that: a count
    in the text (units merged, files written) went stale when the example brief grew."""
    code, shown = shown_outputs(API)[index]
    proc = run_block(code, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == shown


def test_the_shown_outputs_are_found() -> None:
    """The three examples that show what they print, and the two inline comments."""
    assert len(shown_outputs(API)) >= 4


# -- links -------------------------------------------------------------------------------


def test_doc_files_are_found() -> None:
    names = {p.name for p in doc_files()}
    assert {"README.md", "format.md", "api.md"} <= names


@pytest.mark.parametrize("doc", doc_files(), ids=lambda p: p.name)
def test_relative_links_point_at_files(doc: Path) -> None:
    missing = []
    for target in relative_links(doc):
        file = target.split("#", 1)[0]
        if file and not (doc.parent / file).exists():
            missing.append(target)
    assert missing == [], f"{doc.relative_to(ROOT)} links to files that do not exist"


def anchors(path: Path) -> set[str]:
    """The anchors GitHub makes for the headings of ``path`` (headings in code examples
    count too: harmless, as no link is made to them)."""
    return {slug(h) for h in re.findall(r"^#{1,6} (.*)$", path.read_text("utf-8"), re.M)}


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: code spans as their text, lower case, punctuation
    gone, spaces to hyphens."""
    text = re.sub(r"(`+) ?(.*?) ?\1", r"\2", heading.strip())
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


@pytest.mark.parametrize("doc", doc_files(), ids=lambda p: p.name)
def test_anchors_point_at_headings(doc: Path) -> None:
    broken = []
    for target in relative_links(doc) + [
        t for t in _LINK.findall(outside_code(doc.read_text(encoding="utf-8"))) if t[0] == "#"
    ]:
        file, _, anchor = target.partition("#")
        if anchor and file.endswith(".md"):
            where = doc if not file else doc.parent / file
            if where.exists() and anchor not in anchors(where):
                broken.append(target)
        elif anchor and not file and anchor not in anchors(doc):
            broken.append(target)
    assert broken == [], f"{doc.name}: links to headings that do not exist"


def test_slug_is_githubs() -> None:
    assert slug("The brief's keys") == "the-briefs-keys"
    assert slug("The ```` ```brief ```` block") == "the-brief-block"
    assert slug("`memo`") == "memo"


def test_link_finder_skips_code_and_external_links() -> None:
    sample = (
        "[a](docs/format.md) [b](https://example.org) [c](#errors) ![d](x.png)\n"
        "`[e](nowhere.md)`\n```\n[f](nowhere.md)\n```\n[g](mailto:a@b.org)\n"
    )
    assert _LINK.findall(outside_code(sample)) == [
        "docs/format.md",
        "https://example.org",
        "#errors",
        "x.png",
        "mailto:a@b.org",
    ]


# -- the format is documented whole ------------------------------------------------------


def test_format_names_every_key_of_every_model_class() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    missing = [
        f"{cls.__name__}.{f.key}"
        for cls in model_classes()
        for f in fields_of(cls)
        if f"`{f.key}`" not in text
    ]
    assert missing == [], "keys of briefing/model.py not described in docs/format.md"


def test_format_names_every_limit() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    rows = _limit_rows(text)
    assert sorted(rows) == sorted(NAMES), "docs/format.md: the limits table"


def test_readme_limits_table_is_complete() -> None:
    rows = _limit_rows(README.read_text(encoding="utf-8"))
    assert sorted(rows) == sorted(NAMES), "README.md: the limits table under Safety"


def test_limit_defaults_are_the_documented_ones() -> None:
    """The default column of both tables is the code's default."""
    from dataclasses import fields

    from briefing.limits import CEILINGS, Limits

    defaults = {f.name: f.default for f in fields(Limits)}
    for doc in (FORMAT, README):
        for name, cells in _limit_rows(doc.read_text(encoding="utf-8")).items():
            key = NAMES[name]
            assert float(cells[0].replace(",", "")) == defaults[key], (doc.name, name)
            if doc is FORMAT:
                assert float(cells[1].replace(",", "")) == CEILINGS[key], (doc.name, name)


def _limit_rows(text: str) -> dict[str, list[str]]:
    """``| `name` | cell | cell |`` rows naming a limit: name -> the cells after it."""
    rows: dict[str, list[str]] = {}
    for line in text.split("\n"):
        match = re.match(r"\|\s*`([a-z-]+)`\s*\|(.*)\|\s*$", line)
        if match and match.group(1) in NAMES:
            rows[match.group(1)] = [c.strip() for c in match.group(2).split("|")]
    return rows


def test_readme_points_at_the_reference() -> None:
    text = README.read_text(encoding="utf-8")
    assert "docs/format.md" in text and "docs/api.md" in text
    assert "the spec the project follows" not in text


def test_readme_commands_exist_in_the_cli() -> None:
    """Every subcommand the README's command list names is one the CLI has."""
    from briefing.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    known = set(getattr(sub, "choices", {}) or {})
    readme = README.read_text(encoding="utf-8")
    commands = readme.split("## Commands", 1)[1].split("```", 2)[1]
    listed = re.findall(r"^briefing (\w+)", commands, re.M)
    assert listed and set(listed) <= known


def _example(text: str, heading: str, info: str) -> str:
    """The first code block with ``info`` after ``heading`` (fences of 3 or 4 ticks)."""
    after = text.split(heading, 1)[1]
    match = re.search(rf"^(`{{3,4}}){info}\n(.*?)^\1$", after, re.S | re.M)
    assert match, f"no {info} block after {heading!r}"
    return match.group(2)


def test_format_examples_are_valid_briefs() -> None:
    """The whole brief of docs/format.md, in YAML and in Markdown, reads without a
    problem; the README's ```brief example is a valid block."""
    import briefing

    text = FORMAT.read_text(encoding="utf-8")
    yaml_brief = briefing.load_text(_example(text, "## A whole brief", "yaml"))
    assert yaml_brief.brief.annexes and yaml_brief.brief.sources
    md = briefing.load_text(_example(text, "## The Markdown form", "markdown"), fmt="markdown")
    kinds = [type(b).__name__ for s in md.brief.sections for b in s.body]
    kinds += [type(b).__name__ for s in md.brief.sections for c in s.sections for b in c.body]
    assert {"TableBlock", "QuoteBlock", "NoteBlock", "Bullets"} <= set(kinds)
    assert md.brief.recommendations and md.brief.annexes and md.brief.summary
    readme = README.read_text(encoding="utf-8")
    fenced = readme.split("````markdown\n", 1)[1].split("````", 1)[0]
    body = "---\ntitle: T\ndate: 2026-11-26\n---\n\n## A\n\n" + fenced
    assert briefing.load_text(body, fmt="markdown").brief.sections[0].body
