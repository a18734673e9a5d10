"""Orchestration, pure: text -> documents -> schema findings -> rule
findings -> sorted, de-duplicated `FileResult`. No printing, no exiting."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import NamedTuple

from nflint.analysis.model import Analysis
from nflint.config.files import Config
from nflint.diagnostics import Diagnostic, FileResult, Position, Severity, Span
from nflint.findings import fold, policy
from nflint.findings.record import FileRecord
from nflint.load import loader, source
from nflint.messages import quote
from nflint.northflank import detect, doctypes
from nflint.rules import core
from nflint.rules._base import RuleContext
from nflint.rules.registry import RULES
from nflint.schema import check as schema_check


class Options(NamedTuple):
    """What to lint and how, independent of where the options came from."""

    #: a document type to use instead of detecting one
    doc_type: str | None = None
    #: say nothing about files that are not Northflank documents (discovery)
    quiet_foreign: bool = False
    #: the project configuration (rule selection, suppression, severity, types)
    config: Config | None = None
    #: larger files are not linted (NF007); None or 0: no limit
    max_file_size: int | None = None
    #: mask secrets in the findings (False only for the fix loop, which
    #: writes values back and never reports its findings)
    redact: bool = True


#: the default of ``nflint check --max-file-size`` (docs/robustness.md)
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


def lint_text(text: str | bytes, path: str, options: Options | None = None) -> FileResult:
    """Lint one file's content; ``path`` is only used in the findings."""
    return lint_documents(text, path, options)[0]


def lint_documents(
    text: str | bytes, path: str, options: Options | None = None
) -> tuple[FileResult, list[loader.Document]]:
    """`lint_text`, and the documents it parsed (for `nflint graph`, which
    draws what it linted without parsing the file again)."""
    # The cyclic garbage collector is paused for the file: linting allocates
    # millions of small objects and no cycle worth collecting early, and each
    # collection would walk the whole loaded document again (half the time on
    # a 10,000-node template). Whatever cycles arise are collected afterwards.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _lint_text(text, path, options)
    finally:
        if paused:
            gc.enable()


def _lint_text(
    text: str | bytes, path: str, options: Options | None
) -> tuple[FileResult, list[loader.Document]]:
    options = options or Options()
    if options.max_file_size and len(text) > options.max_file_size:
        return too_large(path, None, options), []  # stdin: read one byte past the limit
    if isinstance(text, bytes):
        decoded = source.decode(text)
        if isinstance(decoded, source.DecodeError):
            at = Position(decoded.line, decoded.column)
            span = Span(at, Position(decoded.line, decoded.column + 1))
            problem = core.diagnostic(
                core.PARSE_ERROR, decoded.message, path=path, pointer="", span=span
            )
            return _unread(path, problem, options), []
        text = decoded
    fmt = loader.guess_format(path, text)
    documents, found = loader.load(text, path, fmt)
    diagnostics: list[Diagnostic] = list(found)
    types: list[str | None] = []
    analyses: dict[int, Analysis] = {}
    configured = policy.configured_type(options.config, path)
    for doc in documents:
        doc_type, doc_findings = _lint_document(doc, options, configured, analyses)
        types.append(doc_type)
        diagnostics.extend(doc_findings)
    config = options.config or policy.DEFAULT
    record = FileRecord(path, text, fmt, tuple(documents), config, analyses)
    # folded after the selection: a note stays when what explains it is not reported
    diagnostics = fold.implicit_types(policy.apply(diagnostics, record))
    result = FileResult(path, _finish(diagnostics), tuple(types), text)
    if not result.diagnostics or not options.redact:
        return result, documents  # no reporter shows any text of a file without findings
    from nflint.findings import masking  # noqa: PLC0415 - only files with findings show text

    # secrets are masked here, before any reporter can see them
    return masking.redact(result, record), documents


def too_large(path: str, size: int | None, options: Options) -> FileResult:
    """The finding for a file over ``--max-file-size`` (it is not read);
    ``size`` None: only known to be over the limit."""
    limit = options.max_file_size or 0
    what = f"is {size:,} bytes, more than" if size is not None else "is larger than"
    problem = core.diagnostic(
        core.LIMIT_EXCEEDED,
        f"the file {what} the {limit:,}-byte limit; nflint does not lint it",
        path=path,
        pointer="",
        span=Span(Position(1, 1), Position(1, 1)),
        hint="raise the limit with --max-file-size (e.g. --max-file-size 64MiB) to lint it",
    )
    return _unread(path, problem, options)


def _unread(path: str, problem: Diagnostic, options: Options) -> FileResult:
    """The result of a file whose text nflint does not have: one finding."""
    record = FileRecord(path, None, None, (), options.config or policy.DEFAULT)
    return FileResult(path, _finish(policy.apply((problem,), record)))


def _lint_document(
    doc: loader.Document,
    options: Options,
    configured: tuple[str, str] | None = None,
    analyses: dict[int, Analysis] | None = None,
) -> tuple[str | None, list[Diagnostic]]:
    """The type ``doc`` is linted as and its findings; the rules' analysis of
    it goes into ``analyses`` (by document number) for output masking."""
    choice = detect.choose_type(doc.data, options.doc_type, configured, doc.modeline)
    if choice.type is None:
        if options.quiet_foreign:
            return None, []
        return None, [
            _about_document(
                doc,
                core.NOT_NORTHFLANK,
                f"not a Northflank document ({choice.reason})",
                "pass --type to lint it as a Northflank document anyway",
            )
        ]
    findings: list[Diagnostic] = []
    if choice.lookalike is not None:
        findings.append(_lookalike(doc, choice.type, choice.lookalike))
    if choice.guessed:
        findings.append(
            _about_document(
                doc, core.TYPE_GUESSED, _guess(choice), doctypes.declare_hint(choice.type)
            )
        )
    shared: list[dict[str, object]] = [{} for _ in choice.types]  # one per reading
    per_type = [
        _checks(doc, doc_type, choice.doubtful, memo)
        for doc_type, memo in zip(choice.types, shared, strict=True)
    ]
    analysis = shared[0].get("analysis")  # any reading's: its texts and numbers are the same
    if analyses is not None and isinstance(analysis, Analysis):
        analyses[doc.number] = analysis
    findings.extend(per_type[0] if len(per_type) == 1 else _accepted_by_all(per_type))
    return choice.type, fold.fold(findings)


def _guess(choice: detect.Choice) -> str:
    """NF006's message: what the document is linted as, and from what."""
    what = " or ".join(f"a {t}" for t in choice.types)
    if len(choice.types) > 1:
        what += ", with what both accept"
    if choice.schema_given:
        named = f"$schema {quote(choice.unnamed)} names no Northflank type"
        return f"{named}: linted as {what} ({choice.reason})"
    return f"no $schema: linted as {what} ({choice.reason})"


def _lookalike(doc: loader.Document, doc_type: str, url: str) -> Diagnostic:
    """NF008: a ``$schema`` that declares the type by an undocumented URL."""
    documented = doctypes.documented_url(doc_type)
    fix = None
    if documented is not None:
        from nflint.fixes.suggest import schema_url_fix  # noqa: PLC0415 - only for such a file

        hint = f'write the documented URL "{documented}"'
        fix = schema_url_fix(doc, url, documented)
    else:
        hint = doctypes.declare_hint(doc_type)
    return core.diagnostic(
        core.SCHEMA_URL,
        f"$schema {quote(url)} is not a URL Northflank documents; "
        f"linted as a {doc_type}, which it names",
        path=doc.path,
        pointer="/$schema",
        span=doc.source_map.value_span("/$schema") or doc.source_map.head_span(""),
        document=doc.number,
        hint=hint,
        fix=fix,
    )


def _checks(
    doc: loader.Document, doc_type: str, guessed: bool, shared: dict[str, object]
) -> list[Diagnostic]:
    """The schema and rule findings of ``doc`` read as ``doc_type``;
    ``shared``: what the rules compute once for the document (the analysis)."""
    findings: list[Diagnostic] = []
    try:
        findings.extend(schema_check.check(doc, doc_type))
    except Exception as exc:
        findings.append(_internal(doc, "schema validation", exc))
    failures = frozenset(d.pointer for d in findings if d.severity is Severity.ERROR)
    for rule in RULES:
        if not rule.applies_to(doc_type):
            continue
        ctx = RuleContext(doc, doc_type, rule.info, failures, guessed, shared)
        try:
            findings.extend(rule.check(ctx))
        except Exception as exc:
            findings.append(_internal(doc, f"rule {rule.info.id}", exc))
    return findings


def _accepted_by_all(per_type: list[list[Diagnostic]]) -> list[Diagnostic]:
    """The findings of the first type that every other type reports too
    (same rule, place and span): what none of the types accepts."""
    others = [{(d.rule, d.pointer, d.span) for d in found} for found in per_type[1:]]
    return [d for d in per_type[0] if all((d.rule, d.pointer, d.span) in o for o in others)]


def _internal(doc: loader.Document, where: str, exc: Exception) -> Diagnostic:
    return _about_document(
        doc,
        core.INTERNAL_ERROR,
        f"nflint failed in {where}: {type(exc).__name__}: {exc}",
        "please report this with the file that caused it",
    )


def _about_document(doc: loader.Document, rule: str, message: str, hint: str) -> Diagnostic:
    """A finding about a whole document, shown at its first line."""
    return core.diagnostic(
        rule,
        message,
        path=doc.path,
        pointer="",
        span=doc.source_map.head_span(""),
        document=doc.number,
        hint=hint,
    )


def _finish(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    unique: dict[tuple[object, ...], Diagnostic] = {}
    for d in diagnostics:
        unique.setdefault((d.document, d.pointer, d.rule, d.message, d.span), d)
    return tuple(sorted(unique.values(), key=Diagnostic.sort_key))


def read(path: str, options: Options | None = None) -> bytes | FileResult:
    """A file's bytes, or the result that says why it is not linted: it
    cannot be read (``FileResult.error``: missing, not a regular file, a
    FIFO or device, which is never opened) or it is over the size limit."""
    options = options or Options()
    data = source.read(path, options.max_file_size)
    if isinstance(data, source.ReadError):
        return FileResult(path, (), error=data.message)
    if isinstance(data, source.TooLarge):
        return too_large(path, data.size, options)
    return data


def lint_file(path: str, options: Options | None = None) -> FileResult:
    """Read and lint one file; an unreadable file gives ``FileResult.error``."""
    data = read(path, options)
    if isinstance(data, FileResult):
        return data
    return lint_text(data, path, options)
