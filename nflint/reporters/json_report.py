"""The machine format (a public contract, documented in the README):
``{"version": 1, "diagnostics": [...], "files": [...], "summary": {...}}``.

Each diagnostic's ``"fix"`` is null or ``{"applicability": "safe"|"unsafe",
"message", "edits": [{"line", "column", "end_line", "end_column",
"content"}]}`` (1-based, end exclusive, positions in the file as it is): an
added key, so the version stays 1."""

from __future__ import annotations

import json
from typing import Any

from nflint.diagnostics import Diagnostic, FileResult, Fix, RunResult, Severity
from nflint.load.source import LineIndex
from nflint.rules.core import url

VERSION = 1


def fix_dict(fix: Fix | None, index: LineIndex | None) -> dict[str, Any] | None:
    if fix is None or index is None:
        return None
    from nflint.fixes.spans import edit_spans  # noqa: PLC0415 - only for findings with a fix

    return {
        "applicability": fix.applicability.value,
        "message": fix.message,
        "edits": [
            {
                "line": span.start.line,
                "column": span.start.column,
                "end_line": span.end.line,
                "end_column": span.end.column,
                "content": content,
            }
            for span, content in edit_spans(fix, index)
        ],
    }


def diagnostic_dict(d: Diagnostic, index: LineIndex | None = None) -> dict[str, Any]:
    """``index``: the file's lines, to place the fix's edits (no index: no fix)."""
    start = d.span.start if d.span else None
    end = d.span.end if d.span else None
    return {
        "path": d.path,
        "line": start.line if start else None,
        "column": start.column if start else None,
        "end_line": end.line if end else None,
        "end_column": end.column if end else None,
        "pointer": d.pointer,
        "document": d.document,
        "rule": d.rule,
        "name": d.name,
        "url": url(d.rule),
        "severity": d.severity.label,
        "message": d.message,
        "hint": d.hint,
        "related": [
            {
                "message": r.message,
                "pointer": r.pointer,
                "line": r.span.start.line if r.span else None,
                "column": r.span.start.column if r.span else None,
            }
            for r in d.related
        ],
        "fix": fix_dict(d.fix, index),
    }


def _indexed(result: RunResult) -> list[tuple[FileResult, LineIndex | None]]:
    """Each file with the index of its lines (None: no text, or no finding has a fix)."""
    return [
        (f, LineIndex(f.source) if f.source is not None and _any_fix(f) else None)
        for f in result.files
    ]


def _any_fix(f: FileResult) -> bool:
    return any(d.fix is not None for d in f.diagnostics)


def render(result: RunResult, color: bool = False) -> str:
    payload = {
        "version": VERSION,
        "diagnostics": [
            diagnostic_dict(d, index) for f, index in _indexed(result) for d in f.diagnostics
        ],
        "files": [{"path": f.path, "types": list(f.types), "error": f.error} for f in result.files],
        "summary": {
            "files": len(result.files),
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "infos": result.count(Severity.INFO),
            "unreadable": sum(1 for f in result.files if f.error is not None),
            "baselined": result.baselined,
        },
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
