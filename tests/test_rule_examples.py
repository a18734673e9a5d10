"""Every rule's documented examples do what they say, and the rule registry
is complete and consistent."""

from __future__ import annotations

import pkgutil
import re
from pathlib import Path

import pytest

import nflint.rules
from nflint.engine import lint_text
from nflint.rules.core import CORE, RuleInfo
from nflint.rules.registry import RULES, all_rules

CATALOGUE = all_rules()
WITH_FAIL = [r for r in CATALOGUE.values() if r.fail]
WITH_OK = [r for r in CATALOGUE.values() if r.ok]


@pytest.fixture(autouse=True)
def _in_a_work_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Examples are linted as ``example.yaml`` at the root of a Git work
    tree (NF219 compares gitops.filePath with the file's place in it)."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)


def ids(text: str) -> list[str]:
    Path("example.yaml").write_text(text, encoding="utf-8")
    return [d.rule for d in lint_text(text, "example.yaml").diagnostics]


@pytest.mark.parametrize("info", WITH_FAIL, ids=lambda r: r.id)
def test_failing_example_reports_the_rule(info: RuleInfo) -> None:
    assert info.id in ids(info.fail)


@pytest.mark.parametrize("info", WITH_OK, ids=lambda r: r.id)
def test_passing_example_does_not(info: RuleInfo) -> None:
    assert info.id not in ids(info.ok)


def test_every_semantic_rule_has_both_examples() -> None:
    missing = [r.info.id for r in RULES if not (r.info.fail and r.info.ok)]
    assert missing == []


def test_every_rule_module_is_registered() -> None:
    modules = {
        m.name for m in pkgutil.iter_modules(nflint.rules.__path__) if m.name.startswith("nf")
    }
    registered = {r.check.__module__.rsplit(".", 1)[-1] for r in RULES}
    assert modules == registered


def test_module_names_match_rule_ids_and_names() -> None:
    for rule in RULES:
        module = rule.check.__module__.rsplit(".", 1)[-1]
        number, _, rest = module.partition("_")
        assert number == rule.info.id.lower(), module
        assert rest.replace("_", "-") == rule.info.name, module


def test_ids_and_names_are_unique_and_well_formed() -> None:
    infos = [*CORE.values(), *(r.info for r in RULES)]
    assert len({i.id for i in infos}) == len(infos)
    assert len({i.name for i in infos}) == len(infos)
    for info in infos:
        assert re.fullmatch(r"NF\d{3}", info.id), info.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", info.name), info.name
        assert info.summary and not info.summary[0].isupper(), info.id
        assert not info.summary.endswith("."), info.id


def test_semantic_rules_are_nf2xx_and_documented() -> None:
    for rule in RULES:
        assert rule.info.id.startswith("NF2"), rule.info.id
        assert rule.info.rationale.strip(), rule.info.id


def test_explain_works_for_every_listed_rule() -> None:
    import json

    from click.testing import CliRunner

    from nflint.cli import main

    listed = json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).output)
    assert [r["id"] for r in listed] == list(CATALOGUE)
    for entry in listed:
        result = CliRunner().invoke(main, ["explain", entry["id"]])
        assert result.exit_code == 0, entry["id"]
        assert result.output.startswith(f"# {entry['id']} {entry['name']}\n")
        assert f"Severity: **{entry['severity']}**" in result.output
        # the headline once: a rationale never repeats it (a docstring's first line)
        headline = f"{entry['id']} {entry['name']}"
        assert result.output.count(headline) == 1, result.output
        info = CATALOGUE[entry["id"]]
        if info.fail:
            assert "Fails:\n\n```yaml\n" + info.fail in result.output
        if info.ok:
            assert "Passes:\n\n```yaml\n" + info.ok in result.output
        assert entry["fix"] == (info.fix or None)
        assert info.fix in ("", "safe", "unsafe", "safe or unsafe"), entry["id"]
        assert bool(info.fix) == bool(info.fix_doc), entry["id"]
        if info.fix:
            assert "## Fix" in result.output and "--unsafe-fixes" in result.output
