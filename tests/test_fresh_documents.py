"""Documents written fresh from the reference, as a new user would write
them, linted the way a new user runs nflint.

``tests/data/fresh/valid``: 24 valid documents of every type (release
flows, templates with arguments, refs and functions, preview templates,
workflows with new-style triggers, preview blueprints; JSON and YAML, with
and without ``$schema``, CRLF, a BOM, anchors and merges, comments): no
error, and only the warnings a reader agrees with.

``tests/data/fresh/invalid``: one realistic mistake or a few per file
(typos in kinds, keys and enums, wrong types, YAML 1.1 look-alikes,
duplicate keys, bad refs and expressions, merge-conflict markers, trailing
commas): exactly one finding per mistake, at its exact place.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from nflint.diagnostics import Diagnostic, Severity
from nflint.engine import Options, lint_text
from tests.conftest import DATA

FRESH = DATA / "fresh"
VALID = sorted((FRESH / "valid").iterdir())
INVALID = sorted((FRESH / "invalid").iterdir())

#: the only warnings the valid documents get, each one deserved: the
#: bot-written file keeps Northflank's dated "v1" (its empty description is
#: an info),
#: a lambda is syntax Northflank never documents, and a top-level key that
#: only holds a YAML anchor is still a key Northflank does not know
WARNINGS = {
    "v13-template-anchors.yaml": ["NF102"],
    "v21-template-v1-bot.json": ["NF201"],
    "v22-workflow-lambda.yaml": ["NF222"],
}

#: (rule, line, column, pointer) of every finding but NF006 (the type guess)
EXPECTED: dict[str, list[tuple[str, int, int, str]]] = {
    "b01-kind-typo.yaml": [("NF108", 8, 15, "/spec/spec/steps/0/kind")],
    "b02-enum-case.json": [
        ("NF104", 4, 36, "/options/concurrencyPolicy"),
        ("NF104", 5, 31, "/triggers/0/vcsService"),
        ("NF108", 6, 20, "/spec/kind"),
    ],
    "b03-yaml11.yaml": [("NF103", 4, 11, "/options/paused")],
    "b04-dupkey.json": [("NF002", 4, 63, "/spec/spec/type")],
    "b05-dupkey.yaml": [("NF002", 8, 1, "/name")],
    "b06-trailing-comma.json": [("NF001", 4, 74, "")],
    "b07-conflict.yaml": [("NF001", 6, 1, "")],
    "b08-conflict.json": [("NF001", 4, 1, "")],
    "b09-bad-ref.yaml": [("NF206", 19, 27, "/spec/spec/steps/1/spec/origin/build")],
    "b10-bad-expr.json": [
        ("NF203", 8, 18, "/spec/spec/steps/0/spec/secrets/variables/A"),
        ("NF202", 9, 13, "/spec/spec/steps/0/spec/secrets/variables/B"),
        ("NF202", 10, 13, "/spec/spec/steps/0/spec/secrets/variables/C"),
        ("NF205", 11, 15, "/spec/spec/steps/0/spec/secrets/variables/D"),
        ("NF204", 12, 15, "/spec/spec/steps/0/spec/secrets/variables/E"),
    ],
    "b11-wrong-types.yaml": [
        ("NF216", 12, 28, "/spec/spec/steps/0/skipNodeExecution"),
        ("NF103", 18, 24, "/spec/spec/steps/0/spec/deployment/instances"),
        ("NF103", 23, 29, "/spec/spec/steps/0/spec/ports/0/internalPort"),
        ("NF103", 24, 23, "/spec/spec/steps/0/spec/ports/0/public"),
    ],
    "b12-key-typo.yaml": [
        ("NF102", 7, 5, "/spec/spec/contex"),
        ("NF106", 12, 17, "/spec/spec/steps/0/spec/name"),
    ],
    "b13-apiversion-number.yaml": [("NF104", 2, 13, "/apiVersion")],
    "b14-tab.yaml": [("NF001", 4, 1, "")],
    "b15-json-comment.json": [("NF001", 3, 3, "")],
    "b16-missing-comma.json": [("NF001", 3, 26, "")],
    "b17-unterminated.json": [("NF001", 3, 11, "")],
    "b18-wrong-context-node.json": [
        ("NF109", 5, 14, "/spec/spec/steps/0/kind"),
        ("NF104", 6, 42, "/spec/spec/steps/1/spec/type"),
    ],
    "b19-webhook-notoken.yaml": [
        ("NF104", 4, 11, "/triggers/0/kind"),
        ("NF101", 7, 5, "/triggers/1/spec"),
        ("NF225", 10, 13, "/triggers/2/spec/cron"),  # every 5 minutes: the minimum is 10
    ],
    "b20-repourl-build.json": [
        ("NF105", 4, 67, "/triggers/0/repoUrl"),
        ("NF217", 4, 108, "/triggers/0/vcsLinkId"),
        ("NF214", 6, 90, "/spec/spec/steps/0/spec/pullRequestId"),
        ("NF106", 6, 118, "/spec/spec/steps/0/spec/sha"),
        ("NF107", 7, 44, "/spec/spec/steps/1/timeoutDuration"),
    ],
    "b21-unescaped-tofu.yaml": [
        ("NF205", 18, 29, "/spec/spec/steps/0/spec/spec/resource/aws_s3_bucket_policy/p/bucket"),
        ("NF212", 23, 16, "/teardownSpec/spec/spec/nodeRef"),
    ],
    "b22-multidoc.yaml": [("NF104", 11, 16, "/spec/spec/type")],
    "b23-alias.yaml": [("NF001", 13, 15, "/spec/spec/steps/0/spec/<<")],
    "b24-nulls.yaml": [
        ("NF103", 4, 13, "/description"),
        ("NF103", 10, 18, "/spec/spec/context/projectId"),
        ("NF103", 16, 17, "/spec/spec/steps/0/spec/color"),
    ],
    "b26-quoted-numbers.json": [
        ("NF103", 4, 44, "/options/autorun"),
        ("NF103", 9, 35, "/spec/spec/steps/0/spec/deployment/instances"),
        ("NF103", 10, 50, "/spec/spec/steps/0/spec/ports/0/internalPort"),
        ("NF103", 10, 69, "/spec/spec/steps/0/spec/ports/0/public"),
        ("NF103", 11, 45, "/spec/spec/steps/1/spec/amount"),
    ],
    "b25-rf-template-keys.json": [
        ("NF102", 4, 3, "/name"),
        ("NF102", 5, 3, "/description"),
        ("NF102", 6, 15, "/options/autorun"),
        ("NF208", 9, 32, "/spec/spec/steps/1/ref"),
    ],
}


def _lint(path: Path) -> list[Diagnostic]:
    return list(lint_text(path.read_bytes(), str(path), Options()).diagnostics)


def test_the_fresh_documents_are_all_there() -> None:
    assert len(VALID) == 24
    assert sorted(p.name for p in INVALID) == sorted(EXPECTED)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_a_fresh_valid_document_gets_no_error_and_no_needless_warning(path: Path) -> None:
    found = _lint(path)
    assert [d for d in found if d.severity is Severity.ERROR] == []
    warned = [d.rule for d in found if d.severity is Severity.WARNING]
    assert warned == WARNINGS.get(path.name, [])


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_a_fresh_mistake_is_found_once_at_its_place(path: Path) -> None:
    found = [
        (
            d.rule,
            d.span.start.line if d.span else 0,
            d.span.start.column if d.span else 0,
            d.pointer,
        )
        for d in _lint(path)
        if d.rule != "NF006"
    ]
    assert found == EXPECTED[path.name]


def test_a_colour_swallowed_by_a_yaml_comment_names_the_comment() -> None:
    """``color: #ff0000`` is an empty value and a comment: the finding says
    so and carries the quoted value as an (unsafe) fix."""
    path = FRESH / "invalid" / "b24-nulls.yaml"
    text = path.read_text()
    color = next(d for d in _lint(path) if d.pointer.endswith("/color"))
    assert color.hint == '"#" starts a comment in YAML, so the value is empty; write "#ff0000"'
    assert color.fix is not None
    (edit,) = color.fix.edits
    assert text[edit.start : edit.end] == "#ff0000"
    assert edit.content == '"#ff0000"'
    fixed = text[: edit.start] + edit.content + text[edit.end :]
    again = [
        d
        for d in lint_text(fixed, str(path), Options()).diagnostics
        if d.pointer.endswith("/color")
    ]
    assert again == []


@pytest.mark.parametrize(
    "line",
    ["description:   # TODO write one", "description:", "description: #"],
)
def test_a_real_comment_after_an_empty_value_gets_no_literal_hint(line: str) -> None:
    text = (
        f"apiVersion: v1.2\nname: plain\n{line}\n"
        "spec:\n  kind: Workflow\n  spec: {type: sequential, steps: []}\n"
    )
    (found,) = [
        d
        for d in lint_text(text, "t.yaml", Options(doc_type="template")).diagnostics
        if d.rule == "NF103"
    ]
    assert (found.span.start.line if found.span else 0, found.pointer) == (3, "/description")
    assert found.hint is None
    assert found.fix is None


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("b14-tab.yaml", "4:1: invalid YAML: a tab character in the indentation at column 1;"),
        ("b06-trailing-comma.json", "4:74: invalid JSON: a trailing comma;"),
    ],
)
def test_graph_of_a_file_that_does_not_parse_says_why(name: str, why: str) -> None:
    path = FRESH / "invalid" / name
    done = subprocess.run(
        [sys.executable, "-m", "nflint", "graph", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    no_flow = f"nflint: {path}: no Northflank document with a flow to draw"
    assert done.stderr.startswith(f"{no_flow} ({why}")
    assert done.stderr.count("\n") == 1


def test_graph_of_a_file_without_a_flow_still_says_so(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"name": "not northflank"}\n')
    done = subprocess.run(
        [sys.executable, "-m", "nflint", "graph", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (
        2,
        f"nflint: {path}: no Northflank document with a flow to draw\n",
    )


QUOTED = (FRESH / "invalid" / "b26-quoted-numbers.json").read_text()


def test_a_quoted_number_or_boolean_gets_the_literal_to_write() -> None:
    """``"amount": "2"`` where an integer is wanted: ``write 2``, as an
    unsafe fix that drops the quotes; a quoted value that is not a JSON
    literal (``"08080"``) gets no hint."""
    found = list(lint_text(QUOTED, "q.json", Options()).diagnostics)
    got = [
        (d.rule, d.span.start.line if d.span else 0, d.span.start.column if d.span else 0, d.hint)
        for d in found
    ]
    assert got == [
        ("NF103", 4, 44, "write true"),
        ("NF103", 9, 35, "write 2"),
        ("NF103", 10, 50, None),
        ("NF103", 10, 69, "write false"),
        ("NF103", 11, 45, "write 2"),
    ]
    fixed = QUOTED
    for d in sorted(found, key=lambda d: -(d.fix.edits[0].start if d.fix else -1)):
        if d.fix is not None:
            (edit,) = d.fix.edits
            fixed = fixed[: edit.start] + edit.content + fixed[edit.end :]
    assert '"autorun": true' in fixed
    assert '"instances": 2,' in fixed
    assert '"amount": 2}' in fixed
    again = [d.pointer for d in lint_text(fixed, "q.json", Options()).diagnostics]
    assert again == ["/spec/spec/steps/0/spec/ports/0/internalPort"]


@pytest.mark.parametrize(
    ("written", "hint"),
    [("'3'", "write 3"), ('"3"', "write 3"), ('"3.5"', None), ('"0x10"', None), ('"\\x33"', None)],
)
def test_a_quoted_number_in_yaml(written: str, hint: str | None) -> None:
    text = (
        "$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1.2\n"
        f"spec:\n  kind: Approval\n  spec:\n    amount: {written}\n"
    )
    (found,) = lint_text(text, "a.yaml", Options()).diagnostics
    assert (found.rule, found.span.start.line if found.span else 0, found.hint) == (
        "NF103",
        6,
        hint,
    )


def test_a_yaml_11_boolean_still_gets_its_literal_beside_quoted_ones() -> None:
    text = (
        "$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1.2\n"
        "options:\n  paused: no\nspec:\n  kind: Workflow\n  spec: {type: sequential, steps: []}\n"
    )
    (found,) = lint_text(text, "a.yaml", Options()).diagnostics
    assert (found.rule, found.pointer, found.hint) == ("NF103", "/options/paused", "write false")


def _expression_findings(value: str) -> list[tuple[str, int, int, str]]:
    text = (
        "$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1.2\n"
        "arguments:\n  CSV: 'a, b'\nspec:\n  kind: Message\n  spec:\n    kind: RAW_WEBHOOK\n"
        f"    spec:\n      webhookUrl: https://hooks.acme.dev/x\n      message: '{value}'\n"
    )
    return [
        (d.rule, d.span.start.column if d.span else 0, d.span.end.column if d.span else 0, d.hint)
        for d in lint_text(text, "m.yaml", Options()).diagnostics
        if d.span and d.span.start.line == 11
    ]


REGEX_HINT = (
    "Northflank documents no regex syntax; check the result in a test run, "
    "or pass the pattern as a string"
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("${fn.split(args.CSV, /,\\s*/)}", [("NF222", 38, 44, REGEX_HINT)]),
        ("${fn.search(args.CSV, /b{1,2}/i)}", [("NF222", 39, 48, REGEX_HINT)]),
        ('${fn.replaceAll(args.CSV, /\\//g, "-")}', [("NF222", 43, 48, REGEX_HINT)]),
        ('${fn.split(args.CSV, ",")}', []),
    ],
)
def test_a_regex_literal_where_the_reference_allows_a_regex_is_a_warning(
    value: str, expected: list[tuple[str, int, int, str]]
) -> None:
    """``fn.split(s, sep: string|regex)``: a regex literal is undocumented
    syntax (NF222, a warning), not a syntax error."""
    assert _expression_findings(value) == expected


def test_a_slash_elsewhere_is_still_a_syntax_error() -> None:
    ((rule, column, _, _),) = _expression_findings("${fn.eq(args.CSV, /a/)}")
    assert (rule, column) == ("NF202", 35)
