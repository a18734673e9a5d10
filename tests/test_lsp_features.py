"""The language server's feature modules called directly (no process): UTF-16
positions, code actions on fixes built here (the rules' own fixes go the same
way), the suppress action, JSON completion, the size limit."""

from __future__ import annotations

import dataclasses
import json

import pytest
from lsprotocol import types as T

from nflint.config.files import Config
from nflint.diagnostics import Applicability, Diagnostic, Edit, FileResult, Fix, Severity
from nflint.lsp import actions, completion, hover, navigation, publish
from nflint.lsp.positions import Lines
from nflint.lsp.state import MAX_SIZE, Snapshot
from tests.documents import release_flow
from tests.lsp_client import position_of

FLOW = release_flow("""
      - kind: Relase
        ref: deploy
        spec:
          note: |
            multi
            line
""")


def snap(text: str, name: str = "flow.yaml", version: int = 1) -> Snapshot:
    return Snapshot(f"file:///work/{name}", f"/work/{name}", version, text, Config(root="/work"))


def test_positions_count_utf16_units() -> None:
    text = "a: \U0001f600é\r\nb: x\n"
    lines = Lines(text)
    b = text.index("b")
    assert lines.position(b) == T.Position(line=1, character=0)
    after_emoji = text.index("é")
    assert lines.position(after_emoji) == T.Position(line=0, character=5)  # the emoji is 2 units
    assert lines.offset(T.Position(line=0, character=5)) == after_emoji
    assert lines.offset(T.Position(line=0, character=99)) == text.index("\r")  # clamped to the line
    assert lines.offset(T.Position(line=9, character=0)) == len(text)


def _finding(result: FileResult, rule: str) -> Diagnostic:
    return next(d for d in result.diagnostics if d.rule == rule)


def _params(
    snapshot: Snapshot, shown: list[T.Diagnostic], only: list[str] | None = None
) -> T.CodeActionParams:
    whole = T.Range(start=T.Position(line=0, character=0), end=T.Position(line=99, character=0))
    return T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri=snapshot.uri),
        range=shown[0].range if shown else whole,
        context=T.CodeActionContext(diagnostics=shown, only=only),
    )


def test_fixes_become_quick_fixes_safe_first_and_fix_all() -> None:
    snapshot = snap(FLOW)
    result = publish.lint(snapshot)
    assert result is not None
    start = FLOW.index("Relase")
    safe = Fix(
        Applicability.SAFE, 'replace "Relase" with "Release"', (Edit(start, start + 6, "Release"),)
    )
    risky = Fix(Applicability.UNSAFE, "remove the node", (Edit(start - 14, start + 6, ""),))
    kind = _finding(result, "NF108")
    fixed = result._replace(
        diagnostics=(
            *(dataclasses.replace(d, fix=safe) if d is kind else d for d in result.diagnostics),
            dataclasses.replace(kind, message="other", fix=risky),
        )
    )
    shown = publish.convert(snapshot, fixed)
    nf108 = [d for d in shown if d.code == "NF108"]
    got = actions.code_actions(snapshot, fixed, _params(snapshot, nf108)) or []
    titles = [a.title for a in got]
    assert titles == [
        'replace "Relase" with "Release"',
        "remove the node (unsafe)",
        "Suppress NF108 on this line",
        "nflint: apply 1 safe fix",  # without "only", fix all is offered too
    ]
    assert got[0].is_preferred and not got[1].is_preferred
    [edit] = got[0].edit.changes[snapshot.uri]  # type: ignore[union-attr]
    assert edit.new_text == "Release" and edit.range.start == position_of(FLOW, "Relase")
    every = actions.code_actions(snapshot, fixed, _params(snapshot, [], [actions.FIX_ALL])) or []
    assert [a.kind for a in every] == [actions.FIX_ALL]
    [whole] = every[0].edit.changes[snapshot.uri]  # type: ignore[union-attr]
    assert whole.new_text == FLOW.replace("Relase", "Release")


def test_fix_all_takes_overlapping_fixes_once() -> None:
    text = "0123456789" * 4
    a = Fix(Applicability.SAFE, "a", (Edit(5, 9, "x"),))
    b = Fix(Applicability.SAFE, "b", (Edit(8, 12, "y"),))  # overlaps a: next time
    c = Fix(Applicability.SAFE, "c", (Edit(20, 21, "z"),))
    d = Fix(Applicability.UNSAFE, "d", (Edit(30, 31, "w"),))  # never in fix all
    base = Diagnostic("NF108", "n", Severity.ERROR, "m", "p", "", None)
    result = FileResult(
        "p", tuple(dataclasses.replace(base, message=f.message, fix=f) for f in (c, b, a, d))
    )
    action = actions.fix_all(snap(text, "x.yaml"), result)
    assert action is not None and action.title == "nflint: apply 2 safe fixes"
    [edit] = action.edit.changes["file:///work/x.yaml"]  # type: ignore[union-attr]
    assert edit.new_text == "01234x9" + "0123456789"[:0] + "0123456789z123456789" + "0123456789"
    assert edit.range.end == T.Position(line=0, character=40)


def test_suppress_extends_a_directive_and_skips_block_strings() -> None:
    text = FLOW.replace("kind: Relase", "kind: Relase  # nflint: disable=NF999")
    snapshot = snap(text)
    result = publish.lint(snapshot)
    assert result is not None
    nf108 = [d for d in publish.convert(snapshot, result) if d.code == "NF108"]
    got = actions.code_actions(snapshot, result, _params(snapshot, nf108)) or []
    [action] = [a for a in got if a.title.startswith("Suppress")]
    [edit] = action.edit.changes[snapshot.uri]  # type: ignore[union-attr]
    assert edit.new_text == ",NF108"
    assert edit.range.start == position_of(text, "NF999", after=5)
    assert actions._inside_string(snapshot, text.index("multi") + 5)
    assert not actions._inside_string(snapshot, text.index("Relase") + 6)


def test_json_key_and_value_completion() -> None:
    data = {
        "$schema": "https://api.northflank.com/v1/schemas/release-flow",
        "apiVersion": "v1.2",
        "spec": {"kind": "Workflow", "spec": {"type": "", "steps": []}},
    }
    text = json.dumps(data, indent=2)
    got = completion.complete(
        snap(text, "f.json"), position_of(text, '"type": "', after=9), snippets=False
    )
    assert got is not None
    assert sorted(i.label for i in got.items) == ["parallel", "sequential"]
    assert {i.text_edit.new_text for i in got.items} == {"parallel", "sequential"}  # type: ignore[union-attr]
    keyed = text.replace(
        '"apiVersion": "v1.2",',
        '"apiVersion": "v1.2",\n  "',
    )
    got = completion.complete(
        snap(keyed, "f.json"), position_of(keyed, '\n  "\n', after=4), snippets=False
    )
    assert got is not None
    labels = [i.label for i in got.items]
    assert "arguments" in labels and "spec" not in labels and "apiVersion" not in labels
    assert (
        next(i for i in got.items if i.label == "arguments").text_edit.new_text == '"arguments": '
    )  # type: ignore[union-attr]


def test_huge_documents_get_only_the_size_finding() -> None:
    text = FLOW + "# " + "x" * MAX_SIZE + "\n"
    snapshot = snap(text)
    result = publish.lint(snapshot)
    assert result is not None and [d.rule for d in result.diagnostics] == ["NF007"]
    assert completion.complete(snapshot, T.Position(line=3, character=8), snippets=True) is None
    assert hover.hover(snapshot, T.Position(line=3, character=8)) is None


def test_rename_refuses_a_name_that_would_break_references() -> None:
    text = FLOW.replace(
        "note: |\n            multi\n            line\n", "note: ${refs.deploy.id}\n"
    )
    snapshot = snap(text)
    with pytest.raises(ValueError, match="not a valid refs name"):
        navigation.rename(snapshot, position_of(text, "ref: deploy", after=6), "a.b")


NEW_STEP = release_flow("""
      - kind: Build
        ref: b
        spec:
          id: x
      - {typed}
teardownSpec:
  spec:
    kind: Workflow
    spec:
      type: sequential
      steps:
        - kind: {kind}
""")


def _sorted_labels(got: T.CompletionList | None) -> list[str]:
    assert got is not None
    return [i.label for i in sorted(got.items, key=lambda i: i.sort_text or i.label)]


@pytest.mark.parametrize("typed", ["", "ki"])
def test_keys_of_a_new_list_item(typed: str) -> None:
    text = NEW_STEP.format(typed=typed, kind="Approval")
    at = position_of(text, f"      - {typed}\n", after=8 + len(typed))
    labels = _sorted_labels(completion.complete(snap(text), at, snippets=False))
    assert labels[:2] == ["kind", "spec"]  # required first; none present in the new item
    assert "ref" in labels


def test_teardown_kinds() -> None:
    text = NEW_STEP.format(typed="kind: Approval", kind="")
    at = position_of(text, "        - kind: \n", after=16)
    labels = _sorted_labels(completion.complete(snap(text), at, snippets=False))
    assert "OpenTofuDestroy" in labels and "JobRun" in labels
    assert "Build" not in labels and "Release" not in labels
