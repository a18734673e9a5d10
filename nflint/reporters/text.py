"""The human format: ``path:line:col: severity[RULE] message``, then the
source line with a caret under the span, the hint, and a summary."""

from __future__ import annotations

from nflint.diagnostics import Applicability, Diagnostic, FileResult, RunResult, Severity
from nflint.load.source import LineIndex
from nflint.messages import plural
from nflint.reporters import safe
from nflint.rules.core import url

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
MAX_LINE = 160


def _shown(text: str) -> str:
    """A message or path on one line: control characters as ``\\xNN``."""
    return safe.replace(text, safe.hex_escape)


def _replacement(_: str) -> str:
    return "\ufffd"


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def _snippet(d: Diagnostic, index: LineIndex, color: bool) -> list[str]:
    if d.span is None:
        return []
    line = d.span.start.line
    raw = index.line_text(line)
    if not raw.strip():
        return []
    # control characters as U+FFFD: one column each, carets stay aligned
    text = safe.replace(raw.expandtabs(1), _replacement)
    start = d.span.start.column - 1
    end = d.span.end.column - 1 if d.span.end.line == line else len(text)
    end = max(end, start + 1)
    if len(text) > MAX_LINE:  # keep the span in view on very long lines
        offset = max(0, min(start - 20, len(text) - MAX_LINE))
        text = ("…" if offset else "") + text[offset : offset + MAX_LINE] + "…"
        shift = offset - (1 if offset else 0)
        start, end = start - shift, min(end - shift, len(text))
    gutter = f"{line:>5} | "
    caret = " " * len(gutter[:-2]) + "| " + " " * start + "^" * max(1, end - start)
    return [gutter + text, _paint(caret, _COLORS[d.severity], color)]


def _fixable(d: Diagnostic, unsafe_fixes: bool) -> bool:
    """Whether ``--fix`` (with ``--unsafe-fixes`` when given) would fix ``d``."""
    if d.fix is None or not d.fix.edits:
        return False
    return unsafe_fixes or d.fix.applicability is Applicability.SAFE


def render_file(
    result: FileResult, color: bool, show_urls: bool = False, unsafe_fixes: bool = False
) -> list[str]:
    lines: list[str] = []
    if result.error is not None:  # one line on stderr (the command line writes it)
        return lines
    index = LineIndex(result.source) if result.source is not None else None
    for d in result.diagnostics:
        path = _shown(d.path)
        where = f"{path}:{d.span.start.line}:{d.span.start.column}" if d.span else path
        label = _paint(f"{d.severity.label}[{d.rule}]", _COLORS[d.severity], color)
        mark = "[*] " if _fixable(d, unsafe_fixes) else ""
        lines.append(f"{_paint(where, '1', color)}: {label} {mark}{_shown(d.message)}")
        if index is not None:
            lines.extend(_snippet(d, index, color))
        if d.hint:
            lines.append(f"      = hint: {_shown(d.hint)}")
        if show_urls:
            lines.append(f"      = docs: {url(d.rule)}")
    return lines


def summary(result: RunResult) -> str:
    counts = [
        (result.count(Severity.ERROR), "error"),
        (result.count(Severity.WARNING), "warning"),
        (result.count(Severity.INFO), "info"),
    ]
    parts = [plural(n, word) for n, word in counts]
    unreadable = sum(1 for f in result.files if f.error is not None)
    tail = f", {unreadable} unreadable" if unreadable else ""
    if result.baselined:
        tail += f"; {plural(result.baselined, 'finding')} hidden by the baseline"
    return f"{', '.join(parts)} in {plural(len(result.files), 'file')}{tail}"


def render(
    result: RunResult, color: bool = False, *, show_urls: bool = False, unsafe_fixes: bool = False
) -> str:
    """The report; ``show_urls`` adds a ``= docs:`` line with the rule's page
    after each finding's hint (``nflint check --show-urls``); ``unsafe_fixes``
    marks findings with an unsafe fix as fixable too (``[*]``)."""
    lines: list[str] = []
    for file_result in result.files:
        lines.extend(render_file(file_result, color, show_urls, unsafe_fixes))
    lines.append(summary(result))
    return "\n".join(lines) + "\n"
