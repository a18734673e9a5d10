"""Golden tests of the fixes: each file of ``tests/data/fixes`` (JSON and
YAML, with comments, inline objects and odd indentation) fixed with the safe
fixes only and with the unsafe ones too, against ``tests/golden/fixes``.
The same files with CRLF line endings must give the same result with CRLF
line endings. Regenerate with ``NFLINT_UPDATE_GOLDEN=1``; read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nflint.engine import Options
from nflint.fixes.loop import fix_text
from tests.conftest import DATA, ROOT

CASES = sorted((DATA / "fixes").iterdir())
GOLDEN = ROOT / "tests" / "golden" / "fixes"
UPDATE = os.environ.get("NFLINT_UPDATE_GOLDEN") == "1"


def fixed(path: Path, text: str, unsafe: bool) -> str:
    # a path without folders: NF219 (gitops.filePath) must not depend on the checkout
    return fix_text(text, path.name, Options(), unsafe=unsafe).text


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path, unsafe: bool) -> None:
    text = case.read_text(encoding="utf-8")
    out = fixed(case, text, unsafe)
    golden = GOLDEN / f"{case.stem}.{'unsafe' if unsafe else 'safe'}{case.suffix}"
    if UPDATE:
        golden.write_text(out, encoding="utf-8", newline="")
    assert out == golden.read_bytes().decode("utf-8"), golden
    assert out != text or not unsafe, "every case has something to fix"
    assert fixed(case, out, unsafe) == out, "a second run changes nothing"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_crlf_stays_crlf(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    crlf = text.replace("\n", "\r\n")
    assert fixed(case, crlf, True) == fixed(case, text, True).replace("\n", "\r\n")


def test_no_final_newline_is_kept() -> None:
    case = DATA / "fixes" / "schema-values.json"
    text = case.read_text(encoding="utf-8").rstrip("\n")
    assert fixed(case, text, True) == fixed(case, text + "\n", True).rstrip("\n")
