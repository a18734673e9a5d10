"""NF212 opentofu-destroy-ref: ``OpenTofuDestroy.spec.nodeRef`` must be the
``ref`` of an ``OpenTofu`` node in the same document's main ``spec``.

The teardown destroys the OpenTofu state of that node; a name that matches
no OpenTofu node leaves the cloud resources running (or fails the
teardown). ``nodeRef`` is a bare ref name, not an expression.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import TEMPLATE, TYPES, rationale
from nflint.rules.core import RuleInfo

_DOC = (
    "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps:\n"
    "      - kind: OpenTofu\n        ref: infrastructure\n        spec:\n"
    "          stateKey: e4bd4d08\n          spec:\n            resource: {{}}\n"
    "teardownSpec:\n  spec:\n    kind: Workflow\n    spec:\n      type: sequential\n"
    "      steps:\n        - kind: OpenTofuDestroy\n          spec:\n"
    "            nodeRef: {ref}\n"
)

INFO = RuleInfo(
    id="NF212",
    name="opentofu-destroy-ref",
    severity=Severity.ERROR,
    summary="an OpenTofuDestroy nodeRef that names no OpenTofu node",
    rationale=rationale(__doc__),
    fail=TEMPLATE + _DOC.format(ref="infra"),
    ok=TEMPLATE + _DOC.format(ref="infrastructure"),
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    result = analysis.of(ctx)
    for node in result.nodes:
        if node.kind != "OpenTofuDestroy" or analysis.node_failed(ctx, node):
            continue
        target = node.spec.get("nodeRef")
        pointer = node.pointer + "/spec/nodeRef"
        if not isinstance(target, str) or pointer in ctx.schema_failures:
            continue
        scope = result.scopes[node.scope]
        main = [result.nodes[i] for i in scope.refs.get(target, ()) if not result.nodes[i].teardown]
        tofu = [n for n in main if n.kind == "OpenTofu"]
        if tofu:
            continue
        names = sorted(
            name
            for name, indexes in scope.refs.items()
            if any(
                result.nodes[i].kind == "OpenTofu" and not result.nodes[i].teardown for i in indexes
            )
        )
        if "${" in target:
            message = "nodeRef is a bare ref name, not an expression"
        elif main:
            message = (
                f"nodeRef {msg.quote(target)} is the ref of a node of kind "
                f"{msg.quote(main[0].kind)}, not of an OpenTofu node"
            )
        else:
            message = f"nodeRef {msg.quote(target)} does not name an OpenTofu node of the spec"
        hint = msg.suggestion(target, names) if names else None
        if hint is None and names:
            hint = f"OpenTofu nodes here: {msg.one_of(names)}"
        yield ctx.diagnostic(
            pointer, message, hint=hint or "no OpenTofu node of this document has a ref"
        )


RULE = Rule(INFO, check, TYPES)
