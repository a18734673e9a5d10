"""The node outlines are the oracle for the node schemas.

tests/data/node-outlines/<context>/<Kind>.txt are machine-extracted from
Northflank's API reference (see tests/data/node-outlines/README.md). For every
kind of every document context this checks that schemas/ covers the outline:

- the context schema (schemas/contexts/*.schema.json) lists exactly the kinds
  of tests/data/node-kinds.json;
- every field name of the outline is a property somewhere in the node schema
  (walking local and cross-file $refs, but not into contexts/, which would
  pull in every other node through `steps`);
- every `enum=` value is in some enum/const, every `pattern=` is present
  (verbatim, or via a documented rewrite), every `min length=`/`max length=`
  value appears, and a schema that the outline says accepts REFSTR reaches the
  shared expression definition.

A missing node file is a failure, never a skip.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
DATA = Path(__file__).resolve().parent / "data"
OUTLINES = DATA / "node-outlines"
BASE = "https://nflint.dev/schemas/"

# outline directory -> context schema file (None: the run contexts, kinds only)
CONTEXTS: dict[str, str | None] = {
    "template": "contexts/template.schema.json",
    "preview": "contexts/preview.schema.json",
    "releaseflow": "contexts/release-flow.schema.json",
    "releaseflow-teardown": "contexts/teardown.schema.json",
    "template-teardown": "contexts/teardown.schema.json",
    "template-run": None,
    "releaseflow-run": None,
}
RUN_CONTEXTS = {"template-run": "template", "releaseflow-run": "releaseflow"}

# REFSTR as written in the reference, and the form the schemas use.
REFSTR_ORIGINAL = r".*\${.*}.*"
EXPRESSION_PATTERN = r".*\$\{.*\}.*"

# Reference patterns that do not compile in one of the engines, and the
# equivalent the schemas use. A rewrite is also accepted when the original is
# quoted in a `$comment` of the schema (the convention in schemas/README.md).
PATTERN_REWRITES: dict[str, str] = {
    # RX-XPROJ: named groups (?<name>...) are not valid in Python re.
    r"^((?<projectId>[a-zA-Z](-?[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)?)\/)?(?<internalId>[a-zA-Z](-?[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)?)$": r"^(([a-zA-Z](-?[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)?)\/)?([a-zA-Z](-?[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)?)$",  # noqa: E501
    # RX-IMAGE: the identity escapes \: and \@ are invalid in ECMAScript 'u' mode.
    r"^(?:(?:https?:\/\/)?([a-zA-Z0-9\-]+\.[a-zA-Z0-9\.\-]+)(\/v1)?)?(?:\/)?([a-zA-Z/-9\.\-_]+)(?:\:([a-zA-Z/-9\.\-_\:]+)|\@([a-zA-Z/-9\.\-_\:]+))$": r"^(?:(?:https?:\/\/)?([a-zA-Z0-9\-]+\.[a-zA-Z0-9\.\-]+)(\/v1)?)?(?:\/)?([a-zA-Z/-9\.\-_]+)(?::([a-zA-Z/-9\.\-_:]+)|@([a-zA-Z/-9\.\-_:]+))$",  # noqa: E501
    # A domain pattern: \- outside a character class is invalid in ECMAScript 'u' mode.
    r"^(([a-z0-9][a-z0-9\-]*)|[a-z0-9]\.)*([a-z]+|xn\-\-[a-z0-9]+)\.?$": r"^(([a-z0-9][a-z0-9\-]*)|[a-z0-9]\.)*([a-z]+|xn--[a-z0-9]+)\.?$",  # noqa: E501
}

_LINE = re.compile(r"^\s*- ([^:\s]+): ?(.*)$")
_STOP = r"(?= min length=| max length=| pattern=| enum=| format=| \| |$)"
_ENUM = re.compile(r"enum=(.*?)" + _STOP)
_PATTERN = re.compile(r"pattern=(.*?)(?= min length=| max length=| format=| \| |$)")
_MINLEN = re.compile(r"min length=(\d+)")
_MAXLEN = re.compile(r"max length=(\d+)")


@dataclass
class Outline:
    fields: set[str] = field(default_factory=set)
    enums: set[str] = field(default_factory=set)
    patterns: set[str] = field(default_factory=set)
    min_lengths: set[int] = field(default_factory=set)
    max_lengths: set[int] = field(default_factory=set)
    refstr: bool = False


def parse_outline(path: Path) -> Outline:
    out = Outline()
    for raw in path.read_text().splitlines():
        m = _LINE.match(raw)
        if not m:
            continue
        name, rest = m.groups()
        out.fields.add(name)
        for em in _ENUM.finditer(rest):
            out.enums.update(v.strip() for v in em.group(1).split(", "))
        for pm in _PATTERN.finditer(rest):
            out.patterns.add(pm.group(1))
        out.min_lengths.update(int(x) for x in _MINLEN.findall(rest))
        out.max_lengths.update(int(x) for x in _MAXLEN.findall(rest))
        if "REFSTR" in rest:
            out.refstr = True
    return out


def build_registry() -> Registry:
    resources = []
    for path in sorted(SCHEMAS.rglob("*.schema.json")):
        contents = json.loads(path.read_text())
        resources.append(
            (contents["$id"], Resource.from_contents(contents, default_specification=DRAFT202012))
        )
    return Registry().with_resources(resources)


REGISTRY = build_registry()


@dataclass
class Collected:
    properties: set[str] = field(default_factory=set)
    values: set[str] = field(default_factory=set)
    patterns: set[str] = field(default_factory=set)
    min_lengths: set[int] = field(default_factory=set)
    max_lengths: set[int] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)


def _norm(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_SKIP_KEYS = {"$defs", "required", "description", "title", "examples", "default"}


def _record(out: Collected, key: str, value: Any) -> bool:
    """Record an annotation keyword; True when `key` was one of them."""
    if key == "enum" and isinstance(value, list):
        out.values.update(_norm(v) for v in value)
    elif key == "const":
        out.values.add(_norm(value))
    elif key == "pattern" and isinstance(value, str):
        out.patterns.add(value)
    elif key == "minLength" and isinstance(value, int):
        out.min_lengths.add(value)
    elif key == "maxLength" and isinstance(value, int):
        out.max_lengths.add(value)
    elif key == "$comment" and isinstance(value, str):
        out.comments.append(value)
    else:
        return key in _SKIP_KEYS
    return True


def collect(schema_uri: str) -> Collected:
    """Walk a schema, following $refs, except into the context schemas."""
    out = Collected()
    seen: set[int] = set()

    def walk(node: Any, resolver: Any, base: str) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, resolver, base)
            return
        if not isinstance(node, dict) or id(node) in seen:
            return
        seen.add(id(node))
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                target = urldefrag(urljoin(base, value)).url
                if "/contexts/" not in target:
                    resolved = resolver.lookup(value)
                    walk(resolved.contents, resolved.resolver, target)
            elif key == "properties" and isinstance(value, dict):
                out.properties.update(value)
                walk(list(value.values()), resolver, base)
            elif not _record(out, key, value) and isinstance(value, (dict, list)):
                walk(value, resolver, base)

    resolver = REGISTRY.resolver(base_uri=schema_uri)
    resolved = resolver.lookup(schema_uri)
    walk(resolved.contents, resolved.resolver, schema_uri)
    return out


def outline_cases() -> list[Any]:
    cases = []
    for ctx, schema in CONTEXTS.items():
        if schema is None:
            continue
        for path in sorted((OUTLINES / ctx).glob("*.txt")):
            cases.append(pytest.param(ctx, path.stem, id=f"{ctx}-{path.stem}"))
    return cases


KINDS = json.loads((DATA / "node-kinds.json").read_text())["contexts"]


@pytest.mark.parametrize("ctx", [c for c, s in CONTEXTS.items() if s is not None])
def test_context_lists_exactly_the_kinds(ctx: str) -> None:
    path = SCHEMAS / CONTEXTS[ctx]  # type: ignore[operator]
    assert path.is_file(), f"missing context schema {path}"
    schema = json.loads(path.read_text())
    expected = set(KINDS[ctx]["kinds"])
    outline_kinds = {p.stem for p in (OUTLINES / ctx).glob("*.txt")}
    assert outline_kinds == expected, "outlines and node-kinds.json disagree"
    assert schema.get("type") == "object"
    assert schema.get("required") == ["kind"]
    assert set(schema["properties"]["kind"]["enum"]) == expected
    dispatched = {}
    for branch in schema.get("allOf", []):
        kind = branch["if"]["properties"]["kind"]["const"]
        assert branch["if"].get("required") == ["kind"], kind
        then = branch["then"]
        if "$ref" in then:
            refs = [then["$ref"]]
        else:
            refs = [s["$ref"] for s in then.get("allOf", []) if "$ref" in s]
        dispatched[kind] = refs
    assert set(dispatched) == expected
    for kind, refs in dispatched.items():
        assert refs == [f"../nodes/{kind}.schema.json"], (kind, refs)
    assert "additionalProperties" not in schema


@pytest.mark.parametrize("run_ctx", sorted(RUN_CONTEXTS))
def test_run_context_kinds_match_document_context(run_ctx: str) -> None:
    assert set(KINDS[run_ctx]["kinds"]) == set(KINDS[RUN_CONTEXTS[run_ctx]]["kinds"])


def _pattern_present(pattern: str, got: Collected) -> bool:
    if pattern in got.patterns:
        return True
    rewrite = PATTERN_REWRITES.get(pattern)
    if rewrite is not None and rewrite in got.patterns:
        return True
    # A rewrite documented in a $comment that quotes the original verbatim.
    return any(pattern in comment for comment in got.comments)


@pytest.mark.parametrize(("ctx", "kind"), outline_cases())
def test_node_schema_covers_outline(ctx: str, kind: str) -> None:
    node_file = SCHEMAS / "nodes" / f"{kind}.schema.json"
    assert node_file.is_file(), f"missing node schema {node_file.relative_to(ROOT)}"
    outline = parse_outline(OUTLINES / ctx / f"{kind}.txt")
    got = collect(f"{BASE}nodes/{kind}.schema.json")

    problems = []
    missing_fields = sorted(outline.fields - got.properties)
    if missing_fields:
        problems.append(f"fields not defined as properties: {missing_fields}")
    missing_enums = sorted(outline.enums - got.values)
    if missing_enums:
        problems.append(f"enum values missing: {missing_enums}")
    missing_patterns = sorted(p for p in outline.patterns if not _pattern_present(p, got))
    if missing_patterns:
        problems.append(f"patterns missing: {missing_patterns}")
    if outline.min_lengths - got.min_lengths:
        missing = sorted(outline.min_lengths - got.min_lengths)
        problems.append(f"minLength values missing: {missing}")
    if outline.max_lengths - got.max_lengths:
        missing = sorted(outline.max_lengths - got.max_lengths)
        problems.append(f"maxLength values missing: {missing}")
    if outline.refstr and EXPRESSION_PATTERN not in got.patterns:
        problems.append("outline accepts REFSTR but the schema never reaches the expression def")
    assert not problems, f"{kind} ({ctx}):\n  " + "\n  ".join(problems)


def test_outline_parser_reads_the_notation() -> None:
    o = parse_outline(OUTLINES / "releaseflow" / "Release.txt")
    assert {"kind", "spec", "origin", "target", "timeoutDuration", "imagePath"} <= o.fields
    assert {"build", "deployment", "registry", "running", "true", "false"} <= o.enums
    assert r"^[A-Za-z0-9-]+$" in o.patterns
    assert o.refstr
    o = parse_outline(OUTLINES / "template" / "Condition.txt")
    assert {3} <= o.min_lengths and {54, 20} <= o.max_lengths
    assert r"^[a-z]-?[a-z0-9]+(-[a-z0-9]+)*$" in o.patterns


def test_expression_is_refstr_rewritten() -> None:
    common = json.loads((SCHEMAS / "common.schema.json").read_text())
    expr = common["$defs"]["expression"]
    assert expr["pattern"] == EXPRESSION_PATTERN
    assert REFSTR_ORIGINAL in expr["$comment"]
    for original, rewrite in PATTERN_REWRITES.items():
        assert original != rewrite
