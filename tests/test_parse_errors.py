"""Parse errors name the mistake where it was made: merge-conflict markers,
tabs in YAML indentation, and in JSON trailing commas, comments,
unterminated strings, missing commas and colons. Each case checks the rule,
the exact line and column, and the message."""

from __future__ import annotations

import pytest

from nflint.diagnostics import Diagnostic
from tests.conftest import lint

RF_JSON = '{\n  "$schema": "https://api.northflank.com/v1/schemas/release-flow",\n'
RF_YAML = "$schema: https://api.northflank.com/v1/schemas/release-flow\n"


def _one(text: str, path: str) -> Diagnostic:
    [d] = lint(text, path)
    assert d.rule == "NF001", d
    return d


def _at(d: Diagnostic) -> tuple[int, int]:
    assert d.span is not None
    return (d.span.start.line, d.span.start.column)


# -- merge-conflict markers, in both formats -------------------------------------------


CONFLICT_YAML = (
    RF_YAML
    + "apiVersion: v1.2\n"
    + "<<<<<<< HEAD\n"
    + "options: {paused: true}\n"
    + "=======\n"
    + "options: {paused: false}\n"
    + ">>>>>>> feature/pause\n"
    + "spec: {kind: Workflow, spec: {type: sequential, steps: []}}\n"
)


@pytest.mark.parametrize(
    ("text", "path", "first", "last"),
    [
        (CONFLICT_YAML, "flow.yaml", 3, 7),
        (
            RF_JSON
            + '  "apiVersion": "v1.2",\n'
            + "<<<<<<< HEAD\n"
            + '  "options": {"paused": true},\n'
            + "=======\n"
            + '  "options": {"paused": false},\n'
            + ">>>>>>> feature/pause\n"
            + '  "spec": {"kind": "Workflow"}\n}\n',
            "flow.json",
            4,
            8,
        ),
    ],
)
def test_merge_conflict_markers_are_named_at_the_first_marker(
    text: str, path: str, first: int, last: int
) -> None:
    d = _one(text, path)
    assert _at(d) == (first, 1)
    assert d.span is not None and d.span.end.column == 8  # the seven '<'
    assert d.message == (
        "merge conflict marker: the file holds an unresolved merge conflict "
        f"(lines {first} to {last})"
    )
    assert d.hint is not None and "<<<<<<<" in d.hint


def test_a_leftover_marker_line_is_named_too() -> None:
    text = "a: 1\nb:\n  c: 2\n=======\n  d: 3\n"
    d = _one(text, "x.yaml")
    assert _at(d) == (4, 1)
    assert (
        d.message == "merge conflict marker: the file holds a line left over from a merge conflict"
    )


def test_marker_like_text_inside_values_is_not_a_conflict() -> None:
    text = RF_YAML + "apiVersion: v1.2\ndescription: '<<<<<<< not a marker'\n"
    assert all("conflict" not in d.message for d in lint(text, "x.yaml"))


# -- tabs in YAML indentation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("spec:\n  kind: Workflow\n  spec:\n\ttype: sequential\n", 4, 1),  # a tab alone
        ("a:\n  \tb: 1\n", 2, 3),  # spaces, then a tab
        ("a:\n  b: 1\n\tc: 2\n", 3, 1),  # under a mapping (another libyaml message)
        ("a:\n  - x\n\t- y\n", 3, 1),  # in a sequence
        ("a: |\n\tfoo\n", 2, 1),  # in a block scalar
    ],
)
def test_a_tab_in_yaml_indentation_is_named_with_its_column(
    text: str, line: int, column: int
) -> None:
    d = _one(text, "x.yaml")
    assert _at(d) == (line, column)
    assert d.message == (
        f"invalid YAML: a tab character in the indentation at column {column}; "
        "YAML indents with spaces only"
    )
    assert d.hint == "replace the tab with spaces"


def test_tabs_where_yaml_allows_them_are_fine() -> None:
    assert lint("a:\tb\nc: [1,\t2]\n", "x.yaml", doc_type="template") == lint(
        "a: b\nc: [1, 2]\n", "x.yaml", doc_type="template"
    )


# -- JSON ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        # trailing commas: at the comma, not at the closing bracket
        (
            '{\n  "a": 1,\n}\n',
            2,
            9,
            "invalid JSON: a trailing comma; JSON allows no ',' after the last member of an object",
        ),
        (
            '{"a": [1, 2,\n]}',
            1,
            12,
            "invalid JSON: a trailing comma; JSON allows no ',' after the last item of an array",
        ),
        # comments, where they start
        ('{\n  // the app\n  "a": 1\n}', 2, 3, "invalid JSON: a comment; JSON has no comments"),
        ('{\n  "a": 1, // x\n  "b": 2\n}', 2, 11, "invalid JSON: a comment; JSON has no comments"),
        ('{\n  "a": 1 /* x */\n}', 2, 10, "invalid JSON: a comment; JSON has no comments"),
        ('/* head */\n{"a": 1}', 1, 1, "invalid JSON: a comment; JSON has no comments"),
        ('{"a": 1}\n// end\n', 2, 1, "invalid JSON: a comment; JSON has no comments"),
        # unterminated strings: at the opening quote
        (
            '{\n  "a": "abc,\n  "b": 2\n}',
            2,
            8,
            'invalid JSON: an unterminated string; it has no closing " on its line',
        ),
        (
            '{\n  "a: 1,\n  "b": 2\n}',
            2,
            3,
            'invalid JSON: an unterminated string; it has no closing " on its line',
        ),
        (
            '{\n  "a": "abc',
            2,
            8,
            'invalid JSON: an unterminated string; it has no closing " on its line',
        ),
        # missing commas: where the comma belongs, right after the value
        ('{\n  "a": 1\n  "b": 2\n}', 2, 9, "invalid JSON: a ',' is missing after this value"),
        ('[\n  {"a": 1}\n  {"b": 2}\n]', 2, 11, "invalid JSON: a ',' is missing after this value"),
        ('{"a": "x" "b": 2}', 1, 10, "invalid JSON: a ',' is missing after this value"),
        ('{"a": true\n"b": 2}', 1, 11, "invalid JSON: a ',' is missing after this value"),
        # a missing colon, after the key
        ('{\n  "a" 1\n}', 2, 6, "invalid JSON: a ':' is missing after this key"),
        # single quotes
        ("{'a': 1}", 1, 2, "invalid JSON: a single quote; JSON strings take double quotes"),
        # a raw tab inside a string
        (
            '{"a": "x\ty"}',
            1,
            9,
            "invalid JSON: a raw control character (U+0009) inside a string",
        ),
    ],
)
def test_json_syntax_errors_name_the_mistake_where_it_is(
    text: str, line: int, column: int, message: str
) -> None:
    d = _one(text, "x.json")
    assert (_at(d), d.message) == ((line, column), message)
    assert d.hint


def test_json_errors_nflint_cannot_name_keep_jsons_words() -> None:
    d = _one('{"a": }', "x.json")
    assert (_at(d), d.message) == ((1, 7), "invalid JSON: expecting value")


# -- YAML: quoted strings and flow collections -----------------------------------------


def test_an_unterminated_yaml_string_is_named_at_its_opening_quote() -> None:
    d = _one('a:\n  b: "abc\n  c: d\n', "x.yaml")
    assert _at(d) == (2, 6)
    assert d.message == (
        'invalid YAML: unterminated string: the quoted string that starts here has no closing "'
    )
    d = _one("a: 'abc\nb: 1\n", "x.yaml")
    assert _at(d) == (1, 4)
    assert d.message.endswith("has no closing '")


def test_a_missing_comma_in_a_yaml_flow_collection_names_the_collection() -> None:
    d = _one('x: ["a" "b"]\n', "x.yaml")
    assert _at(d) == (1, 9)
    assert d.message == (
        "invalid YAML: expected ',' or ']' before this (in the flow sequence [ that opens "
        "at line 1, column 4)"
    )


@pytest.mark.parametrize("char", ["@", "`"])
def test_a_reserved_first_character_is_named(char: str) -> None:
    d = _one(f"a:\n  b: {char}acme/api\n", "x.yaml")
    assert _at(d) == (2, 6)
    assert d.message == (
        f"invalid YAML: a value cannot start with {char} unquoted (YAML reserves the character)"
    )
    assert d.hint == "quote the value"


@pytest.mark.parametrize(
    ("value", "what", "hint"),
    [
        ("*/10 * * * *", "* unquoted is read as an alias",
         "quote the value (a cron schedule: '*/10 * * * *')"),
        ("*.json", "* unquoted is read as an alias",
         "quote the value (a cron schedule: '*/10 * * * *')"),
        ("&", "& unquoted is read as an anchor", "quote the value"),
    ],
)
def test_an_unquoted_star_or_ampersand_is_named_at_the_value(
    value: str, what: str, hint: str
) -> None:
    d = _one(f"a:\n  schedule: {value}\n", "x.yaml")
    assert _at(d) == (2, 13)
    assert d.message == f"invalid YAML: a value that starts with {what}"
    assert d.hint == hint


# -- undefined aliases -----------------------------------------------------------------


def test_an_undefined_alias_is_one_parse_finding_and_nothing_else() -> None:
    text = (
        RF_YAML + "apiVersion: v1.2\noptions:\n  <<: *defaults\n  concurrencyPolicy: *policy\n"
        "other:\n  <<: *defaults\n"
        "spec: {kind: Workflow, spec: {type: sequential, steps: []}}\n"
    )
    found = lint(text, "x.yaml")
    assert [(d.rule, *_at(d), d.pointer, d.message) for d in found] == [
        (
            "NF001",
            4,
            7,
            "/options/<<",
            "invalid YAML: undefined alias *defaults (no anchor &defaults before it); "
            "used 2 times in this document",
        ),
        (
            "NF001",
            5,
            22,
            "/options/concurrencyPolicy",
            "invalid YAML: undefined alias *policy (no anchor &policy before it)",
        ),
    ]


def test_an_anchor_after_its_alias_is_pointed_out() -> None:
    [d] = lint("a: *x\nb: &x 1\n", "x.yaml")
    assert (d.rule, *_at(d)) == ("NF001", 1, 4)
    assert d.hint == "the anchor &x comes after this alias; YAML needs it before its first alias"


def test_other_documents_of_the_file_are_still_linted() -> None:
    good = RF_YAML + "apiVersion: v7\nspec: {kind: Workflow, spec: {type: sequential, steps: []}}\n"
    found = lint("a: *nope\n---\n" + good, "x.yaml")
    assert [(d.rule, d.document) for d in found] == [("NF001", 1), ("NF104", 2)]


@pytest.mark.parametrize(
    ("text", "at", "message", "hint"),
    [
        ('{"a": [1, 2', (1, 11), "the text ends inside the array that opens at line 1, column 7",
         'the file may be cut short; close it with "]"'),
        ('{\n  "a": {"b": 1}\n', (2, 15),
         "the text ends inside the object that opens at line 1, column 1",
         'the file may be cut short; close it with "}"'),
    ],
)
def test_a_json_file_cut_short_names_what_is_left_open(
    text: str, at: tuple[int, int], message: str, hint: str
) -> None:
    d = _one(text, "x.json")
    assert (_at(d), d.message, d.hint) == (at, f"invalid JSON: {message}", hint)
