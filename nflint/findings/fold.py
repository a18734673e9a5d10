"""One mistake, one finding: findings that another finding of the same
document already explains are dropped.

- An unknown key (NF102) that a semantic rule reports at the same key, with
  what it breaks (a misspelt ``context`` that leaves nodes without a project,
  NF213), is one mistake: the rule's finding says more and stays (`fold`).
- A YAML 1.1 look-alike (NF005, an info) at a value the schema rejects for
  its type or value (NF103, NF104) is one mistake: the schema finding stays,
  with the literal to write as its hint (`nflint.schema.literals`;
  `implicit_types`, over a file's findings once they are selected).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from nflint.diagnostics import Diagnostic
from nflint.rules import core

#: schema findings that explain a YAML 1.1 look-alike at the same value
_EXPLAIN_IMPLICIT = frozenset({core.WRONG_TYPE, core.INVALID_VALUE})


def fold(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """``findings`` without the unknown-key findings another rule reports
    at the same key; that finding takes over the key's fix (the rename)."""
    kept = list(findings)
    explained = {
        (d.document, d.pointer, d.span)
        for d in kept
        if d.rule != core.UNKNOWN_KEY and d.span is not None and d.pointer
    }
    if not explained:
        return kept
    fixes = {
        (d.document, d.pointer, d.span): d.fix
        for d in kept
        if d.rule == core.UNKNOWN_KEY and d.fix is not None
    }
    folded = []
    for d in kept:
        where = (d.document, d.pointer, d.span)
        if d.rule == core.UNKNOWN_KEY and where in explained:
            continue
        fix = fixes.pop(where, None) if d.fix is None else None
        folded.append(d if fix is None else replace(d, fix=fix))
    return folded


def implicit_types(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """``findings`` (of one file) without the NF005 notes at values that a
    schema finding of the same document reports."""
    kept = list(findings)
    explained = {(d.document, d.pointer) for d in kept if d.rule in _EXPLAIN_IMPLICIT}
    if not explained:
        return kept
    return [
        d
        for d in kept
        if d.rule != core.YAML_IMPLICIT_TYPE or (d.document, d.pointer) not in explained
    ]
