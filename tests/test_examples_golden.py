"""The README shows `nflint check examples/invalid`; its exact text and JSON
output are kept as goldens (regenerate with ``NFLINT_UPDATE_GOLDEN=1``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from nflint.cli import main
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("NFLINT_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize(
    ("fmt", "name"), [("text", "examples-invalid.txt"), ("json", "examples-invalid.json")]
)
def test_examples_invalid_output(fmt: str, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--no-color", "--format", fmt, "examples/invalid"]
    )
    assert result.exit_code == 1
    golden: Path = GOLDEN / fmt / name
    if UPDATE:
        golden.write_text(result.output, encoding="utf-8")
    assert result.output == golden.read_text(encoding="utf-8")


def test_readme_shows_the_golden_text_output() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    golden = (GOLDEN / "text" / "examples-invalid.txt").read_text(encoding="utf-8")
    headlines = [line for line in golden.splitlines() if line.startswith("examples/")]
    assert headlines
    for line in headlines:
        assert line in readme
