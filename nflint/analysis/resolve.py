"""Resolving ``${refs...}`` and ``${args...}`` against scopes (spec d.2,
d.4, a.8, c.3.4 and "Traps: scope rules").

- A node ref is visible to nodes that run after the declaring node: earlier
  steps of a sequential workflow (and everything inside them), never a
  parallel sibling, an enclosing node, or a node that runs inside the user.
  Teardown nodes see every node of the main spec (a teardown run inherits
  the refs of the last setup run); the main spec never sees teardown nodes.
- Trigger refs (``${refs.<trigger>.branch|sha|pullRequestId|repoUrl}``)
  are visible everywhere in their document.
- A nested document (Pipeline stages and preview, Template,
  WorkflowTemplate, PreviewBlueprint) is its own scope; ``template.`` reads
  the enclosing document, at the time the node holding it runs.

The results are computed once per analysis and shared by the rules.
"""

from __future__ import annotations

from typing import NamedTuple

from nflint.analysis.expressions import Reference
from nflint.analysis.walk import Analysis, Node, Scope, Text
from nflint.northflank import doctypes

TRIGGER_KEYS = ("branch", "sha", "pullRequestId", "repoUrl")
#: arguments every preview run has (spec d.2, "Special argument names")
PREVIEW_BUILTINS = frozenset({"name", "previewId"})

#: RefProblem.kind values
UNKNOWN = "unknown"
MAYBE_TRIGGER = "maybe-trigger"
LATER = "later"
PARALLEL = "parallel"
SELF = "self"
ENCLOSING = "enclosing"
INSIDE = "inside"
TEARDOWN = "teardown"
OUTER = "outer"
NESTED = "nested"


class RefProblem(NamedTuple):
    """A ``refs`` reference that does not resolve, and why."""

    text: Text
    reference: Reference
    kind: str
    #: the node declaring the ref (for ordering problems)
    node: Node | None = None
    #: the scope declaring it (for OUTER / NESTED)
    scope: Scope | None = None


class ArgUse(NamedTuple):
    """An ``args`` reference and the scope it reads."""

    text: Text
    reference: Reference
    scope: Scope
    declared: bool


#: the keys of a workflow or preview blueprint created by a WorkflowTemplate
#: or PreviewBlueprint node that say where and how it is created (the
#: template run resolves them: every trigger leaf takes an expression there)
CREATION_KEYS = frozenset({"projectId", "stageId", "triggers", "gitops", "crossProjectAccess"})


def target_scope(analysis: Analysis, text: Text, reference: Reference) -> Scope | None:
    """The scope a reference reads; None for ``template.`` outside a nested
    document (reported as an unknown root)."""
    scope = analysis.scopes[text.scope]
    if reference.template:
        return analysis.scopes[scope.parent] if scope.parent is not None else None
    outer = _creating_scope(analysis, scope, text, reference)
    return outer if outer is not None else scope


def _creating_scope(
    analysis: Analysis, scope: Scope, text: Text, reference: Reference
) -> Scope | None:
    """The document that creates ``scope``, when ``text`` says where or how
    it is created (`CREATION_KEYS`) and only that document knows the
    reference (``stageId: ${refs.stage-dev.id}``, ``projectId:
    ${args.PROJECT_ID}``). Whether Northflank reads such a plain reference
    in the creating run or wants ``template.`` is not documented: both
    are accepted."""
    if scope.parent is None or scope.owner is None:
        return None
    if analysis.nodes[scope.owner].kind not in doctypes.NESTED_BY_NODE:
        return None
    rest = text.pointer[len(scope.pointer) + 1 :]
    if rest.split("/", 1)[0] not in CREATION_KEYS:
        return None
    parent = analysis.scopes[scope.parent]
    return parent if _knows(parent, reference) and not _knows(scope, reference) else None


def _knows(scope: Scope, reference: Reference) -> bool:
    if reference.root == "args":
        return declared(scope, reference)
    if reference.root == "refs":
        return reference.name in scope.refs or reference.name in scope.triggers
    return False


def ref_problems(analysis: Analysis) -> list[RefProblem]:
    cached = analysis.memo.get("ref-problems")
    if cached is None:
        cached = list(_ref_problems(analysis))
        analysis.memo["ref-problems"] = cached
    assert isinstance(cached, list)
    return cached


def arg_uses(analysis: Analysis) -> list[ArgUse]:
    cached = analysis.memo.get("arg-uses")
    if cached is None:
        uses: list[ArgUse] = []
        for text in analysis.expression_texts():
            for expression in text.expressions:
                for reference in expression.references:
                    if reference.root != "args":
                        continue
                    scope = target_scope(analysis, text, reference)
                    if scope is not None:
                        uses.append(ArgUse(text, reference, scope, declared(scope, reference)))
        analysis.memo["arg-uses"] = cached = uses
    assert isinstance(cached, list)
    return cached


def declared(scope: Scope, reference: Reference) -> bool:
    name = reference.name
    return (
        name in scope.arguments
        or name in scope.overrides
        or name in scope.outputs
        or (scope.doc_type in doctypes.PREVIEWS and name in PREVIEW_BUILTINS)
    )


def relation(analysis: Analysis, declaring: Node, user: Node | None) -> str | None:
    """None when ``declaring`` has finished before ``user`` runs, else why not."""
    if user is None:
        return None
    if declaring.teardown != user.teardown:
        return None if user.teardown else TEARDOWN
    if declaring.index == user.index:
        return SELF
    for (workflow, mine), (_, theirs) in zip(declaring.chain, user.chain, strict=False):
        if mine != theirs:
            if is_parallel(analysis.nodes[workflow]):
                return PARALLEL
            return None if mine < theirs else LATER
    return ENCLOSING if len(declaring.chain) < len(user.chain) else INSIDE


def is_parallel(node: Node) -> bool:
    return node.kind == "Workflow" and node.spec.get("type") == "parallel"


def _ref_problems(analysis: Analysis) -> list[RefProblem]:
    elsewhere: dict[str, list[int]] = {}
    for scope in analysis.scopes:
        for name in (*scope.refs, *scope.triggers):
            elsewhere.setdefault(name, []).append(scope.index)
    # "ref" keys where nflint found no node (a broken structure the schema
    # reports): a reference to one of those is not an unknown ref. Filled on
    # the first reference found nowhere else: it reads every string of the
    # document, and most documents have no such reference.
    written: list[set[str]] = []  # [the set], once computed
    found: list[RefProblem] = []
    for text in analysis.expression_texts():
        for expression in text.expressions:
            for reference in expression.references:
                if reference.root == "refs":
                    problem = _resolve(analysis, text, reference, elsewhere, written)
                    if problem is not None:
                        found.append(problem)
    return found


def _resolve(
    analysis: Analysis,
    text: Text,
    reference: Reference,
    elsewhere: dict[str, list[int]],
    written: list[set[str]],
) -> RefProblem | None:
    scope = analysis.scopes[text.scope]
    user = text.owner
    if reference.template:
        if scope.parent is None:
            return None
        user, scope = scope.owner, analysis.scopes[scope.parent]
    elif (outer := _creating_scope(analysis, scope, text, reference)) is not None:
        user, scope = scope.owner, outer
    user_node = analysis.nodes[user] if user is not None else None
    name = reference.name
    key = reference.path[1] if len(reference.path) > 1 else None
    trigger = name in scope.triggers
    if trigger and key in TRIGGER_KEYS:
        return None
    candidates = scope.refs.get(name, [])
    first: tuple[str, Node] | None = None
    for index in candidates:
        node = analysis.nodes[index]
        why = relation(analysis, node, user_node)
        if why is None:
            return None
        first = first or (why, node)
    if trigger:
        return None
    if first is not None:
        return RefProblem(text, reference, first[0], first[1])
    others = [i for i in elsewhere.get(name, ()) if i != scope.index]
    if others:
        other = analysis.scopes[others[0]]
        if scope.parent is not None and other.index == scope.parent:
            return RefProblem(text, reference, OUTER, scope=other)
        return RefProblem(text, reference, NESTED, scope=other)
    if not written:
        written.append({t.value for t in analysis.texts if t.pointer.endswith("/ref")})
    if name in written[0]:
        return None
    if scope.doc_type in doctypes.EXTERNAL_TRIGGERS and key in TRIGGER_KEYS:
        return RefProblem(text, reference, MAYBE_TRIGGER)
    return RefProblem(text, reference, UNKNOWN)
