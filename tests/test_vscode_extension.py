"""The VS Code extension (editors/vscode): it compiles and `npm run package`
builds a .vsix with @vscode/vsce holding the extension and its language
client; its "looks like Northflank" test agrees with nflint's discovery on
a few documents. npm reaches only the npm registry (its cache when warm)."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from nflint import discovery

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "editors" / "vscode"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed"),
]


def _run(args: list[str], cwd: Path) -> str:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=480, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def test_the_extension_compiles_and_packages(tmp_path: Path) -> None:
    folder = tmp_path / "vscode"
    shutil.copytree(SOURCE, folder, ignore=shutil.ignore_patterns("node_modules", "*.vsix"))
    _run(
        ["npm", "install", "--no-audit", "--no-fund", "--no-package-lock", "--prefer-offline"],
        folder,
    )
    _run(["npm", "run", "compile"], folder)
    _run(["npm", "run", "package"], folder)
    with zipfile.ZipFile(folder / "nflint.vsix") as vsix:
        names = set(vsix.namelist())
        manifest = json.loads(vsix.read("extension/package.json"))
    assert {"extension/extension.js", "extension/northflank.js", "extension/readme.md"} <= names
    assert "extension/node_modules/vscode-languageclient/package.json" in names
    assert not any(n.startswith("extension/node_modules/@vscode/vsce/") for n in names)
    assert (
        manifest["contributes"]["configuration"]["properties"]["nflint.server.path"]["default"]
        == "nflint"
    )
    assert set(manifest["activationEvents"]) == {
        "onLanguage:json",
        "onLanguage:jsonc",
        "onLanguage:yaml",
    }


SAMPLES = {
    "flow.yaml": "$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1.2\n",
    "plain.yaml": "apiVersion: v1.2\nspec:\n  kind: Workflow\n",
    "compose.yaml": "services:\n  web:\n    image: nginx\n",
    "package.json": '{"name": "x", "version": "1.0.0"}',
}


def test_the_extension_activates_on_what_nflint_lints() -> None:
    script = (
        "const { looksNorthflank } = require(process.argv[1]);"
        "const samples = JSON.parse(process.argv[2]);"
        "process.stdout.write(JSON.stringify(Object.fromEntries("
        "Object.entries(samples).map(([k, v]) => [k, looksNorthflank(v)]))));"
    )
    out = _run(["node", "-e", script, str(SOURCE / "northflank.js"), json.dumps(SAMPLES)], ROOT)
    assert json.loads(out) == {
        "flow.yaml": True,
        "plain.yaml": True,
        "compose.yaml": False,
        "package.json": False,
    }
    for name, text in SAMPLES.items():  # nflint's own byte test lets the same ones through
        if json.loads(out)[name]:
            assert discovery.may_be_northflank(text.encode()), name
