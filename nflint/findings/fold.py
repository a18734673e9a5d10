"""One mistake, one finding: findings that another finding of the same
document already explains are dropped.

An unknown key (NF102) that a semantic rule reports at the same key, with
what it breaks (a misspelt ``context`` that leaves nodes without a project,
NF213), is one mistake: the rule's finding says more and stays.
"""

from __future__ import annotations

from collections.abc import Iterable

from nflint.diagnostics import Diagnostic
from nflint.rules import core


def fold(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """``findings`` without the unknown-key findings another rule reports
    at the same key."""
    kept = list(findings)
    explained = {
        (d.document, d.pointer, d.span)
        for d in kept
        if d.rule != core.UNKNOWN_KEY and d.span is not None and d.pointer
    }
    if not explained:
        return kept
    return [
        d
        for d in kept
        if d.rule != core.UNKNOWN_KEY or (d.document, d.pointer, d.span) not in explained
    ]
