"""The semantic rules on real documents: Northflank's own examples and files
from public repositories (tests/data/corpus). No internal error anywhere, and
no error from the semantic rules except where the file really is wrong; each
expected error is listed here with the reason."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from nflint.diagnostics import Severity
from nflint.engine import lint_file

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
FILES = sorted(
    [
        *CORPUS.glob("docs-examples/*.json"),
        *CORPUS.glob("docs-examples/fragments/*.json"),
        *CORPUS.glob("docs-examples/api/*.json"),
        *CORPUS.glob("real-world/*.json"),
    ]
)

#: file -> {rule: count} of errors the semantic rules must report, and why
EXPECTED: dict[str, tuple[dict[str, int], str]] = {
    "creativecommons__northflank-learning__public-wiki__northflank.json": (
        {"NF202": 1},
        "README: unterminated ${ expression ${secrets.prod-public-wiki.values.mw-admin-pass",
    ),
    "09015218227__X4G__northflank.json": (
        {"NF207": 1},
        "README: a sub-Workflow reads ${refs.project.id} before the Project node runs",
    ),
    "dmarcguardhq__dmarcguard__Northflank.json": (
        {"NF207": 1},
        "README: the Volume reads ${refs.parse-dmarc.id} before the DeploymentService runs",
    ),
    "freddymu__noteline-deploy__northflank__template.json": (
        {"NF206": 1},
        "README: ${refs.noteline-db.envs.POSTGRES_URI} but no node declares a ref",
    ),
    "creativecommons__northflank-learning__northflank.json": (
        {"NF207": 2},
        "same forward-reference mistake as the README's dmarcguard/X4G files (not in the "
        "README): the SecretGroup reads ${refs.database.id} before the Addon and the Volume "
        "reads ${refs.public-wiki.id} before the CombinedService, in one sequential workflow",
    ),
    "tradepulse252__trade-pulse__.northflank__template.json": (
        {"NF207": 2},
        "same forward-reference mistake (not in the README): the SecretGroup reads "
        "${refs.buildService.id} and ${refs.deploymentService.id} before those nodes run",
    ),
    "firenord__northflank-demo__northflank.json": (
        {"NF213": 1},
        "a $schema-declared v1.2 team template (no top-level project) whose CombinedService "
        "has no projectId and no context Workflow: the run fails (spec c.2)",
    ),
    "ewdurbin__toy-app__northflank__preview.json": (
        {"NF213": 4},
        "its $schema declares a team template, linted as such: four project resources with "
        "no project context (MANIFEST files it as a preview template; as a preview, with "
        "--type preview-template, there is no error)",
    ),
}


def semantic_errors(path: Path) -> Counter[str]:
    result = lint_file(str(path))
    assert result.error is None
    internal = [d.message for d in result.diagnostics if d.rule == "NF000"]
    assert internal == [], internal
    return Counter(
        d.rule
        for d in result.diagnostics
        if d.rule >= "NF202" and d.rule < "NF300" and d.severity is Severity.ERROR
    )


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_false_errors(path: Path) -> None:
    expected, _reason = EXPECTED.get(path.name, ({}, ""))
    assert dict(semantic_errors(path)) == expected


def test_expectations_name_existing_files() -> None:
    names = {p.name for p in FILES}
    assert set(EXPECTED) <= names


def test_preview_linted_as_a_preview_has_no_project_context_error() -> None:
    from nflint.engine import Options

    path = CORPUS / "real-world" / "ewdurbin__toy-app__northflank__preview.json"
    result = lint_file(str(path), Options(doc_type="preview-template"))
    assert [d for d in result.diagnostics if d.rule == "NF213"] == []
