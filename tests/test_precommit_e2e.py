"""End to end with the real pre-commit: the hooks in .pre-commit-hooks.yaml,
installed by pre-commit from this checkout, block a bad template and pass a
good one.

pre-commit builds the hook's environment with pip from the repository it is
given (dependencies come from PyPI). ``pre-commit try-repo <checkout>`` uses
the checkout's HEAD plus its *tracked* changes; new files that are not yet
committed (or staged) would be missing from that shadow repository. So the
tests give pre-commit a snapshot: a fresh git repository holding exactly the
files of this working tree that git tracks or would track. That is HEAD in
CI, and the work in progress on a developer's machine.

Skipped only when pre-commit or git is not installed.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HAVE_PRE_COMMIT = importlib.util.find_spec("pre_commit") is not None

pytestmark = [
    pytest.mark.slow,  # git, pre-commit and a virtual environment per run
    pytest.mark.skipif(
        not HAVE_PRE_COMMIT, reason="pre-commit is not installed (pip install '.[test]')"
    ),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

GOOD = (ROOT / "examples" / "release-flow.json").read_text(encoding="utf-8")
BAD = (ROOT / "examples" / "invalid" / "release-flow-mistakes.json").read_text(encoding="utf-8")
FINDING = '.northflank/release-flow.json:5:26: error[NF104] [*] invalid value "Queue"'
GIT_ENV = {
    "GIT_AUTHOR_NAME": "nflint tests",
    "GIT_AUTHOR_EMAIL": "tests@nflint.invalid",
    "GIT_COMMITTER_NAME": "nflint tests",
    "GIT_COMMITTER_EMAIL": "tests@nflint.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def sh(
    *args: str, cwd: Path, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=900
    )
    if check and done.returncode != 0:
        pytest.fail(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("home")
    return {
        **os.environ,
        **GIT_ENV,
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
        "PRE_COMMIT_COLOR": "never",
    }


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """A git repository with this working tree's files, committed."""
    dest = tmp_path_factory.mktemp("nflint-snapshot")
    listing = sh("git", "ls-files", "-z", "-co", "--exclude-standard", cwd=ROOT, env=env).stdout
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    assert (dest / ".pre-commit-hooks.yaml").is_file()
    sh("git", "init", "-q", cwd=dest, env=env)
    sh("git", "add", "-A", cwd=dest, env=env)
    sh("git", "commit", "-q", "-m", "snapshot", cwd=dest, env=env)
    return dest


def project(root: Path, env: dict[str, str], *, bad: bool) -> Path:
    root.mkdir()
    sh("git", "init", "-q", cwd=root, env=env)
    (root / "northflank.json").write_text(GOOD, encoding="utf-8")
    (root / ".northflank").mkdir()
    (root / ".northflank" / "release-flow.json").write_text(BAD if bad else GOOD, encoding="utf-8")
    (root / "package.json").write_text('{"name": "app", "version": "1.0.0"}\n', encoding="utf-8")
    (root / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx\n")
    sh("git", "add", "-A", cwd=root, env=env)
    return root


def pre_commit(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return sh(sys.executable, "-m", "pre_commit", *args, cwd=cwd, env=env, check=False)


def test_try_repo_fails_on_the_bad_template(
    tmp_path: Path, snapshot: Path, env: dict[str, str]
) -> None:
    repo = project(tmp_path / "bad", env, bad=True)
    done = pre_commit("try-repo", str(snapshot), "--all-files", cwd=repo, env=env)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    # both hooks ran (try-repo without a hook id runs every hook) and failed
    assert "- hook id: nflint\n" in out and "- hook id: nflint-repo\n" in out, out
    assert out.count(FINDING) == 2, out
    good_errors = [
        line
        for line in out.splitlines()
        if line.startswith("northflank.json:") and ": error[" in line
    ]
    assert good_errors == [], out  # the good template has no errors
    assert "package.json" not in out and "docker-compose" not in out


def test_hook_blocks_a_bad_commit_and_passes_a_good_one(
    tmp_path: Path, snapshot: Path, env: dict[str, str]
) -> None:
    repo = project(tmp_path / "good", env, bad=False)
    rev = sh("git", "rev-parse", "HEAD", cwd=snapshot, env=env).stdout.strip()
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {snapshot}\n    rev: {rev}\n    hooks:\n      - id: nflint\n",
        encoding="utf-8",
    )
    sh("git", "add", "-A", cwd=repo, env=env)
    installed = pre_commit("install", cwd=repo, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    good = sh("git", "commit", "-m", "good", cwd=repo, env=env, check=False)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "nflint (Northflank templates, release flows, previews)" in good.stdout + good.stderr
    (repo / ".northflank" / "release-flow.json").write_text(BAD, encoding="utf-8")
    sh("git", "add", "-A", cwd=repo, env=env)
    bad = sh("git", "commit", "-m", "bad", cwd=repo, env=env, check=False)
    out = bad.stdout + bad.stderr
    assert bad.returncode != 0, out
    assert FINDING in out and "Failed" in out
    log = sh("git", "log", "--format=%s", cwd=repo, env=env).stdout.split()
    assert log == ["good"]  # the bad commit was blocked


def test_hook_with_fix_repairs_the_file_and_the_user_restages(
    tmp_path: Path, snapshot: Path, env: dict[str, str]
) -> None:
    """``args: [--fix]``: the hook writes the safe fixes; pre-commit fails a
    hook that changed files, so the first commit stops; the user stages the
    fix and the second commit passes."""
    repo = project(tmp_path / "fixing", env, bad=False)
    rev = sh("git", "rev-parse", "HEAD", cwd=snapshot, env=env).stdout.strip()
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {snapshot}\n    rev: {rev}\n    hooks:\n"
        "      - id: nflint\n        args: [--fix]\n",
        encoding="utf-8",
    )
    installed = pre_commit("install", cwd=repo, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    flow = repo / ".northflank" / "release-flow.json"
    assert '"concurrencyPolicy": "queue"' in GOOD
    flow.write_text(GOOD.replace('"queue"', '"Queue"', 1), encoding="utf-8")
    sh("git", "add", "-A", cwd=repo, env=env)
    first = sh("git", "commit", "-m", "fixable", cwd=repo, env=env, check=False)
    out = first.stdout + first.stderr
    assert first.returncode != 0, out
    assert "files were modified by this hook" in out, out
    assert "1 fixed, 2 remaining (2 fixable with --unsafe-fixes)" in out, out
    assert flow.read_text(encoding="utf-8") == GOOD  # the fix, and nothing else
    sh("git", "add", "-A", cwd=repo, env=env)
    second = sh("git", "commit", "-m", "fixable", cwd=repo, env=env, check=False)
    assert second.returncode == 0, second.stdout + second.stderr
    assert sh("git", "show", "HEAD:.northflank/release-flow.json", cwd=repo, env=env).stdout == GOOD
