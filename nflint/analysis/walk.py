"""One walk over a document, shared by the semantic rules.

The walk records, in a single linear pass:

- scopes: the document and each nested document (a ``Pipeline``'s release
  flows and preview template, a ``Template``'s nested template, a
  ``WorkflowTemplate``'s workflow, a ``PreviewBlueprint``'s blueprint), with
  their arguments, rich-input outputs, triggers and node refs;
- nodes: every node of every ``spec`` and ``teardownSpec.spec`` tree, with
  its place in the workflow tree (for "runs later" checks);
- texts: every string value, with the scope and the node it belongs to,
  and its parsed ``${...}`` expressions;
- numbers: every number value, with its pointer.

`of` computes it once per document, for the first rule that asks, and every
rule reads the same analysis. Expressions are resolved by `nflint.resolve`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from nflint.analysis import expressions
from nflint.analysis.expressions import Expression
from nflint.analysis.model import Analysis, Node, Scope, Text
from nflint.load import pointer as jp
from nflint.load.loader import Document
from nflint.northflank import doctypes

if TYPE_CHECKING:  # the rules import this module
    from nflint.rules._base import RuleContext

STEP_KINDS = frozenset({"Workflow", "LoopWorkflow"})

__all__ = ["Analysis", "Node", "Scope", "Text", "analyze", "node_failed", "of"]


def analyze(doc: Document, doc_type: str) -> Analysis:
    """The analysis of ``doc`` read as ``doc_type`` (one walk)."""
    # The walk allocates about one object per string of the document and no
    # reference cycles; with a large document loaded, the cyclic collector
    # would meanwhile run full collections over the whole document (a third
    # of the walk's time on a 10,000-node template), for nothing to free.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _Walker(doc_type).run(doc.data)
    finally:
        if paused:
            gc.enable()


def of(ctx: RuleContext) -> Analysis:
    """The analysis every rule of one document shares: computed by the first
    rule that asks, kept in the document's ``ctx.shared`` (nothing outlives
    the document: no module-level cache holds a document after its lint)."""
    found = ctx.shared.get("analysis")
    if isinstance(found, Analysis) and found.doc_type == ctx.doc_type:
        return found
    result = analyze(ctx.doc, ctx.doc_type)
    ctx.shared["analysis"] = result
    return result


def node_failed(ctx: RuleContext, node: Node) -> bool:
    """The node's kind failed the schema (unknown or not allowed here): rules
    about what such a node does would be cascades."""
    return jp.join(node.pointer, "kind") in ctx.schema_failures


class _Walker:
    def __init__(self, doc_type: str) -> None:
        self.result = Analysis(doc_type)
        #: string -> its parsed expressions (Expression is immutable and its
        #: offsets are relative to the string, so equal strings share them)
        self._parsed: dict[str, tuple[Expression, ...]] = {}

    def run(self, data: object) -> Analysis:
        if isinstance(data, dict):
            self._document(data, "", self.result.doc_type, None, None)
        return self.result

    # -- documents -------------------------------------------------------

    def _document(
        self,
        data: dict[str, object],
        pointer: str,
        doc_type: str,
        parent: int | None,
        owner: int | None,
    ) -> None:
        scope = Scope(len(self.result.scopes), doc_type, pointer, parent, owner)
        self.result.scopes.append(scope)
        project = data.get("project")
        if isinstance(project, dict):  # {"id": ...} or {"spec": ...} (v1 project templates)
            scope.project = bool(project.get("id") or project.get("spec"))
        else:
            project_id = data.get("projectId")
            scope.project = isinstance(project_id, str) and bool(project_id.strip())
        for name in ("arguments", "argumentOverrides"):
            declared = data.get(name)
            if isinstance(declared, dict):
                target = scope.arguments if name == "arguments" else scope.overrides
                for key in declared:
                    target[key] = jp.join(pointer, name, key)
        rich = data.get("richInputs")
        for item in rich if isinstance(rich, list) else ():
            spec = item.get("spec") if isinstance(item, dict) else None
            outputs = spec.get("outputs") if isinstance(spec, dict) else None
            if isinstance(outputs, dict):
                scope.outputs.update(v for v in outputs.values() if isinstance(v, str))
        triggers = data.get("triggers")
        for i, trigger in enumerate(triggers if isinstance(triggers, list) else ()):
            ref = trigger.get("ref") if isinstance(trigger, dict) else None
            if isinstance(ref, str) and ref:
                scope.triggers.setdefault(ref, []).append(jp.join(pointer, "triggers", i))
        for key, value in data.items():
            child = _join(pointer, key)
            if key == "spec":
                self._node(value, child, scope, False, ())
            elif key == "teardownSpec" and isinstance(value, dict):
                for sub, sub_value in value.items():
                    sub_ptr = _join(child, sub)
                    if sub == "spec":
                        self._node(sub_value, sub_ptr, scope, True, ())
                    else:
                        self._plain(sub_value, sub_ptr, scope.index, None)
            else:
                self._plain(value, child, scope.index, None)

    # -- nodes -----------------------------------------------------------

    def _node(
        self,
        data: object,
        pointer: str,
        scope: Scope,
        teardown: bool,
        chain: tuple[tuple[int, int], ...],
    ) -> None:
        if not isinstance(data, dict):
            self._plain(data, pointer, scope.index, None)
            return
        kind = data.get("kind")
        ref = data.get("ref")
        node = Node(
            len(self.result.nodes),
            pointer,
            kind if isinstance(kind, str) else "",
            ref if isinstance(ref, str) and ref else None,
            scope.index,
            teardown,
            chain,
            data,
        )
        self.result.nodes.append(node)
        if node.ref is not None:
            scope.refs.setdefault(node.ref, []).append(node.index)
        for key, value in data.items():
            child = _join(pointer, key)
            if key == "spec" and isinstance(value, dict):
                self._spec(node, value, child, scope)
            else:
                self._plain(value, child, scope.index, node.index)

    def _spec(self, node: Node, spec: dict[str, object], pointer: str, scope: Scope) -> None:
        kind = node.kind
        whole = doctypes.NESTED_BY_NODE.get(kind or "")
        if whole is not None:  # WorkflowTemplate, PreviewBlueprint
            self._document(spec, pointer, whole, scope.index, node.index)
            return
        if kind == "Template":
            nested = doctypes.NESTED_BY_TEMPLATE_KIND.get(str(spec.get("kind")))
            if nested is not None:
                self._wrapper(spec, pointer, scope, node, nested)
                return
        for key, value in spec.items():
            child = _join(pointer, key)
            if key == "steps" and kind in STEP_KINDS and isinstance(value, list):
                for i, step in enumerate(value):
                    link = ((node.index, i),)
                    self._node(step, f"{child}/{i}", scope, node.teardown, node.chain + link)
            elif kind == "Pipeline" and key == "preview" and isinstance(value, dict):
                self._wrapper(value, child, scope, node, "preview-template")
            elif kind == "Pipeline" and key == "stages" and isinstance(value, list):
                for i, stage in enumerate(value):
                    self._stage(stage, f"{child}/{i}", scope, node)
            else:
                self._plain(value, child, scope.index, node.index)

    def _stage(self, stage: object, pointer: str, scope: Scope, node: Node) -> None:
        if not isinstance(stage, dict):
            self._plain(stage, pointer, scope.index, node.index)
            return
        for key, value in stage.items():
            child = _join(pointer, key)
            if key == "releaseFlow" and isinstance(value, dict):
                self._wrapper(value, child, scope, node, "release-flow")
            else:
                self._plain(value, child, scope.index, node.index)

    def _wrapper(
        self, data: dict[str, object], pointer: str, scope: Scope, node: Node, doc_type: str
    ) -> None:
        """``{"kind": ..., "spec": <nested document>}``."""
        for key, value in data.items():
            child = _join(pointer, key)
            if key == "spec" and isinstance(value, dict):
                self._document(value, child, doc_type, scope.index, node.index)
            else:
                self._plain(value, child, scope.index, node.index)

    # -- everything else -------------------------------------------------

    def _plain(self, data: object, pointer: str, scope: int, owner: int | None) -> None:
        """Record every string and number under ``data``, in document order
        (pre-order).

        This runs over every value of the document, so it is written for
        speed: an explicit stack of live iterators (no recursion, so deep
        documents cannot overflow Python's stack; no per-child tuples or
        lists), pointers built only for strings, numbers and containers, and the
        expression parser called only for strings holding ``${``, once per
        distinct string (templates repeat the same expressions a lot)."""
        texts, with_expressions = self.result.texts, self.result.expression_list
        numbers = self.result.numbers
        parsed = self._parsed
        # (pointer of a container, its (key or index, value) pairs not yet seen, is a dict)
        stack: list[tuple[str | None, Iterator[tuple[Any, object]], bool]] = [
            (None, enumerate((data,)), False)  # a one-item frame for ``data`` itself
        ]
        while stack:
            base, items, is_dict = stack[-1]
            for key, value in items:
                if isinstance(value, str):
                    ptr = pointer if base is None else _child(base, key, is_dict)
                    if "${" in value:
                        found = parsed.get(value)
                        if found is None:
                            found = parsed[value] = expressions.parse(value)
                        text = Text(ptr, value, scope, owner, found)
                        with_expressions.append(text)
                    else:
                        text = Text(ptr, value, scope, owner)
                    texts.append(text)
                elif isinstance(value, (dict, list)):
                    # descend: the child's frame goes on top; this frame's
                    # iterator resumes where it stopped once the child is done
                    ptr = pointer if base is None else _child(base, key, is_dict)
                    child_is_dict = isinstance(value, dict)
                    pairs = iter(value.items()) if isinstance(value, dict) else enumerate(value)
                    stack.append((ptr, pairs, child_is_dict))
                    break
                elif type(value) is int or type(value) is float:  # not a bool
                    numbers.append((pointer if base is None else _child(base, key, is_dict), value))
                # booleans, null: nothing to record
            else:
                stack.pop()


def _child(base: str, key: Any, in_dict: bool) -> str:
    """The pointer of ``base``'s member ``key`` (a dict key or a list index)."""
    if in_dict:
        return base + "/" + (_escape(key) if "~" in key or "/" in key else key)
    return f"{base}/{key}"


def _join(pointer: str, key: object) -> str:
    """``jp.join(pointer, key)`` for one key, without its general-case cost
    (it runs on every key of every node)."""
    if isinstance(key, str) and "~" not in key and "/" not in key:
        return pointer + "/" + key
    return jp.join(pointer, key)  # type: ignore[arg-type]  # keys are str or int


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
