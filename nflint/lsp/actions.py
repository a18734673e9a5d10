"""Code actions: each finding's fix as a quick fix (safe ones first and
preferred), ``source.fixAll.nflint`` applying every safe fix at once, and in
YAML "suppress NFxxx on this line" (a ``# nflint: disable=`` comment)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types as T

from nflint.diagnostics import Applicability, Diagnostic, Edit, FileResult, Fix
from nflint.findings import suppression
from nflint.fixes import apply as fix_apply
from nflint.load import pointer as jp
from nflint.lsp.state import Snapshot
from nflint.rules import core

FIX_ALL = "source.fixAll.nflint"
_DIRECTIVE = re.compile(r"#\s*nflint\s*:\s*disable\s*=\s*([\w-]+(?:\s*,\s*[\w-]+)*)")


def code_actions(
    snapshot: Snapshot, result: FileResult | None, params: T.CodeActionParams
) -> list[T.CodeAction] | None:
    if result is None:
        return None
    only = params.context.only
    wanted = [
        _match(snapshot, result, d) for d in params.context.diagnostics if d.source == "nflint"
    ]
    if not params.context.diagnostics:  # no diagnostics given: those under the range
        wanted = [
            (_lsp_range(snapshot, f), f)
            for f in result.diagnostics
            if _overlaps(snapshot.lines.span_range(f.span), params.range)
        ]
    actions: list[T.CodeAction] = []
    if _asked(only, T.CodeActionKind.QuickFix):
        fixes = []
        suppressions: list[T.CodeAction] = []
        for found in wanted:
            if found is None:
                continue
            shown, finding = found
            if finding.fix is not None:
                fixes.append(_quick_fix(snapshot, shown, finding.fix))
            if snapshot.path.lower().endswith((".yaml", ".yml")) or _is_yaml(snapshot):
                action = _suppress(snapshot, shown, finding)
                if action is not None and action.title not in {a.title for a in suppressions}:
                    suppressions.append(action)  # one per rule (a line may hold two findings)
        fixes.sort(key=lambda a: not a.is_preferred)
        actions.extend(fixes)
        actions.extend(suppressions)
    if _asked(only, FIX_ALL):
        every = fix_all(snapshot, result)
        if every is not None:
            actions.append(every)
    return actions or None


def _is_yaml(snapshot: Snapshot) -> bool:
    return bool(snapshot.documents) and snapshot.documents[0].format == "yaml"


def _asked(only: Sequence[str] | None, kind: str) -> bool:
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


def _overlaps(a: T.Range, b: T.Range) -> bool:
    def key(p: T.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _lsp_range(snapshot: Snapshot, finding: Diagnostic) -> T.Diagnostic:
    return T.Diagnostic(
        range=snapshot.lines.span_range(finding.span),
        message=finding.message,
        code=finding.rule,
        source="nflint",
    )


def _match(
    snapshot: Snapshot, result: FileResult, shown: T.Diagnostic
) -> tuple[T.Diagnostic, Diagnostic] | None:
    """The finding a client's diagnostic stands for: by the index the server
    gave it for this version, else by rule and range."""
    data = shown.data if isinstance(shown.data, dict) else {}
    index = data.get("index")
    fresh = data.get("version") == snapshot.version
    if fresh and isinstance(index, int) and 0 <= index < len(result.diagnostics):
        finding = result.diagnostics[index]
        if finding.rule == shown.code:
            return shown, finding
    for finding in result.diagnostics:
        if finding.rule == shown.code and snapshot.lines.span_range(finding.span) == shown.range:
            return shown, finding
    return None


def _edits(snapshot: Snapshot, edits: tuple[Edit, ...]) -> list[T.TextEdit]:
    return [
        T.TextEdit(range=snapshot.lines.range(e.start, e.end), new_text=e.content) for e in edits
    ]


def _quick_fix(snapshot: Snapshot, shown: T.Diagnostic, fix: Fix) -> T.CodeAction:
    safe = fix.applicability is Applicability.SAFE
    return T.CodeAction(
        title=fix.message if safe else f"{fix.message} (unsafe)",
        kind=T.CodeActionKind.QuickFix,
        diagnostics=[shown],
        is_preferred=safe,
        edit=T.WorkspaceEdit(changes={snapshot.uri: _edits(snapshot, fix.edits)}),
    )


def fix_all(snapshot: Snapshot, result: FileResult) -> T.CodeAction | None:
    """Every safe fix, applied as ``--fix`` applies one round of them
    (`nflint.fixes.apply`: overlapping fixes wait for the next request), as
    one edit of the whole document."""
    done = fix_apply.apply(snapshot.text, fix_apply.fixes_of(result.diagnostics, unsafe=False))
    if not done.applied or done.text == snapshot.text:
        return None
    count = len(done.applied)
    whole = snapshot.lines.range(0, len(snapshot.text))
    return T.CodeAction(
        title=f"nflint: apply {count} safe fix{'es' if count != 1 else ''}",
        kind=FIX_ALL,
        edit=T.WorkspaceEdit(changes={snapshot.uri: [T.TextEdit(range=whole, new_text=done.text)]}),
    )


def _suppress(snapshot: Snapshot, shown: T.Diagnostic, finding: Diagnostic) -> T.CodeAction | None:
    """``# nflint: disable=NFxxx`` at the end of the finding's line (added to a
    directive already there); not offered where the line ends inside a
    string spanning several lines, where a comment would become text."""
    if finding.span is None or finding.rule == core.UNUSED_SUPPRESSION:
        return None
    line = finding.span.start.line - 1
    starts = snapshot.lines.starts
    if line >= len(starts):
        return None
    start = starts[line]
    end = starts[line + 1] if line + 1 < len(starts) else len(snapshot.text)
    body = snapshot.text[start:end].rstrip("\r\n")
    line_end = start + len(body)
    if _inside_string(snapshot, line_end):
        return None
    comments = [
        (a, b) for a, b in suppression.comment_spans(snapshot.text) if start <= a < line_end
    ]
    existing = None
    for a, b in comments:
        match = _DIRECTIVE.search(snapshot.text, a, b)
        if match is not None:
            existing = match
    if existing is not None:
        if finding.rule in {r.strip() for r in existing.group(1).split(",")}:
            return None
        edit = Edit(existing.end(1), existing.end(1), f",{finding.rule}")
    elif comments:
        return None  # another comment ends the line: a directive must be its own comment
    else:
        edit = Edit(line_end, line_end, f"  # nflint: disable={finding.rule}")
    return T.CodeAction(
        title=f"Suppress {finding.rule} on this line",
        kind=T.CodeActionKind.QuickFix,
        diagnostics=[shown],
        edit=T.WorkspaceEdit(changes={snapshot.uri: _edits(snapshot, (edit,))}),
    )


def _inside_string(snapshot: Snapshot, offset: int) -> bool:
    """Whether ``offset`` lies inside a string value (a block or a quoted
    scalar continued on the next line)."""
    for doc in snapshot.documents:
        for pointer, entry in doc.source_map.items():
            if entry.start < offset < entry.end:
                try:
                    if isinstance(jp.resolve(doc.data, pointer), str):
                        return True
                except LookupError:
                    continue
    return False
