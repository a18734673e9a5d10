"""How a run ends: the console script's quick exit keeps every output and
exit code, and nothing of a linted document outlives its lint."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nflint import cli, engine
from nflint.analysis.walk import Analysis
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # console scripts in child processes


class _Exited(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _run(monkeypatch: pytest.MonkeyPatch, outcome: BaseException | None) -> int:
    def fake_main() -> None:
        if outcome is not None:
            raise outcome

    def fake_exit(code: int) -> None:
        raise _Exited(code)

    monkeypatch.setattr(cli, "main", fake_main)
    monkeypatch.setattr(os, "_exit", fake_exit)
    monkeypatch.delitem(sys.modules, "multiprocessing", raising=False)
    with pytest.raises(_Exited) as exited:
        cli.run()
    return exited.value.code


@pytest.mark.parametrize(
    ("outcome", "code"),
    [(None, 0), (SystemExit(0), 0), (SystemExit(None), 0), (SystemExit(1), 1), (SystemExit(2), 2)],
)
def test_run_exits_with_mains_code(
    monkeypatch: pytest.MonkeyPatch, outcome: BaseException | None, code: int
) -> None:
    assert _run(monkeypatch, outcome) == code


def test_run_prints_a_string_exit_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(monkeypatch, SystemExit("nflint: gone")) == 1
    assert capsys.readouterr().err == "nflint: gone\n"


def test_run_ends_normally_after_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """With workers (multiprocessing imported), Python's own exit handlers
    must run to stop them: ``run`` raises SystemExit instead of ``os._exit``."""
    def fake_exit(code: int) -> None:
        raise _Exited(code)

    monkeypatch.setattr(cli, "main", lambda: None)
    monkeypatch.setattr(os, "_exit", fake_exit)  # a quick exit fails the test, not pytest
    monkeypatch.setitem(sys.modules, "multiprocessing", sys.modules.get("multiprocessing", cli))
    with pytest.raises(SystemExit) as exited:
        cli.run()
    assert exited.value.code == 0


def test_the_console_script_flushes_its_report_before_the_quick_exit(tmp_path: Path) -> None:
    bad = tmp_path / "release-flow.json"
    bad.write_text('{"apiVersion": "v1.3", "spec": {"kind": "Workflow"}}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "nflint", "check", "--isolated", "--format", "json", str(bad)],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
    )
    assert done.returncode == 1
    assert done.stdout.rstrip().endswith("}")  # the whole JSON report, not a cut one
    assert '"NF104"' in done.stdout


def test_nothing_of_a_document_outlives_its_lint() -> None:
    """The rules share one analysis per document through ``RuleContext.shared``;
    no module-level cache keeps a document (or its analysis) alive."""
    text = (ROOT / "examples" / "release-flow.json").read_text(encoding="utf-8")
    result = engine.lint_text(text, "release-flow.json")
    assert result.types == ("release-flow",)
    gc.collect()
    assert [o for o in gc.get_objects() if isinstance(o, Analysis)] == []
