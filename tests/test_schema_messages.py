"""Schema messages that name the real problem, in JSON and YAML, with the
exact rule, pointer, line and column: keys that exclude each other (``not``)
in plain words at the key written second, a missing key named with the
object that lacks it, exact lengths and plurals."""

from __future__ import annotations

import json
from typing import Any

import pytest

from nflint.engine import lint_text
from tests.test_one_finding_per_mistake import position, to_yaml

TEMPLATE = {
    "$schema": "https://api.northflank.com/v1/schemas/template",
    "apiVersion": "v1.2",
    "name": "demo",
}
RELEASE_FLOW = {
    "$schema": "https://api.northflank.com/v1/schemas/release-flow",
    "apiVersion": "v1.2",
}


def flow(header: dict[str, str], *steps: dict[str, Any]) -> dict[str, Any]:
    return {**header, "spec": {"kind": "Workflow", "spec": {
        "type": "sequential", "context": {"projectId": "demo"}, "steps": list(steps)}}}


def render(data: object, fmt: str) -> str:
    return json.dumps(data, indent=2) if fmt == "json" else to_yaml(data) + "\n"


def schema_findings(text: str, path: str) -> list[tuple[str, str, int, int, str, str | None]]:
    return [
        (d.rule, d.pointer, d.span.start.line, d.span.start.column, d.message, d.hint)
        for d in lint_text(text, path).diagnostics
        if d.rule.startswith("NF1") and d.span is not None
    ]


def key_at(text: str, fmt: str, key: str, after: str = "") -> tuple[int, int]:
    """Where ``key`` is written as a key, the first time after ``after``."""
    needle = f'"{key}":' if fmt == "json" else f"{key}:"
    index = text.index(needle, text.index(after) if after else 0)
    before = text[:index]
    return before.count("\n") + 1, index - before.rfind("\n")


FORMATS = ["json", "yaml"]
PROJECT = {"kind": "Project", "spec": {"name": "demo", "region": "europe-west",
                                       "clusterId": "my-cluster"}}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("node", "pointer", "second", "message", "hint"),
    [
        (PROJECT, "/spec/spec/steps/0/spec/clusterId", "clusterId",
         "use region or clusterId in the Project node, not both",
         'remove "clusterId" or "region"'),
        ({"kind": "Project", "spec": {"name": "demo", "clusterId": "my-cluster",
                                      "region": "europe-west"}},
         "/spec/spec/steps/0/spec/region", "region",
         "use clusterId or region in the Project node, not both",
         'remove "region" or "clusterId"'),
        ({"kind": "BuildService", "spec": {"name": "api", "buildSettings": {
            "dockerfile": {}, "buildpack": {}}}},
         "/spec/spec/steps/0/spec/buildSettings/buildpack", "buildpack",
         "use dockerfile or buildpack in buildSettings of the BuildService node, not both",
         'remove "buildpack" or "dockerfile"'),
        ({"kind": "Addon", "spec": {"name": "database", "type": "postgresql",
                                    "version": "latest", "source": {
            "backupUid": "123e4567-e89b-12d3-a456-426614174000", "addonId": "other"}}},
         "/spec/spec/steps/0/spec/source/addonId", "addonId",
         "use backupUid or addonId in source of the Addon node, not both",
         'remove "addonId" or "backupUid"'),
    ],
)
def test_keys_that_exclude_each_other(
    fmt: str, node: dict[str, Any], pointer: str, second: str, message: str, hint: str
) -> None:
    text = render(flow(TEMPLATE, node), fmt)
    line, column = key_at(text, fmt, second, after='"kind"' if fmt == "json" else "kind:")
    assert schema_findings(text, f"t.{fmt}") == [
        ("NF100", pointer, line, column, message, hint)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_step_without_kind_is_named_as_the_step(fmt: str) -> None:
    text = render(flow(TEMPLATE, {"spec": {"name": "x"}}), fmt)
    found = schema_findings(text, f"t.{fmt}")
    # the finding is at the step object itself: its `{` in JSON, its first key in YAML
    line, column = (position(text, '{\n          "spec"') if fmt == "json"
                    else position(text, "- spec:"))
    column += 2 if fmt == "yaml" else 0
    assert found == [("NF101", "/spec/spec/steps/0", line, column,
                      'missing required key "kind" in steps[0] of the Workflow node', None)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_release_origin_without_type_is_named_as_the_origin(fmt: str) -> None:
    release = {"kind": "Release", "spec": {"type": "deployment", "origin": {"id": "api"},
                                           "target": {"id": "api", "type": "service"}}}
    doc = {**RELEASE_FLOW, "spec": {"kind": "Workflow", "spec": {
        "type": "sequential", "steps": [release]}}}
    text = render(doc, fmt)
    # a missing key of a keyed object is shown at that object's key
    line, column = key_at(text, fmt, "origin")
    found = schema_findings(text, f"rf.{fmt}")
    assert found == [("NF101", "/spec/spec/steps/0/spec/origin", line, column,
                      'missing required key "type" in origin of the Release node', None)]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("sha", "message"),
    [
        ("a" * 39, "sha in the Build node is a string of 39 characters; exactly 40 allowed"),
        ("a", "sha in the Build node is a string of 1 character; exactly 40 allowed"),
    ],
)
def test_exact_lengths_and_plurals(fmt: str, sha: str, message: str) -> None:
    build = {"kind": "Build", "spec": {"id": "api", "type": "service", "branch": "main",
                                       "sha": sha}}
    text = render(flow(TEMPLATE, build), fmt)
    quoted = json.dumps(sha)
    line, column = position(text, quoted)
    assert schema_findings(text, f"t.{fmt}") == [
        ("NF106", "/spec/spec/steps/0/spec/sha", line, column, message, None)]


def test_a_name_one_character_too_short_says_so() -> None:
    addon = {"kind": "Addon", "spec": {"name": "d", "type": "postgresql", "version": "latest"}}
    text = render(flow(TEMPLATE, addon), "yaml")
    (finding,) = schema_findings(text, "t.yaml")
    assert finding[4] == "name in the Addon node is a string of 1 character; at least 3 allowed"


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_key_among_two_known_ones_names_both(fmt: str) -> None:
    """No "one of" for two choices: ``expected "backoff" or "maxAttempts"``."""
    step = {"kind": "JobRun", "settings": {"qqqqqq": 1}, "spec": {"jobId": "migrate"}}
    text = render(flow(RELEASE_FLOW, step), fmt)
    line, column = key_at(text, fmt, "qqqqqq")
    assert schema_findings(text, f"flow.{fmt}") == [
        ("NF102", "/spec/spec/steps/0/settings/qqqqqq", line, column,
         'unknown key "qqqqqq" in settings of the JobRun node',
         'expected "backoff" or "maxAttempts"'),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_key_deep_in_a_node_says_where_in_the_node(fmt: str) -> None:
    node = {"kind": "CombinedService", "spec": {
        "name": "api", "billing": {"deploymentPlan": "nf-compute-20"},
        "deployment": {"instances": 1, "addonDependencies": []},
        "vcsData": {"projectUrl": "https://github.com/acme/api", "projectType": "github",
                    "projectBranch": "main"},
        "buildSettings": {"dockerfile": {"buildEngine": "kaniko", "dockerFilePath": "/Dockerfile",
                                         "dockerWorkDir": "/"}}}}
    text = render(flow(TEMPLATE, node), fmt)
    (finding,) = [f for f in schema_findings(text, f"t.{fmt}") if f[0] == "NF102"]
    assert finding[1:4] == ("/spec/spec/steps/0/spec/deployment/addonDependencies",
                            *key_at(text, fmt, "addonDependencies"))
    assert finding[4] == 'unknown key "addonDependencies" in deployment of the CombinedService node'


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_character_outside_a_pattern_of_one_class_is_named(fmt: str) -> None:
    """The description pattern allows some characters only: the message names
    the first one outside (a long value is shown shortened in the middle)."""
    description = "Monolith (Bun/Hono: SPA, API and in-process cron jobs) + Postgres addon"
    text = render({**TEMPLATE, "description": description, "spec": {
        "kind": "Workflow", "spec": {"type": "sequential", "steps": []}}}, fmt)
    (finding,) = [d for d in lint_text(text, f"t.{fmt}").diagnostics if d.rule == "NF105"]
    assert finding.severity.label == "warning"  # Northflank's own files break this pattern
    assert finding.message.endswith(f'"+" (character {description.index("+") + 1}) is not allowed')


@pytest.mark.parametrize("fmt", ["json"])  # to_yaml writes no lists of strings
def test_an_expression_where_none_is_documented_is_one_warning(fmt: str) -> None:
    """``volumesToAttach`` items take a literal id (no expression alternative
    in the reference): an expression there is one warning saying so, not an
    "invalid id" error, and its length is not checked."""
    expression = "${refs.canvas-data-volume-with-a-long-name.id}"  # longer than 39
    node = {"kind": "DeploymentService", "spec": {
        "name": "api", "billing": {"deploymentPlan": "nf-compute-20"},
        "deployment": {"instances": 1, "external": {"imagePath": "nginx:latest"}},
        "createOptions": {"volumesToAttach": [expression]}}}
    text = render(flow(TEMPLATE, node), fmt)
    found = [(d.rule, d.severity.label, d.message) for d in lint_text(text, f"t.{fmt}").diagnostics
             if d.rule.startswith("NF1")]
    assert found == [(
        "NF105", "warning",
        f'"{expression}" is a template expression, but Northflank documents none for '
        '"volumesToAttach[0]" in the DeploymentService node, which takes a valid Northflank id '
        "(starts with a letter; letters, digits and single hyphens)",
    )]


def test_two_neighbouring_letters_swapped_get_a_did_you_mean() -> None:
    from nflint import messages

    assert messages.did_you_mean("sah", ["branch", "sha", "pullRequestId"]) == "sha"
    assert messages.did_you_mean("tpye", ["type", "kind"]) == "type"
    assert messages.did_you_mean("ib", ["id"]) is None  # two letters: too little to say


def test_a_field_deep_in_a_node_is_named_with_the_object_holding_it() -> None:
    """``name`` of a port is not the service's name: the message says which."""
    node = {"kind": "DeploymentService", "spec": {
        "name": "api", "billing": {"deploymentPlan": "nf-compute-20"},
        "deployment": {"instances": 1, "external": {"imagePath": "nginx:latest"}},
        "ports": [{"name": "p01", "internalPort": 8080, "public": False, "protocol": "HTTP"},
                  {"name": "metrics-x1", "internalPort": 9090, "public": False,
                   "protocol": "HTTP"}]}}
    text = render(flow(TEMPLATE, node), "json")
    (finding,) = [d for d in lint_text(text, "t.json").diagnostics if d.rule == "NF106"]
    assert finding.message == (
        "name in ports[1] of the DeploymentService node is a string of 10 characters; "
        "at most 8 allowed"
    )
