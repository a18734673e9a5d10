"""The ${...} parser (nflint.expressions) and decoded-offset -> file-position
mapping (nflint.strpos)."""

from __future__ import annotations

import pytest

from nflint.analysis.expressions import (
    Call,
    Expression,
    Reference,
    SyntaxProblem,
    UnknownHead,
    parse,
)
from nflint.diagnostics import Position
from nflint.load import loader, strpos
from nflint.load import pointer as jp


def one(text: str) -> Expression:
    found = parse(text)
    assert len(found) == 1, found
    return found[0]


# -- references, calls, literals ------------------------------------------


def test_reference_with_numeric_index_and_offsets() -> None:
    e = one("https://${refs.payload.ports.0.dns}/x")
    assert (e.start, e.end, e.runtime, e.placeholder, e.error) == (8, 35, False, False, None)
    assert e.references == (Reference("refs", ("payload", "ports", "0", "dns"), 10, 34, 15, 22),)


def test_several_expressions_in_one_string() -> None:
    found = parse("${args.name}-postgres-${args.previewId}")
    assert [(e.start, e.end) for e in found] == [(0, 12), (22, 39)]
    assert [r.name for e in found for r in e.references] == ["name", "previewId"]


def test_nested_calls_count_arguments() -> None:
    e = one("${fn.if(fn.eq(args.branch, 'main'), 3, 1)}")
    assert e.error is None
    assert e.calls == (
        Call("if", 3, 2, 41, 5, 7),
        Call("eq", 2, 8, 34, 11, 13),
    )
    assert e.references == (Reference("args", ("branch",), 14, 25, 19, 25),)


def test_call_without_arguments_and_negative_numbers() -> None:
    assert one("${fn.date()}").calls[0].argc == 0
    e = one("${fn.arrSlice(args.list, -2)}")
    assert (e.error, e.calls[0].argc) == (None, 2)


def test_template_prefix() -> None:
    e = one("${template.refs.builder.id}")
    assert e.references == (Reference("refs", ("builder", "id"), 2, 26, 16, 23, template=True),)
    assert one("${template.fn.randomString(64)}").calls[0].template


def test_runtime_expression() -> None:
    e = one("${{secrets.team.values.API_KEY}}")
    assert (e.runtime, e.end, e.error) == (True, 32, None)
    assert e.references[0].root == "secrets"


def test_escaped_dollar_is_not_an_expression() -> None:
    assert parse("\\${aws_s3_bucket.nf.id}") == ()
    # an escaped backslash before ${ leaves the expression live
    assert len(parse("\\\\${args.X}")) == 1


def test_string_literal_holding_an_escaped_expression() -> None:
    # docs fragment f03: ${'\${aws_s3_bucket.nf.id}'} (decoded JSON)
    e = one("${'\\${aws_s3_bucket.nf.id}'}")
    assert (e.start, e.end, e.error, e.references, e.unknown) == (0, 28, None, (), ())


def test_bracket_index() -> None:
    e = one("${refs.gateway.spec.ports[0].name}")
    assert e.error is None
    assert e.references[0].path == ("gateway", "spec", "ports", "0", "name")


# -- foreign syntax --------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["${DATABASE_URL}", "${NF_ORLEAN_PG_HOST}", "${port}", "${PORT:-8080}", "${#VAR}"]
)
def test_env_and_shell_placeholders_are_left_alone(text: str) -> None:
    e = one(text)
    assert (e.placeholder, e.error, e.references, e.unknown) == (True, None, (), ())


def test_unknown_head() -> None:
    e = one("postgres://${addons.db.host}:5432")
    assert (e.placeholder, e.error) == (False, None)
    assert e.unknown == (UnknownHead("addons", "addons.db.host", 13, 27),)


def test_unknown_head_inside_function_arguments() -> None:
    e = one("${fn.eq(backend.host, true)}")
    assert e.error is None
    assert e.unknown == (UnknownHead("backend", "backend.host", 8, 20),)


# -- syntax errors ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "start", "end"),
    [
        ("${secrets.wiki.values.pass", 'unterminated expression: no closing "}"', 0, 2),
        ("${args.}", 'unexpected "}"; expected a name after "."', 7, 8),
        ("${args}", 'expected "." and a name after "args"', 6, 7),
        (
            "${fn.randomSecret}",
            'expected "(" after fn.randomSecret: a function must be called',
            17,
            18,
        ),
        (
            "${fn.randomSecret(32}",
            'unexpected "}" in the arguments of fn.randomSecret; expected "," or ")"',
            20,
            21,
        ),
        ("${}", "empty expression: expected a reference, a function call or a literal", 2, 3),
        ("${ args.x args.y }", 'unexpected "a"; expected "}" to end the expression', 10, 11),
        ("${'abc}", 'unterminated string literal: no closing "\'"', 2, 3),
        ("${randomSecret(3)}", "only fn.<name>(...) can be called", 14, 15),
        ("${fn.a.b(1)}", 'expected "(" after fn.a; functions have no members', 6, 7),
        ("${template}", 'expected "." and args, refs or fn after the template prefix', 10, 11),
        ("${{args.X}", 'unexpected "}"; expected "}}" to end the expression', 9, 10),
        ("${refs.x[a]}", 'expected an array index such as [0] after "["', 8, 9),
    ],
)
def test_syntax_errors_point_at_the_offending_character(
    text: str, message: str, start: int, end: int
) -> None:
    e = one(text)
    assert e.error == SyntaxProblem(message, start, end)
    # a broken expression reports nothing else
    assert (e.references, e.calls, e.unknown) == ((), (), ())


def test_parsing_resumes_after_a_broken_expression() -> None:
    found = parse("${args.} and ${args.B}")
    assert [e.error is None for e in found] == [False, True]
    assert found[1].references[0].name == "B"


# -- strpos: decoded offsets -> file positions ------------------------------


def position(text: str, path: str, pointer: str, needle: str) -> Position:
    docs, problems = loader.load(text, path)
    assert not problems
    doc = docs[0]
    value = jp.resolve(doc.data, pointer)
    assert isinstance(value, str)
    index = value.index(needle)
    span = strpos.span(doc, pointer, index, index + len(needle))
    assert span is not None
    return span.start


def test_json_escapes_before_the_expression() -> None:
    text = '{\n  "a": "tab\\t\\u00e9\\"q\\" ${args.X}"\n}\n'
    # columns: 9-25 hold `tab\t\u00e9\"q\" ` as written; `$` is column 26
    assert position(text, "x.json", "/a", "${args.X}") == Position(2, 26)


def test_json_surrogate_pair() -> None:
    text = '{"a": "\\ud83d\\ude00 ${args.X}"}'
    assert position(text, "x.json", "/a", "${") == Position(1, 21)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: plain ${args.X}\n", Position(1, 10)),
        ("a: 'it''s ${args.X}'\n", Position(1, 11)),
        ('a: "tab\\t\\u00e9 ${args.X}"\n', Position(1, 17)),
        ("a: plain\n  continued ${args.X}\n", Position(2, 13)),
        ("a: 'one\n\n  two ${args.X}'\n", Position(3, 7)),
        ('a: "multi\n  line \\\n  ${args.X}"\n', Position(3, 3)),
        ("a: |\n  line1\n  ${args.X} here\n", Position(3, 3)),
        ("a: >-\n  fold\n  more\n\n   indented ${args.X}\n", Position(5, 13)),
        ("a: |+\n    deep ${args.X}\n\n", Position(2, 10)),
        ("a:\n  - x: >\n      a\n      b ${args.X}\n", Position(4, 9)),
    ],
)
def test_yaml_scalar_styles(text: str, expected: Position) -> None:
    pointer = "/a/0/x" if "- x" in text else "/a"
    assert position(text, "x.yaml", pointer, "${args.X}") == expected


def test_crlf_line_breaks() -> None:
    text = "a: plain\r\n  continued ${args.X}\r\n"
    assert position(text, "x.yaml", "/a", "${args.X}") == Position(2, 13)


def test_unmappable_scalar_falls_back_to_the_value() -> None:
    text = "a: |2\n    ${args.X}\n"
    docs, _ = loader.load(text, "x.yaml")
    span = strpos.span(docs[0], "/a", 2, 4)
    assert span is not None and span.start == Position(1, 4)


# -- properties -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "${refs.a.b}",
        "${ args.X }",
        "${{secrets.s.values.K}}",
        "${template.refs.x-y.id}",
        "${refs.a.0.dns}",
        "${args.a-b.c}",
    ],
)
def test_fast_path_agrees_with_the_parser(text: str) -> None:
    from nflint.analysis.expression_fast import simple
    from nflint.analysis.expressions import _Parser

    assert simple(text, 0) == _Parser(text, 0).expression()


@pytest.mark.slow
def test_parse_never_raises_and_stays_in_bounds() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from([*"${}()[].,'\"\\ -_aAfn0129", "args", "refs", "fn.", "template."])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(alphabet, max_size=30).map("".join))
    def check(text: str) -> None:
        for e in parse(text):
            assert 0 <= e.start < e.end <= len(text)
            if e.error is not None:
                assert 0 <= e.error.start < e.error.end <= len(text)
            for r in e.references:
                assert text[r.name_start : r.name_end] == r.name

    check()


@pytest.mark.parametrize("text", ["x${refs.", "${args.", "${fn.slug(args.", "${refs.a.b."])
def test_a_path_cut_after_a_dot_is_unterminated_not_a_crash(text: str) -> None:
    """What an editor sends while ``${refs.`` is being typed."""
    [expression] = parse(text)
    assert expression.error is not None
    assert expression.error.message.startswith("unterminated expression")
