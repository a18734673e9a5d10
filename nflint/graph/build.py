"""A document's flow as a `Graph`: what runs after what, what reads what.

- A sequential ``Workflow`` (and a ``LoopWorkflow``) chains its steps; a
  parallel one fans out to every step and fans in after them. Each is a group.
- A node's ``condition`` (``success``, ``running``) labels the edges leaving
  it: the next step waits for that state.
- ``Template``, ``WorkflowTemplate``, ``Pipeline`` and ``PreviewBlueprint``
  nodes are groups holding the node and each nested document (a Pipeline's
  stages and preview), whose flow starts from the node ("contains" edges).
- Triggers are the entries of a document's flow (a document without
  triggers starts at a "start" box); the ``teardownSpec`` is a group with its
  own start.
- ``${refs.X...}`` in a node draws a "ref" edge from the node (or trigger)
  declaring ``X`` to the node reading it, resolved as the rules resolve it
  (`nflint.analysis.resolve`): in the document's own scope, ``template.``
  in the enclosing one.
- Findings mark the box or group they are in (the innermost one whose
  pointer starts the finding's pointer) with their worst severity.
- A workflow with more than ``limit`` steps draws ``limit - 1`` of them and
  one "collapsed" box that stands for the rest, with their count.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from nflint.analysis import resolve, walk
from nflint.diagnostics import Diagnostic, Severity
from nflint.graph import model as m
from nflint.load import pointer as jp
from nflint.load.loader import Document
from nflint.northflank import doctypes

#: siblings drawn before the rest collapse into one box
DEFAULT_LIMIT = 12

#: (box, label of the edges leaving it)
Exit = tuple[str, str | None]
Flow = tuple[list[str], list[Exit]]



def drawn_as(doc_type: str | None) -> str:
    """The type a document is drawn as ("": not drawn): the types the rules
    read; of two possible readings (``workflow|preview-blueprint``), the first."""
    first = (doc_type or "").split("|", 1)[0]
    return first if first in doctypes.DOCUMENTS else ""


def build(
    path: str,
    documents: Sequence[tuple[Document, str]],
    findings: Iterable[Diagnostic] = (),
    *,
    limit: int = DEFAULT_LIMIT,
) -> m.Graph:
    """The drawing of a file's ``documents`` (each with its document type;
    only the types the rules read are drawn) with ``findings`` marked. A
    document that reads as either of two types (``workflow|preview-blueprint``:
    nothing in it tells them apart) is drawn as the first; both have the
    same flow."""
    builder = _Builder(max(2, limit))
    drawn = [(doc, drawn_as(kind)) for doc, kind in documents if drawn_as(kind)]
    by_document: dict[int, list[Diagnostic]] = {}
    for d in findings:
        by_document.setdefault(d.document, []).append(d)
    for doc, doc_type in drawn:
        builder.where = {}
        group = None
        if len(drawn) > 1:
            group = builder.group(m.DOCUMENT, f"document {doc.number} ({doc_type})", "", None)
        if isinstance(doc.data, dict):
            builder.document(doc.data, "", group)
            builder.refs(walk.analyze(doc, doc_type))
        builder.mark(by_document.get(doc.number, ()))
    return m.Graph(path, tuple(builder.finished()), tuple(builder.edges))


class _Builder:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.items: list[m.Box | m.Group] = []
        self.edges: list[m.Edge] = []
        self._edge_set: set[m.Edge] = set()
        self._numbers = {"t": 0, "n": 0, "g": 0, "j": 0}
        #: pointer -> id of the box or group drawn for it (this document)
        self.where: dict[str, str] = {}
        #: id -> (worst severity, number of findings)
        self.marks: dict[str, tuple[Severity, int]] = {}

    # -- the pieces ------------------------------------------------------

    def _id(self, prefix: str) -> str:
        number = self._numbers[prefix]
        self._numbers[prefix] = number + 1
        return f"{prefix}{number}"

    def box(
        self,
        type_: str,
        kind: str,
        name: str | None,
        pointer: str,
        group: str | None,
        hidden: int = 0,
    ) -> str:
        prefix = {m.TRIGGER: "t", m.START: "t", m.JUNCTION: "j"}.get(type_, "n")
        box = m.Box(self._id(prefix), type_, kind, name, pointer, group, hidden=hidden)
        self.items.append(box)
        if type_ in (m.NODE, m.TRIGGER, m.COLLAPSED, m.EMPTY):
            self.where.setdefault(pointer, box.id)
        return box.id

    def group(self, type_: str, label: str, pointer: str, parent: str | None) -> str:
        group = m.Group(self._id("g"), type_, label, pointer, parent)
        self.items.append(group)
        if type_ in (m.WORKFLOW, m.TEARDOWN):
            self.where.setdefault(pointer, group.id)
        return group.id

    def edge(self, source: str, target: str, type_: str = m.FLOW, label: str | None = None) -> None:
        edge = m.Edge(source, target, type_, label)
        if source != target and edge not in self._edge_set:
            self._edge_set.add(edge)
            self.edges.append(edge)

    def connect(self, exits: list[Exit], entries: list[str], group: str | None) -> None:
        """Each exit to each entry; through one junction when both are many
        (a parallel workflow followed by another: n + m edges, not n * m)."""
        if len(exits) > 1 and len(entries) > 1:
            junction = self.box(m.JUNCTION, "", None, "", group)
            for source, label in exits:
                self.edge(source, junction, m.FLOW, label)
            for target in entries:
                self.edge(junction, target)
            return
        for source, label in exits:
            for target in entries:
                self.edge(source, target, m.FLOW, label)

    # -- documents and nodes ---------------------------------------------

    def document(self, data: dict[str, object], pointer: str, group: str | None) -> list[str]:
        """Draw a document; its entries (triggers, or a start box)."""
        entries: list[str] = []
        triggers = data.get("triggers")
        for i, trigger in enumerate(triggers if isinstance(triggers, list) else ()):
            ref = trigger.get("ref") if isinstance(trigger, dict) else None
            name = ref if isinstance(ref, str) and ref else None
            where = jp.join(pointer, "triggers", i)
            entries.append(self.box(m.TRIGGER, "trigger", name, where, group))
        spec = data.get("spec")
        if isinstance(spec, dict):
            if not entries:
                entries.append(self.box(m.START, "start", None, pointer, group))
            first, _ = self.flow(spec, jp.join(pointer, "spec"), group)
            self.connect([(e, None) for e in entries], first, group)
        teardown = data.get("teardownSpec")
        if isinstance(teardown, dict) and isinstance(teardown.get("spec"), dict):
            where = jp.join(pointer, "teardownSpec")
            policy = teardown.get("failurePolicy")
            label = "teardown" + (f" (failurePolicy {policy})" if isinstance(policy, str) else "")
            inner = self.group(m.TEARDOWN, label, where, group)
            start = self.box(m.START, "teardown", None, where, inner)
            first, _ = self.flow(teardown["spec"], jp.join(where, "spec"), inner)
            self.connect([(start, None)], first, inner)
        return entries

    def flow(self, data: object, pointer: str, group: str | None) -> Flow:
        """Draw a node (and what it holds); its entry boxes and exits."""
        if not isinstance(data, dict):
            box = self.box(m.NODE, "?", None, pointer, group)
            return [box], [(box, None)]
        kind = data.get("kind") if isinstance(data.get("kind"), str) else "?"
        assert isinstance(kind, str)
        ref = data.get("ref") if isinstance(data.get("ref"), str) and data.get("ref") else None
        spec = data.get("spec") if isinstance(data.get("spec"), dict) else {}
        assert isinstance(spec, dict) and (ref is None or isinstance(ref, str))
        condition = data.get("condition")
        label = condition if isinstance(condition, str) and condition else None
        steps = spec.get("steps")
        if kind in walk.STEP_KINDS and isinstance(steps, list):
            entries, exits = self.workflow(kind, ref, spec, steps, pointer, group)
            return entries, [(b, old or label) for b, old in exits]
        name = ref
        if name is None and isinstance(spec.get("name"), str) and spec.get("name"):
            name = str(spec["name"])
        nested = _nested(kind, spec, pointer)
        if not nested:
            box = self.box(m.NODE, kind, name, pointer, group)
            return [box], [(box, label)]
        holder = self.group(m.NESTED, kind + (f" {name}" if name else ""), pointer, group)
        box = self.box(m.NODE, kind, name, pointer, holder)
        for title, document, where in nested:
            inner = self.group(m.DOCUMENT, title, where, holder)
            for entry in self.document(document, where, inner):
                self.edge(box, entry, m.CONTAINS)
        return [box], [(box, label)]

    def workflow(
        self,
        kind: str,
        ref: str | None,
        spec: dict[str, object],
        steps: list[object],
        pointer: str,
        group: str | None,
    ) -> Flow:
        type_ = spec.get("type")
        parallel = kind == "Workflow" and type_ == "parallel"
        label = kind + (f" {type_}" if isinstance(type_, str) and kind == "Workflow" else "")
        inner = self.group(m.WORKFLOW, label + (f" {ref}" if ref else ""), pointer, group)
        base = jp.join(pointer, "spec", "steps")
        shown = steps if len(steps) <= self.limit else steps[: self.limit - 1]
        parts = [self.flow(step, f"{base}/{i}", inner) for i, step in enumerate(shown)]
        hidden = len(steps) - len(shown)
        if hidden:
            first = f"{base}/{len(shown)}"
            box = self.box(m.COLLAPSED, "more steps", None, first, inner, hidden=hidden)
            for i in range(len(shown), len(steps)):
                self.where[f"{base}/{i}"] = box
            parts.append(([box], [(box, None)]))
        if not parts:
            box = self.box(m.EMPTY, "no steps", None, base, inner)
            return [box], [(box, None)]
        if parallel:
            return [e for p in parts for e in p[0]], [x for p in parts for x in p[1]]
        for before, after in itertools.pairwise(parts):
            self.connect(before[1], after[0], inner)
        return parts[0][0], parts[-1][1]

    # -- refs and findings -----------------------------------------------

    def element(self, pointer: str) -> str | None:
        """The innermost box or group drawn for ``pointer`` or an ancestor."""
        while True:
            found = self.where.get(pointer)
            if found is not None or not pointer:
                return found
            pointer = jp.parent(pointer)

    def refs(self, analysis: walk.Analysis) -> None:
        for text in analysis.expression_texts():
            if text.owner is None:
                continue
            user = self.element(analysis.nodes[text.owner].pointer)
            for expression in text.expressions:
                for reference in expression.references:
                    if reference.root != "refs" or user is None:
                        continue
                    scope = resolve.target_scope(analysis, text, reference)
                    source = _declared(analysis, scope, reference.name) if scope else None
                    found = self.element(source) if source is not None else None
                    if found is not None:
                        self.edge(found, user, m.REF)

    def mark(self, findings: Iterable[Diagnostic]) -> None:
        for d in findings:
            found = self.element(d.pointer)
            if found is None:
                continue
            worst, count = self.marks.get(found, (d.severity, 0))
            self.marks[found] = (max(worst, d.severity), count + 1)

    def finished(self) -> list[m.Box | m.Group]:
        out: list[m.Box | m.Group] = []
        for item in self.items:
            mark = self.marks.get(item.id)
            out.append(item._replace(severity=mark[0], findings=mark[1]) if mark else item)
        return out


def _declared(analysis: walk.Analysis, scope: walk.Scope, name: str) -> str | None:
    """Where ``name`` is declared in ``scope``: its first node, else its
    first trigger."""
    nodes = scope.refs.get(name)
    if nodes:
        return analysis.nodes[nodes[0]].pointer
    triggers = scope.triggers.get(name)
    return triggers[0] if triggers else None


Nested = list[tuple[str, dict[str, object], str]]


def _title(doc_type: str) -> str:
    """A document type as a subgraph title: ``release flow``."""
    return doc_type.replace("-", " ")


def _nested(kind: str, spec: dict[str, object], pointer: str) -> Nested:
    """The documents a node holds: (title, document, pointer)."""
    here = jp.join(pointer, "spec")
    whole = doctypes.NESTED_BY_NODE.get(kind)  # WorkflowTemplate, PreviewBlueprint
    if whole is not None:
        return [(_title(whole), spec, here)]
    if kind == "Template":
        inner = spec.get("spec")
        nested = doctypes.NESTED_BY_TEMPLATE_KIND.get(str(spec.get("kind")))
        if nested and isinstance(inner, dict):
            return [(_title(nested), inner, jp.join(here, "spec"))]
        return []
    if kind != "Pipeline":
        return []
    found: Nested = []
    stages = spec.get("stages")
    for i, stage in enumerate(stages if isinstance(stages, list) else ()):
        flow = stage.get("releaseFlow") if isinstance(stage, dict) else None
        inner = flow.get("spec") if isinstance(flow, dict) else None
        if isinstance(inner, dict):
            name = stage.get("name") if isinstance(stage, dict) else None
            title = f"stage {name if isinstance(name, str) and name else i}: release flow"
            found.append((title, inner, jp.join(here, "stages", i, "releaseFlow", "spec")))
    preview = spec.get("preview")
    inner = preview.get("spec") if isinstance(preview, dict) else None
    if isinstance(inner, dict):
        found.append((_title("preview-template"), inner, jp.join(here, "preview", "spec")))
    return found
