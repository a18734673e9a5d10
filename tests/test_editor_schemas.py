"""The exported schemas in the editors' own language services, as a user sets
them up (README "Editor set-up"): yaml-language-server over stdio with a
modeline and with `yaml.schemas`, and vscode-json-languageservice (VS Code's
JSON support) with `json.schemas`. Each must load the bundle (no "cannot be
resolved" or "Problems loading reference") and give nflint's verdict on every
test document: no diagnostic where nflint's schema check passes, at least one
where it fails.

The npm packages come from `.ci/run` (`.ci-node`, or NFLINT_EDITOR_NODE_DIR);
the tests skip only when node is absent, and fail when node is there but the
packages are not.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from nflint.cli import main
from nflint.schema import store as schema_store
from tests.conftest import ROOT, require_node_packages
from tests.test_bundle_ajv import TYPES, instances

NODE_DIR = Path(os.environ.get("NFLINT_EDITOR_NODE_DIR") or ROOT / ".ci-node")
SCRIPT = ROOT / "tests" / "editor_check.mjs"
MODES = ("modeline", "yaml.schemas", "json.schemas")

pytestmark = [
    pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed"),
    pytest.mark.slow,
]


def _document(data: Any) -> Any:
    """The test document without a top-level "$schema": both services let a
    document's own $schema win over the user's mapping (README)."""
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if k != "$schema"}
    return data


class _Dumper(yaml.SafeDumper):
    """Quotes strings that YAML 1.2 (the editors' YAML) reads as numbers
    although YAML 1.1 (PyYAML, nflint) reads them as strings, such as
    ``09015218227`` in a real-world file: the same text, the same data."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '"' if re.fullmatch(r"[-+]?[0-9][0-9_.eE+-]*", value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


@functools.cache
def _run(folder: str) -> tuple[dict[str, Any], tuple[tuple[str, str, str, bool], ...]]:
    """Exports the schemas with `nflint schema --all --out`, writes every test
    document three times (one per mode), runs both language services.
    Returns their output and (uri, mode, name, nflint's verdict) rows."""
    root = Path(folder)
    result = CliRunner().invoke(main, ["schema", "--all", "--out", str(root / "schemas")])
    assert result.exit_code == 0, result.output
    docs = root / "docs"
    docs.mkdir()
    rows: list[tuple[str, str, str, bool]] = []
    documents: list[dict[str, str]] = []
    for index, (name, doc_type, data) in enumerate(instances()):
        verdict = bool(schema_store.validator(doc_type).is_valid(data))
        body = _document(data)
        as_yaml = yaml.dump(body, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
        files = {
            "modeline": (
                docs / f"{index}.modeline.yaml",
                f"# yaml-language-server: $schema=../schemas/{doc_type}.schema.json\n{as_yaml}",
            ),
            "yaml.schemas": (docs / f"{index}.{doc_type}.yaml", as_yaml),
            "json.schemas": (docs / f"{index}.{doc_type}.json", json.dumps(body, indent=2)),
        }
        for mode, (path, text) in files.items():
            path.write_text(text, encoding="utf-8")
            language = "json" if path.suffix == ".json" else "yaml"
            documents.append({"uri": path.as_uri(), "language": language})
            rows.append((path.as_uri(), mode, name, verdict))
    schemas = {
        (root / "schemas" / f"{t}.schema.json").as_uri(): [f"**/*.{t}.yaml", f"*.{t}.json"]
        for t in TYPES
    }
    return _services(schemas, documents), tuple(rows)


def _services(
    schemas: dict[str, list[str]], documents: list[dict[str, str]], hovers: Any = ()
) -> Any:
    job = json.dumps({"schemas": schemas, "documents": documents, "hovers": list(hovers)})
    process = subprocess.run(
        ["node", str(SCRIPT), str(NODE_DIR)],
        input=job.encode(),
        capture_output=True,
        timeout=280,
        check=False,
    )
    assert process.returncode == 0, process.stderr.decode()[-3000:]
    return json.loads(process.stdout)


def _readme_block(after: str, language: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"```{language}\n", text.index(after)) + len(language) + 4
    return text[start : text.index("```", start)]


def _installed() -> None:
    require_node_packages(NODE_DIR, "yaml-language-server", "vscode-json-languageservice")


@pytest.fixture(scope="module")
def editors(tmp_path_factory: pytest.TempPathFactory) -> Any:
    _installed()
    return _run(str(tmp_path_factory.mktemp("editors")))


def test_versions_are_the_pinned_ones(editors: Any) -> None:
    output, _ = editors
    assert output["versions"] == {
        "yaml-language-server": "2.0.0",
        "vscode-json-languageservice": "5.7.2",
    }


def test_every_document_was_checked_against_the_bundle(editors: Any) -> None:
    output, rows = editors
    assert {uri for uri, *_ in rows} == set(output["diagnostics"])
    loading = [
        (name, mode, d["message"])
        for uri, mode, name, _ in rows
        for d in output["diagnostics"][uri]
        if "resolve" in d["message"] or "load" in d["message"].lower()
    ]
    assert loading == []


@pytest.mark.parametrize("mode", MODES)
def test_editor_verdicts_are_nflints(editors: Any, mode: str) -> None:
    output, rows = editors
    differ = []
    checked = {True: 0, False: 0}
    for uri, row_mode, name, verdict in rows:
        if row_mode != mode:
            continue
        errors = [d for d in output["diagnostics"][uri] if d["severity"] == 1]
        checked[verdict] += 1
        if verdict == bool(errors):
            differ.append((name, verdict, [d["message"] for d in errors][:3]))
    assert differ == []
    assert checked[True] >= 15 and checked[False] >= 8


def test_the_readme_set_up_as_written(tmp_path: Path) -> None:
    """The README's export command, its VS Code settings (paths relative to
    the workspace folder) and its modeline example, in a new repository."""
    _installed()
    command = _readme_block("## Editor set-up", "sh").split()
    assert command[:2] == ["nflint", "schema"]
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)
        result = CliRunner().invoke(main, command[1:])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    settings = json.loads(_readme_block("### VS Code", "jsonc"))
    schemas: dict[str, list[str]] = {}
    for item in settings["json.schemas"]:
        uri = (tmp_path / item["url"]).resolve().as_uri()
        schemas.setdefault(uri, []).extend(item["fileMatch"])
    for url, globs in settings["yaml.schemas"].items():
        schemas.setdefault((tmp_path / url).resolve().as_uri(), []).extend(globs)
    modeline = _readme_block("### YAML modeline", "yaml")
    bad_flow = modeline.replace("steps: []", "steps:\n      - kind: Relase\n")
    template = {"apiVersion": "v1.2", "name": "api", "spec": {
        "kind": "Workflow", "spec": {"type": "sequential", "steps": []}}}
    files = {
        "northflank/release-flows/flow.yaml": (modeline, True),
        "northflank/release-flows/bad.yaml": (bad_flow, False),
        "northflank/templates/api.json": (json.dumps(template), True),
        "northflank/templates/bad.json": (json.dumps({**template, "name": "a_b"}), False),
        "northflank/templates/api.yaml": (yaml.safe_dump(template), True),
        "northflank/templates/bad.yaml": (yaml.safe_dump({**template, "bogus": 1}), False),
    }
    documents = []
    for name, (text, _) in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        documents.append({"uri": path.as_uri(), "language": path.suffix[1:]})
    flow = (tmp_path / "northflank/release-flows/flow.yaml").as_uri()
    lines = modeline.splitlines()
    kind_line = next(i for i, line in enumerate(lines) if "kind: Workflow" in line)
    type_line = next(i for i, line in enumerate(lines) if "type: sequential" in line)
    hovers = [
        {"uri": flow, "line": kind_line, "character": lines[kind_line].index("Workflow") + 2},
        {"uri": flow, "line": type_line, "character": lines[type_line].index("type") + 1},
    ]
    output = _services(schemas, documents, hovers)
    # plain yaml-language-server users get nflint's descriptions on hover
    assert "Flow control: runs its steps sequentially or in parallel" in output["hovers"][0]
    assert "* `Workflow`: **Workflow**: Flow control" in output["hovers"][0]
    assert "sequential: in order, each waits for the previous" in output["hovers"][1]
    for name, (text, valid) in files.items():
        data = yaml.safe_load(text)
        doc_type = "release-flow" if "release-flows" in name else "template"
        assert schema_store.validator(doc_type).is_valid(data) == valid, name
        found = output["diagnostics"][(tmp_path / name).as_uri()]
        assert bool(found) != valid, (name, found)


def test_the_settings_nflint_init_writes(tmp_path: Path) -> None:
    """`nflint init`'s mappings (patterns and URLs relative to the workspace
    folder) select the exported schemas in both services."""
    _installed()
    (tmp_path / "deploy").mkdir()
    good = {"apiVersion": "v1.2", "name": "api", "spec": {
        "kind": "Workflow", "spec": {"type": "sequential", "steps": []}}}
    schema = {"$schema": "https://api.northflank.com/v1/schemas/template"}
    (tmp_path / "deploy" / "api.json").write_text(json.dumps({**schema, **good}))
    (tmp_path / "deploy" / "api.yaml").write_text(yaml.safe_dump({**schema, **good}))
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text())
    schemas: dict[str, list[str]] = {}
    for item in settings["json.schemas"]:
        uri = (tmp_path / item["url"]).resolve().as_uri()
        schemas.setdefault(uri, []).extend(item["fileMatch"])
    for url, globs in settings["yaml.schemas"].items():
        schemas.setdefault((tmp_path / url).resolve().as_uri(), []).extend(globs)
    # the editors see the files without "$schema" (which would win over the
    # mapping), one broken
    bad = {**good, "name": "a_b"}
    (tmp_path / "deploy" / "api.json").write_text(json.dumps(bad))
    (tmp_path / "deploy" / "api.yaml").write_text(yaml.safe_dump(good))
    documents = [
        {"uri": (tmp_path / "deploy" / n).as_uri(), "language": n.split(".")[1]}
        for n in ("api.json", "api.yaml")
    ]
    output = _services(schemas, documents)
    found = {d["uri"].rsplit("/", 1)[1]: d for d in documents}
    assert output["diagnostics"][found["api.yaml"]["uri"]] == []
    [problem] = output["diagnostics"][found["api.json"]["uri"]]
    assert problem["severity"] == 1 and problem["line"] == 1
