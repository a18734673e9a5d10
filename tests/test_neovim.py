"""End to end with a real editor: Neovim (headless, its built-in LSP client,
0.7 as in Debian 12) opens a broken release flow and receives nflint's
diagnostic. `.ci/run` installs Debian's `neovim`; the test skips only where
it is not installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.documents import release_flow

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("nvim") is None, reason="neovim is not installed"),
]

BROKEN = release_flow("\n      - kind: Relase\n")


def test_neovim_shows_nflints_diagnostic(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    env = {
        **os.environ,
        "NFLINT_LSP_CMD": "\t".join([sys.executable, "-m", "nflint", "lsp"]),
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),  # no user configuration, no shada in the real home
    }
    done = subprocess.run(
        [
            "nvim",
            "--headless",
            "--clean",
            "-c",
            f"luafile {ROOT / 'tests' / 'nvim_check.lua'}",
            str(path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == ['8:15 NF108 unknown node kind "Relase"']
