"""`nflint init`: starter config, schema export, editor mappings merged into
.vscode/settings.json; nothing the user wrote is overwritten without --force."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from nflint.cli import main
from nflint.config.files import load
from nflint.schema.bundle import bundle
from tests.documents import release_flow

FLOW = release_flow()
TEMPLATE = {
    "$schema": "https://api.northflank.com/v1/schemas/template",
    "apiVersion": "v1.2",
    "name": "api",
    "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}},
}


def project(root: Path) -> Path:
    (root / "deploy").mkdir(parents=True)
    (root / "deploy" / "flow.yaml").write_text(FLOW)
    (root / "deploy" / "api.json").write_text(json.dumps(TEMPLATE))
    (root / "package.json").write_text('{"name": "not-northflank"}')
    return root


def run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["init", *args])
    return result.exit_code, result.output.splitlines()


@pytest.mark.slow
def test_init_in_a_new_project(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, lines = run(str(root))
    assert code == 0
    assert lines == [
        "wrote .nflint.toml",
        "exported 7 schemas to .nflint/schemas/ (7 new or updated)",
        "added 2 schema mappings to .vscode/settings.json",
    ]
    assert load(str(root / ".nflint.toml")).select is None  # valid, all defaults
    exported = json.loads((root / ".nflint" / "schemas" / "template.schema.json").read_text())
    assert exported == bundle("template")
    settings = json.loads((root / ".vscode" / "settings.json").read_text())
    assert settings == {
        "json.schemas": [
            {"fileMatch": ["**/deploy/api.json"], "url": "./.nflint/schemas/template.schema.json"}
        ],
        "yaml.schemas": {"./.nflint/schemas/release-flow.schema.json": ["**/deploy/flow.yaml"]},
    }


@pytest.mark.slow
def test_init_merges_and_keeps_what_is_there(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / ".nflint.toml").write_text('ignore = ["NF201"]\n')
    (root / ".vscode").mkdir()
    mine = {
        "editor.tabSize": 2,
        "json.schemas": [
            {"fileMatch": ["/mine.json"], "url": "./mine.schema.json"},
            {"fileMatch": ["**/old/*.json"], "url": "./.nflint/schemas/template.schema.json"},
        ],
        "yaml.schemas": {"./k8s.json": "k8s/*.yaml"},
    }
    (root / ".vscode" / "settings.json").write_text(json.dumps(mine))
    code, lines = run(str(root))
    assert code == 0
    assert lines[0] == "kept .nflint.toml (exists; --force replaces it)"
    assert (root / ".nflint.toml").read_text() == 'ignore = ["NF201"]\n'
    settings = json.loads((root / ".vscode" / "settings.json").read_text())
    assert settings["editor.tabSize"] == 2
    assert settings["json.schemas"] == [
        {"fileMatch": ["/mine.json"], "url": "./mine.schema.json"},
        {
            "fileMatch": ["**/old/*.json", "**/deploy/api.json"],
            "url": "./.nflint/schemas/template.schema.json",
        },
    ]
    assert settings["yaml.schemas"] == {
        "./k8s.json": "k8s/*.yaml",
        "./.nflint/schemas/release-flow.schema.json": ["**/deploy/flow.yaml"],
    }
    code, lines = run(str(root))  # again: nothing new
    assert lines[1:] == [
        "exported 7 schemas to .nflint/schemas/ (0 new or updated)",
        ".vscode/settings.json already maps every Northflank file",
    ]


@pytest.mark.slow
def test_settings_with_comments_need_force(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / ".vscode").mkdir()
    commented = '{\n  // mine\n  "editor.tabSize": 2\n}\n'
    (root / ".vscode" / "settings.json").write_text(commented)
    code, lines = run(str(root))
    assert code == 0
    assert lines[2] == (
        "left .vscode/settings.json alone: not plain JSON (comments?); --force rewrites it"
    )
    assert (root / ".vscode" / "settings.json").read_text() == commented
    code, lines = run("--force", str(root))
    assert lines[0] == "replaced .nflint.toml"
    assert lines[2] == "added 2 schema mappings to .vscode/settings.json"
    assert "json.schemas" in json.loads((root / ".vscode" / "settings.json").read_text())
