"""Configuration: where it is found, what each key does, and one-line errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from nflint.cli import main
from nflint.config.files import Config, ConfigError, find, load, parse, resolve
from nflint.config.globs import glob_match
from nflint.diagnostics import Severity
from nflint.engine import Options, lint_text
from tests.conftest import ROOT

FLOW = ROOT / "examples" / "release-flow.json"
INVALID = ROOT / "examples" / "invalid" / "release-flow-mistakes.yaml"
V1_FLOW = (
    "$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1\n"
    "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps: []\n"
)
NO_SCHEMA = (
    "apiVersion: v1.2\nspec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps: []\n"
)


def rules_of(text: str, path: str, cfg: Config) -> list[str]:
    return [d.rule for d in lint_text(text, path, Options(config=cfg)).diagnostics]


def test_found_walking_up_and_stopping_at_the_repository(tmp_path: Path) -> None:
    (tmp_path / ".nflint.toml").write_text('fail-on = "info"\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    deep = repo / "a" / "b"
    deep.mkdir(parents=True)
    assert find(str(deep)) is None  # .nflint.toml above the repository is not read
    (repo / "a" / ".nflint.yaml").write_text("fail-on: warning\n")
    assert find(str(deep)) == str(repo / "a" / ".nflint.yaml")
    assert resolve(None, False, str(deep)).fail_on is Severity.WARNING
    assert resolve(None, True, str(deep)).fail_on is Severity.ERROR


def test_pyproject_needs_a_tool_nflint_table(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find(str(tmp_path)) is None
    (tmp_path / "pyproject.toml").write_text('[tool.nflint]\nignore = ["NF201"]\n')
    cfg = resolve(None, False, str(tmp_path))
    assert cfg.ignore == ("NF201",)
    assert cfg.root == str(tmp_path)


def test_first_found_wins_in_a_directory(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.nflint]\nfail-on = "info"\n')
    (tmp_path / ".nflint.toml").write_text('fail-on = "warning"\n')
    assert resolve(None, False, str(tmp_path)).fail_on is Severity.WARNING


def test_every_key(tmp_path: Path) -> None:
    path = tmp_path / ".nflint.toml"
    path.write_text(
        'select = ["NF1", "api-version"]\nignore = "NF10"\nfail-on = "warning"\n'
        'include = ["*.json"]\nexclude = ["vendor/"]\n'
        '[severity]\nNF102 = "error"\n[types]\n"deploy/*.json" = "template"\n'
        '[per-file-ignores]\n"legacy/**" = ["NF2"]\n'
        '[[suppress]]\nfiles = "a.json"\nrules = ["unknown-key"]\npointer = "/spec"\n'
    )
    cfg = load(str(path))
    assert cfg.select == ("NF1", "NF201")
    assert cfg.ignore == ("NF10",)
    assert cfg.fail_on is Severity.WARNING
    assert cfg.severity == (("NF102", Severity.ERROR),)
    assert cfg.types == (("deploy/*.json", "template"),)
    assert cfg.per_file_ignores == (("legacy/**", ("NF2",)),)
    [entry] = cfg.suppress
    assert (entry.files, entry.rules, entry.pointer) == (("a.json",), ("NF102",), "/spec")


def test_readme_example_is_a_valid_config(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(\[tool\.nflint\].*?)```", readme, re.DOTALL)
    assert block, "README has no [tool.nflint] example"
    (tmp_path / "pyproject.toml").write_text(block.group(1))
    cfg = load(str(tmp_path / "pyproject.toml"))
    assert cfg.fail_on is Severity.WARNING and cfg.suppress


BAD = [
    ('fail_on = "warning"\n', '"fail_on": unknown key; did you mean "fail-on"?'),
    ('fail-on = "fatal"\n', '"fail-on": expected one of "error", "warning", "info", got "fatal"'),
    ('select = ["XYZ"]\n', '"select": "XYZ" is not a rule id, id prefix or rule name'),
    ('ignore = ["NF999"]\n', '"ignore": "NF999" is not a rule id'),
    ("select = 3\n", '"select": expected a list of strings, got 3'),
    ('[severity]\nNF102 = "loud"\n', '"severity"."NF102": expected one of'),
    ('[types]\n"*.json" = "tmpl"\n', '"types"."*.json": "tmpl" is not a document type'),
    ('[types]\n"*.json" = "relese-flow"\n', 'not a document type; did you mean "release-flow"?'),
    ('[types]\n"*.json" = "zzz"\n', 'not a document type; expected one of "release-flow", '),
    ('[per-file-ignores]\n"*.json" = ["nope"]\n', '"per-file-ignores"."*.json": "nope" is not'),
    ('[[suppress]]\nfiles = "a.json"\n', '"suppress"[0]: "rules" is required'),
    ('[[suppress]]\nfiles = "a"\nrules = ["NF1"]\nwhy = "x"\n', '"suppress"[0]."why": unknown key'),
    ('[[suppress]]\nfiles = "a"\nrules = ["NF1"]\npointer = "spec"\n', "expected a JSON pointer"),
    ("select = [\n", "invalid TOML"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_config_is_one_line_naming_file_and_key(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / ".nflint.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load(str(path))
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_bad_yaml_config(tmp_path: Path) -> None:
    path = tmp_path / ".nflint.yaml"
    path.write_text("select: [NF1\n")
    with pytest.raises(ConfigError, match=r"invalid YAML at line 2"):
        load(str(path))
    path.write_text("- NF1\n")
    with pytest.raises(ConfigError, match="must be a mapping"):
        load(str(path))


def test_cli_bad_config_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "nflint.toml"
    path.write_text('colour = "always"\n')
    result = CliRunner().invoke(main, ["check", "--config", str(path), str(FLOW)])
    assert result.exit_code == 2
    assert result.output == f'nflint: {path}: "colour": unknown key; known keys: ' + (
        "select, ignore, severity, include, exclude, types, per-file-ignores, fail-on, suppress\n"
    )
    missing = CliRunner().invoke(main, ["check", "--config", str(tmp_path / "no.toml"), str(FLOW)])
    assert missing.exit_code == 2 and "cannot read the config file" in missing.output
    flag = CliRunner().invoke(main, ["check", "--isolated", "--select", "NF9Z", str(FLOW)])
    assert flag.exit_code == 2
    assert (
        flag.output.strip() == 'nflint: --select: "NF9Z" is not a rule id, id prefix or rule name '
        "(see 'nflint rules')"
    )


def test_longest_prefix_wins_and_ignore_wins_ties() -> None:
    cfg = Config(select=("NF1", "NF102"), ignore=("NF10", "NF2"))
    assert cfg.enabled("NF102", "x")  # NF102 (5) beats NF10 (4)
    assert not cfg.enabled("NF104", "x")  # NF10 (4) beats NF1 (3)
    assert cfg.enabled("NF110", "x")
    assert not cfg.enabled("NF201", "x")  # not selected
    assert not Config(select=("NF1",), ignore=("NF1",)).enabled("NF101", "x")
    assert Config().enabled("NF201", "x")
    assert not Config(ignore=("NF",)).enabled("NF001", "x")


def test_select_ignore_and_severity_apply(tmp_path: Path) -> None:
    assert "NF201" in rules_of(V1_FLOW, "f.yaml", Config())
    assert "NF201" not in rules_of(V1_FLOW, "f.yaml", Config(ignore=("NF2",)))
    assert rules_of(V1_FLOW, "f.yaml", Config(select=("NF201",))) == ["NF201"]
    raised = lint_text(
        V1_FLOW, "f.yaml", Options(config=Config(severity=(("NF2", Severity.ERROR),)))
    )
    assert [d.severity for d in raised.diagnostics] == [Severity.ERROR]


def test_per_file_ignores(tmp_path: Path) -> None:
    cfg = Config(root=str(tmp_path), per_file_ignores=(("legacy/", ("NF201",)),))
    assert rules_of(V1_FLOW, str(tmp_path / "legacy" / "a" / "f.yaml"), cfg) == []
    assert rules_of(V1_FLOW, str(tmp_path / "new" / "f.yaml"), cfg) == ["NF201"]


def test_types_only_for_documents_without_schema(tmp_path: Path) -> None:
    cfg = Config(root=str(tmp_path), types=(("flows/*.yaml", "release-flow"),))
    typed = lint_text(NO_SCHEMA, str(tmp_path / "flows" / "a.yaml"), Options(config=cfg))
    assert typed.types == ("release-flow",)
    assert "NF006" not in [d.rule for d in typed.diagnostics]  # not a guess any more
    guessed = lint_text(NO_SCHEMA, str(tmp_path / "other.yaml"), Options(config=cfg))
    assert "NF006" in [d.rule for d in guessed.diagnostics]
    schema = V1_FLOW.replace("release-flow\n", "template\n")
    kept = lint_text(schema, str(tmp_path / "flows" / "b.yaml"), Options(config=cfg))
    assert kept.types == ("template",)


def test_cli_flags_override_the_file(tmp_path: Path) -> None:
    (tmp_path / ".nflint.toml").write_text('ignore = ["NF1"]\nfail-on = "info"\n')
    args = ["check", "--config", str(tmp_path / ".nflint.toml"), str(INVALID)]
    result = CliRunner().invoke(main, args)
    assert "NF102" not in result.output and result.exit_code == 1  # NF005/NF002 still there
    result = CliRunner().invoke(main, [*args, "--ignore", "NF0", "--select", "NF102,NF005"])
    assert "NF102" in result.output and "NF002" not in result.output
    assert result.exit_code == 1  # a warning, and fail-on info from the file
    result = CliRunner().invoke(main, [*args, "--ignore", "NF0,NF1", "--fail-on", "error"])
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*.json", "a/b/c.json", True),
        ("*.json", "c.yaml", False),
        ("deploy/*.json", "deploy/a.json", True),
        ("deploy/*.json", "x/deploy/a.json", False),
        ("deploy/*.json", "deploy/x/a.json", False),
        ("deploy/**/*.json", "deploy/x/y/a.json", True),
        ("deploy/**/*.json", "deploy/a.json", True),
        ("**/fixtures", "a/fixtures/x.json", True),
        ("vendor/", "vendor/a/b.yaml", True),
        ("vendor", "src/vendor/a.yaml", True),
        ("/a.json", "a.json", True),
        ("/a.json", "x/a.json", False),
        ("file[0-9].json", "file7.json", True),
        ("file[!0-9].json", "file7.json", False),
        ("?.json", "ab.json", False),
    ],
)
def test_globs(pattern: str, path: str, matches: bool) -> None:
    assert glob_match(pattern, path) is matches


def test_parse_accepts_yaml_mapping_with_names() -> None:
    cfg = parse({"ignore": ["unknown-key", "NF2"], "fail-on": "INFO"}, "x.yaml")
    assert cfg.ignore == ("NF102", "NF2") and cfg.fail_on is Severity.INFO
