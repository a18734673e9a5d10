"""NF210 undeclared-argument: ``${args.X}`` where ``X`` is not declared in
``arguments`` or ``argumentOverrides``.

An argument nobody sets makes the dry-run fail before the run starts. It is
a warning, not an error, because arguments can also come from places the
file does not show: overrides stored in Northflank (never written to Git),
the run request, webhook query parameters. Never reported for the outputs of
``richInputs`` (they write arguments) or for the preview built-ins ``name``
and ``previewId``. Inside nested documents, ``${args.X}`` reads the nested
document's arguments and ``${template.args.X}`` the enclosing one's.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import resolve
from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
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
    for use in resolve.arg_uses(analysis.of(ctx)):
        if use.declared:
            continue
        scope = use.scope
        known = [*scope.arguments, *scope.overrides, *sorted(scope.outputs)]
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


RULE = Rule(INFO, check, TYPES)
