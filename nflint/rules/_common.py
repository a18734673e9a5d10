"""Helpers shared by the semantic rules: where a finding inside a string
is, and the headers of the example documents in each rule's `RuleInfo`."""

from __future__ import annotations

from nflint.analysis.expressions import Reference
from nflint.analysis.walk import Node, Text
from nflint.diagnostics import Span
from nflint.load import strpos
from nflint.messages import quote
from nflint.northflank import doctypes
from nflint.rules._base import RuleContext

#: the rules read documents people write (not run responses)
TYPES = doctypes.DOCUMENTS

TEMPLATE = "$schema: https://api.northflank.com/v1/schemas/template\napiVersion: v1.2\nname: demo\n"
RELEASE_FLOW = "$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1.2\n"
#: a sequential root workflow with a project context; append indented steps
STEPS = (
    "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n"
    "    context:\n      projectId: demo\n    steps:\n"
)
#: a sequential root workflow without a context (release flows, previews)
FLOW = "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps:\n"


def rationale(doc: str | None) -> str:
    """A rule module's docstring without its first paragraph (``NFnnn name:
    summary``), which the catalogue already prints as id, name and summary."""
    _, _, body = (doc or "").strip().partition("\n\n")
    return body.strip()


def inside(ctx: RuleContext, text: Text, start: int, end: int) -> Span | None:
    """The span of characters ``start:end`` of a string value."""
    return strpos.span(ctx.doc, text.pointer, start, end)


def kind_span(ctx: RuleContext, node: Node) -> Span | None:
    """Where to point for a finding about a whole node: its ``kind`` value."""
    return ctx.span(node.pointer + "/kind")


def describe_node(node: Node) -> str:
    """``the Build node "start-build"`` or ``the Build node at /spec/...``."""
    name = f" {quote(node.ref)}" if node.ref else ""
    where = "" if node.ref else f" at {node.pointer}"
    return f"the {node.kind or 'untyped'} node{name}{where}"


def line_of(ctx: RuleContext, pointer: str, *, key: bool = False) -> int | None:
    found = ctx.span(pointer, key=key)
    return found.start.line if found else None


def segment_span(ctx: RuleContext, text: Text, reference: Reference, index: int) -> Span | None:
    """The span of segment ``index`` of ``reference.path`` (0 is the name
    after the root) inside its string value."""
    pos, end = reference.name_start, reference.name_end
    for segment in reference.path[1 : index + 1]:
        found = text.value.find(segment, end, reference.end)
        if found < 0:
            return inside(ctx, text, reference.start, reference.end)
        pos, end = found, found + len(segment)
    return inside(ctx, text, pos, end)
