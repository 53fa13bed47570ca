"""The JSON Schema of the YAML brief format, for editors (yaml-language-server).

Descriptions come from the docstrings under each field of briefing/model.py, read from
its source here, when a schema is asked for, rather than by pydantic at every import.
"""

from __future__ import annotations

import ast
import inspect
from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def field_docs(module: Any) -> dict[str, dict[str, str]]:
    """{class name: {field name: docstring}} from a module's source."""
    tree = ast.parse(inspect.getsource(module))
    docs: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields = docs.setdefault(node.name, {})
        for first, second in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(first, ast.AnnAssign)
                and isinstance(first.target, ast.Name)
                and isinstance(second, ast.Expr)
                and isinstance(second.value, ast.Constant)
                and isinstance(second.value.value, str)
            ):
                fields[first.target.id] = inspect.cleandoc(second.value.value)
    return docs


def json_schema() -> dict[str, Any]:
    from briefing import model

    schema = model.Brief.model_json_schema(by_alias=True, mode="validation")
    docs = field_docs(model)
    definitions = {**schema.get("$defs", {}), "Brief": schema}
    for name, definition in definitions.items():
        cls = getattr(model, name, None)
        for field_name, info in cls.model_fields.items() if cls else ():
            key = info.alias or field_name
            doc = docs.get(name, {}).get(field_name)
            prop = definition.get("properties", {}).get(key)
            if doc and prop is not None:
                prop["description"] = doc
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "briefing: a policy brief",
        **{k: v for k, v in schema.items() if k != "title"},
    }
