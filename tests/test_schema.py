"""The JSON Schema for editors: current, valid draft 2020-12, and it judges briefs right."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema")

from briefing.schema import json_schema  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"


def as_editor_sees(path: Path) -> Any:
    """The YAML as a YAML language server reads it (numbers are numbers, dates strings)."""
    import yaml

    def plain(node: Any) -> Any:
        if isinstance(node, dict):
            return {str(k): plain(v) for k, v in node.items()}
        if isinstance(node, list):
            return [plain(v) for v in node]
        return node.isoformat() if isinstance(node, dt.date) else node

    return plain(yaml.safe_load(path.read_text(encoding="utf-8")))


def validator() -> Any:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_committed_schema_is_current() -> None:
    committed = json.loads((ROOT / "docs" / "brief.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: briefing schema > docs/brief.schema.json"


def test_example_points_editors_at_the_schema() -> None:
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/brief.schema.json"


def test_example_is_valid_against_the_schema() -> None:
    errors = list(validator().iter_errors(as_editor_sees(EXAMPLE)))
    assert errors == []


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.update(colour="red"),
        lambda d: d.update(date="26 November"),
        lambda d: d["sections"][0].update(kind="backround"),
        lambda d: d["sections"][0].update(body="not a list"),
        lambda d: d.update(title=["a", "list"]),
        lambda d: d["memo"].update(recipient="x"),
    ],
)
def test_schema_rejects_a_broken_copy(breakage: Any) -> None:
    data = as_editor_sees(EXAMPLE)
    breakage(data)
    assert list(validator().iter_errors(data)) != []


def test_every_field_has_a_description() -> None:
    missing: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if "description" not in prop:
                    missing.append(f"{where}.{name}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    walk(json_schema(), "")
    assert missing == []
