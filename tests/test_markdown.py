"""Markdown briefs: the same model as YAML, per-language files, errors at Markdown lines."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from briefing import api
from briefing.errors import BriefError
from tests.readback import docx_body, pdf_pages

ROOT = Path(__file__).resolve().parents[1]
YAML_EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
MD_EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.md"
LANGS = ("en", "az", "ru")


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_and_yaml_examples_give_the_same_tree(lang: str) -> None:
    from_yaml = api.localize(api.load(YAML_EXAMPLE), lang)
    from_md = api.localize(api.load(MD_EXAMPLE), lang)
    assert from_md.doc == from_yaml.doc
    assert from_md.fallbacks == [] and from_yaml.fallbacks == []


def test_markdown_and_yaml_examples_render_the_same_text(tmp_path: Path) -> None:
    for example in (YAML_EXAMPLE, MD_EXAMPLE):
        proc = subprocess.run(
            [sys.executable, "-m", "briefing", "render", str(example), "-l", "all",
             "-o", str(tmp_path / example.suffix[1:])],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
    for lang in LANGS:
        name = f"us-azerbaijan-charter.{lang}"
        assert pdf_pages(tmp_path / "md" / f"{name}.pdf") == pdf_pages(
            tmp_path / "yaml" / f"{name}.pdf"
        )
        assert docx_body(tmp_path / "md" / f"{name}.docx") == docx_body(
            tmp_path / "yaml" / f"{name}.docx"
        )


def test_the_example_markdown_is_what_the_converter_writes(tmp_path: Path) -> None:
    """examples/*.md are made by tools/yaml_to_markdown.py; keep them in step."""
    copy = tmp_path / YAML_EXAMPLE.name
    copy.write_bytes(YAML_EXAMPLE.read_bytes())
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "yaml_to_markdown.py"), str(copy)],
        check=True, capture_output=True,
    )  # fmt: skip
    for made in sorted(tmp_path.glob("*.md")):
        assert made.read_text(encoding="utf-8") == (ROOT / "examples" / made.name).read_text(
            encoding="utf-8"
        ), f"examples/{made.name} is stale: run tools/yaml_to_markdown.py"


BRIEF = """\
---
title: Charter
date: 2026-11-26
---

## Bottom line {kind=summary}

The **charter** matters.

## Background {kind=background}

A paragraph with a [link](https://example.org) and literal <b>tags</b> & {{ x }}.

- one
  - one A
- two

1. first
2. second

Table: Routes

| Route | Status |
|------------|----|
| Middle Corridor | Expanding |

> It is a great honor.
>
> — President Ilham Aliyev

> [!NOTE]
> Watch the talks.

### Connectivity

Sub-section text.

#### Detail

Third level.

## Recommendations {kind=recommendations}

1. Open a working group.

## Timeline {kind=annex}

- Day one.
"""


def as_data(value: Any) -> Any:
    """A model object as the plain data an author would write (keys as in the file)."""
    if dataclasses.is_dataclass(value):
        return {
            f.metadata.get("key", f.name): as_data(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) not in (None, [])
        }
    if isinstance(value, list):
        return [as_data(v) for v in value]
    return value


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_markdown_construct_maps_to_the_model(tmp_path: Path) -> None:
    brief = api.load(write(tmp_path, "b.md", BRIEF)).brief
    data = as_data(brief)
    assert data["summary"] == ["The **charter** matters."]
    background = data["sections"][0]
    assert background["kind"] == "background"
    body = background["body"]
    assert (
        body[0]
        == "A paragraph with a [link](https://example.org) and literal <b>tags</b> & {{ x }}."
    )
    assert body[1] == {"bullets": [{"text": "one", "bullets": ["one A"]}, "two"]}
    assert body[2] == {"numbered": ["first", "second"]}
    assert body[3]["table"]["caption"] == "Routes"
    assert body[3]["table"]["columns"] == ["Route", "Status"]
    assert body[3]["table"]["rows"] == [["Middle Corridor", "Expanding"]]
    assert body[3]["table"]["widths"] == [12.0, 4.0]
    assert body[4] == {"quote": "It is a great honor.", "by": "President Ilham Aliyev"}
    assert body[5] == {"note": "Watch the talks."}
    sub = background["sections"][0]
    assert sub["title"] == "Connectivity"
    assert sub["sections"][0]["title"] == "Detail"
    assert data["recommendations"] == ["Open a working group."]
    assert data["annexes"] == [{"title": "Timeline", "body": [{"bullets": ["Day one."]}]}]


def test_translation_files_are_merged_per_text(tmp_path: Path) -> None:
    base = write(tmp_path, "b.md", BRIEF)
    az = BRIEF.replace("title: Charter", "title: Xartiya").replace(
        "The **charter** matters.", "**Xartiya** vacibdir."
    )
    write(tmp_path, "b.az.md", az.replace("date: 2026-11-26\n", ""))
    loaded = api.load(base)
    assert loaded.brief.title == {"en": "Charter", "az": "Xartiya"}
    assert loaded.brief.summary[0] == {
        "en": "The **charter** matters.",
        "az": "**Xartiya** vacibdir.",
    }
    result = api.localize(loaded, "az")
    assert result.doc.title == "Xartiya"
    assert result.fallbacks == []  # the az file has every text (some equal to English)
    ru = api.localize(loaded, "ru")
    assert len(ru.fallbacks) > 0 and all(str(base) in str(p) for p in ru.fallbacks)


def _errors(path: Path) -> list[str]:
    with pytest.raises(BriefError) as info:
        api.load(path)
    return [str(p) for p in info.value.problems]


def test_errors_point_at_markdown_lines(tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "bad.md",
        "---\ntitle: T\ndate: 2026-11-26\ncolour: red\n---\n\n## X {kind=backgrund}\n\n"
        "| A | B |\n|---|---|\n| 1 | 2 | 3 |\n\n```\ncode\n```\n\n#### Orphan\n",
    )
    errors = _errors(bad)
    assert f"{bad}:4:1: colour: unknown key 'colour'" in errors
    assert any(
        e.startswith(f"{bad}:7:4: sections[0].kind: unknown kind 'backgrund'") for e in errors
    )
    assert (
        f"{bad}:11:1: sections[0].body[0].table.rows[0]: "
        "row has 3 cells but the table has 2 columns" in errors
    )
    assert f"{bad}:13:1: a code block is not part of the brief format" in errors
    assert f"{bad}:17:1: a level-4 heading needs a level-3 heading above it" in errors


@pytest.mark.parametrize("kind", ["summary", "recommendations"])
def test_a_sub_heading_under_the_summary_says_why(tmp_path: Path, kind: str) -> None:
    """It said "a level-3 heading needs a level-2 heading above it", with the ## heading
    of the summary right above it."""
    body = "Text\n" if kind == "summary" else "1. one\n"
    text = f"---\ntitle: T\ndate: 2026-11-26\n---\n\n## Words {{kind={kind}}}\n\n{body}\n### Sub\n"
    bad = write(tmp_path, "b.md", text)
    with pytest.raises(BriefError) as caught:
        api.load(bad)
    assert [str(p) for p in caught.value.problems] == [
        f"{bad}:10:1: the {kind} has no sub-sections: its ## heading holds only blocks"
    ]


def test_a_translation_with_another_structure_is_an_error(tmp_path: Path) -> None:
    base = write(tmp_path, "b.md", BRIEF)
    write(tmp_path, "b.az.md", BRIEF.replace("- two\n", ""))
    errors = _errors(base)
    assert any(
        e.startswith(f"{tmp_path / 'b.az.md'}:14:3: 1 entry here but 2 in the base file")
        for e in errors
    ), errors


STRUCTURE = """\
---
title: Title
date: 2026-11-26
---

## Summary {kind=summary}

- One
- Two

## Background {kind=background}

First.

- a
"""


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        # an extra section was reported at 2:1, inside the front matter
        (("- a\n", "- a\n\n## Extra\n\nX.\n"), "17:1", "2 entries here but 1 in the base file"),
        (("- Two\n", "- Two\n- Three\n"), "10:3", "3 entries here but 2 in the base file"),
        (("First.\n", "First.\n\nSecond.\n"), "17:1", "3 entries here but 2 in the base file"),
        (("- Two\n", ""), "8:3", "1 entry here but 2 in the base file"),
        # a nested list under an item was taken for a map of languages: "unknown key
        # 'en'" at the base file's line
        (("- One\n", "- One\n  - nested\n"), "8:3", "a text in the base file, more than a text"),
    ],
)
def test_a_translation_structure_error_points_into_the_translation(
    tmp_path: Path, change: tuple[str, str], where: str, message: str
) -> None:
    base = write(tmp_path, "b.md", STRUCTURE)
    write(tmp_path, "b.az.md", STRUCTURE.replace(*change))
    errors = _errors(base)
    assert any(e.startswith(f"{tmp_path / 'b.az.md'}:{where}: {message}") for e in errors), errors


def test_a_translation_file_is_not_a_brief_of_its_own(tmp_path: Path) -> None:
    write(tmp_path, "b.md", BRIEF)
    az = write(tmp_path, "b.az.md", BRIEF)
    assert _errors(az) == [
        f"{az}:1:1: this is the az translation of b.md; render {tmp_path / 'b.md'}"
    ]
