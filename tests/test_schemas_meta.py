"""Every schema file is a valid draft 2020-12 schema that follows schemas/README.md:
right $schema and $id, every $ref resolves offline, every pattern compiles in
Python re (and, when node is installed, in ECMAScript with the 'u' flag)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
BASE = "https://nflint.dev/schemas/"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

FILES = sorted(SCHEMAS.rglob("*.schema.json"))
IDS = [str(p.relative_to(SCHEMAS)) for p in FILES]

# Keywords whose values are not subschemas (and must not be scanned for $ref/pattern).
_NOT_SCHEMA = {
    "enum",
    "const",
    "required",
    "examples",
    "default",
    "description",
    "title",
    "$comment",
}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _registry() -> Registry:
    resources = []
    for path in FILES:
        contents = _load(path)
        resources.append(
            (contents["$id"], Resource.from_contents(contents, default_specification=DRAFT202012))
        )
    return Registry().with_resources(resources)


REGISTRY = _registry()


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Yield every subschema (dict) of a schema document."""
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key in _NOT_SCHEMA:
                continue
            if key in ("properties", "$defs", "patternProperties", "dependentSchemas"):
                if isinstance(value, dict):
                    for sub in value.values():
                        yield from _walk(sub)
            elif isinstance(value, (dict, list)):
                yield from _walk(value)


def _patterns(schema: Any) -> list[str]:
    return [s["pattern"] for s in _walk(schema) if isinstance(s.get("pattern"), str)]


def test_there_are_schemas() -> None:
    assert FILES, "no schemas found"
    for name in (
        "common",
        "release-flow",
        "release-flow-run",
        "template",
        "template-run",
        "preview-template",
        "workflow",
        "preview-blueprint",
    ):
        assert (SCHEMAS / f"{name}.schema.json").is_file(), name


@pytest.mark.slow
@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_valid_against_metaschema(path: Path) -> None:
    Draft202012Validator.check_schema(_load(path))


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_schema_and_id(path: Path) -> None:
    schema = _load(path)
    assert schema.get("$schema") == DRAFT
    assert schema.get("$id") == BASE + path.relative_to(SCHEMAS).as_posix()
    nested = [s["$id"] for s in _walk(schema) if s is not schema and "$id" in s]
    assert not nested, f"nested $id makes relative refs ambiguous: {nested}"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_refs_resolve_offline(path: Path) -> None:
    schema = _load(path)
    resolver = REGISTRY.resolver(base_uri=schema["$id"])
    broken = []
    for sub in _walk(schema):
        ref = sub.get("$ref")
        if not isinstance(ref, str):
            continue
        try:
            resolver.lookup(ref)
        except Unresolvable as exc:
            broken.append(f"{ref}: {exc}")
    assert not broken, "unresolvable $ref:\n  " + "\n  ".join(broken)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_patterns_compile_in_python(path: Path) -> None:
    bad = []
    for pattern in _patterns(_load(path)):
        try:
            re.compile(pattern)
        except re.error as exc:
            bad.append(f"{pattern!r}: {exc}")
    assert not bad, "\n".join(bad)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_patterns_compile_in_ecmascript_unicode_mode() -> None:
    patterns = sorted({p for path in FILES for p in _patterns(_load(path))})
    script = (
        "const ps = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const bad = [];"
        "for (const p of ps) {"
        " try { new RegExp(p, 'u'); } catch (e) { bad.push(p + ' : ' + e.message); } }"
        "process.stdout.write(JSON.stringify(bad));"
    )
    node = shutil.which("node")
    assert node is not None
    proc = subprocess.run(
        [node, "-e", script],
        input=json.dumps(patterns),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    bad = json.loads(proc.stdout)
    assert not bad, "patterns that do not compile with the 'u' flag:\n" + "\n".join(bad)


def test_expression_pattern_matches_template_strings() -> None:
    expr = re.compile(_load(SCHEMAS / "common.schema.json")["$defs"]["expression"]["pattern"])
    for s in ("${args.x}", "https://${refs.api.ports.0.dns}/x", "${{secrets.a.values.b}}"):
        assert expr.search(s), s
    for s in ("plain", "$args", "{x}", "$ {x}"):
        assert not expr.search(s), s
