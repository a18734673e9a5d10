"""Shared helpers for nflint's tests."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest

from nflint.diagnostics import Diagnostic
from nflint.engine import lint_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CORPUS = DATA / "corpus"


def lint(text: str, path: str = "doc.json", **options: object) -> list[Diagnostic]:
    from nflint.engine import Options

    return list(lint_text(text, path, Options(**options)).diagnostics)  # type: ignore[arg-type]


def where(
    found: list[Diagnostic], *, rules: tuple[str, ...] = ()
) -> list[tuple[str, int, int, str]]:
    """(rule, line, column, pointer) of each finding, optionally of some rules."""
    return [
        (
            d.rule,
            d.span.start.line if d.span else 0,
            d.span.start.column if d.span else 0,
            d.pointer,
        )
        for d in found
        if not rules or d.rule in rules
    ]


@pytest.fixture
def root() -> Path:
    return ROOT


#: `changed`'s value that removes the key instead of setting it
DELETE = object()


def changed(
    doc: dict[str, Any], path: tuple[str | int, ...], value: object = DELETE
) -> dict[str, Any]:
    """A copy of ``doc`` with ``value`` at ``path`` (DELETE, the default,
    removes the key)."""
    doc = copy.deepcopy(doc)
    parent: Any = doc
    for token in path[:-1]:
        parent = parent[token]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return doc


def require_node_packages(folder: Path, *packages: str) -> None:
    """Skip a test whose npm packages are not installed in ``folder``
    (``.ci/run`` installs them into ``.ci-node``). Under CI (``CI`` set, as
    ``.ci/run`` runs) a missing package fails the test instead, so a broken
    install step cannot pass as skipped tests."""
    missing = [p for p in packages if not (folder / "node_modules" / p / "package.json").is_file()]
    if not missing:
        return
    message = f"{', '.join(missing)} not installed in {folder} (.ci/run installs the node tools)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
