"""The release artefacts, built as docs/releasing.md builds them: `python -m
build` makes an sdist and a wheel that pass `twine check --strict`, carry the
version from nflint/__init__.py, the licence and the project URLs, and each
installs into a fresh virtual environment whose `nflint` lints the examples.
Slow: it builds twice and installs twice."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from nflint import REPOSITORY, __version__
from tests.conftest import ROOT


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=False, cwd=cwd, env=env,
        timeout=900,
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = _run(sys.executable, "-m", "build", "--outdir", out, ROOT)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return out


@pytest.mark.slow
def test_sdist_and_wheel_pass_twine_check_and_carry_the_metadata(dist: Path) -> None:
    sdist = dist / f"nflint-{__version__}.tar.gz"
    wheel = dist / f"nflint-{__version__}-py3-none-any.whl"
    assert sorted(p.name for p in dist.iterdir()) == sorted([sdist.name, wheel.name])
    checked = _run(sys.executable, "-m", "twine", "check", "--strict", sdist, wheel)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = Parser().parsestr(
            archive.read(f"nflint-{__version__}.dist-info/METADATA").decode("utf-8")
        )
    assert f"nflint-{__version__}.dist-info/licenses/LICENSE" in names
    assert metadata["Version"] == __version__
    assert metadata["License-Expression"] == "MIT"
    assert f"Repository, {REPOSITORY}" in metadata.get_all("Project-URL")
    assert "Typing :: Typed" in metadata.get_all("Classifier")
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[1] for m in archive.getmembers() if "/" in m.name}
    for needed in ("LICENSE", "CHANGELOG.md", "docs/rules/NF104.md", "schemas/template.schema.json",
                   "examples/release-flow.yaml", "tests/conftest.py", "action.yml"):
        assert needed in members, needed


@pytest.mark.slow
@pytest.mark.parametrize("artefact", ["sdist", "wheel"])
def test_each_installs_into_a_fresh_venv_and_lints_the_examples(
    dist: Path, artefact: str, tmp_path: Path
) -> None:
    name = f"nflint-{__version__}" + (".tar.gz" if artefact == "sdist" else "-py3-none-any.whl")
    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", venv).returncode == 0
    python = venv / "bin" / "python"
    installed = _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                     dist / name)
    assert installed.returncode == 0, installed.stderr[-3000:]
    nflint = venv / "bin" / "nflint"
    version = _run(nflint, "--version")
    assert version.stdout.strip() == f"nflint, version {__version__}"
    good = _run(nflint, "check", "--isolated", ROOT / "examples" / "release-flow.yaml",
                ROOT / "examples" / "release-flow.json", cwd=tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    assert good.stdout.endswith("0 errors, 0 warnings, 0 infos in 2 files\n")
    bad = _run(nflint, "check", "--isolated", "examples/invalid", cwd=ROOT)
    assert bad.returncode == 1
    golden = (ROOT / "tests" / "golden" / "text" / "examples-invalid.txt").read_text("utf-8")
    assert bad.stdout == golden
    where = _run(python, "-c", "import nflint, sys; sys.stdout.write(nflint.__file__)",
                 cwd=tmp_path)
    assert where.stdout.startswith(str(venv))  # the installed copy, not the checkout
