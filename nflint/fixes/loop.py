"""The fix loop: lint, apply the fixes that apply, lint again, until nothing
changes (at most `MAX_ROUNDS` rounds).

A round is kept only when the new text still parses, keeps its document
types and has no error the old text did not have (same document, rule and
pointer), except beside a repaired enum value or node kind, in the same
object: a node whose ``kind`` was repaired is validated for the first time
(a ``type`` picks the shape of its siblings), and what is wrong there was
wrong before. A renamed key whose value does not fit is refused. Otherwise
the round's fixes are tried one by one and only those that pass are kept: a
fix may never break a file. A file that does not parse is never changed.

The loop lints with secrets unmasked (a fix writes the real value back);
what it returns is text, never a report: the caller lints the final text
the usual way for the report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from nflint import engine
from nflint.diagnostics import Diagnostic, FileResult, Fix, Severity
from nflint.fixes.apply import apply, fixes_of
from nflint.load import pointer as jp
from nflint.rules import core

MAX_ROUNDS = 10
#: findings that mean the text cannot be linted at all
BROKEN = frozenset({core.INTERNAL_ERROR, core.PARSE_ERROR, core.LIMIT_EXCEEDED})

#: objects where errors may be revealed, and repaired places where they may not
Scopes = tuple[set[tuple[int, str]], set[tuple[int, str]]]
#: picks the findings whose fixes may be applied (e.g. not in the baseline)
Keep = Callable[[str, FileResult], Sequence[Diagnostic]]


class Outcome(NamedTuple):
    """What the loop did to one text."""

    text: str
    #: fixes applied, over all rounds
    fixed: int
    #: False when the last round still changed the text (MAX_ROUNDS reached)
    converged: bool = True


def fix_text(
    text: str,
    path: str,
    options: engine.Options,
    *,
    unsafe: bool = False,
    keep: Keep | None = None,
    max_rounds: int = MAX_ROUNDS,
) -> Outcome:
    """``text`` with every applicable fix applied, to a fixed point."""
    raw = options._replace(redact=False)

    def lint(candidate: str) -> FileResult:
        return engine.lint_text(candidate, path, raw)

    result = lint(text)
    if broken(result):
        return Outcome(text, 0)
    fixed = 0
    for _ in range(max_rounds):
        chosen = keep(text, result) if keep is not None else result.diagnostics
        fixes = fixes_of(chosen, unsafe)
        if not fixes:
            return Outcome(text, fixed)
        step = apply(text, fixes)
        after = lint(step.text) if step.text != text else result
        if step.text != text and acceptable(result, after, _scopes(chosen, step.applied)):
            text, result, fixed = step.text, after, fixed + len(step.applied)
            continue
        found = _one_by_one(text, result, fixes, chosen, lint)
        if found is None:
            return Outcome(text, fixed)
        text, result, count = found
        fixed += count
    return Outcome(text, fixed, converged=not fixes_of(_chosen(keep, text, result), unsafe))


def _chosen(keep: Keep | None, text: str, result: FileResult) -> Sequence[Diagnostic]:
    return keep(text, result) if keep is not None else result.diagnostics


#: the findings about a value that decides how its object is validated
_REVEALING = frozenset({core.INVALID_VALUE, core.UNKNOWN_KIND})


def _scopes(diagnostics: Sequence[Diagnostic], fixes: Sequence[Fix]) -> Scopes:
    """The objects (document, pointer) where a repaired enum value or kind
    may reveal errors, and the repaired values themselves (no new error there)."""
    applied = [d for d in diagnostics if d.fix in set(fixes)]
    objects = {(d.document, jp.parent(d.pointer)) for d in applied if d.rule in _REVEALING}
    return objects, {(d.document, d.pointer) for d in applied}



def _one_by_one(
    text: str,
    result: FileResult,
    fixes: list[Fix],
    chosen: Sequence[Diagnostic],
    lint: Callable[[str], FileResult],
) -> tuple[str, FileResult, int] | None:
    """The fixes of a failed round that pass on their own, applied together
    (each tried on top of those already accepted)."""
    accepted: list[Fix] = []
    current, current_result = text, result
    for fix in fixes:
        step = apply(text, [*accepted, fix])
        if step.text == current or fix not in step.applied:
            continue
        after = lint(step.text)
        if acceptable(result, after, _scopes(chosen, [*accepted, fix])):
            accepted.append(fix)
            current, current_result = step.text, after
    if not accepted:
        return None
    return current, current_result, len(accepted)


def broken(result: FileResult) -> bool:
    """Whether the text could not be linted (unreadable, no parse, a limit)."""
    return result.error is not None or any(d.rule in BROKEN for d in result.diagnostics)


def acceptable(before: FileResult, after: FileResult, scopes: Scopes | None = None) -> bool:
    """Whether ``after`` (the fixed text) is no worse than ``before``: it
    parses, keeps its types, and has no new error outside ``scopes`` (the
    objects, by document and pointer, where the fixes were made)."""
    if broken(after) or after.types != before.types:
        return False
    objects, repaired = scopes or (set(), set())
    known = {_error_key(d) for d in before.diagnostics if d.severity is Severity.ERROR}
    return all(
        _error_key(d) in known
        or (_inside(d, objects) and (d.document, d.pointer) not in repaired)
        for d in after.diagnostics
        if d.severity is Severity.ERROR
    )


def _inside(d: Diagnostic, scopes: set[tuple[int, str]]) -> bool:
    pointer = d.pointer
    while True:
        if (d.document, pointer) in scopes:
            return True
        if not pointer:
            return False
        pointer = jp.parent(pointer)


def _error_key(d: Diagnostic) -> tuple[int, str, str]:
    return (d.document, d.rule, d.pointer)
