"""NF224 secret-path: ``${secrets.<id>.<KEY>}`` without ``.values.`` or
``.files.``.

Global secrets are read as ``${secrets.<id>.values.<KEY>}`` (a variable)
or ``${secrets.<id>.files.<file>.path}`` (a secret file); see Northflank's
guide "Reference global secrets". ``${secrets.<id>.API_KEY}`` reads
nothing. A warning: the documented forms are the only ones known.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.northflank import outputs
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, rationale, segment_span
from nflint.rules.core import RuleInfo

_JOB = (
    "      - kind: JobRun\n        spec:\n          jobId: migrate\n"
    "          runtimeEnvironment:\n            API_KEY: "
)

INFO = RuleInfo(
    id="NF224",
    name="secret-path",
    severity=Severity.WARNING,
    summary="a ${secrets.<id>.<KEY>} that skips the values or files part",
    rationale=rationale(__doc__),
    fail=TEMPLATE + STEPS + _JOB + "${secrets.payments.API_KEY}\n",
    ok=TEMPLATE + STEPS + _JOB + "${secrets.payments.values.API_KEY}\n",
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for text in analysis.of(ctx).expression_texts():
        for expression in text.expressions:
            for reference in expression.references:
                path = reference.path
                if reference.root != "secrets" or len(path) < 2:
                    continue
                if path[1] in outputs.SECRET_PARTS:
                    continue
                prefix = "template." if reference.template else ""
                fixed = ".".join((f"{prefix}secrets", path[0], "values", *path[1:]))
                best = msg.did_you_mean(path[1], outputs.SECRET_PARTS)
                # as written: ``${{...}}`` (resolved at run time) keeps its braces
                written = f"${{{{{fixed}}}}}" if expression.runtime else f"${{{fixed}}}"
                hint = (
                    f"did you mean {msg.quote(best)}?"
                    if best
                    else f"write {written} (or .files.<file>.path for a secret file)"
                )
                yield ctx.diagnostic(
                    text.pointer,
                    f"{msg.quote(reference.text)} reads secret {msg.quote(path[0])} without "
                    '".values." or ".files."; Northflank documents no other path',
                    span=segment_span(ctx, text, reference, 1),
                    hint=hint,
                )


RULE = Rule(INFO, check, TYPES)
