"""`nflint schema --type T` prints one self-contained schema per document type
that editors can use. Each bundle:

- is a valid draft 2020-12 schema whose every `$ref` resolves inside it
  (jsonschema with an empty registry: nothing outside the file is reachable);
- compiles in Ajv (`ajv/dist/2020`; options in tests/ajv_check.mjs);
- gives the same valid/invalid verdict as jsonschema, and as nflint's own
  validator (the unbundled schemas), on the examples, the documentation
  examples, the real-world corpus and a few invalid documents.

Ajv is found through NFLINT_AJV_DIR (a directory holding node_modules/ajv),
by default <repo>/.ci-node (`npm install --prefix .ci-node ajv@8`); without
node or Ajv only the Ajv checks are skipped.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from nflint.cli import main
from nflint.northflank import detect, doctypes
from nflint.schema import store as schema_store
from tests.conftest import CORPUS, ROOT, require_node_packages

pytestmark = pytest.mark.slow  # Node.js and Ajv end to end

TYPES = sorted(doctypes.NAMES)
AJV_DIR = Path(os.environ.get("NFLINT_AJV_DIR") or ROOT / ".ci-node")
SCRIPT = ROOT / "tests" / "ajv_check.mjs"


@functools.cache
def bundle(doc_type: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["schema", "--type", doc_type])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def alone(schema: dict[str, Any]) -> Registry[Any]:
    """A registry of the bundle and its embedded resources only (crawled
    once, as jsonschema would on every lookup): nothing else is reachable."""
    resource = DRAFT202012.create_resource(schema)
    return Registry().with_resource(schema["$id"], resource).crawl()  # type: ignore[no-any-return]


@functools.cache
def python_validator(doc_type: str) -> Any:
    """jsonschema on the bundle alone."""
    schema = bundle(doc_type)
    return Draft202012Validator(schema, registry=alone(schema))


def _load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text) if path.suffix in (".yaml", ".yml") else json.loads(text)


def _invalid() -> list[tuple[str, str, Any]]:
    flow = {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}}
    return [
        ("bad-template-name", "template", {"apiVersion": "v1.2", "name": "a_b", "spec": flow}),
        ("misspelt-kind", "release-flow", {"apiVersion": "v1.2", "spec": {
            "kind": "Workflow", "spec": {"type": "sequential", "steps": [{"kind": "Relase"}]}}}),
        ("workflow-without-name", "workflow", {"apiVersion": "v1.2", "spec": flow}),
        ("preview-trigger-type", "preview-template", {"apiVersion": "v1.2", "spec": flow,
            "triggers": [{"type": "github", "vcsService": "github",
                          "repoUrl": "https://github.com/acme/api"}]}),
        ("blueprint-trigger-kind", "preview-blueprint", {"apiVersion": "v1.2", "name": "demo",
            "spec": flow, "triggers": [{"kind": "push", "spec": {}}]}),
        ("run-without-template-id", "template-run", {"data": {
            "apiVersion": "v1.2", "spec": flow, "id": "r", "status": "success",
            "concluded": True, "createdAt": "x", "updatedAt": "y"}}),
        ("run-bad-status", "release-flow-run", {
            "apiVersion": "v1.2", "spec": flow, "id": "r", "status": "done",
            "concluded": True, "createdAt": "x", "updatedAt": "y"}),
        ("unicode-description", "template", {"apiVersion": "v1.2", "description": "café",
                                             "spec": flow}),
    ]


@functools.cache
def instances() -> tuple[tuple[str, str, Any], ...]:
    """(name, document type, data) of every document checked."""
    found: list[tuple[str, str, Any]] = []
    paths = [
        *sorted((ROOT / "examples").rglob("*.json")),
        *sorted((ROOT / "examples").rglob("*.yaml")),
        *sorted((CORPUS / "docs-examples").glob("*.json")),
        *sorted((CORPUS / "docs-examples" / "api").glob("*.json")),
        *sorted((CORPUS / "real-world").glob("*.json"))[::6],  # a sample: time
    ]
    for path in paths:
        try:
            data = _load(path)
        except ValueError:
            continue  # not JSON (tests/test_corpus.py covers those)
        detected = detect.detect(data).type
        if detected is not None:
            found.append((path.relative_to(ROOT).as_posix(), detected, data))
    found.extend(_invalid())
    return tuple(found)


def _ajv_missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not (AJV_DIR / "node_modules" / "ajv" / "package.json").is_file():
        return f"Ajv is not installed in {AJV_DIR} (npm install --prefix {AJV_DIR} ajv@8)"
    return None


@pytest.fixture(scope="module", autouse=True)
def _ajv_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], Any]]:
    """Starts Ajv before this module's first test, so that node works on
    another core while the jsonschema tests run; ``ajv`` waits for it."""
    missing = _ajv_missing()
    if missing:
        yield lambda: missing
        return
    folder = tmp_path_factory.mktemp("ajv")
    job = {
        "schemas": {t: bundle(t) for t in TYPES},
        "instances": [{"type": t, "data": data} for _, t, data in instances()],
    }
    (folder / "job.json").write_text(json.dumps(job))
    with (
        (folder / "job.json").open("rb") as stdin,
        (folder / "out.json").open("wb") as stdout,
        (folder / "err.txt").open("wb") as stderr,
    ):
        process = subprocess.Popen(
            ["node", str(SCRIPT), str(AJV_DIR)], stdin=stdin, stdout=stdout, stderr=stderr
        )

    @functools.cache
    def result() -> Any:
        code = process.wait(timeout=300)
        assert code == 0, (folder / "err.txt").read_text()
        return json.loads((folder / "out.json").read_text())

    yield result
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.fixture
def ajv(_ajv_run: Callable[[], Any]) -> dict[str, Any]:
    result = _ajv_run()
    if isinstance(result, str):
        if shutil.which("node") is None:
            pytest.skip(result)
        require_node_packages(AJV_DIR, "ajv")
    assert isinstance(result, dict)
    return result


# --- jsonschema ----------------------------------------------------------------


def _refs(node: Any, base: str) -> list[tuple[str, str]]:
    """(absolute $ref, where) for every $ref, resolved against the nearest $id."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[Any, str, str]] = [(node, base, "#")]
    while stack:
        current, uri, where = stack.pop()
        if isinstance(current, dict):
            if isinstance(current.get("$id"), str):
                uri = urljoin(uri, current["$id"])
            if isinstance(current.get("$ref"), str):
                found.append((urljoin(uri, current["$ref"]), where))
            stack.extend((v, uri, f"{where}/{k}") for k, v in current.items()
                         if k not in ("enum", "const", "examples", "default"))
        elif isinstance(current, list):
            stack.extend((v, uri, f"{where}/{i}") for i, v in enumerate(current))
    return found


def _schema_objects(node: Any, where: str = "#") -> Iterator[tuple[dict[str, Any], str]]:
    """Every schema object and its pointer (data under enum/const/examples/
    default is skipped; so are the names under properties and $defs)."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _schema_objects(item, f"{where}/{i}")
        return
    if not isinstance(node, dict):
        return
    yield node, where
    for key, value in node.items():
        if key in ("properties", "patternProperties", "$defs", "dependentSchemas"):
            for name, sub in value.items():
                yield from _schema_objects(sub, f"{where}/{key}/{name}")
        elif key not in ("enum", "const", "examples", "default"):
            yield from _schema_objects(value, f"{where}/{key}")


@pytest.mark.parametrize("doc_type", TYPES)
def test_bundle_is_one_document_with_local_refs_only(doc_type: str) -> None:
    """What editors need: every $ref a pointer into this file, no embedded
    resource ($id or $schema below the root), every definition under $defs."""
    schema = bundle(doc_type)
    resolver = alone(schema).resolver()
    objects = list(_schema_objects(schema))
    refs = [(node["$ref"], where) for node, where in objects if "$ref" in node]
    assert len(refs) > 10
    for ref, where in dict(refs).items():
        assert ref.startswith("#/$defs/") or ref.startswith("#/properties/"), (ref, where)
        resolver.lookup(schema["$id"] + ref)  # raises Unresolvable when not in the file
    inner = [where for node, where in objects[1:] if "$id" in node or "$schema" in node]
    assert inner == []
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    if doc_type == "workflow":  # the meta-schema check takes 1 s per 100 kB of schema;
        Draft202012Validator.check_schema(schema)  # test_schemas_meta checks each file


@pytest.mark.parametrize("doc_type", TYPES)
def test_bundle_holds_each_schema_file_it_reaches_once(doc_type: str) -> None:
    """Each schema file reached from the type's schema sits under
    #/$defs/<folder>-<name> with its keywords (refs rewritten, annotations
    added), and no other file is there."""
    schema = bundle(doc_type)
    root_name = doctypes.get(doc_type).schema_file
    reached, queue = set(), [schema_store.BASE_URI + root_name]
    while queue:
        uri = queue.pop()
        if uri in reached:
            continue
        reached.add(uri)
        queue.extend(urldefrag(u).url for u, _ in _refs(schema_store.schema(uri), uri))
    reached.discard(schema_store.BASE_URI + root_name)
    names = {
        u.removeprefix(schema_store.BASE_URI).removesuffix(".schema.json").replace("/", "-")
        for u in reached
    }
    own = set(schema_store.schema(root_name).get("$defs", {}))
    assert set(schema["$defs"]) == names | own
    for name in names:
        source = schema_store.schema(name.replace("-", "/", 1) + ".schema.json"
                                     if name.startswith(("nodes-", "contexts-"))
                                     else name + ".schema.json")
        copied = schema["$defs"][name]
        assert set(copied) - {"markdownDescription"} == set(source) - {"$id", "$schema"}, name
        assert copied.get("required") == source.get("required"), name


def test_bundle_annotates_kinds_for_editors() -> None:
    schema = bundle("release-flow")
    kind = schema["$defs"]["contexts-release-flow"]["properties"]["kind"]
    assert len(kind["markdownEnumDescriptions"]) == len(kind["enum"])
    approval = kind["markdownEnumDescriptions"][kind["enum"].index("Approval")]
    assert approval.startswith("**Approval**: Waits for manual approval")
    assert "Allowed in " in approval and "release flows and workflows" in approval
    assert schema["markdownDescription"].startswith("**Northflank release flow**\n\n")


def test_schema_all_writes_every_type(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", "--all", "--out", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert written == sorted(f"{t}.schema.json" for t in TYPES)
    assert result.output.count("wrote ") == len(TYPES)
    assert json.loads((tmp_path / "s" / "workflow.schema.json").read_text()) == bundle("workflow")
    for args in (["schema", "--all"], ["schema"], ["schema", "--all", "--type", "workflow"]):
        refused = CliRunner().invoke(main, args)
        assert refused.exit_code == 2, args


def _patterns(node: Any) -> list[str]:
    if isinstance(node, list):
        return [p for item in node for p in _patterns(item)]
    if not isinstance(node, dict):
        return []
    found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
    skip = ("enum", "const", "examples", "default")
    return found + [p for k, v in node.items() if k not in skip for p in _patterns(v)]


@pytest.mark.parametrize("doc_type", TYPES)
def test_bundle_patterns_avoid_constructs_one_dialect_lacks(doc_type: str) -> None:
    """Identity escapes of ':' and '@' (invalid with Ajv's `u` flag) and named
    groups (spelt differently in Python) were rewritten; each $comment keeps
    Northflank's original."""
    patterns = _patterns(bundle(doc_type))
    assert len(patterns) > 10
    for pattern in patterns:
        assert not any(bad in pattern for bad in ("\\:", "\\@", "(?<", "(?P<")), pattern


@functools.cache
def bundle_verdicts() -> tuple[bool, ...]:
    return tuple(bool(python_validator(t).is_valid(data)) for _, t, data in instances())


def test_bundle_and_nflint_agree_on_every_document() -> None:
    verdicts = {}
    for (name, doc_type, data), bundled in zip(instances(), bundle_verdicts(), strict=True):
        own = schema_store.validator(doc_type).is_valid(data)
        assert bundled == own, name
        verdicts[name] = bundled
    assert sum(verdicts.values()) >= 15
    assert len(verdicts) - sum(verdicts.values()) >= 15
    assert {t for _, t, _ in instances()} == set(TYPES)


# --- Ajv -------------------------------------------------------------------------


def test_every_bundle_compiles_in_ajv(ajv: dict[str, Any]) -> None:
    assert ajv["ajv"].startswith("8.")
    assert ajv["compiled"] == {t: None for t in TYPES}
    # not even a strict-mode note: every keyword that applies to one type
    # (minLength, properties) sits beside its "type", also next to a $ref
    assert ajv["log"] == []


def test_ajv_and_jsonschema_give_the_same_verdicts(ajv: dict[str, Any]) -> None:
    ours = bundle_verdicts()
    differ = [
        (name, mine, theirs)
        for (name, _, _), mine, theirs in zip(instances(), ours, ajv["valid"], strict=True)
        if mine != theirs
    ]
    assert differ == []
    assert True in ours and False in ours
