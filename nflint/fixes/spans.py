"""A fix's edits as line/column ranges, for the machine formats (JSON,
SARIF) and the language server: offsets become positions through the
file's `LineIndex`, the one place where that happens."""

from __future__ import annotations

from nflint.diagnostics import Fix, Span
from nflint.load.source import LineIndex


def edit_spans(fix: Fix, index: LineIndex) -> list[tuple[Span, str]]:
    """Each edit's range (end exclusive) and its new text, in text order."""
    ordered = sorted(fix.edits, key=lambda e: (e.start, e.end))
    return [(index.span(e.start, e.end), e.content) for e in ordered]
