"""The reference, exactly (JSON and YAML, exact rule, severity, pointer,
line and column): a webhook trigger needs its token, the health-check types
are the reference's three, a description over 200 characters is an error
while its character pattern is only a warning, and v1 node keys are named
with their v1.2 names."""

from __future__ import annotations

import json
from typing import Any

import pytest

from nflint.engine import Options, lint_text
from tests.test_one_finding_per_mistake import position, to_yaml

FORMATS = ["json", "yaml"]
WORKFLOW = {
    "apiVersion": "v1.2",
    "name": "nightly refresh",
    "triggers": [{"kind": "webhook", "ref": "hook", "spec": {}}],
    "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}},
}
TEMPLATE = {
    "$schema": "https://api.northflank.com/v1/schemas/template",
    "apiVersion": "v1.2",
    "name": "demo",
}


def render(data: object, fmt: str) -> str:
    return json.dumps(data, indent=2) if fmt == "json" else to_yaml(data) + "\n"


def findings(text: str, path: str, doc_type: str | None = None) -> list[tuple[Any, ...]]:
    result = lint_text(text, path, Options(doc_type=doc_type))
    return [
        (d.rule, d.severity.label, d.pointer, d.span.start.line, d.span.start.column)
        for d in result.diagnostics
        if d.rule.startswith("NF1") and d.span is not None
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_webhook_trigger_needs_its_token(fmt: str) -> None:
    text = render(WORKFLOW, fmt)
    spec = position(text, '"spec": {}' if fmt == "json" else "spec: {}")
    assert findings(text, f"wf.{fmt}", "workflow") == [
        ("NF101", "error", "/triggers/0/spec", *spec)]
    with_token = json.loads(json.dumps(WORKFLOW))
    with_token["triggers"][0]["spec"] = {"token": "nightly-refresh"}
    assert findings(render(with_token, fmt), f"wf.{fmt}", "workflow") == []


def _service(check_type: str) -> dict[str, Any]:
    return {**TEMPLATE, "spec": {"kind": "Workflow", "spec": {
        "type": "sequential", "context": {"projectId": "demo"}, "steps": [
            {"kind": "DeploymentService", "spec": {"name": "api", "healthChecks": [
                {"protocol": "HTTP", "type": check_type, "path": "/health", "port": 8080}]}},
        ]}}}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("short", ["liveness", "readiness"])
def test_health_check_short_forms_are_not_the_reference(fmt: str, short: str) -> None:
    text = render(_service(short), fmt)
    at = position(text, json.dumps(short))
    result = lint_text(text, f"t.{fmt}")
    (finding,) = [d for d in result.diagnostics if d.rule == "NF104"]
    assert finding.span is not None
    assert (finding.pointer, finding.span.start.line, finding.span.start.column) == (
        "/spec/spec/steps/0/spec/healthChecks/0/type", *at)
    assert finding.hint == f'did you mean "{short}Probe"?'


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("probe", ["livenessProbe", "readinessProbe", "startupProbe"])
def test_the_three_probe_types_pass(fmt: str, probe: str) -> None:
    text = render(_service(probe), fmt)
    assert [d.rule for d in lint_text(text, f"t.{fmt}").diagnostics if d.rule == "NF104"] == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("description", "expected"),
    [
        # over the hard limit: an error, even with only allowed characters
        ("d" * 201, [("NF106", "error")]),
        # a character outside the reference's pattern: doubtful, a warning
        ("Payments: EUR and GBP, café", [("NF105", "warning")]),
        # both at once: two problems, two findings
        ("é" * 201, [("NF105", "warning"), ("NF106", "error")]),
        ("d" * 200, []),
    ],
)
def test_description_limit_is_an_error_and_its_pattern_a_warning(
    fmt: str, description: str, expected: list[tuple[str, str]]
) -> None:
    text = render({**TEMPLATE, "description": description, "spec": {
        "kind": "Workflow", "spec": {"type": "sequential", "steps": []}}}, fmt)
    line, column = position(text, json.dumps(description)[:20])
    found = findings(text, f"t.{fmt}")
    assert found == [(rule, severity, "/description", line, column) for rule, severity in expected]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("nfObjectId", '"nfObjectId" is the apiVersion v1 name of "id"; write "id"'),
        ("nfObjectType", '"nfObjectType" is the apiVersion v1 name of "type"; write "type"'),
    ],
)
def test_v1_node_keys_are_named_with_their_v12_names(fmt: str, key: str, hint: str) -> None:
    group = {"kind": "SecretGroup", "spec": {
        "name": "shared", "secretType": "environment", "restrictions": {
            "restricted": True, "nfObjects": [{"id": "api", "type": "service", key: "x"}]}}}
    doc = {**TEMPLATE, "spec": {"kind": "Workflow", "spec": {
        "type": "sequential", "context": {"projectId": "demo"}, "steps": [group]}}}
    text = render(doc, fmt)
    quote = '"' if fmt == "json" else ""
    at = position(text, f"{quote}{key}{quote}:")
    result = lint_text(text, f"t.{fmt}")
    assert [(d.rule, d.pointer, d.span.start.line, d.span.start.column, d.hint)
            for d in result.diagnostics if d.rule == "NF102" and d.span] == [
        ("NF102", f"/spec/spec/steps/0/spec/restrictions/nfObjects/0/{key}", *at, hint)]


def test_a_v1_key_where_v12_has_no_such_key_says_so() -> None:
    service = {"kind": "DeploymentService", "spec": {"name": "api", "deployment": {
        "internal": {"id": "api", "nfObjectType": "service"}}}}
    doc = {**TEMPLATE, "spec": {"kind": "Workflow", "spec": {
        "type": "sequential", "context": {"projectId": "demo"}, "steps": [service]}}}
    result = lint_text(render(doc, "yaml"), "t.yaml")
    (finding,) = [d for d in result.diagnostics if d.rule == "NF102"]
    assert finding.hint == ('"nfObjectType" is the apiVersion v1 name of "type", which this '
                            "object does not have either")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_required_key_written_by_its_v1_name_is_one_finding_with_the_rename(fmt: str) -> None:
    """A Build with ``nfObjectId``/``nfObjectType`` (apiVersion v1 names) is
    not also missing ``id`` and ``type``: one warning per v1 key, each with
    the rename as an unsafe fix."""
    build = {"kind": "Build", "spec": {"nfObjectId": "api", "nfObjectType": "service",
                                       "branch": "main"}}
    doc = {**TEMPLATE, "spec": {"kind": "Workflow", "spec": {
        "type": "sequential", "context": {"projectId": "demo"}, "steps": [build]}}}
    text = render(doc, fmt)
    result = lint_text(text, f"t.{fmt}")
    found = [(d.rule, d.pointer.rsplit("/", 1)[-1], d.fix.edits[0].content if d.fix else None)
             for d in result.diagnostics if d.rule.startswith("NF1")]
    quote = '"' if fmt == "json" else ""
    assert found == [("NF102", "nfObjectId", f"{quote}id{quote}"),
                     ("NF102", "nfObjectType", f"{quote}type{quote}")]
