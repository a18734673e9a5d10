"""What ``--fix`` and ``--diff`` show: unified diffs and the summary line
("3 fixed, 2 remaining (1 fixable with --unsafe-fixes)")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from nflint.diagnostics import Applicability, Diagnostic

if TYPE_CHECKING:
    from nflint.fixes.run import FileFix, FixRun


def diff(changed: FileFix) -> str:
    """A unified diff of one file's fix (``a/``/``b/`` paths, as git writes)."""
    import difflib  # noqa: PLC0415 - only with --diff

    before = changed.before.splitlines(keepends=True)
    after = changed.after.splitlines(keepends=True)
    old, new = (changed.path, changed.path)
    if not changed.path.startswith(("/", "<")) and ":" not in changed.path[1:3]:
        old, new = f"a/{changed.path}", f"b/{changed.path}"
    lines = difflib.unified_diff(before, after, old, new)
    out: list[str] = []
    for line in lines:
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def counts(diagnostics: Iterable[Diagnostic], unsafe: bool) -> tuple[int, int]:
    """Findings fixable now (safe, or any with ``unsafe``), and those that
    only ``--unsafe-fixes`` would fix."""
    now = hidden = 0
    for d in diagnostics:
        if d.fix is None or not d.fix.edits:
            continue
        if unsafe or d.fix.applicability is Applicability.SAFE:
            now += 1
        else:
            hidden += 1
    return now, hidden


def fixed_summary(fixed: int, remaining: Iterable[Diagnostic], unsafe: bool) -> str:
    """After ``--fix``: ``3 fixed, 2 remaining (1 fixable with --unsafe-fixes)``."""
    left = list(remaining)
    _, hidden = counts(left, unsafe)
    tail = f" ({hidden} fixable with --unsafe-fixes)" if hidden else ""
    return f"{fixed} fixed, {len(left)} remaining{tail}"


def would_fix(fixed: int, files: int) -> str:
    """After ``--diff``: how many fixes the diffs hold."""
    if not fixed:
        return "no fixes to apply"
    return f"would fix {_plural(fixed, 'finding')} in {_plural(files, 'file')}"


def available(diagnostics: Iterable[Diagnostic], unsafe: bool) -> str | None:
    """Without ``--fix``: ``[*] 2 fixable with --fix (1 more with --unsafe-fixes)``."""
    now, hidden = counts(diagnostics, unsafe)
    if not now and not hidden:
        return None
    flag = "--fix --unsafe-fixes" if unsafe else "--fix"
    if not now:
        return f"{_plural(hidden, 'finding')} fixable with --fix --unsafe-fixes"
    more = f" ({hidden} more with --unsafe-fixes)" if hidden else ""
    return f"[*] {now} fixable with {flag}{more}"


def diffs(fixed: FixRun) -> str:
    """``--diff``: the diffs of every changed file."""
    return "".join(diff(changed) for changed in fixed.changed)


def write_errors(fixed: FixRun | None) -> list[str]:
    """One line for each fixed file that could not be written."""
    if fixed is None:
        return []
    return [f"nflint: cannot write {c.path}: {c.error}" for c in fixed.changed if c.error]


def closing(
    remaining: Iterable[Diagnostic], fixed: FixRun | None, unsafe: bool, fmt: str
) -> list[tuple[str, bool]]:
    """The lines after the report and whether each goes to standard error:
    the files that could not be written; what ``--fix`` did, or (text output
    only: machine formats carry the fixes themselves) what it would fix."""
    lines = [(line, True) for line in write_errors(fixed)]
    if fixed is not None:
        lines.append((fixed_summary(fixed.fixed, remaining, unsafe), fmt != "text"))
    elif fmt == "text":
        line = available(remaining, unsafe)
        lines += [(line, False)] if line is not None else []
    return lines
