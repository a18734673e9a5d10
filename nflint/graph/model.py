"""What `nflint graph` draws: a flow of boxes, groups and edges, built by
`nflint.graph.build` and written by `mermaid`, `dot` and `json_graph`.

Everything is plain data in the order it was built, so the output is
deterministic: ids are ``t<n>`` (entries: triggers and starts), ``n<n>``
(nodes), ``g<n>`` (groups) and ``j<n>`` (junctions), numbered in document
order.
"""

from __future__ import annotations

from typing import NamedTuple

from nflint.diagnostics import Severity

#: Box.type values
NODE = "node"  # a Northflank node (a step)
TRIGGER = "trigger"  # a git trigger: an entry into the flow
START = "start"  # where a flow without triggers (or the teardown) starts
COLLAPSED = "collapsed"  # siblings beyond the limit, drawn as one box with a count
EMPTY = "empty"  # a workflow without steps
JUNCTION = "junction"  # where a fan-in meets the next fan-out (no label)

#: Edge.type values
FLOW = "flow"  # runs after
REF = "ref"  # reads ``${refs.X}`` of the source (drawn dashed)
CONTAINS = "contains"  # a node holding a nested document, to that document's flow

#: Group.type values
WORKFLOW = "workflow"  # a Workflow or LoopWorkflow node and its steps
NESTED = "nested"  # a Template, WorkflowTemplate, Pipeline or PreviewBlueprint node
DOCUMENT = "document"  # a (nested) document: a Pipeline stage's release flow, ...
TEARDOWN = "teardown"  # the teardownSpec


class Box(NamedTuple):
    """A box of the drawing. ``kind``/``name`` are the label (``Release`` and
    its ref, or the node's name); ``pointer`` is where it is in the document
    (a collapsed box: the first hidden sibling)."""

    id: str
    type: str
    kind: str
    name: str | None
    pointer: str
    group: str | None
    severity: Severity | None = None
    findings: int = 0
    #: how many siblings a collapsed box stands for
    hidden: int = 0


class Edge(NamedTuple):
    source: str
    target: str
    type: str = FLOW
    #: the source node's ``condition`` (``success``, ``running``), if any
    label: str | None = None


class Group(NamedTuple):
    """A subgraph: a workflow, a node holding a nested document, a nested
    document, or the teardown. ``parent`` is the enclosing group."""

    id: str
    type: str
    label: str
    pointer: str
    parent: str | None
    severity: Severity | None = None
    findings: int = 0


class Graph(NamedTuple):
    """One file's drawing: every document of the file, boxes and groups in
    the order they were built (document order)."""

    path: str
    items: tuple[Box | Group, ...]
    edges: tuple[Edge, ...]

    @property
    def boxes(self) -> list[Box]:
        return [i for i in self.items if isinstance(i, Box)]

    @property
    def groups(self) -> list[Group]:
        return [i for i in self.items if isinstance(i, Group)]

    def members(self) -> dict[str | None, list[Box | Group]]:
        """The boxes and groups directly inside each group (None: the top),
        in order: what the writers walk (one pass, not one per group)."""
        found: dict[str | None, list[Box | Group]] = {}
        for item in self.items:
            found.setdefault(item.group if isinstance(item, Box) else item.parent, []).append(item)
        return found

    def inside(self, group: str | None) -> list[Box | Group]:
        """The boxes and groups directly inside ``group`` (None: the top)."""
        return self.members().get(group, [])
