"""`bench/run.py --quick --no-compare` runs: tiny corpora, one round, no
check-jsonschema (so no network). It asserts nothing about speed: the
benchmark is for people (docs/benchmarks.md), the test keeps it working."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs the benchmark

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_runs(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--quick",
            "--no-compare",
            "--json",
            str(out),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "small YAML files" in done.stdout
    assert "'errors': 0" in done.stdout  # the generated corpora are valid
    assert "host: python -c pass " in done.stdout  # the host's speed, for reading the table
    results = json.loads(out.read_text(encoding="utf-8"))
    keys = {"one", "yaml", "json", "large", "larger", "large-error", "larger-error"}
    assert set(results["cases"]) == keys
    for case in results["cases"].values():
        assert case["seconds"]["nflint"] and case["seconds"]["floor"]
        assert "check-jsonschema" not in case["seconds"]
        assert case["peak_mb"]["nflint"] > 0
    # the bare interpreter start, measured on the small-file case only
    assert results["cases"]["one"]["seconds"]["interpreter"]
    assert "interpreter" not in results["cases"]["yaml"]["seconds"]
