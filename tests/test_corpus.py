"""The corpus (tests/data/corpus/): Northflank's documentation examples, real
files from public repositories and files merely named like Northflank
configs.

- every file lints without an internal error (NF000) or an exception;
- the documentation examples that docs-examples/SOURCES.md does not flag give
  no error, and each slip it notes is reported as exactly the expected finding;
- real-world files: an explicit table of every parse and schema error
  (NF001, NF1xx), checked against real-world/README.md and MANIFEST.tsv (each
  is a genuine mistake by Northflank's reference; none is a schema that is
  too strict), and the document type each file is linted as.

Semantic rules (NF2xx) are their own tests' subject; they appear here only
where a documented slip is theirs (the empty description of f05).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

from nflint.diagnostics import Diagnostic, FileResult, Severity
from nflint.engine import Options, lint_text
from tests.conftest import CORPUS

DOCS = CORPUS / "docs-examples"
REAL = CORPUS / "real-world"
SUFFIXES = (".json", ".yaml", ".yml")
ALL_FILES = sorted(p for p in CORPUS.rglob("*") if p.suffix in SUFFIXES)


def rel(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


@functools.cache
def _lint(path: Path, doc_type: str | None = None) -> FileResult:
    return lint_text(path.read_bytes(), rel(path), Options(doc_type=doc_type))


def found(result: FileResult | list[Diagnostic], *rules: str) -> list[tuple[str, str, int, int]]:
    """(rule, pointer, line, column) of the findings whose id starts with one of ``rules``."""
    diagnostics = result.diagnostics if isinstance(result, FileResult) else result
    return [
        (d.rule, d.pointer, *((d.span.start.line, d.span.start.column) if d.span else (0, 0)))
        for d in diagnostics
        if d.rule.startswith(rules)
    ]


def errors(result: FileResult) -> list[tuple[str, str, int, int]]:
    """Parse and schema errors (NF001, NF1xx)."""
    return found([d for d in result.diagnostics if d.severity is Severity.ERROR], "NF001", "NF1")


def wrap_node(path: Path) -> str:
    """A node fragment as the spec of a document: the fragment's own lines
    move down by one, its columns stay."""
    return '{"apiVersion": "v1.2", "spec":\n' + path.read_text() + "}\n"


def in_fragment(rows: list[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    """Pointers and lines of a wrapped fragment as they are in the fragment."""
    return [(rule, ptr.removeprefix("/spec"), line - 1, col) for rule, ptr, line, col in rows]


# --- every file --------------------------------------------------------------


def test_the_corpus_is_all_here() -> None:
    counts = {d: sum(1 for p in ALL_FILES if rel(p).startswith(d)) for d in
              ("docs-examples/", "real-world/", "not-northflank/")}
    assert counts == {"docs-examples/": 39, "real-world/": 92, "not-northflank/": 55}


@pytest.mark.parametrize("path", ALL_FILES, ids=[rel(p) for p in ALL_FILES])
def test_every_file_lints_without_an_internal_error(path: Path) -> None:
    result = _lint(path)
    assert result.error is None
    assert [d.message for d in result.diagnostics if d.rule == "NF000"] == []


# --- documentation examples --------------------------------------------------

#: SOURCES.md notes nothing wrong with these (04's doc slip feeds a SHA to a
#: branch: both are strings, nothing a schema can see; a04 is a response
#: body, not a document, and is only reported as such)
DOCS_CLEAN = [
    "01-release-flow-build-deployment-parallel.json",
    "02-release-flow-backup-migrate-promote.json",
    "03-release-flow-richinput-branch-commit-selector.json",
    "04-release-flow-richinput-build-selector.json",
    "05-template-payload-await-conditions-restart.json",
    "06-template-payload-settings.json",
    "07-template-functions-build-deploy-apiv1.json",
    "08-template-project-context-workflow.json",
    "10-template-fork-addon-from-backup.json",
    "11-preview-template-two-git-triggers.json",
    "12-preview-template-subdomain-and-path.json",
    "14-template-top-level-skeleton.json",
    "15-template-project-and-context-workflow.json",
    "16-template-payload-addon-combined-service.json",
    "17-template-payload-secret-group.json",
    "api/a01-create-template-request.json",
    "api/a02-update-template-request.json",
    "api/a04-get-release-flow-response.json",
    "api/a05-get-release-flow-run-details-response.json",
    "api/a08-update-preview-template-request.json",
]
DOCS_TYPES = {
    "01": "release-flow", "02": "release-flow", "03": "release-flow", "04": "release-flow",
    "05": "template", "06": "template", "07": "template", "08": "template", "09": "template",
    # no $schema; ${args.previewId} (the preview built-in) makes them guessed previews
    "10": "preview-template", "11": "preview-template", "12": "preview-template",
    "13": "template", "14": "template", "15": "template", "16": "template", "17": "template",
    "a00": "release-flow-run", "a01": "template", "a02": "template", "a05": "release-flow-run",
    "a08": "preview-template",
}


@pytest.mark.parametrize("name", DOCS_CLEAN)
def test_unflagged_docs_examples_give_no_error(name: str) -> None:
    result = _lint(DOCS / name)
    assert [d.message for d in result.diagnostics if d.severity is Severity.ERROR] == []


def test_docs_examples_are_linted_as_their_type() -> None:
    names = {p.name.split("-")[0]: p for p in [*DOCS.glob("*.json"), *DOCS.glob("api/*.json")]}
    detected = {key: _lint(path).types for key, path in names.items()}
    expected = {key: (DOCS_TYPES[key],) if key in DOCS_TYPES else (None,) for key in names}
    assert detected == expected  # a03, a04, a06, a07 have no spec: not documents


# (file, type forced (None: detected), expected findings: (rule, pointer, line, column)),
# every parse and schema finding of the file
DOC_SLIPS: list[tuple[str, str | None, list[tuple[str, str, int, int]]]] = [
    # "no apiVersion/name (partial document)"
    ("09-template-opentofu-with-teardown.json", None, [("NF101", "", 1, 1)]),
    # "placeholders like "<PROJECT_ID>" inside strings": a project name
    ("13-template-rds-s3-import.json", None, [("NF105", "/spec/spec/steps/0/spec/name", 12, 21)]),
    # seed run response: "gitops lacks required filePath"
    ("api/a00-seed-release-flow-run-details-response.json", None,
     [("NF101", "/data/gitops", 21, 1)]),
    # "NO apiVersion and NO spec ...; richInputs spec lacks required title"
    ("api/a03-update-release-flow-request.json", "release-flow",
     [("NF101", "", 1, 1), ("NF101", "", 1, 1), ("NF101", "/richInputs/0/spec", 29, 7)]),
    # create-workflow request: no apiVersion, name, spec; a rich input without
    # title; crossProjectAccess without enabled/isAllowList; a trigger without kind
    ("api/a06-create-workflow-request.json", "workflow", [
        ("NF101", "", 1, 1), ("NF101", "", 1, 1), ("NF101", "", 1, 1),
        ("NF101", "/richInputs/0/spec", 12, 7),
        ("NF101", "/crossProjectAccess", 28, 3), ("NF101", "/crossProjectAccess", 28, 3),
        ("NF101", "/triggers/0", 34, 5),
    ]),
    ("api/a07-create-preview-blueprint-request.json", "preview-blueprint", [
        ("NF101", "", 1, 1), ("NF101", "", 1, 1), ("NF101", "", 1, 1),
        ("NF101", "/triggers/0", 14, 5),
    ]),
    # a teardown-only fragment: the document around it is missing, and the
    # teardown root has steps but no kind ("steps placed directly under spec")
    ("fragments/f07-teardown-reference-setup-refs.json", "template",
     [("NF101", "", 1, 1), ("NF101", "", 1, 1), ("NF101", "/teardownSpec/spec", 3, 5)]),
]


@pytest.mark.parametrize(("name", "doc_type", "expected"), DOC_SLIPS, ids=[s[0] for s in DOC_SLIPS])
def test_docs_slip_is_reported_as_expected(
    name: str, doc_type: str | None, expected: list[tuple[str, str, int, int]]
) -> None:
    result = _lint(DOCS / name, doc_type)
    assert found(result, "NF001", "NF1") == expected
    missing = [d.message for d in result.diagnostics if d.rule == "NF101"]
    assert all(m.startswith("missing required key") for m in missing)


def test_api_examples_name_the_keys_they_lack() -> None:
    def missing(name: str, doc_type: str) -> list[str]:
        result = _lint(DOCS / "api" / name, doc_type)
        return [d.message.split('"')[1] for d in result.diagnostics if d.rule == "NF101"]

    assert missing("a03-update-release-flow-request.json", "release-flow") == [
        "apiVersion", "spec", "title"]
    assert missing("a06-create-workflow-request.json", "workflow") == [
        "apiVersion", "name", "spec", "title", "enabled", "isAllowList", "kind"]
    assert missing("a07-create-preview-blueprint-request.json", "preview-blueprint") == [
        "apiVersion", "name", "spec", "kind"]
    assert missing("a00-seed-release-flow-run-details-response.json", "release-flow-run") == [
        "filePath"]


# node fragments, linted as the spec of a document: (fragment, findings as
# (rule, pointer in the fragment, line, column in the fragment), rule ids compared)
FRAGMENTS: list[tuple[str, list[tuple[str, str, int, int]], tuple[str, ...]]] = [
    # '"<build service>" placeholder id'
    ("f01-node-buildsource.json", [("NF105", "/spec/id", 6, 11)], ("NF0", "NF1")),
    # "spec.type and spec.internal at node-spec top level" (deployment.internal)
    ("f02-node-deploymentservice-cross-project-build.json",
     [("NF102", "/spec/type", 4, 5), ("NF102", "/spec/internal", 5, 5)], ("NF0", "NF1")),
    ("f03-node-externaladdon-s3.json", [], ("NF0", "NF1")),
    ("f04-node-secretgroup-external-addon-deps.json", [], ("NF0", "NF1")),
    # 'description "" (empty)': accepted by the schema, reported by NF218
    ("f05-node-egressip.json", [("NF218", "/spec/description", 5, 20)], ("NF0", "NF1", "NF218")),
    # 'port given as string "80"': LoadBalancer ports[].port IS a string (spec c.3)
    ("f06-node-loadbalancer.json", [], ("NF0", "NF1")),
    # 'kind "workflow" lower-case'
    ("f08-workflow-skip-node-execution.json", [("NF108", "/kind", 2, 13)], ("NF0", "NF1")),
]


@pytest.mark.parametrize(("name", "expected", "rules"), FRAGMENTS, ids=[f[0] for f in FRAGMENTS])
def test_fragment_slip_is_reported_as_expected(
    name: str, expected: list[tuple[str, str, int, int]], rules: tuple[str, ...]
) -> None:
    result = lint_text(wrap_node(DOCS / "fragments" / name), name)
    rows = [r for r in found(result, *rules) if r[0] != "NF006"]
    assert in_fragment(rows) == expected
    # misplaced keys are warnings and an empty description an info: Northflank runs them
    assert all(d.severity is Severity.WARNING for d in result.diagnostics if d.rule == "NF102")
    assert all(d.severity is Severity.INFO for d in result.diagnostics if d.rule == "NF218")


def test_misspelt_kinds_of_the_docs_name_the_right_one() -> None:
    f08 = lint_text(wrap_node(DOCS / "fragments" / "f08-workflow-skip-node-execution.json"), "f08")
    (kind,) = [d for d in f08.diagnostics if d.rule == "NF108"]
    assert (kind.message, kind.hint) == ('unknown node kind "workflow"', 'did you mean "Workflow"?')
    # f07 with the Workflow envelope its teardown evidently meant: then the
    # "RunJob" step is reached, and named for what it is
    doc: dict[str, Any] = json.loads((DOCS / "fragments" / "f07-teardown-reference-setup-refs.json")
                                     .read_text())
    teardown = doc["teardownSpec"]["spec"]
    doc = {"apiVersion": "v1.2", "spec": {},
           "teardownSpec": {"spec": {"kind": "Workflow", "spec": {"type": "sequential",
                                                                  **teardown}}}}
    text = json.dumps(doc, indent=2)
    result = lint_text(text, "f07-fixed.json", Options(doc_type="template"))
    line = text.splitlines().index('            "kind": "RunJob",') + 1
    assert found(result, "NF1") == [("NF108", "/teardownSpec/spec/spec/steps/0/kind", line, 21)]
    (run_job,) = [d for d in result.diagnostics if d.rule == "NF108"]
    assert run_job.hint == 'did you mean "JobRun"?'


BROKEN = sorted((DOCS / "broken").glob("*.json")) + sorted(REAL.glob("*invalid0[12].json"))


#: a missing comma is reported where the comma belongs (right after the
#: value before it), not where `json` stopped (the next key)
MISSING_COMMA = {
    "b01-template-gitops-multi-source-MISSING-COMMA.json": (10, 25),
    "b04-node-secretinheritance-MISSING-COMMA.json": (6, 21),
    "northflank__skills__infrastructure-as-code__invalid01.json": (10, 25),
}


@pytest.mark.parametrize("path", BROKEN, ids=[p.name for p in BROKEN])
def test_broken_json_is_reported_where_the_json_error_is(path: Path) -> None:
    try:
        json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        where = (exc.lineno, exc.colno)
    else:
        pytest.fail(f"{path.name} parses")
    result = _lint(path)
    if path.name in MISSING_COMMA:
        where = MISSING_COMMA[path.name]
        assert [d.message for d in result.diagnostics] == [
            "invalid JSON: a ',' is missing after this value"
        ]
    assert found(result, "") == [("NF001", "", *where)]
    assert result.types == ()


# --- real-world files --------------------------------------------------------

REAL_FILES = sorted(p for p in REAL.iterdir() if p.suffix in SUFFIXES)

#: every parse and schema error (NF001, NF1xx) of the real-world files, as
#: (rule, pointer, line); each was checked against README.md / MANIFEST.tsv
#: and Northflank's reference (tests/data/node-outlines)
REAL_ERRORS: dict[str, list[tuple[str, str, int]]] = {
    # "root Workflow whose spec is another {kind: Workflow, spec: ...} node"
    "CV-Factory__CVFactoryForLocal__northflank.json": [("NF101", "/spec/spec", 5)],
    # dockerFilePath "Dockerfile": the reference's pattern needs a leading /
    "CV-Factory__Frontend__northflank.json": [
        ("NF105", "/spec/spec/steps/1/spec/steps/1/spec/buildSettings/dockerfile/dockerFilePath",
         54),
        ("NF105", "/spec/spec/steps/1/spec/steps/2/spec/buildSettings/dockerfile/dockerFilePath",
         104),
    ],
    # "AI-hallucinated: unknown kind DeployService"; its Build has no type (required)
    "ContriXLimited__dolly-vibe-backend__northflank.json": [
        ("NF101", "/spec/spec/steps/0/spec", 11),
        ("NF108", "/spec/spec/steps/1/kind", 27),
    ],
    # a Volume whose spec.spec has no accessMode (required by the reference)
    "FAJU85__fa_claw__northflank-template.json": [
        ("NF101", "/spec/spec/steps/1/spec/steps/2/spec/spec", 116),
    ],
    # "root kind "Spec""
    "Fashionistars__fashionistar_backend__deploy__northflank__northflank.json": [
        ("NF108", "/spec/kind", 5),
    ],
    # buildpack builder "heroku/builder:24": the reference has an enum (HEROKU_24, ...)
    "LOBEG__redirector__northflank.json": [
        ("NF104", "/spec/spec/steps/0/spec/buildSettings/buildpack/builder", 23),
    ],
    # a webhook trigger without its token (the reference requires it)
    "Elias-Costa__caixa-simples__northflank.json": [
        ("NF101", "/spec/spec/steps/1/spec/steps/7/spec/triggers/0/spec", 420),
    ],
    # descriptions of 302 and 253 characters: the reference's limit is 200
    "danielzoukui__learnforge-commercial__deploy__northflank.json": [("NF106", "/description", 5)],
    "ivanmanko__recipe-qa-svc__northflank-template.json": [("NF106", "/description", 4)],
    # "non-ASCII template name" (RX-NAME is ASCII letters and digits)
    "VeyselCerav__uavsmaintanence__northflank-template.json": [("NF105", "/name", 3)],
    # "HackTheAI - Asterion Protocol": words are joined by ONE space or hyphen
    "ak91hu__PromptQuest__northflank.json": [("NF105", "/name", 4)],
    # "Preview — Client" (an em dash in the name); the look-alike $schema
    # ".../schemas/v1/template" declares a template, and BuildSource is a
    # preview node (NF109 says so; NF008 names the URL)
    "ewdurbin__toy-app__northflank__preview__client.json": [
        ("NF105", "/name", 4), ("NF109", "/spec/spec/steps/0/kind", 30),
    ],
    "ewdurbin__toy-app__northflank__preview__secrets.json": [("NF105", "/name", 4)],
    # health-check types "liveness"/"readiness": the reference has livenessProbe,
    # readinessProbe and startupProbe only (this hand-written file is the only
    # source of the short forms; schemas/README.md)
    "ewdurbin__toy-app__northflank__preview__server.json": [
        ("NF105", "/name", 4), ("NF109", "/spec/spec/steps/0/kind", 26),
        ("NF104", "/spec/spec/steps/1/spec/healthChecks/0/type", 75),
        ("NF104", "/spec/spec/steps/1/spec/healthChecks/1/type", 84),
    ],
    "ewdurbin__toy-app__northflank__prod__client.json": [("NF105", "/name", 4)],
    "ewdurbin__toy-app__northflank__prod__project.json": [("NF105", "/name", 4)],
    "ewdurbin__toy-app__northflank__prod__secrets.json": [("NF105", "/name", 4)],
    # "step without kind"
    "hidarameen__v0-telegram-bot-for-youtube__northflank.json": [
        ("NF101", "/spec/spec/steps/0", 8),
    ],
    # "Workflow type "build", steps with name/type"
    "hidarfaqeeh__v0-telegram-user__northflank.json": [
        ("NF104", "/spec/spec/type", 6),
        ("NF101", "/spec/spec/steps/0", 12),
        ("NF101", "/spec/spec/steps/1", 32),
    ],
    # tailscale authKeyTags must be "tag:..."; port names are 1-8 characters
    "hoopstreet__one-commander__northflank.json": [
        ("NF105", "/spec/spec/steps/0/spec/networking/tailscale/authKeyTags/0", 18),
        ("NF105", "/spec/spec/steps/0/spec/networking/tailscale/authKeyTags/1", 18),
        ("NF106", "/spec/spec/steps/1/spec/steps/1/spec/ports/0/name", 143),
        ("NF106", "/spec/spec/steps/1/spec/steps/1/spec/ports/1/name", 160),
    ],
    # "YAML stored in a .json file" (NF001, then linted as the YAML it is);
    # port name "http-port" is 9 characters
    "jjbb013__Backend4vChatGymBot__northflank.json": [
        ("NF001", "", 1),
        ("NF106", "/spec/spec/steps/1/spec/steps/1/spec/ports/0/name", 58),
    ],
    # "Workflow type "deployment""
    "klogins-hash__magentic-groq-ui__northflank.json": [("NF104", "/spec/spec/type", 6)],
    # "Workflow type "Deployment", steps with name + nested spec.kind"
    "klogins-hash__suna__northflank.json": [
        ("NF104", "/spec/spec/type", 6),
        ("NF101", "/spec/spec/steps/0", 12),
        ("NF101", "/spec/spec/steps/1", 26),
        ("NF101", "/spec/spec/steps/2", 65),
        ("NF101", "/spec/spec/steps/3", 97),
    ],
    # "no apiVersion; root kind Job with apiVersion inside spec"
    "muhammedehab35__CodeRefactor-Gym__northflank.json": [
        ("NF101", "", 1), ("NF101", "/spec", 4),
    ],
    # "snippet: Workflow with OpenTofu node, no apiVersion"
    "northflank__skills__infrastructure-as-code__ex01.json": [("NF101", "", 1)],
    # "INVALID JSON" (missing comma; "..." placeholder)
    # (the comma belongs at the end of line 10: reported there)
    "northflank__skills__infrastructure-as-code__invalid01.json": [("NF001", "", 10)],
    "northflank__skills__infrastructure-as-code__invalid02.json": [("NF001", "", 29)],
    # healthChecks type "http" (type is the probe: livenessProbe, readinessProbe...)
    "pdevito3__NorthflankWeather__.northflank__template.json": [
        ("NF104", "/spec/spec/steps/1/spec/steps/2/spec/healthChecks/0/type", 142),
        ("NF104", "/spec/spec/steps/1/spec/steps/3/spec/healthChecks/0/type", 207),
    ],
    # 'unknown node kind "Deployment"'; a Build without type
    "tradepulse252__trade-pulse__.northflank__template.json": [
        ("NF101", "/spec/spec/steps/1/spec/steps/3/spec", 172),
        ("NF108", "/spec/spec/steps/1/spec/steps/4/kind", 178),
    ],
}


def _manifest() -> dict[str, str]:
    """file -> category (the note's first word: template, release-flow...)."""
    rows = (REAL / "MANIFEST.tsv").read_text().splitlines()[1:]
    return {r.split("\t")[0]: r.split("\t")[7].split(";")[0] for r in rows if r.strip()}


#: where the type nflint picks differs from MANIFEST.tsv's category, and why
TYPE_EXCEPTIONS: dict[str, tuple[str | None, ...]] = {
    # AI look-alikes without apiVersion and with keys no Northflank document
    # has (environments, region): reported as not Northflank documents (NF004)
    "AKIVA-AI__enterprise-ai-crypto__northflank.json": (None,),
    "khiwniti__thailand-tree-bank__northflank.json": (None,),
    # "$schema": ".../v1/schemas/template" wins over the preview-looking content
    "ewdurbin__toy-app__northflank__preview.json": ("template",),
    # the look-alike "$schema": "https://northflank.com/schemas/v1/template"
    # declares a template (reported as NF008), whatever the content looks like
    "ewdurbin__toy-app__northflank__preview__client.json": ("template",),
    "ewdurbin__toy-app__northflank__preview__server.json": ("template",),
    "ewdurbin__toy-app__northflank__preview__secrets.json": ("template",),
    # Subdomain/SubdomainPath/DeploymentService nodes and ${args.previewId}:
    # a guessed preview template (it is the docs' preview example)
    "northflank__skills__release__ex03.json": ("preview-template",),
    # not JSON at all: no document
    "northflank__skills__infrastructure-as-code__invalid01.json": (),
    "northflank__skills__infrastructure-as-code__invalid02.json": (),
}


def test_real_world_error_table_names_real_files() -> None:
    assert set(REAL_ERRORS) <= {p.name for p in REAL_FILES}
    assert set(TYPE_EXCEPTIONS) <= {p.name for p in REAL_FILES}
    assert set(_manifest()) == {p.name for p in REAL_FILES}


@pytest.mark.parametrize("path", REAL_FILES, ids=[p.name for p in REAL_FILES])
def test_real_world_errors_are_exactly_the_known_ones(path: Path) -> None:
    result = _lint(path)
    assert [(r, p, line) for r, p, line, _ in errors(result)] == REAL_ERRORS.get(path.name, [])


@pytest.mark.parametrize("path", REAL_FILES, ids=[p.name for p in REAL_FILES])
def test_real_world_file_is_linted_as_its_type(path: Path) -> None:
    category = _manifest()[path.name].removeprefix("doc-example (").removesuffix(")")
    expected = TYPE_EXCEPTIONS.get(path.name, (category,))
    assert _lint(path).types == expected
