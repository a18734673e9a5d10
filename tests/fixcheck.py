"""The properties of the fixes, checked on any text (the corpus, the golden
cases, generated mutations): used by tests/test_fix_properties.py.

Each finding's fix, applied on its own:
(a) changes nothing outside the object the finding is in;
(b) leaves a file that parses, with the same document types;
(c) removes the finding.
The fix loop (all fixes, safe and unsafe, to a fixed point):
(c) adds no error, but beside a repaired enum value or node kind (in its
    object, never at the repaired value: a node validated for the first
    time); every fix left in the result is one the loop refuses;
(d) a second run changes nothing.
"""

from __future__ import annotations

from nflint.diagnostics import Diagnostic, FileResult, Severity
from nflint.engine import Options, lint_text
from nflint.fixes.apply import apply
from nflint.fixes.loop import acceptable, broken, fix_text
from nflint.load import loader
from nflint.load import pointer as jp

RAW = Options(redact=False)
REVEALING = ("NF104", "NF108")


def lint(text: str, path: str) -> FileResult:
    return lint_text(text, path, RAW)


def _object_range(text: str, path: str, d: Diagnostic) -> tuple[int, int]:
    """From the start of the line where the finding's object starts to the
    end of the line where it ends (the whole text for the root)."""
    documents, _ = loader.load(text, path)
    doc = next(x for x in documents if x.number == d.document)
    parent = jp.parent(d.pointer) if d.pointer else ""
    entry = doc.source_map.entry(doc.source_map.nearest(parent))
    if entry is None or not parent:
        return 0, len(text)
    start = max(text.rfind("\n", 0, entry.start), text.rfind("\r", 0, entry.start)) + 1
    end = entry.end
    while end < len(text) and text[end] not in "\r\n":
        end += 1
    return start, min(len(text), end + 2)


def _inside(pointer: str, scope: str) -> bool:
    return pointer == scope or pointer.startswith(scope + "/")


def _error(d: Diagnostic) -> bool:
    return d.severity is Severity.ERROR


def check_each_fix(text: str, path: str) -> int:
    """Assert (a), (b) and (c) for every fix of ``text``; how many were checked."""
    before = lint(text, path)
    if broken(before):
        assert not any(d.fix for d in before.diagnostics), "a broken file offers fixes"
        return 0
    checked = 0
    for d in before.diagnostics:
        if d.fix is None:
            continue
        checked += 1
        low, high = _object_range(text, path, d)
        for edit in d.fix.edits:
            assert low <= edit.start <= edit.end <= high, (d, edit, (low, high))
        step = apply(text, [d.fix])
        assert step.applied == (d.fix,), d
        after = lint(step.text, path)
        assert not broken(after), (d, step.text)
        assert after.types == before.types, d
        remaining = {(x.document, x.rule, x.pointer, x.message) for x in after.diagnostics}
        assert (d.document, d.rule, d.pointer, d.message) not in remaining, (d, step.text)
    return checked


def check_fixed_point(text: str, path: str) -> str:
    """(c) and (d) for the fix loop; returns the fixed text."""
    once = fix_text(text, path, Options(), unsafe=True).text
    assert fix_text(once, path, Options(), unsafe=True).text == once
    if once == text:
        return once
    before, after = lint(text, path), lint(once, path)
    assert not broken(after) and after.types == before.types
    errors = {(d.document, d.rule, d.pointer) for d in before.diagnostics if _error(d)}
    revealing = [d for d in before.diagnostics if d.fix and d.rule in REVEALING and d.pointer]
    for x in after.diagnostics:
        if _error(x) and (x.document, x.rule, x.pointer) not in errors:
            assert any(
                x.document == d.document
                and _inside(x.pointer, jp.parent(d.pointer))
                and x.pointer != d.pointer
                for d in revealing
            ), x
    for left in after.diagnostics:
        if left.fix is not None:
            trial = lint(apply(once, [left.fix]).text, path)
            assert not acceptable(after, trial, _own_scope(left)), left
    return once


def _own_scope(d: Diagnostic) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    objects = {(d.document, jp.parent(d.pointer))} if d.rule in REVEALING and d.pointer else set()
    return objects, {(d.document, d.pointer)}
