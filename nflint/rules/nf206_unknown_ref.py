"""NF206 unknown-ref: ``${refs.x...}`` where no node and no trigger in the
file declares ``ref: x``.

Northflank dry-runs every reference before a run starts; an unknown ref
fails the run. Refs are case-sensitive and usually typos
(``${refs.postgres.id}`` for a node with ``ref: postgres-db``).

Release flows and preview templates can also read refs of git triggers
configured in Northflank rather than in the file
(``${refs.git-trigger.branch}``): when the ref could be such a trigger
(the key is ``branch``, ``sha``, ``pullRequestId`` or ``repoUrl``), the
finding is a warning. A ref that exists but is not visible where it is used
is NF207.
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

_NODES = (
    "      - kind: Addon\n        ref: postgres-db\n        spec:\n          name: database\n"
    "          type: postgresql\n          version: latest\n"
    "      - kind: AddonBackup\n        spec:\n"
)

INFO = RuleInfo(
    id="NF206",
    name="unknown-ref",
    severity=Severity.ERROR,
    summary="a ${refs.x} that no node or trigger declares",
    rationale=rationale(__doc__),
    fail=TEMPLATE + STEPS + _NODES + "          addonId: ${refs.postgres.id}\n",
    ok=TEMPLATE + STEPS + _NODES + "          addonId: ${refs.postgres-db.id}\n",
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    result = analysis.of(ctx)
    known: set[str] = set()
    for scope in result.scopes:
        known.update(scope.refs)
        known.update(scope.triggers)
    for problem in resolve.ref_problems(result):
        if problem.kind not in (resolve.UNKNOWN, resolve.MAYBE_TRIGGER):
            continue
        reference, text = problem.reference, problem.text
        span = inside(ctx, text, reference.name_start, reference.name_end)
        name = msg.quote(reference.name)
        if problem.kind == resolve.MAYBE_TRIGGER:
            yield ctx.diagnostic(
                text.pointer,
                f"no node or trigger in this file declares the ref {name}",
                span=span,
                severity=Severity.WARNING,
                hint="fine if a git trigger with this ref is configured in Northflank; "
                "otherwise add it to triggers",
            )
            continue
        yield ctx.diagnostic(
            text.pointer,
            f"unknown ref {name}: no node or trigger declares it",
            span=span,
            hint=msg.suggestion(reference.name, sorted(known)),
        )


RULE = Rule(INFO, check, TYPES)
