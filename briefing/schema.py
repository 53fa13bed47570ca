"""The JSON Schema of the YAML brief format, for editors (yaml-language-server)."""

from __future__ import annotations

from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    from briefing.model import Brief

    schema = Brief.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "briefing: a policy brief",
        **{k: v for k, v in schema.items() if k != "title"},
    }
