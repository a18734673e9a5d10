"""Every Northflank document type: a valid document is clean, each documented
top-level constraint is reported at the right pointer, line and column, and
the type is detected ($schema first, then the shape) without mistaking other
files named northflank.json for Northflank documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nflint.diagnostics import Diagnostic, Severity
from nflint.engine import lint_text
from tests.conftest import CORPUS, DELETE, changed, lint, where

SCHEMA = "https://api.northflank.com/v1/schemas/"
REPO = "https://github.com/acme/api"


def as_json(doc: object) -> str:
    return json.dumps(doc, indent=2) + "\n"


def _escape(token: object) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def positions(doc: object) -> tuple[str, dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """``json.dumps(doc, indent=2)`` and, written alongside, the line and
    column of each pointer's key and value."""
    chunks: list[str] = []
    keys: dict[str, int] = {}
    values: dict[str, int] = {}

    def size() -> int:
        return sum(map(len, chunks))

    def write(value: object, pointer: str, depth: int) -> None:
        values[pointer] = size()
        members = list(value.items()) if isinstance(value, dict) else None
        members = list(enumerate(value)) if isinstance(value, list) else members
        if not members:
            chunks.append(json.dumps(value))
            return
        chunks.append("{" if isinstance(value, dict) else "[")
        for i, (key, item) in enumerate(members):
            chunks.append((",\n" if i else "\n") + "  " * (depth + 1))
            child = f"{pointer}/{_escape(key)}"
            if isinstance(value, dict):
                keys[child] = size()
                chunks.append(json.dumps(key) + ": ")
            write(item, child, depth + 1)
        chunks.append("\n" + "  " * depth + ("}" if isinstance(value, dict) else "]"))

    write(doc, "", 0)
    text = "".join(chunks) + "\n"
    assert text == as_json(doc)

    def at(offset: int) -> tuple[int, int]:
        return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1

    return text, {p: at(o) for p, o in keys.items()}, {p: at(o) for p, o in values.items()}


def expected_position(doc: object, rule: str, pointer: str) -> tuple[int, int]:
    """Where a finding is written: the key of an unknown key, the object (its
    key, if it has one) for a missing key, else the value."""
    _, keys, values = positions(doc)
    if rule == "NF102" or (rule == "NF101" and pointer in keys):
        return keys[pointer]
    return values[pointer]


def errors(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.severity is Severity.ERROR]


def schema_findings(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.rule.startswith("NF1")]


def workflow(*steps: dict[str, Any], kind: str = "sequential", **spec: Any) -> dict[str, Any]:
    return {"kind": "Workflow", "spec": {"type": kind, **spec, "steps": list(steps)}}


GITOPS = {
    "vcsService": "github",
    "accountLogin": "acme-bot",
    "repoUrl": REPO,
    "branch": "main",
    "filePath": "/northflank/document.json",
}
BUILD = {"kind": "Build", "ref": "build", "spec": {"id": "api-builder", "type": "service",
                                                    "branch": "main"}}
RELEASE = {
    "kind": "Release",
    "ref": "release",
    "spec": {
        "type": "build",
        "origin": {"id": "api-builder", "branch": "main", "build": "latest"},
        "target": {"id": "api", "type": "service"},
    },
}
APPROVAL = {"kind": "Approval", "spec": {"amount": 1}}
SEVEN_TRIGGERS = [
    {"kind": "vcs-push", "ref": "push", "spec": {
        "vcs": {"vcsService": "github", "repoUrl": REPO},
        "branchNamePatterns": ["main", "release/*"],
        "commitMessageFlags": {"enabled": True, "flags": ["[skip ci]"]},
        "filePaths": {"enabled": True, "allowList": False, "paths": ["docs/**"]}}},
    {"kind": "vcs-pr", "ref": "pr", "spec": {
        "vcs": {"vcsService": "github", "repoUrl": REPO}, "ignoreDrafts": True}},
    {"kind": "vcs-pr-label", "ref": "label", "spec": {
        "vcs": {"vcsService": "gitlab", "repoUrl": "https://gitlab.com/acme/api"},
        "labelNamePatterns": ["deploy-*"],
        "branchNamePatterns": {"enabled": True, "names": ["feature/*"]}}},
    {"kind": "vcs-check-suite", "ref": "checks", "spec": {
        "vcs": {"vcsService": "github", "repoUrl": REPO}}},
    {"kind": "vcs-release", "ref": "tag", "spec": {
        "vcs": {"vcsService": "github", "repoUrl": REPO}}},
    {"kind": "webhook", "ref": "hook", "spec": {"token": "nightly-refresh"}},
    {"kind": "cron", "ref": "nightly", "spec": {"cron": "0 3 * * *"}},
]

VALID: dict[str, dict[str, Any]] = {
    "template": {
        "$schema": SCHEMA + "template",
        "apiVersion": "v1.2",
        "name": "demo template",
        "description": "Creates the demo project, then builds the API.",
        "arguments": {"REGION": "europe-west"},
        "argumentOverrides": {"REGION": "us-central"},
        "options": {
            "autorun": False,
            "concurrencyPolicy": "queue",
            "runOnCreation": True,
            "runOnCreationArgumentOverrides": {"REGION": "europe-west"},
        },
        "gitops": GITOPS,
        "spec": workflow(
            {"kind": "Project", "ref": "project",
             "spec": {"name": "demo-project", "region": "${args.REGION}"}},
            workflow(BUILD, context={"projectId": "${refs.project.id}"}),
        ),
        "teardownSpec": {"spec": workflow(APPROVAL), "failurePolicy": "block"},
    },
    "release-flow": {
        "$schema": SCHEMA + "release-flow",
        "apiVersion": "v1.2",
        "arguments": {"BRANCH": "main"},
        "options": {"concurrencyPolicy": "allow", "paused": False},
        "triggers": [{"ref": "repo", "vcsService": "github", "repoUrl": REPO,
                      "branchRestrictions": ["main"], "ciIgnoreFlags": ["[skip ci]"]}],
        "richInputs": [{"kind": "BranchCommitSelector", "spec": {
            "title": "Branch", "inputs": {"source": "api-builder"},
            "outputs": {"branch": "BRANCH"}}}],
        "gitops": GITOPS,
        "spec": workflow(APPROVAL, RELEASE),
    },
    "preview-template": {
        "$schema": SCHEMA + "preview-template",
        "apiVersion": "v1.2",
        "options": {
            "concurrencyPolicy": "replace",
            "nameFormat": "pr-${refs.repo.pullRequestId}",
            "prefixName": True,
            "useBranchContents": False,
            "schedule": {"mon": {"startTime": 800, "endTime": 1800}},
            "expiry": {"previewLifetime": 1440, "resetOnUpdate": True},
        },
        "webhook": {"enabled": True, "regenerate": False},
        "triggers": [{"ref": "repo", "type": "git", "manualOnly": False,
                      "vcsService": "github", "repoUrl": REPO, "prRestrictions": ["*"]}],
        "spec": workflow({"kind": "BuildSource", "ref": "source",
                          "spec": {"id": "api-builder", "type": "service",
                                   "branch": "${refs.repo.branch}"}}),
    },
    "workflow": {
        "$schema": SCHEMA + "workflow",
        "apiVersion": "v1.2",
        "name": "nightly release",
        "description": "Builds and releases every night.",
        "options": {"autorun": True, "concurrencyPolicy": "forbid"},
        "crossProjectAccess": {"enabled": True, "projects": ["shared-tools"], "isAllowList": True},
        "stageId": "production",
        "triggers": SEVEN_TRIGGERS,
        "spec": workflow(BUILD, RELEASE),
    },
    "preview-blueprint": {
        "$schema": SCHEMA + "preview-blueprint",
        "apiVersion": "v1.2",
        "name": "${args.name}",
        "options": {"autorun": True, "expiry": {"previewLifetime": 60}},
        "triggers": SEVEN_TRIGGERS[:2],
        "spec": workflow({"kind": "BuildSource", "ref": "source",
                          "spec": {"id": "api-builder", "type": "service", "branch": "main"}}),
    },
}
_RUN = {"id": "run-1", "status": "success", "concluded": True,
        "createdAt": "2024-01-01 12:00:00.000Z", "updatedAt": "2024-01-01 12:05:00.000Z"}
_DONE = {"settings": {"maxAttempts": 3, "backoff": {"type": "fixed", "delay": 60}},
         "response": {"status": "success", "startTime": 1, "endTime": 2}}
VALID["release-flow-run"] = {"data": {
    **{k: v for k, v in VALID["release-flow"].items() if k != "$schema"},
    **_RUN,
    "spec": {**workflow({**APPROVAL, **_DONE}), **_DONE},
}}
VALID["release-flow-run (bare)"] = VALID["release-flow-run"]["data"]
VALID["template-run"] = {"data": {
    "apiVersion": "v1.2",
    "templateId": "demo-template",
    **_RUN,
    "spec": {**workflow({**BUILD, **_DONE}, context={"projectId": "demo"}), **_DONE},
}}

TYPE_OF = {name: name.split(" ")[0] for name in VALID}


def lint_as(doc: object, doc_type: str | None = None) -> tuple[str, list[Diagnostic]]:
    text = as_json(doc)
    return text, lint(text, "doc.json", doc_type=doc_type)


# --- valid documents ---------------------------------------------------------


@pytest.mark.parametrize("name", VALID)
def test_valid_document_of_every_type_is_clean(name: str) -> None:
    _, found = lint_as(VALID[name], TYPE_OF[name])
    assert schema_findings(found) == [], [d.message for d in found]
    assert errors(found) == [], [d.message for d in found]


@pytest.mark.parametrize("name", [n for n in VALID if "$schema" in VALID[n]])
def test_valid_document_is_detected_by_its_schema_url(name: str) -> None:
    result = lint_text(as_json(VALID[name]), "doc.json")
    assert result.types == (TYPE_OF[name],)
    assert "NF006" not in [d.rule for d in result.diagnostics]


@pytest.mark.parametrize("name", ["release-flow-run", "release-flow-run (bare)", "template-run"])
def test_run_responses_are_detected_wrapped_or_bare(name: str) -> None:
    assert lint_text(as_json(VALID[name]), "run.json").types == (TYPE_OF[name],)


# --- top-level constraints ---------------------------------------------------

# (document, path, new value (DELETE: remove the key), rule, pointer)
CONSTRAINTS = [
    # template name: RX-NAME, 3-100 characters
    ("template", ("name",), "demo_template!", "NF105", "/name"),
    ("template", ("name",), "ab", "NF106", "/name"),
    ("template", ("name",), "a" * 101, "NF106", "/name"),
    ("template", ("name",), 42, "NF103", "/name"),
    # description: RX-DESC (a warning: open question 16), at most 200 characters
    # (a hard limit: an error)
    ("template", ("description",), "price: $5", "NF105", "/description"),
    ("template", ("description",), "d" * 201, "NF106", "/description"),
    ("template", ("argumentOverrides",), ["REGION"], "NF103", "/argumentOverrides"),
    ("template", ("options", "autorun"), "false", "NF103", "/options/autorun"),
    ("template", ("options", "runOnCreation"), 1, "NF103", "/options/runOnCreation"),
    ("template", ("options", "runOnCreationArgumentOverrides"), "x", "NF103",
     "/options/runOnCreationArgumentOverrides"),
    ("template", ("options", "concurrencyPolicy"), "Queue", "NF104", "/options/concurrencyPolicy"),
    ("template", ("options", "autoRun"), True, "NF102", "/options/autoRun"),
    ("template", ("teardownSpec", "failurePolicy"), "abort", "NF104",
     "/teardownSpec/failurePolicy"),
    ("template", ("gitops", "filePath"), "northflank.json", "NF105", "/gitops/filePath"),
    ("template", ("apiVersion",), DELETE, "NF101", ""),
    # preview template: options, webhook, trigger type/manualOnly
    ("preview-template", ("options", "schedule", "mon", "startTime"), "08:00", "NF103",
     "/options/schedule/mon/startTime"),
    ("preview-template", ("options", "schedule", "monday"), {}, "NF102",
     "/options/schedule/monday"),
    ("preview-template", ("options", "expiry", "previewLifetime"), "1d", "NF103",
     "/options/expiry/previewLifetime"),
    ("preview-template", ("options", "expiry", "resetOnUpdate"), "yes", "NF103",
     "/options/expiry/resetOnUpdate"),
    ("preview-template", ("options", "nameFormat"), 7, "NF103", "/options/nameFormat"),
    ("preview-template", ("webhook", "enabled"), "true", "NF103", "/webhook/enabled"),
    ("preview-template", ("webhook", "secret"), "s3cret", "NF102", "/webhook/secret"),
    ("preview-template", ("triggers", 0, "type"), "github", "NF104", "/triggers/0/type"),
    ("preview-template", ("triggers", 0, "manualOnly"), "no", "NF103", "/triggers/0/manualOnly"),
    ("preview-template", ("triggers", 0, "prRestrictions"), ["fix @1"], "NF105",
     "/triggers/0/prRestrictions/0"),
    ("preview-template", ("triggers", 0, "repoUrl"), DELETE, "NF101", "/triggers/0"),
    ("preview-template", ("name",), "demo", "NF102", "/name"),
    # workflow: name required, crossProjectAccess, stageId, the seven trigger kinds
    ("workflow", ("name",), DELETE, "NF101", ""),
    ("workflow", ("crossProjectAccess", "enabled"), DELETE, "NF101", "/crossProjectAccess"),
    ("workflow", ("crossProjectAccess", "isAllowList"), "true", "NF103",
     "/crossProjectAccess/isAllowList"),
    ("workflow", ("crossProjectAccess", "projects"), ["shared tools"], "NF105",
     "/crossProjectAccess/projects/0"),
    ("workflow", ("stageId",), "ab", "NF106", "/stageId"),
    ("workflow", ("stageId",), "prod_stage", "NF105", "/stageId"),
    ("workflow", ("stageId",), 3, "NF103", "/stageId"),
    ("workflow", ("options", "paused"), True, "NF102", "/options/paused"),
    ("workflow", ("triggers", 0, "kind"), "push", "NF104", "/triggers/0/kind"),
    ("workflow", ("triggers", 0, "spec", "branchNamePatterns", 0), "main branch", "NF105",
     "/triggers/0/spec/branchNamePatterns/0"),
    ("workflow", ("triggers", 1, "spec", "ignoreDrafts"), "yes", "NF103",
     "/triggers/1/spec/ignoreDrafts"),
    ("workflow", ("triggers", 2, "spec", "labelNamePatterns"), ["deploy me"], "NF105",
     "/triggers/2/spec/labelNamePatterns/0"),
    ("workflow", ("triggers", 3, "spec", "filePaths"), {"paths": ["p" * 261]}, "NF106",
     "/triggers/3/spec/filePaths/paths/0"),
    ("workflow", ("triggers", 4, "spec", "vcs", "repoUrl"), DELETE, "NF101",
     "/triggers/4/spec/vcs"),
    ("workflow", ("triggers", 5, "spec", "secret"), "x", "NF102", "/triggers/5/spec/secret"),
    ("workflow", ("triggers", 5, "spec", "token"), DELETE, "NF101", "/triggers/5/spec"),
    ("workflow", ("triggers", 6, "spec", "cron"), DELETE, "NF101", "/triggers/6/spec"),
    ("workflow", ("triggers", 6, "spec", "cron"), 5, "NF103", "/triggers/6/spec/cron"),
    # release flow: no name, description or options.autorun; rich inputs
    ("release-flow", ("options", "autorun"), True, "NF102", "/options/autorun"),
    ("release-flow", ("description",), "x", "NF102", "/description"),
    ("release-flow", ("richInputs", 0, "spec", "title"), DELETE, "NF101", "/richInputs/0/spec"),
    ("release-flow", ("richInputs", 0, "kind"), "BranchSelector", "NF104", "/richInputs/0/kind"),
    # preview blueprint and the runs
    ("preview-blueprint", ("name",), "x", "NF106", "/name"),
    ("preview-blueprint", ("options", "autorun"), "on", "NF103", "/options/autorun"),
    ("release-flow-run", ("data", "status"), "done", "NF104", "/data/status"),
    ("release-flow-run", ("data", "concluded"), DELETE, "NF101", "/data"),
    ("release-flow-run (bare)", ("refs",), [], "NF103", "/refs"),
    ("template-run", ("data", "templateId"), DELETE, "NF101", "/data"),
]


@pytest.mark.parametrize(
    ("name", "path", "value", "rule", "pointer"),
    CONSTRAINTS,
    ids=[f"{c[0]}:{c[4] or '/'}:{c[3]}" for c in CONSTRAINTS],
)
def test_top_level_constraint_is_reported_where_it_is_written(
    name: str, path: tuple[str | int, ...], value: object, rule: str, pointer: str
) -> None:
    doc = changed(VALID[name], path, value)
    _, found = lint_as(doc, TYPE_OF[name])
    line, column = expected_position(doc, rule, pointer)
    assert where(schema_findings(found)) == [(rule, line, column, pointer)], [
        d.message for d in found
    ]
    # unknown keys and the description pattern are warnings (open questions 8
    # and 16); the description's length limit is an error
    doubtful = rule == "NF102" or (rule == "NF105" and pointer.endswith("/description"))
    expected = Severity.WARNING if doubtful else Severity.ERROR
    assert schema_findings(found)[0].severity is expected


def test_every_new_style_trigger_kind_is_in_the_valid_workflow() -> None:
    kinds = [t["kind"] for t in VALID["workflow"]["triggers"]]
    assert kinds == ["vcs-push", "vcs-pr", "vcs-pr-label", "vcs-check-suite", "vcs-release",
                     "webhook", "cron"]


def test_templated_top_level_values_pass_where_documented() -> None:
    doc = changed(VALID["workflow"], ("stageId",), "${args.STAGE}")
    doc["arguments"] = {"STAGE": "production"}
    assert schema_findings(lint_as(doc)[1]) == []
    doc = changed(VALID["preview-blueprint"], ("description",), "${args.DESCRIPTION}")
    assert schema_findings(lint_as(doc)[1]) == []
    # but a template's name is not templated: the reference gives no expression there
    _, found = lint_as(changed(VALID["template"], ("name",), "${args.NAME}"))
    assert [(d.rule, d.pointer) for d in schema_findings(found)] == [("NF105", "/name")]


def test_null_stage_id_is_accepted() -> None:
    assert schema_findings(lint_as(changed(VALID["workflow"], ("stageId",), None))[1]) == []


# --- detection ---------------------------------------------------------------


def _bare(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "$schema"}


def test_schema_url_wins_over_the_shape() -> None:
    doc = {**VALID["release-flow"], "spec": workflow({"kind": "Project", "spec": {}})}
    result = lint_text(as_json(doc), "doc.json")
    assert result.types == ("release-flow",)
    pointer = "/spec/spec/steps/0/kind"
    assert where(schema_findings(list(result.diagnostics))) == [
        ("NF109", *expected_position(doc, "NF109", pointer), pointer)
    ]
    doc = {**VALID["template"], "spec": workflow(RELEASE)}
    result = lint_text(as_json(doc), "doc.json")
    assert result.types == ("template",)
    assert [d.rule for d in schema_findings(list(result.diagnostics))] == ["NF109"]


@pytest.mark.parametrize(
    ("url", "doc_type"),
    [("preview-env", "preview-template"), ("releaseflow", "release-flow"),
     ("template.json", "template")],
)
def test_schema_url_aliases(url: str, doc_type: str) -> None:
    doc = {**VALID[doc_type], "$schema": SCHEMA + url}
    assert lint_text(as_json(doc), "doc.json").types == (doc_type,)


@pytest.mark.parametrize(
    ("doc", "doc_type", "guessed"),
    [
        pytest.param({"apiVersion": "v1.2", "spec": workflow(RELEASE)}, "release-flow", True,
                     id="release-node"),
        pytest.param(_bare(VALID["preview-template"]), "preview-template", True,
                     id="buildsource-node"),
        pytest.param({"apiVersion": "v1.2", "spec": workflow(
            {"kind": "Project", "spec": {"name": "demo"}})}, "template", False, id="project-node"),
        pytest.param(_bare(VALID["workflow"]), "workflow", True, id="name-and-new-triggers"),
        pytest.param({**_bare(VALID["release-flow"]), "name": "x"}, "workflow", True,
                     id="release-flow-shape-with-name"),
        pytest.param(_bare(VALID["preview-blueprint"]), "preview-blueprint", True,
                     id="preview-with-name"),
        pytest.param({"apiVersion": "v1.2", "spec": workflow(APPROVAL)}, "template", True,
                     id="only-shared-nodes"),
    ],
)
def test_type_from_the_shape(doc: dict[str, Any], doc_type: str, guessed: bool) -> None:
    result = lint_text(as_json(doc), "doc.json")
    assert result.types == (doc_type,)
    notes = [d for d in result.diagnostics if d.rule == "NF006"]
    if not guessed:
        assert notes == []
        return
    assert where(notes) == [("NF006", 1, 1, "")]
    assert notes[0].severity is Severity.INFO
    assert notes[0].message.startswith(f"no $schema: linted as a {doc_type} (")
    # the hint names only documented $schema URLs (spec 0.1), else --type
    documented = {"template": "template", "release-flow": "release-flow",
                  "preview-template": "preview-env"}
    if doc_type in documented:
        assert notes[0].hint == (
            f'add "$schema": "{SCHEMA}{documented[doc_type]}" or pass --type {doc_type}')
    else:
        assert notes[0].hint == (
            f'pass --type {doc_type} or add a "types" entry to the config '
            "(Northflank documents no $schema URL for this type)")


def test_forced_type_is_not_a_guess() -> None:
    found = lint(as_json(_bare(VALID["workflow"])), "doc.json", doc_type="workflow")
    assert "NF006" not in [d.rule for d in found]
    assert schema_findings(found) == []


NOT_NORTHFLANK = sorted(
    p for p in (CORPUS / "not-northflank").iterdir() if p.suffix in (".json", ".yaml", ".yml")
)
#: files that do not even parse (the rest parse and are not Northflank-shaped)
UNPARSABLE = {"tradepulse252__trade-pulse__northflank.yaml"}


@pytest.mark.parametrize("path", NOT_NORTHFLANK, ids=[p.name for p in NOT_NORTHFLANK])
def test_other_files_named_northflank_get_one_finding_and_no_schema_errors(path: Path) -> None:
    result = lint_text(path.read_bytes(), str(path))
    rules = [d.rule for d in result.diagnostics]
    assert rules == (["NF001"] if path.name in UNPARSABLE else ["NF004"])
    assert all(t is None for t in result.types)


def test_not_northflank_corpus_is_all_here() -> None:
    rows = (CORPUS / "not-northflank" / "MANIFEST.tsv").read_text().splitlines()[1:]
    listed = {row.split("\t")[0] for row in rows if row.strip()} - {"(not saved)"}
    assert listed == {p.name for p in NOT_NORTHFLANK}
