"""--format markdown (job summaries, merge-request comments): the summary
line, the findings table with rule links, a section per file with the text
report, diagrams with --graph, escaping of document text, the 1 MiB limit,
and --summary appending to a file in the same run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from nflint.cli import main
from nflint.diagnostics import FileResult, Position, RunResult, Severity, Span
from nflint.engine import Options, lint_file
from nflint.graph.draw import of_results
from nflint.reporters import REPORTERS
from nflint.reporters.markdown import MAX_BYTES, cell, render
from nflint.rules.core import url
from tests import test_redact
from tests.conftest import ROOT
from tests.test_reporters_golden import diag, sample

INVALID = ROOT / "examples" / "invalid"
GOOD = ROOT / "examples" / "release-flow.yaml"


def test_summary_table_and_sections() -> None:
    out = REPORTERS["markdown"](sample(), False)
    lines = out.splitlines()
    assert lines[0] == "### 🔴 nflint: 4 errors, 1 warning, 1 info in 5 files, 1 unreadable"
    assert lines[2:4] == ["| file:line | severity | rule | message |", "|---|---|---|---|"]
    assert lines[4] == (
        f"| deploy/release-flow.yaml:2 | warning | [NF102 unknown-key]({url('NF102')}) | "
        "unknown key \"concurency\" <br>hint: did you mean \"concurrencyPolicy\"? |"
    )
    assert "| nowhere.yaml | error |" in out  # no position: no line
    assert "<summary><code>deploy/release-flow.yaml</code>: 2 errors, 1 warning, 1 info" in out
    assert "<summary><code>missing.json</code>: no findings</summary>" in out
    assert "cannot read the file: No such file or directory" in out
    assert "    6 |     type: serial\n      |           ^^^^^^\n" in out
    assert "clean/northflank.json" not in out  # no findings, no graph: nothing to show


def test_document_text_is_inert() -> None:
    assert cell("a | b") == "a &#124; b"
    assert cell("<img src=x onerror=alert(1)>") == "&#60;img src=x onerror=alert(1)&#62;"
    assert cell("ping @octocat and #12") == "ping &#64;octocat and &#35;12"
    assert cell("**bold** [link](http://x) `code`") == (
        "&#42;&#42;bold&#42;&#42; &#91;link&#93;(http://x) &#96;code&#96;"
    )
    assert cell("line\nbreak\x1b[31m") == "line break&#92;x1b&#91;31m"
    at = Span(Position(1, 1), Position(1, 4))
    text = "a: ```\n"
    found = FileResult("a.yaml", (diag("NF102", Severity.WARNING, "m", "a.yaml", "/a", at),),
                       ("template",), text)
    out = render(RunResult((found,)))
    assert "\n````\na.yaml:1:1: warning[NF102] m\n    1 | a: ```\n" in out  # a longer fence


@pytest.mark.slow
def test_truncated_under_the_limit_with_a_note() -> None:
    at = Span(Position(1, 1), Position(1, 2))
    many = tuple(
        diag("NF102", Severity.WARNING, f"unknown key number {i} " + "x" * 200, "f.yaml", "/k", at)
        for i in range(6000)
    )
    big = RunResult((FileResult("f.yaml", many, ("template",), "k: 1\n"),))
    out = render(big)
    size = len(out.encode("utf-8"))
    assert MAX_BYTES - 1000 < size < MAX_BYTES < 1024 * 1024
    shown = out.count("| f.yaml:1 | warning |")
    assert 0 < shown < 6000
    assert out.endswith(
        f"_Truncated to stay under GitHub's 1 MiB summary limit: {6000 - shown:,} of 6,000 "
        "table rows and 1 of 1 file sections left out. The full report is in the job's log "
        "(and the SARIF file)._\n"
    )
    small = render(big, max_bytes=5000)
    assert len(small.encode("utf-8")) < 5000
    assert "of 6,000 table rows and 1 of 1 file sections left out" in small
    assert "Truncated" not in render(sample())


def test_graphs_mark_the_failing_nodes() -> None:
    files = (INVALID / "release-flow-mistakes.yaml", GOOD)
    result = RunResult(tuple(lint_file(str(p)) for p in files))
    graphs = of_results(result, Options())
    assert set(graphs) == {str(INVALID / "release-flow-mistakes.yaml"), str(GOOD)}
    out = render(result, graphs=graphs)
    assert out.count("```mermaid\nflowchart TD\n") == 2
    assert "  class t0,n0 error\n" in out  # the trigger and the unknown-kind node
    assert f"<summary><code>{GOOD}</code>: no findings</summary>" in out


def test_no_secret_in_the_report_or_its_diagrams(tmp_path: Path) -> None:
    for name, data in test_redact._files().items():
        (tmp_path / name).write_bytes(data)
    done = CliRunner().invoke(
        main, ["check", "--isolated", "--format", "markdown", "--graph", str(tmp_path)]
    )
    assert done.exit_code == 1, done.output
    text = done.output
    assert "```mermaid" in text
    assert not test_redact._leaks(text)


def test_summary_is_appended_in_the_same_run(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier\n", encoding="utf-8")
    sarif = tmp_path / "out.sarif"
    result = CliRunner().invoke(main, [
        "check", "--isolated", "--format", "sarif", "--output", str(sarif),
        "--summary", str(summary), "--graph", str(INVALID / "release-flow-mistakes.yaml"),
    ])
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier\n### 🔴 nflint: 4 errors, 1 warning, 0 infos in 1 file\n")
    assert "```mermaid" in text
    assert sarif.read_text(encoding="utf-8").startswith("{")
    plain = CliRunner().invoke(main, ["check", "--isolated", "--format", "markdown", str(GOOD)])
    assert plain.exit_code == 0
    assert plain.output == "### ✅ nflint: 0 errors, 0 warnings, 0 infos in 1 file\n\n"
