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

A misspelt key that leaves the context unset (``contex:`` on a Workflow,
``projectID:`` in its context or in a node's spec) is one mistake: it is
reported once, at the misspelt key, naming the key it should be and the
nodes left without a project (instead of an unknown key plus one finding
per node).

A file whose top level names its project (``"project": {"id": ...}`` as
Northflank's GitOps bot writes, or ``"project": {"spec": ...}`` in v1
project templates) has a project context everywhere. Release flows and
previews always run inside a project and are not checked; neither is a file
whose type was only guessed from its shape (it could be a preview template):
``$schema``, ``--type`` or a team-only node (Project, Pipeline, ...) settle it.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import typos
from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.load import pointer as jp
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
    #: a misspelt key -> (the key it should be, where it is, the nodes it leaves bare)
    by_typo: dict[str, tuple[str, str, list[analysis.Node]]] = {}
    for node in result.nodes:
        scope = result.scopes[node.scope]
        if scope.doc_type != "template" or scope.project or analysis.node_failed(ctx, node):
            continue
        own = _own_project(node)
        if own is None or own:
            continue
        if any(_context(result, wf, has_context) for wf, _ in node.chain):
            continue
        typo = _typo(result, node)
        if typo is not None:
            pointer, intended, place = typo
            by_typo.setdefault(pointer, (intended, place, []))[2].append(node)
            continue
        yield ctx.diagnostic(
            node.pointer,
            f"this {node.kind} node has no project context: it has no projectId and no "
            "enclosing Workflow sets spec.context.projectId",
            span=kind_span(ctx, node),
            hint="wrap the project's nodes in a Workflow with "
            'spec.context.projectId (e.g. "${refs.project.id}"), or set spec.projectId',
        )
    for pointer, (intended, place, nodes) in by_typo.items():
        yield _misspelt(ctx, pointer, intended, place, nodes)


def _misspelt(
    ctx: RuleContext, pointer: str, intended: str, place: str, nodes: list[analysis.Node]
) -> Diagnostic:
    """The one finding for a misspelt key and the nodes it leaves without a project."""
    key = msg.quote(jp.split(pointer)[-1])
    names = [f"{n.kind} {msg.quote(n.ref)}" if n.ref else n.kind for n in nodes]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    if place == "own":
        return ctx.diagnostic(
            pointer,
            f"unknown key {key} in the {nodes[0].kind} node, so it has no project context",
            key=True,
            hint=f"did you mean {msg.quote(intended)}?",
        )
    verb = "has" if len(nodes) == 1 else "have"
    return ctx.diagnostic(
        pointer,
        f"unknown key {key} {place}, so {msg.plural(len(nodes), 'node')} below {verb} "
        f"no project context ({shown})",
        key=True,
        hint=f"did you mean {msg.quote(intended)}?",
    )


def _typo(result: analysis.Analysis, node: analysis.Node) -> tuple[str, str, str] | None:
    """The misspelt key that leaves ``node`` without a project, nearest
    first: (its pointer, the key meant, where it is)."""
    own = typos.misspelt(_project_holder(node), "projectId")
    if own is not None:
        holder = "/spec" if node.kind in PROJECT_KINDS else "/spec/spec/data"
        return f"{node.pointer}{holder}/{jp.escape(own)}", "projectId", "own"
    for index, _ in reversed(node.chain):
        workflow = result.nodes[index]
        spec = workflow.spec
        context = spec.get("context")
        if isinstance(context, dict):
            key = typos.misspelt(context, "projectId")
            if key is not None:
                pointer = f"{workflow.pointer}/spec/context/{jp.escape(key)}"
                return pointer, "projectId", "in the Workflow's spec.context"
        elif "context" not in spec:
            key = typos.misspelt(spec, "context", exclude=("type", "steps"))
            if key is not None:
                pointer = f"{workflow.pointer}/spec/{jp.escape(key)}"
                return pointer, "context", "in the Workflow node"
    return None


def _project_holder(node: analysis.Node) -> dict[str, object]:
    """The object that holds a node's own projectId."""
    if node.kind in PROJECT_KINDS:
        return node.spec
    inner = node.spec.get("spec")
    data = inner.get("data") if isinstance(inner, dict) else None
    return data if isinstance(data, dict) else {}


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
