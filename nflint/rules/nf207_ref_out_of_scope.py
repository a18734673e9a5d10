"""NF207 ref-out-of-scope: ``${refs.x...}`` names a node that has not run
yet where the expression is evaluated.

A node's outputs exist only after it has run, and Northflank refuses to
start a run that reads a node before it has executed. Reported when the
declaring node

- comes later in a sequential workflow (or is the node itself, or encloses
  it, or runs inside it);
- is a sibling in a parallel workflow (siblings are not ordered);
- is in ``teardownSpec`` while the reader is in the main ``spec``
  (teardown nodes may read the main spec: a teardown run inherits the refs
  of the last setup run);
- belongs to another document: nested documents (a Pipeline's release
  flows and preview, Template, WorkflowTemplate, PreviewBlueprint) have
  their own refs; read the enclosing document's refs with the
  ``template.`` prefix (``${template.refs.x.id}``). Northflank documents
  that prefix for the templates of a Pipeline node; in the other nested
  documents an unprefixed outer ref is reported as a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import resolve
from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Related, Severity
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, describe_node, inside, rationale
from nflint.rules.core import RuleInfo

_ADDON = (
    "      - kind: Addon\n        ref: db\n        spec:\n          name: database\n"
    "          type: postgresql\n          version: latest\n"
)
_BACKUP = "      - kind: AddonBackup\n        spec:\n          addonId: ${refs.db.id}\n"

INFO = RuleInfo(
    id="NF207",
    name="ref-out-of-scope",
    severity=Severity.ERROR,
    summary="a ${refs.x} read before node x has run, or from another document",
    rationale=rationale(__doc__),
    fail=TEMPLATE + STEPS + _BACKUP + _ADDON,
    ok=TEMPLATE + STEPS + _ADDON + _BACKUP,
)

_WHY = {
    resolve.LATER: "runs later in its sequential workflow",
    resolve.PARALLEL: "runs in parallel with this node, so it may not have finished",
    resolve.SELF: "is the node that reads it; a node cannot read its own outputs",
    resolve.ENCLOSING: "encloses this node and has not finished when this node runs",
    resolve.INSIDE: "runs inside this node, after it has started",
    resolve.TEARDOWN: "is in teardownSpec, which runs after the main spec",
}


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    result = analysis.of(ctx)
    for problem in resolve.ref_problems(result):
        if problem.kind in (resolve.UNKNOWN, resolve.MAYBE_TRIGGER):
            continue
        reference, text = problem.reference, problem.text
        name = msg.quote(reference.name)
        span = inside(ctx, text, reference.start, reference.end)
        related: tuple[Related, ...] = ()
        hint = None
        severity: Severity | None = None
        if problem.node is not None:
            node = problem.node
            message = (
                f"the ref {name} is not available here: {describe_node(node)} {_WHY[problem.kind]}"
            )
            related = (ctx.related("declared here", node.pointer + "/ref"),)
            if problem.kind in (resolve.LATER, resolve.PARALLEL):
                hint = "move the reading node after it, in a sequential workflow"
            elif problem.kind == resolve.ENCLOSING and node.kind == "LoopWorkflow":
                # how an iteration reads its loop's values is not documented
                # (spec, open question 25): a doubt, not an error
                severity = Severity.WARNING
                hint = "Northflank documents no way to read a loop's values from inside it"
        else:
            assert problem.scope is not None
            where = problem.scope.pointer or "the top-level document"
            if problem.kind == resolve.OUTER:
                message = (
                    f"the ref {name} belongs to the enclosing document, not to this nested one"
                )
                hint = f"write ${{template.refs.{'.'.join(reference.path)}}} to read it"
                container = _container(result, text.scope)
                if container != "Pipeline":
                    # Northflank documents the template. prefix only for the
                    # templates of a Pipeline node: elsewhere, a doubt
                    severity = Severity.WARNING
                    hint += (
                        f" (Northflank documents the template. prefix for Pipeline templates;"
                        f" in a {container} node, check that the value resolves)"
                    )
            elif reference.template and problem.scope.index == text.scope:
                message = (
                    f"the ref {name} belongs to this nested document, not to the enclosing one"
                )
                hint = "remove the template. prefix"
            else:
                message = (
                    f"the ref {name} is declared in another document ({where}), not visible here"
                )
        yield ctx.diagnostic(
            text.pointer, message, span=span, related=related, hint=hint, severity=severity
        )


def _container(result: analysis.Analysis, scope_index: int) -> str:
    """The kind of the node holding a nested document ("" when unknown)."""
    owner = result.scopes[scope_index].owner
    return result.nodes[owner].kind if owner is not None else ""


RULE = Rule(INFO, check, TYPES)
