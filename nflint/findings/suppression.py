"""Suppressing findings: YAML comment directives and config entries.

YAML files may carry, in a comment::

    key: value  # nflint: disable=NF102,NF201   (this line)
    # nflint: disable-next-line=unknown-key       (the line after the comment)
    # nflint: disable-file=NF201                  (the whole file)

Text after the rule list (``# nflint: disable=NF102 -- a reason``) is free.
Comments are found between the tokens of PyYAML's scanner (as yamllint
does), so a ``#`` inside a quoted or block string is never a directive.

JSON cannot carry comments (and Northflank rejects unknown keys), so the
config's ``suppress`` entries do the same job: rules, files, and optionally a
JSON pointer (the finding's pointer must be at or below it).

A suppression that suppresses nothing is reported as ``NF003
unused-suppression`` (info), as is a comment that looks like a directive but
is malformed or names no rule. Suppressions of rules that are switched off
for the file are not reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

from nflint.config.files import Suppression, rule_ref
from nflint.config.globs import glob_match
from nflint.diagnostics import Diagnostic, Span
from nflint.findings.record import FileRecord
from nflint.load.source import LineIndex
from nflint.messages import quote
from nflint.rules import core, registry

KINDS = ("disable", "disable-next-line", "disable-file")

_DIRECTIVE = re.compile(r"#\s*nflint\s*:\s*(?P<body>.*)")
#: a "#" then "nflint": without one there is no directive (nor a malformed
#: one) and the comment scan (a YAML tokenisation of the file) is skipped
_MAYBE = re.compile(r"#\s*nflint")
_BODY = re.compile(
    r"(?P<kind>[A-Za-z-]+)\s*=\s*(?P<rules>[\w-]+(?:\s*,\s*[\w-]+)*)(?P<rest>(?:\s.*)?)"
)


class Directive(NamedTuple):
    """One ``# nflint: ...`` comment: what it disables and where."""

    kind: str
    #: (as written, normalised id or prefix or None when it names no rule)
    rules: tuple[tuple[str, str | None], ...]
    #: the line it applies to; None for the whole file
    target: int | None
    span: Span


class Malformed(NamedTuple):
    """A comment that starts like a directive but is not one."""

    text: str
    span: Span


def _loader() -> Any:
    import yaml  # noqa: PLC0415

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def comment_spans(text: str) -> Iterator[tuple[int, int]]:
    """Offsets of every comment in YAML ``text``, from the scanner's gaps.

    Between two tokens there is only white space and comments, so every
    ``#`` there starts a comment running to the end of its line. Scanning
    stops at a syntax error; comments before it still count.
    """
    import yaml  # noqa: PLC0415

    gaps: list[tuple[int, int]] = []
    prev = 0
    try:
        for token in yaml.scan(text, Loader=_loader()):
            start = token.start_mark.index
            if start > prev:
                gaps.append((prev, start))
            prev = max(prev, token.end_mark.index)
        gaps.append((prev, len(text)))
    except yaml.YAMLError:
        pass
    for start, end in gaps:
        pos = text.find("#", start, end)
        while pos >= 0:
            stop = len(text)
            for brk in ("\n", "\r"):
                found = text.find(brk, pos, end)
                if found >= 0:
                    stop = min(stop, found)
            stop = min(stop, end)
            yield pos, stop
            pos = text.find("#", stop, end)


def directives(text: str) -> tuple[list[Directive], list[Malformed]]:
    """The directives in YAML ``text``, and the malformed ones."""
    found: list[Directive] = []
    bad: list[Malformed] = []
    if "nflint" not in text or _MAYBE.search(text) is None:  # the common case: no scan
        return found, bad
    index = LineIndex(text)
    for start, end in comment_spans(text):
        comment = text[start:end]
        match = _DIRECTIVE.search(comment)
        if match is None:
            continue
        at = start + match.start()
        span = index.span(at, end)
        body = _BODY.fullmatch(match["body"].rstrip())
        if body is None or body["kind"] not in KINDS:
            bad.append(Malformed(comment[match.start() :].rstrip(), span))
            continue
        line = span.start.line
        target = {"disable": line, "disable-next-line": line + 1}.get(body["kind"])
        refs = tuple((ref, rule_ref(ref)) for ref in (r.strip() for r in body["rules"].split(",")))
        found.append(Directive(body["kind"], refs, target, span))
    return found, bad


def _within(pointer: str, prefix: str) -> bool:
    return pointer == prefix or pointer.startswith(prefix.rstrip("/") + "/") or prefix == ""


def apply(
    diagnostics: Sequence[Diagnostic],
    record: FileRecord,
    *,
    rel: str,
    enabled: Callable[[str], bool],
) -> list[Diagnostic]:
    """``diagnostics`` of the file ``record`` without the suppressed ones,
    plus NF003 findings for suppressions that suppressed nothing. ``rel`` is
    the file's path relative to the config; ``enabled(rule)`` says whether a
    rule is switched on for this file."""
    text = record.text
    comments, malformed = directives(text) if (record.is_yaml and text) else ([], [])
    entries = [s for s in record.config.suppress if any(glob_match(g, rel) for g in s.files)]
    used: set[tuple[int, int]] = set()
    kept: list[Diagnostic] = []
    for d in diagnostics:
        line = d.span.start.line if d.span else None
        hit = False
        for i, directive in enumerate(comments):
            if directive.target is not None and directive.target != line:
                continue
            for j, (_, ref) in enumerate(directive.rules):
                if ref is not None and d.rule.startswith(ref):
                    used.add((i, j))
                    hit = True
        for i, entry in enumerate(entries, start=len(comments)):
            if entry.pointer is not None and not _within(d.pointer, entry.pointer):
                continue
            for j, ref in enumerate(entry.rules):
                if d.rule.startswith(ref):
                    used.add((i, j))
                    hit = True
        if not hit:
            kept.append(d)
    kept.extend(_unused(comments, malformed, entries, used, record, enabled))
    return kept


def _switched_on(ref: str, enabled: Callable[[str], bool]) -> bool:
    return any(r.startswith(ref) and enabled(r) for r in registry.all_rules())


def _unused(
    comments: list[Directive],
    malformed: list[Malformed],
    entries: list[Suppression],
    used: set[tuple[int, int]],
    record: FileRecord,
    enabled: Callable[[str], bool],
) -> Iterator[Diagnostic]:
    path = record.path
    for bad in malformed:
        yield _nf003(
            f"{quote(bad.text, limit=None)} is not a valid nflint directive",
            path,
            "",
            bad.span,
            hint="write # nflint: disable=RULE, disable-next-line=RULE or disable-file=RULE",
        )
    for i, directive in enumerate(comments):
        where = {
            "disable": f"on line {directive.span.start.line}",
            "disable-next-line": f"on line {directive.span.start.line + 1}",
        }.get(directive.kind, "in this file")
        for j, (written, ref) in enumerate(directive.rules):
            quoted = quote(written, limit=None)
            if ref is None:
                yield _nf003(
                    f"{directive.kind}={quoted} names no rule",
                    path,
                    "",
                    directive.span,
                    hint="see 'nflint rules' for the rule ids and names",
                )
            elif (i, j) not in used and _switched_on(ref, enabled):
                yield _nf003(
                    f"{directive.kind}={quoted} suppresses nothing {where}",
                    path,
                    "",
                    directive.span,
                    hint="remove it, or use disable-next-line for a comment on its own line"
                    if directive.kind == "disable"
                    else "remove it",
                )
    spans: dict[str, Span | None] = {}
    for i, entry in enumerate(entries, start=len(comments)):
        for j, ref in enumerate(entry.rules):
            if (i, j) in used or not _switched_on(ref, enabled):
                continue
            pointer = entry.pointer or ""
            if pointer not in spans:
                spans[pointer] = _pointer_span(record, pointer)
            at = f" at {quote(pointer, limit=None)}" if entry.pointer is not None else ""
            yield _nf003(
                f"{entry.origin} ({quote(ref, limit=None)}{at}) suppresses nothing in this file",
                path,
                pointer,
                spans[pointer],
                hint="remove the entry or narrow its files glob",
            )


def _pointer_span(record: FileRecord, pointer: str) -> Span | None:
    """Where ``pointer`` is written in the file's first document."""
    if not record.documents:
        return None
    return record.documents[0].source_map.head_span(pointer)


def _nf003(message: str, path: str, pointer: str, span: Span | None, hint: str) -> Diagnostic:
    return core.diagnostic(
        core.UNUSED_SUPPRESSION, message, path=path, pointer=pointer, span=span, hint=hint
    )
