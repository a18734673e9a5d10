"""NF214 build-branch-and-pr: a ``Build`` (or ``BuildSource``) node
with both ``branch`` and ``pullRequestId``.

Northflank builds either a branch or a pull request; the API rejects a
build request that names both (the API reference's description of the Build
node), so the run fails at this node.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import FLOW, RELEASE_FLOW, TYPES, line_of, rationale
from nflint.rules.core import RuleInfo

_BUILD = (
    "      - kind: Build\n        spec:\n          id: api\n          type: service\n"
    "          branch: main\n"
)

INFO = RuleInfo(
    id="NF214",
    name="build-branch-and-pr",
    severity=Severity.ERROR,
    summary="a Build node with both branch and pullRequestId",
    rationale=rationale(__doc__),
    fail=RELEASE_FLOW + FLOW + _BUILD + "          pullRequestId: 42\n",
    ok=RELEASE_FLOW + FLOW + _BUILD,
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for node in analysis.of(ctx).nodes:
        if node.kind not in ("Build", "BuildSource") or analysis.node_failed(ctx, node):
            continue
        spec = node.spec
        if spec.get("branch") is None or spec.get("pullRequestId") is None:
            continue
        branch = node.pointer + "/spec/branch"
        pull = node.pointer + "/spec/pullRequestId"
        yield ctx.diagnostic(
            pull,
            f"this {node.kind} node names both a branch (line {line_of(ctx, branch, key=True)}) "
            "and a pull request; Northflank builds one or the other",
            key=True,
            related=(ctx.related("branch given here", branch, key=True),),
            hint="keep branch or pullRequestId, not both",
        )


RULE = Rule(INFO, check, TYPES)
