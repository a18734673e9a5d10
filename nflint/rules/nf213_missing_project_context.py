"""NF213 missing-project-context: a project-resource node in a template with
no project to create it in.

Templates run at team level. Nodes that create or act on project resources
need a project: their own ``spec.projectId``, or the nearest enclosing
``Workflow`` with ``spec.context.projectId``. A run reaching such a node
without one fails (Northflank guide "Write a template", section "Set project
context"). Checked for the project resources (services, jobs, addons,
external addons, secret groups, volumes, LLM deployments, rollout
strategies) and for the action nodes that take a
``projectId`` (Build, JobRun, AddonBackup, AddonImport, and Action or
Condition on a service, job, addon or build). Team-level nodes (Project,
Subdomain, BYOC..., ResourceTag...) need no project.

A file whose top level names its project (``"project": {"id": ...}`` as
Northflank's GitOps bot writes, or ``"project": {"spec": ...}`` in v1
project templates) has a project context everywhere. Release flows and
previews always run inside a project and are not checked; neither is a file
whose type was only guessed from its shape (it could be a preview template):
``$schema``, ``--type`` or a team-only node (Project, Pipeline, ...) settle it.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import TEMPLATE, kind_span, rationale
from nflint.rules.core import RuleInfo

#: kinds that need a project context; their own project id is spec.projectId
PROJECT_KINDS = frozenset(
    {
        "Addon",
        "BuildService",
        "CombinedService",
        "DeploymentService",
        "ManualJob",
        "CronJob",
        "Job",
        "ExternalAddon",
        "LLMModelDeployment",
        "SecretGroup",
        "Volume",
        "RolloutStrategy",
        "Build",
        "JobRun",
        "AddonBackup",
        "AddonImport",
    }
)
#: Action / Condition target kinds that act inside a project (spec.spec.data.projectId)
TARGET_KINDS = {
    "Action": frozenset({"Addon", "AddonBackup", "Job", "Service"}),
    "Condition": frozenset({"Addon", "AddonBackup", "AddonImport", "Build", "JobRun", "Service"}),
}

_ADDON = (
    "      - kind: Addon\n        spec:\n          name: database\n"
    "          type: postgresql\n          version: latest\n"
)

INFO = RuleInfo(
    id="NF213",
    name="missing-project-context",
    severity=Severity.ERROR,
    summary="a project resource in a template with no project context",
    rationale=rationale(__doc__),
    fail=TEMPLATE + "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps:\n" + _ADDON,
    ok=TEMPLATE
    + "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n"
    + "    context:\n      projectId: demo\n    steps:\n"
    + _ADDON,
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    data = ctx.doc.data
    if not isinstance(data, dict) or ctx.doc_type != "template" or ctx.type_guessed:
        return  # a guessed "template" may as well be a preview, which has a project
    result = analysis.of(ctx)
    has_context: dict[int, bool] = {}
    for node in result.nodes:
        scope = result.scopes[node.scope]
        if scope.doc_type != "template" or scope.project or analysis.node_failed(ctx, node):
            continue
        own = _own_project(node)
        if own is None or own:
            continue
        if any(_context(result, wf, has_context) for wf, _ in node.chain):
            continue
        yield ctx.diagnostic(
            node.pointer,
            f"this {node.kind} node has no project context: it has no projectId and no "
            "enclosing Workflow sets spec.context.projectId",
            span=kind_span(ctx, node),
            hint="wrap the project's nodes in a Workflow with "
            'spec.context.projectId (e.g. "${refs.project.id}"), or set spec.projectId',
        )


def _own_project(node: analysis.Node) -> bool | None:
    """True: the node names its project; False: it needs one and does not;
    None: the node needs no project."""
    spec = node.spec
    if node.kind in PROJECT_KINDS:
        return _present(spec.get("projectId"))
    targets = TARGET_KINDS.get(node.kind)
    kind = spec.get("kind")
    if targets is None or not isinstance(kind, str) or kind not in targets:  # [] is unhashable
        return None
    inner = spec.get("spec")
    data = inner.get("data") if isinstance(inner, dict) else None
    return _present(data.get("projectId")) if isinstance(data, dict) else False


def _context(result: analysis.Analysis, index: int, memo: dict[int, bool]) -> bool:
    found = memo.get(index)
    if found is None:
        context = result.nodes[index].spec.get("context")
        found = isinstance(context, dict) and _present(context.get("projectId"))
        memo[index] = found
    return found


def _present(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


RULE = Rule(INFO, check, frozenset({"template"}))
