"""The semantic rules NF202-NF221: for each mistake, the exact rule id,
severity, line and column (inside the string for expressions), reported
once, in JSON and in YAML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nflint.engine import lint_text

# A release flow with one JobRun; the MODE value is at line 11, column 19
# (its opening quote) in JSON and line 14, column 19 in YAML.
RF_JSON = """{
  "$schema": "https://api.northflank.com/v1/schemas/release-flow",
  "apiVersion": "v1.2",
  "arguments": {"BRANCH": "main"},
  "spec": {
    "kind": "Workflow",
    "spec": {
      "type": "sequential",
      "steps": [
        {"kind": "JobRun", "spec": {"jobId": "migrate", "runtimeEnvironment": {
          "MODE": %s
        }}}
      ]
    }
  }
}
"""
RF_YAML = """$schema: https://api.northflank.com/v1/schemas/release-flow
apiVersion: v1.2
arguments:
  BRANCH: main
spec:
  kind: Workflow
  spec:
    type: sequential
    steps:
      - kind: JobRun
        spec:
          jobId: migrate
          runtimeEnvironment:
            MODE: %s
"""
TEMPLATE = """$schema: https://api.northflank.com/v1/schemas/template
apiVersion: v1.2
name: demo
"""


def found(text: str, path: str, *rules: str) -> list[tuple[str, str, int, int]]:
    """(rule, severity, line, column) of the findings of ``rules``."""
    result = lint_text(text, path)
    return [
        (d.rule, d.severity.label, d.span.start.line, d.span.start.column)
        for d in result.diagnostics
        if d.rule in rules and d.span is not None
    ]


def messages(text: str, path: str, rule: str) -> list[str]:
    return [d.message for d in lint_text(text, path).diagnostics if d.rule == rule]


# -- NF202 expression-syntax ---------------------------------------------------


def test_syntax_error_after_json_escapes() -> None:
    # `"say \"hi\"\t${args.BRANCH"`: the `$` is column 32 as written
    text = RF_JSON % '"say \\"hi\\"\\t${args.BRANCH"'
    assert found(text, "rf.json", "NF202") == [("NF202", "error", 11, 32)]
    assert messages(text, "rf.json", "NF202") == ['unterminated expression: no closing "}"']


def test_syntax_error_in_yaml_single_quoted_scalar() -> None:
    # `'it''s ${args.BRANCH x}'`: the stray `x` is column 40 as written
    text = RF_YAML % "'it''s ${args.BRANCH x}'"
    assert found(text, "rf.yaml", "NF202") == [("NF202", "error", 14, 40)]
    assert messages(text, "rf.yaml", "NF202") == [
        'unexpected "x"; expected "}" to end the expression'
    ]


def test_syntax_error_in_yaml_folded_block() -> None:
    text = RF_YAML % ">\n              run with\n              ${fn.date(}"
    assert found(text, "rf.yaml", "NF202") == [("NF202", "error", 16, 25)]


def test_placeholders_and_escapes_are_not_errors() -> None:
    for value in ('"${DATABASE_URL}"', '"\\\\${tf.var}"', "\"${'\\\\${aws_s3_bucket.b.id}'}\""):
        text = RF_JSON % value
        assert found(text, "rf.json", "NF202", "NF205") == [], value


# -- NF203 unknown-function, NF204 function-arguments --------------------------


def test_unknown_function_points_at_its_name() -> None:
    text = RF_JSON % '"${fn.toupper(args.BRANCH)}"'
    assert found(text, "rf.json", "NF203", "NF204") == [("NF203", "error", 11, 25)]
    result = lint_text(text, "rf.json")
    (finding,) = (d for d in result.diagnostics if d.rule == "NF203")
    assert finding.message == 'unknown function "fn.toupper"'
    assert finding.hint == 'did you mean "toUpper"?'


def test_documented_and_undocumented_functions_are_known() -> None:
    text = RF_YAML % "${fn.randomString(64)}-${fn.randomSecret(32, 'hex')}"
    assert found(text, "rf.yaml", "NF203", "NF204") == []


def test_wrong_argument_count() -> None:
    text = RF_YAML % "${fn.if(fn.eq(args.BRANCH), 'a', 'b')}"
    assert found(text, "rf.yaml", "NF203", "NF204") == [("NF204", "error", 14, 27)]
    assert messages(text, "rf.yaml", "NF204") == [
        '"fn.eq" takes at least 2 arguments; it is given 1'
    ]


# -- NF205 unknown-root --------------------------------------------------------


def test_unknown_root_is_a_warning() -> None:
    text = RF_JSON % '"postgres://${addons.db.host}"'
    assert found(text, "rf.json", "NF205", "NF202") == [("NF205", "warning", 11, 33)]


def test_template_prefix_outside_a_nested_document() -> None:
    text = RF_YAML % "${template.args.BRANCH}"
    assert found(text, "rf.yaml", "NF205") == [("NF205", "warning", 14, 21)]


# -- NF206 unknown-ref / NF207 ref-out-of-scope --------------------------------

STEPS = """spec:
  kind: Workflow
  spec:
    type: %s
    context:
      projectId: demo
    steps:
"""
ADDON = """      - kind: Addon
        ref: db
        spec:
          name: database
          type: postgresql
          version: latest
"""
BACKUP = """      - kind: AddonBackup
        spec:
          addonId: ${refs.%s.id}
"""


def test_unknown_ref_with_suggestion() -> None:
    text = TEMPLATE + STEPS % "sequential" + ADDON + BACKUP % "dbs"
    assert found(text, "t.yaml", "NF206", "NF207") == [("NF206", "error", 19, 27)]
    (finding,) = (d for d in lint_text(text, "t.yaml").diagnostics if d.rule == "NF206")
    assert finding.hint == 'did you mean "db"?'


def test_ref_later_in_a_sequential_workflow() -> None:
    text = TEMPLATE + STEPS % "sequential" + BACKUP % "db" + ADDON
    assert found(text, "t.yaml", "NF206", "NF207") == [("NF207", "error", 13, 22)]
    assert messages(text, "t.yaml", "NF207") == [
        'the ref "db" is not available here: the Addon node "db" runs later in its '
        "sequential workflow"
    ]


def test_ref_of_a_parallel_sibling() -> None:
    text = TEMPLATE + STEPS % "parallel" + ADDON + BACKUP % "db"
    assert found(text, "t.yaml", "NF206", "NF207") == [("NF207", "error", 19, 22)]


def test_earlier_sequential_step_and_its_descendants_are_visible() -> None:
    nested = "      - kind: Workflow\n        spec:\n          type: parallel\n          steps:\n"
    inner = ADDON.replace("      - ", "            - ").replace("\n        ", "\n              ")
    text = TEMPLATE + STEPS % "sequential" + nested + inner + BACKUP % "db"
    assert found(text, "t.yaml", "NF206", "NF207") == []


def test_own_ref_and_enclosing_workflow() -> None:
    own = "      - kind: Addon\n        ref: db\n        spec:\n          name: ${refs.db.id}\n"
    text = TEMPLATE + STEPS % "sequential" + own + "          type: redis\n          version: x\n"
    assert [m.split(": ", 1)[1] for m in messages(text, "t.yaml", "NF207")] == [
        'the Addon node "db" is the node that reads it; a node cannot read its own outputs'
    ]


def test_teardown_reads_main_spec_but_not_the_reverse() -> None:
    text = (
        TEMPLATE
        + STEPS % "sequential"
        + ADDON
        + "      - kind: Approval\n        spec:\n          amount: 1\n"
        + "        skipNodeExecution: ${refs.cleanup.id}\n"
        + "teardownSpec:\n  spec:\n    kind: JobRun\n    ref: cleanup\n    spec:\n"
        + "      jobId: cleanup\n      runtimeEnvironment:\n        DB: ${refs.db.id}\n"
    )
    assert found(text, "t.yaml", "NF206", "NF207") == [("NF207", "error", 20, 30)]
    assert (
        "is in teardownSpec, which runs after the main spec" in messages(text, "t.yaml", "NF207")[0]
    )


TRIGGERS = """triggers:
  - ref: api
    vcsService: github
    repoUrl: https://github.com/acme/api
"""


def test_trigger_refs_resolve_against_triggers() -> None:
    text = (RF_YAML % "${refs.api.branch}").replace("arguments:", TRIGGERS + "arguments:")
    assert found(text, "rf.yaml", "NF206", "NF207") == []


def test_unknown_ref_that_could_be_an_external_trigger_is_a_warning() -> None:
    text = RF_YAML % "${refs.git-trigger.sha}"
    assert found(text, "rf.yaml", "NF206") == [("NF206", "warning", 14, 26)]
    # in a template nothing is configured outside the file: an error
    text = TEMPLATE + STEPS % "sequential" + BACKUP % "git-trigger"
    text = text.replace("${refs.git-trigger.id}", "${refs.git-trigger.sha}")
    assert found(text, "t.yaml", "NF206") == [("NF206", "error", 13, 27)]


NESTED = """      - kind: Addon
        ref: db
        spec:
          name: database
          type: postgresql
          version: latest
      - kind: WorkflowTemplate
        ref: wf
        spec:
          apiVersion: v1.2
          name: nested
          arguments:
            sha: ''
          spec:
            kind: Workflow
            spec:
              type: sequential
              steps:
                - kind: AddonBackup
                  ref: backup
                  spec:
                    addonId: %s
"""

OUTER_READER = """      - kind: Addon
        ref: db
        spec:
          name: database
          type: postgresql
          version: latest
      - kind: Pipeline
        spec:
          name: nested
          stages:
            - name: Development
              releaseFlow:
                kind: ReleaseFlow
                spec:
                  apiVersion: v1.2
                  spec:
                    kind: AddonBackup
                    spec:
                      addonId: %s
"""


def test_nested_document_reads_outer_refs_only_with_the_prefix() -> None:
    ok = TEMPLATE + STEPS % "sequential" + NESTED % "${template.refs.db.id}"
    assert found(ok, "t.yaml", "NF205", "NF206", "NF207") == []
    bad = TEMPLATE + STEPS % "sequential" + OUTER_READER % "${refs.db.id}"
    assert found(bad, "t.yaml", "NF206", "NF207") == [("NF207", "error", 29, 34)]
    result = lint_text(bad, "t.yaml")
    (finding,) = (d for d in result.diagnostics if d.rule == "NF207")
    assert finding.message == (
        'the ref "db" belongs to the enclosing document, not to this nested one'
    )
    assert finding.hint == "write ${template.refs.db.id} to read it"


def test_outer_ref_in_a_workflow_template_is_only_a_warning() -> None:
    # Northflank documents the template. prefix for a Pipeline's templates
    # only: in a WorkflowTemplate node an unprefixed outer ref is a doubt
    bad = TEMPLATE + STEPS % "sequential" + NESTED % "${refs.db.id}"
    assert found(bad, "t.yaml", "NF206", "NF207") == [("NF207", "warning", 32, 32)]
    (finding,) = (d for d in lint_text(bad, "t.yaml").diagnostics if d.rule == "NF207")
    assert finding.hint == (
        "write ${template.refs.db.id} to read it (Northflank documents the template. prefix "
        "for Pipeline templates; in a WorkflowTemplate node, check that the value resolves)"
    )


def test_outer_document_cannot_read_nested_refs() -> None:
    text = TEMPLATE + STEPS % "sequential" + NESTED % "x" + BACKUP % "backup"
    assert found(text, "t.yaml", "NF206", "NF207") == [("NF207", "error", 35, 22)]


def test_template_prefixed_ref_that_runs_after_the_nested_node() -> None:
    text = (
        TEMPLATE
        + STEPS % "sequential"
        + NESTED % "${template.refs.late.id}"
        + (ADDON.replace("ref: db", "ref: late"))
    )
    assert found(text, "t.yaml", "NF206", "NF207") == [("NF207", "error", 32, 32)]


# -- NF208 duplicate-ref, NF209 trigger-ref-collision ----------------------------


def test_duplicate_node_ref() -> None:
    text = TEMPLATE + STEPS % "sequential" + ADDON + ADDON.replace("database", "users")
    assert found(text, "t.yaml", "NF208") == [("NF208", "error", 18, 14)]
    assert messages(text, "t.yaml", "NF208") == [
        'another node already declares the ref "db" (line 12)'
    ]


def test_trigger_and_node_ref_collision_is_a_warning() -> None:
    node = "\n      - kind: Approval\n        ref: api\n        spec:\n          amount: 1\n"
    text = (RF_YAML % "x").replace("arguments:", TRIGGERS + "arguments:") + node.lstrip("\n")
    assert found(text, "rf.yaml", "NF208", "NF209") == [("NF209", "warning", 20, 14)]


# -- NF210 undeclared-argument, NF211 unused-argument -----------------------------


def test_undeclared_argument_json() -> None:
    text = RF_JSON % '"${args.BRANCHES}"'
    assert found(text, "rf.json", "NF210") == [("NF210", "warning", 11, 22)]
    (finding,) = (d for d in lint_text(text, "rf.json").diagnostics if d.rule == "NF210")
    assert finding.hint == 'did you mean "BRANCH"?'


def test_rich_input_outputs_and_preview_builtins_are_declared() -> None:
    rich = (
        "richInputs:\n  - kind: BranchCommitSelector\n    spec:\n      title: Pick\n"
        "      inputs:\n        source: api\n      outputs:\n        branch: PICKED\n"
    )
    text = (RF_YAML % "${args.PICKED}").replace("arguments:", rich + "arguments:")
    assert found(text, "rf.yaml", "NF210") == []
    preview = (RF_YAML % "${args.previewId}-${args.name}").replace(
        "schemas/release-flow", "schemas/preview-env"
    )
    assert found(preview, "p.yaml", "NF210") == []
    template = RF_YAML % "${args.previewId}"
    assert found(template, "rf.yaml", "NF210") == [("NF210", "warning", 14, 21)]


def test_unused_argument_is_info_at_its_key() -> None:
    text = RF_YAML % "plain"
    assert found(text, "rf.yaml", "NF211") == [("NF211", "info", 4, 3)]


def test_argument_used_from_a_nested_document_is_used() -> None:
    outer = TEMPLATE + "arguments:\n  REGION: eu\n" + STEPS % "sequential"
    text = outer + NESTED % "${template.args.REGION}"
    # the nested document's own "sha" is unused; the outer REGION is used
    assert found(text, "t.yaml", "NF210", "NF211") == [("NF211", "info", 25, 13)]


# -- NF212 opentofu-destroy-ref --------------------------------------------------

TOFU = """spec:
  kind: Workflow
  spec:
    type: sequential
    steps:
      - kind: OpenTofu
        ref: infra
        spec:
          stateKey: abc
          spec:
            resource: {}
      - kind: Approval
        ref: gate
        spec:
          amount: 1
teardownSpec:
  spec:
    kind: OpenTofuDestroy
    spec:
      nodeRef: %s
"""


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("infra", None),
        ("infr", 'nodeRef "infr" does not name an OpenTofu node of the spec'),
        ("gate", 'nodeRef "gate" is the ref of a node of kind "Approval", not of an OpenTofu node'),
        ("${refs.infra.id}", "nodeRef is a bare ref name, not an expression"),
    ],
)
def test_opentofu_destroy_node_ref(ref: str, message: str | None) -> None:
    text = TEMPLATE + TOFU % ref
    expected = [] if message is None else [("NF212", "error", 23, 16)]
    assert found(text, "t.yaml", "NF212") == expected
    assert messages(text, "t.yaml", "NF212") == ([] if message is None else [message])


# -- NF213 missing-project-context -----------------------------------------------

NO_CONTEXT = """spec:
  kind: Workflow
  spec:
    type: sequential
    steps:
"""


def test_project_resource_without_context() -> None:
    text = TEMPLATE + NO_CONTEXT + ADDON
    assert found(text, "t.yaml", "NF213") == [("NF213", "error", 9, 15)]


@pytest.mark.parametrize(
    "text",
    [
        TEMPLATE + STEPS % "sequential" + ADDON,  # enclosing context
        TEMPLATE + NO_CONTEXT + ADDON + "          projectId: demo\n",  # own projectId
        TEMPLATE + "project:\n  id: demo\n" + NO_CONTEXT + ADDON,  # GitOps project
        (TEMPLATE + NO_CONTEXT + ADDON).replace("$schema: https", "x-schema: https"),  # guessed
        TEMPLATE + NO_CONTEXT + "      - kind: Project\n        spec:\n          name: demo\n",
    ],
)
def test_project_context_present_or_not_needed(text: str) -> None:
    assert found(text, "t.yaml", "NF213") == []


def test_action_on_a_service_needs_a_project() -> None:
    action = (
        "      - kind: Action\n        spec:\n          kind: Service\n          spec:\n"
        "            type: restart\n            data:\n              serviceId: api\n"
    )
    assert found(TEMPLATE + NO_CONTEXT + action, "t.yaml", "NF213") == [("NF213", "error", 9, 15)]


# -- NF214 build-branch-and-pr, NF215 build-without-branch -----------------------

BUILD = """      - kind: BuildService
        ref: builder
        spec:
          name: builder
      - kind: Build
        spec:
          id: %s
          type: service
"""


def test_build_with_branch_and_pull_request() -> None:
    text = (
        TEMPLATE
        + STEPS % "sequential"
        + BUILD % "api"
        + "          branch: main\n          pullRequestId: 4\n"
    )
    assert found(text, "t.yaml", "NF214", "NF215") == [("NF214", "error", 20, 11)]


@pytest.mark.parametrize("target", ["${refs.builder.id}", "builder"])
def test_build_service_build_without_branch(target: str) -> None:
    text = TEMPLATE + STEPS % "sequential" + BUILD % target
    assert found(text, "t.yaml", "NF214", "NF215") == [("NF215", "warning", 15, 15)]


def test_build_of_another_service_needs_no_branch() -> None:
    text = TEMPLATE + STEPS % "sequential" + BUILD % "combined-api"
    assert found(text, "t.yaml", "NF215") == []


# -- NF216, NF217, NF218 ---------------------------------------------------------


def test_skip_node_execution_boolean() -> None:
    text = RF_JSON % '"x"'
    text = text.replace('{"kind": "JobRun",', '{"kind": "JobRun", "skipNodeExecution": true,')
    assert found(text, "rf.json", "NF216") == [("NF216", "warning", 10, 49)]
    assert messages(text, "rf.json", "NF216") == [
        'skipNodeExecution is the boolean true; the API takes the string "true"'
    ]


def test_vcs_link_id_is_info() -> None:
    gitops = (
        "gitops:\n  vcsService: github\n  repoUrl: https://github.com/acme/api\n"
        "  branch: main\n  filePath: /rf.yaml\n  vcsLinkId: 65a1b2c3d4e5f60718293a4b\n"
    )
    text = (RF_YAML % "x").replace("arguments:", gitops + "arguments:")
    assert found(text, "rf.yaml", "NF217") == [("NF217", "info", 8, 3)]


def test_empty_description() -> None:
    text = TEMPLATE + 'description: ""\n' + STEPS % "sequential" + ADDON
    assert found(text, "t.yaml", "NF218") == [("NF218", "info", 4, 14)]


# -- NF219 gitops-file-path -----------------------------------------------------

GITOPS_JSON = {
    "$schema": "https://api.northflank.com/v1/schemas/release-flow",
    "apiVersion": "v1.2",
    "gitops": {
        "vcsService": "github",
        "repoUrl": "https://github.com/acme/api",
        "branch": "main",
        "accountLogin": "acme",
        "filePath": "/release.json",
    },
    "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}},
}


def test_gitops_file_path_against_the_work_tree(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "deploy").mkdir()
    path = tmp_path / "deploy" / "release.json"
    text = json.dumps(GITOPS_JSON, indent=2)
    path.write_text(text)
    assert found(text, str(path), "NF219") == [("NF219", "warning", 9, 17)]
    assert messages(text, str(path), "NF219") == [
        'gitops.filePath is "/release.json" but this file is "/deploy/release.json" in its '
        "Git repository"
    ]
    moved = tmp_path / "release.json"
    moved.write_text(text)
    assert found(text, str(moved), "NF219") == []


def test_gitops_file_path_skipped_outside_a_work_tree_and_for_stdin(tmp_path: Path) -> None:
    path = tmp_path / "deploy.json"
    text = json.dumps(GITOPS_JSON, indent=2)
    path.write_text(text)
    if any((parent / ".git").exists() for parent in tmp_path.parents):
        pytest.skip("the temporary directory is inside a Git work tree")
    assert found(text, str(path), "NF219") == []
    assert found(text, "<stdin>", "NF219") == []


# -- NF220 plaintext-secret -----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "column", "shown"),
    [
        ('"ghp_' + "a1B2" * 9 + '"', 20, '"ghp_…"'),
        ('"https://hooks.slack.com/services/T0AB/B0CD/abcdEFGHijklMNOP"', 63, '"abcd…"'),
        ('"postgres://app:s3cr3tPW@db:5432/app"', 35, '"s3…"'),
        ('"-----BEGIN OPENSSH PRIVATE KEY-----\\nb3Blbn"', 20, '"----…"'),
    ],
)
def test_plaintext_secrets_are_masked(value: str, column: int, shown: str) -> None:
    text = RF_JSON % value
    assert found(text, "rf.json", "NF220") == [("NF220", "warning", 11, column)]
    (message,) = messages(text, "rf.json", "NF220")
    assert message.endswith(f"in plain text ({shown})")
    secret = json.loads(value)
    assert secret not in message and secret[4:12] not in message


def test_secret_looking_argument() -> None:
    text = (RF_YAML % "x").replace(
        "  BRANCH: main\n", "  BRANCH: main\n  API_TOKEN: q8Zt3Lm0Vx1p\n"
    )
    assert found(text, "rf.yaml", "NF220") == [("NF220", "warning", 5, 14)]
    (finding,) = (d for d in lint_text(text, "rf.yaml").diagnostics if d.rule == "NF220")
    assert "q8Zt3Lm0Vx1p" not in finding.message
    assert finding.hint is not None and "argument override" in finding.hint


@pytest.mark.parametrize(
    ("name", "reported"),
    [
        ("TOKENIZER_MODEL", False),  # a credential word inside a longer word
        ("HF_TOKENIZER", False),
        ("SECRETARY_EMAIL", False),
        ("tokenizerName", False),
        ("NPM_TOKEN", True),
        ("NPMTOKEN", True),  # joined words still end in one
        ("PGPASSWORD", True),
        ("SECRETKEY", True),
        ("API_KEYS", True),
        ("DB_PASSWORD2", True),
    ],
)
def test_secret_names_are_whole_words(name: str, reported: bool) -> None:
    text = (RF_YAML % "x").replace(
        "  BRANCH: main\n", f"  BRANCH: main\n  {name}: q8Zt3Lm0Vx1p-model\n"
    )
    expected = [("NF220", "warning", 5, len(name) + 5)] if reported else []
    assert found(text, "rf.yaml", "NF220") == expected


def test_secret_in_run_on_creation_overrides() -> None:
    text = (
        TEMPLATE
        + "options:\n  runOnCreation: true\n  runOnCreationArgumentOverrides:\n"
        + "    DB_PASSWORD: Zq7vX2pLm9Rt\n    REGION: europe-west1\n"
        + STEPS % "sequential"
        + "      - kind: JobRun\n        spec:\n          jobId: migrate\n"
    )
    assert found(text, "t.yaml", "NF220") == [("NF220", "warning", 7, 18)]
    (finding,) = (d for d in lint_text(text, "t.yaml").diagnostics if d.rule == "NF220")
    assert finding.pointer == "/options/runOnCreationArgumentOverrides/DB_PASSWORD"
    assert finding.hint is not None and "never writes them to Git" in finding.hint
    assert "Zq7vX2pLm9Rt" not in finding.message


@pytest.mark.parametrize("value", ['"${args.BRANCH}"', '"changeme"', '"<password>"', '"short"'])
def test_not_secrets(value: str) -> None:
    text = (RF_JSON % value).replace('"MODE"', '"DB_PASSWORD"')
    assert found(text, "rf.json", "NF220") == []


# -- NF221 argument-value -------------------------------------------------------

REPLICAS = """      - kind: Addon
        spec:
          name: database
          type: postgresql
          version: latest
          billing:
            replicas: ${args.REPLICAS}
"""


def test_substituted_argument_fails_the_field_schema() -> None:
    text = TEMPLATE + "arguments:\n  REPLICAS: two\n" + STEPS % "sequential" + REPLICAS
    assert found(text, "t.yaml", "NF221") == [("NF221", "error", 19, 23)]
    (message,) = messages(text, "t.yaml", "NF221")
    assert message.startswith(
        'the argument "REPLICAS" (line 5) is string "two", which does not fit'
    )
    result = lint_text(text, "t.yaml")
    (finding,) = (d for d in result.diagnostics if d.rule == "NF221")
    assert finding.related[0].span is not None and finding.related[0].span.start.line == 5


@pytest.mark.parametrize("value", ["2", "'2'"])
def test_substituted_argument_that_fits(value: str) -> None:
    text = TEMPLATE + f"arguments:\n  REPLICAS: {value}\n" + STEPS % "sequential" + REPLICAS
    assert found(text, "t.yaml", "NF221") == []


def test_argument_override_wins() -> None:
    text = (
        TEMPLATE
        + "arguments:\n  REPLICAS: 2\nargumentOverrides:\n  REPLICAS: many\n"
        + STEPS % "sequential"
        + REPLICAS
    )
    assert found(text, "t.yaml", "NF221") == [("NF221", "error", 21, 23)]


PIPELINE = """      - kind: BuildService
        ref: builder
        spec:
          name: builder
      - kind: Pipeline
        spec:
          name: release
          stages:
            - name: Development
              releaseFlow:
                kind: ReleaseFlow
                spec:
                  apiVersion: v1.2
                  triggers:
                    - ref: repo
                      vcsService: github
                      repoUrl: https://github.com/acme/api
                  spec:
                    kind: Workflow
                    spec:
                      type: sequential
                      steps:
                        - kind: Build
                          spec:
                            id: %s
                            type: service
                            branch: ${refs.repo.branch}
                            sha: ${refs.other.sha}
"""


def test_pipeline_release_flow_is_its_own_scope() -> None:
    ok = TEMPLATE + STEPS % "sequential" + PIPELINE % "${template.refs.builder.id}"
    # the stage's own trigger resolves; an unknown trigger-like ref may live in
    # Northflank (a warning, release-flow rules apply inside the stage)
    assert found(ok, "t.yaml", "NF205", "NF206", "NF207") == [("NF206", "warning", 38, 41)]
    bad = TEMPLATE + STEPS % "sequential" + PIPELINE % "${refs.builder.id}"
    assert found(bad, "t.yaml", "NF206", "NF207") == [
        ("NF207", "error", 35, 35),
        ("NF206", "warning", 38, 41),
    ]


@pytest.mark.slow
def test_rules_survive_odd_shapes() -> None:
    """Any JSON shape under the Northflank keys: findings, never NF000."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    keys = st.sampled_from(
        [
            "kind", "ref", "spec", "steps", "type", "arguments", "argumentOverrides",
            "triggers", "richInputs", "outputs", "teardownSpec", "nodeRef", "branch",
            "pullRequestId", "id", "context", "projectId", "description", "vcsLinkId",
            "skipNodeExecution", "stages", "releaseFlow", "preview", "runtimeEnvironment",
            "secrets", "variables", "gitops", "filePath", "project",
        ]
    )  # fmt: skip
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from(
            [
                "Workflow", "parallel", "sequential", "WorkflowTemplate", "Pipeline", "Template",
                "ReleaseFlow", "Build", "OpenTofu", "OpenTofuDestroy", "Addon", "Action",
                "${refs.a.id}", "${args.A}", "${template.refs.a.id}", "${fn.eq(1)}", "a", "",
                "service", "ghp_" + "x1" * 18, "${", "${{refs.a.b}}",
            ]
        ),
    )  # fmt: skip
    values = st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=4)
        ),
        max_leaves=25,
    )

    kinds = st.sampled_from(["template", "release-flow", "preview-env", "workflow"])

    @settings(max_examples=60, deadline=None)
    @given(kinds, st.dictionaries(keys, values, max_size=6))
    def check(kind: str, data: dict[str, object]) -> None:
        doc = {"$schema": f"https://api.northflank.com/v1/schemas/{kind}", **data}
        text = json.dumps(doc)
        for path in ("t.json", "t.yaml"):
            result = lint_text(text, path)
            assert [d.message for d in result.diagnostics if d.rule == "NF000"] == []

    check()


def test_substituted_secret_is_never_printed() -> None:
    text = (
        TEMPLATE
        + "arguments:\n  DB_PASSWORD: Zq7vX2pLm9Rt\n"
        + STEPS % "sequential"
        + REPLICAS.replace("REPLICAS", "DB_PASSWORD")
    )
    (message,) = messages(text, "t.yaml", "NF221")
    assert "Zq7v" not in message
    assert message == (
        'the argument "DB_PASSWORD" (line 5) is a secret-looking string, which does not fit '
        "here: the field rejects it (wrong-type)"
    )


# -- where a WorkflowTemplate node's workflow is created ---------------------------

CREATED_WORKFLOW = TEMPLATE + (
    "arguments:\n  PROJECT_ID: web\n  REPO: https://github.com/acme/web\n"
) + STEPS % "sequential" + """      - kind: ReleaseStage
        ref: stage-dev
        spec:
          name: dev
      - kind: WorkflowTemplate
        ref: deploy
        spec:
          apiVersion: v1.2
          name: deploy-web
          projectId: ${args.PROJECT_ID}
          stageId: ${refs.stage-dev.id}
          triggers:
            - kind: vcs-push
              ref: push
              spec:
                vcs: {vcsService: github, repoUrl: "%s"}
          spec:
            kind: Workflow
            spec:
              type: sequential
              steps:
                - kind: JobRun
                  spec:
                    jobId: ${refs.stage-dev.id}
"""


@pytest.mark.parametrize("repo", ["${args.REPO}", "${template.args.REPO}"])
def test_where_a_created_workflow_goes_is_read_in_the_creating_run(repo: str) -> None:
    """``projectId``, ``stageId`` and the triggers of the workflow a
    WorkflowTemplate node creates are resolved by the template run: a plain
    reference to the template's arguments and nodes is not undeclared there
    (and ``template.`` is accepted too). In the workflow's own steps, the
    outer node is still the enclosing document's (NF207, line 37)."""
    text = CREATED_WORKFLOW % repo
    assert found(text, "t.yaml", "NF206", "NF207", "NF210", "NF211", "NF205") == [
        ("NF207", "warning", 37, 30),
    ]


def test_a_nested_dollar_brace_in_function_arguments_is_named_with_the_fix() -> None:
    text = RF_YAML % "\"${fn.if(fn.eq(${args.BRANCH}, 'main'), 'a', 'b')}\""
    (finding,) = [d for d in lint_text(text, "rf.yaml").diagnostics if d.rule == "NF202"]
    column = (RF_YAML % "X").splitlines()[-1].index("X") + 1  # MODE's value
    assert (finding.message, finding.hint) == (
        'a nested "${" in the arguments of fn.eq',
        "inside ${...}, write args.X and refs.x.y without ${}",
    )
    assert finding.span is not None
    assert finding.span.start.column == column + len('"${fn.if(fn.eq(')


def test_a_misspelt_preview_built_in_gets_a_did_you_mean() -> None:
    text = (
        "$schema: https://api.northflank.com/v1/schemas/preview-env\napiVersion: v1.2\n"
        "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps:\n"
        "      - kind: DeploymentService\n        spec:\n          name: web\n"
        "          deployment:\n            instances: 1\n"
        "            external: {imagePath: 'nginx:latest'}\n"
        "          runtimeEnvironment:\n            TAG: ${args.previewID}\n"
    )
    (finding,) = [d for d in lint_text(text, "p.yaml").diagnostics if d.rule == "NF210"]
    assert finding.hint == 'did you mean "previewId"?'


def test_reading_the_enclosing_loop_is_a_doubt() -> None:
    """How an iteration reads its LoopWorkflow's values is not documented
    (spec, open question 25): a warning, not an error."""
    text = (
        TEMPLATE + STEPS % "sequential" + "      - kind: LoopWorkflow\n        ref: per-region\n"
        "        spec:\n          iterations: [{serviceId: eu}]\n          steps:\n"
        "            - kind: JobRun\n              spec:\n"
        "                jobId: ${refs.per-region.serviceId}\n"
    )
    assert [(d.rule, d.severity.label) for d in lint_text(text, "t.yaml").diagnostics
            if d.rule == "NF207"] == [("NF207", "warning")]
