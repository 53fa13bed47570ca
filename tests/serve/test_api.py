"""The HTTP API answered as docs/api.md says: files, positioned problems, the status
codes for each kind of bad request, the token on every request, and FOLDER's briefs."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed")

from starlette.testclient import TestClient

from briefing.serve.app import create_app
from tests.readback import docx_body, pdf_pages, squash
from tests.serve.conftest import EXAMPLE, TOKEN

YAML = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/yaml"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BROKEN = b"title: Test\ndate: 2026-02-30\nmemo: {recipient: Director}\n"
NOTE = "---\ntitle: Title\ndate: 2026-11-26\n---\n"
UNTRANSLATED = b"""\
lang: en
title: {en: Only English, az: Yalniz, ru: Tolko}
date: 2026-11-26
summary:
  - This sentence has no translation.
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("folder")
    (root / "charter.yaml").write_bytes(EXAMPLE.read_bytes())
    (root / "sub").mkdir()
    (root / "sub" / "note.md").write_text(NOTE, "utf-8")
    (root / "sub" / "note.az.md").write_text(NOTE.replace("Title", "Başlıq"), "utf-8")
    (root / ".hidden.yaml").write_text("x", "utf-8")
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.yaml").write_text("secret: yes\n", "utf-8")
    (root / "escape.yaml").symlink_to(outside / "secret.yaml")
    (root / "away").symlink_to(outside, target_is_directory=True)
    return root


@pytest.fixture(scope="module")
def client(folder: Path) -> Iterator[TestClient]:
    with TestClient(create_app(TOKEN, folder, workers=2, timeout=60)) as c:
        yield c


# -- the token ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"Cookie": "briefing_token=x"},
    ],
)
@pytest.mark.parametrize("path", ["/", "/api/info", "/static/app.js", "/api/files"])
def test_without_the_token_401(client: TestClient, headers: dict[str, str], path: str) -> None:
    client.cookies.clear()
    answer = client.get(path, headers=headers)
    assert answer.status_code == 401
    assert "token" in answer.json()["error"]


def test_post_without_token_401(client: TestClient) -> None:
    client.cookies.clear()
    answer = client.post(
        "/api/render", content=EXAMPLE.read_bytes(), headers={"Content-Type": "application/yaml"}
    )
    assert answer.status_code == 401


def test_token_in_url_becomes_a_strict_httponly_cookie(client: TestClient) -> None:
    client.cookies.clear()
    answer = client.get(f"/?token={TOKEN}&x=1", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/?x=1"  # the token leaves the address bar
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"briefing_token={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = client.get("/")  # the cookie is sent from now on
    assert page.status_code == 200 and "<textarea" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    client.cookies.clear()
    assert client.get(f"/?token=wrong{TOKEN}", follow_redirects=False).status_code == 401


def test_token_redirect_stays_on_this_site(client: TestClient) -> None:
    client.cookies.clear()
    answer = client.get(f"//evil.example/?token={TOKEN}", follow_redirects=False)
    assert answer.status_code in (303, 404)
    if answer.status_code == 303:
        assert not answer.headers["location"].startswith("//")


# -- render -------------------------------------------------------------------------------


def test_render_pdf(client: TestClient, tmp_path: Path) -> None:
    answer = client.post(
        "/api/render?lang=az&format=pdf", content=EXAMPLE.read_bytes(), headers=YAML
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == 'attachment; filename="brief.az.pdf"'
    (tmp_path / "a.pdf").write_bytes(answer.content)
    text = squash(" ".join(pdf_pages(tmp_path / "a.pdf")))
    assert squash("ABŞ–Azərbaycan Strateji Tərəfdaşlıq Xartiyası") in text


def test_render_docx_from_markdown(client: TestClient, tmp_path: Path) -> None:
    markdown = (EXAMPLE.parent / "us-azerbaijan-charter.md").read_bytes()
    answer = client.post(
        "/api/render?lang=en&format=docx",
        content=markdown,
        headers={**AUTH, "Content-Type": "text/markdown; charset=utf-8"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="brief.en.docx"' in answer.headers["content-disposition"]
    (tmp_path / "a.docx").write_bytes(answer.content)
    assert "US–Azerbaijan Strategic Partnership Charter" in docx_body(tmp_path / "a.docx")


def test_render_invalid_brief_422_with_positions(client: TestClient) -> None:
    answer = client.post("/api/render?lang=en", content=BROKEN, headers=YAML)
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    assert {"line": 2, "column": 7, "field": "date", "severity": "error"}.items() <= problems[
        0
    ].items()
    assert "2026-02-30" in problems[0]["message"]
    assert problems[1]["line"] == 3 and problems[1]["column"] == 8
    assert problems[1]["field"] == "memo.recipient"


def test_not_utf8_is_a_positioned_problem(client: TestClient) -> None:
    answer = client.post("/api/render", content=b"title: T\ndate: \xff\n", headers=YAML)
    assert answer.status_code == 422
    (problem,) = answer.json()["problems"]
    assert (problem["line"], problem["column"]) == (2, 7) and "UTF-8" in problem["message"]


@pytest.mark.parametrize(
    "query",
    ["lang=xx", "lang=../../etc", "format=html", "lang=az&format=", "lang=" + "a" * 5000],
)
def test_unknown_language_or_format_400(client: TestClient, query: str) -> None:
    answer = client.post(f"/api/render?{query}", content=EXAMPLE.read_bytes(), headers=YAML)
    assert answer.status_code == 400
    assert answer.json()["error"]


@pytest.mark.parametrize("scale", ["0", "nan", "inf", "99", "x"])
def test_preview_scale_checked(client: TestClient, scale: str) -> None:
    answer = client.post(f"/api/preview?scale={scale}", content=EXAMPLE.read_bytes(), headers=YAML)
    assert answer.status_code == 400


def test_over_the_input_limit_413(client: TestClient) -> None:
    body = b"title: " + b"x" * (5 * 1024 * 1024) + b"\n"
    answer = client.post("/api/render", content=body, headers=YAML)
    assert answer.status_code == 413
    # without a Content-Length: the stream is cut at the limit
    answer = client.post(
        "/api/validate", content=iter([body[:3_000_000], body[3_000_000:]]), headers=YAML
    )
    assert answer.status_code == 413


@pytest.mark.parametrize(
    "media", ["", "text/plain", "application/json", "text/yaml; charset=latin-1"]
)
def test_unknown_media_type_415(client: TestClient, media: str) -> None:
    answer = client.post(
        "/api/render", content=EXAMPLE.read_bytes(), headers={**AUTH, "Content-Type": media}
    )
    assert answer.status_code == 415


# -- validate and preview ------------------------------------------------------------------


def test_validate_lists_missing_translations(client: TestClient) -> None:
    answer = client.post("/api/validate?lang=az", content=UNTRANSLATED, headers=YAML)
    assert answer.status_code == 200
    body = answer.json()
    assert body["problems"] == [] and body["lang"] == "az"
    (missing,) = body["missing"]
    assert (missing["line"], missing["column"]) == (5, 5) and "summary[0]" in missing["message"]
    assert missing["severity"] == "warning"


def test_validate_own_language_and_errors(client: TestClient) -> None:
    body = client.post("/api/validate", content=UNTRANSLATED, headers=YAML).json()
    assert body == {"lang": "en", "problems": [], "missing": []}
    body = client.post("/api/validate?lang=ru", content=BROKEN, headers=YAML).json()
    assert [p["field"] for p in body["problems"]] == ["date", "memo.recipient"]


UNUSED_NOTE = (
    "---\ntitle: Title\ndate: 2026-11-26\n---\n\n## Summary {kind=summary}\n\n"
    "Trade grew.\n\n[^z]: A note nothing refers to.\n"
)


def test_reader_warnings_are_listed_and_strict_makes_them_errors(client: TestClient) -> None:
    """The CLI prints "warning: the footnote [^z] is defined but never referenced"; the
    editor's problem list did not show it (nor a figure without alt text)."""
    markdown = {**AUTH, "Content-Type": "text/markdown"}
    body = client.post("/api/validate", content=UNUSED_NOTE.encode(), headers=markdown).json()
    (warning,) = body["problems"]
    assert (warning["line"], warning["column"], warning["severity"]) == (10, 1, "warning")
    assert "[^z] is defined but never referenced" in warning["message"]
    assert client.post("/api/render", content=UNUSED_NOTE.encode(), headers=markdown).is_success
    strict = client.post("/api/render?strict=1", content=UNUSED_NOTE.encode(), headers=markdown)
    assert strict.status_code == 422
    assert [p["severity"] for p in strict.json()["problems"]] == ["error"]
    chart = b"title: T\ndate: 2026-11-26\nsummary:\n  - chart: {type: bar, categories: [A],"
    chart += b" series: [{name: S, values: [1]}]}\n"
    (alt,) = client.post("/api/validate", content=chart, headers=YAML).json()["problems"]
    assert alt["line"] == 4 and "without alt text" in alt["message"]


def test_preview_pages_are_pngs_of_the_pdf(client: TestClient) -> None:
    from PIL import Image
    from pypdf import PdfReader

    answer = client.post("/api/preview?lang=ru", content=EXAMPLE.read_bytes(), headers=YAML)
    assert answer.status_code == 200
    pages = answer.json()["pages"]
    pdf = client.post("/api/render?lang=ru", content=EXAMPLE.read_bytes(), headers=YAML)
    assert len(pages) == len(PdfReader(io.BytesIO(pdf.content)).pages) > 1
    assert all([round(p["width"]), round(p["height"])] == [595, 842] for p in pages)  # A4
    urls = [page["url"] for page in pages]
    image = client.get(urls[1], headers=AUTH)
    assert image.headers["content-type"] == "image/png"
    with Image.open(io.BytesIO(image.content)) as png:
        assert png.format == "PNG"
        assert abs(png.size[0] - 595) <= 1 and abs(png.size[1] - 842) <= 1  # A4, 1 px per pt
        darkest = png.convert("L").getextrema()[0]
        assert isinstance(darkest, int) and darkest < 100  # something dark is drawn on it
    assert client.get(urls[0].replace("/1.png", "/99.png"), headers=AUTH).status_code == 404
    assert client.get(urls[0].replace("/1.png", "/0.png"), headers=AUTH).status_code == 404
    assert client.get("/api/preview/nothing/1.png", headers=AUTH).status_code == 404


def test_preview_of_invalid_brief_422(client: TestClient) -> None:
    answer = client.post("/api/preview?lang=az", content=BROKEN, headers=YAML)
    assert answer.status_code == 422
    assert "pages" not in answer.json() and answer.json()["problems"]


# -- FOLDER ----------------------------------------------------------------------------------


def test_lists_the_briefs_inside_only(client: TestClient) -> None:
    assert client.get("/api/files", headers=AUTH).json() == {
        "files": ["charter.yaml", "sub/note.az.md", "sub/note.md"]
    }


@pytest.mark.parametrize(
    "path",
    [
        "../x.yaml",
        "/etc/passwd.yaml",
        "escape.yaml",
        "away/secret.yaml",
        ".hidden.yaml",
        "sub/../../x.yaml",
        "notes.txt",
        "",
        "a\\b.yaml",
        "sub/.git/x.yaml",
        # names no one could type again (they were saved), and ones too long (500)
        "x\ny.yaml",
        "tab\t.yaml",
        " padded.yaml",
        "right\u202eto-left.yaml",
        "undecoded\ufffd.yaml",
        "a" * 300 + ".yaml",
        "sub/" + "ş" * 200 + ".md",
    ],
)
def test_paths_outside_or_not_briefs_400(client: TestClient, folder: Path, path: str) -> None:
    answer = client.get("/api/file", params={"path": path}, headers=AUTH)
    assert answer.status_code == 400, answer.text
    put = client.put(
        "/api/file",
        params={"path": path},
        headers=AUTH,
        json={"text": "title: x\n", "version": None},
    )
    assert put.status_code == 400
    assert "error" in put.json()
    assert not list(folder.rglob("*y.yaml")) and not list(folder.rglob("*ed*.yaml"))


def test_undecodable_percent_escape_in_a_path_400(client: TestClient) -> None:
    answer = client.get("/api/file?path=%ED%A0%80.yaml", headers=AUTH)
    assert answer.status_code == 400 and "not a usable file name" in answer.json()["error"]


def test_open_save_and_conflict(client: TestClient, folder: Path) -> None:
    opened = client.get("/api/file", params={"path": "charter.yaml"}, headers=AUTH).json()
    assert opened["text"] == EXAMPLE.read_text("utf-8")
    edited = opened["text"].replace("PB-2026-041", "PB-2026-042")
    saved = client.put(
        "/api/file",
        params={"path": "charter.yaml"},
        headers=AUTH,
        json={"text": edited, "version": opened["version"]},
    )
    assert saved.status_code == 200
    assert (folder / "charter.yaml").read_text("utf-8") == edited
    # someone else changes the file; the editor still holds the version it saved
    (folder / "charter.yaml").write_text(edited + "# theirs\n", "utf-8")
    mine = edited + "# mine\n"
    conflict = client.put(
        "/api/file",
        params={"path": "charter.yaml"},
        headers=AUTH,
        json={"text": mine, "version": saved.json()["version"]},
    )
    assert conflict.status_code == 409
    body = conflict.json()
    assert body["disk"]["text"] == edited + "# theirs\n"
    assert (folder / "charter.yaml").read_text("utf-8") == edited + "# theirs\n"
    assert (folder / body["copy"]).read_text("utf-8") == mine  # both versions kept
    assert body["copy"].startswith("charter.conflict-") and body["copy"].endswith(".yaml")
    # saving again against the disk's version is what resolves it
    again = client.put(
        "/api/file",
        params={"path": "charter.yaml"},
        headers=AUTH,
        json={"text": mine, "version": body["disk"]["version"]},
    )
    assert again.status_code == 200
    (folder / body["copy"]).unlink()


def test_create_never_overwrites(client: TestClient, folder: Path) -> None:
    new = client.put(
        "/api/file",
        params={"path": "sub/new.yaml"},
        headers=AUTH,
        json={"text": "title: New\n", "version": None},
    )
    assert new.status_code == 200
    assert (folder / "sub" / "new.yaml").read_text("utf-8") == "title: New\n"
    again = client.put(
        "/api/file",
        params={"path": "sub/new.yaml"},
        headers=AUTH,
        json={"text": "title: Other\n", "version": None},
    )
    assert again.status_code == 409
    assert (folder / "sub" / "new.yaml").read_text("utf-8") == "title: New\n"
    (folder / again.json()["copy"]).unlink()
    (folder / "sub" / "new.yaml").unlink()
    missing = client.put(
        "/api/file",
        params={"path": "nofolder/new.yaml"},
        headers=AUTH,
        json={"text": "x", "version": None},
    )
    assert missing.status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b"{",
        b'{"text": 1}',
        b'{"text": "x", "version": 3}',
        # a lone surrogate is valid JSON but no text: it was a 422 naming Python's codec
        b'{"text": "title: \\ud800", "version": null}',
        b'{"text": "x", "version": "\\udfff"}',
        b'{"\\ud800": 1, "text": "x", "version": null}',
        # a version the server never gave was "changed on disk" and wrote a copy
        b'{"text": "x", "version": "abc"}',
    ],
)
def test_bad_save_bodies_400(client: TestClient, folder: Path, body: bytes) -> None:
    answer = client.put(
        "/api/file",
        params={"path": "charter.yaml"},
        content=body,
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert answer.status_code == 400
    assert "codec" not in answer.json()["error"]
    assert not list(folder.glob("charter.conflict-*"))


def test_starter_and_info(client: TestClient) -> None:
    info = client.get("/api/info", headers=AUTH).json()
    assert [lang["code"] for lang in info["languages"]] == ["az", "en", "ru"]
    assert info["folder"] is True
    starter = client.get("/api/starter?lang=az", headers=AUTH)
    assert starter.status_code == 200 and "lang: az" in starter.text
    rendered = client.post("/api/validate", content=starter.content, headers=YAML).json()
    assert rendered["problems"] == []
    assert client.get("/api/starter?lang=xx", headers=AUTH).status_code == 400
    # the language was joined into a path: ../ read other .yaml files (a 500 on braces)
    for lang in ("../starters/en", "../../../../../../etc/x", "en%0Atitle:%20x"):
        answer = client.get(f"/api/starter?lang={lang}", headers=AUTH)
        assert answer.status_code == 400 and "no starter brief" in answer.json()["error"]


def test_json_answers_are_json() -> None:
    """Problems reach the page as JSON strings, never as markup (the page sets them with
    textContent): the message keeps the characters as typed."""
    from briefing.errors import Position, Problem
    from briefing.serve.jobs import problem_json

    shown = json.dumps(problem_json(Problem("<script>alert(1)</script>", Position("f", 1, 2))))
    assert json.loads(shown)["message"] == "<script>alert(1)</script>"


# -- anything at all -----------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from([b"title: [", b"a: &a [*a]", b"---\n---\n", b"\xef\xbb\xbf"]),
    ),
    lang=st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["az", "ru", "az-Latn-AZ"])),
    media=st.sampled_from(["application/yaml", "text/markdown"]),
)
def test_any_body_any_language_is_answered(
    client: TestClient, body: bytes, lang: str | None, media: str
) -> None:
    """No body or query value gets a 500: only the documented answers."""
    params = {} if lang is None else {"lang": lang}
    headers = {**AUTH, "Content-Type": media}
    answer = client.post("/api/validate", params=params, content=body, headers=headers)
    assert answer.status_code in (200, 400, 422), answer.text
    keys = set(answer.json())
    assert keys in ({"lang", "problems", "missing"}, {"problems", "missing"}, {"error"})
    for problem in answer.json().get("problems", []):
        assert problem["message"] and problem["severity"] == "error"


def test_markdown_from_the_folder_is_read_with_its_translations(client: TestClient) -> None:
    markdown = {**AUTH, "Content-Type": "text/markdown"}
    alone = client.post("/api/validate?lang=az", content=NOTE.encode(), headers=markdown)
    assert [m["line"] for m in alone.json()["missing"]] == [2]  # no az title in the body
    beside = client.post(
        "/api/validate?lang=az&path=sub/note.md", content=NOTE.encode(), headers=markdown
    )
    assert beside.json()["missing"] == []  # note.az.md was read
    outside = client.post(
        "/api/validate?lang=az&path=../note.md", content=NOTE.encode(), headers=markdown
    )
    assert outside.status_code == 400


@pytest.mark.parametrize("lang", ["en%2Baz", "en+az"])  # a plus a URL decoded: a space
def test_render_two_languages_side_by_side(client: TestClient, lang: str, tmp_path: Path) -> None:
    answer = client.post(
        f"/api/render?lang={lang}&format=pdf", content=EXAMPLE.read_bytes(), headers=YAML
    )
    assert answer.status_code == 200, answer.text
    assert 'filename="brief.en+az.pdf"' in answer.headers["content-disposition"]
    (tmp_path / "a.pdf").write_bytes(answer.content)
    text = squash(" ".join(pdf_pages(tmp_path / "a.pdf")))
    assert squash("Strateji Tərəfdaşlıq") in text and squash("Strategic Partnership") in text
    bad = client.post("/api/render?lang=en%2Ben", content=EXAMPLE.read_bytes(), headers=YAML)
    assert bad.status_code == 400 and "twice" in bad.json()["error"]
