"""The inline Markdown subset: only **bold**, *italic* and [links](url) style text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.inline import LinkError, parse_inline
from briefing.tree import Run, plain


def test_bold_italic_link() -> None:
    runs = parse_inline("a **b** *c* [d](https://e.org/x_(y)) f")
    assert runs == (
        Run("a "),
        Run("b", bold=True),
        Run(" "),
        Run("c", italic=True),
        Run(" "),
        Run("d", link="https://e.org/x_(y)"),
        Run(" f"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "a < b & c",
        "<b>not bold</b>",
        "<font size=40>x</font>",
        "S&P 500",
        "{{ x }} {% if %}",
        "snake_case and _under_",
        "2 * 3 * 4",
        "**unclosed",
        "`code` &amp; ]]>",
    ],
)
def test_everything_else_is_literal(text: str) -> None:
    runs = parse_inline(text)
    assert plain(runs) == text
    assert all(not (r.bold or r.italic or r.link) for r in runs)


def test_nesting_and_escapes() -> None:
    assert parse_inline("***x***") == (Run("x", bold=True, italic=True),)
    assert parse_inline(r"\*not\* *it **b***") == (
        Run("*not* "),
        Run("it ", italic=True),
        Run("b", bold=True, italic=True),
    )


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ftp://x.org"]
)
def test_forbidden_link_targets(url: str) -> None:
    with pytest.raises(LinkError):
        parse_inline(f"[x]({url})")


def test_mailto_is_allowed() -> None:
    assert parse_inline("[desk](mailto:desk@example.org)")[0].link == "mailto:desk@example.org"


_PIECES = [*"*[]()\\ ab", "https://x", "](", "mailto:a@b"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
@settings(max_examples=3000)
def test_the_linear_parser_agrees_with_the_simple_one(text: str) -> None:
    from tests.inline_reference import reference_parse

    try:
        expected: object = reference_parse(text)
    except LinkError as exc:
        expected = str(exc)
    try:
        got: object = parse_inline(text)
    except LinkError as exc:
        got = str(exc)
    assert got == expected
