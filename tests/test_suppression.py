"""Suppression: YAML comment directives, config entries for JSON, and
NF003 for suppressions that suppress nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from nflint.config.files import Config, Suppression
from nflint.diagnostics import Diagnostic, Severity
from nflint.engine import Options, lint_text
from nflint.findings.suppression import comment_spans, directives
from nflint.rules.registry import all_rules

HEAD = "$schema: https://api.northflank.com/v1/schemas/release-flow\n"
TAIL = "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps: []\n"


def lint(text: str, path: str = "flow.yaml", config: Config | None = None) -> list[Diagnostic]:
    return list(lint_text(text, path, Options(config=config)).diagnostics)


def found(
    text: str, path: str = "flow.yaml", config: Config | None = None
) -> list[tuple[str, int]]:
    return [(d.rule, d.span.start.line if d.span else 0) for d in lint(text, path, config)]


def test_comments_come_from_the_scanner_not_from_strings() -> None:
    text = (
        'a: "x # nflint: disable=NF201"  # real\n'
        "b: 'y # z'\n"
        "c: |\n  # nflint: disable=NF201 inside a block scalar\n"
        "# own line\n"
        "d: e#not-a-comment\n"
    )
    comments = [text[s:e] for s, e in comment_spans(text)]
    assert comments == ["# real", "# own line"]
    assert directives(text) == ([], [])


def test_disable_on_the_same_line() -> None:
    plain = HEAD + "apiVersion: v1\n" + TAIL
    assert ("NF201", 2) in found(plain)
    assert (
        found(HEAD + "apiVersion: v1  # nflint: disable=NF201 -- the bot writes v1\n" + TAIL) == []
    )
    assert found(HEAD + "apiVersion: v1  # nflint: disable=api-version\n" + TAIL) == []
    assert found(HEAD + "apiVersion: v1  # nflint: disable = NF104, NF201\n" + TAIL) == [
        ("NF003", 2)
    ]  # NF104 suppressed nothing


def test_disable_next_line_and_file() -> None:
    assert found(HEAD + "# nflint: disable-next-line=NF201\napiVersion: v1\n" + TAIL) == []
    assert found("# nflint: disable-file=NF201\n" + HEAD + "apiVersion: v1\n" + TAIL) == []
    assert found(HEAD + "apiVersion: v1\n" + TAIL + "# nflint: disable-file=NF2\n") == []


def test_hash_in_a_string_is_not_a_directive() -> None:
    text = HEAD + "apiVersion: v1\ndescription: 'see # nflint: disable=NF201'\n" + TAIL
    assert ("NF201", 2) in found(text)


def test_unused_directives_are_reported_as_info() -> None:
    text = HEAD + "apiVersion: v1.2  # nflint: disable=NF201\n" + TAIL
    [d] = lint(text)
    assert (d.rule, d.severity, d.span and d.span.start.line) == ("NF003", Severity.INFO, 2)
    assert d.message == 'disable="NF201" suppresses nothing on line 2'
    own_line = HEAD + "# nflint: disable=NF201\napiVersion: v1\n" + TAIL
    assert sorted(found(own_line)) == [("NF003", 2), ("NF201", 3)]


def test_malformed_and_unknown_directives() -> None:
    text = HEAD + "apiVersion: v1.2  # nflint: disable\n" + TAIL
    [d] = lint(text)
    assert d.rule == "NF003" and "is not a valid nflint directive" in d.message
    text = HEAD + "apiVersion: v1.2  # nflint: enable=NF201\n" + TAIL
    assert [x.rule for x in lint(text)] == ["NF003"]
    text = HEAD + "apiVersion: v1.2  # nflint: disable=NF999\n" + TAIL
    [d] = lint(text)
    assert d.message == 'disable="NF999" names no rule'


def test_suppressing_a_switched_off_rule_is_not_reported() -> None:
    text = HEAD + "apiVersion: v1.2  # nflint: disable=NF201\n" + TAIL
    assert found(text, config=Config(ignore=("NF201",))) == []
    assert found(text, config=Config(ignore=("NF003",))) == []


def test_json_suppression_in_the_config(tmp_path: Path) -> None:
    text = (
        '{"$schema": "https://api.northflank.com/v1/schemas/release-flow", "apiVersion": "v1",\n'
        ' "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}}}\n'
    )
    path = str(tmp_path / "deploy" / "flow.json")
    assert [r for r, _ in found(text, path)] == ["NF201"]
    by_pointer = Suppression(("deploy/*.json",), ("NF201",), "/apiVersion", origin="c suppress[0]")
    cfg = Config(root=str(tmp_path), suppress=(by_pointer,))
    assert found(text, path, cfg) == []
    elsewhere = Suppression(("flow.json",), ("NF201",), "/spec", origin="c suppress[0]")
    cfg = Config(root=str(tmp_path), suppress=(elsewhere,))
    [kept, unused] = lint(text, path, cfg)
    assert kept.rule == "NF201"
    assert unused.rule == "NF003" and unused.pointer == "/spec"
    assert unused.message == 'c suppress[0] ("NF201" at "/spec") suppresses nothing in this file'
    assert unused.span is not None and unused.span.start.line == 2  # the "spec" key
    other_file = Suppression(("other.json",), ("NF201",), origin="c suppress[0]")
    assert [
        r for r, _ in found(text, path, Config(root=str(tmp_path), suppress=(other_file,)))
    ] == ["NF201"]


def test_comments_in_json_are_not_directives() -> None:
    text = (
        '{"$schema": "https://api.northflank.com/v1/schemas/release-flow", "apiVersion": "v1",'
        ' "description": "# nflint: disable=NF201",\n'
        ' "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}}}\n'
    )
    assert "NF201" in [r for r, _ in found(text, "f.json")]


@pytest.mark.parametrize("example", ["fail", "ok"])
def test_nf003_catalogue_examples(example: str) -> None:
    info = all_rules()["NF003"]
    rules = [d.rule for d in lint(getattr(info, example))]
    assert rules == (["NF003"] if example == "fail" else [])
