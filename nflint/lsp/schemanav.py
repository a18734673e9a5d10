"""The schema that applies at a JSON pointer of a document, read from the
exported bundle (`nflint.schema.bundle`: local refs only, with the editor
annotations): what hover and completion say about keys and values.

``$ref`` is followed, ``allOf``/``anyOf``/``oneOf`` are merged (a key
allowed by one branch is offered), and an ``if``/``then`` applies when the
instance matches its ``if`` (the schemas' ``if``s test ``kind``/``type``
constants, which `_matches` handles; anything it does not know counts as
matching, so nothing is hidden).
"""

from __future__ import annotations

import functools
from typing import Any

from nflint.load import pointer as jp

Schema = dict[str, Any]


@functools.cache
def _bundle(doc_type: str) -> Schema:
    from nflint.schema.bundle import bundle  # noqa: PLC0415

    return bundle(doc_type)


def _deref(root: Schema, ref: str) -> Schema | None:
    if not ref.startswith("#"):
        return None
    try:
        found = jp.resolve(root, ref[1:])
    except LookupError:
        return None
    return found if isinstance(found, dict) else None


def _matches(schema: Any, instance: Any) -> bool:
    if not isinstance(schema, dict):
        return True
    if "const" in schema and instance != schema["const"]:
        return False
    if "enum" in schema and instance not in schema["enum"]:
        return False
    if isinstance(instance, dict):
        required = schema.get("required", ())
        if any(name not in instance for name in required):
            return False
        props = schema.get("properties", {})
        for name, sub in props.items():
            if name in instance and not _matches(sub, instance[name]):
                return False
    elif "properties" in schema or "required" in schema:
        return schema.get("type", "object") != "object" or instance is None
    return True


def expand(root: Schema, schema: Schema, instance: Any, depth: int = 0) -> list[Schema]:
    """``schema`` and every schema it brings in for ``instance``."""
    if depth > 40:
        return []
    out = [schema]
    ref = schema.get("$ref")
    if isinstance(ref, str):
        target = _deref(root, ref)
        if target is not None:
            out.extend(expand(root, target, instance, depth + 1))
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, ()):
            if isinstance(sub, dict):
                out.extend(expand(root, sub, instance, depth + 1))
    if isinstance(schema.get("if"), dict) and _matches(schema["if"], instance):
        then = schema.get("then")
        if isinstance(then, dict):
            out.extend(expand(root, then, instance, depth + 1))
    return out


def _child(schemas: list[Schema], token: str | int, instance: Any) -> list[Schema]:
    out: list[Schema] = []
    for schema in schemas:
        if isinstance(token, int) or (isinstance(instance, list) and token.isdigit()):
            items = schema.get("items")
            if isinstance(items, dict):
                out.append(items)
            continue
        props = schema.get("properties", {})
        if isinstance(props, dict) and token in props:
            out.append(props[token])
            continue
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and not props:
            out.append(extra)
    return out


def at(doc_type: str, data: Any, pointer: str) -> list[Schema]:
    """The schemas (expanded) that apply at ``pointer`` of ``data``."""
    root = _bundle(doc_type)
    schemas = expand(root, root, data)
    instance: Any = data
    for token in jp.split(pointer):
        child: Any = None
        if isinstance(instance, dict):
            child = instance.get(token)
        elif isinstance(instance, list) and token.isdigit() and int(token) < len(instance):
            child = instance[int(token)]
        found = _child(schemas, token, instance)
        schemas = [s for sub in found for s in expand(root, sub, child)]
        instance = child
        if not schemas:
            return []
    return schemas


def properties(schemas: list[Schema]) -> dict[str, list[Schema]]:
    """Key -> the schemas describing it, in schema order."""
    out: dict[str, list[Schema]] = {}
    for schema in schemas:
        props = schema.get("properties")
        if isinstance(props, dict):
            for name, sub in props.items():
                if isinstance(sub, dict) and sub != {} and name != "$schema":
                    out.setdefault(name, []).append(sub)
                elif name not in out and name != "$schema":
                    out[name] = []
    return out


def required(schemas: list[Schema]) -> set[str]:
    return {name for s in schemas for name in s.get("required", ()) if isinstance(name, str)}


def enum_values(schemas: list[Schema]) -> list[Any]:
    """Allowed values, in schema order (``enum`` and ``const``)."""
    seen: list[Any] = []
    for schema in schemas:
        values = schema.get("enum", [schema["const"]] if "const" in schema else [])
        for value in values:
            if value not in seen:
                seen.append(value)
    return seen


def describe(schemas: list[Schema]) -> str | None:
    for schema in schemas:
        text = schema.get("markdownDescription") or schema.get("description")
        if isinstance(text, str) and text:
            return text
    return None


def facts(schemas: list[Schema]) -> list[str]:
    """Type and limits, as short Markdown lines."""
    out: list[str] = []
    types: list[str] = []
    for schema in schemas:
        kind = schema.get("type")
        for name in kind if isinstance(kind, list) else [kind] if kind else []:
            if name not in types:
                types.append(str(name))
    if types:
        out.append("type: " + " | ".join(f"`{t}`" for t in types))
    limits = (
        ("minLength", "min length"),
        ("maxLength", "max length"),
        ("minimum", "minimum"),
        ("maximum", "maximum"),
        ("minItems", "min items"),
        ("maxItems", "max items"),
        ("pattern", "pattern"),
    )
    for key, label in limits:
        for schema in schemas:
            if key in schema:
                out.append(f"{label}: `{schema[key]}`")
                break
    return out
