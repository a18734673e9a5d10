"""NF209 trigger-ref-collision: a trigger and a node declare the same ``ref``.

``${refs.x.branch}`` then reads the trigger and ``${refs.x.id}`` the node.
Northflank's own preview example does this (a trigger and a
DeploymentService both named ``redis-demo``), so it works; it is a warning
because a reader cannot tell which one an expression means.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import FLOW, RELEASE_FLOW, TYPES, line_of, rationale
from nflint.rules.core import RuleInfo

_TRIGGER = (
    "triggers:\n  - ref: api\n    vcsService: github\n    repoUrl: https://github.com/acme/api\n"
)
_BUILD = (
    "      - kind: Build\n        ref: {ref}\n        spec:\n          id: api\n"
    "          type: service\n          branch: ${{refs.api.branch}}\n"
)

INFO = RuleInfo(
    id="NF209",
    name="trigger-ref-collision",
    severity=Severity.WARNING,
    summary="a trigger and a node with the same ref",
    rationale=rationale(__doc__),
    fail=RELEASE_FLOW + _TRIGGER + FLOW + _BUILD.format(ref="api"),
    ok=RELEASE_FLOW + _TRIGGER + FLOW + _BUILD.format(ref="build-api"),
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    result = analysis.of(ctx)
    for scope in result.scopes:
        for name, pointers in scope.triggers.items():
            for index in scope.refs.get(name, ()):
                node = result.nodes[index]
                trigger = pointers[0] + "/ref"
                yield ctx.diagnostic(
                    node.pointer + "/ref",
                    f"the trigger at line {line_of(ctx, trigger)} has the same ref "
                    f"{msg.quote(name)} as this {node.kind or 'untyped'} node",
                    related=(ctx.related("trigger ref declared here", trigger),),
                    hint="rename one of them so that each expression names one thing",
                )


RULE = Rule(INFO, check, TYPES)
