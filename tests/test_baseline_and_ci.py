"""Baseline, --output, GitHub annotations, --fail-on and --jobs, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from nflint.cli import main
from nflint.diagnostics import Diagnostic, Severity
from nflint.findings.baseline import fingerprint
from nflint.runner import PARALLEL_THRESHOLD, cpu_count, default_jobs
from tests.conftest import CORPUS, ROOT

INVALID = ROOT / "examples" / "invalid" / "release-flow-mistakes.yaml"
VALID = ROOT / "examples" / "release-flow.json"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--isolated", *args], env=env)
    return result.exit_code, result.output


def test_baseline_reports_only_new_findings_and_survives_line_shifts(tmp_path: Path) -> None:
    flow = tmp_path / "flow.yaml"
    flow.write_text(INVALID.read_text())
    base = tmp_path / "baseline.json"
    code, out = run("--write-baseline", str(base), str(flow))
    assert code == 0
    recorded = json.loads(base.read_text())
    total = sum(f["count"] for f in recorded["findings"])
    # says what it wrote, not the report
    assert out == f"nflint: recorded {total} findings of 1 file in {base}\n"
    assert recorded["version"] == 1 and len(recorded["findings"]) == 5
    assert {f["rule"] for f in recorded["findings"]} >= {"NF002", "NF102", "NF103"}
    assert run("--baseline", str(base), str(flow)) == (
        0,
        f"0 errors, 0 warnings, 0 infos in 1 file; {total} findings hidden by the baseline\n",
    )
    # unrelated edits that shift every line
    flow.write_text("# a comment\n\n" + INVALID.read_text())
    assert run("--baseline", str(base), str(flow))[0] == 0
    # a new finding is reported, the old ones are not
    flow.write_text(
        "# a comment\n\n" + INVALID.read_text().replace("spec:\n", "spek: 1\nspec:\n", 1)
    )
    code, out = run("--baseline", str(base), str(flow))
    assert code == 0  # unknown keys are warnings
    assert out.count("warning[NF102]") == 1 and 'unknown key "spek"' in out


def test_baseline_paths_are_relative_to_the_baseline_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    flow = tmp_path / "sub" / "flow.yaml"
    flow.write_text(INVALID.read_text())
    base = tmp_path / "baseline.json"
    monkeypatch.chdir(tmp_path)
    run("--write-baseline", "baseline.json", "sub/flow.yaml")
    assert json.loads(base.read_text())["findings"][0]["path"] == "sub/flow.yaml"
    monkeypatch.chdir(tmp_path / "sub")
    assert run("--baseline", "../baseline.json", "flow.yaml")[0] == 0


def test_identical_findings_are_counted(tmp_path: Path) -> None:
    d = Diagnostic(
        "NF102", "unknown-key", Severity.WARNING, 'unknown key "x" at line 3', "a.json", "/x", None
    )
    shifted = Diagnostic(
        "NF102", "unknown-key", Severity.WARNING, 'unknown key "x" at line 9', "a.json", "/x", None
    )
    assert fingerprint(d, "a.json") == fingerprint(shifted, "a.json")
    assert fingerprint(d, "a.json") != fingerprint(d, "b.json")


def test_bad_baseline_exits_2(tmp_path: Path) -> None:
    base = tmp_path / "b.json"
    base.write_text("[]")
    code, out = run("--baseline", str(base), str(VALID))
    assert code == 2 and "not an nflint baseline" in out
    code, out = run("--baseline", str(tmp_path / "none.json"), str(VALID))
    assert code == 2 and "cannot read the baseline" in out


def test_output_file_and_text_on_the_terminal(tmp_path: Path) -> None:
    report = tmp_path / "out.sarif"
    code, out = run("--format", "sarif", "--output", str(report), str(INVALID))
    assert code == 1
    assert json.loads(report.read_text())["version"] == "2.1.0"
    assert "error[NF103]" in out
    assert out.endswith("in 1 file\n[*] 1 fixable with --fix (3 more with --unsafe-fixes)\n")
    assert "::error" not in out


def test_github_annotations_added_on_actions_without_format() -> None:
    env = {"GITHUB_ACTIONS": "true"}
    _, out = run(str(INVALID), env=env)
    assert "error[NF103]" in out
    assert (
        f"::error file={INVALID},line=4,col=11,endLine=4,endColumn=13,title=NF103 wrong-type::"
        in out
    )
    _, out = run("--format", "json", str(INVALID), env=env)
    assert "::error" not in out
    json.loads(out)
    _, out = run(str(INVALID), env={"GITHUB_ACTIONS": "false"})
    assert "::error" not in out


def test_action_writes_sarif_and_annotates(tmp_path: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    script = action["runs"]["steps"][-1]["run"]
    assert "check --format sarif --output" in script
    report = tmp_path / "nflint.sarif"
    _, out = run(
        "--format", "sarif", "--output", str(report), str(INVALID), env={"GITHUB_ACTIONS": "true"}
    )
    assert "::error file=" in out and "error[NF103]" in out and report.is_file()


def test_fail_on() -> None:
    code, _ = run(str(INVALID), "--ignore", "NF1,NF0")
    assert code == 0
    code, _ = run(str(INVALID), "--select", "NF102")
    assert code == 0
    code, _ = run(str(INVALID), "--select", "NF102", "--fail-on", "warning")
    assert code == 1
    code, _ = run(str(INVALID), "--select", "NF005", "--fail-on", "warning")
    assert code == 0
    code, _ = run(str(INVALID), "--select", "NF005", "--fail-on", "info")
    assert code == 1


def test_default_jobs() -> None:
    assert default_jobs(PARALLEL_THRESHOLD) == 1
    assert default_jobs(PARALLEL_THRESHOLD + 1) == cpu_count()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_jobs_output_identical_to_serial(tmp_path: Path, fmt: str) -> None:
    sources = [*sorted(CORPUS.rglob("*.json"))[:30], INVALID]
    for n in range(2):
        for path in sources:
            (tmp_path / f"{n}-{path.name}").write_text(
                path.read_text(encoding="utf-8"), encoding="utf-8"
            )
    (tmp_path / "package.json").write_text('{"name": "x"}')
    serial = run("--format", fmt, "--jobs", "1", str(tmp_path))
    parallel = run("--format", fmt, "--jobs", "3", str(tmp_path))
    auto = run("--format", fmt, str(tmp_path))
    assert serial == parallel == auto
    assert "package.json" not in serial[1]
    assert serial[1].count("01-release-flow-build-deployment-parallel.json") >= 2
    files = int(json.loads(serial[1])["summary"]["files"]) if fmt == "json" else 0
    assert fmt == "text" or files > PARALLEL_THRESHOLD  # so the default used a pool


def test_stale_baseline_entries_are_infos_and_the_json_summary_counts_hidden(
    tmp_path: Path,
) -> None:
    flow = tmp_path / "flow.yaml"
    flow.write_text(INVALID.read_text())
    other = tmp_path / "other.yaml"
    other.write_text(INVALID.read_text())
    base = tmp_path / "baseline.json"
    run("--write-baseline", str(base), str(flow), str(other))
    # fix one finding in flow.yaml: its entry is stale; other.yaml is not linted
    fixed = INVALID.read_text().replace("  concurency: queue\n", "")
    assert fixed != INVALID.read_text()
    flow.write_text(fixed)
    code, out = run("--baseline", str(base), "--format", "json", str(flow))
    assert code == 0
    payload = json.loads(out)
    stale = [d for d in payload["diagnostics"] if d["rule"] == "NF003"]
    assert [(d["path"], d["severity"], d["pointer"]) for d in stale] == [
        (str(flow), "info", "/options/concurency")
    ]
    assert stale[0]["message"] == (
        'stale baseline entry: NF102 "unknown key \\"concurency\\"" at /options/concurency '
        "is gone"
    )
    recorded = json.loads(base.read_text())["findings"]
    in_flow = sum(f["count"] for f in recorded if f["path"] == "flow.yaml")
    assert payload["summary"]["baselined"] == in_flow - 1
    assert [d["rule"] for d in payload["diagnostics"]] == ["NF003"]

