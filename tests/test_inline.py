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


_PIECES = [*"*[]()\\ ab", "https://x", "](", "mailto:a@b", "http://", "HTTPS://", *".,_»<1"]


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


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("See https://e.org/a.", "https://e.org/a"),
        ("At https://e.org/x?a=1&b=2_c, then", "https://e.org/x?a=1&b=2_c"),
        ("(see https://e.org/a_(b)).", "https://e.org/a_(b)"),
        ("(https://e.org/a)", "https://e.org/a"),
        ("«https://президент.az/ru»", "https://президент.az/ru"),
        ("“https://e.org/q?”", "https://e.org/q"),
        ("HTTP://E.ORG/X!", "HTTP://E.ORG/X"),
        ("https://e.org/<b>", "https://e.org/"),
    ],
)
def test_bare_addresses_become_links_without_the_sentences_punctuation(text: str, url: str) -> None:
    runs = parse_inline(text)
    assert plain(runs) == text  # nothing added or dropped
    assert [r.link for r in runs if r.link] == [url]
    assert next(r.text for r in runs if r.link) == url


@pytest.mark.parametrize(
    "text", ["ftp://e.org/x", "xhttps://e.org", "https://", "https://.,", "www.example.org"]
)
def test_other_schemes_and_half_addresses_stay_text(text: str) -> None:
    runs = parse_inline(text)
    assert plain(runs) == text and not any(r.link for r in runs)


def test_bare_addresses_keep_their_style_and_stay_out_of_link_text() -> None:
    assert parse_inline("**https://e.org/a** b") == (
        Run("https://e.org/a", bold=True, link="https://e.org/a"),
        Run(" b"),
    )
    assert parse_inline("[https://e.org/a](https://e.org/b)") == (
        Run("https://e.org/a", link="https://e.org/b"),
    )


@pytest.mark.parametrize(
    "text", ["https://" + ")" * 200_000, "(" * 100_000 + "https://a" + ")" * 100_000 + "."]
)
def test_bare_addresses_are_found_in_linear_time(text: str) -> None:
    import time

    start = time.perf_counter()
    parse_inline(text)
    assert time.perf_counter() - start < 1.0
