"""Loading JSON and YAML with positions: duplicate keys, parse errors,
multi-document YAML, aliases and YAML 1.1 scalars."""

from __future__ import annotations

from nflint.load import loader
from tests.conftest import lint, where

RF = "$schema: https://api.northflank.com/v1/schemas/release-flow\n"
WF = "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps: []\n"


def test_json_duplicate_key_reports_both_places() -> None:
    text = (
        '{\n  "apiVersion": "v1.2",\n  "apiVersion": "v1.2",\n  "spec": {"kind": "Workflow"}\n}\n'
    )
    found = [d for d in lint(text, "t.json") if d.rule == "NF002"]
    assert where(found) == [("NF002", 3, 3, "/apiVersion")]
    [related] = found[0].related
    assert related.span is not None
    assert (related.span.start.line, related.span.start.column) == (2, 3)


def test_yaml_duplicate_key_in_nested_mapping() -> None:
    text = RF + "apiVersion: v1.2\noptions:\n  paused: true\n  paused: false\n" + WF
    found = lint(text, "t.yaml")
    assert where(found) == [("NF002", 5, 3, "/options/paused")]


def test_json_parse_error_position() -> None:
    text = '{\n  "apiVersion": "v1.2"\n  "spec": {}\n}\n'
    [d] = lint(text, "t.json")
    # at the place the comma belongs (right after the value), not at the next key
    assert (d.rule, d.span.start.line, d.span.start.column) == ("NF001", 2, 23)  # type: ignore[union-attr]
    assert d.message == "invalid JSON: a ',' is missing after this value"


def test_json_nan_is_not_json() -> None:
    [d] = lint('{"a": NaN}', "t.json")
    assert d.rule == "NF001"
    assert (d.span.start.line, d.span.start.column) == (1, 7)  # type: ignore[union-attr]


def test_yaml_parse_error_position() -> None:
    text = "a: b\n  c: d\n"
    [d] = lint(text, "t.yaml")
    assert d.rule == "NF001"
    assert (d.span.start.line, d.span.start.column) == (2, 4)  # type: ignore[union-attr]
    assert d.message == "invalid YAML: mapping values are not allowed in this context"


def test_crlf_positions() -> None:
    text = '{\r\n  "apiVersion": "v9",\r\n  "spec": {"kind": "Workflow"}\r\n}\r\n'
    found = lint(text, "t.json", doc_type="release-flow")
    assert where(found, rules=("NF104",)) == [("NF104", 2, 17, "/apiVersion")]


def test_multi_document_yaml_lints_each_document() -> None:
    text = RF + "apiVersion: v1.2\n" + WF + "---\n" + RF + "apiVersion: v7\n" + WF
    found = lint(text, "t.yaml")
    assert [(d.rule, d.document, d.span.start.line) for d in found] == [  # type: ignore[union-attr]
        ("NF104", 2, 10)
    ]


def test_yaml_11_scalars_stay_strings_and_are_pointed_out() -> None:
    docs, found = loader.load("a: yes\nb: 010\nc: 2024-01-01\nd: on\ne: 12\nf: 1.5\n", "t.yaml")
    assert docs[0].data == {"a": "yes", "b": "010", "c": "2024-01-01", "d": "on", "e": 12, "f": 1.5}
    assert [(d.rule, d.pointer) for d in found] == [
        ("NF005", "/a"),
        ("NF005", "/b"),
        ("NF005", "/d"),
    ]


def test_alias_positions_are_the_use_site() -> None:
    text = (
        RF + "apiVersion: v1.2\narguments:\n  x: &pol Queue\noptions:\n"
        "  concurrencyPolicy: *pol\n" + WF
    )
    found = [d for d in lint(text, "t.yaml") if d.rule == "NF104"]
    assert where(found) == [("NF104", 6, 22, "/options/concurrencyPolicy")]


def test_yaml_merge_keys() -> None:
    docs, found = loader.load("base: &b {x: 1}\nmore:\n  <<: *b\n  y: 2\n", "t.yaml")
    assert docs[0].data == {"base": {"x": 1}, "more": {"x": 1, "y": 2}}
    assert found == []


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    found = lint("\n".join(lines) + "\n", "bomb.yaml")
    assert [d.rule for d in found] == ["NF007"]  # limit-exceeded (docs/robustness.md)
    assert "alias" in found[0].message


def test_empty_and_comment_only_files() -> None:
    assert [d.rule for d in lint("", "e.json")] == ["NF001"]
    assert [d.rule for d in lint("# nothing here\n", "e.yaml")] == []


def test_content_decides_format_for_unknown_extensions() -> None:
    assert loader.guess_format("northflank", '  {"a": 1}') == "json"
    assert loader.guess_format("northflank", "a: 1") == "yaml"
    assert loader.guess_format("x.yml", "{}") == "yaml"


def test_invalid_utf8_is_a_parse_error_at_the_byte() -> None:
    from nflint.engine import lint_text

    result = lint_text(b'{"a": "ok",\n "b": "\xff"}', "bad.json")
    [d] = result.diagnostics
    assert d.rule == "NF001"
    assert (d.span.start.line, d.span.start.column) == (2, 8)  # type: ignore[union-attr]
