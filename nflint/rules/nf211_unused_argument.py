"""NF211 unused-argument: an argument declared in ``arguments`` (or only in
``argumentOverrides``) that no ``${args.X}`` of its document reads.

Often a leftover from a rename, or a typo on one side (the other side is
then NF210). Information only: a shared file may declare arguments for
templates that override them differently.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import resolve
from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, rationale
from nflint.rules.core import RuleInfo

_JOB = (
    "      - kind: JobRun\n        spec:\n          jobId: migrate\n"
    "          runtimeEnvironment:\n            LOG_LEVEL: ${args.LOG_LEVEL}\n"
)

INFO = RuleInfo(
    id="NF211",
    name="unused-argument",
    severity=Severity.INFO,
    summary="an argument that no expression reads",
    rationale=rationale(__doc__),
    fail=TEMPLATE + "arguments:\n  LOG_LEVEL: info\n  REGION: europe-west\n" + STEPS + _JOB,
    ok=TEMPLATE + "arguments:\n  LOG_LEVEL: info\n" + STEPS + _JOB,
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    result = analysis.of(ctx)
    used: dict[int, set[str]] = {}
    for use in resolve.arg_uses(result):
        used.setdefault(use.scope.index, set()).add(use.reference.name)
    for scope in result.scopes:
        seen = used.get(scope.index, set())
        declared = dict(scope.overrides)
        declared.update(scope.arguments)
        for name, pointer in declared.items():
            if name in seen:
                continue
            yield ctx.diagnostic(
                pointer,
                f"the argument {msg.quote(name)} is declared but no expression reads it",
                key=True,
            )


RULE = Rule(INFO, check, TYPES)
