"""NF208 duplicate-ref: two nodes (or two triggers) of one document declare
the same ``ref``.

``${refs.x...}`` must name one thing. No schema enforces uniqueness, but
the Northflank UI always generates distinct refs, and with two nodes named
alike a reference silently reads whichever ran last. Nested documents have
their own refs, so a nested workflow may reuse a ref of the enclosing
template. A trigger and a node sharing a ref is NF209.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, line_of, rationale
from nflint.rules.core import RuleInfo

_ADDON = "      - kind: Addon\n        ref: {ref}\n        spec:\n          name: {name}\n" + (
    "          type: postgresql\n          version: latest\n"
)

INFO = RuleInfo(
    id="NF208",
    name="duplicate-ref",
    severity=Severity.ERROR,
    summary="two nodes or two triggers with the same ref",
    rationale=rationale(__doc__),
    fail=TEMPLATE
    + STEPS
    + _ADDON.format(ref="db", name="orders")
    + _ADDON.format(ref="db", name="users"),
    ok=TEMPLATE
    + STEPS
    + _ADDON.format(ref="orders-db", name="orders")
    + _ADDON.format(ref="users-db", name="users"),
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    result = analysis.of(ctx)
    for scope in result.scopes:
        groups = [
            (name, [result.nodes[i].pointer for i in indexes], "node")
            for name, indexes in scope.refs.items()
        ]
        groups += [(name, list(pointers), "trigger") for name, pointers in scope.triggers.items()]
        for name, pointers, what in groups:
            if len(pointers) < 2:
                continue
            first = pointers[0] + "/ref"
            for pointer in pointers[1:]:
                yield ctx.diagnostic(
                    pointer + "/ref",
                    f"another {what} already declares the ref {msg.quote(name)} "
                    f"(line {line_of(ctx, first)})",
                    related=(ctx.related("first declared here", first),),
                    hint="give each node and trigger its own ref",
                )


RULE = Rule(INFO, check, TYPES)
