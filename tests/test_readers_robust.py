"""Reading is robust to how a file was saved and what authors leave in it.

Line endings (CRLF, CR, a BOM), U+2028 and friends, libyaml's nulls, front matter that
is not YAML or never closed, HTML comments, and ```brief blocks: each reads to the data
the author meant, with every position the line and column an editor shows.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import api
from briefing.errors import BriefError, Position
from briefing.limits import Limits
from briefing.readers import Source, load_source, normalize_newlines, read_text
from briefing.readers.markdown_source import load_markdown
from briefing.readers.yaml_source import load_yaml
from tests.readback import docx_body, pdf_pages

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
MD_FILES = (
    "us-azerbaijan-charter.md",
    "us-azerbaijan-charter.az.md",
    "us-azerbaijan-charter.ru.md",
)
LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])

SAVED_AS = {"crlf": ("\r\n", b""), "crlf-bom": ("\r\n", b"\xef\xbb\xbf"), "cr": ("\r", b"")}


def write(folder: Path, name: str, text: str, newline: str = "\n", bom: bytes = b"") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(bom + text.replace("\n", newline).encode("utf-8"))
    return path


def errors(path: Path) -> list[str]:
    with pytest.raises(BriefError) as info:
        api.load(path)
    return [str(p) for p in info.value.problems]


def md_errors(text: str, file: str = "b.md") -> list[str]:
    """Problems the Markdown reader raises or reports, as FILE:LINE:COL: message."""
    try:
        source = load_markdown(text, file)
    except BriefError as exc:
        return [str(p) for p in exc.problems]
    return [str(p) for p in source.problems]


def where(positions: dict[Any, Position]) -> dict[Any, tuple[str, int, int]]:
    """Positions with the folder left out, to compare copies of a brief."""
    return {k: (Path(p.file).name, p.line, p.col) for k, p in positions.items()}


FRONT = "---\ntitle: T\ndate: 2026-11-26\n---\n\n## Background {kind=background}\n\n"


# 1. Line endings ------------------------------------------------------------------------
@pytest.mark.parametrize("saved", sorted(SAVED_AS))
def test_the_example_saved_on_windows_or_old_mac_reads_as_with_lf(
    saved: str, tmp_path: Path
) -> None:
    newline, bom = SAVED_AS[saved]
    for name in MD_FILES:
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        write(tmp_path / "lf", name, text)
        write(tmp_path / saved, name, text, newline, bom)
    for image in EXAMPLES.glob("*.svg"):  # the example's figure, beside each copy
        for folder in ("lf", saved):
            (tmp_path / folder / image.name).write_bytes(image.read_bytes())
    lf = load_source(tmp_path / "lf" / MD_FILES[0])
    other = load_source(tmp_path / saved / MD_FILES[0])
    assert other.data == lf.data
    assert where(other.positions) == where(lf.positions)
    assert where(other.key_positions) == where(lf.key_positions)
    assert other.problems == lf.problems == []
    assert (
        api.load(tmp_path / saved / MD_FILES[0]).brief
        == api.load(tmp_path / "lf" / MD_FILES[0]).brief
    )


BAD = (
    "---\ntitle: T\ndate: 2026-11-26\ncolour: red\n---\n\n## X {kind=backgrund}\n\n"
    "| A | B |\n|---|---|\n| 1 | 2 | 3 |\n\n```\ncode\n```\n\n#### Orphan\n"
)


@pytest.mark.parametrize("saved", sorted(SAVED_AS))
def test_an_error_in_a_crlf_or_cr_file_is_at_the_editors_line_and_column(
    saved: str, tmp_path: Path
) -> None:
    newline, bom = SAVED_AS[saved]
    bad = write(tmp_path, "bad.md", BAD, newline, bom)
    found = errors(bad)
    assert f"{bad}:4:1: colour: unknown key 'colour'" in found
    assert any(
        e.startswith(f"{bad}:7:4: sections[0].kind: unknown kind 'backgrund'") for e in found
    )
    assert any(e.startswith(f"{bad}:11:1: sections[0].body[0].table.rows[0]: ") for e in found)
    assert f"{bad}:13:1: a code block is not part of the brief format" in found
    assert f"{bad}:17:1: a level-4 heading needs a level-3 heading above it" in found


@pytest.mark.parametrize("saved", sorted(SAVED_AS))
def test_a_yaml_brief_saved_with_crlf_or_cr(saved: str, tmp_path: Path) -> None:
    newline, bom = SAVED_AS[saved]
    text = "title: T\ndate: 2026-11-26\nmemo:\n  to: A\n  to: B\n"
    brief = write(tmp_path, "b.yaml", text, newline, bom)
    assert errors(brief) == [f"{brief}:5:3: duplicate key 'to' (first at line 4)"]


def test_bytes_that_are_not_utf8_are_reported_at_the_editors_line_and_column(
    tmp_path: Path,
) -> None:
    brief = tmp_path / "b.md"
    brief.write_bytes(b"\xef\xbb\xbf---\r\ntitle: \xc3\xa9\xc3\xa9 \xff\r\n")
    with pytest.raises(BriefError) as info:
        read_text(brief)
    assert str(info.value) == f"{brief}:2:11: not UTF-8 text (byte 0xff); save the file as UTF-8"
    brief.write_bytes(b"a\rb\r\rcd\x80")
    with pytest.raises(BriefError) as info:
        read_text(brief)
    assert str(info.value).startswith(f"{brief}:4:3: not UTF-8 text (byte 0x80)")


def test_normalize_newlines() -> None:
    assert normalize_newlines("\ufeffa\r\nb\rc\n\r\n") == "a\nb\nc\n\n"
    plain = "nothing to do\n"
    assert normalize_newlines(plain) is plain


def test_u2028_in_a_table_cell_keeps_the_table_and_the_lines(tmp_path: Path) -> None:
    text = FRONT + (
        "A line\u2028separator and a paragraph\u2029separator stay in the text.\n\n"
        "| Route | Status |\n|---|---|\n"
        "| Middle\u2028Corridor | Expanding |\n| TRIPP | Agreed |\n\n"
        "### After\n\nText.\n"
    )
    brief = write(tmp_path, "b.md", text)
    loaded = api.load(brief)  # valid: no ragged row
    body = loaded.source.data["sections"][0]["body"]
    assert body[0] == "A line\u2028separator and a paragraph\u2029separator stay in the text."
    assert body[1]["table"]["rows"] == [["Middle\u2028Corridor", "Expanding"], ["TRIPP", "Agreed"]]
    positions = loaded.source.positions
    assert positions[("sections", 0, "body", 1, "table", "rows", 1)].line == 13
    assert positions[("sections", 0, "sections", 0, "title")] == Position(str(brief), 15, 5)


@pytest.mark.parametrize("char", ["\x85", "\x0c", "\x1c"])
def test_characters_splitlines_breaks_at_do_not_move_later_lines(char: str) -> None:
    text = FRONT + f"One{char}two.\n\nThree.\n\n## Next {{kind=outlook}}\n"
    source = load_markdown(text, "b.md")
    assert source.data["sections"][0]["body"][0] == f"One{char}two."
    assert source.positions[("sections", 0, "body", 1)] == Position("b.md", 10, 1)
    assert source.positions[("sections", 1, "kind")] == Position("b.md", 12, 4)


@pytest.mark.parametrize("loader", LOADERS, ids=lambda c: c.__name__)
def test_yaml_line_breaks_editors_do_not_show_keep_positions(loader: type[Any]) -> None:
    text = "title: 'a\u2028b'\nsubtitle: 'c\u2029d'\nreference: 'e\x85f'\ndate: [x\n"
    source = load_yaml(text.replace("date: [x\n", "date: x\n"), "b.yaml", loader=loader)
    assert source.positions[("subtitle",)] == Position("b.yaml", 2, 11)
    assert source.positions[("date",)] == Position("b.yaml", 4, 7)
    with pytest.raises(BriefError) as info:
        load_yaml(text, "b.yaml", loader=loader)
    assert info.value.problems[0].position == Position("b.yaml", 5, 1)


# 2. YAML nulls under both loaders ------------------------------------------------------
@pytest.mark.parametrize("loader", LOADERS, ids=lambda c: c.__name__)
def test_yaml_null_means_absent_under_every_loader(loader: type[Any]) -> None:
    text = (
        "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: 'null'\ng: \"~\"\nh: [~, null, '']\n"
        "i: !!null x\nj: nul\n"
    )
    data = load_yaml(text, "b.yaml", loader=loader).data
    assert data == {
        "a": None, "b": None, "c": None, "d": None, "e": None, "f": "null", "g": "~",
        "h": [None, None, ""], "i": None, "j": "nul",
    }  # fmt: skip


def test_a_tilde_subtitle_is_absent_not_printed(tmp_path: Path) -> None:
    brief = write(tmp_path, "b.yaml", "title: T\ndate: 2026-11-26\nsubtitle: ~\nreference: null\n")
    loaded = api.load(brief)
    assert loaded.brief.subtitle is None and loaded.brief.reference is None


# 3. Front matter -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "+++\ntitle = 'T'\n+++\n\n## A\n",
            "b.md:1:1: front matter starts with +++ (TOML); "
            "briefing reads YAML front matter between --- lines",
        ),
        (
            "---\ntitle: T\ndate: 2026-11-26\n\n## A\n\nText.\n",
            "b.md:1:1: the front matter opened at line 1 is never closed with ---",
        ),
        ("---", "b.md:1:1: the front matter opened at line 1 is never closed with ---"),
        (
            "\n\n---\ntitle: T\n---\n",
            "b.md:3:1: front matter must start at line 1, not after 2 empty lines",
        ),
        ("---\n- a\n- b\n---\n", "b.md:2:1: the front matter must be a map of keys"),
        ("---\ntitle: [T\n---\n", "b.md:3:1: YAML syntax error: "),  # libyaml and PyYAML differ
    ],
)
def test_front_matter_problems_are_reported_as_such(text: str, expected: str) -> None:
    for saved in (text, text.replace("\n", "\r\n")):
        found = md_errors(saved)
        assert len(found) == 1 and found[0].startswith(expected), found


def test_front_matter_after_a_bom_and_an_empty_one() -> None:
    assert load_markdown("\ufeff---\ntitle: T\n---\n", "b.md").data == {"title": "T"}
    assert load_markdown("---\n---\n\n## A\n", "b.md").data == {"sections": [{"title": "A"}]}
    assert load_markdown("---\ntitle: T\n...\n", "b.md").data == {"title": "T"}


# 4. HTML comments ----------------------------------------------------------------------
def body(text: str) -> list[Any]:
    source = load_markdown(FRONT + text, "b.md")
    assert source.problems == []
    result: list[Any] = source.data["sections"][0]["body"]
    return result


def test_html_comments_are_never_part_of_the_brief() -> None:
    assert body("Growth was 4.1% <!-- reviewer: check this number --> last year.\n") == [
        "Growth was 4.1% last year."
    ]
    assert body("<!-- private -->\nText.\n") == ["Text."]
    assert body("Text.<!-- at the end -->\n") == ["Text."]
    assert body("Text. <!-- at the end -->   \n") == ["Text."]
    assert body("<!--\nA note\n\nover paragraphs\n-->\n\nText.\n") == ["Text."]
    assert body("One <!-- a\nnote --> two.\n") == ["One two."]
    assert body("<!-- a --> <!-- b --> Text.\n") == ["Text."]
    assert body("A<!-->B<!--->C\n") == ["ABC"]
    assert body("- one\n<!-- between items -->\n- two\n") == [{"bullets": ["one", "two"]}]
    assert body("| A | B |\n|---|---|\n<!-- a note between rows -->\n| 1 <!-- x --> | 2 |\n") == [
        {"table": {"columns": ["A", "B"], "rows": [["1", "2"]]}}
    ]
    assert body("> Quote <!-- hidden -->\n>\n> — Author <!-- who? -->\n") == [
        {"quote": "Quote", "by": "Author"}
    ]


def test_a_comment_in_a_heading_or_front_matter_neighbourhood() -> None:
    source = load_markdown(FRONT + "Text.\n\n## Risks <!-- rename? --> {kind=risks}\n", "b.md")
    assert source.data["sections"][1] == {"kind": "risks"}
    assert source.positions[("sections", 1, "kind")] == Position("b.md", 10, 4)


def test_what_is_not_a_comment_stays_text() -> None:
    assert body("Code `<!-- not a comment -->` stays.\n") == [
        "Code `<!-- not a comment -->` stays."
    ]
    assert body("Two ``a ` <!-- b`` stay.\n") == ["Two ``a ` <!-- b`` stay."]
    assert body("Escaped \\<!-- stays --> too.\n") == ["Escaped <!-- stays --> too."]
    assert body("Raw <b>HTML</b> & <br/> prints as typed.\n") == [
        "Raw <b>HTML</b> & <br/> prints as typed."
    ]
    assert body("```brief\nnote: 'in YAML <!-- is text -->'\n```\n") == [
        {"note": "in YAML <!-- is text -->"}
    ]
    assert body("A `span\nover <!-- lines -->` stays.\n") == ["A `span over <!-- lines -->` stays."]


def test_positions_after_a_comment_are_the_original_files() -> None:
    text = FRONT + (
        "<!-- a note\nover\nthree lines -->\nFirst <!-- x --> paragraph.\n\n"
        "<!-- x --> Second.\n\n- <!-- y --> item\n\n## Next {kind=outlook}\n"
    )
    source = load_markdown(text, "b.md")
    assert source.data["sections"][0]["body"] == [
        "First paragraph.",
        "Second.",
        {"bullets": ["item"]},
    ]
    at = source.positions
    assert at[("sections", 0, "body", 0)] == Position("b.md", 11, 1)
    assert at[("sections", 0, "body", 1)] == Position("b.md", 13, 12)
    assert at[("sections", 0, "body", 2, "bullets", 0)] == Position("b.md", 15, 14)
    assert at[("sections", 1, "kind")] == Position("b.md", 17, 4)


def test_a_comment_never_closed_is_an_error_at_its_start() -> None:
    assert md_errors(FRONT + "Text.\n\nMore <!-- reviewer: the rest\n\n## Next\n") == [
        "b.md:10:6: this HTML comment is never closed with -->; "
        "close it, or write the text without <!--"
    ]


def test_no_memo_prints_a_comment(tmp_path: Path) -> None:
    brief = write(
        tmp_path,
        "b.md",
        FRONT + "Growth was 4.1% <!-- reviewer: check this number --> last year.\n\n"
        "<!--\nprivate: a paragraph\n\non inflation\n-->\n\n"
        "| Row | Value |\n|---|---|\n| First <!-- private: row note --> | 1 |\n",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "render", str(brief), "-l", "en", "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    for text in (pdf_pages(tmp_path / "b.en.pdf")[0], docx_body(tmp_path / "b.en.docx")):
        assert "4.1% last year" in " ".join(text.split())
        assert "private" not in text and "reviewer" not in text and "<!--" not in text


def test_comments_in_a_translation_file_are_dropped_too(tmp_path: Path) -> None:
    base = write(tmp_path, "b.md", FRONT + "Text.\n")
    write(tmp_path, "b.az.md", FRONT.replace("date: 2026-11-26\n", "") + "<!-- az -->\nMətn.\n")
    assert api.load(base).source.data["sections"][0]["body"] == [{"en": "Text.", "az": "Mətn."}]


# 5. ```brief blocks --------------------------------------------------------------------
BLOCKS = FRONT + (
    "```brief\nnote: Watch the TRIPP talks.\n```\n\n"
    "```brief\ntable:\n  caption: Routes\n  columns: [Route, Status]\n"
    "  rows:\n    - [Middle Corridor, Expanding]\n```\n\nText.\n"
)


def test_a_brief_block_holds_one_block_as_a_yaml_brief_writes_it(tmp_path: Path) -> None:
    md = write(tmp_path, "b.md", BLOCKS)
    yml = write(
        tmp_path,
        "b.yaml",
        "title: T\ndate: 2026-11-26\nsections:\n  - kind: background\n    body:\n"
        "      - note: Watch the TRIPP talks.\n"
        "      - table: {caption: Routes, columns: [Route, Status],"
        " rows: [[Middle Corridor, Expanding]]}\n      - Text.\n",
    )
    from_md, from_yaml = api.load(md), api.load(yml)
    assert from_md.source.data == from_yaml.source.data
    assert from_md.brief == from_yaml.brief
    at = from_md.source.positions
    assert at[("sections", 0, "body", 0)] == Position(str(md), 8, 1)
    assert at[("sections", 0, "body", 0, "note")] == Position(str(md), 9, 7)
    assert at[("sections", 0, "body", 1, "table", "columns")] == Position(str(md), 15, 12)
    assert at[("sections", 0, "body", 1, "table", "rows", 0)] == Position(str(md), 17, 7)
    assert at[("sections", 0, "body", 2)] == Position(str(md), 20, 1)
    assert from_md.source.key_positions[("sections", 0, "body", 1, "table", "caption")] == (
        Position(str(md), 14, 3)
    )


def test_problems_in_a_brief_block_point_into_the_markdown_file(tmp_path: Path) -> None:
    text = FRONT + (
        "```brief\nnote: N\ncolour: red\n```\n\n"
        "  ```brief\n  note: [unclosed\n  ```\n\n"
        "```brief\n- a list\n```\n\n```brief\n```\n\n"
        "```brief\nnote: !!python/object:os.system x\n```\n\n"
        "```python\nprint()\n```\n"
    )
    brief = write(tmp_path, "b.md", text)
    found = errors(brief)
    assert found[0].startswith(f"{brief}:10:1: sections[0].body[0].colour: unknown key")
    assert found[1].startswith(f"{brief}:15:3: YAML syntax error: ")  # libyaml's or PyYAML's
    assert found[2:] == [
        f"{brief}:17:1: a ```brief block holds one block of the brief as a YAML map "
        "(note: ..., table: ...)",
        f"{brief}:21:1: an empty ```brief block: write one block in it as YAML (note: ...)",
        f"{brief}:25:7: YAML tag 'tag:yaml.org,2002:python/object:os.system' "
        "is not allowed in a brief",
        f"{brief}:28:1: a code block is not part of the brief format",
    ]


def test_brief_blocks_count_against_the_briefs_limits() -> None:
    block = "```brief\nnote: &n [a, b, c, d, e, f, g, h]\n```\n\n"
    # One budget for the brief: three blocks of ten values fit in 40, six do not.
    assert load_markdown_problems(FRONT + block * 3, Limits(values=40)) == []
    problems = load_markdown_problems(FRONT + block * 6, Limits(values=40))
    assert any("the values limit" in p for p in problems), problems
    deep = "```brief\nnote: [[[[[x]]]]]\n```\n"
    assert any(
        "the depth limit" in p for p in load_markdown_problems(FRONT + deep, Limits(depth=8))
    )
    assert load_markdown_problems(FRONT + deep, Limits(depth=10)) == []


def load_markdown_problems(text: str, limits: Limits) -> list[str]:
    try:
        source = load_markdown(text, "b.md", limits)
    except BriefError as exc:
        return [str(p) for p in exc.problems]
    return [str(p) for p in source.problems]


def test_a_translation_holds_the_same_brief_block(tmp_path: Path) -> None:
    base = write(tmp_path, "b.md", BLOCKS)
    az = BLOCKS.replace("date: 2026-11-26\n", "").replace("Watch the TRIPP talks.", "TRIPP.")
    write(tmp_path, "b.az.md", az)
    loaded = api.load(base)
    note = loaded.source.data["sections"][0]["body"][0]["note"]
    assert note == {"en": "Watch the TRIPP talks.", "az": "TRIPP."}
    assert loaded.source.positions[("sections", 0, "body", 0, "note", "az")] == Position(
        str(tmp_path / "b.az.md"), 8, 7
    )


# 6. Positions of inline text -----------------------------------------------------------
def test_inline_positions_are_where_the_source_text_starts() -> None:
    text = FRONT + (
        "\\# Not a heading.\n\n- one\n  - one A\n\nTable: Table: routes\n\n| A |\n|---|\n| 1 |\n\n"
        "> Quoted.\n>\n> — Quoted\n"
    )
    source = load_markdown(text, "b.md")
    at = source.positions
    assert source.data["sections"][0]["body"][0] == "# Not a heading."
    assert at[("sections", 0, "body", 0)] == Position("b.md", 8, 1)
    assert at[("sections", 0, "body", 1, "bullets", 0, "bullets")] == Position("b.md", 11, 3)
    assert at[("sections", 0, "body", 1, "bullets", 0, "bullets", 0)] == Position("b.md", 11, 5)
    assert at[("sections", 0, "body", 2, "table", "caption")] == Position("b.md", 13, 8)
    assert at[("sections", 0, "body", 3, "by")] == Position("b.md", 21, 5)


# Property: line endings never change what is read --------------------------------------
_LINES = st.sampled_from(
    [
        "", "## Background {kind=background}", "### Sub", "Text with **bold**.", "- item",
        "  - sub item", "1. first", "> quote", "> — Author", "> [!NOTE]", "| A | B |",
        "|---|---|", "| 1 | 2 |", "Table: Caption", "<!-- note -->", "a <!-- x --> b",
        "```brief", "note: N", "```", "text\u2028with separator", "---", "#### Deep",
        "colour: red", "    indented", "<b>raw</b>",
    ]
)  # fmt: skip
_FREE = st.text(
    st.characters(blacklist_characters="\r\n", blacklist_categories=["Cs"]), max_size=20
)


def _read(text: str) -> tuple[Any, ...]:
    try:
        source: Source = load_markdown(text, "b.md")
    except BriefError as exc:
        return ("error", [str(p) for p in exc.problems])
    return (source.data, source.positions, source.key_positions, source.problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    front=st.booleans(),
    lines=st.lists(st.one_of(_LINES, _LINES, _FREE), max_size=25),
    newline=st.sampled_from(["\r\n", "\r"]),
    bom=st.booleans(),
)
def test_line_endings_never_change_what_a_markdown_brief_reads_to(
    front: bool, lines: list[str], newline: str, bom: bool
) -> None:
    text = ("---\ntitle: T\ndate: 2026-11-26\n---\n" if front else "") + "\n".join(lines)
    converted = ("\ufeff" if bom else "") + text.replace("\n", newline)
    assert _read(converted) == _read(text)


_WORDS = st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), min_size=1, max_size=8)
_COMMENT = st.from_regex(r"<!--[a-z \n]{0,12}-->", fullmatch=True).filter(
    lambda c: "\n\n" not in c and "-->" not in c[4:-3]
)


@settings(max_examples=150, deadline=None)
@given(words=_WORDS, comments=st.lists(st.one_of(st.none(), _COMMENT), min_size=9, max_size=9))
def test_a_paragraph_reads_as_if_its_comments_were_deleted(
    words: list[str], comments: list[str | None]
) -> None:
    pieces = [p for w, c in zip(words, comments, strict=False) for p in (c, w) if p is not None]
    paragraph = " ".join(pieces)
    text = FRONT + paragraph + "\n\nNext paragraph.\n\n## Next {kind=outlook}\n"
    source = load_markdown(text, "b.md")
    assert source.data["sections"][0]["body"] == [" ".join(words), "Next paragraph."]
    lines = text.split("\n")
    assert source.positions[("sections", 0, "body", 1)].line == lines.index("Next paragraph.") + 1
    kind = source.positions[("sections", 1, "kind")]
    assert (kind.line, kind.col) == (lines.index("## Next {kind=outlook}") + 1, 4)
    first = source.positions[("sections", 0, "body", 0)]
    assert lines[first.line - 1][first.col - 1 :].startswith(words[0])
