"""NF210 undeclared-argument: ``${args.X}`` where ``X`` is not declared in
``arguments`` or ``argumentOverrides``.

An argument nobody sets makes the dry-run fail before the run starts. It is
a warning, not an error, because arguments can also come from places the
file does not show: overrides stored in Northflank (never written to Git),
the run request, webhook query parameters. Never reported for the outputs of
``richInputs`` (they write arguments) or for the preview built-ins ``name``
and ``previewId``. Inside nested documents, ``${args.X}`` reads the nested
document's arguments and ``${template.args.X}`` the enclosing one's.

A misspelt ``arguments`` (or ``argumentOverrides``) key declares nothing:
the uses of the arguments it holds are reported once, at the misspelt key.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import resolve, typos
from nflint.analysis import walk as analysis
from nflint.analysis.walk import Scope
from nflint.diagnostics import Diagnostic, Severity
from nflint.load import pointer as jp
from nflint.northflank import doctypes
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, inside, rationale
from nflint.rules.core import RuleInfo

_JOB = (
    "      - kind: JobRun\n        spec:\n          jobId: migrate\n"
    "          runtimeEnvironment:\n            LOG_LEVEL: ${args.LOG_LEVEL}\n"
)

INFO = RuleInfo(
    id="NF210",
    name="undeclared-argument",
    severity=Severity.WARNING,
    summary="${args.X} with X not declared in arguments or argumentOverrides",
    rationale=rationale(__doc__),
    fail=TEMPLATE + "arguments:\n  LOGLEVEL: info\n" + STEPS + _JOB,
    ok=TEMPLATE + "arguments:\n  LOG_LEVEL: info\n" + STEPS + _JOB,
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    #: a misspelt ``arguments`` key -> the key meant and the names used from it
    folded: dict[str, tuple[str, list[str]]] = {}
    misspelt: dict[int, list[tuple[str, str, dict[str, object]]]] = {}
    for use in resolve.arg_uses(analysis.of(ctx)):
        if use.declared:
            continue
        scope = use.scope
        if scope.index not in misspelt:
            misspelt[scope.index] = _misspelt_arguments(ctx, scope)
        typo = next((t for t in misspelt[scope.index] if use.reference.name in t[2]), None)
        if typo is not None:
            names = folded.setdefault(typo[0], (typo[1], []))[1]
            if use.reference.name not in names:
                names.append(use.reference.name)
            continue
        known = [*scope.arguments, *scope.overrides, *sorted(scope.outputs)]
        if scope.doc_type in doctypes.PREVIEWS:  # previewID for previewId
            known.extend(sorted(resolve.PREVIEW_BUILTINS))
        where = "the enclosing document" if use.reference.template else "this document"
        if scope.nested and not use.reference.template:
            where = "this nested document"
        yield ctx.diagnostic(
            use.text.pointer,
            f"the argument {msg.quote(use.reference.name)} is not declared in {where}",
            span=inside(ctx, use.text, use.reference.start, use.reference.end),
            hint=msg.suggestion(use.reference.name, known)
            or "declare it in arguments, unless every run sets it (run request, webhook, "
            "overrides in Northflank)",
        )
    for pointer, (intended, names) in folded.items():
        key = msg.quote(jp.split(pointer)[-1])
        used = msg.listing([msg.quote(n) for n in names])
        yield ctx.diagnostic(
            pointer,
            f"unknown key {key}, so it declares no argument: {used} "
            f"{'is' if len(names) == 1 else 'are'} used but not declared",
            key=True,
            hint=f"did you mean {msg.quote(intended)}?",
        )


def _misspelt_arguments(
    ctx: RuleContext, scope: Scope
) -> list[tuple[str, str, dict[str, object]]]:
    """The misspelt ``arguments``/``argumentOverrides`` keys of a scope's
    document: (their pointer, the key meant, what they hold)."""
    try:
        document = jp.resolve(ctx.doc.data, scope.pointer)
    except LookupError:
        return []
    if not isinstance(document, dict):
        return []
    found = []
    for meant in ("arguments", "argumentOverrides"):
        key = typos.misspelt(document, meant, exclude=("arguments", "argumentOverrides"))
        value = document.get(key) if key is not None else None
        if isinstance(key, str) and isinstance(value, dict):
            found.append((jp.join(scope.pointer, key), meant, value))
    return found


RULE = Rule(INFO, check, TYPES)
