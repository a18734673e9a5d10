"""`nflint.fastschema` gives jsonschema's answer (valid or not), always.

nflint skips jsonschema when the compiled check says "valid", so a wrong
"valid" would hide findings. Each test compares both: on small schemas per
keyword, on every corpus document as every document type, and on seeded
mutations of valid documents (the cases where one key or value is off).
"""

from __future__ import annotations

import copy
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from nflint.load import loader
from nflint.northflank import detect, doctypes
from nflint.schema import store as schema_store
from nflint.schema.precheck import refs as fastschema_refs
from nflint.schema.precheck import validator as fastschema

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402 - bench/corpus.py: the benchmark's generated documents

BASE = "https://example.test/"


def _jsonschema_valid(resources: dict[str, Any], root: str, instance: object) -> bool:
    cls = schema_store.validator_class()  # nflint's class: ECMAScript `pattern`
    registry: Registry[Any] = Registry().with_resources(
        (uri, DRAFT202012.create_resource(doc)) for uri, doc in resources.items()
    )
    return bool(cls(resources[root], registry=registry).is_valid(instance))


def _fast_valid(resources: dict[str, Any], root: str, instance: object) -> bool | None:
    compiler = fastschema.Compiler(resources.__getitem__)
    try:
        return compiler.resolve(root, "")(instance)
    except fastschema.Unsupported:
        return None


def _agree(schema: object, instances: list[object], extra: dict[str, Any] | None = None) -> None:
    resources = {BASE + "root.json": schema, **(extra or {})}
    for instance in instances:
        expected = _jsonschema_valid(resources, BASE + "root.json", instance)
        assert _fast_valid(resources, BASE + "root.json", instance) is expected, (
            schema,
            instance,
        )


SCALARS: list[object] = [None, True, False, 0, 1, -1, 1.0, 1.5, 2, "", "a", "abc", "1", "true"]
VALUES: list[object] = [*SCALARS, [], [1], [1, 1], [True, 1], [1, "1"], {}, {"a": 1}, {"b": "x"}]


@pytest.mark.parametrize(
    "schema",
    [
        True,
        False,
        {},
        {"type": "integer"},
        {"type": "number"},
        {"type": ["string", "null"]},
        {"type": "boolean"},
        {"type": "array"},
        {"type": "object"},
        {"const": 1},
        {"const": True},
        {"const": "a"},
        {"const": [1]},
        {"const": {"a": 1}},
        {"enum": [1, "a", None]},
        {"enum": ["a", "abc"]},
        {"enum": [False, [True]]},
        {"type": "string", "enum": ["a", "b"], "minLength": 1},
        {"minLength": 2},
        {"maxLength": 1},
        {"pattern": "^a"},
        {"type": "string", "pattern": "^[a-c]+$", "maxLength": 2},
        {"minimum": 1},
        {"maximum": 1},
        {"items": {"type": "integer"}},
        {"items": False},
        {"required": ["a"]},
        {"properties": {"a": {"type": "integer"}}},
        {"properties": {"a": {"type": "integer"}}, "additionalProperties": False},
        {"additionalProperties": {"type": "string"}},
        {"dependentSchemas": {"a": {"required": ["b"]}}},
        {"allOf": [{"type": "integer"}, {"minimum": 1}]},
        {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        {"not": {"type": "integer"}},
        {"if": {"type": "integer"}, "then": {"minimum": 1}, "else": {"type": "string"}},
        {"if": {"required": ["a"]}},
        {"then": False},
        {"format": "email"},
        {"title": "annotations only", "description": "x", "$comment": "y", "default": 1},
    ],
)
def test_keyword_agrees(schema: object) -> None:
    _agree(schema, VALUES)


def test_kind_dispatch_agrees() -> None:
    """The allOf of if-kind-then pairs (a context's node dispatch) and its
    corner cases: a non-object, a missing or non-string kind, two cases for
    one kind, an unknown kind, and a plain member beside the cases."""
    case = lambda kind, then: {  # noqa: E731
        "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
        "then": then,
    }
    schema = {
        "allOf": [
            case("A", {"required": ["a"]}),
            case("B", {"required": ["b"]}),
            case("A", {"properties": {"a": {"type": "integer"}}}),
            {"properties": {"x": {"type": "string"}}},
        ]
    }
    instances: list[object] = [
        *SCALARS,
        [],
        {},
        {"kind": "A"},
        {"kind": "A", "a": 1},
        {"kind": "A", "a": "1"},
        {"kind": "B"},
        {"kind": "B", "b": 0, "x": 1},
        {"kind": "C"},
        {"kind": 1},
        {"kind": None, "a": 1},
        {"a": 1},
    ]
    _agree(schema, instances)


def test_references_agree() -> None:
    other = {
        "$schema": fastschema.DRAFT_2020_12,
        "$id": BASE + "dir/other.json",
        "$defs": {
            "a/b": {"type": "integer"},
            "n~m": {"type": "string"},
            "list": {"anyOf": [{"const": 1}]},
        },
    }
    schema = {
        "$id": BASE + "root.json",
        "type": "object",
        "properties": {
            "i": {"$ref": "dir/other.json#/$defs/a~1b"},
            "s": {"$ref": "dir/other.json#/$defs/n~0m"},
            "p": {"$ref": "dir/other.json#/$defs/list/anyOf/0"},
            "e": {"$ref": "dir/other.json#/$defs/n%7E0m"},
            "self": {"$ref": "#"},
            "both": {"$ref": "#/$defs/small", "minimum": 1},
        },
        "$defs": {"small": {"maximum": 5}},
        "additionalProperties": False,
    }
    instances: list[object] = [
        {},
        {"i": 1, "s": "x", "p": 1, "e": 2},
        {"i": "1"},
        {"s": 1},
        {"p": 2},
        {"e": "x"},
        {"self": {"self": {"i": 1}}},
        {"self": {"self": {"i": 1.5}}},
        {"self": 1},
        {"both": 3},
        {"both": 0},
        {"both": 6},
        {"other": 1},
    ]
    _agree(schema, instances, {BASE + "dir/other.json": other})


def test_ecmascript_dollar_below_a_reference() -> None:
    """``$`` never matches before a final newline (ECMAScript), also in a
    schema reached through a $ref to another file (jsonschema would switch to
    its stock class there, with Python's ``re`` semantics, without the fix in
    `schema_store.registry`)."""
    doc = corpus.release_flow(1)
    release = doc["spec"]["spec"]["steps"][1]["spec"]["steps"][1]
    release["spec"]["target"]["id"] += "\n"
    assert fastschema.is_valid("release-flow", doc) is False
    assert schema_store.validator("release-flow").is_valid(doc) is False


@pytest.mark.parametrize(
    "schema",
    [
        {"unevaluatedProperties": False},
        {"exclusiveMinimum": 0},
        {"multipleOf": 2},
        {"minItems": 1},
        {"uniqueItems": True},
        {"prefixItems": [{"type": "integer"}], "items": False},
        {"contains": {"const": 1}},
        {"minProperties": 1},
        {"maxProperties": 0},
        {"patternProperties": {"^a": {"type": "integer"}}, "additionalProperties": False},
        {"propertyNames": {"maxLength": 1}},
        {"dependentRequired": {"a": ["b"]}},
        {"oneOf": [{"type": "integer"}, {"minimum": 0}]},
        {"properties": {"a": {"uniqueItems": True}}},
        {"$dynamicRef": "#x"},
        {"$ref": "#anchor"},
        {"properties": {"a": {"$id": "https://elsewhere.test/a.json"}}},
        {"type": "decimal"},
    ],
)
def test_unsupported_means_unknown(schema: dict[str, Any]) -> None:
    resources = {BASE + "root.json": schema}
    assert _fast_valid(resources, BASE + "root.json", {"a": 1}) is None


def test_keywords_are_jsonschemas() -> None:
    assert set(Draft202012Validator.VALIDATORS) == fastschema.ASSERTING


def _used_keywords() -> set[str]:
    """The asserting keywords the shipped schemas use."""
    used: set[str] = set()
    stack: list[object] = list(schema_store.contents().values())
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            used |= fastschema.ASSERTING.intersection(node)
            for key, value in node.items():
                if key in ("properties", "$defs", "dependentSchemas"):
                    stack.extend(value.values())  # names, then schemas
                elif key not in ("enum", "const", "default", "examples"):
                    stack.append(value)
    return used


def test_the_precheck_compiles_exactly_the_keywords_the_schemas_use() -> None:
    """A keyword the schemas start using must be compiled (or every document
    takes the slow path); one they stop using goes to UNSUPPORTED (no second
    implementation that nothing exercises)."""
    used = _used_keywords()
    assert {"$ref", "anyOf", "if", "pattern", "properties"} <= used
    assert used == fastschema.ASSERTING - fastschema.UNSUPPORTED


#: (pattern, text): ECMAScript and Python's `re` disagree on each; JSON Schema
#: says ECMAScript, where every one of these texts fails
REGEX_DIFFERENCES = [
    (r"^\d+$", "\u0661\u0662"),  # \d: Arabic-Indic digits are digits to Python
    (r"^[a-z]+$", "abc\n"),  # $: Python also matches before a final newline
    (r"^\w+$", "\u00e9t\u00e9"),  # \w: Unicode letters are word characters to Python
    (r"^a.b$", "a\u2028b"),  # .: a line separator is a line terminator in ECMAScript
]


@pytest.mark.parametrize(("pattern", "text"), REGEX_DIFFERENCES)
def test_regexes_are_ecmascript_on_every_path(pattern: str, text: str) -> None:
    """``pattern`` (pre-check and jsonschema) and ``patternProperties`` with
    ``additionalProperties`` (jsonschema, and the unknown-key message)."""
    import re

    from nflint.schema import errors as check

    assert re.search(pattern, text), "the case must be one where Python's re differs"
    by_value = {"properties": {"v": {"pattern": pattern}}}
    _agree(by_value, [{"v": text}])
    assert _fast_valid({BASE + "root.json": by_value}, BASE + "root.json", {"v": text}) is False
    by_key = {"patternProperties": {pattern: {"type": "integer"}}, "additionalProperties": False}
    assert not _jsonschema_valid({BASE + "root.json": by_key}, BASE + "root.json", {text: 1})
    typed = {"patternProperties": {pattern: {"type": "string"}}}
    assert _jsonschema_valid({BASE + "root.json": typed}, BASE + "root.json", {text: 1})
    # the message: the key is reported unknown (no pattern matches it)
    cls = schema_store.validator_class()
    doc = loader.load(json.dumps({text: 1}), "x.json")[0][0]
    [error] = cls(by_key).iter_errors(doc.data)
    [found] = check._convert(error, doc)
    assert found.rule == "NF102" and found.pointer == "/" + text.replace("~", "~0")


def _documents() -> Iterator[tuple[str, object]]:
    folders = [ROOT / "tests" / "data" / "corpus", ROOT / "examples"]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".json", ".yaml", ".yml"):
                continue
            documents, _ = loader.load(path.read_text(encoding="utf-8"), str(path))
            for doc in documents:
                yield str(path.relative_to(ROOT)), doc.data
    yield "bench release flow", corpus.release_flow(7)
    yield "bench template", corpus.template(47)


DOCUMENTS = list(_documents())


@pytest.mark.slow
def test_corpus_agrees() -> None:
    checked = 0
    for name, data in DOCUMENTS:
        for doc_type in doctypes.NAMES:
            fast = fastschema.is_valid(doc_type, data)
            assert fast is not None, (name, doc_type)
            assert fast == schema_store.validator(doc_type).is_valid(data), (name, doc_type)
            checked += 1
    assert checked > 500


_REPLACEMENTS: list[object] = [
    None,
    True,
    0,
    1.5,
    "",
    "x",
    "Workflow",
    "${refs.a.id}",
    "a" * 300,
    [],
    {},
    {"kind": "Workflow"},
]


def _mutate(data: object, rng: random.Random) -> object:
    """``data`` with one change: a key removed or added, a value replaced,
    or a character added to a string."""
    data = copy.deepcopy(data)
    places: list[tuple[Any, Any]] = []
    stack: list[object] = [data]
    while stack:
        node = stack.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node))  # type: ignore[arg-type]
        for key in keys:
            places.append((node, key))
            child = node[key]  # type: ignore[index]
            if isinstance(child, (dict, list)):
                stack.append(child)
    if not places:
        return rng.choice(_REPLACEMENTS)
    parent, key = rng.choice(places)
    action = rng.randrange(4)
    if action == 0 and isinstance(parent, dict):
        del parent[key]
    elif action == 1 and isinstance(parent, dict):
        parent[f"unknown{rng.randrange(2)}"] = rng.choice(_REPLACEMENTS)
    elif action == 2 and isinstance(parent[key], str):
        parent[key] += rng.choice(["\n", " ", "-", "A", "!"])
    else:
        parent[key] = rng.choice(_REPLACEMENTS)
    return data


@pytest.mark.slow
def test_mutations_agree() -> None:
    rng = random.Random(6)
    typed = [(detect.detect(data).type, data) for _, data in DOCUMENTS]
    bases = [(t, d) for t, d in typed if t is not None and fastschema.is_valid(t, d)]
    assert len(bases) > 20
    answers = {True: 0, False: 0}
    for doc_type, data in bases:
        for _ in range(5):
            mutant = _mutate(data, rng)
            if rng.random() < 0.3:
                mutant = _mutate(mutant, rng)
            fast = fastschema.is_valid(doc_type, mutant)
            assert fast is not None
            assert fast == schema_store.validator(doc_type).is_valid(mutant), (doc_type, mutant)
            answers[fast] += 1
    assert answers[True] > 20 and answers[False] > 100


def _schema_refs() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    stack: list[tuple[object, str]] = list(
        (doc, uri) for uri, doc in schema_store.contents().items()
    )
    while stack:
        node, base = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                found.add((base, node["$ref"]))
            stack.extend((v, base) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, base) for v in node)
    return found


def test_refs_resolve_as_urljoin() -> None:
    """`fastschema_refs.target` joins relative refs itself (no urllib import on start-up);
    it must give urljoin's answer for every ref in the schemas and the edge
    cases of dot segments."""
    from urllib.parse import urldefrag, urljoin

    cases = _schema_refs()
    assert len(cases) > 100
    bases = [
        schema_store.BASE_URI + "nodes/Release.schema.json",
        "https://nflint.dev/x",
        "https://nflint.dev/",
        "https://nflint.dev",
        "https://nflint.dev/a/b/",
    ]
    odd = ["../../../../x.json", "./a.json", "a/./b/../c.json", "a//b.json", "..", ".", "../"]
    odd += ["a/..", "sub/", "x.json#", "x.json#/a%20b", "/abs.json", "https://o.test/y.json#/a"]
    cases |= {(base, ref) for base in bases for ref in odd}
    for base, ref in cases:
        uri, fragment = urldefrag(urljoin(base, ref))
        assert fastschema_refs.target(base, ref) == (uri, fragment), (base, ref)


def _errors(validator: Any, data: object) -> list[tuple[Any, ...]]:
    """What nflint reads of jsonschema's errors, nested alternatives included."""

    def one(e: Any) -> tuple[Any, ...]:
        nested = sorted((one(s) for s in e.context or ()), key=repr)
        return (e.validator, list(e.absolute_path), e.validator_value, e.instance, nested)

    return [one(e) for e in validator.iter_errors(data)]


@pytest.mark.slow
def test_focused_errors_are_jsonschemas() -> None:
    """`focus` skips the array items the pre-check passes: the errors, their
    order and their details are the unfocused validator's, on every corpus
    document as every type and on mutations (one or two changes)."""
    from nflint.schema import focus

    rng = random.Random(12)
    cases: list[tuple[str, object]] = []
    for _, data in DOCUMENTS:
        doc_type = detect.detect(data).type
        if doc_type is not None:
            mutant = _mutate(data, rng)
            cases += [
                (doc_type, data),
                (doc_type, _mutate(mutant, rng) if len(cases) % 2 else mutant),
            ]
    compared = 0
    for doc_type, data in cases:
        fastschema.forget_failures()
        if fastschema.is_valid(doc_type, data):
            continue
        expected = _errors(schema_store.validator(doc_type), data)
        assert _errors(focus.validator(doc_type), data) == expected, (doc_type, data)
        compared += 1
    assert compared > 100


def test_focus_uses_what_the_precheck_found() -> None:
    """After the pre-check, the first failing item of an array is known, and
    the items before it are never checked again."""
    doc = corpus.template(40)
    steps = doc["spec"]["spec"]["steps"][1]["spec"]["steps"]
    steps[2]["spec"]["type"] = "parallel-ish"
    fastschema.forget_failures()
    assert fastschema.is_valid("template", doc) is False
    compiler = fastschema._compiler()
    known = [k for k, (array, _) in compiler.failures.items() if array is steps]
    assert len(known) == 1
    items_schema = next(s for s, _ in compiler._compiled.values() if id(s) == known[0][1])
    assert fastschema.first_failure(items_schema, steps) == 2
    fastschema.forget_failures()
    assert fastschema.first_failure(items_schema, steps) is None
