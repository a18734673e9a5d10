"""Every node kind, in every context where it is allowed, checked on
documents generated from its own schema.

For each (context, kind) the node schema (schemas/nodes/<Kind>.schema.json,
$refs followed through nflint's registry) yields a minimal valid node: the
kind and its required keys, an enum's first value, an example string for a
pattern. The node is placed in a valid document of the context's type and:

- (a) gives no schema finding;
- (b) a wrong enum value, a string breaking a pattern and a missing required
  key in that node are each reported once, with the rule id, pointer, line
  and column, and a message naming the node's kind;
- (c) a template expression in place of a literal enum, pattern or integer
  value passes.

Fields the minimal node lacks are added (with a valid value, checked clean
first) to reach an enum or pattern when no required field has one.
Semantic rules (NF2xx) judge refs, arguments and the like across nodes; they
are not this file's subject, so only schema findings (NF1xx) are compared.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from nflint.diagnostics import Diagnostic
from nflint.engine import lint_text
from nflint.northflank import kinds
from nflint.schema import store as schema_store
from nflint.schema.ecmaregex import search
from tests.conftest import changed, lint, where

REGISTRY = schema_store.registry()
BASE = schema_store.BASE_URI
EXPRESSION = "common.schema.json#/$defs/expression"
_UNSET = object()

_OCTET = r"([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])"
#: a string matching each pattern of schemas/ (test_examples_match_their_patterns)
PATTERN_EXAMPLES: dict[str, str] = {
    r"^[a-zA-Z0-9]+((-|\s)[a-zA-Z0-9]+)*$": "demo-app",
    "^[a-zA-Z0-9.,?\\s\\\\/'\"()[\\];`%^&*\\-_:!]+$": "A demo.",
    r"^[a-zA-Z]((-|\s)?[a-zA-Z0-9]+((-|\s)[a-zA-Z0-9]+)*)?$": "demo-app",
    r"^[A-Za-z0-9-]+$": "demo-id",
    r"^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$": "demo-slug",
    r"^[a-zA-Z](-?[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)?$": "demo-id",
    r"^(([a-zA-Z](-?[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)?)\/)?"
    r"([a-zA-Z](-?[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)?)$": "demo-id",
    r"^([A-Za-z0-9-]+)|([0-9a-f]{24})$": "my-gitlab",
    r"^(https:\/\/)?((www(\.[a-zA-Z0-9\-]{2,})+\.)?[a-zA-Z0-9\-]{2,})(\.([a-zA-Z0-9\-]{2,}))+"
    r"(\/([a-zA-Z0-9\-._]{2,}))+?$": "https://github.com/acme/api",
    r"^[a-zA-Z/*0-9%\-.#_!'();,&=+]*$": "feature/*",
    r"^[^?:@$~ [\]{}]*$": "feature/*",
    r"^\/([a-zA-Z0-9-._]+\/)*[a-zA-Z0-9-._]+$": "/Dockerfile",
    r"^\/([a-zA-Z0-9-._]+\/)*[a-zA-Z0-9-._]*$": "/app",
    r"^(?:(?:https?:\/\/)?([a-zA-Z0-9\-]+\.[a-zA-Z0-9\.\-]+)(\/v1)?)?(?:\/)?([a-zA-Z/-9\.\-_]+)"
    r"(?::([a-zA-Z/-9\.\-_:]+)|@([a-zA-Z/-9\.\-_:]+))$": "nginx:latest",
    r"^#([a-fA-F0-9]{6}|[a-fA-F0-9]{3})$": "#1a2b3c",
    r"^[a-zA-Z0-9-_]+$": "builder",
    rf"^({_OCTET}\.){{3}}{_OCTET}(\/([0-9]|[1-2][0-9]|3[0-2]))$": "10.0.0.0/16",
    rf"^({_OCTET}\.){{3}}{_OCTET}(\/([0-9]|[1-2][0-9]|3[0-2]))?$": "10.0.0.0/8",
    rf"^({_OCTET}\.){{3}}{_OCTET}$": "10.0.0.1",
    r"^[a-z][a-z0-9-]{4,28}[a-z0-9]$": "demo-project",
    r"(^[a-zA-Z](-?[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)?$)|(^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}"
    r"-[89ABab][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$)": "pool-one",
    r"[a-z0-9]": "nvidia-l4",
    r"^[a-z]-?[a-z0-9]+(-[a-z0-9]+)*$": "demo-cluster",
    r"^[\s\S]*$": "Any text.",
    r"^port-\d+$": "port-1",
    r"^[a-zA-Z0-9-]+\/[a-zA-Z0-9-]+$": "demo-project/web",
    r"^((org|team)\/)?[a-zA-Z](-?[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)?$": "team/demo-aws",
    r"^tag:.+": "tag:web",
    r"^(([a-z0-9][a-z0-9\-]*)|[a-z0-9]\.)*([a-z]+|xn--[a-z0-9]+)\.?$": "db.internal",
    r"[a-zA-Z]+": "HOST",
    r"^[a-zA-Z0-9_./-]*$": "DB_HOST",
    r"^((www(\.[a-zA-Z0-9\-]{2,})+\.)?[a-zA-Z0-9\-]{2,})(\.([a-zA-Z0-9\-]{2,}))+$": "example.com",
    r"^\*|^@$|^([0-9a-z]([0-9a-z\-]*[0-9a-z])?\.)*[0-9a-z]([0-9a-z\-]*[0-9a-z])?$": "app",
    r"^\/([_a-zA-Z0-9-&?=.]*)((\/[_a-zA-Z0-9-&?=.]+)*(\/)?)?$": "/api",
    r"^[1-9][0-9]*(s|ms)$": "30s",
    r"^[a-zA-Z0-9_\-%$+]+$": "X-Trace",
    r"^[1-9][0-9]*(s|m|h)$": "10m",
    r"^((?!\.\.).)*$": "/data",
    r"^((?!:).)*$": "/data",
    r"^[a-zA-Z0-9]*$": "AllowRead",
    r"^(\*|arn:[a-zA-Z0-9:*/\-?_+=,.@]+)$": "arn:aws:s3:::demo",
    r"^[a-zA-Z0-9.]+$": "storage.objects.get",
    r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$": "europe-west",
    r"^\d+%$": "25%",
    r"^\/([a-zA-Z0-9-._]+\/)*[a-zA-Z0-9-._]*((\?([a-zA-Z0-9-._]+(=[a-zA-Z0-9-._]+)?)*)"
    r"(&([a-zA-Z0-9-._]+(=[a-zA-Z0-9-._]+)?)*)*)?$": "/health",
    r"[a-zA-Z_:][a-zA-Z0-9_:]*$": "http_requests_total",
}
FORMAT_EXAMPLES = {
    "email": "ops@example.com",
    "uuid": "123e4567-e89b-42d3-a456-426614174000",
    "date-time": "2024-01-01T00:00:00Z",
}
#: tried in order: the first that breaks a pattern (and fits its lengths) is used
BAD_STRINGS = ("@@@@", "a:b", "../x", "has space", "!")
BAD_ENUM = "NotAValidValue"
#: run-time only parts of a node (responses): not where users make mistakes
RUN_ONLY = ("response", "settings")


# --- walking a schema --------------------------------------------------------


@dataclass(frozen=True)
class Sub:
    """A subschema and the resolver of the file it is written in."""

    schema: Any
    resolver: Any


def node_schema(kind: str) -> Sub:
    uri = f"{BASE}nodes/{kind}.schema.json"
    return Sub(schema_store.schema(uri), REGISTRY.resolver(uri))


def is_expression(schema: object) -> bool:
    return isinstance(schema, dict) and str(schema.get("$ref", "")).endswith(EXPRESSION)


def _matches(sub: Sub, instance: object) -> bool:
    """Whether ``instance`` passes an ``if``: these never use $ref (checked)."""
    assert "$ref" not in json.dumps(sub.schema), sub.schema
    return bool(Draft202012Validator(sub.schema).is_valid(instance))


def _json_type(value: object) -> str:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array"}
    return "null" if value is None else names.get(type(value), "object")


@dataclass
class Merged:
    """The conjunction of the subschemas that apply to one value."""

    subs: list[Sub] = field(default_factory=list)
    templatable: bool = False

    def values(self, key: str) -> list[Any]:
        return [s.schema[key] for s in self.subs if key in s.schema]

    def first(self, key: str) -> Any:
        found = self.values(key)
        return found[0] if found else None

    @property
    def type(self) -> str:
        for written in self.values("type"):
            names = written if isinstance(written, list) else [written]
            return next((n for n in names if n != "null"), "null")
        if self.values("const"):
            return _json_type(self.first("const"))
        if self.values("enum"):
            return _json_type(self.first("enum")[0])
        if self.values("properties") or self.values("required"):
            return "object"
        return "array" if self.values("items") else "string"

    @property
    def required(self) -> list[str]:
        names: list[str] = []
        for listed in self.values("required"):
            names.extend(n for n in listed if n not in names)
        return names

    @property
    def enum(self) -> list[Any] | None:
        return None if self.values("const") else self.first("enum")

    def properties(self) -> dict[str, list[Sub]]:
        props: dict[str, list[Sub]] = {}
        for sub in self.subs:
            for name, schema in sub.schema.get("properties", {}).items():
                props.setdefault(name, []).append(Sub(schema, sub.resolver))
        return props

    def items(self) -> list[Sub]:
        return [Sub(s.schema["items"], s.resolver) for s in self.subs if "items" in s.schema]

    def bound(self, key: str) -> int | None:
        found = self.values(key)
        if not found:
            return None
        bound: int = max(found) if key.startswith(("min", "exclusiveMin")) else min(found)
        return bound


def merge(subs: list[Sub], instance: object = _UNSET) -> Merged:
    """$ref and allOf followed, the first literal branch of each anyOf taken
    (the expression branch marks the value as templatable), if/then/else
    decided on ``instance`` when there is one."""
    merged = Merged()
    queue = list(subs)
    while queue:
        sub = queue.pop(0)
        schema = sub.schema
        if not isinstance(schema, dict):
            continue
        merged.subs.append(sub)
        if "$ref" in schema:
            resolved = sub.resolver.lookup(schema["$ref"])
            queue.append(Sub(resolved.contents, resolved.resolver))
        queue.extend(Sub(item, sub.resolver) for item in schema.get("allOf", ()))
        if "anyOf" in schema:
            merged.templatable |= any(is_expression(b) for b in schema["anyOf"])
            literal = next(b for b in schema["anyOf"] if not is_expression(b))
            queue.append(Sub(literal, sub.resolver))
        if "if" in schema and instance is not _UNSET:
            branch = "then" if _matches(Sub(schema["if"], sub.resolver), instance) else "else"
            if branch in schema:
                queue.append(Sub(schema[branch], sub.resolver))
    return merged


def generate(subs: list[Sub]) -> Any:
    """A minimal valid value: required keys only, first enum value..."""
    merged = merge(subs)
    if merged.values("const"):
        return merged.first("const")
    if merged.values("enum"):
        return merged.first("enum")[0]
    kind = merged.type
    if kind == "object":
        value: dict[str, Any] = {}
        for _ in range(10):  # if/then may add required keys: rebuild until stable
            active = merge(subs, value)
            props = active.properties()
            rebuilt = {name: generate(props.get(name, [])) for name in active.required}
            if rebuilt == value:
                return value
            value = rebuilt
        raise AssertionError(f"if/then never settles for {subs[0].schema}")
    if kind == "array":
        return [generate(merged.items()) for _ in range(merged.bound("minItems") or 0)]
    if kind == "string":
        return _string(merged)
    if kind in ("integer", "number"):
        low = merged.bound("minimum")
        return 1 if low is None else low
    return False if kind == "boolean" else None


def _string(merged: Merged) -> str:
    patterns = merged.values("pattern")
    if patterns:
        value = PATTERN_EXAMPLES.get(patterns[0])
        assert value is not None, f"add an example for pattern {patterns[0]!r} to PATTERN_EXAMPLES"
        return value
    if merged.first("format") in FORMAT_EXAMPLES:
        return FORMAT_EXAMPLES[merged.first("format")]
    low, high = merged.bound("minLength") or 0, merged.bound("maxLength")
    return "example".ljust(low, "x")[:high]


@dataclass(frozen=True)
class Slot:
    """A value of a node: its path below the node, the schema that applies,
    and the optional parents that must be added to reach it."""

    path: tuple[str | int, ...]
    merged: Merged
    inserts: tuple[tuple[tuple[str | int, ...], Any], ...]
    value: Any

    @property
    def in_spec(self) -> bool:
        return self.path[:1] == ("spec",)


def slots(
    subs: list[Sub], value: Any, path: tuple[str | int, ...] = (), inserts: tuple[Any, ...] = ()
) -> Iterator[Slot]:
    """Every value of ``value`` and of the optional fields one or two levels
    of insertion away (never into ``steps``: other nodes)."""
    merged = merge(subs, value)
    yield Slot(path, merged, inserts, value)
    if path[:1] in (("response",), ("settings",)):
        return
    if isinstance(value, dict):
        for name, child_subs in merged.properties().items():
            child_path = (*path, name)
            if name in value:
                yield from slots(child_subs, value[name], child_path, inserts)
            elif len(inserts) < 2 and name != "steps":
                child = generate(child_subs)
                yield from slots(child_subs, child, child_path, (*inserts, (child_path, child)))
    elif isinstance(value, list) and merged.items():
        items = merged.items()
        if value:
            yield from slots(items, value[0], (*path, 0), inserts)
        elif len(inserts) < 2:
            child = generate(items)
            yield from slots(items, child, (*path, 0), (*inserts, ((*path, 0), child)))


def with_inserts(node: dict[str, Any], slot: Slot) -> dict[str, Any]:
    node = copy.deepcopy(node)
    for path, value in slot.inserts:
        parent: Any = node
        for token in path[:-1]:
            parent = parent[token]
        if isinstance(parent, list):
            parent.append(copy.deepcopy(value))
        else:
            parent[path[-1]] = copy.deepcopy(value)
    return node


def bad_string(merged: Merged) -> str | None:
    """A string that breaks the (single) pattern and nothing else."""
    patterns = merged.values("pattern")
    if len(patterns) != 1:
        return None
    low, high = merged.bound("minLength") or 0, merged.bound("maxLength")
    for bad in BAD_STRINGS:
        text = bad.ljust(low, "@")
        if (high is None or len(text) <= high) and not search(patterns[0], text):
            return text
    return None


# --- documents and where things are written ----------------------------------

TYPES = {
    "template": "template",
    "preview": "preview-template",
    "release-flow": "release-flow",
    "teardown": "template",
}


def _workflow(steps: list[Any], context: bool = False) -> dict[str, Any]:
    spec: dict[str, Any] = {"type": "sequential", "steps": steps}
    if context:
        spec["context"] = {"projectId": "demo-project"}
    return {"kind": "Workflow", "spec": spec}


def document(context: str, node: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A valid document of the context's type holding ``node``, and the
    node's JSON pointer in it."""
    doc: dict[str, Any] = {
        "$schema": f"https://api.northflank.com/v1/schemas/{TYPES[context]}",
        "apiVersion": "v1.2",
        "arguments": {"VALUE": "demo", "COUNT": "1"},
    }
    if context == "teardown":
        doc["spec"] = _workflow([], context=True)
        doc["teardownSpec"] = {"spec": _workflow([node])}
        return doc, "/teardownSpec/spec/spec/steps/0"
    doc["spec"] = _workflow([node], context=context == "template")
    return doc, "/spec/spec/steps/0"


def _escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


class Written:
    """JSON text (as ``json.dumps(indent=2)`` writes it) and the 1-based line
    and column of every key and value, computed while writing it."""

    def __init__(self, value: Any) -> None:
        self._chunks: list[str] = []
        self._size = 0
        self._keys: dict[str, int] = {}
        self._values: dict[str, int] = {}
        self._write(value, "", 0)
        self.text = "".join(self._chunks) + "\n"
        assert self.text == json.dumps(value, indent=2) + "\n"

    def _put(self, text: str) -> None:
        self._chunks.append(text)
        self._size += len(text)

    def _write(self, value: Any, pointer: str, depth: int) -> None:
        self._values[pointer] = self._size
        members = list(value.items()) if isinstance(value, dict) else None
        if isinstance(value, list):
            members = list(enumerate(value))
        if not members:
            self._put(json.dumps(value))
            return
        self._put("{" if isinstance(value, dict) else "[")
        for i, (key, item) in enumerate(members):
            self._put(",\n" if i else "\n")
            self._put("  " * (depth + 1))
            child = f"{pointer}/{_escape(key)}"
            if isinstance(value, dict):
                self._keys[child] = self._size
                self._put(json.dumps(key) + ": ")
            self._write(item, child, depth + 1)
        self._put("\n" + "  " * depth + ("}" if isinstance(value, dict) else "]"))

    def _position(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def value(self, pointer: str) -> tuple[int, int]:
        return self._position(self._values[pointer])

    def head(self, pointer: str) -> tuple[int, int]:
        """Where a finding about a whole object points: its key, if any."""
        return self._position(self._keys.get(pointer, self._values[pointer]))


def schema_findings(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.rule.startswith("NF1")]


@functools.cache
def _lint(text: str) -> tuple[Diagnostic, ...]:
    return tuple(lint(text, "doc.json"))


def lint_doc(context: str, doc: dict[str, Any]) -> tuple[Written, list[Diagnostic]]:
    """The schema findings for ``doc`` (each distinct text is linted once)."""
    written = Written(doc)
    return written, schema_findings(list(_lint(written.text)))


def pointer_of(base: str, path: tuple[str | int, ...]) -> str:
    return base + "".join(f"/{_escape(t)}" for t in path)


# --- the cases ---------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    context: str
    kind: str
    node: dict[str, Any]
    slots: tuple[Slot, ...]

    @property
    def id(self) -> str:
        return f"{self.context}-{self.kind}"

    def candidates(self, accept: Any) -> list[Slot]:
        """Slots ``accept`` takes: required-and-present, in the node's spec
        first; then those that need optional fields added."""
        found = [s for s in self.slots if s.path[:1] not in (("response",), ("settings",))]
        found = [s for s in found if accept(s)]
        return sorted(found, key=lambda s: (not s.in_spec, len(s.inserts)))


@functools.cache
def _node_and_slots(kind: str) -> tuple[dict[str, Any], tuple[Slot, ...]]:
    root = [node_schema(kind)]
    node = generate(root)
    return node, tuple(slots(root, node))


def _case(context: str, kind: str) -> Case:
    return Case(context, kind, *_node_and_slots(kind))


CASES = [
    _case(context, kind)
    for context in ("template", "preview", "release-flow", "teardown")
    for kind in sorted(kinds.CONTEXTS[context])
]


def _is_enum(slot: Slot) -> bool:
    enum = slot.merged.enum or []
    return bool(enum) and all(isinstance(v, str) for v in enum) and BAD_ENUM not in enum


def _is_pattern(slot: Slot) -> bool:
    return isinstance(slot.value, str) and bad_string(slot.merged) is not None


def _is_required(slot: Slot) -> bool:
    names = [n for n in slot.merged.required if slot.path or n != "kind"]
    return isinstance(slot.value, dict) and bool(names)


def _templatable(slot: Slot) -> bool:
    literal = _is_enum(slot) or bool(slot.merged.values("pattern")) or slot.merged.type == "integer"
    return slot.merged.templatable and literal and not isinstance(slot.value, (dict, list))


def _with(accept: Any) -> list[Any]:
    return [pytest.param(c, id=c.id) for c in CASES if c.candidates(accept)]


def _probe(case: Case, accept: Any) -> tuple[Slot, dict[str, Any]]:
    """The first candidate whose node (with its optional parents added) is
    clean; required fields come first, so that is usually the minimal node."""
    tried = []
    for slot in case.candidates(accept):
        node = with_inserts(case.node, slot)
        doc, _ = document(case.context, node)
        _, found = lint_doc(case.context, doc)
        if not found:
            return slot, node
        tried.append(("/".join(map(str, slot.path)), [d.message for d in found]))
    raise AssertionError(f"no clean probe for {case.id}: {tried}")


def _assert_one(
    case: Case, node: dict[str, Any], rule: str, path: tuple[str | int, ...], *, head: bool = False
) -> Diagnostic:
    doc, base = document(case.context, node)
    written, found = lint_doc(case.context, doc)
    pointer = pointer_of(base, path)
    line, column = written.head(pointer) if head else written.value(pointer)
    assert where(found) == [(rule, line, column, pointer)], [d.message for d in found]
    assert f"the {case.kind} node" in found[0].message
    return found[0]


# --- tests -------------------------------------------------------------------


def test_every_kind_of_every_context_is_covered() -> None:
    counts = {c: sum(1 for case in CASES if case.context == c) for c in kinds.CONTEXTS}
    assert counts == {"template": 43, "preview": 29, "release-flow": 15, "teardown": 9}


def test_examples_match_their_patterns() -> None:
    for pattern, example in PATTERN_EXAMPLES.items():
        assert search(pattern, example), (pattern, example)
    for case in CASES:
        for slot in case.slots:
            for pattern in slot.merged.values("pattern"):
                assert pattern == r".*\$\{.*\}.*" or pattern in PATTERN_EXAMPLES, pattern


def test_the_writer_knows_where_values_are() -> None:
    written = Written({"a": [{"b/c": 1}], "d": {}})
    assert written.head("/a/0/b~1c") == (4, 7)
    assert written.value("/a/0/b~1c") == (4, 14)
    assert written.head("/a/0") == written.value("/a/0") == (3, 5)
    assert written.value("/d") == (7, 8)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_minimal_node_is_valid(case: Case) -> None:
    doc, _ = document(case.context, case.node)
    _, found = lint_doc(case.context, doc)
    assert found == [], [d.message for d in found]


@pytest.mark.parametrize("case", _with(_is_enum))
def test_invalid_enum_value_is_reported_once(case: Case) -> None:
    slot, node = _probe(case, _is_enum)
    _assert_one(case, changed(node, slot.path, BAD_ENUM), "NF104", slot.path)


@pytest.mark.parametrize("case", _with(_is_pattern))
def test_pattern_mismatch_is_reported_once(case: Case) -> None:
    slot, node = _probe(case, _is_pattern)
    _assert_one(case, changed(node, slot.path, bad_string(slot.merged)), "NF105", slot.path)


@pytest.mark.parametrize("case", _with(_is_required))
def test_missing_required_key_is_reported_once(case: Case) -> None:
    slot, node = _probe(case, _is_required)
    name = next(n for n in slot.merged.required if slot.path or n != "kind")
    found = _assert_one(case, changed(node, (*slot.path, name)), "NF101", slot.path, head=True)
    # the message names the object that lacks the key: the node, its spec,
    # or a path inside it (``origin of the Release node``)
    inside = [str(t) for t in slot.path]
    if not inside:
        lacking = f"the {case.kind} node"
    elif inside == ["spec"]:
        lacking = f"the spec of the {case.kind} node"
    else:
        tokens = inside[1:] if inside[0] == "spec" and inside[1] != "spec" else inside
        named = "".join(f"[{t}]" if t.isdigit() else f".{t}" for t in tokens).lstrip(".")
        lacking = f"{named} of the {case.kind} node"
    assert found.message.startswith(f'missing required key "{name}" in {lacking}'), found.message


@pytest.mark.parametrize("case", _with(_templatable))
def test_template_expressions_replace_literals(case: Case) -> None:
    checked = []
    for accept in (_is_enum, _is_pattern, lambda s: s.merged.type == "integer"):
        chosen = [s for s in case.candidates(_templatable) if accept(s)]
        if not chosen:
            continue
        slot, node = _probe(case, lambda s, first=chosen[0]: s is first)
        templated = changed(node, slot.path, "${args.VALUE}")
        doc, _ = document(case.context, templated)
        _, found = lint_doc(case.context, doc)
        assert found == [], (slot.path, [d.message for d in found])
        checked.append(slot.path)
    assert checked


# --- misspelt, misplaced and sub-kinds ---------------------------------------


def _lint_steps(context: str, *steps: dict[str, Any]) -> tuple[Written, list[Diagnostic], str]:
    doc, base = document(context, steps[0])
    if context == "teardown":
        doc["teardownSpec"]["spec"]["spec"]["steps"] = list(steps)
    else:
        doc["spec"]["spec"]["steps"] = list(steps)
    written, found = lint_doc(context, doc)
    return written, found, base


@pytest.mark.parametrize(
    ("context", "kind", "hint"),
    [
        ("release-flow", "Relase", 'did you mean "Release"?'),
        ("template", "workflow", 'did you mean "Workflow"?'),
        ("teardown", "workflow", 'did you mean "Workflow"?'),
        ("template", "RunJob", 'did you mean "JobRun"?'),
        ("teardown", "RunJob", 'did you mean "JobRun"?'),
        ("template", "Relase", 'did you mean "Release"? (allowed only in release flows and '
         'workflows)'),
        ("preview", "DeployService", 'did you mean "DeploymentService"?'),
    ],
)
def test_unknown_kind_suggests_the_right_one(context: str, kind: str, hint: str) -> None:
    written, found, base = _lint_steps(context, {"kind": kind, "spec": {}})
    pointer = f"{base}/kind"
    assert where(found) == [("NF108", *written.value(pointer), pointer)]
    assert found[0].message == f'unknown node kind "{kind}"'
    assert found[0].hint == hint


def test_unknown_kind_without_a_near_name_lists_the_kinds_allowed_here() -> None:
    written, found, base = _lint_steps("release-flow", {"kind": "Banana", "spec": {}})
    assert where(found) == [("NF108", *written.value(f"{base}/kind"), f"{base}/kind")]
    assert found[0].hint == "allowed here: " + ", ".join(
        f'"{k}"' for k in sorted(kinds.CONTEXTS["release-flow"])[:-1]
    ) + ' or "Workflow"'


@pytest.mark.parametrize(
    ("context", "kind", "message"),
    [
        ("template", "Release", "a Release node is not allowed in templates; "
         "Release nodes are allowed in release flows and workflows"),
        ("template", "OpenTofuDestroy", "an OpenTofuDestroy node is not allowed in templates; "
         "OpenTofuDestroy nodes are allowed in teardownSpec"),
        ("release-flow", "Project", "a Project node is not allowed in release flows and "
         "workflows; Project nodes are allowed in templates"),
        ("preview", "Project", "a Project node is not allowed in preview templates and preview "
         "blueprints; Project nodes are allowed in templates"),
        # in a teardown, the nodes a teardown runs (the document allows Build elsewhere)
        ("teardown", "Build", "a Build node is not allowed in teardownSpec; a teardown runs "
         "Action, Approval, Condition, JobRun, LoopData, LoopWorkflow, Message, "
         "OpenTofuDestroy, and Workflow"),
    ],
)
def test_kind_in_the_wrong_place_says_where_it_belongs(
    context: str, kind: str, message: str
) -> None:
    node = generate([node_schema(kind)])
    written, found, base = _lint_steps(context, node)
    assert where(found) == [("NF109", *written.value(f"{base}/kind"), f"{base}/kind")]
    assert found[0].message == message


def _target(node_kind: str, kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {"kind": node_kind, "spec": {"kind": kind, "spec": spec}}


_WEB = {"serviceId": "web"}
_RESTART_WITH_COMMAND = {"type": "restart", "data": {**_WEB, "command": "ls"}}
_SLOW_CONDITION = {"type": "running", "data": {**_WEB, "timeoutDuration": "10m"}}
_SLACK_WITH_REPO = {"message": "done", "repoUrl": "https://github.com/acme/api"}

#: name -> (node, [(rule, pointer below the node, start of the message)])
SUB_KIND_CASES: dict[str, tuple[dict[str, Any], list[tuple[str, str, str]]]] = {
    "execute-field-in-restart": (
        _target("Action", "Service", _RESTART_WITH_COMMAND),
        [("NF102", "/spec/spec/data/command", 'unknown key "command" in the Action node '
          "(Service)")],
    ),
    "execute-without-command": (
        _target("Action", "Service", {"type": "execute", "data": _WEB}),
        [("NF101", "/spec/spec/data", 'missing required key "command" in spec.spec.data of the '
          "Action node (Service)")],
    ),
    "unknown-action-target": (
        _target("Action", "Servce", {"type": "restart"}),
        [("NF104", "/spec/kind", 'invalid value "Servce" for "kind" in the Action node; expected')],
    ),
    "addon-target-is-not-an-addon-node": (
        _target("Action", "Addon", {"type": "restart", "data": {"addonId": "db_1"}}),
        [("NF105", "/spec/spec/data/addonId", '"db_1" is not a valid id (letters, digits and '
          "hyphens) in the Action node (Addon)")],
    ),
    "condition-state-of-another-target": (
        _target("Condition", "Addon", {"type": "success"}),
        [("NF104", "/spec/spec/type", 'invalid value "success" for "type" in the Condition node '
          '(Addon); expected "running"')],
    ),
    "condition-wrong-type-in-data": (
        _target("Condition", "Service", _SLOW_CONDITION),
        [("NF103", "/spec/spec/data/timeoutDuration", 'expected integer or a template expression '
          'for "timeoutDuration" in the Condition node (Service), found string "10m"')],
    ),
    "slack-message-with-vcs-fields": (
        _target("Message", "SLACK", _SLACK_WITH_REPO),
        [("NF102", "/spec/spec/repoUrl", 'unknown key "repoUrl" in the Message node (SLACK)')],
    ),
}


@pytest.mark.parametrize(("node", "expected"), SUB_KIND_CASES.values(), ids=SUB_KIND_CASES)
@pytest.mark.parametrize("context", ["template", "release-flow", "teardown"])
def test_sub_kind_mistakes_are_reported_on_the_sub_kind_only(
    context: str, node: dict[str, Any], expected: list[tuple[str, str, str]]
) -> None:
    written, found, base = _lint_steps(context, node)
    wanted = []
    for rule, path, _ in expected:
        pointer = base + path
        head = rule in ("NF101", "NF102")
        line, column = written.head(pointer) if head else written.value(pointer)
        wanted.append((rule, line, column, pointer))
    assert where(found) == wanted
    for finding, (_, _, message) in zip(found, expected, strict=True):
        assert finding.message.startswith(message), finding.message


@pytest.mark.parametrize(
    ("header", "kind", "severity"),
    [
        # the teardown list holds for templates and release flows (spec a.8)
        ("$schema: https://api.northflank.com/v1/schemas/template\napiVersion: v1.2\n"
         "name: demo\n", "AddonBackup", "error"),
        ("$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1.2\n",
         "AddonBackup", "error"),
        # workflows: no list documented; a kind their spec allows is a warning
        ("apiVersion: v1.2\nname: nightly\nstageId: production\n", "AddonBackup", "warning"),
        # ... and a kind no workflow allows anywhere stays an error
        ("apiVersion: v1.2\nname: nightly\nstageId: production\n", "Project", "error"),
    ],
)
def test_teardown_kinds_of_workflows_are_doubtful(header: str, kind: str, severity: str) -> None:
    text = (
        header + "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps: []\n"
        "teardownSpec:\n  spec:\n    kind: Workflow\n    spec:\n      type: sequential\n"
        f"      steps:\n        - kind: {kind}\n          spec: {{}}\n"
    )
    found = [(d.rule, d.severity.label, d.span.start.line if d.span else 0)
             for d in lint_text(text, "t.yaml").diagnostics if d.rule == "NF109"]
    line = text[: text.index(f"- kind: {kind}")].count("\n") + 1
    assert found == [("NF109", severity, line)]
