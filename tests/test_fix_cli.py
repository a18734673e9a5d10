"""``nflint check --fix``, ``--unsafe-fixes`` and ``--diff`` end to end:
what is written (and what never is), the bytes kept, the output and the
exit codes."""

from __future__ import annotations

import codecs
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from nflint.cli import main

FLOW = (
    "# deploy flow\r\n"
    "$schema: https://api.northflank.com/v1/schemas/release-flow\r\n"
    "apiVersion: v1.2\r\n"
    "options:\r\n"
    "  concurrencyPolicy: Queue   # case only: safe\r\n"
    "triggers:\r\n"
    "  - vcsService: gitub        # a typo: unsafe\r\n"
    "    repoUrl: https://github.com/acme/api\r\n"
    "spec:\r\n"
    "  kind: Workflow\r\n"
    "  spec:\r\n"
    "    type: sequential\r\n"
    "    steps: []"
)
SAFE = FLOW.replace("Queue ", "queue ")
ALL = SAFE.replace("gitub ", "github ")


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, ["check", "--no-color", *args], input=stdin)


@pytest.fixture
def flow(tmp_path: Path) -> Path:
    path = tmp_path / "release-flow.yaml"
    path.write_bytes(FLOW.encode())
    path.chmod(0o640)
    return path


def test_fix_applies_the_safe_fixes_and_keeps_every_other_byte(flow: Path) -> None:
    result = invoke("--fix", str(flow))
    assert flow.read_bytes() == SAFE.encode()  # CRLF, comments, no final newline: kept
    assert stat.S_IMODE(flow.stat().st_mode) == 0o640
    assert result.exit_code == 1  # the typo remains, an error
    assert 'error[NF104] invalid value "gitub"' in result.stdout
    assert result.stdout.endswith("1 fixed, 1 remaining (1 fixable with --unsafe-fixes)\n")
    assert not [p for p in flow.parent.iterdir() if p.name != flow.name]  # no temporary left


def test_unsafe_fixes_apply_the_rest_and_a_second_run_changes_nothing(flow: Path) -> None:
    result = invoke("--fix", "--unsafe-fixes", str(flow))
    assert flow.read_bytes() == ALL.encode()
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("2 fixed, 0 remaining\n")
    again = invoke("--fix", "--unsafe-fixes", str(flow))
    assert again.stdout.endswith("0 fixed, 0 remaining\n")
    assert flow.read_bytes() == ALL.encode()


def test_diff_writes_nothing_and_exits_1_on_a_change(flow: Path) -> None:
    before = flow.stat()
    result = invoke("--diff", str(flow))
    assert result.exit_code == 1
    assert flow.read_bytes() == FLOW.encode() and flow.stat().st_mtime_ns == before.st_mtime_ns
    name = str(flow)
    assert result.stdout_bytes.decode() == (
        f"--- {name}\n+++ {name}\n@@ -2,7 +2,7 @@\n"
        " $schema: https://api.northflank.com/v1/schemas/release-flow\r\n"
        " apiVersion: v1.2\r\n"
        " options:\r\n"
        "-  concurrencyPolicy: Queue   # case only: safe\r\n"
        "+  concurrencyPolicy: queue   # case only: safe\r\n"
        " triggers:\r\n"
        "   - vcsService: gitub        # a typo: unsafe\r\n"
        "     repoUrl: https://github.com/acme/api\r\n"
    )
    assert result.stderr == "nflint: would fix 1 finding in 1 file\n"
    unsafe = invoke("--diff", "--unsafe-fixes", str(flow))
    assert "+  - vcsService: github        # a typo: unsafe\r\n" in unsafe.stdout_bytes.decode()
    assert unsafe.stderr == "nflint: would fix 2 findings in 1 file\n"


def test_diff_exits_0_without_a_change(tmp_path: Path) -> None:
    path = tmp_path / "release-flow.yaml"
    path.write_text(ALL, encoding="utf-8")
    result = invoke("--diff", "--unsafe-fixes", str(path))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "nflint: no fixes to apply\n"


def test_fixable_findings_are_marked(flow: Path) -> None:
    plain = invoke(str(flow)).stdout
    assert ':5:22: error[NF104] [*] invalid value "Queue"' in plain
    assert ':7:17: error[NF104] invalid value "gitub"' in plain
    assert plain.endswith("[*] 1 fixable with --fix (1 more with --unsafe-fixes)\n")
    shown = invoke("--unsafe-fixes", str(flow)).stdout
    assert ':7:17: error[NF104] [*] invalid value "gitub"' in shown
    assert shown.endswith("[*] 2 fixable with --fix --unsafe-fixes\n")
    assert flow.read_bytes() == FLOW.encode()


def test_stdin_fix_prints_the_fixed_text(flow: Path) -> None:
    result = invoke("--fix", "--stdin-filename", "flow.yaml", "-", stdin=FLOW.encode())
    assert result.stdout_bytes == SAFE.encode()
    assert "flow.yaml:7:17: error[NF104]" in result.stderr
    assert result.stderr.endswith("1 fixed, 1 remaining (1 fixable with --unsafe-fixes)\n")
    assert result.exit_code == 1


def test_stdin_fix_prints_the_text_unchanged_when_nothing_applies() -> None:
    result = invoke("--fix", "--stdin-filename", "flow.yaml", "-", stdin=ALL.encode())
    assert (result.exit_code, result.stdout_bytes) == (0, ALL.encode())


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (b"", "utf-8")],
)
def test_encoding_and_bom_are_kept(tmp_path: Path, bom: bytes, encoding: str) -> None:
    path = tmp_path / "northflank.json"
    text = '{"$schema": "https://api.northflank.com/v1/schemas/release-flow",\n'
    text += ' "apiVersion": "v1.2",\n'
    text += ' "options": {"concurrencyPolicy": "Queue"}, "description": "café",\n'
    text += ' "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}}}\n'
    path.write_bytes(bom + text.encode(encoding))
    assert invoke("--fix", str(path)).exit_code == 0
    assert path.read_bytes() == bom + text.replace("Queue", "queue").encode(encoding)


def test_a_file_that_does_not_parse_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "northflank.json"
    broken = '{"apiVersion": "v1", "options": {"concurrencyPolicy": "Queue"},, }'
    path.write_text(broken, encoding="utf-8")
    result = invoke("--fix", "--unsafe-fixes", str(path))
    assert result.exit_code == 1 and "error[NF001]" in result.stdout
    assert path.read_text(encoding="utf-8") == broken


def test_a_symbolic_link_stays_a_link(tmp_path: Path, flow: Path) -> None:
    link = tmp_path / "northflank.yaml"
    link.symlink_to(flow.name)
    invoke("--fix", str(link))
    assert link.is_symlink() and flow.read_bytes() == SAFE.encode()


def test_only_discovered_files_are_touched(tmp_path: Path) -> None:
    (tmp_path / ".northflank").mkdir()
    target = tmp_path / ".northflank" / "release-flow.yaml"
    target.write_text(FLOW, encoding="utf-8")
    other = tmp_path / "release-flow.yaml.txt"  # not a file discovery looks at
    other.write_text(FLOW, encoding="utf-8")
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)
        result = invoke("--fix", "--unsafe-fixes")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == ALL.encode()
    assert other.read_bytes() == FLOW.encode()


def test_baseline_findings_are_not_fixed(tmp_path: Path, flow: Path) -> None:
    baseline = tmp_path / "baseline.json"
    invoke("--write-baseline", str(baseline), str(flow))
    text = FLOW.replace("steps: []", "steps: []\r\n  kind: workflow")  # a new finding
    text = text.replace("  kind: Workflow\r\n", "")
    flow.write_bytes(text.encode())
    result = invoke("--fix", "--unsafe-fixes", "--baseline", str(baseline), str(flow))
    assert flow.read_bytes() == text.replace("kind: workflow", "kind: Workflow").encode()
    assert result.stdout.endswith("1 fixed, 0 remaining\n")


def test_json_report_after_fix_lists_what_remains(flow: Path) -> None:
    result = invoke("--fix", "--format", "json", str(flow))
    payload = json.loads(result.stdout)
    assert [d["message"][:22] for d in payload["diagnostics"]] == ['invalid value "gitub" ']
    assert payload["diagnostics"][0]["fix"]["applicability"] == "unsafe"
    assert result.stderr == "1 fixed, 1 remaining (1 fixable with --unsafe-fixes)\n"
