"""The machine format (a public contract, documented in the README):
``{"version": 1, "diagnostics": [...], "files": [...], "summary": {...}}``."""

from __future__ import annotations

import json
from typing import Any

from nflint.diagnostics import Diagnostic, RunResult, Severity
from nflint.rules.core import url

VERSION = 1


def diagnostic_dict(d: Diagnostic) -> dict[str, Any]:
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
    }


def render(result: RunResult, color: bool = False) -> str:
    payload = {
        "version": VERSION,
        "diagnostics": [diagnostic_dict(d) for d in result.diagnostics],
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
