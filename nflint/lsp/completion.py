"""Completion: node kinds allowed at this place, the keys of the current
object (required first, those present left out), enum values, and inside
``${``: roots, argument names, the refs in scope at this point (earlier
steps only, never a parallel sibling: `nflint.analysis.resolve.relation`),
trigger keys, and function names with argument snippets.

While a key is half typed the text often does not parse; completion then
reads the document with the cursor's line blanked (offsets unchanged).
"""

from __future__ import annotations

import json
import re
from typing import Any

from lsprotocol import types as T

from nflint.analysis.expressions import ROOTS
from nflint.analysis.model import Analysis
from nflint.analysis.resolve import PREVIEW_BUILTINS, TRIGGER_KEYS, relation
from nflint.load import pointer as jp
from nflint.lsp import locate, navigation, schemanav
from nflint.lsp.state import Snapshot
from nflint.northflank import doctypes, functions, kinds
from nflint.schema.annotate import kind_summary

_OPEN = re.compile(r"\$\{([^{}]*)$")
_KEY_VALUE = re.compile(r"^(\s*)(?:-\s+)?\"?([\w$.-]+)\"?\s*:\s*\"?([^\"]*)$")
_KEY = re.compile(r"^(\s*)(?:-\s+)?(\"?)([\w$-]*)$")
#: document type -> the kinds context of its main spec


def complete(
    snapshot: Snapshot, position: T.Position, *, snippets: bool
) -> T.CompletionList | None:
    offset = snapshot.lines.offset(position)
    line_start = (
        snapshot.lines.starts[position.line]
        if position.line < len(snapshot.lines.starts)
        else offset
    )
    before = snapshot.text[line_start:offset]
    parsed = _parsed(snapshot, position.line)
    if parsed is None:
        return None
    opened = _OPEN.search(before)
    if opened is not None:
        items = _expression(parsed, offset, opened.group(1), snippets, snapshot, position)
    else:
        items = _structure(parsed, offset, before, snapshot, position)
    return T.CompletionList(is_incomplete=False, items=items) if items else None


def _parsed(snapshot: Snapshot, line: int) -> Snapshot | None:
    """The snapshot when it parses, else one with line ``line`` blanked."""
    if snapshot.too_large:
        return None
    if snapshot.documents:
        return snapshot
    starts = snapshot.lines.starts
    start = starts[line] if line < len(starts) else len(snapshot.text)
    end = starts[line + 1] if line + 1 < len(starts) else len(snapshot.text)
    body = snapshot.text[start:end]
    blank = re.sub(r"[^\r\n]", " ", body)
    text = snapshot.text[:start] + blank + snapshot.text[end:]
    variants = [text, re.sub(r",(\s*)$", r" \1", text[:start]) + text[start:]]
    for variant in variants:
        retry = Snapshot(snapshot.uri, snapshot.path, snapshot.version, variant, snapshot.config)
        if retry.documents:
            return retry
    return None


# -- inside ${ -----------------------------------------------------------------


def _expression(
    snapshot: Snapshot, offset: int, typed: str, snippets: bool, source: Snapshot, pos: T.Position
) -> list[T.CompletionItem]:
    segments = typed.split(".")
    partial = segments[-1]
    edit_range = T.Range(
        start=T.Position(line=pos.line, character=pos.character - len(partial)), end=pos
    )

    def item(
        label: str,
        kind: T.CompletionItemKind,
        detail: str,
        text: str | None = None,
        snippet: bool = False,
        doc: str | None = None,
    ) -> T.CompletionItem:
        return T.CompletionItem(
            label=label,
            kind=kind,
            detail=detail,
            documentation=T.MarkupContent(kind=T.MarkupKind.Markdown, value=doc) if doc else None,
            text_edit=T.TextEdit(range=edit_range, new_text=text or label),
            insert_text_format=T.InsertTextFormat.Snippet
            if snippet
            else T.InsertTextFormat.PlainText,
        )

    head = segments[:-1]
    template = bool(head) and head[0] == "template"
    if template:
        head = head[1:]
    if not head:
        roots = [item(r, T.CompletionItemKind.Module, "root") for r in ROOTS]
        if not template:
            roots.append(item("template", T.CompletionItemKind.Module, "the enclosing document"))
        return roots
    root = head[0]
    if root == "fn" and len(head) == 1:
        return [
            item(
                name,
                T.CompletionItemKind.Function,
                functions.arity_text(name),
                _call(name, snippets),
                snippets,
            )
            for name in sorted(functions.KNOWN)
        ]
    context = _scope_here(snapshot, offset, template)
    if context is None:
        return []
    analysis, scope_index, user = context
    scope = analysis.scopes[scope_index]
    if root == "args" and len(head) == 1:
        names = dict.fromkeys([*scope.arguments, *scope.overrides, *sorted(scope.outputs)])
        if scope.doc_type in doctypes.PREVIEWS:
            names.update(dict.fromkeys(sorted(PREVIEW_BUILTINS)))
        return [item(n, T.CompletionItemKind.Variable, "argument") for n in names]
    if root == "refs" and len(head) == 1:
        out = []
        user_node = analysis.nodes[user] if user is not None else None
        for name, indexes in scope.refs.items():
            nodes = [analysis.nodes[i] for i in indexes]
            if any(relation(analysis, n, user_node) is None for n in nodes):
                kind = nodes[0].kind
                out.append(
                    item(
                        name,
                        T.CompletionItemKind.Reference,
                        f"{kind} node",
                        doc=kind_summary(kind) if kind in kinds.ALL_KINDS else None,
                    )
                )
        out.extend(item(n, T.CompletionItemKind.Event, "trigger") for n in scope.triggers)
        return out
    if root == "refs" and len(head) == 2 and head[1] in scope.triggers:
        return [item(k, T.CompletionItemKind.Field, "trigger value") for k in TRIGGER_KEYS]
    return []


def _call(name: str, snippets: bool) -> str:
    low, high = functions.KNOWN[name]
    count = low if high is None or low else min(1, high)
    if not snippets:
        return f"{name}("
    args = ", ".join(f"${{{i + 1}:arg{i + 1}}}" for i in range(count))
    return f"{name}({args})$0"


def _scope_here(
    snapshot: Snapshot, offset: int, template: bool
) -> tuple[Analysis, int, int | None] | None:
    place = locate.at(snapshot, offset)
    if place is None:
        return None
    analysis = snapshot.analysis(place.number)
    if analysis is None:
        return None
    text = navigation.text_at(analysis, place.pointer)
    if text is not None:
        scope, user = text.scope, text.owner
    else:  # not a string yet: the innermost node around it
        node = _enclosing_node(analysis, place.pointer)
        scope, user = (node.scope, node.index) if node is not None else (0, None)
    if template:
        outer = analysis.scopes[scope]
        if outer.parent is None:
            return None
        scope, user = outer.parent, outer.owner
    return analysis, scope, user


def _enclosing_node(analysis: Analysis, pointer: str) -> Any:
    while True:
        node = analysis.node_at(pointer)
        if node is not None or not pointer:
            return node
        pointer = jp.parent(pointer)


# -- keys and values -------------------------------------------------------------


def _structure(
    snapshot: Snapshot, offset: int, before: str, source: Snapshot, pos: T.Position
) -> list[T.CompletionItem]:
    number = snapshot.document_at(offset)
    if number is None:
        number = 0 if snapshot.documents else None
    if number is None or number >= len(snapshot.types) or snapshot.types[number] is None:
        return []
    doc = snapshot.documents[number]
    doc_type = str(snapshot.types[number])
    is_json = doc.format == "json"
    pair = _KEY_VALUE.match(before)
    if pair is not None:
        pointer = _key_on_line(doc, snapshot, pos.line, pair.group(2))
        if pointer is None:
            return []
        partial = pair.group(3)
        rng = T.Range(
            start=T.Position(line=pos.line, character=pos.character - len(partial)), end=pos
        )
        quoted = before[: len(before) - len(partial)].endswith('"')
        return _values(snapshot, number, doc_type, pointer, rng, is_json and not quoted)
    key = _KEY.match(before)
    if key is None:
        return []
    quote, partial = key.group(2), key.group(3)
    rng = T.Range(
        start=T.Position(line=pos.line, character=pos.character - len(partial) - len(quote)),
        end=pos,
    )
    mapping = _json_object(doc, offset) if is_json else _yaml_mapping(doc, snapshot, offset, before)
    if mapping is None:
        return []
    return _keys(doc, doc_type, mapping, rng, is_json)


def _key_on_line(doc: Any, snapshot: Snapshot, line: int, name: str) -> str | None:
    for pointer, entry in doc.source_map.items():
        on_line = entry.key_start >= 0 and snapshot.lines.position(entry.key_start).line == line
        if on_line and jp.split(pointer)[-1:] == [name]:
            return str(pointer)
    return None


def _json_object(doc: Any, offset: int) -> str | None:
    best: tuple[int, str] | None = None
    for pointer, entry in doc.source_map.items():
        if entry.start < offset < entry.end:
            value = _resolve(doc.data, pointer)
            if isinstance(value, dict) and (best is None or entry.end - entry.start < best[0]):
                best = (entry.end - entry.start, pointer)
    return best[1] if best else None


def _yaml_mapping(doc: Any, snapshot: Snapshot, offset: int, before: str) -> str | None:
    """The mapping a key typed at this column belongs to: the one holding the
    nearest key above at the same column, else the nearest key above at a
    smaller column (a mapping just opened under it)."""
    column = len(before) - len(before.lstrip(" -")) if before.strip() else len(before)
    line = snapshot.lines.position(offset).line
    same: tuple[int, str] | None = None
    outer: tuple[int, str] | None = None
    for pointer, entry in doc.source_map.items():
        if entry.key_start < 0 or entry.key_start >= offset:
            continue
        where = snapshot.lines.position(entry.key_start)
        if where.line >= line:
            continue
        if where.character == column and (same is None or entry.key_start > same[0]):
            same = (entry.key_start, jp.parent(pointer))
        elif where.character < column and (outer is None or entry.key_start > outer[0]):
            outer = (entry.key_start, pointer)
    if same is not None and (outer is None or same[0] > outer[0]):
        if re.match(r"\s*-\s", before):  # "- " starts a new item of the list
            items = jp.parent(same[1])
            found = _resolve(doc.data, items)
            if isinstance(found, list):
                return jp.join(items, len(found))
        return same[1]
    if outer is not None and (
        _resolve(doc.data, outer[1]) is None or isinstance(_resolve(doc.data, outer[1]), dict)
    ):
        return outer[1]
    return None


def _resolve(data: Any, pointer: str) -> Any:
    try:
        return jp.resolve(data, pointer)
    except LookupError:
        return None


def _keys(
    doc: Any, doc_type: str, pointer: str, rng: T.Range, is_json: bool
) -> list[T.CompletionItem]:
    schemas = schemanav.at(doc_type, doc.data, pointer)
    present = _resolve(doc.data, pointer)
    present_keys = set(present) if isinstance(present, dict) else set()
    needed = schemanav.required(schemas)
    items = []
    for name, subs in schemanav.properties(schemas).items():
        if name in present_keys:
            continue
        text = f'"{name}": ' if is_json else f"{name}: "
        description = schemanav.describe(subs)
        items.append(
            T.CompletionItem(
                label=name,
                kind=T.CompletionItemKind.Property,
                detail="required" if name in needed else None,
                documentation=T.MarkupContent(kind=T.MarkupKind.Markdown, value=description)
                if description
                else None,
                sort_text=("0" if name in needed else "1") + name,
                text_edit=T.TextEdit(range=rng, new_text=text),
            )
        )
    return items


def _values(
    snapshot: Snapshot, number: int, doc_type: str, pointer: str, rng: T.Range, is_json: bool
) -> list[T.CompletionItem]:
    doc = snapshot.documents[number]
    analysis = snapshot.analysis(number)
    parent = jp.parent(pointer)
    node = analysis.node_at(parent) if analysis is not None else None
    if jp.split(pointer)[-1] == "kind" and node is not None and analysis is not None:
        scope = analysis.scopes[node.scope]
        context = "teardown" if node.teardown else doctypes.context(scope.doc_type)
        return [
            T.CompletionItem(
                label=kind,
                kind=T.CompletionItemKind.Class,
                documentation=T.MarkupContent(kind=T.MarkupKind.Markdown, value=kind_summary(kind)),
                text_edit=T.TextEdit(range=rng, new_text=json.dumps(kind) if is_json else kind),
            )
            for kind in sorted(kinds.CONTEXTS[context])
        ]
    schemas = schemanav.at(doc_type, doc.data, pointer)
    return [
        T.CompletionItem(
            label=json.dumps(value) if is_json or not isinstance(value, str) else value,
            kind=T.CompletionItemKind.EnumMember,
            text_edit=T.TextEdit(
                range=rng,
                new_text=json.dumps(value) if is_json or not isinstance(value, str) else value,
            ),
        )
        for value in schemanav.enum_values(schemas)
    ]
