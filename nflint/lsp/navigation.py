"""Go to definition, find references and rename, for node refs
(``ref: build`` <-> ``${refs.build...}``) and arguments (``arguments.X``
<-> ``${args.X}``), with the scope logic of the rules
(`nflint.analysis.resolve.target_scope`: a nested document is its own scope,
``template.`` reads the enclosing one)."""

from __future__ import annotations

import re
from typing import NamedTuple

from lsprotocol import types as T

from nflint.analysis.model import Analysis, Text
from nflint.analysis.resolve import target_scope
from nflint.load import pointer as jp
from nflint.load.loader import Document
from nflint.lsp import locate
from nflint.lsp.state import Snapshot

REF, ARG = "refs", "args"
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


class Symbol(NamedTuple):
    """A ref or an argument of one scope of one document."""

    root: str  # REF or ARG
    name: str
    scope: int
    number: int


class Occurrence(NamedTuple):
    start: int
    end: int
    declaration: bool
    pointer: str


def text_at(analysis: Analysis, pointer: str) -> Text | None:
    index = analysis.memo.get("lsp-texts")
    if not isinstance(index, dict):
        index = {t.pointer: t for t in analysis.texts}
        analysis.memo["lsp-texts"] = index
    found = index.get(pointer)
    return found if isinstance(found, Text) else None


def symbol_at(snapshot: Snapshot, offset: int) -> Symbol | None:
    place = locate.at(snapshot, offset)
    if place is None:
        return None
    analysis = snapshot.analysis(place.number)
    if analysis is None:
        return None
    reference = place.reference
    if reference is not None and reference.root in (REF, ARG):
        text = text_at(analysis, place.pointer)
        scope = target_scope(analysis, text, reference) if text is not None else None
        if scope is None:
            return None
        return Symbol(reference.root, reference.name, scope.index, place.number)
    tokens = jp.split(place.pointer)
    if not place.on_key and tokens and tokens[-1] == "ref":
        node = analysis.node_at(jp.parent(place.pointer))
        if node is not None and node.ref is not None:
            return Symbol(REF, node.ref, node.scope, place.number)
        value = locate.value_of(place)
        for scope in analysis.scopes:  # a trigger's ref
            declared = scope.triggers.get(value, []) if isinstance(value, str) else []
            if place.pointer in [jp.join(p, "ref") for p in declared]:
                return Symbol(REF, str(value), scope.index, place.number)
    if place.on_key and len(tokens) >= 2 and tokens[-2] == "arguments":
        for scope in analysis.scopes:
            if scope.arguments.get(tokens[-1]) == place.pointer:
                return Symbol(ARG, tokens[-1], scope.index, place.number)
    return None


def _quoted(text: str, start: int, end: int) -> tuple[int, int]:
    if end - start >= 2 and text[start] in "\"'" and text[end - 1] == text[start]:
        return start + 1, end - 1
    return start, end


def occurrences(snapshot: Snapshot, symbol: Symbol) -> list[Occurrence]:
    doc = snapshot.documents[symbol.number]
    analysis = snapshot.analysis(symbol.number)
    if analysis is None:
        return []
    scope = analysis.scopes[symbol.scope]
    found: list[Occurrence] = []
    if symbol.root == REF:
        declaring = [
            jp.join(analysis.nodes[i].pointer, "ref") for i in scope.refs.get(symbol.name, [])
        ]
        declaring += [jp.join(p, "ref") for p in scope.triggers.get(symbol.name, [])]
        for pointer in declaring:
            span = locate.decoded_range(doc, pointer, 0, len(symbol.name))
            if span is not None:
                found.append(Occurrence(*span, True, pointer))
    elif symbol.name in scope.arguments:
        pointer = scope.arguments[symbol.name]
        entry = doc.source_map.entry(pointer)
        if entry is not None and entry.key_start >= 0:
            start, end = _quoted(snapshot.text, entry.key_start, entry.key_end)
            found.append(Occurrence(start, end, True, pointer))
    found.extend(_uses(doc, analysis, symbol))
    return found


def _uses(doc: Document, analysis: Analysis, symbol: Symbol) -> list[Occurrence]:
    out = []
    for text in analysis.expression_texts():
        for expression in text.expressions:
            for reference in expression.references:
                if reference.root != symbol.root or reference.name != symbol.name:
                    continue
                scope = target_scope(analysis, text, reference)
                if scope is None or scope.index != symbol.scope:
                    continue
                span = locate.decoded_range(
                    doc, text.pointer, reference.name_start, reference.name_end
                )
                if span is not None:
                    out.append(Occurrence(*span, False, text.pointer))
    return out


def _location(snapshot: Snapshot, occurrence: Occurrence) -> T.Location:
    return T.Location(
        uri=snapshot.uri, range=snapshot.lines.range(occurrence.start, occurrence.end)
    )


def definition(snapshot: Snapshot, position: T.Position) -> list[T.Location] | None:
    symbol = symbol_at(snapshot, snapshot.lines.offset(position))
    if symbol is None:
        return None
    found = [_location(snapshot, o) for o in occurrences(snapshot, symbol) if o.declaration]
    return found or None


def references(
    snapshot: Snapshot, position: T.Position, *, include_declaration: bool
) -> list[T.Location] | None:
    symbol = symbol_at(snapshot, snapshot.lines.offset(position))
    if symbol is None:
        return None
    return [
        _location(snapshot, o)
        for o in occurrences(snapshot, symbol)
        if include_declaration or not o.declaration
    ]


def prepare_rename(snapshot: Snapshot, position: T.Position) -> T.Range | None:
    offset = snapshot.lines.offset(position)
    symbol = symbol_at(snapshot, offset)
    if symbol is None:
        return None
    for o in occurrences(snapshot, symbol):
        if o.start <= offset <= o.end:
            return snapshot.lines.range(o.start, o.end)
    return None


def rename(snapshot: Snapshot, position: T.Position, new_name: str) -> T.WorkspaceEdit | None:
    """Every occurrence of the ref or argument, renamed in one edit."""
    symbol = symbol_at(snapshot, snapshot.lines.offset(position))
    if symbol is None:
        return None
    if not NAME.fullmatch(new_name):
        raise ValueError(f"{new_name!r} is not a valid {symbol.root} name")
    edits = [
        T.TextEdit(range=snapshot.lines.range(o.start, o.end), new_text=new_name)
        for o in occurrences(snapshot, symbol)
    ]
    return T.WorkspaceEdit(changes={snapshot.uri: edits}) if edits else None
