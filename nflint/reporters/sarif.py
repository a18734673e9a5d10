"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

``tool.driver.rules`` holds the catalogue entries of the rules that have
results (ids, names, descriptions, default levels and a help text with the
failing and passing examples); each result points at its rule by id and
index. Regions carry start and end line and column; columns count Unicode
code points (``columnKind``), as nflint's do. Files that cannot be read
become tool execution notifications. The stable fingerprint of
`nflint.baseline` goes into ``partialFingerprints``.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from nflint import __version__
from nflint.diagnostics import Diagnostic, FileResult, RunResult, Severity, Span
from nflint.findings.baseline import fingerprint
from nflint.load.source import LineIndex
from nflint.rules.core import RuleInfo, url
from nflint.rules.registry import all_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


#: a file name that is not UTF-8 holds surrogates (os.fsdecode): %-encode its bytes
_RAW = "surrogateescape"


def uri(path: str) -> str:
    """A relative URI reference for a relative path, a file URI otherwise."""
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return "file://" + quote(posix if posix.startswith("/") else "/" + posix, errors=_RAW)
    return quote(posix.removeprefix("./"), errors=_RAW)


def region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.start.line,
        "startColumn": span.start.column,
        "endLine": span.end.line,
        "endColumn": span.end.column,
    }


def _location(path: str, span: Span | None, pointer: str | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(path)}}
    if span is not None:
        physical["region"] = region(span)
    location: dict[str, Any] = {"physicalLocation": physical}
    if pointer is not None:
        location["logicalLocations"] = [{"fullyQualifiedName": pointer or "/", "kind": "object"}]
    return location


def _help(info: RuleInfo) -> dict[str, str]:
    text = [info.summary + "."]
    markdown = [f"**{info.id} {info.name}**: {info.summary}."]
    if info.rationale:
        text.append(info.rationale.strip())
        markdown.append(info.rationale.strip())
    for title, example in (("Fails", info.fail), ("Passes", info.ok)):
        if example:
            text.append(f"{title}:\n{example.rstrip()}")
            markdown.append(f"{title}:\n\n```yaml\n{example.rstrip()}\n```")
    return {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)}


def _rule(rule_id: str, name: str, info: RuleInfo | None) -> dict[str, Any]:
    if info is None:
        return {"id": rule_id, "name": name, "helpUri": url(rule_id)}
    return {
        "id": info.id,
        "name": info.name,
        "helpUri": url(info.id),
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": (info.rationale or info.summary).strip()},
        "help": _help(info),
        "defaultConfiguration": {"level": LEVELS[info.severity]},
    }


def _fixes(d: Diagnostic, lines: LineIndex | None) -> list[dict[str, Any]]:
    """The SARIF ``fixes`` of a result: one artifact change, a replacement
    per edit (regions of the file as it is; no ``insertedContent`` for a
    deletion)."""
    if d.fix is None or lines is None or not d.fix.edits:
        return []
    from nflint.fixes.spans import edit_spans  # noqa: PLC0415 - only for findings with a fix

    replacements: list[dict[str, Any]] = []
    for span, content in edit_spans(d.fix, lines):
        replacement: dict[str, Any] = {"deletedRegion": region(span)}
        if content:
            replacement["insertedContent"] = {"text": content}
        replacements.append(replacement)
    change = {"artifactLocation": {"uri": uri(d.path)}, "replacements": replacements}
    return [{"description": {"text": d.fix.message}, "artifactChanges": [change]}]


def _result(d: Diagnostic, index: int, lines: LineIndex | None = None) -> dict[str, Any]:
    text = d.message + (f"\nhint: {d.hint}" if d.hint else "")
    result: dict[str, Any] = {
        "ruleId": d.rule,
        "ruleIndex": index,
        "level": LEVELS[d.severity],
        "message": {"text": text},
        "locations": [_location(d.path, d.span, d.pointer)],
        "partialFingerprints": {"nflint/v1": fingerprint(d, d.path.replace(os.sep, "/"))},
    }
    if d.related:
        result["relatedLocations"] = [
            {"id": n, "message": {"text": r.message}, **_location(d.path, r.span, r.pointer)}
            for n, r in enumerate(d.related, start=1)
        ]
    if d.document != 1:
        result["properties"] = {"document": d.document}
    fixes = _fixes(d, lines)
    if fixes:
        result["fixes"] = fixes
    return result


def _lines(f: FileResult) -> LineIndex | None:
    if f.source is None or all(d.fix is None for d in f.diagnostics):
        return None
    return LineIndex(f.source)


def render(result: RunResult, color: bool = False) -> str:
    catalogue = all_rules()
    used: dict[str, str] = {}
    for d in result.diagnostics:
        used.setdefault(d.rule, d.name)
    order = sorted(used)
    index = {rule_id: n for n, rule_id in enumerate(order)}
    notifications = [
        {
            "level": "error",
            "message": {"text": f"cannot read the file: {f.error}"},
            "locations": [_location(f.path, None)],
        }
        for f in result.files
        if f.error is not None
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "nflint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(r, used[r], catalogue.get(r)) for r in order],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
        "columnKind": "unicodeCodePoints",
        "results": [
            _result(d, index[d.rule], lines)
            for f in result.files
            for lines in [_lines(f)]
            for d in f.diagnostics
        ],
    }
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
