"""docs/rules/: a page per rule, generated from the registry and kept up to
date (the generator's --check), and every output format links each finding
to an existing page by the same address."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from nflint import REPOSITORY
from nflint.cli import main
from nflint.diagnostics import RunResult
from nflint.engine import lint_file
from nflint.reporters import REPORTERS
from nflint.rules.core import DOCS_URL, url
from nflint.rules.docs import page, pages
from nflint.rules.registry import all_rules
from tests.conftest import CORPUS, ROOT

PAGES = ROOT / "docs" / "rules"
GENERATOR = ROOT / "docs" / "generate.py"
URL = re.compile(re.escape(DOCS_URL) + r"/(NF\d{3})\.md")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_check_passes_on_the_committed_pages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _generator().main(["--check"]) == 0, capsys.readouterr().out


def test_generator_check_names_stale_missing_and_extra_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(PAGES, tmp_path / "rules")
    stale = tmp_path / "rules" / "NF104.md"
    stale.write_text(stale.read_text(encoding="utf-8").replace("Enumerations", "Enums"))
    (tmp_path / "rules" / "NF206.md").unlink()
    (tmp_path / "rules" / "NF999.md").write_text("# gone\n")
    generate = _generator().main
    where = ["--dir", str(tmp_path / "rules")]
    assert generate([*where, "--check"]) == 1
    assert capsys.readouterr().out.splitlines()[:3] == [
        "rules/NF104.md: out of date with the rule registry",
        "rules/NF206.md: out of date with the rule registry",
        "rules/NF999.md: no such rule in the registry",
    ]
    assert generate(where) == 0
    assert generate([*where, "--check"]) == 0
    assert stale.read_text(encoding="utf-8") == (PAGES / "NF104.md").read_text(encoding="utf-8")


def test_one_page_per_rule_and_an_index_linking_each() -> None:
    rules = all_rules()
    assert {p.name for p in PAGES.glob("*.md")} == {f"{r}.md" for r in rules} | {"README.md"}
    index = (PAGES / "README.md").read_text(encoding="utf-8")
    for rule_id, info in rules.items():
        assert f"| [{rule_id}]({rule_id}.md) | {info.name} | {info.severity.label} |" in index


def test_a_page_holds_the_examples_the_tests_run_and_how_to_suppress() -> None:
    info = all_rules()["NF206"]
    text = page(info)
    assert text.startswith("# NF206 unknown-ref\n")
    assert "## Why it matters on Northflank" in text
    assert "Fails:\n\n```yaml\n" + info.fail + "```" in text
    assert "Passes:\n\n```yaml\n" + info.ok + "```" in text
    assert "`# nflint: disable=NF206`" in text
    assert "`${refs.postgres.id}`" in text  # docstring literals become Markdown code
    assert f"Page: <{url('NF206')}>" in text


def test_explain_prints_the_page() -> None:
    for name, rule_id in (("NF104", "NF104"), ("unknown-ref", "NF206"), ("nf003", "NF003")):
        result = CliRunner().invoke(main, ["explain", name])
        assert result.exit_code == 0
        assert result.output == pages()[f"{rule_id}.md"]


def test_urls_are_stable_and_name_the_repository() -> None:
    assert url("NF104") == f"{REPOSITORY}/blob/main/docs/rules/NF104.md"
    assert REPOSITORY == "https://github.com/nflint/nflint"
    listed = json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).output)
    assert all(entry["url"] == url(entry["id"]) for entry in listed)


def _linked(text: str) -> list[str]:
    return URL.findall(text)


def test_every_finding_in_every_format_links_to_an_existing_page() -> None:
    paths = sorted(CORPUS.rglob("*.json"))[:40] + sorted((ROOT / "examples").rglob("*.*"))
    run = RunResult(tuple(lint_file(str(p)) for p in paths))
    findings = [d.rule for d in run.diagnostics]
    assert len(set(findings)) > 5
    payload = json.loads(REPORTERS["json"](run, False))
    assert [d["url"] for d in payload["diagnostics"]] == [url(r) for r in findings]
    sarif = json.loads(REPORTERS["sarif"](run, False))
    driver = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["helpUri"] for r in driver] == [url(r["id"]) for r in driver]
    assert _linked(REPORTERS["github"](run, False)) == findings
    assert _linked(REPORTERS["text"](run, False, show_urls=True)) == findings
    assert _linked(REPORTERS["text"](run, False)) == []
    assert _linked(REPORTERS["junit"](run, False)) == findings
    ET.fromstring(REPORTERS["junit"](run, False))
    gitlab = json.loads(REPORTERS["gitlab"](run, False))
    assert [_linked(i["content"]["body"]) for i in gitlab] == [[r] for r in findings]
    assert _linked(REPORTERS["markdown"](run, False)).count(findings[0]) >= 1
    assert set(_linked(REPORTERS["markdown"](run, False))) == set(findings)
    for rule_id in {*findings, *(r["id"] for r in driver)}:
        assert (PAGES / f"{rule_id}.md").is_file(), rule_id


def test_show_urls_on_the_command_line() -> None:
    bad = str(ROOT / "examples" / "invalid" / "release-flow-mistakes.yaml")
    plain = CliRunner().invoke(main, ["check", "--no-color", bad]).output
    shown = CliRunner().invoke(main, ["check", "--no-color", "--show-urls", bad]).output
    assert "= docs:" not in plain
    docs = [line for line in shown.splitlines() if line.startswith("      = docs: ")]
    assert len(docs) == len(re.findall(r"^\S+:\d+:\d+: ", shown, re.M)) > 0
    assert "      = docs: " + url("NF103") in docs


def test_the_language_server_links_each_diagnostic_to_its_page() -> None:
    from nflint.lsp.publish import rule_url

    assert rule_url("NF206") == url("NF206")
    assert rule_url("NF999") is None
