"""A file nflint could not lint is never reported clean: ``select``,
``ignore``, ``per-file-ignores``, ``severity`` and suppressions (comments
and config entries) never remove or lower NF000 (internal error), NF001
(parse error) or NF007 (limit), and such a file exits 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from nflint.cli import main
from nflint.config.files import resolve
from nflint.diagnostics import Severity
from nflint.engine import Options, lint_text

#: a tab in the indentation (YAML forbids it): NF001 at line 4
TAB_YAML = (
    "$schema: https://api.northflank.com/v1/schemas/release-flow\n"
    "apiVersion: v1.2\n"
    "spec:\n"
    "\tkind: Workflow\n"
)
#: a JSON document that does not parse (a trailing comma), with a
#: suppression comment that cannot apply
BROKEN_JSON = '{\n  "apiVersion": "v1.2",\n  "spec": {},\n}\n'


def _check(tmp_path: Path, name: str, text: str, *args: str) -> tuple[int, str]:
    (tmp_path / name).write_text(text)
    done = CliRunner().invoke(main, ["check", "--no-color", *args, str(tmp_path / name)])
    return done.exit_code, done.output


@pytest.mark.parametrize(
    "args",
    [
        ("--select", "NF1"),
        ("--select", "NF201"),
        ("--ignore", "NF001"),
        ("--ignore", "NF0"),
        ("--ignore", "parse-error"),
    ],
    ids=" ".join,
)
@pytest.mark.parametrize(
    ("name", "text", "line"), [("flow.yaml", TAB_YAML, 4), ("flow.json", BROKEN_JSON, 3)],
    ids=["yaml", "json"],
)
def test_rule_selection_never_hides_a_parse_error(
    tmp_path: Path, args: tuple[str, ...], name: str, text: str, line: int
) -> None:
    code, out = _check(tmp_path, name, text, "--isolated", *args)
    assert code == 1
    assert f"{name}:{line}:" in out
    assert "error[NF001]" in out
    assert "0 errors" not in out


@pytest.mark.parametrize(
    "config",
    [
        '[severity]\nNF001 = "info"\n',
        '[severity]\nNF0 = "warning"\n',
        'ignore = ["NF001"]\n',
        '[per-file-ignores]\n"*.yaml" = ["NF001"]\n',
        '[[suppress]]\nfiles = "*.yaml"\nrules = ["NF001"]\n',
    ],
)
def test_config_never_hides_nor_lowers_a_parse_error(tmp_path: Path, config: str) -> None:
    (tmp_path / ".nflint.toml").write_text(config)
    cfg = resolve(str(tmp_path / ".nflint.toml"), False)
    result = lint_text(TAB_YAML, "flow.yaml", Options(config=cfg))
    found = [(d.rule, d.severity) for d in result.diagnostics if d.rule.startswith("NF00")]
    assert ("NF001", Severity.ERROR) in found


def test_a_suppression_comment_does_not_hide_a_parse_error() -> None:
    text = "# nflint: disable-file=NF001\n" + TAB_YAML
    result = lint_text(text, "flow.yaml")
    assert [(d.rule, d.span.start.line if d.span else 0) for d in result.diagnostics
            if d.rule == "NF001"] == [("NF001", 5)]


def test_a_limit_is_never_hidden(tmp_path: Path) -> None:
    big = '{"apiVersion": "v1.2", "spec": {}, "description": "' + "x" * 2000 + '"}\n'
    code, out = _check(tmp_path, "big.json", big, "--isolated", "--max-file-size", "1KiB",
                       "--ignore", "NF007")
    assert code == 1
    assert "error[NF007]" in out
