"""The schemas say each thing once: templated twins are their base plus
expression branches, a `$defs` name means one thing in every file, and the
node kinds of each context are those its schema dispatches on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nflint.northflank import kinds

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
FILES = {p.relative_to(SCHEMAS).as_posix(): p for p in sorted(SCHEMAS.rglob("*.schema.json"))}
CONTENTS = {name: json.loads(path.read_text(encoding="utf-8")) for name, path in FILES.items()}

#: keywords that describe without constraining
ANNOTATIONS = frozenset({"description", "title", "$comment", "examples", "default"})
#: the files every other file refers to: their names are the shared vocabulary
SHARED = ("common.schema.json", "resources.schema.json")
TEMPLATED = "-templated"


def _is_expression(schema: object) -> bool:
    return isinstance(schema, dict) and str(schema.get("$ref", "")).endswith(
        "common.schema.json#/$defs/expression"
    )


def _meaning(schema: Any) -> Any:
    """``schema`` without its annotations."""
    if isinstance(schema, list):
        return [_meaning(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    return {k: _meaning(v) for k, v in schema.items() if k not in ANNOTATIONS}


def _untemplated(schema: Any) -> Any:
    """``schema`` with its expression branches taken out (``anyOf [X,
    expression]`` becomes X) and references to twins turned to their bases."""
    if isinstance(schema, list):
        return [_untemplated(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    if any(_is_expression(b) for b in schema.get("anyOf", ())):
        rest = [b for b in schema["anyOf"] if not _is_expression(b)]
        beside = {k: v for k, v in schema.items() if k != "anyOf" and k not in ANNOTATIONS}
        if len(rest) == 1 and not beside:
            return _untemplated(rest[0])
        return _untemplated({**beside, "anyOf": rest})
    out = {}
    for key, value in schema.items():
        if key in ANNOTATIONS:
            continue
        ref = key == "$ref" and isinstance(value, str)
        out[key] = value.removesuffix(TEMPLATED) if ref else _untemplated(value)
    return out


def _twins() -> list[tuple[str, str]]:
    return [
        (file, name)
        for file, contents in CONTENTS.items()
        for name in contents.get("$defs", {})
        if name.endswith(TEMPLATED)
    ]


def test_there_are_twins() -> None:
    assert len(_twins()) >= 10


@pytest.mark.parametrize(("file", "name"), _twins(), ids=[n for _, n in _twins()])
def test_a_twin_is_its_base_plus_expressions(file: str, name: str) -> None:
    """``X-templated`` is ``X`` where template expressions are also allowed
    (X in the same file or in common.schema.json): nothing else differs, and
    something does (else ``X`` itself is used)."""
    base = name.removesuffix(TEMPLATED)
    home = file if base in CONTENTS[file]["$defs"] else "common.schema.json"
    assert base in CONTENTS[home]["$defs"], f"{file}: {name} has no {base}"
    twin, plain = CONTENTS[file]["$defs"][name], CONTENTS[home]["$defs"][base]
    ref = ("" if home == file else Path(home).name) + f"#/$defs/{base}"
    expected = (_meaning(plain), {"$ref": ref})
    assert _untemplated(twin) in expected, f"{name} is not {base} plus expressions"
    assert _meaning(twin) != _meaning(plain), f"{name} is a copy of {base}: use {base}"


def _wrappers() -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    for file, contents in CONTENTS.items():
        stack: list[object] = [contents]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                if any(_is_expression(b) for b in node.get("anyOf", ())):
                    found.append((file, node))
                stack.extend(v for k, v in node.items() if k not in ("enum", "const"))
    return found


def test_expression_wrappers_have_one_shape() -> None:
    """Every value that admits a template expression says so the same way:
    ``anyOf`` of the plain schema(s) and the expression, one expression
    branch, nothing but annotations beside it, no wrapper inside a wrapper."""
    wrappers = _wrappers()
    assert len(wrappers) > 400
    for file, node in wrappers:
        branches = node["anyOf"]
        assert sum(1 for b in branches if _is_expression(b)) == 1, (file, node)
        assert set(node) - ANNOTATIONS == {"anyOf"}, (file, node)
        for branch in branches:
            inner = branch.get("anyOf", ()) if isinstance(branch, dict) else ()
            assert not any(_is_expression(b) for b in inner), (file, node)


def _local_refs(file: str) -> set[str]:
    """The names of ``file``'s own $defs that ``file`` refers to."""
    found: set[str] = set()
    stack: list[object] = [CONTENTS[file]]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                found.add(ref.removeprefix("#/$defs/").split("/")[0])
            stack.extend(node.values())
    return found


def test_a_defs_name_means_one_thing() -> None:
    """A name of the shared files (common, resources) is not given another
    meaning anywhere; other files may reuse a name for a meaning of their own
    (a node's sub-kinds: the Condition's ``VCS`` target, the Message's
    ``VCS`` kind) only as a local name, which no other file refers to."""
    owners: dict[str, list[str]] = {}
    for file, contents in CONTENTS.items():
        for name in contents.get("$defs", {}):
            owners.setdefault(name, []).append(file)
    every_ref = "\n".join(path.read_text(encoding="utf-8") for path in FILES.values())
    for name, files in owners.items():
        if len(files) == 1:
            continue
        meanings = {json.dumps(_meaning(CONTENTS[f]["$defs"][name]), sort_keys=True) for f in files}
        shared = [f for f in files if f in SHARED]
        assert not shared or len(meanings) == 1, f"$defs {name!r} differs in {files}"
        for file in files:
            assert f'{Path(file).name}#/$defs/{name}"' not in every_ref, (name, file)
            assert name in _local_refs(file) or file in SHARED, (name, file)


@pytest.mark.parametrize("context", sorted(kinds.CONTEXTS))
def test_context_kinds_are_the_schemas(context: str) -> None:
    """`kinds.CONTEXTS` (messages, the language server) lists the kinds that
    contexts/<context>.schema.json allows and dispatches on."""
    schema = CONTENTS[f"contexts/{context}.schema.json"]
    allowed = set(schema["properties"]["kind"]["enum"])
    dispatched = {
        member["if"]["properties"]["kind"]["const"]
        for member in schema["allOf"]
        if "if" in member and "kind" in member["if"].get("properties", {})
    }
    assert allowed == dispatched
    assert kinds.CONTEXTS[context] == allowed


def test_every_context_schema_is_a_context() -> None:
    files = {f.removeprefix("contexts/").removesuffix(".schema.json") for f in FILES}
    assert set(kinds.CONTEXTS) == {f for f in files if f"contexts/{f}.schema.json" in FILES}
