"""Diagnostics: the same engine, configuration, suppressions and severities
as `nflint check`, converted to LSP.

A file that is not a Northflank document gets no diagnostics (as discovery
drops it from `nflint check .`); one that does not parse is reported when it
looks like one (`nflint.discovery.keep_unparsed`).
"""

from __future__ import annotations

from lsprotocol import types as T

from nflint import discovery, engine
from nflint.diagnostics import Diagnostic, FileResult, Severity
from nflint.lsp.state import MAX_SIZE, Snapshot
from nflint.rules import core, registry

_SEVERITY = {
    Severity.ERROR: T.DiagnosticSeverity.Error,
    Severity.WARNING: T.DiagnosticSeverity.Warning,
    Severity.INFO: T.DiagnosticSeverity.Information,
}


def lint(snapshot: Snapshot) -> FileResult | None:
    """The findings for the snapshot, or None when it is not a Northflank
    document (nothing to show)."""
    options = engine.Options(config=snapshot.config, quiet_foreign=True, max_file_size=MAX_SIZE)
    data = snapshot.text.encode("utf-8", "surrogatepass")
    if snapshot.too_large:
        return engine.too_large(snapshot.path, len(data), options)
    target = discovery.Target(snapshot.path, discovered=True)
    if not discovery.worth_parsing(target, data, snapshot.config):
        return None
    result = engine.lint_text(snapshot.text, snapshot.path, options)
    return result if discovery.admitted(target, data, result.types) else None


def rule_url(rule: str) -> str | None:
    """The rule's documentation page (``codeDescription.href``), when the
    registry knows the rule."""
    return core.url(rule) if registry.get(rule) is not None else None


def convert(snapshot: Snapshot, result: FileResult | None) -> list[T.Diagnostic]:
    if result is None:
        return []
    return [_one(snapshot, index, d) for index, d in enumerate(result.diagnostics)]


def _one(snapshot: Snapshot, index: int, d: Diagnostic) -> T.Diagnostic:
    related = [
        T.DiagnosticRelatedInformation(
            location=T.Location(uri=snapshot.uri, range=snapshot.lines.span_range(r.span)),
            message=r.message,
        )
        for r in d.related
        if r.span is not None
    ]
    url = rule_url(d.rule)
    message = d.message if not d.hint else f"{d.message}\n{d.hint}"
    return T.Diagnostic(
        range=snapshot.lines.span_range(d.span),
        severity=_SEVERITY[d.severity],
        code=d.rule,
        code_description=T.CodeDescription(href=url) if url else None,
        source="nflint",
        message=message,
        related_information=related or None,
        # which finding of this version: code actions find its fix with it
        data={"version": snapshot.version, "index": index, "fixable": d.fix is not None},
    )
