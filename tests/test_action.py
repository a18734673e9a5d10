"""The GitHub Action (action.yml) runs as a runner would run it: its
composite steps, in order, with the runner's environment (GITHUB_ACTION_PATH,
RUNNER_TEMP, GITHUB_STEP_SUMMARY, GITHUB_ACTIONS=true, GITHUB_WORKSPACE),
`${{ inputs.* }}` at their defaults, bash as GitHub starts it, on a
repository with a good and a bad document. It checks the SARIF file, the
annotations and the job summary. Slow: the first step installs nflint from
the checkout into a fresh virtual environment.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from nflint.rules.core import url
from tests.conftest import DATA, ROOT

GOOD = "northflank/release-flow.yaml"
BAD = "northflank/broken.json"
PREVIOUS = "## An earlier step's summary\n\n"


def _expand(text: str, inputs: dict[str, str]) -> str:
    """``${{ inputs.name }}`` as the runner expands it (the only expressions
    the action uses; any other is an error here)."""

    def value(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        name = expression.removeprefix("inputs.")
        assert name != expression and name in inputs, f"unsupported expression {expression}"
        return inputs[name]

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def _run_action(
    repo: Path, runner_temp: Path, summary: Path
) -> list[subprocess.CompletedProcess[str]]:
    action: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    base = {
        **os.environ,
        "GITHUB_ACTIONS": "true",
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_WORKSPACE": str(repo),
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(runner_temp),
        "CI": "true",
    }
    base.pop("VIRTUAL_ENV", None)
    done = []
    for step in action["runs"]["steps"]:
        assert step["shell"] == "bash"
        assert "if" not in step  # every step runs
        env = {**base, **{k: _expand(str(v), inputs) for k, v in step.get("env", {}).items()}}
        script = runner_temp / f"step{len(done)}.sh"
        script.write_text(_expand(step["run"], inputs), encoding="utf-8")
        # GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=600,
        )
        done.append(proc)
        if proc.returncode != 0:  # the runner stops at a failing step
            break
    return done


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_action_writes_sarif_annotations_and_the_job_summary(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "northflank").mkdir(parents=True)
    good = (ROOT / "examples" / "release-flow.yaml").read_text(encoding="utf-8")
    (repo / GOOD).write_text(good.replace("/examples/release-flow.yaml", "/" + GOOD))
    shutil.copy(ROOT / "examples" / "invalid" / "release-flow-mistakes.json", repo / BAD)
    (repo / "package.json").write_text('{"name": "app"}\n')
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "."], check=True)
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    summary = tmp_path / "step-summary.md"
    summary.write_text(PREVIOUS, encoding="utf-8")

    install, lint = _run_action(repo, runner_temp, summary)
    assert install.returncode == 0, install.stderr[-3000:]
    assert lint.returncode == 1, lint.stdout[-2000:] + lint.stderr[-2000:]  # the bad document

    # SARIF: valid, every finding of the bad file, none of the good one
    sarif = json.loads((repo / "nflint.sarif").read_text(encoding="utf-8"))
    schema = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    results = sarif["runs"][0]["results"]
    files = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert files == {BAD}
    assert len(results) == 9
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(r["helpUri"] == url(r["id"]) for r in rules)

    # annotations: one per finding, on the bad file, after the text report
    annotations = [line for line in lint.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 9
    assert all(a.startswith(f"::error file={BAD},line=") for a in annotations)
    assert "title=NF104 invalid-value::invalid value \"Queue\"" in "\n".join(annotations)
    assert f"{BAD}:5:26: error[NF104]" in lint.stdout

    # the job summary: appended, a summary line, the table, a section per
    # file, a diagram per document, under GitHub's limit
    text = summary.read_text(encoding="utf-8")
    assert text.startswith(PREVIOUS + "### 🔴 nflint: 9 errors, 0 warnings, 0 infos in 2 files\n")
    assert "| file:line | severity | rule | message |" in text
    assert f"| {BAD}:5 | error | [NF104 invalid-value]({url('NF104')}) |" in text
    assert f"<summary><code>{BAD}</code>: 9 errors</summary>" in text
    assert f"<summary><code>{GOOD}</code>: no findings</summary>" in text
    assert text.count("```mermaid\nflowchart TD\n") == 2
    assert len(text.encode("utf-8")) < 1024 * 1024
