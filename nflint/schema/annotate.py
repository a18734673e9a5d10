"""Editor annotations for an exported schema bundle.

yaml-language-server and VS Code's JSON support show ``markdownDescription``
on hover and ``markdownEnumDescriptions`` next to enum values in completion.
Both are annotations: no validator's verdict changes. The text comes from the
schema files' own ``title``/``description`` and from `nflint.northflank.kinds`.
"""

from __future__ import annotations

import functools
from typing import Any

from nflint.northflank import kinds
from nflint.schema import store as schema_store

_DATA = frozenset(("enum", "const", "examples", "default"))
#: keywords whose value maps names to schemas (a property may be named "enum")
_NAMED = frozenset(("properties", "patternProperties", "$defs", "dependentSchemas"))


def schema_objects(schema: Any) -> list[dict[str, Any]]:
    """Every schema object in ``schema`` (data under enum, const, examples
    and default is not a schema)."""
    found: list[dict[str, Any]] = []
    stack: list[tuple[Any, bool]] = [(schema, False)]
    while stack:
        current, named = stack.pop()
        if isinstance(current, list):
            stack.extend((item, False) for item in current)
        elif isinstance(current, dict):
            if named:
                stack.extend((v, False) for v in current.values())
                continue
            found.append(current)
            stack.extend((v, k in _NAMED) for k, v in current.items() if k not in _DATA)
    return found


@functools.cache
def kind_summary(kind: str) -> str:
    """One paragraph on a node kind: what it does and where it is allowed."""
    try:
        node = schema_store.schema(f"nodes/{kind}.schema.json")
    except schema_store.SchemaError:
        return f"`{kind}` node."
    text = str(node.get("description", "")).strip()
    places = ", ".join(kinds.allowed_in(kind)) or "nowhere"
    return f"**{kind}**: {text}\n\nAllowed in {places}."


def _describe(node: dict[str, Any]) -> None:
    description = node.get("description")
    if isinstance(description, str) and "markdownDescription" not in node:
        title = node.get("title")
        head = f"**{title}**\n\n" if isinstance(title, str) and title else ""
        node["markdownDescription"] = head + description


def _kinds(node: dict[str, Any]) -> None:
    values = node.get("enum")
    if (
        isinstance(values, list)
        and len(values) > 1
        and all(isinstance(v, str) and v in kinds.ALL_KINDS for v in values)
        and "markdownEnumDescriptions" not in node
    ):
        node["markdownEnumDescriptions"] = [kind_summary(v) for v in values]
        node.setdefault("markdownDescription", "The node kind: what this node does.")
    const = node.get("const")
    if isinstance(const, str) and const in kinds.ALL_KINDS and "markdownDescription" not in node:
        node["markdownDescription"] = kind_summary(const)


def annotate(schema: Any) -> None:
    """Adds the annotations in place, in every schema object of ``schema``."""
    for node in schema_objects(schema):
        _kinds(node)
        _describe(node)
