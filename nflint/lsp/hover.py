"""Hover: what a key means (description, type, allowed values, limits), what
a node kind does and where it is allowed, a function's signature, the node
a ``${refs.X}`` reads and the declaration of a ``${args.X}``."""

from __future__ import annotations

import json

from lsprotocol import types as T

from nflint.analysis.resolve import TRIGGER_KEYS
from nflint.load import pointer as jp
from nflint.lsp import locate, navigation, schemanav
from nflint.lsp.state import Snapshot
from nflint.northflank import functions, kinds
from nflint.schema.annotate import kind_summary


def hover(snapshot: Snapshot, position: T.Position) -> T.Hover | None:
    offset = snapshot.lines.offset(position)
    place = locate.at(snapshot, offset)
    if place is None:
        return None
    text = _text(snapshot, place, offset)
    if not text:
        return None
    return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value=text))


def _text(snapshot: Snapshot, place: locate.Place, offset: int) -> str | None:
    if place.call is not None:
        return _function(place.call.name)
    if place.reference is not None:
        symbol = navigation.symbol_at(snapshot, offset)
        if symbol is not None:
            return _symbol(snapshot, symbol)
        return None
    doc_type = snapshot.types[place.number] if place.number < len(snapshot.types) else None
    if doc_type is None:
        return None
    value = locate.value_of(place)
    tokens = jp.split(place.pointer)
    if not place.on_key and tokens and tokens[-1] == "kind" and isinstance(value, str):
        analysis = snapshot.analysis(place.number)
        if analysis is not None and analysis.node_at(jp.parent(place.pointer)) is not None:
            return kind_summary(value) if value in kinds.ALL_KINDS else None
    schemas = schemanav.at(doc_type, place.doc.data, place.pointer)
    if not schemas:
        return None
    lines = [f"**{tokens[-1]}**" if tokens else "**document**"]
    description = schemanav.describe(schemas)
    if description:
        lines.append(description)
    lines.extend(schemanav.facts(schemas))
    values = schemanav.enum_values(schemas)
    if values and len(values) <= 60:
        lines.append("allowed: " + ", ".join(f"`{json.dumps(v)}`" for v in values))
    if not place.on_key and value in values:
        described = _enum_description(schemas, value)
        if described:
            lines.append(described)
    return "\n\n".join(lines)


def _enum_description(schemas: list[schemanav.Schema], value: object) -> str | None:
    for schema in schemas:
        values, notes = schema.get("enum"), schema.get("markdownEnumDescriptions")
        if isinstance(values, list) and isinstance(notes, list) and value in values:
            index = values.index(value)
            if index < len(notes):
                return str(notes[index])
    return None


def _function(name: str) -> str:
    if name not in functions.KNOWN:
        return f"`fn.{name}` is not a Northflank template function"
    low, high = functions.KNOWN[name]
    params = [f"arg{i + 1}" for i in range(low)]
    if high is None:
        params.append("...")
    else:
        params.extend(f"arg{i + 1}?" for i in range(low, high))
    note = " (undocumented)" if name in functions.UNDOCUMENTED else ""
    return f"```\nfn.{name}({', '.join(params)})\n```\n\nTakes {functions.arity_text(name)}{note}."


def _symbol(snapshot: Snapshot, symbol: navigation.Symbol) -> str | None:
    analysis = snapshot.analysis(symbol.number)
    if analysis is None:
        return None
    scope = analysis.scopes[symbol.scope]
    doc = snapshot.documents[symbol.number]
    if symbol.root == navigation.ARG:
        pointer = scope.arguments.get(symbol.name) or scope.overrides.get(symbol.name)
        if pointer is None:
            return f"`args.{symbol.name}` is not declared in `arguments`"
        line = snapshot.lines.position(_start(doc, pointer)).line + 1
        default = jp.resolve(doc.data, pointer)
        return (
            f"**argument `{symbol.name}`**, declared on line {line}\n\n"
            f"default: `{json.dumps(default, ensure_ascii=False)[:200]}`"
        )
    parts = []
    for index in scope.refs.get(symbol.name, []):
        node = analysis.nodes[index]
        line = snapshot.lines.position(_start(doc, node.pointer)).line + 1
        parts.append(
            f"**{node.kind or 'node'}** `{symbol.name}`, line {line}\n\n"
            + (kind_summary(node.kind) if node.kind in kinds.ALL_KINDS else "")
        )
    if symbol.name in scope.triggers:
        keys = ", ".join(f"`{k}`" for k in TRIGGER_KEYS)
        parts.append(f"**trigger** `{symbol.name}`: reads {keys} of the commit that ran it")
    return "\n\n---\n\n".join(parts) or f"no node declares ref `{symbol.name}` here"


def _start(doc: object, pointer: str) -> int:
    entry = doc.source_map.entry(doc.source_map.nearest(pointer))  # type: ignore[attr-defined]
    if entry is None:
        return 0
    return int(entry.key_start if entry.key_start >= 0 else entry.start)
