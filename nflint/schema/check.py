"""Schema validation -> diagnostics, one per real problem.

jsonschema's errors are data: this module reads their keyword, value,
instance and schema (never their message text), picks a rule id per keyword
class (`catalog.KEYWORD_RULES`), locates the finding (the value for type,
enum, pattern and length; the key for an unknown key; the object for a
missing key) and renders the message from structured fields.

Alternatives (``anyOf``/``oneOf``) never produce a cascade: the template
expression alternative is dropped, the branch whose shape fits is chosen, and
only that branch's errors are reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nflint.diagnostics import Diagnostic, Fix, Severity, Span
from nflint.load import pointer as jp
from nflint.load.loader import Document
from nflint.northflank import kinds
from nflint.rules import core as catalog
from nflint.schema import messages as msg
from nflint.schema import store as schema_store
from nflint.schema.ecmaregex import search
from nflint.schema.precheck import validator as fastschema

_EXPRESSION_REF = "common.schema.json#/$defs/expression"


def check(doc: Document, doc_type: str) -> Iterator[Diagnostic]:
    """Every schema finding for ``doc`` validated as ``doc_type``."""
    if fastschema.is_valid(doc_type, doc.data):
        return  # the common case, without importing or running jsonschema
    validator = schema_store.validator(doc_type)
    seen: set[tuple[str, str, str]] = set()
    for error in validator.iter_errors(doc.data):
        for found in _convert(error, doc):
            key = (found.rule, found.pointer, found.message)
            if key not in seen:
                seen.add(key)
                yield found


def _is_expression(schema: object) -> bool:
    return isinstance(schema, dict) and str(schema.get("$ref", "")).endswith(_EXPRESSION_REF)


def _make(
    rule: str,
    message: str,
    doc: Document,
    pointer: str,
    span: Span | None,
    hint: str | None = None,
    fix: Fix | None = None,
) -> Diagnostic:
    severity = Severity.WARNING if _doubtful(rule, pointer) else None
    return catalog.diagnostic(
        rule,
        message,
        path=doc.path,
        pointer=pointer,
        span=span,
        document=doc.number,
        hint=hint,
        severity=severity,
        fix=fix,
    )


def _doubtful(rule: str, pointer: str) -> bool:
    """Constraints Northflank's own files break: warnings, not errors.

    Descriptions: the reference's pattern allows only some ASCII characters and
    200 of them, yet files written by Northflank's GitOps bot carry dashes and
    non-ASCII text (spec, open question 16).
    """
    return rule in ("NF105", "NF106") and pointer.endswith("/description")


def _field(error: Any) -> str:
    """The name of the field an error is about: ``branch``, ``steps[2]``."""
    suffix = ""
    for token in reversed(error.absolute_path):
        if isinstance(token, str):
            return token + suffix
        suffix = f"[{token}]{suffix}"
    return "document" + suffix


def _where(doc: Document, pointer: str) -> str:
    """`` in the Build node`` (or ``in the Message node (SLACK)`` for a
    sub-kind) when ``pointer`` is at or inside a node, else ``""``.

    Only known node kinds are nodes (a rich input or a trigger has a ``kind``
    and a ``spec`` too), and the object right under a node's ``spec`` never
    is: there a ``kind`` is the target of an Action, Condition or Message,
    even when it names a node kind (``{"kind": "Action", "spec": {"kind":
    "Addon", ...}}``).
    """
    node: object = doc.data
    label, sub = "", ""
    under_spec = False
    for token in [*jp.split(pointer), None]:
        if isinstance(node, dict):
            kind = node.get("kind")
            is_node = False
            if isinstance(kind, str) and ("spec" in node or kind in kinds.ALL_KINDS):
                if kind in kinds.ALL_KINDS and not under_spec:
                    label, sub, is_node = kind, "", True
                elif label and token != "kind":  # not about the sub-kind itself: no "(Servce)"
                    sub = kind
            under_spec = is_node and token == "spec"
            node = node.get(token) if token is not None else None
        elif isinstance(node, list) and token is not None and token.isdigit():
            under_spec = False
            node = node[int(token)] if int(token) < len(node) else None
        else:
            break
    if not label:
        return ""
    return f" in the {label} node" + (f" ({sub})" if sub else "")


def _convert(  # noqa: C901
    error: Any, doc: Document, *, templated: bool = False
) -> Iterator[Diagnostic]:
    """Diagnostics for one error; ``templated``: an expression was also allowed."""
    from nflint.fixes import suggest as fixes  # noqa: PLC0415 - only for invalid documents

    keyword = error.validator
    pointer = jp.from_path(error.absolute_path)
    smap = doc.source_map
    instance = error.instance
    value = error.validator_value
    if keyword in ("anyOf", "oneOf"):
        yield from _alternatives(error, doc)
        return
    rule = catalog.KEYWORD_RULES.get(keyword, "NF100")
    if keyword in ("required", "dependentRequired"):
        names = value if keyword == "required" else _dependent(value, instance)
        for name in names:
            if isinstance(instance, dict) and name not in instance:
                yield _make(
                    rule,
                    f"missing required key {msg.quote(name)}{_where(doc, pointer)}",
                    doc,
                    pointer,
                    smap.head_span(pointer),
                )
        return
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        known = list(error.schema.get("properties", {}))
        patterns = list(error.schema.get("patternProperties", {}))
        for key in instance if isinstance(instance, dict) else ():
            if key in known or any(search(p, key) for p in patterns):
                continue
            child = jp.join(pointer, key)
            hint = msg.suggestion(key, known)
            if hint is None and known:
                hint = f"expected one of {msg.one_of(sorted(known))}"
            yield _make(
                rule,
                f"unknown key {msg.quote(key)}{_where(doc, pointer)}",
                doc,
                child,
                smap.key_span(child),
                hint,
                fixes.key_fix(doc, child, key, known),
            )
        return
    span = smap.value_span(pointer)
    if keyword == "enum" and error.absolute_path and error.absolute_path[-1] == "kind":
        context = kinds.context_of(value)
        if context is not None:
            yield _kind_error(doc, pointer, span, instance, context)
            return
    if keyword in ("enum", "const"):
        allowed = value if keyword == "enum" else [value]
        choices = [a for a in allowed if isinstance(a, str)]
        text = (
            f"invalid value {msg.quote(instance)} for {msg.quote(_field(error))}"
            f"{_where(doc, pointer)}; "
            f"expected {msg.one_of(allowed)}"
        )
        fix = fixes.enum_fix(doc, pointer, instance, choices)
        yield _make(rule, text, doc, pointer, span, msg.suggestion(instance, choices), fix)
        return
    if keyword == "type":
        alternative = " or a template expression" if templated else ""
        text = (
            f"expected {msg.types(value)}{alternative} for {msg.quote(_field(error))}"
            f"{_where(doc, pointer)}, "
            f"found {msg.describe(instance)}"
        )
        fix = fixes.type_fix(doc, pointer, instance, value)
        yield _make(rule, text, doc, pointer, span, None, fix)
        return
    if keyword == "pattern":
        title = error.schema.get("title") if isinstance(error.schema, dict) else None
        what = title or f"a valid {_field(error)} value"
        yield _make(
            rule,
            f"{msg.quote(instance)} is not {what}{_where(doc, pointer)}",
            doc,
            pointer,
            span,
            f"expected a match for {value}",
            fixes.repo_url_fix(doc, pointer, instance, value),
        )
        return
    if keyword in ("minLength", "maxLength", "minItems", "maxItems"):
        size = len(instance)
        unit = "characters" if "Length" in keyword else "items"
        bound = "at most" if keyword.startswith("max") else "at least"
        noun = "string" if unit == "characters" else "list"
        yield _make(
            rule,
            f"{_field(error)}{_where(doc, pointer)} is a {noun} of {size} {unit}; "
            f"{bound} {value} allowed",
            doc,
            pointer,
            span,
        )
        return
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {
            "minimum": "less than the minimum",
            "maximum": "more than the maximum",
            "exclusiveMinimum": "not more than",
            "exclusiveMaximum": "not less than",
        }
        yield _make(
            rule,
            f"{msg.quote(_field(error))}{_where(doc, pointer)} is {instance}, "
            f"{words[keyword]} {value}",
            doc,
            pointer,
            span,
        )
        return
    if keyword is None or value is False:
        yield _make(
            rule,
            f"no value is allowed for {msg.quote(_field(error))}",
            doc,
            pointer,
            smap.key_span(pointer),
        )
        return
    yield _make(
        rule,
        f"{msg.quote(_field(error))} does not satisfy {keyword} {msg.quote(value)}",
        doc,
        pointer,
        span,
    )


def _dependent(value: dict[str, list[str]], instance: object) -> list[str]:
    if not isinstance(instance, dict):
        return []
    return [n for key, names in value.items() if key in instance for n in names]


def _kind_error(
    doc: Document, pointer: str, span: Span | None, kind: object, context: str
) -> Diagnostic:
    from nflint.fixes import suggest as fixes  # noqa: PLC0415 - only for invalid documents

    allowed = sorted(kinds.CONTEXTS[context])
    place = kinds.PLACES[context]
    if isinstance(kind, str) and kind in kinds.ALL_KINDS:
        where = " and ".join(kinds.allowed_in(kind))
        return _make(
            "NF109",
            f"a {kind} node is not allowed in {place}; {kind} nodes are allowed in {where}",
            doc,
            pointer,
            span,
        )
    # the closest of all kinds, so that "Relase" in a template still says
    # "Release" (and where it belongs), not the nearest kind allowed here
    closest = msg.did_you_mean(kind, sorted(kinds.ALL_KINDS), msg.KIND_ALIASES)
    hint = None
    if closest in allowed:
        hint = f"did you mean {msg.quote(closest)}?"
    elif closest:
        hint = (
            f"did you mean {msg.quote(closest)}? (allowed only in "
            f"{' and '.join(kinds.allowed_in(closest))})"
        )
    if hint is None:
        hint = f"allowed here: {msg.one_of(allowed, limit=50)}"
    fix = fixes.kind_fix(doc, pointer, kind, allowed)
    return _make("NF108", f"unknown node kind {msg.quote(kind)}", doc, pointer, span, hint, fix)


def _alternatives(error: Any, doc: Document) -> Iterator[Diagnostic]:
    branches = error.validator_value
    by_branch: dict[int, list[Any]] = {i: [] for i in range(len(branches))}
    for sub in error.context or ():
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
    expression = any(_is_expression(b) for b in branches)
    candidates = [i for i in by_branch if not _is_expression(branches[i]) and by_branch[i]]
    depth = len(error.absolute_path)

    def wrong_type(i: int) -> bool:
        return any(s.validator == "type" and len(s.absolute_path) == depth for s in by_branch[i])

    fitting = [i for i in candidates if not wrong_type(i)]
    if len(candidates) == 1 or len(fitting) == 1:
        chosen = candidates[0] if len(candidates) == 1 else fitting[0]
        for sub in by_branch[chosen]:
            at_value = len(sub.absolute_path) == depth
            yield from _convert(sub, doc, templated=expression and at_value)
        return
    pointer = jp.from_path(error.absolute_path)
    span = doc.source_map.value_span(pointer)
    if not fitting:
        expected: list[str] = []
        for i in candidates:
            for sub in by_branch[i]:
                if sub.validator == "type" and len(sub.absolute_path) == depth:
                    names = (
                        sub.validator_value
                        if isinstance(sub.validator_value, list)
                        else [sub.validator_value]
                    )
                    expected.extend(n for n in names if n not in expected)
        text = f"expected {' or '.join(expected) or 'another shape'}"
        if expression:
            text += " or a template expression"
        yield _make(
            "NF103",
            f"{text} for {msg.quote(_field(error))}, found {msg.describe(error.instance)}",
            doc,
            pointer,
            span,
        )
        return
    # several shapes fit: report the branch that got furthest (deepest errors,
    # then fewest), which is what the user most likely meant
    best = max(
        fitting, key=lambda i: (max(len(s.absolute_path) for s in by_branch[i]), -len(by_branch[i]))
    )
    for sub in by_branch[best]:
        yield from _convert(sub, doc)
