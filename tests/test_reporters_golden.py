"""Every output format, against golden files, from one fixed `RunResult`
(so the goldens do not move when schemas or messages change elsewhere), plus
the format contracts: SARIF validates against the official 2.1.0 schema,
GitHub escaping, XML that parses, and parse errors keeping their location.

Regenerate the goldens with ``NFLINT_UPDATE_GOLDEN=1 pytest tests/test_reporters_golden.py``.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from nflint.diagnostics import (
    Applicability,
    Diagnostic,
    Edit,
    FileResult,
    Fix,
    Position,
    Related,
    RunResult,
    Severity,
    Span,
)
from nflint.engine import lint_file
from nflint.reporters import REPORTERS
from nflint.reporters.github import annotation, escape_data, escape_property
from nflint.rules import registry
from nflint.rules.core import url
from tests.conftest import CORPUS, DATA, ROOT

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("NFLINT_UPDATE_GOLDEN") == "1"
SARIF_SCHEMA = DATA / "sarif" / "sarif-schema-2.1.0.json"
EXTENSIONS = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif",
    "github": "txt",
    "gitlab": "json",
    "junit": "xml",
    "markdown": "md",
}


def span(line: int, col: int, end_line: int, end_col: int) -> Span:
    return Span(Position(line, col), Position(end_line, end_col))


def diag(
    rule: str,
    severity: Severity,
    message: str,
    path: str,
    pointer: str,
    at: Span | None,
    **extra: Any,
) -> Diagnostic:
    name = registry.all_rules()[rule].name if rule in registry.all_rules() else "x"
    return Diagnostic(rule, name, severity, message, path, pointer, at, **extra)


FLOW = "deploy/release-flow.yaml"
FLOW_TEXT = (
    "apiVersion: v1.2\n"
    "options: {concurency: queue}\n"
    "spec:\n"
    "  kind: Workflow\n"
    "  spec:\n"
    "    type: serial\n"
    "    steps: [a, b]\n"
    "note: 50% done, a:b <x & y>\n"
)


def replace(old: str, new: str, applicability: Applicability) -> Fix:
    """A fix replacing the first ``old`` of FLOW_TEXT."""
    at = FLOW_TEXT.index(old)
    message = f"replace {old!r} with {new!r}" if new else f"remove {old!r}"
    return Fix(applicability, message, (Edit(at, at + len(old), new),))


BROKEN = "northflank.json"
BROKEN_TEXT = '{\n  "apiVersion": "v1.2",,\n}\n'


def sample() -> RunResult:
    flow = FileResult(
        FLOW,
        (
            diag(
                "NF102",
                Severity.WARNING,
                'unknown key "concurency"',
                FLOW,
                "/options/concurency",
                span(2, 11, 2, 21),
                hint='did you mean "concurrencyPolicy"?',
                fix=replace("concurency", "concurrencyPolicy", Applicability.UNSAFE),
            ),
            diag(
                "NF104",
                Severity.ERROR,
                'invalid value "serial" for "type"',
                FLOW,
                "/spec/spec/type",
                span(6, 11, 6, 17),
                fix=replace("serial", "sequential", Applicability.SAFE),
            ),
            diag(
                "NF002",
                Severity.ERROR,
                'the key "steps" is already defined at line 3',
                FLOW,
                "/spec/spec/steps",
                span(7, 5, 8, 1),
                related=(Related("first defined here", "/spec/spec/steps", span(3, 1, 3, 5)),),
                fix=replace("    steps: [a, b]\n", "", Applicability.UNSAFE),
            ),
            diag(
                "NF006",
                Severity.INFO,
                'odd: 50% done, a:b\r\nnext line <x & y> "q" \x01',
                FLOW,
                "/note",
                span(8, 7, 8, 27),
                document=2,
            ),
        ),
        ("release-flow",),
        FLOW_TEXT,
    )
    broken = FileResult(
        BROKEN,
        (
            diag(
                "NF001",
                Severity.ERROR,
                "invalid JSON: expecting value",
                BROKEN,
                "",
                span(2, 24, 2, 25),
            ),
        ),
        (),
        BROKEN_TEXT,
    )
    clean = FileResult("clean/northflank.json", (), ("template",), "{}\n")
    nowhere = FileResult(
        "nowhere.yaml",
        (diag("NF000", Severity.ERROR, "crashed", "nowhere.yaml", "", None),),
        (None,),
        "",
    )
    missing = FileResult("missing.json", (), error="No such file or directory")
    return RunResult((flow, broken, clean, nowhere, missing))


@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
def test_golden(fmt: str) -> None:
    out = REPORTERS[fmt](sample(), False)
    golden = GOLDEN / fmt / f"reporters.{EXTENSIONS[fmt]}"
    if UPDATE or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(out.encode("utf-8"))
        if not UPDATE:
            pytest.fail(f"{golden} did not exist and was written; check it and run again")
    assert out == golden.read_bytes().decode("utf-8")


def test_every_format_has_a_golden() -> None:
    assert set(REPORTERS) == set(EXTENSIONS)


def sarif_validator() -> Any:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def sarif_errors(doc: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(doc)]


def test_sarif_sample_validates() -> None:
    doc = json.loads(REPORTERS["sarif"](sample(), False))
    assert sarif_errors(doc) == []
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["NF000", "NF001", "NF002", "NF006", "NF102", "NF104"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    nf002 = next(r for r in run["results"] if r["ruleId"] == "NF002")
    assert nf002["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 7,
        "startColumn": 5,
        "endLine": 8,
        "endColumn": 1,
    }
    assert nf002["relatedLocations"][0]["message"]["text"] == "first defined here"
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}
    assert "```yaml" in next(r for r in rules if r["id"] == "NF102")["help"]["markdown"]
    assert run["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error"


@pytest.mark.slow
def test_sarif_of_the_whole_corpus_validates() -> None:
    paths = sorted(str(p) for p in CORPUS.rglob("*.json"))[:80]
    paths += [str(ROOT / "examples" / "invalid" / "release-flow-mistakes.yaml")]
    result = RunResult(tuple(lint_file(p) for p in paths))
    doc = json.loads(REPORTERS["sarif"](result, False))
    assert sarif_errors(doc) == []
    assert len(doc["runs"][0]["results"]) == len(result.diagnostics) > 0


def test_sarif_schema_catches_a_broken_document() -> None:
    doc = json.loads(REPORTERS["sarif"](sample(), False))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    assert sarif_errors(doc)


def test_github_escaping() -> None:
    assert escape_data("50% a\r\nb: c, d") == "50%25 a%0D%0Ab: c, d"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    d = diag("NF102", Severity.WARNING, "x", "dir,with:odd%name.json", "", span(1, 2, 1, 5))
    assert annotation(d) == (
        "::warning file=dir%2Cwith%3Aodd%25name.json,line=1,col=2,endLine=1,endColumn=5,"
        "title=NF102 unknown-key::x%0Adocs: " + url("NF102")
    )
    multi = diag("NF104", Severity.ERROR, "m", "a.json", "", span(1, 2, 3, 4))
    assert annotation(multi) == (
        "::error file=a.json,line=1,endLine=3,title=NF104 invalid-value::m%0Adocs: " + url("NF104")
    )
    info = diag("NF006", Severity.INFO, "i", "./a.json", "", None)
    assert annotation(info) == (
        "::notice file=a.json,title=NF006 type-guessed::i%0Adocs: " + url("NF006")
    )


def test_junit_is_xml_with_a_case_per_file() -> None:
    root = ET.fromstring(REPORTERS["junit"](sample(), False))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [
        FLOW,
        BROKEN,
        "clean/northflank.json",
        "nowhere.yaml",
        "missing.json",
    ]
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "3", "1")
    failure = cases[0].find("failure")
    assert failure is not None and failure.text is not None
    assert f'{FLOW}:6:11: error[NF104] invalid value "serial"' in failure.text
    assert "\ufffd" in failure.text  # \x01 cannot be in XML 1.0
    assert cases[2].find("failure") is None


def test_gitlab_code_quality_fields() -> None:
    issues = json.loads(REPORTERS["gitlab"](sample(), False))
    fields = {"description", "check_name", "fingerprint", "severity", "location"}
    assert all(set(i) in (fields, fields | {"content"}) for i in issues)
    linked = [i for i in issues if "content" in i]  # every finding; not an unreadable file
    assert [i["content"]["body"] for i in linked] == [
        f"[{d.rule} {d.name}]({url(d.rule)})" for d in sample().diagnostics
    ]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
    first = issues[0]
    assert first["location"] == {"path": FLOW, "lines": {"begin": 2}}


@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
def test_parse_errors_keep_their_location(fmt: str, tmp_path: Path) -> None:
    bad = tmp_path / "northflank.json"
    bad.write_text(BROKEN_TEXT, encoding="utf-8")
    result = RunResult((lint_file(str(bad)),))
    [problem] = result.diagnostics
    assert problem.rule == "NF001" and problem.span is not None
    line, col = problem.span.start.line, problem.span.start.column
    out = REPORTERS[fmt](result, False)
    expected = {
        "text": f":{line}:{col}:",
        "json": f'"line": {line},\n      "column": {col},',
        "sarif": f'"startLine": {line},\n                  "startColumn": {col},',
        "github": f",line={line},col={col},",
        "gitlab": f'"begin": {line}',
        "junit": f":{line}:{col}: error[NF001]",
        "markdown": f".json:{line}:{col}: error[NF001]",
    }[fmt]
    assert expected in out, out
