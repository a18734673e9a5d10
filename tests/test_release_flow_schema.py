"""Each seed-documented constraint of a release flow, violated, is reported
at the exact line, column and pointer, in JSON and in YAML alike."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.conftest import lint, where

RF = "https://api.northflank.com/v1/schemas/release-flow"


def base() -> dict[str, object]:
    return {
        "$schema": RF,
        "apiVersion": "v1.2",
        "triggers": [
            {"ref": "repo", "vcsService": "github", "repoUrl": "https://github.com/acme/api"}
        ],
        "gitops": {
            "vcsService": "github",
            "repoUrl": "https://github.com/acme/api",
            "branch": "main",
            "filePath": "/release.json",
        },
        "options": {"concurrencyPolicy": "allow", "paused": False},
        "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}},
    }


def as_json(doc: dict[str, object]) -> str:
    return json.dumps(doc, indent=2) + "\n"


def as_yaml(doc: dict[str, object]) -> str:
    return yaml.safe_dump(doc, sort_keys=False)


def locate(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of ``needle``."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_valid_document_has_no_findings() -> None:
    assert lint(as_json(base()), "rf.json") == []
    assert lint(as_yaml(base()), "rf.yaml") == []


def _mutate(doc: dict[str, object], path: list[object], value: object) -> dict[str, object]:
    node: object = doc
    for token in path[:-1]:
        node = node[token]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]
    return doc


# (path in the document, bad value, rule, pointer, the text the span starts at in JSON)
CASES = [
    (["apiVersion"], "v2", "NF104", "/apiVersion", '"v2"'),
    (["triggers", 0, "vcsService"], "gitbub", "NF104", "/triggers/0/vcsService", '"gitbub"'),
    (["triggers", 0, "repoUrl"], "http://github.com/a/b", "NF105", "/triggers/0/repoUrl",
     '"http://github.com/a/b"'),
    (["triggers", 0, "branchRestrictions"], ["feature branch"], "NF105",
     "/triggers/0/branchRestrictions/0", '"feature branch"'),
    (["triggers", 0, "prRestrictions"], ["fix@1"], "NF105", "/triggers/0/prRestrictions/0",
     '"fix@1"'),
    (["triggers", 0, "pathIgnoreRules"], ["x" * 261], "NF106", "/triggers/0/pathIgnoreRules/0",
     '"' + "x" * 261),
    (["triggers", 0, "ciIgnoreFlags"], ["y" * 73], "NF106", "/triggers/0/ciIgnoreFlags/0",
     '"' + "y" * 73),
    (["triggers", 0, "ignoreDrafts"], "yes", "NF103", "/triggers/0/ignoreDrafts", '"yes"'),
    (["triggers", 0, "isAllowList"], 1, "NF103", "/triggers/0/isAllowList", "1"),
    (["gitops", "vcsService"], "GitHub", "NF104", "/gitops/vcsService", '"GitHub"'),
    (["gitops", "filePath"], "release.json", "NF105", "/gitops/filePath", '"release.json"'),
    (["gitops", "repoUrl"], "https://github.com/a/b/", "NF105", "/gitops/repoUrl",
     '"https://github.com/a/b/"'),
    (["options", "concurrencyPolicy"], "parallel", "NF104", "/options/concurrencyPolicy",
     '"parallel"'),
    (["options", "paused"], "false", "NF103", "/options/paused", '"false"'),
    (["spec", "spec", "type"], "serial", "NF104", "/spec/spec/type", '"serial"'),
]


@pytest.mark.parametrize(("path", "value", "rule", "pointer", "needle"), CASES,
                         ids=[c[3] for c in CASES])
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_each_constraint_is_reported_at_the_value(
    path: list[object], value: object, rule: str, pointer: str, needle: str, fmt: str
) -> None:
    doc = _mutate(base(), path, value)
    text = as_json(doc) if fmt == "json" else as_yaml(doc)
    found = lint(text, f"rf.{fmt}")
    assert [(d.rule, d.pointer) for d in found if d.severity.label == "error"] == [(rule, pointer)]
    if fmt == "json":
        line, col = locate(text, needle, nth=text.count(needle) - 1)
        assert where(found, rules=(rule,)) == [(rule, line, col, pointer)]
    else:
        # YAML writes the value unquoted or quoted; the span starts where it is written
        d = found[0]
        assert d.span is not None
        written = text.splitlines()[d.span.start.line - 1][d.span.start.column - 1 :]
        plain = needle.strip('"')[:20]
        assert written.lstrip("'\"- ").startswith(plain) or written.startswith(needle[:20])


@pytest.mark.parametrize(("drop", "pointer", "key"), [
    (["gitops", "branch"], "/gitops", "branch"),
    (["gitops", "filePath"], "/gitops", "filePath"),
    (["gitops", "repoUrl"], "/gitops", "repoUrl"),
    (["triggers", 0, "vcsService"], "/triggers/0", "vcsService"),
    (["triggers", 0, "repoUrl"], "/triggers/0", "repoUrl"),
    (["apiVersion"], "", "apiVersion"),
    (["spec"], "", "spec"),
])
def test_missing_required_key_points_at_the_object(drop: list[object], pointer: str,
                                                   key: str) -> None:
    doc = base()
    node: object = doc
    for token in drop[:-1]:
        node = node[token]  # type: ignore[index]
    del node[drop[-1]]  # type: ignore[arg-type, union-attr]
    text = as_json(doc)
    found = [d for d in lint(text, "rf.json") if d.rule == "NF101"]
    assert len(found) == 1
    assert found[0].pointer == pointer
    assert f'"{key}"' in found[0].message
    if pointer == "/gitops":
        assert where(found) == [("NF101", *locate(text, '"gitops"'), "/gitops")]
    if pointer == "/triggers/0":
        assert where(found) == [("NF101", *locate(text, "{", nth=1), "/triggers/0")]


def test_unknown_key_is_a_warning_at_the_key_with_a_suggestion() -> None:
    doc = base()
    doc["option"] = doc.pop("options")
    text = as_json(doc)
    found = lint(text, "rf.json")
    assert where(found) == [("NF102", *locate(text, '"option"'), "/option")]
    assert found[0].severity.label == "warning"
    assert found[0].hint == 'did you mean "options"?'


def test_enum_message_lists_allowed_values_and_suggests() -> None:
    doc = _mutate(base(), ["options", "concurrencyPolicy"], "Queue")
    [d] = lint(as_json(doc), "rf.json")
    assert d.message == ('invalid value "Queue" for "concurrencyPolicy"; expected "allow", '
                         '"queue", "forbid", "latest" or "replace"')
    assert d.hint == 'did you mean "queue"?'


@pytest.mark.parametrize("policy", ["allow", "queue", "forbid", "latest", "replace"])
def test_every_current_concurrency_policy_is_accepted(policy: str) -> None:
    doc = _mutate(base(), ["options", "concurrencyPolicy"], policy)
    assert lint(as_json(doc), "rf.json") == []


def test_current_api_additions_are_accepted() -> None:
    doc = base()
    doc["teardownSpec"] = None
    doc["project"] = {"id": "payments"}
    doc["richInputs"] = [{"kind": "BranchCommitSelector", "spec": {
        "title": "Pick a commit", "inputs": {"source": "api-builder"},
        "outputs": {"branch": "BRANCH", "buildSha": "SHA"}}}]
    doc["triggers"][0]["vcsService"] = "origin"  # type: ignore[index]
    assert [d.rule for d in lint(as_json(doc), "rf.json")] == []


def test_api_version_v1_is_a_warning_not_an_error() -> None:
    doc = _mutate(base(), ["apiVersion"], "v1")
    text = as_json(doc)
    found = lint(text, "rf.json")
    assert where(found) == [("NF201", *locate(text, '"v1"'), "/apiVersion")]
    assert found[0].severity.label == "warning"


def test_node_kind_typo_names_the_right_kind() -> None:
    doc = base()
    doc["spec"] = {"kind": "Workflow", "spec": {"type": "sequential", "steps": [
        {"kind": "Relase", "spec": {"type": "build"}}]}}
    text = as_json(doc)
    found = lint(text, "rf.json")
    assert where(found) == [("NF108", *locate(text, '"Relase"'), "/spec/spec/steps/0/kind")]
    assert found[0].hint == 'did you mean "Release"?'
