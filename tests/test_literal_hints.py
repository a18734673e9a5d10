"""One mistake, one finding, for a scalar written as the wrong literal: a
YAML 1.1 look-alike where a boolean is expected, a number where a string is
expected. One finding (NF103, or NF104 at a list of allowed values) with the
literal to write as its hint and as a fix; no NF005 beside it."""

from __future__ import annotations

import pytest

from nflint.diagnostics import Applicability, Diagnostic, Edit
from nflint.engine import lint_text
from tests.conftest import lint

RF = "$schema: https://api.northflank.com/v1/schemas/release-flow\n"
TPL = "$schema: https://api.northflank.com/v1/schemas/template\n"
WF = "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps: []\n"


def _found(text: str, path: str = "x.yaml") -> list[tuple[str, int, int, str, str | None]]:
    return [
        (d.rule, d.span.start.line, d.span.start.column, d.pointer, d.hint)
        for d in lint(text, path)
        if d.span is not None
    ]


def _only(text: str, rule: str, path: str = "x.yaml") -> Diagnostic:
    found = [d for d in lint(text, path) if d.rule != "NF006"]
    assert len(found) == 1, found
    assert found[0].rule == rule
    return found[0]


def _edit(text: str, d: Diagnostic) -> str:
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE
    [edit] = d.fix.edits
    assert isinstance(edit, Edit)
    return text[: edit.start] + edit.content + text[edit.end :]


def test_a_number_where_a_version_string_is_expected_is_one_finding() -> None:
    text = RF + "apiVersion: 1.2\n" + WF
    d = _only(text, "NF104")
    assert _found(text) == [("NF104", 2, 13, "/apiVersion", 'write "v1.2"')]
    assert d.message == 'invalid value 1.2 for "apiVersion"; expected "v1.2" or "v1"'
    assert _edit(text, d) == RF + 'apiVersion: "v1.2"\n' + WF
    assert lint(_edit(text, d), "x.yaml") == []


def test_the_same_in_json() -> None:
    text = (
        '{"$schema": "https://api.northflank.com/v1/schemas/release-flow",\n'
        ' "apiVersion": 1.2,\n'
        ' "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}}}\n'
    )
    d = _only(text, "NF104", "x.json")
    assert _found(text, "x.json") == [("NF104", 2, 16, "/apiVersion", 'write "v1.2"')]
    assert lint(_edit(text, d), "x.json") == []


@pytest.mark.parametrize(
    ("written", "literal"),
    [
        ("off", "false"),
        ("no", "false"),
        ("No", "false"),
        ("N", "false"),
        ("on", "true"),
        ("YES", "true"),
        ("y", "true"),
    ],
)
def test_a_yaml_11_boolean_where_a_boolean_is_expected(written: str, literal: str) -> None:
    text = RF + f"apiVersion: v1.2\noptions:\n  paused: {written}\n" + WF
    d = _only(text, "NF103")
    assert _found(text) == [("NF103", 4, 11, "/options/paused", f"write {literal}")]
    assert _edit(text, d) == RF + f"apiVersion: v1.2\noptions:\n  paused: {literal}\n" + WF
    assert lint(_edit(text, d), "x.yaml") == []


@pytest.mark.parametrize("written", ["1.10", "2024", "1e3", "true", "0x1F"])
def test_a_number_or_boolean_where_a_string_is_expected_keeps_the_text_written(
    written: str,
) -> None:
    text = TPL + f"apiVersion: v1.2\nname: demo\ndescription: {written}\nspec: {{}}\n"
    d = _only(text, "NF103")
    assert _found(text) == [("NF103", 4, 14, "/description", f'write "{written}"')]
    assert lint(_edit(text, d), "x.yaml") == []


def test_a_quoted_value_was_meant_as_text_no_literal_is_suggested() -> None:
    text = RF + "apiVersion: v1.2\noptions:\n  paused: 'no'\n" + WF
    d = _only(text, "NF103")
    assert (d.hint, d.fix) == (None, None)


def test_a_number_no_allowed_value_is_close_to_is_one_finding_without_a_guess() -> None:
    text = RF + "apiVersion: v1.2\noptions:\n  concurrencyPolicy: 3\n" + WF
    d = _only(text, "NF104")
    assert (d.span.start.line, d.span.start.column, d.hint, d.fix) == (4, 22, None, None)  # type: ignore[union-attr]


def test_a_yaml_11_number_where_an_integer_is_expected_is_one_finding() -> None:
    text = (
        RF + "apiVersion: v1.2\nspec:\n  kind: Workflow\n  spec:\n    type: sequential\n"
        "    steps:\n      - kind: Release\n        timeoutDuration: 0100\n"
    )
    found = [d for d in lint(text, "x.yaml") if d.pointer.endswith("/timeoutDuration")]
    assert [(d.rule, d.span.start.line, d.span.start.column) for d in found] == [  # type: ignore[union-attr]
        ("NF103", 9, 26)
    ]
    assert found[0].hint is None  # 0100: octal 64 to YAML 1.1, 100 to a reader: no guess


def test_a_look_alike_the_schema_accepts_stays_a_note() -> None:
    text = RF + "apiVersion: v1.2\narguments:\n  ENABLED: yes\n" + WF
    assert [f for f in _found(text) if f[0] != "NF211"] == [
        ("NF005", 4, 12, "/arguments/ENABLED", None),
    ]


def test_each_document_keeps_its_own_note() -> None:
    first = RF + "apiVersion: v1.2\noptions:\n  paused: off\n" + WF
    second = RF + "apiVersion: v1.2\noptions:\n  paused: off\narguments:\n  X: on\n" + WF
    found = [
        (d.rule, d.document, d.pointer)
        for d in lint(first + "---\n" + second, "x.yaml")
        if d.rule != "NF211"
    ]
    assert found == [
        ("NF103", 1, "/options/paused"),
        ("NF103", 2, "/options/paused"),
        ("NF005", 2, "/arguments/X"),
    ]


@pytest.mark.parametrize(
    ("written", "number", "noted"),
    [("3.10", "3.1", True), ("2.30", "2.3", True), ("1.00", "1.0", True),
     ("1.0", "1.0", False), ("0.5", "0.5", False), ("1.10e3", "1100.0", False)],
)
def test_a_yaml_number_that_drops_its_trailing_zeros_is_noted(
    written: str, number: str, noted: bool
) -> None:
    """``PYTHON_VERSION: 3.10`` in a map of variables, where any value goes,
    becomes 3.1: an info at the value says so (a field typed as a string says
    more, with the literal to write)."""
    text = (
        "$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1.2\n"
        f"arguments:\n  PYTHON_VERSION: {written}\n"
        "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps: []\n"
    )
    found = [(d.rule, d.severity.label, d.pointer, d.span.start.column if d.span else 0,
              d.message) for d in lint_text(text, "rf.yaml").diagnostics if d.rule == "NF005"]
    expected = [("NF005", "info", "/arguments/PYTHON_VERSION", 19,
                 f'read as the number {number}, not "{written}"; quote it to keep it')]
    assert found == (expected if noted else [])
