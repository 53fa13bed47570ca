"""Property-based tests: any text round-trips; any wrong value is a positioned error.

Hypothesis draws texts from the Azerbaijani, Russian and English alphabets, digits,
punctuation and markup characters, puts them in a text field, renders DOCX and PDF, and
reads them back: the reader sees exactly the text (less the inline markup it styles).
A second property puts values of any type anywhere and expects either a valid brief
or problems that each carry a position, never another exception.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from briefing.errors import BriefError
from briefing.inline import LinkError, parse_inline
from briefing.localize import localize
from briefing.readers import Source
from briefing.readers.yaml_source import load_yaml
from briefing.renderers import render
from briefing.templates import load_template
from briefing.tree import plain
from briefing.validate import validate
from tests.readback import squash

EXAMPLES = 200
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "əğıİşçöüƏĞIŞÇÖÜ"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
    "0123456789 .,;:!?-–—«»“”'\"()/%№₼"
    "<>&{}[]*_`\\#|~^=+@$"
)
texts = st.text(alphabet=ALPHABET, min_size=1, max_size=120)

FIELDS = ("title", "subtitle", "paragraph", "bullet", "cell", "quote", "by", "note", "to")


def brief_with(field: str, text: str) -> dict[str, Any]:
    data: dict[str, Any] = {"title": "T", "date": "2026-11-26", "memo": {"to": "x"}}
    body: list[Any] = []
    if field in ("title", "subtitle"):
        data[field] = text
    elif field == "to":
        data["memo"] = {"to": text}
    elif field == "paragraph":
        body.append(text)
    elif field == "bullet":
        body.append({"bullets": ["a", {"text": "b", "bullets": [text]}]})
    elif field == "cell":
        body.append({"table": {"columns": ["A", "B"], "rows": [["1", text]], "widths": ["1", "3"]}})
    elif field in ("quote", "by"):
        body.append(
            {"quote": text if field == "quote" else "q", "by": text if field == "by" else "b"}
        )
    else:
        body.append({"note": text})
    data["sections"] = [{"kind": "analysis", "body": body or ["p"]}]
    return data


def reader_text(text: str) -> str:
    """What a reader sees: the text less the inline markup that styles it."""
    return plain(parse_inline(text))


@pytest.fixture(scope="module")
def template():  # type: ignore[no-untyped-def]
    return load_template("memo")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=st.sampled_from(FIELDS), text=texts)
def test_any_text_round_trips_through_docx_and_pdf(template: Any, field: str, text: str) -> None:
    assume(text.strip())
    try:
        expected = reader_text(text)
    except LinkError:
        assume(False)
    assume(squash(expected))
    source = Source("p.yaml", brief_with(field, text))
    try:
        brief = validate(source)
    except BriefError:
        assume(False)  # only link targets can be refused for these alphabets
        return
    doc = localize(brief, source, "en").doc
    from docx import Document as open_docx
    from pypdf import PdfReader

    pdf = render(doc, "pdf", template)
    pdf_text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "\x00" not in pdf_text
    assert squash(expected) in squash(pdf_text)
    docx = open_docx(io.BytesIO(render(doc, "docx", template)))
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    docx_text = "".join(t.text or "" for t in docx.element.body.iter(f"{ns}t"))
    assert squash(expected) in squash(docx_text)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=ALPHABET, max_size=20),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text("abkz", max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
PLACES = (
    ("title",), ("date",), ("lang",), ("memo",), ("memo", "cc"), ("summary",), ("sections",),
    ("sections", 0), ("sections", 0, "body"), ("sections", 0, "body", 0),
    ("sections", 0, "body", 1, "table"), ("sections", 0, "body", 1, "table", "rows"),
    ("sections", 0, "body", 1, "table", "widths"), ("sources",), ("sources", 0, "url"),
    ("annexes",), ("recommendations",), ("sections", 0, "kind"),
)  # fmt: skip


def base() -> dict[str, Any]:
    return {
        "title": {"en": "T", "az": "Ə"},
        "date": "2026-11-26",
        "memo": {"to": "x", "cc": ["y"]},
        "summary": ["s"],
        "sections": [
            {
                "kind": "analysis",
                "body": ["p", {"table": {"columns": ["A"], "rows": [["1"]], "widths": [1]}}],
            }
        ],
        "sources": [{"title": "t", "url": "https://example.org"}],
        "recommendations": ["r"],
        "annexes": [{"title": "a"}],
    }


def dump(data: Any) -> str:
    import yaml

    return str(yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=EXAMPLES, deadline=None)
@given(place=st.sampled_from(PLACES), value=values)
def test_any_wrong_value_gives_a_positioned_error(place: tuple[Any, ...], value: Any) -> None:
    data = base()
    target = data
    for key in place[:-1]:
        target = target[key]
    target[place[-1]] = value
    text = dump(data)
    try:
        validate(load_yaml(text, "w.yaml"))
    except BriefError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.position is not None, problem
            assert problem.position.file == "w.yaml"
            assert 1 <= problem.position.line <= text.count("\n") + 1, problem
