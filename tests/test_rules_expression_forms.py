"""NF222 (undocumented expression syntax), NF223 (ref output paths) and
NF224 (secret paths): exact rule, severity, line and column, in JSON and
YAML, and the forms each leaves alone."""

from __future__ import annotations

import pytest

from nflint.engine import lint_text

# A release flow: a legacy trigger "git", a Build node "build", then a JobRun
# whose MODE value starts at line 14, column 19 in JSON (its opening quote)
# and at line 25, column 19 in YAML.
RF_JSON = """{
  "$schema": "https://api.northflank.com/v1/schemas/release-flow",
  "apiVersion": "v1.2",
  "arguments": {"BRANCH": "main"},
  "triggers": [{"ref": "git", "vcsService": "github", "repoUrl": "https://github.com/acme/api"}],
  "spec": {
    "kind": "Workflow",
    "spec": {
      "type": "sequential",
      "steps": [
        {"kind": "Build", "ref": "build",
         "spec": {"id": "api", "type": "service", "branch": "main"}},
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
triggers:
  - ref: git
    vcsService: github
    repoUrl: https://github.com/acme/api
spec:
  kind: Workflow
  spec:
    type: sequential
    steps:
      - kind: Build
        ref: build
        spec:
          id: api
          type: service
          branch: main
      - kind: JobRun
        spec:
          jobId: migrate
          runtimeEnvironment:
            MODE:
                  %s
"""
#: where MODE's value starts (line, column of its first character as written)
START = {"json": (14, 19), "yaml": (25, 19)}
POINTER = "/spec/spec/steps/1/spec/runtimeEnvironment/MODE"
RULES = ("NF202", "NF222", "NF223", "NF224")


def lint(fmt: str, value: str) -> list[tuple[str, str, str, int, int, str | None]]:
    """(rule, severity, pointer, line, column, hint) of the expression findings
    for a MODE value written as ``value`` (a double-quoted string)."""
    text = (RF_JSON if fmt == "json" else RF_YAML) % value
    result = lint_text(text, f"rf.{fmt}")
    return [
        (d.rule, d.severity.label, d.pointer, d.span.start.line, d.span.start.column, d.hint)
        for d in result.diagnostics
        if d.rule in RULES and d.span is not None
    ]


def at(fmt: str, offset: int) -> tuple[int, int]:
    """The position of character ``offset`` of the decoded value (the value
    is written in double quotes without escapes: one column per character
    after the opening quote)."""
    line, column = START[fmt]
    return line, column + 1 + offset


FORMATS = ["json", "yaml"]

# -- NF222 undocumented-expression-syntax ------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("expression", "offset"),
    [
        ("${fn.filter(args.BRANCH, (t) => t.on)}", 25),
        ("${fn.map(args.BRANCH, t => t.name)}", 22),
        ("${fn.find(args.BRANCH, (t, i) => fn.eq(t.name, 'main'))}", 23),
        ("${fn.some(args.BRANCH, () => true)}", 23),
        ("${fn.every(args.BRANCH, (item) => item)}", 24),
    ],
)
def test_lambda_argument_is_an_undocumented_warning(fmt: str, expression: str, offset: int) -> None:
    (finding,) = lint(fmt, f'"{expression}"')
    assert finding[:5] == ("NF222", "warning", POINTER, *at(fmt, offset))


@pytest.mark.parametrize("fmt", FORMATS)
def test_doubled_quote_inside_a_literal_is_an_undocumented_warning(fmt: str) -> None:
    text = (RF_JSON if fmt == "json" else RF_YAML) % "\"${fn.eq(args.BRANCH, 'it''s')}\""
    result = lint_text(text, f"rf.{fmt}")
    found = [(d.rule, d.severity.label, d.message) for d in result.diagnostics if d.rule in RULES]
    assert found == [
        ("NF222", "warning", "a doubled quote \"''\" inside a literal is not documented by "
                             "Northflank"),
    ]
    assert lint(fmt, "\"${fn.eq(args.BRANCH, 'it''s')}\"")[0][3:5] == at(fmt, 24)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("expression", "offset"),
    [
        # a lambda where the function takes none, an empty body, a stray `=`
        ("${fn.if(args.BRANCH, (t) => t, 1)}", 21),
        ("${fn.filter(args.BRANCH, (t) => )}", 32),
        ("${fn.eq(args.BRANCH = 'main')}", 20),
    ],
)
def test_real_syntax_errors_stay_errors(fmt: str, expression: str, offset: int) -> None:
    (finding,) = lint(fmt, f'"{expression}"')
    assert finding[:5] == ("NF202", "error", POINTER, *at(fmt, offset))


def test_lambda_parameters_are_not_unknown_roots() -> None:
    text = RF_YAML % '"${fn.filter(args.BRANCH, (t) => fn.eq(t.name, other.name))}"'
    result = lint_text(text, "rf.yaml")
    # `t` is the parameter; `other` is still an invented root (NF205)
    assert [(d.rule, d.message) for d in result.diagnostics if d.rule == "NF205"] == [
        ("NF205", 'unknown expression root "other" in "other.name"; Northflank does not '
                  "resolve it"),
    ]


# -- NF223 unknown-ref-output, NF224 secret-path ------------------------------


#: (rule, expression, offset of the segment reported, hint): NF223 and NF224
#: report an undocumented path as a warning at its first unknown segment
UNDOCUMENTED_PATHS = [
    ("NF223", "${refs.build.brnch}", 13,
     'did you mean "branch"? (documented: id, branch, sha, nfObjectId)'),
    ("NF223", "${refs.build.id.value}", 16,
     "nothing is documented below this point (documented: id, branch, sha, nfObjectId)"),
    ("NF223", "${refs.git.commit}", 11, "documented: branch, sha, pullRequestId, repoUrl"),
    ("NF223", "${refs.git.bramch}", 11,
     'did you mean "branch"? (documented: branch, sha, pullRequestId, repoUrl)'),
    ("NF224", "${secrets.payments.API_KEY}", 19,
     "write ${secrets.payments.values.API_KEY} (or .files.<file>.path for a secret file)"),
    ("NF224", "${secrets.payments.value.API_KEY}", 19, 'did you mean "values"?'),
    ("NF224", "${{secrets.payments.API_KEY}}", 20,
     "write ${{secrets.payments.values.API_KEY}} (or .files.<file>.path for a secret file)"),
]
#: the documented paths both rules leave alone
DOCUMENTED_PATHS = [
    "${refs.build.id}",
    "${refs.build.branch}-${refs.build.sha}",
    "${refs.git.pullRequestId}",
    "${refs.build}",
    "${refs.build.data.anything}",  # the `.data.` question is open: not checked
    "${secrets.payments.values.API_KEY}",
    "${{secrets.payments.values.API_KEY}}",
    "${secrets.payments.files.cert.path}",
    "${secrets.payments}",
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("rule", "expression", "offset", "hint"), UNDOCUMENTED_PATHS)
def test_an_undocumented_path_is_a_warning_at_its_segment(
    fmt: str, rule: str, expression: str, offset: int, hint: str
) -> None:
    assert lint(fmt, f'"{expression}"') == [(rule, "warning", POINTER, *at(fmt, offset), hint)]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("expression", DOCUMENTED_PATHS)
def test_documented_paths_pass(fmt: str, expression: str) -> None:
    assert lint(fmt, f'"{expression}"') == []


def test_message_names_the_node_and_the_segment() -> None:
    text = RF_JSON % '"${refs.build.brnch}"'
    (finding,) = [d for d in lint_text(text, "rf.json").diagnostics if d.rule == "NF223"]
    assert finding.message == 'the Build node "build" has no documented output "brnch"'


SERVICES = """$schema: https://api.northflank.com/v1/schemas/template
apiVersion: v1.2
name: demo
spec:
  kind: Workflow
  spec:
    type: sequential
    context:
      projectId: demo
    steps:
      - kind: DeploymentService
        ref: api
        spec:
          name: api
      - kind: Job
        ref: job
        spec:
          name: job
      - kind: OpenTofu
        ref: tofu
        spec:
          stateKey: state
      - kind: SecretInheritance
        ref: merged
        spec:
          secrets: [shared]
      - kind: JobRun
        spec:
          jobId: migrate
          runtimeEnvironment:
            MODE: "%s"
"""
# MODE's `$` is line 31, column 20; the columns below count from it


@pytest.mark.parametrize(
    ("expression", "column", "message"),
    [
        ("${refs.api.ports.0.host}", 39,
         'the DeploymentService node "api" has no documented output "host" under "ports.0"'),
        ("${refs.api.ports.first.dns}", 37,
         'the DeploymentService node "api" has no documented output "first" under "ports"'),
        ("${refs.tofu.outputs.bucket}", None, None),
        ("${refs.tofu.output.bucket.value}", 32,
         'the OpenTofu node "tofu" has no documented output "output"'),
        ("${refs.merged.values.API_KEY.nested}", None, None),
        ("${refs.api.ports.0.dns}", None, None),
        # listed in the API reference's response.data, not in the docs' examples
        ("${refs.api.name}", None, None),
        ("${refs.api.ports.0.internalPort}", None, None),
        # a kind whose outputs are not documented is not checked
        ("${refs.job.anything.at.all}", None, None),
    ],
)
def test_outputs_of_other_kinds(expression: str, column: int | None, message: str | None) -> None:
    text = SERVICES % expression
    found = [
        (d.severity.label, d.span.start.line if d.span else 0,
         d.span.start.column if d.span else 0, d.message)
        for d in lint_text(text, "t.yaml").diagnostics if d.rule == "NF223"
    ]
    assert found == ([] if message is None else [("warning", 31, column, message)])


def test_nested_template_prefix_reads_the_outer_document() -> None:
    # `${template.refs.x.y}` inside a Pipeline's release flow is checked
    # against the outer document's node `build`
    text = """$schema: https://api.northflank.com/v1/schemas/template
apiVersion: v1.2
name: demo
spec:
  kind: Workflow
  spec:
    type: sequential
    steps:
      - kind: Project
        ref: build
        spec:
          name: demo
      - kind: Pipeline
        spec:
          name: demo
          projectId: ${refs.build.id}
          stages:
            - name: Development
              releaseFlow:
                kind: ReleaseFlow
                spec:
                  apiVersion: v1.2
                  spec:
                    kind: Workflow
                    spec:
                      type: sequential
                      steps:
                        - kind: Release
                          spec:
                            type: deployment
                            origin:
                              id: ${template.refs.build.slug}
                              type: service
"""
    found = [(d.rule, d.span.start.line, d.span.start.column, d.message)
             for d in lint_text(text, "t.yaml").diagnostics if d.rule == "NF223" and d.span]
    assert found == [("NF223", 32, 57, 'the Project node "build" has no documented output "slug"')]
