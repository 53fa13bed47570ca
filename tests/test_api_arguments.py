"""The Python API's arguments: a wrong type is a TypeError naming the function and the
argument (briefing/arguments.py), raised before anything is read or written; the
types docs/api.md lists still work."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import briefing
from briefing import api
from briefing.limits import Limits
from briefing.renderers.options import RenderOptions

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
TEXT = "title: T\ndate: 2026-11-26\n"


def loaded() -> api.LoadedBrief:
    return briefing.load(EXAMPLE)


# Typed as Any: the calls pass wrong types on purpose.
B: Any = briefing
A: Any = api

CASES: list[tuple[str, Callable[[], Any], str]] = [
    (
        "load path list",
        lambda: B.load([str(EXAMPLE)]),
        "load(): path must be a str or a path, not list",
    ),
    (
        "load path int",
        lambda: B.load(3),
        "load(): path must be a str or a path, not int",
    ),
    (
        "load path bytes",
        lambda: B.load(bytes(EXAMPLE)),
        "load(): path must be a str or a path, not bytes",
    ),
    (
        "load limits dict",
        lambda: B.load(EXAMPLE, {}),
        "load(): limits must be a Limits, not dict",
    ),
    (
        "load_text bytes",
        lambda: B.load_text(TEXT.encode()),
        "load_text(): text must be a str, not bytes",
    ),
    (
        "load_text fmt int",
        lambda: B.load_text(TEXT, 1),
        "load_text(): fmt must be a str, not int",
    ),
    (
        "load_text name int",
        lambda: B.load_text(TEXT, name=3),
        "load_text(): name must be a str, not int",
    ),
    (
        "load_text translations list",
        lambda: B.load_text(TEXT, "md", translations=["az"]),
        "load_text(): translations must be a dict of str to str, not list",
    ),
    (
        "load_text translation bytes",
        lambda: B.load_text(TEXT, "md", translations={"az": b"x"}),
        "load_text(): translations['az'] must be a str, not bytes",
    ),
    (
        "render brief int",
        lambda: B.render(3, "en", "pdf"),
        "render(): brief must be a str or a path, not int",
    ),
    (
        "render lang list",
        lambda: B.render(EXAMPLE, ["en"], "pdf"),
        "render(): lang must be a str, not list",
    ),
    (
        "render fmt None",
        lambda: B.render(EXAMPLE, "en", None),
        "render(): fmt must be a str, not NoneType",
    ),
    (
        "render template int",
        lambda: B.render(EXAMPLE, "en", "pdf", 3),
        "render(): template must be a str, a path or None, not int",
    ),
    (
        "render strict str",
        lambda: B.render(EXAMPLE, "en", "pdf", strict="no"),
        "render(): strict must be True or False, not str",
    ),
    (
        "render options dict",
        lambda: B.render(EXAMPLE, "en", "pdf", options={"toc": True}),
        "render(): options must be a RenderOptions, not dict",
    ),
    (
        "api.languages str",
        lambda: A.languages("en"),
        "languages(): asked must be a list of str, not str",
    ),
    (
        "api.languages int item",
        lambda: A.languages(["en", 1]),
        "languages(): each of asked must be a str, not int",
    ),
    (
        "api.output_format list",
        lambda: A.output_format(["pdf"]),
        "output_format(): fmt must be a str, not list",
    ),
    (
        "api.template int",
        lambda: A.template(3),
        "template(): name_or_path must be a str, a path or None, not int",
    ),
    (
        "api.localize path",
        lambda: A.localize(EXAMPLE, "en"),
        "localize(): loaded must be a LoadedBrief, not PosixPath",
    ),
    (
        "api.localize lang list",
        lambda: A.localize(loaded(), ["en"]),
        "localize(): lang must be a str, not list",
    ),
    (
        "api.write_atomic str",
        lambda: A.write_atomic(Path("/nonexistent/x"), "text"),
        "write_atomic(): data must be bytes, not str",
    ),
]


@pytest.mark.parametrize(("call", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_wrong_type_is_a_type_error_naming_the_argument(
    call: Callable[[], Any], message: str
) -> None:
    with pytest.raises(TypeError) as caught:
        call()
    assert str(caught.value) == message


def test_the_documented_types_are_accepted(tmp_path: Path) -> None:
    """str and Path alike, Limits and RenderOptions, a dict of translations, bytes to
    write: what docs/api.md lists still works."""
    first = briefing.load(str(EXAMPLE), Limits())
    assert briefing.load(EXAMPLE).brief == first.brief
    md = briefing.load_text("---\ntitle: T\ndate: 2026-11-26\n---\n", "markdown",
                            translations={"az": "---\ntitle: Başlıq\n---\n"})  # fmt: skip
    assert md.brief.title is not None
    data = briefing.render(first, "en", "pdf", Path(ROOT / "templates" / "memo"),
                           strict=False, options=RenderOptions(pdf_tags=False))  # fmt: skip
    assert data.startswith(b"%PDF")
    assert api.languages(("en", "az")) == ["en", "az"]
    api.write_atomic(tmp_path / "out.pdf", data)
    assert (tmp_path / "out.pdf").read_bytes() == data
