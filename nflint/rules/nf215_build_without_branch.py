"""NF215 build-without-branch: a ``Build`` of a build service with neither
``branch`` nor ``pullRequestId``.

A build service builds a branch or a pull request, and Northflank rejects a
build request for one that names neither (the API reference's description
of the Build node). Combined services and jobs know their branch, so the rule only
fires when ``spec.id`` is known to be a ``BuildService`` of the file: a
``${refs.x.id}`` of a BuildService node, or the name of one. A warning,
because a ``sha`` alone may be accepted.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, kind_span, rationale
from nflint.rules.core import RuleInfo

_SERVICE = (
    "      - kind: BuildService\n        ref: builder\n        spec:\n          name: builder\n"
    "          vcsData:\n            projectUrl: https://github.com/acme/api\n"
    "            projectType: github\n"
    "      - kind: Build\n        spec:\n          id: ${refs.builder.id}\n"
    "          type: service\n"
)

INFO = RuleInfo(
    id="NF215",
    name="build-without-branch",
    severity=Severity.WARNING,
    summary="a Build of a build service with neither branch nor pullRequestId",
    rationale=rationale(__doc__),
    fail=TEMPLATE + STEPS + _SERVICE,
    ok=TEMPLATE + STEPS + _SERVICE + "          branch: main\n",
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    result = analysis.of(ctx)
    names: set[str] | None = None
    for node in result.nodes:
        if node.kind != "Build" or analysis.node_failed(ctx, node):
            continue
        spec = node.spec
        if spec.get("type") != "service" or spec.get("branch") is not None:
            continue
        if spec.get("pullRequestId") is not None:
            continue
        target = spec.get("id")
        if not isinstance(target, str):
            continue
        if names is None:
            names = {str(n.spec.get("name")) for n in result.nodes if n.kind == "BuildService"}
        if not (_is_build_service_ref(result, node, target) or target in names):
            continue
        yield ctx.diagnostic(
            node.pointer,
            f"this Build of the build service {msg.quote(target)} names neither a branch nor "
            "a pull request",
            span=kind_span(ctx, node),
            hint="add spec.branch (or spec.pullRequestId)",
        )


def _is_build_service_ref(result: analysis.Analysis, node: analysis.Node, target: str) -> bool:
    prefix, _, rest = target.partition("refs.")
    if (
        not target.startswith("${")
        or not target.endswith(".id}")
        or prefix
        not in (
            "${",
            "${template.",
        )
    ):
        return False
    name = rest[: -len(".id}")]
    scope = result.scopes[node.scope]
    if prefix == "${template.":
        if scope.parent is None:
            return False
        scope = result.scopes[scope.parent]
    return any(result.nodes[i].kind == "BuildService" for i in scope.refs.get(name, ()))


RULE = Rule(INFO, check, TYPES)
