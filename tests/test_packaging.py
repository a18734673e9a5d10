"""The wheel ships the schemas inside the package, and nflint finds them
from a normal (non-editable) install."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # building a wheel and installing it


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"building the wheel failed: {proc.stderr[-2000:]}")
    [built] = out.glob("nflint-*.whl")
    return built


def test_wheel_contains_every_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.relative_to(ROOT / "schemas").as_posix()
               for p in (ROOT / "schemas").rglob("*.schema.json")}
    assert shipped, "no schemas in the source tree"
    assert {f"nflint/schemas/{n}" for n in shipped} <= names
    assert "nflint/py.typed" in names


def test_installed_wheel_finds_its_schemas(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    proc = subprocess.run(
        [sys.executable, "-m", "nflint", "check", str(ROOT / "examples" / "release-flow.json")],
        capture_output=True, text=True, check=False, cwd=tmp_path, env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    probe = subprocess.run(
        [sys.executable, "-c", "import nflint.schema.store as s; print(s.schemas_dir())"],
        capture_output=True, text=True, check=True, cwd=tmp_path, env=env,
    )
    assert Path(probe.stdout.strip()) == site / "nflint" / "schemas"
