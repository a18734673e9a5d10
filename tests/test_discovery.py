"""Discovery: `nflint check` with no path (or a directory) finds exactly the
Northflank documents among the other JSON and YAML of a repository."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from nflint.cli import main
from nflint.config.files import Config
from nflint.discovery import Target, describe, looks_northflank, may_be_northflank, targets
from nflint.runner import lint_target
from tests.conftest import CORPUS, ROOT

GOOD = ROOT / "examples" / "release-flow.json"
BAD = ROOT / "examples" / "invalid" / "release-flow-mistakes.yaml"
NOT_NF = CORPUS / "not-northflank"
NEEDS_GIT = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

WORKFLOW = """name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pytest
"""
COMPOSE = """services:
  web:
    image: nginx
    ports: ["80:80"]
"""
K8S = """apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  template:
    spec:
      containers: [{name: web, image: nginx}]
"""
PREVIEW_YAML = """apiVersion: v1.2
spec:
  kind: Workflow
  spec:
    type: sequential
    steps:
      - kind: BuildSource
        spec: {}
"""


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_repo(root: Path) -> None:
    """Northflank documents among package.json, workflows, compose files,
    Kubernetes manifests and a file named like Northflank's that is not."""
    write(root, "northflank.json", GOOD.read_text())
    write(root, "deploy/release.yaml", BAD.read_text())
    write(root, ".northflank/preview.yaml", PREVIEW_YAML)
    write(root, "package.json", json.dumps({"name": "app", "scripts": {"spec": "jest"}}))
    write(root, "package-lock.json", json.dumps({"name": "app", "lockfileVersion": 3}))
    write(root, "tsconfig.json", '{"compilerOptions": {"strict": true}}')
    write(root, ".github/workflows/ci.yml", WORKFLOW)
    write(root, "docker-compose.yml", COMPOSE)
    write(root, "k8s/deployment.yaml", K8S)
    write(
        root,
        "svc/northflank.json",
        (NOT_NF / "OrgHide__openbox__deploy__northflank.json").read_text(),
    )
    write(
        root,
        "docs/northflank.yaml",
        (NOT_NF / "tradepulse252__trade-pulse__northflank.yaml").read_text(),
    )
    write(root, "broken.json", '{"a": ')
    write(root, "ignored/northflank.json", GOOD.read_text())
    write(root, ".gitignore", "ignored/\n")
    write(root, "README.md", "# app\n")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    make_repo(root)
    git(root, "init", "-q")
    git(root, "add", "northflank.json", "package.json", ".github", "svc", ".gitignore")
    write(root, "untracked-release-flow.json", GOOD.read_text())  # would be tracked
    monkeypatch.chdir(root)
    return root


def linted_paths(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, [f["path"] for f in json.loads(result.output)["files"]]


EXPECTED = [
    ".northflank/preview.yaml",
    "deploy/release.yaml",
    "northflank.json",
    "untracked-release-flow.json",
]


@NEEDS_GIT
def test_check_without_paths_finds_exactly_the_northflank_documents(repo: Path) -> None:
    code, paths = linted_paths()
    assert paths == EXPECTED
    assert code == 1  # deploy/release.yaml has errors


@NEEDS_GIT
def test_from_a_subdirectory_the_whole_repository_is_linted(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "deploy")
    _, paths = linted_paths()
    assert paths == [
        "../.northflank/preview.yaml",
        "../northflank.json",
        "../untracked-release-flow.json",
        "release.yaml",
    ]


@NEEDS_GIT
def test_check_a_directory(repo: Path) -> None:
    _, paths = linted_paths("deploy", ".northflank")
    assert paths == ["deploy/release.yaml", ".northflank/preview.yaml"]


@NEEDS_GIT
def test_named_files_are_always_linted(repo: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", "--isolated", "package.json", "svc/northflank.json"]
    )
    assert result.exit_code == 0
    assert "package.json:1:1: warning[NF004] not a Northflank document" in result.output
    assert "svc/northflank.json:1:1: warning[NF004]" in result.output


@NEEDS_GIT
def test_list_files_says_type_and_why(repo: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--isolated", "--list-files"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        ".northflank/preview.yaml: preview-template (preview nodes or options)",
        "deploy/release.yaml: release-flow ($schema https://api.northflank.com/v1/schemas/release-flow)",
        "northflank.json: release-flow ($schema https://api.northflank.com/v1/schemas/release-flow)",
        "untracked-release-flow.json: release-flow "
        "($schema https://api.northflank.com/v1/schemas/release-flow)",
    ]
    named = CliRunner().invoke(main, ["check", "--isolated", "--list-files", "package.json"])
    assert named.output.startswith(
        'package.json: - (not Northflank: no "spec" object; '
        "named on the command line, so linted (NF004))"
    )


@NEEDS_GIT
def test_config_include_exclude_and_types(repo: Path) -> None:
    write(repo, ".nflint.toml", 'exclude = ["deploy/"]\n[types]\n"k8s/*.yaml" = "template"\n')
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    paths = [f["path"] for f in json.loads(result.output)["files"]]
    assert paths == [
        ".northflank/preview.yaml",
        "k8s/deployment.yaml",
        "northflank.json",
        "untracked-release-flow.json",
    ]


@NEEDS_GIT
def test_force_exclude_drops_excluded_named_files(repo: Path) -> None:
    """pre-commit names every staged file: ``--force-exclude`` (which the
    hooks pass) makes the config's ``exclude`` hold for them too."""
    write(repo, ".nflint.toml", 'exclude = ["deploy/", "*.generated.json"]\n')
    write(repo, "flows/release-flow.generated.json", GOOD.read_text())
    named = ["deploy/release.yaml", "flows/release-flow.generated.json", "northflank.json"]
    plain = CliRunner().invoke(main, ["check", "--format", "json", *named])
    assert [f["path"] for f in json.loads(plain.output)["files"]] == named
    assert plain.exit_code == 1  # deploy/release.yaml has errors
    forced = CliRunner().invoke(main, ["check", "--format", "json", "--force-exclude", *named])
    assert [f["path"] for f in json.loads(forced.output)["files"]] == ["northflank.json"]
    assert forced.exit_code == 0
    stdin = CliRunner().invoke(
        main,
        ["check", "--format", "json", "--force-exclude", "--stdin-filename", named[0], "-"],
        input=BAD.read_text(),
    )
    assert [f["path"] for f in json.loads(stdin.output)["files"]] == [named[0]]


def test_the_pre_commit_hook_passes_force_exclude() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "  entry: nflint check --force-exclude\n" in hooks


def test_without_git_the_directory_is_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_repo(tmp_path)
    write(tmp_path, ".hidden/northflank.json", GOOD.read_text())
    write(tmp_path, "node_modules/x/northflank.json", GOOD.read_text())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    _, paths = linted_paths(".")
    assert paths == [
        ".northflank/preview.yaml",
        "deploy/release.yaml",
        "ignored/northflank.json",
        "northflank.json",
    ]


def test_every_not_northflank_corpus_file_is_skipped(tmp_path: Path) -> None:
    with open(NOT_NF / "MANIFEST.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) > 40
    for number, row in enumerate(rows):
        if not (NOT_NF / row["saved_name"]).is_file():
            continue  # listed but not saved
        dest = tmp_path / str(number) / row["path"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NOT_NF / row["saved_name"], dest)
    found = [lint_target(t) for t in targets([str(tmp_path)], Config(root=str(tmp_path)))]
    assert [f.path for f in found if f is not None] == []
    assert describe(targets([str(tmp_path)], Config()), Config(), None) == []


@pytest.mark.slow
def test_discovery_keeps_what_explicit_linting_recognises(tmp_path: Path) -> None:
    """The same parse decides: a corpus file is discovered exactly when
    linting it by name finds a Northflank document in it (or it does not
    parse, has a spec key and a Northflank name)."""
    docs = sorted((CORPUS / "docs-examples").glob("[0-9]*.json"))
    real = sorted((CORPUS / "real-world").glob("*.json"))
    for path in docs + real:
        shutil.copyfile(path, tmp_path / path.name)
    found = [lint_target(t) for t in targets([str(tmp_path)], Config(root=str(tmp_path)))]
    kept = {Path(f.path).name for f in found if f is not None}
    named = [lint_target(Target(str(p))) for p in docs + real]
    recognised = {
        Path(f.path).name
        for f in named
        if f and (any(t for t in f.types) or (not f.types and "northflank" in f.path))
    }
    assert kept == recognised
    assert {p.name for p in docs} <= kept
    assert len(kept) >= len(docs + real) - 5


def test_broken_northflank_file_is_reported_in_discovery(tmp_path: Path) -> None:
    broken = '{\n  "apiVersion": "v1.2",\n  "spec": {"kind": "Workflow",, }\n}\n'
    write(tmp_path, "northflank.json", broken)
    write(tmp_path, "other.json", broken)  # the name says nothing; "v1.2" does
    # neither name nor text says Northflank: Kubernetes and Argo manifests
    write(tmp_path, "service.json", broken.replace("v1.2", "v1"))
    write(tmp_path, "deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n\treplicas: 2\n")
    write(tmp_path, "argo.yaml", "apiVersion: argoproj.io/v1alpha1\nspec: [\n")
    found = [lint_target(t) for t in targets([str(tmp_path)], Config())]
    reported = sorted(Path(f.path).name for f in found if f is not None)
    assert reported == ["northflank.json", "other.json"]
    assert all(d.rule == "NF001" for f in found if f is not None for d in f.diagnostics)


def test_cheap_checks() -> None:
    assert not may_be_northflank(b'{"name": "app", "version": "1.0.0"}')
    assert may_be_northflank(b"spec:\n  kind: Workflow\n")
    assert may_be_northflank("{}".encode("utf-16"))
    assert looks_northflank("a/.northflank/x.yaml")
    assert looks_northflank("infra/staging.template.json")
    assert not looks_northflank(".github/workflows/ci.yml")
    assert targets(["-"], Config()) == [Target("-")]


def test_hook_files_pattern_matches_discovery() -> None:
    import re

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    pattern = re.compile(hooks[0]["files"])
    from nflint.discovery import name_pattern

    names = [
        "northflank.json",
        "a/Northflank.yaml",
        ".northflank/t.json",
        "x/northflank/p/c.json",
        "s.template.json",
        "release-flow.yaml",
        "preview-env.json",
        "package.json",
        ".github/workflows/ci.yml",
        "docker-compose.yml",
        "template.json",
        "notes.md",
    ]
    for name in names:
        assert bool(pattern.search(name)) is bool(name_pattern().search(name)), name


def _manifest_paths(folder: str) -> list[str]:
    """The paths the corpus files had in their repositories (MANIFEST.tsv)."""
    rows = (ROOT / "tests/data/corpus" / folder / "MANIFEST.tsv").read_text().splitlines()[1:]
    paths = [row.split("\t")[2] for row in rows if row.strip()]
    return [p for p in paths if p.endswith((".json", ".yaml", ".yml"))]


def test_the_hook_matches_every_name_real_repositories_use() -> None:
    import re

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    pattern = re.compile(hooks[0]["files"])
    real = _manifest_paths("real-world")
    assert "production-release.json" in real  # a release flow named after its stage
    assert len(real) > 80
    assert [p for p in real if not pattern.search(p)] == []
    # the look-alikes are named like Northflank files too: linted, then NF004
    named = _manifest_paths("not-northflank")
    assert [p for p in named if not pattern.search(p)] == []
    for name in ("prod-release.json", "deploy/staging.release-flow.yaml", "uat_release.yml"):
        assert pattern.search(name), name
    for name in (
        ".github/workflows/release.yml",
        ".github/workflows/pre-release.yaml",
        "release-please-config.json",
        ".goreleaser.yaml",
        "package.json",
        "release.json",
        "releases/v1.json",
    ):
        assert not pattern.search(name), name


def test_a_file_with_a_documented_schema_is_linted_even_when_incomplete(tmp_path: Path) -> None:
    from nflint import engine, runner

    url = "https://api.northflank.com/v1/schemas/template"
    (tmp_path / "infra").mkdir()
    # no spec yet: NF101; the name says nothing about Northflank
    (tmp_path / "infra" / "app.yaml").write_text(f"$schema: {url}\napiVersion: v1.2\nname: demo\n")
    # does not parse (a tab in the indentation), nor has it a spec
    (tmp_path / "infra" / "db.yaml").write_text(f"$schema: {url}\nname:\n\tdemo\n")
    (tmp_path / "infra" / "other.yaml").write_text("name: demo\nversion: 2\n")
    found = targets([str(tmp_path / "infra")], Config())
    result = runner.run(found, engine.Options(config=Config()))
    linted = {Path(f.path).name: [(d.rule, d.pointer) for d in f.diagnostics]
              for f in result.files}
    assert linted == {"app.yaml": [("NF101", "")], "db.yaml": [("NF001", "")]}
    listed = {Path(item.path).name for item in describe(found, Config(), None)}
    assert listed == set(linted)


@pytest.mark.slow  # lints the whole corpus
def test_list_files_and_check_admit_the_same_files_with_the_same_types() -> None:
    """One admission decision and one type choice: over the whole corpus
    (Northflank documents, look-alikes, broken files), ``--list-files`` lists
    exactly the files ``check`` reports, with the types it lints them as."""
    from nflint import engine, runner

    found = [Target(str(p), discovered=True) for p in sorted(CORPUS.rglob("*"))
             if p.suffix in (".json", ".yaml", ".yml")]
    listed = {item.path: item.types for item in describe(found, Config(), None)}
    linted = runner.run(found, engine.Options(config=Config()), jobs=1)
    checked = {f.path: tuple(t or "-" for t in f.types) for f in linted.files}
    assert listed == checked
    assert len(checked) > 100
