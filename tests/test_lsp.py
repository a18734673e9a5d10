"""`nflint lsp` through a real LSP client over stdio (pytest-lsp): each
feature on documents written here, with exact ranges and rule ids. One
server serves the module (each test opens its own files)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import LanguageClient, client_capabilities

from nflint.engine import lint_text
from nflint.rules.core import url
from tests.conftest import ROOT
from tests.documents import release_flow
from tests.lsp_client import HISTORY, SERVER, diagnostics, open_doc, position_of, record

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]

FLOW = release_flow(top="arguments:\n  image: nginx\n", steps="""
      - kind: Build
        ref: build
        spec:
          id: api
          branch: main
      - kind: Relase
        ref: deploy
        spec:
          image: ${args.image}-${refs.build.sha}-${refs.nope.x}
""")

PARALLEL = release_flow(top="arguments:\n  tag: v1\n", steps="""
      - kind: Build
        ref: first
        spec:
          id: api
          type: service
          branch: main
      - kind: Workflow
        spec:
          type: parallel
          steps:
            - kind: Build
              ref: sibling
              spec:
                id: web
                type: service
                branch: main
            - kind: Message
              ref: note
              spec:
                type: RAW_WEBHOOK
                url: "https://example.com/${refs.first.id}/${args.tag}/"
""")


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    record(lsp_client)
    await lsp_client.initialize_session(
        T.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    yield
    await lsp_client.shutdown_session()


def _doc(uri: str) -> T.TextDocumentIdentifier:
    return T.TextDocumentIdentifier(uri=uri)


def _labels(result: Any) -> list[str]:
    items = result.items if isinstance(result, T.CompletionList) else result or []
    return [i.label for i in sorted(items, key=lambda i: i.sort_text or i.label)]


async def test_open_publishes_the_same_findings_as_check(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = open_doc(client, tmp_path / "flow.yaml", FLOW)
    found = await diagnostics(client, uri, 1)
    assert [(d.code, d.range.start.line, d.range.start.character, d.severity) for d in found] == [
        ("NF101", 11, 8, T.DiagnosticSeverity.Error),
        ("NF108", 14, 14, T.DiagnosticSeverity.Error),
        ("NF206", 17, 56, T.DiagnosticSeverity.Error),
    ]
    assert found[1].message == 'unknown node kind "Relase"\ndid you mean "Release"?'
    assert found[1].source == "nflint"
    assert found[1].code_description is not None
    assert found[1].code_description.href == url("NF108")
    assert (ROOT / "docs" / "rules" / "NF108.md").is_file()
    assert found[2].range.end.character == 60


async def test_config_from_the_files_folder_and_suppressions(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / ".nflint.toml").write_text('ignore = ["NF206"]\n\n[severity]\nNF108 = "warning"\n')
    text = FLOW.replace(
        "        spec:\n          id: api",
        "        spec:  # nflint: disable=NF101\n          id: api",
    )
    uri = open_doc(client, tmp_path / "flow.yaml", text)
    found = await diagnostics(client, uri, 1)
    assert [(d.code, d.range.start.line, d.severity) for d in found] == [
        ("NF108", 14, T.DiagnosticSeverity.Warning)
    ]


async def test_related_information_for_duplicate_refs(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = FLOW.replace("ref: deploy", "ref: build").replace("kind: Relase", "kind: Approval")
    uri = open_doc(client, tmp_path / "dup.yaml", text)
    found = [d for d in await diagnostics(client, uri, 1) if d.code == "NF208"]
    assert len(found) == 1
    [related] = found[0].related_information or []
    assert related.location.uri == uri
    assert related.location.range.start.line == 10  # the first "ref: build"


async def test_a_file_that_is_not_northflank_gets_nothing(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = open_doc(client, tmp_path / "compose.yaml", "services:\n  web:\n    image: nginx\n")
    assert await diagnostics(client, uri, 1) == []
    broken = open_doc(client, tmp_path / "notes.yaml", "a: [\n")
    assert await diagnostics(client, broken, 1) == []


async def test_incremental_edits_and_no_stale_result(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = open_doc(client, tmp_path / "flow.yaml", FLOW)
    await diagnostics(client, uri, 1)
    start = position_of(FLOW, "Relase")
    end = T.Position(line=start.line, character=start.character + len("Relase"))
    for version, word in ((2, "Rel"), (3, "Relea"), (4, "Release")):
        client.text_document_did_change(
            T.DidChangeTextDocumentParams(
                text_document=T.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    T.TextDocumentContentChangePartial(
                        range=T.Range(start=start, end=end), text=word
                    )
                ],
            )
        )
        end = T.Position(line=start.line, character=start.character + len(word))
    found = await diagnostics(client, uri, 4)
    final = FLOW.replace("Relase", "Release")
    expected = lint_text(final, str(tmp_path / "flow.yaml")).diagnostics
    assert [(d.code, d.range.start.line + 1) for d in found] == [
        (e.rule, e.span.start.line if e.span else 0) for e in expected
    ]
    assert "NF108" not in [d.code for d in found]
    versions = [v for u, v, _ in HISTORY if u == uri]
    assert versions == sorted(versions)  # never an older version after a newer one
    assert 2 not in versions and 3 not in versions  # the burst was linted once


async def test_hover(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(client, tmp_path / "flow.yaml", FLOW)

    async def hover(needle: str, after: int = 1, nth: int = 0) -> str:
        found = await client.text_document_hover_async(
            T.HoverParams(text_document=_doc(uri), position=position_of(FLOW, needle, nth, after))
        )
        assert found is not None, needle
        assert isinstance(found.contents, T.MarkupContent)
        return found.contents.value

    assert (await hover("type: sequential")).startswith("**type**")
    assert 'allowed: `"sequential"`, `"parallel"`' in await hover("type: sequential")
    assert (await hover("Build", 2)).startswith("**Build**: Starts a build")
    assert "Allowed in templates" in await hover("Build", 2)
    ref = await hover("refs.build", 6)
    assert ref.startswith("**Build** `build`, line 10")
    arg = await hover("args.image", 6)
    assert arg == '**argument `image`**, declared on line 4\n\ndefault: `"nginx"`'


async def test_hover_on_a_function(client: LanguageClient, tmp_path: Path) -> None:
    text = FLOW.replace("${args.image}", "${fn.slug(args.image)}")
    uri = open_doc(client, tmp_path / "fn.yaml", text)
    found = await client.text_document_hover_async(
        T.HoverParams(text_document=_doc(uri), position=position_of(text, "fn.slug", after=4))
    )
    assert found is not None and isinstance(found.contents, T.MarkupContent)
    assert found.contents.value == "```\nfn.slug(arg1)\n```\n\nTakes exactly 1 argument."


async def test_completion_of_kinds_per_context(client: LanguageClient, tmp_path: Path) -> None:
    flow = FLOW.replace("kind: Relase", "kind: ")
    uri = open_doc(client, tmp_path / "kinds.yaml", flow)
    got = await client.text_document_completion_async(
        T.CompletionParams(text_document=_doc(uri), position=position_of(flow, "kind: \n", after=6))
    )
    labels = _labels(got)
    assert "Release" in labels and "RunTemplate" in labels
    assert "DeploymentService" not in labels and "OpenTofuDestroy" not in labels
    template = flow.replace("release-flow", "template")
    template = template.replace("apiVersion: v1.2\n", "apiVersion: v1.2\nname: t\n")
    uri = open_doc(client, tmp_path / "kinds-template.yaml", template)
    got = await client.text_document_completion_async(
        T.CompletionParams(
            text_document=_doc(uri), position=position_of(template, "kind: \n", after=6)
        )
    )
    labels = _labels(got)
    assert "DeploymentService" in labels and "Release" not in labels


async def test_completion_of_keys_required_first(client: LanguageClient, tmp_path: Path) -> None:
    text = FLOW.replace("          branch: main\n", "          branch: main\n          \n")
    uri = open_doc(client, tmp_path / "keys.yaml", text)
    got = await client.text_document_completion_async(
        T.CompletionParams(
            text_document=_doc(uri), position=position_of(text, "branch: main\n", after=23)
        )
    )
    labels = _labels(got)
    assert labels[0] == "type"  # required, missing
    assert "id" not in labels and "branch" not in labels  # present
    assert "pullRequestId" in labels


async def test_completion_of_enum_values(client: LanguageClient, tmp_path: Path) -> None:
    text = FLOW.replace("type: sequential", "type: ")
    uri = open_doc(client, tmp_path / "enum.yaml", text)
    got = await client.text_document_completion_async(
        T.CompletionParams(text_document=_doc(uri), position=position_of(text, "type: \n", after=6))
    )
    assert _labels(got) == ["parallel", "sequential"] or set(_labels(got)) == {
        "sequential",
        "parallel",
    }


async def test_completion_inside_expressions(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(client, tmp_path / "expr.yaml", PARALLEL)

    async def at(replace: str) -> list[str]:
        text = PARALLEL.replace("${refs.first.id}/${args.tag}/", replace)
        client.text_document_did_change(
            T.DidChangeTextDocumentParams(
                text_document=T.VersionedTextDocumentIdentifier(uri=uri, version=at.version),
                content_changes=[T.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        at.version += 1
        cursor = position_of(text, replace.rstrip('/"'), after=len(replace.rstrip('/"')))
        got = await client.text_document_completion_async(
            T.CompletionParams(text_document=_doc(uri), position=cursor)
        )
        return _labels(got)

    at.version = 2  # type: ignore[attr-defined]
    assert await at("${refs.") == ["first"]  # not the parallel sibling, not itself
    assert await at("${args.") == ["tag"]
    assert await at("${") == ["args", "fn", "refs", "secrets", "template"]
    functions = await at("${fn.")
    assert "slug" in functions and "randomSecret" in functions


async def test_function_completion_uses_snippets(client: LanguageClient, tmp_path: Path) -> None:
    text = PARALLEL.replace("${refs.first.id}", "${fn.")
    uri = open_doc(client, tmp_path / "snip.yaml", text)
    got = await client.text_document_completion_async(
        T.CompletionParams(text_document=_doc(uri), position=position_of(text, "${fn.", after=5))
    )
    items = got.items if isinstance(got, T.CompletionList) else got or []
    replace = next(i for i in items if i.label == "replace")
    assert replace.insert_text_format == T.InsertTextFormat.Snippet
    assert isinstance(replace.text_edit, T.TextEdit)
    assert replace.text_edit.new_text == "replace(${1:arg1}, ${2:arg2}, ${3:arg3})$0"


async def test_definition_references_and_rename(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(client, tmp_path / "nav.yaml", PARALLEL)
    use = position_of(PARALLEL, "refs.first", after=6)
    found = await client.text_document_definition_async(
        T.DefinitionParams(text_document=_doc(uri), position=use)
    )
    assert isinstance(found, list)
    declared = position_of(PARALLEL, "ref: first", after=5)
    assert [(f.range.start, f.range.end.character) for f in found] == [
        (declared, declared.character + 5)
    ]
    refs = await client.text_document_references_async(
        T.ReferenceParams(
            text_document=_doc(uri),
            position=T.Position(line=10, character=14),
            context=T.ReferenceContext(include_declaration=True),
        )
    )
    assert sorted((r.range.start.line, r.range.start.character) for r in refs or []) == [
        (declared.line, declared.character),
        (use.line, use.character - 1),
    ]
    edit = await client.text_document_rename_async(
        T.RenameParams(text_document=_doc(uri), position=use, new_name="compile")
    )
    assert edit is not None and edit.changes is not None
    changed = _apply(PARALLEL, edit.changes[uri])
    assert "ref: compile" in changed and "${refs.compile.id}" in changed
    arg = await client.text_document_rename_async(
        T.RenameParams(
            text_document=_doc(uri), position=position_of(PARALLEL, "tag:"), new_name="version"
        )
    )
    assert arg is not None and arg.changes is not None
    changed = _apply(PARALLEL, arg.changes[uri])
    assert "  version: v1" in changed and "${args.version}" in changed


def _apply(text: str, edits: list[T.TextEdit]) -> str:
    lines = text.split("\n")
    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        assert edit.range.start.line == edit.range.end.line
        line = lines[edit.range.start.line]
        lines[edit.range.start.line] = (
            line[: edit.range.start.character] + edit.new_text + line[edit.range.end.character :]
        )
    return "\n".join(lines)


async def test_document_symbols(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(client, tmp_path / "sym.yaml", PARALLEL)
    found = await client.text_document_document_symbol_async(
        T.DocumentSymbolParams(text_document=_doc(uri))
    )
    assert found is not None

    def tree(symbols: Any) -> list[Any]:
        return [(s.name, tree(s.children or [])) for s in symbols]

    assert tree(found) == [
        (
            "Workflow",
            [("Build first", []), ("Workflow", [("Build sibling", []), ("Message note", [])])],
        )
    ]


async def test_code_actions_suppress_and_fix(client: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(client, tmp_path / "act.yaml", FLOW)
    found = await diagnostics(client, uri, 1)
    kind = next(d for d in found if d.code == "NF108")
    actions = await client.text_document_code_action_async(
        T.CodeActionParams(
            text_document=_doc(uri),
            range=kind.range,
            context=T.CodeActionContext(diagnostics=[kind]),
        )
    )
    assert actions is not None
    suppress = [
        a for a in actions if isinstance(a, T.CodeAction) and a.title.startswith("Suppress")
    ]
    assert [a.title for a in suppress] == ["Suppress NF108 on this line"]
    assert suppress[0].edit is not None and suppress[0].edit.changes is not None
    changed = _apply(FLOW, suppress[0].edit.changes[uri])
    assert "      - kind: Relase  # nflint: disable=NF108\n" in changed


async def test_malformed_requests_do_not_kill_the_server(
    client: LanguageClient, tmp_path: Path
) -> None:
    missing = (tmp_path / "never-opened.yaml").as_uri()
    result = await client.text_document_hover_async(
        T.HoverParams(text_document=_doc(missing), position=T.Position(line=99, character=99))
    )
    assert result is None
    uri = open_doc(client, tmp_path / "after.yaml", FLOW)
    assert len(await diagnostics(client, uri, 1)) == 3


async def test_json_documents(client: LanguageClient, tmp_path: Path) -> None:
    data = {
        "$schema": "https://api.northflank.com/v1/schemas/release-flow",
        "apiVersion": "v1.2",
        "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": [{"kind": "Relase"}]}},
    }
    text = json.dumps(data, indent=2)
    uri = open_doc(client, tmp_path / "flow.json", text)
    found = await diagnostics(client, uri, 1)
    assert [(d.code, d.range.start) for d in found] == [("NF108", position_of(text, '"Relase"'))]
    await asyncio.sleep(0)


async def test_a_quick_fix_repairs_a_did_you_mean(client: LanguageClient, tmp_path: Path) -> None:
    """The rules' own fixes, as quick fixes (the code-action model is tested
    on fixes built by hand in tests/test_lsp_features.py)."""
    uri = open_doc(client, tmp_path / "fix.yaml", FLOW)
    kind = next(d for d in await diagnostics(client, uri, 1) if d.code == "NF108")
    assert isinstance(kind.data, dict)
    if not kind.data["fixable"]:
        pytest.skip("NF108 carries no fix yet")
    actions = await client.text_document_code_action_async(
        T.CodeActionParams(
            text_document=_doc(uri),
            range=kind.range,
            context=T.CodeActionContext(diagnostics=[kind]),
        )
    )
    fixes = [
        a
        for a in actions or []
        if isinstance(a, T.CodeAction)
        and a.kind == T.CodeActionKind.QuickFix
        and not a.title.startswith("Suppress")
    ]
    assert [a.title for a in fixes] == ['replace "Relase" with "Release" (unsafe)']
    assert not fixes[0].is_preferred  # a guess at the user's intent: shown, not preferred
    assert fixes[0].edit is not None and fixes[0].edit.changes is not None
    assert "      - kind: Release\n" in _apply(FLOW, fixes[0].edit.changes[uri])
