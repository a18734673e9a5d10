"""jsonschema's errors -> diagnostics, one per real problem (the failure path
of `nflint.schema.check`: imported only for a document that fails).

jsonschema's errors are data: this module reads their keyword, value,
instance and schema (never their message text), picks a rule id per keyword
class (`core.KEYWORD_RULES`), locates the finding (the value for type,
enum, pattern and length; the key for an unknown key; the object for a
missing key) and renders the message from structured fields.

`HANDLERS` maps each keyword to the function that turns its errors into
diagnostics, one small function per keyword family; a keyword without a
handler gets `_generic`'s message.

Alternatives (``anyOf``/``oneOf``) never produce a cascade: the template
expression alternative is dropped, the branch whose shape fits is chosen, and
only that branch's errors are reported.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

from nflint import messages as msg
from nflint.diagnostics import Diagnostic, Fix, Severity, Span
from nflint.fixes import suggest as fixes
from nflint.load import pointer as jp
from nflint.load.loader import Document
from nflint.northflank import kinds
from nflint.rules import core
from nflint.schema import doubts, exclusive, literals, patterns, places, triggers
from nflint.schema.ecmaregex import search

_EXPRESSION_REF = "common.schema.json#/$defs/expression"
#: keys the schemas accept on a node because runs carry them (spec c.1):
#: never offered in a hint
_RUN_ONLY = frozenset({"response"})

#: a jsonschema error, the document, and whether a template expression was
#: also allowed at the error's place -> its diagnostics
Handler = Callable[[Any, Document, bool], Iterator[Diagnostic]]


def diagnostics(errors: list[Any], doc: Document, doc_type: str = "") -> Iterator[Diagnostic]:
    """The diagnostics of jsonschema's ``errors`` for ``doc`` (linted as
    ``doc_type``), one per problem."""
    seen: set[tuple[str, str, str]] = set()
    found: list[Diagnostic] = []
    for error in errors:
        for converted in _convert(error, doc):
            diagnostic = doubts.undocumented_teardown(converted, doc, doc_type) or converted
            key = (diagnostic.rule, diagnostic.pointer, diagnostic.message)
            if key not in seen:
                seen.add(key)
                found.append(diagnostic)
    found = triggers.fold(found, doc, doc_type)
    # a value outside a list of allowed values is also of the wrong type when
    # they are strings and it is a number: one finding, the list's (it says more)
    choices = {d.pointer for d in found if d.rule == core.INVALID_VALUE}
    yield from (d for d in found if d.rule != core.WRONG_TYPE or d.pointer not in choices)


def _convert(error: Any, doc: Document, templated: bool = False) -> Iterator[Diagnostic]:
    """Diagnostics for one error; ``templated``: an expression was also allowed."""
    handler = HANDLERS.get(error.validator)
    if handler is None:
        handler = (
            _forbidden if error.validator is None or error.validator_value is False else _generic
        )
    return handler(error, doc, templated)


# -- helpers -------------------------------------------------------------------


def _is_expression(schema: object) -> bool:
    return isinstance(schema, dict) and str(schema.get("$ref", "")).endswith(_EXPRESSION_REF)


def _rule(error: Any) -> str:
    return core.KEYWORD_RULES.get(error.validator, core.SCHEMA)


def _pointer(error: Any) -> str:
    return jp.from_path(error.absolute_path)


def _make(
    rule: str,
    message: str,
    doc: Document,
    pointer: str,
    span: Span | None,
    hint: str | None = None,
    fix: Fix | None = None,
) -> Diagnostic:
    severity = Severity.WARNING if doubts.doubtful(rule, pointer) else None
    return core.diagnostic(
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


def _at_value(
    rule: str,
    message: str,
    error: Any,
    doc: Document,
    hint: str | None = None,
    fix: Fix | None = None,
) -> Diagnostic:
    """A diagnostic located at the value the error is about."""
    pointer = _pointer(error)
    return _make(rule, message, doc, pointer, doc.source_map.value_span(pointer), hint, fix)


# -- handlers, one per keyword family --------------------------------------------


def _required(error: Any, doc: Document, _templated: bool) -> Iterator[Diagnostic]:
    """required, dependentRequired: one finding per missing key, at the
    object, naming the object (``steps[0] of the Workflow node``)."""
    instance, value = error.instance, error.validator_value
    if not isinstance(instance, dict):
        return
    names = value if error.validator == "required" else _dependent(value, instance)
    pointer = _pointer(error)
    lacking = places.owner(doc, pointer)
    # written by its apiVersion v1 name (nfObjectType) or misspelt
    # (secretsType): the unknown key's finding says it, once
    legacy = {msg.LEGACY_KEYS[k] for k in instance if k in msg.LEGACY_KEYS}
    legacy.update(_misspelt_required(error.schema, instance).values())
    for name in names:
        if name not in instance and name not in legacy:
            yield _make(
                _rule(error),
                f"missing required key {msg.quote(name)}" + (f" in {lacking}" if lacking else ""),
                doc,
                pointer,
                doc.source_map.head_span(pointer),
            )


def _misspelt_required(schema: object, instance: dict[str, Any]) -> dict[str, str]:
    """The unknown keys of ``instance`` that misspell a required key it
    lacks (``secretsType`` for ``secretType``): unknown key -> required key."""
    if not isinstance(schema, dict) or not isinstance(schema.get("required"), list):
        return {}
    if schema.get("additionalProperties") is not False:
        return {}  # no finding for the unknown key would say it
    known = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    unknown = [k for k in instance if k not in known and not any(search(p, k) for p in patterns)]
    found: dict[str, str] = {}
    for name in schema["required"]:
        if name in instance or not unknown:
            continue
        for key in unknown:
            if key not in found and msg.did_you_mean(key, [name], msg.KEY_ALIASES) == name:
                found[key] = name
                break
    return found


def _dependent(value: dict[str, list[str]], instance: dict[str, Any]) -> list[str]:
    return [n for key, names in value.items() if key in instance for n in names]


def _unknown_keys(error: Any, doc: Document, _templated: bool) -> Iterator[Diagnostic]:
    """additionalProperties, unevaluatedProperties: one finding per unknown key, at the key."""
    instance = error.instance
    if not isinstance(instance, dict):
        return
    known = list(error.schema.get("properties", {}))
    patterns = list(error.schema.get("patternProperties", {}))
    pointer = _pointer(error)
    misspelt = _misspelt_required(error.schema, instance)
    for key in instance:
        if key in known or any(search(p, key) for p in patterns):
            continue
        child = jp.join(pointer, key)
        hint = msg.legacy_key(key, known) or msg.suggestion(key, known, msg.KEY_ALIASES)
        listed = [k for k in known if k not in _RUN_ONLY]
        if hint is None and listed:
            hint = msg.expected(sorted(listed))
        rule, text = _rule(error), f"unknown key {msg.quote(key)}{places.within(doc, pointer)}"
        if key in misspelt:  # one mistake, one finding: an error, as the missing key is
            rule = core.MISSING_KEY
            text += f", so the required key {msg.quote(misspelt[key])} is missing"
            hint = f"did you mean {msg.quote(misspelt[key])}?"
        fix = fixes.key_fix(doc, child, key, known)
        yield _make(rule, text, doc, child, doc.source_map.key_span(child), hint, fix)


def _choice(error: Any, doc: Document, _templated: bool) -> Iterator[Diagnostic]:
    """enum, const; a node's ``kind`` gets `_kind_error`."""
    instance, value = error.instance, error.validator_value
    if error.validator == "enum" and error.absolute_path and error.absolute_path[-1] == "kind":
        context = kinds.context_of(value)
        if context is not None:
            yield _kind_error(error, doc, context)
            return
    allowed = value if error.validator == "enum" else [value]
    choices = [a for a in allowed if isinstance(a, str)]
    text = (
        f"invalid value {msg.quote(instance)} for {msg.quote(places.field(error))}"
        f"{places.field_where(doc, error)}; "
        f"expected {msg.one_of(allowed)}"
    )
    intended = literals.for_choice(doc, _pointer(error), instance, allowed)
    if intended is not None:
        yield literals.attach(_at_value(_rule(error), text, error, doc), intended)
        return
    fix = fixes.enum_fix(doc, _pointer(error), instance, choices)
    yield _at_value(_rule(error), text, error, doc, msg.suggestion(instance, choices), fix)


def _kind_error(error: Any, doc: Document, context: str) -> Diagnostic:
    kind = error.instance
    allowed = sorted(kinds.CONTEXTS[context])
    place = kinds.PLACES[context]
    if isinstance(kind, str) and kind in kinds.ALL_KINDS:
        where = msg.listing(kinds.allowed_in(kind))
        text = (
            f"{msg.article(kind)} node is not allowed in {place}; "
            f"{kind} nodes are allowed in {where}"
        )
        if context == "teardown":  # the document allows it, but not in its teardown
            runs = msg.listing(sorted(kinds.CONTEXTS[context]))
            text = f"{msg.article(kind)} node is not allowed in {place}; a teardown runs {runs}"
        return _at_value(core.KIND_NOT_ALLOWED, text, error, doc)
    # the closest of all kinds, so that "Relase" in a template still says
    # "Release" (and where it belongs), not the nearest kind allowed here
    closest = msg.did_you_mean(kind, sorted(kinds.ALL_KINDS), msg.KIND_ALIASES)
    hint = None
    if closest in allowed:
        hint = f"did you mean {msg.quote(closest)}?"
    elif closest:
        hint = (
            f"did you mean {msg.quote(closest)}? (allowed only in "
            f"{msg.listing(kinds.allowed_in(closest))})"
        )
    if hint is None:
        hint = f"allowed here: {msg.one_of(allowed, limit=50)}"
    fix = fixes.kind_fix(doc, _pointer(error), kind, allowed)
    text = f"unknown node kind {msg.quote(kind)}"
    return _at_value(core.UNKNOWN_KIND, text, error, doc, hint, fix)


def _type(error: Any, doc: Document, templated: bool) -> Iterator[Diagnostic]:
    alternative = " or a template expression" if templated else ""
    name = msg.quote(places.field(error))
    text = (
        f"expected {msg.types(error.validator_value)}{alternative} for {name}"
        f"{places.field_where(doc, error)}, found {msg.describe(error.instance)}"
    )
    intended = literals.for_type(doc, _pointer(error), error.instance, error.validator_value)
    yield literals.attach(_at_value(_rule(error), text, error, doc), intended)


def _pattern(error: Any, doc: Document, _templated: bool) -> Iterator[Diagnostic]:
    pointer = _pointer(error)
    found = patterns.explain(error, doc, pointer)
    span = doc.source_map.value_span(pointer)
    fix = fixes.repo_url_fix(doc, pointer, error.instance, error.validator_value)
    diagnostic = _make(_rule(error), found.message, doc, pointer, span, found.hint, fix)
    if found.doubtful:
        diagnostic = dataclasses.replace(diagnostic, severity=Severity.WARNING)
    yield diagnostic


def _size(error: Any, doc: Document, _templated: bool) -> Iterator[Diagnostic]:
    """minLength, maxLength, minItems, maxItems (``exactly 40`` when both
    bounds are the same)."""
    keyword, limit = error.validator, error.validator_value
    if isinstance(error.instance, str) and "${" in error.instance:
        return  # an expression's length is its value's at run time (`patterns` says the rest)
    unit = "character" if "Length" in keyword else "item"
    other = ("max" if keyword.startswith("min") else "min") + keyword[3:]
    if isinstance(error.schema, dict) and error.schema.get(other) == limit:
        bound = "exactly"
    else:
        bound = "at most" if keyword.startswith("max") else "at least"
    noun = "string" if unit == "character" else "list"
    size = msg.plural(len(error.instance), unit)
    text = (
        f"{places.field(error)}{places.field_where(doc, error)} is a {noun} of {size}; "
        f"{bound} {limit} allowed"
    )
    yield _at_value(_rule(error), text, error, doc)


_BOUND_WORDS = {
    "minimum": "less than the minimum",
    "maximum": "more than the maximum",
    "exclusiveMinimum": "not more than",
    "exclusiveMaximum": "not less than",
}


def _bound(error: Any, doc: Document, _templated: bool) -> Iterator[Diagnostic]:
    """minimum, maximum, exclusiveMinimum, exclusiveMaximum."""
    name = msg.quote(places.field(error))
    text = (
        f"{name}{places.field_where(doc, error)} is {error.instance}, "
        f"{_BOUND_WORDS[error.validator]} {error.validator_value}"
    )
    yield _at_value(_rule(error), text, error, doc)


def _forbidden(error: Any, doc: Document, _templated: bool) -> Iterator[Diagnostic]:
    """A ``false`` schema (no keyword) or a keyword whose value is ``false``."""
    pointer = _pointer(error)
    yield _make(
        _rule(error),
        f"no value is allowed for {msg.quote(places.field(error))}",
        doc,
        pointer,
        doc.source_map.key_span(pointer),
    )


def _generic(error: Any, doc: Document, _templated: bool) -> Iterator[Diagnostic]:
    """Any other keyword: its name and value."""
    text = (
        f"{msg.quote(places.field(error))} does not satisfy {error.validator} "
        f"{msg.quote(error.validator_value)}"
    )
    yield _at_value(_rule(error), text, error, doc)


def _not(error: Any, doc: Document, templated: bool) -> Iterator[Diagnostic]:
    """not: the schemas use it for keys that exclude each other (``{"not":
    {"required": ["region", "clusterId"]}}``, or a key of ``dependentSchemas``
    against any of several): "use region or clusterId, not both", at the
    key written second."""
    instance, excluded = error.instance, error.validator_value
    keys = exclusive.keys(excluded)
    trigger = exclusive.dependent_key(error)
    if trigger is not None:
        keys = [trigger, *keys]
    present = [k for k in instance if k in keys] if isinstance(instance, dict) else []
    if len(present) < 2:
        yield from _generic(error, doc, templated)
        return
    pointer = _pointer(error)
    first, second = present[0], present[1]
    lacking = places.owner(doc, pointer).removeprefix("the spec of ")
    text = f"use {first} or {second}" + (f" in {lacking}" if lacking else "") + ", not both"
    child = jp.join(pointer, second)
    hint = f"remove {msg.quote(second)} or {msg.quote(first)}"
    yield _make(_rule(error), text, doc, child, doc.source_map.key_span(child), hint)


def _alternatives(error: Any, doc: Document, _templated: bool) -> Iterator[Diagnostic]:
    """anyOf, oneOf: the errors of the branch the value was meant for, or one
    finding when no branch's shape fits."""
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
            yield from _convert(sub, doc, expression and at_value)
        return
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
        text += f" for {msg.quote(places.field(error))}, found {msg.describe(error.instance)}"
        intended = literals.for_type(doc, _pointer(error), error.instance, expected)
        yield literals.attach(_at_value(core.WRONG_TYPE, text, error, doc), intended)
        return
    # several shapes fit: report the branch that got furthest (deepest errors,
    # then fewest), which is what the user most likely meant
    best = max(
        fitting, key=lambda i: (max(len(s.absolute_path) for s in by_branch[i]), -len(by_branch[i]))
    )
    for sub in by_branch[best]:
        yield from _convert(sub, doc)


#: keyword -> the handler of its errors
HANDLERS: dict[str, Handler] = {
    "anyOf": _alternatives,
    "oneOf": _alternatives,
    "required": _required,
    "dependentRequired": _required,
    "additionalProperties": _unknown_keys,
    "unevaluatedProperties": _unknown_keys,
    "enum": _choice,
    "const": _choice,
    "type": _type,
    "pattern": _pattern,
    "minLength": _size,
    "maxLength": _size,
    "minItems": _size,
    "maxItems": _size,
    "minimum": _bound,
    "maximum": _bound,
    "exclusiveMinimum": _bound,
    "exclusiveMaximum": _bound,
    "not": _not,
}
