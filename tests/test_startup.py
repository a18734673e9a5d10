"""What a run loads, without timing anything (the benchmark times; see
docs/benchmarks.md). Start-up is most of a small run, so a valid JSON file
must be linted without importing jsonschema, PyYAML, multiprocessing,
OpenSSL, XML, subprocess, signal, pathlib, urllib or difflib: each loads only
when a run needs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402 - bench/corpus.py: the benchmark's generated documents

PROBE = """
import sys
from nflint.cli import main
sys.argv[1:] = ["check", "--isolated", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    print(exc.code, file=sys.stderr)
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""

LAZY = (
    "jsonschema",
    "referencing",
    "yaml",
    "multiprocessing",
    "concurrent",
    "hashlib",
    "xml",
    "pathlib",
    "urllib",
    "difflib",
    "subprocess",
    "signal",
)


def _modules_after(tmp_path: Path, *files: Path, full: bool = False) -> tuple[str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, files)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
    )
    code, modules = done.stderr.strip().splitlines()[-2:]
    return code, {m if full else m.split(".")[0] for m in modules.split()}


def test_a_valid_json_file_needs_no_jsonschema_nor_yaml(tmp_path: Path) -> None:
    path = corpus.write_json(tmp_path / "flow.json", corpus.release_flow(0))
    code, modules = _modules_after(tmp_path, path)
    assert code == "0"
    assert not modules.intersection(LAZY), sorted(modules.intersection(LAZY))


@pytest.mark.slow
def test_an_invalid_file_still_gets_jsonschema_findings(tmp_path: Path) -> None:
    data = corpus.release_flow(0)
    data["spec"]["spec"]["type"] = "sideways"
    path = tmp_path / "flow.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, modules = _modules_after(tmp_path, path)
    assert code == "1"
    assert "jsonschema" in modules


@pytest.mark.slow
def test_check_never_loads_the_language_server(tmp_path: Path) -> None:
    """pygls and lsprotocol (the `lsp` extra) load only for `nflint lsp`, even
    on a YAML file with findings, where a run loads the most."""
    path = tmp_path / "flow.yaml"
    path.write_text("apiVersion: v1.2\nspec:\n  kind: Workflow\n  spec: {type: sideways}\n")
    code, modules = _modules_after(tmp_path, path, full=True)
    assert code == "1"
    assert "yaml" in modules  # the run did lint the file
    server = {m for m in modules if m.split(".")[0] in ("pygls", "lsprotocol", "cattrs")}
    assert server == set()
    assert not any(m.startswith("nflint.lsp") for m in modules)


def test_a_valid_file_loads_no_failure_path(tmp_path: Path) -> None:
    """Turning schema errors into findings, the focused validator and the
    fixes load only for a document that has findings."""
    path = corpus.write_json(tmp_path / "flow.json", corpus.release_flow(0))
    code, modules = _modules_after(tmp_path, path, full=True)
    assert code == "0"
    failure_path = {"nflint.schema.errors", "nflint.schema.focus", "nflint.schema.literals"}
    loaded = sorted(m for m in modules if m in failure_path or m.startswith("nflint.fixes"))
    assert loaded == []
