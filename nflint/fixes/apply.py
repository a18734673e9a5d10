"""Apply fixes to a text: each fix's edits, in order, never two that overlap.

Fixes are sorted by their first edit. A fix whose edits overlap or touch an
edit already applied waits (it is left for the next round of the fix loop,
which lints the new text and computes it again), as ruff does. Offsets are
character offsets into the text the fixes were computed on.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from nflint.diagnostics import Applicability, Diagnostic, Edit, Fix


class Applied(NamedTuple):
    """The new text, the fixes applied and the ones that had to wait."""

    text: str
    applied: tuple[Fix, ...]
    skipped: tuple[Fix, ...]


def applies(fix: Fix | None, unsafe: bool) -> bool:
    """Whether ``fix`` is applied by ``--fix`` (plus ``--unsafe-fixes`` when
    ``unsafe``)."""
    if fix is None or not fix.edits:
        return False
    return unsafe or fix.applicability is Applicability.SAFE


def fixes_of(diagnostics: Iterable[Diagnostic], unsafe: bool) -> list[Fix]:
    """The fixes of ``diagnostics`` that apply, each once."""
    found: dict[tuple[Edit, ...], Fix] = {}
    for d in diagnostics:
        if d.fix is not None and applies(d.fix, unsafe):
            found.setdefault(_sorted(d.fix.edits), d.fix)
    return list(found.values())


def _sorted(edits: Iterable[Edit]) -> tuple[Edit, ...]:
    return tuple(sorted(edits, key=lambda e: (e.start, e.end)))


def apply(text: str, fixes: Iterable[Fix]) -> Applied:
    """``text`` with the ``fixes`` that fit applied."""
    ordered = sorted(fixes, key=lambda f: _sorted(f.edits)[:1])
    out: list[str] = []
    last = -1
    cursor = 0
    done: set[Edit] = set()
    applied: list[Fix] = []
    skipped: list[Fix] = []
    for fix in ordered:
        edits = [e for e in _sorted(fix.edits) if e not in done]
        if not edits:
            applied.append(fix)  # the same edits as a fix already applied
            continue
        if not _valid(edits, len(text)) or edits[0].start <= last:
            skipped.append(fix)
            continue
        for edit in edits:
            out.append(text[cursor : edit.start])
            out.append(edit.content)
            cursor = edit.end
            last = max(edit.end, edit.start)
            done.add(edit)
        applied.append(fix)
    out.append(text[cursor:])
    return Applied("".join(out), tuple(applied), tuple(skipped))


def _valid(edits: list[Edit], size: int) -> bool:
    """In the text, start <= end, and not overlapping one another."""
    previous = -1
    for edit in edits:
        if not 0 <= edit.start <= edit.end <= size or edit.start <= previous:
            return False
        previous = edit.end if edit.end > edit.start else edit.start
    return True
