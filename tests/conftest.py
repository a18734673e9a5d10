"""Shared helpers for nflint's tests."""

from __future__ import annotations

import copy
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
