"""The properties every fix must have, checked on any text (the corpus,
generated mutations): used by tests/test_fix_properties.py.

For each finding with a fix, applied on its own:
(a) its edits change nothing outside the object the finding is in;
(b) the result still parses;
(c) the finding is gone and no error appears outside that object (inside
    it, an error may be revealed: a node validated for the first time).
For the whole fix loop: (d) a second run changes nothing.
"""

from __future__ import annotations

from nflint.diagnostics import Diagnostic, FileResult, Severity
from nflint.engine import Options, lint_text
from nflint.fixes.apply import apply
from nflint.fixes.loop import broken, fix_text
from nflint.load import loader
from nflint.load import pointer as jp

RAW = Options(redact=False)


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
    return pointer == scope or pointer.startswith(scope + "/") or scope == ""


def check_each_fix(text: str, path: str) -> int:
    """Assert (a), (b) and (c) for every fix of ``text``; how many were checked."""
    before = lint(text, path)
    if broken(before):
        assert not any(d.fix for d in before.diagnostics), "a broken file offers fixes"
        return 0
    errors = {(d.document, d.rule, d.pointer) for d in before.diagnostics if _error(d)}
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
        scope = jp.parent(d.pointer) if d.pointer else ""
        for x in after.diagnostics:
            if _error(x) and (x.document, x.rule, x.pointer) not in errors:
                assert x.document == d.document and _inside(x.pointer, scope), (d, x)
    return checked


def check_fixed_point(text: str, path: str) -> str:
    """(d): the loop's result is a fixed point; returns it."""
    once = fix_text(text, path, Options(), unsafe=True).text
    assert fix_text(once, path, Options(), unsafe=True).text == once
    if once != text:
        assert not broken(lint(once, path))
    return once


def _error(d: Diagnostic) -> bool:
    return d.severity is Severity.ERROR
