"""The JSON Schema of the YAML brief format, for editors (yaml-language-server).

Derived from the dataclasses of briefing/model.py (their fields, types and the
docstring under each field), so the format is described in one place; only imported by
`briefing schema` and the tests. Texts accept numbers and booleans because an editor's
YAML parser reads ``2022`` as a number, while briefing reads every scalar as typed.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import functools
import inspect
import operator
import types
import typing
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


def _alias_doc(alias: Any) -> str:
    """A union's description from its members: a text, or a map named by the first key
    of one of its classes (so a new block kind describes itself)."""
    from briefing.decode import fields_of, union_members

    union = union_members(alias)
    assert union is not None, alias
    kinds = "; ".join(
        f"{fields_of(cls)[0].key}: {inspect.cleandoc(cls.__doc__ or '').rstrip('.')}"
        for cls in union[0]
    )
    text = "A text, or a map" if union[1] else "A map"
    return f"{text} named by its first key ({kinds})."


class _Schema:
    def __init__(self) -> None:
        from briefing import model

        self.model = model
        self.docs = field_docs(model)
        self.defs: dict[str, Any] = {}
        text = {
            "description": "A text in the brief's `lang`, or a map from language code to text.",
            "anyOf": [
                {"type": ["string", "number", "boolean"]},
                {
                    "type": "object",
                    "propertyNames": {"pattern": model.LANG_CODE.pattern},
                    "additionalProperties": {"type": "string"},
                    "minProperties": 1,
                },
            ],
        }
        self.defs["Text"] = text
        self.aliases = {"Text": model.Text, "ItemOrText": model.ItemOrText, "Block": model.Block}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def members(self, args: tuple[Any, ...]) -> list[dict[str, Any]]:
        """A union's schemas; its ``str`` and ``dict[str, str]`` together are one Text."""
        text = (str, dict[str, str])
        out = [self.of(a) for a in args if a not in text]
        return [self.ref("Text"), *out] if all(t in args for t in text) else out

    def of(self, hint: Any) -> dict[str, Any]:
        """The schema of a type hint of the model."""
        if typing.get_origin(hint) is typing.Annotated:
            inner, *extras = typing.get_args(hint)
            if self.model.TEXT_OR_LIST in extras:
                return {"anyOf": [self.ref("Text"), {"type": "array", "items": self.ref("Text")}]}
            return self.of(inner)
        for name, alias in self.aliases.items():
            if hint == alias:
                if name not in self.defs:
                    self.defs[name] = {
                        "description": _alias_doc(alias),
                        "oneOf": self.members(typing.get_args(alias)),
                    }
                return self.ref(name)
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            rest = [a for a in args if a is not type(None)]
            inner = self.of(functools.reduce(operator.or_, rest))
            return {"anyOf": [inner, {"type": "null"}]} if len(rest) < len(args) else inner
        if origin is list:
            return {"type": "array", "items": self.of(args[0])}
        if origin is dict:
            return {"type": "object", "additionalProperties": self.of(args[1])}
        if origin is typing.Literal:
            return {"enum": list(args)}
        if dataclasses.is_dataclass(hint):
            return self.dataclass(hint)
        simple = {str: {"type": "string"}, float: {"type": "number"}}
        if hint is dt.date:
            return {"type": "string", "format": "date"}
        return dict(simple[hint])

    def dataclass(self, cls: Any) -> dict[str, Any]:
        name = cls.__name__
        if name in self.defs:
            return self.ref(name)
        self.defs[name] = {}  # placed first: classes refer to themselves (Item, Section)
        hints = typing.get_type_hints(cls, vars(self.model), include_extras=True)
        properties: dict[str, Any] = {}
        required = []
        for f in dataclasses.fields(cls):
            key = f.metadata.get("key", f.name)
            prop = self.of(hints[f.name])
            self._constraints(prop, f.metadata)
            prop["description"] = self.docs[name][f.name]
            properties[key] = prop
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                required.append(key)
        self.defs[name] = {
            "type": "object",
            "description": inspect.cleandoc(cls.__doc__ or ""),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        return self.ref(name)

    @staticmethod
    def _constraints(prop: dict[str, Any], metadata: Any) -> None:
        target = prop["anyOf"][0] if "anyOf" in prop and "type" not in prop else prop
        if "min_items" in metadata:
            target["minItems"] = metadata["min_items"]
        if "pattern" in metadata:
            target["pattern"] = metadata["pattern"]
        if metadata.get("positive"):  # each number of a list, or the number itself
            target.get("items", target)["exclusiveMinimum"] = 0
        if "at_most" in metadata:
            target["maximum"] = metadata["at_most"]
        if "max_chars" in metadata:  # a plain string; each text of a language map too
            target["maxLength"] = metadata["max_chars"]
        if metadata.get("url"):
            target["pattern"] = "^(https?://|mailto:)"


def json_schema() -> dict[str, Any]:
    """The brief format as a JSON Schema (draft 2020-12), with a description everywhere."""
    builder = _Schema()
    builder.dataclass(builder.model.Brief)
    top = builder.defs.pop("Brief")
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "briefing: a policy brief",
        **top,
        "$defs": dict(sorted(builder.defs.items())),
    }
