"""Choosing the document type (`nflint.northflank.detect.choose_type`), on
fresh documents in JSON and YAML:

- workflows and preview blueprints without ``$schema``, told apart by
  new-style triggers, workflow-only keys and preview nodes; when nothing
  tells them apart, linted with what both accept, said once;
- a ``$schema`` that names a type through a URL Northflank does not
  document still declares it, and the URL is reported at ``/$schema``;
- hints name only documented ``$schema`` URLs, else ``--type``/``types``;
- the table of types is the one source of schema files and URLs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nflint.diagnostics import Severity
from nflint.engine import Options, lint_text
from nflint.load import loader
from nflint.northflank import detect, doctypes
from nflint.schema import store
from tests.conftest import where

DOCUMENTED = {
    "template": "https://api.northflank.com/v1/schemas/template",
    "release-flow": "https://api.northflank.com/v1/schemas/release-flow",
    "preview-template": "https://api.northflank.com/v1/schemas/preview-env",
}

# A workflow (Environments) written by hand: new-style triggers with kind,
# stageId, no $schema.
WORKFLOW_YAML = """\
apiVersion: v1.2
name: promote to production
stageId: production
triggers:
  - kind: vcs-push
    ref: main-push
    spec:
      vcs:
        vcsService: github
        repoUrl: https://github.com/acme/shop
      branchNamePatterns: [main]
spec:
  kind: Workflow
  spec:
    type: sequential
    steps:
      - kind: Build
        ref: image
        spec:
          id: shop-builder
          type: service
          sha: ${refs.main-push.sha}
      - kind: Release
        spec:
          type: build
          origin:
            id: shop-builder
            build: ${refs.image.id}
          target:
            id: shop-web
            type: service
"""

# A preview blueprint: new-style triggers, a BuildSource node, the preview
# built-ins ${args.name} and ${args.previewId}, no $schema.
BLUEPRINT = {
    "apiVersion": "v1.2",
    "name": "pull request previews",
    "triggers": [
        {"kind": "vcs-pr", "ref": "pr", "spec": {
            "vcs": {"vcsService": "gitlab", "repoUrl": "https://gitlab.com/acme/shop"}}},
    ],
    "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": [
        {"kind": "BuildSource", "ref": "source", "spec": {
            "id": "shop-builder", "type": "service", "branch": "${refs.pr.branch}"}},
        {"kind": "DeploymentService", "ref": "web", "spec": {
            "name": "web-${args.previewId}",
            "description": "preview ${args.name}",
            "billing": {"deploymentPlan": "nf-compute-20"},
            "deployment": {"instances": 1, "internal": {
                "id": "shop-builder", "branch": "${refs.pr.branch}", "buildSHA": "latest"}},
        }},
    ]}},
}

# Nothing but new-style triggers and nodes both kinds allow: a workflow or a
# preview blueprint. ${args.name} is a preview built-in (no NF210 from the
# blueprint reading, so none at all); ${args.TARGET} is undeclared for both.
EITHER_JSON = json.dumps({
    "apiVersion": "v1.2",
    "name": "nightly jobs",
    "triggers": [{"kind": "cron", "ref": "nightly", "spec": {"cron": "0 2 * * *"}}],
    "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": [
        {"kind": "JobRun", "spec": {"jobId": "cleanup", "runtimeEnvironment": {
            "TARGET": "${args.name}", "MODE": "${args.TARGET}"}}},
    ]}},
}, indent=2) + "\n"


def rules_of(found: object) -> list[str]:
    return [d.rule for d in found]  # type: ignore[attr-defined]


def test_a_workflow_without_schema_is_a_workflow_in_yaml() -> None:
    result = lint_text(WORKFLOW_YAML, "promote.yaml")
    assert result.types == ("workflow",)
    found = list(result.diagnostics)
    # no "unknown key stageId/triggers": it is not linted as a template
    assert [d for d in found if d.rule == "NF102"] == []
    assert where(found) == [("NF006", 1, 1, "")]
    (note,) = found
    assert note.message.startswith("no $schema: linted as a workflow (workflow-only keys")
    assert note.hint == (
        'pass --type workflow or add a "types" entry to the config '
        "(Northflank documents no $schema URL for this type)"
    )


def test_a_preview_blueprint_without_schema_knows_its_built_ins_in_json() -> None:
    text = json.dumps(BLUEPRINT, indent=2) + "\n"
    result = lint_text(text, "previews.json")
    assert result.types == ("preview-blueprint",)
    # ${args.name} and ${args.previewId} are preview built-ins: no NF210
    assert [d.rule for d in result.diagnostics if d.rule.startswith(("NF1", "NF210"))] == []
    assert [d.rule for d in result.diagnostics] == ["NF006"]


def test_workflow_or_blueprint_is_linted_with_what_both_accept_and_said_once() -> None:
    result = lint_text(EITHER_JSON, "nightly.json")
    assert result.types == ("workflow|preview-blueprint",)
    found = list(result.diagnostics)
    notes = [d for d in found if d.rule == "NF006"]
    assert len(notes) == 1
    assert notes[0].message.startswith(
        "no $schema: linted as a workflow or a preview-blueprint, with what both accept ("
    )
    assert "--type workflow or --type preview-blueprint" in (notes[0].hint or "")
    # the undeclared argument is one for both readings: reported once, at its place
    line = EITHER_JSON.splitlines().index('              "MODE": "${args.TARGET}"') + 1
    assert where(found, rules=("NF210",)) == [
        ("NF210", line, 26, "/spec/spec/steps/0/spec/runtimeEnvironment/MODE")
    ]
    assert rules_of(found) == ["NF006", "NF210"]


def test_a_node_neither_allows_is_still_an_error_when_ambiguous() -> None:
    doc = json.loads(EITHER_JSON)
    doc["spec"]["spec"]["steps"].append({"kind": "Project", "spec": {"name": "demo"}})
    # a team-only node: it is a template (which has no triggers), not a guess
    assert detect.choose_type(doc).type == "template"
    steps = doc["spec"]["spec"]["steps"]
    steps[-1] = {"kind": "Approval", "spec": {"amount": 1}}
    steps.append({"kind": "Pipeline", "spec": {}})
    assert detect.choose_type(doc).type == "template"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # crossProjectAccess is a workflow key, even with nothing else
        ({"apiVersion": "v1.2", "name": "x", "crossProjectAccess": {"enabled": False},
          "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}}}, "workflow"),
        # richInputs without a name: a release flow (they have rich inputs too)
        ({"apiVersion": "v1.2", "richInputs": [],
          "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}}},
         "release-flow"),
        # a resource node with new-style triggers: previews have resources, workflows do not
        ({"apiVersion": "v1.2", "triggers": [{"kind": "webhook", "spec": {"token": "t0k3n"}}],
          "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": [
              {"kind": "Addon", "spec": {"name": "db"}}]}}}, "preview-blueprint"),
        # a webhook trigger only: either
        ({"apiVersion": "v1", "triggers": [{"kind": "webhook", "spec": {"token": "t0k3n"}}],
          "spec": {"kind": "Workflow", "spec": {"type": "parallel", "steps": []}}},
         detect.EITHER),
    ],
)
def test_environment_documents_by_shape(data: dict[str, object], expected: str) -> None:
    choice = detect.choose_type(data)
    assert (choice.type, choice.guessed) == (expected, True)


# --- $schema that names a type by another URL ------------------------------

LOOKALIKE_JSON = """\
{
  "apiVersion": "v1.2",
  "$schema": "https://northflank.com/schemas/v1/release-flow",
  "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}}
}
"""
LOOKALIKE_YAML = """\
# exported with: nflint schema --type workflow > schemas/workflow.schema.json
$schema: ./schemas/workflow.schema.json
apiVersion: v1.2
name: deploy
spec:
  kind: Workflow
  spec:
    type: sequential
    steps: []
"""


def test_a_lookalike_url_declares_the_type_and_is_reported_at_schema_json() -> None:
    result = lint_text(LOOKALIKE_JSON, "flow.json")
    assert result.types == ("release-flow",)
    found = list(result.diagnostics)
    assert where(found) == [("NF008", 3, 14, "/$schema")]
    (url,) = found
    assert url.severity is Severity.WARNING
    assert url.message == (
        '$schema "https://northflank.com/schemas/v1/release-flow" is not a URL Northflank '
        "documents; linted as a release-flow, which it names"
    )
    assert url.hint == f'write the documented URL "{DOCUMENTED["release-flow"]}"'


def test_an_exported_schema_path_declares_a_type_without_a_documented_url_yaml() -> None:
    result = lint_text(LOOKALIKE_YAML, "deploy.yaml")
    assert result.types == ("workflow",)
    found = list(result.diagnostics)
    # NF006 never says "no $schema" for a file that has one: it is not a guess
    assert where(found) == [("NF008", 2, 10, "/$schema")]
    assert found[0].hint == (
        'pass --type workflow or add a "types" entry to the config '
        "(Northflank documents no $schema URL for this type)"
    )


def test_a_schema_naming_no_type_is_said_so_not_no_schema() -> None:
    text = LOOKALIKE_JSON.replace(
        "https://northflank.com/schemas/v1/release-flow", "https://example.com/deploy.json"
    )
    result = lint_text(text, "flow.json")
    notes = [d for d in result.diagnostics if d.rule == "NF006"]
    assert len(notes) == 1
    assert notes[0].message.startswith(
        '$schema "https://example.com/deploy.json" names no Northflank type: linted as a '
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.northflank.com/v1/schemas/template", ("template", True)),
        ("https://api.northflank.com/v1/schemas/template/", ("template", True)),
        ("https://api.northflank.com/v1/schemas/preview-env", ("preview-template", True)),
        ("https://api.northflank.com/v1/schemas/template.json", ("template", False)),
        ("https://api.northflank.com/v1/schemas/template-schema.json", ("template", False)),
        ("https://api.northflank.com/v1/schemas/releaseflow", ("release-flow", False)),
        ("https://northflank.com/schemas/v1/template", ("template", False)),
        ("https://api.salvo.sh/v1/schemas/template", ("template", False)),
        ("../schemas/Preview-Blueprint.schema.json", ("preview-blueprint", False)),
        ("northflank-workflow.json", ("workflow", False)),
        # another vendor's schema of the same name; names that are no type
        ("https://json.schemastore.org/template.json", (None, False)),
        ("https://northflank.com/schemas/v1/project.json", (None, False)),
        ("https://schema.northflank.com/v1/northflank-spec", (None, False)),
        (42, (None, False)),
        ({"url": "https://api.northflank.com/v1/schemas/template"}, (None, False)),
        (["template"], (None, False)),
        ("", (None, False)),
    ],
)
def test_schema_values(url: object, expected: tuple[str | None, bool]) -> None:
    assert tuple(doctypes.from_url(url)) == expected


def test_precedence_type_flag_schema_config_shape() -> None:
    data = json.loads(LOOKALIKE_JSON)
    config = ("template", "deploy/*.json")
    assert detect.choose_type(data, "workflow", config).reason == "--type"
    assert detect.choose_type(data, None, config).type == "release-flow"
    del data["$schema"]
    choice = detect.choose_type(data, None, config)
    assert (choice.type, choice.reason, choice.guessed) == (
        "template", 'config "types" glob "deploy/*.json"', False)
    assert detect.choose_type(data).type == "template"


# --- hints name documented URLs only -----------------------------------------


@pytest.mark.parametrize("name", doctypes.NAMES)
def test_declare_hints_name_only_documented_urls(name: str) -> None:
    hint = doctypes.declare_hint(name)
    if name in DOCUMENTED:
        assert hint == f'add "$schema": "{DOCUMENTED[name]}" or pass --type {name}'
    else:
        assert "$schema\": " not in hint
        assert f"--type {name}" in hint


def test_documented_urls_are_the_specs() -> None:
    assert {t.name: t.url for t in doctypes.TABLE if t.url} == DOCUMENTED
    assert {n: doctypes.documented_url(n) for n in DOCUMENTED} == DOCUMENTED


def test_every_type_has_its_schema_file() -> None:
    for t in doctypes.TABLE:
        assert (store.schemas_dir() / t.schema_file).is_file()
        assert store.validator(t.name) is not None
    shipped = {p.name for p in store.schemas_dir().glob("*.schema.json")}
    roots = shipped - {"common.schema.json", "resources.schema.json"}
    assert {t.schema_file for t in doctypes.TABLE} == roots


def test_forced_type_and_config_type_agree_with_list_files(tmp_path: Path) -> None:
    from nflint import discovery
    from nflint.config.files import Config

    (tmp_path / "promote.yaml").write_text(WORKFLOW_YAML)
    (tmp_path / "nightly.json").write_text(EITHER_JSON)
    (tmp_path / "flow.json").write_text(LOOKALIKE_JSON)
    targets = [discovery.Target(str(tmp_path / n), True) for n in
               ("flow.json", "nightly.json", "promote.yaml")]
    listed = discovery.describe(targets, Config(), None)
    linted = {str(tmp_path / n): lint_text((tmp_path / n).read_text(), str(tmp_path / n),
                                           Options()).types
              for n in ("flow.json", "nightly.json", "promote.yaml")}
    assert {item.path: item.types for item in listed} == linted


@pytest.mark.parametrize("value", [None, 42, "", {"href": "template"}])
def test_nf006_never_says_no_schema_when_there_is_one(value: object) -> None:
    data = json.loads(LOOKALIKE_JSON)
    data["$schema"] = value
    result = lint_text(json.dumps(data), "flow.json")
    (note,) = [d for d in result.diagnostics if d.rule == "NF006"]
    assert note.message.startswith(f"$schema {json.dumps(value)} names no Northflank type: ")


# --- the yaml-language-server modeline ------------------------------------------

FLOW_BODY = (
    "apiVersion: v1.2\nspec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps: []\n"
)
MODELINE = "# yaml-language-server: $schema={}\n"


@pytest.mark.parametrize(
    "url",
    [
        "../../.nflint/schemas/release-flow.schema.json",  # the README's example
        "https://api.northflank.com/v1/schemas/release-flow",
        "./release-flow.schema.json",
    ],
)
def test_a_modeline_declares_the_type_as_editors_read_it(url: str) -> None:
    """The comment editors read to pick a YAML file's schema declares its type
    for nflint too: no NF006 guess, linted as what it names."""
    text = MODELINE.format(url) + FLOW_BODY
    result = lint_text(text, "deploy/app.yaml")
    assert result.types == ("release-flow",)
    assert [d.rule for d in result.diagnostics] == []
    (doc,) = loader.load(text, "a.yaml")[0]
    choice = detect.choose_type(doc.data, None, None, doc.modeline)
    assert choice.reason == f"yaml-language-server $schema={url}"


def test_each_document_reads_its_own_modeline_and_schema_comes_first() -> None:
    template = DOCUMENTED["template"]
    text = (
        MODELINE.format(template) + FLOW_BODY.replace("spec:\n", "name: demo\nspec:\n", 1)
        + "---\n" + MODELINE.format(DOCUMENTED["release-flow"]) + FLOW_BODY
        + "---\n" + FLOW_BODY  # none: the shape decides
        + "---\n" + MODELINE.format(template) + f"$schema: {DOCUMENTED['release-flow']}\n"
        + FLOW_BODY
    )
    result = lint_text(text, "multi.yaml")
    assert result.types == ("template", "release-flow", "template", "release-flow")
    assert [(d.rule, d.document) for d in result.diagnostics] == [("NF006", 3)]


@pytest.mark.parametrize(
    "comment",
    [
        "# yaml-language-server: $schema=https://json.schemastore.org/kustomization.json\n",
        "# see yaml-language-server: nothing declared here\n",
        "x: 1  # yaml-language-server: $schema=./release-flow.schema.json\n",  # not a line
    ],
)
def test_other_modelines_declare_nothing(comment: str) -> None:
    result = lint_text(comment + FLOW_BODY, "app.yaml")
    assert result.types == ("template",)
    assert [d.rule for d in result.diagnostics][:1] == ["NF006"]


def test_a_modeline_in_a_json_string_is_not_read() -> None:
    text = json.dumps({"description": "# yaml-language-server: $schema=./template.schema.json"})
    assert lint_text(text, "a.json").diagnostics[0].rule == "NF004"
