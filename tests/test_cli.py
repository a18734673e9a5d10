"""The command line: exit codes, formats, stdin and the JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from nflint import __version__
from nflint.cli import main
from nflint.rules.core import url
from tests.conftest import ROOT

VALID = ROOT / "examples" / "release-flow.json"
INVALID = ROOT / "examples" / "invalid" / "release-flow-mistakes.json"


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


def test_exit_0_on_valid_files() -> None:
    code, out = run("check", str(VALID), str(ROOT / "examples" / "release-flow.yaml"))
    assert code == 0, out
    assert out.endswith("0 errors, 0 warnings, 0 infos in 2 files\n")


def test_exit_1_on_errors() -> None:
    code, out = run("check", "--no-color", str(INVALID))
    assert code == 1
    assert f'{INVALID}:5:26: error[NF104] [*] invalid value "Queue"' in out


def test_exit_2_on_missing_path_but_other_files_are_linted(tmp_path: Path) -> None:
    code, out = run("check", str(tmp_path / "nope.json"), str(INVALID))
    assert code == 2
    assert "nflint: cannot read " in out and "nope.json" in out
    assert "error[NF104]" in out


def test_exit_2_on_usage_error() -> None:
    code, _ = run("check", "--format", "xml", str(VALID))
    assert code == 2
    code, _ = run("check", "--jobs", "-1", str(VALID))  # (no path: lint the repository)
    assert code == 2


def test_version() -> None:
    code, out = run("--version")
    assert code == 0
    assert out.strip() == f"nflint, version {__version__}"


def test_stdin_with_name() -> None:
    code, out = run("check", "--stdin-filename", "flow.json", "-", stdin=INVALID.read_text())
    assert code == 1
    assert "flow.json:5:26: error[NF104]" in out


def test_json_contract() -> None:
    code, out = run("check", "--format", "json", str(INVALID))
    assert code == 1
    payload = json.loads(out)
    assert payload["version"] == 1
    assert set(payload) == {"version", "diagnostics", "files", "summary"}
    first = payload["diagnostics"][0]
    assert first == {
        "path": str(INVALID), "line": 3, "column": 17, "end_line": 3, "end_column": 23,
        "pointer": "/apiVersion", "document": 1, "rule": "NF104", "name": "invalid-value",
        "severity": "error", "url": url("NF104"),
        "message": 'invalid value "v1.3" for "apiVersion"; expected "v1.2" or "v1"',
        "hint": 'did you mean "v1.2"?', "related": [], "fix": None,
    }
    queue = payload["diagnostics"][1]
    assert queue["fix"] == {
        "applicability": "safe",
        "message": 'replace "Queue" with "queue"',
        "edits": [
            {"line": 5, "column": 26, "end_line": 5, "end_column": 33, "content": '"queue"'}
        ],
    }
    assert payload["summary"] == {"files": 1, "errors": len(payload["diagnostics"]),
                                  "warnings": 0, "infos": 0, "unreadable": 0,
                                  "baselined": 0}
    assert payload["files"] == [{"path": str(INVALID), "types": ["release-flow"], "error": None}]


def test_no_color_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    _, out = run("check", str(INVALID))
    assert "\033[" not in out
    _, out = run("check", "--color", str(INVALID))
    assert "\033[31m" in out


def test_directory_recursion(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "flow.yaml").write_text(
        (ROOT / "examples" / "release-flow.yaml").read_text())
    (tmp_path / "notes.txt").write_text("not linted")
    code, out = run("check", str(tmp_path))
    assert code == 0
    assert "in 1 file" in out


@pytest.mark.slow
def test_python_dash_m() -> None:
    proc = subprocess.run([sys.executable, "-m", "nflint", "check", str(VALID)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_not_a_northflank_document_is_said_clearly(tmp_path: Path) -> None:
    path = tmp_path / "northflank.json"
    path.write_text('{"name": "app", "buildCommand": "npm run build"}\n')
    code, out = run("check", str(path))
    assert code == 0
    assert "warning[NF004] not a Northflank document" in out
