"""One mistake, one finding, over the whole corpus and fresh documents:

- nothing else is reported at an unknown key (NF102): it is one mistake;
- below a node nflint cannot type (no kind, an unknown kind, a kind not
  allowed there) no schema finding repeats that failure;
- a misspelt key that leaves nodes without a project context is one NF213
  at the misspelt key, naming the key meant (no NF102, no NF213 per node).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from nflint.diagnostics import Diagnostic, FileResult
from nflint.engine import Options, lint_text
from nflint.load import pointer as jp
from tests.conftest import CORPUS

SUFFIXES = (".json", ".yaml", ".yml")
ALL_FILES = sorted(p for p in CORPUS.rglob("*") if p.suffix in SUFFIXES)

TEMPLATE = {
    "$schema": "https://api.northflank.com/v1/schemas/template",
    "apiVersion": "v1.2",
    "name": "demo",
}


def _workflow(context_key: str, context: dict[str, str]) -> dict[str, object]:
    return {
        **TEMPLATE,
        "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": [
            {"kind": "Project", "ref": "project", "spec": {"name": "demo"}},
            {"kind": "Workflow", "spec": {"type": "parallel", context_key: context, "steps": [
                {"kind": "Addon", "ref": "db", "spec": {
                    "name": "database", "type": "postgresql", "version": "latest"}},
                {"kind": "CombinedService", "spec": {"name": "api"}},
                {"kind": "Build", "spec": {"id": "api", "type": "service", "branch": "main"}},
            ]}},
            {"kind": "JobRun", "spec": {"projectID": "demo", "jobId": "migrate"}},
        ]}},
    }


def to_yaml(data: object, indent: int = 0) -> str:
    """Block-style YAML for the plain dicts, lists and strings used here."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, dict | list) and value:
                lines.append(f"{pad}{key}:\n{to_yaml(value, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {json.dumps(value)}")
    else:
        assert isinstance(data, list)
        for item in data:
            body = to_yaml(item, indent + 2)
            lines.append(f"{pad}- {body.lstrip()}")
    return "\n".join(lines)


def render(data: object, fmt: str) -> str:
    return json.dumps(data, indent=2) if fmt == "json" else to_yaml(data) + "\n"


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` in ``text``."""
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


RELEASE_FLOW = {
    "$schema": "https://api.northflank.com/v1/schemas/release-flow",
    "apiVersion": "v1.2",
}


def _release_flow(arguments_key: str, ref_key: str) -> dict[str, object]:
    return {
        **RELEASE_FLOW,
        arguments_key: {"BRANCH": "main", "LEVEL": "debug"},
        "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": [
            {"kind": "Build", ref_key: "build",
             "spec": {"id": "api", "type": "service", "branch": "${args.BRANCH}"}},
            {"kind": "JobRun", "spec": {"jobId": "migrate", "runtimeEnvironment": {
                "BUILD": "${refs.build.id}",
                "BRANCH": "${refs.build.branch} ${args.BRANCH} ${args.LEVEL}",
            }}},
        ]}},
    }


FRESH = {
    "arguments-and-ref-typos": _release_flow("arguements", "reff"),
    # no spelling distance finds it: `${args.X}` spells it so
    "args-for-arguments": _release_flow("args", "ref"),
    "context-typo": _workflow("contex", {"projectId": "${refs.project.id}"}),
    "project-id-typo": _workflow("context", {"projectID": "${refs.project.id}"}),
    "context-case": _workflow("Context", {"projectId": "${refs.project.id}"}),
}


#: fresh documents with many mistakes at once, written as a user would
MIXED = {
    "release-flow-mistakes.yaml": """$schema: https://api.northflank.com/v1/schemas/release-flow
apiVersion: v1.2
triggers:
  - vcsService: gitlab
    repoUrl: https://gitlab.com/acme/api
    branchRestrictions: main
spec:
  kind: Workflow
  spec:
    type: sequential
    steps:
      - kind: Release
        spec:
          type: build
          origin:
            type: service
            id: api
          target: {id: api, type: service}
      - kind: Action
        spec:
          kind: Service
          spec:
            type: restart
            data:
              serviceId: api
              command: ls
      - kind: Condition
        spec:
          kind: Addon
          spec:
            type: success
            data: {addonId: db}
      - kind: Message
        spec:
          kind: SLACK
          spec:
            webhookUrl: https://hooks.slack.com/x
            text: hi
      - kind: JobRun
        spec:
          jobId: migrate
          deployment:
            internal: {id: x}
            external: {imagePath: nginx:latest}
      - kind: Approval
        spec:
          amount: "two"
      - kind: Workflow
        spec:
          type: sequential
          steps: {}
""",
    "template-mistakes.yaml": """$schema: https://api.northflank.com/v1/schemas/template
apiVersion: v1
name: demo
description: ""
arguments:
  INSTANCES: many
  API_TOKEN: sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
spec:
  kind: Workflow
  spec:
    type: sequential
    context:
      projectId: demo
    steps:
      - kind: Build
        skipNodeExecution: true
        spec:
          id: api
          type: service
          branch: main
          pullRequestId: 4
      - kind: DeploymentService
        spec:
          name: api
          description: ""
          deployment:
            instances: ${args.INSTANCES}
          vcsData:
            vcsLinkId: 0123456789abcdef01234567
          runtimeEnvironment:
            TOKEN: ${args.API_TOKEN}
            PASSWORD: hunter2hunter2
            SECRET: ${secrets.x.KEY}
            REF: ${refs.api.port}
      - kind: OpenTofuDestroy
        spec:
          nodeRef: nothing
""",
}


def fresh_documents() -> list[tuple[str, str]]:
    written = [(f"{name}.{fmt}", render(doc, fmt)) for name, doc in FRESH.items()
               for fmt in ("json", "yaml")]
    return written + list(MIXED.items())


#: every corpus file and fresh document, by name (linted when a test asks)
SOURCES: dict[str, bytes | str] = {p.name: p.read_bytes() for p in ALL_FILES}
SOURCES.update(fresh_documents())


@functools.cache
def _lint(name: str) -> FileResult:
    text = SOURCES[name]
    return lint_text(text, name, Options()) if isinstance(text, bytes) else lint_text(text, name)


def _below(pointer: str, root: str) -> bool:
    return pointer.startswith(root + "/")


def _untyped_nodes(result: FileResult) -> list[tuple[int, str]]:
    """(document, node pointer) of the nodes nflint could not type."""
    found = []
    for d in result.diagnostics:
        if d.rule in ("NF108", "NF109") and d.pointer.endswith("/kind"):
            found.append((d.document, jp.parent(d.pointer)))
        if d.rule == "NF101" and d.message.startswith('missing required key "kind"'):
            found.append((d.document, d.pointer))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name", SOURCES)
def test_an_unknown_key_is_reported_once(name: str) -> None:
    result = _lint(name)
    unknown = {(d.document, d.span) for d in result.diagnostics if d.rule == "NF102"}
    others: list[Diagnostic] = [
        d for d in result.diagnostics if d.rule != "NF102" and (d.document, d.span) in unknown
    ]
    assert others == []


@pytest.mark.slow
@pytest.mark.parametrize("name", SOURCES)
def test_an_untyped_node_is_not_reported_again_below(name: str) -> None:
    result = _lint(name)
    roots = _untyped_nodes(result)
    again = [
        (d.rule, d.pointer) for d in result.diagnostics
        for document, root in roots
        if d.document == document and d.rule.startswith("NF1") and _below(d.pointer, root)
        and d.pointer != root + "/kind"
    ]
    assert again == []


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize(
    ("name", "needle", "pointer", "message", "hint"),
    [
        ("context-typo", '"contex"' , "/spec/spec/steps/1/spec/contex",
         'unknown key "contex" in the Workflow node, so 3 nodes below have no project '
         'context (Addon "db", CombinedService, Build)', 'did you mean "context"?'),
        ("context-case", '"Context"', "/spec/spec/steps/1/spec/Context",
         'unknown key "Context" in the Workflow node, so 3 nodes below have no project '
         'context (Addon "db", CombinedService, Build)', 'did you mean "context"?'),
        ("project-id-typo", '"projectID": "${refs', "/spec/spec/steps/1/spec/context/projectID",
         "unknown key \"projectID\" in the Workflow's spec.context, so 3 nodes below have no "
         'project context (Addon "db", CombinedService, Build)', 'did you mean "projectId"?'),
    ],
)
def test_a_misspelt_context_is_one_finding_at_the_typo(
    fmt: str, name: str, needle: str, pointer: str, message: str, hint: str
) -> None:
    text = render(FRESH[name], fmt)
    result = lint_text(text, f"{name}.{fmt}")
    findings = [(d.rule, d.severity.label, d.pointer, d.span.start.line, d.span.start.column,
                 d.message, d.hint)
                for d in result.diagnostics if d.rule in ("NF102", "NF213") and d.span]
    key = needle if fmt == "json" else needle.strip('"').split('"')[0]
    line, column = position(text, key)
    own = '"projectID": "demo"' if fmt == "json" else 'projectID: "demo"'
    own_line, own_column = position(text, own)
    assert findings == sorted([
        ("NF213", "error", pointer, line, column, message, hint),
        ("NF213", "error", "/spec/spec/steps/2/spec/projectID", own_line, own_column,
         'unknown key "projectID" in the JobRun node, so it has no project context',
         'did you mean "projectId"?'),
    ], key=lambda f: (f[3], f[4]))


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_misspelt_arguments_and_ref_are_one_finding_each(fmt: str) -> None:
    text = render(FRESH["arguments-and-ref-typos"], fmt)
    result = lint_text(text, f"rf.{fmt}")
    quote = '"' if fmt == "json" else ""
    arguments = position(text, f"{quote}arguements{quote}:")
    ref = position(text, f"{quote}reff{quote}:")
    assert [(d.rule, d.severity.label, d.pointer, d.span.start.line, d.span.start.column,
             d.message, d.hint)
            for d in result.diagnostics if d.rule.startswith(("NF1", "NF2")) and d.span] == [
        ("NF210", "warning", "/arguements", *arguments,
         'unknown key "arguements", so it declares no argument: "BRANCH" and "LEVEL" are used '
         "but not declared", 'did you mean "arguments"?'),
        ("NF206", "error", "/spec/spec/steps/0/reff", *ref,
         'unknown key "reff" in the Build node, so it declares no ref: 2 references to "build" '
         "find nothing", 'did you mean "ref"?'),
    ]
    fixed = render(_release_flow("arguments", "ref"), fmt)
    assert [d.rule for d in lint_text(fixed, f"rf.{fmt}").diagnostics] == []


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_args_for_arguments_is_one_finding(fmt: str) -> None:
    text = render(FRESH["args-for-arguments"], fmt)
    quote = '"' if fmt == "json" else ""
    assert [(d.rule, d.pointer, (d.span.start.line, d.span.start.column), d.hint)
            for d in lint_text(text, f"rf.{fmt}").diagnostics if d.span] == [
        ("NF210", "/args", position(text, f"{quote}args{quote}:"),
         'did you mean "arguments"?'),
    ]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_misspelt_trigger_ref_is_one_warning_at_the_key(fmt: str) -> None:
    # the reference could be a trigger configured in Northflank: a warning
    doc = {**RELEASE_FLOW,
           "triggers": [{"Ref": "git", "vcsService": "github",
                         "repoUrl": "https://github.com/acme/api"}],
           "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": [
               {"kind": "Build", "spec": {"id": "api", "type": "service",
                                          "branch": "${refs.git.branch}",
                                          "sha": "${refs.git.sha}"}}]}}}
    text = render(doc, fmt)
    quote = '"' if fmt == "json" else ""
    at = position(text, f"{quote}Ref{quote}:")
    result = lint_text(text, f"rf.{fmt}")
    assert [(d.rule, d.severity.label, d.pointer, d.span.start.line, d.span.start.column,
             d.message)
            for d in result.diagnostics if d.rule.startswith(("NF1", "NF2")) and d.span] == [
        ("NF206", "warning", "/triggers/0/Ref", *at,
         'unknown key "Ref" in this trigger, so it declares no ref: 2 references to "git" '
         "find nothing"),
    ]


def test_the_fixed_documents_are_clean() -> None:
    doc = _workflow("context", {"projectId": "${refs.project.id}"})
    doc["spec"]["spec"]["steps"][2]["spec"] = {  # type: ignore[index]
        "projectId": "demo", "jobId": "migrate"}
    for fmt in ("json", "yaml"):
        result = lint_text(render(doc, fmt), f"fixed.{fmt}")
        assert [d.rule for d in result.diagnostics if d.rule in ("NF102", "NF213")] == []


def test_a_context_missing_without_a_typo_still_names_each_node() -> None:
    doc = _workflow("other", {"projectId": "x"})
    result = lint_text(render(doc, "yaml"), "bare.yaml")
    rules = sorted((d.rule, d.pointer) for d in result.diagnostics
                   if d.rule in ("NF102", "NF213"))
    assert rules == [
        ("NF102", "/spec/spec/steps/1/spec/other"),
        ("NF213", "/spec/spec/steps/1/spec/steps/0"),
        ("NF213", "/spec/spec/steps/1/spec/steps/1"),
        ("NF213", "/spec/spec/steps/1/spec/steps/2"),
        ("NF213", "/spec/spec/steps/2/spec/projectID"),
    ]


def test_the_corpus_is_covered() -> None:
    assert len(ALL_FILES) > 150
    assert all(isinstance(p, Path) for p in ALL_FILES)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize(
    ("name", "renames"),
    [
        ("context-typo", [("NF213", "contex", "context"), ("NF213", "projectID", "projectId")]),
        ("arguments-and-ref-typos", [("NF210", "arguements", "arguments"),
                                     ("NF206", "reff", "ref")]),
        ("args-for-arguments", [("NF210", "args", "arguments")]),
    ],
)
def test_the_folded_finding_keeps_the_rename(
    fmt: str, name: str, renames: list[tuple[str, str, str]]
) -> None:
    # the unknown key's fix (rename it to the key meant) moves to the finding
    # that replaces it, so --fix and the editor still offer it
    text = render(FRESH[name], fmt)
    quote = '"' if fmt == "json" else ""
    found = []
    for d in lint_text(text, f"t.{fmt}").diagnostics:
        if d.rule in ("NF206", "NF210", "NF213") and d.fix is not None:
            (edit,) = d.fix.edits
            found.append((d.rule, text[edit.start:edit.end], edit.content))
    assert found == [(rule, f"{quote}{old}{quote}", f"{quote}{new}{quote}")
                     for rule, old, new in renames]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_new_style_trigger_in_a_release_flow_is_one_finding(fmt: str) -> None:
    """jsonschema sees two unknown keys (kind, spec) and two missing ones
    (vcsService, repoUrl): one mistake, one finding at its kind."""
    doc = {**RELEASE_FLOW, "triggers": [
        {"kind": "vcs-push", "ref": "push", "spec": {
            "vcs": {"vcsService": "github", "repoUrl": "https://github.com/acme/api"}}}],
        "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}}}
    text = render(doc, fmt)
    quote = '"' if fmt == "json" else ""
    found = [(d.rule, d.severity.label, d.pointer, (d.span.start.line, d.span.start.column))
             for d in lint_text(text, f"rf.{fmt}").diagnostics if d.span]
    assert found == [("NF101", "error", "/triggers/0/kind", position(text, f"{quote}kind{quote}:"))]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_legacy_trigger_in_a_workflow_is_one_finding(fmt: str) -> None:
    """The other way round: two missing keys (kind, spec) and one unknown key
    per legacy field are one error, at its vcsService; a legacy trigger in a
    release flow with a misspelt key keeps its own findings."""
    doc = {"apiVersion": "v1.2", "name": "deploy-api", "stageId": "production", "triggers": [
        {"ref": "main", "vcsService": "github", "repoUrl": "https://github.com/acme/api",
         "ciIgnoreFlagsEnabled": True}],
        "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}}}
    text = render(doc, fmt)
    quote = '"' if fmt == "json" else ""
    found = [(d.rule, d.severity.label, d.pointer, (d.span.start.line, d.span.start.column))
             for d in lint_text(text, f"wf.{fmt}").diagnostics if d.span and d.rule != "NF006"]
    assert found == [("NF101", "error", "/triggers/0/vcsService",
                      position(text, f"{quote}vcsService{quote}:"))]
    flow = {**RELEASE_FLOW, "triggers": [{"ref": "git", "repoUrl": "https://github.com/acme/api",
                                         "manualOnlyy": True}],
            "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}}}
    assert [d.rule for d in lint_text(render(flow, fmt), f"rf.{fmt}").diagnostics] == [
        "NF101", "NF102"]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_misspelt_required_key_is_one_error_at_the_misspelling(fmt: str) -> None:
    group = {"kind": "SecretGroup", "spec": {"name": "shared", "secretsType": "environment"}}
    doc = {"$schema": "https://api.northflank.com/v1/schemas/template", "apiVersion": "v1.2",
           "name": "demo", "spec": {"kind": "Workflow", "spec": {
               "type": "sequential", "context": {"projectId": "demo"}, "steps": [group]}}}
    text = render(doc, fmt)
    quote = '"' if fmt == "json" else ""
    found = [(d.rule, d.severity.label, d.pointer, (d.span.start.line, d.span.start.column),
              d.message, d.hint)
             for d in lint_text(text, f"t.{fmt}").diagnostics if d.span]
    assert found == [(
        "NF101", "error", "/spec/spec/steps/0/spec/secretsType",
        position(text, f"{quote}secretsType{quote}:"),
        'unknown key "secretsType" in the SecretGroup node, so the required key "secretType" '
        "is missing", 'did you mean "secretType"?',
    )]
